"""Line-item recall and auto precision of the text readers on the committed synthetic set.

Every document of samples/generated (synth_0244..0249) is read in each text shape, analysed,
and its line items matched to the gold ones (same code, column and amount_yuan within the gold
table the extracted table reproduces; see bench/eval_text.py). The floors are the figures the
readers reach now, a little below, so a regression fails.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from samples.text_eval import COMMITTED, evaluate  # noqa: E402

FOLDERS = sorted(p for p in COMMITTED.glob("synth_*") if (p / "gold.json").exists())

# shape: (recall floor, auto precision floor)
FLOORS = {
    "tsv": (0.99, 0.995),
    "cells": (0.99, 0.995),
    "layout": (0.90, 0.995),
    "raw": (0.92, 0.995),
}


@pytest.fixture(scope="module")
def results():
    assert FOLDERS, "samples/generated is missing"
    return evaluate(FOLDERS, list(FLOORS))


@pytest.mark.parametrize("shape", list(FLOORS))
def test_recall_and_auto_precision_floors(results, shape: str) -> None:
    s = results[shape]
    recall_floor, precision_floor = FLOORS[shape]
    assert s.docs == len(FOLDERS) and not s.failed
    assert s.recall >= recall_floor, (
        f"{shape}: recall {s.recall:.3f} < {recall_floor}; missed: {s.missed[:5]}"
    )
    assert s.precision >= precision_floor, (
        f"{shape}: auto precision {s.precision:.3f} < {precision_floor}; wrong: {s.wrong[:5]}"
    )
