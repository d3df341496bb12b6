"""Amount cells of scans read as amounts (extract.amountread): the recogniser's output decoded
again restricted to digits, separators and a minus sign where a column holds amounts, with a
confidence per character; a thousands separator is never read as a decimal point, and an amount
the recogniser doubts goes to review with a reason."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from sample_files import REAL  # ../shared/real beside the project

from bench.baselines import render_pages
from classify.analyze import analyze
from extract import read
from extract.amountread import (
    SEP,
    AmountClasses,
    AmountReading,
    amount_text,
    restrict_amounts,
    restricted_decode,
)
from extract.model import Cell, Document, Page, Table
from extract.ocr import engine
from samples.make_scans import scan_of_page

WELFARE = REAL / "上海市普陀区社会福利院2024年单位预算.pdf"  # 元, integers with thousands separators
FINAL = REAL / "上海市普陀区规划和自然资源局2024年度部门决算.pdf"  # 万元, two decimals
_NUMBER = re.compile(r"-?[\d,]+(?:\.\d+)?")


def _amounts(doc: Document, page: int | None = None) -> list[str]:
    return [
        c.text
        for t in doc.tables
        if page is None or t.page == page
        for c in t.cells
        if _NUMBER.fullmatch(c.text) and re.search(r"\d", c.text)
    ]


def _reading(chars: str, conf: float = 0.99) -> AmountReading:
    return AmountReading(chars.replace(",", SEP).replace(".", SEP), tuple([conf] * len(chars)))


# ---- a separator is never a decimal point


@pytest.mark.parametrize(
    ("chars", "decimals", "want"),
    [
        ("767.579", None, "767,579"),  # a thousands separator read as a point stays a thousands separator
        ("767.579", 0, "767,579"),
        ("767.579", 2, None),  # in a column of cents: not well formed, doubted (never 767.579)
        ("9.501.164", 0, "9,501,164"),
        ("6.964,796", None, "6,964,796"),
        ("1.234.567.89", 2, "1,234,567.89"),  # the last separator before two digits is the point
        ("4816,14", 2, "4816.14"),
        ("1,510,700.0", 2, "1,510,700.00"),  # a doubled 0 merged by CTC, in a column of cents
        ("12,121,14", 0, None),  # cents in a column of whole yuan: doubted
        ("12,34,567", None, None),  # a thousands group of two digits: no amount
        ("1.234", 3, "1.234"),  # three decimals only where the column prints three
        ("05", None, None),
        ("-0.50", 2, "-0.50"),
    ],
)
def test_separator_is_never_a_decimal_point(chars: str, decimals: int | None, want: str | None) -> None:
    assert amount_text(_reading(chars), decimals) == want


def _probs(steps: list[dict[int, float]], n_classes: int) -> np.ndarray:
    out = np.zeros((len(steps), n_classes), dtype=np.float32)
    for t, probs in enumerate(steps):
        rest = 1.0 - sum(probs.values())
        out[t, 0] = rest
        for k, p in probs.items():
            out[t, k] = p
    return out


def test_restricted_decoding_keeps_a_confidence_per_character() -> None:
    character = ["blank", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", ",", ".", "-", "万", " "]
    classes = AmountClasses.of(character)
    idx = {ch: i for i, ch in enumerate(character)}
    # 1 , 2 3 5 with the separator uncertain between ',' and '.', and 万 where the 5 might be
    steps = [
        {idx["1"]: 0.98},
        {},
        {idx["."]: 0.55, idx[","]: 0.4},
        {idx["2"]: 0.97},
        {idx["2"]: 0.9},  # a repeat merges, its best step kept
        {idx["3"]: 0.96},
        {idx["万"]: 0.8, idx["5"]: 0.15},
    ]
    got = restricted_decode(_probs(steps, len(character)), classes)
    assert got.chars == "1" + SEP + "235"
    assert got.confidences == pytest.approx((0.98, 0.95, 0.97, 0.96, 0.15), abs=1e-4)
    assert got.lost == pytest.approx(0.2, abs=1e-4)  # 万 seen with 0.8: something may be lost there
    assert got.confidence == pytest.approx(0.15, abs=1e-4)
    assert amount_text(got) == "1,235"  # a thousands separator, whichever dot the recogniser preferred


# ---- on real crops


@pytest.mark.skipif(not WELFARE.is_file(), reason="the real unit budget is not here")
def test_real_crops_restricted_readings_are_the_printed_amounts(tmp_path: Path) -> None:
    """Amount cells of a real page (rendered at 200 dpi and degraded as the samples are) cut out
    and recognised: each one's restricted reading is the printed amount, one confidence per
    character, thousands separators kept as separators."""
    import cv2

    born = read(WELFARE)
    cells = [
        c for t in born.tables if t.page == 7 for c in t.cells if "," in c.text and _NUMBER.fullmatch(c.text)
    ]
    assert len(cells) >= 10
    gray = cv2.imread(str(scan_of_page(WELFARE, 7, tmp_path / "p7.jpg")), cv2.IMREAD_GRAYSCALE)
    k = 200 / 72
    crops = [
        gray[int(c.bbox[1] * k) + 4 : int(c.bbox[3] * k) - 4, int(c.bbox[0] * k) + 4 : int(c.bbox[2] * k) - 4]
        for c in cells
    ]  # type: ignore[index]
    got = engine("rapidocr").crops(crops)
    readings = [r.amount for r in got]  # type: ignore[attr-defined]
    assert all(r is not None and len(r.confidences) == len(r.chars) for r in readings)
    right = [amount_text(r, 0) == c.text for r, c in zip(readings, cells, strict=True)]  # type: ignore[arg-type]
    assert sum(right) >= 0.9 * len(cells)
    # wrong or not, no reading of a whole-yuan column ever comes out with a decimal point
    assert not [amount_text(r, 0) for r in readings if "." in (amount_text(r, 0) or "")]  # type: ignore[arg-type]


@pytest.mark.skipif(not WELFARE.is_file(), reason="the real unit budget is not here")
@pytest.mark.parametrize("page", [8, 11])
def test_real_page_thousands_separators_at_150_dpi(tmp_path: Path, page: int) -> None:
    """At 150 dpi the recogniser reads some thousands separators of a whole-yuan table as points
    (767.579 for 767,579): read as amounts, every one comes out as printed."""
    want = Counter(_amounts(read(WELFARE), page))
    scan = read(scan_of_page(WELFARE, page, tmp_path / f"p{page}.jpg", dpi=150))
    got = Counter(_amounts(scan))
    assert len(want) > 20
    assert not [t for t in got if "." in t]  # no separator read as a decimal point
    assert sum((want & got).values()) >= 0.98 * sum(want.values())


@pytest.mark.skipif(not FINAL.is_file(), reason="the real final account is not here")
def test_real_page_cents_unchanged_and_no_doubt_of_clear_print(tmp_path: Path) -> None:
    want = Counter(_amounts(read(FINAL), 16))
    scan = read(scan_of_page(FINAL, 16, tmp_path / "p16.jpg"))
    got = Counter(_amounts(scan))
    assert sum((want & got).values()) >= 0.98 * sum(want.values())
    assert not [c for t in scan.tables for c in t.cells if c.doubt]


# ---- a doubt makes the record pending, with its reason


def _table(amounts: list[str]) -> Table:
    cells = [Cell(0, 0, "科目名称"), Cell(0, 1, "合计"), Cell(0, 2, "基本支出")]
    for r, a in enumerate(amounts, 1):
        cells += [
            Cell(r, 0, f"项目{r}", confidence=0.99),
            Cell(r, 1, a, confidence=0.99),
            Cell(r, 2, a, confidence=0.99),
        ]
    return Table(1, "支出决算表", cells, header_rows=1, unit="元", confidence=0.99)


def test_doubted_amount_makes_its_record_pending_with_a_reason() -> None:
    amounts = ["1,200.00", "3,400.00", "560.10", "78.00"]
    table = _table(amounts)
    readings = {(r, c): _reading(a) for r, a in enumerate(amounts, 1) for c in (1, 2)}
    shaky = _reading("3,400.00")
    readings[(2, 2)] = AmountReading(shaky.chars, (0.99, 0.31, *shaky.confidences[2:]))
    assert restrict_amounts(table, readings) == 1
    doubted = table.cell(2, 2)
    assert doubted is not None and doubted.doubt and doubted.confidence <= 0.5
    doc = Document("t.png", "h", "image", pages=[Page(1)], tables=[table])
    items = analyze(doc).line_items
    mine = [li for li in items if li.row == 2 and li.col == 2]
    assert mine and mine[0].status == "pending"
    assert any(r.code == "scan_amount_doubted" and r.args["confidence"] == 0.31 for r in mine[0].reason)
    assert [li for li in items if li.row == 1 and li.col == 1]  # the others are records as before


def test_misread_amount_is_read_again_as_an_amount() -> None:
    table = _table(["1,200.00", "3,4O0.00", "560.10", "78.00"])  # the recogniser's 'O' for a 0
    readings = {(r, 1): _reading(a) for r, a in enumerate(["1,200.00", "3,400.00", "560.10", "78.00"], 1)}
    restrict_amounts(table, readings)
    assert table.cell(2, 1).text == "3,400.00"  # type: ignore[union-attr]
    assert any(w.code == "scan_amount_restricted" and w.args["raw"] == "3,4O0.00" for w in table.warnings)


SHENZHEN = (
    REAL / "深圳市退役军人事务局2026年部门预算.pdf"
)  # 三公 (p. 36): three body rows, 万元, two decimals


@pytest.mark.skipif(not SHENZHEN.is_file(), reason="the real 深圳 budget is not here")
def test_archive_scan_of_a_short_table_auto_accepts_only_printed_amounts(tmp_path: Path) -> None:
    """深圳's 三公 table under --degrade harsh: its columns hold three amounts each, too few to tell
    an amount column by themselves, so 1.57 read without its point (157) and
    -1.00 read as '-1 00' were taken as printed, and 0.00 with a speck before it read '：0.00'; the
    speck after 公务用车购置及运行维护费 made a column of its own. The short columns print as the
    table's other amount columns (two decimals): those cells are doubted and their records pending;
    the header is the label with the speck's dot dropped."""
    from bench.bench_real import item_labels

    (path,) = render_pages(SHENZHEN, [36], 200, tmp_path, degradation="harsh")
    labels = item_labels(SHENZHEN.stem)
    assert labels is not None
    printed = {
        (it["name"], it["column"], Decimal(it["amount"]) * 10000)
        for t in labels["tables"]
        if t["pages"][0] == 36
        for it in t["items"]
    }
    items = analyze(read(path)).line_items
    auto = [(li.name, li.column, li.amount_yuan) for li in items if li.status == "auto"]
    assert len(auto) >= 40  # the clear amounts stay accepted
    assert [a for a in auto if a not in printed] == []
    pending = {(li.name, li.column): li for li in items if li.status == "pending"}
    assert any(  # 157 is well formed but prints no decimals where the table prints two
        r.code == "scan_amount_decimals" for r in pending["2025年", "因公出国(境)费/一般公共预算"].reason
    )


# ---- a point lost: the column's other amounts' decimals are the evidence


def _short_table(columns: list[list[str]]) -> Table:
    """A table of few rows: a name column and one amount column per list, each list its rows."""
    heads = ["支出总计", "基本支出", "项目支出"]
    cells = [Cell(0, 0, "科目名称")] + [Cell(0, k, heads[k - 1]) for k in range(1, len(columns) + 1)]
    for r in range(1, len(columns[0]) + 1):
        cells.append(Cell(r, 0, f"项目{r}", confidence=0.99))
        cells += [Cell(r, k, col[r - 1], confidence=0.99) for k, col in enumerate(columns, 1)]
    return Table(1, "政府性基金预算支出表", cells, header_rows=1, unit="万元", confidence=0.99)


def test_short_columns_print_as_the_long_ones_and_a_lost_point_is_doubted() -> None:
    """深圳's 政府性基金 table under --degrade harsh: four rows, its 支出总计 and 项目支出 columns 357.50
    throughout, half of them read 35750 (the faded point read as nothing, the recogniser's own text
    '357 50'); its 基本支出 column prints 0.00 in every row. The short columns were told their decimals
    from their own misreadings too (two of 357.50, two of 35750: no agreement) and took 35750 as
    printed; the long column's two decimals are theirs: 35750 is doubted (``scan_amount_decimals``),
    357.50 kept."""
    raw = ["357.50", "357 50", "357.50", "：35750"]
    table = _short_table([raw, ["0.00"] * 4, raw])
    readings = {}
    for r, text in enumerate(raw, 1):
        chars = "".join(ch for ch in text if ch.isdigit() or ch == ".")
        readings[(r, 1)] = readings[(r, 3)] = _reading(chars)
        readings[(r, 2)] = _reading("0.00")
    restrict_amounts(table, readings)
    got = {(c.row, c.col): (c.text, c.doubt.code if c.doubt else "") for c in table.cells if c.col in (1, 3)}
    for col in (1, 3):
        assert got[(1, col)] == ("357.50", "") and got[(3, col)] == ("357.50", "")
        assert got[(2, col)] == ("35750", "scan_amount_decimals")
        assert got[(4, col)] == ("35750", "scan_amount_decimals")
    doc = Document("t.png", "h", "image", pages=[Page(1)], tables=[table])
    auto = [li for li in analyze(doc).line_items if li.status == "auto"]
    assert auto and not [li for li in auto if li.amount_yuan == Decimal("357500000")]


def test_a_gap_read_as_nothing_is_doubted_where_the_column_tells_no_decimals() -> None:
    """The recogniser read '357 50' (a gap where a faded point is) and the restricted reading 35750:
    in a column whose amounts agree on no decimals the gap is the only evidence of the point, and the
    amount goes to review (``scan_amount_split``); a gap read as the separator is the amount."""
    amounts = ["1,200.00", "357 50", "560", "78.00", "3 4", "12"]
    table = _table(amounts)
    readings = {
        (r, c): _reading("".join(ch for ch in a if not ch.isspace()) if a != "3 4" else "3.4")
        for r, a in enumerate(amounts, 1)
        for c in (1, 2)
    }
    restrict_amounts(table, readings)
    cell = table.cell(2, 1)
    assert cell is not None and cell.doubt is not None and cell.doubt.code == "scan_amount_split"
    kept = table.cell(5, 1)
    assert kept is not None and kept.text == "3.4" and kept.doubt is None
