"""The gold model: tables, sums, line items and indicators a perfect reader would give."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from extract.taxonomy import TABLE_TYPES


@dataclass
class AmountColumn:
    """A numeric column of a table and where its rows' names and codes are printed."""

    col: int
    name_col: int
    code_cols: list[int] = field(default_factory=list)


@dataclass
class SumRelation:
    """A printed sum. axis 'col': in column ``line``, body row ``total`` = Σ body rows ``parts``;
    axis 'row': in body row ``line``, column ``total`` = Σ columns ``parts``. Blank cells are 0."""

    axis: str
    line: int
    total: int
    parts: list[int]


@dataclass
class GoldTable:
    seq: int  # 1-based order in the document
    label: str  # printed heading, e.g. '表5'; '' when none
    title: str
    table_type: str
    unit: str  # '元', '万元' or '' (performance tables, 目录)
    header: list[list[str]]  # full-width rows; cells covered by a merge are ''
    body: list[list[str]]
    spans: list[list[int]] = field(default_factory=list)  # [row, col, rowspan, colspan] over grid()
    index_row: list[str] = field(default_factory=list)  # the 栏次 row printed under the header, if any
    subtitle: str = ""  # e.g. '（2026年度）'
    empty: bool = False  # published as an empty table (空表)
    project: str = ""  # performance tables: the project they describe
    project_amount: str = ""  # … its amount as printed (资金金额 / 项目总额), '' when not printed
    project_target: str = ""  # … its annual target as printed (年度目标 / 绩效目标), '' when not printed
    project_department: str = ""  # … its 主管部门 / 主管单位 as printed, '' when not printed
    project_unit: str = ""  # … its 实施单位 as printed, '' when not printed
    notes: list[str] = field(default_factory=list)
    amount_cols: list[AmountColumn] = field(default_factory=list)
    relations: list[SumRelation] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)  # column names as readers should give them

    def __post_init__(self) -> None:
        if self.table_type not in TABLE_TYPES:
            raise ValueError(f"{self.table_type!r} is not a table type of extract.taxonomy")

    @property
    def n_cols(self) -> int:
        rows = self.header + self.body + ([self.index_row] if self.index_row else [])
        return max((len(r) for r in rows), default=0)

    @property
    def body_offset(self) -> int:
        """Grid row of body row 0 (header rows plus the 栏次 row)."""
        return len(self.header) + (1 if self.index_row else 0)

    def grid(self) -> list[list[str]]:
        return [*self.header, *([self.index_row] if self.index_row else []), *self.body]

    def span_at(self, row: int, col: int) -> list[int] | None:
        """The merge covering grid cell (row, col), if any."""
        for sp in self.spans:
            r, c, rs, cs = sp
            if r <= row < r + rs and c <= col < c + cs:
                return sp
        return None


@dataclass
class GoldLineItem:
    table_seq: int
    label: str
    row: int  # grid row (header rows and the 栏次 row included)
    body_row: int
    col: int
    code: str  # classification code of the row ('' when the row has none)
    name: str
    column: str
    amount_yuan: str  # Decimal as a string, exact to the fen
    gov_code: str = ""  # economic tables: the 政府预算支出经济分类 code printed on the row


@dataclass
class GoldIndicator:
    table_seq: int
    row: int  # grid row
    body_row: int
    project: str
    level1: str
    level2: str  # always with the 指标 suffix
    level3: str  # the indicator without numbering prefixes ('1、', '指标1：')
    value: str
    level3_printed: str = ""
    project_amount: str = ""  # the project's amount as printed ('' when the table prints none)
    project_target: str = ""  # the project's annual target as printed ('' when none)
    project_department: str = ""  # the project's 主管部门 as printed ('' when none)
    project_unit: str = ""  # the project's 实施单位 as printed ('' when none)


@dataclass
class SynthDoc:
    seed: int
    county: str
    department: str  # full name, e.g. '清河县民政局'
    department_short: str  # e.g. '民政局'
    dept_code: str
    year: int
    kind: str  # 'budget' | 'final'
    unit: str  # '元' | '万元'
    family: str  # table-set style: 'A' 陕西-like, 'B' 河北-like, 'C' generic, 'D' 决算
    cover: list[str]
    units: list[list[str]]  # [unit code, unit name]
    tables: list[GoldTable]
    line_items: list[GoldLineItem]
    indicators: list[GoldIndicator]
    preface: list[str] = field(default_factory=list)  # explanatory prose printed around the tables

    @property
    def doc_id(self) -> str:
        return f"synth_{self.seed:04d}"

    def to_dict(self) -> dict:
        return asdict(self)

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, d: dict) -> SynthDoc:
        tables = [
            GoldTable(
                **{
                    **t,
                    "amount_cols": [AmountColumn(**a) for a in t["amount_cols"]],
                    "relations": [SumRelation(**r) for r in t["relations"]],
                }
            )
            for t in d["tables"]
        ]
        return cls(
            **{
                **d,
                "tables": tables,
                "line_items": [GoldLineItem(**x) for x in d["line_items"]],
                "indicators": [GoldIndicator(**x) for x in d["indicators"]],
            }
        )

    @classmethod
    def from_json(cls, text: str) -> SynthDoc:
        return cls.from_dict(json.loads(text))
