"""Find a dossier by what a citizen holds: its code, temporary reference, receipt QR, or CCCD number.

Shared by the "Tra cứu hồ sơ" screen and `kiosk track`. Plain functions over the store (run them on the
store worker); nothing here logs or keeps what was typed, and a CCCD number is only ever turned into the
store's keyed blind index.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from kiosk.errors import KioskError
from kiosk.references import parse_local_reference, parse_receipt_qr
from kiosk.rules.cccd import validate_cccd

if TYPE_CHECKING:  # the store (SQLAlchemy) loads on the store worker only
    from kiosk.store import DossierSummary, Store


@dataclass(frozen=True)
class Reference:
    """What was typed or scanned: a dossier `code`, a `local` reference (XXXX-XXXX) or a tracking `url`."""

    kind: Literal["code", "local", "url"]
    value: str


def read_reference(text: str) -> Reference:
    """Read a receipt QR payload, a typed local reference, or else a dossier code (KioskError when blank)."""
    stripped = text.strip()
    if not stripped:
        raise KioskError("tracking.find.empty")
    try:
        ref = parse_receipt_qr(stripped)
    except KioskError:
        try:
            return Reference("local", parse_local_reference(stripped))
        except KioskError:
            return Reference("code", stripped)
    if ref.kind == "dossier":
        return Reference("code", ref.value)
    return Reference(ref.kind, ref.value)


def find_by_reference(store: Store, ref: Reference) -> list[DossierSummary]:
    """The dossiers of this terminal that `ref` names (newest first; usually one, or none)."""
    from kiosk.store import DossierState

    summaries = store.list_dossiers()
    if ref.kind == "local":
        return [s for s in summaries if s.local_ref == ref.value]
    if ref.kind == "code":
        wanted = ref.value.casefold()
        return [s for s in summaries if s.dossier_code is not None and s.dossier_code.casefold() == wanted]
    # A tracking URL is the portal's own, opaque: the dossier it names is found through our receipts.
    found = []
    for summary in summaries:
        if summary.state is DossierState.SUBMITTED:
            receipt = store.get_dossier(summary.client_ref).receipt or {}
            if receipt.get("tracking_url") == ref.value:
                found.append(summary)
    return found


def find_by_id_number(store: Store, id_number: str) -> list[DossierSummary]:
    """Dossiers filed for a CCCD number, through the keyed blind index; KioskError when it is not valid."""
    digits = validate_cccd(id_number)
    return store.find_by_id_number(digits)
