"""The taxonomy of design.md: table types and indicator levels."""

from __future__ import annotations

TABLE_TYPES = {
    "toc": "目录",
    "income_expense_summary": "部门(综合)预算收支总表 / 收入支出决算总表",
    "income_summary": "部门(综合)预算收入总表 / 收入决算表",
    "expense_summary": "部门(综合)预算支出总表 / 支出决算表",
    "fiscal_summary": "财政拨款收支总表",
    "gpb_expense_function": "一般公共预算(财政拨款)支出表, 支出明细表(按功能分类)",
    "gpb_expense_economic": "一般公共预算支出明细表(按经济分类)",
    "gpb_basic_function": "一般公共预算基本支出明细表(按功能分类)",
    "gpb_basic_economic": "一般公共预算(财政拨款)基本支出表, 基本支出明细表(按经济分类)",
    "gov_fund": "政府性基金(预算)收支表 / 支出表",
    "state_capital": "国有资本经营预算(财政拨款)支出表",
    "project_expense": "专项业务经费支出表, 项目支出表",
    "carryover": "上年结转资金支出表",
    "procurement": "政府采购(资产配置、购买服务)预算表",
    "three_public": "“三公”经费支出表",
    "project_performance": "项目(专项业务经费)绩效目标表",
    "dept_performance": "部门(单位)整体支出绩效目标表",
    "special_fund_performance": "专项资金(总体)绩效目标表",
    "assets": "固定资产占用情况表, 国有资产信息",
    "institutions": "部门机构设置情况",
    "other": "anything else",
}

LEVEL1 = ("产出指标", "成本指标", "效益指标", "满意度指标")
LEVEL2 = (
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济成本指标",
    "社会成本指标",
    "生态环境成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
)
# the level 1 each level 2 belongs to
LEVEL1_OF: dict[str, str] = {
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "成本指标": "成本指标",
    "经济成本指标": "成本指标",
    "社会成本指标": "成本指标",
    "生态环境成本指标": "成本指标",
    "经济效益指标": "效益指标",
    "社会效益指标": "效益指标",
    "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标",
    "服务对象满意度指标": "满意度指标",
}
assert set(LEVEL1_OF) == set(LEVEL2) and set(LEVEL1_OF.values()) <= set(LEVEL1)
PERFORMANCE_TYPES = ("project_performance", "dept_performance", "special_fund_performance")

# ---- review workbench (issue 16): a short Chinese display name per table type
TABLE_TYPE_NAMES: dict[str, str] = {
    "toc": "目录",
    "income_expense_summary": "收支总表",
    "income_summary": "收入总表",
    "expense_summary": "支出总表",
    "fiscal_summary": "财政拨款收支总表",
    "gpb_expense_function": "一般公共预算支出表（功能分类）",
    "gpb_expense_economic": "一般公共预算支出表（经济分类）",
    "gpb_basic_function": "一般公共预算基本支出表（功能分类）",
    "gpb_basic_economic": "一般公共预算基本支出表（经济分类）",
    "gov_fund": "政府性基金预算支出表",
    "state_capital": "国有资本经营预算支出表",
    "project_expense": "项目支出表",
    "carryover": "上年结转资金支出表",
    "procurement": "政府采购预算表",
    "three_public": "“三公”经费支出表",
    "project_performance": "项目绩效目标表",
    "dept_performance": "部门整体支出绩效目标表",
    "special_fund_performance": "专项资金绩效目标表",
    "assets": "国有资产占用情况表",
    "institutions": "机构设置情况",
    "other": "其他",
}
assert set(TABLE_TYPE_NAMES) == set(TABLE_TYPES)

# ---------------------------------------------------------------- what a table holds (extract.content)

# the type of a table the reader saw hold no money: a page of prose, the bodies making up a department
CONTENT_TYPES = {"prose": "other", "bodies": "institutions"}

# ---- audit findings: completeness (issue 15)
# the tables every disclosure of a kind ('budget' / 'final_account') and level ('部门' / '单位') must
# publish (an empty one printed as 空表, or stated as such in the text, counts as published)
_REQUIRED_CORE = (
    "income_expense_summary",
    "income_summary",
    "fiscal_summary",
    "gpb_expense_function",
    "gpb_basic_economic",
    "gov_fund",
    "three_public",
)
REQUIRED_TABLES: dict[tuple[str, str], tuple[str, ...]] = {
    ("budget", "部门"): _REQUIRED_CORE,
    ("budget", "单位"): _REQUIRED_CORE,
    ("final_account", "部门"): _REQUIRED_CORE,
    ("final_account", "单位"): _REQUIRED_CORE,
}
# what each required table is called in a finding
REQUIRED_NAMES: dict[str, str] = {
    "income_expense_summary": "收支总表",
    "income_summary": "收入总表",
    "fiscal_summary": "财政拨款收支总表",
    "gpb_expense_function": "一般公共预算支出表",
    "gpb_basic_economic": "一般公共预算基本支出表",
    "gov_fund": "政府性基金预算支出表",
    "three_public": "“三公”经费支出表",
}
KIND_NAMES = {"budget": "预算", "final_account": "决算"}
