"""Every page of the review service in zh-CN: no English outside a short allow-list (brand, units,
codes, ids, keys); the language switch, the per-user setting and Accept-Language; /admin, the
favicon, the instance folder."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from review_fixtures import build_store, csrf_of, login, make_app

ALLOWED = {"digitize", "English", "MB", "PDF", "UTF", "GB", "GBK", "PNG", "JPEG", "TIFF", "BMP", "API", "Esc",
           "Enter", "Ctrl", "NAME", "user", "token", "v", "s", "li", "ind", "tbl", "txt", "pdf", "tsv", "utf",
           "png", "budget", "py"}  # fmt: skip
PAGES = ["/", "/queue", "/items/li-1", "/items/ind-3", "/items/tbl-{t3}", "/records/li-1/history", "/documents",
         "/documents/{doc}", "/approvals", "/admin/users", "/admin/settings"]  # fmt: skip


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        if tag in ("script", "style", "code", "kbd", "pre"):
            self.skip += 1
        for k, v in attrs:
            if k in ("alt", "title", "placeholder") and v:
                self.parts.append(v)

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag in ("script", "style", "code", "kbd", "pre"):
            self.skip -= 1

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if not self.skip:
            self.parts.append(data)


def english_words(html: str, known: set[str]) -> set[str]:
    p = _Text()
    p.feed(html)
    words = set(re.findall(r"[A-Za-z]{2,}", " ".join(p.parts)))
    return {w for w in words if w not in ALLOWED and w.lower() not in known}


@pytest.fixture
def app(tmp_path: Path):
    app = make_app(build_store(tmp_path / "store"))
    yield app
    app.extensions["digitize_worker"].stop()


def _ids(app) -> dict[str, str]:  # type: ignore[no-untyped-def]
    import sqlite3

    conn = sqlite3.connect(app.config["DATABASE"])
    doc = conn.execute("SELECT id FROM documents ORDER BY id").fetchone()[0]
    t3 = conn.execute("SELECT id FROM tables WHERE status = 'pending'").fetchone()[0]
    return {"doc": doc, "t3": t3}


def _known(app) -> set[str]:  # type: ignore[no-untyped-def]
    """Words that come from the data itself (ids, file names, slugs of the store): not the reasons,
    which are codes rendered in the reader's language."""
    import sqlite3

    conn = sqlite3.connect(app.config["DATABASE"])
    text = " ".join(str(v) for r in conn.execute("SELECT * FROM documents") for v in r)
    text += " " + " ".join(str(r[0]) for r in conn.execute("SELECT id FROM tables"))
    text += " " + " ".join(str(r[0]) for r in conn.execute("SELECT name FROM review_users"))
    text += " script alert"
    return {w.lower() for w in re.findall(r"[A-Za-z]{2,}", text)}


def test_every_page_in_zh_cn_has_no_english_outside_the_allow_list(app) -> None:
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "zh-CN,zh;q=0.9,en;q=0.5"
    r = client.get("/login")
    assert '<html lang="zh-CN">' in r.get_data(as_text=True)
    assert not english_words(r.get_data(as_text=True), set()), english_words(r.get_data(as_text=True), set())
    assert login(client, "ada").status_code == 302
    known = _known(app)
    ids = _ids(app)
    for path in PAGES:
        r = client.get(path.format(**ids))
        assert r.status_code == 200, path
        html = r.get_data(as_text=True)
        assert '<html lang="zh-CN">' in html
        assert not english_words(html, known), (path, english_words(html, known))
    html = client.get("/items/li-1").get_data(as_text=True)
    assert "金额（元）" in html and "一般公共预算支出表（功能分类）" in html
    assert "二级指标" in client.get("/items/ind-3").get_data(as_text=True)


def test_english_on_request_and_per_user(app) -> None:
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en-US,en;q=0.9"
    assert '<html lang="en">' in client.get("/login").get_data(as_text=True)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = ""
    assert '<html lang="zh-CN">' in client.get("/login").get_data(as_text=True)  # no header: Chinese
    login(client, "rita")
    r = client.post("/language", data={"language": "en", "csrf_token": csrf_of(client), "back": "/queue"})
    assert r.status_code == 302 and r.headers["Location"].endswith("/queue")
    # stored with the account: another session of the same user, Accept-Language zh, reads English
    other = app.test_client()
    other.environ_base["HTTP_ACCEPT_LANGUAGE"] = "zh-CN"
    login(other, "rita")
    html = other.get("/queue").get_data(as_text=True)
    assert '<html lang="en">' in html and "Review queue" in html


def test_admin_leads_somewhere_and_a_settings_error_names_its_field(app) -> None:
    client = app.test_client()
    login(client, "ada")
    r = client.get("/admin")
    assert r.status_code in (301, 302, 308)
    assert client.get("/admin/", follow_redirects=True).request.path == "/admin/users"
    r = client.post("/admin/settings", data={"csrf_token": csrf_of(client), "audit_share": "7", "record_threshold": "0.5",
                                             "table_threshold": "0.5", "claim_minutes": "15", "session_idle_minutes": "60"})  # fmt: skip
    assert r.status_code == 400 and "抽查比例" in r.get_data(as_text=True)
    assert client.get("/favicon.ico").status_code in (301, 302, 308)
    assert client.get("/static/favicon.svg").status_code == 200


def test_the_service_writes_nothing_into_the_source_tree(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1]
    before = {p.name for p in root.iterdir()}
    db = build_store(tmp_path / "store")
    app = make_app(db)
    try:
        client = app.test_client()
        login(client, "rita")
        assert client.get("/items/li-11").status_code == 200
        client.get("/source/" + _ids(app)["doc"] + "-t1.png")
    finally:
        app.extensions["digitize_worker"].stop()
    assert {p.name for p in root.iterdir()} == before
    assert Path(app.config["UPLOAD_FOLDER"]) == Path(str(db.resolve()) + ".d") / "uploads"
    assert (Path(str(db.resolve()) + ".d") / "translations" / "zh" / "LC_MESSAGES" / "messages.mo").is_file()


def test_error_pages_refusals_and_flashes_read_in_chinese(app) -> None:
    """The error pages (404, 403, 413), the refusal of an upload and the auth messages: in Chinese by
    default, English on request; no English words on the zh pages."""
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "zh-CN,zh;q=0.9"
    r = client.post("/login", data={"username": "rita", "password": "wrong", "csrf_token": csrf_of(client)})
    assert "用户名或密码错误" in r.get_data(as_text=True)
    assert not english_words(r.get_data(as_text=True), set())
    login(client, "rita")
    pages = {
        "/documents/0000000000000000": (404, "没有文件"),
        "/no/such/page": (404, "找不到该页面或记录"),
        "/admin/users": (403, "此页面仅供"),
    }
    for path, (status, words) in pages.items():
        r = client.get(path)
        html = r.get_data(as_text=True)
        assert r.status_code == status and words in html, (path, html[-600:])
        assert not english_words(html, {"rita"}), (path, english_words(html, {"rita"}))
    empty = client.post("/documents", data={"csrf_token": csrf_of(client), "file": (io.BytesIO(b""), "a.txt")},
                        content_type="multipart/form-data")  # fmt: skip
    assert "文件为空" in empty.get_data(as_text=True), empty.get_data(as_text=True)[-600:]
    binary = client.post("/documents", data={"csrf_token": csrf_of(client), "file": (io.BytesIO(b"\x00\x01" * 64),
                         "b.txt")}, content_type="multipart/form-data")  # fmt: skip
    assert "二进制内容" in binary.get_data(as_text=True)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    other = app.test_client()
    other.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    login(other, "ada")
    assert "No document 0000000000000000." in other.get("/documents/0000000000000000").get_data(as_text=True)
