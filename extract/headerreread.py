"""Doubted header cells of scanned tables read again from the page (issue 17).

A header label the recogniser misread into a near character (项日 for 项目: 日 and 目 differ by
one stroke; at 150 dpi, read with the cell's line, 湖州's 收支总表 p. 33 gave 项日 at 0.77) is no
label and too short to repair on sight (``extract.scanheaders``: doubted, its items — the whole
支出 side — were named by the 收入 side's names and sent to review). Such a cell is read again
from its ink alone, cut to its print inside its walls and prepared the sound ways a code cell is
(``extract.scancodes.reread_cell``: ``cell_ink``, ``code_variants``). The cell is repaired only with evidence:
the reading most variants give (more than half of them, and more than any other) is a label of
the vocabulary (``extract.vocabulary.HEADER_LABELS``) that the first reading is a misreading of,
character for character (``extract.vocabulary.misread_chars``: the label's length, characters
read as others one by one, one of them or at most ``header_near_ratio`` of them). The repair is kept as the
table's warning (``scan_header_reread``: the first reading, its confidence, the votes) and the
cell's confidence is the re-reading's least sure one lowered by ``header_repair_penalty``. Any
other cell keeps its reading and its doubt (the items under it go to review).
"""

from __future__ import annotations

import numpy as np

from extract.model import Table
from extract.ocr import CropReader
from extract.reasons import reason
from extract.scancodes import most_read, reread_cell
from extract.settings import TABLE_SETTINGS, TableSettings
from extract.vocabulary import HEADER_LABELS, compact, misread_chars

# scanheaders' codes of a header cell kept as read and doubted (read again here)
DOUBTED_AS_READ = frozenset({"scan_header_doubted", "scan_header_short_doubted", "scan_header_near_doubted"})


def reread_headers(
    table: Table,
    page: np.ndarray,
    crops: CropReader,
    unit_scale: float = 1.0,
    settings: TableSettings = TABLE_SETTINGS,
) -> int:
    """``table``'s header cells doubted as read (``DOUBTED_AS_READ``) read again from ``page`` (the
    upright, deskewed page; ``unit_scale`` its pixels per unit of the cells' boxes) and repaired
    where the readings agree on a label, as the module says; the number repaired."""
    doubts = {
        (int(w.args["row"]), int(w.args["col"])): i
        for i, w in enumerate(table.warnings)
        if w.code in DOUBTED_AS_READ
    }
    repaired: set[int] = set()
    for (row, col), index in sorted(doubts.items()):
        c = table.cell(row, col)
        if c is None or c.bbox is None or c.row >= table.header_rows:
            continue
        raw = compact(c.text)
        readings = reread_cell(page, c, crops, unit_scale, settings)
        top = most_read([compact(text) for text, _ in readings])
        if top is None:
            continue
        label, votes = top
        if (
            label not in HEADER_LABELS
            or label == raw
            or 2 * votes <= len(readings)
            or not misread_chars(raw, label, max(settings.header_near_ratio, 1 / len(label)))
        ):
            continue
        sure = [conf for text, conf in readings if compact(text) == label]
        first = table.warnings[index]
        table.warnings[index] = reason(
            "scan_header_reread",
            row=row,
            col=col,
            raw=c.text,
            label=label,
            confidence=first.args.get("confidence", round(c.confidence, 2)),
            votes=votes,
            variants=len(readings),
        )
        c.text = label
        c.confidence = round(min(sure) * (1.0 - settings.header_repair_penalty), 4)
        repaired.add(index)
    if repaired and table.cells:
        table.confidence = round(min(c.confidence for c in table.cells), 4)
    return len(repaired)
