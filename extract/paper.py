"""The paper of a scanned page made white before it is read (issue #17): archive scans show the
scanner's dark bed around the page's edge, grey or yellowish paper under uneven light, the reverse
page's print showing through and faded ink. The adaptive threshold (``extract.ink``) takes the
bed's edge for a rule framing the page and the show-through for ink: rules across the table,
mirrored characters beside the real ones.

``clean_paper`` whitens the bed (a dark region at least ``bed_thick_pt`` thick both ways that
touches the image's edge: no character stroke or rule is that thick), then — only on paper that is
not white and evenly lit — divides the page by its background (its lightest grey in a window wider
than any character) and stretches the levels so the ink's darkness (``ink_depth_percentile``) is
black and a mark lighter than ``show_through_ratio`` of it is paper. A page of white, evenly lit
paper with no bed around it is returned as it came.
"""

from __future__ import annotations

import numpy as np

from extract.components import AREA, HEIGHT, LEFT, TOP, WIDTH, components
from extract.settings import TABLE_SETTINGS, TableSettings


def clean_paper(gray: np.ndarray, scale: float, settings: TableSettings = TABLE_SETTINGS) -> np.ndarray:
    """``gray`` (``scale`` px per point) with the scanner's bed whitened and, on tinted or unevenly
    lit paper, the background levelled and the show-through taken out; the same array when neither applies."""
    bed = bed_region(gray, scale, settings)
    out = levelled(gray, scale, bed, settings)
    made = out is not gray or is_bilevel(gray)  # paper made white, or a 1-bit page: specks are no print
    if bed is not None:
        if out is gray:  # white paper: the bed painted its grey
            out = gray.copy()
            out[bed] = int(np.median(gray[~bed]))
        else:
            out[bed] = 255
    return without_specks(out, scale, settings) if made else out


def is_bilevel(gray: np.ndarray) -> bool:
    """Whether the page holds two grey levels at most (a binarised, 1-bit scan)."""
    import cv2

    return int(np.count_nonzero(cv2.calcHist([gray], [0], None, [256], [0, 256]))) <= 2


def without_specks(gray: np.ndarray, scale: float, settings: TableSettings = TABLE_SETTINGS) -> np.ndarray:
    """``gray`` with its specks whitened: dark dots no larger than ``speck_max_pt`` both ways with no
    other ink within ``speck_clear_pt`` (a decimal point or a character's dot sits by its figures)."""
    import cv2

    ink = (gray < 128).astype(np.uint8)
    comps = components(ink)
    if comps.n <= 1:
        return gray
    most = max(1, int(round(scale * settings.speck_max_pt)))
    st = comps.stats
    small = (st[:, WIDTH] <= most) & (st[:, HEIGHT] <= most)
    small[0] = False
    if not small.any():
        return gray
    r = max(1, int(round(scale * settings.speck_clear_pt)))
    h, w = ink.shape
    sums = cv2.integral(ink)  # ink pixels in each small dot's box grown by r, its own ones apart
    idx = np.flatnonzero(small)
    x0 = np.clip(st[idx, LEFT] - r, 0, w)
    y0 = np.clip(st[idx, TOP] - r, 0, h)
    x1 = np.clip(st[idx, LEFT] + st[idx, WIDTH] + r, 0, w)
    y1 = np.clip(st[idx, TOP] + st[idx, HEIGHT] + r, 0, h)
    around = sums[y1, x1] - sums[y0, x1] - sums[y1, x0] + sums[y0, x0] - st[idx, AREA]
    alone = np.zeros(comps.n, dtype=bool)
    alone[idx[around <= 0]] = True
    lone = alone[comps.labels]
    if not lone.any():
        return gray
    out = gray.copy()
    out[cv2.dilate(lone.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0] = 255
    return out


def bed_region(gray: np.ndarray, scale: float, settings: TableSettings = TABLE_SETTINGS) -> np.ndarray | None:
    """The scanner's bed around the page (a boolean mask, ``None`` when the page shows none): the
    dark pixels (``bed_dark_ratio`` of the paper's grey) joined to a region of them at least
    ``bed_thick_pt`` thick both ways that touches the image's edge — and, once there is one, every
    dark piece touching the image's edge (the bed's thin ends where the page's skew narrows it) —,
    grown by ``bed_grow_pt``."""
    import cv2

    h, w = gray.shape[:2]
    f = min(1.0, settings.bed_work_px / max(h, w))
    small = cv2.resize(gray, (max(1, int(w * f)), max(1, int(h * f))), interpolation=cv2.INTER_AREA)
    paper = float(np.median(small))
    dark = (small < paper * settings.bed_dark_ratio).astype(np.uint8)
    k = max(3, int(round(scale * f * settings.bed_thick_pt)) | 1)  # odd: an even opening shifts by a pixel
    thick = cv2.morphologyEx(dark, cv2.MORPH_OPEN, np.ones((k, k), np.uint8))
    if not thick.any():
        return None
    comps = components(thick)
    touching = np.flatnonzero(_at_edge(comps.stats, small.shape))
    touching = touching[touching > 0]
    if not touching.size:
        return None
    joined = components(dark)  # the bed's dark pixels, and any dark piece at the image's edge beside it
    edge = np.flatnonzero(_at_edge(joined.stats, small.shape))
    keep = np.union1d(np.unique(joined.labels[np.isin(comps.labels, touching)]), edge)
    keep = keep[keep > 0]  # never the background, the paper
    bed = np.isin(joined.labels, keep).astype(np.uint8)
    g = max(1, int(round(scale * f * settings.bed_grow_pt)))
    bed = cv2.dilate(bed, np.ones((2 * g + 1, 2 * g + 1), np.uint8))
    return cv2.resize(bed, (w, h), interpolation=cv2.INTER_NEAREST) > 0


def _at_edge(stats: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Which components (``extract.components`` statistics) touch the edge of an image of ``shape``."""
    h, w = shape[:2]
    return (
        (stats[:, LEFT] == 0)
        | (stats[:, TOP] == 0)
        | (stats[:, LEFT] + stats[:, WIDTH] >= w)
        | (stats[:, TOP] + stats[:, HEIGHT] >= h)
    )


def levelled(
    gray: np.ndarray, scale: float, bed: np.ndarray | None = None, settings: TableSettings = TABLE_SETTINGS
) -> np.ndarray:
    """``gray`` divided by its paper's background (the bed ``bed`` left out of it) and its levels
    stretched (the ink's darkness to black, marks lighter than ``show_through_ratio`` of it to
    white) — unless the paper is white and evenly lit (``paper_even_levels``, ``paper_white_level``),
    when it is returned as it came."""
    import cv2

    h, w = gray.shape[:2]
    f = min(1.0, settings.paper_work_px / max(h, w))
    size = (max(1, int(w * f)), max(1, int(h * f)))
    small = cv2.resize(gray, size, interpolation=cv2.INTER_AREA)
    if bed is not None:
        small[cv2.resize(bed.astype(np.uint8) * 255, size, interpolation=cv2.INTER_AREA) > 0] = 0
    k = max(3, int(round(scale * f * settings.paper_window_pt)) | 1)
    bg = cv2.dilate(small, np.ones((k, k), np.uint8))
    bg = cv2.blur(bg, (k, k))
    paper = bg[bg > 0] if bed is not None else bg
    lo, mid, hi = np.percentile(paper, (5, 50, 95)) if paper.size else (0, 0, 0)
    if hi - lo < settings.paper_even_levels and mid >= settings.paper_white_level:
        return gray
    flat = cv2.divide(gray, cv2.resize(bg, (w, h), interpolation=cv2.INTER_LINEAR), scale=255)
    step = max(1, int(round(1 / f)))  # the ink's darkness from every step-th pixel (strided: not averaged)
    sample = flat[::step, ::step] if bed is None else flat[::step, ::step][~bed[::step, ::step]]
    ink = float(np.percentile(sample, settings.ink_depth_percentile)) if sample.size else 0.0
    floor = 255.0 - settings.show_through_ratio * (255.0 - ink)
    if floor - ink < 1.0:
        return flat
    levels = np.clip((np.arange(256, dtype=np.float32) - ink) / (floor - ink), 0.0, 1.0) * 255.0
    return cv2.LUT(flat, levels.astype(np.uint8))
