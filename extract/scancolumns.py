"""A column of OCR'd cells read alike: a column numbers its items one way (its 、 or its dots, each
kind of numeral its own way), prints its code-name strings with one dash, its enumerators in
sequence and its amounts with as many decimals; a cell read otherwise in such a column lost a thin
mark to the recogniser and takes the column's (``extract.layout.grid_to_table`` calls these on
every scanned table)."""

from __future__ import annotations

import re

from extract.model import Cell, Table
from extract.reasons import reason
from extract.settings import TableSettings
from extract.vocabulary import CN_ENUMERATOR, CN_ENUMERATOR_OR_LOST, CODE_DASH_NAME, ENUMERATOR_MARK


def enumerators_like_column(table: Table) -> None:
    """OCR'd cells: an enumerator read as '8.' or '8,' in a column whose other enumerators are
    written '1、' takes the column's 、 (a column numbers its items one way) — each level its own
    way: Arabic numerals are weighed against Arabic ones only, Chinese against Chinese (上海's
    收支总表 numbers its headings 一、 and their children 1. in one column)."""
    by_col: dict[tuple[int, bool], list[Cell]] = {}
    for c in table.cells:
        if c.confidence < 1.0 and (m := ENUMERATOR_MARK.match(c.text)):
            by_col.setdefault((c.col, m.group(1).isdigit()), []).append(c)
    cents_like_column(table)
    for cells in by_col.values():
        marks = [ENUMERATOR_MARK.match(c.text).group(2) for c in cells]  # type: ignore[union-attr]
        if marks.count("、") >= 2 and marks.count("、") > len(marks) / 2:
            for c in cells:
                m = ENUMERATOR_MARK.match(c.text)
                if m and m.group(2) != "、":
                    c.text = m.group(1) + "、" + c.text[m.end() :]


def code_dashes_like_column(table: Table) -> None:
    """OCR'd cells: a code and its name read without the dash between them (2089999其他社会保障和
    就业支出) in a column whose other cells print them dashed (2089999-其他社会保障和就业支出: 北京's
    支出总表) take the column's dash; the recogniser loses a thin dash between a digit and a
    character, and a column prints its code-name strings one way."""
    by_col: dict[int, list[tuple[Cell, re.Match[str]]]] = {}
    for c in table.cells:
        if c.confidence < 1.0 and (m := CODE_DASH_NAME.match(c.text)):
            by_col.setdefault(c.col, []).append((c, m))
    for cells in by_col.values():
        dashes = [m.group(2) for _, m in cells if m.group(2)]
        if len(dashes) < 2 or len(dashes) <= len(cells) / 2:
            continue
        dash = max(set(dashes), key=dashes.count)
        for c, m in cells:
            if not m.group(2):
                c.text = m.group(1) + dash + c.text[m.end() :]


_CN_DIGITS = "一二三四五六七八九"


def _cn_number(text: str) -> int | None:
    """一 → 1, 十 → 10, 十九 → 19, 二十 → 20, 二十四 → 24 (None for anything else)."""
    if text == "十":
        return 10
    tens, _, units = text.partition("十") if "十" in text else ("", "", text)
    if "十" in text:
        t = 1 if not tens else _CN_DIGITS.index(tens) + 1 if len(tens) == 1 and tens in _CN_DIGITS else 0
        u = _CN_DIGITS.index(units) + 1 if len(units) == 1 and units in _CN_DIGITS else 0 if not units else -1
        return 10 * t + u if t and u >= 0 else None
    return _CN_DIGITS.index(units) + 1 if len(units) == 1 and units in _CN_DIGITS else None


def _cn_numeral(n: int) -> str:
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else "十" if tens == 1 else _CN_DIGITS[tens - 1] + "十"
    return head + (_CN_DIGITS[units - 1] if units else "")


def enumerator_numerals(table: Table, settings: TableSettings) -> None:
    """OCR'd cells: an enumerator whose numeral was lost ('、一般公共服务支出': the thin 一 of 一、
    faded below the ink) takes the numeral its column's sequence gives it: one more than the
    Chinese-numeral enumerator above it in the column (一 when none is), agreeing with the next one
    below when there is one; the reading is kept in a warning, and where no enumerator below
    confirms the sequence the cell is doubted (capped at ``enumerator_guess_cap``)."""
    by_col: dict[int, list[Cell]] = {}
    for c in sorted(table.cells, key=lambda c: c.row):
        if c.row >= table.header_rows and c.text:
            by_col.setdefault(c.col, []).append(c)
    for cells in by_col.values():
        numbers = [_cn_number(m.group(1)) if (m := CN_ENUMERATOR.match(c.text)) else None for c in cells]
        for k, c in enumerate(cells):
            m = CN_ENUMERATOR.match(c.text)
            read = m.group(1) if m else ""  # the numeral read (its first character may be lost: 十 for 二十)
            if c.confidence >= 1.0 or not CN_ENUMERATOR_OR_LOST.match(c.text):
                continue
            above = next((n for n in reversed(numbers[:k]) if n is not None), 0)
            below = next((n for n in numbers[k + 1 :] if n is not None), None)
            numeral = _cn_numeral(above + 1)
            if (
                numbers[k] == above + 1
                or not numeral.endswith(read)
                or (below is not None and below != above + 2)
            ):
                continue
            if read and below is None:
                continue  # a numeral read whole but out of sequence needs the next one to say so
            table.warnings.append(
                reason("scan_enumerator_numeral", row=c.row, col=c.col, raw=c.text, numeral=numeral)
            )
            c.text = numeral + c.text[len(read) :]
            numbers[k] = above + 1
            if below is None:
                c.confidence = round(min(c.confidence, settings.enumerator_guess_cap), 4)


def cents_like_column(table: Table) -> None:
    """OCR'd amounts: '1,510,700.0' in a column of two-decimal amounts lost a repeated 0 (CTC
    decoding merges a doubled character when it misses the blank between them): put it back."""
    cols: dict[int, list[Cell]] = {}
    for c in table.cells:
        if c.confidence < 1.0 and re.fullmatch(r"-?[\d,]+\.\d+", c.text):
            cols.setdefault(c.col, []).append(c)
    for cells in cols.values():
        two = sum(1 for c in cells if re.search(r"\.\d\d$", c.text))
        if two >= 3 and two >= 2 * (len(cells) - two):
            for c in cells:
                if re.search(r"\.\d$", c.text) and c.text.endswith("0"):
                    c.text += "0"
