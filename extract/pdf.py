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
from extract.pagetext import Around, describe, is_continued, lines_of

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

        spaced = False  # one space since the last character: joined when the gap stays small
        for i in range(min(n, len(text))):
            ch = text[i]
            if ch in "\r\n\x00\ufffe" or (ch.isspace() and spaced):
                flush()
                spaced = False
                continue
            if ch.isspace():
                spaced = bool(cur_text)
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
                # a space inside a cell (年度 主要 任务, 分值 （90分）): a space's width, or a
                # full-width mark's; never between two numbers (amounts of adjacent columns)
                if spaced:
                    close = not digits and -0.2 * h <= box[0] - cur_box[2] <= (0.9 if wide else 0.55) * h
                if not (same_line and close):
                    flush()
                elif spaced and cur_text[-1].isascii() and cur_text[-1].isalpha() and ch.isascii():
                    cur_text += " "  # kept between Latin words; CJK text joins without it
                    chars.append((cur_box[2], box[0]))
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
            spaced = False
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
    tables = share_columns(layouts)
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


def share_columns(layouts: list[tuple[PageLayout, float, bool]]) -> list[Table]:
    """The pages' tables, a borderless table continued over pages joined into one: its parts get
    one set of column boundaries, from the x-projection of all of them (a page of it alone may
    leave a column empty or hold only left-aligned text in one column and right-aligned numbers
    in the next); the header a later part repeats is dropped, the rest of it are body rows.
    Text-layer pages only; other tables as they are."""
    from extract.scan import grid_to_table

    chains: list[list[tuple[int, int]]] = []  # (page index, grid index)
    for p, (layout, _, text) in enumerate(layouts):
        if not text or not layout.grids:
            continue
        first = layout.grids[0]
        prev = layouts[p - 1] if p > 0 else None
        orphan = _orphan_heading(prev[0]) if prev is not None and prev[2] else None
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
    merged: dict[tuple[int, int], Table | None] = {}  # a later part → None (joined to its start)
    for chain in chains:
        if len(chain) < 2:
            continue
        heights = [layouts[p][0].char_h for p, _ in chain]
        ch = sorted(heights)[len(heights) // 2]
        blocks = [g.block_of(layouts[p][0].grids[k]) for p, k in chain]
        hr = g.block_header_rows(g.block_phrases(blocks[0], ch))
        # later parts: the header repeated on top is dropped; the rest are body rows
        blocks = blocks[:1] + [_without_header(b, blocks[0], hr) for b in blocks[1:]]
        given: list[int | None] = [None] + [0] * (len(blocks) - 1)
        edges = g.column_edges(blocks, ch, given)
        parts: list[Table] = []
        for (p, k), block, hr_k in zip(chain, blocks, given, strict=True):
            layout, scale, _ = layouts[p]
            old = layout.tables[k]
            grid = g.grid_from_block(block, ch, edges, hr_k)
            table = grid_to_table(grid, Around(old.title, old.label, old.unit, False, []), old.page, scale)
            table.notes = list(old.notes)
            layout.grids[k] = grid
            layout.tables[k] = table
            parts.append(table)
        merged[chain[0]] = _join_parts(parts)
        merged.update(dict.fromkeys(chain[1:]))
    out: list[Table] = []
    for p, (layout, _, _) in enumerate(layouts):
        for k, t in enumerate(layout.tables):
            key = (p, k)
            if key not in merged:
                out.append(t)
            elif merged[key] is not None:
                out.append(merged[key])  # type: ignore[arg-type]
    return out


def _words_key(rows: list[list[Word]]) -> list[str]:
    return sorted("".join(w.text.split()) for r in rows for w in r)


def _without_header(block: g.Block, first: g.Block, hr: int) -> g.Block:
    """A later part of a table without the header it repeats from the first part (the same
    words, however its lines were grouped into rows on each page)."""
    if hr <= 0:
        return block
    want = _words_key(first.rows[:hr])
    for m in range(1, len(block.rows)):
        have = _words_key(block.rows[:m])
        if have == want:
            rows = block.rows[m:]
            return g.Block(rows, g.extent([w for r in rows for w in r]))
        if len(have) >= len(want):
            break
    return block


def _join_parts(parts: list[Table]) -> Table:
    """The parts of a table continued over pages as one table: later parts' rows appended, their
    cells keeping their own page."""
    first = parts[0]
    for t in parts[1:]:
        offset = first.n_rows
        for c in t.cells:
            c.row += offset
            c.page = t.page
            first.cells.append(c)
        first.notes.append(f"continued on page {t.page}: rows {offset}-{first.n_rows - 1}")
        first.notes.extend(n for n in t.notes if n != "续表" and n not in first.notes)
        first.confidence = min(first.confidence, t.confidence)
    first.header_rows = g.header_rows_of(first.grid())
    return first


def _orphan_heading(layout: PageLayout) -> Around | None:
    """A table's label, title or unit alone at the foot of a page, below its last table (the
    table itself starts on the next page), or None."""
    bottom = layout.grids[-1].box[3] if layout.grids else -1e9
    below = [w for w in layout.words if w.box[1] > bottom]
    if not below:
        return None
    if not any(g.is_heading_line(ln, layout.char_h) for ln in g.text_lines(below)):
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
    if is_continued(t.title) or norm == "".join(prev.title.split()):
        return True
    return not t.title and not t.label and _edges_agree(prev_grid, grid)


def _edges_agree(prev_grid: g.Grid, grid: g.Grid) -> bool:
    """An untitled table continues the one before only in its columns: most of its column
    boundaries fall where the earlier part has one (another table drawn with its own widths does
    not line up)."""
    a = sorted({c.box[0] for c in prev_grid.cells} | {c.box[2] for c in prev_grid.cells})
    b = sorted({c.box[0] for c in grid.cells} | {c.box[2] for c in grid.cells})[1:-1]
    if not b:
        return True
    hs = [w.height for c in grid.cells for w in c.words]
    tol = 1.2 * (sorted(hs)[len(hs) // 2] if hs else 10.0)
    near = sum(1 for x in b if any(abs(x - y) <= tol for y in a))
    return near >= 0.6 * len(b)
