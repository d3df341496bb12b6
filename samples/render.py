"""Renderers: a SynthDoc (or a list of gold tables) as the input shapes readers must handle.

* ``render_tsv``   tab-separated text like seed 000 (表N, title, 单位：元, TSV rows; merged cells as empty tabs)
* ``render_cells`` one cell per line like seeds 001/003 ([bookmark: …]title, tab-indented meta lines,
  each cell a line starting with a tab, a blank line between rows, a 栏次 row where the table has one)
* ``render_pdf``   a born-digital PDF with reportlab and a Debian CJK font, 'ruled' (grid lines) or
  'borderless'; tables flow one after another, several per page, split over pages when long
* ``pdf_text``     the PDF's text through ``pdftotext -layout`` (space-aligned) or ``-raw`` (collapsed, like seed 004)
* ``write_renderings`` all of them for one document into a folder, with the gold JSON beside them

Every function is deterministic for a given document.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from samples.synth import GoldTable, SynthDoc

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)
MAX_PDF_ROWSPAN = 8
RENDERINGS = ("tsv", "cells", "ruled_pdf", "borderless_pdf", "layout_txt", "raw_txt")


@dataclass
class DocMeta:
    """What the renderers print around the tables (cover, department, year, unit)."""

    department: str = ""
    dept_code: str = ""
    year: int | None = None
    kind: str = "budget"
    cover: list[str] = field(default_factory=list)
    preface: list[str] = field(default_factory=list)  # prose: before the tables in PDFs, after them in cells

    @classmethod
    def of(cls, doc: SynthDoc) -> DocMeta:
        return cls(doc.department, doc.dept_code, doc.year, doc.kind, list(doc.cover), list(doc.preface))


def _tables_and_meta(
    src: SynthDoc | Sequence[GoldTable], meta: DocMeta | None
) -> tuple[list[GoldTable], DocMeta]:
    if isinstance(src, Sequence):
        return list(src), meta or DocMeta()
    return list(src.tables), meta or DocMeta.of(src)


# --------------------------------------------------------------------------- (a) tab-separated


def render_tsv(src: SynthDoc | Sequence[GoldTable], meta: DocMeta | None = None, prose: bool = False) -> str:
    """Seed-000 shape: blocks separated by blank lines; each table's grid as TSV rows. ``prose``:
    the preface (编制说明) printed after the cover, as the PDFs print it."""
    tables, meta = _tables_and_meta(src, meta)
    out: list[str] = ["", ""]
    for line in meta.cover:
        out += [line, ""]
    if prose:
        for line in meta.preface:
            out += [line, ""]
    for t in tables:
        if t.label:
            out += [t.label, ""]
        out += [t.title, ""]
        if t.subtitle:
            out += [t.subtitle, ""]
        if t.unit:
            out += [f"单位：{t.unit}", ""]
        out += ["\t".join(row) for row in t.grid()]
        out.append("")
        for note in t.notes:
            out += [note, ""]
    return "\n".join(out) + "\n"


def parse_tsv_tables(text: str) -> list[list[list[str]]]:
    """A trivial reader for ``render_tsv`` output: each run of tab-bearing lines is one table grid."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in text.split("\n"):
        if "\t" in line:
            current.append(line.split("\t"))
        elif current:
            tables.append(current)
            current = []
    if current:
        tables.append(current)
    return tables


# --------------------------------------------------------------------------- (b) one cell per line


def printed_cells(t: GoldTable) -> list[list[str]]:
    """The grid as a word processor exports it: a cell merged horizontally is printed once
    (the cells it covers to its right are dropped); cells under a vertical merge print empty."""
    rows = []
    for r, row in enumerate(t.grid()):
        cells = []
        for c, text in enumerate(row):
            sp = t.span_at(r, c)
            if sp is not None and c > sp[1]:
                continue
            cells.append(text)
        rows.append(cells)
    return rows


def render_cells(
    src: SynthDoc | Sequence[GoldTable], meta: DocMeta | None = None, prose: bool = False
) -> str:
    """Seed-001/003 shape. Financial tables carry a bookmark line and three meta lines;
    performance tables are introduced by a numbered title line, as those seeds print them.
    The preface is printed after the tables; with ``prose``, before them (a 编制说明 leading the
    document, its paragraphs apart from any table's notes)."""
    tables, meta = _tables_and_meta(src, meta)
    out: list[str] = [*meta.preface, ""] if prose else []
    n_perf = 0
    for i, t in enumerate(tables):
        if t.table_type == "project_performance":
            n_perf += 1
            out.append(f"{n_perf}、{t.title}")
            if t.subtitle:
                out.append(t.subtitle)
        else:
            lead = " " if i == 0 else ""
            out.append(f"{lead}[bookmark: _Toc_2_2_{i + 1:010d}]{t.title}")
            meta_lines = [f"\t{meta.dept_code}{meta.department}"]
            if meta.year:
                meta_lines.append(f"\t{'决算' if meta.kind == 'final' else '预算'}年度：{meta.year}")
            if t.unit:
                meta_lines.append(f"\t单位：{t.unit}")
            out += meta_lines
            out.append("")
        for row in printed_cells(t):
            out += [f"\t{cell}" for cell in row]
            out.append("")
        out.append("")
        out += t.notes
        if t.table_type != "project_performance":
            out += ["", "page number", "page number"]
    if not prose:
        out += meta.preface
    return "\n".join(out) + "\n"


def parse_cell_tables(text: str) -> list[dict]:
    """A trivial reader for ``render_cells`` output: for each table its title, its meta lines
    and its rows (runs of tab lines between blank lines). A table starts at a bookmark line or
    at a numbered title line ending in 表 ('1、…绩效目标表'); other untabbed lines are notes."""
    tables: list[dict] = []
    groups: list[list[str]] = []
    run: list[str] = []
    title: str | None = None

    def close() -> None:
        if run:
            groups.append(list(run))
            run.clear()
        if title is None:
            return
        has_meta = bool(groups) and any(c.startswith("单位：") or "年度：" in c for c in groups[0])
        tables.append(
            {
                "title": title,
                "meta": groups[0] if has_meta else [],
                "rows": groups[1:] if has_meta else list(groups),
            }
        )

    for line in text.split("\n"):
        if line.startswith("\t"):
            run.append(line[1:])
            continue
        if run:
            groups.append(list(run))
            run.clear()
        stripped = line.strip()
        numbered = re.match(r"^\d+、(.+表)$", stripped)
        if stripped.startswith("[bookmark:") or numbered:
            close()
            groups = []
            title = stripped.split("]", 1)[1] if stripped.startswith("[bookmark:") else numbered.group(1)
    close()
    return tables


# --------------------------------------------------------------------------- (c) PDF


def find_cjk_font() -> str:
    """A CJK TrueType collection: the Debian paths first, then whatever fc-list reports."""
    for path in FONT_CANDIDATES:
        if Path(path).exists():
            return path
    if shutil.which("fc-list"):
        res = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=False)
        for line in res.stdout.splitlines():
            path = line.split(":")[0].strip()
            if path.endswith((".ttc", ".ttf")):
                return path
    raise RuntimeError("no CJK font found (install fonts-wqy-microhei or fonts-noto-cjk)")


def _register_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = "SynthCJK"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, find_cjk_font(), subfontIndex=0))
    return name


def _is_numberish(text: str) -> bool:
    s = text.replace(",", "").replace(".", "", 1).lstrip("-")
    return bool(s) and s.isdigit()


def render_pdf(
    src: SynthDoc | Sequence[GoldTable], path: str | Path, style: str = "ruled", meta: DocMeta | None = None
) -> dict:
    """Write the tables to a PDF (A4 landscape). Returns {'pages': n, 'table_pages': {seq: [first, last]}}.

    'ruled' draws every cell border; 'borderless' draws none. Amount cells never wrap; long text
    cells wrap inside their column; header rows repeat on continuation pages.
    """
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import (
        Flowable,
        KeepTogether,
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    if style not in ("ruled", "borderless"):
        raise ValueError(f"unknown PDF style {style!r}")
    tables, meta = _tables_and_meta(src, meta)
    font = _register_font()
    page_w, page_h = landscape(A4)
    margin = 36
    avail = page_w - 2 * margin
    pages: dict[int, list[int]] = {}

    class Mark(Flowable):
        def __init__(self, seq: int) -> None:
            super().__init__()
            self.seq = seq
            self.width = self.height = 0

        def draw(self) -> None:
            n = self.canv.getPageNumber()
            pages.setdefault(self.seq, [n, n])[1] = n

    title_style = ParagraphStyle("t", fontName=font, fontSize=14, leading=18, alignment=TA_CENTER)
    small = ParagraphStyle("s", fontName=font, fontSize=9, leading=12)
    cover_style = ParagraphStyle("c", fontName=font, fontSize=20, leading=30, alignment=TA_CENTER)
    story: list = []
    if meta.cover:
        story.append(Spacer(1, 120))
        story += [Paragraph(line, cover_style) for line in meta.cover]
        story.append(PageBreak())
    if meta.preface:
        story += [
            Paragraph(_escape(line), ParagraphStyle("p", parent=small, fontSize=11, leading=18))
            for line in meta.preface
        ]
        story.append(PageBreak())
    for t in tables:
        grid = t.grid()
        n_cols = t.n_cols
        if n_cols == 0:
            continue
        size = 9 if n_cols <= 6 else (7.5 if n_cols <= 9 else 6.5)
        cell_style = ParagraphStyle("cell", fontName=font, fontSize=size, leading=size * 1.25, wordWrap="CJK")
        head_style = ParagraphStyle("head", parent=cell_style, alignment=TA_CENTER)
        n_head = t.body_offset
        pad = 3
        # natural widths: amounts and short text at full width, long text capped
        natural = [size * 2.5] * n_cols
        fixed = [False] * n_cols
        for r, row in enumerate(grid):
            for c, text in enumerate(row):
                sp = t.span_at(r, c)
                if sp is not None and sp[3] > 1:
                    continue
                w = stringWidth(text, font, size) + 2 * pad + 2
                if r >= n_head and _is_numberish(text):
                    fixed[c] = True
                    natural[c] = max(natural[c], w)
                elif r >= n_head:
                    natural[c] = max(natural[c], min(w, size * 24))
                else:
                    natural[c] = max(natural[c], min(w, size * 8))
        total_w = sum(natural)
        if total_w > avail:
            spare = avail - sum(w for w, f in zip(natural, fixed, strict=True) if f)
            flex = sum(w for w, f in zip(natural, fixed, strict=True) if not f)
            scale = max(spare, avail * 0.2) / flex if flex else 1.0
            widths = [w if f else w * scale for w, f in zip(natural, fixed, strict=True)]
        else:
            widths = natural
        data = []
        for r, row in enumerate(grid):
            cells = []
            for c, text in enumerate(row):
                sp = t.span_at(r, c)
                width = sum(widths[c : c + sp[3]]) if sp is not None and sp[1] == c else widths[c]
                if r >= n_head and _is_numberish(text):
                    cells.append(text)
                elif stringWidth(text, font, size) + 2 * pad + 1 > width or r < n_head:
                    cells.append(Paragraph(_escape(text), head_style if r < n_head else cell_style))
                else:
                    cells.append(text)
            data.append(cells)
        commands = [
            ("FONTNAME", (0, 0), (-1, -1), font),
            ("FONTSIZE", (0, 0), (-1, -1), size),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (0, 0), (-1, n_head - 1), "CENTER"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
        for c in range(n_cols):
            if fixed[c]:
                commands.append(("ALIGN", (c, n_head), (c, -1), "RIGHT"))
        for r, c, rs, cs in t.spans:
            # a very tall merge cannot be split over pages; it is drawn as separate cells
            if rs <= MAX_PDF_ROWSPAN:
                commands.append(("SPAN", (c, r), (c + cs - 1, r + rs - 1)))
        if style == "ruled":
            commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
        table = Table(
            data,
            colWidths=widths,
            repeatRows=n_head if 0 < n_head < len(data) else 0,
            style=TableStyle(commands),
        )
        head: list = [Mark(t.seq)]
        if t.label:
            head.append(Paragraph(_escape(t.label), small))
        head.append(Paragraph(_escape(t.title), title_style))
        if t.subtitle:
            head.append(
                Paragraph(_escape(t.subtitle), ParagraphStyle("sub", parent=small, alignment=TA_CENTER))
            )
        if t.unit:
            head.append(Paragraph(f"单位：{t.unit}", ParagraphStyle("u", parent=small, alignment=2)))
        head.append(Spacer(1, 4))
        story.append(KeepTogether(head))
        story.append(table)
        for note in t.notes:
            story.append(Paragraph(_escape(note), small))
        story.append(Mark(t.seq))
        story.append(Spacer(1, 18))
    doc = SimpleDocTemplate(
        str(path),
        pagesize=(page_w, page_h),
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=meta.department or "synthetic disclosure",
        author="digitize synth",
        creator="digitize synth",
        invariant=1,
    )
    doc.build(story)
    return {"pages": doc.page, "table_pages": {str(k): v for k, v in sorted(pages.items())}}


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --------------------------------------------------------------------------- (d) pdftotext


def pdf_text(pdf: str | Path, mode: str = "layout") -> str:
    """``pdftotext -layout`` (space-aligned columns) or ``-raw`` (content order, columns collapsed)."""
    if mode not in ("layout", "raw"):
        raise ValueError(f"unknown pdftotext mode {mode!r}")
    if not shutil.which("pdftotext"):
        raise RuntimeError("pdftotext not found (install poppler-utils)")
    res = subprocess.run(
        ["pdftotext", f"-{mode}", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    )
    return res.stdout.decode("utf-8")


# --------------------------------------------------------------------------- all renderings of a document


def gold_dict(doc: SynthDoc, renderings: dict | None = None) -> dict:
    """The gold JSON: the document's metadata, tables, line items and indicators, plus the
    renderings written beside it (file, shape, and for PDFs the pages each table is on)."""
    d = doc.to_dict()
    d["doc_id"] = doc.doc_id
    d["renderings"] = renderings or {}
    return d


def write_renderings(
    doc: SynthDoc, out_dir: str | Path, which: Sequence[str] = RENDERINGS, prose: bool = False
) -> dict:
    """Write the chosen renderings of ``doc`` into ``out_dir/<doc_id>/`` and ``gold.json`` beside them.
    Returns the renderings map stored in the gold file. ``prose``: the tab-separated text prints
    the preface too (the other renderings always do)."""
    folder = Path(out_dir) / doc.doc_id
    folder.mkdir(parents=True, exist_ok=True)
    info: dict[str, dict] = {}
    if "tsv" in which:
        (folder / "tables.tsv.txt").write_text(render_tsv(doc, prose=prose), encoding="utf-8")
        info["tsv"] = {"file": "tables.tsv.txt", "format": "txt", "shape": "tsv"}
    if "cells" in which:
        (folder / "cells.txt").write_text(render_cells(doc, prose=prose), encoding="utf-8")
        info["cells"] = {"file": "cells.txt", "format": "txt", "shape": "cell-per-line"}
    for style in ("ruled", "borderless"):
        if f"{style}_pdf" in which or (style == "ruled" and ({"layout_txt", "raw_txt"} & set(which))):
            pdf = folder / f"{style}.pdf"
            res = render_pdf(doc, pdf, style)
            info[f"{style}_pdf"] = {"file": pdf.name, "format": "pdf", "style": style, **res}
    for mode, shape in (("layout", "aligned"), ("raw", "collapsed")):  # pdftotext's two text shapes
        if f"{mode}_txt" in which:
            name = f"ruled.{mode}.txt"
            (folder / name).write_text(pdf_text(folder / "ruled.pdf", mode), encoding="utf-8")
            info[f"{mode}_txt"] = {"file": name, "format": "txt", "shape": shape, "from": "ruled.pdf"}
    (folder / "gold.json").write_text(
        json.dumps(gold_dict(doc, info), ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    return info


def load_gold(folder: str | Path) -> tuple[SynthDoc, dict]:
    """The SynthDoc and renderings map stored in ``folder/gold.json``."""
    d = json.loads((Path(folder) / "gold.json").read_text(encoding="utf-8"))
    renderings = d.pop("renderings", {})
    d.pop("doc_id", None)
    return SynthDoc.from_dict(d), renderings
