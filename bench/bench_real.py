"""Real born-digital disclosures (``../shared/real/``) against the hand-made labels.

    .venv/bin/python bench/bench_real.py                       # every labelled born-digital PDF
    .venv/bin/python bench/bench_real.py --only 决算 --show-missed 20 --show-lost 20
    .venv/bin/python bench/bench_real.py --shape layout       # the same PDFs as pdftotext -layout text
    .venv/bin/python bench/bench_real.py --shape raw --reasons 8   # what keeps each document's records pending

``--shape pdf`` (default) reads each PDF; ``--shape layout`` / ``--shape raw`` reads the text
``pdftotext -layout`` / ``-raw`` makes of it (written to a temporary directory at run time, the PDF
read in place): the text exports users upload. Pages are the text's form feeds, so every figure
below holds for the text shapes too.

Per document (``samples/labels/real_tables.json``: every table's pages, title and type):

- tables: labelled / found (a read table starts on the table's first page) / typed right (that
  table has the labelled type) / fragments (read tables starting on a later page of a labelled
  table: a continuation not joined) / money tables read on pages that hold no table;
- line items, where ``samples/labels/real_line_items/<stem>.json`` holds them: recall (a record
  of a table starting on the labelled table's pages, with the label's code — or, when it has none,
  its name —, the last level of its column and its amount in yuan, pending ones included) and auto-accepted precision (auto records of the
  labelled tables that match a label, one to one);
- the share of the document's records sent to review (``--reasons N``: the N reason codes most of
  its pending records hold, each record counted once per code);
- amounts lost: every amount token (a figure with a decimal point or a thousands separator) of
  ``pdftotext -layout`` on the pages of its money tables, looked up among the records printed on
  that page (exported or pending, in the table's unit or in yuan); those found nowhere are lost (an
  amount wrapped in a narrow cell, ``168,441`` over ``.81``, is one amount, its decimals any of the
  page's wrapped ones).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from classify.analyze import analyze  # noqa: E402
from classify.model import Extraction  # noqa: E402
from extract import read  # noqa: E402
from extract.taxonomy import PERFORMANCE_TYPES  # noqa: E402

REAL = ROOT.parent / "shared" / "real"
LABELS = ROOT / "samples" / "labels"
NOT_MONEY = ("toc", "other", "institutions", *PERFORMANCE_TYPES)
AMOUNT = re.compile(r"^-?(\d{1,3}(,\d{3})+(\.\d+)?|\d+\.\d+)$")
FRACTION = re.compile(r"^\.\d+$")  # the decimals of an amount wrapped in a narrow cell (168,441 / .81)
UNITS = {"元": Decimal(1), "万元": Decimal(10000)}


@dataclass
class DocScore:
    name: str
    tables: int = 0
    found: int = 0
    typed: int = 0
    fragments: int = 0
    stray_money: int = 0
    labels: int = 0
    matched: int = 0
    auto: int = 0
    auto_right: int = 0
    records: int = 0
    pending: int = 0
    printed: int = 0
    lost: int = 0
    mistyped: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    lost_tokens: list[str] = field(default_factory=list)
    pending_reasons: Counter = field(default_factory=Counter)  # reason code -> pending records holding it

    @property
    def recall(self) -> float:
        return self.matched / self.labels if self.labels else float("nan")

    @property
    def precision(self) -> float:
        return self.auto_right / self.auto if self.auto else float("nan")

    @property
    def pending_share(self) -> float:
        return self.pending / self.records if self.records else 0.0


def table_labels() -> dict[str, dict]:
    return json.loads((LABELS / "real_tables.json").read_text("utf-8"))["documents"]


def item_labels(stem: str) -> dict | None:
    p = LABELS / "real_line_items" / f"{stem}.json"
    return json.loads(p.read_text("utf-8")) if p.exists() else None


def _norm(s: str) -> str:
    return "".join(s.split()).replace("(", "（").replace(")", "）").replace(":", "：")


def _leaf(column: str) -> str:
    return _norm(column).split("/")[-1]


def record_pages(extraction: Extraction) -> list[int]:
    """The page each line item is printed on (its cell's page, else its table's)."""
    pages = {}
    for t in extraction.document.tables:
        for c in t.cells:
            pages[(t.seq, c.row, c.col)] = c.page or t.page
    by_seq = {t.seq: t.page for t in extraction.document.tables}
    return [
        pages.get((li.table_seq, li.row, li.col), by_seq.get(li.table_seq, 0)) for li in extraction.line_items
    ]


def score_tables(s: DocScore, labels: list[dict], extraction: Extraction) -> None:
    read_tables = [(t, extraction.verdicts[t.seq].table_type) for t in extraction.document.tables]
    covered = {p for lab in labels for p in range(lab["pages"][0], lab["pages"][1] + 1)}
    for lab in labels:
        a, b = lab["pages"]
        s.tables += 1
        starts = [(t, ty) for t, ty in read_tables if t.page == a]
        if starts:
            s.found += 1
            if any(ty == lab["type"] for _, ty in starts):
                s.typed += 1
            else:
                s.mistyped.append(f"p{a} {lab['title']}: {lab['type']} read as {[ty for _, ty in starts]}")
        else:
            s.mistyped.append(f"p{a} {lab['title']}: not found")
        s.fragments += sum(1 for t, _ in read_tables if a < t.page <= b)
    s.stray_money += sum(1 for t, ty in read_tables if t.page not in covered and ty not in NOT_MONEY)


def score_items(s: DocScore, labelled: dict, extraction: Extraction, whole_path: bool = False) -> None:
    """Line-item recall and auto precision of ``extraction`` against ``labelled``; columns compared
    by their last level, or with ``whole_path`` by every level the label names (收入/决算数 matches
    a record's …/收入/决算数: labels leave out a banner spanning the whole table)."""
    pages = {p for t in labelled["tables"] for p in range(t["pages"][0], t["pages"][1] + 1)}
    in_scope = [
        li
        for li, t in ((li, _table(extraction, li.table_seq)) for li in extraction.line_items)
        if t is not None and t.page in pages
    ]
    used: set[int] = set()
    index: dict[tuple[str, Decimal], list[int]] = {}
    for k, li in enumerate(in_scope):
        index.setdefault((_leaf(li.column), li.amount_yuan), []).append(k)
    table_page = [_table(extraction, li.table_seq).page for li in in_scope]  # type: ignore[union-attr]
    for t in labelled["tables"]:
        factor = UNITS[t["unit"]]
        first, last = t["pages"]
        for it in t["items"]:
            s.labels += 1
            amount = (Decimal(it["amount"].replace(",", "")) * factor).quantize(Decimal("0.01"))
            cands = [
                k
                for k in index.get((_leaf(it["column"]), amount), [])
                if k not in used
                and first <= table_page[k] <= last  # a record of this table, not another's same figure
                and (not whole_path or _path_ends(in_scope[k].column, it["column"]))
                and (
                    in_scope[k].code == it["code"]
                    if it["code"]
                    else not in_scope[k].code and _norm(in_scope[k].name) == _norm(it["name"])
                )
            ]
            if cands:
                used.add(cands[0])
                s.matched += 1
            else:
                s.missed.append(
                    f"p{it['page']} {it['code'] or '-'} {it['name']} [{it['column']}] {it['amount']}"
                )
    for k, li in enumerate(in_scope):
        if li.status == "auto":
            s.auto += 1
            if k in used:
                s.auto_right += 1
            else:
                s.wrong.append(f"{li.code or '-'} {li.name} [{li.column}] {li.amount_yuan}")


def _path_ends(column: str, label: str) -> bool:
    """The record's column path ends with every level of the label's."""
    have, want = _norm(column).split("/"), _norm(label).split("/")
    return have[-len(want) :] == want


def _table(extraction: Extraction, seq: int):  # noqa: ANN202 - a Table or None
    return next((t for t in extraction.document.tables if t.seq == seq), None)


def page_amounts(pdf: Path, page: int) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    tokens = text.split()
    places = Counter(len(t.split(".")[1]) for t in tokens if AMOUNT.match(t) and "." in t)
    d = places.most_common(1)[0][0] if places else 2
    out = []
    for tok in tokens:
        # wrapped decimals run into the next column's figure on the same text line (.81154,304)
        m = re.match(rf"^(\.\d{{{d}}})(\d.*)$", tok)
        out.extend([m.group(1), m.group(2)] if m else [tok])
    return [tok for tok in out if AMOUNT.match(tok) or FRACTION.match(tok)]


def printed_unit(pdf: Path, page: int) -> Decimal:
    """The unit a table's first page prints (单位：万元, 金额单位:元 …), as a factor to yuan."""
    text = subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    m = re.search(r"单位\s*[：:]\s*(万元|元)", text) or re.search(r"(万元)", text)
    return UNITS[m.group(1)] if m else Decimal(1)


def score_lost(s: DocScore, pdf: Path, labels: list[dict], extraction: Extraction) -> None:
    """Amounts printed on a money table's pages, in the unit its first page prints, that no
    record printed on that page holds."""
    on_page: dict[int, set[Decimal]] = {}
    for li, page in zip(extraction.line_items, record_pages(extraction), strict=True):
        on_page.setdefault(page, set()).add(li.amount_yuan)
    for lab in labels:
        if lab["type"] in NOT_MONEY:
            continue
        factor = printed_unit(pdf, lab["pages"][0])
        for page in range(lab["pages"][0], lab["pages"][1] + 1):
            have = on_page.get(page, set())
            tokens = page_amounts(pdf, page)
            fractions = [tok for tok in tokens if FRACTION.match(tok)]
            for tok in tokens:
                if FRACTION.match(tok):
                    continue  # counted with the whole part it was wrapped from
                value = Decimal(tok.replace(",", ""))
                s.printed += 1
                if (value * factor).quantize(Decimal("0.01")) in have:
                    continue
                # a whole part whose decimals the cell wrapped onto the next line
                if "." not in tok and any(
                    (Decimal(tok.replace(",", "") + f) * factor).quantize(Decimal("0.01")) in have
                    for f in fractions
                ):
                    continue
                s.lost += 1
                s.lost_tokens.append(f"p{page} {tok}")


SHAPES = ("pdf", "layout", "raw")


def as_shape(pdf: Path, shape: str, workdir: Path) -> Path:
    """The file to read for ``shape``: the PDF itself, or the text ``pdftotext -<shape>`` makes
    of it in ``workdir``."""
    if shape == "pdf":
        return pdf
    out = workdir / f"{pdf.stem}.{shape}.txt"
    subprocess.run(["pdftotext", f"-{shape}", "-enc", "UTF-8", str(pdf), str(out)], check=True)
    return out


def score_document(name: str, labels: dict, shape: str = "pdf") -> DocScore:
    pdf = REAL / name
    with tempfile.TemporaryDirectory() as tmp:
        extraction = analyze(read(as_shape(pdf, shape, Path(tmp))))
    s = DocScore(name)
    score_tables(s, labels["tables"], extraction)
    labelled = item_labels(Path(name).stem)
    if labelled is not None:
        score_items(s, labelled, extraction)
    s.records = len(extraction.line_items)
    s.pending = sum(1 for li in extraction.line_items if li.status == "pending")
    for li in extraction.line_items:
        if li.status == "pending":
            s.pending_reasons.update({r.code for r in li.reason} or {"(none)"})
    score_lost(s, pdf, labels["tables"], extraction)
    return s


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", default="", help="documents whose name contains this")
    ap.add_argument("--show-mistyped", action="store_true")
    ap.add_argument("--show-missed", type=int, default=0)
    ap.add_argument("--show-wrong", type=int, default=0)
    ap.add_argument("--show-lost", type=int, default=0)
    ap.add_argument("--reasons", type=int, default=0, help="the N reason codes most pending records hold")
    ap.add_argument("--shape", choices=SHAPES, default="pdf", help="read the PDF, or its pdftotext text")
    ap.add_argument("--labelled", action="store_true", help="only documents with line-item labels")
    args = ap.parse_args(argv)
    start = time.perf_counter()
    print(
        f"{'document':34} {'tables':>6} {'found':>5} {'typed':>5} {'frag':>4} {'stray':>5} "
        f"{'labels':>6} {'recall':>6} {'auto prec':>9} {'pending':>7} {'printed':>7} {'lost':>5}"
    )
    totals = Counter()
    for name, labels in table_labels().items():
        if args.only not in name or not (REAL / name).exists():
            continue
        if args.labelled and item_labels(Path(name).stem) is None:
            continue
        s = score_document(name, labels, args.shape)
        print(
            f"{name[:34]:34} {s.tables:>6} {s.found:>5} {s.typed:>5} {s.fragments:>4} {s.stray_money:>5} "
            f"{s.labels or '':>6} {s.recall if s.labels else '':>6.5} {s.precision if s.labels else '':>9.5} "
            f"{s.pending_share:>7.3f} {s.printed:>7} {s.lost:>5}"
        )
        if args.show_mistyped:
            print("\n".join(f"    mistyped {m}" for m in s.mistyped))
        print(
            "\n".join(f"    missed {m}" for m in s.missed[: args.show_missed]),
            end="\n" if args.show_missed and s.missed else "",
        )
        print(
            "\n".join(f"    wrong  {m}" for m in s.wrong[: args.show_wrong]),
            end="\n" if args.show_wrong and s.wrong else "",
        )
        for code, n in s.pending_reasons.most_common(args.reasons):
            print(f"    reason {n:>5} {code}")
        print(
            "\n".join(f"    lost   {m}" for m in s.lost_tokens[: args.show_lost]),
            end="\n" if args.show_lost and s.lost_tokens else "",
        )
        for k in (
            "tables",
            "found",
            "typed",
            "fragments",
            "labels",
            "matched",
            "auto",
            "auto_right",
            "records",
            "pending",
            "printed",
            "lost",
        ):
            totals[k] += getattr(s, k)
    t = totals
    print(
        f"all ({args.shape}): tables {t['typed']}/{t['tables']} typed right ({t['found']} found, {t['fragments']} fragments); "
        f"line items recall {t['matched'] / max(1, t['labels']):.3f}, auto precision {t['auto_right'] / max(1, t['auto']):.3f}; "
        f"pending {t['pending'] / max(1, t['records']):.3f}; amounts lost {t['lost']}/{t['printed']} "
        f"({time.perf_counter() - start:.0f} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
