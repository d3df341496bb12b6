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

Codes and names come from ``classify/data/function_codes.tsv`` and
``economic_codes.tsv``; older-year names are taken from their alias column.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CODE_DIR = ROOT / "classify" / "data"

LEVEL1 = ("产出指标", "成本指标", "效益指标", "满意度指标")
LEVEL2_OF = {
    "产出指标": ("数量指标", "质量指标", "时效指标"),
    "成本指标": ("经济成本指标", "社会成本指标", "生态环境成本指标"),
    "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    "满意度指标": ("服务对象满意度指标",),
}

# --------------------------------------------------------------------------- codes


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    kind: str  # function | economic | gov_economic
    aliases: tuple[str, ...] = ()


@cache
def load_codes() -> dict[str, Code]:
    """Every code in classify/data/*.tsv, keyed by code (the three kinds never share a code)."""
    out: dict[str, Code] = {}
    for name in ("function_codes.tsv", "economic_codes.tsv"):
        lines = (CODE_DIR / name).read_text(encoding="utf-8").splitlines()
        for line in lines[1:]:
            if not line.strip():
                continue
            parts = line.split("\t")
            aliases = tuple(a for a in (parts[3].split("|") if len(parts) > 3 else []) if a)
            out[parts[0]] = Code(parts[0], parts[1], parts[2], aliases)
    return out


# names used before a renaming; every one is also an alias in the code files
_OLD_NAMES: dict[str, tuple[int, str]] = {
    "207": (2018, "文化体育与传媒支出"),
    "20701": (2018, "文化"),
    "210": (2018, "医疗卫生与计划生育支出"),
    "21001": (2018, "医疗卫生与计划生育管理事务"),
    "2100199": (2018, "其他医疗卫生与计划生育管理事务支出"),
    "21099": (2018, "其他医疗卫生与计划生育支出"),
    "2109999": (2018, "其他医疗卫生与计划生育支出"),
    "20805": (2018, "行政事业单位离退休"),
    "21301": (2018, "农业"),
    "2130199": (2018, "其他农业支出"),
    "21302": (2018, "林业"),
    "2130299": (2018, "其他林业支出"),
    "21305": (2020, "扶贫"),
    "2130599": (2020, "其他扶贫支出"),
    "220": (2018, "国土海洋气象等支出"),
    "22001": (2018, "国土资源事务"),
    "2080208": (2018, "基层政权和社区建设"),
}


def code_name(code: str, year: int = 2025) -> str:
    """The printed name of a classification code in a given year."""
    old = _OLD_NAMES.get(code)
    if old and year <= old[0]:
        return old[1]
    return load_codes()[code].name


def is_class_code(text: str) -> bool:
    return text in load_codes()


# --------------------------------------------------------------------------- gold model


@dataclass
class AmountColumn:
    """A numeric column of a table and where its rows' names and codes are printed."""

    col: int
    name_col: int
    code_cols: list[int] = field(default_factory=list)


@dataclass
class SumRelation:
    """A printed sum. axis 'col': in column ``line``, body row ``total`` = Σ body rows ``parts``;
    axis 'row': in body row ``line``, column ``total`` = Σ columns ``parts``. Blank cells are 0."""

    axis: str
    line: int
    total: int
    parts: list[int]


@dataclass
class GoldTable:
    seq: int  # 1-based order in the document
    label: str  # printed heading, e.g. '表5'; '' when none
    title: str
    table_type: str
    unit: str  # '元', '万元' or '' (performance tables, 目录)
    header: list[list[str]]  # full-width rows; cells covered by a merge are ''
    body: list[list[str]]
    spans: list[list[int]] = field(default_factory=list)  # [row, col, rowspan, colspan] over grid()
    index_row: list[str] = field(default_factory=list)  # the 栏次 row printed under the header, if any
    subtitle: str = ""  # e.g. '（2026年度）'
    empty: bool = False  # published as an empty table (空表)
    project: str = ""  # performance tables: the project they describe
    notes: list[str] = field(default_factory=list)
    amount_cols: list[AmountColumn] = field(default_factory=list)
    relations: list[SumRelation] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)  # column names as readers should give them

    @property
    def n_cols(self) -> int:
        rows = self.header + self.body + ([self.index_row] if self.index_row else [])
        return max((len(r) for r in rows), default=0)

    @property
    def body_offset(self) -> int:
        """Grid row of body row 0 (header rows plus the 栏次 row)."""
        return len(self.header) + (1 if self.index_row else 0)

    def grid(self) -> list[list[str]]:
        return [*self.header, *([self.index_row] if self.index_row else []), *self.body]

    def span_at(self, row: int, col: int) -> list[int] | None:
        """The merge covering grid cell (row, col), if any."""
        for sp in self.spans:
            r, c, rs, cs = sp
            if r <= row < r + rs and c <= col < c + cs:
                return sp
        return None


@dataclass
class GoldLineItem:
    table_seq: int
    label: str
    row: int  # grid row (header rows and the 栏次 row included)
    body_row: int
    col: int
    code: str  # classification code of the row ('' when the row has none)
    name: str
    column: str
    amount_yuan: str  # Decimal as a string, exact to the fen
    gov_code: str = ""  # economic tables: the 政府预算支出经济分类 code printed on the row


@dataclass
class GoldIndicator:
    table_seq: int
    row: int  # grid row
    body_row: int
    project: str
    level1: str
    level2: str  # always with the 指标 suffix
    level3: str  # the indicator without numbering prefixes ('1、', '指标1：')
    value: str
    level3_printed: str = ""


@dataclass
class SynthDoc:
    seed: int
    county: str
    department: str  # full name, e.g. '清河县民政局'
    department_short: str  # e.g. '民政局'
    dept_code: str
    year: int
    kind: str  # 'budget' | 'final'
    unit: str  # '元' | '万元'
    family: str  # table-set style: 'A' 陕西-like, 'B' 河北-like, 'C' generic, 'D' 决算
    cover: list[str]
    units: list[list[str]]  # [unit code, unit name]
    tables: list[GoldTable]
    line_items: list[GoldLineItem]
    indicators: list[GoldIndicator]
    preface: list[str] = field(default_factory=list)  # explanatory prose printed around the tables

    @property
    def doc_id(self) -> str:
        return f"synth_{self.seed:04d}"

    def to_dict(self) -> dict:
        return asdict(self)

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, d: dict) -> SynthDoc:
        tables = [
            GoldTable(
                **{
                    **t,
                    "amount_cols": [AmountColumn(**a) for a in t["amount_cols"]],
                    "relations": [SumRelation(**r) for r in t["relations"]],
                }
            )
            for t in d["tables"]
        ]
        return cls(
            **{
                **d,
                "tables": tables,
                "line_items": [GoldLineItem(**x) for x in d["line_items"]],
                "indicators": [GoldIndicator(**x) for x in d["indicators"]],
            }
        )

    @classmethod
    def from_json(cls, text: str) -> SynthDoc:
        return cls.from_dict(json.loads(text))


# --------------------------------------------------------------------------- helpers

_CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一 (1..99)."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "十" if tens == 1 else _CN_DIGITS[tens] + "十"
    return head + (_CN_DIGITS[ones] if ones else "")


def amount_text(fen: int, unit: str, style: str) -> str:
    """An amount in fen printed in the table's unit.

    styles: 'comma2' 1,704,000.00 · 'plain2' 1704000.00 · 'strip' 56 / 11.5 / 4.25 (trailing zeros dropped).
    """
    value = Decimal(fen) / Decimal(100)
    if unit == "万元":
        value = value / Decimal(10000)
    value = value.quantize(Decimal("0.01"))
    if style == "comma2":
        return f"{value:,.2f}"
    if style == "plain2":
        return f"{value:.2f}"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def header_grid(spec: list[list[tuple]], n_cols: int) -> tuple[list[list[str]], list[list[int]]]:
    """Header rows from a compact spec: each row lists (text, colspan=1, rowspan=1) cells placed
    left to right into the first free column (cells covered by a rowspan from above are skipped)."""
    n_rows = len(spec)
    grid = [["" for _ in range(n_cols)] for _ in range(n_rows)]
    taken = [[False] * n_cols for _ in range(n_rows)]
    spans: list[list[int]] = []
    for r, row in enumerate(spec):
        c = 0
        for cell in row:
            text, cs, rs = (tuple(cell) + (1, 1))[:3]
            while c < n_cols and taken[r][c]:
                c += 1
            if c + cs > n_cols:
                raise ValueError(f"header row {r} overflows {n_cols} columns")
            grid[r][c] = text
            for rr in range(r, min(r + rs, n_rows)):
                for cc in range(c, c + cs):
                    taken[rr][cc] = True
            if cs > 1 or rs > 1:
                spans.append([r, c, rs, cs])
            c += cs
    return grid, spans


def column_names(header: list[list[str]], spans: list[list[int]], n_cols: int) -> list[str]:
    """Header rows joined top-down with '/', whitespace removed; a merged cell names every
    column it covers and a vertical merge is named once (the contract of Table.columns())."""
    names: list[list[str]] = [[] for _ in range(n_cols)]
    n_header = len(header)
    for r in range(n_header):
        for c in range(n_cols):
            text = "".join(header[r][c].split()) if c < len(header[r]) else ""
            if not text:
                continue
            cs = 1
            for sr, sc, _rs, scs in spans:
                if sr == r and sc == c:
                    cs = scs
            for col in range(c, min(c + cs, n_cols)):
                if not names[col] or names[col][-1] != text:
                    names[col].append(text)
    return ["/".join(parts) for parts in names]


def _pick(rng: random.Random, seq):
    return seq[rng.randrange(len(seq))]


# --------------------------------------------------------------------------- departments

_COUNTY_TEXT = (
    "清河 东山 平阳 安远 永和 青川 石泉 宁陕 凤台 柳城 桐柏 新野 岚皋 丹凤 洛南 城固 旬阳 彬州 长武 合阳 "
    "蒲城 富平 武功 乾县 南漳 保康 竹山 房县 通山 崇阳 来凤 鹤峰 汝城 桂东 江华 宁远 龙胜 灵川 荔浦 陆川 "
    "德保 那坡 兴仁 普安 镇宁 紫云 剑河 榕江 宜良 石屏 弥勒 蒙自 屏边 文山 广南 富宁 临泽 高台 民乐 山丹 "
    "泾源 隆德 彭阳 海原 大通 湟源 乐都 民和 和田 皮山 洛浦 策勒 阜平 涞源 易县 曲阳 围场 丰宁 隆化 滦平 "
    "临城 内丘 柏乡 隆尧 沁源 沁县 武乡 襄垣 寿阳 昔阳 和顺 左权 建平 喀左 凌源 朝阳"
)
_COUNTY_NAMES = tuple(_COUNTY_TEXT.split())
_COUNTY_SUFFIX = ("县", "县", "县", "县", "区", "区", "市")
_CHARS_A = "金银玉青白红黄绿安平宁泰康福寿永长新兴广德仁义礼和顺清明丰盛"
_CHARS_B = "山水川河江湖溪源泉峰岭原阳阴城州林田谷桥门台关坪"


def county_name(rng: random.Random) -> str:
    """A county-level name: a real-sounding base (or a made-up one) and 县/区/市."""
    base = _pick(rng, _COUNTY_NAMES) if rng.random() < 0.75 else _pick(rng, _CHARS_A) + _pick(rng, _CHARS_B)
    suffix = _pick(rng, _COUNTY_SUFFIX)
    if base.endswith("县"):  # 乾县, 易县, 沁县 are already complete
        return base
    return base + suffix


@dataclass(frozen=True)
class Project:
    name: str
    func: str  # 7-digit function code
    econ: tuple[str, ...]  # economic codes the money goes to
    act: str  # activity, for indicator texts
    obj: str  # object counted
    goal: str
    size: tuple[int, int] = (20_000, 600_000)  # yuan


@dataclass(frozen=True)
class Dept:
    name: str
    admin_func: str
    inst_name: str  # subordinate public institution (事业单位); '' when none
    inst_func: str
    subject: str  # people served, for indicator texts
    projects: tuple[Project, ...]
    since: int = 2015
    old_name: str = ""


_DEPARTMENT_TABLE = """
医疗保障局 | 2101501 | 医疗保障经办中心 | 2101550 | 参保群众 | since=2019
    医保基金监管专项经费 | 2101506 | 30202 30211 30227 30226 | 定点医药机构现场检查 | 定点医药机构 | 医保基金安全运行
    医保信息系统运行维护 | 2101504 | 30207 30213 31007 | 系统运行维护 | 联网定点机构 | 医保经办信息化水平
    城乡居民医保参保征缴工作经费 | 2101506 | 30201 30202 30207 | 参保政策宣传 | 参保人员 | 全民参保计划落实
    城乡医疗救助资金 | 2101301 | 30307 | 困难群众医疗救助 | 救助人次 | 困难群众就医负担减轻 | 500000-5000000
    城乡居民基本医疗保险县级配套资金 | 2101202 | 30399 | 参保补助 | 参保人数 | 城乡居民医保待遇落实 | 1000000-30000000
    DIP支付方式改革工作经费 | 2101505 | 30202 30215 30216 | 支付方式改革培训 | 定点医疗机构 | 医保基金使用效率
教育局 | 2050101 | 教育研究室 | 2050199 | 学生
    学前教育幼儿资助资金 | 2050201 | 30308 | 幼儿资助 | 受助幼儿 | 家庭经济困难幼儿入园 | 100000-2000000
    义务教育学校公用经费 | 2050202 | 30201 30205 30206 30213 | 学校运转保障 | 在校学生 | 义务教育均衡发展 | 500000-8000000
    中小学教师培训经费 | 2050803 | 30216 30211 | 教师培训 | 培训教师 | 教师专业素质
    普通高中国家助学金 | 2050204 | 30308 | 助学金发放 | 受助学生 | 高中学生顺利完成学业 | 200000-3000000
    校园安全管理经费 | 2050199 | 30227 31003 | 校园安全检查 | 学校 | 校园安全稳定
农业农村局 | 2130101 | 农业技术推广中心 | 2130104 | 农户 | since=2019 | old=农业局
    农作物病虫害统防统治 | 2130108 | 30218 30226 | 病虫害防治 | 防治面积（亩） | 粮食稳产增产
    农产品质量安全监测 | 2130109 | 30218 30227 | 农产品抽检 | 抽检批次 | 农产品质量安全
    农业技术推广与培训 | 2130106 | 30216 30202 30211 | 农技培训 | 培训农户 | 农业科技水平
    农村人居环境整治 | 2130126 | 30227 31005 | 村庄清洁行动 | 整治村庄 | 农村人居环境改善 | 200000-3000000
    耕地地力保护补贴 | 2130122 | 30310 | 补贴发放 | 补贴面积（亩） | 耕地地力保护 | 1000000-10000000
卫生健康局 | 2100101 | 疾病预防控制中心 | 2100401 | 城乡居民 | since=2019 | old=卫生和计划生育局
    基本公共卫生服务项目 | 2100408 | 30227 30218 | 基本公共卫生服务 | 建档居民 | 居民健康水平 | 1000000-9000000
    重大公共卫生服务项目 | 2100409 | 30218 30227 | 重点人群筛查 | 筛查人数 | 重大疾病防控
    计划生育家庭奖励扶助 | 2100717 | 30305 | 奖扶资金发放 | 奖扶对象 | 计划生育家庭生活保障 | 100000-2000000
    突发公共卫生事件应急处置 | 2100410 | 30218 31003 | 应急演练 | 应急队伍 | 应急处置能力
民政局 | 2080201 | 社会福利中心 | 2081005 | 困难群众
    农村最低生活保障金 | 2081902 | 30305 | 低保金发放 | 保障人数 | 困难群众基本生活 | 1000000-20000000
    城市最低生活保障金 | 2081901 | 30305 | 低保金发放 | 保障人数 | 困难群众基本生活 | 500000-8000000
    特困人员救助供养 | 2082102 | 30305 30306 | 特困供养 | 供养人数 | 特困人员生活保障 | 300000-5000000
    临时救助资金 | 2082001 | 30306 | 临时救助 | 救助人次 | 急难群众及时救助 | 100000-2000000
    高龄老人生活补贴 | 2081002 | 30305 | 高龄补贴发放 | 高龄老人 | 老年人福利水平 | 200000-3000000
    社区治理工作经费 | 2080208 | 30201 30216 30227 | 社区工作者培训 | 城乡社区 | 基层治理能力
水利局 | 2130301 | 水土保持工作站 | 2130310 | 群众
    防汛抗旱工作经费 | 2130314 | 30218 30211 30226 | 汛期巡查 | 巡查河段 | 防汛安全
    水利工程运行维护 | 2130306 | 30213 30226 | 工程维修养护 | 维护工程 | 水利工程正常运行
    农村饮水安全维修养护 | 2130335 | 30213 31005 | 供水工程维修 | 受益人口 | 农村饮水安全 | 100000-2000000
    河湖长制工作经费 | 2130319 | 30202 30227 | 河湖巡查 | 河湖 | 河湖生态环境改善
    水土保持监测 | 2130310 | 30218 30227 | 水土保持监测 | 监测点 | 水土流失治理
司法局 | 2040601 | 公证处 | 2040650 | 群众
    普法宣传经费 | 2040605 | 30202 30201 | 普法宣传活动 | 宣传场次 | 群众法治意识
    社区矫正工作经费 | 2040610 | 30211 30227 | 社区矫正对象管理 | 矫正对象 | 社区矫正安全稳定
    人民调解工作经费 | 2040604 | 30226 30216 | 矛盾纠纷调解 | 调解案件 | 基层社会和谐
    公共法律服务体系建设 | 2040607 | 30227 31002 | 法律援助 | 援助案件 | 公共法律服务均等化
文化和旅游局 | 2070101 | 文化馆 | 2070109 | 群众 | since=2019 | old=文化广电局
    群众文化活动经费 | 2070108 | 30226 30202 30227 | 群众文化活动 | 活动场次 | 群众文化生活
    公共图书馆免费开放 | 2070104 | 30201 30213 31002 | 免费开放服务 | 接待读者人次 | 公共文化服务水平
    旅游宣传推介 | 2070113 | 30202 30227 | 旅游宣传推介 | 推介活动 | 旅游知名度
    文物保护经费 | 2070204 | 30213 30227 | 文物巡查 | 文物保护单位 | 文物安全
人力资源和社会保障局 | 2080101 | 就业服务中心 | 2080111 | 劳动者
    职业技能培训补贴 | 2080702 | 30305 | 职业技能培训 | 培训人数 | 劳动者就业能力 | 100000-2000000
    公益性岗位补贴 | 2080705 | 30305 | 公益性岗位开发 | 公益性岗位 | 困难人员就业 | 200000-3000000
    劳动保障监察经费 | 2080105 | 30211 30227 | 劳动保障监察 | 检查用人单位 | 劳动者合法权益
    社会保险经办工作经费 | 2080109 | 30202 30207 | 社保经办 | 参保人数 | 社会保险经办服务
审计局 | 2010801 | - | - | 被审计单位
    审计业务经费 | 2010804 | 30211 30227 | 审计项目 | 审计项目 | 审计监督全覆盖
    审计信息化建设 | 2010806 | 31007 30213 | 审计数据分析 | 联网单位 | 审计工作效率
统计局 | 2010501 | 普查中心 | 2010550 | 调查对象
    专项普查经费 | 2010507 | 30226 30202 30211 | 普查登记 | 普查对象 | 普查数据质量
    统计抽样调查经费 | 2010508 | 30226 30211 | 抽样调查 | 调查户 | 统计数据准确
财政局 | 2010601 | 国库集中支付中心 | 2010650 | 预算单位
    财政信息化建设 | 2010607 | 31007 30213 | 系统运维 | 联网单位 | 财政管理信息化
    预算绩效评价经费 | 2010604 | 30227 30226 | 绩效评价 | 评价项目 | 财政资金使用效益
    财政国库业务经费 | 2010605 | 30202 30204 | 国库集中支付 | 支付笔数 | 资金支付安全
退役军人事务局 | 2082801 | 退役军人服务中心 | 2082850 | 优抚对象 | since=2019
    义务兵家庭优待金 | 2080805 | 30305 | 优待金发放 | 义务兵家庭 | 拥军优属政策落实 | 200000-3000000
    伤残人员抚恤 | 2080802 | 30304 | 抚恤金发放 | 伤残人员 | 优抚对象生活保障 | 100000-2000000
    退役士兵安置经费 | 2080901 | 30305 30216 | 退役士兵培训 | 退役士兵 | 退役士兵安置质量
    拥军优属活动经费 | 2082804 | 30202 30226 | 走访慰问 | 慰问对象 | 军政军民团结
应急管理局 | 2240101 | 应急救援服务中心 | 2240150 | 群众 | since=2019
    安全生产监管经费 | 2240106 | 30211 30227 | 安全生产检查 | 检查企业 | 安全生产形势稳定
    应急救援物资储备 | 2240108 | 30218 31003 | 物资储备 | 储备物资品种 | 应急保障能力
    自然灾害风险普查 | 2240104 | 30226 30227 | 风险普查 | 普查乡镇 | 灾害风险底数清楚
住房和城乡建设局 | 2120101 | 城乡建设服务中心 | 2120199 | 城乡居民
    农村危房改造补助 | 2210105 | 30399 | 危房改造 | 改造户数 | 农村住房安全 | 300000-5000000
    城镇老旧小区改造 | 2210108 | 31005 30227 | 小区改造 | 改造小区 | 居住环境改善 | 500000-8000000
    城乡环境卫生整治 | 2120501 | 30226 30227 | 环境卫生整治 | 清扫面积（万平方米） | 城乡环境卫生
    建筑市场监管经费 | 2120601 | 30211 30202 | 建筑工地检查 | 在建项目 | 建筑市场秩序
交通运输局 | 2140101 | 公路管理段 | 2140106 | 群众
    农村公路养护 | 2140106 | 30213 30226 | 公路养护 | 养护里程（公里） | 农村公路通行条件 | 200000-5000000
    城市公交运营补贴 | 2140401 | 39999 | 公交运营补贴 | 公交线路 | 群众出行便利 | 200000-3000000
    道路运输安全监管 | 2140110 | 30211 30227 | 运输企业检查 | 检查企业 | 道路运输安全
林业局 | 2130201 | 林业工作站 | 2130204 | 林农
    森林防火经费 | 2130234 | 30218 30226 | 森林防火巡查 | 巡护面积（万亩） | 森林资源安全
    造林绿化工程 | 2130205 | 30218 30226 31005 | 植树造林 | 造林面积（亩） | 森林覆盖率 | 100000-3000000
    生态护林员补助 | 2130209 | 30305 | 护林员补助发放 | 生态护林员 | 森林资源管护 | 100000-2000000
市场监督管理局 | 2013801 | 检验检测中心 | 2013850 | 群众 | since=2019
    食品安全抽检经费 | 2013816 | 30218 30227 | 食品安全抽检 | 抽检批次 | 食品安全形势稳定
    特种设备安全监管 | 2013815 | 30211 30227 | 特种设备检查 | 检查设备 | 特种设备安全
    市场秩序执法经费 | 2013805 | 30211 30202 | 执法检查 | 检查经营主体 | 市场秩序规范
科学技术局 | 2060101 | - | - | 企业
    科普活动经费 | 2060702 | 30202 30226 | 科普宣传 | 科普活动 | 公民科学素质
    科技成果转化奖补 | 2060404 | 39999 | 成果转化奖补 | 奖补企业 | 企业创新能力
"""


def _parse_departments(text: str) -> tuple[Dept, ...]:
    """Departments from the table above: a department line (name | 机关 function code | 事业单位 |
    its function code | people served | since=YYYY | old=name), then its projects indented
    (name | function code | economic codes | activity | object counted | goal | yuan range)."""
    depts: list[Dept] = []
    for line in text.strip("\n").splitlines():
        fields = [f.strip() for f in line.split("|")]
        if line.startswith(" "):
            name, func, econ, act, obj, goal, *size = fields
            lo, hi = (int(x) for x in size[0].split("-")) if size else (20_000, 600_000)
            d = depts[-1]
            proj = Project(name, func, tuple(econ.split()), act, obj, goal, (lo, hi))
            depts[-1] = Dept(
                d.name,
                d.admin_func,
                d.inst_name,
                d.inst_func,
                d.subject,
                (*d.projects, proj),
                d.since,
                d.old_name,
            )
            continue
        name, admin, inst, inst_func, subject, *opts = fields
        kw = dict(o.split("=", 1) for o in opts)
        depts.append(
            Dept(
                name,
                admin,
                "" if inst == "-" else inst,
                "" if inst_func == "-" else inst_func,
                subject,
                (),
                int(kw.get("since", 2015)),
                kw.get("old", ""),
            )
        )
    return tuple(depts)


DEPARTMENTS: tuple[Dept, ...] = _parse_departments(_DEPARTMENT_TABLE)


def departments_for(year: int) -> list[Dept]:
    """Departments that exist (under their current name or an older one) in a year."""
    return [d for d in DEPARTMENTS if year >= d.since or d.old_name]


def dept_display_name(dept: Dept, year: int) -> str:
    if year < dept.since and dept.old_name:
        return dept.old_name
    return dept.name


# --------------------------------------------------------------------------- money


@dataclass(frozen=True)
class Atom:
    unit: str  # unit code
    unit_kind: str  # 'admin' (机关) | 'inst' (事业单位)
    func: str  # 7-digit function code
    econ: str  # 5-digit 部门预算支出经济分类 code
    gov: str  # 5-digit 政府预算支出经济分类 code
    cat: str  # 'person' | 'public' | 'project'
    fund: str  # 'gpb' (一般公共预算拨款) | 'other' (事业收入)
    project: str
    fen: int


_PERSON_WEIGHTS = (  # econ, share of wage bill, admin?, inst?
    ("30101", 0.30, True, True),
    ("30102", 0.24, True, True),
    ("30103", 0.07, True, False),
    ("30107", 0.12, False, True),
    ("30108", 0.105, True, True),
    ("30109", 0.04, True, True),
    ("30110", 0.055, True, True),
    ("30111", 0.01, True, False),
    ("30112", 0.006, True, True),
    ("30113", 0.09, True, True),
    ("30199", 0.01, True, True),
)
_PUBLIC_ITEMS = (
    "30201",
    "30205",
    "30206",
    "30207",
    "30211",
    "30213",
    "30216",
    "30217",
    "30228",
    "30229",
    "30231",
    "30239",
    "30299",
)


def gov_code_for(econ: str, unit_kind: str) -> str:
    """The 政府预算支出经济分类 code a 部门预算 economic code maps to."""
    cls = econ[:3]
    if unit_kind == "inst" and cls in ("301", "302"):
        return "50501" if cls == "301" else "50502"
    if unit_kind == "inst" and cls == "310":
        return "50601"
    if cls == "301":
        if econ in ("30101", "30102", "30103", "30107"):
            return "50101"
        if econ in ("30108", "30109", "30110", "30111", "30112"):
            return "50102"
        if econ == "30113":
            return "50103"
        return "50199"
    if cls == "302":
        return {
            "30215": "50202",
            "30216": "50203",
            "30218": "50204",
            "30227": "50205",
            "30217": "50206",
            "30212": "50207",
            "30231": "50208",
            "30213": "50209",
            "30226": "50299",
            "30299": "50299",
        }.get(econ, "50201")
    if cls == "303":
        if econ in ("30301", "30302", "30303"):
            return "50905"
        if econ == "30308":
            return "50902"
        if econ == "30310":
            return "50903"
        if econ in ("30304", "30305", "30306", "30307"):
            return "50901"
        return "50999"
    if cls == "310":
        return {"31001": "50301", "31005": "50302", "31013": "50303", "31006": "50307"}.get(econ, "50306")
    return "59999"


def make_atoms(
    rng: random.Random, dept: Dept, year: int, units: list[tuple[str, str, str]], quantum: int
) -> list[Atom]:
    """The department's money: personnel and running costs per unit, and its projects."""

    def q(yuan: float) -> int:
        return max(0, int(round(yuan * 100 / quantum))) * quantum

    atoms: list[Atom] = []
    pension_in_main = rng.random() < 0.3
    other_fund_units = {u for u, kind, _ in units if kind == "inst" and rng.random() < 0.35}
    for ucode, kind, _uname in units:
        staff = rng.randint(6, 45) if kind == "admin" else rng.randint(5, 60)
        wage = staff * rng.uniform(80_000, 140_000)
        main = dept.admin_func if kind == "admin" else dept.inst_func
        for econ, share, in_admin, in_inst in _PERSON_WEIGHTS:
            if (kind == "admin" and not in_admin) or (kind == "inst" and not in_inst):
                continue
            if econ in ("30111", "30199", "30112") and rng.random() < 0.4:
                continue
            fen = q(wage * share * rng.uniform(0.85, 1.15))
            func = {
                "30108": "2080505",
                "30109": "2080506",
                "30110": "2101101" if kind == "admin" else "2101102",
                "30111": "2101103",
                "30113": "2210201",
                "30112": main if pension_in_main else "2089999",
            }.get(econ, main)
            if year < 2016 and econ == "30109":
                continue
            atoms.append(Atom(ucode, kind, func, econ, gov_code_for(econ, kind), "person", "gpb", "", fen))
        if rng.random() < 0.35:
            retire = q(rng.randint(1, 8) * rng.uniform(40_000, 70_000))
            func = "2080501" if kind == "admin" else "2080502"
            atoms.append(
                Atom(ucode, kind, func, "30302", gov_code_for("30302", kind), "person", "gpb", "", retire)
            )
        if rng.random() < 0.25:
            atoms.append(
                Atom(
                    ucode,
                    kind,
                    main,
                    "30305",
                    gov_code_for("30305", kind),
                    "person",
                    "gpb",
                    "",
                    q(staff * rng.uniform(500, 2000)),
                )
            )
        # running costs (公用经费)
        per_head = rng.uniform(4_000, 12_000)
        items = [e for e in _PUBLIC_ITEMS if rng.random() < 0.6] or ["30201"]
        weights = [rng.uniform(0.5, 3.0) for _ in items]
        total = staff * per_head
        for econ, w in zip(items, weights, strict=True):
            share = w / sum(weights)
            fen = q(total * share)
            if econ == "30217":
                fen = q(rng.choice([2_000, 3_000, 5_000, 8_000, 10_000]))
            if fen:
                fund = "other" if ucode in other_fund_units and econ in ("30205", "30206", "30213") else "gpb"
                atoms.append(Atom(ucode, kind, main, econ, gov_code_for(econ, kind), "public", fund, "", fen))
    # projects (专项业务经费 / 项目支出), all in the first unit or spread over units
    n_proj = rng.randint(1, min(5, len(dept.projects)))
    for proj in rng.sample(list(dept.projects), n_proj):
        ucode, kind, _ = units[0]
        lo, hi = proj.size
        total = rng.uniform(lo, hi)
        econs = list(proj.econ)
        n = rng.randint(1, len(econs))
        chosen = econs[:n]
        weights = [rng.uniform(0.5, 2.0) for _ in chosen]
        for econ, w in zip(chosen, weights, strict=True):
            # project money is planned in whole hundreds of yuan: its 万元 figure in the
            # performance table is then exact
            fen = max(0, int(round(total * w / sum(weights) / 100))) * 10_000
            if fen:
                atoms.append(
                    Atom(
                        ucode,
                        kind,
                        proj.func,
                        econ,
                        gov_code_for(econ, kind),
                        "project",
                        "gpb",
                        proj.name,
                        fen,
                    )
                )
    return [a for a in atoms if a.fen > 0]


def total(atoms: Iterable[Atom], pred: Callable[[Atom], bool] | None = None) -> int:
    return sum(a.fen for a in atoms if pred is None or pred(a))


IS_PERSON: Callable[[Atom], bool] = lambda a: a.cat == "person"  # noqa: E731
IS_PUBLIC: Callable[[Atom], bool] = lambda a: a.cat == "public"  # noqa: E731
IS_BASIC: Callable[[Atom], bool] = lambda a: a.cat != "project"  # noqa: E731
IS_PROJECT: Callable[[Atom], bool] = lambda a: a.cat == "project"  # noqa: E731
ALL: Callable[[Atom], bool] = lambda a: True  # noqa: E731


# --------------------------------------------------------------------------- table context


@dataclass
class Ctx:
    rng: random.Random
    county: str
    dept: Dept
    dept_short: str
    full_name: str
    dept_code: str
    year: int
    kind: str
    unit: str
    style: str  # number style
    zero: str  # how a zero prints in summary tables
    atoms: list[Atom]
    units: list[tuple[str, str, str]]
    prefix: str  # title prefix, e.g. '2026年部门综合预算'
    word: str  # '预算数' | '决算数'

    @property
    def gpb(self) -> list[Atom]:
        return [a for a in self.atoms if a.fund == "gpb"]

    def amt(self, fen: int, zero: str = "") -> str:
        return amount_text(fen, self.unit, self.style) if fen else zero


def _table(ctx: Ctx, title: str, ttype: str, spec, n_cols: int, **kw) -> GoldTable:
    header, spans = header_grid(spec, n_cols) if spec else ([], [])
    t = GoldTable(
        seq=0,
        label="",
        title=title,
        table_type=ttype,
        unit=ctx.unit,
        header=header,
        body=[],
        spans=spans,
        **kw,
    )
    return t


def _finish(t: GoldTable) -> GoldTable:
    n = t.n_cols
    for rows in (t.header, t.body):
        for r in rows:
            while len(r) < n:
                r.append("")
    if t.index_row:
        while len(t.index_row) < n:
            t.index_row.append("")
    t.columns = column_names(t.header, [s for s in t.spans if s[0] < len(t.header)], n)
    return t


def hierarchy(
    atoms: list[Atom], key: Callable[[Atom], str], cols: list[Callable[[Atom], bool]], levels: tuple[int, ...]
) -> list[tuple[int, str, list[int]]]:
    """(level, code, per-column fen) rows for codes cut at each length in ``levels``, parents first."""
    sums: dict[str, list[int]] = defaultdict(lambda: [0] * len(cols))
    for a in atoms:
        code = key(a)
        for cut in levels:
            row = sums[code[:cut]]
            for i, pred in enumerate(cols):
                if pred(a):
                    row[i] += a.fen
    out = []
    for code in sorted(sums):
        if any(sums[code]):
            out.append((levels.index(len(code)), code, sums[code]))
    return out


def add_hierarchy_relations(
    t: GoldTable,
    first_body_row: int,
    rows: list[tuple[int, str]],
    amount_cols: list[int],
    total_row: int | None,
) -> None:
    """Relations for a code hierarchy printed from body row ``first_body_row`` on:
    total row = Σ top-level rows and every parent = Σ its children, in each amount column."""
    idx = {i: (lvl, code) for i, (lvl, code) in enumerate(rows)}
    for col in amount_cols:
        if total_row is not None:
            tops = [first_body_row + i for i, (lvl, _c) in idx.items() if lvl == 0]
            t.relations.append(SumRelation("col", col, total_row, tops))
        for i, (lvl, code) in idx.items():
            kids = [
                first_body_row + j for j, (l2, c2) in idx.items() if l2 == lvl + 1 and c2.startswith(code)
            ]
            if kids:
                t.relations.append(SumRelation("col", col, first_body_row + i, kids))


# --------------------------------------------------------------------------- tables: function / economic


def function_table(
    ctx: Ctx,
    atoms: list[Atom],
    title: str,
    ttype: str,
    value_cols: list[tuple[str, Callable[[Atom], bool]]],
    layout: str,
    total_first: bool = True,
    remark: bool = False,
) -> GoldTable:
    """A table by function code. ``value_cols[0]`` must be the total of the rest.

    layouts: 'plain' (功能科目编码 | 功能科目名称 | …), 'serial' (序号 | 科目编码 | 科目名称 | … with 栏次),
    'split' (科目编码 类|款|项 | 科目名称 | …), 'final' (项目: 科目编码 | 科目名称 | … with 栏次).
    """
    rows = hierarchy(atoms, lambda a: a.func, [p for _n, p in value_cols], (3, 5, 7))
    names = [n for n, _p in value_cols]
    n_vals = len(names)
    if layout == "plain":
        lead = 2
        spec = [
            [("功能科目编码",), ("功能科目名称",), *[(n,) for n in names], *([("备注",)] if remark else [])]
        ]
    elif layout == "serial":
        lead = 3
        spec = [
            [("序号", 1, 2), ("功能分类科目", 2, 1), *[(n, 1, 2) for n in names]],
            [("科目编码",), ("科目名称",)],
        ]
    elif layout == "split":
        lead = 4
        top = [("科目编码", 3, 1), ("科目名称", 1, 2)]
        if names[1:] and "人员经费" in names[1] and "公用经费" in names[2]:
            top += [(names[0], 1, 2), ("基本支出", 2, 1), *[(n, 1, 2) for n in names[3:]]]
            spec = [top, [("类",), ("款",), ("项",), ("人员经费",), ("公用经费",)]]
        else:
            top += [(n, 1, 2) for n in names]
            spec = [top, [("类",), ("款",), ("项",)]]
    else:  # final
        lead = 2
        spec = [[("项目", 2, 1), *[(n, 1, 2) for n in names]], [("科目编码",), ("科目名称",)]]
    n_cols = lead + n_vals + (1 if remark and layout == "plain" else 0)
    t = _table(ctx, title, ttype, spec, n_cols)
    if layout in ("serial", "final"):
        t.index_row = (
            ["栏次"] + [str(i) for i in range(1, n_cols)]
            if layout == "serial"
            else ["栏次", ""] + [str(i) for i in range(1, n_vals + 1)]
        )
    val0 = lead
    grand = [total(atoms, p) for _n, p in value_cols]

    def make_row(serial: int, code: str, name: str, vals: list[int]) -> list[str]:
        cells = [ctx.amt(v) for v in vals]
        if layout == "plain":
            return [code, name, *cells, *([""] if remark else [])]
        if layout == "serial":
            return [str(serial), code, name, *cells]
        if layout == "split":
            parts = [code[:3], code[3:5], code[5:7]] if code else ["", "", ""]
            return [*parts, name, *cells]
        return [code, name, *cells]

    total_name = _pick(ctx.rng, ["合计", "合计", "合    计"]) if layout != "final" else "合计"
    body: list[list[str]] = []
    code_rows = [(lvl, code) for lvl, code, _v in rows]
    if total_first:
        body.append(make_row(1, "", total_name, grand))
    for i, (_lvl, code, vals) in enumerate(rows):
        body.append(make_row(i + 1 + (1 if total_first else 0), code, code_name(code, ctx.year), vals))
    if not total_first:
        body.append(make_row(len(rows) + 1, "", total_name, grand))
    t.body = body
    first = 1 if total_first else 0
    total_row = 0 if total_first else len(body) - 1
    amount_idx = list(range(val0, val0 + n_vals))
    code_cols = [0, 1, 2] if layout == "split" else ([1] if layout == "serial" else [0])
    name_col = 3 if layout == "split" else (2 if layout == "serial" else 1)
    t.amount_cols = [AmountColumn(c, name_col, code_cols) for c in amount_idx]
    add_hierarchy_relations(t, first, code_rows, amount_idx, total_row)
    for r in range(len(body)):
        t.relations.append(SumRelation("row", r, val0, amount_idx[1:]))
    return _finish(t)


def economic_table(
    ctx: Ctx,
    atoms: list[Atom],
    title: str,
    ttype: str,
    value_cols: list[tuple[str, Callable[[Atom], bool]]],
    layout: str,
    remark: bool = False,
) -> GoldTable:
    """A table by economic code. layouts: 'dual' (部门 and 政府 codes, one row per pair),
    'plain' (科目编码 | 科目名称 | …), 'serial' (序号 | 科目编码 | 科目名称 | … with 栏次)."""
    names = [n for n, _p in value_cols]
    preds = [p for _n, p in value_cols]
    n_vals = len(names)
    if layout == "dual":
        lead = 4
        spec = [
            [
                ("部门经济科目编码",),
                ("部门经济科目名称",),
                ("政府经济科目编码",),
                ("政府经济科目名称",),
                *[(n,) for n in names],
                *([("备注",)] if remark else []),
            ]
        ]
    elif layout == "serial":
        lead = 3
        group = _pick(ctx.rng, ["支出部门经济分类科目", "部门预算支出经济分类科目"])
        top_name = _pick(ctx.rng, ["一般公共预算基本支出", "一般公共预算支出"])
        spec = [
            [("序号", 1, 2), (group, 2, 1), (top_name, n_vals, 1)],
            [("科目编码",), ("科目名称",), *[(n,) for n in names]],
        ]
    else:
        lead = 2
        spec = [[("经济科目编码",), ("经济科目名称",), *[(n,) for n in names]]]
    n_cols = lead + n_vals + (1 if remark and layout == "dual" else 0)
    t = _table(ctx, title, ttype, spec, n_cols)
    if layout == "serial":
        t.index_row = ["栏次"] + [str(i) for i in range(1, n_cols)]
    body: list[list[str]] = []
    grand = [total(atoms, p) for p in preds]
    total_name = _pick(ctx.rng, ["合计", "合                   计"]) if layout == "dual" else "合计"
    if layout == "dual":
        body.append(["", total_name, "", "", *[ctx.amt(v) for v in grand], *([""] if remark else [])])
    elif layout == "serial":
        body.append(["1", "", "合计", *[ctx.amt(v) for v in grand]])
    else:
        body.append(["", "合计", *[ctx.amt(v) for v in grand]])
    classes: dict[str, list[int]] = defaultdict(lambda: [0] * n_vals)
    leaves: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0] * n_vals)
    for a in atoms:
        for i, p in enumerate(preds):
            if p(a):
                classes[a.econ[:3]][i] += a.fen
                leaves[(a.econ, a.gov if layout == "dual" else "")][i] += a.fen
    code_rows: list[tuple[int, str]] = []
    leaf_rows_of: dict[int, list[int]] = {}
    for cls in sorted(classes):
        if not any(classes[cls]):
            continue
        r_cls = len(body)
        vals = classes[cls]
        if layout == "dual":
            body.append([cls, code_name(cls), "", "", *[ctx.amt(v) for v in vals], *([""] if remark else [])])
        elif layout == "serial":
            body.append([str(len(body) + 1), cls, code_name(cls), *[ctx.amt(v) for v in vals]])
        else:
            body.append([cls, code_name(cls), *[ctx.amt(v) for v in vals]])
        code_rows.append((0, cls))
        leaf_rows_of[r_cls] = []
        for (econ, gov), lv in sorted(leaves.items()):
            if econ[:3] != cls or not any(lv):
                continue
            leaf_rows_of[r_cls].append(len(body))
            if layout == "dual":
                body.append(
                    [
                        econ,
                        code_name(econ),
                        gov,
                        code_name(gov),
                        *[ctx.amt(v) for v in lv],
                        *([""] if remark else []),
                    ]
                )
            elif layout == "serial":
                body.append([str(len(body) + 1), econ, code_name(econ), *[ctx.amt(v) for v in lv]])
            else:
                body.append([econ, code_name(econ), *[ctx.amt(v) for v in lv]])
    t.body = body
    amount_idx = list(range(lead, lead + n_vals))
    code_col = 1 if layout == "serial" else 0
    name_col = 2 if layout == "serial" else 1
    t.amount_cols = [AmountColumn(c, name_col, [code_col]) for c in amount_idx]
    for col in amount_idx:
        t.relations.append(SumRelation("col", col, 0, sorted(leaf_rows_of)))
        for r_cls, kids in leaf_rows_of.items():
            t.relations.append(SumRelation("col", col, r_cls, kids))
    for r in range(len(body)):
        t.relations.append(SumRelation("row", r, lead, amount_idx[1:]))
    return _finish(t)


def economic_side_by_side(ctx: Ctx, atoms: list[Atom], title: str, ttype: str) -> GoldTable:
    """Basic expenditure by economic code in two column groups: 人员经费 | 公用经费 (决算 style)."""
    word = ctx.word
    spec = [
        [("人员经费", 3, 1), ("公用经费", 3, 1)],
        [("科目编码",), ("科目名称",), (word,), ("科目编码",), ("科目名称",), (word,)],
    ]
    t = _table(ctx, title, ttype, spec, 6)

    def lines(pred: Callable[[Atom], bool]) -> list[tuple[str, int, bool]]:
        cls: dict[str, int] = defaultdict(int)
        leaf: dict[str, int] = defaultdict(int)
        for a in atoms:
            if pred(a):
                cls[a.econ[:3]] += a.fen
                leaf[a.econ] += a.fen
        out = []
        for c in sorted(cls):
            out.append((c, cls[c], True))
            out.extend((e, v, False) for e, v in sorted(leaf.items()) if e[:3] == c)
        return out

    left = lines(lambda a: a.cat == "person")
    right = lines(lambda a: a.cat == "public")
    n = max(len(left), len(right))
    body = []
    for i in range(n):
        row = []
        for side in (left, right):
            if i < len(side):
                code, v, _is_cls = side[i]
                row += [code, code_name(code), ctx.amt(v, "0.00" if ctx.zero else "")]
            else:
                row += ["", "", ""]
        body.append(row)
    body.append(
        [
            "人员经费合计",
            "",
            ctx.amt(total(atoms, IS_PERSON)),
            "公用经费合计",
            "",
            ctx.amt(total(atoms, IS_PUBLIC)),
        ]
    )
    t.body = body
    t.spans += [[t.body_offset + len(body) - 1, 0, 1, 2], [t.body_offset + len(body) - 1, 3, 1, 2]]
    t.amount_cols = [AmountColumn(2, 1, [0]), AmountColumn(5, 4, [3])]
    for col, side in ((2, left), (5, right)):
        cls_rows = [i for i, (_c, _v, is_cls) in enumerate(side) if is_cls]
        t.relations.append(SumRelation("col", col, len(body) - 1, cls_rows))
        for k, r in enumerate(cls_rows):
            end = cls_rows[k + 1] if k + 1 < len(cls_rows) else len(side)
            t.relations.append(SumRelation("col", col, r, list(range(r + 1, end))))
    # the totals row names its amounts in the label column
    t.amount_cols = [AmountColumn(2, 1, [0]), AmountColumn(5, 4, [3])]
    return _finish(t)


# --------------------------------------------------------------------------- tables: summaries


def _class_list(year: int, long: bool) -> list[str]:
    codes = [
        "201",
        "202",
        "203",
        "204",
        "205",
        "206",
        "207",
        "208",
        "209",
        "210",
        "211",
        "212",
        "213",
        "214",
        "215",
        "216",
        "217",
        "219",
        "220",
        "221",
        "222",
        "223",
    ]
    if year >= 2019:
        codes.append("224")
    if long:
        codes += ["227", "229", "230", "231", "232", "233"]
        if 2020 <= year <= 2022:
            codes.append("234")
    else:
        codes.append("229")
    return codes


def _numbered(i: int, text: str, style: str) -> str:
    if style == "cn":
        return f"{cn_number(i)}、{text}"
    return f"{i}、{text}"


def side_by_side_summary(ctx: Ctx, title: str, ttype: str, fiscal: bool, layout: str) -> GoldTable:
    """收支总表 / 财政拨款收支总表 with income and expense groups side by side.

    layouts: 'four' (收入 | 功能大类 | 部门经济大类 | 政府经济大类, 陕西 style), 'two' (收入 | 支出),
    'serial' (序号 | 收入 | 支出 with 栏次, 河北 style), 'final' (项目 | 行次 | 决算数, 决算 style).
    """
    atoms = ctx.gpb if fiscal else ctx.atoms
    rng = ctx.rng
    word = ctx.word
    all_total = total(atoms)
    gpb_total = total(ctx.gpb)
    other_total = total(ctx.atoms, lambda a: a.fund == "other")
    zero = ctx.zero
    num_style = "arabic" if layout == "four" else "cn"
    long = layout in ("serial", "final") or rng.random() < 0.3
    by_class: dict[str, int] = defaultdict(int)
    for a in atoms:
        by_class[a.func[:3]] += a.fen
    # income lines: (text, fen, is_top, parent index or None)
    income: list[tuple[str, int | None, int | None]] = []  # text, fen, parent
    if layout == "four":
        if fiscal:
            income = [
                ("一、财政拨款", gpb_total, None),
                ("1、一般公共预算拨款", gpb_total, 0),
                ("其中：专项资金列入部门预算的项目", 0, None),
                ("2、政府性基金拨款", 0, 0),
                ("3、国有资本经营预算收入", 0, 0),
            ]
        else:
            income = [
                ("一、部门预算", all_total, None),
                ("1、财政拨款", gpb_total, 0),
                ("(1)一般公共预算拨款", gpb_total, 1),
                ("其中：专项资金列入部门预算的项目", 0, None),
                ("(2)政府性基金拨款", 0, 1),
                ("(3)国有资本经营预算收入", 0, 1),
                ("2、上级补助收入", 0, 0),
                ("3、事业收入", other_total, 0),
                ("其中：纳入财政专户管理的收费", 0, None),
                ("4、事业单位经营收入", 0, 0),
                ("5、附属单位上缴收入", 0, 0),
                ("6、其他收入", 0, 0),
            ]
    elif fiscal:
        income = [
            ("一、一般公共预算拨款" + ("收入" if layout == "final" else ""), gpb_total, None),
            ("二、政府性基金预算拨款" + ("收入" if layout == "final" else ""), 0, None),
            ("三、国有资本经营预算拨款" + ("收入" if layout == "final" else ""), 0, None),
        ]
    else:
        names = ["一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入"]
        if layout == "final":
            names = [
                "一般公共预算财政拨款收入",
                "政府性基金预算财政拨款收入",
                "国有资本经营预算财政拨款收入",
                "上级补助收入",
                "事业收入",
                "经营收入",
                "附属单位上缴收入",
                "其他收入",
            ]
        else:
            names += [
                "财政专户管理资金收入",
                "事业收入",
                "事业单位经营收入",
                "上级补助收入",
                "附属单位上缴收入",
                "其他收入",
            ]
        income = [
            (
                _numbered(i + 1, n, "cn"),
                gpb_total if i == 0 else (other_total if n == "事业收入" else 0),
                None,
            )
            for i, n in enumerate(names)
        ]
    # expense groups
    classes = _class_list(ctx.year, long)
    func_group = [
        (_numbered(i + 1, code_name(c, ctx.year), num_style), by_class.get(c, 0), None)
        for i, c in enumerate(classes)
    ]
    groups: list[tuple[str, str, list]] = []  # (group header, item header, lines)
    if layout == "four":
        top_name = "一、财政拨款" if fiscal else "一、部门预算"
        func_group = [(top_name, total(atoms), None)] + [(t, v, 0) for t, v, _p in func_group]
        person_public = total(atoms, IS_BASIC)
        proj = total(atoms, IS_PROJECT)

        def econ_sum(pred_cat: Callable[[Atom], bool], cls: str) -> int:
            return total(atoms, lambda a: pred_cat(a) and a.econ[:3] == cls)

        dept_lines = [
            (top_name, total(atoms), None),
            ("1、人员经费和公用经费支出", person_public, 0),
            ("(1)工资福利支出", econ_sum(IS_BASIC, "301"), 1),
            ("(2)商品和服务支出", econ_sum(IS_BASIC, "302"), 1),
            ("(3)对个人和家庭的补助", econ_sum(IS_BASIC, "303"), 1),
            ("(4)资本性支出", econ_sum(IS_BASIC, "310"), 1),
            ("2、专项业务经费支出", proj, 0),
        ]
        p_idx = len(dept_lines) - 1
        for k, (cls, text) in enumerate(
            [
                ("301", "工资福利支出"),
                ("302", "商品和服务支出"),
                ("303", "对个人和家庭补助"),
                ("307", "债务利息及费用支出"),
                ("309", "资本性支出（基本建设）"),
                ("310", "资本性支出"),
                ("311", "对企业补助（基本建设）"),
                ("312", "对企业补助"),
                ("313", "对社会保障基金补助"),
                ("399", "其他支出"),
            ]
        ):
            dept_lines.append((f"({k + 1}){text}", econ_sum(IS_PROJECT, cls), p_idx))
        dept_lines += [
            ("3、上缴上级支出", 0, 0),
            ("4、事业单位经营支出", 0, 0),
            ("5、对附属单位补助支出", 0, 0),
        ]
        gov_codes = ["501", "502", "503", "504", "505", "506", "507", "508", "509", "510"]
        if long:
            gov_codes += ["511", "512", "513", "514"]
        gov_codes.append("599")
        gov_lines = [(top_name, total(atoms), None)] + [
            (_numbered(i + 1, code_name(g), "arabic"), total(atoms, lambda a, g=g: a.gov[:3] == g), 0)
            for i, g in enumerate(gov_codes)
        ]
        groups = [
            ("支出功能分类科目（按大类）", word, func_group),
            ("部门预算支出经济分类科目（按大类）", word, dept_lines),
            ("政府预算支出经济分类科目（按大类）", word, gov_lines),
        ]
        if ctx.year < 2018:
            groups = groups[:2]
    else:
        groups = [("项目" if layout != "final" else "项目", word, func_group)]
    # columns
    if layout == "four":
        spec = [
            [("收    入", 2, 1), ("支    出", 2 * len(groups), 1)],
            [("项    目",), (word,), *[x for g, w, _l in groups for x in ((g,), (w,))]],
        ]
        n_cols = 2 + 2 * len(groups)
        income_cols, group_cols = (0, 1), [(2 + 2 * i, 3 + 2 * i) for i in range(len(groups))]
    elif layout == "two":
        spec = [[("收入", 2, 1), ("支出", 2, 1)], [("项目",), (word,), ("项目",), (word,)]]
        n_cols = 4
        income_cols, group_cols = (0, 1), [(2, 3)]
    elif layout == "serial":
        if fiscal:
            spec = [
                [("序号", 1, 2), ("收入", 2, 1), ("支出", 5, 1)],
                [
                    ("项  目",),
                    ("金额",),
                    ("项  目",),
                    ("合计",),
                    ("一般公共预算财政拨款",),
                    ("政府性基金预算财政    拨款",),
                    ("国有资本经营预算财政拨款",),
                ],
            ]
            n_cols = 8
        else:
            spec = [
                [("序号", 1, 2), ("收入", 2, 1), ("支出", 2, 1)],
                [("项  目",), (word,), ("项  目",), (word,)],
            ]
            n_cols = 5
        income_cols, group_cols = (1, 2), [(3, 4)]
    else:  # final
        if fiscal:
            spec = [
                [("收入", 3, 1), ("支出", 6, 1)],
                [
                    ("项目",),
                    ("行次",),
                    ("决算数",),
                    ("项目",),
                    ("行次",),
                    ("合计",),
                    ("一般公共预算财政拨款",),
                    ("政府性基金预算财政拨款",),
                    ("国有资本经营预算财政拨款",),
                ],
            ]
            n_cols = 9
        else:
            spec = [
                [("收入", 3, 1), ("支出", 3, 1)],
                [("项目",), ("行次",), ("决算数",), ("项目",), ("行次",), ("决算数",)],
            ]
            n_cols = 6
        income_cols, group_cols = (0, 2), [(3, 5)]
    t = _table(ctx, title, ttype, spec, n_cols)
    if layout == "serial":
        t.index_row = ["栏次"] + [str(i) for i in range(1, n_cols)]
    if layout == "final":
        t.index_row = ["栏次", "", "1", "栏次", "", *[str(i) for i in range(2, n_cols - 3)]]
    n_lines = max(len(income), *[len(g[2]) for g in groups])
    body = [["" for _ in range(n_cols)] for _ in range(n_lines)]
    extra_fiscal = layout in ("serial", "final") and fiscal  # 合计 | 一般公共预算 | 基金 | 国资 columns
    for i, (text, fen, _p) in enumerate(income):
        body[i][income_cols[0]] = text
        body[i][income_cols[1]] = ctx.amt(fen or 0, zero)
    for (name_c, val_c), (_g, _w, lines) in zip(group_cols, groups, strict=True):
        for i, (text, fen, _p) in enumerate(lines):
            body[i][name_c] = text
            body[i][val_c] = ctx.amt(fen or 0, zero)
            if extra_fiscal:
                body[i][val_c + 1] = ctx.amt(fen or 0, zero)
                body[i][val_c + 2] = ctx.amt(0, zero)
                body[i][val_c + 3] = ctx.amt(0, zero)
    # totals
    carry_in = _pick(rng, ["上年结转", "上年结转结余"]) if layout != "final" else "年初结转和结余"
    carry_out = _pick(rng, ["结转下年", "年终结转结余"]) if layout != "final" else "年末结转和结余"
    inc_total = total(ctx.atoms) if not fiscal else gpb_total
    tot_lines = [
        ("本年收入合计", inc_total, "本年支出合计", total(atoms)),
        (carry_in, 0, carry_out, 0),
        (
            "收入总计" if layout != "final" else "总计",
            inc_total,
            "支出总计" if layout != "final" else "总计",
            total(atoms),
        ),
    ]
    n_items = n_lines
    for a, av, b, bv in tot_lines:
        row = ["" for _ in range(n_cols)]
        row[income_cols[0]] = a
        row[income_cols[1]] = ctx.amt(av, zero)
        for name_c, val_c in group_cols:
            row[name_c] = b
            row[val_c] = ctx.amt(bv, zero)
            if extra_fiscal:
                row[val_c + 1] = ctx.amt(bv, zero)
                row[val_c + 2] = ctx.amt(0, zero)
                row[val_c + 3] = ctx.amt(0, zero)
        body.append(row)
    if layout == "serial":
        for i, row in enumerate(body):
            row[0] = str(i + 1)
    if layout == "final":
        for i, row in enumerate(body):
            if row[income_cols[0]]:
                row[1] = str(i + 1)
            row[4] = str(n_lines + 3 + i + 1) if row[3] else ""
    t.body = body
    # relations
    r_total, r_carry, r_grand = n_items, n_items + 1, n_items + 2

    def group_relations(val_c: int, lines: list) -> None:
        tops = [i for i, (_t, _v, p) in enumerate(lines) if p is None and not _t.startswith("其中")]
        if layout == "four":
            t.relations.append(SumRelation("col", val_c, r_total, [0]))
            kids_of: dict[int, list[int]] = defaultdict(list)
            for i, (_t, _v, p) in enumerate(lines):
                if p is not None:
                    kids_of[p].append(i)
            for parent, kids in kids_of.items():
                t.relations.append(SumRelation("col", val_c, parent, kids))
        else:
            t.relations.append(SumRelation("col", val_c, r_total, tops))
        t.relations.append(SumRelation("col", val_c, r_grand, [r_total, r_carry]))

    group_relations(income_cols[1], income)
    for (_n, val_c), (_g, _w, lines) in zip(group_cols, groups, strict=True):
        group_relations(val_c, lines)
        if extra_fiscal:
            for r in range(len(body)):
                t.relations.append(SumRelation("row", r, val_c, [val_c + 1, val_c + 2, val_c + 3]))
    # amount columns
    t.amount_cols = [AmountColumn(income_cols[1], income_cols[0], [])]
    for name_c, val_c in group_cols:
        t.amount_cols.append(AmountColumn(val_c, name_c, []))
        if extra_fiscal:
            t.amount_cols += [AmountColumn(val_c + k, name_c, []) for k in (1, 2, 3)]
    return _finish(t)


def by_unit(atoms: list[Atom], units: list[tuple[str, str, str]]) -> list[tuple[str, str, list[Atom]]]:
    """(unit code, unit name, its atoms) for each of the department's units, in order."""
    return [(code, name, [a for a in atoms if a.unit == code]) for code, _kind, name in units]


def income_by_unit(ctx: Ctx, title: str) -> GoldTable:
    """收入总表 by unit (陕西 style)."""
    spec = [
        [
            ("单位编码", 1, 2),
            ("单位名称", 1, 2),
            ("合计", 1, 2),
            ("一般公共预算拨款", 2, 1),
            ("政府性基金拨款", 1, 2),
            ("事业收入", 1, 2),
            ("其他收入", 1, 2),
            ("上年结转", 1, 2),
        ],
        [("小计",), ("其中：专项资金列入部门预算项目",)],
    ]
    t = _table(ctx, title, "income_summary", spec, 9)
    rows = [("", "合计", ctx.atoms)]
    if ctx.rng.random() < 0.5:
        rows.append((ctx.dept_code, ctx.full_name, ctx.atoms))
    rows += by_unit(ctx.atoms, ctx.units)
    body = []
    for code, name, atoms in rows:
        gpb = total(atoms, lambda a: a.fund == "gpb")
        other = total(atoms, lambda a: a.fund == "other")
        body.append([code, name, ctx.amt(gpb + other), ctx.amt(gpb), "", "", ctx.amt(other), "", ""])
    t.body = body
    t.amount_cols = [AmountColumn(c, 1, []) for c in range(2, 9)]
    for r in range(len(body)):
        t.relations.append(SumRelation("row", r, 2, [3, 5, 6, 7, 8]))
    unit_rows = list(range(len(rows) - len(ctx.units), len(rows)))
    for c in range(2, 9):
        t.relations.append(SumRelation("col", c, 0, unit_rows))
        if len(rows) - len(ctx.units) == 2:
            t.relations.append(SumRelation("col", c, 1, unit_rows))
    return _finish(t)


def expense_by_unit(ctx: Ctx, title: str) -> GoldTable:
    """支出总表 by unit (陕西 style)."""
    spec = [
        [
            ("单位编码", 1, 2),
            ("单位名称", 1, 2),
            ("合计", 1, 2),
            ("基本支出", 2, 1),
            ("专项业务经费支出", 1, 2),
        ],
        [("人员经费",), ("公用经费",)],
    ]
    t = _table(ctx, title, "expense_summary", spec, 6)
    rows = [("", "合计", ctx.atoms), *by_unit(ctx.atoms, ctx.units)]
    t.body = [
        [
            c,
            n,
            ctx.amt(total(a)),
            ctx.amt(total(a, IS_PERSON)),
            ctx.amt(total(a, IS_PUBLIC)),
            ctx.amt(total(a, IS_PROJECT)),
        ]
        for c, n, a in rows
    ]
    t.amount_cols = [AmountColumn(c, 1, []) for c in range(2, 6)]
    for r in range(len(rows)):
        t.relations.append(SumRelation("row", r, 2, [3, 4, 5]))
    for c in range(2, 6):
        t.relations.append(SumRelation("col", c, 0, list(range(1, len(rows)))))
    return _finish(t)


def income_by_function(ctx: Ctx, title: str, layout: str) -> GoldTable:
    """收入总表 / 收入决算表 by function code: 合计 = Σ income sources (+ 上年结转)."""
    other = lambda a: a.fund == "other"  # noqa: E731
    gpb = lambda a: a.fund == "gpb"  # noqa: E731
    none = lambda a: False  # noqa: E731
    if layout == "serial":
        cols = [
            ("合计", ALL),
            ("小计", ALL),
            ("财政拨款 收入", gpb),
            ("财政专户 收入", none),
            ("事业收入", other),
            ("经营收入", none),
            ("上级补助收入", none),
            ("附属单位上缴收入", none),
            ("其他收入", none),
            ("上年结转", none),
        ]
        spec = [
            [("序号", 1, 2), ("功能分类科目", 2, 1), ("合计", 1, 2), ("本年收入", 8, 1), ("上年结转", 1, 2)],
            [("科目    编码",), ("科目名称",), *[(n,) for n, _p in cols[1:-1]]],
        ]
        lead = 3
    elif layout == "final":
        cols = [
            ("本年收入合计", ALL),
            ("财政拨款收入", gpb),
            ("上级补助收入", none),
            ("事业收入", other),
            ("经营收入", none),
            ("附属单位上缴收入", none),
            ("其他收入", none),
        ]
        spec = [[("项目", 2, 1), *[(n, 1, 2) for n, _p in cols]], [("科目编码",), ("科目名称",)]]
        lead = 2
    else:  # split
        cols = [
            ("合计", ALL),
            ("一般公共预算拨款收入", gpb),
            ("政府性基金预算拨款收入", none),
            ("事业收入", other),
            ("其他收入", none),
            ("上年结转", none),
        ]
        spec = [
            [("科目编码", 3, 1), ("科目名称", 1, 2), *[(n, 1, 2) for n, _p in cols]],
            [("类",), ("款",), ("项",)],
        ]
        lead = 4
    n_cols = lead + len(cols)
    t = _table(ctx, title, "income_summary", spec, n_cols)
    rows = hierarchy(ctx.atoms, lambda a: a.func, [p for _n, p in cols], (3, 5, 7))
    body = []

    def label_cells(code: str, name: str, serial: int) -> list[str]:
        if layout == "serial":
            return [str(serial), code, name]
        if layout == "split":
            return [code[:3], code[3:5], code[5:7], name] if code else ["", "", "", name]
        return [code, name]

    grand = [total(ctx.atoms, p) for _n, p in cols]
    body.append([*label_cells("", "合计", 1), *[ctx.amt(v) for v in grand]])
    for i, (_l, code, vals) in enumerate(rows):
        body.append([*label_cells(code, code_name(code, ctx.year), i + 2), *[ctx.amt(v) for v in vals]])
    t.body = body
    if layout == "serial":
        t.index_row = ["栏次"] + [str(i) for i in range(1, n_cols)]
    elif layout == "final":
        t.index_row = ["栏次", ""] + [str(i) for i in range(1, len(cols) + 1)]
    amount_idx = list(range(lead, n_cols))
    code_cols = [1] if layout == "serial" else ([0, 1, 2] if layout == "split" else [0])
    name_col = 2 if layout == "serial" else (3 if layout == "split" else 1)
    t.amount_cols = [AmountColumn(c, name_col, code_cols) for c in amount_idx]
    add_hierarchy_relations(t, 1, [(lvl, code) for lvl, code, _v in rows], amount_idx, 0)
    for r in range(len(body)):
        if layout == "serial":
            t.relations.append(SumRelation("row", r, lead, [lead + 1, n_cols - 1]))
            t.relations.append(SumRelation("row", r, lead + 1, list(range(lead + 2, n_cols - 1))))
        else:
            t.relations.append(SumRelation("row", r, lead, amount_idx[1:]))
    return _finish(t)


def expense_by_function(ctx: Ctx, title: str, layout: str) -> GoldTable:
    none = lambda a: False  # noqa: E731
    if layout == "serial":
        cols = [
            ("合计", ALL),
            ("基本支出", IS_BASIC),
            ("项目支出", IS_PROJECT),
            ("经营支出", none),
            ("上解上级     支出", none),
            ("对附属单位补助支出", none),
        ]
    elif layout == "final":
        cols = [
            ("本年支出合计", ALL),
            ("基本支出", IS_BASIC),
            ("项目支出", IS_PROJECT),
            ("上缴上级支出", none),
            ("经营支出", none),
            ("对附属单位补助支出", none),
        ]
    else:
        cols = [("合计", ALL), ("人员经费", IS_PERSON), ("公用经费", IS_PUBLIC), ("项目支出", IS_PROJECT)]
    return function_table(ctx, ctx.atoms, title, "expense_summary", cols, layout)


# --------------------------------------------------------------------------- other tables


def empty_table(ctx: Ctx, title: str, ttype: str, layout: str, note: str) -> GoldTable:
    """A table published empty (空表): header only, or with one blank row (河北 style)."""
    if layout == "serial":
        spec = [
            [("序号", 1, 2), ("功能分类科目", 2, 1), ("合计", 1, 2), ("基本支出", 1, 2), ("项目支出", 1, 2)],
            [("科目编码",), ("科目名称",)],
        ]
        t = _table(ctx, title, ttype, spec, 6, index_row=["栏次", "1", "2", "3", "4", "5"])
        t.body = [[""] * 6]
    elif layout == "split":
        spec = [
            [
                ("科目编码", 3, 1),
                ("科目名称", 1, 2),
                (_pick(ctx.rng, ["合计", "本年支出合计"]), 1, 2),
                ("基本支出", 1, 2),
                ("项目支出", 1, 2),
            ],
            [("类",), ("款",), ("项",)],
        ]
        t = _table(ctx, title, ttype, spec, 7)
    elif layout == "final":
        spec = [
            [
                ("项目", 2, 1),
                ("年初结转和结余", 1, 2),
                ("本年收入", 1, 2),
                ("本年支出", 3, 1),
                ("年末结转和结余", 1, 2),
            ],
            [("科目编码",), ("科目名称",), ("小计",), ("基本支出",), ("项目支出",)],
        ]
        t = _table(ctx, title, ttype, spec, 8, index_row=["栏次", "", "1", "2", "3", "4", "5", "6"])
    else:  # procurement-like plain header
        spec = [
            [("单位编码",), ("单位名称",), ("采购项目",), ("采购目录",), ("数量",), ("预算金额",), ("说明",)]
        ]
        t = _table(ctx, title, ttype, spec, 7)
    t.empty = True
    t.notes = [note]
    return _finish(t)


def gov_fund_four(ctx: Ctx, title: str) -> GoldTable:
    """政府性基金收支表 in the four-group layout with zeros or blanks (陕西 style, 空表)."""
    zero = ctx.zero
    word = ctx.word
    spec = [
        [("收    入", 2, 1), ("支    出", 6, 1)],
        [
            ("项    目",),
            (word,),
            ("支出功能分类科目（按大类）",),
            (word,),
            ("部门预算支出经济分类科目（按大类）",),
            (word,),
            ("政府预算支出经济分类科目（按大类）",),
            (word,),
        ],
    ]
    t = _table(ctx, title, "gov_fund", spec, 8)
    funcs = [
        "科学技术支出",
        "文化旅游体育与传媒支出",
        "社会保障和就业支出",
        "节能环保支出",
        "城乡社区支出",
        "农林水支出",
        "交通运输支出",
        "资源勘探工业信息等支出",
        "金融支出",
        "其他支出",
    ]
    dept = [
        "一、人员经费和公用经费支出",
        "工资福利支出",
        "商品和服务支出",
        "对个人和家庭的补助",
        "其他资本性支出",
        "二、专项业务经费支出",
        "工资福利支出",
        "商品和服务支出",
        "对个人和家庭的补助",
        "债务付息及费用支出",
        "资本性支出",
        "其他支出",
        "三、上缴上级支出",
        "四、事业单位经营支出",
        "五、对附属单位补助支出",
    ]
    gov = [code_name(g) for g in ("501", "502", "503", "504", "505", "506", "507", "508", "509", "599")]
    n = max(len(funcs), len(dept), len(gov))
    body = [["" for _ in range(8)] for _ in range(n)]
    body[0][0], body[0][1] = "一、政府性基金拨款", zero
    for i, f in enumerate(funcs):
        body[i][2], body[i][3] = f"{cn_number(i + 1)}、{f}", zero
    for i, d in enumerate(dept):
        body[i][4], body[i][5] = d, zero
    for i, g in enumerate(gov):
        body[i][6], body[i][7] = f"{cn_number(i + 1)}、{g}", zero
    body.append(["本年收入合计", zero, "本年支出合计", zero, "本年支出合计", zero, "本年支出合计", zero])
    t.body = body
    t.empty = True
    t.amount_cols = [
        AmountColumn(1, 0, []),
        AmountColumn(3, 2, []),
        AmountColumn(5, 4, []),
        AmountColumn(7, 6, []),
    ]
    t.notes = ["注：本单位不涉及政府性基金收支，已公开空表。"] if ctx.rng.random() < 0.5 else []
    return _finish(t)


def project_list(ctx: Ctx, title: str, intro: dict[str, str]) -> GoldTable:
    """专项业务经费支出表: 合计, unit rows, project rows (陕西 style)."""
    spec = [[("单位编码",), ("单位（项目）名称",), ("项目金额",), ("项目简介",)]]
    t = _table(ctx, title, "project_expense", spec, 4)
    projs: dict[str, int] = defaultdict(int)
    for a in ctx.gpb:
        if a.cat == "project":
            projs[a.project] += a.fen
    grand = sum(projs.values())
    body = [["", "合计", ctx.amt(grand), ""]]
    body.append([ctx.dept_code, ctx.full_name, ctx.amt(grand), ""])
    body.append([ctx.dept_code + "001", ctx.units[0][2], ctx.amt(grand), ""])
    group_rows = ctx.rng.random() < 0.6
    if group_rows:
        body.append(["", "专用项目", ctx.amt(grand), ""])
        body.append(["", "县级资金", ctx.amt(grand), ""])
    first = len(body)
    for name in sorted(projs):
        body.append(["", name, ctx.amt(projs[name]), intro.get(name, "")])
    t.body = body
    t.amount_cols = [AmountColumn(2, 1, [])]
    kids = list(range(first, len(body)))
    for r in range(first):
        t.relations.append(SumRelation("col", 2, r, kids))
    return _finish(t)


def three_public_table(ctx: Ctx, title: str, layout: str) -> GoldTable:
    """“三公”经费 (及会议费、培训费) table, from the economic rows it summarises."""
    gpb = ctx.gpb
    abroad = total(gpb, lambda a: a.econ == "30212")
    recep = total(gpb, lambda a: a.econ == "30217")
    car_run = total(gpb, lambda a: a.econ == "30231")
    car_buy = total(gpb, lambda a: a.econ == "31013")
    cars = car_run + car_buy
    three = abroad + recep + cars
    if layout == "serial":
        spec = [
            [("序号", 1, 2), ("项  目", 1, 2), ("资 金 性 质", 4, 1)],
            [
                ("合计",),
                ("一般公共预算              财政拨款",),
                ("政府性基金                  预算拨款",),
                ("国有资本经营              预算财政拨款",),
            ],
        ]
        t = _table(ctx, title, "three_public", spec, 6, index_row=["栏次", "1", "2", "3", "4", "5"])
        lines = [
            ("合计", three, None),
            ("因公出国（境）费用", abroad, 0),
            ("公务接待费", recep, 0),
            ("公务用车购置及运行费", cars, 0),
            ("其中：公务用车购置费", car_buy, 3),
            ("公务用车运行维护费", car_run, 3),
        ]
        t.body = [
            [str(i + 1), name, ctx.amt(v, ctx.zero), ctx.amt(v, ctx.zero), "", ""]
            for i, (name, v, _p) in enumerate(lines)
        ]
        t.amount_cols = [AmountColumn(c, 1, []) for c in (2, 3, 4, 5)]
        for c in (2, 3):
            t.relations.append(SumRelation("col", c, 0, [1, 2, 3]))
            t.relations.append(SumRelation("col", c, 3, [4, 5]))
        for r in range(len(lines)):
            t.relations.append(SumRelation("row", r, 2, [3, 4, 5]))
        return _finish(t)
    if layout == "final":
        # 预算数 vs 决算数; the budget side is a plausible plan, summed the same way
        def plan(v: int) -> int:
            q = 100 if ctx.unit == "元" else 1_000_000
            return (int(v * ctx.rng.uniform(1.0, 1.3)) // q) * q if v else 0

        b_abroad, b_recep, b_run, b_buy = plan(abroad), plan(recep), plan(car_run), plan(car_buy)
        groups = []
        for word, vals in (
            ("预算数", (b_abroad, b_recep, b_buy, b_run)),
            ("决算数", (abroad, recep, car_buy, car_run)),
        ):
            ab, rc, buy, run = vals
            groups.append((word, [ab + rc + buy + run, ab, buy + run, buy, run, rc]))
        mid = [
            ("合计", 1, 2),
            ("因公出国（境）费", 1, 2),
            ("公务用车购置及运行费", 3, 1),
            ("公务接待费", 1, 2),
        ]
        low = [("小计",), ("公务用车购置费",), ("公务用车运行费",)]
        spec = [[("预算数", 6, 1), ("决算数", 6, 1)], mid + mid, low + low]
        t = _table(ctx, title, "three_public", spec, 12)
        t.index_row = [str(i) for i in range(1, 13)]
        t.body = [[ctx.amt(v, "0.00" if ctx.zero else "") for _w, vals in groups for v in vals]]
        t.amount_cols = [AmountColumn(c, -1, []) for c in range(12)]
        for base in (0, 6):
            t.relations.append(SumRelation("row", 0, base, [base + 1, base + 2, base + 5]))
            t.relations.append(SumRelation("row", 0, base + 2, [base + 3, base + 4]))
        return _finish(t)
    # 陕西 style with 会议费 / 培训费
    spec = [
        [
            ("单位编码", 1, 3),
            ("单位名称", 1, 3),
            ("合计", 1, 3),
            ("一般公共预算拨款安排的“三公”经费预算", 5, 1),
            ("会议费", 1, 3),
            ("培训费", 1, 3),
        ],
        [("小计", 1, 2), ("因公出国（境）费用", 1, 2), ("公务接待费", 1, 2), ("公务用车购置及运行费", 2, 1)],
        [("公务用车购置费",), ("公务用车运行费",)],
    ]
    t = _table(ctx, title, "three_public", spec, 10)

    def line(code: str, name: str, atoms: list[Atom]) -> list[str]:
        v = {
            e: total(atoms, lambda a, e=e: a.econ == e)
            for e in ("30212", "30217", "30231", "31013", "30215", "30216")
        }
        three_u = v["30212"] + v["30217"] + v["30231"] + v["31013"]
        return [
            code,
            name,
            ctx.amt(three_u + v["30215"] + v["30216"]),
            ctx.amt(three_u),
            ctx.amt(v["30212"]),
            ctx.amt(v["30217"]),
            ctx.amt(v["31013"]),
            ctx.amt(v["30231"]),
            ctx.amt(v["30215"]),
            ctx.amt(v["30216"]),
        ]

    rows = [line("", "合计", gpb)] + [line(u, n, atoms) for u, n, atoms in by_unit(gpb, ctx.units)]
    t.body = rows
    t.amount_cols = [AmountColumn(c, 1, []) for c in range(2, 10)]
    for r in range(len(rows)):
        t.relations.append(SumRelation("row", r, 2, [3, 8, 9]))
        t.relations.append(SumRelation("row", r, 3, [4, 5, 6, 7]))
    for c in range(2, 10):
        t.relations.append(SumRelation("col", c, 0, list(range(1, len(rows)))))
    return _finish(t)


# --------------------------------------------------------------------------- performance tables


def _indicators_for(
    rng: random.Random, ctx: Ctx, proj: Project, amount_wan: str
) -> list[tuple[str, str, str, str]]:
    """(level1, level2, level3, value) rows for a project, in the usual order of its table."""
    y = ctx.year
    s = ctx.dept.subject
    obj, _, obj_unit = proj.obj.partition("（")
    obj_unit = obj_unit.rstrip("）") or (
        "人" if obj.endswith(("人员", "人数", "对象", "人口", "教师", "学生", "幼儿", "农户")) else "个"
    )
    n = rng.choice([3, 8, 15, 40, 120, 300, 1200, 5000, 28500])
    k = rng.choice([2, 3, 4, 6, 12])
    pool: dict[str, list[tuple[str, str]]] = {
        "数量指标": [
            (f"{obj}数量", f"≥{n}{obj_unit}"),
            (f"开展{proj.act}次数", f"≥{k}次"),
            (f"{proj.act}覆盖乡镇数", f"{rng.randint(6, 24)}个"),
            ("印发宣传资料", f"≥{rng.choice([1000, 2000, 5000])}份"),
        ],
        "质量指标": [
            (f"{proj.act}合格率", "100%"),
            ("资金发放准确率", "≥98%"),
            (f"{obj}覆盖率", "≥95%"),
            ("政策落实到位率", "100%"),
        ],
        "时效指标": [
            ("项目完成时限", f"{y}年12月底前"),
            ("资金拨付及时率", "100%"),
            (f"{proj.act}完成时间", f"{y}.01-{y}.12"),
        ],
        "经济成本指标": [
            ("项目总成本", f"≤{amount_wan}万元"),
            (f"{proj.act}单位成本", f"{rng.choice([15, 30, 50, 200])}元/次"),
        ],
        "社会成本指标": [("不涉及该指标", "无"), ("对社会发展造成的负面影响", "无")],
        "生态环境成本指标": [("不涉及该指标", "无"), ("对生态环境造成的负面影响", "无")],
        "经济效益指标": [("不涉及该指标", "无"), (f"减轻{s}负担", "有效减轻")],
        "社会效益指标": [
            (f"{s}政策知晓率", "≥90%"),
            (proj.goal, "明显提升"),
            (f"促进{proj.goal}", "成效明显"),
        ],
        "生态效益指标": [("不涉及该指标", "无"), ("生态环境质量", "逐步改善")],
        "可持续影响指标": [(f"{proj.goal}长效机制", "长期"), ("项目持续发挥作用年限", "≥3年")],
        "服务对象满意度指标": [
            (f"{s}满意度", f"≥{rng.choice([85, 90, 95])}%"),
            (f"{proj.act}服务对象满意度", "≥90%"),
        ],
    }
    order = ["产出指标", "成本指标", "效益指标", "满意度指标"]
    if rng.random() < 0.4:
        order = ["成本指标", "产出指标", "效益指标", "满意度指标"]
    out = []
    for l1 in order:
        for l2 in LEVEL2_OF[l1]:
            if l1 == "成本指标" and l2 != "经济成本指标" and rng.random() < 0.5:
                continue
            if l2 in ("生态效益指标", "经济效益指标") and rng.random() < 0.3:
                continue
            options = pool[l2]
            if options[0][0] == "不涉及该指标" and rng.random() < 0.5:
                picked = [options[0]]  # a 'not applicable' row stands alone
            else:
                real = [o for o in options if o[0] != "不涉及该指标"]
                picked = rng.sample(real, rng.randint(1, min(2, len(real))))
            for l3, v in picked:
                out.append((l1, l2, l3, v))
    return out


def _short_l2(l2: str, rng: random.Random, style: str) -> str:
    """How a level2 label is printed: seeds drop the 指标 suffix on some (经济成本, 社会成本)."""
    if style == "short" and l2.endswith("成本指标"):
        return l2[: -len("指标")]
    if style == "short" and l2 == "服务对象满意度指标" and rng.random() < 0.5:
        return "服务对象满意度"
    return l2


def performance_table(
    ctx: Ctx, proj: Project, fen: int, title: str, subtitle: str, layout: str
) -> tuple[GoldTable, list[tuple[int, tuple]]]:
    """A project performance-target table; returns the table and (body row, indicator) pairs.

    layouts: 'form' (陕西 表13: 一级|二级|三级|指标值|分值权重 under a form, levels merged),
    'desc' (河北: 一级|二级|三级|绩效指标描述|指标值|指标值确定依据, level1 merged),
    'numbered' (镇安: 一级|二级|指标内容 with 指标N： prefixes and placeholder rows),
    'twin' (永宁: 中期 placeholders | 年度 indicators side by side),
    'selfeval' (决算 绩效自评表: 年度指标值 | 实际完成值 | 分值 | 得分).
    """
    rng = ctx.rng
    wan = amount_text(fen, "万元", "strip")
    inds = _indicators_for(rng, ctx, proj, wan)
    dept_name = ctx.full_name
    body: list[list[str]] = []
    spans: list[list[int]] = []
    gold_rows: list[tuple[int, tuple]] = []
    l2_style = _pick(rng, ["full", "short"])
    prefix = _pick(rng, ["", "", "num", "zhibiao"]) if layout == "form" else ""

    def p3(i: int, text: str) -> str:
        if prefix == "num":
            return f"{i}、{text}"
        if prefix == "zhibiao":
            return f"指标{i}：{text}"
        return text

    if layout == "form":
        n = 6
        goal = f"{_pick(rng, ['通过', '按照要求，'])}{proj.act}，{proj.goal}得到保障，{ctx.dept.subject}满意度进一步提高。"
        body += [
            ["项目名称", "", proj.name, "", "", ""],
            ["主管部门", "", dept_name, "", "", ""],
            ["资金金额 (万元)", "", "实施期资金总额：", wan, "执行率分值 (10分)", ""],
            ["", "", "其中：财政拨款", wan, "", ""],
            ["", "", "其他资金", "", "", ""],
            ["年度目标", goal, "", "", "", ""],
            ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "分值权重 (90分)"],
        ]
        spans += [
            [0, 0, 1, 2],
            [0, 2, 1, 4],
            [1, 0, 1, 2],
            [1, 2, 1, 4],
            [2, 0, 3, 2],
            [2, 4, 3, 2],
            [5, 1, 1, 5],
        ]
        weights = _weights(rng, inds, 90)
        start = len(body)
        prev1 = prev2 = None
        merged = rng.random() < 0.8
        g1_start = g2_start = start
        counter = 0
        for (l1, l2, l3, v), w in zip(inds, weights, strict=True):
            r = len(body)
            new1, new2 = l1 != prev1, (l1, l2) != prev2
            if new1:
                counter = 0
            counter += 1
            c1 = l1 if (new1 or not merged) else ""
            c2 = _short_l2(l2, rng, l2_style) if (new2 or not merged) else ""
            printed = p3(counter, l3)
            body.append(["", c1, c2, printed, v, str(w)])
            gold_rows.append((r, (l1, l2, l3, v, printed)))
            if merged:
                if new1 and r > start:
                    _close_span(spans, g1_start, r, 1)
                if new2 and r > start:
                    _close_span(spans, g2_start, r, 2)
                if new1:
                    g1_start = r
                if new2:
                    g2_start = r
            prev1, prev2 = l1, (l1, l2)
        if merged:
            _close_span(spans, g1_start, len(body), 1)
            _close_span(spans, g2_start, len(body), 2)
        spans.append([start - 1, 0, len(body) - start + 1, 1])
        notes = ["注：1、年度绩效指标可选择填写。", "2、没有专项业务经费的主管部门，应公开空表并说明。"]
    elif layout == "desc":
        n = 6
        goal = f"1.{proj.goal}。2.做好{proj.act}工作，确保资金使用规范。"
        body.append(["绩效目标", goal, "", "", "", ""])
        spans.append([0, 1, 1, 5])
        body.append(["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"])
        start = len(body)
        prev1 = None
        g1 = start
        for l1, l2, l3, v in inds:
            r = len(body)
            if l1 != prev1 and r > start:
                _close_span(spans, g1, r, 0)
            if l1 != prev1:
                g1 = r
            desc = f"{l3}情况" if l3 != "不涉及该指标" else "不涉及"
            basis = _pick(rng, ["工作计划", "年度工作方案", "上年度完成情况", "相关政策文件"])
            body.append([l1 if l1 != prev1 else "", l2, l3, desc, v, basis])
            gold_rows.append((r, (l1, l2, l3, v, l3)))
            prev1 = l1
        _close_span(spans, g1, len(body), 0)
        notes = []
    elif layout == "numbered":
        n = 5
        body += [
            ["专项（项目）名称", proj.name, "", "", ""],
            ["主管部门", dept_name, "", "", ""],
            ["资金金额（万元）", "实施期资金总额：", wan, "", ""],
            ["", "其中：财政拨款", wan, "", ""],
            ["", "其他资金", "", "", ""],
            ["总体目标", f"年度目标：目标1：{proj.goal}。目标2：完成{proj.act}任务。", "", "", ""],
            ["绩效指标", "一级指标", "二级指标", "指标内容", "指标值"],
        ]
        spans += [[0, 1, 1, 4], [1, 1, 1, 4], [2, 0, 3, 1], [5, 1, 1, 4]]
        start = len(body)
        kept = [x for x in inds if x[2] != "不涉及该指标"]
        by_l2: dict[tuple[str, str], list] = defaultdict(list)
        for x in kept:
            by_l2[(x[0], x[1])].append(x)
        prev1 = None
        g1 = start
        for (l1, l2), items in by_l2.items():
            g2 = len(body)
            if l1 != prev1 and len(body) > start:
                _close_span(spans, g1, len(body), 1)
            if l1 != prev1:
                g1 = len(body)
            for i, (_a, _b, l3, v) in enumerate(items):
                r = len(body)
                printed = f"指标{i + 1}：{l3}"
                body.append(
                    ["", l1 if r == g1 else "", _short_l2(l2, rng, l2_style) if i == 0 else "", printed, v]
                )
                gold_rows.append((r, (l1, l2, l3, v, printed)))
            if rng.random() < 0.5:
                body.append(["", "", "", f"指标{len(items) + 1}：", ""])
            if rng.random() < 0.4:
                body.append(["", "", "", "……", ""])
            _close_span(spans, g2, len(body), 2)
            prev1 = l1
        _close_span(spans, g1, len(body), 1)
        spans.append([start - 1, 0, len(body) - start + 1, 1])
        notes = ["备 注：1、绩效指标可选择填写。 2、根据需要可往下续表。"]
    elif layout == "twin":
        n = 8
        body += [
            ["项目名称", "", proj.name, "", "", "", "", ""],
            ["主管单位", "", dept_name, "", "实施单位", "", dept_name, ""],
            ["项目属性", "", _pick(rng, ["延续性项目", "新增项目"]), "", "项目日期", "", f"{ctx.year}年", ""],
            ["项目资金 (万元)", "", "中期资金总额:", "", "年度资金总额:", "", wan, ""],
            ["", "", "其中:财政拨款", "", "其中:财政拨款", "", wan, ""],
            ["", "", "其他资金", "", "其他资金", "", "", ""],
            ["总体目标", f"中期目标({ctx.year}年—{ctx.year + 2}年)", "", "", "", "年度目标", "", ""],
            ["", "目标1: 目标2: 目标3: .....", "", "", "", f"1.{proj.goal}; 2.完成{proj.act}任务。", "", ""],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"],
        ]
        spans += [
            [0, 0, 1, 2],
            [0, 2, 1, 6],
            [1, 0, 1, 2],
            [1, 2, 1, 2],
            [1, 4, 1, 2],
            [1, 6, 1, 2],
            [2, 0, 1, 2],
            [2, 2, 1, 2],
            [2, 4, 1, 2],
            [2, 6, 1, 2],
            [3, 0, 3, 2],
            [3, 2, 1, 2],
            [3, 4, 1, 2],
            [4, 2, 1, 2],
            [4, 4, 1, 2],
            [5, 2, 1, 2],
            [5, 4, 1, 2],
            [6, 0, 2, 1],
            [6, 1, 1, 4],
            [6, 5, 1, 3],
            [7, 1, 1, 4],
            [7, 5, 1, 3],
        ]
        start = len(body)
        kept = [x for x in inds if x[2] != "不涉及该指标"]
        by_l2 = defaultdict(list)
        for x in kept:
            by_l2[(x[0], x[1])].append(x)
        prev1 = None
        g1 = start
        for (l1, l2), items in by_l2.items():
            if l1 != prev1 and len(body) > start:
                _close_span(spans, g1, len(body), 1)
            if l1 != prev1:
                g1 = len(body)
            g2 = len(body)
            rows_needed = max(3, len(items))
            for i in range(rows_needed):
                r = len(body)
                left3 = ["指标1:", "指标2:", "....."][i] if i < 3 else "....."
                if i < len(items):
                    _a, _b, l3, v = items[i]
                    right = [l2 if i == 0 else "", l3, v]
                    gold_rows.append((r, (l1, l2, l3, v, l3)))
                else:
                    right = ["", ["指标1:", "指标2:", "....."][i] if i < 3 else ".....", ""]
                body.append(["", l1 if r == g1 else "", l2 if i == 0 else "", left3, "", *right])
            _close_span(spans, g2, len(body), 2)
            _close_span(spans, g2, len(body), 5)
            prev1 = l1
        _close_span(spans, g1, len(body), 1)
        spans.append([start - 1, 0, len(body) - start + 1, 1])
        notes = []
    else:  # selfeval (决算)
        n = 8
        body += [
            ["项目名称", proj.name, "", "", "", "", "", ""],
            ["主管部门", dept_name, "", "", "实施单位", ctx.units[0][2], "", ""],
            [
                "一级指标",
                "二级指标",
                "三级指标",
                "年度指标值",
                "实际完成值",
                "分值",
                "得分",
                "偏差原因分析及改进措施",
            ],
        ]
        spans += [[0, 1, 1, 7], [1, 1, 1, 3], [1, 5, 1, 3]]
        start = len(body)
        weights = _weights(rng, inds, 90)
        prev1 = None
        g1 = start
        for (l1, l2, l3, v), w in zip(inds, weights, strict=True):
            r = len(body)
            if l1 != prev1 and r > start:
                _close_span(spans, g1, r, 0)
            if l1 != prev1:
                g1 = r
            score = w if rng.random() < 0.85 else max(0, w - rng.randint(1, 3))
            body.append(
                [
                    l1 if l1 != prev1 else "",
                    l2,
                    l3,
                    v,
                    v if score == w else "基本完成",
                    str(w),
                    str(score),
                    "" if score == w else "部分工作进度滞后",
                ]
            )
            gold_rows.append((r, (l1, l2, l3, v, l3)))
            prev1 = l1
        _close_span(spans, g1, len(body), 0)
        notes = []
    t = GoldTable(
        seq=0,
        label="",
        title=title,
        table_type="project_performance",
        unit="",
        header=[],
        body=body,
        spans=spans,
        subtitle=subtitle,
        project=proj.name,
        notes=notes,
    )
    for row in t.body:
        while len(row) < n:
            row.append("")
    return _finish(t), gold_rows


def _close_span(spans: list[list[int]], start: int, end: int, col: int) -> None:
    if end - start > 1:
        spans.append([start, col, end - start, 1])


def _weights(rng: random.Random, inds: list[tuple], budget: int) -> list[int]:
    live = [i for i, x in enumerate(inds) if x[3] != "无"]
    out = [0] * len(inds)
    if not live:
        return out
    base = budget // len(live)
    rest = budget - base * len(live)
    for k, i in enumerate(live):
        out[i] = base + (1 if k < rest else 0)
    return out


# --------------------------------------------------------------------------- documents


def _titles(ctx: Ctx, family: str) -> dict[str, str]:
    y = ctx.year
    if family == "A":
        p = ctx.prefix
        return {
            "ies": f"{p}收支总表",
            "inc": f"{p}收入总表",
            "exp": f"{p}支出总表",
            "fis": f"{p}财政拨款收支总表",
            "gpf": f"{p}一般公共预算支出明细表（按支出功能分类科目{_pick(ctx.rng, ['', '-不含上年结转'])}）",
            "gpe": f"{p}一般公共预算支出明细表（按支出经济分类科目{_pick(ctx.rng, ['', '-不含上年结转'])}）",
            "gbf": f"{p}一般公共预算基本支出明细表（按支出功能分类科目）",
            "gbe": f"{p}一般公共预算基本支出明细表（{_pick(ctx.rng, ['按', ''])}支出经济分类科目）",
            "fund": f"{p}政府性基金收支表",
            "proj": f"{p}专项业务经费支出表",
            "proc": f"{p}政府采购（资产配置、购买服务）预算表",
            "three": f"{p}一般公共预算拨款“三公”经费及会议费、培训费支出预算表",
            "perf": _pick(
                ctx.rng,
                [
                    "部门预算专项业务经费绩效目标表",
                    f"{y}年部门专项业务经费重点项目绩效目标表",
                    "部门专项业务经费绩效目标表",
                ],
            ),
        }
    if family == "B":
        return {
            "ies": "部门预算收支总表",
            "inc": "部门预算收入总表",
            "exp": "部门预算支出总表",
            "fis": "部门预算财政拨款收支总表",
            "gpf": "部门预算一般公共预算财政拨款支出表",
            "gbe": "部门预算一般公共预算财政拨款基本支出表",
            "fund": _pick(
                ctx.rng, ["部门预算政府性基金预算财政拨款支出表", "部门预算政府基金预算财政拨款支出表"]
            ),
            "state": "部门预算国有资本经营预算财政拨款支出表",
            "three": "部门预算财政拨款“三公”经费支出表",
            "perf": "绩效目标表",
        }
    if family == "C":
        p = f"{ctx.full_name}{y}年部门预算" if ctx.rng.random() < 0.5 else f"{y}年部门预算"
        return {
            "ies": f"{p}收支总表",
            "inc": f"{p}收入总表",
            "exp": f"{p}支出总表",
            "fis": f"{p}财政拨款收支总表",
            "gpf": f"{p}一般公共预算支出表",
            "gbe": f"{p}一般公共预算基本支出表",
            "fund": f"{p}政府性基金预算支出表",
            "three": f"{p}一般公共预算“三公”经费支出表",
            "proc": f"{p}政府采购预算表",
            "perf": _pick(ctx.rng, ["项目支出绩效目标表", f"{ctx.full_name}部门项目支出预算绩效目标申报表"]),
        }
    return {
        "ies": "收入支出决算总表",
        "inc": "收入决算表",
        "exp": "支出决算表",
        "fis": "财政拨款收入支出决算总表",
        "gpf": _pick(ctx.rng, ["一般公共预算财政拨款支出决算表", "一般公共预算财政拨款支出决算明细表"]),
        "gbe": "一般公共预算财政拨款基本支出决算表",
        "fund": "政府性基金预算财政拨款收入支出决算表",
        "state": "国有资本经营预算财政拨款支出决算表",
        "three": "一般公共预算财政拨款“三公”经费支出决算表",
        "perf": f"{y}年度项目支出绩效自评表",
    }


def _build_tables(ctx: Ctx, family: str) -> tuple[list[GoldTable], dict[int, list]]:
    rng = ctx.rng
    T = _titles(ctx, family)
    tables: list[GoldTable] = []
    perf_rows: dict[int, list] = {}
    gpb = ctx.gpb
    basic = [a for a in gpb if a.cat != "project"]
    projects: dict[str, int] = defaultdict(int)
    for a in gpb:
        if a.cat == "project":
            projects[a.project] += a.fen
    proj_objs = {p.name: p for p in ctx.dept.projects}
    perf_projects = sorted(projects)[: rng.randint(1, 3)]
    intro = {name: f"用于{proj_objs[name].act}，保障{proj_objs[name].goal}。" for name in projects}

    def perf(layout: str) -> None:
        for name in perf_projects:
            sub = f"({ctx.year}年度)" if layout in ("form", "twin") else ""
            title = T["perf"] if layout != "desc" else f"{name}绩效目标表"
            t, rows = performance_table(ctx, proj_objs[name], projects[name], title, sub, layout)
            perf_rows[id(t)] = rows
            tables.append(t)

    if family == "A":
        wide = rng.random() < 0.6
        func_cols = (
            [
                ("合计", ALL),
                ("人员经费支出", IS_PERSON),
                ("公用经费支出", IS_PUBLIC),
                ("专项业务经费支出", IS_PROJECT),
            ]
            if wide
            else [("合计", ALL), ("基本支出", IS_BASIC), ("项目支出", IS_PROJECT)]
        )
        tables.append(side_by_side_summary(ctx, T["ies"], "income_expense_summary", False, "four"))
        tables.append(income_by_unit(ctx, T["inc"]))
        tables.append(expense_by_unit(ctx, T["exp"]))
        tables.append(side_by_side_summary(ctx, T["fis"], "fiscal_summary", True, "four"))
        tables.append(
            function_table(ctx, gpb, T["gpf"], "gpb_expense_function", func_cols, "plain", remark=True)
        )
        econ_layout = "dual" if ctx.year >= 2018 else "plain"
        tables.append(
            economic_table(
                ctx,
                gpb,
                T["gpe"],
                "gpb_expense_economic",
                [
                    ("合计", ALL),
                    ("人员经费支出", IS_PERSON),
                    ("公用经费支出", IS_PUBLIC),
                    ("专项业务经费支出", IS_PROJECT),
                ],
                econ_layout,
                remark=True,
            )
        )
        tables.append(
            function_table(
                ctx,
                basic,
                T["gbf"],
                "gpb_basic_function",
                [("合计", ALL), ("人员经费支出", IS_PERSON), ("公用经费支出", IS_PUBLIC)],
                "plain",
                remark=True,
            )
        )
        tables.append(
            economic_table(
                ctx,
                basic,
                T["gbe"],
                "gpb_basic_economic",
                [("合计", ALL), ("人员经费支出", IS_PERSON), ("公用经费支出", IS_PUBLIC)],
                econ_layout,
                remark=True,
            )
        )
        tables.append(
            gov_fund_four(ctx, T["fund"])
            if rng.random() < 0.5
            else empty_table(ctx, T["fund"], "gov_fund", "split", "注：本单位无政府性基金收支，此表为空表。")
        )
        tables.append(project_list(ctx, T["proj"], intro))
        if rng.random() < 0.7:
            tables.append(
                empty_table(
                    ctx, T["proc"], "procurement", "plain", "注：本单位不涉及政府采购预算，已公开空表。"
                )
            )
        tables.append(three_public_table(ctx, T["three"], "wide"))
        perf(_pick(rng, ["form", "form", "numbered", "twin"]))
        for i, t in enumerate(tables):
            t.label = (
                f"表{i + 1}"
                if t.table_type != "project_performance"
                else f"表{len(tables) - len(perf_projects) + 1}"
            )
        if rng.random() < 0.8:
            tables.insert(0, toc_table(ctx, tables))
    elif family == "B":
        tables.append(side_by_side_summary(ctx, T["ies"], "income_expense_summary", False, "serial"))
        tables.append(income_by_function(ctx, T["inc"], "serial"))
        tables.append(expense_by_function(ctx, T["exp"], "serial"))
        tables.append(side_by_side_summary(ctx, T["fis"], "fiscal_summary", True, "serial"))
        tables.append(
            function_table(
                ctx,
                gpb,
                T["gpf"],
                "gpb_expense_function",
                [("合计", ALL), ("基本支出", IS_BASIC), ("项目支出", IS_PROJECT)],
                "serial",
            )
        )
        tables.append(
            economic_table(
                ctx,
                basic,
                T["gbe"],
                "gpb_basic_economic",
                [("合计", ALL), ("人员经费", IS_PERSON), ("公用经费", IS_PUBLIC)],
                "serial",
            )
        )
        tables.append(
            empty_table(ctx, T["fund"], "gov_fund", "serial", "注：无政府性基金预算财政拨款预算，空表列示。")
        )
        if rng.random() < 0.7:
            tables.append(
                empty_table(
                    ctx,
                    T["state"],
                    "state_capital",
                    "serial",
                    "注：无国有资本经营预算财政拨款预算，空表列示。",
                )
            )
        tables.append(three_public_table(ctx, T["three"], "serial"))
        perf("desc")
    elif family == "C":
        tables.append(side_by_side_summary(ctx, T["ies"], "income_expense_summary", False, "two"))
        tables.append(income_by_function(ctx, T["inc"], "split"))
        if rng.random() < 0.7:
            tables.append(expense_by_function(ctx, T["exp"], "split"))
        tables.append(side_by_side_summary(ctx, T["fis"], "fiscal_summary", True, "two"))
        tables.append(
            function_table(
                ctx,
                gpb,
                T["gpf"],
                "gpb_expense_function",
                [("合计", ALL), ("人员经费", IS_PERSON), ("公用经费", IS_PUBLIC), ("项目支出", IS_PROJECT)],
                "split",
            )
        )
        if rng.random() < 0.5:
            tables.append(economic_side_by_side(ctx, basic, T["gbe"], "gpb_basic_economic"))
        else:
            tables.append(
                economic_table(
                    ctx,
                    basic,
                    T["gbe"],
                    "gpb_basic_economic",
                    [("合计", ALL), ("人员经费", IS_PERSON), ("公用经费", IS_PUBLIC)],
                    "plain",
                )
            )
        tables.append(
            empty_table(ctx, T["fund"], "gov_fund", "split", "注：本部门无政府性基金预算支出，此表为空表。")
        )
        tables.append(three_public_table(ctx, T["three"], "serial"))
        perf(_pick(rng, ["form", "numbered", "twin"]))
        labeled = rng.random() < 0.7
        for i, t in enumerate(tables):
            t.label = f"表{i + 1}" if labeled and t.table_type != "project_performance" else ""
    else:  # D: final accounts
        tables.append(side_by_side_summary(ctx, T["ies"], "income_expense_summary", False, "final"))
        tables.append(income_by_function(ctx, T["inc"], "final"))
        tables.append(expense_by_function(ctx, T["exp"], "final"))
        tables.append(side_by_side_summary(ctx, T["fis"], "fiscal_summary", True, "final"))
        tables.append(
            function_table(
                ctx,
                gpb,
                T["gpf"],
                "gpb_expense_function",
                [("合计", ALL), ("基本支出", IS_BASIC), ("项目支出", IS_PROJECT)],
                "final",
            )
        )
        tables.append(economic_side_by_side(ctx, basic, T["gbe"], "gpb_basic_economic"))
        tables.append(
            empty_table(
                ctx,
                T["fund"],
                "gov_fund",
                "final",
                "注：本单位无政府性基金预算财政拨款收入、支出，故本表为空表。",
            )
        )
        tables.append(
            empty_table(
                ctx,
                T["state"],
                "state_capital",
                "final",
                "注：本单位无国有资本经营预算财政拨款支出，故本表为空表。",
            )
        )
        tables.append(three_public_table(ctx, T["three"], "final"))
        perf("selfeval")
        labeled = rng.random() < 0.7
        for i, t in enumerate(tables):
            if t.table_type != "project_performance":
                t.label = f"表{i + 1}" if labeled else ""
    return tables, perf_rows


def toc_table(ctx: Ctx, tables: list[GoldTable]) -> GoldTable:
    spec = [[("报表",), ("报表名称",), ("是否空表",), ("公开空表理由",)]]
    t = GoldTable(
        seq=0,
        label="",
        title=_pick(ctx.rng, ["目 录", "目录"]),
        table_type="toc",
        unit="",
        header=header_grid(spec, 4)[0],
        body=[],
    )
    seen = set()
    for x in tables:
        if x.label in seen:
            continue
        seen.add(x.label)
        reason = "本单位不涉及此项收支，已公开空表" if x.empty else ""
        t.body.append([x.label, x.title, "是" if x.empty else "否", reason])
    t.notes = ["注：1. 封面和目录的格式不得随意改变。", "2. 公开空表一定要在目录说明理由。"]
    return _finish(t)


def to_extract_table(t: GoldTable):
    """The table as a perfect reader returns it (``extract.model.Table``): one Cell per printed
    cell with its merge, covered cells omitted. ``header_rows`` counts the header rows only;
    the 栏次 row, when there is one, is the first non-header row."""
    from extract.model import Cell, Table

    cells = []
    for r, row in enumerate(t.grid()):
        for c, text in enumerate(row):
            sp = t.span_at(r, c)
            if sp is not None and (sp[0], sp[1]) != (r, c):
                continue
            rs, cs = (sp[2], sp[3]) if sp is not None else (1, 1)
            cells.append(Cell(row=r, col=c, text=text, rowspan=rs, colspan=cs))
    return Table(
        seq=t.seq,
        title=t.title,
        cells=cells,
        header_rows=len(t.header),
        label=t.label,
        unit=t.unit,
        empty=t.empty,
        project=t.project,
        notes=list(t.notes),
    )


def line_items_of(t: GoldTable) -> list[GoldLineItem]:
    """The line items a perfect reader gets from a gold table: one per printed amount."""
    from extract.numbers import parse_amount, to_yuan

    out = []
    codes = load_codes()
    off = t.body_offset
    for r, row in enumerate(t.body):
        for ac in t.amount_cols:
            text = row[ac.col]
            amount = parse_amount(text)
            if amount is None:
                continue
            name = row[ac.name_col].strip() if ac.name_col >= 0 else ""
            code = "".join(row[c].strip() for c in ac.code_cols)
            if code not in codes:
                code = ""
            if not name:  # a totals label printed in a merged cell over the code column
                name = next(
                    (row[c].strip() for c in ac.code_cols if row[c].strip() and row[c].strip() not in codes),
                    "",
                )
            gov = ""
            if t.header and len(t.header[0]) > 3 and t.header[0][2] == "政府经济科目编码":
                gov = row[2] if row[2] in codes else ""
            out.append(
                GoldLineItem(
                    t.seq,
                    t.label,
                    off + r,
                    r,
                    ac.col,
                    code,
                    name,
                    t.columns[ac.col],
                    str(to_yuan(amount, t.unit)),
                    gov,
                )
            )
    return out


def _preface(ctx: Ctx, tables: list[GoldTable]) -> list[str]:
    """The explanatory text disclosures print before or after their tables (情况说明). Its figures
    are rounded to 万元 as such text prints them; they are not line items."""

    def wan(fen: int) -> str:
        return amount_text(fen, "万元", "strip") if ctx.unit == "万元" else f"{Decimal(fen) / 1_000_000:.2f}"

    y, word = ctx.year, "决算" if ctx.kind == "final" else "预算"
    gpb = ctx.gpb
    basic, project = total(gpb, IS_BASIC), total(gpb, IS_PROJECT)
    three = total(gpb, lambda a: a.econ in ("30212", "30217", "30231", "31013"))
    lines = [
        "第一部分 部门概况",
        "一、部门主要职责",
        f"{ctx.full_name}负责全{ctx.county[-1]}{ctx.dept_short.removesuffix('局')}相关工作，承担{ctx.dept.subject}服务保障职能。",
        "二、部门预算单位构成",
        f"纳入本部门{y}年部门{word}编制范围的预算单位共有{len(ctx.units)}个，包括："
        + "、".join(name for _u, _k, name in ctx.units)
        + "。",
        "第二部分 收支情况",
        f"{y}年本部门{word}收入{wan(total(ctx.atoms))}万元，其中一般公共预算拨款收入{wan(total(gpb))}万元、"
        f"政府性基金拨款收入0万元。",
        f"{y}年本部门一般公共预算拨款支出{wan(total(gpb))}万元，其中基本支出{wan(basic)}万元，"
        f"项目支出{wan(project)}万元。",
        f"{y}年本部门一般公共预算“三公”经费{word}支出{wan(three)}万元。",
        "第三部分 公开报表",
    ]
    return lines


def make_document(seed: int) -> SynthDoc:
    """One synthetic disclosure, a pure function of ``seed``."""
    rng = random.Random(seed)
    kind = "final" if rng.random() < 0.25 else "budget"
    year = rng.randint(2015, 2027)
    if kind == "final" and year > 2025:
        year -= 3
    dept = _pick(rng, departments_for(year))
    dept_short = dept_display_name(dept, year)
    county = county_name(rng)
    full_name = county + dept_short
    dept_code = str(rng.randint(101, 499))
    family = "D" if kind == "final" else _pick(rng, ["A", "A", "B", "C"])
    unit = "万元" if family == "B" or rng.random() < 0.35 else "元"
    if family == "B":
        style = "plain2"
    elif unit == "万元":
        style = _pick(rng, ["plain2", "comma2", "strip"])
    else:
        style = _pick(rng, ["comma2", "comma2", "plain2"])
    quantum = 10_000 if unit == "万元" else (1 if kind == "final" else _pick(rng, [10_000, 10_000, 100]))
    units = [(dept_code + "001", "admin", full_name)]
    if dept.inst_name and rng.random() < 0.6:
        units.append((dept_code + "002", "inst", county + dept.inst_name))
    atoms = make_atoms(rng, dept, year, units, quantum)
    prefix = _pick(rng, [f"{year}年部门综合预算", "部门综合预算", f"{year}年部门（单位）综合预算"])
    word = "决算数" if kind == "final" else "预算数"
    zero = _pick(rng, ["", "0.00"]) if style != "strip" else _pick(rng, ["", "0"])
    if family == "B":
        zero = ""
    ctx = Ctx(
        rng,
        county,
        dept,
        dept_short,
        full_name,
        dept_code,
        year,
        kind,
        unit,
        style,
        zero,
        atoms,
        units,
        prefix,
        word,
    )
    tables, perf_rows = _build_tables(ctx, family)
    for i, t in enumerate(tables):
        t.seq = i + 1
    line_items = [
        li for t in tables if t.table_type not in ("toc", "project_performance") for li in line_items_of(t)
    ]
    indicators = []
    for t in tables:
        for r, (l1, l2, l3, v, printed) in perf_rows.get(id(t), []):
            indicators.append(GoldIndicator(t.seq, t.body_offset + r, r, t.project, l1, l2, l3, v, printed))
    if kind == "final":
        cover = [f"{full_name}{year}年度部门决算", "公开报表"]
    else:
        cover = [
            f"附件{rng.randint(2, 4)}",
            f"{year}年部门（单位）综合预算公开报表",
            f"部门（单位）名称：{full_name}",
        ]
    preface = _preface(ctx, tables)
    return SynthDoc(
        seed=seed,
        county=county,
        department=full_name,
        department_short=dept_short,
        dept_code=dept_code,
        year=year,
        kind=kind,
        unit=unit,
        family=family,
        cover=cover,
        units=[[u, n] for u, _k, n in units],
        tables=tables,
        line_items=line_items,
        indicators=indicators,
        preface=preface,
    )
