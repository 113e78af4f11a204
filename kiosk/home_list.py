"""What the home screen lists, as text: procedure cards grouped by category, most used first.

The first group (what a 1366×768 screen shows above the fold) is also kept in the data dir after each
start, so that the next start paints the home screen from it before the catalog is even imported; the
catalog then loads just after the first frame and replaces it (docs/ARCHITECTURE.md, "Start-up").

Imports nothing of the catalog at run time: it is read before the first frame.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from kiosk.atomic import write_atomic
from kiosk.config import CATALOG_DIR
from kiosk.i18n import LANGS, Lang, t
from kiosk.text import format_vnd

if TYPE_CHECKING:
    from kiosk.catalog import Catalog, Procedure
    from kiosk.fees import Fee

log = logging.getLogger(__name__)

FIRST_SCREEN_FILE = "first-screen.json"  # in the data dir's catalog folder, beside the kept catalogs
FIRST_SCREEN_FORMAT = 1  # raise when what a card shows, or the file's layout, changes
FIRST_SCREEN_MAX_BYTES = 256 * 1024  # a category's cards in two languages take a few kilobytes


class CardText(NamedTuple):
    """One procedure card: its code, its name, and the lines under the name."""

    code: str
    name: str
    lines: tuple[str, ...]


class CardGroup(NamedTuple):
    """A category's heading and its procedures' cards."""

    heading: str
    cards: tuple[CardText, ...]


def fee_text(fee: Fee, lang: Lang, *, with_note: bool = False) -> str:
    """The fee as a person reads it; with its note (conditions, exemptions) on the prepare page."""
    if fee.set_by_province:
        text = t("ui.fee_by_province", lang)
    elif fee.listed_vnd() == 0:
        text = t("ui.fee_free", lang)
    else:  # one unit (a page, a copy or the dossier) at the online rate: the kiosk files online
        text = t("ui.fee_amount", lang, amount=format_vnd(fee.listed_vnd(), lang))
    return f"{text}. {fee.note.get(lang)}" if with_note and fee.note else text


def card_text(proc: Procedure, lang: Lang) -> CardText:
    """A procedure's card: what it is for, then its fee and processing time."""
    meta = t("ui.card_meta", lang, fee=fee_text(proc.fee, lang), time=proc.processing_time.get(lang))
    return CardText(proc.code, proc.name.get(lang), (proc.description.get(lang), meta))


def card_groups(catalog: Catalog, lang: Lang) -> list[CardGroup]:
    """Every category that has procedures, in the catalog's order, each with its cards."""
    return [
        CardGroup(category.name.get(lang), tuple(card_text(proc, lang) for proc in procedures))
        for category in catalog.categories.values()
        if (procedures := catalog.in_category(category.id))
    ]


def first_screen_path(data_dir: Path) -> Path:
    return data_dir / CATALOG_DIR / FIRST_SCREEN_FILE


def read_first_screen(data_dir: Path, lang: Lang) -> CardGroup | None:
    """The first group kept by the last start, in `lang`; None when there is none or it is unusable.

    It is only a head start: whatever is wrong with it, the catalog itself is loaded just after (and
    keeps a good one again), so nothing in it may stop a start.
    """
    path = first_screen_path(data_dir)
    try:
        with path.open("rb") as handle:
            data = handle.read(FIRST_SCREEN_MAX_BYTES + 1)
        if len(data) > FIRST_SCREEN_MAX_BYTES:
            raise ValueError("larger than any first screen")
        payload = json.loads(data)
        if payload["format"] != FIRST_SCREEN_FORMAT:
            return None
        group = payload["groups"].get(lang)
        if group is None:  # the last catalog had no procedures
            return None
        cards = tuple(
            CardText(str(card["code"]), str(card["name"]), tuple(str(line) for line in card["lines"]))
            for card in group["cards"]
        )
        if not cards:
            return None
        return CardGroup(str(group["heading"]), cards)
    except FileNotFoundError:
        return None
    except Exception as exc:  # any shape of damage: wrong types, too deep, unreadable
        log.warning("kept first screen %s is unusable (%s); the catalog decides", path, type(exc).__name__)
        return None


def keep_first_screen(data_dir: Path, catalog: Catalog) -> bool:
    """Keep `catalog`'s first group in every language for the next start; True when the file changed.

    Written only when it differs from what is kept (a start reads it, most starts do not write it).
    """
    groups: dict[str, Any] = {}
    for lang in LANGS:
        found = card_groups(catalog, lang)
        if not found:
            groups = {}
            break
        first = found[0]
        groups[lang] = {
            "heading": first.heading,
            "cards": [{"code": c.code, "name": c.name, "lines": list(c.lines)} for c in first.cards],
        }
    path = first_screen_path(data_dir)
    data = json.dumps({"format": FIRST_SCREEN_FORMAT, "groups": groups}, ensure_ascii=False).encode()
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass  # none yet (or unreadable): write it
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path.parent, FIRST_SCREEN_FILE, data)
    return True
