"""What the classify stage concludes: a verdict per table, line items and indicators.

``Extraction`` is what the classify stage hands to the store: the document (its collapsed
tables placed into columns), a ``TableVerdict`` per table (keyed by ``Table.seq``: type,
confidence, routing, the rows and cells that need review) and the records, each pointing back
at its table (by ``Table.seq``) and row/column, so provenance reaches the cell. Classify never
writes on the reader's ``Table``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from classify.findings import Finding
from extract.model import ColumnPath, Document, path_of
from extract.reasons import Reason

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
    reason: list[Reason] = field(default_factory=list)
    column_path: ColumnPath = ()  # the column's header labels; ``column`` is them joined with '/'
    gov_code: str = ""  # the government's economic code (50101) where the row prints one beside ``code``
    parent_path: tuple[str, ...] = ()  # the names of the rows above it in the hierarchy (codes or indents)

    @property
    def path(self) -> ColumnPath:
        """The column's header labels (from ``column`` when the record was made without them)."""
        return self.column_path or path_of(self.column)


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
    reason: list[Reason] = field(default_factory=list)
    # performance-target tables (issue 14): what a table prints beyond the contract
    direction: str = ""  # the operator column as printed (≥, ＝, ≤, ＜, 定性); '' when the value carries it
    unit: str = ""  # the unit column as printed (%, 万元, 次); '' when the value carries it
    project_amount: str = ""  # the project's amount as printed (项目总额 / 资金金额), in the table's unit
    project_target: str = ""  # the project's annual target (年度目标 / 绩效目标)
    project_department: str = ""  # the project block's 主管部门 / 主管单位 as printed
    project_unit: str = ""  # the project block's 实施单位 as printed


@dataclass
class TableVerdict:
    """What classify concluded about one table."""

    table_type: str = ""  # a slug of extract.taxonomy.TABLE_TYPES (classify.table_type)
    type_confidence: float = 0.0  # the type's calibrated probability
    confidence: float = (
        1.0  # the type's probability × the share of its checks that hold (classify.confidence)
    )
    status: str = "auto"  # 'auto' or 'pending' (classify.analyze routes it)
    reason: list[Reason] = field(default_factory=list)  # why the table as a whole needs review
    project: str = ""  # performance tables: 项目名称 of the project they describe
    # row → why its records need review: the reader's doubts (Table.row_issues) and the column placement's
    row_issues: dict[int, list[Reason]] = field(default_factory=dict)
    # (row, col) → why one cell needs review while the rest of its row is certain (a number whose
    # column arithmetic cannot tell, beside numbers every placement puts in the same column)
    cell_issues: dict[tuple[int, int], Reason] = field(default_factory=dict)
    # rows whose issue is only the source's own inconsistency (the placement found that its numbers add
    # up under no placement): the checks' failures over them are findings, not doubts (classify.doubts)
    source_rows: set[int] = field(default_factory=set)


@dataclass
class Extraction:
    document: Document
    line_items: list[LineItem] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # what the checks found in the document
    doubts: list[Finding] = field(default_factory=list)  # what they doubt of its reading (classify.doubts)
    verdicts: dict[int, TableVerdict] = field(default_factory=dict)  # Table.seq → its verdict
