"""The table context: a document's unit, style and atoms; starting and finishing a gold table; code hierarchies and their sums."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from extract.relations import code_parents, header_tree, row_sums
from samples.synth.departments import Dept
from samples.synth.gold import GoldTable, SumRelation
from samples.synth.money import Atom
from samples.synth.text import amount_text, column_names, header_grid


@dataclass
class Ctx:
    rng: random.Random
    county: str
    dept: Dept
    dept_short: str
    full_name: str
    dept_code: str
    year: int
    kind: str
    unit: str
    style: str  # number style
    zero: str  # how a zero prints in summary tables
    atoms: list[Atom]
    units: list[tuple[str, str, str]]
    prefix: str  # title prefix, e.g. '2026年部门综合预算'
    word: str  # '预算数' | '决算数'

    @property
    def gpb(self) -> list[Atom]:
        return [a for a in self.atoms if a.fund == "gpb"]

    def amt(self, fen: int, zero: str = "") -> str:
        return amount_text(fen, self.unit, self.style) if fen else zero


def new_table(ctx: Ctx, title: str, ttype: str, spec, n_cols: int, **kw) -> GoldTable:
    header, spans = header_grid(spec, n_cols) if spec else ([], [])
    t = GoldTable(
        seq=0,
        label="",
        title=title,
        table_type=ttype,
        unit=ctx.unit,
        header=header,
        body=[],
        spans=spans,
        **kw,
    )
    return t


def finish_table(t: GoldTable) -> GoldTable:
    n = t.n_cols
    for rows in (t.header, t.body):
        for r in rows:
            while len(r) < n:
                r.append("")
    if t.index_row:
        while len(t.index_row) < n:
            t.index_row.append("")
    t.columns = column_names(t.header, [s for s in t.spans if s[0] < len(t.header)], n)
    return t


def add_row_sums(t: GoldTable, rows: Iterable[int]) -> None:
    """The row relations of body rows ``rows``: the sums the table's header implies over its amount
    columns, derived by ``extract.relations`` (the one home of what a 合计 or 小计 covers, which the
    readers, the column placement and the checks use too), not listed by hand."""
    n = t.n_cols
    header = [r + [""] * (n - len(r)) for r in t.header]
    names = column_names(header, [s for s in t.spans if s[0] < len(t.header)], n)
    cols = sorted({a.col for a in t.amount_cols})
    paths = [tuple(p for p in names[c].split("/") if p) for c in cols]
    sums = row_sums(header_tree(paths))
    for r in rows:
        for total, parts in sums:
            t.relations.append(SumRelation("row", r, cols[total], [cols[x] for x in parts]))


def hierarchy(
    atoms: list[Atom], key: Callable[[Atom], str], cols: list[Callable[[Atom], bool]], levels: tuple[int, ...]
) -> list[tuple[int, str, list[int]]]:
    """(level, code, per-column fen) rows for codes cut at each length in ``levels``, parents first."""
    sums: dict[str, list[int]] = defaultdict(lambda: [0] * len(cols))
    for a in atoms:
        code = key(a)
        for cut in levels:
            row = sums[code[:cut]]
            for i, pred in enumerate(cols):
                if pred(a):
                    row[i] += a.fen
    out = []
    for code in sorted(sums):
        if any(sums[code]):
            out.append((levels.index(len(code)), code, sums[code]))
    return out


def add_hierarchy_relations(
    t: GoldTable,
    first_body_row: int,
    rows: list[tuple[int, str]],
    amount_cols: list[int],
    total_row: int | None,
) -> None:
    """Relations for a code hierarchy printed from body row ``first_body_row`` on: total row = Σ
    top-level rows and every parent = Σ its children, in each amount column — the parents from
    ``extract.relations.code_parents``, as the column placement and the checks take them."""
    codes = [code for _lvl, code in rows]
    parents = code_parents(codes)
    for col in amount_cols:
        if total_row is not None:
            tops = [first_body_row + i for i, p in enumerate(parents) if p is None]
            t.relations.append(SumRelation("col", col, total_row, tops))
        for i, code in enumerate(codes):
            kids = [first_body_row + j for j, p in enumerate(parents) if p == code]
            if kids:
                t.relations.append(SumRelation("col", col, first_body_row + i, kids))
