"""Labelled examples for the trained classifiers: the seeds, reviewer corrections, damaged variants.

Every example carries a ``group`` (the document it comes from: ``seed:000``, ``synth:1017``,
``tmpl:carryover:3``, ``store:<document id>``) and a ``dept`` (the department), so evaluation
can keep a document — and all its variants — on one side of a split.

This module holds what training needs at run time and nothing of the sample generator:

* the example types and ``TrainingSet`` (the base examples, before variants);
* the seeds of a samples folder, read by ``extract.read`` and labelled by
  ``<samples>/labels/table_types.json`` and ``<samples>/labels/indicators.json``
  (``seed_training_set``): plain files, no code of the folder is imported;
* damaged variants of every base table: reworded, truncated, missing and OCR-damaged titles,
  damaged or missing header rows, other departments and years (``with_variants``); indicator rows
  with their level cells as printed, mangled, or empty (merged away), and 指标1：… enumerators
  (``indicator_examples``).

Synthetic disclosures and generated tables of the types the generator does not make come from
the repository's sample generator (``samples/training.py``), which builds a ``TrainingSet`` and
hands it to ``classify.train.train``.

Everything is a pure function of ``DataConfig`` (fixed seeds) and the base examples.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from classify.table_rules import normalize_title
from extract.model import Cell, Table
from extract.taxonomy import LEVEL1_OF, LEVEL2


class TrainingDataError(ValueError):
    """The training data asked for cannot be read: the message names the missing path or option."""


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


COUNTIES = (
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
DEPTS = ("教育局", "民政局", "水利局", "财政局", "卫生健康局", "司法局", "林业局", "医疗保障局", "统计局")
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
        year=rng.randint(2015, 2027), county=rng.choice(COUNTIES), dept=rng.choice(DEPTS)
    )
    enum = rng.choice(_ENUMERATORS).format(n=rng.randint(1, 16))
    return f"{enum}{prefix}{t}"


def retable(table: Table, rows: list[list[str]], header_rows: int, title: str) -> Table:
    cells = [Cell(row=r, col=c, text=t) for r, row in enumerate(rows) for c, t in enumerate(row) if t]
    return dataclasses.replace(
        table, cells=cells, header_rows=header_rows, title=title, notes=list(table.notes), row_issues={}
    )


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
    return retable(table, grid, header_rows, title), "+".join(done) or "copy"


# ───────────────────────────── seeds ─────────────────────────────

SEED_DEPT = "医疗保障局"  # the department of every seed


@cache
def _read_seed(path: Path) -> list[Table]:
    from extract import read

    return read(path).tables


def _require(path: Path, what: str) -> Path:
    if not path.exists():
        raise TrainingDataError(f"{path}: no such {what} (the samples folder needs seeds/*.txt and labels/)")
    return path


def seed_names(samples_dir: str | Path) -> list[str]:
    seeds = _require(Path(samples_dir) / "seeds", "folder of seed disclosures")
    names = sorted(p.name for p in seeds.glob("*.txt"))
    if not names:
        raise TrainingDataError(f"{seeds}: no seed disclosures (*.txt)")
    return names


def seed_tables(samples_dir: str | Path) -> list[tuple[str, Table, str]]:
    """(seed name, table as read, labelled type) for every table of every seed."""
    samples = Path(samples_dir)
    labels_path = _require(samples / "labels" / "table_types.json", "table-type labels")
    labels = json.loads(labels_path.read_text(encoding="utf-8"))
    out: list[tuple[str, Table, str]] = []
    for name in seed_names(samples):
        tables = _read_seed(samples / "seeds" / name)
        wanted = labels.get(name, [])
        by_line = {w["line"]: w for w in wanted}
        for i, t in enumerate(tables):
            w = by_line.get(t.line_span[0] if t.line_span else None)
            if w is None and i < len(wanted) and wanted[i]["title"] == t.title:
                w = wanted[i]
            if w is not None:
                out.append((name, copy.deepcopy(t), w["table_type"]))
    return out


def seed_indicators(samples_dir: str | Path) -> list[tuple[str, dict]]:
    path = _require(Path(samples_dir) / "labels" / "indicators.json", "indicator labels")
    labels = json.loads(path.read_text(encoding="utf-8"))
    return [(name, it) for name, items in labels.items() if not name.startswith("_") for it in items]


def group_of_seed(name: str) -> str:
    return f"seed:{name[:3]}"


# ───────────────────────────── the base examples ─────────────────────────────


@dataclass(frozen=True)
class IndicatorRow:
    """One labelled indicator row, before the conditions of its level cells are drawn."""

    group: str
    dept: str
    source: str
    level3: str
    value: str
    level2: str
    prev_level2: str = ""
    extra_copies: int = 0  # copies beyond ``DataConfig.indicator_copies`` (seed rows: their wording is real)


@dataclass
class TrainingSet:
    """The base examples (tables as read, labelled indicator rows) in the order they are drawn from."""

    tables: list[TableExample] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)

    def __add__(self, other: TrainingSet) -> TrainingSet:
        return TrainingSet(self.tables + other.tables, self.indicators + other.indicators)


def seed_training_set(samples_dir: str | Path) -> TrainingSet:
    """The seeds of ``samples_dir`` (``seeds/*.txt``) with their labels (``labels/*.json``)."""
    tables = [
        TableExample(group_of_seed(name), SEED_DEPT, "seed", "original", table, label)
        for name, table, label in seed_tables(samples_dir)
    ]
    rows: list[IndicatorRow] = []
    last: tuple[object, str] = (None, "")
    for name, it in seed_indicators(samples_dir):
        if it["level2"] not in LEVEL2:
            continue
        key = (name, it["table"], it["project"])
        prev = last[1] if last[0] == key else ""
        last = (key, it["level2"])
        rows.append(
            IndicatorRow(
                group_of_seed(name), SEED_DEPT, "seed", it["level3"], it["value"], it["level2"], prev, 1
            )
        )
    return TrainingSet(tables, rows)


# ───────────────────────────── table examples ─────────────────────────────


def variants_of(source: str, config: DataConfig) -> int:
    """How many damaged variants each base table of ``source`` gets."""
    return {
        "seed": config.seed_variants,
        "synth": config.synth_variants,
        "template": config.template_variants,
    }.get(source, 0)


def with_variants(config: DataConfig, base: Iterable[TableExample]) -> list[TableExample]:
    """Each base table followed by its damaged variants."""
    rng = random.Random(f"tables:{config.seed}")
    out: list[TableExample] = []
    for ex in base:
        out.append(ex)
        for _ in range(variants_of(ex.source, config)):
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


def indicator_examples(config: DataConfig, rows: Sequence[IndicatorRow]) -> list[IndicatorExample]:
    """Every labelled row under ``indicator_copies`` (+ its extra copies) drawn conditions."""
    rng = random.Random(f"indicators:{config.seed}")
    out: list[IndicatorExample] = []
    for row in rows:
        out += indicator_conditions(
            row.level3, row.value, row.level2, rng, config.indicator_copies + row.extra_copies,
            row.group, row.dept, row.source, row.prev_level2,
        )  # fmt: skip
    return out
