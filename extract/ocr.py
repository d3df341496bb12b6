"""OCR behind one interface, two engines: RapidOCR (default) and tesseract.

An engine reads a whole page (or a table region) once and returns ``Word`` boxes in the image's
pixels with 0..1 confidences; ``crops`` recognises a batch of cell images without detection
(ruled tables: one crop per cell, no text detection at all).

* ``rapidocr``: rapidocr-onnxruntime 1.4.x (PP-OCRv4 det + rec, models shipped in the wheel),
  one ONNX thread unless ``DIGITIZE_OCR_THREADS`` says otherwise. The wheel's det and rec graphs
  are simplified in memory when the engine is built (``simplify_model``: exact rewrites of
  paddle2onnx's element-wise chains that onnxruntime can then fuse into its convolutions; ~30%
  less recognition time, same scores); nothing is written to disk. ``DIGITIZE_OCR_SIMPLIFY=0``
  keeps the graphs as shipped. Text-line crops high enough are read in a lower frame than the
  recogniser's 48 px, the unsure readings again in the full one (``RapidEngine.crops``).
* ``tesseract``: pytesseract over Debian's tesseract-ocr with chi_sim (+eng).

Nothing is downloaded at run time. ``engine(name)`` builds an engine once per process.
"""

from __future__ import annotations

import functools
import math
import os
import re
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from extract.amountread import AmountClasses, AmountReading, restricted_decode
from extract.onnxgraph import simplify_model
from extract.settings import TABLE_SETTINGS
from extract.words import Word

ENGINES = ("rapidocr", "tesseract")
DEFAULT_ENGINE = "rapidocr"
REC_MODEL = "ch_PP-OCRv4_rec_infer.onnx"  # as shipped in rapidocr-onnxruntime 1.4's wheel
DET_MODEL = "ch_PP-OCRv4_det_infer.onnx"
REC_BATCH = 3  # crops per recognition batch (one thread: small batches of similar width are fastest)


class OcrError(RuntimeError):
    """The OCR engine is missing or failed."""


class Reading(tuple):
    """A crop's ``(text, confidence)`` as every engine returns it; a CTC recogniser's also carries
    the crop read again restricted to an amount's characters (``amount``, per-character
    confidences; ``extract.amountread``), for the cells of amount columns, and its least sure
    character (``low``: the character and the probability the recogniser gave it, its width
    variants counted as one: ／ and / are one reading), and the characters it weighed for the first
    character it read (``first``: ``first_candidates``), and the height of the frame it was read in
    (``frame``; 0: not a CTC recogniser's)."""

    amount: AmountReading | None
    low: tuple[str, float] | None
    first: tuple[tuple[str, float], ...]
    frame: int

    def __new__(
        cls,
        text: str,
        confidence: float,
        amount: AmountReading | None = None,
        low: tuple[str, float] | None = None,
        first: tuple[tuple[str, float], ...] = (),
        frame: int = 0,
    ) -> Reading:
        self = super().__new__(cls, (text, confidence))
        self.amount = amount
        self.low = low
        self.first = first
        self.frame = frame
        return self


class Engine(Protocol):
    name: str

    def page(self, gray: np.ndarray) -> list[Word]:
        """All words of an image (a page or a table region)."""
        ...

    def crops(self, images: list[np.ndarray], line_crops: bool = False) -> list[tuple[str, float]]:
        """Text and confidence of each image (one text line or cell each), batched; ``line_crops``:
        the caller cut each image to one text line (tight in height), not a whole cell."""
        ...


class CropReader(Protocol):
    """An engine's ``crops``: images recognised in batches (``line_crops``: text-line crops)."""

    def __call__(self, images: list[np.ndarray], line_crops: bool = False) -> list[tuple[str, float]]: ...


def default_engine() -> str:
    name = os.environ.get("DIGITIZE_OCR", DEFAULT_ENGINE).strip().lower() or DEFAULT_ENGINE
    return name if name in ENGINES else DEFAULT_ENGINE


def _threads() -> int:
    try:
        return max(1, int(os.environ.get("DIGITIZE_OCR_THREADS", "1")))
    except ValueError:
        return 1


class RapidEngine:
    name = "rapidocr"

    def __init__(
        self,
        threads: int = 1,
        fill: float = TABLE_SETTINGS.rec_line_fill,
        fill_min_px: int = TABLE_SETTINGS.rec_line_fill_min_px,
        low_fill: float = TABLE_SETTINGS.rec_low_fill,
        low_fill_min_px: int = TABLE_SETTINGS.rec_low_fill_min_px,
        small_frame: int = TABLE_SETTINGS.rec_small_frame_px,
        small_frame_min_px: int = TABLE_SETTINGS.rec_small_frame_min_px,
        recheck_below: float = TABLE_SETTINGS.rec_small_frame_recheck,
    ) -> None:
        self.fill = fill  # a text-line crop's share of the recogniser's frame (``crops(line_crops=True)``)
        self.fill_min_px = fill_min_px  # … for line crops at least this high
        self.low_fill = low_fill  # a lower line crop's share …
        self.low_fill_min_px = low_fill_min_px  # … for line crops at least this high
        self.small_frame = small_frame  # a lower frame for line crops …
        self.small_frame_min_px = small_frame_min_px  # … at least this high …
        self.recheck_below = recheck_below  # … read again in the full frame when a character is less sure
        try:
            import rapidocr_onnxruntime
            from rapidocr_onnxruntime import RapidOCR
        except ImportError as exc:  # pragma: no cover - a dependency of the project
            raise OcrError("rapidocr-onnxruntime is not installed") from exc
        self._ocr = RapidOCR(
            intra_op_num_threads=threads,
            inter_op_num_threads=1,
            max_side_len=4000,
            print_verbose=False,
        )
        models = Path(rapidocr_onnxruntime.__file__).parent / "models"
        sessions = {
            "rec": (self._ocr.text_rec.session, models / REC_MODEL, (1, 3, 48, 96)),
            "det": (getattr(self._ocr.text_det, "infer", None), models / DET_MODEL, (1, 3, 64, 96)),
        }
        character = list(self._ocr.text_rec.postprocess_op.character)
        self._amount_classes = AmountClasses.of(character)
        self._character = character
        self._variants = width_variants(character)
        simplify = os.environ.get("DIGITIZE_OCR_SIMPLIFY", "1").strip() != "0"  # 0: graphs as shipped
        self.rewrites = {  # graph rewrites in use per model (0: RapidOCR's own session kept)
            key: _simplify_session(holder, path, probe, threads) if simplify else 0
            for key, (holder, path, probe) in sessions.items()
        }

    def page(self, gray: np.ndarray) -> list[Word]:
        img = np.ascontiguousarray(np.stack([gray] * 3, axis=-1)) if gray.ndim == 2 else gray
        result, _ = self._ocr(img, use_cls=False, return_word_box=True)
        words: list[Word] = []
        for item in result or []:
            box, text, score = item[0], item[1], item[2]
            text = correct(str(text).strip())
            if not text:
                continue
            pts = np.asarray(box, dtype=np.float64)
            b = (
                float(pts[:, 0].min()),
                float(pts[:, 1].min()),
                float(pts[:, 0].max()),
                float(pts[:, 1].max()),
            )
            chars = _char_ranges(item[3] if len(item) > 3 else None, len(str(item[1])), b)
            if chars is not None and len(chars) != len(text):
                chars = None
            words.extend(split_at_gaps(Word(text, b, float(score), chars)))
        return words

    lines = True  # reads text-line crops well: pages are cut into lines without the detector

    def _plan(
        self, images: list[np.ndarray], line_crops: bool, full: bool = False
    ) -> tuple[list[np.ndarray], list[float], list[float], list[tuple[list[int], int, int]]]:
        """The crops cut to their ink, each one's share of the frame and width / height once fitted,
        and the batches (crop indices, padded width, frame height) they are recognised in; ``full``:
        every crop in the recogniser's own frame height."""
        height = int(self._ocr.text_rec.rec_image_shape[1])
        lines = [tight(g) if g.ndim == 2 else g for g in images]
        fills = [self.line_fill(g.shape[0]) if line_crops else 1.0 for g in lines]
        ratios = [f * max(g.shape[1], 1) / max(g.shape[0], 1) for f, g in zip(fills, lines, strict=True)]
        frames = [
            height if full or not line_crops else self.frame_height(g.shape[0], f, height)
            for g, f in zip(lines, fills, strict=True)
        ]
        batches = []
        for frame in sorted(set(frames)):
            order = sorted((k for k in range(len(lines)) if frames[k] == frame), key=lambda k: ratios[k])
            for start in range(0, len(order), REC_BATCH):
                idx = order[start : start + REC_BATCH]
                width = max(frame, int(np.ceil(frame * max(ratios[k] for k in idx) / 8.0)) * 8)
                batches.append((idx, width, frame))
        return lines, fills, ratios, batches

    def line_fill(self, h: int) -> float:
        """The share of the frame a text-line crop ``h`` px high (cut to its ink) is fitted to."""
        if h >= self.fill_min_px:
            return self.fill
        return self.low_fill if h >= self.low_fill_min_px else 1.0

    def frame_height(self, h: int, fill: float, height: int) -> int:
        """The frame a text-line crop ``h`` px high (cut to its ink; ``fill``: its share of the frame)
        is recognised in: ``small_frame`` when the crop is at least ``small_frame_min_px`` high (print
        big enough to read in the lower frame: fewer rows and columns to compute), else the
        recogniser's own ``height``."""
        small = self.small_frame
        return small if 0 < small < height and h >= self.small_frame_min_px else height

    def columns(self, images: list[np.ndarray], line_crops: bool = False) -> tuple[list[int], int]:
        """The input columns ``crops`` hands the recogniser for each image (its fitted width), and
        the padding columns of its batches (each batch is as wide as its widest member); a column
        of a lower frame counts as one."""
        lines, fills, _, batches = self._plan(images, line_crops)
        cols = [0] * len(lines)
        for idx, width, frame in batches:
            for k in idx:
                h, w = lines[k].shape[:2]
                cols[k] = _fitted_width(h, w, frame, width, fills[k])
        return cols, sum(len(idx) * width for idx, width, _ in batches) - sum(cols)

    def crops(self, images: list[np.ndarray], line_crops: bool = False) -> list[tuple[str, float]]:
        """Text-line images recognised in batches of similar width. Unlike RapidOCR's own batching,
        a batch is padded only to its widest member (not to 320 px): table cells are short, and
        the padding used to be most of the work. ``line_crops``: each image is one text line cut by
        the caller (tight in height, not a whole cell): one at least ``fill_min_px`` high is scaled
        to ``fill`` of the 48-px frame (padded with its paper), fewer columns for the same line; a
        lower one (a line of digits, no CJK glyph in it) from ``low_fill_min_px`` to ``low_fill``.
        A line crop at least ``small_frame_min_px`` high is read in the lower ``small_frame``
        (``frame_height``) and read again in the full frame when it reads as nothing or a
        character of it is below ``recheck_below`` (the lower frame's doubts are the full frame's
        to settle)."""
        if not images:
            return []
        out = self._read(images, line_crops)
        height = int(self._ocr.text_rec.rec_image_shape[1])
        again = [k for k, r in enumerate(out) if r.frame < height and _unsure(r, self.recheck_below)]
        if again:
            for k, r in zip(again, self._read([images[k] for k in again], line_crops, True), strict=True):
                out[k] = r
        return list(out)

    def _read(self, images: list[np.ndarray], line_crops: bool, full: bool = False) -> list[Reading]:
        """``crops``' readings of one pass (``full``: every crop in the full frame)."""
        rec = self._ocr.text_rec
        lines, fills, ratios, batches = self._plan(images, line_crops, full)
        out: list[Reading] = [Reading("", 0.0)] * len(lines)
        for idx, width, frame in batches:
            batch = np.zeros((len(idx), 3, frame, width), dtype=np.float32)
            for j, k in enumerate(idx):
                _fit_into(batch[j], lines[k], frame, width, fills[k])
            probs = rec.session(batch)[0]
            tops = probs.argmax(axis=2)  # the greedy path of every crop, once for every reading
            for j, (k, (text, score)) in enumerate(
                zip(idx, ctc_greedy(probs, tops, self._character), strict=True)
            ):
                steps = max(1, int(np.ceil(probs.shape[1] * min(1.0, ratios[k] * frame / width))))
                own, top = probs[j, :steps], tops[j, :steps]
                amount = restricted_decode(own, self._amount_classes, top)
                low = least_sure(own, self._character, self._variants, top)
                first = first_candidates(own, self._character, self._variants, top=top)
                out[k] = Reading(correct(text.strip()), score, amount, low, first, frame)
        return out


def _unsure(reading: Reading, below: float) -> bool:
    """A reading of nothing, or one whose confidence or least sure character is below ``below``."""
    return not reading[0] or reading[1] < below or reading.low is None or reading.low[1] < below


def ctc_greedy(probs: np.ndarray, tops: np.ndarray, character: list[str]) -> list[tuple[str, float]]:
    """Each crop's greedy CTC reading of a batch (``probs``: crops × time steps × classes, index 0
    the blank; ``tops``: its ``argmax(axis=2)``) over all its steps, as RapidOCR's
    ``CTCLabelDecode`` reads it (repeats merged, blanks dropped; the confidence the mean of the
    read steps' best probabilities, 0 when nothing was read), from the batch's one argmax."""
    best = np.take_along_axis(probs, tops[:, :, None], axis=2)[:, :, 0]
    keep = tops != 0
    keep[:, 1:] &= tops[:, 1:] != tops[:, :-1]
    out = []
    for row, sel, p in zip(tops, keep, best, strict=True):
        confs = p[sel].tolist()
        text = "".join(character[c] for c in row[sel].tolist())
        out.append((text, float(np.mean(confs or [0]))))
    return out


def width_variants(character: list[str]) -> dict[int, list[int]]:
    """Class index → the indices of the classes that are the same character in another width
    (／ and /, ％ and %: one under NFKC), for the classes that have any."""
    import unicodedata

    groups: dict[str, list[int]] = {}
    for i, ch in enumerate(character):
        if i and ch.strip():
            groups.setdefault(unicodedata.normalize("NFKC", ch), []).append(i)
    return {i: g for g in groups.values() if len(g) > 1 for i in g}


def least_sure(
    probs: np.ndarray,
    character: list[str],
    variants: dict[int, list[int]],
    top: np.ndarray | None = None,
) -> tuple[str, float] | None:
    """The character of a greedy CTC reading (``probs``: time steps × classes, index 0 the blank)
    the recogniser was least sure of, and its probability (a repeated step's best; the
    probabilities of its width variants added); None when nothing was read. ``top``: the
    reading's best class per step when the caller has it (``probs.argmax(axis=1)``)."""
    if probs.ndim != 2 or probs.shape[0] == 0:
        return None
    top = probs.argmax(axis=1) if top is None else top
    p = probs[np.arange(top.size), top]
    for t in [t for t, k in enumerate(top.tolist()) if k in variants]:
        p[t] = probs[t, variants[top[t]]].sum()
    # the runs of one class (a blank between two of them parts them): one character each
    starts = np.flatnonzero(np.diff(top, prepend=0) != 0)
    best = np.maximum.reduceat(p, starts) if starts.size else p[:0]
    low: tuple[str, float] | None = None
    for k, b in zip(top[starts].tolist(), best.tolist(), strict=True):
        if k and character[k].strip() and (low is None or b < low[1]):
            low = (character[k], round(b, 4))
    return low


def first_candidates(
    probs: np.ndarray,
    character: list[str],
    variants: dict[int, list[int]],
    k: int = 4,
    top: np.ndarray | None = None,
) -> tuple[tuple[str, float], ...]:
    """The ``k`` characters a greedy CTC reading (``probs``: time steps × classes, index 0 the
    blank) weighed most for the first character it read, best first: each one's best probability
    over the steps of that character (its width variants added, named in their NFKC form: ＞ and >
    are one candidate); () when nothing was read. ``top``: as ``least_sure``'s."""
    import unicodedata

    if probs.ndim != 2 or probs.shape[0] == 0:
        return ()
    top = probs.argmax(axis=1) if top is None else top
    start = next((t for t, c in enumerate(top.tolist()) if c and character[c].strip()), None)
    if start is None:
        return ()
    end = start
    while end + 1 < len(top) and top[end + 1] == top[start]:
        end += 1
    run = probs[start : end + 1]
    peak = run.max(axis=0)  # a class's best probability over the run (its own, width variants apart)
    out: dict[str, float] = {}
    for i in _best_classes(peak, 2 * k + 1):
        key = unicodedata.normalize("NFKC", character[i]) if i else ""
        if key.strip() and key not in out:
            p = run[:, variants[i]].sum(axis=1).max() if i in variants else peak[i]
            out[key] = round(float(p), 4)
    return tuple(sorted(out.items(), key=lambda kv: -kv[1])[:k])


def _best_classes(scores: np.ndarray, n: int) -> list[int]:
    """The indices of the ``n`` highest ``scores``, highest first, as ``np.argsort(-scores)[:n]``
    gives them: from a partial selection when the ``n`` + 1 highest are distinct (their order is
    then the only one), else from the full sort (the order of ties is the sort's)."""
    if scores.size <= n + 1:
        return np.argsort(-scores)[:n].tolist()
    neg = -scores
    part = np.argpartition(neg, n)[: n + 1]
    part = part[np.argsort(neg[part])]
    if np.any(np.diff(neg[part]) == 0):
        return np.argsort(neg)[:n].tolist()
    return part[:n].tolist()


def _fitted_width(h: int, w: int, height: int, width: int, fill: float) -> int:
    """The columns an ``h`` × ``w`` crop takes once fitted to ``fill`` of a ``height``-px frame
    (at most ``width``)."""
    inner = max(1, min(height, int(round(height * fill))))
    return max(1, min(width, int(np.ceil(inner * w / max(h, 1)))))


def _fit(gray: np.ndarray, height: int, width: int, fill: float = 1.0) -> np.ndarray:
    """A line image resized to ``fill`` × ``height`` (at most ``width`` wide) and centred in a
    ``height``-px frame padded with its paper, as 3×H×W floats in -1..1."""
    h, w = gray.shape[:2]
    out = np.zeros((3, height, _fitted_width(h, w, height, width, fill)), dtype=np.float32)
    _fit_into(out, gray, height, width, fill)
    return out


def _fit_into(frame: np.ndarray, gray: np.ndarray, height: int, width: int, fill: float = 1.0) -> int:
    """``_fit``'s image written into the left of ``frame`` (3 × ``height`` × at least its width, a
    batch's slot); its width."""
    import cv2

    h, w = gray.shape[:2]
    inner = max(1, min(height, int(round(height * fill))))
    new_w = _fitted_width(h, w, height, width, fill)
    img = cv2.resize(gray, (new_w, inner)).astype(np.float32) / 127.5 - 1.0
    top = (height - inner) // 2 if inner < height else 0
    channels = frame[:, :, :new_w]
    if img.ndim == 2:
        channels[0, top : top + inner] = img
    else:
        channels[:, top : top + inner] = img.transpose(2, 0, 1)
    if inner < height:  # the frame's rows above and below the line: its paper
        paper = percentile90(img) if img.size else 1.0
        channels[: 1 if img.ndim == 2 else 3, :top] = paper
        channels[: 1 if img.ndim == 2 else 3, top + inner :] = paper
    if img.ndim == 2:
        channels[1:] = channels[0]
    return new_w


_FULL_WIDTH = str.maketrans("０１２３４５６７８９，．％", "0123456789,.%")
_AMOUNT_LIKE = re.compile(r"^-?[\d][\d,.，．\s]*\d$")
_ENUM_DIGIT = re.compile(r"^(\d{1,2})[,，·`'\s]?(?=[\u4e00-\u9fff])")
_ENUM_HAN = re.compile(r"^([一二三四五六七八九十]{1,3})[,，·`'](?=[\u4e00-\u9fff(（])")
_QUANTITY = set("年月日号个人万元次项期家所份台辆件名岁天时分秒倍级类款亿千百批座套")
_HAN = "\u4e00-\u9fff"
_STARS = frozenset("*＊水")  # an asterisk and what the recogniser reads it as


def correct(text: str) -> str:
    """Domain fixes for OCR of budget tables: full-width digits folded; amounts put back in the
    printed 1,234.56 pattern (a space read beside the point dropped: 196. 29); the 、 after an
    enumerator (1、 一、) restored where OCR dropped it or read it as a comma or dot; 一 and — told
    apart by their neighbours; a 一 lost before 般 restored; the ** a column-number row prints under
    its label columns (** ** 1 2 3) read with 水 for an asterisk (水水, 水*) restored."""
    t = text.translate(_FULL_WIDTH)
    if len(t) >= 2 and set(t) <= _STARS and "水" in t:  # no word is written 水水 or 水*
        return "*" * len(t)
    if re.fullmatch(
        r"-\d{1,3}[、`']\d{1,2}", t
    ):  # a signed amount: its point read as 、 (no enumerator is signed)
        t = re.sub(r"[、`']", ".", t)
    if (
        _AMOUNT_LIKE.match(t)
        and re.search(r"[.,]\s?\d{2}$", t)
        and (t.count(".") > 1 or re.search(r"[,\s]", t))
    ):
        neg = t.startswith("-")
        digits = re.sub(r"\D", "", t)
        if len(digits) >= 3:
            whole, cents = digits[:-2].lstrip("0") or "0", digits[-2:]
            return ("-" if neg else "") + f"{int(whole):,}.{cents}"
    m = _ENUM_DIGIT.match(t)
    if m and t[m.end()] not in _QUANTITY and not re.match(r"^\d{1,2}、", t):
        t = m.group(1) + "、" + t[m.end() :]
    m = _ENUM_HAN.match(t)
    if m:
        t = m.group(1) + "、" + t[m.end() :]
    # 一 read as a dash: a dash touching a CJK character (and no digit) is 一
    t = re.sub(rf"(?<=[{_HAN}])[—－―-](?=[{_HAN}、])|^[—－―-](?=[{_HAN}、])", "一", t)
    t = re.sub(rf"(?<=[{_HAN}])[—－―-]$", "一", t) if len(t) <= 4 else t
    # 一 lost: a single thin stroke at the start of a line is what OCR (and ruling removal) drops
    # first, and 般 does not begin a word of its own (一般公共预算, 一般性转移支付)
    t = re.sub(rf"(^|[^{_HAN}])般(?=[{_HAN}])", r"\1一般", t)
    # a dash read as 一 between years or numbers: 2025年一2027年
    t = re.sub(r"(?<=[\d年])一(?=\d)", "—", t)
    return t


def percentile90(a: np.ndarray) -> float:
    """``float(np.percentile(a, 90))`` of a non-empty array, computed as numpy computes it (its
    'linear' method: the two order statistics around (n - 1) × 0.9, interpolated by numpy's own
    formula), without its general machinery: a third of the time on a crop (a crop's paper, twice
    per crop recognised; bit for bit the same value)."""
    n = a.size
    q = np.true_divide(90, 100)
    v = (n - 1) * q
    if v >= n - 1:
        return float(a.max())
    i = math.floor(v)
    gamma = float(v - np.floor(v))
    part = np.partition(a, (i, i + 1), axis=None)
    lo, hi = part[i : i + 1], part[i + 1 : i + 2]
    diff = hi - lo
    out = np.add(lo, diff * gamma)
    np.subtract(hi, diff * (1 - gamma), out=out, where=gamma >= 0.5, casting="unsafe", dtype=type(out.dtype))
    return float(out[0])


def tight(gray: np.ndarray, margin: float = 0.12) -> np.ndarray:
    """A text-line image cut to its ink, with a margin of ``margin`` × the ink height. Ink is what
    is darker than halfway between the crop's darkest pixel and its paper, so faint print (grey
    figures, a light minus sign) is kept whole."""
    paper = percentile90(gray) if gray.size else 255.0
    ink = (
        gray < min(128.0, paper - 16.0)
        if gray.size == 0
        else gray < max(min(128.0, paper - 16.0), (float(gray.min()) + paper) / 2)
    )
    rows = np.flatnonzero(ink.any(axis=1))
    if rows.size == 0:
        return gray
    # the line's ends by a lighter cut: a thin stroke blurred to pale grey (一, 二, a minus sign) is
    # lighter than halfway, and a first character cut off is read as nothing (、一般… for 一、一般…)
    pale = gray[rows[0] : rows[-1] + 1] < paper - max(16.0, (paper - float(gray.min())) / 4)
    cols = np.flatnonzero(pale.any(axis=0) | ink.any(axis=0))
    m = max(2, int((rows[-1] - rows[0] + 1) * margin))
    y0, y1 = max(0, rows[0] - m), min(gray.shape[0], rows[-1] + m + 1)
    x0, x1 = max(0, cols[0] - m), min(gray.shape[1], cols[-1] + m + 1)
    return gray[y0:y1, x0:x1]


def split_at_gaps(word: Word, factor: float = 0.9) -> list[Word]:
    """A detected text line cut where two characters lie further apart than ``factor`` × its height
    (the detector joins neighbouring cells of borderless tables into one line)."""
    if not word.chars or len(word.chars) != len(word.text):
        return [word]
    h = max(1.0, word.height)
    out: list[Word] = []
    start = 0
    for k in range(1, len(word.chars) + 1):
        if k == len(word.chars) or word.chars[k][0] - word.chars[k - 1][1] > factor * h:
            chars = word.chars[start:k]
            text = word.text[start:k].strip()
            if text:
                box = (chars[0][0], word.box[1], chars[-1][1], word.box[3])
                out.append(Word(text, box, word.confidence, chars if len(text) == len(chars) else None))
            start = k
    return out or [word]


def _char_ranges(
    word_boxes: object, n: int, box: tuple[float, float, float, float]
) -> list[tuple[float, float]] | None:
    """Per-character x ranges from RapidOCR's word boxes (one box per character for CJK)."""
    if not word_boxes or not isinstance(word_boxes, list | tuple):
        return None
    out: list[tuple[float, float]] = []
    for wb in word_boxes:
        pts = np.asarray(wb, dtype=np.float64).reshape(-1, 2)
        out.append((float(pts[:, 0].min()), float(pts[:, 0].max())))
    return out if len(out) == n else None


class TesseractEngine:
    name = "tesseract"

    def __init__(self, lang: str = "chi_sim+eng", threads: int = 1) -> None:
        try:
            import pytesseract
        except ImportError as exc:  # pragma: no cover
            raise OcrError("pytesseract is not installed") from exc
        self._tess = pytesseract
        self.lang = lang
        os.environ.setdefault("OMP_THREAD_LIMIT", str(threads))
        try:
            langs = set(pytesseract.get_languages(config=""))
        except Exception as exc:  # tesseract binary missing
            raise OcrError(f"tesseract is not available ({exc}); apt-get install tesseract-ocr") from exc
        missing = [code for code in lang.split("+") if code not in langs]
        if missing:
            raise OcrError(
                f"tesseract language data missing: {', '.join(missing)} (apt-get install tesseract-ocr-chi-sim)"
            )

    def page(self, gray: np.ndarray) -> list[Word]:
        data = self._tess.image_to_data(
            gray,
            lang=self.lang,
            config="--psm 11 -c preserve_interword_spaces=1",
            output_type=self._tess.Output.DICT,
        )
        words: list[Word] = []
        for text, conf, x, y, w, h in zip(
            data["text"], data["conf"], data["left"], data["top"], data["width"], data["height"], strict=False
        ):
            text = str(text).strip()
            c = float(conf)
            if not text or c < 0:
                continue
            words.append(Word(text, (float(x), float(y), float(x + w), float(y + h)), c / 100.0))
        return words

    def crops(self, images: list[np.ndarray], line_crops: bool = False) -> list[tuple[str, float]]:
        out: list[tuple[str, float]] = []
        for img in images:
            data = self._tess.image_to_data(
                img, lang=self.lang, config="--psm 7", output_type=self._tess.Output.DICT
            )
            parts = [
                (str(t).strip(), float(c))
                for t, c in zip(data["text"], data["conf"], strict=False)
                if str(t).strip()
            ]
            text = "".join(t for t, _ in parts)
            conf = min((c for _, c in parts), default=0.0) / 100.0
            out.append((text, conf))
        return out


def _simplify_session(holder: Any, path: Path, probe_shape: tuple[int, ...], threads: int) -> int:
    """RapidOCR's ONNX session (``holder.session``, loaded from ``path``) swapped for one over the
    simplified model when the rewrite applies and the two agree on a probe input; the number of
    rewrites in use (0: RapidOCR's own session is kept)."""
    import onnxruntime as ort

    old = getattr(holder, "session", None)
    if old is None or not path.is_file():
        return 0
    try:
        data, count = simplify_model(path.read_bytes())
        if not count:
            return 0
        opts = ort.SessionOptions()
        opts.log_severity_level = 4
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        new = ort.InferenceSession(data, opts, providers=["CPUExecutionProvider"])
        name = old.get_inputs()[0].name
        if new.get_inputs()[0].name != name:
            return 0
        probe = np.linspace(-1.0, 1.0, int(np.prod(probe_shape)), dtype=np.float32).reshape(probe_shape)
        a, b = old.run(None, {name: probe})[0], new.run(None, {name: probe})[0]
        if a.shape != b.shape or not np.allclose(a, b, rtol=1e-3, atol=1e-4):
            return 0
    except Exception:  # any failure (an unexpected model, an old onnxruntime) keeps RapidOCR's session
        return 0
    holder.session = new
    return count


@functools.cache
def engine(name: str = "", threads: int = 0) -> Engine:
    """The engine called ``name`` ('' = the default: ``DIGITIZE_OCR`` or rapidocr), built once per process."""
    name = (name or default_engine()).lower()
    threads = threads or _threads()
    if name == "rapidocr":
        return RapidEngine(threads)
    if name == "tesseract":
        return TesseractEngine(threads=threads)
    raise OcrError(f"unknown OCR engine {name!r} (choose from {', '.join(ENGINES)})")
