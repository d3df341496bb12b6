"""Table types by rules: the answer without a trained model, and the model's rule features.

``rule_classify_table`` is the rule-based answer: the title first, then header cells and the
first column's codes. ``title_rules`` and ``content_evidence`` are exposed so that a trained
classifier can use their outputs as features (``rule_features``); ``classify.table_type`` asks
the trained model and falls back to these rules.

Title rules are tried from the most specific to the least: performance tables before
anything else (their titles mention 专项业务经费 and 部门整体), 三公 before 一般公共预算,
基本支出 before 支出明细, 财政拨款收支总表 before 收支总表.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from extract.codes import code_kind
from extract.model import Table
from extract.numbers import bare, normalize
from extract.vocabulary import INDICATOR_LABELS, INDICATOR_VALUE_HEADERS

TITLE_CONFIDENCE = 0.95
WEAK_TITLE_CONFIDENCE = 0.75
CONTENT_CONFIDENCE = 0.6
WEAK_CONTENT_CONFIDENCE = 0.4
NO_EVIDENCE_CONFIDENCE = 0.2

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_ENUMERATOR = re.compile(r"^(?:[#]+|表\s*\d+|附表\s*\d+|[(（]?[一二三四五六七八九十\d]+[)）、.．]\s*)+")
_YEAR = re.compile(r"^(?:\d{4}|20XX|20xx)年(?:度)?")
_NOT_CARRYOVER = re.compile(r"[(（\-—]?不含上年结转[)）]?|[(（]?含上年结转[)）]?")


def normalize_title(title: str) -> str:
    """Title without bookmarks, whitespace, enumerators, leading year, 不含上年结转 notes."""
    s = _BOOKMARK.sub("", normalize(title))
    s = "".join(s.split())
    for _ in range(3):
        before = s
        s = _ENUMERATOR.sub("", s)
        s = _YEAR.sub("", s)
        if s == before:
            break
    s = _NOT_CARRYOVER.sub("", s)
    return s.replace("“", "").replace("”", "").replace('"', "")


def _has(*words: str) -> Callable[[str], bool]:
    return lambda t: all(w in t for w in words)


def _any(*words: str) -> Callable[[str], bool]:
    return lambda t: any(w in t for w in words)


def _performance(t: str) -> str | None:
    # 绩效目标表 / 绩效指标表, and real 项目支出绩效表 / 重点项目预算绩效情况
    if "绩效" not in t or not any(w in t for w in ("目标", "指标", "绩效表", "绩效情况")):
        return None
    if "专项资金" in t:
        return "special_fund_performance"
    if any(w in t for w in ("整体支出", "部门整体", "单位整体", "整体绩效")):
        return "dept_performance"
    return "project_performance"


def _gpb(t: str) -> str | None:
    """一般公共预算 / 财政拨款 expenditure tables (budget and 决算 wordings)."""
    basic = "基本支出" in t
    gpb = "一般公共预算" in t or "公共预算" in t
    fiscal_expense = "财政拨款" in t and "支出" in t and "收支" not in t and "收入" not in t
    if not (basic or gpb or fiscal_expense):
        return None
    if basic:
        if "功能" in t:
            return "gpb_basic_function"
        return "gpb_basic_economic"
    if "收支" in t or "收入支出" in t:
        return None  # 一般公共预算财政拨款收支总表 and the like: not an expenditure detail table
    if "经济" in t:
        return "gpb_expense_economic"
    return "gpb_expense_function"


# 收支总表 and its real wordings: 收支预算总表 (部门财务收支预算总表), 收支总体情况表
INCOME_EXPENSE_SUMMARY_WORDS = (
    "收支总表",
    "收入支出决算总表",
    "收入支出总表",
    "收支决算总表",
    "收支预算总表",
    "收支总体情况表",
)
# 收入总表 and its real wordings: 收入预算总表, 收入总体情况表
INCOME_SUMMARY_WORDS = ("收入总表", "收入决算表", "收入预算表", "收入预算总表", "收入总体情况表")

# tables no type of the taxonomy holds (``other``), whatever their codes and columns say: 机关运行经费 on
# its own (一般公共预算机关运行经费支出预算表: one part of the basic expenditure under its economic codes),
# not beside the “三公” figures (“三公”经费和机关运行经费预算表 is ``three_public``); the list of a
# year's meetings or trainings (会议费明细表, 培训费明细表, 培训计划: names, dates, head counts, amounts)
OPERATING_TABLE_WORDS = ("机关运行经费",)
EVENT_LIST = re.compile(r"(?:会议|培训)(?:费(?:预算)?(?:明细|安排)|计划)")


def names_other_table(title: str) -> bool:
    """Does the title name a table outside the taxonomy's types (a 机关运行经费 table, a list of
    meetings or trainings)? Such a title decides over the codes and the trained model."""
    t = normalize_title(title)
    if "三公" in t or "基本支出" in t:
        return False
    if any(w in t for w in OPERATING_TABLE_WORDS):
        return True
    return bool(EVENT_LIST.search(t))


# (slug, predicate) tried in order; the first match wins.
_RULES: list[tuple[str, Callable[[str], bool]]] = [
    ("toc", lambda t: t in ("目录", "目次") or t.startswith("目录")),
    ("three_public", _any("三公")),
    ("other", names_other_table),
    # 政府采购(资产配置、购买服务)预算表, and 政府购买服务明细表 (not a 购买服务目录, a list without money)
    ("procurement", lambda t: "政府采购" in t or ("购买服务" in t and "目录" not in t)),
    ("assets", _any("固定资产", "国有资产", "资产占用", "资产信息", "资产使用", "资产情况")),
    ("institutions", _any("机构设置", "机构情况", "单位构成")),
    ("carryover", lambda t: "上年结转" in t and ("资金支出" in t or t.endswith("支出表"))),
    ("gov_fund", _any("政府性基金", "政府基金")),
    ("state_capital", _any("国有资本经营")),
    ("project_expense", lambda t: ("专项业务经费" in t or "项目支出" in t) and "支出" in t),
    (
        "fiscal_summary",
        lambda t: "财政拨款" in t and any(w in t for w in (*INCOME_EXPENSE_SUMMARY_WORDS, "收支总")),
    ),
    ("income_expense_summary", _any(*INCOME_EXPENSE_SUMMARY_WORDS)),
    ("income_summary", _any(*INCOME_SUMMARY_WORDS)),
]


# 部门支出预算总表 / 支出预算总表 / 支出总体情况表 (real titles): the summary of all expenditure,
# not the 一般公共预算 table; checked after the 一般公共预算/财政拨款 rules
EXPENSE_SUMMARY_WORDS = (
    "支出总表",
    "支出决算表",
    "支出预算表",
    "支出预算总表",
    "支出总体情况表",
    "支出决算总表",
)


def title_rules(title: str) -> tuple[str, float] | None:
    """The type the title names, with a confidence; None when the title says nothing."""
    t = normalize_title(title)
    if not t:
        return None
    perf = _performance(t)
    if perf:
        return perf, TITLE_CONFIDENCE
    for slug, pred in _RULES:
        if pred(t):
            return slug, TITLE_CONFIDENCE
    gpb = _gpb(t)
    if gpb:
        strong = any(w in t for w in ("经济", "功能")) or "明细" not in t
        return gpb, TITLE_CONFIDENCE if strong else WEAK_TITLE_CONFIDENCE
    if any(w in t for w in EXPENSE_SUMMARY_WORDS):
        return "expense_summary", TITLE_CONFIDENCE
    if t.endswith("表") and ("预算" in t or "决算" in t):
        return "other", WEAK_TITLE_CONFIDENCE
    return None


# a feature of the trained model: the level labels and the first two value headers (指标值, 指标内容)
_INDICATOR_HEADER_WORDS = (*INDICATOR_LABELS, *INDICATOR_VALUE_HEADERS[:2])


def content_evidence(table: Table) -> dict[str, float]:
    """Features from header cells and the first columns' codes (counts scaled to 0..1)."""
    grid = table.grid()
    cells = [bare(c) for row in grid for c in row]
    head = [bare(c) for row in grid[: max(table.header_rows, 3)] for c in row]
    text = "|".join(cells)
    head_text = "|".join(head)
    kinds: dict[str, int] = {"function": 0, "economic": 0, "gov_economic": 0, "unit": 0, "project": 0}
    coded_rows = 0
    for row in grid[table.header_rows :]:
        for c in row[:3]:
            k = code_kind(c)
            if k:
                kinds[k] += 1
                coded_rows += 1
                break
    n = max(coded_rows, 1)
    return {
        "indicator_header": float(
            sum(w in text for w in _INDICATOR_HEADER_WORDS) / len(_INDICATOR_HEADER_WORDS)
        ),
        "dept_words": float(
            any(w in text for w in ("年度主要任务", "部门（单位）名称", "部门(单位)名称", "整体支出"))
        ),
        "special_words": float("专项资金" in text),
        "toc_header": float("报表名称" in text or "是否空表" in text),
        "function_codes": kinds["function"] / n,
        "economic_codes": (kinds["economic"] + kinds["gov_economic"]) / n,
        "unit_codes": kinds["unit"] / n,
        "coded_rows": float(min(coded_rows, 20) / 20),
        "basic_header": float(
            ("人员经费" in head_text or "工资福利" in head_text) and "公用经费" in head_text
        ),
        "project_header": float(any(w in head_text for w in ("专项业务经费", "项目支出", "项目金额"))),
        "side_by_side": float(head_text.count("预算数") + head_text.count("决算数") >= 2),
        "three_public_header": float("公务接待" in text or "因公出国" in text),
        "procurement_header": float("采购" in head_text),
        "assets_header": float("资产" in head_text or "车辆" in head_text),
    }


def _from_content(ev: dict[str, float]) -> tuple[str, float]:
    if ev["indicator_header"] >= 0.4:
        if ev["special_words"] and not ev["dept_words"]:
            return "special_fund_performance", WEAK_CONTENT_CONFIDENCE
        if ev["dept_words"]:
            return "dept_performance", CONTENT_CONFIDENCE
        return "project_performance", CONTENT_CONFIDENCE
    if ev["toc_header"]:
        return "toc", CONTENT_CONFIDENCE
    if ev["three_public_header"]:
        return "three_public", WEAK_CONTENT_CONFIDENCE
    if ev["coded_rows"] >= 0.1:
        project = ev["project_header"] > 0
        basic = ev["basic_header"] > 0 and not project
        if ev["economic_codes"] >= 0.5:
            return ("gpb_basic_economic" if basic else "gpb_expense_economic"), CONTENT_CONFIDENCE
        if ev["function_codes"] >= 0.5:
            return ("gpb_basic_function" if basic else "gpb_expense_function"), CONTENT_CONFIDENCE
        if ev["unit_codes"] >= 0.5 and project:
            return "project_expense", WEAK_CONTENT_CONFIDENCE
    if ev["side_by_side"]:
        return "income_expense_summary", WEAK_CONTENT_CONFIDENCE
    if ev["procurement_header"]:
        return "procurement", WEAK_CONTENT_CONFIDENCE
    return "other", NO_EVIDENCE_CONFIDENCE


def rule_classify_table(
    table: Table,
    evidence: dict[str, float] | None = None,
    by_title: tuple[str, float] | None = None,
) -> tuple[str, float]:
    """The table's type slug and a confidence in 0..1, by rules (a feature of the trained model).

    A clear title decides (0.95). A title that leaves the class open (truncated
    '…支出明细表（按支出') is settled by the codes in the first column. With no
    usable title, header cells and codes decide with lower confidence. ``evidence`` and
    ``by_title``: ``content_evidence(table)`` and ``title_rules(table.title)`` when the caller
    has them already.
    """
    if by_title is None:
        by_title = title_rules(table.title)

    def from_content() -> tuple[str, float]:
        return _from_content(evidence if evidence is not None else content_evidence(table))

    if by_title is None:
        return from_content()
    slug, conf = by_title
    if slug in ("gpb_expense_function", "gpb_basic_economic") and conf < TITLE_CONFIDENCE:
        by_content, _ = from_content()
        basic = slug.startswith("gpb_basic")
        if by_content in ("gpb_expense_economic", "gpb_basic_economic"):
            return ("gpb_basic_economic" if basic else "gpb_expense_economic"), WEAK_TITLE_CONFIDENCE
        if by_content in ("gpb_expense_function", "gpb_basic_function"):
            return ("gpb_basic_function" if basic else "gpb_expense_function"), WEAK_TITLE_CONFIDENCE
    if slug == "other" and conf < TITLE_CONFIDENCE:  # a generic …预算表 title: the content decides
        by_content, c = from_content()
        if by_content != "other":
            return by_content, c
    return slug, conf


def rule_features(table: Table) -> dict[str, float]:
    """The rules' evidence as features for a trained classifier: content evidence, the
    title rule's answer one-hot (``title=<slug>`` → its confidence) and the final rule answer."""
    evidence = content_evidence(table)
    feats = dict(evidence)
    by_title = title_rules(table.title)
    if by_title:
        feats[f"title={by_title[0]}"] = by_title[1]
    feats["has_title"] = float(bool(normalize_title(table.title)))
    slug, conf = rule_classify_table(table, evidence, by_title)
    feats[f"rules={slug}"] = conf
    return feats
