"""Issue #17: a text-line crop at least ``rec_small_frame_min_px`` high is recognised in a lower
frame (``rec_small_frame_px`` instead of the recogniser's 48 px: fewer rows and fewer columns to
compute), and read again in the 48-px frame when it reads as nothing or a character of it is read
below ``rec_small_frame_recheck`` (the full frame settles the lower frame's doubts). Lower crops
(small print) and whole-cell crops keep the full frame. Real page: the final account's p. 8
rendered at 200 dpi and degraded as bench/bench_real_scans.py renders it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from recording_engine import AMOUNT_CHARS, FINAL, page_line_crops

from extract.ocr import RapidEngine, engine, tight
from extract.settings import TABLE_SETTINGS

FULL = 48  # the recogniser's own frame height (PP-OCRv4)


def _full_frame(eng: RapidEngine, lines: list[np.ndarray]) -> list:
    """``lines`` read as line crops with every crop in the full frame (no lower frame)."""
    small = eng.small_frame
    eng.small_frame = 0
    try:
        return eng.crops(lines, line_crops=True)
    finally:
        eng.small_frame = small


def _line(text_h: int, width: int = 240) -> np.ndarray:
    """A generated line crop: dark strokes ``text_h`` px high on paper."""
    img = np.full((text_h + 8, width), 250, dtype=np.uint8)
    img[4 : 4 + text_h, 10 : width - 10 : 7] = 20
    return img


def test_the_frame_follows_the_crops_height() -> None:
    eng = engine("")
    assert isinstance(eng, RapidEngine)
    low, high = TABLE_SETTINGS.rec_small_frame_min_px - 1, TABLE_SETTINGS.rec_small_frame_min_px
    assert eng.frame_height(high, 0.75, FULL) == TABLE_SETTINGS.rec_small_frame_px < FULL
    assert eng.frame_height(low, 1.0, FULL) == FULL  # small print: the full frame
    # a crop read as nothing in the lower frame is read again in the full one
    (blank,) = eng.crops([np.full((high + 8, 60), 250, dtype=np.uint8)], line_crops=True)
    assert blank[0] == "" and blank.frame == FULL
    # whole-cell crops keep the full frame
    assert all(r.frame == FULL for r in eng.crops([_line(high + 4)]))


@pytest.mark.skipif(not FINAL.is_file(), reason="the real final account is not here")
def test_a_pages_line_crops_read_in_the_lower_frame_read_the_same(tmp_path: Path) -> None:
    rec = page_line_crops(FINAL, 8, 200, tmp_path)
    lines, eng = rec.line_crops, rec.eng
    assert isinstance(eng, RapidEngine) and len(lines) > 40
    now = eng.crops(lines, line_crops=True)
    before = _full_frame(eng, lines)
    high = [k for k, img in enumerate(lines) if tight(img).shape[0] >= TABLE_SETTINGS.rec_small_frame_min_px]
    small = [k for k, r in enumerate(now) if r.frame == TABLE_SETTINGS.rec_small_frame_px]
    # most high crops are read in the lower frame; the rest, read unsure there, again in the full one
    assert len(small) >= 0.6 * len(high) and set(small) <= set(high)
    again = [k for k in high if k not in small]
    assert all(now[k].frame == FULL and now[k][0] == before[k][0] for k in again)
    assert all(r.frame == FULL for k, r in enumerate(now) if k not in high)
    for k in small:  # read sure in the lower frame
        assert now[k][0] and now[k][1] >= eng.recheck_below
        assert now[k].low is not None and now[k].low[1] >= eng.recheck_below
    # every amount reads the same (its restricted reading too), the text lines but for a few
    amounts = [k for k, r in enumerate(before) if r[0] and set(r[0]) <= AMOUNT_CHARS]
    assert len(amounts) > 20
    assert all(now[k][0] == before[k][0] and now[k].amount.chars == before[k].amount.chars for k in amounts)
    assert sum(a[0] == b[0] for a, b in zip(now, before, strict=True)) >= 0.95 * len(lines)


def test_an_unsure_reading_is_read_again_in_the_full_frame() -> None:
    eng = engine("")
    assert isinstance(eng, RapidEngine)
    crops = [_line(TABLE_SETTINGS.rec_small_frame_min_px + 6)]
    below = eng.recheck_below
    eng.recheck_below = 1.01  # every reading unsure
    try:
        (again,) = eng.crops(crops, line_crops=True)
    finally:
        eng.recheck_below = below
    (full,) = _full_frame(eng, crops)
    assert again.frame == FULL and again[0] == full[0] and again.low == full.low
