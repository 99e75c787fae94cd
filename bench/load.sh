#!/usr/bin/env bash
# End-to-end load: smtp-source -> EmailGuard -> smtp-sink, and the same load through Postfix as a plain relay
# (the peer to beat), in one run. All rules on with a generated 50,000-pupil directory, fsync on.
#
#   bench/load.sh [N] [SIZE] [SESSIONS] [ROUNDS]     defaults: 5000 10240 20 3
#
# Prints msgs/s for each (acceptance rate: smtp-source time until every message got its reply), the time
# until the sink had everything, EmailGuard's peak RSS, and the ratio EmailGuard/Postfix per round.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-5000}; SIZE=${2:-10240}; SESSIONS=${3:-20}; ROUNDS=${4:-3}
SINK=2600; PEER=2526; EG=2525
peer="$here/../shared/bench/postfix-peer.sh"
[ -f "$peer" ] || { echo "needs ../shared/bench/postfix-peer.sh beside the repo"; exit 1; }
work=$(mktemp -d /tmp/emailguard-load.XXXXXX)
cleanup() { [ -n "${egpid:-}" ] && kill "$egpid" 2>/dev/null; [ -n "${sinkpid:-}" ] && kill "$sinkpid" 2>/dev/null; bash "$peer" stop; }
trap cleanup EXIT

bash "$peer" install
echo "building EmailGuard (Release) and a 50,000-pupil directory in $work"
dotnet publish "$here/src/EmailGuard" -c Release -o "$work/app" >/dev/null
mkdir -p "$work/config/directory"
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
(cd "$work" && exec dotnet app/emailguard.dll run --config config) & egpid=$!
for _ in $(seq 1 100); do (echo >/dev/tcp/127.0.0.1/$EG) 2>/dev/null && break; sleep 0.1; done

rate() {  # port -> msgs/s, and waits for the sink to have everything
  local port=$1 before t0 t1 t2
  before=$(bash "$peer" count $SINK 2>/dev/null || echo 0); before=${before:-0}
  t0=$(date +%s.%N)
  /usr/sbin/smtp-source -c -s "$SESSIONS" -m "$N" -l "$SIZE" -f bench@trust.example -t sink@example.net "127.0.0.1:$port" >/dev/null
  t1=$(date +%s.%N)
  while [ "$(bash "$peer" count $SINK 2>/dev/null || echo 0)" -lt $((before + N)) ]; do sleep 0.05; done
  t2=$(date +%s.%N)
  python3 -c "print(f'{$N/($t1-$t0):.0f} {$t2-$t0:.2f}')"
}
echo "load: $N messages x $SIZE bytes over $SESSIONS sessions, $ROUNDS rounds (A/B alternating)"
printf '%-6s %14s %14s %16s %16s %8s\n' round postfix_msg/s emailguard_msg/s postfix_drain_s emailguard_drain_s ratio
for r in $(seq 1 "$ROUNDS"); do
  read -r p pd < <(rate $PEER)
  read -r e ed < <(rate $EG)
  printf '%-6s %14s %14s %16s %16s %8s\n' "$r" "$p" "$e" "$pd" "$ed" "$(python3 -c "print(f'{$e/$p:.2f}')")"
done
echo "EmailGuard peak RSS: $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$egpid/status)"
