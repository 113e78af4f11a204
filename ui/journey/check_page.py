"""Check answers ("Kiểm tra lại thông tin"): each answer with "Sửa", documents, fee, declaration, submit."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.answers import FieldProblem
from kiosk.errors import KioskError
from kiosk.fees import procedure_quote, quote_text
from kiosk.i18n import Lang, t
from kiosk.journey import CONSENT, DECLARATION, Journey
from ui import focus_order
from ui.consent import ConsentPanel
from ui.journey.parts import WrappedCheck
from ui.journey.question_page import ErrorSummary
from ui.speech import ReadAloudButton, sentences
from ui.widgets import ScrollPage, bullet, button, clear_layout, label


class CheckPage(ScrollPage):
    """Rebuilt from the journey each time it is shown; the submit button names the action."""

    change_requested = Signal(str)  # page id
    fix_requested = Signal(object)  # a problem's link: the FieldProblem, fixed on its own page and field
    submit_requested = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page-check")
        self.lang: Lang = "vi"
        self.back = button("", "link")
        self.back.setObjectName("journey-back")
        self.back.clicked.connect(self.back_requested.emit)
        self.read_aloud = ReadAloudButton()  # "Đọc to": ui/speech.py shows it where a voice exists
        self.summary = ErrorSummary()
        self.summary.link_activated.connect(self._link)
        self.heading = label("", "h1")
        self.heading.setObjectName("journey-heading")
        # Focused on arrival (arrive), and a Tab stop as a question's heading is: the page's first.
        self.heading.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.intro = label("")
        self.rows = QWidget()
        self.grid = QGridLayout(self.rows)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(20)
        self.grid.setVerticalSpacing(10)
        self.grid.setColumnStretch(1, 1)
        self.docs_heading = label("", "h2")
        self.docs = QWidget()
        self.docs_layout = QVBoxLayout(self.docs)
        self.docs_layout.setContentsMargins(0, 0, 0, 0)
        self.fee = label("")
        self.fee.setObjectName("check-fee")
        self.declaration_heading = label("", "h2")
        self.declaration = WrappedCheck("check-declaration")
        self.consent = WrappedCheck("check-consent")
        # The citizen's signature or authorization, while an agent files for them (ui/consent.py).
        self.consent_panel = ConsentPanel()
        self.consent_panel.setVisible(False)
        self.evidence_needed = False
        self.status = label("", "muted")
        self.submit = button("", "primary")
        self.submit.setObjectName("journey-submit")
        self.submit.setDefault(True)
        self.submit.clicked.connect(self.submit_requested.emit)
        top = QHBoxLayout()  # "Quay lại" on the left, "Đọc to" at the right, as on the questions
        top.addWidget(self.back, 0, Qt.AlignmentFlag.AlignLeft)
        top.addStretch(1)
        top.addWidget(self.read_aloud, 0, Qt.AlignmentFlag.AlignTop)
        self.body.addLayout(top)
        for widget in (
            self.summary,
            self.heading,
            self.intro,
            self.rows,
            self.docs_heading,
            self.docs,
            self.fee,
            self.declaration_heading,
            self.declaration,
            self.consent,
            self.consent_panel,
            self.status,
        ):
            self.body.addWidget(widget)
        row = QHBoxLayout()
        row.addWidget(self.submit)
        row.addStretch(1)
        self.body.addLayout(row)
        self.body.addStretch(1)
        self.change_links: dict[str, QWidget] = {}
        self.value_labels: dict[str, QLabel] = {}
        self._problems: list[FieldProblem] = []
        self._journey: Journey | None = None

    def show_journey(self, journey: Journey, lang: Lang) -> None:
        self._journey, self.lang = journey, lang
        self.back.setText(t("journey.back", lang))
        self.back.setAccessibleName(t("journey.back_name", lang))
        self.heading.setText(t("journey.check.heading", lang))
        self.heading.setAccessibleName(self.heading.text())
        self.intro.setText(t("journey.check.intro", lang))
        clear_layout(self.grid)
        self.change_links = {}
        self.value_labels = {}
        for row, (page_id, text, shown) in enumerate(journey.check_rows(lang)):
            fixed = page_id in journey.fixed  # set by a liên thông bundle: shown, never changed here
            key = label(text, "key")
            value = label(t("bundle.preset", lang, value=shown) if fixed else shown)
            value.setObjectName(f"check-value-{page_id}")
            self.grid.addWidget(key, row, 0, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(value, row, 1, Qt.AlignmentFlag.AlignTop)
            self.value_labels[page_id] = value
            if fixed:
                continue
            change = button(t("journey.check.change", lang), "link")
            change.setObjectName(f"change-{page_id}")
            change.setAccessibleName(t("journey.check.change_name", lang, label=text))
            change.clicked.connect(lambda _checked=False, p=page_id: self.change_requested.emit(p))
            self.grid.addWidget(change, row, 2, Qt.AlignmentFlag.AlignTop)
            self.change_links[page_id] = change
        # The links' column keeps their full width: the wrapping question and answer give way, never "Sửa".
        for link in self.change_links.values():
            link.ensurePolished()  # sized with the stylesheet's padding and border
        widest = max((link.sizeHint().width() for link in self.change_links.values()), default=0)
        self.grid.setColumnMinimumWidth(2, widest)
        self.docs_heading.setText(t("journey.check.attachments", lang))
        clear_layout(self.docs_layout)
        files = journey.attachments()
        if not files:
            self.docs_layout.addWidget(label(t("journey.check.no_attachments", lang)))
        for info in files:
            self.docs_layout.addWidget(bullet(info.filename))
        self.fee.setText(f"{t('journey.check.fee', lang)}: {self.fee_line(journey, lang)}")
        self.declaration_heading.setText(t("journey.check.declaration_heading", lang))
        self.declaration.set_text(t("journey.check.declaration", lang))
        self.consent.set_text(t("journey.check.consent", lang))
        self.consent.setVisible(journey.consent_needed)
        self.consent_panel.retranslate(lang)
        signing = journey.consent_needed and self.evidence_needed
        self.consent_panel.setVisible(signing)
        self.draws_under_a_finger(signing)  # a finger on the signature box must not scroll the page
        self.submit.setText(t("journey.check.submit", lang))
        self.submit.setAccessibleName(self.submit.text())
        self.status.setVisible(False)
        if self._problems:
            self.summary.show_problems(self._problems, lang)

    @staticmethod
    def fee_line(journey: Journey, lang: Lang) -> str:
        """This dossier's fee from its answers (kiosk.fees: the figure the receipt and the VietQR code
        carry); a fee without rules adds the procedure's note (late registration, set by the province)."""
        proc = journey.procedure
        try:
            text = quote_text(proc, procedure_quote(proc, journey.answers()), lang)
        except KioskError as err:
            text = err.message(lang)
        worked_out = bool(proc.fee.inputs or proc.fee.online)  # the line says it all; no rule to repeat
        return f"{text}. {proc.fee.note.get(lang)}" if proc.fee.note and not worked_out else text

    def focus_order(self) -> list[QWidget]:
        """Tab goes down the page as it reads (the rows and links are rebuilt each time it is shown),
        then to its own actions, "Nộp hồ sơ" and "Quay lại"; the window adds the session and header."""
        return focus_order.around(
            self,
            [
                self.read_aloud,
                self.summary,
                *self.summary.links,
                self.heading,
                *self.change_links.values(),
                self.declaration.box,
                self.consent.box,
                *self.consent_panel.focus_order(),
            ],
            [self.submit, self.back],
        )

    def spoken_text(self, lang: Lang) -> str:
        """What "Đọc to" reads, from the strings shown: the problems, the heading, each question with
        its answer (the person asked to hear them), the fee and the declaration."""
        parts = []
        if self._problems:
            messages = sentences(problem.message(lang) for problem in self._problems)
            parts.append(t("speech.errors", lang, title=t("journey.error_summary", lang), messages=messages))
        parts += [self.heading.text(), self.intro.text()]
        for row in range(self.grid.rowCount()):
            question, answer = (self.grid.itemAtPosition(row, column) for column in (0, 1))
            if question is None or answer is None:
                continue
            asked, given = (item.widget() for item in (question, answer))
            if isinstance(asked, QLabel) and isinstance(given, QLabel):
                shown = given.text() or t("speech.no_answer", lang)
                parts.append(t("speech.answer", lang, question=asked.text().rstrip(":?"), answer=shown))
        parts += [self.fee.text(), self.declaration.text.text()]
        if not self.consent.isHidden():
            parts.append(self.consent.text.text())
        return sentences(parts)

    def arrive(self, at: str | None = None) -> None:
        """At the top, focus on the heading (or on the problems): Enter then submits, as it continued every
        question before; with the focus on "Quay lại", Enter pressed through the questions bounced back.

        `at`: back from "Sửa" on that answer: its row in view and its "Sửa" focused, where the person was
        (not the top of a long page)."""
        self.verticalScrollBar().setValue(0)
        link = self.change_links.get(at) if at is not None and not self._problems else None
        if link is not None:
            self.body.activate()  # the rows were just rebuilt: place them before scrolling to one
            self.ensureWidgetVisible(link, 0, self.viewport().height() // 3)
            link.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self._problems:
            self.summary.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.heading.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_problems(self, problems: list[FieldProblem]) -> None:
        self._problems = list(problems)
        self.summary.show_problems(self._problems, self.lang)
        self.verticalScrollBar().setValue(0)
        if problems:
            self.summary.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_busy(self, busy: bool) -> None:
        self.submit.setEnabled(not busy)
        self.status.setText(t("journey.check.submitting", self.lang) if busy else "")
        self.status.setVisible(busy)

    def declared(self) -> tuple[bool, bool]:
        return self.declaration.isChecked(), self.consent.isChecked()

    def _link(self, field: str, key: str) -> None:
        if key == "agents.consent.missing":  # the citizen's signature (or authorization) is what is missing
            self.consent_panel.pad.setFocus(Qt.FocusReason.OtherFocusReason)  # the window scrolls to it
            return
        if field in (DECLARATION, CONSENT):
            check = self.declaration if field == DECLARATION else self.consent
            check.box.setFocus(Qt.FocusReason.OtherFocusReason)
            self.ensureWidgetVisible(check)  # the box and its sentence, down at the foot of the page
        else:
            problem = next((p for p in self._problems if p.field == field and p.key == key), None)
            self.fix_requested.emit(problem or FieldProblem(field, key))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter on a checkbox or the page submits, as on a question page; buttons keep Enter themselves.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.isAutoRepeat():
            self.submit_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)
