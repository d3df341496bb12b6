"""Server-side session records: a login starts one, logout and a password change end them all.

The browser's signed cookie carries a random session id (``sid``); the store keeps its SHA-256, the
user and an absolute expiry (``session_max_hours`` after login, however active the session). A
session is valid only while its record exists, so ending a user's sessions (``end_user_sessions``)
logs that user out everywhere: after logout, a password change, a deactivation or a revocation.
Idle expiry (``session_idle_minutes``) is checked by ``review.auth`` from the cookie's last-seen time.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import time

from review.store import transaction


def _sha(sid: str) -> str:
    return hashlib.sha256(sid.encode()).hexdigest()


def start_session(conn: sqlite3.Connection, user_id: int, lifetime_seconds: float, address: str = "") -> str:
    """A new session id for ``user_id`` (a fresh one at every login: no fixation); expired records go."""
    sid = secrets.token_urlsafe(32)
    now = time.time()
    with transaction(conn):
        conn.execute("DELETE FROM review_sessions WHERE expires_at <= ?", (now,))
        conn.execute(
            "INSERT INTO review_sessions (id_sha256, user_id, created_at, expires_at, address) VALUES (?, ?, ?, ?, ?)",
            (_sha(sid), user_id, now, now + lifetime_seconds, address[:64]),
        )
    return sid


def session_user(conn: sqlite3.Connection, sid: str) -> int | None:
    """The user id of a live session, or None when it ended or expired."""
    if not sid:
        return None
    row = conn.execute(
        "SELECT user_id FROM review_sessions WHERE id_sha256 = ? AND expires_at > ?", (_sha(sid), time.time())
    ).fetchone()
    return None if row is None else int(row["user_id"])


def end_user_sessions(conn: sqlite3.Connection, user_id: int) -> int:
    """End every session of ``user_id``; how many ended."""
    with transaction(conn):
        cur = conn.execute("DELETE FROM review_sessions WHERE user_id = ?", (user_id,))
    return cur.rowcount


def live_sessions(conn: sqlite3.Connection, user_id: int) -> int:
    return int(
        conn.execute(
            "SELECT count(*) FROM review_sessions WHERE user_id = ? AND expires_at > ?",
            (user_id, time.time()),
        ).fetchone()[0]
    )
