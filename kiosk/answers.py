"""Answers of a procedure and the applicant block: check what people typed, encode the contract's Values."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as _field
from datetime import date
from types import MappingProxyType
from typing import Any

from kiosk.catalog import APPLICANT_FIELDS, Procedure, Question, QuestionKind
from kiosk.errors import KioskError
from kiosk.i18n import Lang, t
from kiosk.rules.cccd import Gender, validate_cccd
from kiosk.rules.dates import format_date, parse_date, parse_iso_date, to_iso
from kiosk.rules.email import normalize_email
from kiosk.rules.names import normalize_person_name
from kiosk.rules.phone import normalize_phone
from kiosk.rules.units import Address, format_address, validate_address
from kiosk.text import search_key

# A typo such as 12/03/0202 is a calendar date, but no procedure asks about one.
EARLIEST_DATE = date(1900, 1, 1)
_YES = frozenset({"co", "yes", "y", "true", "1", "dung", "phai"})
_NO = frozenset({"khong", "no", "n", "false", "0", "sai"})
_INT = re.compile(r"-?\d+")
# Vietnamese writes 1.500 for fifteen hundred and 2,5 for two and a half.
_GROUPED_INT = re.compile(r"-?\d{1,3}(\.\d{3})+")
_DECIMAL = re.compile(r"-?\d+[.,]\d+")
_ADDRESS_KEYS = ("province_code", "ward_code", "street")


@dataclass(frozen=True)
class FieldProblem:
    """One problem with one field (a question id, or an applicant field such as `phone`)."""

    field: str
    key: str
    params: Mapping[str, object] = _field(default_factory=lambda: MappingProxyType({}))

    def message(self, lang: Lang) -> str:
        return t(self.key, lang, **self.params)

    @classmethod
    def of(cls, field_id: str, err: KioskError) -> FieldProblem:
        return cls(field_id, err.key, MappingProxyType(dict(err.params)))


class AnswersInvalid(KioskError):
    """Answers or applicant data that cannot be encoded; `problems` says which fields and why."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__("rules.answers.invalid", count=len(problems))
        self.problems = list(problems)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(raw: object) -> str:
    if not isinstance(raw, str):
        raise KioskError("rules.answers.wrong_type")
    return raw


def _number(question: Question, raw: object) -> int | float:
    value: int | float
    if isinstance(raw, bool):
        raise KioskError("rules.answers.number")
    if isinstance(raw, int | float):
        value = raw
    else:
        text = "".join(_text(raw).split())
        if _INT.fullmatch(text):
            value = int(text)
        elif _GROUPED_INT.fullmatch(text):
            value = int(text.replace(".", ""))
        elif _DECIMAL.fullmatch(text):
            value = float(text.replace(",", "."))
        else:
            raise KioskError("rules.answers.number")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise KioskError("rules.answers.number")
        if value.is_integer():
            value = int(value)
    low, high = question.min, question.max
    if low is not None and high is not None and not low <= value <= high:
        raise KioskError("rules.answers.number_range", min=low, max=high)
    if low is not None and value < low:
        raise KioskError("rules.answers.number_min", min=low)
    if high is not None and value > high:
        raise KioskError("rules.answers.number_max", max=high)
    return value


def _yes_no(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    folded = search_key(_text(raw))
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    raise KioskError("rules.answers.yes_no")


def _choice(question: Question, raw: object, lang: Lang | None) -> str:
    text = _text(raw).strip()
    for option in question.options:
        if option.id == text:
            return option.id
    if lang is not None:
        # A person (or a keyboard-mode scanner) may give the option's label rather than its id.
        folded = search_key(text)
        for option in question.options:
            if folded and search_key(option.label.get(lang)) == folded:
                return option.id
    raise KioskError("rules.answers.choice")


def _address(raw: object) -> dict[str, str]:
    return _address_of(raw).to_contract()


def _address_of(raw: object) -> Address:
    if not isinstance(raw, Mapping):
        raise KioskError("rules.answers.wrong_type")
    if not raw.get("province_code"):
        raise KioskError("rules.address.province_unknown")
    if not raw.get("ward_code"):
        raise KioskError("rules.address.ward_unknown")
    province, ward, street = (raw.get(key) for key in _ADDRESS_KEYS)
    if not isinstance(province, str | int) or not isinstance(ward, str | int) or isinstance(province, bool):
        raise KioskError("rules.answers.wrong_type")
    if not isinstance(street, str):
        raise KioskError("rules.address.street_empty")
    return validate_address(province, ward, street)


def _free_text(question: Question, raw: object) -> str:
    text = unicodedata.normalize("NFC", _text(raw)).strip()
    if question.max_length is not None and len(text) > question.max_length:
        raise KioskError("rules.answers.too_long", max=question.max_length)
    return text


def _convert(question: Question, raw: object, lang: Lang | None) -> object:
    """Typed or typed-in value → contract value; `lang` None means only the contract form is accepted."""
    kind = question.kind
    if kind is QuestionKind.TEXT:
        return _free_text(question, raw)
    if kind is QuestionKind.PERSON_NAME:
        return normalize_person_name(_text(raw))
    if kind is QuestionKind.DATE:
        text = _text(raw)
        value = parse_iso_date(text.strip()) if lang is None else parse_date(text)
        if question.not_future and value > date.today():
            raise KioskError("rules.date.future")
        if value < EARLIEST_DATE:
            raise KioskError("rules.date.too_early", earliest=format_date(EARLIEST_DATE))
        return to_iso(value)
    if kind is QuestionKind.CHOICE:
        return _choice(question, raw, lang)
    if kind is QuestionKind.YES_NO:
        if lang is None and not isinstance(raw, bool):
            raise KioskError("rules.answers.wrong_type")
        return _yes_no(raw)
    if kind is QuestionKind.NUMBER:
        if lang is None and (isinstance(raw, bool) or not isinstance(raw, int | float)):
            raise KioskError("rules.answers.wrong_type")
        return _number(question, raw)
    if kind is QuestionKind.CCCD:
        return validate_cccd(_text(raw))
    if kind is QuestionKind.PHONE:
        return normalize_phone(_text(raw))
    if kind is QuestionKind.EMAIL:
        return normalize_email(_text(raw))
    if kind is QuestionKind.ADDRESS:
        return _address(raw)
    raise ValueError(f"question {question.id} ({kind}) has no value in answers")


def required_key(question: Question) -> str:
    """The message for `question` left unanswered: choose one (choices, yes/no), else enter one."""
    if question.kind in (QuestionKind.CHOICE, QuestionKind.YES_NO):
        return "rules.answers.required_choice"
    return "rules.answers.required"


def parse_answer(question: Question, raw: str | bool | dict[str, Any], lang: Lang) -> object:
    """Turn what a person gave for `question` into its contract value, or raise KioskError for the field.

    Blank input returns None (leave the answer out) when the question is optional, and raises
    `required_key(question)` when it is required.
    """
    if _blank(raw):
        if question.required:
            raise KioskError(required_key(question))
        return None
    return _convert(question, raw, lang)


def check_value(question: Question, value: object) -> object:
    """Re-validate a value already in contract form (drafts, `kiosk import`); return its canonical form."""
    return _convert(question, value, None)


def _answer_questions(procedure: Procedure) -> list[Question]:
    return [q for q in procedure.questions() if q.kind is not QuestionKind.ATTACHMENT]


def applicable_answers(procedure: Procedure, answers: Mapping[str, object]) -> dict[str, object]:
    """The answers to questions that are asked given the other answers; the rest are dropped.

    A condition is judged on applicable answers only, so a stale answer to a question that no longer
    applies cannot keep its dependants alive.
    """
    questions = [q for q in _answer_questions(procedure) if q.id in answers and not _blank(answers[q.id])]
    kept: dict[str, object] = {q.id: answers[q.id] for q in questions}
    for _ in range(len(questions) + 1):
        narrowed = {q.id: answers[q.id] for q in questions if q.applies(kept)}
        if narrowed == kept:
            break
        kept = narrowed
    return kept


def validate_answers(procedure: Procedure, answers: Mapping[str, object]) -> list[FieldProblem]:
    """Problems with `answers` (contract form), in question order; an empty list means they can be sent.

    Required questions that apply must be answered; answers given are re-validated; ids that are not
    questions of the procedure (attachments included) are reported. Answers to questions that do not
    apply are not problems: `applicable_answers` drops them.
    """
    questions = _answer_questions(procedure)
    known = {q.id for q in questions}
    kept = applicable_answers(procedure, answers)
    problems: list[FieldProblem] = []
    for question in questions:
        if not question.applies(kept):
            continue
        if question.id not in kept:
            if question.required:
                problems.append(FieldProblem(question.id, required_key(question)))
            continue
        try:
            check_value(question, kept[question.id])
        except KioskError as err:
            problems.append(FieldProblem.of(question.id, err))
    problems.extend(
        FieldProblem(answer_id, "rules.answers.unknown_question")
        for answer_id in answers
        if answer_id not in known
    )
    return problems


def encode_answers(procedure: Procedure, answers: Mapping[str, object]) -> dict[str, object]:
    """The contract's `answers`: applicable answers in canonical form, or AnswersInvalid."""
    problems = validate_answers(procedure, answers)
    if problems:
        raise AnswersInvalid(problems)
    return {
        qid: check_value(procedure.question(qid), value)
        for qid, value in applicable_answers(procedure, answers).items()
    }


def _applicant_field(
    applicant: Mapping[str, object], name: str, check: Any
) -> tuple[Any, FieldProblem | None]:
    value = applicant.get(name)
    if _blank(value):
        return None, FieldProblem(name, "rules.answers.required")
    try:
        return check(value), None
    except KioskError as err:
        return None, FieldProblem.of(name, err)


def _birth_date(value: object) -> date:
    born = parse_iso_date(_text(value).strip())
    if born > date.today():
        raise KioskError("rules.date.future")
    if born < EARLIEST_DATE:
        raise KioskError("rules.date.too_early", earliest=format_date(EARLIEST_DATE))
    return born


def _gender(value: object) -> Gender:
    if value == "male":
        return "male"
    if value == "female":
        return "female"
    raise KioskError("rules.answers.gender")


def normalize_applicant(applicant: Mapping[str, object]) -> tuple[dict[str, object], list[FieldProblem]]:
    """The applicant block in canonical contract form, and the problems found (empty when it can be sent)."""
    problems: list[FieldProblem] = []
    result: dict[str, object] = {}

    def take(name: str, check: Any) -> Any:
        value, problem = _applicant_field(applicant, name, check)
        if problem:
            problems.append(problem)
        return value

    result["full_name"] = take("full_name", lambda v: normalize_person_name(_text(v)))
    number = take("id_number", lambda v: validate_cccd(_text(v)))
    born: date | None = take("date_of_birth", _birth_date)
    gender: Gender | None = take("gender", _gender)
    if number is not None:
        try:
            validate_cccd(number, date_of_birth=born, gender=gender)
        except KioskError as err:
            problems.append(FieldProblem.of("id_number", err))
    result["id_number"] = number
    result["date_of_birth"] = to_iso(born) if born else None
    result["gender"] = gender
    result["phone"] = take("phone", lambda v: normalize_phone(_text(v)))
    if not _blank(applicant.get("email")):
        result["email"] = take("email", lambda v: normalize_email(_text(v)))
    result["address"] = take("address", _address)
    problems.extend(
        FieldProblem(name, "rules.answers.unknown_question")
        for name in applicant
        if name not in APPLICANT_FIELDS
    )
    return result, problems


def validate_applicant(applicant: Mapping[str, object]) -> list[FieldProblem]:
    """Problems with the applicant block; the CCCD number is cross-checked with birth date and gender."""
    return normalize_applicant(applicant)[1]


def encode_applicant(applicant: Mapping[str, object]) -> dict[str, object]:
    """The contract's `applicant` in canonical form, or AnswersInvalid."""
    result, problems = normalize_applicant(applicant)
    if problems:
        raise AnswersInvalid(problems)
    return result


def _format_number(value: int | float, lang: Lang) -> str:
    # Four-digit numbers stay ungrouped: a year (1950), a house number or a count of pages reads as typed.
    text = f"{value:,}" if abs(value) >= 10_000 else f"{value}"
    # Vietnamese groups thousands with "." and writes decimals with ",".
    return text.translate(str.maketrans(",.", ".,")) if lang == "vi" else text


def display_value(question: Question, value: object, lang: Lang) -> str:
    """An answer as the check-answers page shows it (dd/mm/yyyy, Có/Không, option label, full address)."""
    if _blank(value):
        return t("rules.answers.not_answered", lang)
    kind = question.kind
    try:
        if kind is QuestionKind.DATE:
            return format_date(parse_iso_date(_text(value)))
        if kind is QuestionKind.YES_NO:
            return t("rules.answers.yes" if _yes_no(value) else "rules.answers.no", lang)
        if kind is QuestionKind.CHOICE:
            return question.option(_text(value)).label.get(lang)
        if kind is QuestionKind.NUMBER and isinstance(value, int | float) and not isinstance(value, bool):
            return _format_number(value, lang)
        if kind is QuestionKind.ADDRESS and isinstance(value, Mapping):
            return format_address(_address_of(value))
    except (KioskError, KeyError):
        pass
    # A value that no longer fits its question is still shown, so the person can see and fix it.
    return str(value)
