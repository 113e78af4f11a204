"""Catalog models → the JSON documents the portal serves (read back by `catalog_from_documents`)."""

from __future__ import annotations

from typing import Any

from kiosk.catalog import (
    AnyOf,
    Bundle,
    Category,
    Condition,
    Procedure,
    Question,
    RequiredDocument,
    Text,
)
from kiosk.fees import Fee


def _text(text: Text) -> dict[str, str]:
    return {"vi": text.vi, "en": text.en}


def _with_texts(doc: dict[str, Any], **texts: Text | None) -> dict[str, Any]:
    """`doc` plus each optional bilingual text that is set (one that is not is left out, never null)."""
    doc.update({key: _text(text) for key, text in texts.items() if text is not None})
    return doc


def _condition(cond: Condition) -> dict[str, Any]:
    if cond.one_of:
        return {"question": cond.question, "one_of": list(cond.one_of)}
    if cond.equals is None:
        return {"question": cond.question, "answered": True}
    return {"question": cond.question, "equals": cond.equals}


def _when(cond: Condition | AnyOf) -> dict[str, Any] | list[dict[str, Any]]:
    if isinstance(cond, AnyOf):
        return [_condition(c) for c in cond.conditions]
    return _condition(cond)


def _question(q: Question) -> dict[str, Any]:
    doc = _with_texts({"id": q.id, "kind": q.kind.value, "label": _text(q.label)}, hint=q.hint)
    if not q.required:
        doc["required"] = False
    if q.options_from is not None:
        doc["options_from"] = q.options_from  # the list is expanded again where the document is read
    elif q.options:
        doc["options"] = [{"id": o.id, "label": _text(o.label)} for o in q.options]
    if q.when is not None:
        doc["when"] = _when(q.when)
    if q.doc_type is not None:
        doc["doc_type"] = q.doc_type
        doc["accept"] = list(q.accept)
    for key in ("min", "max", "max_length"):
        if getattr(q, key) is not None:
            doc[key] = getattr(q, key)
    if q.not_future:
        doc["not_future"] = True
    if q.default is not None:
        doc["default"] = q.default
    if q.default_from is not None:
        doc["default_from"] = q.default_from
    if q.from_applicant is not None:
        prefill: dict[str, Any] = {"field": q.from_applicant.field}
        if q.from_applicant.when is not None:
            prefill["when"] = _condition(q.from_applicant.when)
        doc["from_applicant"] = prefill
    return doc


def _document(d: RequiredDocument) -> dict[str, Any]:
    doc: dict[str, Any] = {"doc_type": d.doc_type, "label": _text(d.label), "required": d.required}
    doc["formats"] = list(d.formats)
    if d.when is not None:
        doc["when"] = _condition(d.when)
    return _with_texts(doc, note=d.note)


def _fee(fee: Fee) -> dict[str, Any]:
    doc: dict[str, Any] = {"amount_vnd": fee.amount_vnd}
    if fee.set_by_province:
        doc["set_by_province"] = True
    for key, value in (
        ("source", fee.source),
        ("per_copy", fee.per_copy),
        ("per_page", fee.per_page),
        ("cap_vnd", fee.cap_vnd),
    ):
        if value is not None:
            doc[key] = value
    if fee.page_rates:
        doc["page_rates"] = [{"from_page": r.from_page, "amount_vnd": r.amount_vnd} for r in fee.page_rates]
    if fee.online is not None:
        online: dict[str, Any] = {"source": fee.online.source}
        if fee.online.amount_vnd is not None:
            online["amount_vnd"] = fee.online.amount_vnd
        if fee.online.percent_off is not None:
            online["percent_off"] = fee.online.percent_off
        doc["online"] = online
    if fee.exemption is not None:
        doc["exemption"] = {
            "question": fee.exemption.question,
            "options": list(fee.exemption.options),
            "source": fee.exemption.source,
        }
    return _with_texts(doc, note=fee.note)


def procedure_to_document(proc: Procedure) -> dict[str, Any]:
    """The JSON document of a procedure (what the portal serves); `catalog_from_documents` reads it back."""
    doc: dict[str, Any] = {
        "code": proc.code,
        "code_verified": proc.code_verified,
        "version": proc.version,
        "name": _text(proc.name),
        "description": _text(proc.description),
        "category": proc.category,
        "search_words": list(proc.search_words),
        "level": proc.level.value,
        "fee": _fee(proc.fee),
        "processing_time": _text(proc.processing_time),
        "processing_days": proc.processing_days,
        "who_may_file": _text(proc.who_may_file),
        "steps": [
            {"id": s.id, "title": _text(s.title), "questions": [_question(q) for q in s.questions]}
            for s in proc.steps
        ],
        "documents": [_document(d) for d in proc.documents],
        "result_delivery": [d.value for d in proc.result_delivery],
        "popularity": proc.popularity,
        "changes": [
            {"version": c.version, "renamed": dict(c.renamed), "removed": list(c.removed)}
            for c in proc.changes
        ],
    }
    return _with_texts(doc, authority=proc.authority)


def category_to_document(category: Category) -> dict[str, Any]:
    doc = {"id": category.id, "name": _text(category.name), "order": category.order}
    return _with_texts(doc, description=category.description)


def bundle_to_document(bundle: Bundle) -> dict[str, Any]:
    return {
        "id": bundle.id,
        "name": _text(bundle.name),
        "description": _text(bundle.description),
        "members": list(bundle.members),
        "shared": list(bundle.shared),
        "presets": {code: dict(values) for code, values in bundle.presets.items()},
    }
