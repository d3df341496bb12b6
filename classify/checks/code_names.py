"""Codes against the code ↔ name dictionary (``dictionary``)."""

from __future__ import annotations

from collections import defaultdict

from classify.checks.views import Context, Entry, TableView
from classify.dictionary import normalize_name
from classify.findings import Finding, Repair
from extract.codes import is_digit_code
from extract.reasons import reason as why


def check_dictionary(ctx: Context) -> list[Finding]:
    seen: dict[tuple[int, int], list[Entry]] = defaultdict(list)
    for v in ctx.views.values():
        for e in v.entries:
            if e.code:
                seen[(v.table.seq, e.row)].append(e)
    unit_coded = {seq for seq, v in ctx.views.items() if _unit_coded(v)}
    other_list = _other_code_list(ctx, seen)
    shifted = _shifted_tables(ctx, seen)
    scanned = scanned_tables(ctx)
    # tables where some printed name contradicts its code: their names may not sit on their codes' rows,
    # so no sum places a code the dictionary lacks there
    contradicted = {
        seq
        for (seq, _), entries in seen.items()
        if any(ctx.dictionary.check(e.code, e.name).status == "mismatch" for e in entries)
    }
    for (seq, row), entries in seen.items():
        if seq in unit_coded:
            continue
        by_name: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        for e in entries:
            by_name[(e.code, e.name)].append(e)
        for (code, name), group in by_name.items():
            verdict = ctx.dictionary.check(code, name)
            if verdict.status in ("ok", "skip"):
                continue
            v = ctx.views[seq]
            refs = [e.ref for e in group]
            if (
                verdict.status == "unknown"
                and seq not in contradicted
                and placed_by_sums(ctx, seq, code)
                and _read_exactly(ctx, group)
            ):
                # a code our lists lack (a province's sub-item, 3010201 under 30102) whose amounts add up
                # into its printed parent, itself in the dictionary or so placed, read from a text layer
                # in a table whose known codes all fit their names: the sums verify it
                placed = why("checks.dictionary_unknown_summed", table=v.name, code=code, name=name)
                ctx.result.findings.append(
                    Finding("dictionary", placed, refs, [], "info", [], [seq], doubt=True)
                )
                continue
            listed = _listed_in_class(ctx, code, name)
            if (
                verdict.status == "mismatch"
                and seq in other_list
                and listed
                and seq not in shifted
                and placed_by_sums(ctx, seq, code)
                and _read_exactly(ctx, group)
            ):
                # a table on a code list of its own (the 福利院's 302 02 咨询费, 302 03 水费 …): the name is
                # one the dictionary lists under another code of the same class, the table's names are
                # not shifted against its codes (``_shifted_tables``), and the amounts add up into the
                # printed parent: the sums verify the row as printed
                placed = why(
                    "checks.dictionary_other_list_summed", table=v.name, code=code, name=name, listed=listed
                )
                ctx.result.findings.append(
                    Finding("dictionary", placed, refs, [], "info", [], [seq], doubt=True)
                )
                continue
            repairs: list[Repair] = []
            if verdict.status == "near":
                repairs.append(
                    Repair(
                        "name",
                        seq,
                        row,
                        None,
                        name,
                        verdict.expected,
                        why("repairs.dictionary_name", code=code),
                    )
                )
                if seq in scanned:  # a recogniser's slip, as likely as the document's: never auto
                    msg = why(
                        "scan_name_dictionary", table=v.name, code=code, name=name, expected=verdict.expected
                    )
                    ctx.result.findings.append(
                        Finding("dictionary", msg, refs, refs, "error", repairs, [seq], doubt=True)
                    )
                    continue
                ctx.result.findings.append(
                    Finding(
                        "dictionary",
                        why(
                            "checks.dictionary_near",
                            table=v.name,
                            code=code,
                            name=name,
                            expected=verdict.expected,
                        ),
                        refs,
                        refs,
                        "warning",
                        repairs,
                        [seq],
                    )
                )
                continue
            for other in ctx.dictionary.suggest(code, name):
                repairs.append(
                    Repair(
                        "code",
                        seq,
                        row,
                        None,
                        code,
                        other,
                        why("repairs.name_of_code", name=name, code=other),
                    )
                )
            if verdict.status == "unknown":
                msg = why("checks.dictionary_unknown", table=v.name, code=code, name=name)
            else:
                msg = why(
                    "checks.dictionary_mismatch",
                    table=v.name,
                    code=code,
                    name=name,
                    expected=verdict.expected,
                )
            # a code our dictionary lacks says nothing of the document (the lists are grown from what
            # reviewers confirm): its records go to review, it is no finding
            doubt = verdict.status == "unknown" or seq in other_list
            ctx.result.findings.append(
                Finding("dictionary", msg, refs, refs, "error", repairs, [seq], doubt=doubt)
            )
    return []


def placed_by_sums(ctx: Context, seq: int, code: str, depth: int = 0) -> bool:
    """Do the table's sums place ``code`` under a parent the dictionary knows? Every hierarchy sum the
    code takes part in holds, one of them adds it into its printed parent, and that parent is in the
    dictionary under a name that fits, or is itself so placed (20602 under 206, 2060201 under 20602)."""
    summed = ctx.summed.get((seq, code), [])
    if not summed or not all(summed) or not all(ctx.summing.get((seq, code), [])):
        return False
    parent = ctx.parents.get(seq, {}).get(code)
    if parent is None or depth > 3:
        return False
    names = {e.name for e in ctx.views[seq].entries if e.code == parent}
    if any(ctx.dictionary.check(parent, n).status in ("ok", "near") for n in names):
        return True
    return all(ctx.dictionary.check(parent, n).status == "unknown" for n in names) and placed_by_sums(
        ctx, seq, parent, depth + 1
    )


def _listed_in_class(ctx: Context, code: str, name: str) -> str:
    """The code the dictionary lists ``name`` under in ``code``'s class (its first three digits) and
    at its level, '' when none: the name is a classification's name, printed under another code."""
    if not is_digit_code(code) or len(code) <= 3:
        return ""
    return next(
        (c for c in ctx.dictionary.suggest(code, name) if len(c) == len(code) and c[:3] == code[:3]), ""
    )


def _shifted_tables(ctx: Context, seen: dict[tuple[int, int], list[Entry]]) -> set[int]:
    """The tables whose names may have been read against the wrong codes: in at least half of the rows
    whose name contradicts its code, the name the dictionary gives the code is printed on the row one
    above (or, for as many, one below) — the names shifted by a row, not a list of the table's own
    (one that leaves out an item renumbers those after it: 302 03 水费 under 302 02 咨询费 is one row)."""
    names: dict[tuple[int, int], set[str]] = defaultdict(set)
    for (seq, row), entries in seen.items():
        names[(seq, row)] |= {normalize_name(e.name) for e in entries if e.name}
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])  # mismatched, expected above, below
    for (seq, row), entries in seen.items():
        for code, name in {(e.code, e.name) for e in entries}:
            verdict = ctx.dictionary.check(code, name)
            if verdict.status != "mismatch":
                continue
            key = normalize_name(verdict.expected)
            c = counts[seq]
            c[0] += 1
            c[1] += key in names.get((seq, row - 1), set())
            c[2] += key in names.get((seq, row + 1), set())
    return {seq for seq, (n, above, below) in counts.items() if max(above, below) * 2 >= n}


def _read_exactly(ctx: Context, entries: list[Entry]) -> bool:
    """Are the entries' cells read from a text layer (a born-digital page, a workbook, a text file), not
    recognised from an image: digits read exactly, so a code that adds up is the code printed."""
    pages = {p.number: p for p in ctx.extraction.document.pages}
    for e in entries:
        cell = e.table.cell(e.row, e.col)
        page = pages.get((cell.page if cell is not None and cell.page else None) or e.table.page)
        if page is None or not page.has_text_layer:
            return False
    return True


# a table where at least this share of its codes (and this many) do not fit their names follows a code
# list of its own (a province's 部门经济分类), not the national one the dictionary holds
OTHER_LIST_SHARE = 1 / 3
OTHER_LIST_MIN = 3


def _other_code_list(ctx: Context, seen: dict[tuple[int, int], list[Entry]]) -> set[int]:
    """The tables whose codes systematically disagree with the dictionary's names: their mismatches
    are doubts of which code list the table follows, not errors of the document."""
    checked: dict[int, int] = defaultdict(int)
    wrong: dict[int, int] = defaultdict(int)
    for (seq, _), entries in seen.items():
        for code, name in {(e.code, e.name) for e in entries}:
            status = ctx.dictionary.check(code, name).status
            if status == "skip":
                continue
            checked[seq] += 1
            wrong[seq] += status not in ("ok", "near")
    return {s for s, n in wrong.items() if n >= OTHER_LIST_MIN and n >= OTHER_LIST_SHARE * checked[s]}


def scanned_tables(ctx: Context) -> set[int]:
    """The tables read from page images (no text layer): their names are a recogniser's reading."""
    pages = {p.number for p in ctx.extraction.document.pages if not p.has_text_layer}
    return {t.seq for t in ctx.extraction.document.tables if t.page in pages}


def _unit_coded(v: TableView) -> bool:
    """A table whose codes are 单位编码 (308, 308001), not classification codes."""
    codes = {e.code for e in v.entries if is_digit_code(e.code)}
    six = {c for c in codes if len(c) == 6}
    if not six or any(len(c) in (5, 7) for c in codes):
        return False
    if any(c6.startswith(c3) for c6 in six for c3 in codes if len(c3) == 3):
        return True
    return len(six) * 2 >= len(codes) and not any(len(c) == 7 for c in codes)
