"""Vietnamese text: diacritic-insensitive search keys, amounts of money."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.i18n import Lang

_SPACES = re.compile(r"[^0-9a-z]+")


def search_key(text: str) -> str:
    """Fold `text` for matching: no diacritics, đ→d, lowercase, words separated by one space.

    "Đăng ký thường trú" and "dang ky  thuong tru" give the same key.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.lower()).strip()


def format_vnd(amount: int, lang: Lang) -> str:
    """50000 → "50.000" in Vietnamese, "50,000" in English."""
    grouped = f"{amount:,}"
    return grouped.replace(",", ".") if lang == "vi" else grouped
