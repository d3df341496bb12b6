"""Every rule over the whole extraction."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache

from classify.checks.code_names import check_dictionary
from classify.checks.cross_table import check_cross_table, check_summary_rounding
from classify.checks.dash_names import check_dash_names
from classify.checks.headers import check_header
from classify.checks.summary import check_income_expense, check_summary_items
from classify.checks.sums import check_column_total, check_hierarchy, check_row_sum
from classify.checks.values import check_values, unparsed_amounts
from classify.checks.views import Context, build_views
from classify.dictionary import CodeDictionary
from classify.findings import CheckResult, Finding
from classify.model import Extraction


@cache
def default_dictionary() -> CodeDictionary:
    return CodeDictionary.from_files()


RULES: dict[str, Callable[[Context], list[Finding]]] = {
    "row_sum": check_row_sum,
    "hierarchy": check_hierarchy,
    "column_total": check_column_total,
    "summary_items": check_summary_items,
    "income_expense": check_income_expense,
    "cross_table": check_cross_table,
    "dictionary": check_dictionary,
    "dash_names": check_dash_names,
    "header": check_header,
    "values": check_values,
    "rounding": check_summary_rounding,
}


def run_checks(
    extraction: Extraction, dictionary: CodeDictionary | None = None, rules: Iterable[str] | None = None
) -> CheckResult:
    """Every rule over the whole extraction (units are checked inside the cross-table rule)."""
    ctx = Context(extraction, build_views(extraction), dictionary or default_dictionary(), CheckResult())
    for name in rules or RULES:
        ctx.result.findings.extend(RULES[name](ctx))
    ctx.result.findings.extend(unparsed_amounts(ctx))
    return ctx.result
