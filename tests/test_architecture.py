"""The import direction: extract ← classify ← review, digitize on top; samples/ outside the runtime.

Every module of the installed packages (``[tool.setuptools] packages``) is parsed with ``ast``,
function-local imports included, and each rule lists every violation by module and line.
"""

from __future__ import annotations

import ast
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES: list[str] = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "setuptools"
]["packages"]
PROJECT = (*PACKAGES, "samples", "bench", "tests")
# what each installed package may import of the project's packages
ALLOWED: dict[str, set[str]] = {
    "extract": {"extract"},
    "classify": {"extract", "classify"},
    "review": {"extract", "classify", "review"},
    "digitize": {"extract", "classify", "review", "digitize"},
}


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, dotted
    line: int
    target: str  # the imported module, dotted

    def __str__(self) -> str:
        return f"{self.module}:{self.line} imports {self.target}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for pkg in PACKAGES for p in sorted((ROOT / pkg).rglob("*.py"))}


MODULES = modules()


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if path.name != "__init__.py":
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def imports_of(module: str, path: Path) -> list[Import]:
    """Every import in the module, at any depth (function bodies, try blocks, conditions)."""
    out: list[Import] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out += [Import(module, node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, path, node)
            # `from extract import grid` imports the module extract.grid; `from extract import read`
            # a name of the package extract itself
            subs = [f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in MODULES]
            out += [Import(module, node.lineno, sub) for sub in subs]
            if len(subs) < len(node.names):
                out.append(Import(module, node.lineno, target))
    return out


IMPORTS = [imp for name, path in MODULES.items() for imp in imports_of(name, path)]


def top(name: str) -> str:
    return name.split(".")[0]


def test_packages_import_only_below_themselves() -> None:
    wrong = [
        str(imp)
        for imp in IMPORTS
        if top(imp.target) in PROJECT and top(imp.target) not in ALLOWED[top(imp.module)]
    ]
    assert not wrong, (
        "the import direction is extract ← classify ← review, digitize on top; violations:\n  "
        + "\n  ".join(wrong)
    )


def test_installed_modules_never_import_samples_bench_or_tests() -> None:
    wrong = [str(imp) for imp in IMPORTS if top(imp.target) in ("samples", "bench", "tests")]
    assert not wrong, "installed modules importing repository folders:\n  " + "\n  ".join(wrong)


def test_installed_modules_leave_sys_path_alone() -> None:
    wrong: list[str] = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and node.attr == "path"
                and isinstance(node.value, ast.Name)
                and node.value.id == "sys"
            ):
                wrong.append(f"{name}:{node.lineno} uses sys.path")
    assert not wrong, "installed modules changing the import path:\n  " + "\n  ".join(wrong)


def _graph() -> dict[str, dict[str, int]]:
    """module → {imported project module: first line}."""
    graph: dict[str, dict[str, int]] = {name: {} for name in MODULES}
    for imp in IMPORTS:
        if imp.target in MODULES and imp.target != imp.module:
            # importing a package's submodule runs the package's __init__ too; only count the module
            graph[imp.module].setdefault(imp.target, imp.line)
    return graph


def cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(out)


def test_cycle_finder_finds_cycles() -> None:
    graph = {"a": {"b": 1}, "b": {"c": 1}, "c": {"a": 1}, "d": {"a": 1}, "e": {}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_no_two_modules_import_each_other() -> None:
    graph = _graph()
    found = cycles(graph)
    lines = []
    for component in found:
        members = set(component)
        edges = [
            f"{a}:{line} → {b}" for a in component for b, line in sorted(graph[a].items()) if b in members
        ]
        lines.append(" ⇄ ".join(component) + "\n      " + "\n      ".join(edges))
    assert not found, "modules that import each other (directly or through a cycle):\n  " + "\n  ".join(lines)
