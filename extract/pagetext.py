"""The printed text around a table: its label (表5), title, unit line (单位：万元) and notes (注：…).

Works on text lines outside the tables of a page (from the PDF's words or from OCR), in pixels
with y growing downwards; pure functions over ``(text, box)`` pairs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.indicator_words import COMBINED_INDICATOR_HEADERS
from extract.model import Table
from extract.numbers import find_unit, normalize, without_unit_line
from extract.segment import REFERENCE_RE, SECTION_RE, STANDALONE_END, is_title_like
from extract.taxonomy import LEVEL1, LEVEL2
from extract.vocabulary import compact, is_section_heading
from extract.words import Box, Word, text_lines

_LABEL = re.compile(r"^(?:附\s*)?表\s*(\d+(?:[-－—]\d+)?)\s*[:：]?\s*")
_NOTE = re.compile(r"^\s*(注|说明|备注)\s*[:：]?")
_PAGE_NO = re.compile(r"^[-—–\s]*(第\s*)?\d+\s*(页)?[-—–\s]*$")


def is_page_number(text: str) -> bool:
    """A page's number as its foot prints it: ``- 21 -``, ``—9—``, ``第3页``, ``12``."""
    return bool(_PAGE_NO.match(text))


_CONTINUED = re.compile(r"续表|[（(]\s*续\s*[)）]|续\s*$")
_YEAR_LINE = re.compile(r"^[（(]\s*\d{4}\s*年度?\s*[)）]$")
_EXPLAINED = re.compile(r"(?:情况)?说明$")  # …绩效情况说明: the part explains the table it names


# a labelled field opening a line: 单位名称：…, 编制单位：…, 部门：… (its colon normalised to :)
_FIELD_LABEL = re.compile(r"^[\u4e00-\u9fff]{2,8}\s*:")


def is_caption_line(text: str) -> bool:
    """A line printed over a table that names its unit (``单位：万元``), alone or after a labelled
    field (``单位名称：长沙职业教育基地综合协调办公室 单位：万元``): the table's caption, no header
    row — unlike a header cell that names its unit among its words (``金额（单位：万元）``)."""
    if not find_unit(text):
        return False
    rest = without_unit_line(text)
    return not rest or bool(_FIELD_LABEL.match(rest))


@dataclass
class Line:
    text: str
    box: Box


@dataclass
class Around:
    """What a table's surroundings say about it."""

    title: str = ""
    label: str = ""
    unit: str = ""
    continued: bool = False  # the title says 续表
    notes: list[str] = field(default_factory=list)


def lines_of(words: list[Word]) -> list[Line]:
    """Words joined into printed lines (spaces where the gap is wide), top to bottom."""
    out: list[Line] = []
    for ws in text_lines(words):
        text = ws[0].text
        for prev, w in zip(ws, ws[1:], strict=False):
            text += (" " if w.box[0] - prev.box[2] > 0.5 * max(w.height, 1.0) else "") + w.text
        box = (
            min(w.box[0] for w in ws),
            min(w.box[1] for w in ws),
            max(w.box[2] for w in ws),
            max(w.box[3] for w in ws),
        )
        out.append(Line(text.strip(), box))
    return out


def is_continued(title: str) -> bool:
    return bool(_CONTINUED.search(title))


def heading_title(text: str) -> str:
    """The table a part's heading names (第七部分 重点项目预算绩效情况说明 → 重点项目预算绩效情况), '' when
    the line is no part heading or names no table (第一部分 部门概况)."""
    s = compact(normalize(text))
    m = SECTION_RE.match(s)
    if not m:
        return ""
    name = s[m.end() :]
    if _EXPLAINED.search(name):
        name = name[: -len("说明")]
    return name if is_title_like(name, STANDALONE_END) else ""


def is_sentence(text: str) -> bool:
    """A line of running text (…如下：, …。, a wrapped line of a sentence: …万元，较上年…), not a title."""
    s = compact(normalize(text))
    return any(p in s for p in ("。", "，", ",", "；")) or s.endswith(("：", ":"))


# the words of a performance table's level cells (年度绩效指标 heads the rows' first column in 西安's)
_LEVEL_WORDS = (*LEVEL1, *LEVEL2, *COMBINED_INDICATOR_HEADERS, "年度绩效指标")


def is_level_fragment(text: str) -> bool:
    """A piece of a performance table's level cell (年度绩 | 效指标 of 年度绩效指标, 效益指) printed above the
    table where the cell breaks over the page: part of the table's first row, no title."""
    s = compact(normalize(text))
    return 2 <= len(s) < 5 and any(s in w and s != w for w in _LEVEL_WORDS)


def is_table_title(text: str) -> bool:
    """A line that reads as a table's title (…明细表, …预算表), not a reference to one (详见下表)."""
    s = compact(normalize(text))
    return is_title_like(s) and not REFERENCE_RE.search(s)


def title_by_heading(table: Table, before: Table | None) -> str:
    """The title of a table printed without one, under a part's heading that names a table, when the
    reader took the heading and the text after it as a page of prose (``before``, the table read just
    above it on its page, ``content == 'prose'``): the heading's table; '' otherwise."""
    if (table.title and not is_sentence(table.title)) or before is None:
        return ""
    if before.page != table.page or before.content != "prose":
        return ""
    for row in reversed(before.grid()):
        for cell in row:
            name = heading_title(cell)
            if name:
                return name
    return ""


def describe(table_box: Box, lines: list[Line], floor: float = -1e9, ceiling: float = 1e9) -> Around:
    """Label, title and unit from the lines between ``floor`` (the previous table's bottom) and the
    table's top; notes from the lines below it, up to ``ceiling`` (the next table's top)."""
    x0, top, x1, bottom = table_box
    # a line's box takes its font's descent: a unit line set close to the table's top rule reaches
    # below it, so a line is above the table when its middle is
    above = [ln for ln in lines if floor <= ln.box[3] and (ln.box[1] + ln.box[3]) / 2 <= top + 2]
    above = above[-6:]
    around = Around()
    candidates: list[Line] = []
    heading = ""  # the table a part's heading above names: the title of a table printed without one
    for ln in above:
        text = normalize(ln.text)
        if _PAGE_NO.match(text) or not re.search(r"\w", text):  # rules and specks read as dashes are no text
            continue
        unit = find_unit(text)
        if unit:
            around.unit = unit
            continue
        m = _LABEL.match(text)
        if m:
            around.label = "表" + m.group(1)
            rest = text[m.end() :].strip()
            if rest:
                candidates.append(Line(rest, ln.box))
            continue
        if _YEAR_LINE.match(text) or is_section_heading(text):  # a part's heading is no table's title
            heading = heading_title(text) or heading
            continue
        if is_level_fragment(text):
            continue
        candidates.append(Line(text, ln.box))
    # running text above a table is no title when a line is; a line that reads as a table's title
    # (…表) is, whatever its font (a document printing its text larger than its titles)
    lines_not_text = [c for c in candidates if not is_sentence(c.text)]
    candidates = lines_not_text or candidates
    candidates = [c for c in candidates if is_table_title(c.text)] or candidates
    if candidates:
        # the title is the tallest line above the table (printed larger), the nearest on a tie
        best = max(candidates, key=lambda ln: (round((ln.box[3] - ln.box[1]) * 4), ln.box[1]))
        around.title = best.text
        around.continued = is_continued(best.text) or any(is_continued(c.text) for c in candidates)
    if heading and (not around.title or is_sentence(around.title)):
        around.title = heading  # no title of its own: the part's heading names the table
    below = [
        ln
        for ln in lines
        if bottom - 2 <= (ln.box[1] + ln.box[3]) / 2
        and ln.box[1] < ceiling
        and ln.box[0] < x1
        and ln.box[2] > x0
    ]
    in_note = False
    for ln in below:
        text = normalize(ln.text)
        if _PAGE_NO.match(text):
            continue
        if _NOTE.match(text):
            in_note = True
            around.notes.append(text)
        elif in_note and re.match(r"^\d+\s*[.、．]", text):
            around.notes.append(text)
        else:
            break
    return around
