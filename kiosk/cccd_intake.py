"""CCCD QR intake, Qt-free: keyboard-burst detector, old→2025 address conversion, applicant prefill.

A handheld scanner in keyboard mode "types" the card's QR payload as a burst of keystrokes ending in
Enter. `BurstDetector` decides, key by key, whether what arrives can still be such a burst (digits, then
'|', each key within `max_gap` seconds of the previous one) and so must be held back from the focused
field, or is a person typing and must be replayed unchanged.

`convert_card_address` turns the pre-2025 address printed on a card (with a district) into a 2025
province and ward with vietnamadminunits, and keeps the result only when it is certain: the old ward,
district and province named in the text are the ones the library recognised, the old ward went whole
into one new ward, and that ward's codes exist in vietnam-provinces (kiosk.rules.units) under the same
name. The library's `convert_address` is never called: for an old ward split between new wards it sends
the address to an online geocoder (ArcGIS), which must never see a citizen's address.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Any

from kiosk.errors import KioskError
from kiosk.rules.cccd import CccdCard, parse_cccd_qr
from kiosk.rules.dates import format_date

if TYPE_CHECKING:
    from kiosk.rules.units import Province, Ward
from kiosk.text import search_key

# --- keyboard bursts -------------------------------------------------------------------------------------

MAX_GAP_SECONDS = 0.04  # scanners type a key every 2-15 ms; people rarely keep 14 keys under 40 ms
MIN_PAYLOAD_LENGTH = 40  # 12 digits, 6 separators, a name, two dates, a gender and an address
MAX_NUMBER_DIGITS = 16  # a wrong-length number still looks like a scan, so it gets a clear message


class Step(Enum):
    """What to do with a key event the detector has seen."""

    DELIVER = "deliver"  # now (nothing is held)
    HOLD = "keep"  # keep it: it may be part of a scan
    REPLAY = "replay"  # not a scan after all: deliver the held events, then this one, unchanged
    SCAN = "scan"  # a complete scan: drop the held events (and this Enter), read `payload`


@dataclass
class BurstDetector:
    """Decides key by key whether keystrokes are a scanner's burst; holds text, not events.

    The Qt layer keeps the held events and acts on the returned `Step`; after `Step.REPLAY` it feeds
    the event at hand again (after a pause, a key may start a burst of its own).
    """

    max_gap: float = MAX_GAP_SECONDS
    min_length: int = MIN_PAYLOAD_LENGTH
    held: str = ""
    holding: bool = False
    payload: str = ""
    _last: float = field(default=0.0, repr=False)

    def __repr__(self) -> str:
        # Held text is a card's content: never into a log or a traceback.
        return f"BurstDetector(holding={self.holding}, held_chars={len(self.held)})"

    def key(self, text: str, now: float) -> Step:
        """A key press with its text ("" for Shift and other keys that type nothing) at time `now`."""
        if not self.holding:
            return self._start(text, now)
        if now - self._last > self.max_gap:
            return self._give_up()
        self._last = now
        if not text:
            return Step.HOLD  # Shift before '|' or a capital letter: part of the burst
        candidate = self.held + text
        if not self._plausible(candidate):
            return self._give_up()
        self.held = candidate
        return Step.HOLD

    def enter(self, now: float) -> Step:
        """Enter (Return) at time `now`: the end of a scan, or a key to deliver."""
        if not self.holding:
            return Step.DELIVER
        if now - self._last > self.max_gap or len(self.held) < self.min_length:
            return self._give_up()
        self.payload, self.held, self.holding = self.held, "", False
        return Step.SCAN

    def expire(self) -> Step:
        """No key came in time (a timer ran out): whatever is held is a person's typing."""
        return self._give_up() if self.holding else Step.DELIVER

    def _start(self, text: str, now: float) -> Step:
        if len(text) == 1 and text.isascii() and text.isdigit():
            self.held, self.holding, self._last = text, True, now
            return Step.HOLD
        return Step.DELIVER

    def _give_up(self) -> Step:
        self.held, self.holding = "", False
        return Step.REPLAY

    @staticmethod
    def _plausible(text: str) -> bool:
        """Could `text` still be the start of a CCCD payload? Digits first, then a '|'."""
        number, bar, _rest = text.partition("|")
        if not (number.isascii() and number.isdigit()) or len(number) > MAX_NUMBER_DIGITS:
            return False
        return bool(bar) or len(number) < MAX_NUMBER_DIGITS


# --- address conversion --------------------------------------------------------------------------------


@dataclass(frozen=True)
class AddressConversion:
    """The 2025 units for a card's address; `certain` only when province, ward and street all are known.

    `province_code` may be known when the ward is not (the address page then opens on that province);
    `candidates` are the 2025 wards an old ward was split between, to show the person.
    """

    old_text: str
    province_code: str | None = None
    ward_code: str | None = None
    street: str = ""
    candidates: tuple[str, ...] = ()

    @property
    def certain(self) -> bool:
        return bool(self.province_code and self.ward_code and self.street)

    def raw(self) -> dict[str, str]:
        """The address page's value: what is known, empty where the person must choose."""
        return {
            "province_code": self.province_code or "",
            "ward_code": self.ward_code or "",
            "street": self.street,
        }

    def __repr__(self) -> str:
        return (
            f"AddressConversion(province_code={self.province_code!r}, ward_code={self.ward_code!r}, "
            "old_text=<hidden>, street=<hidden>)"
        )


@cache
def _library() -> tuple[Any, Any, Any, Any]:
    """vietnamadminunits, imported on first use: it loads ~4 MB of tables (about 0.4 s).

    kiosk.rules.units (vietnam-provinces) too: the keyboard filter needs neither before the first frame.
    """
    from vietnamadminunits import parse_address
    from vietnamadminunits.converter import converter_2025
    from vietnamadminunits.parser import parser_from_2025, parser_legacy

    return parse_address, converter_2025, parser_from_2025, parser_legacy


def _names(text: str, name: str | None) -> bool:
    """True when the words of `name` appear together in `text` ("Hải Châu" in "Phường Hải Châu")."""
    if not name:
        return False
    words, wanted = search_key(text).split(), search_key(name).split()
    n = len(wanted)
    return n > 0 and any(words[i : i + n] == wanted for i in range(len(words) - n + 1))


def _district_named(legacy: Any, old: Any, part: str) -> bool:
    """The card names the old district the library found, or a district split before 2025 that it came from.

    (Thành phố Huế became the districts Phú Xuân and Thuận Hóa in January 2025; cards still say Huế.)
    """
    if _names(part, old.short_district):
        return True
    compact = search_key(part).replace(" ", "")
    divided = legacy.DICT_PROVINCE_DISTRICT_DIVIDED.get(old.province_key, {})
    return any(
        compact in entry["dividedDistrictKeywords"] and old.district_key in entry["districts"]
        for entry in divided.values()
    )


def _new_province_key(converter: Any, old_province_key: str) -> str | None:
    return next((k for k, v in converter.DICT_PROVINCE.items() if old_province_key in v), None)


def _new_ward(converter: Any, province_key: str, old: Any) -> tuple[str | None, list[str]]:
    """(new ward key when the old ward went whole into one new ward, else the wards it was split into)."""
    old_key = f"{old.province_key}_{old.district_key}_{old.ward_key}"
    whole = converter.DICT_PROVINCE_WARD_NO_DIVIDED.get(province_key, {})
    targets = [new_key for new_key, olds in whole.items() if old_key in olds]
    if len(targets) == 1:
        return targets[0], []
    split = converter.DICT_PROVINCE_WARD_DIVIDED.get(province_key, {}).get(old_key, [])
    return None, [str(item["newWardKey"]) for item in split]


def _ward_entry(parser: Any, province_key: str, ward_key: str) -> dict[str, Any] | None:
    for table in (
        parser.DICT_PROVINCE_WARD_NO_ACCENTED,
        parser.DICT_PROVINCE_WARD_ACCENTED,
        parser.DICT_PROVINCE_WARD_SHORT_ACCENTED,
    ):
        entry = table.get(province_key, {}).get(ward_key)
        if entry is not None:
            return dict(entry)
    return None


def _checked_province(parser: Any, province_key: str) -> Province | None:
    """The 2025 province in vietnam-provinces whose code and name agree with the library's."""
    from kiosk.rules.units import province

    entry = parser.DICT_PROVINCE.get(province_key)
    if entry is None:
        return None
    try:
        found = province(str(entry["provinceCode"]))
    except KioskError:
        return None
    return found if _names(found.name, str(entry["provinceShort"])) else None


def _checked_ward(parser: Any, province_key: str, ward_key: str, province_code: str) -> Ward | None:
    """The 2025 ward in vietnam-provinces whose code, name and province agree with the library's."""
    from kiosk.rules.units import ward

    entry = _ward_entry(parser, province_key, ward_key)
    if entry is None:
        return None
    try:
        found = ward(str(entry["wardCode"]))
    except KioskError:
        return None
    if found.province_code != province_code or search_key(found.name) != search_key(str(entry["ward"])):
        return None
    return found


def _same_name(parser: Any, province_key: str, ward_key: str) -> tuple[str, ...]:
    from kiosk.rules.units import province, wards

    entry = _ward_entry(parser, province_key, ward_key)
    code = province(str(parser.DICT_PROVINCE[province_key]["provinceCode"])).code
    wanted = search_key(str(entry["ward"])) if entry else ""
    return tuple(w.code for w in wards(code) if w.search_key == wanted)


def convert_card_address(text: str) -> AddressConversion:
    """The 2025 province and ward of a card's address "street, old ward, old district, old province".

    Never raises for a strange address: what cannot be told for certain is left for the person.
    """
    old_text = " ".join(text.split())
    parts = [part.strip() for part in old_text.split(",") if part.strip()]
    result = AddressConversion(old_text=old_text)
    if len(parts) < 3:
        return result
    parse_address, converter, parser, legacy = _library()
    old = parse_address(old_text, mode="LEGACY", keep_street=True, level=3)
    if not old.province_key or not _names(parts[-1], old.short_province):
        return result
    new_province_key = _new_province_key(converter, old.province_key)
    found_province = _checked_province(parser, new_province_key) if new_province_key else None
    if new_province_key is None or found_province is None:
        return result
    street = ", ".join(parts[:-3])
    result = AddressConversion(old_text=old_text, province_code=found_province.code, street=street)
    # The district and the ward must be the ones the card names: same-named wards exist in many
    # districts of a province, and the library falls back to a default district when unsure.
    named = (
        bool(old.ward_key) and _district_named(legacy, old, parts[-2]) and _names(parts[-3], old.short_ward)
    )
    if not named:
        return result
    new_ward_key, split = _new_ward(converter, new_province_key, old)
    if new_ward_key is None:
        candidates = [
            found.code
            for key in split
            if (found := _checked_ward(parser, new_province_key, key, found_province.code)) is not None
        ]
        return AddressConversion(old_text, found_province.code, None, street, tuple(candidates))
    found_ward = _checked_ward(parser, new_province_key, new_ward_key, found_province.code)
    if found_ward is None:
        # The two data sets disagree on this ward's code: offer the same-named ward, never choose it.
        return AddressConversion(
            old_text, found_province.code, None, street, _same_name(parser, new_province_key, new_ward_key)
        )
    return AddressConversion(old_text, found_province.code, found_ward.code, street)


# --- filling the applicant -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CardIntake:
    """A card read from its QR code, with its address converted: what a journey's applicant pages take."""

    card: CccdCard
    address: AddressConversion

    @property
    def name_diacritics_missing(self) -> bool:
        return self.card.name_diacritics_missing

    @property
    def address_diacritics_missing(self) -> bool:
        return self.card.address_diacritics_missing

    def applicant_raw(self) -> dict[str, str | dict[str, str]]:
        """Applicant page id (without "applicant.") → the raw value the page shows, as a person types it."""
        card = self.card
        return {
            "full_name": card.full_name,
            "id_number": card.id_number,
            "date_of_birth": format_date(card.date_of_birth),
            "gender": card.gender,
            "address": self.address.raw(),
        }

    def __repr__(self) -> str:
        return "CardIntake(<personal data hidden>)"


def read_card(payload: str, *, today: date | None = None) -> CardIntake:
    """Parse a scanned payload and convert its address; KioskError (nothing to fill) when malformed."""
    card = parse_cccd_qr(payload, today=today)
    return CardIntake(card, convert_card_address(card.address))
