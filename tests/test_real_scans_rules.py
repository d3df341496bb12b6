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

import re
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
    """The lone digit of 2年收入 is no year: the header is repaired to 本年收入 as any character read
    as another is. (福利院's p. 7 at 200 dpi, where 本年收入 was read so and 一、财政拨款收入 as
    一、财政发款收入, the long strokes of 本 and 拨 wiped out as vertical rules, now reads both as
    printed: only vertical rules meeting a horizontal one are wiped.)"""
    from extract.vocabulary import nearest_header_label

    assert nearest_header_label("2年收入") == ("本年收入", 1)
    (path,) = render_pages(WELFARE, [7], 200, tmp_path)
    table = read(path).tables[0]
    assert table.grid()[0][0] == "本年收入"
    income = [c for c in table.cells if c.row == 4 and c.col == 0][0]
    assert income.text == "一、财政拨款收入"


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


FINANCE = REAL / "上海市普陀区财政局2025年部门预算.pdf"


@pytest.mark.skipif(not FINANCE.is_file(), reason="the real 财政局 budget is not here")
def test_a_total_header_read_as_one_character_is_the_total_where_its_column_adds_up(tmp_path: Path) -> None:
    """财政局's 一般公共预算支出功能分类预算表 (p. 15) at 200 dpi: its header 合计 was read clearly as 合
    (0.997), the 计 lost, and every item of the column went under 一般公共预算支出/合, a column the
    page does not print. One character of a label of two is that label only where its column adds
    up as the total row by row (``extract.scanheaders``); the items are the column's. Since the 计's
    long vertical stroke is no longer wiped as a rule (``extract.layout._meeting``) the page reads
    合计 whole; either way the column is the total's (the repair itself is tested in
    ``tests/test_scan_headers.py``)."""
    (path,) = render_pages(FINANCE, [15], 200, tmp_path)
    ex = analyze(read(path))
    table = ex.document.tables[0]
    assert table.grid()[1][4] == "合计"
    repaired = [dict(w.params)["raw"] for w in table.warnings if w.code == "scan_header_truncated_repaired"]
    assert repaired in ([], ["合"])
    total = [li for li in ex.line_items if li.column == "一般公共预算支出/合计"]
    assert [li.amount_yuan for li in total if li.code == "2010601"] == [Decimal("16231840.80")]
    assert not [li for li in ex.line_items if li.column.endswith("/合")]


@pytest.mark.skipif(not FINANCE.is_file(), reason="the real 财政局 budget is not here")
def test_children_numbered_with_a_dot_under_headings_numbered_with_a_comma_keep_their_dot(
    tmp_path: Path,
) -> None:
    """财政局's 财务收支预算总表 (p. 9) numbers its headings 一、 二、 三、 四、 and its children 1. 2. 3.
    in one column: the column's 、 majority was the Chinese numerals', and 1. 一般公共预算资金 was
    auto-accepted as 1、一般公共预算资金. Each numbering is weighed on its own."""
    (path,) = render_pages(FINANCE, [9], 200, tmp_path)
    grid = read(path).tables[0].grid()
    names = [row[0] for row in grid]
    assert "1.一般公共预算资金" in names and "2.政府性基金" in names and "3.国有资本经营预算" in names
    assert "二、事业收入" in names


BEIJING = REAL / "北京市委宣传部2026年度部门预算报表.pdf"


@pytest.mark.skipif(not BEIJING.is_file(), reason="the real 北京 budget is not here")
def test_a_code_name_string_read_without_its_dash_takes_its_columns_dash(tmp_path: Path) -> None:
    """北京's 支出总表 (p. 9) prints each function class as one code-name string (2089999-其他社会保障
    和就业支出); at 200 dpi one was read without its dash and its items were named otherwise than
    the page prints. A column printing its code-name strings dashed prints them all so."""
    (path,) = render_pages(BEIJING, [9], 200, tmp_path)
    grid = read(path).tables[0].grid()
    names = [row[0] for row in grid if len(row) > 3 and row[3] in ("93.628344", "69.953868")]
    assert names == ["2089999-其他社会保障和就业支出"] * 2
    assert not [row[0] for row in grid if re.match(r"^\d{7}[\u4e00-\u9fff]", row[0])]


@pytest.mark.skipif(not CHONGQING.is_file(), reason="the real 重庆 budget is not here")
def test_a_skewed_pages_rules_left_in_pieces_do_not_turn_it(tmp_path: Path) -> None:
    """重庆's 基本支出 continuation (p. 22) at 300 dpi, turned by about 2°: its rules, reduced for the
    orientation vote, climb a pixel every few dozen, so the opening kept only pieces of them, which
    were taken for characters (the size read 27 px for 11), the vote read rule pieces and the page
    was turned by 180° and lost. A skewed rule's pieces are no characters (``extract.orient``,
    ``orient_rule_piece_ratio``)."""
    (path,) = render_pages(CHONGQING, [22], 300, tmp_path)
    scan = read(path)
    assert not [w for w in scan.warnings if w.code == "scan.page_turned"]
    assert _amounts(scan) == _amounts(read(CHONGQING), 22)


SUZHOU = REAL / "苏州市生态环境局2026年度单位预算.pdf"


@pytest.mark.skipif(not SUZHOU.is_file(), reason="the real 苏州 budget is not here")
def test_a_continuation_under_the_running_head_joins_its_table(tmp_path: Path) -> None:
    """苏州's 财政拨款基本支出表 (pp. 16–17) at 300 dpi: its last three rows are printed alone on p. 17
    under the running head 苏州市生态环境局2026年度单位预算公开 and its underline. The underline,
    a thin band joined to the line above by the XY-cut, was read as characters after the head
    (…预算公开 等的管的物制游前管 等), and, read right or not, the head titled the rows a table of
    their own. A rule as long as a free one is no text (``extract.layout._free_rules``), and the
    lines a scan prints near the edge of every page are running heads (``extract.runningheads``)."""
    folder = tmp_path / "pages"
    render_pages(SUZHOU, [15, 16, 17], 300, folder)
    from extract.scan import read_image_folder

    doc = read_image_folder(folder)
    assert not [t for t in doc.tables if "预算公开" in t.title]
    (table,) = [t for t in doc.tables if "经济科目" in t.title]
    codes = [row[0] for row in table.grid()]
    assert codes[-3:] == ["30302", "30309", "30399"]


WANLI_2025 = REAL / "上海市普陀区万里街道2025年部门预算.pdf"


@pytest.mark.skipif(not WANLI_2025.is_file(), reason="the real 万里 2025 budget is not here")
def test_arabic_enumerators_under_chinese_ones_keep_their_dots(tmp_path: Path) -> None:
    """万里's 财务收支预算总表 (p. 9) at 300 dpi numbers its incomes 一、 … 四、 and the parts of the
    first 1. 2. 3.: read right, 1.一般公共预算资金 took the column's 、 (four 、 against three dots)
    and was auto-accepted as 1、一般公共预算资金. Each kind of numeral votes among its own."""
    (path,) = render_pages(WANLI_2025, [9], 300, tmp_path)
    grid = read(path).tables[0].grid()
    assert [row[0] for row in grid[2:6]] == [
        "一、财政拨款收入",
        "1.一般公共预算资金",
        "2.政府性基金",
        "3.国有资本经营预算",
    ]


JUSTICE = REAL / "上海市普陀区司法局2026年单位预算.pdf"


@pytest.mark.skipif(not JUSTICE.is_file(), reason="the real 司法局 budget is not here")
def test_a_header_characters_long_stroke_is_not_wiped_as_a_rule(tmp_path: Path) -> None:
    """司法局's 收入预算总表 (p. 9) at 300 dpi prints its header about 11 pt high: the vertical strokes
    of 计, 财, 拨, 收 are as long as a short vertical rule (``v_rule_pt``) and were wiped out of
    their cells with the rules (合计 read 合, 财政拨款收入 财政：发款收入, the items of the columns
    under them lost or doubted). Only vertical rules meeting a horizontal one are rulings."""
    (path,) = render_pages(JUSTICE, [9], 300, tmp_path)
    table = read(path).tables[0]
    assert table.grid()[1][3:6] == ["功能分类科目名称", "合计", "财政拨款收入"]
    assert not [w for w in table.warnings if w.code == "scan_header_repaired"]


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


CZJ = REAL / "上海市普陀区财政局2025年部门预算.pdf"
WANLI = REAL / "上海市普陀区万里街道2024年部门预算.pdf"


@pytest.mark.skipif(not (CZJ.is_file() and WANLI.is_file()), reason="the real 普陀 budgets are not here")
@pytest.mark.parametrize(("pdf", "number"), [(CZJ, 19), (WANLI, 26)])
def test_rule_edges_left_in_the_cells_are_no_small_print(pdf: Path, number: int, tmp_path: Path) -> None:
    """财政局's 经济分类 table (p. 19) and 万里 2024's (p. 26), printed at about 11 pt on pages turned
    sideways, rendered at 200 dpi: after the deskew the rules' edges the ruling masks leave in the
    cells (a pixel thick, climbing across a cell: ink rows 3–11 px high) were counted as text
    lines, the tables judged in print too small to read (9 px) and sent to review whole. A thin
    component along a cell's wall is a piece of rule, not print."""
    from extract.reasons import TABLE_UNREAD
    from extract.smallprint import READ_AT_LIMIT

    (path,) = render_pages(pdf, [number], 200, tmp_path)
    (table,) = read(path).tables
    assert not [w for w in table.warnings if w.code in TABLE_UNREAD or w.code in READ_AT_LIMIT], (
        table.warnings
    )
    assert _amounts(read(path)) == _amounts(read(pdf), number)


@pytest.mark.skipif(not WANLI.is_file(), reason="the real 万里 2024 budget is not here")
def test_columns_of_nil_amounts_printed_bare_are_read_as_amounts(tmp_path: Path) -> None:
    """万里 2024's 收入预算 (p. 14) prints its three last columns as a bare 0 in every row; at 150 dpi
    the recogniser read several as the letter O (one as 优0), never a number: their items were
    lost. A column holding bare zeros is an amount column (no code is 0): its cells are read
    restricted to an amount's characters, and a zero read unsurely is doubted."""
    (path,) = render_pages(WANLI, [14], 150, tmp_path)
    (table,) = read(path).tables
    nil = [c for c in table.cells if c.row >= table.header_rows and c.col >= table.n_cols - 3]
    assert len(nil) >= 3 * 17
    assert {c.text for c in nil} <= {"0", ""}, sorted({c.text for c in nil})


@pytest.mark.skipif(not WANLI.is_file(), reason="the real 万里 2024 budget is not here")
def test_a_rules_sliver_beside_a_lone_zero_is_no_print(tmp_path: Path) -> None:
    """万里 2024's 一般公共预算支出 (p. 24) at 150 dpi: beside a lone 0 set against the right wall, a
    sliver of the left wall's rule stayed in the cell; a piece narrower than a character joined the
    line whole, and the sliver, the paper's noise and the 0 were read as 1 -s0- 0, =,= 0,
    103-02680, 10287280, 169800. A sliver along a cell's side is no print of its line."""
    (path,) = render_pages(WANLI, [24], 150, tmp_path)
    (table,) = read(path).tables
    scan = sorted(c.text for c in table.cells if c.row >= table.header_rows and c.col >= 4 and c.text)
    printed = sorted(
        c.text
        for t in read(WANLI).tables
        for c in t.cells
        if (c.page or t.page) == 24 and c.col >= 4 and c.text and c.text[0].isdigit()
    )
    assert scan == printed


XIAN = REAL / "西安市审计局2026年部门预算.pdf"


@pytest.mark.skipif(not XIAN.is_file(), reason="the real 西安 budget is not here")
def test_a_heading_numeral_lost_in_three_sections_is_restored_where_the_fourth_was_misread(
    tmp_path: Path,
) -> None:
    """西安's 部门综合预算收支总表 (p. 22) at 150 dpi: the heading 一、部门预算 of its four sections lost
    its 一 (a stroke under the header's rule) in three and was read 一、部门预款 in the fourth. The
    numbered sibling was compared as read, before the vocabulary repaired it, so the three were
    auto-accepted as 部门预算; compared after the repair, they are numbered and doubted."""
    (path,) = render_pages(XIAN, [22], 150, tmp_path)
    ex = analyze(read(path))
    table = ex.document.tables[0]
    heads = [c for c in table.cells if c.row == table.header_rows and c.col % 2 == 0]
    assert [c.text for c in heads] == ["一、部门预算"] * 4
    firsts = [li for li in ex.line_items if li.row == table.header_rows]
    assert sorted(li.amount_yuan for li in firsts) == [Decimal("41052896.08")] + [Decimal("42034723.58")] * 3
    assert {li.name for li in firsts} == {"一、部门预算"}
    assert not [li for li in ex.line_items if li.name == "部门预算"]


@pytest.mark.skipif(not BEIJING.is_file(), reason="the real 北京 budget is not here")
def test_light_rules_on_a_grey_header_fill_keep_the_headers_columns(tmp_path: Path) -> None:
    """北京's 收入总表 (p. 3) at 200 dpi prints its header on a grey fill (241) ruled in light grey
    (194): the rules between 小计, 一般公共预算资金, 政府性基金预算资金 … were lost on the fill and the
    cells under them merged, five of its eight amounts unread. A rule is continued along its line by
    its faint line on the fill (``extract.ruling._faint_lines``; tests/test_scan_rule_fill.py)."""
    (path,) = render_pages(BEIJING, [3], 200, tmp_path)
    items = {(li.column, li.amount_yuan) for li in analyze(read(path)).line_items if li.status == "auto"}
    assert items == {
        ("合计", Decimal("1332479831.69")),
        ("本年收入/小计", Decimal("1230903988.13")),
        ("本年收入/一般公共预算资金", Decimal("1162000000.00")),
        ("本年收入/政府性基金预算资金", Decimal("63890000.00")),
        ("本年收入/其他收入", Decimal("5013988.13")),
        ("上年结转结余/小计", Decimal("101575843.56")),
        ("上年结转结余/一般公共预算资金", Decimal("82575843.56")),
        ("上年结转结余/单位资金", Decimal("19000000.00")),
    }


@pytest.mark.skipif(not CHANGSHA.is_file(), reason="the real 长沙 budget is not here")
@pytest.mark.parametrize("number", [13, 17])
def test_a_column_number_rows_asterisks_read_as_characters_make_no_records(
    number: int, tmp_path: Path
) -> None:
    """长沙's 收入总体情况表 (p. 13) and 一般公共预算支出情况表 (p. 17) print ** under each label column
    above the column numbers 1 2 3 …; at 150 dpi the recogniser read them 水水 and 水*, the row was
    taken for data and its column numbers became records (20,000 under 本级财政拨款/金额, to
    review). Two or more asterisks read with 水 are ** (``extract.ocr.correct``): a divider row."""
    (path,) = render_pages(CHANGSHA, [number], 150, tmp_path)
    extraction = analyze(read(path))
    assert extraction.document.tables[0].grid()[2][0] == "**"
    assert extraction.line_items
    assert all(li.code or li.name for li in extraction.line_items)
    assert all(li.row != 2 for li in extraction.line_items)
