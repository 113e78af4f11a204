"""The receipt's content: reference and QR payload in each case, masked name, dates, fee, no personal data."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.catalog import Catalog, bundled_catalog
from kiosk.errors import KioskError
from kiosk.i18n import LANGS, Lang
from kiosk.receipt import Receipt, add_working_days, build_receipt, mask_name
from kiosk.references import local_reference, parse_receipt_qr
from kiosk.store import Assisted, Dossier, DossierState, DossierSummary

KHAI_SINH = "1.001193"
CLIENT_REF = "3f2b8c1e-7d4a-4e0b-9a51-2c6d8e9f0a1b"
APPLICANT = {
    "full_name": "Nguyễn Thị Hoa",
    "id_number": "001190012345",
    "date_of_birth": "1990-03-15",
    "gender": "female",
    "phone": "0912345678",
    "email": "hoa@example.vn",
    "address": {"province_code": "01", "ward_code": "00004", "street": "12 Phố Hàng Bạc"},
}
CREATED = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)  # Friday 09:00 in Vietnam
QUEUED = datetime(2026, 11, 20, 2, 30, tzinfo=UTC)
NOW = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return bundled_catalog()


def dossier(
    *,
    state: DossierState = DossierState.QUEUED,
    code: str | None = None,
    portal: dict[str, Any] | None = None,
    delivery: dict[str, Any] | None = None,
    assisted: Assisted | None = None,
    applicant: dict[str, Any] | None = None,
) -> Dossier:
    summary = DossierSummary(
        client_ref=CLIENT_REF,
        procedure_code=KHAI_SINH,
        procedure_version="2026.11.1",
        bundle_ref=None,
        state=state,
        portal_status=1 if code else None,
        dossier_code=code,
        local_ref=local_reference(CLIENT_REF),
        assisted_kind=(assisted or Assisted("post_office", "BD-HN-017")).kind,
        agent_id=None,
        created_at=CREATED,
        updated_at=QUEUED,
        finalized_at=None if state == DossierState.DRAFT else QUEUED,
        submitted_at=None,
        final_status_at=None,
    )
    return Dossier(
        summary=summary,
        assisted=assisted or Assisted("post_office", "BD-HN-017"),
        applicant=APPLICANT if applicant is None else applicant,
        answers={"ten_tre": "Nguyễn Minh An"},
        attachments=[],
        problem=None,
        receipt=portal,
        delivery=delivery or {"method": "pickup"},
    )


def accepted(tracking_url: str | None, payment: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        "dossier_code": "000.00.01.H26-261120-0007",
        "status": 1,
        "received_at": "2026-11-20T10:05:00+07:00",
        "due_at": "2026-11-25T17:00:00+07:00",
        "tracking_url": tracking_url,
        "fee": {"amount": 0, "currency": "VND"},
        "payment": payment,
    }


def build(catalog: Catalog, d: Dossier, lang: Lang = "vi") -> Receipt:
    return build_receipt(d, catalog.procedures[KHAI_SINH], lang, now=NOW)


def test_queued_dossier_shows_the_temporary_local_reference(catalog: Catalog) -> None:
    receipt = build(catalog, dossier())
    ref = local_reference(CLIENT_REF)
    assert receipt.temporary and receipt.reference == ref
    assert receipt.reference_label == "Mã tạm"
    assert receipt.reference_note == "Mã tạm — sẽ được thay bằng mã hồ sơ khi gửi xong."
    assert receipt.qr_payload == f"DVC-LOCAL:{ref}"
    assert parse_receipt_qr(receipt.qr_payload).value == ref
    text = receipt.plain_text()
    assert "BIÊN NHẬN HỒ SƠ" in text and "Mã thủ tục: 1.001193" in text
    assert "tự động gửi" in text  # what happens next while offline
    # No portal due date yet: an expected one, 1 working day after Friday → Monday 23/11/2026.
    assert "Dự kiến trả kết quả: 23/11/2026 (dự kiến" in text


def test_accepted_dossier_shows_the_dossier_code_in_text_and_qr(catalog: Catalog) -> None:
    code = "000.00.01.H26-261120-0007"
    receipt = build(catalog, dossier(state=DossierState.SUBMITTED, code=code, portal=accepted(None)))
    assert not receipt.temporary and receipt.reference == code and receipt.reference_note is None
    assert receipt.reference_label == "Mã hồ sơ"
    assert receipt.qr_payload == f"DVC:{code}"
    text = receipt.plain_text()
    assert local_reference(CLIENT_REF) not in text  # replaced everywhere, not shown beside it
    assert "Hẹn trả kết quả: 25/11/2026" in text
    assert "Cổng DVC tiếp nhận: 10:05 20/11/2026" in text
    assert "Tình trạng: Mới đăng ký" in text


def test_tracking_url_is_the_qr_payload_when_the_portal_gives_one(catalog: Catalog) -> None:
    url = "https://dichvucong.example.gov.vn/tra-cuu/000.00.01.H26-261120-0007"
    receipt = build(
        catalog, dossier(state=DossierState.SUBMITTED, code="000.00.01.H26-261120-0007", portal=accepted(url))
    )
    assert receipt.qr_payload == url
    assert url in receipt.plain_text()


def test_code_in_the_portal_body_counts_even_before_the_summary_has_it(catalog: Catalog) -> None:
    receipt = build(catalog, dossier(state=DossierState.SUBMITTED, portal=accepted(None)))
    assert receipt.qr_payload == "DVC:000.00.01.H26-261120-0007"


def test_a_draft_has_no_receipt(catalog: Catalog) -> None:
    with pytest.raises(KioskError) as caught:
        build(catalog, dossier(state=DossierState.DRAFT))
    assert caught.value.key == "receipt.not_submitted"


@pytest.mark.parametrize("lang", LANGS)
def test_no_personal_data_but_the_masked_name(catalog: Catalog, lang: Lang) -> None:
    text = build(
        catalog, dossier(delivery={"method": "post", "address": APPLICANT["address"]}), lang
    ).plain_text()
    assert "Nguyễn T. H." in text
    for secret in (
        "Thị Hoa",
        "001190012345",
        "0912345678",
        "15/03/1990",
        "1990-03-15",
        "Hàng Bạc",
        "hoa@",
        "Minh An",
    ):
        assert secret not in text


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("Nguyễn Thị Hoa", "Nguyễn T. H."),
        ("Trần Văn Đức Anh", "Trần V. Đ. A."),
        ("  lê   văn  tám ", "lê V. T."),
        ("H'Hen Niê", "H'Hen N."),
        ("Đinh", "Đ."),
        ("", ""),
    ],
)
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.text(alphabet="abcdđefghiklmnoôơpqrstuưvxyàáảãạăằắẳẵặ", min_size=1, max_size=8),
        min_size=2,
        max_size=5,
    )
)
def test_masking_keeps_only_the_family_name_whole(words: list[str]) -> None:
    masked = mask_name(" ".join(words))
    assert masked.split()[0] == words[0]
    assert all(len(part) == 2 and part.endswith(".") for part in masked.split()[1:])


def test_empty_name_gives_no_applicant_line(catalog: Catalog) -> None:
    text = build(catalog, dossier(applicant={})).plain_text()
    assert "Người nộp" not in text


def test_english_receipt_and_payment_instructions(catalog: Catalog) -> None:
    payment = {
        "payee_name": "UBND phường Hoàn Kiếm",
        "bank_bin": "970415",
        "account": "113000000123",
        "reference": "DVC 000.00.01.H26-26112",
    }
    portal = accepted(None, payment) | {"fee": {"amount": 8000, "currency": "VND"}}
    receipt = build(
        catalog, dossier(state=DossierState.SUBMITTED, code="000.00.01.H26-261120-0007", portal=portal), "en"
    )
    assert receipt.title == "DOSSIER RECEIPT" and receipt.reference_label == "Dossier code"
    assert receipt.payment is not None and receipt.payment.reference == payment["reference"]
    assert receipt.payment.amount_vnd == 8000
    text = receipt.plain_text()
    assert "Fee: 8,000 VND" in text
    assert "Transfer description: DVC 000.00.01.H26-26112" in text
    assert "A post-office agent (ID BD-HN-017)" in text


def test_fee_from_the_catalog_before_acceptance(catalog: Catalog) -> None:
    proc = catalog.procedures[KHAI_SINH]
    priced = replace(proc, fee=replace(proc.fee, amount_vnd=50000, set_by_province=False))
    text = build_receipt(dossier(), priced, "vi", now=NOW).plain_text()
    assert "Phí, lệ phí: 50.000 đồng" in text


def test_needs_attention_without_code_asks_to_come_back(catalog: Catalog) -> None:
    text = build(catalog, dossier(state=DossierState.NEEDS_ATTENTION)).plain_text()
    assert "cần được sửa" in text


def test_working_days_skip_weekends() -> None:
    friday = datetime(2026, 11, 20).date()
    assert add_working_days(friday, 1).isoformat() == "2026-11-23"
    assert add_working_days(friday, 5).isoformat() == "2026-11-27"
    assert add_working_days(friday, 0) == friday


def test_every_assistance_kind_has_a_name(catalog: Catalog) -> None:
    for kind, expected in (("community_team", "Tổ công nghệ số"), ("self_service", "Tự nộp tại ki-ốt")):
        text = build(catalog, dossier(assisted=Assisted(kind))).plain_text()
        assert f"Hỗ trợ nộp: {expected}" in text


def test_local_reference_round_trips_for_any_dossier() -> None:
    ref = str(uuid.uuid4())
    d = replace(dossier(), summary=replace(dossier().summary, client_ref=ref, local_ref=local_reference(ref)))
    receipt = build_receipt(d, bundled_catalog().procedures[KHAI_SINH], "vi", now=NOW)
    assert parse_receipt_qr(receipt.qr_payload).value == local_reference(ref)


@pytest.mark.parametrize(
    ("kind", "agent", "vi", "en"),
    [
        ("post_office", "BD-HN-017", "Nộp tại quầy bưu điện", "Filed at the post-office counter"),
        ("community_team", "TN-0001", "Nộp tại ngày hội", "Filed at the community event"),
        ("self_service", None, "Nộp tại ki-ốt tự phục vụ", "Filed at the self-service kiosk"),
    ],
)
def test_the_receipt_names_the_place_by_the_terminals_mode(
    catalog: Catalog, kind: str, agent: str | None, vi: str, en: str
) -> None:
    """A post-office counter's receipt never says it was filed "at the kiosk"."""
    filed = dossier(assisted=Assisted(kind, agent))
    for lang, expected in (("vi", vi), ("en", en)):
        receipt = build_receipt(filed, catalog.procedures[KHAI_SINH], lang, now=NOW)
        labels = [line.label for section in receipt.sections for line in section.lines]
        assert expected in labels, labels
        assert "Nộp tại ki-ốt" not in labels and "Submitted at the kiosk" not in labels
