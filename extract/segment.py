"""Where the tables of a text document start and end, whatever its shape.

``segment(lines)`` returns one ``Block`` per table, in document order. A table starts
at an *anchor*:

* ``表N`` alone on a line (leading spaces or a ``## `` markdown mark allowed), or
  ``表N 标题`` on one line; the title is the next text line(s) — a title that wraps
  onto a second line is joined;
* ``[bookmark: _Toc…]部门预算收支总表``: the title follows the bookmark (other
  bookmarks, ``_GoBack``, are dropped from the line);
* a markdown heading whose text is a table title (``## …绩效目标申报表``);
* a numbered title followed by a table: ``1、长期护理保险办公经费绩效目标表`` (the
  numbering is not part of the title; ``7、…资金`` + ``绩效目标表`` is joined);
* a stand-alone title: a short line ending in 表 followed by its unit line
  (``收入支出决算总表`` / ``单位：元``) or by the table's first row; or a line ending in
  表/情况/预算 directly followed by tab rows (``部门政府采购预算``, ``部门机构设置情况``).
  Lines that read like a reference (``详见下表``), a cover (``…公开报表``) or one of a
  list of titles are not anchors;
* ``目 录`` (the table of contents; title as printed). Its entries look like headings
  (``表5`` + a wrapped title in ``pdftotext`` output) and are not anchors: the contents
  end when a label comes round a second time or a heading is followed by its unit line.

A table ends at the next anchor, at a section boundary (``第二部分 …``, a bookmark or
markdown heading that is not a table title, and — in tab-separated or cell-per-line
text — an outline heading such as ``一、…`` or ``（三）…``), or where prose begins (two
sentence-like lines in a row). Between the title and the body: the ``（2026年度）`` line,
the unit line (``单位：元``; in cell-per-line exports tab-indented, next to
``预算年度：2023`` and the department); after the body: ``注：`` / ``备注：`` notes (kept
as notes, not rows). Prose and ``page number`` noise between tables belong to no table.

Each block also carries the body's *shape*: ``tsv`` (tab-separated rows),
``cell-per-line`` (one tab-led cell per line, rows separated by blank lines),
``aligned`` (columns separated by runs of two or more spaces, as ``pdftotext -layout``
prints) or ``collapsed`` (single-space runs that lost column positions: seed 004,
``pdftotext -raw``). Plain text is judged aligned or collapsed once per document (the
share of table lines with a 2+-space gap, see ``decide_text_shape``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from extract.numbers import find_unit, normalize, parse_amount
from extract.vocabulary import ORG_NAME, compact

SHAPES = ("tsv", "cell-per-line", "aligned", "collapsed")

_NUM = r"[0-9０-９]{1,2}(?:\s*[-－—]\s*[0-9０-９]{1,2})?"
_CN = r"[一二三四五六七八九十]{1,3}"
LABEL_RE = re.compile(
    rf"^\s*(?:#{{1,6}}\s*)?(附?表)\s*({_NUM}|{_CN})(?![0-9０-９])\s*(?:[:：.、．]\s*)?(.*?)\s*$"
)
BOOKMARK_RE = re.compile(r"^\s*\[bookmark:\s*([^\]]*)\]\s*(.*?)\s*$")
MARKDOWN_RE = re.compile(r"^\s*#{1,6}\s+(.*?)\s*$")
NUMBERED_RE = re.compile(
    rf"^\s*(?:[0-9０-９]{{1,2}}\s*[、.．]|[（(]\s*(?:[0-9０-９]{{1,2}}|{_CN})\s*[)）]|{_CN}\s*、)\s*(\S.*?)\s*$"
)
TITLE_END = re.compile(r"(?:表|目录)(?:[（(][^（）()]{0,60}[)）])?$")
STANDALONE_END = re.compile(r"(?:表|情况|预算|明细|清单)(?:[（(][^（）()]{0,60}[)）])?$")
TOC_RE = re.compile(r"^\s*目\s*录\s*$")
SECTION_RE = re.compile(r"^\s*第\s*[一二三四五六七八九十0-9]+\s*部分")
OUTLINE_RE = re.compile(rf"^\s*(?:{_CN}\s*、|[（(]\s*{_CN}\s*[)）])\s*\S")
NOTE_RE = re.compile(r"^\s*(?:备\s*注|注\s*释|注)\s*(?:[:：]|\d\s*[、.．:：])")
YEAR_LINE_RE = re.compile(r"^\s*[（(]\s*(?:\d{4}|\d{2}[Xx]{2}|[Xx]{4})\s*年度?\s*[)）]\s*$")
NOISE_RE = re.compile(
    r"^\s*(?:page number|-\s*\d+\s*-|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$",
    re.IGNORECASE,
)
ENUM_START_RE = re.compile(r"^\s*(?:[0-9０-９]+\s*[、.．]|[（(][0-9一二三四五六七八九十]+[)）])")
PLACEHOLDER_START_RE = re.compile(r"^\s*(?:目标|指标|任务)\s*\d")
ROW_START_RE = re.compile(
    r"^\s*(?:绩效目标|项目名称|专项[（(]项目[)）]名称|部门[（(]单位[)）]名称|项目编码|一级指标|单位编码|科目编码|序号|项\s*目)\s"
)
KEY_VALUE_RE = re.compile(r"^\s*[^\s:：]{2,16}[:：]\s*\S")
REFERENCE_RE = re.compile(r"(?:见|如|详见|下|上|此|本|该|附)表$")
ORG_LINE_RE = re.compile(rf"^\s*\d*\s*({ORG_NAME})\s*(?:[（(](?:本级|机关)[)）])?\s*$")
GAP_RE = re.compile(r"\S(?: {2,}|\u3000{1,})\S")
PREAMBLE_CELL_RE = re.compile(
    r"(?:单\s*位\s*[:：]|预算年度|截止(?:时间|日期)?|编制单位|年度\s*[:：]|金额单位)"
)


def collapse_ws(text: str) -> str:
    """Whitespace runs collapsed to one space, ends trimmed."""
    return " ".join(text.split())


def line_kind(line: str) -> str:
    """'blank', 'noise', 'cell' (one tab-led cell), 'row' (tab-separated fields) or 'text'."""
    stripped = line.lstrip(" ")
    if stripped.startswith("\t"):
        # one tab, then at most one field: a word-processor cell; '\t\t十五、…\t' is a
        # tab-separated row whose first cells are empty
        if stripped.startswith("\t\t") or sum(1 for f in stripped.split("\t") if f.strip()) > 1:
            return "row"
        return "cell"
    if "\t" in line and line.strip():
        return "row"
    if not line.strip():
        return "blank"
    if NOISE_RE.match(line) or BOOKMARK_RE.match(line) and BOOKMARK_RE.match(line).group(2) == "":
        return "noise"
    return "text"


def is_unit_line(line: str) -> bool:
    return bool(find_unit(line)) and len(compact(line)) <= 60 and "。" not in line


def is_title_like(text: str, ends: re.Pattern[str] = TITLE_END) -> bool:
    s = compact(text)
    if not (2 <= len(s) <= 100) or "\t" in text:
        return False
    if any(p in s for p in ("。", "；")) or s.endswith(("：", ":", "，", ",")):
        return False
    return bool(ends.search(s))


def join_wrapped(a: str, b: str) -> str:
    a, b = collapse_ws(a), collapse_ws(b)
    if not a or not b:
        return a or b
    if ord(a[-1]) > 0x2E80 or ord(b[0]) > 0x2E80:
        return a + b
    return f"{a} {b}"


@dataclass
class Anchor:
    index: int  # 0-based line index of the anchor line
    kind: str  # 'label', 'bookmark', 'markdown', 'numbered', 'standalone', 'toc'
    label: str
    title: str
    title_last: int  # index of the last title line


@dataclass
class Block:
    """One table found in the text: where its parts are (0-based line indices)."""

    kind: str
    label: str
    title: str
    anchor: int
    title_last: int
    body_start: int  # first body line
    body_end: int  # one past the last body line (== body_start when no body)
    end: int  # one past the table's last line (notes included)
    shape: str
    unit: str = ""
    notes: list[str] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)  # unit, year, department lines


def clean_line(line: str) -> str:
    """A source line as segmentation and the parsers read it: form feeds removed, a
    ``[bookmark: _GoBack]``-style marker (any bookmark that is not a ``_Toc`` heading) dropped."""
    m = BOOKMARK_RE.match(line)
    if m and not m.group(1).strip().startswith("_Toc") and m.group(2):
        line = line[: m.start()] + m.group(2)
    return line.replace("\f", "")


class _Lines:
    """The document's lines with their kinds, and small look-ahead helpers."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = [clean_line(x) for x in lines]
        self.kinds = [line_kind(x) for x in self.lines]

    def next_content(self, i: int, limit: int = 4) -> int | None:
        """Index of the first non-blank, non-noise line after ``i`` (within ``limit`` lines)."""
        j = i + 1
        seen = 0
        while j < len(self.lines) and seen <= limit:
            if self.kinds[j] not in ("blank", "noise"):
                return j
            j += 1
            seen += 1
        return None

    def is_table_line(self, i: int) -> bool:
        return self.kinds[i] in ("cell", "row")

    def starts_table(self, i: int) -> bool:
        """True when the content after line ``i`` opens a table body or its preamble."""
        j = self.next_content(i)
        if j is None:
            return False
        if self.is_table_line(j):
            return True
        line = self.lines[j]
        return is_unit_line(line) or bool(YEAR_LINE_RE.match(line)) or len(GAP_RE.findall(line)) >= 2


def _label_of(prefix: str, num: str) -> str:
    return prefix + normalize(compact(num))


def _collect_title(doc: _Lines, i: int) -> tuple[str, int]:
    """The title printed after an anchor line ``i``: (title, index of its last line)."""
    j = doc.next_content(i, limit=3)
    if j is None or doc.kinds[j] != "text":
        return "", i
    line = doc.lines[j]
    if (
        is_unit_line(line)
        or YEAR_LINE_RE.match(line)
        or LABEL_RE.match(line)
        or BOOKMARK_RE.match(line)
        or NOTE_RE.match(line)
        or len(compact(line)) > 100
        or "。" in line
    ):
        return "", i
    title = collapse_ws(line)
    last = j
    if not TITLE_END.search(compact(title)):
        k = doc.next_content(j, limit=1)
        if k is not None and doc.kinds[k] == "text":
            nxt = doc.lines[k]
            joined = join_wrapped(title, nxt)
            if (
                len(compact(nxt)) <= 40
                and not is_unit_line(nxt)
                and not YEAR_LINE_RE.match(nxt)
                and TITLE_END.search(compact(joined))
            ):
                title, last = joined, k
    return title, last


def _inline_label(doc: _Lines, i: int) -> bool:
    m = LABEL_RE.match(doc.lines[i])
    return bool(m and m.group(3)) and doc.kinds[i] == "text"


def find_anchors(doc: _Lines) -> tuple[list[Anchor], set[int]]:
    """Table anchors and strong section boundaries (line indices)."""
    anchors: list[Anchor] = []
    boundaries: set[int] = set()
    consumed = -1
    n = len(doc.lines)
    toc_labels: set[str] | None = None  # inside a table of contents: the labels it listed so far
    i = 0
    while i < n:
        if i <= consumed or doc.kinds[i] != "text":
            i += 1
            continue
        line = doc.lines[i]
        anchor: Anchor | None = None
        bm = BOOKMARK_RE.match(line)
        md = MARKDOWN_RE.match(line) if not bm else None
        heading_text = bm.group(2) if bm else (md.group(1) if md else None)
        if heading_text is not None:
            lm = LABEL_RE.match(heading_text)
            if lm and (not lm.group(3) or is_title_like(lm.group(3))):
                title, last = (collapse_ws(lm.group(3)), i) if lm.group(3) else _collect_title(doc, i)
                anchor = Anchor(
                    i, "bookmark" if bm else "markdown", _label_of(lm.group(1), lm.group(2)), title, last
                )
            elif is_title_like(heading_text):
                anchor = Anchor(i, "bookmark" if bm else "markdown", "", collapse_ws(heading_text), i)
            else:
                boundaries.add(i)
        elif TOC_RE.match(line):
            anchor = Anchor(i, "toc", "", collapse_ws(line), i)
        else:
            lm = LABEL_RE.match(line)
            if lm and (
                not lm.group(3) or (is_title_like(lm.group(3)) and not GAP_RE.search(lm.group(3).strip()))
            ):
                prev_i = next((k for k in range(i - 1, max(-1, i - 4), -1) if doc.kinds[k] == "text"), None)
                nxt_i = doc.next_content(i)
                in_list = lm.group(3) and any(
                    k is not None and _inline_label(doc, k) for k in (prev_i, nxt_i)
                )
                if not in_list:
                    title, last = (collapse_ws(lm.group(3)), i) if lm.group(3) else _collect_title(doc, i)
                    anchor = Anchor(i, "label", _label_of(lm.group(1), lm.group(2)), title, last)
            if anchor is None:
                anchor = _numbered_or_standalone(doc, i)
            if anchor is None and SECTION_RE.match(line):
                boundaries.add(i)
        if anchor is not None and anchor.kind == "toc":
            toc_labels = set()
        elif anchor is not None and toc_labels is not None:
            # Entries of the 目录 look like headings (表5 + a wrapped title). The contents end
            # when a label comes round again or a heading is followed by its unit line.
            if anchor.label in toc_labels or _opens_body(doc, anchor.title_last):
                toc_labels = None
            else:
                if anchor.label:
                    toc_labels.add(anchor.label)
                consumed = anchor.title_last
                anchor = None
        elif i in boundaries:
            toc_labels = None
        if anchor is not None:
            anchors.append(anchor)
            consumed = anchor.title_last
        i += 1
    return anchors, boundaries


def _opens_body(doc: _Lines, last: int) -> bool:
    """After a heading's last line: a unit or year line (a real table, not a 目录 entry)."""
    j = doc.next_content(last, limit=2)
    return j is not None and (is_unit_line(doc.lines[j]) or bool(YEAR_LINE_RE.match(doc.lines[j])))


def _numbered_or_standalone(doc: _Lines, i: int) -> Anchor | None:
    line = doc.lines[i]
    nm = NUMBERED_RE.match(line)
    if nm:
        rest = nm.group(1)
        title, last = collapse_ws(rest), i
        if not TITLE_END.search(compact(title)):
            k = doc.next_content(i, limit=1)
            if k is not None and doc.kinds[k] == "text" and len(compact(doc.lines[k])) <= 40:
                joined = join_wrapped(title, doc.lines[k])
                if TITLE_END.search(compact(joined)):
                    title, last = joined, k
        if is_title_like(title) and doc.starts_table(last):
            return Anchor(i, "numbered", "", title, last)
        return None
    if (
        not is_title_like(line, STANDALONE_END)
        or OUTLINE_RE.match(line)
        or REFERENCE_RE.search(compact(line))
    ):
        return None
    if GAP_RE.search(line.strip()) or len(compact(line)) > 60:
        return None
    j = doc.next_content(i, limit=2)
    if j is None:
        return None
    nxt = doc.lines[j]
    if doc.is_table_line(j) and len(compact(line)) <= 40:
        return Anchor(i, "standalone", "", collapse_ws(line), i)  # 部门机构设置情况 + tab rows
    if not TITLE_END.search(compact(line)):
        return None
    if is_unit_line(nxt) or YEAR_LINE_RE.match(nxt):
        return Anchor(i, "standalone", "", collapse_ws(line), i)  # a title, then 单位：元
    prev = next((k for k in range(i - 1, max(-1, i - 4), -1) if doc.kinds[k] == "text"), None)
    listed = any(
        k is not None
        and doc.kinds[k] == "text"
        and is_title_like(doc.lines[k])
        and not is_unit_line(doc.lines[k])
        for k in (prev, j)
    )
    # a list of titles, or a cover (…公开报表; a performance form's …目标申报表 is a title)
    if listed or (compact(line).endswith("报表") and not compact(line).endswith("申报表")):
        return None
    if (
        doc.kinds[j] in ("row", "cell")
        or ROW_START_RE.match(nxt)
        or not (_is_prose(nxt) or KEY_VALUE_RE.match(nxt))
    ):
        return Anchor(i, "standalone", "", collapse_ws(line), i)  # a title, then the table's first row
    return None


def text_shape_stats(lines: list[str]) -> tuple[int, int, int, int]:
    """(single-space gaps next to an amount, wider gaps next to an amount, lines with a
    2+-space gap, non-blank lines) over plain text lines."""
    single = wide = gapped = content = 0
    for line in lines:
        s = line.strip()
        if not s:
            continue
        content += 1
        if GAP_RE.search(s):
            gapped += 1
        tokens = re.split(r"( +)", s)
        for k in range(1, len(tokens) - 1, 2):
            if parse_amount(tokens[k - 1]) is None and parse_amount(tokens[k + 1]) is None:
                continue
            if len(tokens[k]) == 1:
                single += 1
            else:
                wide += 1
    return single, wide, gapped, content


def decide_text_shape(stats: tuple[int, int, int, int]) -> str:
    """'aligned' or 'collapsed' from ``text_shape_stats``.

    ``pdftotext -layout`` separates almost every cell by two spaces or more (over 80% of
    the lines of a table have such a gap; tight numeric columns may still touch), the
    collapsed exports almost never do (seed 004: about 20%, from indented side-by-side
    summaries; ``pdftotext -raw``: none).
    """
    _single, _wide, gapped, content = stats
    return "aligned" if content and gapped >= 0.5 * content else "collapsed"


def _text_shape(lines: list[str]) -> str:
    """'aligned' or 'collapsed' for a block of plain text lines."""
    return decide_text_shape(text_shape_stats(lines))


def block_shape(lines: list[str]) -> str:
    """The shape of a table body (see the module docstring)."""
    kinds = Counter(line_kind(x) for x in lines)
    tab = kinds["cell"] + kinds["row"]
    if tab and tab >= 0.3 * (tab + kinds["text"]):
        return "cell-per-line" if kinds["cell"] > kinds["row"] else "tsv"
    return _text_shape([x for x in lines if line_kind(x) == "text"])


def _is_prose(line: str) -> bool:
    s = compact(line)
    if len(s) < 18 or GAP_RE.search(line.strip()) or PLACEHOLDER_START_RE.match(line):
        return False
    if NOTE_RE.match(line):
        return False
    amounts = sum(1 for t in line.split() if parse_amount(t) is not None and "." in t)
    return amounts == 0 and bool(re.search(r"[，。；]", s))


def _is_preamble_cell_group(doc: _Lines, start: int) -> tuple[bool, int]:
    """Cell-per-line preamble: tab lines right after the title naming unit / year / unit owner."""
    j = start
    has_marker = False
    while j < len(doc.lines) and doc.kinds[j] == "cell":
        line = doc.lines[j]
        if PREAMBLE_CELL_RE.search(line) or find_unit(line):
            has_marker = True
        elif line.strip() and not ORG_LINE_RE.match(line):
            break
        j += 1
    return has_marker, j


def _notes(doc: _Lines, i: int, end: int) -> tuple[list[str], int]:
    """Notes starting at line ``i`` (a 注 line): the lines and one past the last."""
    notes = [collapse_ws(doc.lines[i])]
    last = i + 1
    j = i + 1
    gap = False
    while j < end:
        kind = doc.kinds[j]
        line = doc.lines[j]
        if kind in ("blank", "noise"):
            gap = True
            j += 1
            continue
        if kind != "text" or OUTLINE_RE.match(line) or SECTION_RE.match(line):
            break
        if NOTE_RE.match(line) or ENUM_START_RE.match(line) or not gap:
            notes.append(collapse_ws(line))
            last = j + 1
            gap = False
            j += 1
            continue
        break
    return notes, last


def _tab_body(doc: _Lines, start: int, end: int) -> tuple[int, int]:
    """(first, one past last) body line of a tab-shaped table between ``start`` and ``end``."""
    first = next((k for k in range(start, end) if doc.is_table_line(k)), None)
    if first is None:
        return start, start
    last = first
    k = first
    while k < end:
        kind = doc.kinds[k]
        if kind in ("cell", "row"):
            last = k
        elif kind == "text":
            line = doc.lines[k]
            if NOTE_RE.match(line) or OUTLINE_RE.match(line) or SECTION_RE.match(line):
                break
            nxt = doc.next_content(k, limit=6)
            # a paragraph inside a merged cell: more table lines follow
            probe = k
            while (
                nxt is not None
                and nxt < end
                and doc.kinds[nxt] == "text"
                and not NOTE_RE.match(doc.lines[nxt])
            ):
                probe = nxt
                nxt = doc.next_content(probe, limit=6)
            if nxt is None or nxt >= end or not doc.is_table_line(nxt):
                break
            k = probe
        k += 1
    return first, last + 1


def _text_body(doc: _Lines, start: int, end: int) -> tuple[int, int]:
    """(first, one past last) body line of a plain-text table between ``start`` and ``end``."""
    first = None
    for k in range(start, end):
        kind = doc.kinds[k]
        if kind in ("blank", "noise"):
            continue
        line = doc.lines[k]
        if is_unit_line(line) and len(compact(line)) <= 30 or YEAR_LINE_RE.match(line):
            continue
        first = k
        break
    if first is None:
        return start, start
    last = first
    k = first
    while k < end:
        kind = doc.kinds[k]
        line = doc.lines[k]
        if kind in ("blank", "noise"):
            k += 1
            continue
        if kind == "text" and NOTE_RE.match(line):
            break
        if kind == "text" and _is_prose(line):
            nxt = doc.next_content(k, limit=3)
            if nxt is not None and nxt < end and _is_prose(doc.lines[nxt]):
                break
        last = k
        k += 1
    return first, last + 1


def segment(lines: list[str]) -> list[Block]:
    """The tables of a text document, in order; see the module docstring."""
    doc = _Lines(lines)
    anchors, boundaries = find_anchors(doc)
    stops = sorted({a.index for a in anchors} | boundaries | {len(doc.lines)})
    blocks: list[Block] = []
    text_stats: list[tuple[int, tuple[int, int, int, int]]] = []  # (block index, stats)
    for a in anchors:
        end = next(s for s in stops if s > a.index)
        start = a.title_last + 1
        preamble: list[str] = []
        # cell-per-line preamble (department, 预算年度, 单位) right under the title
        has_marker, after = _is_preamble_cell_group(doc, start)
        if has_marker:
            preamble.extend(doc.lines[start:after])
            start = after
        # text preamble: year line, unit line, blank lines
        k = start
        while k < end:
            kind = doc.kinds[k]
            line = doc.lines[k]
            if kind in ("blank", "noise"):
                k += 1
                continue
            if kind == "text" and (
                YEAR_LINE_RE.match(line) or (is_unit_line(line) and len(compact(line)) <= 40)
            ):
                preamble.append(line)
                k += 1
                continue
            break
        region = doc.lines[k:end]
        shape = block_shape(region)
        if shape in ("tsv", "cell-per-line"):
            body_start, body_end = _tab_body(doc, k, end)
        else:
            body_start, body_end = _text_body(doc, k, end)
            text_lines = [x for x in doc.lines[body_start:body_end] if line_kind(x) == "text"]
            text_stats.append((len(blocks), text_shape_stats(text_lines)))
        notes: list[str] = []
        table_end = body_end if body_end > body_start else a.title_last + 1
        note_i = next(
            (j for j in range(body_end, end) if doc.kinds[j] == "text" and NOTE_RE.match(doc.lines[j])), None
        )
        if note_i is not None and all(
            doc.kinds[j] in ("blank", "noise") or NOTE_RE.match(doc.lines[j]) for j in range(body_end, note_i)
        ):
            notes, table_end = _notes(doc, note_i, end)
        unit = ""
        for p in preamble:
            unit = find_unit(p)
            if unit:
                break
        blocks.append(
            Block(
                kind=a.kind,
                label=a.label,
                title=a.title,
                anchor=a.index,
                title_last=a.title_last,
                body_start=body_start,
                body_end=body_end,
                end=max(table_end, body_end),
                shape=shape,
                unit=unit,
                notes=notes,
                preamble=preamble,
            )
        )
    if text_stats:
        # one extraction tool made the whole text: decide aligned/collapsed once per document
        total = (
            sum(st[0] for _, st in text_stats),
            sum(st[1] for _, st in text_stats),
            sum(st[2] for _, st in text_stats),
            sum(st[3] for _, st in text_stats),
        )
        overall = decide_text_shape(total)
        for bi, _ in text_stats:
            blocks[bi].shape = overall
    return blocks
