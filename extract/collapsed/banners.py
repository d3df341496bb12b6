"""Column-group headings printed above a collapsed table's header line.

A header whose label columns (预算单位, 科目编码, 支出项目类别 …) span every header row is printed by
``pdftotext -raw`` top row first: the headings of column groups that sit above the label cells'
middle come out on lines of their own before them::

    2026 年政府采购项目                                   ← a group heading (level 1)
    预算单位 科目编码 科目名称 支出总计 基本支出 项目支出    ← the label line
    事业单位 / 经营支出 … 小计 其中：… 其中：…              ← the other cells, left to right

Each such line is one level of headings, top down, in column order; the cells from the label line on
are the columns (and lower groups) in column order. ``solve_banners`` hangs each heading of the
lowest level over a run of those cells (the runs in order, each of two cells or more; the other
cells stay where they are), then each heading of the level above over a run of what that gives, and
so on; readings are scored as the header solver scores groups (``group_score``), joins of wrapped
cells as it scores them, and the best kept with the number of other shapes that score the same.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations

from extract.collapsed.header import Frag, HNode, is_sub_start, leaf_node, leaf_paths
from extract.collapsed.header_solver import group_score, join_points, joined_frags, root_leaf_score
from extract.collapsed.tokens import is_amount
from extract.vocabulary import TOTAL_WORDS

MAX_JOINS = 3
MAX_READINGS = 64  # tied readings listed to tell which columns they disagree on


@dataclass
class BannerSplit:
    levels: list[list[Frag]]  # the heading lines above the label line, top down
    cells: list[Frag]  # the label line's cells and every cell after it, in column order

    @property
    def n_fixed(self) -> int:
        """The cells printed on the label line: centred over every header row as the labels are,
        they span them all and stand under no heading."""
        first = self.cells[0].first
        return next((i for i, f in enumerate(self.cells) if f.first != first), len(self.cells))


@dataclass
class BannerGuess:
    roots: list[HNode]
    score: float
    ties: int  # other shapes scoring the same
    # with ties: the leaf columns whose groups the tied readings disagree on (None: not known)
    doubtful: frozenset[int] | None = None


def split_banners(frags: list[Frag], is_label: Callable[[str], bool]) -> BannerSplit | None:
    """The heading lines printed above the label line (the first line starting with a label
    column), or None when the header starts with its label line or a heading above it could not be
    a group (an amount, a total word, a 其中 part)."""
    at = next((i for i, f in enumerate(frags) if f.line_start and is_label(f.text)), None)
    if not at:
        return None
    levels: list[list[Frag]] = []
    for f in frags[:at]:
        if is_amount(f.text) or f.text in TOTAL_WORDS or is_sub_start(f.text) or is_label(f.text):
            return None
        if f.line_start or not levels:
            levels.append([f])
        else:
            levels[-1].append(f)
    return BannerSplit(levels, frags[at:])


def _affinity(heading: str, kids: Sequence[str]) -> float:
    """Half a point for each cell ending in the heading's word (财政拨款 over 一般公共预算拨款 …)."""
    word = heading[-2:]
    return 0.5 * sum(k.endswith(word) for k in kids) if len(heading) > 2 else 0.0


def _hang(headings: Sequence[Frag], nodes: list[HNode]) -> tuple[float, int, list[list[HNode]]] | None:
    """Each of ``headings`` (in order) over a run of two or more of ``nodes``: the best score, how
    many assignments tie, and the nodes with the headings in place, one list per tied assignment
    (at most ``MAX_READINGS``); None when none fits."""
    n, m = len(nodes), len(headings)
    texts = [x.text for x in nodes]
    Back = tuple[int, int, bool]
    # best[(j, h)]: nodes[:j] placed with headings[:h] used -> (score, ways, the tied back pointers)
    best: dict[tuple[int, int], tuple[float, int, list[Back]]] = {(0, 0): (0.0, 1, [])}
    for j in range(n):
        for h in range(m + 1):
            cur = best.get((j, h))
            if cur is None:
                continue
            val, ways, _ = cur
            steps: list[tuple[tuple[int, int], float, bool]] = []
            leaf = root_leaf_score(texts[j]) if not nodes[j].children else 0.0
            if leaf is not None:
                steps.append(((j + 1, h), leaf, False))
            if h < m:
                for j2 in range(j + 2, n + 1):
                    sc = group_score(headings[h].text, texts[j:j2])
                    if sc is not None:
                        steps.append(((j2, h + 1), sc + _affinity(headings[h].text, texts[j:j2]), True))
            for key, sc, grouped in steps:
                old = best.get(key)
                new = val + sc
                if old is None or new > old[0] + 1e-9:
                    best[key] = (new, ways, [(j, h, grouped)])
                elif abs(new - old[0]) <= 1e-9:
                    best[key] = (old[0], old[1] + ways, [*old[2], (j, h, grouped)][:MAX_READINGS])
    end = best.get((n, m))
    if end is None:
        return None

    def readings(key: tuple[int, int]) -> list[list[HNode]]:
        if key == (0, 0):
            return [[]]
        out: list[list[HNode]] = []
        for j, h, grouped in best[key][2]:
            if grouped:
                node = leaf_node(headings[h])
                node.children = nodes[j : key[0]]
                tail = [node]
            else:
                tail = [nodes[j]]
            out.extend(head + tail for head in readings((j, h)))
            if len(out) >= MAX_READINGS:
                break
        return out[:MAX_READINGS]

    return end[0], end[1], readings((n, m))


def solve_banners(
    split: BannerSplit, n_leaves: Sequence[int], fits: Callable[[list[str]], bool]
) -> BannerGuess | None:
    """The best header tree for ``split`` with one of ``n_leaves`` leaf columns (the first count any
    reading fits wins) that ``fits`` (the rows' test) accepts; None when none does. A tie names the
    leaf columns whose groups the tied readings disagree on, when it can (``BannerGuess.doubtful``)."""
    optional = [i for i in join_points(split.cells) if i > split.n_fixed][:12]
    for n in n_leaves:
        joins_needed = len(split.cells) - n
        if joins_needed < 0 or joins_needed > min(MAX_JOINS, len(optional)):
            continue
        found: list[tuple[BannerGuess, list[list[HNode]]]] = []
        for joins in combinations(optional, joins_needed):
            cells, join_score = joined_frags(split.cells, joins)
            fixed = [leaf_node(f) for f in cells[: split.n_fixed]]
            # each level hangs over the first of the readings tied below it (its score and ways kept);
            # ``variants``: every tied reading so far (each level hung over each), listed while ``exact``
            nodes = [leaf_node(f) for f in cells[split.n_fixed :]]
            score, ways, variants, exact = join_score, 1, [nodes], True
            for level in reversed(split.levels):
                res = _hang(level, variants[0])
                if res is None:
                    break
                sc, w, _ = res
                score, ways = score + sc, ways * w
                hung: list[list[HNode]] = []
                for v in variants:
                    other = _hang(level, v)
                    if other is not None:
                        exact = exact and other[1] == len(other[2])
                        hung.extend(other[2])
                exact = exact and len(hung) <= MAX_READINGS
                variants = hung[:MAX_READINGS]
            else:
                best = [*fixed, *variants[0]]
                if fits(leaf_paths(best)):
                    kept = [[*fixed, *v] for v in variants] if exact else []
                    found.append((BannerGuess(best, score, max(ways, len(kept)) - 1), kept))
        if found:
            top = max(g.score for g, _ in found)
            winners = [(g, kept) for g, kept in found if abs(g.score - top) <= 1e-9]
            best = winners[0][0]
            best.ties = sum(g.ties + 1 for g, _ in winners) - 1
            if best.ties and all(kept for _, kept in winners):
                best.doubtful = _doubtful([r for _, kept in winners for r in kept])
            return best
    return None


def _doubtful(readings: list[list[HNode]]) -> frozenset[int] | None:
    """The leaf columns whose path differs among ``readings`` (every tied reading); None when they
    read a different number of columns."""
    paths = [leaf_paths(r) for r in readings]
    if len({len(p) for p in paths}) != 1:
        return None
    return frozenset(c for c in range(len(paths[0])) if len({p[c] for p in paths}) > 1)
