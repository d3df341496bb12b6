"""Table structure from a page: ruling lines → cells (merged cells too), or words → rows and
columns when the table has no lines; then words → cell text.

Everything here works in image pixels with y growing downwards. ``scale`` is pixels per PDF
point (dpi / 72), so thresholds are written in points and hold at any resolution.

* ``ink_mask``: binarized page (ink = 255), adaptive threshold after a light denoise.
* ``ruling_masks``: horizontal and vertical ruling lines by morphological opening.
* ``find_grids``: line masks → ``Grid`` (row and column edges from line positions, cells merged
  where the wall between them is missing).
* ``words_to_rows``: words → ``Grid``-less tables by alignment (rows from text lines, columns
  from x-gaps shared by the body rows; spanning header cells from centring).
* ``fill``: words → cell texts and confidences, one pass over the words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from extract.model import cols_spanned, rows_spanned
from extract.numbers import is_amount, normalize

Box = tuple[float, float, float, float]
_CODE = re.compile(r"^\d{3}(?:\d{2}){1,3}$|^\d{3}$")


# ---------------------------------------------------------------- shared data


@dataclass
class Word:
    """A piece of text on the page: its box (x0, y0, x1, y1) in pixels and a 0..1 confidence.

    ``chars`` optionally holds per-character x ranges (x0, x1), so a word that straddles a
    cell wall can be split between the cells.
    """

    text: str
    box: Box
    confidence: float = 1.0
    chars: list[tuple[float, float]] | None = None

    @property
    def cx(self) -> float:
        return (self.box[0] + self.box[2]) / 2

    @property
    def cy(self) -> float:
        return (self.box[1] + self.box[3]) / 2

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]


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

    @property
    def n_rows(self) -> int:
        return rows_spanned(self.cells)

    @property
    def n_cols(self) -> int:
        return cols_spanned(self.cells)


def is_code(text: str) -> bool:
    """A classification code as printed in budget tables: 201, 20106, 2010601, 30101."""
    return bool(_CODE.match(normalize(text).replace(" ", "")))


def header_rows_of(rows: Sequence[Sequence[str]]) -> int:
    """Header rows: the rows before the first row holding an amount or a classification code."""
    for i, row in enumerate(rows):
        if any(is_amount(c) or is_code(c) for c in row if c.strip()):
            return i
    return 0


# ---------------------------------------------------------------- pixels → lines


def ink_mask(gray: np.ndarray, scale: float, rendered: bool = False) -> np.ndarray:
    """Binarized page (ink 255, paper 0): median denoise, then adaptive threshold; a page rendered
    from a PDF (no noise, white paper) takes a plain global threshold."""
    import cv2

    if rendered:
        return cv2.threshold(gray, 200, 255, cv2.THRESH_BINARY_INV)[1]

    img = cv2.medianBlur(gray, 3) if scale >= 2.5 else gray
    block = max(15, int(scale * 12) | 1)
    ink = cv2.adaptiveThreshold(img, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 12)
    return ink


def deskew_angle(ink: np.ndarray, limit: float = 5.0) -> float:
    """The page's skew in degrees (|angle| ≤ ``limit``), from the sharpness of row projections."""
    import cv2

    h, w = ink.shape
    f = min(1.0, 900.0 / max(h, w))
    small = cv2.resize(ink, (max(1, int(w * f)), max(1, int(h * f))), interpolation=cv2.INTER_AREA)
    sh, sw = small.shape
    centre = (sw / 2, sh / 2)

    def score(angle: float) -> float:
        m = cv2.getRotationMatrix2D(centre, angle, 1.0)
        rot = cv2.warpAffine(small, m, (sw, sh), flags=cv2.INTER_NEAREST, borderValue=0)
        prof = rot.sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(prof)).sum())

    best = max(np.arange(-limit, limit + 1e-9, 0.5), key=score)
    for step in (0.1, 0.02):
        cands = np.arange(best - 5 * step, best + 5 * step + 1e-9, step)
        best = max(cands, key=score)
    return float(best)


def rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    """The page rotated by ``angle`` degrees about its centre (white fill)."""
    import cv2

    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def ruling_masks(ink: np.ndarray, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical ruling lines (morphological opening with long thin kernels)."""
    import cv2

    hlen = max(10, int(22 * scale))
    vlen = max(8, int(11 * scale))
    gap = max(1, int(0.8 * scale))
    h = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (hlen, 1)))
    v = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, vlen)))
    h = cv2.dilate(h, cv2.getStructuringElement(cv2.MORPH_RECT, (gap * 3, gap)))
    v = cv2.dilate(v, cv2.getStructuringElement(cv2.MORPH_RECT, (gap, gap * 3)))
    return h, v


def _segments(mask: np.ndarray, horizontal: bool) -> list[tuple[float, float, float]]:
    """Line segments of a mask as (position, start, end): y, x0, x1 for horizontal lines."""
    import cv2

    n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
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


def find_grids(h_mask: np.ndarray, v_mask: np.ndarray, scale: float) -> list[Grid]:
    """Ruled tables: connected line structures with at least two rows and two columns."""
    import cv2

    both = cv2.bitwise_or(h_mask, v_mask)
    rows, cols = np.flatnonzero(both.any(axis=1)), np.flatnonzero(both.any(axis=0))
    if rows.size == 0:
        return []
    by, bx = int(rows[0]), int(cols[0])  # label only where lines are (most pages have few)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(
        both[by : int(rows[-1]) + 1, bx : int(cols[-1]) + 1], connectivity=8
    )
    grids: list[Grid] = []
    min_w, min_h = 40 * scale, 12 * scale
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        if w < min_w or h < min_h:
            continue
        region = labels[y : y + h, x : x + w] == i
        x, y = x + bx, y + by
        hm = np.where(region, h_mask[y : y + h, x : x + w], 0).astype(np.uint8)
        vm = np.where(region, v_mask[y : y + h, x : x + w], 0).astype(np.uint8)
        grid = _grid_from_masks(hm, vm, scale, (x, y))
        if grid is not None:
            grids.append(grid)
    grids.sort(key=lambda g: (g.box[1], g.box[0]))
    return grids


def _grid_from_masks(hm: np.ndarray, vm: np.ndarray, scale: float, origin: tuple[int, int]) -> Grid | None:
    hs = [s for s in _segments(hm, True) if s[2] - s[1] >= 15 * scale]
    vs = [s for s in _segments(vm, False) if s[2] - s[1] >= 6 * scale]
    if len(hs) < 2 or len(vs) < 1:
        return None
    tol = 3.0 * scale
    ys = _cluster([s[0] for s in hs], tol)
    xs = _cluster([s[0] for s in vs], tol)
    left = min(s[1] for s in hs)
    right = max(s[2] for s in hs)
    top = min(s[1] for s in vs)
    bottom = max(s[2] for s in vs)
    if xs[0] - left > 6 * scale:  # open-sided table: the rules reach past the first vertical
        xs.insert(0, left)
    if right - xs[-1] > 6 * scale:
        xs.append(right)
    if ys[0] - top > 6 * scale:
        ys.insert(0, top)
    if bottom - ys[-1] > 6 * scale:
        ys.append(bottom)
    if len(xs) < 2 or len(ys) < 2:
        return None
    nr, nc = len(ys) - 1, len(xs) - 1
    if nr * nc < 2:
        return None
    band = max(2, int(1.5 * scale))

    def vwall(j: int, i: int) -> bool:  # wall at xs[j] between rows ys[i]..ys[i+1]
        x = int(round(xs[j]))
        y0, y1 = int(ys[i] + band), int(ys[i + 1] - band)
        if y1 <= y0:
            return True
        strip = vm[y0:y1, max(0, x - band) : x + band + 1]
        return strip.size > 0 and float((strip.max(axis=1) > 0).mean()) > 0.6

    def hwall(i: int, j: int) -> bool:  # wall at ys[i] between columns xs[j]..xs[j+1]
        y = int(round(ys[i]))
        x0, x1 = int(xs[j] + band), int(xs[j + 1] - band)
        if x1 <= x0:
            return True
        strip = hm[max(0, y - band) : y + band + 1, x0:x1]
        return strip.size > 0 and float((strip.max(axis=0) > 0).mean()) > 0.6

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


def drop_empty_rows(grid: Grid) -> Grid:
    """Remove grid rows and columns where every cell is empty and 1×1 and which are thin next to
    the others (double rules, frames); an empty row or column of full size is part of the table."""
    rows = {c.row for c in grid.cells if c.words or c.rowspan > 1}
    cols = {c.col for c in grid.cells if c.words or c.colspan > 1}
    if not rows or not cols:
        return grid
    rows |= _full_size(grid, rows, vertical=True)
    cols |= _full_size(grid, cols, vertical=False)
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
    return Grid(grid.box, cells, grid.ruled)


def _full_size(grid: Grid, used: set[int], vertical: bool) -> set[int]:
    """Grid rows (or columns) at least a third as tall (wide) as the median used one."""
    size: dict[int, float] = {}
    for c in grid.cells:
        k, span = (c.row, c.rowspan) if vertical else (c.col, c.colspan)
        if span == 1:
            size[k] = (c.box[3] - c.box[1]) if vertical else (c.box[2] - c.box[0])
    ref = [size[k] for k in used if k in size]
    if not ref:
        return set()
    floor = 0.34 * float(np.median(ref))
    return {k for k, v in size.items() if v >= floor}


# ---------------------------------------------------------------- words → cells


def _inside(box: Box, x: float, y: float) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def split_word(word: Word, cuts: list[float]) -> list[Word]:
    """A word cut at the x positions ``cuts`` (needs per-character ranges; else unchanged)."""
    if not word.chars or len(word.chars) != len(word.text) or not cuts:
        return [word]
    pieces: list[Word] = []
    bounds = [word.box[0] - 1, *sorted(cuts), word.box[2] + 1]
    for a, b in zip(bounds, bounds[1:], strict=False):
        idx = [k for k, (x0, x1) in enumerate(word.chars) if a <= (x0 + x1) / 2 < b]
        if not idx:
            continue
        chars = [word.chars[k] for k in idx]
        text = "".join(word.text[k] for k in idx)
        if not text.strip():
            continue
        box = (chars[0][0], word.box[1], chars[-1][1], word.box[3])
        pieces.append(Word(text, box, word.confidence, chars))
    return pieces or [word]


def assign(grid: Grid, words: list[Word]) -> list[Word]:
    """Words into the grid's cells by centre (words straddling a wall are split). Returns leftovers."""
    for c in grid.cells:
        c.words = []
    walls = sorted({c.box[0] for c in grid.cells} | {c.box[2] for c in grid.cells})
    rest: list[Word] = []
    gx0, gy0, gx1, gy1 = grid.box
    for word in words:
        if not _inside((gx0 - 2, gy0 - 2, gx1 + 2, gy1 + 2), word.cx, word.cy):
            rest.append(word)
            continue
        h = max(1.0, word.height)
        cuts = [x for x in walls if word.box[0] + 0.3 * h < x < word.box[2] - 0.3 * h]
        for piece in split_word(word, cuts):
            for c in grid.cells:
                if _inside(c.box, piece.cx, piece.cy):
                    c.words.append(piece)
                    break
            else:
                rest.append(piece)
    return rest


def join_words(words: list[Word]) -> str:
    """The text of a cell: words in reading order, lines joined without spaces (CJK wraps)."""
    if not words:
        return ""
    ws = sorted(words, key=lambda w: w.cy)
    lines: list[list[Word]] = []
    for w in ws:
        if lines and abs(w.cy - np.mean([v.cy for v in lines[-1]])) < 0.5 * max(w.height, 1.0):
            lines[-1].append(w)
        else:
            lines.append([w])
    out = []
    for line in lines:
        line.sort(key=lambda w: w.box[0])
        text = line[0].text
        for prev, w in zip(line, line[1:], strict=False):
            gap = w.box[0] - prev.box[2]
            ascii_pair = prev.text[-1:].isascii() and w.text[:1].isascii()
            sep = " " if ascii_pair and gap > 0.35 * max(w.height, 1.0) and prev.text[-1:].isalpha() else ""
            text += sep + w.text
        out.append(text)
    return "".join(out).strip()


# ---------------------------------------------------------------- borderless: words → grid


def text_lines(words: list[Word]) -> list[list[Word]]:
    """Words grouped into text lines (by vertical overlap), top to bottom, each left to right."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.cy, w.box[0])):
        for line in reversed(lines[-3:]):
            ref = line[0]
            if abs(w.cy - ref.cy) < 0.45 * max(ref.height, w.height, 1.0):
                line.append(w)
                break
        else:
            lines.append([w])
    for line in lines:
        line.sort(key=lambda w: w.box[0])
    return lines


def phrases(line: list[Word], gap: float) -> list[list[Word]]:
    """A text line cut where the space between words exceeds ``gap``."""
    out: list[list[Word]] = []
    for w in line:
        if out and w.box[0] - out[-1][-1].box[2] <= gap:
            out[-1].append(w)
        else:
            out.append([w])
    return out


def extent(ws: list[Word]) -> Box:
    """The box around ``ws``."""
    return (
        min(w.box[0] for w in ws),
        min(w.box[1] for w in ws),
        max(w.box[2] for w in ws),
        max(w.box[3] for w in ws),
    )


@dataclass
class Block:
    """A borderless table region: its text lines (rows after wrapping is undone)."""

    rows: list[list[Word]]
    box: Box


def find_blocks(words: list[Word], char_h: float, exclude: list[Box] = ()) -> list[Block]:  # type: ignore[assignment]
    """Runs of text lines with two or more phrases (a multi-column region) outside ``exclude``,
    with the single-phrase lines inside and right below them (wrapped cells, rows with one cell)."""
    free = [w for w in words if not any(_inside(b, w.cx, w.cy) for b in exclude)]
    lines = text_lines(free)
    gap = 1.2 * char_h
    multi = [len(phrases(ln, gap)) >= 2 and not _is_note(ln) for ln in lines]
    blocks: list[Block] = []
    reach = 4.5 * char_h
    # a wrapped cell's lines are narrow next to the page's tables; a paragraph spans the page
    px0 = min((w.box[0] for w in free), default=0.0)
    px1 = max((w.box[2] for w in free), default=0.0)
    multi_words = [w for ln, m in zip(lines, multi, strict=True) if m for w in ln]
    page_w = (max(w.box[2] for w in multi_words) - min(w.box[0] for w in multi_words)) if multi_words else 0.0

    def top(k: int) -> float:
        return min(w.box[1] for w in lines[k])

    def bottom(k: int) -> float:
        return max(w.box[3] for w in lines[k])

    def width(k: int) -> float:
        return max(w.box[2] for w in lines[k]) - min(w.box[0] for w in lines[k])

    def row_gap(i: int, j: int) -> float:  # the block's spacing between rows (not wrapped lines)
        gaps = sorted(g for g in (top(m + 1) - bottom(m) for m in range(i, j)) if g >= 0.5 * char_h)
        return gaps[len(gaps) // 2] if gaps else 2.0 * char_h

    def inside(k: int, x0: float, x1: float, gap: float) -> bool:  # within the block, or a narrow
        a, b = min(w.box[0] for w in lines[k]), max(w.box[2] for w in lines[k])  # cell of a row
        if a >= x0 - char_h and b <= x1 + char_h:  # one row down, left of what the page shows
            return True
        return (
            a >= px0 - char_h
            and b <= px1 + char_h
            and width(k) <= 0.6 * page_w
            and top(k) - bottom(k - 1) <= 1.25 * gap
        )

    def near(k: int) -> bool:  # line k starts close below line k-1
        return min(w.box[1] for w in lines[k]) - max(w.box[3] for w in lines[k - 1]) <= reach

    i = start = 0  # lines before ``start`` belong to the block above
    while i < len(lines):
        if not multi[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and near(j + 1):  # multi-phrase lines and short single-phrase runs
            if multi[j + 1]:
                j += 1
                continue
            k = j + 1
            while k < len(lines) and not multi[k] and near(k):
                k += 1
            if any(_is_barrier(lines[m], char_h) for m in range(j + 1, k)):
                break  # a table's label, title or unit line starts another table
            x0 = min(w.box[0] for ln in lines[i : j + 1] for w in ln)
            x1 = max(w.box[2] for ln in lines[i : j + 1] for w in ln)
            narrow = all(  # wrapped cell text stays inside one column; a paragraph spans the page
                width(m) <= 0.6 * max(x1 - x0, page_w) for m in range(j + 1, k)
            )
            if k < len(lines) and multi[k] and near(k) and (k - j <= 4 or narrow):
                j = k
                continue
            break
        x0 = min(w.box[0] for ln in lines[i : j + 1] for w in ln)
        x1 = max(w.box[2] for ln in lines[i : j + 1] for w in ln)
        while (  # trailing rows with one cell: wrapped text, lone amounts (table ends at a page end)
            j + 1 < len(lines)
            and near(j + 1)
            and not multi[j + 1]
            and not _is_note(lines[j + 1])
            and not _is_barrier(lines[j + 1], char_h)
            and not _is_page_number(lines[j + 1], x0, x1)
            and inside(j + 1, x0, x1, row_gap(i, j))
        ):
            j += 1
        while (  # spanning header cells above the first multi-phrase line (收入 over 项目 预算数)
            i > start
            and not multi[i - 1]
            and not _is_barrier(lines[i - 1], char_h)
            and min(w.box[1] for w in lines[i]) - max(w.box[3] for w in lines[i - 1]) <= 0.8 * char_h
            and min(w.box[0] for w in lines[i - 1]) >= x0 - char_h
            and max(w.box[2] for w in lines[i - 1]) <= x1 + char_h
            and width(i - 1) <= 0.6 * max(x1 - x0, page_w)
        ):
            i -= 1
        starts = [p[0].box[0] for m in range(i, j + 1) for p in phrases(lines[m], gap)]
        while (  # rows of one cell above, spaced as the rows below and starting where a column does
            i > start
            and not multi[i - 1]
            and not _is_barrier(lines[i - 1], char_h)
            and not _is_note(lines[i - 1])
            and top(i) - bottom(i - 1) <= 1.25 * row_gap(i, j)  # overlapping: one row
            and width(i - 1) <= 0.6 * max(x1 - x0, page_w)
            and any(abs(lines[i - 1][0].box[0] - x) <= 0.6 * char_h for x in starts)
        ):
            i -= 1
        rows = merge_wrapped(lines[i : j + 1], char_h)
        if len(rows) >= 2:
            allw = [w for ln in rows for w in ln]
            blocks.append(Block(rows, extent(allw)))
        i = start = j + 1
    return blocks


def _is_page_number(line: list[Word], x0: float, x1: float) -> bool:
    text = "".join(w.text for w in line)
    if not re.fullmatch(r"[-—–一\s]*(第\s*)?\d{1,4}\s*(页)?[-—–一\s]*", text):
        return False
    cx = (min(w.box[0] for w in line) + max(w.box[2] for w in line)) / 2
    return abs(cx - (x0 + x1) / 2) < 0.1 * (x1 - x0) or bool(re.search(r"[-—–一页第]", text))


_LABEL = re.compile(r"^\s*(附)?表\s*[0-9一二三四五六七八九十]+(-\d+)?\s*$")


def _is_barrier(line: list[Word], char_h: float) -> bool:
    """A line that stands between two tables: a table label (表2), a unit line (单位：元), or a
    title in a larger font."""
    text = "".join(w.text for w in line)
    if _LABEL.match(text) or _is_note(line):
        return True
    return len(line) <= 3 and min(w.height for w in line) >= 1.4 * char_h


def is_heading_line(line: list[Word], char_h: float) -> bool:
    """A table's label (表2), unit line (单位：元) or a title in a larger font."""
    text = "".join(w.text for w in line)
    if _LABEL.match(text) or find_unit_text(text):
        return True
    return len(line) <= 3 and min(w.height for w in line) >= 1.4 * char_h


def _is_note(line: list[Word]) -> bool:
    text = "".join(w.text for w in line)
    return bool(re.match(r"^\s*(注|说明|备注)\s*[:：]", text)) or bool(find_unit_text(text))


def find_unit_text(text: str) -> str:
    from extract.numbers import find_unit

    return find_unit(text)


def merge_wrapped(lines: list[list[Word]], char_h: float) -> list[list[Word]]:
    """Text lines → table rows: a line overlapping the row above (a number centred beside wrapped
    text) or closer to it than the table's row gap (a wrapped cell's next line) continues that row.

    The row gap comes from the block's own vertical gaps: when they fall into two groups (the
    small line spacing inside wrapped cells, the large spacing between rows), the cut is between
    them; when they do not, only overlapping lines are merged."""
    if len(lines) < 2:
        return [list(ln) for ln in lines]
    spans = [(min(w.box[1] for w in ln), max(w.box[3] for w in ln)) for ln in lines]
    thr = _row_gap(
        [max(0.0, spans[i + 1][0] - spans[i][1]) for i in range(len(spans) - 1)],
        char_h,
    )
    rows: list[list[Word]] = [list(lines[0])]
    bottom = spans[0][1]
    for ln, (top, bot) in zip(lines[1:], spans[1:], strict=True):
        if top - bottom < thr:
            rows[-1].extend(ln)
            bottom = max(bottom, bot)
        else:
            rows.append(list(ln))
            bottom = bot
    return rows


def _row_gap(gaps: list[float], char_h: float) -> float:
    """The smallest vertical gap that separates two rows (see ``merge_wrapped``)."""
    vals = sorted(gaps)
    best, cut = 0.0, 0.05 * char_h
    for lo, hi in zip(vals, vals[1:], strict=False):
        if lo > 0.6 * char_h or hi < 0.5 * char_h:
            continue
        ratio = (hi + 1.0) / (lo + 1.0)
        if ratio >= 2.5 and ratio > best:
            best, cut = ratio, (lo + hi) / 2
    return cut


PHRASE_GAP = 0.55  # × char height: a wider space between words on a line separates cells


def block_phrases(block: Block, char_h: float) -> list[list[list[Word]]]:
    """Each row of a block cut into phrases (runs of words closer than a cell gap)."""
    gap = PHRASE_GAP * char_h
    return [phrases(sorted(r, key=lambda w: w.box[0]), gap) for r in block.rows]


def block_header_rows(row_phrases: list[list[list[Word]]]) -> int:
    return header_rows_of([["".join(w.text for w in p) for p in ps] for ps in row_phrases])


def column_edges(
    blocks: Sequence[Block], char_h: float, header_rows: Sequence[int | None] | None = None
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
        row_phrases = block_phrases(block, char_h)
        given = header_rows[bi] if header_rows is not None else None
        hr = block_header_rows(row_phrases) if given is None else given
        # the lowest header row names the leaf columns, unless it holds few wide cells (项目名称 …);
        # of its stacked text lines only the phrases with nothing under them (not group labels)
        leaves = leaf_phrases(block.rows[hr - 1], char_h) if hr > 0 else []
        first = hr - 1 if hr > 0 and len(leaves) >= 3 else hr
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
                if r >= hr and max(w.cy for w in ph) - min(w.cy for w in ph) > 0.5 * char_h:
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
    allowed = 0 if n_rows < 12 else n_rows // 25
    free = (cover <= allowed) & ~wrapped
    min_gap = max(2, int(0.4 * char_h))
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
    seps = [x for x, w in runs if w >= 0.35 * typical or w >= 0.6 * char_h]
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
    half = min(max(1.0, half), 1.0 * char_h)
    return _merge_unaligned([x0 - half, *kept, x1 + half], spans, char_h)


def leaf_phrases(row: list[Word], char_h: float) -> list[list[Word]]:
    """The phrases of a header row (a wrapped label's lines together) that have no phrase of a
    lower line under them (a group label over its sub-headers is left out)."""
    cells = [(ph, extent(ph)) for ph in _header_units(row, char_h)]
    out = []
    for ph, (a, _, b, bot) in cells:
        mid = (min(w.box[1] for w in ph) + bot) / 2
        below = any(
            o is not ph and oy0 >= mid + 0.25 * char_h and min(b, ob) - max(a, oa) > 0
            for o, (oa, oy0, ob, _) in cells
        )
        if not below:
            out.append(ph)
    return out


def _merge_unaligned(
    edges: list[float], spans: list[tuple[int, float, float, str]], char_h: float
) -> list[float]:
    """Drop a boundary that nothing aligns on: no row has text on both sides of it, the text to
    its right does not start at one x, and the text to its left does not end at one x (one
    column holding short left-aligned text and right-aligned numbers, never side by side)."""
    tol = 0.5 * char_h

    def aligned(xs: list[tuple[float, str]]) -> bool:
        """Most of (x, text) share one x, and not only because they are one text repeated (which,
        right-aligned, starts at one x too)."""
        if len(xs) < 2:
            return False
        for x, _ in xs:
            group = {t for v, t in xs if abs(v - x) <= tol}
            if sum(1 for v, _ in xs if abs(v - x) <= tol) >= 0.6 * len(xs) and len(group) >= 2:
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
    block: Block, char_h: float, edges: list[float] | None = None, header_rows: int | None = None
) -> Grid:
    """Columns from x-gaps that the body rows share (or the given ``edges``, from the whole
    table); header cells span the columns they centre on. ``header_rows`` overrides the header
    rows found from the first amount (0 for the later part of a table continued over pages)."""
    row_phrases = block_phrases(block, char_h)
    hr = block_header_rows(row_phrases) if header_rows is None else header_rows
    if edges is None:
        edges = column_edges([block], char_h)
    nc = len(edges) - 1
    col_of = _col_finder(edges)
    cells: list[GridCell] = []
    depth = 0
    if hr > 0:
        cells, depth = header_cells(block.rows[:hr], row_phrases[hr:], edges, char_h)
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
    cells = _drop_overlaps(cells)
    box = (min(block.box[0], edges[0] + 1), block.box[1], max(block.box[2], edges[-1] - 1), block.box[3])
    return Grid(box, cells, ruled=False)


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
    rows: list[list[Word]], body: list[list[list[Word]]], edges: list[float], char_h: float
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
    col_of = _col_finder(edges)
    phs: list[list[Word]] = []
    row_of: list[int] = []  # each unit's header row (a wrapped cell never crosses rows)
    for r, row in enumerate(rows):
        units = _header_units(row, char_h)
        phs.extend(units)
        row_of.extend([r] * len(units))
    ext = [extent(ph) for ph in phs]
    mid_y = [(e[1] + e[3]) / 2 for e in ext]
    cols = [col_of((e[0] + e[2]) / 2) for e in ext]
    bounds = [float(x) for x in _column_bounds(edges, body, phs, ext, col_of, char_h)]
    tol = max(2.0, 0.6 * char_h)
    bottom = max(e[3] for e in ext)
    # a label with no header text under it reaches the last header row
    leaf = [
        not any(f[1] >= e[3] - 0.1 * char_h and min(e[2], f[2]) > max(e[0], f[0]) for f in ext if f is not e)
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
            j
            for j in range(len(phs))
            if j != i and ext[j][1] >= ext[i][3] - 0.1 * char_h and not level_with(j)
        ]
        others = [j for j in range(len(phs)) if j != i and ext[j][3] > ext[i][1] + 0.1 * char_h]
        # its sub-headers: the first line under it, of text under its own
        child_y = min(
            (mid_y[j] for j in lower if min(b, ext[j][2]) > max(a, ext[j][0]) or ca <= cols[j] <= cb),
            default=None,
        )
        # the columns of the phrases on that line or under it (a group label has two or more)
        kids = {cols[j] for j in lower if child_y is not None and mid_y[j] >= child_y - 0.4 * char_h}
        below: set[int] = set()  # columns with a sub-header at that line or under it
        beside: set[int] = set()  # columns with a phrase between (a sibling spanning rows)
        for j in others:
            if child_y is not None and mid_y[j] >= child_y - 0.4 * char_h and not level_with(j):
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
                        bounds[lo] - 0.5 * char_h <= ext[j][0] and ext[j][2] <= bounds[hi + 1] + 0.5 * char_h
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
        first = min((e for e, _, _ in centred), default=0.0) + 0.15 * char_h
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
            low = min(e for e, _, _ in groups + spans) + 0.25 * char_h
            best = max((hi - lo, -e, lo, hi) for e, lo, hi in groups + spans if e <= low)[2:]
        runs.append(best)
    # consecutive lines of one cell (wrapped text) on the same run
    order = sorted(range(len(phs)), key=lambda i: (ext[i][1], ext[i][0]))
    cells: list[_HeadCell] = []
    for i in order:
        lo, hi = runs[i]
        for c in reversed(cells):
            cb = max(w.box[3] for w in c.words)
            if (c.lo, c.hi, c.row) == (lo, hi, row_of[i]) and 0 <= ext[i][1] - cb <= 0.6 * char_h:
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
        ups = [u for u in cells[:k] if u.lo <= c.lo and c.hi <= u.hi and u.cy <= c.cy - 0.5 * char_h]
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


def _col_finder(edges: list[float]) -> Callable[[float], int]:
    """x → the column between ``edges`` it lies in (the last column for x beyond the last edge)."""
    nc = len(edges) - 1

    def col_of(x: float) -> int:
        for c in range(nc):
            if x < edges[c + 1]:
                return c
        return nc - 1

    return col_of


def _header_units(row: list[Word], char_h: float) -> list[list[Word]]:
    """A header row's phrases, line by line, with the lines wrapped under them joined on."""
    gap = PHRASE_GAP * char_h
    return _wrapped_units([ph for ln in text_lines(row) for ph in phrases(ln, gap)], char_h)


def _wrapped_units(phs: list[list[Word]], char_h: float) -> list[list[Word]]:
    """Header phrases with the lines wrapped under them (a line spacing below, centred or
    starting on the same x) joined to them: one unit each."""
    units: list[list[Word]] = []
    for ph in sorted(phs, key=lambda p: (extent(p)[1], extent(p)[0])):
        a, y0, b, _ = extent(ph)
        for u in reversed(units):
            ua, _, ub, uy1 = extent(u)
            close = 0 <= y0 - uy1 <= 0.4 * char_h
            same_x = abs((a + b) / 2 - (ua + ub) / 2) <= 0.5 * char_h or abs(a - ua) <= 0.3 * char_h
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
    tol = 0.5 * char_h
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


def block_of(grid: Grid) -> Block:
    """A borderless grid's rows of words again (to rebuild it with other column edges)."""
    rows: dict[int, list[Word]] = {}
    for c in grid.cells:
        rows.setdefault(c.row, []).extend(c.words)
    out = [sorted(ws, key=lambda w: w.box[0]) for _, ws in sorted(rows.items()) if ws]
    return Block(out, grid.box)


def _drop_overlaps(cells: list[GridCell]) -> list[GridCell]:
    taken: set[tuple[int, int]] = set()
    out = []
    for c in sorted(cells, key=lambda c: (c.row, c.col, -len(c.words))):
        keys = {(c.row, k) for k in range(c.col, c.col + c.colspan)}
        if keys & taken:
            continue
        taken |= keys
        out.append(c)
    return out


# ---------------------------------------------------------------- pixels → text lines (no detector)


def ink_char_height(ink: np.ndarray, scale: float) -> float:
    """The body text's character height in pixels, from the ink's connected components (the
    upper half of component heights; CJK characters are one to three components each)."""
    import cv2

    n, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    hs = stats[1:, cv2.CC_STAT_HEIGHT]
    ws = stats[1:, cv2.CC_STAT_WIDTH]
    keep = hs[(hs >= max(3, 3 * scale)) & (hs <= 30 * scale) & (ws <= 30 * scale)]
    if keep.size < 5:
        return 9.0 * scale
    return float(np.percentile(keep, 75))


def ink_runs(profile: np.ndarray, gap: int) -> list[tuple[int, int]]:
    """Runs of non-zero entries of ``profile`` (half-open), joined across gaps shorter than ``gap``."""
    idx = np.flatnonzero(profile)
    if idx.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(idx) > gap)
    starts = np.concatenate(([idx[0]], idx[breaks + 1]))
    ends = np.concatenate((idx[breaks], [idx[-1]])) + 1
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


def _join_thin(runs: list[tuple[int, int]], min_h: float) -> list[tuple[int, int]]:
    """Horizontal bands thinner than ``min_h`` (strokes of 二/三, dots, dashes) joined to the nearer
    neighbour, unless they stand alone."""
    runs = list(runs)
    changed = True
    while changed and len(runs) > 1:
        changed = False
        for i, (a, b) in enumerate(runs):
            if b - a >= min_h:
                continue
            up = a - runs[i - 1][1] if i > 0 else None
            down = runs[i + 1][0] - b if i + 1 < len(runs) else None
            if up is not None and (down is None or up <= down):
                runs[i - 1 : i + 1] = [(runs[i - 1][0], b)]
            else:
                runs[i : i + 2] = [(a, runs[i + 1][1])]
            changed = True
            break
    return runs


def text_boxes(ink: np.ndarray, char_h: float, box: Box | None = None) -> list[Box]:
    """Text-line pieces of a binarized region by recursive XY-cut: bands split at blank rows, bands
    split at blank columns wider than ``char_h`` (a column gap), repeated until nothing splits.
    Replaces a text detector for printed tables (no model, a few milliseconds per page)."""
    x0, y0 = (int(box[0]), int(box[1])) if box else (0, 0)
    x1, y1 = (int(box[2]), int(box[3])) if box else (ink.shape[1], ink.shape[0])
    out: list[Box] = []
    col_gap = max(2, int(0.9 * char_h))
    thin = 0.45 * char_h
    stack = [(x0, y0, x1, y1)]
    while stack:
        a, b, c, d = stack.pop()
        rows = _join_thin(ink_runs(ink[b:d, a:c].any(axis=1), 1), thin)
        if len(rows) > 1:
            stack.extend((a, b + r0, c, b + r1) for r0, r1 in rows)
            continue
        if not rows:
            continue
        b, d = b + rows[0][0], b + rows[0][1]
        cols = ink_runs(
            ink[b:d, a:c].any(axis=0), max(col_gap, int(0.9 * (d - b))) if d - b < 2 * char_h else col_gap
        )
        if len(cols) > 1:
            stack.extend((a + c0, b, a + c1, d) for c0, c1 in cols)
            continue
        a, c = a + cols[0][0], a + cols[0][1]
        if c - a < 0.35 * char_h and d - b < 0.35 * char_h:
            continue  # a speck
        out.append((float(a), float(b), float(c), float(d)))
    out = _join_strokes(out, char_h)
    out.sort(key=lambda bx: (bx[1], bx[0]))
    return out


def _join_strokes(boxes: list[Box], char_h: float) -> list[Box]:
    """Thin pieces (the strokes of 二 or 三 cut apart by a neighbour's line break) joined to the
    piece right above or below them that covers them."""
    boxes = list(boxes)
    changed = True
    while changed:
        changed = False
        for i, t in enumerate(boxes):
            if t[3] - t[1] >= 0.45 * char_h:
                continue
            for j, o in enumerate(boxes):
                if j == i:
                    continue
                overlap = min(t[2], o[2]) - max(t[0], o[0])
                gap = max(o[1] - t[3], t[1] - o[3])
                if overlap >= 0.5 * min(t[2] - t[0], o[2] - o[0]) and gap <= 0.6 * char_h:
                    boxes[j] = (min(t[0], o[0]), min(t[1], o[1]), max(t[2], o[2]), max(t[3], o[3]))
                    del boxes[i]
                    changed = True
                    break
            if changed:
                break
    return boxes
