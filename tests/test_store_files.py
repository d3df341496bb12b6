"""A file given as --db that is not a work store: a clear message naming the file and the problem, no
traceback, and not one byte written to it (issue 18, item 12)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from review_fixtures import build_store
from sample_files import SEEDS

from digitize.cli import main
from review import store


def _foreign_files(folder: Path) -> dict[str, tuple[Path, str]]:
    """Files that are not work stores, each with a word its message must carry."""
    folder.mkdir(parents=True, exist_ok=True)
    text = folder / "notes.db"
    text.write_text("这不是数据库 — not a database\n" * 50, encoding="utf-8")
    other = folder / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('a', '1')")
    conn.commit()
    conn.close()
    real = build_store(folder / "real")
    data = real.read_bytes()
    page = int.from_bytes(data[16:18], "big")
    half = folder / "half.db"  # cut at a page boundary: only the header's page count shows it
    half.write_bytes(data[: (len(data) // page // 2) * page])
    cut = folder / "cut.db"  # cut inside a page
    cut.write_bytes(data[:5000])
    header_only = folder / "stub.db"
    header_only.write_bytes(data[:60])
    return {
        "text": (text, "not an SQLite database"),
        "other": (other, "contacts"),
        "half": (half, "truncated"),
        "cut": (cut, "truncated"),
        "stub": (header_only, "truncated"),
    }


def _fingerprint(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


COMMANDS = [
    ["status"],
    ["status", "--json"],
    ["export", "{out}"],
    ["ingest", str(SEEDS[0]), "--workers", "1", "--quiet"],
    ["user", "add", "zed", "--password-stdin"],
    ["user", "token", "rita"],
    ["user", "revoke", "rita"],
    ["train", "--out", "{models}"],
]


@pytest.fixture(scope="module")
def foreign(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    return _foreign_files(tmp_path_factory.mktemp("foreign"))


@pytest.mark.parametrize("kind", ["text", "other", "half", "cut", "stub"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_foreign_db_is_refused_and_left_untouched(
    foreign, kind: str, command: list[str], tmp_path: Path
) -> None:
    path, word = foreign[kind]
    before = _fingerprint(path.parent)
    args = [a.format(out=tmp_path / "out.sqlite", models=tmp_path / "models") for a in command]
    r = CliRunner().invoke(main, [*args, "--db", str(path)], input="a-long-password\n")
    assert r.exit_code == 1, (r.output, r.exception)
    assert str(path) in r.output and word in r.output, r.output
    assert "nothing was written" in r.output
    assert "Traceback" not in r.output and isinstance(r.exception, SystemExit)  # a message, not a crash
    assert _fingerprint(path.parent) == before  # no byte changed, no -wal or -shm made
    assert not (tmp_path / "out.sqlite").exists()


@pytest.mark.parametrize("kind", ["text", "half"])
def test_serve_refuses_a_foreign_db(foreign, kind: str) -> None:
    path, word = foreign[kind]
    before = _fingerprint(path.parent)
    r = subprocess.run(
        [sys.executable, "-m", "digitize.cli", "serve", "--db", str(path), "--port", "0"],
        capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )  # fmt: skip
    assert r.returncode == 1
    assert str(path) in r.stderr and word in r.stderr
    assert "Traceback" not in r.stderr
    assert _fingerprint(path.parent) == before


def test_a_work_store_and_a_new_file_are_accepted(tmp_path: Path) -> None:
    real = build_store(tmp_path / "real")
    store.check_store_file(real)
    store.connect(real).close()
    empty = tmp_path / "empty.db"
    empty.touch()
    store.connect(empty).close()  # an empty file becomes a new store
    store.check_store_file(tmp_path / "absent.db")
    blank = tmp_path / "blank.sqlite"  # an SQLite database with no tables yet
    sqlite3.connect(blank).execute("PRAGMA user_version = 1").connection.commit()
    store.connect(blank).close()


def test_a_store_in_use_is_not_opened_by_the_header_check(tmp_path, monkeypatch) -> None:
    """Opening and closing the database file with plain open() drops the process's POSIX locks
    SQLite holds on it (per process, not per descriptor): under concurrent writers that gave
    "disk I/O error" and "database disk image is malformed" (bench/load_review.py). While the store
    is in use (its -shm/-wal exist) the header check leaves the file alone."""
    from pathlib import Path as _Path

    from review import store

    db = tmp_path / "work.db"
    live = store.connect(db)
    try:
        assert (tmp_path / "work.db-shm").exists() or (tmp_path / "work.db-wal").exists()
        opened: list[str] = []
        real_open = _Path.open

        def spy(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
            opened.append(str(self))
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(_Path, "open", spy)
        store.check_store_header(db)
        second = store.connect(db)
        second.close()
        assert str(db) not in opened
    finally:
        live.close()
