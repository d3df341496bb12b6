"""Ingest of one input: read, classify and route it (``process_file``), then store the outcome.

The one way a file becomes a document in the work store, whoever asks: ``digitize ingest``
(digitize/pipeline.py runs ``process_file`` in this process, a process pool or on Dask) and the
review service's upload worker (review/worker.py). Both take their routing thresholds and code
dictionary from one place, the work store (``IngestSettings.from_store``): the admin's settings
(``record_threshold``, ``table_threshold``) over classify's defaults, and the shipped code lists
grown with the code/name pairs of confirmed and corrected records.

``process_file`` is a pure function of its job and settings (it runs on any worker and never
raises); only the coordinating process writes the store (``store_outcome``).
"""

from __future__ import annotations

import hashlib
import sqlite3
import traceback
from dataclasses import dataclass
from pathlib import Path

from classify.analyze import Routing, analyze
from classify.dictionary import CodeDictionary
from classify.model import Extraction
from extract import read
from extract.images import content_hash
from extract.model import ReadError
from extract.reasons import dumps, loads, reason
from review import accounts, store, versions


@dataclass(frozen=True)
class Job:
    path: str
    document_id: str
    size_bytes: int
    ocr: str = ""  # OCR engine for scanned pages: 'rapidocr', 'tesseract', '' = the default


@dataclass
class Outcome:
    job: Job
    extraction: Extraction | None = None
    error: str = ""


@dataclass(frozen=True)
class IngestSettings:
    """What routing depends on besides the input: the thresholds and the code dictionary."""

    routing: Routing
    dictionary: CodeDictionary

    @classmethod
    def from_store(cls, conn: sqlite3.Connection) -> IngestSettings:
        return cls(routing_of(conn), known_codes(conn))


def routing_of(conn: sqlite3.Connection) -> Routing:
    """Classify's routing with the thresholds an admin set in this store (the defaults where none is set)."""
    return Routing(
        record_threshold=accounts.get_setting(conn, "record_threshold"),
        table_threshold=accounts.get_setting(conn, "table_threshold"),
    )


def known_codes(conn: sqlite3.Connection) -> CodeDictionary:
    """The shipped code lists grown with the code/name pairs reviewers confirmed or corrected in this store."""
    dictionary = CodeDictionary.from_files()
    dictionary.learn_from_store(conn)
    return dictionary


def job_id(kind: str, path: Path) -> str:
    """A document id for an input that has no content to hash ('missing', 'unreadable')."""
    return hashlib.sha256(f"{kind}:{path}".encode()).hexdigest()[:16]


def make_job(path: Path, ocr: str = "") -> Job:
    """A job keyed by content; a file that cannot even be opened is keyed by its path (and will fail)."""
    try:
        digest, size = content_hash(path)
    except OSError:
        return Job(str(path), job_id("unreadable", path), -1, ocr)
    return Job(str(path), digest[:16], size, ocr)


def process_file(job: Job, routing: Routing, dictionary: CodeDictionary | None) -> Outcome:
    """Read and classify one input. Never raises: failures come back as ``Outcome.error``."""
    try:
        document = read(job.path, ocr=job.ocr)
        document.source_file = job.path
        extraction = analyze(document, routing, dictionary)
        document.lines = []  # the store keeps cells and line spans, not the text: less to send back
        return Outcome(job, extraction=extraction)
    except ReadError as exc:
        return Outcome(job, error=dumps([exc.reason]))
    except Exception as exc:  # a bug or an unforeseen input must not stop the batch
        return Outcome(job, error=internal_error(job.path, exc))


def internal_error(path: str, exc: BaseException) -> str:
    """The error recorded for an exception nobody foresaw: the file, the exception and where it arose
    (as stored: a reason code, ``extract.reasons.dumps``)."""
    last = traceback.extract_tb(exc.__traceback__)[-1]
    return dumps([
        reason("read.internal_error", file=path, error=f"{type(exc).__name__}: {exc}",
               at=f"{Path(last.filename).name}:{last.lineno}")
    ])  # fmt: skip


def error_text(error: str, lang: str = "en") -> str:
    """A recorded error as a sentence in ``lang`` (an error recorded as text before codes: as it is)."""
    found = loads(error)
    if found and all(r.code != "unknown" for r in found):
        return "; ".join(r.render(lang) for r in found)
    return error


def store_outcome(conn: sqlite3.Connection, outcome: Outcome) -> str:
    """Write an outcome to the work store (its extraction, or the error); the document's status.

    A new version of a source inherits the reviewers' decisions on its unchanged records
    (``review.versions.carry_over``), in the same transaction. A file that failed before and now reads
    replaces its failed row (``store.drop_failed_rows``)."""
    if outcome.extraction is not None:
        store.save_extraction(conn, outcome.extraction, on_new_version=versions.carry_over)
        store.drop_failed_rows(conn, outcome.job.path, outcome.job.document_id)
        return "done"
    store.mark(conn, outcome.job.document_id, "failed", source_file=outcome.job.path, error=outcome.error)
    return "failed"
