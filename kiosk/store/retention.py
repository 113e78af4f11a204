"""Retention: a configurable time after a dossier's first final status (3, 7, 8, 10) its personal data goes.

What goes: the sealed applicant, answers, delivery, problems and status details (portal notes, requests,
results, the receipt), the CCCD blind index, the sealed bodies of its outbox items, its attachment rows
and their encrypted files. What stays: the row's references, codes, states, dates, procedure and who
assisted, plus the status history (codes and times), so the counter's statistics do not change. Each
purge is one transaction with one audit entry (`dossier.purged`, the client_ref only); running it again
finds nothing more to do.

A wrong clock must not wipe anything: a purge runs only while a recent measurement against the portal's
clock (kiosk/store/clock.py, recorded by the sync layer) says this clock agrees with it, and otherwise is
refused whole with the reason (RetentionRefused). An operator may vouch for a clock that cannot be
measured (a terminal that never reaches the portal) with `trust_clock`, never for one a recent
measurement found wrong. Each dossier is then judged by the portal's own time for its final status when
its history gives one, else by the time recorded; a dossier whose final time lies in the future is kept
and reported (`held`).
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from sqlalchemy import Connection

from kiosk.crypto import IntegrityError
from kiosk.errors import KioskError
from kiosk.i18n import DEFAULT_LANG, Lang, t
from kiosk.statuses import portal_final_time
from kiosk.store import files
from kiosk.store.audit import append_entry
from kiosk.store.clock import AHEAD_SLACK, FRESH_FOR, MAX_SKEW, ClockCheck, ClockOps
from kiosk.store.models import OutboxState, parse_utc, utc_text

log = logging.getLogger("kiosk.retention")
RETENTION_ACTOR = "system:retention"
PURGED_ACTION = "dossier.purged"
DEFAULT_RETENTION_DAYS = 30
VIETNAM = timezone(timedelta(hours=7), "ICT")

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

# Final after `now`: stamped under a clock that was ahead then (or by a portal time from the future).
_FUTURE_SQL = f"""
SELECT d.client_ref FROM dossier d
WHERE d.final_status_at IS NOT NULL AND d.final_status_at > ? AND {_HOLDS_PERSONAL_DATA}
ORDER BY d.final_status_at, d.client_ref
"""  # noqa: S608 -- a fixed SQL fragment, no input


@dataclass(frozen=True)
class PurgeResult:
    """What one retention run did: the client_refs purged and how many attachment files went."""

    purged: list[str] = field(default_factory=list)
    files_removed: int = 0
    cutoff: datetime | None = None
    held: list[str] = field(default_factory=list)  # final status time in the future: kept, not purged


class RetentionRefused(KioskError):
    """Retention did not run at all: this clock cannot be trusted now. The message says why and the fix."""

    def message(self, lang: Lang = DEFAULT_LANG) -> str:
        params = dict(self.params)
        if "unit" in params:  # the skew's unit, in the reader's language
            params["unit"] = t(f"retention.unit.{params['unit']}", lang)
        return t(self.key, lang, **params)


def _skew_text(skew: timedelta) -> tuple[str, int]:
    """The size of a skew in days or hours (to the nearest), under an hour in seconds rounded up (so a
    skew just over the limit, which is in seconds, never reads as the limit): (unit, n)."""
    seconds = math.ceil(abs(skew.total_seconds()))
    for unit, size in (("days", 86400), ("hours", 3600)):
        if seconds >= size:
            return unit, (seconds + size // 2) // size
    return "seconds", seconds


def clock_refusal(
    check: ClockCheck | None, now: datetime, *, trust_clock: bool = False
) -> RetentionRefused | None:
    """Why a purge at `now` (this clock) must not run, or None when it may.

    It may when the last measurement against the portal is recent (FRESH_FOR) and found the clocks
    within MAX_SKEW. `trust_clock` (an operator's word) stands in for a measurement that is missing, old
    or taken before the clock was set back, never for a recent one that found the clock wrong.
    """
    if check is not None and check.fresh(now):
        if check.agrees():
            return None
        unit, amount = _skew_text(check.skew)
        direction = "ahead" if check.skew > timedelta(0) else "behind"
        return RetentionRefused(
            f"retention.refused.clock_{direction}",
            amount=amount,
            unit=unit,
            limit=int(MAX_SKEW.total_seconds()),
        )
    if trust_clock:
        return None
    if check is None:
        return RetentionRefused("retention.refused.clock_unknown")
    at = check.measured_at.astimezone(VIETNAM).strftime("%H:%M %d/%m/%Y")
    if check.taken_after(now):
        return RetentionRefused("retention.refused.clock_moved_back", at=at)
    return RetentionRefused(
        "retention.refused.clock_stale", at=at, hours=int(FRESH_FOR.total_seconds() // 3600)
    )


class RetentionOps(ClockOps):
    """Purging the personal data of dossiers whose final status is older than the retention period."""

    def due_for_purge(self, cutoff: datetime) -> list[str]:
        """Dossiers that reached a final status at or before `cutoff` and still hold personal data."""
        with self._engine.connect() as conn:
            rows = conn.exec_driver_sql(_DUE_SQL, (utc_text(cutoff),)).all()
        return [str(row[0]) for row in rows]

    def final_after(self, now: datetime) -> list[str]:
        """Dossiers recorded as final after `now` that still hold personal data."""
        with self._engine.connect() as conn:
            rows = conn.exec_driver_sql(_FUTURE_SQL, (utc_text(now),)).all()
        return [str(row[0]) for row in rows]

    def final_time(self, client_ref: str) -> datetime | None:
        """When the dossier reached its final status: the portal's time from its (sealed) history when it
        names one, else the time recorded on this terminal; None when it has no final status."""
        with self._engine.connect() as conn:
            row = conn.exec_driver_sql(
                "SELECT final_status_at, status_details FROM dossier WHERE client_ref = ?", (client_ref,)
            ).first()
        if row is None or row[0] is None:
            return None
        try:
            details = self._open("dossier", "status_details", client_ref, row[1])
        except IntegrityError:
            # Damaged or altered: doctor reports it; the time recorded here is all there is to go by.
            log.warning("status details of %s unreadable: judged by the recorded final time", client_ref)
            details = None
        stated = portal_final_time(details) if isinstance(details, dict) else None
        return stated if stated is not None else parse_utc(str(row[0]))

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


def purge_expired(
    store: RetentionOps, now: datetime, days: int = DEFAULT_RETENTION_DAYS, *, trust_clock: bool = False
) -> PurgeResult:
    """Purge every dossier whose first final status is at least `days` days before `now`.

    Raises RetentionRefused, with nothing touched, unless the clock is trusted (clock_refusal). Called at
    app start and daily by the UI, and by `kiosk purge`. Safe to run again and from several processes:
    each dossier is checked and purged in its own write transaction.
    """
    if days < 0:
        raise ValueError("retention days must not be negative")
    refusal = clock_refusal(store.last_clock_check(), now, trust_clock=trust_clock)
    if refusal is not None:
        log.warning("retention refused: %s", refusal.key)
        raise refusal
    cutoff = now - timedelta(days=days)
    purged: list[str] = []
    held: list[str] = []
    removed = 0
    # Recorded as final long enough ago, or in the future (a clock that was ahead): both are judged by
    # the portal's own time when the dossier's history gives it.
    for client_ref in [*store.due_for_purge(cutoff), *store.final_after(now + AHEAD_SLACK)]:
        final_at = store.final_time(client_ref)
        if final_at is None:
            continue
        if final_at > now + AHEAD_SLACK:
            held.append(client_ref)
            continue
        if final_at > cutoff:
            continue  # the portal closed it later than this terminal recorded: not yet due
        count = store.purge_dossier(client_ref)
        if count is not None:
            purged.append(client_ref)
            removed += count
    if purged:
        store.checkpoint()
        log.info("retention purged %d dossiers (%d files)", len(purged), removed)
    if held:
        log.warning("retention kept %d dossiers whose final status time is in the future", len(held))
    return PurgeResult(purged, removed, cutoff, held)
