"""The house rules for Vietnamese a citizen reads: polite address and one name for the ID card.

A self-service terminal is used alone by elderly people, so the words are polite and plain: "Ông/Bà" or
no subject at all, never "bạn"; "Vui lòng …" rather than "Hãy …" (the rule forbids the word anywhere,
since ", hãy …" reads just as curt as a sentence that opens with it). The card has one name,
"thẻ căn cước" (its name since Luật Căn cước 2023), with "CCCD", the name people know, only as an alias
written "thẻ căn cước (CCCD)". The card's number may still go by the name the procedure's forms use
("số định danh cá nhân"). Text for agents and technicians is held to none of this (see
tests/unit/test_wording.py for which message areas those are).

`problems(text)` says, in English for the authors (like the catalog checker's lines), what a text breaks.
"""

from __future__ import annotations

import re
import unicodedata

_YOU = re.compile(r"\bbạn\b", re.IGNORECASE)
_HAY = re.compile(r"\bhãy\b", re.IGNORECASE)
_OLD_NAME = re.compile(r"\bcăn cước công dân\b", re.IGNORECASE)
# "căn cước" is always the card ("thẻ căn cước"), or the law that names it ("Luật Căn cước").
_BARE_NAME = re.compile(r"(?<!thẻ )(?<!luật )\bcăn cước\b", re.IGNORECASE)
_ALIAS = re.compile(r"\bCCCD\b")
_ALIAS_FORM = "thẻ căn cước (CCCD)"

YOU = 'says "bạn": address the person as "Ông/Bà", or leave the subject out'
HAY = 'says "hãy": write "Vui lòng …", or just the instruction'
OLD_NAME = '"căn cước công dân" is the card\'s old name: write "thẻ căn cước"'
BARE_NAME = 'names the card "căn cước": write "thẻ căn cước"'
ALIAS = 'writes "CCCD" on its own: name the card "thẻ căn cước", with the alias as "thẻ căn cước (CCCD)"'


def problems(text: str) -> list[str]:
    """What `text` (Vietnamese a citizen reads) breaks of the house rules; empty when it keeps them."""
    text = unicodedata.normalize("NFC", text)  # an NFD "bạn" must not slip past the patterns
    found = [
        rule for pattern, rule in ((_YOU, YOU), (_HAY, HAY), (_OLD_NAME, OLD_NAME)) if pattern.search(text)
    ]
    if _BARE_NAME.search(_OLD_NAME.sub("", text)):  # the old name is already reported
        found.append(BARE_NAME)
    for match in _ALIAS.finditer(text):
        start = match.end() + 1 - len(_ALIAS_FORM)
        if text[max(start, 0) : match.end() + 1].lower() != _ALIAS_FORM.lower():
            found.append(ALIAS)
            break
    return found
