"""Indicator quality on synthetic disclosures, per shape (see bench/eval_indicators.py).

Each generated document is rendered in a shape, read with ``extract.read``, analysed with
``classify.analyze.analyze``, and every indicator record is matched to the document's gold
indicators by its name (level 3) and value, punctuation and whitespace aside:

* recall:            gold indicators some record reproduces (name and value) / gold indicators
* level-2 accuracy:  of the records that reproduce a gold indicator, those with its level 2
* auto precision:    records accepted without review whose name, level 2 and value are all right
* review share:      records routed to review / all records
* project accuracy:  records whose project is the gold table's project (its name, no code)
* amount / target:   records whose project amount / annual target (the project block's 资金金额 /
                     项目总额 and 年度目标) is the gold table's ('' where the table prints none)
* dept / impl:       records whose project department / implementing unit (the block's 主管部门 /
                     主管单位 and 实施单位) is the gold table's ('' where the table prints none)
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from classify.analyze import DEFAULT_ROUTING, Routing, analyze
from classify.model import Extraction
from extract import read
from extract.numbers import normalize
from samples.routing_eval import render as render_text
from samples.synth import SynthDoc, make_document

SHAPES = ("tsv", "cells", "layout", "raw", "ruled", "borderless", "scan")
DEFAULT_SHAPES = ("tsv", "cells", "layout", "raw", "ruled", "borderless")

_PUNCT = re.compile(r"[\s（）()“”\"、，,:：;；。.·\-—_]")
_ENUM = re.compile(r"^(?:指标\d+[:：]|\d+[、.．])")


def key_text(text: str) -> str:
    """Name or value as compared: NFKC, enumerators, whitespace and punctuation removed."""
    return _PUNCT.sub("", _ENUM.sub("", normalize(text).strip()))


def render(doc: SynthDoc, shape: str, folder: Path) -> Path:
    """Write ``doc`` in ``shape`` under ``folder``; the path to read."""
    if shape in ("ruled", "borderless"):
        from samples.render import render_pdf

        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{shape}.pdf"
        if not path.exists():
            render_pdf(doc, path, shape)
        return path
    return render_text(doc, shape, folder)


@dataclass
class IndicatorScore:
    docs: int = 0
    failed: int = 0
    gold: int = 0
    found: int = 0
    level2_right: int = 0
    records: int = 0
    auto: int = 0
    auto_right: int = 0
    pending: int = 0
    project_right: int = 0
    amount_right: int = 0
    target_right: int = 0
    department_right: int = 0
    unit_right: int = 0
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    wrong_project: list[str] = field(default_factory=list)
    wrong_fields: list[str] = field(default_factory=list)  # a found indicator's 主管部门 / 实施单位 wrong

    def add(self, o: IndicatorScore) -> None:
        for name in (
            "docs", "failed", "gold", "found", "level2_right", "records", "auto", "auto_right",
            "pending", "project_right", "amount_right", "target_right", "department_right", "unit_right",
        ):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(o, name))
        self.wrong.extend(o.wrong)
        self.missed.extend(o.missed)
        self.wrong_project.extend(o.wrong_project)
        self.wrong_fields.extend(o.wrong_fields)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def level2_accuracy(self) -> float:
        return self.level2_right / self.found if self.found else 1.0

    @property
    def precision(self) -> float:
        return self.auto_right / self.auto if self.auto else 1.0

    @property
    def review_share(self) -> float:
        return self.pending / self.records if self.records else 0.0

    @property
    def project_accuracy(self) -> float:
        return self.project_right / self.found if self.found else 1.0

    @property
    def amount_accuracy(self) -> float:
        return self.amount_right / self.found if self.found else 1.0

    @property
    def target_accuracy(self) -> float:
        return self.target_right / self.found if self.found else 1.0

    @property
    def department_accuracy(self) -> float:
        return self.department_right / self.found if self.found else 1.0

    @property
    def unit_accuracy(self) -> float:
        return self.unit_right / self.found if self.found else 1.0


def amount_key(text: str) -> str:
    """An amount as compared: NFKC, whitespace and thousands separators removed."""
    return re.sub(r"[\s,]", "", normalize(text))


def score(ex: Extraction, doc: SynthDoc, shape: str) -> IndicatorScore:
    """Match the extraction's indicators to the document's gold ones: name and value, of the same
    project where one matches (the same indicator printed for two projects), else of any."""
    s = IndicatorScore(docs=1, gold=len(doc.indicators))
    gold = [(key_text(g.project), key_text(g.level3), key_text(g.value), g) for g in doc.indicators]
    used = [False] * len(gold)

    def take(project: str, name: str, value: str) -> object | None:
        for same_project in (True, False):
            for i, (p, n, v, g) in enumerate(gold):
                if not used[i] and n == name and v == value and (p == project or not same_project):
                    used[i] = True
                    return g
        return None

    for rec in sorted(ex.indicators, key=lambda r: r.status != "auto"):
        s.records += 1
        g = take(key_text(rec.project), key_text(rec.level3), key_text(rec.value))
        if g is not None:
            s.found += 1
            s.level2_right += rec.level2 == g.level2
            s.project_right += key_text(rec.project) == key_text(g.project)
            s.amount_right += amount_key(rec.project_amount) == amount_key(g.project_amount)
            s.target_right += key_text(rec.project_target) == key_text(g.project_target)
            s.department_right += key_text(rec.project_department) == key_text(g.project_department)
            s.unit_right += key_text(rec.project_unit) == key_text(g.project_unit)
            for name, got, want in (
                ("主管部门", rec.project_department, g.project_department),
                ("实施单位", rec.project_unit, g.project_unit),
            ):
                if key_text(got) != key_text(want):
                    s.wrong_fields.append(
                        f"{doc.doc_id} {shape} t{rec.table_seq} row {rec.row}: {name} {got!r}, gold {want!r}"
                    )
            if key_text(rec.project) != key_text(g.project):
                s.wrong_project.append(
                    f"{doc.doc_id} {shape} t{rec.table_seq} row {rec.row} {rec.level3}: project"
                    f" {rec.project!r} ({rec.status}), gold {g.project!r}"
                )
        right = g is not None and rec.level2 == g.level2
        if rec.status == "auto":
            s.auto += 1
            s.auto_right += right
            if not right:
                s.wrong.append(
                    f"{doc.doc_id} {shape} t{rec.table_seq} row {rec.row}: {rec.level1}/{rec.level2}/{rec.level3}"
                    f" = {rec.value!r}" + (f" (gold level2 {g.level2})" if g is not None else "")
                )
        else:
            s.pending += 1
    for i, (_p, _n, _v, g) in enumerate(gold):
        if not used[i]:
            s.missed.append(f"{doc.doc_id} {shape}: {g.level2}/{g.level3} = {g.value!r}")
    return s


def evaluate(
    seeds: Iterable[int],
    shapes: Iterable[str],
    routing: Routing = DEFAULT_ROUTING,
    workdir: Path | None = None,
) -> dict[str, IndicatorScore]:
    results: dict[str, IndicatorScore] = {}
    shapes = list(shapes)
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        for seed in seeds:
            doc = make_document(seed)
            if not doc.indicators:
                continue
            folder = Path(tmp) / doc.doc_id
            for shape in shapes:
                total = results.setdefault(shape, IndicatorScore())
                try:
                    ex = analyze(read(render(doc, shape, folder)), routing)
                except Exception as exc:  # noqa: BLE001 - a failed document counts, the run goes on
                    total.add(IndicatorScore(docs=1, failed=1, gold=len(doc.indicators)))
                    total.wrong.append(f"{doc.doc_id} {shape}: failed: {exc}")
                    continue
                total.add(score(ex, doc, shape))
    return results


def report(
    results: dict[str, IndicatorScore], show_wrong: int = 0, show_missed: int = 0, show_project: int = 0
) -> str:
    lines = [
        f"{'shape':11} {'docs':>4} {'gold':>5} {'records':>7} {'recall':>7} {'level2':>7} "
        f"{'auto':>5} {'auto prec':>9} {'review':>7} {'project':>7} {'amount':>7} {'target':>7} {'dept':>7}"
        f" {'impl':>7}"
    ]
    overall = IndicatorScore()
    for shape, s in results.items():
        overall.add(s)
        lines.append(_row(shape, s))
    lines.append(_row("all", overall))
    if show_wrong and overall.wrong:
        lines.append(f"wrong auto-accepted indicators (first {show_wrong} of {len(overall.wrong)}):")
        lines.extend("  " + w for w in overall.wrong[:show_wrong])
    if show_missed and overall.missed:
        lines.append(f"missed gold indicators (first {show_missed} of {len(overall.missed)}):")
        lines.extend("  " + w for w in overall.missed[:show_missed])
    if show_project and overall.wrong_project:
        lines.append(
            f"found indicators of a wrong project (first {show_project} of {len(overall.wrong_project)}):"
        )
        lines.extend("  " + w for w in overall.wrong_project[:show_project])
    if show_project and overall.wrong_fields:
        lines.append(
            f"found indicators of a wrong 主管部门 / 实施单位 (first {show_project} of {len(overall.wrong_fields)}):"
        )
        lines.extend("  " + w for w in overall.wrong_fields[:show_project])
    return "\n".join(lines)


def _row(shape: str, s: IndicatorScore) -> str:
    failed = f" ({s.failed} failed)" if s.failed else ""
    return (
        f"{shape:11} {s.docs:>4} {s.gold:>5} {s.records:>7} {s.recall:>7.3f} {s.level2_accuracy:>7.3f} "
        f"{s.auto:>5} {s.precision:>9.3f} {s.review_share:>7.3f} {s.project_accuracy:>7.3f}"
        f" {s.amount_accuracy:>7.3f} {s.target_accuracy:>7.3f} {s.department_accuracy:>7.3f}"
        f" {s.unit_accuracy:>7.3f}{failed}"
    )
