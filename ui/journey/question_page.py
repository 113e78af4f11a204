"""One question per page: progress, error summary, heading, hint, the input, "Quay lại" and "Tiếp tục"."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.answers import FieldProblem
from kiosk.catalog import QuestionKind
from kiosk.i18n import Lang, t
from kiosk.journey import CROSS_CHECK_KEYS, Page
from ui import focus_order
from ui.journey.inputs import AnswerInput, ChoiceInput
from ui.journey.parts import LinkButton
from ui.speech import ReadAloudButton, sentences
from ui.widgets import ScrollPage, button, clear_layout, forward_key, is_typing, label, panel, repolish


class ErrorSummary(QFrame):
    """ "Có lỗi cần sửa" and one link per problem; it takes focus so a screen reader reads it first."""

    link_activated = Signal(str, str)  # field (page id, declaration, consent), message key
    typed = Signal(QKeyEvent)  # a character or Backspace pressed while the summary has the focus

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "error-summary")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        self.title = label("", "h2")
        layout.addWidget(self.title)
        self.links_box = QVBoxLayout()
        self.links_box.setSpacing(4)
        layout.addLayout(self.links_box)
        self.links: list[QWidget] = []
        self.arrows_to_field = False  # options: Up/Down go to them (else they scroll the page)
        self.setVisible(False)

    def show_problems(self, problems: list[FieldProblem], lang: Lang) -> None:
        clear_layout(self.links_box)
        self.links = []
        self.title.setText(t("journey.error_summary", lang))
        for problem in problems:
            text = problem.message(lang)
            link = LinkButton(text)
            link.setObjectName(f"error-link-{problem.field}")
            link.clicked.connect(
                lambda _checked=False, f=problem.field, k=problem.key: self.link_activated.emit(f, k)
            )
            self.links_box.addWidget(link)
            self.links.append(link)
        messages = " ".join(p.message(lang) for p in problems)
        self.setAccessibleName(self.title.text())
        self.setAccessibleDescription(messages)
        self.setVisible(bool(problems))

    def clear(self) -> None:
        self.show_problems([], "vi")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # The summary takes the focus to be read first; a person who just goes on typing means the field.
        arrow = event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.arrows_to_field
        if is_typing(event) or arrow:
            self.typed.emit(event)
            event.accept()
            return
        super().keyPressEvent(event)


CONTINUE_KEYS = "Ctrl+Return"  # "Tiếp tục" from anywhere on a question page (docs/OPERATING.md)
CONTINUE_KEYPAD = "Ctrl+Enter"


class QuestionPage(ScrollPage):
    """Tab: the problems, the question, the answer, "Tiếp tục", "Quay lại" (focus_order). Enter in the
    answer continues; on the question or the problems it does nothing; buttons keep Enter for themselves."""

    continue_requested = Signal()
    back_requested = Signal()
    problem_link = Signal(str, str)  # a problem about a field on another page: field, key
    keep_requested = Signal()  # "Giữ nguyên": the name or street without marks is right as typed

    def __init__(self, page: Page, answer_input: AnswerInput, lang: Lang) -> None:
        super().__init__()
        assert page.question is not None
        self.page = page
        self.question = page.question
        self.input = answer_input
        self.setObjectName(f"page-{page.id}")
        self.back = button("", "link")
        self.back.setObjectName("journey-back")
        self.back.clicked.connect(self.back_requested.emit)
        self.progress = label("", "progress")
        self.read_aloud = ReadAloudButton()  # "Đọc to": ui/speech.py shows it where a voice exists
        self.progress.setObjectName("journey-progress")
        self.summary = ErrorSummary()
        self.summary.link_activated.connect(self._link)
        self.summary.typed.connect(self._type_into_field)
        self.summary.arrows_to_field = isinstance(answer_input, ChoiceInput)
        self.heading = label("", "h1")
        self.heading.setObjectName("journey-heading")
        # A stop of its own, the first after the problems: Tab and a screen reader meet the question
        # before the answer (focused on arrival: focus_first).
        self.heading.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.other_ways: list[QWidget] = []  # other ways to answer (add_action)
        self.hint = label("", "muted")
        self.note = label("", "muted")  # where an answer came from (a scanned CCCD) and what to check
        self.note.setObjectName("journey-note")
        self.note.setVisible(False)
        self._notes: list[tuple[str, dict[str, object]]] = []
        self.error = label("", "error")
        self.error.setObjectName("journey-field-error")
        self.error.setVisible(False)
        self.next_button = button("", "primary")
        self.next_button.setObjectName("journey-continue")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.continue_requested.emit)
        # Ctrl+Enter is "Tiếp tục" from anywhere on the page, a button included (Enter presses the
        # focused button): at a counter, past a document not handed over without Tab, Tab, Space.
        for keys in (CONTINUE_KEYS, CONTINUE_KEYPAD):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.next_button.click)
        top = QHBoxLayout()  # "Quay lại" on the left, "Đọc to" at the right: the same corner on every page
        top.addWidget(self.back, 0, Qt.AlignmentFlag.AlignLeft)
        top.addStretch(1)
        top.addWidget(self.read_aloud, 0, Qt.AlignmentFlag.AlignTop)
        self.body.addLayout(top)
        self.body.addWidget(self.progress)
        self.body.addWidget(self.summary)
        self.body.addWidget(self.heading)
        self.body.addWidget(self.hint)
        self.body.addWidget(self.note)
        self.body.addWidget(self.error)
        self.body.addWidget(answer_input)
        self._build_marks()
        self.body.addSpacing(12)
        row = QHBoxLayout()
        row.addWidget(self.next_button)
        row.addStretch(1)
        self.body.addLayout(row)
        self.body.addStretch(1)
        self._problems: list[FieldProblem] = []
        self.lang: Lang = lang
        self.retranslate(lang)

    def retranslate(self, lang: Lang) -> None:
        self.lang = lang
        question = self.question
        text = question.label.get(lang)
        optional = t("journey.optional", lang)
        if not question.required and optional not in text:
            text = f"{text} {optional}"
        self.heading.setText(text)
        self.heading.setAccessibleName(text)
        hint = question.hint.get(lang) if question.hint else ""
        if not hint and question.kind is QuestionKind.DATE:
            hint = t("journey.applicant.date_hint", lang)  # both ways to give a date, said once
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.back.setText(t("journey.back", lang))
        self.back.setAccessibleName(t("journey.back_name", lang))
        self.next_button.setText(t("journey.continue", lang))
        self.next_button.setAccessibleName(t("journey.continue_name", lang))
        self.input.setAccessibleName(text)
        self.input.setAccessibleDescription(hint)
        self.input.retranslate(lang)
        self._render_notes()
        self._render_marks()
        if self._problems:
            self._render_problems()

    def _build_marks(self) -> None:
        """The soft question for a name or street typed without marks: hidden until `ask_marks`."""
        self.marks, box = panel("journey-marks")
        self.marks_question = label("", "key")
        self.marks_question.setObjectName("journey-marks-question")
        self.marks_help = label("")
        self.keep_button = button("", "secondary")
        self.keep_button.setObjectName("journey-keep-as-typed")
        self.keep_button.clicked.connect(self.keep_requested.emit)
        box.addWidget(self.marks_question)
        box.addWidget(self.marks_help)
        box.addWidget(self.keep_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.marks.setVisible(False)
        self.body.addWidget(self.marks)
        self._marks: tuple[str, bool] | None = None  # ("name" or "address", self-service wording)

    def ask_marks(self, subject: str, *, self_service: bool) -> None:
        """Ask, on this page, how the name (`subject` "name") or address ("address") is written on the
        card; the person retypes it with marks, or presses "Giữ nguyên". The cursor goes back into it."""
        self._marks = (subject, self_service)
        self._render_marks()
        self.input.focus_for("journey.marks")
        QTimer.singleShot(0, self, self._show_marks)

    def _show_marks(self) -> None:
        """The question in view, and the box being retyped above it: at 200 % with the on-screen
        keyboard up, the box wins (what is typed must be seen); the rest is a scroll or a Tab away."""
        self.ensureWidgetVisible(self.marks, 0, 24)
        self._show_focus()

    def clear_marks(self) -> None:
        self._marks = None
        self._render_marks()

    def marks_asked(self) -> bool:
        return self._marks is not None

    def _render_marks(self) -> None:
        if self._marks is None:
            self.marks.setVisible(False)
            return
        subject, self_service = self._marks
        lang = self.lang
        question = t(f"journey.marks.{subject}", lang)
        help_text = t("journey.marks.help_self_service" if self_service else "journey.marks.help", lang)
        self.marks_question.setText(question)
        self.marks_help.setText(help_text)
        self.marks.setAccessibleName(question)
        self.marks.setAccessibleDescription(help_text)
        self.keep_button.setText(t("journey.marks.keep", lang))
        self.keep_button.setAccessibleName(t("journey.marks.keep_name", lang))
        self.marks.setVisible(True)

    def set_notes(self, notes: list[tuple[str, dict[str, object]]]) -> None:
        """Messages (key, params) under the hint, e.g. "Điền từ thẻ CCCD"; retranslated with the page."""
        self._notes = list(notes)
        self._render_notes()

    def _render_notes(self) -> None:
        text = "\n".join(t(key, self.lang, **params) for key, params in self._notes)
        self.note.setText(text)
        self.note.setAccessibleName(text)
        self.note.setVisible(bool(text))

    def add_action(self, widget: QWidget) -> None:
        """Another way to answer (e.g. "Quét thẻ CCCD"), placed above the heading."""
        self.body.insertWidget(self.body.indexOf(self.heading), widget, 0, Qt.AlignmentFlag.AlignLeft)
        self.other_ways.append(widget)

    def focus_order(self) -> list[QWidget]:
        """The page's Tab stops (the window adds the session's and the header's after them): "Đọc to"
        (at the top), the problems, the question, another way to answer, the answer, then "Tiếp tục"
        and "Quay lại"."""
        top = [self.read_aloud, self.summary, *self.summary.links, self.heading, *self.other_ways]
        keep = [self.keep_button] if self._marks is not None else []
        return focus_order.around(
            self, [*top, *self.input.focus_order(), *keep], [self.next_button, self.back]
        )

    def spoken_text(self, lang: Lang) -> str:
        """What "Đọc to" reads, from the strings shown: the problems, the question, its hint and note,
        the choices."""
        parts = []
        if self._problems:
            messages = sentences(problem.message(lang) for problem in self._problems)
            parts.append(t("speech.errors", lang, title=t("journey.error_summary", lang), messages=messages))
        parts += [label.text() for label in (self.heading, self.hint, self.note) if not label.isHidden()]
        if self._marks is not None:
            parts += [self.marks_question.text(), self.marks_help.text()]
        if isinstance(self.input, ChoiceInput):
            options = ", ".join(radio.text() for _raw, radio in self.input.buttons)
            parts.append(t("speech.options", lang, options=options))
        return sentences(parts)

    def set_progress(self, progress: tuple[int, int] | None) -> None:
        if progress is None:
            self.progress.setVisible(False)
            return
        index, total = progress
        self.progress.setText(t("journey.progress", self.lang, index=index, total=total))
        self.progress.setVisible(True)

    def arrive(self) -> None:
        self.verticalScrollBar().setValue(0)
        if self._problems:
            self.summary.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.input.focus_first()
        # At 200 % the box with the cursor can sit below the screen: bring it into view, or what the
        # person types goes where they cannot see it (the heading may scroll up a little). Once the
        # page has its size: it has just been put on screen.
        QTimer.singleShot(0, self, self._show_focus)

    def _show_focus(self) -> None:
        focused = QApplication.focusWidget()
        if focused is not None and self.isVisible() and self.isAncestorOf(focused):
            self.ensureWidgetVisible(focused, 0, 24)

    def show_problems(self, problems: list[FieldProblem]) -> None:
        """Summary at the top, the message beside the field, focus on the summary; typed text stays."""
        self._problems = list(problems)
        self._render_problems()
        self.verticalScrollBar().setValue(0)
        self.summary.setFocus(Qt.FocusReason.OtherFocusReason)

    def _render_problems(self) -> None:
        self.summary.show_problems(self._problems, self.lang)
        here = self._here()
        if here:
            self.error.setText(t("journey.error_prefix", self.lang, message=here[0].message(self.lang)))
        self.error.setVisible(bool(here))
        self.input.setProperty("invalid", bool(here))
        for edit in self.input.findChildren(QLineEdit):
            repolish(edit)

    def clear_problems(self) -> None:
        self._problems = []
        self.summary.clear()
        self._render_problems()

    def problems(self) -> list[FieldProblem]:
        return list(self._problems)

    def _here(self) -> list[FieldProblem]:
        """The problems to show beside this page's field: its own, else those about the answer here and
        another one together (the CCCD number against this date of birth), fixed here as well as there."""
        own = [p for p in self._problems if p.field == self.page.id]
        return own or [p for p in self._problems if p.key in CROSS_CHECK_KEYS]

    def _type_into_field(self, event: QKeyEvent) -> None:
        """What was typed on the summary goes into this page's field with a problem, and the focus too."""
        here = self._here()
        if not here:
            return
        self.input.focus_for(here[0].key)
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            return  # into the options, on the one chosen or the first; the next arrow moves the choice
        target = QApplication.focusWidget()
        if target is not None and target is not self.summary:
            forward_key(event, target)

    def _link(self, field: str, key: str) -> None:
        if field == self.page.id:
            self.input.focus_for(key)
        else:
            self.problem_link.emit(field, key)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Only from the answer: on the question or the problems, someone counting Tab presses who
            # is one short would otherwise send the page on (buttons never pass Enter up to here).
            focused = QApplication.focusWidget()
            in_answer = focused is not None and (focused is self.input or self.input.isAncestorOf(focused))
            if in_answer and not event.isAutoRepeat():
                self.continue_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)
