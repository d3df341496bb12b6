"""The service under attack: redirects after login, sessions and tokens, login throttling, Origin checks
and the CSP, and ids in every route (issue 18, items 7–11)."""

from __future__ import annotations

import sqlite3
import time
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from review_fixtures import PASSWORDS, build_store, csrf_of, login, make_app

from digitize.cli import main
from review import accounts
from review.store import connect


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return build_store(tmp_path / "store")


@pytest.fixture
def app(db: Path):
    app = make_app(db, WORKER=False)
    yield app
    app.extensions["digitize_worker"].stop()


def _post_login(client, name: str = "rita", password: str | None = None, **extra):  # type: ignore[no-untyped-def]
    token = csrf_of(client)
    data = {"username": name, "password": password or PASSWORDS[name], "csrf_token": token}
    query = extra.pop("query", "")
    data.update(extra)
    return client.post("/login" + query, data=data)


# -- 7. next= after login ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    ["/\t/evil.example", "//evil.example", "\\\\evil.example", "/\\evil.example", "https://evil.example/",
     "javascript:alert(1)", "/queue\r\nSet-Cookie: x=1", "/queue\nx", "/%2F/evil.example", "/%5Cevil.example",
     " //evil.example", "http:/evil.example", "/\x00"],
)  # fmt: skip
def test_next_goes_only_to_paths_of_this_site(app, target: str) -> None:
    r = _post_login(app.test_client(), next=target)
    assert r.status_code == 302
    assert r.headers["Location"] == "/"


def test_next_from_an_encoded_query_string(app) -> None:
    client = app.test_client()
    r = _post_login(client, query="?next=/%09/evil.example")
    assert r.status_code == 302 and r.headers["Location"] == "/"
    r = client.get("/login?next=/queue%0D%0ASet-Cookie:%20x=1")
    assert r.status_code == 200
    r = _post_login(app.test_client(), query="?next=/queue%0D%0ASet-Cookie:%20x=1")
    assert r.status_code == 302 and r.headers["Location"] == "/"


def test_next_keeps_a_path_of_this_site(app) -> None:
    r = _post_login(app.test_client(), next="/queue?kind=line_item&reason=low%20confidence")
    assert r.headers["Location"] == "/queue?kind=line_item&reason=low%20confidence"


# -- 8. sessions end, rotate and expire; tokens expire and are revoked -----------------------------------


def test_logout_ends_the_users_other_sessions(app) -> None:
    first, second = app.test_client(), app.test_client()
    login(first, "rita")
    login(second, "rita")
    assert first.get("/queue").status_code == 200 and second.get("/queue").status_code == 200
    with first.session_transaction() as s:
        token = s["csrf"]
    assert first.post("/logout", data={"csrf_token": token}).status_code == 302
    assert first.get("/queue").status_code == 302
    r = second.get("/queue")
    assert r.status_code == 302 and r.headers["Location"].startswith("/login")


def test_a_password_change_ends_the_users_sessions(app, db: Path) -> None:
    rita, ada = app.test_client(), app.test_client()
    login(rita, "rita")
    assert rita.get("/queue").status_code == 200
    login(ada, "ada")
    with ada.session_transaction() as s:
        token = s["csrf"]
    r = ada.post("/admin/users", data={"op": "password", "name": "rita", "password": "a-new-password",
                                       "csrf_token": token})  # fmt: skip
    assert r.status_code == 302
    assert rita.get("/queue").status_code == 302
    assert ada.get("/queue").status_code == 200  # the admin's own session goes on
    assert login(app.test_client(), "rita", "a-new-password").status_code == 302


def test_login_rotates_the_session_id_and_an_old_cookie_is_dead(app) -> None:
    client = app.test_client()
    login(client, "rita")
    with client.session_transaction() as s:
        first = s["sid"]
        token = s["csrf"]
    client.post("/logout", data={"csrf_token": token})
    login(client, "rita")
    with client.session_transaction() as s:
        second = s["sid"]
    assert first != second
    with client.session_transaction() as s:
        s["sid"] = first  # a stolen cookie from before the logout
    assert client.get("/queue").status_code == 302


def test_the_session_cookie_lifetime_is_bounded(app, db: Path) -> None:
    r = _post_login(app.test_client())
    cookie = r.headers["Set-Cookie"]
    expires = parsedate_to_datetime(cookie.split("Expires=")[1].split(";")[0]).timestamp()
    hours = accounts.get_setting(connect(db), "session_max_hours")
    assert expires - time.time() <= hours * 3600 + 60


def test_a_session_ends_at_its_maximum_age_however_active(app, db: Path) -> None:
    client = app.test_client()
    login(client, "rita")
    assert client.get("/queue").status_code == 200
    conn = sqlite3.connect(db)
    conn.execute("UPDATE review_sessions SET expires_at = ?", (time.time() - 1,))
    conn.commit()
    assert client.get("/queue").status_code == 302


def test_api_tokens_expire(db: Path, app) -> None:
    token = accounts.new_token(connect(db), "remy")
    headers = {"Authorization": f"Bearer {token}"}
    client = app.test_client()
    assert client.get("/api/items", headers=headers).status_code == 200
    days = accounts.get_setting(connect(db), "token_days")
    conn = sqlite3.connect(db)
    conn.execute("UPDATE review_tokens SET created_at = created_at - ?", ((days + 1) * 86400,))
    conn.commit()
    r = client.get("/api/items", headers=headers)
    assert r.status_code == 401 and r.is_json


def test_user_revoke_ends_tokens_and_sessions(db: Path, app) -> None:
    token = accounts.new_token(connect(db), "remy")
    browser = app.test_client()
    login(browser, "remy")
    assert browser.get("/queue").status_code == 200
    r = CliRunner().invoke(main, ["user", "revoke", "remy", "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert "1 token" in r.output and "1 session" in r.output
    assert (
        app.test_client().get("/api/items", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    )
    assert browser.get("/queue").status_code == 302
    r = CliRunner().invoke(main, ["user", "revoke", "nobody", "--db", str(db)])
    assert r.exit_code != 0 and "nobody" in r.output and "Traceback" not in r.output


# -- 9. login throttling; an unknown user costs one password hash too -------------------------------------


def test_failed_logins_are_throttled_per_user_across_processes(app, db: Path) -> None:
    limit = accounts.get_setting(connect(db), "login_max_failures")
    for _ in range(limit):
        assert _post_login(app.test_client(), password="wrong-password").status_code == 401
    r = _post_login(app.test_client())  # the right password, but too late
    assert r.status_code == 429 and int(r.headers["Retry-After"]) > 0
    assert "分钟" in r.get_data(as_text=True)
    other = make_app(db, WORKER=False)  # a restart, or a second process over the same store
    assert _post_login(other.test_client()).status_code == 429
    assert _post_login(other.test_client(), "remy").status_code == 302  # another user is not locked out


def test_failed_logins_are_throttled_per_address(app, db: Path) -> None:
    accounts.set_setting(connect(db), "login_max_failures_address", 3)
    for name in ("x1", "x2", "x3"):
        assert _post_login(app.test_client(), name, "wrong-password").status_code == 401
    assert _post_login(app.test_client(), "remy").status_code == 429
    other_address = app.test_client()
    other_address.environ_base["REMOTE_ADDR"] = "10.0.0.7"
    assert _post_login(other_address, "remy").status_code == 302


def test_a_login_that_succeeds_clears_the_users_failures(app, db: Path) -> None:
    limit = accounts.get_setting(connect(db), "login_max_failures")
    for _ in range(limit - 1):
        _post_login(app.test_client(), password="wrong-password")
    assert _post_login(app.test_client()).status_code == 302
    assert _post_login(app.test_client(), password="wrong-password").status_code == 401


def test_an_unknown_user_costs_a_password_hash(monkeypatch, db: Path) -> None:
    checked: list[str] = []
    real = accounts.check_password_hash

    def counting(hashed: str, password: str) -> bool:
        checked.append(hashed)
        return real(hashed, password)

    monkeypatch.setattr(accounts, "check_password_hash", counting)
    conn = connect(db)
    assert accounts.authenticate(conn, "no-such-user", "whatever-password") is None
    assert accounts.authenticate(conn, "rita", "wrong-password") is None
    assert len(checked) == 2
    assert checked[0].split("$")[0] == checked[1].split("$")[0]  # the same method and cost
    accounts.update_user(conn, "remy", active=False)
    assert accounts.authenticate(conn, "remy", PASSWORDS["remy"]) is None
    assert len(checked) == 3


# -- 10. Origin and Referer; the CSP ------------------------------------------------------------------


def test_form_posts_from_another_origin_are_refused(app, db: Path) -> None:
    client = app.test_client()
    token = csrf_of(client)
    data = {"username": "rita", "password": PASSWORDS["rita"], "csrf_token": token}
    for headers in ({"Origin": "https://evil.example"}, {"Origin": "null"},
                    {"Referer": "https://evil.example/page"}, {"Origin": "http://localhost.evil.example"}):  # fmt: skip
        r = client.post("/login", data=data, headers=headers)
        assert r.status_code == 403, headers
        assert "evil" in r.get_data(as_text=True) or "null" in r.get_data(as_text=True)
    assert client.get("/queue").status_code == 302
    r = client.post("/login", data=data, headers={"Origin": "http://localhost"})
    assert r.status_code == 302
    with client.session_transaction() as s:
        token = s["csrf"]
    r = client.post("/logout", data={"csrf_token": token}, headers={"Referer": "http://localhost/queue"})
    assert r.status_code == 302


def test_the_csp_restricts_forms_and_base(app) -> None:
    csp = app.test_client().get("/login").headers["Content-Security-Policy"]
    directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}
    assert directives["form-action"] == ["'self'"]
    assert directives["base-uri"] in (["'none'"], ["'self'"])


# -- 11. ids in every route ---------------------------------------------------------------------------

BAD_IDS = ["99999999999999999999", "li-99999999999999999999", "ind-99999999999999999999",
           "tbl-99999999999999999999", "li-²", "li-٣", "-1", "li-" + "9" * 400, "x" * 5000, "li-1%00", "%0a"]  # fmt: skip


def _routes(app):  # type: ignore[no-untyped-def]
    for rule in app.url_map.iter_rules():
        if rule.endpoint != "static" and rule.arguments:
            yield rule


def test_every_route_with_an_id_answers_404_to_a_malformed_one(app, db: Path) -> None:
    routes = list(_routes(app))
    assert len(routes) >= 12  # every route that takes an id
    token = accounts.new_token(connect(db), "ada")
    client = app.test_client()
    login(client, "ada")
    with client.session_transaction() as s:
        csrf = s["csrf"]
    seen = 0
    for rule in routes:
        for bad in BAD_IDS:
            url = rule.rule
            for arg in rule.arguments:
                url = url.replace(f"<{arg}>", bad).replace(f"<int:{arg}>", bad)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                kwargs = {"headers": {"Authorization": f"Bearer {token}"}} if url.startswith("/api/") else {}
                if method == "POST" and url.startswith("/api/"):
                    kwargs["json"] = {"action": "confirm", "version": 1}
                elif method == "POST":
                    kwargs["data"] = {"csrf_token": csrf, "version": "1", "table_version": "1"}
                r = client.open(url, method=method, **kwargs)
                seen += 1
                assert r.status_code == 404, (method, url[:80], r.status_code)
                if url.startswith("/api/"):
                    assert r.is_json
    assert seen > 100


def test_a_non_ascii_csrf_token_is_a_400_not_a_500(app) -> None:
    """Found by bench/fuzz_http.py: hmac.compare_digest refuses non-ASCII str."""
    client = app.test_client()
    csrf_of(client)
    r = client.post("/login", data={"username": "rita", "password": "x", "csrf_token": "令牌"})
    assert r.status_code == 400
    r = client.post("/logout", headers={"X-CSRF-Token": "é"})
    assert r.status_code == 400
