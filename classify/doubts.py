"""Findings about the document, and doubts about its reading: two different things.

A *finding* states an error in the published document (a sum that does not hold, a table the 目录
lists but the document lacks, a narrative figure the tables contradict): it goes to the dataset's
``findings`` table and the auditor's report. A *reading doubt* says the reader is unsure of what it
read (a header run together, a cell that is not an amount, an amount placed on the wrong side of a
summary table): it sends the records it touches to review with its reason, and states nothing about
the document.

The table checks mark the doubts they raise by their nature (``Finding.doubt``). ``separate`` adds
the table checks' failures that rest on what the reader was unsure of:

* a failure over a doubtful cell: one a doubt names, one in a row or cell the reader or the column
  placement doubted (``TableVerdict.row_issues`` / ``cell_issues``; not a row whose only issue is
  that its numbers add up under no placement, ``source_rows``: that is the document's error), a
  record that came to the checks with a reason already;
* a sum off by exactly the amount of a doubtful cell of its table (that amount was read into the
  wrong column, so the sum lacks it or holds it twice);
* any failure in a table whose type is uncertain (the checks that apply follow from the type);
* a sum over rows in a table the reader cut at a page break (``cut_tables``), or over rows it
  doubted whose amounts sit in another column (a class over a doubted item, a 合计 row over a table
  with a doubted row).

A doubt of a column's header (what the column is) makes doubtful the checks that rest on the
column's meaning (a row's 合计 = Σ parts, the same money in another table), not those within one
column (a class = Σ its items, the 合计 row = Σ the rows).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from classify.findings import CellRef, Finding
from classify.model import Extraction

# checks that compare amounts within one column: a doubt about what the column is (its header) does
# not touch them, only a doubt about the amounts themselves
WITHIN_COLUMN = frozenset({"hierarchy", "column_total"})
HEADER_DOUBTS = frozenset({"header"})
UNREAD_CELL = frozenset({"amount_text"})  # a cell of the row that is no amount: the row's sum is in doubt


def doubtful_cells(
    extraction: Extraction, findings: list[Finding]
) -> tuple[dict[CellRef, Decimal | None], set[CellRef]]:
    """The cells whose reading is in doubt, with their amounts (None: a cell no record holds), and
    the cells in doubt only for checks across columns (their column's header is in doubt, or another
    cell of their row could not be read), not their amounts.

    Read before routing: a record's ``reason`` then holds only the earlier stages' doubts."""
    amounts = {(r.table_seq, r.row, r.col): r.amount_yuan for r in extraction.line_items}
    cells: dict[CellRef, Decimal | None] = {}
    for r in extraction.line_items:
        verdict = extraction.verdicts.get(r.table_seq)
        if verdict is None:
            continue
        if r.row in verdict.source_rows and r.reason == verdict.row_issues.get(r.row):
            continue  # the source itself does not add up there: no doubt of the reading
        if r.reason or r.row in verdict.row_issues or (r.row, r.col) in verdict.cell_issues:
            cells[(r.table_seq, r.row, r.col)] = r.amount_yuan
    headed: set[CellRef] = set()
    for f in findings:
        if f.doubt and f.check in HEADER_DOUBTS:
            headed.update((*f.blame, *f.evidence))
        elif f.doubt and f.check in UNREAD_CELL:  # blames its row: the unread cell is the repair's
            headed.update((*f.blame, *f.evidence))
            for rep in f.repairs:
                if rep.col is not None:
                    cells[(rep.table, rep.row, rep.col)] = None
        elif f.doubt:
            for ref in (*f.blame, *f.evidence):
                cells[ref] = amounts.get(ref)
    return cells, headed


def _over_doubted_rows(f: Finding, code_of: dict[CellRef, str], doubted: dict[int, set[str]]) -> bool:
    """Does a sum within one column range over rows the reader doubted, though their amounts are not
    in its column (read into another): a class whose items include a doubted row (its code under
    the class's), or a 合计 row over a table with any doubted row."""
    if not f.evidence:
        return False
    seq = f.evidence[0][0]
    if f.check == "column_total":
        return bool(doubted.get(seq))
    parent = code_of.get(f.evidence[0], "")
    return bool(parent) and any(c.startswith(parent) and c != parent for c in doubted.get(seq, ()))


def cut_tables(extraction: Extraction) -> set[int]:
    """Tables the reader cut at a page break: the next table's first coded row is a child of a code
    of this one (30302 after a table ending in 303 › 30301), so both hold parts of one hierarchy and
    neither one's sums over rows can be checked alone."""
    codes: dict[int, list[str]] = defaultdict(list)
    for r in extraction.line_items:
        if r.code.isdigit() and (not codes[r.table_seq] or codes[r.table_seq][-1] != r.code):
            codes[r.table_seq].append(r.code)
    grids = {t.seq: t.grid() for t in extraction.document.tables}
    out: set[int] = set()
    for seq, mine in codes.items():
        first = _first_code(grids.get(seq + 1) or [])
        if first and any(first.startswith(c) and len(first) > len(c) for c in mine):
            out |= {seq, seq + 1}
    return out


def _first_code(grid: list[list[str]]) -> str:
    """The code the first row of a table's grid prints (a cell of digits only), '' when none (read
    from the grid: a page cut from its header may have its codes read as amounts)."""
    for row in grid[:1]:
        for cell in row:
            text = "".join(cell.split())
            if text.isdigit() and 3 <= len(text) <= 7:
                return text
    return ""


def separate(
    extraction: Extraction, findings: list[Finding], type_threshold: float = 0.5
) -> tuple[list[Finding], list[Finding]]:
    """(findings about the document, reading doubts) of the table checks' ``findings``; marks the
    doubts found here ``doubt``. ``type_threshold``: below this type probability a table's type is
    uncertain (``Routing.table_threshold``)."""
    cells, headed = doubtful_cells(extraction, findings)
    gaps: dict[int, set[Decimal]] = defaultdict(set)
    for (seq, _, _), amount in cells.items():
        if amount:
            gaps[seq].add(abs(amount))
    uncertain = {s for s, v in extraction.verdicts.items() if v.type_confidence < type_threshold}
    cut = cut_tables(extraction)
    code_of = {(r.table_seq, r.row, r.col): r.code for r in extraction.line_items}
    doubted_codes: dict[int, set[str]] = defaultdict(set)  # the codes of each table's doubtful rows
    for ref in cells:
        if code_of.get(ref):
            doubted_codes[ref[0]].add(code_of[ref])
    kept: list[Finding] = []
    doubts: list[Finding] = []
    for f in findings:
        if not f.doubt:  # every table check's finding (each carries its reason in ``detail`` now)
            doubtful = set(cells) if f.check in WITHIN_COLUMN else set(cells) | headed
            over_doubt = bool(doubtful & {*f.blame, *f.evidence})
            explained = f.gap is not None and any(abs(f.gap) in gaps[s] for s in f.tables)
            split = f.check in WITHIN_COLUMN and bool(cut & set(f.tables))
            rows_doubted = f.check in WITHIN_COLUMN and _over_doubted_rows(f, code_of, doubted_codes)
            f.doubt = over_doubt or explained or split or rows_doubted or bool(uncertain & set(f.tables))
        (doubts if f.doubt else kept).append(f)
    return kept, doubts
