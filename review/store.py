"""The work store: one SQLite database (WAL) holding every ingested document.

Its tables (``review.schema``) mirror the dataset schema of design.md (documents, tables, cells,
line_items, indicators) with working columns added: document status and
error, provenance (line span, bbox, column index), the reason a record is
pending, and a version counter for optimistic concurrency in review.

Each document's results are written in one transaction: a crash leaves the
document either absent or complete, never half written.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from classify.model import Extraction, TableVerdict
from extract import reasons
from extract.model import Document
from extract.reasons import to_jsonable
from review.queue_order import doubt_score, table_scores
from review.schema import ensure_schema

DOCUMENT_STATUSES = ("queued", "processing", "done", "failed")


class StoreError(ValueError):
    """A file given as the work store that is not one (foreign, truncated, damaged); nothing was written to it."""

    def __init__(self, path: str | Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}; nothing was written to it")
        self.path, self.problem = str(path), problem


SQLITE_HEADER = b"SQLite format 3\x00"
STORE_TABLES = ("meta", "documents")  # a database holding tables but neither of these is not a work store


def check_store_header(path: str | Path) -> None:
    """Refuse (StoreError) an existing file that is not a whole SQLite database, by its first 100 bytes."""
    p = Path(path)
    if not p.exists():
        return
    if not p.is_file():
        raise StoreError(path, "not a file")
    if Path(f"{p}-shm").exists() or Path(f"{p}-wal").exists():
        # A store in use (WAL): SQLite has opened it already. Opening and closing the file here would
        # drop this process's POSIX locks on it (they are per process, not per descriptor), so that
        # another process could checkpoint under a live reader ("disk I/O error", "malformed"); and a
        # checkpoint in progress may leave the file shorter than its header says.
        return
    size = p.stat().st_size
    if size == 0:
        return  # an empty file: a new store
    with p.open("rb") as f:
        header = f.read(100)
    if not header.startswith(SQLITE_HEADER):
        raise StoreError(path, "not a work store: the file is not an SQLite database")
    if len(header) < 100:
        raise StoreError(path, f"truncated: {size} bytes, shorter than an SQLite header")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise StoreError(path, f"damaged: the SQLite header gives a page size of {page_size}")
    pages = int.from_bytes(header[28:32], "big")
    header_valid = header[24:28] == header[92:96]  # the in-header size is valid only then
    if size % page_size or (header_valid and pages and size < pages * page_size):
        expected = (
            f"{pages * page_size} bytes" if header_valid and pages else f"a multiple of {page_size} bytes"
        )
        raise StoreError(path, f"truncated: {size} bytes where the database needs {expected}")


def _check_store_tables(conn: sqlite3.Connection, path: str | Path) -> None:
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise
        raise StoreError(path, f"damaged or not a work store ({exc})") from exc
    except sqlite3.DatabaseError as exc:
        raise StoreError(path, f"damaged or not a work store ({exc})") from exc
    if names and not names & set(STORE_TABLES):
        shown = ", ".join(sorted(names)[:5]) + (" …" if len(names) > 5 else "")
        raise StoreError(
            path, f"an SQLite database of something else, not a work store (its tables: {shown})"
        )


def check_store_file(path: str | Path) -> None:
    """Refuse (StoreError) a file that is not a work store, opening it read-only: nothing is written."""
    check_store_header(path)
    if not Path(path).exists() or Path(path).stat().st_size == 0:
        return
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        _check_store_tables(conn, path)
    finally:
        conn.close()


def connect(path: str | Path, timeout: float = 30.0) -> sqlite3.Connection:
    """Open (and create) a work store: WAL journal, busy timeout, foreign keys on.

    A file that is not a work store (foreign, truncated, damaged) is a StoreError before anything
    is written to it."""
    check_store_header(path)
    conn = sqlite3.connect(str(path), timeout=timeout, isolation_level=None)
    try:
        _check_store_tables(conn, path)
    except BaseException:
        conn.close()
        raise
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=NORMAL")
    ensure_schema(conn)
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any exception."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@dataclass(frozen=True)
class DocumentStatus:
    id: str
    source_file: str
    status: str
    error: str
    department: str
    year: int | None
    tables: int
    line_items: int
    indicators: int
    pending: int


def table_id(document_id: str, seq: int) -> str:
    return f"{document_id}-t{seq:03d}"


def find_document(conn: sqlite3.Connection, document_id: str) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()


def drop_failed_rows(conn: sqlite3.Connection, source_file: str, keep_id: str) -> int:
    """A file that failed before and now reads (fixed: new content, new id) replaces its failed rows:
    every ``failed`` document of ``source_file`` other than ``keep_id`` is removed. The number removed."""
    with transaction(conn):
        return conn.execute(
            "DELETE FROM documents WHERE source_file = ? AND status = 'failed' AND id != ?",
            (source_file, keep_id),
        ).rowcount


def mark(
    conn: sqlite3.Connection,
    document_id: str,
    status: str,
    *,
    source_file: str = "",
    error: str = "",
    size_bytes: int | None = None,
    source_key: str = "",
) -> None:
    """Set a document's status, creating its row when new (used for queued/processing/failed).

    ``source_key`` names the source the document is a version of (default: its file)."""
    if status not in DOCUMENT_STATUSES:
        raise ValueError(f"unknown document status {status!r}")
    now = time.time()
    with transaction(conn):
        conn.execute(
            """INSERT INTO documents (id, source_file, sha256, status, error, size_bytes, created_at, updated_at,
                                      source_key)
               VALUES (?, ?, '', ?, ?, ?, ?, ?, ?)
               ON CONFLICT(id) DO UPDATE SET status = excluded.status, error = excluded.error,
                 source_key = CASE WHEN ? != '' THEN excluded.source_key ELSE documents.source_key END,
                 lease_owner = CASE WHEN excluded.status = 'processing' THEN documents.lease_owner ELSE '' END,
                 source_file = CASE WHEN excluded.source_file != '' THEN excluded.source_file
                                    ELSE documents.source_file END,
                 updated_at = excluded.updated_at""",
            (
                document_id,
                source_file,
                status,
                error,
                size_bytes,
                now,
                now,
                source_key or source_file,
                source_key,
            ),
        )


def claim(
    conn: sqlite3.Connection,
    document_id: str,
    owner: str,
    is_alive: Callable[[str], bool],
    lease_seconds: float = 3600.0,
) -> bool:
    """Take a document for processing unless another live process holds an unexpired lease on it.

    A document left in ``processing`` by a process that died (``is_alive(owner)``
    is false, or its lease ran out) is taken over, so a crashed batch resumes
    where it stopped.
    """
    now = time.time()
    with transaction(conn):
        row = conn.execute(
            "SELECT status, lease_owner, lease_expires FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        if row is None or row["status"] == "done":
            return False
        held = row["status"] == "processing" and row["lease_owner"] not in ("", owner)
        if held and (row["lease_expires"] or 0) > now and is_alive(row["lease_owner"]):
            return False
        conn.execute(
            """UPDATE documents SET status = 'processing', lease_owner = ?, lease_expires = ?, updated_at = ?
               WHERE id = ?""",
            (owner, now + lease_seconds, now, document_id),
        )
    return True


def _delete_results(conn: sqlite3.Connection, document_id: str) -> None:
    conn.execute("DELETE FROM findings WHERE document_id = ?", (document_id,))
    conn.execute("DELETE FROM paragraphs WHERE document_id = ?", (document_id,))
    conn.execute("DELETE FROM line_items WHERE document_id = ?", (document_id,))
    conn.execute("DELETE FROM indicators WHERE document_id = ?", (document_id,))
    conn.execute(
        "DELETE FROM cells WHERE table_id IN (SELECT id FROM tables WHERE document_id = ?)", (document_id,)
    )
    conn.execute("DELETE FROM tables WHERE document_id = ?", (document_id,))


def _fen(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


NewVersionHook = Callable[[sqlite3.Connection, str, str], object]


def save_extraction(
    conn: sqlite3.Connection,
    extraction: Extraction,
    *,
    source_key: str = "",
    on_new_version: NewVersionHook | None = None,
) -> str:
    """Write one document's results in a single transaction, replacing any earlier results.

    A document whose source (``source_key``: given, or set when it was queued, or else its file)
    already has a current version becomes the next version of it: the old one is marked
    ``superseded_by`` and ``on_new_version(conn, new_id, old_id)`` runs in the same transaction
    (``review.versions`` carries the reviewers' decisions over).
    """
    doc: Document = extraction.document
    now = time.time()
    pages_of = {t.seq: t.page for t in doc.tables}
    with transaction(conn):
        _delete_results(conn, doc.id)
        if not source_key:
            known = conn.execute("SELECT source_key FROM documents WHERE id = ?", (doc.id,)).fetchone()
            source_key = (known["source_key"] if known else "") or doc.source_file
        previous = conn.execute(
            """SELECT id, version FROM documents WHERE source_key = ? AND id != ? AND status = 'done'
               AND superseded_by = '' ORDER BY version DESC LIMIT 1""",
            (source_key, doc.id),
        ).fetchone()
        version, supersedes = (previous["version"] + 1, previous["id"]) if previous else (1, "")
        if previous:
            conn.execute("UPDATE documents SET superseded_by = ? WHERE id = ?", (doc.id, previous["id"]))
        conn.execute(
            """INSERT INTO documents (id, source_file, sha256, format, department, year, pages, status, error,
                                      encoding, shape, created_at, updated_at, version, supersedes, lease_owner,
                                      source_key, kind, level, region)
               VALUES (?, ?, ?, ?, ?, ?, ?, 'done', '', ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?)
               ON CONFLICT(id) DO UPDATE SET source_file = excluded.source_file, sha256 = excluded.sha256,
                 format = excluded.format, department = excluded.department, year = excluded.year,
                 pages = excluded.pages, status = 'done', error = '', encoding = excluded.encoding,
                 shape = excluded.shape, updated_at = excluded.updated_at, version = excluded.version,
                 supersedes = excluded.supersedes, lease_owner = '', source_key = excluded.source_key,
                 kind = excluded.kind, level = excluded.level, region = excluded.region""",
            (
                doc.id, doc.source_file, doc.sha256, doc.format, doc.department, doc.year,
                max(len(doc.pages), 1), doc.encoding, doc.shape, now, now, version, supersedes, source_key,
                doc.kind, doc.level, doc.region,
            ),
        )  # fmt: skip
        for t in doc.tables:
            tid = table_id(doc.id, t.seq)
            v = extraction.verdicts.get(t.seq) or TableVerdict(project=t.project)
            conn.execute(
                """INSERT INTO tables (id, document_id, seq, page, table_type, title, unit, confidence, status,
                                       label, empty, layout, type_confidence, project, line_start, line_end,
                                       bbox, header_rows, notes, warnings, reason)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    tid, doc.id, t.seq, t.page, v.table_type, t.title, t.unit, v.confidence, v.status,
                    t.label, int(t.empty), t.layout, v.type_confidence, v.project,
                    t.line_span[0] if t.line_span else None, t.line_span[1] if t.line_span else None,
                    json.dumps(t.bbox) if t.bbox else None, t.header_rows,
                    json.dumps(to_jsonable(t.notes), ensure_ascii=False),
                    json.dumps(to_jsonable(t.warnings), ensure_ascii=False), reasons.dumps(v.reason),
                ),
            )  # fmt: skip
            conn.executemany(
                """INSERT OR REPLACE INTO cells (table_id, row, col, text, confidence, rowspan, colspan,
                                                 line_start, line_end, bbox)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    (
                        tid, c.row, c.col, c.text, c.confidence, c.rowspan, c.colspan,
                        c.line_span[0] if c.line_span else None, c.line_span[1] if c.line_span else None,
                        json.dumps(c.bbox) if c.bbox else None,
                    )
                    for c in t.cells
                ],
            )  # fmt: skip
        conn.executemany(
            """INSERT INTO line_items (document_id, table_id, row, code, name, "column", amount_yuan, confidence,
                                       status, col, amount_fen, page, reason, score, gov_code, parent_path)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                (
                    doc.id, table_id(doc.id, li.table_seq), li.row, li.code, li.name, li.column,
                    float(li.amount_yuan), li.confidence, li.status, li.col, _fen(li.amount_yuan),
                    pages_of.get(li.table_seq, 1), reasons.dumps(li.reason), doubt_score(li.confidence, float(li.amount_yuan)),
                    li.gov_code, "/".join(li.parent_path),
                )
                for li in extraction.line_items
            ],
        )  # fmt: skip
        conn.executemany(
            """INSERT INTO indicators (document_id, table_id, row, project, level1, level2, level3, value,
                                       confidence, status, page, reason, score,
                                       direction, unit, project_amount, project_target,
                                       project_department, project_unit)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                (
                    doc.id, table_id(doc.id, ind.table_seq), ind.row, ind.project, ind.level1, ind.level2,
                    ind.level3, ind.value, ind.confidence, ind.status, pages_of.get(ind.table_seq, 1), reasons.dumps(ind.reason),
                    doubt_score(ind.confidence, None),
                    ind.direction, ind.unit, ind.project_amount, ind.project_target,
                    ind.project_department, ind.project_unit,
                )
                for ind in extraction.indicators
            ],
        )  # fmt: skip
        conn.executemany(
            """INSERT INTO findings (document_id, table_id, "check", severity, message, evidence, blame, repairs,
                                     reason)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [_finding_row(doc.id, f) for f in extraction.findings],
        )
        conn.executemany(
            """INSERT INTO paragraphs (document_id, seq, page, line_start, line_end, bbox, text)
               VALUES (?, ?, ?, ?, ?, ?, ?)""",
            [
                (
                    doc.id, i, p.page, p.line_span[0] if p.line_span else None,
                    p.line_span[1] if p.line_span else None, json.dumps(p.bbox) if p.bbox else None, p.text,
                )
                for i, p in enumerate(doc.paragraphs, start=1)
            ],
        )  # fmt: skip
        table_scores(conn, "t.document_id = ?", (doc.id,))
        if previous and on_new_version is not None:
            on_new_version(conn, doc.id, previous["id"])
    return doc.id


def _finding_row(document_id: str, finding: Any) -> tuple:
    """A check's finding (classify.checks.Finding) as a row: cells as [table_id, row, col]."""

    def cells(refs: list[tuple[int, int, int]]) -> str:
        return json.dumps([[table_id(document_id, t), r, c] for t, r, c in refs])

    repairs = [
        {"kind": r.kind, "table_id": table_id(document_id, r.table), "row": r.row, "col": r.col,
         "old": r.old, "new": r.new, "evidence": r.evidence.to_json()}
        for r in finding.repairs
    ]  # fmt: skip
    first = finding.tables[0] if finding.tables else None
    detail = getattr(finding, "detail", None)
    stored = reasons.dumps([detail]) if detail is not None else ""
    if detail is not None and detail.code == finding.check:  # an audit finding: its parameters and places
        evidence = {
            "params": detail.to_json()["params"],
            "cells": [[table_id(document_id, t), r, c] for t, r, c in finding.evidence],
            "tables": [table_id(document_id, t) for t in finding.tables],
            "places": finding.places,
        }
        return (
            document_id, table_id(document_id, first) if first is not None else None, finding.check,
            finding.severity, finding.message, json.dumps(evidence, ensure_ascii=False), cells(finding.blame),
            json.dumps(repairs, ensure_ascii=False), stored,
        )  # fmt: skip
    return (
        document_id, table_id(document_id, first) if first is not None else None, finding.check,
        finding.severity, finding.message, cells(finding.evidence), cells(finding.blame),
        json.dumps(repairs, ensure_ascii=False), stored,
    )  # fmt: skip


def document_statuses(conn: sqlite3.Connection) -> list[DocumentStatus]:
    rows = conn.execute(
        """SELECT d.id, d.source_file, d.status, d.error, d.department, d.year,
                  (SELECT count(*) FROM tables t WHERE t.document_id = d.id) AS tables,
                  (SELECT count(*) FROM line_items l WHERE l.document_id = d.id) AS line_items,
                  (SELECT count(*) FROM indicators i WHERE i.document_id = d.id) AS indicators,
                  (SELECT count(*) FROM line_items l WHERE l.document_id = d.id AND l.status = 'pending')
                + (SELECT count(*) FROM indicators i WHERE i.document_id = d.id AND i.status = 'pending') AS pending
           FROM documents d ORDER BY d.created_at, d.id"""
    ).fetchall()
    return [DocumentStatus(**dict(r)) for r in rows]
