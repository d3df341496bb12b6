"""The classify stage as one call: a read ``Document`` in, an ``Extraction`` out.

Order: type every table → place the numbers of collapsed tables by
arithmetic → make line items and indicators → route: a record below the
confidence threshold, or with a reason against it, is ``pending``; the rest
are ``auto``. A table whose type is doubtful sends all its records to review.
"""

from __future__ import annotations

from dataclasses import dataclass

from classify.columns import place_columns
from classify.model import Extraction, Indicator, LineItem
from classify.records import indicators, line_items
from classify.table_type import classify_table
from classify.taxonomy import PERFORMANCE_TYPES
from extract.model import Document, Table


@dataclass(frozen=True)
class Routing:
    """Thresholds that decide what a reviewer must see."""

    record_threshold: float = 0.8  # a record below this confidence goes to review
    table_threshold: float = 0.5  # a table whose type probability is below this goes to review


DEFAULT_ROUTING = Routing()


def analyze(document: Document, routing: Routing = DEFAULT_ROUTING) -> Extraction:
    for table in document.tables:
        table.table_type, table.type_confidence = classify_table(table)
    place_columns(document)
    extraction = Extraction(document)
    for table in document.tables:
        _route_table(table, routing)
        if table.empty:
            continue
        if table.table_type in PERFORMANCE_TYPES:
            records: list[LineItem] | list[Indicator] = indicators(table)
            extraction.indicators.extend(records)  # type: ignore[arg-type]
        else:
            records = line_items(table)
            extraction.line_items.extend(records)  # type: ignore[arg-type]
        for record in records:
            _route_record(record, table, routing)
    return extraction


def _route_table(table: Table, routing: Routing) -> None:
    if table.type_confidence < routing.table_threshold:
        table.status = "pending"
        table.reason = f"table type '{table.table_type}' uncertain (p={table.type_confidence:.2f})"
    else:
        table.status = "auto"
        table.reason = ""


def _route_record(record: LineItem | Indicator, table: Table, routing: Routing) -> None:
    reasons = [record.reason] if record.reason else []
    if table.status == "pending":
        reasons.append(table.reason)
    if record.confidence < routing.record_threshold:
        reasons.append(f"low confidence {record.confidence:.2f}")
    if reasons:
        record.status = "pending"
        record.reason = "; ".join(dict.fromkeys(reasons))
