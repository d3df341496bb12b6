"""Body columns of a space-aligned table and the placement of a row's cells in them.

Columns come from the fullest rows (``body_columns``); any other row is aligned to them in order by
position, an amount never in a text column when another fit exists (``align_row``). A body filling
fewer columns than the header names is placed by the column boxes (``place_by_edges``) or, when order
and kind leave one placement, surely (``forced_placement``).
"""

from __future__ import annotations

import re

from extract.aligned.segments import Seg, is_text, seg_centre
from extract.codes import is_code
from extract.headers import increasing_columns
from extract.vocabulary import INDEX_HEADERS

MISMATCH = 200.0  # cost of an amount in a text column (or text in an amount column)


def align(a: list[float], b: list[float]) -> list[int]:
    """Monotone alignment of positions ``a`` onto positions ``b`` (len(a) <= len(b)):
    for each ``a[i]`` the index in ``b`` it matches, order kept, total distance minimal."""
    m, n = len(a), len(b)
    inf = float("inf")
    dp = [[inf] * (n + 1) for _ in range(m + 1)]
    for j in range(n + 1):
        dp[0][j] = 0.0
    for i in range(1, m + 1):
        for j in range(i, n + 1):
            dp[i][j] = min(dp[i][j - 1], dp[i - 1][j - 1] + abs(a[i - 1] - b[j - 1]))
    out = [0] * m
    i, j = m, n
    while i > 0:
        if j > i and dp[i][j] == dp[i][j - 1]:
            j -= 1
        else:
            out[i - 1] = j - 1
            i -= 1
            j -= 1
    return out


DESCRIPTOR_NAME = re.compile(rf"(?:编码|代码|名称|项目|科目|{'|'.join(INDEX_HEADERS)}|备注|说明|简介|内容)$")

MONEY_RE = re.compile(r"^-?[\d,]*\.\d+$|^-?\d{1,3}(?:,\d{3})+$")
_DECIMAL_RE = re.compile(r"^-?[\d,]*\.\d+$")  # an amount printed with its decimals: never a code


def _number_shape(seg: Seg) -> int:
    """What a numeric cell prints: 1 a classification code (30231), 2 an amount with decimals
    (6,811,700.00), 0 text or any other number (a bare 0 or 56 may sit among either)."""
    if is_text(seg):
        return 0
    if _DECIMAL_RE.match(seg.text):
        return 2
    return 1 if is_code(seg.text) else 0


def money_columns(body: list[list[Seg]], assign: list[list[int]], n: int) -> list[bool]:
    """Per body column: do most of its cells print money (decimals or thousands separators)?
    Codes and row numbers are bare integers."""
    votes = [[0, 0] for _ in range(n)]
    for row, cols in zip(body, assign, strict=True):
        for seg, c in zip(row, cols, strict=True):
            votes[c][0 if MONEY_RE.match(seg.text) else 1] += 1
    return [a > b for a, b in votes]


def body_columns(
    body: list[list[Seg]], naming: frozenset[int] = frozenset()
) -> tuple[list[tuple[int, int]], list[list[int]]]:
    """Columns of the body rows and, per row, the column of each of its cells.

    A progressive alignment: the fullest row gives a first model (position and kind —
    amount or text — of each column); every other row, fullest first, is aligned to the
    model in order, a cell matching a column of its kind near its position, or opening a
    new column where none fits (row 8 of a summary table prints its 支出 amount where
    row 1 printed nothing). A last pass places every row on the finished model.

    ``naming``: rows kept in the body that name columns rather than fill them (a performance
    table's 一级指标 … 分值 | 得分 row and the project fields above it): their text stands over
    columns of any kind, so a column they open takes its kind from the first other row that fills
    it, and their cells match a column by position alone.
    """
    order = sorted(range(len(body)), key=lambda i: -len(body[i]))
    model: list[
        list[float]
    ] = []  # per column: [sum of centres, count, numeric(1/0, -1 not known), number shape]

    def kind(seg: Seg, i: int) -> float:
        return -1.0 if i in naming else 0.0 if is_text(seg) else 1.0

    for i in order:
        row = body[i]
        if not model:
            model = [_model_column(seg, kind(seg, i)) for seg in row]
            continue
        for seg, col, new in _align_row(row, model, allow_new=True, any_kind=i in naming):
            if new:
                model.insert(col, _model_column(seg, kind(seg, i)))
            else:
                model[col][0] += seg_centre(seg)
                model[col][1] += 1
                if model[col][2] < 0 <= kind(seg, i):  # the first row that fills it gives its kind
                    model[col][2] = kind(seg, i)
                    model[col][3] = float(_number_shape(seg))
    assign = [
        [col for _, col, _ in _align_row(row, model, allow_new=False, any_kind=i in naming)]
        for i, row in enumerate(body)
    ]
    spans: list[list[int]] = [[10**9, -1] for _ in model]
    for row, cols in zip(body, assign, strict=True):
        for seg, c in zip(row, cols, strict=True):
            spans[c][0] = min(spans[c][0], seg.start)
            spans[c][1] = max(spans[c][1], seg.end)
    cols_out = []
    for c, (a, b) in enumerate(spans):
        if b < 0:  # a model column no row kept (cannot happen after the last pass; be safe)
            centre = model[c][0] / model[c][1]
            a, b = int(centre), int(centre) + 1
        cols_out.append((a, b))
    return cols_out, assign


_NEW_COLUMN = 30.0
# a code in a column of amounts with decimals (or such an amount in a column of codes): two column
# groups side by side (人员经费 code | name | amount beside 公用经费 code | name | amount) whose
# left group a page leaves empty but for its total's amount, near the right group's codes
_SHAPE_MISMATCH = _NEW_COLUMN


def _model_column(seg: Seg, kind: float) -> list[float]:
    """A new column's model, opened by ``seg`` of ``kind`` (-1: a naming row's cell, kind not known)."""
    return [seg_centre(seg), 1.0, kind, float(_number_shape(seg)) if kind >= 0 else 0.0]


def _align_row(
    row: list[Seg], model: list[list[float]], allow_new: bool, any_kind: bool = False
) -> list[tuple[Seg, int, bool]]:
    """Cells of ``row`` → (cell, column, opens a new column) in order, cheapest overall.

    Matching a column costs the distance to its mean position (an amount in a text
    column, or text in an amount column, costs ``MISMATCH`` more, unless ``any_kind``: a row
    naming the columns); opening a new column costs ``_NEW_COLUMN`` (where it stands between the
    columns by position); skipping a column (an empty cell) is free. A code matching a column
    opened by an amount with decimals, or the other way round, costs ``_SHAPE_MISMATCH`` more.
    """
    n, m = len(row), len(model)
    inf = float("inf")
    # best[i][j]: cheapest way to place the first i cells using the first j model columns
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    move: list[list[tuple[int, int, str] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    for j in range(m + 1):
        best[0][j] = 0.0
        move[0][j] = (0, j - 1, "skip") if j else None
    for i in range(1, n + 1):
        seg = row[i - 1]
        centre = seg_centre(seg)
        numeric = not is_text(seg)
        shape = _number_shape(seg)
        for j in range(m + 1):
            options: list[tuple[float, tuple[int, int, str]]] = []
            if j and best[i][j - 1] < inf:
                options.append((best[i][j - 1], (i, j - 1, "skip")))
            if j and best[i - 1][j - 1] < inf:
                mean = model[j - 1][0] / model[j - 1][1]
                known = model[j - 1][2] >= 0 and not any_kind
                kind = model[j - 1][2] >= 0.5
                cost = abs(centre - mean) + (MISMATCH if known and numeric != kind else 0.0)
                if known and shape and model[j - 1][3] and shape != model[j - 1][3]:
                    cost += _SHAPE_MISMATCH
                options.append((best[i - 1][j - 1] + cost, (i - 1, j - 1, "match")))
            if allow_new and best[i - 1][j] < inf and _fits_between(centre, model, j):
                options.append((best[i - 1][j] + _NEW_COLUMN, (i - 1, j, "new")))
            if options:
                best[i][j], move[i][j] = min(options, key=lambda o: o[0])
    out: list[tuple[Seg, int, bool]] = []
    i, j = n, m
    while i > 0:
        step = move[i][j]
        assert step is not None
        pi, pj, kind = step
        if kind == "match":
            out.append((row[i - 1], j - 1, False))
        elif kind == "new":
            out.append((row[i - 1], j, True))
        i, j = pi, pj
    out.reverse()
    # columns opened by this row shift the later ones: renumber in order
    shift = 0
    fixed: list[tuple[Seg, int, bool]] = []
    for seg, col, new in out:
        fixed.append((seg, col + shift, new))
        if new:
            shift += 1
    return fixed


def _fits_between(centre: float, model: list[list[float]], j: int) -> bool:
    """Does a column opened at ``centre`` stand between model columns ``j - 1`` and ``j`` (the
    columns keep the order of their positions)?"""
    left = model[j - 1][0] / model[j - 1][1] if j else float("-inf")
    right = model[j][0] / model[j][1] if j < len(model) else float("inf")
    return left <= centre <= right


_EDGE_MARGIN = 0.5


def place_by_edges(
    body: list[list[Seg]],
    assign: list[list[int]],
    cols: list[tuple[int, int]],
    anchors: list[tuple[float, str]],
    numbered: list[list[Seg]],
) -> tuple[list[int], bool] | None:
    """Final column of each body column when the header names more columns than the body
    fills, and whether that placement is sure.

    Column boxes are located by the header (a 栏次 row's numbers first: they are digits,
    centred in their boxes, so their positions do not drift); an amount is right-aligned in
    its box, so its right end lies between its own column's centre and the next one's. Text and
    code columns (left-aligned or centred: 2082801 under 科目编码, not under 预算单位 before it) start
    between the previous column's centre and their own. Sure when every amount column's end falls inside
    one such interval with a margin."""
    xs = [x for x, _ in anchors]
    n = len(xs)
    for r in numbered:
        digits = [s for s in r if s.text.isdecimal()]
        if digits and len(digits) <= n:
            path = increasing_columns([[abs(seg_centre(s) - x) for x in xs] for s in digits])
            for s, k in zip(digits, path, strict=True):
                xs[k] = seg_centre(s)
    if any(b <= a for a, b in zip(xs, xs[1:], strict=False)):
        return None
    money = money_columns(body, assign, len(cols))
    starts: dict[int, list[int]] = {}
    ends_all: dict[int, list[int]] = {}
    numeric = [True] * len(cols)
    for row, cs in zip(body, assign, strict=True):
        for seg, c in zip(row, cs, strict=True):
            starts.setdefault(c, []).append(seg.start)
            ends_all.setdefault(c, []).append(seg.end)
            if is_text(seg):
                numeric[c] = False
    named = [bool(DESCRIPTOR_NAME.search(name)) for _, name in anchors]
    inf = float("inf")
    cost: list[list[float]] = []
    inside: list[list[bool]] = []
    right_aligned = [numeric[i] and money[i] for i in range(len(cols))]
    for i in range(len(cols)):
        # amounts are right-aligned: their end lies between their column's centre and the next one's;
        # text and codes are left-aligned (or centred): their start lies between the previous centre
        # and their own
        right = right_aligned[i]
        x = _median(ends_all[i]) if right else _median(starts[i])
        row_cost, row_in = [], []
        for k in range(n):
            if right:
                lo, hi = xs[k], (xs[k + 1] if k + 1 < n else inf)
            else:
                lo, hi = (xs[k - 1] if k else -inf), xs[k]
            ok = lo + _EDGE_MARGIN <= x <= hi - _EDGE_MARGIN
            c = 0.0 if lo < x < hi else min(abs(x - lo), abs(x - hi)) + 1.0
            c += MISMATCH if money[i] and named[k] else 0.0
            row_cost.append(c)
            row_in.append(ok)
        cost.append(row_cost)
        inside.append(row_in)
    path = increasing_columns(cost)
    sure = all(inside[i][k] and cost[i][k] == 0.0 for i, k in enumerate(path) if right_aligned[i])
    return path, sure


def forced_placement(money: list[bool], named: list[bool]) -> list[int] | None:
    """The header column of each body column when order and kind leave only one choice, else None.

    Body columns keep their order under the header columns, and a column printing money never sits
    under a name-like header (编码/名称/项目/备注…); other body columns may sit anywhere. When exactly
    one such placement exists (``编码 名称 合计 人员 公用 备注`` over a body of code, name and three
    amount columns), positions do not matter: the placement is sure."""
    m, n = len(money), len(named)
    if m > n:
        return None
    # ways[i][j]: placements (counted up to 2) of the body columns i.. onto the header columns j..
    ways = [[0] * (n + 1) for _ in range(m + 1)]
    for j in range(n + 1):
        ways[m][j] = 1
    for i in range(m - 1, -1, -1):
        for j in range(n - 1, -1, -1):
            here = ways[i + 1][j + 1] if not (money[i] and named[j]) else 0
            ways[i][j] = min(2, ways[i][j + 1] + here)
    if ways[0][0] != 1:
        return None
    out: list[int] = []
    j = 0
    for i in range(m):
        while (money[i] and named[j]) or ways[i + 1][j + 1] == 0:
            j += 1
        out.append(j)
        j += 1
    return out


def _median(values: list[int]) -> float:
    v = sorted(values)
    return float(v[len(v) // 2])


def column_centres(cols: list[tuple[int, int]], body_to_final: list[int], ncols: int) -> list[float]:
    """A position for every final column (interpolated for columns the body never fills)."""
    known = {body_to_final[i]: (a + b) / 2 for i, (a, b) in enumerate(cols)}
    out: list[float] = []
    for c in range(ncols):
        if c in known:
            out.append(known[c])
        else:
            left = max((k for k in known if k < c), default=None)
            right = min((k for k in known if k > c), default=None)
            if left is not None and right is not None:
                out.append(known[left] + (known[right] - known[left]) * (c - left) / (right - left))
            elif left is not None:
                out.append(known[left] + 10.0 * (c - left))
            elif right is not None:
                out.append(known[right] - 10.0 * (right - c))
            else:
                out.append(10.0 * c)
    return out
