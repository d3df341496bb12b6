"""Why a review request is refused: each error carries the HTTP status the pages and the API answer with."""

from __future__ import annotations

import time


class DecisionError(Exception):
    status = 400


class NotFound(DecisionError):
    status = 404


class BadDecision(DecisionError):
    status = 400


class Forbidden(DecisionError):
    status = 403


class StaleVersion(DecisionError):
    """The record changed since the version the decision was made on."""

    status = 409

    def __init__(self, item_id: str, given: int, current: int) -> None:
        super().__init__(
            f"{item_id} is at version {current}, the decision was made on version {given}: "
            "someone changed it meanwhile; reload and decide again"
        )
        self.item_id, self.given, self.current = item_id, given, current


class Claimed(DecisionError):
    """Another reviewer holds an unexpired claim on the item."""

    status = 409

    def __init__(self, item_id: str, holder: str, expires_at: float) -> None:
        left = max(0, int(expires_at - time.time()))
        super().__init__(f"{item_id} is claimed by {holder} for another {left // 60} min {left % 60} s")
        self.item_id, self.holder, self.expires_at = item_id, holder, expires_at
