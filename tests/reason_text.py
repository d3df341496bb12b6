"""Reasons as the tests read them: rendered in English (``extract.reasons``), so a test can quote the
figures and words a reason names whatever its code."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from extract.reasons import Reason


def en(x: Any) -> str:
    """The English rendering of a reason, a list of reasons (and printed notes), a finding (its
    reason; its message when it has none), or a text as it is; list items joined with '; '."""
    if x is None:
        return ""
    if isinstance(x, Reason):
        return x.render("en")
    if isinstance(x, str):
        return x
    detail = getattr(x, "detail", None)
    if detail is not None:
        return detail.render("en")
    if hasattr(x, "message"):
        return str(x.message)
    if isinstance(x, Iterable):
        return "; ".join(en(r) for r in x)
    return str(x)


def ens(items: Iterable[Any]) -> list[str]:
    """Each item rendered in English (``en``)."""
    return [en(x) for x in items]
