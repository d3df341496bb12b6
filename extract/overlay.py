"""Overlay images: each page with its detected tables (red) and cells (blue; low OCR confidence
orange) drawn on it, for the review UI and for ``python -m extract.overlay FILE OUT_DIR``.

Boxes in the document are in PDF points for PDFs and in pixels for images; the page is drawn at
the resolution that maps them back.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

import numpy as np

from extract.model import Document, Table

LOW_CONFIDENCE = 0.8


def draw(gray: np.ndarray, tables: list[Table], scale: float = 1.0) -> np.ndarray:
    """An RGB image of ``gray`` with the tables' boxes and their cells' boxes (× ``scale``)."""
    import cv2

    img = cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)
    thick = max(1, int(round(scale)))
    for t in tables:
        for c in t.cells:
            if not c.bbox:
                continue
            x0, y0, x1, y1 = (int(round(v * scale)) for v in c.bbox)
            colour = (0, 140, 255) if c.text and c.confidence < LOW_CONFIDENCE else (200, 80, 0)
            cv2.rectangle(img, (x0 + 1, y0 + 1), (x1 - 1, y1 - 1), colour, thick)
        if t.bbox:
            x0, y0, x1, y1 = (int(round(v * scale)) for v in t.bbox)
            cv2.rectangle(img, (x0 - 2, y0 - 2), (x1 + 2, y1 + 2), (0, 0, 220), thick * 2)
            cv2.putText(
                img,
                f"T{t.seq}",
                (x0, max(12, y0 - 6)),
                cv2.FONT_HERSHEY_SIMPLEX,
                0.5 * thick,
                (0, 0, 220),
                thick,
            )
    return cv2.cvtColor(img, cv2.COLOR_BGR2RGB)


def _tables_on(document: Document, page: int) -> list[Table]:
    """The tables as drawn on ``page``: a table continued over pages shows on each page the cells
    that are on it (``Cell.page``), its outline on its first page only."""
    out: list[Table] = []
    for t in document.tables:
        cells = [c for c in t.cells if (c.page or t.page) == page]
        if t.page == page:
            out.append(replace(t, cells=cells))
        elif cells:
            out.append(replace(t, cells=cells, bbox=None))
    return out


def write_overlays(
    path: str | Path, out_dir: str | Path, document: Document | None = None, dpi: float = 100.0
) -> list[Path]:
    """One PNG per page of ``path`` (``page-NNN.png`` in ``out_dir``); returns their paths."""
    from PIL import Image

    from extract import read
    from extract.images import folder_images, iter_pdf_images, load_image_file

    doc = document or read(path)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if doc.format in ("pdf", "scan-pdf"):
        pages = ((img.number, img.gray, dpi / 72.0) for img in iter_pdf_images(path, dpi))
    else:
        files = folder_images(path) if Path(path).is_dir() else [Path(path)]
        imgs = [img for f in files for img in load_image_file(f)]
        pages = ((i + 1, img.gray, 1.0) for i, img in enumerate(imgs))
    for number, gray, scale in pages:
        rgb = draw(gray, _tables_on(doc, number), scale)
        target = out / f"page-{number:03d}.png"
        Image.fromarray(rgb).save(target)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Draw the detected tables and cells on every page.")
    ap.add_argument("path")
    ap.add_argument("out_dir")
    ap.add_argument("--dpi", type=float, default=100.0, help="PDF page resolution")
    args = ap.parse_args(argv)
    for p in write_overlays(args.path, args.out_dir, dpi=args.dpi):
        print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
