"""The scoring glue of the scan benchmarks (bench/bench_real_scans.py, bench/bench_ocr.py): labels
renumbered for a folder of some pages, column paths matched level by level, cell text scored."""

from __future__ import annotations

from bench.bench_ocr import text_scores
from bench.bench_real import _path_ends
from bench.bench_real_scans import renumbered
from extract.model import Cell, Table
from extract.vocabulary import edit_distance


def test_labels_renumbered_for_the_pages_rendered() -> None:
    labelled = {
        "tables": [
            {"pages": [7, 7], "unit": "万元", "items": [{"page": 7, "amount": "1.00"}]},
            {"pages": [8, 9], "unit": "万元", "items": [{"page": 8}, {"page": 9}]},
            {"pages": [10, 11], "unit": "万元", "items": [{"page": 10}]},
        ]
    }
    got = renumbered(labelled, [7, 8, 9, 10])
    assert [t["pages"] for t in got["tables"]] == [[1, 1], [2, 3]]  # 10-11 is not wholly there
    assert [it["page"] for t in got["tables"] for it in t["items"]] == [1, 2, 3]
    assert labelled["tables"][1]["items"][0]["page"] == 8  # the labels themselves are left alone


def test_column_path_matches_every_level_the_label_names() -> None:
    assert _path_ends("财政拨款“三公”经费/合计/预算数", "合计/预算数")
    assert _path_ends("收入/决算数", "收入/决算数")
    assert not _path_ends("支出/决算数", "收入/决算数")
    assert not _path_ends("决算数", "收入/决算数")


def test_cell_text_scored_at_the_best_shift() -> None:
    gold = {
        "tables": [
            {"cells": [{"row": 0, "col": 0, "text": "基本支出"}, {"row": 1, "col": 0, "text": "1,234.50"}]}
        ]
    }
    read = Table(1, "", [Cell(1, 0, "基支出"), Cell(2, 0, "1,234.50")])  # one row lower, one character lost
    s = text_scores([read], gold)
    assert (s.exact, s.cells, s.edits, s.chars) == (1, 2, 1, 12)
    assert edit_distance("年收入合订", "本年收入合计") == 2
