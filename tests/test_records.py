"""Line items from money tables: codes, names, columns, yuan amounts, pending cells."""

from __future__ import annotations

import dataclasses
import json
import re
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from classify.records import clean_name, column_role, column_unit, line_items
from classify.table_type import classify_table
from extract.codes import code_kind, join_split_code, split_leading_code
from extract.model import Cell, Table
from extract.reasons import reason
from extract.text import read_text
from tests.reason_text import en

ROOT = Path(__file__).resolve().parent.parent
SEED_000 = ROOT / "samples" / "seeds" / "000_c5440fdc5d943430.txt"
LABELS = ROOT / "samples" / "labels" / "000_line_items.json"


def tsv_table(first: int, last: int, title: str, header_rows: int = 1, unit: str = "元") -> Table:
    """Seed 000's lines first..last (1-based, inclusive), one row per non-blank line, split on tabs."""
    lines = SEED_000.read_text(encoding="utf-8").split("\n")[first - 1 : last]
    rows = [line.split("\t") for line in lines if line.strip()]
    cells = [Cell(row=r, col=c, text=t) for r, row in enumerate(rows) for c, t in enumerate(row) if t.strip()]
    table = Table(seq=1, title=title, cells=cells, header_rows=header_rows, unit=unit)
    return table


def grid_table(rows: list[list[str]], title: str = "", header_rows: int = 1, unit: str = "") -> Table:
    cells = [Cell(row=r, col=c, text=t) for r, row in enumerate(rows) for c, t in enumerate(row) if t]
    return Table(seq=3, title=title, cells=cells, header_rows=header_rows, unit=unit)


def items_of(table: Table, cell_issues: dict[tuple[int, int], str] | None = None) -> list:
    """The table's line items, typed by the table-type verdict."""
    return line_items(table, classify_table(table)[0], cell_issues=cell_issues)


def as_tuples(items) -> list[tuple[str, str, str, str, str]]:  # noqa: ANN001
    return [(i.code, i.name, i.column, str(i.amount_yuan), i.status) for i in items]


T5 = "部门综合预算一般公共预算支出明细表（按支出功能分类科目）"
T6 = "部门综合预算一般公共预算支出明细表（按支出经济分类科目）"
T7 = "部门综合预算一般公共预算基本支出明细表（按支出功能分类科目）"


def test_function_table_every_amount() -> None:
    items = items_of(tsv_table(78, 93, T5))
    got = as_tuples(items)
    assert len(items) == 37
    assert got[0] == ("", "合计", "合计", "1704000.00", "auto")
    assert ("2080505", "机关事业单位基本养老保险缴费支出", "人员经费支出", "110000.00", "auto") in got
    assert ("2101599", "其他医疗保障管理事务支出", "专项业务经费支出", "630000.00", "auto") in got
    # empty cells are not items; every item points at its cell
    assert not any(i.column == "公用经费支出" and i.code == "208" for i in items)
    assert all(i.table_seq == 1 and i.confidence == 1.0 for i in items)
    assert {(i.row, i.col) for i in items} == {(i.row, i.col) for i in items if i.col >= 2}


def test_economic_table_uses_department_code() -> None:
    got = as_tuples(items_of(tsv_table(101, 121, T6)))
    assert ("30101", "基本工资", "合计", "360400.00", "auto") in got
    assert ("301", "工资福利支出", "人员经费支出", "957000.00", "auto") in got
    assert not any(code.startswith("50") for code, *_ in got)
    assert ("30201", "办公费", "专项业务经费支出", "210000.00", "auto") in got


def test_value_in_remarks_column_is_pending() -> None:
    items = items_of(tsv_table(129, 144, T7))
    pending = [i for i in items if i.status == "pending"]
    assert [(i.code, i.column, i.amount_yuan) for i in pending] == [
        ("21015", "备注", Decimal("630000.00")),
        ("2101599", "备注", Decimal("630000.00")),
    ]
    assert (
        "21015" in en(pending[0].reason)
        and "备注" in en(pending[0].reason)
        and "630,000.00" in en(pending[0].reason)
    )
    assert pending[0].confidence < 0.8
    assert all(i.status == "auto" for i in items if i.column != "备注")


def test_side_by_side_summary_names_from_the_left() -> None:
    table = tsv_table(41, 70, "部门综合预算财政拨款收支总表", header_rows=2)
    got = {(i.name, i.column.split("/")[-1], str(i.amount_yuan)) for i in items_of(table)}
    assert ("1、一般公共预算拨款", "预算数", "1704000.00") in got
    assert ("8、社会保障和就业支出", "预算数", "111300.00") in got
    assert ("9、对个人和家庭的补助", "预算数", "130000.00") in got
    assert ("本年收入合计", "预算数", "1704000.00") in got
    assert ("上年结转", "预算数", "0.00") in got  # printed zeros are items
    items = items_of(table)
    assert all(i.code == "" for i in items)
    # (3)对个人和家庭的补助 prints no amount: no item
    assert not any(i.name == "(3)对个人和家庭的补助" for i in items)


def test_label_across_code_and_name_names_the_total() -> None:
    # 人员经费 | 公用经费 side by side, each code | name | amount; the totals row prints its label in a
    # cell merged over code and name, which the grid keeps in the code column
    rows = [
        ["人员经费", "", "", "公用经费", "", ""],
        ["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"],
        ["30101", "基本工资", "10.00", "30201", "办公费", "3.00"],
        ["30102", "津贴补贴", "5.00", "", "", ""],
        ["人员经费合计", "", "15.00", "公用经费合计", "", "3.00"],
        ["", "", "7.00", "302", "", "3.00"],
    ]
    items = items_of(grid_table(rows, "部门基本支出决算表", header_rows=2, unit="元"))
    got = {(i.code, i.name, i.col, str(i.amount_yuan)) for i in items}
    assert ("", "人员经费合计", 2, "15.00") in got
    assert ("", "公用经费合计", 5, "3.00") in got
    assert ("302", "", 5, "3.00") in got  # a code is a code, not a name
    assert ("", "", 2, "7.00") in got  # nothing to name it by


def test_project_table_unit_codes_are_not_classification_codes() -> None:
    # 单位编码 308 / 308001 identify the department and its unit; the dataset's code is only a
    # classification code (design.md), even where a unit code looks like one (308 = an economic class).
    got = as_tuples(items_of(tsv_table(209, 221, "部门综合预算专项业务经费支出表")))
    assert got[:3] == [
        ("", "合计", "项目金额", "630000.00", "auto"),
        ("", "略阳县医疗保障局", "项目金额", "630000.00", "auto"),
        ("", "略阳县医疗保障局", "项目金额", "630000.00", "auto"),
    ]
    assert ("", "DIP项目运行", "项目金额", "20000.00", "auto") in got
    assert len(got) == 12  # the 项目简介 text column gives nothing


def test_wan_yuan_exact_to_the_fen() -> None:
    rows = [
        ["科目编码", "科目名称", "合计"],
        ["", "合 计", "4,682.92"],
        ["2080107", "社会保险业务管理事务", "26.52"],
    ]
    items = items_of(grid_table(rows, title=T5, unit="万元"))
    assert [(i.code, i.name, i.amount_yuan) for i in items] == [
        ("", "合计", Decimal("46829200.00")),
        ("2080107", "社会保险业务管理事务", Decimal("265200.00")),
    ]
    no_unit = items_of(grid_table(rows, title=T5, unit=""))
    assert no_unit[1].amount_yuan == Decimal("26.52")


def test_row_issues_make_items_pending() -> None:
    table = grid_table(
        [["功能科目编码", "功能科目名称", "合计"], ["208", "社会保障和就业支出", "26.52"]], title=T5
    )
    doubt = reason("columns.too_many_ways", row="208", ways=10, numbers=3)
    table.row_issues[1] = doubt
    (item,) = items_of(table)
    assert item.status == "pending"
    assert item.reason == [doubt]
    assert en(item.reason) == "row 208: too many ways (10) to place 3 numbers; left in printed order"


def test_cell_issues_make_only_that_cell_pending() -> None:
    rows = [
        ["功能科目编码", "功能科目名称", "合计", "人员经费支出", "公用经费支出"],
        ["208", "社会保障和就业支出", "26.52", "26.52", ""],
        ["210", "卫生健康支出", "5.00", "5.00", ""],
    ]
    table = grid_table(rows, title=T5)
    doubt = reason(
        "columns.ambiguous_cell",
        row="208",
        value="26.52",
        count=2,
        columns="人员经费支出、公用经费支出",
        placements=2,
        certain=1,
        numbers=2,
        sibling=reason("columns.no_sibling"),
        kept="人员经费支出",
        others="公用经费支出",
    )
    cell_issues = {(1, 3): doubt}
    items = items_of(table, cell_issues)
    assert [(i.code, i.column, i.status) for i in items] == [
        ("208", "合计", "auto"),
        ("208", "人员经费支出", "pending"),
        ("210", "合计", "auto"),
        ("210", "人员经费支出", "auto"),
    ]
    assert items[1].reason == [doubt]
    assert en(items[1].reason).startswith(
        "row 208: 26.52 fits 2 columns (人员经费支出、公用经费支出) under the 2 placements"
    )
    whole_row = reason("columns.code_length", row="208", code="208", digits=3, lengths="3/5/7")
    table.row_issues[1] = whole_row  # a row issue covers every cell of the row
    assert [i.reason for i in items_of(table, cell_issues)[:2]] == [[whole_row]] * 2


def test_unnamed_column_is_pending() -> None:
    rows = [["功能科目编码", "功能科目名称", "合计", ""], ["208", "社会保障和就业支出", "5.00", "7.00"]]
    items = items_of(grid_table(rows, title=T5))
    assert [(i.column, i.status) for i in items] == [("合计", "auto"), ("", "pending")]
    assert "no header" in en(items[1].reason)


def test_index_columns_and_column_number_rows_skipped() -> None:
    rows = [
        ["序号", "科目编码", "科目名称", "合计", "基本支出"],
        ["栏次", "1", "2", "3", "4"],
        ["1", "", "合计", "4996.92", "522.92"],
        ["2", "208", "社会保障和就业支出", "51.50", "47.50"],
    ]
    items = items_of(grid_table(rows, title="部门预算一般公共预算财政拨款支出表", unit="万元"))
    assert [(i.code, i.name, i.column, str(i.amount_yuan)) for i in items] == [
        ("", "合计", "合计", "49969200.00"),
        ("", "合计", "基本支出", "5229200.00"),
        ("208", "社会保障和就业支出", "合计", "515000.00"),
        ("208", "社会保障和就业支出", "基本支出", "475000.00"),
    ]


def test_split_function_codes_joined() -> None:
    rows = [
        ["科目编码", "", "", "科目名称", "决算数"],
        ["类", "款", "项", "", ""],
        ["208", "", "", "社会保障和就业支出", "10.00"],
        ["", "05", "", "行政事业单位养老支出", "8.00"],
        ["", "", "05", "机关事业单位基本养老保险缴费支出", "8.00"],
        ["210", "", "", "卫生健康支出", "2.00"],
        ["", "11", "", "行政事业单位医疗", "2.00"],
        ["", "", "01", "行政单位医疗", "2.00"],
    ]
    table = grid_table(rows, title="一般公共预算财政拨款支出决算表", header_rows=2, unit="元")
    table.cells = [
        c if c.row or c.col else Cell(row=0, col=0, text="科目编码", colspan=3) for c in table.cells
    ]
    assert [i.code for i in items_of(table)] == ["208", "20805", "2080505", "210", "21011", "2101101"]


def test_code_printed_in_name_cell() -> None:
    rows = [
        ["功能科目名称", "合计"],
        ["2080107 社会保险业务管理事务", "26.52"],
        ["30101   基本工资", "54.93"],
    ]
    items = items_of(grid_table(rows, title=T5, unit="万元"))
    assert [(i.code, i.name) for i in items] == [("2080107", "社会保险业务管理事务"), ("30101", "基本工资")]


def test_column_unit_overrides_table_unit() -> None:
    rows = [["项目", "数量", "价值（金额单位：万元）"], ["资产总额", "", "71.12"], ["车辆", "2", ""]]
    items = items_of(grid_table(rows, title="部门固定资产占用情况表"))
    assert [(i.name, i.amount_yuan) for i in items] == [("资产总额", Decimal("711200.00"))]


def test_collapsed_layout_goes_to_review() -> None:
    table = grid_table(
        [["功能科目编码", "功能科目名称", "合计"], ["208", "社会保障和就业支出", "26.52"]], title=T5
    )
    table.layout = "collapsed"
    (item,) = items_of(table)
    assert item.status == "pending" and "collapsed" in en(item.reason)


def test_no_line_items_for_toc_performance_institutions() -> None:
    rows = [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "人数", "40"]]
    assert items_of(grid_table(rows, title="部门（单位）整体支出绩效目标表")) == []
    assert items_of(grid_table([["报表", "报表名称"], ["表1", "收支总表"]], title="目录")) == []
    assert items_of(grid_table([["机构名称", "人数"], ["局机关", "12"]], title="部门机构设置情况")) == []


def test_helpers() -> None:
    assert column_role(("功能分类科目", "科目编码", "1")) == "code"
    assert column_role(("支出", "支出功能分类科目（按大类）")) == "name"
    assert column_role(("收入", "预算数")) == "amount"
    assert column_role(("序号", "栏次")) == "index"
    assert column_role(("备注",)) == "text"
    assert column_role(()) == "unnamed"
    assert column_unit("资金金额 (万元)", "") == "万元"
    assert column_unit("预算数", "") == "元"
    assert clean_name("  合                   计 ") == "合计"
    assert clean_name("1、一般公共服务支出") == "1、一般公共服务支出"
    assert code_kind("2080505") == "function" and code_kind("30101") == "economic"
    assert code_kind("50101") == "gov_economic" and code_kind("308001") == "unit"
    assert code_kind("13043326P00007110001H") == "project" and code_kind("1,704.00") is None
    assert join_split_code(["", "", "02"], ["201", "06"]) == "2010602"
    assert split_leading_code("行政运行") is None


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(
        st.lists(
            st.one_of(
                st.text(max_size=10),
                st.sampled_from(
                    ["", "合计", "208", "30101", "1,704.00", "0.00", "备注", "栏次", "**", "类", "编码"]
                ),
            ),
            min_size=1,
            max_size=7,
        ),
        max_size=8,
    ),
    header_rows=st.integers(min_value=0, max_value=3),
    unit=st.sampled_from(["", "元", "万元", "千元"]),
    layout=st.sampled_from(["grid", "collapsed"]),
)
def test_line_items_never_raise(rows: list[list[str]], header_rows: int, unit: str, layout: str) -> None:
    table = grid_table(rows, title="", header_rows=header_rows, unit=unit)
    table.layout = layout
    for item in line_items(table, "gpb_expense_function"):
        assert item.status in ("auto", "pending")
        assert 0.0 <= item.confidence <= 1.0
        assert item.amount_yuan == item.amount_yuan.quantize(Decimal("0.01"))


def _read_000():  # noqa: ANN202 - Document
    return read_text(str(SEED_000))


def test_seed_000_line_items_match_labels() -> None:
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["items"]
    doc = _read_000()
    got: list[tuple[str, str, str, str, str, str]] = []
    for table in doc.tables:
        if table.label in {"表5", "表6", "表7", "表8", "表10"}:
            got += [(table.label, *t) for t in as_tuples(items_of(table))]
    expected = [
        (r["table"], r["code"], r["name"], r["column"], r["amount_yuan"], r.get("status", "auto"))
        for r in labels
    ]
    missing = [e for e in expected if e not in got]
    extra = [g for g in got if g not in expected]
    assert not missing, missing[:5]
    assert not extra, extra[:5]
    assert len(got) == len(expected) == 164


def test_seed_000_every_money_table_reads() -> None:
    doc = _read_000()
    for table in doc.tables:
        items = items_of(table)
        if table.label == "表4":
            assert len(items) == 71  # every number of the 4 groups of item | 预算数, zeros included
        if table.label == "表9":
            assert items and all(i.amount_yuan == 0 for i in items)


# ---------------------------------------------------------------- issue 13: split codes, groups, totals


def test_split_code_parts_padded_and_labels_not_codes() -> None:
    """A 款 printed as a spreadsheet number ('2') is the part '02'; a label printed across the code
    columns (合计) is no code."""
    assert join_split_code(["301", "2"]) == "30102"
    assert join_split_code(["", "7"], ["301", "01"]) == "30107"
    assert join_split_code(["合计", "", ""]) == ""
    assert join_split_code(["201", "06", "01"]) == "2010601"


def test_top_level_split_columns_join_and_inherit() -> None:
    """类 | 款 | 项 as top-level headers (no 科目编码 above): one code, never cut to the 类; a row
    printing only 款 inherits its 类; the 合计 row has code '' and the name 合计."""
    rows = [
        ["类", "款", "项", "功能科目", "合计"],
        ["", "", "", "合计", "656.73"],
        ["205", "", "", "教育支出", "656.73"],
        ["", "03", "", "职业教育", "656.73"],
        ["205", "03", "99", "其他职业教育支出", "656.73"],
    ]
    items = items_of(grid_table(rows, title="部门收入总体情况表", unit="万元"))
    assert [(i.code, i.name) for i in items] == [
        ("", "合计"),
        ("205", "教育支出"),
        ("20503", "职业教育"),
        ("2050399", "其他职业教育支出"),
    ]


def test_total_label_across_split_code_cells() -> None:
    rows = [
        ["功能分类科目编码", "", "", "功能分类科目名称", "合计"],
        ["类", "款", "项", "", ""],
        ["合计", "", "", "", "10.00"],
        ["201", "", "", "一般公共服务支出", "10.00"],
        ["201", "05", "07", "专项普查活动", "10.00"],
    ]
    table = grid_table(rows, title="一般公共预算支出功能分类预算表", header_rows=2, unit="元")
    items = items_of(table)
    assert [(i.code, i.name) for i in items] == [
        ("", "合计"),
        ("201", "一般公共服务支出"),
        ("2010507", "专项普查活动"),
    ]


def test_two_groups_of_split_economic_codes_side_by_side() -> None:
    """人员经费 | 公用经费, each with its own 类 | 款 | 名称 | 金额: each amount takes its own group's
    code and name, never glued across the groups."""
    rows = [
        ["人员经费", "", "", "", "公用经费", "", "", ""],
        ["类", "款", "科目名称", "金额", "类", "款", "科目名称", "金额"],
        ["301", "", "工资福利支出", "9.00", "302", "", "商品和服务支出", "4.00"],
        ["", "01", "基本工资", "5.00", "", "01", "办公费", "4.00"],
        ["", "2", "津贴补贴", "4.00", "", "", "", ""],
        ["303", "", "对个人和家庭的补助", "1.00", "310", "", "资本性支出", "2.00"],
    ]
    table = grid_table(rows, title="一般公共预算基本支出表", header_rows=2, unit="元")
    table.cells = [
        dataclasses.replace(c, colspan=4) if c.row == 0 and c.col in (0, 4) else c for c in table.cells
    ]
    items = items_of(table)
    assert [(i.code, i.name, i.column.split("/")[0], str(i.amount_yuan)) for i in items] == [
        ("301", "工资福利支出", "人员经费", "9.00"),
        ("302", "商品和服务支出", "公用经费", "4.00"),
        ("30101", "基本工资", "人员经费", "5.00"),
        ("30201", "办公费", "公用经费", "4.00"),
        ("30102", "津贴补贴", "人员经费", "4.00"),
        ("303", "对个人和家庭的补助", "人员经费", "1.00"),
        ("310", "资本性支出", "公用经费", "2.00"),
    ]


def test_department_and_government_economic_codes() -> None:
    """部门经济科目 类 | 款 beside 政府经济科目 类 | 款: code is the department's, gov_code the
    government's; the function code before them stays the row's code where one is printed."""
    rows = [
        ["部门预算支出经济科目编码", "", "政府预算支出经济科目编码", "", "科目名称", "金额"],
        ["类", "款", "类", "款", "", ""],
        ["301", "01", "501", "01", "基本工资", "7.00"],
        ["302", "99", "502", "99", "其他商品和服务支出", "3.00"],
    ]
    table = grid_table(rows, title="一般公共预算基本支出表", header_rows=2, unit="元")
    table.cells = [
        dataclasses.replace(c, colspan=2) if c.row == 0 and c.col in (0, 2) else c for c in table.cells
    ]
    assert [(i.code, i.gov_code) for i in items_of(table)] == [("30101", "50101"), ("30299", "50299")]


def test_parent_path_by_code_and_by_indent() -> None:
    """A table without codes shows its hierarchy by indentation only: two 行政运行 rows under
    different parents keep different parent paths; with codes, the path follows the code."""
    rows = [
        ["项目", "预算数"],
        ["卫生健康支出", "5.00"],
        ["卫生健康管理事务", "2.00"],
        ["行政运行", "2.00"],
        ["社会保障和就业支出", "3.00"],
        ["人力资源和社会保障管理事务", "3.00"],
        ["行政运行", "3.00"],
    ]
    indents = [0, 0, 10, 20, 0, 10, 20]
    table = grid_table(rows, title="部门收支预算总表", unit="万元")
    table.cells = [
        dataclasses.replace(
            c, bbox=(50.0, 10.0 * c.row, 200.0, 10.0 * c.row + 9), text_x0=52.0 + indents[c.row]
        )
        if c.col == 0
        else c
        for c in table.cells
    ]
    paths = [(i.name, i.parent_path) for i in line_items(table, "income_expense_summary")]
    assert paths[2] == ("行政运行", ("卫生健康支出", "卫生健康管理事务"))
    assert paths[5] == ("行政运行", ("社会保障和就业支出", "人力资源和社会保障管理事务"))
    coded = [
        ["科目编码", "科目名称", "合计"],
        ["208", "社会保障", "1"],
        ["20828", "退役军人管理", "1"],
        ["2082801", "行政运行", "1"],
    ]
    got = [i.parent_path for i in items_of(grid_table(coded, title=T5, unit="元"))]
    assert got == [(), ("社会保障",), ("社会保障", "退役军人管理")]


def test_two_amounts_glued_in_one_cell_are_pending() -> None:
    """Seed 000's function table with two cells of a row run together as a reader may give them:
    '19,000.00110,000.00' (two decimal points) and, in a column printing two decimals, '110,000.000'
    (an amount and a 0): each record is pending with the doubt, never auto-accepted."""
    table = tsv_table(78, 93, T5)
    cells = sorted((c for c in table.cells if c.row >= table.header_rows), key=lambda c: (c.row, c.col))
    amounts = [c for c in cells if re.fullmatch(r"[1-9][\d,]*\.\d\d", c.text)]
    first, second = amounts[1], amounts[5]
    first.text = first.text + "110,000.00"
    second.text = second.text + "0"
    items = {(i.row, i.col): i for i in items_of(table)}
    for cell, rest in ((first, "110,000.00"), (second, "0")):
        item = items[(cell.row, cell.col)]
        assert item.status == "pending" and [r.code for r in item.reason] == ["records.glued_amounts"]
        assert rest in en(item.reason)
    assert sum(i.status == "pending" for i in items.values()) == 2
