"""Tones on the on-screen keyboard: the bogo engine's placement, checked against words written by hand."""

from __future__ import annotations

import logging
import sys
import unicodedata

import pytest

from kiosk import vi_typing
from kiosk.vi_typing import Tone, forget_tone_rules, tone_rules, word_bounds


@pytest.fixture
def rules() -> vi_typing.ToneRules:
    found = tone_rules()
    assert found is not None, "the bogo engine is a dependency (requirements.lock)"
    return found


# What a person types letter by letter (ă â đ ê ô ơ ư are keys), then the tone pressed, then the word
# they expect to see. Traditional placement ("hòa", "Thủy"), as bogo writes it and as on most ID cards.
TONED = [
    ("Nguyên", Tone.TILDE, "Nguyễn"),
    ("Thi", Tone.DOT, "Thị"),
    ("Hăng", Tone.GRAVE, "Hằng"),
    ("So", Tone.ACUTE, "Só"),  # "Số" needs the ô key first (next line)
    ("Sô", Tone.ACUTE, "Số"),
    ("Hang", Tone.GRAVE, "Hàng"),
    ("Bac", Tone.DOT, "Bạc"),
    ("ngươi", Tone.GRAVE, "người"),
    ("cua", Tone.HOOK, "của"),
    ("Huynh", Tone.GRAVE, "Huỳnh"),
    ("Quôc", Tone.ACUTE, "Quốc"),
    ("giư", Tone.TILDE, "giữ"),
    ("Thuy", Tone.HOOK, "Thủy"),
    ("hoa", Tone.GRAVE, "hòa"),
    ("NGUYÊN", Tone.TILDE, "NGUYỄN"),
    ("thuê", Tone.ACUTE, "thuế"),
    ("khoe", Tone.HOOK, "khỏe"),
]


@pytest.mark.parametrize(("typed", "tone", "expected"), TONED)
def test_a_tone_goes_on_the_vowel_a_vietnamese_reader_expects(
    rules: vi_typing.ToneRules, typed: str, tone: Tone, expected: str
) -> None:
    assert rules.apply(typed, tone) == expected


def test_another_tone_replaces_the_first_and_bo_dau_removes_it(rules: vi_typing.ToneRules) -> None:
    assert rules.apply("hóa", Tone.DOT) == "họa"
    assert rules.apply("Nguyến", Tone.TILDE) == "Nguyễn"
    assert rules.apply("người", Tone.NONE) == "ngươi"
    assert rules.apply("Hằng", Tone.NONE) == "Hăng"  # the breve is a letter, not a tone: it stays


def test_a_word_that_cannot_take_the_tone_is_left_alone(rules: vi_typing.ToneRules) -> None:
    assert rules.apply("12", Tone.ACUTE) is None  # no vowel
    assert rules.apply("abc", Tone.ACUTE) is None  # not a Vietnamese syllable
    assert rules.apply("Bac", Tone.GRAVE) is None  # -c takes only sắc or nặng
    assert rules.apply("", Tone.ACUTE) is None


def test_the_result_is_nfc_even_from_decomposed_text(rules: vi_typing.ToneRules) -> None:
    decomposed = unicodedata.normalize("NFD", "Hăng")
    result = rules.apply(decomposed, Tone.GRAVE)
    assert result == "Hằng"
    assert result is not None and unicodedata.is_normalized("NFC", result)


def test_the_word_before_the_cursor_takes_the_tone_and_the_rest_stays(rules: vi_typing.ToneRules) -> None:
    text = "Sô 12 Hang Bac"
    assert rules.retone(text, 2, Tone.ACUTE) == ("Số", 0, 2)
    assert rules.retone(text, len("Sô 12 Hang"), Tone.GRAVE) == ("Hàng", 6, 10)
    assert rules.retone(text, len(text), Tone.DOT) == ("Bạc", 11, 14)
    assert rules.retone(text, 5, Tone.ACUTE) is None  # after "12": no word
    assert rules.retone("Số", 2, Tone.ACUTE) is None  # already so


def test_word_bounds_take_letters_on_both_sides_of_the_cursor() -> None:
    assert word_bounds("Hàng Bạc", 2) == (0, 4)
    assert word_bounds("Hàng Bạc", 5) == (5, 8)
    assert word_bounds("12/3", 2) == (2, 2)


def test_without_the_engine_there_are_no_tones_and_a_vietnamese_line_in_the_log(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    forget_tone_rules()
    for name in ("bogo", "bogo.utils", "bogo.accent", "bogo.validation"):
        monkeypatch.setitem(sys.modules, name, None)  # import fails as if not installed
    with caplog.at_level(logging.ERROR, logger="kiosk.vi_typing"):
        assert tone_rules() is None
        assert tone_rules() is None  # said once
    lines = [r.getMessage() for r in caplog.records if r.name == "kiosk.vi_typing"]
    assert len(lines) == 1
    assert "Không dùng được phím dấu; vẫn gõ được chữ không dấu." in lines[0]
    monkeypatch.undo()
    forget_tone_rules()
    assert tone_rules() is not None
