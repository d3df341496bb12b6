"""Table types by rules: titles as printed (budget and 决算 wordings), header cells, codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from classify.table_rules import (
    content_evidence,
    normalize_title,
    rule_classify_table,
    rule_features,
    title_rules,
)
from classify.table_type import classify_table
from extract.model import Cell, Table
from extract.taxonomy import TABLE_TYPES
from extract.text import read_text

SEEDS = Path(__file__).resolve().parent.parent / "samples" / "seeds"


def grid_table(rows: list[list[str]], title: str = "", header_rows: int = 1) -> Table:
    cells = [Cell(row=r, col=c, text=t) for r, row in enumerate(rows) for c, t in enumerate(row) if t]
    return Table(seq=1, title=title, cells=cells, header_rows=header_rows)


TITLES = [
    ("目录", "toc"),
    ("目 录", "toc"),
    ("部门综合预算收支总表", "income_expense_summary"),
    ("2020年部门综合预算收支总表", "income_expense_summary"),
    ("部门预算收支总表", "income_expense_summary"),
    ("部门综合预算收入总表", "income_summary"),
    ("部门综合预算支出总表", "expense_summary"),
    ("部门综合预算财政拨款收支总表", "fiscal_summary"),
    ("2020年部门综合预算财政拨款收支总表", "fiscal_summary"),
    ("部门综合预算一般公共预算支出明细表（按支出功能分类科目）", "gpb_expense_function"),
    ("部门综合预算一般公共预算支出明细表（按支出经济分类科目）", "gpb_expense_economic"),
    ("2020年部门综合预算一般公共预算支出明细表（按支出经济分类科目-不含上年结转）", "gpb_expense_economic"),
    ("部门综合预算一般公共预算基本支出明细表（按支出功能分类科目）", "gpb_basic_function"),
    ("部门综合预算一般公共预算基本支出明细表（按支出经济分类科目）", "gpb_basic_economic"),
    ("部门综合预算一般公共预算基本支出明细表（支出经济分类科目）", "gpb_basic_economic"),
    ("部门预算一般公共预算财政拨款支出表", "gpb_expense_function"),
    ("部门预算一般公共预算财政拨款基本支出表", "gpb_basic_economic"),
    ("部门综合预算政府性基金收支表", "gov_fund"),
    ("部门预算政府基金预算财政拨款支出表", "gov_fund"),
    ("部门预算国有资本经营预算财政拨款支出表", "state_capital"),
    ("部门综合预算专项业务经费支出表", "project_expense"),
    ("2020年部门综合预算财政拨款上年结转资金支出表", "carryover"),
    ("部门综合预算政府采购（资产配置、购买服务）预算表", "procurement"),
    ("部门政府采购预算", "procurement"),
    ("部门综合预算一般公共预算拨款“三公”经费及会议费、培训费支出预算表", "three_public"),
    ("部门预算财政拨款“三公”经费支出表", "three_public"),
    ("部门专项业务经费绩效目标表", "project_performance"),
    ("部门预算专项业务经费绩效目标表", "project_performance"),
    ("1、长期护理保险办公经费绩效目标表", "project_performance"),
    ("永宁县医疗保障局部门项目支出预算绩效目标申报表", "project_performance"),
    ("## 部门项目支出预算绩效目标申报表", "project_performance"),
    ("2020年部门专项业务经费重点项目绩效目标表", "project_performance"),
    ("部门（单位）整体支出绩效目标表", "dept_performance"),
    ("部门整体支出绩效目标表", "dept_performance"),
    ("专项资金总体绩效目标表", "special_fund_performance"),
    ("2020年专项资金整体绩效目标表", "special_fund_performance"),
    ("部门固定资产占用情况表", "assets"),
    ("部门机构设置情况", "institutions"),
    ("[bookmark: _Toc_2_2_0000000001]部门预算收支总表", "income_expense_summary"),
    # final accounts (决算)
    ("收入支出决算总表", "income_expense_summary"),
    ("收入决算表", "income_summary"),
    ("支出决算表", "expense_summary"),
    ("财政拨款收入支出决算总表", "fiscal_summary"),
    ("一般公共预算财政拨款支出决算表", "gpb_expense_function"),
    ("一般公共预算财政拨款基本支出决算表", "gpb_basic_economic"),
    ("政府性基金预算财政拨款收入支出决算表", "gov_fund"),
    ("国有资本经营预算财政拨款支出决算表", "state_capital"),
    ("项目支出决算表", "project_expense"),
    ("财政拨款“三公”经费支出决算表", "three_public"),
]


@pytest.mark.parametrize(("title", "slug"), TITLES)
def test_titles(title: str, slug: str) -> None:
    table = grid_table([["项目", "金额"]], title=title)
    got, conf = rule_classify_table(table)  # the rules (features of the model) are sure of a clean title
    assert got == slug, title
    assert conf >= 0.9
    # the trained model agrees; its calibrated probability is lower for a table with no body and a
    # generic header (the title alone decides), so no confidence floor is asserted here
    assert classify_table(table)[0] == slug, title


def test_title_normalisation_drops_year_enumerator_and_carryover_note() -> None:
    assert normalize_title("2020年部门综合预算收支总表") == "部门综合预算收支总表"
    assert normalize_title("1、长期护理保险办公经费绩效目标表") == "长期护理保险办公经费绩效目标表"
    assert "不含上年结转" not in normalize_title(
        "表5 一般公共预算支出明细表（按支出功能分类科目-不含上年结转）"
    )
    assert title_rules("") is None
    assert title_rules("第一部分 部门概况") is None


def test_detail_title_without_class_is_weaker() -> None:
    table = grid_table([["项目", "金额"]], title="一般公共预算财政拨款支出决算明细表")
    slug, conf = rule_classify_table(table)
    assert slug == "gpb_expense_function"
    assert 0.5 <= conf < 0.9
    assert classify_table(table)[0] == "gpb_expense_function"


FUNCTION_ROWS = [
    ["功能科目编码", "功能科目名称", "合计", "人员经费支出", "公用经费支出", "专项业务经费支出"],
    ["", "合计", "1,704,000.00", "1,011,000.00", "63,000.00", "630,000.00"],
    ["208", "社会保障和就业支出", "111,300.00", "111,300.00", "", ""],
    ["20805", "行政事业单位养老支出", "110,000.00", "110,000.00", "", ""],
    ["2080505", "机关事业单位基本养老保险缴费支出", "110,000.00", "110,000.00", "", ""],
]
ECONOMIC_ROWS = [
    ["科目编码", "科目名称", "合计", "人员经费", "公用经费"],
    ["301", "工资福利支出", "957,000.00", "957,000.00", ""],
    ["30101", "基本工资", "360,400.00", "360,400.00", ""],
    ["30102", "津贴补贴", "272,500.00", "272,500.00", ""],
]


def test_no_title_function_codes() -> None:
    slug, conf = rule_classify_table(grid_table(FUNCTION_ROWS))
    assert slug == "gpb_expense_function"
    assert 0 < conf < 0.9
    # the model, trained on untitled variants, is surer of codes plus a 专项业务经费 column
    assert classify_table(grid_table(FUNCTION_ROWS))[0] == "gpb_expense_function"


def test_no_title_basic_function_from_header() -> None:
    rows = [[c for i, c in enumerate(r) if i != 5] for r in FUNCTION_ROWS]
    assert rule_classify_table(grid_table(rows))[0] == "gpb_basic_function"
    assert classify_table(grid_table(rows))[0] == "gpb_basic_function"


def test_no_title_economic_codes() -> None:
    slug, conf = rule_classify_table(grid_table(ECONOMIC_ROWS))
    assert slug == "gpb_basic_economic"
    assert conf < 0.9
    assert classify_table(grid_table(ECONOMIC_ROWS))[0] == "gpb_basic_economic"
    rows = [r + [x] for r, x in zip(ECONOMIC_ROWS, ["项目支出", "", "", ""], strict=True)]
    assert rule_classify_table(grid_table(rows))[0] == "gpb_expense_economic"
    assert classify_table(grid_table(rows))[0] == "gpb_expense_economic"


def test_truncated_title_settled_by_codes() -> None:
    truncated = "部门综合预算一般公共预算支出明细表（按支出"
    slug, conf = rule_classify_table(grid_table(ECONOMIC_ROWS, title=truncated))
    assert slug == "gpb_expense_economic"
    assert conf < 0.9
    # The model weighs the title (no 基本) against a header with only 人员/公用 columns (like a basic
    # table): economic codes settle the class; expense vs basic stays close, so it must not be sure.
    slug, conf = classify_table(grid_table(ECONOMIC_ROWS, title=truncated))
    assert slug in ("gpb_expense_economic", "gpb_basic_economic")
    assert slug == "gpb_expense_economic" or conf < 0.6
    assert rule_classify_table(grid_table(FUNCTION_ROWS, title=truncated))[0] == "gpb_expense_function"
    assert classify_table(grid_table(FUNCTION_ROWS, title=truncated))[0] == "gpb_expense_function"


def test_no_title_performance_headers() -> None:
    rows = [
        ["项目名称", "", "领导干部体检"],
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        ["", "产出指标", "数量指标", "在职县级领导人数", "约40人"],
    ]
    slug, conf = rule_classify_table(grid_table(rows, header_rows=0))
    assert slug == "project_performance"
    assert conf < 0.9
    assert classify_table(grid_table(rows, header_rows=0))[0] == "project_performance"
    rows[0] = ["部门（单位）名称", "", "略阳县医疗保障局"]
    assert rule_classify_table(grid_table(rows, header_rows=0))[0] == "dept_performance"
    assert classify_table(grid_table(rows, header_rows=0))[0] == "dept_performance"


def test_no_title_toc_header_and_no_evidence() -> None:
    toc = [["报表", "报表名称", "是否空表", "公开空表理由"], ["表1", "部门综合预算收支总表", "否", ""]]
    assert rule_classify_table(grid_table(toc))[0] == "toc"
    assert classify_table(grid_table(toc))[0] == "toc"
    slug, conf = rule_classify_table(grid_table([["甲", "乙"], ["丙", "丁"]]))
    assert slug == "other"
    assert conf <= 0.3
    slug, conf = classify_table(grid_table([["甲", "乙"], ["丙", "丁"]]))
    assert slug == "other"
    assert conf < 0.8  # nothing to go on: below the review threshold for records


def test_content_evidence_is_numeric() -> None:
    ev = content_evidence(grid_table(FUNCTION_ROWS))
    assert all(isinstance(v, float) and 0.0 <= v <= 1.0 for v in ev.values())
    assert ev["function_codes"] == 1.0
    feats = rule_features(grid_table(FUNCTION_ROWS, title=T5_TITLE))
    assert feats["title=gpb_expense_function"] == feats["rules=gpb_expense_function"] >= 0.9
    assert feats["has_title"] == 1.0


T5_TITLE = "部门综合预算一般公共预算支出明细表（按支出功能分类科目）"


@settings(max_examples=150, deadline=None)
@given(
    title=st.text(max_size=40),
    rows=st.lists(st.lists(st.text(max_size=12), min_size=1, max_size=6), max_size=6),
    header_rows=st.integers(min_value=0, max_value=3),
)
def test_never_raises(title: str, rows: list[list[str]], header_rows: int) -> None:
    slug, conf = classify_table(grid_table(rows, title=title, header_rows=header_rows))
    assert slug in TABLE_TYPES
    assert 0.0 <= conf <= 1.0


SEED_000_TYPES = {
    "表4": "fiscal_summary",
    "表5": "gpb_expense_function",
    "表6": "gpb_expense_economic",
    "表7": "gpb_basic_function",
    "表8": "gpb_basic_economic",
    "表9": "gov_fund",
    "表10": "project_expense",
    "表13": "project_performance",
    "表14": "dept_performance",
    "表15": "special_fund_performance",
}


def _read(name: str):  # noqa: ANN202 - Document
    return read_text(str(SEEDS / name))


def test_seed_000_tables_typed() -> None:
    doc = _read("000_c5440fdc5d943430.txt")
    typed = [(t.label, classify_table(t)) for t in doc.tables]
    assert any(slug == "toc" for _, (slug, _) in typed)
    for label, (slug, conf) in typed:
        if label in SEED_000_TYPES:
            assert slug == SEED_000_TYPES[label], label
            assert conf >= 0.9


@pytest.mark.parametrize(
    "name", ["001_a4f76ae83a873a81.txt", "002_9f6346f5ddcdadf9.txt", "003_7df2fde661422583.txt"]
)
def test_seed_performance_tables_typed(name: str) -> None:
    doc = _read(name)
    for t in doc.tables:
        slug, _ = classify_table(t)
        if "绩效目标" in t.title:
            assert slug == "project_performance", t.title
        assert slug != "other", t.title
