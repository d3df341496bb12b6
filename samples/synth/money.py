"""The atoms every table aggregates: unit × function code × economic code × category × source × fen."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from samples.synth.departments import Dept


@dataclass(frozen=True)
class Atom:
    unit: str  # unit code
    unit_kind: str  # 'admin' (机关) | 'inst' (事业单位)
    func: str  # 7-digit function code
    econ: str  # 5-digit 部门预算支出经济分类 code
    gov: str  # 5-digit 政府预算支出经济分类 code
    cat: str  # 'person' | 'public' | 'project'
    fund: str  # 'gpb' (一般公共预算拨款) | 'other' (事业收入)
    project: str
    fen: int


_PERSON_WEIGHTS = (  # econ, share of wage bill, admin?, inst?
    ("30101", 0.30, True, True),
    ("30102", 0.24, True, True),
    ("30103", 0.07, True, False),
    ("30107", 0.12, False, True),
    ("30108", 0.105, True, True),
    ("30109", 0.04, True, True),
    ("30110", 0.055, True, True),
    ("30111", 0.01, True, False),
    ("30112", 0.006, True, True),
    ("30113", 0.09, True, True),
    ("30199", 0.01, True, True),
)
_PUBLIC_ITEMS = (
    "30201",
    "30205",
    "30206",
    "30207",
    "30211",
    "30213",
    "30216",
    "30217",
    "30228",
    "30229",
    "30231",
    "30239",
    "30299",
)


def gov_code_for(econ: str, unit_kind: str) -> str:
    """The 政府预算支出经济分类 code a 部门预算 economic code maps to."""
    cls = econ[:3]
    if unit_kind == "inst" and cls in ("301", "302"):
        return "50501" if cls == "301" else "50502"
    if unit_kind == "inst" and cls == "310":
        return "50601"
    if cls == "301":
        if econ in ("30101", "30102", "30103", "30107"):
            return "50101"
        if econ in ("30108", "30109", "30110", "30111", "30112"):
            return "50102"
        if econ == "30113":
            return "50103"
        return "50199"
    if cls == "302":
        return {
            "30215": "50202",
            "30216": "50203",
            "30218": "50204",
            "30227": "50205",
            "30217": "50206",
            "30212": "50207",
            "30231": "50208",
            "30213": "50209",
            "30226": "50299",
            "30299": "50299",
        }.get(econ, "50201")
    if cls == "303":
        if econ in ("30301", "30302", "30303"):
            return "50905"
        if econ == "30308":
            return "50902"
        if econ == "30310":
            return "50903"
        if econ in ("30304", "30305", "30306", "30307"):
            return "50901"
        return "50999"
    if cls == "310":
        return {"31001": "50301", "31005": "50302", "31013": "50303", "31006": "50307"}.get(econ, "50306")
    return "59999"


def make_atoms(
    rng: random.Random, dept: Dept, year: int, units: list[tuple[str, str, str]], quantum: int
) -> list[Atom]:
    """The department's money: personnel and running costs per unit, and its projects."""

    def q(yuan: float) -> int:
        return max(0, int(round(yuan * 100 / quantum))) * quantum

    atoms: list[Atom] = []
    pension_in_main = rng.random() < 0.3
    other_fund_units = {u for u, kind, _ in units if kind == "inst" and rng.random() < 0.35}
    for ucode, kind, _uname in units:
        staff = rng.randint(6, 45) if kind == "admin" else rng.randint(5, 60)
        wage = staff * rng.uniform(80_000, 140_000)
        main = dept.admin_func if kind == "admin" else dept.inst_func
        for econ, share, in_admin, in_inst in _PERSON_WEIGHTS:
            if (kind == "admin" and not in_admin) or (kind == "inst" and not in_inst):
                continue
            if econ in ("30111", "30199", "30112") and rng.random() < 0.4:
                continue
            fen = q(wage * share * rng.uniform(0.85, 1.15))
            func = {
                "30108": "2080505",
                "30109": "2080506",
                "30110": "2101101" if kind == "admin" else "2101102",
                "30111": "2101103",
                "30113": "2210201",
                "30112": main if pension_in_main else "2089999",
            }.get(econ, main)
            if year < 2016 and econ == "30109":
                continue
            atoms.append(Atom(ucode, kind, func, econ, gov_code_for(econ, kind), "person", "gpb", "", fen))
        if rng.random() < 0.35:
            retire = q(rng.randint(1, 8) * rng.uniform(40_000, 70_000))
            func = "2080501" if kind == "admin" else "2080502"
            atoms.append(
                Atom(ucode, kind, func, "30302", gov_code_for("30302", kind), "person", "gpb", "", retire)
            )
        if rng.random() < 0.25:
            atoms.append(
                Atom(
                    ucode,
                    kind,
                    main,
                    "30305",
                    gov_code_for("30305", kind),
                    "person",
                    "gpb",
                    "",
                    q(staff * rng.uniform(500, 2000)),
                )
            )
        # running costs (公用经费)
        per_head = rng.uniform(4_000, 12_000)
        items = [e for e in _PUBLIC_ITEMS if rng.random() < 0.6] or ["30201"]
        weights = [rng.uniform(0.5, 3.0) for _ in items]
        total = staff * per_head
        for econ, w in zip(items, weights, strict=True):
            share = w / sum(weights)
            fen = q(total * share)
            if econ == "30217":
                fen = q(rng.choice([2_000, 3_000, 5_000, 8_000, 10_000]))
            if fen:
                fund = "other" if ucode in other_fund_units and econ in ("30205", "30206", "30213") else "gpb"
                atoms.append(Atom(ucode, kind, main, econ, gov_code_for(econ, kind), "public", fund, "", fen))
    # projects (专项业务经费 / 项目支出), all in the first unit or spread over units
    n_proj = rng.randint(1, min(5, len(dept.projects)))
    for proj in rng.sample(list(dept.projects), n_proj):
        ucode, kind, _ = units[0]
        lo, hi = proj.size
        total = rng.uniform(lo, hi)
        econs = list(proj.econ)
        n = rng.randint(1, len(econs))
        chosen = econs[:n]
        weights = [rng.uniform(0.5, 2.0) for _ in chosen]
        for econ, w in zip(chosen, weights, strict=True):
            # project money is planned in whole hundreds of yuan: its 万元 figure in the
            # performance table is then exact
            fen = max(0, int(round(total * w / sum(weights) / 100))) * 10_000
            if fen:
                atoms.append(
                    Atom(
                        ucode,
                        kind,
                        proj.func,
                        econ,
                        gov_code_for(econ, kind),
                        "project",
                        "gpb",
                        proj.name,
                        fen,
                    )
                )
    return [a for a in atoms if a.fen > 0]


def total(atoms: Iterable[Atom], pred: Callable[[Atom], bool] | None = None) -> int:
    return sum(a.fen for a in atoms if pred is None or pred(a))


IS_PERSON: Callable[[Atom], bool] = lambda a: a.cat == "person"  # noqa: E731
IS_PUBLIC: Callable[[Atom], bool] = lambda a: a.cat == "public"  # noqa: E731
IS_BASIC: Callable[[Atom], bool] = lambda a: a.cat != "project"  # noqa: E731
IS_PROJECT: Callable[[Atom], bool] = lambda a: a.cat == "project"  # noqa: E731
ALL: Callable[[Atom], bool] = lambda a: True  # noqa: E731
