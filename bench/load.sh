#!/usr/bin/env bash
# End-to-end load, EmailGuard against Postfix as a plain relay (the peer to beat), in one run on this machine:
#   load -> relay under test -> smtp-sink
# All rules on with a generated 50,000-pupil directory, fsync on (EmailGuard's spool, Postfix's queue).
#
#   bench/load.sh            the full table (takes a few minutes)
#   ROUNDS=1 N10K=2000 bench/load.sh   a quicker run
#
# Per row it prints msgs/s for each (acceptance rate: time until every message got its reply), the time until
# the sink had everything, and the ratio EmailGuard/Postfix; then accept latency p50/p99 at half of the
# measured maximum, and peak RSS (EmailGuard: the process's VmHWM; Postfix: the largest sum over its processes).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=${ROUNDS:-3}; N10K=${N10K:-5000}; N1M=${N1M:-200}
SINK=2600; PEER=2526; EG=2525
peer="$here/../shared/bench/postfix-peer.sh"
[ -f "$peer" ] || { echo "needs ../shared/bench/postfix-peer.sh beside the repo"; exit 1; }
work=$(mktemp -d /tmp/emailguard-load.XXXXXX)
cleanup() {
  [ -n "${egpid:-}" ] && kill "$egpid" 2>/dev/null || true
  [ -n "${sinkpid:-}" ] && kill "$sinkpid" 2>/dev/null || true
  bash "$peer" stop || true
  rm -rf "$work"
}
trap cleanup EXIT

bash "$peer" install
echo "building EmailGuard and the load client (Release), and a 50,000-pupil directory, in $work"
dotnet publish "$here/src/EmailGuard" -c Release -o "$work/app" >/dev/null
dotnet build "$here/bench/EmailGuard.Load" -c Release -o "$work/load" >/dev/null
mkdir -p "$work/config/directory"
cp -r "$here/config/lexicon" "$work/config/"
dotnet run -c Release --project "$here/bench/EmailGuard.Benchmarks" -- gen-directory 50000 "$work/config/directory" >/dev/null
cat >"$work/config/emailguard.json" <<JSON
{ "EmailGuard": {
    "DataDirectory": "$work/data", "ServerName": "emailguard.load.test",
    "Smtp": { "Endpoints": ["127.0.0.1:$EG"], "MaxSessions": 200, "MaxSessionsPerClient": 200 },
    "Upstream": { "Mode": "Smtp", "Host": "127.0.0.1", "Port": $SINK, "Tls": "None", "MaxConnections": 8 },
    "Delivery": { "Workers": 16 },
    "Policy": { "TrustDomains": ["trust.example"], "PupilDomains": ["pupils.trust.example"],
                "ApprovedAccounts": ["bench@trust.example"], "DirectoryPath": "directory" } },
  "Logging": { "LogLevel": { "Default": "Warning" } } }
JSON

bash "$peer" sink $SINK & sinkpid=$!
bash "$peer" start $SINK >/dev/null
start_eg() {
  (cd "$work" && exec dotnet app/emailguard.dll run --config config) & egpid=$!
  for _ in $(seq 1 100); do (echo >/dev/tcp/127.0.0.1/$EG) 2>/dev/null && break; sleep 0.1; done
}
stop_eg() { kill "$egpid"; wait "$egpid" 2>/dev/null || true; }
eg_peak() { awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$egpid/status; }
start_eg

count() { bash "$peer" count $SINK 2>/dev/null || echo 0; }
postfix_rss() { ps -C master,smtpd,cleanup,qmgr,smtp,trivial-rewrite,proxymap -o rss= 2>/dev/null | awk '{s+=$1} END {print s+0}'; }

rate() {  # port n size sessions -> "msgs/s drain_seconds"
  local port=$1 n=$2 size=$3 sessions=$4 before t0 t1 t2
  before=$(count); before=${before:-0}
  t0=$(date +%s.%N)
  /usr/sbin/smtp-source -c -s "$sessions" -m "$n" -l "$size" -f bench@trust.example -t sink@example.net "127.0.0.1:$port" >/dev/null
  t1=$(date +%s.%N)
  while [ "$(count)" -lt $((before + n)) ]; do sleep 0.05; done
  t2=$(date +%s.%N)
  python3 -c "print(f'{$n/($t1-$t0):.0f} {$t2-$t0:.2f}')"
}

row() {  # label n size sessions
  local label=$1 n=$2 size=$3 sessions=$4 r p pd e ed
  for r in $(seq 1 "$ROUNDS"); do
    read -r p pd < <(rate $PEER "$n" "$size" "$sessions")
    read -r e ed < <(rate $EG "$n" "$size" "$sessions")
    printf '%-22s %5s %12s %12s %10s %10s %7s\n' "$label" "$r" "$p" "$e" "$pd" "$ed" "$(python3 -c "print(f'{$e/$p:.2f}')")"
    echo "$p $e" >>"$work/$label.rates"
  done
}

# Peak RSS of the Postfix processes, sampled while the rows run.
( peak=0; while [ -d "$work" ]; do r=$(postfix_rss); [ "$r" -gt "$peak" ] && peak=$r && echo $peak >"$work/postfix.peak"; sleep 0.2; done ) 2>/dev/null &

echo "warm-up (JIT, connections)"; rate $PEER 500 10240 20 >/dev/null; rate $EG 500 10240 20 >/dev/null
printf '%-22s %5s %12s %12s %10s %10s %7s\n' row round postfix/s emailguard/s pf_drain_s eg_drain_s ratio
row "10KB-20sessions" "$N10K" 10240 20
row "1MB-10sessions" "$N1M" 1048576 10
peak_small=$(eg_peak)
# Accept latency at half of each relay's best 10 KB rate, with our client (end of DATA sent -> 250 read).
read -r pmax emax < <(sort -k1,1n "$work/10KB-20sessions.rates" | awk '{p=$1>p?$1:p; e=$2>e?$2:e} END {print p, e}')
echo "accept latency, 10 KB, 20 sessions, at half of the best rate measured above:"
echo "  postfix    @ $((pmax / 2)) msgs/s: $(dotnet "$work/load/EmailGuard.Load.dll" 127.0.0.1:$PEER $((pmax * 5)) 10240 20 $((pmax / 2)))"
echo "  emailguard @ $((emax / 2)) msgs/s: $(dotnet "$work/load/EmailGuard.Load.dll" 127.0.0.1:$EG $((emax * 5)) 10240 20 $((emax / 2)))"
echo "  emailguard @ $((pmax / 2)) msgs/s (postfix's half rate): $(dotnet "$work/load/EmailGuard.Load.dll" 127.0.0.1:$EG $((pmax * 5)) 10240 20 $((pmax / 2)))"
# A fresh EmailGuard for the large-message row, so its peak RSS is that row's own.
stop_eg; start_eg
row "25MB-10concurrent" 10 26214400 10
peak_large=$(eg_peak)

echo "peak RSS: emailguard $peak_small over the 10 KB and 1 MB rows, $peak_large over the 25 MB row (fresh process, 50,000-pupil directory loaded);"
echo "          postfix processes $(awk '{printf "%.0f MB", $1/1024}' "$work/postfix.peak" 2>/dev/null || echo '?') (sum of RSS over its processes, shared pages counted in each)"
