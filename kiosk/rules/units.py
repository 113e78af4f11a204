"""Administrative units since 1 July 2025 (34 provinces, no districts), via vietnam-provinces."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

from kiosk.errors import KioskError
from kiosk.text import search_key

# Codes travel as zero-padded strings, as the General Statistics Office writes them ("01", "00070").
PROVINCE_CODE_DIGITS = 2
WARD_CODE_DIGITS = 5
MAX_STREET_LENGTH = 200


@dataclass(frozen=True)
class Province:
    code: str
    name: str
    search_key: str


@dataclass(frozen=True)
class Ward:
    code: str
    name: str
    province_code: str
    search_key: str


@dataclass(frozen=True)
class Address:
    """A validated address: 2025 province and ward codes plus the street part (house, street, hamlet)."""

    province_code: str
    ward_code: str
    street: str

    def to_contract(self) -> dict[str, str]:
        return {"province_code": self.province_code, "ward_code": self.ward_code, "street": self.street}

    def __repr__(self) -> str:
        return f"Address(province_code={self.province_code!r}, ward_code={self.ward_code!r}, street=<hidden>)"


@cache
def _provinces() -> tuple[Province, ...]:
    # Loaded on first use: its tables take ~0.1 s to import, which the first frame need not wait for.
    from vietnam_provinces import Province as _LibProvince

    items = [
        Province(f"{int(p.code):0{PROVINCE_CODE_DIGITS}d}", p.name, search_key(p.name))
        for p in _LibProvince.iter_all()
    ]
    return tuple(sorted(items, key=lambda p: p.code))


@cache
def _province_index() -> dict[str, Province]:
    return {p.code: p for p in _provinces()}


@cache
def _wards() -> dict[str, Ward]:
    from vietnam_provinces import Ward as _LibWard

    items = [
        Ward(
            f"{int(w.code):0{WARD_CODE_DIGITS}d}",
            w.name,
            f"{int(w.province_code):0{PROVINCE_CODE_DIGITS}d}",
            search_key(w.name),
        )
        for w in _LibWard.iter_all()
    ]
    return {w.code: w for w in sorted(items, key=lambda w: w.code)}


@cache
def _wards_by_province() -> dict[str, tuple[Ward, ...]]:
    grouped: dict[str, list[Ward]] = {p.code: [] for p in _provinces()}
    for w in _wards().values():
        grouped[w.province_code].append(w)
    return {code: tuple(sorted(ws, key=lambda w: w.search_key)) for code, ws in grouped.items()}


def _code(value: str | int, digits: int) -> str | None:
    """Zero-pad a code given as "1", "01" or 1; None when it is not a code at all."""
    text = str(value).strip()
    if not text.isascii() or not text.isdigit() or len(text) > digits:
        return None
    return text.zfill(digits)


def warm_up() -> None:
    """Load the 2025 units now (the app does it on a background thread just after it starts), so the
    first address question opens without the ~100 ms this takes."""
    _province_index()
    _wards_by_province()


def provinces() -> list[Province]:
    """The 34 provinces and centrally run cities, by code."""
    return list(_provinces())


def province(code: str | int) -> Province:
    """The province with this code, or KioskError."""
    key = _code(code, PROVINCE_CODE_DIGITS)
    found = _province_index().get(key) if key else None
    if found is None:
        raise KioskError("rules.address.province_unknown")
    return found


def wards(province_code: str | int) -> list[Ward]:
    """The wards, communes and special zones of a province, in alphabetical order."""
    return list(_wards_by_province()[province(province_code).code])


def ward(ward_code: str | int) -> Ward:
    """The ward with this code, or KioskError."""
    key = _code(ward_code, WARD_CODE_DIGITS)
    found = _wards().get(key) if key else None
    if found is None:
        raise KioskError("rules.address.ward_unknown")
    return found


def _bare(name_key: str) -> str:
    """The name key without its unit type, so "hoan" finds "phuong hoan kiem" first."""
    for prefix in ("phuong ", "xa ", "dac khu "):
        if name_key.startswith(prefix):
            return name_key[len(prefix) :]
    return name_key


def search_wards(province_code: str | int, query: str, limit: int | None = None) -> list[Ward]:
    """Wards of a province whose name holds every word of `query`, diacritics and case ignored.

    Names starting with the query come first ("ba" → "Phường Ba Đình" before "Xã Tân Ba").
    """
    words = search_key(query).split()
    candidates = _wards_by_province()[province(province_code).code]
    if not words:
        return list(candidates[:limit])
    wanted = " ".join(words)
    matches = [w for w in candidates if all(word in w.search_key for word in words)]
    matches.sort(
        key=lambda w: (
            not (_bare(w.search_key).startswith(wanted) or w.search_key.startswith(wanted)),
            w.search_key,
        )
    )
    return matches[:limit]


def validate_address(province_code: str | int, ward_code: str | int, street: str) -> Address:
    """Check that the ward exists and belongs to the province, and tidy the street; KioskError otherwise."""
    found_province = province(province_code)
    found_ward = ward(ward_code)
    if found_ward.province_code != found_province.code:
        raise KioskError("rules.address.ward_not_in_province", province=found_province.name)
    tidy = " ".join(unicodedata.normalize("NFC", street).split())
    if not tidy:
        raise KioskError("rules.address.street_empty")
    if len(tidy) > MAX_STREET_LENGTH:
        raise KioskError("rules.address.street_too_long", max=MAX_STREET_LENGTH)
    return Address(found_province.code, found_ward.code, tidy)


def format_address(address: Address) -> str:
    """ "street, ward, province" for reading back to a person."""
    return ", ".join([address.street, ward(address.ward_code).name, province(address.province_code).name])
