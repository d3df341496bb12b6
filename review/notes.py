"""The notes the service writes into the audit trail (``review_audit.note``), as reasons.

A note the service makes (a decision held for approval, a bulk confirm, an undo, a record inherited
from an earlier version of its document) is stored like every reason: codes with parameters
(``extract.reasons.dumps``), shown in the reader's language (``review.i18n.render_note``). A reviewer's
own words (the reason they give for a rejection) are kept as they typed them.
"""

from __future__ import annotations

from extract.reasons import Reason, loads, reason

BULK_CONFIRM = "review.bulk_confirm"

# a record's status and a decision's action → the code naming it
STATUS_CODES = {
    "pending": "review.status_pending",
    "auto": "review.status_auto",
    "confirmed": "review.status_confirmed",
    "corrected": "review.status_corrected",
    "rejected": "review.status_rejected",
}
ACTION_CODES = {
    "confirm": "review.action_confirm",
    "correct": "review.action_correct",
    "reject": "review.action_reject",
    "propose": "review.action_propose",
    "approve": "review.action_approve",
    "decline": "review.action_decline",
    "undo": "review.action_undo",
}


def status_reason(status: str) -> Reason | str:
    """A status as a reason (its name in the reader's language); an unknown one as it is."""
    code = STATUS_CODES.get(status)
    return reason(code) if code else status


def action_reason(action: str) -> Reason | str:
    """A decision's action as a reason (its name in the reader's language); an unknown one as it is."""
    code = ACTION_CODES.get(action)
    return reason(code) if code else action


def note_code(note: str | None) -> str:
    """The code of a note the service wrote ('' for a reviewer's own words or no note)."""
    found = loads(note)
    return found[0].code if found and found[0].code != "unknown" else ""
