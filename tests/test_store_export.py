"""The work store and the exported dataset: schema contract, statuses, provenance, metadata."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest
from sample_files import SEEDS

from digitize.pipeline import ingest
from review import store
from review.export import DATASET_SCHEMA, export

# The contract of design.md, written out again here on purpose: a change to the
# code's schema that breaks the contract must fail this test.
CONTRACT = {
    "documents": ["id", "source_file", "sha256", "format", "department", "year", "pages"],
    "tables": ["id", "document_id", "seq", "page", "table_type", "title", "unit", "confidence", "status"],
    "cells": ["table_id", "row", "col", "text", "confidence"],
    "line_items": ["id", "document_id", "table_id", "row", "code", "name", "column", "amount_yuan",
                   "confidence", "status"],
    "indicators": ["id", "document_id", "table_id", "row", "project", "level1", "level2", "level3", "value",
                   "confidence", "status"],
}  # fmt: skip
CONTRACT_TYPES = {
    ("documents", "year"): "INTEGER", ("documents", "pages"): "INTEGER", ("tables", "seq"): "INTEGER",
    ("tables", "page"): "INTEGER", ("tables", "confidence"): "REAL", ("cells", "row"): "INTEGER",
    ("cells", "col"): "INTEGER", ("cells", "confidence"): "REAL", ("line_items", "id"): "INTEGER",
    ("line_items", "row"): "INTEGER", ("line_items", "amount_yuan"): "REAL", ("line_items", "confidence"): "REAL",
    ("indicators", "id"): "INTEGER", ("indicators", "row"): "INTEGER", ("indicators", "confidence"): "REAL",
}  # fmt: skip


@pytest.fixture(scope="module")
def dataset(seeds_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "dataset.db"
    export(store.connect(seeds_db), out, csv_dir=out.parent / "csv")
    return out


def _columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    return [(r[1], r[2]) for r in conn.execute(f'PRAGMA table_info("{table}")')]


def test_export_follows_the_contract(dataset: Path) -> None:
    conn = sqlite3.connect(dataset)
    for table, cols in CONTRACT.items():
        actual = _columns(conn, table)
        assert [c for c, _ in actual[: len(cols)]] == cols, table
        types = dict(actual)
        for (t, c), typ in CONTRACT_TYPES.items():
            if t == table:
                assert types[c] == typ, (t, c)
        for c in cols:
            if (table, c) not in CONTRACT_TYPES:
                assert types[c] == "TEXT", (table, c)
    pks = {t: [r[1] for r in conn.execute(f'PRAGMA table_info("{t}")') if r[5]] for t in CONTRACT}
    assert pks == {
        "documents": ["id"],
        "tables": ["id"],
        "cells": [],
        "line_items": ["id"],
        "indicators": ["id"],
    }


def test_plain_export_holds_no_pending_records(seeds_db: Path, dataset: Path) -> None:
    conn = sqlite3.connect(dataset)
    for table in ("tables", "line_items", "indicators"):
        statuses = {r[0] for r in conn.execute(f"SELECT DISTINCT status FROM {table}")}
        assert statuses <= {"auto", "confirmed", "corrected"}, table
    work = store.connect(seeds_db)
    auto = work.execute("SELECT count(*) FROM line_items WHERE status = 'auto'").fetchone()[0]
    assert conn.execute("SELECT count(*) FROM line_items").fetchone()[0] == auto
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == len(SEEDS)


def test_include_pending_adds_pending_records(seeds_db: Path, tmp_path: Path) -> None:
    work = store.connect(seeds_db)
    pending = work.execute("SELECT count(*) FROM line_items WHERE status = 'pending'").fetchone()[0]
    assert pending > 0, "the seeds hold ambiguous rows (004) that must wait for review"
    summary = export(work, tmp_path / "all.db", include_pending=True)
    total = work.execute(
        "SELECT count(*) FROM line_items l JOIN tables t ON t.id = l.table_id WHERE l.status != 'rejected'"
    ).fetchone()[0]
    assert summary.line_items == total
    conn = sqlite3.connect(tmp_path / "all.db")
    assert conn.execute("SELECT count(*) FROM line_items WHERE status = 'pending'").fetchone()[0] == pending


def test_every_record_traces_to_its_cell(dataset: Path) -> None:
    conn = sqlite3.connect(dataset)
    orphans = conn.execute(
        """SELECT l.id FROM line_items l
           LEFT JOIN cells c ON c.table_id = l.table_id AND c.row = l.row AND c.col = l.col
           JOIN tables t ON t.id = l.table_id JOIN documents d ON d.id = t.document_id
           WHERE c.text IS NULL"""
    ).fetchall()
    assert orphans == []
    bad = conn.execute(
        """SELECT l.id, l.amount_yuan, l.amount_fen FROM line_items l
           WHERE abs(l.amount_yuan * 100 - l.amount_fen) > 0.001"""
    ).fetchall()
    assert bad == []


def test_dataset_documents_itself(dataset: Path) -> None:
    conn = sqlite3.connect(dataset)
    described = {(t, c) for t, c in conn.execute("SELECT table_name, column_name FROM _metadata")}
    for table, spec in DATASET_SCHEMA.items():
        for col, _, _ in spec:
            assert (table, col) in described
    about = dict(conn.execute("SELECT key, value FROM _about"))
    assert about["software_version"]
    assert set(json.loads(about["statuses"])) == {"auto", "confirmed", "corrected", "pending", "rejected"}
    assert len(json.loads(about["source_documents"])) == len(SEEDS)
    meta = json.loads((dataset.parent / "dataset.metadata.json").read_text(encoding="utf-8"))
    assert "line_items" in meta["databases"]["dataset"]["tables"]


def test_csv_export_matches_the_database(dataset: Path) -> None:
    conn = sqlite3.connect(dataset)
    with (dataset.parent / "csv" / "line_items.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == conn.execute("SELECT count(*) FROM line_items").fetchone()[0]
    assert list(rows[0])[:10] == CONTRACT["line_items"]


def test_reingesting_the_same_file_does_nothing(tmp_path: Path) -> None:
    conn = store.connect(tmp_path / "w.db")
    first = ingest(conn, [SEEDS[0]], workers=1)
    before = conn.execute("SELECT count(*) FROM line_items").fetchone()[0]
    second = ingest(conn, [SEEDS[0]], workers=1)
    assert first.done and second.skipped == [str(SEEDS[0])]
    assert conn.execute("SELECT count(*) FROM line_items").fetchone()[0] == before


def test_bad_inputs_are_recorded_and_the_batch_goes_on(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "noise.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    fake_pdf = tmp_path / "fake.pdf"
    fake_pdf.write_bytes(b"%PDF-1.4 this is not a pdf")
    conn = store.connect(tmp_path / "w.db")
    summary = ingest(conn, [empty, binary, fake_pdf, SEEDS[2], tmp_path / "missing.txt"], workers=1)
    assert summary.done == [str(SEEDS[2])]
    failed = {Path(p).name: err for p, err in summary.failed}
    assert set(failed) == {"empty.txt", "noise.png", "fake.pdf", "missing.txt"}
    for name, err in failed.items():
        assert name in err
    rows = {Path(r.source_file).name: r for r in store.document_statuses(conn)}
    assert rows["empty.txt"].status == "failed" and "empty" in rows["empty.txt"].error
    assert rows[SEEDS[2].name].status == "done"


def test_check_findings_are_stored_with_their_cells(seeds_db: Path) -> None:
    work = store.connect(seeds_db)
    rows = work.execute(
        """SELECT f.message, f.blame FROM findings f JOIN documents d ON d.id = f.document_id
           WHERE d.source_file LIKE '%004_%' AND f."check" = 'income_expense'"""
    ).fetchall()
    assert rows, "004 表4 prints income 4,682.92 against expenditure 364.89"
    assert "4,682.92" in rows[0]["message"]
    for table_id, _, _ in json.loads(rows[0]["blame"]):
        assert work.execute("SELECT 1 FROM tables WHERE id = ?", (table_id,)).fetchone()


def test_confirmed_records_teach_the_code_dictionary(tmp_path: Path) -> None:
    from review.ingest import known_codes

    conn = store.connect(tmp_path / "w.db")
    ingest(conn, [SEEDS[0]], workers=1)
    assert "2089997" not in known_codes(conn)
    conn.execute(
        "UPDATE line_items SET code = '2089997', name = '试点专项事务', status = 'corrected' WHERE id = 1"
    )
    dictionary = known_codes(conn)
    assert dictionary.name_of("2089997") == "试点专项事务"
    assert not dictionary.check("2089997", "试点专项事务").contradicts
