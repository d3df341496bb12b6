"""Amount cells that are not amounts (``values``) or are misread ones (``amount_text``)."""

from __future__ import annotations

from classify.checks.views import Context
from classify.findings import Finding, Repair
from classify.repairs import amount_repair
from extract.numbers import parse_amount
from extract.reasons import reason


def check_values(ctx: Context) -> list[Finding]:
    """Amount cells that are not amounts: a 行次 column (1, 2, 3 …), code parts ('05'), names that are numbers."""
    for v in ctx.views.values():
        if not v.entries:
            continue
        for entries in v.column_entries().values():
            texts = [e.text.strip() for e in entries]
            if len(texts) >= 3 and all(t.isdecimal() and t.isascii() for t in texts):
                ints = [int(t) for t in texts]
                steps = sum(b == a + 1 for a, b in zip(ints, ints[1:], strict=False))
                if ints == list(range(ints[0], ints[0] + len(ints))) or (
                    len(ints) >= 5 and steps >= 0.7 * (len(ints) - 1)
                ):
                    refs = [e.ref for e in entries]
                    ctx.result.findings.append(
                        Finding(
                            "values",
                            reason(
                                "checks.row_numbers",
                                table=v.name,
                                column=entries[0].column or entries[0].col + 1,
                                first="、".join(texts[:3]),
                            ),
                            refs,
                            refs,
                            tables=[v.table.seq],
                            doubt=True,
                        )
                    )
                    ctx.result.failed[v.table.seq] += 1
                    continue
            for e in entries:
                t = e.text.strip()
                why = None
                if len(t) >= 2 and t.startswith("0") and t.isdigit():
                    why = reason("checks.value_code_part", table=v.name, row=e.label, value=t)
                elif e.code and not e.code.isdigit() and parse_amount(e.code) is not None:
                    why = reason("checks.value_code_is_amount", table=v.name, row=e.label, code=e.code)
                elif t.isdigit() and len(t) in (3, 5, 7) and t in ctx.dictionary and not e.code:
                    why = reason(
                        "checks.value_is_code",
                        table=v.name,
                        row=e.label,
                        value=t,
                        name=ctx.dictionary.name_of(t),
                    )
                elif not e.code and not e.name.strip() and len({x.row for x in v.entries}) > 1:
                    why = reason("checks.value_no_label", table=v.name, row=e.label)
                elif e.code.isdigit() and len(e.code) <= 2:
                    why = reason("checks.value_code_fragment", table=v.name, row=e.label, code=e.code)
                elif e.name.strip() and parse_amount(e.name) is not None:
                    why = reason(
                        "checks.value_name_is_number", table=v.name, row=e.label, name=e.name.strip()
                    )
                if why:
                    ctx.result.findings.append(
                        Finding("values", why, [e.ref], [e.ref], tables=[v.table.seq], doubt=True)
                    )
                    ctx.result.failed[v.table.seq] += 1
    return []


def unparsed_amounts(ctx: Context) -> list[Finding]:
    """Cells in amount columns that are not amounts but look like misread ones (OCR): repairs proposed."""
    out: list[Finding] = []
    for v in ctx.views.values():
        if not v.entries:
            continue
        amount_cols = {e.col for e in v.entries}
        rows = {e.row for e in v.entries}
        for (r, c), text in v.texts.items():
            if c not in amount_cols or r not in rows or not text.strip() or parse_amount(text) is not None:
                continue
            fixed = amount_repair(text)
            if fixed is None:
                continue
            refs = [e.ref for e in v.entries if e.row == r]
            out.append(
                Finding(
                    "amount_text",
                    reason("checks.amount_text", table=v.name, row=v.row_label(r), text=text.strip()),
                    refs,
                    refs,
                    "error",
                    [
                        Repair(
                            "amount",
                            v.table.seq,
                            r,
                            c,
                            text.strip(),
                            fixed,
                            reason("repairs.separators_fixed"),
                        )
                    ],
                    [v.table.seq],
                    doubt=True,
                )
            )
    return out
