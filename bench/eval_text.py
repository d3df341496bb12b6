"""Line-item recall and auto precision of the text readers on synthetic disclosures.

    python bench/eval_text.py                                  # the committed set, samples/generated
    python bench/eval_text.py --dir /tmp/gen                   # any folder of synth_* documents
    python bench/eval_text.py --generate 20 --first-seed 1000  # render fresh documents first
    python bench/eval_text.py --shapes layout,raw --show-wrong 20 --show-missed 20

For every document folder (``samples.render.load_gold``) and every text shape (tsv:
tables.tsv.txt, cells: cells.txt, layout: ruled.layout.txt, raw: ruled.raw.txt) the file is
read with ``extract.read`` and analysed with ``classify.analyze.analyze``. A gold line item is
*found* when an extracted line item of the same document has the same code, column and
amount_yuan (each extracted record matches at most one gold item; a record is matched within
the gold table its table reproduces — same printed label, else same title — so a record of one
table cannot take the gold item of another). Printed per shape:
documents, gold items, recall, auto precision (records with status 'auto' that match a gold
item / all 'auto' records), pending share (pending records / all records) and the recall per
gold table type.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from samples.text_eval import COMMITTED, SHAPE_FILES, evaluate, report  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", type=Path, default=COMMITTED, help="folder of synth_* documents")
    ap.add_argument("--generate", type=int, default=0, help="render this many fresh documents first")
    ap.add_argument("--first-seed", type=int, default=1000, help="seed of the first generated document")
    ap.add_argument(
        "--shapes", default=",".join(SHAPE_FILES), help="comma-separated, of tsv,cells,layout,raw"
    )
    ap.add_argument("--show-wrong", type=int, default=0, help="list this many wrong auto records per shape")
    ap.add_argument("--show-missed", type=int, default=0, help="list this many missed gold items per shape")
    args = ap.parse_args(argv)
    shapes = [s for s in args.shapes.split(",") if s]
    if set(shapes) - set(SHAPE_FILES):
        ap.error(f"unknown shapes: {', '.join(sorted(set(shapes) - set(SHAPE_FILES)))}")
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.dir
        if args.generate:
            from samples.make_samples import make_samples

            folder = Path(tmp)
            make_samples(args.generate, folder, args.first_seed)
        folders = sorted(p for p in folder.glob("synth_*") if (p / "gold.json").exists())
        results = evaluate(folders, shapes)
    print(report(results, args.show_wrong, args.show_missed))
    print(f"({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
