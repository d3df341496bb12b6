"""Indicator cells of scanned performance-target tables (issue 14): an operator column read again
beside its figure, a character the recogniser is unsure of doubted, a misread level label repaired
to the vocabulary and doubted — on generated, degraded scans (samples/) and on tables built here."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from classify.analyze import analyze
from extract.model import Cell, Document, Page, Table
from extract.scanindicators import check_indicator_cells
from extract.vocabulary import is_operator, nearest_level_label
from samples.indicator_eval import key_text
from samples.synth import make_document


@functools.cache
def _scanned(seed: int, pages: tuple[int, ...], folder: Path) -> tuple[object, object]:
    """Synthetic document ``seed``'s ruled PDF, ``pages`` of it (1-based) scanned and degraded as
    the benches scan, read and analysed: (gold document, extraction)."""
    import pypdfium2 as pdfium

    from extract.scan import read_image_folder
    from samples.make_scans import render_scans
    from samples.render import render_pdf

    doc = make_document(seed)
    pdf = folder / "ruled.pdf"
    render_pdf(doc, pdf, "ruled")
    part = pdfium.PdfDocument.new()
    part.import_pages(pdfium.PdfDocument(str(pdf)), [p - 1 for p in pages])
    part.save(str(folder / "part.pdf"))
    render_scans(folder / "part.pdf", folder / "scan", dpi=200, seed=seed)
    return doc, analyze(read_image_folder(folder / "scan"))


@pytest.fixture(scope="module")
def split_tables(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, object]:
    # seed 30000: two 项目支出绩效目标申报表 (指标方向 | 指标值 | 度量单位) on pages 9 and 10
    return _scanned(30000, (9, 10), tmp_path_factory.mktemp("split"))


def test_operator_column_read_with_its_figure(split_tables: tuple[object, object]) -> None:
    doc, ex = split_tables
    gold = {(key_text(g.level3), key_text(g.value)) for g in doc.indicators}  # type: ignore[attr-defined]
    split = [i for i in ex.indicators if i.direction and i.direction != "定性"]  # type: ignore[attr-defined]
    assert len(split) >= 14  # the rows of the two tables whose value is a figure
    # alone, ≥ is read N, M or 2, ≤ S and a ＝ nothing; read beside its figure, as printed —
    # the table continued on page 10 (its header not printed again) too
    wrong = [
        (i.level3, i.direction, i.value) for i in split if (key_text(i.level3), key_text(i.value)) not in gold
    ]
    assert len(wrong) <= 1, wrong
    assert all(is_operator(i.direction) for i in split if i.status == "auto")
    # nothing auto-accepted that the page does not print
    auto_wrong = [
        (i.level3, i.value)
        for i in ex.indicators  # type: ignore[attr-defined]
        if i.status == "auto" and (key_text(i.level3), key_text(i.value)) not in gold
    ]
    assert not auto_wrong
    notes = [w.code for t in ex.document.tables for w in t.warnings]  # type: ignore[attr-defined]
    assert "scan_operator_reread" in notes


def test_unsure_operator_goes_to_review(split_tables: tuple[object, object]) -> None:
    _doc, ex = split_tables
    doubted = [
        i
        for i in ex.indicators  # type: ignore[attr-defined]
        if any(r.code in ("scan_indicator_char_doubted", "scan_operator_doubted") for r in i.reason)
    ]
    assert doubted and all(i.status == "pending" for i in doubted)


def _table(rows: list[list[str]], confidence: float = 0.9) -> Table:
    head = ["一级指标", "二级指标", "三级指标", "指标值"]
    cells = [Cell(0, c, t, confidence=confidence) for c, t in enumerate(head)]
    for r, row in enumerate(rows, 1):
        cells += [Cell(r, c, t, confidence=confidence) for c, t in enumerate(row)]
    return Table(1, "项目支出绩效目标表", cells, header_rows=1)


def _analysed(table: Table) -> list:
    doc = Document("scan", "h", "image", pages=[Page(1, 600, 800, "", has_text_layer=False)], tables=[table])
    return analyze(doc).indicators


def test_level_label_misread_is_repaired_and_doubted() -> None:
    assert nearest_level_label("数量指杯") == ("数量指标", 1)
    assert nearest_level_label("产出指标") == ("产出指标", 0)
    assert nearest_level_label("敉量指标") is None  # one from 数量指标 and one from 质量指标: neither
    assert nearest_level_label("2025年") is None
    table = _table(
        [
            ["产出指标", "数量指杯", "培训人数", "≥100人"],
            ["", "", "培训次数", "≥4次"],
            ["", "质量指标", "培训合格率", "100%"],
        ]
    )
    assert check_indicator_cells(table, {}) == 1
    level = next(c for c in table.cells if (c.row, c.col) == (1, 1))
    assert level.text == "数量指标" and level.doubt is not None
    assert level.doubt.code == "scan_indicator_level_repaired"
    got = {i.level3: (i.level2, i.status) for i in _analysed(table)}
    assert got["培训人数"] == ("数量指标", "pending")
    assert got["培训次数"] == ("数量指标", "pending")  # read under the repaired label
    assert got["培训合格率"] == ("质量指标", "auto")


def test_unsure_character_of_a_value_is_doubted() -> None:
    table = _table([["产出指标", "数量指标", "项目持续发挥作用年限", "23年"], ["", "", "培训次数", "≥4次"]])
    lows = {(1, 3): ("2", 0.43), (2, 3): ("≥", 0.81)}
    assert check_indicator_cells(table, lows) == 1
    got = {i.level3: i for i in _analysed(table)}
    assert got["项目持续发挥作用年限"].status == "pending"
    assert [r.code for r in got["项目持续发挥作用年限"].reason][0] == "scan_indicator_char_doubted"
    assert got["培训次数"].status == "auto"


def test_text_layer_cells_are_read_as_printed() -> None:
    table = _table([["产出指标", "数量指杯", "培训人数", "≥100人"]], confidence=1.0)
    assert check_indicator_cells(table, {(1, 3): ("≥", 0.1)}) == 0
    assert not any(c.doubt for c in table.cells)
