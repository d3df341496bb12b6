"""Amount cells of scans read with other decimals than their column's read again from the page
(issue 17, ``extract.amountreread``).

万里街道 2025's 基本支出 table (p. 27) at 200 dpi read 11,610,630 as 11,610.30: a digit of the last
group lost, the thousands separator before it taken for a point. In a column of whole yuan it was
doubted and went to review as 11,610.30 yuan; read again from its ink it is 11,610,630 in every
preparation, still to review (two readings disagree). Its 支出预算 table (p. 17) read 7,187,532
as 7,187,2, no amount at all: read again, 7,187,532, to review.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sample_files import REAL

from bench.baselines import render_pages
from classify.analyze import analyze
from extract import read
from extract.amountreread import reread_amounts
from extract.model import Cell, Table
from extract.numbers import is_amount
from extract.reasons import reason

WANLI = REAL / "上海市普陀区万里街道2025年部门预算.pdf"


@pytest.mark.skipif(not WANLI.is_file(), reason="the real 万里街道 2025 budget is not here")
def test_an_amount_read_with_a_digit_lost_is_read_again(tmp_path: Path) -> None:
    (path,) = render_pages(WANLI, [27], 200, tmp_path)
    doc = read(path)
    (why,) = [w for t in doc.tables for w in t.warnings if w.code == "scan_amount_reread"]
    assert (why.args["raw"], why.args["text"]) == ("11,610.30", "11,610,630")
    items = [li for li in analyze(doc).line_items if li.code == "30107" and li.column.endswith("人员经费")]
    assert [(str(li.amount_yuan), li.status) for li in items] == [("11610630.00", "pending")]


@pytest.mark.skipif(not WANLI.is_file(), reason="the real 万里街道 2025 budget is not here")
def test_an_amount_read_with_a_group_cut_short_is_read_again(tmp_path: Path) -> None:
    (path,) = render_pages(WANLI, [17], 200, tmp_path)
    doc = read(path)
    # first read 7,187,2 and taken, by the column's whole yuan, for 7,187.2, doubted …
    first = [w.args for t in doc.tables for w in t.warnings if w.code == "scan_amount_restricted"]
    assert ("7,187,2", "7,187.2") in [(a["raw"], a["text"]) for a in first]
    # … then read again from its ink
    (why,) = [w for t in doc.tables for w in t.warnings if w.code == "scan_amount_reread"]
    assert (why.args["raw"], why.args["text"]) == ("7,187.2", "7,187,532")
    cell = doc.tables[0].cell(int(why.args["row"]), int(why.args["col"]))
    assert cell is not None and cell.text == "7,187,532" and cell.doubt is not None


def _doubted(text: str) -> Table:
    cells = [Cell(0, 0, "项目"), Cell(0, 1, "金额")]
    cells += [Cell(r, 1, t) for r, t in enumerate(["1,000", "2,000", "3,000"], 1)]
    odd = Cell(4, 1, text, bbox=(0.0, 0.0, 10.0, 10.0), confidence=0.99)
    if is_amount(text):  # an amount the reader doubted; one that is no amount it left as read
        odd.doubt = reason("scan_amount_doubted", row=4, col=1, text=text, char="?", confidence=0.5)
    return Table(1, "", [*cells, odd], header_rows=1)


@pytest.mark.parametrize(
    ("first", "again", "taken"),
    [
        ("7,187.32", ["7,187,532"] * 13, "7,187,532"),  # the digit the first reading lost
        ("7,187.32", ["7,187,532"] * 6 + ["7,187.32"] * 7, "7,187.32"),  # not most of the readings
        ("7,187.32", ["7,187,932"] * 13, "7,187,932"),  # any digit added
        ("7,187.32", ["8,187,532"] * 13, "7,187.32"),  # a digit read as another: no
        ("7,187.32", ["7,187.532"] * 13, "7,187.32"),  # not the column's decimals
        ("7,187", ["7,187,532"] * 13, "7,187"),  # the column's decimals already
        ("7,187,2", ["7,187,532"] * 13, "7,187,532"),  # a group cut short: no amount, read again
        ("7,187,2", ["7,187,2"] * 13, "7,187,2"),  # … and read so again: left as read
    ],
)
def test_only_a_reading_most_variants_agree_on_that_adds_digits_is_taken(
    monkeypatch: pytest.MonkeyPatch, first: str, again: list[str], taken: str
) -> None:
    import numpy as np

    import extract.amountreread as module

    monkeypatch.setattr(module, "reread_cell", lambda *a, **k: [(t, 0.9) for t in again])
    table = _doubted(first)
    reread_amounts(table, np.full((20, 20), 255, np.uint8), lambda crops: [], 1.0)
    odd = table.cell(4, 1)
    assert odd is not None and odd.text == taken
    if taken != first:  # taken from the ink: doubted, its record to review
        assert odd.doubt is not None and odd.confidence <= 0.5
