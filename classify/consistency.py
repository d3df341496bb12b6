"""Consistency: the body's name and the year agree across cover, headings, tables and text, and no
template placeholder (XX, x,xxx, ……) is left in.

* The year: every statement of the document's own year ("2024年度部门决算", "2026年部门预算",
  a table title's "（2025年度）") is compared with the year most of them state; a comparison
  ("比2025年预算增加", "与2023年度相比") is not a statement of the document's year.
* The name: the body's name (``Document.department``, else the name most headings print) against
  every name in the titles and the text ending as it does (…局, …中心): one that is nearly the
  same but not it (上海市规划和自然资源局 for 上海市普陀区规划和自然资源局, 规划与 for 规划和) is a finding.
* Placeholders: XX / ＸＸ beside Chinese text (XX局), x,xxx, XXX万元, "主要用于……" in the text, the
  titles and the cells of money tables (performance tables print 20XX as a template label).
"""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher

from classify.findings import Finding, audit_finding
from classify.model import Extraction
from classify.narrative import running_text
from extract.reasons import reason
from extract.taxonomy import PERFORMANCE_TYPES
from extract.text import TITLE_ORG_RE
from extract.vocabulary import compact

STATED_YEAR = re.compile(
    r"(?<![比与较至截于])(?<!截至)(\d{4})年度?(?:[（(]?(?:部门|单位)[)）]?)?(?:综合)?(?:预算|决算)(?!执行|增加|减少|持平|数?相比|数?比|数?相同)"
)
TITLE_YEAR = re.compile(r"[（(](\d{4})年度?[)）]")
PLACEHOLDER = re.compile(
    r"[XxＸｘ]{2,}(?=[\u4e00-\u9fff（(])|(?<=[\u4e00-\u9fff])[XxＸｘ]{2,}|[xX],[xX]{3}|(?:用于|原因是|原因[:：]|如下[:：])……"
)


def _texts(extraction: Extraction) -> list[tuple[str, int, str]]:
    """(text, page, where) of the titles and the text's sentences (lines joined: a sentence printed
    over two lines reads whole), in order."""
    doc = extraction.document
    text, owner = running_text(doc.paragraphs)
    out: list[tuple[str, int, str]] = []
    start = 0
    for m in re.finditer(r"[。；;]|$", text):
        if m.end() > start and text[start : m.end()].strip():
            out.append((text[start : m.end()], doc.paragraphs[owner[start]].page, "text"))
        start = m.end()
    out += [(t.title, t.page, "title") for t in doc.tables if t.title]
    return out


def document_year(extraction: Extraction) -> int | None:
    """The year most statements give (ties: the reader's ``Document.year``)."""
    years: Counter[int] = Counter()
    for text, _page, _where in _texts(extraction):
        for m in list(STATED_YEAR.finditer(compact(text))) + list(TITLE_YEAR.finditer(compact(text))):
            years[int(m.group(1))] += 1
    if not years:
        return extraction.document.year
    top = years.most_common()
    if len(top) > 1 and top[0][1] == top[1][1] and extraction.document.year in dict(top):
        return extraction.document.year
    return top[0][0]


def body_name(extraction: Extraction) -> str:
    """The body the document is about: the reader's, else the name most headings open with."""
    if extraction.document.department:
        return extraction.document.department
    names: Counter[str] = Counter()
    doc = extraction.document
    headings = [p.text for p in doc.paragraphs] + [
        t.title for t in doc.tables
    ]  # printed lines, not sentences
    for text in headings:
        m = TITLE_ORG_RE.match(compact(text))
        if m:
            names[m.group(1)] += 1
    return names.most_common(1)[0][0] if names else ""


def check_consistency(extraction: Extraction) -> list[Finding]:
    out: list[Finding] = []
    out += _years(extraction)
    out += _names(extraction)
    out += _placeholders(extraction)
    return out


def _place(text: str, page: int) -> list[dict]:
    return [{"page": page, "text": text}]


def _years(extraction: Extraction) -> list[Finding]:
    year = document_year(extraction)
    if year is None:
        return []
    out: list[Finding] = []
    for text, page, where in _texts(extraction):
        s = compact(text)
        for m in list(STATED_YEAR.finditer(s)) + list(TITLE_YEAR.finditer(s)):
            found = int(m.group(1))
            if found != year:
                out.append(
                    audit_finding(
                        reason("year_mismatch", page=page, text=text[:60], found=found, year=year),
                        "error",
                        tables=[
                            t.seq for t in extraction.document.tables if where == "title" and t.title == text
                        ],
                        places=_place(text, page),
                    )
                )
                break
    return out


def _names(extraction: Extraction) -> list[Finding]:
    name = body_name(extraction)
    if len(name) < 4:
        return []
    pattern = re.compile(rf"[\u4e00-\u9fff]{{2,40}}?{re.escape(name[-1])}")
    out: list[Finding] = []
    seen: set[str] = set()
    for text, page, _where in _texts(extraction):
        for m in pattern.finditer(compact(text)):
            found = m.group(0)
            if name in found or found in name or found in seen:
                continue
            tail = found[-len(name) :] if len(found) > len(name) else found
            if tail in seen or name in tail or len(tail) < len(name) - 4:
                continue
            if SequenceMatcher(None, tail, name).ratio() < 0.8:
                continue
            seen.add(tail)
            out.append(
                audit_finding(
                    reason("name_mismatch", found=tail, name=name, page=page, text=text[:60]),
                    "warning",
                    places=_place(text, page),
                )
            )
    return out


def _placeholders(extraction: Extraction) -> list[Finding]:
    out: list[Finding] = []
    texts = _texts(extraction)
    for t in extraction.document.tables:
        v = extraction.verdicts.get(t.seq)
        if v is not None and v.table_type in PERFORMANCE_TYPES:
            continue
        texts += [(c.text, c.page or t.page, "cell") for c in t.cells if c.text]
    for text, page, _where in texts:
        m = PLACEHOLDER.search(text)
        if m:
            out.append(
                audit_finding(
                    reason("placeholder", found=m.group(0), page=page, text=text[:60]),
                    "error",
                    places=_place(text, page),
                )
            )
    return out
