"""How a terminal is used: the first-run mode page, the operator PIN, and the operator's way out.

A self-service terminal is locked to the citizen's flow; an operator leaves it with Ctrl+Alt+Shift+O and
the PIN (docs/OPERATING.md). The PIN's scrypt hash is checked on the store worker, never kept in memory.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from kiosk.config import MODES, SELF_SERVICE, Mode
from kiosk.errors import KioskError
from kiosk.i18n import Lang, t
from kiosk.session import PIN_MIN_DIGITS, Attempts, check_new_pin
from ui.privacy import Dialog
from ui.widgets import Card, ScrollPage, button, label

OPERATOR_SHORTCUT = "Ctrl+Alt+Shift+O"


def pin_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData)
    field.setMaxLength(32)
    field.setAccessibleName(name)
    return field


class ModePage(ScrollPage):
    """ "Máy này được dùng thế nào?": three large choices, each with who it is for."""

    mode_chosen = Signal(str)

    def __init__(self, lang: Lang, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = label("", "h1")
        self.intro = label("")
        self.body.addWidget(self.heading)
        self.body.addWidget(self.intro)
        self.cards: dict[Mode, Card] = {}
        self._lang: Lang = lang
        self.body.addStretch(1)
        self.retranslate(lang)

    def retranslate(self, lang: Lang) -> None:
        self._lang = lang
        self.heading.setText(t("session.mode.heading", lang))
        self.heading.setAccessibleName(self.heading.text())
        self.intro.setText(t("session.mode.intro", lang))
        for index, mode in enumerate(MODES):
            title, detail = t(f"session.mode.{mode}", lang), t(f"session.mode.{mode}_detail", lang)
            card = self.cards.get(mode)
            if card is None:
                card = Card(title, [detail])
                card.setObjectName(f"mode-{mode}")
                card.clicked.connect(lambda _checked=False, m=mode: self.mode_chosen.emit(m))
                self.body.insertWidget(2 + index, card)
                self.cards[mode] = card
            else:  # in place: the person keeps their focus when switching the language
                card.title.setText(title)
                card.findChildren(QLabel)[-1].setText(detail)
                card.setAccessibleName(title)
                card.setAccessibleDescription(detail)

    def arrive(self) -> None:
        self.cards[MODES[0]].setFocus(Qt.FocusReason.OtherFocusReason)


class PinSetupPage(ScrollPage):
    """The operator sets the self-service PIN: at least 6 digits, typed twice."""

    pin_chosen = Signal(str)
    back_requested = Signal()

    def __init__(self, lang: Lang, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.back = button("", "link")
        self.heading = label("", "h1")
        self.intro = label("")
        self.first_label = label("")
        self.first = pin_field("")
        self.second_label = label("")
        self.second = pin_field("")
        self.error = label("", "error")
        self.error.setVisible(False)
        self.save = button("", "primary")
        self.first_label.setBuddy(self.first)
        self.second_label.setBuddy(self.second)
        self.body.addWidget(self.back, 0, Qt.AlignmentFlag.AlignLeft)
        for widget in (self.heading, self.intro, self.error, self.first_label, self.first):
            self.body.addWidget(widget)
        for widget in (self.second_label, self.second):
            self.body.addWidget(widget)
        self.body.addWidget(self.save, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addStretch(1)
        self.back.clicked.connect(self.back_requested.emit)
        self.save.clicked.connect(self._submit)
        self.first.returnPressed.connect(self.second.setFocus)
        self.second.returnPressed.connect(self._submit)
        self._lang: Lang = lang
        self.retranslate(lang)

    def retranslate(self, lang: Lang) -> None:
        self._lang = lang
        self.back.setText(t("ui.back", lang))
        self.back.setAccessibleName(t("ui.back_name", lang))
        self.heading.setText(t("session.pin.heading", lang))
        self.heading.setAccessibleName(self.heading.text())
        self.intro.setText(t("session.pin.intro", lang, digits=PIN_MIN_DIGITS))
        self.first_label.setText(t("session.pin.first", lang))
        self.first.setAccessibleName(self.first_label.text())
        self.second_label.setText(t("session.pin.second", lang))
        self.second.setAccessibleName(self.second_label.text())
        self.save.setText(t("session.pin.save", lang))
        self.save.setAccessibleName(self.save.text())

    def arrive(self) -> None:
        self.first.clear()
        self.second.clear()
        self.error.setVisible(False)
        self.first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _submit(self) -> None:
        try:
            pin = check_new_pin(self.first.text(), self.second.text())
        except KioskError as problem:
            self.error.setText(problem.message(self._lang))
            self.error.setVisible(True)
            self.second.clear()
            self.first.selectAll()
            self.first.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.first.clear()
        self.second.clear()
        self.error.setVisible(False)
        self.pin_chosen.emit(pin)


class PinDialog(Dialog):
    """The operator types the PIN to leave self-service; wrong PINs are counted and paused (`Attempts`)."""

    pin_entered = Signal(str)

    def __init__(self, parent: QWidget, lang: Lang, attempts: Attempts) -> None:
        super().__init__(parent, t("session.exit.title", lang), t("session.exit.text", lang))
        self.lang: Lang = lang
        self.attempts = attempts
        self.field = pin_field(t("session.exit.field", lang))
        self.message = label("", "error")
        self.message.setVisible(False)
        self.column.insertWidget(2, self.field)
        self.column.insertWidget(3, self.message)
        self.ok = self.add_button(t("session.exit.open", lang), "primary")
        self.cancel = self.add_button(t("session.exit.cancel", lang), "link")
        self.ok.clicked.connect(self._submit)
        self.field.returnPressed.connect(self._submit)
        self.cancel.clicked.connect(self.reject)
        self._update_lock()

    def open(self) -> None:
        super().open()
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _submit(self) -> None:
        if not self.attempts.allowed_now():
            self._update_lock()
            return
        pin = self.field.text()
        self.field.clear()
        if pin:
            self.ok.setEnabled(False)  # until the store worker has checked it
            self.pin_entered.emit(pin)

    def show_wrong(self) -> None:
        self.attempts.failed()
        self.ok.setEnabled(True)
        if self.attempts.allowed_now():
            text = t("session.exit.wrong", self.lang, tries=self.attempts.tries_left())
            self.message.setText(text)
            self.message.setVisible(True)
        self._update_lock()
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_lock(self) -> None:
        wait = self.attempts.wait_left().total_seconds()
        locked = wait > 0
        self.field.setEnabled(not locked)
        self.ok.setEnabled(not locked)
        if locked:
            minutes = max(1, round(wait / 60)) if wait >= 60 else 0
            text = (
                t("session.exit.locked_minutes", self.lang, minutes=minutes)
                if minutes
                else t("session.exit.locked_seconds", self.lang, seconds=int(wait) or 1)
            )
            self.message.setText(text)
            self.message.setVisible(True)


class OperatorPage(ScrollPage):
    """What an operator can do on a terminal: change how it is used, change the PIN, close the app."""

    change_mode = Signal()
    change_pin = Signal()
    back_requested = Signal()
    quit_requested = Signal()

    def __init__(self, lang: Lang, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = label("", "h1")
        self.current = label("")
        self.body.addWidget(self.heading)
        self.body.addWidget(self.current)
        self.mode_button = button("", "primary")
        self.pin_button = button("", "primary")
        self.back_button = button("", "link")
        self.quit_button = button("", "link")
        for widget, signal in (
            (self.mode_button, self.change_mode),
            (self.pin_button, self.change_pin),
            (self.back_button, self.back_requested),
            (self.quit_button, self.quit_requested),
        ):
            self.body.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft)
            widget.clicked.connect(signal.emit)
        self.body.addStretch(1)
        self._lang: Lang = lang
        self._mode: Mode | None = None
        self.retranslate(lang)

    def show_mode(self, mode: Mode | None) -> None:
        self._mode = mode
        self.retranslate(self._lang)

    def retranslate(self, lang: Lang) -> None:
        self._lang = lang
        self.heading.setText(t("session.operator.heading", lang))
        self.heading.setAccessibleName(self.heading.text())
        mode = t(f"session.mode.{self._mode}", lang) if self._mode else "—"
        self.current.setText(t("session.operator.current", lang, mode=mode))
        for widget, key in (
            (self.mode_button, "session.operator.change_mode"),
            (self.pin_button, "session.operator.change_pin"),
            (self.back_button, "session.operator.back"),
            (self.quit_button, "session.operator.quit"),
        ):
            widget.setText(t(key, lang))
            widget.setAccessibleName(widget.text())
        self.pin_button.setVisible(self._mode == SELF_SERVICE)

    def arrive(self) -> None:
        self.mode_button.setFocus(Qt.FocusReason.OtherFocusReason)
