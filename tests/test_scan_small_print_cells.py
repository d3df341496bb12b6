"""A table's print height (``extract.smallprint.print_height``) measures each cell's ink inside its
walls without the pieces of the walls' rules the ruling masks left (``_without_rule_edges``). The
cells' ink is labelled at once, laid out as on the page (``_cell_inks``): the same ink, cell by cell,
as each cell labelled on its own — and cell by cell where the boxes overlap or touch."""

from __future__ import annotations

import numpy as np

from extract.grid import Grid, GridCell
from extract.settings import TABLE_SETTINGS
from extract.smallprint import _cell_inks, _without_rule_edges


def _table(seed: int) -> tuple[np.ndarray, list[tuple[float, float, float, float]]]:
    """Generated ink: a 4 × 5 grid of cells holding blobs (characters) and, along their walls,
    thin long pieces (a rule's edge left in the cell), some at the page's edge."""
    rng = np.random.default_rng(seed)
    ink = np.zeros((260, 400), dtype=np.uint8)
    xs, ys = [0.0, 80.4, 160.8, 241.2, 321.6, 399.9], [3.0, 68.5, 134.0, 199.5, 259.0]
    boxes = [(xs[j], ys[i], xs[j + 1], ys[i + 1]) for i in range(4) for j in range(5)]
    for x0, y0, x1, y1 in boxes:
        for _ in range(int(rng.integers(0, 6))):  # characters
            y, x = int(rng.integers(y0, y1 - 8)), int(rng.integers(x0, x1 - 8))
            ink[y : y + int(rng.integers(3, 9)), x : x + int(rng.integers(3, 9))] = 255
        if rng.random() < 0.6:  # a piece of the top wall's rule, and of the left one's
            ink[int(y0) + 3, int(x0) + 5 : int(x1) - 10] = 255
            ink[int(y0) + 10 : int(y1) - 5, int(x0) + 3 : int(x0) + 5] = 255
    return ink, boxes


def _each(ink: np.ndarray, grid: Grid, pad: int, near: float) -> list[np.ndarray]:
    """Each cell's ink labelled on its own, as ``print_height`` cut it before."""
    out = []
    for c in grid.cells:
        x0, y0, x1, y1 = (int(v) for v in c.box)
        sub = ink[y0 + pad : y1 - pad, x0 + pad : x1 - pad]
        if sub.size:
            out.append(_without_rule_edges(sub, near, TABLE_SETTINGS))
    return out


def _same(a: list[np.ndarray], b: list[np.ndarray]) -> bool:
    return len(a) == len(b) and all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))


def test_the_cells_ink_labelled_at_once_is_each_cells_own() -> None:
    for seed in range(8):
        ink, boxes = _table(seed)
        grid = Grid(
            (0, 3, 400, 259), [GridCell(k // 5, k % 5, 1, 1, b) for k, b in enumerate(boxes)], ruled=True
        )
        for pad, near in ((2, 8.3), (3, 4.0)):
            assert _same(_cell_inks(ink, grid, pad, near, TABLE_SETTINGS), _each(ink, grid, pad, near))


def test_cells_whose_boxes_touch_are_labelled_each_on_its_own() -> None:
    ink, _ = _table(1)
    ink[100:104, 40:200] = 255  # one blob across both boxes' insides
    # the second box starts where the first one's inside ends: their insides touch
    cells = [GridCell(0, 0, 1, 1, (0, 60, 120, 150)), GridCell(0, 1, 1, 1, (116, 60, 240, 150))]
    grid = Grid((0, 60, 240, 150), cells, ruled=True)
    assert _same(_cell_inks(ink, grid, 2, 8.3, TABLE_SETTINGS), _each(ink, grid, 2, 8.3))
