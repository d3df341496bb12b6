"""Light rules of small print (scans, issue #17). A header printed in 4-pt type sets its rules
one or two pixels from its text at 150 dpi, so the ridge of ``rule_ridge_pt`` that tells a thin
line from what lies beside it (extract.ruling ``_thin_dark``) sees the text, not the paper: the
light rules are lost beside it, in part or whole, the dense text's strokes blur into runs as long
as a rule, and the walls start late below the rules, where the text touches them — the header's
cells merge into one.

* ``thin_rules``: a light horizontal rule found by the narrowest ridge there is (a line darker
  than the pixel just above and just below it), from one of the table's walls to the next;
* ``without_text_runs``: a run of ink inside a line of text (its strokes on both sides of it) is
  no rule;
* ``closed_walls``: a table's wall ending in mid-air is continued to the rule next along it."""

from __future__ import annotations

import numpy as np

from extract.components import components
from extract.settings import TABLE_SETTINGS, TableSettings


def thin_rules(
    gray: np.ndarray,
    h: np.ndarray,
    v: np.ndarray,
    scale: float,
    settings: TableSettings = TABLE_SETTINGS,
    fill: np.ndarray | None = None,
) -> np.ndarray:
    """The horizontal rules ``h`` with the light rules of small print added. A run of the thin line
    (``line_hat`` across ``rule_thin_ridge_px``, its breaks closed) ``h_rule_pt`` long at least is
    a rule between two of the table's walls next to each other along its row
    (``_table_verticals``, each passing the row within the ridge width) where it, or a rule of
    ``h``, is drawn along ``rule_thin_closed_cover`` of the way between them at least, and its thin
    line itself, its breaks left open, along ``rule_thin_cover`` (a line of print filling its cell,
    ridged as finely, is a string of its strokes' pieces, or falls short of its cell's walls) — off
    a grey ``fill`` (a header's): the strokes of bold text on a fill ridge as finely, and a light
    rule there is continued along its own line by its faint line (extract.ruling ``_continued``).
    The wall is drawn whole from wall to wall at the run's rows: a light rule broken beside bold
    text, or running on past a wall into the next cell's text, is one rule between the walls."""
    import cv2

    k = settings.ridge_px(scale)
    hlen = max(settings.h_rule_min_px, int(settings.h_rule_pt * scale))
    verticals = _table_verticals(h, v, settings.h_free_rule_pt * scale, k)
    if len(verticals) < 2:
        return h
    # only where the walls are (the page's margins and text hold no rule between two of them)
    ox = max(0, int(min(vx for vx, _, _ in verticals)) - k)
    oy = max(0, min(vy0 for _, vy0, _ in verticals) - k)
    x_end = int(max(vx for vx, _, _ in verticals)) + k + 1
    y_end = max(vy1 for _, _, vy1 in verticals) + k + 1
    line = line_hat(gray[oy:y_end, ox:x_end], k, settings.rule_thin_ridge_px, settings.rule_thin_levels)
    closed = cv2.morphologyEx(
        line, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (2 * k + 1, 1))
    )
    runs = cv2.morphologyEx(closed, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (hlen, 1)))
    if not runs.any():
        return h
    drawn = cv2.bitwise_or(closed, h[oy:y_end, ox:x_end])
    cc = components(runs)
    out = h.copy()
    rows = line.shape[0]
    for x, y, w, hh, _ in cc.stats[1 : cc.n]:
        mid = oy + y + hh / 2
        walls = sorted(vx - ox for vx, vy0, vy1 in verticals if vy0 - k <= mid <= vy1 + k)
        band = slice(max(0, y - 1), min(rows, y + hh + 1))
        for a, b in zip(walls, walls[1:], strict=False):
            x0, x1 = int(round(a)), int(round(b))
            if x1 <= x or x0 >= x + w or x1 - x0 < 2:
                continue
            if float(drawn[band, x0:x1].any(axis=0).mean()) < settings.rule_thin_closed_cover:
                continue
            if float(line[y : y + hh, x0:x1].any(axis=0).mean()) < settings.rule_thin_cover:
                continue
            if fill is None or not fill[oy + y : oy + y + hh, ox + x0 : ox + x1].any():
                out[oy + y : oy + y + hh, ox + x0 : ox + x1] = 255
    return out


def _long_rules(h: np.ndarray, free: float) -> np.ndarray:
    """The horizontal rules of ``h`` ``free`` long at least (a table's rules), as a mask."""
    hcc = components(h)
    long = np.zeros(h.shape, dtype=bool)
    for i in range(1, hcc.n):
        x, y, w, hh, _ = hcc.stats[i]
        if w >= free:
            long[y : y + hh, x : x + w] |= hcc.labels[y : y + hh, x : x + w] == i
    return long


def _is_wall(long: np.ndarray, x: int, y: int, w: int, hh: int, near: int) -> bool:
    """Whether the vertical rule in box ``x, y, w, hh`` crosses or meets, within ``near`` pixels, a
    table's long rule (``_long_rules``): a table's wall, not a stroke of a large title, which meets
    none of its long rules."""
    return bool(long[max(0, y - near) : y + hh + near, max(0, x - near) : x + w + near].any())


def _table_verticals(h: np.ndarray, v: np.ndarray, free: float, near: int) -> list[tuple[float, int, int]]:
    """The vertical rules of ``v`` (x, y0, y1) that are a table's walls (``_is_wall``)."""
    long = _long_rules(h, free)
    vcc = components(v)
    return [
        (x + w / 2, int(y), int(y + hh))
        for x, y, w, hh, _ in vcc.stats[1 : vcc.n]
        if _is_wall(long, x, y, w, hh, near)
    ]


def line_hat(gray: np.ndarray, along: int, ridge: int, levels: int, vertical: bool = False) -> np.ndarray:
    """Pixels of thin horizontal (``vertical``: vertical) lines: the page averaged ``along`` pixels
    along the line (a line keeps its darkness, the noise's is taken out), then ``levels`` darker
    than what lies ``ridge`` pixels across it (a black-hat of the averaged page)."""
    import cv2

    averaged = cv2.blur(gray, (1, along) if vertical else (along, 1))
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (ridge, 1) if vertical else (1, ridge))
    hat = cv2.morphologyEx(averaged, cv2.MORPH_BLACKHAT, kernel)
    return cv2.threshold(hat, levels, 255, cv2.THRESH_BINARY)[1]


def closed_walls(
    h: np.ndarray,
    v: np.ndarray,
    scale: float,
    settings: TableSettings = TABLE_SETTINGS,
) -> np.ndarray:
    """Vertical walls of a table (``_is_wall``, crossing or meeting two of its horizontal rules at
    least: a character's stroke touching a rule meets one) that end in mid-air — at no horizontal
    rule of ``h`` (within the closing of breaks) — continued to the horizontal rule next along their own
    line, no farther than ``rule_bridge_pt``: a rule of a ruled table ends at another, and a light
    wall in small print whose ink is lost where the text of a header row touches it (it starts
    late, below the header's rule) is drawn to that rule."""
    gap = settings.join_px(scale)
    near = 3 * gap
    reach = int(settings.rule_bridge_pt * scale)
    k = settings.ridge_px(scale)
    long = _long_rules(h, settings.h_free_rule_pt * scale)
    cc = components(v)
    out = v.copy()
    rows = v.shape[0]
    for x, y, w, hh, _ in cc.stats[1 : cc.n]:
        if not _is_wall(long, x, y, w, hh, k):
            continue
        crossing = h[:, x : x + w].any(axis=1)
        along = crossing[max(0, y - near) : y + hh + near].astype(np.int8)
        if int((np.diff(along) == 1).sum()) + int(along[0]) < 2:
            continue  # it meets one rule only: a stroke of a character touching it, not a wall
        wall = 255 * (v[y : y + hh, x : x + w].max(axis=0) > 0)
        for end, step in ((y + hh - 1, 1), (y, -1)):
            if crossing[max(0, end - near) : end + near + 1].any():
                continue  # it ends at a rule
            span = np.arange(end, min(rows, end + reach) if step > 0 else max(-1, end - reach), step)
            hits = np.flatnonzero(crossing[span])
            if hits.size == 0:
                continue
            a, b = sorted((int(span[0]), int(span[hits[0]])))
            out[a : b + 1, x : x + w] = np.maximum(out[a : b + 1, x : x + w], wall)
    return out


def without_text_runs(
    h: np.ndarray, ink: np.ndarray, scale: float, settings: TableSettings = TABLE_SETTINGS
) -> np.ndarray:
    """The horizontal rules ``h`` without the runs that lie inside a line of text: shorter than a
    free rule (``h_free_rule_pt``) and with ink just above and just below them (``_in_text``) —
    the characters of a dense line of small print, their strokes blurred into a run as long as a
    rule (and across a wall whose ink is lost there), go on either side of it. A rule has paper
    along it either side but where a character touches it."""
    gap = settings.join_px(scale)
    free = settings.h_free_rule_pt * scale
    cc = components(h)
    out = h.copy()
    for i in range(1, cc.n):
        x, y, w, hh, _ = cc.stats[i]
        if w >= free:
            continue
        if _in_text(ink, x, x + w, y, hh, gap, settings.rule_flank_ratio):
            out[y : y + hh, x : x + w][cc.labels[y : y + hh, x : x + w] == i] = 0
    return out


def _in_text(ink: np.ndarray, x0: int, x1: int, y: int, hh: int, gap: int, ratio: float) -> bool:
    """Whether the horizontal run at rows ``y`` to ``y + hh`` between columns ``x0`` and ``x1`` has
    ``ink`` in the ``gap`` rows just above it and in those just below it along more than ``ratio``
    of its length: a run inside a line of text, whose strokes go on either side of it; a rule has
    its cells' margins there but where a character touches it."""
    above = ink[max(0, y - gap) : y, x0:x1]
    below = ink[y + hh : min(ink.shape[0], y + hh + gap), x0:x1]
    if above.size == 0 or below.size == 0:
        return False
    return float((above.any(axis=0) & below.any(axis=0)).mean()) > ratio
