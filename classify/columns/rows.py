"""The rows whose numbers need (or have) a placement: their codes, names, numbers and candidates."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from math import comb

from classify.columns.spec import ZERO, IVec, Placement, TableSpec, Vec, placements, squash, vector
from extract.model import Cell, Table
from extract.numbers import parse_amount
from extract.reasons import Reason, reason
from extract.vocabulary import is_total_row_name

SCALE = 10**6  # constraint sums run on integers in millionths of the printed unit


@dataclass(eq=False)
class RowVar:
    """One table row whose numbers need (or have) a placement."""

    table: Table
    spec: TableSpec
    row: int
    code: str
    code2: str
    name: str
    cells: list[Cell]  # the number cells, in printed order
    numbers: list[Decimal]
    candidates: list[Placement]
    fixed: bool  # a grid table's row: its placement is what it is
    issues: list[Reason] = field(default_factory=list)
    # the issues that state the source's own inconsistency (its numbers add up under no placement):
    # what the checks then find over the row is an error of the document, not a doubt of the reading
    source: list[Reason] = field(default_factory=list)
    siblings: list[str] = field(default_factory=list)  # tables holding the same row

    @property
    def label(self) -> str:
        if self.code and self.code2:
            return f"{self.code}/{self.code2}"
        return self.code or self.name or f"#{self.row}"

    def vec(self, p: Placement) -> Vec:
        return vector(self.numbers, p, len(self.spec.amount_cols))

    def ivec(self, p: Placement) -> IVec:
        v = [0] * len(self.spec.amount_cols)
        for x, c in zip(self.numbers, p, strict=True):
            v[c] = int(x * SCALE)
        return tuple(v)

    @property
    def is_total(self) -> bool:
        return not self.code and is_total_row_name(self.name)


def row_vars(table: Table, spec: TableSpec, collapsed: bool) -> list[RowVar]:
    by_row: dict[int, dict[int, Cell]] = {}
    for c in table.cells:
        if c.row >= table.header_rows:
            by_row.setdefault(c.row, {})[c.col] = c
    out: list[RowVar] = []
    first = spec.amount_cols[0] if spec.amount_cols else None
    for r in sorted(by_row):
        cells = by_row[r]
        code = _code(cells, spec, 0)
        code2 = _code(cells, spec, 1)
        name = cells[spec.name_col].text if spec.name_col is not None and spec.name_col in cells else ""
        if not name and not code:
            name = next((cells[c].text for c in spec.label_cols if c in cells), "")
        nums: list[Cell] = []
        if collapsed and first is not None:
            col = first
            while col in cells and parse_amount(cells[col].text) is not None:
                nums.append(cells[col])
                col += 1
        else:
            nums = [
                cells[c] for c in spec.amount_cols if c in cells and parse_amount(cells[c].text) is not None
            ]
        values = [parse_amount(c.text) or ZERO for c in nums]
        extra = len(values) - len(spec.amount_cols)
        if collapsed and extra > 0:  # more numbers than columns: the extra ones stay where they are
            rv = RowVar(table, spec, r, code, code2, name, nums, values, [], True)
            rv.issues.append(_no_fit_reason(rv))
            rv.cells, rv.numbers = nums[: len(spec.amount_cols)], values[: len(spec.amount_cols)]
            rv.candidates = [tuple(range(len(rv.numbers)))]
            out.append(rv)
            continue
        if collapsed:
            cands = placements(values, spec)
            rv = RowVar(table, spec, r, code, code2, name, nums, values, [], False)
            if cands is None:
                rv.candidates = [tuple(range(len(values)))]
                rv.fixed = True
                rv.issues.append(
                    reason(
                        "columns.too_many_ways",
                        row=rv.label,
                        ways=comb(len(spec.amount_cols), len(values)),
                        numbers=len(values),
                    )
                )
            elif not cands:
                rv.candidates = [tuple(range(min(len(values), len(spec.amount_cols))))]
                rv.fixed = True
                rv.issues.append(_no_fit_reason(rv))
                rv.source.append(rv.issues[-1])
            else:
                rv.candidates = cands
        else:
            placed = tuple(spec.amount_cols.index(c.col) for c in nums)
            rv = RowVar(table, spec, r, code, code2, name, nums, values, [placed], True)
        out.append(rv)
    return out


def _code(cells: dict[int, Cell], spec: TableSpec, i: int) -> str:
    if spec.split_cols and i == 0:
        parts = [squash(cells[c].text) for c in spec.split_cols if c in cells]
        joined = "".join(parts)
        return joined if joined.isdigit() else ""
    if i >= len(spec.code_cols) or spec.code_cols[i] not in cells:
        return ""
    text = squash(cells[spec.code_cols[i]].text)
    return text if text.isdigit() else ""


def _no_fit_reason(rv: RowVar) -> Reason:
    nums = "、".join(c.text for c in rv.cells)
    if len(rv.numbers) > len(rv.spec.amount_cols):
        return reason(
            "columns.too_many_numbers",
            row=rv.label,
            count=len(rv.numbers),
            numbers=nums,
            columns=len(rv.spec.amount_cols),
        )
    return reason("columns.no_fit", row=rv.label, numbers=nums)
