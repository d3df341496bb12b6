"""OCR engines behind one interface: both read Chinese text and amounts from a page image and
from batched crops; words carry boxes and 0..1 confidences."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.ocr import (
    DET_MODEL,
    ENGINES,
    REC_MODEL,
    OcrError,
    _fit,
    _simplify_session,
    correct,
    engine,
    split_at_gaps,
    tight,
)
from extract.onnxgraph import simplify_model
from extract.words import Word

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
        ("196. 29", "196.29"),  # a space read after the point
        ("4,461. 67", "4,461.67"),
        ("１,２３４．５６", "1,234.56"),  # full-width digits
        ("1704000.00", "1704000.00"),  # printed without separators: left alone
        ("1一般公共预算拨款", "1、一般公共预算拨款"),  # 、 dropped
        ("2,政府性基金拨款", "2、政府性基金拨款"),  # 、 read as a comma
        ("一,财政拨款", "一、财政拨款"),
        ("—般公共预算支出", "一般公共预算支出"),  # 一 read as a dash
        ("—、财政拨款", "一、财政拨款"),
        ("般公共预算拨款安排的“三公”经费预算", "一般公共预算拨款安排的“三公”经费预算"),  # 一 lost
        ("1、般性转移支付", "1、一般性转移支付"),
        ("一般公共服务", "一般公共服务"),
        ("2025年一2027年", "2025年—2027年"),  # a dash read as 一
        ("—", "—"),
        ("12月", "12月"),
        ("1.保障全县医疗保障工作", "1.保障全县医疗保障工作"),
        ("2025年", "2025年"),
        ("20805", "20805"),
        ("水水", "**"),  # the ** of a column-number row, its asterisks read as 水
        ("*水", "**"),
        ("水*", "**"),
        ("水", "水"),  # one character: left as read
        ("水费", "水费"),
    ],
)
def test_correct(read: str, want: str) -> None:
    assert correct(read) == want


@given(st.text(max_size=40))
def test_correct_never_raises(text: str) -> None:
    assert isinstance(correct(text), str)


def _models() -> Path:
    import rapidocr_onnxruntime

    return Path(rapidocr_onnxruntime.__file__).parent / "models"


def _session(data: bytes | str) -> object:
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.log_severity_level = 4
    return ort.InferenceSession(data, opts, providers=["CPUExecutionProvider"])


def test_simplified_recognition_model_gives_the_same_scores() -> None:
    """The rewritten recognition graph (affine folded into convolutions, hard-swish as
    x·HardSigmoid(x), the affine after it as a batch norm) scores real text lines like the
    wheel's model: same best character at every step, probabilities equal to float rounding."""
    src = (_models() / REC_MODEL).read_bytes()
    data, count = simplify_model(src)
    assert count >= 50 and data != src
    lines = [tight(_line(t)) for t in ("一般公共预算拨款", "1,704,000.00", "（3）对个人和家庭的补助")]
    width = max(_fit(g, 48, 2000).shape[2] for g in lines)
    batch = np.zeros((len(lines), 3, 48, width), dtype=np.float32)
    for k, g in enumerate(lines):
        img = _fit(g, 48, width)
        batch[k, :, :, : img.shape[2]] = img
    old, new = _session(src), _session(data)
    name = old.get_inputs()[0].name  # type: ignore[attr-defined]
    a = old.run(None, {name: batch})[0]  # type: ignore[attr-defined]
    b = new.run(None, {name: batch})[0]  # type: ignore[attr-defined]
    assert a.shape == b.shape
    assert (a.argmax(-1) == b.argmax(-1)).all()
    assert np.abs(a - b).max() < 1e-3
    assert simplify_model(data) == (data, 0)  # nothing left to rewrite: the patterns do not over-match


def test_simplified_detection_model_gives_the_same_map() -> None:
    src = (_models() / DET_MODEL).read_bytes()
    data, count = simplify_model(src)
    assert count > 0
    page = np.full((96, 320), 255, dtype=np.uint8)
    line = _line("一般公共预算拨款", 24)
    page[20 : 20 + line.shape[0], 10 : 10 + line.shape[1]] = line[:, :310]
    x = np.broadcast_to(page.astype(np.float32) / 127.5 - 1.0, (1, 3, 96, 320)).copy()
    old, new = _session(src), _session(data)
    name = old.get_inputs()[0].name  # type: ignore[attr-defined]
    a = old.run(None, {name: x})[0]  # type: ignore[attr-defined]
    b = new.run(None, {name: x})[0]  # type: ignore[attr-defined]
    assert np.abs(a - b).max() < 1e-3


def test_rapidocr_engine_runs_the_simplified_models() -> None:
    eng = engine("rapidocr")
    assert eng.rewrites["rec"] > 0 and eng.rewrites["det"] > 0  # type: ignore[attr-defined]


class _Holder:
    def __init__(self, session: object) -> None:
        self.session = session


def test_a_model_that_does_not_match_keeps_its_session(tmp_path: Path) -> None:
    original = _session(str(_models() / REC_MODEL))
    holder = _Holder(original)
    assert _simplify_session(holder, tmp_path / "missing.onnx", (1, 3, 48, 96), 1) == 0
    junk = tmp_path / "junk.onnx"
    junk.write_bytes(b"not a model")
    assert _simplify_session(holder, junk, (1, 3, 48, 96), 1) == 0
    other = tmp_path / "other.onnx"  # a real model, but not the one the session runs
    other.write_bytes((_models() / DET_MODEL).read_bytes())
    assert _simplify_session(holder, other, (1, 3, 48, 96), 1) == 0
    assert holder.session is original
    assert _simplify_session(holder, _models() / REC_MODEL, (1, 3, 48, 96), 1) > 0
    assert holder.session is not original


@given(st.binary(max_size=200))
def test_simplify_model_never_returns_a_rewrite_of_junk(data: bytes) -> None:
    try:
        out, count = simplify_model(data)
    except Exception:  # noqa: BLE001 - undecodable bytes may raise; the engine then keeps its session
        return
    assert count == 0 and out == data
