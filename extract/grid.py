"""A table's cell structure: ``Grid`` (its box and cells, each with grid position, span and box),
words assigned to a grid's cells, empty rows and columns dropped, the header rows a grid holds.

Everything works in image pixels with y growing downwards.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from extract.model import cols_spanned, rows_spanned
from extract.numbers import is_amount
from extract.settings import TABLE_SETTINGS, TableSettings
from extract.words import Box, Word, in_box, split_word


@dataclass
class GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    box: Box
    words: list[Word] = field(default_factory=list)


@dataclass
class Grid:
    """A table's structure: its box, and its cells (each with grid position, span and box)."""

    box: Box
    cells: list[GridCell]
    ruled: bool = True
    block: Block | None = None  # a borderless grid: the text rows it was built from

    @property
    def n_rows(self) -> int:
        return rows_spanned(self.cells)

    @property
    def n_cols(self) -> int:
        return cols_spanned(self.cells)


def header_rows_of(rows: Sequence[Sequence[str]]) -> int:
    """Header rows: the rows before the first row holding an amount or a classification code (a
    code is printed in digits, 201 or 2010601, so it reads as an amount too)."""
    for i, row in enumerate(rows):
        if any(is_amount(c) for c in row if c.strip()):
            return i
    return 0


@dataclass
class Block:
    """A borderless table region: its text lines (rows after wrapping is undone)."""

    rows: list[list[Word]]
    box: Box


def drop_empty_rows(grid: Grid, settings: TableSettings = TABLE_SETTINGS) -> Grid:
    """Remove grid rows and columns where every cell is empty and 1×1 and which are thin next to
    the others (double rules, frames); an empty row or column of full size is part of the table."""
    rows = {c.row for c in grid.cells if c.words or c.rowspan > 1}
    cols = {c.col for c in grid.cells if c.words or c.colspan > 1}
    if not rows or not cols:
        return grid
    rows |= _full_size(grid, rows, True, settings)
    cols |= _full_size(grid, cols, False, settings)
    span_rows = {r for c in grid.cells if c.words for r in range(c.row, c.row + c.rowspan)}
    span_cols = {k for c in grid.cells if c.words for k in range(c.col, c.col + c.colspan)}
    keep_r = sorted(span_rows | rows)
    keep_c = sorted(span_cols | cols)
    rmap = {r: i for i, r in enumerate(keep_r)}
    cmap = {k: i for i, k in enumerate(keep_c)}
    cells = []
    for c in grid.cells:
        if c.row not in rmap or c.col not in cmap:
            continue
        rs = sum(1 for r in range(c.row, c.row + c.rowspan) if r in rmap)
        cs = sum(1 for k in range(c.col, c.col + c.colspan) if k in cmap)
        cells.append(GridCell(rmap[c.row], cmap[c.col], max(1, rs), max(1, cs), c.box, c.words))
    return Grid(grid.box, cells, grid.ruled, grid.block)


def _full_size(grid: Grid, used: set[int], vertical: bool, settings: TableSettings) -> set[int]:
    """Grid rows (or columns) at least ``full_size_ratio`` (a third) as tall (wide) as the median
    used one."""
    size: dict[int, float] = {}
    for c in grid.cells:
        k, span = (c.row, c.rowspan) if vertical else (c.col, c.colspan)
        if span == 1:
            size[k] = (c.box[3] - c.box[1]) if vertical else (c.box[2] - c.box[0])
    ref = [size[k] for k in used if k in size]
    if not ref:
        return set()
    floor = settings.full_size_ratio * float(np.median(ref))
    return {k for k, v in size.items() if v >= floor}


def assign(grid: Grid, words: list[Word], settings: TableSettings = TABLE_SETTINGS) -> list[Word]:
    """Words into the grid's cells by centre (words straddling a wall are split). Returns leftovers."""
    for c in grid.cells:
        c.words = []
    walls = sorted({c.box[0] for c in grid.cells} | {c.box[2] for c in grid.cells})
    rest: list[Word] = []
    gx0, gy0, gx1, gy1 = grid.box
    m, cut = settings.grid_margin_px, settings.wall_cut_margin
    for word in words:
        if not in_box((gx0 - m, gy0 - m, gx1 + m, gy1 + m), word.cx, word.cy):
            rest.append(word)
            continue
        h = max(1.0, word.height)
        cuts = [x for x in walls if word.box[0] + cut * h < x < word.box[2] - cut * h]
        for piece in split_word(word, cuts):
            for c in grid.cells:
                if in_box(c.box, piece.cx, piece.cy):
                    c.words.append(piece)
                    break
            else:
                rest.append(piece)
    return rest


def column_finder(edges: list[float]) -> Callable[[float], int]:
    """x → the column between ``edges`` it lies in (the last column for x beyond the last edge)."""
    nc = len(edges) - 1

    def col_of(x: float) -> int:
        for c in range(nc):
            if x < edges[c + 1]:
                return c
        return nc - 1

    return col_of


def block_of(grid: Grid) -> Block:
    """A borderless grid's rows of words again (to rebuild it with other column edges): the text
    rows it was built from (its header cells' rows are levels of one text row, not text rows)."""
    if grid.block is not None:
        return grid.block
    rows: dict[int, list[Word]] = {}
    for c in grid.cells:
        rows.setdefault(c.row, []).extend(c.words)
    out = [sorted(ws, key=lambda w: w.box[0]) for _, ws in sorted(rows.items()) if ws]
    return Block(out, grid.box)


def drop_overlaps(cells: list[GridCell]) -> list[GridCell]:
    taken: set[tuple[int, int]] = set()
    out = []
    for c in sorted(cells, key=lambda c: (c.row, c.col, -len(c.words))):
        keys = {(c.row, k) for k in range(c.col, c.col + c.colspan)}
        if keys & taken:
            continue
        taken |= keys
        out.append(c)
    return out
