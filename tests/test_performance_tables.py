"""Performance-target tables in every shape (issue 14): levels told apart from names, values from
names, operator / figure / unit columns joined, project rows and project fields, routing of doubts,
and the added export columns."""

from __future__ import annotations

import sqlite3

import pytest

from classify.analyze import analyze
from classify.indicator_rows import joined_value
from classify.indicators import peel_levels
from extract import read
from extract.codes import split_project_code
from review import store
from review.export import export
from review.ingest import known_codes, make_job, process_file, routing_of, store_outcome
from samples.indicator_eval import evaluate

RAW = """表1 社区信息化建设项目支出绩效目标表
项目名称 社区信息化建设
主管部门 某街道办事处
一级指标 二级指标 三级指标 指标值
产出指标 数量指标 开展信息化培训次数 203家
产出指标 质量指标 培训合格率 ≥95%
效益指标 可持续影响指标 长效机制 长期
满意度指标 服务对象满意度指标 居民满意度 ≥90%
"""

SPLIT = (
    "表1\n\n项目支出绩效目标申报表\n\n"
    "项目名称\t社区信息化建设\t\t\t\t\n"
    "项目总额(万元)\t63.03\t\t\t\t\n"
    "年度目标\t完成信息化培训\t\t\t\t\n"
    "一级指标\t二级指标\t三级指标\t指标方向\t指标值\t度量单位\n"
    "产出指标\t数量指标\t开展信息化培训次数\t≥\t203\t家\n"
    "\t质量指标\t培训合格率\t≥\t95\t%\n"
    "成本指标\t经济成本指标\t项目总成本\t≤\t63.03\t万元\n"
    "满意度指标\t服务对象满意度指标\t居民满意度\t定性\t良好\t\n"
)

BEIJING = (
    "表1\n\n项目支出绩效目标表\n\n"
    "项目名称\t项目总额\t其中：\t\t绩效目标\t一级指标\t二级指标\t三级指标\t绩效指标性质\t本年绩效指标值\t绩效度量单位\n"
    "\t\t财政资金\t其他资金\t\t\t\t\t\t\t\n"
    "11000022T000000445703-统计人员岗位知识培训\t103.984764\t103.984764\t\t提高统计人员业务能力。"
    "\t产出指标\t数量指标\t培训人次\t≥\t120\t人次\n"
    "\t\t\t\t\t成本指标\t经济成本指标\t培训成本\t≤\t63.03\t万元\n"
    "\t\t\t\t\t效益指标\t社会效益指标\t统计业务能力\t定性\t优\t\n"
)


def _indicators(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return analyze(read(path)).indicators


def test_collapsed_row_printing_its_levels_before_the_indicator(tmp_path) -> None:
    got = [(i.level1, i.level2, i.level3, i.value, i.status) for i in _indicators(tmp_path, "raw.txt", RAW)]
    assert got == [
        ("产出指标", "数量指标", "开展信息化培训次数", "203家", "auto"),
        ("产出指标", "质量指标", "培训合格率", "≥95%", "auto"),
        ("效益指标", "可持续影响指标", "长效机制", "长期", "auto"),
        ("满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", "auto"),
    ]


def test_operator_figure_and_unit_columns_are_joined(tmp_path) -> None:
    inds = _indicators(tmp_path, "split.tsv.txt", SPLIT)
    assert [(i.level2, i.level3, i.value, i.direction, i.unit) for i in inds] == [
        ("数量指标", "开展信息化培训次数", "≥203家", "≥", "家"),
        ("质量指标", "培训合格率", "≥95%", "≥", "%"),
        ("经济成本指标", "项目总成本", "≤63.03万元", "≤", "万元"),
        ("服务对象满意度指标", "居民满意度", "良好", "定性", ""),
    ]
    assert {(i.project, i.project_amount, i.project_target) for i in inds} == {
        ("社区信息化建设", "63.03", "完成信息化培训")
    }


def test_project_rows_are_projects_not_indicators(tmp_path) -> None:
    inds = _indicators(tmp_path, "beijing.tsv.txt", BEIJING)
    assert [(i.project, i.level3, i.value) for i in inds] == [
        ("统计人员岗位知识培训", "培训人次", "≥120人次"),
        ("统计人员岗位知识培训", "培训成本", "≤63.03万元"),
        ("统计人员岗位知识培训", "统计业务能力", "优"),
    ]
    assert {i.project_amount for i in inds} == {"103.984764"}
    assert all(i.status == "auto" for i in inds)


def test_value_and_project_helpers() -> None:
    assert joined_value("≥", "95", "%") == "≥95%"
    assert joined_value("定性", "良好", "") == "良好"
    assert joined_value("≤", "63.03", "万元") == "≤63.03万元"
    assert joined_value("", "1937年前; 按规定", "") == "1937年前; 按规定"  # no columns of its own: as printed
    assert split_project_code("11000022T000000445703-统计人员岗位知识培训") == (
        "11000022T000000445703", "统计人员岗位知识培训",
    )  # fmt: skip
    assert split_project_code("“扫黄打非”基础工作经费") == ("", "“扫黄打非”基础工作经费")
    assert peel_levels("产出指标数量指标对外宣传推广工作") == (
        [("产出指标", ""), ("产出指标", "数量指标")], "对外宣传推广工作",
    )  # fmt: skip


def test_export_carries_direction_unit_and_project_fields(tmp_path) -> None:
    path = tmp_path / "split.tsv.txt"
    path.write_text(SPLIT, encoding="utf-8")
    conn = store.connect(tmp_path / "work.db")
    outcome = process_file(make_job(path), routing_of(conn), known_codes(conn))
    store_outcome(conn, outcome)
    out = tmp_path / "dataset.db"
    export(conn, out)
    db = sqlite3.connect(out)
    got = db.execute(
        "SELECT level3, value, direction, unit, project, project_amount, project_target FROM indicators ORDER BY row"
    ).fetchall()
    assert ("项目总成本", "≤63.03万元", "≤", "万元", "社区信息化建设", "63.03", "完成信息化培训") in got
    assert len(got) == 4


@pytest.mark.parametrize("shape", ["tsv", "cells", "raw", "ruled"])
def test_generated_unseen_documents(shape: str) -> None:
    """Fresh seeds, every layout the generator writes (申报表 columns, project rows included)."""
    s = evaluate(range(9100, 9104), [shape])[shape]
    assert s.gold > 0
    assert s.recall >= 0.99, s.missed[:5]
    assert s.level2_accuracy >= 0.98
    assert s.precision >= 0.995, s.wrong[:5]
    assert s.review_share <= 0.10
