"""Place the numbers of collapsed rows into their columns, by arithmetic.

A collapsed table (``Table.layout == 'collapsed'``, see ``extract.collapsed``)
holds each row's numbers packed left after the label columns, in printed
order: ``2080107 社会保险业务管理事务 26.52 5.52 21`` does not say which of
人员经费支出 / 公用经费支出 / 专项业务经费支出 hold 5.52 and 21. This module
decides, using only sums that must hold, in this order of evidence:

1. row sums: 合计 = Σ parts (nested: 基本支出/小计 = 人员经费 + 公用经费; 其中… ≤ its
   parent). Every order-preserving placement of the row's numbers is
   enumerated and the ones that add up exactly (``Decimal``, to the fen) kept.
2. parent = Σ children per column (208 = Σ 208xx, 20801 = Σ 20801xx, 301 = Σ 301xx).
3. column totals: the 合计 row = Σ top-level rows, per column.
4. sibling tables: the same code in the basic-expenditure table (人员 / 公用
   must be equal; only ≥ if equality is impossible) and the 合计 rows of the
   function and economic tables of the same scope.

The constraints are solved together: each constraint prunes candidate
placements that no combination of the other rows' candidates supports
(a subset-sum dynamic programme per constraint, repeated to a fixpoint),
then small connected sets of still-open rows are searched exhaustively.

Nothing printed is changed: cells are only moved. A constraint that the
source itself breaks (children that do not add up to their parent) is not
used and is reported as a row issue. A row whose placement stays
open keeps the most likely placement (the one most used by decided rows of
the table, then the leftmost) and gets a row issue naming the alternatives.
``place_columns`` returns new tables (the reader's are not changed), their
layout ``'grid'``, with the row and cell issues of the placement beside them.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations, product
from math import comb

from extract.codes import is_digit_code
from extract.model import Cell, ColumnPath, Table
from extract.numbers import UNIT_SCALE, parse_amount
from extract.vocabulary import INDEX_HEADERS, TOTAL_WORDS, is_total_column, is_total_row_name, names_total

Vec = tuple[Decimal, ...]
IVec = tuple[int, ...]
Placement = tuple[int, ...]  # for each number of the row, its index into TableSpec.amount_cols

ZERO = Decimal(0)
MAX_PLACEMENTS = 20000  # per row; beyond this the row is left packed and flagged
MAX_STATES = 50000  # per constraint; beyond this the constraint is skipped
MAX_SEARCH = 20000  # assignments tried per connected set of open rows
SCALE = 10**6  # constraint sums run on integers in millionths of the printed unit

_LABEL = re.compile(r"(编码|代码|编号|名称|项目|科目|单位)$")
_CODE_COL = re.compile(r"(编码|代码|编号)$")
_AMOUNT_SUFFIX = ("金额", "数")  # a header ending so (or in a total word) names amounts, not labels
_TEXT = re.compile(r"(备注|说明|简介|内容|性质|类别|型号|时间|目录|方式)$")
_SPLIT = ("类", "款", "项")


def _squash(text: str) -> str:
    return "".join(text.split())


# --------------------------------------------------------------------------- column structure


@dataclass
class Node:
    """An additive column group: its value is ``col`` (a total/subtotal) or, without one, Σ children."""

    name: str
    col: int | None = None  # index into amount_cols
    children: list[Node] = field(default_factory=list)
    within: list[int] = field(default_factory=list)  # 其中… columns: part of, not added

    def value(self, v: Vec) -> Decimal:
        if self.col is not None:
            return v[self.col]
        return sum((c.value(v) for c in self.children), ZERO)

    def holds(self, v: Vec) -> bool:
        if self.children:
            total = sum((c.value(v) for c in self.children), ZERO)
            if self.col is not None and v[self.col] != total:
                return False
            if not all(c.holds(v) for c in self.children):
                return False
        if self.within:
            mine = self.value(v)
            for q in self.within:
                if mine >= 0 and not (ZERO <= v[q] <= mine):
                    return False
        return True


@dataclass
class TableSpec:
    """How a table's columns are used: labels, amounts, and the sums that tie the amounts."""

    names: list[str]
    label_cols: list[int]
    code_cols: list[int]
    name_col: int | None
    amount_cols: list[int]  # table column index of each amount column, in order
    systems: list[Node]  # one per 合计 column; empty when there is no total column
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
    last = [_leaf(p) for p in paths]
    label_cols: list[int] = []
    for i, n in enumerate(last):
        labelled = bool(n and _LABEL.search(n) and not (names_total(n) or n.endswith(_AMOUNT_SUFFIX)))
        index = n in INDEX_HEADERS and not label_cols
        split = n in _SPLIT and bool(_CODE_COL.search(paths[i][0] if paths[i] else ""))
        if not (labelled or index or split):
            break
        label_cols.append(i)
    if not names:
        label_cols = _guess_label_cols(table)
        names = [""] * table.n_cols
        paths = [()] * table.n_cols
        last = list(names)
    split_cols = [i for i in label_cols if last[i] in _SPLIT]
    code_cols = [i for i in label_cols if _CODE_COL.search(last[i])] if any(last) else label_cols[:1]
    if split_cols and not code_cols:
        code_cols = split_cols[:1]
    name_col = next(
        (i for i in label_cols if i not in code_cols + split_cols and last[i] not in INDEX_HEADERS), None
    )
    start = (label_cols[-1] + 1) if label_cols else 0
    amount_cols = [i for i in range(start, len(names)) if not _TEXT.search(last[i])]
    spec = TableSpec(names, label_cols, code_cols, name_col, amount_cols, _systems(paths, names, amount_cols))
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


def _leaf(path: ColumnPath) -> str:
    """A column's own (lowest) header label ('' when it has none)."""
    return path[-1] if path else ""


def _systems(column_paths: list[ColumnPath], names: list[str], amount_cols: list[int]) -> list[Node]:
    paths = [list(column_paths[c]) or [""] for c in amount_cols]
    totals = [i for i, p in enumerate(paths) if is_total_column(p[-1])]
    systems: list[Node] = []
    for t_idx, t in enumerate(totals):
        end = totals[t_idx + 1] if t_idx + 1 < len(totals) else len(paths)
        prefix = paths[t][:-1]
        root = Node(names[amount_cols[t]], col=t)
        for i in range(t + 1, end):
            rel = paths[i][len(prefix) :] if paths[i][: len(prefix)] == prefix else paths[i]
            _insert(root, rel or [""], i)
        systems.append(root)
    return systems


def _insert(root: Node, rel: list[str], col: int) -> None:
    node = root
    for seg in rel[:-1]:
        child = next((c for c in node.children if c.name == seg), None)
        if child is None:
            child = Node(seg)
            node.children.append(child)
        node = child
    leaf = rel[-1]
    if leaf == "小计" and node is not root and node.col is None:
        node.col = col
    elif leaf.startswith("其中"):
        target = node if node is not root or not node.children else node.children[-1]
        target.within.append(col)
    else:
        node.children.append(Node(leaf, col=col))


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
        v = _vector(numbers, cols, n)
        if spec.holds(v):
            out.append(cols)
    return out


def _vector(numbers: Sequence[Decimal], cols: Placement, n: int) -> Vec:
    v = [ZERO] * n
    for x, c in zip(numbers, cols, strict=True):
        v[c] = x
    return tuple(v)


# --------------------------------------------------------------------------- rows


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
    issues: list[str] = field(default_factory=list)
    siblings: list[str] = field(default_factory=list)  # tables holding the same row

    @property
    def label(self) -> str:
        if self.code and self.code2:
            return f"{self.code}/{self.code2}"
        return self.code or self.name or f"#{self.row}"

    def vec(self, p: Placement) -> Vec:
        return _vector(self.numbers, p, len(self.spec.amount_cols))

    def ivec(self, p: Placement) -> IVec:
        v = [0] * len(self.spec.amount_cols)
        for x, c in zip(self.numbers, p, strict=True):
            v[c] = int(x * SCALE)
        return tuple(v)

    @property
    def is_total(self) -> bool:
        return not self.code and is_total_row_name(self.name)


def _row_vars(table: Table, spec: TableSpec, collapsed: bool) -> list[RowVar]:
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
                    f"row {rv.label}: too many ways ({comb(len(spec.amount_cols), len(values))}) to place "
                    f"{len(values)} numbers; left in printed order"
                )
            elif not cands:
                rv.candidates = [tuple(range(min(len(values), len(spec.amount_cols))))]
                rv.fixed = True
                rv.issues.append(_no_fit_reason(rv))
            else:
                rv.candidates = cands
        else:
            placed = tuple(spec.amount_cols.index(c.col) for c in nums)
            rv = RowVar(table, spec, r, code, code2, name, nums, values, [placed], True)
        out.append(rv)
    return out


def _code(cells: dict[int, Cell], spec: TableSpec, i: int) -> str:
    if spec.split_cols and i == 0:
        parts = [_squash(cells[c].text) for c in spec.split_cols if c in cells]
        joined = "".join(parts)
        return joined if joined.isdigit() else ""
    if i >= len(spec.code_cols) or spec.code_cols[i] not in cells:
        return ""
    text = _squash(cells[spec.code_cols[i]].text)
    return text if text.isdigit() else ""


def _no_fit_reason(rv: RowVar) -> str:
    nums = ", ".join(c.text for c in rv.cells)
    if len(rv.numbers) > len(rv.spec.amount_cols):
        return f"row {rv.label}: {len(rv.numbers)} numbers ({nums}) for {len(rv.spec.amount_cols)} amount columns"
    return (
        f"row {rv.label}: the numbers {nums} do not add up under any placement "
        f"(the total is not the sum of the parts); kept in printed order"
    )


# --------------------------------------------------------------------------- constraints


@dataclass(eq=False)
class Constraint:
    """Σ sign·proj(vector) = 0 over the members (``mode='eq'``), or a ≥ b for a pair (``'ge'``)."""

    members: list[tuple[RowVar, int, tuple[int, ...]]]  # (row, sign, amount indexes projected)
    what: str
    mode: str = "eq"
    active: bool = True

    _sig: tuple[int, ...] = ()

    def proj(self, i: int, p: Placement) -> Vec:
        rv, sign, idx = self.members[i]
        v = rv.vec(p)
        return tuple(v[j] * sign for j in idx)

    def iproj(self, i: int, p: Placement) -> IVec:
        """``proj`` in integer millionths (exact for amounts printed with up to 6 decimals): fast sums."""
        rv, sign, idx = self.members[i]
        v = rv.ivec(p)
        return tuple(v[j] * sign for j in idx)

    def check(self, choice: dict[RowVar, Placement]) -> bool:
        vecs = [self.iproj(i, choice[m[0]]) for i, m in enumerate(self.members)]
        if self.mode == "ge":
            return all(a >= -b for a, b in zip(vecs[0], vecs[1], strict=True))
        return all(sum(col, ZERO) == 0 for col in zip(*vecs, strict=True))


def _supported(con: Constraint) -> list[set[IVec]] | None:
    """Per member, the projected vectors some choice of the others completes; None if too big."""
    opts = [{con.iproj(i, p) for p in m[0].candidates} for i, m in enumerate(con.members)]
    if con.mode == "ge":
        a, b = opts
        sa = {x for x in a if any(all(p >= -q for p, q in zip(x, y, strict=True)) for y in b)}
        sb = {y for y in b if any(all(p >= -q for p, q in zip(x, y, strict=True)) for x in a)}
        return [sa, sb]
    dim = len(next(iter(opts[0]))) if opts and opts[0] else 0
    # columns where no member can hold anything are left out of the sums
    live = [j for j in range(dim) if any(v[j] for o in opts for v in o)]
    small = [{tuple(v[j] for j in live) for v in o} for o in opts]
    zero = (0,) * len(live)
    if any(not o for o in small):
        return [set() for _ in opts]
    # per column, the least and most the members before / after a point can still add: a partial sum
    # that the rest cannot bring back to zero is dropped (keeps a parent with many children small)
    lows = [tuple(min(col) for col in zip(*o, strict=True)) for o in small]
    highs = [tuple(max(col) for col in zip(*o, strict=True)) for o in small]
    after_lo, after_hi = _running(lows[::-1], zero)[::-1], _running(highs[::-1], zero)[::-1]
    before_lo, before_hi = _running(lows, zero), _running(highs, zero)
    fwd: list[set[IVec]] = [{zero}]
    for i, o in enumerate(small):
        lo, hi = after_lo[i + 1], after_hi[i + 1]
        nxt = {s for f in fwd[-1] for v in o if _reachable(s := _add(f, v), lo, hi)}
        if len(nxt) > MAX_STATES:
            return None
        fwd.append(nxt)
    if zero not in fwd[-1]:
        return [set() for _ in opts]
    bwd: list[set[IVec]] = [set() for _ in range(len(small) + 1)]
    bwd[-1] = {zero}
    for i in range(len(small) - 1, -1, -1):
        lo, hi = before_lo[i], before_hi[i]
        nxt = {s for b in bwd[i + 1] for v in small[i] if _reachable(s := _add(b, v), lo, hi)}
        if len(nxt) > MAX_STATES:
            return None
        bwd[i] = nxt
    out: list[set[IVec]] = []
    for i, o in enumerate(opts):
        after = bwd[i + 1]
        keep = set()
        for v in o:
            sv = tuple(v[j] for j in live)
            if any(_neg(_add(f, sv)) in after for f in fwd[i]):
                keep.add(v)
        out.append(keep)
    return out


def _running(vecs: list[IVec], zero: IVec) -> list[IVec]:
    """Prefix sums of ``vecs``: ``out[i]`` = Σ vecs[:i] (``len(vecs) + 1`` entries)."""
    out = [zero]
    for v in vecs:
        out.append(_add(out[-1], v))
    return out


def _reachable(s: IVec, lo: IVec, hi: IVec) -> bool:
    """Can a partial sum ``s`` still end at zero when the rest adds between ``lo`` and ``hi``?"""
    return all(a + low <= 0 <= a + high for a, low, high in zip(s, lo, hi, strict=True))


def _add(a: IVec, b: IVec) -> IVec:
    return tuple(x + y for x, y in zip(a, b, strict=True))


def _neg(a: IVec) -> IVec:
    return tuple(-x for x in a)


def _prune(con: Constraint) -> bool | None:
    """Drop unsupported candidates; True if any dropped, None if the constraint cannot hold."""
    sup = _supported(con)
    if sup is None:
        return False
    if any(not s for s in sup):
        return None
    changed = False
    for i, (rv, _, _) in enumerate(con.members):
        keep = [p for p in rv.candidates if con.iproj(i, p) in sup[i]]
        if len(keep) < len(rv.candidates):
            rv.candidates = keep
            changed = True
    return changed


# ----- building constraints within a table


def _standard_lengths(rows: list[RowVar]) -> set[int]:
    """Code lengths that make the table's hierarchy: 3/5/7 for classification codes (a length outside
    them is a misprint), else every length printed (unit codes 193 / 193001 nest by prefix)."""
    lengths = {len(r.code) for r in rows if r.code}
    return {3, 5, 7} if 3 in lengths and not _unit_codes(rows) else lengths


def _unit_codes(rows: list[RowVar]) -> bool:
    """Do the codes nest as unit codes (only 3- and 6-digit codes, a 6-digit one extending a printed
    3-digit one: 193 → 193001)?"""
    codes = {r.code for r in rows if r.code}
    return {len(c) for c in codes} <= {3, 6} and any(len(c) == 6 and c[:3] in codes for c in codes)


def _hierarchy(rows: list[RowVar], spec: TableSpec) -> tuple[list[Constraint], list[str]]:
    """Parent = Σ children and 合计 = Σ top-level rows, per amount column."""
    notes: list[str] = []
    n = len(spec.amount_cols)
    everything = tuple(range(n))
    std = _standard_lengths(rows)
    coded = [r for r in rows if r.code]
    for r in coded:
        if len(r.code) not in std:
            r.issues.append(
                f"source inconsistency: row {r.label}: code {r.code} has {len(r.code)} digits where the table's codes have "
                f"{'/'.join(map(str, sorted(std)))}; left out of parent/child sums"
            )
    good = [r for r in coded if len(r.code) in std]
    by_code: dict[str, list[RowVar]] = {}
    for r in good:
        by_code.setdefault(r.code, []).append(r)
    hierarchical = std == {3, 5, 7}

    def parent_of(r: RowVar) -> str | None:
        if hierarchical:
            p = r.code[: len(r.code) - 2]
            return p if len(p) >= 3 and p in by_code else None
        for cut in range(len(r.code) - 1, 2, -1):
            if r.code[:cut] in by_code:
                return r.code[:cut]
        return None

    children: dict[str, list[RowVar]] = {}
    top: list[RowVar] = []
    for r in good:
        p = parent_of(r)
        if p is None:
            top.append(r)
        else:
            children.setdefault(p, []).append(r)
    cons: list[Constraint] = []
    for code, kids in children.items():
        parents = by_code[code]
        if len(parents) != 1:
            notes.append(f"code {code} is printed on {len(parents)} rows; its children are not summed")
            continue
        members = [(parents[0], -1, everything)] + [(k, 1, everything) for k in kids]
        cons.append(Constraint(members, f"children of {code}"))
    totals = [r for r in rows if r.is_total]
    if len(totals) == 1 and top:
        members = [(totals[0], -1, everything)] + [(t, 1, everything) for t in top]
        cons.append(Constraint(members, "column totals (合计 = Σ top-level rows)"))
    return cons, notes


# ----- sibling tables


def table_role(table: Table, table_type: str = "") -> tuple[str, str] | None:
    """('expense'|'basic', 'function'|'economic') for the expenditure detail tables, else None.

    From ``table_type`` (the table's type slug) when known, else from the title, else from the
    columns and codes.
    """
    tt = table_type
    roles = {
        "gpb_expense_function": ("expense", "function"),
        "gpb_expense_economic": ("expense", "economic"),
        "gpb_basic_function": ("basic", "function"),
        "gpb_basic_economic": ("basic", "economic"),
    }
    if tt in roles:
        return roles[tt]
    if tt and tt != "other":
        return None
    title = _squash(table.title)
    kind = "function" if "功能" in title else "economic" if "经济" in title else ""
    role = ""
    if "基本支出" in title:
        role = "basic"
    elif "支出" in title and any(w in title for w in ("明细", "一般公共预算", "财政拨款")):
        role = "expense"
    names = {_leaf(p) for p in table.column_paths()}
    keys = {_part_key(n) for n in names}
    if not role and {"人员经费", "公用经费"} <= keys:
        role = "expense" if keys & {"专项业务经费", "项目", "项目支出", "专项"} else "basic"
    if not kind:
        codes = [_squash(c.text) for c in table.cells if c.col == 0 and c.row >= table.header_rows]
        firsts = {c[0] for c in codes if is_digit_code(c)}
        kind = "function" if firsts == {"2"} else "economic" if firsts and firsts <= {"3", "5"} else ""
    return (role, kind) if role and kind else None


def _part_key(last: str) -> str:
    """A column's own label without a trailing 支出 (人员经费支出 → 人员经费)."""
    return last[:-2] if last.endswith("支出") and len(last) > 2 else last


def find_siblings(
    tables: Sequence[Table], types: Mapping[int, str] | None = None
) -> list[tuple[Table, Table, str]]:
    """Pairs of tables whose rows must agree: (expense, basic, 'basic') for the same classification
    (人员 / 公用 of a code are equal), and (function, economic, 'total') of the same role (合计 rows equal)."""
    types = types or {}
    typed = [(t, table_role(t, types.get(t.seq, ""))) for t in tables]
    typed = [(t, r) for t, r in typed if r is not None]
    out: list[tuple[Table, Table, str]] = []
    for (a, ra), (b, rb) in combinations(typed, 2):
        if ra[1] == rb[1] and {ra[0], rb[0]} == {"expense", "basic"}:
            exp, bas = (a, b) if ra[0] == "expense" else (b, a)
            out.append((exp, bas, "basic"))
        elif ra[0] == rb[0] and ra[1] != rb[1]:
            out.append((a, b, "total"))
    # the department's expenditure (all funds) covers the general-budget part of it, column by column
    summaries = [t for t in tables if types.get(t.seq) == "expense_summary"]
    for s in summaries:
        out.extend((s, t, "cover") for t, r in typed if r == ("expense", "function"))
    return out


def _row_key(r: RowVar) -> tuple[str, str] | None:
    if r.code:
        return (r.code, r.code2)
    if r.is_total:
        return ("合计", "")
    return None


def _sibling_constraints(
    a_rows: list[RowVar], b_rows: list[RowVar], kind: str
) -> list[tuple[RowVar, RowVar, list[Constraint]]]:
    if not a_rows or not b_rows:
        return []
    sa, sb = a_rows[0].spec, b_rows[0].spec
    if kind in ("basic", "cover"):
        ka = {_part_key(_leaf(sa.amount_path(i))): i for i in range(len(sa.amount_cols))}
        kb = {_part_key(_leaf(sb.amount_path(i))): i for i in range(len(sb.amount_cols))}
        shared = [k for k in ka if k in kb and k not in TOTAL_WORDS]
    else:
        ka = {sa.amount_name(i): i for i in range(len(sa.amount_cols))}
        kb = {sb.amount_name(i): i for i in range(len(sb.amount_cols))}
        shared = [k for k in ka if k in kb]
    if not shared:
        return []
    ia, ib = tuple(ka[k] for k in shared), tuple(kb[k] for k in shared)

    def keyed(rows: list[RowVar]) -> dict[tuple[str, str, int], RowVar]:
        seen: Counter[tuple[str, str]] = Counter()
        out: dict[tuple[str, str, int], RowVar] = {}
        for r in rows:
            k = _row_key(r)
            if k is None or (kind == "total" and k[0] != "合计"):
                continue
            out[(*k, seen[k])] = r
            seen[k] += 1
        return out

    left, right = keyed(a_rows), keyed(b_rows)
    pairs = []
    for k, ra in left.items():
        rb = right.get(k)
        if rb is None:
            continue
        what = f"{_tname(ra.table)} and {_tname(rb.table)} row {ra.label} ({', '.join(shared)})"
        ra.siblings.append(_tname(rb.table))
        rb.siblings.append(_tname(ra.table))
        eq = Constraint([(ra, 1, ia), (rb, -1, ib)], what, active=kind != "cover")
        ge = Constraint([(ra, 1, ia), (rb, -1, ib)], what, mode="ge", active=kind == "cover")
        pairs.append((ra, rb, [eq, ge]))
    return pairs


def _tname(t: Table) -> str:
    return t.label or (t.title[:20] if t.title else f"table {t.seq}")


# ----- totals another table names


# where a table's 合计 row may take known column totals from: items of the same name elsewhere
NAMED_SOURCES = {
    "income_summary": ("income_expense_summary",),
    "expense_summary": ("income_expense_summary",),
    "three_public": ("gpb_expense_economic", "gpb_basic_economic"),
}
_ENUM = re.compile(
    r"^(其中[:：]?|[(（][0-9一二三四五六七八九十]+[)）][、.．]?|[0-9一二三四五六七八九十]+[、.．])+"
)
_INDEX_OR_LABEL = re.compile(rf"({'|'.join(INDEX_HEADERS)}|项目|科目|名称|编码|代码)$")


# the same income printed under two names: 收支总表 item → 收入总表 column
_SAME_INCOME = {"财政专户管理资金": "财政专户", "事业单位经营": "经营"}


def name_key(text: str) -> str:
    """An item or column name for matching across tables: enumerator, spaces, a trailing 收入 and the
    word 维护 (公务用车运行维护费 = 公务用车运行费) dropped; 财政专户管理资金收入 = 财政专户收入 and
    事业单位经营收入 = 经营收入."""
    t = _ENUM.sub("", _squash(text)).replace("维护", "")
    t = t[:-2] if t.endswith("收入") and len(t) > 2 else t
    return _SAME_INCOME.get(t, t)


def _scale(table: Table) -> Decimal:
    return UNIT_SCALE.get(table.unit.replace(" ", ""), Decimal(1))


def named_items(table: Table) -> list[tuple[str, Decimal]]:
    """(name, amount in yuan) for each item of a grid table's rows that have no issue: the amount is
    the first one right of the name, before the next name; an item printed without one is 0 (a blank
    cell of a summary table is zero)."""
    names = [_leaf(p) for p in table.column_paths()]
    grid = table.grid()
    out: list[tuple[str, Decimal]] = []
    for r in range(table.header_rows, len(grid)):
        if r in table.row_issues:
            continue
        label = ""
        for c, text in enumerate(grid[r]):
            if not text.strip():
                continue
            value = parse_amount(text)
            if value is None:
                if label:
                    out.append((label, ZERO))
                label = text
            elif label and not (c < len(names) and _INDEX_OR_LABEL.search(names[c])):
                out.append((label, value * _scale(table)))
                label = ""
        if label:
            out.append((label, ZERO))
    return out


def _row_totals(rows: list[RowVar]) -> list[tuple[str, Decimal]]:
    """(name, total in yuan) of the rows of a detail table whose total column value is certain."""
    if not rows or not rows[0].spec.systems or rows[0].spec.systems[0].col != 0:
        return []
    out: list[tuple[str, Decimal]] = []
    for rv in rows:
        if not rv.name or rv.issues:
            continue
        firsts = {rv.vec(p)[0] for p in rv.candidates}
        if len(firsts) == 1:
            out.append((rv.name, firsts.pop() * _scale(rv.table)))
    return out


def _column_key(spec: TableSpec, j: int) -> str:
    path = spec.amount_path(j) or ("",)
    leaf = path[-1]
    if leaf in ("小计", "合计") and len(path) > 1:
        leaf = path[-2]
    return "" if is_total_column(leaf) else name_key(leaf)


def named_totals(
    table: Table,
    rows: list[RowVar],
    tables: Sequence[Table],
    rows_of: dict[int, list[RowVar]],
    types: Mapping[int, str],
) -> dict[int, Decimal]:
    """Known values (in the table's unit) of the 合计 row's amount columns: the amount another table
    prints for an item of the column's name (收支总表 '3、事业收入' → 收入总表 column 事业收入), when
    exactly one amount is printed under that name."""
    sources = NAMED_SOURCES.get(types.get(table.seq, ""), ())
    if not rows or not sources:
        return {}
    found: dict[str, set[Decimal]] = {}
    for slug in sources:
        for t in tables:
            if t is table or types.get(t.seq, "") != slug:
                continue
            items = _row_totals(rows_of.get(id(t), []))
            if not items and t.layout == "grid":
                items = named_items(t)
            for name, value in items:
                found.setdefault(name_key(name), set()).add(value)
        if found:
            break  # the first kind of source that exists
    spec = rows[0].spec
    scale = _scale(table)
    out: dict[int, Decimal] = {}
    tops = {(spec.amount_path(j) or ("",))[0] for j in range(len(spec.amount_cols))}
    for j in range(len(spec.amount_cols)):
        if {"预算数", "决算数"} <= tops and spec.amount_name(j).startswith("预算数"):
            continue  # the plan beside the final accounts: other tables print the final amounts
        key = _column_key(spec, j)
        values = found.get(key, set()) if key else set()
        if len(values) == 1:
            out[j] = values.pop() / scale
    return out


def apply_named_totals(rows: list[RowVar], known: dict[int, Decimal]) -> None:
    """Keep the 合计 row's placements that give the known columns their values; none kept: no change."""
    totals = [r for r in rows if r.is_total and not r.fixed]
    if not totals and len(rows) == 1 and not rows[0].code and not rows[0].name:
        totals = rows  # a table of one unlabelled row (三公 决算表): its row is the total
    if len(totals) != 1 or not known or totals[0].fixed:
        return
    rv = totals[0]
    keep = [p for p in rv.candidates if all(rv.vec(p)[j] == v for j, v in known.items())]
    if keep and len(keep) < len(rv.candidates):
        rv.candidates = keep


# --------------------------------------------------------------------------- solving


@dataclass
class PlacedTables:
    """A document's tables with the numbers of its collapsed ones placed, and the placement's doubts."""

    tables: list[Table]  # the tables in order: a collapsed one replaced by a new table, layout 'grid'
    row_issues: dict[int, dict[int, str]] = field(default_factory=dict)  # seq → row → why it needs review
    # seq → (row, col) → why that one number's column is not certain (the rest of its row is)
    cell_issues: dict[int, dict[tuple[int, int], str]] = field(default_factory=dict)


def _copy_for_placing(table: Table) -> Table:
    """A new table with copies of ``table``'s cells and notes, for the placement to move."""
    return dataclasses.replace(
        table, cells=[dataclasses.replace(c) for c in table.cells], notes=list(table.notes)
    )


def place_columns(tables: Sequence[Table], types: Mapping[int, str] | None = None) -> PlacedTables:
    """Place the numbers of every collapsed table; the tables given are not changed.

    ``types``: each table's type slug by ``Table.seq`` (which tables are siblings, where named
    totals come from); without them the titles and columns decide."""
    types = types or {}
    if not any(t.layout == "collapsed" for t in tables):
        return PlacedTables(list(tables))
    tables = [_copy_for_placing(t) if t.layout == "collapsed" else t for t in tables]
    placed = PlacedTables(tables)
    collapsed = [t for t in tables if t.layout == "collapsed"]
    rows_of: dict[int, list[RowVar]] = {}
    specs: dict[int, TableSpec] = {}
    for t in tables:
        if t.layout not in ("collapsed", "grid") or t.empty:
            continue
        spec = table_spec(t)
        if not spec.amount_cols:
            continue
        specs[id(t)] = spec
        rows_of[id(t)] = _row_vars(t, spec, t.layout == "collapsed")
    for t in collapsed:
        if id(t) in rows_of:
            apply_named_totals(rows_of[id(t)], named_totals(t, rows_of[id(t)], tables, rows_of, types))
    cons: list[Constraint] = []
    for t in tables:
        if id(t) in rows_of:
            hier, notes = _hierarchy(rows_of[id(t)], specs[id(t)])
            cons.extend(hier)
            if t.layout == "collapsed":
                t.notes.extend(notes)
    pairs: list[tuple[RowVar, RowVar, list[Constraint]]] = []
    for a, b, kind in find_siblings(tables, types):
        if id(a) in rows_of and id(b) in rows_of and (a.layout == "collapsed" or b.layout == "collapsed"):
            pairs.extend(_sibling_constraints(rows_of[id(a)], rows_of[id(b)], kind))
    _report_broken(cons)
    for ra, rb, (eq, ge) in pairs:
        if not eq.active:  # only ≥ holds by nature (all funds ≥ the general budget's part)
            if _prune(ge) is None:
                ge.active = False
                _conflict(ra, rb, ge)
        elif _prune(eq) is None:  # equality impossible: fall back to ≥ (expense ≥ basic)
            eq.active = False
            ge.active = True
            if _prune(ge) is None:
                ge.active = False
                _conflict(ra, rb, eq)
            else:
                msg = f"{eq.what}: not equal under any placement; used ≥ only"
                ra.issues.append(msg)
                rb.issues.append(msg)
        cons.extend([eq, ge])
    _propagate(cons)
    open_rows = [r for rows in rows_of.values() for r in rows if not r.fixed and len(r.candidates) > 1]
    chosen = _search(open_rows, [c for c in cons if c.active], rows_of)
    for t in collapsed:
        rows = rows_of.get(id(t), [])
        for rv in rows:
            _apply(rv, chosen.get(rv), rows, placed)
        t.layout = "grid"
    return placed


def _report_broken(cons: list[Constraint]) -> None:
    """Constraints the source itself breaks are reported on their first row and not used."""
    for con in cons:
        diffs = _fixed_mismatch(con)
        sup = None if diffs else _supported(con)
        if diffs or (sup is not None and any(not s for s in sup)):
            con.active = False
            con.members[0][0].issues.append(_broken_reason(con, diffs))


def _fixed_mismatch(con: Constraint) -> list[str]:
    """Columns where every member's value is already certain and the sum does not hold."""
    if con.mode != "eq":
        return []
    first = con.members[0][0]
    diffs: list[str] = []
    for j in range(len(con.members[0][2])):
        vals: list[tuple[int, Decimal]] = []
        for i, (rv, sign, _) in enumerate(con.members):
            col_vals = {con.proj(i, p)[j] * sign for p in rv.candidates}
            if len(col_vals) != 1:
                break
            vals.append((sign, col_vals.pop()))
        else:
            kids = sum((v for s, v in vals if s > 0), ZERO)
            own = sum((v for s, v in vals if s < 0), ZERO)
            if kids != own:
                name = first.spec.amount_name(con.members[0][2][j])
                diffs.append(f"{name}: the rows add up to {kids}, row {first.label} prints {own}")
    return diffs


def _broken_reason(con: Constraint, diffs: list[str]) -> str:
    detail = "; ".join(diffs) if diffs else "no placement of the numbers makes them add up"
    return f"source inconsistency in {con.what} ({len(con.members) - 1} rows): {detail}; not used to place numbers"


def _conflict(ra: RowVar, rb: RowVar, con: Constraint) -> None:
    msg = f"source conflict: {con.what} cannot be equal under any placement"
    ra.issues.append(msg)
    rb.issues.append(msg)


def _propagate(cons: list[Constraint]) -> None:
    changed = True
    while changed:
        changed = False
        for con in cons:
            if not con.active:
                continue
            sig = tuple(len(m[0].candidates) for m in con.members)
            if sig == con._sig:
                continue
            before = [list(m[0].candidates) for m in con.members]
            res = _prune(con)
            if res is None:
                # cannot hold with what the other sums decided: report it and stop using it
                diffs = _fixed_mismatch(con)
                for (rv, _, _), old in zip(con.members, before, strict=True):
                    rv.candidates = old
                con.active = False
                first = con.members[0][0]
                if diffs:
                    first.issues.append(_broken_reason(con, diffs))
                else:
                    first.issues.append(
                        f"conflicting evidence: {con.what} cannot hold with the other sums; not used"
                    )
                continue
            con._sig = tuple(len(m[0].candidates) for m in con.members)
            changed = changed or res


def _search(
    open_rows: list[RowVar], cons: list[Constraint], rows_of: dict[int, list[RowVar]]
) -> dict[RowVar, Placement]:
    """Exhaustive search over small connected sets of open rows; the best-scoring solution of each."""
    chosen: dict[RowVar, Placement] = {}
    touching: dict[RowVar, list[Constraint]] = {}
    for con in cons:
        for rv, _, _ in con.members:
            touching.setdefault(rv, []).append(con)
    open_set = set(open_rows)
    seen: set[RowVar] = set()
    for start in open_rows:
        if start in seen:
            continue
        comp: list[RowVar] = []
        stack = [start]
        seen.add(start)
        while stack:
            rv = stack.pop()
            comp.append(rv)
            for con in touching.get(rv, []):
                for other, _, _ in con.members:
                    if other in open_set and other not in seen:
                        seen.add(other)
                        stack.append(other)
        size = 1
        for rv in comp:
            size *= len(rv.candidates)
        if size > MAX_SEARCH:
            continue
        comp_cons = {id(c): c for rv in comp for c in touching.get(rv, [])}.values()
        base = {m[0]: m[0].candidates[0] for c in comp_cons for m in c.members if len(m[0].candidates) == 1}
        solutions: list[tuple[Placement, ...]] = []
        for combo in product(*(rv.candidates for rv in comp)):
            choice = dict(base)
            choice.update(zip(comp, combo, strict=True))
            if all(c.check(choice) for c in comp_cons if all(m[0] in choice for m in c.members)):
                solutions.append(combo)
        if not solutions:
            continue
        for i, rv in enumerate(comp):
            rv.candidates = sorted({s[i] for s in solutions})
        prefs = {rv: _preference(rv, rows_of.get(id(rv.table), [])) for rv in comp}
        best = max(solutions, key=lambda s: sum(prefs[rv](p) for rv, p in zip(comp, s, strict=True)))
        for rv, p in zip(comp, best, strict=True):
            chosen[rv] = p
    return chosen


def _preference(rv: RowVar, rows: list[RowVar]) -> Callable[[Placement], int]:
    """Prior for an open row: the column set most used by decided rows of its table, then leftmost."""
    decided = [r for r in rows if len(r.candidates) == 1 and len(r.numbers) == len(rv.numbers) and r.numbers]
    used = Counter(frozenset(r.candidates[0]) for r in decided)

    def score(p: Placement) -> int:
        return used[frozenset(p)] * 1000 - sum(p)

    return score


def _apply(rv: RowVar, chosen: Placement | None, rows: list[RowVar], placed: PlacedTables) -> None:
    table = rv.table
    doubtful: list[int] = []  # numbers whose column the surviving placements disagree on
    if len(rv.candidates) == 1:
        placement = rv.candidates[0]
    else:
        if chosen is None or chosen not in rv.candidates:
            chosen = max(rv.candidates, key=_preference(rv, rows))
        placement = chosen
        doubtful = uncertain_numbers(rv.candidates)
        if rv.issues or len(doubtful) == len(rv.numbers):
            rv.issues.append(_ambiguous_reason(rv, placement))
            doubtful = []
    _move(rv, placement)
    for i in doubtful:  # the row's other numbers sit in the same column under every placement: certain
        cell = (rv.row, rv.spec.amount_cols[placement[i]])
        placed.cell_issues.setdefault(table.seq, {})[cell] = _cell_reason(rv, i, placement)
    if rv.issues:
        placed.row_issues.setdefault(table.seq, {})[rv.row] = "; ".join(dict.fromkeys(rv.issues))


def _describe(rv: RowVar, p: Placement) -> str:
    return ", ".join(f"{rv.spec.amount_name(j)}={c.text}" for c, j in zip(rv.cells, p, strict=True))


def _ambiguous_reason(rv: RowVar, kept: Placement) -> str:
    others = [p for p in rv.candidates if p != kept]
    shown = " | ".join(_describe(rv, p) for p in others[:3])
    more = f" and {len(others) - 3} more" if len(others) > 3 else ""
    always = set.intersection(*(set(p) for p in rv.candidates))
    cols = sorted({j for p in rv.candidates for j in p} - always)
    names = ", ".join(rv.spec.amount_name(j) for j in cols)
    varying = len(rv.numbers) - len(always)
    sibling = (
        f"sibling table {', '.join(rv.siblings)} does not decide"
        if rv.siblings
        else "no sibling table decides"
    )
    return (
        f"row {rv.label}: {varying} of its {len(rv.numbers)} numbers fit {len(rv.candidates)} placements "
        f"in columns {names}; row sums, parent/child sums and column totals do not decide, {sibling}; "
        f"kept {_describe(rv, kept)}; also possible: {shown}{more}"
    )


def uncertain_numbers(candidates: Sequence[Placement]) -> list[int]:
    """Indexes of the numbers that the placements put in different columns (the rest are certain)."""
    if not candidates:
        return []
    return [i for i in range(len(candidates[0])) if len({p[i] for p in candidates}) > 1]


def _cell_reason(rv: RowVar, i: int, kept: Placement) -> str:
    cols = sorted({p[i] for p in rv.candidates})
    names = ", ".join(rv.spec.amount_name(j) for j in cols)
    others = ", ".join(rv.spec.amount_name(j) for j in cols if j != kept[i])
    certain = len(rv.numbers) - len(uncertain_numbers(rv.candidates))
    sibling = (
        f"sibling table {', '.join(rv.siblings)} does not decide"
        if rv.siblings
        else "no sibling table decides"
    )
    return (
        f"row {rv.label}: {rv.cells[i].text} fits {len(cols)} columns ({names}) under the "
        f"{len(rv.candidates)} placements of the row's numbers; {certain} of its {len(rv.numbers)} numbers "
        f"{'is' if certain == 1 else 'are'} certain; row sums, parent/child sums and column totals do not decide, {sibling}; "
        f"kept {rv.spec.amount_name(kept[i])}; also possible: {others}"
    )


def _move(rv: RowVar, placement: Placement) -> None:
    table, spec = rv.table, rv.spec
    targets = [spec.amount_cols[j] for j in placement]
    moved = {id(c) for c in rv.cells}
    for c, col in zip(rv.cells, targets, strict=True):
        c.col = col
    taken = set(targets)
    # a text cell (e.g. 备注 printed after the numbers) must not sit under a number
    for c in table.cells:
        if c.row == rv.row and id(c) not in moved and c.col in taken:
            free = [i for i in range(max(table.n_cols, len(spec.names))) if i not in taken and i > max(taken)]
            c.col = free[-1] if free else max(table.n_cols, len(spec.names))
