"""The code ↔ name dictionary of classification codes (支出功能分类 and 经济分类 科目).

Loaded from ``classify/data/function_codes.tsv`` and ``economic_codes.tsv`` (``code<TAB>name<TAB>
kind[<TAB>aliases separated by |]``) and grown from confirmed records (``learn``,
``learn_from_store``). ``check(code, name)`` says whether a printed name fits its code:

* ``ok``        the name is the code's name or one of its aliases (after normalising: spacing,
                full/half-width brackets, 其它 → 其他, enumerators such as ``1、``)
* ``near``      one or two characters differ, or the name is cut short (a typo, an OCR slip, a
                name wrapped onto the next line): worth a look, not a contradiction
* ``mismatch``  the name belongs to another code, or to none: the code or the name is misread
* ``unknown``   the code is not in the dictionary
* ``skip``      not a classification code (unit codes, project codes, '')

``suggest(code, name)`` proposes the code a name most likely belongs to, among codes that differ
from the printed one by one or two digits (OCR digit confusions: 2107101 → 2101101 for 行政单位医疗).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

from extract.codes import code_kind

DATA_DIR = Path(__file__).resolve().parent / "data"
FILES = ("function_codes.tsv", "economic_codes.tsv")
CLASS_KINDS = ("function", "economic", "gov_economic")
NEAR_RATIO = 0.8  # similarity at or above which a differing name is a typo, not another name

_ENUM = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|[(（]\d+[)）]|其中[:：])\s*")
_DROP = re.compile(r"[\s、，,。.:：;；\"“”'‘’·]")
_FOLD = str.maketrans({"（": "(", "）": ")", "【": "(", "】": ")", "[": "(", "]": ")"})


def normalize_name(name: str) -> str:
    """A name as compared: enumerator and spacing removed, brackets folded, 其它 → 其他."""
    s = _ENUM.sub("", name)
    s = _DROP.sub("", s.translate(_FOLD))
    return s.replace("其它", "其他").replace("()", "")


@dataclass(frozen=True)
class Verdict:
    status: str  # ok | near | mismatch | unknown | skip
    code: str
    name: str
    expected: str = ""  # the dictionary's name for the code
    similarity: float = 0.0

    @property
    def contradicts(self) -> bool:
        return self.status in ("mismatch", "unknown")


@dataclass
class CodeDictionary:
    names: dict[str, set[str]] = field(default_factory=dict)  # code → normalised names
    display: dict[str, str] = field(default_factory=dict)  # code → the name as listed
    kinds: dict[str, str] = field(default_factory=dict)
    learned: dict[str, set[str]] = field(default_factory=dict)  # code → names learned from records

    # ----------------------------------------------------------------- building

    @classmethod
    def from_files(cls, paths: Iterable[str | Path] | None = None) -> CodeDictionary:
        d = cls()
        for path in paths or [DATA_DIR / f for f in FILES]:
            d.load_tsv(path)
        return d

    def load_tsv(self, path: str | Path) -> None:
        for i, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines()):
            parts = line.split("\t")
            if i == 0 and parts[0] == "code" or len(parts) < 2 or not parts[0].strip():
                continue
            code, name = parts[0].strip(), parts[1].strip()
            kind = parts[2].strip() if len(parts) > 2 else (code_kind(code) or "")
            aliases = [a for a in (parts[3].split("|") if len(parts) > 3 else []) if a.strip()]
            self.add(code, name, kind, aliases)

    def add(self, code: str, name: str, kind: str = "", aliases: Iterable[str] = ()) -> None:
        self.display.setdefault(code, name)
        self.kinds.setdefault(code, kind or code_kind(code) or "")
        entry = self.names.setdefault(code, set())
        entry.add(normalize_name(name))
        entry.update(normalize_name(a) for a in aliases)

    def learn(self, code: str, name: str) -> bool:
        """Accept ``name`` for ``code`` (from a confirmed record); True when it was new."""
        if code_kind(code) not in CLASS_KINDS or not normalize_name(name):
            return False
        key = normalize_name(name)
        if key in self.names.get(code, set()):
            return False
        self.learned.setdefault(code, set()).add(name)
        if code not in self.display:
            self.display[code] = name
            self.kinds[code] = code_kind(code) or ""
        self.names.setdefault(code, set()).add(key)
        return True

    def learn_from(self, records: Iterable[tuple[str, str, str]]) -> int:
        """Learn (code, name, status) triples whose status is confirmed or corrected; how many were new."""
        return sum(
            self.learn(code, name) for code, name, status in records if status in ("confirmed", "corrected")
        )

    def learn_from_store(self, conn: sqlite3.Connection) -> int:
        """Learn the code/name pairs of confirmed and corrected line items in a work store."""
        rows = conn.execute(
            "SELECT code, name, status FROM line_items WHERE status IN ('confirmed', 'corrected') AND code != ''"
        )
        return self.learn_from((r[0], r[1], r[2]) for r in rows)

    # ----------------------------------------------------------------- asking

    def __contains__(self, code: str) -> bool:
        return code in self.names

    def name_of(self, code: str) -> str:
        return self.display.get(code, "")

    def check(self, code: str, name: str) -> Verdict:
        code = code.strip()
        if code_kind(code) not in CLASS_KINDS and not _malformed_function_code(code):
            return Verdict("skip", code, name)
        if code not in self.names:
            return Verdict("unknown", code, name)
        expected = self.display[code]
        key = normalize_name(name)
        if not key:
            return Verdict("ok", code, name, expected, 1.0)
        known = self.names[code]
        if key in known:
            return Verdict("ok", code, name, expected, 1.0)
        best = max(_similarity(key, k) for k in known)
        if best >= NEAR_RATIO or any(_truncated(key, k) for k in known):
            return Verdict("near", code, name, expected, best)
        return Verdict("mismatch", code, name, expected, best)

    def suggest(self, code: str, name: str, max_digits: int = 2) -> list[str]:
        """Codes of the same length whose name is ``name``, nearest first (by digits changed)."""
        key = normalize_name(name)
        if not key or not code.isdigit():
            return []
        out: list[tuple[int, str]] = []
        for other, names in self.names.items():
            if other == code or key not in names:
                continue
            if len(other) == len(code):
                diff = sum(a != b for a, b in zip(other, code, strict=True))
            elif abs(len(other) - len(code)) == 1 and _one_dropped(
                max(other, code, key=len), min(other, code, key=len)
            ):
                diff = 1  # a digit lost or doubled
            else:
                continue
            if diff <= max_digits:
                out.append((diff, other))
        return [c for _, c in sorted(out)]


@cache
def function_classes() -> dict[str, str]:
    """Each function class (类, 3 digits) of the dictionary's files, by its normalised name and
    aliases → its code: the classes a narrative lists with their figures."""
    out: dict[str, str] = {}
    for line in (DATA_DIR / "function_codes.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.split("\t")
        code = parts[0].strip()
        if len(code) != 3 or not code.isdigit() or len(parts) < 2:
            continue
        for name in [parts[1], *(parts[3].split("|") if len(parts) > 3 else [])]:
            if normalize_name(name):
                out.setdefault(normalize_name(name), code)
    return out


def _malformed_function_code(code: str) -> bool:
    """A digit string that starts like a function code but has the wrong length (210499)."""
    return code.isdigit() and len(code) in (4, 6, 8) and 201 <= int(code[:3]) <= 234


def _similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio()


def _one_dropped(long: str, short: str) -> bool:
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _truncated(name: str, full: str) -> bool:
    """A name cut short by a line break: a prefix of the full name holding most of it."""
    return len(name) >= 4 and full.startswith(name) and len(name) >= 0.5 * len(full)
