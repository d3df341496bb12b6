from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from extract.numbers import find_unit, parse_amount, to_yuan


def test_amounts_as_printed() -> None:
    assert parse_amount("1,704,000.00") == Decimal("1704000.00")
    assert parse_amount("４，６８２．９２") == Decimal("4682.92")
    assert parse_amount(" 56 ") == Decimal("56")
    assert parse_amount("-3.5") == Decimal("-3.5")
    for text in ("", "2026.01-2026.12", "≥95%", "20万元", "1.510,700.00", "abc", "1,70,000"):
        assert parse_amount(text) is None, text


def test_wan_yuan_is_exact_to_the_fen() -> None:
    assert to_yuan(Decimal("364.89"), "万元") == Decimal("3648900.00")
    assert to_yuan(Decimal("0.01"), "万元") == Decimal("100.00")
    assert to_yuan(Decimal("1,704,000.00".replace(",", "")), "元") == Decimal("1704000.00")
    assert to_yuan(Decimal("12345678.91"), "万元") == Decimal("123456789100.00")


def test_unit_lines() -> None:
    assert find_unit("单位：万元") == "万元"
    assert find_unit("\t单位：元") == "元"
    assert find_unit("单位: 万 元") == "万元"
    assert find_unit("金额单位：元") == "元"
    assert find_unit("部门预算收支总表") == ""


@given(st.text())
def test_parse_amount_never_raises(text: str) -> None:
    parse_amount(text)
    find_unit(text)
