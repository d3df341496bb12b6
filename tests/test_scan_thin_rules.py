"""西安's 三公 table (p. 35, ../shared/real/), printed in about 4 pt on a landscape page, rendered at
150 dpi with the benchmark's degradations (bench/baselines.py ``render_pages``): its header's
light rules lie a pixel or two from its text, so the ridge that finds a thin rule beside paper
saw the text instead — the rule under 上年 lost its middle beside the bold heading below it, the
rules under 一般公共预算拨款安排的“三公”经费预算 and 公务用车购置及运行维护费 were lost whole, the dense
text of 公务用车购置费 | 公务用车运行维护费 blurred into a run across the wall between them (a
false rule), and the walls between those headings started late, below the rule over them: the
whole header came out as one cell per group. extract/thinrules finds the light rules by the
narrowest ridge from wall to wall, drops the runs inside a line of text and closes the walls up
to their rule, so the header has the printed cells, the same in each of the three groups, as
at 200 and 300 dpi."""

from __future__ import annotations

from pathlib import Path

import pytest
from sample_files import REAL  # ../shared/real beside the project

from bench.baselines import render_pages
from extract import ink as ink_ops
from extract.grid import Grid
from extract.layout import MAX_SCALE
from extract.paper import clean_paper
from extract.ruling import find_grids, ruling_masks
from extract.settings import TABLE_SETTINGS as S

XIAN = REAL / "西安市审计局2026年部门预算.pdf"
pytestmark = pytest.mark.skipif(not XIAN.is_file(), reason="the real 西安 budget is not here")


def _table_grid(path: Path, dpi: int) -> Grid:
    """The largest ruled grid of a scanned page, found as the layout finds it (paper cleaned, the
    page reduced to the layout's resolution and turned straight)."""
    import cv2

    gray = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    scale = dpi / 72
    gray = clean_paper(gray, scale, S)
    if scale > MAX_SCALE * 1.1:
        f = MAX_SCALE / scale
        gray = cv2.resize(
            gray, (int(gray.shape[1] * f), int(gray.shape[0] * f)), interpolation=cv2.INTER_AREA
        )
        scale = MAX_SCALE
    ink = ink_ops.ink_mask(gray, scale, settings=S)
    angle = ink_ops.deskew_angle(ink, S)
    if abs(angle) >= S.deskew_min_angle:
        gray = ink_ops.rotate(gray, angle)
        ink = ink_ops.ink_mask(gray, scale, settings=S)
    h, v = ruling_masks(ink_ops.rule_ink(gray, scale, ink, S), scale, S, gray=gray)
    return max(find_grids(h, v, scale, S), key=lambda g: len(g.cells))


def _header(grid: Grid) -> list[tuple[int, int, int, int]]:
    body = min(c.row for c in grid.cells if c.col == 0 and c.row > 0)  # the first row under 单位编码
    return sorted((c.row, c.col, c.rowspan, c.colspan) for c in grid.cells if c.row < body)


@pytest.mark.parametrize("dpi", [150, 300])
def test_light_header_rules_of_small_print_keep_its_header_cells(tmp_path: Path, dpi: int) -> None:
    (path,) = render_pages(XIAN, [35], dpi, tmp_path)
    header = _header(_table_grid(path, dpi))
    width = 9  # columns under each of 上年, 当年, 增减变化情况
    groups = [
        [(r, c - g * width, rs, cs) for r, c, rs, cs in header if g * width + 2 <= c < (g + 1) * width + 2]
        for g in range(3)
    ]
    assert groups[0] == groups[1] == groups[2], groups
    assert groups[0] == [
        (0, 2, 1, 9),  # 上年
        (1, 2, 3, 1),  # 合计
        (1, 3, 1, 6),  # 一般公共预算拨款安排的“三公”经费预算
        (1, 9, 3, 1),  # 会议费
        (1, 10, 3, 1),  # 培训费
        (2, 3, 2, 1),  # 小计
        (2, 4, 2, 1),  # 因公出国（境）费用
        (2, 5, 2, 1),  # 公务接待费
        (2, 6, 1, 3),  # 公务用车购置及运行维护费
        (3, 6, 1, 1),  # 小计
        (3, 7, 1, 1),  # 公务用车购置费
        (3, 8, 1, 1),  # 公务用车运行维护费
    ], groups[0]
    assert (0, 0, 4, 1) in header and (0, 1, 4, 1) in header  # 单位编码, 单位名称
