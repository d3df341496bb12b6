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

from extract.continued import join_continued, share_columns
from extract.images import open_pdf, render_pdf_page, render_scan_page
from extract.layout import PageLayout, layout_page
from extract.model import Document, Page, Paragraph, ReadError, Table
from extract.pagetext import lines_of
from extract.reasons import Reason, reason
from extract.runningheads import untitle_running_heads
from extract.scanpage import read_scan_page, turned_warning
from extract.settings import TABLE_SETTINGS, TableSettings
from extract.words import Word

_FULL_WIDTH_MARK = re.compile(r"[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2018-\u201f]")
_NUMBER_CHARS = frozenset("0123456789,.")
LAYOUT_DPI = 144.0
SCAN_DPI = 200.0
MIN_TEXT_CHARS = 8


def upright_box(
    box: tuple[float, float, float, float], rotation: int, width: float, height: float
) -> tuple[float, float, float, float]:
    """A box (left, bottom, right, top) in the page's own space (origin bottom-left, ``width`` ×
    ``height`` unrotated) as (x0, y0, x1, y1) on the page as displayed (turned by its /Rotate,
    clockwise; origin top-left, y downwards), in points."""
    left, bottom, right, top = box
    if rotation == 90:
        return (bottom, left, top, right)
    if rotation == 180:
        return (width - right, bottom, width - left, top)
    if rotation == 270:
        return (height - top, width - right, height - bottom, width - left)
    return (left, height - top, right, height - bottom)


def page_words(page: object, scale: float) -> list[Word]:
    """The page's characters grouped into words, in pixels at ``scale`` px/pt (y downwards), on the
    page as displayed: a page printed landscape by its /Rotate gets the boxes its rendering has."""
    textpage = page.get_textpage()  # type: ignore[attr-defined]
    try:
        rotation = page.get_rotation() % 360  # type: ignore[attr-defined]
        width, height = page.get_size()  # type: ignore[attr-defined]
        if rotation in (90, 270):
            width, height = height, width  # the page's own (unrotated) size
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
            x0, _, x1, _ = upright_box(textpage.get_charbox(i, loose=False), rotation, width, height)
            # the line's full height
            _, y0, _, y1 = upright_box(textpage.get_charbox(i, loose=True), rotation, width, height)
            box = [x0 * scale, y0 * scale, x1 * scale, y1 * scale]
            if x1 <= x0 or y1 <= y0:  # zero-size glyph: give it a small box
                box = [x0 * scale, y0 * scale, x0 * scale + 1, y0 * scale + 1]
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


BLANK_PROBE_DPI = 36.0
BLANK_INK_SHARE = 1e-4  # a page whose dark pixels are fewer than this share prints nothing


def is_blank_page(page: object) -> bool:
    """A page without a text layer that prints nothing either (a blank page of a born-digital PDF):
    rendered small, almost no pixel is dark."""
    gray = render_pdf_page(page, BLANK_PROBE_DPI)
    return bool(gray.size) and float((gray < 128).mean()) < BLANK_INK_SHARE


def paragraphs_of(layouts: list[tuple[PageLayout, float, bool]]) -> list[Paragraph]:
    """The text around the tables, page by page: each printed line no table holds, its box in
    PDF points."""
    out: list[Paragraph] = []
    for number, (layout, scale, _text) in enumerate(layouts, start=1):
        for line in layout.outside:
            text = " ".join(line.text.split())
            if text:
                box = tuple(round(v / scale, 2) for v in line.box)
                out.append(Paragraph(text, number, None, (box[0], box[1], box[2], box[3])))
    return out


def read_pdf(
    path: str | Path, ocr: str = "", mode: str = "cells", settings: TableSettings = TABLE_SETTINGS
) -> Document:
    """A PDF as a document: format 'pdf' when every page that prints something has a text layer (a
    blank page is neither text nor scan), 'scan-pdf' otherwise."""
    name = str(path)
    data = Path(name).read_bytes()
    pdf = open_pdf(name)
    pages: list[Page] = []
    tables: list[Table] = []
    text_lines: list[str] = []
    layouts: list[tuple[PageLayout, float, bool]] = []  # each page: layout, px per point, text layer
    scanned = 0
    turned: list[Reason] = []  # notes of scanned pages turned upright
    figures = None
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
                    layout = layout_page(
                        gray, scale, i + 1, words=words, unit_scale=scale, deskew=False, settings=settings
                    )
                    pages.append(Page(i + 1, float(w), float(h), "", has_text_layer=True))
                elif is_blank_page(page):  # nothing printed: neither text nor a scan (no OCR)
                    scale = LAYOUT_DPI / 72.0
                    gray = render_pdf_page(page, LAYOUT_DPI)
                    layout = layout_page(
                        gray, scale, i + 1, words=[], unit_scale=scale, deskew=False, settings=settings
                    )
                    pages.append(Page(i + 1, float(w), float(h), "", has_text_layer=False))
                else:
                    from extract.ocr import engine

                    scanned += 1
                    scale = SCAN_DPI / 72.0
                    gray, seal = render_scan_page(page, SCAN_DPI)
                    scan = read_scan_page(
                        gray, scale, i + 1, engine(ocr), mode, scale, seal, settings, figures=figures
                    )
                    layout = scan.layout
                    if scan.turn:
                        turned.append(turned_warning(i + 1, scan.turn))
                    pages.append(Page(i + 1, scan.width, scan.height, "", has_text_layer=False))
                figures = layout.figures  # a table continued on the next page prints these columns
                layouts.append((layout, scale, page_has_text))
                text_lines.extend(line.text for line in lines_of(layout.words))
            except ReadError:
                raise
            except ValueError as exc:
                raise ReadError(name, reason("read.page_failed", page=i + 1, error=str(exc))) from exc
            finally:
                page.close()
    finally:
        pdf.close()  # type: ignore[attr-defined]
    untitle_running_heads(layouts, settings)
    tables = share_columns(layouts, settings)
    fmt = "pdf" if scanned == 0 else "scan-pdf"
    doc = Document(
        name,
        hashlib.sha256(data).hexdigest(),
        fmt,
        pages=pages,
        tables=join_continued(tables, settings),
        lines=text_lines,
        paragraphs=paragraphs_of(layouts),
    )
    doc.warnings.extend(turned)
    if scanned and scanned < len(pages):
        doc.warnings.append(reason("pdf.mixed", scanned=scanned, pages=len(pages)))
    return doc
