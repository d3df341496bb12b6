"""The review service: a Flask app factory over the work store.

``create_app(config)`` wires the blueprints (auth, queue, documents, api,
admin), per-request store connections, CSRF and session checks, JSON errors
under /api/, and the background worker that processes uploads. Served by
``digitize serve`` (waitress).
"""

from __future__ import annotations

import os
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask, g, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from review import accounts, audits
from review.store import connect

DEFAULTS: dict[str, Any] = {
    "DATABASE": "work.db",
    "UPLOAD_FOLDER": None,  # default: <folder of the work store>/uploads
    "PAGE_CACHE": None,  # default: <folder of the work store>/page-cache
    "MAX_CONTENT_LENGTH": 50 * 1024 * 1024,
    "SESSION_COOKIE_SECURE": True,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_NAME": "digitize_session",
    "WORKER": True,
    "SAMPLE_AUDITS": True,
}


def create_app(config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.update(config or {})
    db_path = Path(app.config["DATABASE"])
    app.config["DATABASE"] = str(db_path)
    app.config["UPLOAD_FOLDER"] = str(app.config["UPLOAD_FOLDER"] or db_path.resolve().parent / "uploads")
    app.config["PAGE_CACHE"] = str(app.config["PAGE_CACHE"] or db_path.resolve().parent / "page-cache")

    conn = connect(db_path)
    try:
        if not app.config.get("SECRET_KEY"):
            app.config["SECRET_KEY"] = os.environ.get("DIGITIZE_SECRET_KEY") or accounts.secret_key(conn)
        idle = accounts.get_setting(conn, "session_idle_minutes")
        app.config.setdefault("PERMANENT_SESSION_LIFETIME", timedelta(minutes=idle))
        if app.config["SAMPLE_AUDITS"]:
            audits.sample_audits(conn)
    finally:
        conn.close()

    from review import admin, api, auth, db, documents, findings, queue

    db.init_app(app)
    app.before_request(auth.load_user)
    app.before_request(auth.check_csrf)
    app.before_request(lambda: setattr(g, "t0", time.perf_counter()))
    app.jinja_env.globals["csrf_token"] = auth.csrf_token
    app.jinja_env.filters["clock"] = lambda t: time.strftime("%H:%M:%S", time.localtime(float(t)))
    for blueprint in (auth.bp, queue.bp, documents.bp, api.bp, admin.bp, findings.bp):
        app.register_blueprint(blueprint)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Any:
        code = exc.code or 500
        message = exc.description or exc.name
        if code == 413:
            limit = app.config["MAX_CONTENT_LENGTH"] / (1024 * 1024)
            message = f"The file is too large: the limit is {limit:g} MB. Nothing was stored."
        if request.path.startswith("/api/"):
            return jsonify({"error": message, "status": code}), code
        return render_template("error.html", code=code, name=exc.name, message=message), code

    @app.after_request
    def security_headers(response: Any) -> Any:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'",
        )
        return response

    from review.worker import Worker

    worker = Worker(app.config["DATABASE"], app.config["UPLOAD_FOLDER"])
    app.extensions["digitize_worker"] = worker
    if app.config["WORKER"]:
        worker.start()
    return app
