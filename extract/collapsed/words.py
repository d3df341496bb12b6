"""The header words of budget tables the collapsed reader joins, ends and groups header cells by.

Total words, index headers and the column names (``HEADER_WORDS``) come from
``extract.vocabulary``; these are the column names and
endings of header cells printed broken over lines.
"""

from __future__ import annotations

import re

from extract.vocabulary import INDEX_HEADERS, SUB_HEADERS, TOTAL_WORDS

# header words that end a header cell (a fragment ending otherwise wraps on)
TERMINAL_SUFFIXES = (
    "编码", "代码", "编号", "名称", "合计", "小计", "总计", "收入", "拨款", "支出", "余额", "差额",
    "结转", "项目", "金额", "备注", "数量", "费", "费用", "类别", "性质", "内容", "型号", "时间",
    "说明", "目录", "预算", "情况", "指标", "指标值", "年", "数", "简介", "经费", "资金", "方式",
    "序号", "行次", "栏次", "性质", "小计", "结余",
)  # fmt: skip

# single characters that, alone on a line, finish the header cell above
TAIL_CHARS = set("费用款计额称码入出目金数注")

SUB_WORDS = SUB_HEADERS

CONTINUATION_STARTS = ("经济科目", "功能科目", "科目编码", "科目代码")

YEARISH = re.compile(r"^(\d{4}\s*年.*|增减.*|变化.*|上年.*数|本年.*数)$")

# a cell's last word a year after other words ('其中：2026年'): the year starts a phrase wrapped on
YEAR_AFTER_WORDS = re.compile(r"\D(?:19|20)\d{2}\s*年$")

# a band over repeated sub-headers: a year, a change, or the budget / final amounts (预算数 | 决算数)
BANDISH = re.compile(r"^(\d{4}\s*年.*|增减.*|变化.*|上年.*数|本年.*数|(调整)?预算数|决算数|执行数)$")

TEXT_COLUMN = re.compile(r"(备注|说明|简介|内容|性质|类别|型号|时间|目录|方式)$")


NAME_COLUMN = re.compile(r"(名称|项目)$")

AMOUNTISH = re.compile(rf"(金额|{'|'.join(TOTAL_WORDS)}|数$|收入|拨款|支出|经费|费用?$|结转|余额|差额)")


NEVER_GROUP = (*INDEX_HEADERS, *TOTAL_WORDS, "备注", "说明")

BARE_WORDS = ("收入", "支出", "拨款", "经费", "资金", "预算", "财政")
