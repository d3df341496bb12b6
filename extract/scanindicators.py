"""Indicator cells of scanned performance-target tables (issue 14): what the recogniser is unsure of
in them is doubted, never accepted as read.

* ``check_indicator_cells``: below the table's indicator header (一级指标 | 二级指标 | 三级指标 …),
  a cell with a character the recogniser read below ``indicator_char_doubt`` (``Word.low``: the
  least sure character of its reading, width variants counted as one) is doubted — '≥3年' read as
  '23年' gives its '2' 0.43 against 0.33 for '≥'; a level label (产出指标, 数量指标 …) misread by a
  character, and near no other label, is repaired to the vocabulary's label and doubted
  (``extract.indicator_words.nearest_level_label``); above the header (or in a table that is a project
  block only), a project name so read is doubted (``project_doubts``: its indicators go to review).
* ``reread_operators``: a column of operators (指标方向 | 绩效指标性质: ≥ | 95 | %) is read again
  beside its figure. Alone, a small ≥ is read as N, M or 2, ≤ as S, and a ＝ too flat for a text
  line as nothing; set before its figure, in one crop, the recogniser reads it as it reads '≥95%'
  printed in one cell. The operator so read replaces the cell's when the crop's figure is the
  figure cell's own reading; the cell is doubted when the operator is still unsure or unread, and
  then shows the operator the views weigh most for their first character (``Reading.first``).
  Each such operator read ≥ > ≤ < is then held against its glyph's ink (``extract.operatorink``:
  a bar under the chevron or none); where the ink shows the other of its pair, the cell takes it
  and is doubted (``scan_operator_ink``: the recogniser and the ink disagree, review decides).
* ``reread_doubted``: a value cell so doubted is read again from its ink with a blank margin
  around it (a first character at the crop's edge is the one misread: '<21.38万元' for '≤…'); a
  reading that differs and is sure, or surer than the first, replaces the text, and the cell
  stays doubted.
* ``indicator_doubts``: the cell doubts an indicator made of ``cells`` at ``row`` carries: its
  cells' own, and a repaired level label's above it in its column (the label its row carries).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from extract.indicator_words import (
    INDICATOR_UNIT,
    is_field_label,
    is_operator,
    is_operator_header,
    is_unit_header,
    nearest_level_label,
    starts_project_block,
    value_likeness,
)
from extract.model import Cell, Table
from extract.numbers import bare, normalize
from extract.operatorink import dark_mask, operator_by_ink
from extract.reasons import Reason, reason
from extract.settings import TABLE_SETTINGS, TableSettings
from extract.vocabulary import HAN_CHAR, INDICATOR_LABELS, compact, is_indicator_header_row

Box = tuple[float, float, float, float]
LEVEL_COLUMNS = INDICATOR_LABELS[:2]  # 一级指标, 二级指标: the columns of level labels
_FIGURE = re.compile(r"^\d")
_VALUE_LIKE = 0.9  # a cell looking this much like an indicator value (≥95%, 3年) is read again when doubted


def header_row(table: Table) -> int | None:
    """The row of ``table``'s indicator header (一级指标 | 二级指标 | 三级指标), or None."""
    for r, row in enumerate(table.grid()):
        if is_indicator_header_row(row):
            return r
    return None


def _header_cells(table: Table, head: int) -> list[Cell]:
    """The cells of the header row ``head`` (and those spanning down into it)."""
    return [c for c in table.cells if c.row <= head < c.row + c.rowspan and c.text]


def check_indicator_cells(
    table: Table, lows: dict[tuple[int, int], tuple[str, float]], settings: TableSettings = TABLE_SETTINGS
) -> int:
    """Doubt (``Cell.doubt``) the OCR'd body cells of ``table``'s indicators that ``lows`` (cell →
    its least sure character and that character's probability) says the recogniser was unsure of,
    and repair misread level labels; the number of cells doubted."""
    head = header_row(table)
    count = _check_project_cells(table, head, lows, settings)
    if head is None:
        return count
    level_cols = {
        k
        for c in _header_cells(table, head)
        if compact(c.text) in LEVEL_COLUMNS
        for k in range(c.col, c.col + c.colspan)
    }
    for c in table.cells:
        if c.row <= head or c.confidence >= 1.0 or not c.text.strip() or c.doubt is not None:
            continue
        if c.col in level_cols:
            near = nearest_level_label(c.text)
            if near is not None and near[1]:
                c.doubt = reason(
                    "scan_indicator_level_repaired",
                    row=c.row,
                    col=c.col,
                    raw=c.text,
                    text=near[0],
                    distance=near[1],
                )
                c.text = near[0]
                count += 1
                continue
        low = lows.get((c.row, c.col))
        if low is not None and low[1] < settings.indicator_char_doubt:
            c.doubt = reason("scan_indicator_char_doubted", **_least_sure(c, low))
            count += 1
    return count


def _check_project_cells(
    table: Table, head: int | None, lows: dict[tuple[int, int], tuple[str, float]], settings: TableSettings
) -> int:
    """Doubt the OCR'd project names of ``table``'s project block (the rows above its indicator
    header, or the whole table when it prints none: a block at a page's foot) whose least sure
    character ``lows`` gives below ``indicator_char_doubt``: the cells after the 项目名称 label that
    opens a row, up to the row's next label. The number of cells doubted."""
    stop = table.n_rows if head is None else head
    by_row: dict[int, list[Cell]] = {}
    for c in table.cells:
        if c.row < stop and c.text.strip():
            by_row.setdefault(c.row, []).append(c)
    count = 0
    for cells in by_row.values():
        cells.sort(key=lambda c: c.col)
        if not starts_project_block([c.text for c in cells]):
            continue
        for c in cells[1:]:
            if is_field_label(c.text):
                break
            low = lows.get((c.row, c.col))
            if c.confidence >= 1.0 or c.doubt is not None or low is None:
                continue
            if low[1] < settings.indicator_char_doubt:
                c.doubt = reason("scan_project_char_doubted", **_least_sure(c, low))
                count += 1
    return count


def _least_sure(c: Cell, low: tuple[str, float]) -> dict[str, object]:
    """The parameters of a doubt on cell ``c`` whose least sure character (and its confidence) is
    ``low``."""
    return {"row": c.row, "col": c.col, "text": c.text, "char": low[0], "confidence": round(low[1], 2)}


def project_doubts(table: Table) -> list[Reason]:
    """The reader's doubts of the project name ``table``'s project block prints."""
    return [
        c.doubt for c in table.cells if c.doubt is not None and c.doubt.code == "scan_project_char_doubted"
    ]


@dataclass(frozen=True)
class FigureColumns:
    """Where a performance table prints its operators, figures and units (column indices; unit -1
    when it prints none), and how many columns it has: a table continued on the next page, its
    header not printed again, is read with these."""

    op: int
    figure: int
    unit: int
    n_cols: int


def figure_columns(table: Table) -> FigureColumns | None:
    """The operator, figure and unit columns ``table``'s indicator header names, or None."""
    head = header_row(table)
    if head is None:
        return None
    headers = _header_cells(table, head)
    ops = [h for h in headers if is_operator_header(h.text)]
    if not ops:
        return None
    figure = ops[0].col + ops[0].colspan
    units = [h.col for h in headers if is_unit_header(h.text) and h.col > figure]
    return FigureColumns(ops[0].col, figure, units[0] if units else -1, table.n_cols)


def reread_operators(
    table: Table,
    boxes: dict[tuple[int, int], Box],
    clean: np.ndarray,
    crops: Callable[[list[np.ndarray]], list[tuple[str, float]]],
    settings: TableSettings = TABLE_SETTINGS,
    continued: FigureColumns | None = None,
) -> int:
    """The operator cells of ``table`` beside a figure, and the unit cells after it, read again in
    one crop with the figure (see the module's note). ``boxes``: each cell's box in ``clean``'s
    pixels (ruling lines already whited out); ``continued``: the columns of the table this one may
    continue (used when it prints no header of its own and has as many columns); the number of
    cells changed or doubted."""
    columns = figure_columns(table)
    first = 0
    if (
        columns is None
        and continued is not None
        and header_row(table) is None
        and table.n_cols == continued.n_cols
    ):
        columns = continued
    elif columns is not None:
        first = (header_row(table) or 0) + 1
    if columns is None:
        return 0
    by_pos = {(c.row, c.col): c for c in table.cells}
    rows: list[list[Cell | None]] = []
    for r in range(first, table.n_rows):
        op, fig = by_pos.get((r, columns.op)), by_pos.get((r, columns.figure))
        if op is None or fig is None or not _FIGURE.match(fig.text.strip()) or HAN_CHAR.search(op.text):
            continue  # an operator before a figure only (定性 stands before words)
        if op.confidence >= 1.0 and op.text.strip():
            continue  # a text layer's operator is read as printed
        unit = by_pos.get((r, columns.unit)) if columns.unit >= 0 else None
        rows.append([op, fig, unit])
    todo = []
    op_inks: dict[int, np.ndarray | None] = {}
    for cells in rows:
        inks = [_ink(clean, boxes.get((c.row, c.col))) if c is not None else None for c in cells]
        op_inks[id(cells[0])] = inks[0]
        if inks[1] is None:
            continue
        views = [inks, [inks[0], inks[1], None]] if inks[2] is not None else [inks]
        for gap, view in zip(settings.operator_gaps_h, views, strict=False):
            todo.append((cells, view, _side_by_side([i for i in view if i is not None], gap)))
    readings = crops([img for _, _, img in todo]) if todo else []
    found: dict[int, list[tuple[list[np.ndarray | None], tuple[str, float]]]] = {}
    for (cells, view, _), reading in zip(todo, readings, strict=True):
        found.setdefault(id(cells[0]), []).append((view, reading))
    changed = 0
    for cells in rows:
        if id(cells[0]) in found:
            changed += _take_reading(table, cells, found[id(cells[0])], settings)
        changed += _check_ink(table, cells[0], op_inks.get(id(cells[0])))
    return changed


def _check_ink(table: Table, op: Cell | None, ink: np.ndarray | None) -> int:
    """The operator cell ``op`` (as read, alone or with its figure) against its glyph's ink
    (``extract.operatorink``): a ≥ or ≤ whose ink prints no bar under its chevron, or a > or < whose
    ink does, is read as the other of its pair and doubted (the recogniser and the ink disagree:
    review decides); 1 when so, else 0."""
    if op is None or ink is None:
        return 0
    text = bare(op.text)
    other = operator_by_ink(text, ink)
    if other is None:
        return 0
    op.doubt = reason("scan_operator_ink", row=op.row, col=op.col, raw=op.text, text=other)
    op.text = other
    return 1


@dataclass(frozen=True)
class _Read:
    formed: bool  # the figure cell's reading, an operator before it, a unit after it where inked
    before: str
    after: str
    sure: float  # the least sure character's probability (at most the reading's score)
    text: str
    score: float  # the reading's score (the recogniser's mean over its characters)


def _parse(fig: Cell, view: list[np.ndarray | None], found: tuple[str, float]) -> _Read:
    text, figure = bare(found[0]), bare(fig.text)
    sure = _sureness(found)
    at = text.find(figure)
    before, after = (text[:at], text[at + len(figure) :]) if at >= 0 else ("", "")
    formed = (
        at >= 0
        and (is_operator(before) if view[0] is not None else not before)
        and (bool(INDICATOR_UNIT.match(after)) if view[2] is not None else not after)
    )
    return _Read(formed, before, after, sure, found[0], float(found[1]))


def _take_reading(
    table: Table,
    cells: list[Cell | None],
    views: list[tuple[list[np.ndarray | None], tuple[str, float]]],
    settings: TableSettings,
) -> int:
    """The operator and unit cells of one figure set to what their crops read in one (``views``:
    operator | figure | unit, operator | figure) reads around the figure cell's own reading, when
    one view is well formed and sure and no other reads another operator; the operator doubted
    when no reading is (the number of cells changed or doubted)."""
    op, fig, unit = cells
    assert op is not None and fig is not None
    reads = [_parse(fig, view, found) for view, found in views]
    sure = [r for r in reads if r.formed and r.sure >= settings.indicator_char_doubt]
    formed_ops = {r.before for r in reads if r.formed}
    if sure and len(formed_ops) == 1:
        best = sure[0]
        changed = 0
        for cell, read in ((op, best.before), (unit, best.after)):
            if cell is None or not read:
                continue
            if read != bare(cell.text):
                table.warnings.append(
                    reason("scan_operator_reread", row=cell.row, col=cell.col, raw=cell.text, text=read)
                )
                cell.text = read
                changed += 1
            cell.confidence = round(best.score, 4)
            if cell.doubt is not None and cell.doubt.code == "scan_indicator_char_doubted":
                cell.doubt = None  # the character it doubted is read again, and surely
        return changed
    raw = op.text.strip()
    if is_operator(raw) and op.doubt is None and formed_ops <= {normalize(raw)}:
        return 0  # read alone as an operator, and nothing read with the figure says otherwise
    if views[0][0][0] is None and not raw:
        return 0  # nothing printed before the figure
    formed = [r for r in reads if r.formed]
    op.doubt = op.doubt or reason(
        "scan_operator_doubted", row=op.row, col=op.col, raw=op.text, reading=reads[0].text
    )
    weighed = _weighed_operator([found for _, found in views], raw)
    if weighed and weighed != bare(raw):
        table.warnings.append(
            reason("scan_operator_reread", row=op.row, col=op.col, raw=op.text, text=weighed)
        )
        op.text = weighed  # the operator the views weigh most, in doubt: review sees it
    elif formed and not is_operator(raw):
        op.text = formed[0].before  # the operator read with the figure, in doubt: review sees it
    op.confidence = round(min(op.confidence if raw else 1.0, *(r.sure for r in reads)), 4)
    return 1


def _weighed_operator(readings: list[tuple[str, float]], raw: str) -> str:
    """The operator the readings of one figure's views weigh most for their first character (the
    operator cell's, set first in each view; ``Reading.first``), summed over the views, when they
    weigh it more than ``raw`` (the cell read alone); '' otherwise. A small ≥ blurred at 200 dpi is
    read 2 | ≥ | > (0.34, 0.29, 0.11) with its figure and unit, M | N | > (0.31, 0.21, 0.11) with its
    figure, > alone: the views weigh ≥ most where no single reading does."""
    weight: dict[str, float] = {}
    for found in readings:
        for ch, p in getattr(found, "first", ()):
            if is_operator(ch):
                weight[ch] = weight.get(ch, 0.0) + p
    best = max(weight, key=lambda ch: weight[ch], default="")
    return best if best and weight[best] > weight.get(normalize(raw), 0.0) else ""


def reread_doubted(
    table: Table,
    boxes: dict[tuple[int, int], Box],
    clean: np.ndarray,
    crops: Callable[[list[np.ndarray]], list[tuple[str, float]]],
    settings: TableSettings = TABLE_SETTINGS,
) -> int:
    """The value cells of ``table`` doubted for a character read unsure, read again from their ink
    with a blank margin around it (a first character touching the crop's edge — the ≥ of '≥3年' —
    is the one a recogniser misreads or drops). A reading that differs, looks no less like a value
    and is sure, or surer than the first reading's doubted character ('≥3年' at 0.48 for '23年'
    whose 2 was 0.43), replaces the cell's text; the cell stays doubted (two readings disagree).
    The number of cells changed."""
    cells = [
        c
        for c in table.cells
        if c.doubt is not None
        and c.doubt.code == "scan_indicator_char_doubted"
        and value_likeness(c.text) >= _VALUE_LIKE
        and (c.row, c.col) in boxes
    ]
    inks = [(c, _ink(clean, boxes[(c.row, c.col)])) for c in cells]
    todo = [(c, ink) for c, ink in inks if ink is not None]
    readings = crops([_side_by_side([ink], settings.operator_gaps_h[-1]) for _, ink in todo]) if todo else []
    changed = 0
    for (c, _), found in zip(todo, readings, strict=True):
        text = found[0].strip()
        sure = _sureness(found)
        key = bare(text)
        first = float(c.doubt.args.get("confidence", 1.0)) if c.doubt is not None else 1.0
        if (
            key
            and key != bare(c.text)
            and (sure >= settings.indicator_char_doubt or sure > first)
            and value_likeness(text) >= value_likeness(c.text)
        ):
            table.warnings.append(
                reason("scan_indicator_reread", row=c.row, col=c.col, raw=c.text, text=text)
            )
            c.text = text
            changed += 1
    return changed


def _sureness(found: tuple[str, float]) -> float:
    """How sure a reading is: its least sure character's probability (``Reading.low``), at most
    the reading's score."""
    low = getattr(found, "low", None)
    return min(float(found[1]), low[1] if low is not None else 1.0)


def _ink(clean: np.ndarray, box: Box | None) -> np.ndarray | None:
    """The inked columns of the cell ``box`` (inside its walls) of ``clean``, full cell height;
    None when it holds no ink."""
    if box is None:
        return None
    x0, y0, x1, y1 = (int(v) for v in box)
    sub = clean[y0 + 2 : y1 - 1, x0 + 2 : x1 - 1]
    if sub.size == 0:
        return None
    cols = np.flatnonzero(dark_mask(sub).sum(axis=0) >= 2)  # a wall's grey rest is no ink
    return sub[:, cols[0] : cols[-1] + 1] if cols.size else None


def _side_by_side(parts: list[np.ndarray], gap: float) -> np.ndarray:
    """One line image of ``parts`` (the inked columns of cells in one row), a blank between them
    of ``gap`` × their line height (and as much before the first and after the last), each part's
    ink rows kept where they are."""
    height = max(p.shape[0] for p in parts)
    tall = [np.pad(p, ((0, height - p.shape[0]), (0, 0)), constant_values=255) for p in parts]
    rows = np.flatnonzero(np.concatenate([(t < 200).any(axis=1)[:, None] for t in tall], axis=1).any(axis=1))
    line = (rows[-1] - rows[0] + 1) if rows.size else height
    blank = np.full((height, max(2, int(gap * line))), 255, dtype=parts[0].dtype)
    out: list[np.ndarray] = [blank]  # a margin: a first character touching the edge is read as nothing
    for t in tall:
        out += [t, blank]
    return np.ascontiguousarray(np.concatenate(out, axis=1))


def indicator_doubts(table: Table, row: int, cells: list[tuple[int, int]]) -> list[Reason]:
    """The reader's doubts an indicator of ``table`` at ``row``, read from ``cells``, carries: those
    of its cells, and a repaired level label's printed at or above ``row`` in its column (the label
    the row is read under)."""
    wanted = set(cells)
    out = [c.doubt for c in table.cells if c.doubt is not None and (c.row, c.col) in wanted]
    repaired = {
        c.col for c in table.cells if c.doubt is not None and c.doubt.code == "scan_indicator_level_repaired"
    }
    for col in sorted(repaired):
        above = [c for c in table.cells if c.col == col and c.row <= row and c.text.strip()]
        label = max(above, key=lambda c: c.row, default=None)
        if (
            label is not None
            and label.doubt is not None
            and label.doubt.code == "scan_indicator_level_repaired"
        ):
            out.append(label.doubt)
    return out
