"""What a decision may change: the editable fields of each kind of item, their validation, and
the diff and writes of changed fields and cells."""

from __future__ import annotations

import math
import sqlite3
from decimal import Decimal
from typing import Any

from extract.numbers import from_yuan, parse_amount, to_yuan
from extract.taxonomy import LEVEL1, LEVEL2, TABLE_TYPES
from review.errors import BadDecision, message
from review.queue_order import doubt_score

EDITABLE = {
    "line_item": ("code", "name", "column", "amount_yuan"),
    "indicator": ("project", "level1", "level2", "level3", "value"),
    "table": ("table_type", "title", "unit"),
}


def _label(key: str) -> str:
    """A field as the reader's language names it (金额（元）, 二级指标 …)."""
    from review.i18n import FIELD_LABELS

    return str(FIELD_LABELS.get(key, key))


def parse_amount_yuan(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise BadDecision("amount_yuan must be a number")
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise BadDecision("amount_yuan must be finite")
        return Decimal(str(value)).quantize(Decimal("0.01"))
    if isinstance(value, str):
        parsed = parse_amount(value)
        if parsed is None:
            raise BadDecision(message("not_an_amount", value=value))
        return parsed.quantize(Decimal("0.01"))
    raise BadDecision("amount_yuan must be a number")


def table_shape(conn: sqlite3.Connection, table_id: str) -> tuple[int, int]:
    """(rows, columns) of a table as extracted: one past its largest row and column index."""
    r = conn.execute("SELECT max(row), max(col) FROM cells WHERE table_id = ?", (table_id,)).fetchone()
    return (r[0] + 1 if r[0] is not None else 0, r[1] + 1 if r[1] is not None else 0)


def validate_changes(
    kind: str,
    row: dict[str, Any],
    table: dict[str, Any] | None,
    changes: Any,
    *,
    shape: tuple[int, int] | None = None,
    max_chars: int = 500,
) -> tuple[dict[str, Any], list[tuple[int, int, str]]]:
    """The changed fields (normalized) and cell edits a ``changes`` object asks for; BadDecision otherwise.

    A record's decision may edit only the cells of its own row, a table's decision any cell, both
    within the table's ``shape`` (rows, columns); no text (field or cell) may exceed ``max_chars``,
    and a cell is edited at most once.
    """
    if changes is None:
        changes = {}
    if not isinstance(changes, dict):
        raise BadDecision("changes must be an object")
    allowed = set(EDITABLE[kind]) | {"cells"}
    unknown = set(changes) - allowed
    if unknown:
        raise BadDecision(
            f"cannot change {', '.join(sorted(unknown))} of a {kind}; allowed: {', '.join(sorted(allowed))}"
        )
    fields: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "cells":
            continue
        if key == "amount_yuan":
            fields[key] = parse_amount_yuan(value)
            continue
        if not isinstance(value, str):
            raise BadDecision(f"{key} must be a string")
        value = value.strip()
        if len(value) > max_chars:
            raise BadDecision(message("too_long", field=_label(key), length=len(value), limit=max_chars))
        if key == "table_type" and value not in TABLE_TYPES:
            raise BadDecision(f"unknown table type {value!r}")
        if key == "level1" and value and value not in LEVEL1:
            raise BadDecision(message("one_of", field=_label(key), choices="、".join(LEVEL1)))
        if key == "level2" and value and value not in LEVEL2:
            raise BadDecision(message("one_of", field=_label(key), choices="、".join(LEVEL2)))
        if key == "unit" and value not in ("", "元", "万元", "千元", "亿元"):
            raise BadDecision(message("unknown_unit", value=value))
        fields[key] = value
    cells: list[tuple[int, int, str]] = []
    raw_cells = changes.get("cells", [])
    if not isinstance(raw_cells, list):
        raise BadDecision("cells must be a list of {row, col, text}")
    for c in raw_cells:
        if not (isinstance(c, dict) and isinstance(c.get("row"), int) and isinstance(c.get("col"), int)
                and isinstance(c.get("text"), str) and c["row"] >= 0 and c["col"] >= 0):  # fmt: skip
            raise BadDecision("each cell edit must be {row: int, col: int, text: str}")
        r, k, text = c["row"], c["col"], c["text"].strip()
        if kind != "table" and r != row["row"]:
            raise BadDecision(
                f"cell ({r}, {k}) is not in this {kind.replace('_', ' ')}'s row {row['row']}: "
                "a record's decision edits only its own row"
            )
        if shape is not None and not (r < shape[0] and k < shape[1]):
            raise BadDecision(message("cell_outside", row=r, col=k, rows=shape[0], cols=shape[1]))
        if len(text) > max_chars:
            raise BadDecision(message("cell_too_long", row=r, col=k, length=len(text), limit=max_chars))
        if any((r, k) == (r0, k0) for r0, k0, _ in cells):
            raise BadDecision(f"cell ({r}, {k}) is edited twice in one decision")
        cells.append((r, k, text))
    if kind == "line_item":
        keep_amount_and_cell(row, table, fields, cells)
    # A line item's own cell edited without a new amount: the amount is read from the cell.
    if kind == "line_item" and "amount_yuan" not in fields:
        for r, c, text in cells:
            if r == row["row"] and c == row["col"]:
                parsed = parse_amount(text)
                if parsed is None:
                    raise BadDecision(message("cell_not_amount", row=r, col=c, value=text))
                fields["amount_yuan"] = to_yuan(parsed, (table or {}).get("unit") or "")
    return fields, cells


def diff(row: dict[str, Any], fields: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    before, after = {}, {}
    for key, value in fields.items():
        old = row.get(key)
        if key == "amount_yuan":
            old_d = Decimal(str(old)).quantize(Decimal("0.01")) if old is not None else None
            if old_d != value:
                before[key], after[key] = old, float(value)
        elif (old or "") != value:
            before[key], after[key] = old, value
    return before, after


def cell_diff(
    conn: sqlite3.Connection, table_id: str, cells: list[tuple[int, int, str]]
) -> tuple[dict[str, str], dict[str, str]]:
    before, after = {}, {}
    for r, c, text in cells:
        row = conn.execute(
            "SELECT text FROM cells WHERE table_id = ? AND row = ? AND col = ?", (table_id, r, c)
        ).fetchone()
        old = row["text"] if row else ""
        if (old or "").strip() != text:
            before[f"cell {r},{c}"], after[f"cell {r},{c}"] = old, text
    return before, after


def write_cells(conn: sqlite3.Connection, table_id: str, cell_after: dict[str, str]) -> None:
    for key, text in cell_after.items():
        r, c = (int(x) for x in key.split()[1].split(","))
        cur = conn.execute(
            "UPDATE cells SET text = ? WHERE table_id = ? AND row = ? AND col = ?", (text, table_id, r, c)
        )
        if cur.rowcount == 0:
            conn.execute(
                "INSERT INTO cells (table_id, row, col, text, confidence, rowspan, colspan) VALUES (?, ?, ?, ?, 1.0, 1, 1)",
                (table_id, r, c, text),
            )


def apply_fields(conn: sqlite3.Connection, table: str, key: Any, fields_after: dict[str, Any]) -> None:
    sets, params = [], []
    for col, value in fields_after.items():
        sets.append(f'"{col}" = ?')
        params.append(value)
        if col == "amount_yuan":
            sets.append("amount_fen = ?")
            params.append(int((Decimal(str(value)) * 100).to_integral_value()))
    if "amount_yuan" in fields_after and table == "line_items":
        confidence = conn.execute("SELECT confidence FROM line_items WHERE id = ?", (key,)).fetchone()[0]
        sets.append("score = ?")
        params.append(doubt_score(confidence, float(fields_after["amount_yuan"])))
    if sets:
        conn.execute(f"UPDATE {table} SET {', '.join(sets)} WHERE id = ?", (*params, key))


# ---- review workbench (issue 16): one amount, one editor


def keep_amount_and_cell(
    row: dict[str, Any],
    table: dict[str, Any] | None,
    fields: dict[str, Any],
    cells: list[tuple[int, int, str]],
) -> None:
    """A line item's amount (元) and its own cell (the table's unit) stay one value: a new amount
    without a cell edit rewrites the cell in the table's unit, as the cell printed amounts; both
    edited must agree (BadDecision otherwise). Changes ``cells`` in place."""
    if "amount_yuan" not in fields or row.get("row") is None or row.get("col") is None:
        return
    unit = (table or {}).get("unit") or ""
    own = [(i, text) for i, (r, c, text) in enumerate(cells) if r == row["row"] and c == row["col"]]
    if own:
        parsed = parse_amount(own[0][1])
        if parsed is None or to_yuan(parsed, unit) != fields["amount_yuan"]:
            raise BadDecision(
                message(
                    "amount_cell_disagree", amount=fields["amount_yuan"], cell=own[0][1], unit=unit or "元"
                )
            )
        return
    cells.append((row["row"], row["col"], from_yuan(fields["amount_yuan"], unit, row.get("cell_text") or "")))
