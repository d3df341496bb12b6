"""Review items: the ids of records and tables in the queue and their rows.

Record ids are ``li-<line_items.id>``, ``ind-<indicators.id>`` and ``tbl-<tables.id>``.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from review.errors import NotFound

SQLITE_MAX_INTEGER = 2**63 - 1

KINDS = {"li": ("line_item", "line_items"), "ind": ("indicator", "indicators"), "tbl": ("table", "tables")}
PREFIX = {kind: prefix for prefix, (kind, _) in KINDS.items()}


def parse_item_id(item_id: str) -> tuple[str, str, str | int]:
    """'li-12' → ('line_item', 'line_items', 12); 'tbl-<table id>' → ('table', 'tables', '<table id>')."""
    prefix, _, key = item_id.partition("-")
    if prefix not in KINDS or not key:
        raise NotFound(f"no such item {item_id!r} (ids look like li-12, ind-3, tbl-<table id>)")
    kind, table = KINDS[prefix]
    if prefix == "tbl":
        return kind, table, key
    if not (key.isascii() and key.isdigit()) or int(key) > SQLITE_MAX_INTEGER:
        raise NotFound(f"no such item {item_id!r}")
    return kind, table, int(key)


def item_id_of(kind: str, key: str | int) -> str:
    return f"{PREFIX[kind]}-{key}"


def get_row(conn: sqlite3.Connection, item_id: str) -> tuple[str, str, dict[str, Any]]:
    kind, table, key = parse_item_id(item_id)
    row = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (key,)).fetchone()
    if row is None:
        raise NotFound(f"no such item {item_id!r}")
    return kind, table, dict(row)
