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
* ``figure_altered``  one amount of the 一般公共预算 function table altered.

``EXPECTED`` names the checks that must find each kind (as a warning or an error).
"""

from __future__ import annotations

import copy
import re
from decimal import Decimal

from samples.synth import SynthDoc

KINDS = (
    "table_missing",
    "table_blanked",
    "narrative_changed",
    "year_changed",
    "name_xx",
    "unit_mixup",
    "figure_altered",
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
    raise ValueError(f"unknown plant kind {kind!r}; kinds: {', '.join(KINDS)}")
