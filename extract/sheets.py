"""Tables from a grid of cells with merged ranges: the rows of a worksheet, or a .docx's body.

Both office readers (``extract.xlsx``, ``extract.docx``) turn their input into a ``SheetGrid``
(row → column → text, merged ranges) and let this module find the tables and what stands around
them:

* ``split_blocks`` cuts the grid into blocks: the text lines before a table (title, unit line,
  编制部门 line, prose), the table's rows, and the notes under it (注：…). Where the reader knows
  the tables (a .docx's ``<w:tbl>``), ``SheetGrid.regions`` gives them; else a table is a run of
  grid rows (two or more filled cells) with the single-cell rows inside it (``…``, a 合计 row merged
  over the code columns, a group label merged over the columns below it);
* ``place_table`` makes a ``Table``: merged ranges become spanning cells, header rows come from
  the merged header (the rows a merge in the first row reaches, the row under a merged group
  label, a 栏次 row after them) or, without one, from the caller's count; title, label (表N) and
  unit from the lines above.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from extract.model import Cell, Table
from extract.numbers import find_unit
from extract.segment import (
    LABEL_RE,
    NOTE_RE,
    STANDALONE_END,
    YEAR_LINE_RE,
    _label_of,
    collapse_ws,
    is_title_like,
)
from extract.text import is_empty_table
from extract.vocabulary import compact, is_column_number_row, is_total_row_name

Merge = tuple[int, int, int, int]  # first row, first col, last row, last col (0-based, inclusive)

__all__ = ["SheetGrid", "GridRow", "SheetBlock", "split_blocks", "place_table"]


@dataclass
class SheetGrid:
    rows: dict[int, dict[int, str]]  # row → column → text (filled cells only, merge anchors)
    merges: list[Merge] = field(default_factory=list)
    regions: list[tuple[int, int]] | None = None  # known tables' row ranges (inclusive); None: inferred

    def __post_init__(self) -> None:
        self.merge_at = {(m[0], m[1]): m for m in self.merges}

    @property
    def n_rows(self) -> int:
        return max((r for r in self.rows), default=-1) + 1

    def filled(self, r: int) -> dict[int, str]:
        return self.rows.get(r, {})

    def line(self, r: int) -> str:
        """A row's cells as one printed line (cells apart by two spaces)."""
        return "  ".join(collapse_ws(t) for _, t in sorted(self.filled(r).items()))


@dataclass
class GridRow:
    index: int  # row in the grid
    texts: dict[int, str]


@dataclass
class SheetBlock:
    above: list[str] = field(default_factory=list)  # lines between the previous table and this one
    rows: list[int] = field(default_factory=list)  # the table's rows in the grid ([] = text only)
    notes: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # every text line of the block, for Document.lines


def _is_meta(texts: list[str]) -> bool:
    """A unit line or the body it was made for: 编制部门：… | 单位：元."""
    return any(find_unit(t) for t in texts) and len(texts) <= 3


def _kind(grid: SheetGrid, r: int) -> str:
    texts = list(grid.filled(r).values())
    if not texts:
        return "blank"
    if _is_meta(texts):
        return "meta"
    return "grid" if len(texts) >= 2 else "line"


def _is_heading(text: str) -> bool:
    """A line that ends a table: a title (ending in 表), a note, a year line or prose."""
    return (
        is_title_like(text)
        or bool(NOTE_RE.match(text))
        or bool(YEAR_LINE_RE.match(text))
        or len(compact(text)) > 60
    )


def _inferred_regions(grid: SheetGrid) -> list[tuple[int, int]]:
    """Tables as runs of grid rows with the single-cell rows that belong to them."""
    kinds = [_kind(grid, r) for r in range(grid.n_rows)]
    regions: list[tuple[int, int]] = []
    r = 0
    while r < len(kinds):
        if kinds[r] != "grid":
            r += 1
            continue
        start = r
        # a group label merged over the columns of the first grid row just below it is a header row
        while start > 0 and kinds[start - 1] == "line" and _is_group_label(grid, start - 1):
            start -= 1
        end = r
        cols = _columns(grid, r)
        j = r + 1
        while j < len(kinds):
            k = kinds[j]
            if k == "grid":
                end = j
                cols = (min(cols[0], _columns(grid, j)[0]), max(cols[1], _columns(grid, j)[1]))
            elif k == "line":
                ((c, text),) = grid.filled(j).items()
                if _is_heading(text):
                    break
                merged = grid.merge_at.get((j, c))
                inside = cols[0] <= c <= cols[1]
                if inside and (
                    is_total_row_name(text)
                    or (merged and merged[3] > merged[1])
                    or _more_grid(grid, kinds, j)
                ):
                    end = j
                elif not _more_grid(grid, kinds, j):
                    break
            elif k == "meta":
                break
            j += 1
        end = max(end, _covered_until(grid, start, end))
        regions.append((start, end))
        r = end + 1
    return regions


def _more_grid(grid: SheetGrid, kinds: list[str], j: int) -> bool:
    """Does a grid row follow row ``j`` before a heading (a title, a note), a meta line or the end?
    Blank rows do not end a table: a template prints empty ruled rows inside it."""
    for i in range(j + 1, len(kinds)):
        k = kinds[i]
        if k == "grid":
            return True
        if k == "meta" or (k == "line" and _is_heading(next(iter(grid.filled(i).values())))):
            return False
    return False


def _is_group_label(grid: SheetGrid, r: int) -> bool:
    ((c, text),) = grid.filled(r).items()
    m = grid.merge_at.get((r, c))
    return bool(m and m[3] > m[1] and not _is_heading(text) and not LABEL_RE.match(text))


def _columns(grid: SheetGrid, r: int) -> tuple[int, int]:
    cols = list(grid.filled(r))
    ends = [grid.merge_at.get((r, c), (r, c, r, c))[3] for c in cols]
    return min(cols), max(ends)


def _covered_until(grid: SheetGrid, start: int, end: int) -> int:
    """The last row a merge anchored in the table's rows reaches."""
    return max(
        (m[2] for m in grid.merges if start <= m[0] <= end and (m[0], m[1]) in _anchors(grid)), default=end
    )


def _anchors(grid: SheetGrid) -> set[tuple[int, int]]:
    return {(r, c) for r, cols in grid.rows.items() for c in cols}


def _lines_of(grid: SheetGrid, rows: range) -> list[str]:
    out: list[str] = []
    for r in rows:
        for text in grid.filled(r).values():
            out.extend(x.strip() for x in text.split("\n") if x.strip())
    return out


def split_blocks(grid: SheetGrid) -> list[SheetBlock]:
    """The grid cut into blocks (see the module docstring); a last block may hold text only."""
    regions = grid.regions if grid.regions is not None else _inferred_regions(grid)
    blocks: list[SheetBlock] = []
    prev_end = -1
    pending_notes: SheetBlock | None = None
    for start, end in regions:
        above_rows = range(prev_end + 1, start)
        above = [grid.line(r) for r in above_rows if grid.filled(r)]
        if pending_notes is not None:  # notes of the previous table come first
            while above and NOTE_RE.match(above[0]):
                pending_notes.notes.append(above.pop(0))
        block = SheetBlock(above=above, rows=[r for r in range(start, end + 1) if grid.filled(r)])
        block.lines = _lines_of(grid, above_rows)
        blocks.append(block)
        pending_notes = block
        prev_end = end
    tail_rows = range(prev_end + 1, grid.n_rows)
    tail = [grid.line(r) for r in tail_rows if grid.filled(r)]
    if pending_notes is not None:
        while tail and NOTE_RE.match(tail[0]):
            pending_notes.notes.append(tail.pop(0))
    if tail:
        blocks.append(SheetBlock(lines=_lines_of(grid, tail_rows)))
    return blocks


def _title(above: list[str]) -> tuple[str, str, str]:
    """(title, label, unit) from the lines above a table."""
    unit = ""
    candidates: list[str] = []
    for line in above:
        for part in line.split("  "):
            unit = unit or find_unit(part)
        if _is_meta([p for p in line.split("  ") if p]) or YEAR_LINE_RE.match(line):
            continue
        candidates.append(line)
    titled = [c for c in candidates if is_title_like(c, STANDALONE_END)]
    title = (
        titled[-1]
        if titled
        else next((c for c in reversed(candidates) if len(compact(c)) <= 60 and "。" not in c), "")
    )
    label = ""
    m = LABEL_RE.match(title)
    if m and m.group(3):
        label, title = _label_of(m.group(1), m.group(2)), m.group(3)
    return collapse_ws(title), label, unit


def _merged_header(grid: SheetGrid, rows: list[int]) -> int:
    """Header rows a merged header shows: from the table's first row, the rows its merges reach and
    the row under a merged group label; then a 栏次 row. 0 when the first row has no merge."""
    first = rows[0]
    anchored = [m for m in grid.merges if m[0] >= first and m[1] in grid.filled(m[0])]
    if not any(m[0] == first and (m[2] > m[0] or m[3] > m[1]) for m in anchored):
        return 0
    last = first
    changed = True
    while changed:
        changed = False
        for m in anchored:
            if m[0] <= last:
                reach = max(m[2], m[2] + 1 if m[3] > m[1] and m[2] == last else m[2])
                if reach > last and reach <= rows[-1]:
                    last, changed = reach, True
    n = sum(1 for r in rows if r <= last)
    while n < len(rows) and is_column_number_row(list(grid.filled(rows[n]).values())):
        n += 1
    return n


HeaderCount = Callable[[list[int], list[list[str]], int], int]


def place_table(block: SheetBlock, grid: SheetGrid, page: int, header_rows: HeaderCount) -> Table:
    """The block's rows as a ``Table`` (``seq=0``): spanning cells, header rows, title, label, unit."""
    rows = block.rows
    index = {r: i for i, r in enumerate(rows)}
    c0 = min(c for r in rows for c in grid.filled(r))
    c1 = max(grid.merge_at.get((r, c), (r, c, r, c))[3] for r in rows for c in grid.filled(r))
    cells: list[Cell] = []
    for r in rows:
        for c, text in sorted(grid.filled(r).items()):
            m = grid.merge_at.get((r, c), (r, c, r, c))
            rowspan = max(1, sum(1 for x in rows if r <= x <= m[2]))
            cells.append(Cell(index[r], c - c0, text, rowspan=rowspan, colspan=min(m[3], c1) - c + 1))
    texts = [["" for _ in range(c1 - c0 + 1)] for _ in rows]
    for cell in cells:
        texts[cell.row][cell.col] = cell.text
    title, label, unit = _title(block.above)
    table = Table(seq=0, title=title, cells=cells, label=label, unit=unit, page=page, notes=list(block.notes))
    table.header_rows = header_rows(rows, texts, _merged_header(grid, rows))
    table.empty = is_empty_table(table, texts)
    return table
