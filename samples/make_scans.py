"""Render the seeds' tables to born-digital PDFs (ruled and borderless) and to degraded scans,
with the gold cells alongside.

    python samples/make_scans.py                       # everything into samples/generated/scans/
    python samples/make_scans.py --seeds 000 --dpi 150 --out /tmp/x --tables 4-10

For each seed and style it writes ``<seed>-<style>.pdf`` and ``<seed>-<style>.gold.json``; for
each dpi, a folder ``<seed>-<style>-<dpi>dpi/`` of degraded page images (JPEG, quality 45–80,
skew up to ±2°, blur, noise) with ``gold.json`` (the same gold: a folder of page images is one
document). Gold tables are logical tables: a table continued on the next page (header repeated,
title ``续表``) is one gold table.

Seed tables are the tab-separated blocks of seeds 000 and 002 (one row per line, cells split on
tab). Header rows (rows before the first amount or classification code) merge an empty cell
into the non-empty cell on its left, so the rendered headers have merged cells.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from extract.grid import header_rows_of  # noqa: E402
from extract.numbers import find_unit  # noqa: E402

SEEDS = ROOT / "samples" / "seeds"
FONT_FILES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)
FONT = "CJK"
PAGE_W, PAGE_H = 842.0, 595.0  # A4 landscape, points
MARGIN = 36.0
FONT_SIZE = 9.0
LEADING = 11.5
PAD = 3.0
BORDERLESS_PAD = 8.0  # borderless tables keep wider gaps between columns, as printed ones do
# styles: "ruled" (every cell), "borderless" (no line), "cols" (ruled columns, the body's rows not
# ruled: the header's cells and the table's frame only), "rows" (a rule under every row, no
# vertical rule anywhere: columns only by alignment)
STYLES = ("ruled", "borderless", "cols", "rows")
# "filled" (not among the samples built by default): ruled in light grey, the header's cells on a
# grey fill, as 北京's budget tables print them (rules 194, fill 241 of 255 in their PDF)
FILLED_RULE_GREY, FILLED_HEADER_GREY = 0.76, 0.945


@dataclass
class GoldCell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass
class SeedTable:
    label: str
    title: str
    unit: str
    rows: list[list[str]]
    header_rows: int = 0
    cells: list[GoldCell] = field(default_factory=list)


# ---------------------------------------------------------------- seed tables


def seed_path(prefix: str) -> Path:
    (path,) = sorted(SEEDS.glob(f"{prefix}*.txt"))
    return path


def seed_tables(prefix: str) -> list[SeedTable]:
    """The tab-separated tables of a seed, with title, label ('表N') and unit from the lines above."""
    lines = seed_path(prefix).read_text(encoding="utf-8").splitlines()
    tables: list[SeedTable] = []
    i = 0
    while i < len(lines):
        if "\t" not in lines[i]:
            i += 1
            continue
        start = i
        while i < len(lines) and "\t" in lines[i]:
            i += 1
        rows = [[c.strip() for c in ln.split("\t")] for ln in lines[start:i]]
        ncols = max(len(r) for r in rows)
        rows = [r + [""] * (ncols - len(r)) for r in rows]
        while ncols > 1 and all(not r[ncols - 1] for r in rows):
            ncols -= 1
            rows = [r[:ncols] for r in rows]
        label = title = unit = ""
        for back in range(start - 1, max(-1, start - 8), -1):
            text = lines[back].strip().lstrip("#").strip()
            if not text or "\t" in lines[back]:
                if "\t" in lines[back]:
                    break
                continue
            if find_unit(text) and not unit:
                unit = find_unit(text)
            elif re.fullmatch(r"表\s*\d+", text) and not label:
                label = text.replace(" ", "")
            elif not title and not re.fullmatch(r"[（(]\s*\d{2}[0-9X]{2}\s*年度\s*[)）]", text):
                title = text
            if title and label:
                break
        tables.append(make_table(label, title, unit, rows))
    return tables


def make_table(label: str, title: str, unit: str, rows: list[list[str]]) -> SeedTable:
    """Gold cells: header rows merge empty cells into the non-empty cell on their left."""
    hr = header_rows_of(rows)
    cells: list[GoldCell] = []
    for r, row in enumerate(rows):
        c = 0
        while c < len(row):
            span = 1
            if r < hr and row[c]:
                while c + span < len(row) and not row[c + span]:
                    span += 1
            cells.append(GoldCell(r, c, row[c], 1, span))
            c += span
    return SeedTable(label, title, unit, rows, hr, cells)


def select(tables: list[SeedTable], spec: str) -> list[SeedTable]:
    """Tables by 1-based position: '4-10', '1,3', '' = all."""
    if not spec:
        return tables
    keep: set[int] = set()
    for part in spec.split(","):
        a, _, b = part.partition("-")
        keep.update(range(int(a), int(b or a) + 1))
    return [t for i, t in enumerate(tables, 1) if i in keep]


# ---------------------------------------------------------------- PDF rendering


def register_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    for path in FONT_FILES:
        if Path(path).exists():
            pdfmetrics.registerFont(TTFont(FONT, path, subfontIndex=0))
            return
    raise SystemExit("no CJK font found: apt-get install fonts-wqy-microhei")


def text_width(text: str, size: float = FONT_SIZE) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, FONT, size)


def wrap(text: str, width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` (by character; CJK has no spaces)."""
    if not text:
        return [""]
    lines: list[str] = []
    cur = ""
    for ch in text:
        if cur and text_width(cur + ch) > width:
            lines.append(cur.rstrip())
            cur = ch.lstrip()
        else:
            cur += ch
    lines.append(cur)
    return [ln for ln in lines if ln] or [""]


def column_widths(table: SeedTable, avail: float, pad: float = PAD) -> list[float]:
    """Natural widths; when too wide, text columns shrink (and wrap), amount columns never do."""
    ncols = len(table.rows[0])
    natural = [30.0] * ncols
    fixed = [0.0] * ncols
    for cell in table.cells:
        if cell.colspan == 1:
            w = text_width(cell.text) + 2 * pad + 2
            natural[cell.col] = max(natural[cell.col], min(w, 240.0))
            if re.fullmatch(r"[-\d,.%]+", cell.text):
                fixed[cell.col] = max(fixed[cell.col], w)
    total = sum(natural)
    if total > avail:
        flexible = [c for c in range(ncols) if natural[c] > max(fixed[c], 40.0)]
        need = total - avail
        room = sum(natural[c] - max(fixed[c], 40.0) for c in flexible) or 1.0
        for c in flexible:
            natural[c] -= min(1.0, need / room) * (natural[c] - max(fixed[c], 40.0))
    return natural


def row_heights(table: SeedTable, widths: list[float], pad: float = PAD) -> list[float]:
    heights = [LEADING + 2 * pad] * len(table.rows)
    for cell in table.cells:
        if cell.rowspan == 1:
            w = sum(widths[cell.col : cell.col + cell.colspan]) - 2 * pad
            n = len(wrap(cell.text, w))
            heights[cell.row] = max(heights[cell.row], n * LEADING + 2 * pad)
    return heights


def render_pdf(tables: list[SeedTable], out: Path, style: str, max_rows: int = 0) -> list[dict[str, object]]:
    """Draw ``tables`` (one or more pages each) into ``out``; return the gold tables with pages."""
    from reportlab.pdfgen import canvas

    register_font()
    c = canvas.Canvas(str(out), pagesize=(PAGE_W, PAGE_H))
    c.setTitle(out.stem)
    gold: list[dict[str, object]] = []
    page = 0
    for table in tables:
        pad = PAD if style in ("ruled", "cols", "filled") else BORDERLESS_PAD
        widths = column_widths(table, PAGE_W - 2 * MARGIN, pad)
        heights = row_heights(table, widths, pad)
        x0 = MARGIN + (PAGE_W - 2 * MARGIN - sum(widths)) / 2
        hr = table.header_rows
        body = list(range(hr, len(table.rows)))
        first_page = page + 1
        part = 0
        while True:
            page += 1
            y = PAGE_H - MARGIN
            if table.label:
                c.setFont(FONT, 10)
                c.drawString(MARGIN, y - 10, table.label)
                y -= 18
            c.setFont(FONT, 14)
            title = table.title if part == 0 else f"{table.title}（续表）"
            if title:
                c.drawCentredString(PAGE_W / 2, y - 14, title)
                y -= 24
            if table.unit:
                c.setFont(FONT, 9)
                c.drawRightString(x0 + sum(widths), y - 10, f"单位：{table.unit}")
                y -= 16
            room = y - MARGIN - 20
            rows_here = list(range(hr))
            used = sum(heights[r] for r in rows_here)
            while (
                body and used + heights[body[0]] <= room and (not max_rows or len(rows_here) - hr < max_rows)
            ):
                used += heights[body[0]]
                rows_here.append(body.pop(0))
            if len(rows_here) == hr and body:  # a single row taller than the page: draw it anyway
                rows_here.append(body.pop(0))
            draw_rows(c, table, rows_here, widths, heights, x0, y, style, pad)
            c.setFont(FONT, 8)
            c.drawCentredString(PAGE_W / 2, MARGIN / 2, f"— {page} —")
            c.showPage()
            part += 1
            if not body:
                break
        gold.append(
            {
                "label": table.label,
                "title": table.title,
                "unit": table.unit,
                "page": first_page,
                "pages": list(range(first_page, page + 1)),
                "header_rows": table.header_rows,
                "n_rows": len(table.rows),
                "n_cols": len(table.rows[0]),
                "cells": [cell.__dict__ for cell in table.cells],
            }
        )
    c.save()
    return gold


def draw_rows(
    c: object,
    table: SeedTable,
    rows: list[int],
    widths: list[float],
    heights: list[float],
    x0: float,
    top: float,
    style: str,
    pad: float = PAD,
) -> None:
    ys: dict[int, float] = {}
    y = top
    for r in rows:
        ys[r] = y
        y -= heights[r]
    del y
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)
    present = set(rows)
    c.setFont(FONT, FONT_SIZE)  # type: ignore[attr-defined]
    c.setLineWidth(0.6)  # type: ignore[attr-defined]
    for cell in table.cells:
        if cell.row not in present:
            continue
        cx0, cx1 = xs[cell.col], xs[cell.col + cell.colspan]
        cy0 = ys[cell.row]
        cy1 = cy0 - heights[cell.row]
        if style == "ruled" or (style == "cols" and cell.row < table.header_rows):
            c.rect(cx0, cy1, cx1 - cx0, cy0 - cy1, stroke=1, fill=0)  # type: ignore[attr-defined]
        elif style == "filled":
            head = cell.row < table.header_rows
            c.setStrokeGray(FILLED_RULE_GREY)  # type: ignore[attr-defined]
            c.setFillGray(FILLED_HEADER_GREY if head else 1.0)  # type: ignore[attr-defined]
            c.rect(cx0, cy1, cx1 - cx0, cy0 - cy1, stroke=1, fill=int(head))  # type: ignore[attr-defined]
            c.setFillGray(0.0)  # type: ignore[attr-defined]
        elif style == "rows":
            c.line(xs[0], cy1, xs[-1], cy1)  # type: ignore[attr-defined]
            if cell.row == rows[0]:
                c.line(xs[0], cy0, xs[-1], cy0)  # type: ignore[attr-defined]
        lines = wrap(cell.text, cx1 - cx0 - 2 * pad)
        block = len(lines) * LEADING
        ty = cy0 - (heights[cell.row] - block) / 2 - LEADING + 2.5
        numeric = bool(re.fullmatch(r"[-\d,.%]+", cell.text))
        for ln in lines:
            if cell.colspan > 1 or cell.row < table.header_rows:
                c.drawCentredString((cx0 + cx1) / 2, ty, ln)  # type: ignore[attr-defined]
            elif numeric:
                c.drawRightString(cx1 - pad, ty, ln)  # type: ignore[attr-defined]
            else:
                c.drawString(cx0 + pad, ty, ln)  # type: ignore[attr-defined]
            ty -= LEADING
    body = [r for r in rows if r >= table.header_rows]
    if style == "cols" and body:  # the columns' walls down the body, and its foot; no row rules
        top, bottom = ys[body[0]], ys[body[-1]] - heights[body[-1]]
        for x in xs:
            c.line(x, top, x, bottom)  # type: ignore[attr-defined]
        c.line(xs[0], bottom, xs[-1], bottom)  # type: ignore[attr-defined]
        if body[0] == rows[0]:  # a continuation page without a header: the frame's top
            c.line(xs[0], top, xs[-1], top)  # type: ignore[attr-defined]


# ---------------------------------------------------------------- degraded scans


def degrade(gray: object, rng: random.Random, quality: int) -> bytes:
    """Skew (±2°), blur, noise and JPEG compression of one page image; returns JPEG bytes."""
    import cv2
    import numpy as np

    img = np.asarray(gray, dtype=np.uint8)
    h, w = img.shape
    angle = rng.uniform(-2.0, 2.0)
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    img = cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    sigma = rng.uniform(0.3, 0.8)
    img = cv2.GaussianBlur(img, (0, 0), sigma)
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, rng.uniform(4, 10), img.shape)
    img = np.clip(img.astype(np.float32) + noise, 0, 255).astype(np.uint8)
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return buf.tobytes()


def degrade_mild(gray: object, angle: float = 0.8, quality: int = 60) -> bytes:
    """A real page's mild degradation (rotated ``angle``°, 3×3 box blur, JPEG ``quality``); JPEG bytes."""
    import cv2
    import numpy as np

    img = np.asarray(gray, dtype=np.uint8)
    h, w = img.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    img = cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    img = cv2.blur(img, (3, 3))
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return buf.tobytes()


# ---------------------------------------------------------------- harsher degradations
# What archive scans carry beyond ``degrade``: a colour scan of grey or yellowish paper under uneven
# light, the reverse page showing through, faded ink, the scanner's dark bed around the page's edge,
# skew up to 4°, a slight perspective and the page's curl at the binding, speckle and JPEG 30–40; or
# a binarised (fax-like, 1-bit) page. Each takes the rendered grey page and a seeded ``rng`` and
# returns the file's bytes and suffix (bench/baselines.py ``render_pages`` ``degradation``).


def _warped(img: object, rng: random.Random, max_angle: float, bed: float) -> object:
    """``img`` (H×W float, 255 paper) skewed by up to ``max_angle``° (at least half of it), its corners
    moved by up to 0.6% of the page (perspective) and its rows bent near one side edge (the curl at the
    binding, shadowed), laid on a scanner bed of grey ``bed`` with 1–3% of it showing around the page."""
    import cv2
    import numpy as np

    h, w = img.shape
    side = rng.choice((0, 1))
    band = w * rng.uniform(0.05, 0.09)
    lift = h * rng.uniform(0.004, 0.008)
    x = np.arange(w, dtype=np.float32)
    depth = np.clip((band - (x if side == 0 else w - 1 - x)) / band, 0, 1) ** 2
    y = np.arange(h, dtype=np.float32)
    map_x = np.broadcast_to(x[None, :] + depth[None, :] * band * 0.08, (h, w)).astype(np.float32)
    map_y = (y[:, None] + depth[None, :] * lift * (y[:, None] / h - 0.5) * 2).astype(np.float32)
    img = cv2.remap(img, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=255.0)
    img = img * (1.0 - 0.35 * depth[None, :])  # the curl's shadow
    pad = [int(round(d * rng.uniform(0.01, 0.03))) for d in (h, h, w, w)]  # top, bottom, left, right
    H, W = h + pad[0] + pad[1], w + pad[2] + pad[3]
    angle = rng.choice((-1, 1)) * rng.uniform(max_angle / 2, max_angle)
    j = 0.006 * min(h, w)
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[px + pad[2] + rng.uniform(-j, j), py + pad[0] + rng.uniform(-j, j)] for px, py in src])
    persp = cv2.getPerspectiveTransform(src, dst)
    rot = np.vstack([cv2.getRotationMatrix2D((W / 2, H / 2), angle, 1.0), [0, 0, 1]])
    return cv2.warpPerspective(
        img, rot @ persp, (W, H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=bed
    )


def _speckle(img: object, rng: random.Random, per_mpx: float, value: float) -> object:
    """Dots of ``value`` (1–2 px), ``per_mpx`` per million pixels, at seeded places."""
    import cv2
    import numpy as np

    h, w = img.shape[:2]
    gen = np.random.default_rng(rng.randrange(1 << 30))
    for _ in range(int(per_mpx * h * w / 1e6)):
        cv2.circle(img, (int(gen.integers(w)), int(gen.integers(h))), int(gen.integers(1, 3)), value, -1)
    return img


def degrade_harsh(gray: object, rng: random.Random) -> tuple[bytes, str]:
    """A colour archive scan: faded ink (its darkness 55–80%), the reverse page showing through
    (mirrored, blurred, 10–20% of its ink), grey or yellowish paper under uneven light (down to 75%),
    ``_warped`` (skew up to 4°, perspective, curl, a dark bed around the page edge), blur, noise,
    speckle, and a colour JPEG of quality 30–40."""
    import cv2
    import numpy as np

    img = np.asarray(gray, dtype=np.float32)
    h, w = img.shape
    img = 255.0 - (255.0 - img) * rng.uniform(0.55, 0.8)
    back = cv2.GaussianBlur(np.ascontiguousarray(img[:, ::-1]), (0, 0), rng.uniform(1.5, 3.0))
    back = np.roll(back, rng.randint(-h // 40, h // 40), axis=0)
    img = img - rng.uniform(0.10, 0.20) * (255.0 - back)
    img = _warped(img, rng, 4.0, rng.uniform(25, 70))
    H, W = img.shape
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    cx, cy = rng.uniform(0, W), rng.uniform(0, H)
    dist = np.sqrt(((xx - cx) / W) ** 2 + ((yy - cy) / H) ** 2) / np.sqrt(2)
    light = 1.0 - rng.uniform(0.12, 0.25) * dist - rng.uniform(0.0, 0.06) * (xx / W)
    tint = rng.choice(((0.97, 0.93, 0.82), (0.90, 0.90, 0.89), (0.95, 0.90, 0.80)))  # R, G, B
    img = np.clip(img * light, 0, 255)
    img = cv2.GaussianBlur(img, (0, 0), rng.uniform(0.5, 1.0))
    rgb = np.stack([img * t for t in tint], axis=2)
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, rng.uniform(5, 10), rgb.shape)
    rgb = np.ascontiguousarray(np.clip(rgb + noise, 0, 255).astype(np.uint8))
    rgb = _speckle(rgb, rng, 60.0, (60, 60, 60))
    ok, buf = cv2.imencode(".jpg", rgb[..., ::-1], [cv2.IMWRITE_JPEG_QUALITY, rng.randint(30, 40)])
    assert ok
    return buf.tobytes(), ".jpg"


def degrade_binary(gray: object, rng: random.Random) -> tuple[bytes, str]:
    """A binarised (fax-like) scan: skew up to 3° on a dark bed, blur, noise, one global threshold
    (paper and ink 120–170 apart: thin strokes break or thicken), speckle; a 1-bit PNG."""
    import cv2
    import numpy as np

    img = np.asarray(gray, dtype=np.float32)
    img = _warped(img, rng, 3.0, 0.0)
    img = cv2.GaussianBlur(img, (0, 0), rng.uniform(0.6, 1.1))
    img = img + np.random.default_rng(rng.randrange(1 << 30)).normal(0, rng.uniform(8, 16), img.shape)
    bw = np.where(img > rng.uniform(120, 170), 255, 0).astype(np.uint8)
    bw = _speckle(bw, rng, 80.0, 0)
    bw = _speckle(bw, rng, 40.0, 255)
    ok, buf = cv2.imencode(".png", bw, [cv2.IMWRITE_PNG_BILEVEL, 1])
    assert ok
    return buf.tobytes(), ".png"


def degrade_samples(gray: object, rng: random.Random) -> tuple[bytes, str]:
    """``degrade`` with a JPEG quality of 45–80, as the samples' scans."""
    return degrade(gray, rng, rng.randint(45, 80)), ".jpg"


DEGRADATIONS = {"samples": degrade_samples, "harsh": degrade_harsh, "binary": degrade_binary}


def scan_of_page(pdf: Path, page: int, out: Path, dpi: int = 200) -> Path:
    """Page ``page`` (1-based) of ``pdf`` rendered at ``dpi`` and mildly degraded, as a JPEG at ``out``."""
    import pypdfium2 as pdfium
    from PIL import Image

    from extract.images import render_pdf_page

    doc = pdfium.PdfDocument(str(pdf))
    try:
        gray = render_pdf_page(doc[page - 1], dpi)
    finally:
        doc.close()
    Image.open(io.BytesIO(degrade_mild(gray))).save(out, quality="keep", dpi=(dpi, dpi))
    return out


def render_scans(pdf: Path, out_dir: Path, dpi: int, seed: int = 7) -> list[Path]:
    """Every page of ``pdf`` rasterised at ``dpi`` and degraded, as page-NNN.jpg in ``out_dir``."""
    import pypdfium2 as pdfium
    from PIL import Image

    from extract.images import render_pdf_page

    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{pdf.name}-{dpi}-{seed}")
    doc = pdfium.PdfDocument(str(pdf))
    paths: list[Path] = []
    for i in range(len(doc)):
        page = doc[i]
        gray = render_pdf_page(page, dpi)
        page.close()
        data = degrade(gray, rng, rng.randint(45, 80))
        path = out_dir / f"page-{i + 1:03d}.jpg"
        im = Image.open(io.BytesIO(data))
        im.save(path, quality="keep", dpi=(dpi, dpi))
        paths.append(path)
    doc.close()
    return paths


# ---------------------------------------------------------------- driver


def build(
    out: Path,
    seeds: list[str],
    styles: list[str],
    dpis: list[int],
    tables_spec: dict[str, str] | None = None,
    max_rows: int = 0,
) -> list[Path]:
    """Write PDFs, gold and scans; return the paths written (PDFs and scan folders)."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for prefix in seeds:
        tables = select(seed_tables(prefix), (tables_spec or {}).get(prefix, ""))
        for style in styles:
            pdf = out / f"{prefix}-{style}.pdf"
            gold = render_pdf(tables, pdf, style, max_rows=max_rows)
            doc = {"source": seed_path(prefix).name, "style": style, "tables": gold}
            pdf.with_suffix(".gold.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1), "utf-8")
            written.append(pdf)
            for dpi in dpis:
                folder = out / f"{prefix}-{style}-{dpi}dpi"
                render_scans(pdf, folder, dpi)
                folder.with_name(folder.name + ".gold.json").write_text(
                    json.dumps(doc, ensure_ascii=False, indent=1), "utf-8"
                )
                written.append(folder)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(ROOT / "samples" / "generated" / "scans"))
    ap.add_argument("--seeds", default="000,002")
    ap.add_argument("--styles", default="ruled,borderless")
    ap.add_argument("--dpi", default="150,200,300", help="comma-separated; '' for PDFs only")
    ap.add_argument("--tables", default="", help="per seed, e.g. '000:4-10;002:1'")
    ap.add_argument("--max-rows", type=int, default=0, help="body rows per page (0: as many as fit)")
    args = ap.parse_args(argv)
    spec = dict(part.split(":", 1) for part in args.tables.split(";") if part)
    written = build(
        Path(args.out),
        [s for s in args.seeds.split(",") if s],
        [s for s in args.styles.split(",") if s],
        [int(d) for d in args.dpi.split(",") if d],
        spec,
        args.max_rows,
    )
    for p in written:
        print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


# ---------------------------------------------------------------- scoring


def _key(text: str) -> str:
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", text).split())


def cell_recall(tables: list[object], gold: dict[str, object]) -> tuple[int, int]:
    """(gold cells recovered, gold non-empty cells): a gold cell is recovered when a table read from
    the document has the same text (whitespace and width folded) at the same position, after the
    best small shift of rows/columns; each gold table is matched to its best read table."""
    found = total = 0
    grids = []
    for t in tables:
        cells = {(c.row, c.col): _key(c.text) for c in t.cells}  # type: ignore[attr-defined]
        grids.append(cells)
    for gt in gold["tables"]:  # type: ignore[index]
        want = [(c["row"], c["col"], _key(c["text"])) for c in gt["cells"] if _key(c["text"])]
        total += len(want)
        best = 0
        for cells in grids:
            for dr in (-2, -1, 0, 1, 2):
                for dc in (-1, 0, 1):
                    hit = sum(1 for r, c, t in want if cells.get((r + dr, c + dc)) == t)
                    best = max(best, hit)
        found += best
    return found, total


def missed_cells(tables: list[object], gold: dict[str, object], limit: int = 20) -> list[str]:
    """Gold cells not recovered at their position in the best-matching table (for debugging)."""
    out: list[str] = []
    grids = [{(c.row, c.col): c.text for c in t.cells} for t in tables]  # type: ignore[attr-defined]
    for gi, gt in enumerate(gold["tables"]):  # type: ignore[index]
        want = [(c["row"], c["col"], c["text"]) for c in gt["cells"] if _key(c["text"])]
        best, best_cells, shift = -1, {}, (0, 0)
        for cells in grids:
            for dr in (-2, -1, 0, 1, 2):
                for dc in (-1, 0, 1):
                    hit = sum(1 for r, c, t in want if _key(cells.get((r + dr, c + dc), "")) == _key(t))
                    if hit > best:
                        best, best_cells, shift = hit, cells, (dr, dc)
        for r, c, t in want:
            got = best_cells.get((r + shift[0], c + shift[1]), "")
            if _key(got) != _key(t):
                out.append(f"table {gi} ({r},{c}): want {t!r} got {got!r}")
    return out[:limit]
