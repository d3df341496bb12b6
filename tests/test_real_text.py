"""Real disclosures (``../shared/real/``) as the text exports users upload: the text ``pdftotext
-layout`` / ``-raw`` makes of them, written to a temporary folder, read and analysed. Each test
names the layout of the printed page it holds for."""

from __future__ import annotations

import subprocess
from functools import cache
from pathlib import Path

import pytest

from classify.analyze import analyze
from classify.model import Extraction
from extract import read
from tests.sample_files import REAL

SHENZHEN = REAL / "深圳市退役军人事务局2026年部门预算.pdf"
XIAN = REAL / "西安市审计局2026年部门预算.pdf"

pytestmark = pytest.mark.skipif(not SHENZHEN.exists(), reason="../shared/real not present")


@cache
def _text(pdf: Path, shape: str, folder: str) -> Extraction:
    out = Path(folder) / f"{pdf.stem}.{shape}.txt"
    subprocess.run(["pdftotext", f"-{shape}", "-enc", "UTF-8", str(pdf), str(out)], check=True)
    return analyze(read(out))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("real_text"))


def _records(ex: Extraction, title: str, page: int) -> list:
    """The records of the table titled ``title`` printed on ``page`` (a table continued over pages
    is one table; each cell keeps its page)."""
    tables = {t.seq: t for t in ex.document.tables if t.title == title}
    at = {(t.seq, c.row, c.col): c.page or t.page for t in tables.values() for c in t.cells}
    return [
        li
        for li in ex.line_items
        if li.table_seq in tables and at.get((li.table_seq, li.row, li.col)) == page
    ]


def test_year_in_header_is_one_word(folder: str) -> None:
    """深圳 收支总表: ``项 目   2026 年预算数   项 目   2026 年预算数`` is the header (a year before its
    年 word is no amount), ``收   入`` its group label; every record has its column."""
    records = _records(_text(SHENZHEN, "layout", folder), "收支总表", 18)
    assert records and {li.column for li in records} == {"收入/2026年预算数", "支出/2026年预算数"}
    first = next(li for li in records if li.name == "一、财政拨款")
    assert first.column == "收入/2026年预算数" and str(first.amount_yuan) == "549048900.00"


def test_wrapped_header_cell_is_one_column(folder: str) -> None:
    """深圳 基本支出总表: ``财政专户`` over ``管理资金`` (a two-line cell beside 事业收入, which sits under
    单位资金) is the one column 财政专户管理资金, never a label over 管理资金."""
    ex = _text(SHENZHEN, "layout", folder)
    for page in (25, 26):
        columns = {li.column for li in _records(ex, "基本支出总表", page)}
        assert "财政专户管理资金" in columns and "单位资金/事业收入" in columns
        assert not any("管理资金" in c and c != "财政专户管理资金" for c in columns)


def test_label_right_over_one_column_is_a_guess(folder: str) -> None:
    """深圳 收入总表: 本年收入 printed on the top line right over 事业收入, four lines above it, is a
    label (no wrapped cell has lines between) spanning one column: a guess, so none is auto."""
    records = _records(_text(SHENZHEN, "layout", folder), "收入总表", 21)
    assert not any("本年收入事业收入" in li.column for li in records)
    assert all(li.status == "pending" for li in records if "事业收入" in li.column)


def test_item_name_line_is_a_row_of_its_own(folder: str) -> None:
    """西安 收支总表: ``上年结转`` on the line under ``上年实户资金余额  981,827.50`` is the next item,
    not the rest of that name."""
    ex = _text(XIAN, "layout", folder)
    names = {li.name for li in ex.line_items if str(li.amount_yuan) == "981827.50"}
    assert "上年实户资金余额" in names and not any("上年结转" in n for n in names)


QUANZHOU = REAL / "泉州市市场监管综合监测与技术保障中心2026年度单位预算.pdf"


def test_sub_banner_line_is_a_label_over_the_parts(folder: str) -> None:
    """泉州 一般公共预算拨款支出预算表 as ``pdftotext -raw`` prints it: ``科目编码 科目名称 小计`` /
    ``其中：`` / ``基本支出 项目支出``; 其中： is the label over the two parts, never glued to the first
    one nor a column of its own."""
    ex = _text(QUANZHOU, "raw", folder)
    (t,) = [t for t in ex.document.tables if t.page == 12]
    records = [li for li in ex.line_items if li.table_seq == t.seq]
    assert {li.column for li in records} == {"小计", "其中：/基本支出", "其中：/项目支出"}
    run = {li.column: str(li.amount_yuan) for li in records if li.code == "2013850"}
    assert run == {"小计": "7615600.00", "其中：/基本支出": "7615600.00", "其中：/项目支出": "0.00"}


CHONGQING = REAL / "重庆市科学技术局2026年部门预算.pdf"


def test_wrapped_decimals_join_their_whole_part(folder: str) -> None:
    """重庆 部门支出总体情况表: amounts wrapped in narrow cells print ``99`` / ``.54   16`` / ``.54   83`` /
    ``.00`` (a staircase over three lines): each decimals fragment joins the whole part it starts at
    the end of, and the amounts on the fragment lines stay in their row; the page's foot (—12—) is
    no row. Every joined amount is the printed one."""
    ex = _text(CHONGQING, "layout", folder)
    (t,) = [t for t in ex.document.tables if "支出总体情况表" in t.title]
    row = {
        li.column: str(li.amount_yuan) for li in ex.line_items if li.table_seq == t.seq and li.code == "20603"
    }
    assert row == {"总计": "995400.00", "基本支出": "165400.00", "项目支出": "830000.00"}
    assert not any(set(r) <= {"", "—", "12"} and "12" in r for r in t.grid())
    total = next(
        li for li in ex.line_items if li.table_seq == t.seq and li.name == "合计" and li.column == "总计"
    )
    assert str(total.amount_yuan) == "1684418100.00"


def test_bracket_continues_a_header_word(folder: str) -> None:
    """重庆 “三公”经费支出情况表: ``因公出国 (境)费`` is one column, 因公出国(境)费."""
    ex = _text(CHONGQING, "layout", folder)
    (t,) = [t for t in ex.document.tables if "三公" in t.title]
    columns = {li.column: str(li.amount_yuan) for li in ex.line_items if li.table_seq == t.seq}
    assert columns["因公出国(境)费"] == "1200000.00" and "(境)费" not in columns


def test_interleaved_wrapped_cells_under_a_money_group(folder: str) -> None:
    """深圳 支出总表: 2026年政府采购项目 (a group of money columns, no name column though it ends in
    项目) over 小计 and two long cells wrapped line by line into each other's gaps, each starting with
    其中： and with lines narrower than the next where a word did not fit."""
    records = _records(_text(SHENZHEN, "layout", folder), "支出总表", 22)
    columns = {li.column for li in records}
    assert "2026年政府采购项目/小计" in columns
    assert "2026年政府采购项目/其中：2026年政府采购项目中预留给中小企业的项目资金规模" in columns
    assert "2026年政府采购项目/其中：2026年政府采购项目中预留给小型、微型企业的项目资金规模" in columns


def test_code_column_starts_under_its_header(folder: str) -> None:
    """深圳 一般公共预算支出表（按功能分类）'s second page leaves 预算单位 empty: its codes (left-aligned,
    2082801) go under 科目编码, not under 预算单位 before it, and every record has its code."""
    records = _records(_text(SHENZHEN, "layout", folder), "一般公共预算支出表（按功能分类）", 31)
    run = {li.column: str(li.amount_yuan) for li in records if li.code == "2082801"}
    assert run == {"支出总计": "14912000.00", "基本支出": "14912000.00", "项目支出": "0.00"}
    assert all(li.code for li in records)


def test_cells_of_a_continued_table_keep_their_page(folder: str) -> None:
    """重庆 部门支出总体情况表 runs from page 12 to 14 under one title: a cell printed on page 13 says
    so (the review shows that page; the table's own page is 12)."""
    ex = _text(CHONGQING, "layout", folder)
    (t,) = [t for t in ex.document.tables if "支出总体情况表" in t.title]
    assert t.page == 12
    (cell,) = [c for c in t.cells if c.text == "2060204"]
    assert cell.page == 13
    assert all(c.page is None for c in t.cells if c.text == "201")


FINAL_ACCOUNT = REAL / "上海市普陀区规划和自然资源局2024年度部门决算.pdf"


def test_name_wrapped_around_its_figures(folder: str) -> None:
    """深圳 基本支出总表 prints ``机关事业单位基本养老保险缴`` / its figures / ``费`` (the figures centred
    on the two-line cell); 决算's 基本支出决算表 the same with the code on the figures' line. One row,
    its name whole, never glued to the row above (奖金)."""
    names = {li.name for li in _records(_text(SHENZHEN, "layout", folder), "基本支出总表", 25)}
    assert "机关事业单位基本养老保险缴费" in names and "奖金" in names
    ex = _text(FINAL_ACCOUNT, "layout", folder)
    row = [li for li in ex.line_items if li.code == "30108"]
    # the page prints 机关事业单位基本养老保 / 险缴费 (the economic class's name, no 支出)
    assert row and {li.name for li in row} == {"机关事业单位基本养老保险缴费"}


def test_other_side_printed_a_line_lower(folder: str) -> None:
    """决算 一般公共预算财政拨款基本支出决算表: the right side prints ``30207`` on one line and
    ``邮电费   8.05`` on the next; one item, code, name and figure together."""
    ex = _text(FINAL_ACCOUNT, "layout", folder)
    (li,) = [li for li in ex.line_items if li.code == "30207"]
    assert li.name == "邮电费" and str(li.amount_yuan) == "80500.00"


WANLI = REAL / "上海市普陀区万里街道2024年部门预算.pdf"


def test_total_row_alone_on_the_next_page(folder: str) -> None:
    """万里街道 部门支出预算总表 ends with ``合计   156,211,123   99,706,020   56,505,103`` alone at the top of
    the next page (no header there): its figures go to the table's amount columns, not under the
    类 款 项 code columns its own positions would give, so none of them vanishes."""
    ex = _text(WANLI, "layout", folder)
    (t,) = [t for t in ex.document.tables if t.title == "2024年部门支出预算总表"]
    total = {
        li.column.split("/")[-1]: str(li.amount_yuan)
        for li in ex.line_items
        if li.table_seq == t.seq and li.name == "合计"
    }
    assert total == {"合计": "156211123.00", "基本支出": "99706020.00", "项目支出": "56505103.00"}


def test_codes_before_the_name_in_raw_text(folder: str) -> None:
    """万里街道 部门支出预算总表 as ``pdftotext -raw`` prints it: ``201 05 07 专项普查活动 257,700 0 257,700``
    under a header whose 类 款 项 code column is read last: the code parts before the name are the
    row's code (2010507), never figures, and the row's three figures are its records."""
    ex = _text(WANLI, "raw", folder)
    (t,) = [t for t in ex.document.tables if t.title == "2024年部门支出预算总表"]
    row = {
        li.column: str(li.amount_yuan)
        for li in ex.line_items
        if li.table_seq == t.seq and li.code == "2010507"
    }
    assert row == {
        "支出预算/合计": "257700.00",
        "支出预算/基本支出": "0.00",
        "支出预算/项目支出": "257700.00",
    }
    assert not any(li.amount_yuan in (201, 5, 7) for li in ex.line_items if li.table_seq == t.seq)


YANTAI = REAL / "烟台市人民政府办公室2026年部门预算.pdf"


def test_code_columns_then_total_on_one_raw_line(folder: str) -> None:
    """烟台 一般公共预算支出情况表 (raw): ``类 款 项 小 计 人员支出 日常公用支出`` is the code's three
    columns, then 小计 and the two parts of 基本支出 under it (not under 项目支出)."""
    ex = _text(YANTAI, "raw", folder)
    (t,) = [t for t in ex.document.tables if t.title == "一般公共预算支出情况表" and t.page == 16]
    assert {li.column for li in ex.line_items if li.table_seq == t.seq} == {
        "合计",
        "基本支出/小计",
        "基本支出/人员支出",
        "基本支出/日常公用支出",
        "项目支出",
    }


def test_year_in_raw_side_by_side_header(folder: str) -> None:
    """深圳 收支总表 as raw text: ``收 入 支 出`` / ``项 目 2026 年预算数 项 目 2026 年预算数`` is a two-sided
    header (收入 | 支出 over 项目 and 2026年预算数), every row's two items apart."""
    records = _records(_text(SHENZHEN, "raw", folder), "收支总表", 18)
    assert {li.column for li in records} == {"收入/2026年预算数", "支出/2026年预算数"}
    edu = next(li for li in records if li.name == "一、教育支出")
    assert edu.column == "支出/2026年预算数" and str(edu.amount_yuan) == "163800.00"


def test_table_printed_again_on_the_next_page_is_one_table(folder: str) -> None:
    """深圳 prints 表1 收支总表 with its heading and header on each of pages 18–20: one table, its rows
    in page order, each cell on its own page."""
    ex = _text(SHENZHEN, "layout", folder)
    (t,) = [t for t in ex.document.tables if t.title == "收支总表"]
    assert t.page == 18
    names = [r[0] for r in t.grid()[t.header_rows :]]
    assert names[0] == "一、财政拨款" and "收入总计" in names
    assert {c.page or t.page for c in t.cells} == {18, 19, 20}


def test_figures_broken_after_every_glyph_are_rebuilt(folder: str) -> None:
    """重庆 as raw text prints each half-width glyph of a figure or code on a line of its own (``2``
    ``0`` ``6`` … ``6 专项基础科研 9`` ``,`` ``8`` …): the lines are joined back by the figures' shape,
    and 表三's rows are read as code, name and amounts (9,882.28 万元 under 总计 and 项目支出)."""
    ex = _text(CHONGQING, "raw", folder)
    assert [w.code for w in ex.document.warnings] == ["text.glyph_lines"]
    records = _records(ex, "2026年部门支出总体情况表", 13)
    row = {li.column: str(li.amount_yuan) for li in records if li.code == "2060206"}
    assert row == {"总计": "98822800.00", "项目支出": "98822800.00"}
    assert next(li.name for li in records if li.code == "2060206") == "专项基础科研"


@pytest.mark.parametrize("pdf", sorted(REAL.glob("*.pdf")), ids=lambda p: p.stem)
def test_raw_exports_without_broken_figures_keep_their_lines(pdf: Path, folder: str) -> None:
    """Every other real PDF's raw text breaks lines at most at a wrapped header's character:
    its lines are read as they are."""
    from extract.glyphlines import is_glyph_export
    from extract.text import split_lines

    out = Path(folder) / f"{pdf.stem}.glyphs.txt"
    subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), str(out)], check=True)
    lines, _, _ = split_lines(out.read_text("utf-8"))
    assert is_glyph_export(lines) == (pdf == CHONGQING)


def test_letter_spaced_side_by_side_header_in_raw_text(folder: str) -> None:
    """重庆 表一 as raw text: ``收入 支出`` over ``项 目 预 算 数 项 目 预 算 数`` (letter-spaced) is a
    two-sided header; 二、教育支出's 7.09 万元 is the 支出 side's, beside an income row printing none."""
    records = _records(_text(CHONGQING, "raw", folder), "2026年部门收支总体情况表", 8)
    edu = next(li for li in records if li.name == "二、教育支出")
    assert edu.column == "支出/预算数" and str(edu.amount_yuan) == "70900.00"


def test_group_heading_above_the_header_line(folder: str) -> None:
    """深圳 支出总表 as ``pdftotext -raw``: ``2026 年政府采购项目`` printed on the line above ``预算单位 科目编码
    科目名称 支出总计 …`` is a column group's heading (a year before its 年 word, never a code), over
    the 小计 and the two 其中：… cells (each wrapped over lines) printed last; the cells on the label
    line stand under no heading."""
    records = _records(_text(SHENZHEN, "raw", folder), "支出总表", 22)
    columns = {li.column for li in records}
    assert "2026年政府采购项目/小计" in columns and "支出总计" in columns and "" not in columns
    assert len({c for c in columns if c.startswith("2026年政府采购项目/其中：")}) == 2
    total = next(li for li in records if li.code == "205" and li.column == "支出总计")
    assert str(total.amount_yuan) == "163800.00"


def test_group_headings_above_the_header_line_tied_doubt_only_their_columns(folder: str) -> None:
    """深圳 基本支出总表 as ``pdftotext -raw``: ``财政拨款 单位资金`` printed above ``支出项目类别 总计`` are
    the headings of two column groups; 财政拨款 takes its 小计 and the three 拨款 columns, but whether
    单位资金 ends before 事业单位经营收入 or runs on to 上年结余、结转 no reading of the text tells. The
    tied readings agree on every other column: only the records of the columns they place differently
    are pending for it (collapsed.header_banner_tied_column), the leaf columns are right."""
    ties = {"collapsed.header_banner_ties", "collapsed.header_banner_tied_column"}
    for page in (25, 26):
        records = _records(_text(SHENZHEN, "raw", folder), "基本支出总表", page)
        sure = [li for li in records if li.column.startswith("财政拨款/") or li.column == "总计"]
        unsure = [li for li in records if li.column.endswith(("上年结余、结转", "上级补助收入"))]
        assert sure and not any(ties & {r.code for r in li.reason} for li in sure)
        assert unsure and all(li.status == "pending" for li in unsure)
        assert all("collapsed.header_banner_tied_column" in {r.code for r in li.reason} for li in unsure)
    records = _records(_text(SHENZHEN, "raw", folder), "基本支出总表", 25)
    wage = {li.column: str(li.amount_yuan) for li in records if li.name == "基本工资"}
    assert wage["财政拨款/一般公共预算拨款"] == "4076500.00" and wage["总计"] == "4076500.00"
    records = _records(_text(SHENZHEN, "raw", folder), "基本支出总表", 26)
    assert any(li.status == "auto" for li in records if li.column == "财政拨款/一般公共预算拨款")


def test_two_codes_over_class_and_item_parts(folder: str) -> None:
    """烟台 公开表6 as ``pdftotext -raw``: ``301 01 基本工资 501 01 工资奖金津补贴 573.72 573.72`` prints
    the department's code over 类 / 款, its name (部门预算支出经济分类科目名称, a name column though it
    says 支出), then the government's code and name: the name ends where the second code starts, and
    the figures are amounts, never the rest of a text cell."""
    records = _records(_text(YANTAI, "raw", folder), "一般公共预算基本支出情况表", 18)
    wage = {
        (li.column, str(li.amount_yuan)) for li in records if li.code == "30101" and li.name == "基本工资"
    }
    assert ("基本支出预算/小计", "5737200.00") in wage and ("基本支出预算/小计", "2388000.00") in wage
    (t,) = [t for t in _text(YANTAI, "raw", folder).document.tables if t.page == 18]
    assert not any(w.code == "text.amounts_in_text" for w in t.warnings)  # every figure in a record


def test_code_wrapped_above_its_name_and_fiscal_group(folder: str) -> None:
    """烟台 公开表10 as ``pdftotext -raw``: ``301 08`` alone, the name over two lines, then ``501 02
    社会保障缴费 220.93 …`` is one row (the second line holds the government's code); the 小计 and
    一般公共预算 printed last are 财政拨款's parts (a 非财政拨款 heading holds none of the fiscal
    sources, a 小计 adds up two parts or more), never 使用非财政拨款结余's / 上年结转's."""
    records = _records(_text(YANTAI, "raw", folder), "基本支出预算情况表", 23)
    columns = {li.column for li in records}
    assert "财政拨款/小计" in columns and not any("非财政" in c or "上年结转" in c for c in columns)
    pension = [li for li in records if li.code == "30108" and li.column == "合计"]
    assert [li.name for li in pension] == ["机关事业单位基本养老保险缴费", "机关事业单位基本养老保险缴费"]
    assert str(pension[0].amount_yuan) == "2209300.00"


def test_figures_on_the_line_under_a_wrapped_name(folder: str) -> None:
    """深圳 支出总表 as ``pdftotext -raw``: ``2080505`` / ``机关事业单位基本养老`` / ``保险缴费支出`` / ``142.00
    142.00 0.00 …``: a line of figures alone under a coded row that printed none is that row's."""
    records = _records(_text(SHENZHEN, "raw", folder), "支出总表", 22)
    pension = {li.column: str(li.amount_yuan) for li in records if li.code == "2080505"}
    assert pension.get("支出总计") == "1420000.00" and pension.get("基本支出") == "1420000.00"
    assert {li.name for li in records if li.code == "2080505"} == {"机关事业单位基本养老保险缴费支出"}


FINANCE = REAL / "上海市普陀区财政局2025年部门预算.pdf"
JUSTICE = REAL / "上海市普陀区司法局2026年单位预算.pdf"
PLANNING = REAL / "上海市普陀区规划和自然资源局2024年度部门决算.pdf"
CHANGSHA = REAL / "长沙职业教育基地综合协调办公室2026年部门预算.pdf"


def _amounts_on(ex: Extraction, page: int) -> list:
    """Every record printed on ``page``, of any table."""
    at = {(t.seq, c.row, c.col): c.page or t.page for t in ex.document.tables for c in t.cells}
    return [li for li in ex.line_items if at.get((li.table_seq, li.row, li.col)) == page]


@pytest.mark.parametrize(
    ("pdf", "page", "figures"),
    [
        (CHANGSHA, 12, ["3867300.00"]),  # 一、本级财政拨款收入 656.73 一、基本支出 386.73
        (PLANNING, 16, ["4806600.00", "4409000.00"]),  # 公用经费合计 480.66 beside 人员经费合计
        (CHANGSHA, 14, ["6567300.00", "3867300.00", "2700000.00"]),  # 合计656.73 386.73 270.00
    ],
)
def test_figures_a_row_keeps_in_its_text_are_pending_records(
    pdf: Path, page: int, figures: list[str], folder: str
) -> None:
    """Raw rows the reader could not split keep their figures inside a text cell (长沙 收支总体情况表's 支出
    side, 规划 基本支出决算表's second side, 长沙 支出总体情况表): each figure is a pending record of that
    cell's row, never left out of the records."""
    records = _amounts_on(_text(pdf, "raw", folder), page)
    held = {str(li.amount_yuan) for li in records}
    assert set(figures) <= held
    for figure in figures:
        assert all(li.status == "pending" for li in records if str(li.amount_yuan) == figure)


def test_amounts_under_a_code_column_are_pending_records(folder: str) -> None:
    """西安 政府采购预算表 (p34) as raw text: its header has no sure reading and a row's 预算金额 lands under
    the 支出经济科目编码 类 / 款 columns; an amount's shape (370,000.00 has decimals and separators) is no
    code: each is a pending record of its row (records.value_in_text_column), never dropped with the
    codes."""
    records = _amounts_on(_text(XIAN, "raw", folder), 34)
    for figure in ("370000.00", "3500000.00", "150000.00"):
        held = [li for li in records if str(li.amount_yuan) == figure]
        assert held and all(li.status == "pending" for li in held)
    assert any(
        "records.value_in_text_column" in {r.code for r in li.reason} and "编码" in li.column
        for li in records
    )


def test_label_group_and_one_heading_printed_first_in_raw_text(folder: str) -> None:
    """普陀 一般公共预算基本支出经济分类预算表 as ``pdftotext -raw``: ``项目 一般公共预算基本支出`` (the top row,
    printed first) / ``部门预算经济分类科目`` / ``编码 经济分类科目名称 合计 人员经费 公用经费`` / ``类 款``:
    项目 is the group over the code parts and the name, 一般公共预算基本支出 the heading over the three
    amount columns; a row's figures are its amounts, read whole (财政局 2025 p19, 万里街道 2024 p29,
    where ``301 2 津贴补贴`` prints 款 02 without its 0)."""
    records = _amounts_on(_text(FINANCE, "raw", folder), 19)
    wage = {li.column: (str(li.amount_yuan), li.status) for li in records if li.code == "30101"}
    assert wage == {
        "一般公共预算基本支出/合计": ("2642448.00", "auto"),
        "一般公共预算基本支出/人员经费": ("2642448.00", "auto"),
        "一般公共预算基本支出/公用经费": ("0.00", "auto"),
    }
    records = _amounts_on(_text(WANLI, "raw", folder), 29)
    allowance = {li.column: str(li.amount_yuan) for li in records if li.name == "津贴补贴"}
    assert allowance.get("一般公共预算基本支出/合计") == "16623810.00"
    assert allowance.get("一般公共预算基本支出/公用经费") == "0.00"
    assert {li.code for li in records if li.name == "津贴补贴"} == {"30102"}


def test_raw_rows_that_keep_their_figures_in_text_send_the_table_to_review(folder: str) -> None:
    """规划 一般公共预算财政拨款基本支出决算表 (p16) as raw text: two 科目编码 | 科目名称 | 决算数 groups side
    by side (``301 工资福利支出 4816.14 302 商品和服务支出 440.90``); the second group's figures stay
    inside its name cells (each a pending record), so the table is sent to review whole, never passed
    over."""
    ex = _text(PLANNING, "raw", folder)
    (t,) = [t for t in ex.document.tables if t.page == 16 and "基本支出" in t.title]
    assert any(w.code == "text.amounts_in_text" for w in t.warnings)
    assert ex.verdicts[t.seq].status == "pending"


def test_side_amount_columns_named_on_the_header_line(folder: str) -> None:
    """司法局 财政拨款收支预算总表 (p13) as raw text: ``项目 预算数 项目 合计 一般公共预算 政府性基金预算
    国有资本经营预算`` on one line: the words after the 支出 side's 合计 are its parts, that side's further
    amount columns, so ``一、公共安全支出 79,189,400.34 79,189,400.34 0.00 0.00`` is read whole."""
    ex = _text(JUSTICE, "raw", folder)
    (t,) = [t for t in ex.document.tables if t.page == 13 and "财政拨款收支" in t.title]
    assert not any(w.code == "text.amounts_in_text" for w in t.warnings)
    safety = {li.column: str(li.amount_yuan) for li in _amounts_on(ex, 13) if li.name == "一、公共安全支出"}
    assert safety == {
        "合计": "79189400.34",
        "一般公共预算": "79189400.34",
        "政府性基金预算": "0.00",
        "国有资本经营预算": "0.00",
    }


def test_side_amount_columns_printed_under_its_amount_header(folder: str) -> None:
    """司法局 财务收支预算总表 (p8) as raw text: ``项目 预算数 项目`` / ``预算数`` / ``合计`` / ``基本支出`` /
    ``项目支出`` / ``人员经费 公用经费``: the 支出 side's 预算数 is over 合计, 基本支出 (人员经费, 公用经费) and
    项目支出, the lines under it its columns, as many as a row prints after its last item."""
    records = _amounts_on(_text(JUSTICE, "raw", folder), 8)
    safety = {li.column: str(li.amount_yuan) for li in records if li.name == "一、公共安全支出"}
    assert safety == {
        "预算数/合计": "79189400.34",
        "预算数/基本支出/人员经费": "12604173.00",
        "预算数/基本支出/公用经费": "1744680.00",
        "预算数/项目支出": "64840547.00",
    }
