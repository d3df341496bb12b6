"""The installed package holds everything the code reads: every subpackage and the data files."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

from setuptools import find_packages

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
INSTALLED = ("extract", "classify", "review", "digitize")


def test_every_subpackage_is_installed() -> None:
    include = PYPROJECT["tool"]["setuptools"]["packages"]["find"]["include"]
    found = set(find_packages(where=str(ROOT), include=include))
    on_disk = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for root in INSTALLED
        for p in (ROOT / root).rglob("__init__.py")
    }
    assert on_disk <= found


def test_every_data_file_the_packages_hold_is_installed() -> None:
    data = PYPROJECT["tool"]["setuptools"]["package-data"]
    missing = []
    for root in INSTALLED:
        for f in (ROOT / root).rglob("*"):
            if not f.is_file() or f.suffix in (".py", ".pyc") or "__pycache__" in f.parts:
                continue
            rel = f.relative_to(ROOT / root).as_posix()
            if not any(fnmatch(rel, pattern) for pattern in data.get(root, [])):
                missing.append(f"{root}/{rel}")
    assert not missing, f"not in [tool.setuptools.package-data]: {missing}"
