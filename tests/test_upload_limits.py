"""Uploads within limits: pages and bytes per upload and per user (settings), counted before anything
is stored; a document that never finishes is failed after two attempts; the queue is fair."""

from __future__ import annotations

import io
import shutil
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from review_fixtures import build_store, make_app
from sample_files import seed

from review import accounts, store
from review.db import open_store
from review.ingest import error_text, make_job
from review.worker import FairQueue, Task, Worker


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return build_store(tmp_path / "store")


def _auth(db: Path, name: str) -> dict[str, str]:
    # these tests read the API's English answers (the service answers in Chinese when not asked)
    return {"Authorization": f"Bearer {accounts.new_token(open_store(db), name)}", "Accept-Language": "en"}


def _pdf(pages: int) -> bytes:
    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(595, 842)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _state(db: Path) -> tuple:
    conn = open_store(db)
    return tuple(
        conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "review_uploads")
    )


def test_a_2000_page_upload_is_refused_before_it_is_processed(db: Path) -> None:
    app = make_app(db, WORKER=False)
    before = _state(db)
    r = app.test_client().post("/api/documents", headers=_auth(db, "rita"),
                               data={"file": (io.BytesIO(_pdf(2000)), "huge.pdf")})  # fmt: skip
    assert r.status_code == 413, r.get_json()
    assert "2000 pages" in r.get_json()["error"] and "at most 500" in r.get_json()["error"]
    assert _state(db) == before
    assert app.extensions["digitize_worker"].pending_order() == []
    uploads = Path(app.config["UPLOAD_FOLDER"])
    assert not uploads.exists() or not any(uploads.rglob("*.*"))


def test_the_per_upload_byte_limit_is_a_setting(db: Path) -> None:
    accounts.set_setting(open_store(db), "max_upload_mb", "0.02")
    app = make_app(db, WORKER=False)
    data = seed("000").read_bytes()  # 31 kB
    r = app.test_client().post(
        "/api/documents", headers=_auth(db, "rita"), data={"file": (io.BytesIO(data), "a.txt")}
    )
    assert r.status_code == 413 and "the limit is 0.02 MB" in r.get_json()["error"]


def test_a_user_over_the_daily_page_limit_is_refused_and_others_are_not(db: Path) -> None:
    accounts.set_setting(open_store(db), "user_daily_pages", "5")
    app = make_app(db, WORKER=False)
    client = app.test_client()
    rita, remy = _auth(db, "rita"), _auth(db, "remy")
    first = client.post("/api/documents", headers=rita, data={"file": (io.BytesIO(_pdf(3)), "a.pdf")})
    assert first.status_code == 202, first.get_json()
    second = client.post("/api/documents", headers=rita, data={"file": (io.BytesIO(_pdf(4)), "b.pdf")})
    assert second.status_code == 429
    assert "rita uploaded 3 pages in the last 24 hours" in second.get_json()["error"]
    assert (
        client.post("/api/documents", headers=remy, data={"file": (io.BytesIO(_pdf(4)), "b.pdf")}).status_code
        == 202
    )


def test_uploads_are_handed_out_round_robin_by_user() -> None:
    q = FairQueue()
    for n in range(4):
        q.put(Task(f"a{n}", f"a{n}", 1))
    q.put(Task("b0", "b0", 2))
    q.put(Task("c0", "c0", 3))
    assert q.order() == ["a0", "b0", "c0", "a1", "a2", "a3"]
    taken = [q.get() for _ in range(3)]
    assert [t.document_id for t in taken] == ["a0", "b0", "c0"]


def test_with_two_workers_one_user_cannot_hold_both_while_another_waits() -> None:
    q = FairQueue(per_user=1)
    for n in range(3):
        q.put(Task(f"a{n}", f"a{n}", 1))
    first = q.get()
    q.put(Task("b0", "b0", 2))
    second = q.get()
    assert (first.document_id, second.document_id) == ("a0", "b0")


def _left_processing(db: Path, tmp_path: Path, attempts: int) -> str:
    """A document a stopped service left 'processing', begun ``attempts`` times."""
    doc = make_job(seed("001")).document_id
    uploads = tmp_path / "store" / "uploads" / doc
    uploads.mkdir(parents=True)
    path = uploads / "预算.txt"
    shutil.copyfile(seed("001"), path)
    conn = open_store(db)
    store.mark(conn, doc, "processing", source_file=str(path))
    conn.execute(
        "INSERT INTO review_uploads (document_id, user_id, user_name, file_name, uploaded_at, attempts) "
        "VALUES (?, 2, 'rita', '预算.txt', ?, ?)",
        (doc, time.time(), attempts),
    )
    return doc


def test_a_document_begun_twice_is_failed_with_its_reason_not_retried(db: Path, tmp_path: Path) -> None:
    doc = _left_processing(db, tmp_path, attempts=2)
    worker = Worker(db, tmp_path / "store" / "uploads")
    worker.start()
    try:
        assert worker.wait_idle(30)
    finally:
        worker.stop()
    row = store.find_document(open_store(db), doc)
    assert row["status"] == "failed"
    assert "begun 2 times and never finished" in error_text(row["error"]) and "预算.txt" in error_text(
        row["error"]
    )
    assert (
        open_store(db)
        .execute("SELECT attempts FROM review_uploads WHERE document_id = ?", (doc,))
        .fetchone()[0]
        == 2
    )


def test_a_document_begun_once_is_resumed_and_its_attempt_counted(db: Path, tmp_path: Path) -> None:
    doc = _left_processing(db, tmp_path, attempts=1)
    worker = Worker(db, tmp_path / "store" / "uploads")
    worker.start()
    try:
        assert worker.wait_idle(120)
    finally:
        worker.stop()
    conn = open_store(db)
    assert store.find_document(conn, doc)["status"] == "done"
    assert (
        conn.execute("SELECT attempts FROM review_uploads WHERE document_id = ?", (doc,)).fetchone()[0] == 2
    )
