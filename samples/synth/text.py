"""Printed text: Chinese numerals, amounts in a unit and style, header grids and column names."""

from __future__ import annotations

import random
from decimal import Decimal

_CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一 (1..99)."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "十" if tens == 1 else _CN_DIGITS[tens] + "十"
    return head + (_CN_DIGITS[ones] if ones else "")


def amount_text(fen: int, unit: str, style: str) -> str:
    """An amount in fen printed in the table's unit.

    styles: 'comma2' 1,704,000.00 · 'plain2' 1704000.00 · 'strip' 56 / 11.5 / 4.25 (trailing zeros dropped).
    """
    value = Decimal(fen) / Decimal(100)
    if unit == "万元":
        value = value / Decimal(10000)
    value = value.quantize(Decimal("0.01"))
    if style == "comma2":
        return f"{value:,.2f}"
    if style == "plain2":
        return f"{value:.2f}"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def header_grid(spec: list[list[tuple]], n_cols: int) -> tuple[list[list[str]], list[list[int]]]:
    """Header rows from a compact spec: each row lists (text, colspan=1, rowspan=1) cells placed
    left to right into the first free column (cells covered by a rowspan from above are skipped)."""
    n_rows = len(spec)
    grid = [["" for _ in range(n_cols)] for _ in range(n_rows)]
    taken = [[False] * n_cols for _ in range(n_rows)]
    spans: list[list[int]] = []
    for r, row in enumerate(spec):
        c = 0
        for cell in row:
            text, cs, rs = (tuple(cell) + (1, 1))[:3]
            while c < n_cols and taken[r][c]:
                c += 1
            if c + cs > n_cols:
                raise ValueError(f"header row {r} overflows {n_cols} columns")
            grid[r][c] = text
            for rr in range(r, min(r + rs, n_rows)):
                for cc in range(c, c + cs):
                    taken[rr][cc] = True
            if cs > 1 or rs > 1:
                spans.append([r, c, rs, cs])
            c += cs
    return grid, spans


def column_names(header: list[list[str]], spans: list[list[int]], n_cols: int) -> list[str]:
    """Header rows joined top-down with '/', whitespace removed; a merged cell names every
    column it covers and a vertical merge is named once (the contract of Table.columns())."""
    names: list[list[str]] = [[] for _ in range(n_cols)]
    n_header = len(header)
    for r in range(n_header):
        for c in range(n_cols):
            text = "".join(header[r][c].split()) if c < len(header[r]) else ""
            if not text:
                continue
            cs = 1
            for sr, sc, _rs, scs in spans:
                if sr == r and sc == c:
                    cs = scs
            for col in range(c, min(c + cs, n_cols)):
                if not names[col] or names[col][-1] != text:
                    names[col].append(text)
    return ["/".join(parts) for parts in names]


def pick(rng: random.Random, seq):
    return seq[rng.randrange(len(seq))]
