"""Readers: files in, ``Document`` out (see ``extract.model``).

``read(path)`` is the one entry point: it looks at the file's content (not
its name) and hands it to the reader for that format.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from extract.content import table_content
from extract.model import Cell, Document, Page, ReadError, Table
from extract.pagetext import title_by_heading
from extract.reasons import reason
from extract.text import describe_metadata

__all__ = ["Cell", "Document", "Page", "ReadError", "Table", "read", "sniff"]

_PDF_MAGIC = b"%PDF"
_IMAGE_MAGICS = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"BM", "bmp"),
)
_ZIP_MAGIC = b"PK\x03\x04"
_ARCHIVE_MAGICS = (_ZIP_MAGIC, b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf")


def sniff(path: str | Path) -> str:
    """The format a file holds, from its content: 'pdf', 'image', 'folder', 'xlsx', 'docx', 'archive'
    or 'text'."""
    p = Path(path)
    if p.is_dir():
        return "folder"
    with p.open("rb") as fh:
        head = fh.read(16)
    if head.startswith(_PDF_MAGIC):
        return "pdf"
    if any(head.startswith(m) for m, _ in _IMAGE_MAGICS):
        return "image"
    if head.startswith(_ZIP_MAGIC):
        return _office_kind(p)
    if any(head.startswith(m) for m in _ARCHIVE_MAGICS):
        return "archive"
    return "text"


def _office_kind(path: Path) -> str:
    """A zip holding an Office Open XML package: 'xlsx' (a workbook part) or 'docx' (a document
    part); any other zip, or a damaged one, is an 'archive'."""
    from extract.docx import is_document_zip
    from extract.xlsx import is_workbook_zip

    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError):
        return "archive"
    if is_workbook_zip(names):
        return "xlsx"
    if is_document_zip(names):
        return "docx"
    return "archive"


def read(path: str | Path, *, ocr: str = "", ocr_mode: str = "cells") -> Document:
    """Read one input (a file, or a folder of page images) into a ``Document``.

    Workbooks go to ``extract.xlsx``, .docx documents to ``extract.docx``; PDFs to ``extract.pdf`` (text layer per page, OCR for image-only pages), image files to
    ``extract.scan``, a folder holding only page images is one document. ``ocr`` names the OCR
    engine ('rapidocr' or 'tesseract'; '' = ``DIGITIZE_OCR`` or the default, rapidocr).

    Raises ``ReadError`` naming the file and the problem when it cannot be read.
    """
    document = _read(str(path), ocr, ocr_mode)
    describe_metadata(document)
    before: Table | None = None
    for table in document.tables:
        table.content = table.content or table_content(table)
        table.title = title_by_heading(table, before) or table.title
        before = table
    return document


def _read(p: str, ocr: str, ocr_mode: str) -> Document:
    if not Path(p).exists():
        raise ReadError(p, reason("read.missing"))
    kind = sniff(p)
    if kind == "text":
        from extract.text import read_text

        return read_text(p)
    if kind == "xlsx":
        from extract.xlsx import read_xlsx

        return read_xlsx(p)
    if kind == "docx":
        from extract.docx import read_docx

        return read_docx(p)
    if kind == "archive":
        raise ReadError(p, reason("read.archive"))
    if kind == "pdf":
        from extract.pdf import read_pdf

        return read_pdf(p, ocr=ocr, mode=ocr_mode)
    if kind == "image":
        from extract.scan import read_image

        return read_image(p, ocr=ocr, mode=ocr_mode)
    if kind == "folder":
        from extract.images import is_image_folder
        from extract.scan import read_image_folder

        if is_image_folder(p):
            return read_image_folder(p, ocr=ocr, mode=ocr_mode)
        raise ReadError(p, reason("read.folder_mixed"))
    raise ReadError(p, reason("read.unsupported", kind=kind))
