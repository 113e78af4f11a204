"""People's names: Vietnamese capitals and spacing, no digits or symbols."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.errors import KioskError
from kiosk.rules.names import lacks_diacritics, normalize_person_name


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


@pytest.mark.parametrize(
    "typed",
    [
        "Tran Van Loc",
        "tran van loc",
        "Nguyen Thi Hoa",
        "So 10 Tran Hung Dao",  # a street: the house number does not count as a word
        "12/3 Le Loi",
        "Mai Lan Anh",  # truly without marks, but it cannot be told apart: asked, and kept as typed
    ],
)
def test_vietnamese_typed_without_marks_is_asked_about(typed: str) -> None:
    assert lacks_diacritics(typed)


@pytest.mark.parametrize(
    "typed",
    [
        "Lan",  # one word: many are right without a mark
        "Minh",
        "Thon 3",
        "Nguyễn Văn An",
        "Trần Van Loc",  # one mark: the person is typing marks, the rest is theirs to check
        "Đo Van",
        "John Smith",  # not Vietnamese syllables: foreign names
        "Anna Maria",
        "Ksor Nie",  # ethnic-minority names, often without Vietnamese marks
        "H'Hen Nie",
        "Y-Moan Enuol",
        "",
        "10",
    ],
)
def test_names_that_are_not_asked_about(typed: str) -> None:
    assert not lacks_diacritics(typed)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40))
def test_text_with_any_vietnamese_mark_is_never_asked_about(text: str) -> None:
    assert not lacks_diacritics(text + " Lộc")
