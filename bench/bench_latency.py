"""Latency of the text reader and of the table-type model on the seeds, printed.

    python bench/bench_latency.py [--rounds 3]

Two figures, each the best of ``--rounds`` rounds (a busy machine slows a round, not the code):

* reading the whole seed set with ``extract.text.read_text`` (seconds; it read in under 1 s
  when this was a test assertion);
* ``classify.models.table_type_probabilities`` per seed table, the model loaded once first
  (milliseconds per table; under 5 ms).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from classify.models import table_type_probabilities  # noqa: E402
from extract import read  # noqa: E402
from extract.text import read_text  # noqa: E402

SEEDS = sorted((ROOT / "samples" / "seeds").glob("*.txt"))


def best_of(rounds: int, run) -> float:  # noqa: ANN001 - a callable of no arguments
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3, help="rounds per figure; the best is printed")
    args = ap.parse_args(argv)
    read_s = best_of(args.rounds, lambda: [read_text(str(p)) for p in SEEDS])
    print(f"text reader: {len(SEEDS)} seeds read in {read_s:.3f} s (best of {args.rounds})")
    tables = [t for p in SEEDS for t in read(p).tables]
    table_type_probabilities(tables[0])  # load the model once
    per_table = best_of(args.rounds, lambda: [table_type_probabilities(t) for t in tables]) / len(tables)
    print(f"table-type model: {per_table * 1000:.2f} ms per table over {len(tables)} seed tables")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
