"""Which way up a scanned page is: turned by 0°, 90°, 180° or 270°, decided from the page itself.

Two votes. The ink says whether text lines run across the page or along it: with the ruling
lines taken out, smearing the ink along the direction of its text lines joins each line into one
long blob, smearing it the other way joins far less (lines are further apart than characters).
That leaves 0° against 180° (or 90° against 270°), which the ink cannot tell for CJK print: a few
of the widest text lines (their first ``orient_vote_chars`` characters, read as text-line crops:
``extract.ocr.RapidEngine.crops(line_crops=True)``) are recognised both ways up and the way read
with the higher confidence wins; a line read as one character repeated (费费费费: a column of stacked cells read across) counts
as read not at all.
"""

from __future__ import annotations

import numpy as np

from extract.components import components
from extract.ocr import CropReader
from extract.settings import TABLE_SETTINGS, TableSettings

Crops = CropReader  # a vote line is a text line cut tight by the ink's smear: read as a line crop
TURNS = (0, 90, 180, 270)  # clockwise degrees that make the page upright


def turn(img: np.ndarray, degrees: int) -> np.ndarray:
    """``img`` turned clockwise by ``degrees`` (a multiple of 90)."""
    k = (degrees // 90) % 4
    return np.ascontiguousarray(np.rot90(img, -k)) if k else img


def _text_ink(gray: np.ndarray, settings: TableSettings) -> tuple[np.ndarray, float, np.ndarray]:
    """The page reduced to ``orient_work_px``: its text ink (ruling lines removed), the character
    size in the reduced pixels and the ruling lines taken out (grown by a pixel)."""
    import cv2

    f = min(1.0, settings.orient_work_px / max(gray.shape))
    small = cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1.0 else gray
    ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    long_h = max(15, small.shape[1] // 25)
    long_v = max(15, small.shape[0] // 25)
    rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, long_h), np.uint8)) | cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, np.ones((long_v, 1), np.uint8)
    )
    rules = cv2.dilate(rules, np.ones((3, 3), np.uint8))
    ink = ink & ~rules
    found = components(ink)
    labels, stats = found.labels, found.stats
    w, h = stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]
    size = np.maximum(w, h)
    # a skewed rule's pieces, left by the opening (a line a pixel or two thick climbing a pixel
    # every few dozen): no characters, neither for the size nor for the smear
    thick = np.minimum(w, h)
    run = _character_runs(w, h, stats[1:, cv2.CC_STAT_AREA], settings)
    piece = (size >= settings.orient_rule_piece_ratio * np.maximum(1, thick)) & ~run
    # a run of characters joined at the work scale is as high as its characters (as wide, turned)
    size = np.where(run, thick, size)
    keep = size[(size >= 4) & (size <= small.shape[0] // 20) & ~piece]
    char = float(np.percentile(keep, 75)) if keep.size >= 20 else 0.0
    pieces = np.flatnonzero(piece & (size >= settings.orient_rule_piece_ch * char)) + 1
    if char > 0 and pieces.size:
        ink = np.where(np.isin(labels, pieces), 0, ink).astype(np.uint8)
    return ink, char, rules


def _character_runs(w: np.ndarray, h: np.ndarray, area: np.ndarray, settings: TableSettings) -> np.ndarray:
    """Which ink components are runs of characters joined into one at the work scale (bold print,
    a string of digits): twice as long as thick or more, ``orient_run_thick_px`` thick at least
    and ``orient_run_ink_px`` of ink for each pixel of their length — several strokes across, where
    a skewed rule's piece, as long and as thick in its box, carries a line or two of ink."""
    size, thick = np.maximum(w, h), np.minimum(w, h)
    return (
        (size >= 2 * thick)
        & (thick >= settings.orient_run_thick_px)
        & (area >= settings.orient_run_ink_px * size)
    )


def _elongation(ink: np.ndarray, char: float, across: bool) -> float:
    """How long the blobs get when the ink is smeared by one character along rows (``across``)
    or along columns: the ink-weighted median of blob length / thickness."""
    import cv2

    k = max(3, int(round(char * 1.2)))
    kernel = np.ones((1, k), np.uint8) if across else np.ones((k, 1), np.uint8)
    smeared = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, kernel)
    cc = components(smeared)
    n, stats = cc.n, cc.stats
    if n <= 1:
        return 0.0
    w = stats[1:, cv2.CC_STAT_WIDTH].astype(np.float64)
    h = stats[1:, cv2.CC_STAT_HEIGHT].astype(np.float64)
    along, thick = (w, h) if across else (h, w)
    ok = (thick >= char * 0.5) & (thick <= char * 2.5)
    if ok.sum() < 5:
        return 0.0
    ratio = along[ok] / thick[ok]
    weight = stats[1:, cv2.CC_STAT_AREA][ok].astype(np.float64)
    order = np.argsort(ratio)
    cum = np.cumsum(weight[order])
    return float(ratio[order][np.searchsorted(cum, cum[-1] / 2)])


def lines_run_across(gray: np.ndarray, settings: TableSettings = TABLE_SETTINGS) -> bool | None:
    """True when the page's text lines run across it (upright or upside down), False when along
    it (turned by 90° or 270°), None when the page holds too little text to tell."""
    ink, char, _rules = _text_ink(gray, settings)
    return _across(ink, char, settings)


def _across(ink: np.ndarray, char: float, settings: TableSettings) -> bool | None:
    if char <= 0:
        return None
    across, along = _elongation(ink, char, True), _elongation(ink, char, False)
    if across <= 0 and along <= 0:
        return None
    return along <= across * settings.orient_ratio_min


def _vote_lines(
    gray: np.ndarray, ink: np.ndarray, char: float, settings: TableSettings, rules: np.ndarray
) -> list[np.ndarray]:
    """Crops of the page's widest text lines (of typical height; the first ``orient_vote_chars``
    characters of each), for the recognition vote. ``ink`` is the page's reduced text ink,
    ``rules`` its ruling lines: a line is cut where a rule crosses it (``_uncrossed``)."""
    import cv2

    if char <= 0:
        return []
    f = ink.shape[1] / gray.shape[1]
    smeared = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((1, max(3, int(char * 1.2))), np.uint8))
    stats = components(smeared).stats
    cands = []
    for x, y, w, h, _a in stats[1:]:
        w = _uncrossed(rules, x, y, w, h)
        if char * 0.7 <= h <= char * 1.8 and w >= 3 * h:
            cands.append((w, x, y, h))
    cands.sort(reverse=True)
    out = []
    for w, x, y, h in cands[: settings.orient_vote_lines]:
        m = max(2, int(h * 0.2))
        x0, y0 = int(max(0, x - m) / f), int(max(0, y - m) / f)
        w = min(w, int(h * settings.orient_vote_chars))
        x1, y1 = int(min(ink.shape[1], x + w + m) / f), int(min(ink.shape[0], y + h + m) / f)
        crop = gray[y0:y1, x0:x1]
        if crop.size:
            out.append(crop)
    return out


def _uncrossed(rules: np.ndarray, x: int, y: int, w: int, h: int) -> int:
    """How far the line at ``x, y, w, h`` runs before a rule crosses it (a column of its box ruled
    along four fifths of its height): a text line lies in its cell; what the smear joins across a
    cell's wall — a turned table's stacked cells, a character of each — is no line of text."""
    crossed = np.flatnonzero((rules[y : y + h, x : x + w] > 0).sum(axis=0) >= 0.8 * h)
    return int(crossed[0]) if crossed.size else int(w)


def _scores(crops: Crops, lines: list[np.ndarray]) -> list[float]:
    """Each line's upright score: its reading's confidence, scaled down below three characters; a
    stacked reading (``_stacked``) scores 0."""
    if not lines:
        return []
    readings = crops(lines, line_crops=True)
    return [0.0 if _stacked(text) else conf * min(1.0, len(text) / 3) for text, conf in readings]


def _score(crops: Crops, lines: list[np.ndarray]) -> float:
    return float(np.mean(_scores(crops, lines)))


def _stacked(text: str) -> bool:
    """A reading half or more of whose CJK characters (three at least) are one character (费费费费,
    缴缴缴缴金, 职职公其): a dense table's column of cells read across its rows — the last characters
    of labels stacked one under another —, no text line, however confidently read."""
    han = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    return len(han) >= 3 and 2 * max(han.count(ch) for ch in set(han)) >= len(han)


def upright_turn(gray: np.ndarray, crops: Crops | None, settings: TableSettings = TABLE_SETTINGS) -> int:
    """The clockwise turn (0, 90, 180 or 270) that makes the page upright; 0 when it cannot be told.
    The ink's axis is checked by reading the other axis too: always when the ink calls the page
    turned (a dense table's stacked cells, a column of codes or amounts, smear into long blobs
    down the page), and when the ink calls it upright but its lines read poorly both ways up (the
    same table turned by 90°: its stacked cells then smear across). The other axis wins when its
    lines read well (``orient_upright_score``) and clearly better (``orient_overrule_margin``)."""
    ink, char, rules = _text_ink(gray, settings)
    across = _across(ink, char, settings)
    if across is None:
        return 0
    base = 0 if across else 90
    if crops is None:
        return base
    best, score = _pair_vote(gray, ink, rules, char, base, crops, settings)
    if across and score >= settings.orient_upright_score:
        return best
    other, other_score = _pair_vote(gray, ink, rules, char, 90 if across else 0, crops, settings)
    clear = (
        other_score >= settings.orient_upright_score and other_score > score + settings.orient_overrule_margin
    )
    return other if clear else best


def _pair_vote(
    gray: np.ndarray,
    ink: np.ndarray,
    rules: np.ndarray,
    char: float,
    base: int,
    crops: Crops,
    settings: TableSettings,
) -> tuple[int, float]:
    """``base`` or ``base`` + 180, whichever the page's widest text lines read better, and its score.
    The widest ``orient_vote_first`` lines are read first: read upright well
    (``orient_upright_score``), they decide alone and the other lines are not recognised. A vote
    of fewer lines than ``orient_vote_first`` scores as much less: one line read across a turned
    table's stacked cells (手一邮) reads as well as the text lines of the axis they run along."""
    lines = _vote_lines(turn(gray, base), turn(ink, base), char, settings, turn(rules, base))
    if not lines:
        return base, 0.0
    weight = min(1.0, len(lines) / settings.orient_vote_first)
    first = _scores(crops, lines[: settings.orient_vote_first])
    if float(np.mean(first)) >= settings.orient_upright_score:
        return base, weight * float(np.mean(first))
    upright = float(np.mean(first + _scores(crops, lines[settings.orient_vote_first :])))
    if upright >= settings.orient_upright_score:
        return base, weight * upright
    flipped = _score(crops, [np.ascontiguousarray(np.rot90(g, 2)) for g in lines])
    return ((base + 180) % 360, weight * flipped) if flipped > upright else (base, weight * upright)
