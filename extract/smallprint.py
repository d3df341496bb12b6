"""Print too small to read (issue 17): a ruled table printed in type so small that its characters
are only a few pixels high on the scan (a 三公 table squeezed onto a landscape page at 4 pt and
scanned at 150 dpi: 8-pixel characters) is read as well as it can be, but the recogniser cannot
be trusted there. The table is kept — even when nothing in it was read — and marked with
``scan_print_too_small`` (or, print at the recogniser's limit read unsurely, ``scan_print_unsure``),
codes of ``extract.reasons.TABLE_UNREAD``, which send the table and
every amount read from it to review: its amounts are never accepted on a guess nor dropped unseen.
A file scanned finer than the layout reads has such a table recognised from its own pixels
(``extract.layout``); the table then carries ``REREAD`` (``scan_small_print_reread``): read at the
recogniser's limit, its headers are trusted only when they are labels of the vocabulary
(``extract.scanheaders``), never on the recogniser's confidence alone.

Coordinates: image pixels at the layout's working scale.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from extract import ink as ink_ops
from extract.components import HEIGHT, LEFT, TOP, WIDTH, components
from extract.grid import Grid
from extract.reasons import Reason, reason
from extract.settings import TABLE_SETTINGS, TableSettings
from extract.vocabulary import HAN_CHAR, far_header_label, nearest_header_label
from extract.words import Box, Word

REREAD = "scan_small_print_reread"  # a table in small print recognised from a finer file's own pixels
SETTLED = "scan_small_print_settled"  # … or read at the limit and its amounts settled by its sums
# notes on a table read at the recogniser's limit yet not sent to review whole: headers are trusted
# only as labels of the vocabulary (``extract.scanheaders``)
READ_AT_LIMIT = frozenset({REREAD, SETTLED})


def print_height(
    ink: np.ndarray, grid: Grid, scale: float, settings: TableSettings = TABLE_SETTINGS
) -> float:
    """The height in pixels of the lower text lines (``small_print_percentile``: digits, lower than CJK) in ``grid``'s cells (each cell's ink inside its
    walls cut at blank rows, as the cells are cut for recognition; the pieces of its walls' rules
    left in it taken out: ``_without_rule_edges``); 0.0 when the cells hold no ink."""
    pad = max(settings.cell_pad_min_px, int(settings.small_print_pad_pt * scale))
    line_gap = max(settings.cell_line_gap_min_px, int(settings.cell_line_gap_pt * scale))
    near = settings.snap_tolerance_pt * scale
    heights: list[int] = []
    for sub in _cell_inks(ink, grid, pad, near, settings):
        for a, b in ink_ops.ink_runs(sub.max(axis=1) > 0, gap=line_gap):
            wide = int(np.count_nonzero(sub[a:b].max(axis=0)))
            # a text line is wider than high; specks, dots and a dash for nil are not text lines
            if b - a >= settings.small_print_min_px and wide >= 2 * (b - a):
                heights.append(b - a)
    return float(np.percentile(heights, settings.small_print_percentile)) if heights else 0.0


def _cell_inks(
    ink: np.ndarray, grid: Grid, pad: int, near: float, settings: TableSettings
) -> list[np.ndarray]:
    """The ink of each of ``grid``'s cells ``pad`` pixels inside its walls (the cells with none
    left out), the pieces of its walls' rules taken out (``_without_rule_edges``). The cells' ink
    is laid out as on the page, each cell's inside its own box (``pad`` keeps them apart: no piece
    runs from one into the next), and its pieces found at once: a labelling of the table instead of
    one of each cell; cell by cell where the boxes are not apart."""
    h, w = ink.shape[:2]
    boxes = []
    for c in grid.cells:
        x0, y0, x1, y1 = (int(v) for v in c.box)
        boxes.append((y0 + pad, y1 - pad, x0 + pad, x1 - pad))
    if pad < 1 or any(v < 0 for box in boxes for v in box):
        subs = (ink[a:b, c:d] for a, b, c, d in boxes)
        return [_without_rule_edges(sub, near, settings) for sub in subs if sub.size]
    boxes = [(a, min(b, h), c, min(d, w)) for a, b, c, d in boxes]  # as slicing clips them
    boxes = [(a, b, c, d) for a, b, c, d in boxes if b > a and d > c]
    if not boxes:
        return []
    top, left = min(b[0] for b in boxes), min(b[2] for b in boxes)
    shape = (max(b[1] for b in boxes) - top, max(b[3] for b in boxes) - left)
    laid = np.zeros(shape, dtype=ink.dtype)
    owner = np.full(shape, -1, dtype=np.int32)  # which cell's box each pixel is in
    for i, (a, b, c, d) in enumerate(boxes):
        here = (slice(a - top, b - top), slice(c - left, d - left))
        around = owner[max(0, a - top - 1) : b - top + 1, max(0, c - left - 1) : d - left + 1]
        if around.max() >= 0:  # boxes that overlap or touch: cell by cell
            return [_without_rule_edges(ink[a:b, c:d], near, settings) for a, b, c, d in boxes]
        owner[here] = i
        laid[here] = ink[a:b, c:d]
    found = components(laid)
    if found.n > 1:
        st = found.stats[1:]
        cell = owner[st[:, TOP], st[:, LEFT]]  # a piece's box lies in its cell's
        spans = np.array(boxes, dtype=np.int64)[cell]
        pieces = _rule_pieces(
            st,
            st[:, TOP] - (spans[:, 0] - top),
            st[:, LEFT] - (spans[:, 2] - left),
            spans[:, 1] - spans[:, 0],
            spans[:, 3] - spans[:, 2],
            near,
            settings,
        )
        if pieces.size:
            drop = np.zeros(found.n, dtype=bool)
            drop[pieces] = True
            laid = np.where(drop[found.labels], 0, laid).astype(ink.dtype)
    return [laid[a - top : b - top, c - left : d - left] for a, b, c, d in boxes]


def _rule_pieces(
    st: np.ndarray,
    top: np.ndarray,
    left: np.ndarray,
    height: np.ndarray | int,
    width: np.ndarray | int,
    near: float,
    settings: TableSettings,
) -> np.ndarray:
    """The labels (from 1) of the components (``st``: their statistics from label 1; ``top``,
    ``left``: their boxes' corners in their cells, ``height`` × ``width`` big) that are pieces of
    their cell's walls' rules (``_without_rule_edges``)."""
    w, h = st[:, WIDTH], st[:, HEIGHT]
    ratio = settings.orient_rule_piece_ratio
    across = (w >= ratio * np.maximum(1, h)) & ((top <= near) | (top + h >= height - near))
    down = (h >= ratio * np.maximum(1, w)) & ((left <= near) | (left + w >= width - near))
    return np.flatnonzero(across | down) + 1


def _without_rule_edges(sub: np.ndarray, near: float, settings: TableSettings) -> np.ndarray:
    """A cell's ink without the edges of its walls' rules the ruling masks left (a rule a pixel or
    two thick, climbing a pixel every few dozen on a page turned back by the deskew: a run of ink
    rows no lower than a line of small print): an ink component ``orient_rule_piece_ratio`` times
    longer than thick lying along a wall, within ``near`` (the grid's snap tolerance) of it, is a
    piece of rule, no text."""
    found = components(sub)
    if found.n <= 1:
        return sub
    st = found.stats[1:]
    pieces = _rule_pieces(st, st[:, TOP], st[:, LEFT], sub.shape[0], sub.shape[1], near, settings)
    if not pieces.size:
        return sub
    return np.where(np.isin(found.labels, pieces), 0, sub).astype(sub.dtype)


def reread_note(printed: float, scale: float) -> Reason:
    """The note (``REREAD``) on a table in small print recognised from a finer file's pixels;
    ``printed``: its ``print_height``."""
    return reason("scan_small_print_reread", height_pt=round(printed / scale, 1))


def too_small(
    printed: float,
    grid: Grid,
    scale: float,
    settings: TableSettings = TABLE_SETTINGS,
    magnify: float = 1.0,
    confidences: list[float] | None = None,
) -> Reason | None:
    """``scan_print_too_small`` when ``grid``'s text lines (``printed``: its ``print_height``) are
    lower than ``small_print_px`` (the recogniser's limit) at the scale its cells were recognised
    at (``magnify`` × the layout's: a finer file's own pixels); ``scan_print_unsure`` when they are
    at that limit (lower than ``small_print_reread_px``) and more than ``small_print_unsure_share``
    of the amounts read into ``grid``'s cells (``amount_confidences``) were read below
    ``small_print_sure_confidence`` (the print height alone cannot tell a 4 pt table at 200 dpi
    from 7 pt print at 150 dpi, both 10 px: the reading can; ``confidences``: those of the amounts
    read there, when they are not yet in ``grid``'s cells); None when they are readable or empty."""
    height = printed * magnify
    if height == 0.0 or height >= settings.small_print_reread_px:
        return None
    if height >= settings.small_print_px:
        # at the recogniser's limit: readable when the recogniser says so of most of what it read
        confs = (
            confidences
            if confidences is not None
            else amount_confidences([w for c in grid.cells for w in c.words])
        )
        unsure = sum(1 for v in confs if v < settings.small_print_sure_confidence) / max(1, len(confs))
        if unsure <= settings.small_print_unsure_share:
            return None
        return reason(
            "scan_print_unsure",
            height_pt=round(height / magnify / scale, 1),
            height_px=round(height, 1),
            share=round(unsure, 2),
            confidence=settings.small_print_sure_confidence,
        )
    return reason(
        "scan_print_too_small",
        height_pt=round(height / magnify / scale, 1),
        height_px=round(height, 1),
        needed_px=settings.small_print_px,
    )


def amount_confidences(words: list[Word]) -> list[float]:
    """The confidences of the ``words`` that print a digit: the amounts (and codes) a small-print
    table is read for, by which its reading is judged — its header's words, read better or worse
    as its rulings are found, say nothing of its figures (a 4 pt table at 200 dpi: its header read
    whole, its amounts as unsure as with the header garbled)."""
    return [w.confidence for w in words if any(ch.isdigit() for ch in w.text)]


def is_small(printed: float, settings: TableSettings = TABLE_SETTINGS) -> bool:
    """Is a grid of print height ``printed`` (``print_height``) in small print: text, lower than
    ``small_print_reread_px``?"""
    return 0.0 < printed < settings.small_print_reread_px


def cell_wide(
    boxes: list[Box], grids: list[Grid], scale: float, settings: TableSettings = TABLE_SETTINGS
) -> list[Box]:
    """Text-line boxes of small-print cells each made as wide as its cell's inside: a faint minus
    sign, a bracket or a first digit left of the ink the line was cut from (lost by the ink at
    small print) is in the cell's pixels. A box in no cell of ``grids`` is kept as it is."""
    pad = max(settings.cell_pad_min_px, int(settings.cell_pad_pt * scale))
    cells = [c.box for gr in grids for c in gr.cells]
    out: list[Box] = []
    for b in boxes:
        cx, cy = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
        home = next((c for c in cells if c[0] <= cx <= c[2] and c[1] <= cy <= c[3]), None)
        out.append((home[0] + pad / 2, b[1], home[2] - pad / 2, b[3]) if home else b)
    return out


def preparations(image: np.ndarray, settings: TableSettings = TABLE_SETTINGS) -> list[np.ndarray]:
    """A small-print line crop (grey, the page's own pixels) enlarged by each
    ``small_print_enlarge`` factor (cubic), and by each ``small_print_sharpen`` factor then
    sharpened (unsharp mask of ``small_print_unsharp``, blurred by the factor in pixels)."""
    import cv2

    out: list[np.ndarray] = []
    if image.size == 0:
        return out
    for k in settings.small_print_enlarge:
        out.append(cv2.resize(image, None, fx=k, fy=k, interpolation=cv2.INTER_CUBIC))
    amount = settings.small_print_unsharp
    for k in settings.small_print_sharpen:
        up = cv2.resize(image, None, fx=k, fy=k, interpolation=cv2.INTER_CUBIC).astype(np.float32)
        blur = cv2.GaussianBlur(up, (0, 0), k)
        out.append(np.clip(up * (1.0 + amount) - blur * amount, 0, 255).astype(np.uint8))
    return out


def read_small(
    images: list[np.ndarray],
    crops: Callable[[list[np.ndarray]], list[tuple[str, float]]],
    settings: TableSettings = TABLE_SETTINGS,
) -> tuple[list[tuple[str, float]], list[list[tuple[str, float]]]]:
    """Small-print line crops recognised, and each one's other readings. Those read as text (a CJK
    character) that is no header label are read again in each of their ``preparations`` (one
    more batch), and take a prepared reading nearer a header label than their own — a label read
    whole, or one the header repair can name (``label_distance``) where the crop's own reading is
    too garbled for it: at the recogniser's limit, the vocabulary is the evidence that one reading
    of the same pixels is right. Those read with digits and no CJK character (amounts, codes) are
    read in their preparations too, and keep their own reading and its confidence: the
    preparations change which characters a garbled amount is read as, not how sure the
    recogniser is of them; their readings there are returned as the line's alternatives, for the
    table's sums to choose among (``extract.smallsums``)."""
    out = list(crops(images))
    again = [
        k
        for k, r in enumerate(out)
        if HAN_CHAR.search(r[0])
        and label_distance(r[0], settings) != 0
        or not HAN_CHAR.search(r[0])
        and any(ch.isdigit() for ch in r[0])
    ]
    prepared = [preparations(images[k], settings) for k in again]
    found = crops([p for ps in prepared for p in ps])
    alternatives: list[list[tuple[str, float]]] = [[] for _ in out]
    at = 0
    for k, ps in zip(again, prepared, strict=True):
        mine = found[at : at + len(ps)]
        at += len(ps)
        if not HAN_CHAR.search(out[k][0]):
            alternatives[k] = list(mine)
            continue
        near = label_distance(out[k][0], settings)
        for r in mine:
            d = label_distance(r[0], settings)
            if d is not None and (near is None or d < near):
                out[k], near = r, d
    return out, alternatives


def label_distance(text: str, settings: TableSettings = TABLE_SETTINGS) -> int | None:
    """The edits between ``text`` and the header label the scanned-header repair would name it by
    (``extract.vocabulary.nearest_header_label``, else ``far_header_label`` within
    ``header_far_ratio``); None when no label is near enough to name."""
    found = nearest_header_label(text)
    if found is not None:
        return found[1]
    far = far_header_label(text, settings.header_far_ratio, settings.header_far_min_chars)
    return far[1] if far is not None else None
