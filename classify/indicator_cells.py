"""The cells of a performance table's rows (``classify.indicator_rows`` reads them): the column
groups a header names, the candidate indicator rows, the merged project cells (also cut by a page
end), the label centring that enumerated slots show, and the cells a reader ran together (spread
back into their columns, or a reason for review)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from classify.indicator_level import infer_level2
from classify.indicators import (
    canonical_level,
    compact,
    glued_label,
    holds_value,
    is_level_remnant,
    is_placeholder,
    is_score,
    repeated_head,
    two_values,
)
from extract.codes import split_project_code
from extract.indicator_words import is_field_label, value_likeness
from extract.model import Table
from extract.reasons import Reason, joined
from extract.reasons import reason as why

INFERRED_CONFIDENCE = 0.6  # level2 label printed below the row (centred): moved by the indicator's words
INFERRED_REVIEW = 0.9  # … and below this probability the row says why it needs review


@dataclass
class Group:
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

    def col(self, role: str) -> int | None:
        """The column of an extra role ('op', 'unit', 'project', 'amount', 'target'), or None."""
        return next((c for c, r in self.extras.items() if r == role), None)

    def template(self) -> list[str]:
        """Content roles in column order from level3 on (desc/val/basis; scores dropped)."""
        roles = self.roles()
        return [roles[c] for c in sorted(roles) if roles[c] in ("l3", "desc", "val", "basis")]


@dataclass
class Cand:
    row: int
    group: int
    l1: str
    l2: str
    level3: str
    value: str
    source: str  # 'printed' (label in this row), 'carried', 'none', 'moved', 'enumerated'
    shifted: bool
    cells: list[tuple[int, int]]
    inferred_conf: float = 1.0
    direction: str = ""  # the operator printed in a column of its own (≥, ＝, 定性)
    unit: str = ""  # the unit printed in a column of its own (%, 万元)
    project: str | None = None  # the project of a row printing projects in a column (None: the table's)
    project_amount: str = ""
    project_target: str = ""
    doubt: list[Reason] = field(default_factory=list)  # why the reading of the row is in doubt


@dataclass
class ProjectBlock:
    start: int
    end: int
    name: str  # '' when the merged cell prints nothing on this page
    amount: str
    target: str


def project_blocks(table: Table, groups: list[Group]) -> list[ProjectBlock]:
    """The merged cells of a project column (北京 预算表12): each project's rows on this page."""
    g = groups[0] if groups else None
    col = g.col("project") if g else None
    if g is None or col is None:
        return []
    grid = table.grid()
    column = [c for c in table.cells if c.col == col and c.row >= table.header_rows]
    # a reader that knows merged cells (a ruled PDF) gives each project one cell spanning its rows;
    # without spans (text), an empty cell continues the project above it
    spans = any(c.rowspan > 1 for c in column)
    # (a level name or a value in the project column is a row set left of its columns, no project)
    starts = sorted({c.row: c for c in column if spans or _names_project(c.text)}.items())
    out: list[ProjectBlock] = []
    for k, (row, cell) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(grid)
        end = min(end, row + max(cell.rowspan, 1)) if k + 1 == len(starts) else end
        name = split_project_code(cell.text)[1] if cell.text.strip() else ""
        out.append(
            ProjectBlock(
                row, end, name, cell_text(grid[row], g.col("amount")), cell_text(grid[row], g.col("target"))
            )
        )
    return _join_page_pieces(out, _row_pages(table), table.header_rows) if spans else out


def _names_project(text: str) -> bool:
    """Can a project column's cell name a project (not empty, no level name, no value)?"""
    return bool(text.strip()) and cell_kind(text) == "content" and value_likeness(text) < 0.9


def _row_pages(table: Table) -> dict[int, int]:
    """The page each row of a table (continued over pages) is printed on."""
    return {c.row: c.page or table.page for c in table.cells}


def _join_page_pieces(blocks: list[ProjectBlock], pages: dict[int, int], first: int) -> list[ProjectBlock]:
    """A merged project cell cut by a page end is two cells of a joined table, and the piece that
    does not print the name is empty: an empty piece at the top of a page continues the project
    above it; one at the foot of a page belongs to the project the next page starts with (its
    name centred in the part of the cell printed there). (A table's first piece is left to the
    page before.)"""
    out: list[ProjectBlock] = []
    for k, b in enumerate(blocks):
        nxt = blocks[k + 1] if k + 1 < len(blocks) else None
        top = b.start <= first or pages.get(b.start) != pages.get(b.start - 1)
        if not b.name and out and top:
            out[-1].end = b.end
        elif (
            not b.name
            and not top
            and nxt
            and nxt.start == b.end
            and pages.get(nxt.start) != pages.get(b.end - 1)
        ):
            nxt.start = b.start
            nxt.amount, nxt.target = nxt.amount or b.amount, nxt.target or b.target
        else:
            out.append(b)
    return out


def assign_projects(
    cands: list[Cand], blocks: list[ProjectBlock], carried: str, following: str | None
) -> None:
    """Each row's project from the merged project cell it lies in. A cell printing nothing on this
    page is the previous page's last project (at the top of the page) or the next page's first
    (at the bottom: its name is centred on the next page); elsewhere, or with no next page to ask,
    the project is in doubt."""
    if not blocks:
        return
    for cand in cands:
        k = next((i for i, b in enumerate(blocks) if b.start <= cand.row < b.end), None)
        if k is None:
            continue
        block = blocks[k]
        if block.name:
            cand.project, cand.project_amount, cand.project_target = block.name, block.amount, block.target
        elif k == 0 and block.start == min(b.start for b in blocks) and cand.row < blocks[0].end and carried:
            cand.project = carried  # amount and target come with the previous page's rows
        elif k == len(blocks) - 1 and following:
            cand.project, cand.project_amount, cand.project_target = following, "", ""
        else:
            cand.project = carried if k == 0 else ""
            if not cand.project:
                cand.project_amount = cand.project_target = ""
            cand.doubt = joined(cand.doubt, why("performance.project_unread", project=cand.project))


def doubt_centred(cands: list[Cand]) -> None:
    """Rows of a table centring its labels whose level 2 came from a label above them: unless the
    indicator's own words give the same level 2 with confidence, the row may belong to the next."""
    for cand in cands:
        if cand.source != "carried" or not cand.l2:
            continue
        guess, p = infer_level2(cand.level3, cand.value, cand.l1)
        if guess == cand.l2 and p >= INFERRED_REVIEW:
            continue
        cand.doubt = joined(cand.doubt, why("performance.level2_centred", level2=cand.l2, guess=guess or "?"))


def cell_kind(text: str) -> str:
    """What a performance table's cell prints: 'ph' (an empty template slot), 'label' (a level
    name), 'content' (anything else: a name, a value). The last line of a level label cut by a page
    end ('标') fills no slot either: 'ph'."""
    if is_placeholder(text) or is_level_remnant(text):
        return "ph"
    if canonical_level(text):
        return "label"
    return "content"


def empty_level_cells(table: Table, groups: list[Group]) -> dict[int, dict[int, bool]]:
    """Merged level cells a ruled page draws but prints no label in: row they open at → {column:
    whether the cell runs to the table's last row}. Such a cell starts a new level group (the rows
    above it are not its rows); one that runs to the page end is continued on the next page, which
    prints its label (the page cut it: 西安's 数量指标 over pp. 42-43)."""
    cols = {c for g in groups for c in (g.l1, g.l2) if c is not None}
    last = max((c.row + c.rowspan for c in table.cells), default=0)
    out: dict[int, dict[int, bool]] = {}
    for c in table.cells:
        if c.col in cols and c.rowspan > 1 and c.bbox is not None and not c.text.strip():
            out.setdefault(c.row, {})[c.col] = c.row + c.rowspan >= last
    return out


def leading_levels(table: Table) -> tuple[str, str] | None:
    """The ``(level1, level2)`` labels a continued page prints in its first row, up to the name
    after them (a section cell before them, 年度绩效指标, aside); None when it prints no level2."""
    row = next((r for r in table.grid() if any(t.strip() for t in r)), None)
    if row is None:
        return None
    l1 = l2 = ""
    for text in (t for t in row if t.strip()):
        label = canonical_level(text)
        if label is None:
            if cell_kind(text) == "content" and (l1 or l2):
                break
            continue
        l1, l2 = label[0] or l1, label[1] or l2
    return (l1, l2) if l2 else None


def cell_text(row: list[str], col: int | None) -> str:
    return row[col].strip() if col is not None and col < len(row) else ""


_NUMBERED = re.compile(r"^\s*(?:指标|目标)\s*([0-9０-９]+)\s*[:：]")


def enumerated_groups(cands: list[Cand]) -> None:
    """A template numbers indicators 指标1, 指标2 … from each group's first row, which prints the
    group's labels when they stand at the top of their merged cells: a row numbered 1 that only
    carries the level from above, right above a row numbered 2 beside a level-2 label, shows the
    labels centred; the label is that row's too."""
    nums = [_NUMBERED.match(c.level3) for c in cands]
    for i, cand in enumerate(cands[:-1]):
        other, m, n = cands[i + 1], nums[i + 1], nums[i]
        if (
            cand.source == "carried"
            and n
            and int(n.group(1)) == 1
            and m
            and int(m.group(1)) == 2
            and other.group == cand.group
            and other.source == "printed"
            and other.l2
            and other.l2 != cand.l2
        ):
            cand.l1, cand.l2, cand.source = other.l1, other.l2, "enumerated"


def move_centered_tails(cands: list[Cand]) -> None:
    """Rows just above a printed level2 that clearly belong to it (labels centred in merged cells).

    Only the unbroken tail of a carried run whose own words point to the next label moves,
    and it moves with a low confidence so review can take it.
    """
    for i, cand in enumerate(cands):
        if cand.source != "printed" or not cand.l2:
            continue
        j = i - 1
        moved: list[Cand] = []
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


def fold_unnamed(row: list[str], groups: list[Group], head: list[str]) -> list[str]:
    """A value column that a text export split in two (定性 words left-aligned, figures
    right-aligned): the column right of it has no header of its own; its text is the value when
    the value column is empty."""
    roles = {c for g in groups for c in g.roles()} | {c for g in groups for c in g.extras}
    out = list(row)
    for g in groups:
        v = g.val
        k = v + 1 if v is not None else len(out)
        if (
            k < len(out)
            and k < len(head)
            and not head[k].strip()
            and k not in roles
            and not out[v].strip()  # type: ignore[index]
            and out[k].strip()
            # a bare figure is the value's when its unit stands in a column further right; else
            # it may be a score (分值) whose column the export shifted
            and (not is_score(out[k]) or (g.col("unit") or -1) > k)
        ):
            out[v], out[k] = out[k], ""  # type: ignore[index]
    return out


def spread_row(row: list[str], groups: list[Group]) -> list[str]:
    """A body cell printing several phrases (one space apart in a text export) while the role
    columns beside it are empty: the cells ran together; each phrase goes back to its column,
    in order, when their numbers agree (``项目完成时限 | 2016年12月底前 上年度完成情况 | ''``)."""
    role = {c: r for g in groups for c, r in g.roles().items()}
    roles = sorted(c for c in role if c < len(row))
    if not roles:
        return row
    out = list(row)
    for i, c in enumerate(roles):
        parts = out[c].split()
        if len(parts) < 2:
            continue
        lo = i
        while lo > 0 and not out[roles[lo - 1]].strip():
            lo -= 1
        hi = i
        while hi + 1 < len(roles) and not out[roles[hi + 1]].strip():
            hi += 1
        slots = roles[lo : hi + 1]
        if len(slots) == len(parts):
            for col, part in zip(slots, parts, strict=True):
                out[col] = part
        elif hi - i >= len(parts) - 1:  # the phrases spill into the empty columns right of it
            for col, part in zip(roles[i : i + len(parts)], parts, strict=True):
                out[col] = part
        elif i - lo >= len(parts) - 1 and _name_then_value(
            parts, [role[c] for c in roles[i - len(parts) + 1 : i + 1]]
        ):
            # … or into the empty name column left of it: a name and its value set one space apart
            # under the value's header (a reader placing the run by where it ends)
            for col, part in zip(roles[i - len(parts) + 1 : i + 1], parts, strict=True):
                out[col] = part
    return out


def _name_then_value(parts: list[str], roles: list[str]) -> bool:
    """Phrases that read as an indicator's name then its value, for the name and value columns."""
    return (
        roles == ["l3", "val"]
        and value_likeness(parts[1]) >= 0.9
        and value_likeness(parts[0]) < 0.9
        and cell_kind(parts[0]) == "content"
    )


def header_texts(grid: list[list[str]], headers: list[int], header_rows: int) -> set[str]:
    """The table's header labels (of its top rows and its indicator header rows), as compared."""
    rows = set(headers) | set(range(min(header_rows, len(grid))))
    texts = {compact(c) for r in rows for c in grid[r]}
    return {t for t in texts if len(t) >= 4 and not re.search(r"\d", t) and value_likeness(t) < 1.0}


def glued_doubts(level3: str, value: str, heads: set[str]) -> list[Reason]:
    """Doubts about a row whose cells ran together: a template label or level name inside the
    name, the name repeating itself, a header label inside the value."""
    out: list[Reason] = []
    label = glued_label(level3)
    if label:
        out.append(why("performance.name_glued", name=level3, label=label))
    if repeated_head(level3):
        out.append(why("performance.name_repeated", name=level3))
    if holds_value(level3, value) and value_likeness(level3) < 1.0:
        out.append(why("performance.name_holds_value", name=level3))
    if is_field_label(level3):
        out.append(why("performance.name_is_field", name=level3))
    if two_values(value):
        out.append(why("performance.value_twice", value=value))
    v = compact(value)
    head = next((h for h in heads if h in v and h != v), "")
    if head:
        out.append(why("performance.value_glued", value=value, label=head))
    return out


def centred_runs(grid: list[list[str]], rows: list[int], g: Group, end: int) -> dict[int, tuple[str, str]]:
    """Level-2 labels centred in their merged cells (a text export of a ruled page prints each one
    on the middle row of its cells, or on a line of its own between the middle two): the label on
    row ``p`` whose run starts at row ``a`` covers rows ``a`` to ``2p - a``, and the next run starts
    right below. From the first indicator row this fixes every run; when the runs chain without a
    gap or an overlap, each holds an indicator, and the last one ends on the last indicator row or
    on a row below it that holds none, each row's level 2 is the label of its run
    (``{row: (level1, level2)}``), else nothing is read from the centring. A row printing only a
    level-1 label is a line of its own between the level-2 cells' rows: it does not count.
    ``rows``: the rows of the block's indicators, the block ending before row ``end``. A row with
    no label in the group's level-2 column takes the level-2 name it prints in another, when it
    prints one only (a text export that set the labels left of their column; side-by-side groups
    repeat it)."""
    if g.l2 is None or not rows:
        return {}
    cand_rows = set(rows)
    index: dict[int, int] = {}  # row → its place among the rows that count
    labels: list[tuple[int, tuple[str, str]]] = []
    for r in range(min(rows), min(end, len(grid))):
        text = cell_text(grid[r], g.l2)
        label = canonical_level(text) if text else None
        if label and not label[1] and label[0] != "成本指标":
            label = None  # a level-1 name (a row set one column right): no level 2's run
        if label is None:
            names = {lab for t in grid[r] if t.strip() and (lab := canonical_level(t)) and lab[1]}
            label = names.pop() if len(names) == 1 else None
        if label and label[0] == "成本指标" and not label[1]:
            # 成本指标 in the level-2 column: a level 2 (under 产出指标 in older templates, a level 1 of its
            # own in newer ones): the level 1 stays what the row carries
            label = ("", "成本指标")
        filled = [t for t in grid[r] if t.strip()]
        if label is None and r not in cand_rows and filled and all(canonical_level(t) for t in filled):
            continue  # a level-1 label alone on its line (beside a template slot it is a row)
        index[r] = len(index)
        if label:
            labels.append((index[r], label))
    if not labels:
        return {}
    at = {i: r for r, i in index.items()}
    first, last = index[min(rows)], index[max(rows)]
    out: dict[int, tuple[str, str]] = {}
    a = min(first, labels[0][0])
    for p, label in labels:
        b = 2 * p - a
        if p < a or b < p:
            return {}
        covered = [at[i] for i in range(a, b + 1) if at.get(i) in cand_rows]
        if not covered or b >= len(at):
            return {}
        out.update(dict.fromkeys(covered, label))
        a = b + 1
    return out if a > last and len(out) == len(cand_rows) else {}


def settle_centred(cands: list[Cand], grid: list[list[str]], end: int, groups: list[Group]) -> None:
    """Rows of a table centring its level-2 labels take the label of the run they lie in when the
    runs chain (``centred_runs``), unless the indicator's own words name another level 2 with
    confidence (then the carried reading stays, and ``doubt_centred`` says why)."""
    for gi, g in enumerate(groups):
        mine = [c for c in cands if c.group == gi]
        runs = centred_runs(grid, [c.row for c in mine], g, end)
        for cand in mine:
            if cand.row not in runs:
                continue
            l1, l2 = runs[cand.row]
            guess, p = infer_level2(cand.level3, cand.value, l1)
            if guess != l2 and p >= INFERRED_REVIEW:
                continue
            cand.l1, cand.l2, cand.source = l1 or cand.l1, l2, "centred"
