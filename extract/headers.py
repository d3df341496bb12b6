"""Header rows of text tables: how many there are, and which columns each header cell spans.

Conventions (the shape parsers in ``extract.tsv``, ``extract.cellperline`` and
``extract.aligned`` follow them; ``Table.columns()`` reads the result):

* ``header_rows`` = the rows before the first data row. A data row holds an amount
  (``1,704,000.00``, ``4996.92``) or a classification code such as ``2080505`` (a
  header row may name a 合计 column, so the word alone does not make a data row). A
  column-number row (``栏次 1 2 3 …`` or ``甲 乙 1 2 …``) is part
  of the header; ``Table.columns()`` leaves it out of the column names. A table with no
  data row: the header ends after its column-number row if it has one, else after the
  first row of full width (so an empty table's blank rows are body rows).
* Performance-target tables (绩效目标表: a row holds 一级指标 / 二级指标 / 三级指标):
  ``header_rows`` = index of the first row holding one of those labels + 1, i.e. the
  项目名称 / 主管部门 / 资金 / 年度目标 rows **and** the 一级指标…指标值 row are header;
  the indicator rows below are the body. The grid keeps every cell where the source put
  it (no spans are inferred for these tables), so a reader may search the grid itself
  for the 一级指标 row. ``Table.columns()`` of such a table is not meaningful.
* Merged header cells, two styles:

  - *padded* (tab-separated, space-aligned): every header row has one slot per column
    and a merged cell is followed by empty slots: ``收 入\\t\\t支 出\\t\\t\\t\\t\\t`` over
    eight named columns gives 收入 colspan 2 and 支出 colspan 6 (``spread_header``);
  - *ragged* (word-processor cell-per-line exports): an upper header row has fewer cells
    than the row below. An empty lower cell is a vertical merge with its upper cell
    (the upper cell gets ``rowspan`` 2 and the empty lower cell is dropped); a run of
    non-empty lower cells belongs to one upper cell. When there are fewer groups than
    upper cells a run is split: at a repeated label (项目 预算数 项目 预算数: before the
    first label's repeat, else after the first occurrence of a label that repeats later,
    项目 预算数 | 支出功能分类科目 预算数 …), else where labels switch from names (编码/名称/项目/科目) to amounts, else evenly
    (``stack_header``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extract.numbers import parse_amount
from extract.vocabulary import (
    compact,
    indicator_header_index,
    is_column_number_row,
)

_DESCRIPTOR = re.compile(r"(?:编码|代码|编号|名称|项目|科目|类|款|项|单位)$")


def is_performance_grid(rows: list[list[str]]) -> bool:
    return indicator_header_index(rows) is not None


def is_data_row(cells: list[str]) -> bool:
    """A body row: it prints an amount or a code (but is not a column-number row)."""
    texts = [compact(c) for c in cells]
    nonempty = [t for t in texts if t]
    if not nonempty:
        return False
    if is_column_number_row(cells):
        return False
    return any(parse_amount(t) is not None for t in nonempty)


def count_header_rows(rows: list[list[str]]) -> int:
    """How many of ``rows`` (cell texts) are header rows; see the module docstring."""
    if not rows:
        return 0
    k = indicator_header_index(rows)
    if k is not None:
        return k + 1
    for i, row in enumerate(rows):
        if is_data_row(row):
            return i
    for i in range(len(rows) - 1, -1, -1):
        if is_column_number_row(rows[i]):
            return i + 1
    widths = [len(r) for r in rows]
    width = max(widths)
    for i, w in enumerate(widths):
        if w == width:
            return min(i + 1, len(rows))
    return 1  # pragma: no cover - some row always has the maximum width


@dataclass
class Slot:
    """Where one source cell of a header row goes: grid column, spans."""

    src: int  # index of the cell in its source row
    col: int
    colspan: int = 1
    rowspan: int = 1
    dropped: bool = False  # an empty cell absorbed by a vertical merge


def spread_header(rows: list[list[str]]) -> list[list[Slot]]:
    """Padded header rows (one slot per column) → slots with colspan/rowspan.

    A non-empty cell followed by empty slots spans them while a lower header row has
    names there (the next row may be covered by a merge itself); a non-empty cell with nothing below it (down to the last header row)
    spans those rows. Empty cells are dropped. Column-number rows keep one slot per cell.
    """
    width = max((len(r) for r in rows), default=0)
    grid = [[(r[c] if c < len(r) else "") for c in range(width)] for r in rows]
    named = [i for i, r in enumerate(rows) if not is_column_number_row(r)]
    out: list[list[Slot]] = []
    for i, row in enumerate(grid):
        slots: list[Slot] = []
        if i not in named:
            out.append([Slot(c, c) for c in range(width) if row[c].strip()])
            continue
        below = [j for j in named if j > i]
        nxt = below[0] if below else None
        for c in range(width):
            if not row[c].strip():
                continue
            span = 1
            if nxt is not None:
                # an empty slot is covered while a lower header row names something there (the
                # next row may itself be covered by a merge: 公务用车购置及运行费 over two leaves)
                while (
                    c + span < width
                    and not row[c + span].strip()
                    and any(grid[j][c + span].strip() for j in below)
                ):
                    span += 1
            rowspan = 1
            if span == 1:
                for j in below:
                    if grid[j][c].strip():
                        break
                    rowspan = j - i + 1
            slots.append(Slot(c, c, span, rowspan))
        out.append(slots)
    return out


def _is_descriptor(text: str) -> bool:
    return bool(_DESCRIPTOR.search(compact(text)))


def _split_points(texts: list[str]) -> list[tuple[int, int]]:
    """Candidate (score, position) splits inside one run of lower header labels."""
    cands: list[tuple[int, int]] = []
    first = compact(texts[0])
    for k in range(1, len(texts)):
        if compact(texts[k]) == first:
            cands.append((3, k))
            break
    else:
        # item | 预算数 | item | 预算数 …: a group ends after the first label that repeats later
        squashed = [compact(t) for t in texts]
        for k in range(1, len(texts) - 1):
            if squashed[k - 1] in squashed[k:] and not _is_descriptor(texts[k - 1]):
                cands.append((3, k))
                break
    for k in range(1, len(texts)):
        if _is_descriptor(texts[k - 1]) and not _is_descriptor(texts[k]):
            cands.append((2, k))
            break
    cands.append((1, len(texts) // 2))
    return cands


def _stack_onto(upper: list[str], lower_slots: list[Slot], lower_texts: list[str]) -> list[Slot]:
    """Map the cells of a shorter upper row onto the (already placed) lower row."""
    live = [s for s in lower_slots if not s.dropped]
    groups: list[list[Slot]] = []
    for s in live:
        empty = not lower_texts[s.src].strip()
        if empty or not groups or not lower_texts[groups[-1][-1].src].strip():
            groups.append([s])
        else:
            groups[-1].append(s)
    need = len(upper)
    while len(groups) < need:
        best: tuple[int, int, int] | None = None  # (score, group length, group index) → position
        best_pos = 0
        for gi, g in enumerate(groups):
            if len(g) < 2 or not lower_texts[g[0].src].strip():
                continue
            for score, pos in _split_points([lower_texts[s.src] for s in g]):
                key = (score, len(g), -gi)
                if best is None or key > best:
                    best, best_pos = key, pos
                break  # the best candidate of this group comes first
        if best is None:
            break
        gi = -best[2]
        g = groups[gi]
        groups[gi : gi + 1] = [g[:best_pos], g[best_pos:]]
    if len(groups) != need:
        # No consistent grouping: spread the upper cells evenly over the lower slots.
        n = len(live)
        groups = []
        for i in range(need):
            a, b = (i * n) // need, ((i + 1) * n) // need
            groups.append(live[a : max(b, a + 1)] if a < n else [])
    out: list[Slot] = []
    for i, g in enumerate(groups):
        if not g:
            continue
        col = min(s.col for s in g)
        end = max(s.col + s.colspan for s in g)
        slot = Slot(i, col, end - col, 1)
        if len(g) == 1 and not lower_texts[g[0].src].strip() and upper[i].strip():
            slot.rowspan = 1 + g[0].rowspan
            g[0].dropped = True
        out.append(slot)
    return out


def stack_header(rows: list[list[str]]) -> list[list[Slot]]:
    """Ragged header rows (upper rows have fewer cells) → slots; see the module docstring.

    Returns one list of slots per row (dropped slots marked ``dropped``). Rows as wide
    as the widest row keep one column per cell.
    """
    if not rows:
        return []
    width = max(len(r) for r in rows)
    placed: list[list[Slot]] = [[] for _ in rows]
    for i in range(len(rows) - 1, -1, -1):
        row = rows[i]
        if len(row) >= width or i == len(rows) - 1 or is_column_number_row(row):
            placed[i] = [Slot(j, j) for j in range(len(row))]
            continue
        j = i + 1
        while j < len(rows) - 1 and is_column_number_row(rows[j]):
            j += 1
        placed[i] = _stack_onto(row, placed[j], rows[j])
    return placed


def increasing_columns(cost: Sequence[Sequence[float]]) -> list[int]:
    """A strictly increasing column for each of a row's cells, minimising the summed cost;
    ``cost[i][c]`` is the cost of putting cell ``i`` in column ``c`` (dynamic programme)."""
    n, k = len(cost), len(cost[0])
    inf = float("inf")
    best = [[inf] * k for _ in range(n)]
    back = [[-1] * k for _ in range(n)]
    for c in range(k):
        best[0][c] = cost[0][c]
    for i in range(1, n):
        run, arg = inf, -1
        for c in range(k):
            if c > 0 and best[i - 1][c - 1] < run:
                run, arg = best[i - 1][c - 1], c - 1
            if arg >= 0:
                best[i][c] = run + cost[i][c]
                back[i][c] = arg
    c = min(range(k), key=lambda x: best[n - 1][x])
    out = [0] * n
    for i in range(n - 1, -1, -1):
        out[i] = c
        c = back[i][c]
    return out
