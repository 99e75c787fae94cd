#!/usr/bin/env bash
# Interop with a real MTA, all on 127.0.0.1:
#
#   swaks ──► Postfix (the Trust's relay: own config dir and queue, smtpd on a spare port,
#             relayhost = [127.0.0.1]:EMAILGUARD) ──► EmailGuard ──► smtp-sink (upstream, dumps messages)
#             Postfix's bounces for trust.test go to a second smtp-sink (the sender's "mailbox").
#   swaks ──STARTTLS──► EmailGuard directly (self-signed certificate made with openssl).
#
# Checks: a clean message reaches the upstream; a rejected one comes back to the sender as Postfix's bounce
# carrying our 550 explanation; a held one waits in EmailGuard's quarantine (DATA/spool/hold) and, released with the CLI, arrives; STARTTLS with swaks;
# one JSON decision line per message; health and metrics on the admin endpoint; check-config on the same config.
#
# Usage: tests/interop/postfix-interop.sh [RESULTS_DIR]   (default TestResults; writes interop.trx there)
# Installs postfix, swaks and openssl from Debian packages when missing (needs root, like CI).
# Leaves nothing running: Postfix, both sinks and EmailGuard are stopped by a trap. KEEP=1 keeps the work dir.
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
results=${1:-$repo/TestResults}
mkdir -p "$results"
results=$(cd "$results" && pwd)
export DEBIAN_FRONTEND=noninteractive PATH=$PATH:/usr/sbin
started=$(date +%s)

say() { printf 'interop: %s\n' "$*"; }

install_tools() {
  if [ -x /usr/sbin/postfix ] && [ -x /usr/sbin/smtp-sink ] && command -v swaks >/dev/null 2>&1 && command -v openssl >/dev/null 2>&1; then
    return 0
  fi
  say "installing postfix, swaks, openssl (Debian packages)"
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  apt-get update -qq >/dev/null && apt-get install -y -qq postfix swaks libnet-ssleay-perl libio-socket-ssl-perl openssl >/dev/null
}

# Five free loopback ports, chosen by the kernel.
free_ports() {
  python3 -c '
import socket
socks = [socket.socket() for _ in range(5)]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks: s.close()'
}

# until DEADLINE_SECONDS COMMAND...: poll every 0.2 s until COMMAND succeeds or the deadline passes.
until_ok() {
  local deadline=$(( $(date +%s) + $1 )); shift
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -ge "$deadline" ] && return 1
    sleep 0.2
  done
}

http_get() {  # http_get PATH -> prints "STATUS\nBODY"
  python3 - "$admin_port" "$1" <<'PY'
import sys, urllib.request, urllib.error
try:
    r = urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}{sys.argv[2]}", timeout=10)
    print(r.status); print(r.read().decode())
except urllib.error.HTTPError as e:
    print(e.code); print(e.read().decode())
PY
}

names=() outcomes=()
check() {  # check NAME COMMAND...: records pass/fail
  local name=$1; shift
  if "$@"; then say "PASS $name"; names+=("$name"); outcomes+=(Passed)
  else say "FAIL $name"; names+=("$name"); outcomes+=(Failed); fi
}

write_trx() {
  python3 - "$results/interop.trx" "${#names[@]}" "${names[@]}" "${outcomes[@]}" <<'PY'
import sys, uuid
from xml.sax.saxutils import quoteattr
path, n = sys.argv[1], int(sys.argv[2])
names, outcomes = sys.argv[3:3 + n], sys.argv[3 + n:3 + 2 * n]
passed = outcomes.count("Passed"); failed = n - passed
rows = "".join(f'<UnitTestResult testId="{uuid.uuid4()}" testName={quoteattr("Interop." + t)} outcome="{o}" />' for t, o in zip(names, outcomes))
with open(path, "w") as f:
    f.write('<?xml version="1.0" encoding="utf-8"?>\n'
            '<TestRun id="%s" name="postfix-interop" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">'
            '<Results>%s</Results><ResultSummary outcome="%s"><Counters total="%d" executed="%d" passed="%d" failed="%d" /></ResultSummary></TestRun>\n'
            % (uuid.uuid4(), rows, "Completed" if failed == 0 else "Failed", n, n, passed, failed))
PY
}

work=$(mktemp -d /tmp/emailguard-interop.XXXXXX)
chmod 755 "$work"
pf_etc=$work/postfix/etc
eg_pid= sink_pid= bounce_pid=
cleanup() {
  [ -n "$eg_pid" ] && kill "$eg_pid" 2>/dev/null && wait "$eg_pid" 2>/dev/null
  [ -n "$sink_pid" ] && kill "$sink_pid" 2>/dev/null && wait "$sink_pid" 2>/dev/null
  [ -n "$bounce_pid" ] && kill "$bounce_pid" 2>/dev/null && wait "$bounce_pid" 2>/dev/null
  if [ -f "$pf_etc/main.cf" ]; then
    /usr/sbin/postfix -c "$pf_etc" stop >/dev/null 2>&1 || /usr/sbin/postfix -c "$pf_etc" abort >/dev/null 2>&1 || true
  fi
  if [ "${KEEP:-0}" = 1 ]; then say "work dir kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

install_tools || { say "could not install postfix/swaks"; names+=(tools_installed); outcomes+=(Failed); write_trx; exit 1; }
read -r pf_port eg_port admin_port sink_port bounce_port <<<"$(free_ports)"
say "postfix smtpd 127.0.0.1:$pf_port -> emailguard 127.0.0.1:$eg_port (admin $admin_port) -> smtp-sink 127.0.0.1:$sink_port; bounces -> 127.0.0.1:$bounce_port"

# --- the two sinks (smtp-sink must drop root; its dump directories belong to postfix) ---
mkdir -p "$work/sink" "$work/bounce" && chown postfix "$work/sink" "$work/bounce"
/usr/sbin/smtp-sink -u postfix -d "$work/sink/%H%M%S." "127.0.0.1:$sink_port" 64 >"$work/sink.log" 2>&1 & sink_pid=$!
/usr/sbin/smtp-sink -u postfix -d "$work/bounce/%H%M%S." "127.0.0.1:$bounce_port" 64 >"$work/bounce.log" 2>&1 & bounce_pid=$!

# --- EmailGuard: temp config with a one-pupil directory, STARTTLS certificate, upstream = the sink ---
eg=$work/emailguard
mkdir -p "$eg/config/directory" "$eg/data"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=emailguard.trust.test" \
  -keyout "$eg/config/key.pem" -out "$eg/config/cert.pem" >/dev/null 2>&1
cat >"$eg/config/directory/pupils.csv" <<CSV
upn,first_name,last_name,preferred_name,email,personal_emails
A123,Zoe,Pupilson,,zoe.pupilson@pupils.trust.test,zoe.home@example.com
CSV
cat >"$eg/config/directory/staff.csv" <<CSV
first_name,last_name,email
Sam,Staff,staff@trust.test
CSV
mkdir -p "$eg/config/lexicon"
cat >"$eg/config/lexicon/safety-lexicon.csv" <<CSV
category,severity,phrase
self-harm,high,kill myself
CSV
cat >"$eg/config/emailguard.json" <<JSON
{
  "EmailGuard": {
    "DataDirectory": "$eg/data",
    "ServerName": "emailguard.trust.test",
    "Smtp": {
      "Endpoints": [ "127.0.0.1:$eg_port" ],
      "Tls": { "CertificatePath": "$eg/config/cert.pem", "KeyPath": "$eg/config/key.pem" }
    },
    "Admin": { "Endpoint": "127.0.0.1:$admin_port" },
    "Delivery": { "PostmasterAddress": "postmaster@trust.test" },
    "Upstream": { "Mode": "Smtp", "Host": "127.0.0.1", "Port": $sink_port, "Tls": "None" },
    "Policy": {
      "TrustDomains": [ "trust.test" ],
      "PupilDomains": [ "pupils.trust.test" ],
      "ApprovedAccounts": [ "staff@trust.test" ],
      "DirectoryPath": "directory"
    }
  },
  "Logging": {
    "LogLevel": { "Default": "Information", "Microsoft": "Warning" },
    "Console": { "FormatterName": "json", "FormatterOptions": { "UseUtcTimestamp": true } }
  }
}
JSON

cd "$repo"
dll=$repo/src/EmailGuard/bin/Debug/net10.0/emailguard.dll
dotnet build src/EmailGuard/EmailGuard.csproj -c Debug -nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log"; say "build failed"; names+=(emailguard_builds); outcomes+=(Failed); write_trx; exit 1; }
check check_config_accepts_the_interop_config dotnet "$dll" check-config --config "$eg/config"
dotnet "$dll" run --config "$eg/config" >"$work/emailguard.log" 2>&1 & eg_pid=$!
# Read the whole answer first: piping into head/grep -q could cut python off mid-write (SIGPIPE), which
# pipefail would report as a failure even when the status was 200.
ready() { local r; r=$(http_get /health/ready) || return 1; [ "${r%%$'\n'*}" = 200 ]; }
if ! until_ok 60 ready; then
  say "EmailGuard did not become ready"; tail -30 "$work/emailguard.log"
  names+=(emailguard_starts); outcomes+=(Failed); write_trx; exit 1
fi

# --- Postfix: a separate instance (own config dir, queue, log, ports); chroot off so no jail to build ---
mkdir -p "$pf_etc" "$work/postfix/queue" "$work/postfix/data"
chown postfix "$work/postfix/data"
awk -v port="$pf_port" '
  /^#/ || /^[ \t]/ || NF == 0 { print; next }
  $1 == "smtp" && $2 == "inet" { print "127.0.0.1:" port " inet n - n - - smtpd"; next }
  $5 == "y" { $5 = "n" }
  { print }' /usr/share/postfix/master.cf.dist >"$pf_etc/master.cf"
cat >"$pf_etc/main.cf" <<CF
compatibility_level = 3.6
queue_directory = $work/postfix/queue
data_directory = $work/postfix/data
meta_directory = /etc/postfix
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
shlib_directory = /usr/lib/postfix
mail_owner = postfix
setgid_group = postdrop
syslog_name = postfix-interop
maillog_file = $work/postfix/postfix.log
maillog_file_prefixes = $work/postfix
myhostname = relay.trust.test
mydomain = trust.test
myorigin = trust.test
mydestination =
alias_maps =
alias_database =
local_recipient_maps =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
relayhost = [127.0.0.1]:$eg_port
transport_maps = inline:{ trust.test=smtp:[127.0.0.1]:$bounce_port }
smtp_tls_security_level = may
smtp_tls_loglevel = 1
queue_run_delay = 1s
minimal_backoff_time = 1s
maximal_backoff_time = 2s
delay_warning_time = 0
biff = no
CF
/usr/sbin/postfix -c "$pf_etc" check >"$work/postfix-check.log" 2>&1 || true
if ! /usr/sbin/postfix -c "$pf_etc" start >"$work/postfix-start.log" 2>&1 || ! until_ok 20 bash -c "echo >/dev/tcp/127.0.0.1/$pf_port"; then
  say "postfix did not start"; cat "$work/postfix-check.log" "$work/postfix-start.log"; tail -20 "$work/postfix/postfix.log" 2>/dev/null
  # postfix prints its fatal errors only to a terminal (or syslog): give it one to see why.
  script -qc "/usr/sbin/postfix -c $pf_etc check" /dev/null 2>&1 | tail -5
  names+=(postfix_starts); outcomes+=(Failed); write_trx; exit 1
fi

send_via_postfix() {  # FROM TO SUBJECT MSGID
  swaks --silent 2 --server 127.0.0.1 --port "$pf_port" --helo client.trust.test \
    --from "$1" --to "$2" --header "Subject: $3" --header "Message-Id: <$4@trust.test>" \
    --body "Interop test message $4." >>"$work/swaks.log" 2>&1
}
grep_dir() { grep -rqs -- "$2" "$1"; }
held_count() { find "$eg/data/spool/hold" -name '*.msg' | wc -l; }

run_id=$$-$(date +%s)
send_via_postfix staff@trust.test parent@example.org "Trip letter" "clean-$run_id" \
  && send_via_postfix staff@trust.test parent@example.org "Zoe Pupilson behaviour report" "reject-$run_id" \
  && send_via_postfix staff@trust.test zoe.home@example.com "Homework feedback" "hold-$run_id" \
  || say "swaks could not submit to postfix (see below)"

check clean_message_reaches_the_upstream_sink until_ok 60 grep_dir "$work/sink" "clean-$run_id@trust.test"
bounce_ok() {
  grep_dir "$work/bounce" "reject-$run_id@trust.test" \
    && grep -rqs "^Diagnostic-Code: smtp; 550 5.7.1 Refused by the Trust email policy, rule" "$work/bounce" \
    && grep -rqs "subject-names-individual" "$work/bounce" && grep -rqs "^X-Rcpt-Args: <staff@trust.test>" "$work/bounce"
}
check rejected_message_bounces_to_the_sender_with_our_550_explanation until_ok 60 bounce_ok
held_ok() { [ "$(held_count)" -eq 1 ] && grep -rqs "hold-$run_id@trust.test" "$eg/data/spool/hold"; }
check held_message_waits_in_quarantine until_ok 60 held_ok
not_leaked() { ! grep_dir "$work/sink" "reject-$run_id@trust.test" && ! grep_dir "$work/sink" "hold-$run_id@trust.test"; }
check rejected_and_held_messages_never_reach_the_upstream not_leaked

starttls() {
  swaks --server 127.0.0.1 --port "$eg_port" --tls --helo client.trust.test \
    --from staff@trust.test --to parent@example.org --header "Subject: TLS interop" \
    --header "Message-Id: <tls-$run_id@trust.test>" --body "Over STARTTLS." >"$work/swaks-tls.log" 2>&1 \
    && grep -q "TLS started" "$work/swaks-tls.log" && grep -q "<~  250 2.0.0 Ok: queued as" "$work/swaks-tls.log" \
    && until_ok 60 grep_dir "$work/sink" "tls-$run_id@trust.test"
}
check swaks_starttls_to_emailguard_is_relayed starttls
postfix_used_tls() { grep -q "Trusted TLS connection established\|Untrusted TLS connection established\|Anonymous TLS connection established" "$work/postfix/postfix.log"; }
check postfix_relays_to_emailguard_over_starttls postfix_used_tls

decisions_ok() {  # one JSON decision line (event 1003) per message: clean, reject, hold, tls = 4; no addresses in them
  python3 - "$work/emailguard.log" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
decisions = [l for l in lines if l.get("EventId") == 1003]
actions = sorted(d["State"]["Action"] for d in decisions)
ok = actions == ["forward", "forward", "hold", "reject"] and not any("@" in d["Message"] for d in decisions)
print(actions); sys.exit(0 if ok else 1)
PY
}
check one_json_decision_line_per_message decisions_ok
metrics_ok() {  # OpenTelemetry's exporter adds otel_scope_name="EmailGuard" to every series: drop it to compare
  local m; m=$(http_get /metrics | sed -E 's/\{otel_scope_name="EmailGuard",?/{/; s/\{\}//')
  grep -q '^emailguard_messages_received_total 4$' <<<"$m" \
    && grep -q '^emailguard_messages_rejected_total{rule="subject-names-individual"} 1$' <<<"$m" \
    && grep -q '^emailguard_queue_depth{area="hold"} 1$' <<<"$m" \
    && ! grep -q '@' <<<"$m"
}
check metrics_count_the_messages until_ok 20 metrics_ok
released_ok() {  # the E-safety monitor releases the held message with the CLI; the running service delivers it
  local id
  id=$(find "$eg/data/spool/hold" -name '*.msg' -printf '%f\n' | head -n 1); id=${id%.msg}
  [ -n "$id" ] && dotnet "$dll" quarantine release "$id" --config "$eg/config" --by interop >>"$work/release.log" 2>&1 \
    && until_ok 60 grep_dir "$work/sink" "hold-$run_id@trust.test" && [ "$(held_count)" -eq 0 ]
}
check released_message_reaches_the_upstream released_ok
ready_verbose() { local r; r=$(http_get /health/ready); [ "${r%%$'\n'*}" = 200 ] || { echo "$r"; return 1; }; }
check health_ready_is_200 ready_verbose

write_trx
passed=0; for o in "${outcomes[@]}"; do [ "$o" = Passed ] && passed=$((passed + 1)); done
failed=$(( ${#outcomes[@]} - passed ))
if [ "$failed" -gt 0 ]; then
  say "--- swaks ---"; tail -20 "$work/swaks.log"; say "--- postfix log ---"; tail -30 "$work/postfix/postfix.log"
  say "--- emailguard log ---"; tail -20 "$work/emailguard.log"
fi
# Not in the "N passed, N failed" form: .ci/run prints the one summary line, these checks included.
say "done in $(( $(date +%s) - started )) s: $passed checks passed, $failed failed"
[ "$failed" -eq 0 ]
