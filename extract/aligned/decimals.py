"""Amounts wrapped in narrow cells, as ``pdftotext -layout`` prints them: the whole part on one line,
its decimals (``.54``) on the next, about where the whole part ends; the row's next amount starts
on that decimals line and wraps the same way, so a row's amounts stand in a staircase over two or
more lines (``99`` / ``.54   16`` / ``.54   83`` / ``.00``). A decimals fragment may touch the next
amount (``.81154,304``: ``.81`` then ``154,304``).

``join_wrapped_decimals(rows, lines)`` rewrites one page's rows of cells: each decimals fragment is
joined to the whole part printed on the line above whose end it starts at (each whole part once),
and a line left holding only amounts whose decimals closed an amount above is part of that amount's
row: its cells join that row. Pages with fewer than ``_MIN_FRAGMENTS`` fragments are left as they are.
Line numbers whose reading is a guess come back with a reason: a fragment that two whole parts
could take, one no whole part takes, and a whole part left without decimals on such a page (its
decimals went elsewhere); those rows go to review.
"""

from __future__ import annotations

import re
from collections import Counter

from extract.aligned.segments import Seg, is_text
from extract.reasons import Reason, reason

_FRACTION = re.compile(r"^\.(\d+)$")
_WHOLE = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)$")
_MIN_FRAGMENTS = 3  # a page wraps its amounts when this many decimals fragments stand alone
_REACH = (2, 1)  # a fragment starts from 2 characters before a whole part's end to 1 after it


def _places(rows: list[list[Seg]]) -> int | None:
    """The decimals the page's lone fragments print (the most common count), None when too few."""
    counts = Counter(len(m.group(1)) for r in rows for s in r if (m := _FRACTION.match(s.text)))
    if sum(counts.values()) < _MIN_FRAGMENTS:
        return None
    return counts.most_common(1)[0][0]


def _split_glued(row: list[Seg], places: int) -> list[Seg]:
    """``.81154,304`` → ``.81`` and ``154,304``; ``.22 一、一般公共服务支出`` (the other side's item
    one space after the decimals) → ``.22`` and the item."""
    out: list[Seg] = []
    pat = re.compile(rf"^(\.\d{{{places}}})(?:(\d[\d,]*)|\s(\D.*))$")
    for s in row:
        m = pat.match(s.text)
        if m and (_WHOLE.match(m.group(2) or "") or m.group(3)):
            cut = s.start + len(m.group(1))
            tail = m.group(2) or m.group(3)
            out += [Seg(s.start, cut, m.group(1)), Seg(s.end - len(tail), s.end, tail)]
        else:
            out.append(s)
    return out


def _joins(above: str, below: str) -> bool:
    """Is ``below`` the next piece of the amount ``above`` (printed on the line above, ending where
    ``below`` starts)? Decimals after a whole part; the thousands group after one ending in a comma
    (``54,`` / ``304``); a group ending in a comma after the leading digits (``1`` / ``54,``)."""
    if _FRACTION.match(below):
        return bool(_WHOLE.match(above))
    if above.endswith(","):
        return bool(_GROUPS.match(below))
    return bool(_LEADING.match(above)) and bool(_OPEN.match(below))


_GROUPS = re.compile(r"^\d{3}(?:,\d{3})*,?$")
_OPEN = re.compile(r"^\d{1,3}(?:,\d{3})*,$")
_LEADING = re.compile(r"^-?\d{1,3}$")


def join_wrapped_decimals(
    rows: list[list[Seg]], lines: list[int]
) -> tuple[list[list[Seg]], list[int], dict[int, Reason]]:
    """(rows, their line numbers, doubted line numbers → reason) of one page; see the module doc."""
    places = _places(rows)
    if places is None:
        return rows, lines, {}
    rows = [_split_glued(r, places) for r in rows]
    doubts: dict[int, Reason] = {}
    # per line, its cells as (seg, home row, decimals joined); a cell's home is the row its amount
    # started on
    cells: list[list[tuple[Seg, int, bool]]] = [[] for _ in rows]
    for i, row in enumerate(rows):
        owner = i
        joined_any = False
        pieces: list[tuple[Seg, int, bool] | None] = []
        for f in row:
            above = [
                (abs(f.start - (s.end - 1)), j)
                for j, (s, _, done) in enumerate(cells[i - 1] if i else [])
                if not done and s.end - _REACH[0] <= f.start <= s.end + _REACH[1] and _joins(s.text, f.text)
            ]
            if not above:
                pieces.append(None if not _FRACTION.match(f.text) else (f, -1, False))
                continue
            above.sort()
            if len(above) > 1 and above[1][0] == above[0][0]:
                doubts[lines[cells[i - 1][above[0][1]][1]]] = reason(
                    "aligned.wrapped_decimals", fragment=f.text
                )
            s, home, _ = cells[i - 1].pop(above[0][1])
            piece = Seg(f.end - len(s.text + f.text), f.end, s.text + f.text)
            pieces.append((piece, home, bool(_FRACTION.match(f.text))))
            if not joined_any:
                joined_any, owner = True, home
        loose = [f for f, got in zip(row, pieces, strict=True) if got is None]
        if any(is_text(f) for f in loose):
            owner = i  # the line starts a row of its own (an item beside the fragments)
        for f, got in zip(row, pieces, strict=True):
            if got is None:
                cells[i].append((f, owner, False))
            elif got[1] == -1:  # decimals no whole part above takes: kept as printed, in doubt
                cells[i].append((f, owner, False))
                doubts[lines[owner]] = reason("aligned.wrapped_decimals", fragment=f.text)
            else:
                cells[i].append(got)
    placed: dict[int, list[Seg]] = {}
    for i, line in enumerate(cells):
        text_at = min((s.start for s, home, _ in line if home == i and is_text(s)), default=None)
        for s, home, done in line:
            placed.setdefault(home, []).append(s)
            unfinished = s.text.endswith(",") or (
                not done
                and _WHOLE.match(s.text)
                and (home != i or (text_at is not None and s.start > text_at))
            )
            if unfinished:  # a whole part on such a page whose decimals went elsewhere
                doubts.setdefault(lines[home], reason("aligned.wrapped_decimals", fragment=s.text))
    out_rows = [sorted(placed[r], key=lambda s: s.start) for r in sorted(placed)]
    return out_rows, [lines[r] for r in sorted(placed)], doubts
