"""Real budget pages (../shared/real/) rendered and degraded as the scan benchmark renders them
(bench/baselines.py ``render_pages``: skew ≤ 2°, blur, noise, JPEG), read as scans.

* 重庆's 一般公共预算支出情况表 (p. 16) at 200 dpi: the page is turned back by about 2°, and its
  thin vertical rules, one pixel wide every few dozen rows after the turn, were erased there by the
  scan's 3×3 median; the rule between 人员经费 and 公用经费 fell apart into pieces and their
  cells merged (4,516.64 and 845.78 read as one amount 451,664,845.78). Rulings are looked for in
  the unfiltered threshold too (``extract.ink.rule_ink``).
* 深圳's 收支总表 (p. 18) at 200 dpi: its banner 收      入 prints two characters a header's width
  apart; read as one line the recogniser put a character into the blank (收国入), and every
  income item of the table was auto-accepted under a column named 收国入. A cell's line is cut at
  a blank wider than ``cell_spaced_gap_h`` line heights and its pieces read each alone.
* 重庆's 收支总表 (p. 8): its income 一、一般公共预算资金, read right, was "repaired" to the
  vocabulary's 一般公共预算拨款 (two characters away) and its item lost; 资金 names of the three
  budgets are item names (``extract.vocabulary.ITEM_NAMES``).
* 深圳's 支出总表 (p. 22) prints its unit's totals on a row of their own, named under 预算单位 with
  no code and no 科目名称: a row printing neither code nor name is named by the text left of its
  amounts under another heading (``classify.records``), so the row's items are the unit's (they
  went to review nameless, scanned or born-digital).
* 福利院's 财务收支预算总表 (p. 7) at 200 dpi: its banner 本年收入 was read 2年收入 (0.92) and taken
  for data (a header holding a digit was never repaired: a year), so its income items were
  auto-accepted under 2年收入. A lone digit is no year: the header is repaired to 本年收入 as any
  character read as another is (``extract.vocabulary.nearest_header_label``). Its income
  一、财政拨款收入, read 一、财政发款收入, was auto-accepted: 财政拨款收入 is an item name
  (``extract.vocabulary.ITEM_NAMES``), so the misreading is repaired to it and doubted."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sample_files import REAL  # ../shared/real beside the project

from bench.baselines import render_pages
from classify.analyze import analyze
from extract import read

CHONGQING = REAL / "重庆市科学技术局2026年部门预算.pdf"
SHENZHEN = REAL / "深圳市退役军人事务局2026年部门预算.pdf"
WELFARE = REAL / "上海市普陀区社会福利院2024年单位预算.pdf"
YANTAI = REAL / "烟台市人民政府办公室2026年部门预算.pdf"


def _amounts(doc: object, page: int | None = None) -> list[str]:
    return sorted(
        c.text
        for t in doc.tables  # type: ignore[attr-defined]
        for c in t.cells
        if c.text and c.text[-3:-2] == "." and (page is None or (c.page or t.page) == page)
    )


@pytest.mark.skipif(not CHONGQING.is_file(), reason="the real 重庆 budget is not here")
def test_thin_vertical_rules_of_a_turned_page_keep_their_columns(tmp_path: Path) -> None:
    (path,) = render_pages(CHONGQING, [16], 200, tmp_path)
    scan = read(path)
    table = scan.tables[0]
    assert table.n_cols == 7
    assert not [c for c in table.cells if c.row >= table.header_rows and c.colspan > 1 and c.col >= 2]
    assert _amounts(scan) == _amounts(read(CHONGQING), 16)


@pytest.mark.skipif(not SHENZHEN.is_file(), reason="the real 深圳 budget is not here")
def test_a_header_printed_spread_is_read_without_a_character_in_its_blank(tmp_path: Path) -> None:
    (path,) = render_pages(SHENZHEN, [18], 200, tmp_path)
    grid = read(path).tables[0].grid()
    assert grid[0][0] == "收入" and grid[0][2] == "支出"
    assert grid[1] == ["项目", "2026年预算数", "项目", "2026年预算数"]


@pytest.mark.skipif(not CHONGQING.is_file(), reason="the real 重庆 budget is not here")
def test_an_income_named_as_funds_is_kept_as_printed(tmp_path: Path) -> None:
    (path,) = render_pages(CHONGQING, [8], 200, tmp_path)
    table = read(path).tables[0]
    grid = table.grid()
    assert grid[3][0] == "一、一般公共预算资金" and grid[3][1] == "154,304.22"
    assert not [c for c in table.cells if c.row == 3 and c.col == 0 and c.doubt is not None]


@pytest.mark.skipif(not SHENZHEN.is_file(), reason="the real 深圳 budget is not here")
def test_a_row_named_by_its_budget_unit_column_is_the_units(tmp_path: Path) -> None:
    (path,) = render_pages(SHENZHEN, [22], 200, tmp_path)
    extraction = analyze(read(path))
    first = [li for li in extraction.line_items if li.row == 2]
    assert len(first) == 9
    assert {li.name for li in first} == {"深圳市退役军人事务局（本级）"} and not any(li.code for li in first)
    assert [li.amount_yuan for li in first if li.column == "支出总计"] == [Decimal("550285600.00")]


@pytest.mark.skipif(not WELFARE.is_file(), reason="the real 福利院 budget is not here")
def test_a_header_with_a_character_read_as_a_digit_is_repaired(tmp_path: Path) -> None:
    (path,) = render_pages(WELFARE, [7], 200, tmp_path)
    table = read(path).tables[0]
    assert table.grid()[0][0] == "本年收入"
    repaired = [dict(w.params) for w in table.warnings if w.code == "scan_header_repaired"]
    assert [p["raw"] for p in repaired if p["col"] == 0] == ["2年收入"]
    income = [c for c in table.cells if c.row == 4 and c.col == 0][0]
    assert income.text == "一、财政拨款收入" and income.doubt is not None


@pytest.mark.skipif(not YANTAI.is_file(), reason="the real 烟台 budget is not here")
def test_a_clear_header_two_characters_short_of_a_label_is_kept_as_printed(tmp_path: Path) -> None:
    """烟台's 基本支出 prints 人员支出 (not 人员经费支出): read clearly, it is no label with two
    characters lost, and its column keeps the printed name."""
    (path,) = render_pages(YANTAI, [16], 200, tmp_path)
    extraction = analyze(read(path))
    grid = extraction.document.tables[0].grid()
    assert "人员支出" in grid[1] and "人员经费支出" not in grid[1]
    staff = [li for li in extraction.line_items if "人员" in li.column]
    assert {li.column for li in staff} == {"基本支出/人员支出"}
    assert [li.amount_yuan for li in staff if li.name.replace(" ", "") == "合计"] == [Decimal("36694900.00")]
    assert any(li.status == "auto" for li in staff)  # the page's rows that add up are taken as printed


@pytest.mark.skipif(not YANTAI.is_file(), reason="the real 烟台 budget is not here")
def test_a_wrapped_header_set_close_is_read_with_both_its_lines(tmp_path: Path) -> None:
    """烟台's 基本支出预算情况表 wraps 部门预算支出经济分类 | 科目 and 一般公共预 | 算 one blank pixel row
    apart: read as one line, the lower line was lost (部门预算支出经济分类, an amount column)."""
    (path,) = render_pages(YANTAI, [23], 200, tmp_path)
    extraction = analyze(read(path))
    grid = extraction.document.tables[0].grid()
    assert grid[0][2] == "部门预算支出经济分类科目" and grid[0][5] == "政府预算支出经济分类科目"
    assert grid[1][8] == "一般公共预算"
    wages = [li for li in extraction.line_items if li.code == "30101" and li.column == "合计"]
    assert [(li.name, li.amount_yuan) for li in wages] == [
        ("基本工资", Decimal("5737200.00")),
        ("基本工资", Decimal("2388000.00")),
    ]


CHANGSHA = REAL / "长沙职业教育基地综合协调办公室2026年部门预算.pdf"


@pytest.mark.skipif(not CHANGSHA.is_file(), reason="the real 长沙 budget is not here")
def test_a_caption_line_caught_in_the_grid_is_no_header_row(tmp_path: Path) -> None:
    """长沙's 部门收入总体情况表 (p. 13) at 200 dpi: the line over the table (单位名称：… 单位：万元)
    stands inside the rules reaching past the top line and was read as the grid's first row, so
    the 本级财政拨款 columns were named under 办调办公室单位：万元 and their items auto-accepted under
    it. The caption row is no header (``extract.pagetext.is_caption_line``); its unit is the
    table's."""
    (path,) = render_pages(CHANGSHA, [13], 200, tmp_path)
    ex = analyze(read(path))
    (table,) = [t for t in ex.document.tables if "收入总体情况表" in t.title]
    assert table.unit == "万元"
    caption = [
        c for c in table.cells if c.row < table.header_rows and ("万元" in c.text or "名称：" in c.text)
    ]
    assert not caption, caption
    items = [li for li in ex.line_items if li.column.startswith("本级财政拨款")]
    assert items and not [li for li in ex.line_items if "万元" in li.column]


def test_caption_lines_told_from_header_cells() -> None:
    from extract.pagetext import is_caption_line

    assert is_caption_line("单位：万元") and is_caption_line("单位: 元")
    assert is_caption_line("单位名称：长沙职业教育基地综合协调办公室 单位：万元")
    assert is_caption_line("编制单位：某某局 单位：元")
    assert not is_caption_line("金额（单位：万元）")  # a header cell naming its unit
    assert not is_caption_line("项目 单位：万元") and not is_caption_line("合计")


@pytest.mark.skipif(not YANTAI.is_file(), reason="the real 烟台 budget is not here")
def test_a_two_line_header_whose_lines_touch_is_read_with_both(tmp_path: Path) -> None:
    """烟台's 收入总体情况表 (p. 10) at 150 dpi wraps 一般公共预 over 算收入 and 事业收入 over （不含教育
    over 收费）, the lines touching (no blank pixel row between them): read as one crop, the
    recogniser read 公共预 and 19 items were auto-accepted under it. Lines touching are cut at the
    crop's sparsest row near half height (``layout._wrapped_lines``, ``cell_wrapped_valley``)."""
    (path,) = render_pages(YANTAI, [10], 150, tmp_path)
    extraction = analyze(read(path))
    table = extraction.document.tables[0]
    grid = table.grid()
    assert grid[1][6] == "一般公共预算收入" and grid[0][10] == "事业收入（不含教育收费）"
    columns = {li.column for li in extraction.line_items if li.column.startswith("财政拨款收入/")}
    assert columns == {"财政拨款收入/小计", "财政拨款收入/一般公共预算收入"}
    assert [li.amount_yuan for li in extraction.line_items if li.name == "合计" and "一般" in li.column] == [
        Decimal("92325600.00")
    ]
