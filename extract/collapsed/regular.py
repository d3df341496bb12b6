"""Regular collapsed tables: codes, names and numbers, the numbers packed left as printed.

The header ends at the first data line (or a filler / 栏次 line); label columns (序号, code,
类/款/项 parts, name) are filled from each row's leading tokens, wrapped names joined to the row
above, the numbers kept in printed order (``layout='collapsed'``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from extract.codes import CODE_TOKEN, split_glued_codes
from extract.collapsed.banners import solve_banners, split_banners
from extract.collapsed.header import (
    Frag,
    HNode,
    build_header,
    expand_compounds,
    fold_compounds,
    header_cells,
    header_fragments,
    header_with_bands,
    is_label_group,
    is_label_leaf,
    leaf_names,
    leaf_paths,
)
from extract.collapsed.header_solver import HeaderGuess, root_leaf_score, solve_header
from extract.collapsed.tokens import FILLER_TOKEN, Line, is_amount, join_tokens, merge_single_chars
from extract.collapsed.words import AMOUNTISH, NAME_COLUMN, TEXT_COLUMN, YEARISH
from extract.model import Cell, LineSpan, Table
from extract.reasons import TABLE_UNREAD, Reason, reason
from extract.vocabulary import (
    BODY_NAME_HEADER,
    CODE_COLUMN,
    COLUMN_MARKS,
    TOTAL_ROW,
    TOTAL_WORDS,
    is_code_part,
    is_column_number_row,
    year_word,
)


def _is_data_line(ln: Line) -> bool:
    toks = split_glued_codes(ln.tokens)
    if not toks:
        return False
    if len(toks) > 1 and year_word(toks[0], toks[1]):
        return False  # '2026 年政府采购项目': a column group's heading printed above the header line
    if CODE_TOKEN.match(toks[0]) and len(toks) > 1 and not is_amount(toks[1]):
        return True
    if is_column_number_row(toks):
        return False  # 栏次 1 2 3 …: the last header line
    if TOTAL_ROW.match("".join(merge_single_chars(toks[:2]))) or TOTAL_ROW.match(toks[0]):
        # a 合计 row prints amounts; '合计 基本支出 项目支出' is a header line
        return any(is_amount(t) for t in toks[1:])
    return is_amount(toks[-1])


def label_kinds(names: list[str]) -> list[str]:
    """Kinds of the leading label columns: 'code' or 'name'."""
    kinds: list[str] = []
    for name in names:
        n = "".join(name.split("/")[-1:])
        if n in ("序号", "行次") and all(k == "index" for k in kinds):
            kinds.append("index")
        elif is_code_part(name.split("/")):
            kinds.append("code_part")
        elif CODE_COLUMN.search(n):
            kinds.append("code")
        elif (
            n.endswith(("名称", "分类科目"))  # 部门预算支出经济分类科目(名称): names, though it says 支出
            or ((NAME_COLUMN.search(n) or "名称" in n) and not AMOUNTISH.search(n.replace("项目", "")))
            or BODY_NAME_HEADER.match(n)
        ):  # 预算单位 before 科目编码 科目名称: the unit a row is about
            kinds.append("name")
        else:
            break
    return kinds


@dataclass
class _Row:
    labels: list[tuple[str, LineSpan] | None]
    numbers: list[tuple[str, LineSpan]]
    trailing: tuple[str, LineSpan] | None = None
    _kinds: list[str] = field(default_factory=list)

    def code(self, i: int = 0) -> str:
        """The row's ``i``-th code ('' when not printed); a code over 类 / 款 parts is their digits."""
        starts = code_starts(self._kinds)
        if i >= len(starts):
            return ""
        k, parts = starts[i], []
        while k < len(self._kinds) and (
            k == starts[i] or self._kinds[k] == "code_part" == self._kinds[k - 1]
        ):
            lab = self.labels[k] if k < len(self.labels) else None
            if lab is not None:
                parts.append(lab[0])
            k += 1
            if self._kinds[k - 1] == "code":
                break
        return "".join(parts)


def code_starts(kinds: list[str]) -> list[int]:
    """The label columns where each of a row's codes starts: a code column, or the first of a run of
    类 / 款 / 项 parts (301 01 基本工资 501 01 工资奖金津补贴: two codes)."""
    return [
        k
        for k, kind in enumerate(kinds)
        if kind == "code" or (kind == "code_part" and (k == 0 or kinds[k - 1] != "code_part"))
    ]


_CODE_PART = re.compile(r"^\d{2,9}$")
_UNITISH = re.compile(r"^(年|月|日|个|人|次|万元|元|%|％|项|家|台|辆|套)")


def _split_row(tokens: list[str], kinds: list[str], span: LineSpan) -> _Row:
    toks = split_glued_codes(tokens)
    labels: list[tuple[str, LineSpan] | None] = [None] * len(kinds)
    i = 0

    def is_code_at(j: int) -> bool:
        if j >= len(toks) or not CODE_TOKEN.match(toks[j]):
            return False
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        return (nxt is not None and not is_amount(nxt)) or (nxt is None and j == 0)

    def is_class_part_at(j: int) -> bool:  # 501 before 01 or a name: the 类 part of a code
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        return (
            re.fullmatch(r"\d{3}", toks[j]) is not None
            and nxt is not None
            and (not is_amount(nxt) or re.fullmatch(r"\d{2}", nxt) is not None)
        )

    def number_starts(j: int) -> bool:
        if not is_amount(toks[j]):
            return False
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        return nxt is None or is_amount(nxt) or (len(nxt) > 2 and not _UNITISH.match(nxt))

    for k, kind in enumerate(kinds):
        if i >= len(toks):
            break
        if kind == "index":  # 序号: a small serial number before the row's labels
            if (
                re.fullmatch(r"\d{1,3}", toks[i])
                and i + 1 < len(toks)
                and (not is_amount(toks[i + 1]) or ("code" in kinds and is_code_at(i + 1)))
            ):
                labels[k] = (toks[i], span)
                i += 1
            continue
        if kind == "code_part":  # 208 05 01: a code printed over 类 / 款 / 项
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            # '301 08' alone on its line: the code of a row whose name wraps onto the lines below
            ends_code = (
                nxt is None and k > 0 and labels[k - 1] is not None and re.fullmatch(r"\d{2}", toks[i])
            )
            after = toks[i + 2] if i + 2 < len(toks) else None
            more_parts = k + 1 < len(kinds) and kinds[k + 1] == "code_part"
            # '301 2 津贴补贴': a part printed without its leading 0, after the part before it and
            # before the name (some PDFs print 款 02 as 2)
            bare_part = (
                re.fullmatch(r"\d", toks[i]) is not None
                and k > 0
                and labels[k - 1] is not None
                and nxt is not None
                and not is_amount(nxt)
            )
            if (
                ends_code
                or bare_part
                or (
                    re.fullmatch(r"\d{2,3}", toks[i])
                    and nxt is not None
                    and (
                        not is_amount(nxt)
                        or (re.fullmatch(r"\d{2}", nxt) and more_parts)
                        or (
                            re.fullmatch(r"\d", nxt)
                            and more_parts
                            and after is not None
                            and not is_amount(after)
                        )
                    )
                )
            ):
                labels[k] = (toks[i], span)
                i += 1
            continue
        if kind == "code":
            if is_code_at(i):
                labels[k] = (toks[i], span)
                i += 1
            continue
        later_code = "code" in kinds[k + 1 :]
        later_part = "code_part" in kinds[k + 1 :]  # 301 01 基本工资 501 01 工资奖金津补贴: a second code
        later_name = "name" in kinds[k + 1 :] and not later_code and not later_part
        name: list[str] = []
        if k == 0 and "code" not in kinds:
            # the row's first label column and no code column read: codes printed before the name
            # (201 05 07 专项普查活动, a code column the header did not name) are the label's, never figures
            j = i
            while j < len(toks) and _CODE_PART.match(toks[j]):
                j += 1
            if i < j < len(toks) and not is_amount(toks[j]) and CODE_TOKEN.match(toks[i]):
                name, i = ["".join(toks[i:j])], j  # 201 05 07: the parts of one code, 2010507
        while (
            i < len(toks)
            and not number_starts(i)
            and not (later_code and name and is_code_at(i))
            and not (later_part and name and is_class_part_at(i))
        ):
            name.append(toks[i])
            i += 1
            if later_name:  # two name columns in a row: one word each, the rest to the last
                break
        if name:
            labels[k] = (join_tokens(merge_single_chars(name)), span)
    numbers: list[tuple[str, LineSpan]] = []
    while i < len(toks) and is_amount(toks[i]):
        numbers.append((toks[i], span))
        i += 1
    trailing = (join_tokens(toks[i:]), span) if i < len(toks) else None
    return _Row(labels, numbers, trailing, _kinds=list(kinds))


def _filler_count(ln: Line) -> int:
    toks = ln.tokens
    if len(toks) >= 2 and all(FILLER_TOKEN.match(t) for t in toks):
        return len(toks)
    return 0


def parse_regular(body: list[Line]) -> Table:
    table = Table(seq=0, title="", layout="collapsed")
    filler = next((i for i, ln in enumerate(body) if _filler_count(ln)), None)
    if filler is not None:
        n_cols: int | None = _filler_count(body[filler])
        head, data = body[:filler], body[filler + 1 :]
    else:
        n_cols = None
        first_data = next((i for i, ln in enumerate(body) if _is_data_line(ln)), len(body))
        head, data = body[:first_data], body[first_data:]
    numbered = [ln for ln in head if is_column_number_row(ln.tokens)]
    head = [ln for ln in head if not is_column_number_row(ln.tokens)]
    frags = header_fragments(head)
    roots, notes = _regular_header(frags, n_cols, numbered[0].tokens if numbered else None, data)
    table.notes.extend(n for n in notes if n.code not in TABLE_UNREAD)
    table.warnings.extend(n for n in notes if n.code in TABLE_UNREAD)  # the table goes to review
    hcells, hrows = header_cells(roots)
    table.cells.extend(hcells)
    table.header_rows = hrows
    names = leaf_paths(roots)
    kinds = label_kinds(names)
    if not kinds:
        kinds = _infer_kinds(data)
        if data and not names:
            table.notes.append(reason("collapsed.no_header"))
    n_label = len(kinds)
    text_last = bool(names) and bool(TEXT_COLUMN.search(names[-1].split("/")[-1]))
    rows: list[_Row] = []
    head_texts = {"".join(ln.tokens) for ln in head}
    for ln in data:
        toks = ln.tokens
        if not toks:
            continue
        if _filler_count(ln) or is_column_number_row(toks):
            continue
        if "".join(toks) in head_texts and not any(is_amount(t) for t in toks):
            continue  # the header printed again on the next page
        span = (ln.no, ln.no)
        row = _split_row(toks, kinds, span)
        prev = rows[-1] if rows else None
        if prev is not None and _continues(prev, row, kinds):
            _merge_into(prev, row, kinds)
            continue
        rows.append(row)
    for r, row in enumerate(rows, start=hrows):
        for k, lab in enumerate(row.labels):
            if lab is not None:
                table.cells.append(Cell(r, k, lab[0], line_span=lab[1]))
        for j, (num, span) in enumerate(row.numbers):
            table.cells.append(Cell(r, n_label + j, num, line_span=span))
        if row.trailing is not None:
            col = n_label + len(row.numbers)
            if text_last and n_cols is not None and n_cols - 1 >= col:
                col = n_cols - 1
            elif text_last and names and len(names) - 1 >= col:
                col = len(names) - 1
            table.cells.append(Cell(r, col, row.trailing[0], line_span=row.trailing[1]))
        n_amount = len(names) - n_label - (1 if text_last else 0) if names else None
        if n_amount is not None and len(row.numbers) > max(n_amount, 0):
            table.row_issues[r] = reason(
                "collapsed.numbers_printed_order", numbers=len(row.numbers), columns=n_amount
            )
    return table


def _trailing_amounts(ln: Line) -> int:
    toks = ln.tokens
    n = 0
    while n < len(toks) and is_amount(toks[len(toks) - 1 - n]):
        n += 1
    return n if n < len(toks) else 0


def _looks_broken(roots: list[HNode], body_max: int) -> bool:
    """A header the simple rebuild got wrong: sub-columns left at the top level, or fewer amount
    columns than a row prints numbers."""
    if any(root_leaf_score(r.text) is None for r in roots if not r.children):
        return True
    names = leaf_paths(roots)
    return len(names) - len(label_kinds(names)) < body_max


def _regular_header(
    frags: list[Frag], n_cols: int | None, numbered: list[str] | None, data: list[Line]
) -> tuple[list[HNode], list[Reason]]:
    """Header trees for a regular table: from the column count when the 栏次 line or a filler row gives
    one, else rebuilt the simple way and solved again when that contradicts the rows. A compound
    cell (公务用车购置及运行费) printed above its parts (公务用车购置费 公务用车运行费) is one column
    group: solved as one cell, its parts hung under it afterwards."""
    folded, compounds = fold_compounds(frags)
    extra = sum(len(kids) - 1 for kids in compounds.values())
    roots, notes = _solve_regular(folded, n_cols, numbered, data, compounds, extra)
    return expand_compounds(roots, compounds), notes


def _solve_regular(
    frags: list[Frag],
    n_cols: int | None,
    numbered: list[str] | None,
    data: list[Line],
    compounds: dict[tuple[str, LineSpan], list[Frag]],
    extra: int,
) -> tuple[list[HNode], list[Reason]]:
    top = _label_group_line(frags)
    if top is not None:
        wrapped = _under_top_line(*top, n_cols, numbered, data, compounds, extra)
        if wrapped is not None:
            return wrapped
    body_max = max((_trailing_amounts(ln) for ln in data if _is_data_line(ln)), default=0)
    count = None
    marked = False
    if numbered is not None:
        nums = [t for t in numbered if t not in COLUMN_MARKS]
        count, marked = len(nums) - extra, len(nums) < len(numbered)
    if n_cols is not None:
        n_cols -= extra

    def fits(folded_names: list[str]) -> bool:
        names = _expanded_names(folded_names, compounds)
        kinds = label_kinds(names)
        texts = sum(1 for n in names if TEXT_COLUMN.search(n.split("/")[-1]))
        if len(names) - len(kinds) - texts < max(body_max, 1):
            return False
        if count is None or n_cols is not None:
            return True
        # 栏次 printed in the 序号 column, or over the label columns
        allowed = {1} if kinds[:1] == ["index"] else {len(kinds), 1} | (set() if marked else {0})
        return len(folded_names) - count in allowed

    banners = _solve_banners(frags, n_cols, body_max, fits)
    if banners is not None:
        return banners
    roots, notes = build_header(frags, n_cols)
    simple_ok = (
        bool(frags)
        and not any(n.code == "collapsed.header_not_rebuilt" for n in notes)
        and not _looks_broken(roots, body_max)
        and fits(leaf_paths(roots))
    )
    if simple_ok:
        if (
            n_cols is None
            and count is None
            and not any(r.children for r in roots)
            and not any(is_amount(f.text) for f in frags)
        ):
            # a flat reading that fits may still miss groups the solver sees clearly (基本支出 over
            # 人员经费 公用经费 printed on the last header line)
            flat = sum(root_leaf_score(r.text) or 0.0 for r in roots)
            guess = solve_header(frags, None, fits)
            if (
                guess is not None
                and not guess.ties
                and any(r.children for r in guess.roots)
                and guess.score >= flat + 1.0
            ):
                return guess.roots, _guess_notes(guess, len(frags))
        return roots, notes
    if n_cols is not None or count is not None:
        cands = [n_cols] if n_cols is not None else [count + k for k in range(4)]
        if n_cols is None:  # bands (预算数 | 决算数) over sub-headers printed level by level
            for n in cands:
                banded = header_with_bands(frags, n)
                if banded is not None and fits(leaf_paths(banded)):
                    return banded, [reason("collapsed.header_rebuilt", fragments=len(frags), columns=n)]
        guess = solve_header(frags, cands, fits)
        if guess is not None:
            return guess.roots, _guess_notes(guess, len(frags))
        return roots, notes
    if frags and _looks_broken(roots, body_max):
        guess = solve_header(frags, None, fits)
        if guess is not None:
            return guess.roots, _guess_notes(guess, len(frags))
    return roots, notes


def _label_group_line(frags: list[Frag]) -> tuple[Frag, Frag, list[Frag]] | None:
    """A header's first line printing a label group and one heading (``项目 一般公共预算基本支出``) over
    lines that print label cells (``编码 经济分类科目名称 合计 人员经费 公用经费`` / ``类 款``): the
    label group (项目), the heading and the other fragments; None when the header is not so."""
    line = [f for f in frags if f.first == frags[0].first] if frags else []
    rest = frags[len(line) :]
    if len(line) != 2 or not all(f.first == f.last for f in line) or not rest:
        return None
    group, heading = line
    if not is_label_group(group.text) or _is_label_cell(heading.text) or is_amount(heading.text):
        return None
    if heading.text in TOTAL_WORDS or not any(is_label_leaf(f.text) for f in rest):
        return None
    return group, heading, rest


def _under_top_line(
    group: Frag,
    heading: Frag,
    rest: list[Frag],
    n_cols: int | None,
    numbered: list[str] | None,
    data: list[Line],
    compounds: dict[tuple[str, LineSpan], list[Frag]],
    extra: int,
) -> tuple[list[HNode], list[Reason]] | None:
    """The header under a first line of a label group and one heading: the other lines' header, its
    label columns under the group (项目 over 科目编码 and 科目名称), the amount columns under the
    heading (一般公共预算基本支出 over 合计 人员经费 公用经费, pdftotext -raw printing the top row first);
    None unless that reading gives label columns and amount columns, split between roots."""
    roots, notes = _solve_regular(rest, n_cols, numbered, data, compounds, extra)
    if any(n.code in TABLE_UNREAD or n.code == "collapsed.header_not_rebuilt" for n in notes):
        return None
    n_label = len(label_kinds(leaf_paths(roots)))
    k, leaves = 0, 0
    while k < len(roots) and leaves < n_label:
        leaves += roots[k].n_leaves()
        k += 1
    if not n_label or leaves != n_label or k == len(roots):
        return None
    top = [HNode(group.text, group.span, roots[:k]), HNode(heading.text, heading.span, roots[k:])]
    if len(label_kinds(leaf_paths(top))) != n_label:
        return None
    n = sum(r.n_leaves() for r in top)
    notes = [n for n in notes if n.code != "collapsed.header_rebuilt"]
    return top, [*notes, reason("collapsed.header_rebuilt", fragments=len(rest) + 2, columns=n)]


def _is_label_cell(text: str) -> bool:
    """A header cell over the rows' labels: a label column (序号, 科目编码, 科目名称, 预算单位) or the
    column naming what each row is (支出项目类别, 功能分类科目)."""
    if YEARISH.match(text):
        return False  # 2026年政府采购项目: a band over the columns of one year
    return bool(label_kinds([text])) or (
        text.endswith(("类别", "科目")) and not text.startswith(("其中", "合计", "小计"))
    )


def _solve_banners(
    frags: list[Frag], n_cols: int | None, body_max: int, fits: Callable[[list[str]], bool]
) -> tuple[list[HNode], list[Reason]] | None:
    """Column-group headings printed above the label line (``extract.collapsed.banners``) hung over
    their columns: the header and its notes, None when the header has none or no reading fits. A
    reading tying with another shape is kept with a warning that sends the table to review."""
    split = split_banners(frags, _is_label_cell)
    if split is None:
        return None
    n_label = len(label_kinds([f.text for f in split.cells])) or 1
    counts = [n_cols] if n_cols is not None else [n_label + body_max + k for k in range(4)]
    guess = solve_banners(split, counts, fits)
    if guess is None:
        return None
    n = len(leaf_names(guess.roots))
    rebuilt = reason("collapsed.header_rebuilt", fragments=len(frags), columns=n)
    if guess.ties and guess.doubtful and min(guess.doubtful) >= split.n_fixed:
        # the tied readings disagree only on some amount columns' groups: those columns are doubted
        leaves = _leaf_nodes(guess.roots)
        for c in sorted(guess.doubtful):
            leaves[c].doubt = reason(
                "collapsed.header_banner_tied_column", column=leaves[c].text, ties=guess.ties
            )
        return guess.roots, [rebuilt]
    if guess.ties:
        return guess.roots, [
            reason("collapsed.header_banner_ties", fragments=len(frags), columns=n, ties=guess.ties)
        ]
    return guess.roots, [rebuilt]


def _leaf_nodes(roots: list[HNode]) -> list[HNode]:
    out: list[HNode] = []
    for r in roots:
        out.extend(_leaf_nodes(r.children) if r.children else [r])
    return out


def _expanded_names(names: list[str], compounds: dict[tuple[str, LineSpan], list[Frag]]) -> list[str]:
    parts = {text: [k.text for k in kids] for (text, _), kids in compounds.items()}
    out: list[str] = []
    for n in names:
        kids = parts.get(n.split("/")[-1])
        out.extend([f"{n}/{k}" for k in kids] if kids else [n])
    return out


def _guess_notes(guess: HeaderGuess, n_frags: int) -> list[Reason]:
    n = len(leaf_names(guess.roots))
    if guess.ties:
        return [reason("collapsed.header_rebuilt_ties", fragments=n_frags, columns=n, ties=guess.ties)]
    if any(r.children for r in guess.roots):
        return [reason("collapsed.header_rebuilt", fragments=n_frags, columns=n)]
    return []


def _infer_kinds(data: list[Line]) -> list[str]:
    best: list[str] = []
    for ln in data[:50]:
        toks = split_glued_codes(ln.tokens)
        kinds: list[str] = []
        i = 0
        while i < len(toks) and len(kinds) < 4:
            if CODE_TOKEN.match(toks[i]) and i + 1 < len(toks) and not is_amount(toks[i + 1]):
                kinds += ["code", "name"]
                i += 2
                while i < len(toks) and not is_amount(toks[i]) and not CODE_TOKEN.match(toks[i]):
                    i += 1
            else:
                break
        if len(kinds) > len(best):
            best = kinds
    if not best and any(not is_amount(ln.tokens[0]) for ln in data if ln.tokens):
        best = ["name"]
    return best


def _continues(prev: _Row, row: _Row, kinds: list[str]) -> bool:
    """Is ``row`` the wrapped rest of ``prev``? ('…基本养老' / '保险费' / '50102 社会保障缴费 9.45 9.45')."""
    if prev.numbers or prev.trailing is not None:
        # a name wrapped after its numbers: a bare word line with nothing else
        return (
            not row.numbers
            and row.trailing is None
            and _only_name(row, kinds)
            and not TOTAL_ROW.match(_first_name(row))
            and bool(prev.code())
        )
    if not prev.code():
        return False
    if _only_name(row, kinds) and not row.numbers:
        return True
    if row.numbers and all(lab is None for lab in row.labels):
        return True  # '2080505 机关事业单位基本养老' / '保险缴费' / '142.00 142.00 …': the row's figures
    code_cols = code_starts(kinds)
    if len(code_cols) >= 2 and prev.labels[code_cols[1]] is None and row.labels[code_cols[0]] is not None:
        c1, c2 = prev.code(), row.code()
        return not c2.startswith(c1) and c1[:1] != c2[:1]
    return False


def _only_name(row: _Row, kinds: list[str]) -> bool:
    filled = [k for k, lab in enumerate(row.labels) if lab is not None]
    return len(filled) == 1 and kinds[filled[0]] == "name"


def _first_name(row: _Row) -> str:
    return next((lab[0] for lab in row.labels if lab is not None), "")


def _merge_into(prev: _Row, row: _Row, kinds: list[str]) -> None:
    if all(lab is None for lab in row.labels):  # the figures of a row whose name wrapped
        prev.numbers, prev.trailing = row.numbers, row.trailing
    elif _only_name(row, kinds):
        text, span = next(lab for lab in row.labels if lab is not None)
        # append to the last filled name cell of prev
        k = max(k for k, lab in enumerate(prev.labels) if lab is not None)
        if kinds[k] != "name" and k + 1 < len(kinds) and prev.labels[k + 1] is None:
            prev.labels[k + 1] = (text, span)
        else:
            old = prev.labels[k]
            assert old is not None
            prev.labels[k] = (old[0] + text, (old[1][0], span[1]))
    else:
        code_cols = code_starts(kinds)
        shift = code_cols[1] - code_cols[0]
        for k, lab in enumerate(row.labels):
            if lab is not None and k + shift < len(kinds):
                prev.labels[k + shift] = lab
        prev.numbers = row.numbers
        prev.trailing = row.trailing
