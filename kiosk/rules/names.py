"""People's names: Vietnamese (and ethnic-minority) letters, tidy spacing and capitals."""

from __future__ import annotations

import unicodedata

from kiosk.errors import KioskError

# Marks seen in real names: hyphens and apostrophes in ethnic-minority names (H'Hen Niê, Y-Moan).
_JOINERS = "-'"
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "`": "'", "\u2010": "-", "\u2011": "-"})
MIN_LENGTH = 2
MAX_LENGTH = 100


def _is_name_letter(ch: str) -> bool:
    """A Latin letter, with any diacritics (Vietnamese, or the breves of Ê Đê and others)."""
    if ch in "đĐ":
        return True
    base = unicodedata.normalize("NFD", ch)
    return base[0].isascii() and base[0].isalpha() and all(unicodedata.combining(c) for c in base[1:])


def _title(word: str) -> str:
    out: list[str] = []
    start = True
    for ch in word:
        out.append(ch.upper() if start else ch.lower())
        start = ch in _JOINERS
    return "".join(out)


def normalize_person_name(text: str) -> str:
    """Return the name in NFC, single-spaced, each word capitalised ("nguyễn văn an" → "Nguyễn Văn An").

    Raises KioskError for digits, symbols, or a length outside 2..100 characters. One word is enough:
    some ethnic-minority people have single-word names.
    """
    name = " ".join(unicodedata.normalize("NFC", text.translate(_APOSTROPHES)).split())
    if not name:
        raise KioskError("rules.name.empty")
    if any(ch.isdigit() for ch in name):
        raise KioskError("rules.name.digits")
    for ch in name:
        if not (ch == " " or ch in _JOINERS or _is_name_letter(ch)):
            raise KioskError("rules.name.symbols")
    words = name.split(" ")
    if any(not any(_is_name_letter(ch) for ch in word) for word in words):
        raise KioskError("rules.name.symbols")
    if len(name) < MIN_LENGTH:
        raise KioskError("rules.name.too_short", min=MIN_LENGTH)
    if len(name) > MAX_LENGTH:
        raise KioskError("rules.name.too_long", max=MAX_LENGTH)
    return " ".join(_title(word) for word in words)
