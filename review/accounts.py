"""Reviewers' accounts: users, roles, hashed passwords, API tokens and service settings.

These tables live in the work store beside the documents' tables (their schema is
``review.schema``, created by every ``review.store.connect``). Passwords are hashed with werkzeug
(scrypt/pbkdf2); API tokens are random and stored only as their SHA-256.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
import time
from dataclasses import dataclass
from functools import cache
from typing import Any

from werkzeug.security import check_password_hash, generate_password_hash

from classify.analyze import DEFAULT_ROUTING
from review.errors import message
from review.sessions import end_user_sessions
from review.store import transaction

ROLES = ("reviewer", "approver", "admin")

# Settings an admin can change (key → (default, type, description)).
SETTINGS: dict[str, tuple[Any, type, str]] = {
    "record_threshold": (
        DEFAULT_ROUTING.record_threshold,
        float,
        "A record below this confidence goes to review (new documents).",
    ),
    "table_threshold": (
        DEFAULT_ROUTING.table_threshold,
        float,
        "A table whose type probability is below this goes to review.",
    ),
    "audit_share": (0.02, float, "Share of auto-accepted records sampled into the queue as audits."),
    "require_approval": (False, bool, "Corrections need an approver's sign-off before they count."),
    "claim_minutes": (15.0, float, "How long opening an item keeps it claimed for one reviewer."),
    "session_idle_minutes": (60.0, float, "Sessions expire after this much inactivity."),
}

# -- limits of decisions, claims and uploads -----------------------------------------------------------
LIMIT_SETTINGS: dict[str, tuple[Any, type, str]] = {
    "max_text_chars": (500, int, "Longest text a decision may write into a field or a cell (characters)."),
    "max_claims": (5, int, "Open claims one reviewer may hold; opening another releases their oldest claim."),
    "max_upload_pages": (
        500,
        int,
        "Most pages one upload may have; a longer file is refused before processing.",
    ),
    "max_upload_mb": (50.0, float, "Largest upload (MB), below the server's own request limit."),
    "user_daily_pages": (3000, int, "Most pages one user may upload in 24 hours."),
    "user_daily_mb": (500.0, float, "Most megabytes one user may upload in 24 hours."),
}
SETTINGS.update(LIMIT_SETTINGS)


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str
    active: bool = True

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def can_approve(self) -> bool:
        return self.role in ("approver", "admin")


class AccountError(ValueError):
    """A bad account request (unknown user, bad role, empty password …)."""


def _user(row: sqlite3.Row | None) -> User | None:
    if row is None:
        return None
    return User(row["id"], row["name"], row["role"], bool(row["active"]))


def add_user(conn: sqlite3.Connection, name: str, password: str, role: str = "reviewer") -> User:
    name = name.strip()
    if not name:
        raise AccountError(message("account_no_name"))
    if role not in ROLES:
        raise AccountError(message("account_role", role=role, roles=", ".join(ROLES)))
    if len(password) < 8:
        raise AccountError(message("account_password"))
    if get_user(conn, name) is not None:
        raise AccountError(message("account_exists", name=name))
    with transaction(conn):
        cur = conn.execute(
            "INSERT INTO review_users (name, password_hash, role, created_at) VALUES (?, ?, ?, ?)",
            (name, generate_password_hash(password), role, time.time()),
        )
    return User(int(cur.lastrowid or 0), name, role)


def get_user(conn: sqlite3.Connection, name: str) -> User | None:
    return _user(conn.execute("SELECT * FROM review_users WHERE name = ?", (name,)).fetchone())


def user_by_id(conn: sqlite3.Connection, user_id: int) -> User | None:
    return _user(conn.execute("SELECT * FROM review_users WHERE id = ?", (user_id,)).fetchone())


def list_users(conn: sqlite3.Connection) -> list[User]:
    return [_user(r) for r in conn.execute("SELECT * FROM review_users ORDER BY name")]  # type: ignore[misc]


@cache
def _dummy_hash() -> str:
    """A hash of no one's password, checked for an unknown user so that the answer takes as long."""
    return generate_password_hash(secrets.token_urlsafe(16))


def authenticate(conn: sqlite3.Connection, name: str, password: str) -> User | None:
    """The active user ``name`` whose password this is; one password hash is checked either way."""
    row = conn.execute("SELECT * FROM review_users WHERE name = ?", (name.strip(),)).fetchone()
    hashed = row["password_hash"] if row is not None else _dummy_hash()
    matches = check_password_hash(hashed, password)
    if row is None or not row["active"] or not matches:
        return None
    return _user(row)


def set_password(conn: sqlite3.Connection, name: str, password: str) -> None:
    if len(password) < 8:
        raise AccountError(message("account_password"))
    with transaction(conn):
        cur = conn.execute(
            "UPDATE review_users SET password_hash = ? WHERE name = ?",
            (generate_password_hash(password), name),
        )
    if cur.rowcount == 0:
        raise AccountError(message("account_unknown", name=name))
    user = get_user(conn, name)
    if user is not None:
        end_user_sessions(conn, user.id)  # a changed password logs the user out everywhere


def update_user(
    conn: sqlite3.Connection, name: str, *, role: str | None = None, active: bool | None = None
) -> None:
    if role is not None and role not in ROLES:
        raise AccountError(message("account_role", role=role, roles=", ".join(ROLES)))
    user = get_user(conn, name)
    if user is None:
        raise AccountError(message("account_unknown", name=name))
    with transaction(conn):
        if role is not None:
            conn.execute("UPDATE review_users SET role = ? WHERE id = ?", (role, user.id))
        if active is not None:
            conn.execute("UPDATE review_users SET active = ? WHERE id = ?", (int(active), user.id))
            if not active:
                conn.execute("DELETE FROM review_tokens WHERE user_id = ?", (user.id,))
                conn.execute("DELETE FROM review_sessions WHERE user_id = ?", (user.id,))


def _sha(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token(conn: sqlite3.Connection, name: str) -> str:
    """A new API token for ``name`` (printed once; only its hash is kept)."""
    user = get_user(conn, name)
    if user is None:
        raise AccountError(f"no user {name!r}; add it first with `digitize user add {name}`")
    token = "dgt_" + secrets.token_urlsafe(32)
    with transaction(conn):
        conn.execute(
            "INSERT INTO review_tokens (user_id, token_sha256, created_at) VALUES (?, ?, ?)",
            (user.id, _sha(token), time.time()),
        )
    return token


def user_for_token(conn: sqlite3.Connection, token: str) -> User | None:
    """The active user of an unexpired, unrevoked token (``token_days`` after it was made)."""
    made_after = time.time() - get_setting(conn, "token_days") * 86400
    row = conn.execute(
        """SELECT u.*, t.id AS token_id, t.last_used_at FROM review_tokens t JOIN review_users u ON u.id = t.user_id
           WHERE t.token_sha256 = ? AND u.active = 1 AND t.created_at > ?""",
        (_sha(token), made_after),
    ).fetchone()
    if row is None:
        return None
    now = time.time()
    if (row["last_used_at"] or 0) < now - 60:  # at most one write a minute per token
        conn.execute("UPDATE review_tokens SET last_used_at = ? WHERE id = ?", (now, row["token_id"]))
    return _user(row)


def revoke(conn: sqlite3.Connection, name: str) -> tuple[int, int]:
    """Revoke every API token of ``name`` and end its sessions; (tokens, sessions) ended."""
    user = get_user(conn, name)
    if user is None:
        raise AccountError(message("account_unknown", name=name))
    with transaction(conn):
        tokens = conn.execute("DELETE FROM review_tokens WHERE user_id = ?", (user.id,)).rowcount
    return tokens, end_user_sessions(conn, user.id)


# -- settings ---------------------------------------------------------------------------------------


def get_setting(conn: sqlite3.Connection, key: str) -> Any:
    default, typ, _ = SETTINGS[key]
    row = conn.execute("SELECT value FROM review_settings WHERE key = ?", (key,)).fetchone()
    if row is None:
        return default
    value = json.loads(row["value"])
    return typ(value)


def all_settings(conn: sqlite3.Connection) -> dict[str, Any]:
    return {key: get_setting(conn, key) for key in SETTINGS}


def parse_setting(key: str, raw: str | bool | float) -> Any:
    """A setting's value from a form or JSON; ValueError when it does not fit."""
    if key not in SETTINGS:
        raise ValueError(f"unknown setting {key!r}")
    _, typ, _ = SETTINGS[key]
    if typ is bool:
        return raw in (True, "1", "true", "on", "yes")
    value = float(raw)
    if key in ("record_threshold", "table_threshold", "audit_share") and not 0.0 <= value <= 1.0:
        raise ValueError(f"{key} must be between 0 and 1")
    if key in ("claim_minutes", "session_idle_minutes") and not 0.0 < value <= 24 * 60:
        raise ValueError(f"{key} must be between 0 and 1440 minutes")
    if key in LIMIT_SETTINGS and not (value >= 1 and value == int(value) or typ is float and value > 0):
        raise ValueError(f"{key} must be a positive {'number' if typ is float else 'whole number'}")
    if key in SECURITY_RANGES and not SECURITY_RANGES[key][0] <= value <= SECURITY_RANGES[key][1]:
        raise ValueError(f"{key} must be between {SECURITY_RANGES[key][0]:g} and {SECURITY_RANGES[key][1]:g}")
    return value


def set_setting(conn: sqlite3.Connection, key: str, value: Any) -> None:
    value = parse_setting(key, value)
    with transaction(conn):
        conn.execute(
            "INSERT INTO review_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value)),
        )


def secret_key(conn: sqlite3.Connection) -> str:
    """The service's session-signing key, made once and kept in the store (sessions survive restarts)."""
    row = conn.execute("SELECT value FROM review_settings WHERE key = 'secret_key'").fetchone()
    if row is not None:
        return str(json.loads(row["value"]))
    key = secrets.token_hex(32)
    with transaction(conn):
        conn.execute(
            "INSERT OR IGNORE INTO review_settings (key, value) VALUES ('secret_key', ?)", (json.dumps(key),)
        )
    row = conn.execute("SELECT value FROM review_settings WHERE key = 'secret_key'").fetchone()
    return str(json.loads(row["value"]))


# -- sessions, API tokens and login throttling (review.sessions, review.throttle) ---------------------------

SECURITY_SETTINGS: dict[str, tuple[Any, type, str]] = {
    "session_max_hours": (
        12.0,
        float,
        "A session ends this long after login however active it is; also the session cookie's lifetime.",
    ),
    "token_days": (90.0, float, "API tokens expire this many days after they were made."),
    "login_max_failures": (5, int, "Failed logins for one user name within the window before it is refused."),
    "login_max_failures_address": (
        20,
        int,
        "Failed logins from one client address within the window before it is refused.",
    ),
    "login_window_minutes": (15.0, float, "The window over which failed logins are counted."),
}
SECURITY_RANGES: dict[str, tuple[float, float]] = {
    "session_max_hours": (0.1, 24 * 30),
    "token_days": (0.01, 3650),
    "login_max_failures": (1, 1000),
    "login_max_failures_address": (1, 10000),
    "login_window_minutes": (0.1, 24 * 60),
}
SETTINGS.update(SECURITY_SETTINGS)
