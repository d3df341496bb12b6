"""Indicator levels: canonical names, placeholders, and keyword rules for missing levels.

Pure functions on strings; ``classify.indicator_rows.indicators`` uses them to read
performance tables, and a trained row classifier can use them as features.

* ``canonical_level(text)`` recognises a printed level name (with or without the
  指标 suffix, with stray spaces) and returns ``(level1, level2)``.
* ``rule_infer_level2(level3, value, level1)``: keyword rules for the level2 a row does not
  print (``classify.indicator_level.infer_level2`` asks the trained row model first).
* ``is_placeholder`` / ``strip_enumerator`` / ``value_likeness`` classify cells.
"""

from __future__ import annotations

import difflib
import re

from extract.indicator_words import SLOT_ENUMERATOR, SLOT_TRAILING, is_template_slot, value_likeness
from extract.numbers import normalize
from extract.taxonomy import LEVEL1_OF, LEVEL2

__all__ = ["value_likeness"]  # re-exported: its home is extract.vocabulary

# Default level2 when only level1 is known and the indicator's words say nothing.
DEFAULT_LEVEL2: dict[str, str] = {
    "产出指标": "数量指标",
    "成本指标": "经济成本指标",
    "效益指标": "社会效益指标",
    "满意度指标": "服务对象满意度指标",
}

_STEMS: dict[str, str] = {
    "数量": "数量指标",
    "质量": "质量指标",
    "时效": "时效指标",
    "经济成本": "经济成本指标",
    "社会成本": "社会成本指标",
    "生态环境成本": "生态环境成本指标",
    "生态成本": "生态环境成本指标",
    "环境成本": "生态环境成本指标",
    "经济效益": "经济效益指标",
    "社会效益": "社会效益指标",
    "生态效益": "生态效益指标",
    "环境效益": "生态效益指标",
    "可持续影响": "可持续影响指标",
    "可持续": "可持续影响指标",
    "服务对象满意度": "服务对象满意度指标",
    "服务对象满意": "服务对象满意度指标",
}
_LEVEL1_STEMS = {"产出": "产出指标", "效益": "效益指标", "满意度": "满意度指标"}


def compact(text: str) -> str:
    """NFKC, all whitespace removed."""
    return "".join(normalize(text).split())


def canonical_level(text: str) -> tuple[str, str] | None:
    """``(level1, level2)`` for a printed level name, or None when ``text`` is not one.

    ``'经济成本'`` → ``('成本指标', '经济成本指标')``; ``'产出 指标'`` → ``('产出指标', '')``;
    ``'服务 对象 满意 度指 标'`` → ``('满意度指标', '服务对象满意度指标')``. ``'成本指标'`` is both a
    level1 and (under 产出指标) a level2 name: it comes back as ``('成本指标', '')`` and the
    caller decides from its position.
    """
    s = compact(text).rstrip(":：")
    if not s or len(s) > 12:
        return None
    if s in ("成本指标", "成本", "成本指"):
        return ("成本指标", "")
    # … or cut by a page end after its wrapped first line ('效益指' over a page's last row, its '标'
    # on the next page): the stem and 指 name the level as well
    stem = s[:-2] if s.endswith("指标") else (s[:-1] if s.endswith("指") else s)
    if s.endswith("指") and stem not in _STEMS and stem not in _LEVEL1_STEMS:
        return None
    if stem in _STEMS:
        level2 = _STEMS[stem]
        return LEVEL1_OF[level2], level2
    if stem in _LEVEL1_STEMS and (s.endswith(("指标", "指")) or stem != "满意度"):
        return _LEVEL1_STEMS[stem], ""
    if s == "满意度":
        return ("满意度指标", "")
    return None


def closest_level2(text: str) -> tuple[str, float]:
    """The level2 name a damaged level cell is closest to (``'经挤成本措标'`` → 经济成本指标) and how close
    (difflib ratio, 0..1); ``('', 0.0)`` for an empty cell. A feature for the trained row model."""
    s = compact(text).rstrip(":：")
    if not s:
        return "", 0.0
    best, score = "", 0.0
    for name in LEVEL2:
        for form in (name, name[:-2]):
            r = difflib.SequenceMatcher(None, s, form).ratio()
            if r > score:
                best, score = name, r
    return best, score


LEVEL_REMNANTS = ("标", "指标")  # a wrapped level label's last line, alone on the next page


def is_level_remnant(text: str) -> bool:
    """The rest of a level label cut by a page end ('效益指' | '标'): its last line alone in the
    level column of the next page's first row. Not a name, not a label."""
    return compact(text) in LEVEL_REMNANTS


def is_placeholder(text: str) -> bool:
    """An empty template slot: '指标1:', '指标2：', '.....', '……', '' ."""
    return is_template_slot(text)


def strip_enumerator(text: str) -> str:
    """'指标1：城乡居民参保率' → '城乡居民参保率' (whitespace-trimmed); an empty slot run onto the
    end of the name goes too ('开展临时救助次数指标2：' → '开展临时救助次数')."""
    name = SLOT_ENUMERATOR.sub("", text).strip()
    bare = SLOT_TRAILING.sub("", name).strip()
    return bare or name


def is_score(text: str) -> bool:
    """A plain number such as a 分值/权重 cell (5, 10, 20, 2.5)."""
    s = compact(text)
    return bool(re.fullmatch(r"\d{1,3}(?:\.\d+)?", s))


_TIME = (
    "时间",
    "时限",
    "及时",
    "月底",
    "年底",
    "按时",
    "时效",
    "期限",
    "进度",
    "周期",
    "当年",
    "按期",
    "限时",
    "办结时",
)
_TIME_VALUE = re.compile(
    r"^\d{4}[.\-/年]\d{1,2}|月底|年底|月前|日前|个?工作日|天内|小时|当年|全年|按月|年内|≤\d+(?:年|天|日|个月)"
)
_QUALITY = ("率", "覆盖", "合格", "达标", "准确", "质量", "规范", "完好", "正常运", "验收")
_COUNT = (
    "数量",
    "次数",
    "个数",
    "人数",
    "批次",
    "户数",
    "家数",
    "项数",
    "人次",
    "条数",
    "场次",
    "份数",
    "件数",
)
_COUNT_VALUE = re.compile(
    r"\d\s*(?:万)?(?:人次|人|次|个|家|项|批次?|户|条|份|场|期|篇|件|所|台|套|种)(?:以上)?$"
)
_COST = ("成本", "费用", "经费", "资金", "投入", "单价", "标准", "补助", "金额")
_UNIT_COST = re.compile(r"元\s*/|万?元$|元以[内下]")
_SOCIAL = ("知晓", "社会", "群众", "负担", "稳定", "水平", "服务能力", "保障", "就医", "权益", "和谐", "幸福")
_ECONOMIC = ("经济", "收入", "节约", "节省", "收益", "增收", "降低成本")
_ECOLOGY = ("生态", "环境", "节能", "绿色", "污染", "排放")
_SUSTAIN = ("可持续", "长期", "长效", "持续", "机制")


def rule_infer_level2(level3: str, value: str = "", level1: str = "") -> tuple[str, float]:
    """Level2 guessed by keyword rules (used when no trained model is installed).

    Keyword rules in order: 满意度 → 服务对象满意度指标; time words or date values →
    时效指标; per-unit prices or 成本/费用 with a yuan value → 经济成本指标; 长期/可持续 →
    可持续影响指标; 知晓/群众/负担… → 社会效益指标; 率/覆盖/合格 → 质量指标; counts →
    数量指标. ``level1``, when known, restricts the answer to its children (the default
    child when no rule agrees). Confidence ≤ 0.7: inferred levels always deserve review.
    """
    t = compact(level3)
    v = compact(value)
    guesses: list[tuple[str, float]] = []
    if "满意" in t or "满意" in v:
        guesses.append(("服务对象满意度指标", 0.7))
    if any(w in t for w in _TIME) or _TIME_VALUE.search(v):
        guesses.append(("时效指标", 0.6))
    if _UNIT_COST.search(v) and (any(w in t for w in _COST) or "/" in v or not t):
        guesses.append(("经济成本指标", 0.6))
    elif any(w in t for w in ("成本", "费用")) and "元" in v:
        guesses.append(("经济成本指标", 0.55))
    if any(w in t for w in _ECOLOGY):
        guesses.append(("生态效益指标", 0.5))
    if any(w in t for w in _ECONOMIC):
        guesses.append(("经济效益指标", 0.5))
    if any(w in v for w in ("长期", "长效", "持续")) or any(w in t for w in _SUSTAIN):
        guesses.append(("可持续影响指标", 0.55))
    if any(w in t for w in _SOCIAL) and not any(w in t for w in _COUNT):
        guesses.append(("社会效益指标", 0.5))
    if any(w in t for w in _QUALITY) or (v.endswith("%") and "率" in t):
        guesses.append(("质量指标", 0.6))
    if any(w in t for w in _COUNT) or _COUNT_VALUE.search(v):
        guesses.append(("数量指标", 0.6))
    if level1:
        allowed = [g for g in guesses if LEVEL1_OF.get(g[0]) == level1]
        if level1 == "产出指标" and not allowed and any(g[0] == "经济成本指标" for g in guesses):
            allowed = [("成本指标", 0.5)]
        if allowed:
            return allowed[0]
        if level1 in DEFAULT_LEVEL2:
            return DEFAULT_LEVEL2[level1], 0.9 if level1 == "满意度指标" else 0.3
    if guesses:
        return guesses[0]
    return "", 0.0


def level1_for(level2: str, current_level1: str = "") -> str:
    """Level1 that a level2 belongs to; a level2 '成本指标' printed under 产出指标 stays there."""
    if level2 == "成本指标" and current_level1 == "产出指标":
        return "产出指标"
    return LEVEL1_OF.get(level2, current_level1)


# ---------------------------------------------------------------- performance-target tables (issue 14)

_FULL_LEVELS = sorted({*LEVEL2, "产出指标", "效益指标", "满意度指标", "成本指标"}, key=len, reverse=True)


def peel_levels(text: str) -> tuple[list[tuple[str, str]], str]:
    """Level names glued before an indicator's name, as ``canonical_level`` labels, and the name:
    ``'产出指标数量指标对外宣传推广工作'`` → ``([('产出指标', ''), ('产出指标', '数量指标')], '对外宣传推广工作')``.
    Only names printed in full (with 指标), at most two, and only when a name follows."""
    s = text.strip()
    labels: list[tuple[str, str]] = []
    while len(labels) < 2:
        word = next((w for w in _FULL_LEVELS if s.startswith(w) and len(s) > len(w)), None)
        if word is None:
            break
        label = canonical_level(word)
        if label is None:
            break
        labels.append(label)
        s = s[len(word) :].lstrip()
    return labels, s


_GLUED_ENUMERATOR = re.compile(r"(?:指标|目标)\s*[0-9０-９]+\s*[:：]|(?<=.)[0-9０-９]{1,2}\s*[、.．](?=\D)")


def glued_label(name: str) -> str:
    """A template label (指标3：) or a full level name (服务对象满意度指标) inside an indicator's name
    (its leading enumerator already stripped): cells of a row run together; '' when none."""
    s = compact(name)
    m = _GLUED_ENUMERATOR.search(s)
    if m:
        return m.group(0)
    if canonical_level(s):
        return ""  # the name is a level name (服务对象满意度指标), not glued to one
    return next((w for w in _FULL_LEVELS if w in s and s != w), "")


def repeated_head(name: str) -> bool:
    """Does the name start with the same words twice (对生态环境造成的负面影响对生态环境造成的负面影响情况)?"""
    return bool(re.match(r"^(.{4,})\1", compact(name)))


_OPERATOR = re.compile(r"[≥≤＝=<>＜＞]")
_VALUE_IN_NAME = re.compile(r"[≥≤＝＜＞<>]|\d{4}\.\d{2}-\d{4}")
_TRAILING_VALUE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|[个次份家项人户]|万?元)$|\d{4}年\d{1,2}月")
_FIGURE_UNIT = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|万?元|个|次|份|家|项|人|户|批|场|篇|部|所)")


def holds_value(name: str, value: str) -> bool:
    """Does an indicator's name carry a value glued to it: an operator or a date range in it
    (项目总成本≤47.89万元, 完成时间2026.01-2026.12), or a figure at its end while the value read
    is a bare score (政策落实到位率100% | 8)? Names that state a figure (不低于0.5元, 参保率达98%以上)
    beside a value of their own are no such case."""
    s = compact(normalize(name))
    return bool(_VALUE_IN_NAME.search(s)) or (bool(_TRAILING_VALUE.search(s)) and is_score(value))


def two_values(value: str) -> bool:
    """Does a short value hold two values (≥90%≥85%, ≤30.84万元200元/次): two rows read as one?
    (A sentence stating several figures is one value.)"""
    s = compact(normalize(value))
    if len(re.findall(r"[\u4e00-\u9fff]", s)) > 4:
        return False
    return len(_OPERATOR.findall(s)) >= 2 or len(_FIGURE_UNIT.findall(s)) >= 2
