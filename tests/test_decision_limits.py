"""What one decision may write (its record's row, inside the table, bounded text) and what one
reviewer may claim (a few items, for a while): over HTTP, against a real work store."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from review_fixtures import build_store, make_app

from review import accounts, claims
from review.db import open_store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return build_store(tmp_path / "store")


@pytest.fixture
def app(db: Path):
    app = make_app(db, WORKER=False)
    yield app


def _auth(db: Path, name: str) -> dict[str, str]:
    # these tests read the API's English answers (the service answers in Chinese when not asked)
    return {"Authorization": f"Bearer {accounts.new_token(open_store(db), name)}", "Accept-Language": "en"}


def _cells(db: Path) -> tuple:
    conn = open_store(db)
    return (
        conn.execute(
            "SELECT count(*), coalesce(sum(length(text)), 0), max(row), max(col) FROM cells"
        ).fetchone()[:],
        conn.execute("SELECT status, version FROM line_items WHERE id = 1").fetchone()[:],
    )


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        ({"row": 3000, "col": 300, "text": "x"}, "not in this line item's row"),
        ({"row": 2, "col": 2, "text": "35.00"}, "not in this line item's row"),
        ({"row": 1, "col": 300, "text": "x"}, "outside the table"),
        ({"row": 1, "col": 1, "text": "x" * 100_000}, "the limit is 500"),
    ],
)
def test_a_decision_edits_only_its_own_row_inside_the_table_with_bounded_text(app, db, cell, words) -> None:
    before = _cells(db)
    r = app.test_client().post("/api/items/li-1/decision", headers=_auth(db, "rita"),
                               json={"action": "correct", "version": 1, "changes": {"cells": [cell]}})  # fmt: skip
    assert r.status_code == 400, r.get_json()
    assert words in r.get_json()["error"]
    assert _cells(db) == before


def test_fields_are_bounded_too_and_the_bound_is_a_setting(app, db) -> None:
    rita = _auth(db, "rita")
    client = app.test_client()
    r = client.post("/api/items/li-1/decision", headers=rita,
                    json={"action": "correct", "version": 1, "changes": {"name": "名" * 501}})  # fmt: skip
    assert r.status_code == 400 and "Name is 501 characters long" in r.get_json()["error"]
    accounts.set_setting(open_store(db), "max_text_chars", "1000")
    r = client.post("/api/items/li-1/decision", headers=rita,
                    json={"action": "correct", "version": 1, "changes": {"name": "名" * 501}})  # fmt: skip
    assert r.status_code == 200, r.get_json()


def test_an_edit_of_the_records_own_row_is_still_accepted(app, db) -> None:
    r = app.test_client().post("/api/items/li-1/decision", headers=_auth(db, "rita"),
                               json={"action": "correct", "version": 1,
                                     "changes": {"cells": [{"row": 1, "col": 1, "text": "行政运行（机关）"}]}})  # fmt: skip
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["status"] == "corrected"


def test_a_table_decision_may_edit_any_cell_inside_the_table_only(app, db) -> None:
    conn = open_store(db)
    (tid,) = conn.execute("SELECT id FROM tables WHERE status = 'pending'").fetchone()
    version = conn.execute("SELECT version FROM tables WHERE id = ?", (tid,)).fetchone()[0]
    client = app.test_client()
    rita = _auth(db, "rita")
    r = client.post(f"/api/items/tbl-{tid}/decision", headers=rita,
                    json={"action": "correct", "version": version, "changes": {"cells": [{"row": 9, "col": 0, "text": "x"}]}})  # fmt: skip
    assert r.status_code == 400 and "outside the table (2 rows × 2 columns)" in r.get_json()["error"]
    r = client.post(f"/api/items/tbl-{tid}/decision", headers=rita,
                    json={"action": "correct", "version": version, "changes": {"cells": [{"row": 1, "col": 1, "text": "12"}]}})  # fmt: skip
    assert r.status_code == 200, r.get_json()


def test_a_reviewer_holds_at_most_max_claims_and_opening_more_releases_the_oldest(db) -> None:
    conn = open_store(db)
    rita, remy = accounts.get_user(conn, "rita"), accounts.get_user(conn, "remy")
    accounts.set_setting(conn, "max_claims", "3")
    ids = [f"li-{n}" for n in range(1, 7)]
    app = make_app(db, WORKER=False)
    client = app.test_client()
    headers = _auth(db, "rita")
    for item_id in ids:
        assert client.post(f"/api/items/{item_id}/claim", headers=headers).status_code == 200
        time.sleep(0.01)
    held = [c.item_id for c in claims.claims_of(conn, rita)]
    assert held == ids[-1:-4:-1]
    # What rita let go, remy can take; what she holds, he cannot.
    assert claims.claim(conn, "li-1", remy).user_name == "remy"
    with pytest.raises(claims.Claimed):
        claims.claim(conn, "li-6", remy)


def test_claims_expire_and_expired_claims_count_for_nobody(db) -> None:
    conn = open_store(db)
    rita, remy = accounts.get_user(conn, "rita"), accounts.get_user(conn, "remy")
    now = time.time()
    for n in range(1, 6):
        claims.claim(conn, f"li-{n}", rita, minutes=1, now=now + n)
    later = now + 3600
    assert claims.claims_of(conn, rita, now=later) == []
    assert claims.claim(conn, "li-1", remy, now=later).user_name == "remy"
    claims.claim(conn, "li-6", rita, now=later)
    assert [c.item_id for c in claims.claims_of(conn, rita, now=later)] == ["li-6"]
    assert conn.execute("SELECT count(*) FROM review_claims WHERE user_id = ?", (rita.id,)).fetchone()[0] == 1
