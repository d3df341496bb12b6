"""Real performance-target tables against hand-read labels (samples/labels/real_indicators/).

北京市委宣传部's 预算表12 prints one row per indicator with the project, its amount and target in merged
cells on the left (the name often centred on the next page), the operator, figure and unit in
columns of their own, and 定性 values (优, 好, 得到提高). The labels hold every indicator of its first
ten projects; the 万里街道 budgets hold no performance table (their labels say so) and must give no
indicators. Other provinces' layouts are labelled the same way: 烟台 (山东: a 绩效指标 section column before
the levels, names and values wrapped, projects running over pages), 西安 (陕西: level labels wrapped in
merged cells, a 分值权重 column, a label cut by a page end, a department table over two pages), 泉州
(福建: the project named in the title, 目标值), 长沙 (湖南: a two-row header with the project's or body's
columns over the levels', 指标值类型 / 度量单位 / 评（扣）分标准 columns) and 重庆 (no levels printed). The documents are read in place from ../shared/real/.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sample_files import REAL  # ../shared/real beside the project

from classify.analyze import analyze
from extract import read
from extract.indicator_words import is_project_field
from tests.reason_text import en

LABELS = Path(__file__).resolve().parents[1] / "samples" / "labels" / "real_indicators"
BEIJING = "北京市委宣传部2026年度部门预算报表"


def _key(text: str) -> str:
    return "".join(text.split())


def _labels(stem: str) -> dict:
    return json.loads((LABELS / f"{stem}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def beijing():
    path = REAL / f"{BEIJING}.pdf"
    if not path.exists():
        pytest.skip(f"{path} not available")
    return analyze(read(path))


def test_beijing_labelled_projects_come_out_right(beijing) -> None:
    labels = _labels(BEIJING)
    assert len(labels["projects"]) == 10
    for proj in labels["projects"]:
        got = [i for i in beijing.indicators if _key(i.project) == _key(proj["project"])]
        want = [(x["level1"], x["level2"], _key(x["level3"]), x["value"]) for x in proj["indicators"]]
        assert [(i.level1, i.level2, _key(i.level3), i.value) for i in got] == want, proj["project"]
        assert {i.project_amount for i in got} == {proj["amount"]}, proj["project"]
        assert all(i.status == "auto" for i in got), [(i.level3, i.reason) for i in got if i.status != "auto"]


def test_beijing_project_rows_are_not_indicators(beijing) -> None:
    assert beijing.indicators
    for ind in beijing.indicators:
        assert not ind.level3.startswith("11000"), ind  # a project code: a project row read as an indicator
        assert not is_project_field(ind.project), ind  # never a header word (项目总额)
        # never empty when accepted: a page whose project column was not read sends its rows to review
        assert ind.project or (ind.status == "pending" and "project" in en(ind.reason)), ind
        assert not ind.project.startswith("11000"), ind  # the name without its code


def test_beijing_department_targets(beijing) -> None:
    """预算13表 部门整体支出绩效目标表: levels glued before the indicator's name, over two pages."""
    dept = [i for i in beijing.indicators if beijing.verdicts[i.table_seq].table_type == "dept_performance"]
    assert len(dept) >= 20
    first = dept[0]
    assert (first.level1, first.level2, first.level3, first.value) == (
        "产出指标", "数量指标", "党的创新理论成果的宣讲宣传和传播等工作", "≥1项",
    )  # fmt: skip
    assert all(i.project == "中国共产党北京市委员会宣传部" for i in dept)


@pytest.mark.parametrize("year", [2024, 2025])
def test_wanli_budgets_give_no_indicators(year: int) -> None:
    stem = f"上海市普陀区万里街道{year}年部门预算"
    path = REAL / f"{stem}.pdf"
    if not path.exists():
        pytest.skip(f"{path} not available")
    assert _labels(stem)["projects"] == []
    assert analyze(read(path)).indicators == []


# (document, level3) → the reason code an indicator is pending with, where its print gives the doubt
_PENDING = {
    # a name that begins with a figure and a unit: read as a value-shaped name, for review
    ("烟台市人民政府办公室2026年部门预算", "15秒及时应答率"): "performance.name_like_value",
    # a level-2 label alone on a row (an empty 社会成本指标 slot) makes the table's labels look centred
    # in their cells: the rows just above the next label are in doubt
    ("长沙职业教育基地综合协调办公室2026年部门预算", "用水量"): "performance.level2_centred",
    ("长沙职业教育基地综合协调办公室2026年部门预算", "用电量"): "performance.level2_centred",
}


@pytest.mark.parametrize(
    "stem",
    [
        "烟台市人民政府办公室2026年部门预算",
        "西安市审计局2026年部门预算",
        "泉州市市场监管综合监测与技术保障中心2026年度单位预算",
        "长沙职业教育基地综合协调办公室2026年部门预算",
    ],
)
def test_other_provinces_labelled_indicators_come_out_right(stem: str) -> None:
    path = REAL / f"{stem}.pdf"
    if not path.exists():
        pytest.skip(f"{path} not available")
    result = analyze(read(path))
    labels = _labels(stem)
    want = [
        (p["project"], x["level1"], x["level2"], _key(x["level3"]), _key(x["value"]))
        for p in labels["projects"]
        for x in p["indicators"]
    ]
    got = [(i.project, i.level1, i.level2, _key(i.level3), _key(i.value)) for i in result.indicators]
    assert got == want  # every labelled indicator, nothing else, in printed order
    amounts = {(i.table_seq, i.project): i.project_amount for i in result.indicators}
    for proj in labels["projects"]:
        if "amount" in proj:
            assert proj["amount"] in {a for (_, name), a in amounts.items() if name == proj["project"]}
    for ind in result.indicators:
        code = _PENDING.get((stem, ind.level3))
        if code is None:
            assert ind.status == "auto", (ind.level3, en(ind.reason))
        else:
            assert ind.status == "pending" and code in {r.code for r in ind.reason}, ind


def test_chongqing_values_from_their_columns() -> None:
    """重庆 prints no levels: a 绩效指标 section cell, then 指标名称 | 指标性质 | 指标值 | 计量单位 |
    指标权重(%) | 是否核心. The value is the operator, figure and unit (never the weight: the section
    cell was read as a name column of its own and 是否核心 as text out of its column); the
    department's table takes its body from the line above it (单位名称：…); levels are inferred,
    and pending when the model is unsure."""
    stem = "重庆市科学技术局2026年部门预算"
    path = REAL / f"{stem}.pdf"
    if not path.exists():
        pytest.skip(f"{path} not available")
    result = analyze(read(path))
    want = [
        (p["project"], _key(x["level3"]), x["value"])
        for p in _labels(stem)["projects"]
        for x in p["indicators"]
    ]
    assert [(i.project, _key(i.level3), i.value) for i in result.indicators] == want
    for ind in result.indicators:
        codes = {r.code for r in ind.reason}
        assert "performance.split_guess" not in codes, ind
        assert ind.status == "auto" or codes <= {"performance.level2_inferred", "routing.low_confidence"}, en(
            ind.reason
        )
