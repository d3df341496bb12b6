"""Login throttling: failed attempts counted per user name and per client address, in the store.

A key (``user:NAME`` or ``addr:ADDRESS``) with ``login_max_failures`` (per user) or
``login_max_failures_address`` (per address) failures within the last ``login_window_minutes`` is
refused until its oldest failure in the window ages out. The failures live in the work store
(``review_login_failures``), so the limit holds across restarts and across every process serving
the store. A successful login clears its user's failures (not its address's).
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass

from review.store import transaction


@dataclass(frozen=True)
class Limits:
    per_user: int
    per_address: int
    window_seconds: float


def keys(name: str, address: str) -> tuple[str, str]:
    return f"user:{name.strip().casefold()[:200]}", f"addr:{address[:64]}"


def retry_after(conn: sqlite3.Connection, name: str, address: str, limits: Limits) -> float:
    """Seconds until a login for ``name`` from ``address`` may be tried again (0: now)."""
    now = time.time()
    since = now - limits.window_seconds
    wait = 0.0
    for key, limit in zip(keys(name, address), (limits.per_user, limits.per_address), strict=True):
        rows = conn.execute(
            "SELECT at FROM review_login_failures WHERE key = ? AND at > ? ORDER BY at DESC LIMIT ?",
            (key, since, limit),
        ).fetchall()
        if len(rows) >= limit:
            wait = max(wait, rows[-1]["at"] + limits.window_seconds - now)
    return wait


def record_failure(conn: sqlite3.Connection, name: str, address: str, limits: Limits) -> None:
    now = time.time()
    with transaction(conn):
        conn.execute("DELETE FROM review_login_failures WHERE at <= ?", (now - limits.window_seconds,))
        conn.executemany(
            "INSERT INTO review_login_failures (key, at) VALUES (?, ?)",
            [(k, now) for k in keys(name, address)],
        )


def clear_user(conn: sqlite3.Connection, name: str) -> None:
    with transaction(conn):
        conn.execute("DELETE FROM review_login_failures WHERE key = ?", (keys(name, "")[0],))
