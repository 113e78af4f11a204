"""Vietnamese mobile numbers: accept what people type, keep the 10-digit national form."""

from __future__ import annotations

import re

from kiosk.errors import KioskError

# Separators people write inside a number: "0912 345 678", "091.234.5678", "(+84) 912-345-678".
_SEPARATORS = re.compile(r"[\s.\-()]+")
MOBILE_PREFIXES = ("03", "05", "07", "08", "09")


def normalize_phone(text: str) -> str:
    """Return the national form `0xxxxxxxxx` of a mobile number, or raise KioskError saying what to fix.

    "+84 912 345 678", "84912345678", "0084912345678" and "+84 (0) 912 345 678" all give "0912345678".
    """
    compact = _SEPARATORS.sub("", text)
    if not compact:
        raise KioskError("rules.phone.empty")
    international = compact.startswith(("+84", "0084"))
    digits = compact.removeprefix("+").removeprefix("00") if international else compact
    if not digits.isascii() or not digits.isdigit():
        raise KioskError("rules.phone.chars")
    if international or (digits.startswith("84") and len(digits) in (11, 12)):
        # The country code replaces the leading 0; some people keep the 0 after it as well.
        digits = "0" + digits[2:].removeprefix("0")
    # A landline (02x, 11 digits) is told apart from a mistyped mobile number by its prefix.
    if len(digits) >= 2 and not digits.startswith(MOBILE_PREFIXES):
        raise KioskError("rules.phone.not_mobile")
    if len(digits) != 10:
        raise KioskError("rules.phone.length")
    return digits
