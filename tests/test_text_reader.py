"""extract.text.read_text on the real seed files: grids, headers, encodings, errors, speed."""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sample_files import SEEDS, seed

from extract.model import ReadError, Table
from extract.text import read_text


def read_seed(prefix: str):
    return read_text(str(seed(prefix)))


def by_label(doc, label: str) -> list[Table]:
    return [t for t in doc.tables if t.label == label]


def by_title(doc, title: str) -> list[Table]:
    return [t for t in doc.tables if t.title == title]


def row_starting(table: Table, first: str) -> list[str]:
    (row,) = [r for r in table.body_grid() if r and r[0] == first]
    return row


# --------------------------------------------------------------------------- all seeds


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_reads_with_provenance(path: Path) -> None:
    data = path.read_bytes()
    doc = read_text(str(path))
    assert doc.format == "txt"
    assert doc.encoding == "utf-8"
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.source_file == str(path)
    expected = data.decode("utf-8").split("\n")
    if expected[-1] == "":
        expected.pop()
    assert doc.lines == expected
    assert [p.number for p in doc.pages] == [1]
    assert [t.seq for t in doc.tables] == list(range(1, len(doc.tables) + 1))
    for t in doc.tables:
        assert t.page == 1
        assert t.title
        lo, hi = t.line_span
        assert 1 <= lo <= hi <= len(doc.lines)
        for c in t.cells:
            assert c.line_span is not None
            a, b = c.line_span
            assert lo <= a <= b <= hi, (t.title, c)
            # the cell text is printed on the lines it claims
            if c.text and "\n" not in c.text and doc.shape != "collapsed":
                assert any(c.text.split()[0] in doc.lines[k - 1] for k in range(a, b + 1)), (t.title, c)


# --------------------------------------------------------------------------- 000 (tab-separated)


def test_000_table5_grid_and_columns() -> None:
    doc = read_seed("000")
    (t,) = by_label(doc, "表5")
    assert t.header_rows == 1
    assert t.columns() == [
        "功能科目编码",
        "功能科目名称",
        "合计",
        "人员经费支出",
        "公用经费支出",
        "专项业务经费支出",
        "备注",
    ]
    body = t.body_grid()
    # the 合计 row and the 14 coded rows 208 … 2210201 (lines 79-93)
    assert len(body) == 15
    assert body[0] == ["", "合计", "1,704,000.00", "1,011,000.00", "63,000.00", "630,000.00", ""]
    assert [r[0] for r in body[1:]] == [
        "208", "20805", "2080505", "20899", "2089999", "210", "21011", "2101101",
        "21015", "2101501", "2101599", "221", "22102", "2210201",
    ]  # fmt: skip
    assert row_starting(t, "2101599") == [
        "2101599",
        "其他医疗保障管理事务支出",
        "630,000.00",
        "",
        "",
        "630,000.00",
        "",
    ]
    cell = t.cell(t.header_rows, 2)
    assert cell is not None and cell.line_span == (79, 79)


def test_000_table7_keeps_the_number_without_a_column() -> None:
    doc = read_seed("000")
    (t,) = by_label(doc, "表7")
    assert t.columns() == ["功能科目编码", "功能科目名称", "合计", "人员经费支出", "公用经费支出", "备注"]
    row = row_starting(t, "21015")
    assert row == ["21015", "医疗保障管理事务", "1,467,700.00", "774,700.00", "63,000.00", "630,000.00"]
    assert t.columns()[5] == "备注"


def test_000_table4_merged_header_cells() -> None:
    doc = read_seed("000")
    (t,) = by_label(doc, "表4")
    assert t.header_rows == 2
    assert t.columns()[:4] == ["收入/项目", "收入/预算数", "支出/支出功能分类科目（按大类）", "支出/预算数"]
    assert t.columns()[7] == "支出/预算数"
    top = {c.text: c for c in t.cells if c.row == 0}
    assert top["收 入"].colspan == 2 and top["支 出"].colspan == 6
    assert row_starting(t, "收入总计")[:2] == ["收入总计", "1,704,000.00"]


def test_000_performance_tables_keep_their_grid() -> None:
    doc = read_seed("000")
    perf = by_label(doc, "表13")
    assert len(perf) == 7
    t = perf[0]
    grid = t.grid()
    assert grid[0][0] == "项目名称" and "领导干部体检" in grid[0]
    # header rows end with the 一级指标 row (documented convention)
    assert grid[t.header_rows - 1][:5] == ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值"]
    body = t.body_grid()
    assert len(body) == 11
    assert body[0][1:5] == ["成本指标", "经济成本", "按照以前年度计算成本", "≤13万元"]
    assert body[-1][1:5] == ["满意度指标", "服务对象满意度指标", "体检人员满意度", "≥95%"]
    assert t.columns()[1:5] == ["一级指标", "二级指标", "三级指标", "指标值"]
    assert t.notes[0].startswith("注") and len(t.notes) == 2
    # the misaligned row of the second project stays as printed
    assert ["", "现场检查发现问题线索处理率", "", "100%", "5", ""] in perf[1].body_grid()


def test_000_empty_tables_and_toc() -> None:
    doc = read_seed("000")
    toc = by_title(doc, "目 录")[0]
    assert toc.columns() == ["报表", "报表名称", "是否空表", "公开空表理由"]
    assert len(toc.body_grid()) == 15
    assert by_label(doc, "表9")[0].empty
    assert by_label(doc, "表15")[0].empty
    assert not any(t.empty for t in doc.tables if t.label not in ("表9", "表15"))


# --------------------------------------------------------------------------- 002 (two column groups)


def test_002_side_by_side_groups_are_kept() -> None:
    doc = read_seed("002")
    assert len(doc.tables) == 8
    t = doc.tables[0]
    assert t.project == "综合业务费"
    header = t.grid()[t.header_rows - 1]
    assert header == [
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "二级指标",
        "三级指标",
        "指标值",
    ]
    first = t.body_grid()[0]
    assert first == [
        "",
        "产出指标",
        "数量指标",
        "指标1:",
        "",
        "数量指标",
        "业务人员参加上级部门业务培训",
        "全部参加",
    ]
    # placeholders of the 中期 group stay in the grid
    assert sum(1 for r in t.body_grid() if "指标2:" in r) >= 5


# --------------------------------------------------------------------------- 001 / 003 (cell per line)


def test_001_summary_table_rows_and_header() -> None:
    doc = read_seed("001")
    t = by_title(doc, "部门预算收支总表")[0]
    assert t.header_rows == 3  # upper row, lower row, 栏次 row
    assert t.columns() == ["序号", "收入/项目", "收入/预算数", "支出/项目", "支出/预算数"]
    body = t.body_grid()
    assert [r[0] for r in body] == [str(i) for i in range(1, 35)]  # 序号 kept as a column
    assert body[0] == ["1", "一、一般公共预算拨款收入", "4996.92", "一、一般公共服务支出", ""]
    assert body[-1] == ["34", "收入总计", "4996.92", "支出总计", "4996.92"]
    assert t.grid()[2][0] == "栏次"


def test_001_income_table_columns() -> None:
    doc = read_seed("001")
    t = by_title(doc, "部门预算收入总表")[0]
    cols = t.columns()
    assert cols[:5] == ["序号", "功能分类科目/科目编码", "功能分类科目/科目名称", "合计", "本年收入/小计"]
    assert cols[5] == "本年收入/财政拨款收入"
    assert cols[11] == "本年收入/其他收入" and cols[12] == "上年结转"
    assert row_starting(t, "4")[:6] == [
        "4",
        "2080505",
        "机关事业单位基本养老保险缴费支出",
        "41.50",
        "41.50",
        "41.50",
    ]
    upper = {c.text: c for c in t.cells if c.row == 0}
    assert upper["序号"].rowspan == 2 and upper["合计"].rowspan == 2
    assert upper["本年收入"].colspan == 8 and upper["功能分类科目"].colspan == 2


def test_001_fiscal_table_splits_at_repeated_label() -> None:
    doc = read_seed("001")
    t = by_title(doc, "部门预算财政拨款收支总表")[0]
    assert t.columns() == [
        "序号", "收入/项目", "收入/金额", "支出/项目", "支出/合计",
        "支出/一般公共预算财政拨款", "支出/政府性基金预算财政拨款", "支出/国有资本经营预算财政拨款",
    ]  # fmt: skip
    basic = by_title(doc, "部门预算一般公共预算财政拨款基本支出表")[0]
    assert basic.columns()[1:] == [
        "支出部门经济分类科目/科目编码", "支出部门经济分类科目/科目名称",
        "一般公共预算基本支出/合计", "一般公共预算基本支出/人员经费", "一般公共预算基本支出/公用经费",
    ]  # fmt: skip


def test_001_performance_table_rows_rejoined() -> None:
    doc = read_seed("001")
    t = by_title(doc, "长期护理保险办公经费绩效目标表")[0]
    assert t.project == "长期护理保险办公经费"
    assert t.columns() == ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"]
    body = t.body_grid()
    assert len(body) == 9
    assert all(len(r) == 6 for r in body)
    # a row the export split with a blank line comes back whole
    assert body[4] == [
        "效益指标",
        "社会效益指标",
        "参保人员待遇到位率",
        "符合政策条件的参保人员待遇到位落实率",
        "100%",
        "长期护理保险补偿人次",
    ]
    goal = t.grid()[0]
    assert goal[0] == "绩效目标" and "2.建立完善从业人员培养机制" in goal[1] and "3.提升" in goal[1]
    goal_cell = t.cell(0, 1)
    assert goal_cell is not None and goal_cell.colspan == 5
    poor = by_title(doc, "医疗保障防贫防返贫工作绩效目标表")[0]
    assert poor.body_grid()[0][3:5] == ["发放脱贫政策明白册数量", "≥40000册"]


def test_001_procurement_assets_and_institutions() -> None:
    doc = read_seed("001")
    proc = by_title(doc, "部门政府采购预算")[0]
    assert proc.empty and proc.unit == "万元" and len(proc.notes) == 2
    assert proc.columns()[7] == "政府采购金额（当年部门预算安排资金）/合计"
    assets = by_title(doc, "部门固定资产占用情况表")[0]
    assert assets.body_grid()[0] == ["资产总额", "", "71.12"]
    inst = by_title(doc, "部门机构设置情况")[0]
    assert inst.columns() == ["单位名称", "单位性质", "单位规格", "经费保障形式"]
    assert inst.body_grid() == [["平乡县医疗保障局本级", "行政", "正科级", "财政拨款"]]
    # prose and 'page number' noise are not rows of any table
    assert not any("page number" in c.text or "部门职责" in c.text for t in doc.tables for c in t.cells)


def test_003_cell_per_line_tables() -> None:
    doc = read_seed("003")
    proc = by_title(doc, "部门政府采购预算")[0]
    assert not proc.empty
    row = [r for r in proc.body_grid() if r[2] == "台式计算机"][0]
    assert row[:9] == ["公用经费二", "51.00", "台式计算机", "A02010105", "台", "6", "0.50", "3.00", "3.00"]
    perf = by_title(doc, "离休人员医疗费县级配套资金绩效目标表")[0]
    assert perf.unit == "万元" and perf.project == "离休人员医疗费县级配套资金"
    grid = perf.grid()
    assert grid[0] == [
        "项目编码",
        "13043326P000028100015",
        "项目名称",
        "离休人员医疗费县级配套资金",
        "",
        "",
        "",
    ]
    assert grid[perf.header_rows - 1][:3] == ["一级指标", "二级指标", "三级指标"]
    assert len(perf.body_grid()) == 7
    income = by_title(doc, "部门预算收入总表")[0]
    assert income.notes == ["注：表中金额不含预计下年使用的单位资金结余。"]


# --------------------------------------------------------------------------- 004 (collapsed)


def test_004_bodies_come_from_the_collapsed_reader() -> None:
    doc = read_seed("004")
    assert doc.shape == "collapsed"
    assert [t.label for t in doc.tables] == [f"表{i}" for i in range(1, 17)]
    assert all(t.unit == "万元" for t in doc.tables)
    t5 = by_label(doc, "表5")[0]
    assert any("2080107" in c.text for c in t5.cells)
    assert not any(c.text.startswith("注") for c in by_label(doc, "表11")[0].cells)
    assert by_label(doc, "表11")[0].notes[0].startswith("注：项目类别")
    assert by_label(doc, "表14")[0].notes[0].startswith("备 注")
    # nothing before 表1 (the prose part) is read as a table
    assert doc.tables[0].line_span[0] == 308


# --------------------------------------------------------------------------- encodings and errors


def test_gb18030_and_bom_files(tmp_path: Path) -> None:
    text = seed("000").read_text(encoding="utf-8")
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(text.encode("gb18030"))
    doc = read_text(str(gbk))
    assert doc.encoding == "gb18030"
    assert doc.department == "略阳县医疗保障局" and len(doc.tables) == 17
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    doc = read_text(str(bom))
    assert doc.encoding == "utf-8-sig" and doc.lines[2] == "附件3"
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    assert [t.title for t in read_text(str(crlf)).tables] == [t.title for t in doc.tables]


def test_form_feeds_make_pages(tmp_path: Path) -> None:
    page1 = "表1\n\n部门收支总表\n\n单位：万元\n\n项目\t预算数\n一、财政拨款\t10.00\n"
    page2 = "表2\n\n部门支出总表\n\n单位：万元\n\n科目编码\t科目名称\t合计\n205\t教育支出\t10.00\n"
    path = tmp_path / "pages.txt"
    path.write_text(page1 + "\f" + page2 + "\f", encoding="utf-8")
    doc = read_text(str(path))
    assert [p.number for p in doc.pages] == [1, 2]
    assert [(t.label, t.page) for t in doc.tables] == [("表1", 1), ("表2", 2)]
    assert not any("\f" in line for line in doc.lines)


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"", "empty"),
        (b"   \n\n\t\n", "no text"),
        (b"\x00\x01\x02binary\x00\xff", "binary"),
        (bytes(range(256)) * 4, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ],
)
def test_unreadable_files_raise_read_error(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ReadError) as err:
        read_text(str(path))
    assert problem in err.value.problem.render("en")
    assert err.value.path == str(path)


def test_missing_file_and_directory_raise_read_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError):
        read_text(str(tmp_path / "nope.txt"))
    with pytest.raises(ReadError):
        read_text(str(tmp_path))


_CHARS = st.sampled_from(
    list("表12345单位：元万（）()注#\t\n \f*-.,%合计项目名称一级指标二级三级指标值收入支出栏次序号")
    + ["[bookmark: _Toc_1]", "部门预算收支总表", "## ", "\t\t", "1、", "绩效目标表", "page number", "  "]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(st.text(max_size=400), st.lists(_CHARS, max_size=120).map("".join)))
def test_arbitrary_text_never_raises_anything_but_read_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "any.txt"
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    try:
        doc = read_text(str(path))
    except ReadError:
        return
    assert [t.seq for t in doc.tables] == list(range(1, len(doc.tables) + 1))
    for t in doc.tables:
        t.columns()
        t.grid()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=600))
def test_arbitrary_bytes_never_raise_anything_but_read_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "any.bin"
    path.write_bytes(data)
    with contextlib.suppress(ReadError):
        read_text(str(path))
