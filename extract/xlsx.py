"""Workbooks (.xlsx, .xlsm) → ``Document``: one table per sheet, or per titled block of a sheet.

``read_xlsx(path)`` reads the workbook with openpyxl, twice: once for the formulas and once for
the values Excel cached when it last saved the file. A formula cell is read as its cached value; a
workbook whose formula cells hold no cached value (written by a program that does not calculate,
such as openpyxl itself) raises ``ReadError`` naming the file and the problem, since its amounts
cannot be known without recalculating.

Each visible sheet is a page (``Page.number`` = the sheet's position in the workbook, from 1). A
sheet's rows are read as printed (``extract.sheets``); a row holding two or more filled cells is a
grid row, and a run of grid rows — with the single-cell rows inside it, a 合计 row merged over the
code columns, the header rows a vertical merge covers — is a table. The lines above a table up to
the previous one give its title (a line ending in 表 …, the label 表N / 预算01表 split off), its unit
(``单位：元``) and the body it was made for (``编制部门：…``); 注：lines below it its notes.

Merged cells become one spanning ``Cell`` (``rowspan``/``colspan``) holding the merge's value.
Header rows: the rows a merge starting in the table's first row reaches, and the row under a merged
group label (a group names the columns below it), followed by a 栏次 row if one is printed; a table
without merged headers counts them as the text readers do (``extract.headers``). Placeholder rows
(``…``) are kept as printed; blank rows are not rows of the table.

A sheet without a table (a cover, a 目录 of one column, the 编制说明 / 名词解释 prose) is document text:
its lines go to ``Document.lines``, where a narrative check can read them; so do the title lines of
table sheets, which is where the metadata step finds the department and year.
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from extract.headers import count_header_rows
from extract.model import Document, Page, ReadError, Table
from extract.reasons import Reason, reason
from extract.sheets import SheetGrid, place_table, split_blocks

__all__ = ["read_xlsx", "is_workbook_zip"]

_WORKBOOK_PARTS = ("xl/workbook.xml", "xl/workbook.bin")


def is_workbook_zip(names: set[str]) -> bool:
    """An Office Open XML workbook: a zip holding [Content_Types].xml and the workbook part."""
    return "[Content_Types].xml" in names and any(p in names for p in _WORKBOOK_PARTS)


def _open(path: str) -> tuple[object, object]:
    import openpyxl

    try:
        formulas = openpyxl.load_workbook(path, data_only=False)
        values = openpyxl.load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise ReadError(path, reason("read.bad_xlsx", error=f"{type(exc).__name__}: {exc}")) from None
    return formulas, values


def _text(value: object) -> str:
    """A cell's value as printed: integers without '.0', floats to 15 significant digits."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(value, ".15g")
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _check_cached(path: str, formulas: object, values: object) -> list[Reason]:
    """Formula cells without a cached value: ReadError when none has one, else warnings."""
    total = 0
    missing: list[str] = []
    for ws_f in formulas.worksheets:  # type: ignore[attr-defined]
        ws_v = values[ws_f.title]  # type: ignore[index]
        for row in ws_f.iter_rows():
            for c in row:
                if c.data_type == "f":
                    total += 1
                    if ws_v[c.coordinate].value is None:
                        missing.append(f"{ws_f.title}!{c.coordinate}")
    if total and len(missing) == total:
        raise ReadError(path, reason("read.xlsx_uncached", total=total))
    if missing:
        shown = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
        return [reason("xlsx.formulas_uncached", missing=len(missing), total=total, cells=shown)]
    return []


def sheet_grid(ws: object) -> SheetGrid:
    """A worksheet's cell texts and merged ranges (0-based, inclusive)."""
    rows: dict[int, dict[int, str]] = {}
    for row in ws.iter_rows():  # type: ignore[attr-defined]
        for c in row:
            text = _text(c.value)
            if text:
                rows.setdefault(c.row - 1, {})[c.column - 1] = text
    merges = [
        (m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1)
        for m in ws.merged_cells.ranges  # type: ignore[attr-defined]
    ]
    return SheetGrid(rows, merges)


def sheet_tables(grid: SheetGrid, page: int) -> tuple[list[Table], list[str]]:
    """The tables of one sheet and its text lines (everything outside the tables' grids)."""
    tables: list[Table] = []
    lines: list[str] = []
    for block in split_blocks(grid):
        lines.extend(block.lines)
        if not block.rows:
            continue
        table = place_table(block, grid, page, header_rows)
        tables.append(table)
    return tables, lines


def header_rows(rows: list[int], texts: list[list[str]], merged_header: int) -> int:
    """Header rows of one sheet table: the merged header when there is one, else as text readers count."""
    if merged_header:
        return merged_header
    return count_header_rows(texts)


def read_xlsx(path: str | Path) -> Document:
    """Read a workbook (see the module docstring); ``ReadError`` for anything unreadable."""
    name = str(path)
    try:
        data = Path(name).read_bytes()
    except OSError as exc:
        raise ReadError(name, reason("read.cannot_read", error=exc.strerror or str(exc))) from None
    formulas, values = _open(name)
    warnings = _check_cached(name, formulas, values)
    doc = Document(name, hashlib.sha256(data).hexdigest(), "xlsx", warnings=warnings)
    for index, ws in enumerate(values.worksheets, start=1):  # type: ignore[attr-defined]
        doc.pages.append(Page(index))
        if ws.sheet_state != "visible":
            doc.warnings.append(reason("xlsx.hidden_sheet", sheet=ws.title))
            continue
        tables, lines = sheet_tables(sheet_grid(ws), index)
        doc.lines.extend(lines)
        doc.tables.extend(tables)
    for seq, t in enumerate(doc.tables, start=1):
        t.seq = seq
    if not doc.pages:
        raise ReadError(name, reason("read.xlsx_no_sheets"))
    return doc
