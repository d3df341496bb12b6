"""The review queue: what waits for a reviewer, in what order, and the counts the queue page shows.

Pending records, pending tables and open audit samples, less records held for approval, ordered
by doubt × amount (``doubt_score``).
"""

from __future__ import annotations

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
        """'li-' || l.id AS id, 'line_item' AS kind, l.document_id AS document_id, l.table_id AS table_id, l.reason, l.confidence,
           l.version, l.status, t.table_type, t.title AS table_title,
           trim(coalesce(l.code, '') || ' ' || coalesce(l.name, '') || ' · ' || coalesce(l."column", '')) AS label,
           l.amount_yuan AS amount, l.score AS score, l.id AS key""",
        "line_items l JOIN tables t ON t.id = l.table_id",
        "l",
    ),
    "indicator": (
        """'ind-' || l.id AS id, 'indicator' AS kind, l.document_id AS document_id, l.table_id AS table_id, l.reason, l.confidence,
           l.version, l.status, t.table_type, t.title AS table_title,
           trim(coalesce(l.level2, '') || ' · ' || coalesce(l.level3, '')) AS label, NULL AS amount, l.score AS score,
           l.id AS key""",
        "indicators l JOIN tables t ON t.id = l.table_id",
        "l",
    ),
    "table": (
        """'tbl-' || t.id AS id, 'table' AS kind, t.document_id AS document_id, t.id AS table_id, t.reason,
           coalesce(t.type_confidence, t.confidence) AS confidence, t.version, t.status, t.table_type,
           t.title AS table_title, t.title AS label,
           (SELECT max(abs(amount_yuan)) FROM line_items x WHERE x.table_id = t.id) AS amount, t.score AS score, t.id AS key""",
        "tables t",
        "t",
    ),
}
_PREFIX = {"line_item": "li-", "indicator": "ind-", "table": "tbl-"}
_ORDER = "ORDER BY {a}.score DESC, {a}.document_id, {a}.{table}, {a}.id"
# the order of the merged parts; ties broken by the row's id (a table's rowid), so that each part is
# read in this order from its index (review.schema: *_queue, *_document_queue) with no sort
QUEUE_ORDER = "ORDER BY score DESC, document_id, table_id, key, part_no"
REPLACED = "SELECT id FROM documents WHERE superseded_by > ''"  # a range of documents_replaced_ids
OPEN_AUDITS = "SELECT item_id FROM review_audit_samples WHERE decided_at IS NULL"
HELD = "SELECT item_id FROM review_proposals WHERE state = 'open'"


def _audit_columns(columns: str) -> str:
    """A record part's select list with its place in the queue taken from its open audit sample."""
    for column, copy in (
        ("document_id", "document_id"),
        ("table_id", "table_id"),
        ("score", "score"),
        ("id", "record_id"),
    ):
        columns = columns.replace(f"l.{column} AS {'key' if column == 'id' else column}",
                                  f"q.{copy} AS {'key' if column == 'id' else column}")  # fmt: skip
    return columns


def _part_sql(
    kind: str, status: str, filters: dict[str, str], select: str | None = None, ordered: bool = True
) -> tuple[str, list]:
    """One part of the queue (or of the records with ``status``): SQL and parameters, in queue order
    (``ordered``) or not (to be counted, grouped or put in a compound query)."""
    columns, source, a = _PARTS[kind]
    own = f"'{_PREFIX[kind]}' || {a}.id"
    where, params = [], []
    if status == "pending":
        where.append(f"{a}.status = 'pending'")
        where.append(f"{own} NOT IN ({HELD})")
    elif status == "audit":
        # the open samples, in queue order from their own index (review.schema: review_queue_audits)
        columns, select = _audit_columns(columns), select and _audit_columns(select)
        records = source.split()[0]
        index = "review_queue_audits_" + ("document" if filters.get("document_id") else "order")
        source = (
            f"review_queue_audits q INDEXED BY {index}"  # merging the parts, the planner may pick the other
            f" JOIN {records} l ON l.id = q.record_id JOIN tables t ON t.id = l.table_id"
        )
        where.append(f"q.kind = '{kind}' AND {a}.status != 'pending' AND {own} NOT IN ({HELD})")
        a = "q"
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
    if status == "audit":
        order = "ORDER BY q.score DESC, q.document_id, q.table_id, q.record_id"
    elif kind == "table":
        order = "ORDER BY t.score DESC, t.document_id, t.id"
    else:
        order = _ORDER.format(a=a, table="table_id")
    sql = f"SELECT {select or columns} FROM {source} WHERE {' AND '.join(where)}"
    return (f"{sql} {order}" if ordered else sql), params


def _parts(status: str, kind: str | None, reason: str | None) -> list[tuple[str, str]]:
    kinds = [k for k in _PARTS if not kind or k == kind]
    statuses = ["pending", "audit"] if status == "pending" else [status]
    out = []
    for st in statuses:
        if st == "audit" and reason and reason_needle(reason) not in AUDIT_REASON:
            continue
        out += [(k, st) for k in kinds if not (st == "audit" and k == "table")]
    return out


def _item(d: dict[str, Any], claims: dict[str, str], audit: bool) -> QueueItem:
    d = {k: v for k, v in d.items() if k not in ("key", "part_no", "part")}
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
    less records held for approval and records of replaced documents. One compound query: SQLite
    reads each part in order from its index and merges them, as far as the page needs; only the
    page's rows reach Python.
    """
    now = time.time() if now is None else now
    filters = {"document_id": document_id, "table_id": table_id, "table_type": table_type, "reason": reason}
    filters = {k: v for k, v in filters.items() if v}
    arms, params = [], []
    for n, (k, st) in enumerate(_parts(status, kind, reason)):
        columns = _PARTS[k][0] if k != "table" else _PARTS[k][0].replace("t.id AS key", "t.rowid AS key")
        sql, p = _part_sql(k, st, filters, select=f"{columns}, {n} AS part_no, '{st}' AS part", ordered=False)
        arms.append(sql)
        params += p
    if not arms:
        return []
    sql = " UNION ALL ".join(arms) + f" {QUEUE_ORDER} LIMIT ? OFFSET ?"
    params += [-1 if limit is None else max(0, int(limit)), max(0, int(offset))]
    rows = [dict(r) for r in conn.execute(sql, params)]
    ids = [r["id"] for r in rows]
    claims = {
        r["item_id"]: r["user_name"]
        for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500))
        for r in conn.execute(
            f"SELECT item_id, user_name FROM review_claims WHERE expires_at > ? AND item_id IN ({','.join('?' * len(chunk))})",
            (now, *chunk),
        )
    }
    return [_item(r, claims, r["part"] == "audit") for r in rows]


def count_items(conn: sqlite3.Connection, status: str = "pending", **filters: Any) -> int:
    """How many records ``list_items`` would list with these filters: from the queue's counts
    (``summarize``) when they hold the answer, else counted on the indexes."""
    filters = {f: v for f, v in filters.items() if v}
    if status == "pending":
        counted = _counted(conn, filters)
        if counted is not None:
            return counted
    kind, reason = filters.pop("kind", None), filters.get("reason")
    total = 0
    for k, st in _parts(status, kind, reason):
        sql, params = _part_sql(k, st, filters, select="count(*)", ordered=False)
        total += conn.execute(sql, params).fetchone()[0]
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


DECIDING = ("confirm", "correct", "reject", "approve")  # the actions that decide a record
TOP_DOCUMENTS = 20  # documents the queue page offers by name (most pending first); the rest by search
_SEP = "\x1f"  # between the parts of a count's key


@dataclass
class QueueSummary:
    pending: int
    decided: int
    by_kind: dict[str, int] = field(default_factory=dict)
    by_reason: dict[str, int] = field(default_factory=dict)
    audits: int = 0  # of ``pending``: audit samples of auto-accepted records
    by_document: dict[str, int] = field(default_factory=dict)  # the TOP_DOCUMENTS most pending, in order
    by_table_type: dict[str, int] = field(default_factory=dict)
    documents: int = 0  # documents with anything pending

    @property
    def progress(self) -> float:
        total = self.pending + self.decided
        return self.decided / total if total else 1.0


# The counts are kept per document (review.schema: review_queue_counts) under keys of dimensions:
#   group  kind, part (pending/audit), table type          → items
#   reason kind, part, table type, reason kind             → items giving that reason kind
#   total  ''                                              → items;  documents '' → 1 if any
#   decided ''                                             → records decided (distinct item ids)
# and summed over the store (review_queue_totals).
def document_counts(conn: sqlite3.Connection, document_id: str) -> dict[tuple[str, str], int]:
    """The queue's counts of one document, counted again on its indexes."""
    out: dict[tuple[str, str], int] = {}

    def add(dimension: str, key: str, n: int) -> None:
        out[(dimension, key)] = out.get((dimension, key), 0) + n

    categories: dict[str, list[str]] = {}
    for k, st in _parts("pending", None, None):
        # the document's items one by one (grouped here: a GROUP BY would sort them)
        select = f"t.table_type AS table_type, {_PARTS[k][2]}.reason AS reason"
        sql, params = _part_sql(k, st, {"document_id": document_id}, select=select, ordered=False)
        for table_type, stored in conn.execute(sql, params):
            group = _SEP.join((k, st, table_type or "?"))
            add("group", group, 1)
            add("total", "", 1)
            reason = AUDIT_REASON if st == "audit" else (stored or "")
            if reason not in categories:
                categories[reason] = reason_categories(reason) or ["(none)"]
            for cat in categories[reason]:
                add("reason", group + _SEP + cat, 1)
    if out:
        out[("documents", "")] = 1
    decided = len({r[0] for r in conn.execute(  # distinct here: count(DISTINCT) would sort
        f"SELECT item_id FROM review_audit WHERE document_id = ? AND action IN ({','.join('?' * len(DECIDING))})",
        (document_id, *DECIDING),
    )})  # fmt: skip
    if decided:
        out[("decided", "")] = decided
    return out


def _fold(conn: sqlite3.Connection, document_id: str) -> None:
    """Count one document again and move the store's totals by the difference."""
    old = {(r[0], r[1]): r[2] for r in conn.execute(
        "SELECT dimension, key, n FROM review_queue_counts WHERE document_id = ?", (document_id,))}  # fmt: skip
    new = document_counts(conn, document_id)
    if new != old:
        conn.execute("DELETE FROM review_queue_counts WHERE document_id = ?", (document_id,))
        conn.executemany(
            "INSERT INTO review_queue_counts (document_id, dimension, key, n) VALUES (?, ?, ?, ?)",
            [(document_id, dim, key, n) for (dim, key), n in new.items()],
        )
        deltas = [
            (dim, key, new.get((dim, key), 0) - old.get((dim, key), 0))
            for dim, key in old.keys() | new.keys()
        ]
        conn.executemany(
            """INSERT INTO review_queue_totals (dimension, key, n) VALUES (?, ?, ?)
               ON CONFLICT (dimension, key) DO UPDATE SET n = n + excluded.n""",
            [d for d in deltas if d[2]],
        )
        conn.executemany(
            "DELETE FROM review_queue_totals WHERE dimension = ? AND key = ? AND n = 0",
            [d[:2] for d in deltas if d[2]],
        )
    conn.execute("DELETE FROM review_queue_dirty WHERE document_id = ?", (document_id,))


def refresh_counts(conn: sqlite3.Connection) -> int:
    """Bring the queue's counts up to date: count again the documents a write has marked since
    (review.schema: the triggers filling review_queue_dirty), in one transaction; how many."""
    if conn.execute("SELECT 1 FROM review_queue_dirty LIMIT 1").fetchone() is None:
        return 0
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN IMMEDIATE")
    try:
        docs = [r[0] for r in conn.execute("SELECT document_id FROM review_queue_dirty")]
        for doc in docs:
            _fold(conn, doc)
    except BaseException:
        if own:
            conn.execute("ROLLBACK")
        raise
    if own:
        conn.execute("COMMIT")
    return len(docs)


def _totals(conn: sqlite3.Connection) -> dict[tuple[str, str], int]:
    return {(r[0], r[1]): r[2] for r in conn.execute("SELECT dimension, key, n FROM review_queue_totals")}


def top_documents(conn: sqlite3.Connection, limit: int = TOP_DOCUMENTS) -> dict[str, int]:
    """The documents with the most items pending, most first (read from the counts' index)."""
    rows = conn.execute(
        """SELECT document_id, n FROM review_queue_counts WHERE dimension = 'total' AND key = ''
           ORDER BY n DESC, document_id LIMIT ?""",
        (limit,),
    )
    return {r[0]: r[1] for r in rows}


def pending_of(conn: sqlite3.Connection, document_ids: list[str]) -> dict[str, int]:
    """Items pending per document, for the documents given (0 when nothing is pending)."""
    refresh_counts(conn)
    out = dict.fromkeys(document_ids, 0)
    for chunk in (document_ids[i : i + 500] for i in range(0, len(document_ids), 500)):
        marks = ",".join("?" * len(chunk))
        for r in conn.execute(
            f"""SELECT document_id, n FROM review_queue_counts
                 WHERE dimension = 'total' AND key = '' AND document_id IN ({marks})""",
            chunk,
        ):
            out[r[0]] = r[1]
    return out


def find_documents(conn: sqlite3.Connection, text: str, limit: int = TOP_DOCUMENTS) -> dict[str, int]:
    """Documents with items pending whose id, file name, department or year holds ``text``, most
    pending first (the document filter's search)."""
    refresh_counts(conn)
    like = "%" + re.sub(r"([%_\\])", r"\\\1", text.strip()) + "%"
    rows = conn.execute(
        """SELECT c.document_id, c.n FROM review_queue_counts c JOIN documents d ON d.id = c.document_id
            WHERE c.dimension = 'total' AND c.key = ''
              AND (d.id LIKE :q ESCAPE '\\' OR d.source_file LIKE :q ESCAPE '\\'
                   OR d.department LIKE :q ESCAPE '\\' OR CAST(d.year AS TEXT) LIKE :q ESCAPE '\\')
            ORDER BY c.n DESC, c.document_id LIMIT :limit""",
        {"q": like, "limit": limit},
    )
    return {r[0]: r[1] for r in rows}


def summarize(conn: sqlite3.Connection, top: int = TOP_DOCUMENTS) -> QueueSummary:
    """The queue's counts by kind, reason kind, table type and the ``top`` documents, and the records
    decided: read from the counts kept per document (a few rows, whatever the size of the store)."""
    refresh_counts(conn)
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN")  # the totals and the top documents of one state of the store
    try:
        totals = _totals(conn)
        s = QueueSummary(pending=totals.get(("total", ""), 0), decided=totals.get(("decided", ""), 0),
                         documents=totals.get(("documents", ""), 0), by_document=top_documents(conn, top))  # fmt: skip
    finally:
        if own:
            conn.execute("COMMIT")
    for (dim, key), n in sorted(totals.items()):
        if dim == "group":
            k, st, tt = key.split(_SEP)
            s.audits += n if st == "audit" else 0
            s.by_kind[k] = s.by_kind.get(k, 0) + n
            s.by_table_type[tt] = s.by_table_type.get(tt, 0) + n
        elif dim == "reason":
            cat = key.split(_SEP, 3)[3]
            s.by_reason[cat] = s.by_reason.get(cat, 0) + n
    return s


def _counted(conn: sqlite3.Connection, filters: dict[str, Any]) -> int | None:
    """The number of pending items matching ``filters`` from the queue's counts, or None when they
    do not hold it (a document or table filter, a reason kind of free text, an untyped table)."""
    if filters.keys() - {"kind", "table_type", "reason"} or filters.get("table_type") == "?":
        return None
    reason = filters.get("reason")
    if reason and (reason not in MESSAGES or reason_needle(reason) in AUDIT_REASON):
        return None
    refresh_counts(conn)
    total = 0
    for (dim, key), n in _totals(conn).items():
        if dim != ("reason" if reason else "group"):
            continue
        k, st, tt, *cat = key.split(_SEP)
        if filters.get("kind", k) != k or filters.get("table_type", tt) != tt:
            continue
        if reason and (st != "pending" or cat[0] != reason):
            continue
        total += n
    return total
