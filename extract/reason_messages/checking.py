"""Reason codes of classification, routing and the checks (classify/): records, placing by arithmetic,
consistency checks, repairs, real-disclosure rules, performance tables, audit findings."""

from __future__ import annotations

# code → {language: template}; templates use str.format with the reason's parameters
CHECKING: dict[str, dict[str, str]] = {
    # ---- classification and routing (classify/)
    # records (classify/records.py)
    "records.value_in_text_column": {
        "zh": "第{row}行：数值{value}位于“{column}”列，该列不是金额列",
        "en": "row {row}: value {value} in column {column}, which holds no amounts",
    },
    "records.value_in_unnamed_column": {
        "zh": "第{row}行：数值{value}位于第{column}列，该列无表头，不是金额列",
        "en": "row {row}: value {value} in column {column} (no header), which holds no amounts",
    },
    "records.amount_in_text": {
        "zh": "第{row}行：数值{value}印在“{column}”列的文字中，未能分入金额列",
        "en": "row {row}: value {value} printed inside the text of column {column}, not placed in an amount column",
    },
    "records.glued_amounts": {
        "zh": "第{row}行：单元格{value}像是两个金额{first}与{second}连在一起，读取存疑",
        "en": "row {row}: the cell {value} reads as two amounts run together, {first} and {second}",
    },
    "records.collapsed_unplaced": {
        "zh": "表格各列挤在一起，未能还原各数所在的列",
        "en": "collapsed table: column positions not recovered",
    },
    # routing (classify/analyze.py, classify/confidence.py)
    "routing.type_uncertain": {
        "zh": "表格类型“{name}”不确定（概率{p}）",
        "en": "table type {name} uncertain (p={p})",
    },
    "routing.checks_fail": {
        "zh": "{table}：{checked}项核对中有{failed}项不符，该表可能读错",
        "en": "{table}: {failed} of {checked} checks fail; the table may be misread",
    },
    "routing.low_confidence": {
        "zh": "置信度偏低（{confidence}）",
        "en": "low confidence {confidence}",
    },
    "routing.unverified": {
        "zh": "{table}第{row}行：没有可核对该金额的合计关系",
        "en": "{table} row {row}: no sum confirms this amount",
    },
    "routing.unverified_failing": {
        "zh": "{table}第{row}行：没有可核对该金额的合计关系，且该表有{failed}项核对不符",
        "en": "{table} row {row}: no sum confirms this amount, and {failed} check(s) fail in the table",
    },
    # placing the numbers of collapsed tables by arithmetic (classify/columns)
    "columns.code_length": {
        "zh": "来源数据不一致：第{row}行编码{code}为{digits}位，而本表编码为{lengths}位；不参与上下级求和",
        "en": "source inconsistency: row {row}: code {code} has {digits} digits where the table's codes have {lengths}; left out of parent/child sums",
    },
    "columns.code_repeated": {
        "zh": "编码{code}印在{rows}行上；其下级不求和",
        "en": "code {code} is printed on {rows} rows; its children are not summed",
    },
    "columns.what_children": {"zh": "{code}的下级合计", "en": "children of {code}"},
    "columns.what_column_totals": {
        "zh": "列合计（合计 = 各一级行之和）",
        "en": "column totals (合计 = Σ top-level rows)",
    },
    "columns.what_sibling": {
        "zh": "{a}与{b}第{row}行（{columns}）",
        "en": "{a} and {b} row {row} ({columns})",
    },
    "columns.only_ge": {
        "zh": "{what}：任何摆放都不能相等，只按“不小于”使用",
        "en": "{what}: not equal under any placement; used ≥ only",
    },
    "columns.no_placement_adds_up": {
        "zh": "各数无论怎样摆放都合计不上",
        "en": "no placement of the numbers makes them add up",
    },
    "columns.sum_mismatch": {
        "zh": "{column}：各行合计为{sum}，第{row}行印为{printed}",
        "en": "{column}: the rows add up to {sum}, row {row} prints {printed}",
    },
    "columns.source_inconsistency": {
        "zh": "来源数据不一致：{what}（{rows}行）：{detail}；不用于确定各数所在的列",
        "en": "source inconsistency in {what} ({rows} rows): {detail}; not used to place numbers",
    },
    "columns.source_conflict": {
        "zh": "来源数据矛盾：{what}在任何摆放下都不能相等",
        "en": "source conflict: {what} cannot be equal under any placement",
    },
    "columns.conflicting_evidence": {
        "zh": "依据相互矛盾：{what}与其他合计关系不能同时成立；不予使用",
        "en": "conflicting evidence: {what} cannot hold with the other sums; not used",
    },
    "columns.sibling_undecided": {
        "zh": "对应表{tables}也无法判定",
        "en": "sibling table {tables} does not decide",
    },
    "columns.no_sibling": {"zh": "没有可对照的表", "en": "no sibling table decides"},
    "columns.more": {"zh": "等，另有{count}种", "en": " and {count} more"},
    "columns.ambiguous_row": {
        "zh": "第{row}行：{numbers}个数中有{varying}个可按{placements}种方式放入{columns}列；"
        "行合计、上下级合计和列合计都无法判定，{sibling}；暂按{kept}；也可能是：{others}{more}",
        "en": "row {row}: {varying} of its {numbers} numbers fit {placements} placements in columns {columns}; "
        "row sums, parent/child sums and column totals do not decide, {sibling}; kept {kept}; also possible: {others}{more}",
    },
    "columns.ambiguous_cell": {
        "zh": "第{row}行：{value}在本行各数的{placements}种摆放下可落在{count}列（{columns}）；"
        "本行{numbers}个数中{certain}个确定；行合计、上下级合计和列合计都无法判定，{sibling}；暂放在{kept}；也可能是：{others}",
        "en": "row {row}: {value} fits {count} columns ({columns}) under the {placements} placements of the row's numbers; "
        "{certain} of its {numbers} numbers certain; row sums, parent/child sums and column totals do not decide, "
        "{sibling}; kept {kept}; also possible: {others}",
    },
    "columns.too_many_ways": {
        "zh": "第{row}行：{numbers}个数的摆放方式太多（{ways}种）；按印刷顺序保留",
        "en": "row {row}: too many ways ({ways}) to place {numbers} numbers; left in printed order",
    },
    "columns.too_many_numbers": {
        "zh": "第{row}行：有{count}个数（{numbers}），而只有{columns}个金额列",
        "en": "row {row}: {count} numbers ({numbers}) for {columns} amount columns",
    },
    "columns.no_fit": {
        "zh": "第{row}行：{numbers}无论怎样摆放都合计不上（合计不等于各分项之和）；按印刷顺序保留",
        "en": "row {row}: the numbers {numbers} do not add up under any placement (the total is not the sum of the parts); kept in printed order",
    },
    # consistency checks (classify/checks)
    "checks.row_sum": {
        "zh": "{table}第{row}行：{column}{total} ≠ {parts}（相差{diff}）",
        "en": "{table} row {row}: {column} {total} ≠ {parts} (off by {diff})",
    },
    "checks.part_exceeds": {
        "zh": "{table}第{row}行：{column}{value}超过其所属的金额（{whole}）",
        "en": "{table} row {row}: {column} {value} exceeds the amount it is part of ({whole})",
    },
    "checks.hierarchy": {
        "zh": "{table}第{code}行：{column}{value} ≠ 其{count}个下级科目{code}…之和（{sum}；相差{diff}）",
        "en": "{table} row {code}: {column} {value} ≠ Σ its {count} sub-rows {code}… ({sum}; off by {diff})",
    },
    "checks.hierarchy_stray": {
        "zh": "{table}第{code}行：{column}{value}在本表的编码层级中没有下级科目{code}…；其下各行（{rows}）编码有误",
        "en": "{table} row {code}: {column} {value} has no sub-rows {code}… of the table's code levels; the row(s) under it ({rows}) have malformed codes",
    },
    "checks.column_total": {
        "zh": "{table}“{column}”列：{name}{value} ≠ {count}个一级行之和（{sum}；相差{diff}）",
        "en": "{table} column {column}: {name} {value} ≠ Σ {count} top-level rows ({sum}; off by {diff})",
    },
    "checks.summary_side": {
        "zh": "{table}“{row}”行：金额{value}读在{side}栏“{column}”，但其名称在{other}栏“{name_column}”",
        "en": "{table} row {row}: amount {value} read in {side} column {column}, but its name is in {other} column {name_column}",
    },
    "checks.summary_item_side": {
        "zh": "{table}“{row}”行：{item}项目出现在{side}栏“{column}”",
        "en": "{table} row {row}: an {item} item in the {side} column {column}",
    },
    "checks.summary_items": {
        "zh": "{table}“{column}”列：{name}{value} ≠ 其各分项之和（{parts}）",
        "en": "{table} {column}: {name} {value} ≠ Σ its items ({parts})",
    },
    "checks.summary_total": {
        "zh": "{table}“{column}”列：{name}{value} ≠ 其上各项之和（{parts}）",
        "en": "{table} {column}: {name} {value} ≠ Σ the items above it ({parts})",
    },
    "checks.carry_over": {
        "zh": "{table}：{left} ≠ {right}；应有 年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余",
        "en": "{table}: {left} ≠ {right}; carry-over in + income = expenditure + carry-over out",
    },
    "checks.income_expense": {
        "zh": "{table}：收入{income}{income_value} ≠ 支出{expense}{expense_value}（{column}）；预算收入应等于支出",
        "en": "{table}: income {income} {income_value} ≠ expenditure {expense} {expense_value} ({column}); a budget's income equals its expenditure",
    },
    "checks.expense_columns": {
        "zh": "{table}：“{a_column}”列{name}{a_value} ≠ “{b_column}”列{b_value}",
        "en": "{table}: {a_column} {name} {a_value} ≠ {b_column} {b_value}",
    },
    "checks.cross_table": {
        "zh": "{what}：{a}为{a_value}，{b}为{b_value}，两者不等",
        "en": "{what}: {a} {a_value} ≠ {b} {b_value}",
    },
    "checks.what_total_column": {"zh": "合计行“{column}”列", "en": "合计 row, column {column}"},
    "checks.what_basic_total": {"zh": "基本支出合计", "en": "基本支出 total"},
    "checks.what_row_column": {"zh": "第{code}行{column}", "en": "row {code} {column}"},
    "checks.what_year_total": {"zh": "本年合计", "en": "本年合计 (the year's total)"},
    "checks.what_project_total": {"zh": "项目支出合计", "en": "项目支出 total"},
    "checks.units": {
        "zh": "{big}的金额是{small}的10000倍（{what}）：单位“{big_unit}”与“{small_unit}”可能读错",
        "en": "{big} amounts are 10000× {small}'s ({what}): unit '{big_unit}' vs '{small_unit}' misread?",
    },
    "checks.rounding": {
        "zh": "{a}“{name}”{a_value} ≠ {b}第{code}行{b_value}：尾数舍入差异",
        "en": "{a} {name} {a_value} ≠ {b} row {code} {b_value}: a difference of rounding",
    },
    "checks.dictionary_near": {
        "zh": "{table}第{code}行：名称“{name}”与科目字典的“{expected}”略有不同",
        "en": "{table} row {code}: name '{name}' differs slightly from the dictionary's '{expected}'",
    },
    "checks.dictionary_unknown": {
        "zh": "{table}第{code}行：编码{code}（{name}）不在科目字典中",
        "en": "{table} row {code}: code {code} ({name}) is not in the classification dictionary",
    },
    "checks.dictionary_mismatch": {
        "zh": "{table}第{code}行：名称“{name}”与编码{code}不符（字典中为“{expected}”）",
        "en": "{table} row {code}: name '{name}' does not fit code {code} ('{expected}' in the dictionary)",
    },
    "checks.header_performance": {
        "zh": "{table}：识别为“{name}”，但表头含有{words}（绩效目标表）；其数字不是收支明细；表头读错",
        "en": "{table}: typed {name} but its header holds {words} (a performance table); its numbers are not line items; the header was misread",
    },
    "checks.header_misread": {
        "zh": "{table}第{column}列：表头“{header}”{problem}；表头读错",
        "en": "{table} column {column}: header '{header}' {problem}; the header was misread",
    },
    "checks.header_missing": {
        "zh": "{table}第{column}列没有表头，但该列有金额；表头读错",
        "en": "{table} column {column} has no header but holds amounts; the header was misread",
    },
    "checks.header_lost_parent": {
        "zh": "{table}第{column}列：表头“{header}”缺少同级各列都有的上级标题",
        "en": "{table} column {column}: header '{header}' lacks the parent its sibling columns have",
    },
    "checks.total_in_other_group": {
        "zh": "{table}“{row}”行：{group}的合计读在“{column}”列",
        "en": "{table} row {row}: a total of {group} read in column {column}",
    },
    "checks.header_holds_amounts": {"zh": "含有金额", "en": "holds amounts"},
    "checks.header_none": {"zh": "没有表头", "en": "has no header"},
    "checks.header_run_together": {
        "zh": "把几个表头连在一起（{parts}）",
        "en": "runs headers together ({parts})",
    },
    "checks.header_broken": {"zh": "含有残缺的片段“{segment}”", "en": "has a broken segment '{segment}'"},
    "checks.header_project_under_basic": {
        "zh": "把项目支出放在基本支出之下",
        "en": "puts project spending under 基本支出",
    },
    "checks.header_nested_funds": {
        "zh": "把一种资金来源嵌在另一种之下",
        "en": "nests one fund source under another",
    },
    "checks.header_nested_spending": {
        "zh": "把一种支出栏嵌在另一种之下",
        "en": "nests one spending column under another",
    },
    "checks.header_label_under_amount": {
        "zh": "把名称列放在金额表头之下",
        "en": "puts a label column under an amount header",
    },
    "checks.header_mixed_sides": {
        "zh": "收入与支出表头混在一起",
        "en": "mixes income and expenditure headers",
    },
    "checks.row_numbers": {
        "zh": "{table}“{column}”列：{first}……是行次（连续编号），不是金额",
        "en": "{table} column {column}: {first} … count rows (a 行次 column), they are not amounts",
    },
    "checks.value_code_part": {
        "zh": "{table}第{row}行：“{value}”是编码的一部分，不是金额",
        "en": "{table} row {row}: '{value}' is a code part, not an amount",
    },
    "checks.value_code_is_amount": {
        "zh": "{table}第{row}行：其编码“{code}”是个金额：本行各单元格错位",
        "en": "{table} row {row}: its code '{code}' is an amount: the row's cells are shifted",
    },
    "checks.value_is_code": {
        "zh": "{table}第{row}行：“{value}”是科目编码（{name}），不是金额",
        "en": "{table} row {row}: '{value}' is a classification code ({name}), not an amount",
    },
    "checks.value_no_label": {
        "zh": "{table}第{row}行：该金额既无编码也无名称：本行的名称丢失了",
        "en": "{table} row {row}: the amount has neither a code nor a name: its row label was lost",
    },
    "checks.value_code_fragment": {
        "zh": "{table}第{row}行：编码“{code}”是分印在类/款/项各列的编码的片段",
        "en": "{table} row {row}: code '{code}' is a fragment of a code split over 类/款/项 columns",
    },
    "checks.value_name_is_number": {
        "zh": "{table}第{row}行：其名称“{name}”是个数字：本行各单元格错位",
        "en": "{table} row {row}: its name '{name}' is a number: the row's cells are shifted",
    },
    "checks.amount_text": {
        "zh": "{table}第{row}行：单元格“{text}”不是有效金额",
        "en": "{table} row {row}: cell '{text}' is not a valid amount",
    },
    # proposed repairs (classify/repairs.py, classify/findings.py)
    "repairs.proposed": {
        "zh": "建议修正{kind}：{old} → {new}（{evidence}）",
        "en": "proposed {kind} repair: {old} → {new} ({evidence})",
    },
    "repairs.applied": {
        "zh": "已修正{kind}：{old} → {new}（{evidence}）",
        "en": "applied {kind} repair: {old} → {new} ({evidence})",
    },
    "repairs.blank": {"zh": "（空）", "en": "(blank)"},
    "repairs.kind_amount": {"zh": "金额", "en": "amount"},
    "repairs.kind_code": {"zh": "编码", "en": "code"},
    "repairs.kind_name": {"zh": "名称", "en": "name"},
    "repairs.kind_missing": {"zh": "缺失金额", "en": "missing amount"},
    "repairs.kind_column": {"zh": "所在列", "en": "column"},
    "repairs.kind_other": {"zh": "内容", "en": "value"},
    "repairs.blank_part": {
        "zh": "第{part}个分项为空；合计减去其他分项即得",
        "en": "part {part} is blank; the total minus the other parts gives it",
    },
    "repairs.row_adds_up": {"zh": "使本行合计相符", "en": "makes the row add up"},
    "repairs.parts_sum": {"zh": "各分项之和", "en": "the parts' sum"},
    "repairs.separators_fixed": {"zh": "已纠正分隔符或OCR误识的字母", "en": "separators/OCR letters fixed"},
    "repairs.dictionary_name": {"zh": "科目字典中{code}的名称", "en": "dictionary name of {code}"},
    "repairs.name_of_code": {
        "zh": "“{name}”是科目字典中{code}的名称",
        "en": "'{name}' is the dictionary name of {code}",
    },
    "repairs.sibling_path": {"zh": "同级各列的表头层级", "en": "sibling columns' header path"},
    "repairs.name_side": {"zh": "其名称所在一侧的列", "en": "the column of its name's side"},
    # ---- real disclosures: born-digital PDFs, workbooks (issue 13)
    "checks.code_malformed": {
        "zh": "{table}第{code}行（{name}）：编码{code}不是科目编码的形式，{column}合计不含该行{value}时成立；编码印错",
        "en": "{table} row {code} ({name}): {code} has no classification code's shape, and the {column} total holds without the row's {value}: the code is misprinted",
    },
    "checks.dictionary_unknown_summed": {
        "zh": "{table}第{code}行：编码{code}（{name}）不在科目字典中，但其金额逐列计入上级科目，由合计关系核实",
        "en": "{table} row {code}: code {code} ({name}) is not in the classification dictionary; its amounts add up into its parent code, which verifies it",
    },
    "checks.dictionary_other_list_summed": {
        "zh": "{table}第{code}行：本表按自有科目表编码，“{name}”在科目字典中为{listed}而非{code}；其金额逐列计入上级科目，由合计关系核实",
        "en": "{table} row {code}: the table follows a code list of its own; the dictionary lists '{name}' as {listed}, not {code}; its amounts add up into its parent code, which verifies it",
    },
    # ---- performance-target tables (issue 14)
    "performance.level2_unknown": {"zh": "二级指标无法确定", "en": "level2 unknown"},
    "performance.level2_inferred": {
        "zh": "未印二级指标；据指标文字推断为“{level2}”（p={p}）",
        "en": "level2 not printed; inferred '{level2}' (p={p}) from the indicator's words",
    },
    "performance.level2_moved": {
        "zh": "二级指标印在本行之下；据指标文字归入“{level2}”",
        "en": "level2 label printed below this row; assigned '{level2}' from the indicator's words",
    },
    "performance.split_guess": {
        "zh": "指标名称与指标值未按列分开：从 {count} 个单元格中取“{value}”为指标值",
        "en": "indicator name and value not told apart by their columns: '{value}' taken as the value of {count} cells",
    },
    "performance.level_unprinted": {
        "zh": "指标“{name}”的级次合并单元格在本页未印出名称",
        "en": "the merged level cell of '{name}' prints no label on this page",
    },
    "performance.value_missing": {
        "zh": "未读到指标“{name}”的指标值",
        "en": "no value read for the indicator '{name}'",
    },
    "performance.name_like_value": {
        "zh": "指标名称“{name}”像是指标值",
        "en": "the indicator's name '{name}' looks like a value",
    },
    "performance.level2_centred": {
        "zh": "二级指标居中印于合并单元格，本行归属“{level2}”存疑（据指标文字推断为“{guess}”）",
        "en": "level2 labels are centred in their merged cells: this row's '{level2}' is in doubt (its words suggest '{guess}')",
    },
    "performance.operator_unread": {
        "zh": "指标方向列未读出或不可识别（“{direction}”），指标值“{value}”存疑",
        "en": "the operator column reads '{direction}': the value '{value}' is in doubt",
    },
    "performance.project_unread": {
        "zh": "本页项目列未读出；项目“{project}”沿用上一页",
        "en": "this page's project column was not read; project '{project}' carried from the page before",
    },
    "performance.project_missing": {
        "zh": "未读出指标所属的项目（项目名称）",
        "en": "the project the indicator belongs to (项目名称) was not read",
    },
    "performance.name_glued": {
        "zh": "指标名称“{name}”中夹有模板标签或指标层级“{label}”：单元格疑似粘连",
        "en": "the indicator's name '{name}' holds the label '{label}': cells run together",
    },
    "performance.value_glued": {
        "zh": "指标值“{value}”中夹有表头文字“{label}”：单元格疑似粘连",
        "en": "the value '{value}' holds the header text '{label}': cells run together",
    },
    "performance.name_repeated": {
        "zh": "指标名称“{name}”前半重复：换行单元格疑似拼接两次",
        "en": "the indicator's name '{name}' repeats itself: a wrapped cell joined twice",
    },
    "performance.name_holds_value": {
        "zh": "指标名称“{name}”中夹有指标值：单元格疑似粘连",
        "en": "the indicator's name '{name}' holds a value: cells run together",
    },
    "performance.value_twice": {
        "zh": "指标值“{value}”含两个值：两行疑似并为一行",
        "en": "the value '{value}' holds two values: two rows run together",
    },
    "performance.name_is_field": {
        "zh": "指标名称“{name}”是项目信息栏目：项目表头被读作指标",
        "en": "the indicator's name '{name}' is a project field: the project block read as an indicator",
    },
    # ---- audit findings: completeness, narrative, cross-table (issue 15)
    "narrative_mismatch": {
        "zh": "说明文字称{concept}{text_value}{unit}，{table}为{table_value}{unit}（相差{diff}{unit}）",
        "en": "the text says {concept} {text_value} {unit}; {table} says {table_value} {unit} (off by {diff})",
    },
    "sum_rounding": {
        "zh": "{relation}：仅差{diff}元，为尾数舍入",
        "en": "{relation}: off by {diff} yuan only, a difference of rounding",
    },
    "narrative_rounding": {
        "zh": "说明文字称{concept}{text_value}{unit}，{table}为{table_value}{unit}（仅差{diff}，尾数舍入）",
        "en": "the text says {concept} {text_value} {unit}; {table} says {table_value} {unit} (rounding, {diff})",
    },
    "narrative_unit": {
        "zh": "说明文字写{concept}{text_value}{text_unit}，{table}为{table_value}{table_unit}：元与万元疑似混用",
        "en": "the text writes {concept} {text_value} {text_unit}; {table} says {table_value} {table_unit}: 元 and 万元 mixed up",
    },
    "narrative_blank_table": {
        "zh": "{table}为空表（无数字），但说明文字称{concept}{text_value}{unit}",
        "en": "{table} is blank, yet the text quotes {concept} {text_value} {unit}",
    },
    "narrative_rate": {
        "zh": "说明文字称完成年初预算的{rate}%，按其所引年初预算{budget}万元、决算{final}万元应为{expected}%",
        "en": "the text says {rate}% of the budget; its figures (budget {budget}, final {final}) give {expected}%",
    },
    "narrative_comparison": {
        "zh": "说明文字称“决算数{said}预算数”，但所引年初预算{budget}万元、决算{final}万元",
        "en": "the text says 决算数{said}预算数 (the final figure against the budget), but it cites budget {budget} and final {final}",
    },
    "narrative_change": {
        "zh": "说明文字称{figure}万元较上年{direction}{change}万元、{direction2}{rate}%，按所引数字应为{expected}%",
        "en": "the text says {figure} changed on last year by {direction} {change} ({direction2} {rate}%); its figures give {expected}%",
    },
    "toc_missing": {
        "zh": "目录列出“{title}”，文件中未找到该表",
        "en": "the table of contents lists '{title}', which is not in the document",
    },
    "required_missing": {
        "zh": "{kind}应公开“{name}”，文件中未找到该表，也未说明为空表",
        "en": "a {kind} must publish '{name}'; it is neither in the document nor stated as empty",
    },
    "audit.kind_budget": {"zh": "预算", "en": "budget"},
    "audit.kind_final_account": {"zh": "决算", "en": "final account"},
    "audit.kind_other": {"zh": "公开文件", "en": "disclosure"},
    "required_unjudged": {
        "zh": "文件未称其为部门或单位预算、决算，所列{tables}张表中应公开的表不足两张，未按应公开的表核对",
        "en": "the document does not call itself a body's budget or final account and prints fewer than two "
        "of the required tables (of its {tables}); the required tables are not checked",
    },
    "completeness_unjudged": {
        "zh": "多数表格（共{tables}张）未能读出标题，未检查表格是否齐全",
        "en": "most of the {tables} tables were read without a title; completeness not judged",
    },
    "name_mismatch": {
        "zh": "“{found}”与单位名称“{name}”不一致（第{page}页：{text}）",
        "en": "'{found}' differs from the body's name '{name}' (page {page}: {text})",
    },
    "year_mismatch": {
        "zh": "第{page}页“{text}”的年度{found}与文件年度{year}不一致",
        "en": "page {page}: '{text}' says {found}, the document's year is {year}",
    },
    "placeholder": {
        "zh": "模板占位符未替换：“{found}”（第{page}页：{text}）",
        "en": "template placeholder left in: '{found}' (page {page}: {text})",
    },
    # cross-table checks (classify/cross_checks.py): what, the total and where, the parts and where
    "function_class_mismatch": {
        "zh": "{what}为{total_value}{unit}，{parts_place}{parts}为{parts_value}{unit}（相差{diff}{unit}）",
        "en": "{what} is {total_value} {unit}; {parts} of {parts_place} is {parts_value} (off by {diff})",
    },
    "summary_line_mismatch": {
        "zh": "{what}为{total_value}{unit}，{parts_place}{parts}为{parts_value}{unit}（相差{diff}{unit}）",
        "en": "{what} is {total_value} {unit}; {parts} of {parts_place} is {parts_value} (off by {diff})",
    },
    "three_public_sum": {
        "zh": "{what}为{total_value}{unit}，而{parts}合计{parts_value}{unit}（相差{diff}{unit}）",
        "en": "{what} is {total_value} {unit}, but {parts} add up to {parts_value} (off by {diff})",
    },
    "three_public_text": {
        "zh": "说明文字称{what}{total_value}{unit}，{parts_place}为{parts_value}{unit}（相差{diff}{unit}）",
        "en": "the text says {what} {total_value} {unit}; {parts_place} says {parts_value} (off by {diff})",
    },
    "three_public_economic": {
        "zh": "{total_place}{what}为{total_value}{unit}，{parts_place}{parts}为{parts_value}{unit}（相差{diff}{unit}）",
        "en": "{total_place}: {what} is {total_value} {unit}; {parts} in {parts_place} is {parts_value} (off by {diff})",
    },
    "basic_sum": {
        "zh": "{total_place}{what}为{total_value}{unit}，{parts_place}{parts}合计{parts_value}{unit}（相差{diff}{unit}）",
        "en": "{total_place}: {what} is {total_value} {unit}; {parts} in {parts_place} add up to {parts_value} (off by {diff})",
    },
    "operating_expense": {
        "zh": "说明文字称{what}{total_value}{unit}，{parts_place}{parts}为{parts_value}{unit}（相差{diff}{unit}）",
        "en": "the text says {what} {total_value} {unit}; {parts} in {parts_place} is {parts_value} (off by {diff})",
    },
    "project_list_sum": {
        "zh": "{total_place}{what}为{total_value}{unit}，{parts_place}所列{parts}合计{parts_value}{unit}（相差{diff}{unit}）",
        "en": "{total_place}: {what} is {total_value} {unit}; the {parts} of {parts_place} add up to {parts_value} (off by {diff})",
    },
    "cross_rounding": {
        "zh": "{what}：{total_place}为{total_value}{unit}，{parts_place}{parts}合计{parts_value}{unit}（仅差{diff}，尾数舍入）",
        "en": "{what}: {total_place} says {total_value} {unit}; {parts} in {parts_place} add up to {parts_value} (rounding, {diff})",
    },
}
