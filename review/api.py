"""The JSON API (token auth: ``Authorization: Bearer TOKEN``; anything else gets 401 JSON).

GET  /api/health                      200 {"status": "ok"} (no auth)
POST /api/documents                   multipart field ``file`` → 202 {"id", "status": "queued"}
GET  /api/documents                   {"documents": [...]}
GET  /api/documents/<id>              {"id", "status", "error", ...}
GET  /api/items?status=pending[&limit=n&offset=k]  {"items": [{"id", "kind", "document_id", "table_id", "reason", "confidence", "version"}, ...]}
GET  /api/items/<id>                  the record, its claim and its audit trail
POST /api/items/<id>/claim            claim the item (409 when someone else holds it)
POST /api/items/<id>/decision         {"action": confirm|correct|reject, "version": n, "changes": {...}} → 200; 409 stale; 400 malformed
GET  /api/quality                     precision of auto-accepted records, trigger rate, median handle time
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from flask import Blueprint, current_app, g, jsonify, request

from review import (
    accounts,
    audit_trail,
    audits,
    claims,
    decisions,
    errors,
    item_ids,
    proposals,
    store,
    work_queue,
)
from review.db import get_db
from review.documents import UploadRefused, accept_upload
from review.ingest import error_text

bp = Blueprint("api", __name__, url_prefix="/api")

PUBLIC = {"api.health"}


def _error(message: str, status: int, **extra: Any) -> Any:
    response = jsonify({"error": message, "status": status, **extra})
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="digitize"'
    return response


@bp.before_request
def require_token() -> Any:
    if request.endpoint in PUBLIC:
        return None
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return _error(
            "authentication required: send Authorization: Bearer TOKEN (see `digitize user token`)", 401
        )
    user = accounts.user_for_token(get_db(), token.strip())
    if user is None:
        return _error("invalid or revoked token", 401)
    g.api_user = user
    return None


@bp.route("/health")
def health() -> Any:
    return jsonify({"status": "ok"})


def _document_json(row: Any) -> dict[str, Any]:
    return {"id": row["id"], "status": row["status"], "error": error_text(row["error"]) if row["error"] else None,
            "source_file": row["source_file"], "department": row["department"], "year": row["year"]}  # fmt: skip


@bp.route("/documents", methods=("POST",))
def upload() -> Any:
    try:
        accepted = accept_upload(
            get_db(), request.files.get("file"), current_app.config["UPLOAD_FOLDER"],
            current_app.extensions["digitize_worker"], g.api_user,
        )  # fmt: skip
    except UploadRefused as exc:
        return _error(str(exc), exc.status)
    return jsonify({"id": accepted.document_id, "status": accepted.status}), 202 if accepted.created else 200


@bp.route("/documents")
def list_documents() -> Any:
    return jsonify({"documents": [asdict(d) for d in store.document_statuses(get_db())]})


@bp.route("/documents/<document_id>")
def document(document_id: str) -> Any:
    row = store.find_document(get_db(), document_id)
    if row is None:
        return _error(f"no document {document_id}", 404)
    return jsonify(_document_json(row))


@bp.route("/items")
def items() -> Any:
    status = request.args.get("status", "pending")
    if status not in ("pending", "auto", "confirmed", "corrected", "rejected"):
        return _error("status must be pending, auto, confirmed, corrected or rejected", 400)
    filters = {
        k: request.args[k] for k in ("document_id", "table_type", "reason", "kind") if request.args.get(k)
    }
    limit = request.args.get("limit", type=int)
    offset = max(0, request.args.get("offset", 0, type=int) or 0)
    found = work_queue.list_items(
        get_db(), status, limit=limit if limit is not None and limit >= 0 else None, offset=offset, **filters
    )
    return jsonify({"items": [it.api() for it in found], "count": len(found), "offset": offset})


@bp.route("/items/<item_id>")
def item(item_id: str) -> Any:
    conn = get_db()
    try:
        kind, _, row = item_ids.get_row(conn, item_id)
    except errors.NotFound as exc:
        return _error(str(exc), 404)
    claim = claims.current_claim(conn, item_id)
    return jsonify({"id": item_id, "kind": kind, "record": row, "claim": asdict(claim) if claim else None,
                    "history": audit_trail.history(conn, item_id)})  # fmt: skip


@bp.route("/items/<item_id>/claim", methods=("POST",))
def claim(item_id: str) -> Any:
    conn = get_db()
    try:
        c = claims.claim(
            conn, item_id, g.api_user, accounts.get_setting(conn, "claim_minutes"),
            max_claims=accounts.get_setting(conn, "max_claims"),
        )  # fmt: skip
    except errors.DecisionError as exc:
        return _error(str(exc), exc.status)
    return jsonify(asdict(c))


@bp.route("/items/<item_id>/decision", methods=("POST",))
def decision(item_id: str) -> Any:
    conn = get_db()
    body = request.get_json(silent=True)
    try:
        action, version, changes = decisions.parse_decision(body)
        if action in ("approve", "decline"):
            open_ = conn.execute(
                "SELECT id, version FROM review_proposals WHERE item_id = ? AND state = 'open'", (item_id,)
            ).fetchone()
            if open_ is None:
                raise errors.NotFound(f"{item_id} has no correction awaiting approval")
            if open_["version"] != version:
                raise errors.StaleVersion(item_id, version, open_["version"])
            result = proposals.settle_proposal(conn, open_["id"], g.api_user, action == "approve")
        else:
            result = decisions.decide(
                conn, item_id, g.api_user, action, version, changes,
                require_approval=accounts.get_setting(conn, "require_approval"),
            )  # fmt: skip
    except errors.StaleVersion as exc:
        return _error(str(exc), 409, current_version=exc.current)
    except errors.DecisionError as exc:
        return _error(str(exc), exc.status)
    return jsonify(result.api())


@bp.route("/quality")
def quality() -> Any:
    return jsonify(asdict(audits.quality(get_db())))
