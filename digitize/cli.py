"""The ``digitize`` command: a thin layer over digitize.pipeline and review.*."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import click

from digitize.pipeline import Outcome, ingest
from review import store
from review.export import export

DEFAULT_DB = "work.db"
db_option = click.option(
    "--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
    help="The work store (SQLite, WAL).",
)  # fmt: skip


@click.group()
@click.version_option(package_name="digitize")
def main() -> None:
    """Digitize Chinese public budget disclosures: ingest, review, export."""


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@click.option("--workers", type=int, default=None, help="Worker processes (default: one per core).")
@click.option("--quiet", is_flag=True, help="No line per document.")
def ingest_cmd(paths: tuple[str, ...], db_path: str, workers: int | None, quiet: bool) -> None:
    """Read PATHS (files, or folders of files) into the work store.

    Exits 1 only when every file failed; failures are recorded in the store
    (see `digitize status`) and the batch goes on.
    """
    conn = store.connect(db_path)

    def report(outcome: Outcome) -> None:
        if quiet:
            return
        if outcome.error:
            click.echo(f"failed  {outcome.error}", err=True)
        else:
            ex = outcome.extraction
            assert ex is not None
            pending = sum(r.status == "pending" for r in (*ex.line_items, *ex.indicators))
            click.echo(
                f"done    {outcome.job.path}: {len(ex.document.tables)} tables, {len(ex.line_items)} line items, "
                f"{len(ex.indicators)} indicators, {pending} pending",
                err=True,
            )

    summary = ingest(conn, paths, workers=workers, on_outcome=report)
    click.echo(
        f"{summary.total} inputs: {len(summary.done)} ingested, {len(summary.skipped)} already in the store, "
        f"{len(summary.failed)} failed"
    )
    if summary.failed and not summary.done and not summary.skipped:
        sys.exit(1)


@main.command("status")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def status_cmd(db_path: str, as_json: bool) -> None:
    """Every document with its status (queued, processing, done, failed) and error."""
    conn = store.connect(db_path)
    rows = store.document_statuses(conn)
    if as_json:
        click.echo(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
        return
    for r in rows:
        line = f"{r.id}  {r.status:<10} {r.source_file}"
        if r.status == "done":
            line += f"  ({r.department or '?'} {r.year or '?'}: {r.tables} tables, {r.line_items} line items, "
            line += f"{r.indicators} indicators, {r.pending} pending)"
        if r.error:
            line += f"\n    error: {r.error}"
        click.echo(line)


@main.command("export")
@click.argument("out", type=click.Path(dir_okay=False))
@db_option
@click.option("--include-pending", is_flag=True, help="Also export records waiting for review.")
@click.option("--csv", "csv_dir", type=click.Path(file_okay=False), default=None, help="Also write CSV files here.")
def export_cmd(out: str, db_path: str, include_pending: bool, csv_dir: str | None) -> None:
    """Write the dataset (SQLite, the schema of design.md) to OUT."""
    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no work store here; run `digitize ingest` first")
    conn = store.connect(db_path)
    summary = export(conn, out, include_pending=include_pending, csv_dir=csv_dir)
    click.echo(
        f"{summary.path}: {summary.documents} documents, {summary.tables} tables, {summary.cells} cells, "
        f"{summary.line_items} line items, {summary.indicators} indicators"
    )


if __name__ == "__main__":  # pragma: no cover
    main()
