"""Page images in: PDF pages rasterised with pypdfium2, PNG/JPG/TIFF/BMP (multi-page TIFF too),
a folder of page images. Every page comes out as an 8-bit grayscale ``numpy`` array.

Decompression bombs are refused before any pixel is decoded: a page above ``MAX_PIXELS`` pixels
(or a PDF page that would render above it) is a ``ReadError`` naming the file.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from extract.model import ReadError
from extract.reasons import reason
from extract.seals import gray_without_seals

MAX_PIXELS = 120_000_000  # ≈ A0 at 300 dpi; anything larger is refused as a decompression bomb
MAX_PAGES = 2000
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp"})


@dataclass
class PageImage:
    """One page as pixels: ``gray`` is H×W uint8; ``dpi`` is what the file says (or was rendered at)."""

    number: int  # 1-based
    gray: np.ndarray
    dpi: float = 0.0
    source: str = ""
    seal: np.ndarray | None = None  # H×W bool: the region red/blue seals covered (``extract.seals``)

    @property
    def width(self) -> int:
        return int(self.gray.shape[1])

    @property
    def height(self) -> int:
        return int(self.gray.shape[0])


def natural_key(path: Path) -> list[object]:
    """Sort key that puts page2 before page10 (and Page3 after page2: letters compare case-blind)."""
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", path.name)]


def is_hidden(path: Path) -> bool:
    """A hidden entry (.DS_Store, ._page1.png, .git): never an input, never a page."""
    return path.name.startswith(".")


def folder_entries(folder: str | Path) -> list[Path]:
    """The entries of a folder that may be inputs (files and folders, hidden ones left out), in natural order."""
    return sorted((f for f in Path(folder).iterdir() if not is_hidden(f)), key=natural_key)


def is_page_image(path: Path) -> bool:
    """A file named as a page image (PNG, JPEG, TIFF, BMP), not hidden."""
    return path.is_file() and not is_hidden(path) and path.suffix.lower() in IMAGE_SUFFIXES


def folder_images(folder: str | Path) -> list[Path]:
    """The page images of a folder, in natural order (hidden files left out)."""
    return [f for f in folder_entries(folder) if is_page_image(f)]


def is_image_folder(folder: str | Path) -> bool:
    """Whether a folder is one document of page images: it holds page images alone (hidden files aside)."""
    entries = folder_entries(folder)
    return bool(entries) and all(is_page_image(f) for f in entries)


def content_hash(path: str | Path) -> tuple[str, int]:
    """SHA-256 of an input and its size in bytes: a file's bytes, or a folder's page images' bytes in
    page order (what the readers key a document by, so an input is known again by its content)."""
    p = Path(path)
    h = hashlib.sha256()
    size = 0
    for f in folder_images(p) if p.is_dir() else [p]:
        with f.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
                size += len(chunk)
    return h.hexdigest(), size


def _to_gray_and_seal(frame: object) -> tuple[np.ndarray, np.ndarray | None]:
    """A frame in grayscale; a colour frame with its red/blue seals taken out (and their region)."""
    from PIL import Image

    assert isinstance(frame, Image.Image)
    if frame.mode in ("1", "L"):
        return np.asarray(frame.convert("L"), dtype=np.uint8), None
    if frame.mode in ("I;16", "I;16B", "I;16L", "I"):
        arr = np.asarray(frame, dtype=np.float64)
        top = float(arr.max()) or 1.0
        return (arr * (255.0 / top)).clip(0, 255).astype(np.uint8), None
    if frame.mode in ("RGBA", "LA", "PA") or (frame.mode == "P" and "transparency" in frame.info):
        rgba = frame.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        frame = Image.alpha_composite(white, rgba)
    if frame.mode == "LA":
        return np.asarray(frame.convert("L"), dtype=np.uint8), None
    return gray_without_seals(np.asarray(frame.convert("RGB"), dtype=np.uint8))


def load_image_file(path: str | Path, first_number: int = 1) -> list[PageImage]:
    """Every frame of an image file (multi-page TIFF gives several pages)."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    name = str(path)
    pages: list[PageImage] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(name) as im:
                for i, frame in enumerate(ImageSequence.Iterator(im)):
                    if i >= MAX_PAGES:
                        raise ReadError(name, reason("read.too_many_pages", limit=MAX_PAGES))
                    w, h = frame.size
                    if w * h > MAX_PIXELS:
                        raise ReadError(
                            name, reason("read.page_too_big", page=i + 1, width=w, height=h, limit=MAX_PIXELS)
                        )
                    if w < 16 or h < 16:
                        raise ReadError(name, reason("read.page_too_small", page=i + 1, width=w, height=h))
                    dpi = frame.info.get("dpi", (0, 0))
                    try:
                        dpi_x = float(dpi[0]) if isinstance(dpi, tuple | list) else float(dpi)
                    except (TypeError, ValueError):
                        dpi_x = 0.0
                    frame.load()
                    gray, seal = _to_gray_and_seal(frame)
                    pages.append(PageImage(first_number + i, gray, dpi_x, name, seal))
    except ReadError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ReadError(name, reason("read.decompression_bomb", error=str(exc))) from exc
    except UnidentifiedImageError as exc:
        raise ReadError(name, reason("read.bad_image")) from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ReadError(name, reason("read.damaged_image", error=str(exc))) from exc
    if not pages:
        raise ReadError(name, reason("read.image_empty"))
    return pages


def load_image_folder(folder: str | Path) -> list[PageImage]:
    """A folder of page images as one document's pages, in natural order."""
    files = folder_images(folder)
    if not files:
        raise ReadError(str(folder), reason("read.folder_empty"))
    pages: list[PageImage] = []
    for f in files:
        pages.extend(load_image_file(f, first_number=len(pages) + 1))
    return pages


def open_pdf(path: str | Path) -> object:
    """A ``pypdfium2.PdfDocument``; damaged, encrypted or empty files are a ``ReadError``."""
    import pypdfium2 as pdfium

    name = str(path)
    try:
        pdf = pdfium.PdfDocument(name)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower() or "security" in msg.lower():
            raise ReadError(name, reason("read.pdf_encrypted")) from exc
        raise ReadError(name, reason("read.pdf_damaged", error=msg)) from exc
    if len(pdf) == 0:
        pdf.close()
        raise ReadError(name, reason("read.pdf_empty"))
    if len(pdf) > MAX_PAGES:
        pdf.close()
        raise ReadError(name, reason("read.too_many_pages", limit=MAX_PAGES))
    return pdf


def render_pdf_page(page: object, dpi: float) -> np.ndarray:
    """One ``pypdfium2.PdfPage`` rendered to grayscale at ``dpi``."""
    w, h = page.get_size()  # type: ignore[attr-defined]
    scale = dpi / 72.0
    if w * scale * h * scale > MAX_PIXELS:
        raise ValueError(f"page of {w:.0f}×{h:.0f} pt would render above {MAX_PIXELS} pixels at {dpi} dpi")
    bitmap = page.render(scale=scale, grayscale=True)  # type: ignore[attr-defined]
    arr = bitmap.to_numpy()
    if arr.ndim == 3:
        arr = arr[..., 0] if arr.shape[2] == 1 else arr[..., :3].mean(axis=2).astype(np.uint8)
    return np.ascontiguousarray(arr, dtype=np.uint8)


def iter_pdf_images(path: str | Path, dpi: float = 200.0) -> Iterator[PageImage]:
    """Every page of a PDF rendered at ``dpi`` (used for scanned PDFs and overlays)."""
    pdf = open_pdf(path)
    try:
        for i in range(len(pdf)):  # type: ignore[arg-type]
            page = pdf[i]  # type: ignore[index]
            try:
                yield PageImage(i + 1, render_pdf_page(page, dpi), dpi, str(path))
            finally:
                page.close()
    finally:
        pdf.close()  # type: ignore[attr-defined]


# ---- scanned pages in colour (extract.seals)


def render_scan_page(page: object, dpi: float) -> tuple[np.ndarray, np.ndarray | None]:
    """An image-only ``pypdfium2.PdfPage`` rendered in colour at ``dpi`` and returned in grayscale
    with its red/blue seals taken out, and the seals' region (``None`` without a seal)."""
    w, h = page.get_size()  # type: ignore[attr-defined]
    scale = dpi / 72.0
    if w * scale * h * scale > MAX_PIXELS:
        raise ValueError(f"page of {w:.0f}×{h:.0f} pt would render above {MAX_PIXELS} pixels at {dpi} dpi")
    bitmap = page.render(scale=scale, rev_byteorder=True)  # type: ignore[attr-defined]
    arr = bitmap.to_numpy()
    if arr.ndim == 2:
        return np.ascontiguousarray(arr, dtype=np.uint8), None
    return gray_without_seals(arr[..., :3])
