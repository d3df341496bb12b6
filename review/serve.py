"""``digitize serve``: the review app under waitress (a production WSGI server), worker thread included.

waitress refuses a request body above its own limit before the app sees it, with a plain-text 413
of its own; ``make_server`` gives waitress an error task that answers such a request with the
service's own page instead (HTML, or JSON under /api/, rendered by the app, in the reader's
language). Other errors waitress raises while parsing (400, 431) get the same treatment.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask
from waitress.channel import HTTPChannel
from waitress.server import create_server
from waitress.task import ErrorTask

from review.app import create_app, error_response, too_large_message
from review.errors import message

# Multipart framing around an upload: waitress lets this much above MAX_CONTENT_LENGTH through, so that
# Flask (which knows the form) answers a body just over the limit.
BODY_MARGIN = 1024 * 1024


def _error_task_for(app: Flask) -> type[ErrorTask]:
    class ServiceErrorTask(ErrorTask):
        """waitress's parsing errors answered with the service's own error page."""

        def execute(self) -> None:
            error = self.request.error
            path = getattr(self.request, "path", "") or "/"
            if not path.startswith("/"):
                path = "/"
            try:
                with app.test_request_context(path):  # the reader's language: Chinese, asked for nothing
                    if error.code == 413:
                        text = too_large_message(app.config["MAX_CONTENT_LENGTH"])
                    else:
                        text = message("text_other")
                    response = error_response(error.code, error.reason, text)
                    body = response.get_data()
                    content_type = response.content_type
            except Exception:  # the plain answer rather than none
                super().execute()
                return
            self.status = f"{error.code} {error.reason}"
            self.response_headers.extend(
                [("Content-Type", content_type), ("X-Content-Type-Options", "nosniff")]
            )
            self.set_close_on_finish()
            self.content_length = len(body)
            self.write(body)

    return ServiceErrorTask


def make_server(app: Flask, *, host: str = "127.0.0.1", port: int = 5000, threads: int = 8) -> Any:
    """A waitress server for ``app`` (not yet running: call ``.run()``; ``.close()`` to stop)."""
    channel = type("ServiceChannel", (HTTPChannel,), {"error_task_class": _error_task_for(app)})
    server = create_server(
        app,
        host=host,
        port=port,
        threads=threads,
        ident="digitize",
        max_request_body_size=app.config["MAX_CONTENT_LENGTH"] + BODY_MARGIN,
    )
    listeners = [server] if hasattr(server, "channel_class") else list(server.map.values())
    for listener in listeners:
        if hasattr(listener, "channel_class"):
            listener.channel_class = channel
    return server


def serve(db_path: str | Path, *, host: str = "127.0.0.1", port: int = 5000, threads: int = 8,
          secure_cookies: bool = True) -> None:  # fmt: skip
    app = create_app({"DATABASE": str(db_path), "SESSION_COOKIE_SECURE": secure_cookies})
    server = make_server(app, host=host, port=port, threads=threads)
    print(f"digitize review: http://{host}:{port}/ (work store {db_path})", flush=True)
    try:
        server.run()
    finally:
        app.extensions["digitize_worker"].stop()
