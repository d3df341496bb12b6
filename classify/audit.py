"""The audit checks over one extraction: completeness, consistency and the narrative.

Document-level findings an auditor reads (issue 15), beside the tables' own arithmetic
(``classify.checks``): ``classify.completeness`` (目录 and the required tables),
``classify.consistency`` (name, year, placeholders) and ``classify.narrative`` (the figures the
text quotes against the tables) and ``classify.cross_checks`` (the same money across tables and text). They inform; they never change a record's routing.
"""

from __future__ import annotations

from classify.completeness import check_completeness
from classify.consistency import check_consistency
from classify.cross_checks import check_cross_tables
from classify.findings import Finding
from classify.model import Extraction
from classify.narrative import check_narrative

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def audit(extraction: Extraction) -> list[Finding]:
    """Every audit finding of the extraction, errors first."""
    found = (
        check_completeness(extraction)
        + check_consistency(extraction)
        + check_narrative(extraction)
        + check_cross_tables(extraction)
    )
    return sorted(found, key=lambda f: SEVERITY_ORDER.get(f.severity, 3))
