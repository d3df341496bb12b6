"""The trained classifiers: how they turn inputs into a matrix, how they are saved, loaded and asked.

Two models, each one joblib file holding a plain dict of scikit-learn objects (no custom
classes, so any scikit-learn in the pinned range loads it):

* ``models/table_type.joblib``: character n-gram TF-IDF of the title and of the header/unit/
  item-name context, plus structural and rule features (``classify.features.table_inputs``),
  into a logistic regression calibrated by ``CalibratedClassifierCV`` (sigmoid, grouped folds).
* ``models/indicator_level.joblib``: TF-IDF of the indicator's words, its value (digits folded)
  and the surviving level cells, plus value shapes and recognised level names
  (``classify.features.indicator_inputs``), into a calibrated logistic regression over the
  twelve level2 names; level1 follows from level2.

Models are loaded once per process and path (``load_bundle`` is cached by path and file
modification time); the predict functions return ``None`` when no model file is installed,
so callers can fall back to the rules.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import joblib
import numpy as np
from scipy import sparse

from classify.features import IndicatorInputs, TableInputs, indicator_inputs, table_inputs
from extract.model import Table
from extract.taxonomy import LEVEL1_OF

MODEL_DIR = Path(__file__).resolve().parents[1] / "models"
TABLE_MODEL = "table_type.joblib"
INDICATOR_MODEL = "indicator_level.joblib"
FORMAT_VERSION = 1


def model_dir() -> Path:
    """Where the pipeline loads models from: ``$DIGITIZE_MODELS`` or the committed ``models/``."""
    return Path(os.environ.get("DIGITIZE_MODELS", "") or MODEL_DIR)


@lru_cache(maxsize=8)
def _load(path: str, mtime: float) -> dict[str, Any] | None:
    bundle = joblib.load(path)
    if not isinstance(bundle, dict) or bundle.get("format") != FORMAT_VERSION:
        return None
    return {**bundle, "_parts": _sigmoid_parts(bundle["clf"]) or ()}


def load_bundle(path: str | Path) -> dict[str, Any] | None:
    """The saved model dict at ``path`` (cached per path and modification time), None when absent."""
    p = Path(path)
    try:
        mtime = p.stat().st_mtime
    except OSError:
        return None
    return _load(str(p.resolve()), mtime)


# ───────────────────────────── matrices ─────────────────────────────


def table_matrix(bundle: dict[str, Any], inputs: list[TableInputs]) -> sparse.csr_matrix:
    return sparse.hstack(
        [
            bundle["title_vec"].transform([i.title for i in inputs]),
            bundle["context_vec"].transform([i.context for i in inputs]),
            bundle["num_vec"].transform([i.numbers for i in inputs]),
        ],
        format="csr",
    )


def indicator_matrix(bundle: dict[str, Any], inputs: list[IndicatorInputs]) -> sparse.csr_matrix:
    return sparse.hstack(
        [
            bundle["text_vec"].transform([i.text for i in inputs]),
            bundle["value_vec"].transform([i.value for i in inputs]),
            bundle["levels_vec"].transform([i.levels for i in inputs]),
            bundle["num_vec"].transform([i.numbers for i in inputs]),
        ],
        format="csr",
    )


# ───────────────────────────── predictions ─────────────────────────────


@dataclass(frozen=True)
class Prediction:
    label: str
    probability: float
    probabilities: dict[str, float]


def _best(classes: list[str], probs: np.ndarray) -> Prediction:
    i = int(np.argmax(probs))
    return Prediction(
        str(classes[i]), float(probs[i]), {str(c): float(p) for c, p in zip(classes, probs, strict=True)}
    )


def _sigmoid_parts(clf: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """(coef, intercept, a, b) of a CalibratedClassifierCV(LinearSVC, sigmoid, ensemble=False) over
    three or more classes, in ``clf.classes_`` order; None for any other shape."""
    try:
        (cc,) = clf.calibrated_classifiers_
        est = cc.estimator
        if list(est.classes_) != list(clf.classes_) or len(clf.classes_) < 3 or cc.method != "sigmoid":
            return None
        a = np.array([c.a_ for c in cc.calibrators], dtype=float)
        b = np.array([c.b_ for c in cc.calibrators], dtype=float)
        return np.asarray(est.coef_, dtype=float), np.asarray(est.intercept_, dtype=float), a, b
    except (AttributeError, ValueError, TypeError):
        return None


def predict_proba(bundle: dict[str, Any], x: sparse.csr_matrix) -> np.ndarray:
    """``bundle['clf'].predict_proba(x)``, computed directly from the linear model and its sigmoid
    calibrators when the model has that shape (a few times faster for one row; tests check it
    agrees with scikit-learn's)."""
    parts = bundle["_parts"] if "_parts" in bundle else _sigmoid_parts(bundle["clf"])
    if not parts:
        return bundle["clf"].predict_proba(x)
    coef, intercept, a, b = parts
    d = np.asarray(x @ coef.T) + intercept
    proba = 1.0 / (1.0 + np.exp(a * d + b))
    total = proba.sum(axis=1, keepdims=True)
    uniform = np.full_like(proba, 1.0 / proba.shape[1])
    proba = np.divide(proba, total, out=uniform, where=total != 0)
    proba[(proba > 1.0) & (proba <= 1.0 + 1e-5)] = 1.0
    return proba


def table_type_probabilities(table: Table, path: str | Path | None = None) -> Prediction | None:
    bundle = load_bundle(Path(path) if path else model_dir() / TABLE_MODEL)
    if bundle is None:
        return None
    probs = predict_proba(bundle, table_matrix(bundle, [table_inputs(table)]))[0]
    return _best(list(bundle["clf"].classes_), probs)


def predict_table_type(table: Table, path: str | Path | None = None) -> tuple[str, float] | None:
    """``(slug, calibrated probability)`` from the installed table-type model; None without one."""
    pred = table_type_probabilities(table, path)
    if pred is None:
        return None
    return pred.label, round(pred.probability, 4)


def level2_probabilities(
    level3: str,
    value: str = "",
    level1_cell: str = "",
    level2_cell: str = "",
    level1: str = "",
    path: str | Path | None = None,
    prev_level2: str = "",
) -> Prediction | None:
    """Level2 probabilities for one indicator row; ``level1``, when known, restricts the answer
    to its children (probabilities renormalised over them; 成本指标 is a child of 产出指标)."""
    bundle = load_bundle(Path(path) if path else model_dir() / INDICATOR_MODEL)
    if bundle is None:
        return None
    classes = list(bundle["clf"].classes_)
    x = indicator_matrix(bundle, [indicator_inputs(level3, value, level1_cell, level2_cell, prev_level2)])
    probs = predict_proba(bundle, x)[0]
    if level1:
        mask = np.array([_child_of(c, level1) for c in classes], dtype=float)
        if mask.any() and (probs * mask).sum() > 0:
            probs = probs * mask / (probs * mask).sum()
    return _best(classes, probs)


def _child_of(level2: str, level1: str) -> bool:
    if level2 == "成本指标":
        return level1 == "产出指标"
    return LEVEL1_OF.get(level2) == level1


def predict_level2(
    level3: str,
    value: str = "",
    level1: str = "",
    level2_cell: str = "",
    prev_level2: str = "",
    path: str | Path | None = None,
) -> tuple[str, float] | None:
    """``(level2, calibrated probability)`` from the installed indicator model; None without one."""
    pred = level2_probabilities(level3, value, level1, level2_cell, level1, path, prev_level2)
    if pred is None:
        return None
    return pred.label, round(pred.probability, 4)
