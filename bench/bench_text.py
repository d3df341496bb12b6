"""Benchmark: text ingestion speed (documents/s, tables/s) and peak memory.

Runs, in one process and on the same inputs:
  * baseline: decoding + line splitting only (the floor any reader pays),
  * read:     extract.read (segmentation + table parsing),
  * full:     read + classify (types, column placement, records),
  * ingest:   full pipeline into a fresh work store (SQLite, WAL).
and prints figures and the ratio of each stage to the baseline.

    python bench/bench_text.py [--repeat N] [paths ...]

Default inputs: the seeds plus every text rendering under samples/generated.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from classify.analyze import analyze  # noqa: E402
from digitize.pipeline import ingest  # noqa: E402
from extract import read  # noqa: E402
from review import store  # noqa: E402


def default_inputs() -> list[Path]:
    seeds = sorted((ROOT / "samples" / "seeds").glob("*.txt"))
    generated = sorted((ROOT / "samples" / "generated").glob("**/*.txt"))
    return seeds + generated


def timed(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    paths = args.paths or default_inputs()
    n_tables = sum(len(read(p).tables) for p in paths)

    def baseline() -> None:
        for p in paths:
            p.read_bytes().decode("utf-8", errors="replace").splitlines()

    def read_only() -> None:
        for p in paths:
            read(p)

    def full() -> None:
        for p in paths:
            analyze(read(p))

    def into_store() -> None:
        with tempfile.TemporaryDirectory() as tmp:
            conn = store.connect(Path(tmp) / "w.db")
            ingest(conn, paths, workers=1)
            conn.close()

    stages = {"baseline": baseline, "read": read_only, "full": full, "ingest": into_store}
    times = {name: timed(fn, args.repeat) for name, fn in stages.items()}
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"inputs: {len(paths)} text documents, {n_tables} tables (best of {args.repeat})")
    print(f"{'stage':<10}{'seconds':>10}{'docs/s':>10}{'tables/s':>12}{'× baseline':>12}")
    for name, t in times.items():
        print(
            f"{name:<10}{t:>10.3f}{len(paths) / t:>10.1f}{n_tables / t:>12.1f}{t / times['baseline']:>12.1f}"
        )
    print(f"peak RSS: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
