"""Classification codes as printed in budget tables: what kind a code is, and where codes sit.

Pure functions on strings. Kinds:

* ``function``: 支出功能分类科目 — 类 201…234 (3 digits), 款 (5 digits), 项 (7 digits).
* ``economic``: 部门预算支出经济分类科目 — 301…399 (3 digits), 30101 (5 digits), 3010201 (7 digits:
  a province's sub-items).
* ``gov_economic``: 政府预算支出经济分类科目 — 501…599, 50101 (and 7 digits).
* ``unit``: 单位编码 such as 308001 (6 digits) or 353001.
* ``project``: 项目编码 such as 13043326P00007110001H (long, letters allowed).

A code split over 类/款/项 columns (``201 | 06 | 01``) is joined by ``join_split_code``.
"""

from __future__ import annotations

import re

from extract.numbers import bare, normalize

_DIGITS = re.compile(r"^\d+$")
_PROJECT = re.compile(r"^[0-9A-Z]{12,30}$")
_LEADING_CODE = re.compile(r"^\s*(\d{3}|\d{5}|\d{6}|\d{7})(?:\s+|(?=[\u4e00-\u9fff]))(\S.*)$")

FUNCTION_CLASSES = range(201, 235)


def clean_code(text: str) -> str:
    """The code a cell prints, whitespace removed (``'201 06 01'`` → ``'2010601'``)."""
    return bare(text)


def code_kind(text: str) -> str | None:
    """The kind of classification code ``text`` is, or None when it is not a code."""
    s = clean_code(text)
    if not s:
        return None
    if _DIGITS.match(s):
        n = len(s)
        head = int(s[:3]) if n >= 3 else -1
        if n in (3, 5, 7) and head in FUNCTION_CLASSES:
            return "function"
        # 7 digits: a province's sub-item under a 款 (重庆 3010201 规范性津补贴 under 30102)
        if n in (3, 5, 7) and 301 <= head <= 399:
            return "economic"
        if n in (3, 5, 7) and 501 <= head <= 599:
            return "gov_economic"
        if n == 6 or (n in (8, 9) and head >= 100):
            return "unit"
        return None
    if _PROJECT.match(s) and any(c.isdigit() for c in s) and any(c.isalpha() for c in s):
        return "project"
    return None


def is_code(text: str) -> bool:
    return code_kind(text) is not None


def split_leading_code(text: str) -> tuple[str, str] | None:
    """``'2080107 社会保险业务管理事务'`` → ``('2080107', '社会保险业务管理事务')``; None when no code leads."""
    m = _LEADING_CODE.match(normalize(text))
    if not m:
        return None
    code, rest = m.group(1), m.group(2).strip()
    if code_kind(code) is None or not re.search(r"[\u4e00-\u9fff]", rest):
        return None
    return code, rest


def split_parts(parts: list[str], carried: list[str] | None = None) -> list[str]:
    """The 类/款/项 parts a row stands for: printed parts, missing leading parts carried from above.

    ``['', '05', '']`` under ``carried=['208', '', '']`` → ``['208', '05']``. Parts below the
    last printed one are dropped (a 款 row has no 项). A 款 or 项 printed as a number without its
    leading zero (``'2'``, from a spreadsheet's number cell) is the two-digit part ``'02'``. []
    when no part is printed, or when a printed part is not a number (a label such as 合计 printed
    across the code columns: the row has no code).
    """
    cleaned = [clean_code(p) for p in parts]
    printed = [i for i, p in enumerate(cleaned) if p]
    if not printed or any(not _DIGITS.match(cleaned[i]) for i in printed):
        return []
    carried = carried or []
    out = [cleaned[i] or (clean_code(carried[i]) if i < len(carried) else "") for i in range(printed[-1] + 1)]
    return [p.zfill(2) if i and len(p) == 1 else p for i, p in enumerate(out)]


def split_label(parts: list[str]) -> str:
    """The label a row prints across its 类/款/项 cells instead of a code (合计, 总计), else ''."""
    texts = [normalize(p).strip() for p in parts if normalize(p).strip()]
    return texts[0] if texts and not any(ch.isdigit() for ch in texts[0]) else ""


def join_split_code(parts: list[str], carried: list[str] | None = None) -> str:
    """Join 类/款/项 cells into one function code: ``['201', '06', '01']`` → ``'2010601'``.

    With ``carried=['201', '06']`` the row ``['', '', '02']`` gives ``'2010602'``. '' when no
    part is printed.
    """
    return "".join(split_parts(parts, carried))


def is_code_header(name: str) -> bool:
    """A column header that names a code column (功能科目编码, 单位编码, 科目代码, 类/款/项)."""
    s = "".join(normalize(name).split())
    last = s.split("/")[-1] if s else ""
    return "编码" in s or "代码" in s or last in ("类", "款", "项", "科目编码")


SPLIT_PART_HEADERS = ("类", "款", "项")
# one header over all the parts ('类款项', '类 款 项', '类/款/项' printed in one merged cell)
SPLIT_SPAN_HEADERS = ("类款项", "类款", "款项")


def is_split_code_header(name: str) -> bool:
    s = "".join(normalize(name).split())
    leaf = s.split("/")[-1] if s else ""
    return leaf in SPLIT_PART_HEADERS or leaf.replace("、", "") in SPLIT_SPAN_HEADERS


# ---------------------------------------------------------------- code-shaped tokens in text

# a token printed where a code stands, whatever its kind (``code_kind`` says which): 3 to 9 digits.
# Readers of text without column positions tell a code from an amount by it.
CODE_TOKEN = re.compile(r"^\d{3,9}$")
# a code glued to the name after it: '2080107社会保险业务管理事务'
GLUED_CODE = re.compile(r"^(\d{3,9})([\u3400-\u9fff（(].*)$")


def split_glued_codes(tokens: list[str]) -> list[str]:
    """``['2080107社会保险…']`` → ``['2080107', '社会保险…']``: codes glued to their names split off."""
    out: list[str] = []
    for token in tokens:
        m = GLUED_CODE.match(token)
        out.extend([m.group(1), m.group(2)] if m else [token])
    return out


def is_digit_code(text: str) -> bool:
    """Is ``text`` (whitespace already removed) a code of 3 to 9 digits (类/款/项 201, 20101, 2010101;
    economic 301, 30101; unit 308001 and the longer unit codes): what the checks and the column
    placement treat as a code?"""
    return bool(CODE_TOKEN.match(text))


# ---------------------------------------------------------------- performance-target tables (issue 14)

# a project code glued before the project's name: '11000022T000000445703-统计人员岗位知识培训'
# (北京 预算项目编码), '2024-001 …'; the name is printed after it
PROJECT_CODE = re.compile(r"^\s*([0-9A-Z]{8,}|\d{4}[-－]\d{2,})\s*[-－—_:：]?\s*(?=\S)")


def split_project_code(text: str) -> tuple[str, str]:
    """``'11000022T000000445703-统计人员岗位知识培训'`` → ``('11000022T000000445703', '统计人员岗位知识培训')``;
    a name without a code comes back as ``('', name)``."""
    s = " ".join(text.split())
    m = PROJECT_CODE.match(s)
    if not m or not re.search(r"[\u3400-\u9fff]", s[m.end() :]):
        return "", s
    return m.group(1), s[m.end() :].strip()
