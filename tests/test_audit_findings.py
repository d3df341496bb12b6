"""Audit findings (issue 15): the narrative kept, reconciled with the tables; completeness; consistency;
findings stored, exported, reported and marked in the review service."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from review_fixtures import csrf_of, login, make_app
from sample_files import REAL  # ../shared/real beside the project

from classify.analyze import analyze
from extract.pdf import read_pdf
from extract.text import read_text
from extract.vocabulary import compact
from review import store
from review.export import export
from samples.inject import EXPECTED, KINDS, narrated, plant
from samples.render import write_renderings
from samples.synth import make_document

FINAL = REAL / "上海市普陀区规划和自然资源局2024年度部门决算.pdf"
LABELS = Path(__file__).parent.parent / "samples" / "labels" / "real_findings.json"
SEED = 15000  # a seed no committed sample or training document uses
SERIOUS = ("warning", "error")


def _analysed(doc, tmp: Path, shape: str = "tsv"):
    info = write_renderings(doc, tmp, [shape], prose=True)
    return analyze(read_text(str(tmp / doc.doc_id / info[shape]["file"])))


def _audit(extraction) -> list:
    return [f for f in extraction.findings if f.detail is not None]


def test_text_keeps_the_narrative_with_its_lines(tmp_path: Path) -> None:
    doc = narrated(make_document(SEED))
    info = write_renderings(doc, tmp_path, ["tsv"], prose=True)
    path = tmp_path / doc.doc_id / info["tsv"]["file"]
    read = read_text(str(path))
    lines = path.read_text(encoding="utf-8").split("\n")
    heading = next(p for p in read.paragraphs if "编制说明" in p.text)
    assert heading.text == doc.preface[0]
    assert lines[heading.line_span[0] - 1].strip() == doc.preface[0]
    # no line of a table is a paragraph
    covered = {i for t in read.tables for i in range(t.line_span[0], t.line_span[1] + 1)}
    assert all(p.line_span[0] not in covered for p in read.paragraphs)


@pytest.mark.skipif(not FINAL.exists(), reason="real final account not available")
def test_pdf_keeps_the_narrative_and_finds_its_real_inconsistencies() -> None:
    extraction = analyze(read_pdf(FINAL))
    doc = extraction.document
    assert any("收入支出决算总体情况说明" in p.text and p.page == 20 for p in doc.paragraphs)
    found = {
        (f.check, f.detail.args.get("found", f.detail.args.get("text_value")), f.severity)
        for f in _audit(extraction)
    }
    # checked against the pages (samples/labels/real_findings.json)
    label = json.loads(LABELS.read_text(encoding="utf-8"))[FINAL.name]
    for want in label["findings"]:
        assert (want["check"], want["found"], want["severity"]) in found, want["note"]
    # the table sums that fail by 0.01 here are rounding (万元, two decimals): info, never an error
    serious = [f.message for f in extraction.findings if f.check in label["absent"] and f.severity in SERIOUS]
    assert not serious
    rounded = {
        f.check for f in extraction.findings if f.detail is not None and f.detail.code == "sum_rounding"
    }
    assert (
        rounded
        and rounded <= set(label["rounding"])
        and all(
            f.severity == "info"
            for f in extraction.findings
            if f.detail is not None and f.detail.code == "sum_rounding"
        )
    )


@pytest.mark.parametrize("kind", KINDS)
def test_every_planted_problem_is_found(kind: str, tmp_path: Path) -> None:
    for seed in (SEED, SEED + 1, SEED + 2):
        doc = plant(make_document(seed), kind)
        if doc is None:
            continue
        for shape in ("tsv", "cells"):
            found = {
                f.check
                for f in _analysed(doc, tmp_path / f"{seed}{shape}", shape).findings
                if f.severity in SERIOUS
            }
            assert found & EXPECTED[kind], f"seed {seed} {kind} {shape}: found only {sorted(found)}"


def test_a_clean_narrated_document_raises_no_audit_warning(tmp_path: Path) -> None:
    for seed in (SEED + 1, SEED + 2, SEED + 3):
        serious = [
            f.message
            for f in _audit(_analysed(narrated(make_document(seed)), tmp_path))
            if f.severity in SERIOUS
        ]
        assert not serious, f"seed {seed}: {serious}"


def test_rounding_by_one_in_the_last_digit_is_info(tmp_path: Path) -> None:
    doc = narrated(make_document(SEED + 1))
    for i, line in enumerate(doc.preface):
        if "预算收入" in line or "决算收入" in line:
            m = re.search(r"(收入)(\d[\d,]*\.\d\d)万元", line)
            assert m
            bumped = f"{float(m.group(2).replace(',', '')) + 0.01:.2f}"
            doc.preface[i] = line[: m.start(2)] + bumped + line[m.end(2) :]
            break
    findings = _audit(_analysed(doc, tmp_path))
    rounding = [f for f in findings if f.check == "narrative_rounding"]
    assert rounding and all(f.severity == "info" for f in rounding)
    assert not [f for f in findings if f.severity in SERIOUS]


def test_stated_rate_and_comparison_checked_against_their_own_figures(tmp_path: Path) -> None:
    doc = narrated(make_document(SEED + 1))
    doc.preface.append(
        "年初预算为100.00万元，支出决算为90.00万元，完成年初预算的95.00%。决算数大于预算数的主要原因是项目增加。"
    )
    checks = {f.check for f in _audit(_analysed(doc, tmp_path))}
    assert {"narrative_rate", "narrative_comparison"} <= checks


def test_findings_stored_exported_reported_and_marked(tmp_path: Path) -> None:
    doc = plant(make_document(SEED), "narrative_changed")
    info = write_renderings(doc, tmp_path / "docs", ["tsv"], prose=True)
    source = tmp_path / "docs" / doc.doc_id / info["tsv"]["file"]
    db = tmp_path / "work.db"
    run = [sys.executable, "-m", "digitize.cli"]
    subprocess.run([*run, "ingest", str(source), "--db", str(db), "--quiet"], check=True, capture_output=True)
    conn = store.connect(db)
    doc_id = conn.execute("SELECT id FROM documents").fetchone()["id"]
    assert conn.execute("SELECT count(*) FROM paragraphs WHERE document_id = ?", (doc_id,)).fetchone()[0] >= 4
    row = conn.execute("SELECT * FROM findings WHERE \"check\" = 'narrative_mismatch'").fetchone()
    assert row is not None and row["severity"] == "error" and row["message"].startswith("说明文字称")
    evidence = json.loads(row["evidence"])
    assert evidence["params"]["text_value"] and evidence["places"][0]["line_start"]
    export(conn, tmp_path / "out.db")
    out = sqlite3.connect(tmp_path / "out.db")
    assert (
        out.execute("SELECT count(*) FROM findings WHERE \"check\" = 'narrative_mismatch'").fetchone()[0] == 1
    )
    for fmt in ("html", "json", "csv"):
        res = subprocess.run(
            [*run, "report", doc_id, "--db", str(db), "--format", fmt],
            check=True,
            capture_output=True,
            text=True,
        )
        assert "narrative_mismatch" in res.stdout
    report = json.loads(
        subprocess.run([*run, "report", str(source), "--db", str(db), "--format", "json"], check=True,
                       capture_output=True, text=True).stdout
    )  # fmt: skip
    assert report["findings"][0]["severity"] == "error"
    bad = subprocess.run([*run, "report", "nope", "--db", str(db)], capture_output=True, text=True)
    assert bad.returncode != 0 and "no such document" in bad.stderr

    # the review service: findings page, a mark (audited), the rate on the dashboard
    from review import accounts

    accounts.add_user(conn, "ada", "ada-password", "reviewer")
    app = make_app(db)
    try:
        client = app.test_client()
        assert login(client, "ada").status_code == 302
        page = client.get(f"/documents/{doc_id}/findings").get_data(as_text=True)
        assert "说明文字称" in page
        token = csrf_of(client)
        res = client.post(
            f"/documents/{doc_id}/findings/{row['id']}/mark",
            data={"mark": "false_alarm", "csrf_token": token},
        )
        assert res.status_code == 302
        assert conn.execute("SELECT count(*) FROM review_audit WHERE kind = 'finding'").fetchone()[0] == 1
        dash = client.get("/").get_data(as_text=True)
        assert "narrative_mismatch" in dash and "100.0%" in dash
        assert "审核报告" in client.get(f"/documents/{doc_id}/report").get_data(as_text=True)
    finally:
        app.extensions["digitize_worker"].stop()


def test_cross_table_sums_in_the_text_rounding_is_info(tmp_path: Path) -> None:
    """The text's own 三公 and 基本支出 sums (extract.relations.sum_verdict): off by one unit of the
    last printed digit is info, more an error; 机关运行经费 tied to 公用经费 in one sentence."""
    doc = narrated(make_document(SEED + 1))
    doc.preface += [
        "“三公”经费预算支出1.00万元，其中因公出国（境）费0.30万元，公务接待费0.20万元，公务用车购置及运行费0.51万元。",
        "基本支出10.00万元，其中人员经费6.00万元、公用经费3.00万元。",
        "机关运行经费预算为999.99万元，即公用经费。",
    ]
    found = {(f.check, f.severity) for f in _audit(_analysed(doc, tmp_path))}
    assert ("cross_rounding", "info") in found
    assert ("basic_sum", "error") in found
    assert ("operating_expense", "error") in found
    assert not any(c == "three_public_sum" for c, _s in found)


def test_sum_verdict_and_nested_groups() -> None:
    from decimal import Decimal as D

    from extract.relations import last_digit, nested_groups, sum_verdict

    assert sum_verdict(D("1.00"), [D("0.5"), D("0.5")], D("0.01")) == ("holds", D("0"))
    assert sum_verdict(D("1.00"), [D("0.5"), D("0.51")], D("0.01"))[0] == "rounding"
    assert sum_verdict(D("1.00"), [D("0.5"), D("0.52")], D("0.01"))[0] == "fails"
    assert last_digit("1,234.5") == D("0.1") and last_digit("") == 0
    # 合计, a unit, two projects; then a second unit with one project
    assert nested_groups([D(x) for x in (9, 5, 2, 3, 4, 4)]) == [True, True, False, False, True, False]


def test_a_blank_three_public_table_run_into_the_next_is_found_in_raw_text(tmp_path: Path) -> None:
    """pdftotext -raw output: the blanked “三公” table, without amounts, is read together with the
    绩效目标表 after it; that table's 资金 figures are not “三公” figures, so the table is blank."""
    doc = plant(make_document(SEED + 2), "table_blanked")
    checks = {f.check for f in _analysed(doc, tmp_path, "raw_txt").findings if f.severity in SERIOUS}
    assert "narrative_blank_table" in checks


@pytest.mark.parametrize(("seed", "shape"), [(15001, "layout_txt"), (15000, "borderless_pdf")])
def test_reading_doubts_route_records_and_are_no_findings(seed: int, shape: str, tmp_path: Path) -> None:
    """Clean documents whose reading the checks doubt (a header run together, an amount placed in
    the wrong column, a page's tail read as a table of its own): the doubts send records to review,
    and no finding says the document is wrong."""
    doc = narrated(make_document(seed))
    info = write_renderings(doc, tmp_path, [shape], prose=True)
    path = tmp_path / doc.doc_id / info[shape]["file"]
    extraction = analyze(read_pdf(path) if path.suffix == ".pdf" else read_text(str(path)))
    assert not [f.message for f in extraction.findings if f.severity in SERIOUS]
    assert extraction.doubts and all(f.doubt for f in extraction.doubts)
    blamed = {ref for f in extraction.doubts if f.severity == "error" for ref in f.blame}
    pending = {(r.table_seq, r.row, r.col) for r in extraction.line_items if r.status == "pending"}
    assert blamed and blamed <= pending


def test_a_continued_borderless_table_keeps_its_columns_and_its_basic_sum_is_checked(tmp_path: Path) -> None:
    """A borderless table continued over pages whose repeated header is cut into other words on the
    next page (合 计 there, 合计 here) and grouped into other header rows: the repeat is dropped and
    the 人员经费 and 公用经费 columns stay apart (never one cell 58.265.84), so the basic-expenditure
    table's altered 公用经费 is found by basic_sum and the clean document raises nothing."""
    seed = SEED + 2
    for kind in ("clean", "basic_part"):
        doc = narrated(make_document(seed)) if kind == "clean" else plant(make_document(seed), kind)
        info = write_renderings(doc, tmp_path / kind, ["borderless_pdf"], prose=True)
        extraction = analyze(read_pdf(tmp_path / kind / doc.doc_id / info["borderless_pdf"]["file"]))
        glued = [
            c.text
            for t in extraction.document.tables
            for c in t.cells
            if re.fullmatch(r"\d+\.\d{2}\d+\.\d{2}", c.text.replace(",", ""))
        ]
        assert not glued, glued
        serious = {f.check for f in extraction.findings if f.severity in SERIOUS}
        if kind == "clean":
            assert not serious, serious
        else:
            assert serious & EXPECTED[kind], serious


def test_a_continued_part_whose_header_top_was_read_as_its_title_is_joined(tmp_path: Path) -> None:
    """The 收支总表's last rows on the next page repeat only the lower rows of its header (收入 |
    支出 and 序号 read as the part's title lines): the part is joined, takes the table's 万元, and the
    text's 收入 written in 元 is found as a unit mix-up (before: the part stood alone in 元 and
    matched the text's wrong unit)."""
    doc = plant(make_document(25002), "unit_mixup")
    info = write_renderings(doc, tmp_path, ["borderless_pdf"], prose=True)
    extraction = analyze(read_pdf(tmp_path / doc.doc_id / info["borderless_pdf"]["file"]))
    first = extraction.document.tables[0]
    assert any("本年收入合计" in c.text for c in first.cells) and first.unit == "万元"
    assert "narrative_unit" in {f.check for f in extraction.findings if f.severity in SERIOUS}


def test_a_sum_off_under_any_placement_is_a_finding_in_collapsed_text(tmp_path: Path) -> None:
    """An altered figure in collapsed text: its row adds up under no placement of its numbers, so the
    failing sums are the document's error, not a doubt of the reading."""
    doc = plant(make_document(SEED), "figure_altered")
    checks = {f.check for f in _analysed(doc, tmp_path, "raw_txt").findings if f.severity in SERIOUS}
    assert checks & EXPECTED["figure_altered"]


def _labelled() -> list[str]:
    names = [k for k in json.loads(LABELS.read_text(encoding="utf-8")) if not k.startswith("_")]
    return [n for n in names if n != FINAL.name]


@pytest.mark.parametrize("name", _labelled())
def test_real_table_findings_verified_against_the_page(name: str) -> None:
    """Each labelled finding of a real document is raised on the table of its page; the checks the
    label rules out raise nothing serious there."""
    path = REAL / name
    if not path.exists():
        pytest.skip(f"{name} not available")
    label = json.loads(LABELS.read_text(encoding="utf-8"))[name]
    extraction = analyze(read_pdf(path))
    pages = {t.seq: t.page for t in extraction.document.tables}
    serious = [f for f in extraction.findings if f.severity in SERIOUS]
    for want in label["findings"]:
        assert [
            f
            for f in serious
            if f.check == want["check"]
            and want["found"] in f.message
            and want["page"] in {pages.get(s) for s in f.tables}
        ], want["note"]
    assert not [f.message for f in serious if f.check in label["absent"]]


def _serious_checks(doc, tmp: Path, shape: str) -> set[str]:
    info = write_renderings(doc, tmp, [shape], prose=True)
    path = tmp / doc.doc_id / info[shape]["file"]
    extraction = analyze(read_pdf(path) if path.suffix == ".pdf" else read_text(str(path)))
    return {f.check for f in extraction.findings if f.severity in SERIOUS}


def test_a_continued_side_by_side_basic_table_keeps_its_total_and_its_basic_sum_is_checked(
    tmp_path: Path,
) -> None:
    """Layout text of a basic table printing 人员经费 and 公用经费 side by side, continued on a page
    whose 人员经费 group holds only its total: the 人员经费合计 amount stays in its own 预算数 column
    (it was read into the 公用经费 group's code column, so 人员经费 was lost), and the altered
    公用经费合计 is found by basic_sum."""
    doc = plant(make_document(25005), "basic_part")
    assert _serious_checks(doc, tmp_path, "layout_txt") & EXPECTED["basic_part"]


def test_a_fiscal_summary_fund_column_of_zeros_is_no_other_reckoning_of_the_total(tmp_path: Path) -> None:
    """A 决算 财政拨款收支总表 whose 政府性基金 / 国有资本经营 财政拨款 columns print 0.00 on the
    本年支出合计 row: those columns are parts of the total, not another reckoning of it, so the clean
    document raises no income_expense finding."""
    doc = narrated(make_document(35003))
    assert "income_expense" not in _serious_checks(doc, tmp_path, "tsv")


@pytest.mark.parametrize("seed", [35000, 35002])
def test_three_public_part_found_with_blank_cells(seed: int, tmp_path: Path) -> None:
    """A “三公” table whose items are rows with one part printed (the other rows blank), or whose
    items are columns with the 合计 column left blank: a blank cell of a printed row or column is 0,
    so the altered 公务接待费 is found by three_public_sum."""
    doc = plant(make_document(seed), "three_public_part")
    assert _serious_checks(doc, tmp_path, "tsv") & EXPECTED["three_public_part"]


def test_three_public_part_of_a_blank_table_found_in_raw_text(tmp_path: Path) -> None:
    """pdftotext -raw of a blank 决算 “三公” table (items as columns, 预算数 and 决算数 groups) whose
    决算数 公务接待费 was altered: the row's one number '3' adds up under no placement in its 12
    columns, so whichever column it sits in the “三公” total ≠ its parts, found by three_public_sum
    (the 合计 alone, its printed parts blank, is a sum)."""
    doc = plant(make_document(35000), "three_public_part")
    assert _serious_checks(doc, tmp_path, "raw_txt") & EXPECTED["three_public_part"]


def test_a_consistent_three_public_row_read_two_ways_is_no_finding(tmp_path: Path) -> None:
    """The same table printing 预算数 合计 3 = 因公出国 3 (决算数 blank): in raw text '3 3' fits four
    placements, each adding up; the records go to review (columns.ambiguous_row), no finding."""
    doc = narrated(make_document(35000))
    three = next(t for t in doc.tables if t.table_type == "three_public")
    three.body[0][0] = three.body[0][1] = "3"
    info = write_renderings(doc, tmp_path, ["raw_txt"], prose=True)
    extraction = analyze(read_text(str(tmp_path / doc.doc_id / info["raw_txt"]["file"])))
    assert not [f.message for f in extraction.findings if f.severity in SERIOUS]
    seq = next(t.seq for t in extraction.document.tables if "三公" in t.title)
    held = [r for r in extraction.line_items if r.table_seq == seq]
    assert held and all(r.status == "pending" for r in held)
    assert all(any(x.code == "columns.ambiguous_row" for x in r.reason) for r in held)


def test_a_cross_check_over_a_placement_left_open_is_no_finding(tmp_path: Path) -> None:
    """Raw text of a consistent “三公” table (预算数 合计 3 = 公务接待费 3) whose text quotes the same
    parts: '3 3' also fits 合计 + 因公出国, the placement kept; the text's 因公出国 0 against that one
    reading of several is no finding (before: three_public_text error 0 ≠ 3)."""
    doc = narrated(make_document(35000))
    three = next(t for t in doc.tables if t.table_type == "three_public")
    three.body[0][0] = three.body[0][5] = "3"
    doc.preface.insert(
        -1,
        "2019年“三公”经费年初预算3万元，其中因公出国（境）费0万元，公务接待费3万元，公务用车购置及运行费0万元。",
    )
    info = write_renderings(doc, tmp_path, ["raw_txt"], prose=True)
    extraction = analyze(read_text(str(tmp_path / doc.doc_id / info["raw_txt"]["file"])))
    assert not [f.message for f in extraction.findings if f.severity in SERIOUS]
    seq = next(t.seq for t in extraction.document.tables if "三公" in t.title)
    assert all(r.status == "pending" for r in extraction.line_items if r.table_seq == seq)


def test_a_three_public_column_whose_open_rows_are_zero_is_judged_in_raw_text(tmp_path: Path) -> None:
    """Raw text of a “三公” table whose items are rows and columns the funds (合计 | 一般公共预算 |
    政府性基金 | 国有资本经营): the rows '0.00 0.00' fit several placements, but whichever holds, each
    column of them is 0; the 合计 column is certain otherwise, so the altered 公务接待费 is found by
    three_public_sum (before: the open rows made every comparison of the table no finding)."""
    doc = plant(make_document(65005), "three_public_part")
    assert _serious_checks(doc, tmp_path, "raw_txt") & EXPECTED["three_public_part"]


def test_a_function_class_is_checked_against_a_income_table_by_function(tmp_path: Path) -> None:
    """A budget whose 一般公共预算支出表 holds the fiscal money only and whose 收入总表 prints the
    function classes of all the money (its 合计 = the summary's 本年支出合计): the summary's altered
    社会保障和就业支出 is found against the 收入总表's 类 208; the clean document raises nothing."""
    base = make_document(65005)
    assert "function_class_mismatch" in _serious_checks(plant(base, "class_altered"), tmp_path / "p", "tsv")
    assert not _serious_checks(narrated(base), tmp_path / "c", "tsv")


def test_two_amounts_read_as_one_cell_go_to_review_and_are_no_finding(tmp_path: Path) -> None:
    """Two amounts of a row printed without a space and read as one cell ('693,800.00363,100.00'):
    the record is pending with the doubt, and no finding says the document is wrong."""
    doc = narrated(make_document(SEED))
    info = write_renderings(doc, tmp_path, ["tsv"], prose=True)
    path = tmp_path / doc.doc_id / info["tsv"]["file"]
    lines = path.read_text(encoding="utf-8").split("\n")
    pair = re.compile(r"\t(\d[\d,]*\.\d\d)\t([1-9][\d,]*\.\d\d)(?=\t|$)")
    start = next(k for k, line in enumerate(lines) if "一般公共预算支出表" in line)
    k = next(k for k in range(start, len(lines)) if pair.search(lines[k]) and "合计" not in lines[k])
    lines[k] = pair.sub(lambda m: f"\t{m.group(1)}{m.group(2)}\t", lines[k], count=1)
    path.write_text("\n".join(lines), encoding="utf-8")
    extraction = analyze(read_text(str(path)))
    assert not [f.message for f in extraction.findings if f.severity in SERIOUS]
    glued = [r for r in extraction.line_items if any(x.code == "records.glued_amounts" for x in r.reason)]
    assert len(glued) == 1 and glued[0].status == "pending"


def test_short_rows_of_a_table_printed_larger_than_the_page_text_are_no_titles(tmp_path: Path) -> None:
    """A borderless 收支总表 printed in a larger font than the page's other table, continued on that
    page by two one-cell rows (二十八、债务付息支出 …) above its totals: those rows are as tall as the
    table's own rows, so no title; the part is joined with its 本年支出合计, and the altered function
    class is found against the function tables (the rows read as a title cut the part off)."""
    doc = plant(make_document(35004), "class_altered")
    info = write_renderings(doc, tmp_path, ["borderless_pdf"], prose=True)
    extraction = analyze(read_pdf(tmp_path / doc.doc_id / info["borderless_pdf"]["file"]))
    first = extraction.document.tables[0]
    assert {"二十九、债务发行费用支出", "本年支出合计"} <= {c.text for c in first.cells}
    assert "function_class_mismatch" in {f.check for f in extraction.findings if f.severity in SERIOUS}


def test_findings_page_sorted_by_severity_and_linked_to_the_cells(tmp_path: Path) -> None:
    """A document with an altered table figure (row_sum, an error over two cells) and a text sum off
    by 0.01 (cross_rounding, info): `digitize export` writes both to the dataset's findings (and its
    CSV); the findings page lists the error before the info, and the report and the page name where
    each compared cell is printed (the table's page, the cell's line) and link the cell's record."""
    doc = plant(make_document(SEED + 1), "figure_altered")
    doc.preface.append(
        "“三公”经费预算支出1.00万元，其中因公出国（境）费0.30万元，公务接待费0.20万元，公务用车购置及运行费0.51万元。"
    )
    info = write_renderings(doc, tmp_path / "docs", ["tsv"], prose=True)
    source = tmp_path / "docs" / doc.doc_id / info["tsv"]["file"]
    db = tmp_path / "work.db"
    run = [sys.executable, "-m", "digitize.cli"]
    subprocess.run([*run, "ingest", str(source), "--db", str(db), "--quiet"], check=True, capture_output=True)
    subprocess.run(
        [*run, "export", str(tmp_path / "out.db"), "--db", str(db), "--csv", str(tmp_path / "csv")],
        check=True,
        capture_output=True,
    )
    out = sqlite3.connect(tmp_path / "out.db")
    exported = {
        r[0]
        for r in out.execute("SELECT severity FROM findings WHERE \"check\" IN ('row_sum', 'cross_rounding')")
    }
    assert exported == {"error", "info"}
    assert "row_sum" in (tmp_path / "csv" / "findings.csv").read_text(encoding="utf-8-sig")

    report = json.loads(
        subprocess.run([*run, "report", str(source), "--db", str(db), "--format", "json"], check=True,
                       capture_output=True, text=True).stdout
    )  # fmt: skip
    lines = source.read_text(encoding="utf-8").split("\n")
    row_sum = next(f for f in report["findings"] if f["check"] == "row_sum")
    cells = [p for p in row_sum["places"] if p.get("cell")]
    assert len(cells) == len(row_sum["cells"]) >= 2 and row_sum["pages"] == [1]
    for p in cells:  # the line the cell is printed on holds its text
        assert p["text"] and p["text"] in lines[p["line_start"] - 1] and p["item"].startswith("li-")

    from review import accounts

    conn = store.connect(db)
    doc_id = conn.execute("SELECT id FROM documents").fetchone()["id"]
    accounts.add_user(conn, "ada", "ada-password", "reviewer")
    app = make_app(db)
    try:
        client = app.test_client()
        assert login(client, "ada").status_code == 302
        page = client.get(f"/documents/{doc_id}/findings").get_data(as_text=True)
        rows = re.findall(r'<tr id="f\d+" class="(\w+)"', page)
        assert "error" in rows and "info" in rows
        assert rows == sorted(rows, key=["error", "warning", "info"].index)
        item = cells[0]["item"]
        assert f'href="/items/{item}"' in page
    finally:
        app.extensions["digitize_worker"].stop()


def test_a_notice_allotting_a_fund_is_not_a_budget_missing_its_tables() -> None:
    """The real 长沙 notice allotting the 2025 普惠金融 fund (a scan: 通知 and its one 下达情况表)
    speaks of 部门预算支出经济科目 in a sentence but is no body's budget: it must not be told it lacks
    the 收支总表 and the rest (before: six required_missing warnings); the check says it was not made."""
    path = REAL / "长沙市财政局2025年普惠金融发展专项资金预算扫描件.pdf"
    if not path.exists():
        pytest.skip(f"{path.name} not available")
    from extract import read

    extraction = analyze(read(path))
    assert not [f.message for f in extraction.findings if f.check in ("required_missing", "toc_missing")]
    assert [f for f in extraction.findings if f.check == "required_unjudged" and f.severity == "info"]


def _fiscal_total_quoted(seed: int, tmp: Path, by: Decimal) -> list:
    """A narrated document whose text also states "财政拨款收支总预算x万元", the 财政拨款收支总表's
    收入总计 (yuan in the generated table) shifted by ``by`` 万元."""
    doc = narrated(make_document(seed))
    table = next(t for t in doc.tables if t.table_type == "fiscal_summary")
    row = next(r for r in table.body if r and compact(r[0]) == "收入总计")
    wan = Decimal(row[1].replace(",", "")) / 10000 + by
    doc.preface.insert(2, f"{doc.department}{doc.year}年财政拨款收支总预算{wan:.2f}万元。")
    return _audit(_analysed(doc, tmp))


def test_the_fiscal_grand_total_the_text_states_is_checked_against_its_table(tmp_path: Path) -> None:
    """ "财政拨款收支总预算x万元" (浙江, 江苏) / "财政拨款收入支出总计x万元" (决算) speaks of the
    财政拨款收支总表's 总计: as printed it raises nothing; off by 100万元 it is a narrative_mismatch."""
    same = _fiscal_total_quoted(SEED + 1, tmp_path / "same", Decimal(0))
    assert not [f.message for f in same if f.severity in SERIOUS]
    off = _fiscal_total_quoted(SEED + 1, tmp_path / "off", Decimal(100))
    assert [f for f in off if f.check == "narrative_mismatch" and f.severity == "error"]


def _classes_listed(seed: int, tmp: Path, by: Decimal) -> list:
    """A narrated document whose text lists its function classes' figures as 湖州 and 重庆 do
    ("按支出功能分类，包括社会保障和就业支出x万元、卫生健康支出y万元"), the first shifted by ``by`` 万元."""
    doc = narrated(make_document(seed))
    table = next(t for t in doc.tables if t.table_type == "fiscal_summary")
    listed = [
        (re.sub(r"^\d+、", "", row[2]), Decimal(row[3].replace(",", "")) / 10000)
        for row in table.body
        if len(row) > 3 and re.match(r"^\d+、\S+支出$", row[2]) and row[3] and Decimal(row[3]) > 0
    ]
    assert len(listed) >= 2
    listed[0] = (listed[0][0], listed[0][1] + by)
    text = "、".join(f"{name}{wan:.2f}万元" for name, wan in listed)
    doc.preface.insert(2, f"按支出功能分类，包括{text}。")
    return _audit(_analysed(doc, tmp))


def test_the_function_classes_the_text_lists_are_checked_against_the_tables(tmp_path: Path) -> None:
    """Each class figure the narrative lists is a cell of that class's row in some table: as printed
    nothing is raised; one changed by 50万元 is a narrative_mismatch naming the class."""
    same = _classes_listed(SEED + 1, tmp_path / "same", Decimal(0))
    assert not [f.message for f in same if f.severity in SERIOUS]
    off = _classes_listed(SEED + 1, tmp_path / "off", Decimal(50))
    assert [
        f for f in off if f.check == "narrative_mismatch" and f.severity == "error" and "支出" in f.message
    ]


def test_a_serial_fiscal_summary_line_altered_is_found_in_raw_text(tmp_path: Path) -> None:
    """pdftotext -raw of a 财政拨款收支总表 numbered by 序号 (收入 项目 | 金额, 支出 项目 | 合计 and its
    一般公共预算 / 政府性基金预算 / 国有资本经营预算 财政拨款 columns wrapped under the header line): read
    side by side, the altered 一般公共预算拨款 line is compared with the 收支总表's (the table was one
    unread block before, so the check had no income line)."""
    doc = plant(make_document(35002), "fiscal_line_altered")
    assert _serious_checks(doc, tmp_path, "raw_txt") & EXPECTED["fiscal_line_altered"]


def test_a_page_s_last_row_printed_as_one_phrase_stays_in_its_borderless_table(tmp_path: Path) -> None:
    """A borderless 专项业务经费支出表 whose last row on the page prints its long name close to its
    amount and its brief past the header (one phrase at the column gap): its amount sits right-aligned
    under the table's amounts, so the row is the table's (it was left out of it, and the project
    list's items then missed 413,900: a project_list_sum false alarm on the clean document)."""
    doc = narrated(make_document(75000))
    info = write_renderings(doc, tmp_path, ["borderless_pdf"], prose=True)
    extraction = analyze(read_pdf(tmp_path / doc.doc_id / info["borderless_pdf"]["file"]))
    table = next(t for t in extraction.document.tables if "专项业务经费支出表" in t.title)
    assert ["", "突发公共卫生事件应急处置", "413,900.00"] in [row[:3] for row in table.grid()]
    assert not [f.message for f in extraction.findings if f.severity in SERIOUS]
