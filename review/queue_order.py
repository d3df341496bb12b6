"""The review queue's order: doubt × amount (``doubt_score``), kept on each record's row as ``score``.

The score is written with the record (``review.store.save_extraction``) and when a correction
changes an amount (``review.edits.apply_fields``), so the queue is read in order from an index
(``review.schema``), a page at a time, whatever the size of the store.
"""

from __future__ import annotations

import math
import sqlite3


def doubt_score(confidence: float | None, amount: float | None) -> float:
    """Queue order: doubt (1 - confidence, at least 0.05) × the weight of the amount (log10(10 + |yuan|))."""
    doubt = max(0.05, 1.0 - float(confidence if confidence is not None else 0.0))
    weight = math.log10(10.0 + abs(amount or 0.0))
    return round(doubt * weight, 6)


def table_scores(conn: sqlite3.Connection, where: str = "1", params: tuple = ()) -> None:
    """Set the score of the tables matching ``where``: type doubt × their largest amount."""
    rows = conn.execute(
        f"""SELECT t.id, coalesce(t.type_confidence, t.confidence) AS confidence,
                   (SELECT max(abs(amount_yuan)) FROM line_items x WHERE x.table_id = t.id) AS amount
              FROM tables t WHERE {where}""",
        params,
    ).fetchall()
    conn.executemany(
        "UPDATE tables SET score = ? WHERE id = ?", [(doubt_score(r[1], r[2]), r[0]) for r in rows]
    )


def backfill_scores(conn: sqlite3.Connection) -> None:
    """Score every record and table of a store made before the score was kept."""
    for name, amount in (("line_items", "amount_yuan"), ("indicators", "NULL")):
        rows = conn.execute(f"SELECT id, confidence, {amount} FROM {name}").fetchall()
        conn.executemany(
            f"UPDATE {name} SET score = ? WHERE id = ?", [(doubt_score(r[1], r[2]), r[0]) for r in rows]
        )
    table_scores(conn)
