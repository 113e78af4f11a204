"""Dates typed as dd/mm/yyyy and kept as YYYY-MM-DD."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.errors import KioskError
from kiosk.rules.dates import format_date, parse_date, parse_iso_date, to_iso

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    "written", ["12/03/2020", "12/3/2020", "12-03-2020", "12.03.2020", " 12 / 03 / 2020 ", "12032020"]
)
def test_accepted_spellings(written: str) -> None:
    assert parse_date(written) == date(2020, 3, 12)


def test_single_digit_day_and_month() -> None:
    assert parse_date("5/9/1990") == date(1990, 9, 5)


def test_contract_form_is_accepted_too() -> None:
    assert parse_date("2020-03-12") == date(2020, 3, 12)


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("12/03/20", "rules.date.format"),
        ("1203202", "rules.date.format"),
        ("120320201", "rules.date.format"),
        ("31022020", "rules.date.no_such_day"),
        ("12/03-2020", "rules.date.format"),
        ("ngày 12", "rules.date.format"),
        ("", "rules.date.format"),
        ("12/13/2020", "rules.date.month"),
        ("31/04/2021", "rules.date.no_such_day"),
        ("00/04/2021", "rules.date.no_such_day"),
        ("29/02/2023", "rules.date.not_leap_year"),
        ("29/02/1900", "rules.date.not_leap_year"),
    ],
)
def test_errors(written: str, key: str) -> None:
    with pytest.raises(KioskError) as caught:
        parse_date(written)
    assert caught.value.key == key


def test_leap_days() -> None:
    assert parse_date("29/02/2024") == date(2024, 2, 29)
    assert parse_date("29/02/2000") == date(2000, 2, 29)


def test_not_future_and_not_before() -> None:
    assert parse_date("22/11/2026", today=TODAY, not_future=True) == TODAY
    with pytest.raises(KioskError) as caught:
        parse_date("23/11/2026", today=TODAY, not_future=True)
    assert caught.value.key == "rules.date.future"
    assert parse_date("23/11/2026", today=TODAY) == date(2026, 11, 23)
    with pytest.raises(KioskError) as caught:
        parse_date("31/12/1899", not_before=date(1900, 1, 1))
    assert caught.value.key == "rules.date.too_early"
    assert "01/01/1900" in caught.value.message("vi")


def test_iso_is_strict() -> None:
    assert parse_iso_date("2020-03-12") == date(2020, 3, 12)
    for bad in ("12/03/2020", "2020-3-12", "2020-02-30"):
        with pytest.raises(KioskError):
            parse_iso_date(bad)


def test_formats() -> None:
    assert format_date(date(2020, 3, 5)) == "05/03/2020"
    assert to_iso(date(2020, 3, 5)) == "2020-03-05"


@settings(max_examples=150, deadline=None)
@given(st.dates(min_value=date(1000, 1, 1)))
def test_round_trip(value: date) -> None:
    assert parse_date(format_date(value)) == value
    assert parse_iso_date(to_iso(value)) == value
    assert to_iso(value) == value.isoformat()


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=20))
def test_garbage_only_raises_kiosk_errors(text: str) -> None:
    with contextlib.suppress(KioskError):
        parse_date(text, not_future=True)
