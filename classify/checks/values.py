"""Amount cells that are not amounts (``values``) or are misread ones (``amount_text``)."""

from __future__ import annotations

from classify.checks.views import Context
from classify.findings import Finding, Repair
from classify.repairs import amount_repair
from extract.numbers import parse_amount


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
                            f"{v.name} column {entries[0].column or entries[0].col + 1}: {texts[0]}, {texts[1]}, {texts[2]} … "
                            f"count rows (a 行次 column), they are not amounts",
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
                why = ""
                if len(t) >= 2 and t.startswith("0") and t.isdigit():
                    why = f"'{t}' is a code part, not an amount"
                elif e.code and not e.code.isdigit() and parse_amount(e.code) is not None:
                    why = f"its code '{e.code}' is an amount: the row's cells are shifted"
                elif t.isdigit() and len(t) in (3, 5, 7) and t in ctx.dictionary and not e.code:
                    why = f"'{t}' is a classification code ({ctx.dictionary.name_of(t)}), not an amount"
                elif not e.code and not e.name.strip() and len({x.row for x in v.entries}) > 1:
                    why = "the amount has neither a code nor a name: its row label was lost"
                elif e.code.isdigit() and len(e.code) <= 2:
                    why = f"code '{e.code}' is a fragment of a code split over 类/款/项 columns"
                elif e.name.strip() and parse_amount(e.name) is not None:
                    why = f"its name '{e.name.strip()}' is a number: the row's cells are shifted"
                if why:
                    ctx.result.findings.append(
                        Finding(
                            "values",
                            f"{v.name} row {e.label}: {why}",
                            [e.ref],
                            [e.ref],
                            tables=[v.table.seq],
                            doubt=True,
                        )
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
                    f"{v.name} row {v.row_label(r)}: cell '{text.strip()}' is not a valid amount",
                    refs,
                    refs,
                    "error",
                    [
                        Repair(
                            "amount", v.table.seq, r, c, text.strip(), fixed, "separators/OCR letters fixed"
                        )
                    ],
                    [v.table.seq],
                    doubt=True,
                )
            )
    return out
