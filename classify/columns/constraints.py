"""Sums that tie rows together (parent = Σ children, 合计 = Σ top-level rows) and the pruning of
candidate placements no combination of the other rows supports (a subset-sum dynamic programme)."""

from __future__ import annotations

from dataclasses import dataclass

from classify.columns.rows import RowVar
from classify.columns.spec import ZERO, IVec, Placement, TableSpec, Vec
from extract.reasons import Reason, reason
from extract.relations import code_parents, standard_code_lengths

MAX_STATES = 50000  # per constraint; beyond this the constraint is skipped


@dataclass(eq=False)
class Constraint:
    """Σ sign·proj(vector) = 0 over the members (``mode='eq'``), or a ≥ b for a pair (``'ge'``)."""

    members: list[tuple[RowVar, int, tuple[int, ...]]]  # (row, sign, amount indexes projected)
    what: Reason  # the sum it stands for, as a reason (a parameter of the placement's doubts)
    mode: str = "eq"
    active: bool = True

    _sig: tuple[int, ...] = ()

    def proj(self, i: int, p: Placement) -> Vec:
        rv, sign, idx = self.members[i]
        v = rv.vec(p)
        return tuple(v[j] * sign for j in idx)

    def iproj(self, i: int, p: Placement) -> IVec:
        """``proj`` in integer millionths (exact for amounts printed with up to 6 decimals): fast sums."""
        rv, sign, idx = self.members[i]
        v = rv.ivec(p)
        return tuple(v[j] * sign for j in idx)

    def check(self, choice: dict[RowVar, Placement]) -> bool:
        vecs = [self.iproj(i, choice[m[0]]) for i, m in enumerate(self.members)]
        if self.mode == "ge":
            return all(a >= -b for a, b in zip(vecs[0], vecs[1], strict=True))
        return all(sum(col, ZERO) == 0 for col in zip(*vecs, strict=True))


def supported(con: Constraint) -> list[set[IVec]] | None:
    """Per member, the projected vectors some choice of the others completes; None if too big."""
    opts = [{con.iproj(i, p) for p in m[0].candidates} for i, m in enumerate(con.members)]
    if con.mode == "ge":
        a, b = opts
        sa = {x for x in a if any(all(p >= -q for p, q in zip(x, y, strict=True)) for y in b)}
        sb = {y for y in b if any(all(p >= -q for p, q in zip(x, y, strict=True)) for x in a)}
        return [sa, sb]
    dim = len(next(iter(opts[0]))) if opts and opts[0] else 0
    # columns where no member can hold anything are left out of the sums
    live = [j for j in range(dim) if any(v[j] for o in opts for v in o)]
    small = [{tuple(v[j] for j in live) for v in o} for o in opts]
    zero = (0,) * len(live)
    if any(not o for o in small):
        return [set() for _ in opts]
    # per column, the least and most the members before / after a point can still add: a partial sum
    # that the rest cannot bring back to zero is dropped (keeps a parent with many children small)
    lows = [tuple(min(col) for col in zip(*o, strict=True)) for o in small]
    highs = [tuple(max(col) for col in zip(*o, strict=True)) for o in small]
    after_lo, after_hi = _running(lows[::-1], zero)[::-1], _running(highs[::-1], zero)[::-1]
    before_lo, before_hi = _running(lows, zero), _running(highs, zero)
    fwd: list[set[IVec]] = [{zero}]
    for i, o in enumerate(small):
        lo, hi = after_lo[i + 1], after_hi[i + 1]
        nxt = {s for f in fwd[-1] for v in o if _reachable(s := _add(f, v), lo, hi)}
        if len(nxt) > MAX_STATES:
            return None
        fwd.append(nxt)
    if zero not in fwd[-1]:
        return [set() for _ in opts]
    bwd: list[set[IVec]] = [set() for _ in range(len(small) + 1)]
    bwd[-1] = {zero}
    for i in range(len(small) - 1, -1, -1):
        lo, hi = before_lo[i], before_hi[i]
        nxt = {s for b in bwd[i + 1] for v in small[i] if _reachable(s := _add(b, v), lo, hi)}
        if len(nxt) > MAX_STATES:
            return None
        bwd[i] = nxt
    out: list[set[IVec]] = []
    for i, o in enumerate(opts):
        after = bwd[i + 1]
        keep = set()
        for v in o:
            sv = tuple(v[j] for j in live)
            if any(_neg(_add(f, sv)) in after for f in fwd[i]):
                keep.add(v)
        out.append(keep)
    return out


def _running(vecs: list[IVec], zero: IVec) -> list[IVec]:
    """Prefix sums of ``vecs``: ``out[i]`` = Σ vecs[:i] (``len(vecs) + 1`` entries)."""
    out = [zero]
    for v in vecs:
        out.append(_add(out[-1], v))
    return out


def _reachable(s: IVec, lo: IVec, hi: IVec) -> bool:
    """Can a partial sum ``s`` still end at zero when the rest adds between ``lo`` and ``hi``?"""
    return all(a + low <= 0 <= a + high for a, low, high in zip(s, lo, hi, strict=True))


def _add(a: IVec, b: IVec) -> IVec:
    return tuple(x + y for x, y in zip(a, b, strict=True))


def _neg(a: IVec) -> IVec:
    return tuple(-x for x in a)


def prune(con: Constraint) -> bool | None:
    """Drop unsupported candidates; True if any dropped, None if the constraint cannot hold."""
    sup = supported(con)
    if sup is None:
        return False
    if any(not s for s in sup):
        return None
    changed = False
    for i, (rv, _, _) in enumerate(con.members):
        keep = [p for p in rv.candidates if con.iproj(i, p) in sup[i]]
        if len(keep) < len(rv.candidates):
            rv.candidates = keep
            changed = True
    return changed


def hierarchy(rows: list[RowVar], spec: TableSpec) -> tuple[list[Constraint], list[Reason]]:
    """Parent = Σ children and 合计 = Σ top-level rows, per amount column."""
    notes: list[Reason] = []
    n = len(spec.amount_cols)
    everything = tuple(range(n))
    codes = [r.code for r in rows]
    std = standard_code_lengths(codes)
    coded = [r for r in rows if r.code]
    for r in coded:
        if len(r.code) not in std:
            r.issues.append(
                reason(
                    "columns.code_length",
                    row=r.label,
                    code=r.code,
                    digits=len(r.code),
                    lengths="/".join(map(str, sorted(std))),
                )
            )
    by_code: dict[str, list[RowVar]] = {}
    for r in coded:
        if len(r.code) in std:
            by_code.setdefault(r.code, []).append(r)
    children: dict[str, list[RowVar]] = {}
    top: list[RowVar] = []
    for r, parent in zip(rows, code_parents(codes), strict=True):
        if not r.code or len(r.code) not in std:
            continue
        if parent is None:
            top.append(r)
        else:
            children.setdefault(parent, []).append(r)
    cons: list[Constraint] = []
    for code, kids in children.items():
        parents = by_code[code]
        if len(parents) != 1:
            notes.append(reason("columns.code_repeated", code=code, rows=len(parents)))
            continue
        members = [(parents[0], -1, everything)] + [(k, 1, everything) for k in kids]
        cons.append(Constraint(members, reason("columns.what_children", code=code)))
    totals = [r for r in rows if r.is_total]
    if len(totals) == 1 and top:
        members = [(totals[0], -1, everything)] + [(t, 1, everything) for t in top]
        cons.append(Constraint(members, reason("columns.what_column_totals")))
    return cons, notes
