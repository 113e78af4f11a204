"""VietQR (NAPAS, EMVCo merchant-presented) payment codes: build a payload, and read one back."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from kiosk.errors import KioskError

Service = Literal["account", "card"]

NAPAS_GUID = "A000000727"
SERVICE_CODES: dict[Service, str] = {"account": "QRIBFTTA", "card": "QRIBFTTC"}
STATIC, DYNAMIC = "11", "12"
PURPOSE_MAX = 25  # NAPAS: ID 62-08 "purpose of transaction" is at most 25 characters
_VALUE_MAX = 99  # a TLV length has two digits
_BIN = re.compile(r"[0-9]{6}")
_ACCOUNT = re.compile(r"[0-9]{1,19}")
# The portal's references carry '-' and '.' (e.g. "DVC G22.99-260101-0001"); bank apps pass them
# through, and dropping them would break the office's reconciliation.
_PURPOSE_DROP = re.compile(r"[^0-9A-Za-z .\-]+")
_SPACES = re.compile(r" {2,}")
_TAG_AND_LENGTH = re.compile(r"[0-9]{4}")


@dataclass(frozen=True)
class VietQR:
    """The fields of a VietQR payment code, as read back by `parse_vietqr`."""

    bank_bin: str
    account: str
    service: Service
    dynamic: bool
    amount_vnd: int | None
    purpose: str | None
    bill_number: str | None
    crc: str


def crc16_ccitt_false(data: str) -> int:
    """CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor) of `data` as UTF-8."""
    crc = 0xFFFF
    for byte in data.encode("utf-8"):
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def purpose_text(text: str) -> str:
    """`text` made safe for any bank app: Vietnamese folded to ASCII (đ→d, no marks), only letters,
    digits, spaces, '-' and '.' kept, spaces collapsed. "Lệ phí hộ tịch" → "Le phi ho tich"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", _PURPOSE_DROP.sub(" ", stripped)).strip()


def build_vietqr(
    bank_bin: str,
    account: str,
    *,
    amount_vnd: int | None = None,
    purpose: str | None = None,
    service: Service = "account",
    bill_number: str | None = None,
) -> str:
    """The VietQR payload: static (ID 01 = 11) without an amount, dynamic (12) with one.

    KioskError("payment.*") when a field cannot be put in a code a bank app will accept.
    """
    if not _BIN.fullmatch(bank_bin):
        raise KioskError("payment.bad_bin")
    if not _ACCOUNT.fullmatch(account):
        raise KioskError("payment.bad_account")
    if amount_vnd is not None and (isinstance(amount_vnd, bool) or amount_vnd <= 0):
        raise KioskError("payment.bad_amount")
    beneficiary = _tlv("00", bank_bin) + _tlv("01", account)
    merchant = _tlv("00", NAPAS_GUID) + _tlv("01", beneficiary) + _tlv("02", SERVICE_CODES[service])
    parts = [
        _tlv("00", "01"),
        _tlv("01", STATIC if amount_vnd is None else DYNAMIC),
        _tlv("38", merchant),
        _tlv("53", "704"),
    ]
    if amount_vnd is not None:
        parts.append(_tlv("54", str(amount_vnd)))  # VND has no minor unit: whole đồng, no decimals
    parts.append(_tlv("58", "VN"))
    additional = ""
    if bill_number:
        additional += _tlv("01", _short(purpose_text(bill_number)))
    folded = purpose_text(purpose) if purpose else ""
    if folded:
        additional += _tlv("08", _short(folded))
    if additional:
        parts.append(_tlv("62", additional))
    body = "".join(parts) + "6304"
    return f"{body}{crc16_ccitt_false(body):04X}"


def parse_vietqr(payload: str) -> VietQR:
    """Read a VietQR payload back; KioskError("payment.bad_code") if it is not one or its CRC is wrong."""
    if len(payload) < 8 or payload[-8:-4] != "6304":
        raise KioskError("payment.bad_code")
    crc = payload[-4:]
    if not re.fullmatch(r"[0-9A-Fa-f]{4}", crc) or int(crc, 16) != crc16_ccitt_false(payload[:-4]):
        raise KioskError("payment.bad_code")
    root = _fields(payload[:-8])
    merchant = _fields(root.get("38", ""))
    beneficiary = _fields(merchant.get("01", ""))
    services = {code: name for name, code in SERVICE_CODES.items()}
    service = services.get(merchant.get("02", ""))
    bank_bin, account = beneficiary.get("00", ""), beneficiary.get("01", "")
    if (
        root.get("00") != "01"
        or root.get("01") not in (STATIC, DYNAMIC)
        or merchant.get("00") != NAPAS_GUID
        or service is None
        or not _BIN.fullmatch(bank_bin)
        or not account
        or root.get("53") != "704"
        or root.get("58") != "VN"
    ):
        raise KioskError("payment.bad_code")
    amount = root.get("54")
    if amount is not None and not re.fullmatch(r"[0-9]+(\.[0-9]+)?", amount):
        raise KioskError("payment.bad_code")
    additional = _fields(root.get("62", ""))
    return VietQR(
        bank_bin=bank_bin,
        account=account,
        service=service,
        dynamic=root["01"] == DYNAMIC,
        amount_vnd=None if amount is None else int(Decimal(amount)),
        purpose=additional.get("08"),
        bill_number=additional.get("01"),
        crc=crc.upper(),
    )


def _short(value: str) -> str:
    if len(value) > PURPOSE_MAX:
        raise KioskError("payment.reference_too_long", limit=PURPOSE_MAX)
    return value


def _tlv(tag: str, value: str) -> str:
    if not value or len(value) > _VALUE_MAX:
        raise KioskError("payment.field_too_long", limit=_VALUE_MAX)
    return f"{tag}{len(value):02d}{value}"


def _fields(data: str) -> dict[str, str]:
    """One level of ID/length/value objects; KioskError("payment.bad_code") if they do not add up."""
    fields: dict[str, str] = {}
    at = 0
    while at < len(data):
        tag, size = data[at : at + 2], data[at + 2 : at + 4]
        if not _TAG_AND_LENGTH.fullmatch(tag + size) or at + 4 + int(size) > len(data):
            raise KioskError("payment.bad_code")
        fields[tag] = data[at + 4 : at + 4 + int(size)]
        at += 4 + int(size)
    return fields
