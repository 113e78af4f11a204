"""Content checks of dossier, supplement and rating bodies, as a portal would make them."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sync.sandbox.catalog import CatalogSnapshot, ProcedureLike, QuestionLike
from sync.sandbox.problems import field_error

ASSISTED_KINDS = ("post_office", "community_team", "self_service")
DELIVERY_METHODS = ("pickup", "post")
_ID_NUMBER = re.compile(r"\d{12}")
_PHONE = re.compile(r"0\d{9}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

Errors = list[dict[str, str]]


def is_uuid(value: object) -> bool:
    """True for a UUID in its canonical 36-character text form."""
    if not isinstance(value, str) or len(value) != 36:
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def parse_date(value: object) -> date | None:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def is_datetime(value: object) -> bool:
    """ISO 8601 with an offset, as the contract's general rules ask."""
    if not isinstance(value, str):
        return False
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return False
    return parsed.tzinfo is not None


def _is_text(value: object) -> bool:
    return isinstance(value, str) and value.strip() != ""


def check_address(value: object, field: str, errors: Errors) -> None:
    if not isinstance(value, dict):
        errors.append(field_error(field, "invalid_address"))
        return
    if not all(_is_text(value.get(key)) for key in ("province_code", "ward_code", "street")):
        errors.append(field_error(field, "invalid_address"))


def _check_applicant(applicant: object, today: date, errors: Errors) -> None:
    if not isinstance(applicant, dict):
        errors.append(field_error("applicant", "required"))
        return
    if not _is_text(applicant.get("full_name")):
        errors.append(field_error("applicant.full_name", "required"))
    id_number = applicant.get("id_number")
    if id_number is None:
        errors.append(field_error("applicant.id_number", "required"))
    elif not isinstance(id_number, str) or not _ID_NUMBER.fullmatch(id_number):
        errors.append(field_error("applicant.id_number", "invalid_id_number"))
    if applicant.get("date_of_birth") is not None:
        born = parse_date(applicant["date_of_birth"])
        if born is None:
            errors.append(field_error("applicant.date_of_birth", "invalid_date"))
        elif born > today:
            errors.append(field_error("applicant.date_of_birth", "future_date"))
    if applicant.get("gender") is not None and applicant["gender"] not in ("male", "female"):
        errors.append(field_error("applicant.gender", "invalid_gender"))
    phone = applicant.get("phone")
    if phone is not None and (not isinstance(phone, str) or not _PHONE.fullmatch(phone)):
        errors.append(field_error("applicant.phone", "invalid_phone"))
    email = applicant.get("email")
    if email is not None and (not isinstance(email, str) or not _EMAIL.fullmatch(email)):
        errors.append(field_error("applicant.email", "invalid_email"))
    if applicant.get("address") is not None:
        check_address(applicant["address"], "applicant.address", errors)


def check_attachments(attachments: object, errors: Errors) -> list[str]:
    """Shape of `attachments[]`; returns the upload ids it references."""
    if not isinstance(attachments, list):
        errors.append(field_error("attachments", "required" if attachments is None else "invalid_type"))
        return []
    upload_ids: list[str] = []
    for index, item in enumerate(attachments):
        if (
            not isinstance(item, dict)
            or not _is_text(item.get("doc_type"))
            or not isinstance(item.get("upload_id"), str)
            or not item["upload_id"]
        ):
            errors.append(field_error(f"attachments[{index}]", "invalid_attachment"))
            continue
        upload_ids.append(item["upload_id"])
    return upload_ids


def _kind(question: QuestionLike) -> str:
    return str(getattr(question.kind, "value", question.kind)).lower().replace("-", "_")


def _check_answer(question: QuestionLike, value: object, field: str, today: date, errors: Errors) -> None:
    kind = _kind(question)
    if kind in ("text", "person_name"):
        max_length = getattr(question, "max_length", None)
        if not isinstance(value, str) or (isinstance(max_length, int) and len(value) > max_length):
            errors.append(field_error(field, "invalid_type" if not isinstance(value, str) else "too_long"))
    elif kind == "date":
        if parse_date(value) is None:
            errors.append(field_error(field, "invalid_date"))
    elif kind in ("yes_no", "yesno", "boolean"):
        if not isinstance(value, bool):
            errors.append(field_error(field, "invalid_type"))
    elif kind == "choice":
        if not isinstance(value, str) or value not in {option.id for option in question.options}:
            errors.append(field_error(field, "invalid_choice"))
    elif kind == "number":
        low, high = getattr(question, "min", None), getattr(question, "max", None)
        if isinstance(value, bool) or not isinstance(value, int | float):
            errors.append(field_error(field, "invalid_number"))
        elif (isinstance(low, int) and value < low) or (isinstance(high, int) and value > high):
            errors.append(field_error(field, "out_of_range"))
    elif kind == "cccd":
        if not isinstance(value, str) or not _ID_NUMBER.fullmatch(value):
            errors.append(field_error(field, "invalid_id_number"))
    elif kind == "phone":
        if not isinstance(value, str) or not _PHONE.fullmatch(value):
            errors.append(field_error(field, "invalid_phone"))
    elif kind == "email":
        if not isinstance(value, str) or not _EMAIL.fullmatch(value):
            errors.append(field_error(field, "invalid_email"))
    elif kind == "address":
        check_address(value, field, errors)


def check_answers(
    proc: ProcedureLike, answers: Mapping[str, object], *, strict: bool, today: date, errors: Errors
) -> None:
    """Answers against the procedure's questions; `strict` (the current version) adds required/unknown."""
    questions = {q.id: q for q in proc.questions() if _kind(q) != "attachment"}
    for answer_id, value in answers.items():
        question = questions.get(answer_id)
        if question is None:
            if strict:
                errors.append(field_error(f"answers.{answer_id}", "unknown_question"))
            continue
        _check_answer(question, value, f"answers.{answer_id}", today, errors)
    if not strict:
        return
    for question in questions.values():
        applies = question.when is None or question.when.holds(answers)
        if question.required and applies and answers.get(question.id) in (None, ""):
            errors.append(field_error(f"answers.{question.id}", "required"))


def validate_dossier(body: Any, catalog: CatalogSnapshot, today: date) -> tuple[Errors, list[str]]:
    """Errors of a dossier body (empty when valid) and the upload ids its attachments reference."""
    errors: Errors = []
    if not isinstance(body, dict):
        return [field_error("body", "invalid_type")], []
    if body.get("client_ref") is None:
        errors.append(field_error("client_ref", "required"))
    elif not is_uuid(body["client_ref"]):
        errors.append(field_error("client_ref", "invalid_uuid"))
    if body.get("bundle_ref") is not None and not is_uuid(body["bundle_ref"]):
        errors.append(field_error("bundle_ref", "invalid_uuid"))
    if body.get("created_at") is None:
        errors.append(field_error("created_at", "required"))
    elif not is_datetime(body["created_at"]):
        errors.append(field_error("created_at", "invalid_datetime"))
    if body.get("submitted_at") is not None and not is_datetime(body["submitted_at"]):
        errors.append(field_error("submitted_at", "invalid_datetime"))
    channel = body.get("channel")
    if channel is None:
        errors.append(field_error("channel", "required"))
    elif isinstance(channel, bool) or channel not in (2, 3):
        errors.append(field_error("channel", "invalid_channel"))
    _check_applicant(body.get("applicant"), today, errors)
    assisted = body.get("assisted_by")
    if not isinstance(assisted, dict) or assisted.get("kind") is None:
        errors.append(field_error("assisted_by.kind", "required"))
    else:
        if assisted["kind"] not in ASSISTED_KINDS:
            errors.append(field_error("assisted_by.kind", "invalid_assisted_kind"))
        if assisted.get("consent_at") is not None and not is_datetime(assisted["consent_at"]):
            errors.append(field_error("assisted_by.consent_at", "invalid_datetime"))
    delivery = body.get("result_delivery")
    if delivery is not None:
        if not isinstance(delivery, dict) or delivery.get("method") not in DELIVERY_METHODS:
            errors.append(field_error("result_delivery.method", "invalid_delivery"))
        elif delivery["method"] == "post":
            check_address(delivery.get("address"), "result_delivery.address", errors)
    upload_ids = check_attachments(body.get("attachments"), errors)

    answers = body.get("answers")
    if answers is None:
        errors.append(field_error("answers", "required"))
    elif not isinstance(answers, dict):
        errors.append(field_error("answers", "invalid_type"))
    code, version = body.get("procedure_code"), body.get("procedure_version")
    if code is None:
        errors.append(field_error("procedure_code", "required"))
    if version is None:
        errors.append(field_error("procedure_version", "required"))
    proc = catalog.procedures.get(code) if isinstance(code, str) else None
    if code is not None and proc is None:
        errors.append(field_error("procedure_code", "unknown_procedure"))
    elif proc is not None and version is not None:
        known = version == proc.version or version in tuple(proc.previous_versions)
        if not known:
            errors.append(field_error("procedure_version", "unknown_version"))
        elif isinstance(answers, dict):
            check_answers(proc, answers, strict=version == proc.version, today=today, errors=errors)
    return errors, upload_ids
