"""Born-digital PDFs rendered from the seeds: every cell's text from the text layer, no OCR;
damaged, encrypted and truncated PDFs give a ReadError naming the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract import read
from extract.model import ReadError
from samples.make_scans import build, cell_recall, missed_cells
from tests.reason_text import en


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdfs")
    # seed 000 tables 表4–表6 (a table continued over two pages, merged header cells) and one
    # performance table of seed 002 (long wrapped text cells)
    build(out, ["000", "002"], ["ruled", "borderless"], [], {"000": "2-4", "002": "1"})
    return out


def _recall(pdf: Path) -> tuple[int, int, list[str]]:
    doc = read(pdf)
    gold = json.loads(pdf.with_suffix(".gold.json").read_text("utf-8"))
    found, total = cell_recall(doc.tables, gold)
    return found, total, missed_cells(doc.tables, gold)


@pytest.mark.parametrize("name", ["000-ruled.pdf", "002-ruled.pdf"])
def test_ruled_pdf_recovers_every_cell(rendered: Path, name: str) -> None:
    found, total, missed = _recall(rendered / name)
    assert total > 50
    assert found == total, missed


def test_borderless_pdf_from_word_alignment(rendered: Path) -> None:
    """Rows are cut at the table's own row gap (wrapped cells, numbers centred beside them), and a
    table running to the page end keeps its last rows of one wrapped cell."""
    found, total, missed = _recall(rendered / "000-borderless.pdf")
    assert total > 300
    assert found == total, missed


@pytest.fixture(scope="module")
def whole_seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("whole")
    build(out, ["000", "002"], ["ruled", "borderless"], [])
    return out


# floors at what the reader reaches (bench/bench_pdf_tables.py); raise them as it improves
WHOLE_SEED_FLOORS = {
    "000-ruled.pdf": 1.0,
    "002-ruled.pdf": 1.0,
    "000-borderless.pdf": 1.0,
    "002-borderless.pdf": 1.0,
}


@pytest.mark.parametrize("name", sorted(WHOLE_SEED_FLOORS))
def test_whole_seed_cell_recall(whole_seeds: Path, name: str) -> None:
    """Every table of a seed rendered to PDF: continued tables (borderless ones share their
    column boundaries over pages), empty ruled columns kept, CJK marks inside words."""
    found, total, missed = _recall(whole_seeds / name)
    assert total > 900
    assert found / total >= WHOLE_SEED_FLOORS[name], missed


def test_pdf_document_model(rendered: Path) -> None:
    doc = read(rendered / "000-ruled.pdf")
    assert doc.format == "pdf"
    assert all(p.has_text_layer for p in doc.pages)
    assert len(doc.tables) == 3  # 表4 continues on the next page and is joined
    t = doc.tables[0]
    assert t.title == "部门综合预算财政拨款收支总表"
    assert t.unit == "元"
    assert t.header_rows == 2
    assert t.n_cols == 8
    assert any("continued on page 2" in en(n) for n in t.notes)
    top = t.cell(0, 0)
    assert top is not None and top.colspan == 2 and "".join(top.text.split()) == "收入"
    assert all(c.bbox and c.confidence == 1.0 for c in t.cells)
    x0, y0, x1, y1 = t.bbox or (0, 0, 0, 0)
    assert 0 <= x0 < x1 <= doc.pages[0].width and 0 <= y0 < y1 <= doc.pages[0].height


def test_mixed_pdf_reads_image_pages_by_ocr(rendered: Path, tmp_path: Path) -> None:
    """A PDF whose second page is an image: text layer for page 1, OCR for page 2."""
    import pypdfium2 as pdfium
    from reportlab.pdfgen import canvas

    from extract.images import render_pdf_page

    src = pdfium.PdfDocument(str(rendered / "000-ruled.pdf"))
    page = src[2]
    png = tmp_path / "p3.png"
    from PIL import Image

    Image.fromarray(render_pdf_page(page, 150)).save(png)
    w, h = page.get_size()
    page.close()
    src.close()
    out = tmp_path / "mixed.pdf"
    c = canvas.Canvas(str(out), pagesize=(w, h))
    c.setFont("Helvetica", 12)
    c.drawString(72, h - 72, "Cover page with a text layer only")
    c.showPage()
    c.drawImage(str(png), 0, 0, w, h)
    c.showPage()
    c.save()
    doc = read(out)
    assert doc.format == "scan-pdf"
    assert [p.has_text_layer for p in doc.pages] == [True, False]
    assert any("mixed PDF" in en(w) for w in doc.warnings)
    (t,) = [t for t in doc.tables if t.page == 2]
    assert t.n_cols == 7 and t.n_rows == 16


def test_truncated_pdf_is_a_read_error(rendered: Path, tmp_path: Path) -> None:
    bad = tmp_path / "cut.pdf"
    bad.write_bytes((rendered / "000-ruled.pdf").read_bytes()[:700])
    with pytest.raises(ReadError) as err:
        read(bad)
    assert str(bad) in str(err.value)


def test_encrypted_pdf_is_a_read_error(tmp_path: Path) -> None:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    enc = pdfencrypt.StandardEncryption("secret", ownerPassword="owner", canPrint=0)
    c = canvas.Canvas(str(path), encrypt=enc)
    c.drawString(72, 720, "locked")
    c.save()
    with pytest.raises(ReadError) as err:
        read(path)
    assert str(path) in str(err.value) and "encrypted" in str(err.value)


def test_pdf_magic_with_garbage_is_a_read_error(tmp_path: Path) -> None:
    bad = tmp_path / "junk.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    with pytest.raises(ReadError) as err:
        read(bad)
    assert str(bad) in str(err.value)


# born-digital generated disclosures (samples/generated): style -> (line-item recall, auto precision)
GENERATED_FLOORS = {"ruled": (0.99, 0.99), "borderless": (0.98, 0.995)}


@pytest.mark.parametrize("style", list(GENERATED_FLOORS))
def test_generated_pdf_line_items(style: str) -> None:
    """Generated disclosures printed tight (6.5-9 pt, 3 pt padding, spanning headers, a title
    orphaned at a page foot) are read to their line items; floors a little below what is reached."""
    from classify.analyze import analyze
    from samples.render import load_gold
    from samples.text_eval import COMMITTED, Score, score

    folders = sorted(p for p in COMMITTED.glob("synth_*") if (p / f"{style}.pdf").exists())
    assert folders, "samples/generated is missing"
    total = Score()
    for folder in folders:
        doc, _ = load_gold(folder)
        total.add(score(analyze(read(folder / f"{style}.pdf")), doc, folder.name))
    recall, precision = GENERATED_FLOORS[style]
    assert total.recall >= recall, (total.recall, total.missed[:10])
    assert total.precision >= precision, (total.precision, total.wrong[:10])


def _gold_columns(folder_or_seed: Path | int, tmp_path: Path) -> list[tuple[str, list[str], list[str]]]:
    """(label, gold column names, read column names) of each table with line items of a
    generated disclosure read from its borderless PDF (committed, or rendered from a seed)."""
    from samples.render import load_gold, render_pdf
    from samples.scoring import match_tables
    from samples.synth import column_names, make_document

    if isinstance(folder_or_seed, Path):
        doc, _ = load_gold(folder_or_seed)
        pdf = folder_or_seed / "borderless.pdf"
    else:
        doc = make_document(folder_or_seed)
        pdf = tmp_path / f"synth_{folder_or_seed}.pdf"
        render_pdf(doc, pdf, "borderless")
    with_items = {g.table_seq for g in doc.line_items}
    read_doc = read(pdf)
    gold_of = match_tables(read_doc.tables, doc.tables)
    out = []
    for t in read_doc.tables:
        gt = gold_of.get(t.seq)
        if gt is not None and gt.seq in with_items:
            out.append((gt.label or gt.title, column_names(gt.header, gt.spans, gt.n_cols), t.columns()))
    return out


@pytest.mark.parametrize(
    ("source", "label", "want"),
    [
        (
            "synth_0249",
            "表3",
            ["科目编码/类", "科目编码/款", "科目编码/项", "科目名称", "合计", "基本支出/人员经费"],
        ),
        ("synth_0246", "表3", ["单位编码", "单位名称", "合计", "基本支出/人员经费", "基本支出/公用经费"]),
        ("synth_0248", "表6", ["公用经费支出", "专项业务经费支出", "备注"]),
    ],
)
def test_borderless_group_label_over_sub_headers(
    source: str, label: str, want: list[str], tmp_path: Path
) -> None:
    """A group label centred over its sub-headers (基本支出 over 人员经费 / 公用经费, 科目编码 over
    类 / 款 / 项, centred on the middle one) is a header level of its own over columns of their
    own (the amounts of neighbouring columns close together stay apart); a column holding only
    its header label (备注) stays a column."""
    from samples.text_eval import COMMITTED

    tables = {lab: (gold, got) for lab, gold, got in _gold_columns(COMMITTED / source, tmp_path)}
    gold, got = tables[label]
    assert got == gold
    assert all(name in got for name in want), got


@pytest.mark.parametrize("seed", [1001, 2010])
def test_borderless_nested_headers_fresh_documents(seed: int, tmp_path: Path) -> None:
    """Freshly generated disclosures: three header levels (预算数 over 公务用车购置及运行费 over
    小计 / 购置费 / 运行费), siblings spanning every header row level with a group's sub-headers
    (合计 / 会议费 beside the 三公 group) and wrapped labels read as in the gold header."""
    tables = _gold_columns(seed, tmp_path)
    assert len(tables) >= 6
    assert any(name.count("/") == 2 for _, gold, _ in tables for name in gold)  # three levels
    wrong = [(label, gold, got) for label, gold, got in tables if gold != got]
    assert not wrong, wrong


def _render_borderless(tmp_path: Path, rows: list[list[str]], max_rows: int = 0) -> Path:
    """One table drawn as samples/make_scans draws the seeds' borderless tables, with its gold."""
    from samples.make_scans import make_table, render_pdf

    pdf = tmp_path / "t.pdf"
    gold = render_pdf(
        [make_table("表1", "测试项目支出绩效目标表", "万元", rows)], pdf, "borderless", max_rows
    )
    pdf.with_suffix(".gold.json").write_text(json.dumps({"tables": gold}, ensure_ascii=False), "utf-8")
    return pdf


PARAGRAPH = (
    "目标1：保证人员类工资正常运转，机关正常运转，在业务方面提升政策知晓率和群众满意度。"
    "目标2：保证民生类项目正常运转，各项业务稳步开展，更好地服务于参保群众。"
    "目标3：加大基金监管力度，召开专项培训会，对全县定点机构进行政策培训，成立检查组不定期检查。"
)


def test_borderless_wrapped_paragraph_and_spanning_header(tmp_path: Path) -> None:
    """A centred header over two sub-columns stays one spanning cell; a paragraph cell wrapped over
    many lines (its label centred beside it, no other column on its first lines) is one cell of
    one row; a cell with a space before a full-width bracket stays one cell; the table is
    continued over pages (header repeated) and read as one."""
    rows = [
        ["项目", "预算金额（万元）", "", "完成 （情况）"],
        ["", "财政拨款", "其他资金", ""],
        ["办公费", "12.00", "3.00", "按时完成"],
        ["年度 总体 目标", PARAGRAPH, "", ""],
        ["印刷费", "1.50", "", "正常开展"],
    ] + [[f"项目{i}", f"{i}.00", "", "已完成"] for i in range(1, 9)]
    pdf = _render_borderless(tmp_path, rows, max_rows=4)
    found, total, missed = _recall(pdf)
    assert found == total, missed
    doc = read(pdf)
    assert len(doc.tables) == 1
    cells = {(c.row, c.col): c for c in doc.tables[0].cells}
    assert cells[(0, 1)].text == "预算金额（万元）" and cells[(0, 1)].colspan == 2
    assert cells[(3, 1)].text == PARAGRAPH


def test_borderless_ragged_columns(tmp_path: Path) -> None:
    """A column whose only text in part of its width is one placeholder right-aligned ('.....')
    stays one column; a narrow column holding different texts, left-aligned, stays its own even
    when no row has text on both sides of it."""
    rows = [
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "指标1:", "100%"],
        ["", "", "业务人员参加上级部门业务培训", ""],
        ["", "", ".....", ""],
        ["", "质量指标", "保障全县工作开展", "正常"],
        ["", "", ".....", ""],
        ["效益指标", "社会效益指标", "服务水平", ""],
        ["", "", "", "逐步提高"],
        ["", "", "", "不低于98%"],
    ]
    pdf = _render_borderless(tmp_path, rows)
    found, total, missed = _recall(pdf)
    assert found == total, missed
    assert read(pdf).tables[0].n_cols == 4


def test_page_words_keep_a_space_inside_a_cell(rendered: Path) -> None:
    """Words joined across one space when the gap stays a space's width (年度 主要 任务), never
    across the gap between two numbers."""
    import pypdfium2 as pdfium
    from reportlab.pdfgen import canvas

    from extract.pdf import page_words
    from samples.make_scans import FONT, register_font

    register_font()
    path = rendered / "spaces.pdf"
    c = canvas.Canvas(str(path), pagesize=(400, 200))
    c.setFont(FONT, 9)
    c.drawString(20, 150, "执行率分值 （10分）")
    c.drawString(20, 120, "12.00 3.00")
    c.save()
    pdf = pdfium.PdfDocument(str(path))
    texts = [w.text for w in page_words(pdf[0], 2.0)]
    pdf.close()
    assert "执行率分值（10分）" in texts
    assert "12.00" in texts and "3.00" in texts


def test_borderless_paragraph_opening_a_page(tmp_path: Path) -> None:
    """A continued table whose page opens with a paragraph cell (its first lines the only text
    on their lines, its label centred beside the later ones) keeps the whole paragraph in its
    row, and the rows after it in their columns (the parts share their column boundaries)."""
    rows = [
        ["任务名称", "主要内容", "预算金额", "备注"],
        ["人员经费", "保障工资社保", "101.10万元", "无"],
        ["年度 总体 目标", PARAGRAPH, "", ""],
        ["成本指标", "经济成本", "≤6.30万元", "无"],
        ["产出指标", "数量指标", "≥15万条", "已完成"],
        ["", "质量指标", "100%", "无"],
    ]
    pdf = _render_borderless(tmp_path, rows, max_rows=2)
    found, total, missed = _recall(pdf)
    assert found == total, missed
    assert len(read(pdf).tables) == 1


def test_a_part_with_merged_columns_joins_on_the_start_columns() -> None:
    """A untitled one-row part on the next page whose label cell spans the start's code and name
    columns joins the start (its cells set on the start's columns); one whose edges meet no column
    edge does not."""
    from extract.continued import join_continued
    from extract.model import Cell, Table

    edges = [(0, 30), (30, 60), (60, 200), (200, 280), (280, 360)]
    start = Table(1, "收入预算总表", page=3, header_rows=1)
    for r, row in enumerate([["编码", "", "名称", "合计", "财政拨款"], ["201", "01", "行政运行", "5", "5"]]):
        start.cells += [
            Cell(r, c, t, bbox=(e[0], r * 20, e[1], r * 20 + 20))
            for c, (t, e) in enumerate(zip(row, edges, strict=True))
        ]
    part = Table(2, "", page=4)
    part.cells = [
        Cell(0, 0, "合计", bbox=(0, 0, 200, 20)),
        Cell(0, 1, "5", bbox=(200, 0, 280, 20)),
        Cell(0, 2, "5", bbox=(280, 0, 360, 20)),
    ]
    (joined,) = join_continued([start, part])
    assert joined.grid()[-1] == ["合计", "", "", "5", "5"] and joined.cells[-1].page == 4
    odd = Table(2, "", page=4)
    odd.cells = [Cell(0, 0, "合计", bbox=(0, 0, 150, 20)), Cell(0, 1, "5", bbox=(150, 0, 360, 20))]
    assert len(join_continued([start, odd])) == 2
