"""Findings in the review service: a document's findings, a reviewer's mark on each, false-alarm rates.

* ``GET /documents/<id>/findings``: the document's findings, errors first, each linked to its source
  (the table's first record in the review queue, the page and lines of the text it quotes);
* ``POST /documents/<id>/findings/<finding_id>/mark`` (``mark`` = confirmed | false_alarm): the mark is
  kept in ``review_finding_marks`` (keyed by document, check and message, so it survives re-processing)
  and audited in ``review_audit`` (kind ``finding``);
* ``GET /documents/<id>/report``: the auditor's report (``review.report``) as a page;
* ``GET /findings/rates``: each check's share of marked findings that were false alarms, also shown on
  the dashboard (``finding_rates`` in every template).
"""

from __future__ import annotations

import sqlite3
import time
from typing import Any

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for

from review.audit_trail import record_audit
from review.auth import login_required
from review.db import get_db
from review.errors import message
from review.i18n import language
from review.report import MARK_NAMES, SEVERITY_NAMES, UnknownDocument, build_report, findings_of, to_html

bp = Blueprint("findings", __name__)
MARKS = ("confirmed", "false_alarm")


def false_alarm_rates(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Per check: findings marked, of them false alarms, and the rate (None before any mark)."""
    rows = conn.execute(
        """SELECT "check", count(*) AS marked, sum(mark = 'false_alarm') AS false_alarms
           FROM review_finding_marks GROUP BY "check" ORDER BY "check" """
    ).fetchall()
    return [
        {
            "check": r["check"],
            "marked": r["marked"],
            "false_alarms": r["false_alarms"],
            "rate": r["false_alarms"] / r["marked"] if r["marked"] else None,
        }
        for r in rows
    ]


def mark_finding(conn: sqlite3.Connection, document_id: str, finding_id: int, mark: str, user: Any) -> dict:
    """Mark one finding confirmed or a false alarm; the change is audited. KeyError: no such finding."""
    if mark not in MARKS:
        raise ValueError(f"mark must be one of {', '.join(MARKS)}, not {mark!r}")
    row = conn.execute(
        'SELECT id, "check", message FROM findings WHERE id = ? AND document_id = ?',
        (finding_id, document_id),
    ).fetchone()
    if row is None:
        raise KeyError(finding_id)
    before = conn.execute(
        'SELECT mark FROM review_finding_marks WHERE document_id = ? AND "check" = ? AND message = ?',
        (document_id, row["check"], row["message"]),
    ).fetchone()
    now = time.time()
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            """INSERT INTO review_finding_marks (document_id, "check", message, mark, user_name, at)
               VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT(document_id, "check", message) DO UPDATE SET mark = excluded.mark,
                 user_name = excluded.user_name, at = excluded.at""",
            (document_id, row["check"], row["message"], mark, user.name, now),
        )
        record_audit(
            conn, f"finding:{document_id}:{finding_id}", "finding", document_id, user, f"mark_{mark}", mark,
            0, 0, {"mark": before["mark"] if before else ""}, {"mark": mark, "check": row["check"],
            "message": row["message"]}, now, None,
        )  # fmt: skip
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return {"id": finding_id, "check": row["check"], "mark": mark}


def _document(conn: sqlite3.Connection, document_id: str) -> sqlite3.Row:
    row = conn.execute("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()
    if row is None:
        abort(404, description=message("no_document", id=document_id))
    return row


@bp.get("/documents/<document_id>/findings")
@login_required
def document_findings(document_id: str) -> Any:
    conn = get_db()
    doc = _document(conn, document_id)
    return render_template(
        "findings.html",
        doc=doc,
        findings=findings_of(conn, document_id, language()),
        severity_names=SEVERITY_NAMES,
        mark_names=MARK_NAMES,
    )


@bp.post("/documents/<document_id>/findings/<int:finding_id>/mark")
@login_required
def mark(document_id: str, finding_id: int) -> Any:
    conn = get_db()
    _document(conn, document_id)
    try:
        mark_finding(conn, document_id, finding_id, request.form.get("mark", ""), g.user)
    except ValueError as exc:
        abort(400, description=str(exc))
    except KeyError:
        abort(404, description=message("no_finding", finding=finding_id, id=document_id))
    flash(message("finding_marked"))
    return redirect(url_for("findings.document_findings", document_id=document_id) + f"#f{finding_id}")


@bp.get("/documents/<document_id>/report")
@login_required
def report(document_id: str) -> Any:
    try:
        page = to_html(build_report(get_db(), document_id))
    except UnknownDocument:
        abort(404, description=message("no_document", id=document_id))
    return Response(page, mimetype="text/html")


@bp.get("/findings/rates")
@login_required
def rates() -> Any:
    return render_template("finding_rates.html", rates=false_alarm_rates(get_db()))


@bp.app_context_processor
def _rates_for_templates() -> dict[str, Any]:
    """``finding_rates()`` for the dashboard."""
    return {"finding_rates": lambda: false_alarm_rates(get_db())}
