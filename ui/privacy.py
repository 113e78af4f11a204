"""Self-service privacy timeout: after idle time a warning with a countdown and "Tôi cần thêm thời gian".

WCAG 2.2.1: the person is warned, gets at least 20 s to ask for more time, and may ask again and again;
only then is the screen cleared. Also the kiosk's plain dialogs (`Dialog`, `ConfirmDialog`), shared by
the session screens.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QDialog,
    QHBoxLayout,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import Lang, t
from ui.keyboard import DIALOG_SCROLL
from ui.widgets import COVERS_SCREEN, ScrollPage, button, label

IDLE_MS = 120_000  # two minutes without input
COUNTDOWN_S = 30  # WCAG asks for at least 20 s; elderly users get some more
MIN_COUNTDOWN_S = 20
TICK_MS = 1000
PAGE_MIN_PX = 96  # the least a dialog's scrolling content gets: a line of 200 % text and more
DIALOG_MARGIN = 8  # between a dialog that fills the window's height and the window's edges

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)


class Dialog(QDialog):
    """A window-modal dialog in the kiosk's style: a heading, text and large buttons in a row.

    Opened with `open()` (never `exec()`): the event loop keeps running, background work keeps
    arriving and tests drive it like a person would. Never taller than the window it opens over: its
    content scrolls (`page`) above its buttons, which stay on screen (at 200 % text the resume code
    dialog was 860 px high on a 768 px screen, its "Tôi đã ghi lại mã" cut off).
    """

    def __init__(self, parent: QWidget, title: str, text: str = "") -> None:
        super().__init__(parent)
        self.setProperty("role", "page")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        outer = QVBoxLayout(self)
        # No size constraints pushed to the platform window (the offscreen platform warns about them);
        # the dialog is sized from its content when it opens.
        outer.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        # The content scrolls; the on-screen keyboard (ui/keyboard) finds it by its name and puts its
        # keys under the buttons.
        self.page = ScrollPage(self)
        self.page.setObjectName(DIALOG_SCROLL)
        # It may get short (a scroll bar's own minimum squeezed an on-screen keyboard below it at 200 %).
        self.page.setMinimumHeight(PAGE_MIN_PX)
        self.column = self.page.body
        self.column.setContentsMargins(32, 24, 32, 0)
        self.column.setSpacing(14)
        self.heading = label(title, "h2")
        self.text = label(text)
        self.column.addWidget(self.heading)
        self.column.addWidget(self.text)
        self.text.setVisible(bool(text))
        self.column.addStretch(1)
        outer.addWidget(self.page, 1)
        self.footer = QWidget(self)
        self.footer.setObjectName("dialog-buttons")
        self.buttons = QHBoxLayout(self.footer)
        self.buttons.setContentsMargins(32, 14, 32, 24)
        self.buttons.setSpacing(16)
        self.footer.setVisible(False)  # until a button is added
        outer.addWidget(self.footer)

    def open(self) -> None:
        parent = self.parentWidget()
        # Wider with larger text (as many words to a line as at 100 %), so fewer lines have to scroll.
        scale = getattr(parent.window(), "scale", 100) if parent is not None else 100
        widest = max(800, 800 * scale // 100) if isinstance(scale, int) else 800
        width = min(widest, max(520, parent.width() - 160)) if parent is not None else 640
        # Buttons side by side when their labels fit, else one under the other: never a clipped label
        # (long Vietnamese labels at 200 % text).
        margins = self.buttons.contentsMargins()
        items = [self.buttons.itemAt(i) for i in range(self.buttons.count())]
        widths = [item.sizeHint().width() for item in items if item is not None]
        needed = sum(widths) + self.buttons.spacing() * max(0, len(widths) - 1)
        fits = needed <= width - margins.left() - margins.right()
        self.buttons.setDirection(
            QBoxLayout.Direction.LeftToRight if fits else QBoxLayout.Direction.TopToBottom
        )
        area = self.available_area()
        self.resize(width, min(self.wanted_height(width), area.height() - 2 * DIALOG_MARGIN))
        # Centred on the window it opens over, never past the screen's edge (Qt would only push it up).
        self.move(
            area.x() + max(0, (area.width() - self.width()) // 2),
            area.y() + max(DIALOG_MARGIN, (area.height() - self.height()) // 2),
        )
        super().open()

    def available_area(self) -> QRect:
        """Where the dialog may go: its window, within the part of the screen it is on."""
        parent = self.parentWidget()
        window = parent.window() if parent is not None else None
        screen = (window.screen() if window is not None else None) or QApplication.primaryScreen()
        area = screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 768)
        if window is not None and window.isVisible():
            area = area.intersected(window.geometry())
        return area

    def wanted_height(self, width: int) -> int:
        """As tall as its content and its buttons at `width`, with nothing scrolling."""
        content = self.page.widget()
        needed = 0
        if content is not None:
            layout = content.layout()
            if layout is not None:
                layout.activate()
            needed = content.heightForWidth(width)
            needed = needed if needed > 0 else content.sizeHint().height()
        if not self.footer.isHidden():
            self.buttons.invalidate()
            footer = self.footer.heightForWidth(width)
            needed += footer if footer > 0 else self.footer.sizeHint().height()
        return needed

    def add_button(self, text: str, role: str, accessible_name: str = "") -> QPushButton:
        widget = button(text, role, accessible_name)
        self.footer.setVisible(True)
        self.buttons.addWidget(widget)
        return widget


class ConfirmDialog(Dialog):
    """ "Xoá …?" with the safe answer focused: Enter on arrival never deletes anything. The answer that
    deletes or ends is red, not the green of "Tiếp tục" that a person taps to go on; the safe one is a
    plain button."""

    def __init__(self, parent: QWidget, title: str, text: str, yes: str, no: str) -> None:
        super().__init__(parent, title, text)
        self.yes = self.add_button(yes, "danger")
        self.no = self.add_button(no, "secondary")
        self.yes.clicked.connect(self.accept)
        self.no.clicked.connect(self.reject)

    def open(self) -> None:
        super().open()
        self.no.setFocus(Qt.FocusReason.OtherFocusReason)


class IdleWarning(Dialog):
    """ "Bạn còn ở đó không?" with the seconds left, updated every tick, and the extend button."""

    def __init__(self, parent: QWidget, lang: Lang, seconds: int) -> None:
        super().__init__(parent, t("session.idle.title", lang), t("session.idle.text", lang))
        self.lang: Lang = lang
        self.countdown = label("", "h1")
        self.column.insertWidget(2, self.countdown)
        self.extend = self.add_button(t("session.idle.extend", lang), "primary")
        self.extend.clicked.connect(self.accept)
        self.show_seconds(seconds)

    def show_seconds(self, seconds: int) -> None:
        text = t("session.idle.countdown", self.lang, seconds=seconds)
        self.countdown.setText(text)
        self.countdown.setAccessibleName(text)

    def open(self) -> None:
        super().open()
        self.extend.setFocus(Qt.FocusReason.OtherFocusReason)


class IdleWatch(QObject):
    """Watches the whole app's input; after `idle_ms` shows `IdleWarning`, after the countdown times out.

    Timings are injectable so tests run in milliseconds. `did_time_out` is emitted once per timeout;
    the session then clears the screen and discards the unsaved draft.
    """

    warning_will_show = Signal()  # before the cover and the warning: the session closes its dialogs
    warning_did_show = Signal()
    did_extend = Signal()
    did_time_out = Signal()

    def __init__(
        self,
        window: QWidget,
        lang: object,
        *,
        idle_ms: int = IDLE_MS,
        countdown_s: int = COUNTDOWN_S,
        tick_ms: int = TICK_MS,
    ) -> None:
        super().__init__(window)
        if countdown_s < MIN_COUNTDOWN_S:
            raise ValueError("the warning must give at least 20 seconds")
        self._window = window
        self._lang = lang  # a callable returning the window's current language
        self.countdown_s = countdown_s
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(idle_ms)
        self._idle.timeout.connect(self._warn)
        self._tick = QTimer(self)
        self._tick.setInterval(tick_ms)
        self._tick.timeout.connect(self._count_down)
        self._left = countdown_s
        self.warning: IdleWarning | None = None
        self.cover: QWidget | None = None
        self.active = False

    def start(self) -> None:
        if self.active:
            return
        self.active = True
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._idle.start()

    def stop(self) -> None:
        if not self.active:
            return
        self.active = False
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._idle.stop()
        self._close_warning()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # While the warning shows, only its button extends the time: a stray touch is not consent.
        if event.type() in _INPUT_EVENTS and self.warning is None and self.active:
            self._idle.start()
        return False

    def _current_lang(self) -> Lang:
        lang = self._lang() if callable(self._lang) else self._lang
        return "en" if lang == "en" else "vi"

    def _warn(self) -> None:
        self._left = self.countdown_s
        # Dialogs are windows of their own, above any cover: whoever listens closes them first.
        self.warning_will_show.emit()
        # The screen behind the warning is covered: whoever passes by while it counts down must not read
        # the name, CCCD number and phone number of the person who walked away.
        self.cover = QWidget(self._window)
        self.cover.setObjectName("idle-cover")
        self.cover.setProperty("role", "page")
        self.cover.setProperty(COVERS_SCREEN, True)
        self.cover.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.cover.setGeometry(self._window.rect())
        self.cover.show()
        self.cover.raise_()
        self.warning = IdleWarning(self._window, self._current_lang(), self._left)
        self.warning.accepted.connect(self._extend)
        self.warning.open()
        self._tick.start()
        self.warning_did_show.emit()

    def _count_down(self) -> None:
        self._left -= 1
        if self.warning is not None:
            self.warning.show_seconds(self._left)
        if self._left <= 0:
            self._close_warning()
            self._idle.start()
            self.did_time_out.emit()

    def _extend(self) -> None:
        self._close_warning()
        self._idle.start()  # the full idle period again, however often the person asks
        self.did_extend.emit()

    def _close_warning(self) -> None:
        self._tick.stop()
        cover, self.cover = self.cover, None
        if cover is not None:
            cover.hide()
            cover.deleteLater()
        warning, self.warning = self.warning, None
        if warning is not None:
            warning.accepted.disconnect(self._extend)
            warning.close()
            warning.deleteLater()

    def seconds_left(self) -> int:
        return self._left
