"""Performance tables → indicator records.

``indicators(table)`` finds the 一级指标/二级指标/三级指标/指标值 header row(s), reads each column
group, carries merged level cells down, recognises shifted rows by the canonical level names and
value patterns they hold, drops template placeholders and infers the levels a row does not print
(with a lower confidence so review takes it). ``table_project`` gives the project the table describes."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from classify.indicator_level import infer_level2
from classify.indicators import (
    canonical_level,
    compact,
    is_placeholder,
    is_score,
    level1_for,
    strip_enumerator,
    value_likeness,
)
from classify.model import Indicator
from classify.records import cell_confidences, clean_name
from extract.model import Table
from extract.numbers import normalize
from extract.vocabulary import is_indicator_header_row

SHIFTED_CONFIDENCE = 0.85  # levels printed, but the row's cells sit in the wrong columns
INFERRED_CONFIDENCE = 0.6  # level2 label printed below the row (centred): moved by the indicator's words
INFERRED_CAP = 0.95  # level2 not printed: the model's probability, never quite a printed label's 1.0
INFERRED_REVIEW = 0.9  # … and below this probability the row says why it needs review

_NOTE_ROW = re.compile(r"^(?:注|备注|说明)\s*[:：\d]")
_HEADER_WORDS = {
    "一级指标": "l1",
    "二级指标": "l2",
    "三级指标": "l3",
    "指标内容": "l3",
    "指标名称": "l3",
    "指标值": "val",
    "指标值(目标值)": "val",
    "目标值": "val",
    "绩效指标描述": "desc",
    "指标描述": "desc",
    "指标解释": "desc",
    "指标值确定依据": "basis",
    "确定依据": "basis",
    "备注": "basis",
}


_PROJECT_KEYS = ("项目名称", "专项(项目)名称", "专项名称", "部门(单位)名称", "部门名称", "单位名称", "项目名")
_TITLE_PROJECT = re.compile(
    r"^\s*(?:(?:\d+|[一二三四五六七八九十]+)\s*[、.．])?\s*(.+?)(?:项目)?(?:支出)?(?:预算)?绩效目标(?:申报)?表\s*$"
)


_GENERIC_TITLE = ("部门", "整体", "专项资金", "专项业务经费", "单位", "年度")


def _header_role(text: str) -> str | None:
    s = compact(text)
    if not s:
        return None
    if s in _HEADER_WORDS:
        return _HEADER_WORDS[s]
    if s.startswith("分值") or "权重" in s or s in ("分值", "分数", "得分"):
        return "score"
    if "依据" in s or s.startswith(("偏差", "原因", "说明")):
        return "basis"
    if s in ("实际完成值", "完成值", "实际值", "全年实际值"):
        return "actual"
    if re.fullmatch(r"(?:年度|本年|全年|预期)?(?:指标值|目标值)(?:[(（].*)?", s):
        return "val"
    return None


@dataclass
class _Group:
    l1: int | None = None
    l2: int | None = None
    l3: int | None = None
    val: int | None = None
    extras: dict[int, str] = field(default_factory=dict)  # col → desc/basis/score

    def roles(self) -> dict[int, str]:
        out = dict(self.extras)
        for name in ("l1", "l2", "l3", "val"):
            col = getattr(self, name)
            if col is not None:
                out[col] = name
        return out

    def template(self) -> list[str]:
        """Content roles in column order from level3 on (desc/val/basis; scores dropped)."""
        roles = self.roles()
        return [roles[c] for c in sorted(roles) if roles[c] in ("l3", "desc", "val", "basis")]


def _is_indicator_header(row: list[str]) -> bool:
    return is_indicator_header_row(row)


def _parse_header(row: list[str]) -> list[_Group]:
    groups: list[_Group] = []
    current = _Group()
    for c, text in enumerate(row):
        role = _header_role(text)
        if role is None:
            continue
        if (
            role in ("l1", "l2", "l3", "val")
            and getattr(current, role) is not None
            or (role == "l2" and current.l3 is not None)
        ):
            groups.append(current)
            current = _Group()
        if role in ("l1", "l2", "l3", "val"):
            setattr(current, role, c)
        else:
            current.extras[c] = role
    groups.append(current)
    return [g for g in groups if g.l3 is not None or g.val is not None or g.l2 is not None]


@dataclass
class _Cand:
    row: int
    group: int
    l1: str
    l2: str
    level3: str
    value: str
    source: str  # 'printed' (label in this row), 'carried', 'none'
    shifted: bool
    cells: list[tuple[int, int]]
    inferred_conf: float = 1.0


@dataclass
class _Levels:
    l1: str = ""
    l2: str = ""

    def apply(self, label: tuple[str, str], as_level2: bool) -> bool:
        """Update with a printed label; True when a level2 was set."""
        l1, l2 = label
        if l1 == "成本指标" and not l2:
            if as_level2 and self.l1 == "产出指标":
                self.l2 = "成本指标"
                return True
            if self.l1 != "成本指标":
                self.l1, self.l2 = "成本指标", ""
            return False
        if l2:
            self.l2 = l2
            self.l1 = level1_for(l2, self.l1)
            return True
        if l1 != self.l1:
            self.l1, self.l2 = l1, ""
        return False


def _find_project(grid: list[list[str]], stop: int) -> str:
    for row in grid[: max(stop, 0) or len(grid)]:
        for c, text in enumerate(row):
            s = compact(text)
            for key in _PROJECT_KEYS:
                if s == key or s == key + ":" or s == key + "：":
                    for other in row[c + 1 :]:
                        if other.strip():
                            value = other.strip()
                            return "" if compact(value) in ("主管部门", "主管单位") else value
                    return ""
                if s.startswith(key) and len(s) > len(key) + 1 and s[len(key)] in ":：":
                    return normalize(text).split(s[len(key)], 1)[1].strip()
    return ""


def _project_from_title(title: str) -> str:
    """'1、长期护理保险办公经费绩效目标表' → '长期护理保险办公经费'; '' for a form's generic title."""
    m = _TITLE_PROJECT.match(title.replace("\n", ""))
    if not m:
        return ""
    name = m.group(1).strip()
    if any(w in name for w in _GENERIC_TITLE) or re.fullmatch(r"(?:\d{4}|20XX)年?", name):
        return ""
    return name


def table_project(table: Table) -> str:
    """The 项目名称 a performance table describes: printed above its indicator header, else the
    reader's, else from the title ('' when none)."""
    grid = table.grid()
    if not grid:
        return table.project
    headers = [r for r, row in enumerate(grid) if _is_indicator_header(row)]
    project = _find_project(grid, headers[0] if headers else len(grid))
    return project or table.project or _project_from_title(table.title)


def indicator_header(table: Table) -> list[str] | None:
    """The table's last 一级指标 | 二级指标 | … header row (a continuation page without one reads
    its rows under it), or None."""
    rows = [row for row in table.grid() if _is_indicator_header(row)]
    return rows[-1] if rows else None


def continues_performance(table: Table, previous: Table | None) -> bool:
    """Is ``table`` the continuation of the performance table ``previous`` (the next table, no title
    of its own, no indicator header, the same number of columns)?"""
    return (
        previous is not None
        and table.seq == previous.seq + 1
        and not table.title.strip()
        and indicator_header(table) is None
        and indicator_header(previous) is not None
        and table.n_cols == previous.n_cols
    )


def indicators(table: Table, project: str | None = None, header: list[str] | None = None) -> list[Indicator]:
    """Indicator rows of a performance table (placeholders dropped, levels canonical).

    ``project``: the table's project (default ``table_project(table)``); ``header``: the indicator
    header of the table this one continues, for a continuation page that prints none."""
    grid = table.grid()
    if not grid:
        return []
    headers = [r for r, row in enumerate(grid) if _is_indicator_header(row)]
    project = table_project(table) if project is None else project
    conf = cell_confidences(table)

    if not headers and header is not None:
        blocks = [(0, len(grid), _parse_header(header))]
    elif not headers:
        first = next(
            (r for r, row in enumerate(grid) if any(canonical_level(c) for c in row if c.strip())),
            None,
        )
        if first is None:
            return []
        blocks = [(first, len(grid), [])]
    else:
        ends = headers[1:] + [len(grid)]
        blocks = [(h + 1, e, _parse_header(grid[h])) for h, e in zip(headers, ends, strict=True)]

    out: list[Indicator] = []
    for start, end, groups in blocks:
        cands, centered = _read_block(grid, start, end, groups)
        if centered:
            _move_centered_tails(cands)
        prev: dict[int, str] = {}  # column group → level2 of its last indicator (the model's context)
        for cand in cands:
            ind = _finish(cand, table, project, conf, prev.get(cand.group, ""))
            if not _drop(ind):
                out.append(ind)
                prev[cand.group] = ind.level2
    return out


def _read_block(
    grid: list[list[str]], start: int, end: int, groups: list[_Group]
) -> tuple[list[_Cand], bool]:
    """Candidates of one indicator block, and whether its level labels look vertically centred.

    Labels printed at the top of their merged cell never repeat the level already in force;
    a label that does (产出指标 printed again in the middle of its run) shows that this table
    centres its labels, so the rows just above a later label may belong to it.
    """
    carries = [_Levels() for _ in groups] or [_Levels()]
    last = _Levels()
    cands: list[_Cand] = []
    centered = False
    first_role_col = min((c for g in groups for c in g.roles()), default=0)
    # Rows between a header and the first printed level (项目名称, 年度目标 … when the reader
    # put the column header on top) are not indicators.
    start = next(
        (r for r in range(start, end) if any(canonical_level(t) for t in grid[r] if t.strip())), start
    )
    for r in range(start, end):
        row = grid[r]
        tokens = [(c, t) for c, t in enumerate(row) if t.strip()]
        if not tokens:
            continue
        if _NOTE_ROW.match(normalize(tokens[0][1])):
            break
        centered = centered or _repeats_level(row, last)
        if groups and _fits(row, groups, first_role_col):
            new = _read_positional(r, row, groups, carries, first_role_col)
            last = dataclasses.replace(carries[-1])
        else:
            new, last = _read_tokens(r, row, groups, last, first_role_col)
            for i in range(len(carries)):
                carries[i] = dataclasses.replace(last)
        if new and _continues(cands, new, r):
            continue
        cands.extend(new)
    return cands, centered


def _repeats_level(row: list[str], state: _Levels) -> bool:
    labels = [lab for lab in (canonical_level(t) for t in row if t.strip()) if lab]
    if not labels or not state.l2:
        return False
    if any(l2 for _, l2 in labels):
        return False
    return all(l1 == state.l1 for l1, _ in labels)


def _is_section_text(text: str) -> bool:
    """Remnants of the merged '年度绩效指标' cell on the left ('标', '年度 绩效 指')."""
    s = compact(text)
    return len(s) <= 2 or "绩效" in s or s in ("年度绩效指标", "绩效指标", "指标")


def _kind(text: str) -> str:
    if is_placeholder(text):
        return "ph"
    if canonical_level(text):
        return "label"
    return "content"


def _label_at(row: list[str], col: int | None) -> bool:
    return col is not None and col < len(row) and _kind(row[col]) == "label"


def _fits(row: list[str], groups: list[_Group], first_role_col: int) -> bool:
    """Whether every cell of the row sits in the column its kind belongs to."""
    roles: dict[int, str] = {}
    owner: dict[int, _Group] = {}
    for g in groups:
        roles.update(g.roles())
        owner.update(dict.fromkeys(g.roles(), g))
    has_content = False
    for c, text in enumerate(row):
        if not text.strip():
            continue
        kind = _kind(text)
        if kind == "ph":
            continue
        role = roles.get(c)
        if c < first_role_col:
            if kind == "label" or not _is_section_text(text):
                return False
            continue
        if role is None:
            return False
        if role in ("l1", "l2") and kind != "label":
            return False
        if role in ("l3", "val", "desc", "basis") and kind == "label" and not _label_at(row, owner[c].l2):
            return False  # a level name in a text column: shifted, unless the level column holds one too
        if role == "l3":
            has_content = True
    if not has_content:
        return not any(_kind(t) == "content" for c, t in enumerate(row) if t.strip() and c >= first_role_col)
    # A level3 cell that is really a value (the row is shifted left) does not fit.
    for g in groups:
        if g.l3 is None or g.l3 >= len(row):
            continue
        l3 = row[g.l3]
        val = row[g.val] if g.val is not None and g.val < len(row) else ""
        if l3.strip() and not val.strip() and value_likeness(l3) >= 0.9 and _kind(l3) != "ph":
            return False
    return True


def _read_positional(
    r: int, row: list[str], groups: list[_Group], carries: list[_Levels], first_role_col: int
) -> list[_Cand]:
    out: list[_Cand] = []
    l1_cols = {g.l1 for g in groups if g.l1 is not None}
    # level1 labels are shared by all groups (side-by-side groups repeat only level2 onwards)
    for c in sorted(l1_cols):
        if c < len(row) and _kind(row[c]) == "label":
            label = canonical_level(row[c])
            assert label is not None
            for carry in carries:
                carry.apply(label, as_level2=False)
    for gi, g in enumerate(groups):
        carry = carries[gi]
        printed = False
        if g.l2 is not None and g.l2 < len(row) and _kind(row[g.l2]) == "label":
            label = canonical_level(row[g.l2])
            assert label is not None
            printed = carry.apply(label, as_level2=True) or printed
        if (
            g.l1 is not None
            and g.l1 < len(row)
            and canonical_level(row[g.l1])
            and canonical_level(row[g.l1])[1]
        ):
            printed = True  # a level2 name printed in the level1 column
        if g.l3 is None or g.l3 >= len(row):
            continue
        level3 = row[g.l3]
        if (
            not level3.strip()
            or _kind(level3) == "ph"
            or (_kind(level3) == "label" and not _label_at(row, g.l2))
        ):
            continue
        value = row[g.val] if g.val is not None and g.val < len(row) else ""
        if _kind(value) == "ph":
            value = ""
        cells = [(r, g.l3)] + ([(r, g.val)] if g.val is not None else [])
        out.append(
            _Cand(
                row=r,
                group=gi,
                l1=carry.l1,
                l2=carry.l2,
                level3=level3,
                value=value,
                source="printed" if printed else ("carried" if carry.l2 else "none"),
                shifted=False,
                cells=cells,
            )
        )
    return out


def _read_tokens(
    r: int, row: list[str], groups: list[_Group], state: _Levels, first_role_col: int
) -> tuple[list[_Cand], _Levels]:
    state = dataclasses.replace(state)
    tokens = [(c, t, _kind(t)) for c, t in enumerate(row) if t.strip()]
    tokens = [
        tok
        for tok in tokens
        if not (tok[2] == "content" and tok[0] < first_role_col and _is_section_text(tok[1]))
    ]
    has_score = any("score" in g.extras.values() for g in groups)
    out: list[_Cand] = []
    segment: list[tuple[int, str]] = []
    printed = False

    def flush() -> None:
        nonlocal segment
        if segment:
            out.append(_segment_cand(r, segment, groups, state, printed, has_score))
        segment = []

    for i, (c, text, kind) in enumerate(tokens):
        if kind == "content":
            segment.append((c, text))
            continue
        flush()
        if kind == "label":
            label = canonical_level(text)
            assert label is not None
            nxt = next((canonical_level(t) for _, t, k in tokens[i + 1 :] if k != "ph"), None)
            as_level2 = not (nxt and nxt[1] and nxt != ("成本指标", ""))
            if state.apply(label, as_level2=as_level2):
                printed = True
    flush()
    return out, state


def _segment_cand(
    r: int,
    segment: list[tuple[int, str]],
    groups: list[_Group],
    state: _Levels,
    printed: bool,
    has_score: bool,
) -> _Cand:
    content = list(segment)
    if has_score and len(content) >= 2 and is_score(content[-1][1]):
        content = content[:-1]
    gi = _group_of(content[0][0], groups)
    template = groups[gi].template() if groups else ["l3", "val"]
    if len(content) == 1:
        level3, value = content[0], None
    elif len(content) == 2:
        level3, value = content[0], content[1]
    elif len(content) == len(template) and "val" in template:
        level3, value = content[0], content[template.index("val")]
    else:
        level3 = content[0]
        rest = content[1:]
        best = max(value_likeness(t) for _, t in rest)
        value = next(tok for tok in reversed(rest) if value_likeness(tok[1]) == best)
    cells = [(r, level3[0])] + ([(r, value[0])] if value else [])
    return _Cand(
        row=r,
        group=gi,
        l1=state.l1,
        l2=state.l2,
        level3=level3[1],
        value=value[1] if value else "",
        source="printed" if printed else ("carried" if state.l2 else "none"),
        shifted=True,
        cells=cells,
    )


def _group_of(col: int, groups: list[_Group]) -> int:
    best = 0
    for gi, g in enumerate(groups):
        starts = [c for c in (g.l2, g.l3) if c is not None]
        if starts and col >= min(starts):
            best = gi
    return best


def _continues(cands: list[_Cand], new: list[_Cand], r: int) -> bool:
    """A row holding only the value of the row above (a cell broken over two lines)."""
    if len(new) != 1 or not cands:
        return False
    prev, cur = cands[-1], new[0]
    if prev.value.strip() or prev.row != r - 1 or cur.source == "printed":
        return False
    if value_likeness(cur.level3) < 0.9:
        return False
    prev.value = cur.level3
    prev.cells.append(cur.cells[0])
    return True


def _move_centered_tails(cands: list[_Cand]) -> None:
    """Rows just above a printed level2 that clearly belong to it (labels centred in merged cells).

    Only the unbroken tail of a carried run whose own words point to the next label moves,
    and it moves with a low confidence so review can take it.
    """
    for i, cand in enumerate(cands):
        if cand.source != "printed" or not cand.l2:
            continue
        j = i - 1
        moved: list[_Cand] = []
        while j >= 0 and cands[j].source == "carried" and cands[j].group == cand.group:
            prev = cands[j]
            if prev.l2 == cand.l2:
                break
            guess, _ = infer_level2(prev.level3, prev.value)
            own, _ = infer_level2(prev.level3, prev.value, prev.l1)
            if guess != cand.l2 or own == prev.l2:
                break
            moved.append(prev)
            j -= 1
        if moved and j >= 0 and cands[j].l2 == moved[0].l2:
            for prev in moved:
                prev.l1, prev.l2 = cand.l1, cand.l2
                prev.source = "moved"
                prev.inferred_conf = INFERRED_CONFIDENCE


def _finish(
    cand: _Cand, table: Table, project: str, conf: dict[tuple[int, int], float], prev_level2: str = ""
) -> Indicator:
    level3 = clean_name(strip_enumerator(cand.level3))
    value = clean_name(cand.value)
    l1, l2 = cand.l1, cand.l2
    confidence = min(conf.get(k, 1.0) for k in cand.cells)
    reason = ""
    if cand.shifted:
        confidence = min(confidence, SHIFTED_CONFIDENCE)
    if not l2:
        # the trained row model's calibrated probability is the record's confidence
        l2, inferred = infer_level2(level3, value, l1, prev_level2)
        confidence = min(confidence, inferred, INFERRED_CAP) if l2 else min(confidence, 0.3)
        if not l2:
            reason = "level2 unknown"
        elif inferred < INFERRED_REVIEW:
            reason = f"level2 not printed; inferred '{l2}' (p={inferred:.2f}) from the indicator's words"
    elif cand.source == "moved":
        confidence = min(confidence, cand.inferred_conf)
        reason = f"level2 label printed below this row; assigned '{l2}' from the indicator's words"
    if l2:
        l1 = level1_for(l2, l1) if l2 != "成本指标" else (l1 or "产出指标")
    return Indicator(
        table_seq=table.seq,
        row=cand.row,
        project=project,
        level1=l1,
        level2=l2,
        level3=level3,
        value=value,
        confidence=confidence,
        status="auto",
        reason=reason,
    )


def _drop(ind: Indicator) -> bool:
    return not ind.level3 or is_placeholder(ind.level3)
