"""Classification codes of scanned tables split over 类 | 款 | 项 columns (issue 17): a code cell the
recogniser read as no code (口 for the 11 of 21011: two thin strokes read as one character) leaves
the row without its code — ``extract.codes.split_parts`` takes a part that is no number for a label
printed across the code columns (合计) — and its items were auto-accepted nameless of their code.
Such a cell (no number, and no label of two characters or more) doubts its row: the row's records
go to review. Only OCR'd cells (confidence below 1.0) are looked at: a text layer is read as printed.

A part cell read as no code of its column's length — nothing where print is (``scan_print_unread``),
no number, or a number short of the column's digits — is read again from the page, its crop prepared
several sound ways (``code_variants``: 烟台's 11 of 21011 at 150 dpi, two bare pale strokes, reads 11
stretched, thickened and ×2 / ×3); the reading most variants give is taken, the row still doubted
(``scan_code_reread``) until the classifier finds the row's printed name is the dictionary's for the
code it makes (``classify.reread_codes``).
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from extract.codes import SPLIT_PART_HEADERS, clean_code, code_kind
from extract.model import Cell, Table
from extract.ocr import CropReader
from extract.reasons import reason
from extract.settings import TABLE_SETTINGS, TableSettings

_NUMBER = re.compile(r"^\d+$")
_LABEL = re.compile(r"^[\u4e00-\u9fff]{2,}$")  # a label printed across the code columns: 合计, 总计


def check_split_codes(table: Table) -> int:
    """``table``'s body rows whose OCR'd 类/款/项 cell is read as no code given a reason
    (``table.row_issues``, code ``scan_code_unread``); the number of rows doubted."""
    parts = part_columns(table)
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


def check_code_column(table: Table) -> int:
    """``table``'s body rows whose OCR'd cell in a code column (most of its body cells are codes,
    ``extract.codes.code_kind``) is a code with a mark beside it (.2120101, 2120201.: a speck of the
    scan by its figures) given a reason (``scan_code_unread``): the row's records lost their code
    and were auto-accepted by their name alone. The number of rows doubted."""
    body: dict[int, list[Cell]] = {}
    for c in table.cells:
        if c.row >= table.header_rows and c.colspan == 1 and c.text.strip():
            body.setdefault(c.col, []).append(c)
    doubted = 0
    for cells in body.values():
        if 2 * sum(code_kind(c.text) is not None for c in cells) <= len(cells):
            continue
        for c in sorted(cells, key=lambda c: c.row):
            if c.confidence >= 1.0 or code_kind(c.text) is not None or c.row in table.row_issues:
                continue
            if code_kind(_MARKS.sub("", c.text)) is not None:
                table.row_issues[c.row] = reason("scan_code_unread", row=c.row, col=c.col, raw=c.text)
                doubted += 1
    return doubted


_MARKS = re.compile(r"^[^\w\u4e00-\u9fff]+|[^\w\u4e00-\u9fff]+$")  # marks before and after a cell's print


# ---------------------------------------------------------------- code cells read again (issue 17)

Box = tuple[float, float, float, float]


def part_columns(table: Table) -> dict[int, str]:
    """The table's 类/款/项 columns → the part each holds ('类', '款' or '项')."""
    return {
        k: "".join(c.text.split())
        for c in table.cells
        if c.row < table.header_rows and "".join(c.text.split()) in SPLIT_PART_HEADERS
        for k in range(c.col, c.col + c.colspan)
    }


def column_code_lengths(table: Table, parts: dict[int, str]) -> dict[int, int]:
    """Each part column's code length: the length most of its OCR'd body cells' numbers have (a
    type's 类 3 digits, 款 and 项 2); a column with no number has none."""
    out: dict[int, int] = {}
    for col in parts:
        lengths = [
            len(t)
            for c in table.cells
            if c.col == col and c.row >= table.header_rows and c.colspan == 1
            for t in [clean_code(c.text)]
            if _NUMBER.match(t)
        ]
        if lengths:
            out[col] = max(set(lengths), key=lambda n: (lengths.count(n), n))
    return out


def code_cells_to_reread(table: Table) -> list[tuple[int, int, int]]:
    """The OCR'd part cells whose reading is no code of their column's length — read as nothing
    while print is there (``scan_print_unread`` on the cell), as no number (``scan_code_unread``) or
    as a number shorter than the column's codes — as (row, col, the column's code length)."""
    parts = part_columns(table)
    lengths = column_code_lengths(table, parts)
    out: list[tuple[int, int, int]] = []
    for c in sorted(table.cells, key=lambda c: (c.row, c.col)):
        if c.row < table.header_rows or c.col not in lengths or c.colspan > 1:
            continue
        issue = table.row_issues.get(c.row)
        text = clean_code(c.text)
        flagged = issue is not None and issue.code in UNREAD and dict(issue.params).get("col") == c.col
        # a cell read as nothing has no reading's confidence; a read one below 1.0 is OCR'd
        short = c.confidence < 1.0 and bool(_NUMBER.match(text)) and len(text) < lengths[c.col]
        if flagged or short:
            out.append((c.row, c.col, lengths[c.col]))
    return out


# the reader's reasons for a part cell whose print gave no code (``layout`` makes the second) …
UNREAD = ("scan_code_unread", "scan_print_unread")
REREAD = "scan_code_reread"  # … and for one whose code was read again (the row waits for its name)


def code_variants(sub: np.ndarray) -> list[np.ndarray]:
    """A code cell's crop (grey, its walls cut off) prepared the sound ways a thin, pale stroke is
    read by: as it is and with its grey range stretched to black and white; each as it is and with
    its ink thickened (a 2×2 minimum: the paper eroded), at its size and upscaled ×2 and ×3 with
    sharpening; and binarised at the crop's own Otsu threshold."""
    import cv2

    kernel = np.ones((2, 2), np.uint8)
    out: list[np.ndarray] = []
    for base in (sub, cv2.normalize(sub, None, 0, 255, cv2.NORM_MINMAX)):
        for img in (base, cv2.erode(base, kernel)):
            out.append(img)
            for k in (2, 3):
                big = cv2.resize(img, None, fx=k, fy=k, interpolation=cv2.INTER_CUBIC)
                blur = cv2.GaussianBlur(big, (0, 0), k * 0.6)
                out.append(cv2.addWeighted(big, 1.6, blur, -0.6, 0))
    _, otsu = cv2.threshold(sub, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    out.append(otsu)
    return out


def cell_ink(clean: np.ndarray, box: Box, settings: TableSettings = TABLE_SETTINGS) -> np.ndarray | None:
    """The cell ``box``'s crop of ``clean`` inside its walls, cut to its print (pixels more than
    ``faint_ink_levels`` darker than its paper) with the page's pixels around it: half the print's
    height above and below, its height either side (a pale serif or flag is kept); None when it
    holds no ink."""
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    sub = clean[y0 + 2 : y1 - 1, x0 + 2 : x1 - 1]
    if sub.size == 0:
        return None
    paper = float(np.percentile(sub, 90))
    dark = sub < min(paper - settings.faint_ink_levels, (float(sub.min()) + paper) / 2)
    rows, cols = np.flatnonzero(dark.any(axis=1)), np.flatnonzero(dark.any(axis=0))
    if rows.size == 0:
        return None
    h = rows[-1] - rows[0] + 1
    m = max(3, h // 2)
    y0, y1 = max(0, rows[0] - m), min(sub.shape[0], rows[-1] + m + 1)
    x0, x1 = max(0, cols[0] - h), min(sub.shape[1], cols[-1] + h + 1)
    return sub[y0:y1, x0:x1]


def reread_cell(
    page: np.ndarray,
    cell: Cell,
    crops: CropReader,
    unit_scale: float,
    settings: TableSettings = TABLE_SETTINGS,
) -> list[tuple[str, float]]:
    """``cell``'s print cut from ``page`` (``cell_ink``; ``unit_scale`` the page's pixels per unit
    of the cell's box) read the ways ``code_variants`` prepares it: (text, confidence) per variant;
    none when the cell has no box or no ink."""
    if cell.bbox is None:
        return []
    sub = cell_ink(page, tuple(v * unit_scale for v in cell.bbox), settings)  # type: ignore[arg-type]
    return crops(code_variants(sub)) if sub is not None else []


def most_read(keys: list[str]) -> tuple[str, int] | None:
    """The key most of a cell's readings give (``keys``, one per reading), and more than any
    other, with the number giving it; None when there is none or two tie."""
    counts = Counter(keys).most_common(2)
    if not counts or (len(counts) > 1 and counts[1][1] == counts[0][1]):
        return None
    return counts[0]


def reread_codes(
    table: Table,
    clean: np.ndarray,
    crops: CropReader,
    unit_scale: float,
    settings: TableSettings = TABLE_SETTINGS,
) -> int:
    """The part cells of ``table`` read as no code of their column's length (``code_cells_to_reread``)
    read again from ``clean`` (the page without its rulings, ``unit_scale`` its pixels per unit of
    the cells' boxes), prepared as ``code_variants`` prepares them. The number of the column's
    length that most readings give, and more than any other, is taken for the cell: the row stays
    doubted (``scan_code_reread``: the classifier lets it stand when the row's name is the
    dictionary's for the code it makes) and the table warns of it. A cell read short that no reading
    lengthens is doubted as unread (a short part is no code: ``1`` is not taken for ``01``). A row
    doubted for another cell keeps that doubt. The number of cells changed."""
    changed = 0
    for row, col, length in code_cells_to_reread(table):
        c = table.cell(row, col)
        if c is None or c.bbox is None:
            continue
        readings = reread_cell(clean, c, crops, unit_scale, settings)
        keys = [k for text, _ in readings if _NUMBER.match(k := clean_code(text)) and len(k) == length]
        top = most_read(keys)
        if top is not None:
            chosen, votes = top
            why = reason(
                REREAD, row=row, col=col, raw=c.text, text=chosen, votes=votes, variants=len(readings)
            )
            issue = table.row_issues.get(row)
            if issue is None or (issue.code in UNREAD and dict(issue.params).get("col") == col):
                table.row_issues[row] = why
            table.warnings.append(why)
            c.text = chosen
            changed += 1
        elif row not in table.row_issues:
            table.row_issues[row] = reason("scan_code_unread", row=row, col=col, raw=c.text)
    return changed
