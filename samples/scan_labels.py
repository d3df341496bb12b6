"""The hand labels of the real scans (samples/labels/real_scans.json) and how a reading scores
against them: every labelled row's amounts looked up among the line items read from its page.

An amount is *found* when a line item of its row (the row's name contained in the item's name)
carries it; an *auto* item of a labelled row is *right* when its amount is one of that row's
labelled amounts. Amounts are compared in 元 (the label's unit × the printed figure).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

LABELS = Path(__file__).resolve().parent / "labels" / "real_scans.json"
REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "real"
UNIT_YUAN = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)}
_SPACE = re.compile(r"[\s（）()]")


def labels() -> list[dict[str, object]]:
    """The labelled scans (each: file, pages, table_pages, turned, tables)."""
    return list(json.loads(LABELS.read_text("utf-8"))["scans"])


def _norm(text: str) -> str:
    return _SPACE.sub("", text)


@dataclass
class ScanScore:
    amounts: int = 0  # labelled amounts
    found: int = 0  # … carried by a line item of their row
    auto: int = 0  # auto-accepted items of labelled rows
    auto_right: int = 0  # … whose amount is labelled for that row
    pending: int = 0  # items of labelled rows sent to review
    missed: list[str] = field(default_factory=list)
    wrong_auto: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.amounts if self.amounts else 1.0

    @property
    def auto_precision(self) -> float:
        return self.auto_right / self.auto if self.auto else 1.0


def score(items: list[object], pages: dict[int, int], scan: dict[str, object]) -> ScanScore:
    """``items``: line items (``classify.model.LineItem``) of the document read from ``scan``'s
    file; ``pages``: table seq → page number."""
    out = ScanScore()
    for table in scan["tables"]:  # type: ignore[union-attr]
        unit = UNIT_YUAN.get(str(table.get("unit", "元")), Decimal(1))
        on_page = [it for it in items if pages.get(it.table_seq) == table["page"]]  # type: ignore[attr-defined]
        for row in table["rows"]:
            name = _norm(row["name"])
            mine = [it for it in on_page if name and name in _norm(it.name)]  # type: ignore[attr-defined]
            want = [Decimal(a) * unit for a in row["amounts"]]
            have = [it.amount_yuan for it in mine]  # type: ignore[attr-defined]
            out.amounts += len(want)
            pool = list(have)
            for w, a in zip(want, row["amounts"], strict=True):
                if w in pool:
                    pool.remove(w)
                    out.found += 1
                else:
                    out.missed.append(f"{row['name']} {a}")
            for it in mine:
                if it.status == "auto":  # type: ignore[attr-defined]
                    out.auto += 1
                    if it.amount_yuan in want:  # type: ignore[attr-defined]
                        out.auto_right += 1
                    else:
                        out.wrong_auto.append(f"{it.name} {it.column} {it.amount_yuan}")  # type: ignore[attr-defined]
                else:
                    out.pending += 1
    return out


@dataclass
class CellScore:
    amounts: int = 0  # labelled amounts
    right: int = 0  # … read as printed, in their row, in order
    doubted: int = 0  # … read otherwise (or not at all) in a cell whose confidence is below the threshold
    wrong: list[str] = field(default_factory=list)  # … read otherwise with confidence: guessed


_AMOUNT = re.compile(r"^-?\d[\d,]*(\.\d+)?$")


def score_cells(tables: list[object], scan: dict[str, object], threshold: float = 0.8) -> CellScore:
    """Each labelled row found in the grid of its page's table (the first cell holding its name)
    and its amount cells (the cells right of the name, left to right, skipping empty ones)
    compared with the labels: right, doubted (low confidence), or guessed."""
    out = CellScore()
    for label in scan["tables"]:  # type: ignore[union-attr]
        on_page = [t for t in tables if t.page == label["page"]]  # type: ignore[attr-defined]
        for row in label["rows"]:
            out.amounts += len(row["amounts"])
            cells = _row_cells(on_page, _norm(row["name"]))
            if cells is None:
                out.wrong.extend(f"{row['name']}: row not found {a}" for a in row["amounts"])
                continue
            for k, want in enumerate(row["amounts"]):
                got = cells[k] if k < len(cells) else None
                if got is not None and got.text.replace(",", "") == want:
                    out.right += 1
                elif got is not None and got.confidence < threshold:
                    out.doubted += 1
                else:
                    text = "—" if got is None else f"{got.text!r} ({got.confidence:.2f})"
                    out.wrong.append(f"{row['name']} #{k + 1}: {want} read {text}")
    return out


def _row_cells(tables: list[object], name: str) -> list[object] | None:
    for t in tables:
        by_row: dict[int, list[object]] = {}
        for c in t.cells:  # type: ignore[attr-defined]
            by_row.setdefault(c.row, []).append(c)
        for cells in by_row.values():
            cells.sort(key=lambda c: c.col)  # type: ignore[attr-defined]
            for i, c in enumerate(cells):
                if name and name in _norm(c.text):  # type: ignore[attr-defined]
                    rest = [x for x in cells[i + 1 :] if x.text.strip()]  # type: ignore[attr-defined]
                    return [x for x in rest if _AMOUNT.match(x.text.replace(" ", "")) or x.confidence < 1.0]  # type: ignore[attr-defined]
    return None
