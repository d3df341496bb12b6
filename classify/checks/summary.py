"""Two-sided summary tables: items = Σ their sub-items, income items on the income side
(``summary_items``), income = expenditure (``income_expense``)."""

from __future__ import annotations

import re

from classify.checks.views import (
    TWO_SIDED,
    ZERO,
    Context,
    Entry,
    TableView,
    is_total_entry,
    named_entries,
    shown,
    side_of,
)
from classify.dictionary import normalize_name
from classify.findings import CellRef, Finding, Repair, fmt_amount, scale_of
from extract.reasons import Reason, reason

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
            side = side_of(entries[0].path)
            for e in entries:
                name_col = _name_col(v, e)
                if side and name_col is not None and name_col < len(v.columns):
                    other = side_of(v.paths[name_col])
                    if other and other != side:
                        ctx.fail(
                            "summary_items",
                            reason(
                                "checks.summary_side",
                                table=v.name,
                                row=e.name,
                                value=shown(e),
                                side=SIDE_WORDS[side],
                                column=e.column,
                                other=SIDE_WORDS[other],
                                name_column=v.columns[name_col],
                            ),
                            [e.ref],
                            t.seq,
                            _side_repair(v, e, other),
                            doubt=True,  # the amount was placed on the wrong side by the reader
                        )
                        continue
                item = _item_side(e.name)
                if side and item and item != side:
                    ctx.fail(
                        "summary_items",
                        reason(
                            "checks.summary_item_side",
                            table=v.name,
                            row=e.name,
                            item=SIDE_WORDS[item],
                            side=SIDE_WORDS[side],
                            column=e.column,
                        ),
                        [e.ref],
                        t.seq,
                        doubt=True,
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
    return [Repair("column", v.table.seq, e.row, e.col, e.column, target, reason("repairs.name_side"))]


def _name_col(v: TableView, e: Entry) -> int | None:
    """The column of the nearest cell left of ``e`` printing its name."""
    key = normalize_name(e.name)
    for c in range(e.col - 1, -1, -1):
        text = v.texts.get((e.row, c), "")
        if text.strip() and normalize_name(text) == key:
            return c
    return None


def _summary_tree(ctx: Context, v: TableView, entries: list[Entry]) -> None:
    """In one amount column: items = Σ their sub-items, the first 合计 row = Σ the items above it.

    An item printed without numbering (一、 / 1、 / （1）) has its level guessed (one below the last
    numbered item): a sum failing over such items is a doubt of the reading (they may be 款 and 项
    of one 类 listed together, or a page's tail whose numbered head is on the page before), not a
    finding about the document."""
    items: list[tuple[int, Entry]] = []
    guessed: set[CellRef] = set()
    last = 0
    total: Entry | None = None
    for e in entries:
        if is_total_entry(e):
            total = e
            break
        if _WITHIN.match(e.name):
            continue
        level = _level(e.name)
        under = _indented_under(items, e) if level is None and last else None
        if level is None and not last and e.record is not None:
            # no enumerated item yet: a hierarchy printed by indentation only (the record's parent
            # path, from the names' indents) gives the level
            level = 1 + len(e.record.parent_path)
        elif level is None and under is not None:
            # an unnumbered item indented under an item above it (一、教育支出 › 进修及培训 › 培训支出:
            # 款 and 项 by their indents): one level below that item
            level = under + 1
        elif level is None:
            level = last + 1 if last else 1
            guessed.add(e.ref)
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

            def message(e: Entry = e, kids: list[Entry] = kids) -> Reason:
                return reason(
                    "checks.summary_items",
                    table=v.name,
                    column=e.column,
                    name=e.name,
                    value=shown(e),
                    parts=" + ".join(shown(k) for k in kids),
                )

            if not ctx.relation("summary_items", e, kids, message, [t.seq]):
                ctx.result.findings[-1].doubt = any(k.ref in guessed for k in kids)
    if total is not None and items:
        top_level = min(lv for lv, _ in items)
        tops = [e for lv, e in items if lv == top_level]
        blanks = all(e.value == 0 for e in tops) and total.value != 0
        if not blanks or len(tops) > 0:

            def message_total(total: Entry = total, tops: list[Entry] = tops) -> Reason:
                return reason(
                    "checks.summary_total",
                    table=v.name,
                    column=total.column,
                    name=total.name,
                    value=shown(total),
                    parts=fmt_amount(sum((e.value for e in tops), ZERO) / scale_of(t)),
                )

            if not ctx.relation("summary_items", total, tops, message_total, [t.seq]):
                ctx.result.findings[-1].doubt = any(e.ref in guessed for e in tops)


def _indented_under(items: list[tuple[int, Entry]], e: Entry) -> int | None:
    """The level of the item above ``e`` that its indent puts it under (the last name of its record's
    parent path, the nearest such item above), None when its path names none of them."""
    path = e.record.parent_path if e.record is not None else ()
    if not path:
        return None
    for level, above in reversed(items):
        if above.name == path[-1]:
            return level
    return None


SIDE_WORDS = {"income": "收入", "expense": "支出"}  # a side as the table's header prints it

CARRY_IN = ("年初结转和结余", "上年结转", "上年结转结余", "上年结转和结余", "年初结余", "使用非财政拨款结余")
CARRY_OUT = ("年末结转和结余", "结转下年", "年末结余", "结转下年和结余", "年终结转结余", "年末结转结余")


def check_income_expense(ctx: Context) -> list[Finding]:
    for v in ctx.views_of(*TWO_SIDED):
        pairs = (
            (("本年收入合计", "收入合计", "本年收入"), ("本年支出合计", "支出合计", "本年支出")),
            (("收入总计",), ("支出总计",)),
        )
        for k, (inc_names, exp_names) in enumerate(pairs):
            income = [e for e in named_entries(v.entries, *inc_names) if side_of(e.path) != "expense"]
            expense = _total_column_entries(
                [e for e in named_entries(v.entries, *exp_names) if side_of(e.path) != "income"]
            )
            if len(income) != 1 or not expense:
                continue
            inc = income[0]
            # 本年收入 and 本年支出 differ by the carry-over where the table prints one (决算 always):
            # 年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余
            carry_in = _total_column_entries(
                [e for e in named_entries(v.entries, *CARRY_IN) if side_of(e.path) != "expense"]
                or _between(v, inc, "收入总计", "income")
            )
            carry_out = _total_column_entries(
                [e for e in named_entries(v.entries, *CARRY_OUT) if side_of(e.path) != "income"]
                or [e for x in expense for e in _between(v, x, "支出总计", "expense")]
            )
            carried = k == 0 and bool(carry_in or carry_out)
            for exp in expense:
                if carried:

                    def message_carry(
                        inc: Entry = inc, exp: Entry = exp, v: TableView = v, cin=carry_in, cout=carry_out
                    ) -> Reason:
                        left = " + ".join(f"{e.name} {shown(e)}" for e in [*cin, inc])
                        right = " + ".join(f"{e.name} {shown(e)}" for e in [exp, *cout])
                        return reason("checks.carry_over", table=v.name, left=left, right=right)

                    ctx.relation(
                        "income_expense",
                        None,
                        [exp, *carry_out],
                        message_carry,
                        [v.table.seq],
                        total_value=sum((e.value for e in [inc, *carry_in]), ZERO),
                    )
                    continue

                def message(inc: Entry = inc, exp: Entry = exp, v: TableView = v) -> Reason:
                    return reason(
                        "checks.income_expense",
                        table=v.name,
                        income=inc.name,
                        income_value=shown(inc),
                        expense=exp.name,
                        expense_value=shown(exp),
                        column=exp.column,
                    )

                ctx.relation("income_expense", inc, [exp], message, [v.table.seq])
        # the expenditure columns (by function, by economic class) agree with each other; the
        # columns of the total's parts (一般公共预算 / 政府性基金 … 财政拨款, 基本 / 项目支出) are not
        # another reckoning of it (a fund column of 0.00 is no disagreement)
        exp_totals = _total_column_entries(
            [e for e in named_entries(v.entries, "本年支出合计", "支出合计") if side_of(e.path) == "expense"]
        )
        for other in exp_totals[1:]:

            def message_cols(a: Entry = exp_totals[0], b: Entry = other, v: TableView = v) -> Reason:
                return reason(
                    "checks.expense_columns",
                    table=v.name,
                    a_column=a.column,
                    name=a.name,
                    a_value=shown(a),
                    b_column=b.column,
                    b_value=shown(b),
                )

            ctx.relation("income_expense", exp_totals[0], [other], message_cols, [v.table.seq])
    return []


# the header labels of a total's parts: a column under one of them holds a part, not the total
PART_COLUMNS = (
    "人员经费",
    "公用经费",
    "基本支出",
    "项目支出",
    "一般公共预算",
    "政府性基金",
    "国有资本经营",
    "财政专户",
)


def _between(v: TableView, start: Entry, end_name: str, side: str) -> list[Entry]:
    """The items a summary table prints on ``side`` between a 本年 total (``start``) and its 总计
    (``end_name``): what is carried in or out whatever the province calls it (上年实户资金余额,
    未安排支出的实户资金); their 其中 rows left out. Empty when the table prints no such 总计."""
    column = [e for e in v.entries if e.col == start.col and side_of(e.path) in (side, "")]
    ends = [e.row for e in named_entries(column, end_name) if e.row > start.row]
    if not ends:
        return []
    items = [
        e
        for e in column
        if start.row < e.row < min(ends) and not _WITHIN.match(e.name) and not is_total_entry(e)
    ]
    # the outermost items only (上年结余、结转 without its 1.一般公共预算拨款结余、结转 …)
    levels = [_level(e.name) or 0 for e in items]
    return [e for e, lv in zip(items, levels, strict=True) if lv == min(levels, default=0)]


def _total_column_entries(entries: list[Entry]) -> list[Entry]:
    """Of the amounts a total row prints, those of its total columns: a 收入总计 is never compared
    with the 人员经费 / 公用经费 / 项目支出 or 一般公共预算 / 政府性基金 sub-columns of the 支出总计
    row (the row's leftmost amount stays when every column is a part)."""
    by_row: dict[int, list[Entry]] = {}
    for e in entries:
        by_row.setdefault(e.row, []).append(e)
    out: list[Entry] = []
    for row in by_row.values():
        row.sort(key=lambda e: e.col)
        whole = [e for e in row if not any(w in p for p in e.path for w in PART_COLUMNS)]
        out.extend(whole or row[:1])
    return out
