"""Tables ruled one way only: ruled columns whose body rows are not ruled (a goods list: the
columns' walls run down the page, no rule between its items), and rows ruled without a vertical
rule (a rule under every row, columns only by alignment).

* Rows from text lines inside the column grid: a grid row whose cells hold amounts stacked on
  several text lines is split into one grid row per text line (a wrapped label's next line stays
  with its row), each of its cells cut at the same heights.
* Columns from alignment inside a row grid: a stack of horizontal rules of one extent with no
  vertical rule (``row_rule_grids``), or a ruled grid of a single column, has its words put into
  columns by the x-gaps its rows share (``extract.borderless``), one table row per ruled row
  (or per text line where a ruled row holds several rows of amounts).

Coordinates: image pixels, y down.
"""

from __future__ import annotations

import numpy as np

from extract.blocks import merge_wrapped
from extract.borderless import grid_from_block
from extract.components import Components, components
from extract.grid import Block, Grid, GridCell
from extract.numbers import is_amount
from extract.settings import TABLE_SETTINGS, TableSettings
from extract.words import Box, Word, text_lines


def row_rule_grids(
    h_mask: np.ndarray,
    grids: list[Grid],
    scale: float,
    settings: TableSettings = TABLE_SETTINGS,
    found: Components | None = None,
) -> list[Grid]:
    """Row grids: ``row_rules_min`` or more horizontal rules of the same extent, stacked at most
    ``row_rule_gap_pt`` apart, outside every ruled grid; one column, one cell per ruled row.
    ``found``: the components of ``h_mask`` when they are known already."""

    cc = found if found is not None else components(h_mask)
    n, stats = cc.n, cc.stats
    min_w = settings.grid_min_width_pt * scale
    segs: list[tuple[float, float, float]] = []  # (y, x0, x1)
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        if w < min_w or h > settings.v_rule_pt * scale:
            continue
        cy = y + h / 2
        inside = any(
            g.box[0] - 2 <= x + w / 2 <= g.box[2] + 2 and g.box[1] - 2 <= cy <= g.box[3] + 2 for g in grids
        )
        if not inside:
            segs.append((float(cy), float(x), float(x + w)))
    segs.sort()
    out: list[Grid] = []
    used = [False] * len(segs)
    for i, (y, x0, x1) in enumerate(segs):
        if used[i]:
            continue
        tol = settings.row_rule_extent_ratio * (x1 - x0)
        stack, last = [i], y
        for j in range(i + 1, len(segs)):
            yj, a, b = segs[j]
            if yj - last > settings.row_rule_gap_pt * scale:
                break
            if not used[j] and abs(a - x0) <= tol and abs(b - x1) <= tol and yj - last > 2:
                stack.append(j)
                last = yj
        if len(stack) < settings.row_rules_min:
            continue
        for j in stack:
            used[j] = True
        ys = [segs[j][0] for j in stack]
        left = float(np.mean([segs[j][1] for j in stack]))
        right = float(np.mean([segs[j][2] for j in stack]))
        cells = [GridCell(r, 0, 1, 1, (left, ys[r], right, ys[r + 1])) for r in range(len(ys) - 1)]
        out.append(Grid((left, ys[0], right, ys[-1]), cells, ruled=True))
    return out


def _amount_lines(words: list[Word]) -> int:
    """How many vertically disjoint text lines of ``words`` hold an amount."""
    spans = sorted((w.box[1], w.box[3]) for w in words if is_amount(w.text))
    count, bottom = 0, -1e9
    for top, bot in spans:
        if top >= bottom - 0.2 * (bot - top):
            count += 1
            bottom = bot
        else:
            bottom = max(bottom, bot)
    return count


def _rows_of(words: list[Word], char_h: float, settings: TableSettings) -> list[list[Word]]:
    """The table rows ``words`` hold: one, unless two or more of their text lines hold amounts;
    then one per text line, a wrapped label's next line (or a number centred beside it) joined."""
    if _amount_lines(words) < 2:
        return [sorted(words, key=lambda w: w.box[0])]
    return merge_wrapped(text_lines(words), char_h, settings)


def split_unruled(grid: Grid, char_h: float, settings: TableSettings = TABLE_SETTINGS) -> Grid:
    """``grid`` (its words assigned) with the rows or columns its rulings leave out: a single
    column → columns from alignment; grid rows holding several rows of amounts → one per text line."""
    if not grid.ruled:
        return grid
    if grid.n_cols == 1:
        return _columns_from_alignment(grid, char_h, settings)
    return _rows_from_lines(grid, char_h, settings)


def _columns_from_alignment(grid: Grid, char_h: float, settings: TableSettings) -> Grid:
    rows: list[list[Word]] = []
    for c in sorted(grid.cells, key=lambda c: c.row):
        if c.words:
            rows.extend(_rows_of(c.words, char_h, settings))
    side_by_side = sum(1 for r in rows if len(r) >= 2)
    if len(rows) < 2 or side_by_side < 2:
        return grid
    return grid_from_block(Block(rows, grid.box), char_h, settings=settings)


def _rows_from_lines(grid: Grid, char_h: float, settings: TableSettings) -> Grid:
    n_rows = grid.n_rows
    # grid row → its table rows (lists of words), where it holds more than one
    split: dict[int, list[list[Word]]] = {}
    for r in range(n_rows):
        here = [c for c in grid.cells if c.row == r and c.rowspan == 1]
        if not any(_amount_lines(c.words) >= 2 for c in here):
            continue
        rows = _rows_of([w for c in here for w in c.words], char_h, settings)
        if len(rows) >= 2:
            split[r] = rows
    if not split:
        return grid
    extra = {r: len(v) - 1 for r, v in split.items()}

    def new_row(r: int) -> int:
        return r + sum(k for q, k in extra.items() if q < r)

    cells: list[GridCell] = []
    for c in grid.cells:
        if c.rowspan == 1 and c.row in split:
            rows = split[c.row]
            cuts = _cuts(c.box, rows)
            for k, ws in enumerate(rows):
                mine = [w for w in c.words if any(w is x for x in ws)]
                box = (c.box[0], cuts[k], c.box[2], cuts[k + 1])
                cells.append(GridCell(new_row(c.row) + k, c.col, 1, c.colspan, box, mine))
            continue
        last = c.row + c.rowspan - 1
        span = new_row(last) + extra.get(last, 0) - new_row(c.row) + 1
        cells.append(GridCell(new_row(c.row), c.col, span, c.colspan, c.box, list(c.words)))
    return Grid(grid.box, cells, ruled=True)


def _cuts(box: Box, rows: list[list[Word]]) -> list[float]:
    """Heights that cut ``box`` into one band per table row: midway between a row's lowest ink and
    the next row's highest."""
    cuts = [box[1]]
    for a, b in zip(rows, rows[1:], strict=False):
        cuts.append((max(w.box[3] for w in a) + min(w.box[1] for w in b)) / 2)
    cuts.append(box[3])
    return cuts
