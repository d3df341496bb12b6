"""Why a record needs review, and what a check found: a code with parameters.

Every stage says *why* with a ``Reason`` — a stable code and its parameters — never with a
sentence. The sentence is made only when a reader looks at it, in the reader's language
(``Reason.render("zh")`` / ``render("en")``), from the one catalogue below, ``MESSAGES``. The
store keeps the code and the parameters (``Reason.to_json``), so a reason stored today reads in
Chinese or English tomorrow, and the catalogue can be corrected without touching the data.

Parameters are plain values (strings, numbers); amounts are passed already formatted as printed
(``"97.11"``), so a message quotes the figures the reviewer sees on the page.

Adding a reason: add its code to ``MESSAGES`` with both languages, in the section of its stage,
and make it with ``reason(code, **params)``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"

# code → {language: template}; templates use str.format with the reason's parameters
MESSAGES: dict[str, dict[str, str]] = {
    # ---- generic
    "unknown": {"zh": "{text}", "en": "{text}"},
    # ---- readers (extract/)
    # ---- classification and routing (classify/)
    # ---- real disclosures: born-digital PDFs, workbooks (issue 13)
    # ---- performance-target tables (issue 14)
    "performance.level2_unknown": {"zh": "二级指标无法确定", "en": "level2 unknown"},
    "performance.level2_inferred": {
        "zh": "未印二级指标；据指标文字推断为“{level2}”（p={p}）",
        "en": "level2 not printed; inferred '{level2}' (p={p}) from the indicator's words",
    },
    "performance.level2_moved": {
        "zh": "二级指标印在本行之下；据指标文字归入“{level2}”",
        "en": "level2 label printed below this row; assigned '{level2}' from the indicator's words",
    },
    "performance.split_guess": {
        "zh": "指标名称与指标值未按列分开：从 {count} 个单元格中取“{value}”为指标值",
        "en": "indicator name and value not told apart by their columns: '{value}' taken as the value of {count} cells",
    },
    "performance.value_missing": {
        "zh": "未读到指标“{name}”的指标值",
        "en": "no value read for the indicator '{name}'",
    },
    "performance.name_like_value": {
        "zh": "指标名称“{name}”像是指标值",
        "en": "the indicator's name '{name}' looks like a value",
    },
    "performance.level2_centred": {
        "zh": "二级指标居中印于合并单元格，本行归属“{level2}”存疑（据指标文字推断为“{guess}”）",
        "en": "level2 labels are centred in their merged cells: this row's '{level2}' is in doubt (its words suggest '{guess}')",
    },
    "performance.operator_unread": {
        "zh": "指标方向列未读出或不可识别（“{direction}”），指标值“{value}”存疑",
        "en": "the operator column reads '{direction}': the value '{value}' is in doubt",
    },
    "performance.project_unread": {
        "zh": "本页项目列未读出；项目“{project}”沿用上一页",
        "en": "this page's project column was not read; project '{project}' carried from the page before",
    },
    # ---- audit findings: completeness, narrative, cross-table (issue 15)
    # ---- review workbench (issue 16)
    # ---- scans (issue 17)
    # ---- review service and store (issue 18)
}


@dataclass(frozen=True)
class Reason:
    """A code from ``MESSAGES`` and its parameters (kept as sorted pairs: hashable, comparable)."""

    code: str
    params: tuple[tuple[str, Any], ...] = ()

    @property
    def args(self) -> dict[str, Any]:
        return dict(self.params)

    def render(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The reason as a sentence in ``lang`` ('zh' or 'en'); a code missing from the catalogue
        reads as its code and parameters, so nothing stored is ever lost from view."""
        templates = MESSAGES.get(self.code)
        if templates is None:
            shown = ", ".join(f"{k}={v}" for k, v in self.params)
            return f"{self.code}({shown})" if shown else self.code
        template = templates.get(lang) or templates[DEFAULT_LANGUAGE]
        try:
            return template.format(**self.args)
        except (KeyError, IndexError, ValueError):
            return f"{template} {self.args}"

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "params": self.args}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Reason:
        return reason(str(data.get("code", "unknown")), **dict(data.get("params") or {}))

    def __str__(self) -> str:
        return self.render("en")


def reason(code: str, **params: Any) -> Reason:
    """A ``Reason`` with ``code`` and keyword parameters."""
    return Reason(code, tuple(sorted(params.items())))


def dumps(reasons: list[Reason]) -> str:
    """Reasons as stored: a JSON list of {code, params} ('' when there are none)."""
    return json.dumps([r.to_json() for r in reasons], ensure_ascii=False) if reasons else ""


def loads(text: str | None) -> list[Reason]:
    """Stored reasons back; text that is not such a list (an older store) reads as one
    ``unknown`` reason holding the text, so nothing stored is lost."""
    if not text:
        return []
    try:
        data = json.loads(text)
    except ValueError:
        return [reason("unknown", text=text)]
    if not isinstance(data, list) or not all(isinstance(d, dict) for d in data):
        return [reason("unknown", text=text)]
    return [Reason.from_json(d) for d in data]
