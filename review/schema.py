"""The work store's schema: every table and index of the one SQLite database, in one place.

* the documents and their results (documents, tables, cells, line_items, indicators, findings):
  the dataset schema of design.md with working columns added (document status and error, lease,
  provenance: line span, bbox, column index; the reason a record is pending; a version counter for
  optimistic concurrency in review), written by ``review.store``;
* the reviewers' accounts and the service's settings (review_users, review_tokens, review_settings):
  ``review.accounts``;
* the review work: claims (review_claims, ``review.claims``), the audit trail of decisions
  (review_audit, ``review.audit_trail``), audit samples of auto-accepted records
  (review_audit_samples, review_audit_documents, ``review.audits``), corrections held for approval
  (review_proposals, ``review.proposals``) and learned codes (review_codes, ``review.learned``).

``ensure_schema`` creates what is missing (CREATE … IF NOT EXISTS) and is run by ``review.store.connect``,
so every connection, the CLI's and the service's, sees the whole schema.
"""

from __future__ import annotations

import sqlite3

from review.queue_order import backfill_scores

SCHEMA_VERSION = 1

DOCUMENTS_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, source_file TEXT, sha256 TEXT, format TEXT,
    department TEXT, year INTEGER, pages INTEGER,
    status TEXT NOT NULL DEFAULT 'queued', error TEXT NOT NULL DEFAULT '',
    encoding TEXT NOT NULL DEFAULT '', shape TEXT NOT NULL DEFAULT '',
    size_bytes INTEGER, created_at REAL, updated_at REAL,
    version INTEGER NOT NULL DEFAULT 1, supersedes TEXT NOT NULL DEFAULT '',
    superseded_by TEXT NOT NULL DEFAULT '', lease_owner TEXT NOT NULL DEFAULT '', lease_expires REAL,
    kind TEXT NOT NULL DEFAULT '', level TEXT NOT NULL DEFAULT '', region TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source_file);
CREATE TABLE IF NOT EXISTS tables (
    id TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id), seq INTEGER, page INTEGER,
    table_type TEXT, title TEXT, unit TEXT, confidence REAL, status TEXT,
    label TEXT, empty INTEGER, layout TEXT, type_confidence REAL, project TEXT,
    line_start INTEGER, line_end INTEGER, bbox TEXT, header_rows INTEGER,
    notes TEXT, warnings TEXT, reason TEXT NOT NULL DEFAULT '', version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS tables_document ON tables(document_id);
CREATE TABLE IF NOT EXISTS cells (
    table_id TEXT NOT NULL REFERENCES tables(id), row INTEGER, col INTEGER, text TEXT, confidence REAL,
    rowspan INTEGER, colspan INTEGER, line_start INTEGER, line_end INTEGER, bbox TEXT,
    PRIMARY KEY (table_id, row, col)
);
CREATE TABLE IF NOT EXISTS line_items (
    id INTEGER PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id),
    table_id TEXT NOT NULL REFERENCES tables(id), row INTEGER,
    code TEXT, name TEXT, "column" TEXT, amount_yuan REAL, confidence REAL, status TEXT,
    col INTEGER, amount_fen INTEGER, page INTEGER, reason TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS line_items_document ON line_items(document_id);
CREATE INDEX IF NOT EXISTS line_items_status ON line_items(status);
CREATE TABLE IF NOT EXISTS indicators (
    id INTEGER PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id),
    table_id TEXT NOT NULL REFERENCES tables(id), row INTEGER,
    project TEXT, level1 TEXT, level2 TEXT, level3 TEXT, value TEXT, confidence REAL, status TEXT,
    page INTEGER, reason TEXT NOT NULL DEFAULT '', version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS indicators_document ON indicators(document_id);
CREATE INDEX IF NOT EXISTS indicators_status ON indicators(status);
CREATE TABLE IF NOT EXISTS findings (
    id INTEGER PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id), table_id TEXT,
    "check" TEXT, severity TEXT, message TEXT,
    evidence TEXT, blame TEXT, repairs TEXT  -- JSON: [[table_id, row, col], …]; [{kind, table_id, row, col, old, new, evidence}]
);
CREATE INDEX IF NOT EXISTS findings_document ON findings(document_id);
"""

ACCOUNTS_SCHEMA = """
CREATE TABLE IF NOT EXISTS review_users (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('reviewer', 'approver', 'admin')),
    active INTEGER NOT NULL DEFAULT 1, created_at REAL
);
CREATE TABLE IF NOT EXISTS review_tokens (
    id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES review_users(id),
    token_sha256 TEXT NOT NULL UNIQUE, created_at REAL, last_used_at REAL
);
CREATE TABLE IF NOT EXISTS review_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

REVIEW_SCHEMA = """
CREATE TABLE IF NOT EXISTS review_claims (
    item_id TEXT PRIMARY KEY, user_id INTEGER NOT NULL, user_name TEXT NOT NULL,
    claimed_at REAL NOT NULL, expires_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS review_audit (
    id INTEGER PRIMARY KEY, item_id TEXT NOT NULL, kind TEXT NOT NULL, document_id TEXT,
    user_id INTEGER, user_name TEXT NOT NULL, action TEXT NOT NULL, status_after TEXT,
    version_before INTEGER, version_after INTEGER, before TEXT NOT NULL, after TEXT NOT NULL,
    at REAL NOT NULL, handle_seconds REAL, note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS review_audit_item ON review_audit(item_id);
CREATE TABLE IF NOT EXISTS review_audit_samples (
    item_id TEXT PRIMARY KEY, document_id TEXT NOT NULL, sampled_at REAL NOT NULL,
    decided_at REAL, outcome TEXT
);
CREATE TABLE IF NOT EXISTS review_audit_documents (
    document_id TEXT PRIMARY KEY, sampled_at REAL NOT NULL, share REAL NOT NULL, sampled INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS review_proposals (
    id INTEGER PRIMARY KEY, item_id TEXT NOT NULL, user_id INTEGER NOT NULL, user_name TEXT NOT NULL,
    changes TEXT NOT NULL, version INTEGER NOT NULL, created_at REAL NOT NULL,
    state TEXT NOT NULL DEFAULT 'open', decided_by TEXT, decided_at REAL
);
CREATE INDEX IF NOT EXISTS review_proposals_item ON review_proposals(item_id, state);
CREATE TABLE IF NOT EXISTS review_codes (
    code TEXT PRIMARY KEY, name TEXT NOT NULL, item_id TEXT, updated_at REAL NOT NULL,
    count INTEGER NOT NULL DEFAULT 1
);
"""

# ---- audit findings (issue 15): the text around the tables, and the reviewers' marks on findings
# (kept apart from ``findings``, which is rewritten when a document is processed again: a mark is
# keyed by the finding's document, check and message, so it survives re-processing)
AUDIT_SCHEMA = """
CREATE TABLE IF NOT EXISTS paragraphs (
    document_id TEXT NOT NULL REFERENCES documents(id), seq INTEGER NOT NULL, page INTEGER,
    line_start INTEGER, line_end INTEGER, bbox TEXT, text TEXT NOT NULL,
    PRIMARY KEY (document_id, seq)
);
CREATE TABLE IF NOT EXISTS review_finding_marks (
    document_id TEXT NOT NULL, "check" TEXT NOT NULL, message TEXT NOT NULL,
    mark TEXT NOT NULL CHECK (mark IN ('confirmed', 'false_alarm')),
    user_name TEXT NOT NULL, at REAL NOT NULL, note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (document_id, "check", message)
);
"""

SCHEMA = DOCUMENTS_SCHEMA + ACCOUNTS_SCHEMA + REVIEW_SCHEMA + AUDIT_SCHEMA


def ensure_schema(conn: sqlite3.Connection) -> None:
    """Create every table and index the work store lacks, add the columns an older store lacks
    (``ADDED_COLUMNS``), and record the schema version."""
    conn.executescript(SCHEMA)
    add_missing_columns(conn)
    conn.executescript(LIMITS_SCHEMA)
    conn.execute(
        "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
    )


# -- limits, versions and the paged queue ---------------------------------------------------------
#
# Columns added to the tables above, created on stores made before them (``add_missing_columns``):
# * ``documents.source_key``: what makes two documents versions of one source: the path given to
#   ``digitize ingest``, or ``upload:<file name>`` for an upload (``review.store.save_extraction``);
# * ``score`` of line_items, indicators and tables: the queue order (``review.queue_order``), kept on
#   the row so the queue is read in order from an index, a page at a time (``review.work_queue``).
# Tables: ``review_uploads`` (who uploaded a document, its pages and bytes, and how often the worker
# began it: ``review.uploads``, ``review.worker``).

# (table, column, declaration), in the order they were added
ADDED_COLUMNS: tuple[tuple[str, str, str], ...] = (
    # documents' metadata as printed (extract.text.describe_metadata); new stores have them already
    ("documents", "kind", "TEXT NOT NULL DEFAULT ''"),
    ("documents", "level", "TEXT NOT NULL DEFAULT ''"),
    ("documents", "region", "TEXT NOT NULL DEFAULT ''"),
    # limits, versions and the paged queue (see above)
    ("documents", "source_key", "TEXT NOT NULL DEFAULT ''"),
    ("line_items", "score", "REAL NOT NULL DEFAULT 0"),
    ("indicators", "score", "REAL NOT NULL DEFAULT 0"),
    ("tables", "score", "REAL NOT NULL DEFAULT 0"),
    # the review workbench: the reader's language, the disclosure a document is one shape of
    ("review_users", "language", "TEXT NOT NULL DEFAULT ''"),
    ("documents", "disclosure_id", "TEXT NOT NULL DEFAULT ''"),
    # performance-target tables: what an indicator prints beyond the contract, its project's figures
    ("indicators", "direction", "TEXT NOT NULL DEFAULT ''"),
    ("indicators", "unit", "TEXT NOT NULL DEFAULT ''"),
    ("indicators", "project_amount", "TEXT NOT NULL DEFAULT ''"),
    ("indicators", "project_target", "TEXT NOT NULL DEFAULT ''"),
    ("indicators", "project_department", "TEXT NOT NULL DEFAULT ''"),
    ("indicators", "project_unit", "TEXT NOT NULL DEFAULT ''"),
    # real disclosures' codes (issue 13): the government's economic code beside the department's,
    # and the names of the rows above an item (parent path, '/'-joined) where the hierarchy is printed
    # by indentation only
    ("line_items", "gov_code", "TEXT NOT NULL DEFAULT ''"),
    ("line_items", "parent_path", "TEXT NOT NULL DEFAULT ''"),
    # the review workbench (issue 16): a finding's reason (code and parameters, extract.reasons.dumps)
    # beside its message (rendered in Chinese, the dataset's language), so a reader sees it in theirs
    ("findings", "reason", "TEXT NOT NULL DEFAULT ''"),
)
# columns whose values are derived from the rows when a store gains them
_FILLED = {("documents", "source_key"), ("line_items", "score"), ("indicators", "score"), ("tables", "score")}

LIMITS_SCHEMA = """
CREATE INDEX IF NOT EXISTS documents_source_key ON documents(source_key, status, superseded_by);
CREATE INDEX IF NOT EXISTS documents_replaced ON documents(superseded_by);
CREATE INDEX IF NOT EXISTS line_items_queue ON line_items(status, score DESC, document_id, table_id, id);
CREATE INDEX IF NOT EXISTS indicators_queue ON indicators(status, score DESC, document_id, table_id, id);
CREATE INDEX IF NOT EXISTS tables_queue ON tables(status, score DESC, document_id, id);
CREATE INDEX IF NOT EXISTS line_items_table ON line_items(table_id, row);
CREATE INDEX IF NOT EXISTS indicators_table ON indicators(table_id, row);
CREATE INDEX IF NOT EXISTS review_audit_samples_open ON review_audit_samples(decided_at, item_id);
CREATE INDEX IF NOT EXISTS review_claims_user ON review_claims(user_id, claimed_at);
CREATE INDEX IF NOT EXISTS review_proposals_state ON review_proposals(state, item_id);
CREATE TABLE IF NOT EXISTS review_uploads (
    document_id TEXT PRIMARY KEY, user_id INTEGER, user_name TEXT NOT NULL DEFAULT '',
    file_name TEXT NOT NULL DEFAULT '', pages INTEGER NOT NULL DEFAULT 0, size_bytes INTEGER NOT NULL DEFAULT 0,
    uploaded_at REAL NOT NULL, attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS review_uploads_user ON review_uploads(user_id, uploaded_at);
"""


def add_missing_columns(conn: sqlite3.Connection) -> None:
    """Add the columns of ``ADDED_COLUMNS`` a store made before them lacks (another connection may
    add one first), and fill in the values derived from the rows."""
    added: set[tuple[str, str]] = set()
    for table, column, decl in ADDED_COLUMNS:
        have = {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}
        if column in have:
            continue
        try:
            conn.execute(f'ALTER TABLE "{table}" ADD COLUMN "{column}" {decl}')
        except sqlite3.OperationalError as exc:
            if "duplicate column" not in str(exc):
                raise
        added.add((table, column))
    if added & _FILLED:
        conn.execute("UPDATE documents SET source_key = source_file WHERE source_key = ''")
        backfill_scores(conn)


# -- sessions and login throttling (review.sessions, review.throttle) ----------------------------------
# A signed-in browser holds a random session id in its (signed) cookie; the store keeps only its
# SHA-256 with the user and the session's absolute expiry, so logging out, a password change or a
# deactivation ends every session of the user at once. Failed logins are kept per key ("user:NAME",
# "addr:IP") for the throttle, shared by every process serving the store and kept across restarts.

SESSIONS_SCHEMA = """
CREATE TABLE IF NOT EXISTS review_sessions (
    id_sha256 TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES review_users(id),
    created_at REAL NOT NULL, expires_at REAL NOT NULL, address TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS review_sessions_user ON review_sessions(user_id);
CREATE TABLE IF NOT EXISTS review_login_failures (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL, at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS review_login_failures_key ON review_login_failures(key, at);
"""

SCHEMA += SESSIONS_SCHEMA


# -- the queue's counts (review.work_queue.summarize) -------------------------------------------------
# The queue page's counts (pending by kind, audit samples, table type, reason kind and document, and
# the records decided) are kept per document in ``review_queue_counts`` and summed over the store in
# ``review_queue_totals``, so a page reads a few rows whatever the size of the store. Triggers mark a
# document in ``review_queue_dirty`` in the same transaction as any write that can change what of it
# waits in the queue (its records' and tables' status, reason, table type; its replacement; audit
# samples, proposals and decisions on its records), from whichever process writes; the next reader
# counts the marked documents again on their indexes and moves the totals by the difference
# (``review.work_queue.refresh_counts``), so the counts equal a full recount. A store made before them
# has every document marked once. The open audit samples with their records' place in the queue
# (``review_queue_audits``, kept by triggers from the samples and the records) let the queue's audit
# part be read in order from an index too. Indexes for the queue of one document and for undo.

QUEUE_COUNTS_SCHEMA = """
CREATE TABLE IF NOT EXISTS review_queue_dirty (document_id TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS review_queue_counts (
    document_id TEXT NOT NULL, dimension TEXT NOT NULL, key TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (document_id, dimension, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS review_queue_counts_top ON review_queue_counts(dimension, key, n DESC, document_id);
CREATE TABLE IF NOT EXISTS review_queue_totals (
    dimension TEXT NOT NULL, key TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (dimension, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS line_items_document_queue ON line_items(document_id, status, score DESC, table_id, id);
CREATE INDEX IF NOT EXISTS indicators_document_queue ON indicators(document_id, status, score DESC, table_id, id);
CREATE INDEX IF NOT EXISTS tables_document_queue ON tables(document_id, status, score DESC, id);
CREATE INDEX IF NOT EXISTS documents_replaced_ids ON documents(superseded_by, id);
CREATE INDEX IF NOT EXISTS documents_disclosure ON documents(disclosure_id, department);
CREATE INDEX IF NOT EXISTS review_audit_document ON review_audit(document_id, action, item_id);
CREATE INDEX IF NOT EXISTS review_audit_user ON review_audit(user_id, at, id);
CREATE INDEX IF NOT EXISTS review_audit_history ON review_audit(item_id, at, id);
CREATE TABLE IF NOT EXISTS review_queue_audits (
    item_id TEXT PRIMARY KEY NOT NULL, kind TEXT NOT NULL, record_id INTEGER NOT NULL,
    document_id TEXT NOT NULL, table_id TEXT NOT NULL, score REAL NOT NULL
) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS review_queue_audits_order ON review_queue_audits(kind, score DESC, document_id, table_id, record_id);
CREATE UNIQUE INDEX IF NOT EXISTS review_queue_audits_document ON review_queue_audits(kind, document_id, score DESC, table_id, record_id);
INSERT OR IGNORE INTO review_queue_audits
    SELECT s.item_id, 'line_item', l.id, l.document_id, l.table_id, l.score FROM review_audit_samples s
      JOIN line_items l ON s.item_id LIKE 'li-%' AND l.id = CAST(substr(s.item_id, 4) AS INTEGER)
     WHERE s.decided_at IS NULL AND NOT EXISTS (SELECT 1 FROM meta WHERE key = 'queue_counts')
    UNION ALL
    SELECT s.item_id, 'indicator', l.id, l.document_id, l.table_id, l.score FROM review_audit_samples s
      JOIN indicators l ON s.item_id LIKE 'ind-%' AND l.id = CAST(substr(s.item_id, 5) AS INTEGER)
     WHERE s.decided_at IS NULL AND NOT EXISTS (SELECT 1 FROM meta WHERE key = 'queue_counts');
INSERT OR IGNORE INTO review_queue_dirty (document_id)
    SELECT id FROM documents WHERE NOT EXISTS (SELECT 1 FROM meta WHERE key = 'queue_counts')
    UNION SELECT document_id FROM review_audit
          WHERE document_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM meta WHERE key = 'queue_counts');
INSERT OR IGNORE INTO meta (key, value) VALUES ('queue_counts', '1');
"""

# the document of a review item id (li-<id>, ind-<id>, tbl-<table id>: review.item_ids), in SQL
_ITEM_DOCUMENT = """SELECT document_id AS d FROM line_items WHERE {v}.item_id LIKE 'li-%'
                                    AND id = CAST(substr({v}.item_id, 4) AS INTEGER)
    UNION SELECT document_id FROM indicators WHERE {v}.item_id LIKE 'ind-%'
                                    AND id = CAST(substr({v}.item_id, 5) AS INTEGER)
    UNION SELECT document_id FROM tables WHERE {v}.item_id LIKE 'tbl-%' AND id = substr({v}.item_id, 5)"""
# table: (the columns whose change can change the queue, the document of a row as SQL of {v} = NEW/OLD)
_QUEUE_WRITERS: dict[str, tuple[str, str]] = {
    "line_items": ("status, reason, document_id, table_id", "SELECT {v}.document_id AS d"),
    "indicators": ("status, reason, document_id, table_id", "SELECT {v}.document_id AS d"),
    "tables": ("status, reason, table_type, document_id", "SELECT {v}.document_id AS d"),
    "documents": ("superseded_by", "SELECT {v}.id AS d"),
    "review_audit_samples": ("decided_at, item_id, document_id", "SELECT {v}.document_id AS d"),
    "review_proposals": ("state, item_id", _ITEM_DOCUMENT),
    "review_audit": ("action, item_id, document_id", "SELECT {v}.document_id AS d"),
}


def _queue_triggers() -> str:
    out = []
    for table, (columns, document) in _QUEUE_WRITERS.items():
        for event, rows in (
            ("INSERT", ["NEW"]),
            ("DELETE", ["OLD"]),
            (f"UPDATE OF {columns}", ["OLD", "NEW"]),
        ):
            if table == "documents" and event == "INSERT":
                continue  # a document has nothing in the queue before its records are written
            name = f"review_queue_{table}_{event.split()[0].lower()}"
            marked = " UNION ".join(f"SELECT d FROM ({document.format(v=v)})" for v in rows)
            out.append(
                f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON {table} BEGIN\n"
                f"  INSERT OR IGNORE INTO review_queue_dirty (document_id)\n"
                f"    SELECT d FROM ({marked}) WHERE d IS NOT NULL;\nEND;"
            )
    return "\n".join(out)


def _audit_triggers() -> str:
    out = []
    for kind, records, prefix in (("line_item", "line_items", "li-"), ("indicator", "indicators", "ind-")):
        key = f"CAST(substr({{v}}.item_id, {len(prefix) + 1}) AS INTEGER)"
        sample = (
            f"INSERT OR REPLACE INTO review_queue_audits SELECT NEW.item_id, '{kind}', l.id, l.document_id,"
            f" l.table_id, l.score FROM {records} l WHERE NEW.decided_at IS NULL"
            f" AND NEW.item_id LIKE '{prefix}%' AND l.id = {key.format(v='NEW')};"
        )
        out += [
            f"CREATE TRIGGER IF NOT EXISTS review_queue_audits_{records}_sampled AFTER INSERT ON review_audit_samples"
            f" BEGIN {sample} END;",
            f"CREATE TRIGGER IF NOT EXISTS review_queue_audits_{records}_decided"
            f" AFTER UPDATE OF decided_at, item_id ON review_audit_samples BEGIN"
            f" DELETE FROM review_queue_audits WHERE item_id = OLD.item_id; {sample} END;",
            f"CREATE TRIGGER IF NOT EXISTS review_queue_audits_{records}_moved"
            f" AFTER UPDATE OF score, document_id, table_id ON {records} BEGIN"
            f" UPDATE review_queue_audits SET score = NEW.score, document_id = NEW.document_id,"
            f" table_id = NEW.table_id WHERE item_id = '{prefix}' || NEW.id; END;",
            f"CREATE TRIGGER IF NOT EXISTS review_queue_audits_{records}_written AFTER INSERT ON {records} BEGIN"
            f" INSERT OR REPLACE INTO review_queue_audits SELECT s.item_id, '{kind}', NEW.id, NEW.document_id,"
            f" NEW.table_id, NEW.score FROM review_audit_samples s"
            f" WHERE s.item_id = '{prefix}' || NEW.id AND s.decided_at IS NULL; END;",
            f"CREATE TRIGGER IF NOT EXISTS review_queue_audits_{records}_removed AFTER DELETE ON {records} BEGIN"
            f" DELETE FROM review_queue_audits WHERE item_id = '{prefix}' || OLD.id; END;",
        ]
    out.append(
        "CREATE TRIGGER IF NOT EXISTS review_queue_audits_unsampled AFTER DELETE ON review_audit_samples BEGIN"
        " DELETE FROM review_queue_audits WHERE item_id = OLD.item_id; END;"
    )
    return "\n".join(out)


LIMITS_SCHEMA += QUEUE_COUNTS_SCHEMA + _queue_triggers() + _audit_triggers()
