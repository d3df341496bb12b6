"""Words on a page and their grouping: a word's box (pixels, y downwards), text lines, phrases,
a cell's text from its words, a word split at cell walls."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

Box = tuple[float, float, float, float]


@dataclass
class Word:
    """A piece of text on the page: its box (x0, y0, x1, y1) in pixels and a 0..1 confidence.

    ``chars`` optionally holds per-character x ranges (x0, x1), so a word that straddles a
    cell wall can be split between the cells; ``amount`` the crop's reading restricted to an
    amount's characters (an ``extract.amountread.AmountReading``) when the recogniser gave one;
    ``low`` its least sure character and that character's probability (``extract.ocr.least_sure``).
    """

    text: str
    box: Box
    confidence: float = 1.0
    chars: list[tuple[float, float]] | None = None
    amount: Any = None  # a CTC recogniser's reading restricted to amount characters (extract.amountread)
    low: tuple[str, float] | None = None  # the character the recogniser was least sure of, and how sure
    alternatives: tuple[Any, ...] = ()  # other readings of the same pixels (small print: extract.smallsums)

    @property
    def cx(self) -> float:
        return (self.box[0] + self.box[2]) / 2

    @property
    def cy(self) -> float:
        return (self.box[1] + self.box[3]) / 2

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]


def in_box(box: Box, x: float, y: float) -> bool:
    """The point (x, y) lies in ``box`` (edges included)."""
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def split_word(word: Word, cuts: list[float]) -> list[Word]:
    """A word cut at the x positions ``cuts`` (needs per-character ranges; else unchanged)."""
    if not word.chars or len(word.chars) != len(word.text) or not cuts:
        return [word]
    pieces: list[Word] = []
    bounds = [word.box[0] - 1, *sorted(cuts), word.box[2] + 1]
    for a, b in zip(bounds, bounds[1:], strict=False):
        idx = [k for k, (x0, x1) in enumerate(word.chars) if a <= (x0 + x1) / 2 < b]
        if not idx:
            continue
        chars = [word.chars[k] for k in idx]
        text = "".join(word.text[k] for k in idx)
        if not text.strip():
            continue
        box = (chars[0][0], word.box[1], chars[-1][1], word.box[3])
        pieces.append(Word(text, box, word.confidence, chars))
    return pieces or [word]


def join_words(words: list[Word]) -> str:
    """The text of a cell: words in reading order, lines joined without spaces (CJK wraps)."""
    if not words:
        return ""
    ws = sorted(words, key=lambda w: w.cy)
    lines: list[list[Word]] = []
    for w in ws:
        if lines and abs(w.cy - np.mean([v.cy for v in lines[-1]])) < 0.5 * max(w.height, 1.0):
            lines[-1].append(w)
        else:
            lines.append([w])
    out = []
    for line in lines:
        line.sort(key=lambda w: w.box[0])
        text = line[0].text
        for prev, w in zip(line, line[1:], strict=False):
            gap = w.box[0] - prev.box[2]
            ascii_pair = prev.text[-1:].isascii() and w.text[:1].isascii()
            sep = " " if ascii_pair and gap > 0.35 * max(w.height, 1.0) and prev.text[-1:].isalpha() else ""
            text += sep + w.text
        out.append(text)
    return "".join(out).strip()


def text_lines(words: list[Word]) -> list[list[Word]]:
    """Words grouped into text lines (by vertical overlap), top to bottom, each left to right."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.cy, w.box[0])):
        for line in reversed(lines[-3:]):
            ref = line[0]
            if abs(w.cy - ref.cy) < 0.45 * max(ref.height, w.height, 1.0):
                line.append(w)
                break
        else:
            lines.append([w])
    for line in lines:
        line.sort(key=lambda w: w.box[0])
    return lines


def phrases(line: list[Word], gap: float) -> list[list[Word]]:
    """A text line cut where the space between words exceeds ``gap``."""
    out: list[list[Word]] = []
    for w in line:
        if out and w.box[0] - out[-1][-1].box[2] <= gap:
            out[-1].append(w)
        else:
            out.append([w])
    return out


def extent(ws: list[Word]) -> Box:
    """The box around ``ws``."""
    return (
        min(w.box[0] for w in ws),
        min(w.box[1] for w in ws),
        max(w.box[2] for w in ws),
        max(w.box[3] for w in ws),
    )
