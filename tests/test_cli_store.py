"""The CLI and the store: a missing path is reported and not stored, `status` on a missing store is an
error, a fixed file that failed before replaces its failed row, disclosures in several shapes are linked."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from digitize.cli import main

ROOT = Path(__file__).resolve().parents[1]
SYNTH = ROOT / "samples" / "generated" / "synth_0244"


def test_a_missing_path_is_reported_and_not_stored(tmp_path: Path) -> None:
    db = tmp_path / "work.db"
    r = CliRunner().invoke(main, ["ingest", str(tmp_path / "nope.txt"), "--db", str(db), "--quiet"])
    assert r.exit_code == 1
    assert "no such file or folder" in r.output
    assert sqlite3.connect(db).execute("SELECT count(*) FROM documents").fetchone()[0] == 0


def test_status_of_a_missing_store_is_an_error(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["status", "--db", str(tmp_path / "missing.db")])
    assert r.exit_code != 0 and "no work store" in r.output
    assert not (tmp_path / "missing.db").exists()


def test_a_fixed_file_replaces_its_failed_row(tmp_path: Path) -> None:
    db, src = tmp_path / "work.db", tmp_path / "budget.txt"
    src.write_bytes(b"\x00\x01\x02 not a disclosure \xff\xfe")
    CliRunner().invoke(main, ["ingest", str(src), "--db", str(db), "--quiet", "--workers", "1"])
    rows = sqlite3.connect(db).execute("SELECT status FROM documents").fetchall()
    assert rows == [("failed",)]
    src.write_bytes((SYNTH / "tables.tsv.txt").read_bytes())
    r = CliRunner().invoke(main, ["ingest", str(src), "--db", str(db), "--quiet", "--workers", "1"])
    assert r.exit_code == 0, r.output
    assert sqlite3.connect(db).execute("SELECT status FROM documents").fetchall() == [("done",)]


def test_one_disclosure_in_six_shapes_is_linked_in_the_store_and_the_export(tmp_path: Path) -> None:
    db, out = tmp_path / "work.db", tmp_path / "dataset.db"
    shapes = [
        SYNTH / n
        for n in (
            "tables.tsv.txt",
            "cells.txt",
            "ruled.raw.txt",
            "ruled.layout.txt",
            "ruled.pdf",
            "borderless.pdf",
        )
    ]
    seed = ROOT / "samples" / "seeds"
    other = sorted(seed.glob("00[0-2]_*.txt"))
    r = CliRunner().invoke(
        main, ["ingest", *map(str, shapes + other), "--db", str(db), "--quiet", "--workers", "1"]
    )
    assert r.exit_code == 0, r.output
    assert CliRunner().invoke(main, ["export", str(out), "--db", str(db)]).exit_code == 0
    ds = sqlite3.connect(out)
    groups = dict(ds.execute("SELECT source_file, disclosure_id FROM documents").fetchall())
    assert len({groups[str(p)] for p in shapes}) == 1
    assert len({groups[str(p)] for p in other}) == len(other)  # other disclosures stay apart
    once = ds.execute("SELECT count(*) FROM documents WHERE id = disclosure_id").fetchone()[0]
    assert once == 1 + len(other)


def test_the_library_ingest_replaces_failed_rows_and_links_disclosures_like_the_cli(tmp_path: Path) -> None:
    """``digitize.pipeline.ingest`` called from code keeps the store as the CLI does: a fixed file's
    failed row goes, and two shapes of one disclosure share its id without an export in between."""
    from digitize.pipeline import ingest
    from review import store

    conn = store.connect(str(tmp_path / "work.db"))
    src = tmp_path / "budget.txt"
    src.write_bytes(b"\x00\x01\x02 not a disclosure \xff\xfe")
    assert len(ingest(conn, [src], workers=1).failed) == 1
    src.write_bytes((SYNTH / "tables.tsv.txt").read_bytes())
    ingest(conn, [src, SYNTH / "cells.txt"], workers=1)
    rows = conn.execute("SELECT status, disclosure_id FROM documents").fetchall()
    assert [r[0] for r in rows] == ["done", "done"]
    assert len({r[1] for r in rows}) == 1 and rows[0][1]
