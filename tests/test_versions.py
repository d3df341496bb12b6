"""Versions of one source: a changed file uploaded under the same name, or re-ingested from the CLI,
becomes version 2; reviewers' decisions on unchanged records carry over (audited), changed records
wait in the queue with the old decision beside them, and the export carries the newest version only."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from review_fixtures import build_store, login, make_app
from sample_files import seed

from extract.reasons import loads
from review import accounts, decisions
from review.db import open_store
from tests.reason_text import en


def digitize(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "digitize.cli", *args],
        cwd=cwd, capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )  # fmt: skip


def _wait_done(client, headers, doc_id: str, timeout: float = 120) -> dict:
    deadline = time.time() + timeout
    while time.time() < deadline:
        body = client.get(f"/api/documents/{doc_id}", headers=headers).get_json()
        if body["status"] in ("done", "failed"):
            return body
        time.sleep(0.1)
    raise AssertionError(f"{doc_id} still {body['status']}")


def test_a_changed_file_uploaded_under_the_same_name_is_a_new_version(tmp_path: Path) -> None:
    db = build_store(tmp_path / "store")
    app = make_app(db)
    try:
        client = app.test_client()
        rita = {"Authorization": f"Bearer {accounts.new_token(open_store(db), 'rita')}"}
        v1_data = seed("000").read_bytes()[:150_000]
        v2_data = v1_data.replace(b"\n", b"\n\n", 1)  # a changed copy: same content, one blank line more
        ids = []
        for data in (v1_data, v2_data):
            r = client.post("/api/documents", headers=rita, data={"file": (io.BytesIO(data), "预算.txt")})
            assert r.status_code == 202, r.get_json()
            ids.append(r.get_json()["id"])
            assert _wait_done(client, rita, ids[-1])["status"] == "done"
        other = client.post(
            "/api/documents", headers=rita, data={"file": (io.BytesIO(v1_data + b"\n"), "其他.txt")}
        )
        assert _wait_done(client, rita, other.get_json()["id"])["status"] == "done"
    finally:
        app.extensions["digitize_worker"].stop()
    conn = open_store(db)
    rows = {
        r["id"]: r
        for r in conn.execute("SELECT * FROM documents WHERE id IN (?, ?, ?)", (*ids, other.get_json()["id"]))
    }
    v1, v2, unrelated = rows[ids[0]], rows[ids[1]], rows[other.get_json()["id"]]
    assert (v1["version"], v1["superseded_by"]) == (1, v2["id"])
    assert (v2["version"], v2["supersedes"], v2["superseded_by"]) == (2, v1["id"], "")
    assert (unrelated["version"], unrelated["supersedes"]) == (1, "")  # another name is another source
    out = tmp_path / "out.db"
    from review.export import export

    export(conn, out, include_pending=True)
    exported = {r[0] for r in sqlite3.connect(out).execute("SELECT id FROM documents")}
    assert v2["id"] in exported and v1["id"] not in exported
    items = sqlite3.connect(out).execute("SELECT count(*) FROM line_items WHERE document_id = ?", (v1["id"],))
    assert items.fetchone()[0] == 0


@pytest.fixture(scope="module")
def reingested(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A source ingested by the CLI, decided on, changed in one place and ingested again."""
    folder = tmp_path_factory.mktemp("versions")
    source = folder / "budget.txt"
    text = seed("000").read_text(encoding="utf-8")
    source.write_text(text, encoding="utf-8")
    assert digitize("ingest", "budget.txt", "--db", "w.db", "--quiet", cwd=folder).returncode == 0
    conn = sqlite3.connect(folder / "w.db")
    conn.row_factory = sqlite3.Row
    cells = {}
    for r in conn.execute(
        """SELECT l.id, l.code, l."column", l.amount_fen, l.row, l.col, c.text FROM line_items l
           JOIN cells c ON c.table_id = l.table_id AND c.row = l.row AND c.col = l.col
           WHERE l.code != '' ORDER BY l.id"""
    ):
        if r["text"] and text.count(r["text"]) == 1 and any(ch.isdigit() and ch != "0" for ch in r["text"]):
            cells[r["id"]] = dict(r)
    corrected_id, changed_id = list(cells)[:2]
    store = open_store(folder / "w.db")
    accounts.add_user(store, "rita", "rita-password")
    rita = accounts.get_user(store, "rita")
    corrected = cells[corrected_id]
    new_amount = corrected["amount_fen"] / 100 + 1000
    version = store.execute("SELECT version FROM line_items WHERE id = ?", (corrected_id,)).fetchone()[0]
    decisions.decide(store, f"li-{corrected_id}", rita, "correct", version, {"amount_yuan": new_amount})
    version = store.execute("SELECT version FROM line_items WHERE id = ?", (changed_id,)).fetchone()[0]
    decisions.decide(store, f"li-{changed_id}", rita, "confirm", version, {})
    changed = cells[changed_id]
    digits = changed["text"]
    new_text = digits[:-1] + ("1" if digits[-1] != "1" else "2")
    source.write_text(text.replace(digits, new_text), encoding="utf-8")
    run = digitize("ingest", "budget.txt", "--db", "w.db", "--quiet", cwd=folder)
    assert run.returncode == 0, run.stderr
    return {"folder": folder, "corrected": corrected, "changed": changed, "new_amount": new_amount}


def _v2_record(conn: sqlite3.Connection, old: dict) -> sqlite3.Row:
    v1 = conn.execute("SELECT document_id, table_id FROM line_items WHERE id = ?", (old["id"],)).fetchone()
    (v2_doc,) = conn.execute(
        "SELECT superseded_by FROM documents WHERE id = ?", (v1["document_id"],)
    ).fetchone()
    assert v2_doc
    table = v2_doc + v1["table_id"][len(v1["document_id"]) :]  # the same table (its seq) of version 2
    return conn.execute(
        """SELECT * FROM line_items WHERE table_id = ? AND code = ? AND "column" = ? AND row = ? AND col = ?""",
        (table, old["code"], old["column"], old["row"], old["col"]),
    ).fetchone()


def test_an_unchanged_record_inherits_the_decision_and_the_link_is_audited(reingested: dict) -> None:
    conn = open_store(reingested["folder"] / "w.db")
    new = _v2_record(conn, reingested["corrected"])
    assert new["status"] == "corrected"
    assert new["amount_yuan"] == pytest.approx(reingested["new_amount"])
    assert new["amount_fen"] == round(reingested["new_amount"] * 100)
    (audit,) = conn.execute("SELECT * FROM review_audit WHERE item_id = ?", (f"li-{new['id']}",)).fetchall()
    assert audit["action"] == "inherit" and audit["status_after"] == "corrected"
    assert f"li-{reingested['corrected']['id']} (corrected by rita" in en(loads(audit["note"]))
    assert "audit #" in en(loads(audit["note"]))


def test_a_changed_record_is_pending_with_the_old_decision_beside_it(reingested: dict) -> None:
    db = reingested["folder"] / "w.db"
    conn = open_store(db)
    new = _v2_record(conn, reingested["changed"])
    assert new["status"] == "pending"
    assert f"changed since the previous version: li-{reingested['changed']['id']} (confirmed by rita" in en(
        loads(new["reason"])
    )
    app = make_app(db, WORKER=False)
    client = app.test_client()
    assert login(client, "rita", "rita-password").status_code == 302
    page = client.get(f"/items/li-{new['id']}").get_data(as_text=True)
    assert "上一版本" in page and f"li-{reingested['changed']['id']}" in page and "已确认" in page


def test_the_correction_survives_the_reingest_once_in_the_export(reingested: dict) -> None:
    folder = reingested["folder"]
    out = digitize("export", "dataset.db", "--db", "w.db", cwd=folder)
    assert out.returncode == 0, out.stderr
    conn = sqlite3.connect(folder / "dataset.db")
    old = reingested["corrected"]
    new = _v2_record(open_store(folder / "w.db"), old)
    rows = conn.execute(
        """SELECT amount_yuan, status FROM line_items WHERE table_id = ? AND code = ? AND "column" = ? AND row = ?
           AND col = ?""",
        (new["table_id"], old["code"], old["column"], old["row"], old["col"]),
    ).fetchall()
    assert rows == [(pytest.approx(reingested["new_amount"]), "corrected")]
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
