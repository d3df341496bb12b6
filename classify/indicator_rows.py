"""Performance tables → indicator records.

``indicators(table)`` finds the 一级指标/二级指标/三级指标/指标值 header row(s), reads each column
group, carries merged level cells down, recognises shifted rows by the canonical level names and
value patterns they hold, drops template placeholders and infers the levels a row does not print
(with a lower confidence so review takes it). The header, its column groups, the project a table
describes and the pages continuing it are ``classify.indicator_header``'s; the cells of the rows
``classify.indicator_cells``'s."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from classify.indicator_cells import (
    INFERRED_REVIEW,
    Cand,
    Group,
    assign_projects,
    cell_kind,
    cell_text,
    doubt_centred,
    empty_level_cells,
    enumerated_groups,
    fold_unnamed,
    glued_doubts,
    header_texts,
    move_centered_tails,
    project_blocks,
    settle_centred,
    spread_row,
)
from classify.indicator_header import (
    aligned_groups,
    filled_header,
    is_indicator_header,
    operator_columns,
    parse_header,
    prints_project_block,
    project_fields,
    spread_header,
    table_project,
)
from classify.indicator_level import infer_level2
from classify.indicators import (
    canonical_level,
    compact,
    is_placeholder,
    is_score,
    level1_for,
    peel_levels,
    strip_enumerator,
    value_likeness,
)
from classify.model import Indicator
from classify.records import cell_confidences, clean_name
from extract.codes import split_project_code
from extract.indicator_words import INDICATOR_UNIT, is_field_label, is_operator, is_qualitative
from extract.model import Table
from extract.numbers import normalize
from extract.reasons import Reason, joined
from extract.reasons import reason as why
from extract.scanindicators import indicator_doubts

SHIFTED_CONFIDENCE = 0.85  # levels printed, but the row's cells sit in the wrong columns
INFERRED_CAP = 0.95  # level2 not printed: the model's probability, never quite a printed label's 1.0

_NOTE_ROW = re.compile(r"^(?:注|备注|说明)\s*[:：\d]")


@dataclass
class _Levels:
    l1: str = ""
    l2: str = ""
    project: str | None = None  # the project whose rows these are (a table printing a project column)
    amount: str = ""
    target: str = ""

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


def indicators(
    table: Table,
    project: str | None = None,
    header: list[str] | None = None,
    following: str | None = None,
    before: Table | None = None,
    following_levels: tuple[str, str] | None = None,
) -> list[Indicator]:
    """Indicator rows of a performance table (placeholders dropped, levels canonical).

    ``project``: the table's project (default ``table_project(table)``); ``header``: the indicator
    header of the table this one continues, for a continuation page that prints none;
    ``following``: the project the next page prints first (its rows that start here belong to it);
    ``before``: the page before, when it began this table's project block (its fields count);
    ``following_levels``: the levels the next page prints first, when it continues this table (the
    rows of a level cell this page cuts empty are theirs)."""
    grid = table.grid()
    if not grid:
        return []
    headers = [r for r, row in enumerate(grid) if is_indicator_header(row)]
    grid = [
        filled_header(grid, r, table.header_rows) if r in headers else list(row) for r, row in enumerate(grid)
    ]
    project = table_project(table) if project is None else project
    conf = cell_confidences(table)
    fields = project_fields(table, before)

    if not headers and header is not None:
        blocks = [(0, len(grid), parse_header(header))]
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
        blocks = [
            (
                h + 1,
                e,
                operator_columns(aligned_groups(parse_header(grid[h]), grid, h + 1, e), grid, h + 1, e),
            )
            for h, e in zip(headers, ends, strict=True)
        ]

    heads = header_texts(grid, headers, table.header_rows)
    block = prints_project_block(grid) or before is not None
    out: list[Indicator] = []
    grid = [list(r) for r in grid]
    for start, end, groups in blocks:
        head = spread_header(grid[start - 1] if headers else header or [])
        for r in range(start, end):
            grid[r] = fold_unnamed(spread_row(grid[r], groups), groups, head)
        opened = empty_level_cells(table, groups)
        cands, centered = _read_block(grid, start, end, groups, opened, following_levels)
        enumerated_groups(cands)
        if centered:
            move_centered_tails(cands)
        assign_projects(cands, project_blocks(table, groups), project, following)
        if centered or _labels_alone(grid, start, end, groups):
            settle_centred(cands, grid, end, groups)
            doubt_centred(cands)
        prev: dict[int, str] = {}  # column group → level2 of its last indicator (the model's context)
        for cand in cands:
            if cand.project is None:
                cand.project_amount = cand.project_amount or fields.get("amount", "")
                cand.project_target = cand.project_target or fields.get("target", "")
            ind = _finish(cand, table, project, conf, prev.get(cand.group, ""), heads, block)
            if cand.project is None:  # the table's project: its block's 主管部门 and 实施单位
                ind.project_department = fields.get("department", "")
                ind.project_unit = fields.get("unit", "")
            if not _drop(ind):
                out.append(ind)
                prev[cand.group] = ind.level2
    return out


def _read_block(
    grid: list[list[str]],
    start: int,
    end: int,
    groups: list[Group],
    opened: dict[int, dict[int, bool]] | None = None,
    following: tuple[str, str] | None = None,
) -> tuple[list[Cand], bool]:
    """Candidates of one indicator block, and whether its level labels look vertically centred.

    ``opened``: merged level cells printed empty (``indicator_cells.empty_level_cells``): their rows
    take no level from above; ``following`` names those of a cell the page end cuts, else their
    rows are doubted.

    Labels printed at the top of their merged cell never repeat the level already in force;
    a label that does (产出指标 printed again in the middle of its run) shows that this table
    centres its labels, so the rows just above a later label may belong to it.
    """
    carries = [_Levels() for _ in groups] or [_Levels()]
    last = _Levels()
    cands: list[Cand] = []
    centered = False
    first_role_col = min((c for g in groups for c in g.roles()), default=0)
    # Rows between a header and the first printed level (项目名称, 年度目标 … when the reader
    # put the column header on top) are not indicators.
    first = next(
        (r for r in range(start, end) if any(canonical_level(t) for t in grid[r] if t.strip())), start
    )
    # … but an indicator row right above the first label is one: the label is centred in its cell
    while first > start and groups and _indicator_above(grid[first - 1], groups, first_role_col):
        first -= 1
    start = first
    unprinted: set[int] = set()  # groups whose level cell in force prints no label
    for r in range(start, end):
        row = grid[r]
        for col, to_end in (opened or {}).get(r, {}).items():
            unprinted |= _open_empty(col, following if to_end else None, groups, carries)
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
        for cand in new:
            if cand.group in unprinted and cand.source != "printed":
                cand.doubt = joined(cand.doubt, why("performance.level_unprinted", name=cand.level3))
            elif cand.source == "printed":
                unprinted.discard(cand.group)
        cands.extend(new)
    return cands, centered


def _open_empty(
    col: int, following: tuple[str, str] | None, groups: list[Group], carries: list[_Levels]
) -> set[int]:
    """A merged level cell at ``col`` printing no label opens here: the groups it belongs to take
    the levels the next page prints (``following``) or none; the groups left unsure."""
    unsure: set[int] = set()
    for gi, g in enumerate(groups):
        if col not in (g.l1, g.l2) or gi >= len(carries):
            continue
        carry = carries[gi]
        if following is not None:
            l1, l2 = following
            carry.l2 = l2 if col == g.l2 or not carry.l2 else carry.l2
            carry.l1 = level1_for(carry.l2, l1) if carry.l2 else l1
            continue
        if col == g.l1:
            carry.l1 = ""
        carry.l2 = ""
        unsure.add(gi)
    return unsure


def _indicator_above(row: list[str], groups: list[Group], first_role_col: int) -> bool:
    """A row above a table's first level label that prints an indicator name and value in their
    columns, nothing left of the name, no level or project-block label: the first row of a label
    centred below it."""
    g = groups[0]
    if g.l3 is None or any(is_field_label(t) or canonical_level(t) for t in row if t.strip()):
        return False
    if not any(t.strip() for t in row[max(first_role_col, 0) : g.l3]):
        return any(
            cell_text(row, h.l3) and cell_text(row, h.val) and cell_kind(cell_text(row, h.l3)) == "content"
            for h in groups
        )
    # … or a name and its value left of their columns (a text export that set the row's cells by
    # where its empty level cells end), a score at most after them
    texts = [t for t in row[max(first_role_col, 0) :] if t.strip()]
    if len(texts) == 3 and is_score(texts[2]) and any("score" in h.extras.values() for h in groups):
        texts = texts[:2]
    return len(texts) == 2 and _name_and_value(texts[0], texts[1])


def _name_and_value(name: str, value: str) -> bool:
    """Do two cells read as an indicator's name and its value?"""
    return (
        cell_kind(name) == "content"
        and not is_placeholder(name)
        and value_likeness(name) < 0.9
        and value_likeness(value) >= 0.9
        and not is_score(value)
    )


def _labels_alone(grid: list[list[str]], start: int, end: int, groups: list[Group]) -> bool:
    """Does a level-2 label stand on a row of its own (no indicator beside it)? Then the table
    centres its labels in their merged cells (a text export of a ruled page), and a label's rows
    lie above and below it, not only below."""
    for row in grid[start:end]:
        for g in groups:
            if _label_at(row, g.l2) and canonical_level(row[g.l2] if g.l2 is not None else "")[1]:
                l3 = cell_text(row, g.l3)
                # beside a template slot other than the group's first (指标2:, .....)
                first_slot = re.match(r"^(?:指标|目标)\s*[1１]\s*[:：]?$", compact(l3))
                if not l3 or cell_kind(l3) == "label" or (is_placeholder(l3) and not first_slot):
                    return True
    return False


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


def _label_at(row: list[str], col: int | None) -> bool:
    return col is not None and col < len(row) and cell_kind(row[col]) == "label"


def _fits(row: list[str], groups: list[Group], first_role_col: int) -> bool:
    """Whether every cell of the row sits in the column its kind belongs to."""
    roles: dict[int, str] = {}
    owner: dict[int, Group] = {}
    for g in groups:
        roles.update(g.roles())
        owner.update(dict.fromkeys(g.roles(), g))
    has_content = False
    for c, text in enumerate(row):
        if not text.strip():
            continue
        kind = cell_kind(text)
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
        return not any(
            cell_kind(t) == "content" for c, t in enumerate(row) if t.strip() and c >= first_role_col
        )
    # A level3 cell that is really a value (the row is shifted left) does not fit.
    for g in groups:
        if g.l3 is None or g.l3 >= len(row):
            continue
        l3 = row[g.l3]
        val = row[g.val] if g.val is not None and g.val < len(row) else ""
        if l3.strip() and not val.strip() and value_likeness(l3) >= 0.9 and cell_kind(l3) != "ph":
            return False
    return True


def _read_positional(
    r: int, row: list[str], groups: list[Group], carries: list[_Levels], first_role_col: int
) -> list[Cand]:
    out: list[Cand] = []
    _read_project(row, groups, carries)
    l1_cols = {g.l1 for g in groups if g.l1 is not None}
    # level1 labels are shared by all groups (side-by-side groups repeat only level2 onwards)
    for c in sorted(l1_cols):
        if c < len(row) and cell_kind(row[c]) == "label":
            label = canonical_level(row[c])
            assert label is not None
            for carry in carries:
                carry.apply(label, as_level2=False)
    for gi, g in enumerate(groups):
        carry = carries[gi]
        printed = False
        if g.l2 is not None and g.l2 < len(row) and cell_kind(row[g.l2]) == "label":
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
            or cell_kind(level3) == "ph"
            or (cell_kind(level3) == "label" and not _label_at(row, g.l2))
        ):
            continue
        if g.l1 is None and g.l2 is None:  # levels glued before the name: 产出指标数量指标…
            glued, level3 = peel_levels(level3)
            for label in glued:
                printed = carry.apply(label, as_level2=True) or printed
        value = row[g.val] if g.val is not None and g.val < len(row) else ""
        if cell_kind(value) == "ph":
            value = ""
        cells = [(r, g.l3)] + ([(r, g.val)] if g.val is not None else [])
        parts = level3.split()
        score = g.col("score")
        if (
            len(parts) == 2
            and _name_and_value(*parts)
            and is_score(value)
            and score is not None
            and not cell_text(row, score)
        ):
            # the name and its value one space apart in the name's cell, the score in the value's:
            # the row's cells one column left of theirs (a text export)
            level3, value, cells = parts[0], parts[1], [(r, g.l3)]
        direction = cell_text(row, g.col("op"))
        unit = cell_text(row, g.col("unit"))
        # no value where the table has a value column, yet text right of the name: the row's
        # cells are not where the header says (a header the reader laid out short)
        astray = (
            not value.strip()
            and g.val is not None
            and any(cell_text(row, c) for c in range(g.l3 + 1, len(row)))
            and not _qualitative_in_unit(row, g, direction, unit)
        )
        # a figure printed beside an operator column that reads nothing or no operator (OCR loses a
        # small ＝, reads ≥ as S): the value is not what the page prints
        op_doubt = (
            g.col("op") is not None
            and bool(re.match(r"[\d.]", value.strip()))
            and not _is_operator(direction)
            and not _qualitative_date(direction, value)
        )
        value = joined_value(direction, value, unit)
        cells += [(r, c) for c in (g.col("op"), g.col("unit")) if c is not None and cell_text(row, c)]
        out.append(
            Cand(
                row=r,
                group=gi,
                l1=carry.l1,
                l2=carry.l2,
                level3=level3,
                value=value,
                source="printed" if printed else ("carried" if carry.l2 else "none"),
                shifted=False,
                cells=cells,
                direction=direction,
                unit=unit,
                project=carry.project,
                project_amount=carry.amount,
                project_target=carry.target,
                doubt=joined(
                    why("performance.value_missing", name=level3) if astray else None,
                    why("performance.operator_unread", direction=direction, value=value)
                    if op_doubt
                    else None,
                ),
            )
        )
    return out


def _is_operator(text: str) -> bool:
    return is_operator(text)


def _qualitative_date(direction: str, value: str) -> bool:
    """定性 beside a date or a period (2024年12月底前, 2024.01-2024.12): as printed, no operator lost."""
    d = "".join(direction.split())
    return is_qualitative(d) and not re.fullmatch(r"[\d.,]+", "".join(value.split()))


def _qualitative_in_unit(row: list[str], g: Group, direction: str, unit: str) -> bool:
    """A 定性 row whose value stands in the unit column (a reader sets text away from the figures'
    column): the operator column says 定性, the unit cell is no unit, and nothing else is printed
    right of the name."""
    d, u = "".join(direction.split()), "".join(unit.split())
    if not u or INDICATOR_UNIT.match(u) or not is_qualitative(d):
        return False
    assert g.l3 is not None
    used = {g.col("op"), g.col("unit")}
    return not any(cell_text(row, c) for c in range(g.l3 + 1, len(row)) if c not in used)


def joined_value(direction: str, value: str, unit: str) -> str:
    """The value as design.md gives it when operator, figure and unit stand in columns of their own:
    ``('≥', '95', '%')`` → ``'≥95%'``; ``('定性', '良好', '')`` → ``'良好'``; ``('≤', '63.03', '万元')`` →
    ``'≤63.03万元'``. A figure that already carries its operator or unit keeps it once."""
    if not direction.strip() and not unit.strip():
        return value
    v = "".join(value.split())
    d = "".join(direction.split())
    u = "".join(unit.split())
    if is_qualitative(d):
        d = ""
    if not v and u and not d:
        return u  # a 定性 value printed across the figure and unit columns
    if d and not v.startswith(d):
        v = d + v
    if u and v and not v.endswith(u) and re.search(r"\d$", v):
        v += u
    return v


def _read_project(row: list[str], groups: list[Group], carries: list[_Levels]) -> None:
    """A row printing a project in the project column starts that project's rows (its code cut off)."""
    g = groups[0]
    project = cell_text(row, g.col("project"))
    if not project or cell_kind(project) != "content" or value_likeness(project) >= 0.9:
        return  # (a level name or a value there: the row is set left of its columns)
    _, name = split_project_code(project)
    amount = cell_text(row, g.col("amount"))
    target = cell_text(row, g.col("target"))
    for carry in carries:
        carry.project, carry.amount, carry.target = name, amount, target


def _read_tokens(
    r: int, row: list[str], groups: list[Group], state: _Levels, first_role_col: int
) -> tuple[list[Cand], _Levels]:
    state = dataclasses.replace(state)
    tokens = [(c, t, cell_kind(t)) for c, t in enumerate(row) if t.strip()]
    tokens = [
        tok
        for tok in tokens
        if not (tok[2] == "content" and tok[0] < first_role_col and _is_section_text(tok[1]))
    ]
    has_score = any("score" in g.extras.values() for g in groups)
    out: list[Cand] = []
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
    groups: list[Group],
    state: _Levels,
    printed: bool,
    has_score: bool,
) -> Cand:
    content = list(segment)
    # a name printed twice (in the level column and its own: a merged cell read twice) is one cell
    deduped = [
        tok for i, tok in enumerate(content) if i == 0 or compact(tok[1]) != compact(content[i - 1][1])
    ]
    content = deduped if len(deduped) >= 2 else content
    doubt: list[Reason] = []
    if has_score and len(content) >= 2 and is_score(content[-1][1]):
        content = content[:-1]
    gi = _group_of(content[0][0], groups)
    template = groups[gi].template() if groups else ["l3", "val"]
    columns = _value_columns([t for _, t in content], groups[gi]) if groups else None
    if columns is not None:  # name | operator | figure | unit, each in a column of its own
        name, direction, figure, unit = columns
        return Cand(
            row=r,
            group=gi,
            l1=state.l1,
            l2=state.l2,
            level3=name,
            value=joined_value(direction, figure, unit),
            source="printed" if printed else ("carried" if state.l2 else "none"),
            shifted=True,
            cells=[(r, c) for c, _ in content],
            direction=direction,
            unit=unit,
            project=state.project,
            project_amount=state.amount,
            project_target=state.target,
        )
    parts = content[0][1].split() if len(content) == 1 else []
    if len(parts) == 2 and _name_and_value(*parts):
        # a name and its value one space apart in one cell (a text export ran the columns together)
        content = [(content[0][0], parts[0]), (content[0][0], parts[1])]
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
        doubt = [why("performance.split_guess", value=value[1], count=len(content))]
    cells = [(r, level3[0])] + ([(r, value[0])] if value else [])
    return Cand(
        row=r,
        group=gi,
        l1=state.l1,
        l2=state.l2,
        level3=level3[1],
        value=value[1] if value else "",
        source="printed" if printed else ("carried" if state.l2 else "none"),
        shifted=True,
        cells=cells,
        project=state.project,
        project_amount=state.amount,
        project_target=state.target,
        doubt=doubt,
    )


def _value_columns(texts: list[str], g: Group) -> tuple[str, str, str, str] | None:
    """A row's cells, out of their columns, under a header that prints the operator, the figure and
    the unit in columns of their own (三级指标 | 指标方向 | 指标值 | 度量单位): ``(name, operator,
    figure, unit)`` when they read so in order (``项目总成本 | ≤ | 47.89 | 万元``; a 定性 row prints its
    value alone: ``减轻群众负担 | 定性 | 有效减轻``), else None."""
    roles = [r for c, r in sorted(g.roles().items()) if r in ("l3", "op", "val", "unit")]
    if len(texts) not in (3, 4) or roles != ["l3", "op", "val", "unit"] or cell_kind(texts[0]) != "content":
        return None
    figure = len(texts) == 4 and re.fullmatch(r"[\d.,]+", compact(texts[2]))
    if figure and _is_operator(texts[1]) and INDICATOR_UNIT.match(compact(texts[3])):
        return texts[0], texts[1], texts[2], texts[3]
    d = compact(texts[1])
    if len(texts) == 3 and is_qualitative(d) and value_likeness(texts[0]) < 0.9:
        return texts[0], texts[1], texts[2], ""
    return None


def _group_of(col: int, groups: list[Group]) -> int:
    best = 0
    for gi, g in enumerate(groups):
        starts = [c for c in (g.l2, g.l3) if c is not None]
        if starts and col >= min(starts):
            best = gi
    return best


def _continues(cands: list[Cand], new: list[Cand], r: int) -> bool:
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


def _finish(
    cand: Cand,
    table: Table,
    project: str,
    conf: dict[tuple[int, int], float],
    prev_level2: str = "",
    heads: set[str] | None = None,
    block: bool = False,
) -> Indicator:
    """The indicator record of a candidate row; ``block``: the table prints a project block (the
    project's name is to be read)."""
    level3 = clean_name(strip_enumerator(cand.level3))
    value = clean_name(cand.value)
    l1, l2 = cand.l1, cand.l2
    confidence = min(conf.get(k, 1.0) for k in cand.cells)
    reason: Reason | None = None
    split = _operator_tail(level3) if is_score(value) else None
    if split is not None:
        # the value run onto the name (预算单位满意度≥95%) beside a bare figure, a score read as the
        # value: the name ends where its operator starts; a guess, for review
        level3, value = split
        cand = dataclasses.replace(
            cand, doubt=joined(cand.doubt, why("performance.split_guess", value=value, count=2))
        )
    if cand.shifted:
        confidence = min(confidence, SHIFTED_CONFIDENCE)
    if not l2:
        # the trained row model's calibrated probability is the record's confidence
        l2, inferred = infer_level2(level3, value, l1, prev_level2)
        confidence = min(confidence, inferred, INFERRED_CAP) if l2 else min(confidence, 0.3)
        if not l2:
            reason = why("performance.level2_unknown")
        elif inferred < INFERRED_REVIEW:
            reason = why("performance.level2_inferred", level2=l2, p=f"{inferred:.2f}")
    elif cand.source == "moved":
        confidence = min(confidence, cand.inferred_conf)
        reason = why("performance.level2_moved", level2=l2)
    doubts = joined(reason, cand.doubt, indicator_doubts(table, cand.row, cand.cells))
    if not value and not is_placeholder(level3):
        doubts.append(why("performance.value_missing", name=level3))
    if value_likeness(level3) >= 1.0 and not is_placeholder(level3):
        doubts.append(why("performance.name_like_value", name=level3))
    if not is_placeholder(level3):
        doubts = joined(doubts, glued_doubts(level3, value, heads or set()))
    if l2:
        l1 = level1_for(l2, l1) if l2 != "成本指标" else (l1 or "产出指标")
    project = cand.project if cand.project is not None else project
    if not project and block and not any(r.code == "performance.project_unread" for r in doubts):
        doubts.append(why("performance.project_missing"))  # a project block, its name not read
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
        reason=doubts,
        direction=cand.direction,
        unit=cand.unit,
        project_amount=cand.project_amount,
        project_target=cand.project_target,
    )


_OPERATOR_TAIL = re.compile(r"^(.*\S)\s*([≥≤＞＜>＝=][\d.]+\s*(?:%|％|[^\d\s]{1,3})?)$")


def _operator_tail(name: str) -> tuple[str, str] | None:
    """A name ending in an operator and a figure (预算单位满意度≥95%): ``(name, value)``, else None."""
    m = _OPERATOR_TAIL.match(name.strip())
    if not m or value_likeness(m.group(1)) >= 0.9 or cell_kind(m.group(1)) != "content":
        return None
    return m.group(1), m.group(2)


def _drop(ind: Indicator) -> bool:
    return not ind.level3 or is_placeholder(ind.level3)
