"""Synthetic budget disclosures (部门预算/决算公开) with gold labels.

``make_document(seed)`` builds one disclosure for a county department and year,
deterministically from the seed: metadata, the printed tables (title, unit,
header rows, body rows as strings), and the gold records a perfect reader would
produce from them (line items and indicators).

All amounts come from one set of *atoms* (unit × function code × economic code ×
category × fund source × amount in fen), so every table is an aggregation of
the same money: 合计 = Σ parts per row, 类 = Σ 款 = Σ 项 per column, the
economic and function tables agree on every column total, the basic-expenditure
tables equal the expense tables without the project column, the “三公” table
matches the economic rows it summarises, and the project list matches the
project column. ``GoldTable.relations`` lists every sum printed in a table.

Codes and names come from the code dictionary's files (``classify/data/function_codes.tsv``
and ``economic_codes.tsv``); older-year names are taken from their alias column. Table types
and indicator levels are those of ``extract.taxonomy``.

Modules, one concept each: ``codes`` (codes and their names by year), ``gold`` (the gold
model), ``text`` (numerals, amounts, header grids), ``departments`` (counties, departments,
projects), ``money`` (the atoms), ``context`` (the table context and code hierarchies),
``function_economic``, ``summaries``, ``other_tables`` and ``performance`` (the tables),
``document`` (table sets, 目录, preface, ``make_document``).
"""

from samples.synth.codes import Code, code_name, is_class_code, load_codes
from samples.synth.document import line_items_of, make_document, to_extract_table
from samples.synth.gold import (
    AmountColumn,
    GoldIndicator,
    GoldLineItem,
    GoldTable,
    SumRelation,
    SynthDoc,
)
from samples.synth.text import amount_text, cn_number, column_names, header_grid

__all__ = [
    "AmountColumn",
    "Code",
    "GoldIndicator",
    "GoldLineItem",
    "GoldTable",
    "SumRelation",
    "SynthDoc",
    "amount_text",
    "cn_number",
    "code_name",
    "column_names",
    "header_grid",
    "is_class_code",
    "line_items_of",
    "load_codes",
    "make_document",
    "to_extract_table",
]
