"""Fit, evaluate and save the two classifiers; write the model card.

``train(db_path, out_dir, base=…)`` takes the base examples (a ``classify.training_data.TrainingSet``:
the shipped models' comes from ``samples/training.py``; ``samples_dir=`` reads a samples folder's
seeds and labels instead), adds their damaged variants and the reviewer corrections of a work store
when one is given, evaluates by document groups
(leave-one-seed-out, and synthetic documents of held-out departments), fits the final models on
everything and writes ``out_dir/table_type.joblib``, ``out_dir/indicator_level.joblib`` and
``out_dir/MODEL_CARD.md``. Every random choice has a fixed seed: two runs give the same models.
"""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import sklearn
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold
from sklearn.svm import LinearSVC

from classify.features import IndicatorInputs, TableInputs, indicator_inputs, table_inputs
from classify.models import (
    FORMAT_VERSION,
    INDICATOR_MODEL,
    TABLE_MODEL,
    indicator_matrix,
    table_matrix,
)
from classify.training_data import (
    DataConfig,
    IndicatorExample,
    TableExample,
    TrainingDataError,
    TrainingSet,
    indicator_conditions,
    indicator_examples,
    seed_training_set,
    with_variants,
)
from extract.model import Cell, Table
from extract.taxonomy import LEVEL1_OF, LEVEL2, TABLE_TYPES

RANDOM_STATE = 0


@dataclass(frozen=True)
class TrainConfig:
    data: DataConfig = field(default_factory=DataConfig)
    table_c: float = 0.5
    indicator_c: float = 0.01  # strong regularisation: seed wording is not the generator's
    title_features: int = 6000
    context_features: int = 4000
    text_features: int = 6000
    value_features: int = 800
    levels_features: int = 1500
    calibration_folds: int = 3
    department_folds: int = 3
    evaluate: bool = True


SMALL = TrainConfig(
    data=DataConfig(synth_docs=4, seed_variants=1, template_tables=3, indicator_copies=1),
    title_features=800,
    context_features=500,
    text_features=800,
    levels_features=300,
    calibration_folds=2,
    evaluate=False,
)


@dataclass
class Reliability:
    bins: list[dict[str, float]]  # lo, hi, count, confidence, accuracy
    ece: float


@dataclass
class Evaluation:
    table_accuracy: float
    table_accuracy_original: float
    table_accuracy_variants: float
    table_accuracy_loso: float
    table_accuracy_departments: float
    table_n: int
    level2_macro_f1: float
    level2_accuracy: float
    level1_accuracy: float
    level2_by_condition: dict[str, dict[str, float]]
    level2_macro_f1_loso: float
    level2_macro_f1_departments: float
    indicator_n: int
    table_reliability: Reliability
    level2_reliability: Reliability
    table_errors: list[dict[str, Any]]
    folds: list[str]


@dataclass
class TrainReport:
    out_dir: str
    files: dict[str, str]  # file name → sha256
    sizes: dict[str, int]
    table_examples: int
    indicator_examples: int
    store_tables: int
    store_indicators: int
    seconds: float
    evaluation: Evaluation | None
    config: dict[str, Any]


# ───────────────────────────── fitting ─────────────────────────────


def _calibration_cv(
    y: Sequence[str], groups: Sequence[str], folds: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Grouped, stratified folds for the calibrator (variants of a document stay together);
    plain stratified folds when grouping would leave a class out of a training fold."""
    y_arr = np.asarray(y)
    classes = set(y_arr)
    x = np.zeros(len(y_arr))
    try:
        splits = list(
            StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=RANDOM_STATE).split(
                x, y_arr, groups
            )
        )
        if all(set(y_arr[tr]) == classes for tr, _ in splits):
            return splits
    except ValueError:
        pass
    n_min = min(int((y_arr == c).sum()) for c in classes)
    k = max(2, min(folds, n_min))
    return list(StratifiedKFold(n_splits=k, shuffle=True, random_state=RANDOM_STATE).split(x, y_arr))


def _calibrated(c: float, y: Sequence[str], groups: Sequence[str], folds: int) -> CalibratedClassifierCV:
    base = LinearSVC(C=c, random_state=RANDOM_STATE)
    return CalibratedClassifierCV(
        base, method="sigmoid", cv=_calibration_cv(y, groups, folds), ensemble=False
    )


def _tfidf(ngrams: tuple[int, int], max_features: int) -> TfidfVectorizer:
    return TfidfVectorizer(
        analyzer="char",
        ngram_range=ngrams,
        sublinear_tf=True,
        min_df=2,
        max_features=max_features,
        lowercase=False,
    )


def fit_table_model(
    inputs: list[TableInputs], y: list[str], groups: list[str], config: TrainConfig
) -> dict[str, Any]:
    bundle: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "kind": "table_type",
        "title_vec": _tfidf((1, 3), config.title_features).fit([i.title for i in inputs]),
        "context_vec": _tfidf((1, 2), config.context_features).fit([i.context for i in inputs]),
        "num_vec": DictVectorizer().fit([i.numbers for i in inputs]),
    }
    x = table_matrix(bundle, inputs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bundle["clf"] = _calibrated(config.table_c, y, groups, config.calibration_folds).fit(x, y)
    return bundle


def fit_indicator_model(
    inputs: list[IndicatorInputs], y: list[str], groups: list[str], config: TrainConfig
) -> dict[str, Any]:
    bundle: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "kind": "indicator_level",
        "text_vec": _tfidf((1, 3), config.text_features).fit([i.text for i in inputs]),
        "value_vec": _tfidf((1, 3), config.value_features).fit([i.value for i in inputs]),
        "levels_vec": _tfidf((1, 2), config.levels_features).fit([i.levels for i in inputs]),
        "num_vec": DictVectorizer().fit([i.numbers for i in inputs]),
    }
    x = indicator_matrix(bundle, inputs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bundle["clf"] = _calibrated(config.indicator_c, y, groups, config.calibration_folds).fit(x, y)
    return bundle


def _predict(bundle: dict[str, Any], matrix: Callable, inputs: list) -> tuple[list[str], np.ndarray]:
    probs = bundle["clf"].predict_proba(matrix(bundle, inputs))
    classes = np.asarray(bundle["clf"].classes_)
    return list(classes[probs.argmax(axis=1)]), probs.max(axis=1)


# ───────────────────────────── grouped evaluation ─────────────────────────────


@dataclass(frozen=True)
class Fold:
    name: str
    kind: str  # 'loso' or 'departments'
    test: frozenset[str]  # groups


def folds_for(groups_depts: Sequence[tuple[str, str]], department_folds: int) -> list[Fold]:
    """Leave-one-seed-out folds, then synthetic/generated documents split by department."""
    groups = sorted({g for g, _ in groups_depts})
    folds = [Fold(g, "loso", frozenset([g])) for g in groups if g.startswith("seed:")]
    depts = sorted({d for g, d in groups_depts if not g.startswith(("seed:", "store:"))})
    random.Random(RANDOM_STATE).shuffle(depts)
    for k in range(department_folds):
        held = set(depts[k::department_folds])
        test = frozenset(g for g, d in groups_depts if d in held and not g.startswith(("seed:", "store:")))
        if test:
            folds.append(Fold("departments:" + ",".join(sorted(held)), "departments", test))
    return folds


def reliability(
    confidence: np.ndarray, correct: np.ndarray, edges: Sequence[float] | None = None
) -> Reliability:
    edges = list(edges or (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0001))
    bins: list[dict[str, float]] = []
    ece = 0.0
    n = max(len(confidence), 1)
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        m = (confidence >= lo) & (confidence < hi)
        count = int(m.sum())
        if not count:
            continue
        conf, acc = float(confidence[m].mean()), float(correct[m].mean())
        bins.append({"lo": lo, "hi": min(hi, 1.0), "count": count, "confidence": conf, "accuracy": acc})
        ece += count / n * abs(conf - acc)
    return Reliability(bins, ece)


def evaluate(
    tables: list[TableExample],
    t_inputs: list[TableInputs],
    inds: list[IndicatorExample],
    i_inputs: list[IndicatorInputs],
    config: TrainConfig,
) -> Evaluation:
    folds = folds_for(
        [(e.group, e.dept) for e in tables] + [(e.group, e.dept) for e in inds], config.department_folds
    )
    t_rows: list[tuple[str, str, str, float, TableExample]] = []  # fold kind, gold, predicted, p, example
    i_rows: list[tuple[str, str, str, float, IndicatorExample]] = []
    for fold in folds:
        tr = [i for i, e in enumerate(tables) if e.group not in fold.test]
        te = [i for i, e in enumerate(tables) if e.group in fold.test]
        if te:
            bundle = fit_table_model(
                [t_inputs[i] for i in tr],
                [tables[i].label for i in tr],
                [tables[i].group for i in tr],
                config,
            )
            pred, conf = _predict(bundle, table_matrix, [t_inputs[i] for i in te])
            t_rows += [
                (fold.kind, tables[i].label, p, float(c), tables[i])
                for i, p, c in zip(te, pred, conf, strict=True)
            ]
        tr = [i for i, e in enumerate(inds) if e.group not in fold.test]
        te = [i for i, e in enumerate(inds) if e.group in fold.test]
        if te:
            bundle = fit_indicator_model(
                [i_inputs[i] for i in tr], [inds[i].level2 for i in tr], [inds[i].group for i in tr], config
            )
            pred, conf = _predict(bundle, indicator_matrix, [i_inputs[i] for i in te])
            i_rows += [
                (fold.kind, inds[i].level2, p, float(c), inds[i])
                for i, p, c in zip(te, pred, conf, strict=True)
            ]

    def acc(rows: list) -> float:
        return float(np.mean([g == p for _, g, p, _, _ in rows])) if rows else float("nan")

    def macro(rows: list) -> float:
        if not rows:
            return float("nan")
        return float(
            f1_score(
                [r[1] for r in rows],
                [r[2] for r in rows],
                average="macro",
                labels=sorted({r[1] for r in rows}),
            )
        )

    by_condition = {}
    for cond in sorted({r[4].condition for r in i_rows}):
        rows = [r for r in i_rows if r[4].condition == cond]
        by_condition[cond] = {"n": len(rows), "accuracy": acc(rows), "macro_f1": macro(rows)}
    errors = [
        {
            "gold": g,
            "predicted": p,
            "p": round(c, 3),
            "title": e.table.title,
            "variant": e.variant,
            "group": e.group,
        }
        for _, g, p, c, e in t_rows
        if g != p
    ]
    return Evaluation(
        table_accuracy=acc(t_rows),
        table_accuracy_original=acc([r for r in t_rows if r[4].variant == "original"]),
        table_accuracy_variants=acc([r for r in t_rows if r[4].variant != "original"]),
        table_accuracy_loso=acc([r for r in t_rows if r[0] == "loso"]),
        table_accuracy_departments=acc([r for r in t_rows if r[0] == "departments"]),
        table_n=len(t_rows),
        level2_macro_f1=macro(i_rows),
        level2_accuracy=acc(i_rows),
        level1_accuracy=float(np.mean([_level1(g) == _level1(p) for _, g, p, _, _ in i_rows])) if i_rows else float("nan"),
        level2_by_condition=by_condition,
        level2_macro_f1_loso=macro([r for r in i_rows if r[0] == "loso"]),
        level2_macro_f1_departments=macro([r for r in i_rows if r[0] == "departments"]),
        indicator_n=len(i_rows),
        table_reliability=reliability(np.array([r[3] for r in t_rows]), np.array([r[1] == r[2] for r in t_rows])),
        level2_reliability=reliability(np.array([r[3] for r in i_rows]), np.array([r[1] == r[2] for r in i_rows])),
        table_errors=errors[:40],
        folds=[f"{f.kind}:{f.name}" if f.kind == "loso" else f.name for f in folds],
    )  # fmt: skip


def _level1(level2: str) -> str:
    return "产出指标" if level2 == "成本指标" else LEVEL1_OF[level2]


# ───────────────────────────── reviewer corrections ─────────────────────────────


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}


def store_examples(db_path: str, config: DataConfig) -> tuple[list[TableExample], list[IndicatorExample]]:
    """Reviewer corrections in a work store: corrected tables (their type), confirmed or corrected
    indicators (their levels). A store without those tables or columns gives nothing."""
    path = Path(db_path)
    if not path.exists():
        return [], []
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    tables: list[TableExample] = []
    inds: list[IndicatorExample] = []
    try:
        tcols = _columns(conn, "tables")
        if {"id", "document_id", "table_type", "status"} <= tcols:
            extra = [c for c in ("title", "unit", "header_rows", "empty", "layout") if c in tcols]
            rows = conn.execute(
                f"SELECT id, document_id, table_type, {', '.join(extra) or 'NULL'} FROM tables "
                "WHERE status = 'corrected' ORDER BY document_id, id"
            ).fetchall()
            has_cells = {"table_id", "row", "col", "text"} <= _columns(conn, "cells")
            for row in rows:
                tid, doc, slug, *vals = row
                if slug not in TABLE_TYPES:
                    continue
                meta = dict(zip(extra, vals, strict=True))
                cells = []
                if has_cells:
                    cells = [
                        Cell(row=r, col=c, text=t or "")
                        for r, c, t in conn.execute(
                            'SELECT "row", col, text FROM cells WHERE table_id = ? ORDER BY "row", col',
                            (tid,),
                        )
                    ]
                table = Table(
                    seq=0,
                    title=meta.get("title") or "",
                    cells=cells,
                    header_rows=int(meta.get("header_rows") or 0),
                    unit=meta.get("unit") or "",
                    empty=bool(meta.get("empty") or False),
                    layout=meta.get("layout") or "grid",
                )
                tables.append(TableExample(f"store:{doc}", "store", "store", "original", table, slug))
        icols = _columns(conn, "indicators")
        if {"document_id", "level2", "level3", "value", "status"} <= icols:
            rng = random.Random(f"store:{config.seed}")
            for doc, level2, level3, value in conn.execute(
                "SELECT document_id, level2, level3, value FROM indicators "
                "WHERE status IN ('confirmed', 'corrected') ORDER BY document_id, id"
            ):
                if level2 in LEVEL2 and level3:
                    inds += indicator_conditions(
                        level3,
                        value or "",
                        level2,
                        rng,
                        config.indicator_copies,
                        f"store:{doc}",
                        "store",
                        "store",
                    )
    except sqlite3.DatabaseError:
        pass
    finally:
        conn.close()
    return tables, inds


# ───────────────────────────── train ─────────────────────────────


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_examples(
    db_path: str | None, config: TrainConfig, base: TrainingSet
) -> tuple[list[TableExample], list[IndicatorExample], int, int]:
    """The base examples with their variants, plus the reviewer corrections of ``db_path``."""
    tables = with_variants(config.data, base.tables)
    inds = indicator_examples(config.data, base.indicators)
    s_tables, s_inds = store_examples(db_path, config.data) if db_path else ([], [])
    return tables + s_tables, inds + s_inds, len(s_tables), len(s_inds)


def _enough(tables: list[TableExample], inds: list[IndicatorExample], sources: str) -> None:
    """Refuse, naming what is missing, to fit a classifier on fewer than two labels."""
    for what, labels in (
        ("table types", {e.label for e in tables}),
        ("indicator level2s", {e.level2 for e in inds}),
    ):
        if len(labels) < 2:
            raise TrainingDataError(
                f"{sources} give {len(labels)} distinct {what}; training needs at least two. Add a samples "
                "folder (--samples DIR, with seeds/*.txt and labels/*.json) or a work store with reviewer "
                "corrections (--db WORK.DB); the full training set of the shipped models is built in a "
                "checkout of the repository by `python -m samples.training`."
            )


def train(
    db_path: str | None,
    out_dir: str = "models",
    config: TrainConfig | None = None,
    base: TrainingSet | None = None,
    samples_dir: str | Path | None = None,
) -> TrainReport:
    """Fit both models (evaluating them by document groups first), save them and the model card.

    The base examples are ``base``, else the seeds and labels of ``samples_dir``, else none (the
    store's corrections alone). Raises ``TrainingDataError`` naming the missing path or option
    when what is given cannot train both models."""
    config = config or TrainConfig()
    start = time.perf_counter()
    if base is None:
        if samples_dir is None and not db_path:
            raise TrainingDataError(
                "nothing to train from: give a samples folder (--samples DIR, with seeds/*.txt and "
                "labels/*.json) and/or a work store with reviewer corrections (--db WORK.DB); the full "
                "training set of the shipped models is built in a checkout of the repository by "
                "`python -m samples.training`"
            )
        base = seed_training_set(samples_dir) if samples_dir is not None else TrainingSet()
    tables, inds, n_store_t, n_store_i = build_examples(db_path, config, base)
    sources = (
        " and ".join(
            s
            for s in (
                f"the samples folder {samples_dir}" if samples_dir else "",
                f"the store {db_path}" if db_path else "",
            )
            if s
        )
        or "the training set"
    )
    _enough(tables, inds, sources)
    t_inputs = [table_inputs(e.table) for e in tables]
    i_inputs = [
        indicator_inputs(e.level3, e.value, e.level1_cell, e.level2_cell, e.prev_level2) for e in inds
    ]
    evaluation = evaluate(tables, t_inputs, inds, i_inputs, config) if config.evaluate else None
    t_bundle = fit_table_model(t_inputs, [e.label for e in tables], [e.group for e in tables], config)
    i_bundle = fit_indicator_model(i_inputs, [e.level2 for e in inds], [e.group for e in inds], config)
    meta = {
        "sklearn": sklearn.__version__,
        "table_examples": len(tables),
        "indicator_examples": len(inds),
        "store_tables": n_store_t,
        "store_indicators": n_store_i,
    }
    t_bundle["meta"] = {**meta, "classes": list(t_bundle["clf"].classes_)}
    i_bundle["meta"] = {**meta, "classes": list(i_bundle["clf"].classes_)}
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, str] = {}
    sizes: dict[str, int] = {}
    for name, bundle in ((TABLE_MODEL, t_bundle), (INDICATOR_MODEL, i_bundle)):
        joblib.dump(bundle, out / name, compress=3)
        files[name] = _sha256(out / name)
        sizes[name] = (out / name).stat().st_size
    report = TrainReport(
        out_dir=str(out),
        files=files,
        sizes=sizes,
        table_examples=len(tables),
        indicator_examples=len(inds),
        store_tables=n_store_t,
        store_indicators=n_store_i,
        seconds=round(time.perf_counter() - start, 1),
        evaluation=evaluation,
        config=asdict(config),
    )
    (out / "MODEL_CARD.md").write_text(model_card(report, tables, inds), encoding="utf-8")
    return report


# ───────────────────────────── model card ─────────────────────────────


def _count(items: Sequence[Any], key: Callable[[Any], str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for it in items:
        out[key(it)] = out.get(key(it), 0) + 1
    return dict(sorted(out.items()))


def _reliability_table(rel: Reliability) -> list[str]:
    lines = ["| confidence bin | n | mean confidence | accuracy |", "| --- | ---: | ---: | ---: |"]
    for b in rel.bins:
        lines.append(
            f"| {b['lo']:.2f}–{b['hi']:.2f} | {int(b['count'])} | {b['confidence']:.3f} | {b['accuracy']:.3f} |"
        )
    lines.append(f"\nExpected calibration error: {rel.ece:.4f}")
    return lines


def model_card(report: TrainReport, tables: list[TableExample], inds: list[IndicatorExample]) -> str:
    ev = report.evaluation
    L: list[str] = [
        "# Models",
        "",
        "Written by `python -m samples.training` (classify/train.py); do not edit by hand — retrain instead.",
        "",
        "## Files",
        "",
        "| file | sha256 | bytes |",
        "| --- | --- | ---: |",
    ]
    L += [f"| {n} | `{h}` | {report.sizes[n]} |" for n, h in report.files.items()]
    L += [
        "",
        f"scikit-learn {sklearn.__version__}; each file is a plain dict of scikit-learn objects "
        "(`joblib.load`), loaded once per process by `classify/models.py`.",
        "",
        "## What they do",
        "",
        "* **table_type.joblib** labels each table with one of the 21 slugs of design.md. Features "
        "(`classify/features.py`): character 1–3-gram TF-IDF of the normalised title; character 1–2-gram "
        "TF-IDF of the unit, header cells and first item names; structure (column and row counts, numeric "
        "density, share of rows with 3/5/7-digit function codes, 301/30101 economic codes, 501 government "
        "economic codes, unit and project codes, unit, empty/collapsed flags); the rules' evidence "
        "(`classify/table_type.py`: content evidence, the title rule's answer, the rule answer) as features. "
        "Model: a linear SVM (`LinearSVC`, C={c}) whose scores are turned into probabilities by "
        "`CalibratedClassifierCV` (sigmoid per class, renormalised; calibrators fit on grouped out-of-fold "
        "scores, so variants of one document never calibrate each other).".format(c=report.config["table_c"]),
        "* **indicator_level.joblib** labels each indicator row's level2 (twelve canonical names; level1 "
        "follows, 成本指标 under 产出指标). Features: character 1–3-gram TF-IDF of the indicator's words "
        "(指标1： enumerators removed) and of its value with digits folded to 0; character 1–2-gram TF-IDF of "
        "the level cells that survive (as printed, mangled or empty); value shapes (%, 元, 元/…, dates, "
        "not-applicable), recognised level names (exact, or the nearest name for a damaged cell), the keyword "
        "rules' guess (`classify.indicators.rule_infer_level2`) and the level2 of the row above (templates print "
        "levels in a fixed order). Model: the same calibrated linear SVM (C={c}; strong regularisation "
        "generalises best from the generator's wording to the seeds'). A known level1 restricts the answer to "
        "its children.".format(c=report.config["indicator_c"]),
        "",
        "`classify.table_type.classify_table` and `classify.indicators.infer_level2` ask these models; the "
        "probability they return is the record's confidence, and the review queue takes what is below the "
        "routing threshold (classify/analyze.py).",
        "",
        "## Training data",
        "",
        f"Tables: {report.table_examples} examples; indicator rows: {report.indicator_examples} examples; "
        f"reviewer corrections from the store: {report.store_tables} tables, {report.store_indicators} indicator rows.",
        "",
        "Sources (samples/training.py, classify/training_data.py): the five seeds as the text reader reads them, labelled by "
        "samples/labels/table_types.json and samples/labels/indicators.json; {n} synthetic disclosures "
        "(samples/synth/, other counties, departments and years, budgets and 决算), rendered as text "
        "(tab-separated / one cell per line) and read back by the same reader; generated tables for types the "
        "generator does not make; damaged variants (reworded titles with other departments and years, "
        "truncated, missing and OCR-noised titles, noised or missing header rows, tables cut by a page break); "
        "indicator rows under four conditions, drawn per copy with weights 0.30/0.30/0.25/0.15: level cells "
        "printed (full, short or spaced names), mangled (OCR-like noise, truncation), level2 empty (merged "
        "away), all level cells empty; some with 指标N： enumerators or noise in the words; the row above's "
        "level2 kept with probability 0.8 (0.5 when all level cells are empty). The evaluation below draws its "
        "held-out rows the same way.".format(n=report.config["data"]["synth_docs"]),
        "",
        "| source | tables | indicator rows |",
        "| --- | ---: | ---: |",
    ]
    ts, is_ = _count(tables, lambda e: e.source), _count(inds, lambda e: e.source)
    L += [f"| {s} | {ts.get(s, 0)} | {is_.get(s, 0)} |" for s in sorted(set(ts) | set(is_))]
    L += ["", "Table examples per type:", "", "| type | examples |", "| --- | ---: |"]
    L += [f"| {k} | {v} |" for k, v in _count(tables, lambda e: e.label).items()]
    L += ["", "Indicator examples per level2:", "", "| level2 | examples |", "| --- | ---: |"]
    L += [f"| {k} | {v} |" for k, v in _count(inds, lambda e: e.level2).items()]
    L += ["", "## Evaluation (grouped by document)", ""]
    if ev is None:
        L += ["Not evaluated in this run (`evaluate=False`)."]
    else:
        L += [
            "No document is on both sides of a split: each seed is held out in turn (with all its variants), "
            "and the synthetic and generated documents are split by department into "
            f"{report.config['department_folds']} folds. Folds: " + "; ".join(ev.folds) + ".",
            "",
            "| metric | value |",
            "| --- | ---: |",
            f"| table-type accuracy, all held-out tables (n={ev.table_n}) | {ev.table_accuracy:.4f} |",
            f"| table-type accuracy, tables as read | {ev.table_accuracy_original:.4f} |",
            f"| table-type accuracy, damaged variants | {ev.table_accuracy_variants:.4f} |",
            f"| table-type accuracy, leave-one-seed-out | {ev.table_accuracy_loso:.4f} |",
            f"| table-type accuracy, held-out departments | {ev.table_accuracy_departments:.4f} |",
            f"| indicator level2 macro-F1, all held-out rows (n={ev.indicator_n}) | {ev.level2_macro_f1:.4f} |",
            f"| indicator level2 accuracy | {ev.level2_accuracy:.4f} |",
            f"| indicator level1 accuracy | {ev.level1_accuracy:.4f} |",
            f"| indicator level2 macro-F1, leave-one-seed-out | {ev.level2_macro_f1_loso:.4f} |",
            f"| indicator level2 macro-F1, held-out departments | {ev.level2_macro_f1_departments:.4f} |",
            "",
            "Indicator level2 by condition of the level cells:",
            "",
            "| condition | n | accuracy | macro-F1 |",
            "| --- | ---: | ---: | ---: |",
        ]
        L += [
            f"| {k} | {int(v['n'])} | {v['accuracy']:.4f} | {v['macro_f1']:.4f} |"
            for k, v in ev.level2_by_condition.items()
        ]
        L += ["", "### Calibration (reliability of the held-out predictions)", "", "Table type:", ""]
        L += _reliability_table(ev.table_reliability)
        L += ["", "Indicator level2:", ""]
        L += _reliability_table(ev.level2_reliability)
        if ev.table_errors:
            L += [
                "",
                "Some held-out table-type errors:",
                "",
                "| gold | predicted | p | title | variant |",
                "| --- | --- | ---: | --- | --- |",
            ]
            L += [
                f"| {e['gold']} | {e['predicted']} | {e['p']} | {e['title'][:40] or '(none)'} | {e['variant']} |"
                for e in ev.table_errors[:15]
            ]
    L += [
        "",
        "## How to retrain",
        "",
        "```sh",
        "python -m samples.training               # seeds + synthetic + generated variants → models/",
        "python -m samples.training --db work.db  # … plus the reviewer corrections of a work store",
        "digitize train --samples samples --db work.db   # installed: seeds + corrections only",
        "python bench/eval_classifiers.py   # the grouped evaluation alone, printed",
        "```",
        "",
        f"Training time of this run (evaluation folds included): {report.seconds:.0f} s. All random choices use "
        "fixed seeds (data generation, fold splits, solvers): two runs give the same predictions.",
        "",
        "## Limits",
        "",
        "* The seeds are five disclosures of one kind of department (医疗保障局); other departments come from the "
        "synthetic generator, whose wording is narrower than the real world's. Reviewer corrections are the "
        "way to widen it.",
        "* 上年结转, 固定资产, 机构设置, 部门整体/专项资金 绩效目标 and 'other' tables are learned from one or two "
        "seeds plus generated tables; expect lower confidence on new wordings of these.",
        "* An indicator row whose level cells are all lost and whose words say little ('不涉及该指标', '无') cannot be "
        "placed from its own text: the model spreads its probability and the row goes to review.",
        "",
        "<!-- card-data " + json.dumps({"files": report.files, "table_examples": report.table_examples,
                                        "indicator_examples": report.indicator_examples}, ensure_ascii=False) + " -->",
        "",
    ]  # fmt: skip
    return "\n".join(L)
