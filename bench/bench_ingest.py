"""Benchmark: ingest of a mixed batch (text shapes, PDFs, scans) — throughput and scale-out.

Builds a corpus of generated disclosures (samples/synth/ + samples/render.py,
other counties, departments and years), one input per document in rotation:
tab-separated, cell-per-line, pdftotext -layout, pdftotext -raw, ruled PDF,
borderless PDF, and (every ``--scan-every``-th document) a degraded scan of
its table pages 2–3 as a folder of page images. Then ingests the same corpus, each into a fresh work store:

  1. one worker (in-process: the baseline),
  2. a process pool of 2 workers,
  3. a Dask LocalCluster of 2 single-threaded worker processes,

and prints documents/s, pages/s, peak memory per worker, the speed-up of 2
workers over 1 and of Dask over the local pool, and whether all runs stored
the same records, count for count.

    python bench/bench_ingest.py [--docs 200] [--scan-every 25] [--corpus bench/out/corpus]
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from digitize.pipeline import ingest  # noqa: E402
from review import store  # noqa: E402

SHAPES = ("tsv", "cells", "layout_txt", "raw_txt", "ruled_pdf", "borderless_pdf")
FILES = {
    "tsv": "tables.tsv.txt",
    "cells": "cells.txt",
    "layout_txt": "ruled.layout.txt",
    "raw_txt": "ruled.raw.txt",
    "ruled_pdf": "ruled.pdf",
    "borderless_pdf": "borderless.pdf",
}


def build_corpus(out: Path, docs: int, scan_every: int, first_seed: int = 5000) -> list[Path]:
    """One input file per generated document, in a shape chosen by rotation; cached on disk."""
    from samples.render import write_renderings
    from samples.synth import make_document

    out.mkdir(parents=True, exist_ok=True)
    inputs: list[Path] = []
    work = out / "_work"
    for i in range(docs):
        seed = first_seed + i
        scan = scan_every > 0 and i % scan_every == scan_every - 1
        shape = "scan" if scan else SHAPES[i % len(SHAPES)]
        suffix = "" if scan else Path(FILES[shape]).suffix
        target = out / f"doc{i:04d}_{shape}{suffix}"
        if not target.exists():
            doc = make_document(seed)
            which = ("ruled_pdf",) if scan else (shape,)
            write_renderings(doc, work, which)
            folder = work / doc.doc_id
            if scan:
                from samples.make_scans import render_scans

                pages = render_scans(folder / "ruled.pdf", folder / "scan", dpi=150, seed=seed)
                target.mkdir()  # a folder of page images is one document: pages 2-3, past the cover
                for page in pages[1:3]:
                    shutil.copy(page, target / page.name)
            else:
                shutil.copy(folder / FILES[shape], target)
            shutil.rmtree(folder)
        inputs.append(target)
    shutil.rmtree(work, ignore_errors=True)
    return inputs


def peak_rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def run(inputs: list[Path], db: Path, **kwargs) -> tuple[float, dict]:
    conn = store.connect(db)
    t0 = time.perf_counter()
    summary = ingest(conn, inputs, **kwargs)
    seconds = time.perf_counter() - t0
    pages = conn.execute("SELECT coalesce(sum(pages), 0) FROM documents WHERE status = 'done'").fetchone()[0]
    conn.close()
    return seconds, {"done": len(summary.done), "failed": len(summary.failed), "pages": pages}


def fingerprint(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    out = {
        t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("tables", "cells", "line_items", "indicators")
    }
    out["amount_fen"] = conn.execute("SELECT coalesce(sum(amount_fen), 0) FROM line_items").fetchone()[0]
    out["pending"] = conn.execute("SELECT count(*) FROM line_items WHERE status = 'pending'").fetchone()[0]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--scan-every", type=int, default=25, help="every Nth document is a scan (0: none)")
    ap.add_argument("--rebuild", action="store_true", help="build the corpus anew")
    ap.add_argument("--corpus", type=Path, default=ROOT / "bench" / "out" / "corpus")
    ap.add_argument("--no-dask", action="store_true")
    args = ap.parse_args()

    t0 = time.perf_counter()
    if args.rebuild:
        shutil.rmtree(args.corpus, ignore_errors=True)
    inputs = build_corpus(args.corpus, args.docs, args.scan_every)
    random.Random(0).shuffle(inputs)
    kinds: dict[str, int] = {}
    for p in inputs:
        kinds[p.stem.split("_", 1)[1]] = kinds.get(p.stem.split("_", 1)[1], 0) + 1
    print(f"corpus: {len(inputs)} documents ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}); "
          f"built in {time.perf_counter() - t0:.1f}s")  # fmt: skip

    results: dict[str, tuple[float, dict, float, dict]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        secs, info = run(inputs, tmpdir / "one.db", workers=1)
        results["1 worker"] = (secs, info, peak_rss_mb(resource.RUSAGE_SELF), fingerprint(tmpdir / "one.db"))
        secs, info = run(inputs, tmpdir / "two.db", workers=2)
        results["2 workers"] = (
            secs,
            info,
            peak_rss_mb(resource.RUSAGE_CHILDREN),
            fingerprint(tmpdir / "two.db"),
        )
        if not args.no_dask:
            from distributed import Client, LocalCluster

            with (
                LocalCluster(
                    n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
                ) as cluster,
                Client(cluster) as client,
            ):
                secs, info = run(inputs, tmpdir / "dask.db", scheduler=client)
                mem = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
            results["dask 2"] = (secs, info, max(mem.values()), fingerprint(tmpdir / "dask.db"))

    print(f"{'run':<10}{'seconds':>9}{'docs/s':>9}{'pages/s':>9}{'failed':>8}{'peak MB/worker':>16}")
    for name, (secs, info, mem, _) in results.items():
        print(f"{name:<10}{secs:>9.1f}{info['done'] / secs:>9.2f}{info['pages'] / secs:>9.2f}"
              f"{info['failed']:>8}{mem:>16.0f}")  # fmt: skip
    base = results["1 worker"][0]
    print(f"speed-up, 2 workers over 1: {base / results['2 workers'][0]:.2f}x (target >= 1.8x)")
    if "dask 2" in results:
        print(f"Dask LocalCluster vs local pool of 2: {results['2 workers'][0] / results['dask 2'][0]:.2f}x")
    prints = {name: r[3] for name, r in results.items()}
    same = all(p == prints["1 worker"] for p in prints.values())
    print(f"same records in every run: {same}  {prints['1 worker']}")
    if not same:
        for name, p in prints.items():
            print(f"  {name}: {p}")


if __name__ == "__main__":
    main()
