"""The header words of budget tables the collapsed reader joins, ends and groups header cells by.

Total words and index headers come from ``extract.vocabulary``; these are the column names and
endings of header cells printed broken over lines.
"""

from __future__ import annotations

import re

from extract.vocabulary import INDEX_HEADERS, TOTAL_WORDS

# header words that end a header cell (a fragment ending otherwise wraps on)
TERMINAL_SUFFIXES = (
    "编码", "代码", "编号", "名称", "合计", "小计", "总计", "收入", "拨款", "支出", "余额", "差额",
    "结转", "项目", "金额", "备注", "数量", "费", "费用", "类别", "性质", "内容", "型号", "时间",
    "说明", "目录", "预算", "情况", "指标", "指标值", "年", "数", "简介", "经费", "资金", "方式",
    "序号", "行次", "栏次", "性质", "小计",
)  # fmt: skip

# single characters that, alone on a line, finish the header cell above
TAIL_CHARS = set("费用款计额称码入出目金数注")

SUB_WORDS = ("类", "款", "项")

CONTINUATION_STARTS = ("经济科目", "功能科目", "科目编码", "科目代码")

YEARISH = re.compile(r"^(\d{4}\s*年.*|增减.*|变化.*|上年.*数|本年.*数)$")

# a band over repeated sub-headers: a year, a change, or the budget / final amounts (预算数 | 决算数)
BANDISH = re.compile(r"^(\d{4}\s*年.*|增减.*|变化.*|上年.*数|本年.*数|(调整)?预算数|决算数|执行数)$")

TEXT_COLUMN = re.compile(r"(备注|说明|简介|内容|性质|类别|型号|时间|目录|方式)$")

CODE_COLUMN = re.compile(r"(编码|代码|编号)$")

NAME_COLUMN = re.compile(r"(名称|项目)$")

AMOUNTISH = re.compile(rf"(金额|{'|'.join(TOTAL_WORDS)}|数$|收入|拨款|支出|经费|费用?$|结转|余额|差额)")

# column names common in budget tables: a fragment joined with the next into one of these is one cell
HEADER_WORDS = frozenset(
    [
        "一般公共预算基本支出",
        "一般公共预算拨款",
        "一般公共预算拨款安排的“三公”经费预算",
        "一般公共预算拨款收入",
        "一般公共预算支出",
        "一般公共预算财政拨款",
        "一般公共预算财政拨款收入",
        "一般公共预算",
        "上年结转",
        "上级补助收入",
        "上缴上级支出",
        "上解上级支出",
        "专项业务经费支出",
        "专项业务经费",
        "事业收入",
        "人员经费",
        "人员经费支出",
        "会议费",
        "公务接待费",
        "公务用车购置及运行费",
        "公务用车购置费",
        "公务用车运行费",
        "公用经费",
        "公用经费支出",
        "其他收入",
        "决算数",
        "功能分类科目",
        "功能科目名称",
        "功能科目编码",
        "单位名称",
        "单位编码",
        "单位（项目）名称",
        "合计",
        "因公出国（境）费",
        "因公出国（境）费用",
        "国有资本经营预算财政拨款",
        "国有资本经营预算拨款",
        "国有资本经营预算拨款收入",
        "国有资本经营预算",
        "培训费",
        "基本支出",
        "备注",
        "对附属单位补助支出",
        "小计",
        "年初结转和结余",
        "年末结转和结余",
        "序号",
        "支出",
        "支出功能分类科目（按大类）",
        "支出部门经济分类科目",
        "收入",
        "政府性基金拨款",
        "政府性基金预算拨款",
        "政府性基金预算拨款收入",
        "政府性基金预算财政拨款",
        "政府性基金预算",
        "政府经济科目名称",
        "政府经济科目编码",
        "政府预算支出经济分类科目（按大类）",
        "本年支出",
        "本年支出合计",
        "本年收入",
        "本年收入合计",
        "科目名称",
        "科目编码",
        "经济科目名称",
        "经济科目编码",
        "经营支出",
        "经营收入",
        "行次",
        "栏次",
        "财政专户收入",
        "财政专户管理资金收入",
        "财政拨款收入",
        "财政拨款",
        "资金性质",
        "部门经济科目名称",
        "部门经济科目编码",
        "部门预算支出经济分类科目",
        "部门预算支出经济分类科目（按大类）",
        "金额",
        "附属单位上缴收入",
        "项目",
        "项目支出",
        "项目简介",
        "项目金额",
        "预算数",
        "执行数",
        "项目名称",
        "项目编码",
        "单位代码",
        "预算单位",
        "预算单位代码",
        "预算单位名称",
        "总计",
        "本年预算数",
        "预算金额",
        "其中：专项资金列入部门预算项目",
        "政府采购预算",
        "采购项目",
        "采购目录",
        "数量",
        "说明",
        "支出功能分类科目",
    ]
)

NEVER_GROUP = (*INDEX_HEADERS, *TOTAL_WORDS, "备注", "说明")

BARE_WORDS = ("收入", "支出", "拨款", "经费", "资金", "预算", "财政")
