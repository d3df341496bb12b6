"""Training: deterministic on a tiny configuration, reviewer corrections from a store, grouped folds."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from classify.models import INDICATOR_MODEL, TABLE_MODEL, level2_probabilities, table_type_probabilities
from classify.train import SMALL, folds_for, reliability, store_examples, train
from classify.training_data import (
    DataConfig,
    TrainingDataError,
    damage_table,
    ocr_noise,
    reword_title,
    seed_tables,
)
from extract import read
from samples.training import training_set

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "seeds" / "000_c5440fdc5d943430.txt"


def test_two_runs_give_the_same_models(tmp_path: Path) -> None:
    reports = [train(None, str(tmp_path / f"run{i}"), SMALL, base=training_set(SMALL.data)) for i in (1, 2)]
    assert reports[0].files == reports[1].files  # byte-identical model files
    tables = read(SEED).tables
    for name in (TABLE_MODEL, INDICATOR_MODEL):
        assert (tmp_path / "run1" / name).exists()
    preds = [
        [table_type_probabilities(t, tmp_path / run / TABLE_MODEL).probabilities for t in tables]
        for run in ("run1", "run2")
    ]
    assert preds[0] == preds[1]
    a, b = (
        level2_probabilities("资金拨付及时率", "100%", "产出指标", path=tmp_path / run / INDICATOR_MODEL)
        for run in ("run1", "run2")
    )
    assert a == b
    card = (tmp_path / "run1" / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert reports[0].files[TABLE_MODEL] in card and "How to retrain" in card


def _store(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE tables (id TEXT, document_id TEXT, seq INTEGER, table_type TEXT, title TEXT, unit TEXT,
                             status TEXT, header_rows INTEGER, empty INTEGER, layout TEXT);
        CREATE TABLE cells (table_id TEXT, row INTEGER, col INTEGER, text TEXT);
        CREATE TABLE indicators (id INTEGER PRIMARY KEY, document_id TEXT, level1 TEXT, level2 TEXT,
                                 level3 TEXT, value TEXT, status TEXT);
        INSERT INTO tables VALUES ('d1-1', 'd1', 1, 'carryover', '上年结转表', '元', 'corrected', 1, 0, 'grid');
        INSERT INTO tables VALUES ('d1-2', 'd1', 2, 'gov_fund', '政府性基金', '元', 'auto', 1, 0, 'grid');
        INSERT INTO cells VALUES ('d1-1', 0, 0, '科目编码'), ('d1-1', 0, 1, '科目名称'), ('d1-1', 1, 0, '208');
        INSERT INTO indicators (document_id, level1, level2, level3, value, status) VALUES
            ('d1', '产出指标', '时效指标', '资金拨付及时率', '100%', 'corrected'),
            ('d1', '产出指标', '数量指标', '培训次数', '4次', 'pending'),
            ('d1', '效益指标', '不是一个级别', '某指标', '高', 'confirmed');
        """
    )
    conn.commit()
    conn.close()


def test_store_corrections_become_examples(tmp_path: Path) -> None:
    db = tmp_path / "work.db"
    _store(db)
    tables, inds = store_examples(str(db), DataConfig(indicator_copies=2))
    assert [(e.label, e.table.title, e.group) for e in tables] == [("carryover", "上年结转表", "store:d1")]
    assert tables[0].table.grid()[1][0] == "208"
    assert {e.level2 for e in inds} == {"时效指标"} and len(inds) == 2
    # a store without those tables, or no store at all, gives nothing
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    assert store_examples(str(empty), DataConfig()) == ([], [])
    assert store_examples(str(tmp_path / "missing.db"), DataConfig()) == ([], [])


def test_folds_keep_documents_apart() -> None:
    groups = [("seed:000", "医疗保障局"), ("seed:001", "医疗保障局"), ("synth:1", "民政局"), ("synth:2", "教育局"),
              ("synth:3", "水利局"), ("tmpl:other:0", "民政局"), ("store:x", "store")]  # fmt: skip
    folds = folds_for(groups, 3)
    assert [f.test for f in folds[:2]] == [frozenset({"seed:000"}), frozenset({"seed:001"})]
    dept_folds = folds[2:]
    assert len(dept_folds) == 3
    held = [g for f in dept_folds for g in f.test]
    assert sorted(held) == ["synth:1", "synth:2", "synth:3", "tmpl:other:0"]  # each document once
    assert any({"synth:1", "tmpl:other:0"} <= f.test for f in dept_folds)  # a department stays together


def test_reliability_table() -> None:
    rel = reliability(np.array([0.95, 0.95, 0.55, 0.55]), np.array([True, True, True, False]))
    assert [(b["count"], b["accuracy"]) for b in rel.bins] == [(2, 0.5), (2, 1.0)]
    assert abs(rel.ece - (0.5 * 0.05 + 0.5 * 0.05)) < 1e-9


def test_damage_is_deterministic_and_keeps_labels() -> None:
    import random

    (name, table, label), *_ = seed_tables(SAMPLES)
    a = damage_table(table, random.Random(3))
    b = damage_table(table, random.Random(3))
    assert a[1] == b[1] and a[0].title == b[0].title and a[0].grid() == b[0].grid()
    assert ocr_noise("", random.Random(0)) == ""
    assert reword_title("部门综合预算收支总表", random.Random(1)).endswith(("总表", "收支总", "收入支出总表"))


def test_training_without_samples_names_what_it_needs(tmp_path: Path) -> None:

    with pytest.raises(TrainingDataError, match=r"--samples DIR.*--db WORK\.DB"):
        train(None, str(tmp_path / "out"), SMALL)
    with pytest.raises(TrainingDataError, match="nowhere/labels/table_types.json: no such table-type labels"):
        train(None, str(tmp_path / "out"), SMALL, samples_dir=tmp_path / "nowhere")
    db = tmp_path / "work.db"
    _store(db)  # one corrected table: one table type is not enough to fit a classifier
    with pytest.raises(TrainingDataError, match="1 distinct table types"):
        train(str(db), str(tmp_path / "out"), SMALL)
    assert not (tmp_path / "out").exists()


def test_training_from_a_samples_folder_alone(tmp_path: Path) -> None:
    report = train(None, str(tmp_path / "out"), SMALL, samples_dir=SAMPLES)
    assert report.table_examples > 0 and report.indicator_examples > 0
    assert (tmp_path / "out" / "table_type.joblib").exists()
