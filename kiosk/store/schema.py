"""SQLite engine (WAL, synchronous=FULL) and the ordered schema migrations tracked in PRAGMA user_version."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event

from kiosk.diskspace import DiskFullError, is_disk_full
from kiosk.errors import KioskError

log = logging.getLogger(__name__)
BUSY_TIMEOUT_MS = 15_000
WAL_SIZE_LIMIT = 4 * 1024 * 1024

# Version 1 as first shipped. Kept verbatim: migrations start from it, and tests build a v1 file from it.
V1_STATEMENTS: tuple[str, ...] = (
    """CREATE TABLE dossier (
        client_ref TEXT NOT NULL PRIMARY KEY,
        procedure_code TEXT NOT NULL,
        procedure_version TEXT NOT NULL,
        bundle_ref TEXT,
        state TEXT NOT NULL CHECK (state IN ('draft', 'queued', 'submitted', 'needs_attention')),
        portal_status INTEGER,
        dossier_code TEXT,
        local_ref TEXT NOT NULL,
        assisted_kind TEXT NOT NULL,
        agent_id TEXT,
        authorization_ref TEXT,
        consent_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        finalized_at TEXT,
        submitted_at TEXT,
        id_blind_index TEXT,
        applicant BLOB,
        answers BLOB,
        problems BLOB,
        status_details BLOB
    )""",
    "CREATE INDEX ix_dossier_procedure_code ON dossier (procedure_code)",
    "CREATE INDEX ix_dossier_state ON dossier (state)",
    "CREATE INDEX ix_dossier_dossier_code ON dossier (dossier_code)",
    "CREATE INDEX ix_dossier_id_blind_index ON dossier (id_blind_index)",
    """CREATE TABLE attachment (
        id TEXT NOT NULL PRIMARY KEY,
        client_ref TEXT NOT NULL REFERENCES dossier (client_ref),
        doc_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        media_type TEXT NOT NULL,
        filename BLOB NOT NULL,
        sha256 BLOB NOT NULL,
        file_name TEXT NOT NULL,
        upload_id TEXT,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX ix_attachment_client_ref ON attachment (client_ref)",
    """CREATE TABLE outbox (
        id TEXT NOT NULL PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('dossier', 'supplement', 'rating')),
        client_ref TEXT NOT NULL REFERENCES dossier (client_ref),
        idempotency_key TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        lease_owner TEXT,
        lease_until TEXT,
        body BLOB,
        state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed', 'superseded')),
        last_error_code TEXT
    )""",
    "CREATE INDEX ix_outbox_client_ref ON outbox (client_ref)",
    "CREATE INDEX ix_outbox_due ON outbox (state, created_at)",
    """CREATE TABLE status_history (
        id INTEGER NOT NULL PRIMARY KEY,
        client_ref TEXT NOT NULL REFERENCES dossier (client_ref),
        status INTEGER NOT NULL,
        recorded_at TEXT NOT NULL
    )""",
    "CREATE INDEX ix_status_history_client_ref ON status_history (client_ref)",
    # No foreign key: the chain must outlive the dossiers it mentions.
    """CREATE TABLE audit (
        seq INTEGER NOT NULL PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        on_behalf_of TEXT,
        action TEXT NOT NULL,
        ref TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    )""",
    """CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
    """CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
)


def _v1(conn: Connection) -> None:
    for statement in V1_STATEMENTS:
        conn.exec_driver_sql(statement)


def _v2(conn: Connection) -> None:
    # Retention runs from the first final status (3, 7, 8, 10), so it gets its own indexed column,
    # backfilled from the status history kept since v1.
    conn.exec_driver_sql("ALTER TABLE dossier ADD COLUMN final_status_at TEXT")
    conn.exec_driver_sql("CREATE INDEX ix_dossier_final_status_at ON dossier (final_status_at)")
    conn.exec_driver_sql(
        "UPDATE dossier SET final_status_at = (SELECT MIN(h.recorded_at) FROM status_history h"
        " WHERE h.client_ref = dossier.client_ref AND h.status IN (3, 7, 8, 10))"
    )


def _v3(conn: Connection) -> None:
    # How the citizen gets the result (pickup, or post to an address) and the channel: sealed, since a
    # delivery address is personal data. Drafts from before simply have none (pickup).
    conn.exec_driver_sql("ALTER TABLE dossier ADD COLUMN delivery BLOB")


def _v4(conn: Connection) -> None:
    # Terminal settings that must not sit in the config file (the operator PIN's scrypt hash, sealed),
    # and self-service resume codes: only a keyed HMAC of (code, CCCD number), gone with the draft.
    conn.exec_driver_sql(
        "CREATE TABLE setting (name TEXT NOT NULL PRIMARY KEY, value BLOB NOT NULL, updated_at TEXT NOT NULL)"
    )
    conn.exec_driver_sql(
        """CREATE TABLE resume_code (
        token TEXT NOT NULL PRIMARY KEY,
        client_ref TEXT NOT NULL UNIQUE REFERENCES dossier (client_ref) ON DELETE CASCADE,
        created_at TEXT NOT NULL
    )"""
    )


def _v5(conn: Connection) -> None:
    # Supplement drafts ("yêu cầu bổ sung"): the answers and note sealed until the outbox body is frozen,
    # and the ids (not personal data) of the files added for it, in order. One open draft per dossier.
    conn.exec_driver_sql(
        """CREATE TABLE supplement (
        id TEXT NOT NULL PRIMARY KEY,
        client_ref TEXT NOT NULL REFERENCES dossier (client_ref),
        state TEXT NOT NULL CHECK (state IN ('draft', 'queued', 'discarded')),
        outbox_id TEXT UNIQUE,
        attachments TEXT NOT NULL DEFAULT '[]',
        content BLOB,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )"""
    )
    conn.exec_driver_sql("CREATE INDEX ix_supplement_client_ref ON supplement (client_ref)")
    conn.exec_driver_sql(
        "CREATE UNIQUE INDEX ux_supplement_open ON supplement (client_ref) WHERE state = 'draft'"
    )


def _v6(conn: Connection) -> None:
    # The text size and contrast a citizen chose, kept with their saved draft and set again when it is
    # reopened with its code. Not personal data, so not sealed; codes saved before have none (NULL: the
    # terminal's own).
    conn.exec_driver_sql("ALTER TABLE resume_code ADD COLUMN text_scale INTEGER")
    conn.exec_driver_sql("ALTER TABLE resume_code ADD COLUMN high_contrast INTEGER")


MIGRATIONS: tuple[Callable[[Connection], None], ...] = (_v1, _v2, _v3, _v4, _v5, _v6)
SCHEMA_VERSION = len(MIGRATIONS)


def make_engine(path: Path) -> Engine:
    """An engine whose connections run WAL + synchronous=FULL; `immediate=True` transactions take the write
    lock at BEGIN, so read-then-write sequences never deadlock between processes."""
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"isolation_level": None, "check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Owner only, whatever the umask: SQLite made the file 0644; its WAL and shared-memory files,
        # made below, take the database file's mode.
        with contextlib.suppress(OSError):
            if os.name == "posix" and (path.stat().st_mode & 0o777) != 0o600:
                path.chmod(0o600)
        cursor = dbapi_conn.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _use_wal(cursor)
        cursor.execute("PRAGMA synchronous = FULL")
        # After a checkpoint the WAL is cut back to this: one big import does not keep its size for ever.
        cursor.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA temp_store = MEMORY")
        # Freed pages are zeroed, so deleted personal data (even sealed) does not linger in the file.
        cursor.execute("PRAGMA secure_delete = ON")
        cursor.close()

    @event.listens_for(engine, "handle_error")
    def _on_error(context: Any) -> None:
        # Every statement, commit and connection of the store: a full disk is one catalogued error.
        if is_disk_full(context.original_exception, path.parent):
            raise DiskFullError(path.parent) from context.sqlalchemy_exception

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def user_version(conn: Connection) -> int:
    return int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())


def _use_wal(cursor: Any) -> None:
    """Switch the database to WAL (kept in the file, so a no-op once done).

    A new database opened by two connections at once (the store worker and the sync engine, on a
    terminal's first start) can be locked for the switch: SQLite then fails at once, without waiting
    through busy_timeout, so wait here as long as busy_timeout would. Where the file system cannot hold
    a WAL database (no shared memory), SQLite keeps its rollback journal, durable too: say so in the log.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            mode = str(cursor.execute("PRAGMA journal_mode = WAL").fetchone()[0]).lower()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.005)
            continue
        if mode != "wal":
            log.warning("the database stays in %s journal mode: this file system cannot use WAL", mode)
        return


def migrate(write_engine: Engine) -> int:
    """Bring the schema up to SCHEMA_VERSION, one transaction per step; safe when two processes race."""
    with write_engine.connect() as conn:
        found = user_version(conn)
    if found > SCHEMA_VERSION:
        raise KioskError("store.newer_schema", found=found, supported=SCHEMA_VERSION)
    for version, step in enumerate(MIGRATIONS, start=1):
        with write_engine.begin() as conn:
            # Re-read under the write lock: another process may have migrated meanwhile.
            if user_version(conn) >= version:
                continue
            step(conn)
            conn.exec_driver_sql(f"PRAGMA user_version = {version}")
    return SCHEMA_VERSION
