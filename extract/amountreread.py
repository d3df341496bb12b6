"""Amount cells of scans doubted as printing other decimals than their column read again from the
page (issue 17).

A recogniser that loses a digit of an amount's last group and takes the thousands separator
before it for a point (7,187,532 read 7,187.32; 11,610,630 read 11,610.30) gives an amount of
two decimals in a column of whole yuan: ``extract.amountread`` doubts it (``scan_amount_doubted``)
and its record goes to review with the wrong figure; one that loses two (7,187,2) gives no amount
at all. Such a cell — doubted, an amount whose decimals are not its column's
(``amount_decimals_agree`` of the column's other amounts), or an amount's characters that are no
amount — is read again from its ink alone, prepared the ways a code cell is (``extract.scancodes.reread_cell``).
The reading most variants give (more than half of them, and more than any other) replaces the
cell's text when it is an amount with the column's decimals whose digits hold the first
reading's in their order (a digit lost, none read as another). The cell stays or is made
doubted (``scan_amount_reread``, its confidence at most ``amount_doubt_cap``: two readings disagree: its record goes to review, with the figure the ink gives) and the table warns
of it (``scan_amount_reread``: the first reading, the votes)."""

from __future__ import annotations

import numpy as np

from extract.model import Cell, Table
from extract.numbers import agreed_decimals, is_amount, printed_decimals
from extract.ocr import CropReader
from extract.reasons import reason
from extract.scancodes import most_read, reread_cell
from extract.settings import TABLE_SETTINGS, TableSettings


def reread_amounts(
    table: Table,
    clean: np.ndarray,
    crops: CropReader,
    unit_scale: float,
    settings: TableSettings = TABLE_SETTINGS,
) -> int:
    """``table``'s amount cells doubted with decimals other than their column's read again from
    ``clean`` (the page without its rulings; ``unit_scale`` its pixels per unit of the cells'
    boxes) and given the reading the variants agree on, as the module says; the number changed."""
    changed = 0
    for c in table.cells:
        if c.row < table.header_rows or not _misread(c):
            continue
        own = _decimals(c.text)
        wanted = _column_decimals(table, c, settings)
        if own is None or wanted is None or own == wanted and is_amount(c.text):
            continue
        readings = reread_cell(clean, c, crops, unit_scale, settings)
        top = most_read(["".join(text.split()) for text, _ in readings])
        if top is None:
            continue
        text, votes = top
        if (
            2 * votes <= len(readings)
            or not is_amount(text)
            or _decimals(text) != wanted
            or not _holds(_digits(text), _digits(c.text))
        ):
            continue
        why = reason(
            "scan_amount_reread",
            row=c.row,
            col=c.col,
            raw=c.text,
            text=text,
            votes=votes,
            variants=len(readings),
        )
        table.warnings.append(why)
        c.text = text
        c.doubt = c.doubt or why
        c.confidence = round(min(c.confidence, settings.amount_doubt_cap), 4)
        changed += 1
    return changed


def _misread(c: Cell) -> bool:
    """A cell doubted as an amount (``scan_amount_doubted``, or ``scan_amount_decimals``: an amount
    unlike its column's decimals) or printing an amount's characters that are no amount (7,187,2: a
    group cut short), undoubted."""
    if c.doubt is not None:
        return c.doubt.code in ("scan_amount_doubted", "scan_amount_decimals")
    return _decimals(c.text) is not None and not is_amount(c.text)


def _decimals(text: str) -> int | None:
    return printed_decimals("".join(text.split()))


def _column_decimals(table: Table, cell: Cell, settings: TableSettings) -> int | None:
    """The decimals the other amounts of ``cell``'s column print, when enough of them agree."""
    others = [
        d
        for c in table.cells
        if c.col == cell.col and c.row >= table.header_rows and c is not cell and c.doubt is None
        if (d := _decimals(c.text)) is not None
    ]
    return agreed_decimals(others, settings.amount_decimals_agree) if len(others) >= 2 else None


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _holds(longer: str, shorter: str) -> bool:
    """``longer`` is ``shorter`` with digits added (a digit the first reading lost), never fewer."""
    chars = iter(longer)
    return len(longer) > len(shorter) and all(ch in chars for ch in shorter)
