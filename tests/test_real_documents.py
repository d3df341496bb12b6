"""Real disclosures (../shared/real/, read in place): each document's department, region, year, kind
and level against samples/labels/real_documents.json; titles that are section headings, prose pages
and 单位构成 tables; a blank page in a born-digital PDF; kind/level/region through store and export."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from sample_files import LABELS, REAL, seed

from classify.analyze import analyze
from digitize.pipeline import ingest
from extract import Document, read
from review import schema, store
from review.export import export

LABELLED = json.loads((LABELS / "real_documents.json").read_text(encoding="utf-8"))["documents"]
FIELDS = ("department", "region", "year", "kind", "level")
FINAL_ACCOUNT = "上海市普陀区规划和自然资源局2024年度部门决算.pdf"


@pytest.fixture(scope="module")
def real_documents() -> dict[str, Document]:
    if not REAL.is_dir():
        pytest.skip(f"{REAL} is not here")
    return {name: read(REAL / name) for name in LABELLED if (REAL / name).exists()}


def test_every_real_pdf_is_labelled() -> None:
    if not REAL.is_dir():
        pytest.skip(f"{REAL} is not here")
    born_digital = {p.name for p in REAL.glob("*.pdf") if "扫描件" not in p.name}
    assert born_digital == set(LABELLED)


def test_real_documents_metadata_match_labels(real_documents: dict[str, Document]) -> None:
    wrong = {
        name: {
            f: (getattr(doc, f), LABELLED[name][f]) for f in FIELDS if getattr(doc, f) != LABELLED[name][f]
        }
        for name, doc in real_documents.items()
    }
    assert not {k: v for k, v in wrong.items() if v}, "read ≠ labelled"
    assert all(doc.format == "pdf" for doc in real_documents.values())


def test_section_heading_is_no_title_and_non_money_tables(real_documents: dict[str, Document]) -> None:
    doc = real_documents[FINAL_ACCOUNT]
    titles = {t.page: t.title for t in doc.tables}
    assert titles[7] == "收入支出决算总表"  # not 上海市规划和自然资源局 2024 年度部门决算表 printed above it
    assert not any(t.startswith("第") and "部分" in t for t in titles.values())
    verdicts = analyze(doc).verdicts
    types = {t.page: (t.content, verdicts[t.seq].table_type) for t in doc.tables}
    assert types[4] == ("prose", "other")  # 第一部分 … 概况 / 一、主要职能
    assert types[6] == ("bodies", "institutions")  # 序号 | 单位名称 | 备注: the 单位构成 list


def test_a_blank_page_leaves_a_born_digital_pdf_a_pdf(tmp_path: Path) -> None:
    src = pdfium.PdfDocument(str(REAL / "上海市普陀区社会福利院2024年单位预算.pdf"))
    out = pdfium.PdfDocument.new()
    out.import_pages(src, [0, 1])
    width, height = src[0].get_size()
    out.new_page(width, height)  # a blank page, as office software leaves one
    path = tmp_path / "with-blank.pdf"
    out.save(str(path))
    doc = read(path)
    assert doc.format == "pdf"
    assert [p.has_text_layer for p in doc.pages] == [True, True, False]
    assert not doc.warnings


def test_kind_level_region_are_stored_and_exported(tmp_path: Path) -> None:
    db = tmp_path / "work.db"
    conn = store.connect(db)
    ingest(conn, [REAL / "上海市普陀区2026年区级单位预算模板.xlsx", seed("000")], workers=1)
    out = tmp_path / "dataset.db"
    export(conn, out)
    rows = (
        sqlite3.connect(out)
        .execute("SELECT format, kind, level, region, year FROM documents ORDER BY format")
        .fetchall()
    )
    assert rows == [
        ("txt", "budget", "部门", "略阳县", 2026),
        ("xlsx", "budget", "单位", "上海市普陀区", 2026),
    ]


def test_a_store_made_before_the_columns_gets_them(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    old = sqlite3.connect(db)
    metadata = ",\n    kind TEXT NOT NULL DEFAULT '', level TEXT NOT NULL DEFAULT '', region TEXT NOT NULL DEFAULT ''"
    assert metadata in schema.DOCUMENTS_SCHEMA
    old.executescript(schema.DOCUMENTS_SCHEMA.replace(metadata, ""))  # the documents table before them
    old.execute("INSERT INTO documents (id, source_file, status) VALUES ('d1', 'a.txt', 'done')")
    old.commit()
    old.close()
    conn = store.connect(db)
    assert tuple(conn.execute("SELECT kind, level, region FROM documents WHERE id = 'd1'").fetchone()) == (
        "",
        "",
        "",
    )
