"""What to tell a person about a dossier whose sealed data failed its integrity check (sync stopped it)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from kiosk.i18n import Lang, t

if TYPE_CHECKING:
    from kiosk.catalog import Procedure

DAMAGED_ANSWERS = "damaged-answers"
DAMAGED_DOCUMENT = "damaged-document"


def damaged_part(problem: Mapping[str, Any] | None) -> str | None:
    """DAMAGED_ANSWERS or DAMAGED_DOCUMENT when the dossier's problem is damaged sealed data, else None."""
    kind = str((problem or {}).get("type", "")).rsplit("/", 1)[-1]
    return kind if kind in (DAMAGED_ANSWERS, DAMAGED_DOCUMENT) else None


def document_label(procedure: Procedure | None, doc_type: str, lang: Lang) -> str:
    """The document's name as the procedure gives it (its doc_type when the procedure is not known)."""
    if procedure is not None:
        for document in procedure.documents:
            if document.doc_type == doc_type:
                return document.label.get(lang)
    return doc_type


def damage_message(problem: Mapping[str, Any] | None, procedure: Procedure | None, lang: Lang) -> str | None:
    """Which part is damaged and what to do (scan the document again / re-enter the answers), or None."""
    part = damaged_part(problem)
    if part == DAMAGED_ANSWERS:
        return t("store.damaged_answers", lang)
    if part == DAMAGED_DOCUMENT:
        doc_type = str((problem or {}).get("doc_type") or "")
        return t("store.damaged_document", lang, label=document_label(procedure, doc_type, lang))
    return None
