"""The queue read a page at a time from its indexes: EXPLAIN QUERY PLAN shows the indexes used and no
sort of the whole queue; paging past the first 500 items works, over HTTP too."""

from __future__ import annotations

from pathlib import Path

import pytest
from review_fixtures import build_store, login, make_app

from review import work_queue
from review.db import open_store
from review.synthetic import add_documents


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = build_store(tmp_path_factory.mktemp("paging") / "store")
    add_documents(open_store(db), 80, rows=20)
    return db


def _plan(conn, sql: str, params) -> str:
    return "\n".join(r["detail"] for r in conn.execute("EXPLAIN QUERY PLAN " + sql, params))


@pytest.mark.parametrize("kind", ["line_item", "indicator", "table"])
@pytest.mark.parametrize("part", ["pending", "audit", "confirmed"])
def test_each_part_of_the_queue_is_read_in_order_from_its_index(db: Path, kind: str, part: str) -> None:
    if part == "audit" and kind == "table":
        return
    sql, params = work_queue._part_sql(kind, part, {})
    plan = _plan(open_store(db), sql + " LIMIT 500", params)
    if part == "audit":  # the open samples are few: read by primary key, then sorted
        assert "SEARCH l USING INTEGER PRIMARY KEY" in plan and "SCAN l" not in plan, plan
        return
    index = {"line_item": "line_items_queue", "indicator": "indicators_queue", "table": "tables_queue"}[kind]
    assert index in plan, plan
    assert "TEMP B-TREE" not in plan, plan


def test_filters_and_counts_use_indexes_too(db: Path) -> None:
    conn = open_store(db)
    sql, params = work_queue._part_sql("line_item", "pending", {"document_id": "syn0000000003"})
    plan = _plan(conn, sql, params)
    assert "USING INDEX" in plan and "SCAN l" not in plan, plan
    sql, params = work_queue._part_sql("line_item", "pending", {"table_id": "syn0000000003-t001"})
    assert "SCAN l" not in _plan(conn, sql.split(" ORDER BY ")[0], params)


def test_pages_put_together_are_the_whole_queue_in_order(db: Path) -> None:
    conn = open_store(db)
    everything = work_queue.list_items(conn)
    assert len(everything) > 1200
    assert len(everything) == work_queue.count_items(conn) == work_queue.summarize(conn).pending
    pages = []
    for offset in range(0, len(everything), 500):
        pages += work_queue.list_items(conn, limit=500, offset=offset)
    assert [it.id for it in pages] == [it.id for it in everything]
    scores = [it.score for it in everything]
    assert scores == sorted(scores, reverse=True)


def test_the_queue_page_pages_past_the_first_500_over_http(db: Path) -> None:
    conn = open_store(db)
    everything = work_queue.list_items(conn)
    client = make_app(db, WORKER=False).test_client()
    login(client, "rita")
    third = client.get("/queue?page=3", headers={"Accept-Language": "en"})
    assert third.status_code == 200
    body = third.get_data(as_text=True)
    assert f"Showing 1001–{min(1500, len(everything))} of {len(everything)}" in body
    assert f"/items/{everything[1000].id}" in body and f'/items/{everything[999].id}"' not in body
    api = client.get("/api/items?limit=5&offset=1000")
    assert api.status_code == 401  # the API needs a token: paging there is covered by list_items above
