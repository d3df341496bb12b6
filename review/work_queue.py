"""The review queue: what waits for a reviewer, in what order, and the counts the queue page shows.

Pending records, pending tables and open audit samples, less records held for approval, ordered
by doubt × amount (``doubt_score``).
"""

from __future__ import annotations

import math
import re
import sqlite3
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from extract.reasons import loads
from review.accounts import User
from review.audits import AUDIT_REASON


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
        if reason and reason not in item.reason and reason not in reason_categories(item.reason):
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
