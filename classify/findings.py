"""What the consistency checks find: findings, proposed repairs, and the tally per table.

Below ``classify.checks`` (which produces them), ``classify.repairs`` (which proposes and applies
repairs) and ``classify.confidence`` / ``classify.analyze`` (which read them).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from extract.model import Table
from extract.numbers import UNIT_SCALE
from extract.reasons import Reason, reason

CellRef = tuple[int, int, int]  # (table seq, row, col)

# a repair's kind → the code naming it
REPAIR_KINDS = {
    "amount": "repairs.kind_amount",
    "code": "repairs.kind_code",
    "name": "repairs.kind_name",
    "missing": "repairs.kind_missing",
    "column": "repairs.kind_column",
}


@dataclass(frozen=True)
class Repair:
    """A proposed change to one cell, with the evidence for it. Never applied automatically."""

    kind: str  # 'amount' (OCR digit confusion), 'code', 'name', 'missing' (recovered from a sum), 'column'
    table: int
    row: int
    col: int | None
    old: str
    new: str
    evidence: Reason  # why the new value (a reason code: the dictionary's name of a code, a sum …)

    def describe(self, applied: bool = False) -> Reason:
        """The repair as a reason: proposed (or ``applied``), with its evidence rendered alongside."""
        return reason(
            "repairs.applied" if applied else "repairs.proposed",
            kind=reason(REPAIR_KINDS.get(self.kind, "repairs.kind_other")),
            old=self.old or reason("repairs.blank"),
            new=self.new,
            evidence=self.evidence,
        )


@dataclass
class Finding:
    check: str
    # what was found: made as a reason (``extract.reasons``); kept rendered in Chinese (the dataset's
    # language) with the reason itself in ``detail``
    message: str | Reason
    evidence: list[CellRef] = field(default_factory=list)
    blame: list[CellRef] = field(default_factory=list)
    severity: str = "error"  # 'error': contradicts the blamed cells; 'warning': lowers confidence
    repairs: list[Repair] = field(default_factory=list)
    tables: list[int] = field(default_factory=list)  # seqs of the tables involved
    # audit findings (issue 15): the code and parameters the message renders from, and where in the
    # document's text it rests ({"page", "line_start", "line_end", "bbox", "text"} per paragraph)
    detail: Reason | None = None
    places: list[dict] = field(default_factory=list)
    # a reading doubt ("the reader is unsure": a header run together, a cell that is not an amount, an
    # amount on the wrong side, a sum failing over misread cells): it routes the records it blames to
    # review with its reason, but it states nothing about the published document, so it is no finding
    # of the dataset (``classify.doubts.separate``)
    doubt: bool = False
    gap: Decimal | None = None  # a sum's total less its parts (in yuan), where the finding is one

    def __post_init__(self) -> None:
        if isinstance(self.message, Reason):
            self.detail = self.message
            self.message = self.message.render("zh")

    def reason(self) -> list[Reason]:
        """The finding and its proposed repairs as the reasons of the records it blames."""
        own = self.detail if self.detail is not None else reason("unknown", text=str(self.message))
        return [own, *(r.describe() for r in self.repairs)]


@dataclass
class CheckResult:
    findings: list[Finding] = field(default_factory=list)
    verified: set[CellRef] = field(default_factory=set)
    checked: dict[int, int] = field(default_factory=lambda: defaultdict(int))  # table → relations checked
    failed: dict[int, int] = field(default_factory=lambda: defaultdict(int))  # table → relations failed

    def blamed(self, severity: str = "error") -> dict[CellRef, list[Finding]]:
        out: dict[CellRef, list[Finding]] = defaultdict(list)
        for f in self.findings:
            if f.severity == severity:
                for ref in f.blame:
                    out[ref].append(f)
        return out


def fmt_amount(d: Decimal) -> str:
    """An amount as a finding prints it: thousands separated, trailing zeros dropped."""
    s = f"{d:,f}"
    return s.rstrip("0").rstrip(".") if "." in s else s


def scale_of(t: Table) -> Decimal:
    """Yuan per unit of the amounts a table prints (1 for 元, 10000 for 万元)."""
    return UNIT_SCALE.get(t.unit or "元", Decimal(1))


# ---- audit findings (issue 15)


def audit_finding(
    detail: Reason,
    severity: str,
    *,
    evidence: list[CellRef] | None = None,
    tables: list[int] | None = None,
    places: list[dict] | None = None,
) -> Finding:
    """A document-level finding made from a reason code: its check is the code, its message the
    Chinese rendering (the dataset's language), its parameters kept beside it for the evidence."""
    return Finding(
        detail.code,
        detail.render("zh"),
        list(evidence or []),
        [],
        severity,
        [],
        sorted(set(tables or [])),
        detail,
        list(places or []),
    )
