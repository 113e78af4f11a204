"""E-mail addresses: what people mistype is caught, ordinary addresses pass."""

from __future__ import annotations

import pytest

from kiosk.errors import KioskError
from kiosk.rules.email import normalize_email


@pytest.mark.parametrize(
    ("typed", "address"),
    [
        ("an.nguyen@gmail.com", "an.nguyen@gmail.com"),
        (" An.Nguyen@Gmail.COM ", "An.Nguyen@gmail.com"),
        ("tiep.nhan+dvc@hanoi.gov.vn", "tiep.nhan+dvc@hanoi.gov.vn"),
        ("a_b@sub-domain.example.vn", "a_b@sub-domain.example.vn"),
    ],
)
def test_accepted(typed: str, address: str) -> None:
    assert normalize_email(typed) == address


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("", "rules.email.empty"),
        ("an nguyen@gmail.com", "rules.email.spaces"),
        ("an.nguyen.gmail.com", "rules.email.at_sign"),
        ("an@@gmail.com", "rules.email.at_sign"),
        (".an@gmail.com", "rules.email.local_part"),
        ("an..b@gmail.com", "rules.email.local_part"),
        ("nguyễn@gmail.com", "rules.email.local_part"),
        ("an@gmail", "rules.email.domain"),
        ("an@gmail.", "rules.email.domain"),
        ("an@-gmail.com", "rules.email.domain"),
        ("an@gmail.c", "rules.email.domain"),
        ("an@gmail.c0m", "rules.email.domain"),
        ("a" * 65 + "@gmail.com", "rules.email.too_long"),
    ],
)
def test_errors(typed: str, key: str) -> None:
    with pytest.raises(KioskError) as caught:
        normalize_email(typed)
    assert caught.value.key == key
