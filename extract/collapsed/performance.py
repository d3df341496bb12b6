"""Performance-target tables of collapsed text: the 一级指标 | 二级指标 | 三级指标 | 指标值 grid.

Level labels printed one character per line are joined and split into known words
(``segment_label``); the project / funds / target rows go on top as (label, value) rows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extract.codes import PROJECT_CODE
from extract.collapsed.tokens import Line, is_amount, join_tokens
from extract.indicator_words import INDICATOR_UNIT, is_project_field, value_likeness
from extract.model import Cell, LineSpan, Table
from extract.reasons import reason
from extract.taxonomy import LEVEL1, LEVEL2
from extract.vocabulary import (
    INDICATOR_LABELS,
    INDICATOR_SCORE_HEADERS,
    INDICATOR_VALUE_HEADERS,
    LEVEL2_SHORT_NAMES,
    PERFORMANCE_COLUMNS,
)

# level-2 names as printed: in full, or without their 指标
_PRINTED_LEVEL2 = (*LEVEL2, *LEVEL2_SHORT_NAMES)

_HEADER_WORDS = (*INDICATOR_LABELS, *INDICATOR_VALUE_HEADERS, *INDICATOR_SCORE_HEADERS)

_BLOCK_WORDS = (
    "年度绩效指标",
    "绩效指标",
    "年度总体目标",
    "总体目标",
    "年度目标",
    "年度主要任务",
    "实施期目标",
)

_VOCAB = sorted(set(LEVEL1 + _PRINTED_LEVEL2 + _HEADER_WORDS + _BLOCK_WORDS), key=len, reverse=True)

_INDICATOR = re.compile(r"^\s*指标\s*\d*\s*[:：]")

_TARGET = re.compile(r"^\s*目标\s*\d*\s*[:：]")

_TASK = re.compile(r"^\s*任务\s*\d+")

_PLACEHOLDER = re.compile(r"^[.…·。．\s]{2,}$|^…+$")

_VALUEISH = re.compile(r"[\d%％≥≤≧≦<>＜＞=]")


def is_performance(body: list[Line]) -> bool:
    """Does the block look like a performance target table (指标1： lines, 一级指标 headers)?"""
    for ln in body:
        s = ln.text.strip()
        if _INDICATOR.match(s) or "一级指标" in s.replace(" ", "") or "绩效目标" in s:
            return True
    joined = "".join(ln.text.strip() for ln in body if len(ln.text.strip()) <= 2)
    return "绩效指标" in joined or "产出指标" in joined


def segment_label(text: str) -> list[str]:
    """A stacked label split into known words: '满意度指标服务对象满意度指标' → both parts.

    Unknown stretches stay as they are (a dynamic programme minimising unknown characters).
    """
    n = len(text)
    cost = [0] + [10**9] * n
    back: list[tuple[int, bool]] = [(0, False)] * (n + 1)
    for i in range(1, n + 1):
        for w in _VOCAB:
            j = i - len(w)
            if j >= 0 and text[j:i] == w and cost[j] < cost[i]:
                cost[i], back[i] = cost[j], (j, True)
        if cost[i - 1] + 1 < cost[i]:
            cost[i], back[i] = cost[i - 1] + 1, (i - 1, False)
    parts: list[str] = []
    i = n
    unknown = ""
    while i > 0:
        j, known = back[i]
        if known:
            if unknown:
                parts.append(unknown)
                unknown = ""
            parts.append(text[j:i])
        else:
            unknown = text[j:i] + unknown
        i = j
    if unknown:
        parts.append(unknown)
    return list(reversed(parts))


def _is_stack_piece(ln: Line) -> bool:
    s = ln.text.strip()
    return (
        ln.indent == 0
        and " " not in s
        and 0 < len(s) <= 10
        and not _INDICATOR.match(s)
        and not _TARGET.match(s)
        and not _TASK.match(s)
        and not _PLACEHOLDER.match(s)
        and not is_amount(s)
    )


_LEVEL_WORDS = frozenset((*LEVEL1, *_PRINTED_LEVEL2))
PROJECT_HEADER = ("项目名称", "项目总额", "绩效目标")


def leading_levels(toks: Sequence[str]) -> tuple[list[str], list[str]]:
    """The level words a row prints before its indicator, and the rest:
    ``产出指标 数量指标 开展信息化培训次数 203家`` → (['产出指标', '数量指标'], ['开展…次数', '203家']).

    A token counts when it is a level name or a run of them printed without a space
    (``产出指标数量指标``); at most two, and something must follow them."""
    levels: list[str] = []
    k = 0
    while k < len(toks) and len(levels) < 2:
        parts = segment_label(toks[k])
        if not parts or not all(p in _LEVEL_WORDS for p in parts) or len(levels) + len(parts) > 2:
            break
        levels.extend(parts)
        k += 1
    return levels, list(toks[k:])


_GLUED_VALUE = re.compile(r"^(.*[^\s≥≤≧≦<>＜＞=＝])([≥≤≧≦<>＜＞=＝]\s*[\d.]+\S*)$")
_SCORE = re.compile(r"^\d{1,3}(?:\.\d+)?$")
_OPERATORS = frozenset("≥≤≧≦<>＜＞=＝")
_UNIT = INDICATOR_UNIT  # a unit printed in a column of its own: %, 万元, 元/次, 人次
_NOTE = re.compile(r"^(?:注|备注|说明)\s*[:：\d]")


def _split_indicator(text: str, scores: bool = False, desc: bool = False) -> tuple[str, str]:
    """An indicator row's name and value: ' 指标1：城乡居民医保系统完成整合 100%' → ('指标1：…整合', '100%');
    ``补贴面积数量 ≥28500亩 ≥28500亩 8 8`` (a self-evaluation: target, actual, weight, score) →
    ('补贴面积数量', '≥28500亩'); ``印发宣传资料≥5000份`` → ('印发宣传资料', '≥5000份').

    The value is the first token after the name that looks like one (numbers with units, %,
    ≥/≤, dates, 有效减轻, 长期 …), else a short last token; ``scores``: the header prints
    分值/得分 columns, whose plain numbers at the end are not the value; ``desc``: it prints a
    绩效指标描述 column between the name and the value (the name is then the first token)."""
    s = text.strip()
    m = _INDICATOR.match(s)
    prefix = s[: m.end()].replace(" ", "") if m else ""
    rest = s[m.end() :].strip() if m else s
    toks = rest.split()
    if scores:
        while len(toks) > 2 and _SCORE.match(toks[-1]):
            toks.pop()
    for i in range(1, len(toks) - 1):
        # the operator printed in a column of its own (≥ | 95 | %, 定性 | 优): the value follows it
        if toks[i] in _OPERATORS or toks[i] == "定性":
            op = "" if toks[i] == "定性" else toks[i]
            value = op + toks[i + 1]
            if i + 2 < len(toks) and _UNIT.match(toks[i + 2]) and re.search(r"\d$", toks[i + 1]):
                value += toks[i + 2]
            return prefix + join_tokens(toks[: 1 if desc else i]), value
    if len(toks) == 1:
        glued = _GLUED_VALUE.match(toks[0])
        if glued and not is_amount(toks[0]):
            return prefix + glued.group(1), glued.group(2)
    for i in range(1, len(toks)):
        if value_likeness(toks[i]) >= 0.8 or (_VALUEISH.search(toks[i]) and value_likeness(toks[i]) >= 0.5):
            value = toks[i]
            if i + 1 < len(toks) and re.search(r"\d$", value) and _UNIT.match(toks[i + 1]):
                value += toks[i + 1]  # ＝ | 13 | 个 with the operator column empty
            return prefix + join_tokens(toks[: 1 if desc else i]), value
    if len(toks) >= 2 and (_VALUEISH.search(toks[-1]) or len(toks[-1]) <= 4):
        return prefix + join_tokens(toks[:-1]), toks[-1]
    return prefix + join_tokens(toks), ""


class _PerfBuilder:
    def __init__(self, table: Table) -> None:
        self.table = table
        self.row = table.header_rows
        self.pending1: tuple[str, LineSpan] | None = None
        self.pending2: tuple[str, LineSpan] | None = None
        self.pending_label: tuple[str, LineSpan] | None = None
        self.in_targets = False

    def add(self, cells: list[tuple[int, str, LineSpan]]) -> None:
        for col, text, span in cells:
            self.table.cells.append(Cell(self.row, col, text, line_span=span))
        self.row += 1

    def indicator(
        self, level3: str, value: str, span: LineSpan, project: Sequence[tuple[str, LineSpan]] = ()
    ) -> None:
        self.in_targets = False
        cells: list[tuple[int, str, LineSpan]] = []
        for k, (text, sp) in enumerate(project):  # 项目名称 | 项目总额 | 绩效目标 (header cells added)
            if text:
                cells.append((len(PERFORMANCE_COLUMNS) + k, text, sp))
        if self.pending1 is not None:
            cells.append((0, *self.pending1))
            self.pending1 = None
        if self.pending2 is not None:
            cells.append((1, *self.pending2))
            self.pending2 = None
        cells.append((2, level3, span))
        if value:
            cells.append((3, value, span))
        self.add(cells)

    def flush(self) -> None:
        if self.pending1 is not None or self.pending2 is not None:
            cells = []
            if self.pending1 is not None:
                cells.append((0, *self.pending1))
            if self.pending2 is not None:
                cells.append((1, *self.pending2))
            self.pending1 = self.pending2 = None
            self.add(cells)

    def info(self, label: str, value: str, span: LineSpan, more: Sequence[tuple[str, LineSpan]] = ()) -> None:
        self.flush_label()
        self.in_targets = False
        cells: list[tuple[int, str, LineSpan]] = [(0, label, span)]
        if value:
            cells.append((1, value, span))
        for k, (text, sp) in enumerate(more, start=2):
            if text:
                cells.append((k, text, sp))
        self.add(cells)

    def target(self, text: str, span: LineSpan) -> None:
        label = self.pending_label
        self.pending_label = None
        self.in_targets = True
        cells = [(0, label[0], label[1])] if label else []
        cells.append((1, text, span))
        self.add(cells)

    def flush_label(self) -> None:
        if self.pending_label is not None:
            label = self.pending_label
            self.pending_label = None
            self.add([(0, label[0], label[1])])


def parse_performance(all_lines: list[Line], body: list[Line]) -> Table:
    table = Table(seq=0, title="", layout="grid")
    body_nos = {ln.no for ln in body}
    # the canonical indicator header sits on top; its cells point at the printed header line
    header_line = next(
        (ln for ln in body if "指标值" in ln.text or ("二级指标" in ln.text and " " in ln.text.strip())), None
    )
    hspan = (header_line.no, header_line.no) if header_line else None
    for k, name in enumerate(PERFORMANCE_COLUMNS):
        table.cells.append(Cell(0, k, name, line_span=hspan))
    table.header_rows = 1
    b = _PerfBuilder(table)
    in_indicators = False
    first, last = min(body_nos, default=0), max(body_nos, default=0)
    head = " ".join(
        ln.text
        for ln in all_lines
        if first - 3 <= ln.no <= last and "二级指标" in ln.text and " " in ln.text.strip()
    )
    scores = any(w in head for w in (*INDICATOR_SCORE_HEADERS, "得分"))  # 分值 / 权重 / 得分 columns
    desc = any(w in head for w in ("指标描述", "指标解释"))  # a description between name and value
    in_tasks = False
    project_header: list[str] = []  # the project columns, when rows print their projects
    task_header: list[tuple[str, LineSpan]] | None = None
    # group stack pieces: consecutive stack lines, split at blank lines
    chunks: list[tuple[str, LineSpan]] = []

    def resolve_chunks() -> None:
        nonlocal in_indicators
        words: list[tuple[str, LineSpan]] = []
        for text, span in chunks:
            words.extend((w, span) for w in segment_label(text))
        chunks.clear()
        for idx, (w, span) in enumerate(words):
            nxt = words[idx + 1][0] if idx + 1 < len(words) else ""
            if w in _HEADER_WORDS:
                in_indicators = True
                continue
            if w in ("绩效指标", "年度绩效指标"):
                in_indicators = True
                table.notes.append(reason("collapsed.block_label", label=w, first=span[0], last=span[1]))
                continue
            if w in LEVEL1 and (w not in _PRINTED_LEVEL2 or nxt in _PRINTED_LEVEL2):
                b.flush()
                b.pending1 = (w, span)
                in_indicators = True
                continue
            if w in _PRINTED_LEVEL2 or (in_indicators and w.endswith("指标")):
                if b.pending2 is not None:
                    b.flush()
                b.pending2 = (w, span)
                in_indicators = True
                continue
            if w in _BLOCK_WORDS:
                b.flush_label()
                b.pending_label = (w, span)
                continue
            b.info(w, "", span)

    prev_no = None
    for ln in all_lines:
        if ln.no not in body_nos:
            if not ln.text.strip() and chunks:
                chunks.append(("", (ln.no, ln.no)))  # a blank line separates stacked labels
            continue
        s = ln.text.strip()
        toks = ln.tokens
        span = (ln.no, ln.no)
        if task_header is not None:
            if not (_TASK.match(s) or is_amount(toks[-1])):
                task_header.extend((t, span) for t in toks if not t.startswith("预算金额"))
                continue
            b.flush_label()
            b.add([(k, t, sp) for k, (t, sp) in enumerate(task_header)])
            task_header = None
        if _is_stack_piece(ln) and not _TASK.match(s):
            if chunks and chunks[-1][0] and prev_no == ln.no - 1:
                text, sp = chunks[-1]
                chunks[-1] = (text + s, (sp[0], ln.no))
            else:
                chunks.append((s, span))
            prev_no = ln.no
            continue
        prev_no = ln.no
        chunks[:] = [c for c in chunks if c[0]]
        if chunks:
            resolve_chunks()
        if "任务名称" in s.replace(" ", ""):
            in_tasks = True
            task_header = [(t, span) for t in toks]
            continue
        project: list[tuple[str, LineSpan]] = []
        if PROJECT_CODE.match(toks[0]) and len(toks) > 3:
            # 北京 预算表12: a project's first row prints its code and name, amounts and target first
            k = next((i for i, t in enumerate(toks) if i > 0 and t in _LEVEL_WORDS), None)
            if k is not None:
                amounts = [t for t in toks[1:k] if is_amount(t)]
                target = join_tokens([t for t in toks[1:k] if not is_amount(t)])
                project = [(toks[0], span), (amounts[0] if amounts else "", span), (target, span)]
                if not project_header:
                    project_header.extend(PROJECT_HEADER)
                toks = toks[k:]
                s = " ".join(toks)
        levels, rest = leading_levels(toks) if in_indicators or _INDICATOR.match(s) is None else ([], toks)
        if levels:
            for w in levels:
                if w in LEVEL1 and (w not in _PRINTED_LEVEL2 or len(levels) == 2 and w == levels[0]):
                    b.flush()
                    b.pending1 = (w, span)
                else:
                    if b.pending2 is not None:
                        b.flush()
                    b.pending2 = (w, span)
            s = " ".join(rest)
            in_indicators = True
            if not rest:
                continue
            if not _PLACEHOLDER.match(s):
                level3, value = _split_indicator(s, scores, desc)
                b.indicator(level3, value, span, project)
                continue
        if _INDICATOR.match(s):
            level3, value = _split_indicator(s, scores, desc)
            b.indicator(level3, value, span)
            in_indicators = True
            continue
        if _PLACEHOLDER.match(s):
            if in_indicators:
                b.indicator(s, "", span)
            elif b.pending_label is not None or b.in_targets:
                b.target(s, span)
            else:
                b.info(s, "", span)
            continue
        if _TARGET.match(s):
            b.target(" ".join(s.split()), span)
            continue
        if any(w in s.replace(" ", "") for w in ("一级指标", "二级指标")) and not is_amount(toks[-1]):
            in_indicators = True
            scores = any(w in s for w in (*INDICATOR_SCORE_HEADERS, "得分"))
            desc = any(w in s for w in ("指标描述", "指标解释"))
            continue
        if _NOTE.match(s):
            in_indicators = False
        elif in_indicators and not in_tasks and not is_project_field(toks[0]):
            # a row of the indicator grid printing neither its levels nor an enumerator
            level3, value = _split_indicator(s, scores, desc)
            b.indicator(level3, value, span)
            continue
        if in_tasks and (_TASK.match(s) or is_amount(toks[-1])):
            toks = list(toks)
            nums: list[str] = []
            while toks and is_amount(toks[-1]):
                nums.insert(0, toks.pop())
            label = toks[0] if toks else ""
            content = join_tokens(toks[1:])
            b.info(label, content, span, [(n, span) for n in nums])
            continue
        label, value = _label_value(toks)
        b.info(label, value, span)
    chunks[:] = [c for c in chunks if c[0]]
    if chunks:
        resolve_chunks()
    if task_header:
        b.add([(k, t, sp) for k, (t, sp) in enumerate(task_header)])
    b.flush()
    b.flush_label()
    for k, name in enumerate(project_header):
        table.cells.append(Cell(0, len(PERFORMANCE_COLUMNS) + k, name, line_span=hspan))
    for c in table.cells:
        if c.col == 0 and "项目" in c.text and "名称" in c.text:
            value = table.cell(c.row, 1)
            if value is not None and value.text:
                table.project = value.text
                break
    return table


def _label_value(toks: list[str]) -> tuple[str, str]:
    """'专项（项目）名称 信息系统…' → (label, value); '实施期资金总额： 56' → ('实施期资金总额：', '56')."""
    if len(toks) >= 2 and is_amount(toks[-1]):
        return join_tokens(toks[:-1]), toks[-1]
    if len(toks) >= 2:
        return toks[0], join_tokens(toks[1:])
    return join_tokens(toks), ""
