"""Consistency checks: budget tables check themselves.

Every rule is a small function ``check_<name>(ctx) -> list[Finding]`` that also marks the
cells a holding relation ties together as *verified* (``ctx.verified``). A ``Finding`` has the
rule's name, a message in English, the cells it rests on (``evidence``), the cells it
contradicts (``blame``: records there must not be accepted without review), a severity
(``error`` contradicts, ``warning`` only lowers confidence) and proposed repairs (never applied).

Rules (``RULES``):

* ``row_sum``        合计 = Σ parts in a row (nested: 基本支出 = 人员 + 公用; 三公 小计 = parts;
                     其中 ≤ its parent), from the column structure of ``classify.columns.table_spec``
* ``hierarchy``      a code = Σ its children per column (类 208 = Σ 208xx, 款 20801 = Σ 20801xx,
                     301 = Σ 301xx, unit 308 = Σ 308xxx); rows under a code that are not its
                     children (a malformed code) are flagged
* ``column_total``   the 合计 row = Σ top-level rows, per column
* ``summary_items``  two-sided summary tables: 本年收入合计 = Σ 一、… items, an item = Σ its 1、 / (1)
                     sub-items; an income item never sits in an expenditure column
* ``income_expense`` 本年收入合计 = 本年支出合计 (and 收入总计 = 支出总计) in a summary table
* ``cross_table``    function and economic tables agree on their 合计 rows; a basic-expenditure
                     table equals the expense table's 人员/公用 parts code by code; the summary
                     tables' totals equal the detail tables'; the project list adds up to the
                     project column
* ``dictionary``     a code is in the code ↔ name dictionary and its printed name fits it
* ``units``          a cross-table total that is off by exactly ×10000 (元 vs 万元)
* ``header``         a column name that holds amounts, or that lost the parent its siblings have
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from classify.columns import Node, TableSpec, table_spec
from classify.dictionary import CodeDictionary, normalize_name
from classify.findings import CellRef, CheckResult, Finding, Repair, fmt_amount, scale_of
from classify.model import Extraction, LineItem
from classify.repairs import amount_repair, sum_repairs
from extract.codes import code_kind, is_digit_code
from extract.model import ColumnPath, Table
from extract.numbers import parse_amount
from extract.vocabulary import PERFORMANCE_HEADER_WORDS, is_named_total_row

ZERO = Decimal(0)
TWO_SIDED = ("income_expense_summary", "fiscal_summary", "gov_fund", "state_capital")
MONEY_DETAIL = (
    "gpb_expense_function",
    "gpb_expense_economic",
    "gpb_basic_function",
    "gpb_basic_economic",
    "expense_summary",
    "income_summary",
)
_GENERIC_LEAF = ("预算数", "决算数", "金额", "本年预算数", "数额", "预算金额", "年初预算数")


# --------------------------------------------------------------------------- views


@dataclass
class Entry:
    """One amount cell of a table, as the records give it."""

    table: Table
    row: int
    col: int
    code: str
    name: str
    column: str
    value: Decimal  # yuan
    text: str  # as printed
    record: LineItem | None = None
    path: ColumnPath = ()  # the column's header labels (``column`` is them joined)

    @property
    def ref(self) -> CellRef:
        return (self.table.seq, self.row, self.col)

    @property
    def label(self) -> str:
        return self.code or self.name or f"#{self.row}"


@dataclass
class TableView:
    table: Table
    entries: list[Entry]
    by_cell: dict[tuple[int, int], Entry]
    texts: dict[tuple[int, int], str]
    columns: list[str]
    paths: list[ColumnPath]  # each column's header labels (``columns``: them joined with '/')
    spec: TableSpec | None = None  # the column structure (classify.columns.table_spec); None: no records
    table_type: str = ""  # the table's type slug (its verdict's)

    @property
    def name(self) -> str:
        return table_name(self.table)

    def column_entries(self) -> dict[int, list[Entry]]:
        out: dict[int, list[Entry]] = defaultdict(list)
        for e in sorted(self.entries, key=lambda e: (e.col, e.row)):
            out[e.col].append(e)
        return out

    def row_label(self, row: int) -> str:
        for e in self.entries:
            if e.row == row:
                return e.label
        return f"#{row}"


def table_name(t: Table) -> str:
    return t.label or (t.title[:24] if t.title else f"table {t.seq}")


def build_views(extraction: Extraction) -> dict[int, TableView]:
    by_table: dict[int, list[LineItem]] = defaultdict(list)
    for r in extraction.line_items:
        by_table[r.table_seq].append(r)
    views: dict[int, TableView] = {}
    for t in extraction.document.tables:
        texts = {(c.row, c.col): c.text for c in t.cells}
        records = by_table.get(t.seq, [])
        spec = table_spec(t) if records else None
        code_cols = spec.code_cols if spec else []
        entries = [
            Entry(
                t,
                r.row,
                r.col,
                r.code or _printed_code(texts, r.row, code_cols),
                r.name,
                r.column,
                r.amount_yuan,
                texts.get((r.row, r.col), ""),
                r,
                r.path,
            )
            for r in records
        ]
        verdict = extraction.verdicts.get(t.seq)
        views[t.seq] = TableView(
            t,
            entries,
            {(e.row, e.col): e for e in entries},
            texts,
            t.columns(),
            t.column_paths(),
            spec,
            verdict.table_type if verdict else "",
        )
    return views


def _printed_code(texts: dict[tuple[int, int], str], row: int, code_cols: list[int]) -> str:
    """The code the row prints in its first code column (a unit code, a malformed code), digits only."""
    for c in code_cols[:1]:
        code = "".join(texts.get((row, c), "").split())
        if code.isdigit():
            return code
    return ""


@dataclass
class Context:
    extraction: Extraction
    views: dict[int, TableView]
    dictionary: CodeDictionary
    result: CheckResult

    def views_of(self, *types: str) -> list[TableView]:
        return [v for v in self.views.values() if v.table_type in types and v.entries]

    def one(self, table_type: str) -> TableView | None:
        found = self.views_of(table_type)
        return found[0] if len(found) == 1 else None

    def relation(
        self,
        check: str,
        total: Entry | None,
        parts: list[Entry],
        message: Callable[[], str],
        tables: Iterable[int],
        *,
        total_value: Decimal | None = None,
        blame_total: bool = True,
    ) -> bool:
        """Check total = Σ parts (blank = 0); verify the cells or record a finding. True when it holds."""
        want = total.value if total is not None else (total_value if total_value is not None else ZERO)
        got = sum((p.value for p in parts), ZERO)
        seqs = sorted(set(tables))
        for s in seqs:
            self.result.checked[s] += 1
        cells = ([total] if total is not None else []) + parts
        if want == got:
            self.result.verified.update(e.ref for e in cells)
            return True
        for s in seqs:
            self.result.failed[s] += 1
        blame = [e.ref for e in (cells if blame_total else parts)]
        self.result.findings.append(
            Finding(check, message(), [e.ref for e in cells], blame, "error", [], seqs)
        )
        return False

    def fail(
        self, check: str, message: str, refs: list[CellRef], seq: int, repairs: list[Repair] | None = None
    ) -> None:
        """Record one failed relation of table ``seq`` whose evidence is the blamed cells ``refs``."""
        self.result.checked[seq] += 1
        self.result.failed[seq] += 1
        self.result.findings.append(
            Finding(check, message, refs, list(refs), repairs=repairs or [], tables=[seq])
        )


def shown(e: Entry | None, unit_scale: Decimal = Decimal(1)) -> str:
    """A cell's value as printed ('0' when blank)."""
    if e is None:
        return "0"
    if e.text.strip():
        return e.text.strip()
    return fmt_amount(e.value / unit_scale)


def _diff(want: Decimal, got: Decimal, t: Table) -> str:
    return fmt_amount((want - got) / scale_of(t))


# --------------------------------------------------------------------------- row sums


def check_row_sum(ctx: Context) -> list[Finding]:
    for v in ctx.views.values():
        if not v.entries or v.table_type in TWO_SIDED:
            continue
        spec = v.spec
        if spec is None or not spec.systems:
            continue
        rows: dict[int, dict[int, Entry]] = defaultdict(dict)
        for e in v.entries:
            rows[e.row][e.col] = e
        systems = [_same_group(system, spec.amount_path) for system in spec.systems]
        for r, cells in sorted(rows.items()):
            vec = [cells.get(c) for c in spec.amount_cols]
            for system in systems:
                _check_node(ctx, v, r, system, vec, spec.amount_name)
    return []


def _same_group(root: Node, path_of: Callable[[int], ColumnPath]) -> Node:
    """The total's system without the columns outside its header group (a '预留份额' column after
    '政府采购金额/…' columns is not part of 政府采购金额/合计)."""
    if root.col is None:
        return root
    prefix = path_of(root.col)[:-1]
    if not prefix:
        return root

    def inside(i: int) -> bool:
        path = path_of(i)
        return len(path) > len(prefix) and path[: len(prefix)] == prefix

    kept = [c for c in root.children if all(inside(i) for i in _cols(c))]
    return Node(root.name, root.col, kept, [q for q in root.within if inside(q)])


def _cols(node: Node) -> list[int]:
    return ([node.col] if node.col is not None else []) + [i for c in node.children for i in _cols(c)]


def _node_entries(node: Node, vec: list[Entry | None]) -> list[Entry | None]:
    if node.col is not None:
        return [vec[node.col]]
    return [x for c in node.children for x in _node_entries(c, vec)]


def _check_node(
    ctx: Context, v: TableView, row: int, node: Node, vec: list[Entry | None], name_of: Callable[[int], str]
) -> None:
    if node.children:
        for child in node.children:
            _check_node(ctx, v, row, child, vec, name_of)
    if node.col is None or not node.children:
        _check_within(ctx, v, row, node, vec, name_of)
        return
    total = vec[node.col]
    parts = [e for c in node.children for e in _node_entries(c, vec)]
    present = [e for e in parts if e is not None]
    if total is None and not present:
        return
    label = v.row_label(row)
    t = v.table

    def message() -> str:
        want = total.value if total else ZERO
        got = sum((p.value for p in present), ZERO)
        return (
            f"{v.name} row {label}: {name_of(node.col)} {shown(total, scale_of(t))} ≠ "
            f"{' + '.join(shown(p, scale_of(t)) for p in parts)} (off by {_diff(want, got, t)})"
        )

    holds = ctx.relation("row_sum", total, present, message, [t.seq])
    if not holds:
        finding = ctx.result.findings[-1]
        finding.repairs.extend(propose_sum_repairs(v, row, total, parts, node, vec))
    _check_within(ctx, v, row, node, vec, name_of)


def _check_within(
    ctx: Context, v: TableView, row: int, node: Node, vec: list[Entry | None], name_of: Callable[[int], str]
) -> None:
    if not node.within:
        return
    mine = sum((e.value for e in _node_entries(node, vec) if e is not None), ZERO)
    for q in node.within:
        e = vec[q]
        if e is None or mine < 0:
            continue
        if ZERO <= e.value <= mine:
            ctx.result.checked[v.table.seq] += 1
            continue
        ctx.fail(
            "row_sum",
            f"{v.name} row {v.row_label(row)}: {name_of(q)} {shown(e)} exceeds the amount it is part of "
            f"({fmt_amount(mine / scale_of(v.table))})",
            [e.ref],
            v.table.seq,
        )


# --------------------------------------------------------------------------- hierarchy and column totals


def _is_total(e: Entry) -> bool:
    return not e.code and is_named_total_row(normalize_name(e.name)) and "其中" not in e.name


def check_hierarchy(ctx: Context) -> list[Finding]:
    for v in ctx.views.values():
        if v.table_type in TWO_SIDED:
            continue
        for entries in v.column_entries().values():
            coded = [e for e in entries if is_digit_code(e.code)]
            if len(coded) < 2:
                continue
            _hierarchy_column(ctx, v, coded)
    return []


def _hierarchy_column(ctx: Context, v: TableView, coded: list[Entry]) -> None:
    counts: dict[str, int] = defaultdict(int)
    for e in coded:
        counts[e.code] += 1
    lengths = sorted({len(e.code) for e in coded})
    t = v.table
    for i, parent in enumerate(coded):
        p = parent.code
        if counts[p] != 1 or len(p) >= lengths[-1]:
            continue
        deeper = [L for L in lengths if len(p) < L]
        # rows printed under the parent, up to the next row of its level or above
        under: list[Entry] = []
        for e in coded[i + 1 :]:
            if len(e.code) <= len(p) and e.code != p:
                break
            under.append(e)
        family = [e for e in coded if e.code != p and e.code.startswith(p)]
        if not family:
            strays = [e for e in under if not e.code.startswith(p)]
            if under and len(under) == len(strays) and len(under) <= 3 and deeper:
                _stray(ctx, v, parent, strays)
            continue
        child_len = min(len(e.code) for e in family)
        children = [e for e in family if len(e.code) == child_len]
        odd = [e for e in family if len(e.code) not in (3, 5, 7) and code_kind(e.code) is None]
        if odd:
            _stray(ctx, v, parent, odd)
            continue
        col = parent.column

        def message(parent: Entry = parent, children: list[Entry] = children, col: str = col) -> str:
            got = sum((c.value for c in children), ZERO)
            return (
                f"{v.name} row {parent.code}: {col} {shown(parent)} ≠ Σ its {len(children)} "
                f"sub-rows {parent.code}… ({fmt_amount(got / scale_of(t))}; off by {_diff(parent.value, got, t)})"
            )

        ctx.relation("hierarchy", parent, children, message, [t.seq])


def _stray(ctx: Context, v: TableView, parent: Entry, strays: list[Entry]) -> None:
    names = ", ".join(f"{e.code} {e.name}" for e in strays)
    ctx.fail(
        "hierarchy",
        f"{v.name} row {parent.code}: {parent.column} {shown(parent)} has no sub-rows {parent.code}… "
        f"of the table's code levels; the row(s) under it ({names}) have malformed codes",
        [parent.ref, *(e.ref for e in strays)],
        v.table.seq,
    )


def check_column_total(ctx: Context) -> list[Finding]:
    for v in ctx.views.values():
        if v.table_type in TWO_SIDED:
            continue
        for entries in v.column_entries().values():
            totals = [e for e in entries if _is_total(e)]
            coded = [e for e in entries if is_digit_code(e.code)]
            if len(totals) != 1 or not coded:
                continue
            codes = {e.code for e in coded}
            top = [e for e in coded if not any(e.code != c and e.code.startswith(c) for c in codes)]
            total = totals[0]

            def message(total: Entry = total, top: list[Entry] = top, v: TableView = v) -> str:
                got = sum((e.value for e in top), ZERO)
                return (
                    f"{v.name} column {total.column}: {total.name} {shown(total)} ≠ Σ {len(top)} top-level rows "
                    f"({fmt_amount(got / scale_of(v.table))}; off by {_diff(total.value, got, v.table)})"
                )

            ctx.relation("column_total", total, top, message, [v.table.seq])
    return []


# --------------------------------------------------------------------------- two-sided summary tables

_LEVELS = (
    (re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]"), 1),
    (re.compile(r"^\s*\d+\s*[、.．](?!\d)"), 2),
    (re.compile(r"^\s*[(（]\s*\d+\s*[)）]"), 3),
)
_WITHIN = re.compile(r"^\s*其中\s*[:：]?")


def _level(name: str) -> int | None:
    for rx, level in _LEVELS:
        if rx.match(name):
            return level
    return None


def _side(path: ColumnPath) -> str:
    head = path[0] if path else ""
    if "收入" in head:
        return "income"
    if "支出" in head:
        return "expense"
    return ""


def _item_side(name: str) -> str:
    s = normalize_name(name)
    if "收入" in s and "支出" not in s:
        return "income"
    if s in ("上年结转", "年初结转和结余", "用事业基金弥补收支差额"):
        return "income"
    if s.endswith("拨款") and s != "财政拨款":
        return "income"
    if "支出" in s and "收入" not in s:
        return "expense"
    if s in ("结转下年", "年末结转和结余"):
        return "expense"
    return ""


def check_summary_items(ctx: Context) -> list[Finding]:
    for v in ctx.views_of(*TWO_SIDED):
        t = v.table
        for entries in v.column_entries().values():
            side = _side(entries[0].path)
            for e in entries:
                name_col = _name_col(v, e)
                if side and name_col is not None and name_col < len(v.columns):
                    other = _side(v.paths[name_col])
                    if other and other != side:
                        ctx.fail(
                            "summary_items",
                            f"{v.name} row {e.name}: amount {shown(e)} read in {side} column {e.column}, "
                            f"but its name is in {other} column {v.columns[name_col]}",
                            [e.ref],
                            t.seq,
                            _side_repair(v, e, other),
                        )
                        continue
                item = _item_side(e.name)
                if side and item and item != side:
                    ctx.fail(
                        "summary_items",
                        f"{v.name} row {e.name}: an {item} item in the {side} column {e.column}",
                        [e.ref],
                        t.seq,
                    )
            _summary_tree(ctx, v, entries)
    return []


def _side_repair(v: TableView, e: Entry, side: str) -> list[Repair]:
    """Re-assign the amount to the same-named column on its name's side ('支出/预算数' → '收入/预算数')."""
    leaf = e.path[-1] if e.path else ""
    head = "收入" if side == "income" else "支出"
    target = next(
        (c for c, p in zip(v.columns, v.paths, strict=True) if p and p[0].startswith(head) and p[-1] == leaf),
        "",
    )
    if not target:
        target = f"{head}/{leaf}"
    return [Repair("column", v.table.seq, e.row, e.col, e.column, target, "the column of its name's side")]


def _name_col(v: TableView, e: Entry) -> int | None:
    """The column of the nearest cell left of ``e`` printing its name."""
    key = normalize_name(e.name)
    for c in range(e.col - 1, -1, -1):
        text = v.texts.get((e.row, c), "")
        if text.strip() and normalize_name(text) == key:
            return c
    return None


def _summary_tree(ctx: Context, v: TableView, entries: list[Entry]) -> None:
    """In one amount column: items = Σ their sub-items, the first 合计 row = Σ the items above it."""
    items: list[tuple[int, Entry]] = []
    last = 0
    total: Entry | None = None
    for e in entries:
        if _is_total(e):
            total = e
            break
        if _WITHIN.match(e.name):
            continue
        level = _level(e.name)
        if level is None:
            level = last + 1 if last else 1
        else:
            last = level
        items.append((level, e))
    t = v.table
    for i, (level, e) in enumerate(items):
        kids: list[Entry] = []
        kid_level = None
        for lv, k in items[i + 1 :]:
            if lv <= level:
                break
            kid_level = kid_level or lv
            if lv == kid_level:
                kids.append(k)
        if kids:

            def message(e: Entry = e, kids: list[Entry] = kids) -> str:
                return (
                    f"{v.name} {e.column}: {e.name} {shown(e)} ≠ Σ its items "
                    f"({' + '.join(shown(k) for k in kids)})"
                )

            ctx.relation("summary_items", e, kids, message, [t.seq])
    if total is not None and items:
        top_level = min(lv for lv, _ in items)
        tops = [e for lv, e in items if lv == top_level]
        blanks = all(e.value == 0 for e in tops) and total.value != 0
        if not blanks or len(tops) > 0:

            def message_total(total: Entry = total, tops: list[Entry] = tops) -> str:
                return (
                    f"{v.name} {total.column}: {total.name} {shown(total)} ≠ Σ the items above it "
                    f"({fmt_amount(sum((e.value for e in tops), ZERO) / scale_of(t))})"
                )

            ctx.relation("summary_items", total, tops, message_total, [t.seq])


def _named(entries: Iterable[Entry], *names: str) -> list[Entry]:
    keys = {normalize_name(n) for n in names}
    return [e for e in entries if normalize_name(e.name) in keys]


def check_income_expense(ctx: Context) -> list[Finding]:
    for v in ctx.views_of(*TWO_SIDED):
        pairs = (
            (("本年收入合计", "收入合计", "本年收入"), ("本年支出合计", "支出合计", "本年支出")),
            (("收入总计",), ("支出总计",)),
        )
        for inc_names, exp_names in pairs:
            income = [e for e in _named(v.entries, *inc_names) if _side(e.path) != "expense"]
            expense = [e for e in _named(v.entries, *exp_names) if _side(e.path) != "income"]
            if len(income) != 1 or not expense:
                continue
            inc = income[0]
            for exp in expense:

                def message(inc: Entry = inc, exp: Entry = exp, v: TableView = v) -> str:
                    return (
                        f"{v.name}: income {inc.name} {shown(inc)} ≠ expenditure {exp.name} {shown(exp)} "
                        f"({exp.column}); a budget's income equals its expenditure"
                    )

                ctx.relation("income_expense", inc, [exp], message, [v.table.seq])
        # the expenditure columns (by function, by economic class) agree with each other
        exp_totals = [e for e in _named(v.entries, "本年支出合计", "支出合计") if _side(e.path) == "expense"]
        for other in exp_totals[1:]:

            def message_cols(a: Entry = exp_totals[0], b: Entry = other, v: TableView = v) -> str:
                return f"{v.name}: {a.column} {a.name} {shown(a)} ≠ {b.column} {shown(b)}"

            ctx.relation("income_expense", exp_totals[0], [other], message_cols, [v.table.seq])
    return []


# --------------------------------------------------------------------------- cross-table


def part_key(path: ColumnPath) -> str:
    """What a column holds, comparable across tables: ('基本支出', '人员经费') and ('人员经费支出',) → '人员经费'."""
    parts = [p for p in path if p]
    if not parts:
        return ""
    leaf = parts[-1]
    if leaf in _GENERIC_LEAF and len(parts) > 1:
        leaf = parts[-2]
    if leaf in ("小计", "合计") and len(parts) > 1 and "基本" in parts[-2]:
        return "基本支出"
    if leaf.endswith("支出") and len(leaf) > 2:
        leaf = leaf[:-2]
    return {"项目": "项目", "专项业务经费": "项目", "专项": "项目"}.get(leaf, leaf)


def _totals_by_key(v: TableView) -> dict[str, Entry]:
    out: dict[str, Entry] = {}
    for e in v.entries:
        if _is_total(e):
            out.setdefault(part_key(e.path), e)
    return out


def _sum_by_code(v: TableView) -> dict[tuple[str, str], list[Entry]]:
    out: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for e in v.entries:
        if is_digit_code(e.code):
            out[(e.code, part_key(e.path))].append(e)
    return out


def _equal(ctx: Context, check: str, a: list[Entry], b: list[Entry], what: str) -> None:
    """Σ a = Σ b across two tables (units flagged when off by exactly ×10000)."""
    va = sum((e.value for e in a), ZERO)
    vb = sum((e.value for e in b), ZERO)
    ta, tb = a[0].table, b[0].table
    if va != vb and va and vb and (va == vb * 10000 or vb == va * 10000):
        big, small = (ta, tb) if va > vb else (tb, ta)
        ctx.result.findings.append(
            Finding(
                "units",
                f"{table_name(big)} amounts are 10000× {table_name(small)}'s ({what}): unit "
                f"'{big.unit or '元'}' vs '{small.unit or '元'}' misread?",
                [e.ref for e in a + b],
                [e.ref for e in a + b],
                tables=[ta.seq, tb.seq],
            )
        )
        ctx.result.failed[ta.seq] += 1
        ctx.result.failed[tb.seq] += 1
        return

    def message() -> str:
        sa = " + ".join(shown(e) for e in a)
        sb = " + ".join(shown(e) for e in b)
        return f"{what}: {table_name(ta)} {sa} ≠ {table_name(tb)} {sb}"

    ctx.relation(check, None, b, message, [ta.seq, tb.seq], total_value=va)
    if va != vb:
        ctx.result.findings[-1].blame.extend(e.ref for e in a)
        ctx.result.findings[-1].evidence.extend(e.ref for e in a)
    else:
        ctx.result.verified.update(e.ref for e in a)


def check_cross_table(ctx: Context) -> list[Finding]:
    # function vs economic: the 合计 rows agree column by column
    for fn, ec in (
        ("gpb_expense_function", "gpb_expense_economic"),
        ("gpb_basic_function", "gpb_basic_economic"),
    ):
        a, b = ctx.one(fn), ctx.one(ec)
        if a and b:
            ta, tb = _totals_by_key(a), _totals_by_key(b)
            for key in ta.keys() & tb.keys():
                _equal(ctx, "cross_table", [ta[key]], [tb[key]], f"合计 row, column {key}")
    # basic = expense's 人员/公用 parts, code by code
    for basic, expense in (
        ("gpb_basic_function", "gpb_expense_function"),
        ("gpb_basic_economic", "gpb_expense_economic"),
    ):
        a, b = ctx.one(basic), ctx.one(expense)
        if not (a and b):
            continue
        sa, sb = _sum_by_code(a), _sum_by_code(b)
        basic_keys = {k for _, k in sa} & {k for _, k in sb}
        ta, tb = _totals_by_key(a), _totals_by_key(b)
        if "合计" in ta and "基本支出" in tb:
            _equal(ctx, "cross_table", [ta["合计"]], [tb["基本支出"]], "基本支出 合计")
        for (code, key), entries in sa.items():
            if key in ("合计",) and (code, "基本支出") in sb:
                _equal(ctx, "cross_table", entries, sb[(code, "基本支出")], f"row {code} 基本支出")
            elif key in basic_keys and key not in ("合计", "基本支出") and (code, key) in sb:
                _equal(ctx, "cross_table", entries, sb[(code, key)], f"row {code} {key}")
    # summary tables against the detail tables
    ie = ctx.one("income_expense_summary")
    if ie:
        inc = [e for e in _named(ie.entries, "本年收入合计", "收入合计") if _side(e.path) != "expense"]
        exp = [e for e in _named(ie.entries, "本年支出合计", "支出合计") if _side(e.path) != "income"]
        for other_type, mine in (("income_summary", inc), ("expense_summary", exp)):
            other = ctx.one(other_type)
            if other and mine:
                totals = _totals_by_key(other)
                if "合计" in totals:
                    _equal(ctx, "cross_table", [mine[0]], [totals["合计"]], "本年合计")
    fn = ctx.one("gpb_expense_function")
    es = ctx.one("expense_summary")
    proj = ctx.one("project_expense")
    if fn and proj:
        totals = _totals_by_key(fn)
        listed = [e for e in proj.entries if _is_total(e)]
        if "项目" in totals and listed:
            _equal(ctx, "cross_table", [listed[0]], [totals["项目"]], "项目支出 total")
    if es and proj and not fn:
        totals = _totals_by_key(es)
        listed = [e for e in proj.entries if _is_total(e)]
        if "项目" in totals and listed:
            _equal(ctx, "cross_table", [listed[0]], [totals["项目"]], "项目支出 total")
    return []


# --------------------------------------------------------------------------- dictionary


@cache
def default_dictionary() -> CodeDictionary:
    return CodeDictionary.from_files()


def check_dictionary(ctx: Context) -> list[Finding]:
    seen: dict[tuple[int, int], list[Entry]] = defaultdict(list)
    for v in ctx.views.values():
        for e in v.entries:
            if e.code:
                seen[(v.table.seq, e.row)].append(e)
    unit_coded = {seq for seq, v in ctx.views.items() if _unit_coded(v)}
    for (seq, row), entries in seen.items():
        if seq in unit_coded:
            continue
        by_name: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        for e in entries:
            by_name[(e.code, e.name)].append(e)
        for (code, name), group in by_name.items():
            verdict = ctx.dictionary.check(code, name)
            if verdict.status in ("ok", "skip"):
                continue
            v = ctx.views[seq]
            refs = [e.ref for e in group]
            repairs: list[Repair] = []
            if verdict.status == "near":
                repairs.append(
                    Repair("name", seq, row, None, name, verdict.expected, f"dictionary name of {code}")
                )
                ctx.result.findings.append(
                    Finding(
                        "dictionary",
                        f"{v.name} row {code}: name '{name}' differs slightly from the dictionary's "
                        f"'{verdict.expected}'",
                        refs,
                        refs,
                        "warning",
                        repairs,
                        [seq],
                    )
                )
                continue
            for other in ctx.dictionary.suggest(code, name):
                repairs.append(
                    Repair("code", seq, row, None, code, other, f"'{name}' is the dictionary name of {other}")
                )
            if verdict.status == "unknown":
                msg = f"{v.name} row {code}: code {code} ({name}) is not in the classification dictionary"
            else:
                msg = (
                    f"{v.name} row {code}: name '{name}' does not fit code {code} "
                    f"('{verdict.expected}' in the dictionary)"
                )
            ctx.result.findings.append(Finding("dictionary", msg, refs, refs, "error", repairs, [seq]))
    return []


def _unit_coded(v: TableView) -> bool:
    """A table whose codes are 单位编码 (308, 308001), not classification codes."""
    codes = {e.code for e in v.entries if is_digit_code(e.code)}
    six = {c for c in codes if len(c) == 6}
    if not six or any(len(c) in (5, 7) for c in codes):
        return False
    if any(c6.startswith(c3) for c6 in six for c3 in codes if len(c3) == 3):
        return True
    return len(six) * 2 >= len(codes) and not any(len(c) == 7 for c in codes)


# --------------------------------------------------------------------------- headers

_NUMBER_IN_NAME = re.compile(r"\d[\d,]*\.\d{2}")


_SCORE_COLUMN = ("分值", "得分", "权重")


def check_header(ctx: Context) -> list[Finding]:
    for v in ctx.views.values():
        if not v.entries:
            continue
        words = {w for w in PERFORMANCE_HEADER_WORDS for c in v.columns if w in c}
        words |= {
            w for w in PERFORMANCE_HEADER_WORDS for row in v.table.grid() for c in row if c.strip() == w
        }
        if len(words) >= 2:
            refs = [e.ref for e in v.entries]
            ctx.result.findings.append(
                Finding(
                    "header",
                    f"{v.name}: typed '{v.table_type}' but its header holds {'/'.join(sorted(words))} "
                    f"(a performance table); its numbers are not line items; the header was misread",
                    refs,
                    refs,
                    tables=[v.table.seq],
                )
            )
            continue
        _check_total_labels(ctx, v)
        used = sorted({e.col for e in v.entries})
        names = {c: (v.columns[c] if c < len(v.columns) else "") for c in used}
        paths = {c: (v.paths[c] if c < len(v.paths) else ()) for c in used}
        two_sided = v.table_type in TWO_SIDED
        for c, name in names.items():
            refs = [e.ref for e in v.entries if e.col == c]
            problem = "holds amounts" if _NUMBER_IN_NAME.search(name) else header_problem(paths[c], two_sided)
            if problem:
                ctx.result.findings.append(
                    Finding(
                        "header",
                        f"{v.name} column {c + 1}: header '{name[:40]}' {problem}; the header was misread",
                        refs,
                        refs,
                        tables=[v.table.seq],
                    )
                )
                continue
            fixed = _lost_parent(paths[c], v.paths)
            if fixed:
                ctx.result.findings.append(
                    Finding(
                        "header",
                        f"{v.name} column {c + 1}: header '{name}' lacks the parent its sibling columns have",
                        refs,
                        refs,
                        "error",
                        [Repair("column", v.table.seq, -1, c, name, fixed, "sibling columns' header path")],
                        [v.table.seq],
                    )
                )
    return []


def _check_total_labels(ctx: Context, v: TableView) -> None:
    """A total row named for one column group ('人员经费合计') read in another group's column."""
    groups = {p[0] for p in v.paths if len(p) > 1}
    for e in v.entries:
        if not _is_total(e):
            continue
        s = normalize_name(e.name)
        named = next((g for g in groups if s.startswith(g) and s != g), None)
        own = e.path[0] if e.path else ""
        if named and own in groups and named != own:
            ctx.result.findings.append(
                Finding(
                    "header",
                    f"{v.name} row {e.name}: a total of {named} read in column {e.column}",
                    [e.ref],
                    [e.ref],
                    tables=[v.table.seq],
                )
            )


def _lost_parent(path: ColumnPath, paths: list[ColumnPath]) -> str:
    """'Q/A/B' for a column A/B when another column is Q/A/C: its name with the parent Q it lost
    ('' when none)."""
    parts = list(path)
    if not parts or not parts[0]:
        return ""
    for other in paths:
        segs = list(other)
        if parts[0] in segs[1:]:
            i = segs.index(parts[0])
            return "/".join(segs[:i] + parts)
    return ""


_TERMS = (
    "人员经费",
    "公用经费",
    "专项业务经费",
    "项目支出",
    "基本支出",
    "合计",
    "小计",
    "备注",
    "单位编码",
    "单位名称",
    "科目编码",
    "科目名称",
    "政府性基金",
    "国有资本经营",
    "事业收入",
    "其他收入",
    "上年结转",
    "预算数",
    "决算数",
    "会议费",
    "培训费",
    "公务接待费",
)
_LABEL_LEAF = re.compile(r"(编码|代码|名称|项目|科目)(（按大类）)?$")
_MONEY_PARENT = ("经费", "拨款", "合计", "小计", "编码", "名称", "预算数", "决算数", "科目")


def header_problem(path: ColumnPath, two_sided: bool = False) -> str:
    """Why a column's header labels cannot be a header as printed ('' when they can)."""
    segs = [s for s in path if s]
    if not segs:
        return "has no header"
    for seg in segs:
        found = [t for t in _TERMS if t in seg]
        found = [t for t in found if not any(t != o and t in o for o in found)]
        if len(found) >= 2:
            return f"runs headers together ({' + '.join(found)})"
        if seg.endswith("小计") and len(seg) > 2:
            return f"runs headers together ({seg[:-2]} + 小计)"
        if seg.count("（") != seg.count("）") or seg.count("(") != seg.count(")"):
            return f"has a broken segment '{seg}'"
        if len(seg) == 1 and seg not in ("类", "款", "项"):
            return f"has a broken segment '{seg}'"
    leaf = segs[-1]
    if any("基本支出" in p for p in segs[:-1]) and ("项目" in leaf or "专项" in leaf):
        return "puts project spending under 基本支出"
    funds = ("一般公共预算", "政府性基金", "国有资本", "事业收入", "其他收入", "上年结转")
    if any(w in p for p in segs[:-1] for w in funds) and any(w in leaf for w in funds):
        return "nests one fund source under another"
    spending = ("人员经费", "公用经费", "专项", "项目支出")
    if any(w in p for p in segs[:-1] for w in spending) and any(w in leaf for w in (*spending, "合计")):
        return "nests one spending column under another"
    if (
        not leaf.startswith("其中")
        and _LABEL_LEAF.search(leaf)
        and any(w in p for p in segs[:-1] for w in _MONEY_PARENT)
    ):
        return "puts a label column under an amount header"
    if two_sided and segs[0].startswith("收入") and any("支出" in p for p in segs[1:]):
        return "mixes income and expenditure headers"
    return ""


def check_values(ctx: Context) -> list[Finding]:
    """Amount cells that are not amounts: a 行次 column (1, 2, 3 …), code parts ('05'), names that are numbers."""
    for v in ctx.views.values():
        if not v.entries:
            continue
        for entries in v.column_entries().values():
            texts = [e.text.strip() for e in entries]
            if len(texts) >= 3 and all(t.isdecimal() and t.isascii() for t in texts):
                ints = [int(t) for t in texts]
                steps = sum(b == a + 1 for a, b in zip(ints, ints[1:], strict=False))
                if ints == list(range(ints[0], ints[0] + len(ints))) or (
                    len(ints) >= 5 and steps >= 0.7 * (len(ints) - 1)
                ):
                    refs = [e.ref for e in entries]
                    ctx.result.findings.append(
                        Finding(
                            "values",
                            f"{v.name} column {entries[0].column or entries[0].col + 1}: {texts[0]}, {texts[1]}, {texts[2]} … "
                            f"count rows (a 行次 column), they are not amounts",
                            refs,
                            refs,
                            tables=[v.table.seq],
                        )
                    )
                    ctx.result.failed[v.table.seq] += 1
                    continue
            for e in entries:
                t = e.text.strip()
                why = ""
                if len(t) >= 2 and t.startswith("0") and t.isdigit():
                    why = f"'{t}' is a code part, not an amount"
                elif e.code and not e.code.isdigit() and parse_amount(e.code) is not None:
                    why = f"its code '{e.code}' is an amount: the row's cells are shifted"
                elif t.isdigit() and len(t) in (3, 5, 7) and t in ctx.dictionary and not e.code:
                    why = f"'{t}' is a classification code ({ctx.dictionary.name_of(t)}), not an amount"
                elif not e.code and not e.name.strip() and len({x.row for x in v.entries}) > 1:
                    why = "the amount has neither a code nor a name: its row label was lost"
                elif e.code.isdigit() and len(e.code) <= 2:
                    why = f"code '{e.code}' is a fragment of a code split over 类/款/项 columns"
                elif e.name.strip() and parse_amount(e.name) is not None:
                    why = f"its name '{e.name.strip()}' is a number: the row's cells are shifted"
                if why:
                    ctx.result.findings.append(
                        Finding(
                            "values", f"{v.name} row {e.label}: {why}", [e.ref], [e.ref], tables=[v.table.seq]
                        )
                    )
                    ctx.result.failed[v.table.seq] += 1
    return []


# --------------------------------------------------------------------------- repairs (proposals)


def propose_sum_repairs(
    v: TableView,
    row: int,
    total: Entry | None,
    parts: list[Entry | None],
    node: Node,
    vec: list[Entry | None],
) -> list[Repair]:
    return sum_repairs(v.table, row, total, parts)


# --------------------------------------------------------------------------- running


RULES: dict[str, Callable[[Context], list[Finding]]] = {
    "row_sum": check_row_sum,
    "hierarchy": check_hierarchy,
    "column_total": check_column_total,
    "summary_items": check_summary_items,
    "income_expense": check_income_expense,
    "cross_table": check_cross_table,
    "dictionary": check_dictionary,
    "header": check_header,
    "values": check_values,
}


def run_checks(
    extraction: Extraction, dictionary: CodeDictionary | None = None, rules: Iterable[str] | None = None
) -> CheckResult:
    """Every rule over the whole extraction (units are checked inside the cross-table rule)."""
    ctx = Context(extraction, build_views(extraction), dictionary or default_dictionary(), CheckResult())
    for name in rules or RULES:
        ctx.result.findings.extend(RULES[name](ctx))
    ctx.result.findings.extend(unparsed_amounts(ctx))
    return ctx.result


def unparsed_amounts(ctx: Context) -> list[Finding]:
    """Cells in amount columns that are not amounts but look like misread ones (OCR): repairs proposed."""
    out: list[Finding] = []
    for v in ctx.views.values():
        if not v.entries:
            continue
        amount_cols = {e.col for e in v.entries}
        rows = {e.row for e in v.entries}
        for (r, c), text in v.texts.items():
            if c not in amount_cols or r not in rows or not text.strip() or parse_amount(text) is not None:
                continue
            fixed = amount_repair(text)
            if fixed is None:
                continue
            refs = [e.ref for e in v.entries if e.row == r]
            out.append(
                Finding(
                    "amount_text",
                    f"{v.name} row {v.row_label(r)}: cell '{text.strip()}' is not a valid amount",
                    refs,
                    refs,
                    "error",
                    [
                        Repair(
                            "amount", v.table.seq, r, c, text.strip(), fixed, "separators/OCR letters fixed"
                        )
                    ],
                    [v.table.seq],
                )
            )
    return out
