"""CCCD intake without Qt: the keyboard-burst detector and the old→2025 address conversion."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.cccd_intake import (
    BurstDetector,
    Step,
    convert_card_address,
    read_card,
)
from kiosk.errors import KioskError
from kiosk.rules.cccd import CccdCard, build_cccd_qr
from kiosk.rules.units import province, ward

TODAY = date(2026, 11, 22)
SETTINGS = settings(max_examples=80, deadline=None)
CARD = CccdCard(
    id_number="001090012345",
    old_id_number="012345678",
    full_name="Nguyễn Văn An",
    date_of_birth=date(1990, 5, 17),
    gender="male",
    address="Tổ 5, Phường Phúc Xá, Quận Ba Đình, Hà Nội",
    issued_on=date(2021, 4, 10),
)
PAYLOAD = build_cccd_qr(CARD)


def type_into(detector: BurstDetector, text: str, gap: float, enter: bool = True) -> list[Step]:
    """Feed keys as the Qt filter does: after REPLAY the same key is fed again."""
    now, steps = 100.0, []
    for ch in text:
        now += gap
        steps.append(detector.key(ch, now))
        if steps[-1] is Step.REPLAY:
            steps.append(detector.key(ch, now))
    if enter:
        steps.append(detector.enter(now + gap))
    return steps


# --- the burst detector --------------------------------------------------------------------------------


def test_a_scanner_burst_is_one_scan_and_nothing_is_delivered() -> None:
    detector = BurstDetector()
    steps = type_into(detector, PAYLOAD, gap=0.008)
    assert steps[:-1] == [Step.HOLD] * len(PAYLOAD)
    assert steps[-1] is Step.SCAN
    assert detector.payload == PAYLOAD


def test_shift_presses_inside_a_burst_are_held_without_text() -> None:
    detector = BurstDetector()
    now = 0.0
    for ch in PAYLOAD:
        if ch == "|" or ch.isupper():
            now += 0.004
            assert detector.key("", now) is Step.HOLD  # Shift
        now += 0.004
        assert detector.key(ch, now) is Step.HOLD
    assert detector.enter(now + 0.004) is Step.SCAN
    assert detector.payload == PAYLOAD


def test_a_person_typing_digits_slowly_gets_every_key_back() -> None:
    detector = BurstDetector()
    steps = type_into(detector, "0912345678", gap=0.15, enter=False)
    # Each digit is held until the next one shows the pause; it is replayed, the new one held.
    assert steps == [Step.HOLD] + [Step.REPLAY, Step.HOLD] * 9
    assert detector.expire() is Step.REPLAY
    assert detector.expire() is Step.DELIVER  # nothing held any more


def test_letters_are_never_held() -> None:
    detector = BurstDetector()
    assert type_into(detector, "Nguyen Van An", gap=0.001, enter=False) == [Step.DELIVER] * 13


@pytest.mark.parametrize(
    "text",
    [
        "001090012345" + "0" * 40,  # fast digits but no '|': a number pasted or typed by a fast hand
        "0010900x2345|",  # a letter among the first digits
        "12345678901234567|abc",  # too many digits before the first '|'
    ],
)
def test_fast_text_that_cannot_be_a_card_is_replayed(text: str) -> None:
    detector = BurstDetector()
    steps = type_into(detector, text, gap=0.005, enter=False)
    assert Step.REPLAY in steps
    assert Step.SCAN not in steps


def test_a_short_burst_with_enter_is_replayed_not_scanned() -> None:
    detector = BurstDetector()
    steps = type_into(detector, "001090012345|x", gap=0.005)
    assert steps[-1] is Step.REPLAY


def test_a_pause_in_the_middle_breaks_the_burst() -> None:
    detector = BurstDetector()
    steps = type_into(detector, PAYLOAD[:20], gap=0.005, enter=False)
    assert detector.key(PAYLOAD[20], 100.0 + 20 * 0.005 + 0.5) is Step.REPLAY
    assert Step.SCAN not in steps


def test_the_detector_repr_hides_what_it_holds() -> None:
    detector = BurstDetector()
    type_into(detector, PAYLOAD[:30], gap=0.005, enter=False)
    assert "001090" not in repr(detector)


@SETTINGS
@given(st.text(alphabet="0123456789|abc Ấ", min_size=1, max_size=80), st.floats(0.05, 2.0))
def test_slow_typing_never_scans(text: str, gap: float) -> None:
    detector = BurstDetector()
    assert Step.SCAN not in type_into(detector, text, gap=gap)


# --- the address on the card ---------------------------------------------------------------------------

# (old address as printed on a card, 2025 province code, 2025 ward name in vietnam-provinces)
CERTAIN = [
    ("Tổ 5, Phường Phúc Xá, Quận Ba Đình, Hà Nội", "01", "Phường Hồng Hà"),
    ("Thôn Đông, Xã Tiên Phong, Huyện Ba Vì, Thành phố Hà Nội", "01", "Xã Quảng Oai"),
    ("Thon Dong, Xa Tien Phong, Huyen Ba Vi, Ha Noi", "01", "Xã Quảng Oai"),
    ("Số 12, Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh", "79", "Phường Sài Gòn"),
    ("Số 100, Phường Cầu Kho, Quận 1, Thành phố Hồ Chí Minh", "79", "Phường Cầu Ông Lãnh"),
    ("Ấp 2, Xã Tân Thạnh Tây, Huyện Củ Chi, Thành phố Hồ Chí Minh", "79", "Xã Phú Hòa Đông"),
    ("Khu 2, Thị trấn Sa Pa, Huyện Sa Pa, Lào Cai", "15", "Phường Sa Pa"),
    ("Thôn Bản Lầu, Xã Bản Lầu, Huyện Mường Khương, Lào Cai", "15", "Xã Bản Lầu"),
    ("Tổ 3, Phường Quang Trung, Thành phố Thái Nguyên, Thái Nguyên", "19", "Phường Phan Đình Phùng"),
    ("Tổ 1, Phường Tân Thịnh, Thành phố Hòa Bình, Hòa Bình", "25", "Phường Hòa Bình"),
    ("Thôn Trung, Xã Đông Hưng, Huyện Tiên Lãng, Thành phố Hải Phòng", "31", "Xã Chấn Hưng"),
    ("Xóm 3, Xã Nghi Phong, Huyện Nghi Lộc, Nghệ An", "40", "Phường Vinh Lộc"),
    ("Tổ dân phố 3, Phường Hải Châu I, Quận Hải Châu, Đà Nẵng", "48", "Phường Hải Châu"),
    ("Thôn 1, Xã Hòa Phú, Huyện Hòa Vang, Đà Nẵng", "48", "Xã Hòa Vang"),
    ("Buôn Ea Kmát, Xã Hòa Đông, Huyện Krông Pắc, Đắk Lắk", "66", "Xã Ea Knuếc"),
    ("Ấp Mỹ Hòa, Xã Mỹ Hội Đông, Huyện Chợ Mới, An Giang", "91", "Xã Nhơn Mỹ"),
    ("Ấp Long Hòa, Xã Long Thạnh, Huyện Phụng Hiệp, Hậu Giang", "92", "Xã Thạnh Hòa"),
    ("Số 5, Phường 1, Thành phố Bạc Liêu, Bạc Liêu", "96", "Phường Bạc Liêu"),
    ("Khóm 3, Phường 5, Thành phố Cà Mau, Cà Mau", "96", "Phường Tân Thành"),
]


@pytest.mark.parametrize(("old", "province_code", "ward_name"), CERTAIN)
def test_a_ward_that_went_whole_into_one_new_ward_is_converted(
    old: str, province_code: str, ward_name: str
) -> None:
    result = convert_card_address(old)
    assert result.certain
    assert result.province_code == province_code
    assert result.ward_code is not None
    found = ward(result.ward_code)
    assert found.name == ward_name
    assert found.province_code == province(province_code).code
    assert result.street == old.split(",", maxsplit=1)[0]


def test_a_split_ward_is_not_guessed_the_person_sees_the_candidates() -> None:
    result = convert_card_address("59 Nguyễn Sỹ Sách, Phường 15, Quận Tân Bình, TP. Hồ Chí Minh")
    assert not result.certain
    assert result.province_code == "79"
    assert result.ward_code is None
    assert sorted(ward(code).name for code in result.candidates) == ["Phường Tân Bình", "Phường Tân Sơn"]
    assert result.raw() == {"province_code": "79", "ward_code": "", "street": "59 Nguyễn Sỹ Sách"}


def test_codes_the_two_data_sets_disagree_on_are_not_used() -> None:
    # vietnamadminunits gives Phường Thuận Hóa (Huế) the code 19789; vietnam-provinces says 19786.
    result = convert_card_address("Số 8 Lê Lợi, Phường Vĩnh Ninh, Thành phố Huế, Thừa Thiên Huế")
    assert not result.certain
    assert result.province_code == "46"
    assert [ward(code).name for code in result.candidates] == ["Phường Thuận Hóa"]


@pytest.mark.parametrize(
    "old",
    [
        "Tổ 5, Phường Phúc Xá, Quận Hoàn Kiếm, Hà Nội",  # Phúc Xá is in Ba Đình: the card text disagrees
        "Thôn Phú Mỹ, Xã Mỹ Thuận, Huyện Phù Mỹ, Bình Định",  # the library reads the wrong ward
        "Số 20, Phường Lê Lợi, Thành phố Quy Nhơn, Bình Định",
    ],
)
def test_when_the_library_and_the_card_disagree_only_the_province_is_kept(old: str) -> None:
    result = convert_card_address(old)
    assert not result.certain
    assert result.ward_code is None
    assert result.province_code is not None


def test_without_a_street_the_person_completes_the_address() -> None:
    result = convert_card_address("Xã Tiên Phong, Huyện Ba Vì, Hà Nội")
    assert not result.certain
    assert result.ward_code is not None  # the ward is known, only the house or hamlet is missing
    assert result.street == ""


@pytest.mark.parametrize("old", ["", "Hà Nội", "abc, def, ghi, jkl", "Số 1, Phường X, Quận Y, Atlantis"])
def test_an_unknown_address_changes_nothing(old: str) -> None:
    result = convert_card_address(old)
    assert not result.certain
    assert result.ward_code is None


def test_conversion_never_asks_an_online_geocoder(monkeypatch: pytest.MonkeyPatch) -> None:
    from geopy.geocoders import ArcGIS

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the address left the kiosk")

    monkeypatch.setattr(ArcGIS, "geocode", refuse)
    # A split ward with a street is exactly where the library's convert_address would geocode.
    assert not convert_card_address("59 Nguyễn Sỹ Sách, Phường 15, Quận Tân Bình, TP. Hồ Chí Minh").certain
    assert convert_card_address(CERTAIN[0][0]).certain


def test_the_conversion_repr_hides_the_address() -> None:
    assert "Phúc Xá" not in repr(convert_card_address(CERTAIN[0][0]))


# --- reading a card ------------------------------------------------------------------------------------


def test_a_card_fills_the_applicant_as_a_person_would_type_it() -> None:
    intake = read_card(PAYLOAD, today=TODAY)
    assert not intake.name_diacritics_missing and not intake.address_diacritics_missing
    assert intake.applicant_raw() == {
        "full_name": "Nguyễn Văn An",
        "id_number": "001090012345",
        "date_of_birth": "17/05/1990",
        "gender": "male",
        "address": {"province_code": "01", "ward_code": "00097", "street": "Tổ 5"},
    }
    assert "Nguyễn" not in repr(intake)


def test_a_keyboard_scan_without_accents_is_flagged() -> None:
    payload = (
        "001090012345|012345678|Nguyen Van An|17051990|Nam|"
        "To 5, Phuong Phuc Xa, Quan Ba Dinh, Ha Noi|10042021"
    )
    intake = read_card(payload, today=TODAY)
    assert intake.name_diacritics_missing and intake.address_diacritics_missing
    assert intake.address.certain  # the units are recognised without accents; the person still checks


@pytest.mark.parametrize(
    ("payload", "key"),
    [
        (PAYLOAD.rsplit("|", 1)[0], "rules.qr.field_count"),  # 6 fields
        (PAYLOAD + "|x", "rules.qr.field_count"),
        ("00109001234|" + PAYLOAD.split("|", 1)[1], "rules.qr.bad_number"),
        (PAYLOAD.replace("001090012345", "001190012345"), "rules.qr.number_gender_mismatch"),
        (PAYLOAD.replace("001090012345", "001088012345"), "rules.qr.number_year_mismatch"),
        (PAYLOAD.replace("|Nam|", "|Khác|"), "rules.qr.gender"),
        (PAYLOAD.replace("17051990", "32131990"), "rules.qr.bad_birth_date"),
    ],
)
def test_malformed_or_contradictory_payloads_are_refused(payload: str, key: str) -> None:
    with pytest.raises(KioskError) as caught:
        read_card(payload, today=TODAY)
    assert caught.value.key == key
