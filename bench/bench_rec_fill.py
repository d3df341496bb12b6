"""Fewer recogniser columns by a smaller line in the 48-px frame (issue #17), measured.

The scan path's own text-line crops are recorded while it reads generated scans, then recognised
again with each ``fill`` (the crop's height as a share of the recogniser's 48-px input, padded
with paper; crops lower than ``rec_text_fill_min_px`` keep the whole frame): input columns, CPU per line (one core, one thread) and the share of lines whose text
equals the reading at fill 1.0 (today's), for all lines and for amount-like lines:

    .venv/bin/python bench/bench_rec_fill.py samples/scans/000-ruled-150dpi --fills 1.0,0.85,0.75,0.67
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

AMOUNT = re.compile(r"^-?[\d,.]+$")


def record(folders: list[Path]) -> list:
    from extract.ocr import engine
    from extract.scan import read_image_folder

    eng = engine("")
    seen: list = []
    inner = eng.crops

    def crops(images):  # type: ignore[no-untyped-def]
        seen.extend(images)
        return inner(images)

    eng.crops = crops  # type: ignore[method-assign]
    try:
        for folder in folders:
            read_image_folder(folder)
    finally:
        del eng.crops
    return seen


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--fills", default="1.0,0.85,0.75")
    args = ap.parse_args()
    from extract.ocr import engine, tight

    images = record(args.folders)
    eng = engine("")
    base = None
    for fill in [float(f) for f in args.fills.split(",")]:
        eng.fill = fill
        lines = [tight(i) if i.ndim == 2 else i for i in images]
        cols = sum(
            int(48 * (fill if g.shape[0] >= eng.fill_min_px else 1.0) * g.shape[1] / max(g.shape[0], 1))
            for g in lines
        )
        t0 = time.process_time()
        out = [r[0] for r in eng.crops(images)]
        cpu = time.process_time() - t0
        if base is None:
            base = out
        same = sum(a == b for a, b in zip(out, base, strict=True))
        amt = [k for k, t in enumerate(base) if AMOUNT.match(t)]
        same_amt = sum(out[k] == base[k] for k in amt)
        print(
            f"fill {fill:.2f}: {len(images)} lines, {cols} columns, {cpu:.2f} s CPU "
            f"({1000 * cpu / max(1, len(images)):.1f} ms/line); same text {same / len(images):.3f}, "
            f"amount-like {same_amt}/{len(amt)}"
        )
        diffs = [(base[k], out[k]) for k in range(len(out)) if out[k] != base[k]]
        for a, b in diffs[:8]:
            print(f"    {a!r} -> {b!r}")
    eng.fill = 1.0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
