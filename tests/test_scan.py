"""Scanned pages (degraded renders of the seeds, committed in samples/scans/): deskew, ruling-line
grid, OCR once per page, words → cells; bad images give a ReadError naming the file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract import read
from extract.blocks import merge_wrapped
from extract.continued import join_continued
from extract.ink import deskew_angle, ink_mask, rotate, text_boxes
from extract.model import Cell, ReadError, Table
from extract.ruling import find_grids, ruling_masks
from extract.settings import TABLE_SETTINGS
from extract.words import Word, text_lines
from samples.make_scans import cell_recall, missed_cells

SCANS = Path(__file__).resolve().parent.parent / "samples" / "scans"


def _gold(folder: Path) -> dict[str, object]:
    return json.loads(folder.with_name(folder.name + ".gold.json").read_text("utf-8"))


@pytest.mark.parametrize(
    "name", ["000-ruled-150dpi", "000-borderless-150dpi", "000-ruled-300dpi", "000-borderless-300dpi"]
)
def test_degraded_scan_cell_recall(name: str) -> None:
    folder = SCANS / name
    doc = read(folder)
    assert doc.format == "image-folder"
    assert [p.has_text_layer for p in doc.pages] == [False]
    found, total = cell_recall(doc.tables, _gold(folder))
    assert total > 60
    assert found / total >= 0.98, missed_cells(doc.tables, _gold(folder))
    t = doc.tables[0]
    assert t.unit == "元" and "一般公共预算支出明细表" in t.title
    assert all(c.bbox is not None for c in t.cells)
    assert all(0.0 <= c.confidence <= 1.0 for c in t.cells)
    assert min(c.confidence for c in t.cells if c.text) < 1.0  # OCR confidences are kept


def test_default_reading_runs_no_text_detector(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ruled cells and the text around them are cut from the ink and recognised in batches: the
    default engine's detector (a whole-page pass) is never run, and every cell keeps its score."""
    from extract.ocr import engine

    eng = engine("rapidocr")

    def no_detector(gray: np.ndarray) -> list[Word]:
        raise AssertionError("the text detector ran")

    batches: list[int] = []
    crops = eng.crops

    def counted(images: list[np.ndarray], line_crops: bool = False) -> list[tuple[str, float]]:
        batches.append(len(images))
        return crops(images, line_crops)

    monkeypatch.setattr(eng, "page", no_detector)
    monkeypatch.setattr(eng, "crops", counted)
    folder = SCANS / "000-ruled-150dpi"
    doc = read(folder, ocr="rapidocr")
    found, total = cell_recall(doc.tables, _gold(folder))
    assert found / total >= 0.98
    # the orientation vote reads a few lines (once or both ways up), then one call reads the page
    votes, page_batch = batches[:-1], batches[-1]
    assert 1 <= len(votes) <= 2 and sum(votes) <= 2 * TABLE_SETTINGS.orient_vote_lines
    assert page_batch > 60
    assert all(0.0 < c.confidence < 1.0 for t in doc.tables for c in t.cells if c.text)


def test_single_image_file_and_overlay(tmp_path: Path) -> None:
    from extract.overlay import write_overlays

    page = SCANS / "000-ruled-150dpi" / "page-001.jpg"
    doc = read(page)
    assert doc.format == "image" and len(doc.pages) == 1
    (t,) = doc.tables
    assert (t.n_rows, t.n_cols) == (16, 7)
    pngs = write_overlays(page, tmp_path / "ov", document=doc)
    assert len(pngs) == 1 and pngs[0].stat().st_size > 10_000


def test_deskew_and_grid_on_rotated_page() -> None:
    from PIL import Image

    gray = np.asarray(Image.open(SCANS / "000-ruled-150dpi" / "page-001.jpg").convert("L"))
    tilted = rotate(gray, 3.0)
    scale = 150 / 72
    angle = deskew_angle(ink_mask(tilted, scale))
    straight = rotate(tilted, angle)
    grids = find_grids(*ruling_masks(ink_mask(straight, scale), scale), scale)
    assert len(grids) == 1
    assert (grids[0].n_rows, grids[0].n_cols) == (16, 7)


def test_multipage_tiff_and_folder_order(tmp_path: Path) -> None:
    from PIL import Image

    pages = [Image.new("L", (300, 200), 255), Image.new("L", (300, 200), 255)]
    tif = tmp_path / "two.tif"
    pages[0].save(tif, save_all=True, append_images=pages[1:])
    doc = read(tif)
    assert doc.format == "image" and [p.number for p in doc.pages] == [1, 2]
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in (10, 2, 1):
        pages[0].save(folder / f"p{n}.png")
    from extract.images import folder_images

    assert [p.name for p in folder_images(folder)] == ["p1.png", "p2.png", "p10.png"]


@pytest.mark.parametrize(
    "name,data",
    [
        ("random.png", bytes(np.random.default_rng(1).integers(0, 256, 4000, dtype=np.uint8))),
        ("corrupt.png", b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x01" * 40),
        ("cut.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 100),
    ],
)
def test_bad_images_are_read_errors(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReadError) as err:
        read(path)
    assert str(path) in str(err.value)


def test_truncated_scan_is_a_read_error(tmp_path: Path) -> None:
    src = SCANS / "000-ruled-150dpi" / "page-001.jpg"
    path = tmp_path / "half.png"
    from PIL import Image

    Image.open(src).save(path)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])
    with pytest.raises(ReadError) as err:
        read(path)
    assert str(path) in str(err.value)


def test_decompression_bomb_is_refused(tmp_path: Path) -> None:
    from PIL import Image

    path = tmp_path / "bomb.png"
    Image.new("1", (12000, 11000), 1).save(path, optimize=True)
    assert path.stat().st_size < 2_000_000
    with pytest.raises(ReadError) as err:
        read(path)
    assert str(path) in str(err.value) and "limit" in str(err.value)


def test_folder_with_other_files_is_not_an_image_document(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(SCANS / "000-ruled-150dpi" / "page-001.jpg", folder / "page-001.jpg")
    (folder / "notes.txt").write_text("hello", "utf-8")
    with pytest.raises(ReadError):
        read(folder)


def test_xy_cut_finds_text_lines_and_columns() -> None:
    """Two rows of two phrases, one phrase wrapped over two lines, 二 standing alone (its strokes
    are not two lines), a speck: no detector needed."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 20)
    im = Image.new("L", (700, 260), 255)
    d = ImageDraw.Draw(im)
    d.text((20, 20), "社会保障和就业支出", font=font, fill=0)
    d.text((400, 20), "111,300.00", font=font, fill=0)
    d.text((20, 100), "行政事业单位", font=font, fill=0)
    d.text((20, 124), "养老支出", font=font, fill=0)
    d.text((400, 110), "二", font=font, fill=0)
    d.point((600, 200), fill=0)
    ink = ink_mask(np.asarray(im), 20 / 9)
    boxes = text_boxes(ink, 20.0)
    assert len(boxes) == 5, boxes
    lefts = sorted((round(b[1] / 10), round(b[0] / 10)) for b in boxes)
    assert [x for _, x in lefts] == [2, 40, 2, 40, 2] or len({x for _, x in lefts}) == 2


def _w(text: str, x0: float, y0: float, x1: float, y1: float) -> Word:
    return Word(text, (x0, y0, x1, y1))


def test_wrapped_rows_merge_by_the_tables_own_row_gap() -> None:
    """A wrapped name with its amount centred between the two lines is one row; rows stay apart."""
    words = [
        _w("20、住房保障支出", 0, 0, 100, 18),
        _w("82,000.00", 200, 0, 280, 18),
        _w("21、粮油物资储备支", 0, 55, 120, 73),
        _w("0.00", 240, 67, 280, 85),
        _w("出", 0, 77, 14, 95),
        _w("22、国有资本经营预", 0, 133, 120, 151),
        _w("0.00", 240, 145, 280, 163),
        _w("算支出", 0, 155, 50, 173),
    ]
    rows = merge_wrapped(text_lines(words), 18.0)
    assert [sorted(w.text for w in r) for r in rows] == [
        ["20、住房保障支出", "82,000.00"],
        ["0.00", "21、粮油物资储备支", "出"],
        ["0.00", "22、国有资本经营预", "算支出"],
    ]


def _table(page: int, title: str, rows: list[list[str]], x: list[float], header_rows: int = 1) -> Table:
    cells = [
        Cell(r, c, text, bbox=(x[c], 20.0 * r, x[c + 1] - 5, 20.0 * r + 15))
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
    ]
    return Table(seq=0, title=title, cells=cells, page=page, header_rows=header_rows)


def test_untitled_table_with_the_same_columns_continues_the_last_page() -> None:
    cols = [0.0, 100.0, 200.0, 300.0]
    first = _table(1, "支出表", [["科目", "金额", "备注"], ["工资", "1.00", ""], ["奖金", "2.00", "x"]], cols)
    rest = _table(2, "", [["津贴", "3.00", "y"], ["合计", "6.00", "z"]], cols, header_rows=0)
    other = _table(3, "", [["a", "1.00", "b"]], [0.0, 50.0, 260.0, 300.0], header_rows=0)
    (joined, alone) = join_continued([first, rest, other])
    assert joined.n_rows == 5 and alone.page == 3
    moved = [c for c in joined.cells if c.row >= 3]
    assert moved and all(c.page == 2 for c in moved)
    assert all(c.page is None for c in joined.cells if c.row < 3)


def test_ocr_enumerator_follows_its_column() -> None:
    from extract.scancolumns import enumerators_like_column

    texts = [
        "1、工资福利支出",
        "2、商品和服务支出",
        "3、对个人和家庭的补助",
        "8.对企业资本性支出",
        "1.保障全县工作",
    ]
    t = Table(seq=1, title="", cells=[Cell(r, 0, x, confidence=0.9) for r, x in enumerate(texts)])
    t.cells.append(Cell(0, 1, "1.保障全县工作", confidence=0.9))  # another column keeps its dots
    enumerators_like_column(t)
    assert [c.text for c in t.cells] == [
        "1、工资福利支出",
        "2、商品和服务支出",
        "3、对个人和家庭的补助",
        "8、对企业资本性支出",
        "1、保障全县工作",
        "1.保障全县工作",
    ]


def test_ocr_arabic_enumerators_keep_their_dots_under_chinese_ones() -> None:
    """A column numbering its headings 一、 and their parts 1. (万里's 收入总表) numbers each kind
    one way: the Chinese numerals' 、 are no vote on the Arabic numerals' dots."""
    from extract.scancolumns import enumerators_like_column

    texts = [
        "一、财政拨款收入",
        "1.一般公共预算资金",
        "2.政府性基金",
        "二、事业收入",
        "三、经营收入",
        "四、其他收入",
    ]
    t = Table(seq=1, title="", cells=[Cell(r, 0, x, confidence=0.9) for r, x in enumerate(texts)])
    enumerators_like_column(t)
    assert [c.text for c in t.cells] == texts


def test_ocr_amount_gets_its_columns_cents_back() -> None:
    from extract.scancolumns import cents_like_column

    texts = ["1,704,000.00", "111,300.00", "0.00", "1,510,700.0", "82,000.00"]
    t = Table(seq=1, title="", cells=[Cell(r, 0, x, confidence=0.9) for r, x in enumerate(texts)])
    cents_like_column(t)
    assert t.cells[3].text == "1,510,700.00" and t.cells[1].text == "111,300.00"


@given(st.sampled_from([3, 5, 7, 9]).flatmap(lambda n: st.text("0123456789", min_size=n, max_size=n)))
def test_a_code_printed_in_digits_ends_the_header_as_an_amount(code: str) -> None:
    """header_rows_of counts only amounts: every code shape (3/5/7/9 digits, spaced or not) is one."""
    from extract.grid import header_rows_of
    from extract.numbers import is_amount

    spaced = " ".join(code[i : i + 2] for i in range(0, len(code), 2))
    assert is_amount(code) and is_amount(spaced)
    assert header_rows_of([["项目", "科目编码"], [spaced, "名称"]]) == 1


def test_table_settings_are_frozen_and_reach_the_layout() -> None:
    import dataclasses

    from extract.blocks import merge_wrapped
    from extract.settings import TABLE_SETTINGS

    with pytest.raises(dataclasses.FrozenInstanceError):
        TABLE_SETTINGS.wrap_ratio = 3.0  # type: ignore[misc]
    # two lines 4 px apart and a third 20 px below: wrapped once at the defaults, never when the
    # two spacings must differ by more than the figures show
    words = [Word("一", (0, 0, 18, 18)), Word("二", (0, 22, 18, 40)), Word("三", (0, 60, 18, 78))]
    lines = text_lines(words)
    assert len(merge_wrapped(lines, 18.0)) == 2
    strict = dataclasses.replace(TABLE_SETTINGS, wrap_ratio=100.0)
    assert len(merge_wrapped(lines, 18.0, strict)) == 3
