"""Item names of scanned tables checked against the domain's vocabulary of item names (issue 17).

A recogniser slips on one character of a name (工资橱利支出 for 工资福利支出), drops the closing
bracket of an enumerator ('（2商品和服务支出') or the one a name ends with (湖州's 湖州师范学院附属第一医院
（湖州市第一人民医院, wrapped: 民医院） read 民医院), reads a character of the kind of body a unit is as
another (湖州市急教中心 for 湖州市急救中心: ``extract.vocabulary.UNIT_KINDS``), reads a column's '1、'
as '1.', loses a heading's '一、' whole, or reads a rule's stroke after a total word as a character
(合计一), or reads a speck beside a name as a mark (差旅费., ·住房公积金). Each such cell is
repaired to the reading the evidence gives — the nearest item name of
``extract.vocabulary.ITEM_NAMES``, the enumerator's own shape, the column's way of numbering, the
same name numbered in the row's other sections, the kind of body, the total word without the
stroke, the name without the speck — and
*doubted*: the repair is kept as the cell's reason and its records go to review. A name the
vocabulary contradicts is never accepted as read. Only OCR'd cells (confidence below 1.0) are
touched: a text layer is read as printed.
"""

from __future__ import annotations

import re

from extract.model import Cell, Table
from extract.numbers import is_amount
from extract.reasons import reason
from extract.settings import TABLE_SETTINGS, TableSettings
from extract.vocabulary import (
    ARABIC_ENUMERATOR,
    CHILD_ENUMERATOR,
    CN_HEADING,
    CN_NUMERALS,
    ENUMERATOR,
    HAN_CHAR,
    LINE_ENUMERATOR,
    OPEN_BRACKET_ENUMERATOR,
    SPECK_EDGE,
    SPECK_INSIDE,
    edit_distance,
    near_item_name,
    nearest_item_name,
    nearest_unit_kind,
    strip_total_stroke,
)

_CODE = re.compile(r"^\s*\d{3,9}(?!\d)(?![,.]\d)")  # a classification or project code (not an amount)


def check_item_names(table: Table, settings: TableSettings = TABLE_SETTINGS) -> None:
    """Repair and doubt the OCR'd item names of ``table``'s body (see the module's note)."""
    body = [
        c
        for c in table.cells
        if c.row >= table.header_rows and c.confidence < 1.0 and c.text and HAN_CHAR.search(c.text)
    ]
    _total_strokes(body)
    _open_brackets(body)
    _unclosed_brackets(body)
    _column_marks(body)
    _unit_kinds(body, settings)
    coded = {c.row for c in table.cells if c.row >= table.header_rows and _CODE.match(c.text)}
    for c in body:
        if c.row not in coded:  # a coded row's name is the code dictionary's to check (classify)
            _vocabulary_name(c, settings)
            if c.doubt is None:
                _prefixed_name(c)
    _speck_marks(table, [c for c in body if c.row not in coded])  # what the vocabulary left as read
    # after the vocabulary's repairs: a section's '一、部门预款' compared as read would hide that the
    # row's other sections lost the numeral of the same heading ('部门预算')
    _row_numerals(table, body)


def _doubt(c: Cell, new: str, why_code: str, **params: object) -> None:
    r = reason(why_code, row=c.row, col=c.col, raw=c.text, text=new, **params)
    c.doubt = r if c.doubt is None else c.doubt
    c.text = new


def _total_strokes(body: list[Cell]) -> None:
    """'合计一': a rule's stroke (or a dash of ruling) after a total word read as a character."""
    for c in body:
        stripped = strip_total_stroke(c.text)
        if stripped is not None:
            _doubt(c, stripped, "scan_name_total_stroke")


def _open_brackets(body: list[Cell]) -> None:
    """'（2商品和服务支出': an enumerator's closing bracket lost."""
    for c in body:
        m = OPEN_BRACKET_ENUMERATOR.match(c.text)
        if m:
            _doubt(c, f"（{m.group(2)}）" + c.text[m.end() :], "scan_name_enumerator")


_CLOSING = {"（": "）", "(": ")"}


def _unclosed_brackets(body: list[Cell]) -> None:
    """'湖州师范学院附属第一医院（湖州市第一人民医院': a name whose last bracket opens and never closes
    lost its closing bracket at the end of its line (a thin last glyph beside the crop's edge, as a
    first one is lost); printed names close what they open."""
    for c in body:
        text = c.text.rstrip()
        last = max(text.rfind("（"), text.rfind("("))
        if last <= 0 or last == len(text) - 1 or any(ch in "）)" for ch in text[last:]):
            continue
        opened = sum(text.count(b) for b in _CLOSING)
        if opened != sum(text.count(b) for b in _CLOSING.values()) + 1:
            continue
        _doubt(c, text + _CLOSING[text[last]], "scan_name_bracket_closed")


def _column_marks(body: list[Cell]) -> None:
    """A column numbering its items '1、' in some rows and '1.' in others numbers them one way: the
    recogniser reads a faint 、 as a dot far more often than the reverse (when 、 is the column's
    majority the layout pass has already made it so, undoubted)."""
    by_col: dict[int, list[Cell]] = {}
    for c in body:
        if ARABIC_ENUMERATOR.match(c.text):
            by_col.setdefault(c.col, []).append(c)
    for cells in by_col.values():
        marks = [ARABIC_ENUMERATOR.match(c.text).group(2) for c in cells]  # type: ignore[union-attr]
        if marks.count("、") < 2:
            continue
        for c in cells:
            m = ARABIC_ENUMERATOR.match(c.text)
            if m and m.group(2) != "、":
                _doubt(c, m.group(1) + "、" + c.text[m.end() :], "scan_name_enumerator")


def _row_numerals(table: Table, body: list[Cell]) -> None:
    """A heading read without its numeral ('财政拨款') where the row's other sections print the same
    heading numbered ('一、财政拨款') and the cell below in its column is a numbered child."""
    by_pos = {(c.row, c.col): c for c in table.cells}
    for c in body:
        if ENUMERATOR.match(c.text):
            continue
        same = [
            m.group(1)
            for o in table.cells
            if o.row == c.row
            and o.col != c.col
            and (m := CN_HEADING.match(o.text))
            and o.text[m.end() :] == c.text
        ]
        if not same or len(set(same)) != 1:
            continue
        below = next(
            (
                by_pos[(r, c.col)]
                for r in range(c.row + 1, table.n_rows)
                if by_pos.get((r, c.col), Cell(0, 0, "")).text
            ),
            None,
        )
        if below is not None and CHILD_ENUMERATOR.match(below.text):
            _doubt(c, f"{same[0]}、{c.text}", "scan_name_enumerator")


def _unit_kinds(body: list[Cell], settings: TableSettings) -> None:
    """'湖州市急教中心': a unit's name read with a character of the kind of body it is as another
    (``extract.vocabulary.nearest_unit_kind``), where the recogniser hesitated (below
    ``header_substitute_confidence``, as a header's character read as another): the kind's word."""
    for c in body:
        if c.confidence >= settings.header_substitute_confidence or c.doubt is not None:
            continue
        head, core = _enumerated(c.text)
        found = nearest_unit_kind(core)
        if found is not None:
            _doubt(c, head + found[0], "scan_name_unit_kind", label=found[1])


def _speck_marks(table: Table, body: list[Cell]) -> None:
    """'差旅费.', '·住房公积金', '工资福利支出。': a speck on the scan read as a mark before a line item's
    name or after it (``SPECK_EDGE``: no name begins or ends with one), or as a dot between two of its
    characters (``SPECK_INSIDE``), as a header's speck is doubted (scanheaders). The name without the
    edge's mark, doubted (``scan_name_speck_doubted``); a cell of a row printing no amount (a sentence
    of a text table ends with its 。) is left as read."""
    priced = {c.row for c in table.cells if c.row >= table.header_rows and is_amount(c.text)}
    for c in body:
        if c.row not in priced or c.doubt is not None:
            continue
        head, core = _enumerated(c.text)  # 六。科学技术支出: the full stop is the enumerator's mark
        if (edge := SPECK_EDGE.search(core)) is not None:
            mark = edge.group(1) or edge.group(2)
            name = head + (core[: edge.start()] + core[edge.end() :]).strip()
            _doubt(c, name, "scan_name_speck_doubted", mark=mark)
        elif (inside := SPECK_INSIDE.search(core)) is not None:
            _doubt(c, c.text, "scan_name_speck_doubted", mark=inside.group(1))


def _enumerated(text: str) -> tuple[str, str]:
    """``text`` as its enumerator (``ENUMERATOR``: 一、 1. （1） 其中：; '' when it prints none) and
    the name after it."""
    m = ENUMERATOR.match(text)
    return (text[: m.end()], text[m.end() :]) if m else ("", text)


def _vocabulary_name(c: Cell, settings: TableSettings) -> None:
    """A name a character or two from a known item name (and equal to none) is that name; a
    misreading of one further off (财政发款收人 for 财政拨款收入: ``near_item_name``, at most
    ``name_near_ratio`` of its characters) is no name to trust as read: kept, doubted."""
    head, core = _enumerated(c.text)
    near = nearest_item_name(core)
    if near is not None and near[1] > 0:
        label, distance = near
        _doubt(c, head.replace("。", "、") + label, "scan_name_repaired", label=label, distance=distance)
    elif near is None and (far := near_item_name(core, settings.name_near_ratio)) is not None:
        label, distance = far
        _doubt(c, c.text, "scan_name_near_doubted", label=label, distance=distance)


_NAME_LEAD = re.compile(r"^(?:加|减|其中)[:：]")  # a total's lead word before a name (加：上年结转)
_MAX_LEAD = 3


def _prefixed_name(c: Cell) -> None:
    """A known item name, or one a character or two from it, behind up to three characters that are
    no enumerator (亡、上级补助收入, L.文化旅游体育与传媒支出, ,城乡社区支出, 十天、金融支出: a heading's
    numeral misread, a stray mark; a numeral whose mark was lost, 十九佳房保障支出): the name is
    known, what the row prints before it is not — kept as read, doubted (``scan_name_lead_doubted``)."""
    text = "".join(c.text.split())
    if ENUMERATOR.match(text) or LINE_ENUMERATOR.match(text) or _NAME_LEAD.match(text):
        return  # a well-formed enumerator: the name behind it is _vocabulary_name's
    for cut in range(1, min(_MAX_LEAD, len(text) - 4) + 1):
        lead, rest = text[:cut], text[cut:]
        if not (CN_NUMERALS.fullmatch(lead) or any(not HAN_CHAR.match(ch) for ch in lead)):
            continue  # a word before a name (本年 of 本年支出合计) is a name of its own
        near = nearest_item_name(rest)
        # the lead a part of the name (国 of 国防支出 before 防支出): no lead
        if near is not None and edit_distance(text, near[0]) > near[1]:
            _doubt(c, c.text, "scan_name_lead_doubted", label=near[0], lead=lead)
            return
