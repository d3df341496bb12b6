"""Whether pdfium can open an uploaded PDF, told in the service's own words rather than the library's.

``pdf_refusal(data, name)`` is checked when a PDF is uploaded, before anything is stored: a PDF the
reader could not open later is refused at once with a message naming the file (as the uploader
named it, not the server's path) and the problem (``review.errors.MESSAGES``).
"""

from __future__ import annotations

from pathlib import PurePath

import pypdfium2 as pdfium

from review.errors import message


def pdf_problem(data: bytes) -> str | None:
    """'damaged', 'encrypted' or 'empty' for a PDF pdfium refuses; None when it opens with pages."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        return "encrypted" if "password" in text or "security" in text else "damaged"
    try:
        return "empty" if len(pdf) == 0 else None
    finally:
        pdf.close()


def pdf_refusal(data: bytes, name: str) -> str | None:
    """The message refusing an uploaded PDF, or None when pdfium reads it."""
    problem = pdf_problem(data)
    if problem is None:
        return None
    shown = PurePath((name or "upload.pdf").replace("\\", "/")).name[:120] or "upload.pdf"
    return message(
        "pdf_refused",
        name=shown,
        problem=message(f"pdf_{problem}"),
    )
