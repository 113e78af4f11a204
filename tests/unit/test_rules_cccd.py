"""CCCD numbers and chip-card QR codes: real-format examples and generated cards."""

from __future__ import annotations

import contextlib
import unicodedata
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.errors import KioskError
from kiosk.rules.cccd import (
    OLD_PROVINCE_CODES,
    CccdCard,
    Gender,
    build_cccd_qr,
    century_digit,
    parse_cccd_qr,
    validate_cccd,
)

TODAY = date(2026, 11, 22)
SETTINGS = settings(max_examples=150, deadline=None)


def test_old_province_list_has_the_63_codes() -> None:
    assert len(OLD_PROVINCE_CODES) == 63
    assert OLD_PROVINCE_CODES["001"] == "Hà Nội"
    assert OLD_PROVINCE_CODES["079"] == "TP Hồ Chí Minh"
    assert OLD_PROVINCE_CODES["096"] == "Cà Mau"
    assert "003" not in OLD_PROVINCE_CODES


def test_real_format_examples_validate_and_cross_check() -> None:
    assert validate_cccd("001095012345", date_of_birth=date(1995, 6, 1), gender="male") == "001095012345"
    assert validate_cccd("079301001234", date_of_birth=date(2001, 1, 9), gender="female") == "079301001234"


def test_spaces_are_removed() -> None:
    assert validate_cccd(" 001 095 012 345 ") == "001095012345"


@pytest.mark.parametrize(
    ("number", "key"),
    [
        ("00109501234", "rules.cccd.length"),
        ("0010950123456", "rules.cccd.length"),
        ("", "rules.cccd.empty"),
        ("   ", "rules.cccd.empty"),
        ("00109501234O", "rules.cccd.not_digits"),
        ("001-095-012345", "rules.cccd.not_digits"),
        ("００１０９５０１２３４５", "rules.cccd.not_digits"),  # full-width digits are not ASCII digits
        ("003095012345", "rules.cccd.province"),
        ("099095012345", "rules.cccd.province"),
        ("001430012345", "rules.cccd.future_year"),  # born 2130
    ],
)
def test_malformed_numbers_get_their_own_error(number: str, key: str) -> None:
    with pytest.raises(KioskError) as caught:
        validate_cccd(number, today=TODAY)
    assert caught.value.key == key


def test_mismatch_with_date_of_birth_and_gender() -> None:
    with pytest.raises(KioskError) as caught:
        validate_cccd("001095012345", date_of_birth=date(1996, 1, 1))
    assert caught.value.key == "rules.cccd.year_mismatch"
    with pytest.raises(KioskError) as caught:
        validate_cccd("001095012345", date_of_birth=date(2095, 1, 1), today=date(2100, 1, 1))
    assert caught.value.key == "rules.cccd.century_mismatch"
    assert "19xx" in caught.value.message("vi") and "20xx" in caught.value.message("vi")
    with pytest.raises(KioskError) as caught:
        validate_cccd("001095012345", gender="female")
    assert caught.value.key == "rules.cccd.gender_mismatch"


def test_messages_say_how_to_fix_and_never_hold_the_number() -> None:
    with pytest.raises(KioskError) as caught:
        validate_cccd("0010950123")
    assert (
        caught.value.message("vi")
        == "Số thẻ căn cước phải có đúng 12 chữ số. Vui lòng kiểm tra lại trên thẻ."
    )
    assert "0010950123" not in str(caught.value)


codes = st.sampled_from(sorted(OLD_PROVINCE_CODES))
genders: st.SearchStrategy[Gender] = st.sampled_from(["male", "female"])
births = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)


@st.composite
def people(draw: st.DrawFn) -> tuple[str, date, Gender]:
    born, gender = draw(births), draw(genders)
    serial = draw(st.integers(0, 999_999))
    number = f"{draw(codes)}{century_digit(born.year, gender)}{born.year % 100:02d}{serial:06d}"
    return number, born, gender


@SETTINGS
@given(people())
def test_generated_numbers_validate_and_cross_check(person: tuple[str, date, Gender]) -> None:
    number, born, gender = person
    assert validate_cccd(number, date_of_birth=born, gender=gender, today=TODAY) == number


@SETTINGS
@given(people(), st.integers(3, 5), st.integers(0, 9))
def test_any_change_to_century_or_year_digits_is_caught(
    person: tuple[str, date, Gender], position: int, digit: int
) -> None:
    number, born, gender = person
    if number[position] == str(digit):
        return
    mutated = number[:position] + str(digit) + number[position + 1 :]
    # Flipping only the gender parity of the 4th digit keeps the century: the gender check catches it.
    with pytest.raises(KioskError) as caught:
        validate_cccd(mutated, date_of_birth=born, gender=gender, today=TODAY)
    assert mutated not in str(caught.value)


@SETTINGS
@given(st.text(max_size=20))
def test_garbage_only_raises_kiosk_errors(text: str) -> None:
    try:
        validate_cccd(text, date_of_birth=date(1990, 1, 1), gender="male", today=TODAY)
    except KioskError as err:
        # Short inputs ("1", "A") occur in any sentence; a longer one must never be echoed.
        assert len(text.strip()) < 6 or text not in str(err)


# ---- chip-card QR ----

SAMPLE = "001095012345|123456789|Nguyễn Văn An|15061995|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|10082021"


def test_parse_real_format_payload() -> None:
    card = parse_cccd_qr(SAMPLE + "\r\n", today=TODAY)
    assert card.id_number == "001095012345"
    assert card.old_id_number == "123456789"
    assert card.full_name == "Nguyễn Văn An"
    assert card.date_of_birth == date(1995, 6, 15)
    assert card.gender == "male"
    assert card.address.startswith("Số 1 Tràng Tiền")
    assert card.issued_on == date(2021, 8, 10)
    assert not card.name_diacritics_missing and not card.address_diacritics_missing
    assert "Nguyễn" not in repr(card) and "001095012345" not in repr(card)


def test_empty_old_number_and_keyboard_mode_scanner() -> None:
    payload = "079301001234||TRAN THI BICH|09012001|NU|12 Nguyen Hue, Ben Nghe, Quan 1, TP HCM|01022022"
    card = parse_cccd_qr(payload, today=TODAY)
    assert card.old_id_number is None
    assert card.gender == "female"
    assert card.name_diacritics_missing and card.address_diacritics_missing


def test_a_name_without_accents_is_caught_even_when_the_address_kept_one() -> None:
    """A scanner dropped "ầ", "ă" (and their letters) from the name; "Hàng Bài" kept its "à"."""
    payload = "001090012345||Trn Vn Minh|15061990|Nam|S 5 ph Hàng Bài, Hoàn Kiếm, Hà Nội|10082021"
    card = parse_cccd_qr(payload, today=TODAY)
    assert card.name_diacritics_missing and not card.address_diacritics_missing


def _replace(index: int, value: str) -> str:
    fields = SAMPLE.split("|")
    fields[index] = value
    return "|".join(fields)


@pytest.mark.parametrize(
    ("payload", "key"),
    [
        ("001095012345|Nguyễn Văn An|15061995|Nam|Hà Nội|10082021", "rules.qr.field_count"),
        (SAMPLE + "|", "rules.qr.field_count"),
        ("https://example.vn", "rules.qr.field_count"),
        (_replace(0, "00109501234"), "rules.qr.bad_number"),
        (_replace(0, "003095012345"), "rules.qr.bad_number"),
        (_replace(1, "12345"), "rules.qr.bad_old_number"),
        (_replace(2, ""), "rules.qr.no_name"),
        (_replace(3, "31021995"), "rules.qr.bad_birth_date"),
        (_replace(3, "1506195"), "rules.qr.bad_birth_date"),
        (_replace(6, "2021-08-10"), "rules.qr.bad_issue_date"),
        (_replace(0, "001295012345").replace("15061995", "15062095"), "rules.qr.birth_in_future"),
        (_replace(6, "01011990"), "rules.qr.issued_before_birth"),
        (_replace(6, "01012030"), "rules.qr.issued_in_future"),
        (_replace(4, "Khác"), "rules.qr.gender"),
        (_replace(4, ""), "rules.qr.gender"),
        (_replace(4, "Na"), "rules.qr.gender"),
        (_replace(3, "15061996"), "rules.qr.number_year_mismatch"),
        (_replace(4, "Nữ"), "rules.qr.number_gender_mismatch"),
    ],
)
def test_bad_payloads_get_their_own_reason(payload: str, key: str) -> None:
    with pytest.raises(KioskError) as caught:
        parse_cccd_qr(payload, today=TODAY)
    assert caught.value.key == key
    assert "001095012345" not in str(caught.value) and "Nguyễn" not in str(caught.value)


@pytest.mark.parametrize("spelling", ["Nam", "NAM", "nam", " Nam "])
def test_male_spellings(spelling: str) -> None:
    assert parse_cccd_qr(_replace(4, spelling), today=TODAY).gender == "male"


@pytest.mark.parametrize("spelling", ["Nữ", "NỮ", "Nu", "NU", "nu", "N", "N?", "n"])
def test_female_spellings_survive_lost_diacritics(spelling: str) -> None:
    payload = _replace(4, spelling).replace("001095012345", "001195012345")
    assert parse_cccd_qr(payload, today=TODAY).gender == "female"


names = st.text(
    alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệốồổỗộứừửữự ")),
    min_size=2,
    max_size=40,
).filter(lambda s: s.strip() == s and any(ch.isalpha() for ch in s))
addresses = st.text(alphabet=st.characters(blacklist_characters="|", blacklist_categories=("Cs",))).filter(
    # The parser trims each field and composes to NFC, as a real card's text already is.
    lambda s: s.strip() == s and unicodedata.normalize("NFC", s) == s
)


@st.composite
def cards(draw: st.DrawFn) -> CccdCard:
    number, born, gender = draw(people())
    issued = draw(st.dates(min_value=born, max_value=TODAY))
    old = draw(st.one_of(st.none(), st.from_regex(r"\A[0-9]{9}\Z")))
    return CccdCard(number, old, draw(names), born, gender, draw(addresses), issued)


@SETTINGS
@given(cards())
def test_generated_cards_round_trip(card: CccdCard) -> None:
    assert parse_cccd_qr(build_cccd_qr(card), today=TODAY) == card


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("0123456789|ANamNữu \r\n")), max_size=80) | st.text(max_size=80))
def test_garbage_payloads_only_raise_kiosk_errors(payload: str) -> None:
    with contextlib.suppress(KioskError):
        parse_cccd_qr(payload, today=TODAY)


def test_birth_date_today_is_accepted() -> None:
    born = TODAY - timedelta(days=0)
    number = f"001{century_digit(born.year, 'male')}{born.year % 100:02d}000001"
    payload = f"{number}||Lò Văn Pá|{born:%d%m%Y}|Nam|Bản Mường, Sơn La|{born:%d%m%Y}"
    assert parse_cccd_qr(payload, today=TODAY).date_of_birth == born
