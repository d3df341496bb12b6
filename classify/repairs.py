"""Repairs proposed from evidence; never applied to records by themselves.

* ``amount_repair(text)``: a cell that is almost an amount — OCR letters for digits (O→0, l/I/|→1,
  S→5, B→8, Z→2), mixed separators (``1.510,700.00`` → ``1,510,700.00``), stray spaces — gives
  the amount it most likely prints, or None.
* ``sum_repairs(table, row, total, parts)``: for a row whose 合计 ≠ Σ parts, the single-cell
  changes that make it hold: a blank part recovered from the sum (``missing``), or a printed
  number one digit away from the value the sum needs (``amount``: an OCR digit confusion).
* ``code_repairs`` (in the dictionary check): a code one or two digits from the code whose
  dictionary name the row prints (2107101 → 2101101 when the name is 行政单位医疗).
* column re-assignment: ``classify.checks.headers.check_header`` proposes the full header path a column
  lost; ``classify.columns`` places collapsed numbers by arithmetic.

``apply_repair(extraction, repair)`` applies one accepted repair (for the review queue: a
reviewer's decision), returning the records it changed.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Protocol

from classify.findings import Repair, fmt_amount, scale_of
from classify.model import Extraction, LineItem
from extract.model import Table, path_of
from extract.numbers import parse_amount, to_yuan
from extract.reasons import joined, reason


class PrintedAmount(Protocol):
    """An amount cell as the checks see it (``classify.checks`` ``Entry``)."""

    col: int
    value: Decimal  # yuan
    text: str  # as printed


_LETTERS = str.maketrans(
    {"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "|": "1", "S": "5", "B": "8", "Z": "2"}
)
_SEPARATED = re.compile(r"^[-−]?[\d.,]+$")


def amount_repair(text: str) -> str | None:
    """The amount an almost-amount cell prints, normalised to ``1,234.50`` style; None if none."""
    s = text.strip().replace(" ", "").replace("，", ",").replace("。", ".").replace("．", ".")
    if not s or parse_amount(s) is not None and s == text.strip():
        return None
    if not any(ch.isdigit() for ch in s):
        return None
    s = s.translate(_LETTERS)
    if not _SEPARATED.match(s):
        return None
    if parse_amount(s) is not None:
        return s
    # mixed or misplaced separators: the last separator followed by 1-2 digits is the decimal point
    m = re.match(r"^(.*?)[.,](\d{1,2})$", s)
    if m:
        whole, frac = m.group(1), m.group(2)
    else:
        whole, frac = s, ""
    digits = re.sub(r"[.,]", "", whole)
    if not digits.isdigit() and not (digits.startswith("-") and digits[1:].isdigit()):
        return None
    groups = [g for g in re.split(r"[.,]", whole) if g != ""]
    if len(groups) > 1 and not all(len(g) == 3 for g in groups[1:]):
        return None  # separators that are not thousands separators: not a confusion we can explain
    value = Decimal(digits + ("." + frac if frac else ""))
    return f"{value:,.{len(frac)}f}" if frac else f"{value:,}"


def sum_repairs(
    t: Table, row: int, total: PrintedAmount | None, parts: list[PrintedAmount | None]
) -> list[Repair]:
    """Single-cell changes that make ``total = Σ parts`` hold in ``row`` of table ``t``."""
    scale = scale_of(t)
    want = total.value if total is not None else Decimal(0)
    present = [p for p in parts if p is not None]
    got = sum((p.value for p in present), Decimal(0))
    out: list[Repair] = []
    missing = want - got
    blanks = [i for i, p in enumerate(parts) if p is None]
    if total is not None and missing > 0 and len(blanks) == 1:
        out.append(
            Repair(
                "missing",
                t.seq,
                row,
                None,
                "",
                fmt_amount(missing / scale),
                reason("repairs.blank_part", part=blanks[0] + 1),
            )
        )
    for p in present:
        need = p.value + missing
        if need >= 0 and _one_digit_apart(p.text, need / scale):
            out.append(
                Repair(
                    "amount",
                    t.seq,
                    row,
                    p.col,
                    p.text.strip(),
                    fmt_amount(need / scale),
                    reason("repairs.row_adds_up"),
                )
            )
    if total is not None and total.text and _one_digit_apart(total.text, got / scale):
        out.append(
            Repair(
                "amount",
                t.seq,
                row,
                total.col,
                total.text.strip(),
                fmt_amount(got / scale),
                reason("repairs.parts_sum"),
            )
        )
    return out


def _one_digit_apart(text: str, value: Decimal) -> bool:
    printed = re.sub(r"[^\d]", "", text)
    if not printed:
        return False
    frac = len(text.split(".")[1]) if "." in text else 0
    candidate = re.sub(r"[^\d]", "", f"{value:.{frac}f}")
    return (
        len(candidate) == len(printed) and sum(a != b for a, b in zip(candidate, printed, strict=True)) == 1
    )


def apply_repair(extraction: Extraction, repair: Repair) -> list[LineItem]:
    """Apply an accepted repair to the extraction's records; the records changed (left pending)."""
    changed: list[LineItem] = []
    table = next((t for t in extraction.document.tables if t.seq == repair.table), None)
    for r in extraction.line_items:
        if r.table_seq != repair.table:
            continue
        if repair.kind == "code" and r.row == repair.row and r.code == repair.old:
            r.code = repair.new
        elif repair.kind == "name" and r.row == repair.row:
            r.name = repair.new
        elif repair.kind == "column" and r.col == repair.col:
            r.column, r.column_path = repair.new, path_of(repair.new)
        elif repair.kind == "amount" and r.row == repair.row and r.col == repair.col:
            amount = parse_amount(repair.new)
            if amount is None:
                continue
            r.amount_yuan = to_yuan(amount, table.unit if table else "")
        else:
            continue
        r.reason = joined(r.reason, repair.describe(applied=True))
        changed.append(r)
    return changed
