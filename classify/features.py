"""Features for the trained classifiers: pure functions from tables and indicator rows to text and numbers.

Table type (``table_inputs``): three views of a table —

* ``title``: the title without year, enumerator, bookmarks and 不含上年结转 notes
  (``classify.table_type.normalize_title``), for character n-grams;
* ``context``: the unit line, the header cells and the item names of the first body rows,
  for character n-grams (an untitled or truncated table is typed from these);
* ``numbers``: structure — column and row counts, numeric density, the share of body rows
  whose first cells hold 3/5/7-digit function codes, 301/30101 economic codes, 501 government
  economic codes, unit and project codes, the unit, empty/collapsed flags — plus the rules'
  evidence (``classify.table_type.rule_features``), so the model can lean on them where they hold.

Indicator rows (``indicator_inputs``): the indicator's own words (level3 without a 指标1：
enumerator), its value with digits folded to 0 (``≥95%`` → ``≥00%``), the level cells that
survive (as printed, mangled or empty) and a few value shapes.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from classify.indicators import (
    canonical_level,
    closest_level2,
    compact,
    rule_infer_level2,
    strip_enumerator,
    value_likeness,
)
from classify.table_rules import normalize_title, rule_features
from extract.codes import code_kind
from extract.model import Table
from extract.numbers import normalize, parse_amount

CONTEXT_BODY_ROWS = 12  # item names read from the first body rows
LEVEL_WEIGHT = 8.0  # scale of the recognised-level-name features
RULE_TITLE_WEIGHT = 1.0  # scale of the title rule's answer (3.0 measured no better)
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class TableInputs:
    title: str
    context: str
    numbers: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class IndicatorInputs:
    text: str
    value: str
    levels: str
    numbers: dict[str, float] = field(default_factory=dict)


def _code_of(text: str) -> str:
    s = compact(text)
    kind = code_kind(s)
    if kind is None:
        return ""
    if kind in ("function", "economic", "gov_economic"):
        return f"{kind}{len(s)}"
    return kind


def table_inputs(table: Table) -> TableInputs:
    """The three views of ``table`` the table-type model reads."""
    grid = table.grid()
    header_rows = table.header_rows if table.header_rows else min(1, len(grid))
    header = [compact(c) for row in grid[:header_rows] for c in row]
    body = grid[header_rows:]
    names: list[str] = []
    codes: dict[str, int] = {}
    numeric = 0
    filled = 0
    for row in body:
        row_code = ""
        for c in row[:3]:
            k = _code_of(c)
            if k:
                row_code = k
                break
        if row_code:
            codes[row_code] = codes.get(row_code, 0) + 1
        for c in row:
            s = c.strip()
            if not s:
                continue
            filled += 1
            if parse_amount(s) is not None:
                numeric += 1
        if len(names) < CONTEXT_BODY_ROWS:
            label = next(
                (compact(c) for c in row if c.strip() and parse_amount(c) is None and not _code_of(c)),
                "",
            )
            if label:
                names.append(label[:16])
    context = " ".join(
        [f"U:{table.unit or '-'}", "H:" + "|".join(h for h in header if h), "B:" + "|".join(names)]
    )
    n_body = max(len(body), 1)
    nums: dict[str, float] = {
        "n_cols": min(table.n_cols, 40) / 40,
        "log_cols": math.log1p(table.n_cols) / 4,
        "log_rows": math.log1p(len(body)) / 5,
        "header_rows": min(table.header_rows, 5) / 5,
        "numeric_density": numeric / max(filled, 1),
        "filled_density": filled / max(n_body * max(table.n_cols, 1), 1),
        "empty": float(table.empty),
        "collapsed": float(table.layout == "collapsed"),
        "no_body": float(not body),
        f"unit={table.unit or '-'}": 1.0,
    }
    for kind, n in codes.items():
        nums[f"code={kind}"] = n / n_body
    for key, value in rule_features(table).items():
        # the title rule's answer is scaled up like a recognised level name: where the title is
        # clean it decides, and the damaged-title variants teach the model when not to trust it
        scale = RULE_TITLE_WEIGHT if key.startswith("title=") else 1.0
        nums[f"rule:{key}"] = float(value) * scale
    return TableInputs(normalize_title(table.title), context, nums)


def fold_digits(text: str) -> str:
    return _DIGIT.sub("0", text)


def level_cells_text(level1_cell: str, level2_cell: str) -> str:
    return f"A:{compact(level1_cell) or '-'} B:{compact(level2_cell) or '-'}"


def indicator_inputs(
    level3: str, value: str, level1_cell: str = "", level2_cell: str = "", prev_level2: str = ""
) -> IndicatorInputs:
    """The views of one indicator row the level model reads; level cells may be '' or mangled.

    ``prev_level2`` is the level2 of the indicator row above in the same table, when known:
    templates print the levels in a fixed order, which places rows whose own words say nothing
    (不涉及该指标 / 无) after their level cells were merged away.
    """
    text = compact(strip_enumerator(normalize(level3)))
    v = compact(value)
    nums: dict[str, float] = {
        "value_likeness": value_likeness(value),
        "percent": float(v.endswith("%") or "％" in v),
        "money": float("元" in v),
        "per_unit": float("/" in v and "元" in v),
        "date": float(bool(re.search(r"\d{4}[.\-/年]\d{1,2}|月底|年底|月前|日前|工作日|天内", v))),
        "empty_value": float(not v),
        "short_text": float(len(text) <= 4),
        "not_applicable": float("不涉及" in text or v in ("无", "/", "不涉及")),
        "has_l1": float(bool(compact(level1_cell))),
        "has_l2": float(bool(compact(level2_cell))),
    }
    nums[f"prev={prev_level2 or '-'}"] = 1.0
    guess, conf = rule_infer_level2(level3, value)  # the keyword rules' answer, as a feature
    if guess:
        nums[f"rule={guess}"] = conf
    for side, cell in (("l1", level1_cell), ("l2", level2_cell)):
        label = canonical_level(cell) if cell.strip() else None
        if label:
            # a recognised level name decides: scaled up so regularisation does not spread it over n-grams
            nums[f"{side}=1:{label[0]}"] = LEVEL_WEIGHT
            if label[1]:
                nums[f"{side}=2:{label[1]}"] = LEVEL_WEIGHT
        elif cell.strip():
            near, score = closest_level2(cell)
            if score >= 0.5:
                nums[f"{side}~{near}"] = LEVEL_WEIGHT * score
    return IndicatorInputs(text, fold_digits(v), level_cells_text(level1_cell, level2_cell), nums)
