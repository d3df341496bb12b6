"""The service's background worker: a thread that ingests uploaded files (``review.ingest``).

Uploads are stored under the upload folder, marked ``queued`` in the work
store, and handed to this thread, which marks them ``processing`` and then
saves the extraction (``done``) or the error (``failed``). Documents left
queued or processing by a stopped service are picked up again at start.
After each document the audit sample of its auto-accepted records is drawn.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from review import audits, store
from review.ingest import IngestSettings, internal_error, make_job, process_file, store_outcome

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Task:
    path: str
    document_id: str


class Worker:
    """One background thread per service process, with its own store connection."""

    def __init__(self, db_path: str | Path, upload_folder: str | Path) -> None:
        self.db_path = str(db_path)
        self.upload_folder = Path(upload_folder)
        self._queue: queue.Queue[Task | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._idle = threading.Event()
        self._idle.set()

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="digitize-worker", daemon=True)
        self._thread.start()
        self._resume()

    def stop(self, timeout: float = 10.0) -> None:
        if self._thread is None:
            return
        self._queue.put(None)
        self._thread.join(timeout)
        self._thread = None

    def submit(self, path: str | Path, document_id: str) -> None:
        self._idle.clear()
        self._queue.put(Task(str(path), document_id))

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Block until every submitted task is processed (tests and benchmarks)."""
        return self._idle.wait(timeout)

    def _resume(self) -> None:
        """Re-queue uploads a previous run of the service left queued or processing."""
        conn = store.connect(self.db_path)
        try:
            rows = conn.execute(
                "SELECT id, source_file FROM documents WHERE status IN ('queued', 'processing') ORDER BY created_at"
            ).fetchall()
        finally:
            conn.close()
        for row in rows:
            path = Path(row["source_file"] or "")
            if path.is_file() and self.upload_folder.resolve() in path.resolve().parents:
                self.submit(path, row["id"])

    def _run(self) -> None:
        conn = store.connect(self.db_path)
        try:
            while True:
                task = self._queue.get()
                if task is None:
                    return
                try:
                    process_upload(conn, task)
                except Exception:  # the worker must survive anything one document does
                    log.exception("worker: %s failed", task.path)
                finally:
                    if self._queue.empty():
                        self._idle.set()
        finally:
            conn.close()


def process_upload(conn: sqlite3.Connection, task: Task) -> str:
    """Read, classify and store one uploaded file with the store's thresholds and code dictionary
    (``review.ingest``, as ``digitize ingest`` does); returns the document's final status."""
    store.mark(conn, task.document_id, "processing", source_file=task.path)
    try:
        settings = IngestSettings.from_store(conn)
        outcome = process_file(make_job(Path(task.path)), settings.routing, settings.dictionary)
    except Exception as exc:  # the store or the code lists could not be read
        store.mark(
            conn, task.document_id, "failed", source_file=task.path, error=internal_error(task.path, exc)
        )
        return "failed"
    status = store_outcome(conn, outcome)
    if status == "done":
        audits.sample_audits(conn)
    return status
