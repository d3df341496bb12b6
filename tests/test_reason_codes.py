"""Every reason, warning, note and finding the pipeline stores is a code of ``extract.reasons.MESSAGES``
with its parameters, rendered in the reader's language — no English sentence is stored in the data.

* the samples (the five seeds, generated shapes, a real PDF and a real workbook) are ingested into a
  temporary store, and every stored reason list, table warning, reader's note and finding must parse
  to codes of the catalogue (none ``unknown``) whose Chinese rendering fills every parameter and holds
  no English sentence;
* every catalogue entry has both languages with the same parameters;
* every code the source makes (``reason("…")``) is in the catalogue, and every catalogue code is made
  somewhere (or kept for stores made before it, ``KEPT_FOR_OLD_STORES``).
"""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest

from extract.reasons import MESSAGES, Reason, loads
from review import store
from tests.sample_files import REAL, ROOT, SAMPLES, SEEDS

# catalogue codes no code path makes any more, kept so that stores made with them still read
KEPT_FOR_OLD_STORES: frozenset[str] = frozenset({"unknown"})

# a run of English words in a Chinese rendering: the sign of a sentence left untranslated
_ENGLISH_RUN = re.compile(r"[A-Za-z]{2,}(?:[\s,;:'’-]+[A-Za-z]{2,}){2,}")
_UNFILLED = re.compile(r"\{[A-Za-z_][A-Za-z_0-9]*\}")


def _samples() -> list[Path]:
    generated = sorted((SAMPLES / "generated").glob("synth_*"))[:2]
    shapes = [p for g in generated for p in sorted(g.iterdir()) if p.suffix in (".txt", ".pdf")]
    real = [REAL / "上海市普陀区万里街道2024年部门预算.pdf", REAL / "上海市普陀区2026年区级单位预算模板.xlsx"]
    return [*SEEDS, *shapes, *(p for p in real if p.exists())]


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from digitize.pipeline import ingest

    path = tmp_path_factory.mktemp("reasons") / "work.db"
    conn = store.connect(path)
    summary = ingest(conn, _samples(), workers=1)
    assert not summary.failed, summary.failed
    conn.close()
    return path


def _stored(path: Path) -> list[tuple[str, Reason]]:
    """(where, reason) for every reason the store holds."""
    conn = store.connect(path)
    out: list[tuple[str, Reason]] = []
    for table in ("line_items", "indicators", "tables"):
        for row in conn.execute(f"SELECT id, reason FROM {table} WHERE reason != ''"):
            out.extend((f"{table} {row['id']}", r) for r in loads(row["reason"]))
    for row in conn.execute("SELECT id, notes, warnings FROM tables"):
        for column in ("notes", "warnings"):
            for item in json.loads(row[column] or "[]"):
                if isinstance(item, dict):  # a reader's note; a string is a note printed with the table
                    out.append((f"tables {row['id']} {column}", Reason.from_json(item)))
                elif column == "warnings":
                    out.append((f"tables {row['id']} warnings", Reason("unknown", (("text", item),))))
    for row in conn.execute("SELECT id, reason, repairs FROM findings"):
        stored = loads(row["reason"])
        assert stored, f"finding {row['id']} has no code"
        out.extend((f"findings {row['id']}", r) for r in stored)
        for repair in json.loads(row["repairs"] or "[]"):
            out.append((f"findings {row['id']} repair", Reason.from_json(repair["evidence"])))
    conn.close()
    return out


def _codes_within(r: Reason) -> list[str]:
    """The codes of a reason and of the reasons among its parameters."""
    out = [r.code]
    for value in r.args.values():
        for v in value if isinstance(value, tuple) else (value,):
            if isinstance(v, Reason):
                out.extend(_codes_within(v))
    return out


def test_every_stored_reason_is_a_code_rendered_in_chinese(sample_store: Path) -> None:
    stored = _stored(sample_store)
    assert len(stored) > 100  # the samples give reviewers plenty to read
    codes = {c for _, r in stored for c in _codes_within(r)}
    assert len(codes) >= 10, codes
    for where, r in stored:
        for code in _codes_within(r):
            assert code in MESSAGES and code != "unknown", f"{where}: {code} {r.args}"
        zh = r.render("zh")
        assert not _UNFILLED.search(zh), f"{where}: {zh}"
        assert not _ENGLISH_RUN.search(zh), f"{where}: {zh}"
        assert r.render("en") != zh or not re.search(r"[\u4e00-\u9fff]", zh) or r.params, where


def test_every_message_has_both_languages_with_the_same_parameters() -> None:
    fmt = string.Formatter()
    for code, templates in MESSAGES.items():
        assert set(templates) == {"zh", "en"}, code
        fields = {lang: {f for _, f, _, _ in fmt.parse(t) if f} for lang, t in templates.items()}
        assert fields["zh"] == fields["en"], code
        assert re.search(r"[\u4e00-\u9fff]", templates["zh"]) or code == "unknown", code


_MADE = re.compile(r"""\b(?:reason|why)\(\s*["']([a-z_][a-z_0-9.]*)["']""")
_NAMED = re.compile(r"""["']((?:[a-z_]+\.)+[a-z_0-9]+)["']""")


def _source() -> str:
    files = [p for d in ("extract", "classify", "review", "digitize") for p in (ROOT / d).rglob("*.py")]
    catalogue = ROOT / "extract" / "reason_messages"
    return "\n".join(
        p.read_text(encoding="utf-8") for p in files if p.name != "reasons.py" and catalogue not in p.parents
    )


def test_every_code_made_is_in_the_catalogue_and_every_code_is_made() -> None:
    source = _source()
    made = set(_MADE.findall(source))
    assert made, "no reason(...) call found"
    assert made <= set(MESSAGES), sorted(made - set(MESSAGES))
    # a code is made by a call, or named in a table of codes (classify.findings.REPAIR_KINDS …)
    named = made | set(_NAMED.findall(source)) | {c for c in MESSAGES if f'"{c}"' in source}
    unused = set(MESSAGES) - named - KEPT_FOR_OLD_STORES
    assert not unused, sorted(unused)


def test_a_file_that_cannot_be_read_is_recorded_with_a_code_naming_it(tmp_path: Path) -> None:
    from digitize.pipeline import ingest

    empty, damaged = tmp_path / "空白.txt", tmp_path / "损坏.pdf"
    empty.write_bytes(b"")
    damaged.write_bytes(b"%PDF-1.4\n not really a pdf")
    conn = store.connect(tmp_path / "work.db")
    summary = ingest(conn, [empty, damaged], workers=1)
    assert len(summary.failed) == 2
    rows = {
        Path(r["source_file"]).name: r["error"]
        for r in conn.execute("SELECT source_file, error FROM documents")
    }
    for name, error in rows.items():
        (r,) = loads(error)
        assert r.code == "read.failed" and Path(r.args["file"]).name == name, error
        assert _codes_within(r)[1] in MESSAGES and "unknown" not in _codes_within(r)
        zh = r.render("zh")
        assert name in zh and not _UNFILLED.search(zh)
    assert "空文件" in loads(rows["空白.txt"])[0].render("zh")


def test_every_service_message_is_translated_with_its_fields() -> None:
    """The service's own messages (review.errors.MESSAGES: error pages, refusals, auth) are in the
    Chinese catalogue, with the same %(fields)s."""
    from babel.messages.pofile import read_po

    from review.errors import MESSAGES as SERVICE
    from review.i18n import CATALOGUE, DOMAIN

    with (CATALOGUE / "zh" / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as fh:
        catalog = read_po(fh, locale="zh")
    for key, msgid in SERVICE.items():
        entry = catalog.get(msgid)
        assert entry is not None and entry.string, key
        fields = set(re.findall(r"%\((\w+)\)s", msgid))
        assert set(re.findall(r"%\((\w+)\)s", entry.string)) == fields, key
        assert re.search(r"[\u4e00-\u9fff]", entry.string), key
