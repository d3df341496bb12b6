"""Narrative reconciliation: the figures the 编制说明 / 情况说明 quote, against the tables.

The text around the tables (``Document.paragraphs``) is joined into one running text (a sentence
printed over several lines reads as one) and searched for the sentence patterns disclosures use:

* totals — "收入预算x万元，其中：财政拨款收入x万元", "支出预算x万元", "本年收入合计x万元",
  "一般公共预算拨款支出x万元，其中基本支出x万元，项目支出x万元", "收入支出总计x万元",
  "财政拨款收入支出总计x万元" / "财政拨款收支总预算x万元";
* "“三公”经费预算数为x万元" / "“三公”经费预算支出x万元", "机关运行经费预算为x万元";
* 决算: "年初预算为a万元，支出决算为b万元，完成年初预算的c%" and the "决算数大于/小于/同预算数"
  statement after it;
* year on year: "x万元 … 增加/减少d万元，增长/下降p%".

Each total is matched to the cells of the tables it speaks of (``_TARGETS``: table types, row, column),
units normalised (a table in 元 against a text in 万元). A figure that matches no candidate is a
finding (``error``); one off by the last printed digit only is rounding (``info``); one that matches
after ×10000 is a 元/万元 mix-up; a blank table whose figure the text quotes is a finding. Rates,
comparisons and changes are checked against the figures the sentence itself cites.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from classify.dictionary import function_classes, normalize_name
from classify.findings import Finding, audit_finding, fmt_amount
from classify.model import Extraction, LineItem
from extract.model import Paragraph, Table
from extract.numbers import UNIT_SCALE
from extract.reasons import reason
from extract.relations import three_public_item
from extract.vocabulary import compact, is_named_total_row

NUM = r"(\d[\d,]*(?:\.\d+)?)"
UNIT = r"(万元|元)"
WAN = Decimal(10000)
# what stands before a total the body itself states (本部门预算收入, 2026年，XX局收入预算, …): a
# 一般公共预算收入 or a 公务接待费预算支出 is not the body's total
_OWNER = r"(?:本部门|本单位|部门|单位|[，。；：）局委院心办处所站道部会]|年)"


@dataclass(frozen=True)
class Quote:
    """A figure the text quotes: what it is about, the value and unit as printed, where it stands."""

    concept: str
    value: Decimal
    printed: str
    unit: str
    start: int  # offset in the running text
    end: int
    code: str = ""  # a function class's code (concept ``function_class``)

    @property
    def places(self) -> int:
        return -int(self.value.as_tuple().exponent) if "." in self.printed else 0

    @property
    def yuan(self) -> Decimal:
        return self.value * UNIT_SCALE[self.unit]


@dataclass(frozen=True)
class Figure:
    """A table cell the text may speak of (amount in yuan)."""

    yuan: Decimal
    table: Table
    row: int
    col: int
    path: tuple[str, ...] = ()  # the column's header labels


# concept → (label in a finding, the patterns quoting it); a pattern's groups are (number, unit)
_P = {
    "income_total": (
        "收入",
        [
            rf"(?:^|{_OWNER})(?:预算收入|收入预算|决算收入|收入决算)(?:总计|合计)?(?:为)?{NUM}{UNIT}",
            rf"本年收入合计(?:为)?{NUM}{UNIT}",
        ],
    ),
    "fiscal_income": ("财政拨款收入", [rf"(?<!一般公共预算)(?<!基金)财政拨款收入(?:为)?{NUM}{UNIT}"]),
    "gpb_income": ("一般公共预算拨款收入", [rf"一般公共预算(?:财政)?拨款收入(?:为)?{NUM}{UNIT}"]),
    "expense_total": (
        "支出",
        [
            rf"(?:^|{_OWNER})(?:支出预算|预算支出|决算支出)(?:总计|合计)?(?:为)?{NUM}{UNIT}",
            rf"本年支出合计(?:为)?{NUM}{UNIT}",
        ],
    ),
    "gpb_expense": (
        "一般公共预算拨款支出",
        [rf"一般公共预算(?:财政)?拨款支出(?:预算|决算)?(?:为)?{NUM}{UNIT}"],
    ),
    "gpb_basic": (
        "一般公共预算拨款基本支出",
        [rf"一般公共预算(?:财政)?拨款基本支出(?:预算|决算)?(?:为)?{NUM}{UNIT}"],
    ),
    "basic": ("基本支出", [rf"(?<!拨款)基本支出(?:预算|决算)?(?:为)?{NUM}{UNIT}"]),
    "project": ("项目支出", [rf"项目支出(?:预算|决算)?(?:为)?{NUM}{UNIT}"]),
    "grand_total": ("收入支出总计", [rf"(?<!财政拨款)收入支出总计(?:为)?{NUM}{UNIT}"]),
    # "财政拨款收入支出总计x万元" (决算), "财政拨款收支总预算x万元" / "财政拨款收、支总预算x万元" (预算)
    "fiscal_grand_total": (
        "财政拨款收支总计",
        [
            rf"财政拨款收入支出(?:预算|决算)?总计(?:为)?{NUM}{UNIT}",
            rf"财政拨款收[、，,]?支(?:预算|决算)?总(?:预算|决算|计)(?:为)?{NUM}{UNIT}",
        ],
    ),
    "three_public": (
        "“三公”经费",
        [rf"三公[”\"]?经费(?:财政拨款)?(?:预算|决算)?(?:支出)?(?:预算数|决算数)?(?:为)?{NUM}{UNIT}"],
    ),
    "operating": ("机关运行经费", [rf"机关运行经费(?:支出)?(?:预算|决算)?(?:数)?(?:为)?{NUM}{UNIT}"]),
}
_PATTERNS = [(c, re.compile(p)) for c, (_label, ps) in _P.items() for p in ps]
# a 基本支出 / 项目支出 quoted under a parent speaks of the parent's table
_PARENTS = ("expense_total", "gpb_expense")
_RATE = re.compile(
    rf"年初预算(?:数)?(?:为)?{NUM}万元[，,、]?(?:支出)?决算(?:数)?(?:为)?{NUM}万元[，,。]?完成(?:年初)?预算的{NUM}%"
)
_COMPARISON = re.compile(r"决算数(大于|小于|高于|低于|同|与|等于)(?:年初)?预算数(持平)?")
_CHANGE = re.compile(
    rf"(增加|减少)(?:（[^）]{{0,6}}）)?{NUM}万元[，,]?(增长|下降)(?:（[^）]{{0,6}}）)?{NUM}%"
)
_FIGURE_BEFORE = re.compile(rf"{NUM}万元")


def running_text(paragraphs: list[Paragraph]) -> tuple[str, list[int]]:
    """The paragraphs joined without whitespace (a sentence wrapped over lines reads whole) and,
    for each character, the index of the paragraph it comes from."""
    parts: list[str] = []
    owner: list[int] = []
    for i, p in enumerate(paragraphs):
        text = compact(p.text).replace(",", ",")
        parts.append(text)
        owner.extend([i] * len(text))
    return "".join(parts), owner


def quotes(text: str) -> list[Quote]:
    """Every figure the running text quotes, by the patterns above, in order."""
    out: list[Quote] = []
    for concept, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            printed = m.group(1)
            try:
                value = Decimal(printed.replace(",", ""))
            except ArithmeticError:
                continue
            out.append(Quote(concept, value, printed, m.group(2), m.start(), m.end()))
    out.sort(key=lambda q: (q.end, q.start))
    # two patterns quoting the same figure: the longer (more specific) one speaks for it
    kept: list[Quote] = []
    for q in out:
        if kept and kept[-1].end == q.end:
            continue
        kept.append(q)
    return sorted(kept, key=lambda q: q.start)


# before a class name: not a character of a longer name (其他社会保障和就业支出 is a 款), unless a word
# that lists figures (包括科学技术支出x万元, 其中：…, 主要用于…)
_CLASS_BEFORE = r"(?:(?<![\u4e00-\u9fff])|(?<=包括)|(?<=其中)|(?<=用于)|(?<=年))"


def class_quotes(text: str, classes: dict[str, str]) -> list[Quote]:
    """The function classes' figures the running text lists ("包括科学技术支出1140.61万元、…",
    "科学技术（类）支出1140.61万元"); ``classes``: each class's name (and alias) → its 3-digit code."""
    stems: dict[str, str] = {}
    for name, code in classes.items():
        stems[name.removesuffix("支出") or name] = code
    if not stems:
        return []
    names = "|".join(re.escape(n) for n in sorted(stems, key=len, reverse=True))
    pattern = re.compile(
        rf"{_CLASS_BEFORE}({names})(?:[（(]类[)）])?(?:支出)?(?:预算|决算)?(?:数)?(?:为)?{NUM}{UNIT}"
    )
    out: list[Quote] = []
    for m in pattern.finditer(text):
        try:
            value = Decimal(m.group(2).replace(",", ""))
        except ArithmeticError:
            continue
        out.append(
            Quote("function_class", value, m.group(2), m.group(3), m.start(), m.end(), stems[m.group(1)])
        )
    return out


def place_of(paragraphs: list[Paragraph], owner: list[int], start: int, end: int) -> list[dict]:
    """The paragraphs a span of the running text rests on, as a finding's places."""
    seen = sorted({owner[i] for i in range(start, min(end, len(owner)))})
    out = []
    for i in seen:
        p = paragraphs[i]
        out.append(
            {
                "page": p.page,
                "line_start": p.line_span[0] if p.line_span else None,
                "line_end": p.line_span[1] if p.line_span else None,
                "bbox": list(p.bbox) if p.bbox else None,
                "text": p.text,
            }
        )
    return out


# ------------------------------------------------------------------ the table cells each concept names


def _records(extraction: Extraction) -> dict[int, list[LineItem]]:
    out: dict[int, list[LineItem]] = {}
    for r in extraction.line_items:
        out.setdefault(r.table_seq, []).append(r)
    return out


def _tables_of(extraction: Extraction, *types: str) -> list[Table]:
    return [
        t
        for t in extraction.document.tables
        if (v := extraction.verdicts.get(t.seq)) is not None and v.table_type in types
    ]


def _total_row(records: list[LineItem]) -> int | None:
    """The table's total row: the first named as a total, else (a one-row table such as a 三公
    table printing only its totals) its only row."""
    rows = sorted({r.row for r in records if is_named_total_row(r.name) and "其中" not in r.name})
    if rows:
        return rows[0]
    every = sorted({r.row for r in records})
    return every[0] if len(every) == 1 else None


def _pick(
    extraction: Extraction,
    types: tuple[str, ...],
    row: Callable[[list[LineItem]], int | None] | str,
    column: Callable[[LineItem], bool],
) -> list[Figure]:
    by_table = _records(extraction)
    out: list[Figure] = []
    for t in _tables_of(extraction, *types):
        records = by_table.get(t.seq, [])
        if isinstance(row, str):
            rows = {r.row for r in records if row in compact(r.name)}
        else:
            found = row(records)
            rows = {found} if found is not None else set()
        for r in records:
            if r.row in rows and column(r):
                out.append(Figure(r.amount_yuan, t, r.row, r.col, r.column_path))
    return out


def _col(*words: str, first: bool = False) -> Callable[[LineItem], bool]:
    def test(r: LineItem) -> bool:
        path = r.column_path or tuple(r.column.split("/"))
        joined = "".join(path)
        if any(w in joined for w in ("上年", "年初", "调整", "上年度")) and not first:
            return False
        return any(w in joined for w in words) if words else True

    return test


def _first_amount(r: LineItem) -> bool:
    path = r.column_path or tuple(r.column.split("/"))
    return bool(path) and bool(re.search(r"合计|总计|预算数|决算数|金额|小计|本年", path[-1] if path else ""))


def _basic_sums(extraction: Extraction, types: tuple[str, ...]) -> list[Figure]:
    """基本支出 where a table prints only its parts: Σ the 人员经费 and 公用经费 columns of its total row."""
    out: list[Figure] = []
    for f in _pick(extraction, types, _total_row, _col("人员经费", "公用经费", "基本支出")):
        out.append(f)
    by_table: dict[int, list[Figure]] = {}
    for f in out:
        by_table.setdefault(f.table.seq, []).append(f)
    sums = []
    for parts in by_table.values():
        if len(parts) >= 2:
            first = min(parts, key=lambda f: f.col)
            sums.append(Figure(sum((f.yuan for f in parts), Decimal(0)), first.table, first.row, first.col))
    return sums


def figures(extraction: Extraction, concept: str, parent: str = "") -> list[Figure]:
    """The cells a quoted figure of ``concept`` may speak of (any of them may match)."""
    total = _total_row
    income_side = _col("收入", "预算数", "决算数", "金额")
    expense_side = _col("支出", "预算数", "决算数", "金额")
    if concept == "income_total":
        return _pick(extraction, ("income_summary",), total, _col("合计", "本年收入", "小计")) + _pick(
            extraction, ("income_expense_summary",), "本年收入合计", income_side
        )
    if concept == "fiscal_income":
        return (
            _pick(extraction, ("income_summary",), total, _col("财政拨款"))
            + _pick(extraction, ("fiscal_summary",), "本年收入合计", income_side)
            + _pick(extraction, ("fiscal_summary",), "收入总计", income_side)
            + _pick(extraction, ("income_expense_summary",), "财政拨款", income_side)
        )
    if concept == "gpb_income":
        return (
            _pick(extraction, ("fiscal_summary", "income_expense_summary"), "一般公共预算", income_side)
            + _pick(extraction, ("gpb_expense_function",), total, _first_amount)
            + _pick(extraction, ("income_summary",), total, _col("一般公共预算", "财政拨款"))
        )
    if concept == "expense_total":
        return _pick(extraction, ("expense_summary",), total, _col("合计", "本年支出", "小计")) + _pick(
            extraction, ("income_expense_summary",), "本年支出合计", expense_side
        )
    if concept == "gpb_expense":
        return _pick(extraction, ("gpb_expense_function",), total, _first_amount) + _pick(
            extraction, ("fiscal_summary",), "一般公共预算", expense_side
        )
    if concept in ("basic", "project"):
        word = "基本支出" if concept == "basic" else "项目支出"
        types = ("gpb_expense_function",) if parent == "gpb_expense" else ("expense_summary",)
        if not parent:
            types = ("expense_summary", "gpb_expense_function")
        out = _pick(extraction, types, total, _col(word))
        if concept == "basic":
            basic_types = ("gpb_basic_economic",) + (
                ("gpb_basic_function",) if parent != "expense_total" else ()
            )
            out += _pick(extraction, basic_types, total, _col("合计", "小计", "金额", "预算数", "决算数"))
            out += _basic_sums(extraction, types + basic_types)
        return out
    if concept == "gpb_basic":
        return (
            _pick(extraction, ("gpb_expense_function",), total, _col("基本支出"))
            + _pick(
                extraction, ("gpb_basic_economic",), total, _col("合计", "小计", "金额", "预算数", "决算数")
            )
            + _basic_sums(extraction, ("gpb_expense_function", "gpb_basic_economic", "gpb_basic_function"))
        )
    if concept == "grand_total":
        return _pick(extraction, ("income_expense_summary",), "总计", income_side) + _pick(
            extraction, ("income_expense_summary",), "总计", expense_side
        )
    if concept == "fiscal_grand_total":
        return _pick(extraction, ("fiscal_summary",), "总计", income_side) + _pick(
            extraction, ("fiscal_summary",), "总计", expense_side
        )
    if concept == "three_public":
        return _pick(extraction, ("three_public",), total, _col(first=True))
    if concept == "operating":
        return _pick(extraction, ("three_public",), total, _col("机关运行"))
    return []


def class_figures(extraction: Extraction, code: str, names: set[str]) -> list[Figure]:
    """The cells a function class's quoted figure may speak of: in any table, the row of that class
    (its code, or its name as the dictionary lists it), in any column that is not a prior year's or
    the 年初 budget's (a sentence on 项目支出 lists its classes' 项目支出: "其中：教育支出x万元")."""
    by_table = _records(extraction)
    out: list[Figure] = []
    for t in extraction.document.tables:
        rows: dict[int, list[LineItem]] = {}
        for r in by_table.get(t.seq, []):
            if r.code == code or (not r.code and normalize_name(r.name) in names):
                rows.setdefault(r.row, []).append(r)
        for cells in rows.values():
            out.extend(Figure(r.amount_yuan, t, r.row, r.col, r.column_path) for r in cells if _col()(r))
    return out


def _blank(extraction: Extraction, concept: str) -> Table | None:
    """The table a concept speaks of when it is published blank (empty, or all its amounts zero)."""
    types = {
        "three_public": ("three_public",),
        "operating": ("three_public",),
        "gpb_expense": ("gpb_expense_function",),
        "income_total": ("income_summary",),
        "expense_total": ("expense_summary",),
    }.get(concept, ())
    by_table = _records(extraction)
    for t in _tables_of(extraction, *types):
        records = by_table.get(t.seq, [])
        if "three_public" in types:
            # only its “三公” figures count: a blank table read together with the next one (a table
            # without amounts run into a 绩效目标表 in plain text) holds that table's figures
            records = [r for r in records if _three_public_figure(r)]
        if t.empty or all(r.amount_yuan == 0 for r in records):
            return t
    return None


def _three_public_figure(r: LineItem) -> bool:
    """Is the record a figure of the “三公” table: a row or column naming a “三公” item, or its total row?"""
    path = r.column_path or tuple(r.column.split("/"))
    return bool(three_public_item(r.name) or any(three_public_item(p) for p in path)) or (
        is_named_total_row(r.name) and "其中" not in r.name
    )


# ------------------------------------------------------------------ the check


def _rounded(yuan: Decimal, unit: str, places: int) -> Decimal:
    return (yuan / UNIT_SCALE[unit]).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _table_name(t: Table) -> str:
    return t.label or t.title[:30] or f"表{t.seq}"


def check_narrative(extraction: Extraction) -> list[Finding]:
    """Every figure the narrative quotes against its table, and its own rates, comparisons and
    changes (see the module docstring)."""
    paragraphs = extraction.document.paragraphs
    if not paragraphs:
        return []
    text, owner = running_text(paragraphs)
    out: list[Finding] = []
    parent, parent_at = "", -1
    for q in quotes(text):
        if q.concept in _PARENTS:
            parent, parent_at = q.concept, q.start
        elif q.concept not in ("basic", "project") or "。" in text[parent_at + 1 : q.start]:
            parent = ""  # a parent speaks for the 其中 of its own sentence only
        finding = _match(extraction, q, parent if q.concept in ("basic", "project") else "")
        if finding is not None:
            finding.places = place_of(paragraphs, owner, q.start, q.end)
            out.append(finding)
    classes = function_classes()
    for q in class_quotes(text, classes):
        names = {n for n, c in classes.items() if c == q.code}
        label = max(names, key=len)
        finding = _match(extraction, q, "", label, class_figures(extraction, q.code, names))
        if finding is not None:
            finding.places = place_of(paragraphs, owner, q.start, q.end)
            out.append(finding)
    out.extend(_rates(text, paragraphs, owner))
    out.extend(_changes(text, paragraphs, owner))
    return out


def _match(
    extraction: Extraction,
    q: Quote,
    parent: str,
    label: str = "",
    candidates: list[Figure] | None = None,
) -> Finding | None:
    """The finding a quoted figure raises against its candidate cells (by default those of its
    concept, ``figures``), or None when one of them prints it."""
    label = label or _P[q.concept][0]
    if candidates is None:
        candidates = figures(extraction, q.concept, parent)
    if not candidates:  # no amount to compare: a blank table the text quotes a figure of?
        blank = _blank(extraction, q.concept)
        if blank is None or q.value == 0:
            return None
        return audit_finding(
            reason(
                "narrative_blank_table",
                table=_table_name(blank),
                concept=label,
                text_value=q.printed,
                unit=q.unit,
            ),
            "error",
            tables=[blank.seq],
        )
    if q.value == 0 and q.concept == "three_public":
        # 三公 quoted as 0: the table's 三公 columns are blank or 0 (its 合计 may hold 会议费, 培训费)
        own = [f for f in candidates if any("三公" in label for label in f.path)]
        if not any(f.yuan for f in own):
            return None
    step = Decimal(1).scaleb(-q.places)
    best: Figure | None = None
    best_diff: Decimal | None = None
    for f in candidates:
        for unit in (q.unit,):
            got = _rounded(f.yuan, unit, q.places)
            diff = abs(got - q.value)
            if diff == 0:
                return None
            if best_diff is None or diff < best_diff:
                best, best_diff = f, diff
    assert best is not None and best_diff is not None
    evidence = [(f.table.seq, f.row, f.col) for f in candidates]
    params = {"concept": label, "text_value": q.printed, "unit": q.unit, "table": _table_name(best.table)}
    shown = fmt_amount(_rounded(best.yuan, q.unit, max(q.places, 2)))
    if best_diff <= step:
        return audit_finding(
            reason("narrative_rounding", **params, table_value=shown, diff=fmt_amount(best_diff)),
            "info",
            evidence=evidence,
            tables=[best.table.seq],
        )
    other = "元" if q.unit == "万元" else "万元"
    for f in candidates:
        if _rounded(f.yuan, other, q.places) == q.value or (
            q.value != 0 and abs(_rounded(f.yuan, other, q.places) - q.value) <= step
        ):
            return audit_finding(
                reason(
                    "narrative_unit",
                    concept=label,
                    text_value=q.printed,
                    text_unit=q.unit,
                    table=_table_name(f.table),
                    table_value=fmt_amount(_rounded(f.yuan, other, max(q.places, 2))),
                    table_unit=other,
                ),
                # the text writing 元 for 万元 is the mix-up; a table read in 元 whose figure the text
                # quotes in 万元 is more likely its unit line misread, shown but not raised
                "error" if q.unit == "元" else "info",
                evidence=[(f.table.seq, f.row, f.col)],
                tables=[f.table.seq],
            )
    blank = _blank(extraction, q.concept)
    if blank is not None and q.value != 0:
        return audit_finding(
            reason(
                "narrative_blank_table",
                table=_table_name(blank),
                concept=label,
                text_value=q.printed,
                unit=q.unit,
            ),
            "error",
            tables=[blank.seq],
        )
    return audit_finding(
        reason("narrative_mismatch", **params, table_value=shown, diff=fmt_amount(best_diff)),
        "error",
        evidence=evidence,
        tables=[best.table.seq],
    )


def _pct(part: Decimal, whole: Decimal) -> Decimal:
    return (part / whole * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _rates(text: str, paragraphs: list[Paragraph], owner: list[int]) -> list[Finding]:
    out: list[Finding] = []
    matches = list(_RATE.finditer(text))
    for i, m in enumerate(matches):
        budget, final, rate = (Decimal(g.replace(",", "")) for g in m.groups())
        places = place_of(paragraphs, owner, m.start(), m.end())
        if budget > 0:
            expected = _pct(final, budget)
            # the rate is computed from unrounded figures: allow what rounding both to 0.01 can move it
            unit = Decimal(1).scaleb(rate.as_tuple().exponent)  # the rate's last printed digit
            slack = unit + (Decimal("0.005") * 100 / budget) * (1 + final / budget)
            if abs(expected - rate) > slack:
                out.append(
                    audit_finding(
                        reason(
                            "narrative_rate",
                            rate=fmt_amount(rate),
                            budget=fmt_amount(budget),
                            final=fmt_amount(final),
                            expected=fmt_amount(expected),
                        ),
                        "warning",
                        places=places,
                    )
                )
        stop = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        said = _COMPARISON.search(text, m.end(), min(stop, m.end() + 400))
        if said is None:
            continue
        word = "同" if said.group(2) or said.group(1) in ("同", "与", "等于") else said.group(1)
        truth = "大于" if final > budget else "小于" if final < budget else "同"
        said_as = {"高于": "大于", "低于": "小于"}.get(word, word)
        if said_as != truth:
            out.append(
                audit_finding(
                    reason(
                        "narrative_comparison",
                        said=word,
                        budget=fmt_amount(budget),
                        final=fmt_amount(final),
                    ),
                    "error",
                    places=place_of(paragraphs, owner, m.start(), said.end()),
                )
            )
    return out


def _changes(text: str, paragraphs: list[Paragraph], owner: list[int]) -> list[Finding]:
    """ "x万元 … 增加/减少d万元，增长/下降p%": p against d / (x ∓ d), x the last figure before it."""
    out: list[Finding] = []
    for m in _CHANGE.finditer(text):
        direction, change, direction2, rate = m.group(1), m.group(2), m.group(3), m.group(4)
        window = text[max(0, m.start() - 80) : m.start()]
        window = window[window.rfind("。") + 1 :]  # the figure changed is in the same sentence
        before = [
            b for b in _FIGURE_BEFORE.finditer(window) if not re.search(r"(增加|减少)$", window[: b.start()])
        ]
        if not before:
            continue
        figure = Decimal(before[-1].group(1).replace(",", ""))
        d = Decimal(change.replace(",", ""))
        previous = figure - d if direction == "增加" else figure + d
        if previous <= 0:
            continue
        expected = _pct(d, previous)
        printed = Decimal(rate)
        unit = Decimal(1).scaleb(printed.as_tuple().exponent)  # the rate's last printed digit
        slack = unit + Decimal("0.01") * 100 / previous * 2
        if abs(expected - Decimal(rate)) > slack or (direction == "增加") != (direction2 == "增长"):
            out.append(
                audit_finding(
                    reason(
                        "narrative_change",
                        figure=fmt_amount(figure),
                        direction=direction,
                        direction2=direction2,
                        change=change,
                        rate=rate,
                        expected=fmt_amount(expected),
                    ),
                    "warning",
                    places=place_of(paragraphs, owner, m.start() - len(window) + before[-1].start(), m.end()),
                )
            )
    return out
