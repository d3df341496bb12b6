"""A scripted reviewer clears a 30-item mixed queue in Chromium (1280×800, zh-CN).

The queue: line items, indicators and tables of text (layout, tsv), PDF and scan sources, ingested
for real: generated documents and a seed from samples/, and a real scanned notice read in place
from ../shared/real/ (its sideways tables give pending line items and a pending table). The reviewer works from the keyboard: confirm (y); every fifth record
corrected (e, the new value, Enter, y); every seventh rejected (r, the reason, Enter). Prints the
actions per record (key presses and typed values; target ≤ 3 on average) and the seconds per record.

    .venv/bin/python bench/bench_reviewer.py
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]  # fmt: skip
ITEMS = 30
REAL_SCAN = ROOT.parent / "shared/real/长沙市财政局2025年普惠金融发展专项资金预算扫描件.pdf"


def build(folder: Path) -> Path:
    from click.testing import CliRunner

    from digitize.cli import main
    from review import accounts
    from review.store import connect

    db = folder / "work.db"
    inputs = [ROOT / "samples/generated/synth_0244/ruled.layout.txt", ROOT / "samples/generated/synth_0245/tables.tsv.txt",
              ROOT / "samples/generated/synth_0246/ruled.pdf", *sorted((ROOT / "samples/scans").glob("*-150dpi"))[:1],
              *sorted((ROOT / "samples/seeds").glob("004_*.txt")), REAL_SCAN]  # fmt: skip
    r = CliRunner().invoke(main, ["ingest", *map(str, inputs), "--db", str(db), "--quiet", "--workers", "2"])
    assert r.exit_code == 0, r.output
    conn = connect(db)
    accounts.add_user(conn, "rita", "rita-password", "reviewer")
    conn.close()
    return db


def main() -> int:
    from playwright.sync_api import sync_playwright
    from waitress.server import create_server

    from review.app import create_app
    from review.store import connect
    from review.work_queue import list_items

    folder = Path(tempfile.mkdtemp(prefix="bench-reviewer-"))
    db = build(folder)
    queue = list_items(connect(db), "pending")
    formats = dict(sqlite3.connect(db).execute("SELECT id, format FROM documents").fetchall())
    groups: dict[tuple[str, str], list] = {}
    for it in queue:  # round robin over (source format, kind), so every shape and kind is in the 30
        groups.setdefault((formats[it.document_id], it.kind), []).append(it)
    picked = []
    while len(picked) < ITEMS and any(groups.values()):
        for key in sorted(groups):
            if groups[key] and len(picked) < ITEMS:
                picked.append(groups[key].pop(0))
    app = create_app(
        {"DATABASE": str(db), "SESSION_COOKIE_SECURE": False, "SAMPLE_AUDITS": False, "WORKER": False}
    )
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    base = f"http://127.0.0.1:{server.effective_port}"
    actions = 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN").new_page()
        page.goto(f"{base}/login")
        page.fill("#username", "rita")
        page.fill("#password", "rita-password")
        page.keyboard.press("Enter")
        page.wait_for_url(f"{base}/")
        t0 = time.perf_counter()
        for n, it in enumerate(picked):
            page.goto(f"{base}/items/{it.id}")  # the queue's next item (opened by the confirm before it)
            if n % 7 == 6:
                page.keyboard.press("r")
                page.keyboard.type("不是预算数据")
                page.keyboard.press("Enter")
                actions += 3
            elif n % 5 == 4 and it.kind == "line_item" and page.locator("#record-cell").count():
                page.keyboard.press("e")
                page.keyboard.type("1.00")
                page.keyboard.press("Enter")
                page.keyboard.press("y")
                actions += 4
            else:
                page.keyboard.press("y")
                actions += 1
            page.wait_for_url(lambda url, item=it.id: f"/items/{item}" not in url)
            page.wait_for_load_state("load")
        seconds = time.perf_counter() - t0
        browser.close()
    server.close()
    marks = ",".join("?" * len(picked))
    decided = (
        sqlite3.connect(db)
        .execute(
            f"SELECT count(DISTINCT item_id) FROM review_audit WHERE item_id IN ({marks})",
            [it.id for it in picked],
        )
        .fetchone()[0]
    )
    mix = {k: sum(1 for it in picked if it.kind == k) for k in ("line_item", "indicator", "table")}
    sources = sorted({formats[it.document_id] for it in picked})
    print(f"queue: {len(picked)} items {mix}, sources {sources}; decided {decided}")
    print(f"actions per record: {actions / len(picked):.2f} (target ≤ 3)")
    print(f"seconds per record: {seconds / len(picked):.2f}")
    return 0 if decided == len(picked) else 1


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
