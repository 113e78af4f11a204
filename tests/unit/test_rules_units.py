"""The 2025 administrative units: 34 provinces, 3,321 wards, no districts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.errors import KioskError
from kiosk.rules import units
from kiosk.text import search_key


def test_counts_after_the_2025_merger() -> None:
    provinces = units.provinces()
    assert len(provinces) == 34
    assert sum(len(units.wards(p.code)) for p in provinces) == 3321
    assert len({p.code for p in provinces}) == 34


def test_codes_are_zero_padded_strings() -> None:
    hanoi = units.province("01")
    assert hanoi.name == "Thành phố Hà Nội"
    assert units.province(1) == units.province("1") == hanoi
    ward = units.ward("00070")
    assert (ward.name, ward.province_code) == ("Phường Hoàn Kiếm", "01")
    assert units.ward(70) == ward


def test_wards_of_a_province_belong_to_it() -> None:
    for ward in units.wards("79"):
        assert ward.province_code == "79"
        assert units.ward(ward.code) == ward


def test_lists_are_loaded_once() -> None:
    assert units.wards("01") == units.wards("01")
    assert units._wards() is units._wards()


@pytest.mark.parametrize("code", ["02", "99", "x", "", "001"])
def test_unknown_province(code: str) -> None:
    with pytest.raises(KioskError) as caught:
        units.province(code)
    assert caught.value.key == "rules.address.province_unknown"


def test_search_ignores_diacritics_and_case() -> None:
    found = units.search_wards("01", "HOAN KIEM")
    assert found[0].name == "Phường Hoàn Kiếm"
    assert units.search_wards("01", "hoàn kiếm")[0] == found[0]
    assert units.search_wards("01", "ba dinh")[0].name == "Phường Ba Đình"
    assert units.search_wards("01", "phuong ba dinh")[0].name == "Phường Ba Đình"
    assert all("ba" in w.search_key for w in units.search_wards("01", "ba"))
    assert units.search_wards("01", "no such ward anywhere") == []
    assert len(units.search_wards("01", "", limit=5)) == 5


def test_validate_address() -> None:
    address = units.validate_address("01", "00070", "  Số 1   Tràng Tiền ")
    assert address.to_contract() == {"province_code": "01", "ward_code": "00070", "street": "Số 1 Tràng Tiền"}
    assert units.format_address(address) == "Số 1 Tràng Tiền, Phường Hoàn Kiếm, Thành phố Hà Nội"
    assert "Tràng" not in repr(address)


@pytest.mark.parametrize(
    ("province", "ward", "street", "key"),
    [
        ("79", "00070", "Số 1", "rules.address.ward_not_in_province"),
        ("01", "99999", "Số 1", "rules.address.ward_unknown"),
        ("00", "00070", "Số 1", "rules.address.province_unknown"),
        ("01", "00070", "   ", "rules.address.street_empty"),
        ("01", "00070", "x" * 201, "rules.address.street_too_long"),
    ],
)
def test_address_errors(province: str, ward: str, street: str, key: str) -> None:
    with pytest.raises(KioskError) as caught:
        units.validate_address(province, ward, street)
    assert caught.value.key == key


def test_ward_not_in_province_names_the_province() -> None:
    with pytest.raises(KioskError) as caught:
        units.validate_address("79", "00070", "Số 1")
    assert "Thành phố Hồ Chí Minh" in caught.value.message("vi")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=30))
def test_search_key_is_idempotent(text: str) -> None:
    assert search_key(search_key(text)) == search_key(text)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(units.provinces()), st.data())
def test_every_ward_is_found_by_its_own_name(province: units.Province, data: st.DataObject) -> None:
    ward = data.draw(st.sampled_from(units.wards(province.code)))
    assert ward in units.search_wards(province.code, ward.name)
