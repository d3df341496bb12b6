"""Text exports whose figures break after every glyph, their lines rebuilt.

Some PDFs place each half-width glyph (digits, separators, brackets, quotes) on its own, and
``pdftotext -raw`` then ends a line after each: a figure's first glyph stays with the text
before it on its row, its last glyph with the text after it, and every glyph between stands on
a line of its own::

    合 计 1            ->   合 计 168,441.81 合 计 1 …
    6
    8
    ,
    …
    8
    1 合 计 1

A code at a row's start stands wholly on one-glyph lines (``2`` ``0`` ``6`` … ``4 实验室``), and
a figure ending its row leaves its last glyph alone (``…`` ``0`` ``0`` then the next row). Such an
export is recognised by its share of lines holding one half-width glyph
(``TableSettings.glyph_lines_share``); its lines are then joined back where a figure goes on:
a line ending in a figure that is not complete yet meets a line that begins with a single figure
glyph (a one-glyph line, or the glyph before a space or other text). A figure is complete when
it has as many decimals as the document's figures print, or a thousands group of three is
followed by a digit; so ``210.00`` followed by the ``2`` of the next row's code stays apart. An
opening bracket or quote is joined to what it opens, a closing one to what it closes.

``rebuild_glyph_lines(lines, pages)`` is the entry: the lines as they were when the export shows
no such breaks, else the rebuilt lines, each on the page of its first part (never joined over a
page break), and the number of line breaks removed.
"""

from __future__ import annotations

import re
from collections import Counter

from extract.settings import TABLE_SETTINGS, TableSettings

_GLYPH_LINE = re.compile(r"^[!-~“”‘’]$")  # one half-width glyph
_FIGURE_GLYPHS = "0123456789,."
_TRAILING_FIGURE = re.compile(r"-?\d[\d,.]*$")  # the figure a line ends with, as far as it goes
_LEADING_FIGURE = re.compile(r"^[\d,.]+")
_OPENERS = ("(", "（", "“", "‘", "[")
_CLOSERS = (")", "）", "”", "’", "]")
DEFAULT_DECIMALS = 2


def is_glyph_export(lines: list[str], settings: TableSettings = TABLE_SETTINGS) -> bool:
    """Whether most of the export's printed lines hold one half-width glyph each (see the module)."""
    printed = [s for s in (line.strip() for line in lines) if s]
    glyphs = sum(1 for s in printed if _GLYPH_LINE.match(s))
    return glyphs >= settings.glyph_lines_min and glyphs >= settings.glyph_lines_share * len(printed)


def printed_decimals(lines: list[str]) -> int:
    """The decimals the export's broken figures print: after each one-glyph ``.`` line, the
    one-digit lines that follow, and the digit that begins the next line before its space or text;
    the most common count (``DEFAULT_DECIMALS`` when no figure has a decimal point)."""
    counts: Counter[int] = Counter()
    stripped = [line.strip() for line in lines]
    for i, s in enumerate(stripped):
        if s != ".":
            continue
        k, j = 0, i + 1
        while j < len(stripped) and len(stripped[j]) == 1 and stripped[j].isdigit():
            k, j = k + 1, j + 1
        lead = _LEADING_FIGURE.match(stripped[j]) if j < len(stripped) else None
        if lead is not None and len(lead.group()) == 1:
            k += 1  # the last decimal went on with the text after it on its row
        if k:
            counts[k] += 1
    return counts.most_common(1)[0][0] if counts else DEFAULT_DECIMALS


def figure_goes_on(figure: str, glyph: str, decimals: int) -> bool:
    """Whether ``glyph`` can continue ``figure`` (the figure a line ends with): not past its
    decimals, not a fourth digit in a thousands group, one decimal point, separators between
    digits only."""
    if glyph not in _FIGURE_GLYPHS or figure.endswith((",", "-")) and not glyph.isdigit():
        return False
    whole, point, fraction = figure.partition(".")
    if point:
        return glyph.isdigit() and len(fraction) < decimals
    groups = whole.lstrip("-").split(",")
    if glyph == ",":
        return len(groups[-1]) <= 3 and (len(groups) == 1 or len(groups[-1]) == 3)
    if glyph == ".":
        return len(groups) == 1 or len(groups[-1]) == 3
    return len(groups) == 1 or len(groups[-1]) < 3


def _joined(before: str, line: str, decimals: int) -> str | None:
    """``before`` with ``line`` joined on where ``line`` goes on the line ``before`` ends (see the
    module), else None. Two figures printed close together share a line (``8`` ``11`` ``5``: the
    last decimal of one and the first digit of the next): when the first glyph completes the
    figure, the rest begins the next one, after a space."""
    head, tail = before.rstrip(), line.strip()
    if not head or not tail:
        return None
    if head.endswith(_OPENERS) or tail.startswith(_CLOSERS):
        return head + tail
    figure = _TRAILING_FIGURE.search(head)
    lead = _LEADING_FIGURE.match(tail)
    if figure is None or lead is None or not figure_goes_on(figure.group(), tail[0], decimals):
        return None
    if len(lead.group()) == 1:
        return head + tail
    if is_complete(figure.group() + tail[0], decimals):
        return f"{head}{tail[0]} {tail[1:]}"
    return None


def is_complete(figure: str, decimals: int) -> bool:
    """Whether ``figure`` prints all its decimals."""
    whole, point, fraction = figure.partition(".")
    return bool(point) and len(fraction) == decimals


def rebuild_glyph_lines(
    lines: list[str], pages: list[int], settings: TableSettings = TABLE_SETTINGS
) -> tuple[list[str], list[int], int]:
    """(lines, page of each line, line breaks removed): see the module."""
    if not is_glyph_export(lines, settings):
        return lines, pages, 0
    decimals = printed_decimals(lines)
    out: list[str] = []
    out_pages: list[int] = []
    joined = 0
    for line, page in zip(lines, pages, strict=True):
        text = _joined(out[-1], line, decimals) if out and out_pages[-1] == page else None
        if text is not None:
            out[-1] = text
            joined += 1
        else:
            out.append(line)
            out_pages.append(page)
    return out, out_pages, joined
