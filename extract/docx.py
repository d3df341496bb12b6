"""Word-processor documents (.docx) → ``Document``: their tables and paragraphs, in order.

``read_docx(path)`` reads the document body with python-docx, paragraph by paragraph and table by
table, into one ``extract.sheets.SheetGrid``: a paragraph is a row of one cell, a table's rows are
rows of the grid with their merged cells (``w:gridSpan`` across, ``w:vMerge`` down) as merged
ranges, and each ``<w:tbl>`` is a known table region. ``extract.sheets`` then gives each table its
title, label and unit from the paragraphs above it, its notes from the 注：paragraphs below it, its
spanning cells and its header rows (the merged header, else counted as the text readers count
them, ``extract.headers`` — the one-cell-per-line seeds 001 and 003 are text exports of such
files, read by ``extract.cellperline`` with the same header rules).

A table that prints text in one column only (a box around prose) is not a table. Paragraphs
outside tables — the cover, 编制说明, 名词解释 — are document text (``Document.lines``), where the
metadata step finds the department and year and a narrative check can read them. The document has
one page (a .docx does not fix its page breaks).
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from extract.headers import count_header_rows
from extract.model import Document, Page, ReadError
from extract.reasons import reason
from extract.sheets import Merge, SheetGrid, place_table, split_blocks

__all__ = ["read_docx", "is_document_zip"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def is_document_zip(names: set[str]) -> bool:
    """An Office Open XML word-processing document: [Content_Types].xml and word/document.xml."""
    return "[Content_Types].xml" in names and "word/document.xml" in names


def _paragraph_text(p: object) -> str:
    return "".join(t.text or "" for t in p.iter(f"{_W}t")).strip()  # type: ignore[attr-defined]


def _cell_text(tc: object) -> str:
    parts = [_paragraph_text(p) for p in tc.iter(f"{_W}p")]  # type: ignore[attr-defined]
    return "\n".join(x for x in parts if x)


def _add_table(tbl: object, grid_rows: dict[int, dict[int, str]], merges: list[Merge], first: int) -> int:
    """A ``<w:tbl>``'s rows into the grid from row ``first``; returns the number of rows."""
    open_v: dict[int, list[int]] = {}  # column → [anchor row, anchor col, last row, last col] of a vMerge
    spans: list[list[int]] = []
    rows = [tr for tr in tbl.iterchildren(f"{_W}tr")]  # type: ignore[attr-defined]
    for i, tr in enumerate(rows):
        r = first + i
        col = int(getattr(tr, "grid_before", 0) or 0)
        for tc in tr.iterchildren(f"{_W}tc"):
            span = int(tc.grid_span or 1)
            vmerge = tc.vMerge
            if vmerge == "continue" and col in open_v:
                open_v[col][2] = r
            else:
                text = _cell_text(tc)
                if text:
                    grid_rows.setdefault(r, {})[col] = text
                entry = [r, col, r, col + span - 1]
                spans.append(entry)
                if vmerge == "restart":
                    open_v[col] = entry
                else:
                    open_v.pop(col, None)
            col += span
    merges.extend((a, b, c, d) for a, b, c, d in spans if c > a or d > b)
    return len(rows)


def document_grid(body: object) -> SheetGrid:
    """The body's paragraphs and tables as one grid, the tables as known regions."""
    grid_rows: dict[int, dict[int, str]] = {}
    merges: list[Merge] = []
    regions: list[tuple[int, int]] = []
    r = 0
    for child in body.iterchildren():  # type: ignore[attr-defined]
        if child.tag == f"{_W}p":
            if text := _paragraph_text(child):
                grid_rows[r] = {0: text}
            r += 1
        elif child.tag == f"{_W}tbl":
            n = _add_table(child, grid_rows, merges, r)
            columns = {c for x in range(r, r + n) for c in grid_rows.get(x, {})}
            if n and len(columns) >= 2:
                regions.append((r, r + n - 1))
            r += n
    return SheetGrid(grid_rows, merges, regions)


def header_rows(rows: list[int], texts: list[list[str]], merged_header: int) -> int:
    """Header rows of a .docx table: the merged header when there is one, else as text readers count."""
    return merged_header or count_header_rows(texts)


def read_docx(path: str | Path) -> Document:
    """Read a .docx (see the module docstring); ``ReadError`` for anything unreadable."""
    import docx

    name = str(path)
    try:
        data = Path(name).read_bytes()
        body = docx.Document(name).element.body
    except OSError as exc:
        raise ReadError(name, reason("read.cannot_read", error=exc.strerror or str(exc))) from None
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError(name, reason("read.bad_docx", error=f"{type(exc).__name__}: {exc}")) from None
    grid = document_grid(body)
    doc = Document(name, hashlib.sha256(data).hexdigest(), "docx", pages=[Page(1)])
    for block in split_blocks(grid):
        doc.lines.extend(block.lines)
        if block.rows:
            doc.tables.append(place_table(block, grid, 1, header_rows))
    for seq, t in enumerate(doc.tables, start=1):
        t.seq = seq
    return doc
