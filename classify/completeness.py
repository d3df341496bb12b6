"""Completeness: the tables a disclosure lists in its 目录 and the tables its kind must publish.

* Every table the 目录 lists (a 目录 table's rows, or the 目录 lines of the text) must be in the
  document: a listed title whose table type (``classify.table_rules.title_rules``) no table has,
  and whose title no table's title resembles, is a finding.
* The tables a budget or final account must publish (``extract.taxonomy.REQUIRED_TABLES``) must be
  there; one published empty (空表), or stated empty in the text (本单位无此项支出, 故本表无数据,
  无政府性基金预算…收入和支出) counts as present. Only in a document that is one (``is_disclosure``:
  it calls itself 部门预算 / 单位决算 … in a heading, or prints two of those tables): a notice
  allotting a fund (专项资金预算下达) with its one table is not a budget missing the others.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from classify.findings import Finding, audit_finding
from classify.model import Extraction
from classify.table_rules import normalize_title, title_rules
from extract.pagetext import is_sentence
from extract.reasons import reason
from extract.taxonomy import PERFORMANCE_TYPES, REQUIRED_NAMES, REQUIRED_TABLES
from extract.vocabulary import compact

_TOC_ENTRY = re.compile(
    r"^(?:表\s*[0-9一二三四五六七八九十]+|[0-9]+|[一二三四五六七八九十]+)?\s*[、.．]?\s*(.{4,60}?表)\s*(?:[.…·\s]*\d+)?$"
)
_TOC_HEAD = re.compile(r"^目\s*录$")
# a section heading, not a table: 部门预算表, 单位决算公开表, 2026年部门预算表
_GENERIC = re.compile(r"^(?:\d{4}年度?)?(?:.{0,30}?(?:部门|单位))?(?:综合)?(?:预算|决算)(?:公开)?(?:报)?表$")
_SECTION = re.compile(r"^第[一二三四五六七八九十]+部分")
# what a text says of a table it does not print (or prints empty); the table type it speaks of
_STATED_EMPTY = re.compile(
    r"(无|没有)(此项|该项|本项)?(政府性基金|国有资本经营|“?三公”?经费)?[^。；]{0,20}(收入|支出|经费|预算)|空表|本表无数据|故本表无数据|本表为空"
)
# what a disclosure of a body's budget or final account calls itself in its cover, headings and
# titles (2026年部门预算, 部门（单位）综合预算公开报表, 2024年度单位决算): not a mention of a 部门预算
# 支出经济科目 or of 部门预算执行 in another kind of document (a notice allotting a fund)
_DISCLOSURE = re.compile(
    r"(?:部门|单位)(?:[（(](?:部门|单位)[)）])?(?:综合)?(?:预算|决算)(?!支出|收入|科目|经济|一体化|管理|执行|资金|指标)"
)
_EMPTY_TOPICS = {
    "gov_fund": ("政府性基金",),
    "state_capital": ("国有资本经营",),
    "three_public": ("三公",),
}


# a document's kind → the code naming it (as extract.taxonomy.KIND_NAMES names it)
KIND_CODES = {"budget": "audit.kind_budget", "final_account": "audit.kind_final_account"}


def kind_of(extraction: Extraction) -> str:
    """'final_account' when the document's titles and text speak of 决算, else 'budget'."""
    doc = extraction.document
    words = [t.title for t in doc.tables[:6]] + [p.text for p in doc.paragraphs[:12]]
    finals = sum("决算" in w for w in words)
    budgets = sum("预算" in w and "决算" not in w for w in words)
    return "final_account" if finals > budgets else "budget"


def level_of(extraction: Extraction) -> str:
    """'单位' when the cover and titles say 单位预算/单位决算 and never 部门, else '部门'."""
    doc = extraction.document
    words = "".join([t.title for t in doc.tables[:6]] + [p.text for p in doc.paragraphs[:12]])
    return (
        "单位"
        if re.search(r"单位(?:预算|决算)", words) and not re.search(r"部门(?:预算|决算)", words)
        else "部门"
    )


def is_disclosure(extraction: Extraction, types: set[str]) -> bool:
    """Is the document a body's budget or final account, which must publish ``REQUIRED_TABLES``? It
    calls itself one in a title or heading (``_DISCLOSURE``; a sentence's mention does not count), or
    it prints two or more of those tables (``types``: the table types printed)."""
    doc = extraction.document
    heads = [t.title for t in doc.tables] + [p.text for p in doc.paragraphs if not is_sentence(p.text)]
    if any(_DISCLOSURE.search(compact(h)) for h in heads if h):
        return True
    required = {t for tables in REQUIRED_TABLES.values() for t in tables}
    return len(types & required) >= 2


def toc_titles(extraction: Extraction) -> list[str]:
    """The table titles the 目录 lists: the rows of a 目录 table, or the lines after a 目录 heading
    up to the first section that is not the tables' (第…部分 … 情况说明 / 名词解释)."""
    doc = extraction.document
    out: list[str] = []
    for t in doc.tables:
        v = extraction.verdicts.get(t.seq)
        if v is not None and v.table_type == "toc":
            for row in t.body_grid():
                flags = [compact(x) for x in row]
                if "是" in flags or any(_STATED_EMPTY.search(x) or "不涉及" in x for x in flags):
                    continue  # listed as published empty (空表): present by statement
                for cell in row:
                    m = _TOC_ENTRY.match(compact(cell))
                    if m and title_rules(m.group(1)) and not _GENERIC.match(m.group(1)):
                        out.append(m.group(1))
                        break
    if out:
        return out
    in_toc = False
    toc_page = 0
    for p in doc.paragraphs:
        text = compact(p.text)
        if _TOC_HEAD.match(text):
            in_toc, toc_page = True, p.page
            continue
        if not in_toc:
            continue
        if p.page > toc_page + 1:
            break
        if _SECTION.match(text) and out:
            break
        m = _TOC_ENTRY.match(text)
        if m and title_rules(m.group(1)) and not _GENERIC.match(m.group(1)):
            out.append(m.group(1))
    return out


def printed_types(extraction: Extraction) -> set[str]:
    """The table types whose title is printed somewhere outside the 目录: the tables' titles and the
    lines of text that are a table's title (a table the reader did not take as one is still there)."""
    types = {v.table_type for v in extraction.verdicts.values()}
    toc_pages = {p.page for p in extraction.document.paragraphs if _TOC_HEAD.match(compact(p.text))}
    for p in extraction.document.paragraphs:
        text = compact(p.text)
        if p.page in toc_pages or not text.endswith("表") or len(text) > 40 or _GENERIC.match(text):
            continue
        if _TOC_ENTRY.match(text) and re.match(r"^(?:[0-9]+|[一二三四五六七八九十]+)[、.．]", text):
            continue  # a numbered list entry (目录 style), not a title over a table
        found = title_rules(text)
        if found is not None and found[0] not in ("toc", "other"):
            types.add(found[0])
    return types


def _present(extraction: Extraction, title: str) -> bool:
    listed = title_rules(title)
    types = printed_types(extraction)
    if listed is not None and listed[0] in types:
        return True
    want = normalize_title(title)
    for t in extraction.document.tables:
        have = normalize_title(t.title)
        if have and (want in have or have in want or SequenceMatcher(None, want, have).ratio() >= 0.8):
            return True
    return False


def stated_empty(extraction: Extraction, table_type: str) -> bool:
    """Does the text say the document has nothing for this table (本单位无此项支出, 故本表无数据…)?"""
    topics = _EMPTY_TOPICS.get(table_type)
    texts = [p.text for p in extraction.document.paragraphs]
    texts += [n for t in extraction.document.tables for n in t.notes if isinstance(n, str)]
    for text in texts:
        s = compact(text)
        if _STATED_EMPTY.search(s) and (topics is None or any(w in s for w in topics)):
            return True
    return False


def unreadable(extraction: Extraction) -> bool:
    """Most tables came without a readable title (rotated or garbled pages): what is missing cannot be
    told from what was read, so completeness is not judged."""
    tables = extraction.document.tables
    untitled = sum(len(compact(t.title)) < 4 for t in tables)
    return bool(tables) and untitled * 2 > len(tables)


def check_completeness(extraction: Extraction) -> list[Finding]:
    out: list[Finding] = []
    if unreadable(extraction):
        return [
            audit_finding(reason("completeness_unjudged", tables=len(extraction.document.tables)), "info")
        ]
    seen: set[str] = set()
    for title in toc_titles(extraction):
        key = normalize_title(title)
        if key in seen:
            continue
        seen.add(key)
        if not _present(extraction, title):
            listed = title_rules(title)
            if listed is not None and stated_empty(extraction, listed[0]) and listed[0] in _EMPTY_TOPICS:
                continue
            out.append(audit_finding(reason("toc_missing", title=title), "error"))
    money = {v.table_type for v in extraction.verdicts.values()} - {"toc", "other", "institutions", "assets"}
    if not money - set(PERFORMANCE_TYPES):  # a performance-target disclosure, not a budget's tables
        return out
    kind, level = kind_of(extraction), level_of(extraction)
    types = printed_types(extraction)
    if not is_disclosure(extraction, types):  # a notice, a fund's allotment: no tables are required
        out.append(audit_finding(reason("required_unjudged", tables=len(extraction.document.tables)), "info"))
        return out
    missing_toc = {f.detail.args.get("title") for f in out if f.detail is not None}
    for table_type in REQUIRED_TABLES[(kind, level)]:
        if table_type in types or stated_empty(extraction, table_type):
            continue
        if any((r := title_rules(t or "")) is not None and r[0] == table_type for t in missing_toc):
            continue  # already named as listed and missing
        out.append(
            audit_finding(
                reason(
                    "required_missing",
                    kind=reason(KIND_CODES.get(kind, "audit.kind_other")),
                    name=REQUIRED_NAMES[table_type],
                ),
                "warning",
            )
        )
    return out
