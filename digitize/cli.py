"""The ``digitize`` command: a thin layer over digitize.pipeline and review.*."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict
from pathlib import Path

import click

from digitize.pipeline import ingest
from digitize.progress import Progress
from review import store
from review.export import export
from review.ingest import Outcome, error_text
from review.report import FORMATS, UnknownDocument, build_report

DEFAULT_DB = "work.db"
db_option = click.option(
    "--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
    help="The work store (SQLite, WAL).",
)  # fmt: skip


class _Commands(click.Group):
    """The command group: a file given as ``--db`` that is not a work store is a clear error, not a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except store.StoreError as exc:
            raise click.ClickException(str(exc)) from exc


def cli_language() -> str:
    """The language the command line speaks: Chinese under a Chinese locale (LANG=zh_CN…), else English."""
    return "zh" if os.environ.get("LANG", "").lower().startswith("zh") else "en"


def existing_store(db_path: str) -> str:
    """The path of a work store that must already exist (status, export): a missing one is an error,
    never a new empty store."""
    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no work store here; run `digitize ingest` first")
    return db_path


@click.group(cls=_Commands)
@click.version_option(package_name="digitize")
def main() -> None:
    """Digitize Chinese public budget disclosures: ingest, review, export."""


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@click.option("--workers", type=int, default=None, help="Worker processes (default: one per core).")
@click.option(
    "--scheduler", default=None, help="Dask scheduler address: run the per-document work on that cluster."
)
@click.option(
    "--ocr", type=click.Choice(["rapidocr", "tesseract"]), default=None,
    help="OCR engine for scanned pages (default: rapidocr, chosen by measurement; see README).",
)  # fmt: skip
@click.option("--quiet", is_flag=True, help="No progress bar and no line per document.")
def ingest_cmd(
    paths: tuple[str, ...],
    db_path: str,
    workers: int | None,
    scheduler: str | None,
    ocr: str | None,
    quiet: bool,
) -> None:
    """Read PATHS (files, or folders of files) into the work store.

    Exits 1 only when every input failed; failures are recorded in the store
    (see `digitize status`) and the batch goes on.
    """
    conn = store.connect(db_path)
    progress: list[Progress] = []

    def plan(jobs: list) -> None:
        if not quiet:
            progress.append(Progress(total=len(jobs)))

    def report(outcome: Outcome) -> None:
        if quiet:
            return
        if outcome.error:
            click.echo(f"failed  {error_text(outcome.error, cli_language())}", err=True)
        pages = len(outcome.extraction.document.pages) if outcome.extraction else 0
        progress[0].advance(pages=pages, failed=bool(outcome.error))

    summary = ingest(
        conn, paths, workers=workers, scheduler=scheduler, on_outcome=report, on_plan=plan, ocr=ocr or ""
    )
    for path, error in summary.failed:
        if not Path(path).exists():  # its reason, even when quiet: nothing else records it
            click.echo(f"failed  {error}", err=True)
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
    conn = store.connect(existing_store(db_path))
    rows = store.document_statuses(conn)
    if as_json:
        click.echo(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
        return
    for r in rows:
        line = f"{r.id}  {r.status:<10} {r.source_file}"
        if r.status == "done":
            line += (
                f"  ({r.department or '?'} {r.year or '?'}: {r.tables} tables, {r.line_items} line items, "
            )
            line += f"{r.indicators} indicators, {r.pending} pending)"
        if r.error:
            line += f"\n    error: {error_text(r.error, cli_language())}"
        click.echo(line)


@main.command("export")
@click.argument("out", type=click.Path(dir_okay=False))
@db_option
@click.option("--include-pending", is_flag=True, help="Also export records waiting for review.")
@click.option(
    "--csv", "csv_dir", type=click.Path(file_okay=False), default=None, help="Also write CSV files here."
)
def export_cmd(out: str, db_path: str, include_pending: bool, csv_dir: str | None) -> None:
    """Write the dataset (SQLite, the schema of design.md) to OUT."""
    conn = store.connect(existing_store(db_path))
    summary = export(conn, out, include_pending=include_pending, csv_dir=csv_dir)
    click.echo(
        f"{summary.path}: {summary.documents} documents, {summary.tables} tables, {summary.cells} cells, "
        f"{summary.line_items} line items, {summary.indicators} indicators, {summary.findings} findings"
    )


# ---- audit findings (issue 15)


@main.command("report")
@click.argument("doc")
@db_option
@click.option(
    "--format", "fmt", type=click.Choice(["html", "json", "csv"]), default="html", show_default=True,
    help="Report format.",
)  # fmt: skip
@click.option(
    "--out", "out", type=click.Path(dir_okay=False), default=None, help="Write here (default: stdout)."
)
def report_cmd(doc: str, db_path: str, fmt: str, out: str | None) -> None:
    """The audit report of DOC (a document id, id prefix or source file): its findings, errors first."""
    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no work store here; run `digitize ingest` first")
    conn = store.connect(db_path)
    try:
        text = FORMATS[fmt](build_report(conn, doc))
    except UnknownDocument as exc:
        raise click.ClickException(str(exc)) from None
    if out is None:
        click.echo(text, nl=False)
    else:
        Path(out).write_text(("\ufeff" if fmt == "csv" else "") + text, encoding="utf-8")
        click.echo(f"{out}: {fmt} report of {doc}")


@main.command("overlay")
@click.argument("path", type=click.Path(exists=True))
@click.argument("out_dir", type=click.Path(file_okay=False))
@click.option("--dpi", type=float, default=100.0, show_default=True, help="Resolution of the pictures.")
def overlay_cmd(path: str, out_dir: str, dpi: float) -> None:
    """Draw the detected tables and cells of PATH (PDF, image, folder of images) on its pages, one PNG each."""
    from extract.model import ReadError
    from extract.overlay import write_overlays

    try:
        written = write_overlays(path, out_dir, dpi=dpi)
    except ReadError as exc:
        raise click.ClickException(str(exc)) from exc
    for p in written:
        click.echo(str(p))


# -- review service (review/): serve, user add, user token ----------------------------------------------


@main.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int, help="waitress worker threads.")
@click.option(
    "--insecure-cookies", is_flag=True,
    help="Send the session cookie over plain HTTP too (only behind no TLS, e.g. on a closed network).",
)  # fmt: skip
def serve_cmd(db_path: str, host: str, port: int, threads: int, insecure_cookies: bool) -> None:
    """Serve the review queue, documents and JSON API (waitress) over the work store."""
    from review.serve import serve

    serve(db_path, host=host, port=port, threads=threads, secure_cookies=not insecure_cookies)


@main.group("user")
def user_group() -> None:
    """Reviewer accounts: add users, make and revoke API tokens."""


@user_group.command("add")
@click.argument("name")
@click.option(
    "--role", type=click.Choice(["reviewer", "approver", "admin"]), default="reviewer", show_default=True
)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (no prompt).")
@db_option
def user_add_cmd(name: str, role: str, password_stdin: bool, db_path: str) -> None:
    """Add a user NAME with a password (hashed) and a role."""
    from review import accounts

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    conn = store.connect(db_path)
    try:
        user = accounts.add_user(conn, name, password, role)
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"added {user.name} ({user.role})")


@user_group.command("token")
@click.argument("name")
@db_option
def user_token_cmd(name: str, db_path: str) -> None:
    """Print a new API token for NAME (use it as Authorization: Bearer TOKEN)."""
    from review import accounts

    conn = store.connect(db_path)
    try:
        click.echo(accounts.new_token(conn, name))
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from exc


@user_group.command("revoke")
@click.argument("name")
@db_option
def user_revoke_cmd(name: str, db_path: str) -> None:
    """Revoke every API token of NAME and end all of NAME's sessions."""
    from review import accounts

    conn = store.connect(db_path)
    try:
        tokens, sessions = accounts.revoke(conn, name)
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"revoked {tokens} token(s) of {name}; ended {sessions} session(s)")


@main.command("train")
@click.option(
    "--db", "db_path", default=None, type=click.Path(dir_okay=False),
    help="A work store whose reviewer corrections are added to the training data.",
)  # fmt: skip
@click.option(
    "--samples", "samples_dir", default=None, type=click.Path(file_okay=False),
    help="A samples folder (seeds/*.txt, labels/*.json) whose labelled seeds are trained on.",
)  # fmt: skip
@click.option("--out", "out_dir", default="models", show_default=True, type=click.Path(file_okay=False))
def train_cmd(db_path: str | None, samples_dir: str | None, out_dir: str) -> None:
    """Retrain the table-type and indicator-level classifiers; write OUT/*.joblib and OUT/MODEL_CARD.md.

    Trains on the seeds of --samples and the corrections of --db. The shipped models' full training
    set (with synthetic disclosures) is built in a checkout by `python -m samples.training`."""
    from classify.train import train
    from classify.training_data import TrainingDataError

    if db_path and not Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no such work store")
    if db_path:
        store.check_store_file(db_path)  # read only: training never writes to the store
    try:
        report = train(db_path, out_dir, samples_dir=samples_dir)
    except TrainingDataError as exc:
        raise click.ClickException(str(exc)) from exc
    ev = report.evaluation
    click.echo(
        f"trained on {report.table_examples} tables and {report.indicator_examples} indicator rows "
        f"({report.store_tables} tables, {report.store_indicators} indicator rows from the store) "
        f"in {report.seconds:.0f} s → {report.out_dir}"
    )
    if ev is not None:
        click.echo(
            f"grouped evaluation: table-type accuracy {ev.table_accuracy:.4f}, "
            f"indicator level2 macro-F1 {ev.level2_macro_f1:.4f} (see {report.out_dir}/MODEL_CARD.md)"
        )


if __name__ == "__main__":  # pragma: no cover
    main()
