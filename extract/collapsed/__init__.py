"""Tables from PDF text whose columns collapsed into single-space runs.

Some PDF-to-text exports (seed 004, 镇安) lose every column position: a row
prints as ``2080107 社会保险业务管理事务 26.52 5.52 21`` and nothing says which
columns the three numbers sat in; headers break over several lines; summary
tables print four column groups side by side on one line; performance tables
print their level labels one character per line.

``parse_block`` turns the lines of one table body into a ``Table``:

* ordinary tables (codes, names, numbers): header fragments joined into a
  header (one or more rows), label columns (code, name, second code, name)
  filled, numbers *packed left* right after the label columns, exactly as
  printed. ``layout='collapsed'``: ``classify.columns.place_columns`` moves the
  numbers into their columns by arithmetic. A ``栏次 1 2 3`` line ends the header and is
  not a row; a line starting with 合计 is a data row only when it prints an amount; a
  leading 序号 column takes the row's serial number; 科目编码 / 科目名称 printed on the
  last header line hang under the group label above them (项目, 功能分类科目).
* side-by-side summary tables (收入 | 支出功能分类 | 部门经济分类 | 政府经济分类):
  each line split into its items, each item placed in its group's
  (item, amount) column pair. Every cell's column is known, so
  ``layout='grid'``; uncertain rows are listed in ``Table.row_issues``.
* performance target tables: a 一级指标 | 二级指标 | 三级指标 | 指标值 grid with
  the project / funds / target rows on top (label, value). ``layout='grid'``.

Pure functions; ``parse_block`` never raises.

Modules, one concept each:

* ``tokens``: lines and tokens (amounts, CJK runs, a cell's tokens joined back);
* ``words``: the header words cells are joined, ended and grouped by;
* ``header``: header fragments, header trees rebuilt the simple way, header cells;
* ``header_solver``: the scored search for the most plausible header tree;
* ``banners``: column-group headings printed above the header line (``pdftotext -raw`` prints a
  header's top row first) hung over their columns;
* ``regular``: ordinary tables (labels filled, numbers packed left);
* ``side_by_side``: the three side-by-side variants (item | amount pairs, 行次 sides, repeated
  label groups);
* ``performance``: performance-target tables.
"""

from __future__ import annotations

import re

from extract.collapsed.header import build_header, header_cells, header_fragments
from extract.collapsed.performance import is_performance, parse_performance, segment_label
from extract.collapsed.regular import parse_regular
from extract.collapsed.side_by_side import (
    banded_header,
    banded_pieces,
    cn_number,
    enumerator,
    parse_banded,
    parse_rownum_sides,
    parse_side_by_side,
    rownum_header,
    rownum_segments,
    side_by_side_header,
    split_items,
)
from extract.collapsed.tokens import join_tokens, to_lines
from extract.model import Cell, Table
from extract.reasons import reason

_FOOTNOTE = re.compile(r"^\s*(备\s*注|注)\s*[:：]")


def parse_block(lines: list[str], first_line: int) -> Table:
    """The table printed by ``lines`` (a table body: header lines and data lines).

    ``first_line`` is the 1-based line number of ``lines[0]`` in the document.
    Returns ``Table(seq=0, title='')``; the caller fills seq, title, label, unit.
    Never raises: an unforeseen input gives a one-column table of its lines and a note.
    """
    try:
        return _parse(lines, first_line)
    except Exception as exc:  # defensive: a reader must not stop on one odd table
        table = Table(seq=0, title="", layout="grid")
        table.notes.append(reason("collapsed.parser_failed", error=f"{type(exc).__name__}: {exc}"))
        row = 0
        for i, raw in enumerate(lines):
            text = str(raw).strip()
            if text:
                table.cells.append(Cell(row, 0, text, line_span=(first_line + i, first_line + i)))
                row += 1
        return table


def _parse(lines: list[str], first_line: int) -> Table:
    all_lines = to_lines(lines, first_line)
    body = [ln for ln in all_lines if ln.text.strip()]
    # footnotes (注：… / 备注：…) end the table; they and what follows become notes
    notes: list[str] = []
    for i, ln in enumerate(body):
        if _FOOTNOTE.match(ln.text) and i > 0:
            notes = [" ".join(x.text.split()) for x in body[i:]]
            body = body[:i]
            break
    if is_performance(body):
        table = parse_performance(all_lines, body)
    elif rownum_header(body) is not None:
        table = parse_rownum_sides(body)
    elif banded_header(body) is not None:
        table = parse_banded(body)
    elif side_by_side_header(body) is not None:
        table = parse_side_by_side(body)
    else:
        table = parse_regular(body)
    table.notes.extend(reason("collapsed.footnote", text=n) for n in notes)
    if all_lines:
        table.line_span = (all_lines[0].no, all_lines[-1].no)
    return table


__all__ = [
    "build_header",
    "banded_header",
    "banded_pieces",
    "cn_number",
    "enumerator",
    "header_cells",
    "header_fragments",
    "is_performance",
    "join_tokens",
    "parse_block",
    "rownum_header",
    "rownum_segments",
    "segment_label",
    "split_items",
]
