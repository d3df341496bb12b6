"""The training set of the shipped models: seeds, synthetic disclosures, generated tables.

    python -m samples.training [--db work.db] [--out models]

Builds the base examples ``classify.train.train`` learns from — the seeds of this folder with
their labels (``classify.training_data.seed_training_set``), synthetic disclosures
(``samples.synth.make_document``) of other counties, departments and years rendered as text
(``samples.render``: tab-separated or one cell per line) and read back by the same reader the
pipeline uses, labelled by their gold tables and indicators, and generated tables for the types
the generator does not make (上年结转, 固定资产, 机构设置, 部门整体 / 专项资金 绩效目标, other) —
and trains the two classifiers on them (plus the reviewer corrections of a work store with
``--db``). This is how models/ is made; ``digitize train`` from an installed package has no
generator and trains on a samples folder's seeds and a store's corrections only.

Everything is a pure function of ``DataConfig`` (fixed seeds).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

from classify.table_rules import normalize_title
from classify.train import TrainConfig, train
from classify.training_data import (
    COUNTIES,
    DEPTS,
    DataConfig,
    IndicatorRow,
    TableExample,
    TrainingSet,
    retable,
    reword_title,
    seed_training_set,
)
from extract.model import Cell, Table
from samples.render import render_cells, render_tsv
from samples.synth import GoldTable, SynthDoc, load_codes, make_document

SAMPLES = Path(__file__).resolve().parent


# ───────────────────────────── synthetic disclosures ─────────────────────────────


def synth_documents(config: DataConfig) -> list[tuple[SynthDoc, list[Table]]]:
    """(SynthDoc, its tables as the text reader reads them) for each synthetic document."""
    from extract import read

    out: list[tuple[SynthDoc, list[Table]]] = []
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
                tables = [gold_to_table(t) for t in doc.tables]
            out.append((doc, tables))
    return out


def gold_to_table(gold: GoldTable) -> Table:
    grid = gold.grid()
    cells = [Cell(row=r, col=c, text=t) for r, row in enumerate(grid) for c, t in enumerate(row) if t]
    return Table(
        seq=gold.seq,
        title=gold.title,
        cells=cells,
        header_rows=gold.body_offset,
        unit=gold.unit,
        empty=gold.empty,
    )


def synth_training_set(documents: list[tuple[SynthDoc, list[Table]]]) -> TrainingSet:
    """The tables (labelled by their gold type) and indicator rows of the synthetic documents."""
    tables: list[TableExample] = []
    rows: list[IndicatorRow] = []
    for doc, read_tables in documents:
        group = f"synth:{doc.seed}"
        for gold, table in zip(doc.tables, read_tables, strict=True):
            tables.append(
                TableExample(group, doc.department_short, "synth", "original", table, gold.table_type)
            )
    for doc, _tables in documents:
        last: tuple[object, str] = (None, "")
        for ind in doc.indicators:
            prev = last[1] if last[0] == ind.table_seq else ""
            last = (ind.table_seq, ind.level2)
            rows.append(
                IndicatorRow(
                    f"synth:{doc.seed}", doc.department_short, "synth",
                    ind.level3_printed or ind.level3, ind.value, ind.level2, prev,
                )
            )  # fmt: skip
    return TrainingSet(tables, rows)


# ───────────────────────────── generated tables for the types the generator lacks ─────────────────────────────

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
            name = rng.choice(COUNTIES) + rng.choice(DEPTS) + rng.choice(["本级", "", "事务中心", "服务站"])
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
        rows = [[key, "", rng.choice(COUNTIES) + rng.choice(DEPTS)]]
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
                dept=rng.choice(DEPTS), year=rng.randint(2015, 2027)
            )
            title = reword_title(title, rng) if rng.random() < 0.5 else title
            if slug == "other" and rng.random() < 0.15:
                title = ""
            table = retable(Table(seq=i + 1, title="", unit=unit), grid, header_rows, title)
            table.empty = slug.endswith("performance") and not any(
                r[3] for r in grid if len(r) > 4 and r[0] == ""
            )
            dept = rng.choice(DEPTS)
            out.append(TableExample(f"tmpl:{slug}:{i}", dept, "template", "original", table, slug))
    return out


# ───────────────────────────── the whole set ─────────────────────────────


def training_set(config: DataConfig, samples_dir: Path = SAMPLES) -> TrainingSet:
    """Seeds, then synthetic documents, then generated tables: the order the examples are drawn in."""
    seeds = seed_training_set(samples_dir)
    synth = synth_training_set(synth_documents(config))
    templates = TrainingSet(template_tables(config), [])
    return seeds + synth + templates


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default=None, help="add the reviewer corrections of a work store")
    ap.add_argument(
        "--out", default="models", help="folder for the models and MODEL_CARD.md (default models)"
    )
    args = ap.parse_args(argv)
    if args.db and not Path(args.db).exists():
        print(f"{args.db}: no such work store", file=sys.stderr)
        return 2
    config = TrainConfig()
    report = train(args.db, args.out, config, base=training_set(config.data))
    print(
        f"trained on {report.table_examples} tables and {report.indicator_examples} indicator rows "
        f"({report.store_tables} tables, {report.store_indicators} indicator rows from the store) "
        f"in {report.seconds:.0f} s → {report.out_dir}"
    )
    ev = report.evaluation
    if ev is not None:
        print(
            f"grouped evaluation: table-type accuracy {ev.table_accuracy:.4f}, "
            f"indicator level2 macro-F1 {ev.level2_macro_f1:.4f} (see {report.out_dir}/MODEL_CARD.md)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
