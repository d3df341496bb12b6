"""Codes against the code ↔ name dictionary (``dictionary``)."""

from __future__ import annotations

from collections import defaultdict

from classify.checks.views import Context, Entry, TableView
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
    scanned = _scanned_tables(ctx)
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


def _scanned_tables(ctx: Context) -> set[int]:
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
