"""Golden outputs: what each seed turns into, checked in and reviewed.

A change in what the pipeline produces for a seed shows up as a diff of the
golden JSON. After reviewing the change, regenerate with

    DIGITIZE_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py

and read `git diff tests/golden` before committing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from sample_files import GOLDEN, SEEDS

from classify.analyze import analyze
from classify.model import Extraction
from extract import read


def summarize(extraction: Extraction) -> dict:
    doc = extraction.document
    by_table: dict[int, dict] = {}
    for t in doc.tables:
        verdict = extraction.verdicts[t.seq]
        by_table[t.seq] = {
            "seq": t.seq,
            "label": t.label,
            "title": t.title,
            "unit": t.unit,
            "type": verdict.table_type,
            "empty": t.empty,
            "status": verdict.status,
            "rows": t.n_rows,
            "header_rows": t.header_rows,
            "columns": t.columns(),
            "line_items": [],
            "indicators": [],
        }
    for li in extraction.line_items:
        by_table[li.table_seq]["line_items"].append(
            [
                li.row,
                li.code,
                li.name,
                li.column,
                f"{li.amount_yuan:.2f}",
                li.status,
                [r.to_json() for r in li.reason],
            ]
        )
    for ind in extraction.indicators:
        by_table[ind.table_seq]["indicators"].append(
            [ind.row, ind.project, ind.level1, ind.level2, ind.level3, ind.value, ind.status]
        )
    return {
        "department": doc.department,
        "year": doc.year,
        "shape": doc.shape,
        "encoding": doc.encoding,
        "tables": list(by_table.values()),
    }


@pytest.mark.parametrize("path", SEEDS, ids=[p.name[:3] for p in SEEDS])
def test_seed_matches_golden(path: Path) -> None:
    actual = summarize(analyze(read(path)))
    golden = GOLDEN / (path.stem + ".json")
    if os.environ.get("DIGITIZE_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert golden.exists(), (
        f"no golden output for {path.name}; generate it (see module docstring) and review it"
    )
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert {k: v for k, v in actual.items() if k != "tables"} == {
        k: v for k, v in expected.items() if k != "tables"
    }
    assert [(t["label"], t["title"]) for t in actual["tables"]] == [
        (t["label"], t["title"]) for t in expected["tables"]
    ]
    for a, e in zip(actual["tables"], expected["tables"], strict=True):
        assert a == e, f"table {e['seq']} {e['label']} {e['title']}"
