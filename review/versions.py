"""Versions of one source: the reviewers' decisions carried from a document to its next version.

When a changed source is ingested again (``review.store.save_extraction`` marks the old document
``superseded_by`` the new one), ``carry_over`` runs in the same transaction:

* tables are paired by their type and title as first extracted (before any reviewer's correction),
  the n-th such table of the old version with the n-th of the new;
* a record of the new version equal to a decided record of the old one (line items: same code,
  column and amount; indicators: same project, levels and value, as first extracted or as decided)
  inherits the decision: its status and the fields and cells of its row the reviewer changed. The
  link is audited (action ``inherit``, a note naming the old record and its decision);
* a record whose counterpart (same code and column; same project and levels) was decided but whose
  values changed is put in the queue (pending), and ``previous_decision`` shows the old record and
  its decision beside it on the item page.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from typing import Any

from extract.reasons import Reason, dumps, joined, loads, reason
from review.accounts import User
from review.audit_trail import record_audit
from review.item_ids import item_id_of
from review.notes import status_reason

DECIDED = ("confirmed", "corrected", "rejected")
INGEST_USER = User(0, "digitize ingest", "admin")
KEY_FIELDS = {
    "line_item": ("code", "column", "amount_fen"),
    "indicator": ("project", "level1", "level2", "level3", "value"),
    "table": ("table_type", "title"),
}
COUNTERPART_FIELDS = {"line_item": ("code", "column"), "indicator": ("project", "level1", "level2", "level3")}
CARRIED = {
    "line_item": ("code", "name", "column", "amount_yuan", "amount_fen"),
    "indicator": ("project", "level1", "level2", "level3", "value"),
    "table": ("table_type", "title", "unit"),
}
TABLES = {"line_item": "line_items", "indicator": "indicators"}


@dataclass
class Decided:
    """A decided record of the old version: as first extracted, as it is now, and its last decision."""

    item_id: str
    row: dict[str, Any]
    original: dict[str, Any]
    decision: dict[str, Any]
    cells: dict[int, str]  # column → text the reviewer set in the record's row


def _last_decision(
    conn: sqlite3.Connection, item_id: str
) -> tuple[dict[str, Any], dict[str, Any], dict[int, str]]:
    """(the record's fields as first extracted, its last decision's audit row, the cells it set)."""
    original: dict[str, Any] = {}
    cells: dict[int, str] = {}
    last: dict[str, Any] = {}
    for r in conn.execute("SELECT * FROM review_audit WHERE item_id = ? ORDER BY at, id", (item_id,)):
        before, after = json.loads(r["before"]), json.loads(r["after"])
        for key, value in before.items():
            original.setdefault(key, value)
        for key, value in after.items():
            if key.startswith("cell "):
                cells[int(key.split()[1].split(",")[1])] = value
        if r["action"] in ("confirm", "correct", "reject", "approve", "inherit"):
            last = dict(r)
    return original, last, cells


def _original_key(kind: str, row: dict[str, Any], original: dict[str, Any]) -> tuple:
    values = dict(row)
    for key, value in original.items():
        if key == "amount_yuan" and value is not None:
            values["amount_fen"] = round(float(value) * 100)
        elif key in values:
            values[key] = value
    return tuple(values.get(k) or "" for k in KEY_FIELDS[kind])


def _key(kind: str, row: dict[str, Any]) -> tuple:
    return tuple(row.get(k) or "" for k in KEY_FIELDS[kind])


def _tables(conn: sqlite3.Connection, document_id: str) -> list[dict[str, Any]]:
    return [
        dict(r)
        for r in conn.execute("SELECT * FROM tables WHERE document_id = ? ORDER BY seq", (document_id,))
    ]


def pair_tables(conn: sqlite3.Connection, old_id: str, new_id: str) -> dict[str, str]:
    """New table id → old table id: the n-th table of a type and title (as first extracted) with the n-th."""
    old_by_key: dict[tuple, list[str]] = {}
    for t in _tables(conn, old_id):
        original, _, _ = _last_decision(conn, item_id_of("table", t["id"]))
        old_by_key.setdefault(_original_key("table", t, original), []).append(t["id"])
    pairs, taken = {}, {}
    for t in _tables(conn, new_id):
        key = _key("table", t)
        n = taken.get(key, 0)
        if n < len(old_by_key.get(key, [])):
            pairs[t["id"]] = old_by_key[key][n]
        taken[key] = n + 1
    return pairs


def _decided_records(conn: sqlite3.Connection, kind: str, table_id: str) -> list[Decided]:
    out = []
    name = TABLES[kind] if kind != "table" else "tables"
    column = "id" if kind == "table" else "table_id"
    for r in conn.execute(
        f"SELECT * FROM {name} WHERE {column} = ? AND status IN ('confirmed', 'corrected', 'rejected')",
        (table_id,),
    ):
        iid = item_id_of(kind, r["id"])
        original, last, cells = _last_decision(conn, iid)
        if last:
            out.append(Decided(iid, dict(r), original, last, cells))
    return out


def _describe(d: Decided) -> Reason:
    at = time.strftime("%Y-%m-%d %H:%M", time.localtime(d.decision["at"]))
    return reason(
        "review.decided",
        item=d.item_id,
        status=status_reason(d.row["status"]),
        user=d.decision["user_name"],
        at=at,
        audit=d.decision["id"],
    )


def _inherit(
    conn: sqlite3.Connection, kind: str, new: dict[str, Any], old: Decided, old_doc: str, now: float
) -> None:
    name = TABLES.get(kind, "tables")
    before: dict[str, Any] = {"status": new["status"]}
    after: dict[str, Any] = {"status": old.row["status"]}
    sets = {"status": old.row["status"]}
    for field in CARRIED[kind]:
        changed_by_reviewer = field in old.original or (
            field == "amount_fen" and "amount_yuan" in old.original
        )
        if changed_by_reviewer and new.get(field) != old.row.get(field):
            before[field], after[field], sets[field] = new.get(field), old.row.get(field), old.row.get(field)
    if kind != "table" and old.cells:
        for col, text in sorted(old.cells.items()):
            cell = conn.execute(
                "SELECT text FROM cells WHERE table_id = ? AND row = ? AND col = ?",
                (new["table_id"], new["row"], col),
            ).fetchone()
            if cell is not None and (cell["text"] or "") != text:
                before[f"cell {new['row']},{col}"], after[f"cell {new['row']},{col}"] = cell["text"], text
                conn.execute(
                    "UPDATE cells SET text = ? WHERE table_id = ? AND row = ? AND col = ?",
                    (text, new["table_id"], new["row"], col),
                )
    assignments = ", ".join(f'"{k}" = ?' for k in sets)
    conn.execute(f"UPDATE {name} SET {assignments}, reason = '' WHERE id = ?", (*sets.values(), new["id"]))
    iid = item_id_of(kind, new["id"])
    record_audit(conn, iid, kind, new["document_id"], INGEST_USER, "inherit", old.row["status"], new["version"],
                 new["version"], before, after, now, None,
                 note=dumps([reason("review.inherited", decision=_describe(old), document=old_doc)]))  # fmt: skip


def carry_over(conn: sqlite3.Connection, new_id: str, old_id: str) -> dict[str, int]:
    """Carry the decisions of document ``old_id`` to its new version ``new_id`` (inside the caller's
    transaction); the counts of inherited and of changed (now pending) records."""
    now = time.time()
    counts = {"inherited": 0, "changed": 0}
    for new_table, old_table in pair_tables(conn, old_id, new_id).items():
        table_row = dict(conn.execute("SELECT * FROM tables WHERE id = ?", (new_table,)).fetchone())
        for old in _decided_records(conn, "table", old_table):
            if _original_key("table", old.row, old.original) == _key("table", table_row) or _key(
                "table", old.row
            ) == _key("table", table_row):
                _inherit(conn, "table", table_row, old, old_id, now)
                counts["inherited"] += 1
        for kind, name in TABLES.items():
            decided = _decided_records(conn, kind, old_table)
            if not decided:
                continue
            used: set[str] = set()
            rows = [
                dict(r)
                for r in conn.execute(
                    f"SELECT * FROM {name} WHERE table_id = ? ORDER BY row, id", (new_table,)
                )
            ]
            for new in rows:
                match = next(
                    (d for d in decided if d.item_id not in used
                     and _key(kind, new) in (_original_key(kind, d.row, d.original), _key(kind, d.row))),
                    None,
                )  # fmt: skip
                if match is not None:
                    used.add(match.item_id)
                    _inherit(conn, kind, new, match, old_id, now)
                    counts["inherited"] += 1
                    continue
                counterpart = _counterpart(kind, new, decided, used)
                if counterpart is not None:
                    changed = reason("review.changed_since", decision=_describe(counterpart))
                    reasons = dumps(joined(loads(new["reason"]), changed))
                    conn.execute(
                        f"UPDATE {name} SET status = 'pending', reason = ? WHERE id = ?", (reasons, new["id"])
                    )
                    counts["changed"] += 1
    return counts


def _counterpart(
    kind: str, new: dict[str, Any], decided: list[Decided], used: set[str] | None = None
) -> Decided | None:
    """The decided record of the old version that stands where ``new`` stands (same code and column, or
    same project and levels; failing that the same cell), whatever its values."""
    fields = COUNTERPART_FIELDS[kind]

    def same(d: Decided, values: dict[str, Any]) -> bool:
        return all((values.get(f) or "") == (new.get(f) or "") for f in fields)

    for d in decided:
        if used and d.item_id in used:
            continue
        original = {**d.row, **{k: v for k, v in d.original.items() if k in d.row}}
        if same(d, original) or same(d, d.row):
            return d
    for d in decided:
        if (
            (not used or d.item_id not in used)
            and d.row["row"] == new["row"]
            and d.row.get("col") == new.get("col")
        ):
            return d
    return None


def previous_decision(conn: sqlite3.Connection, kind: str, row: dict[str, Any]) -> dict[str, Any] | None:
    """For a record of a newer version: the decided record of the previous version that stood where it
    stands, with its values and its last decision (shown beside the record on the item page)."""
    if kind not in TABLES:
        return None
    doc = conn.execute("SELECT supersedes FROM documents WHERE id = ?", (row["document_id"],)).fetchone()
    if doc is None or not doc["supersedes"]:
        return None
    old_table = pair_tables(conn, doc["supersedes"], row["document_id"]).get(row["table_id"])
    if old_table is None:
        return None
    found = _counterpart(kind, row, _decided_records(conn, kind, old_table))
    if found is None:
        return None
    decision = found.decision
    return {
        "item_id": found.item_id, "status": found.row["status"], "document_id": doc["supersedes"],
        "values": {k: found.row.get(k) for k in CARRIED[kind] if k != "amount_fen"},
        "user_name": decision["user_name"], "action": decision["action"], "at": decision["at"],
        "before": json.loads(decision["before"]), "after": json.loads(decision["after"]), "note": decision["note"],
    }  # fmt: skip
