"""A header laid over the body columns: by leaves in order (``leaf_layout``) or from the rebuilt
header (``rebuilt_layout``), and the leaf names of a laid-out header (``header_names``)."""

from __future__ import annotations

from extract.aligned.columns import DESCRIPTOR_NAME, MISMATCH, align
from extract.aligned.header_rebuild import rebuild_header
from extract.aligned.segments import Seg, overlaps, phys_centre, seg_centre
from extract.headers import increasing_columns
from extract.numbers import parse_amount
from extract.vocabulary import is_column_number_row


def leaf_layout(
    header: list[list[Seg]], cols: list[tuple[int, int]]
) -> tuple[list[int], int, list[list[tuple[int, int, int, str]]], list[tuple[float, str]]]:
    """Place header rows over the body columns.

    Returns (final column of each body column, number of final columns, per header row
    a list of (col, colspan, rowspan, text)). A *leaf* is a cell of the last header row,
    or a cell of an upper row with nothing below it; leaves and body columns are aligned
    in order (positions drift, order does not), a leaf no body column matches becomes a
    column of its own (a column the body never fills). An upper cell that is not a leaf
    spans the leaves below it between its neighbours.
    """
    header = _join_wrapped_header(header)
    nrows = len(header)
    leaves: list[tuple[int, Seg]] = []  # (row, segment)
    for r, row in enumerate(header):
        below = [s for rr in header[r + 1 :] for s in rr]
        for k, s in enumerate(row):
            lo = (seg_centre(row[k - 1]) + seg_centre(s)) / 2 if k else float("-inf")
            hi = (seg_centre(row[k + 1]) + seg_centre(s)) / 2 if k + 1 < len(row) else float("inf")
            zone = [b for b in below if lo <= seg_centre(b) <= hi]
            straddles = any(seg_centre(b) < s.start for b in zone) and any(
                seg_centre(b) > s.end for b in zone
            )
            if r == nrows - 1 or not (any(overlaps(s, b) for b in below) or straddles):
                leaves.append((r, s))
    leaves.sort(key=lambda x: seg_centre(x[1]))
    col_centres = [(a + b) / 2 for a, b in cols]
    leaf_centres = [seg_centre(s) for _, s in leaves]
    if len(leaves) >= len(cols):
        match = align(col_centres, leaf_centres)
        body_to_final = match
        n_final = len(leaves)
        leaf_col = list(range(len(leaves)))
    else:
        match = align(leaf_centres, col_centres)
        body_to_final = list(range(len(cols)))
        n_final = len(cols)
        leaf_col = match
    placed: list[list[tuple[int, int, int, str]]] = [[] for _ in header]
    leaf_of = {id(seg): i for i, (_, seg) in enumerate(leaves)}
    for i, (r, seg) in enumerate(leaves):
        placed[r].append((leaf_col[i], 1, nrows - r, seg.text))
    for r in range(nrows - 1):
        row = header[r]
        for k, seg in enumerate(row):
            if id(seg) in leaf_of:
                continue
            lo = max((j for j in range(k) if id(row[j]) in leaf_of), default=-1)
            hi = min((j for j in range(k + 1, len(row)) if id(row[j]) in leaf_of), default=len(row))
            left = leaf_col[leaf_of[id(row[lo])]] if lo >= 0 else -1
            right = leaf_col[leaf_of[id(row[hi])]] if hi < len(row) else n_final
            siblings = row[lo + 1 : hi]  # the parents sharing the leaves between two fixed columns
            under = [
                leaf_col[i]
                for i, (rr, x) in enumerate(leaves)
                if rr > r
                and left < leaf_col[i] < right
                and min(siblings, key=lambda y: abs(seg_centre(y) - seg_centre(x))) is seg
            ]
            if not under:
                under = [_nearest(seg, leaves, leaf_col)]
            placed[r].append((min(under), max(under) - min(under) + 1, 1, seg.text))
    if len(leaves) >= len(cols):
        anchors = [(phys_centre(s.start, s.text), s.text) for _, s in leaves]
    else:
        anchors = [((a + b) / 2, "") for a, b in cols]
    return body_to_final, n_final, placed, anchors


_MATCH_LIMIT = 20.0  # a body column further than this from its header column: not trusted


def rebuilt_layout(
    header: list[list[Seg]], cols: list[tuple[int, int]], n_numbers: int, money: list[bool]
) -> tuple[list[int], int, list[list[tuple[int, int, int, str]]], bool, list[tuple[float, str]]] | None:
    """``leaf_layout``'s result from ``rebuild_header`` and whether it is sure, or None when the rebuild is not
    consistent (fewer header columns than body columns, a body column far from the header
    column it is matched to, a 栏次 row counting other columns)."""
    rebuilt = rebuild_header(header)
    if rebuilt is None:
        return None
    head, sure = rebuilt
    named = [bool(DESCRIPTOR_NAME.search(h.name)) for h in head]
    if len(head) < len(cols) or (n_numbers and not n_numbers <= len(head) <= n_numbers + sum(named)):
        return None
    centres = [(a + b) / 2 for a, b in cols]
    cost = [
        [abs(x - h.centre) + (MISMATCH if money[i] and named[j] else 0.0) for j, h in enumerate(head)]
        for i, x in enumerate(centres)
    ]
    match = increasing_columns(cost) if cols else []
    if any(cost[i][j] > _MATCH_LIMIT for i, j in enumerate(match)):
        return None
    nrows = len(header)
    placed: list[list[tuple[int, int, int, str]]] = [[] for _ in header]
    done: set[int] = set()
    for c, h in enumerate(head):
        for g in h.parents:
            if id(g) in done:
                continue
            done.add(id(g))
            span = [k for k, x in enumerate(head) if any(y is g for y in x.parents)]
            placed[g.top].append((span[0], span[-1] - span[0] + 1, 1, g.name))
        line = h.toks[0].line
        if h.parents and line <= h.parents[-1].top:
            line = min(h.parents[-1].top + 1, nrows - 1)
        elif not h.parents:
            line = 0
        placed[line].append((c, 1, nrows - line, h.name))
    for row in placed:
        row.sort()
    anchors = [(sum(phys_centre(t.start, t.text) for t in h.toks) / len(h.toks), h.name) for h in head]
    return match, len(head), placed, sure, anchors


def _join_wrapped_header(header: list[list[Seg]]) -> list[list[Seg]]:
    """``附属单位上缴收`` with ``入`` printed under it: one header cell, not two levels."""
    rows = [list(r) for r in header]
    for r in range(1, len(rows)):
        keep: list[Seg] = []
        for low in rows[r]:
            if len(low.text.replace(" ", "")) <= 2 and parse_amount(low.text) is None:
                ups = [
                    (u, rr)
                    for rr in range(r)
                    for u in rows[rr]
                    if min(u.end, low.end + 1) - max(u.start, low.start - 1) > 0
                ]
                if len(ups) == 1:
                    up, rr = ups[0]
                    others = [x for x in rows[r] if x is not low and overlaps(x, up)]
                    if not others:
                        rows[rr][rows[rr].index(up)] = Seg(up.start, max(up.end, low.end), up.text + low.text)
                        continue
            keep.append(low)
        rows[r] = keep
    return rows  # a row may end up empty; row indices stay those of the header


def _nearest(seg: Seg, leaves: list[tuple[int, Seg]], leaf_col: list[int]) -> int:
    i = min(range(len(leaves)), key=lambda i: abs(seg_centre(leaves[i][1]) - seg_centre(seg)))
    return leaf_col[i]


def header_names(header: list[list[tuple[int, int, int, str]]], ncols: int) -> list[str]:
    """Each final column's name: the header cells covering it, top-down, joined with '/'
    (column-number rows left out)."""
    names: list[list[str]] = [[] for _ in range(ncols)]
    for row in header:
        if is_column_number_row([t for _, _, _, t in row]):
            continue
        for c, span, _, text in sorted(row):
            for k in range(c, min(c + span, ncols)):
                names[k].append("".join(text.split()))
    return ["/".join(n) for n in names]
