"""类/款/项 code cells of scans read again (issue 17).

* 烟台's 一般公共预算支出情况表 (p. 16) at 150 dpi prints the 款 code 11 of 21011 as two bare, pale
  strokes two pixels wide: read as nothing (口 at other crops) the row went to review nameless of its
  code and the 项 rows under it took 210 | 01 for 21001. Read again with its grey range stretched,
  its ink thickened and ×2 / ×3 (``extract.scancodes.code_variants``) it reads 11; the table's name
  for the row (行政事业单位医疗) is the dictionary's for 21011 under its printed 210, so the code stands
  with a warning (``scan_code_reread``), the rows under it read 2101101 … .
* A code read again that the row's name does not confirm keeps the row in review.
* A part read shorter than its column's codes (``1`` under 款 codes of two digits) is read again,
  never taken for ``01``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sample_files import REAL

from bench.baselines import render_pages
from classify.analyze import analyze
from classify.checks import default_dictionary
from classify.records import line_items
from classify.reread_codes import confirmed_rereads, supply_from_names
from extract import read
from extract.model import Cell, Table
from extract.reasons import reason
from extract.scancodes import REREAD, code_cells_to_reread

YANTAI = REAL / "烟台市人民政府办公室2026年部门预算.pdf"


@pytest.mark.skipif(not YANTAI.is_file(), reason="the real 烟台 budget is not here")
def test_a_thin_code_read_as_nothing_is_read_again(tmp_path: Path) -> None:
    (path,) = render_pages(YANTAI, [16], 150, tmp_path)
    extraction = analyze(read(path))
    table = extraction.document.tables[0]
    assert [dict(w.params)["text"] for w in table.warnings if w.code == REREAD] == ["11"]
    codes = {li.name: li.code for li in extraction.line_items}
    assert codes["行政事业单位医疗"] == "21011"
    assert codes["行政单位医疗"] == "2101101" and codes["公务员医疗补助"] == "2101103"
    named = [li for li in extraction.line_items if li.name == "行政事业单位医疗"]
    assert len(named) == 3 and not any(r.code == REREAD for li in named for r in li.reason)


def _table(rows: list[tuple[str, ...]]) -> Table:
    cells = [Cell(r, k, t, confidence=0.99) for r, row in enumerate(rows) for k, t in enumerate(row)]
    return Table(seq=1, title="一般公共预算支出情况表", cells=cells, header_rows=1, unit="万元")


ROWS = [
    ("类", "款", "项", "科目名称", "合计"),
    ("210", "", "", "卫生健康支出", "222.25"),
    ("", "11", "", "行政事业单位医疗", "222.25"),
    ("", "", "01", "行政单位医疗", "100.80"),
]


def test_a_code_read_again_stands_only_when_the_name_is_its_own() -> None:
    dictionary = default_dictionary()
    for name, stands in (("行政事业单位医疗", True), ("事业单位医疗", False)):
        table = _table([*ROWS[:2], ("", "11", "", name, "222.25"), ROWS[3]])
        issues = {2: [reason(REREAD, row=2, col=1, raw="", text="11", votes=2, variants=13)]}
        records = line_items(table, "general_budget_expense", issues, {})
        assert (2 in confirmed_rereads(table, issues, records, dictionary)) is stands, name


def test_a_code_read_again_needs_its_parent_printed_above() -> None:
    table = _table([ROWS[0], ("", "11", "", "行政事业单位医疗", "222.25")])
    issues = {1: [reason(REREAD, row=1, col=1, raw="", text="11", votes=2, variants=13)]}
    records = line_items(table, "general_budget_expense", issues, {})
    assert confirmed_rereads(table, issues, records, default_dictionary()) == {}


def test_a_part_read_short_is_read_again() -> None:
    other = [("", "02", "", "公共卫生", "20.00"), ("", "", "01", "疾病预防控制机构", "20.00")]
    table = _table([*ROWS[:2], ("", "1", "", "行政事业单位医疗", "222.25"), ROWS[3], *other])
    assert code_cells_to_reread(table) == [(2, 1, 2)]
    assert code_cells_to_reread(_table([*ROWS, *other])) == []
    # a column of parts printed without their leading zero (a spreadsheet's numbers): none is short
    table = _table(
        [*ROWS[:2], ("", "1", "", "行政事业单位医疗", "222.25"), ("", "2", "", "公共卫生", "20.00")]
    )
    assert code_cells_to_reread(table) == []


@pytest.mark.skipif(not YANTAI.is_file(), reason="the real 烟台 budget is not here")
def test_a_code_no_reading_gives_is_supplied_by_the_name_and_stays_pending(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """烟台 p. 16 at 150 dpi read by a reader whose second readings give nothing: the 款 of 21011 is
    the dictionary's code for 行政事业单位医疗 under the 210 printed above, so the row and the 项 rows
    made with it take 21011, 2101101 …, all pending: a code no reading gave is never auto."""
    import extract.scancodes

    monkeypatch.setattr(extract.scancodes, "code_variants", lambda sub: [])
    (path,) = render_pages(YANTAI, [16], 150, tmp_path)
    extraction = analyze(read(path))
    supplied = [li for li in extraction.line_items if li.code.startswith("21011")]
    assert {li.name for li in supplied} == {
        "行政事业单位医疗",
        "行政单位医疗",
        "事业单位医疗",
        "公务员医疗补助",
    }
    assert {li.code for li in supplied if li.name == "公务员医疗补助"} == {"2101103"}
    assert all(li.status == "pending" for li in supplied)
    assert all(any(r.code == "scan_code_from_name" for r in li.reason) for li in supplied)
    # the rows of another 类 keep their own codes
    assert {li.code for li in extraction.line_items if li.name == "行政单位离退休"} == {"2080501"}


def test_no_code_is_supplied_for_a_name_the_dictionary_does_not_give_under_the_parent() -> None:
    dictionary = default_dictionary()
    for name, supplied in (("行政事业单位医疗", "21011"), ("住房公积金", ""), ("", "")):
        table = _table([*ROWS[:2], ("", "", "", name, "222.25"), ROWS[3]])
        issues = {2: [reason("scan_print_unread", row=2, col=1)]}
        records = line_items(table, "general_budget_expense", issues, {})
        supply_from_names(table, issues, records, dictionary)
        assert {li.code for li in records if li.row == 2} == {supplied}, name
        assert {li.code for li in records if li.row == 3} == {supplied + "01" if supplied else "21001"}, name
