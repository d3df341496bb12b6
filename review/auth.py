"""Login, logout, sessions, CSRF and Origin checks and role checks for the HTML pages.

A login is throttled per user and per address (``review.throttle``), checks one password hash
whether or not the user exists, and starts a new server-side session (``review.sessions``): the
cookie carries its id, which is looked up on every request, so logging out (or a password change)
ends every session of the user. ``next=`` after login is followed only to a path of this site.
"""

from __future__ import annotations

import functools
import hmac
import secrets
import sqlite3
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote, urlsplit

from flask import Blueprint, abort, flash, g, redirect, render_template, request, session, url_for

from review import accounts, sessions, throttle
from review.db import get_db
from review.errors import message

bp = Blueprint("auth", __name__)


def csrf_token() -> str:
    """The session's CSRF token (made on first use); every HTML form posts it back."""
    token = session.get("csrf")
    if not token:
        token = session["csrf"] = secrets.token_urlsafe(32)
    return token


def same_origin(value: str, host: str) -> bool:
    """Whether an Origin or Referer header names this host (scheme aside: TLS may end at a proxy)."""
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc) and parts.netloc.lower() == host.lower()


def check_csrf() -> None:
    """Refuse (400) an HTML form POST whose CSRF token is missing or wrong, or (403) one sent by another
    site: its Origin (or, without one, its Referer) must name this host. The JSON API uses tokens instead."""
    if request.method not in ("POST", "PUT", "PATCH", "DELETE") or request.path.startswith("/api/"):
        return
    origin = request.headers.get("Origin")
    source = origin if origin is not None else request.headers.get("Referer")
    if source is not None and not same_origin(source, request.host):
        abort(403, description=message("bad_origin", origin=source[:80]))
    sent = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token") or ""
    expected = session.get("csrf") or ""
    if not sent or not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        abort(400, description=message("csrf"))


def load_user() -> None:
    """Set ``g.user`` from the session; a session idle for longer than the setting expires."""
    g.user = None
    if request.path.startswith("/api/") or request.endpoint == "static":
        return
    sid = session.get("sid")
    if sid is None:
        return
    conn = get_db()
    idle = accounts.get_setting(conn, "session_idle_minutes") * 60
    now = time.time()
    if now - session.get("seen", 0) > idle:
        session.clear()
        flash(message("session_idle"))
        return
    user_id = sessions.session_user(conn, str(sid))
    user = accounts.user_by_id(conn, user_id) if user_id is not None else None
    if user is None or not user.active:
        session.clear()
        flash(message("session_ended"))
        return
    session["seen"] = now
    session.permanent = True
    g.user = user


def login_required(view: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(view)
    def wrapped(**kwargs: Any) -> Any:
        if g.user is None:
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        return view(**kwargs)

    return wrapped


def role_required(*roles: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        @login_required
        def wrapped(**kwargs: Any) -> Any:
            if g.user.role not in roles:
                from review.i18n import ROLE_NAMES

                names = "、".join(str(ROLE_NAMES.get(r, r)) for r in roles)
                abort(403, description=message("role_required", roles=names))
            return view(**kwargs)

        return wrapped

    return decorator


def safe_next(target: str | None) -> str:
    """``target`` when it is a path of this site, else the dashboard.

    Refused: anything but one leading slash (``//evil``, ``/\\evil``, absolute URLs), backslashes,
    and any whitespace or control character (browsers drop tabs and newlines, so ``/\t/evil`` would
    become ``//evil``; CR/LF would split the Location header)."""
    fallback = url_for("queue.dashboard")
    if not target or len(target) > 2000 or not target.startswith("/") or target.startswith("//"):
        return fallback
    if "\\" in target or any(ch.isspace() or not ch.isprintable() for ch in target):
        return fallback
    decoded = unquote(target)  # what a lax client might make of %09, %5C, %2F
    if (
        decoded.startswith("//")
        or "\\" in decoded
        or any(not ch.isprintable() and ch != " " for ch in decoded)
    ):
        return fallback
    try:
        parts = urlsplit(target)
    except ValueError:
        return fallback
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith("//"):
        return fallback
    return target


def _limits(conn: sqlite3.Connection) -> throttle.Limits:
    return throttle.Limits(
        per_user=accounts.get_setting(conn, "login_max_failures"),
        per_address=accounts.get_setting(conn, "login_max_failures_address"),
        window_seconds=accounts.get_setting(conn, "login_window_minutes") * 60,
    )


@bp.route("/login", methods=("GET", "POST"))
def login() -> Any:
    next_url = request.values.get("next")
    if request.method == "POST":
        conn = get_db()
        name = request.form.get("username", "")
        password = request.form.get("password", "")
        address = request.remote_addr or ""
        limits = _limits(conn)
        wait = throttle.retry_after(conn, name, address, limits)
        if wait > 0:
            minutes = max(1, int(wait // 60) + (wait % 60 > 0))
            flash(message("login_throttled", minutes=minutes))
            response = render_template("login.html", next=next_url), 429, {"Retry-After": str(int(wait) + 1)}
            return response
        user = accounts.authenticate(conn, name, password)
        if user is None:
            throttle.record_failure(conn, name, address, limits)
            flash(message("login_failed"))
            return render_template("login.html", next=next_url), 401
        throttle.clear_user(conn, name)
        session.clear()  # a fresh session (and CSRF token) after login: no fixation
        lifetime = accounts.get_setting(conn, "session_max_hours") * 3600
        session["sid"] = sessions.start_session(conn, user.id, lifetime, address)
        session["seen"] = time.time()
        session.permanent = True
        csrf_token()
        return redirect(safe_next(next_url))
    return render_template("login.html", next=next_url)


@bp.route("/logout", methods=("POST",))
def logout() -> Any:
    """End this session and every other session of the user."""
    if g.user is not None:
        sessions.end_user_sessions(get_db(), g.user.id)
    session.clear()
    flash(message("logged_out"))
    return redirect(url_for("auth.login"))
