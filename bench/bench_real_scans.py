"""Real born-digital disclosures rasterised and degraded, read as scans, against their labels.

    python bench/bench_real_scans.py                        # 决算 table pages 7-9 at 200 dpi
    python bench/bench_real_scans.py --pages tables --dpi 150,200,300
    python bench/bench_real_scans.py --docs 决算,泉州 --pages items --skip-img2table

Pages of the PDFs in ``../shared/real/`` that hold labelled line items
(``samples/labels/real_line_items/``: the final account and 泉州) are rendered at each dpi with the
samples' degradations (samples/make_scans.py ``degrade``: skew ≤ 2°, blur, noise, JPEG 45–80;
bench/baselines.py ``render_pages``), read as a folder of page images by the scan pipeline
(``extract.scan.read_image_folder``, the default engine, cells mode, as ``digitize ingest`` reads
scans) and analysed; each scan's line items are compared with the same document's labelled
born-digital records (bench/bench_real.py ``score_items``: a record with the label's code — or its
name when it has none —, the label's whole column path and its amount in yuan, one to one).

Printed per document and dpi: line-item recall, auto-accepted precision, share of the scan's
records sent to review, CPU seconds per page on one core (the process pinned to one core, one
thread; the OCR and classifier models loaded before timing, as img2table's are), peak memory of a fresh process reading the same folder; and the same for img2table +
tesseract chi_sim on the same page files (bench/baselines.py, its own virtual environment): its
cells made into tables (header rows as extract.grid counts them, the unit the labels give the
table on that page — img2table reads no unit) and analysed by the same classifier.

``--pages``: page numbers ('7-9,12'), ``items`` (every page of a labelled table) or ``tables``
(every table page of samples/labels/real_tables.json).

``--degrade``: ``samples`` (the default, above), ``harsh`` (an archive colour scan: faded ink, the
reverse page showing through, grey or yellowish paper under uneven light, the scanner's dark bed
around the page's edge, skew up to 4°, perspective, curl at the binding, speckle, colour JPEG 30–40)
or ``binary`` (a 1-bit, fax-like PNG: skew up to 3° on a black bed, one global threshold, speckle);
samples/make_scans.py ``DEGRADATIONS``, seeded per page::

    python bench/bench_real_scans.py --docs 决算,泉州,深圳 --pages tables --dpi 200 --skip-img2table \\
        --degrade harsh --out /tmp/harsh

``--reference``: the real PDFs without line-item labels (those of samples/labels/real_tables.json
with no file in real_line_items/; ``--docs`` filters them) are scored against the same document's
born-digital reading instead (``classify.analyze.analyze(extract.read(pdf))``: its auto-accepted
line items, whose precision on the labelled documents is 1.000), restricted to the rendered pages,
each grouped under the real_tables.json table printed on its page (so the scan may cut or join the
tables otherwise). "recall" is the share of those references the scan reads (code — or name —,
whole column path, amount in yuan, one to one) and "auto prec" the scan's auto-accepted items'
agreement with them; a disagreement is a suspect, shown by ``--show-wrong`` with what the
born-digital reading made of it (a record it sent to review, or none)::

    python bench/bench_real_scans.py --reference --docs 烟台,苏州 --pages tables --dpi 200 \\
        --skip-img2table --show-wrong 20
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.baselines import cpu, one_core, parse_pages, render_pages, run_img2table  # noqa: E402
from bench.bench_real import REAL, DocScore, item_labels, score_items, table_labels  # noqa: E402

TARGETS = "targets: recall ≥ 0.98, auto precision ≥ 0.995 at 150–300 dpi; ≤ 1.0 s CPU per page; ≥ 2× img2table's speed"


def labelled_docs(filter_: str) -> list[str]:
    names = [
        p.stem + ".pdf" for p in sorted((ROOT / "samples" / "labels" / "real_line_items").glob("*.json"))
    ]
    wanted = [w for w in filter_.split(",") if w]
    return [n for n in names if not wanted or any(w in n for w in wanted)]


def reference_docs(filter_: str) -> list[str]:
    """The real PDFs with table labels and no line-item labels, filtered as ``labelled_docs``."""
    labelled = set(labelled_docs(""))
    wanted = [w for w in filter_.split(",") if w]
    return [
        n
        for n in sorted(table_labels())
        if n.endswith(".pdf") and n not in labelled and (not wanted or any(w in n for w in wanted))
    ]


def _item_text(li: object) -> str:
    """A record as ``score_items`` lists a wrong one."""
    return f"{li.code or '-'} {li.name} [{li.column}] {li.amount_yuan}"  # type: ignore[attr-defined]


def born_digital_reference(name: str, pages: list[int]) -> tuple[dict, dict[str, str]]:
    """The born-digital reading's auto-accepted line items on ``pages`` as labels (unit 元, the
    whole column path), one labelled table per real_tables.json table; and the reading's records
    under review on those pages, by the text ``score_items`` lists a wrong record with."""
    from classify.analyze import analyze
    from extract import read

    extraction = analyze(read(REAL / name))
    spans = [(t["pages"][0], t["pages"][1]) for t in table_labels()[name]["tables"]]
    tables = {t.seq: t for t in extraction.document.tables}
    grouped: dict[tuple[int, int], list[dict]] = {span: [] for span in spans}
    pending: dict[str, str] = {}
    for li in extraction.line_items:
        table = tables.get(li.table_seq)
        if table is None:
            continue
        cell = next((c for c in table.cells if c.row == li.row and c.col == li.col), None)
        page = (cell.page if cell is not None and cell.page else None) or table.page
        span = next((sp for sp in spans if sp[0] <= page <= sp[1]), None)
        if page not in pages or span is None:
            continue
        if li.status != "auto":
            pending[_item_text(li)] = "pending in the born-digital reading"
            continue
        grouped[span].append(
            {
                "page": page,
                "code": li.code,
                "name": li.name,
                "column": li.column,
                "amount": str(li.amount_yuan),
            }
        )
    labelled = {
        "tables": [
            {"pages": list(span), "unit": "元", "items": items} for span, items in grouped.items() if items
        ]
    }
    return labelled, pending


def pages_of(name: str, spec: str) -> list[int]:
    if spec == "items":
        labelled = item_labels(Path(name).stem) or {"tables": []}
        return sorted({p for t in labelled["tables"] for p in range(t["pages"][0], t["pages"][1] + 1)})
    if spec == "tables":
        tables = table_labels()[name]["tables"]
        return sorted({p for t in tables for p in range(t["pages"][0], t["pages"][1] + 1)})
    return parse_pages(spec)


def renumbered(labelled: dict, pages: list[int]) -> dict:
    """The labelled tables printed wholly on ``pages``, their pages numbered as the folder numbers them."""
    number = {p: i for i, p in enumerate(pages, 1)}
    tables = []
    for t in labelled["tables"]:
        span = range(t["pages"][0], t["pages"][1] + 1)
        if all(p in number for p in span):
            items = [dict(it, page=number[it["page"]]) for it in t["items"]]
            tables.append(dict(t, pages=[number[span[0]], number[span[-1]]], items=items))
    return dict(labelled, tables=tables)


def units_by_page(labelled: dict) -> dict[int, str]:
    return {p: t["unit"] for t in labelled["tables"] for p in range(t["pages"][0], t["pages"][1] + 1)}


def score(extraction: object, labelled: dict, name: str) -> DocScore:
    s = DocScore(name)
    score_items(s, labelled, extraction, whole_path=True)  # type: ignore[arg-type]
    items = extraction.line_items  # type: ignore[attr-defined]
    s.records = len(items)
    s.pending = sum(1 for li in items if li.status == "pending")
    return s


def measure_ours(folder: Path, labelled: dict, name: str) -> tuple[DocScore, float, float]:
    """The folder read and analysed in a fresh process (``--child``): score, CPU seconds (imports and
    model loading apart) and peak RSS in MB (its VmHWM: imports, models and reading)."""
    with tempfile.TemporaryDirectory() as tmp:
        spec = Path(tmp) / "labels.json"
        spec.write_text(json.dumps({"name": name, "labelled": labelled}, ensure_ascii=False), "utf-8")
        proc = subprocess.run(
            [sys.executable, __file__, "--child", str(folder), str(spec)],
            capture_output=True,
            text=True,
            check=False,
        )
    if proc.returncode != 0:
        raise RuntimeError(f"reading {folder} failed: {proc.stderr[-2000:]}")
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    s = DocScore(name)
    for k, v in data["score"].items():
        setattr(s, k, v)
    return s, data["cpu"], data["peak_mb"]


def _child(folder: Path, spec: Path) -> int:
    import numpy as np

    from classify.analyze import analyze
    from classify.models import INDICATOR_MODEL, TABLE_MODEL, load_bundle, model_dir
    from extract.ocr import engine
    from extract.scan import read_image_folder

    job = json.loads(spec.read_text("utf-8"))
    engine("").crops([np.full((32, 96), 255, dtype=np.uint8)])  # models loaded before timing: OCR's …
    for model in (TABLE_MODEL, INDICATOR_MODEL):  # … and the classifiers' (0.8 s, once per process)
        load_bundle(model_dir() / model)
    c0 = cpu()
    extraction = analyze(read_image_folder(folder))
    spent = cpu() - c0
    s = score(extraction, job["labelled"], job["name"])
    status = Path("/proc/self/status").read_text()
    peak = int([ln.split()[1] for ln in status.splitlines() if ln.startswith("VmHWM:")][0]) / 1024
    fields = ("labels", "matched", "auto", "auto_right", "records", "pending", "missed", "wrong")
    print(json.dumps({"score": {k: getattr(s, k) for k in fields}, "cpu": spent, "peak_mb": peak}))
    return 0


def img2table_document(folder: Path, pages: list[int], units: dict[int, str]) -> tuple[object, float, float]:
    """img2table's tables over the folder's pages as a Document; its CPU seconds and peak MB."""
    from extract.grid import header_rows_of
    from extract.images import folder_images
    from extract.model import Cell, Document, Page, Table

    files = folder_images(folder)
    run = run_img2table(files)
    tables = []
    for seq, bt in enumerate(run.tables, 1):
        n_rows = 1 + max((c.row for c in bt.cells), default=-1)
        n_cols = 1 + max((c.col for c in bt.cells), default=-1)
        grid = [[""] * n_cols for _ in range(n_rows)]
        for c in bt.cells:
            grid[c.row][c.col] = c.text
        cells = [Cell(c.row, c.col, (c.text or "").strip(), confidence=0.99) for c in bt.cells]
        unit = units.get(pages[bt.page - 1], "")
        tables.append(
            Table(seq, "", cells, header_rows=header_rows_of(grid), unit=unit, page=bt.page, confidence=0.99)
        )
    doc = Document(
        str(folder), "", "image-folder", pages=[Page(i + 1) for i in range(len(files))], tables=tables
    )
    return doc, run.cpu, run.peak_mb


def line(label: str, s: DocScore, cpu_page: float, peak: float, extra: str = "") -> str:
    return (
        f"{label:44s} labels {s.labels:4d}  recall {s.recall:.3f}  auto prec {s.precision:.3f} "
        f"(auto {s.auto:4d})  review {s.pending_share:.3f}  {cpu_page:5.2f} s/page CPU  peak {peak:4.0f} MB{extra}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--docs",
        default=None,
        help="documents whose name contains one of these ('' = all; default 决算, with --reference all)",
    )
    ap.add_argument("--pages", default="7-9", help="'7-9,12', 'items' or 'tables'")
    ap.add_argument("--dpi", default="200")
    ap.add_argument("--skip-img2table", action="store_true")
    ap.add_argument(
        "--degrade",
        default="samples",
        choices=("samples", "harsh", "binary"),
        help="samples: skew ≤ 2°, blur, noise, JPEG 45–80; harsh: a colour archive scan (faded ink, "
        "show-through, yellowish or grey paper under uneven light, dark bed and page edge, skew ≤ 4°, "
        "perspective, curl, speckle, JPEG 30–40); binary: 1-bit fax-like PNG (skew ≤ 3°, speckle)",
    )
    ap.add_argument("--out", default="", help="where to render the pages (default: a temp folder)")
    ap.add_argument("--show-missed", type=int, default=0)
    ap.add_argument("--show-wrong", type=int, default=0)
    ap.add_argument(
        "--reference",
        action="store_true",
        help="the PDFs without line-item labels, against their born-digital reading",
    )
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    core = one_core()
    if args.child:
        return _child(Path(args.child[0]), Path(args.child[1]))
    from classify.analyze import analyze

    out = Path(args.out or tempfile.mkdtemp(prefix="bench-real-scans-"))
    print(f"pages in {out}; one core (cpu {core}); {TARGETS}", flush=True)
    docs = (
        reference_docs(args.docs or "")
        if args.reference
        else labelled_docs(args.docs if args.docs is not None else "决算")
    )
    for name in docs:
        pdf = REAL / name
        if not pdf.exists():
            print(f"{name}: not in {REAL}", file=sys.stderr)
            continue
        pages = pages_of(name, args.pages)
        suspects: dict[str, str] = {}
        if args.reference:
            source, suspects = born_digital_reference(name, pages)
        else:
            source = item_labels(Path(name).stem) or {"tables": []}
        labelled = renumbered(source, pages)
        units = units_by_page(source)
        for dpi in [int(d) for d in args.dpi.split(",") if d]:
            folder = out / f"{Path(name).stem}-{dpi}dpi"
            render_pages(pdf, pages, dpi, folder, degradation=args.degrade)
            label = f"{name[:18]} p{args.pages} ({len(pages)} pages) {dpi} dpi"
            s, spent, peak = measure_ours(folder, labelled, name)
            ours = spent / len(pages)
            print(line(f"{label} digitize", s, ours, peak), flush=True)
            print("\n".join(f"    missed {m}" for m in s.missed[: args.show_missed]), end="")
            print("\n" if args.show_missed and s.missed else "", end="")
            wrong = [
                f"{m}  ({suspects.get(m, 'not in the born-digital reading')})" if args.reference else m
                for m in s.wrong
            ]
            print(
                "\n".join(
                    f"    {'suspect' if args.reference else 'wrong '} {m}" for m in wrong[: args.show_wrong]
                ),
                end="",
            )
            print("\n" if args.show_wrong and s.wrong else "", end="")
            if not args.skip_img2table:
                doc, base_cpu, base_peak = img2table_document(folder, pages, units)
                b = score(analyze(doc), labelled, name)  # type: ignore[arg-type]
                base = base_cpu / len(pages)
                ratio = f"  (digitize at {base / ours:.2f}× its speed)" if ours > 0 and base == base else ""
                print(line(f"{label} img2table+tesseract", b, base, base_peak, ratio), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
