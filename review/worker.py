"""The service's background workers: threads that ingest uploaded files (``review.ingest``).

Uploads are stored under the upload folder, marked ``queued`` in the work store, and handed to the
workers, which mark them ``processing`` and then save the extraction (``done``) or the error
(``failed``). After each document the audit sample of its auto-accepted records is drawn.

* Fair: uploads wait in one queue per user and the workers take them round-robin across users, so
  a user with a hundred uploads waits behind nobody and holds up nobody; with several workers one
  user has at most all workers but one busy while anyone else waits.
* Bounded retries: each start of a document is counted (``review_uploads.attempts``). Documents
  left queued or processing by a stopped service are resumed at start, except one already begun
  ``MAX_ATTEMPTS`` times (it stopped the service, or was stopped with it, each time): that one is
  ``failed`` with the reason, and not retried again.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections import OrderedDict, deque
from dataclasses import dataclass
from pathlib import Path

from extract.reasons import dumps, reason
from review import audits, store
from review.ingest import IngestSettings, internal_error, make_job, process_file, store_outcome

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 2


@dataclass(frozen=True)
class Task:
    path: str
    document_id: str
    user_id: int | None = None


class FairQueue:
    """Tasks queued per user, handed out round-robin; a user already running ``per_user`` tasks waits."""

    def __init__(self, per_user: int = 1) -> None:
        self.per_user = max(1, per_user)
        self._queues: OrderedDict[int | None, deque[Task]] = OrderedDict()
        self._running: dict[int | None, int] = {}
        self._cond = threading.Condition()
        self._closed = False

    def put(self, task: Task) -> None:
        with self._cond:
            self._queues.setdefault(task.user_id, deque()).append(task)
            self._cond.notify_all()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def _pick(self) -> Task | None:
        for user in list(self._queues):
            if self._running.get(user, 0) < self.per_user or len(self._queues) == 1:
                tasks = self._queues.pop(user)  # re-inserted last: the next user goes first next time
                task = tasks.popleft()
                if tasks:
                    self._queues[user] = tasks
                self._running[user] = self._running.get(user, 0) + 1
                return task
        return None

    def get(self) -> Task | None:
        """The next task, or None once closed."""
        with self._cond:
            while True:
                if self._closed:
                    return None
                task = self._pick()
                if task is not None:
                    return task
                self._cond.wait()

    def done(self, task: Task) -> None:
        with self._cond:
            self._running[task.user_id] = self._running.get(task.user_id, 1) - 1
            self._cond.notify_all()

    def idle(self) -> bool:
        with self._cond:
            return not self._queues and not any(self._running.values())

    def order(self) -> list[str]:
        """The document ids in the order they would be handed out now (for tests)."""
        with self._cond:
            queues = [list(q) for q in self._queues.values()]
        out = []
        while any(queues):
            for q in queues:
                if q:
                    out.append(q.pop(0).document_id)
        return out


class Worker:
    """``threads`` background threads per service process, each with its own store connection."""

    def __init__(self, db_path: str | Path, upload_folder: str | Path, threads: int = 1) -> None:
        self.db_path = str(db_path)
        self.upload_folder = Path(upload_folder)
        self.threads = max(1, threads)
        self._queue = FairQueue(per_user=max(1, self.threads - 1))
        self._threads: list[threading.Thread] = []
        self._idle = threading.Event()
        self._idle.set()

    def start(self) -> None:
        if self._threads:
            return
        self._resume()
        for n in range(self.threads):
            thread = threading.Thread(target=self._run, name=f"digitize-worker-{n}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout: float = 10.0) -> None:
        if not self._threads:
            return
        self._queue.close()
        for thread in self._threads:
            thread.join(timeout)
        self._threads = []
        self._queue = FairQueue(per_user=max(1, self.threads - 1))

    def submit(self, path: str | Path, document_id: str, user_id: int | None = None) -> None:
        self._idle.clear()
        self._queue.put(Task(str(path), document_id, user_id))

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Block until every submitted task is processed (tests and benchmarks)."""
        return self._idle.wait(timeout)

    def pending_order(self) -> list[str]:
        return self._queue.order()

    def _resume(self) -> None:
        """Re-queue uploads a previous run of the service left queued or processing; fail those begun
        ``MAX_ATTEMPTS`` times already."""
        conn = store.connect(self.db_path)
        try:
            rows = conn.execute(
                """SELECT d.id, d.source_file, d.status, coalesce(u.attempts, 0) AS attempts, u.user_id
                     FROM documents d LEFT JOIN review_uploads u ON u.document_id = d.id
                    WHERE d.status IN ('queued', 'processing') ORDER BY d.created_at"""
            ).fetchall()
            for row in rows:
                path = Path(row["source_file"] or "")
                if not (path.is_file() and self.upload_folder.resolve() in path.resolve().parents):
                    continue
                if row["attempts"] >= MAX_ATTEMPTS:
                    store.mark(conn, row["id"], "failed", error=dumps([
                        reason("read.never_finished", file=path.name, attempts=row["attempts"])
                    ]))  # fmt: skip
                    continue
                self.submit(path, row["id"], row["user_id"])
        finally:
            conn.close()

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
                    self._queue.done(task)
                    if self._queue.idle():
                        self._idle.set()
        finally:
            conn.close()


def process_upload(conn: sqlite3.Connection, task: Task) -> str:
    """Read, classify and store one uploaded file with the store's thresholds and code dictionary
    (``review.ingest``, as ``digitize ingest`` does); returns the document's final status."""
    store.mark(conn, task.document_id, "processing", source_file=task.path)
    with store.transaction(conn):
        conn.execute(
            "UPDATE review_uploads SET attempts = attempts + 1 WHERE document_id = ?", (task.document_id,)
        )
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
