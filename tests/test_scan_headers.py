"""Header cells of scans read right: misread headers repaired to the vocabulary's nearest label
with the evidence kept, a doubted header's items sent to review, and the vocabulary of header
labels holding every header the hand labels print."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from classify.analyze import analyze
from extract.model import Cell, Document, Table
from extract.scanheaders import repair_headers
from extract.vocabulary import HEADER_LABELS, nearest_header_label, truncated_label
from tests.reason_text import en

LABELS = Path(__file__).resolve().parent.parent / "samples" / "labels"


@pytest.mark.parametrize(
    ("raw", "label"),
    [
        ("基支出", "基本支出"),
        ("基太支出", "基本支出"),
        ("年收入合订", "本年收入合计"),
        ("财政拨款收", "财政拨款收入"),
        ("其他收", "其他收入"),
        ("基本支出", "基本支出"),
    ],
)
def test_misread_header_is_near_its_label(raw: str, label: str) -> None:
    found = nearest_header_label(raw)
    assert found is not None and found[0] == label
    assert (found[1] == 0) == (raw == label) and found[1] <= 2


@pytest.mark.parametrize("raw", ["支人", "2024年预算数", "2025年预算数", "一般公共预算财政拨款支出", "项日"])
def test_no_guess_where_no_label_is_clearly_nearest(raw: str) -> None:
    assert nearest_header_label(raw) is None


def test_every_labelled_header_is_in_the_vocabulary() -> None:
    found: set[str] = set()

    def walk(o: object, key: str = "") -> None:
        if isinstance(o, dict):
            for k, v in o.items():
                walk(v, k)
        elif isinstance(o, list):
            for v in o:
                walk(v, key)
        elif isinstance(o, str) and key in ("column", "columns", "leaf_headers"):
            found.update("".join(p.split()) for p in o.split("/"))

    for path in [*LABELS.glob("*.json"), *LABELS.glob("real_line_items/*.json")]:
        walk(json.loads(path.read_text("utf-8")))
    assert len(found) > 50
    # a header printing a year or a number (2026年预算数) is data, never a repair target
    words = {x for x in found if x and not any(ch.isdigit() for ch in x)}
    assert sorted(x for x in words if x not in HEADER_LABELS) == []


def _scanned(header: list[tuple[str, float]]) -> Table:
    """A scanned expense table: 科目编码 | 科目名称 | 合计 | header[0] | header[1]."""
    heads = [("科目编码", 0.99), ("科目名称", 0.99), ("合计", 0.99), *header]
    cells = [Cell(0, k, t, confidence=c) for k, (t, c) in enumerate(heads)]
    body = [
        ("201", "一般公共服务支出", "300.00", "200.00", "100.00"),
        ("20101", "人大事务", "300.00", "200.00", "100.00"),
        ("", "合计", "300.00", "200.00", "100.00"),
    ]
    for r, row in enumerate(body, 1):
        cells += [Cell(r, k, t, confidence=0.99) for k, t in enumerate(row)]
    return Table(seq=1, title="一般公共预算支出表", cells=cells, unit="万元", header_rows=1, confidence=0.99)


def test_repaired_header_keeps_the_evidence_and_its_items_auto() -> None:
    table = _scanned([("基支出", 0.93), ("项目支出", 0.99)])
    assert repair_headers(table) == 1
    cell = next(c for c in table.cells if (c.row, c.col) == (0, 3))
    assert cell.text == "基本支出" and 0.8 < cell.confidence < 0.93
    assert any("基支出" in en(w) and "基本支出" in en(w) and "1 edit" in en(w) for w in table.warnings), (
        table.warnings
    )
    doc = Document("t.png", "h", "image", tables=[table])
    records = [r for r in analyze(doc).line_items if r.column.startswith("基本支出")]
    assert records and all(r.status == "auto" for r in records), records


def test_doubted_header_makes_its_items_pending() -> None:
    table = _scanned([("基木攴屮", 0.55), ("项目支出", 0.99)])
    assert repair_headers(table) == 1
    assert any("基木攴屮" in en(w) and "review" in en(w) for w in table.warnings), table.warnings
    doc = Document("t.png", "h", "image", tables=[table])
    records = analyze(doc).line_items
    doubted = [r for r in records if r.column.startswith("基木攴屮")]
    assert doubted and all(r.status == "pending" for r in doubted), doubted
    assert any(r.status == "auto" for r in records if r.column.startswith("项目支出"))


def test_clear_reading_of_another_word_is_not_repaired() -> None:
    table = _scanned([("经费支出", 0.995), ("项目支出", 0.99)])  # 经营支出 is one character away
    assert repair_headers(table) == 1  # not repaired, but doubted (its items go to review)
    assert any(c.text == "经费支出" for c in table.cells)
    assert [w.code for w in table.warnings] == ["scan_header_near_doubted"]


def test_clear_header_near_a_label_but_not_repaired_makes_its_items_pending() -> None:
    """司法局's 收支总表 at 200 dpi: the header 财政拨款收入 read clearly as 财政发款收人 (two characters
    off) was not repaired — a character read as another without the recogniser's hesitation is no
    misreading on sight — and its items were auto-accepted under it; they go to review."""
    table = _scanned([("财政发款收人", 0.99), ("项目支出", 0.99)])
    assert repair_headers(table) == 1
    assert any(c.text == "财政发款收人" for c in table.cells)
    (w,) = table.warnings
    assert w.code == "scan_header_near_doubted" and w.args.get("label") == "财政拨款收入", w
    assert "review" in en(w)
    records = analyze(Document("t.png", "h", "image", tables=[table])).line_items
    doubted = [r for r in records if r.column.startswith("财政发款收人")]
    assert doubted and all(r.status == "pending" for r in doubted), doubted
    assert any(r.status == "auto" for r in records if r.column.startswith("项目支出"))


def test_clear_reading_two_characters_short_of_a_label_is_not_repaired() -> None:
    """人员支出 read clearly is printed so (烟台), not 人员经费支出 with two characters lost."""
    table = _scanned([("人员支出", 0.99), ("项目支出", 0.99)])
    assert repair_headers(table) == 0
    assert table.grid()[0][3] == "人员支出"
    hesitant = _scanned([("人员支出", 0.9), ("项目支出", 0.99)])
    assert repair_headers(hesitant) == 1 and hesitant.grid()[0][3] == "人员经费支出"


def test_speck_read_as_a_digit_after_a_label_is_repaired() -> None:
    """A speck or footnote mark after a header read as a digit (深圳's 支出总表 at 150 dpi:
    项目支出5) is the label; a year or a number inside a header stays data."""
    table = _scanned([("项目支出5", 0.97), ("基本支出", 0.99)])
    assert repair_headers(table) == 1
    cell = next(c for c in table.cells if (c.row, c.col) == (0, 3))
    assert cell.text == "项目支出"
    assert any("项目支出5" in w.render("zh") for w in table.warnings), table.warnings
    assert nearest_header_label("2025年预算数") is None
    assert nearest_header_label("5") is None


def test_short_header_one_character_from_a_label_is_doubted_however_clear() -> None:
    """泉州's 小计 read clearly as 小让 at 150 dpi: two characters are too few to repair, and too
    near a label to trust; its items go to review, the others stay auto."""
    table = _scanned([("小让", 0.97), ("项目支出", 0.99)])
    assert repair_headers(table) == 1
    assert any(w.args.get("raw") == "小让" and w.args.get("label") == "小计" for w in table.warnings), (
        table.warnings
    )
    records = analyze(Document("t.png", "h", "image", tables=[table])).line_items
    doubted = [r for r in records if r.column.startswith("小让")]
    assert doubted and all(r.status == "pending" for r in doubted), doubted
    assert any(r.status == "auto" for r in records if r.column.startswith("项目支出"))


@pytest.mark.parametrize(
    ("raw", "label"),
    [
        ("一般公共顶异波款女持的“三公”经费预算", "一般公共预算拨款安排的“三公”经费预算"),
        ("一般公八次并波款女排的“三公”经费预算", "一般公共预算拨款安排的“三公”经费预算"),
        ("公务用车购壹运行维护票", None),  # as near 公务用车运行维护费 as 公务用车购置及运行维护费
        ("八件实持的“三公”经费预算", None),  # too far from any label
        ("联成光化请优", None),  # too short to name by its likeness alone
        ("2025年一般公共预算拨款安排", None),  # a year is data
    ],
)
def test_garbled_long_heading_is_named_only_by_the_one_label_near_it(raw: str, label: str | None) -> None:
    from extract.settings import TABLE_SETTINGS as S
    from extract.vocabulary import far_header_label

    found = far_header_label(raw, S.header_far_ratio, S.header_far_min_chars)
    assert (found[0] if found else None) == label
    assert nearest_header_label(raw) is None  # beyond the repair on sight


def test_far_repair_names_the_column_and_keeps_its_items_pending() -> None:
    table = _scanned([("一般公共顶异波款女持的“三公”经费预算", 0.7), ("项目支出", 0.99)])
    assert repair_headers(table) == 1
    cell = next(c for c in table.cells if (c.row, c.col) == (0, 3))
    assert cell.text == "一般公共预算拨款安排的“三公”经费预算" and cell.confidence <= 0.6
    assert [w.code for w in table.warnings] == ["scan_header_repaired_doubted"]
    records = analyze(Document("t.png", "h", "image", tables=[table])).line_items
    under = [r for r in records if r.col == 3]
    assert under and all(r.status == "pending" for r in under), under
    assert all(r.column == "一般公共预算拨款安排的“三公”经费预算" for r in under)
    # read clearly, an unknown heading is left as printed: no repair without the recogniser's doubt
    clear = _scanned([("一般公共顶异波款女持的“三公”经费预算", 0.95), ("项目支出", 0.99)])
    repair_headers(clear)
    assert not [w for w in clear.warnings if w.code == "scan_header_repaired_doubted"]


def test_a_stroke_read_after_a_total_word_in_a_header_is_the_label() -> None:
    """万里街道's and 福利院's 三公 tables at 200 dpi: the header 合计 read 合计一 (a rule's stroke after
    the word, clearly read), too short for the header repair; the items were auto-accepted under
    合计一. The stroke is stripped, the raw reading kept in the table's warnings."""
    table = _scanned([("基本支出", 0.99), ("项目支出", 0.99)])
    cell = next(c for c in table.cells if (c.row, c.col) == (0, 2))
    cell.text = "合计一"
    assert repair_headers(table) == 1
    assert cell.text == "合计" and cell.confidence < 0.99
    assert any(w.code == "scan_header_total_stroke" and w.args.get("raw") == "合计一" for w in table.warnings)


def test_a_regions_own_label_read_clearly_is_not_doubted() -> None:
    """苏州's and 烟台's scans print labels of their own, a word more or fewer than the vocabulary's
    (本年一般公共预算基本支出, 经济科目, 政府性基金, 机关运行经费支出, 人员支出): read clearly, they are
    printed as read, neither repaired nor doubted — only a label of the same length with characters
    read as others (财政发款收人) is suspect."""
    from extract.settings import TABLE_SETTINGS as S
    from extract.vocabulary import near_header_label

    for label in (
        "本年一般公共预算基本支出",
        "经济科目",
        "政府性基金",
        "机关运行经费支出",
        "人员支出",
        "一般公共预算资金",
    ):
        assert near_header_label(label, S.header_near_ratio) is None, label
        table = _scanned([(label, 0.995), ("项目支出", 0.99)])
        assert repair_headers(table) == 0, label
        assert any(c.text == label for c in table.cells) and not table.warnings, label
    assert near_header_label("财政发款收人", S.header_near_ratio) == ("财政拨款收入", 2)


def _truncated_total(total: tuple[str, str, str]) -> Table:
    """科目编码 | 科目名称 | 合 | 基本支出 | 项目支出, the total column's figures ``total``."""
    heads = [("科目编码", 0.99), ("科目名称", 0.99), ("合", 0.997), ("基本支出", 0.99), ("项目支出", 0.99)]
    cells = [Cell(0, k, t, confidence=c) for k, (t, c) in enumerate(heads)]
    body = [("201", "一般公共服务支出"), ("20101", "人大事务"), ("", "合计")]
    for r, ((code, name), figure) in enumerate(zip(body, total, strict=True), 1):
        row = (code, name, figure, "200.00", "100.00")
        cells += [Cell(r, k, t, confidence=0.99) for k, t in enumerate(row)]
    return Table(seq=1, title="一般公共预算支出表", cells=cells, unit="万元", header_rows=1, confidence=0.99)


def test_a_total_word_read_as_one_of_its_characters_is_repaired_where_its_column_adds_up() -> None:
    """财政局's 功能分类 table at 200 dpi: its header 合计 read clearly as 合 (0.997), the 计 lost, and
    its items put under a column 合 no page prints. A column adding up as its row's total row by
    row is the total word holding the character read; one that does not stays doubted."""
    table = _truncated_total(("300.00", "300.00", "300.00"))
    assert repair_headers(table) == 1
    assert table.grid()[0][2] == "合计"
    (w,) = table.warnings
    assert w.code == "scan_header_truncated_repaired" and w.args["raw"] == "合" and w.args["label"] == "合计"
    records = analyze(Document("t.png", "h", "image", tables=[table])).line_items
    total = [r for r in records if r.column == "合计"]
    assert len(total) == 3 and all(r.status == "auto" for r in total), total

    other = _truncated_total(("310.00", "290.00", "300.00"))
    assert repair_headers(other) == 1
    assert other.grid()[0][2] == "合" and [w.code for w in other.warnings] == [
        "scan_header_truncated_doubted"
    ]
    records = analyze(Document("t.png", "h", "image", tables=[other])).line_items
    doubted = [r for r in records if r.column == "合"]
    assert doubted and all(r.status == "pending" for r in doubted), doubted


@pytest.mark.parametrize(
    ("raw", "label"), [("合", "合计"), ("总", "总计"), ("计", None), ("类", None), ("1", None)]
)
def test_one_character_of_a_label_of_two(raw: str, label: str | None) -> None:
    assert truncated_label(raw) == label


def test_a_regions_label_one_character_short_of_another_is_printed_as_read(tmp_path: Path) -> None:
    """长沙's 收支总体情况表 prints 项目 | 本年预算; read at 150 dpi with the recogniser a little unsure
    (the lower frame), it was "repaired" to 本年预算数 as if faint print had lost the 数, and every item
    was auto-accepted under a column the page does not print. 本年预算 is a label of its own."""
    from sample_files import REAL

    from bench.baselines import render_pages
    from extract import read

    pdf = REAL / "长沙职业教育基地综合协调办公室2026年部门预算.pdf"
    (path,) = render_pages(pdf, [12], 150, tmp_path)
    doc = read(path)
    heads = [c.text for t in doc.tables for c in t.cells if c.row < t.header_rows]
    assert heads.count("本年预算") == 2 and "本年预算数" not in heads, heads
    assert not [w for t in doc.tables for w in t.warnings if w.code == "scan_header_repaired"]
    assert nearest_header_label("本年预算") == ("本年预算", 0)
