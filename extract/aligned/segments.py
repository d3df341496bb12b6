"""Cells of a space-aligned line (``segments``): runs of text split on two or more spaces, or on a
single space next to an amount or a code, and their positions (start, end, centre, display width)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from extract.numbers import parse_amount
from extract.taxonomy import LEVEL1, LEVEL2
from extract.vocabulary import HEADER_WORDS, INDEX_HEADERS, TOTAL_WORDS, year_word

_LEVEL_NAMES = frozenset((*LEVEL1, *LEVEL2))

SEGMENT_RE = re.compile(r"\S+(?: \S+)*")


@dataclass
class Seg:
    start: int
    end: int
    text: str


def segments(line: str) -> list[Seg]:
    """Cells of one line: runs of text separated by 2+ spaces (tabs and ideographic spaces
    count as 2). Tight columns still touch with one space, so a run is also split on a
    single space next to an amount or a code (see ``_splits``)."""
    line = line.replace("\t", "  ").replace("\u3000", "  ")
    out: list[Seg] = []
    for m in SEGMENT_RE.finditer(line):
        start = m.start()
        tokens = m.group().split(" ")
        pos = start
        cur_start = start
        cur: list[str] = []
        for k, tok in enumerate(tokens):
            if cur and _splits(cur[-1], tok, k):
                out.append(Seg(cur_start, pos - 1, " ".join(cur)))
                cur, cur_start = [], pos
            cur.append(tok)
            pos += len(tok) + 1
        out.append(Seg(cur_start, m.end(), " ".join(cur)))
    return _join_spaced_words(out)


# header words that stand alone: never the wrapped rest of the word before them
STANDALONE = {*TOTAL_WORDS, *INDEX_HEADERS, "项目", "金额", "科目", "备注"}

# header words a header may print with their characters spread apart (合    计, 科   目   名   称)
_SPACED_WORDS = {*STANDALONE, *HEADER_WORDS, "其中"}
_SPACED_LONGEST = 6


def _join_spaced_words(segs: list[Seg]) -> list[Seg]:
    """``合    计``, ``科   目   名   称``: a header word printed with its characters spread over the
    cell is one cell, not one per character (the longest such word from each character on)."""
    out: list[Seg] = []
    i = 0
    while i < len(segs):
        n = 1
        for m in range(min(_SPACED_LONGEST, len(segs) - i), 1, -1):
            run = segs[i : i + m]
            if all(len(x.text) == 1 for x in run) and "".join(x.text for x in run) in _SPACED_WORDS:
                n = m
                break
        run = segs[i : i + n]
        out.append(Seg(run[0].start, run[-1].end, "".join(x.text for x in run)) if n > 1 else segs[i])
        i += n
    return out


def _splits(left: str, right: str, index: int) -> bool:
    """Between two words one space apart: a cell boundary when either word is an amount
    or a code (``1 11,616,268.27``, ``208 社会保障和就业支出``, ``一、部门预算 2,979,565.00``), or the
    left one names an indicator level (``服务对象满意度指标 群众满意度``: a level cell is a cell of its own).
    A year and the 年 word after it (``2026 年预算数``, ``2025 年``) are one header word, never an amount
    beside a cell."""
    if year_word(left, right):
        return False
    return parse_amount(left) is not None or parse_amount(right) is not None or left in _LEVEL_NAMES


def is_text(seg: Seg) -> bool:
    return parse_amount(seg.text) is None


def seg_centre(seg: Seg) -> float:
    return (seg.start + seg.end) / 2


def overlaps(a: Seg, b: Seg) -> bool:
    return min(a.end, b.end) - max(a.start, b.start) > 0


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def phys_centre(start: int, text: str) -> float:
    """Where a header word's centre was printed: pdftotext gives a wide character one column of
    its grid though it takes two, so a CJK word reaches further right than its characters do."""
    return start + display_width(text) / 2
