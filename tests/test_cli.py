"""The `digitize` command run as a user runs it: a subprocess on real files."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from sample_files import SEEDS


def digitize(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "digitize.cli", *args],
        cwd=cwd, capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )  # fmt: skip


def test_ingest_status_export_end_to_end(tmp_path: Path) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7\n%\xe2\xe3 truncated")
    run = digitize("ingest", *map(str, SEEDS), str(bad), "--db", "w.db", "--workers", "2", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert f"{len(SEEDS) + 1} inputs: {len(SEEDS)} ingested, 0 already in the store, 1 failed" in run.stdout
    assert "broken.pdf" in run.stderr

    status = digitize("status", "--db", "w.db", "--json", cwd=tmp_path)
    rows = json.loads(status.stdout)
    assert {r["status"] for r in rows} == {"done", "failed"}
    (failed,) = [r for r in rows if r["status"] == "failed"]
    assert "broken.pdf" in failed["error"]
    assert all(r["tables"] > 0 for r in rows if r["status"] == "done")

    again = digitize("ingest", *map(str, SEEDS), "--db", "w.db", cwd=tmp_path)
    assert f"{len(SEEDS)} already in the store" in again.stdout

    out = digitize("export", "dataset.db", "--db", "w.db", "--csv", "csv", "--include-pending", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    conn = sqlite3.connect(tmp_path / "dataset.db")
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == len(SEEDS)
    assert conn.execute("SELECT count(*) FROM line_items").fetchone()[0] > 500
    assert (tmp_path / "csv" / "indicators.csv").exists()


def test_ingest_exits_non_zero_only_when_every_file_failed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.jpg").write_bytes(b"\xff\xd8\xff" + b"\x00" * 64)
    run = digitize("ingest", "a.txt", "b.jpg", "--db", "w.db", cwd=tmp_path)
    assert run.returncode == 1
    assert "2 failed" in run.stdout


def test_export_without_a_store_is_a_clear_error(tmp_path: Path) -> None:
    run = digitize("export", "x.db", "--db", "nowhere.db", cwd=tmp_path)
    assert run.returncode != 0
    assert "nowhere.db" in run.stderr
