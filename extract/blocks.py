"""Borderless table regions: runs of text lines with several phrases (a multi-column region),
with the wrapped cells and one-cell rows around them, bounded by the label, title and unit lines
between tables; and a region's text lines merged into table rows."""

from __future__ import annotations

import re

from extract.grid import Block
from extract.indicator_words import starts_project_block
from extract.numbers import is_amount
from extract.settings import TABLE_SETTINGS, TableSettings
from extract.words import Box, Word, extent, in_box, phrases, text_lines


def find_blocks(
    words: list[Word],
    char_h: float,
    exclude: list[Box] = (),  # type: ignore[assignment]
    settings: TableSettings = TABLE_SETTINGS,
) -> list[Block]:
    """Runs of text lines with two or more phrases (a multi-column region) outside ``exclude``,
    with the single-phrase lines inside and right below them (wrapped cells, rows with one cell)."""
    free = [w for w in words if not any(in_box(b, w.cx, w.cy) for b in exclude)]
    lines = text_lines(free)
    gap = settings.block_phrase_gap_ch * char_h
    multi = [len(phrases(ln, gap)) >= 2 and not _is_note(ln) for ln in lines]
    blocks: list[Block] = []
    reach = settings.block_reach_ch * char_h
    margin = settings.region_margin_ch * char_h  # lines this close to a region's sides
    narrow_at = settings.narrow_line_ratio
    slack = settings.row_gap_slack
    # a wrapped cell's lines are narrow next to the page's tables; a paragraph spans the page
    px0 = min((w.box[0] for w in free), default=0.0)
    px1 = max((w.box[2] for w in free), default=0.0)
    multi_words = [w for ln, m in zip(lines, multi, strict=True) if m for w in ln]
    page_w = (max(w.box[2] for w in multi_words) - min(w.box[0] for w in multi_words)) if multi_words else 0.0

    def top(k: int) -> float:
        return min(w.box[1] for w in lines[k])

    def bottom(k: int) -> float:
        return max(w.box[3] for w in lines[k])

    def width(k: int) -> float:
        return max(w.box[2] for w in lines[k]) - min(w.box[0] for w in lines[k])

    def row_gap(i: int, j: int) -> float:  # the block's spacing between rows (not wrapped lines)
        gaps = sorted(
            g for g in (top(m + 1) - bottom(m) for m in range(i, j)) if g >= settings.row_gap_min_ch * char_h
        )
        return gaps[len(gaps) // 2] if gaps else settings.row_gap_default_ch * char_h

    def inside(k: int, x0: float, x1: float, gap: float) -> bool:  # within the block, or a narrow
        a, b = min(w.box[0] for w in lines[k]), max(w.box[2] for w in lines[k])  # cell of a row
        if a >= x0 - margin and b <= x1 + margin:  # one row down, left of what the page shows
            return True
        return (
            a >= px0 - margin
            and b <= px1 + margin
            and width(k) <= narrow_at * page_w
            and top(k) - bottom(k - 1) <= slack * gap
        )

    def rows_height(i: int, j: int) -> float:  # a title is larger than the region's own rows: a table
        hs = sorted(min(w.height for w in lines[m]) for m in range(i, j + 1) if multi[m])  # printed
        return max(char_h, hs[len(hs) // 2]) if hs else char_h  # larger than the page's text has them

    def amount_row(
        k: int, i: int, j: int, x0: float, x1: float, gap: float
    ) -> bool:  # a row whose cells print close
        # together (a long name against its amount, a brief running past its header) is one phrase:
        # it is a row when it starts inside the block, is spaced as its rows, and prints an amount
        # right-aligned under one of theirs (the amount column)
        a = min(w.box[0] for w in lines[k])
        edges = [w.box[2] for m in range(i, j + 1) for w in lines[m] if is_amount(w.text)]
        return (
            x0 - margin <= a <= x1
            and top(k) - bottom(k - 1) <= slack * gap
            and any(is_amount(w.text) and any(abs(w.box[2] - e) <= margin for e in edges) for w in lines[k])
        )

    def near(k: int) -> bool:  # line k starts close below line k-1
        return min(w.box[1] for w in lines[k]) - max(w.box[3] for w in lines[k - 1]) <= reach

    i = start = 0  # lines before ``start`` belong to the block above
    while i < len(lines):
        if not multi[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and near(j + 1):  # multi-phrase lines and short single-phrase runs
            if multi[j + 1]:
                j += 1
                continue
            k = j + 1
            while k < len(lines) and not multi[k] and near(k):
                k += 1
            if any(_is_barrier(lines[m], rows_height(i, j), settings) for m in range(j + 1, k)):
                break  # a table's label, title or unit line starts another table
            x0 = min(w.box[0] for ln in lines[i : j + 1] for w in ln)
            x1 = max(w.box[2] for ln in lines[i : j + 1] for w in ln)
            narrow = all(  # wrapped cell text stays inside one column; a paragraph spans the page
                width(m) <= narrow_at * max(x1 - x0, page_w) for m in range(j + 1, k)
            )
            if k < len(lines) and multi[k] and near(k) and (k - j <= settings.short_run_lines or narrow):
                j = k
                continue
            break
        x0 = min(w.box[0] for ln in lines[i : j + 1] for w in ln)
        x1 = max(w.box[2] for ln in lines[i : j + 1] for w in ln)
        rows_h = rows_height(i, j)
        while (  # trailing rows with one cell: wrapped text, lone amounts (table ends at a page end)
            j + 1 < len(lines)
            and near(j + 1)
            and not multi[j + 1]
            and not _is_note(lines[j + 1])
            and not _is_barrier(lines[j + 1], rows_h, settings)
            and not _is_page_number(lines[j + 1], x0, x1, settings)
            and (inside(j + 1, x0, x1, row_gap(i, j)) or amount_row(j + 1, i, j, x0, x1, row_gap(i, j)))
        ):
            j += 1
        while (  # spanning header cells above the first multi-phrase line (收入 over 项目 预算数)
            i > start
            and not multi[i - 1]
            and not _is_barrier(lines[i - 1], rows_h, settings)
            and min(w.box[1] for w in lines[i]) - max(w.box[3] for w in lines[i - 1])
            <= settings.header_above_ch * char_h
            and min(w.box[0] for w in lines[i - 1]) >= x0 - margin
            and max(w.box[2] for w in lines[i - 1]) <= x1 + margin
            and width(i - 1) <= narrow_at * max(x1 - x0, page_w)
        ):
            i -= 1
        starts = [p[0].box[0] for m in range(i, j + 1) for p in phrases(lines[m], gap)]
        while (  # rows of one cell above, spaced as the rows below and starting where a column does
            i > start
            and not multi[i - 1]
            and not _is_barrier(lines[i - 1], rows_h, settings)
            and not _is_note(lines[i - 1])
            and top(i) - bottom(i - 1) <= slack * row_gap(i, j)  # overlapping: one row
            and width(i - 1) <= narrow_at * max(x1 - x0, page_w)
            and any(abs(lines[i - 1][0].box[0] - x) <= settings.header_indent_ch * char_h for x in starts)
        ):
            i -= 1
        rows = merge_wrapped(lines[i : j + 1], char_h, settings)
        # one row is no table, but the first line of a page printing three cells or more is the
        # last row of the table on the page before (a page end cut it off)
        spilled = i == 0 and j == 0 and len(phrases(lines[0], gap)) >= settings.spilled_row_cells
        for part in _project_parts(rows, char_h, settings):
            # … and a project block's first row is one: a page end cut the block after it, and
            # the next page's rows go on with its project
            if len(part) >= 2 or spilled or (part and _opens_project(part[0], char_h, settings)):
                blocks.append(Block(part, extent([w for ln in part for w in ln])))
        i = start = j + 1
    return blocks


def _opens_project(row: list[Word], char_h: float, settings: TableSettings) -> bool:
    """Does a row open a performance table's project block (项目名称 beside a name)?"""
    gap = settings.phrase_gap_ch * char_h
    return starts_project_block(
        ["".join(w.text for w in p) for p in phrases(sorted(row, key=lambda w: w.box[0]), gap)]
    )


def _project_parts(rows: list[list[Word]], char_h: float, settings: TableSettings) -> list[list[list[Word]]]:
    """A region's rows cut where a performance table's project block starts (项目名称 beside a
    name): the next project's table, printed right below the last one's indicators."""
    parts: list[list[list[Word]]] = [[]]
    for r, row in enumerate(rows):
        if r > 0 and _opens_project(row, char_h, settings):
            parts.append([])
        parts[-1].append(row)
    return parts


def _is_page_number(line: list[Word], x0: float, x1: float, settings: TableSettings) -> bool:
    text = "".join(w.text for w in line)
    if not re.fullmatch(r"[-—–一\s]*(第\s*)?\d{1,4}\s*(页)?[-—–一\s]*", text):
        return False
    cx = (min(w.box[0] for w in line) + max(w.box[2] for w in line)) / 2
    return abs(cx - (x0 + x1) / 2) < settings.page_number_centre_ratio * (x1 - x0) or bool(
        re.search(r"[-—–一页第]", text)
    )


_LABEL = re.compile(r"^\s*(附)?表\s*[0-9一二三四五六七八九十]+(-\d+)?\s*$")


def _is_barrier(line: list[Word], char_h: float, settings: TableSettings) -> bool:
    """A line that stands between two tables: a table label (表2), a unit line (单位：元), or a
    title in a larger font."""
    text = "".join(w.text for w in line)
    if _LABEL.match(text) or _is_note(line):
        return True
    return _larger_font(line, char_h, settings)


def is_heading_line(line: list[Word], char_h: float, settings: TableSettings = TABLE_SETTINGS) -> bool:
    """A table's label (表2), unit line (单位：元) or a title in a larger font."""
    text = "".join(w.text for w in line)
    if _LABEL.match(text) or find_unit_text(text):
        return True
    return _larger_font(line, char_h, settings)


def _larger_font(line: list[Word], char_h: float, settings: TableSettings) -> bool:
    """A short line printed larger than the body text (a title)."""
    return (
        len(line) <= settings.heading_max_words
        and min(w.height for w in line) >= settings.heading_size_ratio * char_h
    )


def _is_note(line: list[Word]) -> bool:
    text = "".join(w.text for w in line)
    return bool(re.match(r"^\s*(注|说明|备注)\s*[:：]", text)) or bool(find_unit_text(text))


def find_unit_text(text: str) -> str:
    from extract.numbers import find_unit

    return find_unit(text)


def merge_wrapped(
    lines: list[list[Word]], char_h: float, settings: TableSettings = TABLE_SETTINGS
) -> list[list[Word]]:
    """Text lines → table rows: a line overlapping the row above (a number centred beside wrapped
    text) or closer to it than the table's row gap (a wrapped cell's next line) continues that row.

    The row gap comes from the block's own vertical gaps: when they fall into two groups (the
    small line spacing inside wrapped cells, the large spacing between rows), the cut is between
    them; when they do not, only overlapping lines are merged."""
    if len(lines) < 2:
        return [list(ln) for ln in lines]
    spans = [(min(w.box[1] for w in ln), max(w.box[3] for w in ln)) for ln in lines]
    thr = _row_gap(
        [max(0.0, spans[i + 1][0] - spans[i][1]) for i in range(len(spans) - 1)],
        char_h,
        settings,
    )
    alone = _spanning_labels(lines, spans, max(thr, settings.row_gap_min_ch * char_h), char_h, settings)
    rows: list[list[Word]] = [list(lines[0])]
    bottom = spans[0][1]
    for k, (ln, (top, bot)) in enumerate(zip(lines[1:], spans[1:], strict=True), 1):
        if top - bottom < thr and not alone[k] and not alone[k - 1]:
            rows[-1].extend(ln)
            bottom = max(bottom, bot)
        else:
            rows.append(list(ln))
            bottom = bot
    return rows


def _spanning_labels(
    lines: list[list[Word]],
    spans: list[tuple[float, float]],
    row_gap: float,
    char_h: float,
    settings: TableSettings,
) -> list[bool]:
    """Lines that are the label of a merged cell spanning two rows, printed centred between them
    (a borderless table's 产出指标 beside two indicator rows): one phrase between two rows, none of
    which, nor the lines beyond them, prints anything in its columns (a wrapped cell's next line
    lies under the cell's first line; this lies where its rows leave the column empty). Such a
    line is a row of its own and joins neither neighbour. The lines around it are two rows when
    each prints several phrases, or when they stand a row gap (``row_gap``) apart without it
    (rows of one cell, 指标2： or ……, beside a label; a wrapped cell's lines stand closer, with
    its row's other cells centred between them). Two merged cells side by side centred on the
    same two rows (产出指标 | 质量指标) print one line of several phrases: it is such a line when
    the lines around it are two rows a row gap apart and all of it stands left of their text (the
    group labels of a table's first columns; a row's own cells centred beside its wrapped ones
    lie between lines of one cell, a line's spacing apart)."""
    gap = settings.phrase_gap_ch * char_h
    cut = [phrases(ln, gap) for ln in lines]
    out = [False] * len(lines)
    for k in range(1, len(lines) - 1):
        rows_apart = spans[k + 1][0] - spans[k - 1][1] >= row_gap
        several = len(cut[k - 1]) >= 2 and len(cut[k + 1]) >= 2
        if not rows_apart and not several:
            continue
        box = (min(w.box[0] for w in lines[k]), max(w.box[2] for w in lines[k]))
        if len(cut[k]) > 1 and (
            not rows_apart or box[1] > min(w.box[0] for m in (k - 1, k + 1) for w in lines[m])
        ):
            continue
        # a cell wrapped over three lines beside a centred row: its first or last line looks
        # the same, but the cell's other line lies beyond the row in the same column (alone; or,
        # beside rows of one cell, with the row's centred cells)
        beyond = [m for m in (k - 2, k + 2) if 0 <= m < len(lines) and (len(cut[m]) == 1 or not several)]
        if not any(_overlaps(lines[m], box) for m in (k - 1, k + 1, *beyond)):
            out[k] = True
    return out


def _overlaps(line: list[Word], span: tuple[float, float]) -> bool:
    return any(w.box[0] < span[1] and w.box[2] > span[0] for w in line)


def _row_gap(gaps: list[float], char_h: float, settings: TableSettings) -> float:
    """The smallest vertical gap that separates two rows (see ``merge_wrapped``)."""
    vals = sorted(gaps)
    best, cut = 0.0, settings.wrap_cut_ch * char_h
    for lo, hi in zip(vals, vals[1:], strict=False):
        if lo > settings.wrap_gap_max_ch * char_h or hi < settings.wrap_row_min_ch * char_h:
            continue
        ratio = (hi + 1.0) / (lo + 1.0)
        if ratio >= settings.wrap_ratio and ratio > best:
            best, cut = ratio, (lo + hi) / 2
    return cut
