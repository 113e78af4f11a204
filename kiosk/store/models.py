"""Store tables (SQLModel) and the plain records the store hands out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Dialect, LargeBinary, String, TypeDecorator
from sqlmodel import Field, SQLModel


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes stored as fixed-width UTC text, so SQL string comparison orders them correctly."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store")
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        return None if value is None else parse_utc(value)


def utc_text(value: datetime) -> str:
    """The stored text form of `value` (for raw SQL comparisons)."""
    text = UTCDateTime().process_bind_param(value, None)  # type: ignore[arg-type]
    assert text is not None
    return text


def parse_utc(text: str) -> datetime:
    """The aware datetime of a stored `utc_text` value (for rows read with plain SQL)."""
    # Only the exact stored form: fromisoformat alone would also take other offsets and shapes.
    if len(text) != 27 or text[10] != "T" or text[19] != "." or text[26] != "Z":
        raise ValueError(f"not a stored UTC time: {text!r}")
    return datetime.fromisoformat(text[:26]).replace(tzinfo=UTC)


def parse_utc_or_none(text: str | None) -> datetime | None:
    return None if text is None else parse_utc(text)


def now_utc() -> datetime:
    return datetime.now(UTC)


class DossierState(StrEnum):
    DRAFT = "draft"
    QUEUED = "queued"
    SUBMITTED = "submitted"
    NEEDS_ATTENTION = "needs_attention"


class OutboxState(StrEnum):
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"
    SUPERSEDED = "superseded"


class OutboxKind(StrEnum):
    DOSSIER = "dossier"
    SUPPLEMENT = "supplement"
    RATING = "rating"


def _dt() -> Any:
    return Field(default=None, sa_type=UTCDateTime)


def _blob() -> Any:
    return Field(default=None, sa_type=LargeBinary)


class DossierRow(SQLModel, table=True):
    __tablename__ = "dossier"
    client_ref: str = Field(primary_key=True)
    procedure_code: str = Field(index=True)
    procedure_version: str
    bundle_ref: str | None = None
    state: str = Field(index=True)
    portal_status: int | None = None
    dossier_code: str | None = Field(default=None, index=True)
    local_ref: str
    assisted_kind: str
    agent_id: str | None = None
    authorization_ref: str | None = None
    consent_at: datetime | None = _dt()
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    finalized_at: datetime | None = _dt()
    submitted_at: datetime | None = _dt()
    final_status_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)  # schema v2
    id_blind_index: str | None = Field(default=None, index=True)
    applicant: bytes | None = _blob()
    answers: bytes | None = _blob()
    problems: bytes | None = _blob()
    status_details: bytes | None = _blob()
    delivery: bytes | None = _blob()  # schema v3


class AttachmentRow(SQLModel, table=True):
    __tablename__ = "attachment"
    id: str = Field(primary_key=True)
    client_ref: str = Field(foreign_key="dossier.client_ref", index=True)
    doc_type: str
    size: int
    media_type: str
    filename: bytes = Field(sa_type=LargeBinary)
    sha256: bytes = Field(sa_type=LargeBinary)
    file_name: str
    upload_id: str | None = None
    created_at: datetime = Field(sa_type=UTCDateTime)


class OutboxRow(SQLModel, table=True):
    __tablename__ = "outbox"
    id: str = Field(primary_key=True)
    kind: str
    client_ref: str = Field(foreign_key="dossier.client_ref", index=True)
    idempotency_key: str = Field(unique=True)
    created_at: datetime = Field(sa_type=UTCDateTime)
    attempts: int = 0
    next_attempt_at: datetime | None = _dt()
    lease_owner: str | None = None
    lease_until: datetime | None = _dt()
    body: bytes | None = _blob()
    state: str
    last_error_code: str | None = None


class StatusHistoryRow(SQLModel, table=True):
    __tablename__ = "status_history"
    id: int | None = Field(default=None, primary_key=True)
    client_ref: str = Field(foreign_key="dossier.client_ref", index=True)
    status: int
    recorded_at: datetime = Field(sa_type=UTCDateTime)


@dataclass(frozen=True)
class Assisted:
    kind: str  # "post_office" | "community_team" | "self_service"
    agent_id: str | None = None
    authorization_ref: str | None = None
    consent_at: datetime | None = None


@dataclass(frozen=True)
class AttachmentInfo:
    id: str
    client_ref: str
    doc_type: str
    size: int
    media_type: str
    filename: str
    sha256: str
    upload_id: str | None


@dataclass(frozen=True)
class DossierSummary:
    """What lists and statistics may show: references, codes, states and dates; no personal data."""

    client_ref: str
    procedure_code: str
    procedure_version: str
    bundle_ref: str | None
    state: DossierState
    portal_status: int | None
    dossier_code: str | None
    local_ref: str
    assisted_kind: str
    agent_id: str | None
    created_at: datetime
    updated_at: datetime
    finalized_at: datetime | None
    submitted_at: datetime | None
    final_status_at: datetime | None

    def as_public_dict(self) -> dict[str, Any]:
        """JSON-ready, for `kiosk status --json` and reports: references, codes, states and times only."""
        return {
            "client_ref": self.client_ref,
            "local_ref": self.local_ref,
            "procedure_code": self.procedure_code,
            "procedure_version": self.procedure_version,
            "bundle_ref": self.bundle_ref,
            "state": self.state.value,
            "portal_status": self.portal_status,
            "dossier_code": self.dossier_code,
            "assisted_kind": self.assisted_kind,
            "agent_id": self.agent_id,
            **{
                name: (value.isoformat() if value else None)
                for name, value in (
                    ("created_at", self.created_at),
                    ("updated_at", self.updated_at),
                    ("finalized_at", self.finalized_at),
                    ("submitted_at", self.submitted_at),
                    ("final_status_at", self.final_status_at),
                )
            },
        }


@dataclass(frozen=True)
class Dossier:
    """A dossier with its personal data decrypted; keep it in memory only as long as a screen needs it."""

    summary: DossierSummary
    assisted: Assisted
    applicant: dict[str, Any]
    answers: dict[str, Any]
    attachments: list[AttachmentInfo]
    problem: dict[str, Any] | None  # the portal's problem (field messages) when it needs attention
    history: list[dict[str, Any]] = field(default_factory=list)
    supplement_request: dict[str, Any] | None = None
    result: dict[str, Any] | None = None
    receipt: dict[str, Any] | None = None  # the portal's 201 body: dossier_code, due_at, fee, payment, ...
    delivery: dict[str, Any] = field(
        default_factory=dict
    )  # {"method": "pickup"|"post", "address", "channel"}

    @property
    def client_ref(self) -> str:
        return self.summary.client_ref

    @property
    def state(self) -> DossierState:
        return self.summary.state

    @property
    def dossier_code(self) -> str | None:
        return self.summary.dossier_code

    @property
    def local_ref(self) -> str:
        return self.summary.local_ref


@dataclass(frozen=True)
class OutboxItem:
    id: str
    kind: OutboxKind
    client_ref: str
    idempotency_key: str
    created_at: datetime
    attempts: int
    next_attempt_at: datetime | None
    lease_owner: str | None
    lease_until: datetime | None
    state: OutboxState
    last_error_code: str | None
    body: dict[str, Any] | None  # the frozen body, once frozen
