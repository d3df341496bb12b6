"""Reliability of ingest: crash and resume, leases, versions, concurrency, Dask — nothing lost or doubled."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from sample_files import SEEDS, seed

from digitize.pipeline import ingest, this_process
from review import store
from review.export import export
from review.ingest import make_job


def make_batch(folder: Path, copies: int) -> list[Path]:
    """``copies`` distinct documents: the seeds with k trailing blank lines (distinct content, same tables)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(copies):
        src = SEEDS[k % len(SEEDS)]
        dst = folder / f"doc{k:03d}_{src.name}"
        dst.write_bytes(src.read_bytes() + b"\n" * (k // len(SEEDS) + 1))
        paths.append(dst)
    return paths


def records(db: Path) -> dict[str, set[tuple]]:
    """Every stored record keyed by content (ids depend on write order, so they are left out)."""
    conn = sqlite3.connect(db)
    return {
        "documents": set(conn.execute("SELECT id, status, department, year FROM documents")),
        "tables": set(conn.execute("SELECT id, seq, table_type, title, unit, status FROM tables")),
        "cells": set(conn.execute("SELECT table_id, row, col, text FROM cells")),
        "line_items": set(
            conn.execute(
                'SELECT table_id, row, col, code, name, "column", amount_fen, status FROM line_items'
            )
        ),
        "indicators": set(
            conn.execute("SELECT table_id, row, level1, level2, level3, value FROM indicators")
        ),
    }


def counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    return {
        t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("line_items", "indicators", "cells")
    }


def run_cli(*args: str, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "digitize.cli", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def test_kill_9_mid_batch_then_rerun_equals_a_clean_run(tmp_path: Path) -> None:
    batch = make_batch(tmp_path / "in", 40)
    clean = tmp_path / "clean.db"
    ingest(store.connect(clean), batch, workers=1)

    crashed = tmp_path / "crashed.db"
    proc = run_cli(
        "ingest", str(tmp_path / "in"), "--db", str(crashed), "--workers", "1", "--quiet", cwd=tmp_path
    )
    deadline = time.monotonic() + 120
    done = 0
    while time.monotonic() < deadline and proc.poll() is None:
        if crashed.exists():
            try:
                done = (
                    sqlite3.connect(crashed)
                    .execute("SELECT count(*) FROM documents WHERE status = 'done'")
                    .fetchone()[0]
                )
            except sqlite3.OperationalError:
                done = 0
            if done >= 5:
                break
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 5 <= done < len(batch), "the kill must land mid-batch"

    conn = sqlite3.connect(crashed)
    # nothing half-written: every table belongs to a finished document
    half = conn.execute(
        "SELECT count(*) FROM tables WHERE document_id NOT IN (SELECT id FROM documents WHERE status = 'done')"
    ).fetchone()[0]
    assert half == 0
    left = conn.execute("SELECT count(*) FROM documents WHERE status != 'done'").fetchone()[0]
    assert left > 0

    rerun = run_cli(
        "ingest", str(tmp_path / "in"), "--db", str(crashed), "--workers", "2", "--quiet", cwd=tmp_path
    )
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err.decode()
    assert records(crashed) == records(clean)
    assert counts(crashed) == counts(clean)


def held_by(conn: sqlite3.Connection, path: Path, pid: int) -> str:
    """Put ``path``'s document in the store as ``processing`` under a lease of process ``pid`` on this host."""
    job = make_job(path)
    store.mark(conn, job.document_id, "queued", source_file=str(path))
    conn.execute(
        "UPDATE documents SET status = 'processing', lease_owner = ?, lease_expires = ? WHERE id = ?",
        (f"{this_process().rsplit(':', 1)[0]}:{pid}", time.time() + 3600, job.document_id),
    )
    return job.document_id


def test_a_document_left_processing_by_a_dead_process_is_retried(tmp_path: Path) -> None:
    conn = store.connect(tmp_path / "w.db")
    path = seed("002")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    document_id = held_by(conn, path, dead.pid)
    summary = ingest(conn, [path], workers=1)
    assert summary.done == [str(path)]
    assert store.find_document(conn, document_id)["status"] == "done"


def test_a_document_held_by_a_live_process_is_left_alone(tmp_path: Path) -> None:
    conn = store.connect(tmp_path / "w.db")
    path = seed("002")
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        document_id = held_by(conn, path, alive.pid)
        summary = ingest(conn, [path], workers=1)
        assert summary.done == [] and summary.skipped == [str(path)]
        # an expired lease is taken over even when its owner still runs
        conn.execute("UPDATE documents SET lease_expires = ? WHERE id = ?", (time.time() - 1, document_id))
        assert ingest(conn, [path], workers=1).done == [str(path)]
    finally:
        alive.kill()
        alive.wait()


def test_a_changed_file_becomes_a_new_version_and_keeps_the_old_reviews(tmp_path: Path) -> None:
    conn = store.connect(tmp_path / "w.db")
    path = tmp_path / "report.txt"
    path.write_bytes(seed("000").read_bytes())
    ingest(conn, [path], workers=1)
    (old_id,) = [r.id for r in store.document_statuses(conn)]
    conn.execute("UPDATE line_items SET status = 'corrected', version = version + 1 WHERE id = 1")
    reviewed = conn.execute("SELECT * FROM line_items WHERE id = 1").fetchone()

    path.write_bytes(seed("000").read_bytes().replace("略阳县".encode(), "勉县".encode()))
    summary = ingest(conn, [path], workers=1)
    assert summary.done == [str(path)]
    docs = {r["id"]: r for r in conn.execute("SELECT * FROM documents")}
    assert len(docs) == 2
    (new_id,) = set(docs) - {old_id}
    assert docs[new_id]["version"] == 2 and docs[new_id]["supersedes"] == old_id
    assert docs[old_id]["superseded_by"] == new_id
    assert tuple(conn.execute("SELECT * FROM line_items WHERE id = 1").fetchone()) == tuple(reviewed)

    summary = export(conn, tmp_path / "d.db")
    assert summary.documents == 1
    exported = sqlite3.connect(tmp_path / "d.db")
    assert exported.execute("SELECT department FROM documents").fetchone()[0] == "勉县医疗保障局"


def test_two_ingests_at_once_on_one_store(tmp_path: Path) -> None:
    batch = make_batch(tmp_path / "in", 12)
    db = tmp_path / "w.db"
    store.connect(db).close()
    procs = [
        run_cli("ingest", str(tmp_path / "in"), "--db", str(db), "--workers", "1", "--quiet", cwd=tmp_path)
        for _ in range(2)
    ]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err.decode()
        assert b"locked" not in err
    clean = tmp_path / "clean.db"
    ingest(store.connect(clean), batch, workers=1)
    assert records(db) == records(clean)
    assert counts(db) == counts(clean)


def test_dask_local_cluster_gives_the_same_records_as_the_local_pool(tmp_path: Path) -> None:
    import distributed

    batch = make_batch(tmp_path / "in", 6)
    local = tmp_path / "local.db"
    ingest(store.connect(local), batch, workers=2)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        dask_db = tmp_path / "dask.db"
        summary = ingest(store.connect(dask_db), batch, scheduler=client)
    assert len(summary.done) == len(batch)
    assert records(dask_db) == records(local)
    assert counts(dask_db) == counts(local)


def test_gbk_and_gb18030_text_ingest_like_utf8(tmp_path: Path) -> None:
    text = seed("000").read_text(encoding="utf-8")
    paths = []
    for enc in ("gbk", "gb18030", "utf-8-sig"):
        p = tmp_path / f"000.{enc}.txt"
        p.write_bytes(text.encode(enc, errors="replace" if enc == "gbk" else "strict"))
        paths.append(p)
    conn = store.connect(tmp_path / "w.db")
    summary = ingest(conn, [seed("000"), *paths], workers=1)
    assert not summary.failed
    per_doc = conn.execute(
        "SELECT d.source_file, count(l.id), sum(l.amount_fen) FROM documents d JOIN line_items l "
        "ON l.document_id = d.id GROUP BY d.id"
    ).fetchall()
    assert len({(n, s) for _, n, s in per_doc}) == 1, per_doc
