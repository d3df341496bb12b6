"""Labelled examples for the trained classifiers: seeds, synthetic disclosures, generated variants.

Every example carries a ``group`` (the document it comes from: ``seed:000``, ``synth:1017``,
``tmpl:carryover:3``, ``store:<document id>``) and a ``dept`` (the department), so evaluation
can keep a document — and all its variants — on one side of a split.

Sources:

* the seeds, read by ``extract.read`` and labelled by ``samples/labels/table_types.json``
  (table types) and ``samples/labels/indicators.json`` (indicator rows);
* synthetic disclosures (``samples.synth.make_document``) of other counties, departments and
  years, rendered as text (``samples.render``: tab-separated or one cell per line) and read back
  by the same reader the pipeline uses, labelled by their gold tables and indicators;
* generated tables for the types the generator does not make (上年结转, 固定资产, 机构设置,
  部门整体 / 专项资金 绩效目标, other);
* variants of all of these: reworded, truncated, missing and OCR-damaged titles, damaged or
  missing header rows, other departments and years; indicator rows with their level cells as
  printed, mangled, or empty (merged away), and 指标1：… enumerators.

Everything is a pure function of ``DataConfig`` (fixed seeds).
"""

from __future__ import annotations

import copy
import json
import random
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from classify.table_type import normalize_title
from extract.model import Cell, Table
from extract.taxonomy import LEVEL1_OF, LEVEL2

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "samples" / "seeds"
LABELS = ROOT / "samples" / "labels"


@dataclass(frozen=True)
class DataConfig:
    synth_docs: int = 120  # synthetic disclosures (make_document seeds synth_start …)
    synth_start: int = 1000
    synth_variants: int = 1  # damaged variants per synthetic table
    seed_variants: int = 10  # damaged variants per seed table
    template_tables: int = 30  # generated tables per type the generator lacks
    template_variants: int = 1
    indicator_copies: int = 3  # conditions (printed / mangled / dropped …) per indicator row
    seed: int = 0


SMALL_CONFIG = DataConfig(
    synth_docs=6,
    synth_variants=1,
    seed_variants=2,
    template_tables=4,
    template_variants=1,
    indicator_copies=2,
)


@dataclass
class TableExample:
    group: str
    dept: str
    source: str  # 'seed', 'synth', 'template', 'store'
    variant: str  # 'original' or the damage applied
    table: Table
    label: str


@dataclass
class IndicatorExample:
    group: str
    dept: str
    source: str
    condition: str  # 'printed', 'mangled', 'no_level2', 'no_levels'
    level3: str
    value: str
    level1_cell: str
    level2_cell: str
    level2: str
    prev_level2: str = ""  # the level2 of the indicator row above in the same table ('' for the first)

    @property
    def level1(self) -> str:
        return LEVEL1_OF[self.level2] if self.level2 != "成本指标" else "产出指标"


# ───────────────────────────── damage ─────────────────────────────

# characters OCR confuses (each maps to look-alikes)
_CONFUSIONS: dict[str, str] = {
    "支": "攴文",
    "出": "山屮",
    "预": "顶豫",
    "算": "箅筭",
    "表": "衣袁",
    "经": "径轻",
    "费": "贵赞",
    "济": "挤剂",
    "功": "巧劝",
    "能": "態熊",
    "基": "墓綦",
    "本": "木末",
    "收": "牧攸",
    "政": "攻故",
    "财": "材肘",
    "拨": "拔扳",
    "款": "欵叔",
    "目": "日自",
    "录": "彔隶",
    "资": "姿咨",
    "产": "卢严",
    "项": "顶頂",
    "绩": "续积",
    "效": "郊校",
    "标": "樗杯",
    "指": "措拍",
    "量": "最晕",
    "质": "贡盾",
    "时": "吋对",
    "成": "戌咸",
    "社": "杜祉",
    "会": "合佘",
    "生": "牛甘",
    "态": "杰恋",
    "满": "瞒蒲",
    "意": "億竟",
    "度": "庋席",
    "务": "各条",
    "服": "报眼",
    "总": "悉忿",
    "明": "朋盟",
    "细": "纽组",
    "分": "兮公",
    "类": "粪米",
    "科": "料斜",
    "部": "郜陪",
    "门": "闩们",
    "合": "含仑",
    "计": "汁讣",
    "一": "-—",
    "二": "=",
    "三": "彡",
    "人": "入八",
    "员": "贝圆",
    "公": "兴分",
    "用": "甩月",
    "结": "给洁",
    "转": "传砖",
    "金": "全釡",
    "采": "釆菜",
    "购": "构沟",
    "机": "札杌",
    "构": "钩沟",
    "设": "没投",
    "置": "罝直",
    "情": "清请",
    "况": "汎",
    "固": "回困",
    "定": "足宝",
    "国": "囯图",
    "有": "存右",
    "营": "莹菅",
    "性": "姓牲",
    "府": "付腑",
    "般": "船搬",
    "共": "其洪",
    "数": "教敷",
}
_SPACE_CHARS = (" ", "  ", "\u3000")


def ocr_noise(text: str, rng: random.Random, rate: float = 0.1) -> str:
    """``text`` with look-alike substitutions, dropped characters and stray spaces at about ``rate``."""
    out: list[str] = []
    for ch in text:
        x = rng.random()
        if x < rate * 0.6 and ch in _CONFUSIONS:
            out.append(rng.choice(_CONFUSIONS[ch]))
        elif x < rate * 0.8 and not ch.isdigit():
            continue
        elif x < rate:
            out.append(ch + rng.choice(_SPACE_CHARS))
        else:
            out.append(ch)
    return "".join(out)


def truncate(text: str, rng: random.Random) -> str:
    if len(text) < 6:
        return text
    return text[: max(3, int(len(text) * rng.uniform(0.45, 0.85)))]


_COUNTIES = (
    "清河县",
    "永宁县",
    "略阳县",
    "平乡县",
    "镇安县",
    "安定区",
    "城关镇",
    "东风县",
    "西河区",
    "南山县",
)
_DEPTS = ("教育局", "民政局", "水利局", "财政局", "卫生健康局", "司法局", "林业局", "医疗保障局", "统计局")
_PREFIXES = ("", "", "部门综合预算", "部门预算", "{year}年部门综合预算", "{year}年", "{county}{dept}{year}年",
             "{county}{dept}", "单位预算", "{year}年度部门")  # fmt: skip
# (old, new) rewordings that keep the table type
_SAFE_SWAPS = (
    ("（", "("), ("）", ")"), ("按支出功能分类科目", "按功能分类"), ("按支出经济分类科目", "按经济分类"),
    ("科目", ""), ("明细表", "表"), ("收支总表", "收入支出总表"), ("支出表", "支出预算表"),
    ("“三公”", "三公"), ("“三公”", '"三公"'), ("绩效目标表", "绩效目标申报表"), ("部门综合预算", "部门预算"),
    ("部门综合预算", "单位预算"), ("情况表", "情况"), ("预算表", "表"),
)  # fmt: skip
_GENERIC_HEADERS = (
    ["项目", "金额"],
    ["项目", "预算数"],
    ["科目", "金额"],
    ["序号", "项目", "金额"],
    ["项目"],
    ["名称", "数额"],
)
_ENUMERATORS = ("", "", "", "表{n}", "表{n} ", "附表{n}", "{n}、", "表{n}-", "（{n}）")


def reword_title(title: str, rng: random.Random) -> str:
    """The same table type, named as another county, department, year or template would name it."""
    t = normalize_title(title)
    for old, new in rng.sample(_SAFE_SWAPS, k=rng.randint(0, 3)):
        t = t.replace(old, new, 1)
    for known in ("部门综合预算", "部门预算", "单位预算"):
        if t.startswith(known) and rng.random() < 0.6:
            t = t[len(known) :]
            break
    prefix = rng.choice(_PREFIXES).format(
        year=rng.randint(2015, 2027), county=rng.choice(_COUNTIES), dept=rng.choice(_DEPTS)
    )
    enum = rng.choice(_ENUMERATORS).format(n=rng.randint(1, 16))
    return f"{enum}{prefix}{t}"


def _retable(table: Table, rows: list[list[str]], header_rows: int, title: str) -> Table:
    cells = [Cell(row=r, col=c, text=t) for r, row in enumerate(rows) for c, t in enumerate(row) if t]
    new = copy.copy(table)
    new.cells = cells
    new.header_rows = header_rows
    new.title = title
    new.notes = list(table.notes)
    new.row_issues = {}
    new.cell_issues = {}
    new.table_type = ""
    new.type_confidence = 0.0
    return new


def damage_table(table: Table, rng: random.Random) -> tuple[Table, str]:
    """One damaged variant of ``table`` and the names of the damage done."""
    grid = table.grid()
    header_rows = table.header_rows
    title = table.title
    done: list[str] = []
    if rng.random() < 0.6:
        title, _ = reword_title(title, rng), done.append("reworded")
    x = rng.random()
    if x < 0.12:
        title, _ = "", done.append("no_title")
    elif x < 0.32:
        title, _ = truncate(title, rng), done.append("truncated")
    if title and rng.random() < 0.4:
        title, _ = ocr_noise(title, rng, rng.uniform(0.05, 0.25)), done.append("title_noise")
    if header_rows and rng.random() < 0.1:
        grid, header_rows, _ = grid[header_rows:], 0, done.append("no_header")
    elif rng.random() < 0.35:
        rate = rng.uniform(0.05, 0.2)
        grid = [
            [ocr_noise(c, rng, rate) if r < max(header_rows, 1) or not c[:1].isdigit() else c for c in row]
            for r, row in enumerate(grid)
        ]
        done.append("cell_noise")
    x = rng.random()
    if x < 0.08 and title:
        grid, header_rows, _ = (
            [rng.choice(_GENERIC_HEADERS)],
            1,
            done.append("generic"),
        )  # the title must decide
    elif x < 0.18 and header_rows:
        grid, _ = grid[:header_rows], done.append("no_body")  # published empty (空表)
    elif len(grid) > header_rows + 4 and x < 0.38:
        grid = grid[: header_rows + rng.randint(2, 4)]  # a table cut by a page break
        done.append("cut")
    return _retable(table, grid, header_rows, title), "+".join(done) or "copy"


# ───────────────────────────── seeds ─────────────────────────────


@cache
def _read_seed(name: str) -> Table | list[Table]:
    from extract import read

    return read(SEEDS / name).tables


def seed_names() -> list[str]:
    return sorted(p.name for p in SEEDS.glob("*.txt"))


def seed_tables() -> list[tuple[str, Table, str]]:
    """(seed name, table as read, labelled type) for every table of every seed."""
    labels = json.loads((LABELS / "table_types.json").read_text(encoding="utf-8"))
    out: list[tuple[str, Table, str]] = []
    for name in seed_names():
        tables = _read_seed(name)
        wanted = labels.get(name, [])
        by_line = {w["line"]: w for w in wanted}
        for i, t in enumerate(tables):
            w = by_line.get(t.line_span[0] if t.line_span else None)
            if w is None and i < len(wanted) and wanted[i]["title"] == t.title:
                w = wanted[i]
            if w is not None:
                out.append((name, copy.deepcopy(t), w["table_type"]))
    return out


def seed_indicators() -> list[tuple[str, dict]]:
    labels = json.loads((LABELS / "indicators.json").read_text(encoding="utf-8"))
    return [(name, it) for name, items in labels.items() if not name.startswith("_") for it in items]


def _group_of_seed(name: str) -> str:
    return f"seed:{name[:3]}"


# ───────────────────────────── synthetic disclosures ─────────────────────────────


def _samples_importable() -> None:
    """``samples`` is a folder of the repository, not an installed package: make it importable."""
    if str(ROOT) not in sys.path:
        sys.path.append(str(ROOT))


def synth_documents(config: DataConfig) -> Iterator[tuple[object, list[Table]]]:
    """(SynthDoc, its tables as the text reader reads them) for each synthetic document."""
    from extract import read

    _samples_importable()
    from samples.render import render_cells, render_tsv
    from samples.synth import make_document

    with tempfile.TemporaryDirectory(prefix="digitize-train-") as tmp:
        for i in range(config.synth_docs):
            doc = make_document(config.synth_start + i)
            render = render_tsv if i % 2 == 0 else render_cells
            path = Path(tmp) / f"synth_{i}.txt"
            path.write_text(render(doc), encoding="utf-8")
            try:
                tables = read(path).tables
            except Exception:  # noqa: BLE001 - a reader gap must not stop training
                tables = []
            if len(tables) != len(doc.tables) or any(
                normalize_title(a.title) != normalize_title(b.title)
                for a, b in zip(tables, doc.tables, strict=False)
            ):
                tables = [_gold_to_table(t) for t in doc.tables]
            yield doc, tables


def _gold_to_table(gold: object) -> Table:
    grid = gold.grid()  # type: ignore[attr-defined]
    cells = [Cell(row=r, col=c, text=t) for r, row in enumerate(grid) for c, t in enumerate(row) if t]
    return Table(
        seq=gold.seq,  # type: ignore[attr-defined]
        title=gold.title,  # type: ignore[attr-defined]
        cells=cells,
        header_rows=gold.body_offset,  # type: ignore[attr-defined]
        unit=gold.unit,  # type: ignore[attr-defined]
        empty=gold.empty,  # type: ignore[attr-defined]
    )


# ───────────────────────────── generated tables for types the generator lacks ─────────────────────────────

_TEMPLATE_TITLES: dict[str, tuple[str, ...]] = {
    "carryover": (
        "财政拨款上年结转资金支出表", "上年结转资金支出表", "上年结转资金支出预算表", "部门综合预算财政拨款上年结转资金支出表",
        "上年结转结余资金支出表", "财政拨款结转资金支出表（上年结转）",
    ),
    "assets": (
        "部门固定资产占用情况表", "固定资产占用情况表", "国有资产占用情况表", "国有资产信息", "部门国有资产占用情况",
        "资产占用情况表", "国有资产使用情况表",
    ),
    "institutions": ("部门机构设置情况", "机构设置情况表", "所属单位机构设置情况", "部门机构设置情况表", "单位机构设置"),
    "dept_performance": (
        "部门（单位）整体支出绩效目标表", "部门整体支出绩效目标表", "单位整体支出绩效目标表", "部门整体绩效目标表",
        "部门整体支出绩效目标申报表", "{dept}整体支出绩效目标表",
    ),
    "special_fund_performance": (
        "专项资金总体绩效目标表", "专项资金整体绩效目标表", "专项资金绩效目标表", "{year}年专项资金总体绩效目标表",
        "专项资金总体绩效目标申报表",
    ),
    "project_expense": (
        "项目支出决算表", "项目支出表", "项目支出预算表", "部门项目支出明细表", "项目支出预算明细表", "专项业务经费支出表",
        "{year}年项目支出决算表",
    ),
    "other": (
        "部门人员编制情况表", "部门基本情况", "名词解释", "部门主要职能", "预算收支增减变化情况", "机关运行经费情况说明",
        "收费项目情况表", "部门预算公开说明", "单位人员情况统计表", "重点工作任务", "其他需要说明的事项", "政府购买服务目录",
        "部门预算编制说明", "部门职责及机构设置", "行政事业性收费征收计划表",
    ),
}  # fmt: skip

_ASSET_ROWS = ("资产总额", "1、房屋（平方米）", "其中：办公用房（平方米）", "2、车辆（台、辆）",
               "3、单价在20万元以上的设备", "4、其他固定资产", "通用设备", "专用设备", "家具、用具")  # fmt: skip
_PERF_L3 = (
    ("产出指标", "数量指标", "保障单位干部职工人数", "{n}人"), ("产出指标", "数量指标", "开展培训次数", "≥{k}次"),
    ("产出指标", "质量指标", "资金使用合规率", "100%"), ("产出指标", "时效指标", "资金拨付及时率", "100%"),
    ("成本指标", "经济成本指标", "人员经费", "≤{n}万元"), ("成本指标", "经济成本指标", "日常公用经费", "≤{k}万元"),
    ("效益指标", "社会效益指标", "政策知晓率", "≥90%"), ("效益指标", "可持续影响指标", "长效机制建设", "长期"),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥95%"),
)  # fmt: skip


def _template_grid(slug: str, rng: random.Random) -> tuple[list[list[str]], int, str]:
    """(grid, header rows, unit) of a generated table of type ``slug``."""
    _samples_importable()
    from samples.synth import load_codes

    codes = [c for c in load_codes().values() if c.kind == "function"]
    amount = lambda: f"{rng.randint(1, 900000) / 100:,.2f}"  # noqa: E731
    if slug == "carryover":
        header = rng.choice(
            [
                ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
                ["功能分类科目编码", "功能分类科目名称", "上年结转合计", "一般公共预算", "政府性基金"],
                [
                    "预算单位代码",
                    "预算单位名称",
                    "预算项目名称",
                    "金额",
                    "功能分类科目代码",
                    "功能分类科目名称",
                ],
            ]
        )
        rows = [header]
        for c in rng.sample(codes, rng.randint(0, 8)):
            row = [c.code, c.name] + [amount() for _ in header[2:]]
            rows.append(row[: len(header)])
        return rows, 1, rng.choice(["元", "万元"])
    if slug == "project_expense":
        header = rng.choice(
            [
                ["项目编码", "项目名称", "合计", "一般公共预算", "政府性基金"],
                ["单位编码", "单位名称", "项目名称", "金额"],
                ["项目", "本年支出合计", "财政拨款", "其他资金"],
            ]
        )
        rows = [header]
        for _ in range(rng.randint(0, 6)):
            name = rng.choice(
                ["信息系统运行维护", "专项业务工作经费", "宣传经费", "基金监管", "培训经费", "设备购置"]
            )
            row = ([str(rng.randint(100000, 999999))] if "编码" in header[0] else []) + [name]
            rows.append((row + [amount() for _ in header])[: len(header)])
        return rows, 1, rng.choice(["元", "万元"])
    if slug == "assets":
        header = rng.choice(
            [["项目", "数量", "价值（金额单位：万元）"], ["资产类别", "数量", "账面原值", "账面净值"]]
        )
        rows = [header] + [
            [name]
            + [str(rng.randint(0, 30)) if rng.random() < 0.5 else "" for _ in header[1:-1]]
            + [amount()]
            for name in rng.sample(_ASSET_ROWS, rng.randint(3, len(_ASSET_ROWS)))
        ]
        return rows, 1, rng.choice(["", "万元"])
    if slug == "institutions":
        header = rng.choice(
            [
                ["单位名称", "单位性质", "单位规格", "经费保障形式"],
                ["序号", "单位名称", "单位性质", "编制人数", "实有人数"],
            ]
        )
        rows = [header]
        for i in range(rng.randint(1, 5)):
            name = rng.choice(_COUNTIES) + rng.choice(_DEPTS) + rng.choice(["本级", "", "事务中心", "服务站"])
            row = [str(i + 1), name] if header[0] == "序号" else [name]
            row += [rng.choice(["行政", "参公", "事业"]), rng.choice(["正科级", "副科级", "股级"])]
            row += [str(rng.randint(3, 60)), str(rng.randint(3, 60))]
            rows.append(row[: len(header)])
        return rows, 1, ""
    if slug in ("dept_performance", "special_fund_performance"):
        key = (
            "部门（单位）名称"
            if slug == "dept_performance"
            else rng.choice(["专项资金名称", "专项（项目）名称", "项目名称"])
        )
        rows = [[key, "", rng.choice(_COUNTIES) + rng.choice(_DEPTS)]]
        if slug == "dept_performance":
            rows += [
                ["年度主要任务", "任务名称", "主要内容", "预算金额（万元）"],
                ["", "人员经费", "保障工资社保", amount()],
            ]
        else:
            rows += [
                ["主管部门", "", "", "实施期限"],
                ["资金金额（万元）", "实施期资金总额：", "", "年度资金总额："],
            ]
        rows += [["年度总体目标", "目标1：" + rng.choice(["保障机关正常运转", "提升服务水平", ""])]]
        rows += [["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值"]]
        empty = rng.random() < 0.3
        for l1, l2, l3, v in rng.sample(_PERF_L3, rng.randint(3, len(_PERF_L3))):
            rows.append(
                [
                    "",
                    l1,
                    l2,
                    "" if empty else l3,
                    "" if empty else v.format(n=rng.randint(5, 99), k=rng.randint(2, 9)),
                ]
            )
        return rows, 0, rng.choice(["", "万元"])
    # other
    header = rng.choice(
        [["项目", "说明"], ["序号", "内容", "备注"], ["类别", "人数", "说明"], ["项目", "金额", "备注"]]
    )
    rows = [header]
    for i in range(rng.randint(1, 6)):
        rows.append([str(i + 1) if header[0] == "序号" else rng.choice(["在职人员", "退休人员", "行政编制", "事业编制", "其他"])]
                    + [rng.choice(["", str(rng.randint(1, 90)), "详见说明", "按规定执行"]) for _ in header[1:]])  # fmt: skip
    return rows, 1, rng.choice(["", "", "元"])


def template_tables(
    config: DataConfig, slugs: tuple[str, ...] = tuple(_TEMPLATE_TITLES)
) -> list[TableExample]:
    rng = random.Random(f"template:{config.seed}")
    out: list[TableExample] = []
    for slug in slugs:
        for i in range(config.template_tables):
            grid, header_rows, unit = _template_grid(slug, rng)
            title = rng.choice(_TEMPLATE_TITLES[slug]).format(
                dept=rng.choice(_DEPTS), year=rng.randint(2015, 2027)
            )
            title = reword_title(title, rng) if rng.random() < 0.5 else title
            if slug == "other" and rng.random() < 0.15:
                title = ""
            table = _retable(Table(seq=i + 1, title="", unit=unit), grid, header_rows, title)
            table.empty = slug.endswith("performance") and not any(
                r[3] for r in grid if len(r) > 4 and r[0] == ""
            )
            dept = rng.choice(_DEPTS)
            out.append(TableExample(f"tmpl:{slug}:{i}", dept, "template", "original", table, slug))
    return out


# ───────────────────────────── table examples ─────────────────────────────


def table_examples(
    config: DataConfig, synth: list[tuple[object, list[Table]]] | None = None
) -> list[TableExample]:
    """Seed tables, synthetic tables and generated tables, each with damaged variants."""
    rng = random.Random(f"tables:{config.seed}")
    base: list[tuple[TableExample, int]] = []
    for name, table, label in seed_tables():
        base.append(
            (
                TableExample(_group_of_seed(name), "医疗保障局", "seed", "original", table, label),
                config.seed_variants,
            )
        )
    for doc, tables in synth if synth is not None else synth_documents(config):
        for gold, table in zip(doc.tables, tables, strict=True):  # type: ignore[attr-defined]
            group = f"synth:{doc.seed}"  # type: ignore[attr-defined]
            ex = TableExample(group, doc.department_short, "synth", "original", table, gold.table_type)  # type: ignore[attr-defined]
            base.append((ex, config.synth_variants))
    for ex in template_tables(config):
        base.append((ex, config.template_variants))
    out: list[TableExample] = []
    for ex, n in base:
        out.append(ex)
        for _ in range(n):
            damaged, how = damage_table(ex.table, rng)
            out.append(TableExample(ex.group, ex.dept, ex.source, how, damaged, ex.label))
    return out


# ───────────────────────────── indicator examples ─────────────────────────────

CONDITIONS = ("printed", "mangled", "no_level2", "no_levels")
CONDITION_WEIGHTS = (0.3, 0.3, 0.25, 0.15)


def printed_level(name: str, rng: random.Random) -> str:
    """A level name as some template prints it: with or without 指标, with layout spaces."""
    s = name
    if s.endswith("指标") and len(s) > 4 and rng.random() < 0.3:
        s = s[:-2]
    if rng.random() < 0.15:
        s = " ".join(s[i : i + 2] for i in range(0, len(s), 2))
    return s


def indicator_conditions(
    level3: str,
    value: str,
    level2: str,
    rng: random.Random,
    copies: int,
    group: str,
    dept: str,
    source: str,
    prev_level2: str = "",
) -> list[IndicatorExample]:
    level1 = LEVEL1_OF[level2] if level2 != "成本指标" else "产出指标"
    out: list[IndicatorExample] = []
    conditions = rng.choices(CONDITIONS, weights=CONDITION_WEIGHTS, k=copies)
    for condition in conditions:
        l3 = level3
        if rng.random() < 0.15:
            l3 = f"指标{rng.randint(1, 4)}{rng.choice('：:')}{l3}"
        if rng.random() < 0.15:
            l3 = ocr_noise(l3, rng, 0.08)
        l1_cell = printed_level(level1, rng) if rng.random() < 0.85 else ""
        l2_cell = printed_level(level2, rng)
        if condition == "mangled":
            l2_cell = ocr_noise(l2_cell, rng, rng.uniform(0.2, 0.5)) or l2_cell[:2]
            if rng.random() < 0.3:
                l1_cell = ocr_noise(l1_cell, rng, 0.3)
            if rng.random() < 0.3:
                l2_cell = truncate(l2_cell, rng)
        elif condition == "no_level2":
            l2_cell = ""
            l1_cell = l1_cell or printed_level(level1, rng)
        elif condition == "no_levels":
            l1_cell, l2_cell = "", ""
        prev = prev_level2 if rng.random() < (0.5 if condition == "no_levels" else 0.8) else ""
        out.append(
            IndicatorExample(group, dept, source, condition, l3, value, l1_cell, l2_cell, level2, prev)
        )
    return out


def indicator_examples(
    config: DataConfig, synth: list[tuple[object, list[Table]]] | None = None
) -> list[IndicatorExample]:
    rng = random.Random(f"indicators:{config.seed}")
    out: list[IndicatorExample] = []
    last: tuple[object, str] = (None, "")
    for name, it in seed_indicators():
        if it["level2"] not in LEVEL2:
            continue
        key = (name, it["table"], it["project"])
        prev = last[1] if last[0] == key else ""
        last = (key, it["level2"])
        # seed rows get more copies: they are the real wording
        out += indicator_conditions(
            it["level3"], it["value"], it["level2"], rng, config.indicator_copies + 1,
            _group_of_seed(name), "医疗保障局", "seed", prev,
        )  # fmt: skip
    for doc, _tables in synth if synth is not None else synth_documents(config):
        last = (None, "")
        for ind in doc.indicators:  # type: ignore[attr-defined]
            prev = last[1] if last[0] == ind.table_seq else ""
            last = (ind.table_seq, ind.level2)
            out += indicator_conditions(
                ind.level3_printed or ind.level3, ind.value, ind.level2, rng, config.indicator_copies,
                f"synth:{doc.seed}", doc.department_short, "synth", prev,  # type: ignore[attr-defined]
            )  # fmt: skip
    return out
