"""Light rules on white paper (extract.ruling): a table ruled in light grey whose text sits just
above each row's bottom rule. Scanned at 150 dpi, the rule is 15–20 levels darker than the paper:
below the ridge of a dark rule (``rule_ridge_levels``) and, beside the text above it, below the
adaptive threshold (its window's mean as dark as the rule), so each horizontal rule was left in
pieces between its cells' texts and the code and name cells merged down their rows. A rule found
by its ink is continued along its own line by its faint line (``extract.ruling._faint_lines``),
not through a line of text (its strokes have ink above and below them)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sample_files import REAL

from bench.baselines import render_pages

BEIJING = REAL / "北京市委宣传部2026年度部门预算报表.pdf"


@pytest.mark.skipif(not BEIJING.is_file(), reason="the real 北京 budget is not here")
def test_light_rules_under_text_on_white_paper_keep_their_rows(tmp_path: Path) -> None:
    """北京's 基本支出 continuation (p. 8) at 150 dpi, the benchmark's degradations: 35 rows of
    function | economic class | item | amounts, each row ruled off in light grey under its text.
    Every row is its own: no cell spans two rows."""
    import cv2

    from extract import ink as ink_ops
    from extract.paper import clean_paper
    from extract.ruling import find_grids, ruling_masks

    (path,) = render_pages(BEIJING, [8], 150, tmp_path)
    scale = 150 / 72
    gray = clean_paper(cv2.imread(str(path), cv2.IMREAD_GRAYSCALE), scale)
    ink = ink_ops.ink_mask(gray, scale)
    angle = ink_ops.deskew_angle(ink)
    gray = ink_ops.rotate(gray, angle)
    ink = ink_ops.ink_mask(gray, scale)
    h, v = ruling_masks(ink_ops.rule_ink(gray, scale, ink), scale, gray=gray)
    (grid,) = find_grids(h, v, scale)
    assert len({c.row for c in grid.cells}) == 35
    assert [c for c in grid.cells if c.rowspan > 1] == []


@pytest.mark.skipif(not BEIJING.is_file(), reason="the real 北京 budget is not here")
def test_light_rules_under_text_keep_each_rows_code_and_name(tmp_path: Path) -> None:
    """The same page read as a scan: each row's function code-name string in a cell of its own."""
    from extract import read

    (path,) = render_pages(BEIJING, [8], 150, tmp_path)
    grid = read(path).tables[0].grid()
    names = [row[0] for row in grid]
    assert sum(1 for n in names if n.startswith("2070699-")) >= 20
    assert not [n for n in names if n.count("20706") > 1]
