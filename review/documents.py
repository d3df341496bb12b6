"""Documents: upload (checked by content and size), processing status, per-page overlays, summaries."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

from review import overlay, store, uploads
from review.auth import login_required
from review.db import get_db
from review.disclosures import disclosure_of
from review.errors import message
from review.pdf_check import pdf_refusal
from review.queue import amount_in_unit

bp = Blueprint("documents", __name__)

_IMAGE_MAGICS = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM")
_ARCHIVE_MAGICS = (b"PK\x03\x04", b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf")
ACCEPTED = "text exports (UTF-8 or GB18030/GBK), PDF, or page images (PNG, JPEG, TIFF, BMP)"


class UploadRefused(Exception):
    def __init__(self, message: str, status: int = 415) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Accepted:
    document_id: str
    status: str
    created: bool


def content_kind(data: bytes) -> str:
    """What an upload holds, by its bytes: 'pdf', 'image' or 'text'; UploadRefused otherwise."""
    if not data:
        raise UploadRefused(message("upload_empty"), 400)
    if data.startswith(b"%PDF"):
        return "pdf"
    if any(data.startswith(m) for m in _IMAGE_MAGICS):
        return "image"
    if any(data.startswith(m) for m in _ARCHIVE_MAGICS):
        raise UploadRefused(message("upload_archive", accepted=message("upload_accepted")))
    from extract.encoding import NotText, decode_bytes
    from review.i18n import language

    try:
        decode_bytes(data)
    except ValueError as exc:
        why = exc.reason.render(language()) if isinstance(exc, NotText) else str(exc)
        raise UploadRefused(message("upload_type", why=why, accepted=message("upload_accepted"))) from exc
    return "text"


def safe_name(name: str, kind: str) -> str:
    """A file name safe to store (CJK kept; separators, control characters and leading dots dropped)."""
    base = re.sub(r"[^\w.\-]+", "_", Path(name or "").name).lstrip("._")[:120]
    return base or "upload." + {"pdf": "pdf", "image": "img", "text": "txt"}[kind]


def accept_upload(
    conn: sqlite3.Connection, file: FileStorage | None, upload_folder: str | Path, worker: Any,
    user: Any = None,
) -> Accepted:  # fmt: skip
    """Store an upload by content hash and queue it for the worker; a known file is not processed twice.

    Pages and bytes are checked against the limits (``review.uploads``) first; a file uploaded under
    the name of an earlier upload is a new version of it (``review.store.save_extraction``)."""
    if file is None or not file.filename:
        raise UploadRefused(message("upload_none"), 400)
    data = file.read()
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if limit and len(data) > limit:
        raise UploadRefused(message("too_large", limit=f"{limit / 1048576:g}"), 413)
    kind = content_kind(data)
    refusal = pdf_refusal(data, file.filename) if kind == "pdf" else None
    if refusal:
        raise UploadRefused(refusal, 422)
    digest = hashlib.sha256(data).hexdigest()
    document_id = digest[:16]
    existing = store.find_document(conn, document_id)
    if existing is not None and existing["status"] in ("done", "queued", "processing"):
        return Accepted(document_id, existing["status"], False)
    size = uploads.UploadSize(uploads.count_pages(data, kind), len(data))
    try:
        uploads.check_limits(conn, user, size)
    except uploads.LimitExceeded as exc:
        raise UploadRefused(str(exc), exc.status) from exc
    name = safe_name(file.filename, kind)
    folder = Path(upload_folder) / document_id
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)
    uploads.record_upload(conn, document_id, user, name, size)
    store.mark(conn, document_id, "queued", source_file=str(path), size_bytes=len(data),
               source_key=uploads.source_key(name))  # fmt: skip
    worker.submit(path, document_id, user.id if user else None)
    return Accepted(document_id, "queued", True)


def document_summary(conn: sqlite3.Connection, document_id: str) -> dict[str, Any]:
    tables = [
        dict(r)
        for r in conn.execute(
            """SELECT t.id, t.seq, t.page, t.label, t.title, t.table_type, t.status, t.reason, t.confidence, t.unit,
                      (SELECT count(*) FROM line_items l WHERE l.table_id = t.id) AS line_items,
                      (SELECT count(*) FROM indicators i WHERE i.table_id = t.id) AS indicators,
                      (SELECT count(*) FROM line_items l WHERE l.table_id = t.id AND l.status = 'pending')
                    + (SELECT count(*) FROM indicators i WHERE i.table_id = t.id AND i.status = 'pending') AS pending,
                      (SELECT max(abs(l.amount_yuan)) FROM line_items l WHERE l.table_id = t.id AND l.status != 'rejected')
                        AS total_yuan
               FROM tables t WHERE t.document_id = ? ORDER BY t.seq""",
            (document_id,),
        )
    ]
    statuses: dict[str, int] = {}
    for name in ("line_items", "indicators"):
        for status, n in conn.execute(
            f"SELECT status, count(*) FROM {name} WHERE document_id = ? GROUP BY status", (document_id,)
        ):
            statuses[status] = statuses.get(status, 0) + n
    total = conn.execute(
        "SELECT sum(amount_yuan) FROM line_items WHERE document_id = ? AND status != 'rejected'",
        (document_id,),
    ).fetchone()[0]
    return {"tables": tables, "statuses": statuses, "records": sum(statuses.values()), "amount_total": total,
            "same_disclosure": disclosure_of(conn, document_id)}  # fmt: skip


@bp.route("/documents", methods=("GET", "POST"))
@login_required
def documents() -> Any:
    conn = get_db()
    if request.method == "POST":
        try:
            accepted = accept_upload(
                conn, request.files.get("file"), current_app.config["UPLOAD_FOLDER"],
                current_app.extensions["digitize_worker"], g.user,
            )  # fmt: skip
        except UploadRefused as exc:
            rows = store.document_statuses(conn)
            return render_template("documents.html", documents=rows, error=str(exc), accepted=ACCEPTED,
                                   limit_mb=current_app.config["MAX_CONTENT_LENGTH"] / 1048576), exc.status  # fmt: skip
        if accepted.created:
            flash(_("Uploaded: document %(id)s is queued for processing.", id=accepted.document_id))
        else:
            flash(_("This file is already in the store as document %(id)s (%(status)s).", id=accepted.document_id,
                    status=accepted.status))  # fmt: skip
        return redirect(url_for("documents.document", document_id=accepted.document_id))
    return render_template("documents.html", documents=store.document_statuses(conn), error="", accepted=ACCEPTED,
                           limit_mb=current_app.config["MAX_CONTENT_LENGTH"] / 1048576)  # fmt: skip


@bp.route("/documents/<document_id>")
@login_required
def document(document_id: str) -> Any:
    conn = get_db()
    doc = store.find_document(conn, document_id)
    if doc is None:
        abort(404, description=message("no_document", id=document_id))
    doc = dict(doc)
    summary = document_summary(conn, document_id)
    pages = sorted({t["page"] or 1 for t in summary["tables"]}) if overlay.has_image(doc) else []
    return render_template("document.html", doc=doc, pages=pages, amount_in_unit=amount_in_unit, **summary)


@bp.route("/documents/<document_id>/pages/<int:page>.png")
@login_required
def page_image(document_id: str, page: int) -> Any:
    conn = get_db()
    doc = store.find_document(conn, document_id)
    if doc is None:
        abort(404)
    png = overlay.page_overlay(conn, dict(doc), page, Path(current_app.config["PAGE_CACHE"]))
    if png is None:
        abort(404, description=message("no_page_image"))
    return Response(png, mimetype="image/png", headers={"Cache-Control": "private, max-age=300"})
