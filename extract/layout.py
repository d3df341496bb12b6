"""The layout of one page, shared by the PDF and scan readers: ruling-line grids and borderless
blocks → tables, words from the text layer (born-digital PDFs) or read from the ink (scans: OCR of
ruled cells line by line and of XY-cut text lines, or of the whole page); title, unit and notes
from the lines around each table.

Coordinates: ``layout_page`` takes a ``scale`` (pixels per PDF point) and a ``unit_scale`` to
report boxes in other units (PDF points for born-digital pages, the file's pixels for scans).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

from extract import ink as ink_ops
from extract.amountread import restrict_amounts
from extract.amountreread import reread_amounts
from extract.blocks import find_blocks
from extract.borderless import grid_from_block
from extract.components import WIDTH, Components, components
from extract.grid import Grid, GridCell, assign, drop_empty_rows, header_rows_of
from extract.model import Cell, Table
from extract.numbers import find_unit, is_amount
from extract.ocr import CropReader
from extract.pagetext import Around, Line, describe, is_caption_line, lines_of
from extract.reasons import Reason, reason
from extract.ruling import find_grids, ruling_masks
from extract.scancodes import check_code_column, check_split_codes, reread_codes
from extract.scancolumns import code_dashes_like_column, enumerator_numerals, enumerators_like_column
from extract.scangrid import row_rule_grids, split_unruled
from extract.scanindicators import (
    FigureColumns,
    check_indicator_cells,
    figure_columns,
    reread_doubted,
    reread_operators,
)
from extract.scannames import check_item_names
from extract.settings import TABLE_SETTINGS, TableSettings
from extract.smallprint import (
    amount_confidences,
    cell_wide,
    is_small,
    print_height,
    read_small,
    reread_note,
    too_small,
)
from extract.smallsums import SMALL_PRINT_UNREAD, settle_small_print
from extract.words import Word, join_words

LINE_MIN_SCORE = 0.5  # XY-cut pieces read below this are specks and smudges, not text
MAX_SCALE = 200 / 72  # px per point the layout works at: larger scans are reduced to 200 dpi first
OCR_SCALE = (
    2.5  # px per point the OCR sees (180 dpi): enough for 9 pt print, and 2.8× fewer pixels than 300 dpi
)


@dataclass
class PageLayout:
    """One page read: its tables (page-local), the words used, the deskew angle applied, and the
    character height the layout was read with."""

    tables: list[Table]
    grids: list[Grid]
    words: list[Word]
    angle: float = 0.0
    gray: np.ndarray | None = None  # the deskewed page, for overlays
    char_h: float = 0.0  # the body text's character height in the page's pixels (``char_height``)
    outside: list[Line] = field(default_factory=list)  # the printed lines no table holds (page pixels)
    figures: FigureColumns | None = None  # the last table's operator | figure | unit columns (scans)


def char_height(words: list[Word], scale: float, settings: TableSettings = TABLE_SETTINGS) -> float:
    """The words' median height (the body text's character height), in pixels."""
    hs = sorted(w.height for w in words if w.height > 2)
    return float(hs[len(hs) // 2]) if hs else settings.char_default_pt * scale


def _to_units(box: tuple[float, float, float, float], k: float) -> tuple[float, float, float, float]:
    return (round(box[0] / k, 2), round(box[1] / k, 2), round(box[2] / k, 2), round(box[3] / k, 2))


def _without_caption_row(grid: Grid) -> tuple[Grid, str]:
    """``grid`` without its first row when that row is the table's caption line caught inside the
    grid (an open row above the top rule: ``单位名称：… 单位：万元``, ``pagetext.is_caption_line``),
    and the caption's text ('' when there is none). Such a row holds no amount and spans no row
    below; taken as a header it named every column under it by the caption."""
    first = [c for c in grid.cells if c.row == 0]
    text = "".join(join_words(c.words) for c in sorted(first, key=lambda c: c.col))
    rows = max((c.row + c.rowspan for c in grid.cells), default=0)
    if (
        rows < 3
        or any(c.rowspan > 1 for c in first)
        or any(is_amount(w.text) for c in first for w in c.words)
        or not is_caption_line(text)
    ):
        return grid, ""
    cells = [
        GridCell(c.row - 1, c.col, c.rowspan, c.colspan, c.box, c.words) for c in grid.cells if c.row > 0
    ]
    top = min(c.box[1] for c in cells)
    box = (grid.box[0], top, grid.box[2], grid.box[3])
    return Grid(box, cells, grid.ruled, grid.block), text


def grid_to_table(
    grid: Grid,
    around: Around,
    page: int,
    unit_scale: float,
    settings: TableSettings = TABLE_SETTINGS,
    unread: Reason | None = None,
    uncut: dict[int, int] | None = None,
    blank_read: list[tuple[float, float, float, float]] | None = None,
) -> Table:
    """``grid`` as a page-local table; ``unread``: the reader's note on its small print (a warning);
    ``uncut``: scans, the words (by id) read from a line crop left about two lines high, and the
    height of its print (``_uncut_lines``); ``blank_read``: scans, the crops of cell lines whose
    print the recogniser read as nothing (``_unread_print``)."""
    grid, caption = _without_caption_row(grid)
    tall = {
        (gc.row, gc.col): max(uncut[id(w)] for w in gc.words if id(w) in uncut)
        for gc in grid.cells
        if uncut and any(id(w) in uncut for w in gc.words)
    }
    unit = around.unit or find_unit(caption)
    lost = {
        (gc.row, gc.col)
        for gc in grid.cells
        for bx in blank_read or []
        if gc.box[0] <= (bx[0] + bx[2]) / 2 <= gc.box[2] and gc.box[1] <= (bx[1] + bx[3]) / 2 <= gc.box[3]
    }
    cells: list[Cell] = []
    for gc in sorted(grid.cells, key=lambda c: (c.row, c.col)):
        text = join_words(gc.words)
        conf = min((w.confidence for w in gc.words), default=1.0)
        cells.append(
            Cell(
                gc.row,
                gc.col,
                text,
                gc.rowspan,
                gc.colspan,
                _to_units(gc.box, unit_scale),
                None,
                round(conf, 4),
                text_x0=round(min(w.box[0] for w in gc.words) / unit_scale, 2) if gc.words else None,
            )
        )
    table = Table(
        seq=0,
        title=around.title,
        cells=cells,
        label=around.label,
        unit=unit,
        page=page,
        bbox=_to_units(grid.box, unit_scale),
        notes=list(around.notes),
    )
    table.header_rows = header_rows_of(table.grid())
    readings = {
        (gc.row, gc.col): gc.words[0].amount
        for gc in grid.cells
        if len(gc.words) == 1 and gc.words[0].amount is not None
    }
    if readings:
        restrict_amounts(table, readings, settings)
    enumerators_like_column(table)
    code_dashes_like_column(table)
    table.header_rows = header_rows_of(table.grid())
    enumerator_numerals(table, settings)
    check_item_names(table)
    check_split_codes(table)
    check_code_column(table)
    lows = {
        (gc.row, gc.col): min((w.low for w in gc.words if w.low is not None), key=lambda lw: lw[1])
        for gc in grid.cells
        if any(w.low is not None for w in gc.words)
    }
    check_indicator_cells(table, lows, settings)
    _doubt_uncut(table, tall, settings)
    for row, col in sorted(lost):
        if row >= table.header_rows and row not in table.row_issues:
            table.row_issues[row] = reason("scan_print_unread", row=row, col=col)
    table.confidence = round(min((c.confidence for c in cells), default=1.0), 4)
    if around.continued:
        table.notes.insert(0, "续表")
    if unread is not None and unread.code in SMALL_PRINT_UNREAD:
        # read at the recogniser's limit: the readings its sums confirm are no longer unread
        alternatives = {
            (gc.row, gc.col): gc.words[0].alternatives
            for gc in grid.cells
            if len(gc.words) == 1 and gc.words[0].alternatives
        }
        unread = settle_small_print(table, alternatives, unread) if alternatives else unread
    if unread is not None:
        table.warnings.append(unread)
    return table


def _doubt_uncut(table: Table, uncut: dict[tuple[int, int], float], settings: TableSettings) -> None:
    """Cells holding a line crop about two lines high that could not be cut (``uncut``: its height
    by cell): read as one line, the recogniser reads one of them (一般公共预 of 一般公共预 | 算收入), so
    the cell is doubted: a header's confidence is capped at ``header_doubt_cap`` with a warning (the
    items under it go to review), a body cell carries the reason (its records go to review)."""
    for c in table.cells:
        if (c.row, c.col) not in uncut or not c.text:
            continue
        why = reason(
            "scan_cell_lines_uncut", row=c.row, col=c.col, raw=c.text, height=round(uncut[c.row, c.col])
        )
        if c.row < table.header_rows:
            c.confidence = round(min(c.confidence, settings.header_doubt_cap), 4)
            table.warnings.append(why)
        elif c.doubt is None:
            c.doubt = why


def layout_page(
    gray: np.ndarray,
    scale: float,
    page: int,
    words_for: Callable[[np.ndarray], list[Word]] | None = None,
    words: list[Word] | None = None,
    unit_scale: float = 1.0,
    deskew: bool = True,
    crops: CropReader | None = None,
    settings: TableSettings = TABLE_SETTINGS,
    figures: FigureColumns | None = None,
) -> PageLayout:
    """Tables of one page image. Words come from ``words`` (text layer, in this image's pixels) or
    from ``words_for(image)`` (OCR of the page with ruling lines removed). With ``crops``, ruled
    cells are recognised from their own crops (batched) and ``words_for`` reads only the rest.
    ``settings``: the layout's tolerances; ``figures``: the operator | figure | unit columns of the
    previous page's last table, which the page's first table may continue."""
    full: np.ndarray | None = None
    f = 1.0
    if (
        words is None and scale > MAX_SCALE * 1.1
    ):  # 300-dpi scans: read at 200 dpi, report in the file's pixels
        import cv2

        f = MAX_SCALE / scale
        full = gray  # kept to re-read a table in small print at the file's resolution
        gray = cv2.resize(
            gray, (int(gray.shape[1] * f), int(gray.shape[0] * f)), interpolation=cv2.INTER_AREA
        )
        scale, unit_scale = MAX_SCALE, unit_scale * f
    angle = 0.0
    clean: np.ndarray | None = None  # scans: the page with its ruling lines whited out
    scan_ink: np.ndarray | None = None  # scans: the ink without the rulings
    reread: set[int] = set()  # id(grid) of the small-print tables read at the file's resolution
    printed: dict[int, float] = {}  # id(grid) → its print height (``print_height``; scans), once per grid
    first: dict[int, Reason] = {}  # id(grid) → why its first reading (small print) is unreadable
    blank_read: list[tuple[float, float, float, float]] = []  # scans: cell lines read as nothing
    ink = ink_ops.ink_mask(gray, scale, rendered=words is not None and not deskew, settings=settings)
    if deskew:
        angle = ink_ops.deskew_angle(ink, settings)
        if abs(angle) >= settings.deskew_min_angle:
            gray = ink_ops.rotate(gray, angle)
            ink = ink_ops.ink_mask(gray, scale, settings=settings)
    rules_in = ink if words is not None else ink_ops.rule_ink(gray, scale, ink, settings)
    h_mask, v_mask = ruling_masks(rules_in, scale, settings, gray=gray if words is None else None)
    grids = find_grids(h_mask, v_mask, scale, settings)
    if words is None:  # scans: rows ruled without a vertical rule make a grid of their own
        h_rules = components(h_mask)  # the horizontal rules, once for the row grids and the free rules
        grids = sorted(
            grids + row_rule_grids(h_mask, grids, scale, settings, h_rules),
            key=lambda g: (g.box[1], g.box[0]),
        )
        clean = gray.copy()
        lines = (h_mask > 0) | _meeting(v_mask, h_mask, scale, settings)
        if crops is not None and words_for is None:  # rulings are removed inside tables only: a
            in_grids = np.zeros_like(lines)  # large title's strokes are as long as a short rule …
            _paint(in_grids, grids, True, margin=4)
            lines &= in_grids | _free_rules(h_rules, scale, settings)  # … but never as a free one
        clean[lines] = 255
        text_ink = ink & ~(lines.astype(np.uint8) * 255)
        scan_ink = text_ink
        printed = {id(gr): print_height(text_ink, gr, scale, settings) for gr in grids}
        if crops is not None and words_for is None:  # no detector: cells and text lines cut from the ink
            # tables in small print of a finer file are read from its own pixels only
            finer = [g for g in grids if is_small(printed[id(g)], settings)] if full is not None else []
            own = [g for g in grids if all(g is not x for x in finer)]
            words = _line_words(
                clean, text_ink, lines, grids, own, printed, scale, crops, settings, blank_read
            )
            # … and, without a finer file, a table in small print its first reading leaves unreadable
            # is read again from the page's own pixels prepared several ways; it keeps the verdict
            # of its first reading (its amounts go to review whatever the second reading says)
            for g in [g for g in own if is_small(printed[id(g)], settings)] if full is None else []:
                confs = amount_confidences([w for w in words if _in_any(w, [g])])
                if (why := too_small(printed[id(g)], g, scale, settings, confidences=confs)) is not None:
                    first[id(g)] = why
            unread_first = [g for g in own if id(g) in first]
            if unread_first:
                words = [w for w in words if not _in_any(w, unread_first)] + _small_words(
                    clean, text_ink, unread_first, printed, scale, crops, settings
                )
            if finer:
                words, reread = _reread_small(
                    words, full, f, angle, lines, text_ink, finer, printed, scale, crops, settings
                )
        elif crops is not None and grids:
            words_for = at_ocr_scale(words_for, scale) if words_for else None
            words = _cell_words(clean, text_ink, grids, printed, scale, crops, settings, blank_read)
            rest = clean.copy()
            _paint(rest, grids, 255, margin=0)
            words = words + (words_for(rest) if words_for else [])
        else:
            words_for = at_ocr_scale(words_for, scale) if words_for else None
            words = words_for(clean) if words_for else []
    ch = char_height(words, scale, settings)
    leftovers = list(words)
    kept: list[Grid] = []
    unread: dict[int, Reason] = {}  # id(kept grid) → why its print cannot be read, or was read finer
    for gr in grids:
        leftovers = assign(gr, leftovers, settings)
        magnify = 1.0 / f if id(gr) in reread else 1.0
        small = first.get(id(gr)) or (
            too_small(printed[id(gr)], gr, scale, settings, magnify) if scan_ink is not None else None
        )
        gr2 = drop_empty_rows(split_unruled(gr, ch, settings), settings)
        # a table in print too small to read is kept though nothing in it was read
        if (small is not None or any(c.words for c in gr2.cells)) and gr2.n_rows * gr2.n_cols >= 2:
            kept.append(gr2)
            if small is not None:
                unread[id(gr2)] = small
            elif id(gr) in reread and scan_ink is not None:
                unread[id(gr2)] = reread_note(printed[id(gr)], scale)
    blocks = find_blocks(leftovers, ch, [gr.box for gr in kept], settings)
    for b in blocks:
        kept.append(grid_from_block(b, ch, settings=settings))
    kept.sort(key=lambda gr: (gr.box[1], gr.box[0]))
    in_tables = [w for gr in kept for c in gr.cells for w in c.words]
    used = {id(w) for w in in_tables}
    outside = lines_of([w for w in leftovers if id(w) not in used and not _in_any(w, kept)])
    tables: list[Table] = []
    for i, gr in enumerate(kept):
        floor = kept[i - 1].box[3] if i > 0 else -1e9
        ceiling = kept[i + 1].box[1] if i + 1 < len(kept) else 1e9
        around = describe(gr.box, outside, floor, ceiling)
        table = grid_to_table(
            gr,
            around,
            page,
            unit_scale,
            settings,
            unread.get(id(gr)),
            _uncut_lines(gr, clean, scale, settings)
            if crops is not None and clean is not None and gr.ruled
            else None,
            _unread_print(blank_read, gr, scale, settings),
        )
        if crops is not None and clean is not None:  # scans: operator cells read again with their figure
            reread_codes(table, clean, crops, unit_scale, settings)
            reread_amounts(table, clean, crops, unit_scale, settings)
            boxes = {(gc.row, gc.col): gc.box for gc in gr.cells}
            changed = reread_operators(table, boxes, clean, crops, settings, figures if i == 0 else None)
            if reread_doubted(table, boxes, clean, crops, settings) + changed:
                table.confidence = round(min((c.confidence for c in table.cells), default=1.0), 4)
            figures = figure_columns(table) or (figures if i == 0 and around.title == "" else None)
        tables.append(table)
    return PageLayout(tables, kept, words, angle, gray, ch, outside, figures)


def at_ocr_scale(
    read: Callable[[np.ndarray], list[Word]], scale: float
) -> Callable[[np.ndarray], list[Word]]:
    """``read`` run on the image reduced to ``OCR_SCALE`` px/pt (≈180 dpi) when it is larger;
    the words come back in the full image's pixels."""
    import cv2

    if scale <= OCR_SCALE * 1.15:
        return read
    f = OCR_SCALE / scale

    def run(img: np.ndarray) -> list[Word]:
        small = cv2.resize(img, (int(img.shape[1] * f), int(img.shape[0] * f)), interpolation=cv2.INTER_AREA)
        out = []
        for w in read(small):
            box = (w.box[0] / f, w.box[1] / f, w.box[2] / f, w.box[3] / f)
            chars = [(a / f, b / f) for a, b in w.chars] if w.chars else None
            out.append(Word(w.text, box, w.confidence, chars))
        return out

    return run


def _meeting(v_mask: np.ndarray, h_mask: np.ndarray, scale: float, settings: TableSettings) -> np.ndarray:
    """The vertical rules that meet a horizontal one (within the closing of breaks): a header
    character's vertical stroke as long as a short rule (计, 收 printed 11 pt high) stands inside its
    cell, touching no rule, and is no ruling to wipe out of its cell's text."""
    import cv2

    gap = settings.join_px(scale)
    near = cv2.dilate(h_mask, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 2 * gap + 1))) > 0
    labels = components((v_mask > 0).astype(np.uint8)).labels
    met = np.unique(labels[near & (labels > 0)])
    return np.isin(labels, met) if met.size else np.zeros(v_mask.shape, dtype=bool)


def _free_rules(found: Components, scale: float, settings: TableSettings) -> np.ndarray:
    """The horizontal rules (``found``: the components of the horizontal ruling mask) at least
    ``h_free_rule_pt`` long (a running head's underline, a rule under a title): no character's
    stroke is so long, so outside tables too they are no text (left in, the XY-cut joins the thin
    band to the line above and the rule is read as characters)."""
    long_ = np.flatnonzero(found.stats[1:, WIDTH] >= settings.h_free_rule_pt * scale) + 1
    return np.isin(found.labels, long_) if long_.size else np.zeros(found.labels.shape, dtype=bool)


def _paint(img: np.ndarray, grids: list[Grid], value: int | bool, margin: int) -> None:
    """``img`` set to ``value`` over each grid's box widened by ``margin`` pixels on every side."""
    for gr in grids:
        x0, y0, x1, y1 = (int(v) for v in gr.box)
        img[max(0, y0 - margin) : y1 + margin + 1, max(0, x0 - margin) : x1 + margin + 1] = value


def _in_any(w: Word, grids: list[Grid]) -> bool:
    return any(gr.box[0] <= w.cx <= gr.box[2] and gr.box[1] <= w.cy <= gr.box[3] for gr in grids)


def _cell_words(
    clean: np.ndarray,
    ink: np.ndarray,
    grids: list[Grid],
    printed: dict[int, float],
    scale: float,
    crops: CropReader,
    settings: TableSettings,
    unread: list[tuple[float, float, float, float]] | None = None,
) -> list[Word]:
    """Ruled cells read from their own crops: each cell cut into text lines by its ink rows,
    every line recognised in one batch. Returns one word per text line, in page pixels; the lines
    read as nothing are added to ``unread``."""
    boxes = _cell_lines(clean, ink, grids, printed, scale, settings)
    return _recognise(clean, boxes, crops, unread)


def _cell_lines(
    clean: np.ndarray,
    ink: np.ndarray,
    grids: list[Grid],
    printed: dict[int, float],
    scale: float,
    settings: TableSettings,
) -> list[tuple[float, float, float, float]]:
    """The text lines of ruled cells: each cell's ink cut at its blank rows (boxes with a pad);
    ``printed``: each grid's print height by id (``extract.smallprint.print_height``)."""
    pad = max(settings.cell_pad_min_px, int(settings.cell_pad_pt * scale))
    line_gap = max(settings.cell_line_gap_min_px, int(settings.cell_line_gap_pt * scale))
    # a line whose darkest pixel is this close to the paper is the scan's noise, no print: read, the
    # recogniser makes characters of it (超89.10, 医装 in an empty cell)
    faint = _noise_level(clean, settings)
    same_scale = clean.shape[:2] == ink.shape[:2]  # not so: a finer file's pixels (``_reread_small``)
    near = settings.snap_tolerance_pt * scale
    boxes: list[tuple[float, float, float, float]] = []
    for gr in grids:
        # a table in small print keeps lines as low as its own print (its digits are lower than the
        # speck floor of ordinary print)
        floor = settings.cell_line_min_pt * scale
        if (own := printed[id(gr)]) > 0.0:
            floor = min(floor, settings.small_print_line_ratio * own)
        for c in gr.cells:
            x0, y0, x1, y1 = (int(v) for v in c.box)
            x0, y0, x1, y1 = x0 + pad, y0 + pad, x1 - pad, y1 - pad
            if x1 - x0 < 4 or y1 - y0 < 4:
                continue
            sub = ink[y0:y1, x0:x1]
            rows = ink_ops.ink_runs(sub.sum(axis=1) > 255 * 1, gap=line_gap)
            if not rows:
                continue
            if own > 0.0:  # a wrapped label set close: its lines apart
                rows = [part for run in rows for part in _wrapped_lines(sub, run, own, settings)]
            for a, b in rows:  # half-open
                if b - 1 - a < floor:
                    continue
                profile = sub[a:b].sum(axis=0) > 0
                # a row grid's cell spans every column: its line is cut where the columns part
                split = gr.n_cols == 1 and len(gr.cells) > 1
                # … and a line printed with its characters spread (收      入) at the blank between
                # them: read whole, the recogniser reads a character into the blank (收国入)
                gap = int((settings.line_split_gap_h if split else settings.cell_spaced_gap_h) * (b - a))
                runs = ink_ops.ink_runs(profile, gap=gap)
                if not split:  # a wall's rule left a sliver beside the print: no print of the line
                    runs = _without_wall_slivers(runs, b - a, len(profile), near, settings)
                if (
                    not split
                    and runs
                    and min(cb - ca for ca, cb in runs) < settings.cell_spaced_piece_h * (b - a)
                ):
                    # a piece narrower than a character is a stroke or a rule's remnant, no
                    # character printed spread
                    runs = [(runs[0][0], runs[-1][1])]
                ya, yb = max(0, y0 + a - pad), min(clean.shape[0], y0 + b + pad)
                if same_scale:
                    # … and the noise beside a line's print stretches its crop (四合计: 合计 read
                    # with the noise left of it): each crop runs from its print's first to last
                    # column, a wall's sliver the noise joined to the print left out
                    dark = clean[y0 + a : y0 + b, x0 : x0 + len(profile)] < faint
                    runs = _dark_spans(dark, runs, gap, near if not split else -1.0, settings)
                for ca, cb in runs:
                    xa, xb = max(0, x0 + ca - pad), min(clean.shape[1], x0 + cb + pad)
                    boxes.append((float(xa), float(ya), float(xb), float(yb)))
    return boxes


def _without_wall_slivers(
    runs: list[tuple[int, int]], high: int, wide: int, near: float, settings: TableSettings
) -> list[tuple[int, int]]:
    """A cell line's pieces (``runs`` of its ink columns, ``wide`` of them; the line ``high`` rows)
    without the slivers a wall's rule left beside its print: a piece ``orient_rule_piece_ratio``
    times thinner than the line is high, within ``near`` (the grid's snap tolerance) of the cell's
    left or right side, is no character when the line prints something else (read with the lone
    0 beside it, the sliver and the paper's noise between were read as 1 -s0- 0)."""
    sliver = [
        (ca, cb)
        for ca, cb in runs
        if (cb - ca) * settings.orient_rule_piece_ratio <= high and (ca <= near or cb >= wide - near)
    ]
    rest = [r for r in runs if r not in sliver]
    return rest if sliver and rest else runs


def _dark_spans(
    dark: np.ndarray, runs: list[tuple[int, int]], gap: int, near: float, settings: TableSettings
) -> list[tuple[int, int]]:
    """The columns (half-open, in the cell's inside) each of a line's crops runs over: from its
    ink run's (``runs``) first to last column of print darker than the noise (``dark``: the line's
    rows across the cell's inside), runs with no such print dropped, and a wall's sliver standing
    ``gap`` or more from every other print of the line left out (``_without_wall_slivers``;
    ``near`` < 0: no wall beside the line). The scan's speckle joins a sliver of the cell's wall to
    the print (one ink run across the cell, or a run of its own as wide as a character): cut from
    the sliver, a crop of blank paper is read as characters (发限本年支出 for 本年支出, I 1,548,033).
    A sliver touching the inside's left edge is the wall's even when the line prints nothing else
    (a tall header cell's line of speckle beside it read I, [ or ] under 项目): print is set
    against a cell's right wall (amounts), never against its left."""
    high, wide = dark.shape
    columns = dark.any(axis=0)
    pieces = [[(ca + p, ca + q) for p, q in ink_ops.ink_runs(columns[ca:cb], gap=gap)] for ca, cb in runs]
    if near >= 0.0:
        pieces = [[p for p in run if not _left_sliver(p, high, settings)] for run in pieces]
    kept = set(_without_wall_slivers([p for run in pieces for p in run], high, wide, near, settings))
    spans = [[p for p in run if p in kept] for run in pieces]
    return [(run[0][0], run[-1][1]) for run in spans if run]


def _left_sliver(piece: tuple[int, int], high: int, settings: TableSettings) -> bool:
    """A piece of a line's print ``high`` rows high that starts at the cell's inside's left edge and is
    ``orient_rule_piece_ratio`` times thinner than the line is high: the left wall's remnant."""
    return piece[0] == 0 and (piece[1] - piece[0]) * settings.orient_rule_piece_ratio <= high


def _noise_level(clean: np.ndarray, settings: TableSettings) -> float:
    """The grey above which a scan's pixel is the paper's noise, not print: ``faint_ink_levels``
    below the paper's median grey."""
    return float(np.median(clean[::4, ::4])) - settings.faint_ink_levels


def _unread_print(
    blank: list[tuple[float, float, float, float]], grid: Grid, scale: float, settings: TableSettings
) -> list[tuple[float, float, float, float]]:
    """The crops of ``blank`` (cell lines read as nothing) inside ``grid`` whose print is a
    character's size: ``cell_line_min_pt`` high at least and half as wide as high (a rule's remnant
    is a sliver). Such print is a character the recogniser could not read (the 11 of 21011 at 150
    dpi, two thin strokes): its row is doubted, not read as though nothing were printed there."""
    pad = max(settings.cell_pad_min_px, int(settings.cell_pad_pt * scale))
    x0, y0, x1, y1 = grid.box
    out = []
    for b in blank:
        w, h = b[2] - b[0] - 2 * pad, b[3] - b[1] - 2 * pad
        inside = x0 <= (b[0] + b[2]) / 2 <= x1 and y0 <= (b[1] + b[3]) / 2 <= y1
        if inside and h >= settings.cell_line_min_pt * scale and w >= 0.5 * h:
            out.append(b)
    return out


def _uncut_lines(grid: Grid, clean: np.ndarray, scale: float, settings: TableSettings) -> dict[int, int]:
    """The words of ``grid``'s cells (by id) whose line crop holds print ``cell_wrapped_h`` × the
    grid's line height or higher (lines ``_wrapped_lines`` found no row to cut apart), with that
    height: the rows between the crop's first and last row of ``cell_uncut_row_px`` pixels darker than
    ``faint_ink_levels`` below the paper (the scan's noise stretches a run of ink, a rule's remnant
    is a pixel or two wide: neither is print); the line height is the median of the grid's crops so
    measured (``cell_uncut_min_lines`` of them at least). A crop is measured inside its pad (the pad
    reaches into the next line of a cell cut apart)."""
    faint = _noise_level(clean, settings)
    pad = max(settings.cell_pad_min_px, int(settings.cell_pad_pt * scale))
    heights: dict[int, int] = {}
    for gc in grid.cells:
        for w in gc.words:
            x0, y0, x1, y1 = (int(v) for v in w.box)
            y0, y1 = y0 + pad, max(y0 + pad, y1 - pad)
            rows = np.flatnonzero((clean[y0:y1, x0:x1] < faint).sum(axis=1) >= settings.cell_uncut_row_px)
            if rows.size:
                heights[id(w)] = int(rows[-1] - rows[0] + 1)
    if len(heights) < settings.cell_uncut_min_lines:
        return {}
    line = float(np.median(list(heights.values())))
    return {k: h for k, h in heights.items() if h >= settings.cell_wrapped_h * line}


def _wrapped_lines(
    sub: np.ndarray, run: tuple[int, int], own: float, settings: TableSettings
) -> list[tuple[int, int]]:
    """A cell's text line ``run`` (rows of ``sub``, half-open) as the lines it holds: a wrapped label
    set close (部门预算支出经济分类 over 科目, one blank pixel row or two between them, fewer than
    ``cell_line_gap_pt``) is two lines where the run is ``cell_wrapped_h`` × the table's print
    height ``own`` or higher and one blank row cuts it into two pieces, each a line's height
    (``cell_wrapped_piece_h`` × ``own``); read as one crop, the recogniser reads its upper line only.
    Lines touching (no blank row between them: 一般公共预 over 算收入 at 150 dpi) are cut at the
    run's sparsest row between a line's height from either end, where that row holds at most
    ``cell_wrapped_valley`` × the run's median row of ink (a valley no line of print has inside it);
    each piece as high again is cut the same way (three lines)."""
    a, b = run
    if b - a < settings.cell_wrapped_h * own:
        return [run]
    pieces = ink_ops.ink_runs(sub[a:b].sum(axis=1) > 255 * 1, gap=1)
    if len(pieces) == 2 and all(y - x >= settings.cell_wrapped_piece_h * own for x, y in pieces):
        return [part for x, y in pieces for part in _wrapped_lines(sub, (a + x, a + y), own, settings)]
    rows = (sub[a:b] > 0).sum(axis=1)
    low = int(np.ceil(settings.cell_wrapped_piece_h * own))
    if b - a - 2 * low < 1:
        return [run]
    cut = low + int(np.argmin(rows[low : b - a - low]))
    if rows[cut] > settings.cell_wrapped_valley * float(np.median(rows)):
        return [run]
    upper = ink_ops.ink_runs(rows[:cut] > 0, gap=len(rows))
    lower = ink_ops.ink_runs(rows[cut + 1 :] > 0, gap=len(rows))
    if not upper or not lower:
        return [run]
    (ua, ub), (la, lb) = upper[0], lower[0]
    return _wrapped_lines(sub, (a + ua, a + ub), own, settings) + _wrapped_lines(
        sub, (a + cut + 1 + la, a + cut + 1 + lb), own, settings
    )


def _recognise(
    clean: np.ndarray,
    boxes: list[tuple[float, float, float, float]],
    crops: CropReader,
    unread: list[tuple[float, float, float, float]] | None = None,
) -> list[Word]:
    """Each box, one text line (tight in height), cut from ``clean`` and recognised (one batch) as
    a line crop, which the engine may fit to part of its frame (``RapidEngine.crops``; a whole
    cell's crop is not one); boxes read as nothing are dropped (and added to ``unread``)."""
    images = [clean[int(b[1]) : int(b[3]), int(b[0]) : int(b[2])] for b in boxes]
    readings = crops(images, line_crops=True)
    if unread is not None:
        unread.extend(b for found, b in zip(readings, boxes, strict=False) if not found[0])
    return _words_of(readings, boxes)


def _words_of(
    readings: list[tuple[str, float]], boxes: list[tuple[float, float, float, float]], min_score: float = 0.0
) -> list[Word]:
    """One word per box from its recognised reading (text, confidence, and the amount reading and
    least sure character a reading may carry); boxes read as nothing, or below ``min_score``, are
    dropped."""
    return [
        Word(text, box, conf, amount=getattr(found, "amount", None), low=getattr(found, "low", None))
        for found, box in zip(readings, boxes, strict=False)
        if (text := found[0]) and (conf := found[1]) >= min_score
    ]


def _line_words(
    clean: np.ndarray,
    ink: np.ndarray,
    lines: np.ndarray,
    grids: list[Grid],
    read: list[Grid],
    printed: dict[int, float],
    scale: float,
    crops: CropReader,
    settings: TableSettings,
    unread: list[tuple[float, float, float, float]] | None = None,
) -> list[Word]:
    """Every text on the page without a text detector: ruled cells line by line, everything else
    (titles, units, notes, borderless tables) as XY-cut pieces of the ink; one recognition batch;
    the cells' lines read as nothing are added to ``unread``.
    ``read``: the grids whose cells are read here (the others are read from a finer file's pixels).
    ``lines``: the ruling pixels removed; ink touching them is the rules' ragged edge, no text (a
    one-pixel sliver along a table's top rule, recognised, costs as much as a line of text)."""
    import cv2

    cells = _cell_lines(clean, ink, read, printed, scale, settings)
    paper = float(np.median(clean[::4, ::4]))
    rest = np.where(clean < paper - settings.faint_ink_levels, ink, 0).astype(
        np.uint8
    )  # faint noise is no text
    _paint(rest, grids, 0, margin=2)
    rest[cv2.dilate(lines.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0] = 0
    ch = ink_ops.ink_char_height(rest if not grids else ink, scale, settings)
    pad = max(settings.line_pad_min_px, int(settings.line_pad_ch * ch))
    others = [
        (
            max(0.0, b[0] - pad),
            max(0.0, b[1] - pad),
            min(clean.shape[1], b[2] + pad),
            min(clean.shape[0], b[3] + pad),
        )
        for b in ink_ops.text_boxes(rest, ch, settings=settings)
    ]
    empty: list[tuple[float, float, float, float]] = []
    words = _recognise(clean, cells + others, crops, empty)
    if unread is not None:
        in_cells = set(cells)
        unread.extend(b for b in empty if b in in_cells)
    return [w for w in words if w.confidence >= LINE_MIN_SCORE or _in_any(w, grids)]


def _small_words(
    clean: np.ndarray,
    ink: np.ndarray,
    small: list[Grid],
    printed: dict[int, float],
    scale: float,
    crops: Callable[[list[np.ndarray]], list[tuple[str, float]]],
    settings: TableSettings,
) -> list[Word]:
    """The cells of tables in small print (``small``) on a file no finer than the layout reads:
    their lines cut as usual, each as wide as its cell's inside, and read from the page's own
    pixels as they are and enlarged (``extract.smallprint.read_small``)."""
    boxes = cell_wide(_cell_lines(clean, ink, small, printed, scale, settings), small, scale, settings)
    images = [clean[int(b[1]) : int(b[3]), int(b[0]) : int(b[2])] for b in boxes]
    readings, alternatives = read_small(images, crops, settings)
    return [
        replace(w, alternatives=tuple(alts))
        for found, alts, box in zip(readings, alternatives, boxes, strict=True)
        for w in _words_of([found], [box])
    ]


def _reread_small(
    words: list[Word],
    full: np.ndarray,
    f: float,
    angle: float,
    lines: np.ndarray,
    ink: np.ndarray,
    small: list[Grid],
    printed: dict[int, float],
    scale: float,
    crops: Callable[[list[np.ndarray]], list[tuple[str, float]]],
    settings: TableSettings,
) -> tuple[list[Word], set[int]]:
    """A file scanned finer than the layout reads (``f`` < 1: its pixels per layout pixel) keeps
    its tables in small print (``small``: print lower than ``small_print_reread_px``) readable:
    their cells' lines are cut as usual, then recognised from the file's own pixels (deskewed by
    ``angle``, rulings ``lines`` removed) — not at the layout's scale as well. Returns the words
    and the ids of the grids read so."""
    import cv2

    page = ink_ops.rotate(full, angle) if abs(angle) >= settings.deskew_min_angle else full.copy()
    ruled = cv2.resize(
        lines.astype(np.uint8), (page.shape[1], page.shape[0]), interpolation=cv2.INTER_NEAREST
    )
    grow = max(1, int(round(1.0 / f)))
    page[cv2.dilate(ruled, np.ones((grow, grow), np.uint8)) > 0] = 255
    # each line as wide as its cell's inside: a faint minus sign or bracket left of the digits, lost
    # by the ink at the layout's scale, is in the file's pixels
    boxes = cell_wide(_cell_lines(page, ink, small, printed, scale, settings), small, scale, settings)
    images = [page[int(b[1] / f) : int(b[3] / f), int(b[0] / f) : int(b[2] / f)] for b in boxes]
    again = _words_of(crops(images), boxes)
    kept = [w for w in words if not _in_any(w, small)]
    return kept + again, {id(gr) for gr in small}
