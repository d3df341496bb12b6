"""Claims (``review_claims``): opening an item claims it for ``claim_minutes``; a claim held by
someone else refuses another reviewer's decision (``Claimed``). The time a reviewer held a claim
is the handle time of their decision.

A claim covers what one reviewer can look at: a reviewer holds at most ``max_claims`` (a setting)
unexpired claims; opening one more releases their oldest, so moving on through the queue never
blocks and nobody can claim the whole queue. Claims expire ``claim_minutes`` after the item was last
opened; expired claims count for nobody and are removed when the reviewer next claims."""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass

from review.accounts import User
from review.errors import Claimed
from review.item_ids import get_row
from review.store import transaction

HANDLE_CAP_SECONDS = 30 * 60


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
    conn: sqlite3.Connection,
    item_id: str,
    user: User,
    minutes: float = 15.0,
    now: float | None = None,
    max_claims: int = 5,
) -> Claim:
    """Claim (or extend the claim on) an item; ``Claimed`` when someone else holds it.

    The user's oldest claims beyond ``max_claims`` are released."""
    now = time.time() if now is None else now
    get_row(conn, item_id)
    with transaction(conn):
        conn.execute("DELETE FROM review_claims WHERE expires_at <= ?", (now,))
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
        conn.execute(
            """DELETE FROM review_claims WHERE user_id = ? AND item_id IN (
                 SELECT item_id FROM review_claims WHERE user_id = ? AND item_id != ?
                 ORDER BY expires_at DESC LIMIT -1 OFFSET ?)""",
            (user.id, user.id, item_id, max(0, int(max_claims) - 1)),
        )
    return Claim(item_id, user.name, claimed_at, now + minutes * 60)


def claims_of(conn: sqlite3.Connection, user: User, now: float | None = None) -> list[Claim]:
    """The user's unexpired claims, most recently opened first."""
    now = time.time() if now is None else now
    rows = conn.execute(
        """SELECT item_id, user_name, claimed_at, expires_at FROM review_claims
           WHERE user_id = ? AND expires_at > ? ORDER BY expires_at DESC""",
        (user.id, now),
    ).fetchall()
    return [Claim(*r) for r in rows]


def release(conn: sqlite3.Connection, item_id: str, user: User) -> None:
    with transaction(conn):
        conn.execute("DELETE FROM review_claims WHERE item_id = ? AND user_id = ?", (item_id, user.id))


def check_claim(conn: sqlite3.Connection, item_id: str, user: User, now: float) -> float | None:
    """Raise ``Claimed`` if another holds the item; the seconds since this user claimed it, if they did."""
    row = conn.execute("SELECT * FROM review_claims WHERE item_id = ?", (item_id,)).fetchone()
    if row is None or row["expires_at"] <= now:
        return None
    if row["user_id"] != user.id:
        raise Claimed(item_id, row["user_name"], row["expires_at"])
    return min(HANDLE_CAP_SECONDS, max(0.0, now - row["claimed_at"]))
