"""A multi-row header of space-aligned text rebuilt from its words (``rebuild_header``).

Words printed one above the other form stacks, split into cells where a word is a group label over
the next one; labels span runs of leaves below them, the assignment that keeps each label centred
over its span and sibling leaves on one line taken, with whether another split is nearly as good.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from extract.aligned.segments import STANDALONE, Seg, display_width
from extract.vocabulary import year_word


@dataclass
class _Tok:
    line: int
    start: int
    end: int
    text: str

    @property
    def centre(self) -> float:
        return (self.start + self.end) / 2


def _header_tokens(header: list[list[Seg]]) -> list[_Tok]:
    """Header words, one space apart or more, rejoined where the right one is a fragment of at
    most two characters that is no header word by itself (``科目 编码``, ``财政拨款 收入``, ``一般公共预算 财``), a
    bracket (``因公出国 (境)费``) or the 年 word after a year (``2026 年预算数``): single spaces in a header line come both from a cell's own
    spacing and from two cells touching."""
    out: list[_Tok] = []
    for r, row in enumerate(header):
        for seg in row:
            pos = seg.start
            words: list[_Tok] = []
            for w in seg.text.split(" "):
                if w:
                    words.append(_Tok(r, pos, pos + len(w), w))
                pos += len(w) + 1
            merged: list[_Tok] = []
            for w in words:
                if merged and (
                    (len(w.text) <= 2 and w.text not in STANDALONE)
                    or year_word(merged[-1].text, w.text)
                    or w.text[0] in "(（"
                ):
                    last = merged[-1]
                    merged[-1] = _Tok(r, last.start, w.end, last.text + w.text)
                else:
                    merged.append(w)
            out.extend(merged)
    return out


_CLUSTER_TOL = 3.0

_SUB_LABELS = {"类", "款", "项", "目", "节"}

_WRAP_GAP = 6.0

_WRAP_LINES = 2  # header lines apart at most between two lines of one wrapped cell (one staggered between)


def _is_wrap_tail(rest: list[_Tok], toks: list[_Tok]) -> bool:
    """The words under a top-line header word are the end of its own text wrapped onto a
    later line (one or two characters, no header word by itself, no sibling label close
    beside them), not a child column of a group label."""
    if len(rest) != 1:
        return False
    tail = rest[0]
    if len(tail.text) > 2 or tail.text in STANDALONE or tail.text in _SUB_LABELS:
        return False
    return not any(
        t is not tail
        and t.line == tail.line
        and min(abs(t.end - tail.start), abs(tail.end - t.start)) < _WRAP_GAP
        for t in toks
    )


def _clusters(toks: list[_Tok]) -> list[list[_Tok]]:
    """Stacks of header words printed one above the other (centred in the same box)."""
    out: list[list[_Tok]] = []
    for t in sorted(toks, key=lambda t: t.centre):
        best = None
        for k, cl in enumerate(out):
            if any(x.line == t.line for x in cl):
                continue
            centre = sum(x.centre for x in cl) / len(cl)
            d = abs(centre - t.centre)
            if d <= _CLUSTER_TOL and (best is None or d < best[0]):
                best = (d, k)
        if best is None:
            out.append([t])
        else:
            out[best[1]].append(t)
    for cl in out:
        cl.sort(key=lambda x: x.line)
    out.sort(key=lambda cl: sum(x.centre for x in cl) / len(cl))
    return out


@dataclass
class _Node:
    """One header cell: its words, a wrapped cell's lines top-down."""

    toks: list[_Tok]

    @property
    def top(self) -> int:
        return self.toks[0].line

    @property
    def bot(self) -> int:
        return self.toks[-1].line

    @property
    def centre(self) -> float:
        return sum(t.centre for t in self.toks) / len(self.toks)

    @property
    def vcentre(self) -> float:
        return (self.top + self.bot) / 2

    @property
    def start(self) -> int:
        return min(t.start for t in self.toks)

    @property
    def end(self) -> int:
        return max(t.end for t in self.toks)

    @property
    def name(self) -> str:
        return "".join(t.text for t in self.toks)


@dataclass
class _HeadCol:
    parents: list[_Node]  # the group labels over the column, top-down
    toks: list[_Tok]

    @property
    def centre(self) -> float:
        return sum(t.centre for t in self.toks) / len(self.toks)

    @property
    def name(self) -> str:
        return "".join(t.text for t in self.toks)


def _label_over(
    upper: _Tok, lower: _Tok, k: int, clusters: list[list[_Tok]], toks: list[_Tok], inside: bool = False
) -> bool:
    """Two words of one stack: is ``upper`` a group label over ``lower`` (else they are the lines of
    one wrapped cell)? ``其中…`` starts a cell; a label narrower than the word under it is a label (a
    wrapped cell's first line is its widest; a later line, ``inside`` a wrapped cell, may be narrower
    where a word did not fit), so is one more than ``_WRAP_LINES`` lines above it; a short fragment alone under a word is the word's wrapped end; a *sibling*
    makes a label: a word on the lower line, close beside ``lower`` or under ``upper``'s printed
    width, with nothing printed above it up to ``upper``'s line (a neighbouring cell's wrapped end
    has its own first line above it); so does a neighbouring stack printed below ``upper``'s line
    and reaching the lower line."""
    if lower.text.startswith("其中"):
        return True  # 其中… starts a cell of its own, never the rest of the word above
    if display_width(upper.text) < display_width(lower.text) - 1 and not inside:
        return True
    if lower.line - upper.line > _WRAP_LINES:
        return True  # a wrapped cell's lines are printed together, not with other lines between
    if _is_wrap_tail([lower], toks):
        return False
    if any(
        upper.line < t.line < lower.line and min(t.end, upper.end) - max(t.start, upper.start) > 0
        for t in toks
    ):
        return True  # words printed between them under ``upper``: not one cell's lines
    reach = upper.start + (len(upper.text) + display_width(upper.text)) / 2
    siblings: list[_Tok] = []
    for s in toks:
        if s is lower or s.line != lower.line:
            continue
        beside = min(abs(s.end - lower.start), abs(lower.end - s.start)) <= _WRAP_GAP
        if not beside and min(s.end, reach) - max(s.start, upper.start) <= 0:
            continue
        covered = any(
            upper.line <= t.line < lower.line
            and t is not upper
            and min(t.end, s.end) - max(t.start, s.start) > 0
            for t in toks
        )
        if not covered:
            siblings.append(s)
    # a neighbouring stack of one word on the header's middle line is a full-height cell (总 计 beside
    # 一般公共 / 预算拨款 / 收入), under no label
    middle = (min(t.line for t in toks) + max(t.line for t in toks)) / 2
    nbrs = [
        x
        for x in (clusters[j] for j in (k - 1, k + 1) if 0 <= j < len(clusters))
        if not (len(x) == 1 and x[0].line == middle)
    ]
    siblings += [
        t
        for x in nbrs
        if all(t.line > upper.line for t in x)
        for t in x
        if t.line == lower.line and t not in siblings
    ]
    if not siblings:
        return False
    # a label on the top line may be a banner over much of the table, centred far from the siblings
    # beside ``lower``; a label lower down is centred over the columns around it, and only a word as
    # wide as the one under it may be that cell's first line instead (a later line may be narrower)
    return (
        upper.line == min(t.line for t in toks)
        or (not inside and abs(display_width(upper.text) - display_width(lower.text)) > _SAME_WIDTH)
        or _centred_over_group(upper, lower, siblings)
    )


_SAME_WIDTH = 2  # display columns: the lines of one wrapped cell fill its width alike
_OFF_CENTRE = 2.0  # characters: a label this much nearer the middle of one word than of its group


def _centred_over_group(upper: _Tok, lower: _Tok, siblings: list[_Tok]) -> bool:
    """A group label below the header's top line is centred over its children: over ``lower`` and the
    siblings beside it, not over ``lower`` alone. A two-line cell printed beside a lower single-line cell (``财政专户`` over
    ``管理资金``, ``事业收入`` beside it under another label) has its lines centred on each other."""
    start = min(t.start for t in (lower, *siblings))
    end = max(t.end for t in (lower, *siblings))
    return abs(upper.centre - (start + end) / 2) <= abs(upper.centre - lower.centre) + _OFF_CENTRE


def _header_nodes(toks: list[_Tok]) -> list[_Node]:
    """Header cells: stacks of words split where a word is a group label over the next one."""
    clusters = _clusters(toks)
    nodes: list[_Node] = []
    for k, cl in enumerate(clusters):
        cur = [cl[0]]
        for upper, lower in itertools.pairwise(cl):
            if _label_over(upper, lower, k, clusters, toks, inside=len(cur) > 1):
                nodes.append(_Node(cur))
                cur = [lower]
            else:
                cur.append(lower)
        nodes.append(_Node(cur))
    return nodes


def _is_group(node: _Node, nodes: list[_Node]) -> bool:
    """A cell with cells printed under its words, or a cell of the top line with cells lower than it
    on both sides (a label centred over its children, its nearest neighbours in position being
    those children; lower down, a full-height cell printed at the header's middle line stands
    between lower cells that are not its own)."""
    if any(m.top > node.bot and min(m.end, node.end) - max(m.start, node.start) > 0 for m in nodes):
        return True
    if node.top > min(m.top for m in nodes):
        return False
    level = [m for m in nodes if m is node or m.bot >= node.top]  # cells above it are no neighbours
    level.sort(key=lambda m: m.centre)
    i = level.index(node)
    sides = [level[i - 1] if i > 0 else None, level[i + 1] if i + 1 < len(level) else None]
    return all(m is not None and m.top > node.bot for m in sides)


_RANGE_LIMIT = 30.0  # characters: a group label further than this from the middle of its columns

_RANGE_CANDIDATES = 20

_LEVEL_WEIGHT = 4.0  # cost per line a column's vertical centre differs from its siblings'

_NAME_GROUP = re.compile(
    r"(?:科目|编码|代码|名称)$|^(?:预算)?项目$"
)  # not 2026年政府采购项目: a group of money columns

_NAME_LEAF = re.compile(r"(?:编码|代码|编号|名称|科目|项目|类|款|项|目|节)$")


def _candidate_ranges(group: _Node, leaves: list[_Node], low: list[bool]) -> list[tuple[float, int, int]]:
    """(cost, first, last leaf) a group label may span: low leaves printed below it, every leaf under
    its words included, and only name columns under a label naming a classification (支出功能分类科目 ›
    科目编码 科目名称, never 合计); cost = how far the label is from the middle of the span."""
    names_only = bool(_NAME_GROUP.search(group.name))
    below = [
        leaf.top > group.bot and low[i] and not (names_only and not _NAME_LEAF.search(leaf.name))
        for i, leaf in enumerate(leaves)
    ]
    must = [i for i, leaf in enumerate(leaves) if below[i] and group.start <= leaf.centre <= group.end]
    out: list[tuple[float, int, int]] = []
    for a in range(len(leaves)):
        if not below[a]:
            continue
        for b in range(a, len(leaves)):
            if not below[b]:
                break
            if must and not (a <= must[0] and must[-1] <= b):
                continue
            cost = abs(group.centre - (leaves[a].centre + leaves[b].centre) / 2)
            if cost <= _RANGE_LIMIT:
                out.append((cost, a, b))
    out.sort()
    return out[:_RANGE_CANDIDATES]


def _compatible(p: _Node, rp: tuple[int, int], q: _Node, rq: tuple[int, int]) -> bool:
    """Two group labels' spans: apart, or one inside the other with the outer label above."""
    (a, b), (c, d) = rp, rq
    if b < c or d < a:
        return True
    if (a, b) == (c, d):
        return False
    if c <= a and b <= d:
        return q.bot < p.top
    if a <= c and d <= b:
        return p.bot < q.top
    return False


def _level_cost(groups: list[_Node], spans: list[tuple[int, int]], leaves: list[_Node]) -> float:
    """Columns directly under one label (or under none) span down from the same row to the bottom,
    so their cells are centred on the same line: the spread of their vertical centres."""
    owner = [-1] * len(leaves)
    for g in sorted(range(len(groups)), key=lambda g: spans[g][1] - spans[g][0], reverse=True):
        a, b = spans[g]
        for i in range(a, b + 1):
            owner[i] = g  # the innermost label wins (narrower spans come last)
    cost = 0.0
    for g in set(owner):
        vc = sorted(leaves[i].vcentre for i in range(len(leaves)) if owner[i] == g)
        med = vc[len(vc) // 2]
        cost += sum(abs(v - med) for v in vc) * _LEVEL_WEIGHT
    return cost


def _assign_spans(
    groups: list[_Node], leaves: list[_Node], low: list[bool], fixed: dict[int, tuple[int, int]] | None = None
) -> tuple[list[tuple[int, int]], float] | None:
    """The leaves each group label spans (laminar, outer labels above inner ones, every low leaf
    under some label), and how much worse the next best assignment is; None when no assignment fits."""
    cands = [_candidate_ranges(g, leaves, low) for g in groups]
    for g, (a, b) in (fixed or {}).items():
        cands[g] = [(0.0, a, b)]
    need = {i for i, x in enumerate(low) if x}
    if any(not c for c in cands):
        return None
    order = sorted(range(len(groups)), key=lambda g: (groups[g].top, groups[g].centre))
    best: list[tuple[float, list[tuple[int, int]]]] = []
    chosen: dict[int, tuple[int, int]] = {}

    def search(k: int, cost: float) -> None:
        if len(best) == 2 and cost >= best[1][0]:
            return
        if k == len(order):
            spans = [chosen[g] for g in range(len(groups))]
            if {i for a, b in spans for i in range(a, b + 1)} != need:
                return
            total = cost + _level_cost(groups, spans, leaves)
            best.append((total, spans))
            best.sort(key=lambda x: x[0])
            del best[2:]
            return
        g = order[k]
        for c, a, b in cands[g]:
            if all(_compatible(groups[g], (a, b), groups[h], r) for h, r in chosen.items()):
                chosen[g] = (a, b)
                search(k + 1, cost + c)
                del chosen[g]

    search(0, 0.0)
    if not best:
        return None
    margin = best[1][0] - best[0][0] if len(best) > 1 else float("inf")
    return best[0][1], margin


def _repeat_spans(
    groups: list[_Node], leaves: list[_Node], low: list[bool]
) -> dict[int, tuple[int, int]] | None:
    """The spans of the top line's group labels when their columns print repeated groups (项目 预算数 |
    项目 预算数, 项目 行次 决算数 | 项目 行次 合计 …, 预算数 › 合计 因公出国… | 决算数 › 合计 因公出国…): each
    label's leaves start where the first leaf's name comes again, and together they fill the low
    leaves. None unless that fits exactly (one repeat per label)."""
    top = min(g.top for g in groups)
    firsts = sorted((k for k, g in enumerate(groups) if g.top == top), key=lambda k: groups[k].centre)
    idx = [i for i, x in enumerate(low) if x]
    if len(firsts) < 2 or not idx or idx != list(range(idx[0], idx[-1] + 1)):
        return None
    names = [leaves[i].name for i in idx]
    starts = [idx[k] for k, n in enumerate(names) if n == names[0]]
    if len(starts) != len(firsts):
        return None
    bounds = [*starts, idx[-1] + 1]
    return {g: (a, b - 1) for g, a, b in zip(firsts, bounds, bounds[1:], strict=False)}


_SPLIT_MARGIN = 3.0  # characters: an assignment of columns to group labels this close to another is a guess


def rebuild_header(header: list[list[Seg]]) -> tuple[list[_HeadCol], bool] | None:
    """Header columns of a space-aligned multi-row header (any number of levels), or None.

    The flag says whether the reading is sure (no other assignment of columns to group labels nearly
    as good). Words are stacked into cells by position (a wrapped cell's lines one above the other;
    a group label over a child centred under it is split off, ``_label_over``). A cell is a *group
    label* when cells are printed under its words or lower cells stand on both sides of it; the
    others are the columns (*leaves*), in order of position. Each label spans a run of leaves
    printed below it, every leaf under its words included, the labels' spans nested (outer labels
    above inner ones) or apart; among such assignments the one taken keeps each label centred over
    its span and the leaves directly under one label (or under none) centred on one line, as cells
    spanning down from the same row to the bottom are."""
    toks = _header_tokens(header)
    if not toks:
        return None
    nodes = _header_nodes(toks)
    if min(t.line for t in toks) == max(t.line for t in toks):
        return [_HeadCol([], n.toks) for n in sorted(nodes, key=lambda n: n.centre)], True
    is_group = [_is_group(n, nodes) for n in nodes]
    groups = [n for n, g in zip(nodes, is_group, strict=True) if g]
    leaves = sorted((n for n, g in zip(nodes, is_group, strict=True) if not g), key=lambda n: n.centre)
    if not groups:
        return [_HeadCol([], n.toks) for n in leaves], True
    if not leaves:
        return None
    # a leaf under a label spans down from below it: it is centred lower than the header's middle;
    # a leaf under no label spans the whole header and is centred at its middle
    mid = (min(t.line for t in toks) + max(t.line for t in toks)) / 2
    low = [leaf.vcentre > mid + 0.25 for leaf in leaves]
    repeat = _repeat_spans(groups, leaves, low)
    found = _assign_spans(groups, leaves, low, repeat) if repeat is not None else None
    if found is None:
        found = _assign_spans(groups, leaves, low)
        repeat = None
    if found is None:
        return None
    spans, margin = found
    sure = margin >= _SPLIT_MARGIN or (repeat is not None and len(repeat) == len(groups))
    # a label groups columns: one printed right over its only column reads as well as that cell's
    # first line (a wrapped cell) or as a label whose other columns the split missed
    sure = sure and not any(
        a == b and abs(g.centre - leaves[a].centre) <= 1 for g, (a, b) in zip(groups, spans, strict=True)
    )
    cols: list[_HeadCol] = []
    for i, leaf in enumerate(leaves):
        over = [g for g, (a, b) in zip(groups, spans, strict=True) if a <= i <= b]
        cols.append(_HeadCol(sorted(over, key=lambda g: g.top), leaf.toks))
    return cols, sure
