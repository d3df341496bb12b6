"""PDFs: born-digital pages read from their text layer, image-only pages by OCR, decided per page.

A page with a text layer is rendered small (144 dpi) only to find its ruling lines; its words
come from the PDF's characters (pypdfium2), so no OCR runs. Ruled tables take their cells from
the line grid (merged cells included); tables without lines from word alignment. An image-only
page is rendered at ``SCAN_DPI`` and read like a scan. Boxes are in PDF points, origin top-left.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING

from extract import grid as g
from extract.grid import Word
from extract.images import PageImage, open_pdf, render_pdf_page
from extract.model import Document, Page, ReadError, Table
from extract.pagetext import Around, is_continued, lines_of

if TYPE_CHECKING:
    from extract.scan import PageLayout

_FULL_WIDTH_MARK = re.compile(r"[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2018-\u201f]")
_NUMBER_CHARS = frozenset("0123456789,.")
LAYOUT_DPI = 144.0
SCAN_DPI = 200.0
MIN_TEXT_CHARS = 8


def page_words(page: object, scale: float) -> list[Word]:
    """The page's characters grouped into words, in pixels at ``scale`` px/pt (y downwards)."""
    textpage = page.get_textpage()  # type: ignore[attr-defined]
    try:
        height = page.get_height()  # type: ignore[attr-defined]
        n = textpage.count_chars()
        text = textpage.get_text_range(0, n) if n else ""
        words: list[Word] = []
        cur_text = ""
        cur_box: list[float] = []
        chars: list[tuple[float, float]] = []

        def flush() -> None:
            nonlocal cur_text, cur_box, chars
            if cur_text.strip():
                words.append(Word(cur_text, (cur_box[0], cur_box[1], cur_box[2], cur_box[3]), 1.0, chars))
            cur_text, cur_box, chars = "", [], []

        for i in range(min(n, len(text))):
            ch = text[i]
            if ch in "\r\n\x00\ufffe" or ch.isspace():
                flush()
                continue
            left, _, right, _ = textpage.get_charbox(i, loose=False)
            _, bottom, _, top = textpage.get_charbox(i, loose=True)  # the line's full height
            box = [left * scale, (height - top) * scale, right * scale, (height - bottom) * scale]
            if right <= left or top <= bottom:  # zero-size glyph: give it a small box
                box = [left * scale, (height - top) * scale, left * scale + 1, (height - top) * scale + 1]
            if cur_text:
                h = max(cur_box[3] - cur_box[1], box[3] - box[1], 1.0)
                same_line = abs((box[1] + box[3]) / 2 - (cur_box[1] + cur_box[3]) / 2) < 0.5 * h
                # a full-width mark (、，：（) fills only part of its em square: allow for the rest
                wide = _FULL_WIDTH_MARK.match(cur_text[-1]) or _FULL_WIDTH_MARK.match(ch)
                # a narrow digit (1) has a narrow glyph box but a full advance: digits of one
                # number stay together across the wider gap that leaves
                digits = cur_text[-1] in _NUMBER_CHARS and ch in _NUMBER_CHARS
                close = -0.2 * h <= box[0] - cur_box[2] <= (0.85 if wide else 0.45 if digits else 0.25) * h
                if not (same_line and close):
                    flush()
            if not cur_text:
                cur_box = list(box)
            else:
                cur_box = [
                    min(cur_box[0], box[0]),
                    min(cur_box[1], box[1]),
                    max(cur_box[2], box[2]),
                    max(cur_box[3], box[3]),
                ]
            cur_text += ch
            chars.append((box[0], box[2]))
        flush()
        return words
    finally:
        textpage.close()


def has_text_layer(page: object) -> bool:
    textpage = page.get_textpage()  # type: ignore[attr-defined]
    try:
        n = textpage.count_chars()
        return n >= MIN_TEXT_CHARS and len(textpage.get_text_range(0, n).strip()) >= MIN_TEXT_CHARS
    finally:
        textpage.close()


def read_pdf(path: str | Path, ocr: str = "", mode: str = "cells") -> Document:
    """A PDF as a document: format 'pdf' when every page has a text layer, 'scan-pdf' otherwise."""
    from extract.scan import join_continued, layout_page

    name = str(path)
    data = Path(name).read_bytes()
    pdf = open_pdf(name)
    pages: list[Page] = []
    tables: list[Table] = []
    text_lines: list[str] = []
    layouts: list[tuple[PageLayout, float, bool]] = []  # each page: layout, px per point, text layer
    scanned = 0
    try:
        for i in range(len(pdf)):  # type: ignore[arg-type]
            page = pdf[i]  # type: ignore[index]
            try:
                w, h = page.get_size()
                page_has_text = has_text_layer(page)
                if page_has_text:
                    scale = LAYOUT_DPI / 72.0
                    gray = render_pdf_page(page, LAYOUT_DPI)
                    words = page_words(page, scale)
                    layout = layout_page(gray, scale, i + 1, words=words, unit_scale=scale, deskew=False)
                    pages.append(Page(i + 1, float(w), float(h), "", has_text_layer=True))
                else:
                    from extract.ocr import engine

                    scanned += 1
                    scale = SCAN_DPI / 72.0
                    img = PageImage(i + 1, render_pdf_page(page, SCAN_DPI), SCAN_DPI, name)
                    eng = engine(ocr)
                    layout = layout_page(
                        img.gray,
                        scale,
                        i + 1,
                        words_for=None if mode == "cells" and getattr(eng, "lines", False) else eng.page,
                        unit_scale=scale,
                        crops=eng.crops if mode == "cells" else None,
                    )
                    pages.append(Page(i + 1, float(w), float(h), "", has_text_layer=False))
                layouts.append((layout, scale, page_has_text))
                text_lines.extend(line.text for line in lines_of(layout.words))
            except ReadError:
                raise
            except ValueError as exc:
                raise ReadError(name, f"page {i + 1}: {exc}") from exc
            finally:
                page.close()
    finally:
        pdf.close()  # type: ignore[attr-defined]
    share_columns(layouts)
    tables = [t for layout, _, _ in layouts for t in layout.tables]
    fmt = "pdf" if scanned == 0 else "scan-pdf"
    doc = Document(
        name,
        hashlib.sha256(data).hexdigest(),
        fmt,
        pages=pages,
        tables=join_continued(tables),
        lines=text_lines,
    )
    if scanned and scanned < len(pages):
        doc.warnings.append(
            f"mixed PDF: {scanned} of {len(pages)} pages had no text layer and were read by OCR"
        )
    return doc


def share_columns(layouts: list[tuple[PageLayout, float, bool]]) -> None:
    """A borderless table continued over pages gets one set of column boundaries, from the
    x-projection of all its parts (a page of it alone may leave a column empty or hold only
    left-aligned text in one column and right-aligned numbers in the next); its parts are
    rebuilt with them, so they have the same columns and join. Text-layer pages only."""
    from extract.scan import char_height, grid_to_table

    chains: list[list[tuple[int, int]]] = []  # (page index, grid index)
    for p, (layout, _, text) in enumerate(layouts):
        if not text or not layout.grids:
            continue
        first = layout.grids[0]
        prev = layouts[p - 1] if p > 0 else None
        orphan = _orphan_heading(prev) if prev is not None and prev[2] else None
        if orphan is not None:  # the title printed at the foot of the page before starts this table
            t = layout.tables[0]
            if not t.title and not t.label:
                t.title, t.label = orphan.title, orphan.label
                t.unit = t.unit or orphan.unit
        if (
            orphan is None
            and prev is not None
            and prev[2]
            and prev[0].grids
            and chains
            and chains[-1][-1] == (p - 1, len(prev[0].grids) - 1)
            and not first.ruled
            and not prev[0].grids[-1].ruled
            and _continues(prev[0].tables[-1], layout.tables[0], prev[0].grids[-1], first)
        ):
            chains[-1].append((p, 0))
        else:
            if not first.ruled:
                chains.append([(p, 0)])
        for k in range(1, len(layout.grids)):
            if not layout.grids[k].ruled:
                chains.append([(p, k)])
    for chain in chains:
        if len(chain) < 2:
            continue
        heights = [char_height(layouts[p][0].words, layouts[p][1]) for p, _ in chain]
        ch = sorted(heights)[len(heights) // 2]
        blocks = [g.block_of(layouts[p][0].grids[k]) for p, k in chain]
        edges = g.column_edges(blocks, ch)
        for (p, k), block in zip(chain, blocks, strict=True):
            layout, scale, _ = layouts[p]
            old = layout.tables[k]
            grid = g.grid_from_block(block, ch, edges)
            table = grid_to_table(grid, Around(old.title, old.label, old.unit, False, []), old.page, scale)
            table.notes = list(old.notes)
            layout.grids[k] = grid
            layout.tables[k] = table


def _orphan_heading(prev: tuple[PageLayout, float, bool]) -> Around | None:
    """A table's label, title or unit alone at the foot of a page, below its last table (the
    table itself starts on the next page), or None."""
    from extract.pagetext import describe
    from extract.scan import char_height

    layout, scale, _ = prev
    bottom = layout.grids[-1].box[3] if layout.grids else -1e9
    below = [w for w in layout.words if w.box[1] > bottom]
    if not below:
        return None
    ch = char_height(layout.words, scale)
    if not any(g.is_heading_line(ln, ch) for ln in g.text_lines(below)):
        return None
    around = describe((0.0, 1e9, 1e9, 1e9), lines_of(below), bottom)
    return around if around.title or around.label else None


def _continues(prev: Table, t: Table, prev_grid: g.Grid, grid: g.Grid) -> bool:
    """The first table of a page continues the last one of the page before: its title says 续表,
    repeats the title, or it has none; and the two overlap horizontally."""
    a, b = prev_grid.box, grid.box
    overlap = min(a[2], b[2]) - max(a[0], b[0])
    if overlap < 0.6 * min(a[2] - a[0], b[2] - b[0]):
        return False
    norm = "".join(t.title.split()).replace("（续表）", "").replace("(续表)", "")
    return is_continued(t.title) or (not t.title and not t.label) or norm == "".join(prev.title.split())
