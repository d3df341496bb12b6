"""Space-aligned table blocks, as ``pdftotext -layout`` prints them.

A cell is a run of text whose words are separated by single spaces; cells are
separated by two or more spaces (or an ideographic space). Tight columns can touch
with one space, so a run is also split on a single space next to an amount or a code
(``1 11,616,268.27``, ``208 社会保障和就业支出``).

``pdftotext`` keeps the order of the cells on a line but not their exact positions: a
CJK character is wider than the space it measures with, and a row whose left cells
are empty is shifted left. So:

* each page (``\f``) is laid out on its own (every page has its own positions; a
  header repeated on a continuation page is that page's header, not body);
* the body's columns come from its *fullest* rows (those with the most cells): column
  ``i`` sits at the median position of their ``i``-th cells and holds amounts or text
  as most of them do. Any other row is matched to the columns in order, by position,
  never putting an amount in a text column or text in an amount column when another
  fit exists (a small dynamic programme);
* header rows are matched to those columns by *leaves*: a cell of the lowest header
  row, or an upper cell with nothing printed below it. Leaves and body columns are
  aligned in order; a leaf no body column matches becomes a column the body never
  fills. An upper cell that is not a leaf spans the leaves below it, between its
  neighbours (a centred group label such as ``收  入``). Column-number rows (栏次 1 2 3)
  are placed in order.

A body line holding a single text cell under a text cell, and not starting a new item
(no code, no ``1、``/``（一）`` numbering, no 合计), is a wrapped cell: it is appended
to the cell above. Performance tables keep every row as laid out, with no spans; their
``header_rows`` follow ``extract.headers`` (down to the 一级指标 row).

A multi-row header is rebuilt from its words (``_rebuild_header``), with any number of levels:
words printed one above the other form stacks, split into cells where a word is a group label over
the next one (a label narrower than the word under it; a sibling beside the lower word with nothing
printed above it; words printed between the two under the upper one), else the lines of one wrapped
cell. A cell with cells printed under its words, or a top-line cell with lower cells on both sides, is
a group label; the other cells are the columns (*leaves*), in order of position. Each label spans a
run of leaves printed below it (every leaf under its words; only name columns under a label naming a
classification, ``…科目`` › 科目编码 科目名称), the spans nested (outer labels above) or apart, and every
leaf centred below the header's middle line under some label (a leaf under no label spans the whole
header and is centred at its middle). Among such assignments the one taken keeps each label centred
over its span and the leaves directly under one label centred on one line (they span down from the
same row); top-line labels over repeated groups of children (项目 预算数 | 项目 预算数, 预算数 › 合计 … |
决算数 › 合计 …) split where the first child's name comes again. The columns are matched to the body
columns in order by position, an amount column never under a name-like header (编码/名称/项目/备注…). A
rebuild that does not fit (no assignment, fewer columns than the body, a 栏次 row counting differently,
a body column far from its header column) falls back to the leaf alignment below.

Rows whose reading is uncertain get a ``Table.row_issues`` entry (their records go to
review): every body row of a table whose multi-row header could not be rebuilt, or whose
split of children among group labels is nearly tied with another (centred labels, drifting
positions); a row whose amounts are
spaced differently from their columns (right-aligned amounts keep their spacing whatever
shifts the row); and rows on a page whose body fills fewer columns than the header names, unless
``_place_by_edges`` places every number column surely: column boxes come from the 栏次 numbers
(digits do not drift) or the header words' printed centres (a CJK character is two grid columns
wide on paper, one in the text); a right-aligned number ends between its own column's centre and
the next one's, left-aligned text starts between the previous centre and its own.

A row whose amounts are spaced differently from their columns is settled by its sums
(``row_sums``: a 合计/小计/总计 column is the total of the columns after it under the same labels, a
nested group counting by its own 小计): when exactly one placement of its trailing amounts keeps
their spacing (the row shifted as a whole) and makes every sum hold with its total printed, the
amounts go there and the doubt is lifted.

Evidence that makes a reading sure without positions: when order and kind leave a single
placement of the body columns under the header (amount columns never under 编码/名称/行次/备注…,
``forced_placement``), a body filling fewer columns than the header names is not in doubt. A row
naming an enumerated item (``11、``, ``(5)``) ends the header even without an amount. A group label
narrower than the word under it is a label over a wrapped cell, not the cell's first line. A header
rebuilt with a nearly tied split among its group labels gets its own reason (``SPLIT_GUESS``) so that
classify can confirm the split (two-sided summary tables: item names fix each column's side); a page
whose header reads differently from the table's first page gets ``PAGE_MISMATCH`` on its rows.

``parse_block(lines, first_line)`` → ``Table`` (``seq=0``, ``title=''``).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from extract.headers import count_header_rows, increasing_columns, is_performance_grid
from extract.model import SPLIT_GUESS, Cell, Table
from extract.numbers import parse_amount
from extract.vocabulary import (
    INDEX_HEADERS,
    TOTAL_SUFFIX,
    TOTAL_WORDS,
    indicator_header_index,
    is_column_number_row,
)

SEGMENT_RE = re.compile(r"\S+(?: \S+)*")
_NEW_ITEM_RE = re.compile(
    r"^(?:\d{3,}|[0-9０-９]+\s*[、.．]|[（(][0-9一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|其中|合\s*计|总\s*计|小\s*计)"
)
_MISMATCH = 200.0  # cost of an amount in a text column (or text in an amount column)
UNCERTAIN_HEADER = "multi-row header read from space-aligned text; column names are uncertain"


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
_STANDALONE = {*TOTAL_WORDS, *INDEX_HEADERS, "项目", "金额", "科目", "备注"}
# two-character words a header may print with their characters spread apart (合    计)
_SPACED_WORDS = {*_STANDALONE, "其中"}


def _join_spaced_words(segs: list[Seg]) -> list[Seg]:
    """``合    计``: a two-character word printed with its characters spread over the cell is
    one cell, not two."""
    out: list[Seg] = []
    for seg in segs:
        if out and len(out[-1].text) == 1 and len(seg.text) == 1 and out[-1].text + seg.text in _SPACED_WORDS:
            out[-1] = Seg(out[-1].start, seg.end, out[-1].text + seg.text)
        else:
            out.append(seg)
    return out


def _splits(left: str, right: str, index: int) -> bool:
    """Between two words one space apart: a cell boundary when either word is an amount
    or a code (``1 11,616,268.27``, ``208 社会保障和就业支出``, ``一、部门预算 2,979,565.00``)."""
    return parse_amount(left) is not None or parse_amount(right) is not None


def _is_text(seg: Seg) -> bool:
    return parse_amount(seg.text) is None


def _align(a: list[float], b: list[float]) -> list[int]:
    """Monotone alignment of positions ``a`` onto positions ``b`` (len(a) <= len(b)):
    for each ``a[i]`` the index in ``b`` it matches, order kept, total distance minimal."""
    m, n = len(a), len(b)
    inf = float("inf")
    dp = [[inf] * (n + 1) for _ in range(m + 1)]
    for j in range(n + 1):
        dp[0][j] = 0.0
    for i in range(1, m + 1):
        for j in range(i, n + 1):
            dp[i][j] = min(dp[i][j - 1], dp[i - 1][j - 1] + abs(a[i - 1] - b[j - 1]))
    out = [0] * m
    i, j = m, n
    while i > 0:
        if j > i and dp[i][j] == dp[i][j - 1]:
            j -= 1
        else:
            out[i - 1] = j - 1
            i -= 1
            j -= 1
    return out


def _centre(seg: Seg) -> float:
    return (seg.start + seg.end) / 2


def _overlaps(a: Seg, b: Seg) -> bool:
    return min(a.end, b.end) - max(a.start, b.start) > 0


def _header_layout(
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
            lo = (_centre(row[k - 1]) + _centre(s)) / 2 if k else float("-inf")
            hi = (_centre(row[k + 1]) + _centre(s)) / 2 if k + 1 < len(row) else float("inf")
            zone = [b for b in below if lo <= _centre(b) <= hi]
            straddles = any(_centre(b) < s.start for b in zone) and any(_centre(b) > s.end for b in zone)
            if r == nrows - 1 or not (any(_overlaps(s, b) for b in below) or straddles):
                leaves.append((r, s))
    leaves.sort(key=lambda x: _centre(x[1]))
    col_centres = [(a + b) / 2 for a, b in cols]
    leaf_centres = [_centre(s) for _, s in leaves]
    if len(leaves) >= len(cols):
        match = _align(col_centres, leaf_centres)
        body_to_final = match
        n_final = len(leaves)
        leaf_col = list(range(len(leaves)))
    else:
        match = _align(leaf_centres, col_centres)
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
                and min(siblings, key=lambda y: abs(_centre(y) - _centre(x))) is seg
            ]
            if not under:
                under = [_nearest(seg, leaves, leaf_col)]
            placed[r].append((min(under), max(under) - min(under) + 1, 1, seg.text))
    if len(leaves) >= len(cols):
        anchors = [(_phys_centre(s.start, s.text), s.text) for _, s in leaves]
    else:
        anchors = [((a + b) / 2, "") for a, b in cols]
    return body_to_final, n_final, placed, anchors


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
    most two characters that is no header word by itself (``科目 编码``, ``财政拨款 收入``, ``一般公共预算 财``): single spaces in
    a header line come both from a cell's own spacing and from two cells touching."""
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
                if merged and len(w.text) <= 2 and w.text not in _STANDALONE:
                    last = merged[-1]
                    merged[-1] = _Tok(r, last.start, w.end, last.text + w.text)
                else:
                    merged.append(w)
            out.extend(merged)
    return out


_CLUSTER_TOL = 3.0
_SUB_LABELS = {"类", "款", "项", "目", "节"}
_WRAP_GAP = 6.0


def _is_wrap_tail(rest: list[_Tok], toks: list[_Tok]) -> bool:
    """The words under a top-line header word are the end of its own text wrapped onto a
    later line (one or two characters, no header word by itself, no sibling label close
    beside them), not a child column of a group label."""
    if len(rest) != 1:
        return False
    tail = rest[0]
    if len(tail.text) > 2 or tail.text in _STANDALONE or tail.text in _SUB_LABELS:
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


def _label_over(upper: _Tok, lower: _Tok, k: int, clusters: list[list[_Tok]], toks: list[_Tok]) -> bool:
    """Two words of one stack: is ``upper`` a group label over ``lower`` (else they are the lines of
    one wrapped cell)? A label narrower than the word under it is a label (a wrapped cell's first
    line is its widest); a short fragment alone under a word is the word's wrapped end; a *sibling*
    makes a label: a word on the lower line, close beside ``lower`` or under ``upper``'s printed
    width, with nothing printed above it up to ``upper``'s line (a neighbouring cell's wrapped end
    has its own first line above it); so does a neighbouring stack printed below ``upper``'s line
    and reaching the lower line."""
    if _display_width(upper.text) < _display_width(lower.text) - 1:
        return True
    if _is_wrap_tail([lower], toks):
        return False
    if any(
        upper.line < t.line < lower.line and min(t.end, upper.end) - max(t.start, upper.start) > 0
        for t in toks
    ):
        return True  # words printed between them under ``upper``: not one cell's lines
    reach = upper.start + (len(upper.text) + _display_width(upper.text)) / 2
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
            return True
    nbrs = [clusters[j] for j in (k - 1, k + 1) if 0 <= j < len(clusters)]
    return any(all(t.line > upper.line for t in x) and any(t.line == lower.line for t in x) for x in nbrs)


def _header_nodes(toks: list[_Tok]) -> list[_Node]:
    """Header cells: stacks of words split where a word is a group label over the next one."""
    clusters = _clusters(toks)
    nodes: list[_Node] = []
    for k, cl in enumerate(clusters):
        cur = [cl[0]]
        for upper, lower in itertools.pairwise(cl):
            if _label_over(upper, lower, k, clusters, toks):
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


_NAME_GROUP = re.compile(r"(?:科目|项目|编码|代码|名称)$")
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


def _rebuild_header(header: list[list[Seg]]) -> tuple[list[_HeadCol], bool] | None:
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
    cols: list[_HeadCol] = []
    for i, leaf in enumerate(leaves):
        over = [g for g, (a, b) in zip(groups, spans, strict=True) if a <= i <= b]
        cols.append(_HeadCol(sorted(over, key=lambda g: g.top), leaf.toks))
    return cols, sure


_MATCH_LIMIT = 20.0  # a body column further than this from its header column: not trusted


_DESCRIPTOR_NAME = re.compile(rf"(?:编码|代码|名称|项目|科目|{'|'.join(INDEX_HEADERS)}|备注|说明|简介|内容)$")
_MONEY_RE = re.compile(r"^-?[\d,]*\.\d+$|^-?\d{1,3}(?:,\d{3})+$")


def _money_columns(body: list[list[Seg]], assign: list[list[int]], n: int) -> list[bool]:
    """Per body column: do most of its cells print money (decimals or thousands separators)?
    Codes and row numbers are bare integers."""
    votes = [[0, 0] for _ in range(n)]
    for row, cols in zip(body, assign, strict=True):
        for seg, c in zip(row, cols, strict=True):
            votes[c][0 if _MONEY_RE.match(seg.text) else 1] += 1
    return [a > b for a, b in votes]


def _rebuilt_layout(
    header: list[list[Seg]], cols: list[tuple[int, int]], n_numbers: int, money: list[bool]
) -> tuple[list[int], int, list[list[tuple[int, int, int, str]]], bool, list[tuple[float, str]]] | None:
    """``_header_layout``'s result from ``_rebuild_header`` and whether it is sure, or None when the rebuild is not
    consistent (fewer header columns than body columns, a body column far from the header
    column it is matched to, a 栏次 row counting other columns)."""
    rebuilt = _rebuild_header(header)
    if rebuilt is None:
        return None
    head, sure = rebuilt
    named = [bool(_DESCRIPTOR_NAME.search(h.name)) for h in head]
    if len(head) < len(cols) or (n_numbers and not n_numbers <= len(head) <= n_numbers + sum(named)):
        return None
    centres = [(a + b) / 2 for a, b in cols]
    cost = [
        [abs(x - h.centre) + (_MISMATCH if money[i] and named[j] else 0.0) for j, h in enumerate(head)]
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
    anchors = [(sum(_phys_centre(t.start, t.text) for t in h.toks) / len(h.toks), h.name) for h in head]
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
                    others = [x for x in rows[r] if x is not low and _overlaps(x, up)]
                    if not others:
                        rows[rr][rows[rr].index(up)] = Seg(up.start, max(up.end, low.end), up.text + low.text)
                        continue
            keep.append(low)
        rows[r] = keep
    return rows  # a row may end up empty; row indices stay those of the header


def _nearest(seg: Seg, leaves: list[tuple[int, Seg]], leaf_col: list[int]) -> int:
    i = min(range(len(leaves)), key=lambda i: abs(_centre(leaves[i][1]) - _centre(seg)))
    return leaf_col[i]


@dataclass
class _Chunk:
    """One page of the block: header rows placed, body rows as texts per final column."""

    header: list[list[tuple[int, int, int, str]]]  # per header row: (col, colspan, rowspan, text)
    header_lines: list[int]
    body: list[list[str]]
    body_lines: list[list[int]]
    ncols: int
    issues: dict[int, str] = field(default_factory=dict)  # body row → why its columns are uncertain
    uncertain_header: bool = False  # a multi-row header the rebuild could not read
    split_guess: bool = False  # rebuilt, but which columns each group label covers is nearly tied


def _body_columns(body: list[list[Seg]]) -> tuple[list[tuple[int, int]], list[list[int]]]:
    """Columns of the body rows and, per row, the column of each of its cells.

    A progressive alignment: the fullest row gives a first model (position and kind —
    amount or text — of each column); every other row, fullest first, is aligned to the
    model in order, a cell matching a column of its kind near its position, or opening a
    new column where none fits (row 8 of a summary table prints its 支出 amount where
    row 1 printed nothing). A last pass places every row on the finished model.
    """
    order = sorted(range(len(body)), key=lambda i: -len(body[i]))
    model: list[list[float]] = []  # per column: [sum of centres, count, numeric(1/0)]
    for i in order:
        row = body[i]
        if not model:
            model = [[_centre(seg), 1.0, 0.0 if _is_text(seg) else 1.0] for seg in row]
            continue
        for seg, col, new in _align_row(row, model, allow_new=True):
            if new:
                model.insert(col, [_centre(seg), 1.0, 0.0 if _is_text(seg) else 1.0])
            else:
                model[col][0] += _centre(seg)
                model[col][1] += 1
    assign = [[col for _, col, _ in _align_row(row, model, allow_new=False)] for row in body]
    spans: list[list[int]] = [[10**9, -1] for _ in model]
    for row, cols in zip(body, assign, strict=True):
        for seg, c in zip(row, cols, strict=True):
            spans[c][0] = min(spans[c][0], seg.start)
            spans[c][1] = max(spans[c][1], seg.end)
    cols_out = []
    for c, (a, b) in enumerate(spans):
        if b < 0:  # a model column no row kept (cannot happen after the last pass; be safe)
            centre = model[c][0] / model[c][1]
            a, b = int(centre), int(centre) + 1
        cols_out.append((a, b))
    return cols_out, assign


_NEW_COLUMN = 30.0


def _align_row(row: list[Seg], model: list[list[float]], allow_new: bool) -> list[tuple[Seg, int, bool]]:
    """Cells of ``row`` → (cell, column, opens a new column) in order, cheapest overall.

    Matching a column costs the distance to its mean position (an amount in a text
    column, or text in an amount column, costs ``_MISMATCH`` more); opening a new column
    costs ``_NEW_COLUMN``; skipping a column (an empty cell) is free.
    """
    n, m = len(row), len(model)
    inf = float("inf")
    # best[i][j]: cheapest way to place the first i cells using the first j model columns
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    move: list[list[tuple[int, int, str] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    for j in range(m + 1):
        best[0][j] = 0.0
        move[0][j] = (0, j - 1, "skip") if j else None
    for i in range(1, n + 1):
        seg = row[i - 1]
        centre = _centre(seg)
        numeric = not _is_text(seg)
        for j in range(m + 1):
            options: list[tuple[float, tuple[int, int, str]]] = []
            if j and best[i][j - 1] < inf:
                options.append((best[i][j - 1], (i, j - 1, "skip")))
            if j and best[i - 1][j - 1] < inf:
                mean = model[j - 1][0] / model[j - 1][1]
                kind = model[j - 1][2] >= 0.5
                cost = abs(centre - mean) + (_MISMATCH if numeric != kind else 0.0)
                options.append((best[i - 1][j - 1] + cost, (i - 1, j - 1, "match")))
            if allow_new and best[i - 1][j] < inf:
                options.append((best[i - 1][j] + _NEW_COLUMN, (i - 1, j, "new")))
            if options:
                best[i][j], move[i][j] = min(options, key=lambda o: o[0])
    out: list[tuple[Seg, int, bool]] = []
    i, j = n, m
    while i > 0:
        step = move[i][j]
        assert step is not None
        pi, pj, kind = step
        if kind == "match":
            out.append((row[i - 1], j - 1, False))
        elif kind == "new":
            out.append((row[i - 1], j, True))
        i, j = pi, pj
    out.reverse()
    # columns opened by this row shift the later ones: renumber in order
    shift = 0
    fixed: list[tuple[Seg, int, bool]] = []
    for seg, col, new in out:
        fixed.append((seg, col + shift, new))
        if new:
            shift += 1
    return fixed


_ENUMERATED_RE = re.compile(
    r"^(?:[0-9０-９]+\s*、|[（(][0-9一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)"
)


def first_item_row(rows: list[list[str]]) -> int:
    """Index of the first row naming an enumerated item (``11、节能环保支出``, ``(5)资本性支出``,
    ``一、财政拨款``), ``len(rows)`` when none does. Header cells are not numbered like that, so such a
    row is body even when it prints no amount (a continuation page of a summary table whose first
    rows name only items)."""
    for i, row in enumerate(rows):
        if any(_ENUMERATED_RE.match(c.strip()) for c in row):
            return i
    return len(rows)


def _parse_chunk(rows: list[list[Seg]], numbers: list[int], perf: bool, allow_header: bool) -> _Chunk:
    texts = [[s.text for s in r] for r in rows]
    header_rows = min(count_header_rows(texts), len(rows)) if (allow_header or perf) else 0
    header_rows = min(header_rows, first_item_row(texts))
    if perf:
        header_rows = 0  # performance tables: every row as laid out
    body = rows[header_rows:]
    if body:
        cols, assign = _body_columns(body)
    else:
        named = [r for r in rows if not is_column_number_row([s.text for s in r])] or rows
        cols = [(s.start, s.end) for s in max(named, key=len)]
        assign = []
    head = rows[:header_rows]
    named_idx = [i for i, r in enumerate(head) if not is_column_number_row([s.text for s in r])]
    rebuilt = None
    if named_idx:
        numbered = [r for i, r in enumerate(head) if i not in named_idx]
        n_numbers = max((sum(s.text.isdecimal() for s in r) for r in numbered), default=0)
        money = _money_columns(body, assign, len(cols)) if body else [False] * len(cols)
        rebuilt = _rebuilt_layout([head[i] for i in named_idx], cols, n_numbers, money)
    uncertain = len(named_idx) > 1 and rebuilt is None
    split_guess = len(named_idx) > 1 and rebuilt is not None and not rebuilt[3]
    if rebuilt is not None:
        body_to_final, ncols, placed_named, _, anchors = rebuilt
    elif named_idx:
        body_to_final, ncols, placed_named, anchors = _header_layout([head[i] for i in named_idx], cols)
    else:
        body_to_final, ncols, placed_named, anchors = list(range(len(cols))), len(cols), [], []
    placed_by_edges = False
    if body and len(cols) < ncols and len(anchors) == ncols:
        numbered_rows = [r for i, r in enumerate(head) if i not in named_idx]
        by_edges = _place_by_edges(body, assign, cols, anchors, numbered_rows)
        if by_edges is not None:
            body_to_final, placed_by_edges = by_edges
    placed: list[list[tuple[int, int, int, str]]] = [[] for _ in head]
    for j, i in enumerate(named_idx):
        placed[i] = placed_named[j]
    final_centres = _final_centres(cols, body_to_final, ncols)
    for i, r in enumerate(head):
        if i in named_idx:
            continue
        if len(r) == ncols:
            placed[i] = [(c, 1, 1, s.text) for c, s in enumerate(r)]
        else:
            path = (
                increasing_columns([[abs(_centre(s) - x) for x in final_centres] for s in r])
                if ncols >= len(r)
                else []
            )
            placed[i] = [(c, 1, 1, s.text) for c, s in zip(path, r, strict=False)]
    body_grid: list[list[str]] = []
    body_lines: list[list[int]] = []
    issues: dict[int, str] = {}
    ends = _numeric_ends(body, assign)
    money_cols = _money_columns(body, assign, len(cols)) if body else []
    sums = row_sums(placed, ncols)
    # the header names more columns than the body fills: which leaf each body column sits under
    # was matched by position alone, and positions drift after wide characters
    unmatched = len(cols) < ncols and any(len(r) > 1 for r in head if r) and not placed_by_edges
    if unmatched and len(anchors) == ncols:
        named = [bool(_DESCRIPTOR_NAME.search(name)) for _, name in anchors]
        forced = forced_placement(_money_columns(body, assign, len(cols)), named)
        unmatched = forced != body_to_final
    for r, (row, cols_of) in enumerate(zip(body, assign, strict=True)):
        ln = numbers[header_rows + r]
        filled = [""] * ncols
        for seg, c in zip(row, cols_of, strict=True):
            fc = body_to_final[c]
            filled[fc] = f"{filled[fc]} {seg.text}" if filled[fc] else seg.text
        if body_grid and len(row) == 1 and _is_text(row[0]) and not _NEW_ITEM_RE.match(row[0].text):
            c = next(i for i, t in enumerate(filled) if t)
            above = body_grid[-1][c]
            if above and parse_amount(above) is None:
                body_grid[-1][c] = above + row[0].text
                body_lines[-1][1] = ln
                continue
        doubt = _spacing_doubt(row, cols_of, ends)
        if doubt:
            settled = _settle_by_sums(row, cols_of, ends, money_cols, body_to_final, sums)
            if settled is not None:
                cols_of, doubt = settled, ""
                filled = [""] * ncols
                for seg, c in zip(row, cols_of, strict=True):
                    fc = body_to_final[c]
                    filled[fc] = f"{filled[fc]} {seg.text}" if filled[fc] else seg.text
        if not doubt and unmatched and any(not _is_text(seg) for seg in row):
            doubt = f"the body fills {len(cols)} of {ncols} header columns; matched by position only"
        if doubt:
            issues[len(body_grid)] = doubt
        body_grid.append(filled)
        body_lines.append([ln, ln])
    return _Chunk(placed, numbers[:header_rows], body_grid, body_lines, ncols, issues, uncertain, split_guess)


_SPACING_TOLERANCE = 3


def _numeric_ends(body: list[list[Seg]], assign: list[list[int]]) -> dict[int, float]:
    """Per body column holding amounts: the median end position of its amounts (they are
    right-aligned, so ends line up better than starts)."""
    per: dict[int, list[int]] = {}
    for row, cols in zip(body, assign, strict=True):
        for seg, c in zip(row, cols, strict=True):
            if not _is_text(seg):
                per.setdefault(c, []).append(seg.end)
    return {c: sorted(v)[len(v) // 2] for c, v in per.items()}


def _spacing_doubt(row: list[Seg], cols: list[int], ends: dict[int, float]) -> str:
    """Why the columns of a row's amounts are uncertain ('' when they are not).

    Text before the amounts (a long name) shifts them right by the same offset, so the
    spacing *between* a row's amounts must match the spacing between their columns; when it
    does not, the row may have been matched one column off."""
    nums = [(seg, c) for seg, c in zip(row, cols, strict=True) if not _is_text(seg) and c in ends]
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
                if TOTAL_SUFFIX.search(names[x]) or _DESCRIPTOR_NAME.search(names[x]):
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


def _settle_by_sums(
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
    while k > 0 and not _is_text(row[k - 1]) and _MONEY_RE.match(row[k - 1].text):
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


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _phys_centre(start: int, text: str) -> float:
    """Where a header word's centre was printed: pdftotext gives a wide character one column of
    its grid though it takes two, so a CJK word reaches further right than its characters do."""
    return start + _display_width(text) / 2


_EDGE_MARGIN = 0.5


def _place_by_edges(
    body: list[list[Seg]],
    assign: list[list[int]],
    cols: list[tuple[int, int]],
    anchors: list[tuple[float, str]],
    numbered: list[list[Seg]],
) -> tuple[list[int], bool] | None:
    """Final column of each body column when the header names more columns than the body
    fills, and whether that placement is sure.

    Column boxes are located by the header (a 栏次 row's numbers first: they are digits,
    centred in their boxes, so their positions do not drift); an amount is right-aligned in
    its box, so its right end lies between its own column's centre and the next one's. Text
    columns go to the nearest header column. Sure when every amount column's end falls inside
    one such interval with a margin."""
    xs = [x for x, _ in anchors]
    n = len(xs)
    for r in numbered:
        digits = [s for s in r if s.text.isdecimal()]
        if digits and len(digits) <= n:
            path = increasing_columns([[abs(_centre(s) - x) for x in xs] for s in digits])
            for s, k in zip(digits, path, strict=True):
                xs[k] = _centre(s)
    if any(b <= a for a, b in zip(xs, xs[1:], strict=False)):
        return None
    money = _money_columns(body, assign, len(cols))
    starts: dict[int, list[int]] = {}
    ends_all: dict[int, list[int]] = {}
    numeric = [True] * len(cols)
    for row, cs in zip(body, assign, strict=True):
        for seg, c in zip(row, cs, strict=True):
            starts.setdefault(c, []).append(seg.start)
            ends_all.setdefault(c, []).append(seg.end)
            if _is_text(seg):
                numeric[c] = False
    named = [bool(_DESCRIPTOR_NAME.search(name)) for _, name in anchors]
    inf = float("inf")
    cost: list[list[float]] = []
    inside: list[list[bool]] = []
    for i in range(len(cols)):
        # numbers (amounts, codes) are right-aligned: their end lies between their column's centre
        # and the next one's; text is left-aligned: its start lies between the previous centre and its own
        x = _median(ends_all[i]) if numeric[i] else _median(starts[i])
        row_cost, row_in = [], []
        for k in range(n):
            if numeric[i]:
                lo, hi = xs[k], (xs[k + 1] if k + 1 < n else inf)
            else:
                lo, hi = (xs[k - 1] if k else -inf), xs[k]
            ok = lo + _EDGE_MARGIN <= x <= hi - _EDGE_MARGIN
            c = 0.0 if lo < x < hi else min(abs(x - lo), abs(x - hi)) + 1.0
            c += _MISMATCH if money[i] and named[k] else 0.0
            row_cost.append(c)
            row_in.append(ok)
        cost.append(row_cost)
        inside.append(row_in)
    path = increasing_columns(cost)
    sure = all(inside[i][k] and cost[i][k] == 0.0 for i, k in enumerate(path) if numeric[i])
    return path, sure


def forced_placement(money: list[bool], named: list[bool]) -> list[int] | None:
    """The header column of each body column when order and kind leave only one choice, else None.

    Body columns keep their order under the header columns, and a column printing money never sits
    under a name-like header (编码/名称/项目/备注…); other body columns may sit anywhere. When exactly
    one such placement exists (``编码 名称 合计 人员 公用 备注`` over a body of code, name and three
    amount columns), positions do not matter: the placement is sure."""
    m, n = len(money), len(named)
    if m > n:
        return None
    # ways[i][j]: placements (counted up to 2) of the body columns i.. onto the header columns j..
    ways = [[0] * (n + 1) for _ in range(m + 1)]
    for j in range(n + 1):
        ways[m][j] = 1
    for i in range(m - 1, -1, -1):
        for j in range(n - 1, -1, -1):
            here = ways[i + 1][j + 1] if not (money[i] and named[j]) else 0
            ways[i][j] = min(2, ways[i][j + 1] + here)
    if ways[0][0] != 1:
        return None
    out: list[int] = []
    j = 0
    for i in range(m):
        while (money[i] and named[j]) or ways[i + 1][j + 1] == 0:
            j += 1
        out.append(j)
        j += 1
    return out


def _median(values: list[int]) -> float:
    v = sorted(values)
    return float(v[len(v) // 2])


def _final_centres(cols: list[tuple[int, int]], body_to_final: list[int], ncols: int) -> list[float]:
    """A position for every final column (interpolated for columns the body never fills)."""
    known = {body_to_final[i]: (a + b) / 2 for i, (a, b) in enumerate(cols)}
    out: list[float] = []
    for c in range(ncols):
        if c in known:
            out.append(known[c])
        else:
            left = max((k for k in known if k < c), default=None)
            right = min((k for k in known if k > c), default=None)
            if left is not None and right is not None:
                out.append(known[left] + (known[right] - known[left]) * (c - left) / (right - left))
            elif left is not None:
                out.append(known[left] + 10.0 * (c - left))
            elif right is not None:
                out.append(known[right] - 10.0 * (right - c))
            else:
                out.append(10.0 * c)
    return out


PAGE_MISMATCH = (
    "the header on this page reads differently from the table's first page; its columns are uncertain"
)


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


def _flag_differing_pages(chunks: list[_Chunk]) -> None:
    """A table prints the same header on every page: a page whose header reads differently from
    the first page's was misread on one of the two, so its rows' columns are uncertain."""
    first = header_names(chunks[0].header, chunks[0].ncols)
    for chunk in chunks[1:]:
        if not chunk.header or header_names(chunk.header, chunk.ncols) == first:
            continue
        for k in range(len(chunk.body)):
            chunk.issues.setdefault(k, PAGE_MISMATCH)


def parse_block(lines: list[str], first_line: int) -> Table:
    table = Table(seq=0, title="")
    pages: list[tuple[list[list[Seg]], list[int]]] = [([], [])]
    for i, line in enumerate(lines):
        if "\f" in line and pages[-1][0]:
            pages.append(([], []))
        segs = segments(line.replace("\f", ""))
        if segs:
            pages[-1][0].append(segs)
            pages[-1][1].append(first_line + i)
    pages = [p for p in pages if p[0]]
    if not pages:
        return table
    perf = is_performance_grid([[s.text for s in r] for rows, _ in pages for r in rows])
    chunks = [_parse_chunk(rows, nums, perf, allow_header=True) for rows, nums in pages]
    first = chunks[0]
    if not perf:
        _flag_differing_pages(chunks)
    ncols = max(ch.ncols for ch in chunks)  # a page may show columns another page leaves empty
    cells: list[Cell] = []
    for r, row in enumerate(first.header):
        ln = first.header_lines[r]
        for c, span, rowspan, text in row:
            cells.append(Cell(r, c, text, rowspan=rowspan, colspan=span, line_span=(ln, ln)))
    r = len(first.header)
    last_line = first.header_lines[-1] if first.header_lines else first_line
    for chunk in chunks:
        for k, (filled, (a, b)) in enumerate(zip(chunk.body, chunk.body_lines, strict=True)):
            if k in chunk.issues and not perf:
                table.row_issues[r] = chunk.issues[k]
            row = (filled + [""] * ncols)[:ncols] if len(filled) != ncols else filled
            if len(filled) > ncols:
                row[-1] = " ".join(t for t in filled[ncols - 1 :] if t)
            cells.extend(Cell(r, c, t, line_span=(a, b)) for c, t in enumerate(row))
            r += 1
            last_line = b
    table.cells = cells
    table.header_rows = len(first.header)
    reason = ""
    if not perf and any(ch.uncertain_header for ch in chunks):
        # Header cells of a multi-row header are centred in their merged boxes and pdftotext
        # shifts text right after wide characters: which leaf a group label covers, and which
        # fragments are one wrapped cell, is a guess. The records go to review.
        reason = UNCERTAIN_HEADER
    elif not perf and any(ch.split_guess for ch in chunks):
        # the header was rebuilt, but another split of its columns among the group labels is
        # nearly as well centred: classify may confirm the split (summary tables' item sides)
        reason = SPLIT_GUESS
    if reason:
        table.warnings.append(reason)
        for r in range(table.header_rows, table.n_rows):
            table.row_issues.setdefault(r, reason)
    if perf:  # the shared convention: header = the rows down to the 一级指标 row
        k = indicator_header_index(table.grid())
        table.header_rows = k + 1 if k is not None else 0
    table.line_span = (pages[0][1][0], max(last_line, pages[-1][1][-1]))
    return table
