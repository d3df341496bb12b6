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


@pytest.mark.skipif(not HUZHOU.is_file(), reason="the real 湖州 budget is not here")
def test_a_unit_named_one_character_from_its_kind_of_body_is_repaired_and_doubted(tmp_path: Path) -> None:
    """湖州's 收入预算总表 (p. 28) at 150 dpi reads 湖州市急救中心 as 湖州市急教中心 (0.96) in every
    preparation of its crop: no kind of body (``extract.vocabulary.UNIT_KINDS``) ends so, 急救中心 is
    one character from it. Named 急救中心 and doubted (``scan_name_unit_kind``): its items pending."""
    (path,) = render_pages(HUZHOU, [28], 150, tmp_path)
    extraction = analyze(read(path))
    named = [li for li in extraction.line_items if li.name == "湖州市急救中心"]
    assert len(named) == 4
    assert all(li.status == "pending" for li in named)
    assert all("scan_name_unit_kind" in {r.code for r in li.reason} for li in named)


def _unit_table(name: str, confidence: float) -> Table:
    return Table(
        1,
        "",
        [
            Cell(0, 0, "单位名称"),
            Cell(1, 0, name, confidence=confidence),
            Cell(1, 1, "1292.51", confidence=0.99),
        ],
        header_rows=1,
    )


@pytest.mark.parametrize(
    ("name", "confidence"),
    [
        ("湖州市急救中心", 0.90),  # a kind of body as printed
        ("湖州市急教中心", 0.99),  # read clearly: no repair on sight
        ("某区社会福利会", 0.90),  # the body's own word read otherwise (会, not 院): another body
        ("湖州市人民法院", 0.90),  # one character from 人民医院, itself a kind
    ],
)
def test_unit_names_without_evidence_of_a_misread_kind_are_kept(name: str, confidence: float) -> None:
    table = _unit_table(name, confidence)
    check_item_names(table)
    cell = table.cell(1, 0)
    assert cell is not None and cell.text == name and cell.doubt is None
