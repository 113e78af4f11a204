"""The portal's dataset (issue #17.2): official lists as data, list questions in the catalog, and the
new fields of khai sinh, khai tử, kết hôn, thường trú, tạm trú encoded for the portal as documented."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from pathlib import Path

import httpx
import pytest

from kiosk.answers import AnswersInvalid, encode_answers
from kiosk.assets import lists_dir
from kiosk.catalog import CatalogError, bundled_catalog, load_catalog
from kiosk.catalog_load import catalog_from_documents, procedure_to_document
from kiosk.crypto import Sealer
from kiosk.journey import APPLICANT, CHECK, Journey, PageKind, Raw
from kiosk.lists import list_names, option_list, search_items
from kiosk.store import Assisted, DossierState, Store
from sync.client import PortalClient
from sync.clock import FakeClock, system_clock
from sync.sandbox import start_in_thread
from sync.service import sync_now

KHAI_SINH, KHAI_TU, KET_HON, THUONG_TRU, TAM_TRU = "1.001193", "1.000656", "1.000894", "1.004222", "1.004194"
ADDRESS = {"province_code": "01", "ward_code": "00070", "street": "12 Hàng Bạc"}


# --- the lists ---------------------------------------------------------------------------------------------
def test_the_54_ethnic_groups_carry_the_official_codes_of_decision_121() -> None:
    groups = option_list("dan_toc").items
    assert [g.id for g in groups] == [f"{n:02d}" for n in range(1, 55)]  # 01…54, each once, in order
    assert len({g.vi for g in groups}) == 54
    by_code = {g.id: g.vi for g in groups}
    # Quyết định 121-TCTK/PPCĐ: 04 Hoa, 05 Khmer, 06 Mường … 53 Ơ Đu, 54 Rơ Măm.
    assert (by_code["01"], by_code["02"], by_code["03"]) == ("Kinh", "Tày", "Thái")
    assert (by_code["04"], by_code["05"], by_code["06"]) == ("Hoa", "Khmer", "Mường")
    assert (by_code["08"], by_code["11"], by_code["53"], by_code["54"]) == ("Mông", "Ngái", "Ơ Đu", "Rơ Măm")


@pytest.mark.parametrize("name", ["dan_toc", "quoc_tich"])
def test_list_names_are_nfc_and_ids_unique(name: str) -> None:
    raw = json.loads((lists_dir() / f"{name}.json").read_text(encoding="utf-8"))
    ids = [item["id"] for item in raw["items"]]
    assert len(ids) == len(set(ids))
    for item in raw["items"]:
        for text in (item["vi"], item["en"], *item.get("aliases", [])):
            assert unicodedata.normalize("NFC", text) == text, text
            assert text == text.strip() and text
    assert raw["source"]  # where the list comes from is written beside it


def test_nationalities_are_iso_codes_with_vietnamese_names_viet_nam_first() -> None:
    countries = option_list("quoc_tich").items
    assert countries[0].id == "VN" and countries[0].vi == "Việt Nam"
    assert len(countries) >= 249 and all(re.fullmatch(r"[A-Z]{2}", c.id) for c in countries)
    names = {c.id: c.vi for c in countries}
    assert (names["LA"], names["KH"], names["CN"], names["KR"], names["US"]) == (
        "Lào",
        "Campuchia",
        "Trung Quốc",
        "Hàn Quốc",
        "Hoa Kỳ",
    )
    assert list_names() == ["dan_toc", "quoc_tich"]


@pytest.mark.parametrize(
    ("query", "first"),
    [("kinh", "Kinh"), ("Kinh", "Kinh"), ("meo", "Mông"), ("kho me", "Khmer"), ("khơ-me", "Khmer"),
     ("tay", "Tày"), ("ede", "Ê Đê"), ("e de", "Ê Đê"), ("ro mam", "Rơ Măm")],
)  # fmt: skip
def test_a_few_letters_find_a_group_by_its_name_or_another_name(query: str, first: str | None) -> None:
    found = search_items(option_list("dan_toc").items, query)
    assert (found[0].vi if found else None) == first


def test_a_country_is_found_in_vietnamese_or_english_without_accents() -> None:
    countries = option_list("quoc_tich").items
    assert search_items(countries, "lao")[0].vi == "Lào"
    assert search_items(countries, "han quoc")[0].id == "KR"
    assert search_items(countries, "korea")[0].id in ("KR", "KP")


# --- the catalog -------------------------------------------------------------------------------------------
def test_list_questions_are_expanded_and_survive_the_portal_documents() -> None:
    catalog = bundled_catalog()
    khai_sinh = catalog.procedure(KHAI_SINH)
    ethnicity = khai_sinh.question("child_ethnicity")
    assert ethnicity.options_from == "dan_toc" and len(ethnicity.options) == 54
    nationality = khai_sinh.question("child_nationality")
    assert nationality.default == "VN" and nationality.options[0].id == "VN"
    assert khai_sinh.question("mother_residence").default_from == "applicant.address"
    doc = procedure_to_document(khai_sinh)
    by_id = {q["id"]: q for step in doc["steps"] for q in step["questions"]}
    assert by_id["child_ethnicity"]["options_from"] == "dan_toc" and "options" not in by_id["child_ethnicity"]
    assert by_id["father_nationality"]["when"] == {"question": "father_full_name", "answered": True}
    documents = [procedure_to_document(p) for p in catalog.procedures.values()]
    again = catalog_from_documents("2026.12.9", documents)
    assert again.procedure(KHAI_SINH) == khai_sinh


_PROCEDURE = """\
code: "1.000001"
version: "2026.12.1"
name: {vi: "Thử", en: "Test"}
description: {vi: "Thử", en: "Test"}
category: ho_tich
level: toan_trinh
fee: {amount_vnd: 0}
processing_time: {vi: "1 ngày", en: "1 day"}
processing_days: 1
who_may_file: {vi: "Ai cũng được", en: "Anyone"}
steps:
  - id: one
    title: {vi: "Một", en: "One"}
    questions:
      - id: full
        kind: person_name
        required: false
        label: {vi: "Họ tên", en: "Name"}
"""


def _folder(tmp_path: Path, questions: str) -> Path:
    folder = tmp_path / "procedures"
    folder.mkdir()
    (folder / "catalog.yaml").write_text('version: "2026.12.1"\n', encoding="utf-8")
    (folder / "categories.yaml").write_text(
        'categories:\n  - id: ho_tich\n    name: {vi: "Hộ tịch", en: "Civil status"}\n', encoding="utf-8"
    )
    (folder / "thu.yaml").write_text(_PROCEDURE + questions, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("questions", "problem"),
    [
        ("      - {id: e, kind: choice, options_from: mau_sac, label: {vi: a, en: a}}\n", "list 'mau_sac'"),
        ("      - {id: e, kind: text, options_from: dan_toc, label: {vi: a, en: a}}\n", "does not apply"),
        ("      - {id: e, kind: choice, options_from: quoc_tich, default: XY, label: {vi: a, en: a}}\n",
         "'XY' is not an option"),
        ("      - {id: c, kind: number, min: 0, max: 20, default: 21, label: {vi: a, en: a}}\n", "outside"),
        ("      - {id: a, kind: address, default_from: full, label: {vi: a, en: a}}\n", "is person_name"),
        ("      - {id: a, kind: address, default_from: applicant.gender, label: {vi: a, en: a}}\n",
         "not an applicant field"),
        ("      - {id: d, kind: text, when: {question: full, answered: false}, label: {vi: a, en: a}}\n",
         "can only be true"),
    ],
)  # fmt: skip
def test_list_questions_and_defaults_are_checked_where_they_are_written(
    tmp_path: Path, questions: str, problem: str
) -> None:
    with pytest.raises(CatalogError) as caught:
        load_catalog(_folder(tmp_path, questions))
    assert any(problem in line and "thu.yaml:" in line for line in caught.value.problems), caught.value


def test_an_answered_condition_asks_the_question_once_the_other_is_answered(tmp_path: Path) -> None:
    extra = "      - {id: d, kind: choice, options_from: dan_toc, when: {question: full, answered: true},"
    catalog = load_catalog(_folder(tmp_path, extra + " label: {vi: a, en: a}}\n"))
    question = catalog.procedure("1.000001").question("d")
    assert not question.applies({}) and question.applies({"full": "Lê An"})


# --- the journey and what the portal receives --------------------------------------------------------------
def test_defaults_are_shown_not_answered_and_residence_starts_from_the_applicant() -> None:
    journey = Journey(bundled_catalog().procedure(KHAI_SINH), applicant={"address": ADDRESS})
    assert journey.shown_raw("child_nationality") == "VN"
    assert journey.value("child_nationality") is None  # never recorded before the person passes the page
    assert journey.shown_raw("copy_count") == "1"
    assert journey.shown_raw("mother_residence") == ADDRESS
    assert journey.shown_raw("child_ethnicity") is None  # ethnicity is never guessed
    journey.goto("mother_residence")
    assert journey.continue_from({**ADDRESS, "street": "5 Hàng Đào"}, "vi") == []
    assert journey.shown_raw("father_residence") == {**ADDRESS, "street": "5 Hàng Đào"}


def test_ethnicity_as_a_name_is_refused_in_contract_form_and_out_of_range_copies_too() -> None:
    proc = bundled_catalog().procedure(KET_HON)
    base = {
        "own_nationality": "VN", "own_ethnicity": "01", "own_marriage_number": 1,
        "partner_full_name": "Lê Văn Bình", "partner_date_of_birth": "1995-01-02",
        "partner_id_number": "001095000123", "partner_nationality": "VN", "partner_ethnicity": "02",
        "partner_marriage_number": 1, "partner_address": ADDRESS, "same_commune": True,
        "previously_married": False, "copy_count": 0,
    }  # fmt: skip
    assert encode_answers(proc, base)["partner_ethnicity"] == "02"
    foreign = {**base, "partner_nationality": "KR", "partner_ethnicity": "02"}
    assert "partner_ethnicity" not in encode_answers(proc, foreign)  # only asked of Vietnamese citizens
    for wrong in ({"own_ethnicity": "Kinh"}, {"copy_count": 21}, {"partner_nationality": "Việt Nam"}):
        with pytest.raises(AnswersInvalid):
            encode_answers(proc, {**base, **wrong})


KHAI_SINH_RAW: dict[str, Raw] = {
    APPLICANT + "full_name": "Trần Thị Bình",
    APPLICANT + "id_number": "001195000456",
    APPLICANT + "date_of_birth": "12/03/1995",
    APPLICANT + "gender": "female",
    APPLICANT + "phone": "0912345678",
    APPLICANT + "address": ADDRESS,
    "child_full_name": "Nguyễn Minh Khang",
    "child_date_of_birth": "01/10/2025",
    "child_gender": "male",
    "child_place_of_birth": "Bệnh viện Phụ sản Hà Nội",
    "child_ethnicity": "Tày",  # a label typed (or read aloud) is taken as its code
    "child_home_town": "Xã Hòa An, tỉnh Cao Bằng",
    "mother_full_name": "Trần Thị Bình",
    "mother_date_of_birth": "12/03/1995",
    "mother_id_number": "001195000456",
    "mother_ethnicity": "02",
    "parents_married": True,
    "father_full_name": "Nguyễn Văn An",
    "father_date_of_birth": "05/09/1990",
    "father_id_number": "001090000123",
    "father_nationality": "LA",
    "relationship_to_child": "mother",
    "has_birth_notice": True,
    "copy_count": "2",
    "delivery.method": "pickup",
}


class BodyLog(httpx.BaseTransport):
    """Real loopback HTTP, keeping the body of every dossier POST."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.bodies: list[dict[str, object]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.endswith("/dossiers"):
            self.bodies.append(json.loads(request.read()))
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


def test_the_khai_sinh_body_sent_to_the_sandbox_carries_the_new_fields_as_documented(
    data_dir: Path, tmp_path: Path
) -> None:
    procedure = bundled_catalog().procedure(KHAI_SINH)
    store = Store.open(data_dir, Sealer(b"k" * 32))
    ref = store.create_draft(KHAI_SINH, procedure.version, Assisted("post_office", "BD-0001"))
    journey = Journey(procedure, client_ref=ref, consent_needed=False)
    while journey.current.id != CHECK:
        page = journey.current
        if page.kind is PageKind.ATTACHMENT and page.question is not None and page.question.doc_type:
            journey.add_attachment(
                store.add_attachment(ref, page.question.doc_type, b"%PDF-1.7\n1", "a.pdf", "application/pdf")
            )
        raw = KHAI_SINH_RAW.get(page.id)
        # What the screen shows when nothing is typed: the defaults (Việt Nam, the applicant's address).
        raw = raw if raw is not None else journey.shown_raw(page.id)
        assert journey.continue_from(raw, "vi") == [], page.id
    store.save_answers(ref, journey.applicant(), journey.answers(), journey.delivery())
    store.finalize(ref, "BD-0001")

    transport = BodyLog()
    with start_in_thread(db_path=tmp_path / "portal.sqlite3", backoffice_tick=0) as portal:
        client = PortalClient(portal.url, "kiosk-demo", "demo-secret", "t", clock=FakeClock(system_clock()),
                              transport=transport)  # fmt: skip
        try:
            sync_now(store, client, owner="t")
        finally:
            client.close()
    assert store.get_dossier(ref).state is DossierState.SUBMITTED  # the sandbox validated and accepted it
    answers = transport.bodies[0]["answers"]
    assert isinstance(answers, dict)
    assert {key: answers[key] for key in answers if key.endswith(("ethnicity", "nationality"))} == {
        "child_ethnicity": "02",
        "child_nationality": "VN",
        "mother_nationality": "VN",
        "mother_ethnicity": "02",
        "father_nationality": "LA",  # not Vietnamese: no ethnicity asked, none sent
    }
    assert answers["child_home_town"] == "Xã Hòa An, tỉnh Cao Bằng"
    assert answers["mother_residence"] == ADDRESS and answers["father_residence"] == ADDRESS
    assert answers["copy_count"] == 2 and type(answers["copy_count"]) is int


def test_the_sandbox_refuses_an_ethnicity_that_is_not_a_code() -> None:
    from sync.sandbox.catalog import kiosk_catalog_provider
    from sync.sandbox.validation import check_answers

    proc = kiosk_catalog_provider().procedures[KHAI_TU]
    errors: list[dict[str, str]] = []
    answers = {"deceased_nationality": "VN", "deceased_ethnicity": "Kinh", "copy_count": 99}
    check_answers(proc, answers, strict=False, today=date(2026, 12, 8), errors=errors)
    assert {(e["field"], e["code"]) for e in errors} == {
        ("answers.deceased_ethnicity", "invalid_choice"),
        ("answers.copy_count", "out_of_range"),
    }
