"""Tables continued over pages: one join of a table's later parts to its start (rows appended,
each cell keeping its page), used by both readers; when a later part continues the one before
(its title says 续表, the header repeats, or it has the same columns); and, for born-digital
pages, one set of column boundaries for the parts of a borderless table before they are joined.
"""

from __future__ import annotations

import numpy as np

from extract.blocks import is_heading_line
from extract.borderless import (
    block_header_rows,
    block_phrases,
    column_edges,
    form_header_rows,
    grid_from_block,
)
from extract.grid import Block, Grid, block_of, header_rows_of
from extract.indicator_words import starts_project_block
from extract.layout import PageLayout, grid_to_table
from extract.model import Table
from extract.pagetext import Around, describe, is_continued, is_table_title, lines_of
from extract.reasons import Reason, reason
from extract.settings import TABLE_SETTINGS, TableSettings
from extract.vocabulary import nearest_header_label
from extract.words import Word, extent, text_lines


def join_continued(tables: list[Table], settings: TableSettings = TABLE_SETTINGS) -> list[Table]:
    """A table continued on the next page is joined to its start when the continuation repeats the
    header rows or its title says 续表 (and the column count agrees)."""
    out: list[Table] = []
    for t in tables:
        prev = out[-1] if out else None
        if prev is not None and t.n_cols < prev.n_cols:
            _onto_columns(prev, t, settings)
        if prev is not None and _continues(prev, t, settings):
            append_part(prev, t, _repeated_header(prev, t))
            continue
        out.append(t)
    for i, t in enumerate(out, 1):
        t.seq = i
    return out


def _continues(prev: Table, t: Table, settings: TableSettings) -> bool:
    if t.page != prev.page + _pages_spanned(prev) or t.n_cols != prev.n_cols:
        return False
    said = "续表" in t.notes or is_continued(t.title)
    grid_t = t.grid()
    repeats = _repeated_rows(prev, t) > 0
    same_title = bool(t.title) and _bare_title(t.title) == _norm(prev.title)
    # no title, or a line of the repeated header read as one (序号 printed above 项目 | 预算数)
    header_texts = {_norm(c) for r in prev.grid()[: prev.header_rows] for c in r}
    untitled = not t.label and (not t.title or (repeats and _norm(t.title) in header_texts))
    if not said and grid_t and starts_project_block(grid_t[0]):
        return False  # the next project's performance table, not the rest of this one
    # the title repeated on every page over the rest of its rows (烟台's 政策和项目预算绩效目标表: no header
    # repeated, the next project's table opens with its 项目名称 row) is the same table
    return (
        said
        or (repeats and (same_title or untitled))
        or ((untitled or same_title) and _same_columns(prev, t, settings))
    )


def _col_edges(t: Table) -> list[tuple[float, float] | None]:
    """Each column's (left, right) edge from its single-column cells' boxes (median); None for a
    column that holds no such cell (a column a page leaves empty, or one only a spanning header
    cell covers)."""
    edges: list[tuple[float, float] | None] = []
    for col in range(t.n_cols):
        boxes = [c.bbox for c in t.cells if c.col == col and c.colspan == 1 and c.bbox and c.text]
        edges.append(
            (float(np.median([b[0] for b in boxes])), float(np.median([b[2] for b in boxes])))
            if boxes
            else None
        )
    return edges


def _same_columns(prev: Table, t: Table, settings: TableSettings) -> bool:
    """A table with no title of its own on the next page, with the same column boundaries: the
    rest of ``prev`` (a table broken by the page end, header not repeated, no title or unit line
    of its own). Columns either part leaves empty are not compared; at least two must be."""
    a, b = _col_edges(prev), _col_edges(t)
    if len(a) != len(b):
        return False
    pairs = [(p, q) for p, q in zip(a, b, strict=True) if p is not None and q is not None]
    if len(pairs) < 2:
        return False
    known = [e for e in a if e is not None]
    width = (known[-1][1] - known[0][0]) or 1.0
    tol = settings.same_columns_ratio * width
    return all(abs(p[0] - q[0]) <= tol and abs(p[1] - q[1]) <= tol for p, q in pairs)


def _onto_columns(prev: Table, t: Table, settings: TableSettings) -> None:
    """An untitled part on the next page with fewer columns, each spanning a run of ``prev``'s (the
    合计 row alone on the last page, its label cell merged over the code and name columns): its
    cells are set on ``prev``'s columns (col and colspan), so that it joins as the same columns.
    Left as it is unless every cell's edges meet ``prev``'s column edges and only a row's first
    cell spans several, or, in a part under ``prev``'s title repeated (烟台 prints it on every page),
    a cell spans as ``prev``'s cells in those columns do (a performance table's value merged over
    指标值 | 备注 on every page)."""
    titled = bool(t.title) and _bare_title(t.title) != _norm(prev.title)
    if titled or t.label or t.page != prev.page + _pages_spanned(prev) or not t.cells:
        return
    edges = _col_edges(prev)
    if any(e is None for e in edges):
        return
    known = [e for e in edges if e is not None]
    tol = settings.same_columns_ratio * ((known[-1][1] - known[0][0]) or 1.0)
    placed: list[tuple[int, int]] = []
    for c in t.cells:
        if c.bbox is None:
            return
        first = [i for i, e in enumerate(known) if abs(e[0] - c.bbox[0]) <= tol]
        last = [i for i, e in enumerate(known) if abs(e[1] - c.bbox[2]) <= tol]
        if len(first) != 1 or len(last) != 1 or last[0] < first[0]:
            return
        placed.append((first[0], last[0] - first[0] + 1))
    # only a row's label may span (合计 over code and name); a part whose other cells span several
    # columns is some other layout (a performance table's merged cells), left to the other rules
    first_col = {}
    for c in t.cells:
        first_col[c.row] = min(first_col.get(c.row, c.col), c.col)
    # under the title repeated, a cell may span as ``prev``'s do (an untitled part's merged cells may be
    # some other layout: levels glued to the indicator's name over the name's columns)
    spans = {(c.col, c.colspan) for c in prev.cells if c.colspan > 1} if t.title else set()
    if any(
        span > 1 and c.col != first_col[c.row] and (col, span) not in spans
        for c, (col, span) in zip(t.cells, placed, strict=True)
    ):
        return
    for c, (col, span) in zip(t.cells, placed, strict=True):
        c.col, c.colspan = col, span


def _pages_spanned(t: Table) -> int:
    return 1 + sum(1 for n in t.notes if isinstance(n, Reason) and n.code == "continued.rows")


def _norm(s: str) -> str:
    return "".join(s.split())


def _bare_title(title: str) -> str:
    """A continuation's title without its spaces and its (续表) mark: the title it continues."""
    return _norm(title).replace("（续表）", "").replace("(续表)", "")


def _norm_row(row: list[str]) -> list[str]:
    return [_norm(c) for c in row]


def _repeated_rows(prev: Table, t: Table) -> int:
    """How many rows on top of ``t`` repeat ``prev``'s header: all of it, or its lower rows (its top
    lines read as ``t``'s title and label lines), with the rows that follow it there (a 栏次 row);
    0 when ``t`` does not repeat the header down to its last row."""
    hr = prev.header_rows
    grid_prev = [_norm_row(r) for r in prev.grid()]
    grid_t = [_norm_row(r) for r in t.grid()]
    best = 0
    for s in range(hr):
        m = 0
        while s + m < len(grid_prev) and m < len(grid_t) and any(grid_t[m]) and grid_t[m] == grid_prev[s + m]:
            m += 1
        if m and s + m >= hr:
            best = max(best, m)
    return best


def _repeated_header(prev: Table, t: Table) -> int:
    """The rows on top of ``t`` that are no body rows of ``prev``: the header of ``prev`` (or its
    lower rows) when ``t`` repeats it, else ``t``'s own header rows down to the last that names a
    column: a header label of the vocabulary, or one of ``prev``'s header words (a header printed
    again, worded or laid out apart). Rows above ``t``'s first amount that name none are the body
    going on (a performance table's 效益指标 | 可持续影响指标 | … | 定性 | 长期 continued on the next
    page), never dropped."""
    repeated = _repeated_rows(prev, t)
    if repeated or not t.header_rows:
        return repeated
    words = {_norm(c) for r in prev.grid()[: prev.header_rows] for c in r if c.strip()}
    grid = t.grid()
    named = [
        r
        for r in range(min(t.header_rows, len(grid)))
        if any(_norm(c) in words or nearest_header_label(c) for c in grid[r] if c.strip())
    ]
    return named[-1] + 1 if named else 0


def append_part(start: Table, part: Table, skip: int = 0) -> None:
    """The join of a table continued over pages: ``part``'s rows from ``skip`` on appended under
    ``start``'s, each cell keeping its own page, each row doubted (``row_issues``) still doubted; a
    note names the rows each page gave, ``part``'s other notes are kept, the confidence is the lower one."""
    offset = start.n_rows - skip
    first = start.n_rows
    for c in part.cells:
        if c.row < skip:
            continue
        c.row += offset
        if part.page != start.page:
            c.page = part.page
        start.cells.append(c)
    for row, why in part.row_issues.items():  # a row the reader doubted stays doubted in the join
        if row >= skip:
            start.row_issues.setdefault(row + offset, why)
    start.notes.append(reason("continued.rows", page=part.page, first=first, last=start.n_rows - 1))
    start.confidence = min(start.confidence, part.confidence)
    start.notes.extend(n for n in part.notes if n != "续表" and n not in start.notes)


def share_columns(
    layouts: list[tuple[PageLayout, float, bool]], settings: TableSettings = TABLE_SETTINGS
) -> list[Table]:
    """The pages' tables, a borderless table continued over pages joined into one: its parts get
    one set of column boundaries, from the x-projection of all of them (a page of it alone may
    leave a column empty or hold only left-aligned text in one column and right-aligned numbers
    in the next); the header a later part repeats is dropped, the rest of it are body rows.
    Text-layer pages only; other tables as they are."""
    chains: list[list[tuple[int, int]]] = []  # (page index, grid index)
    for p, (layout, _, text) in enumerate(layouts):
        if not text or not layout.grids:
            continue
        first = layout.grids[0]
        prev = layouts[p - 1] if p > 0 else None
        orphan = _orphan_heading(prev[0], settings) if prev is not None and prev[2] else None
        if orphan is not None:  # the title printed at the foot of the page before starts this table
            t = layout.tables[0]
            if not t.title and not t.label:
                t.title, t.label = orphan.title, orphan.label
                t.unit = t.unit or orphan.unit
        if (
            orphan is None
            and prev is not None
            and prev[2]
            and prev[0].grids
            and chains
            and chains[-1][-1] == (p - 1, len(prev[0].grids) - 1)
            and not first.ruled
            and not prev[0].grids[-1].ruled
            and _continues_block(prev[0].tables[-1], layout.tables[0], prev[0].grids[-1], first, settings)
        ):
            chains[-1].append((p, 0))
        else:
            if not first.ruled:
                chains.append([(p, 0)])
        for k in range(1, len(layout.grids)):
            if not layout.grids[k].ruled:
                chains.append([(p, k)])
    merged: dict[tuple[int, int], Table | None] = {}  # a later part → None (joined to its start)
    for chain in chains:
        if len(chain) < 2:
            continue
        heights = [layouts[p][0].char_h for p, _ in chain]
        ch = sorted(heights)[len(heights) // 2]
        blocks = [block_of(layouts[p][0].grids[k]) for p, k in chain]
        hr = block_header_rows(block_phrases(blocks[0], ch, settings))
        # later parts: the header repeated on top is dropped; the rest are body rows
        blocks = blocks[:1] + [_without_header(b, blocks[0], hr) for b in blocks[1:]]
        given: list[int | None] = [None] + [0] * (len(blocks) - 1)
        edges = column_edges(blocks, ch, given, settings)
        form = form_header_rows(blocks[0], ch, edges, settings)
        if form is not None:  # a performance table's project fields hid its indicator columns
            given[0] = form
            edges = column_edges(blocks, ch, given, settings)
        parts: list[Table] = []
        for (p, k), block, hr_k in zip(chain, blocks, given, strict=True):
            layout, scale, _ = layouts[p]
            old = layout.tables[k]
            grid = grid_from_block(block, ch, edges, hr_k, settings)
            table = grid_to_table(grid, Around(old.title, old.label, old.unit, False, []), old.page, scale)
            table.notes = list(old.notes)
            layout.grids[k] = grid
            layout.tables[k] = table
            parts.append(table)
        merged[chain[0]] = _join_parts(parts)
        merged.update(dict.fromkeys(chain[1:]))
    out: list[Table] = []
    for p, (layout, _, _) in enumerate(layouts):
        for k, t in enumerate(layout.tables):
            key = (p, k)
            if key not in merged:
                out.append(t)
            elif merged[key] is not None:
                out.append(merged[key])  # type: ignore[arg-type]
    return out


def _words_key(rows: list[list[Word]]) -> list[str]:
    """The rows' characters, sorted: the same header however a page's text was cut into words
    (合计 as one word on one page, 合 and 计 on the next)."""
    return sorted("".join("".join(w.text.split()) for r in rows for w in r))


def _without_header(block: Block, first: Block, hr: int) -> Block:
    """A later part of a table without the header it repeats from the first part, or the top
    rows of that header it repeats (the same words, however its lines were grouped into rows on
    each page)."""
    if hr <= 0:
        return block
    wants = [_words_key(first.rows[:j]) for j in range(1, hr + 1)]
    want = wants[-1]
    cut = 0
    for m in range(1, len(block.rows)):
        have = _words_key(block.rows[:m])
        if have in wants:
            cut = m  # the header, or its top rows (a performance table's project block repeated)
        if len(have) >= len(want):
            break
    if cut:
        rows = block.rows[cut:]
        return Block(rows, extent([w for r in rows for w in r]))
    return block


def _join_parts(parts: list[Table]) -> Table:
    """The parts of a table continued over pages as one table (their repeated header already
    dropped): later parts' rows appended, their cells keeping their own page."""
    first = parts[0]
    for t in parts[1:]:
        append_part(first, t)
    first.header_rows = header_rows_of(first.grid())
    return first


def _orphan_heading(layout: PageLayout, settings: TableSettings) -> Around | None:
    """A table's label, title or unit alone at the foot of a page, below its last table (the
    table itself starts on the next page), or None. A title is a line in a larger font or, in any
    font, a line that reads as a table's title (培训费明细表: ends with 表, no sentence, no 见下表)."""
    bottom = layout.grids[-1].box[3] if layout.grids else -1e9
    below = [w for w in layout.words if w.box[1] > bottom]
    if not below:
        return None
    if not any(
        is_heading_line(ln, layout.char_h, settings) or is_table_title("".join(w.text for w in ln))
        for ln in text_lines(below)
    ):
        return None
    around = describe((0.0, 1e9, 1e9, 1e9), lines_of(below), bottom)
    return around if around.title or around.label else None


def _continues_block(prev: Table, t: Table, prev_grid: Grid, grid: Grid, settings: TableSettings) -> bool:
    """A borderless table first on its page continues the last one of the page before (to share
    its columns): its title says 续表, repeats the title, or it has none and its column
    boundaries agree; and the two overlap horizontally."""
    a, b = prev_grid.box, grid.box
    overlap = min(a[2], b[2]) - max(a[0], b[0])
    if overlap < settings.continued_overlap_ratio * min(a[2] - a[0], b[2] - b[0]):
        return False
    if is_continued(t.title):
        return True
    grid_t = t.grid()
    if grid_t and starts_project_block(grid_t[0]):
        return False  # the next project's performance table, not the rest of this one
    if _bare_title(t.title) == _norm(prev.title):
        return True
    return not t.title and not t.label and _edges_agree(prev_grid, grid, settings)


def _edges_agree(prev_grid: Grid, grid: Grid, settings: TableSettings) -> bool:
    """An untitled table continues the one before only in its columns: most of its column
    boundaries fall where the earlier part has one (another table drawn with its own widths does
    not line up)."""
    a = sorted({c.box[0] for c in prev_grid.cells} | {c.box[2] for c in prev_grid.cells})
    b = sorted({c.box[0] for c in grid.cells} | {c.box[2] for c in grid.cells})[1:-1]
    if not b:
        return True
    hs = [w.height for c in grid.cells for w in c.words]
    tol = settings.edges_tol_ch * (sorted(hs)[len(hs) // 2] if hs else settings.edges_default_px)
    near = sum(1 for x in b if any(abs(x - y) <= tol for y in a))
    return near >= settings.edges_agree_ratio * len(b)
