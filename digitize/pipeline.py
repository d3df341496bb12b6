"""Ingest: files → documents in the work store, one transaction per document.

Orchestration only: the inputs a list of paths names (``expand``), a claim on each, and the
per-document work, ``review.ingest.process_file`` (read + classify, a pure function), run in this
process, a process pool or on Dask; the coordinating process alone writes to the store. Routing
thresholds and the code dictionary come from the store (``review.ingest.IngestSettings``), as
for the review service's uploads. A file is keyed by the SHA-256 of its content: a file already
ingested is skipped, a file that fails is recorded as ``failed`` with its error and the batch goes on.
"""

from __future__ import annotations

import ctypes
import os
import socket
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from classify.analyze import DEFAULT_ROUTING, Routing
from classify.dictionary import CodeDictionary
from extract import sniff
from extract.images import folder_entries, is_image_folder
from review import store
from review.disclosures import link_disclosures
from review.ingest import IngestSettings, Job, Outcome, make_job, process_file, store_outcome


@dataclass
class IngestSummary:
    done: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.done) + len(self.skipped) + len(self.failed)


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """The inputs a list of paths names: files as given; a folder of page images as one input;
    any other folder, every file below it (hidden files left out), in natural order."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir() and not is_image_folder(p):
            entries = folder_entries(p)
            out.extend(f for f in entries if f.is_file())
            out.extend(expand(d for d in entries if d.is_dir()))
        else:
            out.append(p)
    return out


M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter number


def restore_large_allocations() -> None:
    """Undo a pinned glibc mmap threshold in this process.

    Dask's nanny starts workers with ``MALLOC_TRIM_THRESHOLD_`` set, which fixes glibc's mmap
    threshold at its 128 KiB default: every page image and intermediate array is then mapped and
    unmapped anew, and scanned pages took 3-4x longer (bench/bench_ingest.py). Setting the mmap
    threshold explicitly (64 MiB) restores the normal behaviour. No effect elsewhere.
    """
    if "MALLOC_TRIM_THRESHOLD_" not in os.environ:
        return
    try:
        ctypes.CDLL("libc.so.6").mallopt(M_MMAP_THRESHOLD, 64 << 20)
    except (OSError, AttributeError):  # not glibc: nothing to undo
        return


def process_on_dask_worker(job: Job, routing: Routing, dictionary: CodeDictionary | None) -> Outcome:
    """``process_file`` on a Dask worker, its glibc mmap threshold restored first."""
    restore_large_allocations()
    return process_file(job, routing, dictionary)


def process(
    job: Job, routing: Routing = DEFAULT_ROUTING, dictionary: CodeDictionary | None = None
) -> Outcome:
    """Re-export kept for tests/test_review_api.py; new code calls review.ingest.process_file."""
    return process_file(job, routing, dictionary)


# Seconds per byte differ by kind of input (measured with bench/bench_ingest.py): a scanned page costs
# OCR (~5e-6 s/byte of JPEG), a PDF page rendering and words (~3e-6), collapsed text the arithmetic (~2e-5).
COST_PER_BYTE = {"image": 5.0, "folder": 5.0, "pdf": 3.0, "text": 10.0, "archive": 0.0}


def expected_cost(job: Job) -> float:
    """A rough relative cost of processing ``job``, for longest-first scheduling."""
    try:
        kind = sniff(job.path)
    except OSError:
        return 0.0
    return max(job.size_bytes, 0) * COST_PER_BYTE.get(kind, 1.0)


def this_process() -> str:
    """The lease owner name of this process: host and pid."""
    return f"{socket.gethostname()}:{os.getpid()}"


def owner_alive(owner: str) -> bool:
    """Whether the process named by a lease owner is still running (another host's: assumed so)."""
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def run_local(jobs: list[Job], workers: int, settings: IngestSettings) -> Iterator[Outcome]:
    """Outcomes as they complete, from a process pool (in this process for one worker)."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield process_file(job, settings.routing, settings.dictionary)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(process_file, job, settings.routing, settings.dictionary) for job in jobs]
        for fut in as_completed(futures):
            yield fut.result()


def run_dask(jobs: list[Job], scheduler: str | object, settings: IngestSettings) -> Iterator[Outcome]:
    """Outcomes as they complete, from a Dask distributed cluster.

    ``scheduler`` is an address ('tcp://host:8786') or a ``distributed.Client``/``LocalCluster``.
    The inputs must be readable at the same paths on the workers (a shared file system).
    """
    try:
        from distributed import Client
        from distributed import as_completed as dask_completed
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise RuntimeError("--scheduler needs the cluster extra: pip install '.[cluster]'") from exc
    own = not isinstance(scheduler, Client)
    client = Client(scheduler) if own else scheduler
    try:
        shared = client.scatter(settings.dictionary, broadcast=True)
        futures = client.map(
            process_on_dask_worker, jobs, routing=settings.routing, dictionary=shared, pure=False
        )
        for fut in dask_completed(futures):
            yield fut.result()
            fut.release()
    finally:
        if own:
            client.close()


def ingest(
    conn: sqlite3.Connection,
    paths: Iterable[str | Path],
    *,
    workers: int | None = None,
    scheduler: str | object | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
    on_plan: Callable[[list[Job]], None] | None = None,
    ocr: str = "",
) -> IngestSummary:
    """Ingest files into the work store; see the module docstring.

    Each input is claimed (a lease held by this process) before it is processed,
    so two ingests on one store never process the same document twice, and a
    document left ``processing`` by a dead process is taken over.
    """
    summary = IngestSummary()
    owner = this_process()
    jobs: list[Job] = []
    for path in expand(paths):
        if not path.exists():  # reported, not stored: there is no document to keep
            summary.failed.append((str(path), f"{path}: no such file or folder"))
            continue
        job = make_job(path, ocr)
        row = store.find_document(conn, job.document_id)
        if row is not None and row["status"] == "done":
            summary.skipped.append(job.path)
            continue
        if row is None:
            store.mark(conn, job.document_id, "queued", source_file=job.path, size_bytes=job.size_bytes)
        if any(j.document_id == job.document_id for j in jobs) or not store.claim(
            conn, job.document_id, owner, owner_alive
        ):
            summary.skipped.append(
                job.path
            )  # the same content twice in one batch, or another live ingest has it
            continue
        jobs.append(job)
    jobs.sort(key=expected_cost, reverse=True)  # slowest first, so no worker is left alone at the end
    if on_plan is not None:
        on_plan(jobs)
    if not jobs:
        return summary
    settings = IngestSettings.from_store(conn)
    if scheduler is not None:
        outcomes = run_dask(jobs, scheduler, settings)
    else:
        outcomes = run_local(jobs, workers if workers is not None else (os.cpu_count() or 1), settings)
    for outcome in outcomes:
        if store_outcome(conn, outcome) == "done":
            summary.done.append(outcome.job.path)
        else:
            summary.failed.append((outcome.job.path, outcome.error))
        if on_outcome is not None:
            on_outcome(outcome)
    if summary.done:
        link_disclosures(conn)  # the shapes of one disclosure share its id, however they were ingested
    return summary
