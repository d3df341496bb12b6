"""Fuzz the review service's whole HTTP surface: N requests (default 10,000) through the Flask test
client, drawn by hypothesis (samples/http_fuzz.py: every route of the URL map and of docs/openapi.yaml,
random ids, bodies, headers, query strings, uploads, methods; anonymous, reviewer, admin, API token).
Prints the count of 5xx answers (must be 0), the status histogram, the store's integrity check and
requests/s.

    python bench/fuzz_http.py [--requests 10000] [--seed 0]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402

from digitize.pipeline import ingest  # noqa: E402
from review import accounts  # noqa: E402
from review.app import create_app  # noqa: E402
from review.store import connect  # noqa: E402
from samples.http_fuzz import Fuzzer, integrity, requests, target_of  # noqa: E402

PASSWORDS = {"fuzz-admin": "fuzz-admin-password", "fuzz-reviewer": "fuzz-reviewer-password"}


def build(folder: Path) -> Path:
    db = folder / "work.db"
    conn = connect(db)
    summary = ingest(conn, sorted((ROOT / "samples" / "seeds").glob("*.txt")), workers=1)
    if summary.failed:
        raise SystemExit(f"ingest failed: {summary.failed}")
    accounts.add_user(conn, "fuzz-admin", PASSWORDS["fuzz-admin"], "admin")
    accounts.add_user(conn, "fuzz-reviewer", PASSWORDS["fuzz-reviewer"], "reviewer")
    accounts.add_user(conn, "fuzz-api", "fuzz-api-password", "approver")
    conn.close()
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    db = build(Path(tempfile.mkdtemp(prefix="fuzz-http-")))
    app = create_app(
        {"DATABASE": str(db), "WORKER": False, "SAMPLE_AUDITS": False, "SESSION_COOKIE_SECURE": False}
    )
    token = accounts.new_token(connect(db), "fuzz-api")
    fuzzer = Fuzzer(app, PASSWORDS, reviewer="fuzz-reviewer", admin="fuzz-admin", token=token)
    strategy = requests(app, target_of(db))

    @seed(args.seed)
    @settings(max_examples=args.requests, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(strategy)
    def one(req) -> None:  # type: ignore[no-untyped-def]
        fuzzer.run(req)

    t0 = time.perf_counter()
    one()
    seconds = time.perf_counter() - t0
    app.extensions["digitize_worker"].stop()
    total = sum(fuzzer.statuses.values())
    fives = sum(n for s, n in fuzzer.statuses.items() if s >= 500)
    print(f"requests: {total} in {seconds:.0f} s ({total / seconds:.0f}/s)")
    print(f"5xx: {fives}")
    print("statuses: " + ", ".join(f"{s}: {n}" for s, n in sorted(fuzzer.statuses.items())))
    print(f"integrity_check: {integrity(db)}")
    for req, status in fuzzer.failures[:10]:
        print(f"  {status} {req.method} {req.path} {req.query} {req.body[0]}")
    if fives:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
