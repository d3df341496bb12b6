"""The default OCR engine recording the crops a scanned page's reading asks it for (tests of the
recogniser's frames and fills: tests/test_ocr_line_fill.py, tests/test_ocr_small_frame.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sample_files import REAL  # ../shared/real beside the project

from bench.baselines import render_pages
from extract.ocr import engine
from extract.scanpage import read_scan_page

FINAL = REAL / "上海市普陀区规划和自然资源局2024年度部门决算.pdf"
AMOUNT_CHARS = set("0123456789,.-")


class RecordingEngine:
    """The default engine, keeping every batch it is asked to read and how it was cut."""

    lines = True

    def __init__(self) -> None:
        self.eng = engine("")
        self.calls: list[tuple[list[np.ndarray], bool]] = []

    def page(self, gray: np.ndarray) -> list:
        return self.eng.page(gray)

    def crops(self, images: list[np.ndarray], line_crops: bool = False) -> list[tuple[str, float]]:
        self.calls.append((list(images), line_crops))
        return self.eng.crops(images, line_crops)

    @property
    def line_crops(self) -> list[np.ndarray]:
        """Every text-line crop asked for, in order."""
        return [img for images, line_crops in self.calls if line_crops for img in images]


def page_line_crops(pdf: Path, page: int, dpi: int, tmp_path: Path) -> RecordingEngine:
    """``pdf``'s page rendered at ``dpi`` and read as a scan by a recording engine, returned with
    the crops it was asked for (the page holds a table)."""
    import cv2

    (path,) = render_pages(pdf, [page], dpi, tmp_path)
    gray = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    rec = RecordingEngine()
    scan = read_scan_page(gray, dpi / 72, 1, rec)  # type: ignore[arg-type]
    assert scan.layout.tables
    return rec
