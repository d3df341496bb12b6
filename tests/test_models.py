"""The committed models: they load, match their card, type every seed table and label the seeds'
indicator rows, are quick, and their low probabilities reach the store as low confidence."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import joblib
import numpy as np
import pytest
import sklearn

from classify.analyze import analyze
from classify.features import table_inputs
from classify.models import (
    INDICATOR_MODEL,
    MODEL_DIR,
    TABLE_MODEL,
    level2_probabilities,
    load_bundle,
    predict_proba,
    predict_table_type,
    table_matrix,
)
from classify.table_type import classify_table
from extract import read
from extract.model import Cell, Table
from extract.taxonomy import LEVEL2, TABLE_TYPES

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "samples" / "seeds"
LABELS = ROOT / "samples" / "labels"
CARD = MODEL_DIR / "MODEL_CARD.md"


def _card_data() -> dict:
    m = re.search(r"<!-- card-data (\{.*\}) -->", CARD.read_text(encoding="utf-8"))
    assert m, "MODEL_CARD.md lacks its card-data line: retrain with `digitize train`"
    return json.loads(m.group(1))


def test_models_load_and_match_the_card() -> None:
    data = _card_data()
    for name in (TABLE_MODEL, INDICATOR_MODEL):
        path = MODEL_DIR / name
        assert hashlib.sha256(path.read_bytes()).hexdigest() == data["files"][name], name
        bundle = joblib.load(path)
        assert bundle["meta"]["table_examples"] == data["table_examples"]
        assert bundle["meta"]["indicator_examples"] == data["indicator_examples"]
    assert set(load_bundle(MODEL_DIR / TABLE_MODEL)["clf"].classes_) == set(TABLE_TYPES)
    assert set(load_bundle(MODEL_DIR / INDICATOR_MODEL)["clf"].classes_) == set(LEVEL2)
    total = sum((MODEL_DIR / n).stat().st_size for n in (TABLE_MODEL, INDICATOR_MODEL))
    assert total < 5_000_000
    card = CARD.read_text(encoding="utf-8")
    for words in ("table-type accuracy", "level2 macro-F1", "Expected calibration error", "How to retrain"):
        assert words in card
    major, minor = (int(x) for x in sklearn.__version__.split(".")[:2])
    assert (1, 5) <= (major, minor) < (1, 9)


def _seed_docs():  # noqa: ANN202 - list of (name, Document)
    return [(p.name, read(p)) for p in sorted(SEEDS.glob("*.txt"))]


def test_every_seed_table_gets_its_type() -> None:
    labels = json.loads((LABELS / "table_types.json").read_text(encoding="utf-8"))
    for name, doc in _seed_docs():
        wanted = labels[name]
        assert len(wanted) == len(doc.tables), name
        for want, table in zip(wanted, doc.tables, strict=True):
            slug, p = classify_table(table)
            assert slug == want["table_type"], (name, table.title)
            assert p >= 0.5, (name, table.title, p)  # none of them goes to review for its type


def test_002_side_by_side_indicators_level2() -> None:
    labels = json.loads((LABELS / "indicators.json").read_text(encoding="utf-8"))["002_9f6346f5ddcdadf9.txt"]
    ex = analyze(read(SEEDS / "002_9f6346f5ddcdadf9.txt"))
    got = {(i.project, i.level3, i.value): i.level2 for i in ex.indicators}
    assert not any(i.level3.startswith("指标") and len(i.level3) <= 4 for i in ex.indicators)  # placeholders
    for it in labels:
        assert got.get((it["project"], it["level3"], it["value"])) == it["level2"], it


def test_damaged_titles_and_level_cells() -> None:
    rows = [
        ["功能科目编码", "功能科目名称", "合计", "人员经费支出", "公用经费支出", "专项业务经费支出"],
        ["208", "社会保障和就业支出", "111,300.00", "111,300.00", "", ""],
        ["20805", "行政事业单位养老支出", "110,000.00", "110,000.00", "", ""],
    ]
    cells = [Cell(row=r, col=c, text=t) for r, row in enumerate(rows) for c, t in enumerate(row) if t]
    ocr = Table(
        seq=1, title="部门综合顶算一般公共预箅支山明细衣（按支出功態分类科目）", cells=cells, header_rows=1
    )
    assert predict_table_type(ocr)[0] == "gpb_expense_function"
    truncated = Table(
        seq=1, title="2024年清河县民政局部门综合预算一般公共预算支出明", cells=cells, header_rows=1
    )
    assert predict_table_type(truncated)[0] == "gpb_expense_function"
    # level cells mangled (OCR) or empty: the words and the value decide
    assert level2_probabilities("资金拨付及时率", "100%", "产出指标", "时效揩标").label == "时效指标"
    assert level2_probabilities("指标1：开展培训次数", "≥4次").label == "数量指标"
    assert level2_probabilities("单位运行成本", "≤12万元", "成本指标", "").label == "经济成本指标"
    assert level2_probabilities("受益群众满意度", "≥95%").label == "服务对象满意度指标"


def test_fast_probabilities_equal_scikit_learns() -> None:
    for name in (TABLE_MODEL, INDICATOR_MODEL):
        bundle = load_bundle(MODEL_DIR / name)
        assert bundle["_parts"], name  # the fast path is in use
    bundle = load_bundle(MODEL_DIR / TABLE_MODEL)
    tables = [t for _, doc in _seed_docs()[:2] for t in doc.tables]
    x = table_matrix(bundle, [table_inputs(t) for t in tables])
    assert np.allclose(predict_proba(bundle, x), bundle["clf"].predict_proba(x), atol=1e-12)


LOW = """单位：万元

表13

某县某局项目绩效目标表

项目名称\t\t信息化建设
一级指标\t二级指标\t三级指标\t指标值
效益指标\t\t不涉及该指标\t无
满意度指标\t服务对象满意度指标\t用户满意度\t≥90%
"""


def test_low_probability_reaches_the_store_as_low_confidence(tmp_path: Path) -> None:
    from digitize.pipeline import ingest
    from review import store

    path = tmp_path / "low.txt"
    path.write_text(LOW, encoding="utf-8")
    conn = store.connect(tmp_path / "work.db")
    summary = ingest(conn, [path], workers=1)
    assert not summary.failed
    rows = conn.execute(
        "SELECT level3, level2, confidence, status, reason FROM indicators ORDER BY row"
    ).fetchall()
    inferred, printed = rows[0], rows[1]
    # 不涉及该指标 under 效益指标 with no level2: four children are possible, the model says so
    assert (
        inferred["confidence"] < 0.8 and inferred["status"] == "pending" and "inferred" in inferred["reason"]
    )
    assert printed["confidence"] == 1.0 and printed["status"] == "auto"
    conn.close()


def test_missing_model_falls_back_to_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIGITIZE_MODELS", str(tmp_path))
    table = Table(seq=1, title="部门综合预算收支总表")
    assert predict_table_type(table) is None
    assert classify_table(table) == ("income_expense_summary", 0.95)
