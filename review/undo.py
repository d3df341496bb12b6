"""Undoing a decision, and what a bulk confirm leaves alone.

``undo_last`` takes back the reader's last decision (one confirm, correct or reject, or every record
of their last bulk confirm): the fields and cells it changed go back to what they were, the status
to what it was, the version moves on (so a page still open on the decided version is stale) and the
undo is written to the audit trail (action ``undo``) like any decision. It is refused when someone
decided on the record after the reader, or when the reader has nothing left to undo.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass

from extract.reasons import dumps, reason
from review.accounts import User
from review.audit_trail import record_audit
from review.edits import apply_fields, write_cells
from review.errors import BadDecision, message
from review.item_ids import parse_item_id
from review.notes import BULK_CONFIRM, action_reason, note_code
from review.store import transaction

UNDOABLE = ("confirm", "correct", "reject")


@dataclass(frozen=True)
class Undone:
    item_id: str
    status: str
    count: int


def _last_rows(conn: sqlite3.Connection, user: User) -> list[sqlite3.Row]:
    """The audit rows of the reader's last decision (several for a bulk confirm), if not undone yet."""
    last = conn.execute(
        "SELECT * FROM review_audit WHERE user_id = ? ORDER BY at DESC, id DESC LIMIT 1", (user.id,)
    ).fetchone()
    if last is None or last["action"] not in UNDOABLE:
        return []
    if note_code(last["note"]) == BULK_CONFIRM:
        return conn.execute(
            "SELECT * FROM review_audit WHERE user_id = ? AND at = ? AND note = ? ORDER BY id",
            (user.id, last["at"], last["note"]),
        ).fetchall()
    return [last]


def undoable(conn: sqlite3.Connection, user: User) -> str:
    """The item of the reader's last decision if it can still be undone, else ''."""
    rows = _last_rows(conn, user)
    if not rows:
        return ""
    later = conn.execute(
        "SELECT 1 FROM review_audit WHERE item_id = ? AND id > ?", (rows[-1]["item_id"], rows[-1]["id"])
    ).fetchone()
    return "" if later else rows[-1]["item_id"]


def undo_last(conn: sqlite3.Connection, user: User, now: float | None = None) -> Undone:
    """Undo the reader's last decision; ``BadDecision`` when there is none or someone decided after."""
    now = time.time() if now is None else now
    with transaction(conn):
        rows = _last_rows(conn, user)
        if not rows:
            raise BadDecision(message("undo_none"))
        for a in rows:
            later = conn.execute(
                "SELECT user_name FROM review_audit WHERE item_id = ? AND id > ? ORDER BY id",
                (a["item_id"], a["id"]),
            ).fetchone()
            if later is not None:
                raise BadDecision(message("undo_later", user=later["user_name"], item=a["item_id"]))
        status = ""
        for a in rows:
            kind, table_name, key = parse_item_id(a["item_id"])
            row = conn.execute(f"SELECT * FROM {table_name} WHERE id = ?", (key,)).fetchone()
            if row is None or row["version"] != a["version_after"]:
                raise BadDecision(message("undo_changed", item=a["item_id"]))
            before, after = json.loads(a["before"]), json.loads(a["after"])
            status = before.get("status", "pending")
            fields = {k: v for k, v in before.items() if k != "status" and not k.startswith("cell ")}
            cells = {k: v or "" for k, v in before.items() if k.startswith("cell ")}
            apply_fields(conn, table_name, key, fields)
            table_id = key if kind == "table" else row["table_id"]
            write_cells(conn, table_id, cells)
            version = row["version"] + 1
            conn.execute(
                f"UPDATE {table_name} SET status = ?, version = ? WHERE id = ?", (status, version, key)
            )
            record_audit(conn, a["item_id"], kind, a["document_id"], user, "undo", status, row["version"], version,
                         after, {**fields, **cells, "status": status}, now, None, note=dumps([reason("review.undo_of", action=action_reason(a["action"]))]))  # fmt: skip
            conn.execute(
                "UPDATE review_audit_samples SET decided_at = NULL, outcome = NULL WHERE item_id = ? AND decided_at = ?",
                (a["item_id"], a["at"]),
            )
    return Undone(rows[-1]["item_id"], status, len(rows))


def bulk_skipped(
    conn: sqlite3.Connection, table_id: str, user: User, now: float | None = None
) -> list[tuple[str, str]]:
    """The pending records of a table a bulk confirm leaves alone because another reviewer holds
    them: (what the record is — code, name and column, or the indicator —, who holds it)."""
    now = time.time() if now is None else now
    out = []
    for r in conn.execute(
        """SELECT c.user_name, l.code, l.name, l."column" AS col, NULL AS level3 FROM review_claims c
             JOIN line_items l ON c.item_id = 'li-' || l.id
            WHERE l.table_id = ? AND l.status = 'pending' AND c.expires_at > ? AND c.user_id != ?
           UNION ALL
           SELECT c.user_name, NULL, NULL, NULL, i.level3 FROM review_claims c
             JOIN indicators i ON c.item_id = 'ind-' || i.id
            WHERE i.table_id = ? AND i.status = 'pending' AND c.expires_at > ? AND c.user_id != ?""",
        (table_id, now, user.id, table_id, now, user.id),
    ):
        what = r["level3"] or " ".join(x for x in (r["code"], r["name"], r["col"] and f"· {r['col']}") if x)
        out.append((what, r["user_name"]))
    return out
