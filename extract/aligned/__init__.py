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

A multi-row header is rebuilt from its words (``header_rebuild.rebuild_header``), with any number of levels:
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
``columns.place_by_edges`` places every number column surely: column boxes come from the 栏次 numbers
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

Modules, one concept each:

* ``segments``: the cells of a line and their positions;
* ``columns``: body columns, a row's cells aligned to them, placement by column boxes and forced
  placement;
* ``header_rebuild``: a multi-row header rebuilt from its words;
* ``header_layout``: a header laid over the body columns (by leaves, or rebuilt), its leaf names;
* ``sums``: the sums a header implies and a row settled by them;
* this module: a page's chunk (header, body, wrapped cells, doubts) and the table of all pages.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from extract.aligned.columns import (
    DESCRIPTOR_NAME,
    MONEY_RE,
    body_columns,
    column_centres,
    forced_placement,
    money_columns,
    place_by_edges,
)
from extract.aligned.decimals import join_wrapped_decimals
from extract.aligned.header_layout import header_names, leaf_layout, rebuilt_layout
from extract.aligned.segments import SEGMENT_RE, Seg, is_text, seg_centre, segments
from extract.aligned.sums import numeric_ends, row_sums, settle_by_sums, spacing_doubt
from extract.codes import CODE_TOKEN
from extract.headers import count_header_rows, increasing_columns, is_performance_grid
from extract.indicator_words import SLOT_ENUMERATOR, is_template_slot
from extract.model import SPLIT_GUESS, Cell, Table
from extract.numbers import parse_amount
from extract.pagetext import is_page_number
from extract.reasons import Reason, reason
from extract.taxonomy import LEVEL1, LEVEL2
from extract.vocabulary import (
    INDICATOR_LABELS,
    ITEM_NAMES,
    TOTAL_WORDS,
    compact,
    indicator_header_index,
    is_column_number_row,
)

# a line starting a new item: a code, an enumerator, 其中, or a total word (possibly spaced: 合 计)
_SPACED_TOTAL = "|".join(r"\s*".join(word) for word in TOTAL_WORDS)
_NEW_ITEM_RE = re.compile(
    rf"^(?:\d{{3,}}|[0-9０-９]+\s*[、.．]|[（(][0-9一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|其中|{_SPACED_TOTAL})"
)

UNCERTAIN_HEADER = reason("aligned.uncertain_header")


@dataclass
class _Chunk:
    """One page of the block: header rows placed, body rows as texts per final column."""

    header: list[list[tuple[int, int, int, str]]]  # per header row: (col, colspan, rowspan, text)
    header_lines: list[int]
    body: list[list[str]]
    body_lines: list[list[int]]
    ncols: int
    issues: dict[int, Reason] = field(default_factory=dict)  # body row → why its columns are uncertain
    uncertain_header: bool = False  # a multi-row header the rebuild could not read
    split_guess: bool = False  # rebuilt, but which columns each group label covers is nearly tied


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
        at = indicator_header_index(texts) if perf else None
        cols, assign = body_columns(body, frozenset(range(at + 1)) if at is not None else frozenset())
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
        money = money_columns(body, assign, len(cols)) if body else [False] * len(cols)
        rebuilt = rebuilt_layout([head[i] for i in named_idx], cols, n_numbers, money)
    uncertain = len(named_idx) > 1 and rebuilt is None
    split_guess = len(named_idx) > 1 and rebuilt is not None and not rebuilt[3]
    if rebuilt is not None:
        body_to_final, ncols, placed_named, _, anchors = rebuilt
    elif named_idx:
        body_to_final, ncols, placed_named, anchors = leaf_layout([head[i] for i in named_idx], cols)
    else:
        body_to_final, ncols, placed_named, anchors = list(range(len(cols))), len(cols), [], []
    placed_by_edges = False
    if body and len(cols) < ncols and len(anchors) == ncols:
        numbered_rows = [r for i, r in enumerate(head) if i not in named_idx]
        by_edges = place_by_edges(body, assign, cols, anchors, numbered_rows)
        if by_edges is not None:
            body_to_final, placed_by_edges = by_edges
    placed: list[list[tuple[int, int, int, str]]] = [[] for _ in head]
    for j, i in enumerate(named_idx):
        placed[i] = placed_named[j]
    final_centres = column_centres(cols, body_to_final, ncols)
    for i, r in enumerate(head):
        if i in named_idx:
            continue
        if len(r) == ncols:
            placed[i] = [(c, 1, 1, s.text) for c, s in enumerate(r)]
        else:
            path = (
                increasing_columns([[abs(seg_centre(s) - x) for x in final_centres] for s in r])
                if ncols >= len(r)
                else []
            )
            placed[i] = [(c, 1, 1, s.text) for c, s in zip(path, r, strict=False)]
    body_grid: list[list[str]] = []
    body_lines: list[list[int]] = []
    issues: dict[int, Reason] = {}
    ends = numeric_ends(body, assign)
    money_cols = money_columns(body, assign, len(cols)) if body else []
    sums = row_sums(placed, ncols)
    # the header names more columns than the body fills: which leaf each body column sits under
    # was matched by position alone, and positions drift after wide characters
    unmatched = len(cols) < ncols and any(len(r) > 1 for r in head if r) and not placed_by_edges
    if unmatched and len(anchors) == ncols:
        named = [bool(DESCRIPTOR_NAME.search(name)) for _, name in anchors]
        forced = forced_placement(money_columns(body, assign, len(cols)), named)
        unmatched = forced != body_to_final
    fills = [_fill(row, cols_of, body_to_final, ncols) for row, cols_of in zip(body, assign, strict=True)]
    prefix: tuple[int, str, int] | None = None  # a name's first line printed above its row's figures
    for r, (row, cols_of) in enumerate(zip(body, assign, strict=True)):
        ln = numbers[header_rows + r]
        filled = list(fills[r])
        if prefix is not None:
            c, text, first = prefix
            prefix = None
            if not filled[c]:
                filled[c] = text
                ln_first = first
            else:
                body_grid.append([text if i == c else "" for i in range(ncols)])
                body_lines.append([first, first])
                ln_first = ln
        else:
            ln_first = ln
        if not perf and _name_first_line(row, fills, r):
            prefix = (next(i for i, t in enumerate(filled) if t), row[0].text, ln)
            continue
        if not perf and body_grid and _staggered_rest(body_grid[-1], filled):
            for c, t in enumerate(filled):
                if t:
                    body_grid[-1][c] = t
            body_lines[-1][1] = ln
            continue
        if (
            body_grid
            and ln_first == ln
            and len(row) == 1
            and is_text(row[0])
            and not _NEW_ITEM_RE.match(row[0].text)
            and not (perf and (_lone_level(row[0].text) or _template_slot(row[0].text)))
        ):
            c = next(i for i, t in enumerate(filled) if t)
            above = body_grid[-1][c]
            if above and parse_amount(above) is None and not _names_items(above, row[0].text):
                body_grid[-1][c] = above + row[0].text
                body_lines[-1][1] = ln
                continue
        doubt = spacing_doubt(row, cols_of, ends)
        if doubt:
            settled = settle_by_sums(row, cols_of, ends, money_cols, body_to_final, sums)
            if settled is not None:
                cols_of, doubt = settled, None
                filled = [""] * ncols
                for seg, c in zip(row, cols_of, strict=True):
                    fc = body_to_final[c]
                    filled[fc] = f"{filled[fc]} {seg.text}" if filled[fc] else seg.text
        if not doubt and unmatched and any(not is_text(seg) for seg in row):
            doubt = reason("aligned.position_only", filled=len(cols), columns=ncols)
        if doubt:
            issues[len(body_grid)] = doubt
        body_grid.append(filled)
        body_lines.append([ln_first, ln])
    if prefix is not None:
        body_grid.append([prefix[1] if i == prefix[0] else "" for i in range(ncols)])
        body_lines.append([prefix[2], prefix[2]])
    return _Chunk(placed, numbers[:header_rows], body_grid, body_lines, ncols, issues, uncertain, split_guess)


def _fill(row: list[Seg], cols_of: list[int], body_to_final: list[int], ncols: int) -> list[str]:
    filled = [""] * ncols
    for seg, c in zip(row, cols_of, strict=True):
        fc = body_to_final[c]
        filled[fc] = f"{filled[fc]} {seg.text}" if filled[fc] else seg.text
    return filled


def _name_first_line(row: list[Seg], fills: list[list[str]], r: int) -> bool:
    """A line printing one text cell, over a row whose figures are printed with that cell left empty:
    the first line of a name wrapped around its row's figures (``机关事业单位基本养老保险缴`` / ``142.00
    …`` / ``费``: the figures centred on the cell), not the rest of the name above."""
    if len(row) != 1 or not is_text(row[0]) or r + 1 >= len(fills):
        return False
    c = next(i for i, t in enumerate(fills[r]) if t)
    below = fills[r + 1]
    return not below[c] and any(parse_amount(t) is not None for t in below)


def _staggered_rest(above: list[str], filled: list[str]) -> bool:
    """A line filling only cells the row above leaves empty, right after a code the row above prints
    with its name empty (``30207`` / ``邮电费   8.05``: the other side of a two-sided table printed a line
    lower); the line prints no code of its own."""
    if any(t and (above[c] or CODE_TOKEN.match(t)) for c, t in enumerate(filled)):
        return False
    return any(
        CODE_TOKEN.match(above[c]) and not above[c + 1] and filled[c + 1] for c in range(len(above) - 1)
    )


def _names_items(above: str, line: str) -> bool:
    """The cell above or the lone line is a whole item of the summary lists (上年实户资金余额, then
    上年结转 on the next line): two rows, not one cell wrapped."""
    return compact(above) in ITEM_NAMES or compact(line) in ITEM_NAMES


PAGE_MISMATCH = reason("aligned.page_mismatch")

_LEVEL_NAMES = (frozenset(LEVEL1) - frozenset(LEVEL2), frozenset(LEVEL2) - frozenset(LEVEL1))
# a label alone on its line is a merged level cell: 成本指标 (both a level 1 and a level 2) is level 1
_LONE_NAMES = (frozenset(LEVEL1), _LEVEL_NAMES[1])


def _lone_level(text: str) -> bool:
    """A line printing only a level name: the label of a merged level cell, centred over its rows
    (never the wrapped rest of the cell above)."""
    return "".join(text.split()) in (*LEVEL1, *LEVEL2)


def _template_slot(text: str) -> bool:
    """A line printing a template's slot (指标2：, ……) or starting its next numbered indicator
    (指标1：…): a row of its own, never the wrapped rest of the cell above."""
    return is_template_slot(text) or bool(SLOT_ENUMERATOR.match(text))


def _lone_row(row: list[str]) -> str | None:
    filled = [t for t in row if t.strip()]
    return filled[0] if len(filled) == 1 and _lone_level(filled[0]) else None


def _level_columns(body: list[list[str]], lone_too: bool = True) -> list[int | None]:
    """Per indicator level (1, 2): the column where most of a page's rows print a name of that
    level (产出指标 …, 数量指标 …); the column of its lone labels when no row prints one beside
    other cells (unless not ``lone_too``: a later page's lone labels go to the first page's
    level columns whatever its columns); None when the page names none."""
    out: list[int | None] = []
    for names, lone_names in zip(_LEVEL_NAMES, _LONE_NAMES, strict=True):
        votes: dict[int, int] = {}
        lone: dict[int, int] = {}
        for row in body:
            alone = _lone_row(row) is not None
            into = lone if alone else votes
            for c, text in enumerate(row):
                if "".join(text.split()) in (lone_names if alone else names):
                    into[c] = into.get(c, 0) + 1
        votes = votes or (lone if lone_too else {})
        out.append(max(votes, key=lambda c: (votes[c], -c)) if votes else None)
    return out


def _cell_kind(text: str) -> str | None:
    """What a performance table's cell prints, to tell its columns apart across pages."""
    t = "".join(text.split())
    if not t:
        return None
    if t in _LEVEL_NAMES[0]:
        return "level1"
    if t in LEVEL2:
        return "level2"
    if t in _OPERATOR_WORDS:
        return "operator"
    if parse_amount(t) is not None:
        return "number"
    return "short" if len(t) <= _SHORT_TEXT else "text"


_OPERATOR_WORDS = frozenset(("≥", "≤", "＝", "=", "＜", "＞", "<", ">", "≧", "≦", "定性", "定量"))
_SHORT_TEXT = 3  # a unit: 年, %, 元/次, 万元
_ANCHOR = 10.0


def _lone_level_column(text: str, want: list[int | None]) -> int | None:
    """The first page's column of the level a lone label names."""
    t = "".join(text.split())
    return want[0] if t in _LONE_NAMES[0] else (want[1] if t in _LONE_NAMES[1] else None)


def _kind_profiles(body: list[list[str]], ncols: int) -> list[dict[str, float]]:
    counts: list[dict[str, int]] = [{} for _ in range(ncols)]
    for row in body:
        if _lone_row(row) is not None:
            continue
        for c, text in enumerate(row[:ncols]):
            kind = _cell_kind(text)
            if kind is not None:
                counts[c][kind] = counts[c].get(kind, 0) + 1
    out: list[dict[str, float]] = []
    for cnt in counts:
        total = sum(cnt.values())
        out.append({k: v / total for k, v in cnt.items()} if total else {})
    return out


def _align_continuation(first: _Chunk, chunk: _Chunk, ncols: int) -> None:
    """A performance table's later page that does not print the project's columns (its rows hold
    only the indicators): the page's columns are laid out from its own rows, so they start at the
    first column and may merge two of the first page's (its figures and 定性 words in one). Each of
    its columns is set on a column of the first page in order, the one printing the same kinds of
    cell (level names, operators, figures, units, text) as much as possible; done only when its
    level-name columns land where the first page prints them. A page whose columns start left
    of the first page's and run as many (or more: a column the first page leaves empty, its
    header cell run into the one beside it) is set on them too; ``ncols`` has room for it
    (``_continuation_width``)."""
    if not first.body or not chunk.body:
        return
    indicators, named = _below_header(first.body)
    want = _level_columns(indicators) if indicators else _header_levels(named)
    have = _level_columns(chunk.body, lone_too=False)
    if not any(a is not None and b is not None for a, b in zip(want, have, strict=True)):
        return
    if chunk.ncols >= first.ncols and (want == have or chunk.ncols > ncols):
        return
    src = _kind_profiles(chunk.body, chunk.ncols)
    dst = _kind_profiles(indicators, ncols) if indicators else _header_profiles(named, ncols)
    m = len(src)
    sim = [[sum(min(p.get(k, 0.0), v) for k, v in q.items()) for q in dst] for p in src]
    for a, b in zip(want, have, strict=True):
        if a is not None and b is not None:
            sim[b][a] += _ANCHOR  # the level names fix where the page's columns go
    place = increasing_columns([[-x for x in row] for row in sim])  # order kept, most alike
    if any(b is not None and (a is None or place[b] != a) for a, b in zip(want, have, strict=True)):
        return
    body: list[list[str]] = []
    for row in chunk.body:
        out = [""] * ncols
        lone = _lone_row(row)
        level = _lone_level_column(lone, want) if lone is not None else None
        if level is not None:
            out[level] = lone  # type: ignore[index]
        else:
            for c, text in enumerate(row[:m]):
                out[place[c]] = text
        body.append(out)
    chunk.body = body
    chunk.ncols = ncols


def _below_header(body: list[list[str]]) -> tuple[list[list[str]], list[str]]:
    """A performance table's first page: its indicator rows (below the 一级指标 row; the project
    fields above print other kinds of cell in the same columns) and that header row ([] when
    the page prints none: all its rows)."""
    at = indicator_header_index(body)
    return (body, []) if at is None else (body[at + 1 :], body[at])


def _header_levels(header: list[str]) -> list[int | None]:
    """A first page printing only the header (its indicators on the next page): the columns of its
    一级指标 and (first) 二级指标 labels."""
    names = ["".join(t.split()) for t in header]
    return [names.index(label) if label in names else None for label in INDICATOR_LABELS[:2]]


def _header_profiles(header: list[str], ncols: int) -> list[dict[str, float]]:
    """What a header-only first page's columns would print: level names under 一级指标 | 二级指标,
    nothing known under the others."""
    kinds = dict(zip(INDICATOR_LABELS[:2], ("level1", "level2"), strict=True))
    names = ["".join(t.split()) for t in header] + [""] * ncols
    return [{kinds[names[c]]: 1.0} if names[c] in kinds else {} for c in range(ncols)]


def _continuation_width(first: _Chunk, chunk: _Chunk) -> int:
    """The columns a performance table's later page needs on the first page's: its own, moved
    right by as much as its level-name columns stand left of the first page's (0 when they do
    not)."""
    if not first.body or not chunk.body:
        return 0
    indicators, named = _below_header(first.body)
    want = _level_columns(indicators) if indicators else _header_levels(named)
    pairs = zip(want, _level_columns(chunk.body, lone_too=False), strict=True)
    shift = max((a - b for a, b in pairs if a is not None and b is not None), default=0)
    return chunk.ncols + shift if shift > 0 else 0


def _money_columns(body: list[list[str]], ncols: int) -> list[bool]:
    """Per column of a chunk's body: do most of its cells print money (decimals, thousands
    separators, or a nil 0)? Codes (221, 03) are bare integers."""
    out = []
    for c in range(ncols):
        texts = [row[c].strip() for row in body if c < len(row) and row[c].strip()]
        money = sum(bool(MONEY_RE.match(t)) or t in _NIL for t in texts)
        out.append(bool(texts) and money * 2 > len(texts))
    return out


_NIL = frozenset(("0", "-", "—", "－"))


def _onto_first_columns(first: _Chunk, chunk: _Chunk) -> None:
    """A later page printing no header and fewer columns than the first (the 合计 row alone at the top
    of the next page): its own positions name no column, so its text columns go to the first page's
    last text columns before the amounts and its amount columns to the first page's last amount
    columns, in order. Sure when it prints as many amount columns as the first page; else its rows
    are in doubt (``aligned.position_only``)."""
    if chunk.header or chunk.ncols >= first.ncols or not chunk.body or not first.body:
        return
    mine, theirs = _money_columns(chunk.body, chunk.ncols), _money_columns(first.body, first.ncols)
    if not any(theirs) or any(a and not b for a, b in itertools.pairwise(mine)):
        return  # a text column after an amount column: some other layout
    start = theirs.index(True)
    text_dst = list(range(start))
    money_dst = [c for c in range(start, first.ncols) if theirs[c]]
    n_text, n_money = mine.count(False), mine.count(True)
    if n_text > len(text_dst) or n_money > len(money_dst) or not all(theirs[start:]):
        return
    place = text_dst[len(text_dst) - n_text :] + money_dst[len(money_dst) - n_money :]
    body = []
    for row in chunk.body:
        out = [""] * first.ncols
        for c, text in enumerate(row[: chunk.ncols]):
            out[place[c]] = text
        body.append(out)
    filled = chunk.ncols
    chunk.body, chunk.ncols = body, first.ncols
    if n_money != len(money_dst):
        doubt = reason("aligned.position_only", filled=filled, columns=first.ncols)
        for k in range(len(body)):
            chunk.issues.setdefault(k, doubt)


def _flag_differing_pages(chunks: list[_Chunk]) -> None:
    """A table prints the same header on every page: a page whose header reads differently from
    the first page's was misread on one of the two, so its rows' columns are uncertain."""
    first = header_names(chunks[0].header, chunks[0].ncols)
    for chunk in chunks[1:]:
        if not chunk.header or header_names(chunk.header, chunk.ncols) == first:
            continue
        for k in range(len(chunk.body)):
            chunk.issues.setdefault(k, PAGE_MISMATCH)


def _without_page_number(page: tuple[list[list[Seg]], list[int]]) -> tuple[list[list[Seg]], list[int]]:
    """A page's rows without the page number printed at its foot (``—9—``, ``- 21 -``, ``第3页``: a
    bare number could be a row's figure and is kept)."""
    rows, nums = page
    if rows:
        text = " ".join(s.text for s in rows[-1])
        if is_page_number(text) and not text.strip().isdecimal():
            return rows[:-1], nums[:-1]
    return rows, nums


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
    pages = [_without_page_number(p) for p in pages if p[0]]
    pages = [p for p in pages if p[0]]
    if not pages:
        return table
    wrapped: dict[int, Reason] = {}  # line → why the decimals joined on it are a guess
    for k, (rows, nums) in enumerate(pages):
        rows, nums, doubts = join_wrapped_decimals(rows, nums)
        pages[k] = (rows, nums)
        wrapped.update(doubts)
    perf = is_performance_grid([[s.text for s in r] for rows, _ in pages for r in rows])
    chunks = [_parse_chunk(rows, nums, perf, allow_header=True) for rows, nums in pages]
    first = chunks[0]
    if not perf:
        _flag_differing_pages(chunks)
        for chunk in chunks[1:]:
            _onto_first_columns(first, chunk)
    ncols = max(ch.ncols for ch in chunks)  # a page may show columns another page leaves empty
    if perf:
        ncols = max([ncols] + [_continuation_width(first, chunk) for chunk in chunks[1:]])
        for chunk in chunks[1:]:
            _align_continuation(first, chunk, ncols)
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
            doubt_line = next((ln for ln in range(a, b + 1) if ln in wrapped), None)
            if doubt_line is not None:
                table.row_issues.setdefault(r, wrapped[doubt_line])
            row = (filled + [""] * ncols)[:ncols] if len(filled) != ncols else filled
            if len(filled) > ncols:
                row[-1] = " ".join(t for t in filled[ncols - 1 :] if t)
            cells.extend(Cell(r, c, t, line_span=(a, b)) for c, t in enumerate(row))
            r += 1
            last_line = b
    table.cells = cells
    table.header_rows = len(first.header)
    doubt: Reason | None = None
    if not perf and any(ch.uncertain_header for ch in chunks):
        # Header cells of a multi-row header are centred in their merged boxes and pdftotext
        # shifts text right after wide characters: which leaf a group label covers, and which
        # fragments are one wrapped cell, is a guess. The records go to review.
        doubt = UNCERTAIN_HEADER
    elif not perf and any(ch.split_guess for ch in chunks):
        # the header was rebuilt, but another split of its columns among the group labels is
        # nearly as well centred: classify may confirm the split (summary tables' item sides)
        doubt = SPLIT_GUESS
    if doubt:
        table.warnings.append(doubt)
        for r in range(table.header_rows, table.n_rows):
            table.row_issues.setdefault(r, doubt)
    if perf:  # the shared convention: header = the rows down to the 一级指标 row
        k = indicator_header_index(table.grid())
        table.header_rows = k + 1 if k is not None else 0
    table.line_span = (pages[0][1][0], max(last_line, pages[-1][1][-1]))
    return table


__all__ = [
    "PAGE_MISMATCH",
    "SEGMENT_RE",
    "UNCERTAIN_HEADER",
    "Seg",
    "first_item_row",
    "forced_placement",
    "header_names",
    "parse_block",
    "row_sums",
    "segments",
]
