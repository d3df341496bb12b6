"""extract.reasons: reasons and findings as codes with parameters, rendered in the reader's language."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from extract.reasons import MESSAGES, Reason, dumps, loads, reason


def test_every_message_has_both_languages() -> None:
    for code, templates in MESSAGES.items():
        assert set(templates) == {"zh", "en"}, code


def test_round_trip_and_rendering() -> None:
    r = reason("unknown", text="合计 97.11 ≠ 89.11")
    assert loads(dumps([r])) == [r]
    assert r.render("zh") == "合计 97.11 ≠ 89.11"
    assert str(r) == r.render("en")


def test_unknown_code_still_shows_its_parameters() -> None:
    assert reason("no_such_code", row=3).render("zh") == "no_such_code(row=3)"


def test_text_from_an_older_store_is_kept() -> None:
    (r,) = loads("amounts 20,900.00 and 20,900.00 are 14 characters apart")
    assert r.code == "unknown" and "20,900.00" in r.render("en")


@given(st.text())
def test_loads_never_crashes(text: str) -> None:
    assert all(isinstance(r, Reason) for r in loads(text))
