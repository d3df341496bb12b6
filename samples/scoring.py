"""Scoring extractions against the gold of generated documents (shared by the bench/eval_* scripts).

``match_tables`` pairs each extracted table with the gold table it reproduces; ``Score`` counts
records, auto-accepted records that are exactly right, pending records and gold items found.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from extract.model import Table
from samples.synth import GoldTable

_PUNCT = re.compile(r"[\s（）()“”\"、，,:：·\-—]")


def norm(text: str) -> str:
    """Text with whitespace and punctuation removed, for comparing titles and names."""
    return _PUNCT.sub("", text)


def match_tables(tables: list[Table], gold: list[GoldTable]) -> dict[int, GoldTable]:
    """Extracted table seq → the gold table it reproduces (by a printed label used once, then title)."""
    out: dict[int, GoldTable] = {}
    by_label = Counter(g.label for g in gold if g.label)
    for t in tables:
        cands = [g for g in gold if t.label and g.label == t.label and by_label[g.label] == 1]
        title = norm(t.title)
        if not cands and title:
            cands = [g for g in gold if norm(g.title) == title]
            cands = cands or [g for g in gold if norm(g.title) in title or title in norm(g.title)]
        if cands:
            out[t.seq] = cands[0]
    return out


COUNTS = ("docs", "failed", "gold", "found", "records", "auto", "auto_right", "pending")


@dataclass
class Score:
    docs: int = 0
    failed: int = 0
    gold: int = 0
    found: int = 0
    records: int = 0
    auto: int = 0
    auto_right: int = 0
    pending: int = 0
    wrong: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.wrong.extend(other.wrong)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        """Share of auto-accepted records that are exactly right."""
        return self.auto_right / self.auto if self.auto else 1.0

    @property
    def pending_share(self) -> float:
        return self.pending / self.records if self.records else 0.0
