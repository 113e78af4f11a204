"""Append-only, hash-chained log of who did what to which dossier: references only, never people's data."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine

from kiosk.errors import KioskError
from kiosk.store.models import now_utc, utc_text

GENESIS = "0" * 64


log = logging.getLogger("kiosk.store")


class AuditChainError(KioskError):
    """The chain is broken at `seq`: a row was changed, removed or inserted out of band."""

    def __init__(self, seq: int) -> None:
        super().__init__("audit.broken", seq=seq)
        self.seq = seq


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    actor: str
    on_behalf_of: str | None
    action: str
    ref: str | None
    prev_hash: str
    hash: str


def entry_hash(
    *,
    seq: int,
    at: str,
    actor: str,
    on_behalf_of: str | None,
    action: str,
    ref: str | None,
    prev_hash: str,
) -> str:
    """SHA-256 over the canonical JSON of the entry, which includes the previous entry's hash."""
    canonical = json.dumps(
        {
            "seq": seq,
            "at": at,
            "actor": actor,
            "on_behalf_of": on_behalf_of,
            "action": action,
            "ref": ref,
            "prev_hash": prev_hash,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def append_entry(
    conn: Connection,
    actor: str,
    action: str,
    ref: str | None,
    *,
    on_behalf_of: str | None = None,
    at: datetime | None = None,
) -> AuditEntry:
    """Append inside the caller's write transaction; BEGIN IMMEDIATE serialises the chain across processes."""
    last = conn.exec_driver_sql("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").first()
    seq, prev = (1, GENESIS) if last is None else (int(last[0]) + 1, str(last[1]))
    at_text = utc_text(at or now_utc())
    digest = entry_hash(
        seq=seq, at=at_text, actor=actor, on_behalf_of=on_behalf_of, action=action, ref=ref, prev_hash=prev
    )
    conn.exec_driver_sql(
        "INSERT INTO audit (seq, at, actor, on_behalf_of, action, ref, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, at_text, actor, on_behalf_of, action, ref, prev, digest),
    )
    entry = AuditEntry(seq, at_text, actor, on_behalf_of, action, ref, prev, digest)
    # Logged by the transaction's owner once it commits (log_committed), never for a rollback.
    conn.info.setdefault(_PENDING, []).append(entry)
    return entry


_PENDING = "dvc_kiosk_pending_audit_log"


def take_pending(conn: Connection) -> list[AuditEntry]:
    """The entries appended in `conn`'s current transaction, handed over once (call just before commit)."""
    pending: list[AuditEntry] = conn.info.pop(_PENDING, [])
    return pending


def log_committed(entries: list[AuditEntry]) -> None:
    """Write committed state changes to the kiosk log: references only, as the audit entries hold."""
    for entry in entries:
        log.info("%s ref=%s actor=%s seq=%d", entry.action, entry.ref, entry.actor, entry.seq)


class AuditLog:
    """The audit table of one store. Entries carry client_refs, procedure codes and agent ids only."""

    def __init__(
        self, write_engine: Engine, committed: Callable[[list[AuditEntry]], None] = log_committed
    ) -> None:
        self._engine = write_engine
        self._committed = committed

    def append(self, actor: str, action: str, ref: str | None, on_behalf_of: str | None = None) -> AuditEntry:
        with self._engine.begin() as conn:
            entry = append_entry(conn, actor, action, ref, on_behalf_of=on_behalf_of)
            pending = take_pending(conn)
        self._committed(pending)
        return entry

    def entries(self, ref: str | None = None) -> list[AuditEntry]:
        sql = "SELECT seq, at, actor, on_behalf_of, action, ref, prev_hash, hash FROM audit"
        with self._engine.connect() as conn:
            if ref is None:
                rows = conn.exec_driver_sql(sql + " ORDER BY seq").all()
            else:
                rows = conn.exec_driver_sql(sql + " WHERE ref = ? ORDER BY seq", (ref,)).all()
        return [AuditEntry(*row) for row in rows]

    def verify(self) -> None:
        """Walk the chain; raise AuditChainError naming the first entry that does not fit."""
        prev, expected_seq = GENESIS, 1
        for entry in self.entries():
            recomputed = entry_hash(
                seq=entry.seq,
                at=entry.at,
                actor=entry.actor,
                on_behalf_of=entry.on_behalf_of,
                action=entry.action,
                ref=entry.ref,
                prev_hash=entry.prev_hash,
            )
            if entry.seq != expected_seq or entry.prev_hash != prev or entry.hash != recomputed:
                raise AuditChainError(min(entry.seq, expected_seq))
            prev, expected_seq = entry.hash, entry.seq + 1
