"""The level2 of an indicator row that prints none: the trained model's answer, the rules' without one."""

from __future__ import annotations

from classify.indicators import rule_infer_level2
from classify.models import level2_probabilities


def infer_level2(level3: str, value: str = "", level1: str = "", prev_level2: str = "") -> tuple[str, float]:
    """Level2 of an indicator row whose level2 cell is empty, merged away or unreadable, with its
    calibrated probability.

    The trained row model (``models/indicator_level.joblib``, ``classify.models``) reads the
    indicator's words, its value, the known ``level1`` (which restricts the answer to its
    children) and the level2 of the row above (``prev_level2``: templates print levels in a fixed
    order). Without an installed model, keyword rules answer (``rule_infer_level2``, ≤ 0.7).
    """
    pred = level2_probabilities(level3, value, level1, "", level1, prev_level2=prev_level2)
    if pred is None:
        return rule_infer_level2(level3, value, level1)
    return pred.label, round(pred.probability, 4)
