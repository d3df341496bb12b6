"""The project block of a performance table (项目名称, 主管部门, 资金金额 / 项目总额, 年度目标 …) read into
the project's fields, also when a page end cuts it, and the rows a text export or a borderless
page sets out of their columns (issue 14). Generated documents via samples.synth; each seed below
is one the bench (bench/eval_indicators.py) found wrong before the fix it names."""

from __future__ import annotations

import pytest

from classify.indicator_header import continues_project_block, project_fields
from classify.indicator_rows import indicators
from classify.indicators import strip_enumerator
from extract.model import Cell, Table
from samples.indicator_eval import evaluate


def _table(rows: list[list[str]], seq: int = 2, title: str = "") -> Table:
    cells = [Cell(row=r, col=c, text=t) for r, row in enumerate(rows) for c, t in enumerate(row) if t]
    return Table(seq=seq, title=title, cells=cells, page=seq)


HEADER = ["绩效指标", "一级指标", "二级指标", "指标内容", "指标值"]


def test_project_block_cut_by_a_page_end() -> None:
    """项目名称 and 主管部门 at the foot of one page, 资金金额, 年度目标 and the indicators on the next:
    the indicators are the project's, with its amount, target and 主管部门."""
    first = _table([["专项（项目）名称", "财政信息化建设"], ["主管部门", "喀左区财政局"]], 1, "绩效目标表")
    rest = _table(
        [
            ["", "实施期资金总额：", "15.84", "", ""],
            ["资金金额（万元）", "其中：财政拨款", "15.84", "", ""],
            ["总体目标", "年度目标：目标1：财政管理信息化。", "", "", ""],
            HEADER,
            ["", "产出指标", "数量指标", "指标1：开展系统运维次数", "≥6次"],
        ]
    )
    assert continues_project_block(rest, first)
    assert project_fields(rest, first) == {
        "amount": "15.84",
        "target": "年度目标：目标1：财政管理信息化。",
        "department": "喀左区财政局",
    }
    # a page printing a project of its own, or a title, starts a block of its own
    own = _table([["项目名称", "乙项目"], *rest.grid()[:1], HEADER])
    assert not continues_project_block(own, first)
    assert not continues_project_block(_table(rest.grid(), title="绩效目标表"), first)


def test_project_fields_beside_their_labels() -> None:
    """An amount glued to its label (实施期资金总额：88.88), an annual target under a label of its own
    (总体目标 | 中期目标 | 年度目标, the mid-term slots a reader ran before it left out), the block
    below the indicator header (a reader that put the header on top)."""
    glued = _table(
        [["资金金额（万元）", "实施期资金总额：88.88"], ["总体目标", "年度目标：完成救助"], HEADER]
    )
    assert project_fields(glued) == {"amount": "88.88", "target": "年度目标：完成救助"}
    twin = _table(
        [
            ["项目名称", "", "甲项目", "", "", "", "", ""],
            ["项目资金 (万元)", "", "中期资金总额:", "", "年度资金总额:", "", "48.62", ""],
            ["总体目标", "中期目标(2022年—2024年)", "", "", "", "年度目标", "", ""],
            ["", "目标1: 目标2: .....", "", "", "", "1.农产品质量安全; 2.完成抽检任务。", "", ""],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"],
        ]
    )
    assert project_fields(twin) == {"amount": "48.62", "target": "1.农产品质量安全; 2.完成抽检任务。"}
    on_top = _table(
        [
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["项目名称", "甲项目", "", ""],
            ["中期资金总额:年度资金总额:", "48.62", "", ""],
            ["中期目标(2022年—2024年)", "年度目标", "", ""],
            ["", "目标1: 目标2: 目标3: ..... 1.农产品质量安全。", "", ""],
            ["产出指标", "数量指标", "印发宣传资料", "≥1000份"],
        ]
    )
    assert project_fields(on_top) == {"amount": "48.62", "target": "1.农产品质量安全。"}


def test_project_block_without_its_name_goes_to_review() -> None:
    """A table printing a project block whose name was not read: its indicators are not accepted
    as nobody's; a table printing no block at all (the indicators alone) is left as it is."""
    rows = [HEADER, ["", "产出指标", "数量指标", "指标1：开展系统运维次数", "≥6次"]]
    lost = indicators(_table([["主管部门", "喀左区财政局"], ["资金金额（万元）", "15.84"], *rows]))
    assert [(i.status, [r.code for r in i.reason]) for i in lost] == [
        ("auto", ["performance.project_missing"])
    ]
    assert [i.reason for i in indicators(_table(rows))] == [[]]


def test_empty_slot_run_onto_a_name() -> None:
    assert strip_enumerator("指标1：开展临时救助次数指标2：") == "开展临时救助次数"
    assert strip_enumerator("指标1：目标群体覆盖率") == "目标群体覆盖率"


@pytest.mark.parametrize(
    ("seeds", "shape"),
    [
        # a project block cut by a page end (项目名称 alone at a borderless page's foot, too): the
        # project's rows had no project (ruled and borderless read 0.87 of them right)
        ([20005, 50001], "ruled"),
        ([20005, 60007], "borderless"),
        # 指标2： run onto a name (recall 0.996); the block's fields glued to their labels; a
        # table's last row alone at the top of the next page (it was lost)
        ([50011, 70005], "borderless"),
        # operator | figure | unit out of their columns, labels left of theirs, a name and its
        # value one space apart (layout recall 0.980, level 2 0.971 on 70000–70011)
        ([60004, 60010, 70004, 70006], "layout"),
        # the block below the indicator header; the annual target under a label of its own
        ([20000, 20002], "raw"),
    ],
)
def test_generated_projects_and_their_fields(seeds: list[int], shape: str) -> None:
    s = evaluate(seeds, [shape])[shape]
    assert s.gold > 0
    assert s.recall == 1.0, s.missed[:5]
    assert s.level2_accuracy == 1.0
    assert s.precision == 1.0, s.wrong[:5]
    assert (s.project_accuracy, s.amount_accuracy, s.target_accuracy) == (1.0, 1.0, 1.0)
