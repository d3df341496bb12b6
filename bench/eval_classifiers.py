"""Grouped evaluation of the trained classifiers, printed.

    python bench/eval_classifiers.py           # the full configuration `digitize train` uses
    python bench/eval_classifiers.py --small   # a tiny configuration (seconds; for a smoke test)

No document is on both sides of a split: each seed is held out in turn (with all its generated
variants), and the synthetic/generated documents are split by department. Prints table-type
accuracy, indicator level2 macro-F1 (overall and by condition of the level cells) and the
reliability tables of both models. Writes nothing.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from classify.features import indicator_inputs, table_inputs  # noqa: E402
from classify.train import SMALL, Reliability, TrainConfig, build_examples, evaluate  # noqa: E402
from samples.training import training_set  # noqa: E402


def _reliability(name: str, rel: Reliability) -> None:
    print(f"\n{name} reliability (held-out predictions):")
    print(f"  {'bin':<11} {'n':>6} {'confidence':>11} {'accuracy':>9}")
    for b in rel.bins:
        print(
            f"  {b['lo']:.2f}–{b['hi']:.2f}  {int(b['count']):>6} {b['confidence']:>11.3f} {b['accuracy']:>9.3f}"
        )
    print(f"  expected calibration error {rel.ece:.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", action="store_true", help="tiny configuration")
    parser.add_argument("--db", default=None, help="add the reviewer corrections of a work store")
    args = parser.parse_args()
    config = SMALL if args.small else TrainConfig()
    start = time.perf_counter()
    tables, inds, _, _ = build_examples(args.db, config, training_set(config.data))
    ev = evaluate(
        tables,
        [table_inputs(e.table) for e in tables],
        inds,
        [indicator_inputs(e.level3, e.value, e.level1_cell, e.level2_cell, e.prev_level2) for e in inds],
        config,
    )
    print(f"folds: {'; '.join(ev.folds)}")
    print(f"\ntable type: {ev.table_n} held-out tables")
    print(f"  accuracy                     {ev.table_accuracy:.4f}")
    print(f"  accuracy, tables as read     {ev.table_accuracy_original:.4f}")
    print(f"  accuracy, damaged variants   {ev.table_accuracy_variants:.4f}")
    print(f"  accuracy, leave-one-seed-out {ev.table_accuracy_loso:.4f}")
    print(f"  accuracy, held-out depts     {ev.table_accuracy_departments:.4f}")
    print(f"\nindicator level2: {ev.indicator_n} held-out rows")
    print(f"  macro-F1                     {ev.level2_macro_f1:.4f}")
    print(f"  accuracy                     {ev.level2_accuracy:.4f}  (level1 {ev.level1_accuracy:.4f})")
    print(f"  macro-F1, leave-one-seed-out {ev.level2_macro_f1_loso:.4f}")
    print(f"  macro-F1, held-out depts     {ev.level2_macro_f1_departments:.4f}")
    for cond, m in ev.level2_by_condition.items():
        print(f"  {cond:<12} n={int(m['n']):<6} accuracy {m['accuracy']:.4f}  macro-F1 {m['macro_f1']:.4f}")
    _reliability("table type", ev.table_reliability)
    _reliability("indicator level2", ev.level2_reliability)
    print(f"\n{time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
