"""Confidence of tables and records from reading, classification and check results.

Record confidence::

    c_read  = the record's own confidence (lowest OCR confidence of its cells; records.py's
              penalties for unplaced or shifted values)
    c_check = CONTRADICTED (0.2)         a check's error blames the cell
              1.0                        a holding relation ties the cell (row sum, parent = Σ
                                         children, column total, cross-table equality)
              routing.unverified         no relation covers the cell, table checks clean
              routing.unverified_failing no relation covers the cell, and checks fail in its table
              each warning (a near-miss name) multiplies by routing.warning_factor
    c_type  = the table type's probability
    confidence = min(c_read, c_check) × (0.5 + 0.5 × c_type)

Table confidence = c_type × (1 − failed / checked relations) (× 0.5 when a header check fails).
A record is ``auto`` only when its confidence ≥ ``routing.record_threshold``, no error blames it
and its table is ``auto``.
"""

from __future__ import annotations

from dataclasses import dataclass

from classify.checks import table_name
from classify.findings import CellRef, CheckResult, Finding
from classify.model import LineItem, TableVerdict
from extract.model import Table
from extract.reasons import Reason, reason

CONTRADICTED = 0.2


@dataclass(frozen=True)
class Scores:
    confidence: float
    reasons: list[Reason]


def table_confidence(table: Table, verdict: TableVerdict, result: CheckResult) -> float:
    checked = result.checked.get(table.seq, 0)
    failed = result.failed.get(table.seq, 0)
    score = verdict.type_confidence * (1.0 - failed / checked if checked else 1.0)
    if any(f.check == "header" and f.severity == "error" and table.seq in f.tables for f in result.findings):
        score *= 0.5
    return max(0.0, min(1.0, score))


def failure_ratio(table: Table, result: CheckResult) -> tuple[int, int]:
    return result.failed.get(table.seq, 0), result.checked.get(table.seq, 0)


def record_confidence(
    record: LineItem,
    table: Table,
    verdict: TableVerdict,
    result: CheckResult,
    errors: dict[CellRef, list[Finding]],
    warnings: dict[CellRef, list[Finding]],
    *,
    unverified: float,
    unverified_failing: float,
    warning_factor: float,
) -> Scores:
    ref = (record.table_seq, record.row, record.col)
    reasons = [r for f in errors.get(ref, []) for r in f.reason()]
    if reasons:
        c_check = CONTRADICTED
    elif ref in result.verified:
        c_check = 1.0
    elif result.failed.get(table.seq, 0):
        c_check = unverified_failing
        reasons.append(
            reason(
                "routing.unverified_failing",
                table=table_name(table),
                row=record.code or record.name or record.row,
                failed=result.failed[table.seq],
            )
        )
    else:
        c_check = unverified
        if c_check < 1.0:
            reasons.append(
                reason(
                    "routing.unverified",
                    table=table_name(table),
                    row=record.code or record.name or record.row,
                )
            )
    for f in warnings.get(ref, []):
        c_check *= warning_factor
        reasons.extend(f.reason())
    confidence = min(record.confidence, c_check) * (0.5 + 0.5 * verdict.type_confidence)
    return Scores(round(confidence, 4), reasons)
