"""Planted problems: generated disclosures with one known flaw each, for the audit checks.

``narrated(doc)`` gives a generated document its 编制说明: headings stating the body and the year
and the preface's sentences (收入, 一般公共预算拨款支出 with its 基本支出 and 项目支出, “三公”经费),
all from the gold, so a clean document's text agrees with its tables. ``plant(doc, kind)`` returns a
copy with one problem of ``kind`` planted (``None`` when the document cannot carry it, e.g. a blank
“三公” table when the text quotes 0):

* ``table_missing``   the “三公” table (or, without one, the basic-expenditure table) removed;
* ``table_blanked``   the “三公” table's amounts blanked while the text still quotes its total;
* ``narrative_changed`` the text's 收入 figure changed;
* ``year_changed``    the year of the 编制说明 heading changed;
* ``name_xx``         the body's name in the heading replaced by XX局;
* ``unit_mixup``      the text's 收入 figure written in 元 instead of 万元;
* ``figure_altered``  one amount of the 一般公共预算 function table altered;
* ``class_altered``   one function class of the 收支总表 (一、… 支出) altered, its 合计 left;
* ``three_public_part`` the “三公” table's 公务接待费 altered, its total left: in every column of
  its row (a table whose rows are the items), or in its total row's last group (columns the items;
  决算数 beside 预算数). One group, not each: two groups' blank rows altered alike read, in text
  without columns (pdftotext -raw), as the row of another, consistent table (“3 3”: 预算数 合计 3 =
  因公出国 3, 决算数 blank), so no reading could tell the plant from a clean document;
* ``basic_part``      the basic-expenditure table's 公用经费 total altered;
* ``project_item``    one project of the project list altered, its totals left;
* ``fiscal_line_altered`` the 财政拨款收支总表's 一般公共预算 income line altered, its totals left (the
  收支总表 prints the same money).

``EXPECTED`` names the checks that must find each kind (as a warning or an error).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from decimal import Decimal

from extract.relations import income_source, is_carry_over
from samples.synth import SynthDoc
from samples.synth.gold import GoldTable

KINDS = (
    "table_missing",
    "table_blanked",
    "narrative_changed",
    "year_changed",
    "name_xx",
    "unit_mixup",
    "figure_altered",
    "class_altered",
    "three_public_part",
    "basic_part",
    "project_item",
    "fiscal_line_altered",
)
TABLE_RULES = frozenset(
    {"row_sum", "hierarchy", "column_total", "cross_table", "summary_items", "income_expense", "units"}
)
EXPECTED: dict[str, frozenset[str]] = {
    "table_missing": frozenset({"toc_missing", "required_missing"}),
    "table_blanked": frozenset({"narrative_blank_table"}),
    "narrative_changed": frozenset({"narrative_mismatch"}),
    "year_changed": frozenset({"year_mismatch"}),
    "name_xx": frozenset({"placeholder", "name_mismatch"}),
    "unit_mixup": frozenset({"narrative_unit"}),
    "figure_altered": TABLE_RULES | {"narrative_mismatch"},
    # the cross-table checks (classify.cross_checks), each by its own check alone
    "class_altered": frozenset({"function_class_mismatch"}),
    "three_public_part": frozenset({"three_public_sum", "three_public_economic"}),
    "basic_part": frozenset({"basic_sum"}),
    "project_item": frozenset({"project_list_sum"}),
    "fiscal_line_altered": frozenset({"summary_line_mismatch"}),
}
_INCOME = re.compile(r"(预算收入|决算收入)(\d[\d,]*(?:\.\d+)?)万元")
_AMOUNT = re.compile(r"^-?\d[\d,]*(?:\.\d+)?$")


def narrated(doc: SynthDoc) -> SynthDoc:
    """The document with its 编制说明 headings (body and year stated three times) before the preface."""
    out = copy.deepcopy(doc)
    word = "决算" if doc.kind == "final" else "预算"
    out.preface = [
        f"{doc.department}{doc.year}年部门{word}编制说明",
        f"一、{doc.year}年部门{word}收支情况",
        *[line for line in doc.preface if "收入" in line or "支出" in line],
        f"二、{doc.year}年部门{word}公开报表",
    ]
    return out


def _three_public_total(doc: SynthDoc) -> Decimal:
    for line in doc.preface:
        m = re.search(r"三公”经费\S*?(\d[\d,]*(?:\.\d+)?)万元", line)
        if m:
            return Decimal(m.group(1).replace(",", ""))
    return Decimal(0)


def _drop(doc: SynthDoc, table_type: str) -> bool:
    keep = [t for t in doc.tables if t.table_type != table_type]
    if len(keep) == len(doc.tables):
        return False
    doc.tables = keep
    return True


def _altered(text: str, by: Decimal) -> str:
    places = len(text.split(".")[1]) if "." in text else 0
    value = Decimal(text.replace(",", "")) + by
    shown = f"{value:,.{places}f}" if "," in text else f"{value:.{places}f}"
    return shown


def plant(doc: SynthDoc, kind: str) -> SynthDoc | None:
    """A narrated copy of ``doc`` with one problem of ``kind`` (see the module docstring)."""
    out = narrated(doc)
    if kind == "table_missing":
        return out if _drop(out, "three_public") or _drop(out, "gpb_basic_economic") else None
    if kind == "table_blanked":
        tables = [t for t in out.tables if t.table_type == "three_public"]
        if not tables or _three_public_total(out) == 0:
            return None
        for t in tables:
            t.body = [[("" if _AMOUNT.match(c.strip()) and c.strip() else c) for c in row] for row in t.body]
        return out
    if kind in ("narrative_changed", "unit_mixup"):
        for i, line in enumerate(out.preface):
            m = _INCOME.search(line)
            if m:
                if kind == "unit_mixup":
                    new = f"{m.group(1)}{m.group(2)}元"
                else:
                    new = f"{m.group(1)}{_altered(m.group(2), Decimal('137.45'))}万元"
                out.preface[i] = line[: m.start()] + new + line[m.end() :]
                return out
        return None
    if kind == "year_changed":
        out.preface[0] = out.preface[0].replace(f"{doc.year}年", f"{doc.year - 1}年", 1)
        return out
    if kind == "name_xx":
        out.preface[0] = out.preface[0].replace(doc.department, "XX" + doc.department[-1], 1)
        return out
    if kind == "figure_altered":
        for t in out.tables:
            if t.table_type != "gpb_expense_function":
                continue
            cols = [a.col for a in t.amount_cols]
            for row in reversed(t.body):  # a 项 row near the end: its class and the totals disagree then
                for c in cols:
                    if (
                        c < len(row)
                        and _AMOUNT.match(row[c].strip())
                        and Decimal(row[c].replace(",", "")) > 0
                    ):
                        row[c] = _altered(
                            row[c].strip(), Decimal("3") if t.unit == "万元" else Decimal("30000")
                        )
                        return out
        return None
    if kind == "class_altered":
        return out if _alter_class(out) else None
    if kind == "three_public_part":
        return out if _alter_reception(out) else None
    if kind == "basic_part":
        return out if _alter_public(out) else None
    if kind == "project_item":
        for t in out.tables:
            if t.table_type == "project_expense" and t.body:
                return out if _alter_first_amount(t, t.body[-1], 0) else None
        return None
    if kind == "fiscal_line_altered":
        return out if _alter_fiscal_line(out) else None
    raise ValueError(f"unknown plant kind {kind!r}; kinds: {', '.join(KINDS)}")


def _by(t) -> Decimal:
    return Decimal("3") if t.unit == "万元" else Decimal("30000")


def _alter_first_amount(t, row: list[str], start: int, every: bool = False) -> bool:
    """Alter the first amount of ``row`` from column ``start`` on (``every``: all of them)."""
    done = False
    for c in range(start, len(row)):
        if _AMOUNT.match(row[c].strip()):
            row[c] = _altered(row[c].strip(), _by(t))
            done = True
            if not every:
                break
    return done


def _line_amounts(doc: SynthDoc, table_type: str) -> Iterator[tuple[GoldTable, list[str], str, int]]:
    """(table, row, name cell, column of its amount) for every cell of the ``table_type`` tables'
    rows that has a cell after it: the amount is the first cell after the name, past a 行次."""
    for t in doc.tables:
        if t.table_type != table_type:
            continue
        index = {i for header in t.header for i, c in enumerate(header) if "行次" in c}
        for row in t.body:
            for i, cell in enumerate(row[:-1]):
                yield t, row, cell, next((j for j in range(i + 1, len(row)) if j not in index), len(row) - 1)


def _alter_first(doc: SynthDoc, table_type: str, names: Callable[[str], bool]) -> bool:
    """The first positive amount of a line of the ``table_type`` tables whose name ``names`` accepts, altered."""
    for t, row, cell, j in _line_amounts(doc, table_type):
        amount = row[j].strip()
        if names(cell) and _AMOUNT.match(amount) and Decimal(amount.replace(",", "")) > 0:
            row[j] = _altered(amount, _by(t))
            return True
    return False


def _alter_class(doc: SynthDoc) -> bool:
    classes = {  # the 类 rows' names: a 3-digit code, then (past the 款 / 项 columns) the name
        next((c.strip() for c in row[1:] if c.strip() and not c.strip().isdigit()), "")
        for t in doc.tables
        if t.table_type == "gpb_expense_function"
        for row in t.body
        if len(row) > 1 and len(row[0].strip()) == 3 and row[0].strip().isdigit()
    }
    return _alter_first(
        doc,
        "income_expense_summary",
        lambda cell: re.sub(r"^[一二三四五六七八九十]+、", "", cell.strip()) in classes,
    )


def _alter_fiscal_line(doc: SynthDoc) -> bool:
    """The 财政拨款收支总表's 一般公共预算 income line (the first amount after its name, past a 行次)."""
    return _alter_first(
        doc, "fiscal_summary", lambda cell: income_source(cell) == "一般公共预算" and not is_carry_over(cell)
    )


def _alter_reception(doc: SynthDoc) -> bool:
    for t in doc.tables:
        if t.table_type != "three_public":
            continue
        for row in t.body:  # the items as rows: every column of the 公务接待费 row
            if any("公务接待" in c for c in row):
                start = next(i for i, c in enumerate(row) if "公务接待" in c) + 1
                return _alter_first_amount(t, row, start, every=True)
        for header in t.header:  # the items as columns: the total row's 公务接待费 of the last group
            cols = [i for i, c in enumerate(header) if "公务接待" in c]
            if cols and t.body and _AMOUNT.match(t.body[0][cols[-1]].strip() or "0"):
                row = t.body[0]
                row[cols[-1]] = _altered(row[cols[-1]].strip() or "0", _by(t))
                return True
    return False


def _alter_public(doc: SynthDoc) -> bool:
    for t in doc.tables:
        if t.table_type != "gpb_basic_economic":
            continue
        for row in t.body:  # 人员经费 and 公用经费 side by side: the 公用经费合计 row
            for i, cell in enumerate(row):
                if "公用经费合计" in cell.replace(" ", ""):
                    return _alter_first_amount(t, row, i + 1)
        cols = [i for header in t.header for i, c in enumerate(header) if "公用经费" in c]
        for row in t.body:
            if cols and any(c.strip() in ("合计", "总计") for c in row):
                return _alter_first_amount(t, row, cols[0])
    return False
