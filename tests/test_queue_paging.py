"""The queue read a page at a time from its indexes: EXPLAIN QUERY PLAN shows the indexes used and no
sort, for each part and for every query the queue and item pages run; paging past the first pages
works, over HTTP too; the document filter offers the documents with most pending and finds the rest."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from review_fixtures import build_store, login, make_app

from review import audits, work_queue
from review import store as store_module
from review.db import open_store
from review.queue import PAGE_SIZE
from review.synthetic import add_documents


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = build_store(tmp_path_factory.mktemp("paging") / "store")
    conn = open_store(db)
    add_documents(conn, 80, rows=20)
    audits.sample_audits(conn, share=0.05)
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
    if part == "audit":  # the open samples in queue order from their own index, each record by key
        assert "review_queue_audits_order" in plan and "SEARCH l USING INTEGER PRIMARY KEY" in plan, plan
        assert "SCAN" not in plan and "TEMP B-TREE" not in plan, plan
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
    assert any(it.audit for it in everything)
    pages = []
    for offset in range(0, len(everything), 300):
        pages += work_queue.list_items(conn, limit=300, offset=offset)
    assert [it.id for it in pages] == [it.id for it in everything]
    scores = [it.score for it in everything]
    assert scores == sorted(scores, reverse=True)


def test_the_queue_page_pages_past_the_first_pages_over_http(db: Path) -> None:
    conn = open_store(db)
    everything = work_queue.list_items(conn)
    client = make_app(db, WORKER=False, SAMPLE_AUDITS=False).test_client()
    login(client, "rita")
    third = client.get("/queue?page=3", headers={"Accept-Language": "en"})
    assert third.status_code == 200
    body = third.get_data(as_text=True)
    first, last = 2 * PAGE_SIZE, 3 * PAGE_SIZE
    assert f"Showing {first + 1}–{last} of {len(everything)}" in body
    shown = [f"/items/{it.id}" for it in everything[first:last]]
    assert all(f'"{href}"' in body for href in shown)
    assert f'/items/{everything[first - 1].id}"' not in body and f'/items/{everything[last].id}"' not in body
    api = client.get("/api/items?limit=5&offset=1000")
    assert api.status_code == 401  # the API needs a token: paging there is covered by list_items above


def _queries_of(db: Path, monkeypatch: pytest.MonkeyPatch, paths: list[str]) -> list[str]:
    """Every SELECT the service's connections run while answering ``paths``."""
    seen: list[str] = []
    real = store_module.connect

    def traced(*args, **kwargs):  # type: ignore[no-untyped-def]
        conn = real(*args, **kwargs)
        conn.set_trace_callback(seen.append)
        return conn

    monkeypatch.setattr(store_module, "connect", traced)
    client = make_app(db, WORKER=False).test_client()
    login(client, "rita")
    seen.clear()
    for path in paths:
        assert client.get(path).status_code == 200, path
    return [q for q in seen if q.lstrip().upper().startswith(("SELECT", "WITH"))]


def test_the_queue_and_item_pages_scan_no_records_and_sort_nothing(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = open_store(db)
    items = work_queue.list_items(conn, limit=5)
    audit = next(it for it in work_queue.list_items(conn) if it.audit)
    doc = items[0].document_id
    paths = ["/queue", "/queue?page=3", f"/queue?document_id={doc}", "/queue?kind=indicator",
             f"/items/{items[0].id}", f"/items/{audit.id}", "/queue/documents?q=0000007"]  # fmt: skip
    add_documents(conn, 1, rows=5, prefix="late")  # sampled for audits by the first page
    queries = _queries_of(db, monkeypatch, paths)
    assert len(queries) > 20
    for sql in queries:
        plan = _plan(conn, sql, ())
        for table in ("line_items", "indicators", "l ", "x ", "cells"):
            assert f"SCAN {table}" not in plan + " ", (sql, plan)
        assert "SCAN t" not in plan.replace("SCAN t USING", "") or "tables" not in sql, (sql, plan)
        assert "TEMP B-TREE" not in plan, (sql, plan)


def test_the_document_filter_offers_the_top_documents_and_finds_the_others(db: Path) -> None:
    conn = open_store(db)
    summary = work_queue.summarize(conn)
    assert summary.documents >= 80 and len(summary.by_document) == work_queue.TOP_DOCUMENTS
    everything = work_queue.list_items(conn)
    per_doc: dict[str, int] = {}
    for it in everything:
        per_doc[it.document_id] = per_doc.get(it.document_id, 0) + 1
    ranked = sorted(per_doc.items(), key=lambda x: (-x[1], x[0]))
    assert list(summary.by_document.items()) == ranked[: work_queue.TOP_DOCUMENTS]
    client = make_app(db, WORKER=False, SAMPLE_AUDITS=False).test_client()
    login(client, "rita")
    body = client.get("/queue").get_data(as_text=True)
    offered = re.findall(r'<option value="(syn[0-9]+)">', body)
    assert offered == [d for d, _ in ranked[: work_queue.TOP_DOCUMENTS]]
    last, n = next(x for x in reversed(ranked) if x[0].startswith("syn"))  # among the least pending
    assert last not in offered
    found = client.get(f"/queue/documents?q={last[-6:]}").get_json()["documents"]
    assert [(d["id"], d["pending"]) for d in found] == [(last, n)] and f"{last}.txt" in found[0]["label"]
    chosen = client.get(f"/queue?document_id={last}").get_data(as_text=True)
    assert f'<option value="{last}">' in chosen and f"{n} match the filters" not in chosen  # zh page
    assert sorted(re.findall(r'data-href="/items/([^"?]+)', chosen)) == sorted(
        it.id for it in everything if it.document_id == last
    )
    assert client.get("/queue/documents?q=%25").get_json()["documents"] == []  # % is no wildcard
