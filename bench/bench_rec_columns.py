"""Where the recogniser's input columns go on the scan path (issue #17), measured.

The scan path reads a folder of page images (``extract.scan.read_image_folder``) with the engine's
``crops`` wrapped: every crop handed to the recogniser is recorded with the caller that cut it
(the page's text lines: ruled cells' lines or XY-cut pieces; the orientation vote; operator /
doubted re-reads; small print), its columns at the recogniser's 48-px height (as the engine fits
it: ``RapidEngine.columns``) and what it read (an amount, a code, text, nothing). Printed:
columns per page by caller and by reading, the columns of identical crops recognised again, and
the padding columns of the batches (each batch padded to its widest member)::

    .venv/bin/python bench/bench_rec_columns.py /tmp/pages/决算-200dpi [--pages 7-9]
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

AMOUNT = re.compile(r"^-?[\d,.]+$")
CODE = re.compile(r"^\d{3,7}$")
CALLERS = ("_pair_vote", "_line_words", "_cell_words", "_small_words", "_reread_small", "read_small")
CALLERS += ("reread_operators", "reread_doubted")


def _caller() -> str:
    names = [f.function for f in inspect.stack()[2:12]]
    for frame in inspect.stack()[2:12]:
        if frame.function == "_line_words":
            return "line:cells+others"
    return next((n for n in names if n in CALLERS), names[0] if names else "?")


def _kind(text: str) -> str:
    t = text.replace(" ", "")
    if not t:
        return "nothing"
    if CODE.match(t):
        return "code"
    if AMOUNT.match(t):
        return "amount"
    return "text"


def main() -> int:
    import cv2
    import numpy as np

    from bench.baselines import one_core
    from extract.ocr import engine, tight
    from extract.scan import read_image_folder

    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path)
    ap.add_argument("--pages", default="", help="page-NNN.jpg numbers to keep, '7-9' (default: all)")
    ap.add_argument("--fill", type=float, default=None, help="the line crops' fill (default: the setting)")
    args = ap.parse_args()
    one_core()
    folder = args.folder
    if args.pages:
        import tempfile

        from bench.baselines import parse_pages

        keep = set(parse_pages(args.pages))
        tmp = Path(tempfile.mkdtemp(prefix="rec-columns-"))
        for p in sorted(folder.glob("page-*.jpg")):
            if int(p.stem.split("-")[1]) in keep:
                (tmp / p.name).symlink_to(p.resolve())
        folder = tmp
    n_pages = len(list(folder.glob("*.jpg")))
    eng = engine("")
    if args.fill is not None:
        eng.fill = args.fill  # type: ignore[attr-defined]
    inner = eng.crops
    calls: list[tuple[str, list, list, float, int]] = []

    def crops(images, **kw):  # type: ignore[no-untyped-def]
        who = _caller()
        t0 = time.process_time()
        out = inner(images, **kw)
        calls.append((who, images, out, time.process_time() - t0, int(bool(kw.get("line_crops")))))
        return out

    eng.crops([np.full((32, 96), 255, dtype=np.uint8)])
    eng.crops = crops  # type: ignore[method-assign]
    c0 = time.process_time()
    try:
        read_image_folder(folder)
    finally:
        del eng.crops
    total_cpu = time.process_time() - c0
    by_caller: Counter = Counter()
    by_kind: Counter = Counter()
    cpu_caller: Counter = Counter()
    seen: dict[str, int] = {}
    again = again_n = 0
    pad = 0
    n_crops = 0
    widths = defaultdict(list)
    heights = defaultdict(list)
    for who, images, out, spent, filled in calls:
        cpu_caller[who] += spent
        cols, padding = eng.columns(images, line_crops=bool(filled))  # type: ignore[attr-defined]
        pad += padding
        for img, c, (text, _conf) in zip(images, cols, out, strict=True):
            n_crops += 1
            by_caller[who] += c
            by_kind[_kind(text)] += c
            widths[_kind(text)].append(c)
            heights[_kind(text)].append(int(tight(img).shape[0]) if img.ndim == 2 else int(img.shape[0]))
            key = hashlib.sha1(cv2.imencode(".png", np.ascontiguousarray(img))[1].tobytes()).hexdigest()
            if key in seen:
                again += c
                again_n += 1
            seen[key] = 1
    cols_all = sum(by_caller.values())
    print(
        f"{folder}: {n_pages} pages, {n_crops} crops in {len(calls)} calls; {cols_all / n_pages:.0f} columns "
        f"per page (+{pad / n_pages:.0f} padding); read_image_folder {total_cpu / n_pages:.2f} s CPU per page, "
        f"recogniser {sum(cpu_caller.values()) / n_pages:.2f}"
    )
    for who, c in by_caller.most_common():
        print(f"  {who:22s} {c / n_pages:7.0f} columns/page  {cpu_caller[who] / n_pages:5.2f} s/page")
    for kind, c in by_kind.most_common():
        ws = widths[kind]
        hs = np.percentile(heights[kind], [10, 50, 90]).astype(int).tolist()
        print(
            f"  read as {kind:12s} {c / n_pages:7.0f} columns/page  {len(ws):4d} crops, median {np.median(ws):.0f} "
            f"columns, ink height p10/50/90 {hs} px"
        )
    print(f"  identical crops recognised again: {again_n} ({again / n_pages:.0f} columns/page)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
