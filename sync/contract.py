"""The portal's answers as pydantic models: every field is checked (type, length, range) before it is kept.

An answer that fails its model is a protocol problem of the portal (sync.client.ProtocolProblem): nothing
of it is stored, the outbox item keeps its key and is tried again after the backoff. Only what a model
names is kept (unknown fields are dropped), and the summary of a refusal names fields and error kinds,
never values (a portal's answer may hold a citizen's data).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError

# Bounds on what is read from the portal (bytes of a body, after any gzip decoding).
MAX_JSON_BYTES = 1024 * 1024
MAX_CATALOG_BYTES = 16 * 1024 * 1024  # a province's whole catalog (the bundled 15 procedures: ~0.1 MiB)
MAX_UPLOAD_SIZE = 20 * 1024 * 1024  # the contract's largest attachment

# The contract calls a dossier code opaque; the kiosk still bounds what it stores, prints and puts in a
# URL: 1-64 ASCII letters, digits, ".", "-" or "_", starting with a letter or digit. It holds the national
# portal's MaHoSo forms ("G22.99-261122-0001", "000.00.24.H57-240315-0001").
DOSSIER_CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
_DOSSIER_CODE = re.compile(DOSSIER_CODE_PATTERN)
_NAME = r"^[A-Za-z0-9_.-]{1,64}$"  # doc types, question ids, procedure codes
_CONTROL = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


def is_dossier_code(value: object) -> bool:
    return isinstance(value, str) and _DOSSIER_CODE.fullmatch(value) is not None


def _plain_text(value: str) -> str:
    if any(unicodedata.category(ch) in _CONTROL and ch not in "\n\t" for ch in value):
        raise ValueError("control character")
    return value


def _portal_time(value: str) -> str:
    # ISO 8601 with an offset, as the contract's general rules say; the text is kept as the portal sent it.
    when = datetime.fromisoformat(value)
    if when.tzinfo is None:
        raise ValueError("time without an offset")
    return value


# Free text without control characters, by the longest a field may be.
Word = Annotated[str, StringConstraints(max_length=100), AfterValidator(_plain_text)]
Line = Annotated[str, StringConstraints(max_length=500), AfterValidator(_plain_text)]
Note = Annotated[str, StringConstraints(max_length=4000), AfterValidator(_plain_text)]
DossierCode = Annotated[str, StringConstraints(pattern=DOSSIER_CODE_PATTERN)]
Name = Annotated[str, StringConstraints(pattern=_NAME)]
OpaqueId = Annotated[str, StringConstraints(pattern=r"^[\x21-\x7e]{1,200}$")]  # printable ASCII, no space
Time = Annotated[str, StringConstraints(max_length=40), AfterValidator(_portal_time)]
Status = Annotated[int, Field(ge=1, le=10)]
Url = Annotated[str, StringConstraints(pattern=r"^https?://[\x21-\x7e]{1,500}$")]


class Answer(BaseModel):
    # strict: a number is not a string, True is not 1, 1e20 is not a status.
    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)


class Document(Answer):
    doc_type: Name
    label: Line | None = None


class SupplementRequest(Answer):
    requested_at: Time | None = None
    note: Note | None = None
    documents: list[Document] = Field(default_factory=list, max_length=50)
    questions: list[Name] = Field(default_factory=list, max_length=100)


class Result(Answer):
    issued_at: Time | None = None
    note: Note | None = None
    documents: list[Document] = Field(default_factory=list, max_length=50)
    # How the result reaches the citizen: {"method": ...} and what the portal adds (an address object).
    delivery: Annotated[dict[Name, Line | dict[Name, Line | None] | None], Field(max_length=20)] | None = None


class Step(Answer):
    status: Status
    at: Time
    note: Note | None = None


class DossierView(Answer):
    """GET /dossiers/{code}, a supplement's 200, an item of GET /dossiers?client_ref=."""

    dossier_code: DossierCode
    procedure_code: Name | None = None
    status: Status
    status_label: Line | None = None
    history: list[Step] = Field(default_factory=list, max_length=500)
    due_at: Time | None = None
    result: Result | None = None
    supplement_request: SupplementRequest | None = None


class FoundDossier(DossierView):
    client_ref: Annotated[str, StringConstraints(pattern=r"^[0-9a-fA-F-]{36}$")] | None = None


class Found(Answer):
    items: list[FoundDossier] = Field(max_length=1)  # "at most one item"


class Fee(Answer):
    amount: Annotated[int, Field(ge=0, le=10**12)]
    currency: Literal["VND"] = "VND"


class Payment(Answer):
    payee_name: Line
    bank_bin: Annotated[str, StringConstraints(pattern=r"^[0-9]{6}$")]
    account: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z]{1,19}$")]
    reference: Annotated[str, StringConstraints(pattern=r"^[\x20-\x7e]{1,25}$")]  # VietQR purpose


class DossierCreated(Answer):
    """POST /dossiers: the 201 (or the 200 replaying it); what the receipt is printed from."""

    dossier_code: DossierCode
    status: Status | None = None
    received_at: Time | None = None
    due_at: Time | None = None
    tracking_url: Url | None = None
    fee: Fee | None = None
    payment: Payment | None = None


class UploadCreated(Answer):
    upload_id: OpaqueId
    offset: Annotated[int, Field(ge=0, le=MAX_UPLOAD_SIZE)] = 0
    complete: bool = False


class Agent(Answer):
    id: Word
    name: Line
    office: Line


class TokenAnswer(Answer):
    access_token: Annotated[str, StringConstraints(pattern=r"^[\x21-\x7e]{1,4096}$")]  # fits a header
    token_type: Word | None = None
    expires_in: Annotated[int, Field(ge=1, le=10**9)] | None = None
    agent: Agent | None = None


class CatalogAnswer(Answer):
    catalog_version: Word
    procedures: list[dict[str, Any]] = Field(max_length=5000)  # each checked by the strict catalog loader


class HealthAnswer(Answer):
    status: Word
    time: Word | None = None


class FieldError(Answer):
    field: Line | None = None
    code: Word | None = None
    message: Note | None = None


class ProblemAnswer(Answer):
    type: Line | None = None
    title: Line | None = None
    status: Annotated[int, Field(ge=100, le=599)] | None = None
    detail: Note | None = None
    errors: list[FieldError] = Field(default_factory=list, max_length=200)


class InvalidAnswer(ValueError):
    """An answer that does not fit its model; `summary` names fields and error kinds, never values."""

    def __init__(self, summary: str) -> None:
        super().__init__(summary)
        self.summary = summary


def _where(loc: tuple[int | str, ...]) -> str:
    # Dict keys come from the portal: only names that look like field names are repeated in a log.
    parts = [str(p) if isinstance(p, int) or re.fullmatch(r"[a-z_]{1,40}", p) else "…" for p in loc]
    return ".".join(parts) or "(body)"


def checked(model: type[Answer], data: Any) -> dict[str, Any]:
    """`data` as `model` keeps it (JSON form, only the fields it names); InvalidAnswer otherwise."""
    try:
        return model.model_validate(data).model_dump(mode="json", exclude_unset=True)
    except ValidationError as error:
        found = error.errors(include_url=False, include_input=False, include_context=False)
        summary = ", ".join(f"{_where(e['loc'])}:{e['type']}" for e in found[:5])
        more = len(found) - 5
        raise InvalidAnswer(summary + (f" (+{more})" if more > 0 else "")) from None
