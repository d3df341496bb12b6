"""Multi-row headers and column placement of space-aligned (``pdftotext -layout``) tables, and the
evidence that lets their records go without review."""

from __future__ import annotations

from classify.analyze import sides_confirmed
from extract.aligned import (
    PAGE_MISMATCH,
    UNCERTAIN_HEADER,
    first_item_row,
    forced_placement,
    header_names,
    parse_block,
    row_sums,
)
from extract.model import SPLIT_GUESS
from tests.reason_text import en

# a basic-expenditure table: six header columns, the body never fills 备注
BASIC = """\
               功能科目编码                功能科目名称                合计          人员经费支出 公用经费支出 备注
                           合计                           4,893,000.00   4,598,500.00    294,500.00
                        208 社会保障和就业支出                    774,300.00      774,300.00
                      20805 行政事业单位养老支出                   746,100.00      746,100.00
                        214 交通运输支出                      3,294,200.00   2,999,700.00    294,500.00
                      21401 公路水路运输                      3,294,200.00   2,999,700.00    294,500.00"""


def _line(*cells: tuple[int, str]) -> str:
    out = ""
    for start, text in cells:
        out = out.ljust(start) + text
    return out


# two amount columns under four amount headers, the second one ending right at the centre of a
# header word (the boundary between two columns): neither order nor position decides
AMBIGUOUS = [
    _line((0, "科目编码"), (12, "科目名称"), (30, "合计"), (45, "人员经费"), (60, "公用经费"), (75, "补助")),
    _line((0, "208"), (12, "社会保障"), (30, "774,300.00"), (54, "774,300.00")),
    _line((0, "214"), (12, "交通运输"), (30, "329,420.00"), (54, "299,970.00")),
]

# a summary table's continuation page: 支出 is centred over a wrapped cell wider than itself
SUMMARY = """\
           收入                                           支出
                                                部门预算支出经济分类科目          政府预算支出经济分类科
         项目      预算数   支出功能分类科目（按大类）    预算数                    预算数                  预算数
                                                    （按大类）                目（按大类）
2、上级补助收入            0 6、科学技术支出             0 2、专项业务经费支出          60 6、对事业单位资本性补助        0
3、事业收入            13.9 7、文化旅游体育与传媒支出       0 (1)工资福利支出            0 7、对企业补助             0"""


def test_forced_placement_unique_by_kind() -> None:
    # code, name, three amounts under 编码 名称 合计 人员 公用 备注: only one order-keeping placement
    money = [False, False, True, True, True]
    named = [True, True, False, False, False, True]
    assert forced_placement(money, named) == [0, 1, 2, 3, 4]


def test_forced_placement_ambiguous_or_impossible() -> None:
    # two amounts over three amount headers: either could be left empty
    assert forced_placement([False, True, True], [True, False, False, False]) is None
    # an amount column with no amount header left for it
    assert forced_placement([True, True], [True, False]) is None
    assert forced_placement([True, True, True], [False, False]) is None


def test_body_filling_fewer_columns_is_sure_when_order_decides() -> None:
    table = parse_block(BASIC.splitlines(), 1)
    assert table.columns() == ["功能科目编码", "功能科目名称", "合计", "人员经费支出", "公用经费支出", "备注"]
    assert table.row_issues == {}
    grid = table.grid()
    assert grid[4][2:5] == ["3,294,200.00", "2,999,700.00", "294,500.00"]


def test_body_filling_fewer_columns_stays_doubtful_when_order_does_not_decide() -> None:
    table = parse_block(AMBIGUOUS, 1)
    assert len(table.columns()) == 6
    assert table.row_issues  # matched by position only: the records go to review
    assert all("matched by position only" in en(why) for why in table.row_issues.values())


def test_first_item_row() -> None:
    rows = [["收入", "支出"], ["项目", "预算数"], ["11、节能环保支出", "(5)资本性支出"], ["合计", "1.00"]]
    assert first_item_row(rows) == 2
    assert first_item_row([["项目", "合计"], ["一、财政拨款", "5.00"]]) == 1
    assert first_item_row([["项目", "合计", "行次"]]) == 1


def test_group_label_over_a_wider_wrapped_cell() -> None:
    table = parse_block(SUMMARY.splitlines(), 1)
    assert table.columns() == [
        "收入/项目",
        "收入/预算数",
        "支出/支出功能分类科目（按大类）",
        "支出/预算数",
        "支出/部门预算支出经济分类科目（按大类）",
        "支出/预算数",
        "支出/政府预算支出经济分类科目（按大类）",
        "支出/预算数",
    ]
    assert UNCERTAIN_HEADER not in table.warnings
    assert table.header_rows == 4


def test_page_reading_its_header_differently_is_flagged() -> None:
    page2 = BASIC.splitlines()
    page2[0] = (
        "               功能科目编码                功能科目名称                合计          人员经费 公用经费支出 备注"
    )
    table = parse_block([*BASIC.splitlines(), "\f" + page2[0], *page2[1:]], 1)
    issues = set(table.row_issues.values())
    assert issues == {PAGE_MISMATCH}
    assert sorted(table.row_issues) == list(range(6, 11))  # only the second page's rows
    same = parse_block([*BASIC.splitlines(), "\f" + BASIC.splitlines()[0], *BASIC.splitlines()[1:]], 1)
    assert same.row_issues == {}


def test_header_names_skip_column_numbers() -> None:
    header = [
        [(0, 1, 1, "收入"), (1, 2, 1, "支出")],
        [(0, 1, 1, "项目"), (1, 1, 1, "合计"), (2, 1, 1, "基本 支出")],
    ]
    assert header_names(header, 3) == ["收入/项目", "支出/合计", "支出/基本支出"]
    numbered = [*header, [(0, 1, 1, "栏次"), (1, 1, 1, "1"), (2, 1, 1, "2")]]
    assert header_names(numbered, 3) == ["收入/项目", "支出/合计", "支出/基本支出"]


def test_split_guess_reason_is_its_own() -> None:
    assert SPLIT_GUESS != UNCERTAIN_HEADER
    assert en(SPLIT_GUESS).startswith("multi-row header read from space-aligned text")


def test_sides_confirmed() -> None:
    good = {
        "收入/预算数": ["一般公共预算拨款收入", "事业收入", "财政拨款"],
        "支出/预算数": ["一般公共服务支出", "教育支出"],
    }
    assert sides_confirmed(good)
    # an expenditure item under the income side: the split moved a column across
    crossed = {"收入/预算数": ["一般公共预算拨款收入", "教育支出"], "支出/预算数": ["教育支出"]}
    assert not sides_confirmed(crossed)
    # a column no item names a side for: nothing confirms it
    silent = {"收入/预算数": ["事业收入"], "支出/预算数": ["财政拨款"]}
    assert not sides_confirmed(silent)
    # a column with no side at all
    assert not sides_confirmed({"预算数": ["事业收入"]})
    assert not sides_confirmed({})


# 三公 tables with three header levels (a label centred over the leaves it spans, cells spanning down)
THREE_LEVEL = [
    "                                                                   一般公共预算拨款安排的“三公”经费预算",
    "                   单位编码        单位名称        合计                  因公出国（境）                      公务用车购置及运行费        会议费    培训费",
    "                                                     小计                       公务接待费",
    "                                                                  费用                      公务用车购置费   公务用车运行费",
    "                          合计            24,200.00   2,000.00                   2,000.00                             22,200.00",
    "                   193001 清泉区交通运输局      24,200.00   2,000.00                   2,000.00                             22,200.00",
]

BUDGET_FINAL = [
    "                                              预算数                                                                                   决算数",
    "                         因公出国（境）              公务用车购置及运行费                                                因公出国（境）                     公务用车购置及运行费",
    "               合计                                                               公务接待费         合计                                                                   公务接待费",
    "                            费          小计     公务用车购置费         公务用车运行费                                      费             小计         公务用车购置费          公务用车运行费",
    "                 1          2           3          4             5                6              7           8                9          10            11            12",
    "              5,999.00          0.00   0.00            0.00              0.00    5,999.00    5,000.00             0.00       0.00             0.00          0.00    5,000.00",
]


def test_three_level_header_rebuilt() -> None:
    table = parse_block(THREE_LEVEL, 1)
    top = "一般公共预算拨款安排的“三公”经费预算"
    assert table.columns() == [
        "单位编码",
        "单位名称",
        "合计",
        f"{top}/小计",
        f"{top}/因公出国（境）费用",
        f"{top}/公务接待费",
        f"{top}/公务用车购置及运行费/公务用车购置费",
        f"{top}/公务用车购置及运行费/公务用车运行费",
        "会议费",
        "培训费",
    ]
    assert not table.warnings and not table.row_issues


def test_repeated_groups_with_a_nested_label() -> None:
    # 预算数 | 决算数, each over 合计 因公出国（境）费 [公务用车购置及运行费 › 小计 购置费 运行费] 公务接待费:
    # the nested label is split off the child centred under it, never run together with it
    table = parse_block(BUDGET_FINAL, 1)
    side = ["合计", "因公出国（境）费", "公务用车购置及运行费/小计", "公务用车购置及运行费/公务用车购置费"]
    side += ["公务用车购置及运行费/公务用车运行费", "公务接待费"]
    assert table.columns() == [f"预算数/{c}" for c in side] + [f"决算数/{c}" for c in side]
    assert not table.warnings


def test_classification_label_never_spans_an_amount_column() -> None:
    # 支出部门经济分类科目 is printed nearer 合计 than the middle of 科目编码 科目名称, but a label naming a
    # classification spans name columns only
    lines = [
        _line((22, "支出部门经济分类科目"), (45, "一般公共预算支出")),
        _line((1, "序号")),
        _line((11, "科目编码"), (29, "科目名称"), (37, "合计"), (47, "人员经费"), (52, "公用经费")),
        _line((6, "1"), (22, "合计"), (37, "204.66"), (50, "189.69"), (59, "14.97")),
    ]
    table = parse_block(lines, 1)
    assert table.columns()[1:3] == ["支出部门经济分类科目/科目编码", "支出部门经济分类科目/科目名称"]
    assert table.columns()[3].endswith("合计") and not table.columns()[3].startswith("支出部门")


def test_row_sums_from_the_header() -> None:
    header = [
        [(0, 6, 1, "预算数")],
        [
            (0, 1, 2, "合计"),
            (1, 1, 2, "因公出国（境）费"),
            (2, 3, 1, "公务用车购置及运行费"),
            (5, 1, 2, "公务接待费"),
        ],
        [(2, 1, 1, "小计"), (3, 1, 1, "公务用车购置费"), (4, 1, 1, "公务用车运行费")],
    ]
    assert row_sums(header, 6) == [(0, [1, 2, 5]), (2, [3, 4])]
    # a name-like column ends the parts; no total column, no sum
    flat = [
        [
            (0, 1, 1, "科目名称"),
            (1, 1, 1, "合计"),
            (2, 1, 1, "人员经费"),
            (3, 1, 1, "公用经费"),
            (4, 1, 1, "备注"),
        ]
    ]
    assert row_sums(flat, 5) == [(1, [2, 3])]
    assert row_sums([[(0, 1, 1, "项目"), (1, 1, 1, "金额")]], 2) == []
    # a group printing no 小计 counts by its parts (was left out: 合计 = 专项 alone), as the checks
    # and the column placement count it — one derivation, extract.relations
    grouped = [
        [(0, 1, 2, "单位名称"), (1, 1, 2, "合计"), (2, 2, 1, "基本支出"), (4, 1, 2, "专项业务经费支出")],
        [(2, 1, 1, "人员经费"), (3, 1, 1, "公用经费")],
    ]
    assert row_sums(grouped, 5) == [(1, [2, 3, 4])]


def _spaced(second: str) -> list[str]:
    """A basic table whose last row is printed shifted left: by position its second amount sits
    under 人员经费, by its spacing from the first (30 characters, as 合计 to 公用经费) under 公用经费."""
    return [
        _line((0, "科目编码"), (8, "科目名称"), (26, "合计"), (40, "人员经费"), (55, "公用经费")),
        _line((0, "201"), (8, "一般公共服务"), (24, "300.00"), (39, "200.00"), (54, "100.00")),
        _line((0, "20101"), (8, "人大事务"), (24, "300.00"), (39, "200.00"), (54, "100.00")),
        _line((0, "202"), (5, "外交"), (13, "50.00"), (43, second)),
    ]


def test_spacing_doubt_settled_by_the_row_sum() -> None:
    table = parse_block(_spaced("50.00"), 1)
    assert table.grid()[-1][2:] == ["50.00", "", "50.00"]
    assert not table.row_issues


def test_spacing_doubt_stays_when_no_placement_sums() -> None:
    # 50.00 ≠ 40.00: the row sum holds in no placement, so the spacing doubt stays
    table = parse_block(_spaced("40.00"), 1)
    assert en(table.row_issues.get(table.n_rows - 1)).startswith("amounts ")


# a basic table printing 人员经费 and 公用经费 side by side (code | name | amount twice), continued on
# a page whose 人员经费 group is empty but for its total: that amount stands nearer the 公用经费
# group's codes than the 公用经费 amounts, but an amount with decimals is no code
SIDE_BY_SIDE = [
    _line((25, "人员经费"), (80, "公用经费")),
    _line(
        (5, "科目编码"), (20, "科目名称"), (44, "预算数"), (54, "科目编码"), (70, "科目名称"), (94, "预算数")
    ),
    _line(
        (5, "301"),
        (9, "工资福利支出"),
        (40, "6,811,700.00"),
        (58, "302"),
        (62, "商品和服务支出"),
        (90, "358,000.00"),
    ),
    _line(
        (4, "30101"), (10, "基本工资"), (40, "2,204,600.00"), (57, "30201"), (63, "办公费"), (91, "29,900.00")
    ),
    "\f" + _line((36, "人员经费"), (84, "公用经费")),
    _line(
        (19, "科目编码"), (35, "科目名称"), (59, "预算数"), (69, "科目编码"), (84, "科目名称"), (96, "预算数")
    ),
    _line((71, "30231"), (77, "公务用车运行维护费"), (96, "28,100.00")),
    _line((71, "30299"), (77, "其他商品和服务支出"), (97, "7,800.00")),
    _line((38, "人员经费合计"), (45, "6,811,700.00"), (84, "公用经费合计"), (91, "388,000.00")),
]


def test_continued_group_total_is_not_read_into_the_codes() -> None:
    grid = parse_block(SIDE_BY_SIDE, 1).grid()
    assert grid[-3] == ["", "", "", "30231", "公务用车运行维护费", "28,100.00"]
    assert grid[-1] == ["", "人员经费合计", "6,811,700.00", "", "公用经费合计", "388,000.00"]
