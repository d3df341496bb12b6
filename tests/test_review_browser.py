"""End to end in a real headless Chromium (Debian's /usr/bin/chromium driven by Python playwright).

The suite starts the review service itself (waitress on a free loopback port),
logs in, opens the first pending item from the queue with the keyboard, sees
the source line highlighted, corrects one cell with the keyboard, confirms,
and finds the corrected record in `digitize export`'s dataset with status
corrected. Screenshots of the queue and item pages go to tests/artifacts/.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from review_fixtures import PASSWORDS, build_store, make_app

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]  # fmt: skip

# scripts/setup.sh installs Debian's chromium: in CI its absence is a broken set-up, not a reason to skip
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() and not os.environ.get("CI"),
    reason="Debian chromium (/usr/bin/chromium) is not installed; run scripts/setup.sh",
)


@pytest.fixture
def served(tmp_path: Path):
    from waitress.server import create_server

    db = build_store(tmp_path / "store")
    # Secure cookies as in production: Chromium accepts them from http://127.0.0.1 (a trustworthy origin).
    app = make_app(db, SESSION_COOKIE_SECURE=True)
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield db, f"http://127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(5)
    app.extensions["digitize_worker"].stop()


def test_reviewer_corrects_a_cell_with_the_keyboard(served, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    from digitize.cli import main

    db, base = served
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.set_default_timeout(10_000)
            page.goto(f"{base}/queue")
            assert "/login" in page.url
            page.fill("#username", "rita")
            page.fill("#password", PASSWORDS["rita"])
            page.keyboard.press("Enter")
            page.wait_for_url(f"{base}/queue")
            expect(page.locator("tr.qrow.selected")).to_contain_text("li-1")
            page.screenshot(path=str(ARTIFACTS / "queue.png"), full_page=True)

            page.keyboard.press("Enter")  # open the selected (first) pending item
            page.wait_for_url(f"{base}/items/li-1")
            highlight = page.locator("#source-lines .line.hl")
            expect(highlight).to_have_count(1)
            expect(highlight).to_contain_text("行政运行")
            expect(highlight).to_be_visible()
            page.screenshot(path=str(ARTIFACTS / "item.png"), full_page=True)

            page.keyboard.press("e")  # edit the record's cell
            expect(page.locator("#record-cell")).to_be_focused()
            page.keyboard.type("120.00")
            page.keyboard.press("Enter")  # keep the edit, leave the cell
            expect(page.locator("#record-cell")).to_have_class("cell record-cell edited")
            page.screenshot(path=str(ARTIFACTS / "item-edited.png"), full_page=True)
            page.keyboard.press("y")  # confirm: saved as a correction
            page.wait_for_url(f"{base}/items/li-7")  # straight on to the next item
            expect(page.locator(".flashes")).to_contain_text("Corrected li-1")
        finally:
            browser.close()

    out = tmp_path / "dataset.db"
    result = CliRunner().invoke(main, ["export", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    row = (
        sqlite3.connect(out)
        .execute("SELECT status, amount_yuan, name FROM line_items WHERE id = 1")
        .fetchone()
    )
    assert row == ("corrected", 1200000.0, "行政运行")
    trail = (
        sqlite3.connect(db)
        .execute("SELECT user_name, action, status_after FROM review_audit WHERE item_id = 'li-1'")
        .fetchall()
    )
    assert trail == [("rita", "confirm", "corrected")]
    for name in ("queue.png", "item.png", "item-edited.png"):
        assert (ARTIFACTS / name).stat().st_size > 10_000
