"""Classification codes and their names as printed in a given year."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from classify.dictionary import DATA_DIR as CODE_DIR
from classify.dictionary import FILES as CODE_FILES


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    kind: str  # function | economic | gov_economic
    aliases: tuple[str, ...] = ()


@cache
def load_codes() -> dict[str, Code]:
    """Every code of the code dictionary's files (classify/data/*.tsv), keyed by code (the three kinds never share a code)."""
    out: dict[str, Code] = {}
    for name in CODE_FILES:
        lines = (CODE_DIR / name).read_text(encoding="utf-8").splitlines()
        for line in lines[1:]:
            if not line.strip():
                continue
            parts = line.split("\t")
            aliases = tuple(a for a in (parts[3].split("|") if len(parts) > 3 else []) if a)
            out[parts[0]] = Code(parts[0], parts[1], parts[2], aliases)
    return out


# names used before a renaming; every one is also an alias in the code files
_OLD_NAMES: dict[str, tuple[int, str]] = {
    "207": (2018, "文化体育与传媒支出"),
    "20701": (2018, "文化"),
    "210": (2018, "医疗卫生与计划生育支出"),
    "21001": (2018, "医疗卫生与计划生育管理事务"),
    "2100199": (2018, "其他医疗卫生与计划生育管理事务支出"),
    "21099": (2018, "其他医疗卫生与计划生育支出"),
    "2109999": (2018, "其他医疗卫生与计划生育支出"),
    "20805": (2018, "行政事业单位离退休"),
    "21301": (2018, "农业"),
    "2130199": (2018, "其他农业支出"),
    "21302": (2018, "林业"),
    "2130299": (2018, "其他林业支出"),
    "21305": (2020, "扶贫"),
    "2130599": (2020, "其他扶贫支出"),
    "220": (2018, "国土海洋气象等支出"),
    "22001": (2018, "国土资源事务"),
    "2080208": (2018, "基层政权和社区建设"),
}


def code_name(code: str, year: int = 2025) -> str:
    """The printed name of a classification code in a given year."""
    old = _OLD_NAMES.get(code)
    if old and year <= old[0]:
        return old[1]
    return load_codes()[code].name


def is_class_code(text: str) -> bool:
    return text in load_codes()
