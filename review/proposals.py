"""Approvals (``review_proposals``): when the ``require_approval`` setting is on, a correction is
held as a proposal (the record stays pending) until a different approver signs it off."""

from __future__ import annotations

import json
import sqlite3
import time
from typing import Any

from extract.reasons import dumps
from extract.reasons import reason as why
from review.accounts import User
from review.audit_trail import record_audit
from review.decisions import Decision
from review.edits import apply_fields, cell_diff, diff, validate_changes, write_cells
from review.errors import Forbidden, NotFound, StaleVersion
from review.item_ids import parse_item_id
from review.learned import learn_code
from review.store import transaction


def open_proposals(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    out = []
    for r in conn.execute("SELECT * FROM review_proposals WHERE state = 'open' ORDER BY created_at"):
        d = dict(r)
        d["changes"] = json.loads(d["changes"])
        out.append(d)
    return out


def settle_proposal(
    conn: sqlite3.Connection, proposal_id: int, user: User, approve: bool, now: float | None = None
) -> Decision:
    """An approver signs off (``approve``) or declines a held correction."""
    now = time.time() if now is None else now
    if not user.can_approve:
        raise Forbidden("only an approver or an admin can sign off corrections")
    with transaction(conn):
        p = conn.execute("SELECT * FROM review_proposals WHERE id = ?", (proposal_id,)).fetchone()
        if p is None or p["state"] != "open":
            raise NotFound(f"no open proposal {proposal_id}")
        if p["user_id"] == user.id:
            raise Forbidden("a correction needs the sign-off of someone other than its author")
        item_id = p["item_id"]
        kind, table_name, key = parse_item_id(item_id)
        row = dict(conn.execute(f"SELECT * FROM {table_name} WHERE id = ?", (key,)).fetchone())
        if row["version"] != p["version"]:
            raise StaleVersion(item_id, p["version"], row["version"])
        new_version = row["version"] + 1
        if approve:
            changes = json.loads(p["changes"])
            table_row = row if kind == "table" else dict(
                conn.execute("SELECT * FROM tables WHERE id = ?", (row["table_id"],)).fetchone()
            )  # fmt: skip
            fields, cells = validate_changes(kind, row, table_row, changes)
            before, after = diff(row, fields)
            cell_before, cell_after = cell_diff(conn, table_row["id"], cells)
            apply_fields(conn, table_name, key, after)
            write_cells(conn, table_row["id"], cell_after)
            status, reason = "corrected", ""
            if kind == "line_item":
                learn_code(conn, item_id, after.get("code", row["code"]), after.get("name", row["name"]), now)
        else:
            before, after, cell_before, cell_after = {}, {}, {}, {}
            status, reason = (
                "pending",
                dumps([why("review.correction_declined", proposer=p["user_name"], user=user.name)]),
            )
        conn.execute(
            f"UPDATE {table_name} SET status = ?, reason = ?, version = ? WHERE id = ?",
            (status, reason, new_version, key),
        )
        before["status"], after["status"] = row["status"], status
        action = "approve" if approve else "decline"
        record_audit(conn, item_id, kind, row["document_id"], user, action, status, row["version"], new_version,
               {**before, **cell_before}, {**after, **cell_after}, now, None,
               note=dumps([why("review.proposal", proposal=proposal_id, user=p["user_name"])]))  # fmt: skip
        conn.execute(
            "UPDATE review_proposals SET state = ?, decided_by = ?, decided_at = ? WHERE id = ?",
            ("approved" if approve else "declined", user.name, now, proposal_id),
        )
    return Decision(item_id, action, status, new_version, before, after, proposal_id)
