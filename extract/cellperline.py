"""Word-processor exports with one cell per line (seeds 001 and 003).

Each cell is a line starting with a tab; a blank line ends a row. Inside a block:

* a line without a leading tab continues the last cell seen (a paragraph inside a
  merged cell, 001's 绩效目标 text) and is joined to it with a newline;
* ``page number`` lines are word-processor noise and are skipped;
* trailing tabs after a cell's text are kept as a hint: in a row shorter than the
  table, the last cell spans the columns its trailing tabs cover (001's 绩效目标
  text spans the five columns right of its label);
* a body row that a blank line split in two (001 表 “符合政策条件的…落实率” / “100%”)
  is joined again when the consecutive short pieces add up exactly to the width of the
  last header row;
* any other body row with fewer cells than the table has merged cells: its amounts go
  to the columns where the full rows print amounts and its labels to label columns, in
  order, a label spanning the columns it skips (``人员经费合计 | 1,786,402.05`` under
  科目编码 | 科目名称 | 决算数).

Header rows and merged header cells follow ``extract.headers`` (ragged style: an upper
row has fewer cells than the row below). Performance tables keep every cell in source
order, left to right, with only the trailing-tab spans.

``parse_block(lines, first_line)`` → ``Table`` (``seq=0``, ``title=''``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.headers import count_header_rows, increasing_columns, is_performance_grid, stack_header
from extract.model import Cell, Table
from extract.numbers import parse_amount

NOISE = re.compile(r"^\s*(?:page number|PAGE|\[bookmark: _GoBack\]|- ?\d+ ?-)\s*$", re.IGNORECASE)


@dataclass
class RawCell:
    text: str
    first: int  # 1-based line numbers
    last: int
    trailing: int = 0  # tabs after the text


def is_cell_line(line: str) -> bool:
    """A one-cell line: starts with a tab (after optional spaces) and has at most one field."""
    stripped = line.lstrip(" ")
    if not stripped.startswith("\t") or stripped.startswith("\t\t"):
        return False
    return sum(1 for f in stripped.split("\t") if f.strip()) <= 1


def _line_cells(line: str, ln: int) -> list[RawCell]:
    fields = line.lstrip(" ").split("\t")[1:]
    while len(fields) > 1 and not fields[-1].strip():
        fields.pop()
    trailing = len(line.lstrip(" ").split("\t")) - 1 - len(fields)
    cells = [RawCell(f.strip(), ln, ln) for f in fields] or [RawCell("", ln, ln)]
    cells[-1].trailing = trailing
    return cells


def read_rows(lines: list[str], first_line: int) -> list[list[RawCell]]:
    """Group the block's lines into rows of raw cells (no merging yet)."""
    rows: list[list[RawCell]] = []
    current: list[RawCell] = []
    for i, line in enumerate(lines):
        ln = first_line + i
        if NOISE.match(line):
            continue
        if line.lstrip(" ").startswith("\t"):
            current.extend(_line_cells(line, ln))
            continue
        if not line.strip():
            if current:
                rows.append(current)
                current = []
            continue
        target = current[-1] if current else (rows[-1][-1] if rows else None)
        if target is None:
            current.append(RawCell(line.strip(), ln, ln))
        else:
            target.text = f"{target.text}\n{line.strip()}" if target.text else line.strip()
            target.last = ln
    if current:
        rows.append(current)
    return rows


def _join_split_rows(rows: list[list[RawCell]], start: int, width: int) -> list[list[RawCell]]:
    out = rows[:start]
    i = start
    while i < len(rows):
        row = rows[i]
        if len(row) < width:
            total = len(row)
            j = i + 1
            while j < len(rows) and len(rows[j]) < width and total + len(rows[j]) <= width:
                total += len(rows[j])
                j += 1
                if total == width:
                    break
            if total == width and j > i + 1:
                out.append([c for r in rows[i:j] for c in r])
                i = j
                continue
        out.append(row)
        i += 1
    return out


def _place_in_order(r: int, row: list[RawCell], width: int) -> list[Cell]:
    cells = []
    for j, raw in enumerate(row):
        span = 1
        if j == len(row) - 1 and len(row) < width and raw.trailing:
            span = max(1, min(1 + raw.trailing, width - j))
        cells.append(Cell(r, j, raw.text, colspan=span, line_span=(raw.first, raw.last)))
    return cells


def _numeric(text: str) -> bool:
    return parse_amount(text) is not None


def _column_kinds(rows: list[list[RawCell]], width: int) -> list[bool] | None:
    """Per column: do the full-width body rows mostly print amounts there?"""
    full = [r for r in rows if len(r) == width]
    if not full:
        return None
    kinds = []
    for c in range(width):
        filled = [r[c].text for r in full if r[c].text]
        kinds.append(bool(filled) and sum(1 for t in filled if _numeric(t)) * 2 > len(filled))
    return kinds


def _place_short_row(r: int, row: list[RawCell], kinds: list[bool]) -> list[Cell]:
    """A body row with fewer cells than the table (merged cells in the word processor):
    amounts go to amount columns and labels to label columns, in order; a label spans
    the columns it skips (``人员经费合计`` over 科目编码 and 科目名称)."""
    n, k = len(row), len(kinds)

    def cost(i: int, c: int) -> float:
        text = row[i].text
        if not text:
            return 0.05 * abs(c - i)
        return (10.0 if _numeric(text) != kinds[c] else 0.0) + 0.05 * abs(c - i)

    cols = increasing_columns([[cost(i, c) for c in range(k)] for i in range(n)])
    cells = []
    for i, raw in enumerate(row):
        nxt = cols[i + 1] if i + 1 < n else k
        span = nxt - cols[i] if raw.text and not _numeric(raw.text) else 1
        cells.append(Cell(r, cols[i], raw.text, colspan=max(1, span), line_span=(raw.first, raw.last)))
    return cells


def parse_block(lines: list[str], first_line: int) -> Table:
    rows = read_rows(lines, first_line)
    table = Table(seq=0, title="")
    if not rows:
        return table
    texts = [[c.text for c in r] for r in rows]
    header_rows = count_header_rows(texts)
    perf = is_performance_grid(texts)
    width = len(rows[header_rows - 1]) if header_rows else max(len(r) for r in rows)
    rows = _join_split_rows(rows, header_rows, width)
    full = max(len(r) for r in rows)
    cells: list[Cell] = []
    if perf or not header_rows:
        for r, row in enumerate(rows):
            cells.extend(_place_in_order(r, row, width if r >= header_rows else full))
    else:
        for r, slots in enumerate(stack_header(texts[:header_rows])):
            for s in slots:
                raw = rows[r][s.src]
                if s.dropped or not raw.text:
                    continue
                cells.append(
                    Cell(
                        r,
                        s.col,
                        raw.text,
                        rowspan=s.rowspan,
                        colspan=s.colspan,
                        line_span=(raw.first, raw.last),
                    )
                )
        kinds = _column_kinds(rows[header_rows:], full)
        for r in range(header_rows, len(rows)):
            row = rows[r]
            if kinds is not None and 1 < len(row) < full and any(c.text for c in row):
                cells.extend(_place_short_row(r, row, kinds))
            else:
                cells.extend(_place_in_order(r, row, full))
    table.cells = cells
    table.header_rows = header_rows
    table.line_span = (rows[0][0].first, max(c.last for c in rows[-1]))
    return table
