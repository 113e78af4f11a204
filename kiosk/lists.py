"""Official lists a question may choose from (`options_from` in a procedure file): data under assets/lists.

Each list is one JSON file, `assets/lists/<name>.json`: `{"list", "title": {vi, en}, "source", "items":
[{"id", "vi", "en", "aliases"?}]}`, read once per process. The ids are what the portal receives (the
official code: "01" for Kinh, "VN" for Việt Nam); `aliases` are other names a person may type to find an
item (search only, never sent).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from kiosk.assets import lists_dir
from kiosk.text import search_key

# The official codes: two digits for the 54 ethnic groups, ISO 3166-1 alpha-2 for nationalities.
_ID_PATTERNS = {"dan_toc": re.compile(r"^\d{2}$"), "quoc_tich": re.compile(r"^[A-Z]{2}$")}
_ANY_ID = re.compile(r"^[A-Za-z0-9_]{1,16}$")
_PUNCTUATION = re.compile(r"[-'’()]")


class ListError(ValueError):
    """A list file that is missing or malformed (a packaging defect: the catalog refuses to load)."""


@dataclass(frozen=True)
class ListItem:
    id: str
    vi: str
    en: str
    aliases: tuple[str, ...] = ()

    @cached_property
    def keys(self) -> tuple[str, ...]:
        """Search keys of the name and its aliases, in that order (worked out once per item)."""
        return tuple(list_key(name) for name in (self.vi, self.en, *self.aliases))


@dataclass(frozen=True)
class OptionList:
    name: str
    title_vi: str
    title_en: str
    items: tuple[ListItem, ...]

    def item(self, item_id: str) -> ListItem:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)


def list_key(text: str) -> str:
    """The search key of a name: no diacritics, case or punctuation ("Khơ-me" and "kho me" match)."""
    return search_key(_PUNCTUATION.sub(" ", text))


def _nfc_text(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ListError(f"{where}: must be a non-empty string")
    if unicodedata.normalize("NFC", value) != value:
        raise ListError(f"{where}: {value!r} is not in Unicode NFC")
    return value


def _read(path: Path, name: str) -> OptionList:
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError as exc:
        raise ListError(f"{path}: list '{name}' does not exist") from exc
    except (OSError, ValueError) as exc:
        raise ListError(f"{path}: not readable JSON ({exc})") from exc
    if not isinstance(data, dict) or data.get("list") != name or not isinstance(data.get("items"), list):
        raise ListError(f"{path}: expected {{'list': '{name}', 'title', 'source', 'items': [...]}}")
    title = data.get("title")
    if not isinstance(title, dict):
        raise ListError(f"{path}: 'title' must be {{vi, en}}")
    pattern = _ID_PATTERNS.get(name, _ANY_ID)
    items: list[ListItem] = []
    seen: set[str] = set()
    for index, raw in enumerate(data["items"]):
        where = f"{path}: items[{index}]"
        if not isinstance(raw, dict):
            raise ListError(f"{where}: must be an object")
        item_id = raw.get("id")
        if not isinstance(item_id, str) or not pattern.fullmatch(item_id):
            raise ListError(f"{where}: id {item_id!r} does not match {pattern.pattern}")
        if item_id in seen:
            raise ListError(f"{where}: id {item_id!r} is listed twice")
        seen.add(item_id)
        aliases = raw.get("aliases", [])
        if not isinstance(aliases, list):
            raise ListError(f"{where}: 'aliases' must be a list")
        items.append(
            ListItem(
                id=item_id,
                vi=_nfc_text(raw.get("vi"), f"{where}.vi"),
                en=_nfc_text(raw.get("en"), f"{where}.en"),
                aliases=tuple(_nfc_text(a, f"{where}.aliases") for a in aliases),
            )
        )
    if len(items) < 2:
        raise ListError(f"{path}: a list needs at least two items")
    return OptionList(
        name=name,
        title_vi=_nfc_text(title.get("vi"), f"{path}: title.vi"),
        title_en=_nfc_text(title.get("en"), f"{path}: title.en"),
        items=tuple(items),
    )


@cache
def _load(directory: Path, name: str) -> OptionList:
    return _read(directory / f"{name}.json", name)


def option_list(name: str) -> OptionList:
    """The list `name` (e.g. "dan_toc", "quoc_tich"), read once per process; ListError when unusable."""
    if not _ANY_ID.fullmatch(name):
        raise ListError(f"{name!r} is not a list name")
    return _load(lists_dir().resolve(), name)


def list_names() -> list[str]:
    """The lists shipped in assets/lists."""
    return sorted(path.stem for path in lists_dir().glob("*.json"))


def search_items(items: tuple[ListItem, ...], query: str) -> list[ListItem]:
    """Items whose name or an alias holds every word of `query` (accents, case, hyphens ignored).

    A name equal to the query comes first, then names starting with it, then alias matches, then
    names merely containing the words; the list's own order within each group.
    """
    words = list_key(query).split()
    if not words:
        return list(items)
    wanted = " ".join(words)
    ranked: list[tuple[int, int, ListItem]] = []
    for position, item in enumerate(items):
        keys = item.keys
        if not any(all(word in key for word in words) for key in keys):
            continue
        name_keys = keys[:2]
        if wanted in name_keys:
            rank = 0
        elif any(key.startswith(wanted) for key in name_keys):
            rank = 1
        elif any(key == wanted or key.startswith(wanted) for key in keys[2:]):
            rank = 2
        else:
            rank = 3
        ranked.append((rank, position, item))
    ranked.sort(key=lambda entry: (entry[0], entry[1]))
    return [item for _, _, item in ranked]
