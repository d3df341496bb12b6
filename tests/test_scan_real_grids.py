"""Pages of a real budget (西安, ../shared/real/) rendered at 150 dpi and mildly degraded
(samples/make_scans.py ``scan_of_page``), read as scans:

* a thin rule under a spanning header (支出 over four column headings in bold) that the adaptive
  threshold loses beside the bold text, and the bold text's blurred strokes that look like short
  rules, no longer merge the four headings into one cell (the 收支总表's header);
* a table printed at about 4 pt (the 三公 table squeezed onto a landscape page: 6-pixel digits)
  is kept as a table and marked unreadable, so it and every amount read from it go to review
  with the code ``scan_print_too_small`` — never auto-accepted on a guess, never dropped unseen."""

from __future__ import annotations

from pathlib import Path

import pytest
from sample_files import REAL  # ../shared/real beside the project

from classify.analyze import analyze
from extract import read
from extract.model import Cell, Document, Table
from samples.make_scans import scan_of_page

XIAN = REAL / "西安市审计局2026年部门预算.pdf"
pytestmark = pytest.mark.skipif(not XIAN.is_file(), reason="the real 西安 budget is not here")


def test_spanning_header_over_bold_headings_keeps_each_heading_in_its_cell(tmp_path: Path) -> None:
    doc = read(scan_of_page(XIAN, 22, tmp_path / "p22.jpg", dpi=150))
    table = doc.tables[0]
    grid = table.grid()
    assert table.header_rows == 2 and len(grid[0]) == 8
    assert grid[0][2] == "支出" and grid[0][3:] == [""] * 5  # 支出 spans the four headings
    assert grid[1][2] == "支出功能分类科目（按大类）"
    assert grid[1][4] == "部门预算支出经济分类科目（按大类）"
    assert [grid[1][k] for k in (1, 3, 5, 7)] == ["预算数"] * 4
    assert not [w for w in table.warnings if w.code == "scan_print_too_small"]


def test_table_in_print_too_small_to_read_goes_to_review_whole(tmp_path: Path) -> None:
    doc = read(scan_of_page(XIAN, 35, tmp_path / "p35.jpg", dpi=150))
    small = [t for t in doc.tables if any(w.code == "scan_print_too_small" for w in t.warnings)]
    assert len(small) == 1 and "三公" in small[0].title
    extraction = analyze(doc)
    verdict = extraction.verdicts[small[0].seq]
    assert verdict.status == "pending"
    assert "scan_print_too_small" in [r.code for r in verdict.reason]
    items = [li for li in extraction.line_items if li.table_seq == small[0].seq]
    assert all(li.status == "pending" for li in items)
    assert all("scan_print_too_small" in [r.code for r in li.reason] for li in items)


def test_small_print_scanned_finer_is_read_at_the_files_own_resolution(tmp_path: Path) -> None:
    """At 300 dpi the same 4 pt table is readable: the layout works at 200 dpi, but a table in small
    print is recognised from the file's own pixels, each line as wide as its cell (the minus signs
    of the 增减变化情况 columns are kept), and is no longer marked unreadable."""
    born = read(XIAN)
    want = [
        sorted(c.text for c in t.cells if c.text and c.text[-3:-2] == ".")
        for t in born.tables
        if t.page == 35 and "三公" in t.title
    ][0]
    doc = read(scan_of_page(XIAN, 35, tmp_path / "p35.jpg", dpi=300))
    table = next(t for t in doc.tables if "三公" in t.title)
    assert not [w for w in table.warnings if w.code == "scan_print_too_small"]
    got = sorted(c.text for c in table.cells if c.text and c.text[-3:-2] == ".")
    assert len(want) >= 50 and "-194,000.00" in want
    assert got == want
    # read at the recogniser's limit: a header misread however clearly sends its items to review
    assert "scan_small_print_reread" in [w.code for w in table.warnings]
    printed = {c.text for t in born.tables if t.page == 35 for c in t.cells if c.row < t.header_rows}
    auto = [li for li in analyze(doc).line_items if li.table_seq == table.seq and li.status == "auto"]
    assert all(set(li.path) <= printed for li in auto), [li.path for li in auto]


def test_tall_characters_are_no_vertical_rules(tmp_path: Path) -> None:
    """泉州's 收支总表 at 300 dpi with the benchmark's degradations (bench/baselines.py): the thin-line
    finder looks for horizontal rules only — the strokes of a large 算, grown by the blur, are as long
    as a short vertical rule and were erased from the header as one (预算数 read as 预数)."""
    from bench.baselines import render_pages

    quanzhou = REAL / "泉州市市场监管综合监测与技术保障中心2026年度单位预算.pdf"
    page = render_pages(quanzhou, [8], 300, tmp_path)[0]
    assert read(page).tables[0].grid()[1] == ["项目", "预算数", "项目", "预算数"]


def test_group_headings_garbled_in_small_print_take_their_label_and_stay_doubted(tmp_path: Path) -> None:
    """西安's 三公 table at 300 dpi with the benchmark's degradations: read at the recogniser's limit,
    two of its three group headings came out garbled (一般公共顶异波款女持的“三公”经费预算), too far for
    a repair on sight but near one long label only: each is named by that label, so every item under
    it gets its printed column path, and stays doubted, so those items go to review. With the
    header's light rules found and its text no longer wiped as rules (extract/thinrules), the three
    headings are read whole; one still garbled would be named and doubted."""
    from bench.baselines import render_pages

    born = read(XIAN)
    printed = {c.text for t in born.tables if t.page == 35 for c in t.cells if c.row < t.header_rows}
    doc = read(render_pages(XIAN, [35], 300, tmp_path)[0])
    table = next(t for t in doc.tables if "三公" in t.title)
    heads = {c.text for c in table.cells if c.row < table.header_rows and len(c.text) > 8}
    assert "一般公共预算拨款安排的“三公”经费预算" in heads and heads <= printed, heads - printed
    repaired = [w for w in table.warnings if w.code == "scan_header_repaired_doubted"]
    whole = [
        c
        for c in table.cells
        if c.row < table.header_rows and c.text == "一般公共预算拨款安排的“三公”经费预算"
    ]
    assert len(whole) == 3 or repaired, table.warnings
    items = [li for li in analyze(doc).line_items if li.table_seq == table.seq]
    under = [li for li in items if "一般公共预算拨款安排的“三公”经费预算" in li.path]
    assert under and all(set(li.path) <= printed for li in under), [li.path for li in under]
    for w in repaired:  # the columns under a repaired heading: up to the next cell of its row
        row, col = w.args["row"], w.args["col"]
        end = min((c.col for c in table.cells if c.row == row and c.col > col), default=10**6)
        below = [li for li in items if col <= li.col < end]
        assert below and all(li.status == "pending" for li in below), [(li.col, li.status) for li in below]


def test_short_total_header_is_read_whole_and_its_column_adds_up(tmp_path: Path) -> None:
    """泉州's 一般公共预算拨款支出预算表 at 150 dpi with the benchmark's degradations: its 小计 was read
    clearly as 小让 (the long stroke of 计 wiped out as a vertical rule), named 小计 by its column's
    sums and doubted. Only vertical rules meeting a horizontal one are wiped now: 小计 is read as
    printed, and its items, adding up as 基本支出 + 项目支出, are taken."""
    from bench.baselines import render_pages

    quanzhou = REAL / "泉州市市场监管综合监测与技术保障中心2026年度单位预算.pdf"
    doc = read(render_pages(quanzhou, [12], 150, tmp_path)[0])
    table = next(t for t in doc.tables if "一般公共预算拨款支出" in t.title)
    assert table.grid()[0][2] == "小计"
    items = [li for li in analyze(doc).line_items if li.table_seq == table.seq and li.col == 2]
    assert len(items) >= 8 and all(li.column == "小计" and li.status == "auto" for li in items)
    assert {str(li.amount_yuan) for li in items} >= {"14687000.00", "7615600.00"}


def test_short_total_header_misread_is_named_when_its_column_adds_up() -> None:
    """A 小计 read clearly as 小让 — two characters, too few to repair on sight — over a column that
    equals the columns right of it in every row is named 小计; still a doubt: its items go to review."""
    from extract.scanheaders import repair_headers

    heads = ["科目编码", "科目名称", "小让", "基本支出", "项目支出"]
    body = [
        ("201", "一般公共服务支出", "300.00", "200.00", "100.00"),
        ("20101", "人大事务", "300.00", "200.00", "100.00"),
    ]
    cells = [Cell(0, k, t, confidence=0.97) for k, t in enumerate(heads)]
    cells += [Cell(r, k, t, confidence=0.99) for r, row in enumerate(body, 1) for k, t in enumerate(row)]
    table = Table(seq=1, title="一般公共预算支出表", cells=cells, unit="万元", header_rows=1, confidence=0.97)
    repair_headers(table)
    named = [w for w in table.warnings if w.code == "scan_header_short_repaired"]
    assert [(w.args["raw"], w.args["label"]) for w in named] == [("小让", "小计")]
    items = [li for li in analyze(Document("t.png", "h", "image", tables=[table])).line_items if li.col == 2]
    assert items and all(li.column == "小计" and li.status == "pending" for li in items)


def test_short_name_header_misread_is_named_over_a_column_of_names() -> None:
    """A spaced-out 项  目 read 项日 (目 as 日), sure or not, over the 支出 side's names of a 收支总表:
    two characters, too few to repair on sight, and left doubted after reading it again, yet over
    a column of item names only it is the names' column (``scan_header_short_named``): each side's amounts are named by their own side's
    names, not by the 收入 side's (基础研究 was read as 一般公共预算 under 支出/预算数). Over a
    column of amounts the misreading is doubted as before."""
    from extract.scanheaders import name_columns_of_names, repair_headers

    def table_of(right_body: list[str], confidence: float) -> Table:
        heads = [(0, 0, "收入", 2), (0, 2, "支出", 2), (1, 0, "项目", 1), (1, 1, "预算数", 1)]
        heads += [(1, 2, "项日", 1), (1, 3, "预算数", 1)]
        cells = [Cell(r, k, t, colspan=n, confidence=0.99) for r, k, t, n in heads]
        cells[4].confidence = confidence
        body = [("一、财政拨款", "38191.21", right_body[0], "1140.61")]
        body += [("一般公共预算", "25591.21", right_body[1], "83.78")]
        body += [("", "", right_body[2], "83.78"), ("", "", right_body[3], "0.50")]
        cells += [
            Cell(r, k, t, confidence=0.99) for r, row in enumerate(body, 2) for k, t in enumerate(row) if t
        ]
        return Table(
            seq=1, title="财政拨款收支预算总表", cells=cells, unit="万元", header_rows=2, confidence=0.99
        )

    for confidence in (0.64, 0.99):
        table = table_of(["科学技术支出", "基础研究", "实验室及相关设施", "应用研究"], confidence)
        repair_headers(table)
        name_columns_of_names(table)
        named = [w for w in table.warnings if w.code == "scan_header_short_named"]
        assert [(w.args["raw"], w.args["label"], w.args["col"]) for w in named] == [("项日", "项目", 2)]
        doc = Document("t.png", "h", "image", tables=[table])
        spent = {li.name: str(li.amount_yuan) for li in analyze(doc).line_items if li.col == 3}
        assert spent == {
            "科学技术支出": "11406100.00",
            "基础研究": "837800.00",
            "实验室及相关设施": "837800.00",
            "应用研究": "5000.00",
        }
    amounts = table_of(["1.00", "2.00", "3.00", "4.00"], 0.99)
    repair_headers(amounts)
    assert name_columns_of_names(amounts) == 0
    assert amounts.cell(1, 2).text == "项日"
    assert [w.code for w in amounts.warnings] == ["scan_header_short_doubted"]


def test_print_at_the_recognisers_limit_is_judged_by_its_reading(tmp_path: Path) -> None:
    """At 200 dpi (the benchmark's degradations) the 4 pt 三公 table's digits are 10 px high — as high
    as 西安's 基本支出明细表 at 150 dpi, which reads right. The height cannot tell them apart; the
    recogniser's confidence can: the 三公 table, read unsurely (a quarter of its words below 0.9;
    300,000.00 for 100,000.00 among them), is not taken as read: its amounts are settled by its
    sums (``extract.smallsums``: ``scan_small_print_settled`` for ``scan_print_unsure``), an item
    accepted only with its amount confirmed by a sum; the 明细表 is read as usual."""
    from bench.baselines import render_pages
    from extract.reasons import TABLE_UNREAD
    from extract.smallprint import SETTLED

    doc = read(render_pages(XIAN, [35], 200, tmp_path / "200")[0])
    table = next(t for t in doc.tables if "三公" in t.title)
    codes = [w.code for w in table.warnings]
    assert SETTLED in codes and not [c for c in codes if c in TABLE_UNREAD]
    cells = {(c.row, c.col): c for c in table.cells}
    items = [li for li in analyze(doc).line_items if li.table_seq == table.seq]
    assert len(items) >= 40 and all(
        li.status == "pending" or cells[(li.row, li.col)].doubt is None for li in items
    )
    fine = read(render_pages(XIAN, [30], 150, tmp_path / "150")[0])
    assert not [w for t in fine.tables for w in t.warnings if w.code in TABLE_UNREAD]


def test_dense_landscape_table_is_not_turned_by_its_stacked_cells(tmp_path: Path) -> None:
    """西安's 基本支出明细表 (经济分类: 33 columns on a landscape page) at 200 dpi with the benchmark's
    degradations: its stacked cells smear into long blobs down the page, so the ink calls the page
    turned, and read across the page's columns the last characters of stacked labels come out as
    confident text (费费费费, 障障障障). Such a reading counts as none: the page stays upright."""
    from bench.baselines import render_pages
    from extract.ocr import engine
    from extract.orient import upright_turn

    page = render_pages(XIAN, [27], 200, tmp_path)[0]
    import cv2

    assert upright_turn(cv2.imread(str(page), cv2.IMREAD_GRAYSCALE), engine("").crops) == 0


def test_a_stroke_of_the_unit_line_touching_the_top_rule_is_no_open_row(tmp_path: Path) -> None:
    """西安's 收支总表 at 200 dpi with the benchmark's degradations: a vertical stroke of the large
    单位：元 printed right above the table touches its top rule. One rule reaching past the outer
    line is a stroke of text, not an open-sided table's edge: no row is added above the table, the
    unit line is read as the unit and the header starts with 收入 | 支出."""
    from bench.baselines import render_pages

    doc = read(render_pages(XIAN, [22], 200, tmp_path)[0])
    table = doc.tables[0]
    assert table.grid()[0][0] == "收入" and "支出" in table.grid()[0]
    assert table.unit == "元"


def test_small_print_scanned_finer_is_recognised_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 4 pt table of a 300-dpi file is cut into lines and recognised from the file's own pixels
    only, not first at the layout's 200 dpi as well (those words were thrown away)."""
    import extract.layout as layout

    calls: list[set[int]] = []
    cut = layout._cell_lines

    def recording(clean, ink, grids, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append({id(g) for g in grids})
        return cut(clean, ink, grids, *args, **kwargs)

    monkeypatch.setattr(layout, "_cell_lines", recording)
    doc = read(scan_of_page(XIAN, 35, tmp_path / "p35.jpg", dpi=300))
    assert "scan_small_print_reread" in [w.code for t in doc.tables for w in t.warnings]
    assert len(calls) == 2 and calls[1] and not calls[0] & calls[1]


def test_small_print_left_unreadable_is_read_again_from_its_own_pixels(tmp_path: Path) -> None:
    """The 4 pt 三公 table at 200 dpi, unreadable on its first reading (``scan_print_unsure``), is read
    again from the page's own pixels (``extract.smallprint.read_small``): lines as wide as their
    cells keep the minus signs of its 增减 columns (read as 194,000.00 before), and a group heading
    garbled at the recogniser's limit takes the enlarged reading the header repair can name
    (一般么八模并就款女行的“三公”经费预算 before). Its amounts are then settled by its sums
    (tests/test_scan_small_sums.py)."""
    from bench.baselines import render_pages
    from extract.smallprint import SETTLED

    doc = read(render_pages(XIAN, [35], 200, tmp_path / "200")[0])
    table = next(t for t in doc.tables if "三公" in t.title)
    assert SETTLED in [w.code for w in table.warnings]
    texts = [c.text for c in table.cells]
    assert texts.count("-194,000.00") >= 2 and texts.count("-176,000.00") >= 2
    assert "一般公共预算拨款安排的“三公”经费预算" in [
        c.text for c in table.cells if c.row < table.header_rows
    ]
    cells = {(c.row, c.col): c for c in table.cells}
    items = [li for li in analyze(doc).line_items if li.table_seq == table.seq]
    assert items and all(li.status == "pending" or cells[(li.row, li.col)].doubt is None for li in items)


def test_faint_header_rules_of_small_print_keep_its_columns_apart(tmp_path: Path) -> None:
    """西安's 4 pt 三公 table at 200 dpi (the benchmark's degradations): the vertical rules between
    its lowest header cells (小计 | 因公出国（境）费用 | 公务接待费 | 公务用车…) are 1 px wide and grey
    in the header, lost by the ink there while the same rules are ink in the body below. Each rule
    is continued up through the header by its faint thin line (extract.ruling), so the three
    groups (上年, 当年, 增减变化情况) have the same header cells and the first group's headings stay
    in their own columns instead of merging into one cell over five."""
    from bench.baselines import render_pages

    doc = read(render_pages(XIAN, [35], 200, tmp_path)[0])
    table = next(t for t in doc.tables if "三公" in t.title)
    spans = sorted((c.row, c.col, c.rowspan, c.colspan) for c in table.cells if 2 <= c.row < 4)
    assert len(spans) == 3 * 7 and all(s[3] <= 3 for s in spans), spans
    width = 9  # columns under each of 上年, 当年, 增减变化情况
    groups = [
        [(r, c - g * width, rs, cs) for r, c, rs, cs in spans if g * width + 3 <= c < (g + 1) * width + 3]
        for g in range(3)
    ]
    assert groups[0] == groups[1] == groups[2], groups
    grid = table.grid()
    assert grid[2][3:7] == ["小计", "因公出国（境）费用", "公务接待费", "公务用车购置及运行维护费"]
    assert grid[3][6:9] == ["小计", "公务用车购置费", "公务用车运行维护费"]
