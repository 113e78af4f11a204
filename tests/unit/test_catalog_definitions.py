"""Every shipped procedure definition keeps the invariants the kiosk and the portal rely on."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from kiosk.assets import procedures_dir
from kiosk.catalog import (
    ACCEPTED_MEDIA_TYPES,
    AnyOf,
    Condition,
    Procedure,
    Question,
    QuestionKind,
    Text,
    bundled_catalog,
)
from kiosk.catalog_load import APPLICANT_FIELDS, check_catalog_dir

CATALOG = bundled_catalog()
PROCEDURES = list(CATALOG.procedures.values())


def texts_of(proc: Procedure) -> Iterator[tuple[str, Text]]:
    yield "name", proc.name
    yield "description", proc.description
    yield "processing_time", proc.processing_time
    yield "who_may_file", proc.who_may_file
    if proc.authority:
        yield "authority", proc.authority
    if proc.fee.note:
        yield "fee.note", proc.fee.note
    for step in proc.steps:
        yield f"{step.id}.title", step.title
        for q in step.questions:
            yield f"{q.id}.label", q.label
            if q.hint:
                yield f"{q.id}.hint", q.hint
            for opt in q.options:
                yield f"{q.id}.{opt.id}", opt.label
    for doc in proc.documents:
        yield f"{doc.doc_type}.label", doc.label
        if doc.note:
            yield f"{doc.doc_type}.note", doc.note


def test_the_shipped_folder_checks_clean() -> None:
    assert check_catalog_dir(procedures_dir()) == []


def test_at_least_twelve_procedures_in_known_categories() -> None:
    assert len(PROCEDURES) >= 12
    assert {p.category for p in PROCEDURES} <= set(CATALOG.categories)
    assert re.fullmatch(r"\d+\.\d+\.\d+", CATALOG.version)


@pytest.mark.parametrize("proc", PROCEDURES, ids=lambda p: p.code)
def test_every_citizen_facing_text_has_both_languages(proc: Procedure) -> None:
    for where, text in texts_of(proc):
        assert text.vi.strip() and text.en.strip(), where


@pytest.mark.parametrize("proc", PROCEDURES, ids=lambda p: p.code)
def test_procedure_shape(proc: Procedure) -> None:
    assert re.fullmatch(r"\d\.\d{6}", proc.code)
    assert proc.steps and all(step.questions for step in proc.steps)
    assert proc.search_words, "people search with everyday words"
    assert proc.processing_days >= 1
    assert proc.fee.amount_vnd >= 0
    assert not proc.fee.set_by_province or proc.fee.note is not None
    assert proc.result_delivery


def _conditions(q: Question) -> list[Condition]:
    """A question's conditions: its `when` (one, or any of a list) and its `from_applicant`'s."""
    found = list(q.when.conditions) if isinstance(q.when, AnyOf) else [q.when] if q.when else []
    if q.from_applicant is not None and q.from_applicant.when is not None:
        found.append(q.from_applicant.when)
    return found


@pytest.mark.parametrize("proc", PROCEDURES, ids=lambda p: p.code)
def test_conditions_refer_to_earlier_questions_with_valid_values(proc: Procedure) -> None:
    seen: dict[str, QuestionKind] = {}
    for q in proc.questions():
        assert q.id not in APPLICANT_FIELDS, "the applicant block is asked by the kiosk"
        for when in _conditions(q):
            target = proc.question(when.question)
            assert target.id in seen, f"{q.id} depends on a later question"
            if target.kind is QuestionKind.CHOICE:
                ids = {o.id for o in target.options}
                assert {when.equals, *when.one_of} - {None} <= ids
            if target.kind is QuestionKind.YES_NO:
                assert isinstance(when.equals, bool)
        seen[q.id] = q.kind
    for doc in proc.documents:
        if doc.when is not None:
            assert doc.when.question in seen


@pytest.mark.parametrize("proc", PROCEDURES, ids=lambda p: p.code)
def test_attachments_have_doc_types_and_formats(proc: Procedure) -> None:
    doc_types = {d.doc_type for d in proc.documents}
    for q in proc.attachments():
        assert q.doc_type in doc_types
        assert q.accept and set(q.accept) <= set(ACCEPTED_MEDIA_TYPES)
    for q in proc.questions():
        if q.kind is QuestionKind.CHOICE:
            assert len(q.options) >= 2
    for doc in proc.documents:
        assert doc.formats and set(doc.formats) <= set(ACCEPTED_MEDIA_TYPES)


def test_every_question_kind_is_used_somewhere() -> None:
    from kiosk.journey import applicant_questions

    # E-mail is asked once, with the applicant block (a procedure's own e-mail asked it twice: issue #17).
    used = {q.kind for p in PROCEDURES for q in p.questions()} | {q.kind for q in applicant_questions()}
    assert used == set(QuestionKind)


def test_only_codes_confirmed_in_the_design_notes_claim_to_be_verified() -> None:
    verified = {p.code for p in PROCEDURES if p.code_verified}
    assert verified <= {"1.001193", "1.004222"}


def test_two_lien_thong_bundles_share_their_questions() -> None:
    assert set(CATALOG.bundles) == {"lien_thong_khai_sinh", "lien_thong_khai_tu"}
    assert CATALOG.bundles["lien_thong_khai_sinh"].members == ("1.001193", "1.004222", "1.002296")
    assert CATALOG.bundles["lien_thong_khai_tu"].members == ("1.000656", "1.004227", "1.001776")
    for bundle in CATALOG.bundles.values():
        assert bundle.shared
        for qid in bundle.shared:
            kinds = set()
            for code in bundle.members:
                member = CATALOG.procedures[code]
                question = member.question(qid)
                kinds.add((question.kind, tuple(o.id for o in question.options)))
                # Asked once for the whole bundle, so it must apply given the bundle's presets.
                assert question.applies(bundle.presets.get(code, {})), (bundle.id, code, qid)
            assert len(kinds) == 1, (bundle.id, qid)


def test_bundles_ask_the_child_and_the_deceased_once() -> None:
    shared = set(CATALOG.bundles["lien_thong_khai_sinh"].shared)
    assert {"child_full_name", "child_date_of_birth"} <= shared
    shared = set(CATALOG.bundles["lien_thong_khai_tu"].shared)
    assert {"deceased_full_name", "deceased_date_of_death"} <= shared


@pytest.mark.parametrize("proc", PROCEDURES, ids=lambda p: p.code)
def test_who_is_filing_comes_before_the_peoples_pages(proc: Procedure) -> None:
    """Issue #17: "Ông/Bà là gì của trẻ?" came after the parents' pages, so a mother retyped herself."""
    order = [q.id for q in proc.questions()]
    people = [q.id for q in proc.questions() if q.kind in (QuestionKind.PERSON_NAME, QuestionKind.CCCD)]
    for relation in (qid for qid in order if qid.startswith("relationship_to_")):
        assert all(order.index(relation) < order.index(person) for person in people), relation


def test_the_parents_pages_are_filled_from_the_applicant_when_a_parent_files() -> None:
    khai_sinh = next(p for p in PROCEDURES if p.code == "1.001193")
    for person in ("mother", "father"):
        for field in ("full_name", "date_of_birth", "id_number"):
            prefill = khai_sinh.question(f"{person}_{field}").from_applicant
            assert prefill is not None and prefill.field == field
            assert prefill.when == Condition(question="relationship_to_child", equals=person)
