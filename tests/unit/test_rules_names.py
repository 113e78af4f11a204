"""People's names: Vietnamese capitals and spacing, no digits or symbols."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.errors import KioskError
from kiosk.rules.names import normalize_person_name


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("nguyễn văn an", "Nguyễn Văn An"),
        ("  NGUYỄN   THỊ   ÁNH  ", "Nguyễn Thị Ánh"),
        ("đỗ đức đạt", "Đỗ Đức Đạt"),
        ("trương ưng ơn", "Trương Ưng Ơn"),
        ("h'hen niê", "H'Hen Niê"),
        ("H\u2019Hen Niê", "H'Hen Niê"),
        ("y-moan ênuôl", "Y-Moan Ênuôl"),
        ("Ksor", "Ksor"),  # one word is a whole name for some ethnic minorities
        ("Y Ŏ Niê", "Y Ŏ Niê"),
    ],
)
def test_normalised(typed: str, name: str) -> None:
    assert normalize_person_name(typed) == name


def test_decomposed_input_comes_out_composed() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn Văn An")
    assert normalize_person_name(decomposed) == "Nguyễn Văn An"
    assert unicodedata.is_normalized("NFC", normalize_person_name(decomposed))


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("", "rules.name.empty"),
        ("   ", "rules.name.empty"),
        ("Nguyễn Văn 2", "rules.name.digits"),
        ("Nguyễn Văn An!", "rules.name.symbols"),
        ("Nguyễn@An", "rules.name.symbols"),
        ("Nguyễn - An", "rules.name.symbols"),
        ("李小龍", "rules.name.symbols"),
        ("A", "rules.name.too_short"),
        ("a" * 101, "rules.name.too_long"),
    ],
)
def test_errors(typed: str, key: str) -> None:
    with pytest.raises(KioskError) as caught:
        normalize_person_name(typed)
    assert caught.value.key == key


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40))
def test_idempotent_and_only_kiosk_errors(text: str) -> None:
    try:
        once = normalize_person_name(text)
    except KioskError:
        return
    assert normalize_person_name(once) == once
    assert not any(ch.isdigit() for ch in once)
