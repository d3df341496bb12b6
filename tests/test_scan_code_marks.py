"""A code read with a mark beside it, and a continued part's doubted rows (issue #17).

* 普陀's 收入决算表 continued on p. 9, an archive scan (bench/bench_real_scans.py ``--degrade harsh``):
  a speck of the scan beside two codes was read with them (.2120101, 2120201.). The cells were no
  code, the rows' records lost their codes and were auto-accepted by their names alone (行政运行,
  城乡社区规划与管理: wrong records). A code column's cell that is a code but for marks before or
  after it doubts its row (``extract.scancodes.check_code_column``, ``scan_code_unread``).
* A continued part's doubted rows (``Table.row_issues``) were dropped when the part was joined to
  its start on the page before (``extract.continued.append_part``): every doubt a continuation
  page's reading raised was lost. They are kept, at the rows the join gives them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sample_files import REAL

from bench.baselines import render_pages
from extract.continued import append_part
from extract.model import Cell, Table
from extract.reasons import reason
from extract.scancodes import check_code_column

PUTUO = REAL / "上海市普陀区规划和自然资源局2024年度部门决算.pdf"


def _codes_table(codes: list[str]) -> Table:
    cells = [Cell(0, 0, "科目编码"), Cell(0, 1, "科目名称")]
    for i, code in enumerate(codes, 1):
        cells += [Cell(i, 0, code, confidence=0.95), Cell(i, 1, "行政运行", confidence=0.99)]
    return Table(seq=1, title="", cells=cells, header_rows=1)


def test_a_code_with_a_mark_beside_it_doubts_its_row() -> None:
    t = _codes_table(["212", "21201", "2120101", "21202", ".2120102", "2120201.", "2120202", "合计"])
    assert check_code_column(t) == 2
    assert sorted(t.row_issues) == [5, 6]
    assert all(r.code == "scan_code_unread" for r in t.row_issues.values())


def test_a_column_of_no_codes_is_left_alone() -> None:
    t = _codes_table(["一、", "二、", ".3", "四、"])
    assert check_code_column(t) == 0 and not t.row_issues


def test_a_continued_part_keeps_its_doubted_rows() -> None:
    start = _codes_table(["212", "21201"])
    part = _codes_table(["2120101", "21202"])
    part.row_issues[2] = reason("scan_code_unread", row=2, col=0, raw="21202")
    append_part(start, part, skip=1)  # the part's header row repeated: not appended
    assert list(start.row_issues) == [4] and start.grid()[4][0] == "21202"


@pytest.mark.skipif(not PUTUO.is_file(), reason="the real 普陀 final account is not here")
def test_the_codes_read_with_a_speck_doubt_their_rows_in_the_join(tmp_path: Path) -> None:
    from extract.scan import read_image_folder

    render_pages(PUTUO, [8, 9], 200, tmp_path, degradation="harsh")
    (table,) = [t for t in read_image_folder(tmp_path).tables if t.n_cols == 9]
    grid = table.grid()
    marked = [r for r in range(table.header_rows, table.n_rows) if grid[r][0].strip(".·-") != grid[r][0]]
    assert marked and all(table.row_issues[r].code == "scan_code_unread" for r in marked)
