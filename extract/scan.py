"""Scanned pages → tables: deskew, denoise, binarize, ruling-line grid → cell boxes, OCR once per
page, words → cells; tables without lines from word alignment; title, unit and notes from the
lines around each table (the page layout is ``extract.layout``'s, shared with born-digital PDFs).

Coordinates: image pixels.
"""

from __future__ import annotations

from pathlib import Path

from extract.continued import join_continued
from extract.images import PageImage, content_hash, load_image_file, load_image_folder
from extract.layout import PageLayout
from extract.model import Document, Page, Table
from extract.pagetext import lines_of
from extract.reasons import Reason
from extract.runningheads import untitle_running_heads
from extract.scanpage import read_scan_page, turned_warning
from extract.settings import TABLE_SETTINGS, TableSettings

OCR_MODES = ("page", "cells")


def scale_of(img: PageImage) -> float:
    """Pixels per PDF point: from the file's dpi, else guessed from the page size (A4-ish)."""
    if 50 <= img.dpi <= 1200:
        return img.dpi / 72.0
    return max(1.0, max(img.width, img.height) / 842.0)


def read_pages(
    images: list[PageImage],
    ocr: str = "",
    mode: str = "cells",
    text_out: list[str] | None = None,
    settings: TableSettings = TABLE_SETTINGS,
    warnings: list[Reason] | None = None,
) -> tuple[list[Page], list[Table]]:
    """Tables of page images (OCR once per page; each page turned upright first), continued
    tables joined; the pages' text lines, in reading order, are appended to ``text_out`` and a
    note of each page turned to ``warnings`` when given."""
    from extract.ocr import engine

    eng = engine(ocr)
    pages: list[Page] = []
    tables: list[Table] = []
    layouts: list[tuple[PageLayout, float, bool]] = []  # each page read, for its running heads
    figures = None  # the operator columns a table continued from the page before prints in
    for img in images:
        scan = read_scan_page(
            img.gray, scale_of(img), img.number, eng, mode, seal=img.seal, settings=settings, figures=figures
        )
        figures = scan.layout.figures
        pages.append(Page(img.number, scan.width, scan.height, "", has_text_layer=False))
        tables.extend(scan.layout.tables)
        layouts.append((scan.layout, scale_of(img), True))
        if text_out is not None:
            text_out.extend(line.text for line in lines_of(scan.layout.words))
        if warnings is not None and scan.turn:
            warnings.append(turned_warning(img.number, scan.turn))
    untitle_running_heads(layouts, settings)  # a continuation under the running head joins its table
    return pages, join_continued(tables, settings)


def read_image(path: str | Path, ocr: str = "", mode: str = "cells") -> Document:
    """An image file (PNG/JPG/TIFF/BMP, multi-page TIFF too) as a document."""
    p = Path(path)
    images = load_image_file(p)
    lines: list[str] = []
    notes: list[Reason] = []
    pages, tables = read_pages(images, ocr, mode, lines, warnings=notes)
    doc = Document(str(p), content_hash(p)[0], "image", pages=pages, tables=tables, lines=lines)
    doc.warnings.extend(notes)
    return doc


def read_image_folder(path: str | Path, ocr: str = "", mode: str = "cells") -> Document:
    """A folder of page images as one document, pages in natural order."""
    p = Path(path)
    images = load_image_folder(p)
    lines: list[str] = []
    notes: list[Reason] = []
    pages, tables = read_pages(images, ocr, mode, lines, warnings=notes)
    doc = Document(str(p), content_hash(p)[0], "image-folder", pages=pages, tables=tables, lines=lines)
    doc.warnings.extend(notes)
    return doc
