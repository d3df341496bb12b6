"""classify.columns: numbers of collapsed rows placed into their columns by arithmetic."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sample_files import LABELS, seed

from classify.columns import find_siblings, place_columns, placements, table_role, table_spec
from extract.collapsed import parse_block
from extract.model import Cell, Document, Table
from extract.numbers import parse_amount
from extract.text import read_text
from tests.reason_text import en

EXPECTED = json.loads((LABELS / "004_expected.json").read_text(encoding="utf-8"))

FUNC_HEADER = "功能科目编码 功能科目名称 合计 人员经费支出 公用经费支出 专项业务经费支出 备注"
BASIC_HEADER = "功能科目编码 功能科目名称 合计 人员经费支出 公用经费支出 备注"
FUNC_TITLE = "一般公共预算支出明细表（按支出功能分类科目）"
BASIC_TITLE = "一般公共预算基本支出明细表（按支出功能分类科目）"


@dataclass
class Typed(Table):
    """A test table with the type slug its verdict would carry."""

    table_type: str = ""


@dataclass
class Placed:
    """A table after ``place_columns``, with the doubts of its rows (the reader's and the placement's)
    and of its cells, as ``classify.analyze`` gives them to the records."""

    table: Table
    table_type: str
    row_issues: dict[int, str]
    cell_issues: dict[tuple[int, int], str]

    def __getattr__(self, name: str) -> Any:  # noqa: ANN401 - the table's own attributes
        return getattr(self.table, name)


def table(lines: list[str], title: str = "", label: str = "", table_type: str = "", first: int = 1) -> Typed:
    t = parse_block(lines, first)
    fields = {f.name: getattr(t, f.name) for f in dataclasses.fields(t)}
    return Typed(**{**fields, "title": title, "label": label}, table_type=table_type)


def document(*tables: Table) -> Document:
    doc = Document(source_file="synthetic", sha256="0" * 64, format="txt")
    for seq, t in enumerate(tables, start=1):
        t.seq = seq
        doc.tables.append(t)
    return doc


def types_of(tables: Sequence[Table | Placed]) -> dict[int, str]:
    return {t.seq: getattr(t, "table_type", "") for t in tables}


def place(*tables: Table) -> list[Placed]:
    """Number the tables, place their columns; the placed tables with their issues, in order."""
    placed = place_columns(document(*tables).tables, types_of(tables))
    out = []
    for t in placed.tables:
        # the doubts as the tests read them: rendered in English (tests.reason_text)
        rows = {r: en(why) for r, why in t.row_issues.items()}
        for r, why in placed.row_issues.get(t.seq, {}).items():
            rows[r] = f"{rows[r]}; {en(why)}" if rows.get(r) else en(why)
        cells = {k: en(why) for k, why in placed.cell_issues.get(t.seq, {}).items()}
        out.append(Placed(t, getattr(t, "table_type", ""), rows, cells))
    return out


def row_of(t: Table, key: str) -> tuple[int, dict[str, str]]:
    """(grid row, {column name: text}) of the row whose code (or name) is ``key``."""
    names = t.columns()
    for r in range(t.header_rows, t.n_rows):
        cells = {names[c.col] if c.col < len(names) else str(c.col): c.text for c in t.cells if c.row == r}
        if key in (t.cell(r, 0).text if t.cell(r, 0) else "", cells.get(names[1], "")):
            return r, cells
    raise KeyError(key)


def issues(t: Table, r: int, column: str | None = None) -> str:
    """The reasons row ``r`` of ``t`` (or, with ``column``, that cell of it) needs review: its row issue
    and its cells' issues ('' when none)."""
    names = t.columns()
    found = [t.row_issues[r]] if r in t.row_issues else []
    found += [
        text
        for (row, col), text in sorted(t.cell_issues.items())
        if row == r and (column is None or (col < len(names) and names[col] == column))
    ]
    return "; ".join(found)


def flagged_rows(t: Table) -> set[int]:
    return set(t.row_issues) | {r for r, _ in t.cell_issues}


def amounts(
    cells: dict[str, str],
    cols: tuple[str, ...] = ("合计", "人员经费支出", "公用经费支出", "专项业务经费支出"),
):
    return tuple(cells.get(c) for c in cols)


# --------------------------------------------------------------------------- seed 004


def _check_expected(doc: Document, label: str) -> None:
    spec = EXPECTED["tables"][label]
    t = next(t for t in doc.tables if t.label == label)
    assert t.layout == "grid"
    names = t.columns()
    issue_rows = flagged_rows(t)
    seen = set()
    for exp in spec["rows"]:
        r = next(
            c.row
            for c in t.cells
            if c.row >= t.header_rows and c.col in (0, 1) and c.line_span and c.line_span[0] == exp["line"]
        )
        seen.add(r)
        got = {names[c.col]: c.text for c in t.cells if c.row == r}
        assert got.get(names[0], "") == exp["code"], exp
        assert "".join(got.get(names[1], "").split()) == exp["name"], exp
        if "code2" in exp:
            assert got.get(names[2], "") == exp["code2"]
            assert got.get(names[3], "") == exp["name2"]
        placed = {col: got.get(col) for col in spec["columns"]}
        for col, text in placed.items():
            if (
                text is not None and text != exp["amounts"][col]
            ):  # a number in a wrong column is flagged there
                assert issues(t, r, col), (label, exp, placed)
        if exp["ambiguous"]:
            assert r in issue_rows, exp
        elif "source_issue" not in exp:
            assert r not in issue_rows, (exp, t.row_issues.get(r))
        else:
            assert r in issue_rows and "source" in en(t.row_issues[r])
    assert seen == set(range(t.header_rows, t.n_rows)), "every body row is labelled"


@pytest.fixture(scope="module")
def doc004_untyped() -> Document:
    doc = read_text(str(seed("004")))
    return document(*place(*doc.tables))  # siblings found from titles alone


@pytest.fixture(scope="module")
def doc004_typed() -> Document:
    from classify.table_type import classify_table

    doc = read_text(str(seed("004")))
    typed = [Typed(**{f.name: getattr(t, f.name) for f in dataclasses.fields(t)}) for t in doc.tables]
    for t in typed:
        t.table_type = classify_table(t)[0]
    return document(*place(*typed))


@pytest.mark.parametrize("label", ["表5", "表6", "表7", "表8"])
def test_seed_004_matches_hand_labels(doc004_untyped: Document, doc004_typed: Document, label: str) -> None:
    _check_expected(doc004_untyped, label)
    _check_expected(doc004_typed, label)


def test_seed_004_worked_examples(doc004_untyped: Document) -> None:
    t5 = next(t for t in doc004_untyped.tables if t.label == "表5")
    assert amounts(row_of(t5, "2080107")[1]) == ("26.52", "5.52", None, "21")
    assert amounts(row_of(t5, "2101501")[1]) == ("78.98", "74.98", "4", None)
    assert not t5.row_issues


def test_seed_004_source_inconsistency_is_reported_not_fixed(doc004_untyped: Document) -> None:
    t6 = next(t for t in doc004_untyped.tables if t.label == "表6")
    r, cells = row_of(t6, "302")
    assert amounts(cells) == ("67.5", None, "11.5", "56")
    assert "66.5" in en(t6.row_issues[r]) and "67.5" in en(t6.row_issues[r])
    t7 = next(t for t in doc004_untyped.tables if t.label == "表7")
    r, cells = row_of(t7, "210499")
    assert "6 digits" in en(t7.row_issues[r])
    # 表7 21004 prints 132.28 where 表5 prints 162.28: basic only (162.28 - 30 专项), as printed, no conflict
    r, cells = row_of(t7, "21004")
    assert amounts(cells, ("合计", "人员经费支出", "公用经费支出")) == ("132.28", "127.78", "4.5")
    assert r not in t7.row_issues


def test_seed_004_other_tables(doc004_untyped: Document) -> None:
    by = {t.label: t for t in doc004_untyped.tables}
    assert all(t.layout == "grid" for t in doc004_untyped.tables)
    t2 = by["表2"]
    r, cells = row_of(t2, "353001")
    assert cells["一般公共预算拨款/小计"] == "105.5"  # leftmost part: the most likely, but not certain
    assert "10 placements" in issues(t2, r, "一般公共预算拨款/小计")
    assert r not in t2.row_issues and not issues(
        t2, r, "合计"
    )  # the total is the total under every placement
    t13 = by["表13"]
    r, _ = row_of(t13, "352001")
    assert "placements" in en(
        t13.row_issues[r]
    )  # which year's columns: arithmetic cannot tell (every number)
    t10 = by["表10"]
    assert row_of(t10, "352001")[1]["项目金额"] == "56"


def test_siblings_from_titles_types_and_columns(doc004_untyped: Document, doc004_typed: Document) -> None:
    for doc in (doc004_untyped, doc004_typed):
        pairs = {(a.label, b.label, kind) for a, b, kind in find_siblings(doc.tables, types_of(doc.tables))}
        assert {("表5", "表7", "basic"), ("表6", "表8", "basic")} <= pairs
        assert ("表5", "表6", "total") in pairs
    bare = document(
        table([FUNC_HEADER, "201 一般公共服务支出 10 10"]),
        table([BASIC_HEADER, "201 一般公共服务支出 10 10"]),
    )
    assert table_role(bare.tables[0]) == ("expense", "function")
    assert table_role(bare.tables[1]) == ("basic", "function")


# --------------------------------------------------------------------------- synthetic tables


def test_placements_enumerate_only_sums_that_hold() -> None:
    spec = table_spec(table([FUNC_HEADER]))
    assert spec.amount_cols == [2, 3, 4, 5]
    d = [Decimal(x) for x in ("26.52", "5.52", "21")]
    assert placements(d, spec) == [(0, 1, 2), (0, 1, 3), (0, 2, 3)]  # C(3, 2) with the total first
    assert placements([Decimal("50"), Decimal("20"), Decimal("20")], spec) == []
    assert placements([Decimal("7")], spec) == []  # a total without parts does not add up
    assert placements([], spec) == [()]


def test_ambiguous_row_is_flagged_and_left_leftmost() -> None:
    t = table(
        [FUNC_HEADER, "合计 30 10 20", "201 一般公共服务支出 30 10 20", "202 外交支出 30 10 20"],
        FUNC_TITLE,
    )
    (t,) = place(t)
    assert t.layout == "grid"
    for key in ("合计", "201", "202"):
        assert amounts(row_of(t, key)[1]) == ("30", "10", "20", None)
    # 合计 ≠ 201 + 202 (both top-level): a row with another issue is flagged whole
    r, _ = row_of(t, "合计")
    assert "source inconsistency" in en(t.row_issues[r]) and "fit 3 placements" in en(t.row_issues[r])
    for key in ("201", "202"):
        r, cells = row_of(t, key)
        assert r not in t.row_issues and not issues(t, r, "合计")  # 30 is the 合计 under every placement
        for col in ("人员经费支出", "公用经费支出"):
            assert "fits 2 columns" in issues(t, r, col) and "3 placements" in issues(t, r, col)
            assert "no sibling table decides" in issues(t, r, col)


def test_sibling_basic_table_decides() -> None:
    # alone, 10 and 20 fit 人员+公用, 人员+专项 and 公用+专项; the basic table's column sums make 10 人员
    # and 5 公用, so 20 must be 专项 and the other row's 5 公用
    t = table(
        [FUNC_HEADER, "合计 35 10 5 20", "201 一般公共服务支出 35 10 5 20", "20101 人大事务 35 10 5 20",
         "2010101 行政运行 30 10 20", "2010102 一般行政管理事务 5 5"],
        FUNC_TITLE,
    )  # fmt: skip
    b = table(
        [BASIC_HEADER, "合计 15 10 5", "201 一般公共服务支出 15 10 5", "20101 人大事务 15 10 5",
         "2010101 行政运行 10 10", "2010102 一般行政管理事务 5 5"],
        BASIC_TITLE,
    )  # fmt: skip
    t, b = place(t, b)
    assert not t.row_issues and not b.row_issues
    assert amounts(row_of(t, "2010101")[1]) == ("30", "10", None, "20")
    assert amounts(row_of(t, "2010102")[1]) == ("5", None, "5", None)
    assert amounts(row_of(b, "2010102")[1], ("合计", "人员经费支出", "公用经费支出")) == ("5", None, "5")


def test_symmetric_pair_stays_ambiguous() -> None:
    # both tables alone: 10 could be 人员 or 公用 in both; nothing decides
    t = table([FUNC_HEADER, "2010101 行政运行 30 10 20"], FUNC_TITLE)
    b = table([BASIC_HEADER, "2010101 行政运行 10 10"], BASIC_TITLE)
    t, b = place(t, b)
    r, _ = row_of(t, "2010101")
    assert "2 placements" in issues(t, r, "人员经费支出")
    assert "does not decide" in issues(t, r, "人员经费支出")
    assert not issues(t, r, "合计") and not issues(t, r, "专项业务经费支出")  # 30 and 20: same under both
    rb = row_of(b, "2010101")[0]
    assert issues(b, rb, "人员经费支出") and not issues(b, rb, "合计")


def test_hierarchy_and_column_totals_decide_in_yuan() -> None:
    # 公用 of 2050101 is decided by its parent: 20501 prints 公用 2,000.00 and 2050102 has none
    lines = [
        "** ** ** ** ** ** **",
        "合计 1,260,000.00 900,000.00 60,000.00 300,000.00",
        "205 教育支出 1,260,000.00 900,000.00 60,000.00 300,000.00",
        "20501 教育管理事务 1,260,000.00 900,000.00 60,000.00 300,000.00",
        "2050101 行政运行 960,000.00 900,000.00 60,000.00",
        "2050102 一般行政管理事务 300,000.00 300,000.00",
    ]
    t = table([FUNC_HEADER, *lines], FUNC_TITLE)
    t.unit = "元"
    (t,) = place(t)
    assert not t.row_issues
    assert amounts(row_of(t, "2050101")[1]) == ("960,000.00", "900,000.00", "60,000.00", None)
    assert amounts(row_of(t, "2050102")[1]) == ("300,000.00", None, None, "300,000.00")


def test_conflicting_sibling_is_reported_and_not_used() -> None:
    t = table([FUNC_HEADER, "2010101 行政运行 30 10 20"], FUNC_TITLE, "表5")
    b = table([BASIC_HEADER, "2010101 行政运行 40 25 15"], BASIC_TITLE, "表7")
    t, b = place(t, b)
    r, cells = row_of(t, "2010101")
    assert "source conflict: 表5 and 表7 row 2010101" in en(t.row_issues[r])
    assert "fit 3 placements" in en(t.row_issues[r])
    assert amounts(cells) == ("30", "10", "20", None)  # kept, flagged
    rb, cells_b = row_of(b, "2010101")
    assert "source conflict" in en(b.row_issues[rb])
    assert amounts(cells_b, ("合计", "人员经费支出", "公用经费支出")) == ("40", "25", "15")


def test_sibling_only_greater_or_equal() -> None:
    t = table([FUNC_HEADER, "2010101 行政运行 30 10 20"], FUNC_TITLE, "表5")
    b = table([BASIC_HEADER, "2010101 行政运行 15 10 5"], BASIC_TITLE, "表7")
    t, b = place(t, b)
    r, cells = row_of(t, "2010101")
    assert "used ≥ only" in en(t.row_issues[r])
    assert amounts(cells) == ("30", "10", "20", None)  # the only placement with 人员 ≥ 10 and 公用 ≥ 5


def test_numbers_that_do_not_add_up_stay_as_printed() -> None:
    t = table([FUNC_HEADER, "2010101 行政运行 50 20 20"], FUNC_TITLE)
    (t,) = place(t)
    r, cells = row_of(t, "2010101")
    assert "do not add up" in en(t.row_issues[r])
    assert amounts(cells) == ("50", "20", "20", None)


def nested_table(rows: list[list[str]]) -> Table:
    """合计 | 基本支出 (小计 | 人员经费 | 公用经费) | 项目支出, numbers packed from column 2."""
    t = Table(seq=0, title="支出总表", layout="collapsed", header_rows=2)
    head = [
        (0, 0, "科目编码", 1),
        (0, 1, "科目名称", 1),
        (0, 2, "合计", 1),
        (0, 3, "基本支出", 3),
        (0, 6, "项目支出", 1),
    ]
    head += [(1, 3, "小计", 1), (1, 4, "人员经费", 1), (1, 5, "公用经费", 1)]
    t.cells = [Cell(r, c, text, colspan=span) for r, c, text, span in head]
    for i, row in enumerate(rows, start=2):
        t.cells += [Cell(i, c, text) for c, text in enumerate(row)]
    return t


def test_nested_subtotal_columns() -> None:
    t = nested_table(
        [
            ["201", "一般公共服务支出", "100", "80", "50", "30", "20"],
            ["20101", "人大事务", "100", "80", "50", "30", "20"],
            ["2010101", "行政运行", "80", "80", "50", "30"],
            ["2010102", "一般行政管理事务", "20", "20"],
        ]
    )
    spec = table_spec(t)
    assert [spec.names[c] for c in spec.amount_cols] == [
        "合计",
        "基本支出/小计",
        "基本支出/人员经费",
        "基本支出/公用经费",
        "项目支出",
    ]
    (t,) = place(t)
    assert not t.row_issues
    cols = ("合计", "基本支出/小计", "基本支出/人员经费", "基本支出/公用经费", "项目支出")
    assert amounts(row_of(t, "2010101")[1], cols) == ("80", "80", "50", "30", None)
    assert amounts(row_of(t, "2010102")[1], cols) == ("20", None, None, None, "20")


# --------------------------------------------------------------------------- property: never silently wrong

_CODES = {"201": {"20101": ["2010101", "2010102", "2010150"], "20103": ["2010301", "2010399"]},
          "208": {"20805": ["2080501", "2080505", "2080506"]},
          "210": {"21011": ["2101101", "2101102"]}}  # fmt: skip
PARTS = ("人员经费支出", "公用经费支出", "专项业务经费支出")


def _fmt(x: Decimal, yuan: bool) -> str:
    return f"{x:,.2f}" if yuan else f"{x.normalize():f}"


@st.composite
def budgets(draw: st.DrawFn) -> tuple[dict[str, tuple[Decimal | None, ...]], bool, bool]:
    """Leaf values per code for 人员/公用/专项 (None = empty), whether in 元, whether a basic table is printed."""
    yuan = draw(st.booleans())
    amount = st.integers(min_value=1, max_value=400).map(
        lambda n: Decimal(n) * (1000 if yuan else Decimal("0.25"))
    )
    leaves: dict[str, tuple[Decimal | None, ...]] = {}
    for lei in draw(st.lists(st.sampled_from(sorted(_CODES)), min_size=1, max_size=2, unique=True)):
        for kuan in draw(st.lists(st.sampled_from(sorted(_CODES[lei])), min_size=1, max_size=2, unique=True)):
            for xiang in draw(
                st.lists(st.sampled_from(_CODES[lei][kuan]), min_size=1, max_size=3, unique=True)
            ):
                parts = tuple(draw(st.one_of(st.none(), amount)) for _ in PARTS)
                if all(p is None for p in parts):
                    parts = (draw(amount), None, None)
                leaves[xiang] = parts
    return leaves, yuan, draw(st.booleans())


def _rows(
    leaves: dict[str, tuple[Decimal | None, ...]], width: int
) -> list[tuple[str, tuple[Decimal | None, ...]]]:
    def add(rows: list[tuple[Decimal | None, ...]]) -> tuple[Decimal | None, ...]:
        cols = list(zip(*rows, strict=True))
        return tuple(
            sum((x for x in c if x is not None), Decimal(0)) if any(x is not None for x in c) else None
            for c in cols
        )

    out: list[tuple[str, tuple[Decimal | None, ...]]] = []
    for lei in sorted({c[:3] for c in leaves}):
        kids = sorted({c[:5] for c in leaves if c.startswith(lei)})
        out.append((lei, add([v[:width] for c, v in leaves.items() if c.startswith(lei)])))
        for kuan in kids:
            out.append((kuan, add([v[:width] for c, v in leaves.items() if c.startswith(kuan)])))
            out += [(c, leaves[c][:width]) for c in sorted(leaves) if c.startswith(kuan)]
    total = add([v for c, v in out if len(c) == 3])
    return [("合计", total), *out]


def _lines(rows: list[tuple[str, tuple[Decimal | None, ...]]], yuan: bool) -> list[str]:
    lines = []
    for code, parts in rows:
        present = [p for p in parts if p is not None]
        total = sum(present, Decimal(0))
        nums = [_fmt(total, yuan)] + [_fmt(p, yuan) for p in present]
        label = "合 计" if code == "合计" else f"{code} 项目{code}"
        lines.append(" ".join([label, *nums]))
    return lines


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(budgets())
def test_placement_is_right_or_flagged(
    case: tuple[dict[str, tuple[Decimal | None, ...]], bool, bool],
) -> None:
    leaves, yuan, with_basic = case
    expense_rows = _rows(leaves, 3)
    t = table([FUNC_HEADER, "** ** ** ** ** ** **", *_lines(expense_rows, yuan)], FUNC_TITLE, "表5")
    tables = [t]
    if with_basic:
        basic_leaves = {c: v[:2] for c, v in leaves.items() if any(x is not None for x in v[:2])}
        if basic_leaves:
            basic_rows = _rows(basic_leaves, 2)
            tables.append(table([BASIC_HEADER, *_lines(basic_rows, yuan)], BASIC_TITLE, "表7"))
    t, *_ = place(*tables)
    truth = dict(expense_rows)
    names = t.columns()
    for r in range(t.header_rows, t.n_rows):
        code = (t.cell(r, 0).text if t.cell(r, 0) else "") or "合计"
        got = {names[c.col]: parse_amount(c.text) for c in t.cells if c.row == r and c.col >= 3}
        want = {name: v for name, v in zip(PARTS, truth[code], strict=True) if v is not None}
        for name, value in got.items():  # a number in a wrong column is flagged, on its row or its cell
            if want.get(name) != value:
                assert issues(t, r, name), (code, got, want, t.row_issues, t.cell_issues)


def test_uncertain_numbers_are_those_the_placements_disagree_on() -> None:
    from classify.columns import uncertain_numbers

    assert uncertain_numbers([(0, 1, 2), (0, 1, 3), (0, 2, 3)]) == [1, 2]
    assert uncertain_numbers([(0, 1), (0, 2)]) == [1]
    assert uncertain_numbers([(0, 2)]) == []
    assert uncertain_numbers([(0, 1), (1, 2)]) == [0, 1]
    assert uncertain_numbers([]) == []


def test_every_number_uncertain_flags_the_row() -> None:
    # 0 and 0: the 合计 itself may be either (0 人员 + 0 公用 leaves the 合计 0): no number is certain
    t = table([FUNC_HEADER, "2010101 行政运行 0 0"], FUNC_TITLE)
    (t,) = place(t)
    r, _ = row_of(t, "2010101")
    assert "2 of its 2 numbers fit 6 placements" in en(t.row_issues[r]) and not t.cell_issues
    t = table([FUNC_HEADER, "2010101 行政运行 10 10"], FUNC_TITLE)  # the 合计 is certain, the part is not
    (t,) = place(t)
    r, _ = row_of(t, "2010101")
    assert r not in t.row_issues and set(t.cell_issues) == {(r, 3)}
    assert "fits 3 columns" in issues(t, r, "人员经费支出")


def test_many_children_are_placed_by_their_parent() -> None:
    # 2 × 20 children that each fit 人员 or 公用 (2^20 partial sums): the parent's 公用 of 0 leaves one
    # placement; partial sums no remaining child can bring back to the parent's are dropped early
    kids = [f"301{i:02d} 项目{i} {100 + i} {100 + i}" for i in range(1, 21)]
    total = sum(100 + i for i in range(1, 21))
    header = "部门经济科目编码 部门经济科目名称 合计 人员经费支出 公用经费支出 备注"
    lines = [
        header,
        f"合计 {total + 7} {total} 7",
        f"301 工资福利支出 {total} {total}",
        *kids,
        "302 商品和服务支出 7 7",
    ]
    t = table(lines, "一般公共预算基本支出明细表（按支出经济分类科目）")
    (t,) = place(t)
    assert not t.row_issues and not t.cell_issues
    for i in (1, 20):
        assert amounts(row_of(t, f"301{i:02d}")[1], ("合计", "人员经费支出", "公用经费支出")) == (
            str(100 + i),
            str(100 + i),
            None,
        )
    assert amounts(row_of(t, "302")[1], ("合计", "人员经费支出", "公用经费支出")) == ("7", None, "7")


def test_grid_sibling_table_is_used_as_fixed_evidence() -> None:
    t = table([FUNC_HEADER, "2010101 行政运行 30 10 20"], FUNC_TITLE)
    b = table([BASIC_HEADER, "2010101 行政运行 10 10"], BASIC_TITLE)
    b.layout = "grid"  # read by a reader that knew the columns: 10 is 人员经费支出
    t, b = place(t, b)
    assert amounts(row_of(t, "2010101")[1]) == ("30", "10", None, "20")
    assert not t.row_issues
    assert b.layout == "grid" and not b.row_issues


def test_more_numbers_than_columns_are_left_alone() -> None:
    t = table([BASIC_HEADER, "2010101 行政运行 10 5 5 7 8"], BASIC_TITLE)
    (t,) = place(t)
    r, cells = row_of(t, "2010101")
    assert "5 numbers" in en(t.row_issues[r])
    assert sorted(c.text for c in t.cells if c.row == r and c.col >= 2) == ["10", "5", "5", "7", "8"]
    assert t.layout == "grid"


_TOKEN = st.one_of(
    st.sampled_from(
        ["201", "20101", "2010101", "2010102", "合计", "合 计", "行政运行", "0", "-5", "1,000.00"]
    ),
    st.decimals(min_value=0, max_value=100, places=2).map(str),
)
_ROW = st.lists(_TOKEN, max_size=8).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ROW, max_size=10), st.lists(_ROW, max_size=6))
def test_place_columns_never_raises(expense: list[str], basic: list[str]) -> None:
    t = table([FUNC_HEADER, *expense], FUNC_TITLE)
    b = table([BASIC_HEADER, *basic], BASIC_TITLE)
    t, b = place(t, b)
    assert t.layout == "grid" and b.layout == "grid"
    names = t.columns()
    for c in t.cells:  # every number ends in an amount column (or stays put when there are too many)
        if (
            c.row >= t.header_rows
            and c.col >= 2
            and parse_amount(c.text) is not None
            and c.row not in t.row_issues
        ):
            assert names[c.col] in ("合计", *PARTS), (c, t.grid())


# --------------------------------------------------------------------------- 决算 totals, unit codes, evidence


def test_total_columns_of_final_accounts() -> None:
    from extract.vocabulary import is_total_column

    assert is_total_column("合计") and is_total_column("本年支出合计") and is_total_column("本年收入合计")
    assert not is_total_column("基本支出") and not is_total_column("人员经费合计支出")


FINAL_EXPENSE = [
    "项目",
    "本年支出合计 基本支出 项目支出 上缴上级支出 经营支出",
    "科目编码 科目名称",
    "栏次 1 2 3 4 5",
    "合计 100 60 40",
    "213 农林水支出 100 60 40",
    "21301 农业农村 100 60 40",
    "2130101 行政运行 60 60",
    "2130108 病虫害控制 40 40",
]


def test_final_expense_summary_places_parts_by_the_hierarchy() -> None:
    t = table(FINAL_EXPENSE, "支出决算表", table_type="expense_summary")
    (t,) = place(t)
    names = t.columns()
    first, second = (
        {names[c.col] for c in t.cells if c.row == row_of(t, code)[0] and c.col >= 2}
        for code in ("2130101", "2130108")
    )
    # 本年支出合计 is the row's total, and the parts of 21301 are 60 and 40 in different columns:
    # the two children's parts are not packed into one column
    assert "本年支出合计" in first and "本年支出合计" in second
    assert first & second == {"本年支出合计"}
    assert not any("do not add up" in en(v) for v in t.row_issues.values())


FINAL_INCOME = [
    "项目",
    "本年收入合计 财政拨款收入 上级补助收入 事业收入 经营收入",
    "附属单位上缴收",
    "入",
    "其他收入",
    "科目编码 科目名称",
    "栏次 1 2 3 4 5 6 7",
    "合计 1438.29 1435.81 2.48",
    "213 农林水支出 1146.39 1143.91 2.48",
    "221 住房保障支出 291.9 291.9",
]
FINAL_SUMMARY = [
    "收入 支出",
    "项目 行次 决算数 项目 行次 决算数",
    "栏次 1 栏次 2",
    "一、一般公共预算财政拨款收入 1 1435.81 一、农林水支出 33 1146.39",
    "四、上级补助收入 4 二、住房保障支出 34 291.9",
    "五、事业收入 5 2.48",
]
INCOME_COLS = ("本年收入合计", "财政拨款收入", "上级补助收入", "事业收入")


def test_income_summary_totals_named_in_the_summary_table_decide() -> None:
    summary = table(FINAL_SUMMARY, "收入支出决算总表", table_type="income_expense_summary")
    income = table(FINAL_INCOME, "收入决算表", table_type="income_summary")
    summary, income = place(summary, income)
    assert amounts(row_of(income, "合计")[1], INCOME_COLS) == ("1438.29", "1435.81", None, "2.48")
    assert amounts(row_of(income, "221")[1], INCOME_COLS) == ("291.9", "291.9", None, None)
    assert not income.row_issues


def test_income_summary_without_a_summary_table_stays_open() -> None:
    income = table(FINAL_INCOME, "收入决算表", table_type="income_summary")
    (income,) = place(income)
    r, _ = row_of(income, "合计")
    assert "placements" in issues(income, r)


def test_named_items_read_blank_summary_items_as_zero() -> None:
    from classify.columns import name_key, named_items

    summary = table(FINAL_SUMMARY, "收入支出决算总表", table_type="income_expense_summary")
    items = {name_key(n): v for n, v in named_items(summary)}
    assert items["上级补助"] == 0 and items["事业"] == Decimal("2.48")
    assert items["一般公共预算财政拨款"] == Decimal("1435.81")
    assert name_key("(2)公务用车运行维护费") == "公务用车运行费"
    # the 收支总表's names of two incomes match the 收入总表's columns; other names stay apart
    assert name_key("四、财政专户管理资金收入") == name_key("财政专户收入") == "财政专户"
    assert name_key("六、事业单位经营收入") == name_key("经营收入") == "经营"
    assert name_key("五、事业收入") == "事业" != name_key("经营收入")
    assert name_key("一、一般公共预算拨款收入") != name_key("财政拨款收入")  # a part of it, not the same


def test_unit_codes_nest_by_prefix() -> None:
    lines = [
        "单位编码 单位名称 合计 基本支出 项目支出",
        "合计 100 60 40",
        "193 某局 100 60 40",
        "193001 某局机关 60 60",
        "193002 某中心 40 40",
    ]
    t = table(lines, "支出总表", table_type="expense_summary")
    (t,) = place(t)
    cols = ("合计", "基本支出", "项目支出")
    assert amounts(row_of(t, "193001")[1], cols) == ("60", "60", None)
    assert amounts(row_of(t, "193002")[1], cols) == ("40", None, "40")
    assert not t.row_issues
    # a 6-digit misprint among classification codes is still left out of the sums
    lines = [FUNC_HEADER, "210 卫生健康支出 5 5", "21004 公共卫生 5 5", "210499 其他公共卫生支出 5 5"]
    t = table(lines, FUNC_TITLE)
    (t,) = place(t)
    assert any("6 digits" in en(v) for v in t.row_issues.values())


SUMMARY_BY_FUNCTION = [
    "项目",
    "本年支出合计 基本支出 项目支出 上缴上级支出 经营支出",
    "科目编码 科目名称",
    "栏次 1 2 3 4 5",
    "2010101 行政运行 60 50 10",
]
GPB_BY_FUNCTION = ["科目编码 科目名称 合计 基本支出 项目支出", "2010101 行政运行 60 50 10"]


def test_expense_summary_covers_the_general_budget_table() -> None:
    summary = table(SUMMARY_BY_FUNCTION, "支出决算表", table_type="expense_summary")
    gpb = table(GPB_BY_FUNCTION, "一般公共预算财政拨款支出决算表", table_type="gpb_expense_function")
    both = document(summary, gpb).tables
    assert (summary, gpb, "cover") in find_siblings(both, types_of(both))
    summary, gpb = place(summary, gpb)
    cols = ("本年支出合计", "基本支出", "项目支出", "上缴上级支出")
    assert amounts(row_of(summary, "2010101")[1], cols) == ("60", "50", "10", None)
    assert not summary.row_issues
    alone = table(SUMMARY_BY_FUNCTION, "支出决算表", table_type="expense_summary")
    (alone,) = place(alone)
    assert flagged_rows(alone)


def test_a_level_not_printed_is_skipped_by_placement_and_checks_alike() -> None:
    """2010101 printed under 201 with no 20101 row is 201's child (extract.relations.code_parents),
    for the placement as for the checks: 合计 = 201 = 2010101 holds, no source inconsistency."""
    t = table(
        [FUNC_HEADER, "合计 30 10 20", "201 一般公共服务支出 30 10 20", "2010101 行政运行 30 10 20"],
        FUNC_TITLE,
    )
    (t,) = place(t)
    r, _ = row_of(t, "合计")
    assert "source inconsistency" not in en(t.row_issues.get(r, ""))
