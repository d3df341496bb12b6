"""A scanned item name whose last bracket opens and never closes (issue 17).

湖州's 收入预算总表 (p. 28) at 150 dpi wraps 湖州师范学院附属第一医院（湖州市第一人民医院） onto two lines;
the second, 民医院）, is read without its closing bracket (a thin last glyph at the crop's edge), and
the unit's five items did not match the page's name. Printed names close what they open: the
bracket is closed and the name doubted (``scan_name_bracket_closed``: its records go to review).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sample_files import REAL

from bench.baselines import render_pages
from classify.analyze import analyze
from extract import read
from extract.model import Cell, Table
from extract.scannames import check_item_names

HUZHOU = REAL / "湖州市卫生健康委员会2026年部门预算.pdf"


@pytest.mark.skipif(not HUZHOU.is_file(), reason="the real 湖州 budget is not here")
def test_a_name_read_without_its_closing_bracket_is_closed_and_doubted(tmp_path: Path) -> None:
    (path,) = render_pages(HUZHOU, [28], 150, tmp_path)
    extraction = analyze(read(path))
    named = [li for li in extraction.line_items if li.name.startswith("湖州师范学院附属第一医院")]
    assert len(named) == 5
    assert {li.name for li in named} == {"湖州师范学院附属第一医院（湖州市第一人民医院）"}
    assert all(li.status == "pending" for li in named)
    assert all(any(r.code == "scan_name_bracket_closed" for r in li.reason) for li in named)


def test_only_a_last_bracket_left_open_is_closed() -> None:
    texts = [
        "政府办公厅（室）及相关机构事务",
        "湖州市第三人民医院（湖州市精神病院）",
        "行政运行",
        "（一）工资福利支出",
    ]
    cells = [Cell(0, 0, "项目", confidence=0.99)] + [
        Cell(r, 0, t, confidence=0.99) for r, t in enumerate([*texts, "湖州市第一医院（湖州"], 1)
    ]
    table = Table(seq=1, title="收入预算总表", cells=cells, header_rows=1)
    check_item_names(table)
    assert [c.text for c in table.cells[1:]] == [*texts, "湖州市第一医院（湖州）"]
    assert [c.doubt is not None for c in table.cells[1:]] == [False] * 4 + [True]
