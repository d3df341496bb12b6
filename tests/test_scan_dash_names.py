"""Code-name strings of scanned tables (北京's tables print ``2070101-行政运行`` in one cell; issue 17),
on the real pages rendered at 150 dpi and degraded as the scan benchmark renders them
(bench/baselines.py ``render_pages``), read in place from ../shared/real/.

* p. 4 (项目支出表): the scan ran a row's function cell and its economic cell together,
  ``2070101-行政运行50201-办公经费``, and the row's amounts were auto-accepted under that name; the
  name is no name of 2070101 (行政运行): doubted (``scan_name_not_code``), pending. It also read
  ``2070102-一般行政管理事务`` three times in one cell, the two rows below it blank in that column:
  those rows (named by their economic cell, 50205-委托业务费) lost their text to it and were
  auto-accepted; doubted (``scan_name_cells_merged``), pending.
* p. 7: ``31003-专用设备置`` (专用设备购置 with a character lost): near the dictionary's name of
  31003, doubted (``scan_name_dictionary``) with the dictionary's name offered as the repair.
* the born-digital reading of the same document is not touched: its code-name strings print their
  codes' names (the dictionary holds its 20706 新闻出版电影 款 and its wording of 50601 and 50999)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from sample_files import REAL

from bench.baselines import render_pages
from classify.analyze import analyze
from classify.checks import default_dictionary
from extract import read
from extract.vocabulary import CODE_DASH_NAME

BEIJING = REAL / "北京市委宣传部2026年度部门预算报表.pdf"

pytestmark = pytest.mark.skipif(not BEIJING.is_file(), reason="the real 北京 budget is not here")


def test_a_scanned_code_name_string_whose_name_is_not_its_codes_goes_to_review(tmp_path: Path) -> None:
    (path,) = render_pages(BEIJING, [4], 150, tmp_path)
    doc = read(path)
    x = analyze(doc)
    # the page's light rules are found (extract.ruling): no cell holds several code-name strings now
    assert not [li for li in x.line_items if len(re.findall(r"\d{5,7}-", li.name)) > 1]
    fine = [li for li in x.line_items if li.name == "2070101-行政运行"]
    assert fine and not any("scan_name_not_code" in [r.code for r in li.reason] for li in fine)
    # the page as an earlier ruling read it, a row's rule lost: a code-name cell run into the one
    # below it (2070102-一般行政管理事务 twice), that cell blank
    i, cell, below = next(
        (i, c, d)
        for i, t in enumerate(doc.tables)
        for c in t.cells
        if c.row >= t.header_rows and (m := CODE_DASH_NAME.match(c.text)) and m.group(2)
        for d in t.cells
        if d.row == c.row + 1 and d.col == c.col and (n := CODE_DASH_NAME.match(d.text)) and n.group(2)
    )
    merged = cell.text + below.text
    table = doc.tables[i]
    cells = [
        replace(c, text=merged) if c is cell else replace(c, text="") if c is below else c
        for c in table.cells
    ]
    doc.tables[i] = replace(table, cells=cells)
    items = analyze(doc).line_items
    several = [li for li in items if li.name == merged]
    assert several and all(li.status == "pending" for li in several)
    assert all("scan_name_not_code" in [r.code for r in li.reason] for li in several)
    lost = [li for li in items if li.table_seq == table.seq and li.row == below.row]
    assert lost and all(li.status == "pending" for li in lost)
    assert all("scan_name_cells_merged" in [r.code for r in li.reason] for li in lost)
    # the same page with a row's function cell run together with its economic cell, as an earlier
    # ruling read it (its wall between them lost): the name is no name of 2070101 (行政运行)
    i, cell = next((i, c) for i, t in enumerate(doc.tables) for c in t.cells if c.text == "2070101-行政运行")
    table = doc.tables[i]
    run_name = "2070101-行政运行50201-办公经费"
    cells = [replace(c, text=run_name) if c is cell else c for c in table.cells]
    doc.tables[i] = replace(table, cells=cells)
    run = [li for li in analyze(doc).line_items if li.name == run_name]
    assert run and all(li.status == "pending" for li in run)
    assert all("scan_name_not_code" in [r.code for r in li.reason] for li in run)


def test_a_scanned_code_name_string_near_its_codes_name_is_offered_the_dictionarys(tmp_path: Path) -> None:
    (path,) = render_pages(BEIJING, [7], 150, tmp_path)
    x = analyze(read(path))
    near = [li for li in x.line_items if li.name == "31003-专用设备置"]
    assert near and all(li.status == "pending" for li in near)
    assert all("scan_name_dictionary" in [r.code for r in li.reason] for li in near)
    repairs = [
        (r.old, r.new)
        for f in x.doubts
        for r in f.repairs
        if f.detail and f.detail.code == "scan_name_dictionary"
    ]
    assert ("31003-专用设备置", "31003-专用设备购置") in repairs


def test_the_born_digital_code_name_strings_are_their_codes_names() -> None:
    dictionary = default_dictionary()
    x = analyze(read(BEIJING))
    pairs = {
        (m.group(1), li.name[m.end() :])
        for li in x.line_items
        if not li.code and (m := CODE_DASH_NAME.match(li.name))
    }
    assert len(pairs) > 30
    assert [p for p in pairs if dictionary.check(*p).status in ("near", "mismatch")] == []
    assert not [li for li in x.line_items if "scan_name_not_code" in [r.code for r in li.reason]]
