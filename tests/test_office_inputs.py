"""Workbooks (.xlsx) and .docx documents: sniffed by content, their tables read with merged cells,
cached formula values, titles, units and headers; the district's real budget workbooks against
hand-written labels (samples/labels/real_workbooks.json)."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from sample_files import LABELS, REAL

from extract import ReadError, read, sniff

WORKBOOK_LABELS = json.loads((LABELS / "real_workbooks.json").read_text(encoding="utf-8"))
WORKBOOKS = [name for name in WORKBOOK_LABELS if not name.startswith("_")]


@pytest.mark.parametrize("name", WORKBOOKS)
def test_real_workbook_tables_match_labels(name: str) -> None:
    path = REAL / name
    if not path.exists():
        pytest.skip(f"{path} is not here")
    label = WORKBOOK_LABELS[name]
    assert sniff(path) == "xlsx"
    doc = read(path)
    assert doc.format == "xlsx"
    for field in ("department", "region", "year", "kind", "level"):
        assert getattr(doc, field) == label[field], field
    assert [t.page for t in doc.tables] == [t["sheet"] for t in label["tables"]]
    for table, want in zip(doc.tables, label["tables"], strict=True):
        where = f"sheet {want['sheet']}"
        assert table.title == want["title"], where
        assert table.unit == want["unit"], where
        assert table.header_rows == want["header_rows"], where
        assert table.columns() == want["columns"], where
        body = table.body_grid()
        assert (body[0][0] if body else None) == want["first_body"], where
        assert table.empty == want.get("empty", False), where
    # the text sheets are document text: their sentences are in Document.lines, not in tables
    pages = {t.page for t in doc.tables}
    assert not pages & set(label["text_sheets"])
    assert any("编制说明" in line for line in doc.lines)
    assert any(re.search(r"收入预算x,xxx万元", line) for line in doc.lines)


def _workbook(tmp_path: Path) -> Path:
    """Two titled tables on one sheet, merged header cells, a formula, a narrative sheet."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表1"
    ws["A1"] = "某县某局2025年部门收入总表"
    ws.merge_cells("A1:D1")
    ws["A2"], ws["D2"] = "编制单位：某县某局", "单位：万元"
    ws["A3"], ws["C3"] = "项目", "收入预算"
    ws.merge_cells("A3:B3")
    ws.merge_cells("C3:D3")
    for col, text in zip("ABCD", ("科目编码", "科目名称", "合计", "财政拨款"), strict=True):
        ws[f"{col}4"] = text
    ws.append(["208", "社会保障和就业支出", 12.5, 12.5])
    ws.append(["20805", "行政事业单位养老支出", 12.5, 12.5])
    ws.append(["合计", None, None, None])
    ws.merge_cells("A7:B7")
    ws["C7"] = "=C5"
    ws["D7"] = "=D5"
    ws["A8"] = "注：本表反映部门本年度收入。"
    ws["A10"] = "某县某局2025年部门支出总表"
    ws["A11"] = "单位：元"
    ws.append([])
    for row in (["科目名称", "合计"], ["一般公共服务支出", 1000], ["合计", 1000]):
        ws.append(row)
    notes = wb.create_sheet("编制说明")
    notes["A1"] = "2025年部门预算编制说明"
    notes["A3"] = "2025年，某局收入预算12.5万元。\n支出预算12.5万元。"
    path = tmp_path / "book.xlsx"
    wb.save(path)
    return path


def _with_cached_values(path: Path, values: dict[str, str]) -> Path:
    """The workbook as Excel would save it: each formula cell's cached value written beside it."""
    out = path.with_name("cached.xlsx")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                for ref, value in values.items():
                    text = re.sub(
                        rf'(<c r="{ref}"[^>]*>\s*<f>[^<]*</f>)\s*(<v\s*/>|<v></v>)?',
                        rf"\1<v>{value}</v>",
                        text,
                    )
                data = text.encode("utf-8")
            dst.writestr(item, data)
    return out


def test_workbook_without_cached_values_is_refused(tmp_path: Path) -> None:
    path = _workbook(tmp_path)  # openpyxl writes formulas without computing them
    with pytest.raises(ReadError) as err:
        read(path)
    assert err.value.path == str(path) and str(path) in str(err.value)
    assert "formula cells hold no cached values" in err.value.problem.render("en")


def test_workbook_tables_blocks_merges_and_cached_formulas(tmp_path: Path) -> None:
    path = _with_cached_values(_workbook(tmp_path), {"C7": "12.5", "D7": "12.5"})
    doc = read(path)
    assert (doc.format, doc.department, doc.year, doc.kind, doc.level) == (
        "xlsx",
        "某县某局",
        2025,
        "budget",
        "部门",
    )
    first, second = doc.tables
    assert (first.title, first.unit, first.header_rows) == ("某县某局2025年部门收入总表", "万元", 2)
    assert first.columns() == ["项目/科目编码", "项目/科目名称", "收入预算/合计", "收入预算/财政拨款"]
    assert first.body_grid() == [
        ["208", "社会保障和就业支出", "12.5", "12.5"],
        ["20805", "行政事业单位养老支出", "12.5", "12.5"],
        ["合计", "", "12.5", "12.5"],
    ]
    total = first.cell(4, 0)
    assert total is not None and (total.colspan, total.rowspan) == (2, 1)  # 合计 merged over code and name
    assert first.notes == ["注：本表反映部门本年度收入。"]
    assert (second.title, second.unit, second.header_rows) == ("某县某局2025年部门支出总表", "元", 1)
    assert second.body_grid() == [["一般公共服务支出", "1000"], ["合计", "1000"]]
    assert "支出预算12.5万元。" in doc.lines  # the narrative sheet is document text


def test_a_zip_that_is_no_office_file_is_an_archive(tmp_path: Path) -> None:
    path = tmp_path / "bundle.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("a.txt", "hello")
    assert sniff(path) == "archive"
    with pytest.raises(ReadError, match="archive"):
        read(path)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    with pytest.raises(ReadError):
        read(broken)


def test_docx_tables_and_paragraphs_in_order(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("某县医疗保障局2024年部门预算")
    d.add_paragraph("一、部门预算编制说明")
    d.add_paragraph("2024年，收入预算100万元，比上年增加10万元。")
    d.add_paragraph("表1 部门收支总表")
    d.add_paragraph("单位：万元")
    t = d.add_table(rows=4, cols=4)
    t.cell(0, 0).merge(t.cell(0, 1)).text = "收入"
    t.cell(0, 2).merge(t.cell(0, 3)).text = "支出"
    for c, text in enumerate(("项目", "预算数", "项目", "预算数")):
        t.cell(1, c).text = text
    for c, text in enumerate(("一、一般公共预算拨款", "100.00", "一、社会保障和就业支出", "100.00")):
        t.cell(2, c).text = text
    for c, text in enumerate(("收入总计", "100.00", "支出总计", "100.00")):
        t.cell(3, c).text = text
    d.add_paragraph("注：本表为部门收支总表。")
    d.add_paragraph("表2 “三公”经费支出表")
    t2 = d.add_table(rows=3, cols=3)
    t2.cell(0, 0).merge(t2.cell(1, 0)).text = "合计"
    t2.cell(0, 1).merge(t2.cell(0, 2)).text = "公务用车购置及运行费"
    t2.cell(1, 1).text, t2.cell(1, 2).text = "购置费", "运行费"
    for c, text in enumerate(("5.00", "2.00", "3.00")):
        t2.cell(2, c).text = text
    path = tmp_path / "report.docx"
    d.save(path)
    assert sniff(path) == "docx"
    doc = read(path)
    assert (doc.format, doc.department, doc.year, doc.kind, doc.level) == (
        "docx",
        "某县医疗保障局",
        2024,
        "budget",
        "部门",
    )
    first, second = doc.tables
    assert (first.label, first.title, first.unit, first.header_rows) == ("表1", "部门收支总表", "万元", 2)
    assert first.columns() == ["收入/项目", "收入/预算数", "支出/项目", "支出/预算数"]
    assert first.body_grid()[0] == ["一、一般公共预算拨款", "100.00", "一、社会保障和就业支出", "100.00"]
    assert first.notes == ["注：本表为部门收支总表。"]
    assert (second.label, second.header_rows) == ("表2", 2)
    assert second.columns() == ["合计", "公务用车购置及运行费/购置费", "公务用车购置及运行费/运行费"]
    span = second.cell(0, 0)
    assert span is not None and span.rowspan == 2
    assert "2024年，收入预算100万元，比上年增加10万元。" in doc.lines  # paragraphs kept in order as text
    assert doc.lines.index("一、部门预算编制说明") < doc.lines.index(
        "2024年，收入预算100万元，比上年增加10万元。"
    )


@pytest.mark.parametrize("rendering", ["xlsx", "docx"])
def test_generated_office_documents_read_back_to_their_gold(rendering: str, tmp_path: Path) -> None:
    """Workbooks (one sheet per table, merged headers, amounts as numbers) and .docx files written
    from the generator's gold are read to every line item, none accepted wrongly."""
    from classify.analyze import analyze
    from samples.office import render_docx, render_xlsx
    from samples.synth import make_document
    from samples.text_eval import Score, score

    render = render_xlsx if rendering == "xlsx" else render_docx
    total = Score()
    for seed_no in (1, 2, 3):
        gold = make_document(seed_no)
        doc = read(render(gold, tmp_path / f"synth_{seed_no}.{rendering}"))
        assert doc.format == rendering
        assert [t.title for t in doc.tables] == [t.title for t in gold.tables]
        total.add(score(analyze(doc), gold, f"{rendering} {seed_no}"))
    assert total.gold > 500
    assert (total.recall, total.precision) == (1.0, 1.0), total.wrong[:10]
