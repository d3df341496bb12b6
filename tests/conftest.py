"""Shared fixtures: a fresh work store, the seeds ingested once per session.

Only fixtures live here; no test imports this module. Paths and helpers the tests share are
plain modules of tests/ imported by name (``sample_files``, ``review_fixtures``)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sample_files import SEEDS

from review import store


@pytest.fixture
def work_db(tmp_path: Path) -> sqlite3.Connection:
    conn = store.connect(tmp_path / "work.db")
    yield conn
    conn.close()


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A work store with all five seeds ingested (read-only for the tests that use it)."""
    from digitize.pipeline import ingest

    path = tmp_path_factory.mktemp("seeds") / "work.db"
    conn = store.connect(path)
    summary = ingest(conn, SEEDS, workers=1)
    assert not summary.failed, summary.failed
    conn.close()
    return path
