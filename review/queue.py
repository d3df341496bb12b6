"""HTML pages of the review work: dashboard, queue, item (source beside the extraction), approvals."""

from __future__ import annotations

import json
import sqlite3
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

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

from extract.numbers import UNIT_SCALE
from extract.taxonomy import LEVEL1, LEVEL2, TABLE_TYPES
from review import (
    accounts,
    audit_trail,
    audits,
    claims,
    decisions,
    edits,
    errors,
    item_ids,
    overlay,
    proposals,
    undo,
    versions,
    work_queue,
)
from review.auth import login_required, role_required
from review.db import get_db
from review.i18n import STATUS_NAMES, render_reasons

bp = Blueprint("queue", __name__)

FILTERS = ("document_id", "table_type", "reason", "kind")
GRID_WINDOW = 40  # rows shown either side of the record in a long table
PAGE_SIZE = 100  # queue items on one page (?page=2 … for the rest)


def _filters(source: Any) -> dict[str, str]:
    return {k: source.get(k, "").strip() for k in FILTERS if source.get(k, "").strip()}


def _queue_db() -> Any:
    """The store, with audit samples drawn for documents finished since the last look."""
    conn = get_db()
    if current_app.config["SAMPLE_AUDITS"]:
        audits.sample_audits(conn)
    return conn


@bp.route("/")
@login_required
def dashboard() -> Any:
    conn = _queue_db()
    summary = work_queue.summarize(conn)
    return render_template(
        "dashboard.html", q=audits.quality(conn), summary=summary, audits=summary.audits,
        proposals=len(proposals.open_proposals(conn)), settings=accounts.all_settings(conn),
    )  # fmt: skip


@bp.route("/queue")
@login_required
def queue() -> Any:
    conn = _queue_db()
    filters = _filters(request.args)
    page = max(1, request.args.get("page", 1, type=int) or 1)
    summary = work_queue.summarize(conn)
    matching = work_queue.count_items(conn, "pending", **filters) if filters else summary.pending
    items = work_queue.list_items(conn, "pending", limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, **filters)
    offered = dict(summary.by_document)  # the document filter offers the most pending; the rest by search
    if filters.get("document_id") and filters["document_id"] not in offered:
        offered.update(work_queue.pending_of(conn, [filters["document_id"]]))
    documents = described_documents(conn, sorted(offered.keys() | {it.document_id for it in items}))
    table_ids = sorted({it.table_id for it in items})
    units = {
        r[0]: r[1] or ""
        for r in conn.execute(
            f"SELECT id, unit FROM tables WHERE id IN ({','.join('?' * len(table_ids))})", table_ids
        )
    }
    pages = max(1, -(-matching // PAGE_SIZE))
    return render_template(
        "queue.html", items=items, shown=len(items), matching=matching, summary=summary,
        filters=filters, documents=documents, offered=offered, table_types=sorted(TABLE_TYPES), qs=urlencode(filters),
        page=page, pages=pages, first=(page - 1) * PAGE_SIZE + 1,
        units=units, doc_label=doc_label, amount_in_unit=amount_in_unit,
    )  # fmt: skip


def described_documents(conn: sqlite3.Connection, ids: list[str] | None = None) -> dict[str, dict[str, Any]]:
    """The documents ``ids`` (default: every document) with their department and year; a document
    that printed none (a scan without a legible heading) takes them from another shape of the same
    disclosure."""
    select = "SELECT id, source_file, department, year, format, disclosure_id FROM documents"
    if ids is None:
        docs = {r["id"]: dict(r) for r in conn.execute(select)}
    else:
        docs = {}
        for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
            docs.update((r["id"], dict(r)) for r in conn.execute(
                f"{select} WHERE id IN ({','.join('?' * len(chunk))})", chunk))  # fmt: skip
    for d in docs.values():
        if not d["disclosure_id"] or (d["department"] and d["year"]):
            continue
        other = conn.execute(
            "SELECT department, year FROM documents WHERE disclosure_id = ? AND department != '' ORDER BY rowid LIMIT 1",
            (d["disclosure_id"],),
        ).fetchone()
        if other is not None:
            d["department"] = d["department"] or other["department"]
            d["year"] = d["year"] or other["year"]
    return docs


@bp.route("/queue/documents")
@login_required
def queue_documents() -> Any:
    """The document filter's choices as JSON: documents with items pending whose id, file name,
    department or year holds ``q`` (the most pending first; without ``q``, the most pending)."""
    conn = get_db()
    text = request.args.get("q", "").strip()[:100]
    found = work_queue.find_documents(conn, text) if text else work_queue.summarize(conn).by_document
    docs = described_documents(conn, list(found))
    return {"documents": [{"id": d, "label": doc_label(docs.get(d)), "pending": n} for d, n in found.items()]}


def doc_label(doc: dict[str, Any] | None, short: bool = False) -> str:
    """A document as a reviewer knows it: department, year, and (unless short) its format and file name."""
    if doc is None:
        return ""
    head = " ".join(
        str(x) for x in (doc.get("department") or _("(department not printed)"), doc.get("year") or "") if x
    )
    if short:
        return head
    name = Path(doc.get("source_file") or "").name
    return f"{head} · {doc.get('format') or ''} · {name}"


def amount_in_unit(amount_yuan: float | None, unit: str) -> str:
    """An amount (yuan) in the unit its table prints and the reasons quote: 1,205,000 元 in 万元 → 120.50 万元."""
    if amount_yuan is None:
        return ""
    unit = unit if unit in UNIT_SCALE else "元"
    value = Decimal(str(amount_yuan)) / UNIT_SCALE[unit]
    return f"{value:,.2f} {unit}" if value == value.quantize(Decimal("0.01")) else f"{value:,} {unit}"


@bp.route("/queue/next")
@login_required
def next_item() -> Any:
    filters = _filters(request.args)
    item = work_queue.next_item(get_db(), g.user, **filters)
    if item is None:
        flash(_("Nothing left in the queue for these filters. Well done."))
        return redirect(url_for("queue.queue", **filters))
    return redirect(url_for("queue.item", item_id=item.id, **filters))


def _grid(
    conn: sqlite3.Connection,
    table: dict[str, Any],
    rows: set[int],
    col: int | None,
    editable_rows: set[int] | None,
):
    cells = conn.execute(
        "SELECT row, col, text, confidence, rowspan, colspan FROM cells WHERE table_id = ? ORDER BY row, col",
        (table["id"],),
    ).fetchall()
    n_rows = max((c["row"] + 1 for c in cells), default=0)
    n_cols = max((c["col"] + 1 for c in cells), default=0)
    by_pos = {(c["row"], c["col"]): c for c in cells}
    header = int(table.get("header_rows") or 0)
    keep = set(range(n_rows))
    if n_rows > 2 * GRID_WINDOW + header and rows:
        lo, hi = min(rows) - GRID_WINDOW, max(rows) + GRID_WINDOW
        keep = {r for r in range(n_rows) if r < header or lo <= r <= hi}
    grid = []
    for r in sorted(keep):
        line = []
        for c in range(n_cols):
            cell = by_pos.get((r, c))
            line.append({
                "row": r, "col": c, "text": cell["text"] if cell else "",
                "confidence": cell["confidence"] if cell else None,
                "editable": editable_rows is None or r in editable_rows,
                "hl": r in rows and (col is None or c == col), "row_hl": r in rows,
                "record_cell": r in rows and col is not None and c == col,
            })  # fmt: skip
        grid.append({"row": r, "header": r < header, "cells": line})
    return grid, n_rows, len(keep)


def item_context(conn: sqlite3.Connection, item_id: str, user: accounts.User) -> dict[str, Any]:
    kind, _table, row = item_ids.get_row(conn, item_id)
    table = (
        row
        if kind == "table"
        else dict(conn.execute("SELECT * FROM tables WHERE id = ?", (row["table_id"],)).fetchone())
    )
    document = dict(conn.execute("SELECT * FROM documents WHERE id = ?", (row["document_id"],)).fetchone())
    if kind == "table":
        rows: set[int] = set()
        col = None
        editable: set[int] | None = None
    else:
        rows, col = {row["row"]}, row.get("col") if kind == "line_item" else None
        editable = {row["row"]}
    grid, n_rows, shown_rows = _grid(conn, table, rows, col, editable)
    lines = overlay.source_lines(conn, document, table, rows, col) if rows or kind == "table" else None
    audit_open = conn.execute(
        "SELECT 1 FROM review_audit_samples WHERE item_id = ? AND decided_at IS NULL", (item_id,)
    ).fetchone()
    reasons = render_reasons(row.get("reason"))
    if audit_open:
        reasons.append(_("audit sample of an auto-accepted record"))
    if kind != "table" and table.get("status") == "pending" and table.get("reason"):
        reasons.extend(_("table: %(reason)s", reason=r) for r in render_reasons(table["reason"]))
    siblings = work_queue.count_items(conn, "pending", document_id=row["document_id"], table_id=table["id"])
    return {
        "item_id": item_id, "kind": kind, "row": row, "table": table, "document": document, "grid": grid,
        "n_rows": n_rows, "shown_rows": shown_rows, "lines": lines, "reasons": reasons,
        "image": overlay.has_image(document), "record_col": col, "record_row": min(rows) if rows else None,
        "history": audit_trail.history(conn, item_id), "claim": claims.current_claim(conn, item_id),
        "editable": edits.EDITABLE[kind], "table_types": sorted(TABLE_TYPES), "level1": LEVEL1,
        "level2": LEVEL2, "siblings": siblings, "previous": versions.previous_decision(conn, kind, row),
        "undoable": undo.undoable(conn, user), "amount_text": _amount_text(kind, row),
        "proposal": conn.execute(
            "SELECT * FROM review_proposals WHERE item_id = ? AND state = 'open'", (item_id,)
        ).fetchone(),
    }  # fmt: skip


@bp.route("/items/<item_id>")
@login_required
def item(item_id: str) -> Any:
    conn = get_db()
    try:
        item_ids.get_row(conn, item_id)
    except errors.NotFound as exc:
        abort(404, description=str(exc))
    note = ""
    try:
        claims.claim(
            conn, item_id, g.user, accounts.get_setting(conn, "claim_minutes"),
            max_claims=accounts.get_setting(conn, "max_claims"),
        )  # fmt: skip
    except errors.Claimed as exc:
        note = _(
            "%(why)s You can look, but your decision will be refused until the claim expires.", why=str(exc)
        )
    ctx = item_context(conn, item_id, g.user)
    return render_template(
        "item.html", note=note, filters=_filters(request.args), qs=urlencode(_filters(request.args)), **ctx
    )


def _amount_text(kind: str, row: dict[str, Any]) -> str:
    return f"{row['amount_yuan']:.2f}" if kind == "line_item" and row.get("amount_yuan") is not None else ""


def form_changes(kind: str, row: dict[str, Any], form: Any) -> dict[str, Any]:
    """The label fields a form changed (compared with the record as stored), and its cell edits."""
    changes: dict[str, Any] = {}
    for key in edits.EDITABLE[kind]:
        if key not in form:
            continue
        value = form.get(key, "").strip()
        old = row.get(key)
        if key == "amount_yuan":
            try:
                same = old is not None and Decimal(value.replace(",", "")) == Decimal(str(old)).quantize(
                    Decimal("0.01")
                )
            except InvalidOperation:
                same = False
            if not same:
                changes[key] = value
        elif value != (old or ""):
            changes[key] = value
    raw = form.get("cells_json", "").strip()
    if raw:
        try:
            cells = json.loads(raw)
        except ValueError:
            abort(400, description="cells_json is not JSON")
        if cells:
            changes["cells"] = cells
    return changes


@bp.route("/items/<item_id>/decision", methods=("POST",))
@login_required
def decide(item_id: str) -> Any:
    conn = get_db()
    filters = _filters(request.form)
    try:
        kind, _table, row = item_ids.get_row(conn, item_id)
        action = request.form.get("action", "")
        try:
            version = int(request.form.get("version", ""))
        except ValueError:
            abort(400, description="the form carries no version")
        changes = form_changes(kind, row, request.form) if action != "reject" else {}
        note = request.form.get("reject_reason", "").strip()[:500] if action == "reject" else ""
        if action == "reject" and not note:
            raise errors.BadDecision(_("A rejection needs a reason: say why the record is wrong."))
        result = decisions.decide(
            conn, item_id, g.user, action, version, changes,
            require_approval=accounts.get_setting(conn, "require_approval"), note=note,
        )  # fmt: skip
    except (errors.StaleVersion, errors.Claimed, errors.BadDecision) as exc:
        ctx = item_context(conn, item_id, g.user)
        return render_template(
            "item.html", note="", error=str(exc), filters=filters, qs=urlencode(filters), **ctx
        ), exc.status
    except errors.NotFound as exc:
        abort(404, description=str(exc))
    word = {
        "confirmed": _("Confirmed %(item)s (version %(version)s).", item=item_id, version=result.version),
        "corrected": _("Corrected %(item)s (version %(version)s).", item=item_id, version=result.version),
        "rejected": _("Rejected %(item)s (version %(version)s).", item=item_id, version=result.version),
        "pending": _(
            "Sent for approval: %(item)s (version %(version)s).", item=item_id, version=result.version
        ),
    }
    flash(word.get(result.status, result.status) + " " + _("Press u to undo."))
    return redirect(url_for("queue.next_item", **filters))


@bp.route("/undo", methods=("POST",))
@login_required
def undo_last() -> Any:
    """Undo the reader's last decision (audited); refused when someone decided on the record after."""
    conn = get_db()
    try:
        done = undo.undo_last(conn, g.user)
    except errors.DecisionError as exc:
        flash(_("Cannot undo: %(why)s", why=str(exc)))
        return redirect(url_for("queue.queue"))
    flash(
        _(
            "Undone: %(item)s is %(status)s again.",
            item=done.item_id,
            status=STATUS_NAMES.get(done.status, done.status),
        )
    )
    return redirect(url_for("queue.item", item_id=done.item_id))


@bp.route("/favicon.ico")
def favicon() -> Any:
    return redirect(url_for("static", filename="favicon.svg"), 301)


@bp.route("/items/<item_id>/release", methods=("POST",))
@login_required
def release(item_id: str) -> Any:
    try:
        item_ids.get_row(get_db(), item_id)
    except errors.NotFound as exc:
        abort(404, description=str(exc))
    claims.release(get_db(), item_id, g.user)
    filters = _filters(request.form)
    return redirect(url_for("queue.queue", **filters))


@bp.route("/tables/<table_id>/confirm-all", methods=("POST",))
@login_required
def confirm_table(table_id: str) -> Any:
    conn = get_db()
    filters = _filters(request.form)
    try:
        version = int(request.form.get("table_version", ""))
    except ValueError:
        abort(400, description="the form carries no table version")
    via = request.form.get("via_item") or None
    skipped = undo.bulk_skipped(conn, table_id, g.user)
    try:
        done = decisions.bulk_confirm_table(conn, table_id, g.user, version, via_item=via)
    except (errors.StaleVersion, errors.Claimed) as exc:
        flash(str(exc))
        return (
            redirect(url_for("queue.item", item_id=via, **filters))
            if via
            else (redirect(url_for("queue.queue")))
        )
    except errors.NotFound as exc:
        abort(404, description=str(exc))
    title = conn.execute("SELECT title FROM tables WHERE id = ?", (table_id,)).fetchone()[0] or ""
    message = _("Confirmed %(n)s records of «%(title)s».", n=len(done), title=title)
    if skipped:
        message += " " + _(
            "Skipped %(n)s: %(which)s.",
            n=len(skipped),
            which="；".join(_("%(what)s (claimed by %(who)s)", what=what, who=who) for what, who in skipped),
        )
    flash(message)
    return redirect(url_for("queue.next_item", **filters))


@bp.route("/source/<table_id>.png")
@login_required
def table_image(table_id: str) -> Any:
    conn = get_db()
    table = conn.execute("SELECT * FROM tables WHERE id = ?", (table_id,)).fetchone()
    if table is None:
        abort(404)
    document = dict(conn.execute("SELECT * FROM documents WHERE id = ?", (table["document_id"],)).fetchone())
    row = request.args.get("row", type=int)
    col = request.args.get("col", type=int)
    png = overlay.table_crop(conn, document, dict(table), Path(current_app.config["PAGE_CACHE"]), row, col)
    if png is None:
        abort(404, description="no page image for this table")
    return Response(png, mimetype="image/png", headers={"Cache-Control": "private, max-age=300"})


@bp.route("/records/<item_id>/history")
@login_required
def record_history(item_id: str) -> Any:
    conn = get_db()
    try:
        kind, _table, row = item_ids.get_row(conn, item_id)
    except errors.NotFound as exc:
        abort(404, description=str(exc))
    return render_template(
        "history.html", item_id=item_id, kind=kind, row=row, history=audit_trail.history(conn, item_id)
    )


@bp.route("/approvals")
@role_required("approver", "admin")
def approvals() -> Any:
    return render_template("approvals.html", proposals=proposals.open_proposals(get_db()))


@bp.route("/approvals/<int:proposal_id>", methods=("POST",))
@role_required("approver", "admin")
def settle(proposal_id: int) -> Any:
    approve = request.form.get("decision") == "approve"
    try:
        result = proposals.settle_proposal(get_db(), proposal_id, g.user, approve)
    except errors.DecisionError as exc:
        return render_template(
            "approvals.html", proposals=proposals.open_proposals(get_db()), error=str(exc)
        ), exc.status
    flash(
        _("Approved the correction of %(item)s.", item=result.item_id)
        if approve
        else _("Declined the correction of %(item)s.", item=result.item_id)
    )
    return redirect(url_for("queue.approvals"))
