"""The source beside the extraction: source lines for text inputs, page images for PDFs and scans.

* Text: the table's source lines (re-read from ``documents.source_file`` in its
  detected encoding), with the lines of the record's cells highlighted.
* PDF and scans: the page rendered to PNG (pdftoppm for PDFs, the image itself
  for scans), cropped to the table's bbox, with the record's cell or row drawn
  over it (the layout overlay). Cell and table boxes are in page coordinates:
  PDF points for PDFs (scaled by ``dpi / 72``), pixels for images.
"""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.encoding import decode_bytes
from extract.images import folder_images
from extract.text import split_lines

DPI = 110
PDF_FORMATS = ("pdf", "scan-pdf", "mixed-pdf")


@dataclass
class SourceLine:
    number: int
    text: str
    highlight: bool


def read_lines(source_file: str) -> list[str] | None:
    """The decoded lines of a text input, numbered as the reader numbers them (``extract.text.split_lines``:
    a form feed starts a page, not a line), or None when the file is gone or not text."""
    path = Path(source_file or "")
    if not path.is_file():
        return None
    try:
        text, _ = decode_bytes(path.read_bytes())
    except (ValueError, OSError):
        return None
    lines, _, _ = split_lines(text)
    return lines


def source_lines(
    conn: sqlite3.Connection, document: dict[str, Any], table: dict[str, Any], rows: set[int], col: int | None
) -> list[SourceLine] | None:
    """The table's source lines with the lines of ``rows`` (at ``col`` when given) highlighted."""
    if table.get("line_start") is None:
        return None
    lines = read_lines(document.get("source_file") or "")
    if lines is None:
        return None
    marked: set[int] = set()
    for r in rows:
        q = "SELECT line_start, line_end FROM cells WHERE table_id = ? AND row = ?"
        params: tuple = (table["id"], r)
        if col is not None:
            q += " AND col = ?"
            params = (*params, col)
        for c in conn.execute(q, params):
            if c["line_start"] is not None:
                marked.update(range(c["line_start"], (c["line_end"] or c["line_start"]) + 1))
        if not marked and col is not None:  # the cell has no line of its own: mark the row
            return source_lines(conn, document, table, rows, None)
    start = max(1, int(table["line_start"]) - 1)
    end = min(len(lines), int(table["line_end"] or table["line_start"]) + 1)
    return [SourceLine(n, lines[n - 1], n in marked) for n in range(start, end + 1)]


def has_image(document: dict[str, Any]) -> bool:
    fmt = document.get("format") or ""
    return fmt in PDF_FORMATS or fmt.startswith("image") or fmt.startswith("scan")


def page_image(document: dict[str, Any], page: int, cache_dir: Path):  # type: ignore[no-untyped-def]
    """The page as a PIL image (RGB), or None when it cannot be had."""
    from PIL import Image

    src = Path(document.get("source_file") or "")
    fmt = document.get("format") or ""
    if not src.exists():
        return None
    try:
        if fmt in PDF_FORMATS or (src.is_file() and src.read_bytes()[:4] == b"%PDF"):
            cache_dir.mkdir(parents=True, exist_ok=True)
            out = cache_dir / f"{document['id']}-p{page}.png"
            if not out.exists():
                if shutil.which("pdftoppm") is None:
                    return None
                prefix = cache_dir / f"{document['id']}-p{page}-render"
                subprocess.run(
                    ["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(DPI), "-png", "-singlefile",
                     str(src), str(prefix)],
                    check=True, capture_output=True, timeout=60,
                )  # fmt: skip
                Path(str(prefix) + ".png").replace(out)
            return Image.open(out).convert("RGB")
        if src.is_dir():
            files = folder_images(src)
            if not 1 <= page <= len(files):
                return None
            return Image.open(files[page - 1]).convert("RGB")
        img = Image.open(src)
        if page > 1:
            img.seek(page - 1)
        return img.convert("RGB")
    except (OSError, EOFError, ValueError, subprocess.SubprocessError):
        return None


def _scale(document: dict[str, Any]) -> float:
    return DPI / 72.0 if (document.get("format") or "") in PDF_FORMATS else 1.0


def _box(raw: str | None, scale: float) -> tuple[float, float, float, float] | None:
    if not raw:
        return None
    try:
        x0, y0, x1, y1 = (float(v) * scale for v in json.loads(raw))
    except (ValueError, TypeError):
        return None
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _png(img) -> bytes:  # type: ignore[no-untyped-def]
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def table_crop(
    conn: sqlite3.Connection,
    document: dict[str, Any],
    table: dict[str, Any],
    cache_dir: Path,
    row: int | None = None,
    col: int | None = None,
) -> bytes | None:
    """PNG of the table cut from its page, the cell (row, col) or the whole row highlighted."""
    from PIL import ImageDraw

    img = page_image(document, int(table.get("page") or 1), cache_dir)
    if img is None:
        return None
    scale = _scale(document)
    cells = conn.execute("SELECT row, col, bbox FROM cells WHERE table_id = ?", (table["id"],)).fetchall()
    boxes = [(c["row"], c["col"], _box(c["bbox"], scale)) for c in cells]
    tbox = _box(table.get("bbox"), scale)
    if tbox is None:
        known = [b for _, _, b in boxes if b]
        if known:
            tbox = (min(b[0] for b in known), min(b[1] for b in known), max(b[2] for b in known),
                    max(b[3] for b in known))  # fmt: skip
        else:
            tbox = (0, 0, img.width, img.height)
    overlay = img.copy()
    draw = ImageDraw.Draw(overlay, "RGBA")
    for r, c, b in boxes:
        if b is None or row is None or r != row:
            continue
        if col is None or c == col:
            draw.rectangle(b, fill=(255, 200, 0, 110), outline=(220, 40, 40, 255), width=3)
        else:
            draw.rectangle(b, fill=(255, 240, 150, 70))
    pad = 12
    crop = overlay.crop(
        (max(0, int(tbox[0]) - pad), max(0, int(tbox[1]) - pad), min(img.width, int(tbox[2]) + pad),
         min(img.height, int(tbox[3]) + pad))
    )  # fmt: skip
    return _png(crop)


def page_overlay(
    conn: sqlite3.Connection, document: dict[str, Any], page: int, cache_dir: Path
) -> bytes | None:
    """PNG of a whole page with every table (blue) and its pending records' cells (red) outlined."""
    from PIL import ImageDraw

    img = page_image(document, page, cache_dir)
    if img is None:
        return None
    scale = _scale(document)
    draw = ImageDraw.Draw(img, "RGBA")
    tables = conn.execute("SELECT * FROM tables WHERE document_id = ? AND page = ?", (document["id"], page))
    for t in tables:
        for c in conn.execute("SELECT bbox FROM cells WHERE table_id = ?", (t["id"],)):
            b = _box(c["bbox"], scale)
            if b:
                draw.rectangle(b, outline=(60, 120, 220, 160), width=1)
        pend = conn.execute(
            """SELECT c.bbox FROM cells c JOIN line_items l ON l.table_id = c.table_id AND l.row = c.row AND l.col = c.col
               WHERE c.table_id = ? AND l.status = 'pending'""",
            (t["id"],),
        )
        for c in pend:
            b = _box(c["bbox"], scale)
            if b:
                draw.rectangle(b, fill=(255, 60, 60, 70), outline=(220, 40, 40, 255), width=2)
        tb = _box(t["bbox"], scale)
        if tb:
            draw.rectangle(tb, outline=(30, 90, 200, 255), width=3)
    return _png(img)
