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
    superseded_by TEXT NOT NULL DEFAULT '', lease_owner TEXT NOT NULL DEFAULT '', lease_expires REAL
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

SCHEMA = DOCUMENTS_SCHEMA + ACCOUNTS_SCHEMA + REVIEW_SCHEMA


def ensure_schema(conn: sqlite3.Connection) -> None:
    """Create every table and index the work store lacks, add the columns an older store lacks
    (``ADDED_COLUMNS``), and record the schema version."""
    conn.executescript(SCHEMA)
    add_columns(conn)
    conn.execute(
        "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
    )


# ---------------------------------------------------------------- performance-target tables (issue 14)

# columns added to tables of an existing store (table, column, declaration); ``add_columns`` adds
# the ones a store lacks, so a store made before them keeps its data
ADDED_COLUMNS: list[tuple[str, str, str]] = [
    ("indicators", "direction", "TEXT NOT NULL DEFAULT ''"),
    ("indicators", "unit", "TEXT NOT NULL DEFAULT ''"),
    ("indicators", "project_amount", "TEXT NOT NULL DEFAULT ''"),
    ("indicators", "project_target", "TEXT NOT NULL DEFAULT ''"),
]


def add_columns(conn: sqlite3.Connection) -> None:
    """ALTER TABLE … ADD COLUMN for every ``ADDED_COLUMNS`` entry the store lacks."""
    for table, column, decl in ADDED_COLUMNS:
        have = {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}
        if column not in have:
            conn.execute(f'ALTER TABLE "{table}" ADD COLUMN "{column}" {decl}')
