"""The type of a table: the trained model's answer, the rules' without one.

``classify_table`` returns one of the slugs of ``extract.taxonomy.TABLE_TYPES`` and a
calibrated probability in 0..1 from the trained model (``classify.models``); when no model
is installed the rules of ``classify.table_rules`` answer.
"""

from __future__ import annotations

from classify.models import predict_table_type
from classify.table_rules import TITLE_CONFIDENCE, names_other_table, rule_classify_table, title_rules
from extract.model import Table
from extract.taxonomy import CONTENT_TYPES

# below this probability the model is unsure; a title that names a type outright then decides
# (a real table laid out unlike any the model learned from: 政府采购预算明细表 with income-source
# columns, 项目支出总表 with a project list)
MODEL_UNSURE = 0.5


def classify_table(table: Table) -> tuple[str, float]:
    """The table's type slug and its calibrated probability (0..1).

    The trained model of ``models/table_type.joblib`` decides (``classify.models``), unless it is
    unsure (below ``MODEL_UNSURE``) and the title names a type outright (the title rule's answer and
    confidence), or the title names a table outside the taxonomy (``names_other_table``); when no model is installed the rules answer (``classify.table_rules.rule_classify_table``).
    """
    if table.content in CONTENT_TYPES:  # the reader saw prose or a list of bodies, not a money table
        return CONTENT_TYPES[table.content], TITLE_CONFIDENCE
    if names_other_table(table.title):  # a 机关运行经费 table: no type of the taxonomy, whatever its codes
        return "other", TITLE_CONFIDENCE
    predicted = predict_table_type(table)
    if predicted is None:
        return rule_classify_table(table)
    if predicted[1] < MODEL_UNSURE:
        by_title = title_rules(table.title)
        if by_title is not None and by_title[1] >= TITLE_CONFIDENCE and by_title[0] != "other":
            return by_title
    return predicted
