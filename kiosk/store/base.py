"""Shared plumbing of the store: transactions, sealing helpers, row → record conversion."""

from __future__ import annotations

import contextlib
import hashlib
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Row
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

from kiosk.crypto import Sealer
from kiosk.diskspace import DiskFullError, Reserve, SpaceLimits, disk_full_as_error, free_bytes
from kiosk.errors import KioskError
from kiosk.store import files, guard
from kiosk.store.audit import AuditEntry, AuditLog, log_committed, take_pending
from kiosk.store.models import (
    AttachmentRow,
    DossierRow,
    DossierState,
    DossierSummary,
    OutboxItem,
    OutboxKind,
    OutboxRow,
    OutboxState,
    now_utc,
    parse_utc,
    parse_utc_or_none,
)

# The outbox columns `_item_of` reads (plain-SQL paths such as lease_next's UPDATE … RETURNING).
OUTBOX_COLUMNS = (
    "id, kind, client_ref, idempotency_key, created_at, attempts, next_attempt_at, lease_owner,"
    " lease_until, body, state, last_error_code"
)


class StoreBase:
    """State and helpers shared by the dossier and outbox halves of `Store`."""

    def __init__(self, data_dir: Path, sealer: Sealer, engine: Engine) -> None:
        self.data_dir = data_dir
        self.attachments_dir = data_dir / "attachments"
        self._sealer = sealer
        self._engine = engine
        self._w = engine.execution_options(immediate=True)
        self.audit = AuditLog(self._w, self._committed)
        limits = SpaceLimits.for_dir(data_dir)
        self.reserve = Reserve(data_dir, limits.reserve, limits.headroom)
        self.min_free_to_send = limits.min_free_to_send

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """One write transaction (BEGIN IMMEDIATE); commits on success, rolls back on any exception."""
        with Session(self._w, expire_on_commit=False) as session:
            yield session
            pending = take_pending(session.connection())
            session.commit()
        self._committed(pending)

    @contextmanager
    def _write_sql(self) -> Iterator[Connection]:
        """One write transaction (BEGIN IMMEDIATE) on a bare connection, for the outbox's hot path.

        Same guarantees as `_write` without the ORM's unit of work: commits on success, rolls back on any
        exception; audit entries appended in it are logged only once it has committed.
        """
        with self._w.begin() as conn:
            try:
                yield conn
            finally:
                # Taken on failure too: the connection goes back to the pool with nothing left over.
                pending = take_pending(conn)
        self._committed(pending)

    def _committed(self, pending: list[AuditEntry]) -> None:
        """After a commit: log its audit entries, and move the store marker to the chain's new head."""
        log_committed(pending)
        if pending:
            last = pending[-1]
            guard.note_head(self.data_dir, last.seq, last.hash)

    # --- disk space ------------------------------------------------------------------------------------

    def space_low(self) -> bool:
        """Too little free space to record a portal's answer safely: sync sends nothing new.

        Without its reserve (given back when the disk filled, or never made) the store also wants a
        reserve's worth free: a disk that just filled stops sending until an operator frees space."""
        try:
            wanted = self.min_free_to_send + (0 if self.reserve.present() else self.reserve.size)
            return free_bytes(self.data_dir) < wanted
        except OSError:
            return False

    def space_tight(self) -> bool:
        """Free space below the reserve's headroom: sync checkpoints after each item, so the WAL is
        written again from its start instead of growing into the space an operator just freed."""
        try:
            return free_bytes(self.data_dir) < self.reserve.headroom
        except OSError:
            return False

    def checkpoint(self) -> None:
        """Copy the WAL into the database (PASSIVE: never waits for readers); the next write restarts it."""
        with self._engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")

    def make_room(self) -> None:
        """The disk is full: give back the reserve and let the WAL start over, for a write that must land."""
        self.reserve.release()
        with contextlib.suppress(DiskFullError, OSError, SQLAlchemyError):
            self.checkpoint()  # room comes from the reserve; the checkpoint only helps

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with Session(self._engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def _read_sql(self) -> Iterator[Connection]:
        """One read transaction (a consistent snapshot across its SELECTs) on a bare connection."""
        with self._engine.connect() as conn:
            yield conn

    # --- sealing -------------------------------------------------------------------------------------------

    def _seal(self, table: str, column: str, row: str, value: Any) -> bytes:
        return self._sealer.seal_json(value, table=table, column=column, row=row)

    def _open(self, table: str, column: str, row: str, sealed: bytes | None) -> Any:
        if sealed is None:
            return None
        return self._sealer.open_json(sealed, table=table, column=column, row=row)

    def _seal_attachment(
        self,
        client_ref: str,
        doc_type: str,
        data: bytes,
        filename: str,
        media_type: str,
        at: datetime | None = None,
    ) -> AttachmentRow:
        """Encrypt `data` into attachments/<random>.bin (atomically) and build its sealed row, not yet added.

        The caller adds the row in its own transaction and removes `row.file_name` if that fails.
        """
        attachment_id = str(uuid.uuid4())
        file_name = f"{uuid.uuid4()}.bin"
        sealed = self._sealer.seal_file(data, attachment_id=attachment_id)
        with disk_full_as_error(self.data_dir):  # a failed write leaves no file (write_atomic)
            files.write_atomic(self.attachments_dir, file_name, sealed)
        return AttachmentRow(
            id=attachment_id,
            client_ref=client_ref,
            doc_type=doc_type,
            size=len(data),
            media_type=media_type,
            filename=self._seal("attachment", "filename", attachment_id, filename),
            sha256=self._seal("attachment", "sha256", attachment_id, hashlib.sha256(data).hexdigest()),
            file_name=file_name,
            created_at=at or now_utc(),
        )

    def blind_index(self, id_number: str) -> str:
        """Keyed HMAC of a CCCD number (spaces ignored): equal numbers match, the number is never stored."""
        return self._sealer.blind_index("".join(id_number.split()))

    # --- rows ----------------------------------------------------------------------------------------------

    @staticmethod
    def _dossier_row(session: Session, client_ref: str) -> DossierRow:
        row = session.get(DossierRow, client_ref)
        if row is None:
            raise KioskError("store.not_found", ref=client_ref)
        return row

    @staticmethod
    def _require_state(row: DossierRow, *allowed: DossierState) -> None:
        if row.state not in allowed:
            raise KioskError("store.wrong_state", ref=row.client_ref, state=row.state)

    @staticmethod
    def _summary(row: DossierRow | Row[Any]) -> DossierSummary:
        """From an ORM row, or from a plain-SQL row holding these columns (times still stored text)."""
        if isinstance(row, DossierRow):
            created, updated = row.created_at, row.updated_at
            finalized, submitted, final = row.finalized_at, row.submitted_at, row.final_status_at
        else:
            created, updated = parse_utc(row.created_at), parse_utc(row.updated_at)
            finalized, submitted = parse_utc_or_none(row.finalized_at), parse_utc_or_none(row.submitted_at)
            final = parse_utc_or_none(row.final_status_at)
        return DossierSummary(
            client_ref=row.client_ref,
            procedure_code=row.procedure_code,
            procedure_version=row.procedure_version,
            bundle_ref=row.bundle_ref,
            state=DossierState(row.state),
            portal_status=row.portal_status,
            dossier_code=row.dossier_code,
            local_ref=row.local_ref,
            assisted_kind=row.assisted_kind,
            agent_id=row.agent_id,
            created_at=created,
            updated_at=updated,
            finalized_at=finalized,
            submitted_at=submitted,
            final_status_at=final,
        )

    def _item(self, row: OutboxRow) -> OutboxItem:
        return OutboxItem(
            id=row.id,
            kind=OutboxKind(row.kind),
            client_ref=row.client_ref,
            idempotency_key=row.idempotency_key,
            created_at=row.created_at,
            attempts=row.attempts,
            next_attempt_at=row.next_attempt_at,
            lease_owner=row.lease_owner,
            lease_until=row.lease_until,
            state=OutboxState(row.state),
            last_error_code=row.last_error_code,
            body=self._open("outbox", "body", row.id, row.body),
        )

    def _item_of(self, row: Row[Any], *, with_body: bool = True) -> OutboxItem:
        """An item from a plain-SQL row of OUTBOX_COLUMNS (times still in their stored text form)."""
        return OutboxItem(
            id=row.id,
            kind=OutboxKind(row.kind),
            client_ref=row.client_ref,
            idempotency_key=row.idempotency_key,
            created_at=parse_utc(row.created_at),
            attempts=int(row.attempts),
            next_attempt_at=parse_utc_or_none(row.next_attempt_at),
            lease_owner=row.lease_owner,
            lease_until=parse_utc_or_none(row.lease_until),
            state=OutboxState(row.state),
            last_error_code=row.last_error_code,
            body=self._open("outbox", "body", row.id, row.body) if with_body else None,
        )

    def _new_outbox_row(
        self, session: Session, kind: OutboxKind, client_ref: str, body: dict[str, Any] | None = None
    ) -> OutboxRow:
        """A new item with a fresh Idempotency-Key: a key is never reused for a different body."""
        item_id = str(uuid.uuid4())
        row = OutboxRow(
            id=item_id,
            kind=kind.value,
            client_ref=client_ref,
            idempotency_key=str(uuid.uuid4()),
            created_at=now_utc(),
            attempts=0,
            state=OutboxState.PENDING.value,
            body=None if body is None else self._seal("outbox", "body", item_id, body),
        )
        session.add(row)
        return row

    def _outbox_row(self, session: Session, item_id: str) -> OutboxRow:
        row = session.get(OutboxRow, item_id)
        if row is None:
            raise KioskError("store.outbox_not_found", ref=item_id)
        return row

    def _retire_pending(self, session: Session, client_ref: str, kind: OutboxKind) -> None:
        rows = session.exec(
            select(OutboxRow).where(
                col(OutboxRow.client_ref) == client_ref,
                col(OutboxRow.kind) == kind.value,
                col(OutboxRow.state).in_([OutboxState.PENDING.value, OutboxState.FAILED.value]),
            )
        ).all()
        for row in rows:
            row.state = OutboxState.SUPERSEDED.value
            row.lease_owner = None
            row.lease_until = None
            session.add(row)
