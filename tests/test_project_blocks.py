"""The project block (项目名称 …) of a performance table read into its indicators' project: a block
printed at the foot of one page, its indicators on the next (issue 14), and a scanned project name
the recogniser was unsure of sent to review."""

from __future__ import annotations

from pathlib import Path

import pytest

from classify.analyze import analyze
from extract import read
from extract.model import Cell, Document, Page, Table
from extract.scanindicators import check_indicator_cells
from samples.synth import make_document


def test_a_project_block_at_a_page_foot_names_the_next_pages_indicators(tmp_path: Path) -> None:
    from samples.render import render_pdf

    # seed 50001 p. 11 ends with the block of 城市最低生活保障金 (项目名称, 主管部门, 项目总额); its
    # 年度目标 and indicators are on p. 12, a table without a title
    doc = make_document(50001)
    pdf = tmp_path / "ruled.pdf"
    render_pdf(doc, pdf, "ruled")
    ex = analyze(read(pdf))
    gold = [g for g in doc.indicators if g.project == "城市最低生活保障金"]
    mine = [i for i in ex.indicators if i.project == "城市最低生活保障金"]
    assert gold and len(mine) == len(gold)
    assert {i.project_amount for i in mine} == {"544.97"}  # the block's 项目总额, printed apart
    assert all(i.project_target.startswith("困难群众基本生活") for i in mine)
    assert not [i for i in ex.indicators if not i.project]


def _scanned_table(project_low: float) -> Table:
    rows = [
        ["项目名称", "城市最低生活保障金", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "低保金发放人数", "≥1200人"],
        ["", "质量指标", "低保金发放合格率", "100%"],
    ]
    cells = [Cell(r, c, t, confidence=0.97) for r, row in enumerate(rows) for c, t in enumerate(row) if t]
    table = Table(1, "项目支出绩效目标申报表", cells, header_rows=2)
    check_indicator_cells(table, {(0, 1): ("障", project_low), (2, 3): ("≥", 0.9)})
    return table


@pytest.mark.parametrize(("low", "status"), [(0.31, "pending"), (0.93, "auto")])
def test_a_project_name_read_unsure_sends_its_indicators_to_review(low: float, status: str) -> None:
    table = _scanned_table(low)
    doc = Document("scan", "h", "image", pages=[Page(1, 600, 800, "", has_text_layer=False)], tables=[table])
    found = analyze(doc).indicators
    assert len(found) == 2 and {i.project for i in found} == {"城市最低生活保障金"}
    assert {i.status for i in found} == {status}
    if status == "pending":
        assert all("scan_project_char_doubted" in [r.code for r in i.reason] for i in found)


def test_a_real_block_labelled_with_its_code_gives_department_and_unit() -> None:
    from sample_files import REAL  # ../shared/real beside the project

    # 烟台's 项目支出绩效目标表: 主管部门及代码 | 201_烟台市人民政府办公室 | 实施单位 | 烟台市人民政府办公室
    path = REAL / "烟台市人民政府办公室2026年部门预算.pdf"
    if not path.exists():
        pytest.skip(f"{path} not available")
    found = analyze(read(path)).indicators
    assert found and {i.project_department for i in found} == {"201_烟台市人民政府办公室"}
    assert all(i.project_unit.startswith("烟台市人民政府") for i in found)


def _block(rows: list[list[str]]) -> dict[str, str]:
    from classify.indicator_header import project_fields

    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    body = [["产出指标", "数量指标", "培训次数", "≥6次"]]
    grid = [*rows, header, *body]
    cells = [Cell(row=r, col=c, text=t) for r, row in enumerate(grid) for c, t in enumerate(row) if t]
    return project_fields(Table(seq=1, title="项目支出绩效目标表", cells=cells))


def test_block_fields_are_read_only_beside_their_labels() -> None:
    """A target that speaks of 预算单位 (…，预算单位满意度进一步提高。) names no 实施单位 (synth_90005
    read '满意度进一步提高。' as its unit); a borderless reader's '合阳县财政局实施单位', its unit in
    the next cell, is cut before the label (synth_90002 read the department with the label on)."""
    target = ["年度目标", "通过系统运维，财政管理信息化得到保障，预算单位满意度进一步提高。"]
    fields = _block([["项目名称", "财政信息化建设"], ["主管部门", "泰原区财政局"], target])
    assert (fields.get("department"), fields.get("unit")) == ("泰原区财政局", None)
    fields = _block([["项目名称", "财政信息化建设"], ["主管单位", "合阳县财政局实施单位", "合阳县财政局"]])
    assert (fields.get("department"), fields.get("unit")) == ("合阳县财政局", "合阳县财政局")
