"""Header fragments and header trees of collapsed tables.

A header printed over several lines is read as fragments (``header_fragments``: one per cell,
wrapped words joined), rebuilt into trees the simple way (``build_header``: sub-column runs
and year bands), and turned into header cells (``header_cells``). A compound cell printed above
its parts (公务用车购置及运行费) is folded and expanded again around the solver.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.collapsed.tokens import FILLER_TOKEN, Line, is_amount, is_cjk, join_years, merge_single_chars
from extract.collapsed.words import (
    BANDISH,
    BARE_WORDS,
    CONTINUATION_STARTS,
    SUB_WORDS,
    TAIL_CHARS,
    TERMINAL_SUFFIXES,
    YEAR_AFTER_WORDS,
    YEARISH,
)
from extract.model import Cell, LineSpan
from extract.reasons import Reason, reason
from extract.vocabulary import CODE_COLUMN, HEADER_WORDS


@dataclass
class HNode:
    text: str
    span: LineSpan
    children: list[HNode] = field(default_factory=list)
    doubt: Reason | None = None  # why the reader is unsure of this column's place in the header

    def n_leaves(self) -> int:
        return sum(c.n_leaves() for c in self.children) if self.children else 1

    def depth(self) -> int:
        return 1 + max((c.depth() for c in self.children), default=0)


@dataclass
class Frag:
    text: str
    first: int
    last: int
    line_start: bool = False  # the first cell printed on its line
    may_join: bool = False  # could also be the wrapped rest of the fragment before it

    @property
    def span(self) -> LineSpan:
        return (self.first, self.last)


def is_complete(text: str) -> bool:
    if YEARISH.match(text):
        return True
    # '其中：2026年' wraps on ('政府采购项目…'): a year after other words starts a phrase, never ends a cell
    return text.endswith(TERMINAL_SUFFIXES) and not YEAR_AFTER_WORDS.search(text)


def _joins(prev: str, cur: str) -> bool:
    """Does ``cur`` (first fragment of a header line) continue ``prev`` (last fragment before it)?"""
    if prev + cur in HEADER_WORDS:
        return True
    if is_sub_banner(prev):
        return False  # 其中： printed alone over the parts of the total before it
    if prev in HEADER_WORDS and cur in HEADER_WORDS:
        return False
    if is_sub_start(cur):
        return False  # '其中：…' starts a cell of its own, the part of a total beside it
    if cur[0] in "、，,）)":
        return True  # '上年结余' '、结转': no cell starts with a comma or a closing bracket
    if not is_complete(prev):
        return True
    if cur in SUB_WORDS:
        return False
    if cur[0] in "（(":
        return True
    if len(cur) == 1 and cur in TAIL_CHARS:
        return True
    if cur.startswith(("科目编码", "科目代码")):  # '部门预算支出' + '科目编码'; not '项目支出' + '科目编码'
        return prev.endswith("预算支出")
    return prev.endswith("支出") and cur.startswith(CONTINUATION_STARTS)


def is_sub_banner(text: str) -> bool:
    """``其中：`` printed as a cell of its own: a label over the parts of the total beside it."""
    return text.rstrip("：:") == "其中"


def is_sub_start(text: str) -> bool:
    """``其中：…``: a cell naming a part of the total before it (always a cell's first word)."""
    return text.startswith(("其中：", "其中:"))


def _wraps_in_line(prev: str, tok: str) -> bool:
    """'上解上级' '支出', '科目' '编码': one header cell printed with a space inside it."""
    return (
        not is_complete(prev)
        and len(tok) <= 2
        and all(is_cjk(ch) for ch in tok)
        and tok not in SUB_WORDS
        and tok not in ("合计", "总计", "小计")  # a total is a cell of its own ('…分类科目 合计')
        and prev not in SUB_WORDS  # 项 then 小计: the code's last column, then the next cell
        and not is_amount(prev)
    )


def header_fragments(lines: list[Line]) -> list[Frag]:
    """Header cells from header lines broken anywhere: '政府性基金' + '拨款' → '政府性基金拨款'."""
    frags: list[Frag] = []
    for ln in lines:
        toks = [t for t in ln.tokens if not FILLER_TOKEN.match(t)]
        if not toks:
            continue
        if len(toks) > 1 and all(t in SUB_WORDS for t in toks):
            frags.extend(Frag(t, ln.no, ln.no, line_start=i == 0) for i, t in enumerate(toks))
            continue
        toks = join_years(merge_single_chars(toks))
        for i, tok in enumerate(toks):
            if i == 0 and frags and _joins(frags[-1].text, tok):
                frags[-1].text += tok
                frags[-1].last = ln.no
            elif i > 0 and (
                _wraps_in_line(frags[-1].text, tok)
                or (frags[-1].text + tok in HEADER_WORDS and tok not in HEADER_WORDS)
            ):
                frags[-1].text += tok
            else:
                optional = bool(frags) and tok not in SUB_WORDS and not is_amount(frags[-1].text)
                if i > 0:  # '财政拨款 收入': a short word after a complete one may wrap it too
                    optional = optional and (tok in BARE_WORDS or (len(tok) == 1 and is_cjk(tok)))
                frags.append(Frag(tok, ln.no, ln.no, line_start=i == 0, may_join=optional))
    return frags


def _is_sub(text: str) -> bool:
    return text in ("小计", *SUB_WORDS) or text.startswith("其中") or is_label_leaf(text)


def is_label_leaf(text: str) -> bool:
    """科目编码 / 科目名称: label columns printed on the last header line, under a group label."""
    return bool(CODE_COLUMN.search(text)) or text.endswith("名称")


def is_label_group(text: str) -> bool:
    return text in ("项目", "项目名称") or text.endswith(("科目", "分类")) or "分类科目" in text


def leaf_node(f: Frag) -> HNode:
    return HNode(f.text, f.span)


def build_header(frags: list[Frag], n_cols: int | None) -> tuple[list[HNode], list[Reason]]:
    """Header trees (roots in column order) for ``n_cols`` leaf columns, and notes on guesses."""
    banner = _sub_banner_header(frags, n_cols)
    if banner is not None:
        return banner, []
    if n_cols is None:
        # no column count: only a group label over trailing 科目编码 / 科目名称 is rebuilt
        k = len(frags)
        while k > 0 and is_label_leaf(frags[k - 1].text):
            k -= 1
        if 0 < k < len(frags) - 1 and all(is_label_leaf(f.text) for f in frags[k:]):
            roots = _header_with_subruns(frags, len(frags) - 1)
            if roots is not None:
                return roots, []
        return [leaf_node(f) for f in frags], []
    if len(frags) == n_cols:
        return [leaf_node(f) for f in frags], []
    for attempt in (_header_with_subruns, header_with_bands):
        roots = attempt(frags, n_cols)
        if roots is not None and sum(r.n_leaves() for r in roots) == n_cols:
            return roots, [reason("collapsed.header_rebuilt", fragments=len(frags), columns=n_cols)]
    names = [f.text for f in frags]
    roots = [leaf_node(f) for f in frags[:n_cols]]
    while len(roots) < n_cols:
        roots.append(HNode("", (frags[-1].last, frags[-1].last) if frags else (0, 0)))
    return roots, [
        reason("collapsed.header_not_rebuilt", fragments=len(frags), names=" | ".join(names), columns=n_cols)
    ]


def _sub_banner_header(frags: list[Frag], n_cols: int | None) -> list[HNode] | None:
    """``小计 | 其中： | 基本支出 项目支出``: a ``其中：`` printed as a cell of its own (on its own line)
    is the label over the cells after it, the parts of the total before it; None unless that
    makes ``n_cols`` columns (when known)."""
    at = next((i for i, f in enumerate(frags) if is_sub_banner(f.text)), None)
    if at is None or at == 0 or len(frags) - at - 1 < 2 or n_cols not in (None, len(frags) - 1):
        return None
    node = leaf_node(frags[at])
    node.children = [leaf_node(f) for f in frags[at + 1 :]]
    return [*(leaf_node(f) for f in frags[:at]), node]


def _header_with_subruns(frags: list[Frag], n_cols: int) -> list[HNode] | None:
    """Second header row printed last (小计 / 其中… or 类 款 项 runs) under some first-row cells."""
    k = len(frags)
    while k > 0 and _is_sub(frags[k - 1].text):
        k -= 1
    mains, subs = frags[:k], frags[k:]
    if not subs:
        return None
    runs: list[list[Frag]] = []
    for f in subs:
        starts = (
            f.text in ("小计", "类")
            or not runs
            or (is_label_leaf(f.text) and not is_label_leaf(runs[-1][-1].text))
            or (not is_label_leaf(f.text) and is_label_leaf(runs[-1][-1].text))
        )
        if starts:
            runs.append([f])
        else:
            runs[-1].append(f)
    parents: list[int] = []
    for run in runs:
        cands = [i for i, f in enumerate(mains) if _can_parent(run[0].text, f.text) and i not in parents]
        if not cands:
            return None
        # runs attach in order; a run of 类 款 项 takes the earliest free code column
        parents.append(cands[0])
    surplus = len(mains) - len(runs) + len(subs) - n_cols
    bands: set[int] = set()
    if surplus > 0:
        cands = [
            i
            for i, f in enumerate(mains)
            if i not in parents
            and (f.text.endswith("预算") or YEARISH.match(f.text) or f.text.endswith("情况"))
        ]
        if len(cands) < surplus:
            return None
        bands = set(cands[:surplus])
    elif surplus < 0:
        return None
    roots: list[HNode] = []
    for i, f in enumerate(mains):
        if i in bands:
            continue
        node = leaf_node(f)
        if i in parents:
            node.children = [leaf_node(s) for s in runs[parents.index(i)]]
        roots.append(node)
    return roots


def _can_parent(first_sub: str, text: str) -> bool:
    """Can header cell ``text`` have the sub-columns that start with ``first_sub`` under it?"""
    if first_sub == "类":  # 类 款 项 split a code column
        return text.endswith(("编码", "代码")) and not text.startswith(("单位", "预算单位"))
    if is_label_leaf(first_sub):
        return is_label_group(text)
    return ("拨款" in text or text.endswith(("经费预算", "支出"))) and text != "合计"


def header_with_bands(frags: list[Frag], n_cols: int) -> list[HNode] | None:
    """Year bands (2019年 | 2020年 | 增减变化情况) over identical sub-headers printed level by level."""
    start = next((i for i, f in enumerate(frags) if BANDISH.match(f.text)), None)
    if start is None:
        return None
    end = start
    while end < len(frags) and BANDISH.match(frags[end].text):
        end += 1
    n_bands = end - start
    if n_bands < 2:
        return None
    labels, rest = frags[:start], frags[end:]
    levels: list[list[Frag]] = []
    i = 0
    while i < len(rest):
        found = None
        for p in range(1, (len(rest) - i) // n_bands + 1):
            pattern = [f.text for f in rest[i : i + p]]
            if all(
                [f.text for f in rest[i + b * p : i + (b + 1) * p]] == pattern for b in range(n_bands)
            ) and (i + n_bands * p == len(rest) or _is_sub(rest[i + n_bands * p].text)):
                found = p
                break
        if found is None:
            return None
        levels.append(rest[i : i + found])
        i += found * n_bands
    # each deeper level hangs under the one group-like cell of the level above
    template: list[HNode] = [leaf_node(f) for f in levels[0]] if levels else []
    current = template
    for level in levels[1:]:
        groups = [n for n in current if _is_group_like(n.text)]
        if len(groups) != 1:
            return None
        groups[0].children = [leaf_node(f) for f in level]
        current = groups[0].children
    roots = [leaf_node(f) for f in labels]
    for b in range(n_bands):
        band = leaf_node(frags[start + b])
        band.children = [_copy(n) for n in template]
        roots.append(band)
    return roots


def _is_group_like(text: str) -> bool:
    return text.endswith(("预算", "经费")) or "及" in text or text.endswith("拨款")


def _copy(node: HNode) -> HNode:
    return HNode(node.text, node.span, [_copy(c) for c in node.children])


def header_cells(roots: list[HNode]) -> tuple[list[Cell], int]:
    """Cells of a header tree; leaves reaching less deep than the tree span down (rowspan)."""
    depth = max((r.depth() for r in roots), default=0)
    cells: list[Cell] = []

    def walk(node: HNode, row: int, col: int) -> int:
        width = node.n_leaves()
        rowspan = 1 if node.children else depth - row
        cells.append(
            Cell(row, col, node.text, rowspan=rowspan, colspan=width, line_span=node.span, doubt=node.doubt)
        )
        c = col
        for child in node.children:
            c = walk(child, row + 1, c)
        return col + width

    col = 0
    for r in roots:
        col = walk(r, 0, col)
    return cells, depth


def leaf_names(roots: list[HNode]) -> list[str]:
    out: list[str] = []

    def walk(node: HNode) -> None:
        if not node.children:
            out.append(node.text)
        for c in node.children:
            walk(c)

    for r in roots:
        walk(r)
    return out


def leaf_paths(roots: list[HNode]) -> list[str]:
    """Leaf column names with their groups: '科目编码/类'."""
    out: list[str] = []

    def walk(node: HNode, prefix: str) -> None:
        path = f"{prefix}/{node.text}" if prefix else node.text
        if not node.children:
            out.append(path)
        for c in node.children:
            walk(c, path)

    for r in roots:
        walk(r, "")
    return out


def fold_compounds(frags: list[Frag]) -> tuple[list[Frag], dict[tuple[str, LineSpan], list[Frag]]]:
    """'公务用车购置及运行费' followed by '公务用车购置费' '公务用车运行费' on one line: the two parts
    folded into the compound (returned without them) and listed by the compound's (text, span)."""
    out: list[Frag] = []
    compounds: dict[tuple[str, LineSpan], list[Frag]] = {}
    i = 0
    while i < len(frags):
        f = frags[i]
        out.append(f)
        if "及" in f.text and i + 2 < len(frags):
            left, _, right = f.text.partition("及")
            a, b = frags[i + 1], frags[i + 2]
            if (
                left
                and right
                and a.line_start
                and a.first == b.first
                and a.text.startswith(left)
                and b.text.endswith(right)
                and len(a.text) > len(left)
                and len(b.text) > len(right)
            ):
                compounds[(f.text, f.span)] = [a, b]
                i += 3
                continue
        i += 1
    return out, compounds


def expand_compounds(roots: list[HNode], compounds: dict[tuple[str, LineSpan], list[Frag]]) -> list[HNode]:
    """The header trees with each folded compound's parts hung under it."""
    if not compounds:
        return roots

    def walk(node: HNode) -> None:
        kids = compounds.get((node.text, node.span))
        if kids is not None and not node.children:
            node.children = [leaf_node(k) for k in kids]
        for c in node.children:
            walk(c)

    for r in roots:
        walk(r)
    return roots
