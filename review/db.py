"""Per-request connections to the work store (one per app context, closed on teardown)."""

from __future__ import annotations

import sqlite3

from flask import Flask, current_app, g

from review import store

# Re-export kept for tests/test_review_api.py and bench/bench_review.py; new code calls store.connect.
open_store = store.connect


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
