"""Amounts as printed: thousands separators, full-width digits, units.

Pure functions; every amount is a ``Decimal`` so that 万元 × 10000 stays exact
to the fen.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

UNIT_SCALE = {"元": Decimal(1), "万元": Decimal(10000), "千元": Decimal(1000), "亿元": Decimal(100000000)}

_AMOUNT = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_UNIT_LINE = re.compile(r"单\s*位\s*[:：]?\s*(万\s*元|千\s*元|亿\s*元|元)")


def normalize(text: str) -> str:
    """Full-width digits, letters and punctuation folded to ASCII (NFKC), trimmed."""
    return unicodedata.normalize("NFKC", text).strip()


def bare(text: str) -> str:
    """``text`` folded (``normalize``) with all whitespace removed: how two readings of one cell,
    a code printed over columns or a heading are compared."""
    return "".join(normalize(text).split())


_PLAIN = re.compile(r"-?[\d,]*\d(?:\.(\d+))?")  # digits and separators, as a recogniser reads them


def printed_decimals(text: str) -> int | None:
    """The number of decimals ``text`` prints when it is digits and separators (``1,234.5`` → 1,
    ``357`` → 0), else None; amount columns' decimals are told from these."""
    m = _PLAIN.fullmatch(text)
    return None if m is None else len(m.group(1) or "")


def agreed_decimals(decimals: Iterable[int], share: float) -> int | None:
    """The decimals most of a column's amounts print (``decimals``: each amount's), when at least
    ``share`` of them print it (``TableSettings.amount_decimals_agree``); None when they do not agree
    or there are none. Of equally common counts, the first seen."""
    counts = Counter(decimals)
    if not counts:
        return None
    d, n = counts.most_common(1)[0]
    return d if n >= share * sum(counts.values()) else None


def parse_amount(text: str) -> Decimal | None:
    """The amount a cell prints, or None when the cell is not a plain amount.

    Accepts ``1,704,000.00``, ``４６８２．９２``, ``-3.5``, ``56``; rejects codes
    with letters, percentages, ranges and text. Empty cells give None.
    """
    s = normalize(text).replace(" ", "").replace("，", ",").replace("−", "-")
    if not s or not _AMOUNT.match(s):
        return None
    try:
        return Decimal(s.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex admits only valid numbers
        return None


_GLUED = re.compile(r"^(-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+)$")
_SECOND = re.compile(r"^(?:0|[1-9][\d,]*)(?:\.\d+)?$")  # an amount standing alone (no leading 0)


def decimals_of(text: str) -> int | None:
    """The decimals an amount prints (0 for none), None when ``text`` is no amount."""
    s = normalize(text).replace(" ", "")
    if parse_amount(s) is None:
        return None
    return len(s.split(".", 1)[1]) if "." in s else 0


def glued_amounts(text: str, decimals: int | None) -> tuple[str, str] | None:
    """Two amounts printed without a space between them, read as one cell: ``58.265.84`` (two
    decimal points: 58.26 and 5.84) or, in a column whose amounts print ``decimals`` decimals, an
    amount with more (``12.530``: 12.53 and 0); the two as printed, None when ``text`` is not so."""
    s = normalize(text).replace(" ", "")
    places = 2 if decimals is None else decimals
    if places <= 0 or s.count(".") < 1:
        return None
    head, _, rest = s.partition(".")
    if s.count(".") == 1 and (decimals is None or len(rest) <= places):
        return None  # one decimal point: glued only beyond the decimals its column prints
    first, second = f"{head}.{rest[:places]}", rest[places:]
    if not _GLUED.match(first) or not second or not _SECOND.match(second) or parse_amount(second) is None:
        return None
    return first, second


def is_amount(text: str) -> bool:
    return parse_amount(text) is not None


# an amount printed inside a text cell: thousands separators, or two decimals
_AMOUNT_IN_TEXT = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d{2})(?![\d,])")


def amounts_in_text(text: str, standing: bool = False) -> list[str]:
    """The amounts a cell that is no amount prints inside its text, as printed; [] for a plain amount
    or text without one. ``standing``: only those standing as a row's figures, each ending the text or
    followed by a space (``津贴补贴16,623,810 16,623,810 0``: a row a reader could not split), never a
    figure a sentence quotes with its unit (``安排25.77万元``, ``减少6.19%``)."""
    s = normalize(text)
    if parse_amount(s) is not None:
        return []
    return [
        m.group(0)
        for m in _AMOUNT_IN_TEXT.finditer(s)
        if not standing or not s[m.end() : m.end() + 1].strip()
    ]


def has_amount_shape(text: str) -> bool:
    """An amount only an amount prints: a decimal point or thousands separators (``0.00``,
    ``3,500,000``); no code, serial number or count written alone looks so."""
    s = normalize(text).replace(" ", "")
    return parse_amount(s) is not None and ("." in s or "," in s)


def to_yuan(amount: Decimal, unit: str) -> Decimal:
    """An amount in the table's unit converted to yuan, rounded to the fen."""
    scale = UNIT_SCALE.get(unit.replace(" ", ""), Decimal(1))
    return (amount * scale).quantize(Decimal("0.01"))


def find_unit(text: str) -> str:
    """The unit a line such as ``单位：万元`` names ('' when none)."""
    m = _UNIT_LINE.search(normalize(text).replace("：", ":"))
    return m.group(1).replace(" ", "") if m else ""


def without_unit_line(text: str) -> str:
    """``text`` with its unit line (``单位：万元``) taken out ('' when it is nothing else)."""
    return _UNIT_LINE.sub("", normalize(text).replace("：", ":")).strip()


# ---- review workbench (issue 16): an amount in yuan written back in a table's unit, as printed


def from_yuan(amount_yuan: Decimal, unit: str, like: str = "") -> str:
    """``amount_yuan`` written in ``unit`` the way ``like`` (the cell as printed) writes amounts:
    thousands separators when it has them, at least its decimals and as many more as the value
    needs to stay exact (630,001 元 in 万元 → ``63.0001``), so ``to_yuan`` of the result gives it back."""
    scale = UNIT_SCALE.get(unit.replace(" ", ""), Decimal(1))
    value = Decimal(amount_yuan) / scale
    sample = normalize(like).replace(" ", "")
    places = len(sample.split(".", 1)[1]) if "." in sample else (2 if not sample else 0)
    exact = max(0, -value.normalize().as_tuple().exponent) if value else 0
    digits = max(places, exact)
    text = f"{value:,.{digits}f}" if "," in sample else f"{value:.{digits}f}"
    return text
