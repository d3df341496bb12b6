"""Summary tables: 收支总表 / 财政拨款收支总表 side by side, 收入/支出总表 by unit and by function."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from samples.synth.codes import code_name
from samples.synth.context import (
    Ctx,
    add_hierarchy_relations,
    add_row_sums,
    finish_table,
    hierarchy,
    new_table,
)
from samples.synth.function_economic import function_table
from samples.synth.gold import AmountColumn, GoldTable, SumRelation
from samples.synth.money import ALL, IS_BASIC, IS_PERSON, IS_PROJECT, IS_PUBLIC, Atom, total
from samples.synth.text import cn_number, pick


def class_list(year: int, long: bool) -> list[str]:
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


def numbered(i: int, text: str, style: str) -> str:
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
                numbered(i + 1, n, "cn"),
                gpb_total if i == 0 else (other_total if n == "事业收入" else 0),
                None,
            )
            for i, n in enumerate(names)
        ]
    # expense groups
    classes = class_list(ctx.year, long)
    func_group = [
        (numbered(i + 1, code_name(c, ctx.year), num_style), by_class.get(c, 0), None)
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
            (numbered(i + 1, code_name(g), "arabic"), total(atoms, lambda a, g=g: a.gov[:3] == g), 0)
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
    t = new_table(ctx, title, ttype, spec, n_cols)
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
    carry_in = pick(rng, ["上年结转", "上年结转结余"]) if layout != "final" else "年初结转和结余"
    carry_out = pick(rng, ["结转下年", "年终结转结余"]) if layout != "final" else "年末结转和结余"
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
    # amount columns
    t.amount_cols = [AmountColumn(income_cols[1], income_cols[0], [])]
    for name_c, val_c in group_cols:
        t.amount_cols.append(AmountColumn(val_c, name_c, []))
        if extra_fiscal:
            t.amount_cols += [AmountColumn(val_c + k, name_c, []) for k in (1, 2, 3)]
    add_row_sums(t, range(len(body)))
    return finish_table(t)


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
    t = new_table(ctx, title, "income_summary", spec, 9)
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
    add_row_sums(t, range(len(body)))
    unit_rows = list(range(len(rows) - len(ctx.units), len(rows)))
    for c in range(2, 9):
        t.relations.append(SumRelation("col", c, 0, unit_rows))
        if len(rows) - len(ctx.units) == 2:
            t.relations.append(SumRelation("col", c, 1, unit_rows))
    return finish_table(t)


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
    t = new_table(ctx, title, "expense_summary", spec, 6)
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
    add_row_sums(t, range(len(rows)))
    for c in range(2, 6):
        t.relations.append(SumRelation("col", c, 0, list(range(1, len(rows)))))
    return finish_table(t)


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
    t = new_table(ctx, title, "income_summary", spec, n_cols)
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
    add_row_sums(t, range(len(body)))
    return finish_table(t)


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
