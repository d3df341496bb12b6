"""What a table the reader found holds when it is not a money table: a page of prose, or the list of
bodies that make up a department.

A reader that reads a page as a grid may find "tables" in running text (a part's heading and its
first outline items, a 目录 with dot leaders, an 审签 line) and in a 单位构成 list (序号 | 单位名称 |
备注). ``table_content`` says so, as ``Table.content``, so that classify can type them ``other`` and
``institutions`` (``extract.taxonomy.CONTENT_TYPES``) instead of guessing a money type:

* ``'bodies'``: a column headed 单位名称 / 预算单位 / 部门, no column headed with a money word
  (合计, 预算数, 金额 …, ``extract.vocabulary.MONEY_HEADER``), and no amount outside an index column (序号);
* ``'prose'``: wrapped lines of sentences in one column (figures quoted in them and all), or no amount
  outside index columns and column-number rows, no figure but a year (2026年)
  or an outline number (1.), no indicator level (产出指标 …: a performance table's fragment), a
  title that is not a table's (…表), and either a dot leader (……) in a cell or no money word and no
  listed table title (…表) anywhere;
* ``''`` otherwise.
"""

from __future__ import annotations

import re

from extract.model import Table
from extract.numbers import parse_amount
from extract.taxonomy import LEVEL1, LEVEL2
from extract.vocabulary import (
    BODY_NAME_HEADER,
    DOT_LEADER,
    INDEX_HEADERS,
    MONEY_HEADER,
    compact,
    indicator_header_index,
    is_column_number_row,
)

__all__ = ["table_content"]


def _index_columns(grid: list[list[str]], header_rows: int) -> set[int]:
    return {
        c for row in grid[: max(header_rows, 1)] for c, t in enumerate(row) if compact(t) in INDEX_HEADERS
    }


def _has_amount(grid: list[list[str]], skip_cols: set[int]) -> bool:
    for row in grid:
        if is_column_number_row(row):
            continue
        for c, t in enumerate(row):
            if c not in skip_cols and parse_amount(t) is not None:
                return True
    return False


INDICATOR_LEVELS = frozenset((*LEVEL1, *LEVEL2))
_YEAR_OR_OUTLINE = re.compile(r"\d{4}年度?|^\d{1,2}[.、．]|[（(]\d{1,2}[)）]")


def _other_figure(text: str) -> bool:
    """A figure that is neither a year nor an outline number (a garbled or glued amount, a code)."""
    return any(ch.isdigit() for ch in _YEAR_OR_OUTLINE.sub("", text))


_SENTENCE_MARKS = ("。", "，", "；")


def _running_text(grid: list[list[str]], texts: list[str]) -> bool:
    """Wrapped lines of paragraphs read as a one-column grid: every row holds one cell at most, and at
    least half of them are pieces of sentences (。，；) — figures quoted in the text (25.77万元) make
    no money table."""
    if len(texts) < 2 or any(sum(1 for t in row if t.strip()) > 1 for row in grid):
        return False
    return 2 * sum(any(m in t for m in _SENTENCE_MARKS) for t in texts) >= len(texts)


def table_content(table: Table) -> str:
    """'prose', 'bodies' or '' (see the module docstring)."""
    grid = table.grid()
    if not grid or indicator_header_index(grid) is not None:
        return ""
    texts = [compact(t) for row in grid for t in row if compact(t)]
    if not texts:
        return ""
    header = [compact(t) for row in grid[: max(table.header_rows, 1)] for t in row if compact(t)]
    index_cols = _index_columns(grid, table.header_rows)
    if _has_amount(grid, index_cols):
        return ""
    money = any(MONEY_HEADER.search(t) for t in texts)
    if any(BODY_NAME_HEADER.match(t) for t in header) and not any(MONEY_HEADER.search(t) for t in header):
        return "bodies"
    if table.title.strip().endswith("表"):
        return ""
    if _running_text(grid, texts):
        return "prose"
    if any(_other_figure(t) or t in INDICATOR_LEVELS for t in texts):
        return ""
    if any(DOT_LEADER.search(t) for t in texts):
        return "prose"
    if not money and not any(t.endswith("表") for t in texts):
        return "prose"
    return ""
