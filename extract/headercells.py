"""The header of a borderless table: its text lines' phrases joined into units (wrapped labels),
each placed on the run of columns it is centred on, levels from what lies under what."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from extract.grid import GridCell, column_finder
from extract.settings import TABLE_SETTINGS, TableSettings
from extract.words import Box, Word, extent, phrases, text_lines


def leaf_phrases(
    row: list[Word], char_h: float, settings: TableSettings = TABLE_SETTINGS
) -> list[list[Word]]:
    """The phrases of a header row (a wrapped label's lines together) that have no phrase of a
    lower line under them (a group label over its sub-headers is left out)."""
    cells = [(ph, extent(ph)) for ph in _header_units(row, char_h, settings)]
    out = []
    for ph, (a, _, b, bot) in cells:
        mid = (min(w.box[1] for w in ph) + bot) / 2
        below = any(
            o is not ph and oy0 >= mid + settings.leaf_below_ch * char_h and min(b, ob) - max(a, oa) > 0
            for o, (oa, oy0, ob, _) in cells
        )
        if not below:
            out.append(ph)
    return out


@dataclass
class _HeadCell:
    """A header cell being built: its words, the run of columns lo..hi it covers, its level."""

    words: list[Word]
    lo: int
    hi: int
    row: int = 0
    level: int = 0

    @property
    def cy(self) -> float:
        return (min(w.box[1] for w in self.words) + max(w.box[3] for w in self.words)) / 2


def header_cells(
    rows: list[list[Word]],
    body: list[list[list[Word]]],
    edges: list[float],
    char_h: float,
    settings: TableSettings = TABLE_SETTINGS,
) -> tuple[list[GridCell], int]:
    """Header cells over the body's columns, and the number of header rows they take.

    Each header text line's phrases are placed on the run of columns they are centred on: a
    leaf label on its own column, a group label (基本支出 over 人员经费 / 公用经费) on the run of
    columns with header text under it. Centring is judged against the columns' printed extents
    (``_column_bounds``: right-aligned amounts and left-aligned names fix one side of a column,
    its centred leaf label the other). Phrases of consecutive lines on the same run are one
    wrapped cell. A cell's level is one below the lowest cell above it whose run holds its own
    (never above a cell of an earlier header row); it reaches down to the next cell under it,
    a leaf label to the last header row."""
    nc = len(edges) - 1
    if not any(rows):
        return [], 0
    col_of = column_finder(edges)
    phs: list[list[Word]] = []
    row_of: list[int] = []  # each unit's header row (a wrapped cell never crosses rows)
    for r, row in enumerate(rows):
        units = _header_units(row, char_h, settings)
        phs.extend(units)
        row_of.extend([r] * len(units))
    ext = [extent(ph) for ph in phs]
    mid_y = [(e[1] + e[3]) / 2 for e in ext]
    cols = [col_of((e[0] + e[2]) / 2) for e in ext]
    bounds = [float(x) for x in _column_bounds(edges, body, phs, ext, col_of, char_h, settings)]
    tol = max(settings.centre_tol_min_px, settings.centre_tol_ch * char_h)
    overlap = settings.level_overlap_ch * char_h
    child_line = settings.child_line_ch * char_h
    bottom = max(e[3] for e in ext)
    # a label with no header text under it reaches the last header row
    leaf = [
        not any(f[1] >= e[3] - overlap and min(e[2], f[2]) > max(e[0], f[0]) for f in ext if f is not e)
        for e in ext
    ]
    runs: list[tuple[int, int]] = []
    for i, (a, y0, b, y1) in enumerate(ext):
        m = (a + b) / 2

        def level_with(j: int) -> bool:
            """A leaf label centred on this one's rows and all under them (a sibling spanning
            them: 合计 beside 基本支出 over 人员经费), not only on the rows under it."""
            full, under = (y0 + bottom) / 2, (y1 + bottom) / 2  # noqa: B023 - used in this pass
            return leaf[j] and abs(mid_y[j] - full) < abs(mid_y[j] - under)

        own = cols[i]
        ca, cb = min(col_of(a + 1), own), max(col_of(b - 1), own)
        # the phrases under this one (not level with it, not above it)
        lower = [
            j for j in range(len(phs)) if j != i and ext[j][1] >= ext[i][3] - overlap and not level_with(j)
        ]
        others = [j for j in range(len(phs)) if j != i and ext[j][3] > ext[i][1] + overlap]
        # its sub-headers: the first line under it, of text under its own
        child_y = min(
            (mid_y[j] for j in lower if min(b, ext[j][2]) > max(a, ext[j][0]) or ca <= cols[j] <= cb),
            default=None,
        )
        # the columns of the phrases on that line or under it (a group label has two or more)
        kids = {cols[j] for j in lower if child_y is not None and mid_y[j] >= child_y - child_line}
        below: set[int] = set()  # columns with a sub-header at that line or under it
        beside: set[int] = set()  # columns with a phrase between (a sibling spanning rows)
        for j in others:
            if child_y is not None and mid_y[j] >= child_y - child_line and not level_with(j):
                below.add(cols[j])
            else:
                beside.add(cols[j])

        def err(lo: int, hi: int) -> float:
            return abs(m - (bounds[lo] + bounds[hi + 1]) / 2)  # noqa: B023 - used in this pass

        groups: list[tuple[float, int, int]] = []  # runs with a sub-header under every column
        for lo in range(0, ca + 1):
            for hi in range(max(cb, lo + 1), nc):
                run = range(lo, hi + 1)
                if (
                    not any(k in beside for k in run)
                    and all(k in below for k in run)
                    and sum(1 for k in kids if lo <= k <= hi) >= 2
                    and all(  # never through a sub-header (a lower group label) under it
                        bounds[lo] - settings.run_margin_ch * char_h <= ext[j][0]
                        and ext[j][2] <= bounds[hi + 1] + settings.run_margin_ch * char_h
                        for j in lower
                        if lo <= cols[j] <= hi
                    )
                ):
                    groups.append((err(lo, hi), lo, hi))
        # columns holding other text of its own header row (not above it); for a label that
        # stands centred over sub-headers, any other text under it
        centred = [g for g in groups if g[0] <= tol]
        row_mates = {cols[j] for j in others if row_of[j] == row_of[i] or centred}
        spans: list[tuple[float, int, int]] = [(err(own, own), own, own)]  # runs over empty ones
        for lo in range(0, ca + 1):
            for hi in range(max(cb, lo + 1), nc):
                if not any(k in row_mates for k in range(lo, hi + 1) if k != own):
                    spans.append((err(lo, hi), lo, hi))
        # a group label: the run it is best centred on (a sibling spanning all header rows may
        # sit level with its sub-headers), of equally good ones the widest
        first = min((e for e, _, _ in centred), default=0.0) + settings.centred_near_ch * char_h
        near = [(hi - lo, -e, lo, hi) for e, lo, hi in centred if e <= first]
        # over empty columns the gaps' middles may tell it too (forms of label and value cells)
        near = near or [
            (hi - lo, -e, lo, hi)
            for e, lo, hi in spans
            if min(e, abs(m - (edges[lo] + edges[hi + 1]) / 2)) <= tol
        ]
        if near:  # (a label over empty neighbours: the widest run it is centred on)
            best = max(near)[2:]
        else:  # the best centred run; of nearly as good ones the widest (the space it fills)
            low = min(e for e, _, _ in groups + spans) + settings.centred_low_ch * char_h
            best = max((hi - lo, -e, lo, hi) for e, lo, hi in groups + spans if e <= low)[2:]
        runs.append(best)
    # consecutive lines of one cell (wrapped text) on the same run
    order = sorted(range(len(phs)), key=lambda i: (ext[i][1], ext[i][0]))
    cells: list[_HeadCell] = []
    for i in order:
        lo, hi = runs[i]
        for c in reversed(cells):
            cb = max(w.box[3] for w in c.words)
            if (c.lo, c.hi, c.row) == (lo, hi, row_of[i]) and 0 <= ext[i][
                1
            ] - cb <= settings.wrap_line_ch * char_h:
                c.words.extend(phs[i])
                break
        else:
            cells.append(_HeadCell(list(phs[i]), lo, hi, row_of[i]))
    # levels: a cell lies under every cell above it whose run holds its own
    # (a cell of a later header row never above one of an earlier row)
    cells.sort(key=lambda c: (c.row, c.cy))
    base = 0
    for k, c in enumerate(cells):
        if k and c.row != cells[k - 1].row:
            base = max(u.level for u in cells[:k]) + 1
        ups = [
            u
            for u in cells[:k]
            if u.lo <= c.lo and c.hi <= u.hi and u.cy <= c.cy - settings.level_above_ch * char_h
        ]
        c.level = max([base, *(u.level + 1 for u in ups)])
    depth = max(c.level for c in cells) + 1
    tops = [
        min((min(w.box[1] for w in c.words) for c in cells if c.level == r), default=0.0)
        for r in range(depth)
    ]
    bots = [
        max((max(w.box[3] for w in c.words) for c in cells if c.level == r), default=0.0)
        for r in range(depth)
    ]
    out: list[GridCell] = []
    taken_rc: set[tuple[int, int]] = set()
    for c in sorted(cells, key=lambda c: (c.level, c.lo)):
        # down to the next cell under it (a leaf label reaches the last header row)
        rowspan = (
            min(
                (u.level for u in cells if u.level > c.level and u.lo <= c.hi and c.lo <= u.hi), default=depth
            )
            - c.level
        )
        keys = {(r, k) for r in range(c.level, c.level + rowspan) for k in range(c.lo, c.hi + 1)}
        if keys & taken_rc:  # two cells on one place: the later joins the earlier
            host = next(
                (
                    o
                    for o in out
                    if o.row <= c.level < o.row + o.rowspan and o.col <= c.lo < o.col + o.colspan
                ),
                None,
            )
            if host is not None:
                host.words.extend(c.words)
                continue
            keys -= taken_rc
        taken_rc |= keys
        y0, y1 = min(w.box[1] for w in c.words), max(w.box[3] for w in c.words)
        out.append(
            GridCell(c.level, c.lo, rowspan, c.hi - c.lo + 1, (edges[c.lo], y0, edges[c.hi + 1], y1), c.words)
        )
    for r in range(depth):
        for k in range(nc):
            if (r, k) not in taken_rc:
                top = tops[r] if tops[r] else tops[0]
                bot = bots[r] if bots[r] else bots[0]
                out.append(GridCell(r, k, 1, 1, (edges[k], top, edges[k + 1], bot), []))
    return out, depth


def _header_units(
    row: list[Word], char_h: float, settings: TableSettings = TABLE_SETTINGS
) -> list[list[Word]]:
    """A header row's phrases, line by line, with the lines wrapped under them joined on."""
    gap = settings.phrase_gap_ch * char_h
    return _wrapped_units([ph for ln in text_lines(row) for ph in phrases(ln, gap)], char_h, settings)


def _wrapped_units(phs: list[list[Word]], char_h: float, settings: TableSettings) -> list[list[Word]]:
    """Header phrases with the lines wrapped under them (a line spacing below, centred or
    starting on the same x) joined to them: one unit each."""
    units: list[list[Word]] = []
    for ph in sorted(phs, key=lambda p: (extent(p)[1], extent(p)[0])):
        a, y0, b, _ = extent(ph)
        for u in reversed(units):
            ua, _, ub, uy1 = extent(u)
            close = 0 <= y0 - uy1 <= settings.unit_wrap_ch * char_h
            same_x = (
                abs((a + b) / 2 - (ua + ub) / 2) <= settings.unit_centre_ch * char_h
                or abs(a - ua) <= settings.unit_start_ch * char_h
            )
            if close and same_x:
                u.extend(ph)
                break
        else:
            units.append(list(ph))
    return units


def _column_bounds(
    edges: list[float],
    body: list[list[list[Word]]],
    head: list[list[Word]],
    head_ext: list[Box],
    col_of: Callable[[float], int],
    char_h: float,
    settings: TableSettings,
) -> list[float]:
    """Where the columns' printed boundaries lie, as far as the text shows: a column of
    right-aligned text (amounts) ends a padding right of its text, a column of left-aligned text
    starts a padding left of it, and a column's lowest header label (centred) is as far from the
    other side; each boundary kept within the gap between its columns' text, the gap's middle
    (``edges``) where nothing tells."""
    nc = len(edges) - 1
    lefts: list[list[float]] = [[] for _ in range(nc)]
    rights: list[list[float]] = [[] for _ in range(nc)]
    lo_txt = [float("inf")] * nc
    hi_txt = [float("-inf")] * nc
    for ps in body:
        for p in ps:
            a, _, b, _ = extent(p)
            c = col_of(a + 1)
            if c != col_of(b - 1):
                continue
            lefts[c].append(a)
            rights[c].append(b)
            lo_txt[c], hi_txt[c] = min(lo_txt[c], a), max(hi_txt[c], b)
    leaf: list[tuple[float, float] | None] = [None] * nc  # (centre y, centre x) of the lowest
    for (a, y0, b, y1), _ in zip(head_ext, head, strict=True):
        c = col_of(a + 1)
        if c != col_of(b - 1):
            continue
        lo_txt[c], hi_txt[c] = min(lo_txt[c], a), max(hi_txt[c], b)
        if leaf[c] is None or (y0 + y1) / 2 > leaf[c][0]:  # type: ignore[index]
            leaf[c] = ((y0 + y1) / 2, (a + b) / 2)
    tol = settings.padding_tol_ch * char_h
    left_of: list[float | None] = [None] * nc  # a column's left boundary as its text tells
    right_of: list[float | None] = [None] * nc
    for c in range(nc):
        if len(lefts[c]) < 2:
            continue
        spread_l = max(lefts[c]) - min(lefts[c])
        spread_r = max(rights[c]) - min(rights[c])
        h = leaf[c][1] if leaf[c] is not None else None
        if spread_r <= tol < spread_l or (spread_r <= tol and spread_l <= tol and c > 0):
            r = max(rights[c])
            right_of[c] = r
            if h is not None and h < r:
                left_of[c] = 2 * h - r
        elif spread_l <= tol < spread_r:
            a = min(lefts[c])
            left_of[c] = a
            if h is not None and h > a:
                right_of[c] = 2 * h - a
    out = list(edges)
    for j in range(nc + 1):
        said = [
            x
            for x in ((right_of[j - 1] if j > 0 else None), (left_of[j] if j < nc else None))
            if x is not None
        ]
        if not said:
            continue
        x = sum(said) / len(said)
        lo = hi_txt[j - 1] if j > 0 else float("-inf")
        hi = lo_txt[j] if j < nc else float("inf")
        out[j] = min(max(x, lo), hi) if lo <= hi else out[j]
    return out
