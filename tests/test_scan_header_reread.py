"""Doubted header cells of scanned tables read again from the page (issue 17).

湖州's 一般公共预算… 收支总表 (p. 33) at 150 dpi read the 支出 side's 项目 as 项日 (0.77): no label,
too short to repair on sight, so it was doubted and the side's items were named by the 收入 side's
names (一般公共预算 837,800 for 基础研究) and sent to review. Read again from its ink alone the cell
gives 项目 in every preparation: a label the first reading is a misreading of, so the header is
repaired with the evidence kept (``scan_header_reread``). Readings that do not agree on a label
leave the cell as read and doubted.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sample_files import REAL

from bench.baselines import render_pages
from classify.analyze import analyze
from extract import read
from extract.headerreread import reread_headers
from extract.model import Cell, Table
from extract.reasons import reason

HUZHOU = REAL / "湖州市卫生健康委员会2026年部门预算.pdf"


@pytest.mark.skipif(not HUZHOU.is_file(), reason="the real 湖州 budget is not here")
def test_a_header_misread_into_a_near_character_is_read_again(tmp_path: Path) -> None:
    (path,) = render_pages(HUZHOU, [33], 150, tmp_path)
    doc = read(path)
    table = doc.tables[0]
    assert table.grid()[1] == ["项目", "预算数", "项目", "预算数"]
    (why,) = [w for w in table.warnings if w.code == "scan_header_reread"]
    assert why.args["raw"] == "项日" and why.args["label"] == "项目"
    assert not [w for w in table.warnings if w.code == "scan_header_doubted"]
    items = {(li.name, li.column, str(li.amount_yuan)) for li in analyze(doc).line_items}
    assert ("基础研究", "支出/预算数", "837800.00") in items
    assert ("实验室及相关设施", "支出/预算数", "837800.00") in items


def _doubted_table() -> tuple[Table, np.ndarray]:
    page = np.full((60, 200), 255, dtype=np.uint8)
    page[20:40, 30:90] = 0  # some print inside the cell's walls
    cells = [
        Cell(0, 0, "项日", bbox=(10.0, 10.0, 110.0, 50.0), confidence=0.6),
        Cell(0, 1, "预算数", bbox=(110.0, 10.0, 190.0, 50.0), confidence=0.99),
        Cell(1, 0, "基础研究", confidence=0.99),
        Cell(1, 1, "83.78", confidence=0.99),
    ]
    table = Table(1, "", cells, header_rows=1)
    table.warnings.append(reason("scan_header_doubted", row=0, col=0, raw="项日", confidence=0.77))
    return table, page


@pytest.mark.parametrize(
    "readings",
    [
        ["项日"] * 13,  # the re-reading agrees with the first: no label
        ["项目"] * 6 + ["项日"] * 7,  # a label, but not what most preparations read
        ["合计"] * 13,  # a label two characters from the reading: another word
    ],
)
def test_readings_that_give_no_agreed_near_label_leave_the_header_doubted(readings: list[str]) -> None:
    table, page = _doubted_table()

    def crops(images: list[np.ndarray], line_crops: bool = False) -> list[tuple[str, float]]:
        return [(readings[i % len(readings)], 0.99) for i in range(len(images))]

    assert reread_headers(table, page, crops) == 0
    assert table.cell(0, 0).text == "项日" and table.cell(0, 0).confidence == 0.6  # type: ignore[union-attr]
    assert [w.code for w in table.warnings] == ["scan_header_doubted"]
