"""Amount cells of scans read as amounts: the recogniser's output (a CTC model's per-time-step
class probabilities) decoded again restricted to the characters an amount is printed with, with
a confidence per character, where a column holds amounts.

* ``restricted_decode``: greedy CTC decoding over blank, the ten digits, a separator and a minus
  sign only. The comma and the point are one class (their probabilities added): which one a
  separator is follows from where it stands, never from the recogniser's guess between two dots.
  Each character's confidence is the probability the recogniser gave it (not renormalised over
  the restricted classes: a digit picked because the recogniser saw 万 there is a doubt); a time
  step the recogniser gave to a character outside the amount alphabet counts as a doubt of
  1 − its probability (something may have been dropped there).
* ``amount_text``: the restricted reading as a printed amount. The last separator is the decimal
  point when the digits after it are not three; three digits after the last separator are a
  thousands group unless the column's amounts print three decimals. Every other separator must
  be a thousands separator before a group of three digits: a reading that is not well formed, or
  whose decimals differ from its column's, is no amount (the cell is doubted, never guessed).
* ``restrict_amounts``: a scanned table's amount columns (most body cells amounts) read that
  way; a cell whose reading the recogniser doubts (a character below ``amount_char_doubt``)
  carries a reason (``Cell.doubt``) and goes to review. A table's short columns (too few amounts to
  tell their decimals) print the decimals its long columns agree on; a well-formed amount printing
  other decimals than its column (35750 where the column prints 357.50: a faded point read as
  nothing) is doubted (``scan_amount_decimals``), and so is a reading that lost a gap the recogniser
  saw between digits (357 50 read 35750 where the column tells no decimals: ``scan_amount_split``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from extract.model import Cell, Table
from extract.numbers import agreed_decimals, is_amount
from extract.numbers import printed_decimals as _decimals
from extract.reasons import reason
from extract.settings import TABLE_SETTINGS, TableSettings

DIGITS = "0123456789"
SEPARATORS = ",.，．"  # one class: a comma and a point are told apart by position
MINUS = "-－"
SEP, NEG = ",", "-"
BARE_ZERO = "0"  # a nil amount printed without decimals; no code, serial or count column prints it throughout


@dataclass(frozen=True)
class AmountReading:
    """A crop read restricted to an amount's characters: ``chars`` (digits, ``SEP`` for any
    separator, ``NEG``) and each one's confidence; ``lost``: the lowest confidence that nothing
    outside the alphabet stands in the crop (1.0 when the recogniser saw only amount characters)."""

    chars: str
    confidences: tuple[float, ...]
    lost: float = 1.0

    @property
    def confidence(self) -> float:
        return min((*self.confidences, self.lost), default=0.0)


@dataclass(frozen=True)
class AmountClasses:
    """The recogniser's class indices of blank, the digits, the separators and the minus signs."""

    blank: int
    digits: tuple[int, ...]
    separators: tuple[int, ...]
    minus: tuple[int, ...]
    space: tuple[int, ...]

    @classmethod
    def of(cls, character: list[str]) -> AmountClasses:
        """From a CTC character list whose index 0 is the blank (PaddleOCR's dictionaries)."""
        index = {ch: i for i, ch in enumerate(character) if i}
        digits = tuple(index[d] for d in DIGITS)
        return cls(
            0,
            digits,
            tuple(index[s] for s in SEPARATORS if s in index),
            tuple(index[m] for m in MINUS if m in index),
            tuple(i for i, ch in enumerate(character) if i and not ch.strip()),
        )


def restricted_decode(
    probs: np.ndarray, classes: AmountClasses, top: np.ndarray | None = None
) -> AmountReading:
    """``probs`` (time steps × classes, softmax outputs of one crop) decoded over the amount
    alphabet only (greedy CTC: repeats merged, blanks dropped); ``top``: the crop's best class per
    step when the caller has it (``probs.argmax(axis=1)``)."""
    if probs.ndim != 2 or probs.shape[0] == 0:
        return AmountReading("", ())
    groups = [
        probs[:, [classes.blank]],
        probs[:, list(classes.digits)],
        probs[:, list(classes.separators)].sum(axis=1, keepdims=True),
        probs[:, list(classes.minus)].sum(axis=1, keepdims=True),
    ]
    sub = np.concatenate(groups, axis=1)  # blank, 0..9, separator, minus
    symbols = ("", *DIGITS, SEP, NEG)
    best = sub.argmax(axis=1)
    best_p = sub[np.arange(len(best)), best]
    top = probs.argmax(axis=1) if top is None else top
    allowed = np.zeros(probs.shape[1], dtype=bool)
    allowed[[classes.blank, *classes.digits, *classes.separators, *classes.minus, *classes.space]] = True
    steps = np.flatnonzero(~allowed[top])
    outside = probs[steps, top[steps]]
    chars: list[str] = []
    confs: list[float] = []
    prev = 0
    for k, p in zip(best.tolist(), best_p.tolist(), strict=True):
        if k != 0 and k == prev:
            confs[-1] = max(confs[-1], float(p))
        elif k != 0:
            chars.append(symbols[k])
            confs.append(float(p))
        prev = k
    lost = 1.0 - float(outside.max()) if outside.size else 1.0
    return AmountReading("".join(chars), tuple(round(c, 4) for c in confs), round(lost, 4))


_SHAPE = re.compile(rf"^{NEG}?\d+(?:{re.escape(SEP)}\d+)*$")


def amount_text(reading: AmountReading, decimals: int | None = None) -> str | None:
    """The printed amount ``reading`` holds ('1,234.56', '-0.50', '12,345'), or None when it is not
    well formed. ``decimals``: how many decimals the column's amounts print (None: unknown)."""
    s = reading.chars
    if not _SHAPE.match(s):
        return None
    sign = NEG if s.startswith(NEG) else ""
    groups = s.lstrip(NEG).split(SEP)
    if len(groups) == 1:
        whole, frac = groups[0], ""
    elif len(groups[-1]) == 3 and decimals != 3:
        whole, frac = "".join(groups), ""  # the last separator is a thousands separator
        if not _thousands(groups):
            return None
    else:
        whole, frac = "".join(groups[:-1]), groups[-1]
        if not _thousands(groups[:-1]):
            return None
    if decimals == 2 and frac == "0":
        frac = "00"  # CTC merged a doubled 0 (no blank read between them), as a column of cents shows
    if decimals is not None and len(frac) != decimals:
        return None
    if len(whole) > 1 and whole.startswith("0"):
        return None
    text = f"{int(whole):,}" if len(groups) > 2 or (len(groups) == 2 and not frac) else whole
    return sign + text + ("." + frac if frac else "")


def _thousands(groups: list[str]) -> bool:
    """Digit groups split at thousands separators: 1–3 digits first, then groups of three."""
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]) if len(groups) > 1 else True


def amount_columns(
    table: Table, readings: dict[tuple[int, int], AmountReading], settings: TableSettings = TABLE_SETTINGS
) -> dict[int, int | None]:
    """Columns whose body cells are mostly amounts, at least ``amount_column_min`` of them printed
    with a separator or a zero printed bare (a column of codes — 05, 201 — is no amount column; no
    code is 0: a column of nil amounts printed 0 is one) → the number of decimals
    most of them print (None when they do not agree). Each cell is taken as its restricted
    reading where it has one that is well formed, else as its text."""
    by_col: dict[int, list[str]] = {}
    for c in table.cells:
        if c.row >= table.header_rows and c.text.strip():
            found = readings.get((c.row, c.col))
            text = amount_text(found) if found is not None else None
            by_col.setdefault(c.col, []).append(text or c.text.strip())
    out: dict[int, int | None] = {}
    short: list[int] = []  # columns of amounts too few to tell by themselves
    for col, texts in by_col.items():
        amounts = [t for t in texts if is_amount(t)]
        marked = [t for t in amounts if re.search(r"\d[,.]\d", t) or t == BARE_ZERO]
        if len(amounts) < settings.amount_column_share * len(texts) or not marked:
            continue
        if len(marked) < settings.amount_column_min:
            short.append(col)
            continue
        out[col] = agreed_decimals(_decimals_of(amounts), settings.amount_decimals_agree)
    if out and short:  # a table of few rows: its short columns print as its other amount columns do
        whole = [t for col in out for t in by_col[col] if is_amount(t)]
        decimals = agreed_decimals(_decimals_of(whole), settings.amount_decimals_agree)
        if decimals is None:  # the long columns disagree: the short ones' amounts are evidence too
            whole += [t for col in short for t in by_col[col] if is_amount(t)]
            decimals = agreed_decimals(_decimals_of(whole), settings.amount_decimals_agree)
        out.update({col: decimals for col in short})
    return out


def _decimals_of(amounts: list[str]) -> list[int]:
    return [d for t in amounts if (d := _decimals(t)) is not None and d != 3]  # 3: a thousands group?


def restrict_amounts(
    table: Table, readings: dict[tuple[int, int], AmountReading], settings: TableSettings = TABLE_SETTINGS
) -> int:
    """``table``'s amount cells (body cells of its amount columns read by a CTC recogniser, one
    reading each in ``readings``) replaced by their restricted reading, and doubted (``Cell.doubt``,
    confidence at most ``amount_doubt_cap``) when a character of it is below ``amount_char_doubt``
    or it is no well-formed amount; the number of cells changed or doubted."""
    columns = amount_columns(table, readings, settings)
    changed = 0
    for c in table.cells:
        found = readings.get((c.row, c.col))
        if c.row < table.header_rows or c.col not in columns or not c.text.strip():
            continue
        if found is None:
            changed += _doubt_split(c, columns[c.col], settings)
            continue
        if not found.chars and not is_amount(c.text):
            continue  # a dash or a word in an amount column: nothing to read as an amount
        text = amount_text(found, columns[c.col])
        low = min(range(len(found.confidences)), key=lambda k: found.confidences[k], default=None)
        mark = _edge_mark(found) if text is None else None
        if mark is not None and (text := amount_text(mark[0], columns[c.col])) is not None:
            # a speck beside the figures read as a separator: the figures' amount, doubted for the mark
            low = mark[1]
        raw = c.text
        if text is None and (loose := _off_decimals(found, mark, columns[c.col])) is not None:
            # well formed, but not as its column prints (35750 where the column prints 357.50: a point lost)
            if loose != c.text:
                table.warnings.append(
                    reason("scan_amount_restricted", row=c.row, col=c.col, raw=c.text, text=loose)
                )
                c.text = loose
            c.doubt = reason(
                "scan_amount_decimals", row=c.row, col=c.col, raw=raw, text=loose, decimals=columns[c.col]
            )
            c.confidence = round(min(c.confidence, settings.amount_doubt_cap), 4)
            changed += 1
            continue
        if text is not None and text != c.text:
            table.warnings.append(
                reason("scan_amount_restricted", row=c.row, col=c.col, raw=c.text, text=text)
            )
            c.text = text
            changed += 1
        if text is not None and _gap_lost(raw, text, columns[c.col]):
            _doubt_gap(c, raw, columns[c.col], settings)
            changed += 1
            continue
        if (
            text is None
            and is_amount(c.text)
            or text is not None
            and (found.confidence < settings.amount_char_doubt or mark is not None)
        ):
            _doubt(c, found, low, settings)
            changed += 1
    return changed


_SPLIT = re.compile(r"-?[\d,.]*\d\s+\d[\d,.]*")


def _doubt_split(c: Cell, decimals: int | None, settings: TableSettings) -> int:
    """Doubt an amount cell read as words apart with a gap between their digits (357 50: a faded
    point read as nothing) unless its digits joined print the column's ``decimals``; 1 when doubted."""
    text = c.text.strip()
    if not _SPLIT.fullmatch(text) or not is_amount(text):
        return 0
    if decimals is not None and _decimals("".join(text.split())) == decimals:
        return 0
    _doubt_gap(c, c.text, decimals, settings)
    return 1


def _off_decimals(
    found: AmountReading, mark: tuple[AmountReading, int] | None, decimals: int | None
) -> str | None:
    """The amount ``found`` (or, a speck's separator at its edge dropped, ``mark``) reads as when its
    column's ``decimals`` are not asked of it, when that amount prints other decimals; else None."""
    if decimals is None:
        return None
    loose = amount_text(found) or (amount_text(mark[0]) if mark is not None else None)
    return loose if loose is not None and _decimals(loose) != decimals else None


def _gap_lost(raw: str, text: str, decimals: int | None) -> bool:
    """The recogniser read ``raw`` with a gap between digits (357 50, 357*50: a faded point) and the
    restricted reading ``text`` holds fewer separators than ``raw`` has gaps and separators (35750:
    the point read as nothing), unless ``text`` prints the column's ``decimals``."""
    raw = re.sub(r"(?<=\d)[^\d,.，．\s-](?=\d)", " ", raw.strip())  # a speck between digits: a gap
    if not _SPLIT.fullmatch(raw):
        return False
    if decimals is not None and _decimals(text) == decimals:
        return False
    marks = len(re.findall(r"[,.，．]|(?<=\d)\s+(?=\d)", raw))
    return len(re.findall(r"[,.]", text)) < marks


def _doubt_gap(c: Cell, raw: str, decimals: int | None, settings: TableSettings) -> None:
    c.doubt = reason(
        "scan_amount_split", row=c.row, col=c.col, text=raw, decimals="?" if decimals is None else decimals
    )
    c.confidence = round(min(c.confidence, settings.amount_doubt_cap), 4)


def _edge_mark(found: AmountReading) -> tuple[AmountReading, int] | None:
    """``found`` without a separator read first or last (no amount prints one there: a speck or a
    stroke beside the figures) and that separator's index; None when it has none there."""
    chars, confs = found.chars, found.confidences
    if chars.startswith(SEP):
        return AmountReading(chars[1:], confs[1:], found.lost), 0
    if chars.endswith(SEP) and len(chars) > 1:
        return AmountReading(chars[:-1], confs[:-1], found.lost), len(chars) - 1
    return None


def _doubt(c: Cell, found: AmountReading, low: int | None, settings: TableSettings) -> None:
    if low is not None and found.confidences[low] <= found.lost:
        char, confidence = found.chars[low], found.confidences[low]
    else:
        char, confidence = "?", found.lost
    c.doubt = reason(
        "scan_amount_doubted", row=c.row, col=c.col, text=c.text, char=char, confidence=round(confidence, 2)
    )
    c.confidence = round(min(c.confidence, settings.amount_doubt_cap), 4)
