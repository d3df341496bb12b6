"""Ruled tables: horizontal and vertical ruling lines by morphological opening, and the line
structures they form → ``Grid`` (row and column edges from line positions, cells merged where
the wall between them is missing). Works in image pixels; ``scale`` is pixels per PDF point."""

from __future__ import annotations

import math

import numpy as np

from extract.components import Components, components
from extract.grid import Grid, GridCell
from extract.settings import TABLE_SETTINGS, TableSettings
from extract.thinrules import closed_walls, line_hat, thin_rules, without_text_runs


def ruling_masks(
    ink: np.ndarray,
    scale: float,
    settings: TableSettings = TABLE_SETTINGS,
    gray: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical ruling lines (morphological opening with long thin kernels). With
    the page's ``gray``, a thin horizontal rule the adaptive threshold lost beside dark bold text
    (its neighbourhood's mean is as dark as the rule) is found as what it is: a line darker than
    the paper just above and below it (``_thin_dark``); a rule whose ink is lost in part (a dense
    header in small print, a light rule on a header's grey fill) is continued along its own line by
    its ink or its faint line (``_faint_lines``, ``_continued``)."""
    import cv2

    hlen = max(settings.h_rule_min_px, int(settings.h_rule_pt * scale))
    vlen = max(settings.v_rule_min_px, int(settings.v_rule_pt * scale))
    gap = settings.join_px(scale)
    # horizontal rules only: a large character's vertical strokes, grown by the blur the black-hat
    # keeps, are as long as a short vertical rule (and would be erased from the text as one)
    h_ink = ink if gray is None else cv2.bitwise_or(ink, _thin_dark(gray, scale, settings))
    h = cv2.morphologyEx(h_ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (hlen, 1)))
    v = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, vlen)))
    if gray is not None:
        k = settings.ridge_px(scale)
        thin_dark_v = _thin_dark(gray, scale, settings, vertical=True)
        thin_v = thin_dark_v
        fill = _fill(gray, scale, settings)
        filled = bool(fill.any())
        faint_v = _faint_lines(gray, scale, settings, vertical=True) if filled else None
        # on a fill only: its ink or its faint line (off it, a bold stroke is as faint)
        if faint_v is not None:
            thin_v = cv2.bitwise_or(thin_v, cv2.bitwise_and(cv2.bitwise_or(faint_v, ink), fill))
        v = _continued(v, thin_v, vlen, gap)
        # horizontal rules continued as vertical ones are (transposed) by their faint line — a light
        # rule on white paper is lost to the threshold beside the text above it (its window's mean
        # as dark as the rule), its faint line is not — and on a fill by its ink too, …
        h_line = _faint_lines(gray, scale, settings)
        if filled:
            h_line = cv2.bitwise_or(h_line, cv2.bitwise_and(h_ink, fill))
        # … not through a line of text
        h = _continued(h.T, h_line.T, hlen, gap, (ink.T, gap + 2, k, settings.rule_flank_ratio)).T
        h = thin_rules(gray, without_text_runs(h, ink, scale, settings), v, scale, settings, fill)
    h = cv2.dilate(h, cv2.getStructuringElement(cv2.MORPH_RECT, (gap * 3, gap)))
    v = cv2.dilate(v, cv2.getStructuringElement(cv2.MORPH_RECT, (gap, gap * 3)))
    if gray is not None:
        line = cv2.bitwise_or(ink, thin_dark_v)
        # a rule that runs over a fill (a light rule) is bridged by its faint line too
        rules = components(v)  # the vertical rules, once for both
        if faint_v is not None:
            faint = cv2.bitwise_or(line, faint_v)
            line = np.where(_over(rules, fill, k), faint, line).astype(np.uint8)
        flank = (ink, gap + 2, k, settings.rule_flank_ratio)
        reach = int(settings.rule_bridge_pt * scale)
        v = _bridged(v, rules, h, line, gap, reach, settings.rule_bridge_cover, flank)
        v = closed_walls(h, v, scale, settings)  # a wall ends at a rule, not in mid-air
    return h, v


def _bridged(
    v: np.ndarray,
    cc: Components,
    h: np.ndarray,
    line: np.ndarray,
    gap: int,
    reach: int,
    cover: float,
    flank: tuple[np.ndarray, int, int, float],
) -> np.ndarray:
    """Vertical rules ``v`` continued from an end to the horizontal rule next along their own line
    (in ``h``, no farther than ``reach``) where their line (``line``: the ink or the faint line,
    ``_faint_lines``, in the rule's middle columns) is drawn along ``cover`` of the way at least, broken by no more than
    the closing of breaks (``gap`` 3×): a wall across one row (shorter than the opening keeps) whose
    ink is broken beside a digit touching it. A character's stroke in line with a rule is no wall:
    it is shorter than its row (the cell's margins above and below it), ends short of a rule, and
    has its character's other strokes either side of it (``flank``, as ``_continued`` takes it).
    ``cc``: the components of ``v``."""
    if cc.n <= 1 or not h.any():
        return v
    import cv2

    out = v.copy()
    rows = v.shape[0]
    h, line = np.ascontiguousarray(h), np.ascontiguousarray(line)
    for x, y, w, hh, _ in cc.stats[1 : cc.n].tolist():
        # the rows its columns cross a horizontal rule in, and its line is drawn in (cv2.reduce:
        # a few columns of the page at a time, several times numpy's)
        crossing = cv2.reduce(h[:, x : x + w], 1, cv2.REDUCE_MAX).ravel() > 0
        drawn = cv2.reduce(line[:, max(0, x + w // 2 - 1) : x + w // 2 + 2], 1, cv2.REDUCE_MAX).ravel() > 0
        wall = 255 * (v[y : y + hh, x : x + w].max(axis=0) > 0)
        for end, step in ((y + hh, 1), (y - 1, -1)):
            while 0 <= end < rows and crossing[end]:  # through the rule it ends on, row by row
                end += step
            while 0 <= end < rows:
                stop = min(rows, end + reach) if step > 0 else max(-1, end - reach)
                span = np.arange(end, stop, step)
                hits = np.flatnonzero(crossing[span])
                if hits.size == 0:
                    break
                way = drawn[span[: hits[0]]]
                if float(way.mean()) < cover or _longest_break(way) > 3 * gap:
                    break
                a, b = sorted((int(span[0]), int(span[hits[0]])))
                if _flanked(flank, x, a, w, b - a + 1, np.ones(b - a + 1, dtype=bool)):
                    break
                out[a : b + 1, x : x + w] = np.maximum(out[a : b + 1, x : x + w], wall)
                end = int(span[hits[0]])
                while 0 <= end < rows and crossing[end]:
                    end += step
    return out


def _over(cc: Components, fill: np.ndarray, near: int) -> np.ndarray:
    """The columns (a mask of the page) of the rules (their components ``cc``) that run over a fill
    somewhere, or pass or end ``near`` it."""
    out = np.zeros(cc.labels.shape, dtype=bool)
    for i in range(1, cc.n):
        x, y, w, h, _ = cc.stats[i]
        if fill[max(0, y - near) : y + h + near, max(0, x - near) : x + w + near].any():
            out[:, x : x + w] = True
    return out


def _longest_break(drawn: np.ndarray) -> int:
    """The longest run of False in ``drawn``."""
    bounded = np.concatenate(([True], drawn.astype(bool), [True]))
    edges = np.flatnonzero(bounded[1:] != bounded[:-1])  # where each run of False starts and ends
    return int((edges[1::2] - edges[::2]).max()) if edges.size else 0


def _continued(
    v: np.ndarray,
    thin: np.ndarray,
    vlen: int,
    gap: int,
    flank: tuple[np.ndarray, int, int, float] | None = None,
) -> np.ndarray:
    """Vertical rules ``v`` continued by the vertical runs of ``thin`` (the ink or the faint lines,
    ``_faint_lines``) that are ``vlen`` long and go on past one of them in its own line (farther
    than the closing of breaks): a rule the ink lost in a dense header in small print (1 px wide and
    grey there, wiped by the denoising), or a light rule on a header's grey fill, where the same
    rule is ink below it; a rule's ink broken beside a character touching it is one run with its
    faint line where the character leaves it (and the other way round). A thin vertical run on its
    own — a large character's stroke, grown by the blur — is not taken, nor the thin line beside a
    rule's (or a stroke's) own ink. With ``flank`` (ink, near, far, ratio), nor a run that has ink
    on both sides of it, ``near`` to ``far`` pixels off its line, along more than ``ratio`` of its
    new length: the strokes of a line of characters, blurred along into a run, lie between the
    strokes above and below them; a rule has its cells' margins either side."""
    import cv2

    v, thin = np.ascontiguousarray(v), np.ascontiguousarray(thin)
    runs = cv2.morphologyEx(thin, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, vlen)))
    if not runs.any() or not v.any():
        return v
    if not cv2.countNonZero(cv2.bitwise_and(runs, cv2.compare(v, 255, cv2.CMP_LT))):
        return v  # every run lies on the rules already: it can add nothing to them
    cc = components(runs)
    n, labels, stats = cc.n, cc.labels, cc.stats
    vcc = components(v)
    m, vstats = vcc.n, vcc.stats
    rx = vstats[1:m, 0] + vstats[1:m, 2] / 2  # each rule's middle, top and bottom
    ra = vstats[1:m, 1]
    rb = ra + vstats[1:m, 3]
    out = v.copy()
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        cx = x + w / 2
        met = np.flatnonzero((np.abs(cx - rx) <= gap + 1) & (y <= rb + gap) & (ra <= y + h + gap))
        if not met.size:
            continue
        # only where it goes on past the rule, and farther than the closing of breaks: the thin
        # line beside a rule's own ink (or a character's stroke, as long as a rule already) adds
        # nothing — widening a stroke would erase more of its character with the rules
        rows = np.ones(h, dtype=bool)
        for a, b in zip(ra[met].tolist(), rb[met].tolist(), strict=True):
            rows[max(0, a - y) : max(0, b - y)] = False
        if int(rows.sum()) <= 3 * gap:
            continue
        if flank is not None and _flanked(flank, x, y, w, h, rows):
            continue
        piece = (labels[y : y + h, x : x + w] == i) & rows[:, None]
        out[y : y + h, x : x + w][piece] = 255
    return out


def _flanked(
    flank: tuple[np.ndarray, int, int, float], x: int, y: int, w: int, h: int, rows: np.ndarray
) -> bool:
    """Whether the new rows ``rows`` of a vertical run (box ``x, y, w, h``) have ink both left and
    right of it, ``near`` to ``far`` pixels off it, along more than ``ratio`` of them."""
    ink, near, far, ratio = flank
    span = slice(y, y + h)
    left = ink[span, max(0, x - far) : max(0, x - near + 1)].any(axis=1)
    right = ink[span, x + w - 1 + near : x + w + far].any(axis=1)
    both = (left & right)[rows]
    return bool(both.size) and float(both.mean()) > ratio


def _thin_dark(gray: np.ndarray, scale: float, settings: TableSettings, vertical: bool = False) -> np.ndarray:
    """Pixels at least ``rule_ridge_levels`` darker than the paper ``rule_ridge_pt`` above and below
    them (a vertical black-hat): thin horizontal lines, not shaded fills or thick strokes; with
    ``vertical``, darker than the paper left and right of them: thin vertical lines."""
    import cv2

    k = settings.ridge_px(scale)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1) if vertical else (1, k))
    hat = cv2.morphologyEx(gray, cv2.MORPH_BLACKHAT, kernel)
    return cv2.threshold(hat, settings.rule_ridge_levels, 255, cv2.THRESH_BINARY)[1]


def _fill(gray: np.ndarray, scale: float, settings: TableSettings) -> np.ndarray:
    """Where the page is printed on a grey fill (a shaded header): its lightest level near each
    pixel — the page smoothed, its maximum over a square twice ``rule_ridge_pt`` wide (the paper
    between strokes, however dense the print or blurred the scan), the noise's extremes taken out
    by a median four times as wide — ``fill_levels`` darker than the paper's (that level's median)
    and no more than ``fill_max_levels``, over a square four times ``rule_ridge_pt`` wide at least
    (a cell), grown twice ``rule_ridge_pt`` to take in the rules at its edge and inside. The
    median is never computed: only whether it lies below a level, which ``_median_below`` tells
    by a count (``_median_level``)."""
    import cv2

    full = settings.ridge_px(scale)
    # a fill is a cell wide at least: found on the page reduced by a third of ``rule_ridge_pt``
    # (the area's mean is the smoothing), its squares as wide in the page's pixels
    d = max(1, full // 3)
    h, w = gray.shape
    small = (
        cv2.resize(gray, (max(1, w // d), max(1, h // d)), interpolation=cv2.INTER_AREA) if d > 1 else gray
    )
    k = max(1, full // d)
    wide = cv2.getStructuringElement(cv2.MORPH_RECT, (2 * k + 1, 2 * k + 1))
    light = cv2.dilate(small if d > 1 else cv2.GaussianBlur(gray, (5, 5), 0), wide)
    size = 4 * k + 1
    paper = _median_level(light, size)
    darker = _median_below(light, math.ceil(paper - settings.fill_levels), size)
    too_dark = _median_below(light, math.floor(paper - settings.fill_max_levels) + 1, size)
    fill = (darker & ~too_dark).astype(np.uint8)
    cell = cv2.getStructuringElement(cv2.MORPH_RECT, (4 * k + 1, 4 * k + 1))
    mask = cv2.dilate(cv2.morphologyEx(fill * 255, cv2.MORPH_OPEN, cell), wide)
    if not mask.any():
        return np.zeros((h, w), dtype=np.uint8)
    return cv2.resize(mask, (w, h), interpolation=cv2.INTER_NEAREST) if d > 1 else mask


def _median_below(img: np.ndarray, level: int, size: int) -> np.ndarray:
    """Where the median of ``img`` (8-bit) over a ``size`` × ``size`` square (odd; the edge
    replicated, as ``cv2.medianBlur``'s) is below ``level``: where more than half the square is."""
    import cv2

    if level <= 0:
        return np.zeros(img.shape, dtype=bool)
    if level > 255:
        return np.ones(img.shape, dtype=bool)
    below = (img < level).astype(np.uint8)
    count = cv2.boxFilter(below, cv2.CV_16U, (size, size), normalize=False, borderType=cv2.BORDER_REPLICATE)
    return count > size * size // 2


def _median_level(img: np.ndarray, size: int) -> float:
    """The median level (``np.median``) of ``img`` filtered by the median over ``size`` × ``size``
    squares (``cv2.medianBlur``), found level by level from the counts ``_median_below`` gives
    (a binary search over the 256 levels) without filtering."""
    n = img.size
    counts: dict[int, int] = {}

    def below(level: int) -> int:  # how many filtered pixels are below ``level``
        if level not in counts:
            counts[level] = int(np.count_nonzero(_median_below(img, level, size)))
        return counts[level]

    def kth(k: int) -> int:  # the k-th lowest filtered level (0: the lowest)
        lo, hi = 0, 255
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if below(mid) <= k:
                lo = mid
            else:
                hi = mid - 1
        return lo

    return float(kth(n // 2)) if n % 2 else (kth(n // 2 - 1) + kth(n // 2)) / 2


def _faint_lines(
    gray: np.ndarray, scale: float, settings: TableSettings, vertical: bool = False
) -> np.ndarray:
    """Thin horizontal (``vertical``: vertical) lines ``rule_fill_levels`` darker than what lies
    ``rule_ridge_pt`` either side of them, whatever that is: the paper, or the grey fill a header is
    printed on, a light rule on which is as little darker than the fill as the paper's noise is
    (about 25 levels at 150 dpi on a fill of 241). The page is averaged ``rule_ridge_pt`` along the
    line first, which keeps a line's darkness and takes the noise's out (a black-hat of the
    averaged page); a line is then as dark as a speck of noise only in one pixel in many."""
    k = settings.ridge_px(scale)
    return line_hat(gray, k, k, settings.rule_fill_levels, vertical)


def _segments(mask: np.ndarray, horizontal: bool) -> list[tuple[float, float, float]]:
    """Line segments of a mask as (position, start, end): y, x0, x1 for horizontal lines."""

    cc = components(mask)
    n, stats = cc.n, cc.stats
    out = []
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        if horizontal:
            out.append((y + h / 2, float(x), float(x + w)))
        else:
            out.append((x + w / 2, float(y), float(y + h)))
    return out


def _cluster(values: list[float], tol: float) -> list[float]:
    """Positions within ``tol`` of each other merged into their mean."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [float(np.mean(g)) for g in out]


def _row_edges(
    hs: list[tuple[float, float, float]], vs: list[tuple[float, float, float]], tol: float, free: float
) -> list[float]:
    """Row edges from horizontal segments that meet a vertical rule (cross one, or end at one, within
    ``tol``) or are ``free`` long without; the rest — the strokes of bold header text blurred into
    runs, a broken rule's loose pieces — neither make an edge of their own nor pull one off its rule
    (a piece within ``tol`` of an edge is that edge's wall when the walls are checked)."""

    def meets(s: tuple[float, float, float]) -> bool:
        y, x0, x1 = s
        return any(x0 - tol <= vx <= x1 + tol and vy0 - tol <= y <= vy1 + tol for vx, vy0, vy1 in vs)

    return _cluster([s[0] for s in hs if s[2] - s[1] >= free or meets(s)], tol)


def find_grids(
    h_mask: np.ndarray, v_mask: np.ndarray, scale: float, settings: TableSettings = TABLE_SETTINGS
) -> list[Grid]:
    """Ruled tables: connected line structures with at least two rows and two columns."""
    import cv2

    both = cv2.bitwise_or(h_mask, v_mask)
    rows, cols = np.flatnonzero(both.any(axis=1)), np.flatnonzero(both.any(axis=0))
    if rows.size == 0:
        return []
    by, bx = int(rows[0]), int(cols[0])  # label only where lines are (most pages have few)
    cc = components(both[by : int(rows[-1]) + 1, bx : int(cols[-1]) + 1])
    n, labels, stats = cc.n, cc.labels, cc.stats
    grids: list[Grid] = []
    min_w, min_h = settings.grid_min_width_pt * scale, settings.grid_min_height_pt * scale
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        if w < min_w or h < min_h:
            continue
        region = labels[y : y + h, x : x + w] == i
        x, y = x + bx, y + by
        hm = np.where(region, h_mask[y : y + h, x : x + w], 0).astype(np.uint8)
        vm = np.where(region, v_mask[y : y + h, x : x + w], 0).astype(np.uint8)
        grid = _grid_from_masks(hm, vm, scale, (x, y), settings)
        if grid is not None:
            grids.append(grid)
    grids.sort(key=lambda g: (g.box[1], g.box[0]))
    return grids


def _kth(values: list[float], k: int) -> float:
    """The ``k``-th smallest of ``values`` (0: the smallest; the largest when there are fewer)."""
    ordered = sorted(values)
    return ordered[min(k, len(ordered) - 1)]


def _grid_from_masks(
    hm: np.ndarray, vm: np.ndarray, scale: float, origin: tuple[int, int], settings: TableSettings
) -> Grid | None:
    hs = [s for s in _segments(hm, True) if s[2] - s[1] >= settings.h_segment_min_pt * scale]
    vs = [s for s in _segments(vm, False) if s[2] - s[1] >= settings.v_segment_min_pt * scale]
    if len(hs) < 2 or len(vs) < 1:
        return None
    tol = settings.snap_tolerance_pt * scale
    open_side = settings.open_side_pt * scale
    ys = _row_edges(hs, vs, tol, settings.h_free_rule_pt * scale)
    if len(ys) < 2:
        return None
    xs = _cluster([s[0] for s in vs], tol)
    # an open side is where rules reach past the outer line: two of them at least (one stroke of a
    # large character touching the top rule, 单 of 单位：元, is no open row above the table)
    k = settings.open_side_min_rules - 1
    left = _kth([s[1] for s in hs], k)
    right = -_kth([-s[2] for s in hs], k)
    top = _kth([s[1] for s in vs], k)
    bottom = -_kth([-s[2] for s in vs], k)
    if xs[0] - left > open_side:  # open-sided table: the rules reach past the first vertical
        xs.insert(0, left)
    if right - xs[-1] > open_side:
        xs.append(right)
    if ys[0] - top > open_side:
        ys.insert(0, top)
    if bottom - ys[-1] > open_side:
        ys.append(bottom)
    if len(xs) < 2 or len(ys) < 2:
        return None
    nr, nc = len(ys) - 1, len(xs) - 1
    if nr * nc < 2:
        return None
    band = max(settings.wall_band_min_px, int(settings.wall_band_pt * scale))
    cover = settings.wall_cover_ratio

    def vwall(j: int, i: int) -> bool:  # wall at xs[j] between rows ys[i]..ys[i+1]
        x = int(round(xs[j]))
        y0, y1 = int(ys[i] + band), int(ys[i + 1] - band)
        if y1 <= y0:
            return True
        strip = vm[y0:y1, max(0, x - band) : x + band + 1]
        return strip.size > 0 and float((strip.max(axis=1) > 0).mean()) > cover

    def hwall(i: int, j: int) -> bool:  # wall at ys[i] between columns xs[j]..xs[j+1]
        y = int(round(ys[i]))
        x0, x1 = int(xs[j] + band), int(xs[j + 1] - band)
        if x1 <= x0:
            return True
        strip = hm[max(0, y - band) : y + band + 1, x0:x1]
        return strip.size > 0 and float((strip.max(axis=0) > 0).mean()) > cover

    parent = list(range(nr * nc))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for i in range(nr):
        for j in range(nc):
            if j + 1 < nc and not vwall(j + 1, i):
                parent[find(i * nc + j)] = find(i * nc + j + 1)
            if i + 1 < nr and not hwall(i + 1, j):
                parent[find(i * nc + j)] = find((i + 1) * nc + j)
    groups: dict[int, list[tuple[int, int]]] = {}
    for i in range(nr):
        for j in range(nc):
            groups.setdefault(find(i * nc + j), []).append((i, j))
    ox, oy = origin
    cells: list[GridCell] = []
    taken: set[tuple[int, int]] = set()
    for members in sorted(groups.values(), key=lambda m: min(m)):
        r0 = min(r for r, _ in members)
        r1 = max(r for r, _ in members)
        c0 = min(c for _, c in members)
        c1 = max(c for _, c in members)
        if (r0, c0) in taken:
            continue
        taken.update((r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1))
        box = (xs[c0] + ox, ys[r0] + oy, xs[c1 + 1] + ox, ys[r1 + 1] + oy)
        cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, box))
    return Grid((xs[0] + ox, ys[0] + oy, xs[-1] + ox, ys[-1] + oy), cells, ruled=True)
