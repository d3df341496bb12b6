"""Consistency checks: every rule on a table that passes and one that fails; the seeds' real inconsistencies."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from classify.analyze import analyze
from classify.checks import header_problem, part_key, run_checks
from classify.dictionary import CodeDictionary, normalize_name
from classify.findings import CheckResult, Finding
from classify.model import Extraction, TableVerdict
from classify.records import line_items
from extract import read
from extract.model import Cell, Document, Table, path_of
from tests.reason_text import en

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "samples" / "seeds"


def seed(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


@dataclass
class Typed(Table):
    """A test table with the type its verdict gets (``extraction`` makes the verdicts)."""

    table_type: str = ""
    type_confidence: float = 0.95


def table(
    seq: int,
    label: str,
    table_type: str,
    rows: list[list[str]],
    *,
    header_rows: int = 1,
    unit: str = "万元",
    title: str = "",
) -> Table:
    cells = [Cell(row=r, col=c, text=t) for r, row in enumerate(rows) for c, t in enumerate(row) if t]
    return Typed(
        seq=seq,
        title=title or label,
        label=label,
        cells=cells,
        header_rows=header_rows,
        unit=unit,
        table_type=table_type,
    )


def extraction(*tables: Typed) -> Extraction:
    doc = Document(source_file="t.txt", sha256="0" * 64, format="txt", tables=list(tables))
    ex = Extraction(doc, verdicts={t.seq: TableVerdict(t.table_type, t.type_confidence) for t in tables})
    for t in tables:
        ex.line_items.extend(line_items(t, t.table_type))
    return ex


def findings(result: CheckResult, check: str) -> list[Finding]:
    return [f for f in result.findings if f.check == check]


FUNC_HEADER = ["功能科目编码", "功能科目名称", "合计", "人员经费支出", "公用经费支出", "专项业务经费支出"]
BASIC_HEADER = ["功能科目编码", "功能科目名称", "合计", "人员经费支出", "公用经费支出"]


def function_table(rows: list[list[str]], seq: int = 5, label: str = "表5") -> Table:
    return table(seq, label, "gpb_expense_function", [FUNC_HEADER, *rows])


GOOD_FUNCTION = [
    ["", "合计", "364.89", "297.39", "11.5", "56"],
    ["210", "卫生健康支出", "364.89", "297.39", "11.5", "56"],
    ["21015", "医疗保障管理事务", "364.89", "297.39", "11.5", "56"],
    ["2101501", "行政运行", "267.78", "208.28", "8.5", "51"],
    ["2101550", "事业运行", "97.11", "89.11", "3", "5"],
]


# --------------------------------------------------------------------------- row sums


def test_row_sum_passes_and_verifies_every_cell() -> None:
    ex = extraction(function_table(GOOD_FUNCTION))
    result = run_checks(ex, rules=["row_sum"])
    assert not result.findings
    assert {(r.table_seq, r.row, r.col) for r in ex.line_items} <= result.verified


def test_row_sum_fails_with_a_readable_reason() -> None:
    rows = [list(r) for r in GOOD_FUNCTION]
    rows[4] = ["2101550", "事业运行", "97.11", "89.11", "3", ""]
    result = run_checks(extraction(function_table(rows)), rules=["row_sum"])
    (f,) = findings(result, "row_sum")
    assert "表5 row 2101550: 合计 97.11 ≠ 89.11 + 3 + 0" in en(f)
    assert f.severity == "error"
    assert {(5, 5, 2), (5, 5, 3), (5, 5, 4)} <= set(f.blame)
    # the blank part recovered from the sum is proposed, not applied
    assert any(r.kind == "missing" and r.new == "5" for r in f.repairs)


def test_row_sum_nested_three_public() -> None:
    header = [
        ["单位编码", "单位名称", "合计", "“三公”经费", "", "", "", "", "会议费", "培训费"],
        ["", "", "", "小计", "因公出国（境）费用", "公务接待费", "公务用车购置及运行费", "", "", ""],
        ["", "", "", "", "", "", "小计", "公务用车运行费", "", ""],
    ]
    cells = []
    for r, row in enumerate(header):
        for c, t in enumerate(row):
            if t:
                span = 5 if t == "“三公”经费" else 2 if t == "公务用车购置及运行费" else 1
                cells.append(Cell(row=r, col=c, text=t, colspan=span))
    good = ["308001", "某局", "9.5", "6.5", "1", "2", "3.5", "3.5", "1", "2"]
    bad = ["308002", "某中心", "9.5", "6.5", "1", "2", "3", "3.5", "1", "2"]
    for r, row in enumerate([good, bad], start=3):
        cells.extend(Cell(row=r, col=c, text=t) for c, t in enumerate(row) if t)
    t = Typed(seq=12, title="三公", label="表12", cells=cells, header_rows=3, unit="万元")
    t.table_type, t.type_confidence = "three_public", 0.95
    result = run_checks(extraction(t), rules=["row_sum"])
    messages = [en(f) for f in findings(result, "row_sum")]
    assert len(messages) == 2 and all("row 308002" in m or "row 某中心" in m for m in messages)
    assert "公务用车购置及运行费/小计 3 ≠ 3.5" in messages[0]
    assert "“三公”经费/小计 6.5 ≠ 1 + 2 + 3" in messages[1]


# --------------------------------------------------------------------------- hierarchy and column totals


def test_hierarchy_passes() -> None:
    result = run_checks(extraction(function_table(GOOD_FUNCTION)), rules=["hierarchy"])
    assert not result.findings
    assert result.checked[5] > 0 and not result.failed[5]


def test_hierarchy_fails_on_a_class_that_is_not_its_items_sum() -> None:
    rows = [list(r) for r in GOOD_FUNCTION]
    rows[2] = ["21015", "医疗保障管理事务", "364.89", "297.39", "11.5", "50"]
    result = run_checks(extraction(function_table(rows)), rules=["hierarchy"])
    messages = [en(f) for f in findings(result, "hierarchy")]
    assert any("row 21015: 专项业务经费支出 50 ≠ Σ its 2 sub-rows 21015…" in m for m in messages)
    assert any("row 210: 专项业务经费支出 56 ≠ Σ its 1 sub-rows" in m for m in messages)


def test_hierarchy_flags_a_malformed_child_code() -> None:
    rows = [
        ["", "合计", "10", "10", "", ""],
        ["210", "卫生健康支出", "10", "10", "", ""],
        ["21004", "公共卫生", "10", "10", "", ""],
        ["210499", "其他公共卫生支出", "10", "10", "", ""],
    ]
    result = run_checks(extraction(function_table(rows)), rules=["hierarchy"])
    (f, *_) = findings(result, "hierarchy")
    assert "row 21004" in en(f) and "210499" in en(f) and "malformed" in en(f)
    assert (5, 3, 2) in f.blame and (5, 4, 2) in f.blame


def test_column_total_passes_and_fails() -> None:
    assert not run_checks(extraction(function_table(GOOD_FUNCTION)), rules=["column_total"]).findings
    rows = [list(r) for r in GOOD_FUNCTION]
    rows[0] = ["", "合计", "364.89", "297.39", "11.5", "65"]
    (f,) = findings(run_checks(extraction(function_table(rows)), rules=["column_total"]), "column_total")
    assert "column 专项业务经费支出: 合计 65 ≠ Σ 1 top-level rows" in en(f)


# --------------------------------------------------------------------------- summary tables

SUMMARY_HEADER = [["收入", "", "支出", ""], ["项目", "预算数", "支出功能分类科目（按大类）", "预算数"]]


def summary(rows: list[list[str]]) -> Table:
    cells = []
    for r, row in enumerate([*SUMMARY_HEADER, *rows]):
        for c, t in enumerate(row):
            if t:
                cells.append(Cell(row=r, col=c, text=t, colspan=2 if r == 0 else 1))
    t = Typed(seq=4, title="财政拨款收支总表", label="表4", cells=cells, header_rows=2, unit="万元")
    t.table_type, t.type_confidence = "fiscal_summary", 0.95
    return t


GOOD_SUMMARY = [
    ["一、财政拨款", "364.89", "一、财政拨款", "364.89"],
    ["1、一般公共预算拨款", "364.89", "1、社会保障和就业支出", "26.52"],
    ["2、政府性基金拨款", "", "2、卫生健康支出", "338.37"],
    ["本年收入合计", "364.89", "本年支出合计", "364.89"],
]


def test_summary_items_and_income_expense_pass() -> None:
    result = run_checks(extraction(summary(GOOD_SUMMARY)), rules=["summary_items", "income_expense"])
    assert not result.findings, [en(f) for f in result.findings]


def test_income_must_equal_expenditure() -> None:
    rows = [list(r) for r in GOOD_SUMMARY]
    rows[0][1] = rows[1][1] = rows[3][1] = "4,682.92"
    result = run_checks(extraction(summary(rows)), rules=["income_expense"])
    (f,) = findings(result, "income_expense")
    assert "income 本年收入合计 4,682.92 ≠ expenditure 本年支出合计 364.89" in en(f)


def test_summary_item_sum_fails() -> None:
    rows = [list(r) for r in GOOD_SUMMARY]
    rows[2][3] = "328.37"
    result = run_checks(extraction(summary(rows)), rules=["summary_items"])
    assert any("一、财政拨款 364.89 ≠ Σ its items (26.52 + 328.37)" in en(f) for f in result.findings)


def test_amount_under_the_other_side_is_flagged_with_a_column_repair() -> None:
    t = summary(GOOD_SUMMARY)
    # the merged 收入 header lost its span: the income amount column is named 支出/预算数
    for c in t.cells:
        if c.row == 0:
            c.colspan = 1
        if c.row == 0 and c.col == 2:
            c.col, c.colspan = 1, 3
    result = run_checks(extraction(t), rules=["summary_items"])
    flagged = [f for f in result.findings if "but its name is in 收入 column" in en(f)]
    assert flagged and flagged[0].repairs[0].kind == "column" and flagged[0].repairs[0].new.startswith("收入")


# --------------------------------------------------------------------------- cross-table


def basic_table(rows: list[list[str]]) -> Table:
    return table(7, "表7", "gpb_basic_function", [BASIC_HEADER, *rows])


GOOD_BASIC = [
    ["", "合计", "308.89", "297.39", "11.5"],
    ["210", "卫生健康支出", "308.89", "297.39", "11.5"],
    ["21015", "医疗保障管理事务", "308.89", "297.39", "11.5"],
    ["2101501", "行政运行", "216.78", "208.28", "8.5"],
    ["2101550", "事业运行", "92.11", "89.11", "3"],
]


def test_basic_table_equals_expense_parts() -> None:
    result = run_checks(
        extraction(function_table(GOOD_FUNCTION), basic_table(GOOD_BASIC)), rules=["cross_table"]
    )
    assert not result.findings
    assert result.checked[5] and result.checked[7]


def test_basic_table_differs_from_expense_parts() -> None:
    rows = [list(r) for r in GOOD_BASIC]
    rows[4] = ["2101550", "事业运行", "92.11", "84.11", "3"]
    result = run_checks(extraction(function_table(GOOD_FUNCTION), basic_table(rows)), rules=["cross_table"])
    (f,) = findings(result, "cross_table")
    assert en(f) == "row 2101550 人员经费: 表7 84.11 ≠ 表5 89.11"
    assert (7, 5, 3) in f.blame and (5, 5, 3) in f.blame


def test_units_off_by_ten_thousand() -> None:
    rows = [[c if i < 2 or not c else str(float(c) * 10000) for i, c in enumerate(r)] for r in GOOD_BASIC]
    basic = basic_table(rows)
    result = run_checks(extraction(function_table(GOOD_FUNCTION), basic), rules=["cross_table"])
    units = findings(result, "units")
    assert units and "表7 amounts are 10000× 表5's" in en(units[0])


def test_function_and_economic_totals_agree() -> None:
    econ_header = ["经济科目编码", "经济科目名称", "合计", "人员经费支出", "公用经费支出", "专项业务经费支出"]
    econ = [
        ["", "合计", "364.89", "297.39", "11.5", "56"],
        ["301", "工资福利支出", "297.39", "297.39", "", ""],
        ["302", "商品和服务支出", "67.5", "", "11.5", "56"],
    ]
    ok = extraction(
        function_table(GOOD_FUNCTION), table(6, "表6", "gpb_expense_economic", [econ_header, *econ])
    )
    assert not run_checks(ok, rules=["cross_table"]).findings
    econ[0][5] = "55"
    bad = extraction(
        function_table(GOOD_FUNCTION), table(6, "表6", "gpb_expense_economic", [econ_header, *econ])
    )
    (f,) = findings(run_checks(bad, rules=["cross_table"]), "cross_table")
    assert "合计 row, column 项目" in en(f)


def test_part_key() -> None:
    assert part_key(("基本支出", "人员经费")) == part_key(("人员经费支出",)) == "人员经费"
    assert part_key(("基本支出", "小计")) == "基本支出"
    assert part_key(("人员经费", "预算数")) == "人员经费"
    assert part_key(("专项业务经费支出",)) == part_key(("项目支出",)) == "项目"


# --------------------------------------------------------------------------- dictionary


def test_dictionary_accepts_names_and_aliases() -> None:
    d = CodeDictionary.from_files()
    assert d.check("2101101", "行政单位医疗").status == "ok"
    assert d.check("2100499", "其它公共卫生支出").status == "ok"  # 其它 / 其他
    assert d.check("210", "医疗卫生与计划生育支出").status == "ok"  # an older name (alias)
    assert d.check("2101101", " 行政 单位医疗 ").status == "ok"  # spacing
    assert d.check("308001", "某局").status == "skip"  # a unit code


def test_dictionary_flags_misfits_and_proposes_codes() -> None:
    d = CodeDictionary.from_files()
    assert d.check("2107101", "行政单位医疗").status == "unknown"
    assert d.suggest("2107101", "行政单位医疗") == ["2101101"]
    assert d.suggest("210499", "其他公共卫生支出") == ["2100499"]
    assert d.check("301", "商品和服务支出").status == "mismatch"
    assert d.check("20801", "人和资源和社会保障管理事务").status == "near"
    assert d.check("30108", "机关事业单位基本养老").status == "near"  # cut short by a line break


def test_dictionary_learns_confirmed_names() -> None:
    d = CodeDictionary.from_files()
    assert d.check("2101101", "行政医疗（本级）").contradicts
    assert d.learn_from([("2101101", "行政医疗（本级）", "pending")]) == 0
    assert d.learn_from([("2101101", "行政医疗（本级）", "confirmed")]) == 1
    assert d.check("2101101", "行政医疗(本级)").status == "ok"
    assert normalize_name("1、其它 支出（一）") == "其他支出(一)"


def test_dictionary_check_on_records() -> None:
    rows = [list(r) for r in GOOD_FUNCTION]
    rows[3] = ["2107101", "行政单位医疗", "267.78", "208.28", "8.5", "51"]
    result = run_checks(extraction(function_table(rows)), rules=["dictionary"])
    (f,) = findings(result, "dictionary")
    assert "code 2107101 (行政单位医疗) is not in the classification dictionary" in en(f)
    assert f.repairs[0].kind == "code" and (f.repairs[0].old, f.repairs[0].new) == ("2107101", "2101101")
    assert len(f.blame) == 4  # every amount of the row


# --------------------------------------------------------------------------- headers and values


def test_header_problems() -> None:
    assert en(header_problem(path_of("人员经费公用经费"))).startswith("runs headers together")
    assert header_problem(path_of("一般公共预算拨款小计/单位编码"))
    assert en(header_problem(path_of("支出/部门预算支出经济分类科目（/预算数"))).startswith(
        "has a broken segment"
    )
    assert header_problem(path_of("收入/部门预算支出经济分类科目/项目"))
    for fine in (
        "科目编码/类",
        "支出/支出功能分类科目（按大类）",
        "收入/项目",
        "基本支出/人员经费",
        "一般公共预算基本支出/合计",
    ):
        assert header_problem(path_of(fine)) is None, fine


def test_header_check_on_a_misread_header() -> None:
    rows = [["功能科目编码", "功能科目名称", "合计", "人员经费支出公用经费支出"], ["", "合计", "10", "10"]]
    result = run_checks(extraction(table(5, "表5", "gpb_expense_function", rows)), rules=["header"])
    assert any("runs headers together" in en(f) for f in result.findings)


def test_an_amount_column_without_a_header_is_named_so() -> None:
    """Not 'header '' has no header' (issue 16): the column has no header, though it holds amounts."""
    rows = [["功能科目编码", "功能科目名称", "合计", ""], ["", "合计", "10", "10"]]
    result = run_checks(extraction(table(5, "表5", "gpb_expense_function", rows)), rules=["header"])
    missing = [
        f for f in result.findings if f.detail is not None and f.detail.code == "checks.header_missing"
    ]
    assert missing and missing[0].message == "表5第4列没有表头，但该列有金额；表头读错"
    assert not any("“”" in f.message for f in result.findings)


def test_performance_header_in_a_money_table() -> None:
    rows = [
        ["一级指标", "二级指标", "三级指标", "年度指标值", "分值", "得分"],
        ["产出指标", "数量指标", "培训人次", "≥100人", "10", "9"],
    ]
    result = run_checks(extraction(table(9, "", "project_expense", rows)), rules=["header"])
    assert any("a performance table" in en(f) for f in result.findings)


def test_values_check() -> None:
    # a 行次 column whose header was lost: its numbers read as amounts
    rows = [
        ["项目", "金额", "预算数"],
        ["一、财政拨款", "1", "10"],
        ["二、其他", "2", "0"],
        ["合计", "3", "10"],
    ]
    result = run_checks(extraction(table(2, "表2", "income_summary", rows)), rules=["values"])
    assert any("count rows" in en(f) for f in result.findings)
    ok = table(2, "表2", "income_summary", [["项目", "预算数"], ["一、财政拨款", "10"], ["合计", "10"]])
    assert not run_checks(extraction(ok), rules=["values"]).findings


# --------------------------------------------------------------------------- seeds


@pytest.fixture(scope="module")
def seed004() -> Extraction:
    return analyze(read(seed("004")))


@pytest.fixture(scope="module")
def seed000() -> Extraction:
    return analyze(read(seed("000")))


def _records(ex: Extraction, label: str, **match: str) -> list:
    seqs = {t.seq for t in ex.document.tables if t.label == label}
    return [
        r for r in ex.line_items if r.table_seq in seqs and all(getattr(r, k) == v for k, v in match.items())
    ]


def test_seed004_income_against_expenditure_is_pending(seed004: Extraction) -> None:
    (total,) = _records(seed004, "表4", name="本年收入合计")
    assert total.status == "pending"
    assert "income 本年收入合计 4,682.92 ≠ expenditure 本年支出合计 364.89" in en(total.reason)


def test_seed004_table7_row_21004_is_pending(seed004: Extraction) -> None:
    rows = _records(seed004, "表7", code="21004")
    assert rows and all(r.status == "pending" for r in rows)
    assert all("210499" in en(r.reason) for r in rows)
    # 表7 is the basic table: its 21004 equals 表5's 人员 + 公用 parts, and that check holds
    (personnel,) = _records(seed004, "表5", code="21004", column="人员经费支出")
    assert personnel.status == "auto"


def test_seed000_table7_row_21015_is_pending(seed000: Extraction) -> None:
    rows = _records(seed000, "表7", code="21015")
    assert len(rows) == 4 and all(r.status == "pending" for r in rows)
    assert any("合计 1,467,700.00 ≠ 774,700.00 + 63,000.00" in en(r.reason) for r in rows)
    assert any("备注" in en(r.reason) for r in rows)  # the fifth number, in a column that holds no amounts


@pytest.mark.parametrize("prefix", ["000", "001", "003", "004"])
def test_no_contradicted_record_is_auto_on_the_seeds(prefix: str) -> None:
    ex = analyze(read(seed(prefix)))
    blamed = {ref for f in ex.findings if f.severity == "error" for ref in f.blame}
    for r in ex.line_items:
        if (r.table_seq, r.row, r.col) in blamed:
            assert r.status == "pending" and en(r.reason), r
    # every finding of a table rule names the table(s) and the row or column involved (the audit's
    # document-level findings — a table missing, a name — carry their places instead)
    for f in ex.findings:
        if f.detail is not None:
            continue
        assert f.tables and f.evidence and (" row " in en(f) or " column " in en(f) or ":" in en(f))


def test_values_check_ignores_digits_that_are_not_ascii() -> None:
    # '¹' is a digit to str.isdigit but no int(): a column of them is not a 行次 column, and no crash
    rows = [["项目", "金额"], ["甲", "208"], ["乙", "208"], ["丙", "¹"]]
    result = run_checks(extraction(table(2, "表2", "income_summary", rows)), rules=["values"])
    assert not any("count rows" in en(f) for f in result.findings)
    counted = [["项目", "金额"], ["甲", "1"], ["乙", "2"], ["丙", "3"]]
    result = run_checks(extraction(table(2, "表2", "income_summary", counted)), rules=["values"])
    assert any("count rows" in en(f) for f in result.findings)


# ---------------------------------------------------------------- issue 13: checks on real layouts


def _summary_extraction(rows: list[list[str]], title: str = "收入支出决算总表", unit: str = "万元", extra=()):  # noqa: ANN001, ANN202
    from classify.analyze import analyze as _analyze
    from extract.model import Cell as _Cell
    from extract.model import Document as _Document
    from extract.model import Table as _Table

    def table(seq: int, rows: list[list[str]], title: str, header_rows: int) -> _Table:
        cells = [_Cell(r, c, t) for r, row in enumerate(rows) for c, t in enumerate(row) if t]
        return _Table(seq=seq, title=title, cells=cells, header_rows=header_rows, unit=unit, page=seq)

    tables = [table(1, rows, title, 2)] + [table(i + 2, r, t, 2) for i, (r, t) in enumerate(extra)]
    return _analyze(_Document("x.pdf", "0" * 64, "pdf", tables=tables))


def test_final_account_carry_over_identity() -> None:
    """A 决算's 本年收入合计 ≠ 本年支出合计 by design: 年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余."""
    rows = [
        ["收入", "", "支出", ""],
        ["项目", "决算数", "项目", "决算数"],
        ["一、一般公共预算财政拨款收入", "100.00", "一、一般公共服务支出", "110.00"],
        ["本年收入合计", "100.00", "本年支出合计", "110.00"],
        ["年初结转和结余", "15.00", "年末结转和结余", "5.00"],
        ["总计", "115.00", "总计", "115.00"],
    ]
    ex = _summary_extraction(rows)
    assert not [f for f in ex.findings if f.check == "income_expense"]
    rows[4][3] = "6.00"  # the identity broken: found
    ex = _summary_extraction(rows)
    assert [f for f in ex.findings if f.check == "income_expense" and "年初结转和结余" in en(f)]


def test_income_total_not_compared_with_expense_sub_columns() -> None:
    rows = [
        ["收入", "", "支出", "", "", ""],
        ["项目", "预算数", "项目", "合计", "人员经费", "项目支出"],
        ["一、财政拨款收入", "10.00", "一、一般公共服务支出", "10.00", "4.00", "6.00"],
        ["收入总计", "10.00", "支出总计", "10.00", "4.00", "6.00"],
    ]
    ex = _summary_extraction(rows, title="部门财务收支预算总表", unit="元")
    assert not [f for f in ex.findings if f.check == "income_expense"]


def test_rounding_between_summary_and_function_table_is_info() -> None:
    rows = [
        ["收入", "", "支出", ""],
        ["项目", "预算数", "项目", "预算数"],
        ["一、一般公共预算拨款收入", "326.71", "一、一般公共服务支出", "326.71"],
        ["本年收入合计", "326.71", "本年支出合计", "326.71"],
    ]
    expense = [
        ["科目编码", "科目名称", "合计", "基本支出"],
        ["", "", "", ""],
        ["合计", "", "326.72", "326.72"],
        ["201", "一般公共服务支出", "326.72", "326.72"],
    ]
    ex = _summary_extraction(rows, title="部门收支预算总表", extra=[(expense, "部门支出预算总表")])
    found = [f for f in ex.findings if f.check == "rounding"]
    assert found and all(f.severity == "info" for f in found)
    assert "326.71" in en(found[0]) and "326.72" in en(found[0])


ECONOMIC_HEADER = ["经济科目编码", "经济科目名称", "合计", "公用经费"]


def _own_list_findings(rows: list[list[str]]) -> list[str]:
    from extract.model import Page

    t = table(8, "表8", "gpb_basic_economic", [ECONOMIC_HEADER, *rows], unit="元")
    ex = extraction(t)
    ex.document.pages = [Page(1, 595.0, 842.0, "", has_text_layer=True)]
    result = run_checks(ex, rules=["hierarchy", "dictionary"])
    return [f.detail.code for f in findings(result, "dictionary") if f.detail is not None]


def test_a_code_list_of_its_own_verified_by_sums_and_names_shifted_by_a_row_not() -> None:
    """A table numbering its items in a list of its own (302 02 咨询费, 302 03 水费: the national list's
    items with 印刷费 left out) whose rows add up into 302 is verified by its sums; the same names read
    one row above their codes (302 02 咨询费 beside 302 01 印刷费 …: the name each code's row should
    print stands one row up, in most rows) are a misreading: pending, with the dictionary's code proposed."""
    own = [
        ["302", "商品和服务支出", "100", "100"],
        ["30201", "办公费", "10", "10"],
        ["30202", "咨询费", "20", "20"],
        ["30203", "水费", "30", "30"],
        ["30204", "电费", "40", "40"],
    ]
    assert _own_list_findings(own) == ["checks.dictionary_other_list_summed"] * 3
    shifted = [
        ["302", "商品和服务支出", "100", "100"],
        ["30201", "印刷费", "10", "10"],
        ["30202", "咨询费", "20", "20"],
        ["30203", "手续费", "30", "30"],
        ["30204", "水费", "40", "40"],
    ]
    assert "checks.dictionary_other_list_summed" not in _own_list_findings(shifted)
    unsummed = [list(r) for r in own]
    unsummed[0] = ["302", "商品和服务支出", "90", "90"]
    assert "checks.dictionary_other_list_summed" not in _own_list_findings(unsummed)
