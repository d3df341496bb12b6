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
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from classify.analyze import analyze  # noqa: E402
from classify.model import Extraction  # noqa: E402
from extract import read  # noqa: E402
from samples.render import load_gold  # noqa: E402
from samples.scoring import Score as BaseScore  # noqa: E402
from samples.scoring import match_tables  # noqa: E402
from samples.synth import SynthDoc  # noqa: E402

SHAPE_FILES = {
    "tsv": "tables.tsv.txt",
    "cells": "cells.txt",
    "layout": "ruled.layout.txt",
    "raw": "ruled.raw.txt",
}
COMMITTED = ROOT / "samples" / "generated"

Key = tuple[str, str, str]


@dataclass
class Score(BaseScore):
    gold_by_type: Counter = field(default_factory=Counter)
    found_by_type: Counter = field(default_factory=Counter)
    missed: list[str] = field(default_factory=list)

    def add(self, o: Score) -> None:
        super().add(o)
        self.gold_by_type.update(o.gold_by_type)
        self.found_by_type.update(o.found_by_type)
        self.missed.extend(o.missed)


def _amount(value: object) -> str:
    return f"{Decimal(str(value)).quantize(Decimal('0.01'))}"


def _key(code: str, column: str, amount: object) -> Key:
    return (code or "", "".join(column.split()), _amount(amount))


def score(ex: Extraction, doc: SynthDoc, name: str = "") -> Score:
    """Match the extraction's line items against the gold document's."""
    s = Score(docs=1, gold=len(doc.line_items))
    types = {t.seq: t.table_type for t in doc.tables}
    pools: dict[int, dict[Key, list]] = defaultdict(lambda: defaultdict(list))
    for g in doc.line_items:
        pools[g.table_seq][_key(g.code, g.column, g.amount_yuan)].append(g)
        s.gold_by_type[types.get(g.table_seq, "?")] += 1
    gold_of = match_tables(ex.document.tables, doc.tables)
    # auto records first, so a pending duplicate does not take the gold item an auto one matches
    for rec in sorted(ex.line_items, key=lambda r: r.status != "auto"):
        s.records += 1
        key = _key(rec.code, rec.column, rec.amount_yuan)
        gt = gold_of.get(rec.table_seq)
        pool = pools[gt.seq] if gt is not None else {}
        right = bool(pool.get(key))
        if right:
            g = pool[key].pop()
            s.found += 1
            s.found_by_type[types.get(g.table_seq, "?")] += 1
        if rec.status == "auto":
            s.auto += 1
            if right:
                s.auto_right += 1
            else:
                s.wrong.append(
                    f"{name} t{rec.table_seq} r{rec.row}c{rec.col}: {rec.code or '-'} {rec.name[:16]} "
                    f"[{rec.column}] = {rec.amount_yuan}"
                )
        else:
            s.pending += 1
    for items in (x for pool in pools.values() for x in pool.values()):
        for g in items:
            s.missed.append(
                f"{name} {g.label or g.table_seq} ({types.get(g.table_seq)}) r{g.row}c{g.col}: "
                f"{g.code or '-'} {g.name[:16]} [{g.column}] = {g.amount_yuan}"
            )
    return s


def evaluate(folders: list[Path], shapes: list[str]) -> dict[str, Score]:
    results = {shape: Score() for shape in shapes}
    for folder in folders:
        doc, _ = load_gold(folder)
        for shape in shapes:
            path = folder / SHAPE_FILES[shape]
            if not path.exists():
                continue
            try:
                ex = analyze(read(path))
            except Exception as exc:  # noqa: BLE001 - a failed document counts, the run goes on
                results[shape].add(Score(docs=1, failed=1, gold=len(doc.line_items)))
                results[shape].wrong.append(f"{folder.name} {shape}: failed: {exc!r}")
                continue
            results[shape].add(score(ex, doc, f"{folder.name} {shape}"))
    return results


def report(results: dict[str, Score], show_wrong: int = 0, show_missed: int = 0) -> str:
    lines = [f"{'shape':7} {'docs':>4} {'gold':>6} {'recall':>7} {'auto prec':>9} {'pending':>8}"]
    for shape, s in results.items():
        failed = f"  ({s.failed} failed)" if s.failed else ""
        lines.append(
            f"{shape:7} {s.docs:>4} {s.gold:>6} {s.recall:>7.3f} {s.precision:>9.3f} "
            f"{s.pending_share:>8.3f}{failed}"
        )
    lines.append("recall per table type:")
    types = sorted({t for s in results.values() for t in s.gold_by_type})
    lines.append(f"  {'type':24} " + " ".join(f"{shape:>7}" for shape in results))
    for t in types:
        cells = []
        for s in results.values():
            n = s.gold_by_type.get(t, 0)
            cells.append(f"{s.found_by_type.get(t, 0) / n:>7.3f}" if n else f"{'-':>7}")
        n_all = max(s.gold_by_type.get(t, 0) for s in results.values())
        lines.append(f"  {t:24} " + " ".join(cells) + f"   ({n_all} items)")
    for shape, s in results.items():
        if show_wrong and s.wrong:
            lines.append(f"{shape}: wrong auto records (first {show_wrong} of {len(s.wrong)}):")
            lines.extend("  " + w for w in s.wrong[:show_wrong])
        if show_missed and s.missed:
            lines.append(f"{shape}: missed gold items (first {show_missed} of {len(s.missed)}):")
            lines.extend("  " + m for m in s.missed[:show_missed])
    return "\n".join(lines)


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
