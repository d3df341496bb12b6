"""A table's rules removed from a scan leave a ragged edge: a one-pixel sliver of grey along a
thick rule, just outside the grid. It is no text: it is not cut as a text line and recognised
(a sliver 1 pixel high is magnified to the recogniser's 48-pixel height, and its width with it,
so a sliver along a table's top rule cost as much as the table's title). Real page: 泉州's
budget, page 9 (a ruled 12-column table), rendered at 200 dpi and degraded as bench/bench_real_scans.py
renders it (bench/baselines.py ``render_pages``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sample_files import REAL  # ../shared/real beside the project

from bench.baselines import render_pages
from extract.ocr import engine, tight
from extract.scanpage import read_scan_page

QUANZHOU = REAL / "泉州市市场监管综合监测与技术保障中心2026年度单位预算.pdf"
pytestmark = pytest.mark.skipif(not QUANZHOU.is_file(), reason="the real 泉州 budget is not here")


class _Counting:
    """The default engine, keeping the height of the ink of every crop it is asked to read."""

    lines = True

    def __init__(self) -> None:
        self.eng = engine("")
        self.heights: list[int] = []

    def page(self, gray: np.ndarray) -> list:
        return self.eng.page(gray)

    def crops(self, images: list[np.ndarray], line_crops: bool = False) -> list[tuple[str, float]]:
        self.heights.extend(tight(g).shape[0] for g in images)
        return self.eng.crops(images, line_crops)


def test_rule_edges_are_not_recognised_as_text_lines(tmp_path: Path) -> None:
    import cv2

    (path,) = render_pages(QUANZHOU, [9], 200, tmp_path)
    gray = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    counting = _Counting()
    scan = read_scan_page(gray, 200 / 72, 1, counting)  # type: ignore[arg-type]
    assert scan.layout.tables and len(counting.heights) > 30
    slivers = [h for h in counting.heights if h < 8]  # a line of print at 200 dpi is 20+ px high
    assert not slivers, slivers
