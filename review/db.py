"""Per-request connections to the work store (one per app context, closed on teardown)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from flask import Flask, current_app, g

from review import accounts, decisions, store


def open_store(path: str | Path) -> sqlite3.Connection:
    """A work-store connection with the review tables (users, tokens, claims, audit …) in place."""
    conn = store.connect(path)
    accounts.ensure_schema(conn)
    decisions.ensure_schema(conn)
    return conn


def get_db() -> sqlite3.Connection:
    if "db" not in g:
        g.db = store.connect(current_app.config["DATABASE"])
    return g.db


def close_db(_exc: BaseException | None = None) -> None:
    conn = g.pop("db", None)
    if conn is not None:
        conn.close()


def init_app(app: Flask) -> None:
    app.teardown_appcontext(close_db)
