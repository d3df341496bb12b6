"""What the rules read: each table's amount cells as the records give them (``Entry``, ``TableView``),
and the ``Context`` that tallies the relations they check."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from classify.columns import TableSpec, table_spec
from classify.dictionary import CodeDictionary, normalize_name
from classify.findings import CellRef, CheckResult, Finding, Repair, fmt_amount, scale_of
from classify.model import Extraction, LineItem
from extract.model import ColumnPath, Table
from extract.numbers import parse_amount
from extract.reasons import Reason, reason
from extract.relations import rounding_slack
from extract.vocabulary import is_named_total_row

ZERO = Decimal(0)
TWO_SIDED = ("income_expense_summary", "fiscal_summary", "gov_fund", "state_capital")
MONEY_DETAIL = (
    "gpb_expense_function",
    "gpb_expense_economic",
    "gpb_basic_function",
    "gpb_basic_economic",
    "expense_summary",
    "income_summary",
)


@dataclass
class Entry:
    """One amount cell of a table, as the records give it."""

    table: Table
    row: int
    col: int
    code: str
    name: str
    column: str
    value: Decimal  # yuan
    text: str  # as printed
    record: LineItem | None = None
    path: ColumnPath = ()  # the column's header labels (``column`` is them joined)

    @property
    def ref(self) -> CellRef:
        return (self.table.seq, self.row, self.col)

    @property
    def label(self) -> str:
        return self.code or self.name or f"#{self.row}"


@dataclass
class TableView:
    table: Table
    entries: list[Entry]
    by_cell: dict[tuple[int, int], Entry]
    texts: dict[tuple[int, int], str]
    columns: list[str]
    paths: list[ColumnPath]  # each column's header labels (``columns``: them joined with '/')
    spec: TableSpec | None = None  # the column structure (classify.columns.table_spec); None: no records
    table_type: str = ""  # the table's type slug (its verdict's)

    @property
    def name(self) -> str:
        return table_name(self.table)

    def column_entries(self) -> dict[int, list[Entry]]:
        out: dict[int, list[Entry]] = defaultdict(list)
        for e in sorted(self.entries, key=lambda e: (e.col, e.row)):
            out[e.col].append(e)
        return out

    def row_label(self, row: int) -> str:
        for e in self.entries:
            if e.row == row:
                return e.label
        return f"#{row}"


def table_name(t: Table) -> str:
    return t.label or (t.title[:24] if t.title else f"第{t.seq}张表")


def build_views(extraction: Extraction) -> dict[int, TableView]:
    by_table: dict[int, list[LineItem]] = defaultdict(list)
    for r in extraction.line_items:
        by_table[r.table_seq].append(r)
    views: dict[int, TableView] = {}
    for t in extraction.document.tables:
        texts = {(c.row, c.col): c.text for c in t.cells}
        records = by_table.get(t.seq, [])
        spec = table_spec(t) if records else None
        code_cols = spec.code_cols if spec else []
        entries = [
            Entry(
                t,
                r.row,
                r.col,
                r.code or _printed_code(texts, r.row, code_cols),
                r.name,
                r.column,
                r.amount_yuan,
                texts.get((r.row, r.col), ""),
                r,
                r.path,
            )
            for r in records
        ]
        verdict = extraction.verdicts.get(t.seq)
        views[t.seq] = TableView(
            t,
            entries,
            {(e.row, e.col): e for e in entries},
            texts,
            t.columns(),
            t.column_paths(),
            spec,
            verdict.table_type if verdict else "",
        )
    return views


def _printed_code(texts: dict[tuple[int, int], str], row: int, code_cols: list[int]) -> str:
    """The code the row prints in its first code column (a unit code, a malformed code), digits only."""
    for c in code_cols[:1]:
        code = "".join(texts.get((row, c), "").split())
        if code.isdigit():
            return code
    return ""


@dataclass
class Context:
    extraction: Extraction
    views: dict[int, TableView]
    dictionary: CodeDictionary
    result: CheckResult
    # the hierarchy sums each code took part in (``classify.checks.sums``): (table, code) → whether each
    # parent = Σ children relation held, as a child (``summed``) and as the parent (``summing``);
    # each table's parent of a code (``parents``) and the rows printed under a parent not of its family
    # (``strays``: a misprinted code, 71102 for 2101102)
    summed: dict[tuple[int, str], list[bool]] = field(default_factory=lambda: defaultdict(list))
    summing: dict[tuple[int, str], list[bool]] = field(default_factory=lambda: defaultdict(list))
    parents: dict[int, dict[str, str | None]] = field(default_factory=dict)
    strays: dict[int, set[CellRef]] = field(default_factory=lambda: defaultdict(set))

    def views_of(self, *types: str) -> list[TableView]:
        return [v for v in self.views.values() if v.table_type in types and v.entries]

    def one(self, table_type: str) -> TableView | None:
        found = self.views_of(table_type)
        return found[0] if len(found) == 1 else None

    def relation(
        self,
        check: str,
        total: Entry | None,
        parts: list[Entry],
        message: Callable[[], Reason],
        tables: Iterable[int],
        *,
        total_value: Decimal | None = None,
        blame_total: bool = True,
    ) -> bool:
        """Check total = Σ parts (blank = 0); verify the cells or record a finding. True when it holds.
        A sum of amounts printed rounded beyond the fen also holds when it is off by no more than
        rounding can make it (``extract.relations.rounding_slack``); an info finding says by how much."""
        want = total.value if total is not None else (total_value if total_value is not None else ZERO)
        got = sum((p.value for p in parts), ZERO)
        seqs = sorted(set(tables))
        for s in seqs:
            self.result.checked[s] += 1
        cells = ([total] if total is not None else []) + parts
        if want == got:
            self.result.verified.update(e.ref for e in cells)
            return True
        slack = rounding_slack(_printed(cells), scale_of(cells[0].table), len(parts)) if cells else ZERO
        if slack and abs(want - got) <= slack:
            # amounts rounded beyond the fen (万元 with two decimals): each printed figure may be off
            # by half a unit of its last decimal, so a sum may be off by about half a unit per part
            self.result.verified.update(e.ref for e in cells)
            rounded = reason("sum_rounding", relation=message(), diff=fmt_amount(want - got))
            self.result.findings.append(
                Finding(check, rounded, [e.ref for e in cells], [], "info", [], seqs, gap=want - got)
            )
            return True
        for s in seqs:
            self.result.failed[s] += 1
        blame = [e.ref for e in (cells if blame_total else parts)]
        self.result.findings.append(
            Finding(check, message(), [e.ref for e in cells], blame, "error", [], seqs, gap=want - got)
        )
        return False

    def fail(
        self,
        check: str,
        message: Reason,
        refs: list[CellRef],
        seq: int,
        repairs: list[Repair] | None = None,
        *,
        doubt: bool = False,
    ) -> None:
        """Record one failed relation of table ``seq`` whose evidence is the blamed cells ``refs``
        (``doubt``: a reading doubt, not a statement about the document)."""
        self.result.checked[seq] += 1
        self.result.failed[seq] += 1
        self.result.findings.append(
            Finding(check, message, refs, list(refs), repairs=repairs or [], tables=[seq], doubt=doubt)
        )


def _printed(cells: Iterable[Entry]) -> list[str]:
    """The amounts printed in the cells' tables: the finest decimal any of them prints is the
    tables' rounding (a table printing 67.5 and 2.85 in 万元 rounds to 0.01 万元; its 56 is 56.00)."""
    texts: list[str] = []
    for table in {id(e.table): e.table for e in cells}.values():
        texts += [t for t in ("".join(c.text.split()) for c in table.cells) if parse_amount(t) is not None]
    return texts


def shown(e: Entry | None, unit_scale: Decimal = Decimal(1)) -> str:
    """A cell's value as printed ('0' when blank)."""
    if e is None:
        return "0"
    if e.text.strip():
        return e.text.strip()
    return fmt_amount(e.value / unit_scale)


def diff_shown(want: Decimal, got: Decimal, t: Table) -> str:
    return fmt_amount((want - got) / scale_of(t))


def is_total_entry(e: Entry) -> bool:
    return not e.code and is_named_total_row(normalize_name(e.name)) and "其中" not in e.name


def named_entries(entries: Iterable[Entry], *names: str) -> list[Entry]:
    keys = {normalize_name(n) for n in names}
    return [e for e in entries if normalize_name(e.name) in keys]


def side_of(path: ColumnPath) -> str:
    head = path[0] if path else ""
    if "收入" in head:
        return "income"
    if "支出" in head:
        return "expense"
    return ""
