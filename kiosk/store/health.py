"""Store health for `kiosk doctor`: SQLite integrity, the audit chain, and every sealed value readable."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import select

from kiosk.errors import KioskError
from kiosk.store.base import StoreBase
from kiosk.store.models import AttachmentRow, DossierRow, OutboxRow

_SEALED_DOSSIER_COLUMNS = ("applicant", "answers", "problems", "status_details", "delivery")


@dataclass
class StoreHealth:
    """What the doctor prints. `unreadable` names references only, never content."""

    schema_version: int = 0
    dossiers: int = 0
    audit_entries: int = 0
    sealed_values: int = 0
    attachment_files: int = 0
    problems: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)


class HealthOps(StoreBase):
    """A read-only walk over everything the store keeps."""

    def check_health(self) -> StoreHealth:
        health = StoreHealth()
        with self._engine.connect() as conn:
            health.schema_version = int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())
            verdict = conn.exec_driver_sql("PRAGMA integrity_check").scalar_one()
            if verdict != "ok":
                health.problems.append(f"integrity_check: {verdict}")
        try:
            self.audit.verify()
        except KioskError as error:
            health.problems.append(error.message("en"))
        health.audit_entries = len(self.audit.entries())
        with self._read() as session:
            dossiers = session.exec(select(DossierRow)).all()
            attachments = session.exec(select(AttachmentRow)).all()
            outbox = session.exec(select(OutboxRow)).all()
        health.dossiers = len(dossiers)
        for row in dossiers:
            for column in _SEALED_DOSSIER_COLUMNS:
                self._try_open(health, "dossier", column, row.client_ref, getattr(row, column))
        for item in outbox:
            self._try_open(health, "outbox", "body", item.id, item.body)
        for attachment in attachments:
            self._try_open(health, "attachment", "filename", attachment.id, attachment.filename)
            self._try_open(health, "attachment", "sha256", attachment.id, attachment.sha256)
            try:
                self.read_attachment(attachment.id)  # type: ignore[attr-defined]
                health.attachment_files += 1
            except KioskError:
                health.unreadable.append(f"attachment:{attachment.id}")
        return health

    def _try_open(self, health: StoreHealth, table: str, column: str, row: str, sealed: bytes | None) -> None:
        if sealed is None:
            return
        try:
            self._open(table, column, row, sealed)
            health.sealed_values += 1
        except KioskError:
            health.unreadable.append(f"{table}.{column}:{row}")
