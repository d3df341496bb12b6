"""Office renderings of a synthetic disclosure, from the same gold as ``samples.render``'s:

* ``render_xlsx``: a workbook (openpyxl) with a cover sheet, one sheet per table — title merged over
  the table's width, a 编制部门 | 单位 line, the header with its merged cells (``GoldTable.spans``),
  the 栏次 row, the body (amounts as numbers, codes as text), notes — and a 编制说明 sheet of prose;
* ``render_docx``: a .docx (python-docx) with the cover and prose as paragraphs and each table as a
  ``w:tbl`` under its label/title/unit paragraphs, merged header cells merged in the table.

Both are deterministic in content (the same cells for the same document); the files carry the
office libraries' timestamps, so they are written where a test or a run needs them, not committed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from samples.render import DocMeta, _tables_and_meta
from samples.synth import GoldTable, SynthDoc

__all__ = ["render_xlsx", "render_docx", "sheet_name"]

_SHEET_BAD = str.maketrans({c: "_" for c in "[]:*?/\\"})


def sheet_name(t: GoldTable, used: set[str]) -> str:
    """A sheet's name (≤ 31 characters, no []:*?/\\), unique in the workbook."""
    base = (t.label or t.title or f"表{t.seq}").translate(_SHEET_BAD)[:28] or f"表{t.seq}"
    name, n = base, 1
    while name in used:
        n += 1
        name = f"{base[:26]}_{n}"
    used.add(name)
    return name


def _value(text: str, is_amount: bool) -> object:
    """An amount cell as a number (Excel stores amounts so); everything else as the printed text."""
    if is_amount:
        s = text.replace(",", "")
        try:
            return int(s) if s.lstrip("-").isdigit() else float(s)
        except ValueError:
            return text
    return text


def _amount_columns(t: GoldTable) -> set[int]:
    return {a.col for a in t.amount_cols}


def _merged(t: GoldTable) -> list[list[int]]:
    return [sp for sp in t.spans if sp[2] > 1 or sp[3] > 1]


def render_xlsx(src: SynthDoc | Sequence[GoldTable], path: str | Path, meta: DocMeta | None = None) -> Path:
    """Write the workbook (see the module docstring) to ``path``."""
    import openpyxl

    tables, meta = _tables_and_meta(src, meta)
    wb = openpyxl.Workbook()
    cover = wb.active
    cover.title = "封面"
    for i, line in enumerate(meta.cover or [meta.department], start=1):
        cover.cell(row=i * 2, column=1, value=line)
    used = {"封面"}
    for t in tables:
        ws = wb.create_sheet(sheet_name(t, used))
        width = max(t.n_cols, 2)
        r = 1
        if t.label:
            ws.cell(row=r, column=1, value=t.label)
            r += 1
        ws.cell(row=r, column=1, value=t.title)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        r += 1
        if t.subtitle:
            ws.cell(row=r, column=1, value=t.subtitle)
            r += 1
        ws.cell(row=r, column=1, value=f"编制部门：{meta.department}")
        if t.unit:
            ws.cell(row=r, column=width, value=f"单位：{t.unit}")
        r += 2
        top = r
        amounts = _amount_columns(t)
        for g, row in enumerate(t.grid()):
            in_body = g >= t.body_offset
            for c, text in enumerate(row):
                if text:
                    ws.cell(row=top + g, column=c + 1, value=_value(text, in_body and c in amounts))
        for gr, gc, rs, cs in _merged(t):
            ws.merge_cells(
                start_row=top + gr, start_column=gc + 1, end_row=top + gr + rs - 1, end_column=gc + cs
            )
        r = top + len(t.grid())
        for note in t.notes:
            ws.cell(row=r, column=1, value=note)
            r += 1
    if meta.preface:
        prose = wb.create_sheet("编制说明")
        for i, line in enumerate(meta.preface, start=1):
            prose.cell(row=i, column=1, value=line)
    path = Path(path)
    wb.save(path)
    return path


def render_docx(src: SynthDoc | Sequence[GoldTable], path: str | Path, meta: DocMeta | None = None) -> Path:
    """Write the .docx (see the module docstring) to ``path``."""
    import docx

    tables, meta = _tables_and_meta(src, meta)
    d = docx.Document()
    for line in meta.cover or [meta.department]:
        d.add_paragraph(line)
    for line in meta.preface:
        d.add_paragraph(line)
    for t in tables:
        d.add_paragraph(f"{t.label} {t.title}".strip())
        if t.subtitle:
            d.add_paragraph(t.subtitle)
        if t.unit:
            d.add_paragraph(f"单位：{t.unit}")
        grid = t.grid()
        width = max(t.n_cols, 1)
        table = d.add_table(rows=len(grid), cols=width)
        covered: set[tuple[int, int]] = set()
        for gr, gc, rs, cs in _merged(t):
            table.cell(gr, gc).merge(table.cell(gr + rs - 1, gc + cs - 1))
            covered |= {(gr + i, gc + j) for i in range(rs) for j in range(cs)} - {(gr, gc)}
        for g, row in enumerate(grid):
            for c, text in enumerate(row[:width]):
                if text and (g, c) not in covered:
                    table.cell(g, c).text = text
        for note in t.notes:
            d.add_paragraph(note)
    path = Path(path)
    d.save(path)
    return path
