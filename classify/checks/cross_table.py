"""Tables that must agree with each other (``cross_table``; ``units`` when off by exactly ×10000)."""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from classify.checks.views import (
    ZERO,
    Context,
    Entry,
    TableView,
    is_total_entry,
    named_entries,
    shown,
    side_of,
    table_name,
)
from classify.dictionary import normalize_name
from classify.findings import Finding, scale_of
from extract.codes import is_digit_code
from extract.model import ColumnPath, Table
from extract.reasons import Reason, reason
from extract.relations import ROUNDING_UNITS

_GENERIC_LEAF = ("预算数", "决算数", "金额", "本年预算数", "数额", "预算金额", "年初预算数")


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


def _key(v: TableView, e: Entry) -> str:
    """``part_key`` of the entry's column; a table's only amount column under a generic name (预算数,
    金额) is its whole (合计): a basic table's 预算数 is its 基本支出, an expense table's every kind."""
    key = part_key(e.path)
    if key in _GENERIC_LEAF and len({x.col for x in v.entries}) == 1:
        return "合计"
    return key


def _totals_by_key(v: TableView) -> dict[str, Entry]:
    out: dict[str, Entry] = {}
    for e in v.entries:
        if is_total_entry(e):
            out.setdefault(_key(v, e), e)
    return out


def _sum_by_code(v: TableView) -> dict[tuple[str, str], list[Entry]]:
    out: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for e in v.entries:
        if is_digit_code(e.code):
            out[(e.code, _key(v, e))].append(e)
    return out


def _equal(ctx: Context, check: str, a: list[Entry], b: list[Entry], what: Reason) -> None:
    """Σ a = Σ b across two tables (units flagged when off by exactly ×10000)."""
    va = sum((e.value for e in a), ZERO)
    vb = sum((e.value for e in b), ZERO)
    ta, tb = a[0].table, b[0].table
    if va != vb and va and vb and (va == vb * 10000 or vb == va * 10000):
        big, small = (ta, tb) if va > vb else (tb, ta)
        ctx.result.findings.append(
            Finding(
                "units",
                reason(
                    "checks.units",
                    big=table_name(big),
                    small=table_name(small),
                    what=what,
                    big_unit=big.unit or "元",
                    small_unit=small.unit or "元",
                ),
                [e.ref for e in a + b],
                [e.ref for e in a + b],
                tables=[ta.seq, tb.seq],
            )
        )
        ctx.result.failed[ta.seq] += 1
        ctx.result.failed[tb.seq] += 1
        return

    def message() -> Reason:
        sa = " + ".join(shown(e) for e in a)
        sb = " + ".join(shown(e) for e in b)
        return reason(
            "checks.cross_table", what=what, a=table_name(ta), a_value=sa, b=table_name(tb), b_value=sb
        )

    if not ctx.relation(check, None, b, message, [ta.seq, tb.seq], total_value=va):
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
                _equal(
                    ctx, "cross_table", [ta[key]], [tb[key]], reason("checks.what_total_column", column=key)
                )
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
            _equal(ctx, "cross_table", [ta["合计"]], [tb["基本支出"]], reason("checks.what_basic_total"))
        for (code, key), entries in sa.items():
            if key in ("合计",) and (code, "基本支出") in sb:
                _equal(
                    ctx,
                    "cross_table",
                    entries,
                    sb[(code, "基本支出")],
                    reason("checks.what_row_column", code=code, column="基本支出"),
                )
            elif key in basic_keys and key not in ("合计", "基本支出") and (code, key) in sb:
                _equal(
                    ctx,
                    "cross_table",
                    entries,
                    sb[(code, key)],
                    reason("checks.what_row_column", code=code, column=key),
                )
    # summary tables against the detail tables
    ie = ctx.one("income_expense_summary")
    if ie:
        inc = [
            e for e in named_entries(ie.entries, "本年收入合计", "收入合计") if side_of(e.path) != "expense"
        ]
        exp = [
            e for e in named_entries(ie.entries, "本年支出合计", "支出合计") if side_of(e.path) != "income"
        ]
        for other_type, mine in (("income_summary", inc), ("expense_summary", exp)):
            other = ctx.one(other_type)
            if other and mine:
                totals = _totals_by_key(other)
                side = "income" if other_type == "income_summary" else "expense"
                grand = [
                    e
                    for e in named_entries(ie.entries, "收入总计" if side == "income" else "支出总计")
                    if side_of(e.path) != ("expense" if side == "income" else "income")
                ]
                # a 收入总表 whose 合计 counts the carry-over in (上年结转 columns) is the 收入总计
                if "合计" in totals and not any(g.value == totals["合计"].value for g in grand):
                    _equal(ctx, "cross_table", [mine[0]], [totals["合计"]], reason("checks.what_year_total"))
    fn = ctx.one("gpb_expense_function")
    es = ctx.one("expense_summary")
    proj = ctx.one("project_expense")
    # the project list covers every fund source: against the 支出总表's 项目支出 where it prints one,
    # else the 一般公共预算 function table's, which it may exceed (projects of other fund sources)
    listed = [e for e in proj.entries if is_total_entry(e)] if proj else []
    for source in (es, fn):
        totals = _totals_by_key(source) if source else {}
        if "项目" in totals and listed:
            if source is es or listed[0].value <= totals["项目"].value:
                _equal(ctx, "cross_table", [listed[0]], [totals["项目"]], reason("checks.what_project_total"))
            break
    return []


# ---------------------------------------------------------------- issue 13: rounding between tables


def check_summary_rounding(ctx: Context) -> list[Finding]:
    """The 收支总表's expenditure by function class against the 支出总表's 类 rows (合计 column): a
    difference of one unit in the last printed decimal (326.71 vs 326.72) is found and reported as
    rounding (severity info: it sends nothing to review)."""
    ie, es = ctx.one("income_expense_summary"), ctx.one("expense_summary")
    if not (ie and es):
        return []
    classes: dict[str, Entry] = {}
    for e in es.entries:
        if (
            len(e.code) == 3
            and is_digit_code(e.code)
            and e.col == min(x.col for x in es.entries if x.row == e.row)
        ):
            classes.setdefault(normalize_name(_bare(e.name)), e)
    for e in ie.entries:
        if side_of(e.path) == "income" or e.code:
            continue
        other = classes.get(normalize_name(_bare(e.name)))
        if other is None or other.value == e.value:
            continue
        unit = max(_last_unit(e.text, ie.table), _last_unit(other.text, es.table))
        if abs(other.value - e.value) <= unit * ROUNDING_UNITS:
            ctx.result.findings.append(
                Finding(
                    "rounding",
                    reason(
                        "checks.rounding",
                        a=table_name(ie.table),
                        name=e.name,
                        a_value=shown(e),
                        b=table_name(es.table),
                        code=other.code,
                        b_value=shown(other),
                    ),
                    [e.ref, other.ref],
                    [],
                    "info",
                    [],
                    [ie.table.seq, es.table.seq],
                )
            )
    return []


_NUMBERING = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]\s*")


def _bare(name: str) -> str:
    return _NUMBERING.sub("", name)


def _last_unit(text: str, table: Table) -> Decimal:
    """One unit of the last decimal printed in ``text`` (0.01 for '326.71'), in yuan."""
    digits = text.strip().split(".")[1] if "." in text else ""
    return Decimal(1).scaleb(-len(digits.strip())) * scale_of(table)
