"""Performance-target tables (项目绩效目标表) and their indicator rows."""

from __future__ import annotations

import random
import re
from collections import defaultdict

from extract.taxonomy import LEVEL1, LEVEL1_OF, LEVEL2
from samples.synth.context import Ctx, finish_table
from samples.synth.departments import Project
from samples.synth.gold import GoldTable
from samples.synth.text import amount_text, pick

# the level 2s printed under each level 1 (成本指标 is a level 1 here: its level 2s are named apart)
LEVEL2_OF: dict[str, tuple[str, ...]] = {
    l1: tuple(l2 for l2 in LEVEL2 if LEVEL1_OF[l2] == l1 and l2 != l1) for l1 in LEVEL1
}


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
    order = list(LEVEL1)
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
    'selfeval' (决算 绩效自评表: 年度指标值 | 实际完成值 | 分值 | 得分),
    'split' (项目支出绩效目标申报表: 指标方向 | 指标值 | 度量单位 in columns of their own),
    'project_rows' (北京 预算表12: 项目名称 | 项目总额 | … | 绩效目标 beside every indicator row,
    the name with its code, 绩效指标性质 | 本年绩效指标值 | 绩效度量单位).
    """
    rng = ctx.rng
    wan = amount_text(fen, "万元", "strip")
    inds = _indicators_for(rng, ctx, proj, wan)
    dept_name = ctx.full_name
    body: list[list[str]] = []
    spans: list[list[int]] = []
    gold_rows: list[tuple[int, tuple]] = []
    l2_style = pick(rng, ["full", "short"])
    prefix = pick(rng, ["", "", "num", "zhibiao"]) if layout == "form" else ""
    amount, target = "", ""  # what the project block prints: its amount and annual target
    department, impl_unit = "", ""  # … and its 主管部门 / 主管单位 and 实施单位

    def p3(i: int, text: str) -> str:
        if prefix == "num":
            return f"{i}、{text}"
        if prefix == "zhibiao":
            return f"指标{i}：{text}"
        return text

    if layout == "form":
        n = 6
        goal = f"{pick(rng, ['通过', '按照要求，'])}{proj.act}，{proj.goal}得到保障，{ctx.dept.subject}满意度进一步提高。"
        amount, target = wan, goal
        department = dept_name
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
        target = goal
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
            basis = pick(rng, ["工作计划", "年度工作方案", "上年度完成情况", "相关政策文件"])
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
        amount, target = wan, body[5][1]
        department = dept_name
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
            ["项目属性", "", pick(rng, ["延续性项目", "新增项目"]), "", "项目日期", "", f"{ctx.year}年", ""],
            ["项目资金 (万元)", "", "中期资金总额:", "", "年度资金总额:", "", wan, ""],
            ["", "", "其中:财政拨款", "", "其中:财政拨款", "", wan, ""],
            ["", "", "其他资金", "", "其他资金", "", "", ""],
            ["总体目标", f"中期目标({ctx.year}年—{ctx.year + 2}年)", "", "", "", "年度目标", "", ""],
            ["", "目标1: 目标2: 目标3: .....", "", "", "", f"1.{proj.goal}; 2.完成{proj.act}任务。", "", ""],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"],
        ]
        amount, target = wan, body[7][5]
        department, impl_unit = dept_name, dept_name
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
    elif layout == "split":
        # 项目支出绩效目标申报表: operator, figure and unit in columns of their own (≥ | 95 | %)
        n = 6
        body += [
            ["项目名称", proj.name, "", "", "", ""],
            ["主管部门", dept_name, "", "实施单位", ctx.units[0][2], ""],
            ["项目总额(万元)", wan, "", "其中：财政拨款", wan, ""],
            ["年度目标", f"{proj.goal}；完成{proj.act}任务。", "", "", "", ""],
            ["一级指标", "二级指标", "三级指标", "指标方向", "指标值", "度量单位"],
        ]
        spans += [[0, 1, 1, 5], [1, 1, 1, 2], [1, 4, 1, 2], [2, 1, 1, 2], [2, 4, 1, 2], [3, 1, 1, 5]]
        amount, target = wan, body[3][1]
        department, impl_unit = dept_name, ctx.units[0][2]
        start = len(body)
        prev1 = None
        g1 = start
        for l1, l2, l3, v in inds:
            r = len(body)
            if l1 != prev1 and r > start:
                _close_span(spans, g1, r, 0)
            if l1 != prev1:
                g1 = r
            op, figure, unit = split_value(v)
            op = op or "＝"  # the form's 指标方向 is never blank: ＝ for an exact figure
            body.append([l1 if l1 != prev1 else "", l2, l3, op, figure, unit])
            gold_rows.append((r, (l1, l2, l3, joined(op, figure, unit), l3)))
            prev1 = l1
        _close_span(spans, g1, len(body), 0)
        notes = []
    elif layout == "project_rows":
        # 北京 预算表12: the project, its amount and target in merged cells beside every indicator row
        n = 11
        code = f"{ctx.dept_code[:8]:0<8}T{rng.randint(10**11, 10**12 - 1):012d}"
        body += [
            ["项目名称", "项目总额", "其中：", "", "绩效目标", "一级指标", "二级指标", "三级指标",
             "绩效指标性质", "本年绩效指标值", "绩效度量单位"],
            ["", "", "财政资金", "其他资金", "", "", "", "", "", "", ""],
        ]  # fmt: skip
        spans += [[0, 0, 2, 1], [0, 1, 2, 1], [0, 2, 1, 2], [0, 4, 2, 1]] + [
            [0, c, 2, 1] for c in range(5, 11)
        ]
        start = len(body)
        amount6 = f"{fen / 1_000_000:,.6f}"
        amount, target = amount6, f"{proj.goal}，完成{proj.act}任务。"
        kept = [x for x in inds if x[2] != "不涉及该指标"]
        for i, (l1, l2, l3, v) in enumerate(kept):
            r = len(body)
            op, figure, unit = split_value(v)
            op = op or ("定性" if not figure[:1].isdigit() else "＝")
            left = [f"{code}-{proj.name}", amount6, amount6, "", f"{proj.goal}，完成{proj.act}任务。"]
            body.append([*(left if i == 0 else [""] * 5), l1, l2, l3, op, figure, unit])
            gold_rows.append((r, (l1, l2, l3, joined(op, figure, unit), l3)))
        for c in range(5):
            _close_span(spans, start, len(body), c)
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
        department, impl_unit = dept_name, ctx.units[0][2]
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
        project_amount=amount,
        project_target=target,
        project_department=department,
        project_unit=impl_unit,
        notes=notes,
    )
    for row in t.body:
        while len(row) < n:
            row.append("")
    return finish_table(t), gold_rows


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


_SPLIT = re.compile(r"^([≥≤＞＜>＝=]?)(\d+(?:\.\d+)?)([^\d.]*)$")


def split_value(value: str) -> tuple[str, str, str]:
    """A target as the 申报表 prints it in three columns: '≥95%' → ('≥', '95', '%'); '长期' → ('定性', '长期', '')."""
    m = _SPLIT.match(value)
    if not m:
        return "定性", value, ""
    return m.group(1), m.group(2), m.group(3)


def joined(op: str, figure: str, unit: str) -> str:
    """The gold value of a three-column target (design.md: ≥ | 95 | % → ≥95%; 定性 | 良好 → 良好)."""
    return (op if op != "定性" else "") + figure + unit
