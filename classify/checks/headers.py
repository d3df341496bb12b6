"""Column headers that cannot be right as read (``header``).

A finding that the header was misread (its code in ``MISREAD_HEADER``) sends the whole table to review.
"""

from __future__ import annotations

import re

from classify.checks.views import TWO_SIDED, Context, TableView, is_total_entry
from classify.dictionary import normalize_name
from classify.findings import Finding, Repair
from extract.model import ColumnPath
from extract.reasons import Reason, reason
from extract.taxonomy import TABLE_TYPE_NAMES
from extract.vocabulary import PERFORMANCE_COLUMNS

# the header findings that say the header was misread (classify.analyze sends the table to review)
MISREAD_HEADER = frozenset({"checks.header_performance", "checks.header_misread", "checks.header_missing"})

_NUMBER_IN_NAME = re.compile(r"\d[\d,]*\.\d{2}")


def check_header(ctx: Context) -> list[Finding]:
    for v in ctx.views.values():
        if not v.entries:
            continue
        words = {w for w in PERFORMANCE_COLUMNS for c in v.columns if w in c}
        words |= {w for w in PERFORMANCE_COLUMNS for row in v.table.grid() for c in row if c.strip() == w}
        if len(words) >= 2:
            refs = [e.ref for e in v.entries]
            ctx.result.findings.append(
                Finding(
                    "header",
                    reason(
                        "checks.header_performance",
                        table=v.name,
                        table_type=v.table_type,
                        name=TABLE_TYPE_NAMES.get(v.table_type, v.table_type),
                        words="/".join(sorted(words)),
                    ),
                    refs,
                    refs,
                    tables=[v.table.seq],
                    doubt=True,
                )
            )
            continue
        _check_total_labels(ctx, v)
        used = sorted({e.col for e in v.entries})
        names = {c: (v.columns[c] if c < len(v.columns) else "") for c in used}
        paths = {c: (v.paths[c] if c < len(v.paths) else ()) for c in used}
        two_sided = v.table_type in TWO_SIDED
        for c, name in names.items():
            refs = [e.ref for e in v.entries if e.col == c]
            problem = (
                reason("checks.header_holds_amounts")
                if _NUMBER_IN_NAME.search(name)
                else header_problem(paths[c], two_sided)
            )
            if problem:
                ctx.result.findings.append(
                    Finding(
                        "header",
                        reason(
                            "checks.header_misread",
                            table=v.name,
                            column=c + 1,
                            header=name[:40],
                            problem=problem,
                        )
                        if name.strip()
                        else reason("checks.header_missing", table=v.name, column=c + 1),
                        refs,
                        refs,
                        tables=[v.table.seq],
                        doubt=True,
                    )
                )
                continue
            fixed = _lost_parent(paths[c], v.paths)
            if fixed:
                ctx.result.findings.append(
                    Finding(
                        "header",
                        reason("checks.header_lost_parent", table=v.name, column=c + 1, header=name),
                        refs,
                        refs,
                        "error",
                        [Repair("column", v.table.seq, -1, c, name, fixed, reason("repairs.sibling_path"))],
                        [v.table.seq],
                        doubt=True,
                    )
                )
    return []


def _check_total_labels(ctx: Context, v: TableView) -> None:
    """A total row named for one column group ('人员经费合计') read in another group's column."""
    groups = {p[0] for p in v.paths if len(p) > 1}
    for e in v.entries:
        if not is_total_entry(e):
            continue
        s = normalize_name(e.name)
        named = next((g for g in groups if s.startswith(g) and s != g), None)
        own = e.path[0] if e.path else ""
        if named and own in groups and named != own:
            ctx.result.findings.append(
                Finding(
                    "header",
                    reason(
                        "checks.total_in_other_group", table=v.name, row=e.name, group=named, column=e.column
                    ),
                    [e.ref],
                    [e.ref],
                    tables=[v.table.seq],
                    doubt=True,
                )
            )


def _lost_parent(path: ColumnPath, paths: list[ColumnPath]) -> str:
    """'Q/A/B' for a column A/B when another column is Q/A/C: its name with the parent Q it lost
    ('' when none)."""
    parts = list(path)
    if not parts or not parts[0]:
        return ""
    for other in paths:
        segs = list(other)
        if parts[0] in segs[1:]:
            i = segs.index(parts[0])
            return "/".join(segs[:i] + parts)
    return ""


_TERMS = (
    "人员经费",
    "公用经费",
    "专项业务经费",
    "项目支出",
    "基本支出",
    "合计",
    "小计",
    "备注",
    "单位编码",
    "单位名称",
    "科目编码",
    "科目名称",
    "政府性基金",
    "国有资本经营",
    "事业收入",
    "其他收入",
    "上年结转",
    "预算数",
    "决算数",
    "会议费",
    "培训费",
    "公务接待费",
)


_LABEL_LEAF = re.compile(r"(编码|代码|名称|项目|科目)(（按大类）)?$")
_MONEY_PARENT = ("经费", "拨款", "合计", "小计", "编码", "名称", "预算数", "决算数", "科目")


def header_problem(path: ColumnPath, two_sided: bool = False) -> Reason | None:
    """Why a column's header labels cannot be a header as printed (None when they can)."""
    segs = [s for s in path if s]
    if not segs:
        return reason("checks.header_none")
    for seg in segs:
        found = [t for t in _TERMS if t in seg]
        found = [t for t in found if not any(t != o and t in o for o in found)]
        if len(found) >= 2:
            return reason("checks.header_run_together", parts=" + ".join(found))
        if seg.endswith("小计") and len(seg) > 2:
            return reason("checks.header_run_together", parts=f"{seg[:-2]} + 小计")
        if seg.count("（") != seg.count("）") or seg.count("(") != seg.count(")"):
            return reason("checks.header_broken", segment=seg)
        if len(seg) == 1 and seg not in ("类", "款", "项"):
            return reason("checks.header_broken", segment=seg)
    leaf = segs[-1]
    if any("基本支出" in p for p in segs[:-1]) and ("项目" in leaf or "专项" in leaf):
        return reason("checks.header_project_under_basic")
    funds = ("一般公共预算", "政府性基金", "国有资本", "事业收入", "其他收入", "上年结转")
    # the carry-over broken down by the fund it came from (上年结转结余/一般公共预算资金) is no nesting
    parents = [p for p in segs[:-1] if "上年结转" not in p]
    if any(w in p for p in parents for w in funds) and any(w in leaf for w in funds):
        return reason("checks.header_nested_funds")
    spending = ("人员经费", "公用经费", "专项", "项目支出")
    # a group's own total column (项目支出/项目支出总数) is no nesting either
    own_total = any(
        leaf.startswith(p) and leaf[len(p) :] in ("总数", "合计", "小计", "总计") for p in segs[:-1]
    )
    if (
        not own_total
        and any(w in p for p in segs[:-1] for w in spending)
        and any(w in leaf for w in (*spending, "合计"))
    ):
        return reason("checks.header_nested_spending")
    if (
        not leaf.startswith("其中")
        and _LABEL_LEAF.search(leaf)
        and any(w in p for p in segs[:-1] for w in _MONEY_PARENT)
    ):
        return reason("checks.header_label_under_amount")
    if two_sided and segs[0].startswith("收入") and any("支出" in p for p in segs[1:]):
        return reason("checks.header_mixed_sides")
    return None
