"""Errors a person can act on: a message key plus parameters, rendered in the person's language."""

from __future__ import annotations

from kiosk.i18n import DEFAULT_LANG, Lang, t


class KioskError(Exception):
    """An error with a catalogued, translatable message that says how to fix it."""

    def __init__(self, key: str, /, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self, lang: Lang = DEFAULT_LANG) -> str:
        return t(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.message("en")
