"""The classify stage as one call: a read ``Document`` in, an ``Extraction`` out.

Order: type every table → place the numbers of collapsed tables by
arithmetic → make line items and indicators → run the consistency checks
(``classify.checks``) over the whole extraction → set confidences
(``classify.confidence``) → route: a record contradicted by a check, below the
confidence threshold, or with a reason against it, is ``pending``; the rest
are ``auto``. A table whose type is doubtful, or where many checks fail, sends
all its records to review.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from classify.audit import audit
from classify.checks import MISREAD_HEADER, TWO_SIDED, default_dictionary, run_checks
from classify.columns import place_columns
from classify.confidence import failure_ratio, record_confidence, table_confidence
from classify.dictionary import CodeDictionary
from classify.doubts import separate
from classify.findings import CheckResult, Finding
from classify.indicator_cells import leading_levels
from classify.indicator_header import (
    continuation_header,
    continues_performance,
    continues_project_block,
    fill_project_fields,
    indicator_header,
    leading_project,
    lost_project_column,
    project_above,
    table_project,
)
from classify.indicator_rows import indicators
from classify.model import Extraction, Indicator, LineItem, TableVerdict
from classify.records import line_items
from classify.reread_codes import confirmed_rereads, supply_from_names
from classify.table_type import classify_table
from extract.model import SPLIT_GUESS, ColumnPath, Document, Table, path_of
from extract.reasons import TABLE_UNREAD, Reason, joined, reason
from extract.scancodes import REREAD, UNREAD
from extract.scanindicators import project_doubts
from extract.taxonomy import PERFORMANCE_TYPES, TABLE_TYPE_NAMES


@dataclass(frozen=True)
class Routing:
    """Thresholds that decide what a reviewer must see (see ``classify.confidence``)."""

    record_threshold: float = 0.8  # a record below this confidence goes to review
    table_threshold: float = 0.5  # a table whose type probability is below this goes to review
    unverified: float = 0.9  # confidence of an amount no check relation covers, in a clean table
    unverified_failing: float = 0.6  # … in a table where some check fails
    warning_factor: float = 0.9  # per warning (a name that differs slightly from the dictionary's)
    max_failure_ratio: float = 0.34  # a table where more of its relations fail goes to review whole
    checks: bool = True  # run classify.checks (off: records are routed on their own confidence)


DEFAULT_ROUTING = Routing()


def analyze(
    document: Document, routing: Routing = DEFAULT_ROUTING, dictionary: CodeDictionary | None = None
) -> Extraction:
    """Type, place, make records, check and route. ``dictionary``: the code↔name dictionary to check
    codes against (default: the shipped code lists; the pipeline passes one grown from confirmed records)."""
    types = {t.seq: classify_table(t) for t in document.tables}
    placed = place_columns(document.tables, {seq: slug for seq, (slug, _) in types.items()})
    extraction = Extraction(dataclasses.replace(document, tables=placed.tables))
    previous: Table | None = None  # the last performance table (a page it runs onto continues it)
    previous_header: list[str] | None = None  # … and the indicator header its rows were read under
    doubtful: str | None = None  # a project carried over a page whose project column was not read
    read_doubts: dict[str, list[Reason]] = {}  # project → the reader's doubts of its printed name
    notes: list[Finding] = []  # codes read again that the rows' names confirm
    for table in placed.tables:
        table_type, type_confidence = types[table.seq]
        verdict = TableVerdict(
            table_type,
            type_confidence,
            project=table.project,
            row_issues=_joined(table.row_issues, placed.row_issues.get(table.seq, {})),
            cell_issues=dict(placed.cell_issues.get(table.seq, {})),
            source_rows=set(placed.source_rows.get(table.seq, set())) - set(table.row_issues),
        )
        extraction.verdicts[table.seq] = verdict
        # an empty table (空表) still gives line items for any amounts it prints (zeros, usually)
        continued = continues_performance(table, previous, previous_header)
        if table_type in PERFORMANCE_TYPES or continued:
            header = previous_header if continued else None
            before: Table | None = None  # the page that printed this page's project block
            if continued:
                assert previous is not None
                # the project whose rows ran onto this page: the previous page's last
                earlier = [i for i in extraction.indicators if i.table_seq == previous.seq]
                verdict.project = (
                    earlier[-1].project if earlier else extraction.verdicts[previous.seq].project
                )
                verdict.table_type = extraction.verdicts[previous.seq].table_type
                before = None if earlier else previous  # a page of the block and the header alone
            else:
                verdict.project = table_project(table)
                if not verdict.project and table_type == "dept_performance":
                    # a department's table names its body on a line above it (单位名称：…)
                    verdict.project = project_above(table, document.paragraphs)
                # a project block cut by a page end: its name printed on the page before
                if continues_project_block(table, previous):
                    before = previous
                    verdict.project = verdict.project or extraction.verdicts[previous.seq].project
            if verdict.project:
                read_doubts.setdefault(verdict.project, []).extend(project_doubts(before or table))
            used = continuation_header(table, header) if header is not None else None
            head = used or indicator_header(table)
            nxt = _continuing(placed.tables, table, head)
            # the project and the levels the next page prints first, when it continues this one
            following = leading_project(nxt, continuation_header(nxt, head)) if nxt and head else None
            levels = leading_levels(nxt) if nxt else None
            found = indicators(table, verdict.project, used, following, before, levels)
            if continued:  # the project that ran onto this page keeps its amount and target
                assert header is not None and used is not None
                lost = lost_project_column(header, used)
                for ind in found:
                    # the page (or the one before, for the rows carried from it) may print a
                    # project of its own that was not read
                    if lost or (doubtful is not None and ind.project == doubtful):
                        ind.reason = joined(
                            ind.reason, reason("performance.project_unread", project=ind.project)
                        )
                doubtful = found[-1].project if found and (lost or found[-1].project == doubtful) else None
            else:
                doubtful = None
            extraction.indicators.extend(found)
            previous, previous_header = table, header or indicator_header(table)
        else:
            records = line_items(table, table_type, verdict.row_issues, verdict.cell_issues)
            codes = {r.code for rs in verdict.row_issues.values() for r in rs}
            if codes & {REREAD, *UNREAD}:
                dictionary = dictionary or default_dictionary()
                confirmed = confirmed_rereads(table, verdict.row_issues, records, dictionary)
                if confirmed:  # a code read again that the row's name confirms stands
                    verdict.row_issues = {r: v for r, v in verdict.row_issues.items() if r not in confirmed}
                    records = line_items(table, table_type, verdict.row_issues, verdict.cell_issues)
                    notes.extend(confirmed.values())
                supply_from_names(table, verdict.row_issues, records, dictionary)  # pending
            extraction.line_items.extend(records)
    fill_project_fields(extraction.indicators)
    for ind in extraction.indicators:  # a project whose printed name the reader doubts: to review
        if read_doubts.get(ind.project):
            ind.reason = joined(ind.reason, read_doubts[ind.project])
    route(extraction, routing, dictionary)
    extraction.doubts.extend(notes)
    return extraction


def _continuing(tables: list[Table], table: Table, header: list[str] | None) -> Table | None:
    """The page after ``table`` when it continues it (None when no page continues it)."""
    nxt = next((t for t in tables if t.seq == table.seq + 1), None)
    if nxt is None or header is None or not continues_performance(nxt, table, header):
        return None
    return nxt


def _joined(reader: dict[int, Reason], placement: dict[int, list[Reason]]) -> dict[int, list[Reason]]:
    """Each row's doubts: the reader's, then the column placement's."""
    out = {row: [r] for row, r in reader.items()}
    for row, reasons in placement.items():
        out[row] = joined(out.get(row), reasons)
    return out


def route(
    extraction: Extraction, routing: Routing = DEFAULT_ROUTING, dictionary: CodeDictionary | None = None
) -> CheckResult:
    """Run the checks over the whole extraction, set confidences, and route tables and records."""
    result = run_checks(extraction, dictionary) if routing.checks else CheckResult()
    found, extraction.doubts = separate(
        extraction, result.findings, routing.table_threshold
    )  # before routing adds reasons
    extraction.findings = found + (audit(extraction) if routing.checks else [])
    tables = {t.seq: t for t in extraction.document.tables}
    verdicts = extraction.verdicts
    for table in tables.values():
        _route_table(table, verdicts.setdefault(table.seq, TableVerdict()), routing, result)
    errors, warnings = result.blamed("error"), result.blamed("warning")
    _lift_confirmed_splits(extraction, result)
    for record in extraction.line_items:
        table = tables[record.table_seq]
        scores = record_confidence(
            record,
            table,
            verdicts[record.table_seq],
            result,
            errors,
            warnings,
            unverified=routing.unverified if routing.checks else 1.0,
            unverified_failing=routing.unverified_failing,
            warning_factor=routing.warning_factor,
        )
        record.confidence = scores.confidence
        _route_record(
            record,
            verdicts[record.table_seq],
            routing,
            scores.reasons,
            contradicted=(record.table_seq, record.row, record.col) in errors,
        )
    for indicator in extraction.indicators:
        _route_record(indicator, verdicts[indicator.table_seq], routing, [], contradicted=False)
    return result


def column_side(name: str) -> str:
    """'income' / 'expense' for a word naming one side only ('' otherwise)."""
    if "收入" in name and "支出" not in name:
        return "income"
    if "支出" in name and "收入" not in name:
        return "expense"
    return ""


def sides_confirmed(items_by_column: Mapping[ColumnPath | str, list[str]]) -> bool:
    """Do the item names confirm the split of a two-sided table's columns between 收入 and 支出?

    ``items_by_column``: each amount column's header labels (or its '/'-joined name) → the names of
    the rows holding an amount there.
    True when every column sits under one side (its top header) and, in every column, some item
    names that side (``一般公共服务支出`` under 支出) and none names the other."""
    if not items_by_column:
        return False
    for column, names in items_by_column.items():
        path = path_of(column) if isinstance(column, str) else column
        side = column_side(path[0] if path else "")
        if not side:
            return False
        sides = {column_side(n) for n in names} - {""}
        if sides != {side}:
            return False
    return True


def _lift_confirmed_splits(extraction: Extraction, result: CheckResult) -> None:
    """Drop the split-guess reason from the records of two-sided summary tables whose item names
    confirm every column's side, when no check fails in the table (a split moving a column to the
    other side puts its items under the wrong side, which the names and the side checks show)."""
    by_table: dict[int, list[LineItem]] = {}
    for record in extraction.line_items:
        by_table.setdefault(record.table_seq, []).append(record)
    erring = {seq for f in result.findings if f.severity == "error" for seq in f.tables}
    for seq, records in by_table.items():
        guessed = [r for r in records if SPLIT_GUESS in r.reason]
        verdict = extraction.verdicts[seq]
        if not guessed or verdict.table_type not in TWO_SIDED or result.failed.get(seq, 0) or seq in erring:
            continue
        items: dict[ColumnPath | str, list[str]] = {}
        for record in records:
            items.setdefault(record.path, []).append(record.name)
        if not sides_confirmed(items):
            continue
        for record in guessed:
            if record.reason == verdict.row_issues.get(record.row) and record.confidence >= 1.0:
                record.reason, record.status = [], "auto"


def _route_table(
    table: Table, verdict: TableVerdict, routing: Routing, result: CheckResult | None = None
) -> None:
    reasons: list[Reason] = [w for w in table.warnings if w.code in TABLE_UNREAD]
    if verdict.type_confidence < routing.table_threshold:
        reasons.append(
            reason(
                "routing.type_uncertain",
                table_type=verdict.table_type,
                name=TABLE_TYPE_NAMES.get(verdict.table_type, verdict.table_type),
                p=f"{verdict.type_confidence:.2f}",
            )
        )
    if result is not None:
        verdict.confidence = table_confidence(table, verdict, result)
        failed, checked = failure_ratio(table, result)
        if checked and failed / checked > routing.max_failure_ratio and failed >= 2:
            reasons.append(
                reason(
                    "routing.checks_fail",
                    table=table.label or table.title[:24],
                    failed=failed,
                    checked=checked,
                )
            )
        headers = [
            f
            for f in result.findings
            if f.check == "header" and table.seq in f.tables and f.severity == "error"
        ]
        if headers and any(f.detail is not None and f.detail.code in MISREAD_HEADER for f in headers):
            reasons.append(headers[0].reason()[0])
    verdict.status = "pending" if reasons else "auto"
    verdict.reason = reasons


def _route_record(
    record: LineItem | Indicator,
    verdict: TableVerdict,
    routing: Routing,
    reasons: list[Reason],
    *,
    contradicted: bool,
) -> None:
    """Pending when contradicted by a check, in a pending table, below the threshold, or already pending
    or carrying a reason from an earlier stage (an ambiguous column placement, an inferred level)."""
    own = list(record.reason)
    out = own + reasons
    if verdict.status == "pending" and verdict.reason:
        out.extend(verdict.reason)
    low = record.confidence < routing.record_threshold
    if low and not reasons:
        out.append(reason("routing.low_confidence", confidence=f"{record.confidence:.2f}"))
    if contradicted or verdict.status == "pending" or low or record.status == "pending" or own:
        record.status = "pending"
        record.reason = joined(out)
    else:
        record.status = "auto"
