"""Recognisers side by side on the same crops: PP-OCRv4 (rapidocr-onnxruntime 1.4, our default),
PP-OCRv6 small (rapidocr 3.x, the model its wheel ships, in bench/.venvs/rapidocr3) and tesseract
chi_sim, in the same run.

    python bench/bench_ocr.py                         # seed 000 表3 ruled + borderless at 200 dpi; 决算 p7
    python bench/bench_ocr.py --dpi 150,200,300 --real-pages 7-9 --engines pp-ocrv4,pp-ocrv6

How: the scan pipeline reads each page once with PP-OCRv4 while every text-line crop it hands to
the recogniser is kept. Each recogniser then reads those same crops in a fresh process of its
own, pinned to one core with one thread (recognition CPU seconds and the process's peak RSS).
Its texts are fed back into the same pipeline (a crop asked for that was not seen before —
the layout takes a different turn on different text — is recognised in a further round), and
the tables it yields are scored against the gold cells: exact cell text and character error
rate (edits / gold characters) after the best small row/column shift per gold table, as
samples/make_scans.py ``cell_recall`` aligns them. Gold: the generated scans' cells
(samples/make_scans.py), and for rendered real pages (``--real``, degraded as the samples are)
the cells the born-digital reader takes from the same pages' text layer, and the line items of
the labelled tables (bench/bench_real_scans.py's recall and auto precision). Pipeline CPU per page
= the layout's own CPU (the PP-OCRv4 run's, recognition taken out) + the recogniser's.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.baselines import cpu, detect, one_core, parse_pages, recognise, render_pages  # noqa: E402
from bench.bench_real import item_labels  # noqa: E402
from bench.bench_real_scans import renumbered  # noqa: E402
from extract.vocabulary import edit_distance  # noqa: E402

REAL = ROOT.parent / "shared" / "real"
ENGINES = ("pp-ocrv4", "pp-ocrv6", "tesseract", "pp-ocrv4-shipped")


def crop_key(img: object) -> str:
    import numpy as np

    a = np.ascontiguousarray(img)
    return hashlib.sha1(a.tobytes() + str(a.shape).encode()).hexdigest()


class Recording:
    """An engine that records every crop it is asked to read (and the CPU spent reading them)."""

    lines = True
    name = "recording"

    def __init__(self, inner: object) -> None:
        self.inner = inner
        self.crops_seen: dict[str, object] = {}
        self.groups: list[list[str]] = []
        self.cpu = 0.0

    def page(self, gray: object) -> list:
        return self.inner.page(gray)  # type: ignore[attr-defined]

    def crops(self, images: list, line_crops: bool = False) -> list[tuple[str, float]]:
        keys = [crop_key(g) for g in images]
        for k, g in zip(keys, images, strict=True):
            self.crops_seen.setdefault(k, g)
        self.groups.append(keys)
        c = cpu()
        out = self.inner.crops(images, line_crops)  # type: ignore[attr-defined]
        self.cpu += cpu() - c
        return out


class Replay:
    """An engine answering crops from a recogniser's saved results; unseen crops answer empty
    and are kept for the next round."""

    lines = True
    name = "replay"

    def __init__(self, known: dict[str, tuple[str, float]]) -> None:
        self.known = known
        self.missing: dict[str, object] = {}

    def page(self, gray: object) -> list:
        raise RuntimeError("the replayed pipeline reads crops only")

    def crops(self, images: list, line_crops: bool = False) -> list[tuple[str, float]]:
        out = []
        for g in images:
            k = crop_key(g)
            if k in self.known:
                out.append(self.known[k])
            else:
                self.missing.setdefault(k, g)
                out.append(("", 0.0))
        return out


def _replayed(fix: object, result: list) -> tuple[str, float]:
    """A saved result as the engine gave it: (text, confidence), with PP-OCRv4's restricted amount
    reading (extract.amountread) when it was saved."""
    from extract.amountread import AmountReading
    from extract.ocr import Reading

    text, score = fix(result[0]), float(result[1])  # type: ignore[operator]
    if len(result) < 5:
        return (text, score)
    return Reading(text, score, AmountReading(str(result[2]), tuple(result[3]), float(result[4])))


def read_folder(folder: Path, eng: object) -> list:
    """The scan pipeline over a folder of page images with ``eng`` (extract/scan.py read_pages)."""
    from extract.continued import join_continued
    from extract.images import load_image_folder
    from extract.scan import scale_of
    from extract.scanpage import read_scan_page

    tables = []
    for img in load_image_folder(folder):
        scan = read_scan_page(img.gray, scale_of(img), img.number, eng, "cells", seal=img.seal)  # type: ignore[arg-type]
        tables.extend(scan.layout.tables)
    return join_continued(tables)


def save_crops(crops: dict[str, object], groups: list[list[str]], path: Path) -> list[str]:
    """The crops as recognise_crops.py reads them; the keys in the order of the results."""
    import numpy as np

    from extract.ocr import tight

    order = list(crops)
    index = {k: i for i, k in enumerate(order)}
    arrays = {}
    for i, k in enumerate(order):
        g = np.asarray(crops[k])
        arrays[f"raw{i}"] = g
        arrays[f"tight{i}"] = tight(g) if g.ndim == 2 else g
    flat = [[index[k] for k in grp] for grp in groups]
    np.savez(path, groups=json.dumps(flat), **arrays)
    return [k for grp in groups for k in grp]


def _key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass
class TextScore:
    exact: int = 0
    cells: int = 0
    edits: int = 0
    chars: int = 0

    def add(self, other: TextScore) -> None:
        self.exact += other.exact
        self.cells += other.cells
        self.edits += other.edits
        self.chars += other.chars


def text_scores(tables: list, gold: dict) -> TextScore:
    """Gold cells read exactly, and edits against the gold text, at the best shift per gold table."""
    s = TextScore()
    grids = [{(c.row, c.col): _key(c.text) for c in t.cells} for t in tables]
    for gt in gold["tables"]:
        want = [(c["row"], c["col"], _key(c["text"])) for c in gt["cells"] if _key(c["text"])]
        best, best_cells, shift = -1, {}, (0, 0)
        for cells in grids:
            for dr in (-2, -1, 0, 1, 2):
                for dc in (-1, 0, 1):
                    hit = sum(1 for r, c, t in want if cells.get((r + dr, c + dc)) == t)
                    if hit > best:
                        best, best_cells, shift = hit, cells, (dr, dc)
        s.cells += len(want)
        s.exact += max(0, best)
        for r, c, t in want:
            s.chars += len(t)
            s.edits += min(len(t), edit_distance(t, best_cells.get((r + shift[0], c + shift[1]), "")))
    return s


def real_gold(pdf: Path, pages: list[int]) -> dict:
    """The born-digital reader's cells printed on ``pages``."""
    from extract import read

    doc = read(pdf)
    keep = set(pages)
    return {
        "tables": [
            {
                "cells": [
                    {"row": c.row, "col": c.col, "text": c.text}
                    for c in t.cells
                    if (c.page or t.page) in keep
                ]
            }
            for t in doc.tables
            if any((c.page or t.page) in keep for c in t.cells)
        ]
    }


@dataclass
class EngineFigures:
    score: TextScore = field(default_factory=TextScore)
    rec_cpu: float = 0.0
    pipeline_cpu: float = 0.0
    pages: int = 0
    peak_mb: float = 0.0
    rounds: int = 0
    extra_crops: int = 0
    rewrites: int = 0
    items: str = ""  # real pages: line-item recall / auto precision of the tables read


def item_scores(tables: list, labelled: dict | None) -> str:
    """Line-item recall and auto precision (bench/bench_real_scans.py) of the tables read."""
    if not labelled or not labelled["tables"]:
        return ""
    from bench.bench_real_scans import score
    from classify.analyze import analyze
    from extract.model import Document

    s = score(analyze(Document("replay", "", "image-folder", tables=tables)), labelled, "replay")
    return f"  items {s.matched}/{s.labels} recall {s.recall:.3f} auto prec {s.precision:.3f}"


def measure_set(
    folder: Path, gold: dict, engines: list[str], work: Path, labelled: dict | None = None
) -> tuple[dict[str, EngineFigures], int]:
    """Every engine's figures on one folder of page images; the number of crops."""
    from extract.ocr import correct, engine

    n_pages = len(list(folder.glob("*.jpg")))
    rec = Recording(engine("rapidocr", 1))
    c0 = cpu()
    read_folder(folder, rec)
    layout_cpu = cpu() - c0 - rec.cpu
    npz = work / f"{folder.name}.npz"
    keys = save_crops(rec.crops_seen, rec.groups, npz)
    out: dict[str, EngineFigures] = {}
    for name in engines:
        f = EngineFigures(pages=n_pages)
        res = recognise(name, npz, work / f"{folder.name}-{name}.json")
        fix = correct if name == "pp-ocrv6" else (lambda t: t)  # as its engine class would
        known = {k: _replayed(fix, r) for k, r in zip(keys, res["results"], strict=True)}
        f.rec_cpu, f.peak_mb, f.rewrites = res["cpu"], res["peak_mb"], res["rewrites"]
        f.pipeline_cpu = layout_cpu + f.rec_cpu
        for round_ in range(1, 5):
            rep = Replay(known)
            tables = read_folder(folder, rep)
            f.rounds = round_
            if not rep.missing:
                break
            f.extra_crops += len(rep.missing)
            extra = work / f"{folder.name}-{name}-{round_}.npz"
            more = save_crops(rep.missing, [list(rep.missing)], extra)
            r2 = recognise(name, extra, work / f"{folder.name}-{name}-{round_}.json")
            known.update({k: _replayed(fix, r) for k, r in zip(more, r2["results"], strict=True)})
        f.score = text_scores(tables, gold)
        f.items = item_scores(tables, labelled)
        out[name] = f
    return out, len(rec.crops_seen)


def print_row(label: str, name: str, f: EngineFigures) -> None:
    s = f.score
    print(
        f"{label:28s} {name:10s} cells {s.cells:5d}  exact {s.exact / max(1, s.cells):.4f}  "
        f"CER {s.edits / max(1, s.chars):.4f}  recognition {f.rec_cpu / max(1, f.pages):5.2f} s/page  "
        f"pipeline {f.pipeline_cpu / max(1, f.pages):5.2f} s/page CPU  peak {f.peak_mb:4.0f} MB  "
        f"graph rewrites {f.rewrites}"
        + f.items
        + (f"  (+{f.extra_crops} crops in {f.rounds - 1} more rounds)" if f.extra_crops else ""),
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="", help="where to render the pages (default: a temp folder)")
    ap.add_argument("--tables", default="000:3", help="generated scans: seed tables ('' for none)")
    ap.add_argument("--styles", default="ruled,borderless")
    ap.add_argument("--dpi", default="200", help="dpi of generated scans and real pages")
    ap.add_argument("--real", default="上海市普陀区规划和自然资源局2024年度部门决算.pdf", help="'' for none")
    ap.add_argument("--real-pages", default="7")
    ap.add_argument("--engines", default="pp-ocrv4,pp-ocrv6,tesseract", help=", ".join(ENGINES))
    ap.add_argument(
        "--detector", action="store_true", help="also time each rapidocr's own detector over the whole pages"
    )
    args = ap.parse_args(argv)
    core = one_core()
    out = Path(args.out or tempfile.mkdtemp(prefix="bench-ocr-"))
    work = out / "crops"
    work.mkdir(parents=True, exist_ok=True)
    engines = [e for e in args.engines.split(",") if e]
    dpis = [int(d) for d in args.dpi.split(",") if d]
    print(f"pages in {out}; one core (cpu {core}), one thread per recogniser", flush=True)
    sets: list[tuple[str, Path, dict, dict | None]] = []
    spec = dict(part.split(":", 1) for part in args.tables.split(";") if part)
    if spec:
        from samples.make_scans import build

        styles = [s for s in args.styles.split(",") if s]
        build(out, sorted(spec), styles, dpis, spec)
        for prefix in sorted(spec):
            for style in styles:
                for dpi in dpis:
                    folder = out / f"{prefix}-{style}-{dpi}dpi"
                    gold = json.loads(folder.with_name(folder.name + ".gold.json").read_text("utf-8"))
                    sets.append((f"generated {prefix} {style} {dpi}", folder, gold, None))
    if args.real:
        pdf = REAL / args.real
        pages = parse_pages(args.real_pages)
        gold = real_gold(pdf, pages)
        labelled = renumbered(item_labels(pdf.stem) or {"tables": []}, pages)
        for dpi in dpis:
            folder = out / f"real-{dpi}dpi"
            render_pages(pdf, pages, dpi, folder)
            sets.append((f"real p{args.real_pages} {dpi}", folder, gold, labelled))
    totals: dict[tuple[str, str], EngineFigures] = {}
    for label, folder, gold, labelled in sets:
        figures, n_crops = measure_set(folder, gold, engines, work, labelled)
        print(f"{label}: {n_crops} crops", flush=True)
        kind = label.split()[0]
        for name, f in figures.items():
            print_row(label, name, f)
            t = totals.setdefault((kind, name), EngineFigures())
            t.score.add(f.score)
            t.rec_cpu += f.rec_cpu
            t.pipeline_cpu += f.pipeline_cpu
            t.pages += f.pages
            t.peak_mb = max(t.peak_mb, f.peak_mb)
            t.rewrites = f.rewrites
        if args.detector:
            for det_name in ("pp-ocrv4-det", "pp-ocrv6-det"):
                res = detect(det_name, sorted(folder.glob("*.jpg")), work / f"{folder.name}-{det_name}.json")
                n = len(res["results"])
                print(
                    f"{label:28s} {det_name:12s} own detector over the page: {res['cpu'] / n:5.2f} s/page CPU, "
                    f"{sum(res['results']) / n:.0f} lines per page, peak {res['peak_mb']:.0f} MB",
                    flush=True,
                )
    for (kind, name), f in totals.items():
        print_row(f"ALL {kind}", name, f)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
