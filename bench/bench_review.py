"""Benchmark (not a test): what a scripted reviewer needs per pending record on the seeds.

The seeds are ingested into a fresh work store (with the default 2 % audit
sample of auto-accepted records); a reviewer logs in to the review service
(in-process WSGI, the same app ``digitize serve`` runs) and works through
the whole queue the way the keyboard flow allows:

* ``one-by-one``: each item is decided on its own page: ``y`` confirms (1 action);
  every fifth item is corrected instead: ``e``, type the value, ``Enter``, ``y``
  (4 actions). A decision opens the next item by itself.
* ``bulk``: as above, but when the item's table has 3 or more items waiting,
  ``A`` confirms them all (1 action shared by the table's items).

Actions are keystrokes and typed values; seconds are the service's wall time for
the requests a record costs (decision + loading the next item), not human time.

    python bench/bench_review.py [--json] [paths ...]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from digitize.pipeline import ingest  # noqa: E402
from review import accounts  # noqa: E402
from review.app import create_app  # noqa: E402
from review.db import open_store  # noqa: E402

PASSWORD = "bench-reviewer-pw"
BULK_MIN = 3


def _store(paths: list[Path], folder: Path) -> Path:
    db = folder / "work.db"
    conn = open_store(db)
    summary = ingest(conn, paths, workers=1)
    if summary.failed:
        raise SystemExit(f"ingest failed: {summary.failed}")
    accounts.add_user(conn, "bench", PASSWORD, "reviewer")
    conn.close()
    return db


def _csrf(client) -> str:  # type: ignore[no-untyped-def]
    with client.session_transaction() as s:
        return s["csrf"]


def _field(html: str, pattern: str) -> str:
    m = re.search(pattern, html)
    if m is None:
        raise AssertionError(f"not on the page: {pattern}")
    return m.group(1)


def review_all(db: Path, strategy: str) -> dict[str, object]:
    app = create_app({"DATABASE": str(db), "SESSION_COOKIE_SECURE": False, "WORKER": False})
    client = app.test_client()
    client.get("/login")
    client.post("/login", data={"username": "bench", "password": PASSWORD, "csrf_token": _csrf(client)})
    pending_before = len(client.get("/queue").get_data(as_text=True).split('class="qrow')) - 1
    t0 = time.perf_counter()
    page = client.get("/queue/next", follow_redirects=True)
    first_open = time.perf_counter() - t0
    actions: list[float] = []
    seconds: list[float] = []
    n = 0
    while page.request.path.startswith("/items/"):
        html = page.get_data(as_text=True)
        item = page.request.path.rsplit("/", 1)[1]
        version = _field(html, r'name="version" value="(\d+)"')
        siblings = int(_field(html, r"Confirm all (\d+) pending items"))
        token = _csrf(client)
        t = time.perf_counter()
        if strategy == "bulk" and siblings >= BULK_MIN:
            table = _field(html, r'action="/tables/([^/]+)/confirm-all"')
            table_version = _field(html, r'name="table_version" value="(\d+)"')
            page = client.post(f"/tables/{table}/confirm-all", follow_redirects=True,
                               data={"csrf_token": token, "table_version": table_version, "via_item": item})  # fmt: skip
            dt = time.perf_counter() - t
            actions += [1 / siblings] * siblings
            seconds += [dt / siblings] * siblings
            n += siblings
            continue
        data = {"csrf_token": token, "version": version, "action": "confirm"}
        cost = 1.0
        if n % 5 == 4:  # a correction: the record's amount (or its first label) typed anew
            amount = re.search(
                r'name="amount_yuan" id="amount_yuan" class="label-field num" value="([^"]*)"', html
            )
            if amount and amount.group(1):
                data["amount_yuan"] = f"{float(amount.group(1)) + 1:.2f}"
                data["action"] = "correct"
                cost = 4.0
        page = client.post(f"/items/{item}/decision", data=data, follow_redirects=True)
        dt = time.perf_counter() - t
        if page.status_code != 200:
            raise AssertionError(f"{item}: {page.status_code}")
        actions.append(cost)
        seconds.append(dt)
        n += 1
    left = len(client.get("/queue").get_data(as_text=True).split('class="qrow')) - 1
    app.extensions["digitize_worker"].stop()
    return {
        "strategy": strategy,
        "pending_records": pending_before,
        "decided": n,
        "left": left,
        "median_actions_per_record": round(statistics.median(actions), 3) if actions else None,
        "mean_actions_per_record": round(statistics.fmean(actions), 3) if actions else None,
        "median_seconds_per_record": round(statistics.median(seconds), 4) if seconds else None,
        "total_seconds": round(sum(seconds) + first_open, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*", type=Path, help="inputs (default: samples/seeds)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args()
    paths = args.paths or sorted((ROOT / "samples" / "seeds").glob("*.txt"))
    results = []
    for strategy in ("one-by-one", "bulk"):
        with tempfile.TemporaryDirectory() as tmp:
            db = _store(paths, Path(tmp))
            results.append(review_all(db, strategy))
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(
        f"scripted reviewer on {len(paths)} inputs (audit share {accounts.SETTINGS['audit_share'][0]:.0%}):"
    )
    for r in results:
        print(f"  {r['strategy']:<11} {r['decided']} of {r['pending_records']} pending records decided ({r['left']} left): "
              f"median {r['median_actions_per_record']} actions (mean {r['mean_actions_per_record']}), "
              f"median {r['median_seconds_per_record']} s per record, {r['total_seconds']} s in all")  # fmt: skip


if __name__ == "__main__":
    main()
