"""What the scan benchmarks share: one-core timing, peak memory of a fresh reader, and the
systems measured in virtual environments of their own (bench/.venvs/, made on first use, so
their OpenCV and onnxruntime never touch ours):

* ``img2table``   img2table 2.0 + tesseract chi_sim over page files (``run_img2table``);
* ``rapidocr3``   rapidocr 3.x with the PP-OCRv6 small models its wheel ships, used by
  bench/recognise_crops.py to recognise the pipeline's own crops (``recognise``).

Used by bench/bench_scan.py, bench/bench_ocr.py and bench/bench_real_scans.py.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENVS = ROOT / "bench" / ".venvs"
IMG2TABLE_PINS = ("img2table==2.0.0",)
RAPIDOCR3_PINS = ("rapidocr==3.10.0", "onnxruntime==1.32.0")  # the same onnxruntime as ours
RECOGNISER = ROOT / "bench" / "recognise_crops.py"

IMG2TABLE_RUNNER = r"""
import json, resource, sys, time
from img2table.document import Image
from img2table.ocr import TesseractOCR
ocr = TesseractOCR(n_threads=1, lang="chi_sim")
out = []
def cpu():
    ch = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + ch.ru_utime + ch.ru_stime
for path in sys.argv[1:]:
    t = time.perf_counter()
    c0 = cpu()
    try:
        doc = Image(path, detect_rotation=False)
        tables = doc.extract_tables(ocr=ocr, implicit_rows=True, implicit_columns=True, borderless_tables=True)
    except Exception as exc:
        print(f"img2table failed on {path}: {exc!r}", file=sys.stderr)
        tables = []
    dt = time.perf_counter() - t
    dc = cpu() - c0
    cells = []
    for k, tb in enumerate(tables):
        for r, row in tb.content.items():
            for c, cell in enumerate(row):
                cells.append([k, r, c, cell.value or ""])
    out.append({"path": path, "seconds": dt, "cpu": dc, "cells": cells})
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print("IMG2TABLE-JSON " + json.dumps({"pages": out, "peak_kb": peak}, ensure_ascii=False))
"""


@dataclass
class BaselineCell:
    row: int
    col: int
    text: str


@dataclass
class BaselineTable:
    page: int  # 1-based position of the page file in the list given
    cells: list[BaselineCell] = field(default_factory=list)


@dataclass
class BaselineRun:
    tables: list[BaselineTable]
    seconds: float  # wall
    cpu: float  # CPU seconds, child processes (tesseract) included
    peak_mb: float = float("nan")  # the largest RSS of the runner or one of its children


def cpu() -> float:
    """CPU seconds of this process and its finished children."""
    ch = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + ch.ru_utime + ch.ru_stime


def one_core() -> int:
    """Pin this process (and every child it starts) to one core, one thread per library; the core."""
    for var in ("OMP_THREAD_LIMIT", "OMP_NUM_THREADS", "DIGITIZE_OCR_THREADS"):
        os.environ[var] = "1"
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return core


def ensure_venv(name: str, pins: tuple[str, ...], probe: str) -> Path | None:
    """bench/.venvs/<name>'s python, creating the venv and installing ``pins`` on first use."""
    venv = VENVS / name
    py = venv / "bin" / "python"
    if py.exists() and subprocess.run([str(py), "-c", probe], capture_output=True).returncode == 0:
        return py
    VENVS.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "-q", *pins], check=True)
    except subprocess.CalledProcessError as exc:
        print(f"{name}: could not set up {venv}: {exc}", file=sys.stderr)
        return None
    return py


def ensure_img2table() -> Path | None:
    return ensure_venv("img2table", IMG2TABLE_PINS, "import img2table")


def ensure_rapidocr3() -> Path | None:
    return ensure_venv("rapidocr3", RAPIDOCR3_PINS, "import rapidocr, onnxruntime")


def run_img2table(pages: list[Path]) -> BaselineRun:
    """img2table's tables over ``pages``, its wall and CPU seconds (tesseract included), peak RSS."""
    nan = float("nan")
    py = ensure_img2table()
    if py is None:
        return BaselineRun([], nan, nan)
    env = dict(os.environ, OMP_THREAD_LIMIT="1", OMP_NUM_THREADS="1")
    proc = subprocess.run(
        [str(py), "-c", IMG2TABLE_RUNNER, *map(str, pages)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if proc.returncode != 0:
        print(proc.stderr[-2000:], file=sys.stderr)
        return BaselineRun([], nan, nan)
    marker = "IMG2TABLE-JSON "
    at = proc.stdout.rfind(marker)
    if at < 0:
        print(f"img2table printed no result: {proc.stdout[-500:]} {proc.stderr[-1500:]}", file=sys.stderr)
        return BaselineRun([], nan, nan)
    data = json.loads(proc.stdout[at + len(marker) :].strip())
    tables: dict[tuple[int, int], BaselineTable] = {}
    for i, page in enumerate(data["pages"]):
        for k, r, c, text in page["cells"]:
            tables.setdefault((i, k), BaselineTable(i + 1)).cells.append(BaselineCell(r, c, text))
    return BaselineRun(
        list(tables.values()),
        sum(p["seconds"] for p in data["pages"]),
        sum(p["cpu"] for p in data["pages"]),
        data["peak_kb"] / 1024,
    )


def recognise(engine: str, crops: Path, out: Path) -> dict:
    """bench/recognise_crops.py run by ``engine``'s python (PP-OCRv6: the rapidocr3 venv; PP-OCRv4 and
    tesseract: ours) over the crops saved in ``crops``; its result (texts, CPU seconds, peak RSS)."""
    return _run_recogniser(engine, [str(crops), str(out)], out)


def detect(engine: str, pages: list[Path], out: Path) -> dict:
    """``engine``'s own detector + recogniser (``pp-ocrv4-det``, ``pp-ocrv6-det``) over whole pages:
    CPU seconds and lines found per page (bench/recognise_crops.py)."""
    return _run_recogniser(engine, [str(out), *map(str, pages)], out)


def _run_recogniser(engine: str, args: list[str], out: Path) -> dict:
    py = ensure_rapidocr3() if engine.startswith("pp-ocrv6") else Path(sys.executable)
    if py is None:
        raise RuntimeError("rapidocr 3.x could not be installed into bench/.venvs/rapidocr3")
    env = dict(os.environ, PYTHONPATH=str(ROOT), OMP_THREAD_LIMIT="1", OMP_NUM_THREADS="1")
    if engine == "pp-ocrv4-shipped":
        env["DIGITIZE_OCR_SIMPLIFY"] = "0"
    proc = subprocess.run(
        [str(py), str(RECOGNISER), engine, *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{engine} failed on {args[0]}: {proc.stderr[-2000:]}")
    return json.loads(out.read_text("utf-8"))


def peak_rss_reading(page: Path, ocr: str = "") -> float:
    """Peak RSS (MB) of a fresh process that reads one page (imports and models included). Taken
    from the child's own VmHWM: its ru_maxrss would start at this (large) process's RSS at fork."""
    code = (
        f"import resource, sys; sys.path.insert(0, {str(ROOT)!r}); from extract.scan import read_image; "
        f"read_image({str(page)!r}, ocr={ocr!r}); "
        "hwm = [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:')]; "
        "print(hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return int(out.strip().splitlines()[-1]) / 1024


def render_pages(
    pdf: Path, pages: list[int], dpi: int, out_dir: Path, seed: int = 7, degradation: str = "samples"
) -> list[Path]:
    """Pages ``pages`` (1-based) of ``pdf`` rasterised at ``dpi`` and degraded, as page-NNN.jpg (or
    .png: a binarised page) in ``out_dir`` (NNN: the PDF's page number). ``degradation`` names one of
    samples/make_scans.py ``DEGRADATIONS``: ``samples`` (``degrade``: skew ≤ 2°, blur, noise, JPEG
    45–80), ``harsh`` (a colour archive scan) or ``binary`` (1-bit, fax-like)."""
    import io
    import random

    import pypdfium2 as pdfium
    from PIL import Image

    from extract.images import render_pdf_page
    from samples.make_scans import DEGRADATIONS

    make = DEGRADATIONS[degradation]
    out_dir.mkdir(parents=True, exist_ok=True)
    doc = pdfium.PdfDocument(str(pdf))
    paths: list[Path] = []
    for number in pages:
        key = f"{pdf.name}-{number}-{dpi}-{seed}"
        rng = random.Random(key if degradation == "samples" else f"{key}-{degradation}")
        page = doc[number - 1]
        gray = render_pdf_page(page, dpi)
        page.close()
        data, suffix = make(gray, rng)
        path = out_dir / f"page-{number:03d}{suffix}"
        with Image.open(io.BytesIO(data)) as im:
            if suffix == ".jpg":
                im.save(path, quality="keep", dpi=(dpi, dpi))
            else:
                im.save(path, dpi=(dpi, dpi))
        paths.append(path)
    doc.close()
    return paths


def parse_pages(spec: str) -> list[int]:
    """'7-9,12' → [7, 8, 9, 12]."""
    out: list[int] = []
    for part in spec.split(","):
        if part.strip():
            a, _, b = part.partition("-")
            out.extend(range(int(a), int(b or a) + 1))
    return out
