"""Routing: confidences from reading, classification and checks; what goes to review."""

from __future__ import annotations

import dataclasses

import pytest

from classify.analyze import DEFAULT_ROUTING, Routing, route
from classify.confidence import record_confidence
from classify.findings import CheckResult
from samples.routing_eval import evaluate, report
from samples.scoring import match_tables
from tests.reason_text import en
from tests.test_checks import GOOD_FUNCTION, extraction, function_table


def _fresh(rows: list[list[str]]):  # noqa: ANN202
    return extraction(function_table(rows))


def _verdict(ex):  # noqa: ANN001, ANN202
    return ex.verdicts[ex.document.tables[0].seq]


def test_clean_table_is_auto_and_confident() -> None:
    ex = _fresh(GOOD_FUNCTION)
    route(ex)
    assert _verdict(ex).status == "auto"
    assert all(r.status == "auto" and r.confidence >= DEFAULT_ROUTING.record_threshold for r in ex.line_items)


def test_contradicted_records_are_never_auto_whatever_the_threshold() -> None:
    rows = [list(r) for r in GOOD_FUNCTION]
    rows[4] = ["2101550", "事业运行", "97.11", "89.11", "3", ""]
    ex = _fresh(rows)
    route(ex, Routing(record_threshold=0.0))
    bad = [r for r in ex.line_items if r.row == 5]
    assert bad and all(r.status == "pending" for r in bad)
    assert all("row 2101550: 合计 97.11 ≠ 89.11 + 3 + 0" in en(r.reason) for r in bad)
    # rows the failing check does not touch stay auto
    assert all(r.status == "auto" for r in ex.line_items if r.row == 2)


def test_threshold_is_configurable() -> None:
    ex = _fresh(GOOD_FUNCTION)
    route(ex, Routing(record_threshold=1.01))
    assert all(r.status == "pending" and "low confidence" in en(r.reason) for r in ex.line_items)


def test_uncertain_table_type_sends_the_table_to_review() -> None:
    ex = _fresh(GOOD_FUNCTION)
    _verdict(ex).type_confidence = 0.3
    route(ex)
    assert _verdict(ex).status == "pending"
    assert all(r.status == "pending" and "uncertain" in en(r.reason) for r in ex.line_items)


def test_ocr_confidence_lowers_the_record() -> None:
    ex = _fresh(GOOD_FUNCTION)
    ex.line_items[0].confidence = 0.5  # a poorly read cell
    route(ex)
    assert ex.line_items[0].status == "pending" and "low confidence" in en(ex.line_items[0].reason)


def test_unverified_amounts_follow_the_routing() -> None:
    ex = _fresh(GOOD_FUNCTION)
    table = ex.document.tables[0]
    record = ex.line_items[0]
    empty = CheckResult()
    kw = {"unverified": 0.9, "unverified_failing": 0.6, "warning_factor": 0.9}
    verdict = ex.verdicts[table.seq]
    score = record_confidence(record, table, verdict, empty, {}, {}, **kw)
    assert score.confidence == pytest.approx(0.9 * (0.5 + 0.5 * 0.95))
    assert "no sum confirms" in en(score.reasons[0])
    empty.failed[table.seq] = 1
    assert record_confidence(record, table, verdict, empty, {}, {}, **kw).confidence < 0.8


def test_many_failures_send_the_whole_table_to_review() -> None:
    rows = [r[:5] + [""] for r in GOOD_FUNCTION]  # the 专项 column lost in every row but the totals row
    rows[0] = list(GOOD_FUNCTION[0])
    ex = _fresh(rows)
    route(ex)  # 4 of 14 relations fail: under the default ratio, only the failing rows go
    assert _verdict(ex).status == "auto"
    route(ex, Routing(max_failure_ratio=0.2))
    assert _verdict(ex).status == "pending" and "4 of 14 checks fail" in en(_verdict(ex).reason)
    assert all(r.status == "pending" for r in ex.line_items)


def test_checks_can_be_switched_off() -> None:
    rows = [list(r) for r in GOOD_FUNCTION]
    rows[4] = ["2101550", "事业运行", "97.11", "89.11", "3", ""]
    ex = _fresh(rows)
    route(ex, dataclasses.replace(DEFAULT_ROUTING, checks=False))
    assert all(r.status == "auto" for r in ex.line_items)


def test_evaluation_on_generated_documents() -> None:
    """Accepted records are right; few go to review (tab-separated, collapsed and space-aligned text)."""
    results = evaluate([1000, 1002], ["tsv", "raw", "layout"])
    tsv, raw, layout = results["tsv"], results["raw"], results["layout"]
    for shape in (tsv, raw, layout):
        assert shape.records > 300 and shape.precision >= 0.995
    assert tsv.pending_share <= 0.15 and raw.pending_share <= 0.15
    assert layout.pending_share <= 0.20  # two documents; 10-13% over 20 (bench/eval_routing.py)
    assert tsv.recall >= 0.9 and raw.recall >= 0.95 and layout.recall >= 0.9
    text = report(results)
    assert "auto precision" in text and "review share" in text and "recall" in text


def test_match_tables_by_label_then_title() -> None:
    from samples.synth import make_document

    doc = make_document(1000)
    from extract.model import Table

    tables = [
        Table(seq=1, title=doc.tables[2].title, label=""),
        Table(seq=2, title="x", label=doc.tables[1].label),
    ]
    matched = match_tables(tables, doc.tables)
    assert matched[1].seq == doc.tables[2].seq
    if doc.tables[1].label:
        assert matched[2].seq == doc.tables[1].seq
