"""Small print settled by its table's sums (issue 17): a ruled table read at the recogniser's
limit (``extract.smallprint``: ``scan_print_unsure`` / ``scan_print_too_small``) has its amount
cells read several ways — the crop as it is, enlarged, enlarged and sharpened — and the readings
disagree where the print is too small (826,000.00 / 526,000.00, 8,000.00 / 82,000.00). The
table's arithmetic chooses (``settle``):

* the relations are those of ``extract.relations``: each row's sums from the header's column
  paths (``header_tree`` / ``row_sums``), and each column's from the rows' codes (parent =
  Σ children, ``code_parents``) and the total row (合计 = Σ the rows without a parent);
* each amount cell takes, among its readings, the one that makes the most relations hold (the
  crop's own reading when none does better); a relation holds only with a total not zero;
* a cell none of whose readings makes any relation hold, and whose value two relations or more
  give alike from cells read (the row's sum and the column's), takes that value, doubted
  (``scan_amount_by_sums``): never accepted on the sums alone;
* a cell read, but in no relation that holds (a cell read alike in another it must equal counts),
  or in one that fails, is doubted (``scan_amount_unconfirmed``).

When some relation holds, the table's amounts are no longer unread as a whole: its warning
becomes ``SETTLED`` (``scan_small_print_settled``, no ``TABLE_UNREAD`` code) and each amount
confirmed by a sum may be accepted where its header and name were read with confidence (headers
are trusted only as labels of the vocabulary, as for ``extract.smallprint.REREAD``); the rest
carry their doubt to review. When nothing holds the table keeps its warning: pending whole.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import product

from extract.amountread import amount_columns, amount_text
from extract.model import Table
from extract.numbers import decimals_of, parse_amount
from extract.reasons import Reason, reason
from extract.relations import ZERO, code_parents, header_tree, row_sums
from extract.smallprint import SETTLED
from extract.vocabulary import is_total_row_name

# the first reading's verdicts a table's sums may settle (print at, or below, the recogniser's limit)
SMALL_PRINT_UNREAD = frozenset({"scan_print_unsure", "scan_print_too_small"})

Key = tuple[int, int]  # (row, col) of a cell
Relation = tuple[Key, tuple[Key, ...]]  # total = Σ parts


@dataclass(frozen=True)
class Settlement:
    """What ``settle`` did: amounts ``chosen`` from another reading, ``derived`` from the sums,
    ``confirmed`` by a sum, out of ``cells`` amount cells; ``holds``: relations that hold."""

    chosen: int
    derived: int
    confirmed: int
    cells: int
    holds: int


def readings_of(text: str, alternatives: Sequence[tuple[str, float]], decimals: int | None) -> list[Decimal]:
    """The distinct amounts a cell's readings give, its own (``text``) first: each alternative
    taken as its reading restricted to an amount's characters (``amount``) when it carries one,
    else as read; readings that are no amount left out."""
    out: list[Decimal] = []
    texts = [text] + [
        (amount_text(r.amount, decimals) if getattr(r, "amount", None) is not None else None) or r[0]
        for r in alternatives
    ]
    for t in texts:
        v = parse_amount(t) if t else None
        if v is not None and v not in out and (decimals is None or decimals_of(t) == decimals):
            out.append(v)
    return out


def relations(table: Table, columns: Sequence[int]) -> list[Relation]:
    """The sums ``table``'s amounts must satisfy over its amount ``columns``: each body row's
    (``extract.relations.row_sums`` of the header's column paths) and each column's (parent row =
    Σ child rows by their codes; the total row = Σ the rows without a parent)."""
    paths = table.column_paths()
    body = range(table.header_rows, table.n_rows)
    out: list[Relation] = []
    for total, parts in row_sums(header_tree([paths[c] for c in columns])):
        for r in body:
            out.append(((r, columns[total]), tuple((r, columns[p]) for p in parts)))
    codes: list[str] = []
    total_rows: list[int] = []
    for r in body:
        texts = [(table.cell(r, c).text.strip() if table.cell(r, c) else "") for c in range(table.n_cols)]
        words = [t for k, t in enumerate(texts) if k not in columns and t]
        codes.append(next((t for t in words if t.isdigit()), ""))
        if any(is_total_row_name(t) for t in words):
            total_rows.append(r)
    parents = code_parents(codes)
    rows = list(body)
    by_code = {code: rows[k] for k, code in enumerate(codes) if code}
    children: dict[int, list[int]] = {}
    for k, parent in enumerate(parents):
        if parent is not None:
            children.setdefault(by_code[parent], []).append(rows[k])
    tops = [rows[k] for k, code in enumerate(codes) if code and parents[k] is None]
    groups = list(children.items()) + ([(total_rows[0], tops)] if len(total_rows) == 1 and tops else [])
    for parent_row, kids in groups:
        for c in columns:
            out.append(((parent_row, c), tuple((k, c) for k in kids)))
    return out


def _classes(keys: Sequence[Key], rels: Sequence[Relation]) -> dict[Key, Key]:
    """Cells that must print the same amount (a total of one part: a unit and its one sub-unit, a
    group and its 小计 of one column) joined: each cell → its class's first cell."""
    parent = {k: k for k in keys}

    def find(k: Key) -> Key:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for total, parts in rels:
        if len(parts) == 1:
            a, b = sorted((find(total), find(parts[0])))
            parent[b] = a
    return {k: find(k) for k in keys}


def _holds(rel: Relation, value: dict[Key, Decimal]) -> bool:
    total, parts = rel
    return value[total] != ZERO and value[total] == sum((value[p] for p in parts), ZERO)


def _adds_up(rel: Relation, value: dict[Key, Decimal]) -> bool:
    """Does ``rel`` not contradict the values (total = Σ parts, zeros alike)?"""
    total, parts = rel
    return value[total] == sum((value[p] for p in parts), ZERO)


def _implied(rel: Relation, key: Key, value: dict[Key, Decimal]) -> Decimal:
    """The value class ``key`` must have for ``rel`` (over classes) to hold, the others as they are."""
    total, parts = rel
    rest = sum((value[p] for p in parts if p != key), ZERO)
    return rest if key == total else value[total] - rest


def settle(
    table: Table,
    alternatives: dict[Key, Sequence[tuple[str, float]]],
    columns: dict[int, int | None],
    max_passes: int = 4,
    max_options: int = 4,
) -> Settlement:
    """``table``'s amount cells (in ``columns``: amount column → its decimals) settled in place by
    its sums, as the module says; ``alternatives``: each cell's other readings. Cells that must
    print the same amount (``_classes``) are settled as one: their readings pooled, the class's
    value the one most of them read where no sum tells otherwise."""
    cols = sorted(columns)
    read: dict[Key, list[Decimal]] = {}  # a printed cell's readings, its own first
    keys: list[Key] = []
    for r in range(table.header_rows, table.n_rows):
        for c in cols:
            cell = table.cell(r, c)
            text = cell.text.strip() if cell is not None else ""
            keys.append((r, c))
            if text:
                read[(r, c)] = readings_of(text, alternatives.get((r, c), ()), columns[c])
    rels = relations(table, cols)
    home = _classes(keys, rels)
    members: dict[Key, list[Key]] = {}
    for k in keys:
        members.setdefault(home[k], []).append(k)
    # a class printed nowhere is blank (0); one printed holds one of its members' readings
    votes: dict[Key, dict[Decimal, int]] = {}
    for h, ks in members.items():
        tally: dict[Decimal, int] = {}
        for k in ks:
            for v in read.get(k, []):
                tally[v] = tally.get(v, 0) + 1
        if any(k in read for k in ks):
            votes[h] = tally
    value = {h: (max(t, key=lambda v: t[v]) if t else ZERO) for h, t in votes.items()}
    for h in members:
        value.setdefault(h, ZERO)
    over: list[Relation] = []  # the relations of more than one part, over classes, each once
    for total, parts in rels:
        if len(parts) > 1:
            rel = (home[total], tuple(home[p] for p in parts))
            if rel not in over:
                over.append(rel)
    involving: dict[Key, list[Relation]] = {}
    for rel in over:
        for h in {rel[0], *rel[1]}:
            involving.setdefault(h, []).append(rel)
    derived: set[Key] = set()

    def score(hs: set[Key]) -> tuple[int, int]:
        """The relations about classes ``hs`` that hold, and how many cells read their values."""
        rels_of = {rel for h in hs for rel in involving.get(h, [])}
        return sum(1 for rel in rels_of if _holds(rel, value)), sum(votes[h].get(value[h], 0) for h in hs)

    for _ in range(max_passes):
        moved = False
        # a relation's classes moved together: the readings that make it hold, and most others
        for rel in over:
            hs = sorted({h for h in (rel[0], *rel[1]) if h in votes and h not in derived})
            options = [sorted(votes[h], key=lambda v, h=h: -votes[h][v])[:max_options] for h in hs]
            start = [value[h] for h in hs]
            best, top = start, score(set(hs))
            for combo in product(*options):
                for h, v in zip(hs, combo, strict=True):
                    value[h] = v
                if (got := score(set(hs))) > top:
                    best, top = list(combo), got
            for h, v in zip(hs, best, strict=True):
                value[h] = v
            moved |= best != start
        for h in votes:
            mine = involving.get(h, [])
            if h in derived or not mine or any(_holds(rel, value) for rel in mine):
                continue
            given = [_implied(rel, h, value) for rel in mine]
            agreed = {v for v in given if given.count(v) >= 2 and v != ZERO}
            if len(agreed) == 1:
                value[h] = agreed.pop()
                derived.add(h)
                moved = True
        if not moved:
            break
    holding = sum(1 for rel in over if _holds(rel, value))
    if not holding:  # nothing adds up: the table stays as read (and unread as a whole)
        return Settlement(0, 0, 0, len(read), 0)
    summed = {h for rel in over if _holds(rel, value) for h in (rel[0], *rel[1])}
    # … and none confirmed that a sum still contradicts
    summed -= {h for rel in over if not _adds_up(rel, value) for h in (rel[0], *rel[1])}
    chosen = confirmed = 0
    for k, options in read.items():
        cell, h, v = table.cell(*k), home[k], value[home[k]]
        if cell is None:
            continue
        text = _printed(v, columns[k[1]])
        agreeing = sum(1 for o in members[h] if v in read.get(o, []))
        if h in derived or v not in options:
            cell.doubt = reason("scan_amount_by_sums", row=k[0], col=k[1], raw=cell.text, text=text)
            cell.text = text
            continue
        if options[0] != v:
            table.warnings.append(
                reason("scan_amount_chosen_by_sums", row=k[0], col=k[1], raw=cell.text, text=text)
            )
            cell.text = text
            chosen += 1
        if h in summed or agreeing >= 2 and not any(not _adds_up(rel, value) for rel in involving.get(h, [])):
            cell.doubt = None
            confirmed += 1
        elif cell.doubt is None:
            cell.doubt = reason("scan_amount_unconfirmed", row=k[0], col=k[1], text=cell.text)
    doubted = sum(1 for k in read if home[k] in derived or value[home[k]] not in read[k])
    return Settlement(chosen, doubted, confirmed, len(read), holding)


def _printed(v: Decimal, decimals: int | None) -> str:
    """An amount as a table prints it: thousands separated, ``decimals`` places."""
    places = decimals if decimals is not None else max(0, -v.as_tuple().exponent)  # type: ignore[operator]
    return f"{v:,.{places}f}"


def settled_note(unread: Reason, settlement: Settlement) -> Reason:
    """The note on a small-print table its sums settle, after its first reading's ``unread``."""
    return reason(
        SETTLED,
        height_pt=unread.args.get("height_pt"),
        confirmed=settlement.confirmed,
        cells=settlement.cells,
        derived=settlement.derived,
    )


def settle_small_print(
    table: Table, alternatives: dict[Key, Sequence[tuple[str, float]]], unread: Reason
) -> Reason:
    """``table`` (read at the recogniser's limit: ``unread``, its first reading's verdict) settled
    by its sums (``settle``, over its amount columns, ``extract.amountread.amount_columns``); the
    warning it keeps: ``SETTLED`` when some sum holds, else ``unread`` (pending whole)."""
    columns = amount_columns(table, {})
    if not columns:
        return unread
    # a column whose small print left too few amounts well formed, but most printed cells of which
    # have an amount among their readings, is an amount column too (of the others' decimals)
    decimals = Counter(columns.values()).most_common(1)[0][0]
    for c in range(table.n_cols):
        cells = [table.cell(r, c) for r in range(table.header_rows, table.n_rows)]
        printed = [x for x in cells if x is not None and x.text.strip()]
        read = [x for x in printed if readings_of(x.text, alternatives.get((x.row, x.col), ()), decimals)]
        if c not in columns and printed and 2 * len(read) > len(printed):
            columns[c] = decimals
    settlement = settle(table, alternatives, columns)
    return settled_note(unread, settlement) if settlement.holds else unread
