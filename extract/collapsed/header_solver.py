"""The header solver: the most plausible header tree for fragments printed row by row.

``solve_header`` tries the joins of fragments that may be one wrapped cell and every two-level
assignment of second-row cells to top-row groups, scores them by how plausible each group is
(``group_score``), and keeps the best, with the number of readings that tie.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from extract.collapsed.header import (
    Frag,
    HNode,
    is_label_group,
    is_label_leaf,
    is_sub_start,
    leaf_node,
    leaf_paths,
)
from extract.collapsed.tokens import is_amount
from extract.collapsed.words import BARE_WORDS, NEVER_GROUP, SUB_WORDS
from extract.relations import FISCAL, FISCAL_SOURCES
from extract.vocabulary import HEADER_WORDS, INDEX_HEADERS, TOTAL_WORDS

MAX_EXTRA_JOINS = 3

_BASIC_PARTS = ("人员经费", "公用经费", "人员支出", "日常公用支出", "公用支出")


@dataclass
class HeaderGuess:
    roots: list[HNode]
    score: float
    ties: int  # other structures scoring the same
    joins: int  # fragments joined beyond the confident ones


def group_score(parent: str, kids: Sequence[str]) -> float | None:
    """How plausible ``kids`` (in order) are as the sub-columns of ``parent``; None when impossible."""
    return _group_score_cached(parent, tuple(kids))


@lru_cache(maxsize=65536)
def _group_score_cached(parent: str, kids: tuple[str, ...]) -> float | None:
    if parent in NEVER_GROUP or parent.endswith("名称") or parent.startswith("其中") or is_amount(parent):
        return None
    if any(k in SUB_WORDS for k in kids):
        ok = kids == SUB_WORDS[: len(kids)] and len(kids) >= 2 and parent.endswith(("编码", "代码"))
        return 3.0 if ok else None
    if parent.endswith(("编码", "代码", "编号")):
        return None
    if parent.endswith("费") and "及" not in parent and not parent.endswith("经费"):
        return None  # 会议费, 培训费: one kind of expense, not a group of columns
    parts = [k for k in kids if k not in TOTAL_WORDS]
    if parts and all(k.startswith(_BASIC_PARTS) for k in parts):  # the parts of 基本支出 (小计 before them)
        if "项目" in parent or "专项" in parent:
            return None
        bonus = 2.0 if "基本" in parent else 0.0
    else:
        bonus = 0.0
    labels = [is_label_leaf(k) for k in kids]
    if all(labels):
        return 3.0 if (is_label_group(parent) or "科目" in parent) else None
    if any(labels):
        return None
    if is_label_group(parent) and not parent.startswith(("收入", "支出")):
        return None
    if any(k.startswith("其中") for k in kids[:1]) or any(k in INDEX_HEADERS for k in kids):
        return None
    score = 1.0 + bonus
    if len(kids) == 1:
        score -= 3.0
    if kids[0] in ("小计", "合计"):
        if len(kids) == 2 and not kids[1].startswith("其中"):
            return None  # a subtotal adds up two parts or more, never one (its 其中 part aside)
        score += 1.0
    sources = sum(k.startswith(FISCAL_SOURCES) for k in kids)
    if sources and "非" + FISCAL in parent:
        return None  # 使用非财政拨款结余: no money of the fiscal sources (一般公共预算 …) is under it
    if sources >= 2 and FISCAL in parent and not parent.startswith(FISCAL_SOURCES):
        score += 1.0  # 财政拨款 = Σ 一般公共预算, 政府性基金预算, 国有资本经营预算
    if len(parent) > 2 and sum(k.endswith(parent[-2:]) for k in kids) * 2 > len(kids):
        score += 1.0  # 本年收入: 财政拨款收入, 事业收入, …
    if parent.replace(" ", "") in ("收入", "支出") and kids[0] == "项目":
        score += 2.0
    score -= sum(2.0 for k in kids if k in BARE_WORDS)
    return score


def root_leaf_score(text: str) -> float | None:
    if text in SUB_WORDS or text == "小计" or text.startswith("其中"):
        return None
    return -1.0 if text in BARE_WORDS else 0.0


def _two_level(frags: list[Frag], k: int, n_groups: int | None) -> tuple[float, int, list[HNode]] | None:
    """Top row ``frags[:k]``, second row ``frags[k:]``: the best assignment of the second-row cells
    to top-row groups (in order, each group a run of them), its score, and how many assignments tie."""
    top, sub = frags[:k], frags[k:]
    m = len(sub)
    texts = tuple(x.text for x in sub)
    State = tuple[int, int]  # (sub cells used, groups)
    layers: list[dict[State, tuple[float, int, tuple[int, int, int | None] | None]]] = [
        {(0, 0): (0.0, 1, None)}
    ]
    for f in top:
        nxt: dict[State, tuple[float, int, tuple[int, int, int | None] | None]] = {}

        def put(
            key: State,
            val: float,
            ways: int,
            back: tuple[int, int, int | None],
            nxt: dict[State, tuple[float, int, tuple[int, int, int | None] | None]] = nxt,
        ) -> None:
            old = nxt.get(key)
            if old is None or val > old[0] + 1e-9:
                nxt[key] = (val, ways, back)
            elif abs(val - old[0]) <= 1e-9:
                nxt[key] = (old[0], old[1] + ways, old[2])

        leaf = root_leaf_score(f.text)
        pos = len(layers) - 1
        # a cell printed alone on its line, between the top row and the sub-row, spans columns
        alone = 0.5 if f.line_start and (pos + 1 == len(top) or top[pos + 1].line_start) and pos else 0.0
        for (j, g), (val, ways, _) in layers[-1].items():
            if leaf is not None:
                put((j, g), val + leaf, ways, (j, g, None))
            if n_groups is not None and g >= n_groups:
                continue
            for j2 in range(j + 1, m + 1):
                sc = _group_score_cached(f.text, texts[j:j2])
                if sc is not None:
                    put((j2, g + 1), val + sc + alone, ways, (j, g, j2))
        if not nxt:
            return None
        layers.append(nxt)
    finals = [(key, v) for key, v in layers[-1].items() if key[0] == m and key[1] >= 1]
    if n_groups is not None:
        finals = [(key, v) for key, v in finals if key[1] == n_groups]
    if not finals:
        return None
    top_val = max(v[0] for _, v in finals)
    winners = [(key, v) for key, v in finals if abs(v[0] - top_val) <= 1e-9]
    ways = sum(v[1] for _, v in winners)
    roots: list[HNode] = []
    key = winners[0][0]
    for i in range(len(top), 0, -1):
        back = layers[i][key][2]
        assert back is not None
        pj, pg, j2 = back
        node = leaf_node(top[i - 1])
        if j2 is not None:
            node.children = [leaf_node(x) for x in sub[pj:j2]]
        roots.append(node)
        key = (pj, pg)
    return top_val, ways, list(reversed(roots))


def joined_frags(frags: list[Frag], joins: tuple[int, ...]) -> tuple[list[Frag], float]:
    """The fragments with ``joins`` (indexes joined to the one before) applied, and the joins' score:
    a join making a known column name counts for, any other against."""
    out: list[Frag] = []
    score = 0.0
    for i, f in enumerate(frags):
        if i in joins and out:
            prev = out[-1]
            text = prev.text + f.text
            score += 1.0 if text in HEADER_WORDS else -0.5
            out[-1] = Frag(text, prev.first, f.last, prev.line_start, prev.may_join)
        else:
            out.append(Frag(f.text, f.first, f.last, f.line_start, f.may_join))
    return out, score


def join_points(frags: list[Frag]) -> list[int]:
    """Fragments that may be the wrapped rest of the one before: the joined text is a known column
    name, or neither part is one."""
    out: list[int] = []
    for i in range(1, len(frags)):
        if not frags[i].may_join or is_sub_start(frags[i].text):
            continue  # '其中：…' starts a cell of its own
        a, b = frags[i - 1].text, frags[i].text
        if a + b in HEADER_WORDS or (a not in HEADER_WORDS and b not in HEADER_WORDS):
            out.append(i)
    return out


def solve_header(
    frags: list[Frag],
    n_cols: Sequence[int] | None,
    fits: Callable[[list[str]], bool] | None = None,
) -> HeaderGuess | None:
    """The most plausible header tree for fragments printed row by row (top-row cells, then the
    cells under the groups, each row left to right), with ``n_cols`` leaf columns (any of them;
    None: unknown). Fragments marked ``may_join`` may be the wrapped rest of the one before.
    ``fits(leaf names)`` rejects trees the table's rows contradict. None when nothing fits."""
    if len(frags) > 24:
        return None
    optional = join_points(frags)[:12]
    found: list[HeaderGuess] = []
    max_joins = min(MAX_EXTRA_JOINS if len(optional) <= 8 else 2, len(optional))
    for n_join in range(max_joins + 1):
        for joins in combinations(optional, n_join):
            fs, join_score = joined_frags(frags, joins)
            counts = list(n_cols) if n_cols is not None else [None]
            for n in counts:
                cands: list[tuple[float, int, list[HNode]]] = []
                if n is None or len(fs) == n:
                    leaf_scores = [root_leaf_score(f.text) for f in fs]
                    if all(x is not None for x in leaf_scores):
                        cands.append((sum(x or 0.0 for x in leaf_scores), 1, [leaf_node(f) for f in fs]))
                n_groups = None if n is None else len(fs) - n
                if n_groups is None or n_groups >= 1:
                    for k in range(1, len(fs)):
                        if fs[k].line_start:
                            res = _two_level(fs, k, n_groups)
                            if res is not None:
                                cands.append(res)
                for val, ways, roots in cands:
                    if fits is not None and not fits(leaf_paths(roots)):
                        continue
                    found.append(HeaderGuess(roots, val + join_score, ways - 1, n_join))
    if not found:
        return None
    top = max(g.score for g in found)
    winners = [g for g in found if abs(g.score - top) <= 1e-9]
    shapes = {tuple((r.text, tuple(c.text for c in r.children)) for r in g.roots) for g in winners}
    best = winners[0]
    best.ties = max(best.ties, len(shapes) - 1)
    return best
