"""docs/ describes the project as it is: every CLI command and option, every exported column."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from digitize.cli import main
from review.export import DATASET_SCHEMA

DOCS = Path(__file__).resolve().parents[1] / "docs"


def commands(
    group: click.Group, path: tuple[str, ...] = ("digitize",)
) -> Iterator[tuple[str, click.Command]]:
    """(command path, command) for the group and every command under it, depth first."""
    yield " ".join(path), group
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        if isinstance(command, click.Group):
            yield from commands(command, (*path, name))
        else:
            yield " ".join((*path, name)), command


def sections(text: str) -> dict[str, str]:
    """'## digitize user add' heading → the text up to the next heading."""
    out: dict[str, str] = {}
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    for heading, body in zip(parts[1::2], parts[2::2], strict=True):
        out[heading.strip()] = body
    return out


def names(param: click.Parameter) -> list[str]:
    """How the docs name a parameter: its long options (--db), or an argument's NAME."""
    if isinstance(param, click.Argument):
        return [param.human_readable_name.upper().strip(".")]
    return [o for o in param.opts if o.startswith("--")] or list(param.opts)


CLI_DOC = (DOCS / "cli.md").read_text(encoding="utf-8")
CLI_SECTIONS = sections(CLI_DOC)
COMMANDS = list(commands(main))


@pytest.mark.parametrize("path,command", COMMANDS, ids=[p for p, _ in COMMANDS])
def test_cli_command_is_documented(path: str, command: click.Command) -> None:
    assert path in CLI_SECTIONS, f"docs/cli.md has no '## {path}' section"
    body = CLI_SECTIONS[path]
    ctx = click.Context(command)
    help_option = command.get_help_option(ctx)
    missing = [
        n
        for param in command.get_params(ctx)
        if param is not help_option and not (isinstance(param, click.Option) and param.hidden)
        for n in names(param)
        if not re.search(rf"`{re.escape(n)}\b", body)
    ]
    assert not missing, f"docs/cli.md '## {path}' does not document {missing}"


def test_cli_doc_has_no_stale_commands() -> None:
    known = {p for p, _ in COMMANDS}
    stale = [h for h in CLI_SECTIONS if h.startswith("digitize") and h not in known]
    assert not stale, f"docs/cli.md documents commands digitize does not have: {stale}"


def test_dataset_doc_lists_every_exported_column() -> None:
    doc = sections((DOCS / "dataset.md").read_text(encoding="utf-8"))["Columns the export writes"]
    tables = dict(
        (m.group(1), m.group(2)) for m in re.finditer(r"^### `(\w+)`\n(.*?)(?=^### |\Z)", doc, re.M | re.S)
    )
    assert list(tables) == list(DATASET_SCHEMA), "docs/dataset.md lists other tables than the export writes"
    for table, spec in DATASET_SCHEMA.items():
        documented = re.findall(r"^\| `(\w+)` \| (\w+) \|", tables[table], re.M)
        assert documented == [(c, t) for c, t, _ in spec], f"docs/dataset.md: columns of {table} differ"


def test_docs_link_to_each_other() -> None:
    for name in ("dataset.md", "cli.md", "checks.md"):
        for target in re.findall(r"\]\(([\w.-]+\.md)\)", (DOCS / name).read_text(encoding="utf-8")):
            assert (DOCS / target).exists(), f"docs/{name} links to missing {target}"
