"""Tables ruled one way only, scanned: ruled columns with unruled rows (rows from the text lines
inside the column grid) and ruled rows without a vertical rule (columns from alignment), made by
samples/make_scans.py from the seed's generated tables and read row by row."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from extract import read
from extract.numbers import is_amount
from samples.make_scans import build, cell_recall, missed_cells


@pytest.fixture(scope="module")
def scans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("unruled")
    build(out, ["000"], ["cols", "rows"], [200], {"000": "4"})
    return out


@pytest.mark.parametrize("style", ["cols", "rows"])
def test_one_way_ruled_table_read_row_by_row(scans: Path, style: str) -> None:
    folder = scans / f"000-{style}-200dpi"
    gold = json.loads(folder.with_name(folder.name + ".gold.json").read_text("utf-8"))
    doc = read(folder)
    found, total = cell_recall(doc.tables, gold)
    assert total > 60
    assert found / total >= 0.98, missed_cells(doc.tables, gold)
    (want,) = gold["tables"]
    (table,) = doc.tables
    assert table.n_rows == want["n_rows"]  # one row per item, not one per ruled band
    amounts = [c for c in table.cells if is_amount(c.text)]
    assert len(amounts) >= 40
    for c in table.cells:  # every amount in its own cell ("476.541906.15…" is two)
        assert len(re.findall(r"\d\.\d\d", c.text)) <= 1, c
