"""Born-digital PDF tables: whole seeds and generated disclosures, ruled and borderless.

    python bench/bench_pdf_tables.py                       # seeds 000,002 + samples/generated
    python bench/bench_pdf_tables.py --seeds 000 --show-missed 20
    python bench/bench_pdf_tables.py --no-generated
    python bench/bench_pdf_tables.py --generate 12 --first-seed 500 --show-wrong 10   # fresh documents

Seeds: every tab-separated table of a seed rendered by ``samples/make_scans.py`` (ruled and
borderless, continued tables over pages), read with ``extract.read``; cell recall as
``make_scans.cell_recall`` scores it (same text at the same grid position, one small shift per
table), and seconds per page.

Generated disclosures (``samples/generated/synth_*``: ruled.pdf and borderless.pdf with
gold.json): read and analysed (``classify.analyze``); line-item recall and auto precision scored
as ``bench/eval_text.py`` scores text shapes (same code, column and amount within the gold table
the read table reproduces). ``--generate N --first-seed S`` renders N fresh documents
(``samples.synth.make_document`` seeds S..S+N-1, ruled and borderless) into a temporary folder
and scores those instead of the committed ones.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from extract import read  # noqa: E402
from samples.make_scans import build, cell_recall, missed_cells  # noqa: E402

STYLES = ("ruled", "borderless")


def seed_recall(seeds: list[str], out: Path, show_missed: int = 0) -> list[str]:
    lines = [f"{'seed':5} {'style':10} {'cells':>11} {'recall':>7} {'s/page':>7}"]
    build(out, seeds, list(STYLES), [])
    for seed in seeds:
        for style in STYLES:
            pdf = out / f"{seed}-{style}.pdf"
            gold = json.loads(pdf.with_suffix(".gold.json").read_text("utf-8"))
            start = time.perf_counter()
            doc = read(pdf)
            per_page = (time.perf_counter() - start) / max(1, len(doc.pages))
            found, total = cell_recall(doc.tables, gold)
            lines.append(
                f"{seed:5} {style:10} {found:>5}/{total:<5} {found / max(1, total):>7.3f} {per_page:>7.3f}"
            )
            if show_missed:
                lines.extend("    " + m for m in missed_cells(doc.tables, gold, show_missed))
    return lines


def render_fresh(out: Path, n: int, first_seed: int) -> list[Path]:
    """N fresh generated documents under ``out`` (gold.json, ruled.pdf, borderless.pdf each)."""
    from samples.render import render_pdf
    from samples.synth import make_document

    folders = []
    for seed in range(first_seed, first_seed + n):
        doc = make_document(seed)
        f = out / f"synth_{seed:04d}"
        f.mkdir(parents=True, exist_ok=True)
        (f / "gold.json").write_text(json.dumps(doc.to_dict(), ensure_ascii=False), "utf-8")
        for style in STYLES:
            render_pdf(doc, f / f"{style}.pdf", style)
        folders.append(f)
    return folders


def generated(folder: Path, show_wrong: int = 0, show_missed: int = 0) -> list[str]:
    from classify.analyze import analyze
    from samples.render import load_gold
    from samples.text_eval import Score, score

    folders = sorted(p for p in folder.glob("synth_*") if (p / "gold.json").exists())
    results = {style: Score() for style in STYLES}
    seconds = dict.fromkeys(STYLES, 0.0)
    pages = dict.fromkeys(STYLES, 0)
    for f in folders:
        doc, _ = load_gold(f)
        for style in STYLES:
            pdf = f / f"{style}.pdf"
            if not pdf.exists():
                continue
            start = time.perf_counter()
            try:
                d = read(pdf)
                seconds[style] += time.perf_counter() - start
                pages[style] += len(d.pages)
                results[style].add(score(analyze(d), doc, f"{f.name} {style}"))
            except Exception as exc:  # noqa: BLE001 - a failed document counts, the run goes on
                results[style].add(Score(docs=1, failed=1, gold=len(doc.line_items)))
                print(f"{f.name} {style}: failed: {exc!r}", file=sys.stderr)
    lines = [
        f"{'style':10} {'docs':>4} {'gold':>6} {'recall':>7} {'auto prec':>9} {'pending':>8} {'s/page':>7}"
    ]
    for style, s in results.items():
        lines.append(
            f"{style:10} {s.docs:>4} {s.gold:>6} {s.recall:>7.3f} {s.precision:>9.3f} "
            f"{s.pending_share:>8.3f} {seconds[style] / max(1, pages[style]):>7.3f}"
        )
    for s in results.values():
        lines.extend(f"  wrong  {w}" for w in s.wrong[:show_wrong])
        lines.extend(f"  missed {m}" for m in s.missed[:show_missed])
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", default="000,002")
    ap.add_argument("--dir", type=Path, default=ROOT / "samples" / "generated")
    ap.add_argument("--no-generated", action="store_true")
    ap.add_argument("--show-missed", type=int, default=0, help="cells (seeds) and line items missed")
    ap.add_argument("--show-wrong", type=int, default=0, help="wrong auto line items (generated)")
    ap.add_argument("--generate", type=int, default=0, help="score N freshly rendered documents")
    ap.add_argument("--first-seed", type=int, default=1000)
    args = ap.parse_args(argv)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        print("\n".join(seed_recall([s for s in args.seeds.split(",") if s], Path(tmp), args.show_missed)))
        if args.generate:
            fresh = Path(tmp) / "fresh"
            render_fresh(fresh, args.generate, args.first_seed)
            print("\n".join(generated(fresh, args.show_wrong, args.show_missed)))
        elif not args.no_generated:
            print("\n".join(generated(args.dir, args.show_wrong, args.show_missed)))
    print(f"({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
