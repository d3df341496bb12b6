"""OCR engines behind one interface: both read Chinese text and amounts from a page image and
from batched crops; words carry boxes and 0..1 confidences."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.grid import Word
from extract.ocr import ENGINES, OcrError, correct, engine, split_at_gaps

FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


def _line(text: str, size: int = 30) -> np.ndarray:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, size)
    w = int(font.getlength(text)) + 40
    im = Image.new("L", (w, size + 30), 255)
    ImageDraw.Draw(im).text((20, 12), text, font=font, fill=0)
    return np.asarray(im)


@pytest.mark.parametrize("name", ENGINES)
def test_engine_reads_a_line(name: str) -> None:
    eng = engine(name)
    img = np.full((160, 900), 255, dtype=np.uint8)
    line = _line("一般公共预算拨款")
    img[20 : 20 + line.shape[0], 20 : 20 + line.shape[1]] = line
    amount = _line("1,704,000.00")
    img[100 : 100 + amount.shape[0], 500 : 500 + amount.shape[1]] = amount
    words = eng.page(img)
    text = "".join(w.text for w in sorted(words, key=lambda w: (w.cy > 90, w.box[0])))
    assert "一般公共预算拨款" in text.replace(" ", "")
    assert "1,704,000.00" in text.replace(" ", "")
    assert all(0.0 <= w.confidence <= 1.0 for w in words)
    amount_words = [w for w in words if "704" in w.text]
    assert amount_words and amount_words[0].box[0] > 450  # boxes are in the page's pixels


@pytest.mark.parametrize("name", ENGINES)
def test_engine_reads_crops_in_a_batch(name: str) -> None:
    got = engine(name).crops([_line("机关商品和服务支出"), _line("630,000.00"), _line("20805")])
    texts = [t.replace(" ", "") for t, _ in got]
    assert texts == ["机关商品和服务支出", "630,000.00", "20805"]
    assert all(0.0 < c <= 1.0 for _, c in got)


def test_unknown_engine() -> None:
    with pytest.raises(OcrError):
        engine("nonesuch")


def test_split_at_gaps() -> None:
    w = Word("208社会", (0, 0, 200, 20), 0.9, [(0, 8), (8, 16), (16, 24), (100, 120), (120, 140)])
    parts = split_at_gaps(w)
    assert [p.text for p in parts] == ["208", "社会"]
    assert parts[1].box[0] == 100 and parts[1].confidence == 0.9
    assert split_at_gaps(Word("abc", (0, 0, 30, 10))) == [Word("abc", (0, 0, 30, 10))]


@pytest.mark.parametrize(
    "read,want",
    [
        ("1,704.000.00", "1,704,000.00"),  # a comma read as a dot
        ("1 704,000.00", "1,704,000.00"),
        ("１,２３４．５６", "1,234.56"),  # full-width digits
        ("1704000.00", "1704000.00"),  # printed without separators: left alone
        ("1一般公共预算拨款", "1、一般公共预算拨款"),  # 、 dropped
        ("2,政府性基金拨款", "2、政府性基金拨款"),  # 、 read as a comma
        ("一,财政拨款", "一、财政拨款"),
        ("—般公共预算支出", "一般公共预算支出"),  # 一 read as a dash
        ("—、财政拨款", "一、财政拨款"),
        ("2025年一2027年", "2025年—2027年"),  # a dash read as 一
        ("—", "—"),
        ("12月", "12月"),
        ("1.保障全县医疗保障工作", "1.保障全县医疗保障工作"),
        ("2025年", "2025年"),
        ("20805", "20805"),
    ],
)
def test_correct(read: str, want: str) -> None:
    assert correct(read) == want


@given(st.text(max_size=40))
def test_correct_never_raises(text: str) -> None:
    assert isinstance(correct(text), str)
