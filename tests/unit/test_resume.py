"""Resume codes, the operator PIN and limited attempts (kiosk.session), and their store tables."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.crypto import Sealer, training_key
from kiosk.errors import KioskError
from kiosk.references import CROCKFORD
from kiosk.session import (
    Attempts,
    check_new_pin,
    hash_pin,
    new_resume_code,
    parse_resume_code,
    verify_pin,
)
from kiosk.store import DB_NAME, Assisted, Store

CCCD = "001203004567"
OTHER_CCCD = "001203004568"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store.open(tmp_path, Sealer(training_key())) as opened:
        yield opened


def test_resume_codes_are_random_crockford_and_read_back_as_typed() -> None:
    codes = {new_resume_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == 9 and code[4] == "-"
        assert all(ch in CROCKFORD for ch in code.replace("-", ""))
    assert parse_resume_code(" abcd efgh ") == "ABCD-EFGH"
    assert parse_resume_code("o1il-2345") == "0111-2345"
    for bad in ("", "ABCD-EFG", "ABCD-EFGHJ", "ABCU-EFGH"):
        with pytest.raises(KioskError):
            parse_resume_code(bad)


@given(st.text(alphabet=CROCKFORD, min_size=8, max_size=8))
@settings(max_examples=100, deadline=None)
def test_any_code_round_trips(chars: str) -> None:
    assert parse_resume_code(chars.lower()) == f"{chars[:4]}-{chars[4:]}"


def test_pin_must_be_six_digits_typed_twice_and_is_kept_only_as_a_salted_scrypt_hash() -> None:
    with pytest.raises(KioskError) as short:
        check_new_pin("12345", "12345")
    assert "6" in short.value.message("vi")
    with pytest.raises(KioskError):
        check_new_pin("12ab56", "12ab56")
    with pytest.raises(KioskError):
        check_new_pin("123456", "123465")
    assert check_new_pin("246810", "246810") == "246810"
    first, second = hash_pin("246810"), hash_pin("246810")
    assert first != second  # salted
    assert "246810" not in first and first.startswith("scrypt$")
    assert verify_pin("246810", first) and verify_pin("246810", second)
    assert not verify_pin("246811", first)
    assert not verify_pin("246810", "garbage")


def test_attempts_pause_after_three_wrong_tries_and_the_pause_doubles() -> None:
    now = [datetime(2026, 1, 1, tzinfo=UTC)]
    attempts = Attempts(allowed=3, pause=timedelta(seconds=30), clock=lambda: now[0])
    attempts.failed()
    attempts.failed()
    assert attempts.allowed_now() and attempts.tries_left() == 1
    attempts.failed()
    assert not attempts.allowed_now()
    assert attempts.wait_left() == timedelta(seconds=30)
    now[0] += timedelta(seconds=30)
    assert attempts.allowed_now()
    for _ in range(3):
        attempts.failed()
    assert attempts.wait_left() == timedelta(seconds=60)
    now[0] += timedelta(seconds=60)
    attempts.succeeded()
    assert attempts.allowed_now() and attempts.tries_left() == 3


def test_saved_draft_reopens_with_its_code_and_cccd_only(store: Store) -> None:
    ref = store.create_draft("1.001193", "1", Assisted("self_service", None, None, None))
    other = store.create_draft("1.001193", "1", Assisted("self_service", None, None, None))
    assert set(store.unsaved_drafts("self_service")) == {ref, other}
    code = new_resume_code()
    store.save_for_later(ref, code, CCCD)
    assert store.is_saved_for_later(ref) and not store.is_saved_for_later(other)
    assert store.unsaved_drafts("self_service") == [other]
    assert store.find_saved_draft(code.lower().replace("-", ""), CCCD) == ref
    assert store.find_saved_draft(code, OTHER_CCCD) is None
    wrong = "0000-0000" if code != "0000-0000" else "1111-1111"
    assert store.find_saved_draft(wrong, CCCD) is None
    # Saving again gives a new code: the old one no longer opens the draft.
    newer = new_resume_code()
    store.save_for_later(ref, newer, CCCD)
    assert store.find_saved_draft(newer, CCCD) == ref
    if newer != code:
        assert store.find_saved_draft(code, CCCD) is None
    store.delete_draft(ref)
    assert store.find_saved_draft(newer, CCCD) is None


def test_neither_the_code_nor_the_number_nor_the_pin_is_readable_in_the_database(
    store: Store, tmp_path: Path
) -> None:
    ref = store.create_draft("1.001193", "1", Assisted("self_service", None, None, None))
    code = new_resume_code()
    store.save_for_later(ref, code, CCCD)
    pin_hash = hash_pin("975310")
    store.set_setting("operator_pin", pin_hash)
    assert store.get_setting("operator_pin") == pin_hash
    store.set_setting("missing", None)
    assert store.get_setting("missing") is None
    conn = sqlite3.connect(tmp_path / DB_NAME)
    dump = "\n".join(conn.iterdump())
    conn.close()
    for secret in (code, code.replace("-", ""), CCCD, "scrypt$", pin_hash[-64:]):
        assert secret not in dump


def test_saving_again_with_the_same_code_keeps_it_and_the_display_goes_with_the_draft(store: Store) -> None:
    from kiosk.store import Display

    ref = store.create_draft("1.001193", "1", Assisted("self_service", None, None, None))
    code = new_resume_code()
    store.save_for_later(ref, code, CCCD)
    assert store.saved_display(ref) is None  # none given: the terminal's own when reopened
    store.save_for_later(ref, code, CCCD, display=Display(200, True))
    assert store.find_saved_draft(code, CCCD) == ref  # the code written down still opens it
    assert store.saved_display(ref) == Display(200, True)
    # The number corrected since the code was given: the same code goes with the new number.
    store.save_for_later(ref, code, OTHER_CCCD, display=Display(150, False))
    assert store.find_saved_draft(code, OTHER_CCCD) == ref
    assert store.saved_display(ref) == Display(150, False)
    store.delete_draft(ref)
    assert store.saved_display(ref) is None
