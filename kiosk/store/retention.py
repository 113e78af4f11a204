"""Retention: a configurable time after a dossier's first final status (3, 7, 8, 10) its personal data goes.

What goes: the sealed applicant, answers, delivery, problems and status details (portal notes, requests,
results, the receipt), the CCCD blind index, the sealed bodies of its outbox items, its attachment rows
and their encrypted files. What stays: the row's references, codes, states, dates, procedure and who
assisted, plus the status history (codes and times), so the counter's statistics do not change. Each
purge is one transaction with one audit entry (`dossier.purged`, the client_ref only); running it again
finds nothing more to do.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Connection

from kiosk.store import files
from kiosk.store.audit import append_entry
from kiosk.store.base import StoreBase
from kiosk.store.models import OutboxState, utc_text

log = logging.getLogger("kiosk.retention")
RETENTION_ACTOR = "system:retention"
PURGED_ACTION = "dossier.purged"
DEFAULT_RETENTION_DAYS = 30

# A dossier still holds personal data while any of these is true (the idempotency test of a purge).
_HOLDS_PERSONAL_DATA = """(
    d.applicant IS NOT NULL OR d.answers IS NOT NULL OR d.delivery IS NOT NULL
    OR d.problems IS NOT NULL OR d.status_details IS NOT NULL OR d.id_blind_index IS NOT NULL
    OR EXISTS (SELECT 1 FROM attachment a WHERE a.client_ref = d.client_ref)
    OR EXISTS (SELECT 1 FROM outbox o WHERE o.client_ref = d.client_ref AND o.body IS NOT NULL)
    OR EXISTS (SELECT 1 FROM supplement s WHERE s.client_ref = d.client_ref AND s.content IS NOT NULL)
)"""

_DUE_SQL = f"""
SELECT d.client_ref FROM dossier d
WHERE d.final_status_at IS NOT NULL AND d.final_status_at <= ? AND {_HOLDS_PERSONAL_DATA}
ORDER BY d.final_status_at, d.client_ref
"""  # noqa: S608 -- a fixed SQL fragment, no input


@dataclass(frozen=True)
class PurgeResult:
    """What one retention run did: the client_refs purged and how many attachment files went."""

    purged: list[str] = field(default_factory=list)
    files_removed: int = 0
    cutoff: datetime | None = None


class RetentionOps(StoreBase):
    """Purging the personal data of dossiers whose final status is older than the retention period."""

    def due_for_purge(self, cutoff: datetime) -> list[str]:
        """Dossiers that reached a final status at or before `cutoff` and still hold personal data."""
        with self._engine.connect() as conn:
            rows = conn.exec_driver_sql(_DUE_SQL, (utc_text(cutoff),)).all()
        return [str(row[0]) for row in rows]

    def purge_dossier(self, client_ref: str, actor: str = RETENTION_ACTOR) -> int | None:
        """Purge one dossier's personal data (one transaction + audit); the number of files removed,
        or None when it held none any more (nothing written, nothing logged)."""
        with self._write() as session:
            conn = session.connection()
            holds = conn.exec_driver_sql(
                f"SELECT 1 FROM dossier d WHERE d.client_ref = ? AND {_HOLDS_PERSONAL_DATA}",  # noqa: S608
                (client_ref,),
            ).first()
            if holds is None:
                return None
            names = _purge_rows(conn, client_ref)
            append_entry(conn, actor, PURGED_ACTION, client_ref)
        # After the commit: a crash in between leaves only orphaned files, which are encrypted and whose
        # key material (the attachment rows) is gone.
        files.remove(self.attachments_dir, names)
        return len(names)

    def status_history(self) -> list[tuple[str, int, datetime]]:
        """Every recorded portal status: (client_ref, status, recorded_at). No personal data."""
        from kiosk.store.models import UTCDateTime

        decode = UTCDateTime().process_result_value
        with self._engine.connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT client_ref, status, recorded_at FROM status_history ORDER BY recorded_at, id"
            ).all()
        result: list[tuple[str, int, datetime]] = []
        for ref, status, at in rows:
            when = decode(at, None)  # type: ignore[arg-type]
            assert when is not None
            result.append((str(ref), int(status), when))
        return result

    def checkpoint(self) -> None:
        """Fold the WAL back into the database and truncate it, so old page images do not linger."""
        # Outside any transaction (a checkpoint cannot run inside one): the driver connection is in
        # autocommit mode. Best effort: another process's open read leaves the WAL for its next checkpoint.
        connection = self._engine.raw_connection()
        try:
            cursor = connection.cursor()
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            cursor.fetchall()
            cursor.close()
        finally:
            connection.close()


def _purge_rows(conn: Connection, client_ref: str) -> list[str]:
    names = [
        str(row[0])
        for row in conn.exec_driver_sql(
            "SELECT file_name FROM attachment WHERE client_ref = ?", (client_ref,)
        ).all()
    ]
    conn.exec_driver_sql("DELETE FROM attachment WHERE client_ref = ?", (client_ref,))
    # Anything still waiting to be sent this long after the final status is stale; its body goes too.
    conn.exec_driver_sql(
        "UPDATE outbox SET state = ?, lease_owner = NULL, lease_until = NULL"
        " WHERE client_ref = ? AND state = ?",
        (OutboxState.SUPERSEDED.value, client_ref, OutboxState.PENDING.value),
    )
    conn.exec_driver_sql("UPDATE outbox SET body = NULL WHERE client_ref = ?", (client_ref,))
    # A supplement draft's sealed answers and note (its files went with the attachments above).
    conn.exec_driver_sql(
        "UPDATE supplement SET content = NULL, attachments = '[]',"
        " state = CASE WHEN state = 'draft' THEN 'discarded' ELSE state END WHERE client_ref = ?",
        (client_ref,),
    )
    conn.exec_driver_sql(
        "UPDATE dossier SET applicant = NULL, answers = NULL, delivery = NULL, problems = NULL,"
        " status_details = NULL, id_blind_index = NULL WHERE client_ref = ?",
        (client_ref,),
    )
    return names


def purge_expired(store: RetentionOps, now: datetime, days: int = DEFAULT_RETENTION_DAYS) -> PurgeResult:
    """Purge every dossier whose first final status is at least `days` days before `now`.

    Called at app start and daily by the UI, and by whoever runs retention headless. Safe to run again
    and from several processes: each dossier is checked and purged in its own write transaction.
    """
    if days < 0:
        raise ValueError("retention days must not be negative")
    cutoff = now - timedelta(days=days)
    purged: list[str] = []
    removed = 0
    for client_ref in store.due_for_purge(cutoff):
        count = store.purge_dossier(client_ref)
        if count is not None:
            purged.append(client_ref)
            removed += count
    if purged:
        store.checkpoint()
        log.info("retention purged %d dossiers (%d files)", len(purged), removed)
    return PurgeResult(purged, removed, cutoff)
