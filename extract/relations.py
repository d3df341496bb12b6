"""What must add up in a budget table: the sum relations its header and its codes imply.

One home for "what a 合计 covers", used by the space-aligned reader's settling, the column
placement of collapsed text, the consistency checks and the generator's gold:

* **Row sums**, from the header's column paths (each column's header labels, top-down): a total
  column (合计, 总计, 本年支出合计 …) is the sum of the columns after it, up to the next total
  column; a group label over several columns counts by its own 小计 when it prints one, else as
  the sum of its parts; a 小计 outside every total column's range totals the columns after it
  under the same labels; a 其中… column is part of the column before it (≤), not added, and so
  is a memo group of the total (``vocabulary.is_memo_column``: 政府采购 › 小计 | 其中 …).
  ``header_tree`` gives the tree, ``row_sums`` the flat ``(total, parts)`` pairs.
* **Parent = Σ children**, from the codes: 类 208 = Σ 208xx, 款 20801 = Σ 20801xx, 301 = Σ 301xx
  (``code_parents``).
* **Column totals**: the 合计 row = Σ the rows without a parent, per column.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from extract.vocabulary import LINE_ENUMERATOR, compact, is_memo_column, is_total_column

ZERO = Decimal(0)
SUBTOTAL = "小计"
WITHIN_PREFIX = "其中"


@dataclass
class SumNode:
    """An additive column group: its value is ``col`` (a total or 小计 column) or, without one,
    the sum of its children. ``col`` and ``within`` index the column paths given to
    ``header_tree``."""

    name: str
    col: int | None = None
    children: list[SumNode] = field(default_factory=list)
    within: list[int] = field(default_factory=list)  # 其中… columns: part of, not added

    def value(self, v: Sequence[Decimal]) -> Decimal:
        if self.col is not None:
            return v[self.col]
        return sum((c.value(v) for c in self.children), ZERO)

    def holds(self, v: Sequence[Decimal]) -> bool:
        """Does the vector of column values ``v`` satisfy every sum of this group?"""
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

    def columns(self) -> list[int]:
        """The columns that add up in the group (its own first; 其中 columns left out)."""
        out = [] if self.col is None else [self.col]
        for child in self.children:
            out += child.columns()
        return out


def header_tree(paths: Sequence[Sequence[str]]) -> list[SumNode]:
    """The additive groups of a header: one root per total column (and per 小计 that no total
    column's range covers). ``paths``: each column's header labels, top-down (a column without a
    header: ``()``); only the columns that hold amounts should be given."""
    labels = [[compact(p) for p in path] or [""] for path in paths]
    totals = [i for i, p in enumerate(labels) if is_total_column(p[-1])]
    roots: list[SumNode] = []
    for k, t in enumerate(totals):
        end = totals[k + 1] if k + 1 < len(totals) else len(labels)
        prefix = labels[t][:-1]
        root = SumNode("/".join(labels[t]), col=t)
        for i in range(t + 1, end):
            if is_memo_column(labels[i]) and not is_memo_column(labels[t]):
                root.within.append(i)  # 政府采购 › 小计: how much of the total, not a part of it
                continue
            rel = labels[i][len(prefix) :] if labels[i][: len(prefix)] == prefix else labels[i]
            _insert(root, rel or [""], i)
        roots.append(root)
    covered = set(range(totals[0], len(labels))) if totals else set()
    i = 0
    while i < len(labels):
        if i in covered or labels[i][-1] != SUBTOTAL or len(labels[i]) < 2:
            i += 1
            continue
        prefix = labels[i][:-1]
        root = SumNode("/".join(labels[i]), col=i)
        j = i + 1
        while j < len(labels) and j not in covered and labels[j][: len(prefix)] == prefix:
            if labels[j][-1] == SUBTOTAL and len(labels[j]) == len(labels[i]):
                break
            _insert(root, labels[j][len(prefix) :] or [""], j)
            j += 1
        if root.children or root.within:
            roots.append(root)
        i = j
    return roots


def _insert(root: SumNode, rel: list[str], col: int) -> None:
    node = root
    for seg in rel[:-1]:
        child = next((c for c in node.children if c.name == seg), None)
        if child is None:
            child = SumNode(seg)
            node.children.append(child)
        node = child
    leaf = rel[-1]
    if leaf == SUBTOTAL and node is not root and node.col is None:
        node.col = col
    elif leaf.startswith(WITHIN_PREFIX):
        target = node if node is not root or not node.children else node.children[-1]
        target.within.append(col)
    else:
        node.children.append(SumNode(leaf, col=col))


def row_sums(roots: Iterable[SumNode]) -> list[tuple[int, list[int]]]:
    """The tree as flat ``(total column, part columns)`` pairs: every group printing its own total
    equals the sum of its parts, a part group without a total of its own counted by its parts."""
    out: list[tuple[int, list[int]]] = []

    def parts_of(node: SumNode) -> list[int]:
        cols: list[int] = []
        for child in node.children:
            cols += [child.col] if child.col is not None else parts_of(child)
        return cols

    def walk(node: SumNode) -> None:
        if node.col is not None and node.children:
            out.append((node.col, parts_of(node)))
        for child in node.children:
            walk(child)

    for root in roots:
        walk(root)
    return out


def standard_code_lengths(codes: Iterable[str]) -> set[int]:
    """Code lengths that make a table's hierarchy: 3/5/7 for classification codes (a length outside
    them is a misprint), else every length printed (unit codes 193 / 193001 nest by prefix)."""
    printed = {c for c in codes if c}
    lengths = {len(c) for c in printed}
    return {3, 5, 7} if 3 in lengths and not unit_codes(printed) else lengths


def unit_codes(codes: Iterable[str]) -> bool:
    """Do the codes nest as unit codes (only 3- and 6-digit codes, a 6-digit one extending a printed
    3-digit one: 193 → 193001)?"""
    printed = {c for c in codes if c}
    return {len(c) for c in printed} <= {3, 6} and any(len(c) == 6 and c[:3] in printed for c in printed)


def code_parents(codes: Sequence[str]) -> list[str | None]:
    """Parent = Σ children: for each code, the printed code it is a child of (None for a top-level
    code, an empty code or one of a non-standard length). Classification codes (3/5/7 digits) nest
    two digits at a time (2080505 in 20805 in 208; straight in 208 when 20805 is not printed); other
    codes in the longest printed prefix."""
    std = standard_code_lengths(codes)
    printed = {c for c in codes if c and len(c) in std}
    hierarchical = std == {3, 5, 7}

    def parent_of(code: str) -> str | None:
        if not code or code not in printed:
            return None
        if hierarchical:  # two digits a level; a level not printed is skipped (2080101 in 208)
            for cut in range(len(code) - 2, 2, -2):
                if code[:cut] in printed:
                    return code[:cut]
            return None
        for cut in range(len(code) - 1, 2, -1):
            if code[:cut] in printed:
                return code[:cut]
        return None

    return [parent_of(c) for c in codes]


# ---- cross-table relations of the audit (issue 15)
#
# What must add up across tables and text, beside each table's own sums: the “三公” total = its
# parts (the cars' figure = 购置 + 运行), 基本支出 = 人员经费 + 公用经费, a project list = Σ its
# projects. ``three_public_item`` names what a label of a “三公” table or sentence holds; the
# economic codes each part is spent under tie the “三公” table to the economic tables.

THREE_PUBLIC_TOTAL = "total"
# key → (the words naming it, the economic codes it is spent under); longest names first
THREE_PUBLIC_ITEMS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "cars": (("公务用车购置及运行", "公务用车购置和运行", "公务用车购置及运维"), ("30231", "31013")),
    "car_buy": (("公务用车购置",), ("31013",)),
    "car_run": (("公务用车运行",), ("30231",)),
    "abroad": (("因公出国",), ("30212",)),
    "reception": (("公务接待",), ("30217",)),
}


def is_change(first: Sequence[Decimal], second: Sequence[Decimal], change: Sequence[Decimal]) -> bool:
    """Does a column group ``change`` print the change from group ``first`` to ``second`` (the same
    columns, one value each, a row after another): change = second − first everywhere, and not
    zero in two places at least (a group of zeros is no evidence)?"""
    if not (len(first) == len(second) == len(change)):
        return False
    if any(c != b - a for a, b, c in zip(first, second, change, strict=True)):
        return False
    return sum(1 for c in change if c != ZERO) >= 2


# total key → its parts' keys
THREE_PUBLIC_SUMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (THREE_PUBLIC_TOTAL, ("abroad", "reception", "cars")),
    ("cars", ("car_buy", "car_run")),
)
BASIC_TOTAL = "基本支出"
BASIC_PARTS = ("人员经费", "公用经费")


def three_public_item(label: str) -> str:
    """What a label of a “三公” table or sentence holds: a key of ``THREE_PUBLIC_ITEMS``,
    ``THREE_PUBLIC_TOTAL`` for the “三公” total itself, '' for anything else (会议费, 培训费, a 合计
    that may hold them)."""
    text = compact(label)
    for key, (words, _codes) in THREE_PUBLIC_ITEMS.items():
        if any(w in text for w in words):
            return key
    if "三公" in text:
        return THREE_PUBLIC_TOTAL
    return ""


def last_digit(printed: str) -> Decimal:
    """One unit of a printed figure's last digit (1.25 → 0.01; 1,200 → 1; blank → 0)."""
    text = printed.strip().replace(",", "")
    if not text or not any(ch.isdigit() for ch in text):
        return ZERO
    return Decimal(1).scaleb(-len(text.split(".")[1])) if "." in text else Decimal(1)


def sum_verdict(total: Decimal, parts: Iterable[Decimal], step: Decimal) -> tuple[str, Decimal]:
    """Does ``total`` = Σ ``parts``? ``'holds'``, ``'rounding'`` (off by no more than ``step``,
    one unit of the last printed digit) or ``'fails'``, with the difference total − Σ parts."""
    diff = total - sum(parts, ZERO)
    if diff == 0:
        return "holds", diff
    return ("rounding" if abs(diff) <= step else "fails"), diff


def nested_groups(values: Sequence[Decimal]) -> list[bool]:
    """For a list's rows in order (a project list: 合计, the body, its units, 专用项目, the projects):
    is each row a group row, one whose value is the sum of the rows right after it (its members, a
    group among them counted by its own members)? Found from the last row up; a zero row is never
    a group. The rows that are not groups are the list's items: Σ items = the list's total."""
    n = len(values)
    group = [False] * n
    for i in range(n - 1, -1, -1):
        if values[i] <= 0:
            continue
        acc = ZERO
        for j in range(i + 1, n):
            if group[j]:
                continue
            acc += values[j]
            if acc >= values[i]:
                group[i] = acc == values[i]
                break
    return group


# ---- real disclosures (issue 13): amounts printed rounded

FEN = Decimal("0.01")
# the same figure printed in two tables may differ by at most this many units of its last printed
# decimal by rounding alone (326.71 vs 326.72: classify.checks.cross_table's summary rounding)
ROUNDING_UNITS = 1


def rounding_slack(texts: Iterable[str], yuan_per_unit: Decimal, terms: int) -> Decimal:
    """The most a total and the sum of its ``terms`` parts (two or more) may differ, in yuan, by
    rounding alone, where the last printed decimal place is coarser than the fen (万元 with two
    decimals: 0.01 万元 = 100 yuan): each of the terms + 1 printed figures may be off by half a unit
    of that place, so about one unit per two terms (at least one). 0 where the amounts are exact to
    the fen (元 with two decimals, 万元 with six) or print no decimals (whole 万元 may hide a real
    difference of one). ``texts``: the amounts as printed (the finest decimal among them counts)."""
    places = max((len(t.split(".")[1]) for t in texts if "." in t), default=0)
    unit = yuan_per_unit * Decimal(1).scaleb(-places)
    if terms < 2 or places == 0 or unit <= FEN:
        return Decimal(0)
    return unit * max(1, (terms + 1) // 2)


# ---- the summary tables' lines (收支总表, 财政拨款收支总表, 收入总表, 支出总表)
#
# The same money of a fund source is printed in several summary tables: the 收支总表's income line
# (一、财政拨款 / 一般公共预算拨款收入 …) = the 财政拨款收支总表's line of that source = the 收入总表's
# column of it; 财政拨款 = Σ FISCAL_SOURCES. ``income_source`` names the source a line or column
# label holds, whatever a region calls it (一般公共预算资金 / 一般公共预算拨款收入 / 一般公共预算财政
# 拨款 …); ``is_carry_over`` tells the 上年结转 lines (their money is not this year's income).

FISCAL = "财政拨款"
FISCAL_SOURCES = ("一般公共预算", "政府性基金", "国有资本经营")
# source → the words naming it (checked in order: 事业单位经营收入 before 事业收入)
INCOME_SOURCES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("一般公共预算", ("一般公共预算",)),
    ("政府性基金", ("政府性基金",)),
    ("国有资本经营", ("国有资本经营",)),
    ("财政专户管理资金", ("财政专户",)),
    ("事业单位经营收入", ("事业单位经营", "经营收入")),
    ("事业收入", ("事业收入",)),
    ("上级补助收入", ("上级补助",)),
    ("附属单位上缴收入", ("附属单位上缴",)),
    ("其他收入", ("其他收入",)),
)
_CARRY_OVER = ("上年", "结转", "结余", "年初", "余额")
_FISCAL_LINE = re.compile(r"(?:本级)?财政拨款(?:收入|资金)?")


def _bare_label(label: str) -> str:
    return LINE_ENUMERATOR.sub("", compact(label))


def is_carry_over(label: str) -> bool:
    """Does a summary's income line or column hold money carried over (上年结转结余, 年初结转和结余,
    上年实户资金余额, 财政拨款结余、结转 …), not this year's income?"""
    return any(w in compact(label) for w in _CARRY_OVER)


def income_source(label: str) -> str:
    """The fund source an income line or column label holds: a source of ``INCOME_SOURCES``,
    ``FISCAL`` for the 财政拨款 total (财政拨款 / 财政拨款收入 / 本级财政拨款收入), '' for anything
    else (部门预算, 单位资金, a total, a 其中 line). A carried-over line keeps its source
    (一般公共预算拨款结余、结转 → 一般公共预算): ``is_carry_over`` tells it."""
    text = _bare_label(label)
    if not text or text.startswith("其中"):
        return ""
    for key, words in INCOME_SOURCES:
        if any(w in text for w in words):
            return key
    return FISCAL if _FISCAL_LINE.fullmatch(text) else ""
