"""Line-item recall and auto precision of the text readers on synthetic disclosures (see bench/eval_text.py).

The measure behind ``bench/eval_text.py`` (which prints it), kept here so the tests can use it too.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from classify.analyze import analyze
from classify.model import Extraction
from extract import read
from samples.render import load_gold
from samples.scoring import Score as BaseScore
from samples.scoring import match_tables
from samples.synth import SynthDoc

ROOT = Path(__file__).resolve().parents[1]

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
