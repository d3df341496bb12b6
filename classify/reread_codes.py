"""Codes a scan's 类/款/项 cell gave only when read again (issue 17), checked against the row's name.

The reader (``extract.scancodes.reread_codes``) reads a part cell read as no code of its column's
length again, prepared several ways, and takes the number most readings give; the row stays doubted
(``scan_code_reread``). Here that row's records stand when what the table itself says agrees with the
recogniser: the code the row makes is the shipped dictionary's code for the row's printed name
(``classify.dictionary``, ``ok``) and its parent (the code without its last part) is a code printed
on a row above. Anything less keeps the row in review.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from classify.dictionary import CodeDictionary
from classify.findings import Finding
from classify.model import LineItem
from extract.model import Table
from extract.reasons import Reason, reason

REREAD = "scan_code_reread"


def confirmed_rereads(
    table: Table,
    row_issues: Mapping[int, Sequence[Reason]],
    records: Sequence[LineItem],
    dictionary: CodeDictionary,
) -> dict[int, Finding]:
    """The rows of ``table`` whose only doubt is a code read again (``scan_code_reread``) and whose
    records' code is the dictionary's for their name, under a parent printed above: row → the note
    saying so (a doubt that blames nothing)."""
    out: dict[int, Finding] = {}
    for row, issues in row_issues.items():
        if len(issues) != 1 or issues[0].code != REREAD:
            continue
        own = [li for li in records if li.row == row]
        pairs = {(li.code, li.name) for li in own}
        if len(pairs) != 1:
            continue
        ((code, name),) = pairs
        above = {li.code for li in records if li.row < row}
        parent = code[:-2] if len(code) in (5, 7) else ""
        if not parent or parent not in above or dictionary.check(code, name).status != "ok":
            continue
        note = reason("scan_code_confirmed", table=table.title, row=row, code=code, name=name)
        out[row] = Finding("dictionary", note, [], [], "info", [], [table.seq], doubt=True)
    return out
