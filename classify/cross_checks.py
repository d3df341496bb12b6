"""Cross-table audit checks: the same money printed in several tables (and in the text) must agree.

Beside the tables' own arithmetic (``classify.checks``), an auditor checks (issue 15):

* ``function_class_mismatch`` the 收支总表's (and 财政拨款收支总表's) function classes (一、一般公共服务
  支出 …) against the function table's 类 rows (an expense table's, else a 收入总表 printed by
  function class), in its column whose 合计 is the summary's 本年支出合计 (the same scope of money);
* ``three_public_sum``  the “三公” total = 因公出国（境） + 公务接待 + 公务用车购置及运行, and the cars'
  figure = 购置 + 运行, in the “三公” table (either layout: items as rows or as columns) and in the
  text; the text's parts against the table's; the table's parts against the economic table's codes
  (30212, 30217, 30231, 31013) that print them (a warning: an economic row may hold more money);
* ``basic_sum``         基本支出 = 人员经费 + 公用经费 across the basic-expenditure table and the
  expense tables (one table's 基本支出 against another's parts), and in the text;
* ``operating_expense`` 机关运行经费 against 公用经费 where the text ties them (one sentence naming
  both);
* ``project_list_sum``  the project list's items (its rows that are not groups of the rows after
  them: ``extract.relations.nested_groups``) add up to the expense tables' project column;
* ``summary_line_mismatch`` the 收支总表's income line of each fund source (``income_source``)
  against the 财政拨款收支总表's line of it (财政拨款 as a whole: its 财政拨款 line, 本年收入合计 or
  总计) and the 收入总表's column of it; a line counting its 上年结转 in agrees with the other
  table's line plus its carried-over line. 基本支出 / 项目支出 of the 支出总表, the 一般公共预算
  支出表, the 收支总表 and the 财政拨款收支总表 against each other where the tables' expenditure
  totals are equal (the same money).

A “三公” line of its 合计 alone (every part's column printed, their cells blank) is a sum too: its
parts are 0. A comparison resting on a number whose column the placement of collapsed text left
open (``classify.columns.OPEN_PLACEMENT``: other placements of its row add up as well) is no
finding: it judges one reading of several, and the records are in review with that doubt.

What adds up is ``extract.relations``'s (``THREE_PUBLIC_SUMS``, ``BASIC_PARTS``, ``FISCAL_SOURCES``,
``sum_verdict``):
a difference of one unit of the last printed digit is ``cross_rounding`` (info), a larger one an
error. Messages are rendered from reason codes (``extract.reasons``), in Chinese.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from classify.checks.cross_table import part_key
from classify.checks.views import Entry, TableView, build_views, is_total_entry, side_of
from classify.columns import OPEN_PLACEMENT
from classify.dictionary import normalize_name
from classify.findings import Finding, audit_finding, fmt_amount
from classify.model import Extraction
from classify.narrative import NUM, place_of, running_text
from extract.codes import is_digit_code
from extract.numbers import UNIT_SCALE
from extract.reasons import reason
from extract.relations import (
    BASIC_PARTS,
    BASIC_TOTAL,
    FISCAL,
    FISCAL_SOURCES,
    THREE_PUBLIC_ITEMS,
    THREE_PUBLIC_SUMS,
    THREE_PUBLIC_TOTAL,
    income_source,
    is_carry_over,
    last_digit,
    nested_groups,
    sum_verdict,
    three_public_item,
)
from extract.vocabulary import compact

ZERO = Decimal(0)
WAN = Decimal(10000)
_SUMMARIES = ("income_expense_summary", "fiscal_summary")
# the tables printing the money by function class (3-digit 类 rows); the 收入总表 last: printed by
# function class, its 合计 column is the same money as the summary's 本年支出合计 where the totals agree
_FUNCTION_TABLES = ("gpb_expense_function", "expense_summary", "income_summary")
_PROJECT_ITEMS = ("项目支出", "专项业务经费支出", "专项支出", "专项业务支出")
_GENERIC = ("预算数", "决算数", "金额", "年初预算数", "本年预算数", "全年预算数")
_ITEM_NAMES = {
    THREE_PUBLIC_TOTAL: "“三公”经费",
    "abroad": "因公出国（境）费",
    "reception": "公务接待费",
    "cars": "公务用车购置及运行费",
    "car_buy": "公务用车购置费",
    "car_run": "公务用车运行维护费",
}


@dataclass(frozen=True)
class Fig:
    """One figure compared: its value in yuan, as printed, its unit, where it is."""

    yuan: Decimal
    printed: str
    unit: str  # '元' / '万元'
    where: str  # a table's name, or 说明文字
    ref: tuple[int, int, int] | None = None  # (table seq, row, col)
    places: tuple[dict, ...] = ()

    @property
    def step(self) -> Decimal:
        """One unit of the last printed digit, in yuan."""
        return last_digit(self.printed) * UNIT_SCALE.get(self.unit, Decimal(1))


def _fig(view: TableView, e) -> Fig:
    return Fig(e.value, e.text.strip() or "0", view.table.unit or "元", view.name, e.ref)


def _shown(yuan: Decimal, unit: str) -> str:
    return fmt_amount(yuan / UNIT_SCALE.get(unit, Decimal(1)))


def _compare(check: str, what: str, total: Fig, parts: list[Fig], names: list[str]) -> Finding | None:
    """total = Σ parts, or a finding (``check`` when off by more than the last printed digit,
    ``cross_rounding`` as info within it)."""
    step = max([total.step, *(p.step for p in parts)])
    verdict, diff = sum_verdict(total.yuan, [p.yuan for p in parts], step)
    if verdict == "holds":
        return None
    summed = total.yuan - diff
    if total.yuan and summed and (total.yuan == summed * WAN or summed == total.yuan * WAN):
        return None  # off by exactly ×10000: a table's unit line misread, a reading doubt (``units``)
    unit = "万元" if "万元" in {total.unit, *(p.unit for p in parts)} else "元"
    wheres = list(dict.fromkeys(p.where for p in parts))
    params = {
        "what": what,
        "total_place": total.where,
        "total_value": _shown(total.yuan, unit),
        "parts_place": "、".join(wheres),
        "parts": "＋".join(names),
        "parts_value": _shown(total.yuan - diff, unit),
        "diff": _shown(abs(diff), unit),
        "unit": unit,
    }
    cells = [f.ref for f in [total, *parts] if f.ref is not None]
    places = [p for f in [total, *parts] for p in f.places]
    tables = [ref[0] for ref in cells]
    if verdict == "rounding":
        return audit_finding(
            reason("cross_rounding", **params), "info", evidence=cells, tables=tables, places=places
        )
    severity = "warning" if check == "three_public_economic" else "error"
    return audit_finding(reason(check, **params), severity, evidence=cells, tables=tables, places=places)


def _agrees(f: Finding | None) -> bool:
    """A comparison that holds, or holds but for the last printed digit."""
    return f is None or f.severity == "info"


def check_cross_tables(extraction: Extraction) -> list[Finding]:
    """Every cross-table audit check over the extraction (see the module docstring)."""
    views = build_views(extraction)
    by_type: dict[str, list[TableView]] = defaultdict(list)
    for v in views.values():
        if v.entries:
            by_type[v.table_type].append(v)
    text = _Text(extraction)
    out: list[Finding | None] = []
    out += _function_classes(by_type)
    out += _three_public(by_type, text)
    out += _basic(by_type, text)
    out += _project_list(by_type)
    out += _summary_lines(by_type)
    # a comparison over a number whose column the placement left open (other placements of its row
    # add up too) judges one reading of several: the records are in review with that doubt, and a
    # failure is no finding of the document
    open_cells = _open_cells(extraction)
    return [f for f in out if f is not None and (f.severity == "info" or not open_cells & set(f.evidence))]


def _open_cells(extraction: Extraction) -> set[tuple[int, int, int]]:
    """The cells whose number's column the placement left open (``OPEN_PLACEMENT``), but for rows
    whose open numbers are all 0: wherever they go, every column of the row holds 0 or a blank (0)."""
    rows: dict[tuple[int, int], list] = defaultdict(list)
    for r in extraction.line_items:
        if any(x.code in OPEN_PLACEMENT for x in r.reason):
            rows[(r.table_seq, r.row)].append(r)
    return {
        (r.table_seq, r.row, r.col)
        for records in rows.values()
        if any(r.amount_yuan for r in records)
        for r in records
    }


# ------------------------------------------------------------------ the text's figures


class _Text:
    """The narrative as one running text, and the figures its sentences quote."""

    def __init__(self, extraction: Extraction) -> None:
        self.paragraphs = extraction.document.paragraphs
        self.text, self.owner = running_text(self.paragraphs) if self.paragraphs else ("", [])

    def sentences(self) -> list[tuple[int, str]]:
        out, start = [], 0
        for part in re.split(r"(?<=[。；;])", self.text):
            out.append((start, part))
            start += len(part)
        return out


_UNIT = r"(万元|元)"
_TEXT_PART = re.compile(rf"([^，,、：:；;。]{{2,16}}?)(?:预算|决算|支出|经费|数|为)*{NUM}{_UNIT}")


def _text_parts(text: _Text, start: int, sentence: str) -> dict[str, Fig]:
    """The figures of one sentence (at ``start`` in the running text) by what they name
    (``three_public_item`` keys), the first of each."""
    out: dict[str, Fig] = {}
    for m in _TEXT_PART.finditer(sentence):
        key = three_public_item(m.group(1))
        if key and key not in out:
            out[key] = _sentence_fig(text, start, m, 2)
    return out


# ------------------------------------------------------------------ function classes


def _function_classes(by_type: dict[str, list[TableView]]) -> list[Finding | None]:
    out: list[Finding | None] = []
    functions = [v for t in _FUNCTION_TABLES for v in by_type.get(t, [])]
    for summary in (v for t in _SUMMARIES for v in by_type.get(t, [])):
        columns: dict[int, list] = defaultdict(list)
        for e in summary.entries:
            if side_of(e.path) != "income":
                columns[e.col].append(e)
        for entries in columns.values():
            total = next((e for e in entries if normalize_name(e.name) in ("本年支出合计", "支出合计")), None)
            if total is None or not total.value:
                continue
            match = _scope(functions, total.value)
            if match is None:
                continue
            fn, col = match
            classes = {
                normalize_name(e.name): e
                for e in fn.entries
                if e.col == col and len(e.code) == 3 and is_digit_code(e.code)
            }
            for e in entries:
                key = normalize_name(e.name)
                if key not in classes:
                    continue
                c = classes[key]
                finding = _compare(
                    "function_class_mismatch",
                    f"{summary.name}“{key}”",
                    _fig(summary, e),
                    [_fig(fn, c)],
                    [f"类{c.code}"],
                )
                out.append(finding)
    return out


def _scope(functions: list[TableView], total: Decimal) -> tuple[TableView, int] | None:
    """The function table and column whose 合计 is ``total`` (yuan): the same money as the summary's."""
    for fn in functions:
        if not any(len(e.code) == 3 and is_digit_code(e.code) for e in fn.entries):
            continue
        for e in fn.entries:
            if is_total_entry(e) and e.value == total:
                return fn, e.col
    return None


# ------------------------------------------------------------------ “三公”


def _three_public_lines(view: TableView) -> list[tuple[dict[str, object], set[str]]]:
    """The “三公” table's figures by what they hold, one dict per line: a column when the items are
    rows (合计 / 因公出国 … down the table), a row (and header group: 预算数 / 决算数) when they are
    columns; each with the items the line's part of the table prints a row or column for (a blank
    cell there is 0; an item not printed there is a column or row lost in reading)."""
    by_row_names: dict[int, dict[str, object]] = defaultdict(dict)
    for e in view.entries:
        key = three_public_item(e.name) or (THREE_PUBLIC_TOTAL if is_total_entry(e) else "")
        if key:
            by_row_names[e.col].setdefault(key, e)
    rows = {three_public_item(text) for (_row, _col), text in view.texts.items()} - {""}
    # the items as rows: the body names two or more of them (a line of the 合计 and one part is a
    # sum too, the other rows blank)
    body_rows = {
        three_public_item(text) for (row, _col), text in view.texts.items() if row >= view.table.header_rows
    } - {""}
    least = 2 if len(body_rows) >= 2 else 3
    lines = [line for line in by_row_names.values() if THREE_PUBLIC_TOTAL in line and len(line) >= least]
    if lines:
        return [(line, rows | set(line)) for line in lines]
    has_other = any(any(w in compact("".join(p)) for w in ("会议费", "培训费")) for p in view.paths)
    by_columns: dict[tuple[int, str], dict[str, object]] = defaultdict(dict)
    printed: dict[str, set[str]] = defaultdict(set)
    for path in view.paths:
        printed[_group(tuple(path))].add(_column_item(tuple(path), has_other))
    for e in view.entries:
        key = _column_item(e.path, has_other)
        if key:
            by_columns[(e.row, _group(e.path))].setdefault(key, e)
    totals = {  # each group's 合计 column
        _group(tuple(p)): c
        for c, p in enumerate(view.paths)
        if _column_item(tuple(p), has_other) == THREE_PUBLIC_TOTAL
    }
    out: list[tuple[dict[str, object], set[str]]] = []
    for (row, group), line in by_columns.items():
        if THREE_PUBLIC_TOTAL not in line and group in totals:  # its 合计 printed blank: 0
            c = totals[group]
            blank = Entry(
                view.table, row, c, "", "合计", view.columns[c], ZERO, "", None, tuple(view.paths[c])
            )
            line = {THREE_PUBLIC_TOTAL: blank, **line}
        if THREE_PUBLIC_TOTAL in line and (len(line) >= 2 or _prints_every_part(printed[group])):
            out.append((line, printed[group] | set(line)))
    return out


def _prints_every_part(printed: set[str]) -> bool:
    """Does a group of a “三公” table whose items are columns print a column for each part of the
    total? Then a line of its 合计 alone, the parts' cells blank, is a sum too (they are 0)."""
    total_parts = next(parts for total, parts in THREE_PUBLIC_SUMS if total == THREE_PUBLIC_TOTAL)
    return all(p in printed or (p == "cars" and {"car_buy", "car_run"} <= printed) for p in total_parts)


def _group(path: tuple[str, ...]) -> str:
    """The header group a “三公” column is under (预算数 / 决算数), '' when none."""
    return compact(path[0]) if len(path) > 1 and not three_public_item(path[0]) else ""


def _column_item(path: tuple[str, ...], has_other: bool) -> str:
    """What a column of a “三公” table whose items are columns holds (``three_public_item``): its
    leaf's item, a 小计's parent's; a bare 合计 is the “三公” total unless the table also prints
    会议费 / 培训费 (its 合计 then holds them too)."""
    items = [compact(p) for p in path if p and compact(p) not in _GENERIC]
    if not items:
        return ""
    leaf = items[-1]
    if leaf in ("小计", "合计"):
        parent = three_public_item(items[-2]) if len(items) >= 2 else ""
        if parent:
            return parent
        return THREE_PUBLIC_TOTAL if leaf == "合计" and len(items) == 1 and not has_other else ""
    return three_public_item(leaf)


def _three_public(by_type: dict[str, list[TableView]], text: _Text) -> list[Finding | None]:
    out: list[Finding | None] = []
    first_line: tuple[TableView, dict[str, object]] | None = None
    for view in by_type.get("three_public", []):
        for line, printed in _three_public_lines(view):
            if first_line is None:
                first_line = (view, line)
            out += _three_public_sums({k: _fig(view, e) for k, e in line.items()}, view.name, printed)
    # the text: its own sums, and its parts against the table's
    for start, sentence in text.sentences():
        if "三公" not in sentence:
            continue
        parts = _text_parts(text, start, sentence)
        if len(parts) < 2:
            continue
        out += _three_public_sums(parts, "说明文字", set(parts))
        if first_line is not None:
            view, line = first_line
            for key, fig in parts.items():
                e = line.get(key)
                if e is not None and key != THREE_PUBLIC_TOTAL:
                    out.append(
                        _compare("three_public_text", _ITEM_NAMES[key], fig, [_fig(view, e)], [view.name])
                    )
        break
    # the table's parts against the economic table's codes
    economic = by_type.get("gpb_expense_economic", [])
    all_lines = [(v, line) for v in by_type.get("three_public", []) for line, _p in _three_public_lines(v)]
    if all_lines and len(economic) == 1:
        econ = economic[0]
        # a code printed on several rows (the dual layout: one per government economic code) adds up
        rows: dict[str, list] = defaultdict(list)
        for e in econ.entries:
            if is_digit_code(e.code) and part_key(e.path) == "合计":
                rows[e.code].append(e)
        for key in ("abroad", "reception", "car_buy", "car_run"):
            codes = THREE_PUBLIC_ITEMS[key][1]
            if not all(c in rows for c in codes):
                continue
            parts = [_fig(econ, x) for c in codes for x in rows[c]]
            # the line of the economic table's year: any line (本年, 上年, 决算数 …) that agrees will do
            found = [
                _compare("three_public_economic", _ITEM_NAMES[key], _fig(v, line[key]), parts,
                         [f"{c} {rows[c][0].name}" for c in codes])
                for v, line in all_lines
                if key in line
            ]  # fmt: skip
            if found and not any(_agrees(f) for f in found):
                out.append(found[0])
    return out


def _three_public_sums(figs: dict[str, Fig], where: str, printed: set[str]) -> list[Finding | None]:
    """The “三公” total = its parts, and the cars' figure = 购置 + 运行, in one line of figures; a part
    the line leaves blank is 0 when the table prints its row or column (``printed``); when it
    does not (a column lost in reading) the sum is not judged. The cars' figure without its own
    total is their sum."""
    out: list[Finding | None] = []
    figs = dict(figs)
    if printed & {"car_buy", "car_run"}:  # the cars' figure is their sum: printed when they are
        printed = printed | {"cars"}
    if "cars" not in figs and ("car_buy" in figs or "car_run" in figs):
        sub = [figs[k] for k in ("car_buy", "car_run") if k in figs]
        figs["cars"] = Fig(
            sum((f.yuan for f in sub), ZERO), sub[0].printed, sub[0].unit, sub[0].where, sub[0].ref
        )
    for total, parts in THREE_PUBLIC_SUMS:
        present = [p for p in parts if p in figs]
        if total not in figs or (total == "cars" and len(present) < 2):
            continue
        if not present and total != THREE_PUBLIC_TOTAL:  # the “三公” total alone: its parts printed blank
            continue
        if not all(p in figs or p in printed for p in parts):
            continue
        zero = Fig(ZERO, "", figs[total].unit, figs[total].where)
        out.append(
            _compare(
                "three_public_sum",
                f"{where}{_ITEM_NAMES[total]}",
                figs[total],
                [figs.get(p, zero) for p in parts],
                [_ITEM_NAMES[p] for p in parts],
            )
        )
    return out


# ------------------------------------------------------------------ 基本支出 = 人员经费 + 公用经费


_BASIC_TYPES = ("gpb_basic_economic", "gpb_basic_function", "gpb_expense_function", "gpb_expense_economic")


def _basic_figures(view: TableView) -> dict[str, Fig]:
    """The table's 基本支出, 人员经费 and 公用经费 totals: on its total row by column, or (a basic
    table printing 人员经费 and 公用经费 side by side) its 人员经费合计 / 公用经费合计 rows."""
    out: dict[str, Fig] = {}
    total_rows = sorted(
        {e.row for e in view.entries if is_total_entry(e) and compact(e.name) in ("合计", "总计")}
    )
    for e in view.entries:
        name = compact(e.name)
        for part in BASIC_PARTS:
            if name in (f"{part}合计", f"{part}支出合计"):
                out.setdefault(part, _fig(view, e))
    if total_rows:
        for e in view.entries:
            if e.row != total_rows[0]:
                continue
            key = part_key(e.path)
            key = BASIC_TOTAL if key == "基本" else key  # a column headed 基本支出
            if key in (BASIC_TOTAL, *BASIC_PARTS):
                out.setdefault(key, _fig(view, e))
            elif key == "合计" and view.table_type.startswith("gpb_basic"):
                out.setdefault(BASIC_TOTAL, _fig(view, e))
    return out


def _basic(by_type: dict[str, list[TableView]], text: _Text) -> list[Finding | None]:
    out: list[Finding | None] = []
    tables = [(v, _basic_figures(v)) for t in _BASIC_TYPES for v in by_type.get(t, [])]
    # one table's 基本支出 against another's 人员经费 + 公用经费: the 基本支出 it prints, else (a
    # table printing only the parts) the sum of its parts
    totals: list[tuple[TableView, Fig]] = [(v, f[BASIC_TOTAL]) for v, f in tables if BASIC_TOTAL in f]
    totals += [
        (v, _summed([f[p] for p in BASIC_PARTS]))
        for v, f in tables
        if BASIC_TOTAL not in f and all(p in f for p in BASIC_PARTS)
    ]
    for v, figs in tables:
        if not all(p in figs for p in BASIC_PARTS):
            continue
        other = next((fig for w, fig in totals if w is not v), None)
        if other is not None:
            out.append(
                _compare("basic_sum", "基本支出", other, [figs[p] for p in BASIC_PARTS], list(BASIC_PARTS))
            )
    # the text: 基本支出x万元，其中人员经费x万元、公用经费x万元
    for start, sentence in text.sentences():
        m = re.search(rf"基本支出(?:预算|决算)?(?:为)?{NUM}{_UNIT}", sentence)
        people = re.search(rf"人员经费(?:支出)?(?:预算|决算)?(?:为)?{NUM}{_UNIT}", sentence)
        public = re.search(rf"公用经费(?:支出)?(?:预算|决算)?(?:为)?{NUM}{_UNIT}", sentence)
        if m and people and public and m.start() < people.start():
            figs = [_sentence_fig(text, start, x) for x in (m, people, public)]
            out.append(_compare("basic_sum", "说明文字基本支出", figs[0], figs[1:], list(BASIC_PARTS)))
        # 机关运行经费 tied to 公用经费 in one sentence
        op = re.search(rf"机关运行经费(?:支出)?(?:预算|决算)?(?:数)?(?:为)?{NUM}{_UNIT}", sentence)
        if op and "公用经费" in sentence:
            public_fig = next((f["公用经费"] for _v, f in tables if "公用经费" in f), None)
            if public_fig is not None:
                out.append(
                    _compare(
                        "operating_expense",
                        "机关运行经费",
                        _sentence_fig(text, start, op),
                        [public_fig],
                        ["公用经费"],
                    )
                )
    return out


def _summed(figs: list[Fig]) -> Fig:
    """Figures of one table added up (where it prints no total of them)."""
    first = figs[0]
    return Fig(sum((f.yuan for f in figs), ZERO), first.printed, first.unit, first.where, first.ref)


def _sentence_fig(text: _Text, start: int, m: re.Match, group: int = 1) -> Fig:
    """The figure a match in one sentence (at ``start`` in the running text) quotes: its number in
    ``group``, its unit in the next."""
    printed, unit = m.group(group), m.group(group + 1)
    places = tuple(place_of(text.paragraphs, text.owner, start + m.start(), start + m.end()))
    return Fig(Decimal(printed.replace(",", "")) * UNIT_SCALE[unit], printed, unit, "说明文字", None, places)


# ------------------------------------------------------------------ the project list


def _project_list(by_type: dict[str, list[TableView]]) -> list[Finding | None]:
    out: list[Finding | None] = []
    lists = by_type.get("project_expense", [])
    if len(lists) != 1:
        return out
    proj = lists[0]
    # the project column the list may add up to: the function / expense tables' (one fund or all),
    # and the summaries' 项目支出 / 专项业务经费支出 items (表1 prints all funds', 表4 the fiscal ones)
    targets = [
        (v, e)
        for t in ("gpb_expense_function", "expense_summary")
        for v in by_type.get(t, [])
        for e in v.entries
        if is_total_entry(e) and part_key(e.path) == "项目"
    ] + [
        (v, e)
        for t in _SUMMARIES
        for v in by_type.get(t, [])
        for e in v.entries
        if side_of(e.path) != "income" and normalize_name(e.name) in _PROJECT_ITEMS
    ]
    found: list[Finding | None] = []
    for column in sorted({e.col for e in proj.entries}):  # 总计, 一般公共预算, … : any column will do
        rows = sorted((e for e in proj.entries if e.col == column), key=lambda e: e.row)
        items = [
            e
            for e, g in zip(rows, nested_groups([e.value for e in rows]), strict=True)
            if not g and not is_total_entry(e)
        ]
        if not items:
            continue
        parts = [_fig(proj, e) for e in items]
        found += [
            _compare("project_list_sum", "项目支出", _fig(v, e), parts, [f"{len(items)}个项目"])
            for v, e in targets
        ]
    if found and not any(_agrees(f) for f in found):
        out.append(found[0])
    return out


# ------------------------------------------------------------------ the summary tables' lines


@dataclass
class _Income:
    """A summary's income lines by fund source (``income_source``): this year's (``now``), the
    carried-over ones (``carried``), and its totals (本年收入合计 …, 收入总计)."""

    now: dict[str, Entry]
    carried: dict[str, Entry]
    totals: list[Entry]


def _income_lines(view: TableView) -> _Income:
    """The lines of a summary's income side (its first amount column), in print order: a source's
    line above the 本年收入合计 and above every 上年结转 line is this year's; one under a 上年结转
    heading (or naming the carry-over itself) is carried over."""
    side = [e for e in view.entries if side_of(e.path) != "expense"]
    first = min((e.col for e in side), default=0)
    out = _Income({}, {}, [])
    state = "now"
    for e in sorted((e for e in side if e.col == first), key=lambda e: e.row):
        name = normalize_name(e.name)
        source = income_source(e.name)
        if name in ("本年收入合计", "收入合计", "本年收入", "收入总计", "总计"):
            out.totals.append(e)
            state = state if name == "本年收入" else "after"
        elif is_carry_over(name):
            state = "carried"
            if source:
                out.carried.setdefault(source, e)
        elif source and state != "after":
            (out.now if state == "now" else out.carried).setdefault(source, e)
    return out


def _column_sources(view: TableView) -> dict[str, Entry]:
    """A 收入总表's total row by the fund source of each column (a 小计 / 金额 column stands for its
    group: 财政拨款收入 › 小计 is 财政拨款); carried-over columns (上年结转结余 › …) left out."""
    rows = sorted({e.row for e in view.entries if is_total_entry(e)})
    out: dict[str, Entry] = {}
    for e in view.entries:
        labels = [compact(p) for p in e.path if p]
        if not rows or e.row != rows[0] or not labels or any(is_carry_over(p) for p in labels):
            continue
        while len(labels) > 1 and labels[-1] in ("小计", "合计", "金额", *_GENERIC):
            labels.pop()
        source = income_source(labels[-1])
        if source:
            out.setdefault(source, e)
    return out


def _line_fig(view: TableView, entries: list[Entry]) -> tuple[Fig, str]:
    """Lines of one table added up, as one figure, and their names as the finding prints them."""
    figs = [_fig(view, e) for e in entries]
    fig = figs[0] if len(figs) == 1 else _summed(figs)
    names = [e.column if is_total_entry(e) or not e.name.strip() else e.name.strip() for e in entries]
    return fig, "＋".join(f"“{n}”" for n in names)


def _same_money(
    what: str, a: TableView, mine: list[list[Entry]], b: TableView, theirs: list[list[Entry]]
) -> Finding | None:
    """One figure printed in two tables: ``mine`` and ``theirs`` are each table's readings of it
    (a line, or the line with its carried-over part); any pair that agrees settles it, else the
    first reading of each is the finding (``summary_line_mismatch``)."""
    found = []
    for x in mine:
        for y in theirs:
            total, _ = _line_fig(a, x)
            part, names = _line_fig(b, y)
            found.append(_compare("summary_line_mismatch", what, total, [part], [names]))
    return None if not found or any(_agrees(f) for f in found) else found[0]


def _readings(lines: _Income, source: str) -> list[list[Entry]]:
    """A source's figure in one summary: its line, and its line with its carried-over line."""
    line = lines.now.get(source)
    if line is None:
        return []
    carried = lines.carried.get(source)
    return [[line]] + ([[line, carried]] if carried is not None else [])


def _summary_lines(by_type: dict[str, list[TableView]]) -> list[Finding | None]:
    """The 收支总表's income lines against the 财政拨款收支总表's and the 收入总表's columns, and the
    基本支出 / 项目支出 every summary and expense table prints against one another's."""
    out: list[Finding | None] = []
    ies, fiscals = by_type.get("income_expense_summary", []), by_type.get("fiscal_summary", [])
    incomes = by_type.get("income_summary", [])
    if len(ies) == 1:
        ie = ies[0]
        mine = _income_lines(ie)
        for fs in fiscals[:1] if len(fiscals) == 1 else []:
            theirs = _income_lines(fs)
            for source in FISCAL_SOURCES:
                readings = _readings(theirs, source)
                if source in mine.now and readings:
                    what = f"{ie.name}“{mine.now[source].name.strip()}”"
                    out.append(_same_money(what, ie, _readings(mine, source), fs, readings))
            # 财政拨款 as a whole: the 财政拨款收支总表's 财政拨款 line, its 本年收入合计 or its 总计
            if FISCAL in mine.now:
                whole = [[e] for e in ([theirs.now[FISCAL]] if FISCAL in theirs.now else []) + theirs.totals]
                what = f"{ie.name}“{mine.now[FISCAL].name.strip()}”"
                out.append(_same_money(what, ie, [[mine.now[FISCAL]]], fs, whole))
        for inc in incomes[:1] if len(incomes) == 1 else []:
            for source, e in _column_sources(inc).items():
                readings = _readings(mine, source)
                if readings:
                    what = f"{ie.name}“{mine.now[source].name.strip()}”"
                    out.append(_same_money(what, ie, readings, inc, [[e]]))
    out += _kinds_agree(by_type)
    return out


_BASIC_ITEMS = ("基本支出", "人员经费和公用经费支出")
_KIND_TABLES = ("expense_summary", "gpb_expense_function", "income_expense_summary", "fiscal_summary")


def _kinds(view: TableView) -> tuple[Entry | None, dict[str, list[Entry]]]:
    """A table's expenditure total and its 基本支出 / 项目支出 (the cells printing them, added up):
    an expense table's total row by column (基本支出, else its 人员 / 公用 columns under 基本支出;
    项目支出); a summary's expense lines so named (一、基本支出, 1、人员经费和公用经费支出,
    2、专项业务经费支出) or its 本年支出合计 row by column."""
    if view.table_type in _SUMMARIES:
        side = [e for e in view.entries if side_of(e.path) != "income"]
        totals = [e for e in side if normalize_name(e.name) in ("本年支出合计", "支出合计")] or [
            e for e in side if normalize_name(e.name) in ("支出总计", "总计")
        ]
        lines: dict[str, list[Entry]] = {}
        for e in side:
            name = normalize_name(e.name)
            kind = "基本支出" if name in _BASIC_ITEMS else "项目支出" if name in _PROJECT_ITEMS else ""
            if kind and kind not in lines:
                lines[kind] = [e]
        row = [e for e in side if totals and e.row == totals[0].row]
    else:
        rows = sorted({e.row for e in view.entries if is_total_entry(e)})
        row = [e for e in view.entries if rows and e.row == rows[0]]
        totals, lines = row, {}
    if not totals:
        return None, {}
    total = min(totals, key=lambda e: e.col)
    by_key: dict[str, list[Entry]] = defaultdict(list)
    for e in row:
        if e is not total:
            by_key[part_key(e.path)].append(e)
    basic = (by_key.get("基本支出") or by_key.get("基本") or [])[:1] or [
        e for e in row if e is not total and len(e.path) > 1 and compact(e.path[-2]).startswith("基本支出")
    ]
    found = {"基本支出": basic, "项目支出": by_key.get("项目", [])[:1], **lines}
    return total, {k: v for k, v in found.items() if v}


def _kinds_agree(by_type: dict[str, list[TableView]]) -> list[Finding | None]:
    """基本支出 and 项目支出 of tables holding the same money (their expenditure totals are equal): the
    支出总表's, the 一般公共预算支出表's, the 收支总表's and the 财政拨款收支总表's; each against the
    first table before it (in that order) that prints the figure."""
    out: list[Finding | None] = []
    seen: list[tuple[TableView, Entry, dict[str, list[Entry]]]] = []
    for view in (v for t in _KIND_TABLES for v in by_type.get(t, [])):
        total, kinds = _kinds(view)
        if total is None or not total.value:
            continue
        for kind, entries in kinds.items():
            ref = next((s for s in seen if s[1].value == total.value and kind in s[2]), None)
            if ref is not None:
                what = f"{view.name}{kind}"
                out.append(_same_money(what, view, [entries], ref[0], [ref[2][kind]]))
        seen.append((view, total, kinds))
    return out
