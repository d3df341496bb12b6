"""The same disclosure twice: documents that are one disclosure printed in several shapes.

A county's disclosure may reach the store as a text export, a PDF and a scan of it; summing by
department and year would count it once per shape. Two documents are the same disclosure when
their body (department) and year agree (a document that printed none, such as a scan without a
legible heading, agrees with any), their kind agrees (budget 预算 or final accounts 决算, from the
table titles: the store keeps no other kind) and their tables' totals agree: at least two of the
per-table totals (the largest amount a money table holds, to the fen) are shared (the one total of a
document holding one table), and at least half of the smaller document's. ``link_disclosures`` writes the group's id to
``documents.disclosure_id``: the id of the group's earliest document, so a disclosure keeps its id
as shapes of it are added.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from review.store import transaction

MIN_SHARED_TOTALS = 2


@dataclass(frozen=True)
class Shape:
    id: str
    department: str
    year: int | None
    kind: str
    totals: frozenset[int]  # per-table totals in fen
    created_at: float


def _shapes(conn: sqlite3.Connection) -> list[Shape]:
    docs = conn.execute(
        "SELECT id, department, year, created_at FROM documents WHERE status = 'done' AND superseded_by = '' "
        "ORDER BY coalesce(created_at, 0), id"
    ).fetchall()
    out = []
    for d in docs:
        totals = frozenset(
            r[0]
            for r in conn.execute(
                """SELECT max(abs(amount_fen)) FROM line_items WHERE document_id = ? AND status != 'rejected'
                   GROUP BY table_id HAVING max(abs(amount_fen)) > 0""",
                (d["id"],),
            )
        )
        titles = " ".join(
            r[0] or "" for r in conn.execute("SELECT title FROM tables WHERE document_id = ?", (d["id"],))
        )
        kind = "final" if "决算" in titles else "budget"
        out.append(Shape(d["id"], d["department"] or "", d["year"], kind, totals, d["created_at"] or 0.0))
    return out


def same_disclosure(a: Shape, b: Shape) -> bool:
    """Whether two documents are one disclosure (see the module docstring)."""
    if a.department and b.department and a.department != b.department:
        return False
    if a.year is not None and b.year is not None and a.year != b.year:
        return False
    if a.kind != b.kind:
        return False
    shared = len(a.totals & b.totals)
    smaller = min(len(a.totals), len(b.totals))
    return shared >= min(MIN_SHARED_TOTALS, smaller) and shared > 0 and 2 * shared >= smaller


def link_disclosures(conn: sqlite3.Connection) -> dict[str, str]:
    """Group the store's current documents into disclosures; write and return document → disclosure id."""
    shapes = _shapes(conn)
    parent = {s.id: s.id for s in shapes}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, a in enumerate(shapes):
        for b in shapes[i + 1 :]:
            if same_disclosure(a, b):
                ra, rb = root(a.id), root(b.id)
                if ra != rb:  # the earlier document (shapes are in creation order) names the group
                    first, second = sorted((ra, rb), key=[s.id for s in shapes].index)
                    parent[second] = first
    links = {s.id: root(s.id) for s in shapes}
    with transaction(conn):
        for doc, dis in links.items():
            conn.execute(
                "UPDATE documents SET disclosure_id = ? WHERE id = ? AND disclosure_id != ?", (dis, doc, dis)
            )
    return links


def disclosure_of(conn: sqlite3.Connection, document_id: str) -> list[sqlite3.Row]:
    """The other documents of a document's disclosure (department, year, format, source_file)."""
    return conn.execute(
        """SELECT id, department, year, format, source_file FROM documents
           WHERE disclosure_id != '' AND id != ? AND disclosure_id = (SELECT disclosure_id FROM documents WHERE id = ?)
           ORDER BY id""",
        (document_id, document_id),
    ).fetchall()
