"""Room for the page while the window's keyboard is open: the question stays in sight at 200 % text.

At 1366×768 and 200 % text the header took two rows and the status bar one, and with the keyboard open
the page had about 160 px: the question's heading scrolled away, "Tiếp tục" was cut, and an elderly
person typed without seeing what was asked. While the keyboard is open the header keeps to one row
(the session's buttons fold behind "Thêm", ui/header.py), the status bar steps aside (it tells the
terminal's link to the portal, not what to type), and when the page has to scroll its heading out of
view, the heading stays above the keys as a one-line reminder.
"""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget
from shiboken6 import isValid

from ui import theme
from ui.keyboard.style import KEY_MAX_SCALE
from ui.widgets import NO_REMINDER, ScrollPage, label

if TYPE_CHECKING:
    from ui.keyboard.panel import KeyboardPanel
    from ui.main_window import MainWindow

REMINDER = "keyboard-reminder"  # the reminder's object name (tests find it)


class KeyboardRoom(QObject):
    """Compacts the window around its keyboard while it shows; keeps the question's heading in sight."""

    def __init__(self, window: MainWindow, panel: KeyboardPanel) -> None:
        super().__init__(panel)
        self.window = window
        self.panel = panel
        self.reminder: QLabel = label("", wrap=False)
        self.reminder.setObjectName(REMINDER)
        self.reminder.setVisible(False)
        self.reminder.setContentsMargins(24, 2, 24, 2)
        self._page: ScrollPage | None = None
        self._status_was_shown = False
        central = window.centralWidget()
        column = central.layout() if central is not None else None
        assert isinstance(column, QVBoxLayout)
        column.insertWidget(column.indexOf(panel), self.reminder)
        self.restyle()
        panel.installEventFilter(self)

    def restyle(self) -> None:
        """The reminder's look: bold, as large as the keys' labels (a line, not a second heading)."""
        p = theme.palette_for(self.window.high_contrast)
        size = theme.point_size(min(self.window.scale, KEY_MAX_SCALE))
        self.reminder.setStyleSheet(
            f"QLabel {{ background-color: {p.surface}; color: {p.text}; font-weight: bold;"
            f" font-size: {size}pt; border-top: 2px solid {p.border}; }}"
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not isValid(self.window):  # the window is being destroyed: its keys hide with it, nothing to do
            return False
        if watched is self.panel and kind == QEvent.Type.Show:
            self._compact(True)
        elif watched is self.panel and kind == QEvent.Type.Hide:
            self._compact(False)
        return False

    def _compact(self, on: bool) -> None:
        folding = getattr(self.window, "header_folding", None)
        if folding is not None:
            folding.set_one_row(on)
        status = getattr(self.window, "status", None)
        if isinstance(status, QWidget):
            if on:
                self._status_was_shown = not status.isHidden()
                status.setVisible(False)
            elif self._status_was_shown:
                status.setVisible(True)
        if not on:
            self._follow(None)
            self.reminder.setVisible(False)

    def follow(self, box: QWidget) -> None:
        """The keyboard types into `box`: remind of its page's heading whenever it is out of sight."""
        page = box.parentWidget()
        while page is not None and not isinstance(page, ScrollPage):
            page = page.parentWidget()
        self._follow(page)
        self.update()

    def _follow(self, page: ScrollPage | None) -> None:
        if page is self._page:
            return
        if self._page is not None:
            with suppress(RuntimeError):  # the page went with its journey
                self._page.verticalScrollBar().valueChanged.disconnect(self._scrolled)
        self._page = page
        if page is not None:
            page.verticalScrollBar().valueChanged.connect(self._scrolled)

    def _scrolled(self, _value: int) -> None:
        self.update()

    def update(self) -> None:
        """Show the reminder when the heading is not wholly in view, hide it when it is."""
        page = self._page
        heading = page.heading_label() if page is not None else None
        if page is None or heading is None or not self.panel.isVisible() or page.property(NO_REMINDER):
            self.reminder.setVisible(False)
            return
        top = heading.mapTo(page.viewport(), QPoint(0, 0)).y()
        hidden = top < 0 or top + heading.height() > page.viewport().height()
        if hidden:
            text = heading.text()
            width = max(80, self.window.width() - 48)
            self.reminder.setText(
                self.reminder.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width)
            )
            self.reminder.setAccessibleName(text)
            self.reminder.setToolTip(text)
        if hidden != self.reminder.isVisible():
            self.reminder.setVisible(hidden)
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
