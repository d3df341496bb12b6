"""Settling a row by its sums: the sums a header implies (``row_sums``: a 合计/小计/总计 column is
the total of the columns after it under the same labels) and the one placement of a row's trailing
amounts that keeps their spacing and makes every sum hold (``settle_by_sums``)."""

from __future__ import annotations

import itertools
from decimal import Decimal

from extract.aligned.columns import DESCRIPTOR_NAME, MONEY_RE
from extract.aligned.segments import Seg, is_text
from extract.numbers import parse_amount
from extract.vocabulary import TOTAL_SUFFIX, is_column_number_row

_SPACING_TOLERANCE = 3


def numeric_ends(body: list[list[Seg]], assign: list[list[int]]) -> dict[int, float]:
    """Per body column holding amounts: the median end position of its amounts (they are
    right-aligned, so ends line up better than starts)."""
    per: dict[int, list[int]] = {}
    for row, cols in zip(body, assign, strict=True):
        for seg, c in zip(row, cols, strict=True):
            if not is_text(seg):
                per.setdefault(c, []).append(seg.end)
    return {c: sorted(v)[len(v) // 2] for c, v in per.items()}


def spacing_doubt(row: list[Seg], cols: list[int], ends: dict[int, float]) -> str:
    """Why the columns of a row's amounts are uncertain ('' when they are not).

    Text before the amounts (a long name) shifts them right by the same offset, so the
    spacing *between* a row's amounts must match the spacing between their columns; when it
    does not, the row may have been matched one column off."""
    nums = [(seg, c) for seg, c in zip(row, cols, strict=True) if not is_text(seg) and c in ends]
    for (a, ca), (b, cb) in zip(nums, nums[1:], strict=False):
        seen, expected = b.end - a.end, ends[cb] - ends[ca]
        if abs(seen - expected) > _SPACING_TOLERANCE:
            return (
                f"amounts {a.text} and {b.text} are {seen} characters apart, their columns "
                f"{expected:.0f}: the row's columns are uncertain"
            )
    return ""


def row_sums(header: list[list[tuple[int, int, int, str]]], ncols: int) -> list[tuple[int, list[int]]]:
    """The sums a row of the table must satisfy, from its header: (total column, part columns).

    A column named 合计/小计/总计 is the total of the columns after it under the same labels (up to the
    next such column, a name-like column such as 编码/名称/备注, or the end of the group); a group of
    columns under its own label among those parts counts by its own total column (公务用车购置及运行费 ›
    小计), or is left out of the sum when it has none."""
    paths: list[list[tuple[int, int, str]]] = [[] for _ in range(ncols)]  # per column: (row, id, text)
    for r, row in enumerate(header):
        if is_column_number_row([t for _, _, _, t in row]):
            continue
        for k, (c, span, _, text) in enumerate(row):
            for x in range(c, min(c + span, ncols)):
                paths[x].append((r, k, "".join(text.split())))
    names = [p[-1][2] if p else "" for p in paths]
    groups = [tuple((r, k) for r, k, _ in p[:-1]) for p in paths]
    out: list[tuple[int, list[int]]] = []
    for t in range(ncols):
        if not TOTAL_SUFFIX.search(names[t]):
            continue
        parts: list[int] = []
        x = t + 1
        while x < ncols:
            g = groups[x]
            if g == groups[t]:
                if TOTAL_SUFFIX.search(names[x]) or DESCRIPTOR_NAME.search(names[x]):
                    break
                parts.append(x)
                x += 1
            elif len(g) > len(groups[t]) and g[: len(groups[t])] == groups[t]:
                sub = g[: len(groups[t]) + 1]
                run = [y for y in range(x, ncols) if groups[y][: len(sub)] == sub]
                inner = [y for y in run if TOTAL_SUFFIX.search(names[y]) and len(groups[y]) == len(sub)]
                if inner:
                    parts.append(inner[0])
                x = run[-1] + 1
            else:
                break
        if parts:
            out.append((t, parts))
    return out


def settle_by_sums(
    row: list[Seg],
    cols_of: list[int],
    ends: dict[int, float],
    money: list[bool],
    body_to_final: list[int],
    sums: list[tuple[int, list[int]]],
) -> list[int] | None:
    """A row whose amounts are spaced differently from their columns: the placement of its trailing
    amounts that keeps their spacing (each amount right-aligned under its column, the row shifted as
    a whole) *and* makes the row's sums hold (合计 = Σ its parts, every amount in a sum that holds with
    a printed total), when exactly one placement does; else None (the doubt stays)."""
    k = len(row)
    while k > 0 and not is_text(row[k - 1]) and MONEY_RE.match(row[k - 1].text):
        k -= 1
    tail = row[k:]
    if len(tail) < 2 or not sums:
        return None
    floor = cols_of[k - 1] if k else -1
    choices = [c for c in sorted(ends) if c > floor and c < len(money) and money[c]]
    values = [parse_amount(seg.text) for seg in tail]
    found: list[list[int]] = []
    for first in choices:
        path = [first]
        for a, b in itertools.pairwise(tail):
            seen = b.end - a.end
            nxt = [
                c
                for c in choices
                if c > path[-1] and abs(ends[c] - ends[path[-1]] - seen) <= _SPACING_TOLERANCE
            ]
            if len(nxt) != 1:
                break
            path.append(nxt[0])
        if len(path) != len(tail):
            continue
        cells = {body_to_final[c]: v for c, v in zip(path, values, strict=True)}
        if _sums_hold(cells, sums):
            found.append(path)
    if len(found) != 1:
        return None
    return cols_of[:k] + found[0]


def _sums_hold(cells: dict[int, Decimal | None], sums: list[tuple[int, list[int]]]) -> bool:
    """Every sum touching a printed amount holds, its total printed, and every amount is in one."""
    covered: set[int] = set()
    for total, parts in sums:
        touched = [c for c in [total, *parts] if c in cells]
        if not touched:
            continue
        if total not in cells:
            return False
        got = sum((cells.get(c) or Decimal(0) for c in parts), Decimal(0))
        if (cells[total] or Decimal(0)) != got:
            return False
        covered.update(touched)
    return covered == set(cells)
