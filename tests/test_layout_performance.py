"""Performance-target tables in space-aligned text (``pdftotext -layout``) continued over pages
(issue #14): a later page that does not print the project's columns, a merged level cell whose
label is printed alone on a line centred over its rows, a level cell touching the name with one
space. The lines are those the generator's ruled PDFs give (seeds 30000 and 30001)."""

from __future__ import annotations

from pathlib import Path

from classify.analyze import analyze
from extract import read

PAGE = "\f"


def _line(*cells: tuple[int, str]) -> str:
    out = ""
    for start, text in cells:
        out = out.ljust(start) + text
    return out


def _records(tmp_path: Path, lines: list[str]) -> list[tuple[str, str, str, str]]:
    text, page = [], False
    for line in lines:
        if line == PAGE:
            page = True
            continue
        text.append(("\f" if page else "") + line)
        page = False
    path = tmp_path / "budget.txt"
    path.write_text("\n\n".join(text) + "\n", encoding="utf-8")
    ex = analyze(read(path))
    return [(r.level2, r.level3, r.value, r.status) for r in ex.indicators]


_CENTRED = [
    _line((40, "审计信息化建设绩效目标表")),
    _line((12, "绩效目标"), (38, "1.审计工作效率。2.做好审计数据分析工作，确保资金使用规范。")),
    _line(
        (12, "一级指标"),
        (21, "二级指标"),
        (39, "三级指标"),
        (63, "绩效指标描述"),
        (80, "指标值"),
        (88, "指标值确定依据"),
    ),
    _line(
        (20, "经济成本指标"),
        (34, "审计数据分析单位成本"),
        (59, "审计数据分析单位成本情况"),
        (80, "30元/次"),
        (88, "年度工作方案"),
    ),
    _line(
        (12, "成本指标"),
        (20, "经济成本指标"),
        (39, "项目总成本"),
        (63, "项目总成本情况"),
        (76, "≤21.24万元"),
        (88, "年度工作方案"),
    ),
    _line((19, "生态环境成本指标"), (38, "不涉及该指标"), (64, "不涉及"), (81, "无"), (88, "相关政策文件")),
    PAGE,
    _line(
        (10, "数量指标"),
        (20, "审计数据分析覆盖乡镇数"),
        (34, "审计数据分析覆盖乡镇数情况"),
        (55, "15个"),
        (68, "相关政策文件"),
    ),
    _line(
        (10, "数量指标"), (22, "联网单位数量"), (36, "联网单位数量情况"), (53, "≥28500个"), (69, "工作计划")
    ),
    _line(
        (10, "质量指标"),
        (21, "审计数据分析合格率"),
        (34, "审计数据分析合格率情况"),
        (55, "100%"),
        (68, "上年度完成情况"),
    ),
    _line((0, "产出指标")),
    _line(
        (10, "质量指标"),
        (22, "联网单位覆盖率"),
        (35, "联网单位覆盖率情况"),
        (55, "≥95%"),
        (68, "上年度完成情况"),
    ),
    _line(
        (10, "时效指标"),
        (20, "审计数据分析完成时间"),
        (34, "审计数据分析完成时间情况"),
        (50, "2024.01-2024.12"),
        (68, "相关政策文件"),
    ),
    _line(
        (10, "时效指标"), (22, "资金拨付及时率"), (35, "资金拨付及时率情况"), (55, "100%"), (69, "工作计划")
    ),
    _line((9, "经济效益指标"), (22, "不涉及该指标"), (38, "不涉及"), (56, "无"), (68, "上年度完成情况")),
    _line(
        (9, "社会效益指标"),
        (21, "促进审计工作效率"),
        (35, "促进审计工作效率情况"),
        (53, "成效明显"),
        (69, "工作计划"),
    ),
    _line((0, "效益指标")),
    _line((9, "生态效益指标"), (22, "不涉及该指标"), (38, "不涉及"), (56, "无"), (68, "上年度完成情况")),
    _line(
        (9, "可持续影响指标"),
        (20, "项目持续发挥作用年限"),
        (34, "项目持续发挥作用年限情况"),
        (55, "≥3年"),
        (68, "相关政策文件"),
    ),
    _line(
        (8, "服务对象满意度指标"),
        (21, "被审计单位满意度"),
        (35, "被审计单位满意度情况"),
        (55, "≥85%"),
        (69, "工作计划"),
    ),
    _line((0, "满意度指标")),
    _line(
        (8, "服务对象满意度指标 审计数据分析服务对象满意度 审计数据分析服务对象满意度情况"),
        (55, "≥90%"),
        (68, "相关政策文件"),
    ),
]


def test_centred_level_labels_and_a_level_cell_one_space_from_the_name(tmp_path: Path) -> None:
    """产出指标 alone on a line is the label of the rows around it, not the wrapped rest of 质量指标;
    ``服务对象满意度指标 审计…`` is two cells."""
    got = _records(tmp_path, _CENTRED)
    assert ("质量指标", "审计数据分析合格率", "100%", "auto") in got, got
    assert ("社会效益指标", "促进审计工作效率", "成效明显", "auto") in got, got
    assert ("服务对象满意度指标", "被审计单位满意度", "≥85%", "auto") in got, got
    assert ("服务对象满意度指标", "审计数据分析服务对象满意度", "≥90%", "auto") in got, got
    assert len(got) == 15, got


_PROJECT_COLUMNS_ON_PAGE_ONE = [
    _line((90, "项目支出绩效目标表")),
    _line((67, "其中：")),
    _line(
        (15, "项目名称"),
        (39, "项目总额"),
        (90, "绩效目标"),
        (113, "一级指标"),
        (131, "二级指标"),
        (159, "三级指标"),
        (178, "绩效指标性质"),
        (196, "本年绩效指标值"),
        (209, "绩效度量单位"),
    ),
    _line((54, "财政资金"), (66, "其他资金")),
    _line(
        (5, "15500000T598374294987-农村公路养护"),
        (37, "378.150000"),
        (52, "378.150000"),
        (76, "农村公路通行条件，完成公路养护任务。"),
        (113, "产出指标"),
        (131, "数量指标"),
        (154, "开展公路养护次数"),
        (185, "≥"),
        (205, "6"),
        (211, "次"),
    ),
    _line(
        (113, "产出指标"), (131, "质量指标"), (158, "政策落实到位率"), (181, "＝"), (203, "100"), (211, "%")
    ),
    _line((113, "产出指标"), (131, "质量指标"), (158, "养护里程覆盖率"), (185, "≥"), (204, "95"), (211, "%")),
    _line(
        (113, "产出指标"), (131, "时效指标"), (158, "项目完成时限"), (180, "定性"), (196, "2024年12月底前")
    ),
    _line(
        (113, "产出指标"), (131, "时效指标"), (158, "资金拨付及时率"), (181, "＝"), (203, "100"), (211, "%")
    ),
    _line(
        (113, "成本指标"),
        (130, "经济成本指标"),
        (154, "公路养护单位成本"),
        (181, "＝"),
        (203, "200"),
        (210, "元/次"),
    ),
    _line((113, "效益指标"), (130, "经济效益指标"), (158, "减轻群众负担"), (180, "定性"), (201, "有效减轻")),
    _line(
        (113, "效益指标"),
        (130, "社会效益指标"),
        (153, "促进农村公路通行条件"),
        (180, "定性"),
        (201, "成效明显"),
    ),
    _line(
        (113, "效益指标"), (130, "社会效益指标"), (154, "农村公路通行条件"), (180, "定性"), (201, "明显提升")
    ),
    _line((113, "效益指标"), (130, "生态效益指标"), (158, "生态环境质量"), (180, "定性"), (201, "逐步改善")),
    PAGE,
    _line(
        (87, "效益指标"),
        (96, "可持续影响指标"),
        (107, "农村公路通行条件长效机制"),
        (123, "定性"),
        (140, "长期"),
    ),
    _line(
        (87, "效益指标"),
        (96, "可持续影响指标"),
        (108, "项目持续发挥作用年限"),
        (124, "≥"),
        (143, "3"),
        (152, "年"),
    ),
    _line(
        (87, "满意度指标"),
        (95, "服务对象满意度指标"),
        (107, "公路养护服务对象满意度"),
        (124, "≥"),
        (142, "90"),
        (153, "%"),
    ),
    _line(
        (87, "满意度指标"),
        (95, "服务对象满意度指标"),
        (110, "群众满意度"),
        (124, "≥"),
        (142, "95"),
        (153, "%"),
    ),
]


def test_continuation_page_without_the_project_columns(tmp_path: Path) -> None:
    """The second page prints only the indicator columns: its rows are set on the first page's
    columns by what they print (level names, operators, figures, units), not from the left."""
    got = _records(tmp_path, _PROJECT_COLUMNS_ON_PAGE_ONE)
    assert ("可持续影响指标", "项目持续发挥作用年限", "≥3年", "auto") in got, got
    assert ("服务对象满意度指标", "公路养护服务对象满意度", "≥90%", "auto") in got, got
    assert ("服务对象满意度指标", "群众满意度", "≥95%", "auto") in got, got
    assert len(got) == 14, got
