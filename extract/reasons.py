"""Why a record needs review, and what a check found: a code with parameters.

Every stage says *why* with a ``Reason`` — a stable code and its parameters — never with a
sentence. The sentence is made only when a reader looks at it, in the reader's language
(``Reason.render("zh")`` / ``render("en")``), from the one catalogue below, ``MESSAGES``. The
store keeps the code and the parameters (``Reason.to_json``), so a reason stored today reads in
Chinese or English tomorrow, and the catalogue can be corrected without touching the data.

Parameters are plain values (strings, numbers); amounts are passed already formatted as printed
(``"97.11"``), so a message quotes the figures the reviewer sees on the page.

Adding a reason: add its code to ``MESSAGES`` with both languages, in the section of its stage,
and make it with ``reason(code, **params)``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"

# code → {language: template}; templates use str.format with the reason's parameters
MESSAGES: dict[str, dict[str, str]] = {
    # ---- generic
    "unknown": {"zh": "{text}", "en": "{text}"},
    # ---- readers (extract/)
    # ---- classification and routing (classify/)
    # ---- real disclosures: born-digital PDFs, workbooks (issue 13)
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
        "en": "the text says the final figure is {said_en} the budget, but it cites budget {budget} and final {final}",
    },
    "narrative_change": {
        "zh": "说明文字称{figure}万元较上年{direction}{change}万元、{direction2}{rate}%，按所引数字应为{expected}%",
        "en": "the text says {figure} changed by {change} ({rate}%) on last year; its figures give {expected}%",
    },
    "toc_missing": {
        "zh": "目录列出“{title}”，文件中未找到该表",
        "en": "the table of contents lists '{title}', which is not in the document",
    },
    "required_missing": {
        "zh": "{kind}应公开“{name}”，文件中未找到该表，也未说明为空表",
        "en": "a {kind_en} must publish '{name}'; it is neither in the document nor stated as empty",
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
    # ---- review workbench (issue 16)
    # ---- scans (issue 17)
    "scan_header_repaired": {
        "zh": "表头第{row}行第{col}列识别为「{raw}」，与词表的「{label}」相差{distance}字，按「{label}」读",
        "en": "header cell (row {row}, column {col}) read as '{raw}', {distance} edit(s) from the label "
        "'{label}': read as '{label}'",
    },
    "scan_header_doubted": {
        "zh": "表头第{row}行第{col}列识别为「{raw}」（置信度{confidence}），不是已知的表头，其下各项需复核",
        "en": "header cell (row {row}, column {col}) read as '{raw}' (confidence {confidence}) is no known "
        "label: the items under it go to review",
    },
    "scan_header_short_doubted": {
        "zh": "表头第{row}行第{col}列识别为「{raw}」，与「{label}」仅差一字且不是已知表头，其下各项需复核",
        "en": "header cell (row {row}, column {col}) read as '{raw}', one character from the label '{label}' "
        "and no label itself: the items under it go to review",
    },
    "scan_enumerator_numeral": {
        "zh": "第{row}行第{col}列识别为「{raw}」，序号缺失，按本列序号补为「{numeral}、」",
        "en": "cell (row {row}, column {col}) read as '{raw}', its numeral lost: '{numeral}、' from its "
        "column's sequence",
    },
    "scan_amount_restricted": {
        "zh": "第{row}行第{col}列识别为「{raw}」，按金额字符重读为「{text}」",
        "en": "cell (row {row}, column {col}) read as '{raw}', read again as an amount: '{text}'",
    },
    "scan_amount_doubted": {
        "zh": "第{row}行第{col}列金额「{text}」中的「{char}」识别置信度仅{confidence}，需复核",
        "en": "amount '{text}' (row {row}, column {col}): its character '{char}' was read with "
        "confidence {confidence}; to be checked",
    },
    # ---- review service and store (issue 18)
}


@dataclass(frozen=True)
class Reason:
    """A code from ``MESSAGES`` and its parameters (kept as sorted pairs: hashable, comparable)."""

    code: str
    params: tuple[tuple[str, Any], ...] = ()

    @property
    def args(self) -> dict[str, Any]:
        return dict(self.params)

    def render(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The reason as a sentence in ``lang`` ('zh' or 'en'); a code missing from the catalogue
        reads as its code and parameters, so nothing stored is ever lost from view."""
        templates = MESSAGES.get(self.code)
        if templates is None:
            shown = ", ".join(f"{k}={v}" for k, v in self.params)
            return f"{self.code}({shown})" if shown else self.code
        template = templates.get(lang) or templates[DEFAULT_LANGUAGE]
        try:
            return template.format(**self.args)
        except (KeyError, IndexError, ValueError):
            return f"{template} {self.args}"

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "params": self.args}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Reason:
        return reason(str(data.get("code", "unknown")), **dict(data.get("params") or {}))

    def __str__(self) -> str:
        return self.render("en")


def reason(code: str, **params: Any) -> Reason:
    """A ``Reason`` with ``code`` and keyword parameters."""
    return Reason(code, tuple(sorted(params.items())))


def dumps(reasons: list[Reason]) -> str:
    """Reasons as stored: a JSON list of {code, params} ('' when there are none)."""
    return json.dumps([r.to_json() for r in reasons], ensure_ascii=False) if reasons else ""


def loads(text: str | None) -> list[Reason]:
    """Stored reasons back; text that is not such a list (an older store) reads as one
    ``unknown`` reason holding the text, so nothing stored is lost."""
    if not text:
        return []
    try:
        data = json.loads(text)
    except ValueError:
        return [reason("unknown", text=text)]
    if not isinstance(data, list) or not all(isinstance(d, dict) for d in data):
        return [reason("unknown", text=text)]
    return [Reason.from_json(d) for d in data]
