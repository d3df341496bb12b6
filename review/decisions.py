"""Review decisions: confirm, correct or reject an item made on its version, one by one or a table at once.

Pure functions over a work-store connection, shared by the HTML pages and the JSON API. Every
decision names the version it was made on. Inside one ``BEGIN IMMEDIATE`` transaction the row is
re-read; a different version raises ``StaleVersion`` (HTTP 409) and nothing is written. Otherwise
the record's row (status, changed fields, version + 1) and its audit row (``review.audit_trail``)
are written together, the claim (``review.claims``) is released, an open audit sample
(``review.audits``) is closed and a confirmed code is learned (``review.learned``). With
``require_approval`` a correction is held for sign-off (``review.proposals``).
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from extract.reasons import dumps
from extract.reasons import reason as why
from review.accounts import User, get_setting
from review.audit_trail import record_audit
from review.audits import close_audit_sample
from review.claims import check_claim
from review.edits import apply_fields, cell_diff, diff, table_shape, validate_changes, write_cells
from review.errors import BadDecision, Claimed, NotFound, StaleVersion, message
from review.item_ids import item_id_of, parse_item_id
from review.learned import learn_code
from review.notes import BULK_CONFIRM
from review.store import transaction

ACTIONS = ("confirm", "correct", "reject")


@dataclass
class Decision:
    item_id: str
    action: str
    status: str
    version: int
    before: dict[str, Any]
    after: dict[str, Any]
    proposal_id: int | None = None

    def api(self) -> dict[str, Any]:
        return asdict(self)


def parse_decision(body: Any) -> tuple[str, int, dict[str, Any]]:
    """(action, version, changes) from a JSON body; BadDecision when malformed."""
    if not isinstance(body, dict):
        raise BadDecision("the body must be a JSON object {action, version, changes}")
    action = body.get("action")
    if action not in (*ACTIONS, "approve", "decline"):
        raise BadDecision(f"action must be one of {', '.join(ACTIONS)} (or approve/decline for approvers)")
    version = body.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise BadDecision("version must be an integer: the version the decision was made on")
    changes = body.get("changes", {})
    if changes is None:
        changes = {}
    if not isinstance(changes, dict):
        raise BadDecision("changes must be an object")
    return action, version, changes


def decide(
    conn: sqlite3.Connection,
    item_id: str,
    user: User,
    action: str,
    version: int,
    changes: dict[str, Any] | None = None,
    *,
    require_approval: bool = False,
    now: float | None = None,
    handle_seconds: float | None = None,
    note: str = "",
) -> Decision:
    """Confirm, correct or reject one item made on ``version``.

    A ``confirm`` that carries real changes is a correction; a ``correct`` without
    any is refused. With ``require_approval`` a correction is held for sign-off.
    """
    now = time.time() if now is None else now
    if action not in ACTIONS:
        raise BadDecision(f"action must be one of {', '.join(ACTIONS)}")
    kind, table_name, key = parse_item_id(item_id)
    with transaction(conn):
        row = conn.execute(f"SELECT * FROM {table_name} WHERE id = ?", (key,)).fetchone()
        if row is None:
            raise NotFound(f"no such item {item_id!r}")
        row = dict(row)
        if row["version"] != version:
            raise StaleVersion(item_id, version, row["version"])
        held = check_claim(conn, item_id, user, now)
        handle = handle_seconds if handle_seconds is not None else held
        if conn.execute(
            "SELECT 1 FROM review_proposals WHERE item_id = ? AND state = 'open'", (item_id,)
        ).fetchone():
            raise Claimed(item_id, "an approver (a correction awaits sign-off)", now + 60)
        table_row = row if kind == "table" else dict(
            conn.execute("SELECT * FROM tables WHERE id = ?", (row["table_id"],)).fetchone()
        )  # fmt: skip
        if kind == "line_item":  # the record's own cell as printed: an amount edit rewrites it alike
            cell = conn.execute("SELECT text FROM cells WHERE table_id = ? AND row = ? AND col = ?",
                                (row["table_id"], row["row"], row["col"])).fetchone()  # fmt: skip
            row["cell_text"] = cell["text"] if cell else ""
        fields, cells = validate_changes(
            kind, row, table_row, changes if action != "reject" else {},
            shape=table_shape(conn, table_row["id"]), max_chars=get_setting(conn, "max_text_chars"),
        )  # fmt: skip
        before, after = diff(row, fields)
        cell_before, cell_after = cell_diff(conn, table_row["id"], cells)
        changed = bool(after or cell_after)
        if action == "correct" and not changed:
            raise BadDecision(message("correct_unchanged"))
        status = "rejected" if action == "reject" else ("corrected" if changed else "confirmed")
        new_version = version + 1
        document_id = row["document_id"]
        if status == "corrected" and require_approval:
            held_changes = {**{k: (float(v) if isinstance(v, Decimal) else v) for k, v in fields.items()},
                            "cells": [{"row": r, "col": c, "text": t} for r, c, t in cells]}  # fmt: skip
            reason = dumps([why("review.awaiting_approval", user=user.name)])
            conn.execute(
                f"UPDATE {table_name} SET status = 'pending', reason = ?, version = ? WHERE id = ?",
                (reason, new_version, key),
            )
            cur = conn.execute(
                """INSERT INTO review_proposals (item_id, user_id, user_name, changes, version, created_at)
                   VALUES (?, ?, ?, ?, ?, ?)""",
                (item_id, user.id, user.name, json.dumps(held_changes, ensure_ascii=False), new_version, now),
            )
            record_audit(conn, item_id, kind, document_id, user, "propose", "pending", version, new_version,
                   {**before, **cell_before, "status": row["status"]}, {**after, **cell_after, "status": "pending"},
                   now, handle, note=dumps([why("review.held_for_approval")]))  # fmt: skip
            close_audit_sample(conn, item_id, "corrected", now)
            conn.execute("DELETE FROM review_claims WHERE item_id = ?", (item_id,))
            return Decision(item_id, "propose", "pending", new_version, before, after, cur.lastrowid)
        apply_fields(conn, table_name, key, after)
        write_cells(conn, table_row["id"], cell_after)
        conn.execute(
            f"UPDATE {table_name} SET status = ?, version = ? WHERE id = ?", (status, new_version, key)
        )
        before["status"], after["status"] = row["status"], status
        record_audit(conn, item_id, kind, document_id, user, action, status, version, new_version,
               {**before, **cell_before}, {**after, **cell_after}, now, handle, note=note)  # fmt: skip
        if kind == "line_item" and status in ("confirmed", "corrected"):
            learn_code(conn, item_id, after.get("code", row["code"]), after.get("name", row["name"]), now)
        close_audit_sample(conn, item_id, status, now)
        conn.execute("DELETE FROM review_claims WHERE item_id = ?", (item_id,))
    return Decision(item_id, action, status, new_version, before, after)


def bulk_confirm_table(
    conn: sqlite3.Connection, table_id: str, user: User, version: int, *, via_item: str | None = None,
    now: float | None = None,
) -> list[str]:  # fmt: skip
    """Confirm a table and every record of it waiting in the queue, made on the table's ``version``.

    Records claimed by someone else or held for approval are left alone. The
    reviewer's time on ``via_item`` (the item they opened) is shared among the records.
    """
    now = time.time() if now is None else now
    tbl_item = item_id_of("table", table_id)
    with transaction(conn):
        table = conn.execute("SELECT * FROM tables WHERE id = ?", (table_id,)).fetchone()
        if table is None:
            raise NotFound(f"no such table {table_id!r}")
        if table["version"] != version:
            raise StaleVersion(tbl_item, version, table["version"])
        total = check_claim(conn, via_item, user, now) if via_item else None
        audits = {
            r[0] for r in conn.execute("SELECT item_id FROM review_audit_samples WHERE decided_at IS NULL")
        }
        held = {r[0] for r in conn.execute("SELECT item_id FROM review_proposals WHERE state = 'open'")}
        others = {
            r[0]
            for r in conn.execute(
                "SELECT item_id FROM review_claims WHERE expires_at > ? AND user_id != ?", (now, user.id)
            )
        }
        targets: list[tuple[str, str, str, dict]] = []
        if table["status"] == "pending" and tbl_item not in held and tbl_item not in others:
            targets.append((tbl_item, "table", "tables", dict(table)))
        for kind, name in (("line_item", "line_items"), ("indicator", "indicators")):
            for r in conn.execute(f"SELECT * FROM {name} WHERE table_id = ? ORDER BY row, id", (table_id,)):
                iid = item_id_of(kind, r["id"])
                if (r["status"] == "pending" or iid in audits) and iid not in held and iid not in others:
                    targets.append((iid, kind, name, dict(r)))
        share = (total / len(targets)) if (total is not None and targets) else None
        done = []
        for iid, kind, name, r in targets:
            conn.execute(
                f"UPDATE {name} SET status = 'confirmed', version = version + 1 WHERE id = ?", (r["id"],)
            )
            record_audit(conn, iid, kind, r["document_id"], user, "confirm", "confirmed", r["version"], r["version"] + 1,
                   {"status": r["status"]}, {"status": "confirmed"}, now, share, note=dumps([why(BULK_CONFIRM, table=table_id)]))  # fmt: skip
            if kind == "line_item":
                learn_code(conn, iid, r["code"], r["name"], now)
            close_audit_sample(conn, iid, "confirmed", now)
            conn.execute("DELETE FROM review_claims WHERE item_id = ?", (iid,))
            done.append(iid)
    return done
