"""Bulk queuing for `kiosk import`: many dossiers, their scans and outbox items in one transaction."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any, TypedDict

from kiosk.references import local_reference
from kiosk.store import files
from kiosk.store.audit import append_entry
from kiosk.store.base import StoreBase
from kiosk.store.models import Assisted, AttachmentRow, DossierRow, DossierState, OutboxKind, now_utc


class PreparedDossier(TypedDict):
    """A dossier already validated against its procedure, ready to be queued."""

    procedure_code: str
    procedure_version: str
    client_ref: str | None
    bundle_ref: str | None
    assisted: Assisted
    applicant: dict[str, Any]
    answers: dict[str, Any]
    delivery: dict[str, Any]
    # doc_type, filename, the data (or what reads it, so a batch holds one scan in memory), media type
    files: Sequence[tuple[str, str, bytes | Callable[[], bytes], str]]


class ImportOps(StoreBase):
    """All-or-nothing queuing of prepared dossiers."""

    def has_dossier(self, client_ref: str) -> bool:
        with self._read() as session:
            return session.get(DossierRow, client_ref) is not None

    def import_dossiers(self, dossiers: Sequence[PreparedDossier], *, actor: str) -> list[str]:
        """Queue every dossier in one transaction, or none: a failure (or a crash) leaves the store unchanged.

        Scans are written (encrypted, atomically) before the transaction; if it does not commit they
        are removed, and a crash leaves only unreferenced files that hold no readable data.
        """
        written: list[str] = []
        rows: list[tuple[DossierRow, list[AttachmentRow]]] = []
        try:
            for dossier in dossiers:
                client_ref = dossier["client_ref"] or str(uuid.uuid4())
                now = now_utc()
                assisted = dossier["assisted"]
                id_number = dossier["applicant"].get("id_number")
                row = DossierRow(
                    client_ref=client_ref,
                    procedure_code=dossier["procedure_code"],
                    procedure_version=dossier["procedure_version"],
                    bundle_ref=dossier["bundle_ref"],
                    state=DossierState.QUEUED.value,
                    local_ref=local_reference(client_ref),
                    assisted_kind=assisted.kind,
                    agent_id=assisted.agent_id,
                    authorization_ref=assisted.authorization_ref,
                    consent_at=assisted.consent_at,
                    created_at=now,
                    updated_at=now,
                    finalized_at=now,
                    id_blind_index=self.blind_index(id_number) if isinstance(id_number, str) else None,
                    applicant=self._seal("dossier", "applicant", client_ref, dossier["applicant"]),
                    answers=self._seal("dossier", "answers", client_ref, dossier["answers"]),
                    delivery=self._seal("dossier", "delivery", client_ref, dossier["delivery"]),
                )
                attachments = []
                for doc_type, filename, source, media_type in dossier["files"]:
                    data = source() if callable(source) else source
                    attachment = self._seal_attachment(client_ref, doc_type, data, filename, media_type, now)
                    written.append(attachment.file_name)
                    attachments.append(attachment)
                rows.append((row, attachments))
            with self._write() as session:
                for row, attachments in rows:
                    session.add(row)
                    session.flush()
                    session.add_all(attachments)
                    self._new_outbox_row(session, OutboxKind.DOSSIER, row.client_ref)
                    session.flush()
                    append_entry(
                        session.connection(),
                        actor,
                        "dossier.imported",
                        row.client_ref,
                        on_behalf_of=row.authorization_ref,
                    )
        except BaseException:
            files.remove(self.attachments_dir, written)
            raise
        return [row.client_ref for row, _ in rows]
