"""Upload limits: pages and bytes per upload and per user in 24 hours (settings), counted cheaply
before anything is stored or processed, and the record of who uploaded what (``review_uploads``).

Pages are counted without reading the content: a PDF's page count from pdfium's cross-reference
table, an image file's frames, a text export's form feeds. What over-runs a limit is refused
(413 for one upload too large, 429 for a user over their daily share) and nothing is stored.
"""

from __future__ import annotations

import io
import sqlite3
import time
from dataclasses import dataclass

import pypdfium2 as pdfium
from PIL import Image, UnidentifiedImageError

from review.accounts import User, get_setting
from review.errors import message
from review.store import transaction

DAY_SECONDS = 24 * 3600
MB = 1024 * 1024


class LimitExceeded(Exception):
    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class UploadSize:
    pages: int
    size_bytes: int


def count_pages(data: bytes, kind: str) -> int:
    """The pages an upload holds, counted cheaply; 0 when its kind's reader must tell (a PDF pdfium
    cannot open fails in the worker with the reader's message)."""
    if kind == "pdf":
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            return 0
        try:
            return len(pdf)
        finally:
            pdf.close()
    if kind == "image":
        try:
            with Image.open(io.BytesIO(data)) as im:
                return int(getattr(im, "n_frames", 1) or 1)
        except (UnidentifiedImageError, OSError):
            return 0
    return data.count(b"\f") + 1


def used_today(conn: sqlite3.Connection, user: User, now: float) -> UploadSize:
    row = conn.execute(
        """SELECT coalesce(sum(pages), 0), coalesce(sum(size_bytes), 0) FROM review_uploads
           WHERE user_id = ? AND uploaded_at > ?""",
        (user.id, now - DAY_SECONDS),
    ).fetchone()
    return UploadSize(int(row[0]), int(row[1]))


def check_limits(
    conn: sqlite3.Connection, user: User | None, size: UploadSize, now: float | None = None
) -> None:
    """``LimitExceeded`` when an upload of ``size`` is over a per-upload or per-user limit."""
    now = time.time() if now is None else now
    max_pages, max_mb = get_setting(conn, "max_upload_pages"), get_setting(conn, "max_upload_mb")
    if size.pages > max_pages:
        raise LimitExceeded(message("upload_pages", pages=size.pages, limit=max_pages), 413)
    if size.size_bytes > max_mb * MB:
        raise LimitExceeded(message("upload_mb", mb=f"{size.size_bytes / MB:.1f}", limit=f"{max_mb:g}"), 413)
    if user is None:
        return
    used = used_today(conn, user, now)
    day_pages, day_mb = get_setting(conn, "user_daily_pages"), get_setting(conn, "user_daily_mb")
    if used.pages + size.pages > day_pages:
        raise LimitExceeded(
            message("upload_day_pages", user=user.name, used=used.pages, pages=size.pages, limit=day_pages),
            429,
        )
    if used.size_bytes + size.size_bytes > day_mb * MB:
        raise LimitExceeded(
            message("upload_day_mb", user=user.name, used=f"{used.size_bytes / MB:.1f}", limit=f"{day_mb:g}"),
            429,
        )


def record_upload(
    conn: sqlite3.Connection, document_id: str, user: User | None, file_name: str, size: UploadSize
) -> None:
    with transaction(conn):
        conn.execute(
            """INSERT INTO review_uploads (document_id, user_id, user_name, file_name, pages, size_bytes, uploaded_at)
               VALUES (?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT(document_id) DO UPDATE SET user_id = excluded.user_id, user_name = excluded.user_name,
                 file_name = excluded.file_name, uploaded_at = excluded.uploaded_at, attempts = 0""",
            (document_id, user.id if user else None, user.name if user else "", file_name, size.pages,
             size.size_bytes, time.time()),
        )  # fmt: skip


def uploader(conn: sqlite3.Connection, document_id: str) -> int | None:
    row = conn.execute("SELECT user_id FROM review_uploads WHERE document_id = ?", (document_id,)).fetchone()
    return row[0] if row else None


def source_key(file_name: str) -> str:
    """What makes two uploads versions of one source: the same (safe) file name."""
    return f"upload:{file_name}"
