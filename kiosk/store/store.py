"""The Store: dossiers, sealed answers and attachments, finalize/reopen; outbox operations from OutboxOps."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Row
from sqlmodel import col, func, select

from kiosk.atomic import secure_tree
from kiosk.crypto import IntegrityError, Sealer
from kiosk.diskspace import DiskFullError, Reserve, disk_full_as_error
from kiosk.errors import KioskError
from kiosk.references import local_reference
from kiosk.store import files, guard
from kiosk.store.agents import AgentOps
from kiosk.store.audit import append_entry
from kiosk.store.health import HealthOps
from kiosk.store.importing import ImportOps
from kiosk.store.models import (
    Assisted,
    AttachmentInfo,
    AttachmentRow,
    Dossier,
    DossierRow,
    DossierState,
    DossierSummary,
    OutboxItem,
    OutboxKind,
    OutboxRow,
    StatusHistoryRow,
    now_utc,
    parse_utc_or_none,
    utc_text,
)
from kiosk.store.outbox import OutboxOps
from kiosk.store.resume import ResumeOps
from kiosk.store.retention import RetentionOps
from kiosk.store.schema import make_engine, migrate, user_version
from kiosk.store.settings import SettingsOps
from kiosk.store.supplements import SupplementOps

DB_NAME = "kiosk.db"

_DOSSIER_SQL = (
    "SELECT client_ref, procedure_code, procedure_version, bundle_ref, state, portal_status, dossier_code,"
    " local_ref, assisted_kind, agent_id, authorization_ref, consent_at, created_at, updated_at,"
    " finalized_at, submitted_at, final_status_at, applicant, answers, problems, status_details, delivery"
    " FROM dossier WHERE client_ref = ?"
)
_ATTACHMENTS_SQL = (
    "SELECT id, client_ref, doc_type, size, media_type, filename, sha256, upload_id FROM attachment"
    " WHERE client_ref = ? ORDER BY created_at, id"
)


def _actor(assisted: Assisted) -> str:
    return assisted.agent_id or f"kiosk:{assisted.kind}"


class Store(OutboxOps, ImportOps, HealthOps, SettingsOps, ResumeOps, RetentionOps, SupplementOps, AgentOps):
    """The encrypted local store of one data dir. Use from one thread at a time; processes may share it."""

    @classmethod
    def open(cls, data_dir: Path, sealer: Sealer, *, use_reserve: bool = False) -> Store:
        """Open (creating or migrating) the store of `data_dir`; DiskFullError when the disk is full.

        `use_reserve` (sync): when the disk is too full for SQLite to open, give the space reserve back
        and open with it, so that what the portal accepts can be recorded; new work never uses it."""
        with disk_full_as_error(data_dir):
            data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            (data_dir / "attachments").mkdir(exist_ok=True, mode=0o700)
        # Owner only, also for a data dir and files made before (or under a loose umask).
        secure_tree(data_dir)
        try:
            store = cls._connect(data_dir, sealer)
        except DiskFullError:
            # SQLite cannot even open (its shared-memory file needs room).
            if not use_reserve or not Reserve(data_dir).release():
                raise
            store = cls._connect(data_dir, sealer)
        store.reserve.ensure()
        return store

    @classmethod
    def _connect(cls, data_dir: Path, sealer: Sealer) -> Store:
        path = data_dir / DB_NAME
        had_marker = guard.before_open(path)  # a used data dir never gets a new, empty database silently
        engine = make_engine(path)
        try:
            with engine.connect() as conn:
                guard.quick_check(conn, path)
                schema_was = user_version(conn)
            guard.before_migrate(path, had_marker=had_marker, schema_was=schema_was)
            migrate(engine.execution_options(immediate=True))
            guard.after_migrate(engine, path)
        except BaseException as exc:
            engine.dispose()
            problem = guard.as_problem(exc, path)
            if problem is not None and problem is not exc:
                raise problem from exc
            raise
        store = cls(data_dir, sealer, engine)
        files.sweep_temp(store.attachments_dir)
        return store

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    # --- drafts ----------------------------------------------------------------------------------------

    def create_draft(
        self,
        procedure_code: str,
        procedure_version: str,
        assisted: Assisted,
        *,
        bundle_ref: str | None = None,
        client_ref: str | None = None,
    ) -> str:
        client_ref = str(uuid.UUID(client_ref)) if client_ref else str(uuid.uuid4())
        now = now_utc()
        with self._write() as session:
            session.add(
                DossierRow(
                    client_ref=client_ref,
                    procedure_code=procedure_code,
                    procedure_version=procedure_version,
                    bundle_ref=bundle_ref,
                    state=DossierState.DRAFT.value,
                    local_ref=local_reference(client_ref),
                    assisted_kind=assisted.kind,
                    agent_id=assisted.agent_id,
                    authorization_ref=assisted.authorization_ref,
                    consent_at=assisted.consent_at,
                    created_at=now,
                    updated_at=now,
                )
            )
            session.flush()
            append_entry(
                session.connection(),
                _actor(assisted),
                "draft.created",
                client_ref,
                on_behalf_of=assisted.authorization_ref,
            )
        return client_ref

    def save_answers(
        self,
        client_ref: str,
        applicant: dict[str, Any],
        answers: dict[str, Any],
        delivery: dict[str, Any] | None = None,
        *,
        procedure_version: str | None = None,
    ) -> None:
        """The autosave path: seal, one UPDATE, one commit. Only drafts can change.

        `delivery` (result delivery method and address, channel) is kept as it was when None;
        `procedure_version` is given when a draft's answers were migrated to the procedure's current version.
        """
        sealed_applicant = self._seal("dossier", "applicant", client_ref, applicant)
        sealed_answers = self._seal("dossier", "answers", client_ref, answers)
        id_number = applicant.get("id_number")
        index = self.blind_index(id_number) if isinstance(id_number, str) and id_number.strip() else None
        sets, params = (
            "applicant = ?, answers = ?, id_blind_index = ?, updated_at = ?",
            [
                sealed_applicant,
                sealed_answers,
                index,
                utc_text(now_utc()),
            ],
        )
        if delivery is not None:
            sets += ", delivery = ?"
            params.append(self._seal("dossier", "delivery", client_ref, delivery))
        if procedure_version is not None:
            sets += ", procedure_version = ?"
            params.append(procedure_version)
        with self._w.begin() as conn:
            result = conn.exec_driver_sql(
                f"UPDATE dossier SET {sets} WHERE client_ref = ? AND state = 'draft'",  # noqa: S608 -- fixed column names
                (*params, client_ref),
            )
            if result.rowcount == 1:
                return
            state = conn.exec_driver_sql(
                "SELECT state FROM dossier WHERE client_ref = ?", (client_ref,)
            ).first()
        if state is None:
            raise KioskError("store.not_found", ref=client_ref)
        raise KioskError("store.wrong_state", ref=client_ref, state=state[0])

    def get_dossier(self, client_ref: str) -> Dossier:
        # Plain SQL in one read transaction (every send reads its dossier: the ORM load cost more).
        with self._read_sql() as conn:
            row = conn.exec_driver_sql(_DOSSIER_SQL, (client_ref,)).first()
            if row is None:
                raise KioskError("store.not_found", ref=client_ref)
            attachments = conn.exec_driver_sql(_ATTACHMENTS_SQL, (client_ref,)).all()
        details = self._open("dossier", "status_details", client_ref, row.status_details) or {}
        return Dossier(
            summary=self._summary(row),
            assisted=Assisted(
                row.assisted_kind, row.agent_id, row.authorization_ref, parse_utc_or_none(row.consent_at)
            ),
            applicant=self._open("dossier", "applicant", client_ref, row.applicant) or {},
            answers=self._open("dossier", "answers", client_ref, row.answers) or {},
            attachments=[self._attachment_info(a) for a in attachments],
            problem=self._open("dossier", "problems", client_ref, row.problems),
            history=details.get("history") or [],
            supplement_request=details.get("supplement_request"),
            result=details.get("result"),
            receipt=details.get("receipt"),
            delivery=self._open("dossier", "delivery", client_ref, row.delivery) or {"method": "pickup"},
        )

    def list_dossiers(self, states: list[DossierState] | None = None) -> list[DossierSummary]:
        """Newest first; no personal data is decrypted."""
        statement = select(DossierRow).order_by(col(DossierRow.created_at).desc())
        if states is not None:
            statement = statement.where(col(DossierRow.state).in_([s.value for s in states]))
        with self._read() as session:
            return [self._summary(row) for row in session.exec(statement).all()]

    def delete_draft(self, client_ref: str, actor: str = "kiosk") -> None:
        """Forget a draft: its row, its sealed data and its attachment files."""
        with self._write() as session:
            row = self._dossier_row(session, client_ref)
            self._require_state(row, DossierState.DRAFT)
            names = [
                a.file_name
                for a in session.exec(
                    select(AttachmentRow).where(col(AttachmentRow.client_ref) == client_ref)
                )
            ]
            for table in (AttachmentRow, OutboxRow, StatusHistoryRow):
                for child in session.exec(select(table).where(col(table.client_ref) == client_ref)).all():
                    session.delete(child)
            session.flush()
            session.delete(row)
            session.flush()
            append_entry(session.connection(), actor, "draft.deleted", client_ref)
        files.remove(self.attachments_dir, names)

    def finalize(self, client_ref: str, actor: str) -> OutboxItem:
        """One transaction: the draft becomes queued with a new outbox item (new Idempotency-Key) + audit."""
        now = now_utc()
        with self._write() as session:
            row = self._dossier_row(session, client_ref)
            self._require_state(row, DossierState.DRAFT)
            row.state, row.finalized_at, row.updated_at = DossierState.QUEUED.value, now, now
            row.problems = None
            session.add(row)
            self._retire_pending(session, client_ref, OutboxKind.DOSSIER)
            item = self._new_outbox_row(session, OutboxKind.DOSSIER, client_ref)
            session.flush()
            append_entry(
                session.connection(),
                actor,
                "dossier.queued",
                client_ref,
                on_behalf_of=row.authorization_ref,
                at=now,
            )
            return self._item(item)

    def reopen_for_edit(self, client_ref: str, actor: str) -> None:
        """needs_attention → draft; the old outbox item is retired, so finalize issues a new key."""
        with self._write() as session:
            row = self._dossier_row(session, client_ref)
            self._require_state(row, DossierState.NEEDS_ATTENTION)
            row.state, row.updated_at = DossierState.DRAFT.value, now_utc()
            session.add(row)
            self._retire_pending(session, client_ref, OutboxKind.DOSSIER)
            session.flush()
            append_entry(
                session.connection(),
                actor,
                "dossier.reopened",
                client_ref,
                on_behalf_of=row.authorization_ref,
            )

    # --- attachments -----------------------------------------------------------------------------------

    def add_attachment(
        self, client_ref: str, doc_type: str, data: bytes, filename: str, media_type: str
    ) -> AttachmentInfo:
        """Encrypt `data` to attachments/<random>.bin (atomically), then record it sealed."""
        row = self._seal_attachment(client_ref, doc_type, data, filename, media_type)
        try:
            with self._write() as session:
                dossier = self._dossier_row(session, client_ref)
                self._require_state(dossier, DossierState.DRAFT, DossierState.SUBMITTED)
                session.add(row)
        except BaseException:
            files.remove(self.attachments_dir, [row.file_name])
            raise
        return self._attachment_info(row)

    def read_attachment(self, attachment_id: str) -> bytes:
        """The decrypted bytes; IntegrityError if the file was changed, swapped or damaged."""
        with self._read_sql() as conn:
            row = conn.exec_driver_sql(
                "SELECT file_name, sha256 FROM attachment WHERE id = ?", (attachment_id,)
            ).first()
        if row is None:
            raise KioskError("store.attachment_not_found", ref=attachment_id)
        try:
            sealed = (self.attachments_dir / row.file_name).read_bytes()
        except FileNotFoundError:
            raise KioskError("store.attachment_not_found", ref=attachment_id) from None
        data = self._sealer.open_file(sealed, attachment_id=attachment_id)
        if hashlib.sha256(data).hexdigest() != self._open("attachment", "sha256", attachment_id, row.sha256):
            raise IntegrityError("attachment file", attachment_id)
        return data

    def attachment_doc_type(self, attachment_id: str) -> str | None:
        """Which document an attachment is (its doc_type, never sealed), e.g. to name a damaged one."""
        with self._read_sql() as conn:
            row = conn.exec_driver_sql(
                "SELECT doc_type FROM attachment WHERE id = ?", (attachment_id,)
            ).first()
        return None if row is None else str(row[0])

    def delete_attachment(self, attachment_id: str) -> None:
        """Remove one attachment of a draft (a wrong scan), file included."""
        with self._write() as session:
            row = session.get(AttachmentRow, attachment_id)
            if row is None:
                raise KioskError("store.attachment_not_found", ref=attachment_id)
            self._require_state(self._dossier_row(session, row.client_ref), DossierState.DRAFT)
            name = row.file_name
            session.delete(row)
        files.remove(self.attachments_dir, [name])

    def set_upload(self, attachment_id: str, upload_id: str) -> None:
        with self._write() as session:
            row = session.get(AttachmentRow, attachment_id)
            if row is None:
                raise KioskError("store.attachment_not_found", ref=attachment_id)
            row.upload_id = upload_id
            session.add(row)

    def _attachment_info(self, row: AttachmentRow | Row[Any]) -> AttachmentInfo:
        return AttachmentInfo(
            id=row.id,
            client_ref=row.client_ref,
            doc_type=row.doc_type,
            size=row.size,
            media_type=row.media_type,
            filename=self._open("attachment", "filename", row.id, row.filename),
            sha256=self._open("attachment", "sha256", row.id, row.sha256),
            upload_id=row.upload_id,
        )

    # --- lookups and statistics ------------------------------------------------------------------------

    def find_by_id_number(self, id_number: str) -> list[DossierSummary]:
        statement = (
            select(DossierRow)
            .where(col(DossierRow.id_blind_index) == self.blind_index(id_number))
            .order_by(col(DossierRow.created_at).desc())
        )
        with self._read() as session:
            return [self._summary(row) for row in session.exec(statement).all()]

    def counts_by_state(self) -> dict[DossierState, int]:
        statement = select(DossierRow.state, func.count()).group_by(col(DossierRow.state))
        with self._read() as session:
            found = {DossierState(state): int(n) for state, n in session.exec(statement).all()}
        return {state: found.get(state, 0) for state in DossierState}
