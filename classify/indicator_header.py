"""The header of a performance table and the pages that continue it: the roles its header cells
name (一级指标 | 二级指标 | 三级指标 | 指标值, operator, unit, score, the project's columns), the column
groups they make and how they lie over the body, the project the table describes and the fields
printed above its indicators, and the header a continuation page is read under
(``classify.indicator_rows`` reads the rows)."""

from __future__ import annotations

import itertools
import math
import re

from classify.indicator_cells import Group, cell_kind
from classify.indicators import canonical_level, compact, value_likeness
from classify.model import Indicator
from extract.codes import split_project_code
from extract.indicator_words import (
    COMBINED_INDICATOR_HEADERS,
    INDICATOR_ACTIVITY_HEADERS,
    PROJECT_FIELDS,
    QUALITATIVE_WORDS,
    is_combined_indicator_header_row,
    is_field_label,
    is_operator,
    is_operator_header,
    is_template_slot,
    is_unit_header,
    project_field,
)
from extract.model import Paragraph, Table
from extract.numbers import normalize
from extract.vocabulary import is_indicator_header_row

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
    "指标值内容": "desc",
    "指标值确定依据": "basis",
    "确定依据": "basis",
    "备注": "basis",
    # a memo column (是 / 否: whether the indicator is a core one, 重庆), never part of the value
    "是否核心": "basis",
    "是否核心指标": "basis",
}


# the column of a project's or unit's code, printed before its name
_CODE_HEADER = re.compile(r"(?:单位|项目|预算项目|预算单位)?(?:编码|代码)")

# the labels a project's (or a department's table's) name is printed beside: the vocabulary's project
# labels and the department's and unit's name labels (部门名称, 部门(单位)名称, 单位名称), but for
# 单位(项目)名称, which heads a column of projects' names (长沙: 单位编码 | 单位（项目）名称 | 资金总额),
# never a label beside one name: matching it would end the search at that header row
_COLUMN_ONLY = ("单位(项目)名称",)
_PROJECT_KEYS = tuple(w for w in PROJECT_FIELDS["project"] if w not in _COLUMN_ONLY) + tuple(
    w for f in ("department", "unit") for w in PROJECT_FIELDS[f] if w.endswith("名称")
)


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
    if s in COMBINED_INDICATOR_HEADERS:
        return "l3"  # the levels, if any, glued before the name
    if s in INDICATOR_ACTIVITY_HEADERS:
        return "activity"
    if s.startswith("分值") or "权重" in s or s in ("分值", "分数", "得分"):
        return "score"
    if "依据" in s or s.startswith(("偏差", "原因", "说明")) or s.endswith("分标准"):  # 评(扣)分标准
        return "basis"
    if s in ("实际完成值", "完成值", "实际值", "全年实际值"):
        return "actual"
    if is_unit_header(s):
        return "unit"
    if is_operator_header(s):
        return "op"
    field = project_field(s)
    if field in ("project", "amount", "target"):
        return field
    if re.fullmatch(r"(?:年度|本年|全年|预期)?(?:绩效)?(?:指标值|目标值)(?:[(（].*)?", s):
        return "val"
    return None


def is_indicator_header(row: list[str]) -> bool:
    return is_indicator_header_row(row) or is_combined_indicator_header_row(row)


def spread_header(row: list[str]) -> list[str]:
    """A header cell that prints two column names (``指标值 度量单位``: a text export that kept one
    space between them) names the empty header columns beside it too, in order."""
    out = list(row)
    for c, text in enumerate(row):
        parts = text.split()
        if len(parts) < 2 or not all(_header_role(p) for p in parts) or compact(text) in _HEADER_WORDS:
            continue
        k = len(parts)
        if c - k + 1 >= 0 and not any(out[c - k + 1 : c]):
            out[c - k + 1 : c + 1] = parts
        elif c + k <= len(out) and not any(out[c + 1 : c + k]):
            out[c : c + k] = parts
    return out


def parse_header(row: list[str]) -> list[Group]:
    row = spread_header(row)
    groups: list[Group] = []
    current = Group()
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
            current = Group()
        if role in ("l1", "l2", "l3", "val"):
            setattr(current, role, c)
        else:
            current.extras[c] = role
    groups.append(current)
    groups = [g for g in groups if g.l3 is not None or g.val is not None or g.l2 is not None]
    # a name column with no value of its own right before another group's name column is the
    # section a merged cell prints down the left (重庆: 绩效指标 | 指标名称 | 指标性质 | 指标值 …)
    groups = [
        g
        for i, g in enumerate(groups)
        if not (
            i + 1 < len(groups) and set(g.roles().values()) == {"l3"} and groups[i + 1].l3 == (g.l3 or 0) + 1
        )
    ]
    # a project column (北京 预算表12: 项目名称 | 项目总额 | 其中 财政资金 | 其他资金 | 绩效目标 | 一级指标 …):
    # the project's fields belong to every group, and the unnamed columns between them (the
    # sub-header's 财政资金 / 其他资金) are parts of its amount
    project_roles = {
        c: r for g in groups for c, r in g.extras.items() if r in ("project", "amount", "target")
    }
    for c, text in enumerate(row):
        role = _header_role(text)
        if role in ("project", "amount", "target"):
            project_roles[c] = role
    first_name = min((c for g in groups for c, r in g.roles().items() if r in ("l1", "l2", "l3")), default=0)
    if groups and "project" not in project_roles.values():
        # no project column, but a unit's (单位名称: a department's table, 长沙): the body its rows describe
        unit = next((c for c in range(first_name) if project_field(row[c]) == "unit"), None)
        if unit is not None:
            project_roles[unit] = "project"
    if groups and "project" in project_roles.values():
        # (a header naming a value but no level or name column: the project's parts end with it)
        first_level = min(
            (c for g in groups for c, r in g.roles().items() if r in ("l1", "l2", "l3")), default=len(row)
        )
        start = min(c for c, r in project_roles.items() if r == "project")
        for c in range(start + 1, first_level):
            project_roles.setdefault(c, "amount_part")
        for c in range(start):  # the project's (or unit's) code before its name (长沙: 单位编码)
            if _CODE_HEADER.fullmatch(compact(row[c])):
                project_roles.setdefault(c, "code")
        for g in groups:
            for c, r in project_roles.items():
                g.extras.setdefault(c, r)
    return groups


def _find_project(grid: list[list[str]], stop: int, heading: set[tuple[int, int]] | None = None) -> str:
    for r, row in enumerate(grid[: max(stop, 0) or len(grid)]):
        for c, text in enumerate(row):
            s = compact(text)
            for key in _PROJECT_KEYS:
                if (r, c) in (heading or set()) and s == key:
                    return ""
                if s == key or s == key + ":" or s == key + "：":
                    for other in row[c + 1 :]:
                        if other.strip():
                            value = other.strip()
                            # a header word beside it (项目总额, 主管部门): the table prints projects in
                            # a column of their own, or leaves this one empty
                            if project_field(value) or _header_role(value):
                                return ""
                            return split_project_code(value)[1]
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
    if (
        re.fullmatch(r"(?:项目|专项|支出|项目支出)", name)
        or any(w in name for w in _GENERIC_TITLE)
        or re.fullmatch(r"(?:\d{4}|20XX)年?", name)
    ):
        return ""
    return name


def project_fields(table: Table, before: Table | None = None) -> dict[str, str]:
    """The project block above a performance table's indicators, by field: {'amount': '488.33',
    'target': '年度目标：…'} (the amount as printed, in the table's unit; fields the table does not
    print are left out). A table printing its projects in a column gives them per row instead.
    The block is every row before the first level label but the indicator header (a reader may
    put the header on top of it). ``before``: the page before, when it printed the block's first
    rows (``continues_project_block``)."""
    grid = table.grid()
    first = next(
        (r for r, row in enumerate(grid) if any(canonical_level(t) for t in row if t.strip())), len(grid)
    )
    rows = [row for row in grid[:first] if not is_indicator_header(row)]
    rows = (before.grid() if before is not None else []) + rows
    out: dict[str, str] = {}
    for row in rows:
        cells = [t.strip() for t in row if t.strip()]
        field = project_field(cells[0]) if cells else ""
        if (
            cells
            and "amount" not in out
            and (field == "amount" or (not row[0].strip() and project_field(cells[0])))
        ):
            amount = next((a for t in cells if (a := _amount(t))), "")
            if amount:
                out["amount"] = amount
    target = _annual_target(rows) or next((t for row in rows if (t := _target_beside(row))), "")
    if target:
        out["target"] = target
    for row in rows:
        for field, text in _named_fields(row):
            out.setdefault(field, text)
    return out


_NAMED_FIELDS = ("department", "unit")  # the block's fields read as the text beside their label


def _named_fields(row: list[str]) -> list[tuple[str, str]]:
    """The 主管部门 / 实施单位 a row of the project block prints, by field: the text after each such
    label up to the row's next label (主管部门 | 民政局 | | 实施单位 | 民政局本级), or after the label
    in its own cell where a reader joined them ('主管部门：民政局', '主管部门 民政局'); a cell that runs
    the next label and its text on (collapsed text: '民政局实施单位民政局本级') is cut before it. Only a
    row that begins with such a label is read: the words inside a target (…，预算单位满意度进一步提高。)
    are no label."""
    texts = [t.strip() for t in row if t.strip()]
    if not texts or project_field(texts[0]) not in _NAMED_FIELDS:
        return []
    cells = [part for t in texts for part in _cut_at_labels(t)]
    out: list[tuple[str, str]] = []
    for k, text in enumerate(cells):
        field = project_field(text)
        if field not in _NAMED_FIELDS:
            continue
        if is_field_label(text):
            value = cells[k + 1] if k + 1 < len(cells) and not project_field(cells[k + 1]) else ""
        else:
            value = _after_label(text)
        if value:
            out.append((field, value))
    return out


_FIELD_LABEL = re.compile(
    "|".join(re.escape(w) for f in _NAMED_FIELDS for w in sorted(PROJECT_FIELDS[f], key=len, reverse=True))
)


def _cut_at_labels(text: str) -> list[str]:
    """``text`` cut before each 主管部门 / 实施单位 label it runs on to after other text
    ('民政局实施单位民政局本级' → '民政局', '实施单位民政局本级'; a borderless reader's '民政局实施单位',
    its text in the next cell → '民政局', '实施单位')."""
    cuts = [m.start() for m in _FIELD_LABEL.finditer(text) if m.start()]
    bounds = [0, *cuts, len(text)]
    return [text[a:b].strip() for a, b in itertools.pairwise(bounds) if text[a:b].strip()]


def _after_label(text: str) -> str:
    """The text a cell prints after the 主管部门 / 实施单位 label it begins with ('主管部门：清河县民政局',
    '主管部门 清河县民政局', or run together by collapsed text: '实施单位清河县民政局' → '清河县民政局');
    '' when nothing follows."""
    s = normalize(text)
    m = _FIELD_LABEL.match(s)
    if not m:
        return ""
    return re.sub(r"^[(（][^)）]*[)）]", "", s[m.end() :]).lstrip(":： ").strip()


_AMOUNT = re.compile(r"(.*?)([\d,]+(?:\.\d+)?)")


def _amount(cell: str) -> str:
    """The amount a cell of the amount rows prints: a figure alone, or after its label
    ('实施期资金总额：88.88', a reader joining the label's cell and the figure's); '' when none."""
    m = _AMOUNT.fullmatch(compact(cell))
    if not m or (m.group(1) and not is_field_label(m.group(1))):
        return ""
    return m.group(2)


def _target_beside(row: list[str]) -> str:
    """The text beside a row's target label (总体目标 | …, 年度目标 | …; label cells aside: a target
    that begins 年度目标：… is the target's own text)."""
    cells = [t.strip() for t in row if t.strip()]
    if not cells or project_field(cells[0]) != "target":
        return ""
    return " ".join(t for t in cells[1:] if not is_field_label(t))


def _annual_target(rows: list[list[str]]) -> str:
    """The annual target of a block printing the targets under labels of their own (总体目标 |
    中期目标 | 年度目标, the targets on a row below): the text below the 年度目标 label (the empty
    mid-term slots a reader ran before it, 目标1: 目标2: ….., left out)."""
    for r, row in enumerate(rows):
        c = next(
            (
                c
                for c, t in enumerate(row)
                if c and is_field_label(t) and project_field(t) == "target" and compact(t) != "总体目标"
            ),
            None,
        )
        if c is None or any(t.strip() and not is_field_label(t) for t in row):
            continue
        for below in rows[r + 1 :]:
            text = next(
                (below[k].strip() for k in (c, c + 1, c - 1) if k < len(below) and below[k].strip()), ""
            )
            if text:
                words = text.split()
                while words and is_template_slot(words[0]):
                    words.pop(0)
                return " ".join(words)
    return ""


def prints_project_block(grid: list[list[str]]) -> bool:
    """Does a performance table print a project block or column (项目名称, 主管部门, 资金金额 / 项目总额
    as labels of their own), so that the project's name is there to be read?"""
    return any(
        project_field(t) in ("project", "department", "amount") and is_field_label(t)
        for row in grid
        for t in row
        if t.strip()
    )


def _block_row(row: list[str]) -> bool:
    """A row of a project block (项目名称, 主管部门, 资金金额 …, or a row continuing a label above it)."""
    cells = [t for t in row if t.strip()]
    return not cells or not row[0].strip() or bool(project_field(cells[0]))


def continues_project_block(table: Table, previous: Table | None) -> bool:
    """Is ``table`` the rest of a project block that ``previous`` began at the foot of its page:
    ``previous`` prints the block's first rows (its 项目名称 among them) and no indicator header,
    and ``table``, the next table, has no title and no 项目名称 of its own, only the block's other
    rows (资金金额, 年度目标 …) above its indicator header? Its indicators are that project's."""
    if previous is None or table.seq != previous.seq + 1 or table.title.strip():
        return False
    before = previous.grid()
    if not before or indicator_header(previous) is not None or not all(_block_row(r) for r in before):
        return False
    if not _find_project(before, len(before)):
        return False
    grid = table.grid()
    headers = [r for r, row in enumerate(grid) if is_indicator_header(row)]
    if not headers or (headers[0] and _find_project(grid, headers[0])):
        return False
    return all(_block_row(r) for r in grid[: headers[0]])


def table_project(table: Table) -> str:
    """The 项目名称 a performance table describes: printed above its indicator header, else the
    reader's, else from the title ('' when none)."""
    grid = table.grid()
    if not grid:
        return table.project
    headers = [r for r, row in enumerate(grid) if is_indicator_header(row)]
    # a key spanning the whole column header (单位名称 over 长沙's 年度预算申请 | 资金总额 …) heads a
    # column of names: the cell beside it is another column's header, not the project's name
    heading = {
        (c.row, c.col) for c in table.cells if c.rowspan > 1 and c.row + c.rowspan >= table.header_rows >= 2
    }
    project = _find_project(grid, headers[0] if headers else len(grid), heading)
    reader = table.project if not (project_field(table.project) or _header_role(table.project)) else ""
    return project or reader or _project_from_title(table.title)


def project_above(table: Table, paragraphs: list[Paragraph]) -> str:
    """The project (or body) a line printed just above the table on its page names, as a
    project-block field would ('单位名称: 重庆市科学技术局 单位: 万元' over 重庆's 部门整体绩效目标表);
    '' when none does."""
    top = table.bbox[1] if table.bbox is not None else None
    above = [  # lines whose middle is above the table's top
        p
        for p in paragraphs
        if p.page == table.page
        and p.bbox is not None
        and top is not None
        and p.bbox[1] + p.bbox[3] <= 2 * top
    ]
    for para in reversed(above):  # the nearest line first
        name = _find_project([para.text.replace("：", ":").replace(":", ": ").split()], 1)
        if name:
            return name
    return ""


def indicator_header(table: Table) -> list[str] | None:
    """The table's last 一级指标 | 二级指标 | … header row (a continuation page without one reads
    its rows under it), or None."""
    grid = table.grid()
    rows = [r for r, row in enumerate(grid) if is_indicator_header(row)]
    return filled_header(grid, rows[-1], table.header_rows) if rows else None


def filled_header(grid: list[list[str]], h: int, header_rows: int) -> list[str]:
    """The indicator header row ``h`` with the project columns a header cell spanning the rows above
    names (长沙: 单位（项目）名称 | 资金总额 | 绩效目标 over two header rows, the levels' in the
    second): a blank of a row inside the table's header takes the project field above it."""
    row = list(grid[h])
    if h >= header_rows:
        return row
    for c, text in enumerate(row):
        if text.strip():
            continue
        above = next(
            (grid[r][c] for r in range(h - 1, -1, -1) if c < len(grid[r]) and grid[r][c].strip()), ""
        )
        if (
            _header_role(above) in ("project", "amount", "target")
            or project_field(above) == "unit"
            or _CODE_HEADER.fullmatch(compact(above))
        ):
            row[c] = above
    return row


def continues_performance(table: Table, previous: Table | None, header: list[str] | None) -> bool:
    """Is ``table`` the continuation of the performance table ``previous``, read under ``header``
    (its own indicator header, or the one it inherited): the next table, no title of its own, no
    indicator header, the same number of columns?"""
    return (
        previous is not None
        and header is not None
        and table.seq == previous.seq + 1
        and not table.title.strip()
        and indicator_header(table) is None
        and continuation_header(table, header) is not None
    )


def continuation_header(table: Table, header: list[str]) -> list[str] | None:
    """The header a continuation page is read under: the whole ``header`` when the page has its
    columns, else the header's last columns when the page holds only those (a page whose project
    columns the reader lost) and they still name an indicator and its value; None otherwise."""
    n = table.n_cols
    if n == len(header):
        return header
    named = [h for h in header if h.strip()]
    if len(named) < n <= len(named) + 1 and parse_header(named):
        return [""] * (n - len(named)) + named  # the same columns, without the header's empty ones
    if n < len(header) and n >= 3:
        return _fitting_columns(table.grid(), header)
    return None


_MAX_CHOICES = 5000  # header columns a page may lack: beyond this many ways to pick, only the tail


def _fitting_columns(grid: list[list[str]], header: list[str]) -> list[str] | None:
    """The header columns a page of fewer columns prints, in order: the ones whose roles fit what
    the page's columns hold (level names under 一级/二级指标, names under 三级指标, values under
    指标值) best, every group still naming an indicator and its value; the header's last columns
    when they fit as well (a page whose project columns the reader lost). A side-by-side table
    whose left group's 指标值 column is empty on the page (placeholders only) lacks that column,
    not the first ones."""
    n = len(grid[0]) if grid else 0
    kinds = [[_cell_kind(row[c]) for row in grid if c < len(row) and row[c].strip()] for c in range(n)]
    tail = list(range(len(header) - n, len(header)))
    choices = [tail]
    if math.comb(len(header), n) <= _MAX_CHOICES:
        choices += [list(c) for c in itertools.combinations(range(len(header)), n) if list(c) != tail]
    best: tuple[float, list[str]] | None = None
    for cols in choices:
        sub = [header[c] for c in cols]
        groups = parse_header(sub)
        if not _names_values(groups):
            continue
        roles = {c: r for g in groups for c, r in g.roles().items()}
        fit = sum(_role_fit(roles.get(c), kinds[c]) for c in range(n))
        if best is None or fit > best[0]:
            best = (fit, sub)
    return best[1] if best else None


def _names_values(groups: list[Group]) -> bool:
    """Every group names its indicators, and one at least their values (a group whose value column
    the page lacks prints template slots only)."""
    return bool(groups) and all(g.l3 is not None for g in groups) and any(g.val is not None for g in groups)


def _cell_kind(text: str) -> str:
    kind = cell_kind(text)
    return "value" if kind == "content" and value_likeness(text) >= 0.9 else kind


def _role_fit(role: str | None, kinds: list[str]) -> float:
    """How well a column's cells suit the header role it would be read under (+1 a cell that
    does, -1 one that does not, 0 what any column may print)."""
    if role in ("l1", "l2"):
        return sum(1 if k == "label" else -1 for k in kinds if k != "ph")
    if role == "l3":
        return sum(1 if k in ("content", "ph") else -1 for k in kinds)
    if role == "val":
        return sum(1 if k == "value" else -1 if k == "label" else 0 for k in kinds)
    return 0.0


def lost_project_column(header: list[str], used: list[str]) -> bool:
    """Does ``header`` print a project column that the header ``used`` for a page lacks?"""
    return any(_header_role(h) == "project" for h in header) and not any(
        _header_role(h) == "project" for h in used
    )


def leading_project(table: Table, header: list[str] | None) -> str:
    """The project a continuation page prints in its first project cell ('' when that cell is empty
    or the page has no project column)."""
    groups = parse_header(header) if header else []
    col = groups[0].col("project") if groups else None
    grid = table.grid()
    if col is None or not grid or col >= len(grid[0]):
        return ""
    return split_project_code(grid[0][col])[1] if grid[0][col].strip() else ""


_PROJECT_ROLES = ("project", "amount", "amount_part", "code")


def aligned_groups(groups: list[Group], grid: list[list[str]], start: int, end: int) -> list[Group]:
    """The header laid over the body it names. A reader that does not know a header cell spans two
    columns (其中： over 财政资金 | 其他资金, one cell per line) prints the header's later labels one
    column to the left of their body columns; the level-1 labels of the body show by how much, and
    the labels from the first after the project's columns move by that."""
    if len(groups) != 1 or groups[0].l1 is None:
        return groups
    votes: dict[int, int] = {}
    for row in grid[start:end]:
        for c, text in enumerate(row):
            label = canonical_level(text) if text.strip() else None
            if label and not label[1] and label[0] != "成本指标":
                votes[c] = votes.get(c, 0) + 1
    if not votes:
        return groups
    body_l1 = max(votes, key=lambda c: votes[c])
    g = groups[0]
    shift = body_l1 - g.l1
    if shift == 0 or votes[body_l1] < 2:
        return groups
    roles = g.roles()
    pivot = min(c for c, r in roles.items() if r not in _PROJECT_ROLES)
    moved = {(c + shift if c >= pivot else c): r for c, r in roles.items()}
    if min(moved) < 0:
        return groups
    out = Group()
    for c, r in moved.items():
        if r in ("l1", "l2", "l3", "val"):
            setattr(out, r, c)
        else:
            out.extras[c] = r
    if "project" in moved.values():
        first_level = min(c for c, r in moved.items() if r in ("l1", "l2", "l3"))
        for c in range(min(c for c, r in moved.items() if r == "project") + 1, first_level):
            out.extras.setdefault(c, "amount_part")
    return [out]


def operator_columns(groups: list[Group], grid: list[list[str]], start: int, end: int) -> list[Group]:
    """A description column whose body prints operators only (≥, ＝, 定性 …; at least two of them
    signs) is the operator column: a scanned 绩效指标性质 read as 绩效指标描述 no longer strips every
    value of its operator."""
    for g in groups:
        for c, role in list(g.extras.items()):
            if role != "desc":
                continue
            cells = ["".join(row[c].split()) for row in grid[start:end] if c < len(row) and row[c].strip()]
            signs = sum(is_operator(t) for t in cells)
            if signs >= 2 and all(is_operator(t) or t in QUALITATIVE_WORDS for t in cells):
                g.extras[c] = "op"
    return groups


def fill_project_fields(found: list[Indicator]) -> None:
    """A project whose rows run over pages prints its amount and target, its 主管部门 and 实施单位 once:
    every row of it gets them."""
    known: dict[str, tuple[str, str]] = {}
    for ind in found:
        if ind.project and ind.project_amount and ind.project not in known:
            known[ind.project] = (ind.project_amount, ind.project_target)
    for ind in found:
        if ind.project in known and not ind.project_amount:
            ind.project_amount, ind.project_target = known[ind.project]
    named: dict[str, tuple[str, str]] = {}
    for ind in found:
        if ind.project and (ind.project_department or ind.project_unit) and ind.project not in named:
            named[ind.project] = (ind.project_department, ind.project_unit)
    for ind in found:
        if ind.project in named and not (ind.project_department or ind.project_unit):
            ind.project_department, ind.project_unit = named[ind.project]
