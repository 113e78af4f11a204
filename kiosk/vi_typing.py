"""Vietnamese tones for the on-screen keyboard: which vowel of a word takes a tone, by the bogo engine.

The keyboard types letters (ă â đ ê ô ơ ư among them) one by one; a tone key then puts its tone on the
word before the cursor. Where the tone goes ("hoà" or "hòa", "Nguyễn", "người") is the bogo engine's
rule (PyPI `bogo`, the engine of ibus-bogo, GPL-3.0-or-later), not a table of ours. bogo places tones
in the traditional style: "hòa", "Thủy", "của" (the style of most names on identity cards).

bogo is loaded on first use. If it cannot be loaded, `tone_rules()` says so (None, and a log line in
Vietnamese): the keyboard then hides its tones and letters still type. All text here is NFC.
"""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from kiosk.i18n import t

log = logging.getLogger(__name__)


class Tone(IntEnum):
    """The five tones and "no tone"; the values are bogo's `Accent` numbers."""

    ACUTE = 4  # sắc
    GRAVE = 5  # huyền
    HOOK = 3  # hỏi
    TILDE = 2  # ngã
    DOT = 1  # nặng
    NONE = 0  # bỏ dấu (no tone)


TONE_ORDER: tuple[Tone, ...] = (Tone.ACUTE, Tone.GRAVE, Tone.HOOK, Tone.TILDE, Tone.DOT, Tone.NONE)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def word_bounds(text: str, cursor: int) -> tuple[int, int]:
    """The word the cursor is in or just after: (start, end) in `text`; start == end when there is none.
    Letters only: "12" or "/" are no word (a tone goes on letters)."""
    start = cursor
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    end = cursor
    while end < len(text) and text[end].isalpha():
        end += 1
    return start, end


@dataclass(frozen=True)
class ToneRules:
    """bogo's functions for one word: split into consonant/vowel/consonant, put a tone, check the word."""

    _separate: Any
    _add_accent: Any
    _is_valid: Any

    def apply(self, word: str, tone: Tone) -> str | None:
        """`word` with `tone` (any tone it had replaced), or None when it cannot carry one: no vowel,
        or not a Vietnamese syllable (a tone on "abc" or "Bac" with a huyền would be a typo)."""
        word = nfc(word)
        if not word or not word.isalpha():
            return None
        parts = self._separate(word)
        if not parts[1]:
            return None
        bare = self._add_accent(parts, Tone.NONE.value)
        toned = self._add_accent(bare, tone.value) if tone is not Tone.NONE else bare
        result = nfc("".join(toned))
        if not self._is_valid(self._separate(result), True):
            return None
        return result

    def could_be_syllable(self, word: str) -> bool:
        """Whether `word` (letters only) is a Vietnamese syllable, or one still missing its marks:
        "loc" (Lộc), "nguyen" (Nguyễn) and "tran" are; "john", "smith" and "ksor" are not."""
        word = nfc(word)
        if not word or not word.isalpha():
            return False
        return bool(self._is_valid(self._separate(word.lower()), False))

    def retone(self, text: str, cursor: int, tone: Tone) -> tuple[str, int, int] | None:
        """`text` with `tone` put on the word at `cursor`: (new word, start, end) of the word replaced,
        or None when there is no word there that can take it (or it already has exactly that tone)."""
        start, end = word_bounds(text, cursor)
        if start == end:
            return None
        word = nfc(text[start:end])
        result = self.apply(word, tone)
        if result is None or result == word:
            return None
        return result, start, end


def _load() -> ToneRules:
    from bogo import accent, utils, validation  # GPL-3.0-or-later; see docs/ARCHITECTURE.md

    return ToneRules(utils.separate, accent.add_accent, validation.is_valid_combination)


class _Loaded:
    """What loading gave: the rules, or that it failed (so it is tried, and logged, once)."""

    rules: ToneRules | None = None
    failed = False


def tone_rules() -> ToneRules | None:
    """The tone rules, loaded once; None (said once in the log, in Vietnamese) if bogo cannot load."""
    if _Loaded.rules is None and not _Loaded.failed:
        try:
            _Loaded.rules = _load()
        except Exception as problem:  # a broken install must not stop the keyboard: letters still type
            _Loaded.failed = True
            log.error("%s (%s: %s)", t("keyboard.tones_unavailable", "vi"), type(problem).__name__, problem)
    return _Loaded.rules


def forget_tone_rules() -> None:
    """Load again on the next `tone_rules()` (tests that make the engine fail, then work again)."""
    _Loaded.rules, _Loaded.failed = None, False
