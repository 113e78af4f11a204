"""People's names: Vietnamese (and ethnic-minority) letters, tidy spacing and capitals; marks left out."""

from __future__ import annotations

import re
import unicodedata

from kiosk.errors import KioskError
from kiosk.vi_typing import tone_rules

# Marks seen in real names: hyphens and apostrophes in ethnic-minority names (H'Hen Niê, Y-Moan).
_JOINERS = "-'"
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "`": "'", "\u2010": "-", "\u2011": "-"})
MIN_LENGTH = 2
MAX_LENGTH = 100
# "Tran Van Loc" is asked about; "Lan" or "Minh" alone never is (one word may well have no mark).
MIN_UNMARKED_WORDS = 2
_WORD = re.compile(r"[^\W\d_]+")  # runs of letters: "So 10 Tran Hung Dao" → So, Tran, Hung, Dao


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


def lacks_diacritics(text: str) -> bool:
    """Whether `text` (a name, or the street part of an address) looks like Vietnamese typed without
    its marks, so that the person may be asked, softly, how it is written on the card.

    The rule, careful not to ask about names that truly have no marks:
    - any letter with a mark (ă â đ ê ô ơ ư, any tone) anywhere → False: the marks are being typed;
    - an apostrophe or hyphen inside a word (H'Hen, Y-Moan) → False: ethnic-minority names are written so;
    - fewer than two words of letters → False: "Lan", "Minh", "Thon 3" may well be right as typed;
    - any word that cannot be a Vietnamese syllable even with marks added → False: "John Smith",
      "Ksor Nie", "Anna Maria" are foreign or ethnic-minority names (bogo, the engine of the on-screen
      keyboard's tones, decides what a syllable is: kiosk.vi_typing);
    - else True: "Tran Van Loc", "So 10 Tran Hung Dao", and also "Mai Lan Anh", which has no marks:
      that is why it is only a question, never a refusal.

    If the tone engine cannot be loaded (already logged by kiosk.vi_typing) nothing is asked.
    """
    text = unicodedata.normalize("NFC", text.translate(_APOSTROPHES))
    words = _WORD.findall(text)
    if any(not ch.isascii() for word in words for ch in word):
        return False
    if any(joiner in token[1:-1] for token in text.split() for joiner in _JOINERS):
        return False
    if len(words) < MIN_UNMARKED_WORDS:
        return False
    rules = tone_rules()
    if rules is None:
        return False
    return all(rules.could_be_syllable(word) for word in words)
