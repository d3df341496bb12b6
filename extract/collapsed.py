"""Tables from PDF text whose columns collapsed into single-space runs.

Some PDF-to-text exports (seed 004, 镇安) lose every column position: a row
prints as ``2080107 社会保险业务管理事务 26.52 5.52 21`` and nothing says which
columns the three numbers sat in; headers break over several lines; summary
tables print four column groups side by side on one line; performance tables
print their level labels one character per line.

``parse_block`` turns the lines of one table body into a ``Table``:

* ordinary tables (codes, names, numbers): header fragments joined into a
  header (one or more rows), label columns (code, name, second code, name)
  filled, numbers *packed left* right after the label columns, exactly as
  printed. ``layout='collapsed'``: ``classify.columns.place_columns`` moves the
  numbers into their columns by arithmetic. A ``栏次 1 2 3`` line ends the header and is
  not a row; a line starting with 合计 is a data row only when it prints an amount; a
  leading 序号 column takes the row's serial number; 科目编码 / 科目名称 printed on the
  last header line hang under the group label above them (项目, 功能分类科目).
* side-by-side summary tables (收入 | 支出功能分类 | 部门经济分类 | 政府经济分类):
  each line split into its items, each item placed in its group's
  (item, amount) column pair. Every cell's column is known, so
  ``layout='grid'``; uncertain rows are listed in ``Table.row_issues``.
* performance target tables: a 一级指标 | 二级指标 | 三级指标 | 指标值 grid with
  the project / funds / target rows on top (label, value). ``layout='grid'``.

Pure functions; ``parse_block`` never raises.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

from extract.codes import CODE_TOKEN, split_glued_codes
from extract.model import Cell, LineSpan, Table
from extract.numbers import parse_amount
from extract.taxonomy import LEVEL1, LEVEL2
from extract.vocabulary import (
    COLUMN_MARKS,
    INDEX_HEADERS,
    INDICATOR_LABELS,
    INDICATOR_SCORE_HEADERS,
    INDICATOR_VALUE_HEADERS,
    LEVEL2_SHORT_NAMES,
    PERFORMANCE_COLUMNS,
    TOTAL_ROW,
    TOTAL_WORDS,
    is_column_number_row,
)

# --------------------------------------------------------------------------- tokens

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_FILLER_TOKEN = re.compile(r"^\*+$")
_FOOTNOTE = re.compile(r"^\s*(备\s*注|注)\s*[:：]")

# header words that end a header cell (a fragment ending otherwise wraps on)
_TERMINAL_SUFFIXES = (
    "编码", "代码", "编号", "名称", "合计", "小计", "总计", "收入", "拨款", "支出", "余额", "差额",
    "结转", "项目", "金额", "备注", "数量", "费", "费用", "类别", "性质", "内容", "型号", "时间",
    "说明", "目录", "预算", "情况", "指标", "指标值", "年", "数", "简介", "经费", "资金", "方式",
    "序号", "行次", "栏次", "性质", "小计",
)  # fmt: skip
# single characters that, alone on a line, finish the header cell above
_TAIL_CHARS = set("费用款计额称码入出目金数注")
_SUB_WORDS = ("类", "款", "项")
_CONTINUATION_STARTS = ("经济科目", "功能科目", "科目编码", "科目代码")
_YEARISH = re.compile(r"^(\d{4}\s*年.*|增减.*|变化.*|上年.*数|本年.*数)$")
# a band over repeated sub-headers: a year, a change, or the budget / final amounts (预算数 | 决算数)
_BANDISH = re.compile(r"^(\d{4}\s*年.*|增减.*|变化.*|上年.*数|本年.*数|(调整)?预算数|决算数|执行数)$")

_TEXT_COLUMN = re.compile(r"(备注|说明|简介|内容|性质|类别|型号|时间|目录|方式)$")
_CODE_COLUMN = re.compile(r"(编码|代码|编号)$")
_NAME_COLUMN = re.compile(r"(名称|项目)$")
_AMOUNTISH = re.compile(rf"(金额|{'|'.join(TOTAL_WORDS)}|数$|收入|拨款|支出|经费|费用?$|结转|余额|差额)")


def _is_amount(tok: str) -> bool:
    return parse_amount(tok) is not None


def _is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


def join_tokens(tokens: list[str]) -> str:
    """Tokens of one cell joined: no space between CJK neighbours (layout spaces), one otherwise."""
    out = ""
    for tok in tokens:
        if out and not (_is_cjk(out[-1]) or _is_cjk(tok[0]) or out[-1] in "（(：:、" or tok[0] in "）)（("):
            out += " "
        out += tok
    return out


@dataclass
class _Line:
    no: int  # 1-based line number in the document
    text: str  # the raw line (rstripped)

    @property
    def tokens(self) -> list[str]:
        return self.text.split()

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip())


def _lines(lines: list[str], first_line: int) -> list[_Line]:
    return [_Line(first_line + i, normalize_spaces(raw)) for i, raw in enumerate(lines)]


def normalize_spaces(raw: str) -> str:
    """Tabs, ideographic and no-break spaces as plain spaces; trailing space and CR dropped."""
    return raw.replace("\u3000", " ").replace("\xa0", " ").replace("\t", " ").rstrip("\r\n ").rstrip()


# --------------------------------------------------------------------------- entry point


def parse_block(lines: list[str], first_line: int) -> Table:
    """The table printed by ``lines`` (a table body: header lines and data lines).

    ``first_line`` is the 1-based line number of ``lines[0]`` in the document.
    Returns ``Table(seq=0, title='')``; the caller fills seq, title, label, unit.
    Never raises: an unforeseen input gives a one-column table of its lines and a note.
    """
    try:
        return _parse(lines, first_line)
    except Exception as exc:  # defensive: a reader must not stop on one odd table
        table = Table(seq=0, title="", layout="grid")
        table.notes.append(f"collapsed parser failed ({type(exc).__name__}: {exc}); lines kept as text")
        row = 0
        for i, raw in enumerate(lines):
            text = str(raw).strip()
            if text:
                table.cells.append(Cell(row, 0, text, line_span=(first_line + i, first_line + i)))
                row += 1
        return table


def _parse(lines: list[str], first_line: int) -> Table:
    all_lines = _lines(lines, first_line)
    body = [ln for ln in all_lines if ln.text.strip()]
    # footnotes (注：… / 备注：…) end the table; they and what follows become notes
    notes: list[str] = []
    for i, ln in enumerate(body):
        if _FOOTNOTE.match(ln.text) and i > 0:
            notes = [" ".join(x.text.split()) for x in body[i:]]
            body = body[:i]
            break
    if is_performance(body):
        table = _parse_performance(all_lines, body)
    elif rownum_header(body) is not None:
        table = _parse_rownum_sides(body)
    elif banded_header(body) is not None:
        table = _parse_banded(body)
    elif _side_by_side_header(body) is not None:
        table = _parse_side_by_side(body)
    else:
        table = _parse_regular(body)
    table.notes.extend(f"footnote: {n}" for n in notes)
    if all_lines:
        table.line_span = (all_lines[0].no, all_lines[-1].no)
    return table


# --------------------------------------------------------------------------- regular tables


@dataclass
class _HNode:
    text: str
    span: LineSpan
    children: list[_HNode] = field(default_factory=list)

    def n_leaves(self) -> int:
        return sum(c.n_leaves() for c in self.children) if self.children else 1

    def depth(self) -> int:
        return 1 + max((c.depth() for c in self.children), default=0)


@dataclass
class _Frag:
    text: str
    first: int
    last: int
    line_start: bool = False  # the first cell printed on its line
    may_join: bool = False  # could also be the wrapped rest of the fragment before it

    @property
    def span(self) -> LineSpan:
        return (self.first, self.last)


def _is_complete(text: str) -> bool:
    return text.endswith(_TERMINAL_SUFFIXES) or bool(_YEARISH.match(text))


def _joins(prev: str, cur: str) -> bool:
    """Does ``cur`` (first fragment of a header line) continue ``prev`` (last fragment before it)?"""
    if prev + cur in HEADER_WORDS:
        return True
    if prev in HEADER_WORDS and cur in HEADER_WORDS:
        return False
    if not _is_complete(prev):
        return True
    if cur in _SUB_WORDS:
        return False
    if cur[0] in "（(":
        return True
    if len(cur) == 1 and cur in _TAIL_CHARS:
        return True
    if cur.startswith(("科目编码", "科目代码")):  # '部门预算支出' + '科目编码'; not '项目支出' + '科目编码'
        return prev.endswith("预算支出")
    return prev.endswith("支出") and cur.startswith(_CONTINUATION_STARTS)


def _wraps_in_line(prev: str, tok: str) -> bool:
    """'上解上级' '支出', '科目' '编码': one header cell printed with a space inside it."""
    return (
        not _is_complete(prev)
        and len(tok) <= 2
        and all(_is_cjk(ch) for ch in tok)
        and tok not in _SUB_WORDS
        and not _is_amount(prev)
    )


def header_fragments(lines: list[_Line]) -> list[_Frag]:
    """Header cells from header lines broken anywhere: '政府性基金' + '拨款' → '政府性基金拨款'."""
    frags: list[_Frag] = []
    for ln in lines:
        toks = [t for t in ln.tokens if not _FILLER_TOKEN.match(t)]
        if not toks:
            continue
        if len(toks) > 1 and all(t in _SUB_WORDS for t in toks):
            frags.extend(_Frag(t, ln.no, ln.no, line_start=i == 0) for i, t in enumerate(toks))
            continue
        toks = _merge_single_chars(toks)
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
                optional = bool(frags) and tok not in _SUB_WORDS and not _is_amount(frags[-1].text)
                if i > 0:  # '财政拨款 收入': a short word after a complete one may wrap it too
                    optional = optional and (tok in _BARE_WORDS or (len(tok) == 1 and _is_cjk(tok)))
                frags.append(_Frag(tok, ln.no, ln.no, line_start=i == 0, may_join=optional))
    return frags


def _merge_single_chars(toks: list[str]) -> list[str]:
    """'项    目' → '项目', '合 计' → '合计': runs of single CJK characters on one line are one word."""
    out: list[str] = []
    run: list[str] = []
    for tok in [*toks, ""]:
        if len(tok) == 1 and _is_cjk(tok):
            run.append(tok)
            continue
        if len(run) > 1 and all(t in _SUB_WORDS for t in run):  # 类 款 项: three columns
            out.extend(run)
        elif run:
            out.append("".join(run))
        run = []
        if tok:
            out.append(tok)
    return out


def _is_sub(text: str) -> bool:
    return text in ("小计", *_SUB_WORDS) or text.startswith("其中") or _is_label_leaf(text)


def _is_label_leaf(text: str) -> bool:
    """科目编码 / 科目名称: label columns printed on the last header line, under a group label."""
    return bool(_CODE_COLUMN.search(text)) or text.endswith("名称")


def _is_label_group(text: str) -> bool:
    return text in ("项目", "项目名称") or text.endswith(("科目", "分类")) or "分类科目" in text


def _leaf(f: _Frag) -> _HNode:
    return _HNode(f.text, f.span)


def build_header(frags: list[_Frag], n_cols: int | None) -> tuple[list[_HNode], list[str]]:
    """Header trees (roots in column order) for ``n_cols`` leaf columns, and notes on guesses."""
    if n_cols is None:
        # no column count: only a group label over trailing 科目编码 / 科目名称 is rebuilt
        k = len(frags)
        while k > 0 and _is_label_leaf(frags[k - 1].text):
            k -= 1
        if 0 < k < len(frags) - 1 and all(_is_label_leaf(f.text) for f in frags[k:]):
            roots = _header_with_subruns(frags, len(frags) - 1)
            if roots is not None:
                return roots, []
        return [_leaf(f) for f in frags], []
    if len(frags) == n_cols:
        return [_leaf(f) for f in frags], []
    for attempt in (_header_with_subruns, _header_with_bands):
        roots = attempt(frags, n_cols)
        if roots is not None and sum(r.n_leaves() for r in roots) == n_cols:
            return roots, [f"header rebuilt from {len(frags)} fragments for {n_cols} columns"]
    names = [f.text for f in frags]
    roots = [_leaf(f) for f in frags[:n_cols]]
    while len(roots) < n_cols:
        roots.append(_HNode("", (frags[-1].last, frags[-1].last) if frags else (0, 0)))
    return roots, [
        f"header could not be rebuilt: {len(frags)} fragments ({' | '.join(names)}) "
        f"for {n_cols} columns; column names are a guess"
    ]


def _header_with_subruns(frags: list[_Frag], n_cols: int) -> list[_HNode] | None:
    """Second header row printed last (小计 / 其中… or 类 款 项 runs) under some first-row cells."""
    k = len(frags)
    while k > 0 and _is_sub(frags[k - 1].text):
        k -= 1
    mains, subs = frags[:k], frags[k:]
    if not subs:
        return None
    runs: list[list[_Frag]] = []
    for f in subs:
        starts = (
            f.text in ("小计", "类")
            or not runs
            or (_is_label_leaf(f.text) and not _is_label_leaf(runs[-1][-1].text))
            or (not _is_label_leaf(f.text) and _is_label_leaf(runs[-1][-1].text))
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
            and (f.text.endswith("预算") or _YEARISH.match(f.text) or f.text.endswith("情况"))
        ]
        if len(cands) < surplus:
            return None
        bands = set(cands[:surplus])
    elif surplus < 0:
        return None
    roots: list[_HNode] = []
    for i, f in enumerate(mains):
        if i in bands:
            continue
        node = _leaf(f)
        if i in parents:
            node.children = [_leaf(s) for s in runs[parents.index(i)]]
        roots.append(node)
    return roots


def _can_parent(first_sub: str, text: str) -> bool:
    """Can header cell ``text`` have the sub-columns that start with ``first_sub`` under it?"""
    if first_sub == "类":  # 类 款 项 split a code column
        return text.endswith(("编码", "代码")) and not text.startswith(("单位", "预算单位"))
    if _is_label_leaf(first_sub):
        return _is_label_group(text)
    return ("拨款" in text or text.endswith(("经费预算", "支出"))) and text != "合计"


def _header_with_bands(frags: list[_Frag], n_cols: int) -> list[_HNode] | None:
    """Year bands (2019年 | 2020年 | 增减变化情况) over identical sub-headers printed level by level."""
    start = next((i for i, f in enumerate(frags) if _BANDISH.match(f.text)), None)
    if start is None:
        return None
    end = start
    while end < len(frags) and _BANDISH.match(frags[end].text):
        end += 1
    n_bands = end - start
    if n_bands < 2:
        return None
    labels, rest = frags[:start], frags[end:]
    levels: list[list[_Frag]] = []
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
    template: list[_HNode] = [_leaf(f) for f in levels[0]] if levels else []
    current = template
    for level in levels[1:]:
        groups = [n for n in current if _is_group_like(n.text)]
        if len(groups) != 1:
            return None
        groups[0].children = [_leaf(f) for f in level]
        current = groups[0].children
    roots = [_leaf(f) for f in labels]
    for b in range(n_bands):
        band = _leaf(frags[start + b])
        band.children = [_copy(n) for n in template]
        roots.append(band)
    return roots


def _is_group_like(text: str) -> bool:
    return text.endswith(("预算", "经费")) or "及" in text or text.endswith("拨款")


def _copy(node: _HNode) -> _HNode:
    return _HNode(node.text, node.span, [_copy(c) for c in node.children])


# ----- header solver: row-major header cells and a column count

# column names common in budget tables: a fragment joined with the next into one of these is one cell
HEADER_WORDS = frozenset(
    [
        "一般公共预算基本支出",
        "一般公共预算拨款",
        "一般公共预算拨款安排的“三公”经费预算",
        "一般公共预算拨款收入",
        "一般公共预算支出",
        "一般公共预算财政拨款",
        "一般公共预算财政拨款收入",
        "一般公共预算",
        "上年结转",
        "上级补助收入",
        "上缴上级支出",
        "上解上级支出",
        "专项业务经费支出",
        "专项业务经费",
        "事业收入",
        "人员经费",
        "人员经费支出",
        "会议费",
        "公务接待费",
        "公务用车购置及运行费",
        "公务用车购置费",
        "公务用车运行费",
        "公用经费",
        "公用经费支出",
        "其他收入",
        "决算数",
        "功能分类科目",
        "功能科目名称",
        "功能科目编码",
        "单位名称",
        "单位编码",
        "单位（项目）名称",
        "合计",
        "因公出国（境）费",
        "因公出国（境）费用",
        "国有资本经营预算财政拨款",
        "国有资本经营预算拨款",
        "国有资本经营预算拨款收入",
        "国有资本经营预算",
        "培训费",
        "基本支出",
        "备注",
        "对附属单位补助支出",
        "小计",
        "年初结转和结余",
        "年末结转和结余",
        "序号",
        "支出",
        "支出功能分类科目（按大类）",
        "支出部门经济分类科目",
        "收入",
        "政府性基金拨款",
        "政府性基金预算拨款",
        "政府性基金预算拨款收入",
        "政府性基金预算财政拨款",
        "政府性基金预算",
        "政府经济科目名称",
        "政府经济科目编码",
        "政府预算支出经济分类科目（按大类）",
        "本年支出",
        "本年支出合计",
        "本年收入",
        "本年收入合计",
        "科目名称",
        "科目编码",
        "经济科目名称",
        "经济科目编码",
        "经营支出",
        "经营收入",
        "行次",
        "栏次",
        "财政专户收入",
        "财政专户管理资金收入",
        "财政拨款收入",
        "财政拨款",
        "资金性质",
        "部门经济科目名称",
        "部门经济科目编码",
        "部门预算支出经济分类科目",
        "部门预算支出经济分类科目（按大类）",
        "金额",
        "附属单位上缴收入",
        "项目",
        "项目支出",
        "项目简介",
        "项目金额",
        "预算数",
        "执行数",
        "项目名称",
        "项目编码",
        "单位代码",
        "预算单位",
        "预算单位代码",
        "预算单位名称",
        "总计",
        "本年预算数",
        "预算金额",
        "其中：专项资金列入部门预算项目",
        "政府采购预算",
        "采购项目",
        "采购目录",
        "数量",
        "说明",
        "支出功能分类科目",
    ]
)


_NEVER_GROUP = (*INDEX_HEADERS, *TOTAL_WORDS, "备注", "说明")
_BARE_WORDS = ("收入", "支出", "拨款", "经费", "资金", "预算", "财政")
MAX_EXTRA_JOINS = 3


@dataclass
class HeaderGuess:
    roots: list[_HNode]
    score: float
    ties: int  # other structures scoring the same
    joins: int  # fragments joined beyond the confident ones


def _group_score(parent: str, kids: Sequence[str]) -> float | None:
    """How plausible ``kids`` (in order) are as the sub-columns of ``parent``; None when impossible."""
    return _group_score_cached(parent, tuple(kids))


@lru_cache(maxsize=65536)
def _group_score_cached(parent: str, kids: tuple[str, ...]) -> float | None:
    if parent in _NEVER_GROUP or parent.endswith("名称") or parent.startswith("其中") or _is_amount(parent):
        return None
    if any(k in _SUB_WORDS for k in kids):
        ok = kids == _SUB_WORDS[: len(kids)] and len(kids) >= 2 and parent.endswith(("编码", "代码"))
        return 3.0 if ok else None
    if parent.endswith(("编码", "代码", "编号")):
        return None
    if parent.endswith("费") and "及" not in parent and not parent.endswith("经费"):
        return None  # 会议费, 培训费: one kind of expense, not a group of columns
    if all(k.startswith(("人员经费", "公用经费")) for k in kids):  # the parts of 基本支出
        if "项目" in parent or "专项" in parent:
            return None
        bonus = 2.0 if "基本" in parent else 0.0
    else:
        bonus = 0.0
    labels = [_is_label_leaf(k) for k in kids]
    if all(labels):
        return 3.0 if (_is_label_group(parent) or "科目" in parent) else None
    if any(labels):
        return None
    if _is_label_group(parent) and not parent.startswith(("收入", "支出")):
        return None
    if any(k.startswith("其中") for k in kids[:1]) or any(k in INDEX_HEADERS for k in kids):
        return None
    score = 1.0 + bonus
    if len(kids) == 1:
        score -= 3.0
    if kids[0] in ("小计", "合计"):
        score += 1.0
    if len(parent) > 2 and sum(k.endswith(parent[-2:]) for k in kids) * 2 > len(kids):
        score += 1.0  # 本年收入: 财政拨款收入, 事业收入, …
    if parent.replace(" ", "") in ("收入", "支出") and kids[0] == "项目":
        score += 2.0
    score -= sum(2.0 for k in kids if k in _BARE_WORDS)
    return score


def _root_leaf_score(text: str) -> float | None:
    if text in _SUB_WORDS or text == "小计" or text.startswith("其中"):
        return None
    return -1.0 if text in _BARE_WORDS else 0.0


def _two_level(frags: list[_Frag], k: int, n_groups: int | None) -> tuple[float, int, list[_HNode]] | None:
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

        leaf = _root_leaf_score(f.text)
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
    roots: list[_HNode] = []
    key = winners[0][0]
    for i in range(len(top), 0, -1):
        back = layers[i][key][2]
        assert back is not None
        pj, pg, j2 = back
        node = _leaf(top[i - 1])
        if j2 is not None:
            node.children = [_leaf(x) for x in sub[pj:j2]]
        roots.append(node)
        key = (pj, pg)
    return top_val, ways, list(reversed(roots))


def _joined(frags: list[_Frag], joins: tuple[int, ...]) -> tuple[list[_Frag], float]:
    """The fragments with ``joins`` (indexes joined to the one before) applied, and the joins' score:
    a join making a known column name counts for, any other against."""
    out: list[_Frag] = []
    score = 0.0
    for i, f in enumerate(frags):
        if i in joins and out:
            prev = out[-1]
            text = prev.text + f.text
            score += 1.0 if text in HEADER_WORDS else -0.5
            out[-1] = _Frag(text, prev.first, f.last, prev.line_start, prev.may_join)
        else:
            out.append(_Frag(f.text, f.first, f.last, f.line_start, f.may_join))
    return out, score


def _join_points(frags: list[_Frag]) -> list[int]:
    """Fragments that may be the wrapped rest of the one before: the joined text is a known column
    name, or neither part is one."""
    out: list[int] = []
    for i in range(1, len(frags)):
        if not frags[i].may_join:
            continue
        a, b = frags[i - 1].text, frags[i].text
        if a + b in HEADER_WORDS or (a not in HEADER_WORDS and b not in HEADER_WORDS):
            out.append(i)
    return out


def solve_header(
    frags: list[_Frag],
    n_cols: Sequence[int] | None,
    fits: Callable[[list[str]], bool] | None = None,
) -> HeaderGuess | None:
    """The most plausible header tree for fragments printed row by row (top-row cells, then the
    cells under the groups, each row left to right), with ``n_cols`` leaf columns (any of them;
    None: unknown). Fragments marked ``may_join`` may be the wrapped rest of the one before.
    ``fits(leaf names)`` rejects trees the table's rows contradict. None when nothing fits."""
    if len(frags) > 24:
        return None
    optional = _join_points(frags)[:12]
    found: list[HeaderGuess] = []
    max_joins = min(MAX_EXTRA_JOINS if len(optional) <= 8 else 2, len(optional))
    for n_join in range(max_joins + 1):
        for joins in combinations(optional, n_join):
            fs, join_score = _joined(frags, joins)
            counts = list(n_cols) if n_cols is not None else [None]
            for n in counts:
                cands: list[tuple[float, int, list[_HNode]]] = []
                if n is None or len(fs) == n:
                    leaf_scores = [_root_leaf_score(f.text) for f in fs]
                    if all(x is not None for x in leaf_scores):
                        cands.append((sum(x or 0.0 for x in leaf_scores), 1, [_leaf(f) for f in fs]))
                n_groups = None if n is None else len(fs) - n
                if n_groups is None or n_groups >= 1:
                    for k in range(1, len(fs)):
                        if fs[k].line_start:
                            res = _two_level(fs, k, n_groups)
                            if res is not None:
                                cands.append(res)
                for val, ways, roots in cands:
                    if fits is not None and not fits(_leaf_paths(roots)):
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


def header_cells(roots: list[_HNode]) -> tuple[list[Cell], int]:
    """Cells of a header tree; leaves reaching less deep than the tree span down (rowspan)."""
    depth = max((r.depth() for r in roots), default=0)
    cells: list[Cell] = []

    def walk(node: _HNode, row: int, col: int) -> int:
        width = node.n_leaves()
        rowspan = 1 if node.children else depth - row
        cells.append(Cell(row, col, node.text, rowspan=rowspan, colspan=width, line_span=node.span))
        c = col
        for child in node.children:
            c = walk(child, row + 1, c)
        return col + width

    col = 0
    for r in roots:
        col = walk(r, 0, col)
    return cells, depth


def _leaf_names(roots: list[_HNode]) -> list[str]:
    out: list[str] = []

    def walk(node: _HNode) -> None:
        if not node.children:
            out.append(node.text)
        for c in node.children:
            walk(c)

    for r in roots:
        walk(r)
    return out


def _leaf_paths(roots: list[_HNode]) -> list[str]:
    """Leaf column names with their groups: '科目编码/类'."""
    out: list[str] = []

    def walk(node: _HNode, prefix: str) -> None:
        path = f"{prefix}/{node.text}" if prefix else node.text
        if not node.children:
            out.append(path)
        for c in node.children:
            walk(c, path)

    for r in roots:
        walk(r, "")
    return out


def _is_data_line(ln: _Line) -> bool:
    toks = split_glued_codes(ln.tokens)
    if not toks:
        return False
    if CODE_TOKEN.match(toks[0]) and len(toks) > 1 and not _is_amount(toks[1]):
        return True
    if is_column_number_row(toks):
        return False  # 栏次 1 2 3 …: the last header line
    if TOTAL_ROW.match("".join(_merge_single_chars(toks[:2]))) or TOTAL_ROW.match(toks[0]):
        # a 合计 row prints amounts; '合计 基本支出 项目支出' is a header line
        return any(_is_amount(t) for t in toks[1:])
    return _is_amount(toks[-1])


def _label_kinds(names: list[str]) -> list[str]:
    """Kinds of the leading label columns: 'code' or 'name'."""
    kinds: list[str] = []
    for name in names:
        n = "".join(name.split("/")[-1:])
        if n in ("序号", "行次") and all(k == "index" for k in kinds):
            kinds.append("index")
        elif n in _SUB_WORDS and _CODE_COLUMN.search(name.split("/")[0]):
            kinds.append("code_part")
        elif _CODE_COLUMN.search(n):
            kinds.append("code")
        elif (_NAME_COLUMN.search(n) or "名称" in n) and not _AMOUNTISH.search(n.replace("项目", "")):
            kinds.append("name")
        else:
            break
    return kinds


@dataclass
class _Row:
    labels: list[tuple[str, LineSpan] | None]
    numbers: list[tuple[str, LineSpan]]
    trailing: tuple[str, LineSpan] | None = None
    _kinds: list[str] = field(default_factory=list)

    def code(self, i: int = 0) -> str:
        codes = [lab for lab, kind in zip(self.labels, self._kinds, strict=False) if kind == "code"]
        return codes[i][0] if i < len(codes) and codes[i] is not None else ""


_UNITISH = re.compile(r"^(年|月|日|个|人|次|万元|元|%|％|项|家|台|辆|套)")


def _split_row(tokens: list[str], kinds: list[str], span: LineSpan) -> _Row:
    toks = split_glued_codes(tokens)
    labels: list[tuple[str, LineSpan] | None] = [None] * len(kinds)
    i = 0

    def is_code_at(j: int) -> bool:
        if j >= len(toks) or not CODE_TOKEN.match(toks[j]):
            return False
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        return (nxt is not None and not _is_amount(nxt)) or (nxt is None and j == 0)

    def number_starts(j: int) -> bool:
        if not _is_amount(toks[j]):
            return False
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        return nxt is None or _is_amount(nxt) or (len(nxt) > 2 and not _UNITISH.match(nxt))

    for k, kind in enumerate(kinds):
        if i >= len(toks):
            break
        if kind == "index":  # 序号: a small serial number before the row's labels
            if (
                re.fullmatch(r"\d{1,3}", toks[i])
                and i + 1 < len(toks)
                and (not _is_amount(toks[i + 1]) or ("code" in kinds and is_code_at(i + 1)))
            ):
                labels[k] = (toks[i], span)
                i += 1
            continue
        if kind == "code_part":  # 208 05 01: a code printed over 类 / 款 / 项
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if (
                re.fullmatch(r"\d{2,3}", toks[i])
                and nxt is not None
                and (
                    not _is_amount(nxt)
                    or (re.fullmatch(r"\d{2}", nxt) and k + 1 < len(kinds) and kinds[k + 1] == "code_part")
                )
            ):
                labels[k] = (toks[i], span)
                i += 1
            continue
        if kind == "code":
            if is_code_at(i):
                labels[k] = (toks[i], span)
                i += 1
            continue
        later_code = "code" in kinds[k + 1 :]
        later_name = "name" in kinds[k + 1 :] and not later_code
        name: list[str] = []
        while i < len(toks) and not number_starts(i) and not (later_code and name and is_code_at(i)):
            name.append(toks[i])
            i += 1
            if later_name:  # two name columns in a row: one word each, the rest to the last
                break
        if name:
            labels[k] = (join_tokens(_merge_single_chars(name)), span)
    numbers: list[tuple[str, LineSpan]] = []
    while i < len(toks) and _is_amount(toks[i]):
        numbers.append((toks[i], span))
        i += 1
    trailing = (join_tokens(toks[i:]), span) if i < len(toks) else None
    return _Row(labels, numbers, trailing, _kinds=list(kinds))


def _filler_count(ln: _Line) -> int:
    toks = ln.tokens
    if len(toks) >= 2 and all(_FILLER_TOKEN.match(t) for t in toks):
        return len(toks)
    return 0


def _parse_regular(body: list[_Line]) -> Table:
    table = Table(seq=0, title="", layout="collapsed")
    filler = next((i for i, ln in enumerate(body) if _filler_count(ln)), None)
    if filler is not None:
        n_cols: int | None = _filler_count(body[filler])
        head, data = body[:filler], body[filler + 1 :]
    else:
        n_cols = None
        first_data = next((i for i, ln in enumerate(body) if _is_data_line(ln)), len(body))
        head, data = body[:first_data], body[first_data:]
    numbered = [ln for ln in head if is_column_number_row(ln.tokens)]
    head = [ln for ln in head if not is_column_number_row(ln.tokens)]
    frags = header_fragments(head)
    roots, notes = _regular_header(frags, n_cols, numbered[0].tokens if numbered else None, data)
    table.notes.extend(notes)
    hcells, hrows = header_cells(roots)
    table.cells.extend(hcells)
    table.header_rows = hrows
    names = _leaf_paths(roots)
    kinds = _label_kinds(names)
    if not kinds:
        kinds = _infer_kinds(data)
        if data and not names:
            table.notes.append("no header found; label columns inferred from the rows")
    n_label = len(kinds)
    text_last = bool(names) and bool(_TEXT_COLUMN.search(names[-1].split("/")[-1]))
    rows: list[_Row] = []
    head_texts = {"".join(ln.tokens) for ln in head}
    for ln in data:
        toks = ln.tokens
        if not toks:
            continue
        if _filler_count(ln) or is_column_number_row(toks):
            continue
        if "".join(toks) in head_texts and not any(_is_amount(t) for t in toks):
            continue  # the header printed again on the next page
        span = (ln.no, ln.no)
        row = _split_row(toks, kinds, span)
        prev = rows[-1] if rows else None
        if prev is not None and _continues(prev, row, kinds):
            _merge_into(prev, row, kinds)
            continue
        rows.append(row)
    for r, row in enumerate(rows, start=hrows):
        for k, lab in enumerate(row.labels):
            if lab is not None:
                table.cells.append(Cell(r, k, lab[0], line_span=lab[1]))
        for j, (num, span) in enumerate(row.numbers):
            table.cells.append(Cell(r, n_label + j, num, line_span=span))
        if row.trailing is not None:
            col = n_label + len(row.numbers)
            if text_last and n_cols is not None and n_cols - 1 >= col:
                col = n_cols - 1
            elif text_last and names and len(names) - 1 >= col:
                col = len(names) - 1
            table.cells.append(Cell(r, col, row.trailing[0], line_span=row.trailing[1]))
        n_amount = len(names) - n_label - (1 if text_last else 0) if names else None
        if n_amount is not None and len(row.numbers) > max(n_amount, 0):
            table.row_issues[r] = (
                f"{len(row.numbers)} numbers for {n_amount} amount columns; numbers kept in printed order"
            )
    return table


def _trailing_amounts(ln: _Line) -> int:
    toks = ln.tokens
    n = 0
    while n < len(toks) and _is_amount(toks[len(toks) - 1 - n]):
        n += 1
    return n if n < len(toks) else 0


def _looks_broken(roots: list[_HNode], body_max: int) -> bool:
    """A header the simple rebuild got wrong: sub-columns left at the top level, or fewer amount
    columns than a row prints numbers."""
    if any(_root_leaf_score(r.text) is None for r in roots if not r.children):
        return True
    names = _leaf_paths(roots)
    return len(names) - len(_label_kinds(names)) < body_max


def _regular_header(
    frags: list[_Frag], n_cols: int | None, numbered: list[str] | None, data: list[_Line]
) -> tuple[list[_HNode], list[str]]:
    """Header trees for a regular table: from the column count when the 栏次 line or a filler row gives
    one, else rebuilt the simple way and solved again when that contradicts the rows. A compound
    cell (公务用车购置及运行费) printed above its parts (公务用车购置费 公务用车运行费) is one column
    group: solved as one cell, its parts hung under it afterwards."""
    folded, compounds = fold_compounds(frags)
    extra = sum(len(kids) - 1 for kids in compounds.values())
    roots, notes = _solve_regular(folded, n_cols, numbered, data, compounds, extra)
    return expand_compounds(roots, compounds), notes


def _solve_regular(
    frags: list[_Frag],
    n_cols: int | None,
    numbered: list[str] | None,
    data: list[_Line],
    compounds: dict[tuple[str, LineSpan], list[_Frag]],
    extra: int,
) -> tuple[list[_HNode], list[str]]:
    body_max = max((_trailing_amounts(ln) for ln in data if _is_data_line(ln)), default=0)
    count = None
    marked = False
    if numbered is not None:
        nums = [t for t in numbered if t not in COLUMN_MARKS]
        count, marked = len(nums) - extra, len(nums) < len(numbered)
    if n_cols is not None:
        n_cols -= extra

    def fits(folded_names: list[str]) -> bool:
        names = _expanded_names(folded_names, compounds)
        kinds = _label_kinds(names)
        texts = sum(1 for n in names if _TEXT_COLUMN.search(n.split("/")[-1]))
        if len(names) - len(kinds) - texts < max(body_max, 1):
            return False
        if count is None or n_cols is not None:
            return True
        # 栏次 printed in the 序号 column, or over the label columns
        allowed = {1} if kinds[:1] == ["index"] else {len(kinds), 1} | (set() if marked else {0})
        return len(folded_names) - count in allowed

    roots, notes = build_header(frags, n_cols)
    simple_ok = (
        bool(frags)
        and not any("could not be rebuilt" in n for n in notes)
        and not _looks_broken(roots, body_max)
        and fits(_leaf_paths(roots))
    )
    if simple_ok:
        if (
            n_cols is None
            and count is None
            and not any(r.children for r in roots)
            and not any(_is_amount(f.text) for f in frags)
        ):
            # a flat reading that fits may still miss groups the solver sees clearly (基本支出 over
            # 人员经费 公用经费 printed on the last header line)
            flat = sum(_root_leaf_score(r.text) or 0.0 for r in roots)
            guess = solve_header(frags, None, fits)
            if (
                guess is not None
                and not guess.ties
                and any(r.children for r in guess.roots)
                and guess.score >= flat + 1.0
            ):
                return guess.roots, _guess_notes(guess, len(frags))
        return roots, notes
    if n_cols is not None or count is not None:
        cands = [n_cols] if n_cols is not None else [count + k for k in range(4)]
        if n_cols is None:  # bands (预算数 | 决算数) over sub-headers printed level by level
            for n in cands:
                banded = _header_with_bands(frags, n)
                if banded is not None and fits(_leaf_paths(banded)):
                    return banded, [f"header rebuilt from {len(frags)} fragments for {n} columns"]
        guess = solve_header(frags, cands, fits)
        if guess is not None:
            return guess.roots, _guess_notes(guess, len(frags))
        return roots, notes
    if frags and _looks_broken(roots, body_max):
        guess = solve_header(frags, None, fits)
        if guess is not None:
            return guess.roots, _guess_notes(guess, len(frags))
    return roots, notes


def fold_compounds(frags: list[_Frag]) -> tuple[list[_Frag], dict[tuple[str, LineSpan], list[_Frag]]]:
    """'公务用车购置及运行费' followed by '公务用车购置费' '公务用车运行费' on one line: the two parts
    folded into the compound (returned without them) and listed by the compound's (text, span)."""
    out: list[_Frag] = []
    compounds: dict[tuple[str, LineSpan], list[_Frag]] = {}
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


def expand_compounds(roots: list[_HNode], compounds: dict[tuple[str, LineSpan], list[_Frag]]) -> list[_HNode]:
    """The header trees with each folded compound's parts hung under it."""
    if not compounds:
        return roots

    def walk(node: _HNode) -> None:
        kids = compounds.get((node.text, node.span))
        if kids is not None and not node.children:
            node.children = [_leaf(k) for k in kids]
        for c in node.children:
            walk(c)

    for r in roots:
        walk(r)
    return roots


def _expanded_names(names: list[str], compounds: dict[tuple[str, LineSpan], list[_Frag]]) -> list[str]:
    parts = {text: [k.text for k in kids] for (text, _), kids in compounds.items()}
    out: list[str] = []
    for n in names:
        kids = parts.get(n.split("/")[-1])
        out.extend([f"{n}/{k}" for k in kids] if kids else [n])
    return out


def _guess_notes(guess: HeaderGuess, n_frags: int) -> list[str]:
    n = len(_leaf_names(guess.roots))
    if guess.ties:
        return [
            f"header rebuilt from {n_frags} fragments for {n} columns; {guess.ties} other readings fit as well"
        ]
    if any(r.children for r in guess.roots):
        return [f"header rebuilt from {n_frags} fragments for {n} columns"]
    return []


def _infer_kinds(data: list[_Line]) -> list[str]:
    best: list[str] = []
    for ln in data[:50]:
        toks = split_glued_codes(ln.tokens)
        kinds: list[str] = []
        i = 0
        while i < len(toks) and len(kinds) < 4:
            if CODE_TOKEN.match(toks[i]) and i + 1 < len(toks) and not _is_amount(toks[i + 1]):
                kinds += ["code", "name"]
                i += 2
                while i < len(toks) and not _is_amount(toks[i]) and not CODE_TOKEN.match(toks[i]):
                    i += 1
            else:
                break
        if len(kinds) > len(best):
            best = kinds
    if not best and any(not _is_amount(ln.tokens[0]) for ln in data if ln.tokens):
        best = ["name"]
    return best


def _continues(prev: _Row, row: _Row, kinds: list[str]) -> bool:
    """Is ``row`` the wrapped rest of ``prev``? ('…基本养老' / '保险费' / '50102 社会保障缴费 9.45 9.45')."""
    if prev.numbers or prev.trailing is not None:
        # a name wrapped after its numbers: a bare word line with nothing else
        return (
            not row.numbers
            and row.trailing is None
            and _only_name(row, kinds)
            and not TOTAL_ROW.match(_first_name(row))
            and bool(prev.code())
        )
    if not prev.code():
        return False
    if _only_name(row, kinds) and not row.numbers:
        return True
    code_cols = [k for k, kind in enumerate(kinds) if kind == "code"]
    if len(code_cols) >= 2 and prev.labels[code_cols[1]] is None and row.labels[code_cols[0]] is not None:
        c1, c2 = prev.code(), row.code()
        return not c2.startswith(c1) and c1[:1] != c2[:1]
    return False


def _only_name(row: _Row, kinds: list[str]) -> bool:
    filled = [k for k, lab in enumerate(row.labels) if lab is not None]
    return len(filled) == 1 and kinds[filled[0]] == "name"


def _first_name(row: _Row) -> str:
    return next((lab[0] for lab in row.labels if lab is not None), "")


def _merge_into(prev: _Row, row: _Row, kinds: list[str]) -> None:
    if _only_name(row, kinds):
        text, span = next(lab for lab in row.labels if lab is not None)
        # append to the last filled name cell of prev
        k = max(k for k, lab in enumerate(prev.labels) if lab is not None)
        if kinds[k] != "name" and k + 1 < len(kinds) and prev.labels[k + 1] is None:
            prev.labels[k + 1] = (text, span)
        else:
            old = prev.labels[k]
            assert old is not None
            prev.labels[k] = (old[0] + text, (old[1][0], span[1]))
    else:
        code_cols = [k for k, kind in enumerate(kinds) if kind == "code"]
        shift = code_cols[1] - code_cols[0]
        for k, lab in enumerate(row.labels):
            if lab is not None and k + shift < len(kinds):
                prev.labels[k + shift] = lab
        prev.numbers = row.numbers
        prev.trailing = row.trailing


# --------------------------------------------------------------------------- side-by-side tables

_AMOUNT_HEADERS = ("预算数", "决算数", "执行数", "金额", "本年预算数", "预算金额")
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_ENUMS = (
    ("cn", re.compile(r"^([一二三四五六七八九十]+)\s*、")),
    ("num", re.compile(r"^(\d{1,2})\s*[、.．](?!\d)")),
    ("paren", re.compile(r"^[(（]\s*(\d{1,2})\s*[)）]")),
    ("cnparen", re.compile(r"^[(（]\s*([一二三四五六七八九十]+)\s*[)）]")),
)


def cn_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十三 → 23 (up to 99); None when not a numeral."""
    if not text or any(ch not in _CN_DIGITS for ch in text):
        return None
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if "十" in ones or len(tens) > 1 or len(ones) > 1:
        return None
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def enumerator(text: str) -> tuple[str, int | None] | None:
    """The enumerator an item starts with: ('cn', 3) for '三、', ('paren', 2) for '(2)', ('sub', None) for 其中."""
    s = text.strip()
    if s.startswith("其中"):
        return ("sub", None)
    for style, rx in _ENUMS:
        m = rx.match(s)
        if m:
            n = int(m.group(1)) if m.group(1).isdigit() else cn_number(m.group(1))
            if n is not None:
                return (style, n)
    return None


def _side_by_side_header(body: list[_Line]) -> int | None:
    for i, ln in enumerate(body[:6]):
        toks = ln.tokens
        if any(_is_amount(t) for t in toks) or any(_CODE_COLUMN.search(t) for t in toks):
            return None
        if toks and all(t in _AMOUNT_HEADERS for t in toks):
            return None  # 预算数 | 决算数 alone: bands over repeated sub-headers, not item | amount pairs
        if sum(1 for t in toks if t in _AMOUNT_HEADERS) >= 2:
            return i
        if sum(1 for t in toks if t in _AMOUNT_HEADERS) == 1:  # the header goes on over the next lines
            n = 0
            for nxt in body[i:10]:
                if any(_is_amount(t) for t in nxt.tokens) or any(_CODE_COLUMN.search(t) for t in nxt.tokens):
                    break
                n += sum(1 for t in nxt.tokens if t in _AMOUNT_HEADERS)
            return i if n >= 2 else None
    return None


def _side_by_side_end(body: list[_Line], h: int) -> int:
    """The first line after the side-by-side header (its lines run to the first line with an amount)."""
    end = h + 1
    for j in range(h + 1, min(len(body), h + 8)):
        toks = body[j].tokens
        if any(_is_amount(t) for t in toks) or is_column_number_row(toks):
            break
        has_header = any(t in _AMOUNT_HEADERS for t in toks)
        if not has_header and len(toks) > 2:
            break
        if has_header:
            end = j + 1
    return end


@dataclass
class _Item:
    tokens: list[str]
    amount: str | None = None

    @property
    def text(self) -> str:
        return join_tokens(self.tokens)


def split_items(tokens: list[str]) -> list[_Item]:
    """One side-by-side line → its items (text, optional amount)."""
    items: list[_Item] = []
    for tok in tokens:
        if _is_amount(tok):
            if items and items[-1].amount is None and items[-1].tokens:
                items[-1].amount = tok
            else:
                items.append(_Item([], tok))
            continue
        last = items[-1] if items else None
        if last is not None and last.amount is None and last.tokens and _item_continues(last.text, tok):
            last.tokens.append(tok)
        else:
            items.append(_Item([tok]))
    return items


def _item_continues(prev: str, tok: str) -> bool:
    if tok[0] in "、)）" or tok.startswith(("（按", "(按")):
        return True
    if prev.endswith(("：", ":", "、")):
        return True
    return bool(re.fullmatch(r"[一二三四五六七八九十]+|\d{1,2}|[(（]\d{1,2}[)）]", prev))


@dataclass
class _GroupState:
    last: dict[str, int] = field(default_factory=dict)
    levels: list[str] = field(default_factory=list)
    last_style: str | None = None
    count: int = 0

    def update(self, text: str) -> None:
        enum = enumerator(text)
        style = enum[0] if enum else "none"
        if enum and enum[1] is not None:
            if style not in self.levels:
                self.levels.append(style)
            deeper = self.levels[self.levels.index(style) + 1 :]
            for s in deeper:
                self.last.pop(s, None)
            self.last[style] = enum[1]
        self.last_style = style
        self.count += 1


def _item_score(item: _Item, state: _GroupState, band: str) -> int:
    text = item.text
    score = 0
    enum = enumerator(text)
    if enum and enum[1] is not None:
        style, n = enum
        last = state.last.get(style)
        if last is not None and n == last + 1:
            score += 3
        elif n == 1 and (last is None or state.last_style != style):
            score += 2
        else:
            score -= 2
    elif enum:  # 其中
        score += 1 if state.count else -1
    else:
        score += 1 if state.last_style in ("none", "sub", None) else 0
    if band == "收入" and text.endswith("支出"):
        score -= 3
    if band == "支出" and ("收入" in text and not text.endswith("支出")):
        score -= 3
    return score


def _assign(items: list[_Item], states: list[_GroupState], bands: list[str]) -> tuple[list[int], bool]:
    """Groups for the items (strictly increasing), best total score; ``True`` when a tie or a misfit."""
    n, g = len(items), len(states)
    scores = [[_item_score(it, states[k], bands[k]) for k in range(g)] for it in items]
    # best[i][k]: best score placing items[:i+1] with item i in group k; count of optimal ways
    neg = -(10**9)
    best = [[neg] * g for _ in range(n)]
    ways = [[0] * g for _ in range(n)]
    back = [[-1] * g for _ in range(n)]
    for k in range(g):
        best[0][k], ways[0][k] = scores[0][k], 1
    for i in range(1, n):
        for k in range(g):
            for p in range(k):
                if best[i - 1][p] == neg:
                    continue
                v = best[i - 1][p] + scores[i][k]
                if v > best[i][k]:
                    best[i][k], ways[i][k], back[i][k] = v, ways[i - 1][p], p
                elif v == best[i][k]:
                    ways[i][k] += ways[i - 1][p]
    top = max(best[n - 1])
    ends = [k for k in range(g) if best[n - 1][k] == top]
    total_ways = sum(ways[n - 1][k] for k in ends)
    k = ends[0]
    groups = [0] * n
    for i in range(n - 1, -1, -1):
        groups[i] = k
        k = back[i][k]
    misfit = any(scores[i][groups[i]] < 0 for i in range(n))
    return groups, total_ways > 1 or misfit


def _parse_side_by_side(body: list[_Line]) -> Table:
    table = Table(seq=0, title="", layout="grid")
    h = _side_by_side_header(body)
    assert h is not None
    header = body[h]
    end = _side_by_side_end(body, h)
    header_tokens = [t for ln in body[h:end] for t in ln.tokens]
    groups: list[list[str]] = [[]]
    amount_names: list[str] = []
    for tok in header_tokens:
        if tok in _AMOUNT_HEADERS:
            amount_names.append(tok)
            groups.append([])
        else:
            groups[-1].append(tok)
    if groups and not groups[-1]:
        groups.pop()
    g = len(amount_names)
    names = [join_tokens(_merge_single_chars(gr)) for gr in groups[:g]]
    while len(names) < g:
        names.append("")
    band_tokens = "".join("".join(ln.tokens) for ln in body[:h])
    serial = band_tokens.startswith(("序号", "行次"))
    if serial:
        band_tokens = band_tokens[2:]
    bands = ["" for _ in range(g)]
    row = 0
    if band_tokens in ("收入支出", "收入支出总计") or (
        band_tokens.startswith("收入") and "支出" in band_tokens
    ):
        bands = ["收入"] + ["支出"] * (g - 1)
        band_span = (body[0].no, body[h - 1].no)
        table.cells.append(Cell(0, 0, "收入", colspan=2, line_span=band_span))
        if g > 1:
            table.cells.append(Cell(0, 2, "支出", colspan=2 * (g - 1), line_span=band_span))
        row = 1
    elif h > 0:
        table.notes.append(f"lines above the header not understood: {band_tokens}")
    hspan = (header.no, body[end - 1].no)
    head_texts = {"".join(ln.tokens) for ln in body[:end]}
    for k in range(g):
        table.cells.append(Cell(row, 2 * k, names[k], line_span=hspan))
        table.cells.append(Cell(row, 2 * k + 1, amount_names[k], line_span=hspan))
    table.header_rows = row + 1
    states = [_GroupState() for _ in range(g)]
    r = table.header_rows
    for ln in body[end:]:
        toks = ln.tokens
        if is_column_number_row(toks) or "".join(toks) in head_texts:
            continue
        if serial and len(toks) > 1 and re.fullmatch(r"\d{1,3}", toks[0]):
            toks = toks[1:]
        items = split_items(toks)
        if not items:
            continue
        issue = ""
        if len(items) > g:
            issue = f"{len(items)} items for {g} column groups; extra items joined into the last group"
            while len(items) > g:
                tail = items.pop()
                items[-1] = _Item(
                    items[-1].tokens + ([items[-1].amount] if items[-1].amount else []) + tail.tokens,
                    tail.amount,
                )
        if len(items) == g:
            assigned, unsure = list(range(g)), False
        else:
            assigned, unsure = _assign(items, states, bands)
            if unsure:
                issue = issue or (
                    f"{len(items)} items for {g} column groups; placed in groups "
                    + ", ".join(names[k] or str(k + 1) for k in assigned)
                    + " by enumerator order, not certain"
                )
        span = (ln.no, ln.no)
        for it, k in zip(items, assigned, strict=True):
            if it.tokens:
                table.cells.append(Cell(r, 2 * k, it.text, line_span=span))
                states[k].update(it.text)
            if it.amount is not None:
                table.cells.append(Cell(r, 2 * k + 1, it.amount, line_span=span))
        if issue:
            table.row_issues[r] = issue
        r += 1
    return table


# ----- income | expense side by side with a 行次 (row number) column on each side (决算 总表)

_ROWNUM = re.compile(r"^\d{1,3}$")


def rownum_header(body: list[_Line]) -> int | None:
    """The line printing ``项目 行次 … 项目 行次 …`` (two sides, each with a row-number column)."""
    for i, ln in enumerate(body[:6]):
        toks = _merge_single_chars(ln.tokens)
        if any(_is_amount(t) for t in toks if t not in COLUMN_MARKS):
            return None
        if toks.count("行次") >= 2 and toks.count("项目") >= 2 and toks.index("项目") < toks.index("行次"):
            return i
    return None


@dataclass
class _Side:
    name: str  # 收入 / 支出
    amounts: list[str]  # the amount columns' names

    @property
    def width(self) -> int:
        return 2 + len(self.amounts)


def _rownum_sides(body: list[_Line], h: int) -> tuple[list[_Side], int, list[str]]:
    """The two sides' amount columns, the first body line after the header, and notes on guesses."""
    toks = _merge_single_chars(body[h].tokens)
    second = [i for i, t in enumerate(toks) if t == "项目"][1]
    first_amounts = [t for t in toks[:second] if t not in ("项目", "行次")]
    second_amounts = [t for t in toks[second:] if t not in ("项目", "行次")]
    end = h + 1
    numbered: list[str] | None = None
    while end < len(body) and end < h + 10:
        line_toks = body[end].tokens
        if is_column_number_row(line_toks) or line_toks[:1] == ["栏次"]:
            numbered = line_toks
            end += 1
            break
        if any(_is_amount(t) for t in line_toks) or len(line_toks) > 2:
            break
        end += 1
    frags = [f.text for f in header_fragments(body[h + 1 : end - (1 if numbered else 0)])]
    notes: list[str] = []
    n_second = len(second_amounts) + len(frags)
    if numbered is not None:  # 栏次 1 栏次 2 3 4 5: the column numbers of each side
        marks = [i for i, t in enumerate(numbered) if t == "栏次"]
        if len(marks) == 2:
            n_first = len(numbered[marks[0] + 1 : marks[1]])
            n_second = len(numbered[marks[1] + 1 :])
            if n_first != len(first_amounts):
                notes.append(
                    f"栏次 line gives {n_first} income columns; the header prints {len(first_amounts)}"
                )
    names = second_amounts + frags
    while len(names) > n_second and len(names) > 1:  # a name broken over lines: join the incomplete one
        k = next((i for i in range(len(names) - 1) if not _is_complete(names[i])), len(names) - 2)
        names[k : k + 2] = [names[k] + names[k + 1]]
    if len(names) != n_second:
        notes.append(
            f"header names {len(names)} expense columns, the 栏次 line {n_second}; names are a guess"
        )
        names = (names + [""] * n_second)[:n_second]
    bands = [t for ln in body[:h] for t in _merge_single_chars(ln.tokens)]
    left, right = ("收入", "支出") if bands[:2] != ["支出", "收入"] else ("支出", "收入")
    return [_Side(left, first_amounts), _Side(right, names)], end, notes


@dataclass
class _Segment:
    name: list[str]
    rownum: str | None = None
    amounts: list[str] = field(default_factory=list)


def rownum_segments(tokens: list[str]) -> list[_Segment]:
    """'一、…收入 1 1435.81 一、…支出 33 0' → (name, 行次, amounts) per side printed."""
    segs: list[_Segment] = []
    for tok in tokens:
        cur = segs[-1] if segs else None
        if cur is not None and cur.name and cur.rownum is None and _ROWNUM.match(tok):
            cur.rownum = tok
        elif cur is not None and cur.rownum is not None and _is_amount(tok):
            cur.amounts.append(tok)
        elif cur is not None and cur.rownum is None and not _is_amount(tok):
            cur.name.append(tok)
        else:
            segs.append(_Segment([tok]))
    return segs


def _side_of(seg: _Segment, sides: list[_Side], first_right: int | None) -> int | None:
    """Which side a lone segment belongs to: by its count of amounts, then its 行次, then its name."""
    k = len(seg.amounts)
    fits = [i for i, s in enumerate(sides) if len(s.amounts) == k]
    if len(fits) == 1:
        return fits[0]
    if seg.rownum is not None and first_right is not None:
        return 1 if int(seg.rownum) >= first_right else 0
    text = join_tokens(seg.name)
    for i, s in enumerate(sides):
        if text.endswith(s.name):
            return i
    return None


def _parse_rownum_sides(body: list[_Line]) -> Table:
    table = Table(seq=0, title="", layout="grid")
    h = rownum_header(body)
    assert h is not None
    sides, end, notes = _rownum_sides(body, h)
    table.notes.extend(notes)
    band_span = (body[0].no, body[max(h - 1, 0)].no)
    hspan = (body[h].no, body[end - 1].no)
    col = 0
    for side in sides:
        table.cells.append(Cell(0, col, side.name, colspan=side.width, line_span=band_span))
        for k, name in enumerate(["项目", "行次", *side.amounts]):
            table.cells.append(Cell(1, col + k, name, line_span=hspan))
        col += side.width
    table.header_rows = 2
    head_texts = {"".join(ln.tokens) for ln in body[:end]}
    first_right: int | None = None
    r = table.header_rows
    for ln in body[end:]:
        toks = ln.tokens
        if not toks or "".join(toks) in head_texts or is_column_number_row(toks) or toks[0] == "栏次":
            continue
        segs = rownum_segments(toks)
        issue = ""
        if len(segs) > len(sides):
            issue = f"{len(segs)} items for {len(sides)} sides; the extra ones joined into the last"
            while len(segs) > len(sides):
                tail = segs.pop()
                last = segs[-1]
                last.name += ([last.rownum] if last.rownum else []) + last.amounts + tail.name
                last.rownum, last.amounts = tail.rownum, tail.amounts
        if len(segs) == 2:
            placed = [0, 1]
            if segs[1].rownum is not None and first_right is None:
                first_right = int(segs[1].rownum)
        else:
            side = _side_of(segs[0], sides, first_right)
            if side is None:
                side = 0
                issue = issue or "one item printed; its side (收入 or 支出) is a guess"
            placed = [side]
        span = (ln.no, ln.no)
        for seg, k in zip(segs, placed, strict=True):
            side = sides[k]
            base = sum(s.width for s in sides[:k])
            if seg.rownum is None:
                issue = issue or "no 行次 printed; the numbers are kept in printed order"
            if len(seg.amounts) > len(side.amounts):
                issue = issue or (
                    f"{len(seg.amounts)} numbers for {len(side.amounts)} {side.name} amount columns"
                )
            if seg.name:
                table.cells.append(Cell(r, base, join_tokens(seg.name), line_span=span))
            if seg.rownum is not None:
                table.cells.append(Cell(r, base + 1, seg.rownum, line_span=span))
            for j, amount in enumerate(seg.amounts):
                table.cells.append(Cell(r, base + 2 + j, amount, line_span=span))
            if seg.amounts and len(seg.amounts) < len(side.amounts):
                issue = issue or (
                    f"{len(seg.amounts)} numbers for {len(side.amounts)} {side.name} amount columns; "
                    "placed from the left"
                )
        if issue:
            table.row_issues[r] = issue
        r += 1
    return table


# ----- label groups repeated side by side: 人员经费 | 公用经费 over 科目编码 科目名称 决算数 (twice)


def _repeat(toks: list[str]) -> int:
    """How many times ``toks`` is one pattern printed again and again (1 when it is not)."""
    n = len(toks)
    for g in range(n // 2, 1, -1):
        if n % g == 0 and all(toks[i] == toks[i % (n // g)] for i in range(n)):
            return g
    return 1


def banded_header(body: list[_Line]) -> tuple[int, int] | None:
    """(line, groups): the header line printing ``科目编码 科目名称 决算数`` once per group."""
    for i, ln in enumerate(body[:6]):
        toks = _merge_single_chars(ln.tokens)
        if any(_is_amount(t) for t in toks):
            return None
        g = _repeat(toks)
        pattern = toks[: len(toks) // g]
        if g >= 2 and _CODE_COLUMN.search(pattern[0]) and any(_AMOUNTISH.search(t) for t in pattern[1:]):
            kinds = _label_kinds(pattern)
            if kinds and kinds[0] == "code" and len(kinds) < len(pattern):
                return i, g
    return None


@dataclass
class _Piece:
    code: str | None
    name: list[str]
    amounts: list[str] = field(default_factory=list)


def banded_pieces(tokens: list[str]) -> list[_Piece]:
    """'301 工资福利支出 2406291.01 302 商品和服务支出 204791.14' → one (code, name, amounts) per group."""
    toks = split_glued_codes(tokens)
    pieces: list[_Piece] = []
    for i, tok in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        cur = pieces[-1] if pieces else None
        if CODE_TOKEN.match(tok) and nxt is not None and not _is_amount(nxt):
            pieces.append(_Piece(tok, []))
        elif _is_amount(tok):
            if cur is None:
                pieces.append(_Piece(None, [], [tok]))
            else:
                cur.amounts.append(tok)
        elif cur is not None and not cur.amounts:
            cur.name.append(tok)
        else:
            pieces.append(_Piece(None, [tok]))
    return pieces


def _band_of(piece: _Piece, bands: list[str], codes: list[set[str]]) -> int | None:
    """The group a lone piece belongs to: the one whose codes share its class, else the band its name names."""
    if piece.code:
        hits = [k for k, cs in enumerate(codes) if piece.code[:3] in cs]
        if len(hits) == 1:
            return hits[0]
    text = join_tokens(piece.name)
    hits = [k for k, b in enumerate(bands) if b and text.startswith(b)]
    return hits[0] if len(hits) == 1 else None


def _parse_banded(body: list[_Line]) -> Table:
    table = Table(seq=0, title="", layout="grid")
    found = banded_header(body)
    assert found is not None
    h, g = found
    toks = _merge_single_chars(body[h].tokens)
    pattern = toks[: len(toks) // g]
    width = len(pattern)
    n_amounts = width - len(_label_kinds(pattern))
    above = [t for ln in body[:h] for t in _merge_single_chars(ln.tokens)]
    bands = above if len(above) == g else [""] * g
    if h and len(above) != g:
        table.notes.append(f"lines above the header not understood: {''.join(above)}")
    row = 0
    if any(bands):
        span = (body[0].no, body[h - 1].no)
        for k, band in enumerate(bands):
            table.cells.append(Cell(0, k * width, band, colspan=width, line_span=span))
        row = 1
    for k in range(g):
        for j, name in enumerate(pattern):
            table.cells.append(Cell(row, k * width + j, name, line_span=(body[h].no, body[h].no)))
    table.header_rows = row + 1
    head_texts = {"".join(ln.tokens) for ln in body[: h + 1]}
    codes: list[set[str]] = [set() for _ in range(g)]
    r = table.header_rows
    for ln in body[h + 1 :]:
        if not ln.tokens or "".join(ln.tokens) in head_texts or is_column_number_row(ln.tokens):
            continue
        pieces = banded_pieces(ln.tokens)
        issue = ""
        if len(pieces) > g:
            issue = f"{len(pieces)} items for {g} column groups; the extra ones joined into the last"
            while len(pieces) > g:
                tail = pieces.pop()
                last = pieces[-1]
                last.name += last.amounts + ([tail.code] if tail.code else []) + tail.name
                last.amounts = tail.amounts
        if len(pieces) == g:
            groups = list(range(g))
        else:
            k = _band_of(pieces[0], bands, codes)
            if k is None:
                k = 0
                issue = issue or "one item printed; its column group is a guess"
            groups = [k]
        span = (ln.no, ln.no)
        for piece, k in zip(pieces, groups, strict=True):
            base = k * width
            if piece.code:
                codes[k].add(piece.code[:3])
                table.cells.append(Cell(r, base, piece.code, line_span=span))
            if piece.name:
                table.cells.append(
                    Cell(r, base + width - n_amounts - 1, join_tokens(piece.name), line_span=span)
                )
            if len(piece.amounts) != n_amounts and piece.amounts:
                issue = (
                    issue
                    or f"{len(piece.amounts)} numbers for {n_amounts} amount columns; kept in printed order"
                )
            for j, amount in enumerate(piece.amounts[:n_amounts]):
                table.cells.append(Cell(r, base + width - n_amounts + j, amount, line_span=span))
        if issue:
            table.row_issues[r] = issue
        r += 1
    return table


# --------------------------------------------------------------------------- performance tables

# level-2 names as printed: in full, or without their 指标
_PRINTED_LEVEL2 = (*LEVEL2, *LEVEL2_SHORT_NAMES)
_HEADER_WORDS = (*INDICATOR_LABELS, *INDICATOR_VALUE_HEADERS, *INDICATOR_SCORE_HEADERS)
_BLOCK_WORDS = (
    "年度绩效指标",
    "绩效指标",
    "年度总体目标",
    "总体目标",
    "年度目标",
    "年度主要任务",
    "实施期目标",
)
_VOCAB = sorted(set(LEVEL1 + _PRINTED_LEVEL2 + _HEADER_WORDS + _BLOCK_WORDS), key=len, reverse=True)

_INDICATOR = re.compile(r"^\s*指标\s*\d*\s*[:：]")
_TARGET = re.compile(r"^\s*目标\s*\d*\s*[:：]")
_TASK = re.compile(r"^\s*任务\s*\d+")
_PLACEHOLDER = re.compile(r"^[.…·。．\s]{2,}$|^…+$")
_VALUEISH = re.compile(r"[\d%％≥≤≧≦<>＜＞=]")


def is_performance(body: list[_Line]) -> bool:
    """Does the block look like a performance target table (指标1： lines, 一级指标 headers)?"""
    for ln in body:
        s = ln.text.strip()
        if _INDICATOR.match(s) or "一级指标" in s.replace(" ", "") or "绩效目标" in s:
            return True
    joined = "".join(ln.text.strip() for ln in body if len(ln.text.strip()) <= 2)
    return "绩效指标" in joined or "产出指标" in joined


def segment_label(text: str) -> list[str]:
    """A stacked label split into known words: '满意度指标服务对象满意度指标' → both parts.

    Unknown stretches stay as they are (a dynamic programme minimising unknown characters).
    """
    n = len(text)
    cost = [0] + [10**9] * n
    back: list[tuple[int, bool]] = [(0, False)] * (n + 1)
    for i in range(1, n + 1):
        for w in _VOCAB:
            j = i - len(w)
            if j >= 0 and text[j:i] == w and cost[j] < cost[i]:
                cost[i], back[i] = cost[j], (j, True)
        if cost[i - 1] + 1 < cost[i]:
            cost[i], back[i] = cost[i - 1] + 1, (i - 1, False)
    parts: list[str] = []
    i = n
    unknown = ""
    while i > 0:
        j, known = back[i]
        if known:
            if unknown:
                parts.append(unknown)
                unknown = ""
            parts.append(text[j:i])
        else:
            unknown = text[j:i] + unknown
        i = j
    if unknown:
        parts.append(unknown)
    return list(reversed(parts))


def _is_stack_piece(ln: _Line) -> bool:
    s = ln.text.strip()
    return (
        ln.indent == 0
        and " " not in s
        and 0 < len(s) <= 10
        and not _INDICATOR.match(s)
        and not _TARGET.match(s)
        and not _TASK.match(s)
        and not _PLACEHOLDER.match(s)
        and not _is_amount(s)
    )


def _split_indicator(text: str) -> tuple[str, str]:
    """' 指标1：城乡居民医保系统完成整合 100%' → ('指标1：城乡居民医保系统完成整合', '100%')."""
    s = text.strip()
    m = _INDICATOR.match(s)
    prefix = s[: m.end()].replace(" ", "") if m else ""
    rest = s[m.end() :].strip() if m else s
    toks = rest.split()
    if len(toks) >= 2 and (_VALUEISH.search(toks[-1]) or len(toks[-1]) <= 4):
        return prefix + join_tokens(toks[:-1]), toks[-1]
    return prefix + join_tokens(toks), ""


class _PerfBuilder:
    def __init__(self, table: Table) -> None:
        self.table = table
        self.row = table.header_rows
        self.pending1: tuple[str, LineSpan] | None = None
        self.pending2: tuple[str, LineSpan] | None = None
        self.pending_label: tuple[str, LineSpan] | None = None
        self.in_targets = False

    def add(self, cells: list[tuple[int, str, LineSpan]]) -> None:
        for col, text, span in cells:
            self.table.cells.append(Cell(self.row, col, text, line_span=span))
        self.row += 1

    def indicator(self, level3: str, value: str, span: LineSpan) -> None:
        self.in_targets = False
        cells: list[tuple[int, str, LineSpan]] = []
        if self.pending1 is not None:
            cells.append((0, *self.pending1))
            self.pending1 = None
        if self.pending2 is not None:
            cells.append((1, *self.pending2))
            self.pending2 = None
        cells.append((2, level3, span))
        if value:
            cells.append((3, value, span))
        self.add(cells)

    def flush(self) -> None:
        if self.pending1 is not None or self.pending2 is not None:
            cells = []
            if self.pending1 is not None:
                cells.append((0, *self.pending1))
            if self.pending2 is not None:
                cells.append((1, *self.pending2))
            self.pending1 = self.pending2 = None
            self.add(cells)

    def info(self, label: str, value: str, span: LineSpan, more: Sequence[tuple[str, LineSpan]] = ()) -> None:
        self.flush_label()
        self.in_targets = False
        cells: list[tuple[int, str, LineSpan]] = [(0, label, span)]
        if value:
            cells.append((1, value, span))
        for k, (text, sp) in enumerate(more, start=2):
            if text:
                cells.append((k, text, sp))
        self.add(cells)

    def target(self, text: str, span: LineSpan) -> None:
        label = self.pending_label
        self.pending_label = None
        self.in_targets = True
        cells = [(0, label[0], label[1])] if label else []
        cells.append((1, text, span))
        self.add(cells)

    def flush_label(self) -> None:
        if self.pending_label is not None:
            label = self.pending_label
            self.pending_label = None
            self.add([(0, label[0], label[1])])


def _parse_performance(all_lines: list[_Line], body: list[_Line]) -> Table:
    table = Table(seq=0, title="", layout="grid")
    body_nos = {ln.no for ln in body}
    # the canonical indicator header sits on top; its cells point at the printed header line
    header_line = next(
        (ln for ln in body if "指标值" in ln.text or ("二级指标" in ln.text and " " in ln.text.strip())), None
    )
    hspan = (header_line.no, header_line.no) if header_line else None
    for k, name in enumerate(PERFORMANCE_COLUMNS):
        table.cells.append(Cell(0, k, name, line_span=hspan))
    table.header_rows = 1
    b = _PerfBuilder(table)
    in_indicators = False
    in_tasks = False
    task_header: list[tuple[str, LineSpan]] | None = None
    # group stack pieces: consecutive stack lines, split at blank lines
    chunks: list[tuple[str, LineSpan]] = []

    def resolve_chunks() -> None:
        nonlocal in_indicators
        words: list[tuple[str, LineSpan]] = []
        for text, span in chunks:
            words.extend((w, span) for w in segment_label(text))
        chunks.clear()
        for idx, (w, span) in enumerate(words):
            nxt = words[idx + 1][0] if idx + 1 < len(words) else ""
            if w in _HEADER_WORDS:
                in_indicators = True
                continue
            if w in ("绩效指标", "年度绩效指标"):
                in_indicators = True
                table.notes.append(f"block label {w} (lines {span[0]}-{span[1]})")
                continue
            if w in LEVEL1 and (w not in _PRINTED_LEVEL2 or nxt in _PRINTED_LEVEL2):
                b.flush()
                b.pending1 = (w, span)
                in_indicators = True
                continue
            if w in _PRINTED_LEVEL2 or (in_indicators and w.endswith("指标")):
                if b.pending2 is not None:
                    b.flush()
                b.pending2 = (w, span)
                in_indicators = True
                continue
            if w in _BLOCK_WORDS:
                b.flush_label()
                b.pending_label = (w, span)
                continue
            b.info(w, "", span)

    prev_no = None
    for ln in all_lines:
        if ln.no not in body_nos:
            if not ln.text.strip() and chunks:
                chunks.append(("", (ln.no, ln.no)))  # a blank line separates stacked labels
            continue
        s = ln.text.strip()
        toks = ln.tokens
        span = (ln.no, ln.no)
        if task_header is not None:
            if not (_TASK.match(s) or _is_amount(toks[-1])):
                task_header.extend((t, span) for t in toks if not t.startswith("预算金额"))
                continue
            b.flush_label()
            b.add([(k, t, sp) for k, (t, sp) in enumerate(task_header)])
            task_header = None
        if _is_stack_piece(ln) and not _TASK.match(s):
            if chunks and chunks[-1][0] and prev_no == ln.no - 1:
                text, sp = chunks[-1]
                chunks[-1] = (text + s, (sp[0], ln.no))
            else:
                chunks.append((s, span))
            prev_no = ln.no
            continue
        prev_no = ln.no
        chunks[:] = [c for c in chunks if c[0]]
        if chunks:
            resolve_chunks()
        if "任务名称" in s.replace(" ", ""):
            in_tasks = True
            task_header = [(t, span) for t in toks]
            continue
        if _INDICATOR.match(s):
            level3, value = _split_indicator(s)
            b.indicator(level3, value, span)
            in_indicators = True
            continue
        if _PLACEHOLDER.match(s):
            if in_indicators:
                b.indicator(s, "", span)
            elif b.pending_label is not None or b.in_targets:
                b.target(s, span)
            else:
                b.info(s, "", span)
            continue
        if _TARGET.match(s):
            b.target(" ".join(s.split()), span)
            continue
        if any(w in s.replace(" ", "") for w in ("一级指标", "二级指标")) and not _is_amount(toks[-1]):
            in_indicators = True
            continue
        if in_tasks and (_TASK.match(s) or _is_amount(toks[-1])):
            toks = list(toks)
            nums: list[str] = []
            while toks and _is_amount(toks[-1]):
                nums.insert(0, toks.pop())
            label = toks[0] if toks else ""
            content = join_tokens(toks[1:])
            b.info(label, content, span, [(n, span) for n in nums])
            continue
        label, value = _label_value(toks)
        b.info(label, value, span)
    chunks[:] = [c for c in chunks if c[0]]
    if chunks:
        resolve_chunks()
    if task_header:
        b.add([(k, t, sp) for k, (t, sp) in enumerate(task_header)])
    b.flush()
    b.flush_label()
    for c in table.cells:
        if c.col == 0 and "项目" in c.text and "名称" in c.text:
            value = table.cell(c.row, 1)
            if value is not None and value.text:
                table.project = value.text
                break
    return table


def _label_value(toks: list[str]) -> tuple[str, str]:
    """'专项（项目）名称 信息系统…' → (label, value); '实施期资金总额： 56' → ('实施期资金总额：', '56')."""
    if len(toks) >= 2 and _is_amount(toks[-1]):
        return join_tokens(toks[:-1]), toks[-1]
    if len(toks) >= 2:
        return toks[0], join_tokens(toks[1:])
    return join_tokens(toks), ""


__all__ = [
    "build_header",
    "banded_header",
    "banded_pieces",
    "cn_number",
    "enumerator",
    "header_cells",
    "header_fragments",
    "is_performance",
    "join_tokens",
    "parse_block",
    "rownum_header",
    "rownum_segments",
    "segment_label",
    "split_items",
]
