"""Codes a scan's 类/款/项 cell gave only when read again (issue 17), checked against the row's name.

The reader (``extract.scancodes.reread_codes``) reads a part cell read as no code of its column's
length again, prepared several ways, and takes the number most readings give; the row stays doubted
(``scan_code_reread``). Here that row's records stand when what the table itself says agrees with the
recogniser: the code the row makes is the shipped dictionary's code for the row's printed name
(``classify.dictionary``, ``ok``) and its parent (the code without its last part) is a code printed
on a row above. Anything less keeps the row in review. A 款 or 项 cell no reading gives a code is
given the one code the dictionary lists under the row's parent for its name — no reading: pending
(``supply_from_names``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from classify.dictionary import CodeDictionary, normalize_name
from classify.findings import Finding
from classify.model import LineItem
from extract.model import Table
from extract.reasons import Reason, joined, reason
from extract.scancodes import REREAD, UNREAD, part_columns


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


def supply_from_names(
    table: Table,
    row_issues: Mapping[int, Sequence[Reason]],
    records: Sequence[LineItem],
    dictionary: CodeDictionary,
) -> list[LineItem]:
    """Rows of ``table`` whose 款 or 项 cell could not be read (``scan_code_unread`` /
    ``scan_print_unread`` on a part column: no reading again gave a code) given the code the table
    and the dictionary say: the one code of the dictionary under the row's parent (the last code
    above one level up) whose name is the row's printed name. It is no reading: the row's records,
    and those of the rows under it whose codes are made with the part (their cell of that column
    blank, a deeper one printed), take it and stay pending (``scan_code_from_name``). The records
    changed."""
    parts = sorted(part_columns(table))
    grid = table.grid()
    changed: list[LineItem] = []
    for row in sorted(row_issues):
        issues = row_issues[row]
        col = dict(issues[0].params).get("col") if len(issues) == 1 else None
        if issues[0].code not in UNREAD or col not in parts[1:]:
            continue
        level = parts.index(col)
        own = [li for li in records if li.row == row]
        names = {li.name for li in own}
        above = [li.code for li in records if li.row < row and len(li.code) == 1 + 2 * level]
        if len(names) != 1 or not above or any(li.code not in ("", above[-1]) for li in own):
            continue
        parent, key = above[-1], normalize_name(next(iter(names)))
        found = [
            c
            for c, known in dictionary.names.items()
            if len(c) == len(parent) + 2 and c.startswith(parent) and key in known
        ]
        if len(found) != 1:
            continue
        (supplied,) = found
        under = set()
        for r in range(row + 1, len(grid)):
            cells = [grid[r][k] if k < len(grid[r]) else "" for k in parts]
            if any(x.strip() for x in cells[: level + 1]) or not any(x.strip() for x in cells[level + 1 :]):
                break
            under.add(r)
        why = reason("scan_code_from_name", table=table.title, row=row, code=supplied, name=next(iter(names)))
        for li in records:
            if li.row == row:
                li.code = supplied
            elif li.row in under and li.code.startswith(parent):
                li.code = supplied + li.code[len(parent) :]
            else:
                continue
            li.status, li.reason = "pending", joined(li.reason, [why])
            changed.append(li)
    return changed
