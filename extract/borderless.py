"""A borderless table's columns and grid: column boundaries from the x-projection of the body
rows (of one block or of all the parts of a table continued over pages), then words → cells,
header cells spanning the columns they centre on (``extract.headercells``)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from extract.grid import Block, Grid, GridCell, column_finder, drop_overlaps, header_rows_of
from extract.headercells import header_cells, leaf_phrases
from extract.settings import TABLE_SETTINGS, TableSettings
from extract.vocabulary import indicator_header_index
from extract.words import Word, extent, phrases


def block_phrases(
    block: Block, char_h: float, settings: TableSettings = TABLE_SETTINGS
) -> list[list[list[Word]]]:
    """Each row of a block cut into phrases (runs of words closer than a cell gap)."""
    gap = settings.phrase_gap_ch * char_h
    return [phrases(sorted(r, key=lambda w: w.box[0]), gap) for r in block.rows]


def block_header_rows(row_phrases: list[list[list[Word]]]) -> int:
    return header_rows_of([["".join(w.text for w in p) for p in ps] for ps in row_phrases])


def form_header_rows(
    block: Block, char_h: float, edges: list[float], settings: TableSettings = TABLE_SETTINGS
) -> int | None:
    """A performance-target table whose project fields (项目名称 … 年度目标, label beside a wide
    value) stand above its 一级指标 | 二级指标 … row hid its indicator columns when they voted as
    body rows: two of that row's labels fall in one column under ``edges``. Then the header runs
    through that row (the fields above it do not vote); the header rows, else None."""
    row_phrases = block_phrases(block, char_h, settings)
    at = indicator_header_index([["".join(w.text for w in p) for p in ps] for ps in row_phrases])
    if not at or at <= block_header_rows(row_phrases) - 1:
        return None
    col_of = column_finder(edges)
    cols = [col_of((extent(p)[0] + extent(p)[2]) / 2) for p in row_phrases[at]]
    return at + 1 if len(set(cols)) < len(cols) else None


def column_edges(
    blocks: Sequence[Block],
    char_h: float,
    header_rows: Sequence[int | None] | None = None,
    settings: TableSettings = TABLE_SETTINGS,
) -> list[float]:
    """Column boundaries of a borderless table from the x-projection of its body rows (all of
    ``blocks``: the parts of one table over several pages; ``header_rows`` per block overrides
    the header rows found from the first amount): a boundary is an x range that (almost) no
    row's phrase covers. The lowest header row votes too (leaf columns); rows above it hold
    spanning cells and do not. A phrase that crosses a boundary only in a few rows (a long label
    running into an empty neighbour) does not remove it; a body cell wrapped over several lines
    (which shows its column's width) does."""
    x0 = min(b.box[0] for b in blocks)
    x1 = max(b.box[2] for b in blocks)
    n = int(x1 - x0) + 3
    cover = np.zeros(n, dtype=np.int32)
    centres = np.zeros(n, dtype=np.int32)
    wrapped = np.zeros(n, dtype=bool)
    body = np.zeros(n, dtype=bool)  # covered by a body row
    labels: list[tuple[int, int]] = []  # the leaf labels' x ranges
    n_rows = 0
    spans: list[tuple[int, float, float, str]] = []  # every voting phrase: (row, x0, x1, text)
    for bi, block in enumerate(blocks):
        row_phrases = block_phrases(block, char_h, settings)
        given = header_rows[bi] if header_rows is not None else None
        hr = block_header_rows(row_phrases) if given is None else given
        # the lowest header row names the leaf columns, unless it holds few wide cells (项目名称 …);
        # of its stacked text lines only the phrases with nothing under them (not group labels)
        leaves = leaf_phrases(block.rows[hr - 1], char_h, settings) if hr > 0 else []
        first = hr - 1 if hr > 0 and len(leaves) >= settings.leaf_labels_min else hr
        start = first if first < len(row_phrases) else 0
        for r, ps in enumerate(row_phrases[start:], start):
            if r == hr - 1:
                ps = leaves
            seen = np.zeros(n, dtype=bool)
            for ph in ps:
                a, _, b, _ = extent(ph)
                spans.append((n_rows, a, b, "".join(w.text for w in ph)))
                seen[int(a - x0) : int(b - x0) + 1] = True
                for w in ph:
                    centres[min(n - 1, max(0, int(w.cx - x0)))] += 1
                if (
                    r >= hr
                    and max(w.cy for w in ph) - min(w.cy for w in ph) > settings.wrapped_cell_ch * char_h
                ):
                    wrapped[int(a - x0) : int(b - x0) + 1] = True
                if r < hr:
                    labels.append((int(a - x0), int(b - x0) + 1))
            cover += seen
            if r >= hr:
                body |= seen
            n_rows += 1
    for a, b in labels:  # a column with only its label (备注): the label is no slack
        if not body[a:b].any():
            wrapped[a:b] = True
    allowed = 0 if n_rows < settings.crossing_rows_min else n_rows // settings.crossing_rows_per
    free = (cover <= allowed) & ~wrapped
    min_gap = max(settings.column_gap_min2_px, int(settings.column_gap_min_ch * char_h))
    runs: list[tuple[float, int]] = []  # (boundary, width of the free run)
    k = 0
    while k < n:
        if free[k]:
            s = k
            while k < n and free[k]:
                k += 1
            if s > 0 and k < n and k - s >= min_gap:
                # the boundary sits in the middle of the uncovered part of the run
                zero = np.flatnonzero(cover[s:k] == cover[s:k].min())
                runs.append((x0 + s + (zero[0] + zero[-1]) / 2, k - s))
        else:
            k += 1
    # a gap far narrower than the table's column gaps and under a character wide is the slack
    # inside one column (wrapped text left-aligned, a short number right-aligned), not a boundary
    typical = float(np.median([w for _, w in runs])) if runs else 0.0
    seps = [
        x
        for x, w in runs
        if w >= settings.column_gap_typical_ratio * typical or w >= settings.column_gap_char_ch * char_h
    ]
    kept: list[float] = []
    cum = np.cumsum(centres)
    for sep in seps:  # a column holding no word's centre is no column
        left = kept[-1] if kept else x0 - 1
        lo, hi = int(left - x0), int(sep - x0)
        if cum[min(n - 1, hi)] - (cum[lo] if lo >= 0 else 0) > 0:
            kept.append(sep)
    # the outer edges lie beyond the text as far as a column's text keeps from its boundary:
    # half the narrowest gap between columns (a full column's text touches both margins), so
    # that a header centred over the outer columns is centred on them
    half = 0.5 * min(w for x, w in runs if x in kept) if kept else 1.0
    half = min(max(1.0, half), settings.outer_margin_max_ch * char_h)
    return _merge_unaligned([x0 - half, *kept, x1 + half], spans, char_h, settings)


def _merge_unaligned(
    edges: list[float], spans: list[tuple[int, float, float, str]], char_h: float, settings: TableSettings
) -> list[float]:
    """Drop a boundary that nothing aligns on: no row has text on both sides of it, the text to
    its right does not start at one x, and the text to its left does not end at one x (one
    column holding short left-aligned text and right-aligned numbers, never side by side)."""
    tol = settings.align_tol_ch * char_h

    def aligned(xs: list[tuple[float, str]]) -> bool:
        """Most of (x, text) share one x, and not only because they are one text repeated (which,
        right-aligned, starts at one x too)."""
        if len(xs) < 2:
            return False
        for x, _ in xs:
            group = {t for v, t in xs if abs(v - x) <= tol}
            if (
                sum(1 for v, _ in xs if abs(v - x) <= tol) >= settings.align_share_ratio * len(xs)
                and len(group) >= 2
            ):
                return True
        return False

    out = list(edges)
    k = 1
    while k < len(out) - 1:
        lo, mid, hi = out[k - 1], out[k], out[k + 1]
        left = [sp for sp in spans if lo <= (sp[1] + sp[2]) / 2 < mid]
        right = [sp for sp in spans if mid <= (sp[1] + sp[2]) / 2 < hi]
        both = {sp[0] for sp in left} & {sp[0] for sp in right}
        if (
            left
            and right
            and not both
            and not aligned([(a, t) for _, a, _, t in right])
            and not aligned([(b, t) for _, _, b, t in left])
        ):
            del out[k]
            continue
        k += 1
    return out


def grid_from_block(
    block: Block,
    char_h: float,
    edges: list[float] | None = None,
    header_rows: int | None = None,
    settings: TableSettings = TABLE_SETTINGS,
) -> Grid:
    """Columns from x-gaps that the body rows share (or the given ``edges``, from the whole
    table); header cells span the columns they centre on. ``header_rows`` overrides the header
    rows found from the first amount (0 for the later part of a table continued over pages)."""
    row_phrases = block_phrases(block, char_h, settings)
    hr = block_header_rows(row_phrases) if header_rows is None else header_rows
    if edges is None:
        edges = column_edges([block], char_h, settings=settings)
        form = form_header_rows(block, char_h, edges, settings) if header_rows is None else None
        if form is not None:
            hr = form
            edges = column_edges([block], char_h, [hr], settings)
    nc = len(edges) - 1
    col_of = column_finder(edges)
    cells: list[GridCell] = []
    depth = 0
    if hr > 0:
        cells, depth = header_cells(block.rows[:hr], row_phrases[hr:], edges, char_h, settings)
    for r, ps in enumerate(row_phrases[hr:], depth):
        top = min(w.box[1] for p in ps for w in p)
        bot = max(w.box[3] for p in ps for w in p)
        used: dict[int, list[Word]] = {}
        for p in ps:
            a, _, b, _ = extent(p)
            c0, c1 = col_of(a + 1), col_of(b - 1)
            if c0 != c1 and len(p) > 1:  # body: words go to their own columns
                for w in p:
                    used.setdefault(col_of(w.cx), []).append(w)
                continue
            # one word over a boundary: a label running on, kept where it starts
            used.setdefault(c0, []).extend(p)
        for c in range(nc):
            cells.append(GridCell(r, c, 1, 1, (edges[c], top, edges[c + 1], bot), used.get(c, [])))
    cells = drop_overlaps(cells)
    box = (min(block.box[0], edges[0] + 1), block.box[1], max(block.box[2], edges[-1] - 1), block.box[3])
    return Grid(box, cells, ruled=False, block=block)
