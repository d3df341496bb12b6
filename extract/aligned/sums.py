"""Settling a row by its sums: the sums a header implies (``row_sums``, derived by
``extract.relations``) and the one placement of a row's trailing
amounts that keeps their spacing and makes every sum hold (``settle_by_sums``)."""

from __future__ import annotations

import itertools
from decimal import Decimal

from extract.aligned.columns import DESCRIPTOR_NAME, MONEY_RE
from extract.aligned.segments import Seg, is_text
from extract.numbers import parse_amount
from extract.reasons import Reason, reason
from extract.relations import header_tree
from extract.relations import row_sums as relation_sums
from extract.vocabulary import is_column_number_row

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


def spacing_doubt(row: list[Seg], cols: list[int], ends: dict[int, float]) -> Reason | None:
    """Why the columns of a row's amounts are uncertain (None when they are not).

    Text before the amounts (a long name) shifts them right by the same offset, so the
    spacing *between* a row's amounts must match the spacing between their columns; when it
    does not, the row may have been matched one column off."""
    nums = [(seg, c) for seg, c in zip(row, cols, strict=True) if not is_text(seg) and c in ends]
    for (a, ca), (b, cb) in zip(nums, nums[1:], strict=False):
        seen, expected = b.end - a.end, ends[cb] - ends[ca]
        if abs(seen - expected) > _SPACING_TOLERANCE:
            return reason("columns.spacing_doubt", a=a.text, b=b.text, seen=seen, expected=f"{expected:.0f}")
    return None


def row_sums(header: list[list[tuple[int, int, int, str]]], ncols: int) -> list[tuple[int, list[int]]]:
    """The sums a row of the table must satisfy, from its header: (total column, part columns).

    Each column's header labels (top-down, the 栏次 row left out) make its path; the amount columns'
    paths (not the name-like ones: 编码/名称/备注 …) go to ``extract.relations``, the one home of
    what a 合计 or 小计 covers."""
    paths: list[list[str]] = [[] for _ in range(ncols)]
    for row in header:
        if is_column_number_row([t for _, _, _, t in row]):
            continue
        for c, span, _, text in row:
            label = "".join(text.split())
            for x in range(c, min(c + span, ncols)):
                if not paths[x] or paths[x][-1] != label:
                    paths[x].append(label)
    amount = [i for i in range(ncols) if paths[i] and not DESCRIPTOR_NAME.search(paths[i][-1])]
    tree = header_tree([paths[i] for i in amount])
    return [(amount[t], [amount[x] for x in parts]) for t, parts in relation_sums(tree)]


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
