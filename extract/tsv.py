"""Tab-separated table blocks (seeds 000 and 002): one row per line, one cell per tab field.

``parse_block(lines, first_line)`` takes the block's lines as they stand in the
document (``first_line`` = 1-based number of ``lines[0]``) and returns a ``Table``
with ``seq=0`` and ``title=''`` (segmentation fills those). Blank lines are skipped; a
line without a tab inside the block continues the last non-empty cell of the row
above (joined with a newline). Every tab field becomes a cell at its own column —
empty ones included for body rows — so a value printed in a column the header does
not name (000 表7's fifth number under 备注) keeps its position. Header rows and
merged header cells follow ``extract.headers`` (padded style); performance tables keep
every cell where it stands, with no spans.
"""

from __future__ import annotations

from extract.headers import count_header_rows, is_performance_grid, spread_header
from extract.model import Cell, Table


def split_fields(line: str) -> list[str]:
    """The tab fields of a line, each stripped of surrounding whitespace."""
    return [f.strip() for f in line.rstrip("\r\n").split("\t")]


def _rows(lines: list[str], first_line: int) -> tuple[list[list[str]], list[list[int]]]:
    rows: list[list[str]] = []
    numbers: list[list[int]] = []
    for i, line in enumerate(lines):
        ln = first_line + i
        if not line.strip():
            continue
        if "\t" in line:
            rows.append(split_fields(line))
            numbers.append([ln, ln])
        elif rows:
            row = rows[-1]
            j = max((k for k, t in enumerate(row) if t), default=0)
            row[j] = f"{row[j]}\n{line.strip()}" if row[j] else line.strip()
            numbers[-1][1] = ln
        else:
            rows.append([line.strip()])
            numbers.append([ln, ln])
    return rows, numbers


def parse_block(lines: list[str], first_line: int) -> Table:
    rows, numbers = _rows(lines, first_line)
    table = Table(seq=0, title="")
    if not rows:
        return table

    def span(r: int) -> tuple[int, int]:
        return numbers[r][0], numbers[r][1]

    header_rows = count_header_rows(rows)
    perf = is_performance_grid(rows)
    cells: list[Cell] = []
    if header_rows and not perf:
        for r, slots in enumerate(spread_header(rows[:header_rows])):
            for s in slots:
                text = rows[r][s.src]
                if text:
                    cells.append(
                        Cell(r, s.col, text, rowspan=s.rowspan, colspan=s.colspan, line_span=span(r))
                    )
        start = header_rows
    else:
        start = 0
    for r in range(start, len(rows)):
        for c, text in enumerate(rows[r]):
            if perf and r < header_rows and not text:
                continue
            cells.append(Cell(r, c, text, line_span=span(r)))
    table.cells = cells
    table.header_rows = header_rows
    table.line_span = (numbers[0][0], numbers[-1][1])
    return table
