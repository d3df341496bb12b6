"""The repository's sample files as the tests use them: seeds, labels, golden outputs."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEEDS = sorted((SAMPLES / "seeds").glob("*.txt"))
LABELS = SAMPLES / "labels"
GOLDEN = Path(__file__).resolve().parent / "golden"


def seed(prefix: str) -> Path:
    """The seed file whose name starts with ``prefix`` ('000' … '004')."""
    (path,) = [p for p in SEEDS if p.name.startswith(prefix)]
    return path


# the real disclosures of ../shared/real/ (read in place, never copied into the repository)
REAL = ROOT.parent / "shared" / "real"
