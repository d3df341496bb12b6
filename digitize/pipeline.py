"""Ingest: files → documents in the work store, one transaction per document.

The per-document work (read + classify) is a pure function, ``process``,
run in a process pool (or in-process with one worker); the coordinating
process alone writes to the store. A file is keyed by the SHA-256 of its
content: a file already ingested is skipped, a file that fails is recorded
as ``failed`` with its error and the batch goes on.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from classify.analyze import DEFAULT_ROUTING, Routing, analyze
from classify.model import Extraction
from extract import read
from extract.model import ReadError
from review import store

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp"}


@dataclass(frozen=True)
class Job:
    path: str
    document_id: str
    size_bytes: int


@dataclass
class Outcome:
    job: Job
    extraction: Extraction | None = None
    error: str = ""


@dataclass
class IngestSummary:
    done: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.done) + len(self.skipped) + len(self.failed)


def natural_key(path: Path) -> list[object]:
    """Sort key that puts page2 before page10."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path.name)]


def is_image_folder(path: Path) -> bool:
    files = [p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")]
    return bool(files) and all(p.suffix.lower() in IMAGE_SUFFIXES for p in files)


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """The inputs a list of paths names: files as given; a folder of page images as one input;
    any other folder, every file below it (hidden files left out), in natural order."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir() and not is_image_folder(p):
            subdirs = sorted(
                (d for d in p.iterdir() if d.is_dir() and not d.name.startswith(".")), key=natural_key
            )
            files = sorted(
                (f for f in p.iterdir() if f.is_file() and not f.name.startswith(".")), key=natural_key
            )
            out.extend(files)
            out.extend(expand(subdirs))
        else:
            out.append(p)
    return out


def content_hash(path: Path) -> tuple[str, int]:
    """SHA-256 of a file's bytes (of its pages' bytes, in order, for a folder) and the size."""
    h = hashlib.sha256()
    size = 0
    files = sorted((f for f in path.iterdir() if f.is_file()), key=natural_key) if path.is_dir() else [path]
    for f in files:
        with f.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
                size += len(chunk)
    return h.hexdigest(), size


def make_job(path: Path) -> Job:
    """A job keyed by content; a file that cannot even be opened is keyed by its path (and will fail)."""
    try:
        digest, size = content_hash(path)
    except OSError:
        return Job(str(path), hashlib.sha256(f"unreadable:{path}".encode()).hexdigest()[:16], -1)
    return Job(str(path), digest[:16], size)


def process(job: Job, routing: Routing = DEFAULT_ROUTING) -> Outcome:
    """Read and classify one input. Never raises: failures come back as ``Outcome.error``."""
    try:
        document = read(job.path)
        document.source_file = job.path
        return Outcome(job, extraction=analyze(document, routing))
    except ReadError as exc:
        return Outcome(job, error=str(exc))
    except Exception as exc:  # a bug or an unforeseen input must not stop the batch
        last = traceback.extract_tb(exc.__traceback__)[-1]
        return Outcome(job, error=f"{job.path}: internal error {type(exc).__name__}: {exc} "
                                  f"(at {Path(last.filename).name}:{last.lineno})")  # fmt: skip


def _run(jobs: list[Job], workers: int, routing: Routing) -> Iterator[Outcome]:
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield process(job, routing)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures: list[Future[Outcome]] = [pool.submit(process, job, routing) for job in jobs]
        for fut in futures:
            yield fut.result()


def ingest(
    conn: sqlite3.Connection,
    paths: Iterable[str | Path],
    *,
    workers: int | None = None,
    routing: Routing = DEFAULT_ROUTING,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> IngestSummary:
    summary = IngestSummary()
    jobs: list[Job] = []
    for path in expand(paths):
        if not path.exists():
            job = Job(str(path), hashlib.sha256(f"missing:{path}".encode()).hexdigest()[:16], -1)
            store.mark(
                conn, job.document_id, "failed", source_file=job.path, error=f"{path}: no such file or folder"
            )
            summary.failed.append((job.path, "no such file or folder"))
            continue
        job = make_job(path)
        row = store.find_document(conn, job.document_id)
        if row is not None and row["status"] == "done":
            summary.skipped.append(job.path)
            continue
        store.mark(conn, job.document_id, "queued", source_file=job.path, size_bytes=job.size_bytes)
        jobs.append(job)
    for job in jobs:
        store.mark(conn, job.document_id, "processing", source_file=job.path)
    n = workers if workers is not None else (os.cpu_count() or 1)
    for outcome in _run(jobs, n, routing):
        if outcome.extraction is not None:
            store.save_extraction(conn, outcome.extraction)
            summary.done.append(outcome.job.path)
        else:
            store.mark(
                conn, outcome.job.document_id, "failed", source_file=outcome.job.path, error=outcome.error
            )
            summary.failed.append((outcome.job.path, outcome.error))
        if on_outcome is not None:
            on_outcome(outcome)
    return summary
