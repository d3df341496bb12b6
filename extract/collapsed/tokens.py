"""Lines and tokens of collapsed text: a line's words, amounts, CJK runs, and cell text joined back."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.collapsed.words import SUB_WORDS
from extract.numbers import parse_amount
from extract.vocabulary import HEADER_WORDS, year_word

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

FILLER_TOKEN = re.compile(r"^\*+$")


def is_amount(tok: str) -> bool:
    return parse_amount(tok) is not None


def is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


def join_tokens(tokens: list[str]) -> str:
    """Tokens of one cell joined: no space between CJK neighbours (layout spaces), one otherwise."""
    out = ""
    for tok in tokens:
        if out and not (is_cjk(out[-1]) or is_cjk(tok[0]) or out[-1] in "（(：:、" or tok[0] in "）)（("):
            out += " "
        out += tok
    return out


@dataclass
class Line:
    no: int  # 1-based line number in the document
    text: str  # the raw line (rstripped)

    @property
    def tokens(self) -> list[str]:
        return self.text.split()

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip())


def to_lines(lines: list[str], first_line: int) -> list[Line]:
    return [Line(first_line + i, normalize_spaces(raw)) for i, raw in enumerate(lines)]


def normalize_spaces(raw: str) -> str:
    """Tabs, ideographic and no-break spaces as plain spaces; trailing space and CR dropped."""
    return raw.replace("\u3000", " ").replace("\xa0", " ").replace("\t", " ").rstrip("\r\n ").rstrip()


def header_word_split(run: list[str]) -> list[str] | None:
    """``收 入 支 出`` → 收入 支出, ``科 目 名 称 总 计`` → 科目名称 总计: letter-spaced characters that
    spell header words one after another, one cell each (the fewest words); None when they do not
    (or spell one header word)."""
    text = "".join(run)
    if len(run) < 3 or text in HEADER_WORDS:
        return None
    best: list[list[str] | None] = [[]] + [None] * len(text)  # best[i]: the words spelling text[:i]
    for i in range(1, len(text) + 1):
        for j in range(max(0, i - 20), i - 1):
            head, word = best[j], text[j:i]
            if (
                head is not None
                and word in HEADER_WORDS
                and (best[i] is None or len(head) + 1 < len(best[i]))
            ):
                best[i] = [*head, word]
    return best[-1]


def join_years(toks: list[str]) -> list[str]:
    """``2026`` ``年预算数`` → ``2026年预算数``: a year is the start of the 年 word after it."""
    out: list[str] = []
    for tok in toks:
        if out and year_word(out[-1], tok):
            out[-1] += tok
        else:
            out.append(tok)
    return out


def merge_single_chars(toks: list[str]) -> list[str]:
    """'项    目' → '项目', '合 计' → '合计': runs of single CJK characters on one line are one word."""
    out: list[str] = []
    run: list[str] = []
    for tok in [*toks, ""]:
        if len(tok) == 1 and is_cjk(tok):
            run.append(tok)
            continue
        k = 0
        while k < min(len(run), len(SUB_WORDS)) and run[k] == SUB_WORDS[k]:
            k += 1
        if len(run) > 1 and all(t in SUB_WORDS for t in run):  # 类 款 项: three columns
            out.extend(run)
        elif words := header_word_split(run):
            out.extend(words)  # 收 入 支 出: two cells
        elif k >= 2:  # 类 款 项 小 计: the code's three columns, then 小计
            out.extend(run[:k])
            out.append("".join(run[k:]))
        elif run:
            out.append("".join(run))
        run = []
        if tok:
            out.append(tok)
    return out
