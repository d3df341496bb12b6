"""Review service over HTTP: login, sessions, CSRF, roles, accounts and the `digitize user` commands."""

from __future__ import annotations

import re
import sqlite3
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
    app = make_app(db)
    yield app
    app.extensions["digitize_worker"].stop()


@pytest.mark.parametrize(
    "path", ["/", "/queue", "/queue/next", "/items/li-1", "/documents", "/records/li-1/history", "/approvals",
             "/admin/users", "/admin/settings", "/documents/xyz"],
)  # fmt: skip
def test_every_page_requires_login(app, path: str) -> None:
    r = app.test_client().get(path)
    assert r.status_code == 302
    assert r.headers["Location"].startswith("/login")


def test_queue_without_session_redirects_to_login_then_back(app) -> None:
    client = app.test_client()
    r = client.get("/queue?kind=line_item")
    assert r.status_code == 302 and "/login?next=" in r.headers["Location"]
    token = csrf_of(client)
    r = client.post("/login", data={"username": "rita", "password": PASSWORDS["rita"], "csrf_token": token,
                                    "next": "/queue?kind=line_item"})  # fmt: skip
    assert r.status_code == 302 and r.headers["Location"] == "/queue?kind=line_item"
    assert client.get("/queue").status_code == 200


def test_wrong_password_is_refused(app) -> None:
    client = app.test_client()
    r = login(client, "rita", "not-her-password")
    assert r.status_code == 401
    assert "用户名或密码错误" in r.get_data(as_text=True)  # Chinese by default
    assert client.get("/queue").status_code == 302


def test_login_refuses_an_open_redirect(app) -> None:
    client = app.test_client()
    token = csrf_of(client)
    r = client.post("/login", data={"username": "rita", "password": PASSWORDS["rita"], "csrf_token": token,
                                    "next": "//evil.example/phish"})  # fmt: skip
    assert r.headers["Location"] == "/"


def test_form_posts_without_csrf_token_get_400(app, db: Path) -> None:
    client = app.test_client()
    client.get("/login")
    r = client.post("/login", data={"username": "rita", "password": PASSWORDS["rita"]})
    assert r.status_code == 400 and "表单令牌缺失或无效" in r.get_data(as_text=True)
    assert login(client, "rita").status_code == 302
    version = connect(db).execute("SELECT version FROM line_items WHERE id = 1").fetchone()[0]
    for data in (
        {"action": "confirm", "version": version},
        {"action": "confirm", "version": version, "csrf_token": "forged"},
    ):
        r = client.post("/items/li-1/decision", data=data)
        assert r.status_code == 400
    row = connect(db).execute("SELECT status, version FROM line_items WHERE id = 1").fetchone()
    assert tuple(row) == ("pending", version)
    assert client.post("/logout").status_code == 400
    assert client.post("/tables/x/confirm-all", data={"table_version": 1}).status_code == 400


def test_login_rotates_the_session_and_logout_ends_it(app) -> None:
    client = app.test_client()
    before = csrf_of(client)
    login(client, "rita")
    with client.session_transaction() as s:
        after = s["csrf"]
    assert after != before
    assert client.post("/logout", data={"csrf_token": after}).status_code == 302
    assert client.get("/queue").status_code == 302


def test_session_cookie_is_secure_httponly_samesite(db: Path) -> None:
    app = make_app(db, SESSION_COOKIE_SECURE=True)
    client = app.test_client()
    client.get("/login", base_url="https://localhost")
    with client.session_transaction(base_url="https://localhost") as s:
        token = s["csrf"]
    r = client.post("/login", base_url="https://localhost",
                    data={"username": "rita", "password": PASSWORDS["rita"], "csrf_token": token})  # fmt: skip
    cookie = r.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    app.extensions["digitize_worker"].stop()


def test_session_expires_after_inactivity(app) -> None:
    client = app.test_client()
    login(client, "rita")
    assert client.get("/queue").status_code == 200
    with client.session_transaction() as s:
        s["seen"] = s["seen"] - 61 * 60  # default idle limit: 60 minutes
    r = client.get("/queue")
    assert r.status_code == 302 and r.headers["Location"].startswith("/login")
    assert "已过期" in client.get("/login").get_data(as_text=True)


def test_passwords_are_hashed(db: Path) -> None:
    rows = sqlite3.connect(db).execute("SELECT name, password_hash FROM review_users").fetchall()
    assert len(rows) == 4
    for name, hashed in rows:
        assert PASSWORDS[name] not in hashed
        assert re.match(r"^(scrypt|pbkdf2):", hashed)


def test_admin_pages_are_for_admins_only(app, db: Path) -> None:
    rev = app.test_client()
    login(rev, "rita")
    assert rev.get("/admin/users").status_code == 403
    assert rev.get("/admin/settings").status_code == 403
    adm = app.test_client()
    login(adm, "ada")
    assert adm.get("/admin/users").status_code == 200
    token = csrf_of(adm)
    r = adm.post("/admin/users", data={"op": "add", "name": "newbie", "password": "newbie-password",
                                       "role": "reviewer", "csrf_token": token})  # fmt: skip
    assert r.status_code == 302
    assert accounts.get_user(connect(db), "newbie").role == "reviewer"
    r = adm.post("/admin/users", data={"op": "add", "name": "x", "password": "short", "csrf_token": token})
    assert r.status_code == 400 and "至少需要 8 个字符" in r.get_data(as_text=True)
    r = adm.post("/admin/settings", data={"record_threshold": "0.9", "table_threshold": "0.4", "audit_share": "0.05",
                                          "claim_minutes": "10", "session_idle_minutes": "30",
                                          "require_approval": "on", "csrf_token": token})  # fmt: skip
    assert r.status_code == 302
    conn = connect(db)
    assert accounts.get_setting(conn, "audit_share") == 0.05
    assert accounts.get_setting(conn, "require_approval") is True
    r = adm.post("/admin/settings", data={"audit_share": "3", "csrf_token": token})
    assert r.status_code == 400 and "between 0 and 1" in r.get_data(as_text=True)
    assert rev.post("/admin/users", data={"op": "add", "name": "y", "password": "yyyyyyyyyy",
                                          "csrf_token": csrf_of(rev)}).status_code == 403  # fmt: skip


def test_deactivated_user_loses_session_and_tokens(app, db: Path) -> None:
    client = app.test_client()
    login(client, "remy")
    token = accounts.new_token(connect(db), "remy")
    assert (
        app.test_client().get("/api/items", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    )
    accounts.update_user(connect(db), "remy", active=False)
    assert client.get("/queue").status_code == 302
    assert (
        app.test_client().get("/api/items", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    )


def test_cli_user_add_and_token(tmp_path: Path, db: Path) -> None:
    runner = CliRunner()
    path = tmp_path / "cli.db"
    r = runner.invoke(main, ["user", "add", "carol", "--role", "admin", "--password-stdin", "--db", str(path)],
                      input="carol-secret-pw\n")  # fmt: skip
    assert r.exit_code == 0, r.output
    assert "added carol (admin)" in r.output
    r = runner.invoke(
        main, ["user", "add", "carol", "--password-stdin", "--db", str(path)], input="another-pw1\n"
    )
    assert r.exit_code != 0 and "already exists" in r.output
    r = runner.invoke(main, ["user", "add", "dan", "--password-stdin", "--db", str(path)], input="short\n")
    assert r.exit_code != 0 and "8 characters" in r.output
    r = runner.invoke(main, ["user", "token", "nobody", "--db", str(path)])
    assert r.exit_code != 0 and "no user" in r.output
    r = runner.invoke(main, ["user", "token", "carol", "--db", str(path)])
    assert r.exit_code == 0
    token = r.output.strip()
    assert token.startswith("dgt_") and len(token) > 30
    conn = connect(path)
    assert accounts.user_for_token(conn, token).name == "carol"
    assert token not in str(conn.execute("SELECT * FROM review_tokens").fetchall())
    assert accounts.authenticate(conn, "carol", "carol-secret-pw") is not None
    app = make_app(path)
    r = app.test_client().get("/api/items", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200
    app.extensions["digitize_worker"].stop()
