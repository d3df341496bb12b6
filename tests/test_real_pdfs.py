"""Real born-digital disclosures (../shared/real/, read in place) against the hand-made labels of
samples/labels/: the figures bench/bench_real.py prints, held so that they cannot drop."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench_real import REAL, score_document, table_labels  # noqa: E402

from classify.table_rules import title_rules  # noqa: E402

FINAL_ACCOUNT = "上海市普陀区规划和自然资源局2024年度部门决算.pdf"
QUANZHOU = "泉州市市场监管综合监测与技术保障中心2026年度单位预算.pdf"
WELFARE = "上海市普陀区社会福利院2024年单位预算.pdf"

pytestmark = pytest.mark.skipif(not REAL.exists(), reason="../shared/real/ is not here")


def _score(name: str):  # noqa: ANN202 - a DocScore
    return score_document(name, table_labels()[name])


def test_final_account_continuations_join_and_lose_nothing() -> None:
    """The 决算's 收入决算表, 支出决算表 and 财政拨款收入支出决算总表 run onto a page with no title
    and no unit line: each joins its table (unit and columns carried over, every record on the
    page it is printed on), so every printed amount is a record with the right code and column."""
    s = _score(FINAL_ACCOUNT)
    assert s.fragments == 0
    assert s.found == s.tables == 10
    assert s.typed >= 9  # 部门决算单位构成 is read as 'other', not 'institutions' (see the README)
    assert s.labels == 308
    assert s.recall >= 1.0, s.missed[:10]
    assert s.precision >= 1.0, s.wrong[:10]
    assert s.pending_share <= 0.21
    assert s.lost == 0, s.lost_tokens[:10]


def test_other_province_budget_line_items() -> None:
    s = _score(QUANZHOU)
    assert s.fragments == 0
    assert s.typed >= 10
    assert s.labels == 204
    assert s.recall >= 1.0, s.missed[:10]
    assert s.precision >= 1.0, s.wrong[:10]
    assert s.pending_share <= 0.14
    assert s.lost == 0, s.lost_tokens[:10]


@pytest.mark.parametrize(
    "title",
    [
        "2024年部门支出预算总表",
        "2026年预算单位支出预算总表",
        "2026年度支出预算总表",
        "2026年部门支出总体情况表",
    ],
)
def test_expense_summary_titles(title: str) -> None:
    """部门支出预算总表 / 支出预算总表 / 支出总体情况表 are the summary of all expenditure."""
    assert title_rules(title) == ("expense_summary", 0.95)


def test_shanghai_budget_expense_summary_typed() -> None:
    s = _score(WELFARE)
    assert s.typed == s.tables == 9, s.mistyped
    assert s.lost == 0, s.lost_tokens[:10]


# Line-item labels of other provinces' budgets, with the figures the reader reaches on them today
# (held so that they cannot drop; raise them as the reader improves):
# name, labels, typed, fragments, recall, auto precision, pending share, amounts lost.
OTHER_PROVINCES = [
    ("西安市审计局2026年部门预算.pdf", 267, 19, 3, 1.0, 1.0, 0.13, 0),
    ("深圳市退役军人事务局2026年部门预算.pdf", 848, 11, 1, 0.686, 0.715, 0.18, 0),
    ("重庆市科学技术局2026年部门预算.pdf", 522, 12, 0, 0.524, 0.531, 0.56, 157),
]


@pytest.mark.parametrize(
    ("name", "labels", "typed", "fragments", "recall", "precision", "pending", "lost"),
    OTHER_PROVINCES,
    ids=[row[0][:6] for row in OTHER_PROVINCES],
)
def test_other_province_line_items_hold(
    name: str,
    labels: int,
    typed: int,
    fragments: int,
    recall: float,
    precision: float,
    pending: float,
    lost: int,
) -> None:
    s = _score(name)
    assert s.labels == labels
    assert s.typed >= typed, s.mistyped
    assert s.fragments <= fragments
    assert s.recall >= recall, s.missed[:10]
    assert s.precision >= precision, s.wrong[:10]
    assert s.pending_share <= pending
    assert s.lost <= lost, s.lost_tokens[:10]
