"""Tables by function code and by economic code (支出表, 基本支出表, 经济分类 side by side)."""

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
from samples.synth.gold import AmountColumn, GoldTable, SumRelation
from samples.synth.money import IS_PERSON, IS_PUBLIC, Atom, total
from samples.synth.text import pick


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
    t = new_table(ctx, title, ttype, spec, n_cols)
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

    total_name = pick(ctx.rng, ["合计", "合计", "合    计"]) if layout != "final" else "合计"
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
    add_row_sums(t, range(len(body)))
    return finish_table(t)


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
        group = pick(ctx.rng, ["支出部门经济分类科目", "部门预算支出经济分类科目"])
        top_name = pick(ctx.rng, ["一般公共预算基本支出", "一般公共预算支出"])
        spec = [
            [("序号", 1, 2), (group, 2, 1), (top_name, n_vals, 1)],
            [("科目编码",), ("科目名称",), *[(n,) for n in names]],
        ]
    else:
        lead = 2
        spec = [[("经济科目编码",), ("经济科目名称",), *[(n,) for n in names]]]
    n_cols = lead + n_vals + (1 if remark and layout == "dual" else 0)
    t = new_table(ctx, title, ttype, spec, n_cols)
    if layout == "serial":
        t.index_row = ["栏次"] + [str(i) for i in range(1, n_cols)]
    body: list[list[str]] = []
    grand = [total(atoms, p) for p in preds]
    total_name = pick(ctx.rng, ["合计", "合                   计"]) if layout == "dual" else "合计"
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
    add_row_sums(t, range(len(body)))
    return finish_table(t)


def economic_side_by_side(ctx: Ctx, atoms: list[Atom], title: str, ttype: str) -> GoldTable:
    """Basic expenditure by economic code in two column groups: 人员经费 | 公用经费 (决算 style)."""
    word = ctx.word
    spec = [
        [("人员经费", 3, 1), ("公用经费", 3, 1)],
        [("科目编码",), ("科目名称",), (word,), ("科目编码",), ("科目名称",), (word,)],
    ]
    t = new_table(ctx, title, ttype, spec, 6)

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
    return finish_table(t)
