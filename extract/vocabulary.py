"""The vocabulary of budget tables: the words and row shapes every stage recognises.

One home for each: readers (extract/), classify/ and samples/ import these and keep no
regex or word list of their own for them. Code shapes live in ``extract.codes``, table types
and indicator levels in ``extract.taxonomy``; this module holds the rest:

* total words (合计 / 总计 / 小计) and the shapes of total rows and total columns;
* the column-number row printed under a header (``栏次 1 2 3 …``, ``甲 乙 1 2``) and the
  index headers (序号, 行次, 栏次 …);
* the header row of a performance-target table (一级指标 / 二级指标 / 三级指标 / 指标值);
* the words of a table's title (表 labels, 单位 lines);
* the enumerators item names start with (一、 1、 (1) 其中：).

The words of performance-target tables (values, project fields, operators, units, level labels)
live in ``extract.indicator_words``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extract.numbers import normalize
from extract.taxonomy import LEVEL2

# ---------------------------------------------------------------- totals

TOTAL_WORDS = ("合计", "总计", "小计")
GRAND_TOTAL_WORDS = ("合计", "总计")  # the whole table's total (a 小计 totals its siblings only)

# a column or row label that is a total: ends in 合计 / 总计 / 小计
TOTAL_SUFFIX = re.compile(r"(?:合计|小计|总计)$")
# a row printing the whole table's total, as its name
TOTAL_ROW = re.compile(r"^(?:合计|总计|本年合计|金额合计|收入合计|支出合计)$")
# a row naming a total of one part of the table (人员经费合计, 本年收入合计, 支出总计, …)
NAMED_TOTAL_ROW = re.compile(r"^(?:.{0,8}合计|.{0,8}总计)$")
# a column holding the row's total: 合计, 总计, and 本年收入合计 / 本年支出合计 / 支出合计 of 决算 tables
TOTAL_COLUMN = re.compile(r"^(?:本年)?(?:收入|支出)?(?:合计|总计)$")
# a scanned cell ending in a total word and a dash-like mark after it (合计一, 小计—): a rule's stroke
# or a dash of ruling beside the word read as a character; group 1 is the cell without it
TOTAL_STROKE = re.compile(r"^(.*(?:" + "|".join(TOTAL_WORDS) + r"))\s*[一—–\-_－＿]+$")


def strip_total_stroke(text: str) -> str | None:
    """``text`` without the stroke read after its total word (合计一 -> 合计); None when it has none."""
    m = TOTAL_STROKE.match(text.strip())
    return m.group(1) if m else None


def is_total_row_name(name: str) -> bool:
    """Is ``name`` the name of a table's total row (合计, 总计, 本年合计, 收入合计 …)?"""
    return bool(TOTAL_ROW.match(compact(name)))


def is_total_column(name: str) -> bool:
    """Does a column named ``name`` hold the row's total (合计, 本年支出合计 …)?"""
    return bool(TOTAL_COLUMN.match(compact(name)))


# column groups that break the row's spending down by another measure (how much of it is bought by
# government procurement, 2026年政府采购项目 › 小计 | 其中：预留给中小企业 …), or give it less some
# share (项目支出 › 扣除基建项目后预算数): part of the total, never one of the parts that add up to it
MEMO_COLUMN_WORDS = ("政府采购", "扣除")


def is_memo_column(path: Sequence[str]) -> bool:
    """Is a column with header labels ``path`` (top-down) a memo of the total, not one of its parts?"""
    return any(w in compact(seg) for seg in path for w in MEMO_COLUMN_WORDS)


# ---------------------------------------------------------------- 栏次 rows and index headers

# marks printed in a column-number row beside or instead of the numbers
COLUMN_MARKS = frozenset({"栏次", "甲", "乙", "丙", "丁", "戊"})
# header names of columns that number rows or columns instead of holding data
INDEX_HEADERS = ("序号", "栏次", "行次", "编号", "行号", "次序")
# header names of a column of item names, as printed whole (classify.records.column_role: besides
# any label with 名称 in it)
NAME_HEADERS = ("项目", "科目", "摘要", "单位", "项目(单位)", "单位(项目)")


_YEAR = re.compile(r"^(?:19|20)\d{2}$")


def year_word(left: str, right: str) -> bool:
    """``2026`` then ``年预算数``: a year printed apart from the 年 word it starts (one header word,
    never an amount beside a cell)."""
    return bool(_YEAR.match(left)) and right.startswith("年")


def compact(text: str) -> str:
    """All whitespace removed (also the ideographic space)."""
    return "".join(text.split())


def is_column_number_row(cells: list[str]) -> bool:
    """``栏次 1 2 3 …`` / ``甲 乙 1 2 3``: column numbers printed under the header.

    At least two filled cells; consecutive numbers, with a mark (栏次, 甲 …) or at least three
    numbers."""
    texts = [compact(normalize(c)) for c in cells]
    texts = [t for t in texts if t]
    if len(texts) < 2:
        return False
    numbers = [t for t in texts if t not in COLUMN_MARKS]
    if len(texts) - len(numbers) == 0 and len(numbers) < 3:
        return False
    if not all(t.isdecimal() for t in numbers):
        return False
    values = [int(t) for t in numbers]
    return values == list(range(values[0], values[0] + len(values))) if values else True


# ---------------------------------------------------------------- performance-target tables

INDICATOR_LABELS = ("一级指标", "二级指标", "三级指标")
# header words that stand beside the level labels in the indicator header row
INDICATOR_VALUE_HEADERS = ("指标值", "指标内容", "绩效指标描述", "指标名称")


def is_indicator_header_row(cells: list[str]) -> bool:
    """The 一级指标 | 二级指标 | 三级指标 | 指标值 row of a performance-target table: two level labels,
    or one beside a value header (指标值, 指标内容 …)."""
    texts = {compact(c) for c in cells}
    hits = sum(1 for label in INDICATOR_LABELS if label in texts)
    return hits >= 2 or (hits == 1 and bool(texts & set(INDICATOR_VALUE_HEADERS)))


def indicator_header_index(rows: list[list[str]]) -> int | None:
    """Index of the 一级指标/二级指标/三级指标 row of a performance table, or None."""
    for i, row in enumerate(rows):
        if is_indicator_header_row(row):
            return i
    return None


# ---------------------------------------------------------------- text readers (collapsed, aligned)

# header words printed beside the indicator values of a performance-target table (分值 | 权重)
INDICATOR_SCORE_HEADERS = ("分值", "权重")
# the canonical columns a performance-target table is read into
PERFORMANCE_COLUMNS = (*INDICATOR_LABELS, "指标值")
# level-2 indicator names as stacked labels print them, without their 指标 (经济效益, 服务对象满意度 …)
LEVEL2_SHORT_NAMES = (
    "经济成本", "社会成本", "生态环境成本", "经济效益", "社会效益", "生态效益", "可持续影响", "服务对象满意度",
)  # fmt: skip
assert all(f"{name}指标" in LEVEL2 for name in LEVEL2_SHORT_NAMES)
# ---- classify


def names_total(name: str) -> bool:
    """Does a column or row label end in a total word (合计 / 小计 / 总计)?"""
    return bool(TOTAL_SUFFIX.search(compact(name)))


def is_named_total_row(name: str) -> bool:
    """Is ``name`` a total row of the table or of one part of it (合计, 人员经费合计, 支出总计 …)?"""
    return bool(NAMED_TOTAL_ROW.match(compact(name)))


# ---------------------------------------------------------------- item enumerators (一、 1、 (1) 其中：)

# the enumerator an item name starts with, as a scan reads it: 一、 (its numeral may be lost: 、), 一. 1、 1.
# 1, (1) 其中：
# a Chinese character (the CJK unified block): text read as words, not as a figure or a sign
HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")
# the words an organisation's name ends with (…局, …委员会, …办公室, …中心, …政府), in the order a
# lazy match tries them, and a body's name of 2 to 40 characters before one (extract.segment,
# extract.text: a body's line, a title or a cover naming it)
ORG_SUFFIXES = "局|委员会|委|办公室|办|中心|院|所|站|队|厅|部|会|馆|社|处|校|园|室|政府"
ORG_NAME = rf"[\u4e00-\u9fff（）()]{{2,40}}?(?:{ORG_SUFFIXES})"
# the kinds of public body a unit's name ends with (…急救中心, …疾病预防控制中心, …人民医院), as
# budgets list their units: a scanned unit name that ends one character from one of these, and
# with none, is a misreading of it (湖州市急教中心 for 湖州市急救中心: extract.scannames)
UNIT_KINDS = frozenset(
    [
        "急救中心",
        "疾病预防控制中心",
        "卫生监督所",
        "卫生健康监督所",
        "中心血站",
        "人民医院",
        "中医医院",
        "中医院",
        "妇幼保健院",
        "精神卫生中心",
        "社会福利院",
        "儿童福利院",
        "人民法院",
        "人民检察院",
        "卫生健康委员会",
        "机关事务管理局",
        "政务服务中心",
        "公共资源交易中心",
        "档案馆",
        "图书馆",
        "文化馆",
        "博物馆",
        "街道办事处",
    ]
)


def nearest_unit_kind(text: str) -> tuple[str, str] | None:
    """``text`` (a unit's name, whitespace ignored) with its end read as the kind of body it is one
    character from (``UNIT_KINDS`` of four characters or more, one character but the last read as
    another, a place's name of two or more before it), and that kind; None when it ends with a kind, none is
    near or two are."""
    t = compact(text)
    if any(t.endswith(k) for k in UNIT_KINDS):
        return None
    found = {
        t[: -len(k)] + k: k
        for k in UNIT_KINDS
        if len(k) >= 4
        and len(t) > len(k) + 1
        and t[-1] == k[-1]  # the body's own word (中心, 所, 院) read as printed: 福利会 is no 福利院
        and misread_chars(t[-len(k) :], k, 1 / len(k)) == 1
    }
    return next(iter(found.items())) if len(found) == 1 else None


# (a scan reads a heading's faint 、 as a full stop too: 六。科学技术支出)
ENUMERATOR = re.compile(
    r"^(?:[一二三四五六七八九十]{0,3}、|[一二三四五六七八九十]{1,3}[.．。]|\d{1,2}[、.．,，]|[(（]\d{1,2}[)）]|其中[:：])"
)
# a numeral and its mark before a name: '8、' '8.' '8,' '二、' (groups: the numeral, the mark)
ENUMERATOR_MARK = re.compile(r"^(\d{1,2}|[一二三四五六七八九十]{1,3})([、.．,，])(?=[\u4e00-\u9fff])")
# a run of Chinese numerals (十九: a heading's numeral, its mark maybe lost)
CN_NUMERALS = re.compile(r"[一二三四五六七八九十]+")
# a Chinese-numeral enumerator: 一、 … 二十四、 (group: the numeral)
CN_ENUMERATOR = re.compile(r"^([一二三四五六七八九十]{1,3})、")
# … before a name (a section heading: 一、财政拨款)
CN_HEADING = re.compile(r"^([一二三四五六七八九十]{1,3})、(?=[\u4e00-\u9fff])")
# … whose numeral may be lost (、一般公共服务支出)
CN_ENUMERATOR_OR_LOST = re.compile(r"^[一二三四五六七八九十]{0,3}、(?=[\u4e00-\u9fff])")
# an Arabic enumerator before a name: 1、 1. (groups: the number, the mark)
ARABIC_ENUMERATOR = re.compile(r"^(\d{1,2})([、.．])(?=[\u4e00-\u9fff])")
# a bracketed enumerator that lost its closing bracket: （2商品和服务支出 (groups: the bracket, the number)
OPEN_BRACKET_ENUMERATOR = re.compile(r"^([(（])(\d{1,2})(?=[\u4e00-\u9fff])")
# a summary line's number before its name: (一) (1) 一、 一. 1、 1. (extract.relations.income_source)
LINE_ENUMERATOR = re.compile(
    r"^(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．])"
)
# a classification code printed with its name in one string: 2089999-其他社会保障和就业支出 (北京), as a
# scan reads it, its dash maybe lost (groups: the code, the dash or '')
CODE_DASH_NAME = re.compile(r"^(\d{3,9})([-－—–]?)(?=[\u4e00-\u9fff])")
# a child item's enumerator under a Chinese-numeral heading: 1、 1. (1)
CHILD_ENUMERATOR = re.compile(r"^(?:\d{1,2}[、.．]|[(（]\d{1,2}[)）])")

# ---------------------------------------------------------------- section headings and what a table holds

# a heading over a document's part, never a table's title: 第二部分 …, 二、表格部分, …2024年度部门决算表 (the
# heading of the tables' section: the document's name + 表), …部门预算公开报表
SECTION_HEADING = re.compile(
    r"^第[一二三四五六七八九十0-9]+部分|^[一二三四五六七八九十]+[、.．]?\w{0,6}部分$|\d{4}年度?(?:区级|市级|县级)?(?:部门|单位)(?:综合)?(?:预算|决算)(?:公开)?(?:报)?表$"
)
# header words of a column holding money (a table with one is a money table, whatever else it holds)
MONEY_HEADER = re.compile(r"合计|总计|小计|预算数|决算数|金额|资金|经费|拨款|收入|支出|万元|（元）|\(元\)")
# the name column of a table listing the bodies that make up a department (单位构成 / 预算单位)
BODY_NAME_HEADER = re.compile(r"^(?:预算|所属|下属|二级)?(?:单位|部门|机构)(?:名称|全称)?$")
# a table-of-contents leader (……, ......) printed between an entry and its page
DOT_LEADER = re.compile(r"…{2,}|\.{4,}|·{4,}")
# marks a speck on a scan is read as beside a printed label or amount (a dot, a comma, a tick, a colon)
SPECK_MARKS = "·.．。,，、'`:："
# a speck's mark between two Chinese characters of a label, where no label prints one (not 、 or ：)
SPECK_INSIDE = re.compile(r"(?<=[\u4e00-\u9fff])([·.．。'`])(?=[\u4e00-\u9fff])")
# a speck's mark read before a name's first character or after its last (a name begins with no dot
# and ends with none; 、 before a name is a heading's lost numeral, a colon ends 其中：)
SPECK_EDGE = re.compile(
    r"^\s*([·.．。,，'`])(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff）)])([·.．。,，、'`])\s*$"
)


def is_section_heading(text: str) -> bool:
    """A part's heading (第二部分 …) or the heading of a document's tables (…2024年度部门决算表)."""
    return bool(SECTION_HEADING.search(compact(normalize(text))))


# ---------------------------------------------------------------- header labels (scans, issue 17)

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
        "收入合计",
        "支出合计",
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

# header labels the hand labels of real documents print (samples/labels/*.json; tests/test_scan_headers.py
# checks that every one of them is a HEADER_LABELS member), or the born-digital readings of the real
# documents without line-item labels (烟台's 收入总体情况表: 一般公共预算收入 | 政府性基金预算收入), and no
# reader list above names
LABELLED_HEADERS = (
    "一般公共预算收入",
    "政府性基金预算收入",
    "“三公”经费预算数",
    "一般公共预算财政拨款",
    "上年结转结余",
    "中央",
    "事业单位经营支出",
    "事业单位经营收入",
    "公务用车购置及运行维护费",
    "公务用车运行维护费",
    "功能分类科目名称",
    "功能分类科目编码",
    "因公出国(境)费",
    "国有资本经营预算支出",
    "支出预算",
    "收入预算",
    "政府性基金预算支出",
    "机关运行经费预算数",
    "省级",
    "经济分类科目名称",
    "经济分类科目编码",
    "财政拨款支出",
    "购置费",
    "运行费",
    "部门经济分类科目名称",
    "部门预算经济分类科目编码",
    "上年",
    "当年",
    "上年实户资金余额",
    "上年结余、结转",
    "单位资金",
    "增减变化情况",
    "支出总计",
    "收入总计",
    "财政专户管理资金",
    "部门预算",
    "本年预算",  # 长沙's 收支总体情况表 (项目 | 本年预算), not 本年预算数 with a character lost
)

# headings of a column group printing the change from one group to the next printed before it
# (上年 | 当年 | 增减变化情况, each over the same columns: extract.siblingheaders names a garbled one
# when its columns add up as that change, extract.relations.is_change)
CHANGE_LABELS = ("增减变化情况", "增减额", "比上年增减")

# the parts of a classification code's header (类 | 款 | 项)
SUB_HEADERS = ("类", "款", "项")

# a header naming a column of codes (科目编码, 项目代码, 功能分类科目编号)
CODE_COLUMN = re.compile(r"(编码|代码|编号)$")


def is_code_part(path: Sequence[str]) -> bool:
    """A column path ending in 类 / 款 / 项 under a code column's heading at any depth (科目编码/类,
    项目/部门预算经济分类科目编码/款): one part of a code printed over several columns."""
    return bool(path) and path[-1] in SUB_HEADERS and any(CODE_COLUMN.search(p) for p in path[:-1])


# every label a header cell of a budget table is known to print: the readers' column names, the
# total words, index headers, the performance-target header, and the labelled documents' headers
HEADER_LABELS: frozenset[str] = frozenset(
    {
        *HEADER_WORDS,
        *TOTAL_WORDS,
        *INDEX_HEADERS,
        *INDICATOR_LABELS,
        *INDICATOR_VALUE_HEADERS,
        *INDICATOR_SCORE_HEADERS,
        *PERFORMANCE_COLUMNS,
        *LABELLED_HEADERS,
        *SUB_HEADERS,
    }
)


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions) between two strings."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def header_repair_limit(label: str) -> int:
    """The most edits a misread header may be from ``label`` to be repaired to it: one for a label
    of up to five characters, two for longer ones (none for labels of one or two: 收入 / 支出
    are one character apart)."""
    if len(label) <= 2:
        return 0
    return 1 if len(label) <= 5 else 2


_SPECK_DIGIT = re.compile(r"([^\d]*[\u4e00-\u9fff]{2})\d")


def nearest_header_label(text: str) -> tuple[str, int] | None:
    """The header label ``text`` (whitespace ignored) is a misreading of, and the edits between
        them: the one nearest label within ``header_repair_limit`` (of equally near ones, the only one
    ``text`` is ``label`` with characters left out of); (text, 0)
        for a label as printed; None when no label is near or two are equally near."""
    t = "".join(text.split())
    if not t:
        return None
    if t in HEADER_LABELS:
        return t, 0
    speck = _SPECK_DIGIT.fullmatch(t)
    if speck and speck.group(1) in HEADER_LABELS:
        return speck.group(1), 1  # a label with a speck (a footnote mark) read as a digit after it: 项目支出5
    if sum(ch.isdigit() for ch in t) > 1:
        return None  # a year or a number is data: 2025年预算数 is never "repaired" to another year
    # … a lone digit is none: a character misread (本年收入 read as 2年收入)
    best: list[tuple[int, str]] = []
    for label in HEADER_LABELS:
        if abs(len(label) - len(t)) > header_repair_limit(label):
            continue
        d = edit_distance(t, label)
        if 0 < d <= header_repair_limit(label) and d < len(t):
            best.append((d, label))
    if not best:
        return None
    best.sort()
    tied = [label for d, label in best if d == best[0][0]]
    if len(tied) > 1:  # a recogniser drops characters more often than it invents them: of equally
        tied = [label for label in tied if _subsequence(t, label)]  # near labels, the one holding t whole
    return (tied[0], best[0][0]) if len(tied) == 1 else None


def far_header_label(text: str, ratio: float, min_chars: int) -> tuple[str, int] | None:
    """The long header label (``min_chars`` characters or more) ``text`` (whitespace ignored) is a
    misreading of when it is too far for ``nearest_header_label`` — small print read at the
    recogniser's limit garbles several characters of a group heading (一般公共顶异波款女持的“三公”
    经费预算) —, and the edits between them: the one label within ``ratio`` × its length, no other
    label within twice the edits; None otherwise (and for text holding a digit: data, not a label)."""
    t = "".join(text.split())
    if len(t) < min_chars or any(ch.isdigit() for ch in t):
        return None
    near: list[tuple[int, str]] = []
    for label in HEADER_LABELS:
        if len(label) >= min_chars:
            near.append((edit_distance(t, label), label))
    near.sort()
    if not near or near[0][0] == 0 or near[0][0] > ratio * len(near[0][1]):
        return None
    if len(near) > 1 and near[1][0] < 2 * near[0][0]:
        return None  # two labels about as near: no repair
    return near[0][1], near[0][0]


def misread_chars(text: str, word: str, ratio: float) -> int:
    """How many characters ``text`` has read as others of ``word`` — 0 when it is no such misreading.
    A misreading keeps the word's length and changes characters one by one, never two side by side
    (财政发款收人 for 财政拨款收入: 拨→发, 入→人); two or more side by side are another word (资金 for
    拨款), words more or fewer a region's own wording. At most ``ratio`` × the word's length."""
    if len(text) != len(word) or text == word:
        return 0
    diff = [i for i, (a, b) in enumerate(zip(text, word, strict=True)) if a != b]
    if any(j - i == 1 for i, j in zip(diff, diff[1:], strict=False)) or len(diff) > ratio * len(word):
        return 0
    return len(diff)


def near_header_label(text: str, ratio: float) -> tuple[str, int] | None:
    """The header label of ``text``'s length nearest it (whitespace ignored, no label itself) when
    it is within ``ratio`` × that length of edits, and the edits; of equally near ones, the first in
    order. None otherwise, and for text holding more than one digit (a year, a number: data). Only
    labels ``text`` may be a misreading of (``misread_chars``): a clear reading that is a label
    with characters read as others (财政发款收人) is suspect, one with words more, fewer or other is
    a region's own label (本年一般公共预算基本支出, 经济科目, 人员支出, 一般公共预算资金), printed as read."""
    t = "".join(text.split())
    if not t or t in HEADER_LABELS or sum(ch.isdigit() for ch in t) > 1:
        return None
    near = sorted((d, label) for label in HEADER_LABELS if (d := misread_chars(t, label, ratio)))
    return (near[0][1], near[0][0]) if near else None


def short_label_near(text: str) -> str | None:
    """The label of two characters ``text`` (two characters, no label) is one character from, when
    exactly one is ('' labels this short are never repaired: ``header_repair_limit``)."""
    if len(text) != 2 or text in HEADER_LABELS or not all("\u4e00" <= ch <= "\u9fff" for ch in text):
        return None
    near = [
        lb for lb in HEADER_LABELS if len(lb) == 2 and sum(a != b for a, b in zip(lb, text, strict=True)) == 1
    ]
    return near[0] if len(near) == 1 else None


def truncated_label(text: str) -> str | None:
    """The label of two characters ``text`` (one Chinese character, no label itself: not 类 / 款 /
    项) is the rest of when the recogniser lost the other character (合 for 合计), when exactly
    one label of two holds it (计 is in 合计, 总计 and 小计: none)."""
    if len(text) != 1 or text in HEADER_LABELS or not HAN_CHAR.fullmatch(text):
        return None
    whole = [lb for lb in HEADER_LABELS if len(lb) == 2 and text in lb]
    return whole[0] if len(whole) == 1 else None


def _subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(ch in chars for ch in short)


# ---------------------------------------------------------------- item names (scans, issue 17)

# the items summary tables (收支总表, 收入总表, 财政拨款收支总表) print without codes: the national
# lists' class names of 支出功能分类 and 经济分类 as budget summaries word them, their income sources
# and totals; a scanned name a character or two from one of these is a misreading of it
# (extract.scannames)
ITEM_NAMES = frozenset(
    [
        # income
        "部门预算",
        "财政拨款",
        "财政拨款收入",  # 上海's 财务收支预算总表: 一、财政拨款收入
        "一般公共预算拨款",
        "政府性基金拨款",
        "政府性基金预算拨款",
        "国有资本经营预算收入",
        "国有资本经营预算拨款",
        "上级补助收入",
        "事业收入",
        "事业单位经营收入",
        "附属单位上缴收入",
        "其他收入",
        "财政专户管理资金",
        "单位资金",
        "上年结转",
        "上年结转结余",
        "上年实户资金余额",
        "使用非财政拨款结余",
        "非财政拨款资金结余",
        "纳入财政专户管理的收费",
        "一般公共预算财政拨款",
        "政府性基金预算财政拨款",
        "国有资本经营预算财政拨款",
        "一般公共预算资金",  # 重庆, 上海 (福利院): the 收支总表's income as 资金, not 拨款
        "政府性基金预算资金",
        "国有资本经营预算资金",
        "用事业基金弥补收支差额",
        # totals and balances
        "本年收入合计",
        "本年支出合计",
        "收入总计",
        "支出总计",
        "结转下年",
        "年末结转和结余",
        "年初结转和结余",
        "未安排支出的实户资金",
        # 支出功能分类 classes
        "一般公共服务支出",
        "外交支出",
        "国防支出",
        "公共安全支出",
        "教育支出",
        "科学技术支出",
        "文化旅游体育与传媒支出",
        "社会保障和就业支出",
        "社会保险基金支出",
        "卫生健康支出",
        "节能环保支出",
        "城乡社区支出",
        "农林水支出",
        "交通运输支出",
        "资源勘探工业信息等支出",
        "商业服务业等支出",
        "金融支出",
        "援助其他地区支出",
        "自然资源海洋气象等支出",
        "住房保障支出",
        "粮油物资储备支出",
        "国有资本经营预算支出",
        "灾害防治及应急管理支出",
        "其他支出",
        "债务还本支出",
        "债务付息支出",
        "债务发行费用支出",
        "预备费",
        "转移性支出",
        # 经济分类 classes (部门 and 政府预算)
        "人员经费和公用经费支出",
        "专项业务经费支出",
        "工资福利支出",
        "商品和服务支出",
        "对个人和家庭的补助",
        "对个人和家庭补助",
        "资本性支出",
        "资本性支出（基本建设）",
        "债务利息及费用支出",
        "债务付息及费用支出",
        "对企业补助",
        "对企业补助（基本建设）",
        "对社会保障基金补助",
        "上缴上级支出",
        "事业单位经营支出",
        "对附属单位补助支出",
        "机关工资福利支出",
        "机关商品和服务支出",
        "机关资本性支出",
        "机关资本性支出（基本建设）",
        "对事业单位经常性补助",
        "对事业单位资本性补助",
        "对企业资本性支出",
        "基本支出",
        "项目支出",
        "人员经费",
        "公用经费",
    ]
)


def item_repair_limit(name: str) -> int:
    """The most edits a misread item name may be from ``name`` to be repaired to it: none for names
    of up to three characters, one up to six, two for longer ones."""
    if len(name) <= 3:
        return 0
    return 1 if len(name) <= 6 else 2


def nearest_item_name(text: str) -> tuple[str, int] | None:
    """The item name ``text`` (whitespace ignored, no enumerator) is a misreading of, and the edits
    between them: (text, 0) for a known name; the one nearest name within ``item_repair_limit`` and
    under a third of its length, no more than one character longer or shorter and not holding it
    whole (a 其他… name only to another, a 合计 never to a 总计); None when none is near, two are equally near, or ``text`` holds
    a digit (a year, an amount)."""
    t = _name_text(text)
    if not t or any(ch.isdigit() for ch in t):
        return None
    if t in ITEM_NAMES or t in HEADER_LABELS:
        return t, 0
    best = [(d, name) for d, name in _names_near(t, 1) if d <= item_repair_limit(name) and 3 * d < len(name)]
    if not best:
        return None
    tied = [name for d, name in best if d == best[0][0]]
    return (tied[0], best[0][0]) if len(tied) == 1 else None


def near_item_name(text: str, ratio: float) -> tuple[str, int] | None:
    """The item name ``text`` (whitespace ignored, no enumerator, no name itself) is a misreading of
    (``misread_chars``: within ``ratio`` × its length of characters read as others) — wider than
    ``nearest_item_name`` repairs: near enough that a reading of it is no name to trust, too far to
    repair on sight (财政发款收人 for 财政拨款收入) —, and the characters; the same names compared as
    ``nearest_item_name`` compares; None otherwise."""
    t = _name_text(text)
    if not t or any(ch.isdigit() for ch in t) or t in ITEM_NAMES or t in HEADER_LABELS:
        return None
    # only a misreading of a name (``misread_chars``): other words are a region's own name, as printed
    near = [(d, name) for d, name in _names_near(t, 0) if misread_chars(t, name, ratio)]
    return (near[0][1], near[0][0]) if near else None


def _name_text(text: str) -> str:
    return "".join(text.split()).replace("(", "（").replace(")", "）")


def _names_near(t: str, length_slack: int) -> list[tuple[int, str]]:
    """(edits, name) of the item names ``t`` may be a misreading of, nearest first: no more than
    ``length_slack`` characters longer or shorter, not held whole in ``t``, a 其他… name only for
    another, a 合计 never for a 总计."""
    found: list[tuple[int, str]] = []
    for name in ITEM_NAMES:
        if t.startswith("其他") != name.startswith("其他"):
            continue  # 其他… names the catch-all item of its class, no misreading of the class
        total = TOTAL_SUFFIX.search(t), TOTAL_SUFFIX.search(name)
        if total[0] and total[1] and total[0].group() != total[1].group():
            continue  # 收入合计 and 收入总计 are two totals, no misreading of one another
        if abs(len(name) - len(t)) > length_slack or name in t:
            continue  # a name holding a known one whole (一般公共预算财政拨款收入) is a name of its own
        d = edit_distance(t, name)
        if d > 0:
            found.append((d, name))
    return sorted(found)
