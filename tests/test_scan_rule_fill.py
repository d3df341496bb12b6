"""Light rules on a grey fill: a table ruled in light grey whose header cells are printed on a grey
fill (北京's budget tables: rules 194, fill 241 of 255). Scanned, a rule is about 25 levels darker
than the fill beside it at 150 dpi and 45 at 200 dpi — as little as the paper's noise, below the
adaptive threshold beside the header's text and below the ridge of a rule on white paper
(``rule_ridge_levels``). The header's walls were lost, its cells merged (上年结转结余小计一般公共预算
资金单位资金) and the columns under them named otherwise than printed. A rule found by its ink is
continued along its own line by its faint line, found against whatever lies beside it: the page
averaged along the line, then a black-hat across it (``extract.ruling._faint_lines``).

The table is drawn by samples/make_scans.py (style ``filled``) and rendered and degraded as the
scan benchmark renders pages (bench/baselines.py ``render_pages``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import samples.make_scans as ms
from bench.baselines import render_pages
from extract import read
from extract.ruling import ruling_masks
from extract.settings import TABLE_SETTINGS

HEADER = [
    ["单位编码", "单位名称", "合计", "本年收入", "", "", "", "上年结转结余", "", ""],
    [
        "",
        "",
        "",
        "小计",
        "一般公共预算资金",
        "政府性基金预算资金",
        "事业收入",
        "小计",
        "一般公共预算资金",
        "单位资金",
    ],
]
BODY = [
    [
        "201001",
        "宣传部机关",
        "1,500.00",
        "1,200.00",
        "1,000.00",
        "150.00",
        "50.00",
        "300.00",
        "200.00",
        "100.00",
    ],
    ["201002", "宣传中心", "860.00", "700.00", "600.00", "60.00", "40.00", "160.00", "100.00", "60.00"],
    ["201003", "信息中心", "420.00", "400.00", "380.00", "20.00", "", "20.00", "20.00", ""],
]


@pytest.mark.parametrize("dpi", [150, 200])
def test_a_header_on_a_grey_fill_keeps_its_light_rules(tmp_path: Path, dpi: int) -> None:
    pdf = tmp_path / "filled.pdf"
    ms.render_pdf([ms.make_table("", "收入总表", "万元", HEADER + BODY)], pdf, "filled")
    (path,) = render_pages(pdf, [1], dpi, tmp_path / "pages")
    (table,) = read(path).tables
    grid = table.grid()
    assert grid[0][:4] == ["单位编码", "单位名称", "合计", "本年收入"] and grid[0][7] == "上年结转结余"
    assert grid[1][3:] == HEADER[1][3:]
    assert grid[2:] == BODY


def _page(fill: int, line: int | None, stroke: bool = False) -> np.ndarray:
    """A 200-dpi page: a frame ruled in black, its header band on a grey ``fill`` with a vertical rule
    of grey ``line`` down the header, continued below by a black rule; with ``stroke``, a lone
    grey vertical line of the same length in the band, in line with no rule."""
    rng = np.random.default_rng(3)
    img = np.full((400, 600), 250.0)
    img[100:160, 50:550] = fill  # the header band
    img[100:102, 50:550] = img[158:160, 50:550] = img[300:302, 50:550] = 0  # rules across
    img[100:302, 50:52] = img[100:302, 548:550] = 0  # the frame's sides
    img[160:302, 300:302] = 0  # the column's wall below the header, in ink
    if line is not None:
        img[102:158, 300:302] = line  # … and in the header, light on the fill
    if stroke:
        img[105:155, 420:422] = line if line is not None else 0
    img += rng.normal(0, 8, img.shape)
    return np.clip(img, 0, 255).astype(np.uint8)


def _wall(gray: np.ndarray, x: int) -> float:
    """The share of the header band's rows (between its rules) where the vertical mask holds ``x``."""
    from extract import ink as ink_ops

    scale = 200 / 72
    ink = ink_ops.ink_mask(gray, scale)
    _, v = ruling_masks(ink_ops.rule_ink(gray, scale, ink), scale, TABLE_SETTINGS, gray=gray)
    return float((v[106:154, x] > 0).mean())


def test_a_light_rule_on_a_fill_continues_the_rule_below_it() -> None:
    assert _wall(_page(240, 215), 301) == 1.0  # 25 levels darker than the fill
    assert _wall(_page(240, None), 301) < 0.5  # no line in the band: the wall is not made up


def test_a_lone_faint_line_on_a_fill_is_no_rule() -> None:
    """A faint vertical line in line with no rule (a character's long stroke) is not continued."""
    assert _wall(_page(240, 215, stroke=True), 421) == 0.0
