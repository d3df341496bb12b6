"""Scanned operators told apart by their ink (issue 14): a ≥ is a chevron with a bar under it, a >
the chevron alone (and ≤ / < the same, pointing left). Small and blurred, the recogniser weighs them
close ('≥' of '≥ | 3 | 年' read '>' at 0.56 against 0.46 at 200 dpi); the glyph's shape does not.

``operator_bar`` looks at one operator cell's ink: the glyph (its largest connected component and
those as large as a fraction of it under or over it; specks left out), its bottom band (the last
``_BAND`` of its rows) and top band, and its height against its width. A bar inks the bottom band
across the glyph (≥ 0.91 of its columns on the samples' scans at 150/200/300 dpi, rotated, blurred,
JPEG'd) and makes the glyph taller than wide (1.3–1.4); a chevron's arm tip inks at most 0.55 of
them, the glyph about as tall as wide (0.9–1.0). Anything between, a top band inked across (＝, two
bars), or a cell of more than one glyph, is no answer (None): the reading stands as it was.
"""

from __future__ import annotations

import numpy as np

from extract.components import components

INK_LEVELS = 48  # a pixel this much darker than the cell's paper is ink
_SPECK = 0.15  # a component below this share of the largest one's area is noise (a JPEG speck)
_BAND = 0.15  # the top and bottom bands: this share of the glyph's rows (one row at least)
_BAR = 0.8  # a bottom band inked across at least this share of the glyph's columns: a bar
_NO_BAR = 0.6  # … across at most this share: a chevron's arm tip, no bar
_OPEN = 0.7  # a top band inked across more than this share is no chevron (＝, a figure)
_TALL = 1.15  # height / width of a chevron with its bar (≥ ≤) above this, of one without (> <) below
_ASPECT = (0.7, 2.0)  # a single operator glyph's height / width lies in here

_SWAP = {"≥": ">", ">": "≥", "≤": "<", "<": "≤"}
_BARRED = ("≥", "≤")


def dark_mask(sub: np.ndarray) -> np.ndarray:
    """The ink of a grey cell image: pixels ``INK_LEVELS`` darker than its paper (and darker than
    halfway from its darkest pixel to the paper, so that a whited-out rule's grey rest is none)."""
    paper = float(np.percentile(sub, 90))
    return sub < min(paper - INK_LEVELS, (float(sub.min()) + paper) / 2)


def _glyph(sub: np.ndarray) -> np.ndarray | None:
    """The ink mask of the one glyph ``sub`` holds, cut to its box; None when it holds no ink or
    ink beside the glyph (more than one glyph)."""
    import cv2

    dark = dark_mask(sub).astype(np.uint8)
    cc = components(dark)
    n, labels, stats = cc.n, cc.labels, cc.stats
    if n < 2:
        return None
    big = max(range(1, n), key=lambda i: stats[i, cv2.CC_STAT_AREA])
    bx0 = stats[big, cv2.CC_STAT_LEFT]
    bx1 = bx0 + stats[big, cv2.CC_STAT_WIDTH]
    keep = np.zeros(dark.shape, dtype=bool)
    for i in range(1, n):
        if stats[i, cv2.CC_STAT_AREA] < _SPECK * stats[big, cv2.CC_STAT_AREA]:
            continue
        x0 = stats[i, cv2.CC_STAT_LEFT]
        x1 = x0 + stats[i, cv2.CC_STAT_WIDTH]
        if x1 <= bx0 or x0 >= bx1:
            return None  # a second glyph beside the first
        keep |= labels == i
    ys, xs = np.nonzero(keep)
    return keep[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]


def operator_bar(sub: np.ndarray) -> bool | None:
    """Does the operator glyph in the grey cell image ``sub`` print a bar under its chevron (≥ ≤:
    True; > <: False)? None when its ink does not tell (see the module's note)."""
    g = _glyph(sub)
    if g is None or min(g.shape) < 4:
        return None
    h, w = g.shape
    band = max(1, round(_BAND * h))
    top = float(g[:band].any(axis=0).mean())
    bottom = float(g[-band:].any(axis=0).mean())
    aspect = h / w
    if not _ASPECT[0] <= aspect <= _ASPECT[1] or top > _OPEN:
        return None
    if bottom >= _BAR and aspect > _TALL:
        return True
    if bottom <= _NO_BAR and aspect < _TALL:
        return False
    return None


def operator_by_ink(text: str, sub: np.ndarray) -> str | None:
    """The operator the ink ``sub`` of a cell read as ``text`` (≥ > ≤ <, width variants folded)
    shows when it is the other of its pair (> for a ≥ without a bar, ≥ for a > with one); None when
    the ink agrees, does not tell, or ``text`` is no such operator."""
    if text not in _SWAP:
        return None
    bar = operator_bar(sub)
    if bar is None or bar == (text in _BARRED):
        return None
    return _SWAP[text]
