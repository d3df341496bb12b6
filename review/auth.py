"""Login, logout, sessions (idle expiry), CSRF tokens and role checks for the HTML pages."""

from __future__ import annotations

import functools
import hmac
import secrets
import time
from collections.abc import Callable
from typing import Any

from flask import Blueprint, abort, flash, g, redirect, render_template, request, session, url_for

from review import accounts
from review.db import get_db

bp = Blueprint("auth", __name__)


def csrf_token() -> str:
    """The session's CSRF token (made on first use); every HTML form posts it back."""
    token = session.get("csrf")
    if not token:
        token = session["csrf"] = secrets.token_urlsafe(32)
    return token


def check_csrf() -> None:
    """Refuse (400) an HTML form POST whose CSRF token is missing or wrong. The JSON API uses tokens instead."""
    if request.method not in ("POST", "PUT", "PATCH", "DELETE") or request.path.startswith("/api/"):
        return
    sent = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token") or ""
    expected = session.get("csrf") or ""
    if not sent or not expected or not hmac.compare_digest(sent, expected):
        abort(400, description="CSRF token missing or invalid: reload the page and try again.")


def load_user() -> None:
    """Set ``g.user`` from the session; a session idle for longer than the setting expires."""
    g.user = None
    if request.path.startswith("/api/") or request.endpoint == "static":
        return
    user_id = session.get("user_id")
    if user_id is None:
        return
    conn = get_db()
    idle = accounts.get_setting(conn, "session_idle_minutes") * 60
    now = time.time()
    if now - session.get("seen", 0) > idle:
        session.clear()
        flash("Your session expired after inactivity; please log in again.")
        return
    user = accounts.user_by_id(conn, user_id)
    if user is None or not user.active:
        session.clear()
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
                abort(403, description=f"This page is for {' or '.join(roles)} accounts.")
            return view(**kwargs)

        return wrapped

    return decorator


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("queue.dashboard")


@bp.route("/login", methods=("GET", "POST"))
def login() -> Any:
    next_url = request.values.get("next")
    if request.method == "POST":
        name = request.form.get("username", "")
        password = request.form.get("password", "")
        user = accounts.authenticate(get_db(), name, password)
        if user is None:
            flash("Unknown user or wrong password.")
            return render_template("login.html", next=next_url), 401
        session.clear()  # a fresh session (and CSRF token) after login: no fixation
        session["user_id"] = user.id
        session["seen"] = time.time()
        session.permanent = True
        csrf_token()
        return redirect(_safe_next(next_url))
    return render_template("login.html", next=next_url)


@bp.route("/logout", methods=("POST",))
def logout() -> Any:
    session.clear()
    flash("Logged out.")
    return redirect(url_for("auth.login"))
