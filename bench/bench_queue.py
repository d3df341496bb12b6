"""Benchmark (not a test): requests/s of the queue and item pages against the size of the store.

Stores of growing size are built with synthetic documents inserted directly (review.synthetic: one
budget table of 20 rows × 3 amounts and one performance table of 3 indicators each, ~30 % of
records pending, ~19 items pending per document), 2 % of the auto-accepted records sampled as
audits; the queue's counts are brought up to date once (the "count s" column: what the first reader
after a bulk ingest pays). A logged-in reviewer then requests /queue (the first page), /queue?page=3
and item pages (in-process WSGI, the app ``digitize serve`` runs) for a fixed time each. The smallest
store must fill page 3 (100 documents give ~1,900 pending items, 19 pages of 100), so every store
measures the same pages; ratios are to the smallest store.

    python bench/bench_queue.py [--sizes 100,1000,5000] [--seconds 3]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from review import accounts, audits, work_queue  # noqa: E402
from review.app import create_app  # noqa: E402
from review.queue import PAGE_SIZE  # noqa: E402
from review.store import connect  # noqa: E402
from review.synthetic import add_documents  # noqa: E402

PASSWORD = "bench-reviewer-pw"


def build(folder: Path, documents: int) -> Path:
    db = folder / f"store-{documents}.db"
    conn = connect(db)
    add_documents(conn, documents, rows=20)
    audits.sample_audits(conn, share=0.02)
    accounts.add_user(conn, "bench", PASSWORD, "reviewer")
    conn.close()
    return db


def client_for(db: Path):  # type: ignore[no-untyped-def]
    app = create_app({"DATABASE": str(db), "TESTING": True, "SESSION_COOKIE_SECURE": False,
                      "SAMPLE_AUDITS": False, "WORKER": False})  # fmt: skip
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    r = client.post("/login", data={"username": "bench", "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 302, r.status_code
    return client


def rate(client, paths: list[str], seconds: float) -> float:  # type: ignore[no-untyped-def]
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        r = client.get(paths[n % len(paths)])
        assert r.status_code == 200, (paths[n % len(paths)], r.status_code)
        n += 1
    return n / (time.perf_counter() - t0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-queue-") as tmp:
        for size in sizes:
            t0 = time.perf_counter()
            db = build(Path(tmp), size)
            built = time.perf_counter() - t0
            conn = connect(db)
            t0 = time.perf_counter()
            work_queue.summarize(conn)
            counted = time.perf_counter() - t0
            pending = work_queue.count_items(conn)
            if pending < 3 * PAGE_SIZE:
                sys.exit(
                    f"{size} documents give {pending} pending items: too few to fill page 3 of {PAGE_SIZE}"
                )
            items = [f"/items/{it.id}" for it in work_queue.list_items(conn, limit=50, offset=0)]
            conn.close()
            client = client_for(db)
            rows.append((size, pending, built, counted, rate(client, ["/queue"], args.seconds),
                         rate(client, ["/queue?page=3"], args.seconds), rate(client, items, args.seconds)))  # fmt: skip
    base = rows[0]
    print(f"pages of {PAGE_SIZE} items")
    print(f"{'documents':>9} {'pending':>8} {'build s':>8} {'count s':>8} {'queue r/s':>10} {'ratio':>6} "
          f"{'page 3 r/s':>10} {'ratio':>6} {'item r/s':>9} {'ratio':>6}")  # fmt: skip
    for size, pending, built, counted, q, q3, item in rows:
        print(f"{size:>9} {pending:>8} {built:>8.1f} {counted:>8.2f} {q:>10.1f} {q / base[4]:>6.2f} "
              f"{q3:>10.1f} {q3 / base[5]:>6.2f} {item:>9.1f} {item / base[6]:>6.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
