"""Documents: the table set of each family, the 目录, the preface and ``make_document``."""

from __future__ import annotations

import dataclasses
import random
from collections import defaultdict
from decimal import Decimal

from samples.synth.codes import load_codes
from samples.synth.context import Ctx, finish_table
from samples.synth.departments import county_name, departments_for, dept_display_name
from samples.synth.function_economic import economic_side_by_side, economic_table, function_table
from samples.synth.gold import GoldIndicator, GoldLineItem, GoldTable, SynthDoc
from samples.synth.money import ALL, IS_BASIC, IS_PERSON, IS_PROJECT, IS_PUBLIC, make_atoms, total
from samples.synth.other_tables import empty_table, gov_fund_four, project_list, three_public_table
from samples.synth.performance import performance_table
from samples.synth.summaries import (
    expense_by_function,
    expense_by_unit,
    income_by_function,
    income_by_unit,
    side_by_side_summary,
)
from samples.synth.text import amount_text, header_grid, pick


def _titles(ctx: Ctx, family: str) -> dict[str, str]:
    y = ctx.year
    if family == "A":
        p = ctx.prefix
        return {
            "ies": f"{p}收支总表",
            "inc": f"{p}收入总表",
            "exp": f"{p}支出总表",
            "fis": f"{p}财政拨款收支总表",
            "gpf": f"{p}一般公共预算支出明细表（按支出功能分类科目{pick(ctx.rng, ['', '-不含上年结转'])}）",
            "gpe": f"{p}一般公共预算支出明细表（按支出经济分类科目{pick(ctx.rng, ['', '-不含上年结转'])}）",
            "gbf": f"{p}一般公共预算基本支出明细表（按支出功能分类科目）",
            "gbe": f"{p}一般公共预算基本支出明细表（{pick(ctx.rng, ['按', ''])}支出经济分类科目）",
            "fund": f"{p}政府性基金收支表",
            "proj": f"{p}专项业务经费支出表",
            "proc": f"{p}政府采购（资产配置、购买服务）预算表",
            "three": f"{p}一般公共预算拨款“三公”经费及会议费、培训费支出预算表",
            "perf": pick(
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
            "fund": pick(
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
            "perf": pick(ctx.rng, ["项目支出绩效目标表", f"{ctx.full_name}部门项目支出预算绩效目标申报表"]),
        }
    return {
        "ies": "收入支出决算总表",
        "inc": "收入决算表",
        "exp": "支出决算表",
        "fis": "财政拨款收入支出决算总表",
        "gpf": pick(ctx.rng, ["一般公共预算财政拨款支出决算表", "一般公共预算财政拨款支出决算明细表"]),
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

    # the other performance layouts (申报表 with 指标方向 | 指标值 | 度量单位, 北京's project rows) come
    # from a generator of their own, so every other table of a seed's document stays as it was
    other = random.Random(f"performance-layout:{ctx.year}:{ctx.dept_code}:{ctx.full_name}")

    def perf(layout: str) -> None:
        alt = other.choice(["", "", "split", "project_rows"])
        for name in perf_projects:
            sub = f"({ctx.year}年度)" if layout in ("form", "twin") else ""
            title = T["perf"] if layout != "desc" else f"{name}绩效目标表"
            t, rows = performance_table(ctx, proj_objs[name], projects[name], title, sub, layout)
            if alt:
                alt_title = "项目支出绩效目标申报表" if alt == "split" else "项目支出绩效目标表"
                t, rows = performance_table(
                    dataclasses.replace(ctx, rng=other), proj_objs[name], projects[name], alt_title, "", alt
                )
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
        perf(pick(rng, ["form", "form", "numbered", "twin"]))
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
        perf(pick(rng, ["form", "numbered", "twin"]))
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
        title=pick(ctx.rng, ["目 录", "目录"]),
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
    return finish_table(t)


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
    dept = pick(rng, departments_for(year))
    dept_short = dept_display_name(dept, year)
    county = county_name(rng)
    full_name = county + dept_short
    dept_code = str(rng.randint(101, 499))
    family = "D" if kind == "final" else pick(rng, ["A", "A", "B", "C"])
    unit = "万元" if family == "B" or rng.random() < 0.35 else "元"
    if family == "B":
        style = "plain2"
    elif unit == "万元":
        style = pick(rng, ["plain2", "comma2", "strip"])
    else:
        style = pick(rng, ["comma2", "comma2", "plain2"])
    quantum = 10_000 if unit == "万元" else (1 if kind == "final" else pick(rng, [10_000, 10_000, 100]))
    units = [(dept_code + "001", "admin", full_name)]
    if dept.inst_name and rng.random() < 0.6:
        units.append((dept_code + "002", "inst", county + dept.inst_name))
    atoms = make_atoms(rng, dept, year, units, quantum)
    prefix = pick(rng, [f"{year}年部门综合预算", "部门综合预算", f"{year}年部门（单位）综合预算"])
    word = "决算数" if kind == "final" else "预算数"
    zero = pick(rng, ["", "0.00"]) if style != "strip" else pick(rng, ["", "0"])
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
            gold = GoldIndicator(t.seq, t.body_offset + r, r, t.project, l1, l2, l3, v, printed)
            gold.project_amount, gold.project_target = t.project_amount, t.project_target
            gold.project_department, gold.project_unit = t.project_department, t.project_unit
            indicators.append(gold)
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
