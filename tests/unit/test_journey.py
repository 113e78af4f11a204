"""The journey model: pages that apply as answers change, progress, back/next, "Sửa", CCCD, resume."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType

import pytest

from kiosk.catalog import Catalog, Change, Procedure, bundled_catalog
from kiosk.crypto import Sealer, training_key
from kiosk.errors import KioskError
from kiosk.i18n import t
from kiosk.journey import (
    APPLICANT,
    CHECK,
    CONSENT,
    DECLARATION,
    DELIVERY_ADDRESS,
    DELIVERY_METHOD,
    Journey,
    PageKind,
)
from kiosk.store import Store
from kiosk.store.consent import record_consent
from kiosk.store.models import Assisted, AttachmentInfo, Dossier, DossierState, DossierSummary

KHAI_SINH = "1.001193"
TRICH_LUC = "2.000635"
CHUNG_THUC = "2.000815"  # pickup only
ADDRESS = {"province_code": "01", "ward_code": "00070", "street": "12 Hàng Bạc"}
APPLICANT_RAW: list[tuple[str, object]] = [
    ("full_name", "nguyễn văn an"),
    ("id_number", "001 090 000 123"),
    ("date_of_birth", "05/09/1990"),
    ("gender", "male"),
    ("phone", "+84912345678"),
    ("email", ""),
    ("address", ADDRESS),
]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return bundled_catalog()


@pytest.fixture
def khai_sinh(catalog: Catalog) -> Procedure:
    return catalog.procedure(KHAI_SINH)


def _answer_applicant(journey: Journey) -> None:
    for name, raw in APPLICANT_RAW:
        assert journey.current.id == APPLICANT + name
        assert journey.continue_from(raw, "vi") == []  # type: ignore[arg-type]


def _info(doc_type: str, attachment_id: str = "a1") -> AttachmentInfo:
    return AttachmentInfo(attachment_id, "ref", doc_type, 1234, "image/jpeg", "giay.jpg", "00", None)


def test_pages_start_with_the_applicant_block_one_question_each(khai_sinh: Procedure) -> None:
    journey = Journey(khai_sinh)
    ids = [page.id for page in journey.pages()]
    assert ids[:7] == [APPLICANT + name for name, _ in APPLICANT_RAW]
    assert ids[7:9] == ["relationship_to_child", "child_full_name"]  # who is filing, before the people
    assert ids[-2:] == [DELIVERY_METHOD, CHECK]  # post is offered; the address only once post is chosen
    assert "father_info" not in ids  # depends on parents_married, not answered yet
    assert journey.current.id == APPLICANT + "full_name"
    assert journey.progress() == (1, len(ids) - 1)


def test_applicant_answers_come_out_in_contract_form(khai_sinh: Procedure) -> None:
    journey = Journey(khai_sinh)
    _answer_applicant(journey)
    assert journey.applicant() == {
        "full_name": "Nguyễn Văn An",
        "id_number": "001090000123",
        "date_of_birth": "1990-09-05",
        "gender": "male",
        "phone": "0912345678",
        "address": ADDRESS,
    }
    assert journey.current.id == "relationship_to_child"
    assert journey.progress() is not None and journey.progress()[0] == 8  # type: ignore[index]


def test_condition_adds_and_removes_pages_and_progress_follows(khai_sinh: Procedure) -> None:
    journey = Journey(khai_sinh)
    total = len([p for p in journey.pages() if p.is_question])
    journey.goto("parents_married")
    assert journey.continue_from(False, "vi") == []
    assert journey.current.id == "father_info"  # appears right after the answer that asks for it
    assert len([p for p in journey.pages() if p.is_question]) == total + 1
    assert journey.continue_from("acknowledge", "vi") == []
    ids = [p.id for p in journey.pages()]
    assert "paternity_evidence_scan" in ids and "marriage_certificate_scan" not in ids
    assert journey.answers() == {"parents_married": False, "father_info": "acknowledge"}
    # Married after all: father_info and its document no longer apply, and its answer is not sent.
    journey.goto("parents_married")
    assert journey.continue_from(True, "vi") == []
    ids = [p.id for p in journey.pages()]
    assert "father_info" not in ids and "paternity_evidence_scan" not in ids
    assert "marriage_certificate_scan" in ids
    assert journey.answers() == {"parents_married": True}
    # …and flipping back brings the earlier choice back, so nothing has to be typed twice.
    journey.goto("parents_married")
    journey.continue_from(False, "vi")
    assert journey.raw("father_info") == "acknowledge"
    assert journey.answers()["father_info"] == "acknowledge"


def test_back_and_next_keep_answers_and_skip_pages_that_do_not_apply(khai_sinh: Procedure) -> None:
    journey = Journey(khai_sinh)
    assert journey.back() is None  # nothing before the first page
    journey.goto("parents_married")
    journey.continue_from(True, "vi")
    assert journey.current.id == "father_full_name"  # father_info skipped
    assert journey.back() is not None and journey.current.id == "parents_married"
    assert journey.raw("parents_married") is True
    journey.back()
    assert journey.current.id == "mother_residence"  # the last page of the mother's step


def test_invalid_answer_keeps_what_was_typed_and_stays(khai_sinh: Procedure) -> None:
    journey = Journey(khai_sinh)
    journey.goto(APPLICANT + "phone")
    problems = journey.continue_from("0123", "vi")
    assert [p.field for p in problems] == [APPLICANT + "phone"]
    assert problems[0].message("vi")  # a sentence a person can act on
    assert journey.current.id == APPLICANT + "phone"
    assert journey.raw(APPLICANT + "phone") == "0123"
    assert "phone" not in journey.applicant()
    assert [p.field for p in journey.continue_from("", "vi")] == [APPLICANT + "phone"]  # required
    journey.goto(APPLICANT + "email")
    assert journey.continue_from("", "vi") == []  # optional


def test_cccd_is_cross_checked_with_birth_date_and_gender_on_their_own_pages(khai_sinh: Procedure) -> None:
    """Issue #17: the mismatch said on the date page linked to the number's page. A problem is now the
    field's own where it is shown (its link lands on that field); "Quay lại" reaches the number."""
    journey = Journey(khai_sinh)
    journey.goto(APPLICANT + "id_number")
    assert journey.continue_from("001090000123", "vi") == []  # male, born 1990
    assert journey.continue_from("05/09/1990", "vi") == []  # gender not known yet: no check
    problems = journey.continue_from("female", "vi")
    assert [(p.field, p.key) for p in problems] == [(APPLICANT + "gender", "rules.cccd.gender_mismatch")]
    assert journey.current.id == APPLICANT + "gender"  # cannot go on until one of them is fixed
    assert journey.continue_from("male", "vi") == []
    journey.goto(APPLICANT + "date_of_birth")
    problems = journey.continue_from("05/09/1991", "vi")
    assert [(p.field, p.key) for p in problems] == [(APPLICANT + "date_of_birth", "rules.cccd.year_mismatch")]
    journey.goto(CHECK)  # the check page links each one to the page where it was said
    assert [(p.field, p.key) for p in journey.problems() if p.key.startswith("rules.cccd")] == [
        (APPLICANT + "date_of_birth", "rules.cccd.year_mismatch")
    ]


def test_a_wrong_birth_date_never_traps_the_person_on_the_number_page(khai_sinh: Procedure) -> None:
    """A right number (a woman born 1985), then a wrong date of birth: the date's page says so at once,
    and going back to the number and on again reaches the date to fix it (the number's page used to
    refuse "Tiếp tục" because of a date that only a later page could change)."""
    journey = Journey(khai_sinh)
    journey.goto(APPLICANT + "id_number")
    assert journey.continue_from("001185012345", "vi") == []
    problems = journey.continue_from("15/03/2024", "vi")
    assert [(p.field, p.key) for p in problems] == [
        (APPLICANT + "date_of_birth", "rules.cccd.century_mismatch")
    ]
    assert journey.current.id == APPLICANT + "date_of_birth"
    journey.back()
    assert journey.current.id == APPLICANT + "id_number"
    assert journey.continue_from("001185012345", "vi") == []  # on to the date, which is what is wrong
    assert journey.current.id == APPLICANT + "date_of_birth"
    assert journey.continue_from("15/03/1985", "vi") == []
    assert journey.continue_from("female", "vi") == []
    journey.goto(CHECK)
    assert [p for p in journey.problems() if p.key.startswith("rules.cccd")] == []


def test_change_from_check_returns_to_check_through_newly_due_pages(khai_sinh: Procedure) -> None:
    journey = Journey(khai_sinh)
    journey.goto(APPLICANT + "phone")
    journey.continue_from("0912345678", "vi")
    journey.goto(CHECK)
    journey.goto(APPLICANT + "phone", returning=True)
    assert journey.progress() is not None
    assert journey.continue_from("0987654321", "vi") == []
    assert journey.current.id == CHECK
    assert not journey.returning_to_check
    # A change that makes a new required question apply asks it before coming back.
    journey.goto("parents_married", returning=True)
    journey.continue_from(False, "vi")
    assert journey.current.id == "father_info"
    journey.continue_from("leave_blank", "vi")
    assert journey.current.id == CHECK  # pages unanswered before the change are not forced now
    # "Quay lại" from a page opened by "Sửa" goes back to the check page.
    journey.goto("child_ethnicity", returning=True)
    assert journey.back() is not None and journey.current.id == CHECK


def test_change_returns_straight_to_check_when_everything_is_answered(catalog: Catalog) -> None:
    journey = _filled(catalog.procedure(TRICH_LUC))
    assert journey.current.id == CHECK
    journey.goto("copy_count", returning=True)
    assert journey.continue_from("3", "vi") == []
    assert journey.current.id == CHECK
    assert journey.answers()["copy_count"] == 3


def _filled(proc: Procedure) -> Journey:
    journey = Journey(proc, consent_needed=False)
    _answer_applicant(journey)
    raw = {
        "record_type": "khai_sinh",
        "record_person_full_name": "Trần Thị Bình",
        "record_person_date_of_birth": "01/02/1950",
        "registration_place": "UBND xã Phú Mỹ",
        "registration_year": "1950",
        "copy_count": "2",
        "receive_email": "",
        DELIVERY_METHOD: "pickup",
    }
    while journey.current.id != CHECK:
        page = journey.current
        value = raw[page.id]
        if page.question and page.question.options and value not in {o.id for o in page.question.options}:
            value = page.question.options[0].id
        assert journey.continue_from(value, "vi") == [], page.id
    return journey


def test_check_rows_show_every_answer_as_a_person_reads_it(catalog: Catalog) -> None:
    journey = _filled(catalog.procedure(TRICH_LUC))
    rows = {page_id: (label, shown) for page_id, label, shown in journey.check_rows("vi")}
    assert rows[APPLICANT + "date_of_birth"][1] == "05/09/1990"
    assert rows[APPLICANT + "gender"][1] == "Nam"
    assert rows[APPLICANT + "address"][1] == "12 Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội"
    assert rows[APPLICANT + "email"][1] == t("rules.answers.not_answered", "vi")
    assert rows["record_person_date_of_birth"][1] == "01/02/1950"
    assert rows[DELIVERY_METHOD][1] == "Nhận trực tiếp tại cơ quan giải quyết"
    assert DELIVERY_ADDRESS not in rows
    assert journey.problems() == []
    assert journey.delivery() == {"method": "pickup", "address": None, "channel": 2}


def test_post_delivery_asks_an_address_and_sends_it(catalog: Catalog) -> None:
    journey = _filled(catalog.procedure(TRICH_LUC))
    journey.goto(DELIVERY_METHOD, returning=True)
    journey.continue_from("post", "vi")
    assert journey.current.id == DELIVERY_ADDRESS  # new, required, unanswered
    assert journey.progress() is not None
    other = {"province_code": "01", "ward_code": "00004", "street": "1 Điện Biên Phủ"}
    assert journey.continue_from(other, "vi") == []
    assert journey.current.id == CHECK
    assert journey.delivery() == {"method": "post", "address": other, "channel": 2}


def test_pickup_only_procedure_has_no_delivery_page(catalog: Catalog) -> None:
    journey = Journey(catalog.procedure(CHUNG_THUC))
    assert all(p.kind is not PageKind.DELIVERY for p in journey.pages())
    assert journey.delivery()["method"] == "pickup"


def test_required_attachment_needs_a_file_and_stale_files_are_not_sent(khai_sinh: Procedure) -> None:
    journey = Journey(khai_sinh)
    journey.goto("has_birth_notice")
    journey.continue_from(True, "vi")
    assert journey.current.id == "birth_notice_scan"
    assert [p.key for p in journey.continue_from(None, "vi")] == ["journey.attachment_required"]
    journey.add_attachment(_info("giay_chung_sinh"))
    assert journey.continue_from(None, "vi") == []
    assert [a.id for a in journey.attachments()] == ["a1"]
    rows = {page_id: shown for page_id, _label, shown in journey.check_rows("vi")}
    assert rows["birth_notice_scan"] == "giay.jpg"
    journey.goto("has_birth_notice")
    journey.continue_from(False, "vi")
    assert journey.attachments() == [] and journey.stale_attachments() == ["a1"]
    journey.remove_attachment("a1")
    assert journey.stale_attachments() == []


def test_declaration_and_consent_are_required(khai_sinh: Procedure) -> None:
    assisted = Journey(khai_sinh, consent_needed=True)
    assert {p.field for p in assisted.declare(False, False)} == {DECLARATION, CONSENT}
    assert [p.field for p in assisted.declare(True, False)] == [CONSENT]
    assert assisted.declare(True, True) == []
    alone = Journey(khai_sinh, consent_needed=False)
    assert [p.field for p in alone.declare(False, False)] == [DECLARATION]


def test_problems_list_what_is_still_missing_before_submit(khai_sinh: Procedure) -> None:
    journey = Journey(khai_sinh)
    fields = [p.field for p in journey.problems()]
    assert fields[0] == APPLICANT + "full_name"
    assert APPLICANT + "email" not in fields  # optional
    assert "father_info" not in fields  # does not apply


def _dossier(proc: Procedure, version: str, answers: dict[str, object]) -> Dossier:
    now = datetime(2026, 11, 20, tzinfo=UTC)
    summary = DossierSummary(
        "2b1f8f53-8f5e-4b5c-9a36-8f3c1f0c6d11",
        proc.code,
        version,
        None,
        DossierState.DRAFT,
        None,
        None,
        "ABCD-EFGH",
        "post_office",
        None,
        now,
        now,
        None,
        None,
        None,
    )
    applicant = {"full_name": "Nguyễn Văn An", "id_number": "001090000123", "date_of_birth": "1990-09-05"}
    return Dossier(
        summary=summary,
        assisted=Assisted("post_office"),
        applicant=applicant,
        answers=answers,
        attachments=[_info("giay_chung_sinh")],
        problem=None,
        delivery={"method": "post", "address": ADDRESS, "channel": 2},
    )


def test_resume_opens_at_the_first_unanswered_page_with_answers_shown(khai_sinh: Procedure) -> None:
    dossier = _dossier(khai_sinh, khai_sinh.version, {"child_full_name": "Lê Minh Khang"})
    journey = Journey.from_dossier(khai_sinh, dossier)
    assert journey.client_ref == dossier.client_ref
    assert journey.current.id == APPLICANT + "gender"
    assert journey.raw(APPLICANT + "date_of_birth") == "05/09/1990"  # shown as it was typed
    assert journey.answers() == {"child_full_name": "Lê Minh Khang"}
    assert journey.delivery()["method"] == "post"
    assert journey.attachments_for("birth_notice_scan")[0].filename == "giay.jpg"


def test_resume_migrates_answers_saved_under_an_older_version(khai_sinh: Procedure) -> None:
    renamed = Change(version="2027.1.1", renamed=MappingProxyType({"child_name": "child_full_name"}))
    newer = replace(khai_sinh, version="2027.1.1", changes=(*khai_sinh.changes, renamed))
    dossier = _dossier(newer, khai_sinh.version, {"child_name": "Lê Minh Khang", "gone": "x"})
    journey = Journey.from_dossier(newer, dossier)
    assert journey.answers() == {"child_full_name": "Lê Minh Khang"}
    assert journey.raw("child_full_name") == "Lê Minh Khang"


def test_a_saved_value_that_no_longer_fits_is_asked_again(khai_sinh: Procedure) -> None:
    dossier = _dossier(khai_sinh, khai_sinh.version, {"child_gender": "unknown-option"})
    journey = Journey.from_dossier(khai_sinh, dossier)
    assert "child_gender" not in journey.answers()
    assert not journey.complete(journey.page("child_gender"))


def test_consent_is_recorded_on_the_draft_and_in_the_audit_log(tmp_path: Path) -> None:
    with Store.open(tmp_path, Sealer(training_key())) as store:
        ref = store.create_draft(KHAI_SINH, "2026.11.1", Assisted("post_office"))
        assert store.get_dossier(ref).assisted.consent_at is None
        at = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
        record_consent(store, ref, at, "kiosk:post_office")
        assert store.get_dossier(ref).assisted.consent_at == at
        assert [e.action for e in store.audit.entries()][-1] == "consent.recorded"
        store.finalize(ref, "kiosk:post_office")
        with pytest.raises(KioskError):
            record_consent(store, ref, at, "kiosk:post_office")  # a queued dossier no longer changes
