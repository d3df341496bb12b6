"""Planted problems found, per kind and input shape, and false alarms on clean documents.

    PYTHONPATH=. python bench/eval_findings.py [--docs N] [--first-seed S] [--shapes tsv,cells,...]

Generates ``--docs`` documents the project has not seen (seeds from ``--first-seed``), gives each its
编制说明 (``samples.inject.narrated``), plants every kind of problem in a copy (``samples.inject``), renders
each in every shape, reads and analyses it, and counts a plant found when a check of
``samples.inject.EXPECTED[kind]`` reports it as a warning or an error. Clean documents (narrated, no
plant) count every warning and error as a false alarm.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from classify.analyze import analyze
from extract.pdf import read_pdf
from extract.text import read_text
from samples.inject import EXPECTED, KINDS, narrated, plant
from samples.render import write_renderings
from samples.synth import make_document

SHAPES = ("tsv", "cells", "ruled_pdf", "borderless_pdf", "layout_txt", "raw_txt")


def _read(path: Path):
    return read_pdf(path) if path.suffix == ".pdf" else read_text(str(path))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=3)
    ap.add_argument("--first-seed", type=int, default=15000)
    ap.add_argument("--shapes", default=",".join(SHAPES))
    ap.add_argument("--verbose", action="store_true", help="print each miss and false alarm")
    args = ap.parse_args()
    shapes = [s for s in args.shapes.split(",") if s]
    found: Counter[tuple[str, str]] = Counter()
    planted: Counter[tuple[str, str]] = Counter()
    alarms: Counter[tuple[str, str]] = Counter()
    clean_docs: Counter[str] = Counter()
    alarm_checks: dict[str, Counter[str]] = defaultdict(Counter)
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(args.first_seed, args.first_seed + args.docs):
            base = make_document(seed)
            variants = [("clean", narrated(base))] + [(k, plant(base, k)) for k in KINDS]
            for kind, doc in variants:
                if doc is None:
                    continue
                folder = Path(tmp) / kind
                info = write_renderings(doc, folder, shapes, prose=True)
                for shape in shapes:
                    path = folder / doc.doc_id / info[shape]["file"]
                    extraction = analyze(_read(path))
                    serious = [f for f in extraction.findings if f.severity in ("warning", "error")]
                    if kind == "clean":
                        clean_docs[shape] += 1
                        if serious:
                            alarms[("clean", shape)] += 1
                            for f in serious:
                                alarm_checks[shape][f.check] += 1
                                if args.verbose:
                                    print(
                                        f"false alarm seed {seed} {shape}: {f.check} {f.message}",
                                        file=sys.stderr,
                                    )
                        continue
                    planted[(kind, shape)] += 1
                    if any(f.check in EXPECTED[kind] for f in serious):
                        found[(kind, shape)] += 1
                    elif args.verbose:
                        got = sorted({f.check for f in serious})
                        print(f"missed seed {seed} {kind} {shape}: got {got}", file=sys.stderr)
    print(f"{'kind':<18}" + "".join(f"{s:>16}" for s in shapes))
    for kind in KINDS:
        cells = [f"{found[(kind, s)]}/{planted[(kind, s)]}" for s in shapes]
        print(f"{kind:<18}" + "".join(f"{c:>16}" for c in cells))
    shown = [f"{alarms[('clean', s)]}/{clean_docs[s]}" for s in shapes]
    print(f"{'clean: alarms':<18}" + "".join(f"{c:>16}" for c in shown))
    for shape, checks in alarm_checks.items():
        print(f"  false alarms {shape}: " + ", ".join(f"{c} {n}" for c, n in checks.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
