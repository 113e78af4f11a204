"""References a citizen holds: the local reference (Crockford base32) and the receipt's QR payload."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from typing import Literal

from kiosk.errors import KioskError

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
# Crockford's decoding rules: letters people confuse with digits read as those digits.
_CONFUSABLE = str.maketrans({"I": "1", "L": "1", "O": "0"})
_LENGTH = 8


def local_reference(client_ref: str) -> str:
    """`XXXX-XXXX`: the first 40 bits of SHA-256 of the dossier's UUID bytes, in Crockford base32.

    The same `client_ref` always gives the same reference; `client_ref` must be a UUID.
    """
    digest = hashlib.sha256(uuid.UUID(client_ref).bytes).digest()
    value = int.from_bytes(digest[:5], "big")
    chars = "".join(CROCKFORD[(value >> shift) & 31] for shift in range(35, -1, -5))
    return f"{chars[:4]}-{chars[4:]}"


def parse_local_reference(text: str) -> str:
    """Read a local reference as a person types it (lowercase, no dash, I/L for 1, O for 0).

    Returns the canonical `XXXX-XXXX`, or raises KioskError.
    """
    compact = "".join(text.split()).replace("-", "").upper().translate(_CONFUSABLE)
    if len(compact) != _LENGTH or any(ch not in CROCKFORD for ch in compact):
        raise KioskError("rules.reference.invalid")
    return f"{compact[:4]}-{compact[4:]}"


DOSSIER_PREFIX = "DVC:"
LOCAL_PREFIX = "DVC-LOCAL:"


def receipt_qr_payload(tracking_url: str | None, dossier_code: str | None, local_ref: str | None) -> str:
    """The receipt's QR code: the tracking URL, else `DVC:<dossier code>`, else `DVC-LOCAL:<local ref>`."""
    if tracking_url:
        return tracking_url
    if dossier_code:
        return f"{DOSSIER_PREFIX}{dossier_code}"
    if local_ref:
        return f"{LOCAL_PREFIX}{parse_local_reference(local_ref)}"
    raise ValueError("a receipt needs a tracking URL, a dossier code or a local reference")


@dataclass(frozen=True)
class ReceiptRef:
    """A receipt QR read back: `url` (tracking page), `dossier` (dossier code) or `local` (XXXX-XXXX)."""

    kind: Literal["url", "dossier", "local"]
    value: str


def parse_receipt_qr(text: str) -> ReceiptRef:
    """Read any of the three receipt QR payloads back, or raise KioskError."""
    payload = text.strip()
    # Check the longer prefix first: "DVC-LOCAL:" does not start with "DVC:", but keep the order explicit.
    if payload.upper().startswith(LOCAL_PREFIX):
        return ReceiptRef("local", parse_local_reference(payload[len(LOCAL_PREFIX) :]))
    if payload.upper().startswith(DOSSIER_PREFIX):
        code = payload[len(DOSSIER_PREFIX) :].strip()
        if not code or any(ch.isspace() for ch in code):
            raise KioskError("rules.reference.receipt_qr")
        return ReceiptRef("dossier", code)
    if payload.lower().startswith(("https://", "http://")) and not any(ch.isspace() for ch in payload):
        return ReceiptRef("url", payload)
    raise KioskError("rules.reference.receipt_qr")
