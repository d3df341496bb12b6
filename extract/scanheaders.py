"""Header cells of scanned tables read right: a header the recogniser misread by a character or
two (基支出, 年收入合订) is repaired to the nearest label of the domain's vocabulary
(``extract.vocabulary.nearest_header_label``) — on sight only for one character left out (faint
print), else only where the recogniser hesitated (below ``header_substitute_confidence``): a clear
reading two characters short of a label (人员支出 beside 人员经费支出) is a label of its own —, the
evidence kept (the raw reading and the edits in a reader warning on the table, the cell's
confidence lowered by ``header_repair_penalty`` per edit); a header no label is near and the recogniser doubts (below ``header_doubt_confidence``)
keeps its reading, a warning and a confidence capped at ``header_doubt_cap``, so the items under
it go to review (a record's confidence counts its column's header cells); so does a header of two
characters one character from a label of two (小让 for 小计), however clearly read: too short to
repair, too near a label to trust — named by that label, still doubted, only when it is a
total word (小让 for 小计) and its column adds up as that total row by row, or a name label (项日 for a
spaced-out 项目: ``extract.vocabulary.NAME_HEADERS``) over a column of item names only (at least
``header_names_below_min``, all Chinese text, no amount), when left doubted after the cell is
read again from its ink (``name_columns_of_names``: ``scan_header_short_named``). A header read as one
character of a label of two (合 for 合计: ``extract.vocabulary.truncated_label``, the recogniser lost
the other) is never a column of its own: a total word whose column adds up as that total row by
row is repaired to it with the evidence kept (``scan_header_truncated_repaired``), anything else is
doubted (``scan_header_truncated_doubted``). A total word read with a
rule's stroke after it (合计一) is the label, repaired with the evidence kept as any repair. In a table in small print read from a finer file's pixels
(``extract.smallprint.REREAD``) every header no label is near is doubted, however clearly read.
A doubted header garbled beyond those few edits but within ``header_far_ratio`` of one long label
only (``extract.vocabulary.far_header_label``: a group heading in small print) is named by that
label and stays doubted (``scan_header_repaired_doubted``): its items get their column right and
still go to review. Any other header no label itself that is a misreading of one and not
repaired to it (``extract.vocabulary.misread_chars``: the label's length, characters read as
others one by one, at most ``header_near_ratio`` of them; read clearly: 财政发款收人 for 财政拨款收入)
is doubted (``scan_header_near_doubted``): too near a label to trust as read. A label with words
more, fewer or other is a region's own (人员支出, 经济科目), printed as read."""

from __future__ import annotations

import re

from extract.headerreread import DOUBTED_AS_READ
from extract.model import Cell, Table
from extract.numbers import parse_amount
from extract.reasons import reason
from extract.relations import ZERO, last_digit, sum_verdict
from extract.settings import TABLE_SETTINGS, TableSettings
from extract.smallprint import READ_AT_LIMIT
from extract.vocabulary import (
    NAME_HEADERS,
    SPECK_INSIDE,
    SPECK_MARKS,
    TOTAL_WORDS,
    far_header_label,
    near_header_label,
    nearest_header_label,
    short_label_near,
    strip_total_stroke,
    truncated_label,
)

# a header cell holding a label (not a year, a number or a column number)
_LABEL_LIKE = re.compile(r"[\u4e00-\u9fff]{2,}")


def repair_headers(table: Table, settings: TableSettings = TABLE_SETTINGS) -> int:
    """``table``'s recognised header cells repaired or doubted in place; the number changed."""
    changed = 0
    # a table read at the recogniser's limit (small print) trusts no header on its confidence alone
    doubt_below = (
        1.0 if any(w.code in READ_AT_LIMIT for w in table.warnings) else settings.header_doubt_confidence
    )
    for c in table.cells:
        if c.row >= table.header_rows or c.confidence >= 1.0:
            continue
        if (whole := truncated_label("".join(c.text.split()))) is not None:
            _truncated(table, c, whole, settings)
            changed += 1
            continue
        if not _LABEL_LIKE.search(c.text):
            continue
        raw = c.text
        if (speck := SPECK_INSIDE.search(raw)) is not None and nearest_header_label(raw) is None:
            # 政府.采购: a speck between two characters, read clearly; no label of the vocabulary is near
            table.warnings.append(
                reason("scan_header_speck_doubted", row=c.row, col=c.col, raw=raw, mark=speck.group(1))
            )
            c.confidence = round(min(c.confidence, settings.header_doubt_cap), 4)
            changed += 1
            continue
        stroke = strip_total_stroke(raw)
        if stroke is not None and nearest_header_label(stroke) == (stroke, 0):
            # 合计一: a rule's stroke after the total word, read as a character; the label as printed
            c.text = stroke
            c.confidence = round(c.confidence * (1.0 - settings.header_repair_penalty), 4)
            table.warnings.append(
                reason("scan_header_total_stroke", row=c.row, col=c.col, raw=raw, label=stroke)
            )
            changed += 1
            continue
        found = nearest_header_label(raw)
        # a character left out is what faint print does; a character read as another, or more than one
        # left out, must come with the recogniser's hesitation (经费支出 read clearly is no 经营支出;
        # 人员支出 read clearly is printed so, not 人员经费支出 with two characters lost)
        if (
            found is not None
            and found[1] > 0
            and (
                (
                    found[1] == 1
                    and (
                        _subsequence("".join(raw.split()), found[0])
                        or _speck_after("".join(raw.split()), found[0])
                    )
                )
                or c.confidence < settings.header_substitute_confidence
            )
        ):
            label, distance = found
            c.text = label
            c.confidence = round(c.confidence * (1.0 - settings.header_repair_penalty * distance), 4)
            table.warnings.append(
                reason("scan_header_repaired", row=c.row, col=c.col, raw=raw, label=label, distance=distance)
            )
            changed += 1
        elif (
            found is None
            and c.confidence < doubt_below
            and (far := far_header_label(raw, settings.header_far_ratio, settings.header_far_min_chars))
        ):
            # garbled beyond repair on sight, but one long label only is near: its name, still a doubt
            label, distance = far
            c.text = label
            c.confidence = round(min(c.confidence, settings.header_doubt_cap), 4)
            table.warnings.append(
                reason(
                    "scan_header_repaired_doubted",
                    row=c.row,
                    col=c.col,
                    raw=raw,
                    label=label,
                    distance=distance,
                    confidence=round(c.confidence, 2),
                )
            )
            changed += 1
        elif found is None and c.confidence < doubt_below:
            table.warnings.append(
                reason(
                    "scan_header_doubted", row=c.row, col=c.col, raw=raw, confidence=round(c.confidence, 2)
                )
            )
            c.confidence = round(min(c.confidence, settings.header_doubt_cap), 4)
            changed += 1
        elif found is None and (near := short_label_near("".join(raw.split()))):
            # too short to repair (收入 / 支出 are one character apart), too near a label to trust:
            # a total word only is named, when the column adds up as that total, and stays doubted
            if near in TOTAL_WORDS and _adds_up(table, c):
                c.text = near
                code = "scan_header_short_repaired"
            else:
                code = "scan_header_short_doubted"
            table.warnings.append(reason(code, row=c.row, col=c.col, raw=raw, label=near))
            c.confidence = round(min(c.confidence, settings.header_doubt_cap), 4)
            changed += 1
        elif (near := near_header_label(raw, settings.header_near_ratio)) is not None:
            # read clearly, yet a misreading of a label (财政发款收人 for 财政拨款收入): not repaired on
            # sight, not trusted as read either: its items go to review
            label, distance = near
            table.warnings.append(
                reason(
                    "scan_header_near_doubted", row=c.row, col=c.col, raw=raw, label=label, distance=distance
                )
            )
            c.confidence = round(min(c.confidence, settings.header_doubt_cap), 4)
            changed += 1
    if changed and table.cells:
        table.confidence = round(min(c.confidence for c in table.cells), 4)
    return changed


def _truncated(table: Table, c: Cell, whole: str, settings: TableSettings) -> None:
    """A header read as one character of a label of two (合 for 合计: the recogniser lost the other):
    a total word whose column adds up as that total row by row is that label, repaired with the
    evidence kept; any other stays as read and is doubted (its items go to review) — never a
    column of its own."""
    raw = c.text
    if whole in TOTAL_WORDS and _adds_up(table, c):
        c.text = whole
        c.confidence = round(c.confidence * (1.0 - settings.header_repair_penalty), 4)
        table.warnings.append(
            reason("scan_header_truncated_repaired", row=c.row, col=c.col, raw=raw, label=whole)
        )
        return
    table.warnings.append(reason("scan_header_truncated_doubted", row=c.row, col=c.col, raw=raw, label=whole))
    c.confidence = round(min(c.confidence, settings.header_doubt_cap), 4)


def _adds_up(table: Table, head: Cell) -> bool:
    """Does the column under header cell ``head`` hold its row's total: in every body row printing
    it and its parts, the sum of the columns under the next cell of ``head``'s row when that cell
    spans several (a 其中 group), else of every column right of it (within one unit of the last
    printed digit); at least two such rows, one of them with two parts not zero."""
    col = head.col + head.colspan - 1
    nxt = min(
        (c for c in table.cells if c.row == head.row and c.col > col), key=lambda c: c.col, default=None
    )
    groups = [range(nxt.col, nxt.col + nxt.colspan)] if nxt is not None and nxt.colspan > 1 else []
    groups.append(range(col + 1, table.n_cols))
    body = [r for r in range(table.header_rows, table.n_rows)]
    for parts in groups:
        holds = fails = mixed = 0
        for r in body:
            total_cell = table.cell(r, head.col)
            total = parse_amount(total_cell.text) if total_cell is not None else None
            texts = [(table.cell(r, k).text if table.cell(r, k) is not None else "") for k in parts]
            values = [parse_amount(t) if t.strip() else ZERO for t in texts]
            if total is None or any(v is None for v in values):
                continue
            verdict, _ = sum_verdict(total, values, last_digit(total_cell.text))  # type: ignore[union-attr]
            holds, fails = holds + (verdict != "fails"), fails + (verdict == "fails")
            mixed += verdict != "fails" and sum(1 for v in values if v) >= 2
        if holds >= 2 and fails == 0 and mixed:
            return True
    return False


def name_columns_of_names(table: Table, settings: TableSettings = TABLE_SETTINGS) -> int:
    """``table``'s header cells left doubted as read (after ``extract.headerreread``) that are two
    characters one character from a name label (项日 for a spaced-out 项目: ``NAME_HEADERS``) over
    a column of item names only (``_names_below``) named by that label, the doubt's warning replaced
    by ``scan_header_short_named`` (the reading kept) and the cell's confidence kept at most
    ``header_doubt_cap``; the number named. The names' column is then the side's: its amounts are
    named by it, not by another side's names."""
    named = 0
    for i, w in enumerate(table.warnings):
        if w.code not in DOUBTED_AS_READ:
            continue
        c = table.cell(int(w.args["row"]), int(w.args["col"]))
        if c is None or c.row >= table.header_rows:
            continue
        near = short_label_near("".join(c.text.split()))
        if near not in NAME_HEADERS or not _names_below(table, c, settings):
            continue
        table.warnings[i] = reason("scan_header_short_named", row=c.row, col=c.col, raw=c.text, label=near)
        c.text = near
        c.confidence = round(min(c.confidence, settings.header_doubt_cap), 4)
        named += 1
    return named


def _names_below(table: Table, head: Cell, settings: TableSettings) -> bool:
    """Does the column under header cell ``head`` hold item names: at least
    ``header_names_below_min`` body cells printed, every one of them Chinese text and no amount."""
    texts = [
        "".join(c.text.split())
        for c in table.cells
        if c.row >= table.header_rows and c.col == head.col and c.text.strip()
    ]
    return len(texts) >= settings.header_names_below_min and all(
        _LABEL_LIKE.search(t) and parse_amount(t) is None for t in texts
    )


def _speck_after(raw: str, label: str) -> bool:
    """``raw`` is ``label`` and one digit after it (a speck or a footnote mark read as a digit), or
    ``label`` with one speck's mark (``SPECK_MARKS``: a dot, a tick) anywhere in it."""
    if raw[:-1] == label and raw[-1:].isdigit():
        return True
    return len(raw) == len(label) + 1 and any(
        ch in SPECK_MARKS and raw[:i] + raw[i + 1 :] == label for i, ch in enumerate(raw)
    )


def _subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(ch in chars for ch in short)
