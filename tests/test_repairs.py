"""Repairs: proposed from evidence, applied only when asked."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from classify.checks import run_checks
from classify.findings import Repair
from classify.repairs import amount_repair, apply_repair
from extract.reasons import reason
from tests.reason_text import en
from tests.test_checks import GOOD_FUNCTION, extraction, function_table


def test_amount_repair_fixes_separators_and_letters() -> None:
    assert amount_repair("1.510,700.00") == "1,510,700.00"
    assert amount_repair("l2O.5") == "120.5"
    assert amount_repair("3 000.00") == "3000.00"
    assert amount_repair("4，682.92") == "4,682.92"


def test_amount_repair_leaves_what_it_cannot_explain() -> None:
    assert amount_repair("1,704,000.00") is None  # already an amount
    assert amount_repair("行政运行") is None
    assert amount_repair("12.34.56.7") is None
    assert amount_repair("") is None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_amount_repair_never_raises(text: str) -> None:
    out = amount_repair(text)
    assert out is None or isinstance(out, str)


def test_digit_confusion_is_proposed_not_applied() -> None:
    rows = [list(r) for r in GOOD_FUNCTION]
    rows[4] = ["2101550", "事业运行", "97.11", "84.11", "3", "5"]  # 89.11 misread as 84.11
    ex = extraction(function_table(rows))
    result = run_checks(ex, rules=["row_sum"])
    repairs = [r for f in result.findings for r in f.repairs]
    assert Repair("amount", 5, 5, 3, "84.11", "89.11", reason("repairs.row_adds_up")) in repairs
    # nothing changed in the records
    (cell,) = [r for r in ex.line_items if r.row == 5 and r.col == 3]
    assert cell.amount_yuan == Decimal("841100.00")
    changed = apply_repair(ex, Repair("amount", 5, 5, 3, "84.11", "89.11", reason("repairs.row_adds_up")))
    assert [c.amount_yuan for c in changed] == [Decimal("891100.00")]
    assert "applied amount repair: 84.11 → 89.11 (makes the row add up)" in en(changed[0].reason)


def test_unparsed_amount_cell_gets_a_repair() -> None:
    rows = [list(r) for r in GOOD_FUNCTION]
    rows[3] = ["2101501", "行政运行", "267.78", "208.28", "8,5", "51"]  # ',' for '.' (OCR)
    rows[4] = ["2101550", "事业运行", "97.11", "89.11", "3", "5"]
    result = run_checks(extraction(function_table(rows)))
    found = [f for f in result.findings if f.check == "amount_text"]
    assert found and found[0].repairs[0].new == "8.5"


def test_code_repair_applied_on_request() -> None:
    rows = [list(r) for r in GOOD_FUNCTION]
    rows[3] = ["2107101", "行政单位医疗", "267.78", "208.28", "8.5", "51"]
    ex = extraction(function_table(rows))
    result = run_checks(ex, rules=["dictionary"])
    (repair,) = [r for f in result.findings for r in f.repairs]
    assert (repair.kind, repair.old, repair.new) == ("code", "2107101", "2101101")
    assert "proposed code repair: 2107101 → 2101101" in en(result.findings[0].reason())
    changed = apply_repair(ex, repair)
    assert len(changed) == 4 and all(r.code == "2101101" for r in changed)
