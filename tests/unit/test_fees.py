"""Fees as data (kiosk.fees): one test per rule, the loader's checks of fee blocks, and a Hypothesis
property: a fee is never negative nor above its cap, and the check page's figure, the sandbox portal's
(the VietQR amount, tag 54) and the receipt's are one number."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.catalog import Catalog, Procedure, bundled_catalog
from kiosk.catalog_documents import procedure_to_document
from kiosk.catalog_load import catalog_from_documents, check_catalog_dir
from kiosk.errors import KioskError
from kiosk.fees import Exemption, Fee, OnlineRate, PageRate, procedure_quote, quote, quote_text
from kiosk.receipt import build_receipt, payment_of
from kiosk.references import local_reference
from kiosk.store import Assisted, Dossier, DossierState, DossierSummary
from kiosk.text import format_vnd
from kiosk.vietqr import parse_vietqr

CHUNG_THUC = "2.000815"
TRICH_LUC = "2.000635"
THUONG_TRU = "1.004222"
TAM_TRU = "1.004194"
KHAI_SINH = "1.001193"
CLIENT_REF = "3f2b8c1e-7d4a-4e0b-9a51-2c6d8e9f0a1b"
PAYMENT = {"payee_name": "UBND PHUONG SAI GON", "bank_bin": "970415", "account": "113000099999"}

# The rule of Thông tư 226/2016/TT-BTC for chứng thực bản sao, written out by hand.
CERTIFIED_COPY = Fee(
    amount_vnd=2000,
    per_page="page_count",
    page_rates=(PageRate(3, 1000),),
    cap_vnd=200_000,
    per_copy="copy_count",
    source="Thông tư 226/2016/TT-BTC",
)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return bundled_catalog()


def copies_of(pages: int, copies: int) -> dict[str, object]:
    return {"page_count": pages, "copy_count": copies}


# ---- one test per rule ------------------------------------------------------------------------------
def test_per_copy_one_page_two_copies_is_four_thousand(catalog: Catalog) -> None:
    """The issue's case: 1 page × 2 copies asked 2.000 đ; the rule says 2 × 2.000 đ."""
    proc = catalog.procedures[CHUNG_THUC]
    got = procedure_quote(proc, {"document_name": "Bằng", "page_count": 1, "copy_count": 2})
    assert got.amount_vnd == 4000
    assert quote_text(proc, got, "vi") == "4.000 đồng (2 bản × 2.000 đồng)"
    assert quote_text(proc, got, "en") == "4,000 VND (2 copies × 2,000 VND)"


def test_per_copy_flat_amount_for_trich_luc(catalog: Catalog) -> None:
    proc = catalog.procedures[TRICH_LUC]
    assert procedure_quote(proc, {"copy_count": 1}).amount_vnd == 8000
    assert procedure_quote(proc, {"copy_count": 3}).amount_vnd == 24_000


@pytest.mark.parametrize(
    ("pages", "expected"),
    [(1, 2000), (2, 4000), (3, 5000), (10, 12_000), (100, 102_000)],
)
def test_per_page_with_a_cheaper_rate_from_the_third_page(pages: int, expected: int) -> None:
    assert quote(CERTIFIED_COPY, copies_of(pages, 1)).amount_vnd == expected


def test_the_cap_is_per_copy() -> None:
    assert quote(CERTIFIED_COPY, copies_of(198, 1)).amount_vnd == 200_000  # 4.000 + 196 × 1.000
    assert quote(CERTIFIED_COPY, copies_of(500, 1)).amount_vnd == 200_000
    assert quote(CERTIFIED_COPY, copies_of(500, 3)).amount_vnd == 600_000  # each copy capped


def test_exemption_by_who_files(catalog: Catalog) -> None:
    proc = catalog.procedures[THUONG_TRU]
    exempt = procedure_quote(proc, {"fee_exemption": "ho_ngheo"})
    assert exempt.amount_vnd == 0 and exempt.exempt_by == "ho_ngheo"
    assert quote_text(proc, exempt, "vi") == "Miễn lệ phí (Thuộc hộ nghèo)"
    assert procedure_quote(proc, {"fee_exemption": "khong"}).amount_vnd == 10_000


def test_online_amount_replaces_the_counter_amount(catalog: Catalog) -> None:
    """Thông tư 75/2022/TT-BTC: 20.000 đ at the counter, 10.000 đ online (tạm trú 15.000 / 7.000)."""
    thuong_tru, tam_tru = catalog.procedures[THUONG_TRU], catalog.procedures[TAM_TRU]
    answers = {"fee_exemption": "khong"}
    assert procedure_quote(thuong_tru, answers, online=False).amount_vnd == 20_000
    assert procedure_quote(thuong_tru, answers).amount_vnd == 10_000
    assert procedure_quote(tam_tru, answers, online=False).amount_vnd == 15_000
    assert procedure_quote(tam_tru, answers).amount_vnd == 7000
    assert quote_text(thuong_tru, procedure_quote(thuong_tru, answers), "vi").endswith("(mức nộp trực tuyến)")


def test_online_percentage_off_rounds_half_up_to_the_dong() -> None:
    half = replace(CERTIFIED_COPY, online=OnlineRate(source="Nghị quyết (ví dụ)", percent_off=50))
    assert quote(half, copies_of(1, 2)).amount_vnd == 2000
    assert quote(half, copies_of(1, 2), online=False).amount_vnd == 4000
    third = Fee(amount_vnd=1001, online=OnlineRate(source="x", percent_off=50))
    assert quote(third, {}).amount_vnd == 501  # 500,5 → 501


def test_zero_fee_procedure(catalog: Catalog) -> None:
    proc = catalog.procedures[KHAI_SINH]
    got = procedure_quote(proc, {})
    assert got.amount_vnd == 0 and quote_text(proc, got, "vi") == "Miễn phí"


def test_set_by_province_has_no_figure() -> None:
    got = quote(Fee(amount_vnd=0, set_by_province=True), {})
    assert got.set_by_province and got.amount_vnd == 0


def test_a_missing_count_is_said_never_guessed() -> None:
    with pytest.raises(KioskError) as err:
        quote(CERTIFIED_COPY, {"page_count": 2})
    assert err.value.key == "payment.fee_missing_input"
    assert "copy_count" in err.value.message("vi")


def test_a_missing_count_is_named_as_the_person_read_it(catalog: Catalog) -> None:
    with pytest.raises(KioskError) as err:
        procedure_quote(catalog.procedures[CHUNG_THUC], {"page_count": 2})
    assert err.value.message("vi") == (
        'Chưa tính được lệ phí vì thiếu câu trả lời "Số bản cần chứng thực". Vui lòng trả lời câu hỏi đó.'
    )


def test_every_fee_with_rules_cites_its_source(catalog: Catalog) -> None:
    for proc in catalog.procedures.values():
        fee = proc.fee
        if fee.inputs or fee.online or fee.amount_vnd:
            assert fee.source, proc.code
        if fee.online:
            assert fee.online.source, proc.code
        if fee.exemption:
            assert fee.exemption.source, proc.code


def test_fee_rules_survive_the_portal_document(catalog: Catalog) -> None:
    """The portal serves the kiosk's definitions as JSON; the rules come back unchanged."""
    docs = [procedure_to_document(p) for p in catalog.procedures.values()]
    back = catalog_from_documents(catalog.version, docs)
    for code in (CHUNG_THUC, TRICH_LUC, THUONG_TRU, TAM_TRU):
        assert back.procedures[code].fee == catalog.procedures[code].fee


# ---- the loader's checks ----------------------------------------------------------------------------
def _folder_with_fee(tmp_path: Path, fee_yaml: str) -> list[str]:
    source = Path(__file__).resolve().parents[2] / "assets" / "procedures"
    for name in ("catalog.yaml", "categories.yaml"):
        (tmp_path / name).write_text((source / name).read_text(encoding="utf-8"), encoding="utf-8")
    text = (source / "chung_thuc_ban_sao_tu_ban_chinh.yaml").read_text(encoding="utf-8")
    start = text.index("\nfee:\n")
    end = text.index("\nprocessing_time:")
    (tmp_path / "p.yaml").write_text(text[:start] + "\n" + fee_yaml.rstrip() + text[end:], encoding="utf-8")
    return check_catalog_dir(tmp_path)


def test_loader_refuses_a_count_that_is_not_a_number_question(tmp_path: Path) -> None:
    problems = _folder_with_fee(tmp_path, 'fee:\n  amount_vnd: 2000\n  per_copy: issued_by\n  source: "x"')
    assert any("per_copy must name a number question" in p for p in problems), problems


def test_loader_wants_a_source_for_rules(tmp_path: Path) -> None:
    problems = _folder_with_fee(tmp_path, "fee:\n  amount_vnd: 2000\n  per_copy: copy_count")
    assert any("needs a 'source'" in p for p in problems), problems


def test_loader_refuses_page_rates_out_of_order(tmp_path: Path) -> None:
    fee = (
        'fee:\n  amount_vnd: 2000\n  per_page: page_count\n  source: "x"\n  page_rates:\n'
        "    - {from_page: 5, amount_vnd: 1000}\n    - {from_page: 3, amount_vnd: 500}"
    )
    problems = _folder_with_fee(tmp_path, fee)
    assert any("in order of 'from_page'" in p for p in problems), problems


def test_loader_refuses_an_exemption_on_an_unknown_option(tmp_path: Path) -> None:
    fee = (
        'fee:\n  amount_vnd: 2000\n  source: "x"\n  exemption:\n    question: copy_count\n'
        '    options: [ho_ngheo]\n    source: "y"'
    )
    problems = _folder_with_fee(tmp_path, fee)
    assert any("exemption must name a choice question" in p for p in problems), problems


# ---- the property: one number on the check page, in the VietQR code and on the receipt ---------------
def _dossier(proc: Procedure, answers: dict[str, Any], portal: dict[str, Any]) -> Dossier:
    summary = DossierSummary(
        client_ref=CLIENT_REF,
        procedure_code=proc.code,
        procedure_version=proc.version,
        bundle_ref=None,
        state=DossierState.SUBMITTED,
        portal_status=1,
        dossier_code="G22.99-261120-0007",
        local_ref=local_reference(CLIENT_REF),
        assisted_kind="post_office",
        agent_id=None,
        created_at=datetime(2026, 11, 20, 2, 0, tzinfo=UTC),
        updated_at=datetime(2026, 11, 20, 2, 30, tzinfo=UTC),
        finalized_at=datetime(2026, 11, 20, 2, 30, tzinfo=UTC),
        submitted_at=None,
        final_status_at=None,
    )
    return Dossier(
        summary=summary,
        assisted=Assisted("post_office", "BD-HN-017"),
        applicant={"full_name": "Nguyễn Thị Hoa"},
        answers=answers,
        attachments=[],
        problem=None,
        receipt=portal,
        delivery={"method": "pickup"},
    )


@settings(max_examples=60, deadline=None)
@given(
    pages=st.integers(min_value=0, max_value=400),
    copies=st.integers(min_value=0, max_value=60),
    first=st.integers(min_value=0, max_value=50_000),
    later=st.integers(min_value=0, max_value=50_000),
    from_page=st.integers(min_value=2, max_value=10),
    cap=st.one_of(st.none(), st.integers(min_value=0, max_value=500_000)),
    percent=st.one_of(st.none(), st.integers(min_value=0, max_value=100)),
)
def test_a_fee_is_never_negative_nor_above_its_cap(
    pages: int, copies: int, first: int, later: int, from_page: int, cap: int | None, percent: int | None
) -> None:
    online = None if percent is None else OnlineRate(source="x", percent_off=percent)
    fee = Fee(
        amount_vnd=first,
        per_page="page_count",
        page_rates=(PageRate(from_page, later),),
        cap_vnd=cap,
        per_copy="copy_count",
        online=online,
        source="x",
    )
    got = quote(fee, copies_of(pages, copies))
    assert got.amount_vnd >= 0
    if cap is not None:
        assert got.amount_vnd <= cap * copies
    assert got.amount_vnd <= max(first, later) * pages * copies


@settings(max_examples=40, deadline=None)
@given(
    code=st.sampled_from([CHUNG_THUC, TRICH_LUC, THUONG_TRU, TAM_TRU]),
    pages=st.integers(min_value=1, max_value=200),
    copies=st.integers(min_value=1, max_value=20),
    exemption=st.sampled_from(["khong", "ho_ngheo", "tre_em", "nguoi_co_cong"]),
)
def test_check_page_vietqr_and_receipt_carry_one_amount(
    catalog: Catalog, code: str, pages: int, copies: int, exemption: str
) -> None:
    proc = catalog.procedures[code]
    answers = {"page_count": pages, "copy_count": copies, "fee_exemption": exemption}
    asked = {q.id for step in proc.steps for q in step.questions}
    answers = {k: v for k, v in answers.items() if k in asked}
    on_check_page = procedure_quote(proc, answers)  # ui.journey.check_page shows this one
    portal_amount = proc.fee.amount_for(answers, online=True)  # what the sandbox portal answers
    assert portal_amount == on_check_page.amount_vnd
    if proc.fee.cap_vnd is not None and proc.fee.per_copy:
        assert on_check_page.amount_vnd <= proc.fee.cap_vnd * copies
    portal = {
        "dossier_code": "G22.99-261120-0007",
        "fee": {"amount": portal_amount, "currency": "VND"},
        "payment": {**PAYMENT, "reference": "DVC G22.99-261120-0007"},
    }
    printed_at = datetime(2026, 11, 20, tzinfo=UTC)
    receipt = build_receipt(_dossier(proc, answers, portal), proc, "vi", now=printed_at)
    fee_lines = [line.value for s in receipt.sections for line in s.lines if line.label == "Phí, lệ phí"]
    assert fee_lines[0] == quote_text(proc, on_check_page, "vi")
    payment = payment_of(portal)
    if on_check_page.amount_vnd == 0:
        assert payment is not None and payment.vietqr is None
        return
    assert payment is not None and payment.vietqr is not None
    assert parse_vietqr(payment.vietqr).amount_vnd == on_check_page.amount_vnd
    assert f"{format_vnd(on_check_page.amount_vnd, 'vi')} đồng" in receipt.plain_text()


def test_exemption_needs_its_own_answer() -> None:
    fee = Fee(amount_vnd=5000, exemption=Exemption("who", ("ho_ngheo",), "x"), source="x")
    assert quote(fee, {"who": "ho_ngheo"}).amount_vnd == 0
    assert quote(fee, {"who": "khong"}).amount_vnd == 5000
    assert quote(fee, {}).amount_vnd == 5000


def test_a_portal_figure_that_differs_is_printed_alone(catalog: Catalog) -> None:
    """The portal's figure is the one paid (its VietQR code asks it): printed without the kiosk's
    breakdown when it differs; before the portal answers, the receipt prints the kiosk's."""
    proc = catalog.procedures[CHUNG_THUC]
    answers = {"page_count": 1, "copy_count": 2}
    printed_at = datetime(2026, 11, 20, tzinfo=UTC)
    differs = {"dossier_code": "G22.99-261120-0007", "fee": {"amount": 5000, "currency": "VND"}}
    text = build_receipt(_dossier(proc, answers, differs), proc, "vi", now=printed_at).plain_text()
    assert "Phí, lệ phí: 5.000 đồng\n" in text and "2 bản" not in text
    queued = replace(
        _dossier(proc, answers, {}),
        summary=replace(
            _dossier(proc, answers, {}).summary,
            state=DossierState.QUEUED,
            dossier_code=None,
            portal_status=None,
        ),
    )
    text = build_receipt(queued, proc, "vi", now=printed_at).plain_text()
    assert "Phí, lệ phí: 4.000 đồng (2 bản × 2.000 đồng)" in text
