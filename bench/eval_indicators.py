"""Indicators of performance-target tables, per shape, on generated documents the project has not seen.

    python bench/eval_indicators.py                          # 12 documents from seed 9000, text and PDF shapes
    python bench/eval_indicators.py --docs 40 --first 20000 --shapes tsv,cells,layout,raw,ruled,borderless
    python bench/eval_indicators.py --docs 3 --shapes scan   # degraded scans (OCR; slow)

Each document (``samples.synth.make_document(seed)``) is rendered in each shape (tab-separated,
one cell per line, ``pdftotext -layout``, ``pdftotext -raw``, ruled and borderless PDF, degraded
scans of the ruled PDF), read, analysed, and its indicator records matched to the gold indicators
by name and value (``samples.indicator_eval``). Printed per shape: indicator recall, level-2
accuracy, auto-accepted precision (name, level 2 and value all right), review share, and the shares
of found indicators whose project, project amount and annual target are right. Pick seeds outside
the committed samples (244..249) and the training set's (``samples/training.py``) to measure on
documents the project has not seen.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from samples.indicator_eval import DEFAULT_SHAPES, SHAPES, evaluate, report  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=12, help="how many synthetic documents")
    ap.add_argument("--first", type=int, default=9000, help="seed of the first document")
    ap.add_argument(
        "--shapes", default=",".join(DEFAULT_SHAPES), help=f"comma-separated, of {', '.join(SHAPES)}"
    )
    ap.add_argument(
        "--show-wrong", type=int, default=10, help="list this many wrong auto-accepted indicators"
    )
    ap.add_argument("--show-missed", type=int, default=10, help="list this many missed gold indicators")
    ap.add_argument(
        "--show-project", type=int, default=10, help="list this many found indicators of a wrong project"
    )
    args = ap.parse_args(argv)
    shapes = [s for s in args.shapes.split(",") if s]
    unknown = set(shapes) - set(SHAPES)
    if unknown:
        ap.error(f"unknown shapes: {', '.join(sorted(unknown))}")
    start = time.perf_counter()
    results = evaluate(range(args.first, args.first + args.docs), shapes)
    print(report(results, args.show_wrong, args.show_missed, args.show_project))
    print(f"({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
