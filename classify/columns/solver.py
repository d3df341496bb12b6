"""Placing a document's collapsed tables: constraints pruned to a fixpoint, small open sets searched,
the numbers moved into new tables and the doubts left reported."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import product

from classify.columns.constraints import Constraint, hierarchy, prune, supported
from classify.columns.rows import RowVar, row_vars
from classify.columns.siblings import apply_named_totals, find_siblings, named_totals, sibling_constraints
from classify.columns.spec import ZERO, Placement, TableSpec, table_spec
from extract.model import Table
from extract.reasons import Reason, joined, reason

MAX_SEARCH = 20000  # assignments tried per connected set of open rows
AMBIGUOUS_ROW = "columns.ambiguous_row"
AMBIGUOUS_CELL = "columns.ambiguous_cell"
# the doubts of a placement left open: other placements of the row add up as well as the one kept
OPEN_PLACEMENT = frozenset({AMBIGUOUS_ROW, AMBIGUOUS_CELL})


@dataclass
class PlacedTables:
    """A document's tables with the numbers of its collapsed ones placed, and the placement's doubts."""

    tables: list[Table]  # the tables in order: a collapsed one replaced by a new table, layout 'grid'
    row_issues: dict[int, dict[int, list[Reason]]] = field(
        default_factory=dict
    )  # seq → row → why it needs review
    # seq → (row, col) → why that one number's column is not certain (the rest of its row is)
    cell_issues: dict[int, dict[tuple[int, int], Reason]] = field(default_factory=dict)
    # seq → the rows whose issues all state the source's own inconsistency (``RowVar.source``)
    source_rows: dict[int, set[int]] = field(default_factory=dict)


def _copy_for_placing(table: Table) -> Table:
    """A new table with copies of ``table``'s cells and notes, for the placement to move."""
    return dataclasses.replace(
        table, cells=[dataclasses.replace(c) for c in table.cells], notes=list(table.notes)
    )


def place_columns(tables: Sequence[Table], types: Mapping[int, str] | None = None) -> PlacedTables:
    """Place the numbers of every collapsed table; the tables given are not changed.

    ``types``: each table's type slug by ``Table.seq`` (which tables are siblings, where named
    totals come from); without them the titles and columns decide."""
    types = types or {}
    if not any(t.layout == "collapsed" for t in tables):
        return PlacedTables(list(tables))
    tables = [_copy_for_placing(t) if t.layout == "collapsed" else t for t in tables]
    placed = PlacedTables(tables)
    collapsed = [t for t in tables if t.layout == "collapsed"]
    rows_of: dict[int, list[RowVar]] = {}
    specs: dict[int, TableSpec] = {}
    for t in tables:
        if t.layout not in ("collapsed", "grid") or t.empty:
            continue
        spec = table_spec(t)
        if not spec.amount_cols:
            continue
        specs[id(t)] = spec
        rows_of[id(t)] = row_vars(t, spec, t.layout == "collapsed")
    for t in collapsed:
        if id(t) in rows_of:
            apply_named_totals(rows_of[id(t)], named_totals(t, rows_of[id(t)], tables, rows_of, types))
    cons: list[Constraint] = []
    for t in tables:
        if id(t) in rows_of:
            hier, notes = hierarchy(rows_of[id(t)], specs[id(t)])
            cons.extend(hier)
            if t.layout == "collapsed":
                t.notes.extend(notes)
    pairs: list[tuple[RowVar, RowVar, list[Constraint]]] = []
    for a, b, kind in find_siblings(tables, types):
        if id(a) in rows_of and id(b) in rows_of and (a.layout == "collapsed" or b.layout == "collapsed"):
            pairs.extend(sibling_constraints(rows_of[id(a)], rows_of[id(b)], kind))
    _report_broken(cons)
    for ra, rb, (eq, ge) in pairs:
        if not eq.active:  # only ≥ holds by nature (all funds ≥ the general budget's part)
            if prune(ge) is None:
                ge.active = False
                _conflict(ra, rb, ge)
        elif prune(eq) is None:  # equality impossible: fall back to ≥ (expense ≥ basic)
            eq.active = False
            ge.active = True
            if prune(ge) is None:
                ge.active = False
                _conflict(ra, rb, eq)
            else:
                msg = reason("columns.only_ge", what=eq.what)
                ra.issues.append(msg)
                rb.issues.append(msg)
        cons.extend([eq, ge])
    _propagate(cons)
    open_rows = [r for rows in rows_of.values() for r in rows if not r.fixed and len(r.candidates) > 1]
    chosen = _search(open_rows, [c for c in cons if c.active], rows_of)
    for t in collapsed:
        rows = rows_of.get(id(t), [])
        for rv in rows:
            _apply(rv, chosen.get(rv), rows, placed)
        t.layout = "grid"
    return placed


def _report_broken(cons: list[Constraint]) -> None:
    """Constraints the source itself breaks are reported on their first row and not used."""
    for con in cons:
        diffs = _fixed_mismatch(con)
        sup = None if diffs else supported(con)
        if diffs or (sup is not None and any(not s for s in sup)):
            con.active = False
            con.members[0][0].issues.append(_broken_reason(con, diffs))
            con.members[0][0].source.append(con.members[0][0].issues[-1])


def _fixed_mismatch(con: Constraint) -> list[Reason]:
    """Columns where every member's value is already certain and the sum does not hold."""
    if con.mode != "eq":
        return []
    first = con.members[0][0]
    diffs: list[Reason] = []
    for j in range(len(con.members[0][2])):
        vals: list[tuple[int, Decimal]] = []
        for i, (rv, sign, _) in enumerate(con.members):
            col_vals = {con.proj(i, p)[j] * sign for p in rv.candidates}
            if len(col_vals) != 1:
                break
            vals.append((sign, col_vals.pop()))
        else:
            kids = sum((v for s, v in vals if s > 0), ZERO)
            own = sum((v for s, v in vals if s < 0), ZERO)
            if kids != own:
                name = first.spec.amount_name(con.members[0][2][j])
                diffs.append(
                    reason(
                        "columns.sum_mismatch", column=name, sum=str(kids), row=first.label, printed=str(own)
                    )
                )
    return diffs


def _broken_reason(con: Constraint, diffs: list[Reason]) -> Reason:
    detail = diffs if diffs else [reason("columns.no_placement_adds_up")]
    return reason("columns.source_inconsistency", what=con.what, rows=len(con.members) - 1, detail=detail)


def _conflict(ra: RowVar, rb: RowVar, con: Constraint) -> None:
    msg = reason("columns.source_conflict", what=con.what)
    ra.issues.append(msg)
    rb.issues.append(msg)


def _propagate(cons: list[Constraint]) -> None:
    changed = True
    while changed:
        changed = False
        for con in cons:
            if not con.active:
                continue
            sig = tuple(len(m[0].candidates) for m in con.members)
            if sig == con._sig:
                continue
            before = [list(m[0].candidates) for m in con.members]
            res = prune(con)
            if res is None:
                # cannot hold with what the other sums decided: report it and stop using it
                diffs = _fixed_mismatch(con)
                for (rv, _, _), old in zip(con.members, before, strict=True):
                    rv.candidates = old
                con.active = False
                first = con.members[0][0]
                if diffs:
                    first.issues.append(_broken_reason(con, diffs))
                    first.source.append(first.issues[-1])
                else:
                    first.issues.append(reason("columns.conflicting_evidence", what=con.what))
                continue
            con._sig = tuple(len(m[0].candidates) for m in con.members)
            changed = changed or res


def _search(
    open_rows: list[RowVar], cons: list[Constraint], rows_of: dict[int, list[RowVar]]
) -> dict[RowVar, Placement]:
    """Exhaustive search over small connected sets of open rows; the best-scoring solution of each."""
    chosen: dict[RowVar, Placement] = {}
    touching: dict[RowVar, list[Constraint]] = {}
    for con in cons:
        for rv, _, _ in con.members:
            touching.setdefault(rv, []).append(con)
    open_set = set(open_rows)
    seen: set[RowVar] = set()
    for start in open_rows:
        if start in seen:
            continue
        comp: list[RowVar] = []
        stack = [start]
        seen.add(start)
        while stack:
            rv = stack.pop()
            comp.append(rv)
            for con in touching.get(rv, []):
                for other, _, _ in con.members:
                    if other in open_set and other not in seen:
                        seen.add(other)
                        stack.append(other)
        size = 1
        for rv in comp:
            size *= len(rv.candidates)
        if size > MAX_SEARCH:
            continue
        comp_cons = {id(c): c for rv in comp for c in touching.get(rv, [])}.values()
        base = {m[0]: m[0].candidates[0] for c in comp_cons for m in c.members if len(m[0].candidates) == 1}
        solutions: list[tuple[Placement, ...]] = []
        for combo in product(*(rv.candidates for rv in comp)):
            choice = dict(base)
            choice.update(zip(comp, combo, strict=True))
            if all(c.check(choice) for c in comp_cons if all(m[0] in choice for m in c.members)):
                solutions.append(combo)
        if not solutions:
            continue
        for i, rv in enumerate(comp):
            rv.candidates = sorted({s[i] for s in solutions})
        prefs = {rv: _preference(rv, rows_of.get(id(rv.table), [])) for rv in comp}
        best = max(solutions, key=lambda s: sum(prefs[rv](p) for rv, p in zip(comp, s, strict=True)))
        for rv, p in zip(comp, best, strict=True):
            chosen[rv] = p
    return chosen


def _preference(rv: RowVar, rows: list[RowVar]) -> Callable[[Placement], int]:
    """Prior for an open row: the column set most used by decided rows of its table, then leftmost."""
    decided = [r for r in rows if len(r.candidates) == 1 and len(r.numbers) == len(rv.numbers) and r.numbers]
    used = Counter(frozenset(r.candidates[0]) for r in decided)

    def score(p: Placement) -> int:
        return used[frozenset(p)] * 1000 - sum(p)

    return score


def _apply(rv: RowVar, chosen: Placement | None, rows: list[RowVar], placed: PlacedTables) -> None:
    table = rv.table
    doubtful: list[int] = []  # numbers whose column the surviving placements disagree on
    if len(rv.candidates) == 1:
        placement = rv.candidates[0]
    else:
        if chosen is None or chosen not in rv.candidates:
            chosen = max(rv.candidates, key=_preference(rv, rows))
        placement = chosen
        doubtful = uncertain_numbers(rv.candidates)
        if rv.issues or len(doubtful) == len(rv.numbers):
            rv.issues.append(_ambiguous_reason(rv, placement))
            doubtful = []
    _move(rv, placement)
    for i in doubtful:  # the row's other numbers sit in the same column under every placement: certain
        cell = (rv.row, rv.spec.amount_cols[placement[i]])
        placed.cell_issues.setdefault(table.seq, {})[cell] = _cell_reason(rv, i, placement)
    if rv.issues:
        placed.row_issues.setdefault(table.seq, {})[rv.row] = joined(rv.issues)
        if set(rv.issues) <= set(rv.source):
            placed.source_rows.setdefault(table.seq, set()).add(rv.row)


def _describe(rv: RowVar, p: Placement) -> str:
    return "，".join(f"{rv.spec.amount_name(j)}={c.text}" for c, j in zip(rv.cells, p, strict=True))


def _sibling(rv: RowVar) -> Reason:
    if rv.siblings:
        return reason("columns.sibling_undecided", tables="、".join(rv.siblings))
    return reason("columns.no_sibling")


def _ambiguous_reason(rv: RowVar, kept: Placement) -> Reason:
    others = [p for p in rv.candidates if p != kept]
    shown = " | ".join(_describe(rv, p) for p in others[:3])
    always = set.intersection(*(set(p) for p in rv.candidates))
    cols = sorted({j for p in rv.candidates for j in p} - always)
    names = "、".join(rv.spec.amount_name(j) for j in cols)
    varying = len(rv.numbers) - len(always)
    return reason(
        AMBIGUOUS_ROW,
        row=rv.label,
        varying=varying,
        numbers=len(rv.numbers),
        placements=len(rv.candidates),
        columns=names,
        sibling=_sibling(rv),
        kept=_describe(rv, kept),
        others=shown,
        more=reason("columns.more", count=len(others) - 3) if len(others) > 3 else "",
    )


def uncertain_numbers(candidates: Sequence[Placement]) -> list[int]:
    """Indexes of the numbers that the placements put in different columns (the rest are certain)."""
    if not candidates:
        return []
    return [i for i in range(len(candidates[0])) if len({p[i] for p in candidates}) > 1]


def _cell_reason(rv: RowVar, i: int, kept: Placement) -> Reason:
    cols = sorted({p[i] for p in rv.candidates})
    names = "、".join(rv.spec.amount_name(j) for j in cols)
    others = "、".join(rv.spec.amount_name(j) for j in cols if j != kept[i])
    certain = len(rv.numbers) - len(uncertain_numbers(rv.candidates))
    return reason(
        AMBIGUOUS_CELL,
        row=rv.label,
        value=rv.cells[i].text,
        count=len(cols),
        columns=names,
        placements=len(rv.candidates),
        certain=certain,
        numbers=len(rv.numbers),
        sibling=_sibling(rv),
        kept=rv.spec.amount_name(kept[i]),
        others=others,
    )


def _move(rv: RowVar, placement: Placement) -> None:
    table, spec = rv.table, rv.spec
    targets = [spec.amount_cols[j] for j in placement]
    moved = {id(c) for c in rv.cells}
    for c, col in zip(rv.cells, targets, strict=True):
        c.col = col
    taken = set(targets)
    # a text cell (e.g. 备注 printed after the numbers) must not sit under a number
    for c in table.cells:
        if c.row == rv.row and id(c) not in moved and c.col in taken:
            free = [i for i in range(max(table.n_cols, len(spec.names))) if i not in taken and i > max(taken)]
            c.col = free[-1] if free else max(table.n_cols, len(spec.names))
