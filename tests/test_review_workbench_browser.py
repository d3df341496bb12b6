"""The review workbench in Chinese, in a real headless Chromium (Debian's /usr/bin/chromium) at 1280×800.

A zh-CN browser logs in, confirms, corrects and rejects by keyboard and undoes; on a multi-page
``pdftotext -layout`` disclosure the highlighted source line is the record's own line; the grid
cell and the amount field stay in step and the export agrees; the doubtful cell is in view.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from review_fixtures import PASSWORDS, build_store, make_app
from test_review_browser import ARGS, CHROMIUM, pytestmark  # noqa: F401  (the same skip rule)

from extract.text import split_lines

ROOT = Path(__file__).resolve().parents[1]
LAYOUT = ROOT / "samples" / "generated" / "synth_0244" / "ruled.layout.txt"
VIEWPORT = {"width": 1280, "height": 800}


def _serve(db: Path):
    from waitress.server import create_server

    app = make_app(db, SESSION_COOKIE_SECURE=True)
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    return app, server, thread, f"http://127.0.0.1:{server.effective_port}"


@pytest.fixture
def served(tmp_path: Path):
    db = build_store(tmp_path / "store")
    app, server, thread, base = _serve(db)
    yield db, base
    server.close()
    thread.join(5)
    app.extensions["digitize_worker"].stop()


@pytest.fixture
def layout_store(tmp_path: Path):
    """The layout text of a generated disclosure, ingested for real, with a reviewer."""
    from digitize.cli import main
    from review import accounts
    from review.store import connect

    db = tmp_path / "layout" / "work.db"
    db.parent.mkdir()
    result = CliRunner().invoke(main, ["ingest", str(LAYOUT), "--db", str(db), "--workers", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    conn = connect(db)
    accounts.add_user(conn, "rita", PASSWORDS["rita"], "reviewer")
    conn.close()
    app, server, thread, base = _serve(db)
    yield db, base
    server.close()
    thread.join(5)
    app.extensions["digitize_worker"].stop()


def _login(browser, base: str):
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{base}/")
    page.fill("#username", "rita")
    page.fill("#password", PASSWORDS["rita"])
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/")
    return page


def _status(db: Path, table: str, key: int) -> str:
    return sqlite3.connect(db).execute(f"SELECT status FROM {table} WHERE id = ?", (key,)).fetchone()[0]


def test_zh_reviewer_confirms_corrects_rejects_and_undoes_by_keyboard(served) -> None:
    from playwright.sync_api import expect, sync_playwright

    db, base = served
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = _login(browser, base)
            assert page.locator("html").get_attribute("lang") == "zh-CN"
            expect(page.locator("h1")).to_have_text("审核概览")
            page.goto(f"{base}/items/li-1")
            # correct: edit the record's cell (万元); the amount in yuan follows at once
            page.keyboard.press("e")
            page.keyboard.type("121.00")
            expect(page.locator("#amount_yuan")).to_have_value("1210000.00")
            page.keyboard.press("Enter")
            page.keyboard.press("y")
            page.wait_for_url(f"{base}/items/li-7")
            expect(page.locator(".flashes")).to_contain_text("已更正 li-1")
            # confirm the next one
            page.keyboard.press("y")
            page.wait_for_url(lambda url: "/items/li-7" not in url)
            assert _status(db, "line_items", 7) == "confirmed"
            # reject asks for a reason: one key, the reason, Enter
            current = page.url.rsplit("/", 1)[-1].split("?")[0]
            page.keyboard.press("r")
            expect(page.locator("#reject-reason")).to_be_focused()
            page.keyboard.type("不是预算科目")
            page.keyboard.press("Enter")
            page.wait_for_url(lambda url: current not in url)
            kind, key = current.split("-")
            table = {"li": "line_items", "ind": "indicators", "tbl": "tables"}[kind]
            assert _status(db, table, int(key)) == "rejected"
            note = (
                sqlite3.connect(db)
                .execute("SELECT note FROM review_audit WHERE item_id = ? AND action = 'reject'", (current,))
                .fetchone()[0]
            )
            assert note == "不是预算科目"
            # undo the rejection
            page.keyboard.press("u")
            page.wait_for_url(f"{base}/items/{current}")
            expect(page.locator(".flashes")).to_contain_text("已撤销")
            assert _status(db, table, int(key)) == "pending"
            history = page.locator("#history td.action")
            expect(history.last).to_have_text("撤销 → 待审")
        finally:
            browser.close()
    trail = sqlite3.connect(db).execute(
        "SELECT action, status_after FROM review_audit WHERE item_id = ?", (current,)
    )
    assert [tuple(r) for r in trail] == [("reject", "rejected"), ("undo", "pending")]


def test_grid_cell_and_amount_field_stay_in_step_and_the_export_agrees(served, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    from digitize.cli import main

    db, base = served
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = _login(browser, base)
            page.goto(f"{base}/items/li-1")
            page.fill("#amount_yuan", "1203456.00")
            page.locator("#amount_yuan").dispatch_event("input")
            expect(page.locator("#record-cell")).to_have_value("120.3456")
            page.locator("#btn-confirm").click()
            page.wait_for_url(f"{base}/items/li-7")
        finally:
            browser.close()
    out = tmp_path / "dataset.db"
    result = CliRunner().invoke(main, ["export", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    ds = sqlite3.connect(out)
    amount, table_id, row, col = ds.execute(
        "SELECT amount_yuan, table_id, row, col FROM line_items WHERE id = 1"
    ).fetchone()
    assert amount == 1203456.0
    text = ds.execute(
        "SELECT text FROM cells WHERE table_id = ? AND row = ? AND col = ?", (table_id, row, col)
    ).fetchone()
    assert text == ("120.3456",)


def test_the_highlighted_line_is_the_records_own_line_on_a_multipage_layout_text(layout_store) -> None:
    from playwright.sync_api import sync_playwright

    db, base = layout_store
    conn = sqlite3.connect(db)
    lines, _, _ = split_lines(LAYOUT.read_text(encoding="utf-8"))
    # pending or not, records printed on page 2 and later: the form feeds must not shift them
    picks = conn.execute(
        """SELECT l.id, c.line_start, l.name, l.page FROM line_items l
             JOIN cells c ON c.table_id = l.table_id AND c.row = l.row AND c.col = l.col
            WHERE l.page >= 2 AND c.line_start IS NOT NULL ORDER BY l.page DESC, l.id LIMIT 3"""
    ).fetchall()
    assert picks, "the layout text has records on page 2 and later"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = _login(browser, base)
            for item, line_no, name, page_no in picks:
                page.goto(f"{base}/items/li-{item}")
                hl = page.locator("#source-lines .line.hl")
                assert hl.count() >= 1
                assert int(hl.first.get_attribute("data-line")) == line_no
                shown = hl.first.inner_text()
                assert lines[line_no - 1].strip() in shown
                assert name.strip()[:2] in lines[line_no - 1] or page_no >= 2
                box = hl.first.bounding_box()
                assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= VIEWPORT["height"]
        finally:
            browser.close()


def test_the_doubtful_cell_of_a_wide_table_is_in_view_at_1280x800(layout_store) -> None:
    from playwright.sync_api import sync_playwright

    db, base = layout_store
    conn = sqlite3.connect(db)
    # the record in the right-most column of the widest table
    item = conn.execute(
        """SELECT l.id FROM line_items l
            WHERE l.table_id = (SELECT table_id FROM cells GROUP BY table_id ORDER BY max(col) DESC LIMIT 1)
            ORDER BY l.col DESC, l.row DESC LIMIT 1"""
    ).fetchone()[0]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = _login(browser, base)
            page.goto(f"{base}/items/li-{item}")
            cell = page.locator("#record-cell")
            page.wait_for_timeout(200)
            box = cell.bounding_box()
            assert box is not None
            assert box["x"] >= 0 and box["x"] + box["width"] <= VIEWPORT["width"], box
            assert box["y"] >= 0 and box["y"] + box["height"] <= VIEWPORT["height"], box
            wrap = page.locator(".gridwrap").bounding_box()
            assert wrap["x"] <= box["x"] and box["x"] + box["width"] <= wrap["x"] + wrap["width"] + 1
        finally:
            browser.close()
