"""Synthetic work stores for the queue benchmark, the load test and the paging tests: documents,
tables, cells, line items and indicators inserted directly (no reading), with a deterministic mix
of pending and auto-accepted records, so a store of any size is built in seconds."""

from __future__ import annotations

import random
import sqlite3
import time

from extract.reasons import dumps, reason
from review.queue_order import doubt_score, table_scores
from review.store import table_id, transaction

CODES = [("2010101", "行政运行"), ("2010102", "一般行政管理事务"), ("2080505", "机关事业单位基本养老保险缴费支出"),
         ("2050201", "学前教育"), ("2101101", "行政单位医疗"), ("2210201", "住房公积金")]  # fmt: skip
COLUMNS = ["合计", "基本支出", "项目支出"]


# the reasons the synthetic records wait for review, as stored (codes, extract.reasons)
TYPE_UNCERTAIN = dumps(
    [reason("routing.type_uncertain", table_type="project_performance", name="项目绩效", p="0.60")]
)
LOW_CONFIDENCE = dumps([reason("routing.low_confidence", confidence="0.60")])
LEVEL2_UNKNOWN = dumps([reason("performance.level2_unknown")])


def add_documents(
    conn: sqlite3.Connection, documents: int, rows: int = 20, *, pending_share: float = 0.3, seed: int = 0,
    prefix: str = "syn",
) -> list[str]:  # fmt: skip
    """Add ``documents`` synthetic documents of one budget table (``rows`` × 3 amounts) and one
    performance table (3 indicators) each; returns their ids."""
    rng = random.Random(seed)
    now = time.time()
    ids = []
    with transaction(conn):
        for d in range(documents):
            doc = f"{prefix}{seed:04d}{d:06d}"
            ids.append(doc)
            conn.execute(
                """INSERT INTO documents (id, source_file, sha256, format, department, year, pages, status,
                                          created_at, updated_at, source_key)
                   VALUES (?, ?, '', 'txt', ?, 2024, 2, 'done', ?, ?, ?)""",
                (doc, f"synthetic/{doc}.txt", f"部门{d % 50}", now, now, f"synthetic/{doc}.txt"),
            )
            t1, t2 = table_id(doc, 1), table_id(doc, 2)
            conn.executemany(
                """INSERT INTO tables (id, document_id, seq, page, table_type, title, unit, confidence, status,
                                       label, empty, type_confidence, header_rows, notes, warnings, reason)
                   VALUES (?, ?, ?, ?, ?, ?, '元', 0.9, ?, ?, 0, ?, 1, '[]', '[]', ?)""",
                [(t1, doc, 1, 1, "gpb_expense_function", "一般公共预算支出表", "auto", "表5", 0.95, ""),
                 (t2, doc, 2, 2, "project_performance", "项目绩效目标表",
                  "pending" if rng.random() < 0.05 else "auto", "表12", 0.6, TYPE_UNCERTAIN)],
            )  # fmt: skip
            cells, items = [], []
            cells += [(t1, 0, c, h) for c, h in enumerate(["科目编码", "科目名称", *COLUMNS])]
            for r in range(1, rows + 1):
                code, name = CODES[r % len(CODES)]
                amounts = [rng.randint(1, 5_000_000) / 100 for _ in COLUMNS]
                cells += [(t1, r, 0, code), (t1, r, 1, name)]
                for k, amount in enumerate(amounts):
                    cells.append((t1, r, 2 + k, f"{amount:,.2f}"))
                    confidence = rng.uniform(0.4, 0.99)
                    pending = rng.random() < pending_share
                    items.append((doc, t1, r, code, name, COLUMNS[k], amount, confidence,
                                  "pending" if pending else "auto", 2 + k, round(amount * 100), 1,
                                  LOW_CONFIDENCE if pending else "", doubt_score(confidence, amount)))  # fmt: skip
            conn.executemany(
                "INSERT INTO cells (table_id, row, col, text, confidence, rowspan, colspan) VALUES (?, ?, ?, ?, 0.9, 1, 1)",
                cells,
            )
            conn.executemany(
                """INSERT INTO line_items (document_id, table_id, row, code, name, "column", amount_yuan, confidence,
                                           status, col, amount_fen, page, reason, score)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                items,
            )
            inds = []
            for r, (l1, l2, l3, value) in enumerate(
                [("产出指标", "数量指标", "培训人次", "≥200人次"), ("效益指标", "社会效益指标", "满意度提升", "显著"),
                 ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥95%")], start=1,
            ):  # fmt: skip
                confidence = rng.uniform(0.5, 0.99)
                pending = rng.random() < pending_share
                inds.append((doc, t2, r, "培训项目", l1, l2, l3, value, confidence, "pending" if pending else "auto",
                             2, LEVEL2_UNKNOWN if pending else "", doubt_score(confidence, None)))  # fmt: skip
            conn.executemany(
                """INSERT INTO indicators (document_id, table_id, row, project, level1, level2, level3, value,
                                           confidence, status, page, reason, score)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                inds,
            )
        marks = ",".join("?" * len(ids))
        table_scores(conn, f"t.document_id IN ({marks})", tuple(ids))
    return ids
