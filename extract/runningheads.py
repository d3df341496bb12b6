"""Running heads and feet (苏州市生态环境局2026年度单位预算公开 printed on every page): lines that
are no table's title, so a continuation printed under one joins its table. Shared by born-digital
PDFs (their text pages) and scans (every page read)."""

from __future__ import annotations

from extract.layout import PageLayout
from extract.numbers import bare
from extract.pagetext import Line, describe
from extract.settings import TableSettings


def running_heads(layouts: list[tuple[PageLayout, float, bool]], settings: TableSettings) -> set[str]:
    """The lines printed as a running head or foot (苏州市生态环境局2026年度单位预算公开 on every
    page): the same text, outside the tables, near the top or the bottom edge of at least
    ``running_head_pages`` text pages (a scan's pages read: their text is the recogniser's), one
    of them a page without a table or one whose first table below the line takes another line for
    its title (so a title that heads each of a run of tables is never one)."""
    pages: dict[str, set[int]] = {}
    tableless: set[str] = set()
    for number, (layout, _scale, text) in enumerate(layouts, start=1):
        if not text or layout.gray is None:
            continue
        height = float(layout.gray.shape[0])
        margin = settings.running_head_ratio * height
        for line in layout.outside:
            if line.box[3] <= margin or line.box[1] >= height - margin:
                key = bare(line.text)
                if key and not key.isdigit():
                    pages.setdefault(key, set()).add(number)
                    if not layout.tables or _over_another_title(line, key, layout):
                        tableless.add(key)
    return {k for k, v in pages.items() if len(v) >= settings.running_head_pages and k in tableless}


def _over_another_title(line: Line, key: str, layout: PageLayout) -> bool:
    """The first table below ``line`` (bare text ``key``) is titled by another line."""
    grids = zip(layout.grids, layout.tables, strict=False)
    below = [(gr.box[1], t) for gr, t in grids if gr.box[1] >= line.box[3]]
    if not below:
        return False
    title = bare(min(below, key=lambda b: b[0])[1].title)
    return bool(title) and key not in title and title not in key


def untitle_running_heads(layouts: list[tuple[PageLayout, float, bool]], settings: TableSettings) -> None:
    """A table whose title is a running head is described again without it: a continuation page
    under the document's running head is untitled (and joins its table), not a table of its own."""
    heads = running_heads(layouts, settings)
    if not heads:
        return
    for layout, _scale, _text in layouts:
        lines = [ln for ln in layout.outside if bare(ln.text) not in heads]
        for k, table in enumerate(layout.tables):
            if bare(table.title) not in heads:
                continue
            grids = layout.grids
            floor = grids[k - 1].box[3] if k > 0 else -1e9
            ceiling = grids[k + 1].box[1] if k + 1 < len(grids) else 1e9
            around = describe(grids[k].box, lines, floor, ceiling)
            table.title, table.label = around.title, around.label
            table.unit = around.unit or table.unit
