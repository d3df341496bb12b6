"""extract.collapsed: tables from PDF text whose columns collapsed into single-space runs (seed 004)."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sample_files import seed

from extract import collapsed
from extract.collapsed import enumerator, parse_block, segment_label, split_items
from extract.collapsed.header import fold_compounds
from extract.collapsed.header_solver import group_score
from extract.collapsed.tokens import Line, to_lines
from extract.model import Table
from extract.taxonomy import LEVEL1
from tests.reason_text import en

SEED = seed("004")
LINES = SEED.read_text(encoding="utf-8").split("\n")

# body regions (first, last line, 1-based) of seed 004's tables, with the first line's text
BODIES = {
    1: (313, 389, "收"),
    2: (399, 450, "单位编码 单位名称"),
    3: (460, 497, "单位编码 单位名称"),
    4: (506, 573, "收"),
    5: (583, 605, "功能科目编码"),
    6: (615, 654, "部门经济科目编码"),
    7: (664, 686, "功能科目编码"),
    8: (696, 755, "部门经济科目"),
    9: (765, 807, "收"),
    10: (817, 821, "单位编码"),
    11: (830, 853, "预算单"),
    12: (863, 879, "科目编码"),
    13: (889, 986, "单位编码 单位名称"),
    14: (994, 1076, "专项（项目）名称"),
    15: (1084, 1170, "部门（单位）名称"),
    16: (1178, 1306, "专项（项目）名称"),
}


def body(n: int) -> Table:
    first, last, start = BODIES[n]
    assert LINES[first - 1].strip().startswith(start), (n, LINES[first - 1])
    return parse_block(LINES[first - 1 : last], first)


def rows_by_code(table: Table) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for row in table.body_grid():
        out.setdefault(row[0] or row[1], row)
    return out


def column_texts(table: Table, col: int) -> list[str]:
    return [row[col] for row in table.body_grid() if col < len(row) and row[col]]


# --------------------------------------------------------------------------- regular tables


def test_function_table_header_and_packed_numbers() -> None:
    t = body(5)
    assert t.layout == "collapsed"
    assert t.header_rows == 1
    assert t.columns() == [
        "功能科目编码",
        "功能科目名称",
        "合计",
        "人员经费支出",
        "公用经费支出",
        "专项业务经费支出",
        "备注",
    ]
    rows = rows_by_code(t)
    assert len(t.body_grid()) == 10
    # numbers packed left after the two label columns, exactly as printed
    assert rows["2080107"][:6] == ["2080107", "社会保险业务管理事务", "26.52", "5.52", "21", ""]
    assert rows["2101501"][:5] == ["2101501", "行政运行", "78.98", "74.98", "4"]
    assert rows["合计"][:6] == ["", "合计", "364.89", "297.39", "11.5", "56"]
    cell = next(c for c in t.cells if c.text == "26.52" and c.row == 4)
    assert cell.line_span == (593, 593)


def test_economic_table_second_code_pair_and_spaced_total() -> None:
    t = body(6)
    assert t.columns()[:5] == [
        "部门经济科目编码",
        "部门经济科目名称",
        "政府经济科目编码",
        "政府经济科目名称",
        "合计",
    ]
    grid = t.body_grid()
    assert grid[0][:5] == ["", "合计", "", "", "364.89"]  # '合                   计'
    assert grid[1][:6] == ["301", "工资福利支出", "", "", "297.39", "297.39"]
    assert grid[2][:6] == ["30101", "基本工资", "50101", "工资奖金津补贴", "54.93", "54.93"]
    assert grid[19][:5] == ["30215", "会议费", "50202", "会议费", ""]
    assert len(grid) == 24


def test_wrapped_name_and_header_joined() -> None:
    t = body(8)
    assert t.columns()[0] == "部门经济科目编码"  # '部门经济科目\n编码'
    grid = t.body_grid()
    assert len(grid) == 24
    assert grid[7][:6] == ["30108", "机关事业单位基本养老保险费", "50102", "社会保障缴费", "9.45", "9.45"]
    assert grid[8][:6] == ["30108", "机关事业单位基本养老保险费", "50501", "工资福利支出", "28.98", "28.98"]
    name = t.cell(t.header_rows + 7, 1)
    assert name is not None and name.line_span == (717, 718)
    code2 = t.cell(t.header_rows + 7, 2)
    assert code2 is not None and code2.line_span == (720, 720)


def test_two_row_header_with_subtotal_columns() -> None:
    t = body(2)
    cols = t.columns()
    assert len(cols) == 14
    assert cols[:5] == [
        "单位编码",
        "单位名称",
        "合计",
        "一般公共预算拨款/小计",
        "一般公共预算拨款/其中：专项资金列入部门预算项目",
    ]
    assert "政府性基金拨款" in cols and "用事业基金弥补收支差额" in cols and "上年实户资金余额" in cols
    assert t.header_rows == 2
    assert any("rebuilt" in en(n) for n in t.notes)
    assert t.body_grid()[1][:4] == ["353001", "镇安县医疗保障局", "105.5", "105.5"]


def test_header_cell_broken_before_a_lone_character() -> None:
    cols = body(3).columns()
    assert len(cols) == 12
    assert "政府性基金拨款" in cols  # '政府性基金拨' + '款'
    assert "事业收入" in cols


def test_year_banded_three_level_header() -> None:
    t = body(13)
    cols = t.columns()
    assert len(cols) == 29
    assert cols[2] == "2019年/合计"
    assert cols[11] == "2020年/合计"
    assert "2020年/一般公共预算拨款安排的“三公”经费预算/公务接待费" in cols
    assert "增减变化情况/一般公共预算拨款安排的“三公”经费预算/公务用车购置及运行费/公务用车运行费" in cols
    assert cols[-1] == "增减变化情况/培训费"
    assert t.body_grid()[0][:6] == ["352001", "镇安县医疗保障局", "1.2", "0.2", "0.2", "1"]


def test_empty_tables_keep_their_headers() -> None:
    t11 = body(11)
    assert t11.columns() == [
        "预算单位代码", "预算单位名称", "预算项目名称", "金额", "功能分类科目代码", "功能分类科目名称",
        "政府经济分类科目代码", "政府经济分类科目名称", "项目类别", "资金性质", "备注",
    ]  # fmt: skip
    assert not t11.body_grid()
    assert any(en(n).startswith("footnote: 注：项目类别") for n in t11.notes)
    t12 = body(12)
    cols = t12.columns()
    assert len(cols) == 16
    assert cols[:3] == ["科目编码/类", "科目编码/款", "科目编码/项"]
    assert "部门预算支出经济科目编码/款" in cols and "实施采购时间" in cols


def test_trailing_text_goes_to_the_text_column() -> None:
    t = body(10)
    assert t.body_grid() == [["352001", "镇安县医疗保障局", "56", "信息系统维护、业务监管"]]


def test_synthetic_table_in_yuan_without_filler_row() -> None:
    lines = [
        "科目编码 科目名称 合计 基本支出 项目支出",
        "合 计 1,250,000.00 1,000,000.00 250,000.00",
        "201 一般公共服务支出 1,250,000.00 1,000,000.00 250,000.00",
        "20103政府办公厅（室）及相关机构事务 1,250,000.00 1,000,000.00 250,000.00",
        "",
        "2010301 行政运行 1,000,000.00 1,000,000.00",
        "2010350 事业运行 250,000.00 250,000.00",
    ]
    t = parse_block(lines, 40)
    assert t.columns() == ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
    grid = t.body_grid()
    assert grid[0] == ["", "合计", "1,250,000.00", "1,000,000.00", "250,000.00"]
    assert grid[2][:2] == ["20103", "政府办公厅（室）及相关机构事务"]  # code glued to its name
    assert grid[4] == ["2010350", "事业运行", "250,000.00", "250,000.00", ""]
    assert t.cell(5, 0).line_span == (46, 46)


# --------------------------------------------------------------------------- side-by-side tables


def _numbers(texts: list[str], style: str) -> list[int]:
    out = []
    for t in texts:
        e = enumerator(t)
        if e and e[0] == style:
            out.append(e[1])
    return out


def test_side_by_side_groups_follow_their_enumerators() -> None:
    t = body(1)
    assert t.layout == "grid"
    assert t.columns() == [
        "收入/项目", "收入/预算数", "支出/支出功能分类科目（按大类）", "支出/预算数",
        "支出/部门预算支出经济分类科目（按大类）", "支出/预算数", "支出/政府预算支出经济分类科目（按大类）", "支出/预算数",
    ]  # fmt: skip
    assert _numbers(column_texts(t, 2), "num") == list(range(1, 30))  # 1、…29、 function classes
    assert _numbers(column_texts(t, 6), "num") == list(range(1, 16))  # 1、…15、 government classes
    assert _numbers(column_texts(t, 4), "num") == [1, 2, 3, 4, 5]
    grid = t.body_grid()
    row = next(r for r in grid if r[2] == "8、社会保障和就业支出")
    assert row[3] == "26.52" and row[4] == "(2)商品和服务支出" and row[5] == "56.00"
    row = next(r for r in grid if r[2] == "12、城乡社区支出")
    assert row[0] == "" and row[4] == "(6)资本性支出" and row[6] == "12、债务还本支出"
    assert [r[0] for r in grid if r[0]][-4:] == [
        "上年结转",
        "其中：财政拨款资金结转",
        "非财政拨款资金结余",
        "收入总计",
    ]
    assert grid[-1] == [
        "收入总计",
        "364.89",
        "支出总计",
        "364.89",
        "支出总计",
        "364.89",
        "支出总计",
        "364.89",
    ]


def test_side_by_side_income_group_ends_early() -> None:
    grid = body(4).body_grid()
    row = next(r for r in grid if r[2] == "5、教育支出")
    assert row[0] == "" and row[4] == "(4)资本性支出"
    assert grid[0][:2] == ["一、财政拨款", "4,682.92"]  # printed as is, even where it disagrees with 364.89


def test_side_by_side_unnumbered_sub_items() -> None:
    t = body(9)
    grid = t.body_grid()
    econ = column_texts(t, 4)
    assert econ[:3] == ["一、人员经费和公用经费支出", "工资福利支出", "商品和服务支出"]
    assert "三、上缴上级支出" in econ and "五、对附属单位补助支出" in econ
    assert _numbers(column_texts(t, 2), "cn") == list(range(1, 15))
    assert _numbers(column_texts(t, 6), "cn") == list(range(1, 16))
    row = next(r for r in grid if r[6] == "十五、其他支出")
    assert row[4] == "对社会保障基金补助"


def test_a_side_with_several_amount_columns_wrapped_under_the_header(tmp_path) -> None:
    """pdftotext -raw of a generated 财政拨款收支总表 numbered by 序号: ``项 目 金额 项 目 合计`` then
    the 合计's parts broken over six lines down to ``栏次 1 2 … 7``. The 支出 side is 项目 | 合计 and
    three fund columns (the column numbers say how many; 政府性基金预算 + 财政 拨款 is one cell),
    a row's amounts go packed left into its side, and a row with fewer numbers than columns is in
    doubt; the 收入 side keeps its one 金额 column. Before, the table was one unread block."""
    from samples.render import write_renderings
    from samples.synth import make_document

    doc = make_document(35002)
    info = write_renderings(doc, tmp_path, ["raw_txt"])
    lines = (tmp_path / doc.doc_id / info["raw_txt"]["file"]).read_text(encoding="utf-8").split("\n")
    title = next(i for i, ln in enumerate(lines) if ln.strip() == "部门预算财政拨款收支总表")
    first = title + 2  # after 单位：万元
    last = next(i for i in range(first, len(lines)) if lines[i].startswith("31 收入总计"))
    t = parse_block(lines[first : last + 1], first + 1)
    assert t.layout == "grid"
    grid = t.grid()
    assert grid[1] == [
        "项目",
        "金额",
        "项目",
        "合计",
        "一般公共预算财政拨款",
        "政府性基金预算财政拨款",
        "国有资本经营预算财政拨款",
    ]
    rows = {row[0] or row[2]: (r, row) for r, row in enumerate(grid)}
    assert rows["一、一般公共预算拨款"][1][1] and rows["一、一般公共预算拨款"][1][2] == "一、一般公共服务支出"
    r, row = rows["本年收入合计"]
    assert row[2] == "本年支出合计" and row[3] == row[4] == row[1] and row[5:] == ["", ""]
    assert t.row_issues[r].code == "collapsed.few_numbers_left"
    assert rows["一、一般公共预算拨款"][0] not in t.row_issues


def test_split_items_and_enumerators() -> None:
    items = split_items(["三", "、机关资本性支出（一）", "(1)工资福利支出", "297.39", "其中：", "专项"])
    assert [(i.text, i.amount) for i in items] == [
        ("三、机关资本性支出（一）", None),
        ("(1)工资福利支出", "297.39"),
        ("其中：专项", None),
    ]
    assert enumerator("十二、债务还本支出") == ("cn", 12)
    assert enumerator("（三）对个人") == ("cnparen", 3)
    assert enumerator("29、债务发行费用支出") == ("num", 29)
    assert enumerator("上年结转") is None


# --------------------------------------------------------------------------- performance tables


def test_project_performance_grid() -> None:
    t = body(14)
    assert t.layout == "grid"
    assert t.columns() == ["一级指标", "二级指标", "三级指标", "指标值"]
    assert t.project == "信息系统维护及业务监管工作"
    grid = t.body_grid()
    assert grid[0][:2] == ["专项（项目）名称", "信息系统维护及业务监管工作"]
    assert grid[1][:2] == ["主管部门", "镇安县医疗保障局"]
    assert grid[2][:2] == ["资金金额（万元）", ""]
    assert grid[3][:2] == ["实施期资金总额：", "56"]
    assert grid[4][:2] == ["其中：财政拨款", "56"]
    indicators = [r for r in grid if r[2]]
    assert indicators[0] == ["产出指标", "数量指标", "指标1：城乡居民医保系统完成整合", "100%"]
    assert ["", "质量指标", "指标1：城乡居民参保率达98%以上", "≧98%"] in indicators
    assert ["", "时效指标", "指标1：3月底前完成全年参保任务", "100%"] in indicators
    assert ["", "", "指标2：", ""] in indicators  # placeholders stay rows
    assert ["", "社会效益指标", "指标1：解决群众看不起病问题", "100%"] in indicators
    assert ["满意度指标", "服务对象满意度指标", "指标1：群众对医保经办满意度", "≥95%"] in indicators
    targets = [r[1] for r in grid if r[1].startswith("目标")]
    assert targets == [
        "目标1：完成居民医保与新农合管理系统的整合。",
        "目标2：完成对全县定点医疗机构的监管全覆盖。",
        "目标3：城乡居民参保率达98%以上。",
    ]
    level1 = [r[0] for r in grid if r[0] in LEVEL1]
    assert level1 == ["产出指标", "满意度指标"]  # 社会效益指标 comes without its 效益指标 label in the source


def test_department_performance_tasks_and_targets() -> None:
    t = body(15)
    grid = t.body_grid()
    assert grid[0][:2] == ["部门（单位）名称", "镇安县医疗保障局"]
    assert grid[3][:4] == ["任务1", "完成城乡居民医保整合工作", "308.89", "308.89"]
    total = next(r for r in grid if r[0] == "金额合计")
    assert total[2:4] == ["364.89", "364.89"]
    assert next(r for r in grid if r[0] == "年度总体目标")[1].startswith("目标1：完成新农合")
    assert next(r for r in grid if r[2].startswith("指标1：完成25.6万"))[:4] == [
        "产出指标",
        "数量指标",
        "指标1：完成25.6万城乡居民参保任务",
        "≥100%",
    ]
    assert next(r for r in grid if "经办满意度" in r[2])[:2] == ["满意度指标", "服务对象满意度指标"]


def test_empty_performance_template() -> None:
    grid = body(16).body_grid()
    level1 = [r[0] for r in grid if r[0] in LEVEL1]
    assert level1 == ["产出指标", "效益指标", "满意度指标"]
    level2 = [r[1] for r in grid if r[1].endswith("指标")]
    assert level2 == [
        "数量指标",
        "质量指标",
        "时效指标",
        "成本指标",
        "经济效益指标",
        "社会效益指标",
        "生态效益指标",
        "可持续影响指标",
        "服务对象满意度指标",
    ]
    assert all(r[3] == "" for r in grid)
    assert sum(1 for r in grid if re.match(r"^指标\d：$", r[2])) == 18


def test_stacked_labels_without_blank_lines() -> None:
    lines = [
        "产", "出", "指", "标", "数量指标", " 指标1：完成参保 1000人",
        "满意", "度指", "标", "服务对象", "满意度指标", " 指标1：满意度 ≥90%", " ……",
    ]  # fmt: skip
    grid = parse_block(lines, 1).body_grid()
    assert grid == [
        ["产出指标", "数量指标", "指标1：完成参保", "1000人"],
        ["满意度指标", "服务对象满意度指标", "指标1：满意度", "≥90%"],
        ["", "", "……", ""],
    ]
    assert segment_label("满意度指标服务对象满意度指标") == ["满意度指标", "服务对象满意度指标"]


# --------------------------------------------------------------------------- end to end, robustness


def test_read_text_uses_this_parser() -> None:
    from extract.text import read_text

    doc = read_text(str(SEED))
    by_label = {t.label: t for t in doc.tables}
    t5 = by_label["表5"]
    assert t5.layout == "collapsed"
    assert t5.columns()[2:6] == ["合计", "人员经费支出", "公用经费支出", "专项业务经费支出"]
    assert rows_by_code(t5)["2080107"][2:5] == ["26.52", "5.52", "21"]
    assert by_label["表1"].columns()[1] == "收入/预算数"
    assert by_label["表14"].project == "信息系统维护及业务监管工作"


_ALPHABET = st.sampled_from(
    list(" 　\t0123456789.,-%*：:、()（）…")
    + list("合计表指标目一二三十产出满意度数量质量名称编码项款类其中小收入支")
)
_LINE = st.one_of(
    st.text(_ALPHABET, max_size=40),
    st.sampled_from(
        [
            "** ** **",
            " 指标1：",
            " ……",
            "合计 1 2",
            "208 社会 1 2 3",
            "30108 养老",
            "保险费",
            "50102 缴费 1 1",
            "项    目 预算数 支出 预算数",
            "一、部门预算 1 一、部门预算 1",
            "任务名称 主要内容",
            "一级指标 二级指标 指标值",
        ]
    ),  # fmt: skip
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LINE, max_size=25), st.integers(min_value=1, max_value=5000))
def test_parse_never_raises(lines: list[str], first: int) -> None:
    table = collapsed._parse(lines, first)  # the unguarded parser: a crash here is a bug
    assert isinstance(table, Table)
    assert all(c.row >= 0 and c.col >= 0 for c in table.cells)
    assert parse_block(lines, first).cells is not None


@given(st.lists(st.text(max_size=30), max_size=15))
def test_parse_block_never_raises_on_any_text(lines: list[str]) -> None:
    assert isinstance(parse_block(lines, 1), Table)


@pytest.mark.parametrize("n", sorted(BODIES))
def test_every_seed_table_parses_without_guard(n: int) -> None:
    first, last, _ = BODIES[n]
    table = collapsed._parse(LINES[first - 1 : last], first)
    assert not any("failed" in en(note) for note in table.notes)
    assert table.header_rows >= 1


def test_two_group_side_by_side() -> None:
    lines = [
        "收入 支出",
        "项目 预算数 项目 预算数",
        "一、一般公共预算拨款 120.5 一、一般公共服务支出 100",
        "二、政府性基金 二、教育支出 20.5",
        "三、卫生健康支出",
        "收入总计 120.5 支出总计 120.5",
    ]
    t = parse_block(lines, 10)
    assert t.columns() == ["收入/项目", "收入/预算数", "支出/项目", "支出/预算数"]
    assert t.body_grid()[2] == [
        "",
        "",
        "三、卫生健康支出",
        "",
    ]  # an expense item, though 收入 also expects 三、
    assert not t.row_issues


# --------------------------------------------------------------------------- 决算 and budget headers


FINAL_FISCAL = [
    "收入 支出",
    "项目 行次 决算数 项目 行次 合计",
    "一般公共预算财",
    "政拨款",
    "政府性基金预算",
    "财政拨款",
    "国有资本经营预",
    "算财政拨款",
    "栏次 1 栏次 2 3 4 5",
    "一、一般公共预算拨款收入 1 1435.81 一、一般公共服务支出 33 0 0 0 0",
    "二、政府性基金预算拨款收入 2 0 二、外交支出 34 0 0 0 0",
    "八、社会保障和就业支出 40 170.51 170.51 0 0",
    "收入 支出",
    "项目 行次 决算数 项目 行次 合计",
    "栏次 1 栏次 2 3 4 5",
    "本年收入合计 30 1435.81 本年支出合计 62 1435.81 1435.81 0 0",
]


def test_rownum_sides_read_each_side_with_its_row_numbers() -> None:
    t = parse_block(FINAL_FISCAL, 1)
    assert t.layout == "grid" and t.header_rows == 2
    assert t.columns() == [
        "收入/项目",
        "收入/行次",
        "收入/决算数",
        "支出/项目",
        "支出/行次",
        "支出/合计",
        "支出/一般公共预算财政拨款",
        "支出/政府性基金预算财政拨款",
        "支出/国有资本经营预算财政拨款",
    ]
    grid = t.body_grid()
    assert grid[0] == [
        "一、一般公共预算拨款收入",
        "1",
        "1435.81",
        "一、一般公共服务支出",
        "33",
        "0",
        "0",
        "0",
        "0",
    ]
    # an expense item printed alone (4 numbers: the expense side's count) sits on the expense side
    assert grid[2] == ["", "", "", "八、社会保障和就业支出", "40", "170.51", "170.51", "0", "0"]
    assert len(grid) == 4  # the header printed again on the next page is not a row
    assert not t.row_issues


def test_rownum_lone_item_with_an_unknown_side_is_flagged() -> None:
    lines = ["收入 支出", "项目 行次 决算数 项目 行次 决算数", "栏次 1 栏次 2", "某项 7 5"]
    t = parse_block(lines, 1)
    assert t.row_issues and "side" in en(next(iter(t.row_issues.values())))
    # the 行次 of a lone item decides once both sides were seen on one line
    lines = ["收入 支出", "项目 行次 决算数 项目 行次 决算数", "一、收入甲 1 5 一、支出甲 33 5", "某项 40 2"]
    t = parse_block(lines, 1)
    assert t.body_grid()[1] == ["", "", "", "某项", "40", "2"]
    assert not t.row_issues


def test_rownum_segments() -> None:
    segs = collapsed.rownum_segments(["一、收入", "1", "1435.81", "一、支出", "33", "0", "0"])
    assert [(s.name, s.rownum, s.amounts) for s in segs] == [
        (["一、收入"], "1", ["1435.81"]),
        (["一、支出"], "33", ["0", "0"]),
    ]
    assert collapsed.rownum_header([Line(1, "项目 行次 决算数 项目 行次 决算数")]) == 0
    assert collapsed.rownum_header([Line(1, "项目 决算数 项目 决算数")]) is None


BANDED = [
    "人员经费 公用经费",
    "科目编码 科目名称 决算数 科目编码 科目名称 决算数",
    "301 工资福利支出 2406291.01 302 商品和服务支出 204791.14",
    "30101 基本工资 855586.74 30205 水费 18008.29",
    "人员经费 公用经费",
    "科目编码 科目名称 决算数 科目编码 科目名称 决算数",
    "30231 公务用车运行维护费 30725.45",
    "人员经费合计 2406291.01 公用经费合计 204791.14",
]


def test_banded_label_groups_side_by_side() -> None:
    t = parse_block(BANDED, 1)
    assert t.layout == "grid"
    assert t.columns() == [
        "人员经费/科目编码",
        "人员经费/科目名称",
        "人员经费/决算数",
        "公用经费/科目编码",
        "公用经费/科目名称",
        "公用经费/决算数",
    ]
    grid = t.body_grid()
    assert grid[0] == ["301", "工资福利支出", "2406291.01", "302", "商品和服务支出", "204791.14"]
    # a lone 302xx row belongs to the group whose codes are 302…
    assert grid[2] == ["", "", "", "30231", "公务用车运行维护费", "30725.45"]
    assert grid[3] == ["", "人员经费合计", "2406291.01", "", "公用经费合计", "204791.14"]
    assert not t.row_issues


def test_banded_lone_piece_of_unknown_group_is_flagged() -> None:
    t = parse_block(BANDED[:2] + ["40101 其他 5"], 1)
    assert t.row_issues and "guess" in en(next(iter(t.row_issues.values())))
    assert collapsed.banded_header([Line(1, "科目编码 科目名称 决算数")]) is None


def test_budget_and_final_bands_over_three_header_levels() -> None:
    lines = [
        "预算数 决算数",
        "合计",
        "因公出国（境）",
        "费",
        "公务用车购置及运行费",
        "公务接待费 合计",
        "因公出国（境）",
        "费",
        "公务用车购置及运行费",
        "公务接待费",
        "小计 公务用车购置费 公务用车运行费 小计 公务用车购置费 公务用车运行费",
        "1 2 3 4 5 6 7 8 9 10 11 12",
        "39369.00 37265.00 37265.00 2104.00 32725.45 30725.45 30725.45 2000.00",
    ]
    t = parse_block(lines, 1)
    assert t.layout == "collapsed"
    names = t.columns()
    assert len(names) == 12
    assert names[:6] == [
        "预算数/合计",
        "预算数/因公出国（境）费",
        "预算数/公务用车购置及运行费/小计",
        "预算数/公务用车购置及运行费/公务用车购置费",
        "预算数/公务用车购置及运行费/公务用车运行费",
        "预算数/公务接待费",
    ]
    assert names[6] == "决算数/合计"


THREE_PUBLIC_BUDGET = [
    "单位编码 单位名称 合计",
    "一般公共预算拨款安排的“三公”经费预算",
    "会议费 培训费",
    "小计",
    "因公出国（境）",
    "费用",
    "公务接待费",
    "公务用车购置及运行费",
    "公务用车购置费 公务用车运行费",
    "合计 24,200.00 2,000.00 2,000.00 22,200.00",
    "193001 清泉区交通运输局 24,200.00 2,000.00 2,000.00 22,200.00",
]


def test_compound_header_cell_keeps_its_parts_under_it() -> None:
    t = parse_block(THREE_PUBLIC_BUDGET, 1)
    group = "一般公共预算拨款安排的“三公”经费预算"
    assert t.columns() == [
        "单位编码",
        "单位名称",
        "合计",
        f"{group}/小计",
        f"{group}/因公出国（境）费用",
        f"{group}/公务接待费",
        f"{group}/公务用车购置及运行费/公务用车购置费",
        f"{group}/公务用车购置及运行费/公务用车运行费",
        "会议费",
        "培训费",
    ]


def test_fold_compounds_needs_both_parts() -> None:
    frags = collapsed.header_fragments(to_lines(["公务用车购置及运行费", "公务用车购置费 公务用车运行费"], 1))
    folded, compounds = fold_compounds(frags)
    assert [f.text for f in folded] == ["公务用车购置及运行费"] and len(compounds) == 1
    frags = collapsed.header_fragments(to_lines(["公务用车购置及运行费", "会议费 培训费"], 1))
    folded, compounds = fold_compounds(frags)
    assert len(folded) == 3 and not compounds


def test_a_flat_header_is_regrouped_only_when_the_groups_are_clear() -> None:
    lines = [
        "单位编码 单位名称 合计",
        "基本支出 专项业务经费支",
        "出",
        "人员经费 公用经费",
        "合计 9,888,400.00 4,598,500.00 294,500.00 4,995,400.00",
    ]
    t = parse_block(lines, 1)
    assert t.columns() == [
        "单位编码",
        "单位名称",
        "合计",
        "基本支出/人员经费",
        "基本支出/公用经费",
        "专项业务经费支出",
    ]
    flat = ["科目编码 科目名称 合计 基本支出 项目支出", "201 一般公共服务支出 5 3 2"]
    assert parse_block(flat, 1).columns() == ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]


def test_a_single_expense_kind_never_groups_columns() -> None:
    assert group_score("会议费", ("公务接待费", "公务用车购置费")) is None
    assert group_score("公务用车购置及运行费", ("公务用车购置费", "公务用车运行费")) is not None


def test_income_group_printed_alone_takes_the_subtotal_columns() -> None:
    lines = [
        "单位编码 单位名称 合计",
        "一般公共预算拨款",
        "政府性基金拨款 事业收入 其他收入 上年结转",
        "小计",
        "其中：专项资金",
        "列入部门预算项",
        "目",
        "合计 9,888,400.00 9,888,400.00",
    ]
    names = parse_block(lines, 1).columns()
    assert names[3:5] == ["一般公共预算拨款/小计", "一般公共预算拨款/其中：专项资金列入部门预算项目"]
    assert names[5:] == ["政府性基金拨款", "事业收入", "其他收入", "上年结转"]


def test_a_subtotal_over_one_part_and_fiscal_sources_under_a_non_fiscal_heading_are_no_groups() -> None:
    assert group_score("上年结转", ("小计", "一般公共预算")) is None
    assert group_score("使用非财政拨款结余", ("政府性基金预算", "国有资本经营预算")) is None
    assert group_score("一般公共预算拨款", ("小计", "其中：专项资金")) is not None
    kids = ("小计", "一般公共预算", "政府性基金预算", "国有资本经营预算")
    assert group_score("财政拨款", kids) > group_score("上年结转", kids)  # type: ignore[operator]
