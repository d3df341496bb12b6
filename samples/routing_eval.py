"""Routing quality on synthetic disclosures: are the records accepted without review right? (see bench/eval_routing.py).

The measure behind ``bench/eval_routing.py`` (which prints it), kept here so the tests can use it too.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from classify.analyze import DEFAULT_ROUTING, Routing, analyze
from classify.dictionary import normalize_name
from classify.model import Extraction, LineItem
from extract import read
from extract.codes import code_kind
from samples.scoring import Score, match_tables, norm
from samples.synth import GoldLineItem, SynthDoc, make_document

TEXT_SHAPES = ("tsv", "cells", "layout", "raw")
SHAPES = (*TEXT_SHAPES, "scan")
CLASS_KINDS = ("function", "economic", "gov_economic")


# --------------------------------------------------------------------------- rendering


def render(doc: SynthDoc, shape: str, folder: Path) -> Path:
    """Write ``doc`` in ``shape`` under ``folder``; the path to read."""
    from samples.render import pdf_text, render_cells, render_pdf, render_tsv

    folder.mkdir(parents=True, exist_ok=True)
    if shape == "tsv":
        path = folder / "tables.tsv.txt"
        path.write_text(render_tsv(doc), encoding="utf-8")
        return path
    if shape == "cells":
        path = folder / "cells.txt"
        path.write_text(render_cells(doc), encoding="utf-8")
        return path
    pdf = folder / "ruled.pdf"
    if not pdf.exists():
        render_pdf(doc, pdf, "ruled")
    if shape in ("layout", "raw"):
        path = folder / f"ruled.{shape}.txt"
        path.write_text(pdf_text(pdf, shape), encoding="utf-8")
        return path
    if shape == "scan":
        from samples.make_scans import render_scans

        out = folder / "scan"
        render_scans(pdf, out, dpi=200, seed=doc.seed)
        return out
    raise ValueError(f"unknown shape {shape!r}")


# --------------------------------------------------------------------------- matching

_LEAD = re.compile(r"^[(（]?[0-9一二三四五六七八九十]+[)）]?")  # an enumerator whose punctuation OCR lost


def _key(code: str, name: str, column: str, amount: str) -> tuple[str, str, str, str]:
    # only classification codes count as codes (design.md); a unit code row is keyed by its name
    code = code if code_kind(code) in CLASS_KINDS else ""
    # a row without a code is known by its name, enumerator ('8、' / '8.') and punctuation aside
    return (code, "" if code else _LEAD.sub("", norm(normalize_name(name))), norm(column), amount)


def _gold_key(g: GoldLineItem) -> tuple[str, str, str, str]:
    return _key(g.code, g.name, g.column, f"{float(g.amount_yuan):.2f}")


def _rec_key(r: LineItem) -> tuple[str, str, str, str]:
    return _key(r.code, r.name, r.column, f"{float(r.amount_yuan):.2f}")


def score(ex: Extraction, doc: SynthDoc, shape: str) -> Score:
    s = Score(docs=1)
    tables = match_tables(ex.document.tables, doc.tables)
    gold_by_table: dict[int, Counter] = {}
    for g in doc.line_items:
        gold_by_table.setdefault(g.table_seq, Counter())[_gold_key(g)] += 1
    s.gold = len(doc.line_items)
    remaining = {k: Counter(v) for k, v in gold_by_table.items()}
    # a table whose title OCR garbled: the gold table its records overlap most
    for t in ex.document.tables:
        if t.seq in tables:
            continue
        keys = Counter(_rec_key(r) for r in ex.line_items if r.table_seq == t.seq)
        if not keys:
            continue
        best = max(doc.tables, key=lambda g: sum((keys & gold_by_table.get(g.seq, Counter())).values()))
        if sum((keys & gold_by_table.get(best.seq, Counter())).values()) * 2 >= sum(keys.values()):
            tables[t.seq] = best
    # auto records first: a pending record must not take the gold item an accepted one reproduces
    for r in sorted(ex.line_items, key=lambda r: r.status != "auto"):
        s.records += 1
        gt = tables.get(r.table_seq)
        pool = remaining.get(gt.seq, Counter()) if gt else Counter()
        key = _rec_key(r)
        right = pool[key] > 0
        if right:
            pool[key] -= 1
            s.found += 1
        if r.status == "auto":
            s.auto += 1
            if right:
                s.auto_right += 1
            else:
                label = gt.label or gt.title[:12] if gt else f"table {r.table_seq} (unmatched)"
                s.wrong.append(
                    f"{doc.doc_id} {shape} {label} row {r.row}: {r.code or r.name} [{r.column}] "
                    f"= {r.amount_yuan}"
                )
        else:
            s.pending += 1
    return s


# --------------------------------------------------------------------------- driver


def evaluate(
    seeds: Iterable[int],
    shapes: Iterable[str],
    routing: Routing = DEFAULT_ROUTING,
    workdir: Path | None = None,
) -> dict[str, Score]:
    results: dict[str, Score] = {}
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        for seed in seeds:
            doc = make_document(seed)
            folder = Path(tmp) / doc.doc_id
            for shape in shapes:
                total = results.setdefault(shape, Score())
                try:
                    path = render(doc, shape, folder)
                    ex = analyze(read(path), routing)
                except Exception as exc:  # noqa: BLE001 - a failed document counts, the run goes on
                    total.add(Score(docs=1, failed=1, gold=len(doc.line_items)))
                    total.wrong.append(f"{doc.doc_id} {shape}: failed: {exc}")
                    continue
                total.add(score(ex, doc, shape))
    return results


def report(results: dict[str, Score], show_wrong: int = 0) -> str:
    lines = [
        f"{'shape':8} {'docs':>4} {'records':>8} {'auto':>7} {'auto precision':>15} "
        f"{'review share':>13} {'recall':>8}"
    ]
    overall = Score()
    for shape, s in results.items():
        overall.add(s)
        lines.append(_row(shape, s))
    lines.append(_row("all", overall))
    if show_wrong and overall.wrong:
        lines.append(f"wrong auto-accepted records (first {show_wrong} of {len(overall.wrong)}):")
        lines.extend("  " + w for w in overall.wrong[:show_wrong])
    return "\n".join(lines)


def _row(shape: str, s: Score) -> str:
    failed = f" ({s.failed} failed)" if s.failed else ""
    return (
        f"{shape:8} {s.docs:>4} {s.records:>8} {s.auto:>7} {s.precision:>14.2%} "
        f"{s.pending_share:>13.2%} {s.recall:>8.2%}{failed}"
    )
