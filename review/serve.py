"""``digitize serve``: the review app under waitress (a production WSGI server), worker thread included."""

from __future__ import annotations

from pathlib import Path


def serve(db_path: str | Path, *, host: str = "127.0.0.1", port: int = 5000, threads: int = 8,
          secure_cookies: bool = True) -> None:  # fmt: skip
    from waitress import serve as waitress_serve

    from review.app import create_app

    app = create_app({"DATABASE": str(db_path), "SESSION_COOKIE_SECURE": secure_cookies})
    print(f"digitize review: http://{host}:{port}/ (work store {db_path})", flush=True)
    try:
        waitress_serve(
            app,
            host=host,
            port=port,
            threads=threads,
            ident="digitize",
            max_request_body_size=app.config["MAX_CONTENT_LENGTH"] + 1024 * 1024,
        )
    finally:
        app.extensions["digitize_worker"].stop()
