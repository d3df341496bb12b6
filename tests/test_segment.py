"""Segmentation of text documents into tables, headers, and the shape parsers.

Seeds are compared with the hand-written samples/labels/seed_tables.json; synthetic
fixtures (other counties, departments, years, units, shapes) check that nothing is
tuned to the seeds alone.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from sample_files import LABELS, SAMPLES, SEEDS

from extract import aligned, cellperline, segment, tsv
from extract.headers import count_header_rows, spread_header, stack_header
from extract.model import Table
from extract.text import read_text
from extract.vocabulary import is_column_number_row

LABELLED = json.loads((LABELS / "seed_tables.json").read_text(encoding="utf-8"))


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def titles(doc) -> list[tuple[str, str, str]]:
    return [(t.label, t.title, t.unit) for t in doc.tables]


# --------------------------------------------------------------------------- seeds vs labels


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_tables_match_hand_labels(path: Path) -> None:
    expected = LABELLED[path.name]
    doc = read_text(str(path))
    assert doc.department == expected["department"]
    assert doc.year == expected["year"]
    assert doc.shape == expected["shape"]
    got = []
    for t in doc.tables:
        row = {"line": t.line_span[0], "label": t.label, "title": t.title, "unit": t.unit, "empty": t.empty}
        got.append(row)
    want = [{k: e[k] for k in ("line", "label", "title", "unit", "empty")} for e in expected["tables"]]
    assert got == want
    for t, e in zip(doc.tables, expected["tables"], strict=True):
        if "project" in e:
            assert t.project == e["project"], e["line"]


def test_000_every_present_toc_entry_is_found() -> None:
    (path,) = [p for p in SEEDS if p.name.startswith("000")]
    doc = read_text(str(path))
    toc = doc.tables[0]
    listed = {row[0]: row[1] for row in toc.body_grid()}
    found = {t.label for t in doc.tables if t.label}
    assert found == {"表4", "表5", "表6", "表7", "表8", "表9", "表10", "表13", "表14", "表15"}
    for t in doc.tables:
        if t.label:
            # headings print 部门预算… / 部门（单位）… where the 目录 says 部门…; same table
            assert listed[t.label][-6:] == t.title[-6:] or t.label in ("表8", "表13", "表14")


# --------------------------------------------------------------------------- synthetic: tab-separated

TSV_DOC = """城固县教育局2024年部门预算公开

部门（单位）名称：城固县教育局

表1

部门收支总表

单位：万元

收 入\t\t支 出\t
项 目\t预算数\t项 目\t预算数
一、财政拨款\t1,250.00\t一、教育支出\t1,200.00
\t\t二、住房保障支出\t50.00
本年收入合计\t1,250.00\t本年支出合计\t1,250.00

注：本表按部门汇总。

以下为一般公共预算支出情况的说明文字，说明文字不属于任何表格。

表2

一般公共预算支出表（按功能分类科目-
不含上年结转）

单位：万元

科目编码\t科目名称\t合计\t基本支出\t项目支出
\t合计\t1,250.00\t900.00\t350.00
205\t教育支出\t1,200.00\t850.00\t350.00
20502\t普通教育\t1,200.00\t850.00\t350.00
221\t住房保障支出\t50.00\t50.00\t

表3

政府性基金预算支出表

单位：万元

科目编码\t科目名称\t合计
\t\t

注：本单位无政府性基金预算，空表列示。

## 表4 项目支出绩效目标表

（2024年度）

项目名称\t\t学生资助\t\t
资金金额（万元）\t\t实施期资金总额：\t350\t
年度绩效指标\t一级指标\t二级指标\t三级指标\t指标值
\t产出指标\t数量指标\t资助学生人数\t≥1200人
\t满意度指标\t服务对象满意度指标\t学生满意度\t≥95%
"""


def test_synthetic_tsv_document(tmp_path: Path) -> None:
    doc = read_text(write(tmp_path, "chenggu.txt", TSV_DOC, "gb18030"))
    assert doc.encoding == "gb18030"
    assert (doc.department, doc.year, doc.shape) == ("城固县教育局", 2024, "tsv")
    assert titles(doc) == [
        ("表1", "部门收支总表", "万元"),
        ("表2", "一般公共预算支出表（按功能分类科目-不含上年结转）", "万元"),
        ("表3", "政府性基金预算支出表", "万元"),
        ("表4", "项目支出绩效目标表", "万元"),
    ]
    t1, t2, t3, t4 = doc.tables
    assert t1.columns() == ["收入/项目", "收入/预算数", "支出/项目", "支出/预算数"]
    assert t1.body_grid()[1] == ["", "", "二、住房保障支出", "50.00"]
    assert t1.notes == ["注：本表按部门汇总。"]
    assert not any("说明文字" in c.text for t in doc.tables for c in t.cells)
    assert t2.columns() == ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
    assert [r[0] for r in t2.body_grid()] == ["", "205", "20502", "221"]
    assert t2.body_grid()[3] == ["221", "住房保障支出", "50.00", "50.00", ""]
    assert t3.empty and t3.notes == ["注：本单位无政府性基金预算，空表列示。"]
    assert not (t1.empty or t2.empty or t4.empty)
    assert t4.project == "学生资助"
    assert t4.grid()[t4.header_rows - 1][1:] == ["一级指标", "二级指标", "三级指标", "指标值"]
    assert t4.body_grid()[0][1:] == ["产出指标", "数量指标", "资助学生人数", "≥1200人"]


# --------------------------------------------------------------------------- synthetic: cell per line

CPL_DOC = """[bookmark: _Toc_9_1]部门预算支出总表
\t612紫阳县民政局
\t预算年度：2022
\t单位：元

\t序号
\t功能分类科目
\t合计
\t基本支出
\t项目支出

\t
\t科目编码
\t科目名称
\t
\t
\t

\t栏次
\t1
\t2
\t3
\t4
\t5

\t1
\t
\t合计
\t1,500,000.00
\t1,000,000.00
\t500,000.00

\t2
\t208
\t社会保障和就业支出
\t1,500,000.00
\t1,000,000.00
\t500,000.00


page number
[bookmark: _Toc_9_2]部门预算一般公共预算财政拨款基本支出表
\t612紫阳县民政局
\t预算年度：2022
\t单位：元

\t序号
\t支出经济分类科目
\t一般公共预算基本支出

\t
\t科目编码
\t科目名称
\t合计
\t人员经费
\t公用经费

\t1
\t301
\t工资福利支出
\t800,000.00
\t800,000.00
\t

注：本表不含上年结转。
第二部分 绩效目标
1、困难群众救助补助资金
绩效目标表
\t单位：元

\t绩效目标
\t1.保障困难群众基本生活。\t\t\t

2.提高救助标准。

\t一级指标
\t二级指标
\t三级指标
\t指标值

\t产出指标
\t数量指标
\t救助人数

\t≥3000人

\t满意度指标
\t服务对象满意度指标
\t受助群众满意度
\t≥90%
"""


def test_synthetic_cell_per_line_document(tmp_path: Path) -> None:
    doc = read_text(write(tmp_path, "ziyang.txt", CPL_DOC))
    assert (doc.department, doc.year, doc.shape) == ("紫阳县民政局", 2022, "cell-per-line")
    assert titles(doc) == [
        ("", "部门预算支出总表", "元"),
        ("", "部门预算一般公共预算财政拨款基本支出表", "元"),
        ("", "困难群众救助补助资金绩效目标表", "元"),
    ]
    t1, t2, t3 = doc.tables
    assert t1.header_rows == 3
    assert t1.columns() == [
        "序号",
        "功能分类科目/科目编码",
        "功能分类科目/科目名称",
        "合计",
        "基本支出",
        "项目支出",
    ]
    assert t1.body_grid() == [
        ["1", "", "合计", "1,500,000.00", "1,000,000.00", "500,000.00"],
        ["2", "208", "社会保障和就业支出", "1,500,000.00", "1,000,000.00", "500,000.00"],
    ]
    assert t2.columns()[3:] == [
        "一般公共预算基本支出/合计",
        "一般公共预算基本支出/人员经费",
        "一般公共预算基本支出/公用经费",
    ]
    assert t2.notes == ["注：本表不含上年结转。"]
    assert t3.project == "困难群众救助补助资金"
    assert t3.grid()[0][0] == "绩效目标" and "2.提高救助标准。" in t3.grid()[0][1]
    assert t3.body_grid() == [
        ["产出指标", "数量指标", "救助人数", "≥3000人"],
        ["满意度指标", "服务对象满意度指标", "受助群众满意度", "≥90%"],
    ]


# --------------------------------------------------------------------------- synthetic: space-aligned


def aligned_doc() -> str:
    widths = [16, 24, 12, 12, 12]
    rows = [
        ["功能科目编码", "功能科目名称", "合计", "基本支出", "项目支出"],
        ["", "合计", "356.20", "300.00", "56.20"],
        ["213", "农林水支出", "356.20", "300.00", "56.20"],
        ["21302", "林业和草原", "356.20", "300.00", "56.20"],
        ["2130201", "行政运行", "300.00", "300.00", ""],
        ["2130234", "林业草原防灾减灾", "56.20", "", "56.20"],
    ]
    out = [
        "宁陕县林业局2021年部门预算公开",
        "",
        " " * 30 + "表3",
        " " * 10 + "宁陕县林业局2021年一般公共预算支出表",
        " " * 60 + "单位：万元",
    ]
    for i, row in enumerate(rows):
        cells = []
        for j, (text, w) in enumerate(zip(row, widths, strict=True)):
            numeric = i > 0 and j >= 2
            cells.append(text.rjust(w) if numeric else text.ljust(w))
        out.append("  ".join(cells).rstrip())
    out += [
        "",
        "注：数据来源于部门预算系统。",
        "",
        "第三部分 名词解释",
        "基本支出：指为保障机构正常运转而发生的支出，说明文字。",
    ]
    return "\n".join(out) + "\n"


def test_synthetic_aligned_document(tmp_path: Path) -> None:
    doc = read_text(write(tmp_path, "ningshan.txt", aligned_doc()))
    assert (doc.department, doc.year, doc.shape) == ("宁陕县林业局", 2021, "aligned")
    assert titles(doc) == [("表3", "宁陕县林业局2021年一般公共预算支出表", "万元")]
    (t,) = doc.tables
    assert t.columns() == ["功能科目编码", "功能科目名称", "合计", "基本支出", "项目支出"]
    body = t.body_grid()
    assert body[0] == ["", "合计", "356.20", "300.00", "56.20"]
    assert body[3] == ["2130201", "行政运行", "300.00", "300.00", ""]
    assert body[4] == ["2130234", "林业草原防灾减灾", "56.20", "", "56.20"]
    assert t.notes == ["注：数据来源于部门预算系统。"]
    assert not any("名词解释" in c.text for c in t.cells)


def _render_pdf(tmp_path: Path) -> Path:
    """A born-digital PDF with a two-row header and a column no body row fills."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "hanyin.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 14)
    c.drawString(280, 800, "表2")
    c.drawString(150, 780, "汉阴县农业农村局2024年部门收入总表")
    c.setFont("STSong-Light", 9)
    c.drawString(480, 760, "单位：元")
    for x, text in ((40, "科目编码"), (100, "科目名称"), (250, "合计"), (360, "本年收入"), (500, "上年结转")):
        c.drawString(x, 740, text)
    for x, text in ((300, "财政拨款"), (370, "事业收入"), (430, "其他收入")):
        c.drawString(x, 725, text)
    rows = [
        ["", "合计", "1,234.50", "1,200.00", "34.50"],
        ["213", "农林水支出", "1,234.50", "1,200.00", "34.50"],
        ["2130101", "行政运行", "800.00", "800.00", ""],
        ["2139999", "其他农林水支出", "434.50", "400.00", "34.50"],
    ]
    y = 705
    for row in rows:
        for i, (x, text) in enumerate(zip((40, 100, 250, 300, 370), row, strict=True)):
            if text:
                (c.drawRightString(x + 50, y, text) if i >= 2 else c.drawString(x, y, text))
        y -= 16
    c.drawString(40, y - 10, "注：本表反映部门当年收入情况。")
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("mode, shape", [("-layout", "aligned"), ("-raw", "collapsed")])
def test_pdftotext_renderings(tmp_path: Path, mode: str, shape: str) -> None:
    pdf = _render_pdf(tmp_path)
    out = tmp_path / f"hanyin{mode}.txt"
    subprocess.run(["pdftotext", mode, str(pdf), str(out)], check=True, timeout=60)
    doc = read_text(str(out))
    assert doc.shape == shape
    assert (doc.department, doc.year, len(doc.pages)) == ("汉阴县农业农村局", 2024, 1)
    assert titles(doc) == [("表2", "汉阴县农业农村局2024年部门收入总表", "元")]
    (t,) = doc.tables
    assert t.notes == ["注：本表反映部门当年收入情况。"]
    if mode == "-layout":
        assert t.columns() == [
            "科目编码", "科目名称", "合计",
            "本年收入/财政拨款", "本年收入/事业收入", "本年收入/其他收入", "上年结转",
        ]  # fmt: skip
        body = t.body_grid()
        assert body[2] == ["2130101", "行政运行", "800.00", "800.00", "", "", ""]
        assert body[3] == ["2139999", "其他农林水支出", "434.50", "400.00", "34.50", "", ""]
    else:
        assert any("2139999" in c.text for c in t.cells)


GENERATED = (
    sorted(p for p in (SAMPLES / "generated").glob("synth_*") if (p / "gold.json").is_file())
    if (SAMPLES / "generated").is_dir()
    else []
)
# rendering → (shape, share of the gold body rows that must come out whole)
RENDERINGS = {"tsv": 0.9, "cells": 0.9, "layout_txt": 0.7, "raw_txt": None}


def _row_keys(rows: list[list[str]]) -> list[tuple[str, ...]]:
    return [k for k in (tuple("".join(c.split()) for c in r if c.strip()) for r in rows) if k]


@pytest.mark.parametrize("doc_dir", GENERATED[:8], ids=lambda p: p.name)
def test_generated_documents_match_their_gold(doc_dir: Path) -> None:
    """Synthetic documents (other counties, departments, years, 决算 and 预算) rendered as
    tab-separated text, cell-per-line text, pdftotext -layout and -raw."""
    from extract.headers import is_performance_grid

    gold = json.loads((doc_dir / "gold.json").read_text(encoding="utf-8"))
    docs = {}
    for key in RENDERINGS:
        r = gold["renderings"][key]
        path = doc_dir / r["file"]
        docs[key] = (r, path.read_text(encoding="utf-8"), read_text(str(path)))
    want = gold["tables"]
    for key, (r, text, doc) in docs.items():
        assert doc.shape == r["shape"], key
        assert (doc.department, doc.year) == (gold["department"], gold["year"]), key
        assert ["".join(t.title.split()) for t in doc.tables] == [
            "".join(w["title"].split()) for w in want
        ], key
        lines = {line.strip(" \f#") for line in text.splitlines() if "\t" not in line}
        hit = total = 0
        for t, w in zip(doc.tables, want, strict=True):
            printed = w["label"] and any(x == w["label"] or x.startswith(w["label"] + " ") for x in lines)
            assert t.label == (w["label"] if printed else ""), (key, w["title"])
            if not is_performance_grid(t.grid()):
                assert t.unit == w["unit"], (key, w["title"])
            assert t.notes == w["notes"], (key, w["title"])
            mine = set(_row_keys(t.grid()))
            gold_rows = _row_keys(w["body"])
            total += len(gold_rows)
            hit += sum(1 for k in gold_rows if k in mine)
        if RENDERINGS[key] is not None and total:
            assert hit / total >= RENDERINGS[key], (key, hit, total)


# --------------------------------------------------------------------------- segmentation details


def test_inline_toc_lines_are_not_table_headings(tmp_path: Path) -> None:
    text = "目 录\n表1  部门收支总表\n表2  部门收入总表\n表3  部门支出总表\n\n表1\n\n部门收支总表\n单位：元\n项目  预算数\n一、财政拨款  10.00\n"
    doc = read_text(write(tmp_path, "toc.txt", text))
    assert [(t.label, t.title) for t in doc.tables] == [("", "目 录"), ("表1", "部门收支总表")]


def test_blocks_record_their_parts() -> None:
    lines = [
        "表7",
        "",
        "某表",
        "（2023年度）",
        "单位：元",
        "",
        "a\tb",
        "1\t2.00",
        "",
        "注：说明。",
        "",
        "正文。",
    ]
    (b,) = segment.segment(lines)
    assert (b.label, b.title, b.unit, b.shape) == ("表7", "某表", "元", "tsv")
    assert (b.body_start, b.body_end, b.end) == (6, 8, 10)
    assert b.notes == ["注：说明。"]
    assert b.preamble == ["（2023年度）", "单位：元"]


def test_line_kinds_and_shapes() -> None:
    assert segment.line_kind("\t序号") == "cell"
    assert segment.line_kind("\t1.目标\t\t\t") == "cell"
    assert segment.line_kind("\t合计\t1.00") == "row"
    assert segment.line_kind("page number") == "noise"
    assert segment.line_kind("  ") == "blank"
    assert (
        segment.block_shape(
            ["208 社会保障和就业支出 26.52 5.52 21", "210 卫生健康支出 338.37 291.87 11.5 35"]
        )
        == "collapsed"
    )
    assert (
        segment.block_shape(["208    社会保障    26.52     5.52", "210    卫生健康   338.37   291.87"])
        == "aligned"
    )


# --------------------------------------------------------------------------- headers


def test_count_header_rows() -> None:
    assert count_header_rows([["科目", "合计"], ["208", "1.00"]]) == 1
    assert (
        count_header_rows([["序号", "收入"], ["", "项目", "预算数"], ["栏次", "1", "2"], ["1", "x", "3.00"]])
        == 3
    )
    assert count_header_rows([["a", "b"], ["", "合计", ""], ["栏次", "1", "2"], ["", "", ""]]) == 3
    perf = [
        ["项目名称", "x"],
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        ["", "产出指标", "数量指标", "人数", "5人"],
    ]
    assert count_header_rows(perf) == 2


def test_column_number_rows() -> None:
    assert is_column_number_row(["栏次", "1", "2", "3"])
    assert is_column_number_row(["甲", "乙", "1", "2"])
    assert is_column_number_row(["1", "2", "3", "4"])
    assert not is_column_number_row(["1", "一、财政拨款", "4996.92"])
    assert not is_column_number_row(["3", "5"])


def test_stack_header_groups() -> None:
    rows = [["序号", "收入", "支出"], ["", "项目", "预算数", "项目", "预算数"]]
    upper, lower = stack_header(rows)
    assert [(s.col, s.colspan, s.rowspan) for s in upper] == [(0, 1, 2), (1, 2, 1), (3, 2, 1)]
    assert lower[0].dropped
    rows = [
        ["序号", "经济分类科目", "基本支出"],
        ["", "科目编码", "科目名称", "合计", "人员经费", "公用经费"],
    ]
    upper, _ = stack_header(rows)
    assert [(s.col, s.colspan) for s in upper] == [(0, 1), (1, 2), (3, 3)]
    rows = [["A", "B"], ["x", "y", "z", "w"]]  # no hint: split evenly
    upper, _ = stack_header(rows)
    assert [(s.col, s.colspan) for s in upper] == [(0, 2), (2, 2)]


def test_spread_header_padded_rows() -> None:
    rows = [["收 入", "", "支 出", "", ""], ["项目", "预算数", "项目", "预算数", "备注"]]
    upper, lower = spread_header(rows)
    assert [(s.col, s.colspan) for s in upper] == [(0, 2), (2, 3)]
    rows = [["科目", "", "合计", "本年收入", ""], ["编码", "名称", "", "拨款", "其他"]]
    upper, _ = spread_header(rows)
    assert [(s.col, s.colspan, s.rowspan) for s in upper] == [(0, 2, 1), (2, 1, 2), (3, 2, 1)]


def test_parsers_directly() -> None:
    t = tsv.parse_block(["a\tb\tc", "", "1\t2.00\t3.00"], 10)
    assert (t.header_rows, t.grid(), t.line_span) == (1, [["a", "b", "c"], ["1", "2.00", "3.00"]], (10, 12))
    t = cellperline.parse_block(["\ta", "\tb", "", "\t1", "\t2.00"], 5)
    assert t.grid() == [["a", "b"], ["1", "2.00"]] and t.cell(1, 1).line_span == (9, 9)
    t = aligned.parse_block(["名称      金额", "办公费    2.00", "差旅费   12.00"], 1)
    assert t.grid() == [["名称", "金额"], ["办公费", "2.00"], ["差旅费", "12.00"]]
    assert isinstance(t, Table) and t.seq == 0 and t.title == ""
    for parser in (tsv.parse_block, cellperline.parse_block, aligned.parse_block):
        empty = parser([], 1)
        assert empty.cells == [] and empty.title == ""
