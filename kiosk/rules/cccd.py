"""CCCD (căn cước công dân) numbers and the chip card's QR code."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Literal

from kiosk.errors import KioskError
from kiosk.text import search_key

Gender = Literal["male", "female"]

# Codes of the 63 provinces before the 2025 merger: a CCCD keeps the code of the province where the
# birth was registered, so these never change with the 2025 units.
OLD_PROVINCE_CODES: dict[str, str] = {
    "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn", "008": "Tuyên Quang",
    "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu", "014": "Sơn La", "015": "Yên Bái",
    "017": "Hòa Bình", "019": "Thái Nguyên", "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang",
    "025": "Phú Thọ", "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
    "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định", "037": "Ninh Bình",
    "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh", "044": "Quảng Bình", "045": "Quảng Trị",
    "046": "Thừa Thiên Huế", "048": "Đà Nẵng", "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định",
    "054": "Phú Yên", "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
    "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng", "070": "Bình Phước",
    "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai", "077": "Bà Rịa-Vũng Tàu",
    "079": "TP Hồ Chí Minh", "080": "Long An", "082": "Tiền Giang", "083": "Bến Tre", "084": "Trà Vinh",
    "086": "Vĩnh Long", "087": "Đồng Tháp", "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ",
    "093": "Hậu Giang", "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}  # fmt: skip

# Circular 07/2016/TT-BCA: the 4th digit is the century of birth (20th … 24th) and the gender,
# even for men and odd for women.
_CENTURY_START = {0: 1900, 1: 2000, 2: 2100, 3: 2200, 4: 2300}


def _century_label(first_year: int) -> str:
    return f"{first_year // 100}xx"


def birth_year_of(number: str) -> int:
    """Birth year encoded in an already validated 12-digit number."""
    return _CENTURY_START[int(number[3]) // 2] + int(number[4:6])


def gender_of(number: str) -> Gender:
    """Gender encoded in an already validated 12-digit number."""
    return "male" if int(number[3]) % 2 == 0 else "female"


def century_digit(year: int, gender: Gender) -> int:
    """The 4th digit a number carries for a person born in `year` with `gender`."""
    return ((year - 1900) // 100) * 2 + (0 if gender == "male" else 1)


def validate_cccd(
    number: str,
    *,
    date_of_birth: date | None = None,
    gender: Gender | None = None,
    today: date | None = None,
) -> str:
    """Return the 12-digit number without spaces, or raise KioskError saying what to fix.

    With `date_of_birth` and `gender`, check that the number agrees with them. The messages never
    contain the number: they may reach a log.
    """
    digits = "".join(number.split())
    if not digits:
        raise KioskError("rules.cccd.empty")
    if not digits.isascii() or not digits.isdigit():
        raise KioskError("rules.cccd.not_digits")
    if len(digits) != 12:
        raise KioskError("rules.cccd.length")
    if digits[:3] not in OLD_PROVINCE_CODES:
        raise KioskError("rules.cccd.province")
    year = birth_year_of(digits)
    if year > (today or date.today()).year:
        raise KioskError("rules.cccd.future_year")
    if date_of_birth is not None:
        if year // 100 != date_of_birth.year // 100:
            raise KioskError(
                "rules.cccd.century_mismatch",
                in_number=_century_label(year),
                entered=_century_label(date_of_birth.year),
            )
        if year != date_of_birth.year:
            raise KioskError("rules.cccd.year_mismatch")
    if gender is not None and gender_of(digits) != gender:
        raise KioskError("rules.cccd.gender_mismatch")
    return digits


_VN_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")


def has_vietnamese_diacritics(text: str) -> bool:
    """True when `text` holds at least one letter with a Vietnamese mark, or đ/Đ."""
    if "đ" in text or "Đ" in text:
        return True
    return any(ch in _VN_MARKS for ch in unicodedata.normalize("NFD", text))


def _unmarked(text: str) -> bool:
    return any(ch.isalpha() for ch in text) and not has_vietnamese_diacritics(text)


@dataclass(frozen=True)
class CccdCard:
    """What a CCCD chip card's QR code tells: identity, birth, address printed on the card, issue date."""

    id_number: str
    old_id_number: str | None
    full_name: str
    date_of_birth: date
    gender: Gender
    address: str
    issued_on: date

    @property
    def name_diacritics_missing(self) -> bool:
        """True when the name has letters but no Vietnamese mark: a scanner in keyboard mode dropped them
        ("Trn Vn Minh"), and the person must correct it. Judged apart from the address, whose one "à" in
        "Hàng Bài" hid a name without a single mark."""
        return _unmarked(self.full_name)

    @property
    def address_diacritics_missing(self) -> bool:
        """True when the address has letters but no Vietnamese mark (see `name_diacritics_missing`)."""
        return _unmarked(self.address)

    def __repr__(self) -> str:
        # The default repr would print a person's identity into tracebacks and logs.
        return "CccdCard(<personal data hidden>)"


def _qr_date(text: str, key: str) -> date:
    if len(text) != 8 or not text.isascii() or not text.isdigit():
        raise KioskError(key)
    try:
        return date(int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError:
        raise KioskError(key) from None


def _qr_gender(text: str) -> Gender:
    """The card's "Nam" or "Nữ", also as a scanner in keyboard mode sends it: "Nu", or "N" (or "N?") when it
    drops the letter "ữ" altogether, which "Nam" (plain ASCII) never loses. The number's gender digit
    is checked against it afterwards."""
    letters = "".join(ch for ch in search_key(text) if "a" <= ch <= "z")
    if letters == "nam":
        return "male"
    if letters in ("nu", "n"):
        return "female"
    raise KioskError("rules.qr.gender")


_QR_NUMBER_KEYS = {
    "rules.cccd.century_mismatch": "rules.qr.number_year_mismatch",
    "rules.cccd.year_mismatch": "rules.qr.number_year_mismatch",
    "rules.cccd.gender_mismatch": "rules.qr.number_gender_mismatch",
}


def parse_cccd_qr(payload: str, *, today: date | None = None) -> CccdCard:
    """Read the QR code of a CCCD chip card (7 fields joined by '|'), or raise KioskError."""
    today = today or date.today()
    fields = [f.strip() for f in unicodedata.normalize("NFC", payload.strip()).split("|")]
    if len(fields) != 7:
        raise KioskError("rules.qr.field_count", count=len(fields))
    number, old_number, full_name, birth, gender_text, address, issued = fields
    if len(number) != 12 or not number.isascii() or not number.isdigit():
        raise KioskError("rules.qr.bad_number")
    if old_number and not (len(old_number) in (9, 12) and old_number.isascii() and old_number.isdigit()):
        raise KioskError("rules.qr.bad_old_number")
    if not full_name or not any(ch.isalpha() for ch in full_name):
        raise KioskError("rules.qr.no_name")
    date_of_birth = _qr_date(birth, "rules.qr.bad_birth_date")
    issued_on = _qr_date(issued, "rules.qr.bad_issue_date")
    if date_of_birth > today:
        raise KioskError("rules.qr.birth_in_future")
    if issued_on < date_of_birth:
        raise KioskError("rules.qr.issued_before_birth")
    if issued_on > today:
        raise KioskError("rules.qr.issued_in_future")
    gender = _qr_gender(gender_text)
    try:
        validate_cccd(number, date_of_birth=date_of_birth, gender=gender, today=today)
    except KioskError as err:
        raise KioskError(_QR_NUMBER_KEYS.get(err.key, "rules.qr.bad_number")) from None
    return CccdCard(
        id_number=number,
        old_id_number=old_number or None,
        full_name=full_name,
        date_of_birth=date_of_birth,
        gender=gender,
        address=address,
        issued_on=issued_on,
    )


def _ddmmyyyy(d: date) -> str:
    return f"{d.day:02d}{d.month:02d}{d.year:04d}"


def build_cccd_qr(card: CccdCard) -> str:
    """The QR payload a card with these details carries (for tests, samples and the sandbox)."""
    return "|".join(
        [
            card.id_number,
            card.old_id_number or "",
            card.full_name,
            _ddmmyyyy(card.date_of_birth),
            "Nam" if card.gender == "male" else "Nữ",
            card.address,
            _ddmmyyyy(card.issued_on),
        ]
    )
