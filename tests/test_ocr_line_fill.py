"""Issue #17: a text-line crop the layout cut (tight in height) is fitted to part of the
recogniser's 48-px frame (``rec_line_fill``, padded with its paper): it costs fewer input columns
and reads the same. Whole-cell crops (amount cells cut by their box, re-reads, small print) keep
the whole frame: their print is lower than the crop, and shrinking it further loses digits
(tests/test_amount_reading.py reads such crops). Real page: the final account's p. 8 rendered at
200 dpi and degraded as bench/bench_real_scans.py renders it (bench/baselines.py ``render_pages``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from recording_engine import AMOUNT_CHARS, FINAL, page_line_crops

from extract.ocr import _fit, tight
from extract.settings import TABLE_SETTINGS


def test_a_line_crop_fills_part_of_the_frame_with_paper_around() -> None:
    line = np.full((40, 300), 255, dtype=np.uint8)
    line[8:32, 10:290:6] = 0
    full, part = _fit(line, 48, 4000), _fit(line, 48, 4000, TABLE_SETTINGS.rec_line_fill)
    assert part.shape[1] == full.shape[1] == 48
    assert part.shape[2] <= TABLE_SETTINGS.rec_line_fill * full.shape[2] + 1
    assert float(part[0, 0].min()) > 0.9 and float(part[0, -1].min()) > 0.9  # paper above and below


@pytest.mark.skipif(not FINAL.is_file(), reason="the real final account is not here")
def test_a_pages_line_crops_cost_fewer_columns_and_read_the_same(tmp_path: Path) -> None:
    rec = page_line_crops(FINAL, 8, 200, tmp_path)
    lines = rec.line_crops
    assert len(lines) > 40  # the page's text lines (and the orientation vote's, text lines too)
    eng = rec.eng
    filled, _ = eng.columns(lines, line_crops=True)  # type: ignore[attr-defined]
    whole, _ = eng.columns(lines)  # type: ignore[attr-defined]
    assert sum(filled) < 0.9 * sum(whole)
    tall = [k for k, img in enumerate(lines) if tight(img).shape[0] >= TABLE_SETTINGS.rec_line_fill_min_px]
    assert tall and all(filled[k] < whole[k] for k in tall)
    low = [k for k, img in enumerate(lines) if tight(img).shape[0] < TABLE_SETTINGS.rec_line_fill_min_px]
    low = [k for k in low if tight(lines[k]).shape[0] >= TABLE_SETTINGS.rec_low_fill_min_px]
    assert low and all(filled[k] < whole[k] for k in low)  # lines of digits: the lower fill
    # the same readings: every amount, and the text lines but for a character in a few
    now = [t for t, _ in eng.crops(lines, line_crops=True)]
    before = [t for t, _ in eng.crops(lines)]
    amounts = [k for k, t in enumerate(before) if t and set(t) <= AMOUNT_CHARS]
    assert len(amounts) > 20 and all(now[k] == before[k] for k in amounts)
    assert sum(a == b for a, b in zip(now, before, strict=True)) >= 0.95 * len(lines)
