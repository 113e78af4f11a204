"""Adding what the portal asked for (status 5): the documents, answers and a note, then "Gửi bổ sung".

Files are read and checked off the UI thread with the journey's own checks (ui/journey/attach_flow.py,
kiosk.documents) and kept sealed on the supplement draft (Store.add_supplement_attachment); answers use
the journey's inputs and kiosk.answers.parse_answer. "Gửi bổ sung" saves the draft and queues it in one
store transaction (Store.queue_supplement): sync sends it once, under its own Idempotency-Key.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QVBoxLayout

from kiosk.answers import parse_answer
from kiosk.catalog import Question, QuestionKind, Text
from kiosk.documents import MEDIA_TYPES
from kiosk.errors import KioskError
from kiosk.i18n import Lang, t
from ui.context import AppContext
from ui.file_dialogs import OpenChooser, choose_open_file
from ui.find_dossier import procedure_name
from ui.journey.attach_flow import Candidate, check_source, read_file
from ui.journey.attachment import AttachmentInput
from ui.journey.inputs import AnswerInput, make_input
from ui.widgets import ScrollPage, button, clear_layout, label

if TYPE_CHECKING:
    from kiosk.catalog import Catalog
    from kiosk.store import AttachmentInfo, Dossier, Store
    from kiosk.store.supplements import SupplementDraft

log = logging.getLogger("ui.supplement")


def load(store: Store, client_ref: str) -> tuple[Dossier, SupplementDraft | None]:
    """Store worker: the dossier (its request) and its open supplement draft."""
    return store.get_dossier(client_ref), store.supplement_draft(client_ref)


def keep_file(
    store: Store, client_ref: str, doc_type: str, candidate: Candidate, actor: str
) -> AttachmentInfo:
    """Store worker: keep a checked file sealed on the draft."""
    upload = candidate.upload
    return store.add_supplement_attachment(
        client_ref, doc_type, upload.data, candidate.filename, upload.info.media_type, actor
    )


def send(store: Store, client_ref: str, answers: dict[str, Any], note: str | None, actor: str) -> int:
    """Store worker: save the draft, queue it (one transaction); the number of items waiting."""
    store.save_supplement(client_ref, answers, note, actor)
    store.queue_supplement(client_ref, actor)
    return store.queued_count()


class SupplementPage(ScrollPage):
    """The supplement for one dossier; `open_dossier(client_ref)` fills it from the store."""

    back_requested = Signal(str)  # client_ref
    sent = Signal(str)  # client_ref: queued

    def __init__(
        self,
        context: AppContext | None,
        lang: Lang,
        catalog: Catalog | None = None,
        *,
        chooser: OpenChooser = choose_open_file,
    ) -> None:
        super().__init__()
        self.setObjectName("page-supplement")
        self.context, self.lang, self.catalog, self.chooser = context, lang, catalog, chooser
        self.client_ref: str | None = None
        self.dossier: Dossier | None = None
        self.boxes: dict[str, AttachmentInput] = {}
        self.questions: dict[str, tuple[Question, AnswerInput]] = {}
        self.busy = False
        self._problems: list[tuple[str, dict[str, object]]] = []
        self.back = button("", "link")
        self.back.setObjectName("supplement-back")
        self.back.clicked.connect(self._back)
        self.heading = label("", "h1")
        self.intro = label("")
        self.errors = label("", "error")
        self.errors.setObjectName("supplement-errors")
        self.errors.setVisible(False)
        self.form = QVBoxLayout()
        self.form.setSpacing(10)
        self.note_label = label("", "key")
        self.note = QPlainTextEdit()
        self.note.setObjectName("supplement-note")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(120)
        self.send_button = button("", "primary")
        self.send_button.setObjectName("supplement-send")
        self.send_button.clicked.connect(self.submit)
        self.cancel = button("", "secondary")
        self.cancel.setObjectName("supplement-cancel")
        self.cancel.clicked.connect(self.discard)
        for widget in (self.back, self.heading, self.intro, self.errors):
            self.body.addWidget(
                widget, 0, Qt.AlignmentFlag.AlignLeft if widget is self.back else Qt.AlignmentFlag(0)
            )
        self.body.addLayout(self.form)
        self.body.addWidget(self.note_label)
        self.body.addWidget(self.note)
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(self.send_button)
        row.addWidget(self.cancel)
        row.addStretch(1)
        self.body.addSpacing(8)
        self.body.addLayout(row)
        self.body.addStretch(1)
        if context is not None:
            context.events.session_did_end.connect(self.forget)
        self.retranslate(lang)

    def actor(self) -> str:
        mode = self.context.services.config.mode if self.context is not None else None
        return f"kiosk:{mode or 'post_office'}"

    # --- opening ---------------------------------------------------------------------------------------
    def open_dossier(self, client_ref: str) -> None:
        self.forget()
        self.client_ref = client_ref
        if self.context is not None:
            self.context.tasks.run_store(lambda store: load(store, client_ref), self._loaded, self._failed)

    def _loaded(self, loaded: tuple[Dossier, SupplementDraft | None]) -> None:
        dossier, draft = loaded
        if dossier.client_ref != self.client_ref:
            return
        self.dossier = dossier
        request = dossier.supplement_request or {}
        proc = self.catalog.procedures.get(dossier.summary.procedure_code) if self.catalog else None
        for doc in request.get("documents") or []:
            if not isinstance(doc, dict) or not doc.get("doc_type"):
                continue
            doc_type, words = str(doc["doc_type"]), str(doc.get("label") or doc["doc_type"])
            question = Question(
                id=f"supplement-{doc_type}",
                kind=QuestionKind.ATTACHMENT,
                label=Text(words, words),
                doc_type=doc_type,
                accept=MEDIA_TYPES,
            )
            box = AttachmentInput(question, words, self.lang)
            box.scanner.setVisible(False)  # the journey's scanner and camera sources are not wired here
            box.camera.setVisible(False)
            box.choose_requested.connect(lambda d=doc_type: self.choose_file(d))
            box.remove_requested.connect(lambda attachment_id, d=doc_type: self.remove_file(d, attachment_id))
            self.form.addWidget(label(words, "h3"))
            self.form.addWidget(box)
            self.boxes[doc_type] = box
        for qid in request.get("questions") or []:
            question = self._question(proc, str(qid))
            field = make_input(question, question.label.get(self.lang), self.lang)
            self.form.addWidget(label(question.label.get(self.lang), "key"))
            self.form.addWidget(field)
            self.questions[question.id] = (question, field)
        if draft is not None:
            for info in draft.attachments:
                if info.doc_type in self.boxes:
                    self.boxes[info.doc_type].show_file(info)
            for qid, value in draft.answers.items():
                if qid in self.questions and isinstance(value, str | bool | dict):
                    self.questions[qid][1].set_value(value)
            self.note.setPlainText(draft.note or "")
        self.retranslate(self.lang)

    @staticmethod
    def _question(proc: Any, qid: str) -> Question:
        try:
            if proc is not None:
                found: Question = proc.question(qid)
                return found
        except KeyError:
            pass
        return Question(id=qid, kind=QuestionKind.TEXT, label=Text(qid, qid), max_length=500)

    # --- files -----------------------------------------------------------------------------------------
    def choose_file(self, doc_type: str) -> None:
        box, context, ref = self.boxes.get(doc_type), self.context, self.client_ref
        if box is None or context is None or ref is None or self.busy:
            return
        path = self.chooser(
            self, t("journey.attach.dialog_title", self.lang), t("journey.attach.dialog_filter", self.lang)
        )
        if not path:
            return
        self.busy = True
        box.set_busy("documents.checking")
        actor, previous = self.actor(), box.attachment()

        def checked(candidate: Candidate) -> None:
            box.set_busy("journey.attach.saving")
            context.tasks.run_store(
                lambda store: keep_file(store, ref, doc_type, candidate, actor),
                lambda info: self._kept(box, info, candidate, previous),
                lambda error: self._refused(box, error),
            )

        context.tasks.run_network(
            lambda: check_source(lambda: read_file(Path(path)), MEDIA_TYPES),
            checked,
            lambda error: self._refused(box, error),
        )

    def _kept(
        self,
        box: AttachmentInput,
        info: AttachmentInfo,
        candidate: Candidate,
        previous: AttachmentInfo | None,
    ) -> None:
        self.busy = False
        box.show_file(info, candidate.upload.data, candidate.upload.info.pages)
        if previous is not None:  # "Thay tệp khác": the new one is safe, the old one goes
            self.remove_file(info.doc_type, previous.id, show=False)
        self._problems = []
        self.retranslate(self.lang)

    def _refused(self, box: AttachmentInput, error: BaseException) -> None:
        self.busy = False
        box.set_idle()
        if isinstance(error, KioskError):
            self._problems = [(error.key, dict(error.params))]
        else:
            log.warning("supplement file for %s not kept: %s", self.client_ref, type(error).__name__)
            self._problems = [("journey.attach.unreadable", {})]
        self.retranslate(self.lang)

    def remove_file(self, doc_type: str, attachment_id: str, *, show: bool = True) -> None:
        box, context, ref = self.boxes.get(doc_type), self.context, self.client_ref
        if context is None or ref is None:
            return
        if show and box is not None:
            box.clear_file()
        context.tasks.run_store(lambda store: store.remove_supplement_attachment(ref, attachment_id))

    # --- sending ---------------------------------------------------------------------------------------
    def problems(self) -> tuple[list[tuple[str, dict[str, object]]], dict[str, Any]]:
        found: list[tuple[str, dict[str, object]]] = []
        for box in self.boxes.values():
            if box.attachment() is None:
                found.append(
                    ("tracking.supplement.missing_document", {"label": box.question.label.get(self.lang)})
                )
        answers: dict[str, Any] = {}
        for qid, (question, field) in self.questions.items():
            try:
                value = parse_answer(question, field.value(), self.lang)
            except KioskError:
                found.append(
                    ("tracking.supplement.missing_answer", {"question": question.label.get(self.lang)})
                )
                continue
            if value is not None:
                answers[qid] = value
        return found, answers

    def submit(self) -> None:
        context, ref = self.context, self.client_ref
        if context is None or ref is None or self.busy:
            return
        problems, answers = self.problems()
        self._problems = problems
        self.retranslate(self.lang)
        if problems:
            self.errors.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.busy = True
        note, actor = self.note.toPlainText().strip() or None, self.actor()

        def done(queued: int) -> None:
            self.busy = False
            context.events.dossier_did_change.emit(ref)
            context.events.queue_did_change.emit(queued)
            self.sent.emit(ref)

        def failed(error: BaseException) -> None:
            self.busy = False
            key = (
                error.key
                if isinstance(error, KioskError) and error.key.startswith("tracking.")
                else "tracking.supplement.failed"
            )
            if not isinstance(error, KioskError):
                log.warning("supplement of %s not queued: %s", ref, type(error).__name__)
            self._problems = [(key, {})]
            self.retranslate(self.lang)

        context.tasks.run_store(lambda store: send(store, ref, answers, note, actor), done, failed)

    def discard(self) -> None:
        context, ref = self.context, self.client_ref
        if context is None or ref is None:
            return
        actor = self.actor()
        context.tasks.run_store(
            lambda store: store.discard_supplement(ref, actor), lambda _none: self.back_requested.emit(ref)
        )

    def _back(self) -> None:
        """Back to the dossier; what was added stays on the draft for later."""
        if self.client_ref is not None:
            self.back_requested.emit(self.client_ref)

    # --- words -----------------------------------------------------------------------------------------
    def retranslate(self, lang: Lang) -> None:
        self.lang = lang
        dossier = self.dossier
        ref = (dossier.dossier_code or dossier.local_ref) if dossier else ""
        self.back.setText(t("tracking.supplement.back", lang))
        self.back.setAccessibleName(self.back.text())
        self.heading.setText(t("tracking.supplement.heading", lang, ref=ref))
        self.heading.setAccessibleName(self.heading.text())
        intro = t("tracking.supplement.intro", lang)
        if dossier is not None:
            intro = f"{procedure_name(self.catalog, dossier.summary.procedure_code, lang)}. {intro}"
        self.intro.setText(intro)
        self.note_label.setText(t("tracking.supplement.note_label", lang))
        self.note.setAccessibleName(self.note_label.text())
        self.send_button.setText(t("tracking.supplement.send", lang))
        self.send_button.setAccessibleName(t("tracking.supplement.send_name", lang))
        self.cancel.setText(t("tracking.supplement.cancel", lang))
        self.cancel.setAccessibleName(self.cancel.text())
        for box in self.boxes.values():
            box.retranslate(lang)
        if self._problems:
            lines = [t("tracking.supplement.errors", lang)] + [
                f"• {t(k, lang, **p)}" for k, p in self._problems
            ]
            self.errors.setText("\n".join(lines))
            self.errors.setAccessibleName(self.errors.text())
            self.errors.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.errors.setVisible(bool(self._problems))

    def _failed(self, error: BaseException) -> None:
        log.warning("supplement page could not load %s: %s", self.client_ref, type(error).__name__)
        self._problems = [("tracking.supplement.failed", {})]
        self.retranslate(self.lang)

    def forget(self) -> None:
        """Nothing of the last dossier stays on the page (the draft itself stays sealed in the store)."""
        self.client_ref, self.dossier, self.busy = None, None, False
        self.boxes.clear()
        self.questions.clear()
        self._problems = []
        clear_layout(self.form)
        self.note.clear()
        self.retranslate(self.lang)

    def arrive(self) -> None:
        self.verticalScrollBar().setValue(0)
        self.back.setFocus(Qt.FocusReason.OtherFocusReason)
