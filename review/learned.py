"""Learned codes and training data: the code ↔ name pairs reviewers confirmed or corrected
(``review_codes``) and, with the confirmed table types and indicator labels, the labelled examples
of ``digitize train``."""

from __future__ import annotations

import sqlite3
from typing import Any


def learn_code(conn: sqlite3.Connection, item_id: str, code: str, name: str, now: float) -> None:
    code, name = (code or "").strip(), (name or "").strip()
    if not code or not name or not code.isdigit():
        return
    conn.execute(
        """INSERT INTO review_codes (code, name, item_id, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT(code) DO UPDATE SET name = excluded.name, item_id = excluded.item_id,
             updated_at = excluded.updated_at, count = review_codes.count + 1""",
        (code, name, item_id, now),
    )


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
