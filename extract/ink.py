"""Pixels → ink: the binarized page, its skew, the body text's character height, and text-line
boxes cut from the ink by XY-cut (no text detector). Works in image pixels; ``scale`` is pixels
per PDF point (dpi / 72), so thresholds are written in points and hold at any resolution."""

from __future__ import annotations

import numpy as np

from extract.components import components
from extract.settings import TABLE_SETTINGS, TableSettings
from extract.words import Box


def ink_mask(
    gray: np.ndarray, scale: float, rendered: bool = False, settings: TableSettings = TABLE_SETTINGS
) -> np.ndarray:
    """Binarized page (ink 255, paper 0): median denoise, then adaptive threshold; a page rendered
    from a PDF (no noise, white paper) takes a plain global threshold."""
    import cv2

    if rendered:
        return cv2.threshold(gray, settings.rendered_threshold, 255, cv2.THRESH_BINARY_INV)[1]

    img = cv2.medianBlur(gray, 3) if scale >= settings.denoise_min_scale else gray
    return _adaptive_ink(img, scale, settings)


def _adaptive_ink(img: np.ndarray, scale: float, settings: TableSettings) -> np.ndarray:
    """``img``'s adaptive threshold (ink 255), its block ``threshold_block_pt`` at ``scale``."""
    import cv2

    block = max(settings.threshold_block_min_px, int(scale * settings.threshold_block_pt) | 1)
    return cv2.adaptiveThreshold(
        img, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, settings.threshold_offset
    )


def rule_ink(
    gray: np.ndarray, scale: float, ink: np.ndarray, settings: TableSettings = TABLE_SETTINGS
) -> np.ndarray:
    """The ink rulings are looked for in: ``ink`` (``ink_mask`` of a scan) with, when the scan was
    median-filtered, the same threshold of the unfiltered pixels. A rule one pixel wide — as a page
    turned by a degree or two leaves it, sharp every few dozen rows where the turn puts it on one
    pixel column — is erased by the 3×3 median there and falls apart into pieces shorter than the
    shortest rule; a speck of noise the median takes out is no run of a rule's length, so it never
    makes a rule."""
    import cv2

    if scale < settings.denoise_min_scale:
        return ink
    return cv2.bitwise_or(ink, _adaptive_ink(gray, scale, settings))


def deskew_angle(ink: np.ndarray, settings: TableSettings = TABLE_SETTINGS) -> float:
    """The page's skew in degrees (|angle| ≤ ``settings.deskew_limit``), from the sharpness of row projections."""
    import cv2

    h, w = ink.shape
    f = min(1.0, settings.deskew_work_px / max(h, w))
    limit = settings.deskew_limit
    coarse, *fine = settings.deskew_steps
    span = settings.deskew_refine_span
    small = cv2.resize(ink, (max(1, int(w * f)), max(1, int(h * f))), interpolation=cv2.INTER_AREA)
    sh, sw = small.shape
    # the row profile of the reduced ink turned by an angle, from its inked pixels alone: each one
    # added to the row its centre turns to (no warp of the whole image per angle tried); rows are
    # counted from ``off`` above the image, so that no turned pixel's row is negative
    pts = cv2.findNonZero(small)
    if pts is None:
        return 0.0
    pts = pts.reshape(-1, 2)
    xs, ys = pts[:, 0].astype(np.float64) - sw / 2, pts[:, 1].astype(np.float64) - sh / 2
    weight = small[pts[:, 1], pts[:, 0]].astype(np.float64)
    off = int(np.ceil(np.hypot(sw, sh) / 2)) + 1

    def score(angle: float) -> float:
        a = np.deg2rad(angle)
        rows = ys * np.cos(a)
        rows -= xs * np.sin(a)
        rows += sh / 2 + 0.5 + off
        prof = np.bincount(rows.astype(np.intp), weights=weight, minlength=sh + 2 * off)[off : off + sh]
        return float(np.square(np.diff(prof)).sum())

    best = max(np.arange(-limit, limit + 1e-9, coarse), key=score)
    for step in fine:
        cands = np.arange(best - span * step, best + span * step + 1e-9, step)
        best = max(cands, key=score)
    return float(best)


def rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    """The page rotated by ``angle`` degrees about its centre (white fill)."""
    import cv2

    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def ink_char_height(ink: np.ndarray, scale: float, settings: TableSettings = TABLE_SETTINGS) -> float:
    """The body text's character height in pixels, from the ink's connected components (the
    upper half of component heights; CJK characters are one to three components each)."""
    import cv2

    stats = components(ink).stats
    hs = stats[1:, cv2.CC_STAT_HEIGHT]
    ws = stats[1:, cv2.CC_STAT_WIDTH]
    low = max(settings.char_min_px, settings.char_min_pt * scale)
    high = settings.char_max_pt * scale
    keep = hs[(hs >= low) & (hs <= high) & (ws <= high)]
    if keep.size < settings.char_min_components:
        return settings.char_default_pt * scale
    return float(np.percentile(keep, settings.char_percentile))


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


def text_boxes(
    ink: np.ndarray, char_h: float, box: Box | None = None, settings: TableSettings = TABLE_SETTINGS
) -> list[Box]:
    """Text-line pieces of a binarized region by recursive XY-cut: bands split at blank rows, bands
    split at blank columns wider than ``char_h`` (a column gap), repeated until nothing splits.
    Replaces a text detector for printed tables (no model, a few milliseconds per page)."""
    x0, y0 = (int(box[0]), int(box[1])) if box else (0, 0)
    x1, y1 = (int(box[2]), int(box[3])) if box else (ink.shape[1], ink.shape[0])
    out: list[Box] = []
    col_gap = max(settings.column_gap_min_px, int(settings.column_gap_ch * char_h))
    thin = settings.stroke_ch * char_h
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
            ink[b:d, a:c].any(axis=0),
            max(col_gap, int(settings.short_band_gap_ratio * (d - b)))
            if d - b < settings.short_band_ch * char_h
            else col_gap,
        )
        if len(cols) > 1:
            stack.extend((a + c0, b, a + c1, d) for c0, c1 in cols)
            continue
        a, c = a + cols[0][0], a + cols[0][1]
        if c - a < settings.speck_ch * char_h and d - b < settings.speck_ch * char_h:
            continue  # a speck
        out.append((float(a), float(b), float(c), float(d)))
    out = _join_strokes(out, char_h, settings)
    out.sort(key=lambda bx: (bx[1], bx[0]))
    return out


def _join_strokes(boxes: list[Box], char_h: float, settings: TableSettings) -> list[Box]:
    """Thin pieces (the strokes of 二 or 三 cut apart by a neighbour's line break) joined to the
    piece right above or below them that covers them."""
    boxes = list(boxes)
    changed = True
    while changed:
        changed = False
        for i, t in enumerate(boxes):
            if t[3] - t[1] >= settings.stroke_ch * char_h:
                continue
            for j, o in enumerate(boxes):
                if j == i:
                    continue
                overlap = min(t[2], o[2]) - max(t[0], o[0])
                gap = max(o[1] - t[3], t[1] - o[3])
                if (
                    overlap >= settings.stroke_overlap_ratio * min(t[2] - t[0], o[2] - o[0])
                    and gap <= settings.stroke_gap_ch * char_h
                ):
                    boxes[j] = (min(t[0], o[0]), min(t[1], o[1]), max(t[2], o[2]), max(t[3], o[3]))
                    del boxes[i]
                    changed = True
                    break
            if changed:
                break
    return boxes
