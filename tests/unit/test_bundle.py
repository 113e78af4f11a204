"""Bundle filings (task list, shared answers once, presets, statuses) and reuse within a session."""

from __future__ import annotations

import uuid

import pytest

from kiosk.bundle import BundleFiling, TaskStatus
from kiosk.catalog import Catalog, bundled_catalog
from kiosk.journey import APPLICANT, CHECK, Journey
from kiosk.session_data import SessionMemory
from kiosk.store.models import DossierState

BIRTH, DEATH = "lien_thong_khai_sinh", "lien_thong_khai_tu"
KHAI_SINH, THUONG_TRU, BHYT = "1.001193", "1.004222", "1.002296"
APPLICANT_VALUES = {
    "full_name": "Trần Thị Bình",
    "id_number": "001195000456",
    "date_of_birth": "1995-03-12",
    "gender": "female",
    "phone": "0912345678",
    "address": {"province_code": "01", "ward_code": "00070", "street": "12 Hàng Bạc"},
}
CHILD = {"child_full_name": "Nguyễn Minh Khang", "child_date_of_birth": "2025-10-01", "child_gender": "male"}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return bundled_catalog()


def file_first(filing: BundleFiling) -> None:
    filing.started(KHAI_SINH, str(uuid.uuid4()))
    filing.filed(KHAI_SINH, APPLICANT_VALUES, {**CHILD, "child_ethnicity": "Kinh"}, "ABCD-EFGH")


def test_a_new_filing_lists_every_member_not_started_with_one_uuid_bundle_ref(catalog: Catalog) -> None:
    filing = BundleFiling.start(catalog, BIRTH)
    assert [task.code for task in filing.tasks] == [KHAI_SINH, THUONG_TRU, BHYT]
    assert {task.status for task in filing.tasks} == {TaskStatus.NOT_STARTED}
    assert str(uuid.UUID(filing.bundle_ref)) == filing.bundle_ref
    assert BundleFiling.start(catalog, BIRTH).bundle_ref != filing.bundle_ref
    assert not filing.finished


def test_only_the_first_member_can_start_until_it_is_filed(catalog: Catalog) -> None:
    filing = BundleFiling.start(catalog, BIRTH)
    assert [filing.can_start(code) for code in (KHAI_SINH, THUONG_TRU, BHYT)] == [True, False, False]
    filing.started(KHAI_SINH, str(uuid.uuid4()))
    assert filing.task(KHAI_SINH).status is TaskStatus.IN_PROGRESS
    assert not filing.can_start(THUONG_TRU)
    file_first(filing)
    assert filing.task(KHAI_SINH).status is TaskStatus.DONE
    assert filing.can_start(THUONG_TRU) and filing.can_start(BHYT)
    next_task = filing.next_task()
    assert next_task is not None and next_task.code == THUONG_TRU


def test_the_first_member_asks_everything_and_gets_only_its_presets(catalog: Catalog) -> None:
    filing = BundleFiling.start(catalog, BIRTH)
    start = filing.member_start(KHAI_SINH)
    assert start.applicant == {} and start.answers == {} and start.skip == frozenset()
    journey = Journey(catalog.procedure(KHAI_SINH), skip=start.skip)
    ids = [page.id for page in journey.pages()]
    assert ids[0] == APPLICANT + "full_name" and "child_full_name" in ids


def test_later_members_get_the_applicant_shared_answers_and_presets_and_skip_those_pages(
    catalog: Catalog,
) -> None:
    filing = BundleFiling.start(catalog, BIRTH)
    file_first(filing)
    start = filing.member_start(THUONG_TRU)
    assert start.applicant == APPLICANT_VALUES
    # child_ethnicity is not shared; a newborn is a child, exempt from the residence fee (preset)
    assert start.answers == {**CHILD, "for_child": True, "fee_exemption": "tre_em"}
    assert start.fixed == {"for_child", "fee_exemption"} and start.asked_in == KHAI_SINH
    journey = Journey(
        catalog.procedure(THUONG_TRU),
        applicant=start.applicant,
        answers=start.answers,
        skip=start.skip,
        fixed=start.fixed,
    )
    asked = [page.id for page in journey.pages()]
    assert not any(page_id.startswith(APPLICANT) for page_id in asked)  # optional email too
    assert "for_child" not in asked and "child_full_name" not in asked and "fee_exemption" not in asked
    assert journey.current.id == "relationship_to_head"  # the member's own first question
    shown = {page_id: value for page_id, _label, value in journey.check_rows("vi")}
    assert shown["child_full_name"] == "Nguyễn Minh Khang" and shown["for_child"] == "Có"
    assert shown[APPLICANT + "full_name"] == "Trần Thị Bình"
    assert journey.answers()["child_date_of_birth"] == "2025-10-01"
    assert journey.answers()["for_child"] is True
    # "Sửa" on a shared answer opens its page in this journey; Continue comes back to the check page.
    journey.goto("child_full_name", returning=True)
    assert journey.continue_from("Nguyễn Minh Khôi", "vi") == []
    assert journey.current.id == CHECK
    assert journey.answers()["child_full_name"] == "Nguyễn Minh Khôi"


def test_the_death_bundle_presets_the_removal_reason_and_shares_the_deceased(catalog: Catalog) -> None:
    filing = BundleFiling.start(catalog, DEATH)
    first = filing.first
    filing.started(first, str(uuid.uuid4()))
    deceased = {
        "deceased_full_name": "Lê Văn Tư",
        "deceased_id_number": "001050000789",
        "deceased_date_of_death": "2026-01-05",
        "place_of_death": "Tại nhà",
    }
    filing.filed(first, APPLICANT_VALUES, deceased, "WXYZ-2345")
    start = filing.member_start("1.004227")
    assert start.answers["removal_reason"] == "died"
    assert start.answers["deceased_full_name"] == "Lê Văn Tư"
    assert "place_of_death" not in start.answers
    journey = Journey(
        catalog.procedure("1.004227"),
        applicant=start.applicant,
        answers=start.answers,
        skip=start.skip,
        fixed=start.fixed,
    )
    assert "deceased_full_name" not in [page.id for page in journey.pages()]
    assert journey.answers()["deceased_id_number"] == "001050000789"


def test_statuses_follow_each_members_dossier_including_needs_fix(catalog: Catalog) -> None:
    filing = BundleFiling.start(catalog, BIRTH)
    refs = {code: str(uuid.uuid4()) for code in (KHAI_SINH, THUONG_TRU, BHYT)}
    file_first(filing)
    filing.task(KHAI_SINH).client_ref = refs[KHAI_SINH]
    for code in (THUONG_TRU, BHYT):
        filing.started(code, refs[code])
        assert filing.observe(refs[code], DossierState.QUEUED, "LOCAL-REF")
    assert filing.finished
    assert filing.observe(refs[THUONG_TRU], DossierState.SUBMITTED, "000.00.01.H01-260101-0001")
    assert filing.task(THUONG_TRU).reference == "000.00.01.H01-260101-0001"
    assert not filing.observe(refs[THUONG_TRU], DossierState.SUBMITTED)  # nothing moved
    assert filing.observe(refs[BHYT], DossierState.NEEDS_ATTENTION)
    assert filing.task(BHYT).status is TaskStatus.NEEDS_FIX
    assert not filing.finished
    assert filing.next_task() is filing.task(BHYT)  # what needs fixing is offered first
    filing.observe(refs[BHYT], DossierState.DRAFT)  # reopened for edit: still "cần sửa" until filed
    assert filing.task(BHYT).status is TaskStatus.NEEDS_FIX
    filing.observe(refs[BHYT], DossierState.QUEUED)
    assert filing.finished
    assert filing.counts()[TaskStatus.DONE] == 3
    assert not filing.observe(str(uuid.uuid4()), DossierState.QUEUED)  # not a member


def test_session_memory_offers_same_id_and_kind_only_after_consent_and_forgets(catalog: Catalog) -> None:
    memory = SessionMemory()
    thuong_tru, bhyt = catalog.procedure(THUONG_TRU), catalog.procedure(BHYT)
    assert not memory.should_ask(bhyt)
    memory.remember(catalog.procedure(KHAI_SINH), APPLICANT_VALUES, {**CHILD, "child_ethnicity": "Kinh"})
    offer = memory.offer_for(bhyt)
    assert offer.applicant == APPLICANT_VALUES
    assert offer.answers == CHILD  # BHYT has no child_ethnicity question
    assert memory.offer_for(thuong_tru).answers == CHILD
    assert memory.should_ask(bhyt)
    assert not memory.prefill_for(bhyt)  # nothing before the citizen says yes
    memory.consent = True
    assert not memory.should_ask(bhyt)  # asked once a session
    assert memory.prefill_for(bhyt).answers == CHILD
    memory.forget()
    assert not memory.prefill_for(bhyt) and memory.consent is None and not memory.should_ask(bhyt)


def test_session_memory_skips_a_question_of_another_kind_and_attachments(catalog: Catalog) -> None:
    memory = SessionMemory()
    khai_sinh = catalog.procedure(KHAI_SINH)
    memory.remember(khai_sinh, {}, {"child_gender": "male", "birth_notice_scan": "x"})
    assert "birth_notice_scan" not in memory.answers
    memory.answers["child_gender"] = (memory.answers["child_gender"][0].__class__("text"), "male")
    assert "child_gender" not in memory.offer_for(catalog.procedure(BHYT)).answers
    memory.consent = False
    assert not memory.prefill_for(catalog.procedure(BHYT))
