"""Ids in the service's routes: what a URL may carry before a view looks it up in the store.

Every route's variables pass ``check_view_args`` (registered by ``review.app`` as a URL value
preprocessor): an id that is too long, holds control characters or is an integer SQLite cannot store
(above 2**63 − 1), or an ``item_id`` not of the shape ``review.item_ids`` reads, answers 404 before any view runs, so no lookup can overflow into a 500. The ``int``
converter of the URL map is bounded the same way (``BoundedInt``).
"""

from __future__ import annotations

from typing import Any

from flask import abort
from werkzeug.routing import IntegerConverter, Map

from review.errors import NotFound, message
from review.item_ids import SQLITE_MAX_INTEGER, parse_item_id

MAX_ID_LENGTH = 200


class BoundedInt(IntegerConverter):
    """``<int:…>`` limited to what an SQLite INTEGER holds (a larger number does not match: 404)."""

    def __init__(self, map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", SQLITE_MAX_INTEGER)
        super().__init__(map, *args, **kwargs)


def valid_id(value: object) -> bool:
    """Whether a route variable may be looked up: a bounded integer, or a short printable string."""
    if isinstance(value, int):
        return 0 <= value <= SQLITE_MAX_INTEGER
    if not isinstance(value, str):
        return False
    return 0 < len(value) <= MAX_ID_LENGTH and value.isprintable() and value.strip() == value


def check_view_args(endpoint: str | None, values: dict[str, Any] | None) -> None:
    """404 for a malformed id in any route (static file paths are werkzeug's to check)."""
    if endpoint == "static" or not values:
        return
    for name, value in values.items():
        if not valid_id(value):
            abort(404, description=message("bad_id", value=str(value)[:40]))
        if name == "item_id":
            try:
                parse_item_id(value)
            except NotFound as exc:
                abort(404, description=str(exc))
