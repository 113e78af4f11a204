"""Qt-free message catalog: every citizen-facing string in code, in Vietnamese and English."""

from __future__ import annotations

import string
from typing import Literal, get_args

from kiosk.messages import forms

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = get_args(Lang)
DEFAULT_LANG: Lang = "vi"


def as_lang(value: str | None) -> Lang:
    """Return a supported language code, Vietnamese when unknown or empty."""
    return "en" if value == "en" else "vi"


def placeholders(template: str) -> set[str]:
    """Names of the `{placeholders}` in a message template."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def t(key: str, lang: Lang = DEFAULT_LANG, /, **params: object) -> str:
    """Render message `key` in `lang`; an unknown key is a programming error and raises KeyError."""
    template = forms(key)[lang]
    return template.format(**params)
