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


LAYOUT_TEXT = (
    Path(__file__).resolve().parent.parent / "samples" / "generated" / "synth_0244" / "ruled.layout.txt"
)


def test_review_pane_highlights_the_source_line_of_a_record_after_a_form_feed(tmp_path: Path) -> None:
    """pdftotext -layout text has a form feed per page: a record on page 2 or later is highlighted on
    its own line (the reader's line numbers), not (page − 1) lines above it."""
    import html as html_lib
    import re

    from review_fixtures import build_store, login, make_app

    from digitize.pipeline import ingest
    from extract.encoding import decode_bytes
    from extract.text import split_lines
    from review.store import connect

    assert LAYOUT_TEXT.read_bytes().count(b"\f") > 1
    db = build_store(tmp_path / "store")
    conn = connect(db)
    summary = ingest(conn, [LAYOUT_TEXT], workers=1)
    assert summary.done, summary.failed
    rows = conn.execute(
        """SELECT l.id, l.code, l.page, c.line_start FROM line_items l
           JOIN cells c ON c.table_id = l.table_id AND c.row = l.row AND c.col = l.col
           WHERE l.page >= 2 AND l.code != '' AND c.line_start IS NOT NULL ORDER BY l.page DESC, l.id LIMIT 3"""
    ).fetchall()
    conn.close()
    assert rows, "no record on page 2 or later"
    lines, _, _ = split_lines(decode_bytes(LAYOUT_TEXT.read_bytes())[0])
    app = make_app(db)
    try:
        client = app.test_client()
        assert login(client, "rita").status_code == 302
        for item_id, code, _page, line_start in rows:
            page = client.get(f"/items/li-{item_id}").get_data(as_text=True)
            highlighted = [
                (int(n), html_lib.unescape(text))
                for n, text in re.findall(
                    r'<span class="line hl" data-line="(\d+)"><span class="ln">\d+</span>([^<]*)', page
                )
            ]
            assert (line_start, lines[line_start - 1]) in highlighted
            assert all(text == lines[n - 1] for n, text in highlighted)
            assert any(code in text for _, text in highlighted), (code, highlighted)
    finally:
        app.extensions["digitize_worker"].stop()


def _statuses(db: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db)
    try:
        return {
            "tables": conn.execute("SELECT seq, status, reason FROM tables ORDER BY seq").fetchall(),
            "line_items": conn.execute(
                "SELECT table_id, row, col, status, reason FROM line_items ORDER BY table_id, row, col"
            ).fetchall(),
            "indicators": conn.execute(
                "SELECT table_id, row, status, reason FROM indicators ORDER BY table_id, row"
            ).fetchall(),
        }
    finally:
        conn.close()


def test_cli_ingest_and_upload_worker_route_alike_with_the_admin_thresholds(tmp_path: Path) -> None:
    """One process_file, one source of thresholds and dictionary: the same file gets the same statuses
    whether it came in through `digitize ingest` or the service's upload worker."""
    from sample_files import seed

    from extract.images import content_hash
    from review import accounts
    from review.store import connect
    from review.worker import Task, process_upload

    source = seed("002")
    dbs = {}
    for way in ("cli", "upload"):
        folder = tmp_path / way
        folder.mkdir()
        path = folder / source.name
        path.write_bytes(source.read_bytes())
        db = dbs[way] = folder / "work.db"
        conn = connect(db)
        accounts.set_setting(conn, "record_threshold", 0.95)  # stricter than the default 0.8
        if way == "upload":
            document_id = content_hash(path)[0][:16]
            assert process_upload(conn, Task(str(path), document_id)) == "done"
        conn.close()
        if way == "cli":
            result = CliRunner().invoke(
                main, ["ingest", str(path), "--db", str(db), "--workers", "1", "--quiet"]
            )
            assert result.exit_code == 0, result.output
    cli, upload = _statuses(dbs["cli"]), _statuses(dbs["upload"])
    assert cli == upload
    assert any(r[2] == "pending" for r in cli["indicators"])  # 0.85-confidence rows: pending at 0.95


def test_an_organisation_name_pattern_has_one_home() -> None:
    """The words a body's name ends with (…局|委员会|委|办公室 …) are written once, in
    extract.vocabulary: the segmenter's body line, the text reader's body line, title and cover
    patterns build on ORG_NAME / ORG_SUFFIXES and read the same names."""
    from extract import segment, text, vocabulary

    root = Path(vocabulary.__file__).parent
    copies = [
        str(p.relative_to(root.parent))
        for p in sorted(root.rglob("*.py"))
        if "局|委员会|委|办公室" in p.read_text(encoding="utf-8")
    ]
    assert copies == ["extract/vocabulary.py"]
    for line in ("上海市普陀区司法局", "湖州市卫生健康委员会（本级）", "长沙职业教育基地综合协调办公室"):
        assert segment.ORG_LINE_RE.match(line) and text.ORG_RE.match(line), line
    assert text.TITLE_ORG_RE.match("上海市普陀区司法局2026年单位预算").group(1) == "上海市普陀区司法局"
    assert not segment.ORG_LINE_RE.match("一般公共预算财政拨款收入")
