"""Routing quality on synthetic disclosures: are the records accepted without review right?

    python bench/eval_routing.py                      # 12 documents, the four text shapes
    python bench/eval_routing.py --docs 40 --first 100 --shapes tsv,cells,layout,raw
    python bench/eval_routing.py --docs 2 --shapes scan   # degraded scans (OCR; slow)

For each document (``samples.synth.make_document(seed)``: other counties, departments, years)
and each shape, the document is rendered (tab-separated, cell-per-line, ``pdftotext -layout``,
``pdftotext -raw``, or a degraded scan of the ruled PDF when ``samples/make_scans.py`` is
there), read with ``extract.read``, analysed with ``classify.analyze.analyze``, and every line
item is matched to the gold line items of its table. A record is *exactly right* when a gold
item of the same table has the same code, column and amount (and, for rows without a code, the
same name). Printed per shape and overall:

* auto precision: exactly right / records accepted without review (status 'auto')
* review share:   records routed to review / all records
* recall:         gold line items some extracted record matches exactly / all gold line items
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from classify.analyze import DEFAULT_ROUTING, Routing  # noqa: E402
from samples.routing_eval import SHAPES, TEXT_SHAPES, evaluate, report  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=12, help="how many synthetic documents")
    ap.add_argument("--first", type=int, default=1000, help="seed of the first document")
    ap.add_argument(
        "--shapes", default=",".join(TEXT_SHAPES), help=f"comma-separated, of {', '.join(SHAPES)}"
    )
    ap.add_argument("--threshold", type=float, default=DEFAULT_ROUTING.record_threshold)
    ap.add_argument("--show-wrong", type=int, default=10, help="list this many wrong auto-accepted records")
    args = ap.parse_args(argv)
    shapes = [s for s in args.shapes.split(",") if s]
    unknown = set(shapes) - set(SHAPES)
    if unknown:
        ap.error(f"unknown shapes: {', '.join(sorted(unknown))}")
    routing = Routing(record_threshold=args.threshold, table_threshold=DEFAULT_ROUTING.table_threshold)
    start = time.perf_counter()
    results = evaluate(range(args.first, args.first + args.docs), shapes, routing)
    print(report(results, args.show_wrong))
    print(f"({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
