"""The HTML review pages over HTTP: queue order and filters, item page (source beside the extraction),
claims and 409s, bulk confirm, audit trail, documents and uploads, dashboard and training data."""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

import pytest
from review_fixtures import SCRIPT_TEXT, build_store, csrf_of, login, make_app

from extract.reasons import loads
from review import learned
from review.notes import BULK_CONFIRM, note_code
from review.store import connect
from tests.reason_text import en


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return build_store(tmp_path / "store")


@pytest.fixture
def app(db: Path):
    app = make_app(db, MAX_CONTENT_LENGTH=100_000)
    yield app
    app.extensions["digitize_worker"].stop()


def _client(app, name: str):
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"  # these tests read the English pages
    assert login(client, name).status_code == 302
    return client


def _queue_ids(html: str) -> list[str]:
    return re.findall(r'data-href="/items/([^"?]+)', html)


def test_queue_orders_by_doubt_times_amount_with_counts(app) -> None:
    html = _client(app, "rita").get("/queue").get_data(as_text=True)
    ids = _queue_ids(html)
    assert ids[:3] == ["li-1", "li-7", "li-11"]
    assert len(ids) == 6
    assert re.search(r'id="queue-total">6<', html)
    assert "<progress" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [("kind=indicator", ["ind-3"]), ("table_type=other", ["tbl-", "li-10"]), ("reason=performance.level2_unknown", ["ind-3"]),
     ("reason=routing.low_confidence", ["li-7", "li-11"])],
)  # fmt: skip
def test_queue_filters(app, query: str, expected: list[str]) -> None:
    ids = _queue_ids(_client(app, "rita").get(f"/queue?{query}").get_data(as_text=True))
    assert len(ids) == len(expected)
    assert all(i.startswith(e) for i, e in zip(ids, expected, strict=True))


def test_queue_filters_by_document(app, db) -> None:
    doc = connect(db).execute("SELECT id FROM documents WHERE format = 'pdf'").fetchone()[0]
    assert _queue_ids(_client(app, "rita").get(f"/queue?document_id={doc}").get_data(as_text=True)) == [
        "li-11"
    ]


def test_item_page_shows_the_source_line_highlighted_and_the_reasons(app) -> None:
    html = _client(app, "rita").get("/items/li-1").get_data(as_text=True)
    highlighted = re.findall(
        r'<span class="line hl" data-line="(\d+)"><span class="ln">\d+</span>([^<]*)', html
    )
    assert highlighted == [("5", "2010601\t行政运行\t120.50\t120.00\t0")]
    assert "表5 row 2010601: 合计 120.50 ≠ 120.00 + 0 (off by 0.50)" in html  # the reason, in English
    assert 'id="record-cell"' in html and 'data-row="1" data-col="2"' in html
    assert 'name="version" value="1"' in html


def test_item_page_of_a_pdf_shows_the_page_crop_with_the_cell_highlighted(app, db) -> None:
    from PIL import Image

    client = _client(app, "rita")
    html = client.get("/items/li-11").get_data(as_text=True)
    src = re.search(r'id="source-image"[^>]*src="([^"]+)"', html, re.S).group(1).replace("&amp;", "&")
    r = client.get(src)
    assert r.status_code == 200 and r.mimetype == "image/png"
    img = Image.open(io.BytesIO(r.data)).convert("RGB")
    scale = 110 / 72  # overlay.DPI / PDF points
    assert 150 < img.width < 400 * scale  # cropped to the table, not the page
    # the highlighted cell (row 1, col 1: x 272..400, y 130..160 pt) is tinted; the header row is not
    pad = 12
    x0, y0 = 72 * scale - pad, 100 * scale - pad
    inside = img.getpixel((int(330 * scale - x0), int(150 * scale - y0)))
    outside = img.getpixel((int(220 * scale - x0), int(106 * scale - y0)))
    assert inside[2] < 200 and inside[0] > 200  # yellow-orange tint
    assert outside[0] > 240 and outside[1] > 240 and outside[2] > 240
    doc = connect(db).execute("SELECT id FROM documents WHERE format = 'pdf'").fetchone()[0]
    page = client.get(f"/documents/{doc}")
    assert f"/documents/{doc}/pages/1.png" in page.get_data(as_text=True)
    overlay = client.get(f"/documents/{doc}/pages/1.png")
    assert overlay.status_code == 200 and overlay.mimetype == "image/png"


def test_ocr_text_with_script_is_shown_as_text(app, db) -> None:
    client = _client(app, "rita")
    table = connect(db).execute("SELECT id FROM tables WHERE table_type = 'other'").fetchone()[0]
    for path in (f"/items/tbl-{table}", "/items/li-10", "/queue"):
        html = client.get(path).get_data(as_text=True)
        assert SCRIPT_TEXT not in html
        assert "&lt;script&gt;alert(" in html
    assert "script-src 'self'" in client.get("/queue").headers["Content-Security-Policy"]


def _decide(client, item: str, version: int, action: str = "confirm", **fields: str):
    return client.post(f"/items/{item}/decision", data={"csrf_token": csrf_of(client), "action": action,
                                                         "version": version, **fields})  # fmt: skip


def test_opening_an_item_claims_it_and_the_other_reviewer_gets_409(app, db) -> None:
    rita, remy = _client(app, "rita"), _client(app, "remy")
    rita.get("/items/li-1")
    html = remy.get("/items/li-1").get_data(as_text=True)
    assert "claimed by rita" in html
    r = _decide(remy, "li-1", 1)
    assert r.status_code == 409 and "claimed by rita" in r.get_data(as_text=True)
    assert remy.get("/queue/next").headers["Location"].startswith("/items/li-7")  # next unclaimed
    r = _decide(rita, "li-1", 1)
    assert r.status_code == 302 and r.headers["Location"].startswith("/queue/next")
    assert connect(db).execute("SELECT status, version FROM line_items WHERE id = 1").fetchone()[:] == (
        "confirmed",
        2,
    )


def test_a_claim_expires(app, db) -> None:
    rita, remy = _client(app, "rita"), _client(app, "remy")
    rita.get("/items/li-7")
    connect(db).execute("UPDATE review_claims SET expires_at = ? WHERE item_id = 'li-7'", (time.time() - 1,))
    assert "claimed by" not in remy.get("/items/li-7").get_data(as_text=True)
    assert _decide(remy, "li-7", 1).status_code == 302


def test_a_stale_form_is_refused_with_409_and_nothing_is_overwritten(app, db) -> None:
    rita = _client(app, "rita")
    assert _decide(rita, "li-1", 1, "correct", amount_yuan="1200000").status_code == 302
    r = _decide(rita, "li-1", 1, "correct", amount_yuan="999")
    assert r.status_code == 409
    assert "version 2" in r.get_data(as_text=True)
    assert connect(db).execute("SELECT amount_yuan, version FROM line_items WHERE id = 1").fetchone()[:] == (
        1200000.0,
        2,
    )


def test_a_cell_edit_from_the_grid_is_a_correction_with_an_audit_trail(app, db) -> None:
    rita = _client(app, "rita")
    rita.get("/items/li-1")
    r = _decide(rita, "li-1", 1, "confirm", cells_json='[{"row": 1, "col": 2, "text": "120.00"}]',
                amount_yuan="1205000.00", code="2010601", name="行政运行", column="合计")  # fmt: skip
    assert r.status_code == 302
    row = connect(db).execute("SELECT status, amount_yuan, version FROM line_items WHERE id = 1").fetchone()
    assert tuple(row) == ("corrected", 1200000.0, 2)
    html = rita.get("/records/li-1/history").get_data(as_text=True)
    assert "rita" in html and "correct" in html and "1 → 2" in html
    assert "cell 1,2" in html and "120.50" in html and "120.00" in html
    assert "1205000" in html and "1200000" in html


def test_reject_and_indicator_labels(app, db) -> None:
    rita = _client(app, "rita")
    assert (
        _decide(rita, "ind-3", 1, "correct", level2="服务对象满意度指标", level1="满意度指标").status_code
        == 302
    )
    assert _decide(rita, "li-10", 1, "reject").status_code == 400  # a rejection needs a reason
    assert _decide(rita, "li-10", 1, "reject", reject_reason="not a budget line").status_code == 302
    conn = connect(db)
    assert conn.execute("SELECT level2, status FROM indicators WHERE id = 3").fetchone()[:] == (
        "服务对象满意度指标",
        "corrected",
    )
    assert conn.execute("SELECT status FROM line_items WHERE id = 10").fetchone()[0] == "rejected"
    assert _decide(rita, "ind-1", 1, "correct", level1="not a level").status_code == 400
    examples = learned.training_examples(conn)
    assert [(e["level3"], e["level2"]) for e in examples["indicators"]] == [
        ("服务对象满意度", "服务对象满意度指标")
    ]


def test_bulk_confirm_a_whole_table(app, db) -> None:
    rita = _client(app, "rita")
    conn = connect(db)
    table = conn.execute(
        "SELECT id, version FROM tables WHERE table_type = 'gpb_expense_function' AND unit = '万元'"
    ).fetchone()
    rita.get("/items/li-1")
    r = rita.post(f"/tables/{table['id']}/confirm-all", data={"csrf_token": csrf_of(rita), "table_version": table["version"],
                                                            "via_item": "li-1"})  # fmt: skip
    assert r.status_code == 302
    assert (
        conn.execute(
            "SELECT count(*) FROM line_items WHERE table_id = ? AND status = 'pending'", (table["id"],)
        ).fetchone()[0]
        == 0
    )
    notes = conn.execute("SELECT item_id, note FROM review_audit").fetchall()
    assert {i for i, note in notes if note_code(note) == BULK_CONFIRM} == {
        "li-1",
        "li-7",
    }
    assert learned.learned_codes(conn)["2010601"] == "行政运行"
    r = rita.post(
        f"/tables/{table['id']}/confirm-all", data={"csrf_token": csrf_of(rita), "table_version": 99}
    )
    assert r.status_code == 302  # refused: flashed and sent back
    assert "is at version" in rita.get("/queue").get_data(as_text=True)


def test_dashboard_shows_quality_figures(app) -> None:
    rita = _client(app, "rita")
    rita.get("/items/li-1")
    _decide(rita, "li-1", 1)
    html = rita.get("/").get_data(as_text=True)
    assert re.search(r'id="trigger-rate">33\.3%<', html)  # 5 of 15 records routed to review
    assert re.search(r'id="handle-time">\d+\.\d s<', html)
    assert 'id="precision">–<' in html  # no audit decided yet


def test_approvals_page_signs_off_a_correction(app, db) -> None:
    from review import accounts

    accounts.set_setting(connect(db), "require_approval", True)
    rita, april = _client(app, "rita"), _client(app, "april")
    assert _decide(rita, "li-7", 1, "correct", amount_yuan="480000").status_code == 302
    assert rita.get("/approvals").status_code == 403
    html = april.get("/approvals").get_data(as_text=True)
    pid = re.search(r'/approvals/(\d+)"', html).group(1)
    r = april.post(f"/approvals/{pid}", data={"csrf_token": csrf_of(april), "decision": "approve"})
    assert r.status_code == 302
    assert connect(db).execute("SELECT status, amount_yuan FROM line_items WHERE id = 7").fetchone()[:] == (
        "corrected",
        480000.0,
    )


def test_documents_page_upload_limits_and_status(app, db) -> None:
    rita = _client(app, "rita")
    html = rita.get("/documents").get_data(as_text=True)
    assert "某县财政局" in html and "某县教育局" in html
    token = csrf_of(rita)
    r = rita.post("/documents", data={"csrf_token": token, "file": (io.BytesIO(b"x" * 200_000), "big.txt")})
    assert r.status_code == 413 and "too large" in r.get_data(as_text=True)
    r = rita.post(
        "/documents",
        data={"csrf_token": token, "file": (io.BytesIO(b"\x1f\x8b\x08" + b"\x00" * 50), "a.txt")},
    )
    assert r.status_code == 415 and "Archives are not accepted" in r.get_data(as_text=True)
    r = rita.post("/documents", data={"file": (io.BytesIO("表1 收支总表\n".encode()), "a.txt")})
    assert r.status_code == 400  # no CSRF token
    assert connect(db).execute("SELECT count(*) FROM documents").fetchone()[0] == 2
    r = rita.post(
        "/documents",
        data={"csrf_token": token, "file": (io.BytesIO("表1 收支总表\n单位：万元\n".encode()), "收支.txt")},
    )
    assert r.status_code == 302
    doc_page = rita.get(r.headers["Location"]).get_data(as_text=True)
    assert re.search(r'id="doc-status">(queued|processing|done|failed)<', doc_page)
    app.extensions["digitize_worker"].wait_idle(30)
    status = (
        connect(db).execute("SELECT status, source_file FROM documents ORDER BY created_at DESC").fetchone()
    )
    assert status[0] in ("done", "failed") and status[1].endswith("收支.txt")


def test_an_approver_cannot_sign_off_their_own_correction(app, db) -> None:
    from review import accounts

    accounts.set_setting(connect(db), "require_approval", True)
    april, ada = _client(app, "april"), _client(app, "ada")
    assert _decide(april, "li-7", 1, "correct", amount_yuan="480000").status_code == 302
    pid = re.search(r'/approvals/(\d+)"', april.get("/approvals").get_data(as_text=True)).group(1)
    r = april.post(f"/approvals/{pid}", data={"csrf_token": csrf_of(april), "decision": "approve"})
    assert r.status_code == 403 and "someone other than its author" in r.get_data(as_text=True)
    r = ada.post(f"/approvals/{pid}", data={"csrf_token": csrf_of(ada), "decision": "decline"})
    assert r.status_code == 302
    row = connect(db).execute("SELECT status, amount_yuan, reason FROM line_items WHERE id = 7").fetchone()
    assert row[:2] == ("pending", 482000.0) and "declined by ada" in en(loads(row[2]))
    assert "li-7" in _queue_ids(ada.get("/queue").get_data(as_text=True))
