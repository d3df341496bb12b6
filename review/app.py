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

from flask import Flask, g, jsonify, make_response, render_template, request
from werkzeug.exceptions import HTTPException, NotFound

from review import accounts, audits
from review.errors import http_name, message
from review.route_ids import BoundedInt, check_view_args
from review.store import connect

# The pages' Content-Security-Policy: nothing but this site's own scripts, styles and images; forms
# post only here; no <base> may re-point relative links; no site may frame a page.
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)

DEFAULTS: dict[str, Any] = {
    "DATABASE": "work.db",
    "UPLOAD_FOLDER": None,  # default: <work store>.d/uploads (the instance folder beside the store)
    "PAGE_CACHE": None,  # default: <work store>.d/page-cache
    "MAX_CONTENT_LENGTH": 50 * 1024 * 1024,
    "SESSION_COOKIE_SECURE": True,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_NAME": "digitize_session",
    "WORKER": True,
    "SAMPLE_AUDITS": True,
}


def instance_folder(db_path: Path) -> Path:
    """The service's own files (uploads, page cache, compiled catalogue) beside the work store:
    ``work.db`` → ``work.db.d/``; never the source tree."""
    return Path(str(db_path.resolve()) + ".d")


def create_app(config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    app.url_map.converters["int"] = BoundedInt  # before any route is added
    app.config.update(DEFAULTS)
    app.config.update(config or {})
    db_path = Path(app.config["DATABASE"])
    app.config["DATABASE"] = str(db_path)
    instance = instance_folder(db_path)
    app.config["UPLOAD_FOLDER"] = str(app.config["UPLOAD_FOLDER"] or instance / "uploads")
    app.config["PAGE_CACHE"] = str(app.config["PAGE_CACHE"] or instance / "page-cache")

    conn = connect(db_path)
    try:
        if not app.config.get("SECRET_KEY"):
            app.config["SECRET_KEY"] = os.environ.get("DIGITIZE_SECRET_KEY") or accounts.secret_key(conn)
        if "PERMANENT_SESSION_LIFETIME" not in (config or {}):  # Flask's own default is 31 days
            app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(
                hours=accounts.get_setting(conn, "session_max_hours")
            )
        if app.config["SAMPLE_AUDITS"]:
            audits.sample_audits(conn)
    finally:
        conn.close()

    from review import admin, api, auth, db, documents, findings, i18n, queue

    db.init_app(app)
    app.url_value_preprocessor(check_view_args)
    i18n.init_app(app, instance)
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
        if code == 413:
            text = too_large_message(app.config["MAX_CONTENT_LENGTH"])
        elif code == 404 and exc.description == NotFound.description:
            text = message("not_found")
        elif exc.description and exc.description != type(exc).description:  # the service's own words
            text = exc.description
        else:  # werkzeug's English default: the service's own, in the reader's language
            text = message("text_other")
        return error_response(code, exc.name, text, headers=exc.get_headers() if code == 405 else None)

    @app.errorhandler(Exception)
    def internal_error(exc: Exception) -> Any:
        if isinstance(exc, HTTPException):  # pragma: no cover - handled above
            return http_error(exc)
        app.logger.exception("unhandled error on %s %s", request.method, request.path)
        return error_response(500, "Internal Server Error", message("server_error"))

    @app.after_request
    def security_headers(response: Any) -> Any:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Content-Security-Policy", CSP)
        return response

    from review.worker import Worker

    worker = Worker(app.config["DATABASE"], app.config["UPLOAD_FOLDER"], app.config.get("UPLOAD_WORKERS", 1))
    app.extensions["digitize_worker"] = worker
    if app.config["WORKER"]:
        worker.start()
    return app


def too_large_message(limit_bytes: int) -> str:
    return message("too_large", limit=f"{limit_bytes / (1024 * 1024):g}")


def error_response(code: int, name: str, text: str, headers: Any = None) -> Any:
    """The service's own error answer: JSON under /api/, else the error page (in the request's context)."""
    if request.path.startswith("/api/"):
        response = jsonify({"error": text, "status": code})
    else:
        response = make_response(render_template("error.html", code=code, name=http_name(code), message=text))
    response.status_code = code
    for key, value in headers or ():
        if key.lower() != "content-type":
            response.headers[key] = value
    return response
