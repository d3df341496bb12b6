"""Print too small to read (extract.smallprint, issue 17) on pages that hold little else: a ruled
table printed at 4 pt, left at its natural width in the middle of a landscape page."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import read


def _four_point_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dpi: int) -> Path:
    """samples/make_scans.py's ruled table with its type set at 4 pt (not spread over the page),
    scanned at ``dpi`` with the samples' degradations."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    import samples.make_scans as ms

    size = 4.0
    monkeypatch.setattr(ms, "FONT_SIZE", size)
    monkeypatch.setattr(ms, "LEADING", size * 1.28)
    monkeypatch.setattr(ms, "PAD", size / 3)
    monkeypatch.setattr(ms, "text_width", lambda text, s=size: stringWidth(text, ms.FONT, s))
    amounts = ["585,000.00", "135,000.00", "422,000.00", "28,000.00"] * 3
    header = [
        ["单位编码", "单位名称", "上年", "", "", "", "当年", "", "", "", "下年", "", "", ""],
        ["", "", *["合计", "会议费", "培训费", "公务接待费"] * 3],
    ]
    body = [["合计", "", *amounts], ["201", "审计局", *amounts], ["201001", "审计局机关", *amounts]]
    pdf = tmp_path / "small.pdf"
    ms.render_pdf([ms.make_table("", "会议费培训费支出预算表", "元", header + body)], pdf, "ruled")
    (page,) = ms.render_scans(pdf, tmp_path / str(dpi), dpi)
    return page


def test_a_small_print_table_alone_on_its_page_is_read_upright(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pieces of the skewed table's thin rules (a pixel thick, climbing a pixel every few
    dozen) outnumbered its 4-pt characters in the orientation's ink: counted as characters they
    turned the page by 270° at 150 dpi and the table was read sideways (14 rows of 7 columns; fixed
    by 43fd49c: they are no characters, extract.orient._text_ink, orient_rule_piece_ratio)."""
    doc = read(_four_point_page(tmp_path, monkeypatch, 150))
    assert doc.pages[0].width > doc.pages[0].height
    (table,) = doc.tables
    assert table.n_cols == 14
