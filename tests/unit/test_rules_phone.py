"""Vietnamese mobile numbers: every common way of writing one gives the 10-digit national form."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.errors import KioskError
from kiosk.rules.phone import normalize_phone

SETTINGS = settings(max_examples=150, deadline=None)


@pytest.mark.parametrize(
    "written",
    [
        "0912345678",
        "0912 345 678",
        "091.234.5678",
        "091-234-5678",
        "+84912345678",
        "+84 912 345 678",
        "(+84) 912-345-678",
        "+84 (0) 912 345 678",
        "84912345678",
        "0084 912 345 678",
    ],
)
def test_common_spellings(written: str) -> None:
    assert normalize_phone(written) == "0912345678"


@pytest.mark.parametrize("prefix", ["03", "05", "07", "08", "09"])
def test_every_mobile_prefix(prefix: str) -> None:
    assert normalize_phone(prefix + "12345678") == prefix + "12345678"


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("", "rules.phone.empty"),
        ("  ", "rules.phone.empty"),
        ("09123456ab", "rules.phone.chars"),
        ("0912/345/678", "rules.phone.chars"),
        ("091234567", "rules.phone.length"),
        ("09123456789", "rules.phone.length"),
        ("+8491234567", "rules.phone.length"),
        ("0241234567", "rules.phone.not_mobile"),  # a Hà Nội landline
        ("0112345678", "rules.phone.not_mobile"),
        ("8412345678", "rules.phone.not_mobile"),
    ],
)
def test_errors(written: str, key: str) -> None:
    with pytest.raises(KioskError) as caught:
        normalize_phone(written)
    assert caught.value.key == key
    assert not written.strip() or written not in str(caught.value)


national = st.builds(
    lambda prefix, rest: prefix + rest,
    st.sampled_from(["03", "05", "07", "08", "09"]),
    st.from_regex(r"\A[0-9]{8}\Z"),
)
separators = st.sampled_from(["", " ", ".", "-"])


@SETTINGS
@given(national, st.sampled_from(["+84", "84", "0084", "+84 ", "(+84) ", "+84 (0)", "+840"]), separators)
def test_all_international_forms_give_the_national_form(number: str, prefix: str, sep: str) -> None:
    rest = number[1:]
    written = prefix + sep.join([rest[:3], rest[3:6], rest[6:]])
    assert normalize_phone(written) == number


@SETTINGS
@given(st.text(max_size=20))
def test_idempotent_and_only_kiosk_errors(text: str) -> None:
    try:
        once = normalize_phone(text)
    except KioskError:
        return
    assert normalize_phone(once) == once
    assert len(once) == 10 and once.isdigit()
