"""Rules with one home, seen from the outside: what the pipeline, the reader, the review pane and the
upload worker used to disagree on (issue #12's three disagreements)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from digitize.cli import main


def _page(path: Path) -> None:
    from PIL import Image, ImageDraw

    im = Image.new("L", (400, 300), 255)
    draw = ImageDraw.Draw(im)
    draw.rectangle((20, 20, 380, 280), outline=0, width=2)
    draw.line((20, 150, 380, 150), fill=0, width=2)
    im.save(path)


def test_image_folder_with_a_hidden_file_is_one_document_ingested_once(tmp_path: Path) -> None:
    folder = tmp_path / "scan"
    folder.mkdir()
    _page(folder / "page1.png")
    _page(folder / "Page2.png")  # a capital letter: the order must not depend on case
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1 finder metadata")
    db = tmp_path / "work.db"
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(folder), "--db", str(db), "--workers", "1", "--quiet"])
    assert first.exit_code == 0, first.output
    second = runner.invoke(main, ["ingest", str(folder), "--db", str(db), "--workers", "1", "--quiet"])
    assert second.exit_code == 0, second.output
    assert "0 ingested, 1 already in the store" in second.output
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT status, format FROM documents").fetchall()
    conn.close()
    assert rows == [("done", "image-folder")]
