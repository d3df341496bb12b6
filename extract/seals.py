"""Seals and stamps taken out of a colour page before it is binarised.

Chinese official documents carry red (sometimes blue) round seals printed over the text. In HSV a
seal's ink is saturated red or blue while printed text is black or grey: every saturated red/blue
pixel is replaced by its brightness (HSV value), which turns the seal's own ink into paper and
keeps the text printed under it dark (a black stroke under red ink is still dark). The region the
seal covers is kept as a mask, so a reading under a seal can be doubted instead of trusted.
"""

from __future__ import annotations

import numpy as np

from extract.settings import TABLE_SETTINGS, TableSettings


def seal_pixels(rgb: np.ndarray, settings: TableSettings = TABLE_SETTINGS) -> np.ndarray:
    """Boolean mask of the saturated red and blue pixels of an H×W×3 RGB page."""
    import cv2

    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    h, s, v = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    red = (h <= settings.seal_red_hue_max) | (h >= settings.seal_red_hue_min)
    blue = (
        (h >= settings.seal_blue_hue[0])
        & (h <= settings.seal_blue_hue[1])
        & (s >= settings.seal_blue_sat_min)
    )
    return (s >= settings.seal_sat_min) & (v >= settings.seal_value_min) & (red | blue)


def gray_without_seals(
    rgb: np.ndarray, settings: TableSettings = TABLE_SETTINGS
) -> tuple[np.ndarray, np.ndarray | None]:
    """The page in grayscale with red and blue ink removed, and the region the seals cover (a
    boolean mask, ``None`` when the page carries no seal)."""
    import cv2

    rgb = np.ascontiguousarray(rgb[..., :3], dtype=np.uint8)
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    mask = seal_pixels(rgb, settings)
    if int(mask.sum()) < settings.seal_min_pixels:
        return gray, None
    grown = cv2.dilate(mask.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0  # JPEG fringes
    value = rgb.max(axis=2)
    gray = np.where(grown, np.maximum(gray, value), gray).astype(np.uint8)
    k = max(3, int(min(gray.shape) * settings.seal_region_ratio) | 1)
    region = cv2.morphologyEx(grown.astype(np.uint8), cv2.MORPH_CLOSE, np.ones((k, k), np.uint8)) > 0
    return gray, region


def covered_share(region: np.ndarray | None, box: tuple[float, float, float, float]) -> float:
    """Share of ``box`` (x0, y0, x1, y1 in the region's pixels) inside the seal region."""
    if region is None:
        return 0.0
    x0, y0 = max(0, int(box[0])), max(0, int(box[1]))
    x1, y1 = min(region.shape[1], int(np.ceil(box[2]))), min(region.shape[0], int(np.ceil(box[3])))
    if x1 <= x0 or y1 <= y0:
        return 0.0
    return float(region[y0:y1, x0:x1].mean())
