"""Local references (Crockford base32) and the receipt's QR payload."""

from __future__ import annotations

import contextlib
import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.errors import KioskError
from kiosk.references import (
    CROCKFORD,
    ReceiptRef,
    local_reference,
    parse_local_reference,
    parse_receipt_qr,
    receipt_qr_payload,
)

REF = "12345678-1234-5678-1234-567812345678"


def test_local_reference_is_stable_and_shaped() -> None:
    ref = local_reference(REF)
    assert ref == "VQ5W-8QPN"  # first 40 bits of SHA-256 over the UUID's 16 bytes
    assert local_reference(REF.upper()) == ref
    assert local_reference(uuid.UUID(REF).urn) == ref


@settings(max_examples=150, deadline=None)
@given(st.uuids())
def test_references_read_back_however_typed(client_ref: uuid.UUID) -> None:
    ref = local_reference(str(client_ref))
    assert len(ref) == 9 and ref[4] == "-"
    assert all(ch in CROCKFORD for ch in ref.replace("-", ""))
    assert parse_local_reference(ref) == ref
    assert parse_local_reference(ref.lower().replace("-", "")) == ref
    assert parse_local_reference(ref.replace("1", "l").replace("0", "O")) == ref
    assert parse_local_reference(f" {ref[:4]} {ref[5:]} ") == ref


def test_distinct_dossiers_get_distinct_references() -> None:
    refs = {local_reference(str(uuid.UUID(int=i))) for i in range(2000)}
    assert len(refs) == 2000


def test_confusable_letters() -> None:
    assert parse_local_reference("iolo-ILOI") == "1010-1101"


@pytest.mark.parametrize("text", ["", "ABCD-EFG", "ABCD-EFGHJ", "ABCD-EFGU", "ABCD_EFGH", "ABĐD-EFGH"])
def test_bad_references(text: str) -> None:
    with pytest.raises(KioskError) as caught:
        parse_local_reference(text)
    assert caught.value.key == "rules.reference.invalid"


def test_receipt_payload_prefers_tracking_url_then_code_then_local() -> None:
    url = "https://dichvucong.hanoi.gov.vn/tra-cuu?ma=H01.123"
    assert receipt_qr_payload(url, "H01.123", "VQ5W-8QPN") == url
    assert receipt_qr_payload(None, "H01.123", "VQ5W-8QPN") == "DVC:H01.123"
    assert receipt_qr_payload(None, None, "vq5w8qpn") == "DVC-LOCAL:VQ5W-8QPN"
    with pytest.raises(ValueError):
        receipt_qr_payload(None, None, None)


def test_receipt_payloads_read_back() -> None:
    url = "https://dichvucong.hanoi.gov.vn/tra-cuu?ma=H01.123"
    assert parse_receipt_qr(url) == ReceiptRef("url", url)
    assert parse_receipt_qr("DVC:H01.123\r\n") == ReceiptRef("dossier", "H01.123")
    assert parse_receipt_qr("DVC-LOCAL:VQ5W-8QPN") == ReceiptRef("local", "VQ5W-8QPN")
    assert parse_receipt_qr("dvc-local:vq5w8qpn") == ReceiptRef("local", "VQ5W-8QPN")


@pytest.mark.parametrize(
    "text", ["", "DVC:", "DVC:two words", "hello", "ftp://x", "001095012345||A|01011990|Nam|x|01012020"]
)
def test_other_codes_are_refused(text: str) -> None:
    with pytest.raises(KioskError) as caught:
        parse_receipt_qr(text)
    assert caught.value.key == "rules.reference.receipt_qr"


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(st.none(), st.just("https://portal.example.vn/t/abc")),
    st.one_of(st.none(), st.from_regex(r"\A[A-Z0-9.\-]{3,20}\Z")),
    st.uuids(),
)
def test_payload_round_trip(url: str | None, code: str | None, client_ref: uuid.UUID) -> None:
    local = local_reference(str(client_ref))
    read = parse_receipt_qr(receipt_qr_payload(url, code, local))
    expected = (
        ReceiptRef("url", url) if url else ReceiptRef("dossier", code) if code else ReceiptRef("local", local)
    )
    assert read == expected


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=30))
def test_garbage_only_raises_kiosk_errors(text: str) -> None:
    for parse in (parse_local_reference, parse_receipt_qr):
        with contextlib.suppress(KioskError):
            parse(text)
