"""Review decisions: the queue, claims, versioned decisions, approvals, audits and the audit trail.

Pure functions over a work-store connection, shared by the HTML pages and the
JSON API. Record ids are ``li-<line_items.id>``, ``ind-<indicators.id>`` and
``tbl-<tables.id>``.

* **Claims** (``review_claims``): opening an item claims it for ``claim_minutes``;
  a claim held by someone else refuses another reviewer's decision (``Claimed``).
* **Versions**: every decision names the version it was made on. Inside one
  ``BEGIN IMMEDIATE`` transaction the row is re-read; a different version raises
  ``StaleVersion`` (HTTP 409) and nothing is written. Otherwise the record's row
  (status, changed fields, version + 1) and its audit row are written together.
* **Audit trail** (``review_audit``): who, when, action, version before/after and
  the changed fields before and after, per record.
* **Audits of auto-accepted records** (``review_audit_samples``): a share of each
  document's auto-accepted records is sampled into the queue; their outcomes
  measure the precision of auto-acceptance.
* **Approvals** (``review_proposals``): when the ``require_approval`` setting is on,
  a correction is held as a proposal (the record stays pending) until a
  different approver signs it off.
* **Learned codes** (``review_codes``): code ↔ name pairs reviewers confirmed or
  corrected; with the confirmed table types and indicator labels they are the
  training data of ``digitize train`` (``training_examples``, ``learned_codes``).
"""

from __future__ import annotations

import json
import math
import random
import re
import sqlite3
import statistics
import time
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from extract.numbers import parse_amount, to_yuan
from extract.taxonomy import LEVEL1, LEVEL2, TABLE_TYPES
from review.accounts import User, get_setting
from review.store import transaction

ACTIONS = ("confirm", "correct", "reject")
KINDS = {"li": ("line_item", "line_items"), "ind": ("indicator", "indicators"), "tbl": ("table", "tables")}
PREFIX = {kind: prefix for prefix, (kind, _) in KINDS.items()}
EDITABLE = {
    "line_item": ("code", "name", "column", "amount_yuan"),
    "indicator": ("project", "level1", "level2", "level3", "value"),
    "table": ("table_type", "title", "unit"),
}
AUDIT_REASON = "audit sample of an auto-accepted record"
HANDLE_CAP_SECONDS = 30 * 60


class DecisionError(Exception):
    status = 400


class NotFound(DecisionError):
    status = 404


class BadDecision(DecisionError):
    status = 400


class Forbidden(DecisionError):
    status = 403


class StaleVersion(DecisionError):
    """The record changed since the version the decision was made on."""

    status = 409

    def __init__(self, item_id: str, given: int, current: int) -> None:
        super().__init__(
            f"{item_id} is at version {current}, the decision was made on version {given}: "
            "someone changed it meanwhile; reload and decide again"
        )
        self.item_id, self.given, self.current = item_id, given, current


class Claimed(DecisionError):
    """Another reviewer holds an unexpired claim on the item."""

    status = 409

    def __init__(self, item_id: str, holder: str, expires_at: float) -> None:
        left = max(0, int(expires_at - time.time()))
        super().__init__(f"{item_id} is claimed by {holder} for another {left // 60} min {left % 60} s")
        self.item_id, self.holder, self.expires_at = item_id, holder, expires_at


# -- ids and items ------------------------------------------------------------------------------------


def parse_item_id(item_id: str) -> tuple[str, str, str | int]:
    """'li-12' → ('line_item', 'line_items', 12); 'tbl-<table id>' → ('table', 'tables', '<table id>')."""
    prefix, _, key = item_id.partition("-")
    if prefix not in KINDS or not key:
        raise NotFound(f"no such item {item_id!r} (ids look like li-12, ind-3, tbl-<table id>)")
    kind, table = KINDS[prefix]
    if prefix == "tbl":
        return kind, table, key
    if not key.isdigit():
        raise NotFound(f"no such item {item_id!r}")
    return kind, table, int(key)


def item_id_of(kind: str, key: str | int) -> str:
    return f"{PREFIX[kind]}-{key}"


def get_row(conn: sqlite3.Connection, item_id: str) -> tuple[str, str, dict[str, Any]]:
    kind, table, key = parse_item_id(item_id)
    row = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (key,)).fetchone()
    if row is None:
        raise NotFound(f"no such item {item_id!r}")
    return kind, table, dict(row)


@dataclass
class QueueItem:
    id: str
    kind: str
    document_id: str
    table_id: str
    reason: str
    confidence: float
    version: int
    status: str
    table_type: str = ""
    table_title: str = ""
    label: str = ""
    amount: float | None = None
    audit: bool = False
    score: float = 0.0
    claimed_by: str = ""

    def api(self) -> dict[str, Any]:
        keys = ("id", "kind", "document_id", "table_id", "reason", "confidence", "version", "status",
                "table_type", "amount", "audit", "score", "claimed_by")  # fmt: skip
        d = asdict(self)
        return {k: d[k] for k in keys}


def doubt_score(confidence: float | None, amount: float | None) -> float:
    """Queue order: doubt (1 - confidence, at least 0.05) × the weight of the amount (log10(10 + |yuan|))."""
    doubt = max(0.05, 1.0 - float(confidence if confidence is not None else 0.0))
    weight = math.log10(10.0 + abs(amount or 0.0))
    return round(doubt * weight, 6)


_REASON_NOISE = re.compile(r"^\s*row [^:]*:|\([^)]*\)|（[^）]*）|'[^']*'|[-+]?\d[\d.,%]*")


def reason_categories(reason: str) -> list[str]:
    """The kinds of reasons a reason string names, numbers and quoted values stripped."""
    out = []
    for part in reason.split(";"):
        cat = " ".join(_REASON_NOISE.sub(" ", part).split()).strip(" :=")
        if cat:
            out.append(cat)
    return out


_QUEUE_SQL = """
SELECT 'li-' || l.id AS id, 'line_item' AS kind, l.document_id, l.table_id, l.reason, l.confidence,
       l.version, l.status, t.table_type, t.title AS table_title,
       trim(coalesce(l.code, '') || ' ' || coalesce(l.name, '') || ' · ' || coalesce(l."column", '')) AS label,
       l.amount_yuan AS amount
  FROM line_items l JOIN tables t ON t.id = l.table_id WHERE {li_where}
UNION ALL
SELECT 'ind-' || i.id, 'indicator', i.document_id, i.table_id, i.reason, i.confidence, i.version, i.status,
       t.table_type, t.title, trim(coalesce(i.level2, '') || ' · ' || coalesce(i.level3, '')), NULL
  FROM indicators i JOIN tables t ON t.id = i.table_id WHERE {ind_where}
UNION ALL
SELECT 'tbl-' || t.id, 'table', t.document_id, t.id, t.reason, coalesce(t.type_confidence, t.confidence),
       t.version, t.status, t.table_type, t.title, t.title,
       (SELECT max(abs(amount_yuan)) FROM line_items x WHERE x.table_id = t.id)
  FROM tables t WHERE {tbl_where}
"""


def list_items(
    conn: sqlite3.Connection,
    status: str = "pending",
    *,
    document_id: str | None = None,
    table_type: str | None = None,
    reason: str | None = None,
    kind: str | None = None,
    now: float | None = None,
) -> list[QueueItem]:
    """Records with ``status``, most doubtful × most valuable first.

    ``status='pending'`` is the review queue: pending records, pending tables and
    open audit samples, less records held for approval.
    """
    now = time.time() if now is None else now
    open_audits = "SELECT item_id FROM review_audit_samples WHERE decided_at IS NULL"
    held = "SELECT item_id FROM review_proposals WHERE state = 'open'"
    if status == "pending":
        li = f"(l.status = 'pending' OR 'li-' || l.id IN ({open_audits})) AND 'li-' || l.id NOT IN ({held})"
        ind = (
            f"(i.status = 'pending' OR 'ind-' || i.id IN ({open_audits})) AND 'ind-' || i.id NOT IN ({held})"
        )
        tbl = f"t.status = 'pending' AND 'tbl-' || t.id NOT IN ({held})"
        params: tuple = ()
    else:
        li, ind, tbl = "l.status = ?", "i.status = ?", "t.status = ?"
        params = (status,)
    sql = _QUEUE_SQL.format(li_where=li, ind_where=ind, tbl_where=tbl)
    rows = conn.execute(sql, params * 3).fetchall()
    audits = {r[0] for r in conn.execute(open_audits)}
    claims = {
        r["item_id"]: r["user_name"]
        for r in conn.execute("SELECT item_id, user_name FROM review_claims WHERE expires_at > ?", (now,))
    }
    items = []
    for r in rows:
        d = dict(r)
        if document_id and d["document_id"] != document_id:
            continue
        if table_type and d["table_type"] != table_type:
            continue
        if kind and d["kind"] != kind:
            continue
        item = QueueItem(**{k: (v if v is not None else ("" if k in ("reason", "label", "table_type",
                                                                       "table_title") else v))
                            for k, v in d.items()})  # fmt: skip
        item.confidence = float(item.confidence or 0.0)
        if status == "pending" and item.id in audits and item.status != "pending":
            item.audit = True
            item.reason = AUDIT_REASON
        if reason and reason not in item.reason:
            continue
        item.score = doubt_score(item.confidence, item.amount)
        item.claimed_by = claims.get(item.id, "")
        items.append(item)
    items.sort(key=lambda it: (-it.score, it.document_id, it.table_id, it.id))
    return items


def next_item(conn: sqlite3.Connection, user: User, **filters: Any) -> QueueItem | None:
    """The first queue item nobody else has claimed."""
    for item in list_items(conn, "pending", **filters):
        if not item.claimed_by or item.claimed_by == user.name:
            return item
    return None


@dataclass
class QueueSummary:
    pending: int
    decided: int
    by_kind: dict[str, int] = field(default_factory=dict)
    by_reason: dict[str, int] = field(default_factory=dict)
    by_document: dict[str, int] = field(default_factory=dict)
    by_table_type: dict[str, int] = field(default_factory=dict)

    @property
    def progress(self) -> float:
        total = self.pending + self.decided
        return self.decided / total if total else 1.0


def summarize(conn: sqlite3.Connection, items: list[QueueItem]) -> QueueSummary:
    decided = conn.execute(
        "SELECT count(DISTINCT item_id) FROM review_audit WHERE action IN ('confirm', 'correct', 'reject', 'approve')"
    ).fetchone()[0]
    s = QueueSummary(pending=len(items), decided=decided)
    for it in items:
        s.by_kind[it.kind] = s.by_kind.get(it.kind, 0) + 1
        s.by_document[it.document_id] = s.by_document.get(it.document_id, 0) + 1
        s.by_table_type[it.table_type or "?"] = s.by_table_type.get(it.table_type or "?", 0) + 1
        for cat in reason_categories(it.reason) or ["(none)"]:
            s.by_reason[cat] = s.by_reason.get(cat, 0) + 1
    return s


# -- claims -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    item_id: str
    user_name: str
    claimed_at: float
    expires_at: float


def current_claim(conn: sqlite3.Connection, item_id: str, now: float | None = None) -> Claim | None:
    now = time.time() if now is None else now
    row = conn.execute(
        "SELECT item_id, user_name, claimed_at, expires_at FROM review_claims WHERE item_id = ? AND expires_at > ?",
        (item_id, now),
    ).fetchone()
    return Claim(*row) if row else None


def claim(
    conn: sqlite3.Connection, item_id: str, user: User, minutes: float = 15.0, now: float | None = None
) -> Claim:
    """Claim (or extend the claim on) an item; ``Claimed`` when someone else holds it."""
    now = time.time() if now is None else now
    get_row(conn, item_id)
    with transaction(conn):
        row = conn.execute("SELECT * FROM review_claims WHERE item_id = ?", (item_id,)).fetchone()
        if row is not None and row["expires_at"] > now and row["user_id"] != user.id:
            raise Claimed(item_id, row["user_name"], row["expires_at"])
        keep_start = row is not None and row["user_id"] == user.id and row["expires_at"] > now
        claimed_at = row["claimed_at"] if keep_start else now
        conn.execute(
            """INSERT INTO review_claims (item_id, user_id, user_name, claimed_at, expires_at) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT(item_id) DO UPDATE SET user_id = excluded.user_id, user_name = excluded.user_name,
                 claimed_at = excluded.claimed_at, expires_at = excluded.expires_at""",
            (item_id, user.id, user.name, claimed_at, now + minutes * 60),
        )
    return Claim(item_id, user.name, claimed_at, now + minutes * 60)


def release(conn: sqlite3.Connection, item_id: str, user: User) -> None:
    with transaction(conn):
        conn.execute("DELETE FROM review_claims WHERE item_id = ? AND user_id = ?", (item_id, user.id))


def _check_claim(conn: sqlite3.Connection, item_id: str, user: User, now: float) -> float | None:
    """Raise ``Claimed`` if another holds the item; the seconds since this user claimed it, if they did."""
    row = conn.execute("SELECT * FROM review_claims WHERE item_id = ?", (item_id,)).fetchone()
    if row is None or row["expires_at"] <= now:
        return None
    if row["user_id"] != user.id:
        raise Claimed(item_id, row["user_name"], row["expires_at"])
    return min(HANDLE_CAP_SECONDS, max(0.0, now - row["claimed_at"]))


# -- changes ------------------------------------------------------------------------------------------


def _amount(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise BadDecision("amount_yuan must be a number")
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise BadDecision("amount_yuan must be finite")
        return Decimal(str(value)).quantize(Decimal("0.01"))
    if isinstance(value, str):
        parsed = parse_amount(value)
        if parsed is None:
            raise BadDecision(f"amount_yuan {value!r} is not an amount")
        return parsed.quantize(Decimal("0.01"))
    raise BadDecision("amount_yuan must be a number")


def _validate_changes(
    kind: str, row: dict[str, Any], table: dict[str, Any] | None, changes: Any
) -> tuple[dict[str, Any], list[tuple[int, int, str]]]:
    """The changed fields (normalized) and cell edits a ``changes`` object asks for; BadDecision otherwise."""
    if changes is None:
        changes = {}
    if not isinstance(changes, dict):
        raise BadDecision("changes must be an object")
    allowed = set(EDITABLE[kind]) | {"cells"}
    unknown = set(changes) - allowed
    if unknown:
        raise BadDecision(
            f"cannot change {', '.join(sorted(unknown))} of a {kind}; allowed: {', '.join(sorted(allowed))}"
        )
    fields: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "cells":
            continue
        if key == "amount_yuan":
            fields[key] = _amount(value)
            continue
        if not isinstance(value, str):
            raise BadDecision(f"{key} must be a string")
        value = value.strip()
        if key == "table_type" and value not in TABLE_TYPES:
            raise BadDecision(f"unknown table type {value!r}")
        if key == "level1" and value and value not in LEVEL1:
            raise BadDecision(f"level1 must be one of {', '.join(LEVEL1)}")
        if key == "level2" and value and value not in LEVEL2:
            raise BadDecision(f"level2 must be one of {', '.join(LEVEL2)}")
        if key == "unit" and value not in ("", "元", "万元", "千元", "亿元"):
            raise BadDecision(f"unknown unit {value!r}")
        fields[key] = value
    cells: list[tuple[int, int, str]] = []
    raw_cells = changes.get("cells", [])
    if not isinstance(raw_cells, list):
        raise BadDecision("cells must be a list of {row, col, text}")
    for c in raw_cells:
        if not (isinstance(c, dict) and isinstance(c.get("row"), int) and isinstance(c.get("col"), int)
                and isinstance(c.get("text"), str) and c["row"] >= 0 and c["col"] >= 0):  # fmt: skip
            raise BadDecision("each cell edit must be {row: int, col: int, text: str}")
        cells.append((c["row"], c["col"], c["text"].strip()))
    # A line item's own cell edited without a new amount: the amount is read from the cell.
    if kind == "line_item" and "amount_yuan" not in fields:
        for r, c, text in cells:
            if r == row["row"] and c == row["col"]:
                parsed = parse_amount(text)
                if parsed is None:
                    raise BadDecision(f"cell ({r}, {c}) {text!r} is not an amount")
                fields["amount_yuan"] = to_yuan(parsed, (table or {}).get("unit") or "")
    return fields, cells


def _diff(row: dict[str, Any], fields: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    before, after = {}, {}
    for key, value in fields.items():
        old = row.get(key)
        if key == "amount_yuan":
            old_d = Decimal(str(old)).quantize(Decimal("0.01")) if old is not None else None
            if old_d != value:
                before[key], after[key] = old, float(value)
        elif (old or "") != value:
            before[key], after[key] = old, value
    return before, after


def _cell_diff(
    conn: sqlite3.Connection, table_id: str, cells: list[tuple[int, int, str]]
) -> tuple[dict[str, str], dict[str, str]]:
    before, after = {}, {}
    for r, c, text in cells:
        row = conn.execute(
            "SELECT text FROM cells WHERE table_id = ? AND row = ? AND col = ?", (table_id, r, c)
        ).fetchone()
        old = row["text"] if row else ""
        if (old or "").strip() != text:
            before[f"cell {r},{c}"], after[f"cell {r},{c}"] = old, text
    return before, after


def _write_cells(conn: sqlite3.Connection, table_id: str, cell_after: dict[str, str]) -> None:
    for key, text in cell_after.items():
        r, c = (int(x) for x in key.split()[1].split(","))
        cur = conn.execute(
            "UPDATE cells SET text = ? WHERE table_id = ? AND row = ? AND col = ?", (text, table_id, r, c)
        )
        if cur.rowcount == 0:
            conn.execute(
                "INSERT INTO cells (table_id, row, col, text, confidence, rowspan, colspan) VALUES (?, ?, ?, ?, 1.0, 1, 1)",
                (table_id, r, c, text),
            )


def _apply_fields(conn: sqlite3.Connection, table: str, key: Any, fields_after: dict[str, Any]) -> None:
    sets, params = [], []
    for col, value in fields_after.items():
        sets.append(f'"{col}" = ?')
        params.append(value)
        if col == "amount_yuan":
            sets.append("amount_fen = ?")
            params.append(int((Decimal(str(value)) * 100).to_integral_value()))
    if sets:
        conn.execute(f"UPDATE {table} SET {', '.join(sets)} WHERE id = ?", (*params, key))


def _audit(
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


def _learn_code(conn: sqlite3.Connection, item_id: str, code: str, name: str, now: float) -> None:
    code, name = (code or "").strip(), (name or "").strip()
    if not code or not name or not code.isdigit():
        return
    conn.execute(
        """INSERT INTO review_codes (code, name, item_id, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT(code) DO UPDATE SET name = excluded.name, item_id = excluded.item_id,
             updated_at = excluded.updated_at, count = review_codes.count + 1""",
        (code, name, item_id, now),
    )


def _close_audit_sample(conn: sqlite3.Connection, item_id: str, outcome: str, now: float) -> None:
    conn.execute(
        "UPDATE review_audit_samples SET decided_at = ?, outcome = ? WHERE item_id = ? AND decided_at IS NULL",
        (now, outcome, item_id),
    )


# -- decisions ----------------------------------------------------------------------------------------


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
        held = _check_claim(conn, item_id, user, now)
        handle = handle_seconds if handle_seconds is not None else held
        if conn.execute(
            "SELECT 1 FROM review_proposals WHERE item_id = ? AND state = 'open'", (item_id,)
        ).fetchone():
            raise Claimed(item_id, "an approver (a correction awaits sign-off)", now + 60)
        table_row = row if kind == "table" else dict(
            conn.execute("SELECT * FROM tables WHERE id = ?", (row["table_id"],)).fetchone()
        )  # fmt: skip
        fields, cells = _validate_changes(kind, row, table_row, changes if action != "reject" else {})
        before, after = _diff(row, fields)
        cell_before, cell_after = _cell_diff(conn, table_row["id"], cells)
        changed = bool(after or cell_after)
        if action == "correct" and not changed:
            raise BadDecision("correct needs at least one changed field (use confirm to accept as is)")
        status = "rejected" if action == "reject" else ("corrected" if changed else "confirmed")
        new_version = version + 1
        document_id = row["document_id"]
        if status == "corrected" and require_approval:
            held_changes = {**{k: (float(v) if isinstance(v, Decimal) else v) for k, v in fields.items()},
                            "cells": [{"row": r, "col": c, "text": t} for r, c, t in cells]}  # fmt: skip
            reason = f"awaiting approval: correction by {user.name}"
            conn.execute(
                f"UPDATE {table_name} SET status = 'pending', reason = ?, version = ? WHERE id = ?",
                (reason, new_version, key),
            )
            cur = conn.execute(
                """INSERT INTO review_proposals (item_id, user_id, user_name, changes, version, created_at)
                   VALUES (?, ?, ?, ?, ?, ?)""",
                (item_id, user.id, user.name, json.dumps(held_changes, ensure_ascii=False), new_version, now),
            )
            _audit(conn, item_id, kind, document_id, user, "propose", "pending", version, new_version,
                   {**before, **cell_before, "status": row["status"]}, {**after, **cell_after, "status": "pending"},
                   now, handle, note="held for approval")  # fmt: skip
            _close_audit_sample(conn, item_id, "corrected", now)
            conn.execute("DELETE FROM review_claims WHERE item_id = ?", (item_id,))
            return Decision(item_id, "propose", "pending", new_version, before, after, cur.lastrowid)
        _apply_fields(conn, table_name, key, after)
        _write_cells(conn, table_row["id"], cell_after)
        conn.execute(
            f"UPDATE {table_name} SET status = ?, version = ? WHERE id = ?", (status, new_version, key)
        )
        before["status"], after["status"] = row["status"], status
        _audit(conn, item_id, kind, document_id, user, action, status, version, new_version,
               {**before, **cell_before}, {**after, **cell_after}, now, handle)  # fmt: skip
        if kind == "line_item" and status in ("confirmed", "corrected"):
            _learn_code(conn, item_id, after.get("code", row["code"]), after.get("name", row["name"]), now)
        _close_audit_sample(conn, item_id, status, now)
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
        total = _check_claim(conn, via_item, user, now) if via_item else None
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
            _audit(conn, iid, kind, r["document_id"], user, "confirm", "confirmed", r["version"], r["version"] + 1,
                   {"status": r["status"]}, {"status": "confirmed"}, now, share, note=f"bulk confirm of {table_id}")  # fmt: skip
            if kind == "line_item":
                _learn_code(conn, iid, r["code"], r["name"], now)
            _close_audit_sample(conn, iid, "confirmed", now)
            conn.execute("DELETE FROM review_claims WHERE item_id = ?", (iid,))
            done.append(iid)
    return done


# -- approvals ----------------------------------------------------------------------------------------


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
            fields, cells = _validate_changes(kind, row, table_row, changes)
            before, after = _diff(row, fields)
            cell_before, cell_after = _cell_diff(conn, table_row["id"], cells)
            _apply_fields(conn, table_name, key, after)
            _write_cells(conn, table_row["id"], cell_after)
            status, reason = "corrected", ""
            if kind == "line_item":
                _learn_code(
                    conn, item_id, after.get("code", row["code"]), after.get("name", row["name"]), now
                )
        else:
            before, after, cell_before, cell_after = {}, {}, {}, {}
            status, reason = "pending", f"correction by {p['user_name']} declined by {user.name}"
        conn.execute(
            f"UPDATE {table_name} SET status = ?, reason = ?, version = ? WHERE id = ?",
            (status, reason, new_version, key),
        )
        before["status"], after["status"] = row["status"], status
        action = "approve" if approve else "decline"
        _audit(conn, item_id, kind, row["document_id"], user, action, status, row["version"], new_version,
               {**before, **cell_before}, {**after, **cell_after}, now, None,
               note=f"proposal {proposal_id} by {p['user_name']}")  # fmt: skip
        conn.execute(
            "UPDATE review_proposals SET state = ?, decided_by = ?, decided_at = ? WHERE id = ?",
            ("approved" if approve else "declined", user.name, now, proposal_id),
        )
    return Decision(item_id, action, status, new_version, before, after, proposal_id)


# -- history ------------------------------------------------------------------------------------------


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


# -- audits of auto-accepted records and quality figures ---------------------------------------------


def sample_audits(conn: sqlite3.Connection, share: float | None = None, now: float | None = None) -> int:
    """Sample ``share`` (default: the ``audit_share`` setting) of the auto-accepted records of each
    newly finished document into the queue.

    Deterministic per document (seeded by its id); a document with any
    auto-accepted record gives at least one sample when ``share`` > 0.
    """
    share = get_setting(conn, "audit_share") if share is None else share
    now = time.time() if now is None else now
    docs = [
        r[0]
        for r in conn.execute(
            """SELECT id FROM documents WHERE status = 'done'
               AND id NOT IN (SELECT document_id FROM review_audit_documents) ORDER BY id"""
        )
    ]
    total = 0
    for doc in docs:
        auto = [
            f"li-{r[0]}"
            for r in conn.execute(
                "SELECT id FROM line_items WHERE document_id = ? AND status = 'auto' ORDER BY id", (doc,)
            )
        ]
        auto += [f"ind-{r[0]}" for r in conn.execute(
            "SELECT id FROM indicators WHERE document_id = ? AND status = 'auto' ORDER BY id", (doc,))]  # fmt: skip
        k = 0
        if share > 0 and auto:
            k = min(len(auto), max(1, math.floor(share * len(auto) + 0.5)))
        chosen = random.Random(doc).sample(auto, k) if k else []
        with transaction(conn):
            conn.executemany(
                "INSERT OR IGNORE INTO review_audit_samples (item_id, document_id, sampled_at) VALUES (?, ?, ?)",
                [(iid, doc, now) for iid in chosen],
            )
            conn.execute(
                "INSERT OR REPLACE INTO review_audit_documents (document_id, sampled_at, share, sampled) VALUES (?, ?, ?, ?)",
                (doc, now, share, len(chosen)),
            )
        total += len(chosen)
    return total


@dataclass
class Quality:
    records: int
    routed: int
    trigger_rate: float | None
    audits_sampled: int
    audits_decided: int
    audit_precision: float | None
    handle_median_seconds: float | None
    decisions: int
    by_status: dict[str, int] = field(default_factory=dict)


def quality(conn: sqlite3.Connection) -> Quality:
    """Precision of auto-accepted records (from audits), trigger rate and median handle time."""
    by_status: dict[str, int] = {}
    for name in ("line_items", "indicators"):
        for status, n in conn.execute(f"SELECT status, count(*) FROM {name} GROUP BY status"):
            by_status[status] = by_status.get(status, 0) + n
    records = sum(by_status.values())
    audited = {r[0] for r in conn.execute("SELECT item_id FROM review_audit_samples")}
    reviewed = {
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT item_id FROM review_audit WHERE kind IN ('line_item', 'indicator')"
        )
    }
    pending = {f"li-{r[0]}" for r in conn.execute("SELECT id FROM line_items WHERE status = 'pending'")}
    pending |= {f"ind-{r[0]}" for r in conn.execute("SELECT id FROM indicators WHERE status = 'pending'")}
    routed = len((pending | reviewed) - audited)
    outcomes = [
        r[0] for r in conn.execute("SELECT outcome FROM review_audit_samples WHERE decided_at IS NOT NULL")
    ]
    handles = [
        r[0]
        for r in conn.execute(
            """SELECT handle_seconds FROM review_audit WHERE handle_seconds IS NOT NULL
               AND action IN ('confirm', 'correct', 'reject', 'propose')"""
        )
    ]
    decisions = conn.execute(
        "SELECT count(*) FROM review_audit WHERE action IN ('confirm', 'correct', 'reject', 'propose')"
    ).fetchone()[0]
    return Quality(
        records=records,
        routed=routed,
        trigger_rate=(routed / records) if records else None,
        audits_sampled=len(audited),
        audits_decided=len(outcomes),
        audit_precision=(sum(o == "confirmed" for o in outcomes) / len(outcomes)) if outcomes else None,
        handle_median_seconds=statistics.median(handles) if handles else None,
        decisions=decisions,
        by_status=by_status,
    )


# -- training data ------------------------------------------------------------------------------------


def training_examples(conn: sqlite3.Connection) -> dict[str, list[dict[str, Any]]]:
    """What reviewers confirmed or corrected, as labelled examples for ``digitize train``.

    ``table_types``: {table_id, title, table_type}; ``indicators``: {level3, value,
    project, level1, level2}; ``codes``: {code, name} learned from line items.
    """
    tables = [
        dict(r)
        for r in conn.execute(
            """SELECT id AS table_id, title, table_type, status FROM tables
               WHERE status IN ('confirmed', 'corrected') ORDER BY id"""
        )
    ]
    indicators = [
        dict(r)
        for r in conn.execute(
            """SELECT id, level3, value, project, level1, level2, status FROM indicators
               WHERE status IN ('confirmed', 'corrected') ORDER BY id"""
        )
    ]
    codes = [dict(r) for r in conn.execute("SELECT code, name, count FROM review_codes ORDER BY code")]
    return {"table_types": tables, "indicators": indicators, "codes": codes}


def learned_codes(conn: sqlite3.Connection) -> dict[str, str]:
    """The code → name dictionary reviewers grew (merge it into classify's code dictionary)."""
    return {r[0]: r[1] for r in conn.execute("SELECT code, name FROM review_codes")}
