"""Scanned documents: what a file really is (by its content, never its name) and whether it may be sent."""

from __future__ import annotations

from kiosk.errors import KioskError

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024  # the portal's limit for one upload
MEDIA_TYPES = ("application/pdf", "image/jpeg", "image/png")
_SUFFIXES = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


def sniff_media_type(data: bytes) -> str | None:
    """The media type that `data` starts like, or None when it is none of PDF, JPEG and PNG."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return None


def check_document(data: bytes, accept: tuple[str, ...] = MEDIA_TYPES) -> str:
    """The media type of an acceptable document, or a KioskError saying what is wrong and what to do."""
    if not data:
        raise KioskError("documents.empty")
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise KioskError("documents.too_large", size_mb=round(len(data) / (1 << 20), 1), limit_mb=20)
    media_type = sniff_media_type(data)
    if media_type is None:
        raise KioskError("documents.unknown_type")
    if media_type not in accept:
        allowed = ", ".join(_SUFFIXES[m].lstrip(".").upper() for m in accept if m in _SUFFIXES)
        raise KioskError("documents.not_accepted", allowed=allowed)
    return media_type


def suffix_for(media_type: str) -> str:
    return _SUFFIXES.get(media_type, "")
