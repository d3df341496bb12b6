"""The scan path's recogniser calls read again with another text-line fill, compared (issue #17).

Every call the scan path makes to the engine's ``crops`` on a folder of page images
(``extract.scan.read_image_folder``) is recorded with its readings; each call is then recognised
again with ``RapidEngine.fill`` (the share of the 48-px frame a text-line crop of at least
``TableSettings.rec_line_fill_min_px`` is fitted to) set to each value given. Printed per value:
CPU seconds of recognition, texts and amount readings that differ from the recorded ones, the
first differing texts::

    .venv/bin/python bench/bench_rec_fill.py /tmp/pages/决算-200dpi [--fills 0.75,0.70,0.65]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _amount(reading: Any) -> Any:
    return reading[2] if len(reading) > 2 else None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--fills", default="0.75,0.70,0.65")
    ap.add_argument("--show", type=int, default=12)
    args = ap.parse_args()

    from extract import scan
    from extract.ocr import engine

    eng = engine()
    calls: list[tuple[list[Any], bool, list[tuple[str, Any]]]] = []
    crops = type(eng).crops

    def recorded(self: Any, images: list[Any], line_crops: bool = False) -> list[Any]:
        out = crops(self, images, line_crops)
        calls.append(([i.copy() for i in images], line_crops, [(r[0], _amount(r)) for r in out]))
        return out

    type(eng).crops = recorded
    try:
        scan.read_image_folder(args.folder)
    finally:
        type(eng).crops = crops
    print(f"{args.folder}: {len(calls)} calls, {sum(len(c[0]) for c in calls)} crops")
    base_fill = eng.fill
    for fill in (float(x) for x in args.fills.split(",")):
        eng.fill = fill
        t = time.process_time()
        texts = amounts = 0
        shown: list[tuple[str, str]] = []
        for images, line_crops, before in calls:
            for (text, amount), r in zip(before, eng.crops(images, line_crops), strict=True):
                texts += r[0] != text
                amounts += _amount(r) != amount
                if r[0] != text and len(shown) < args.show:
                    shown.append((text, r[0]))
        cpu = time.process_time() - t
        print(f"fill {fill:.2f}: recognition {cpu:.2f} s CPU, texts differ {texts}, amounts differ {amounts}")
        for a, b in shown:
            print(f"    {a!r} -> {b!r}")
    eng.fill = base_fill


if __name__ == "__main__":
    main()
