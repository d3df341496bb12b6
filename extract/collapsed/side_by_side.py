"""Side-by-side collapsed tables: several column groups printed on one line.

Three variants, each read into a grid (``layout='grid'``): item | amount pairs (收入 | 支出功能分类 |
…, placed by enumerator order), income | expense with a 行次 column on each side (决算 总表), and
label groups repeated side by side (人员经费 | 公用经费 over 科目编码 科目名称 决算数, twice).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from extract.codes import CODE_TOKEN, split_glued_codes
from extract.collapsed.header import HNode, header_cells, header_fragments, is_complete, leaf_names
from extract.collapsed.header_solver import solve_header
from extract.collapsed.regular import label_kinds
from extract.collapsed.tokens import Line, is_amount, join_tokens, join_years, merge_single_chars
from extract.collapsed.words import AMOUNTISH
from extract.model import Cell, Table
from extract.reasons import Reason, reason
from extract.vocabulary import CODE_COLUMN, COLUMN_MARKS, TOTAL_WORDS, is_column_number_row

# ----- item | amount pairs side by side (收入 | 支出功能分类 | 部门经济分类 | 政府经济分类)

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


_YEAR_PREFIX = re.compile(r"^(?:19|20)\d{2}年度?")


def _amount_header(tok: str) -> bool:
    """预算数, 决算数 …, also after a year (2026年预算数)."""
    return tok in _AMOUNT_HEADERS or _YEAR_PREFIX.sub("", tok) in _AMOUNT_HEADERS


def _header_tokens(ln: Line) -> list[str]:
    """A header line's words, letter-spaced ones joined (``项 目 预 算 数``), a year joined to the 年
    word after it (``2026 年预算数``)."""
    return join_years(merge_single_chars(ln.tokens))


def _pair_amounts(toks: list[str]) -> list[bool]:
    """Which of a header line's words head an item's amount column: 预算数, 金额 …, and 合计 printed
    right after an item header (项目 合计: the first of a side's several amount columns, its parts
    printed on the wrapped lines after it)."""
    return [
        _amount_header(t) or (t == "合计" and i > 0 and toks[i - 1] == "项目") for i, t in enumerate(toks)
    ]


def side_by_side_header(body: list[Line]) -> int | None:
    for i, ln in enumerate(body[:6]):
        toks = _header_tokens(ln)
        if any(is_amount(t) for t in toks) or any(CODE_COLUMN.search(t) for t in toks):
            return None
        if toks and all(_amount_header(t) for t in toks):
            return None  # 预算数 | 决算数 alone: bands over repeated sub-headers, not item | amount pairs
        if sum(_pair_amounts(toks)) >= 2:
            return i
        if sum(_pair_amounts(toks)) == 1:  # the header goes on over the next lines
            n = 0
            for nxt in body[i:10]:
                words = _header_tokens(nxt)
                if any(is_amount(t) for t in words) or any(CODE_COLUMN.search(t) for t in words):
                    break
                n += sum(_pair_amounts(words))
            return i if n >= 2 else None
    return None


def _side_by_side_end(body: list[Line], h: int) -> int:
    """The first line after the side-by-side header (its lines run to the first line with an amount)."""
    end = h + 1
    for j in range(h + 1, min(len(body), h + 8)):
        toks = _header_tokens(body[j])
        if any(is_amount(t) for t in toks) or is_column_number_row(toks):
            break
        has_header = any(_amount_header(t) for t in toks)
        if not has_header and len(toks) > 2:
            break
        if has_header:
            end = j + 1
    return end


def _wide_side(body: list[Line], end: int, groups: int) -> tuple[list[str], int]:
    """The amount columns printed after the last group's amount header, on the header lines wrapped
    down to the ``栏次 1 2 …`` line (财政拨款收支总表: 支出 | 项目 合计 then 一般公共预算财政拨款 |
    政府性基金预算财政拨款 | 国有资本经营预算财政拨款, broken anywhere): their names and the first
    line after them. The column numbers say how many: beyond the groups' item | amount pairs, the
    columns are the last group's. None (``[]``, ``end``) without such a line."""
    for j in range(end, min(len(body), end + 10)):
        toks = body[j].tokens
        if is_column_number_row(toks):
            n_extra = sum(1 for t in toks if t not in COLUMN_MARKS) - 2 * groups
            if n_extra <= 0:
                return [], end
            names = [f.text for f in header_fragments(body[end:j])]
            return fit_names(names, n_extra), j
        if any(is_amount(t) for t in toks) or len(toks) > 2:
            return [], end
    return [], end


def _side_sub_header(body: list[Line], end: int) -> tuple[list[HNode], int]:
    """The last side's amount columns printed on lines of their own under its amount header
    (财务收支预算总表 as pdftotext -raw: 项目 预算数 项目 / 预算数 / 合计 / 基本支出 / 项目支出 / 人员经费
    公用经费), its total first: their header tree, solved as a collapsed header is (基本支出 over 人员经费 公用经费),
    and the first line after them; ``([], end)`` when there are none, the solver finds no sure tree
    or its columns are not as many as the amounts the rows print after their last item."""
    j = end
    while j < min(len(body), end + 8):
        toks = _header_tokens(body[j])
        if not toks or any(is_amount(t) for t in toks) or is_column_number_row(toks) or len(toks) > 3:
            break
        j += 1
    frags = header_fragments(body[end:j])
    if len(frags) < 2 or frags[0].text not in TOTAL_WORDS:  # 合计 first: the side's total, then its parts
        return [], end
    trailing = max((_trailing_run(ln.tokens) for ln in body[j:]), default=0)
    guess = solve_header(frags, [trailing])
    if guess is None or guess.ties or sum(r.n_leaves() for r in guess.roots) != trailing:
        return [], end
    return guess.roots, j


def _trailing_run(toks: list[str]) -> int:
    n = 0
    while n < len(toks) and is_amount(toks[len(toks) - 1 - n]):
        n += 1
    return n


def fit_names(names: list[str], n: int) -> list[str]:
    """Header names broken over lines, as ``n`` columns: an incomplete name joins the next one (the
    first incomplete; when every name reads complete, the shortest after the first joins the one
    before it: 政府性基金预算 | 财政拨款 is one cell wrapped) until there are ``n``; padded with blanks."""
    names = list(names)
    while len(names) > n and len(names) > 1:
        k = next((i for i in range(len(names) - 1) if not is_complete(names[i])), None)
        if k is None:
            k = min(range(1, len(names)), key=lambda i: len(names[i])) - 1
        names[k : k + 2] = [names[k] + names[k + 1]]
    return (names + [""] * n)[:n]


@dataclass
class _Item:
    tokens: list[str]
    amounts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return join_tokens(self.tokens)

    @property
    def amount(self) -> str | None:
        return self.amounts[0] if self.amounts else None


def split_items(tokens: list[str], width: int = 1) -> list[_Item]:
    """One side-by-side line → its items (text, its amounts: up to ``width``, the widest group's
    count of amount columns)."""
    items: list[_Item] = []
    for tok in tokens:
        if is_amount(tok):
            if items and items[-1].tokens and len(items[-1].amounts) < width:
                items[-1].amounts.append(tok)
            else:
                items.append(_Item([], [tok]))
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


def _item_score(item: _Item, state: _GroupState, band: str, width: int = 1) -> int:
    text = item.text
    score = -10 if len(item.amounts) > width else 0  # more amounts than the group has columns
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


def _assign(
    items: list[_Item], states: list[_GroupState], bands: list[str], widths: list[int]
) -> tuple[list[int], bool]:
    """Groups for the items (strictly increasing), best total score; ``True`` when a tie or a misfit."""
    n, g = len(items), len(states)
    scores = [[_item_score(it, states[k], bands[k], widths[k]) for k in range(g)] for it in items]
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


def parse_side_by_side(body: list[Line]) -> Table:
    table = Table(seq=0, title="", layout="grid")
    h = side_by_side_header(body)
    assert h is not None
    header = body[h]
    end = _side_by_side_end(body, h)
    header_tokens = [t for ln in body[h:end] for t in _header_tokens(ln)]
    groups: list[list[str]] = [[]]
    amount_names: list[str] = []
    for tok, heads in zip(header_tokens, _pair_amounts(header_tokens), strict=True):
        if heads:
            amount_names.append(tok)
            groups.append([])
        else:
            groups[-1].append(tok)
    if groups and not groups[-1]:
        groups.pop()
    g = len(amount_names)
    names = [join_tokens(merge_single_chars(gr)) for gr in groups[:g]]
    while len(names) < g:
        names.append("")
    # each group's amount columns: its header's, and the last group's wrapped ones (合计 | its parts)
    columns = [[a] for a in amount_names]
    extra, end = _wide_side(body, end, g)
    if not extra and amount_names and amount_names[-1] == "合计" and len(groups) == g + 1:
        # 项目 合计 一般公共预算 政府性基金预算 国有资本经营预算 on the header line itself: the words after a
        # side's 合计 are its parts, that side's further amount columns
        extra = [f.text for f in header_fragments([Line(header.no, " ".join(groups[g]))])]
    columns[-1] += extra
    sub_roots: list[HNode] = []
    if not extra and g and amount_names[-1] != "合计":
        sub_roots, end = _side_sub_header(body, end)
        if sub_roots:
            columns[-1] = leaf_names(sub_roots)
    widths = [len(c) for c in columns]
    base = [sum(1 + w for w in widths[:k]) for k in range(g)]
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
        table.cells.append(Cell(0, 0, "收入", colspan=1 + widths[0], line_span=band_span))
        if g > 1:
            table.cells.append(
                Cell(0, base[1], "支出", colspan=sum(1 + w for w in widths[1:]), line_span=band_span)
            )
        row = 1
    elif h > 0:
        table.notes.append(reason("collapsed.above_header", text=str(band_tokens)))
    hspan = (header.no, body[end - 1].no)
    head_texts = {"".join(ln.tokens) for ln in body[:end]}
    sub_cells, depth = header_cells(sub_roots)
    tall = depth + 1  # the header rows: the item | amount line, and the last side's sub-header under it
    for k in range(g):
        table.cells.append(Cell(row, base[k], names[k], rowspan=tall, line_span=hspan))
        if k == g - 1 and sub_roots:
            table.cells.append(Cell(row, base[k] + 1, amount_names[k], colspan=widths[k], line_span=hspan))
            for c in sub_cells:
                table.cells.append(dataclasses.replace(c, row=row + 1 + c.row, col=base[k] + 1 + c.col))
            continue
        for j, name in enumerate(columns[k]):
            table.cells.append(Cell(row, base[k] + 1 + j, name, rowspan=tall, line_span=hspan))
    table.header_rows = row + tall
    states = [_GroupState() for _ in range(g)]
    r = table.header_rows
    for ln in body[end:]:
        toks = ln.tokens
        if is_column_number_row(toks) or "".join(toks) in head_texts:
            continue
        if serial and len(toks) > 1 and re.fullmatch(r"\d{1,3}", toks[0]):
            toks = toks[1:]
        items = split_items(toks, max(widths))
        if not items:
            continue
        issue: Reason | None = None
        if len(items) > g:
            issue = reason("collapsed.extra_items", items=len(items), groups=g)
            while len(items) > g:
                tail = items.pop()
                items[-1] = _Item(items[-1].tokens + items[-1].amounts + tail.tokens, tail.amounts)
        if len(items) == g and all(len(it.amounts) <= w for it, w in zip(items, widths, strict=True)):
            assigned, unsure = list(range(g)), False
        else:
            assigned, unsure = _assign(items, states, bands, widths)
            if unsure:
                issue = issue or reason(
                    "collapsed.groups_by_enumerator",
                    items=len(items),
                    groups=g,
                    placed="、".join(names[k] or str(k + 1) for k in assigned),
                )
        span = (ln.no, ln.no)
        for it, k in zip(items, assigned, strict=True):
            if it.tokens:
                table.cells.append(Cell(r, base[k], it.text, line_span=span))
                states[k].update(it.text)
            for j, amount in enumerate(it.amounts):  # packed left: the text keeps no column position
                table.cells.append(Cell(r, base[k] + 1 + j, amount, line_span=span))
            if it.amounts and len(it.amounts) != widths[k]:
                code = (
                    "collapsed.few_numbers_left"
                    if len(it.amounts) < widths[k]
                    else "collapsed.too_many_numbers"
                )
                side = bands[k] or names[k] or str(k + 1)
                issue = issue or reason(code, numbers=len(it.amounts), columns=widths[k], side=side)
        if issue:
            table.row_issues[r] = issue
        r += 1
    return table


# ----- income | expense side by side with a 行次 (row number) column on each side (决算 总表)

_ROWNUM = re.compile(r"^\d{1,3}$")


def rownum_header(body: list[Line]) -> int | None:
    """The line printing ``项目 行次 … 项目 行次 …`` (two sides, each with a row-number column)."""
    for i, ln in enumerate(body[:6]):
        toks = merge_single_chars(ln.tokens)
        if any(is_amount(t) for t in toks if t not in COLUMN_MARKS):
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


def _rownum_sides(body: list[Line], h: int) -> tuple[list[_Side], int, list[str]]:
    """The two sides' amount columns, the first body line after the header, and notes on guesses."""
    toks = merge_single_chars(body[h].tokens)
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
        if any(is_amount(t) for t in line_toks) or len(line_toks) > 2:
            break
        end += 1
    frags = [f.text for f in header_fragments(body[h + 1 : end - (1 if numbered else 0)])]
    notes: list[Reason] = []
    n_second = len(second_amounts) + len(frags)
    if numbered is not None:  # 栏次 1 栏次 2 3 4 5: the column numbers of each side
        marks = [i for i, t in enumerate(numbered) if t == "栏次"]
        if len(marks) == 2:
            n_first = len(numbered[marks[0] + 1 : marks[1]])
            n_second = len(numbered[marks[1] + 1 :])
            if n_first != len(first_amounts):
                notes.append(
                    reason("collapsed.column_numbers_income", numbered=n_first, printed=len(first_amounts))
                )
    names = second_amounts + frags
    if len(names) < n_second or (names and n_second < 1):
        notes.append(reason("collapsed.column_numbers_expense", named=len(names), numbered=n_second))
    names = fit_names(names, n_second)  # a name broken over lines: the broken parts joined
    bands = [t for ln in body[:h] for t in merge_single_chars(ln.tokens)]
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
        elif cur is not None and cur.rownum is not None and is_amount(tok):
            cur.amounts.append(tok)
        elif cur is not None and cur.rownum is None and not is_amount(tok):
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


def parse_rownum_sides(body: list[Line]) -> Table:
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
        issue: Reason | None = None
        if len(segs) > len(sides):
            issue = reason("collapsed.extra_sides", items=len(segs), sides=len(sides))
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
                issue = issue or reason("collapsed.side_guess")
            placed = [side]
        span = (ln.no, ln.no)
        for seg, k in zip(segs, placed, strict=True):
            side = sides[k]
            base = sum(s.width for s in sides[:k])
            if seg.rownum is None:
                issue = issue or reason("collapsed.no_row_number")
            if len(seg.amounts) > len(side.amounts):
                issue = issue or reason(
                    "collapsed.too_many_numbers",
                    numbers=len(seg.amounts),
                    columns=len(side.amounts),
                    side=side.name,
                )
            if seg.name:
                table.cells.append(Cell(r, base, join_tokens(seg.name), line_span=span))
            if seg.rownum is not None:
                table.cells.append(Cell(r, base + 1, seg.rownum, line_span=span))
            for j, amount in enumerate(seg.amounts):
                table.cells.append(Cell(r, base + 2 + j, amount, line_span=span))
            if seg.amounts and len(seg.amounts) < len(side.amounts):
                issue = issue or reason(
                    "collapsed.few_numbers_left",
                    numbers=len(seg.amounts),
                    columns=len(side.amounts),
                    side=side.name,
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


def banded_header(body: list[Line]) -> tuple[int, int] | None:
    """(line, groups): the header line printing ``科目编码 科目名称 决算数`` once per group."""
    for i, ln in enumerate(body[:6]):
        toks = merge_single_chars(ln.tokens)
        if any(is_amount(t) for t in toks):
            return None
        g = _repeat(toks)
        pattern = toks[: len(toks) // g]
        if g >= 2 and CODE_COLUMN.search(pattern[0]) and any(AMOUNTISH.search(t) for t in pattern[1:]):
            kinds = label_kinds(pattern)
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
        if CODE_TOKEN.match(tok) and nxt is not None and not is_amount(nxt):
            pieces.append(_Piece(tok, []))
        elif is_amount(tok):
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


def parse_banded(body: list[Line]) -> Table:
    table = Table(seq=0, title="", layout="grid")
    found = banded_header(body)
    assert found is not None
    h, g = found
    toks = merge_single_chars(body[h].tokens)
    pattern = toks[: len(toks) // g]
    width = len(pattern)
    n_amounts = width - len(label_kinds(pattern))
    above = [t for ln in body[:h] for t in merge_single_chars(ln.tokens)]
    bands = above if len(above) == g else [""] * g
    if h and len(above) != g:
        table.notes.append(reason("collapsed.above_header", text="".join(above)))
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
        issue: Reason | None = None
        if len(pieces) > g:
            issue = reason("collapsed.extra_items", items=len(pieces), groups=g)
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
                issue = issue or reason("collapsed.group_guess")
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
                issue = issue or reason(
                    "collapsed.numbers_printed_order", numbers=len(piece.amounts), columns=n_amounts
                )
            for j, amount in enumerate(piece.amounts[:n_amounts]):
                table.cells.append(Cell(r, base + width - n_amounts + j, amount, line_span=span))
        if issue:
            table.row_issues[r] = issue
        r += 1
    return table
