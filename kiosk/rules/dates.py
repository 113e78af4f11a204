"""Dates as people in Vietnam write them (dd/mm/yyyy) and as the portal wants them (YYYY-MM-DD)."""

from __future__ import annotations

import re
from datetime import date

from kiosk.errors import KioskError

_DMY = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DDMMYYYY = re.compile(r"(\d{2})(\d{2})(\d{4})")  # 8 digits, as the CCCD's QR code writes a date


def parse_date(
    text: str,
    *,
    today: date | None = None,
    not_future: bool = False,
    not_before: date | None = None,
) -> date:
    """Read dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy, ddmmyyyy, and the contract's YYYY-MM-DD).

    Raises KioskError for a malformed text, a day that is not in the calendar (31/04, 29/02 outside
    leap years), a future date when `not_future`, or a date before `not_before`.
    """
    compact = "".join(text.split())
    if match := _DMY.fullmatch(compact):
        day, month, year = int(match[1]), int(match[3]), int(match[4])
    elif match := _ISO.fullmatch(compact):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    elif match := _DDMMYYYY.fullmatch(compact):
        day, month, year = int(match[1]), int(match[2]), int(match[3])
    else:
        raise KioskError("rules.date.format")
    if not 1 <= month <= 12:
        raise KioskError("rules.date.month")
    try:
        value = date(year, month, day)
    except ValueError:
        if month == 2 and day == 29:
            raise KioskError("rules.date.not_leap_year") from None
        raise KioskError("rules.date.no_such_day") from None
    if not_future and value > (today or date.today()):
        raise KioskError("rules.date.future")
    if not_before is not None and value < not_before:
        raise KioskError("rules.date.too_early", earliest=format_date(not_before))
    return value


def parse_iso_date(text: str) -> date:
    """Read the contract's `YYYY-MM-DD` strictly, or raise KioskError."""
    if not _ISO.fullmatch(text):
        raise KioskError("rules.date.iso_format")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise KioskError("rules.date.no_such_day") from None


def format_date(value: date) -> str:
    """`dd/mm/yyyy`, as on Vietnamese forms."""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def to_iso(value: date) -> str:
    """`YYYY-MM-DD`, as in the portal contract."""
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
