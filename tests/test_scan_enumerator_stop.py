"""泉州's 收支总表 (p. 8) under the harsh degradation (samples/make_scans.py ``DEGRADATIONS['harsh']``:
faded ink, bench/baselines.py ``render_pages``) at 200 dpi, read in place from ../shared/real/: its
expense heading 六、科学技术支出 was read 六。科学技术支部 — the faint 、 as a full stop, 出 as 部 — and
auto-accepted. A full stop after a heading's numeral is its enumerator's mark
(``extract.vocabulary.ENUMERATOR``), so the name behind it is compared with the vocabulary's item
names, repaired to 科学技术支出 and doubted (``scan_name_repaired``): pending. Its 亡、上级补助收入,
L.文化旅游体育与传媒支出 and 在：债务付息文出 (a numeral misread, a stray mark before a known name
or one a character from it) were auto-accepted too: what is printed before the name is no
enumerator, the row is doubted (``scan_name_lead_doubted``), kept as read. (,城乡社区支出 and
十天、金融支出 were so too while text lines were read in the 48-px frame; in the 32-px frame,
unsure readings again in 48, they read 十、城乡社区支出 and 十六、金融支出.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from sample_files import REAL

from bench.baselines import render_pages
from classify.analyze import analyze
from extract import read

QUANZHOU = REAL / "泉州市市场监管综合监测与技术保障中心2026年度单位预算.pdf"


@pytest.mark.skipif(not QUANZHOU.is_file(), reason="the real 泉州 budget is not here")
def test_a_headings_mark_read_as_a_full_stop_still_has_its_name_checked(tmp_path: Path) -> None:
    (path,) = render_pages(QUANZHOU, [8], 200, tmp_path, degradation="harsh")
    x = analyze(read(path))
    science = [li for li in x.line_items if "科学技术" in li.name]
    assert science and all(li.status == "pending" for li in science)
    assert all(li.name == "六、科学技术支出" for li in science)
    assert all("scan_name_repaired" in [r.code for r in li.reason] for li in science)


@pytest.mark.skipif(not QUANZHOU.is_file(), reason="the real 泉州 budget is not here")
def test_a_known_name_behind_a_misread_enumerator_is_doubted(tmp_path: Path) -> None:
    (path,) = render_pages(QUANZHOU, [8], 200, tmp_path, degradation="harsh")
    x = analyze(read(path))
    for name in ("亡、上级补助收入", "L.文化旅游体育与传媒支出", "在：债务付息文出"):
        found = [li for li in x.line_items if li.name == name]
        assert found and all(li.status == "pending" for li in found), name
        assert all("scan_name_lead_doubted" in [r.code for r in li.reason] for li in found), name
    assert not [
        li
        for li in x.line_items
        if li.name.endswith("合计") and "scan_name_lead_doubted" in [r.code for r in li.reason]
    ]
