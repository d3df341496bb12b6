"""Scanned operators told apart by their ink (issue 14): ≥ / ≤ print a bar under the chevron, > / <
do not. Crops of operator cells of a performance table rendered by samples/ (the generator's font),
scanned at 150/200/300 dpi and degraded as the samples' scans are (rotation, blur, noise, JPEG)."""

from __future__ import annotations

import functools
import random
from pathlib import Path

import numpy as np
import pytest

from extract.model import Cell, Table
from extract.operatorink import operator_bar, operator_by_ink

OPERATORS = "≥>≤<＝"


@functools.cache
def _sheet(folder: Path) -> Path:
    """A 项目支出绩效目标申报表 (指标方向 | 指标值 | 度量单位) printing each operator in its own cell."""
    from samples.render import render_pdf
    from samples.synth import GoldTable

    body = [["一级指标", "二级指标", "三级指标", "指标方向", "指标值", "度量单位"]]
    body += [["产出指标", "数量指标", f"指标{k}", op, str(90 + k), "%"] for k, op in enumerate(OPERATORS * 2)]
    table = GoldTable(1, "", "项目支出绩效目标申报表", "project_performance", "", [], body)
    path = folder / "operators.pdf"
    render_pdf([table], path, "ruled")
    return path


def _crops(pdf: Path, dpi: int, seed: int) -> list[tuple[str, np.ndarray]]:
    """Each operator printed alone in ``pdf``, cut from the page rendered at ``dpi`` with a margin
    of the cell's paper around it and degraded as ``samples.make_scans`` degrades a page."""
    import cv2
    import pypdfium2 as pdfium

    from extract.images import render_pdf_page
    from samples.make_scans import degrade

    rng = random.Random(seed)
    doc = pdfium.PdfDocument(str(pdf))
    out = []
    for i in range(len(doc)):
        page = doc[i]
        text = page.get_textpage()
        height = page.get_size()[1]
        gray = render_pdf_page(page, dpi)
        px = dpi / 72
        for k in range(text.count_chars()):
            ch = text.get_text_range(k, 1)
            if ch not in OPERATORS or text.get_text_range(k + 1, 1).strip():
                continue
            left, bottom, right, top = text.get_charbox(k)
            box = [int(v * px) for v in (left - 3, height - top - 3, right + 3, height - bottom + 3)]
            crop = np.pad(gray[box[1] : box[3], box[0] : box[2]], 20, constant_values=255)
            data = degrade(crop, rng, rng.randint(45, 80))
            out.append((ch, cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)))
    doc.close()
    return out


@pytest.mark.parametrize("dpi", [150, 200, 300])
def test_bar_under_the_chevron_tells_the_operators_apart(
    dpi: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    pdf = _sheet(tmp_path_factory.mktemp("ops"))
    got: dict[str, list[bool | None]] = {}
    for seed in range(4):
        for ch, crop in _crops(pdf, dpi, seed):
            got.setdefault(ch, []).append(operator_bar(crop))
    assert sorted(got) == sorted(OPERATORS) and all(len(v) == 8 for v in got.values())
    assert set(got["≥"]) == set(got["≤"]) == {True}
    assert set(got["＞" if "＞" in got else ">"]) == set(got["<"]) == {False}
    assert set(got["＝"]) == {None}  # two bars: no chevron, no answer
    crop = dict(_crops(pdf, dpi, 0))
    assert operator_by_ink(">", crop["≥"]) == "≥" and operator_by_ink("≤", crop["<"]) == "<"
    assert operator_by_ink("≥", crop["≥"]) is None  # the ink agrees: nothing to change
    assert operator_by_ink("2", crop["≥"]) is None  # no operator of a pair: the ink is not asked
    assert operator_bar(np.full((30, 30), 255, dtype=np.uint8)) is None  # no ink


def test_operator_read_surely_against_its_ink_is_doubted(tmp_path_factory: pytest.TempPathFactory) -> None:
    from classify.analyze import analyze
    from extract.model import Document, Page
    from extract.ocr import Reading
    from extract.scanindicators import reread_operators

    crop = dict(_crops(_sheet(tmp_path_factory.mktemp("ops")), 200, 1))["≥"]
    head = ["一级指标", "二级指标", "三级指标", "指标方向", "指标值", "度量单位"]
    body = ["效益指标", "可持续影响指标", "项目持续发挥作用年限", ">", "3", "年"]
    cells = [Cell(0, c, t, confidence=0.99) for c, t in enumerate(head)]
    cells += [Cell(1, c, t, confidence=0.95) for c, t in enumerate(body)]
    table = Table(1, "项目支出绩效目标申报表", cells, header_rows=1)
    boxes = {(r, c): (100.0 * c, 60.0 * r, 100.0 * c + 100, 60.0 * r + 60) for r in (0, 1) for c in range(6)}
    page = np.full((130, 700), 255, dtype=np.uint8)
    h, w = crop.shape
    page[90 - h // 2 : 90 - h // 2 + h, 350 - w // 2 : 350 - w // 2 + w] = crop  # the ≥ in its cell
    page[82:98, 440:452] = page[82:98, 540:556] = 0  # the figure and the unit
    # the recogniser reads > surely, alone and beside its figure
    reread_operators(table, boxes, page, lambda images: [Reading(">3年", 0.95, low=(">", 0.9))] * len(images))
    op = next(c for c in table.cells if (c.row, c.col) == (1, 3))
    assert op.text == "≥"
    assert op.doubt is not None and op.doubt.code == "scan_operator_ink"
    doc = Document("scan", "h", "image", pages=[Page(1, 700, 130, "", has_text_layer=False)], tables=[table])
    (ind,) = analyze(doc).indicators
    assert (ind.value, ind.status) == ("≥3年", "pending")  # the ink's operator, still to be checked
