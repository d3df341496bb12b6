"""extract.components: the connected components the scan path's ink, ruling and orientation passes
use (issue #17) are cv2's own, labels and statistics, on a scanned page's masks."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from extract.components import components

PAGE = Path(__file__).resolve().parent.parent / "samples" / "scans" / "000-ruled-150dpi" / "page-001.jpg"


def _same_as_cv2(mask: np.ndarray) -> None:
    import cv2

    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    got = components(mask)
    assert got.n == n
    assert np.array_equal(got.labels, labels)
    assert np.array_equal(got.stats[1:], stats[1:])  # every component's box and area
    assert got.stats[0, 4] == stats[0, 4]  # the background's pixel count


def test_components_of_a_scanned_pages_masks_are_cv2s() -> None:
    import cv2

    from extract.ink import ink_mask, rule_ink
    from extract.ruling import ruling_masks

    gray = cv2.imread(str(PAGE), cv2.IMREAD_GRAYSCALE)
    scale = 150 / 72
    ink = ink_mask(gray, scale)
    h, v = ruling_masks(rule_ink(gray, scale, ink), scale, gray=gray)
    for mask in (ink, h, v, cv2.bitwise_or(h, v), ink[100:400, 50:700], (ink > 0).astype(np.uint8)):
        _same_as_cv2(mask)


def test_components_of_an_empty_mask() -> None:
    got = components(np.zeros((7, 9), dtype=np.uint8))
    assert got.n == 1
    assert got.stats.tolist() == [[0, 0, 9, 7, 63]]
    one = np.zeros((7, 9), dtype=np.uint8)
    one[2:4, 3] = 255
    assert components(one).stats[1].tolist() == [3, 2, 1, 2, 2]
