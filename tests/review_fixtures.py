"""Helpers for the review tests: a small hand-built work store, users, an app, a logged-in client.

The store holds two documents built as Extraction objects (independent of
the readers): a text disclosure (with its source file, so lines can be
highlighted) with a budget table, a performance table and a table whose
OCR'd text carries <script>; and a born-digital PDF (made with reportlab)
whose cells have boxes, for the page-image overlay.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from classify.model import Extraction, Indicator, LineItem, TableVerdict
from extract.model import Cell, Document, Page, Table
from extract.reasons import reason
from review import accounts
from review.store import connect, save_extraction

PASSWORDS = {
    "ada": "ada-password",
    "rita": "rita-password",
    "remy": "remy-password",
    "april": "april-password",
}
ROLES = {"ada": "admin", "rita": "reviewer", "remy": "reviewer", "april": "approver"}

TEXT_LINES = [
    "某县财政局2024年部门预算公开",
    "表5 一般公共预算支出表",
    "单位：万元",
    "科目编码\t科目名称\t合计\t基本支出\t项目支出",
    "2010601\t行政运行\t120.50\t120.00\t0",
    "2010602\t一般行政管理事务\t35.00\t0\t35.00",
    "2080505\t机关事业单位基本养老保险缴费支出\t48.20\t48.20\t0",
    "合计\t\t203.70\t168.20\t35.00",
    "",
    "表12 项目绩效目标表",
    "一级指标\t二级指标\t三级指标\t指标值",
    "产出指标\t数量指标\t培训人次\t≥200人次",
    "效益指标\t社会效益指标\t群众满意度提升\t显著",
    "满意度指标\t\t服务对象满意度\t≥95%",
    "",
    "表9 其他情况表",
    "名称\t金额",
    "<script>alert('x')</script>\t10",
]
SCRIPT_TEXT = "<script>alert('x')</script>"


# the reason the fixture's doubtful table (and its record) waits for review
OTHER_UNCERTAIN = reason("routing.type_uncertain", table_type="other", name="其他", p="0.30")


def _tsv_table(
    seq: int, title: str, first_line: int, rows: list[str], header_rows: int = 1, **kw: Any
) -> Table:
    cells = []
    for r, line in enumerate(rows):
        for c, text in enumerate(line.split("\t")):
            n = first_line + r
            cells.append(Cell(r, c, text, line_span=(n, n)))
    return Table(
        seq,
        title,
        cells,
        header_rows=header_rows,
        line_span=(first_line - 1, first_line + len(rows) - 1),
        **kw,
    )


def text_extraction(source: Path) -> Extraction:
    data = "\n".join(TEXT_LINES).encode("utf-8")
    source.write_bytes(data)
    doc = Document(str(source), hashlib.sha256(data).hexdigest(), "txt", department="某县财政局", year=2024,
                   pages=[Page(1)], encoding="utf-8", shape="tsv", lines=list(TEXT_LINES))  # fmt: skip
    t1 = _tsv_table(1, "一般公共预算支出表", 4, TEXT_LINES[3:8], label="表5", unit="万元")
    t2 = _tsv_table(2, "项目绩效目标表", 11, TEXT_LINES[10:14], label="表12", project="培训项目")
    t3 = _tsv_table(3, "其他情况表", 17, TEXT_LINES[16:18], label="表9")
    verdicts = {
        1: TableVerdict("gpb_expense_function", 0.95),
        2: TableVerdict("project_performance", 0.9, project="培训项目"),
        3: TableVerdict("other", 0.3, status="pending", reason=[OTHER_UNCERTAIN]),
    }
    doc.tables = [t1, t2, t3]
    headers = ["合计", "基本支出", "项目支出"]
    items = []
    for r in (1, 2, 3):
        code, name, *amounts = TEXT_LINES[3 + r].split("\t")
        for k, amount in enumerate(amounts):
            items.append(
                LineItem(1, r, 2 + k, code, name, headers[k], Decimal(amount) * 10000, confidence=0.95)
            )
    items[0].confidence, items[0].status = 0.55, "pending"
    items[0].reason = [
        reason("checks.row_sum", table="表5", row="2010601", column="合计", total="120.50", parts="120.00 + 0",
               diff="0.50")
    ]  # fmt: skip
    items[6].confidence, items[6].status = 0.7, "pending"
    items[6].reason = [reason("routing.low_confidence", confidence="0.70")]
    items.append(LineItem(3, 1, 1, "", SCRIPT_TEXT, "金额", Decimal(10), confidence=0.9, status="pending",
                          reason=[OTHER_UNCERTAIN]))  # fmt: skip
    inds = [
        Indicator(2, 1, "培训项目", "产出指标", "数量指标", "培训人次", "≥200人次", confidence=0.95),
        Indicator(2, 2, "培训项目", "效益指标", "社会效益指标", "群众满意度提升", "显著", confidence=0.9),
        Indicator(2, 3, "培训项目", "满意度指标", "", "服务对象满意度", "≥95%", confidence=0.6, status="pending",
                  reason=[reason("performance.level2_unknown")]),
    ]  # fmt: skip
    return Extraction(doc, items, inds, verdicts=verdicts)


# The PDF: one table, 3 columns × 3 rows, in PDF points from the page's top-left.
PDF_ROWS = [["科目名称", "预算数"], ["行政运行", "5,000.00"], ["合计", "5,000.00"]]
PDF_X = [72, 272, 400]
PDF_Y = [100, 130, 160, 190]


def make_pdf(path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    height = A4[1]
    for r, row in enumerate(PDF_ROWS):
        for k, text in enumerate(row):
            c.rect(PDF_X[k], height - PDF_Y[r + 1], PDF_X[k + 1] - PDF_X[k], PDF_Y[r + 1] - PDF_Y[r])
            c.drawString(PDF_X[k] + 4, height - PDF_Y[r + 1] + 10, re.sub(r"[^\x00-\x7f]", "?", text))
    c.save()


def pdf_extraction(path: Path) -> Extraction:
    make_pdf(path)
    data = path.read_bytes()
    doc = Document(str(path), hashlib.sha256(data).hexdigest(), "pdf", department="某县教育局", year=2023,
                   pages=[Page(1, 595, 842)])  # fmt: skip
    cells = [
        Cell(r, k, text, bbox=(PDF_X[k], PDF_Y[r], PDF_X[k + 1], PDF_Y[r + 1]))
        for r, row in enumerate(PDF_ROWS)
        for k, text in enumerate(row)
    ]
    table = Table(
        1, "财政拨款支出表", cells, header_rows=1, unit="元", bbox=(PDF_X[0], PDF_Y[0], PDF_X[-1], PDF_Y[-1])
    )
    doc.tables = [table]
    items = [
        LineItem(1, 1, 1, "", "行政运行", "预算数", Decimal("5000"), confidence=0.75, status="pending",
                 reason=[reason("routing.low_confidence", confidence="0.75")]),
        LineItem(1, 2, 1, "", "合计", "预算数", Decimal("5000"), confidence=0.95),
    ]  # fmt: skip
    return Extraction(doc, items, [], verdicts={1: TableVerdict("gpb_expense_function", 0.9)})


_TEMPLATES: dict[str, Path] = {}


def build_store(folder: Path) -> Path:
    """A work store with the two documents and the four users; returns its path.

    The first store is built for real (password hashing is slow on purpose) and
    kept as a template; later calls copy its database (sources stay with the template).
    """
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "work.db"
    template = _TEMPLATES.get("store")
    if template is None or not template.exists():
        template = _TEMPLATES["store"] = _build(Path(tempfile.mkdtemp(prefix="review-template-")))
    src = sqlite3.connect(template)
    dst = sqlite3.connect(db)
    src.backup(dst)
    src.close()
    dst.close()
    return db


def _build(folder: Path) -> Path:
    db = folder / "work.db"
    conn = connect(db)
    save_extraction(conn, text_extraction(folder / "budget.txt"))
    save_extraction(conn, pdf_extraction(folder / "budget.pdf"))
    for name, password in PASSWORDS.items():
        accounts.add_user(conn, name, password, ROLES[name])
    conn.close()
    return db


def make_app(db: Path, **config: Any):  # type: ignore[no-untyped-def]
    from review.app import create_app

    settings = {"DATABASE": str(db), "TESTING": True, "SESSION_COOKIE_SECURE": False, "SAMPLE_AUDITS": False}
    settings.update(config)
    return create_app(settings)


def csrf_of(client) -> str:  # type: ignore[no-untyped-def]
    """The CSRF token of the client's session (made by loading any page)."""
    client.get("/login")
    with client.session_transaction() as s:
        return s["csrf"]


def login(client, name: str, password: str | None = None):  # type: ignore[no-untyped-def]
    token = csrf_of(client)
    return client.post(
        "/login", data={"username": name, "password": password or PASSWORDS[name], "csrf_token": token}
    )


def first_pending_line_item(db: Path) -> int:
    conn = connect(db)
    try:
        return conn.execute(
            "SELECT id FROM line_items WHERE status = 'pending' ORDER BY confidence LIMIT 1"
        ).fetchone()[0]
    finally:
        conn.close()
