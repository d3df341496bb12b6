"""The review queue: what waits for a reviewer, in what order, and the counts the queue page shows.

Pending records, pending tables and open audit samples, less records held for approval, ordered
by doubt × amount (``doubt_score``).
"""

from __future__ import annotations

import heapq
import itertools
import re
import sqlite3
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from extract.reasons import MESSAGES, loads
from review.accounts import User
from review.audits import AUDIT_REASON
from review.queue_order import doubt_score as doubt_score  # the queue order, re-exported


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


_REASON_NOISE = re.compile(r"^\s*row [^:]*:|\([^)]*\)|（[^）]*）|'[^']*'|[-+]?\d[\d.,%]*")


def legacy_parts(text: str) -> list[str]:
    """A reason stored as free text by an older store: its clauses, split at '; ' outside brackets."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([{（【":
            depth += 1
        elif ch in ")]}）】":
            depth = max(0, depth - 1)
        elif ch == ";" and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def reason_categories(reason: str) -> list[str]:
    """The kinds of reasons a stored reason list names: each reason's code; a free-text reason of
    an older store: its first clause, numbers and quoted values stripped, prefixed 'text:'."""
    out: list[str] = []
    for r in loads(reason):
        if r.code != "unknown":
            out.append(r.code)
            continue
        for part in legacy_parts(str(r.args.get("text", ""))):
            stem = " ".join(_REASON_NOISE.sub(" ", part).split()).strip(" :=")
            stem = re.split(r"[:,;：，]", stem, maxsplit=1)[0].strip()[:40]
            if stem:
                out.append("text:" + stem)
    return list(dict.fromkeys(out))


# The queue's parts, each read in queue order from an index (review.schema: *_queue): the records
# and tables waiting for review, and the auto-accepted records drawn as audit samples. Records of a
# document replaced by a newer version are not reviewed; records held for approval wait elsewhere.
def reason_needle(category: str) -> str:
    """What a stored reason holds when it is of ``category`` (``reason_categories``): the code as
    the stored JSON writes it, or the stem of an older store's free text."""
    if category.startswith("text:"):
        return category[len("text:") :]
    return f'"code": "{category}"' if category in MESSAGES else category


_PARTS: dict[str, tuple[str, str, str]] = {
    # kind: (select list, from, the kind's own condition)
    "line_item": (
        """'li-' || l.id AS id, 'line_item' AS kind, l.document_id, l.table_id, l.reason, l.confidence,
           l.version, l.status, t.table_type, t.title AS table_title,
           trim(coalesce(l.code, '') || ' ' || coalesce(l.name, '') || ' · ' || coalesce(l."column", '')) AS label,
           l.amount_yuan AS amount, l.score, l.id AS key""",
        "line_items l JOIN tables t ON t.id = l.table_id",
        "l",
    ),
    "indicator": (
        """'ind-' || l.id AS id, 'indicator' AS kind, l.document_id, l.table_id, l.reason, l.confidence,
           l.version, l.status, t.table_type, t.title AS table_title,
           trim(coalesce(l.level2, '') || ' · ' || coalesce(l.level3, '')) AS label, NULL AS amount, l.score,
           l.id AS key""",
        "indicators l JOIN tables t ON t.id = l.table_id",
        "l",
    ),
    "table": (
        """'tbl-' || t.id AS id, 'table' AS kind, t.document_id, t.id AS table_id, t.reason,
           coalesce(t.type_confidence, t.confidence) AS confidence, t.version, t.status, t.table_type,
           t.title AS table_title, t.title AS label,
           (SELECT max(abs(amount_yuan)) FROM line_items x WHERE x.table_id = t.id) AS amount, t.score, t.id AS key""",
        "tables t",
        "t",
    ),
}
_PREFIX = {"line_item": "li-", "indicator": "ind-", "table": "tbl-"}
_ORDER = "ORDER BY {a}.score DESC, {a}.document_id, {a}.{table}, {a}.id"
REPLACED = "SELECT id FROM documents WHERE superseded_by != ''"
OPEN_AUDITS = "SELECT item_id FROM review_audit_samples WHERE decided_at IS NULL"
HELD = "SELECT item_id FROM review_proposals WHERE state = 'open'"


def _part_sql(kind: str, status: str, filters: dict[str, str], select: str | None = None) -> tuple[str, list]:
    """One part of the queue (or of the records with ``status``): SQL and parameters, in queue order."""
    columns, source, a = _PARTS[kind]
    own = f"'{_PREFIX[kind]}' || {a}.id"
    where, params = [], []
    if status == "pending":
        where.append(f"{a}.status = 'pending'")
        where.append(f"{own} NOT IN ({HELD})")
    elif status == "audit":
        # driven by the few open samples (by primary key), not by a scan of the records
        prefix = _PREFIX[kind]
        where.append(
            f"{a}.id IN (SELECT CAST(substr(item_id, {len(prefix) + 1}) AS INTEGER) FROM review_audit_samples "
            f"WHERE decided_at IS NULL AND item_id LIKE '{prefix}%') AND {a}.status != 'pending' "
            f"AND {own} NOT IN ({HELD})"
        )
    else:
        where.append(f"{a}.status = ?")
        params.append(status)
    where.append(f"{a}.document_id NOT IN ({REPLACED})")
    if filters.get("document_id"):
        where.append(f"{a}.document_id = ?")
        params.append(filters["document_id"])
    if filters.get("table_id"):
        where.append(f"{a}.{'id' if kind == 'table' else 'table_id'} = ?")
        params.append(filters["table_id"])
    if filters.get("table_type"):
        where.append("t.table_type = ?")
        params.append(filters["table_type"])
    if filters.get("reason") and status != "audit":
        where.append(f"instr({a}.reason, ?) > 0")
        params.append(reason_needle(filters["reason"]))
    order = (
        _ORDER.format(a=a, table="table_id")
        if kind != "table"
        else "ORDER BY t.score DESC, t.document_id, t.id"
    )
    return f"SELECT {select or columns} FROM {source} WHERE {' AND '.join(where)} {order}", params


def _parts(status: str, kind: str | None, reason: str | None) -> list[tuple[str, str]]:
    kinds = [k for k in _PARTS if not kind or k == kind]
    statuses = ["pending", "audit"] if status == "pending" else [status]
    out = []
    for st in statuses:
        if st == "audit" and reason and reason not in AUDIT_REASON:
            continue
        out += [(k, st) for k in kinds if not (st == "audit" and k == "table")]
    return out


def _item(d: dict[str, Any], claims: dict[str, str], audit: bool) -> QueueItem:
    d = {k: v for k, v in d.items() if k != "key"}
    for k in ("reason", "label", "table_type", "table_title"):
        d[k] = d[k] if d[k] is not None else ""
    item = QueueItem(**d)
    item.confidence = float(item.confidence or 0.0)
    if audit:
        item.audit = True
        item.reason = AUDIT_REASON
    item.claimed_by = claims.get(item.id, "")
    return item


def list_items(
    conn: sqlite3.Connection,
    status: str = "pending",
    *,
    document_id: str | None = None,
    table_id: str | None = None,
    table_type: str | None = None,
    reason: str | None = None,
    kind: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    now: float | None = None,
) -> list[QueueItem]:
    """Records with ``status``, most doubtful × most valuable first; ``limit`` of them from ``offset``.

    ``status='pending'`` is the review queue: pending records, pending tables and open audit samples,
    less records held for approval and records of replaced documents. Each part is read in order
    from its index and only as far as the page needs; the parts are merged in order.
    """
    now = time.time() if now is None else now
    filters = {"document_id": document_id, "table_id": table_id, "table_type": table_type, "reason": reason}
    filters = {k: v for k, v in filters.items() if v}
    want = None if limit is None else max(0, offset) + max(0, limit)
    streams = []
    for k, st in _parts(status, kind, reason):
        sql, params = _part_sql(k, st, filters)
        if want is not None:
            sql += f" LIMIT {int(want)}"
        rows = [dict(r) for r in conn.execute(sql, params)]
        streams.append([(-r["score"], r["document_id"], r["table_id"], r["key"] if k != "table" else -1, n, i, st, r)
                        for i, r in enumerate(rows) for n in [list(_PARTS).index(k)]])  # fmt: skip
    merged = heapq.merge(*streams, key=lambda x: x[:6])
    page = list(itertools.islice(merged, max(0, offset), want))
    claims = {
        r["item_id"]: r["user_name"]
        for r in conn.execute("SELECT item_id, user_name FROM review_claims WHERE expires_at > ?", (now,))
    }
    return [_item(x[7], claims, x[6] == "audit") for x in page]


def count_items(conn: sqlite3.Connection, status: str = "pending", **filters: Any) -> int:
    """How many records ``list_items`` would list with these filters (counted on the indexes)."""
    kind, reason = filters.pop("kind", None), filters.get("reason")
    total = 0
    for k, st in _parts(status, kind, reason):
        sql, params = _part_sql(k, st, {f: v for f, v in filters.items() if v}, select="count(*)")
        total += conn.execute(sql.split(" ORDER BY ")[0], params).fetchone()[0]
    return total


def next_item(conn: sqlite3.Connection, user: User, **filters: Any) -> QueueItem | None:
    """The first queue item nobody else has claimed (read a page at a time)."""
    offset, page = 0, 100
    while True:
        items = list_items(conn, "pending", limit=page, offset=offset, **filters)
        for item in items:
            if not item.claimed_by or item.claimed_by == user.name:
                return item
        if len(items) < page:
            return None
        offset += page


@dataclass
class QueueSummary:
    pending: int
    decided: int
    by_kind: dict[str, int] = field(default_factory=dict)
    by_reason: dict[str, int] = field(default_factory=dict)
    audits: int = 0  # of ``pending``: audit samples of auto-accepted records
    by_document: dict[str, int] = field(default_factory=dict)
    by_table_type: dict[str, int] = field(default_factory=dict)

    @property
    def progress(self) -> float:
        total = self.pending + self.decided
        return self.decided / total if total else 1.0


def summarize(conn: sqlite3.Connection) -> QueueSummary:
    """The queue's counts by kind, reason, document and table type (grouped in SQL, not listed)."""
    decided = conn.execute(
        "SELECT count(DISTINCT item_id) FROM review_audit WHERE action IN ('confirm', 'correct', 'reject', 'approve')"
    ).fetchone()[0]
    s = QueueSummary(pending=0, decided=decided)
    select = "{kind} AS kind, {a}.reason AS reason, {a}.document_id AS document_id, t.table_type AS table_type, count(*) AS n"
    for k, st in _parts("pending", None, None):
        a = _PARTS[k][2]
        sql, params = _part_sql(k, st, {}, select=select.format(kind=repr(k), a=a))
        sql = sql.split(" ORDER BY ")[0] + f" GROUP BY {a}.reason, {a}.document_id, t.table_type"
        for r in conn.execute(sql, params):
            n = r["n"]
            s.pending += n
            s.audits += n if st == "audit" else 0
            s.by_kind[k] = s.by_kind.get(k, 0) + n
            s.by_document[r["document_id"]] = s.by_document.get(r["document_id"], 0) + n
            tt = r["table_type"] or "?"
            s.by_table_type[tt] = s.by_table_type.get(tt, 0) + n
            reason = AUDIT_REASON if st == "audit" else (r["reason"] or "")
            for cat in reason_categories(reason) or ["(none)"]:
                s.by_reason[cat] = s.by_reason.get(cat, 0) + n
    return s
