"""The grey-fill search of scans (``extract.ruling._fill``) tells where the page's median over a
square lies below a level by counting the square's pixels below it (``_median_below``) and finds
the paper's level, the median of the median-filtered page, by those counts (``_median_level``),
without filtering: both agree with ``cv2.medianBlur`` and ``np.median`` exactly, edges included.
And the longest break of a rule's line (``_longest_break``) is the longest run of False."""

from __future__ import annotations

import numpy as np
import pytest

from extract.ruling import _longest_break, _median_below, _median_level


def _page(shape: tuple[int, int], seed: int) -> np.ndarray:
    """A generated page: noisy paper, a grey fill (a shaded header) and dark strokes on both."""
    rng = np.random.default_rng(seed)
    page = rng.normal(246, 6, shape)
    h, w = shape
    page[h // 6 : h // 3, w // 8 : w - w // 8] -= 14  # the fill
    for _ in range(60):  # strokes, some on the fill, some at the page's edge
        y, x = int(rng.integers(0, h)), int(rng.integers(0, w))
        page[y : y + int(rng.integers(2, 12)), x : x + int(rng.integers(2, 12))] = rng.normal(60, 20)
    return np.clip(page, 0, 255).astype(np.uint8)


@pytest.mark.parametrize(("shape", "size"), [((181, 240), 13), ((97, 131), 21), ((120, 160), 5)])
def test_the_median_below_a_level_is_told_by_counts(shape: tuple[int, int], size: int) -> None:
    import cv2

    page = _page(shape, seed=size)
    filtered = cv2.medianBlur(page, size)
    for level in (0, 1, 60, 200, 230, 240, 245, 250, 255, 256):
        assert np.array_equal(_median_below(page, level, size), filtered < level), level


@pytest.mark.parametrize(("shape", "size"), [((181, 240), 13), ((97, 131), 21), ((120, 161), 13)])
def test_the_paper_level_is_the_median_of_the_filtered_page(shape: tuple[int, int], size: int) -> None:
    import cv2

    page = _page(shape, seed=7 + size)  # 97 × 131: an odd count of pixels, one middle level
    assert _median_level(page, size) == float(np.median(cv2.medianBlur(page, size)))


def test_a_page_half_dark_has_its_median_between_two_levels() -> None:
    import cv2

    page = np.full((40, 60), 250, dtype=np.uint8)
    page[:20] = 100  # half the pixels 100, half 250: np.median is their mean
    assert _median_level(page, 13) == float(np.median(cv2.medianBlur(page, 13))) == 175.0


def test_the_longest_break_is_the_longest_run_of_false() -> None:
    rng = np.random.default_rng(3)
    for n in (0, 1, 2, 7, 50):
        for _ in range(20):
            drawn = rng.random(n) < 0.6
            best = run = 0
            for d in drawn:
                run = 0 if d else run + 1
                best = max(best, run)
            assert _longest_break(drawn) == best
