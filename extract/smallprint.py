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

import numpy as np

from extract import ink as ink_ops
from extract.grid import Grid
from extract.reasons import Reason, reason
from extract.settings import TABLE_SETTINGS, TableSettings

REREAD = "scan_small_print_reread"  # a table in small print recognised from a finer file's own pixels


def print_height(
    ink: np.ndarray, grid: Grid, scale: float, settings: TableSettings = TABLE_SETTINGS
) -> float:
    """The height in pixels of the lower text lines (``small_print_percentile``: digits, lower than CJK) in ``grid``'s cells (each cell's ink inside its
    walls cut at blank rows, as the cells are cut for recognition); 0.0 when the cells hold no ink."""
    pad = max(settings.cell_pad_min_px, int(settings.small_print_pad_pt * scale))
    line_gap = max(settings.cell_line_gap_min_px, int(settings.cell_line_gap_pt * scale))
    heights: list[int] = []
    for c in grid.cells:
        x0, y0, x1, y1 = (int(v) for v in c.box)
        sub = ink[y0 + pad : y1 - pad, x0 + pad : x1 - pad]
        if sub.size == 0:
            continue
        for a, b in ink_ops.ink_runs(sub.max(axis=1) > 0, gap=line_gap):
            wide = int(np.count_nonzero(sub[a:b].max(axis=0)))
            # a text line is wider than high; specks, dots and a dash for nil are not text lines
            if b - a >= settings.small_print_min_px and wide >= 2 * (b - a):
                heights.append(b - a)
    return float(np.percentile(heights, settings.small_print_percentile)) if heights else 0.0


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
) -> Reason | None:
    """``scan_print_too_small`` when ``grid``'s text lines (``printed``: its ``print_height``) are
    lower than ``small_print_px`` (the recogniser's limit) at the scale its cells were recognised
    at (``magnify`` × the layout's: a finer file's own pixels); ``scan_print_unsure`` when they are
    at that limit (lower than ``small_print_reread_px``) and more than ``small_print_unsure_share``
    of the words read into ``grid``'s cells were read below ``small_print_sure_confidence`` (the
    print height alone cannot tell a 4 pt table at 200 dpi from 7 pt print at 150 dpi, both 10 px:
    the reading can); None when they are readable or empty."""
    height = printed * magnify
    if height == 0.0 or height >= settings.small_print_reread_px:
        return None
    if height >= settings.small_print_px:
        # at the recogniser's limit: readable when the recogniser says so of most of what it read
        confs = [w.confidence for c in grid.cells for w in c.words]
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
