"""Scanned cells' text lines the layout could not cut, and 类/款/项 code cells read as no code: both
doubted, never auto-accepted as read (issue 17).

* A cell line's crop holding print about two lines high (``cell_wrapped_h`` × the table's line
  height or more, ``layout._uncut_lines``: ``layout._wrapped_lines`` found neither a blank row nor a
  sparse one to cut it at) is read as one line by the recogniser, which reads one of the two: a
  header so read doubts its column (``scan_cell_lines_uncut`` warning, confidence capped), a body
  cell its records.
* 烟台's 一般公共预算支出情况表 (p. 16) at 150 dpi: the 款 code 11 of 21011 read as 口; the row
  took it for a label across the code columns and its three items were auto-accepted with no code.
  Read from a crop as tight as its print, the same 11 is read as nothing: print read as nothing
  doubts its row too (``scan_print_unread``), as on 福利院's 功能分类预算表 (p. 11), 210 | 11.
* 长沙's 一般公共预算基本支出情况表 (p. 18) at 150 dpi: the scan's noise in its tall cells made lines
  of ink no darker than the paper's grey, read as characters (超89.10, 奖金 | 89.10 | 医装, 伙食补助费新楼5):
  a cell's line whose darkest pixel is within ``faint_ink_levels`` of the paper is no line.
* 苏州's 财政拨款支出表(功能科目) (p. 15) at 150 dpi: the noise beside 合计 in its wide merged cell
  stretched the line's crop to the cell's left wall and was read 四合计 (0.77): the row's five items
  went to review. A line's crop is the extent of its print (pixels darker than that).
* 司法局's 财务收支预算总表 (p. 8) at 150 dpi: the banner 本年支出 over five columns was read
  发限本年支出 and the 支出 side's 20 items auto-accepted under that path. The wall's sliver left of
  the banner is as dark as print and the scan's speckle joined it to the banner's print across the
  cell: the crop ran from the wall over blank paper, read as 发限. A sliver beside the wall standing
  a spread character's gap from the print is no part of the line's crop. 万里街道's 2025 功能分类
  预算表 (p. 23): the sliver and the speckle beside it made a piece of their own, as wide as a
  character, beside 1,548,033: the cell read I 1,548,033 and 事业单位医疗's 基本支出 was lost. The
  slivers are looked for among all the line's pieces of print. The tall 项目 cells of 司法局's page
  held lines of speckle beside nothing but the left wall's sliver, read I, [ and ]: 项目I and [项目
  doubted, the 收入 side's items sent to review. A sliver touching the left edge is the wall's
  even alone (print is set against a cell's right wall, never its left).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sample_files import REAL

from bench.baselines import render_pages
from classify.analyze import analyze
from extract import read
from extract.model import Cell, Table
from extract.scancodes import check_split_codes

YANTAI = REAL / "烟台市人民政府办公室2026年部门预算.pdf"
CHANGSHA = REAL / "长沙职业教育基地综合协调办公室2026年部门预算.pdf"
SUZHOU = REAL / "苏州市生态环境局2026年度单位预算.pdf"
WELFARE = REAL / "上海市普陀区社会福利院2024年单位预算.pdf"
JUSTICE = REAL / "上海市普陀区司法局2026年单位预算.pdf"
WANLI = REAL / "上海市普陀区万里街道2025年部门预算.pdf"


@pytest.mark.skipif(not YANTAI.is_file(), reason="the real 烟台 budget is not here")
def test_a_header_line_left_two_lines_high_doubts_its_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """烟台's 收入总体情况表 (p. 10) at 150 dpi read by a layout that cuts no line apart: 一般公共预 |
    算收入 (its lines touching) is read 公共预, and its items go to review."""
    import extract.layout

    monkeypatch.setattr(extract.layout, "_wrapped_lines", lambda sub, run, own, settings: [run])
    (path,) = render_pages(YANTAI, [10], 150, tmp_path)
    extraction = analyze(read(path))
    table = extraction.document.tables[0]
    uncut = [dict(w.params)["col"] for w in table.warnings if w.code == "scan_cell_lines_uncut"]
    assert 6 in uncut
    under = [li for li in extraction.line_items if li.col == 6]
    assert under and all(li.status == "pending" for li in under)
    # a line of one line's height is read as it is: 合计 and 小计 are not doubted
    assert 4 not in uncut and 5 not in uncut


def test_a_split_code_cell_read_as_no_code_doubts_its_row() -> None:
    rows = [
        ("类", "款", "项", "科目名称", "合计"),
        ("210", "", "", "卫生健康支出", "222.25"),
        ("", "口", "", "行政事业单位医疗", "222.25"),
        ("", "", "01", "行政单位医疗", "100.80"),
        ("合计", "", "", "", "222.25"),
    ]
    cells = [Cell(r, k, t, confidence=0.99) for r, row in enumerate(rows) for k, t in enumerate(row)]
    table = Table(seq=1, title="一般公共预算支出情况表", cells=cells, header_rows=1)
    assert check_split_codes(table) == 1
    assert list(table.row_issues) == [2] and table.row_issues[2].code == "scan_code_unread"


@pytest.mark.skipif(not YANTAI.is_file(), reason="the real 烟台 budget is not here")
def test_a_code_read_as_no_code_is_not_auto_accepted_without_it(tmp_path: Path) -> None:
    (path,) = render_pages(YANTAI, [16], 150, tmp_path)
    extraction = analyze(read(path))
    named = [li for li in extraction.line_items if li.name == "行政事业单位医疗"]
    assert len(named) == 3
    assert all(li.code == "21011" or li.status == "pending" for li in named)


@pytest.mark.skipif(not CHANGSHA.is_file(), reason="the real 长沙 budget is not here")
def test_faint_noise_in_a_cell_is_no_text(tmp_path: Path) -> None:
    (path,) = render_pages(CHANGSHA, [18], 150, tmp_path)
    table = read(path).tables[0]
    rows = {r[0]: r[1:] for r in table.grid() if r[0].startswith("301")}
    assert rows["30103"] == ["奖金", "89.10", "89.10", ""]
    assert rows["30106"] == ["伙食补助费", "5.81", "5.81", ""]
    assert rows["30112"] == ["其他社会保障缴费", "1.72", "1.72", ""]
    assert [r[3] for r in rows.values()] == [""] * len(rows)  # 公用经费 prints nothing in 301's rows


@pytest.mark.skipif(not SUZHOU.is_file(), reason="the real 苏州 budget is not here")
def test_noise_beside_a_line_is_not_read_with_it(tmp_path: Path) -> None:
    (path,) = render_pages(SUZHOU, [15], 150, tmp_path)
    extraction = analyze(read(path))
    assert extraction.document.tables[0].grid()[2][0] == "合计"
    total = [li for li in extraction.line_items if li.row == 2]
    assert [li.name for li in total] == ["合计"] * 5 and all(li.status == "auto" for li in total)
    assert total[0].amount_yuan == Decimal("411838400.00")


@pytest.mark.skipif(not JUSTICE.is_file(), reason="the real 司法局 budget is not here")
def test_a_wall_sliver_joined_by_noise_is_not_read_with_the_line(tmp_path: Path) -> None:
    (path,) = render_pages(JUSTICE, [8], 150, tmp_path)
    extraction = analyze(read(path))
    grid = extraction.document.tables[0].grid()
    assert grid[0][:3] == ["本年收入", "", "本年支出"]
    # a line of the tall 项目 cells printing nothing but the left wall's sliver: no I, [ or ]
    assert grid[1][:4] == ["项目", "预算数", "项目", "预算数"]
    spent = [li for li in extraction.line_items if li.name == "一、公共安全支出"]
    assert {li.column for li in spent} >= {"本年支出/预算数/合计", "本年支出/预算数/项目支出"}
    assert all(li.column.startswith("本年支出/") for li in spent if li.status == "auto")


@pytest.mark.skipif(not WANLI.is_file(), reason="the real 万里街道 budget is not here")
def test_a_wall_sliver_read_as_a_piece_of_its_own_is_not_read_with_the_amount(tmp_path: Path) -> None:
    (path,) = render_pages(WANLI, [23], 150, tmp_path)
    extraction = analyze(read(path))
    items = {li.column: li for li in extraction.line_items if li.code == "2101102"}
    assert items["一般公共预算支出/基本支出"].amount_yuan == Decimal("1548033.00")
    assert not [c for c in extraction.document.tables[0].cells if c.text.startswith("I ")]


@pytest.mark.skipif(not WELFARE.is_file(), reason="the real 福利院 budget is not here")
def test_print_read_as_nothing_doubts_its_row(tmp_path: Path) -> None:
    (path,) = render_pages(WELFARE, [11], 150, tmp_path)
    extraction = analyze(read(path))
    named = [li for li in extraction.line_items if li.name == "行政事业单位医疗"]
    assert len(named) == 2
    for li in named:
        assert li.code == "21011" or (
            li.status == "pending" and any(r.code == "scan_print_unread" for r in li.reason)
        ), li


@pytest.mark.skipif(not YANTAI.is_file(), reason="the real 烟台 budget is not here")
def test_lines_cut_apart_are_not_doubted_as_uncut(tmp_path: Path) -> None:
    """烟台's 基本支出预算情况表 (p. 23) at 150 dpi: 部门预算支出经济分类 | 科目 cut into its two lines;
    measured with its pad (reaching into the other line) each crop looked two lines high, seven
    headers were doubted and 政府预算支出经济分类科目, its confidence capped, 'repaired' to 部门….
    A crop's print is measured inside its pad."""
    (path,) = render_pages(YANTAI, [23], 150, tmp_path)
    table = read(path).tables[0]
    assert not [w for w in table.warnings if w.code == "scan_cell_lines_uncut"]
    grid = table.grid()
    assert grid[0][2] == "部门预算支出经济分类科目" and grid[0][5] == "政府预算支出经济分类科目"
