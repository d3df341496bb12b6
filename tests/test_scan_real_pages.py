"""Pages of a real final account (../shared/real/) rendered at 200 dpi and mildly degraded as
samples/make_scans.py degrades them (0.8° rotation, 3×3 blur, JPEG 60), read as scans and
compared with the same pages' text layer: enumerators keep their first character (一、 and 二、
are thin strokes a crop cut at half the ink's darkness lost), codes come out whole; a dense
two-column table (p. 16: columns of codes and amounts stacked row under row) is read as it is, not
turned by 90°."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sample_files import REAL  # ../shared/real beside the project

from extract import read
from samples.make_scans import scan_of_page

FINAL = REAL / "上海市普陀区规划和自然资源局2024年度部门决算.pdf"
pytestmark = pytest.mark.skipif(not FINAL.is_file(), reason="the real final account is not here")

_ENUM = re.compile(r"^[一二三四五六七八九十]{1,3}、")
_CODE = re.compile(r"^\d{3,7}$")


def _texts(doc: object, page: int) -> list[str]:
    return [
        c.text
        for t in doc.tables  # type: ignore[attr-defined]
        for c in t.cells
        if c.text and (c.page if c.page is not None else t.page) == page
    ]


@pytest.mark.parametrize("page", [7, 10, 16])
def test_real_page_enumerators_and_codes(tmp_path: Path, page: int) -> None:
    born = read(FINAL)
    want = _texts(born, page)
    scan = read(scan_of_page(FINAL, page, tmp_path / f"p{page}.jpg"))
    assert not [w for w in scan.warnings if "turned" in w]  # the page is upright as rendered
    got = [c.text for t in scan.tables for c in t.cells if c.text]
    enums = [t for t in want if _ENUM.match(t)]
    codes = sorted(t for t in want if _CODE.match(t))
    assert enums or codes
    assert [t for t in got if _ENUM.match(t)] == enums
    assert not [t for t in got if re.match(r"^[、，,.]", t)]  # no enumerator lost its numeral
    assert sorted(t for t in got if _CODE.match(t)) == codes


def test_a_line_of_dashes_is_no_title() -> None:
    """A rule or specks over a continued table read as '—— —' (the final account's p. 13 at 150
    dpi) are no title: a title there kept the page from continuing the table before it."""
    from extract.pagetext import Line, describe

    lines = [Line("—— —", (100.0, 40.0, 300.0, 60.0)), Line("单位：万元", (500.0, 70.0, 600.0, 85.0))]
    around = describe((50.0, 100.0, 700.0, 900.0), lines)
    assert around.title == "" and around.unit == "万元"
    assert describe((50.0, 100.0, 700.0, 900.0), [Line("支出决算表", (100.0, 40.0, 300.0, 60.0))]).title


def _column(texts: list[str], confidence: float = 0.95) -> object:
    from extract.model import Cell, Table

    cells = [Cell(0, 0, "项目")] + [Cell(r, 0, t, confidence=confidence) for r, t in enumerate(texts, 1)]
    return Table(1, "支出表", cells, header_rows=1)


def test_enumerator_numeral_lost_is_restored_from_its_column() -> None:
    from extract.scancolumns import enumerator_numerals
    from extract.settings import TABLE_SETTINGS

    table = _column(
        [
            "、一般公共服务支出",
            "1、人大事务",
            "二、外交支出",
            "十九、住房保障支出",
            "十、粮油物资储备支出",
            "二十一、其他支出",
        ]
    )
    enumerator_numerals(table, TABLE_SETTINGS)  # type: ignore[arg-type]
    texts = [c.text for c in table.cells[1:]]  # type: ignore[attr-defined]
    assert texts[0] == "一、一般公共服务支出" and texts[4] == "二十、粮油物资储备支出"
    assert texts[1:4] == ["1、人大事务", "二、外交支出", "十九、住房保障支出"]
    assert all(c.confidence == 0.95 for c in table.cells[1:])  # type: ignore[attr-defined]  # the sequence confirms
    assert len(table.warnings) == 2  # type: ignore[attr-defined]
    # no enumerator below to confirm it: restored, but doubted
    lone = _column(["、部门预算", "1、财政拨款"])
    enumerator_numerals(lone, TABLE_SETTINGS)  # type: ignore[arg-type]
    assert lone.cells[1].text == "一、部门预算" and lone.cells[1].confidence < 0.8  # type: ignore[attr-defined]
    # out of sequence with nothing to say so, or printed (born-digital): left alone
    for texts, conf in ((["三、甲", "十、乙"], 0.95), (["、甲", "二、乙"], 1.0)):
        kept = _column(texts, conf)
        enumerator_numerals(kept, TABLE_SETTINGS)  # type: ignore[arg-type]
        assert [c.text for c in kept.cells[1:]] == texts  # type: ignore[attr-defined]
