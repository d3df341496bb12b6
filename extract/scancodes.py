"""Classification codes of scanned tables split over 类 | 款 | 项 columns (issue 17): a code cell the
recogniser read as no code (口 for the 11 of 21011: two thin strokes read as one character) leaves
the row without its code — ``extract.codes.split_parts`` takes a part that is no number for a label
printed across the code columns (合计) — and its items were auto-accepted nameless of their code.
Such a cell (no number, and no label of two characters or more) doubts its row: the row's records
go to review. Only OCR'd cells (confidence below 1.0) are looked at: a text layer is read as printed.
"""

from __future__ import annotations

import re

from extract.codes import SPLIT_PART_HEADERS, clean_code
from extract.model import Table
from extract.reasons import reason

_NUMBER = re.compile(r"^\d+$")
_LABEL = re.compile(r"^[\u4e00-\u9fff]{2,}$")  # a label printed across the code columns: 合计, 总计


def check_split_codes(table: Table) -> int:
    """``table``'s body rows whose OCR'd 类/款/项 cell is read as no code given a reason
    (``table.row_issues``, code ``scan_code_unread``); the number of rows doubted."""
    parts = {
        k
        for c in table.cells
        if c.row < table.header_rows and "".join(c.text.split()) in SPLIT_PART_HEADERS
        for k in range(c.col, c.col + c.colspan)
    }
    doubted = 0
    for c in sorted(table.cells, key=lambda c: (c.row, c.col)):
        if c.row < table.header_rows or c.col not in parts or c.colspan > 1 or c.confidence >= 1.0:
            continue
        text = clean_code(c.text)
        if not text or _NUMBER.match(text) or _LABEL.match(text) or c.row in table.row_issues:
            continue
        table.row_issues[c.row] = reason("scan_code_unread", row=c.row, col=c.col, raw=c.text)
        doubted += 1
    return doubted
