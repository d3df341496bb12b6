"""Admin-only pages: users (add, role, deactivate, password) and thresholds/settings."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from review import accounts
from review.auth import role_required
from review.db import get_db

bp = Blueprint("admin", __name__, url_prefix="/admin")

SETTING_LABELS = {
    "record_threshold": _l("Record threshold"),
    "table_threshold": _l("Table threshold"),
    "audit_share": _l("Audit share"),
    "require_approval": _l("Corrections need approval"),
    "claim_minutes": _l("Claim minutes"),
    "session_idle_minutes": _l("Session idle minutes"),
}
SETTING_HELP = {
    "record_threshold": _l("A record below this confidence goes to review (new documents)."),
    "table_threshold": _l("A table whose type probability is below this goes to review."),
    "audit_share": _l("Share of auto-accepted records sampled into the queue as audits."),
    "require_approval": _l("Corrections need an approver's sign-off before they count."),
    "claim_minutes": _l("How long opening an item keeps it claimed for one reviewer."),
    "session_idle_minutes": _l("Sessions expire after this much inactivity."),
}


@bp.route("/")
@role_required("admin")
def index() -> Any:
    """/admin leads to the users page (settings are one link away in the header)."""
    return redirect(url_for("admin.users"))


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
                flash(_("Added %(name)s.", name=name))
            elif op == "role":
                accounts.update_user(conn, name, role=request.form.get("role", ""))
                flash(_("%(name)s is now %(role)s.", name=name, role=request.form.get("role", "")))
            elif op == "deactivate":
                accounts.update_user(conn, name, active=False)
                flash(_("Deactivated %(name)s (tokens revoked).", name=name))
            elif op == "activate":
                accounts.update_user(conn, name, active=True)
                flash(_("Reactivated %(name)s.", name=name))
            elif op == "password":
                accounts.set_password(conn, name, request.form.get("password", ""))
                flash(_("Password of %(name)s changed.", name=name))
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
    bad = ""
    if request.method == "POST":
        try:
            for key, (_default, typ, _doc) in accounts.SETTINGS.items():
                bad = key
                if typ is bool:
                    accounts.set_setting(conn, key, request.form.get(key) == "on")
                elif key in request.form:
                    accounts.set_setting(conn, key, request.form[key])
            flash(_("Settings saved. Thresholds apply to documents processed from now on."))
            return redirect(url_for("admin.settings"))
        except ValueError as exc:
            flash(_("%(field)s: %(why)s", field=SETTING_LABELS.get(bad, bad), why=str(exc)))
            status = 400
        else:
            bad = ""
    return render_template(
        "admin_settings.html",
        values=accounts.all_settings(conn),
        specs=accounts.SETTINGS,
        bad=bad if status == 400 else "",
        setting_labels=SETTING_LABELS,
        setting_help=SETTING_HELP,
    ), status
