"""The lock screen: covers the whole window after idle until the signed-in agent types their PIN.

It is an opaque child of the main window laid over everything, and the window's own content is disabled
while it shows: no click, key or shortcut reaches the citizen's screen under it, and nothing of that
screen is visible. "Đăng xuất" from here ends the session as signing out anywhere does.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import Lang, t
from kiosk.session import Attempts
from ui.modes import pin_field
from ui.widgets import COVERS_SCREEN, ScrollPage, button, label


def wait_text(attempts: Attempts, lang: Lang) -> str:
    """ "Đợi … rồi thử lại" while `attempts` pauses; "" when a try is allowed."""
    wait = attempts.wait_left().total_seconds()
    if wait <= 0:
        return ""
    if wait >= 60:
        return t("agents.locked_wait_minutes", lang, minutes=max(1, round(wait / 60)))
    return t("agents.locked_wait_seconds", lang, seconds=int(wait) or 1)


class LockScreen(QWidget):
    """ "Màn hình đã khoá": the agent's name, the PIN, "Mở khoá" and "Đăng xuất"."""

    unlock_requested = Signal(str)
    sign_out_requested = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lock-screen")
        self.setProperty("role", "page")
        self.setProperty(COVERS_SCREEN, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._window = window
        self.lang: Lang = "vi"
        self.name = ""
        self.attempts: Attempts | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.page = ScrollPage()
        outer.addWidget(self.page)
        body = self.page.body
        self.heading = label("", "h1")
        self.heading.setObjectName("lock-heading")
        self.text = label("")
        self.field_label = label("", "key")
        self.field = pin_field("")
        self.field_label.setBuddy(self.field)
        self.message = label("", "error")
        self.message.setVisible(False)
        self.unlock = button("", "primary")
        self.unlock.setObjectName("lock-unlock")
        self.sign_out = button("", "link")
        self.sign_out.setObjectName("lock-sign-out")
        body.addStretch(1)
        for widget in (self.heading, self.text, self.field_label, self.field, self.message):
            body.addWidget(widget)
        row = QHBoxLayout()
        row.setSpacing(16)
        row.addWidget(self.unlock)
        row.addWidget(self.sign_out)
        row.addStretch(1)
        body.addLayout(row)
        body.addStretch(2)
        self.unlock.clicked.connect(self._submit)
        self.field.returnPressed.connect(self._submit)
        self.sign_out.clicked.connect(self.sign_out_requested.emit)
        window.installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self._window.rect())
        return False

    def show_for(self, name: str, lang: Lang, attempts: Attempts) -> None:
        """Cover the window for the agent `name`; the field gets the focus."""
        self.name, self.attempts = name, attempts
        self.retranslate(lang)
        self.field.clear()
        self.message.setVisible(False)
        self.unlock.setEnabled(True)
        self.setGeometry(self._window.rect())
        self.show()
        self.raise_()
        self._update_wait()
        self._window.activateWindow()  # the idle warning (a dialog) had the focus
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)
        # Again once the warning's window has gone: its closing hands the focus back on its own.
        QTimer.singleShot(0, self, lambda: self.field.setFocus(Qt.FocusReason.OtherFocusReason))

    def close_lock(self) -> None:
        self.field.clear()
        self.message.clear()
        self.hide()

    def retranslate(self, lang: Lang) -> None:
        self.lang = lang
        self.heading.setText(t("agents.lock.heading", lang))
        self.heading.setAccessibleName(self.heading.text())
        self.text.setText(t("agents.lock.text", lang, name=self.name))
        self.field_label.setText(t("agents.lock.pin", lang, name=self.name))
        self.field.setAccessibleName(self.field_label.text())
        self.unlock.setText(t("agents.lock.unlock", lang))
        self.unlock.setAccessibleName(self.unlock.text())
        self.sign_out.setText(t("agents.lock.sign_out", lang))
        self.sign_out.setAccessibleName(t("agents.header.sign_out_name", lang))

    def _submit(self) -> None:
        if self.attempts is not None and not self.attempts.allowed_now():
            self._update_wait()
            return
        pin = self.field.text()
        self.field.clear()
        if pin:
            self.unlock.setEnabled(False)  # until the store worker has checked it
            self.unlock_requested.emit(pin)

    def show_problem(self, text: str) -> None:
        """A wrong PIN (tries left) or another problem; the field is ready for the next try."""
        self.unlock.setEnabled(True)
        self.message.setText(text)
        self.message.setVisible(True)
        self._update_wait()
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_wait(self) -> None:
        text = wait_text(self.attempts, self.lang) if self.attempts is not None else ""
        self.field.setEnabled(not text)
        self.unlock.setEnabled(not text)
        if text and self.attempts is not None:
            self.message.setText(text)
            self.message.setVisible(True)
            # Try again once the pause is over (the field is disabled until then).
            left_ms = int(self.attempts.wait_left().total_seconds() * 1000) + 50
            QTimer.singleShot(left_ms, self, self._update_wait)
