"""The document model: Document ▸ Page ▸ Table ▸ Cell, with provenance.

Every reader (text, PDF, scan) produces these objects and nothing else; every
later stage (classify/, review/) reads only these. Coordinates:

* ``Cell.row`` / ``Cell.col`` are 0-based grid positions inside the table,
  header rows included (``Table.header_rows`` says how many rows are header).
* ``Cell.line_span`` is the 1-based, inclusive range of source lines a cell
  came from (text inputs); ``Cell.bbox`` is ``(x0, y0, x1, y1)`` in page
  coordinates (PDF points or image pixels) for PDF and scan inputs.
* ``Cell.confidence`` is 1.0 for text read from a text layer, the OCR word
  confidence (0..1) for scans.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from extract.reasons import Reason, reason
from extract.vocabulary import is_column_number_row, is_indicator_header_row

BBox = tuple[float, float, float, float]

# The reason a reader gives rows of a table whose multi-row header was rebuilt with a nearly tied
# split of its columns among the group labels (收入 | 支出 centred over their columns): classify may
# lift it when the table's own evidence (item names, checks) confirms the split.
SPLIT_GUESS = reason("aligned.split_guess")


class Spanning(Protocol):
    """Anything placed in a grid: a table's ``Cell``, a layout ``GridCell``."""

    row: int
    col: int
    rowspan: int
    colspan: int


LineSpan = tuple[int, int]
# a column's header labels top-down (('基本支出', '人员经费')); the dataset writes it joined with '/'
ColumnPath = tuple[str, ...]


@dataclass
class Cell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    bbox: BBox | None = None
    line_span: LineSpan | None = None
    confidence: float = 1.0
    page: int | None = None  # the page the cell is on when it differs from its table's (a table continued)
    text_x0: float | None = (
        None  # PDF/scan: the left edge of the cell's text (its indent is text_x0 - bbox[0])
    )
    doubt: Reason | None = None  # why the reader doubts the cell's text (its records go to review)


@dataclass
class Table:
    """One table as printed: title, unit, and a grid of cells.

    ``layout`` is ``"grid"`` when the reader knows each cell's column, and
    ``"collapsed"`` when the source lost column positions (PDF text with
    columns squeezed into single-space runs): body cells then hold values
    packed left after the label columns, and ``classify.columns`` must place
    them before records are made.
    """

    seq: int
    title: str
    cells: list[Cell] = field(default_factory=list)
    header_rows: int = 0
    label: str = ""  # the printed heading, e.g. "表5"; '' when none
    unit: str = ""  # '元', '万元', or '' when the table says none
    page: int = 1
    line_span: LineSpan | None = None
    bbox: BBox | None = None
    empty: bool = False  # published as an empty table (空表)
    layout: str = "grid"
    project: str = ""  # performance tables: 项目名称 of the project they describe
    # notes printed with the table (注：…), and the reader's own notes on its reading (reasons)
    notes: list[str | Reason] = field(default_factory=list)
    warnings: list[Reason] = field(default_factory=list)  # what the reader was unsure of (rebuilt headers, …)
    confidence: float = 1.0  # reading confidence (the lowest OCR confidence of a scanned table's cells)
    row_issues: dict[int, Reason] = field(default_factory=dict)  # row → why the reader is unsure of it
    # what the reader saw the table hold when it is no money table: 'prose', 'bodies' ('' otherwise;
    # extract.content)
    content: str = ""

    @property
    def n_rows(self) -> int:
        return rows_spanned(self.cells)

    @property
    def n_cols(self) -> int:
        return cols_spanned(self.cells)

    def cell(self, row: int, col: int) -> Cell | None:
        for c in self.cells:
            if c.row == row and c.col == col:
                return c
        return None

    def grid(self) -> list[list[str]]:
        """The table as a list of rows of strings ('' where no cell)."""
        n_rows, n_cols = self.n_rows, self.n_cols
        rows = [[""] * n_cols for _ in range(n_rows)]
        for c in self.cells:
            rows[c.row][c.col] = c.text
        return rows

    def header_grid(self) -> list[list[str]]:
        return self.grid()[: self.header_rows]

    def body_grid(self) -> list[list[str]]:
        return self.grid()[self.header_rows :]

    def columns(self) -> list[str]:
        """Column names: each column's header labels (``column_paths``) joined top-down with '/'."""
        return ["/".join(path) for path in self.column_paths()]

    def column_paths(self) -> list[ColumnPath]:
        """Each column's header labels top-down, whitespace removed.

        A header cell spanning several columns names each of them; repeated
        names from vertical merges are not repeated. A column-number row
        (``栏次 1 2 3 …``, ``甲 乙 1 2``) is part of the header but names nothing.
        In a performance table (a header row holds 一级指标/二级指标/三级指标) the
        names come from that row on: the 项目名称 / 资金 rows above it are header
        rows of the grid, not column names.
        """
        header: dict[int, list[str]] = {}
        for c in self.cells:
            if c.row < self.header_rows:
                header.setdefault(c.row, []).append("".join(c.text.split()))
        skip = {r for r, texts in header.items() if is_column_number_row(texts)}
        first_row = next((r for r, texts in sorted(header.items()) if is_indicator_header_row(texts)), None)
        names: list[list[str]] = [[] for _ in range(self.n_cols)]
        for c in sorted(self.cells, key=lambda c: (c.row, c.col)):
            if c.row >= self.header_rows or c.row < (first_row or 0) or c.row in skip:
                continue
            text = "".join(c.text.split())
            if not text:
                continue
            for col in range(c.col, min(c.col + c.colspan, self.n_cols)):
                if not names[col] or names[col][-1] != text:
                    names[col].append(text)
        return [tuple(parts) for parts in names]


def path_of(column: str) -> ColumnPath:
    """A '/'-joined column name as it is stored or exported, back as its header labels ('' → ())."""
    return tuple(column.split("/")) if column else ()


def rows_spanned(cells: Iterable[Spanning]) -> int:
    """Rows a grid of cells covers (merged cells included)."""
    return max((c.row + c.rowspan for c in cells), default=0)


def cols_spanned(cells: Iterable[Spanning]) -> int:
    """Columns a grid of cells covers (merged cells included)."""
    return max((c.col + c.colspan for c in cells), default=0)


@dataclass
class Page:
    number: int  # 1-based
    width: float = 0.0
    height: float = 0.0
    image_path: str = ""  # rendered page image, when there is one
    has_text_layer: bool = True


@dataclass
class Paragraph:
    """A line of the text around the tables (cover, 编制说明, 情况说明), with its provenance:
    the page, the 1-based source lines (text inputs) or the box in page units (PDFs)."""

    text: str
    page: int = 1
    line_span: LineSpan | None = None
    bbox: BBox | None = None


@dataclass
class Document:
    source_file: str
    sha256: str
    format: str  # 'txt', 'pdf', 'scan-pdf', 'image', 'image-folder', 'xlsx', 'docx', ...
    department: str = ""  # the body's name alone (no section prefix, no （本级）/（汇总）)
    year: int | None = None
    pages: list[Page] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    encoding: str = ""
    shape: str = ""  # text inputs: 'tsv', 'cell-per-line', 'aligned', 'collapsed'
    lines: list[str] = field(default_factory=list)  # text inputs: the decoded source lines
    warnings: list[Reason] = field(default_factory=list)  # what the reader was unsure of
    # ---- document metadata (readers' metadata step, extract.text.describe_metadata)
    kind: str = ""  # 'budget' / 'final_account' / '' when the document does not say
    level: str = ""  # '部门' / '单位' / ''
    region: str = ""  # as printed: 上海市普陀区, 陕西省略阳县 …
    paragraphs: list[Paragraph] = field(default_factory=list)  # the text around the tables, in order

    @property
    def id(self) -> str:
        return self.sha256[:16]


class ReadError(Exception):
    """A file that cannot be read; the message names the file and the problem."""

    def __init__(self, path: str, problem: Reason) -> None:
        super().__init__(f"{path}: {problem.render('en')}")
        self.path = path
        self.problem = problem

    @property
    def reason(self) -> Reason:
        """The error as recorded against the file: its name and the problem, as a reason."""
        return reason("read.failed", file=self.path, problem=self.problem)
