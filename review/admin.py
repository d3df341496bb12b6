"""Admin-only pages: users (add, role, deactivate, password) and thresholds/settings."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for

from review import accounts
from review.auth import role_required
from review.db import get_db

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/users", methods=("GET", "POST"))
@role_required("admin")
def users() -> Any:
    conn = get_db()
    status = 200
    if request.method == "POST":
        op = request.form.get("op", "")
        name = request.form.get("name", "").strip()
        try:
            if op == "add":
                accounts.add_user(
                    conn, name, request.form.get("password", ""), request.form.get("role", "reviewer")
                )
                flash(f"Added {name}.")
            elif op == "role":
                accounts.update_user(conn, name, role=request.form.get("role", ""))
                flash(f"{name} is now {request.form.get('role')}.")
            elif op == "deactivate":
                accounts.update_user(conn, name, active=False)
                flash(f"Deactivated {name} (tokens revoked).")
            elif op == "activate":
                accounts.update_user(conn, name, active=True)
                flash(f"Reactivated {name}.")
            elif op == "password":
                accounts.set_password(conn, name, request.form.get("password", ""))
                flash(f"Password of {name} changed.")
            else:
                raise accounts.AccountError(f"unknown operation {op!r}")
        except accounts.AccountError as exc:
            flash(str(exc))
            status = 400
        if status == 200:
            return redirect(url_for("admin.users"))
    return render_template("admin_users.html", users=accounts.list_users(conn), roles=accounts.ROLES), status


@bp.route("/settings", methods=("GET", "POST"))
@role_required("admin")
def settings() -> Any:
    conn = get_db()
    status = 200
    if request.method == "POST":
        try:
            for key, (_, typ, _) in accounts.SETTINGS.items():
                if typ is bool:
                    accounts.set_setting(conn, key, request.form.get(key) == "on")
                elif key in request.form:
                    accounts.set_setting(conn, key, request.form[key])
            flash("Settings saved. Thresholds apply to documents processed from now on.")
            return redirect(url_for("admin.settings"))
        except ValueError as exc:
            flash(str(exc))
            status = 400
    return render_template(
        "admin_settings.html", values=accounts.all_settings(conn), specs=accounts.SETTINGS
    ), status
