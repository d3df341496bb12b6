"""A table's column structure: label, code and amount columns and the header tree of sums that tie
the amounts (``table_spec``), and the placements of a row's numbers that add up (``placements``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations
from math import comb

from extract.codes import is_digit_code
from extract.model import ColumnPath, Table
from extract.numbers import parse_amount
from extract.relations import SumNode, header_tree
from extract.vocabulary import CODE_COLUMN, INDEX_HEADERS, SUB_HEADERS, is_code_part, names_total

Vec = tuple[Decimal, ...]
IVec = tuple[int, ...]
Placement = tuple[int, ...]  # for each number of the row, its index into TableSpec.amount_cols
ZERO = Decimal(0)
MAX_PLACEMENTS = 20000  # per row; beyond this the row is left packed and flagged
_LABEL = re.compile(r"(编码|代码|编号|名称|项目|科目|单位)$")
_AMOUNT_SUFFIX = ("金额", "数")  # a header ending so (or in a total word) names amounts, not labels
_TEXT = re.compile(r"(备注|说明|简介|内容|性质|类别|型号|时间|目录|方式)$")


def squash(text: str) -> str:
    return "".join(text.split())


@dataclass
class TableSpec:
    """How a table's columns are used: labels, amounts, and the sums that tie the amounts."""

    names: list[str]
    label_cols: list[int]
    code_cols: list[int]
    name_col: int | None
    amount_cols: list[int]  # table column index of each amount column, in order
    systems: list[SumNode]  # one per total column (or lone 小计); empty when there is none
    split_cols: list[int] = field(default_factory=list)  # 类 / 款 / 项: a code printed in parts
    paths: list[ColumnPath] = field(default_factory=list)  # each column's header labels (names: joined)

    def amount_name(self, i: int) -> str:
        return self.names[self.amount_cols[i]] if self.amount_cols[i] < len(self.names) else str(i)

    def amount_path(self, i: int) -> ColumnPath:
        return self.paths[self.amount_cols[i]] if self.amount_cols[i] < len(self.paths) else (str(i),)

    def holds(self, v: Vec) -> bool:
        return all(s.holds(v) for s in self.systems)


def table_spec(table: Table) -> TableSpec:
    """The column structure of a table, from its header names."""
    paths = table.column_paths()
    names = ["/".join(p) for p in paths]
    last = [leaf_of(p) for p in paths]
    label_cols: list[int] = []
    for i, n in enumerate(last):
        labelled = bool(n and _LABEL.search(n) and not (names_total(n) or n.endswith(_AMOUNT_SUFFIX)))
        index = n in INDEX_HEADERS and not label_cols
        split = is_code_part(paths[i])  # 科目编码/类, 项目/部门预算经济分类科目编码/类
        if not (labelled or index or split):
            break
        label_cols.append(i)
    if not names:
        label_cols = _guess_label_cols(table)
        names = [""] * table.n_cols
        paths = [()] * table.n_cols
        last = list(names)
    split_cols = [i for i in label_cols if last[i] in SUB_HEADERS]
    code_cols = [i for i in label_cols if CODE_COLUMN.search(last[i])] if any(last) else label_cols[:1]
    if split_cols and not code_cols:
        code_cols = split_cols[:1]
    name_col = next(
        (i for i in label_cols if i not in code_cols + split_cols and last[i] not in INDEX_HEADERS), None
    )
    start = (label_cols[-1] + 1) if label_cols else 0
    amount_cols = [i for i in range(start, len(names)) if not _TEXT.search(last[i])]
    spec = TableSpec(names, label_cols, code_cols, name_col, amount_cols, _systems(paths, amount_cols))
    spec.split_cols = split_cols
    spec.paths = paths
    return spec


def _guess_label_cols(table: Table) -> list[int]:
    cols: list[int] = []
    for col in range(table.n_cols):
        texts = [c.text for c in table.cells if c.col == col and c.row >= table.header_rows and c.text]
        if texts and all(parse_amount(t) is None or is_digit_code(t) for t in texts):
            cols.append(col)
        else:
            break
    return cols


def leaf_of(path: ColumnPath) -> str:
    """A column's own (lowest) header label ('' when it has none)."""
    return path[-1] if path else ""


def _systems(column_paths: list[ColumnPath], amount_cols: list[int]) -> list[SumNode]:
    """The sums that tie the amount columns (``extract.relations``: the one home of what a 合计 or
    小计 covers); each node's ``col`` indexes ``amount_cols``."""
    return header_tree([column_paths[c] for c in amount_cols])


def placements(numbers: Sequence[Decimal], spec: TableSpec) -> list[Placement] | None:
    """Every order-preserving placement of ``numbers`` into the amount columns that adds up.

    None when there are too many to enumerate. Without a total column only the
    placement that fills every column is certain; the packed one is returned.
    """
    n, k = len(spec.amount_cols), len(numbers)
    if k == 0:
        return [()]
    if k > n:
        return []
    if not spec.systems:
        return [tuple(range(k))]
    if comb(n, k) > MAX_PLACEMENTS:
        return None
    out: list[Placement] = []
    for cols in combinations(range(n), k):
        v = vector(numbers, cols, n)
        if spec.holds(v):
            out.append(cols)
    return out


def vector(numbers: Sequence[Decimal], cols: Placement, n: int) -> Vec:
    v = [ZERO] * n
    for x, c in zip(numbers, cols, strict=True):
        v[c] = x
    return tuple(v)
