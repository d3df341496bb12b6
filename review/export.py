"""Export confirmed records from the work store to the published dataset.

The dataset schema is a contract (design.md): the five tables below keep
these column names and this order; extra columns come after them. The
dataset documents itself in two tables, ``_metadata`` (one row per table and
column: description and unit) and ``_about`` (software version, export time,
statuses, sources), and in a datasette ``metadata.json`` written beside it.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import time
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import sqlite_utils

from extract import reasons
from extract.taxonomy import TABLE_TYPES
from review.disclosures import link_disclosures

EXPORTED_STATUSES = ("auto", "confirmed", "corrected")
# A document is exported when it was read and no newer version of the same source replaced it; the
# records of a replaced version stay in the work store with their review history.
CURRENT_DOCUMENT = "status = 'done' AND superseded_by = ''"
PENDING = "pending"

# table → [(column, sqlite type, description)]; contract columns first, extras after.
DATASET_SCHEMA: dict[str, list[tuple[str, str, str]]] = {
    "documents": [
        ("id", "TEXT", "Document id: the first 16 hex digits of the file's SHA-256."),
        ("source_file", "TEXT", "The path given to ingest (for a folder of page images, the folder)."),
        ("sha256", "TEXT", "SHA-256 of the file's bytes."),
        ("format", "TEXT", "Input format: txt, pdf, scan-pdf, image, image-folder, xlsx, docx."),
        ("department", "TEXT", "Publishing body (部门/单位), its name alone as printed (no section prefix)."),
        ("year", "INTEGER", "Budget or final-accounts year."),
        ("pages", "INTEGER", "Number of pages (1 for text without page breaks)."),
        ("encoding", "TEXT", "Text inputs: the detected encoding."),
        ("shape", "TEXT", "Text inputs: tsv, cell-per-line, aligned or collapsed."),
        ("kind", "TEXT", "budget (预算) or final_account (决算); '' when the document does not say."),
        ("level", "TEXT", "部门 (a department with its units) or 单位 (one unit); '' when not printed."),
        ("region", "TEXT", "Region as printed (上海市普陀区, 陕西省略阳县 …); '' when none is printed."),
        (
            "disclosure_id",
            "TEXT",
            "The disclosure this document is one shape of (the id of its first document); count each disclosure once by it.",
        ),
    ],
    "tables": [
        ("id", "TEXT", "Table id: document id + '-t' + sequence number."),
        ("document_id", "TEXT", "The document the table belongs to (documents.id)."),
        ("seq", "INTEGER", "Position of the table in the document, from 1."),
        ("page", "INTEGER", "Page the table starts on, from 1."),
        ("table_type", "TEXT", "Table type slug (see _about.table_types)."),
        ("title", "TEXT", "Title as printed."),
        ("unit", "TEXT", "Unit the table prints amounts in: 元 or 万元 ('' when none printed)."),
        ("confidence", "REAL", "Confidence (0..1) in the table's reading and type."),
        ("status", "TEXT", "auto, confirmed, corrected, pending or rejected."),
        ("label", "TEXT", "Printed table number such as 表5 ('' when none)."),
        ("empty", "INTEGER", "1 when the table is published empty (空表)."),
        ("project", "TEXT", "Performance tables: the project (项目名称) they describe."),
        ("line_start", "INTEGER", "Text inputs: first source line of the table (1-based)."),
        ("line_end", "INTEGER", "Text inputs: last source line of the table."),
        ("bbox", "TEXT", "PDF/scan inputs: JSON [x0, y0, x1, y1] of the table on its page."),
    ],
    "cells": [
        ("table_id", "TEXT", "The table (tables.id)."),
        ("row", "INTEGER", "Row in the table's grid, from 0, header rows included."),
        ("col", "INTEGER", "Column in the table's grid, from 0."),
        ("text", "TEXT", "Cell text as read."),
        ("confidence", "REAL", "Reading confidence: 1.0 for a text layer, OCR confidence for scans."),
        ("rowspan", "INTEGER", "Rows the cell spans."),
        ("colspan", "INTEGER", "Columns the cell spans."),
        ("line_start", "INTEGER", "Text inputs: first source line of the cell."),
        ("line_end", "INTEGER", "Text inputs: last source line of the cell."),
        ("bbox", "TEXT", "PDF/scan inputs: JSON [x0, y0, x1, y1] of the cell on its page."),
    ],
    "line_items": [
        ("id", "INTEGER", "Record id."),
        ("document_id", "TEXT", "The document (documents.id)."),
        ("table_id", "TEXT", "The table (tables.id)."),
        ("row", "INTEGER", "Row of the table the amount stands in (cells.row)."),
        ("code", "TEXT", "Classification code (function 2080505, economic 30101, 50101) or ''."),
        ("name", "TEXT", "Item name as printed."),
        ("column", "TEXT", "Column header, whitespace removed, multi-row headers joined with '/'."),
        ("amount_yuan", "REAL", "Amount in yuan whatever the table's unit (万元 × 10000), exact to the fen."),
        ("confidence", "REAL", "Confidence (0..1) that the record is right."),
        ("status", "TEXT", "auto, confirmed, corrected, pending or rejected."),
        ("col", "INTEGER", "Column of the table the amount stands in (cells.col)."),
        ("amount_fen", "INTEGER", "The amount in fen (1/100 yuan) as an exact integer."),
        ("page", "INTEGER", "Page of the table."),
        ("reason", "TEXT", "Why the record was sent to review, in Chinese ('' when it was not)."),
        (
            "reason_codes",
            "TEXT",
            "The same reasons as codes with parameters: JSON [{code, params}, …] ('' when none; the codes and messages: extract/reasons.py).",
        ),
        (
            "gov_code",
            "TEXT",
            "The government's economic code (50101) where the row prints one beside code, else ''.",
        ),
        (
            "parent_path",
            "TEXT",
            "Names of the rows above the item in the table's hierarchy, '/'-joined ('' at the top).",
        ),
    ],
    "indicators": [
        ("id", "INTEGER", "Record id."),
        ("document_id", "TEXT", "The document (documents.id)."),
        ("table_id", "TEXT", "The performance table (tables.id)."),
        ("row", "INTEGER", "Row of the table (cells.row)."),
        ("project", "TEXT", "Project (项目名称) or department the targets belong to."),
        ("level1", "TEXT", "一级指标: 产出指标, 成本指标, 效益指标 or 满意度指标."),
        ("level2", "TEXT", "二级指标, canonical name with the 指标 suffix (数量指标, 经济效益指标, …)."),
        ("level3", "TEXT", "三级指标: the indicator's own text."),
        ("value", "TEXT", "指标值 as printed (≥95%, 100%, 20万元, …)."),
        ("confidence", "REAL", "Confidence (0..1) that the record is right."),
        ("status", "TEXT", "auto, confirmed, corrected, pending or rejected."),
        ("page", "INTEGER", "Page of the table."),
        ("reason", "TEXT", "Why the record was sent to review, in Chinese ('' when it was not)."),
        (
            "reason_codes",
            "TEXT",
            "The same reasons as codes with parameters: JSON [{code, params}, …] ('' when none; the codes and messages: extract/reasons.py).",
        ),
        # performance-target tables (issue 14): what the tables print beyond the contract
        (
            "direction",
            "TEXT",
            "指标方向 / 绩效指标性质 as printed in a column of its own (≥, ＝, ≤, ＜, 定性); '' when the table prints none.",
        ),
        (
            "unit",
            "TEXT",
            "度量单位 as printed in a column of its own (%, 万元, 次); '' when the table prints none.",
        ),
        (
            "project_amount",
            "TEXT",
            "The project's amount as printed (项目总额 / 资金金额), in the table's unit.",
        ),
        ("project_target", "TEXT", "The project's annual target as printed (年度目标 / 绩效目标)."),
        (
            "project_department",
            "TEXT",
            "The project's 主管部门 / 主管单位 as printed in its project block; '' when the table prints none.",
        ),
        (
            "project_unit",
            "TEXT",
            "The project's 实施单位 as printed in its project block; '' when the table prints none.",
        ),
    ],
    # ---- audit findings (issue 15)
    "findings": [
        ("id", "INTEGER", "Finding id."),
        ("document_id", "TEXT", "The document (documents.id)."),
        ("table_id", "TEXT", "The table the finding is about (tables.id); '' for document-level findings."),
        ("check", "TEXT", "The check (row_sum, narrative_mismatch, toc_missing, …; see docs/checks.md)."),
        ("severity", "TEXT", "info, warning or error."),
        ("message", "TEXT", "What was found, naming the tables, rows and figures it rests on."),
        (
            "evidence",
            "TEXT",
            "JSON: the cells compared ([table_id, row, col], …) or, for audit findings, "
            "{params, cells, tables, places: [{page, line_start, line_end, bbox, text}]}.",
        ),
        (
            "reason_codes",
            "TEXT",
            "The finding as a code with parameters: JSON [{code, params}] ('' for findings stored before codes).",
        ),
    ],
}
PRIMARY_KEYS = {"documents": "id", "tables": "id", "line_items": "id", "indicators": "id", "findings": "id"}
UNITS = {"amount_yuan": "元 (yuan)", "amount_fen": "分 (fen, 1/100 yuan)"}

STATUS_MEANING = {
    "auto": "accepted without review: every check passed at or above the confidence threshold",
    "confirmed": "a reviewer confirmed the record as extracted",
    "corrected": "a reviewer corrected the record",
    "pending": "waiting for review (only in exports made with --include-pending)",
    "rejected": "a reviewer rejected the record (never exported)",
}


@dataclass(frozen=True)
class ExportSummary:
    path: str
    documents: int
    tables: int
    cells: int
    line_items: int
    indicators: int
    findings: int = 0


def software_version() -> str:
    try:
        return version("digitize")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0+unknown"


def _columns(table: str) -> list[str]:
    return [name for name, _, _ in DATASET_SCHEMA[table]]


def _with_reason_text(row: dict) -> dict:
    """A record's stored reasons (codes) as the dataset holds them: the Chinese sentences in
    ``reason`` ('；'-joined), the codes and parameters in ``reason_codes``."""
    stored = row.get("reason_codes") or ""
    found = reasons.loads(stored)
    if all(r.code == "unknown" for r in found):  # a store from before codes: its text as it is
        return {**row, "reason": stored, "reason_codes": ""}
    return {**row, "reason": "；".join(r.render("zh") for r in found), "reason_codes": stored}


# dataset columns read from a work-store column of another name
_SOURCE_COLUMN = {"reason_codes": "reason"}


def _select(work: sqlite3.Connection, table: str, where: str, params: tuple) -> list[dict]:
    cols = ", ".join(f'"{_SOURCE_COLUMN.get(c, c)}" AS "{c}"' for c in _columns(table))
    return [dict(r) for r in work.execute(f"SELECT {cols} FROM {table} {where}", params)]


def export(
    work: sqlite3.Connection,
    out_path: str | Path,
    *,
    include_pending: bool = False,
    csv_dir: str | Path | None = None,
) -> ExportSummary:
    """Write the dataset to ``out_path`` (replaced if it exists) and, optionally, one CSV per table."""
    out_path = Path(out_path)
    for suffix in ("", "-wal", "-shm"):
        Path(str(out_path) + suffix).unlink(missing_ok=True)
    statuses = EXPORTED_STATUSES + ((PENDING,) if include_pending else ())
    marks = ", ".join("?" for _ in statuses)
    link_disclosures(work)

    data = {
        "documents": _select(work, "documents", f"WHERE {CURRENT_DOCUMENT} ORDER BY id", ()),
        "tables": _select(
            work,
            "tables",
            f"WHERE status IN ({marks}) AND document_id IN (SELECT id FROM documents WHERE {CURRENT_DOCUMENT})"
            " ORDER BY document_id, seq",
            statuses,
        ),
    }
    table_ids = tuple(t["id"] for t in data["tables"])
    keep = set(table_ids)
    data["cells"] = [
        c for c in _select(work, "cells", "ORDER BY table_id, row, col", ()) if c["table_id"] in keep
    ]
    for name in ("line_items", "indicators"):
        data[name] = [
            _with_reason_text(r)
            for r in _select(work, name, f"WHERE status IN ({marks}) ORDER BY id", statuses)
            if r["table_id"] in keep
        ]

    data["findings"] = [
        {**r, "table_id": r["table_id"] or "", "reason_codes": r.get("reason_codes") or ""}
        for r in _select(
            work,
            "findings",
            f"WHERE document_id IN (SELECT id FROM documents WHERE {CURRENT_DOCUMENT}) ORDER BY id",
            (),
        )
    ]

    db = sqlite_utils.Database(out_path)
    db.conn.execute("PRAGMA journal_mode=DELETE")  # one self-contained file for the people who receive it
    for name, spec in DATASET_SCHEMA.items():
        db.execute(create_table_sql(name, spec))
        if data[name]:
            db[name].insert_all(data[name], batch_size=1000)
    db["cells"].create_index(["table_id", "row", "col"], unique=True)
    db["line_items"].create_index(["document_id"])
    db["indicators"].create_index(["document_id"])
    _write_metadata(db, data, include_pending)
    db.conn.commit()
    db.close()

    if csv_dir is not None:
        write_csv(out_path, csv_dir)
    return ExportSummary(str(out_path), *(len(data[n]) for n in DATASET_SCHEMA))


def create_table_sql(name: str, spec: list[tuple[str, str, str]]) -> str:
    """CREATE TABLE with the contract's exact SQL types (TEXT, INTEGER, REAL)."""
    pk = PRIMARY_KEYS.get(name)
    cols = ", ".join(f'"{col}" {typ}' + (" PRIMARY KEY" if col == pk else "") for col, typ, _ in spec)
    return f'CREATE TABLE "{name}" ({cols})'


def _write_metadata(db: sqlite_utils.Database, data: dict[str, list[dict]], include_pending: bool) -> None:
    rows = []
    for table, spec in DATASET_SCHEMA.items():
        for col, typ, description in spec:
            rows.append(
                {"table_name": table, "column_name": col, "type": typ, "description": description,
                 "unit": UNITS.get(col, "")}
            )  # fmt: skip
    db["_metadata"].insert_all(rows, pk=("table_name", "column_name"))
    about = {
        "software": "digitize",
        "software_version": software_version(),
        "exported_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "include_pending": json.dumps(include_pending),
        "statuses": json.dumps(STATUS_MEANING, ensure_ascii=False),
        "units": "amount_yuan is always in yuan; tables.unit is the unit the source printed (万元 × 10000 = 元)",
        "source_documents": json.dumps(
            [
                {"id": d["id"], "source_file": d["source_file"], "sha256": d["sha256"]}
                for d in data["documents"]
            ],
            ensure_ascii=False,
        ),
        "table_types": json.dumps(TABLE_TYPES, ensure_ascii=False),
    }
    db["_about"].insert_all([{"key": k, "value": v} for k, v in about.items()], pk="key")
    metadata = {
        "title": "Budget disclosures digitized (部门预算/决算公开)",
        "description": "Tables, line items and performance indicators read from public budget disclosures by "
        f"digitize {about['software_version']}. Statuses: {', '.join(f'{k}: {v}' for k, v in STATUS_MEANING.items())}.",
        "databases": {
            Path(db.conn.execute("PRAGMA database_list").fetchone()[2]).stem: {
                "tables": {
                    table: {"columns": {col: desc for col, _, desc in spec}}
                    for table, spec in DATASET_SCHEMA.items()
                }
            }
        },
    }
    path = Path(db.conn.execute("PRAGMA database_list").fetchone()[2])
    path.with_name(path.stem + ".metadata.json").write_text(
        json.dumps(metadata, ensure_ascii=False, indent=2), encoding="utf-8"
    )


def write_csv(db_path: str | Path, csv_dir: str | Path) -> list[Path]:
    """One UTF-8 CSV per dataset table (with a BOM so spreadsheet programs read the Chinese)."""
    out = Path(csv_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sqlite3.connect(str(db_path)) as conn:
        for table in (*DATASET_SCHEMA, "_metadata", "_about"):
            cur = conn.execute(f'SELECT * FROM "{table}"')
            path = out / f"{table}.csv"
            with path.open("w", newline="", encoding="utf-8-sig") as fh:
                writer = csv.writer(fh)
                writer.writerow([d[0] for d in cur.description])
                writer.writerows(cur)
            written.append(path)
    return written
