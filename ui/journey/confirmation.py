"""Confirmation: the reference (local until sync delivers the dossier code), what next, when, how to track."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.catalog import Procedure
from kiosk.i18n import Lang, t
from kiosk.receipt import payment_of
from kiosk.rules.dates import format_date
from kiosk.store import Dossier, DossierState
from ui.payment import PaymentPanel
from ui.rating import RatingPanel
from ui.speech import ReadAloudButton, sentences
from ui.widgets import FlowLayout, ScrollPage, button, label

VIETNAM = timezone(timedelta(hours=7), "ICT")


def _due_text(due_at: object) -> str | None:
    if not isinstance(due_at, str) or not due_at:
        return None
    try:
        when = datetime.fromisoformat(due_at.replace("Z", "+00:00"))
    except ValueError:
        return None
    local = when.astimezone(VIETNAM) if when.tzinfo else when
    return format_date(local.date())


class ConfirmationPage(ScrollPage):
    """Shown once the dossier is queued; `show_dossier` again whenever the dossier changes."""

    receipt_requested = Signal()
    send_now_requested = Signal()  # "Gửi ngay" (agents, volunteers): a sync round at once
    next_person_requested = Signal()
    home_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page-confirmation")
        self.read_aloud = ReadAloudButton()  # "Đọc to": ui/speech.py shows it where a voice exists
        self.heading = label("", "h1")
        self.heading.setObjectName("journey-heading")
        # Focused on arrival (arrive), as the check page's heading is: the focus on "Xem và in biên nhận"
        # scrolled the page to its end, and the person did not see "Đã nhận hồ sơ" nor the reference.
        self.heading.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.ref_caption = label("", "key")
        self.reference = label("", "reference", wrap=False)
        self.reference.setObjectName("confirmation-reference")
        self.reference.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state = label("")
        self.state.setObjectName("confirmation-state")
        # "Gửi ngay" while the dossier waits (agents and volunteers: `can_send_now`), and what it did.
        self.can_send_now = False
        self.send_now = button("", "secondary")
        self.send_now.setObjectName("confirmation-send-now")
        self.send_now.clicked.connect(self._send_pressed)
        self.send_result = label("")
        self.send_result.setObjectName("confirmation-send-result")
        self._sending = False
        self.next_heading = label("", "h2")
        self.next_text = label("")
        self.when_heading = label("", "h2")
        self.processing = label("")
        self.due = label("")
        self.due.setObjectName("confirmation-due")
        self.delivery = label("")
        self.track_heading = label("", "h2")
        self.track = label("")
        self.payment = PaymentPanel()  # the fee's VietQR code, once the portal has named a payee
        self.rating = RatingPanel()  # five faces, one tap (ui/rating.py)
        self.receipt = button("", "primary")
        self.receipt.setObjectName("confirmation-receipt")
        self.next_person = button("", "secondary")
        self.next_person.setObjectName("confirmation-next-person")
        self.home = button("", "link")
        self.home.setObjectName("confirmation-home")
        self.receipt.clicked.connect(self.receipt_requested.emit)
        self.next_person.clicked.connect(self.next_person_requested.emit)
        self.home.clicked.connect(self.home_requested.emit)
        self.notice = label("", "error")
        self.notice.setVisible(False)
        top = QHBoxLayout()  # "Đọc to" at the right of the heading, in the corner it has on the questions
        top.addWidget(self.heading, 1)
        top.addWidget(self.read_aloud, 0, Qt.AlignmentFlag.AlignTop)
        self.body.addLayout(top)
        self.body.addWidget(self.ref_caption)
        self.body.addWidget(self.reference, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(self.state)
        self.body.addWidget(self.send_now, 0, Qt.AlignmentFlag.AlignLeft)
        for widget in (
            self.send_result,
            self.next_heading,
            self.next_text,
            self.when_heading,
            self.processing,
            self.due,
            self.delivery,
            self.payment,
            self.track_heading,
            self.track,
            self.notice,
            self.rating,
        ):
            self.body.addWidget(widget)
        self.body.addSpacing(12)
        actions = QWidget()  # side by side while they fit, else on the next line: never cut off at 200 %
        row = FlowLayout(actions, spacing=16)
        for action in (self.receipt, self.next_person, self.home):
            row.addWidget(action)
        self.body.addWidget(actions)
        self.body.addStretch(1)
        self.dossier: Dossier | None = None
        self.procedure: Procedure | None = None
        self.lang: Lang = "vi"

    def show_dossier(self, procedure: Procedure, dossier: Dossier, lang: Lang) -> None:
        if self.dossier is None or dossier.client_ref != self.dossier.client_ref:  # another dossier
            self._sending = False
            self.send_result.setText("")
        self.procedure, self.dossier, self.lang = procedure, dossier, lang
        receipt = dossier.receipt or {}
        code = dossier.dossier_code or receipt.get("dossier_code")
        attention = not code and dossier.state == DossierState.NEEDS_ATTENTION
        # "Đã nhận hồ sơ" only once the portal has it: before, the office has received nothing yet.
        if code:
            heading_key = "journey.done.heading"
        else:
            heading_key = "done.attention_heading" if attention else "done.waiting_heading"
        self.heading.setText(t(heading_key, lang))
        self.heading.setAccessibleName(self.heading.text())
        self.ref_caption.setText(
            t("journey.done.code_label" if code else "journey.done.local_ref_label", lang)
        )
        self.reference.setText(str(code) if code else dossier.local_ref)
        self.reference.setAccessibleName(f"{self.ref_caption.text()}: {self.reference.text()}")
        if code:
            state = "journey.done.sent"
        else:
            state = "tracking.view.needs_attention" if attention else "journey.done.queued"
        self.state.setText(t(state, lang))
        waiting = not code and dossier.state == DossierState.QUEUED
        self.send_now.setVisible(self.can_send_now and waiting)
        self.send_now.setText(t("journey.done.sending" if self._sending else "journey.done.send_now", lang))
        self.send_now.setAccessibleName(t("journey.done.send_now_name", lang))
        if not waiting:
            self._sending = False
            self.send_result.setText("")
        self.send_result.setVisible(bool(self.send_result.text()))
        self.next_heading.setText(t("journey.done.next_heading", lang))
        # The office looks at it once it has it: while it waits, the next step is sending it.
        self.next_text.setText(t("journey.done.next" if code else "journey.done.next_waiting", lang))
        self.when_heading.setText(t("journey.done.when_heading", lang))
        self.processing.setText(t("journey.done.processing", lang, time=procedure.processing_time.get(lang)))
        due = _due_text(receipt.get("due_at"))
        self.due.setText(t("journey.done.due", lang, date=due) if due else "")
        self.due.setVisible(due is not None)
        post = (dossier.delivery or {}).get("method") == "post"
        self.delivery.setText(t("journey.done.post" if post else "journey.done.pickup", lang))
        self.track_heading.setText(t("journey.done.track_heading", lang))
        self.track.setText(t("journey.done.track", lang))
        self.payment.show_payment(payment_of(receipt) if code else None, lang)
        self.rating.show_for(dossier.client_ref, lang)
        for action, key in (
            (self.receipt, "journey.done.receipt"),
            (self.next_person, "journey.done.next_person"),
            (self.home, "journey.done.home"),
        ):
            action.setText(t(key, lang))
            action.setAccessibleName(action.text())
        for heading in (self.next_heading, self.when_heading, self.track_heading):
            heading.setAccessibleName(heading.text())

    def spoken_text(self, lang: Lang) -> str:
        """What "Đọc to" reads, from the strings shown: the heading, the reference (one character at a
        time, as it is written down), what happens next, when, and how to track the dossier."""
        spelled = ", ".join(" ".join(part) for part in self.reference.text().split("-"))
        reference = t("speech.reference", lang, caption=self.ref_caption.text(), reference=spelled)
        labels = [self.state, self.next_heading, self.next_text, self.when_heading, self.processing]
        labels += [self.due, self.delivery, self.track_heading, self.track, self.notice]
        shown = [label.text() for label in labels if not label.isHidden()]
        return sentences([self.heading.text(), reference, *shown])

    def say(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _send_pressed(self) -> None:
        if not self._sending:
            self.send_now_requested.emit()

    def sending(self) -> None:
        """A "Gửi ngay" round is under way (whoever pressed it): say so until its result."""
        if self.dossier is None or not self.send_now.isVisibleTo(self):
            return
        self._sending = True  # the button stays enabled (its focus stays put); a press now does nothing
        self.send_now.setText(t("journey.done.sending", self.lang))
        self.send_result.setText(t("journey.done.sending_text", self.lang))
        self.send_result.setVisible(True)

    def show_send_result(self, text: str) -> None:
        """What the "Gửi ngay" round did (sent, or still waiting and why)."""
        if not self._sending:
            return
        self._sending = False
        self.send_now.setText(t("journey.done.send_now", self.lang))
        self.send_result.setText(text)
        self.send_result.setAccessibleName(text)
        self.send_result.setVisible(bool(text) and self.send_now.isVisibleTo(self))

    def arrive(self) -> None:
        self.verticalScrollBar().setValue(0)
        self.heading.setFocus(Qt.FocusReason.OtherFocusReason)
