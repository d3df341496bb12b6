"""Consistency checks: budget tables check themselves.

Every rule is a small function ``check_<name>(ctx) -> list[Finding]`` that also marks the
cells a holding relation ties together as *verified* (``ctx.verified``). A ``Finding`` has the
rule's name, a message in English, the cells it rests on (``evidence``), the cells it
contradicts (``blame``: records there must not be accepted without review), a severity
(``error`` contradicts, ``warning`` only lowers confidence) and proposed repairs (never applied).

Rules (``RULES``):

* ``row_sum``        合计 = Σ parts in a row (nested: 基本支出 = 人员 + 公用; 三公 小计 = parts;
                     其中 ≤ its parent), from the column structure of ``classify.columns.table_spec``
* ``hierarchy``      a code = Σ its children per column (类 208 = Σ 208xx, 款 20801 = Σ 20801xx,
                     301 = Σ 301xx, unit 308 = Σ 308xxx); rows under a code that are not its
                     children (a malformed code) are flagged
* ``column_total``   the 合计 row = Σ top-level rows, per column
* ``summary_items``  two-sided summary tables: 本年收入合计 = Σ 一、… items, an item = Σ its 1、 / (1)
                     sub-items; an income item never sits in an expenditure column
* ``income_expense`` 本年收入合计 = 本年支出合计 (and 收入总计 = 支出总计) in a summary table
* ``cross_table``    function and economic tables agree on their 合计 rows; a basic-expenditure
                     table equals the expense table's 人员/公用 parts code by code; the summary
                     tables' totals equal the detail tables'; the project list adds up to the
                     project column
* ``dictionary``     a code is in the code ↔ name dictionary and its printed name fits it
* ``units``          a cross-table total that is off by exactly ×10000 (元 vs 万元)
* ``header``         a column name that holds amounts, or that lost the parent its siblings have
"""

from __future__ import annotations

from classify.checks.cross_table import part_key
from classify.checks.headers import MISREAD_HEADER, header_problem
from classify.checks.run import RULES, default_dictionary, run_checks
from classify.checks.views import MONEY_DETAIL, TWO_SIDED, Context, Entry, TableView, build_views, table_name

__all__ = [
    "MISREAD_HEADER",
    "MONEY_DETAIL",
    "RULES",
    "TWO_SIDED",
    "Context",
    "Entry",
    "TableView",
    "build_views",
    "default_dictionary",
    "header_problem",
    "part_key",
    "run_checks",
    "table_name",
]
