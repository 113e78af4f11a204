"""E-mail addresses: a sensible check of what people mistype, not the whole of RFC 5322."""

from __future__ import annotations

import re

from kiosk.errors import KioskError

_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_LABEL = re.compile(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")
MAX_LENGTH = 254


def normalize_email(text: str) -> str:
    """Return the address trimmed, with its domain in lowercase, or raise KioskError saying what to fix."""
    address = text.strip()
    if not address:
        raise KioskError("rules.email.empty")
    if any(ch.isspace() for ch in address):
        raise KioskError("rules.email.spaces")
    if address.count("@") != 1:
        raise KioskError("rules.email.at_sign")
    local, domain = address.split("@")
    domain = domain.lower()
    if len(address) > MAX_LENGTH or len(local) > 64:
        raise KioskError("rules.email.too_long", max=MAX_LENGTH)
    if not _LOCAL.fullmatch(local):
        raise KioskError("rules.email.local_part")
    labels = domain.split(".")
    if (
        len(labels) < 2
        or not all(_LABEL.fullmatch(label) for label in labels)
        or not labels[-1].isalpha()
        or len(labels[-1]) < 2
    ):
        raise KioskError("rules.email.domain")
    return f"{local}@{domain}"
