"""Group headings garbled beyond repair, named by their sibling groups (issue 17): a table that
prints the same column group several times side by side (the 三公 table's 上年 | 当年 | 增减变化情况,
each over 合计 | 一般公共预算拨款安排的“三公”经费预算 › 小计 | 因公出国（境）费用 | … | 会议费 | 培训费)
has the same heading over the same columns in each. Read at the recogniser's limit, a heading may
come out garbled beyond any repair on sight (八件实持的“三公”经费预算) while a sibling's reads as a
label (or is named by one). ``name_from_siblings`` gives the garbled heading its sibling's label
when

* the two cells span as many columns in the same header row, and every header cell under them
  reads alike, at the same offsets (the same sub-headings: the groups are one group printed twice);
* the sibling's text is a label of the vocabulary (``extract.vocabulary.HEADER_LABELS``); and
* the garbled reading is sound as that label: at least ``header_sibling_share`` of its
  characters are the label's, in its order (的“三公”经费预算 of 八件实持的“三公”经费预算).

A garbled heading over the same sub-headings as the two groups before it, whose every column is
the change from the first to the second (``extract.relations.is_change``: 增减 = 当年 − 上年, row
by row), is the change group: it takes the one label of ``extract.vocabulary.CHANGE_LABELS`` as
long as its reading (``name_change_group``; the code ``scan_header_change_named``).

The heading stays doubted (its confidence kept at most ``header_doubt_cap``, the code
``scan_header_sibling_named``): the items under it get their printed column path and go to review.
"""

from __future__ import annotations

from decimal import Decimal

from extract.model import Cell, Table
from extract.numbers import parse_amount
from extract.reasons import reason
from extract.relations import ZERO, is_change
from extract.settings import TABLE_SETTINGS, TableSettings
from extract.vocabulary import CHANGE_LABELS, HEADER_LABELS, compact

DOUBTED = frozenset({"scan_header_doubted"})  # scanheaders' codes of a heading it could not name


def _under(table: Table, head: Cell) -> dict[tuple[int, int], str]:
    """The header cells under ``head`` (rows below it, within its columns): (row, offset) → text."""
    return {
        (c.row, c.col - head.col): compact(c.text)
        for c in table.cells
        if head.row < c.row < table.header_rows and head.col <= c.col < head.col + head.colspan and c.text
    }


def common_chars(a: str, b: str) -> int:
    """The length of the longest common subsequence of ``a`` and ``b``: the characters of a garbled
    reading read as printed, in their order."""
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0]
        for j, cb in enumerate(b, 1):
            cur.append(prev[j - 1] + 1 if ca == cb else max(prev[j], cur[j - 1]))
        prev = cur
    return prev[-1]


def name_from_siblings(table: Table, settings: TableSettings = TABLE_SETTINGS) -> int:
    """``table``'s doubted group headings named by a sibling group's label, as the module says;
    the number named."""
    doubted = {(w.args["row"], w.args["col"]) for w in table.warnings if w.code in DOUBTED}
    heads = [c for c in table.cells if c.row < table.header_rows and c.colspan > 1 and c.text]
    named = 0
    for c in heads:
        if (c.row, c.col) not in doubted:
            continue
        raw = compact(c.text)
        mine = _under(table, c)
        if len(mine) < 2:
            continue
        for sib in heads:
            label = compact(sib.text)
            if (
                sib is c
                or sib.row != c.row
                or sib.colspan != c.colspan
                or (sib.row, sib.col) in doubted
                or label not in HEADER_LABELS
                or _under(table, sib) != mine
                or common_chars(raw, label) < settings.header_sibling_share * len(raw)
            ):
                continue
            table.warnings.append(
                reason(
                    "scan_header_sibling_named",
                    row=c.row,
                    col=c.col,
                    raw=c.text,
                    label=label,
                    sibling=sib.col,
                )
            )
            c.text = label
            c.confidence = round(min(c.confidence, settings.header_doubt_cap), 4)
            named += 1
            break
    return named


def _values(table: Table, head: Cell) -> list[Decimal] | None:
    """The body's amounts under ``head``, row by row and column by column (blank: 0); None when
    a cell there holds no amount."""
    out: list[Decimal] = []
    for r in range(table.header_rows, table.n_rows):
        for k in range(head.col, head.col + head.colspan):
            cell = table.cell(r, k)
            text = cell.text.strip() if cell is not None else ""
            v = parse_amount(text) if text else ZERO
            if v is None:
                return None
            out.append(v)
    return out


def name_change_group(table: Table, settings: TableSettings = TABLE_SETTINGS) -> int:
    """``table``'s doubted group headings named as the change group, as the module says; the number
    named."""
    doubted = {(w.args["row"], w.args["col"]) for w in table.warnings if w.code in DOUBTED}
    heads = sorted(
        (c for c in table.cells if c.row < table.header_rows and c.colspan > 1 and c.text),
        key=lambda c: (c.row, c.col),
    )
    named = 0
    for c in heads:
        raw = compact(c.text)
        if (c.row, c.col) not in doubted or len(_under(table, c)) < 2:
            continue
        before = [
            s
            for s in heads
            if s.row == c.row
            and s.col < c.col
            and s.colspan == c.colspan
            and (s.row, s.col) not in doubted
            and _under(table, s) == _under(table, c)
        ]
        labels = [label for label in CHANGE_LABELS if len(label) == len(raw)]
        if len(before) < 2 or len(labels) != 1:
            continue
        first, second, mine = (_values(table, h) for h in (before[-2], before[-1], c))
        if first is None or second is None or mine is None or not is_change(first, second, mine):
            continue
        table.warnings.append(
            reason(
                "scan_header_change_named",
                row=c.row,
                col=c.col,
                raw=c.text,
                label=labels[0],
                first=before[-2].text,
                second=before[-1].text,
            )
        )
        c.text = labels[0]
        c.confidence = round(min(c.confidence, settings.header_doubt_cap), 4)
        named += 1
    return named
