"""Reuse within a citizen's session: ask once, then prefill a new journey with what they already gave.

What a filed dossier said (applicant, answers) is kept in memory only (kiosk.session_data) until the
session ends ("Người tiếp theo", the privacy timeout). The next journey asks "Dùng lại thông tin đã khai
cho hồ sơ này?" once; after a yes, every new journey of the session opens with those answers filled in
through the same path as a scanned CCCD card, each page saying "Đã điền từ hồ sơ trước — có thể sửa".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QWidget

from kiosk.i18n import Lang, t
from kiosk.journey import Raw, raw_of
from kiosk.session_data import SessionMemory
from ui.privacy import Dialog

if TYPE_CHECKING:
    from kiosk.store import Dossier
    from ui.journey import JourneyView
    from ui.main_window import MainWindow

MARK: tuple[str, dict[str, object]] = ("reuse.mark", {})


class ReuseDialog(Dialog):
    """ "Dùng lại thông tin đã khai cho hồ sơ này?" with what would be filled in, "Có" / "Không"."""

    def __init__(self, parent: QWidget, lang: Lang, fields: list[str]) -> None:
        text = t("reuse.ask_text", lang, fields="; ".join(fields))
        super().__init__(parent, t("reuse.ask_title", lang), text)
        self.setObjectName("reuse-dialog")
        self.yes = self.add_button(t("reuse.yes", lang), "primary")
        self.yes.setObjectName("reuse-yes")
        self.no = self.add_button(t("reuse.no", lang), "link")
        self.no.setObjectName("reuse-no")
        self.yes.clicked.connect(self.accept)
        self.no.clicked.connect(self.reject)

    def open(self) -> None:
        super().open()
        self.yes.setFocus(Qt.FocusReason.OtherFocusReason)


class ReuseController(QObject):
    """Remembers each filed dossier of the session; offers it to the next journey, with consent."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.memory = SessionMemory()
        self.dialog: ReuseDialog | None = None
        window.journey_did_open.connect(self.journey_opened)
        if window.context is not None:
            window.context.events.session_did_end.connect(self.forget)

    def forget(self) -> None:
        """The session ended: nothing the last citizen gave is offered to anyone."""
        self.memory.forget()
        if self.dialog is not None:
            self.dialog.reject()
            self.dialog = None

    def journey_opened(self, view: JourneyView) -> None:
        if not view.property("reuse-wired"):
            view.setProperty("reuse-wired", True)
            view.dossier_did_submit.connect(lambda dossier, v=view: self.remember(v, dossier))
        later_member = view.member is not None and view.member.asked_in is not None
        if view.resumed or view.submitted or later_member:
            return  # a draft has its own answers; a bundle member gets the bundle's
        if self.memory.should_ask(view.procedure):
            self._ask(view)
        elif self.memory.consent:
            self.prefill(view)

    def remember(self, view: JourneyView, dossier: Dossier) -> None:
        self.memory.remember(view.procedure, dossier.applicant, dossier.answers)

    def _ask(self, view: JourneyView) -> None:
        lang = self.window.lang
        offer = self.memory.offer_for(view.procedure)
        fields = []
        for page_id in offer.page_ids:
            question = view.journey.page(page_id).question
            if question is not None:
                fields.append(question.label.get(lang))
        dialog = ReuseDialog(self.window, lang, fields)
        self.dialog = dialog

        def answered(result: int) -> None:
            self.dialog = None
            self.memory.consent = result == Dialog.DialogCode.Accepted.value
            if self.memory.consent and self.window.journey is view:
                self.prefill(view)

        dialog.finished.connect(answered)
        dialog.open()

    def prefill(self, view: JourneyView) -> None:
        """Fill the pages still empty with the session's answers, each marked as prefilled."""
        reuse = self.memory.prefill_for(view.procedure)
        raws: dict[str, Raw] = {}
        values = {**{f"applicant.{k}": v for k, v in reuse.applicant.items()}, **reuse.answers}
        for page_id, value in values.items():
            question = view.journey.page(page_id).question
            if question is None or view.journey.value(page_id) is not None:
                continue  # already answered here (a scanned card, the bundle): that answer stays
            raws[page_id] = raw_of(question, value)
        if not raws:
            return
        notes = {**view.card_notes, **{page_id: [MARK] for page_id in raws}}  # keep the bundle's notes
        view.fill_from_card(raws, notes, None)
        view.show_current()


def install_reuse(window: MainWindow) -> ReuseController:
    return ReuseController(window)
