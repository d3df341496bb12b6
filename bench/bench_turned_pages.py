"""Pages turned by 0°, 90°, 180° and 270° read by the scan path, and whether each is turned back.

Every page image of the folders given (e.g. the renders ``bench_real_scans.py --out`` keeps) is
turned clockwise by each of ``--turns`` and read as the scan path reads a page
(``extract.scanpage.read_scan_page``: orientation, then layout and recognition); a page is right
when the turn it reports undoes the one applied. Printed per turn: pages turned back, the
orientation vote's crops recognised (``extract.orient``'s ``_pair_vote``) and CPU seconds per
page on one core::

    .venv/bin/python bench/bench_turned_pages.py /tmp/pages/决算-200dpi /tmp/pages/泉州-200dpi
"""

from __future__ import annotations

import argparse
import inspect
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    import cv2

    from bench.baselines import one_core
    from extract.ocr import engine
    from extract.orient import turn
    from extract.scanpage import read_scan_page

    ap = argparse.ArgumentParser()
    ap.add_argument("folders", nargs="+")
    ap.add_argument("--turns", default="0,90,180,270")
    ap.add_argument("--dpi", type=float, default=200.0)
    args = ap.parse_args()
    one_core()
    eng = engine("")
    voted = [0]
    own = eng.crops

    class Counting:  # the engine with its crops counted when the orientation vote asks for them
        name, lines, page = eng.name, True, eng.page

        def crops(self, images: list, line_crops: bool = False) -> list:
            if any(f.function == "_pair_vote" for f in inspect.stack()[1:6]):
                voted[0] += len(images)
            return own(images, line_crops)

    counting = Counting()
    pages = [p for folder in args.folders for p in sorted(Path(folder).glob("page-*.*"))]
    turns = [int(t) for t in args.turns.split(",")]
    wrong_all = 0
    for degrees in turns:
        right, wrong, cpu = 0, [], 0.0
        voted[0] = 0
        for path in pages:
            gray = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
            t = time.process_time()
            scan = read_scan_page(turn(gray, degrees), args.dpi / 72.0, 1, counting)  # type: ignore[arg-type]
            cpu += time.process_time() - t
            if (scan.turn + degrees) % 360 == 0:
                right += 1
            else:
                wrong.append(f"{path.parent.name[:12]}/{path.name}→{scan.turn}")
        wrong_all += len(wrong)
        print(
            f"turned {degrees:3d}: {right}/{len(pages)} turned back, vote crops {voted[0]}, "
            f"{cpu / max(1, len(pages)):.2f} s/page CPU" + (f"  wrong: {', '.join(wrong)}" if wrong else "")
        )
    print(f"all: {len(pages) * len(turns) - wrong_all}/{len(pages) * len(turns)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
