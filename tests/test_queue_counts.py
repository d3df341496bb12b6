"""The queue's counts, kept per document by triggers and the next reader, equal a full recount of the
queue after every kind of write: ingests of real files, audit samples, decisions (confirm, correct,
reject, on records, audit samples and tables), corrections held for approval and settled, undo, bulk
confirm, a re-ingest of a changed source (a new version), a failed document removed, and a write
from a plain sqlite3 connection that runs none of the service's code."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from review_fixtures import build_store
from sample_files import seed

from review import accounts, audits, decisions, proposals, undo, work_queue
from review.ingest import known_codes, make_job, process_file, routing_of, store_outcome
from review.store import connect
from review.synthetic import add_documents


def recount(conn: sqlite3.Connection) -> dict:
    """The counts the queue page shows, from the whole queue listed item by item."""
    items = work_queue.list_items(conn)
    out: dict = {"pending": len(items), "audits": sum(it.audit for it in items), "by_kind": {},
                 "by_table_type": {}, "by_reason": {}, "by_document": {}}  # fmt: skip
    for it in items:
        for name, key in (("by_kind", it.kind), ("by_table_type", it.table_type or "?"),
                          ("by_document", it.document_id)):  # fmt: skip
            out[name][key] = out[name].get(key, 0) + 1
        for cat in work_queue.reason_categories(it.reason) or ["(none)"]:
            out["by_reason"][cat] = out["by_reason"].get(cat, 0) + 1
    out["decided"] = conn.execute(
        """SELECT count(*) FROM (SELECT DISTINCT document_id, item_id FROM review_audit
            WHERE action IN ('confirm', 'correct', 'reject', 'approve'))"""
    ).fetchone()[0]
    return out


def assert_exact(conn: sqlite3.Connection) -> work_queue.QueueSummary:
    full = recount(conn)
    s = work_queue.summarize(conn, top=10_000)
    kept = {"pending": s.pending, "audits": s.audits, "by_kind": s.by_kind, "by_table_type": s.by_table_type,
            "by_reason": s.by_reason, "by_document": s.by_document, "decided": s.decided}  # fmt: skip
    assert kept == full
    assert s.documents == len(full["by_document"])
    assert list(s.by_document.values()) == sorted(s.by_document.values(), reverse=True)
    for kind, n in full["by_kind"].items():
        assert work_queue.count_items(conn, kind=kind) == n
    for table_type, n in full["by_table_type"].items():
        assert work_queue.count_items(conn, table_type=table_type) == n
    for cat in full["by_reason"]:  # the counts' answer equals the listing's, filter by filter
        listed = len(work_queue.list_items(conn, reason=cat))
        assert work_queue.count_items(conn, reason=cat) == listed
    return s


def ingest(conn: sqlite3.Connection, path: Path) -> None:
    assert store_outcome(conn, process_file(make_job(path), routing_of(conn), known_codes(conn))) == "done"


def _pending(conn: sqlite3.Connection, kind: str, n: int = 1) -> list[work_queue.QueueItem]:
    return [it for it in work_queue.list_items(conn) if it.kind == kind and not it.audit][:n]


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    conn = connect(build_store(tmp_path / "store"))
    yield conn
    conn.close()


def test_the_counts_equal_a_full_recount_after_every_kind_of_write(conn, tmp_path: Path) -> None:
    rita = accounts.get_user(conn, "rita")
    april = accounts.get_user(conn, "april")
    assert_exact(conn)
    add_documents(conn, 12, rows=10)
    source = tmp_path / "预算.txt"
    source.write_bytes(seed("000").read_bytes()[:150_000])
    ingest(conn, source)
    first = assert_exact(conn)
    assert first.pending > 100

    audits.sample_audits(conn, share=0.05)
    assert assert_exact(conn).audits > 0

    li, li2, li3 = _pending(conn, "line_item", 3)
    decisions.decide(conn, li.id, rita, "confirm", li.version)
    decisions.decide(conn, li2.id, rita, "reject", li2.version, note="not in the source")
    (ind,) = _pending(conn, "indicator")
    decisions.decide(conn, ind.id, rita, "correct", ind.version, {"level2": "社会效益指标"})
    audit = next(it for it in work_queue.list_items(conn) if it.audit)
    decisions.decide(conn, audit.id, rita, "confirm", audit.version)
    after = assert_exact(conn)
    assert after.decided == 4 and after.pending == first.pending + after.audits - 3

    held = decisions.decide(conn, li3.id, rita, "correct", li3.version, {"name": "行政运行（改）"},
                            require_approval=True)  # fmt: skip
    assert held.status == "pending"
    assert li3.id not in {it.id for it in work_queue.list_items(conn)}
    assert_exact(conn)
    (proposal,) = proposals.open_proposals(conn)
    proposals.settle_proposal(conn, proposal["id"], april, approve=False)
    assert_exact(conn)

    tables = [it for it in work_queue.list_items(conn) if it.kind == "table"]
    assert tables
    if tables:
        new_type = "other" if tables[0].table_type != "other" else "gpb_expense_function"
        decisions.decide(conn, tables[0].id, rita, "correct", tables[0].version, {"table_type": new_type})
        assert_exact(conn)
    undo.undo_last(conn, rita)
    assert_exact(conn)

    table_id = _pending(conn, "line_item")[0].table_id
    version = conn.execute("SELECT version FROM tables WHERE id = ?", (table_id,)).fetchone()[0]
    decisions.bulk_confirm_table(conn, table_id, rita, version)
    assert_exact(conn)
    undo.undo_last(conn, rita)
    assert_exact(conn)

    source.write_bytes(seed("000").read_bytes()[:150_000].replace(b"\n", b"\n\n", 1))  # version 2
    ingest(conn, source)
    replaced = conn.execute("SELECT count(*) FROM documents WHERE superseded_by != ''").fetchone()[0]
    assert replaced == 1
    assert_exact(conn)

    other = sqlite3.connect(conn.execute("PRAGMA database_list").fetchone()[2])  # no review code at all
    other.execute(
        "UPDATE line_items SET status = 'pending', reason = 'x' WHERE document_id = 'syn0000000004'"
    )
    other.execute("UPDATE tables SET table_type = 'other' WHERE document_id = 'syn0000000005'")
    other.execute(
        "DELETE FROM review_audit_samples WHERE rowid IN (SELECT rowid FROM review_audit_samples LIMIT 2)"
    )
    other.commit()
    other.close()
    assert_exact(conn)


def test_a_store_made_before_the_counts_is_counted_once_in_full(tmp_path: Path) -> None:
    db = build_store(tmp_path / "store")
    conn = connect(db)
    add_documents(conn, 5, rows=10)
    expected = recount(conn)
    for name in ("review_queue_counts", "review_queue_totals", "review_queue_dirty", "review_queue_audits"):
        conn.execute(f"DROP TABLE {name}")
    conn.execute("DELETE FROM meta WHERE key = 'queue_counts'")
    conn.close()
    conn = connect(db)  # the schema is made again and every document marked
    assert conn.execute("SELECT count(*) FROM review_queue_dirty").fetchone()[0] == 7
    s = work_queue.summarize(conn, top=10_000)
    assert (s.pending, s.by_document, s.decided) == (
        expected["pending"],
        expected["by_document"],
        expected["decided"],
    )
    assert conn.execute("SELECT count(*) FROM review_queue_dirty").fetchone()[0] == 0
