"""The audit report of one document: what an auditor hands over.

``build_report(conn, doc)`` gathers, from the work store, the document (name, year, source), its
tables (type, title, page, status) and every finding, errors first, each with the figures compared,
the tables and cells it rests on, the pages and lines of the text it quotes, and a reviewer's mark
(confirmed / false alarm) where one was made. ``to_json``, ``to_csv`` and ``to_html`` write it.
"""

from __future__ import annotations

import csv
import html
import io
import json
import sqlite3
from typing import Any

from extract.reasons import loads

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
MARK_NAMES = {"confirmed": "已确认", "false_alarm": "误报", "": "未审核"}
CSV_COLUMNS = ("id", "severity", "check", "message", "table_id", "pages", "lines", "figures", "mark")


class UnknownDocument(LookupError):
    """No document in the store has this id (or id prefix, or source file)."""


def find_document(conn: sqlite3.Connection, ref: str) -> sqlite3.Row:
    """A document by id, id prefix or source file path (the newest version of that file)."""
    row = conn.execute("SELECT * FROM documents WHERE id = ?", (ref,)).fetchone()
    if row is None:
        row = conn.execute(
            "SELECT * FROM documents WHERE source_file = ? ORDER BY version DESC LIMIT 1", (ref,)
        ).fetchone()
    if row is None and len(ref) >= 4:
        rows = conn.execute("SELECT * FROM documents WHERE id LIKE ?", (ref + "%",)).fetchall()
        row = rows[0] if len(rows) == 1 else None
    if row is None:
        raise UnknownDocument(f"{ref}: no such document in the work store")
    return row


def _evidence(text: str | None) -> dict[str, Any]:
    try:
        data = json.loads(text or "")
    except ValueError:
        return {}
    if isinstance(data, list):  # a table rule's cells
        return {"cells": data, "params": {}, "places": [], "tables": []}
    return data if isinstance(data, dict) else {}


def _message(stored: str | None, message: str, lang: str) -> str:
    found = loads(stored)
    if found and all(r.code != "unknown" for r in found):
        return "；".join(r.render(lang) for r in found)
    return message


def _cell_places(conn: sqlite3.Connection, cells: list[Any]) -> list[dict[str, Any]]:
    """Where the cells a finding compares are printed: each one's page (its table's), its lines (text),
    its text as read and its record in the review queue (``item``: li-<id>, '' when none holds it);
    a cell the store does not hold gives its table's page."""
    out: list[dict[str, Any]] = []
    seen: set[tuple[Any, ...]] = set()
    for ref in cells:
        if not (isinstance(ref, list) and len(ref) == 3) or tuple(ref) in seen:
            continue
        seen.add(tuple(ref))
        table_id, row, col = ref
        found = conn.execute(
            """SELECT t.page, c.text, c.line_start, c.line_end,
                      (SELECT li.id FROM line_items li WHERE li.table_id = t.id AND li.row = ? AND li.col = ?)
                      AS record
               FROM tables t LEFT JOIN cells c ON c.table_id = t.id AND c.row = ? AND c.col = ?
               WHERE t.id = ?""",
            (row, col, row, col, table_id),
        ).fetchone()
        if found is not None:
            out.append(
                {
                    "page": found["page"],
                    "line_start": found["line_start"],
                    "line_end": found["line_end"],
                    "text": found["text"] or "",
                    "cell": [table_id, row, col],
                    "item": f"li-{found['record']}" if found["record"] is not None else "",
                }
            )
    return out


def findings_of(conn: sqlite3.Connection, document_id: str, lang: str = "zh") -> list[dict[str, Any]]:
    """The document's findings, errors first, each with its evidence parsed and its mark; the message
    rendered in ``lang`` from the finding's reason (the stored Chinese message when it has none).
    ``places`` are where it stands in the source: the text it quotes, then the cells it compares."""
    marks = {
        (r["check"], r["message"]): dict(r)
        for r in conn.execute(
            'SELECT "check", message, mark, user_name, at FROM review_finding_marks WHERE document_id = ?',
            (document_id,),
        )
    }
    out = []
    for r in conn.execute(
        'SELECT id, table_id, "check", severity, message, evidence, reason FROM findings WHERE document_id = ?',
        (document_id,),
    ):
        ev = _evidence(r["evidence"])
        places = (ev.get("places") or []) + _cell_places(conn, ev.get("cells") or [])
        mark = marks.get((r["check"], r["message"]), {})
        out.append(
            {
                "id": r["id"],
                "check": r["check"],
                "severity": r["severity"],
                "message": _message(r["reason"], r["message"], lang),
                "table_id": r["table_id"] or "",
                "cells": ev.get("cells") or [],
                "tables": ev.get("tables") or ([r["table_id"]] if r["table_id"] else []),
                "figures": ev.get("params") or {},
                "pages": sorted({p["page"] for p in places if p.get("page")}),
                "lines": [
                    list(span)
                    for span in dict.fromkeys(
                        (p["line_start"], p["line_end"]) for p in places if p.get("line_start")
                    )
                ],
                "places": places,
                "mark": mark.get("mark", ""),
                "marked_by": mark.get("user_name", ""),
            }
        )
    out.sort(key=lambda f: (SEVERITY_ORDER.get(f["severity"], 3), f["id"]))
    return out


def build_report(conn: sqlite3.Connection, ref: str) -> dict[str, Any]:
    """The whole report of the document ``ref`` (id, id prefix or source file)."""
    doc = find_document(conn, ref)
    tables = [
        dict(r)
        for r in conn.execute(
            "SELECT id, seq, page, table_type, title, unit, status, empty FROM tables WHERE document_id = ? ORDER BY seq",
            (doc["id"],),
        )
    ]
    findings = findings_of(conn, doc["id"])
    counts = {s: sum(f["severity"] == s for f in findings) for s in SEVERITY_ORDER}
    return {
        "document": {
            k: doc[k] for k in ("id", "source_file", "sha256", "format", "department", "year", "pages")
        },
        "tables": tables,
        "counts": counts,
        "findings": findings,
    }


def to_json(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2)


def to_csv(report: dict[str, Any]) -> str:
    """One row per finding (UTF-8; the caller adds a BOM for spreadsheet programs)."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(CSV_COLUMNS)
    for f in report["findings"]:
        w.writerow(
            [
                f["id"],
                f["severity"],
                f["check"],
                f["message"],
                f["table_id"],
                " ".join(str(p) for p in f["pages"]),
                " ".join(f"{a}-{b}" for a, b in f["lines"]),
                json.dumps(f["figures"], ensure_ascii=False) if f["figures"] else "",
                f["mark"],
            ]
        )
    return buf.getvalue()


def to_html(report: dict[str, Any]) -> str:
    """A self-contained page (no scripts, no external files) an auditor can print or send."""
    e = html.escape
    d = report["document"]
    rows = []
    for f in report["findings"]:
        where = "；".join(
            f"第{p.get('page')}页"
            + (f"第{p['line_start']}行" if p.get("line_start") else "")
            + f"：{p.get('text', '')}"
            for p in f["places"]
        )
        figures = "，".join(f"{k}={v}" for k, v in f["figures"].items())
        rows.append(
            f'<tr class="{e(f["severity"])}"><td>{e(SEVERITY_NAMES.get(f["severity"], f["severity"]))}</td>'
            f"<td>{e(f['check'])}</td><td>{e(f['message'])}</td><td>{e(where)}</td>"
            f"<td>{e(', '.join(f['tables']))}</td><td>{e(figures)}</td><td>{e(MARK_NAMES.get(f['mark'], f['mark']))}</td></tr>"
        )
    tables = "".join(
        f"<tr><td>{t['seq']}</td><td>{t['page']}</td><td>{e(t['table_type'] or '')}</td>"
        f"<td>{e(t['title'] or '')}</td><td>{e(t['unit'] or '')}</td><td>{'空表' if t['empty'] else ''}</td></tr>"
        for t in report["tables"]
    )
    c = report["counts"]
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>审核报告 {e(d["department"] or d["source_file"])}</title>
<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse;width:100%}}
td,th{{border:1px solid #999;padding:4px;vertical-align:top}}tr.error td:first-child{{color:#b00}}
tr.warning td:first-child{{color:#b60}}tr.info td:first-child{{color:#06b}}</style></head>
<body><h1>审核报告</h1>
<p>单位：{e(d["department"] or "（未识别）")}　年度：{e(str(d["year"] or ""))}　文件：{e(d["source_file"])}　SHA-256：{e(d["sha256"])}</p>
<p>错误 {c["error"]} 项，警告 {c["warning"]} 项，提示 {c["info"]} 项。</p>
<h2>发现的问题</h2>
<table><tr><th>级别</th><th>检查</th><th>说明</th><th>出处</th><th>涉及表格</th><th>比对数字</th><th>审核</th></tr>
{"".join(rows) or '<tr><td colspan="7">未发现问题</td></tr>'}</table>
<h2>表格</h2>
<table><tr><th>序号</th><th>页</th><th>类型</th><th>标题</th><th>单位</th><th></th></tr>{tables}</table>
</body></html>
"""


FORMATS = {"json": to_json, "csv": to_csv, "html": to_html}
