"""Typed tables → line items: one record per (body row, amount cell) of a money table.

Column roles come from the header labels (编码 → code, 名称/项目/科目 → name, 序号/栏次 → index,
备注/说明/简介 → text, everything else → amount); a number in a column that holds no amounts is
still recorded, but ``pending`` with a reason. When code columns repeat after the first amount
column (决算 basic-expenditure tables: code | name | 决算数 | code | name | 决算数), each amount takes
its code and name from its own column group."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from decimal import Decimal

from classify.indicators import (
    compact,
)
from classify.model import LineItem
from extract.codes import (
    clean_code,
    code_kind,
    is_code_header,
    is_split_code_header,
    split_label,
    split_leading_code,
    split_parts,
)
from extract.model import ColumnPath, Table
from extract.numbers import (
    agreed_decimals,
    amounts_in_text,
    decimals_of,
    glued_amounts,
    has_amount_shape,
    normalize,
    parse_amount,
    to_yuan,
)
from extract.reasons import Reason, Reasons, joined
from extract.reasons import reason as why
from extract.settings import TABLE_SETTINGS
from extract.taxonomy import PERFORMANCE_TYPES
from extract.vocabulary import INDEX_HEADERS, NAME_HEADERS, is_column_number_row, is_total_row_name

NO_LINE_ITEMS = ("toc", "institutions", *PERFORMANCE_TYPES)
UNPLACED_CONFIDENCE = 0.5  # an amount in a column that holds no amounts
_CJK = r"\u3400-\u9fff\uff08\uff09\u3001\uff1a\uff0c"
_CJK_SPACE = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")


def clean_name(text: str) -> str:
    """An item name as printed: trimmed, layout spaces between Chinese characters removed."""
    return _CJK_SPACE.sub("", text.strip())


# ───────────────────────────── line items ─────────────────────────────

_TEXT_WORDS = (
    "备注",
    "说明",
    "简介",
    "规格",
    "型号",
    "采购目录",
    "服务内容",
    "时间",
    "类别",
    "资金性质",
    "依据",
    "用途",
    "是否",
    "理由",
    "主要内容",
    "任务名称",
    "计量",
    "目录序号",
)


_COUNT_NAMES = ("数量", "人数", "车辆数", "台数", "面积")
_MONEY_WORDS = ("数", "金额", "合计", "小计", "总计", "经费", "拨款", "资金", "费", "结转", "结余", "余额")


def _name_parts(path: ColumnPath) -> list[str]:
    return [p for p in path if p and not p.isdigit() and p not in ("栏次",)]


def column_role(path: ColumnPath) -> str:
    """'code', 'split_code', 'index', 'text', 'count', 'name', 'amount' or 'unnamed' for a column's
    header labels (``Table.column_paths``)."""
    parts = _name_parts(path)
    if not parts:
        return "unnamed"
    leaf = parts[-1]
    if is_split_code_header(path[-1]):
        return "split_code"
    if is_code_header(leaf):
        return "code"
    if leaf in INDEX_HEADERS:
        return "index"
    if any(w in leaf for w in _TEXT_WORDS):
        return "text"
    if leaf in _COUNT_NAMES or (leaf.endswith("数量") and "金额" not in leaf):
        return "count"
    if "名称" in leaf or leaf in NAME_HEADERS:
        return "name"
    if "科目" in leaf and not any(w in leaf for w in ("数", "金额", "合计")):
        return "name"
    if leaf.endswith("项目") and not any(w in leaf for w in _MONEY_WORDS):
        return "name"
    return "amount"


def _is_divider_row(cells: list[str]) -> bool:
    tokens = [compact(c) for c in cells if compact(c)]
    if not tokens:
        return True
    if tokens[0] in ("栏次", "**", "*") or (len(tokens) >= 3 and is_column_number_row(cells)):
        return (
            True  # 栏次 …, 甲 乙 1 2, column numbers 1 2 3 … (two cells, 甲 1, may be a label and an amount)
        )
    return all(set(t) <= {"*", "-", "—"} for t in tokens)


def _detect_header_rows(grid: list[list[str]]) -> int:
    """Rows above the first row that holds a real amount (used when the reader set none)."""
    for r, row in enumerate(grid):
        if _is_divider_row(row):
            continue
        amounts = [c for c in row if parse_amount(c) is not None]
        texts = [c for c in row if c.strip() and parse_amount(c) is None]
        if any(("." in c or "," in c) for c in amounts) or (amounts and texts):
            return r
    return 0


def cell_confidences(table: Table) -> dict[tuple[int, int], float]:
    return {(c.row, c.col): c.confidence for c in table.cells}


def _header_doubts(table: Table, header_rows: int) -> dict[int, Reason]:
    """Column → the reader's doubt of a header cell over it (a column whose group is unsure)."""
    out: dict[int, Reason] = {}
    for c in table.cells:
        if c.row < header_rows and c.doubt is not None:
            for k in range(c.col, c.col + c.colspan):
                out.setdefault(k, c.doubt)
    return out


def _header_confidences(table: Table, header_rows: int) -> dict[int, float]:
    """Column → the lowest confidence of the header cells over it."""
    out: dict[int, float] = {}
    for c in table.cells:
        if c.row < header_rows:
            for k in range(c.col, c.col + c.colspan):
                out[k] = min(out.get(k, 1.0), c.confidence)
    return out


def _row_label(code: str, name: str, r: int) -> str:
    return code or name or f"#{r}"


def line_items(
    table: Table,
    table_type: str,
    row_issues: Mapping[int, Reasons] | None = None,
    cell_issues: Mapping[tuple[int, int], Reason] | None = None,
) -> list[LineItem]:
    """One record per (body row, amount cell) of a money table; [] for toc/performance/institutions.

    ``table_type``: the table's type slug (``classify.table_type.classify_table``). ``row_issues``
    (default: the reader's, ``table.row_issues``) and ``cell_issues``: why rows and cells need review
    (``classify.model.TableVerdict``); their records are pending with that reason."""
    row_issues = table.row_issues if row_issues is None else row_issues
    cell_issues = cell_issues or {}
    if table_type in NO_LINE_ITEMS:
        return []
    grid = table.grid()
    if not grid:
        return []
    header_rows = table.header_rows or _detect_header_rows(grid)
    paths = dataclasses.replace(table, header_rows=header_rows).column_paths() if header_rows else []
    paths += [()] * (len(grid[0]) - len(paths))
    names = ["/".join(p) for p in paths]
    roles = [column_role(p) for p in paths]
    conf = cell_confidences(table)
    doubts = {(c.row, c.col): c.doubt for c in table.cells if c.doubt}  # the reader's doubts of cells
    header_conf = _header_confidences(table, header_rows)  # a doubted header doubts its column's items
    header_doubts = _header_doubts(table, header_rows)  # … and the reader's doubt of it sends them to review
    units = [column_unit(n, table.unit) for n in names]
    decimals = column_decimals(grid, header_rows, [c for c, r in enumerate(roles) if r == "amount"])

    name_cols = [c for c, r in enumerate(roles) if r == "name"]
    amount_cols = [c for c, r in enumerate(roles) if r == "amount"]
    code_cols = [c for c, r in enumerate(roles) if r == "code"]
    identity_cols = {c for c in code_cols if is_identity_header(names[c])}
    split_groups = split_code_groups(paths, roles)
    interleaved = bool(amount_cols) and any(c > min(amount_cols) for c in name_cols)
    grouped = bool(amount_cols) and any(c > min(amount_cols) for c in code_cols)

    parents = parent_paths(table, grid, header_rows, roles, code_cols, split_groups)
    items: list[LineItem] = []
    carried: list[list[str]] = [[] for _ in split_groups]  # each group's parts of the rows above
    for r in range(header_rows, len(grid)):
        row = grid[r]
        if _is_divider_row(row):
            continue
        code, code_col = _row_code(row, code_cols, identity_cols)
        split_codes: list[str] = []  # each 类/款/项 group's code on this row ('' for none)
        split_labels: list[str] = []  # a label printed across a group's cells (合计)
        for g, cols in enumerate(split_groups):
            parts = [row[c] for c in cols]
            used = split_parts(parts, carried[g])
            if used:
                carried[g] = used
            split_codes.append("".join(used))
            split_labels.append("" if used else split_label(parts))
        row_name, name_col = "", None
        if not interleaved:
            row_name, name_col = _first_text(row, name_cols)
        for c, text in enumerate(row):
            role = roles[c]
            if not text.strip() or role == "count":
                continue
            if role in ("code", "split_code", "index") and not has_amount_shape(text):
                # a code or serial number (an amount's shape there is a figure out of place), or a
                # row the reader could not split printed across it
                items.extend(_amounts_inside(table, r, c, text, code, names, paths, units[c]))
                continue
            amount = parse_amount(text)
            glued = glued_amounts(text, decimals.get(c)) if role == "amount" else None
            if glued is not None:  # two amounts read as one cell: the first one's, for review
                amount = parse_amount(glued[0])
            if amount is None:
                items.extend(_amounts_inside(table, r, c, text, code, names, paths, units[c]))
                continue
            if c == name_col:
                continue
            if interleaved or name_col is None:
                name, ncol = _nearest_text_left(row, c, roles)
                if not name.strip() and not code:
                    # a row printing neither code nor name: named by the text left of its amounts
                    # under another heading (深圳 支出总表: the unit's totals under 预算单位)
                    name, ncol = _nearest_text_left(row, c, roles, ("text", "unnamed", "amount"))
            else:
                name, ncol = row_name, name_col
            item_code, item_code_col = code, code_col
            if grouped:  # code | name | 决算数 | code | name | 决算数: each amount's own group
                item_code, item_code_col = _row_code(
                    row, _own_group(code_cols, amount_cols, c), identity_cols
                )
            gov_code, label = "", ""
            if split_groups:
                own = _split_groups_of(split_groups, amount_cols, c)
                codes = [split_codes[g] for g in own if split_codes[g]]
                gov = [x for x in codes if code_kind(x) == "gov_economic"]
                dept = [x for x in codes if code_kind(x) != "gov_economic"]
                gov_code = gov[0] if gov else ""
                if not item_code:
                    item_code = dept[0] if dept else item_code
                label = next((split_labels[g] for g in own if split_labels[g]), "")
            if not name.strip() and label:
                name = label  # 合计 printed across the 类/款/项 cells: the row's name, no code
            if not item_code:
                split = split_leading_code(name)
                if split:
                    item_code, name = split
            if not name.strip() and item_code_col is not None:
                # a label printed across code and name (人员经费合计 in a merged cell) sits in the code column
                name, ncol = _label_in_code_column(row[item_code_col]), item_code_col
            name = clean_name(name)
            cells = [(r, c)] + [(r, x) for x in (ncol, item_code_col) if x is not None]
            confidence = min(min(conf.get(k, 1.0) for k in cells), header_conf.get(c, 1.0))
            status, reason = "auto", []
            if role != "amount":
                status = "pending"
                row_label, value = _row_label(item_code, name, r), text.strip()
                reason = [
                    why("records.value_in_text_column", row=row_label, value=value, column=names[c])
                    if names[c]
                    else why("records.value_in_unnamed_column", row=row_label, value=value, column=c + 1)
                ]
                confidence = min(confidence, UNPLACED_CONFIDENCE)
            if r in row_issues:
                status, reason = "pending", joined(row_issues[r])
            elif (r, c) in cell_issues:  # one doubtful cell of a row whose other cells are certain
                status, reason = "pending", joined(cell_issues[(r, c)])
            elif (r, c) in doubts:  # the reader doubts the amount it read (a scan's hesitant character)
                status, reason = "pending", joined(doubts[(r, c)])
            elif ncol is not None and (r, ncol) in doubts:  # … or the name (a scan's repaired name)
                status, reason = "pending", joined(doubts[(r, ncol)])
            elif c in header_doubts:  # … or the column's place in the header
                status, reason = "pending", joined(header_doubts[c])
            elif table.layout == "collapsed":
                status, reason = "pending", [why("records.collapsed_unplaced")]
            if glued is not None:
                row_label = _row_label(item_code, name, r)
                first, second = glued
                status = "pending"
                reason = joined(
                    reason,
                    why(
                        "records.glued_amounts", row=row_label, value=text.strip(), first=first, second=second
                    ),
                )
            items.append(
                LineItem(
                    table_seq=table.seq,
                    row=r,
                    col=c,
                    code=item_code,
                    name=name,
                    column=names[c],
                    column_path=paths[c],
                    amount_yuan=to_yuan(amount, units[c]),
                    gov_code=gov_code,
                    parent_path=parents.get((r, ncol), ()) if ncol is not None else (),
                    confidence=confidence,
                    status=status,
                    reason=reason,
                )
            )
    return items


def _amounts_inside(
    table: Table,
    r: int,
    c: int,
    text: str,
    code: str,
    names: list[str],
    paths: list[ColumnPath],
    unit: str,
) -> list[LineItem]:
    """A pending record for each amount a text cell prints inside it (a row the reader could not
    split: ``津贴补贴16,623,810 16,623,810 0``), named by the words before the first: no printed
    figure is left out of the records, and none is exported unread."""
    found = amounts_in_text(text, standing=True) if table.header_rows else []
    if not found:  # a block without a header is prose read as a table: its figures are the text's
        return []
    plain = normalize(text)
    name = clean_name(plain[: plain.find(found[0])])
    row_label = _row_label(code, name, r)
    column = names[c] or f"#{c + 1}"
    return [
        LineItem(
            table_seq=table.seq,
            row=r,
            col=c,
            code=code,
            name=name,
            column=names[c],
            column_path=paths[c],
            amount_yuan=to_yuan(parse_amount(value) or Decimal(0), unit),
            confidence=UNPLACED_CONFIDENCE,
            status="pending",
            reason=[why("records.amount_in_text", row=row_label, value=value, column=column)],
        )
        for value in found
    ]


def column_decimals(grid: list[list[str]], header_rows: int, cols: list[int]) -> dict[int, int]:
    """Amount column → the decimals its amounts print, where enough of them agree
    (``TableSettings.amount_decimals_agree``); columns that do not agree are left out."""
    out: dict[int, int] = {}
    for c in cols:
        found = (d for row in grid[header_rows:] if c < len(row) and (d := decimals_of(row[c])) is not None)
        if (d := agreed_decimals(found, TABLE_SETTINGS.amount_decimals_agree)) is not None:
            out[c] = d
    return out


INDENT_STEP = 2.0  # points: a name this much further right than the one above stands under it


def parent_paths(
    table: Table,
    grid: list[list[str]],
    header_rows: int,
    roles: list[str],
    code_cols: list[int],
    split_groups: list[list[int]],
) -> dict[tuple[int, int], tuple[str, ...]]:
    """(row, name column) → the names of the rows above it in the table's hierarchy.

    By code where the row prints one (2082801 stands under 208 and 20828, 30101 under 301); where
    it prints none, by the indent of its name (a name further right than the one above stands under
    it: provinces that print the hierarchy by indentation only). A total row (合计) starts afresh."""
    cells = {(c.row, c.col): c for c in table.cells}
    out: dict[tuple[int, int], tuple[str, ...]] = {}
    for col in [c for c, role in enumerate(roles) if role == "name"]:
        by_code: dict[str, str] = {}
        stack: list[tuple[float, str]] = []
        carried: list[list[str]] = [[] for _ in split_groups]
        for r in range(header_rows, len(grid)):
            name = clean_name(grid[r][col])
            code = _row_code(grid[r], code_cols)[0]
            for g, cols in enumerate(split_groups):
                used = split_parts([grid[r][c] for c in cols], carried[g])
                if used:
                    carried[g] = used
                    code = code or "".join(used)
            if not name:
                continue
            split = split_leading_code(name)
            if split and not code:
                code, name = split
            if is_total_row_name(name):
                by_code, stack = {}, []
                continue
            if code and code_kind(code) in CLASSIFICATION_KINDS:
                out[(r, col)] = tuple(
                    by_code[code[:n]] for n in (3, 5) if n < len(code) and code[:n] in by_code
                )
                by_code[code] = name
                continue
            cell = cells.get((r, col))
            if cell is None or cell.text_x0 is None or cell.bbox is None:
                continue
            indent = cell.text_x0 - cell.bbox[0]
            while stack and stack[-1][0] > indent - INDENT_STEP:
                stack.pop()
            out[(r, col)] = tuple(n for _, n in stack)
            stack.append((indent, name))
    return out


def split_code_groups(paths: list[ColumnPath], roles: list[str]) -> list[list[int]]:
    """The groups of 类/款/项 columns, left to right: adjacent split-code columns whose parts run
    in order (类 | 款 | 项) under one header; a group of its own where a 类 comes again or another
    header begins (部门经济科目 类 | 款 beside 政府经济科目 类 | 款, or the 301… | 302… groups)."""
    groups: list[list[int]] = []
    order = {"类": 0, "款": 1, "项": 2}
    for c, role in enumerate(roles):
        if role != "split_code":
            continue
        if groups and groups[-1][-1] == c - 1:
            prev = groups[-1][-1]
            same_head = (
                _parent(paths[prev]) == _parent(paths[c]) or len(paths[prev]) <= 1 or len(paths[c]) <= 1
            )
            a, b = order.get(_leaf(paths[prev]), -1), order.get(_leaf(paths[c]), -1)
            if paths[prev] == paths[c] or (same_head and (a < b or a == -1 or b == -1)):
                groups[-1].append(c)
                continue
        groups.append([c])
    return groups


def _parent(path: ColumnPath) -> ColumnPath:
    """The labels above a column's own (a top-level column stands for itself)."""
    return path[:-1] if len(path) > 1 else path


def _leaf(path: ColumnPath) -> str:
    return "".join(path[-1].split()) if path else ""


def _split_groups_of(groups: list[list[int]], amount_cols: list[int], col: int) -> list[int]:
    """The split-code groups an amount in ``col`` takes its code from: those left of it and after
    the last amount column left of the nearest one (a table of two column groups: each amount its
    own group's code), else every group left of it (the row's function and economic codes)."""
    left = [g for g, cols in enumerate(groups) if cols[-1] < col]
    if not left:
        return []
    nearest = groups[left[-1]][0]
    lo = max((a for a in amount_cols if a < nearest), default=-1)
    own = [g for g in left if groups[g][0] > lo]
    return own


def _own_group(code_cols: list[int], amount_cols: list[int], col: int) -> list[int]:
    """The code columns of the column group an amount in ``col`` belongs to: those after the last
    amount column that stands before the group's nearest code column (code | name | 决算数 | 决算数 |
    code | name | 决算数)."""
    left = [x for x in code_cols if x < col]
    if not left:
        return []
    lo = max((a for a in amount_cols if a < left[-1]), default=-1)
    return [x for x in left if x > lo]


CLASSIFICATION_KINDS = ("function", "economic", "gov_economic")


def is_identity_header(name: str) -> bool:
    """A code column that identifies a unit or project (单位编码, 预算单位代码, 项目编码) rather than classifies."""
    return any(word in name for word in ("单位", "项目编码", "项目代码"))


def _row_code(
    row: list[str], code_cols: list[int], identity_cols: set[int] = frozenset()
) -> tuple[str, int | None]:
    """The row's classification code (function, economic, government economic) and its column.

    Unit codes (单位编码 326001) and project codes identify, they do not classify: the
    dataset's ``code`` is '' for them (design.md); the row keeps them in its cells."""
    for c in code_cols:
        if c < len(row) and row[c].strip():
            code = clean_code(row[c])
            if c in identity_cols or code_kind(code) not in CLASSIFICATION_KINDS:
                return "", c
            return code, c
    return "", None


def _label_in_code_column(text: str) -> str:
    """The text of a code-column cell when it is a row label rather than a code ('' for codes)."""
    text = text.strip()
    return text if text and not re.search(r"\d", text) else ""


def _first_text(row: list[str], cols: list[int]) -> tuple[str, int | None]:
    for c in cols:
        if c < len(row) and row[c].strip():
            return row[c], c
    return "", None


def _nearest_text_left(
    row: list[str], col: int, roles: list[str], wanted: tuple[str, ...] = ()
) -> tuple[str, int | None]:
    """The nearest item name left of ``col``: in a name column when the table has any (or in a
    column of the ``wanted`` roles)."""
    wanted = wanted or (("name",) if "name" in roles else ("name", "text", "unnamed", "amount"))
    for c in range(col - 1, -1, -1):
        text = row[c]
        if not text.strip() or roles[c] not in wanted or parse_amount(text) is not None:
            continue
        return text, c
    return "", None


_COLUMN_UNIT = re.compile(r"(?:单位\s*[:：]?\s*|[(（]\s*)(万元|千元|亿元|元)\s*[)）]?")


def column_unit(name: str, table_unit: str) -> str:
    """The unit of a column: one its header names ('价值（金额单位：万元）'), else the table's, else 元."""
    m = _COLUMN_UNIT.search(normalize(name))
    return m.group(1) if m else (table_unit or "元")
