"""Performance-target tables as the PDF and text readers lay them out (issue 14): level cells
centred between rows in a borderless PDF, template slots beside them, a later page that lacks a
side-by-side table's empty value column, a name and value set one space apart under the value's
header, a level-1 label beside a template slot, a ruled table's next page starting with 定性 rows,
定性 beside a date, a 万-prefixed unit. The words and cells are those the generator's
documents give (``samples.synth``, rendered by ``samples.render``)."""

from __future__ import annotations

from pathlib import Path

from classify.analyze import analyze
from classify.indicator_header import continuation_header, parse_header
from classify.indicator_rows import indicators
from extract import read
from extract.blocks import merge_wrapped
from extract.continued import join_continued
from extract.grid import header_rows_of
from extract.model import Cell, Table
from extract.words import Word, text_lines


def _w(text: str, x0: float, y0: float, x1: float, y1: float) -> Word:
    return Word(text, (x0, y0, x1, y1))


def _rows(words: list[Word]) -> list[list[str]]:
    return [
        [w.text for w in sorted(r, key=lambda w: w.box[0])] for r in merge_wrapped(text_lines(words), 18.0)
    ]


def test_two_level_labels_centred_between_two_rows_are_a_row_of_their_own() -> None:
    """产出指标 | 质量指标 centred on the two rows of their merged cells: the line overlaps both rows
    (a 19 px line between rows 32 px apart) and stands left of their text; it joins neither."""
    words = [
        _w("改造户数数量", 480, 612, 560, 631),
        _w("≥8个", 580, 612, 620, 631),
        _w("10", 700, 612, 715, 631),
        _w("改造户数覆盖率", 470, 644, 560, 663),
        _w("≥95%", 580, 644, 620, 663),
        _w("10", 700, 644, 715, 663),
        _w("产出指标", 280, 660, 340, 679),
        _w("质量指标", 370, 660, 430, 679),
        _w("政策落实到位率", 470, 676, 560, 695),
        _w("100%", 580, 676, 620, 695),
        _w("10", 700, 676, 715, 695),
        _w("时效指标", 370, 708, 430, 727),
        _w("项目完成时限", 480, 708, 560, 727),
        _w("2015年12月底前", 570, 708, 660, 727),
        _w("10", 700, 708, 715, 727),
    ]
    assert _rows(words) == [
        ["改造户数数量", "≥8个", "10"],
        ["改造户数覆盖率", "≥95%", "10"],
        ["产出指标", "质量指标"],
        ["政策落实到位率", "100%", "10"],
        ["时效指标", "项目完成时限", "2015年12月底前", "10"],
    ]


def test_level_label_centred_beside_a_template_slot_row() -> None:
    """质量指标 centred between an indicator row and the template's empty 指标2： row below it (a
    row of one cell, a row gap away): three rows, not one."""
    words = [
        _w("产出指标", 280, 551, 340, 570),
        _w("指标1：供水工程维修合格率", 480, 551, 600, 570),
        _w("100%", 650, 551, 690, 570),
        _w("质量指标", 370, 567, 430, 586),
        _w("指标2：", 480, 583, 520, 602),
        _w("指标1：供水工程维修完成时间", 480, 615, 600, 634),
        _w("2015.01-2015.12", 650, 615, 720, 634),
    ]
    assert _rows(words) == [
        ["产出指标", "指标1：供水工程维修合格率", "100%"],
        ["质量指标"],
        ["指标2："],
        ["指标1：供水工程维修完成时间", "2015.01-2015.12"],
    ]


def test_wrapped_name_with_its_cells_centred_stays_one_row() -> None:
    """A name wrapped over two lines (4 px apart) with the row's label and value centred between
    them is one row: the lines around the centred one are not a row gap apart."""
    words = [
        _w("开展临时救助次数", 480, 600, 600, 619),
        _w("社会效益指标", 370, 612, 450, 631),
        _w("成效明显", 650, 612, 700, 631),
        _w("及其他", 480, 623, 520, 642),
        _w("数量指标", 370, 674, 430, 693),
        _w("救助人次数量", 480, 674, 560, 693),
        _w("≥8个", 650, 674, 690, 693),
    ]
    assert _rows(words) == [
        ["社会效益指标", "开展临时救助次数", "及其他", "成效明显"],
        ["数量指标", "救助人次数量", "≥8个"],
    ]


def test_left_cells_centred_beside_wrapped_cells_stay_one_row() -> None:
    """A row whose name and value wrap over two lines (a line's spacing apart) with its level and
    slot cells centred between them, left of both: one row (the lines around the centred one are
    one row's lines, not two rows)."""
    words = [
        _w("数量指标", 370, 560, 430, 579),
        _w("离休干部门诊医药费", 480, 560, 600, 579),
        _w("定额为3500元", 650, 560, 760, 579),
        _w("离休干部医疗保障基金报销", 480, 600, 600, 619),
        _w("1937年7月7日前参加革命工", 650, 600, 760, 619),
        _w("质量指标", 200, 612, 260, 631),
        _w("指标1:", 280, 612, 320, 631),
        _w("质量指标", 370, 612, 430, 631),
        _w("标准", 480, 623, 500, 642),
        _w("作按100%报销。", 650, 623, 760, 642),
        _w("指标2:", 280, 674, 320, 693),
        _w("门诊医药费", 480, 674, 600, 693),
        _w("定额为2000元", 650, 674, 760, 693),
    ]
    assert _rows(words) == [
        ["数量指标", "离休干部门诊医药费", "定额为3500元"],
        [
            "质量指标",
            "指标1:",
            "质量指标",
            "离休干部医疗保障基金报销",
            "标准",
            "1937年7月7日前参加革命工",
            "作按100%报销。",
        ],
        ["指标2:", "门诊医药费", "定额为2000元"],
    ]


def test_name_wrapped_over_three_lines_beside_one_cell_lines_stays_one_row() -> None:
    """A name wrapped over three lines (离休干部、中华人民共和国 / 成立前老工人、伤残革命军 / 人、人民)
    with the row's cells centred on its middle line and a label wrapped beside it (经济效益 / 指标):
    its first line is no label centred between rows (its cell goes on two lines below)."""
    words = [
        _w(".....", 424, 470, 445, 488),
        _w(".....", 1045, 470, 1066, 488),
        _w("离休干部、中华人民共和国", 1101, 524, 1314, 543),
        _w("经济效益", 366, 536, 436, 555),
        _w("效益指标", 206, 547, 277, 566),
        _w("指标1:", 479, 547, 528, 566),
        _w("经济效益指标", 837, 547, 943, 566),
        _w("成立前老工人、伤残革命军", 1100, 547, 1314, 566),
        _w("有效降低", 1365, 547, 1435, 566),
        _w("指标", 366, 559, 400, 578),
        _w("人、人民", 1100, 571, 1171, 589),
        _w("指标2:", 479, 624, 528, 643),
        _w("指标2:", 837, 624, 885, 643),
    ]
    rows = _rows(words)
    assert len(rows) == 3
    assert "离休干部、中华人民共和国" in rows[1] and "人、人民" in rows[1] and "有效降低" in rows[1]


def _table(rows: list[list[str]], seq: int = 2, title: str = "项目绩效目标表") -> Table:
    cells = [Cell(row=r, col=c, text=t) for r, row in enumerate(rows) for c, t in enumerate(row)]
    return Table(seq=seq, title=title, cells=cells, page=1)


TWIN_HEADER = ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"]


def test_side_by_side_page_without_the_empty_value_column() -> None:
    """A later page of a 中期 | 年度 table: the reader drops the 中期 value column (template slots
    only) and the 绩效指标 column, keeping 一级 | 二级 | 三级 | 二级 | 三级 | 指标值. The header it is read
    under is the one whose roles fit what its columns print, not the header's last six."""
    page = _table(
        [
            ["产出指标", "", "指标1:", "", "科普宣传覆盖乡镇数", "13个"],
            ["", "数量指标", "指标2:", "数量指标", "指标2:", ""],
            ["", "", ".....", "", ".....", ""],
            ["", "", "指标1:", "", "企业满意度", "≥95%"],
            ["满意度指标", "服务对象满意度指标", "指标2:", "服务对象满意度指标", "指标2:", ""],
            ["", "", ".....", "", ".....", ""],
        ],
        seq=3,
        title="",
    )
    used = continuation_header(page, TWIN_HEADER)
    assert used == ["一级指标", "二级指标", "三级指标", "二级指标", "三级指标", "指标值"]
    got = [(i.level1, i.level2, i.level3, i.value) for i in indicators(page, "科普活动经费", used)]
    assert got == [
        ("产出指标", "数量指标", "科普宣传覆盖乡镇数", "13个"),
        ("满意度指标", "服务对象满意度指标", "企业满意度", "≥95%"),
    ]


def test_name_and_value_one_space_apart_under_the_value_header() -> None:
    """pdftotext sets '项目完成时限 2024年12月底前' (one space) where its run ends, under 指标值, on a
    row whose level cells are empty (时效指标 centred on the line below): the name goes back to the
    empty name column, the value stays."""
    table = _table(
        [
            ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "分值权重 (90分)"],
            ["", "产出指标", "质量指标", "安全生产检查合格率", "100%", "8"],
            ["", "", "", "", "项目完成时限 2024年12月底前", "8"],
            ["", "", "时效指标", "", "", ""],
            ["", "", "", "安全生产检查完成时间", "2024.01-2024.12", "8"],
        ]
    )
    got = [(i.level3, i.value) for i in indicators(table, "安全生产监管经费")]
    assert got == [
        ("安全生产检查合格率", "100%"),
        ("项目完成时限", "2024年12月底前"),
        ("安全生产检查完成时间", "2024.01-2024.12"),
    ]


def test_level1_label_beside_a_template_slot_counts_as_a_row_of_the_centred_runs() -> None:
    """Labels centred in their merged cells (a borderless PDF's rows): 质量指标 on the line between
    its two rows, the second a template slot printed beside the 产出指标 centred on the level-1
    cell. That row is one of the level-2 cell's rows: the next indicator starts the next run."""
    table = _table(
        [
            ["绩效指标", "一级指标", "二级指标", "指标内容", "指标值"],
            ["", "", "数量指标", "指标1：印发宣传资料", "≥2000份"],
            ["", "", "", "指标1：支付笔数覆盖率", "≥95%"],
            ["", "", "质量指标", "", ""],
            ["", "产出指标", "", "指标2：", ""],
            ["", "", "", "指标1：资金拨付及时率", "100%"],
            ["", "", "时效指标", "", ""],
            ["", "", "", "……", ""],
        ]
    )
    got = [(i.level2, i.level3, i.status) for i in indicators(table, "国库集中支付业务经费")]
    assert got == [
        ("数量指标", "印发宣传资料", "auto"),
        ("质量指标", "支付笔数覆盖率", "auto"),
        ("时效指标", "资金拨付及时率", "auto"),
    ]


def _page(rows: list[list[str]], page: int, title: str = "") -> Table:
    """A ruled page's table: columns 100 pt wide, rows 20 pt high."""
    cells = [
        Cell(row=r, col=c, text=t, bbox=(100.0 * c, 20.0 * r, 100.0 * c + 100, 20.0 * r + 20))
        for r, row in enumerate(rows)
        for c, t in enumerate(row)
    ]
    table = Table(seq=page, title=title, cells=cells, page=page)
    table.header_rows = header_rows_of(table.grid())
    return table


def test_continuation_page_starting_with_qualitative_rows_keeps_them() -> None:
    """A ruled performance table continued on the next page, which prints no header and starts
    with a 定性 row (长期: no amount above it, so its 'header rows' by the first amount): the row is
    the body going on, not a header to skip."""
    first = _page(
        [
            ["一级指标", "二级指标", "三级指标", "绩效指标性质", "本年绩效指标值", "绩效度量单位"],
            ["产出指标", "数量指标", "开展公路养护次数", "≥", "6", "次"],
            ["效益指标", "生态效益指标", "生态环境质量", "定性", "逐步改善", ""],
        ],
        page=9,
        title="项目支出绩效目标表",
    )
    later = _page(
        [
            ["效益指标", "可持续影响指标", "农村公路通行条件长效机制", "定性", "长期", ""],
            ["效益指标", "可持续影响指标", "项目持续发挥作用年限", "≥", "3", "年"],
        ],
        page=10,
    )
    (joined,) = join_continued([first, later])
    got = [(i.level3, i.value, i.status) for i in indicators(joined, "农村公路养护")]
    assert ("农村公路通行条件长效机制", "长期", "auto") in got
    assert len(got) == 4


def test_qualitative_date_beside_the_operator_column_is_as_printed() -> None:
    """定性 in the 绩效指标性质 column beside a date or a period is what the page prints (no operator
    was lost): accepted; a bare figure beside it is still in doubt."""
    table = _table(
        [
            ["一级指标", "二级指标", "三级指标", "绩效指标性质", "本年绩效指标值", "绩效度量单位"],
            ["产出指标", "时效指标", "项目完成时限", "定性", "2024年12月底前", ""],
            ["产出指标", "时效指标", "公路养护完成时间", "定性", "2024.01-2024.12", ""],
            ["产出指标", "数量指标", "开展公路养护次数", "", "6", "次"],
        ]
    )
    got = [(i.level3, i.value, [r.code for r in i.reason]) for i in indicators(table, "农村公路养护")]
    assert got[:2] == [("项目完成时限", "2024年12月底前", []), ("公路养护完成时间", "2024.01-2024.12", [])]
    assert "performance.operator_unread" in got[2][2]


def test_unit_with_a_ten_thousand_prefix_stays_with_its_figure(tmp_path: Path) -> None:
    """pdftotext -raw prints operator, figure and unit apart (≥ 3 万亩): 万亩 is a unit, the value
    ≥3万亩, not ≥3 with the unit lost."""
    path = tmp_path / "budget.txt"
    path.write_text(
        "表13\n项目支出绩效目标表\n一级指标 二级指标 三级指标 绩效指标性质 本年绩效指标值 绩效度量单位\n"
        "产出指标 数量指标 开展森林防火巡查次数 ≥ 4 次\n产出指标 数量指标 巡护面积数量 ≥ 3 万亩\n"
        "产出指标 质量指标 资金发放准确率 ≥ 98 %\n",
        encoding="utf-8",
    )
    got = [(r.level3, r.value) for r in analyze(read(path)).indicators]
    assert ("巡护面积数量", "≥3万亩") in got


def test_header_naming_a_project_and_a_value_but_no_level_column() -> None:
    """Part of a header a page may print (项目名称 | 项目总额 | 绩效目标 | 本年绩效指标值: no level or name
    column): one group, the value column, the project's columns beside it; never an error."""
    (group,) = parse_header(["项目名称", "项目总额", "绩效目标", "本年绩效指标值"])
    assert group.val == 3 and group.l3 is None
    assert group.col("project") == 0 and group.col("amount") == 1
