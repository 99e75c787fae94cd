#!/usr/bin/env python3
"""Crash safety and upstream outage: every message that got 250 reaches the upstream.

Sends N messages (unique Message-IDs) over several sessions to EmailGuard and, in the middle of the load,
either kill -9s EmailGuard and restarts it on the same spool (--kills), or stops the upstream sink for a while
and brings it back (--outage SECONDS; the queue grows, the circuit breaker opens, then everything drains).
Checks by Message-ID that every message that got 250 arrived at a capturing SMTP sink. Duplicates are counted
(at-least-once delivery is acceptable); losses fail the run.

    python3 tests/crash/crash-safety.py [--messages 2000] [--sessions 8] [--kills 2]
    python3 tests/crash/crash-safety.py --kills 0 --outage 8

Runs EmailGuard from a Release publish it builds itself. Everything listens on 127.0.0.1 only.
"""
import warnings
warnings.filterwarnings("ignore", category=DeprecationWarning)  # smtpd/asyncore: stdlib on 3.11, enough for a sink
import argparse, asyncore, collections, json, os, random, re, shutil, signal, smtpd, smtplib, socket
import subprocess, sys, tempfile, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sink(smtpd.SMTPServer):
    """Records the Message-ID of every message it accepts."""

    def __init__(self, port):
        super().__init__(("127.0.0.1", port), None, decode_data=False)
        self.ids = collections.Counter()
        self.lock = threading.Lock()

    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        m = re.search(rb"^Message-ID: <([^>]+)>", data, re.M | re.I)
        with self.lock:
            self.ids[m.group(1).decode() if m else "?"] += 1


def wait_port(port, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            time.sleep(0.05)
    return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=2000)
    ap.add_argument("--sessions", type=int, default=8)
    ap.add_argument("--kills", type=int, default=2)
    ap.add_argument("--outage", type=float, default=0, help="seconds the upstream sink is down mid-load")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="emailguard-crash-")
    app = os.path.join(work, "app")
    print(f"publishing EmailGuard to {app}", flush=True)
    subprocess.run(["dotnet", "publish", os.path.join(ROOT, "src/EmailGuard"), "-c", "Release", "-o", app],
                   check=True, stdout=subprocess.DEVNULL)
    shutil.copytree(os.path.join(ROOT, "config"), os.path.join(work, "config"))
    sink_port, eg_port = free_port(), free_port()
    cfg_path = os.path.join(work, "config", "emailguard.json")
    cfg = json.load(open(cfg_path))
    eg = cfg["EmailGuard"]
    eg["DataDirectory"] = os.path.join(work, "data")
    eg["Smtp"]["Endpoints"] = [f"127.0.0.1:{eg_port}"]
    eg["Upstream"] = {"Mode": "Smtp", "Host": "127.0.0.1", "Port": sink_port, "Tls": "None"}
    eg["Delivery"]["RetryInitialDelay"] = "00:00:01"
    eg["Delivery"]["RetryMaxDelay"] = "00:00:02"
    eg["Upstream"]["CircuitBreaker"] = {"BreakDuration": "00:00:02", "MinimumThroughput": 5}
    eg["Upstream"]["Retry"] = {"MaxAttempts": 2, "BaseDelay": "00:00:00.2", "MaxDelay": "00:00:01"}
    cfg["Logging"] = {"LogLevel": {"Default": "Warning", "EmailGuard.Gateway.Delivery": "Information"}}
    json.dump(cfg, open(cfg_path, "w"))

    sink = Sink(sink_port)
    threading.Thread(target=asyncore.loop, kwargs={"timeout": 0.1}, daemon=True).start()
    log = open(os.path.join(work, "emailguard.log"), "w")

    def start():
        p = subprocess.Popen(["dotnet", os.path.join(app, "emailguard.dll"), "run", "--config", "config"], cwd=work,
                             stdout=log, stderr=subprocess.STDOUT)
        if not wait_port(eg_port):
            sys.exit("EmailGuard did not start")
        return p

    proc = start()
    accepted, refused = set(), 0
    lock = threading.Lock()
    counter = iter(range(args.messages))
    sender = "office@oakfield-trust.example"

    def send_loop():
        nonlocal refused
        client = None
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            mid = f"crash-{i}@oakfield-trust.example"
            msg = (f"From: {sender}\r\nTo: parent@example.org\r\nSubject: Newsletter {i}\r\n"
                   f"Message-ID: <{mid}>\r\n\r\n" + "Lorem ipsum dolor sit amet.\r\n" * 300)
            try:
                if client is None:
                    client = smtplib.SMTP("127.0.0.1", eg_port, timeout=10)
                client.sendmail(sender, ["parent@example.org"], msg)
                with lock:
                    accepted.add(mid)
            except Exception:
                with lock:
                    refused += 1
                client = None
                time.sleep(0.05)

    threads = [threading.Thread(target=send_loop) for _ in range(args.sessions)]
    for t in threads:
        t.start()
    kills = 0
    if args.outage > 0:
        time.sleep(1.0)
        asyncore.close_all()  # the upstream goes away: open connections dropped, new ones refused
        print(f"upstream down after {len(accepted)} accepted", flush=True)
        time.sleep(args.outage)
        queued = len(os.listdir(os.path.join(work, "data", "spool", "queue")))
        sink_back = Sink(sink_port)
        sink_back.ids, sink_back.lock = sink.ids, sink.lock
        threading.Thread(target=asyncore.loop, kwargs={"timeout": 0.1}, daemon=True).start()
        print(f"upstream back after {args.outage:.0f} s; {len(accepted)} accepted, queue files: {queued}", flush=True)
    while any(t.is_alive() for t in threads) and kills < args.kills:
        time.sleep(random.uniform(0.5, 1.5))
        if any(t.is_alive() for t in threads):
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            kills += 1
            print(f"kill -9 #{kills} after {len(accepted)} accepted", flush=True)
            time.sleep(0.3)
            proc = start()
    for t in threads:
        t.join()

    deadline = time.time() + 120
    while time.time() < deadline:
        with sink.lock:
            missing = [m for m in accepted if sink.ids[m] == 0]
        if not missing:
            break
        time.sleep(0.2)
    proc.terminate()
    proc.wait()
    log.close()
    circuit = sum(1 for line in open(os.path.join(work, "emailguard.log")) if "ircuit" in line and "open" in line.lower())
    print(f"circuit breaker log lines mentioning open: {circuit}")
    with sink.lock:
        dupes = sum(c - 1 for m, c in sink.ids.items() if c > 1)
        delivered = sum(1 for m in accepted if sink.ids[m] > 0)
    print(f"sent {args.messages}, got 250: {len(accepted)}, refused/failed at the client: {refused}, kills: {kills}")
    print(f"delivered to the sink: {delivered} of {len(accepted)} accepted, missing: {len(missing)}, duplicates: {dupes}")
    shutil.rmtree(work, ignore_errors=True)
    print("PASS" if not missing else "FAIL: accepted messages were lost")
    sys.exit(0 if not missing else 1)


if __name__ == "__main__":
    main()
