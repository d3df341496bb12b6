"""Load test (not a test): 8 reviewers deciding at once on a 1,000-document store while an ingest runs.

A work store of synthetic documents is built (review.synthetic, records inserted directly); the
script starts the real server (``digitize serve``, waitress) on 127.0.0.1 at a free port and an
ingest of the sample seeds (``digitize ingest``) in subprocesses; 8 reviewer threads use the JSON
API: list a page of the queue, claim an item, decide it (confirm, or correct every fifth), each
for a bounded number of decisions and seconds. At the end it checks that no decision was lost or
doubled: every record a reviewer was told was decided has exactly one decision in the audit trail,
with the status the record has, and the store holds no decision nobody was told of. It prints
p50/p95 latency per request kind and the counts. Loopback only; bounded in count and time.

    python bench/load_review.py [--documents 1000] [--reviewers 8] [--decisions 40] [--seconds 90]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from review import accounts  # noqa: E402
from review.store import connect  # noqa: E402
from review.synthetic import add_documents  # noqa: E402

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "digitize.cli", *args]


class Reviewer(threading.Thread):
    def __init__(self, n: int, port: int, token: str, decisions: int, deadline: float) -> None:
        super().__init__(name=f"reviewer-{n}")
        self.n, self.port, self.token, self.decisions, self.deadline = n, port, token, decisions, deadline
        self.latency: dict[str, list[float]] = {"list": [], "claim": [], "decide": []}
        self.decided: dict[str, str] = {}  # item → status the service answered
        self.codes: Counter[str] = Counter()
        self.rng = random.Random(n)

    def call(
        self, conn: http.client.HTTPConnection, kind: str, method: str, path: str, body: dict | None = None
    ):
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        t0 = time.perf_counter()
        conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
        r = conn.getresponse()
        data = r.read()
        self.latency[kind].append(time.perf_counter() - t0)
        self.codes[f"{kind} {r.status}"] += 1
        return r.status, json.loads(data) if data else {}

    def run(self) -> None:
        conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
        while len(self.decided) < self.decisions and time.time() < self.deadline:
            status, body = self.call(
                conn, "list", "GET", f"/api/items?limit=20&offset={self.rng.randrange(0, 400)}"
            )
            if status != 200 or not body["items"]:
                continue
            item = self.rng.choice([it for it in body["items"] if it["kind"] != "table"] or body["items"])
            status, _ = self.call(conn, "claim", "POST", f"/api/items/{item['id']}/claim")
            if status != 200:
                continue  # another reviewer holds it
            decision: dict = {"action": "confirm", "version": item["version"]}
            if item["kind"] == "line_item" and self.rng.random() < 0.2:
                decision = {"action": "correct", "version": item["version"],
                            "changes": {"amount_yuan": round((item["amount"] or 0) + 1, 2)}}  # fmt: skip
            status, body = self.call(conn, "decide", "POST", f"/api/items/{item['id']}/decision", decision)
            if status == 200:
                if item["id"] in self.decided:
                    self.codes["decided twice by one reviewer"] += 1
                self.decided[item["id"]] = body["status"]
        conn.close()


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--reviewers", type=int, default=8)
    parser.add_argument("--decisions", type=int, default=40, help="decisions per reviewer (at most)")
    parser.add_argument("--seconds", type=float, default=90.0, help="time limit of the reviewers")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    with tempfile.TemporaryDirectory(prefix="load-review-") as tmp:
        db = Path(tmp) / "work.db"
        t0 = time.perf_counter()
        conn = connect(db)
        add_documents(conn, args.documents, rows=20)
        tokens = []
        for n in range(args.reviewers):
            accounts.add_user(conn, f"reviewer{n}", f"load-password-{n}", "reviewer")
            tokens.append(accounts.new_token(conn, f"reviewer{n}"))
        conn.close()
        print(f"store: {args.documents} synthetic documents built in {time.perf_counter() - t0:.1f} s")
        port = free_port()
        log = open(Path(tmp) / "serve.log", "w")  # noqa: SIM115 (closed after the server stops)
        server = subprocess.Popen(cli("serve", "--db", str(db), "--host", HOST, "--port", str(port), "--insecure-cookies"),
                                  env=env, stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
        ingest = None
        try:
            deadline = time.time() + 60
            while True:
                try:
                    c = http.client.HTTPConnection(HOST, port, timeout=5)
                    c.request("GET", "/api/health")
                    if c.getresponse().status == 200:
                        break
                except OSError:
                    pass
                if time.time() > deadline or server.poll() is not None:
                    raise SystemExit(
                        f"the server did not start: {(Path(tmp) / 'serve.log').read_text()[-2000:]}"
                    )
                time.sleep(0.2)
            seeds = sorted(str(p) for p in (ROOT / "samples" / "seeds").glob("*.txt"))
            ingest = subprocess.Popen(cli("ingest", *seeds, "--db", str(db), "--workers", "1", "--quiet"), env=env,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
            t0 = time.perf_counter()
            reviewers = [Reviewer(n, port, tokens[n], args.decisions, time.time() + args.seconds)
                         for n in range(args.reviewers)]  # fmt: skip
            for r in reviewers:
                r.start()
            for r in reviewers:
                r.join(args.seconds + 120)
            wall = time.perf_counter() - t0
            out, err = ingest.communicate(timeout=600)
            ingest_rc = ingest.returncode
        finally:
            if ingest is not None and ingest.poll() is None:
                ingest.kill()
            server.terminate()
            server.wait(30)
            log.close()
        told: dict[str, str] = {}
        doubled_by_clients = 0
        for r in reviewers:
            for item, status in r.decided.items():
                doubled_by_clients += item in told
                told[item] = status
        conn = connect(db)
        audit = Counter()
        status_after: dict[str, str] = {}
        for row in conn.execute(
            "SELECT item_id, status_after FROM review_audit WHERE action IN ('confirm', 'correct', 'reject')"
        ):
            audit[row["item_id"]] += 1
            status_after[row["item_id"]] = row["status_after"]
        lost = [i for i in told if audit[i] == 0]
        doubled = [i for i, n in audit.items() if n > 1]
        unknown = [i for i in audit if i not in told]
        mismatched = []
        for item in audit:
            kind, _, key = item.partition("-")
            name = {"li": "line_items", "ind": "indicators", "tbl": "tables"}[kind]
            (status,) = conn.execute(f"SELECT status FROM {name} WHERE id = ?", (key,)).fetchone()
            if status != status_after[item] or (item in told and told[item] != status):
                mismatched.append(item)
        ingested = conn.execute(
            "SELECT count(*) FROM documents WHERE id NOT LIKE 'syn%' AND status = 'done'"
        ).fetchone()[0]
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        codes = Counter()
        for r in reviewers:
            codes.update(r.codes)
        print(f"reviewers: {args.reviewers} threads for {wall:.1f} s against http://{HOST}:{port} (waitress)")
        print(
            f"ingest during the run: exit {ingest_rc}, {ingested} of {len(seeds)} seeds done; {out.strip().splitlines()[-1] if out.strip() else err.strip()[-200:]}"
        )
        for kind in ("list", "claim", "decide"):
            lat = [x for r in reviewers for x in r.latency[kind]]
            print(f"{kind:>7}: {len(lat):5d} requests  p50 {pct(lat, 0.5):7.1f} ms  p95 {pct(lat, 0.95):7.1f} ms  "
                  f"max {pct(lat, 1.0):7.1f} ms")  # fmt: skip
        every = [x for r in reviewers for k in r.latency for x in r.latency[k]]
        print(f"    all: {len(every):5d} requests  p50 {pct(every, 0.5):7.1f} ms  p95 {pct(every, 0.95):7.1f} ms  "
              f"({len(every) / wall:.1f} requests/s)")  # fmt: skip
        print("answers: " + ", ".join(f"{k}: {v}" for k, v in sorted(codes.items())))
        print(f"decisions: {len(told)} answered 200, {sum(audit.values())} in the audit trail; lost {len(lost)}, "
              f"doubled {len(doubled) + doubled_by_clients}, unknown {len(unknown)}, status mismatched {len(mismatched)}; "
              f"integrity_check {check}")  # fmt: skip
        ok = not (lost or doubled or unknown or mismatched or doubled_by_clients) and check == "ok"
        print("OK: no decision lost or doubled" if ok else "FAILED")
        if not ok:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
