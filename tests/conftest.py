"""Shared fixtures: the seed files, a fresh work store, the seeds ingested once per session."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from review import store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEEDS = sorted((SAMPLES / "seeds").glob("*.txt"))
LABELS = SAMPLES / "labels"
GOLDEN = Path(__file__).resolve().parent / "golden"


def seed(prefix: str) -> Path:
    """The seed file whose name starts with ``prefix`` ('000' … '004')."""
    (path,) = [p for p in SEEDS if p.name.startswith(prefix)]
    return path


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
