"""Sums within a table: 合计 = Σ parts in a row (``row_sum``), a code = Σ its children per column
(``hierarchy``), the 合计 row = Σ top-level rows (``column_total``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from classify.checks.views import (
    TWO_SIDED,
    ZERO,
    Context,
    Entry,
    TableView,
    diff_shown,
    is_total_entry,
    shown,
)
from classify.findings import Finding, Repair, fmt_amount, scale_of
from classify.repairs import sum_repairs
from extract.codes import code_kind, is_digit_code
from extract.model import ColumnPath
from extract.reasons import Reason, reason
from extract.relations import SumNode, code_parents


def check_row_sum(ctx: Context) -> list[Finding]:
    for v in ctx.views.values():
        if not v.entries or v.table_type in TWO_SIDED:
            continue
        spec = v.spec
        if spec is None or not spec.systems:
            continue
        rows: dict[int, dict[int, Entry]] = defaultdict(dict)
        for e in v.entries:
            rows[e.row][e.col] = e
        systems = [_same_group(system, spec.amount_path) for system in spec.systems]
        for r, cells in sorted(rows.items()):
            vec = [cells.get(c) for c in spec.amount_cols]
            for system in systems:
                _check_node(ctx, v, r, system, vec, spec.amount_name)
    return []


def _same_group(root: SumNode, path_of: Callable[[int], ColumnPath]) -> SumNode:
    """The total's system without the columns outside its header group (a '预留份额' column after
    '政府采购金额/…' columns is not part of 政府采购金额/合计)."""
    if root.col is None:
        return root
    prefix = path_of(root.col)[:-1]
    if not prefix:
        return root

    def inside(i: int) -> bool:
        path = path_of(i)
        return len(path) > len(prefix) and path[: len(prefix)] == prefix

    kept = [c for c in root.children if all(inside(i) for i in c.columns())]
    return SumNode(root.name, root.col, kept, [q for q in root.within if inside(q)])


def _node_entries(node: SumNode, vec: list[Entry | None]) -> list[Entry | None]:
    if node.col is not None:
        return [vec[node.col]]
    return [x for c in node.children for x in _node_entries(c, vec)]


def _check_node(
    ctx: Context,
    v: TableView,
    row: int,
    node: SumNode,
    vec: list[Entry | None],
    name_of: Callable[[int], str],
) -> None:
    if node.children:
        for child in node.children:
            _check_node(ctx, v, row, child, vec, name_of)
    if node.col is None or not node.children:
        _check_within(ctx, v, row, node, vec, name_of)
        return
    total = vec[node.col]
    parts = [e for c in node.children for e in _node_entries(c, vec)]
    present = [e for e in parts if e is not None]
    if total is None and not present:
        return
    label = v.row_label(row)
    t = v.table

    def message() -> Reason:
        want = total.value if total else ZERO
        got = sum((p.value for p in present), ZERO)
        return reason(
            "checks.row_sum",
            table=v.name,
            row=label,
            column=name_of(node.col),
            total=shown(total, scale_of(t)),
            parts=" + ".join(shown(p, scale_of(t)) for p in parts),
            diff=diff_shown(want, got, t),
        )

    holds = ctx.relation("row_sum", total, present, message, [t.seq])
    if not holds:
        finding = ctx.result.findings[-1]
        finding.repairs.extend(propose_sum_repairs(v, row, total, parts, node, vec))
    _check_within(ctx, v, row, node, vec, name_of)


def _check_within(
    ctx: Context,
    v: TableView,
    row: int,
    node: SumNode,
    vec: list[Entry | None],
    name_of: Callable[[int], str],
) -> None:
    if not node.within:
        return
    mine = sum((e.value for e in _node_entries(node, vec) if e is not None), ZERO)
    for q in node.within:
        e = vec[q]
        if e is None or mine < 0:
            continue
        if ZERO <= e.value <= mine:
            ctx.result.checked[v.table.seq] += 1
            continue
        ctx.fail(
            "row_sum",
            reason(
                "checks.part_exceeds",
                table=v.name,
                row=v.row_label(row),
                column=name_of(q),
                value=shown(e),
                whole=fmt_amount(mine / scale_of(v.table)),
            ),
            [e.ref],
            v.table.seq,
        )


def propose_sum_repairs(
    v: TableView,
    row: int,
    total: Entry | None,
    parts: list[Entry | None],
    node: SumNode,
    vec: list[Entry | None],
) -> list[Repair]:
    return sum_repairs(v.table, row, total, parts)


def check_hierarchy(ctx: Context) -> list[Finding]:
    for v in ctx.views.values():
        if v.table_type in TWO_SIDED:
            continue
        columns = v.column_entries()
        # the hierarchy is the table's rows', whichever columns print an amount
        codes = list(dict.fromkeys(e.code for es in columns.values() for e in es if is_digit_code(e.code)))
        parent_of = dict(zip(codes, code_parents(codes), strict=True))
        ctx.parents[v.table.seq] = parent_of
        for entries in columns.values():
            coded = [e for e in entries if is_digit_code(e.code)]
            if len(coded) < 2:
                continue
            _hierarchy_column(ctx, v, coded, parent_of)
    return []


def _hierarchy_column(
    ctx: Context, v: TableView, coded: list[Entry], parent_of: dict[str, str | None]
) -> None:
    """Parent = Σ children in one column, the children from ``extract.relations.code_parents`` over the
    table's codes (``parent_of``); a
    parent whose rows under it carry no code of its family (or codes of no known shape) is flagged:
    those rows' codes are malformed."""
    counts: dict[str, int] = defaultdict(int)
    for e in coded:
        counts[e.code] += 1
    kids: dict[str, list[Entry]] = defaultdict(list)
    for e in coded:
        if parent_of.get(e.code) is not None:
            kids[parent_of[e.code]].append(e)
    lengths = sorted({len(e.code) for e in coded})
    t = v.table
    for i, parent in enumerate(coded):
        p = parent.code
        if counts[p] != 1 or len(p) >= lengths[-1]:
            continue
        deeper = [L for L in lengths if len(p) < L]
        # rows printed under the parent, up to the next row of its level or above
        under: list[Entry] = []
        for e in coded[i + 1 :]:
            if len(e.code) <= len(p) and e.code != p:
                break
            under.append(e)
        family = [e for e in coded if e.code != p and e.code.startswith(p)]
        if not family:
            strays = [e for e in under if not e.code.startswith(p)]
            if under and len(under) == len(strays) and len(under) <= 3 and deeper:
                _stray(ctx, v, parent, strays)
            continue
        odd = [e for e in family if len(e.code) not in (3, 5, 7) and code_kind(e.code) is None]
        if odd:
            _stray(ctx, v, parent, odd)
            continue
        children = kids.get(p, [])
        if not children:
            continue
        col = parent.column

        def message(parent: Entry = parent, children: list[Entry] = children, col: str = col) -> Reason:
            got = sum((c.value for c in children), ZERO)
            return reason(
                "checks.hierarchy",
                table=v.name,
                code=parent.code,
                column=col,
                value=shown(parent),
                count=len(children),
                sum=fmt_amount(got / scale_of(t)),
                diff=diff_shown(parent.value, got, t),
            )

        holds = ctx.relation("hierarchy", parent, children, message, [t.seq])
        ctx.summing[(t.seq, p)].append(holds)
        for c in {c.code for c in children}:
            ctx.summed[(t.seq, c)].append(holds)


def _stray(ctx: Context, v: TableView, parent: Entry, strays: list[Entry]) -> None:
    ctx.strays[v.table.seq].update(e.ref for e in strays)
    names = "、".join(f"{e.code} {e.name}" for e in strays)
    ctx.fail(
        "hierarchy",
        reason(
            "checks.hierarchy_stray",
            table=v.name,
            code=parent.code,
            column=parent.column,
            value=shown(parent),
            rows=names,
        ),
        [parent.ref, *(e.ref for e in strays)],
        v.table.seq,
    )


def check_column_total(ctx: Context) -> list[Finding]:
    for v in ctx.views.values():
        if v.table_type in TWO_SIDED:
            continue
        for entries in v.column_entries().values():
            totals = [e for e in entries if is_total_entry(e)]
            coded = [e for e in entries if is_digit_code(e.code)]
            if len(totals) != 1 or not coded:
                continue
            codes = {e.code for e in coded}
            top = [e for e in coded if not any(e.code != c and e.code.startswith(c) for c in codes)]
            total = totals[0]
            # a row whose code is of no classification shape among classification codes (a misprinted
            # 类: 7|11|02 for 210|11|02), or a stray the hierarchy flagged, stands under a parent, not
            # at the top level, when the total holds without it: the misprinted code is the finding
            flagged = ctx.strays.get(v.table.seq, set())
            malformed = (
                [e for e in top if code_kind(e.code) is None] if any(code_kind(e.code) for e in top) else []
            )
            drop = {e.ref for e in malformed} | {e.ref for e in top if e.ref in flagged}
            kept = [e for e in top if e.ref not in drop]
            if kept and len(kept) < len(top) and sum((e.value for e in kept), ZERO) == total.value:
                top = kept
                for e in malformed:
                    ctx.fail(
                        "column_total",
                        reason(
                            "checks.code_malformed",
                            table=v.name,
                            code=e.code,
                            name=e.name,
                            column=e.column,
                            value=shown(e),
                        ),
                        [e.ref],
                        v.table.seq,
                    )

            def message(total: Entry = total, top: list[Entry] = top, v: TableView = v) -> Reason:
                got = sum((e.value for e in top), ZERO)
                return reason(
                    "checks.column_total",
                    table=v.name,
                    column=total.column,
                    name=total.name,
                    value=shown(total),
                    count=len(top),
                    sum=fmt_amount(got / scale_of(v.table)),
                    diff=diff_shown(total.value, got, v.table),
                )

            ctx.relation("column_total", total, top, message, [v.table.seq])
    return []
