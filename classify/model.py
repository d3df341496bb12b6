"""Records made from tables: line items and indicators.

``Extraction`` is what the classify stage hands to the store: the document
(its tables typed and scored) and the records, each pointing back at its
table (by ``Table.seq``) and row/column, so provenance reaches the cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from extract.model import Document

STATUSES = ("auto", "confirmed", "corrected", "pending", "rejected")


@dataclass
class LineItem:
    table_seq: int
    row: int
    col: int
    code: str
    name: str
    column: str
    amount_yuan: Decimal
    confidence: float = 1.0
    status: str = "auto"
    reason: str = ""


@dataclass
class Indicator:
    table_seq: int
    row: int
    project: str
    level1: str
    level2: str
    level3: str
    value: str
    confidence: float = 1.0
    status: str = "auto"
    reason: str = ""


@dataclass
class Extraction:
    document: Document
    line_items: list[LineItem] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    findings: list[Any] = field(default_factory=list)  # classify.checks.Finding: what the checks found
