"""Readers: files in, ``Document`` out (see ``extract.model``).

``read(path)`` is the one entry point: it looks at the file's content (not
its name) and hands it to the reader for that format.
"""

from __future__ import annotations

from pathlib import Path

from extract.model import Cell, Document, Page, ReadError, Table

__all__ = ["Cell", "Document", "Page", "ReadError", "Table", "read", "sniff"]

_PDF_MAGIC = b"%PDF"
_IMAGE_MAGICS = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"BM", "bmp"),
)
_ARCHIVE_MAGICS = (b"PK\x03\x04", b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf")


def sniff(path: str | Path) -> str:
    """The format a file holds, from its first bytes: 'pdf', 'image', 'folder', 'archive' or 'text'."""
    p = Path(path)
    if p.is_dir():
        return "folder"
    with p.open("rb") as fh:
        head = fh.read(16)
    if head.startswith(_PDF_MAGIC):
        return "pdf"
    if any(head.startswith(m) for m, _ in _IMAGE_MAGICS):
        return "image"
    if any(head.startswith(m) for m in _ARCHIVE_MAGICS):
        return "archive"
    return "text"


def read(path: str | Path, *, ocr: str = "", ocr_mode: str = "cells") -> Document:
    """Read one input (a file, or a folder of page images) into a ``Document``.

    PDFs go to ``extract.pdf`` (text layer per page, OCR for image-only pages), image files to
    ``extract.scan``, a folder holding only page images is one document. ``ocr`` names the OCR
    engine ('rapidocr' or 'tesseract'; '' = ``DIGITIZE_OCR`` or the default, rapidocr).

    Raises ``ReadError`` naming the file and the problem when it cannot be read.
    """
    document = _read(str(path), ocr, ocr_mode)
    if document.format != "txt" and (not document.department or document.year is None):
        describe_document(document)
    return document


def describe_document(document: Document) -> None:
    """Department and year from the document's own text lines (page text of PDFs and scans) and
    table titles, where the reader did not find them; the same rules as for text inputs."""
    from extract.segment import segment
    from extract.text import find_department, find_year

    lines = [*document.lines, *(t.title for t in document.tables)]
    if not document.department:
        document.department = find_department(lines, segment(lines))
    if document.year is None:
        document.year = find_year(lines)


def _read(p: str, ocr: str, ocr_mode: str) -> Document:
    if not Path(p).exists():
        raise ReadError(p, "no such file or folder")
    kind = sniff(p)
    if kind == "text":
        from extract.text import read_text

        return read_text(p)
    if kind == "archive":
        raise ReadError(p, "archives are not read; unpack the archive and ingest its files")
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
        raise ReadError(p, "a folder is read as one document only when it holds page images alone")
    raise ReadError(p, f"{kind} input is not supported")
