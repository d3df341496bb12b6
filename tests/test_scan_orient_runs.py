"""The orientation of a page whose characters run together at the orientation's work scale
(extract.orient): bold print set close, reduced to ``orient_work_px``, joins each word (or a string
of digits) into one ink component a few characters long and one high."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sample_files import REAL

from bench.baselines import render_pages

BEIJING = REAL / "北京市委宣传部2026年度部门预算报表.pdf"


@pytest.mark.skipif(not BEIJING.is_file(), reason="the real 北京 budget is not here")
def test_a_page_of_bold_words_run_together_is_told_upright_and_turned(tmp_path: Path) -> None:
    """北京's 收入总表 (p. 3) at 150 dpi, the benchmark's degradations: one header row of bold
    words and one row of amounts on a landscape page. Reduced, each word is one component: their
    sizes made the character 22 px for 8, no text line was as thick as such a character, and the
    longer words were taken for a skewed rule's pieces and erased; the page was turned by 90°
    (and left turned when it came turned). A run of characters — thick, with several strokes of
    ink across it — is no rule's piece and is as high as its characters."""
    import cv2

    from extract.ocr import engine
    from extract.orient import _text_ink, turn, upright_turn
    from extract.paper import clean_paper
    from extract.settings import TABLE_SETTINGS

    (path,) = render_pages(BEIJING, [3], 150, tmp_path)
    gray = clean_paper(cv2.imread(str(path), cv2.IMREAD_GRAYSCALE), 150 / 72)
    _ink, char, _rules = _text_ink(gray, TABLE_SETTINGS)
    assert 6 <= char <= 11
    crops = engine("").crops
    for degrees in (0, 90, 270):
        assert (upright_turn(turn(gray, degrees), crops) + degrees) % 360 == 0, degrees


def test_character_runs_are_told_from_a_skewed_rules_pieces() -> None:
    """A run of characters carries several strokes across its length; a skewed rule's piece, as
    long and as thick in its box, a line or two of ink."""
    from extract.orient import _character_runs
    from extract.settings import TABLE_SETTINGS

    w, h = np.array([45, 60, 16, 45]), np.array([8, 6, 3, 8])
    area = np.array([240, 70, 45, 90])  # a bold word; a rule's piece climbing; a dash; a thin line
    assert _character_runs(w, h, area, TABLE_SETTINGS).tolist() == [True, False, False, False]


@pytest.mark.skipif(not BEIJING.is_file(), reason="the real 北京 budget is not here")
@pytest.mark.parametrize(("number", "dpi"), [(13, 150), (8, 200)])
def test_a_dense_table_turned_by_90_is_not_read_across_its_stacked_cells(
    tmp_path: Path, number: int, dpi: int
) -> None:
    """北京's 基本支出 pages (p. 13 at 150 dpi, p. 8 at 200 dpi) turned by 90°: each row prints the
    same class names, so read across the turned page a band of stacked cells — a character of each
    — reads as confidently as text (老金支: 养老, 年金, 支出; 手一邮: 手续费, 一, 邮电费), and the
    page was turned by 180° instead of 270°. A vote line is cut where a rule crosses it (a text
    line lies in its cell: ``extract.orient._uncrossed``), and a vote of fewer lines than
    ``orient_vote_first`` scores as much less (a light rule the threshold kept in pieces cuts no
    band); upright, the pages stay so."""
    import cv2

    from extract.ocr import engine
    from extract.orient import turn, upright_turn
    from extract.paper import clean_paper

    (path,) = render_pages(BEIJING, [number], dpi, tmp_path)
    gray = clean_paper(cv2.imread(str(path), cv2.IMREAD_GRAYSCALE), dpi / 72)
    crops = engine("").crops
    for degrees in (0, 90):
        assert (upright_turn(turn(gray, degrees), crops) + degrees) % 360 == 0, degrees


def test_a_vote_line_is_cut_where_a_rule_crosses_it() -> None:
    from extract.orient import _uncrossed

    rules = np.zeros((20, 80), np.uint8)
    rules[5:15, 40] = 255  # a wall across the line's box (rows 6-13)
    rules[12, 10:30] = 255  # a rule under part of the line crosses none of its columns
    assert _uncrossed(rules, 0, 6, 80, 8) == 40
    assert _uncrossed(rules, 0, 6, 40, 8) == 40
