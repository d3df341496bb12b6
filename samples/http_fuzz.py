"""A fuzz of the review service's HTTP surface (hypothesis), shared by tests/test_fuzz_http.py and
bench/fuzz_http.py.

Every request goes to a route of ``app.url_map`` (the HTML pages) or of docs/openapi.yaml (the JSON
API, whose paths, methods, query parameters and bodies the strategies are drawn from), with ids that
are real, random, huge, negative or not ids at all, random query strings, headers (Origin, Referer,
Authorization, Content-Type, X-CSRF-Token), form, JSON and raw bodies and uploads (random bytes behind
PDF, PNG, ZIP or text openings), by every method, as an anonymous visitor, a reviewer or an admin
(whose forms mostly carry their valid CSRF token, so the requests reach the views' own checks).
``Fuzzer.run`` sends one request and returns its status; a status of 500 or more is the failure.
"""

from __future__ import annotations

import io
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

OPENAPI = Path(__file__).resolve().parent.parent / "docs" / "openapi.yaml"
METHODS = ("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")
FORM_KEYS = ("csrf_token", "action", "version", "table_version", "via_item", "changes", "cells_json", "code",
             "name", "amount_yuan", "level1", "level2", "level3", "value", "table_type", "op", "role", "password",
             "username", "decision", "next", "note", "record_threshold", "claim_minutes", "login_max_failures",
             "session_max_hours", "token_days", "require_approval")  # fmt: skip
QUERY_KEYS = (
    "status",
    "kind",
    "document_id",
    "table_type",
    "reason",
    "limit",
    "row",
    "col",
    "next",
    "page",
    "q",
)


def api_operations(spec_path: Path = OPENAPI) -> list[tuple[str, str, dict[str, Any]]]:
    """(flask rule, METHOD, operation) for every operation of the OpenAPI description."""
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    out = []
    for path, item in spec["paths"].items():
        rule = re.sub(r"\{(\w+)\}", r"<\1>", path)
        for method, op in item.items():
            if method.upper() in METHODS:
                out.append((rule, method.upper(), op))
    return out


@dataclass
class Target:
    """What the store holds that a request may name: real ids, so that requests reach the views."""

    items: list[str]
    tables: list[str]
    documents: list[str]
    users: list[str]
    pages: list[int] = field(default_factory=lambda: [1, 2])


def target_of(db: Path) -> Target:
    conn = sqlite3.connect(db)
    try:
        items = [f"li-{r[0]}" for r in conn.execute("SELECT id FROM line_items LIMIT 20")]
        items += [f"ind-{r[0]}" for r in conn.execute("SELECT id FROM indicators LIMIT 10")]
        tables = [r[0] for r in conn.execute("SELECT id FROM tables LIMIT 10")]
        items += [f"tbl-{t}" for t in tables]
        documents = [r[0] for r in conn.execute("SELECT id FROM documents LIMIT 10")]
        users = [r[0] for r in conn.execute("SELECT name FROM review_users")]
    finally:
        conn.close()
    return Target(items, tables, documents, users)


_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
_junk_ids = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(
        [
            "99999999999999999999",
            "li-99999999999999999999",
            "ind--1",
            "tbl-",
            "li-²",
            "li-٣",
            "li-1.5",
            "..",
            "%00",
            "%0d%0a",
            "a" * 300,
            "li-" + "9" * 30,
            "' OR 1=1 --",
            "<script>",
            "null",
        ]
    ),  # fmt: skip
    _text.filter(lambda s: s and "/" not in s and "?" not in s and "#" not in s),
)


def _values(target: Target) -> st.SearchStrategy[str]:
    return st.one_of(
        _text,
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
        st.sampled_from(target.items + target.tables + target.documents + target.users),
        st.sampled_from(
            [
                "confirm",
                "correct",
                "reject",
                "approve",
                "decline",
                "add",
                "role",
                "deactivate",
                "activate",
                "password",
                "reviewer",
                "admin",
                "pending",
                "line_item",
                "indicator",
                "table",
                "on",
                "true",
                "1",
                "0",
                "-1",
                "1e309",
                "nan",
                "{}",
                "[]",
                "//evil.example",
            ]
        ),  # fmt: skip
    )


def _json_values() -> st.SearchStrategy[Any]:
    scalars = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**80), max_value=2**80),
                        st.floats(allow_nan=False, allow_infinity=False), _text)  # fmt: skip
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=4),
        max_leaves=12,
    )


def _decision_bodies(target: Target) -> st.SearchStrategy[Any]:
    cells = st.lists(
        st.fixed_dictionaries({"row": st.integers(-5, 10**12), "col": st.integers(-5, 10**6), "text": _text}),
        max_size=3,
    )
    changes = st.dictionaries(
        st.sampled_from(
            [
                "code",
                "name",
                "amount_yuan",
                "level1",
                "level2",
                "level3",
                "value",
                "table_type",
                "cells",
                "project",
                "unit",
                "title",
            ]
        ),  # fmt: skip
        st.one_of(
            _text, st.integers(min_value=-(2**70), max_value=2**70), st.floats(), cells, _json_values()
        ),
        max_size=4,
    )
    return st.one_of(
        st.fixed_dictionaries(
            {
                "action": st.sampled_from(["confirm", "correct", "reject", "approve", "decline", "x"]),
                "version": st.one_of(
                    st.integers(min_value=-(2**70), max_value=2**70), st.integers(0, 3), _text
                ),
                "changes": st.one_of(changes, _json_values()),
            }  # fmt: skip
        ),
        _json_values(),
    )


_uploads = st.tuples(
    st.sampled_from(
        [
            b"",
            b"%PDF-1.7\n",
            b"\x89PNG\r\n\x1a\n",
            b"\xff\xd8\xff",
            b"PK\x03\x04",
            b"II*\x00",
            "科目编码\t科目名称\t合计\n2010601\t行政运行\t1.00\n".encode("gb18030"),
            b"\xef\xbb\xbf",
        ]
    ),  # fmt: skip
    st.binary(max_size=600),
    st.sampled_from(["a.pdf", "../../etc/passwd", "表.txt", "", "x" * 300 + ".png", "a\x00b.txt", ".hidden"]),
)


@dataclass(frozen=True)
class Request:
    who: str  # anonymous, reviewer, admin, token
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: tuple[str, Any]  # ("none" | "form" | "json" | "raw" | "upload", payload)
    csrf: bool


def requests(app: Any, target: Target) -> st.SearchStrategy[Request]:
    """Requests over every route of the app (HTML pages from the URL map, the API from OpenAPI)."""
    html_rules = [
        r for r in app.url_map.iter_rules() if r.endpoint != "static" and not r.rule.startswith("/api/")
    ]
    routes = [(r.rule, sorted(r.methods - {"HEAD", "OPTIONS"})) for r in html_rules]
    routes += [(rule, [method]) for rule, method, _ in api_operations()]
    routes += [("/static/<filename>", ["GET"]), ("/<junk>", ["GET", "POST"])]
    real_ids = st.sampled_from(target.items + target.tables + target.documents)

    @st.composite
    def build(draw: Any) -> Request:
        rule, methods = draw(st.sampled_from(routes))
        method = (
            draw(st.one_of(st.sampled_from(methods), st.sampled_from(METHODS)))
            if draw(st.booleans())
            else methods[0]
        )

        def fill(match: re.Match[str]) -> str:
            name = match.group(1).split(":")[-1]
            if name == "page" or name == "proposal_id":
                return str(draw(st.one_of(st.integers(0, 3), st.integers(min_value=2**62, max_value=2**70))))
            if name == "filename":
                return draw(st.sampled_from(["style.css", "review.js", "../app.py", "%2e%2e/x", "nope"]))
            return draw(st.one_of(real_ids, _junk_ids))

        path = re.sub(r"<([^>]+)>", fill, rule)
        query = draw(st.dictionaries(st.sampled_from(QUERY_KEYS), _values(target), max_size=3))
        headers = draw(
            st.dictionaries(
                st.sampled_from(
                    [
                        "Origin",
                        "Referer",
                        "Content-Type",
                        "X-CSRF-Token",
                        "Accept-Language",
                        "Accept",
                        "X-Forwarded-For",
                        "Cookie",
                    ]
                ),  # fmt: skip
                st.one_of(
                    st.sampled_from(
                        [
                            "http://localhost",
                            "https://evil.example",
                            "null",
                            "application/json",
                            "zh-CN",
                            "text/html",
                            "multipart/form-data; boundary=x",
                        ]
                    ),
                    _text.map(lambda s: s.replace("\r", "").replace("\n", "")),
                ),  # fmt: skip
                max_size=3,
            )
        )
        if path.startswith("/api/") and draw(st.integers(0, 9)) == 0:
            headers["Authorization"] = draw(
                st.sampled_from(["Bearer ", "Bearer dgt_forged", "Basic YTpi", "bearer"])
            )
        kind = draw(st.sampled_from(["none", "form", "json", "raw", "upload"]))
        if path.endswith("/decision") and path.startswith("/api/") and draw(st.booleans()):
            body: tuple[str, Any] = ("json", draw(_decision_bodies(target)))
        elif kind == "form":
            body = ("form", draw(st.dictionaries(st.sampled_from(FORM_KEYS), _values(target), max_size=6)))
        elif kind == "json":
            body = ("json", draw(_json_values()))
        elif kind == "raw":
            body = ("raw", draw(st.binary(max_size=300)))
        elif kind == "upload":
            body = ("upload", draw(_uploads))
        else:
            body = ("none", None)
        who = draw(st.sampled_from(["anonymous", "reviewer", "admin", "token"]))
        return Request(who, method, path, query, headers, body, csrf=draw(st.integers(0, 9)) > 0)

    return build()


class Fuzzer:
    """Sends fuzzed requests with clients that stay logged in (logging in again when a request ended it)."""

    def __init__(self, app: Any, passwords: dict[str, str], reviewer: str, admin: str, token: str) -> None:
        self.app, self.passwords, self.token = app, passwords, token
        self.names = {"reviewer": reviewer, "admin": admin}
        self.clients: dict[str, Any] = {}
        self.statuses: Counter[int] = Counter()
        self.failures: list[tuple[Request, int]] = []

    def _client(self, who: str) -> Any:
        client = self.clients.get(who)
        if client is None:
            client = self.clients[who] = self.app.test_client()
        if who in self.names:
            with client.session_transaction() as s:
                signed_in = "sid" in s
            if not signed_in:
                client.get("/login")
                with client.session_transaction() as s:
                    csrf = s.get("csrf", "")
                client.post("/login", data={"username": self.names[who], "password": self.passwords[self.names[who]],
                                            "csrf_token": csrf})  # fmt: skip
        return client

    def run(self, req: Request) -> int:
        client = self._client(req.who)
        headers = dict(req.headers)
        if req.who == "token":
            headers.setdefault("Authorization", f"Bearer {self.token}")
        kwargs: dict[str, Any] = {"method": req.method, "query_string": req.query, "headers": headers}
        kind, payload = req.body
        csrf = ""
        if req.csrf and req.who in self.names:
            with client.session_transaction() as s:
                csrf = s.get("csrf", "")
        if kind == "form":
            kwargs["data"] = {**payload, **({"csrf_token": csrf} if csrf else {})}
        elif kind == "json":
            kwargs["json"] = payload
        elif kind == "raw":
            kwargs["data"] = payload
        elif kind == "upload":
            magic, rest, name = payload
            kwargs["data"] = {
                "file": (io.BytesIO(magic + rest), name),
                **({"csrf_token": csrf} if csrf else {}),
            }
        try:
            status = client.open(req.path, **kwargs).status_code
        except Exception:  # an exception escaping the app is a failure like a 500
            status = 599
        self.statuses[status] += 1
        if status >= 500:
            self.failures.append((req, status))
        return status


def integrity(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()
