"""Text exports → ``Document``: encoding, pages, department, year, and the tables.

``read_text(path)`` is the public entry point:

* bytes are decoded by ``extract.encoding`` (UTF-8, UTF-8 with BOM, UTF-16 with BOM,
  GB18030/GBK, charset-normalizer as a last resort); an unreadable, empty or binary
  file raises ``ReadError(path, problem)`` — nothing else escapes;
* ``Document.lines`` are the decoded lines without newline characters (form feeds
  removed); in an export whose figures break a line after every glyph (``pdftotext -raw`` of
  some PDFs) they are the lines ``extract.glyphlines`` rebuilds (warning ``text.glyph_lines``); a form feed starts a new page, so ``Document.pages`` has one ``Page`` per
  ``\\f``-separated part (one page when there is none) and ``Table.page`` says where
  each table's heading stands;
* ``extract.segment`` finds the tables; each body goes to the parser of its shape
  (``extract.tsv``, ``extract.cellperline``, ``extract.aligned``, ``extract.collapsed``);
  aligned bodies get their page breaks, since ``pdftotext -layout`` positions are per page;
* per table: ``seq`` 1..N in document order, ``label`` (表5, '' when none printed),
  ``title`` as printed with whitespace runs collapsed (the 表N label and a ``1、``
  numbering are not part of it), ``unit`` (the 单位 line; else a unit printed in a
  label cell such as ``资金金额（万元）`` or ``价值（金额单位：万元）``; else ''), ``notes``
  (注：…), ``project`` (performance tables: the 项目名称 cell, or the project a title
  such as ``长期护理保险办公经费绩效目标表`` names), ``empty`` (see ``is_empty_table``;
  also when the 目录 says 是 for the label or a note says 空表列示/本表为空表),
  ``line_span`` (heading to last note, 1-based);
* ``Document.department`` from 部门（单位）名称, the unit-owner line of a cell-per-line
  preamble (``450平乡县医疗保障局`` → 平乡县医疗保障局), 主管部门/主管单位, a title or a
  cover line starting with the department; ``Document.year`` from 预算年度/决算年度：,
  （2025年度）, ``2026年部门…``, ``2020年度``.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from extract import aligned, cellperline, collapsed, segment, tsv
from extract.continued import append_part
from extract.encoding import NotText, decode_bytes
from extract.glyphlines import rebuild_glyph_lines
from extract.model import Document, Page, Paragraph, ReadError, Table
from extract.numbers import amounts_in_text, find_unit, normalize
from extract.reasons import reason
from extract.vocabulary import ORG_NAME, ORG_SUFFIXES, compact, indicator_header_index, is_column_number_row

Parser = Callable[[list[str], int], Table]

_ORG = ORG_NAME
ORG_RE = re.compile(rf"^\s*[0-9０-９]*\s*({_ORG})\s*(?:[（(](?:本级|机关|汇总)[)）])?\s*$")
DEPT_NAME_RE = re.compile(r"(?:部门|单位)\s*(?:[（(]\s*(?:单位|部门)\s*[)）])?\s*名称\s*[:：]?\s*([^\s:：]+)")
DEPT_OWNER_RE = re.compile(r"^\s*主管(?:部门|单位)\s*[:：]?\s*([^\t]+?)\s*(?:\t|$)")
TITLE_ORG_RE = re.compile(rf"^({_ORG})(?:\d{{4}}\s*年|部门|单位|本级)")
YEAR_PATTERNS = (
    re.compile(r"[预决]算年度\s*[:：]\s*(\d{4})"),
    re.compile(r"[（(]\s*(\d{4})\s*年度\s*[)）]"),
    re.compile(r"(\d{4})\s*年\s*度?\s*(?:部门|单位|综合|预算|决算)"),
    re.compile(r"(\d{4})\s*年度"),
)
UNIT_IN_LABEL_RE = re.compile(r"[（(]\s*(?:金额)?(?:单位\s*[:：])?\s*(万元|千元|亿元|元)\s*[)）]")
EMPTY_NOTE_RE = re.compile(r"空表列示|(?:本|此|该)表为空|为空表|已(?:公开|列示)空表|本表无数据")
PROJECT_LABEL_RE = re.compile(r"^(?:专项)?[（(]?项目[)）]?名称$")
PROJECT_TITLE_RE = re.compile(r"^(.+?)(绩效(?:目标|自评)(?:申报)?表)$")
GENERIC_PROJECT_RE = re.compile(
    r"部门|单位|整体|本级|^(?:\d{4}年度?)?(?:项目支出|专项资金|专项业务经费|预算项目|重点项目|项目)"
)
_EMPTY_MARKS = {"", "*", "**", "***", "-", "—", "/"}
_PERF_VOCAB = re.compile(
    r"(?:产出|成本|效益|满意度|数量|质量|时效|经济成本|社会成本|生态环境成本|生态成本|经济效益|社会效益|生态效益|"
    r"可持续影响|服务对象满意度)(?:指标)?|(?:一级|二级|三级)指标|指标值确定依据|指标值|指标内容|绩效指标描述|"
    r"分值权重|执行率分值|执行率|分值|\(\d+分\)|专项\(项目\)名称|项目名称|项目编码|主管部门|主管单位|实施单位|实施期限|"
    r"项目属性|项目日期|项目期|资金金额|项目资金|预算金额|实施期资金总额|年度资金总额|中期资金总额|其中|财政拨款|"
    r"其他资金|总体目标|实施期总目标|年度总目标|年度目标|中期目标|年度绩效指标|绩效指标|绩效目标|年度主要任务|任务名称|"
    r"主要内容|总额|金额合计|备注|\((?:万元|元|20XX年度|\d{4}年?[-—]\d{4}年?)\)|(?:指标|目标|任务)\d*|"
    r"[.。…·,，:：;；、()（）\-—/]+"
)


_PARSERS: dict[str, Parser] = {
    "tsv": tsv.parse_block,
    "cell-per-line": cellperline.parse_block,
    "aligned": aligned.parse_block,
    "collapsed": collapsed.parse_block,
}


def split_lines(text: str) -> tuple[list[str], list[int], int]:
    """(lines without newlines or form feeds, page of each line, number of pages)."""
    raw = re.split(r"\r\n|\r|\n", text)
    if raw and raw[-1] == "" and len(raw) > 1:
        raw.pop()
    lines: list[str] = []
    pages: list[int] = []
    page = 1
    for line in raw:
        if "\f" in line:
            head = len(line) - len(line.lstrip("\f"))
            page += head
            pages.append(page)
            page += line.count("\f") - head
            lines.append(line.replace("\f", ""))
        else:
            pages.append(page)
            lines.append(line)
    n_pages = page
    if text.rstrip("\r\n\t ").endswith("\f"):
        n_pages = max(1, page - 1)  # pdftotext ends every page, the last one too, with \f
    return lines, pages, n_pages


def _clean_org(name: str) -> str:
    m = ORG_RE.match(strip_heading_prefix(name))
    return m.group(1) if m else ""


def find_department(lines: list[str], blocks: list[segment.Block]) -> str:
    """The department the document is about ('' when none is printed): the body's name alone,
    without a section heading's prefix (第二部分, （一）关于 …) or a （本级）/（汇总） suffix."""
    for line in lines:
        m = DEPT_NAME_RE.search(line.replace("\t", " "))
        if m and (name := _clean_org(m.group(1))):
            return name
    if name := cover_department(lines):
        return name
    for b in blocks:
        for p in b.preamble:
            if (name := _clean_org(p.strip())) and not find_unit(p):
                return name
    for line in lines:
        m = DEPT_OWNER_RE.match(re.sub(r"\t+", "\t", line))
        if m and (name := _clean_org(m.group(1).strip())):
            return name
    for b in blocks:
        m = TITLE_ORG_RE.match(compact(b.title))
        if m and (name := _clean_org(m.group(1))):
            return name
    for line in lines[:200]:  # a cover: 海原市农业农村局2024年度部门决算
        m = TITLE_ORG_RE.match(compact(line)) if "\t" not in line else None
        if m and (name := _clean_org(m.group(1))):
            return name
    for line in lines:
        if "\t" not in line and (name := _clean_org(line.strip())) and len(name) >= 5:
            return name
    return ""


def find_year(lines: list[str]) -> int | None:
    """The budget year: 预算年度：2023, （2025年度）, 2026年部门…, 2020年度."""
    for pattern in YEAR_PATTERNS:
        for line in lines:
            for m in pattern.finditer(line):
                year = int(m.group(1))
                if 1990 <= year <= 2100:
                    return year
    return None


def _is_perf_content(text: str) -> bool:
    s = compact(normalize(text))
    prev = None
    while prev != s:
        prev, s = s, _PERF_VOCAB.sub("", s)
    s = re.sub(r"^[\u4e00-\u9fff]$", "", s)  # one character of a label printed vertically
    return bool(s)


def is_empty_table(table: Table, grid: list[list[str]] | None = None) -> bool:
    """Published as an empty table (空表).

    * no body rows, or body cells that are all blank or ``**``;
    * a performance table whose cells (header and body) are all template labels and
      placeholders (项目名称, 一级指标, 产出指标, 指标1:, ……, (万元)) — no project, no values.

    Column-number rows (栏次 1 2 3) count as header wherever the parser put them. A table
    whose rows print labels but no amounts is *not* empty by itself (a 三公 table listing
    its items with blank amounts is published as such); ``build_tables`` also marks a
    table empty when the 目录 says 是 (空表) for its label or a note under it says 空表.
    """
    grid = table.grid() if grid is None else grid
    body = [row for row in grid[table.header_rows :] if not is_column_number_row(row)]
    if all(compact(t) in _EMPTY_MARKS for row in body for t in row):
        return True
    if indicator_header_index(grid) is not None:
        return not any(_is_perf_content(t) for row in grid for t in row)
    return False


def _unit_from_cells(table: Table, grid: list[list[str]], body_lines: list[str], shape: str) -> str:
    texts = [t for row in grid[: table.header_rows] for t in row]
    texts += [row[0] for row in grid if row]
    if shape in ("collapsed", "aligned"):
        texts += [x for x in body_lines if len(compact(x)) <= 24]
    for t in texts:
        m = UNIT_IN_LABEL_RE.search(normalize(t).replace(" ", ""))
        if m:
            return m.group(1)
        unit = find_unit(t)
        if unit:
            return unit
    return ""


def _project(grid: list[list[str]], block: segment.Block) -> str:
    for row in grid:
        for c, t in enumerate(row):
            if PROJECT_LABEL_RE.match(compact(normalize(t))):
                rest = [x for x in row[c + 1 :] if x.strip()]
                if rest and not PROJECT_LABEL_RE.match(compact(normalize(rest[0]))):
                    return " ".join(rest[0].split())
                return ""
    m = PROJECT_TITLE_RE.match(compact(block.title))
    if m and not GENERIC_PROJECT_RE.search(m.group(1)):
        return block.title[: block.title.rfind(m.group(2))].strip()
    return ""


def _amounts_in_text(table: Table, grid: list[list[str]]) -> int:
    """Body cells that are no amount but print one inside their text (``工资福利支出501机关工资福利支出
    2,294.54 2,294.54``: a row the shape parser could not split): their figures stand in no column
    (``classify.records`` keeps each in a pending record), so the table goes to review as a whole
    (``text.amounts_in_text``, a table-unread code)."""
    return sum(
        1 for row in grid[table.header_rows :] for text in row if text.strip() and amounts_in_text(text)
    )


def _toc_empty_labels(tables: list[Table]) -> set[str]:
    """Labels the table of contents marks as 空表 (a 是否空表 column saying 是)."""
    out: set[str] = set()
    for t in tables:
        if compact(t.title) != "目录":
            continue
        grid = t.grid()
        header = [compact(x) for x in (grid[0] if grid else [])]
        col = next((i for i, h in enumerate(header) if "空表" in h and "理由" not in h), None)
        for row in grid[1:]:
            if not row:
                continue
            m = segment.LABEL_RE.match(row[0])
            if not m:
                continue
            flags = [row[col]] if col is not None and col < len(row) else row[1:]
            if any(compact(x) == "是" for x in flags):
                out.add(segment._label_of(m.group(1), m.group(2)))
    return out


def _parse_body(block: segment.Block, lines: list[str], paged: list[str]) -> Table:
    body = lines[block.body_start : block.body_end]
    first = block.body_start + 1
    if not body:
        return Table(seq=0, title="")
    if block.shape == "aligned":  # positions are per page: tell the parser where pages start
        return aligned.parse_block(paged[block.body_start : block.body_end], first)
    return _PARSERS[block.shape](body, first)


def _header_grid(t: Table) -> list[list[str]]:
    return [[compact(c) for c in row] for row in t.grid()[: t.header_rows]]


def _join_repeated(tables: list[Table], pages: list[int]) -> list[Table]:
    """A table printed again under its heading on the next page (深圳 prints 表1 收支总表 and its header on
    every page) is one table: a part with the same label, title, columns and header rows as the table
    before it, starting on the page after that table's last line, its rows appended (each cell keeps
    its page; the part's doubts go with its rows). Only parts read without a table-wide warning, whose
    header reads exactly as the first page's; a performance table's next project is never a part."""
    out: list[Table] = []
    for t in tables:
        prev = out[-1] if out else None
        if (
            prev is not None
            and t.label == prev.label
            and compact(t.title) == compact(prev.title)
            and t.header_rows
            and t.n_cols == prev.n_cols
            and not t.warnings
            and not prev.warnings
            and indicator_header_index(t.grid()) is None
            and _header_grid(t) == _header_grid(prev)
            and 0 < prev.line_span[1] <= len(pages)
            and t.page == pages[prev.line_span[1] - 1] + 1
        ):
            offset = prev.n_rows - t.header_rows
            for r, why in t.row_issues.items():
                if r >= t.header_rows:
                    prev.row_issues[r + offset] = why
            append_part(prev, t, t.header_rows)
            prev.line_span = (prev.line_span[0], t.line_span[1])
            prev.empty = prev.empty and t.empty
            continue
        out.append(t)
    for seq, t in enumerate(out, start=1):
        t.seq = seq
    return out


def build_tables(lines: list[str], pages: list[int], doc: Document) -> list[Table]:
    """Segment ``lines`` and parse every table (see the module docstring)."""
    clean = [segment.clean_line(x) for x in lines]
    paged = ["\f" + x if i and pages[i] != pages[i - 1] else x for i, x in enumerate(clean)]
    blocks = segment.segment(clean)
    tables: list[Table] = []
    for seq, block in enumerate(blocks, start=1):
        table = _parse_body(block, clean, paged)
        table.seq = seq
        table.label = block.label
        table.title = segment.collapse_ws(block.title)
        table.warnings = [*table.warnings, *table.notes]  # a shape parser's notes are about its own reading
        table.notes = list(block.notes)
        table.page = pages[block.anchor] if block.anchor < len(pages) else 1
        for c in table.cells:  # a table continued over pages: each cell on its own line's page
            on = pages[c.line_span[0] - 1] if c.line_span and 0 < c.line_span[0] <= len(pages) else table.page
            c.page = on if on != table.page else c.page
        table.line_span = (block.anchor + 1, max(block.end, block.anchor + 1))
        grid = table.grid()
        table.unit = block.unit or _unit_from_cells(
            table, grid, clean[block.body_start : block.body_end], block.shape
        )
        table.empty = (
            block.body_end <= block.body_start
            or is_empty_table(table, grid)
            or any(EMPTY_NOTE_RE.search(compact(n)) for n in table.notes)
        )
        if indicator_header_index(grid) is not None:
            table.project = _project(grid, block)
        elif n_glued := _amounts_in_text(table, grid):
            table.warnings.append(reason("text.amounts_in_text", cells=n_glued))
        tables.append(table)
    tables = _join_repeated(tables, pages)
    for label in _toc_empty_labels(tables):
        for t in tables:
            if t.label == label:
                t.empty = True
    doc.department = find_department(clean, blocks)
    weights: Counter[str] = Counter()
    for b in blocks:
        weights[b.shape] += max(1, b.body_end - b.body_start)
    doc.shape = weights.most_common(1)[0][0] if weights else segment.block_shape(clean)
    return tables


def read_text(path: str) -> Document:
    """Read a text export (see the module docstring); ``ReadError`` for anything unreadable."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ReadError(str(path), reason("read.cannot_read", error=exc.strerror or str(exc))) from None
    try:
        text, encoding = decode_bytes(data)
    except ValueError as exc:
        raise ReadError(
            str(path), exc.reason if isinstance(exc, NotText) else reason("read.not_text", error=str(exc))
        ) from None
    if not text.strip():
        raise ReadError(str(path), reason("read.blank"))
    lines, line_pages, n_pages = split_lines(text)
    lines, line_pages, joined = rebuild_glyph_lines(lines, line_pages)
    doc = Document(
        source_file=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        format="txt",
        encoding=encoding,
        lines=lines,
        pages=[Page(n) for n in range(1, n_pages + 1)],
    )
    if joined:
        doc.warnings.append(reason("text.glyph_lines", joined=joined))
    doc.year = find_year(lines)
    doc.tables = build_tables(lines, line_pages, doc)
    doc.paragraphs = paragraphs_outside(lines, line_pages, doc.tables)
    return doc


# ---------------------------------------------------------------- document metadata: kind, level, region

# a section heading's or an outline item's lead before a body's name: 第二部分, （一）关于, 一、
_HEADING_PREFIX = re.compile(
    r"^\s*(?:第\s*[一二三四五六七八九十0-9]+\s*部分\s*[:：、]?|[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]|"
    r"[一二三四五六七八九十]{1,3}\s*、)?\s*(?:关于)?"
)
# a labelled body on a cover or a table's head: 预算主管部门：…, 预算单位：…, 编制单位：…
_LABELLED_BODY = re.compile(
    r"(?:预算主管部门|主管预算部门|预算单位|编制部门|编制单位|填报单位|报送单位)\s*[:：]\s*([^\s:：,，。；;]{2,60})"
)
# a cover title: (2026年度)? BODY (（本级）)? (2026年度)? (区级)? 部门|单位 (综合)? 预算|决算
_COVER_ORG = rf"[\u4e00-\u9fffXx×（）()]{{2,40}}?(?:{ORG_SUFFIXES}|办事处)"
_COVER_TITLE = re.compile(
    rf"(?:^|\d{{4}}\s*年度?)({_COVER_ORG})(?:[（(](?:本级|机关|汇总)[)）])?(?:\d{{4}}年度?)?"
    r"(?:[区市县省]级)?(?:部门|单位)(?:综合)?(?:预算|决算)"
)
_PARTY_PREFIX = re.compile(r"^(?:中国共产党|中共)")
_REGION = re.compile(
    r"^((?:[\u4e00-\u9fff]{2,8}?(?:省|自治区|特别行政区|市))?(?:[\u4e00-\u9fff]{1,8}?(?:市|州|盟|地区))?"
    r"(?:[\u4e00-\u9fff]{1,8}?(?:区|县|旗|市))?)"
)
# words ending in 区/市/县 that are not divisions (社区服务中心, 园区管理委员会 …)
_NOT_DIVISION = re.compile(r"(?:社区|小区|园区|景区|街区|校区|片区|辖区|库区|矿区|厂区|城市|超市|门市)$")
_KIND_WORD = re.compile(r"(预算|决算)")
_LEVEL_WORD = re.compile(r"(部门|单位)(?:综合)?(?:预算|决算)")
COVER_LINES = 12  # a document's first printed lines: its cover, or the head of its first page


def strip_heading_prefix(text: str) -> str:
    """``第二部分 上海市…局`` → ``上海市…局``: a section heading's or outline item's lead removed."""
    return _HEADING_PREFIX.sub("", text, count=1)


def _cover(lines: list[str]) -> list[str]:
    out = [compact(x) for x in lines if compact(x)]
    return out[:COVER_LINES]


def cover_department(lines: list[str]) -> str:
    """The body a cover names: a labelled 预算主管部门：/预算单位：/编制单位： line, else a cover title
    (``2026年度泉州市…中心单位预算`` over two lines, ``上海市XX局2024年度部门决算``)."""
    for line in lines:
        m = _LABELLED_BODY.search(compact(line))
        if m and (name := _clean_org(m.group(1)) or _cover_org(m.group(1))):
            return name
    cover = _cover(lines)
    for i in range(len(cover)):
        joined = strip_heading_prefix("".join(cover[i : i + 3]))
        m = _COVER_TITLE.search(joined)
        if m:
            return m.group(1)
    return ""


def _cover_org(text: str) -> str:
    m = re.match(rf"^({_COVER_ORG})(?:[（(](?:本级|机关|汇总)[)）])?$", strip_heading_prefix(compact(text)))
    return m.group(1) if m else ""


def find_region(department: str, lines: list[str]) -> str:
    """The region as printed: the administrative divisions that lead the body's name
    (上海市普陀区…局 → 上海市普陀区; 中国共产党北京市委员会… → 北京市), else the cover's; when the
    name starts with a place's stem without its division (长沙职业教育基地…), the division the
    document prints for that stem (长沙市)."""
    for text in (department, *_cover(lines)):
        name = _PARTY_PREFIX.sub("", strip_heading_prefix(compact(text)))
        m = _REGION.match(name)
        region = m.group(1) if m else ""
        while region and _NOT_DIVISION.search(region):
            region = _REGION.match(region[:-2]).group(1) if len(region) > 2 else ""  # type: ignore[union-attr]
        if region:
            return region
    stem = _PARTY_PREFIX.sub("", compact(department))[:2]
    if len(stem) == 2:
        pattern = re.compile(rf"{re.escape(stem)}(省|市|县)(?![\u4e00-\u9fff]{{0,1}}$)")
        for line in lines:
            if m := pattern.search(compact(line)):
                return stem + m.group(1)
    return ""


def _first_word(pattern: re.Pattern[str], cover: list[str], titles: list[str], lines: list[str]) -> str:
    for text in cover:
        if m := pattern.search(text):
            return m.group(1)
    votes: Counter[str] = Counter(m.group(1) for t in titles if (m := pattern.search(compact(t))))
    if votes:
        return votes.most_common(1)[0][0]
    votes = Counter(m.group(1) for x in lines for m in pattern.finditer(compact(x)))
    return votes.most_common(1)[0][0] if votes else ""


def find_kind(lines: list[str], titles: list[str]) -> str:
    """'budget' (预算) or 'final_account' (决算): the cover's word, else the tables' titles', else the
    text's most frequent; '' when none says."""
    word = _first_word(_KIND_WORD, _cover(lines), titles, lines)
    return {"预算": "budget", "决算": "final_account"}.get(word, "")


def find_level(lines: list[str], titles: list[str]) -> str:
    """'部门' (a department's, its units included) or '单位' (one unit's): 部门预算 / 单位决算 … on the
    cover, else in the tables' titles, else the text's most frequent; '' when none says."""
    return _first_word(_LEVEL_WORD, _cover(lines), titles, lines)


def describe_metadata(document: Document) -> None:
    """The readers' metadata step, for every format: department and year where the reader found
    none (from the document's lines and table titles), a department cleaned of heading prefixes,
    then kind, level and region."""
    titles = [t.title for t in document.tables]
    lines = [*document.lines, *titles]
    if not document.department:
        document.department = find_department(lines, segment.segment(lines))
    document.department = (
        _clean_org(document.department) or _cover_org(document.department) or (document.department)
    )
    if document.year is None:
        document.year = find_year(lines)
    document.kind = document.kind or find_kind(document.lines, titles)
    document.level = document.level or find_level(document.lines, titles)
    document.region = document.region or find_region(document.department, document.lines)


def paragraphs_outside(lines: list[str], pages: list[int], tables: list[Table]) -> list[Paragraph]:
    """The text around the tables: every non-blank line no table's span (heading to last note)
    covers, one ``Paragraph`` per line, with its page and line number."""
    covered: set[int] = set()
    for t in tables:
        if t.line_span:
            covered.update(range(t.line_span[0], t.line_span[1] + 1))
    out: list[Paragraph] = []
    for i, line in enumerate(lines, start=1):
        text = " ".join(segment.clean_line(line).split())
        if text and i not in covered:
            out.append(Paragraph(text, pages[i - 1] if i - 1 < len(pages) else 1, (i, i)))
    return out


__all__ = [
    "read_text",
    "paragraphs_outside",
    "is_empty_table",
    "find_department",
    "find_year",
    "split_lines",
    "describe_metadata",
    "find_kind",
    "find_level",
    "find_region",
]
