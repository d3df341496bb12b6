"""Other tables: empty tables (空表), 政府性基金, the project list and the “三公” table."""

from __future__ import annotations

from collections import defaultdict

from samples.synth.codes import code_name
from samples.synth.context import Ctx, add_row_sums, finish_table, new_table
from samples.synth.gold import AmountColumn, GoldTable, SumRelation
from samples.synth.money import Atom, total
from samples.synth.summaries import by_unit
from samples.synth.text import cn_number, pick


def empty_table(ctx: Ctx, title: str, ttype: str, layout: str, note: str) -> GoldTable:
    """A table published empty (空表): header only, or with one blank row (河北 style)."""
    if layout == "serial":
        spec = [
            [("序号", 1, 2), ("功能分类科目", 2, 1), ("合计", 1, 2), ("基本支出", 1, 2), ("项目支出", 1, 2)],
            [("科目编码",), ("科目名称",)],
        ]
        t = new_table(ctx, title, ttype, spec, 6, index_row=["栏次", "1", "2", "3", "4", "5"])
        t.body = [[""] * 6]
    elif layout == "split":
        spec = [
            [
                ("科目编码", 3, 1),
                ("科目名称", 1, 2),
                (pick(ctx.rng, ["合计", "本年支出合计"]), 1, 2),
                ("基本支出", 1, 2),
                ("项目支出", 1, 2),
            ],
            [("类",), ("款",), ("项",)],
        ]
        t = new_table(ctx, title, ttype, spec, 7)
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
        t = new_table(ctx, title, ttype, spec, 8, index_row=["栏次", "", "1", "2", "3", "4", "5", "6"])
    else:  # procurement-like plain header
        spec = [
            [("单位编码",), ("单位名称",), ("采购项目",), ("采购目录",), ("数量",), ("预算金额",), ("说明",)]
        ]
        t = new_table(ctx, title, ttype, spec, 7)
    t.empty = True
    t.notes = [note]
    return finish_table(t)


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
    t = new_table(ctx, title, "gov_fund", spec, 8)
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
    return finish_table(t)


def project_list(ctx: Ctx, title: str, intro: dict[str, str]) -> GoldTable:
    """专项业务经费支出表: 合计, unit rows, project rows (陕西 style)."""
    spec = [[("单位编码",), ("单位（项目）名称",), ("项目金额",), ("项目简介",)]]
    t = new_table(ctx, title, "project_expense", spec, 4)
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
    return finish_table(t)


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
        t = new_table(ctx, title, "three_public", spec, 6, index_row=["栏次", "1", "2", "3", "4", "5"])
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
        add_row_sums(t, range(len(lines)))
        return finish_table(t)
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
        t = new_table(ctx, title, "three_public", spec, 12)
        t.index_row = [str(i) for i in range(1, 13)]
        t.body = [[ctx.amt(v, "0.00" if ctx.zero else "") for _w, vals in groups for v in vals]]
        t.amount_cols = [AmountColumn(c, -1, []) for c in range(12)]
        add_row_sums(t, [0])
        return finish_table(t)
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
    t = new_table(ctx, title, "three_public", spec, 10)

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
    add_row_sums(t, range(len(rows)))
    for c in range(2, 10):
        t.relations.append(SumRelation("col", c, 0, list(range(1, len(rows)))))
    return finish_table(t)
