"""extract.relations: the sums a header and a table's codes imply, derived once."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from extract.relations import code_parents, header_tree, row_sums


def sums(*paths: str) -> list[tuple[int, list[int]]]:
    return row_sums(header_tree([tuple(p.split("/")) if p else () for p in paths]))


def test_total_column_covers_the_columns_after_it() -> None:
    assert sums("合计", "基本支出", "项目支出") == [(0, [1, 2])]


def test_group_with_its_own_subtotal_counts_by_it() -> None:
    # 合计 | 本年收入 (小计, 财政拨款, 事业收入) | 上年结转
    got = sums("合计", "本年收入/小计", "本年收入/财政拨款", "本年收入/事业收入", "上年结转")
    assert got == [(0, [1, 4]), (1, [2, 3])]


def test_group_without_subtotal_counts_by_its_parts() -> None:
    # 合计 | 基本支出 (人员经费, 公用经费) | 专项业务经费支出: 合计 = 人员 + 公用 + 专项
    assert sums("合计", "基本支出/人员经费", "基本支出/公用经费", "专项业务经费支出") == [(0, [1, 2, 3])]


def test_subtotal_outside_any_total_column() -> None:
    # 年初结转 | 本年支出 (小计, 基本支出, 项目支出) | 年末结转: only 小计 = 基本 + 项目
    got = sums("年初结转和结余", "本年支出/小计", "本年支出/基本支出", "本年支出/项目支出", "年末结转和结余")
    assert got == [(1, [2, 3])]


def test_three_public_nested_subtotal() -> None:
    got = sums(
        "合计",
        "因公出国（境）费",
        "公务用车购置及运行费/小计",
        "公务用车购置及运行费/公务用车购置费",
        "公务用车购置及运行费/公务用车运行费",
        "公务接待费",
    )
    assert got == [(0, [1, 2, 5]), (2, [3, 4])]


def test_within_column_is_bounded_not_added() -> None:
    (root,) = header_tree([("合计",), ("基本支出",), ("其中：人员经费",), ("项目支出",)])
    v = [Decimal(10), Decimal(6), Decimal(4), Decimal(4)]
    assert root.holds(v)
    assert not root.holds([Decimal(10), Decimal(6), Decimal(7), Decimal(4)])  # 其中 > its parent
    assert row_sums([root]) == [(0, [1, 3])]


def test_every_total_column_starts_its_own_system() -> None:
    got = sums(
        "预算数/合计",
        "预算数/基本支出",
        "预算数/项目支出",
        "决算数/合计",
        "决算数/基本支出",
        "决算数/项目支出",
    )
    assert got == [(0, [1, 2]), (3, [4, 5])]


def test_code_parents_classification_codes() -> None:
    codes = ["208", "20805", "2080501", "2080505", "20899", "2089999", "210", "301", "30101"]
    assert code_parents(codes) == [None, "208", "20805", "20805", "208", "20899", None, None, "301"]


def test_code_parents_skip_a_level_not_printed() -> None:
    assert code_parents(["208", "2080101", "20802", "2080201"]) == [None, "208", "208", "20802"]


def test_code_parents_misprinted_length_is_left_out() -> None:
    assert code_parents(["208", "2080", "20805"]) == [None, None, "208"]


def test_code_parents_unit_codes_nest_by_prefix() -> None:
    assert code_parents(["193", "193001", "193002", ""]) == [None, "193", "193", None]


@given(st.lists(st.lists(st.text(max_size=6), max_size=4), max_size=12))
def test_header_tree_never_crashes(paths: list[list[str]]) -> None:
    roots = header_tree(paths)
    for total, parts in row_sums(roots):
        assert 0 <= total < len(paths) and all(0 <= p < len(paths) for p in parts)


@given(st.lists(st.text(alphabet="0123456789", max_size=9), max_size=20))
def test_code_parents_never_crash(codes: list[str]) -> None:
    parents = code_parents(codes)
    assert len(parents) == len(codes)
    assert all(p is None or (codes[i].startswith(p) and p != codes[i]) for i, p in enumerate(parents))


def test_rounding_rules_have_one_home() -> None:
    """How far two printings of a figure may differ by rounding (``ROUNDING_UNITS``) is defined beside
    ``rounding_slack`` in extract.relations, and the cross-table check imports it."""
    import classify.checks.cross_table as cross_table
    import extract.relations as relations

    assert cross_table.ROUNDING_UNITS is relations.ROUNDING_UNITS
    root = Path(__file__).resolve().parents[1]
    homes = [
        p.relative_to(root).as_posix()
        for pkg in ("extract", "classify", "review", "digitize")
        for p in (root / pkg).rglob("*.py")
        if "ROUNDING_UNITS =" in p.read_text("utf-8")
    ]
    assert homes == ["extract/relations.py"]
