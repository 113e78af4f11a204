"""Issue #17: who is filing comes first, and the pages about that person are the applicant's own answers.

Also the question bugs the issue lists: the father's pages required once the parents are married, the
e-mail asked once in trích lục, the chủ hộ's number a citizen may not know, "đang có vợ/chồng", and a
resumed draft that must not show a delivery choice nobody made.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.catalog import AnyOf, Catalog, Procedure, QuestionKind, bundled_catalog
from kiosk.crypto import Sealer, training_key
from kiosk.journey import APPLICANT, CHECK, DELIVERY_METHOD, Journey
from kiosk.store import Store
from kiosk.store.models import Assisted
from tests.unit.test_catalog_loader import PROCEDURE, problems_for

KHAI_SINH = "1.001193"
THUONG_TRU = "1.004222"
TRICH_LUC = "2.000635"
XAC_NHAN = "1.004873"
ADDRESS = {"province_code": "01", "ward_code": "00070", "street": "12 Hàng Bạc"}
MOTHER = [  # what a scanned card and the person's phone give the applicant block
    ("full_name", "Trần Thị Bình"),
    ("id_number", "001195000456"),
    ("date_of_birth", "12/03/1995"),
    ("gender", "female"),
    ("phone", "0912345678"),
    ("email", ""),
    ("address", ADDRESS),
]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return bundled_catalog()


@pytest.fixture
def khai_sinh(catalog: Catalog) -> Procedure:
    return catalog.procedure(KHAI_SINH)


def _applicant(journey: Journey) -> None:
    for name, raw in MOTHER:
        assert journey.current.id == APPLICANT + name
        assert journey.continue_from(raw, "vi") == []  # type: ignore[arg-type]


def test_the_mother_filing_finds_her_page_filled_from_the_applicant_block(khai_sinh: Procedure) -> None:
    journey = Journey(khai_sinh)
    _applicant(journey)
    assert journey.current.id == "relationship_to_child"  # straight after the applicant block
    assert journey.continue_from("mother", "vi") == []
    for qid in ("child_full_name", "child_date_of_birth", "child_gender", "child_place_of_birth"):
        assert journey.current.id == qid
        journey.continue_from(
            {"child_gender": "male"}.get(qid, "01/10/2025" if "date" in qid else "An"), "vi"
        )
    journey.goto("mother_full_name")
    for qid, shown, value in [
        ("mother_full_name", "Trần Thị Bình", "Trần Thị Bình"),
        ("mother_date_of_birth", "12/03/1995", "1995-03-12"),
        ("mother_id_number", "001195000456", "001195000456"),
    ]:
        assert journey.current.id == qid  # shown, so the person sees it and may change it
        assert journey.raw(qid) == shown and journey.filled_from_applicant(qid)
        assert journey.continue_from(journey.raw(qid), "vi") == []  # one press: nothing typed
        assert journey.answers()[qid] == value
        assert journey.filled_from_applicant(qid)  # confirmed unchanged: still follows the applicant
    assert journey.current.id == "parents_married"
    assert not any(journey.filled_from_applicant(f"father_{f}") for f in ("full_name", "id_number"))


def test_a_filled_page_follows_the_applicant_until_the_person_changes_it(khai_sinh: Procedure) -> None:
    journey = Journey(khai_sinh)
    _applicant(journey)
    journey.continue_from("mother", "vi")
    journey.goto(APPLICANT + "full_name")
    journey.continue_from("Trần Thị Bính", "vi")  # a typo fixed on the applicant's page
    assert journey.value("mother_full_name") == "Trần Thị Bính"
    assert journey.take_refilled() >= {"mother_full_name"}  # the screen shows the new value
    journey.goto("mother_date_of_birth")
    journey.continue_from("13/03/1995", "vi")  # her own answer now: never overwritten
    assert not journey.filled_from_applicant("mother_date_of_birth")
    journey.goto(APPLICANT + "date_of_birth")
    journey.continue_from("14/03/1995", "vi")
    assert journey.value("mother_date_of_birth") == "1995-03-13"


def test_choosing_another_relationship_takes_the_filled_answers_away(khai_sinh: Procedure) -> None:
    journey = Journey(khai_sinh)
    _applicant(journey)
    journey.continue_from("mother", "vi")
    journey.goto("parents_married")
    journey.continue_from(True, "vi")
    assert "father_full_name" not in journey.answers()
    journey.goto("relationship_to_child")
    journey.continue_from("father", "vi")  # it was the father after all (same details, for the test)
    assert "mother_full_name" not in journey.answers() and journey.raw("mother_full_name") is None
    assert journey.answers()["father_full_name"] == "Trần Thị Bình"
    assert journey.filled_from_applicant("father_id_number")
    journey.goto("relationship_to_child")
    journey.continue_from("grandparent", "vi")  # a grandmother: nobody's page is hers
    assert not {"mother_full_name", "father_full_name"} & set(journey.answers())


def test_changing_the_relationship_from_the_check_page_asks_the_pages_it_emptied(
    khai_sinh: Procedure,
) -> None:
    journey = Journey(khai_sinh)
    _applicant(journey)
    journey.continue_from("mother", "vi")
    journey.goto(CHECK)
    journey.goto("relationship_to_child", returning=True)  # "Sửa"
    journey.continue_from("grandparent", "vi")  # the grandmother files: the mother's pages are empty
    assert journey.current.id == "mother_full_name"  # asked on the way back, not left for the submit


def test_a_resumed_draft_knows_which_answers_were_filled(khai_sinh: Procedure, tmp_path: Path) -> None:
    journey = Journey(khai_sinh, client_ref="2b1f8f53-8f5e-4b5c-9a36-8f3c1f0c6d11")
    _applicant(journey)
    journey.continue_from("mother", "vi")
    with Store.open(tmp_path, Sealer(training_key())) as store:
        ref = store.create_draft(KHAI_SINH, khai_sinh.version, Assisted("post_office"))
        store.save_answers(
            ref,
            journey.applicant(),
            journey.answers(),
            journey.delivery(),
            procedure_version=khai_sinh.version,
        )
        again = Journey.from_dossier(khai_sinh, store.get_dossier(ref))
    assert again.filled_from_applicant("mother_id_number")
    assert again.value(DELIVERY_METHOD) is None  # nobody chose how the result comes back
    assert again.raw(DELIVERY_METHOD) is None
    assert again.current.id == "child_full_name"


def test_married_parents_make_the_fathers_pages_required(khai_sinh: Procedure) -> None:
    journey = Journey(khai_sinh)
    father = ["father_full_name", "father_date_of_birth", "father_id_number"]
    assert all(khai_sinh.question(qid).required for qid in father)  # no "(không bắt buộc)"
    journey.goto("parents_married")
    journey.continue_from(True, "vi")
    assert journey.current.id == "father_full_name"
    assert [p.field for p in journey.continue_from("", "vi")] == ["father_full_name"]
    missing = {p.field for p in journey.problems()}
    assert set(father) <= missing
    journey.goto("parents_married")
    journey.continue_from(False, "vi")
    journey.continue_from("leave_blank", "vi")  # the father's part left blank: not asked at all
    assert not set(father) & {p.id for p in journey.pages()}
    journey.goto("father_info")
    journey.continue_from("acknowledge", "vi")  # acknowledged now: asked and required again
    assert journey.current.id == "father_full_name"
    assert set(father) <= {p.field for p in journey.problems()}


def test_the_email_is_asked_once_in_trich_luc(catalog: Catalog) -> None:
    journey = Journey(catalog.procedure(TRICH_LUC))
    emails = [p.id for p in journey.pages() if p.question and p.question.kind is QuestionKind.EMAIL]
    assert emails == [APPLICANT + "email"]


def test_no_procedure_asks_an_email_of_its_own(catalog: Catalog) -> None:
    """The applicant's e-mail is where the portal writes (trích lục's copy, the BHYT card's notice)."""
    own = {
        (code, q.id)
        for code, proc in catalog.procedures.items()
        for q in proc.questions()
        if q.kind is QuestionKind.EMAIL and q.from_applicant is None
    }
    assert own == set()


def test_a_draft_saved_with_the_old_email_question_migrates(catalog: Catalog, tmp_path: Path) -> None:
    proc = catalog.procedure(TRICH_LUC)
    with Store.open(tmp_path, Sealer(training_key())) as store:
        ref = store.create_draft(TRICH_LUC, "2026.11.1", Assisted("post_office"))
        store.save_answers(ref, {}, {"copy_count": 2, "receive_email": "an@example.vn"}, {})
        journey = Journey.from_dossier(proc, store.get_dossier(ref))
    assert journey.answers() == {"copy_count": 2}


def test_the_head_of_household_number_may_be_left_out_and_is_filled_for_the_head(catalog: Catalog) -> None:
    proc = catalog.procedure(THUONG_TRU)
    number = proc.question("household_head_id_number")
    assert not number.required and number.hint is not None and "không biết" in number.hint.vi.lower()
    journey = Journey(proc)
    _applicant(journey)
    assert journey.continue_from(False, "vi") == []  # for herself
    assert journey.current.id == "relationship_to_head"
    journey.continue_from("other", "vi")
    journey.goto("household_head_id_number")
    assert journey.raw("household_head_id_number") is None
    assert journey.continue_from("", "vi") == []  # not known: on to the next page
    journey.goto("relationship_to_head")
    journey.continue_from("self", "vi")  # she is the head herself
    assert journey.answers()["household_head_full_name"] == "Trần Thị Bình"
    assert journey.answers()["household_head_id_number"] == "001195000456"
    assert journey.answers()["household_head_phone"] == "0912345678"


def test_marital_status_offers_married_with_the_spouse_named(catalog: Catalog) -> None:
    proc = catalog.procedure(XAC_NHAN)
    status = proc.question("marital_status")
    assert "married" in [o.id for o in status.options]
    assert status.option("married").label.vi == "Đang có vợ hoặc chồng"
    journey = Journey(proc)
    journey.goto("marital_status")
    journey.continue_from("married", "vi")
    assert journey.current.id == "current_spouse_full_name"


def test_an_unchosen_delivery_stays_unchosen(khai_sinh: Procedure) -> None:
    journey = Journey(khai_sinh)
    assert "method" not in journey.delivery()
    again = Journey(khai_sinh, delivery=journey.delivery())
    assert again.value(DELIVERY_METHOD) is None
    assert DELIVERY_METHOD in {p.field for p in again.problems()}  # still to choose before sending
    journey.goto(DELIVERY_METHOD)
    journey.continue_from("pickup", "vi")
    assert journey.delivery()["method"] == "pickup"
    journey.goto(CHECK)


# --- the catalog's words for it -----------------------------------------------------------------------
RELATION = """\
      - id: relation
        kind: choice
        label: {vi: "Ông/Bà là gì của trẻ?", en: "Relation"}
        options:
          - {id: mother, label: {vi: "Mẹ", en: "Mother"}}
          - {id: other, label: {vi: "Khác", en: "Other"}}
"""


def _with(questions: str) -> str:
    return PROCEDURE.replace("    questions:\n", "    questions:\n" + RELATION + questions, 1)


def test_the_loader_reads_from_applicant_and_either_of_two_conditions(tmp_path: Path) -> None:
    good = _with(
        """\
      - id: mother_name
        kind: person_name
        when: [{question: relation, equals: mother}, {question: relation, equals: other}]
        label: {vi: "Tên mẹ", en: "Mother"}
        from_applicant: {field: full_name, when: {question: relation, equals: mother}}
"""
    )
    assert problems_for(tmp_path, good) == []


@pytest.mark.parametrize(
    ("question", "message"),
    [
        (
            "kind: cccd\n        from_applicant: {field: full_name}",
            "the applicant's full_name fits a person_name question",
        ),
        ("kind: text\n        from_applicant: {field: nickname}", "from_applicant field must be one of"),
        (
            "kind: person_name\n        from_applicant:"
            " {field: full_name, when: {question: later, equals: x}}",
            "refers to question 'later', which is not defined earlier",
        ),
        ("kind: text\n        when: [{question: relation, equals: mother}]", "needs at least two conditions"),
    ],
)
def test_the_loader_refuses_a_wrong_from_applicant_or_when_list(
    tmp_path: Path, question: str, message: str
) -> None:
    bad = _with(f'      - id: asked\n        {question}\n        label: {{vi: "Hỏi", en: "Asked"}}\n')
    found = problems_for(tmp_path, bad)
    assert any(message in line for line in found), found


def test_the_bundled_father_pages_use_either_condition(khai_sinh: Procedure) -> None:
    when = khai_sinh.question("father_full_name").when
    assert isinstance(when, AnyOf)
    assert when.holds({"parents_married": True})
    assert when.holds({"parents_married": False, "father_info": "acknowledge"})
    assert not when.holds({"parents_married": False, "father_info": "leave_blank"})
