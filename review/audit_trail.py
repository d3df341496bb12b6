"""The audit trail (``review_audit``): who, when, action, version before/after and the changed fields
before and after, per record."""

from __future__ import annotations

import json
import sqlite3
import time
from typing import Any

from review.accounts import User


def record_audit(
    conn: sqlite3.Connection, item_id: str, kind: str, document_id: str, user: User, action: str, status_after: str,
    version_before: int, version_after: int, before: dict, after: dict, now: float, handle: float | None,
    note: str = "",
) -> None:  # fmt: skip
    conn.execute(
        """INSERT INTO review_audit (item_id, kind, document_id, user_id, user_name, action, status_after,
                                     version_before, version_after, before, after, at, handle_seconds, note)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (item_id, kind, document_id, user.id, user.name, action, status_after, version_before, version_after,
         json.dumps(before, ensure_ascii=False), json.dumps(after, ensure_ascii=False), now, handle, note),
    )  # fmt: skip


def history(conn: sqlite3.Connection, item_id: str) -> list[dict[str, Any]]:
    """The audit trail of one record, oldest first."""
    rows = conn.execute("SELECT * FROM review_audit WHERE item_id = ? ORDER BY at, id", (item_id,)).fetchall()
    out = []
    for r in rows:
        d = dict(r)
        d["before"], d["after"] = json.loads(d["before"]), json.loads(d["after"])
        d["at_iso"] = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(d["at"]))
        out.append(d)
    return out
