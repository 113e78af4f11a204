"""Answers and the applicant block: what people type becomes the contract's Values, or a field problem."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.answers import (
    AnswersInvalid,
    FieldProblem,
    applicable_answers,
    check_value,
    display_value,
    encode_answers,
    encode_applicant,
    parse_answer,
    validate_answers,
    validate_applicant,
)
from kiosk.catalog import Condition, Fee, Level, Option, Procedure, Question, QuestionKind, Step, Text
from kiosk.errors import KioskError


def _q(qid: str, kind: QuestionKind, **extra: Any) -> Question:
    return Question(id=qid, kind=kind, label=Text(vi=qid, en=qid), **extra)


RELATION = _q(
    "relation",
    QuestionKind.CHOICE,
    options=(
        Option(id="cha", label=Text(vi="Cha", en="Father")),
        Option(id="me", label=Text(vi="Mẹ", en="Mother")),
        Option(id="khac", label=Text(vi="Người khác", en="Someone else")),
    ),
)
OTHER_NAME = _q("other_name", QuestionKind.PERSON_NAME, when=Condition(question="relation", equals="khac"))
OTHER_CCCD = _q("other_cccd", QuestionKind.CCCD, when=Condition(question="other_name"))
BIRTH = _q("birth_date", QuestionKind.DATE)
TWINS = _q("twins", QuestionKind.YES_NO)
CHILDREN = _q("children", QuestionKind.NUMBER, min=1, max=10, required=False)
NOTE = _q("note", QuestionKind.TEXT, required=False, max_length=20)
PHONE = _q("contact_phone", QuestionKind.PHONE, required=False)
EMAIL = _q("contact_email", QuestionKind.EMAIL, required=False)
PLACE = _q("birth_place", QuestionKind.ADDRESS)
PAPER = _q("birth_paper", QuestionKind.ATTACHMENT, doc_type="giay_chung_sinh")

PROC = Procedure(
    code="1.001193",
    version="2026.11.1",
    name=Text(vi="Đăng ký khai sinh", en="Birth registration"),
    description=Text(vi="x", en="x"),
    category="ho_tich",
    level=Level.TOAN_TRINH,
    fee=Fee(amount_vnd=0),
    processing_time=Text(vi="1 ngày", en="1 day"),
    processing_days=1,
    who_may_file=Text(vi="Cha, mẹ", en="Parents"),
    steps=(
        Step(id="who", title=Text(vi="a", en="a"), questions=(RELATION, OTHER_NAME, OTHER_CCCD)),
        Step(
            id="child",
            title=Text(vi="b", en="b"),
            questions=(BIRTH, TWINS, CHILDREN, NOTE, PHONE, EMAIL, PLACE, PAPER),
        ),
    ),
)
HANOI = {"province_code": "01", "ward_code": "00070", "street": "Số 1 Tràng Tiền"}
VALID: dict[str, object] = {
    "relation": "me",
    "birth_date": "2026-03-12",
    "twins": False,
    "birth_place": HANOI,
}


# ---- parse_answer: what a person typed → contract value ----


@pytest.mark.parametrize(
    ("question", "typed", "value"),
    [
        (BIRTH, "12/03/2020", "2020-03-12"),
        (BIRTH, "5.9.1990", "1990-09-05"),
        (TWINS, True, True),
        (TWINS, "Có", True),
        (TWINS, "khong", False),
        (CHILDREN, "3", 3),
        (CHILDREN, " 2,5 ", 2.5),
        (CHILDREN, "10", 10),
        (RELATION, "me", "me"),
        (RELATION, "người khác", "khac"),
        (OTHER_NAME, "trần thị bích", "Trần Thị Bích"),
        (OTHER_CCCD, "079 301 001234", "079301001234"),
        (PHONE, "+84 912 345 678", "0912345678"),
        (EMAIL, " An@Gmail.com ", "An@gmail.com"),
        (NOTE, "  sinh đôi  ", "sinh đôi"),
        (PLACE, {"province_code": "1", "ward_code": "70", "street": " Số 1  Tràng Tiền "}, HANOI),
    ],
)
def test_parse_answer(question: Question, typed: Any, value: object) -> None:
    assert parse_answer(question, typed, "vi") == value


def test_choice_by_english_label() -> None:
    assert parse_answer(RELATION, "Mother", "en") == "me"


@pytest.mark.parametrize(
    ("question", "typed", "key"),
    [
        (BIRTH, "31/02/2020", "rules.date.no_such_day"),
        (BIRTH, "12/03/0202", "rules.date.too_early"),
        (BIRTH, "hôm qua", "rules.date.format"),
        (TWINS, "có lẽ", "rules.answers.yes_no"),
        (CHILDREN, "ba", "rules.answers.number"),
        (CHILDREN, "0", "rules.answers.number_range"),
        (CHILDREN, "11", "rules.answers.number_range"),
        (CHILDREN, True, "rules.answers.number"),
        (RELATION, "ông", "rules.answers.choice"),
        (OTHER_CCCD, "12345", "rules.cccd.length"),
        (PHONE, "024 3825 1234", "rules.phone.not_mobile"),
        (NOTE, "x" * 21, "rules.answers.too_long"),
        (
            PLACE,
            {"province_code": "79", "ward_code": "00070", "street": "Số 1"},
            "rules.address.ward_not_in_province",
        ),
        (PLACE, {"province_code": "01", "street": "Số 1"}, "rules.address.ward_unknown"),
        (PLACE, "Hà Nội", "rules.answers.wrong_type"),
        (BIRTH, "", "rules.answers.required"),
        (OTHER_NAME, "   ", "rules.answers.required"),
    ],
)
def test_parse_answer_errors(question: Question, typed: Any, key: str) -> None:
    with pytest.raises(KioskError) as caught:
        parse_answer(question, typed, "vi")
    assert caught.value.key == key


def test_blank_optional_answer_is_left_out() -> None:
    assert parse_answer(NOTE, "  ", "vi") is None


def test_attachments_are_not_answers() -> None:
    with pytest.raises(ValueError):
        parse_answer(PAPER, "scan.pdf", "vi")


def test_contract_form_is_strict_on_import() -> None:
    assert check_value(BIRTH, "2020-03-12") == "2020-03-12"
    for question, value in [(BIRTH, "12/03/2020"), (TWINS, "yes"), (CHILDREN, "3"), (CHILDREN, True)]:
        with pytest.raises(KioskError):
            check_value(question, value)


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_dates_typed_become_iso(day: date) -> None:
    assert parse_answer(BIRTH, f"{day.day}/{day.month}/{day.year}", "vi") == day.isoformat()


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from([BIRTH, TWINS, CHILDREN, RELATION, OTHER_NAME, OTHER_CCCD, PHONE, EMAIL, NOTE, PLACE]),
    st.one_of(
        st.text(max_size=30), st.booleans(), st.dictionaries(st.text(max_size=12), st.text(max_size=12))
    ),
)
def test_anything_typed_gives_a_value_or_a_field_error(question: Question, typed: Any) -> None:
    try:
        value = parse_answer(question, typed, "vi")
    except KioskError:
        return
    # Whatever was accepted is in contract form: checking it again gives it back unchanged.
    assert value is None or check_value(question, value) == value


# ---- applicable answers and validation ----


def test_valid_answers_have_no_problems() -> None:
    assert validate_answers(PROC, VALID) == []
    assert encode_answers(PROC, VALID) == VALID


def test_required_questions_that_apply_must_be_answered() -> None:
    problems = validate_answers(PROC, {"relation": "khac"})
    assert [(p.field, p.key) for p in problems] == [
        ("other_name", "rules.answers.required"),
        ("birth_date", "rules.answers.required"),
        ("twins", "rules.answers.required_choice"),
        ("birth_place", "rules.answers.required"),
    ]
    assert problems[0].message("vi") == "Câu hỏi này cần được trả lời. Vui lòng nhập câu trả lời."
    assert problems[2].message("vi") == "Câu hỏi này cần được trả lời. Vui lòng chọn một câu trả lời."


def test_answers_to_questions_that_do_not_apply_are_dropped() -> None:
    answers = {**VALID, "other_name": "Trần Thị Bích", "other_cccd": "079301001234"}
    # The mother files: the "someone else" questions no longer apply, and neither does their chain.
    assert applicable_answers(PROC, answers) == VALID
    assert validate_answers(PROC, answers) == []
    assert encode_answers(PROC, answers) == VALID
    filed_by_other = {**answers, "relation": "khac"}
    assert applicable_answers(PROC, filed_by_other) == filed_by_other


def test_values_are_revalidated() -> None:
    answers = {
        **VALID,
        "birth_date": "2026-02-30",
        "twins": "yes",
        "children": 12,
        "surprise": 1,
        "birth_paper": "x",
    }
    problems = validate_answers(PROC, answers)
    assert [(p.field, p.key) for p in problems] == [
        ("birth_date", "rules.date.no_such_day"),
        ("twins", "rules.answers.wrong_type"),
        ("children", "rules.answers.number_range"),
        ("surprise", "rules.answers.unknown_question"),
        ("birth_paper", "rules.answers.unknown_question"),
    ]
    assert "1 đến 10" in problems[2].message("vi")
    with pytest.raises(AnswersInvalid) as caught:
        encode_answers(PROC, answers)
    assert caught.value.problems == problems


def test_encoding_gives_the_canonical_form() -> None:
    answers = {**VALID, "contact_phone": "+84912345678", "children": 2.0}
    encoded = encode_answers(PROC, answers)
    assert encoded["contact_phone"] == "0912345678"
    assert encoded["children"] == 2 and isinstance(encoded["children"], int)


# ---- applicant block ----

APPLICANT: dict[str, object] = {
    "full_name": "Nguyễn Văn An",
    "id_number": "001095012345",
    "date_of_birth": "1995-06-15",
    "gender": "male",
    "phone": "0912345678",
    "email": None,
    "address": HANOI,
}


def test_valid_applicant() -> None:
    assert validate_applicant(APPLICANT) == []
    encoded = encode_applicant({**APPLICANT, "full_name": "nguyễn  văn an", "phone": "+84 912 345 678"})
    assert encoded["full_name"] == "Nguyễn Văn An"
    assert encoded["phone"] == "0912345678"
    assert "email" not in encoded


@pytest.mark.parametrize(
    ("change", "field", "key"),
    [
        ({"full_name": ""}, "full_name", "rules.answers.required"),
        ({"full_name": "An 2"}, "full_name", "rules.name.digits"),
        ({"id_number": "00109501234"}, "id_number", "rules.cccd.length"),
        ({"date_of_birth": "1996-06-15"}, "id_number", "rules.cccd.year_mismatch"),
        ({"gender": "female"}, "id_number", "rules.cccd.gender_mismatch"),
        ({"date_of_birth": "15/06/1995"}, "date_of_birth", "rules.date.iso_format"),
        ({"gender": "nam"}, "gender", "rules.answers.gender"),
        ({"phone": "0241234567"}, "phone", "rules.phone.not_mobile"),
        ({"phone": None}, "phone", "rules.answers.required"),
        ({"email": "an@gmail"}, "email", "rules.email.domain"),
        (
            {"address": {"province_code": "79", "ward_code": "00070", "street": "x"}},
            "address",
            "rules.address.ward_not_in_province",
        ),
        ({"nickname": "Tí"}, "nickname", "rules.answers.unknown_question"),
    ],
)
def test_applicant_problems(change: dict[str, object], field: str, key: str) -> None:
    problems = validate_applicant({**APPLICANT, **change})
    assert [(p.field, p.key) for p in problems] == [(field, key)]


def test_applicant_born_in_the_future() -> None:
    tomorrow = date.today() + timedelta(days=1)
    problems = validate_applicant({**APPLICANT, "date_of_birth": tomorrow.isoformat()})
    assert ("date_of_birth", "rules.date.future") in [(p.field, p.key) for p in problems]


def test_problems_never_carry_personal_data() -> None:
    bad = {**APPLICANT, "date_of_birth": "1996-06-15", "gender": "female", "phone": "0241234567"}
    for problem in validate_applicant(bad):
        for lang in ("vi", "en"):
            text = problem.message(lang)
            assert "001095012345" not in text and "1996" not in text and "0241234567" not in text


# ---- check-answers page ----


@pytest.mark.parametrize(
    ("question", "value", "vi", "en"),
    [
        (BIRTH, "2020-03-12", "12/03/2020", "12/03/2020"),
        (TWINS, True, "Có", "Yes"),
        (TWINS, False, "Không", "No"),
        (RELATION, "me", "Mẹ", "Mother"),
        (CHILDREN, 15000, "15.000", "15,000"),
        (CHILDREN, 2.5, "2,5", "2.5"),
        (
            PLACE,
            HANOI,
            "Số 1 Tràng Tiền, Phường Hoàn Kiếm, Thành phố Hà Nội",
            "Số 1 Tràng Tiền, Phường Hoàn Kiếm, Thành phố Hà Nội",
        ),
        (NOTE, None, "Chưa trả lời", "Not answered"),
        (OTHER_CCCD, "079301001234", "079301001234", "079301001234"),
    ],
)
def test_display_value(question: Question, value: object, vi: str, en: str) -> None:
    assert display_value(question, value, "vi") == vi
    assert display_value(question, value, "en") == en


def test_field_problem_renders_params() -> None:
    problem = FieldProblem("children", "rules.answers.number_range", {"min": 1, "max": 10})
    assert problem.message("en") == "Enter a number from 1 to 10."


def test_four_digit_numbers_such_as_years_are_shown_as_typed() -> None:
    from kiosk.catalog import Question, QuestionKind, Text

    year = Question(id="year", kind=QuestionKind.NUMBER, label=Text(vi="Năm đăng ký", en="Year"))
    assert display_value(year, 1950, "vi") == "1950"
    assert display_value(year, 1950, "en") == "1950"
    assert display_value(year, 25000, "vi") == "25.000"
    assert display_value(year, 25000, "en") == "25,000"
    assert display_value(year, 2.5, "vi") == "2,5"
