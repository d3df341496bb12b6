"""The JSON API over HTTP: token auth, items, decisions (409 on stale versions), uploads, approvals, audits."""

from __future__ import annotations

import io
import sqlite3
import time
from pathlib import Path

import pytest
from review_fixtures import build_store, make_app
from sample_files import seed

from review import accounts
from review.db import open_store
from review.export import export

ITEM_KEYS = {"id", "kind", "document_id", "table_id", "reason", "confidence", "version"}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return build_store(tmp_path / "store")


@pytest.fixture
def app(db: Path):
    app = make_app(db, MAX_CONTENT_LENGTH=200_000)
    yield app
    app.extensions["digitize_worker"].stop()


def _auth(db: Path, name: str) -> dict[str, str]:
    # these tests read the API's English answers (the service answers in Chinese when not asked)
    return {"Authorization": f"Bearer {accounts.new_token(open_store(db), name)}", "Accept-Language": "en"}


@pytest.fixture
def rita(db: Path) -> dict[str, str]:
    return _auth(db, "rita")


def test_health_needs_no_auth(app) -> None:
    r = app.test_client().get("/api/health")
    assert r.status_code == 200 and r.get_json() == {"status": "ok"}


@pytest.mark.parametrize(
    "header", [None, "Basic cml0YTpyaXRhLXBhc3N3b3Jk", "Bearer", "Bearer not-a-token", "token abc"]
)
def test_anything_but_a_valid_bearer_token_gets_401_json(app, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    for method, path in (("get", "/api/items"), ("get", "/api/documents/abc"), ("post", "/api/items/li-1/decision"),
                         ("post", "/api/documents"), ("get", "/api/quality")):  # fmt: skip
        r = getattr(app.test_client(), method)(path, headers=headers, json={})
        assert r.status_code == 401, (path, header)
        assert r.is_json and "error" in r.get_json()
        assert r.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_browser_session_is_not_an_api_credential(app) -> None:
    from review_fixtures import login

    client = app.test_client()
    login(client, "rita")
    assert client.get("/queue").status_code == 200
    assert client.get("/api/items").status_code == 401


def test_pending_items_are_listed_most_doubtful_and_valuable_first(app, rita) -> None:
    r = app.test_client().get("/api/items?status=pending", headers=rita)
    assert r.status_code == 200
    items = r.get_json()["items"]
    assert items and all(set(it) >= ITEM_KEYS for it in items)
    assert {it["kind"] for it in items} == {"line_item", "indicator", "table"}
    scores = [it["score"] for it in items]
    assert scores == sorted(scores, reverse=True)
    assert items[0]["id"] == "li-1"  # confidence 0.55 on 1,205,000 yuan
    assert all(it["id"].split("-")[0] in ("li", "ind", "tbl") for it in items)
    assert all(isinstance(it["version"], int) for it in items)
    only = app.test_client().get("/api/items?status=pending&kind=indicator", headers=rita).get_json()["items"]
    assert [it["kind"] for it in only] == ["indicator"]
    assert app.test_client().get("/api/items?status=bogus", headers=rita).status_code == 400


def test_confirm_then_a_stale_decision_gets_409(app, db, rita) -> None:
    client = app.test_client()
    item = client.get("/api/items?status=pending", headers=rita).get_json()["items"][0]
    r = client.post(
        f"/api/items/{item['id']}/decision",
        headers=rita,
        json={"action": "confirm", "version": item["version"]},
    )
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert body["status"] == "confirmed" and body["version"] == item["version"] + 1
    remy = _auth(db, "remy")
    r = client.post(f"/api/items/{item['id']}/decision", headers=remy,
                    json={"action": "correct", "version": item["version"], "changes": {"amount_yuan": 1}})  # fmt: skip
    assert r.status_code == 409
    assert r.get_json()["current_version"] == item["version"] + 1
    row = (
        open_store(db).execute("SELECT status, amount_yuan, version FROM line_items WHERE id = 1").fetchone()
    )
    assert tuple(row) == ("confirmed", 1205000.0, 2)
    assert item["id"] not in [it["id"] for it in client.get("/api/items", headers=rita).get_json()["items"]]


def test_correction_reaches_the_export_as_corrected(app, db, rita, tmp_path: Path) -> None:
    client = app.test_client()
    r = client.post("/api/items/li-1/decision", headers=rita,
                    json={"action": "correct", "version": 1, "changes": {"amount_yuan": "1,200,000.00", "code": "2010601"}})  # fmt: skip
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["after"]["amount_yuan"] == 1200000.0
    export(open_store(db), tmp_path / "out.db")
    row = (
        sqlite3.connect(tmp_path / "out.db")
        .execute("SELECT status, amount_yuan FROM line_items WHERE id = 1")
        .fetchone()
    )
    assert row == ("corrected", 1200000.0)
    fen = open_store(db).execute("SELECT amount_fen FROM line_items WHERE id = 1").fetchone()[0]
    assert fen == 120000000


def test_cell_edit_sets_the_amount_in_the_tables_unit(app, db, rita) -> None:
    r = app.test_client().post("/api/items/li-1/decision", headers=rita,
                               json={"action": "correct", "version": 1, "changes": {"cells": [{"row": 1, "col": 2, "text": "120.00"}]}})  # fmt: skip
    assert r.status_code == 200, r.get_json()
    conn = open_store(db)
    assert conn.execute("SELECT amount_yuan, status FROM line_items WHERE id = 1").fetchone()[:] == (
        1200000.0,
        "corrected",
    )
    table = conn.execute("SELECT table_id FROM line_items WHERE id = 1").fetchone()[0]
    assert (
        conn.execute(
            "SELECT text FROM cells WHERE table_id = ? AND row = 1 AND col = 2", (table,)
        ).fetchone()[0]
        == "120.00"
    )


@pytest.mark.parametrize(
    "body",
    [
        None, [], {"action": "confirm"}, {"action": "approve-ish", "version": 1}, {"action": "confirm", "version": "1"},
        {"action": "confirm", "version": True}, {"action": "correct", "version": 1, "changes": []},
        {"action": "correct", "version": 1, "changes": {"status": "auto"}},
        {"action": "correct", "version": 1, "changes": {"amount_yuan": "lots"}},
        {"action": "correct", "version": 1, "changes": {"amount_yuan": float("inf")}},
        {"action": "correct", "version": 1, "changes": {"cells": [{"row": "1", "col": 2, "text": "1"}]}},
        {"action": "correct", "version": 1, "changes": {"cells": [{"row": 1, "col": 2, "text": "abc"}]}},
        {"action": "correct", "version": 1},
        {"action": "correct", "version": 1, "changes": {"amount_yuan": 1205000}},
    ],
)  # fmt: skip
def test_malformed_decisions_get_400_and_change_nothing(app, db, rita, body) -> None:
    client = app.test_client()
    if body is None:
        r = client.post(
            "/api/items/li-1/decision", headers={**rita, "Content-Type": "application/json"}, data="{not json"
        )
    else:
        r = client.post("/api/items/li-1/decision", headers=rita, json=body)
    assert r.status_code == 400, r.get_json()
    assert "error" in r.get_json()
    assert tuple(
        open_store(db).execute("SELECT status, version FROM line_items WHERE id = 1").fetchone()
    ) == ("pending", 1)


def test_labels_are_checked_against_the_taxonomy(app, db, rita) -> None:
    client = app.test_client()
    bad = client.post("/api/items/ind-3/decision", headers=rita,
                      json={"action": "correct", "version": 1, "changes": {"level2": "满意度"}})  # fmt: skip
    assert bad.status_code == 400
    ok = client.post("/api/items/ind-3/decision", headers=rita,
                     json={"action": "correct", "version": 1, "changes": {"level2": "服务对象满意度指标"}})  # fmt: skip
    assert ok.status_code == 200 and ok.get_json()["status"] == "corrected"
    table = [it for it in client.get("/api/items?kind=table", headers=rita).get_json()["items"]][0]
    r = client.post(f"/api/items/{table['id']}/decision", headers=rita,
                    json={"action": "correct", "version": table["version"], "changes": {"table_type": "nonsense"}})  # fmt: skip
    assert r.status_code == 400
    r = client.post(f"/api/items/{table['id']}/decision", headers=rita,
                    json={"action": "correct", "version": table["version"], "changes": {"table_type": "assets"}})  # fmt: skip
    assert r.status_code == 200
    assert (
        client.post(
            "/api/items/li-999/decision", headers=rita, json={"action": "confirm", "version": 1}
        ).status_code
        == 404
    )
    assert (
        client.post(
            "/api/items/zz-1/decision", headers=rita, json={"action": "confirm", "version": 1}
        ).status_code
        == 404
    )


def test_claims_keep_two_reviewers_apart(app, db, rita) -> None:
    client = app.test_client()
    remy = _auth(db, "remy")
    assert client.post("/api/items/li-7/claim", headers=rita).status_code == 200
    r = client.post("/api/items/li-7/claim", headers=remy)
    assert r.status_code == 409 and "claimed by rita" in r.get_json()["error"]
    r = client.post("/api/items/li-7/decision", headers=remy, json={"action": "confirm", "version": 1})
    assert r.status_code == 409
    listed = {it["id"]: it for it in client.get("/api/items", headers=remy).get_json()["items"]}
    assert listed["li-7"]["claimed_by"] == "rita"
    open_store(db).execute(
        "UPDATE review_claims SET expires_at = ? WHERE item_id = 'li-7'", (time.time() - 1,)
    )
    r = client.post("/api/items/li-7/decision", headers=remy, json={"action": "reject", "version": 1})
    assert r.status_code == 200 and r.get_json()["status"] == "rejected"


def test_audit_trail_records_who_what_when_before_after(app, db, rita) -> None:
    client = app.test_client()
    client.post("/api/items/li-1/claim", headers=rita)
    client.post("/api/items/li-1/decision", headers=rita,
                json={"action": "correct", "version": 1, "changes": {"name": "行政运行（机关）"}})  # fmt: skip
    remy = _auth(db, "remy")
    client.post("/api/items/li-1/decision", headers=remy, json={"action": "reject", "version": 2})
    history = client.get("/api/items/li-1", headers=rita).get_json()["history"]
    assert [(h["user_name"], h["action"], h["status_after"], h["version_before"], h["version_after"]) for h in history] == [
        ("rita", "correct", "corrected", 1, 2), ("remy", "reject", "rejected", 2, 3)]  # fmt: skip
    assert history[0]["before"]["name"] == "行政运行" and history[0]["after"]["name"] == "行政运行（机关）"
    assert history[0]["handle_seconds"] is not None and history[0]["at"] <= time.time()
    assert history[1]["before"]["status"] == "corrected" and history[1]["after"]["status"] == "rejected"


def test_corrections_need_an_approver_when_required(app, db, rita) -> None:
    conn = open_store(db)
    accounts.set_setting(conn, "require_approval", True)
    client = app.test_client()
    r = client.post("/api/items/li-7/decision", headers=rita,
                    json={"action": "correct", "version": 1, "changes": {"amount_yuan": 480000}})  # fmt: skip
    assert (
        r.status_code == 200 and r.get_json()["status"] == "pending" and r.get_json()["action"] == "propose"
    )
    assert conn.execute("SELECT status, amount_yuan FROM line_items WHERE id = 7").fetchone()[:] == (
        "pending",
        482000.0,
    )
    assert "li-7" not in [it["id"] for it in client.get("/api/items", headers=rita).get_json()["items"]]
    r = client.post("/api/items/li-7/decision", headers=rita, json={"action": "approve", "version": 2})
    assert r.status_code == 403  # not an approver
    april = _auth(db, "april")
    assert (
        client.post(
            "/api/items/li-7/decision", headers=april, json={"action": "approve", "version": 1}
        ).status_code
        == 409
    )
    r = client.post("/api/items/li-7/decision", headers=april, json={"action": "approve", "version": 2})
    assert r.status_code == 200 and r.get_json()["status"] == "corrected"
    assert conn.execute("SELECT status, amount_yuan FROM line_items WHERE id = 7").fetchone()[:] == (
        "corrected",
        480000.0,
    )
    actions = [h["action"] for h in client.get("/api/items/li-7", headers=rita).get_json()["history"]]
    assert actions == ["propose", "approve"]


def test_audit_samples_measure_the_precision_of_auto_acceptance(db, rita) -> None:
    conn = open_store(db)
    accounts.set_setting(conn, "audit_share", 0.5)
    app = make_app(db, SAMPLE_AUDITS=True)
    try:
        client = app.test_client()
        items = client.get("/api/items", headers=rita).get_json()["items"]
        audits = [it for it in items if it["audit"]]
        auto = conn.execute("SELECT count(*) FROM line_items WHERE status = 'auto'").fetchone()[0]
        auto += conn.execute("SELECT count(*) FROM indicators WHERE status = 'auto'").fetchone()[0]
        assert auto == 10
        assert len(audits) == 5 + 1  # doc 1: half of 9 auto records, rounded half up; doc 2: 1 → at least 1
        first, second = audits[0], audits[1]
        client.post(
            f"/api/items/{first['id']}/decision",
            headers=rita,
            json={"action": "confirm", "version": first["version"]},
        )
        client.post(
            f"/api/items/{second['id']}/decision",
            headers=rita,
            json={"action": "reject", "version": second["version"]},
        )
        q = client.get("/api/quality", headers=rita).get_json()
        assert q["audits_sampled"] == 6 and q["audits_decided"] == 2 and q["audit_precision"] == 0.5
        assert q["routed"] == 5 and q["records"] == 15  # li-1, li-7, li-10, li-11, ind-3
        assert q["trigger_rate"] == pytest.approx(5 / 15)
        decided = client.post(
            "/api/items/li-1/decision", headers=rita, json={"action": "confirm", "version": 1}
        )
        assert decided.status_code == 200
        q = client.get("/api/quality", headers=rita).get_json()
        assert q["routed"] == 5 and q["audit_precision"] == 0.5
    finally:
        app.extensions["digitize_worker"].stop()


def _wait_done(client, headers, doc_id: str, timeout: float = 60) -> dict:
    deadline = time.time() + timeout
    while time.time() < deadline:
        body = client.get(f"/api/documents/{doc_id}", headers=headers).get_json()
        if body["status"] in ("done", "failed"):
            return body
        time.sleep(0.1)
    raise AssertionError(f"{doc_id} still {body['status']}")


def test_upload_is_processed_by_the_background_worker(app, db, rita) -> None:
    client = app.test_client()
    data = seed("000").read_bytes()[:150_000]
    r = client.post("/api/documents", headers=rita, data={"file": (io.BytesIO(data), "预算.txt")})
    assert r.status_code == 202, r.get_json()
    body = r.get_json()
    assert body["status"] == "queued" and len(body["id"]) == 16
    done = _wait_done(client, rita, body["id"])
    assert set(done) >= {"id", "status", "error"}
    # The worker reports what the pipeline makes of the file, run here directly on the stored upload.
    stored = Path(
        open_store(db).execute("SELECT source_file FROM documents WHERE id = ?", (body["id"],)).fetchone()[0]
    )
    assert stored.read_bytes() == data and stored.name == "预算.txt"
    from digitize.pipeline import make_job, process

    outcome = process(make_job(stored))  # a pipeline that cannot run fails the test here
    assert outcome.extraction is not None and not outcome.error, outcome.error
    assert done["status"] == "done", done["error"]
    assert done["error"] is None
    again = client.post("/api/documents", headers=rita, data={"file": (io.BytesIO(data), "copy.txt")})
    assert again.status_code == 200 and again.get_json()["id"] == body["id"]


def _store_state(db: Path) -> tuple:
    conn = open_store(db)
    return (conn.execute("SELECT count(*) FROM documents").fetchone()[0],
            conn.execute("SELECT count(*) FROM line_items").fetchone()[0])  # fmt: skip


@pytest.mark.parametrize(
    ("payload", "name", "status", "words"),
    [
        (b"x" * 300_000, "big.txt", 413, "too large"),
        (b"PK\x03\x04" + b"\x00" * 100, "budget.txt", 415, "Archives are not accepted"),
        (bytes(range(256)) * 10, "budget.txt", 415, "not a supported type"),
        (b"", "empty.txt", 400, "empty"),
    ],
)  # fmt: skip
def test_bad_uploads_are_refused_with_a_clear_message(app, db, rita, payload, name, status, words) -> None:
    before = _store_state(db)
    r = app.test_client().post("/api/documents", headers=rita, data={"file": (io.BytesIO(payload), name)})
    assert r.status_code == status
    assert words in r.get_json()["error"]
    assert _store_state(db) == before
    uploads = Path(app.config["UPLOAD_FOLDER"])
    assert not uploads.exists() or not any(uploads.rglob("*.*"))


def test_upload_without_a_file_field_is_400(app, rita) -> None:
    r = app.test_client().post("/api/documents", headers=rita, data={"other": "x"})
    assert r.status_code == 400 and "file" in r.get_json()["error"]


def test_unknown_document_is_404_json(app, rita) -> None:
    r = app.test_client().get("/api/documents/0000000000000000", headers=rita)
    assert r.status_code == 404 and r.is_json


def test_arbitrary_decision_bodies_never_break_the_service(db: Path) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    app = make_app(db, WORKER=False)
    headers = _auth(db, "rita")
    scalars = (
        st.none() | st.booleans() | st.integers(-3, 5) | st.floats(allow_nan=True) | st.text(max_size=12)
    )
    values = st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
        max_leaves=6,
    )
    fields = st.sampled_from(["amount_yuan", "code", "name", "cells", "level1", "table_type", "status", "x"])
    bodies = (
        st.fixed_dictionaries(
            {
                "action": st.sampled_from(["confirm", "correct", "reject", "approve", "x"]) | scalars,
                "version": st.integers(0, 3) | scalars,
            },
            optional={"changes": st.dictionaries(fields, values, max_size=3) | values},
        )
        | values
    )
    items = st.sampled_from(["li-1", "li-7", "ind-3", "li-0", "tbl-nope", "x"])

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(item=items, body=bodies)
    def check(item: str, body: object) -> None:
        r = app.test_client().post(f"/api/items/{item}/decision", headers=headers, json=body)
        assert r.status_code in (200, 400, 403, 404, 409), (item, body, r.get_json())
        assert r.is_json

    check()
