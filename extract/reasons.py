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
    # ---- audit findings: completeness, narrative, cross-table (issue 15)
    # ---- review workbench (issue 16)
    # ---- scans (issue 17)
    "scan_header_repaired": {
        "zh": "表头第{row}行第{col}列识别为「{raw}」，与词表的「{label}」相差{distance}字，按「{label}」读",
        "en": "header cell (row {row}, column {col}) read as '{raw}', {distance} edit(s) from the label "
        "'{label}': read as '{label}'",
    },
    "scan_header_doubted": {
        "zh": "表头第{row}行第{col}列识别为「{raw}」（置信度{confidence}），不是已知的表头，其下各项需复核",
        "en": "header cell (row {row}, column {col}) read as '{raw}' (confidence {confidence}) is no known "
        "label: the items under it go to review",
    },
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
