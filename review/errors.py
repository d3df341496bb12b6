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
        super().__init__(message("stale_version", item=item_id, current=current, given=given))
        self.item_id, self.given, self.current = item_id, given, current


class Claimed(DecisionError):
    """Another reviewer holds an unexpired claim on the item."""

    status = 409

    def __init__(self, item_id: str, holder: str, expires_at: float) -> None:
        left = max(0, int(expires_at - time.time()))
        super().__init__(
            message("claimed", item=item_id, holder=holder, minutes=left // 60, seconds=left % 60)
        )
        self.item_id, self.holder, self.expires_at = item_id, holder, expires_at


# -- messages the service shows for refused requests (security and faults) ------------------------------
# One place for the reader-facing text of the checks below, written in English and translated in the
# service's one catalogue (review/translations/zh/LC_MESSAGES/messages.po; Chinese by default, see
# ``review.i18n``). ``message(key, **fields)`` gives the text in the reader's language, fields filled in.


def N_(text: str) -> str:  # noqa: N802 - the catalogue's marker: extracted by pybabel, translated later
    return text


MESSAGES: dict[str, str] = {
    "not_found": N_("Not found."),
    "bad_id": N_("No such id: %(value)s."),
    "too_large": N_("The file is too large: the limit is %(limit)s MB. Nothing was stored."),
    "pdf_refused": N_("The PDF %(name)s cannot be read: %(problem)s. Nothing was stored."),
    "pdf_damaged": N_("it is damaged or not a PDF this service can read"),
    "pdf_encrypted": N_("it is encrypted (password protected); decrypt it first"),
    "pdf_empty": N_("it has no pages"),
    "bad_origin": N_("The form was sent from another site (%(origin)s); refused."),
    "csrf": N_("CSRF token missing or invalid: reload the page and try again."),
    "login_failed": N_("Unknown user or wrong password."),
    "login_throttled": N_("Too many failed logins; try again in %(minutes)s min."),
    "session_ended": N_(
        "Your session ended: logged out elsewhere, password changed or expired; please log in again."
    ),
    "session_idle": N_("Your session expired after inactivity; please log in again."),
    "logged_out": N_("Logged out; all your sessions have ended."),
    "token_invalid": N_("Invalid, expired or revoked token."),
    "server_error": N_("Internal error; nothing was changed."),
    "upload_empty": N_("The file is empty. Nothing was stored."),
    "upload_none": N_("No file was sent (use the form field 'file')."),
    "upload_accepted": N_("text exports (UTF-8 or GB18030/GBK), PDF, or page images (PNG, JPEG, TIFF, BMP)"),
    "upload_archive": N_("Archives are not accepted: unpack it and upload its files (%(accepted)s)."),
    "upload_type": N_("This file is not a supported type (%(why)s). Accepted: %(accepted)s."),
    "upload_pages": N_(
        "The file has %(pages)s pages; one upload may have at most %(limit)s. Split it and upload the parts. "
        "Nothing was stored."
    ),
    "upload_mb": N_("The file is too large: %(mb)s MB, the limit is %(limit)s MB. Nothing was stored."),
    "upload_day_pages": N_(
        "%(user)s uploaded %(used)s pages in the last 24 hours; with this file's %(pages)s that is over the limit "
        "of %(limit)s a day. Try again later. Nothing was stored."
    ),
    "upload_day_mb": N_(
        "%(user)s uploaded %(used)s MB in the last 24 hours; with this file that is over the limit of %(limit)s MB "
        "a day. Try again later. Nothing was stored."
    ),
    "stale_version": N_(
        "%(item)s is at version %(current)s, the decision was made on version %(given)s: someone changed it "
        "meanwhile; reload and decide again"
    ),
    "claimed": N_("%(item)s is claimed by %(holder)s for another %(minutes)s min %(seconds)s s"),
    "undo_none": N_("you have no decision left to undo"),
    "undo_later": N_("%(user)s decided on %(item)s after you"),
    "undo_changed": N_("%(item)s changed since your decision"),
    "correct_unchanged": N_("correct needs at least one changed field (use confirm to accept as is)"),
    "not_an_amount": N_("%(value)s is not an amount"),
    "too_long": N_("%(field)s is %(length)s characters long; the limit is %(limit)s"),
    "one_of": N_("%(field)s must be one of %(choices)s"),
    "unknown_unit": N_("unknown unit %(value)s"),
    "cell_outside": N_("cell (%(row)s, %(col)s) is outside the table (%(rows)s rows × %(cols)s columns)"),
    "cell_too_long": N_("cell (%(row)s, %(col)s) text is %(length)s characters long; the limit is %(limit)s"),
    "cell_not_amount": N_("cell (%(row)s, %(col)s) %(value)s is not an amount"),
    "amount_cell_disagree": N_(
        "the amount %(amount)s 元 and the cell %(cell)s (%(unit)s) disagree: edit one of them"
    ),
    "account_no_name": N_("a user needs a name"),
    "account_role": N_("unknown role %(role)s; choose one of %(roles)s"),
    "account_password": N_("a password needs at least 8 characters"),
    "account_exists": N_("user %(name)s already exists"),
    "account_unknown": N_("no user %(name)s"),
    "no_document": N_("No document %(id)s."),
    "no_page_image": N_("This document has no page image."),
    "no_finding": N_("No finding %(finding)s in document %(id)s."),
    "finding_marked": N_("The mark is recorded."),
    "role_required": N_("This page is for %(roles)s accounts."),
    # the error pages' headings, and their text where the request names no reason of its own
    "name_400": N_("Bad request"),
    "name_403": N_("Forbidden"),
    "name_404": N_("Not found"),
    "name_405": N_("Method not allowed"),
    "name_409": N_("Conflict"),
    "name_413": N_("File too large"),
    "name_429": N_("Too many requests"),
    "name_500": N_("Internal error"),
    "name_other": N_("Request refused"),
    "text_other": N_("The request cannot be answered."),
}


def http_name(code: int) -> str:
    """The heading of the error page for HTTP status ``code``, in the reader's language."""
    return message(f"name_{code}" if f"name_{code}" in MESSAGES else "name_other")


def message(key: str, **fields: object) -> str:
    """The reader-facing text of ``key`` in the reader's language, its fields filled in (outside a
    request, on the command line: in English)."""
    from flask import has_request_context
    from flask_babel import gettext

    if has_request_context():
        return gettext(MESSAGES[key], **fields)
    return MESSAGES[key] % fields if fields else MESSAGES[key]
