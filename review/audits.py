"""Audits of auto-accepted records (``review_audit_samples``) and the quality figures they give.

A share of each document's auto-accepted records is sampled into the queue; their outcomes
measure the precision of auto-acceptance, shown on the dashboard with the trigger rate and the
median handle time."""

from __future__ import annotations

import math
import random
import sqlite3
import statistics
import time
from dataclasses import dataclass, field

from review.accounts import get_setting
from review.store import transaction

AUDIT_REASON = "audit sample of an auto-accepted record"


def close_audit_sample(conn: sqlite3.Connection, item_id: str, outcome: str, now: float) -> None:
    conn.execute(
        "UPDATE review_audit_samples SET decided_at = ?, outcome = ? WHERE item_id = ? AND decided_at IS NULL",
        (now, outcome, item_id),
    )


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
    for doc in docs:  # +status: each document's records by its index, not every auto record's
        auto = [
            f"li-{r[0]}"
            for r in conn.execute(
                "SELECT id FROM line_items WHERE document_id = ? AND +status = 'auto' ORDER BY id", (doc,)
            )
        ]
        auto += [f"ind-{r[0]}" for r in conn.execute(
            "SELECT id FROM indicators WHERE document_id = ? AND +status = 'auto' ORDER BY id", (doc,))]  # fmt: skip
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
