"""The words of performance-target tables (issue 14): what an indicator's value looks like, the
labels of a project's fields, the template's slots, the combined indicator headers, operators and
their columns, unit columns and the level labels a scan's garbled reading is named by.

One home for each, as ``extract.vocabulary`` is for the words of every table (totals, headers,
item names, enumerators); readers and classify/ import these and keep no list of their own.
"""

from __future__ import annotations

import re

from extract.numbers import normalize
from extract.taxonomy import LEVEL1, LEVEL2
from extract.vocabulary import LEVEL2_SHORT_NAMES, compact, edit_distance

# ---------------------------------------------------------------- performance-target tables (issue 14)
# What an indicator's value looks like (≥95%, 100%, 4次, 长期, 2026.01-2026.12, 有效减轻, 优): the
# readers split a row's name from its value with it, classify weighs shifted cells with it.

_VALUE_PATTERNS = [
    re.compile(r"^[≥≤≧≦<>＜＞=≈约不低高少多于大小超过至]*\s*[\d.,]+\s*%"),
    re.compile(r"^[≥≤≧≦<>＜＞=≈约不低高少多于大小超过至]*\s*[\d.,]+\s*[^\d\s]{0,6}$"),
    re.compile(r"^\d{4}[.\-/年]\d{1,2}"),
    re.compile(
        r"[\d.]+\s*(?:万?元|人次?|次|个|家|项|份|条|批次?|天|日|月|年|小时|户|台|套|场|期|篇|件|所|%)"
    ),
]
_VALUE_WORDS = (
    "长期",
    "当年",
    "全年",
    "按月",
    "按时",
    "及时",
    "有效",
    "逐步",
    "逐年",
    "持续",
    "提高",
    "提升",
    "降低",
    "明显",
    "显著",
    "达标",
    "合格",
    "全覆盖",
    "全部",
    "全额",
    "正常",
    "稳定",
    "良好",
    "优",
    "是",
    "否",
    "无",
    "方便",
    "快捷",
    "完成",
)


def value_likeness(text: str) -> float:
    """How much ``text`` looks like an indicator value (≥95%, 100%, 4次, 长期, 2026.01-2026.12): 0..1."""
    s = normalize(text).strip()
    if not s:
        return 0.0
    for pat in _VALUE_PATTERNS[:3]:
        if pat.match(s):
            return 1.0
    if len(s) <= 12 and _VALUE_PATTERNS[3].search(s):
        return 0.9
    if len(s) <= 6 and any(w in s for w in _VALUE_WORDS):
        return 0.8
    if len(s) <= 12 and any(w in s for w in _VALUE_WORDS):
        return 0.5
    if _VALUE_PATTERNS[3].search(s):
        return 0.3
    return 0.0


# the labels of a performance table's project block, printed above its indicators (项目名称 …)
PROJECT_FIELDS: dict[str, tuple[str, ...]] = {
    "project": ("项目名称", "专项(项目)名称", "专项名称", "项目名", "单位(项目)名称"),
    "department": ("主管部门", "主管部门及代码", "主管单位", "部门名称", "部门(单位)名称"),
    "unit": ("实施单位", "单位名称", "预算单位"),
    "amount": (
        "资金金额",
        "项目总额",
        "项目资金",
        "资金总额",
        "年度资金总额",
        "实施期资金总额",
        "中期资金总额",
        "预算金额",
        "项目金额",
    ),
    "target": (
        "年度目标",
        "年度总体目标",
        "总体目标",
        "绩效目标",
        "年度绩效目标",
        "项目年度目标",
        "整体绩效目标",
    ),
    "other": (
        "项目属性",
        "项目日期",
        "项目期",
        "其中",
        "其他资金",
        "财政拨款",
        "实施期目标",
        "中期目标",
        "项目负责人",
        "联系电话",
    ),
}


def project_field(label: str) -> str:
    """Which project field a label of the project block names ('project', 'amount', 'target' …),
    or '' when it names none: '专项（项目）名称' → 'project', '资金金额(万元)' → 'amount'."""
    s = compact(normalize(label)).rstrip(":：")
    for field, words in PROJECT_FIELDS.items():
        if any(s.startswith(w) for w in words):
            return field
    return ""


def starts_project_block(cells: list[str]) -> bool:
    """A row that opens a performance table's project block: 项目名称 beside the project's name
    (not a header row of column labels, 项目名称 | 项目总额 | …)."""
    texts = [c for c in cells if c.strip()]
    return len(texts) >= 2 and project_field(texts[0]) == "project" and not project_field(texts[1])


def is_field_label(text: str) -> bool:
    """Is ``text`` a project-block label and nothing more (项目名称, 资金金额(万元), 中期目标(2022年—2024年)),
    not a name that starts like one (项目资金投入数)?"""
    s = re.sub(r"[(（][^)）]*[)）]", "", compact(normalize(text))).rstrip(":：")
    return any(s == w for words in PROJECT_FIELDS.values() for w in words)


def is_project_field(label: str) -> bool:
    """Is ``label`` one of a performance table's project-block labels?"""
    return bool(project_field(label))


# a performance header printing the indicator in one column, its levels glued before its name
# (北京 预算13表 部门整体支出绩效目标表: 活动 | 绩效指标 | 指标性质 | 指标值 | 度量单位)
COMBINED_INDICATOR_HEADERS = ("绩效指标", "指标名称", "指标内容", "绩效指标名称")
INDICATOR_ACTIVITY_HEADERS = ("活动", "支出方向", "工作任务", "任务名称")


# a template's empty slot ('指标1:', '指标2：', '.....', '……', '/', '无内容') and the enumerator a
# template numbers its indicators with ('指标1：城乡居民参保率')
TEMPLATE_SLOT = re.compile(r"^(?:(?:指标|目标|任务)\s*\d*\s*[:：]?|[.．。·…⋯]+|[-—_]+|/|无内容)$")
SLOT_ENUMERATOR = re.compile(r"^\s*(?:指标|目标)\s*[0-9０-９]+\s*[:：]\s*")
# … and the next row's empty slot run onto the end of a name (a reader joining the lines of a
# borderless page: '指标1：开展临时救助次数指标2：')
SLOT_TRAILING = re.compile(r"\s*(?:指标|目标)\s*[0-9０-９]+\s*[:：]\s*$")


def is_template_slot(text: str) -> bool:
    """An empty template slot (whitespace aside): '指标1:', '指标2：', '.....', '……', ''."""
    s = compact(text)
    return not s or bool(TEMPLATE_SLOT.match(s))


def is_combined_indicator_header_row(cells: list[str]) -> bool:
    """A header row naming the indicator in one column (绩效指标) beside its value (指标值)."""
    texts = {compact(c) for c in cells}
    return "指标值" in texts and bool(texts & set(COMBINED_INDICATOR_HEADERS))


# the operator printed before an indicator's figure, in the figure's cell or in a column of its own
# (指标方向 | 指标性质: ≥ | 95 | %)
OPERATORS = ("≥", "≤", "＝", "=", "＜", "＞", "<", ">", "≧", "≦")
OPERATOR_HEADER_ENDS = ("指标方向", "指标性质", "运算符", "比较符", "指标值类型")  # 长沙: ＝ / ≥ / 定性
OPERATOR_HEADERS = ("方向", "性质", "符号")


# the words a 性质 (operator) column prints where the value has no operator
QUALITATIVE_WORDS = ("定性", "定量")


def is_qualitative(direction: str) -> bool:
    """Does an operator column's cell (compacted) say the value has no operator (定性, 定量, or
    another …性 word)?"""
    return direction in QUALITATIVE_WORDS or direction.endswith("性")


def is_operator(text: str) -> bool:
    """Is ``text`` (whitespace aside) one operator (≥, ≤, ＝ …)?"""
    return "".join(text.split()) in OPERATORS


def is_operator_header(label: str) -> bool:
    """Does the header label ``label`` (compacted) name a column of operators (指标方向, 绩效指标性质)?"""
    s = compact(normalize(label))
    return s.endswith(OPERATOR_HEADER_ENDS) or s in OPERATOR_HEADERS


def is_unit_header(label: str) -> bool:
    """Does the header label ``label`` (compacted) name a column of units (度量单位, 计量单位)?"""
    s = compact(normalize(label))
    return s.endswith(("度量单位", "计量单位")) or s in ("单位", "指标单位")


# the level labels of a performance table's indicators as printed (一级指标 and 二级指标 columns):
# a scanned label a character from one of these (and from no other) is a misreading of it
LEVEL_LABELS = tuple(dict.fromkeys((*LEVEL1, *LEVEL2, *LEVEL2_SHORT_NAMES)))


def nearest_level_label(text: str) -> tuple[str, int] | None:
    """The level label ``text`` (whitespace ignored) is a misreading of and the edits between them:
    (text, 0) for a label as printed; the only label one edit away for labels of four characters or
    more (数量指标 and 质量指标 are one apart: a reading one edit from both is neither); None
    otherwise (a digit, nothing near, two equally near)."""
    t = "".join(text.split())
    if not t or any(ch.isdigit() for ch in t):
        return None
    if t in LEVEL_LABELS:
        return t, 0
    near = [lb for lb in LEVEL_LABELS if len(lb) >= 4 and edit_distance(t, lb) == 1]
    return (near[0], 1) if len(near) == 1 else None


# a unit printed in a column of its own beside the figure (度量单位: %, 万元, 元/次, 人次, 平方米, 万亩 …)
INDICATOR_UNIT = re.compile(
    r"^(?:%|％|万?元(?:/\S{1,3})?|万?(?:人次|人|件|条|份|册|户|个|亩|平方米|公里|千米|立方米|吨)"
    r"|[次家项批天日月年台套场期篇所分种类集部亩周]|小时|分钟|[a-zA-Z]+(?:/[a-zA-Z]+)?)$"
)
