"""The journey controller: shows the model's current page, autosaves on every "Tiếp tục", submits, confirms.

Every store call runs on the store worker (context.tasks.run_store), in order: the draft is created when
the journey starts, each Continue saves the answers, files are kept as they are chosen, and "Nộp hồ sơ"
records consent and finalizes (the dossier is queued: it works offline). Without a context (screen
tests, screenshots) the journey runs with nothing saved.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QStackedWidget, QVBoxLayout, QWidget

from kiosk.answers import FieldProblem, parse_answer
from kiosk.bundle import MemberStart
from kiosk.catalog import Procedure, QuestionKind
from kiosk.config import SELF_SERVICE
from kiosk.diskspace import DiskFullError
from kiosk.errors import KioskError
from kiosk.i18n import Lang, t
from kiosk.journey import APPLICANT, CHECK, CONSENT, DELIVERY_ADDRESS, Journey, Page, PageKind, Raw
from kiosk.rules.names import lacks_diacritics
from kiosk.store import Assisted, Dossier, Store
from ui import focus_order
from ui.camera import CameraFactory, default_camera
from ui.consent import Evidence, check_authorization
from ui.context import AppContext
from ui.file_dialogs import OpenChooser, choose_open_file
from ui.journey import style
from ui.journey.attach_flow import AttachmentFlow
from ui.journey.attachment import AttachmentInput
from ui.journey.check_page import CheckPage
from ui.journey.confirmation import ConfirmationPage
from ui.journey.inputs import make_input
from ui.journey.question_page import QuestionPage
from ui.widgets import button, label

if TYPE_CHECKING:
    from sync.service import SyncSummary

log = logging.getLogger("ui.journey")
ASSISTED_KINDS = ("post_office", "community_team", "self_service")


def submit_dossier(
    store: Store,
    client_ref: str,
    contract: tuple[dict[str, object], dict[str, object], dict[str, object]],
    stale: list[str],
    consent_at: datetime | None,
    actor: str,
    procedure_version: str,
    *,
    evidence: Evidence | None = None,
    agent_id: str | None = None,
) -> tuple[Dossier, int]:
    """Worker: last save, drop files of pages that no longer apply, consent, queue; the dossier and queue.

    Filed by an agent: the citizen's signature or authorization is kept sealed as an attachment and
    named on the dossier (`authorization_ref`), with the agent's id, in the audit log by the agent.
    """
    applicant, answers, delivery = contract
    store.save_answers(client_ref, applicant, answers, delivery, procedure_version=procedure_version)
    for attachment_id in stale:
        store.delete_attachment(attachment_id)
    authorization_ref = None
    if evidence is not None:
        info = store.add_attachment(
            client_ref, evidence.doc_type, evidence.data, evidence.filename, evidence.media_type
        )
        authorization_ref = info.id
    if consent_at is not None or agent_id is not None:
        at = consent_at or datetime.now(UTC)
        store.file_on_behalf(
            client_ref, at=at, agent_id=agent_id, authorization_ref=authorization_ref, actor=actor
        )
    store.finalize(client_ref, actor)
    return store.get_dossier(client_ref), store.queued_count()


class JourneyView(QWidget):
    """One filing from its first question to the confirmation; signals tell the window where to go next."""

    back_requested = Signal()  # "Quay lại" on the first question: back to "Chuẩn bị"
    home_requested = Signal()
    next_person_requested = Signal()
    scan_requested = Signal()  # "Quét thẻ CCCD" on the name page (ui/scan_input.py reads the card)
    dossier_did_submit = Signal(object)  # the queued Dossier (a bundle's task list, session reuse)

    def __init__(
        self,
        procedure: Procedure,
        *,
        context: AppContext | None,
        lang: Lang = "vi",
        mode: str | None = None,
        high_contrast: bool = False,
        scale: int = 100,
        chooser: OpenChooser = choose_open_file,
        dossier: Dossier | None = None,
        agent: Callable[[], str | None] | None = None,
        bundle_ref: str | None = None,
        member: MemberStart | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("journey")
        self.procedure = procedure
        self.context = context
        self.agent: Callable[[], str | None] = agent or (lambda: None)  # the signed-in agent's id, if any
        self._changing: str | None = None  # the page "Sửa" opened from the check page
        self.lang: Lang = lang
        self.kind = mode if mode in ASSISTED_KINDS else "post_office"
        self.actor = f"kiosk:{self.kind}"
        self.chooser = chooser
        self.camera_factory: CameraFactory = default_camera  # tests feed frames through their own
        self.receipt_options: dict[str, Any] = {}  # to show_receipt (tests: printers, on_open)
        self.attachment_flows: dict[str, AttachmentFlow] = {}
        consent_needed = self.kind != SELF_SERVICE
        # A bundle member (ui/bundle_view.py): answers given in the bundle's first member, not asked again.
        self.member = member
        skip, fixed = (member.skip, member.fixed) if member is not None else ((), ())
        if dossier is not None:
            self.journey = Journey.from_dossier(
                procedure, dossier, consent_needed=consent_needed, skip=skip, fixed=fixed
            )
        else:
            self.journey = Journey(
                procedure,
                client_ref=str(uuid.uuid4()),
                consent_needed=consent_needed,
                applicant=member.applicant if member is not None else None,
                answers=member.answers if member is not None else None,
                skip=skip,
                fixed=fixed,
            )
        assert self.journey.client_ref is not None
        self.client_ref: str = self.journey.client_ref
        self.resumed = dossier is not None
        self.submitted = False
        # page id → where its answer came from ("Điền từ thẻ CCCD", "Đã điền từ hồ sơ trước", the bundle)
        self.card_notes: dict[str, list[tuple[str, dict[str, object]]]] = {}
        if member is not None and member.asked_in is not None:
            asked: list[tuple[str, dict[str, object]]] = [("bundle.asked_in", {})]
            self.card_notes = {page_id: list(asked) for page_id in member.skip - member.fixed}
        self.scan_button: QPushButton | None = None
        self._marks_asked_about: dict[str, str] = {}  # page id → the text asked about (no marks)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.notice = label("", "error")
        self.notice.setObjectName("journey-notice")
        self.notice.setContentsMargins(32, 8, 32, 0)
        self.notice.setVisible(False)
        self._notice_shown = 0  # bumped whenever a notice appears; a save clears only older ones
        layout.addWidget(self.notice)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.pages: dict[str, QuestionPage] = {}
        self.check = CheckPage()
        self.check.change_requested.connect(self._change)
        self.check.fix_requested.connect(self._fix)
        self.check.submit_requested.connect(self._submit)
        self.check.back_requested.connect(self._back)
        self.check.consent_panel.chooser = self.chooser
        if context is not None:
            run = context.tasks.run_network
            self.check.consent_panel.checker = lambda path, ok, bad: self._check_file(run, path, ok, bad)
        self.confirmation = ConfirmationPage()
        self.confirmation.receipt_requested.connect(self._show_receipt)
        self.confirmation.home_requested.connect(self.home_requested.emit)
        self.confirmation.next_person_requested.connect(self.next_person_requested.emit)
        self.stack.addWidget(self.check)
        self.stack.addWidget(self.confirmation)
        self.set_style(high_contrast, scale)
        if context is not None:
            context.events.dossier_did_change.connect(self._dossier_changed)
            # "Gửi ngay" for agents and volunteers on a terminal with a portal (ui/sync_runner.py runs it).
            self.confirmation.can_send_now = self.kind != SELF_SERVICE and bool(
                context.services.config.portal_url
            )
            self.confirmation.send_now_requested.connect(context.events.send_now_requested.emit)
            context.events.send_now_did_start.connect(self.confirmation.sending)
            context.events.send_now_did_finish.connect(self._sent_now)
            if dossier is None:
                assisted = Assisted(self.kind, self.agent())
                code, version, ref = procedure.code, procedure.version, self.client_ref
                context.tasks.run_store(
                    lambda store: store.create_draft(
                        code, version, assisted, client_ref=ref, bundle_ref=bundle_ref
                    ),
                    self._draft_created,
                    self._save_failed,
                )
        self.show_current()

    # --- display ---------------------------------------------------------------------------------------
    def set_style(self, high_contrast: bool, scale: int) -> None:
        self.setStyleSheet(style.stylesheet(high_contrast, scale))

    def retranslate(self, lang: Lang) -> None:
        self.lang = lang
        if self.scan_button is not None:
            self.scan_button.setText(t("intake.scan_button", lang))
            self.scan_button.setAccessibleName(t("intake.scan_button_name", lang))
        for page in self.pages.values():
            page.retranslate(lang)
            page.set_progress(self.journey.progress() if page.page is self.journey.current else None)
        if self.stack.currentWidget() is self.check:
            self.check.show_journey(self.journey, lang)
        if self.confirmation.dossier is not None:
            self.confirmation.show_dossier(self.procedure, self.confirmation.dossier, lang)

    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def focus_order(self) -> list[QWidget]:
        """The shown page's Tab stops (ui/focus_order.py): the window puts the session's and the
        header's after them."""
        return focus_order.page_order(self.stack.currentWidget())

    def _page_widget(self, page: Page) -> QuestionPage:
        widget = self.pages.get(page.id)
        if widget is not None:
            return widget
        assert page.question is not None
        name = page.question.label.get(self.lang)
        if page.kind is PageKind.ATTACHMENT:
            answer_input: AttachmentInput | object = AttachmentInput(page.question, name, self.lang)
        else:
            answer_input = make_input(page.question, name, self.lang)
        widget = QuestionPage(page, answer_input, self.lang)  # type: ignore[arg-type]
        raw = self.journey.shown_raw(page.id)
        if raw is None and page.id == DELIVERY_ADDRESS:
            raw = self.journey.raw(APPLICANT + "address")  # post to where the person lives, unless changed
        widget.input.set_value(raw)
        widget.set_notes(self._notes_for(page.id))
        if page.id == APPLICANT + "full_name":
            self.scan_button = button(t("intake.scan_button", self.lang), "secondary")
            self.scan_button.setObjectName("journey-scan-card")
            self.scan_button.setAccessibleName(t("intake.scan_button_name", self.lang))
            self.scan_button.clicked.connect(self.scan_requested.emit)
            widget.add_action(self.scan_button)
        if isinstance(widget.input, AttachmentInput):
            self._wire_attachment(page, widget.input)
        widget.continue_requested.connect(self._continue)
        widget.keep_requested.connect(lambda: self._continue(keep=True))
        widget.back_requested.connect(self._back)
        widget.problem_link.connect(self._problem_link)
        self.pages[page.id] = widget
        self.stack.addWidget(widget)
        return widget

    def _notes_for(self, page_id: str) -> list[tuple[str, dict[str, object]]]:
        """Where the page's answer came from: the card, the bundle, or the applicant's own details."""
        notes = list(self.card_notes.get(page_id, []))
        if self.journey.filled_from_applicant(page_id):
            notes.append(("journey.from_applicant", {}))
        return notes

    def _show_refilled(self) -> None:
        """Pages built before the model filled (or emptied) their answer from the applicant block show
        the answer it holds now, and say where it came from."""
        for page_id in self.journey.take_refilled():
            widget = self.pages.get(page_id)
            if widget is not None:
                widget.input.set_value(self.journey.raw(page_id))
                widget.clear_problems()
                widget.set_notes(self._notes_for(page_id))

    def show_current(self) -> None:
        self._show_refilled()
        page = self.journey.current
        if page.id == CHECK:
            self.check.evidence_needed = self.agent() is not None
            self.check.show_journey(self.journey, self.lang)
            self.stack.setCurrentWidget(self.check)
            changed, self._changing = self._changing, None
            self.check.arrive(at=changed)
            return
        widget = self._page_widget(page)
        widget.set_progress(self.journey.progress())
        self.stack.setCurrentWidget(widget)
        widget.arrive()

    def fill_from_card(
        self,
        raws: dict[str, Raw],
        notes: dict[str, list[tuple[str, dict[str, object]]]],
        go_to: str | None,
    ) -> None:
        """Answers read from a CCCD card (page id → raw), each page marked; still editable; autosaved."""
        for page_id, raw in raws.items():
            self.journey.answer(page_id, raw, self.lang)
            widget = self.pages.get(page_id)
            if widget is not None:
                widget.input.set_value(raw)
                widget.clear_problems()
        self.card_notes = notes
        for page_id, widget in self.pages.items():
            widget.set_notes(self._notes_for(page_id))
        self.notice.setVisible(False)
        if go_to is not None:
            self.journey.goto(go_to)
            self.show_current()
        self._autosave()

    def say(self, text: str) -> None:
        """A message above the page (a card that could not be read); a save begun later hides it."""
        self._show_notice(text)

    def _show_notice(self, text: str) -> None:
        self._notice_shown += 1
        self.notice.setText(text)
        self.notice.setVisible(True)

    # --- moving ----------------------------------------------------------------------------------------
    def _continue(self, *, keep: bool = False) -> None:
        """ "Tiếp tục": a name or street without any mark is asked about once on the page (`_ask_marks`);
        "Tiếp tục" again, or "Giữ nguyên" (`keep`), goes on with it as typed."""
        widget = self.stack.currentWidget()
        if not isinstance(widget, QuestionPage) or widget.page is not self.journey.current:
            return
        raw = widget.input.value()
        if not keep and self._ask_marks(widget, raw):
            return
        problems = self.journey.continue_from(raw, self.lang)
        if problems:
            widget.show_problems(problems)
            return
        widget.clear_problems()
        widget.clear_marks()
        self._autosave()
        self.show_current()

    def _ask_marks(self, widget: QuestionPage, raw: Raw) -> bool:
        """Ask how a name or street typed without marks is written on the card; True if asked now.

        Asked only about a valid answer (problems come first), once per text on the page (the same text
        after the question goes on: never a refusal), and never about the text the journey already
        holds for the page unchanged: read from a CCCD card (authoritative), kept with "Giữ nguyên",
        given in a resumed draft, or the post address filled from where the person lives.
        """
        question = widget.page.question
        if question is None or question.kind not in (QuestionKind.PERSON_NAME, QuestionKind.ADDRESS):
            return False
        text, subject = _unmarked_part(question.kind, raw)
        if not text or not lacks_diacritics(text):
            return False
        held = self.journey.raw(widget.page.id)
        if (
            held is not None
            and self.journey.value(widget.page.id) is not None
            and _unmarked_part(question.kind, held)[0] == text
        ):
            return False
        if widget.marks_asked() and self._marks_asked_about.get(widget.page.id) == text:
            return False
        try:
            parse_answer(question, raw, self.lang)
        except KioskError:
            return False  # what is wrong is said first; the marks are asked about once it is right
        self._marks_asked_about[widget.page.id] = text
        widget.clear_problems()
        widget.ask_marks(subject, self_service=self.kind == SELF_SERVICE)
        return True

    def _leave_page(self) -> None:
        """The page is left without "Tiếp tục": its messages go, or they would greet the person on
        their return while contradicting what they have fixed elsewhere; it is checked again on leaving."""
        widget = self.stack.currentWidget()
        if isinstance(widget, QuestionPage):
            widget.clear_problems()
            widget.clear_marks()

    def _back(self) -> None:
        self._leave_page()
        if self.journey.back() is None:
            self.back_requested.emit()
            return
        self.show_current()

    def _change(self, page_id: str) -> None:
        self._changing = page_id  # back on the check page, it opens at this answer's row
        self.journey.goto(page_id, returning=True)
        self.show_current()

    def _fix(self, problem: FieldProblem) -> None:
        """A problem's link on the check page: its page opens ("Sửa", so Continue comes back) with the
        message beside the field and the cursor in it."""
        self._change(problem.field)
        widget = self.pages.get(problem.field)
        if widget is not None and widget.page is self.journey.current:
            widget.show_problems([problem])
            widget.input.focus_for(problem.key)

    def _problem_link(self, field: str, key: str) -> None:
        """A problem about another page (the CCCD cross-check from the gender page): open that page."""
        self._leave_page()
        self.journey.goto(field, returning=self.journey.returning_to_check)
        self.show_current()
        widget = self.pages.get(field)
        if widget is not None:
            widget.input.focus_for(key)

    # --- saving ----------------------------------------------------------------------------------------
    def keep_typed(self) -> None:
        """ "Lưu và tiếp tục sau": a valid answer typed on this page (not yet "Tiếp tục") is saved with
        the draft too; the page, what it shows and where the person is stay as they are."""
        widget = self.stack.currentWidget()
        if not isinstance(widget, QuestionPage) or widget.page is not self.journey.current:
            return
        if self.journey.keep(widget.page.id, widget.input.value(), self.lang):
            self._autosave()

    def _autosave(self) -> None:
        if self.context is None or self.submitted:
            return
        ref = self.client_ref
        contract = (self.journey.applicant(), self.journey.answers(), self.journey.delivery())
        # The answers are always in the current version's shape (a resumed draft was migrated on opening).
        version = self.journey.procedure.version
        # A save finishing in the background must not hide a notice that appeared while it ran.
        shown = self._notice_shown
        self.context.tasks.run_store(
            lambda store: store.save_answers(ref, *contract, procedure_version=version),
            lambda _none: self._saved(shown),
            self._save_failed,
        )

    def _draft_created(self, _ref: str) -> None:
        if self.context is not None:
            self.context.events.dossier_did_change.emit(self.client_ref)

    def _saved(self, shown: int) -> None:
        if shown == self._notice_shown:
            self.notice.setVisible(False)
        if self.context is not None:
            self.context.events.dossier_did_change.emit(self.client_ref)

    def _save_failed(self, error: BaseException) -> None:
        log.warning("draft %s was not saved: %s", self.client_ref, type(error).__name__)
        if isinstance(error, DiskFullError):
            self._show_notice(error.message(self.lang))  # what happened and what to do
            return
        self._show_notice(t("journey.save_failed", self.lang))

    # --- attachments -----------------------------------------------------------------------------------
    def _wire_attachment(self, page: Page, box: AttachmentInput) -> None:
        """A file, the scanner's newest scan or a webcam photo: checked off the UI thread, kept sealed."""
        self.attachment_flows[page.id] = AttachmentFlow(self, page, box)

    # --- submitting ------------------------------------------------------------------------------------
    def _submit(self) -> None:
        if self.submitted:
            return
        declared, consented = self.check.declared()
        problems = self.journey.problems() + self.journey.declare(declared, consented)
        agent_id = self.agent()
        panel = self.check.consent_panel
        evidence = panel.evidence() if self.journey.consent_needed else None
        if agent_id is not None and self.journey.consent_needed and evidence is None:
            problems.append(FieldProblem(CONSENT, "agents.consent.missing"))
        if problems:
            self.check.show_problems(problems)
            return
        self.check.show_problems([])
        if self.context is None:
            return
        self.check.set_busy(True)
        ref, actor = self.client_ref, agent_id or self.actor
        contract = (self.journey.applicant(), self.journey.answers(), self.journey.delivery())
        stale = self.journey.stale_attachments()
        consent_at = datetime.now(UTC) if self.journey.consent_needed else None
        version = self.journey.procedure.version
        self.context.tasks.run_store(
            lambda store: submit_dossier(
                store, ref, contract, stale, consent_at, actor, version, evidence=evidence, agent_id=agent_id
            ),
            self._submitted,
            self._submit_failed,
        )

    def _submitted(self, result: tuple[Dossier, int]) -> None:
        dossier, queued = result
        self.submitted = True
        self.check.consent_panel.clear()  # the citizen's signature is kept sealed in the store only
        for attachment_id in self.journey.stale_attachments():
            self.journey.remove_attachment(attachment_id)
        self.confirmation.show_dossier(self.procedure, dossier, self.lang)
        self.stack.setCurrentWidget(self.confirmation)
        self.confirmation.arrive()
        if self.context is not None:
            self.context.events.dossier_did_change.emit(self.client_ref)
            self.context.events.queue_did_change.emit(queued)
        self.dossier_did_submit.emit(dossier)

    def _submit_failed(self, error: BaseException) -> None:
        log.warning("dossier %s was not queued: %s", self.client_ref, type(error).__name__)
        self.check.set_busy(False)
        if isinstance(error, DiskFullError):
            self.check.show_problems([FieldProblem(CHECK, error.key, dict(error.params))])
            return
        self.check.show_problems([FieldProblem(CHECK, "journey.submit_failed")])

    @staticmethod
    def _check_file(
        run: Callable[..., object],
        path: Path,
        ok: Callable[[Evidence], None],
        bad: Callable[[BaseException], None],
    ) -> None:
        run(lambda: check_authorization(path), ok, bad)

    def _dossier_changed(self, client_ref: str) -> None:
        """Sync delivered the dossier (or its status moved): reload it, so its code replaces the local ref."""
        if client_ref != self.client_ref or not self.submitted or self.context is None:
            return
        self.context.tasks.run_store(
            lambda store: store.get_dossier(client_ref),
            lambda dossier: self.confirmation.show_dossier(self.procedure, dossier, self.lang),
        )

    def _sent_now(self, summary: SyncSummary | None) -> None:
        """What the "Gửi ngay" round did, on the confirmation (the dossier's own change follows)."""
        if self.submitted:
            from ui.sync_runner import send_now_text

            self.confirmation.show_send_result(send_now_text(summary, self.lang))

    def _show_receipt(self) -> None:
        if self.context is None:
            return
        try:
            from ui.receipt import show_receipt
        except ImportError:
            self.confirmation.say(t("journey.done.receipt_unavailable", self.lang))
            return
        key = "receipt.later_note_self_service" if self.kind == SELF_SERVICE else "receipt.later_note"
        show_receipt(
            self,
            self.context,
            self.client_ref,
            self.lang,
            on_later=lambda: self.confirmation.say(t(key, self.lang)),
            **self.receipt_options,
        )


def _unmarked_part(kind: QuestionKind, raw: Raw) -> tuple[str, str]:
    """The text a soft question about marks is about: (the name, "name") or (the street, "address")."""
    if kind is QuestionKind.ADDRESS:
        street = raw.get("street") if isinstance(raw, dict) else None
        return (street.strip() if isinstance(street, str) else ""), "address"
    return (raw.strip() if isinstance(raw, str) else ""), "name"
