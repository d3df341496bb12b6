"""Why a record needs review, and what a check found: a code with parameters.

Every stage says *why* with a ``Reason`` — a stable code and its parameters — never with a
sentence. The sentence is made only when a reader looks at it, in the reader's language
(``Reason.render("zh")`` / ``render("en")``), from the one catalogue, ``MESSAGES`` (``extract.reason_messages``, one module per stage). The
store keeps the code and the parameters (``Reason.to_json``), so a reason stored today reads in
Chinese or English tomorrow, and the catalogue can be corrected without touching the data.

Parameters are plain values (strings, numbers); amounts are passed already formatted as printed
(``"97.11"``), so a message quotes the figures the reviewer sees on the page.

Adding a reason: add its code to ``MESSAGES`` with both languages, in the section of its stage,
and make it with ``reason(code, **params)``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from extract.reason_messages import MESSAGES  # the catalogue (data only), re-exported here

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"


# reader warnings on a table that say its cells could not be read at all: the table and every
# amount read from it go to review (classify.analyze routes them)
TABLE_UNREAD = frozenset(
    {
        "scan_print_too_small",
        "scan_print_unsure",
        "text.amounts_in_text",
        "collapsed.header_banner_ties",
        "collapsed.header_rebuilt_ties",
    }
)


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
        args = {k: _rendered(v, lang) for k, v in self.params}
        try:
            return template.format(**args)
        except (KeyError, IndexError, ValueError):
            return f"{template} {args}"

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "params": {k: _thawed(v) for k, v in self.params}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Reason:
        return reason(str(data.get("code", "unknown")), **dict(data.get("params") or {}))

    def __str__(self) -> str:
        return self.render("en")


def _rendered(value: Any, lang: str) -> Any:
    """A parameter as a message quotes it: a reason given as a parameter (stored as {code, params})
    in the same language, anything else as it is."""
    if isinstance(value, Reason):
        return value.render(lang)
    if isinstance(value, dict) and "code" in value:
        return Reason.from_json(value).render(lang)
    if isinstance(value, (list, tuple)):
        return ("；" if lang == "zh" else "; ").join(str(_rendered(v, lang)) for v in value)
    return value


def _frozen(value: Any) -> Any:
    """A parameter kept hashable: a reason as its stored form's pairs, a list as a tuple."""
    if isinstance(value, Reason):
        return value
    if isinstance(value, dict):
        if "code" in value:
            return Reason.from_json(value)
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


def _thawed(value: Any) -> Any:
    """A parameter as stored (JSON): a reason as {code, params}."""
    if isinstance(value, Reason):
        return value.to_json()
    if isinstance(value, tuple):
        return [_thawed(v) for v in value]
    return value


def reason(code: str, /, **params: Any) -> Reason:
    """A ``Reason`` with ``code`` and keyword parameters (a parameter may itself be a reason, which
    renders in the reader's language inside the message)."""
    return Reason(code, tuple(sorted((k, _frozen(v)) for k, v in params.items())))


# a reason, a list of them, or none: what ``joined`` takes
Reasons = Reason | Iterable[Reason] | None


def joined(*parts: Reasons) -> list[Reason]:
    """The reasons of ``parts`` (each a reason, a list of reasons or None) as one list, in order,
    each once: what a record carries when several stages doubt it."""
    out: list[Reason] = []
    for part in parts:
        if part is None:
            continue
        for r in [part] if isinstance(part, Reason) else part:
            if r not in out:
                out.append(r)
    return out


def has_code(reasons: Iterable[Reason], code: str) -> bool:
    """Does any of ``reasons`` have ``code``?"""
    return any(r.code == code for r in reasons)


def to_jsonable(items: Iterable[Reason | str]) -> list[Any]:
    """A list of reasons (and printed texts, such as a table's notes) as stored: each reason as
    {code, params}, each text as itself."""
    return [r.to_json() if isinstance(r, Reason) else r for r in items]


def dumps(reasons: Iterable[Reason]) -> str:
    """Reasons as stored: a JSON list of {code, params} ('' when there are none)."""
    items = list(reasons)
    return json.dumps([r.to_json() for r in items], ensure_ascii=False) if items else ""


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
