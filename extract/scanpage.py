"""One scanned page read as it was scanned, shared by image inputs and image-only PDF pages:
turned upright (``extract.orient``), its seals already taken out of the pixels when the page came
in colour (``extract.seals``), laid out and recognised (``extract.layout``), and every cell a seal
covers doubted unless it was read with a clear confidence; header cells misread by a character or
two repaired to the vocabulary's labels, doubted ones doubted (``extract.scanheaders``).

Boxes are on the upright page.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from extract.headerreread import reread_headers
from extract.layout import PageLayout, layout_page
from extract.ocr import Engine
from extract.orient import turn, upright_turn
from extract.paper import clean_paper
from extract.reasons import Reason, reason
from extract.scanheaders import name_columns_of_names, repair_headers
from extract.scanindicators import FigureColumns
from extract.seals import covered_share
from extract.settings import TABLE_SETTINGS, TableSettings
from extract.siblingheaders import name_change_group, name_from_siblings


@dataclass
class ScanPage:
    """A scanned page read: its layout, the clockwise turn that made it upright, and the upright
    page's size in the units its boxes are in."""

    layout: PageLayout
    turn: int
    width: float
    height: float
    doubted: int = 0  # cells doubted because a seal covers them


def read_scan_page(
    gray: np.ndarray,
    scale: float,
    number: int,
    eng: Engine,
    mode: str = "cells",
    unit_scale: float = 1.0,
    seal: np.ndarray | None = None,
    settings: TableSettings = TABLE_SETTINGS,
    figures: FigureColumns | None = None,
) -> ScanPage:
    """The page ``gray`` (``scale`` px per point; boxes reported in px / ``unit_scale``), its seal
    region ``seal`` (same pixels) when it had one, read with ``eng``; ``figures``: the operator
    columns of the previous page's last table (``extract.layout.layout_page``)."""
    crops = eng.crops if mode == "cells" else None
    gray = clean_paper(gray, scale, settings)  # the scanner's bed, tinted paper and show-through whitened
    degrees = upright_turn(gray, getattr(eng, "crops", None), settings)
    gray = turn(gray, degrees)
    seal = turn(seal, degrees) if seal is not None else None
    layout = layout_page(
        gray,
        scale,
        number,
        words_for=None if mode == "cells" and getattr(eng, "lines", False) else eng.page,
        unit_scale=unit_scale,
        crops=crops,
        settings=settings,
        figures=figures,
    )
    for table in layout.tables:
        repair_headers(table, settings)
        if crops is not None and layout.gray is not None:  # a header doubted as read: read again
            reread_headers(table, layout.gray, crops, unit_scale, settings)
        name_columns_of_names(table, settings)  # … and still doubted: 项日 over a column of names
        name_from_siblings(table, settings)
        name_change_group(table, settings)
    doubted = _doubt_sealed(layout, seal, unit_scale, settings) if seal is not None else 0
    h, w = gray.shape[:2]
    return ScanPage(layout, degrees, w / unit_scale, h / unit_scale, doubted)


def _doubt_sealed(layout: PageLayout, seal: np.ndarray, unit_scale: float, settings: TableSettings) -> int:
    """Cells under a seal: their confidence multiplied by ``seal_confidence_factor`` (a clear
    reading stays above the routing threshold, a hesitant one goes to review); the count."""
    count = 0
    for table in layout.tables:
        for c in table.cells:
            if not c.text or c.bbox is None:
                continue
            box = tuple(v * unit_scale for v in c.bbox)
            if covered_share(seal, box) >= settings.seal_covered_ratio:  # type: ignore[arg-type]
                c.confidence = round(c.confidence * settings.seal_confidence_factor, 4)
                count += 1
        if table.cells:
            table.confidence = round(min(c.confidence for c in table.cells), 4)
    return count


def turned_warning(page: int, degrees: int) -> Reason:
    """The reader's note of a page turned upright (its boxes are on the upright page)."""
    return reason("scan.page_turned", page=page, degrees=degrees)
