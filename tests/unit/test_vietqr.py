"""VietQR payloads: byte for byte against published NAPAS and bank examples, CRC, round trip, corruption."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.errors import KioskError
from kiosk.receipt import payment_of
from kiosk.vietqr import build_vietqr, crc16_ccitt_false, parse_vietqr, purpose_text

# NAPAS, "Technical Specifications on NAPAS QR Switching, Part IV: QR Code Format", v1.5.2 (Jan 2021),
# section 6.1 examples (IBFT to account / to card, static / dynamic), as reproduced verbatim in the
# compliance tests of github.com/binhnguyenduc/vietqr-ts (tests/compliance/napas-*.test.ts, citing
# qr_format_v1.5.2.md lines 925, 953, 981) and in several other public VietQR libraries.
NAPAS_STATIC_CARD = (
    "00020101021138600010A00000072701300006970403011697040311012345670208QRIBFTTC53037045802VN63044F52"
)
NAPAS_DYNAMIC_ACCOUNT = (
    "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA"
    "530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E"
)
NAPAS_DYNAMIC_CARD = (
    "00020101021238600010A00000072701300006970403011697040311012345670208QRIBFTTC"
    "530370454061800005802VN62340107NPS68690819thanh toan don hang6304A203"
)
# The spec's static-account example (6.1.1) says "0112" before the 13-digit account 0011012345678: a
# length typo. Its printed CRC F4E5 is right for the text as printed; the well-formed code is 9E6F.
NAPAS_STATIC_ACCOUNT_AS_PRINTED = (
    "00020101021138570010A00000072701270006970403011200110123456780208QRIBFTTA53037045802VN6304F4E5"
)
NAPAS_STATIC_ACCOUNT = (
    "00020101021138570010A00000072701270006970403011300110123456780208QRIBFTTA53037045802VN63049E6F"
)
# github.com/xuannghia/vietnam-qr-pay README (the common npm library): ACB 970416, account 257678859.
ACB_STATIC = "00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F"
ACB_DYNAMIC_10000 = (
    "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA"
    "53037045405100005802VN62150811Chuyen tien630453E6"
)
ACB_DYNAMIC_1000 = (
    "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA"
    "5303704540410005802VN62150811Chuyen tien6304BBB8"
)
# github.com/jocelynTV/dynamic-vietqr README: a dynamic code with a purpose and no bill number.
DYNAMIC_ORDER = (
    "00020101021238530010A0000007270123000697040301090123456780208QRIBFTTA"
    "530370454061000005802VN62090805order6304D44C"
)
# Codes scanned from bank apps, quoted in a public VietQR decoder (MB Bank prints its CRC in lower case).
MB_STATIC = "00020101021138540010A00000072701240006970422011009119673630208QRIBFTTA53037045802VN63046ad9"
AGRIBANK_STATIC = (
    "00020101021138570010A00000072701270006970405011322082054793800208QRIBFTTA53037045802VN630497A6"
)
# Read-only: Techcombank adds MCC/name/city (52, 59, 60); MoMo routes through an alphanumeric
# BVBank account (xuannghia/vietnam-qr-pay README).
TECHCOMBANK_STATIC = (
    "00020101021138540010A00000072701240006970407011014137171110208QRIBFTTA"
    "5204601153037045802VN5903TCB6005Hanoi6304bb7d"
)
MOMO_STATIC = (
    "00020101021138620010A00000072701320006970454011899MM24011M348750800208QRIBFTTA"
    "53037045802VN62190515MOMOW2W3487508080030466304EBC8"
)


def test_crc_check_value() -> None:
    assert crc16_ccitt_false("123456789") == 0x29B1
    assert crc16_ccitt_false("") == 0xFFFF


@pytest.mark.parametrize(
    ("expected", "kwargs"),
    [
        (NAPAS_STATIC_ACCOUNT, {"bank_bin": "970403", "account": "0011012345678"}),
        (NAPAS_STATIC_CARD, {"bank_bin": "970403", "account": "9704031101234567", "service": "card"}),
        (
            NAPAS_DYNAMIC_ACCOUNT,
            {
                "bank_bin": "970403",
                "account": "0011012345678",
                "amount_vnd": 180000,
                "bill_number": "NPS6869",
                "purpose": "thanh toan don hang",
            },
        ),
        (
            NAPAS_DYNAMIC_CARD,
            {
                "bank_bin": "970403",
                "account": "9704031101234567",
                "service": "card",
                "amount_vnd": 180000,
                "bill_number": "NPS6869",
                "purpose": "thanh toan don hang",
            },
        ),
        (ACB_STATIC, {"bank_bin": "970416", "account": "257678859"}),
        (
            ACB_DYNAMIC_10000,
            {"bank_bin": "970416", "account": "257678859", "amount_vnd": 10000, "purpose": "Chuyen tien"},
        ),
        (
            ACB_DYNAMIC_1000,
            {"bank_bin": "970416", "account": "257678859", "amount_vnd": 1000, "purpose": "Chuyen tien"},
        ),
        (
            DYNAMIC_ORDER,
            {"bank_bin": "970403", "account": "012345678", "amount_vnd": 100000, "purpose": "order"},
        ),
        (MB_STATIC.upper(), {"bank_bin": "970422", "account": "0911967363"}),
        (AGRIBANK_STATIC, {"bank_bin": "970405", "account": "2208205479380"}),
    ],
)
def test_builder_reproduces_published_codes_byte_for_byte(expected: str, kwargs: dict[str, object]) -> None:
    payload = build_vietqr(**kwargs)  # type: ignore[arg-type]
    assert payload == expected


def test_the_napas_static_account_example_as_printed() -> None:
    body = NAPAS_STATIC_ACCOUNT_AS_PRINTED[:-4]
    assert f"{crc16_ccitt_false(body):04X}" == "F4E5"  # the CRC NAPAS printed is right for its text...
    with pytest.raises(KioskError) as caught:  # ...but the text does not parse: "0112" is a typo
        parse_vietqr(NAPAS_STATIC_ACCOUNT_AS_PRINTED)
    assert caught.value.key == "payment.bad_code"


def test_parse_reads_the_napas_dynamic_card_example() -> None:
    code = parse_vietqr(NAPAS_DYNAMIC_CARD)
    assert (code.bank_bin, code.account, code.service) == ("970403", "9704031101234567", "card")
    assert (code.dynamic, code.amount_vnd) == (True, 180000)
    assert (code.purpose, code.bill_number, code.crc) == ("thanh toan don hang", "NPS6869", "A203")


@pytest.mark.parametrize(
    ("payload", "bank_bin", "account"),
    [
        (MB_STATIC, "970422", "0911967363"),
        (TECHCOMBANK_STATIC, "970407", "1413717111"),
        (MOMO_STATIC, "970454", "99MM24011M34875080"),
    ],
)
def test_parse_reads_codes_from_bank_apps(payload: str, bank_bin: str, account: str) -> None:
    code = parse_vietqr(payload)
    assert (code.bank_bin, code.account, code.dynamic, code.amount_vnd) == (bank_bin, account, False, None)


def test_static_without_amount_dynamic_with_one() -> None:
    assert build_vietqr("970415", "113000099999")[:12] == "000201010211"
    dynamic = build_vietqr("970415", "113000099999", amount_vnd=50000, purpose="DVC G22.99-260101-0001")
    assert dynamic[:12] == "000201010212"
    assert "540550000" in dynamic  # whole đồng, no decimals
    assert parse_vietqr(dynamic).purpose == "DVC G22.99-260101-0001"  # the portal's reference, kept whole


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Lệ phí hộ tịch", "Le phi ho tich"),
        ("ĐĂNG KÝ KẾT HÔN", "DANG KY KET HON"),
        ("Nộp phí: 2.000815 / Bà Hoa!", "Nop phi 2.000815 Ba Hoa"),
        ("DVC G22.99-260101-0001", "DVC G22.99-260101-0001"),
    ],
)
def test_purpose_is_plain_ascii(text: str, folded: str) -> None:
    assert purpose_text(text) == folded
    assert parse_vietqr(build_vietqr("970415", "1130", amount_vnd=1, purpose=text)).purpose == folded


@pytest.mark.parametrize(
    ("kwargs", "key"),
    [
        ({"bank_bin": "97041", "account": "1"}, "payment.bad_bin"),
        ({"bank_bin": "97O415", "account": "1"}, "payment.bad_bin"),
        ({"bank_bin": "970415", "account": "1234 5678"}, "payment.bad_account"),
        ({"bank_bin": "970415", "account": "1" * 20}, "payment.bad_account"),
        ({"bank_bin": "970415", "account": ""}, "payment.bad_account"),
        ({"bank_bin": "970415", "account": "1", "amount_vnd": 0}, "payment.bad_amount"),
        ({"bank_bin": "970415", "account": "1", "amount_vnd": -5}, "payment.bad_amount"),
        ({"bank_bin": "970415", "account": "1", "purpose": "x" * 26}, "payment.reference_too_long"),
        ({"bank_bin": "970415", "account": "1", "bill_number": "x" * 26}, "payment.reference_too_long"),
    ],
)
def test_refuses_what_a_bank_app_would_not_take(kwargs: dict[str, object], key: str) -> None:
    with pytest.raises(KioskError) as caught:
        build_vietqr(**kwargs)  # type: ignore[arg-type]
    assert caught.value.key == key
    assert caught.value.message("vi") != key  # a catalogued message, not the bare key


def test_a_value_over_99_characters_is_refused() -> None:
    # Only the amount can grow that long once the other fields are checked.
    with pytest.raises(KioskError) as caught:
        build_vietqr("970415", "1", amount_vnd=10**100)
    assert caught.value.key == "payment.field_too_long"


@pytest.mark.parametrize(
    "payload",
    [
        "",
        "6304",
        NAPAS_DYNAMIC_CARD[:-1],
        NAPAS_DYNAMIC_CARD + "0",
        "hello world 6304ABCD",
        "0002016304" + "ZZZZ",
    ],
)
def test_parse_refuses_what_is_not_a_vietqr(payload: str) -> None:
    with pytest.raises(KioskError):
        parse_vietqr(payload)


def test_parse_refuses_a_good_crc_over_a_foreign_code() -> None:
    body = "000201010211" + "5303840" + "5802US" + "6304"  # well formed EMVCo, not a VietQR
    with pytest.raises(KioskError):
        parse_vietqr(f"{body}{crc16_ccitt_false(body):04X}")


_DIGITS = st.text("0123456789", min_size=1, max_size=19)
_PURPOSE = st.text(st.characters(codec="utf-8"), max_size=40).filter(
    lambda text: len(purpose_text(text)) <= 25
)


@settings(max_examples=150, deadline=None)
@given(
    bank_bin=st.text("0123456789", min_size=6, max_size=6),
    account=_DIGITS,
    card=st.booleans(),
    amount=st.one_of(st.none(), st.integers(1, 10**12)),
    purpose=_PURPOSE,
)
def test_build_then_parse_round_trips(
    bank_bin: str, account: str, card: bool, amount: int | None, purpose: str
) -> None:
    payload = build_vietqr(
        bank_bin, account, amount_vnd=amount, purpose=purpose, service="card" if card else "account"
    )
    assert payload.isascii()
    code = parse_vietqr(payload)
    assert (code.bank_bin, code.account, code.service) == (bank_bin, account, "card" if card else "account")
    assert (code.dynamic, code.amount_vnd) == (amount is not None, amount)
    assert code.purpose == (purpose_text(purpose) or None)


@settings(max_examples=200, deadline=None)
@given(data=st.data(), amount=st.integers(1, 10**9))
def test_any_single_character_change_fails_the_check(data: st.DataObject, amount: int) -> None:
    payload = build_vietqr("970415", "113000099999", amount_vnd=amount, purpose="DVC G22.99-260101-0001")
    at = data.draw(st.integers(0, len(payload) - 1), label="position")
    alphabet = "0123456789ABCDEFabcdef .-QRVN"
    replacement = data.draw(st.sampled_from(alphabet).filter(lambda ch: ch != payload[at]), label="char")
    corrupted = payload[:at] + replacement + payload[at + 1 :]
    if at >= len(payload) - 4 and corrupted[-4:].upper() == payload[-4:]:
        return  # only the case of a CRC hex digit changed: the same number
    with pytest.raises(KioskError):
        parse_vietqr(corrupted)


def _portal(amount: int, **changes: str) -> dict[str, object]:
    given = {"payee_name": "UBND", "bank_bin": "970415", "account": "113000099999", "reference": "DVC X-1"}
    return {"fee": {"amount": amount, "currency": "VND"}, "payment": given | changes}


def test_a_receipt_payment_gets_a_code_only_when_a_bank_app_would_take_it() -> None:
    paid = payment_of(_portal(2000))
    assert paid is not None and paid.vietqr is not None
    assert parse_vietqr(paid.vietqr).purpose == "DVC X-1"
    for portal in (_portal(0), _portal(2000, bank_bin=""), _portal(2000, reference="R" * 26)):
        kept = payment_of(portal)
        assert kept is not None and kept.vietqr is None  # the details stay printed as text
    assert payment_of(None) is None and payment_of({"payment": None}) is None
