"""Evidence from other tables: sibling tables whose rows must agree (expense and basic, function and
economic, the summary covering the general budget), and totals another table names."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from decimal import Decimal
from itertools import combinations

from classify.columns.constraints import Constraint
from classify.columns.rows import RowVar
from classify.columns.spec import ZERO, TableSpec, leaf_of, squash
from extract.codes import is_digit_code
from extract.model import Table
from extract.numbers import UNIT_SCALE, parse_amount
from extract.reasons import reason
from extract.vocabulary import INDEX_HEADERS, TOTAL_WORDS, is_total_column


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
    title = squash(table.title)
    kind = "function" if "功能" in title else "economic" if "经济" in title else ""
    role = ""
    if "基本支出" in title:
        role = "basic"
    elif "支出" in title and any(w in title for w in ("明细", "一般公共预算", "财政拨款")):
        role = "expense"
    names = {leaf_of(p) for p in table.column_paths()}
    keys = {_part_key(n) for n in names}
    if not role and {"人员经费", "公用经费"} <= keys:
        role = "expense" if keys & {"专项业务经费", "项目", "项目支出", "专项"} else "basic"
    if not kind:
        codes = [squash(c.text) for c in table.cells if c.col == 0 and c.row >= table.header_rows]
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


def sibling_constraints(
    a_rows: list[RowVar], b_rows: list[RowVar], kind: str
) -> list[tuple[RowVar, RowVar, list[Constraint]]]:
    if not a_rows or not b_rows:
        return []
    sa, sb = a_rows[0].spec, b_rows[0].spec
    if kind in ("basic", "cover"):
        ka = {_part_key(leaf_of(sa.amount_path(i))): i for i in range(len(sa.amount_cols))}
        kb = {_part_key(leaf_of(sb.amount_path(i))): i for i in range(len(sb.amount_cols))}
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
        what = reason(
            "columns.what_sibling",
            a=_tname(ra.table),
            b=_tname(rb.table),
            row=ra.label,
            columns="、".join(shared),
        )
        ra.siblings.append(_tname(rb.table))
        rb.siblings.append(_tname(ra.table))
        eq = Constraint([(ra, 1, ia), (rb, -1, ib)], what, active=kind != "cover")
        ge = Constraint([(ra, 1, ia), (rb, -1, ib)], what, mode="ge", active=kind == "cover")
        pairs.append((ra, rb, [eq, ge]))
    return pairs


def _tname(t: Table) -> str:
    return t.label or (t.title[:20] if t.title else f"第{t.seq}张表")


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
    t = _ENUM.sub("", squash(text)).replace("维护", "")
    t = t[:-2] if t.endswith("收入") and len(t) > 2 else t
    return _SAME_INCOME.get(t, t)


def _scale(table: Table) -> Decimal:
    return UNIT_SCALE.get(table.unit.replace(" ", ""), Decimal(1))


def named_items(table: Table) -> list[tuple[str, Decimal]]:
    """(name, amount in yuan) for each item of a grid table's rows that have no issue: the amount is
    the first one right of the name, before the next name; an item printed without one is 0 (a blank
    cell of a summary table is zero)."""
    names = [leaf_of(p) for p in table.column_paths()]
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
