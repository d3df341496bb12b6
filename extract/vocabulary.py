"""The vocabulary of budget tables: the words and row shapes every stage recognises.

One home for each: readers (extract/), classify/ and samples/ import these and keep no
regex or word list of their own for them. Code shapes live in ``extract.codes``, table types
and indicator levels in ``extract.taxonomy``; this module holds the rest:

* total words (合计 / 总计 / 小计) and the shapes of total rows and total columns;
* the column-number row printed under a header (``栏次 1 2 3 …``, ``甲 乙 1 2``) and the
  index headers (序号, 行次, 栏次 …);
* the header row of a performance-target table (一级指标 / 二级指标 / 三级指标 / 指标值);
* the words of a table's title (表 labels, 单位 lines).
"""

from __future__ import annotations

import re

from extract.numbers import normalize
from extract.taxonomy import LEVEL2

# ---------------------------------------------------------------- totals

TOTAL_WORDS = ("合计", "总计", "小计")
GRAND_TOTAL_WORDS = ("合计", "总计")  # the whole table's total (a 小计 totals its siblings only)

# a column or row label that is a total: ends in 合计 / 总计 / 小计
TOTAL_SUFFIX = re.compile(r"(?:合计|小计|总计)$")
# a row printing the whole table's total, as its name
TOTAL_ROW = re.compile(r"^(?:合计|总计|本年合计|金额合计|收入合计|支出合计)$")
# a row naming a total of one part of the table (人员经费合计, 本年收入合计, 支出总计, …)
NAMED_TOTAL_ROW = re.compile(r"^(?:.{0,8}合计|.{0,8}总计)$")
# a column holding the row's total: 合计, 总计, and 本年收入合计 / 本年支出合计 / 支出合计 of 决算 tables
TOTAL_COLUMN = re.compile(r"^(?:本年)?(?:收入|支出)?(?:合计|总计)$")


def is_total_row_name(name: str) -> bool:
    """Is ``name`` the name of a table's total row (合计, 总计, 本年合计, 收入合计 …)?"""
    return bool(TOTAL_ROW.match(compact(name)))


def is_total_column(name: str) -> bool:
    """Does a column named ``name`` hold the row's total (合计, 本年支出合计 …)?"""
    return bool(TOTAL_COLUMN.match(compact(name)))


# ---------------------------------------------------------------- 栏次 rows and index headers

# marks printed in a column-number row beside or instead of the numbers
COLUMN_MARKS = frozenset({"栏次", "甲", "乙", "丙", "丁", "戊"})
# header names of columns that number rows or columns instead of holding data
INDEX_HEADERS = ("序号", "栏次", "行次", "编号", "行号", "次序")


def compact(text: str) -> str:
    """All whitespace removed (also the ideographic space)."""
    return "".join(text.split())


def is_column_number_row(cells: list[str]) -> bool:
    """``栏次 1 2 3 …`` / ``甲 乙 1 2 3``: column numbers printed under the header.

    At least two filled cells; consecutive numbers, with a mark (栏次, 甲 …) or at least three
    numbers."""
    texts = [compact(normalize(c)) for c in cells]
    texts = [t for t in texts if t]
    if len(texts) < 2:
        return False
    numbers = [t for t in texts if t not in COLUMN_MARKS]
    if len(texts) - len(numbers) == 0 and len(numbers) < 3:
        return False
    if not all(t.isdecimal() for t in numbers):
        return False
    values = [int(t) for t in numbers]
    return values == list(range(values[0], values[0] + len(values))) if values else True


# ---------------------------------------------------------------- performance-target tables

INDICATOR_LABELS = ("一级指标", "二级指标", "三级指标")
# header words that stand beside the level labels in the indicator header row
INDICATOR_VALUE_HEADERS = ("指标值", "指标内容", "绩效指标描述", "指标名称")


def is_indicator_header_row(cells: list[str]) -> bool:
    """The 一级指标 | 二级指标 | 三级指标 | 指标值 row of a performance-target table: two level labels,
    or one beside a value header (指标值, 指标内容 …)."""
    texts = {compact(c) for c in cells}
    hits = sum(1 for label in INDICATOR_LABELS if label in texts)
    return hits >= 2 or (hits == 1 and bool(texts & set(INDICATOR_VALUE_HEADERS)))


def indicator_header_index(rows: list[list[str]]) -> int | None:
    """Index of the 一级指标/二级指标/三级指标 row of a performance table, or None."""
    for i, row in enumerate(rows):
        if is_indicator_header_row(row):
            return i
    return None


# ---------------------------------------------------------------- text readers (collapsed, aligned)

# header words printed beside the indicator values of a performance-target table (分值 | 权重)
INDICATOR_SCORE_HEADERS = ("分值", "权重")
# the canonical columns a performance-target table is read into
PERFORMANCE_COLUMNS = (*INDICATOR_LABELS, "指标值")
# level-2 indicator names as stacked labels print them, without their 指标 (经济效益, 服务对象满意度 …)
LEVEL2_SHORT_NAMES = (
    "经济成本", "社会成本", "生态环境成本", "经济效益", "社会效益", "生态效益", "可持续影响", "服务对象满意度",
)  # fmt: skip
assert all(f"{name}指标" in LEVEL2 for name in LEVEL2_SHORT_NAMES)
# ---- classify


def names_total(name: str) -> bool:
    """Does a column or row label end in a total word (合计 / 小计 / 总计)?"""
    return bool(TOTAL_SUFFIX.search(compact(name)))


def is_named_total_row(name: str) -> bool:
    """Is ``name`` a total row of the table or of one part of it (合计, 人员经费合计, 支出总计 …)?"""
    return bool(NAMED_TOTAL_ROW.match(compact(name)))
