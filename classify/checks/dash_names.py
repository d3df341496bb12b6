"""Code-name strings of scanned tables against the code ↔ name dictionary (issue 17).

Some tables print a row's code and name in one cell (北京's 支出总表: ``2070699-其他新闻出版电影支出``);
their records carry no code of their own, so ``check_dictionary`` never compares the name with
the code's. A born-digital page prints what it prints; on a page image the name is a recogniser's
reading, and one near but not equal to the dictionary's name of the printed code (其他新间出版电影支出
for 其他新闻出版电影支出) is a misreading as likely as the document's: its records go to review
(``scan_name_dictionary``), the dictionary's name offered as the repair, evidence kept. A name that
is no name of its code (``scan_name_not_code``) is doubted the same way, without a repair. A code
the dictionary lacks says nothing of its name (a province's sub-item): the row stays as read.

A cell holding several code-name strings of one length (``2070102-一般行政管理事务2070102-一般行政
管理事务``) ran the cells below it into its own: the rows under it whose cell of that column is blank
lost their text to it, and their records, named by another column, go to review too
(``scan_name_cells_merged``).
"""

from __future__ import annotations

import re
from collections import defaultdict

from classify.checks.code_names import scanned_tables
from classify.checks.views import Context, Entry
from classify.findings import Finding, Repair
from extract.model import Table
from extract.reasons import reason as why
from extract.vocabulary import CODE_DASH_NAME

_CODE_DASH_ANYWHERE = re.compile(CODE_DASH_NAME.pattern.removeprefix("^"))


def check_dash_names(ctx: Context) -> list[Finding]:
    """Doubts of the scanned code-name strings whose name is not the dictionary's for their code."""
    scanned = scanned_tables(ctx)
    groups: dict[tuple[int, int, str, str, str], list[Entry]] = defaultdict(list)
    for seq, v in ctx.views.items():
        if seq not in scanned:
            continue
        for e in v.entries:
            m = None if e.code else CODE_DASH_NAME.match(e.name)
            if m is not None and m.group(2):  # dashed: no year or figure before a word (2024年)
                groups[(seq, e.row, m.group(1), e.name[m.end() :], e.name)].append(e)
    out: list[Finding] = []
    for (seq, row, code, name, printed), group in groups.items():
        verdict = ctx.dictionary.check(code, name)
        if verdict.status not in ("near", "mismatch"):
            continue  # its code's name, no classification code, or a code the lists lack
        refs = [e.ref for e in group]
        table = ctx.views[seq].name
        if verdict.status == "near":
            head = printed[: len(printed) - len(name)]
            repair = Repair(
                "name",
                seq,
                row,
                None,
                printed,
                head + verdict.expected,
                why("repairs.dictionary_name", code=code),
            )
            msg = why("scan_name_dictionary", table=table, code=code, name=name, expected=verdict.expected)
            out.append(Finding("dictionary", msg, refs, refs, "error", [repair], [seq], doubt=True))
        else:
            msg = why("scan_name_not_code", table=table, code=code, name=name, expected=verdict.expected)
            out.append(Finding("dictionary", msg, refs, refs, "error", [], [seq], doubt=True))
    for seq in scanned:
        v = ctx.views.get(seq)
        if v is None:
            continue
        for row, merged, text in merged_rows(v.table):
            refs = [e.ref for e in v.entries if e.row == row]
            if refs:
                msg = why("scan_name_cells_merged", table=v.name, row=row, merged=merged, text=text)
                out.append(Finding("dictionary", msg, refs, refs, "error", [], [seq], doubt=True))
    return out


def merged_rows(table: Table) -> list[tuple[int, int, str]]:
    """(row, the row whose cell took its text, that cell's text) of the body rows of ``table`` whose
    cell is blank under a cell holding several code-name strings of one code length: one string
    for itself and one for each blank cell below it."""
    grid = table.grid()
    out: list[tuple[int, int, str]] = []
    for r in range(table.header_rows, len(grid)):
        for c, text in enumerate(grid[r]):
            codes = [m.group(1) for m in _CODE_DASH_ANYWHERE.finditer(text) if m.group(2)]
            if not (m := CODE_DASH_NAME.match(text)) or not m.group(2) or len(codes) < 2:
                continue
            extra = sum(len(code) == len(codes[0]) for code in codes) - 1
            for below in range(r + 1, min(r + 1 + extra, len(grid))):
                if c < len(grid[below]) and grid[below][c].strip():
                    break
                out.append((below, r, text))
    return out
