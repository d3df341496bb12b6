"""Place the numbers of collapsed rows into their columns, by arithmetic.

A collapsed table (``Table.layout == 'collapsed'``, see ``extract.collapsed``)
holds each row's numbers packed left after the label columns, in printed
order: ``2080107 社会保险业务管理事务 26.52 5.52 21`` does not say which of
人员经费支出 / 公用经费支出 / 专项业务经费支出 hold 5.52 and 21. This module
decides, using only sums that must hold, in this order of evidence:

1. row sums: 合计 = Σ parts (nested: 基本支出/小计 = 人员经费 + 公用经费; 其中… ≤ its
   parent). Every order-preserving placement of the row's numbers is
   enumerated and the ones that add up exactly (``Decimal``, to the fen) kept.
2. parent = Σ children per column (208 = Σ 208xx, 20801 = Σ 20801xx, 301 = Σ 301xx).
3. column totals: the 合计 row = Σ top-level rows, per column.
4. sibling tables: the same code in the basic-expenditure table (人员 / 公用
   must be equal; only ≥ if equality is impossible) and the 合计 rows of the
   function and economic tables of the same scope.

The constraints are solved together: each constraint prunes candidate
placements that no combination of the other rows' candidates supports
(a subset-sum dynamic programme per constraint, repeated to a fixpoint),
then small connected sets of still-open rows are searched exhaustively.

Nothing printed is changed: cells are only moved. A constraint that the
source itself breaks (children that do not add up to their parent) is not
used and is reported as a row issue. A row whose placement stays
open keeps the most likely placement (the one most used by decided rows of
the table, then the leftmost) and gets a row issue naming the alternatives.
``place_columns`` returns new tables (the reader's are not changed), their
layout ``'grid'``, with the row and cell issues of the placement beside them.
"""

from __future__ import annotations

from classify.columns.siblings import find_siblings, name_key, named_items, table_role
from classify.columns.solver import OPEN_PLACEMENT, PlacedTables, place_columns, uncertain_numbers
from classify.columns.spec import TableSpec, placements, table_spec

__all__ = [
    "OPEN_PLACEMENT",
    "PlacedTables",
    "TableSpec",
    "find_siblings",
    "name_key",
    "named_items",
    "place_columns",
    "placements",
    "table_role",
    "table_spec",
    "uncertain_numbers",
]
