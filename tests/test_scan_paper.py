"""Archive scans' paper (``extract.paper``, issue #17): real pages (../shared/real/) rendered in place
and degraded as bench/bench_real_scans.py ``--degrade harsh`` / ``binary`` degrades them
(samples/make_scans.py ``degrade_harsh``: a colour scan of yellowish or grey paper under uneven light,
the reverse page showing through, faded ink, the scanner's dark bed around the page's edge, skew up
to 4°; ``degrade_binary``: a 1-bit page on a black bed), read as scans.

* 泉州's 收入预算总表 (p. 9): the adaptive threshold took the bed's edge for a rule framing the page,
  and the page was read as one 1×2 table around everything — the 12-column table and its 22 amounts
  lost (the 1-bit page likewise, its specks read as text beside the headings). The bed is whitened,
  the paper levelled and lone specks taken out before the page is read.
* 深圳's 收支总表 (p. 18, a landscape page): the bed's opening, with an even kernel, reached a pixel
  past the dark pixels into the paper, and the paper (the background, label 0) was taken for the
  bed — the whole page whitened, its table lost. The bed is only ever dark pixels.
* The real scans (长沙 …扫描件.pdf) and the samples' degradation (white paper, no bed) are left as
  they came: ``clean_paper`` returns the same array."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from sample_files import REAL

from bench.baselines import render_pages
from extract import read
from extract.images import open_pdf, render_pdf_page, render_scan_page
from extract.paper import bed_region, clean_paper
from samples.make_scans import degrade_samples

QUANZHOU = REAL / "泉州市市场监管综合监测与技术保障中心2026年度单位预算.pdf"
SHENZHEN = REAL / "深圳市退役军人事务局2026年部门预算.pdf"
CHANGSHA_SCAN = REAL / "长沙市财政局2025年普惠金融发展专项资金预算扫描件.pdf"
HEADER = [
    "单位名称",
    "总计",
    "一般公共预算拨款收入",
    "政府性基金预算拨款收入",
    "国有资本经营预算拨款收入",
    "财政专户管理资金收入",
    "事业收入",
    "事业单位经营收入",
    "上级补助收入",
    "附属单位上缴收入",
    "其他收入",
    "上年结转结余",
]


@pytest.mark.skipif(not QUANZHOU.is_file(), reason="the real 泉州 budget is not here")
@pytest.mark.parametrize("degradation", ["harsh", "binary"])
def test_a_page_on_the_scanner_bed_keeps_its_table(tmp_path: Path, degradation: str) -> None:
    (path,) = render_pages(QUANZHOU, [9], 200, tmp_path, degradation=degradation)
    tables = [t for t in read(path).tables if t.n_cols >= 12]
    assert len(tables) == 1 and tables[0].n_rows == 3
    assert [t.strip(",.·") for t in tables[0].grid()[0] if t] == HEADER


def _harsh_bed(pdf: Path, page: int, tmp_path: Path) -> tuple[Path, np.ndarray, np.ndarray]:
    """``page`` of ``pdf`` rendered at 200 dpi with the harsh archive degradation: its file, its
    grey image and the scanner bed found on it."""
    import cv2

    (path,) = render_pages(pdf, [page], 200, tmp_path, degradation="harsh")
    gray = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    bed = bed_region(gray, 200 / 72)
    assert bed is not None
    return path, gray, bed


@pytest.mark.skipif(not QUANZHOU.is_file(), reason="the real 泉州 budget is not here")
def test_the_bed_is_found_around_the_page_and_nowhere_else(tmp_path: Path) -> None:
    path, gray, bed = _harsh_bed(QUANZHOU, 9, tmp_path)
    h, w = gray.shape
    assert bed[0].mean() > 0.5 and bed[-1].mean() > 0.5  # the bed's strips along the image's edges
    assert not bed[h // 4 : 3 * h // 4, w // 10 : 9 * w // 10].any()  # none of the page inside
    cleaned = clean_paper(gray, 200 / 72)
    assert float(np.median(cleaned)) == 255.0  # the paper levelled to white


@pytest.mark.skipif(not SHENZHEN.is_file(), reason="the real 深圳 budget is not here")
def test_the_bed_is_never_the_paper(tmp_path: Path) -> None:
    path, gray, bed = _harsh_bed(SHENZHEN, 18, tmp_path)
    h, w = gray.shape
    assert bed[:, 0].mean() > 0.5 and bed[-1].mean() > 0.5  # the bed's strips at the left and the foot
    assert not bed[h // 4 : 3 * h // 4, w // 10 : 9 * w // 10].any()  # none of the page inside
    tables = [t for t in read(path).tables if t.n_cols >= 4]
    assert len(tables) == 1 and tables[0].n_cols == 4 and tables[0].n_rows >= 14  # 收入 | 支出, 12 rows under
    assert "5.其他收入" in {c.text for c in tables[0].cells}


@pytest.mark.skipif(not CHANGSHA_SCAN.is_file(), reason="the real 长沙 scan is not here")
def test_white_paper_is_left_as_it_came() -> None:
    pdf = open_pdf(CHANGSHA_SCAN)
    try:
        gray, _ = render_scan_page(pdf[2], 200)
        assert clean_paper(gray, 200 / 72) is gray  # a real scan
        page = render_pdf_page(pdf[0], 200)
    finally:
        pdf.close()
    data, _ = degrade_samples(page, random.Random(7))
    import cv2

    sample = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    assert clean_paper(sample, 200 / 72) is sample  # the samples' degradation
