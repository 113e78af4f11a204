"""Self-service lockdown: the window fills the screen, only the operator PIN leaves, no context menus.

Built once by the composition root (ui/app.py) with the window; `apply()` again whenever the mode changes.
In self-service mode (kiosk.config SELF_SERVICE):
- the window is frameless and covers its screen's whole geometry, with or without a window manager
  (showFullScreen alone needs one: on a bare X server the window stayed 1366×768 in a corner), and it
  follows the screen when its size changes (QScreen.geometryChanged) or the window moves to another;
- a close request (Alt+F4 through a window manager or Windows, the window manager's close button,
  QApplication.quit) is refused unless the operator page is showing — reached only with the operator
  PIN (ui/session.py `operator_exit`, ui/modes.py `PinDialog`); Alt+F4, Ctrl+Q, Ctrl+W and Ctrl+F4 never
  reach a widget;
- Escape in the kiosk's own dialogs does what their cancel button does ("Huỷ", "Không", "Đóng") and
  nothing where there is none: the idle warning (rejected, it would hide while the countdown clears the
  screen anyway) and the resume code (only "Xong" ends the session; rejected, the dossier would stay
  open for the next person). Qt's own dialogs (files, printing) keep Escape as their Cancel;
- no context menus (a long press or a right click would offer "Copy"/"Paste" of a citizen's data);
- the screen is kept awake (ui/keep_awake.py).
In every mode a screen smaller than 1366×768 is said on screen (status bar) and in the log, and the
window's minimum size shrinks to the screen: the terminal keeps working at that size.
Other modes keep the ordinary window: maximized, closable, context menus in text fields.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QKeySequence, QScreen
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QBoxLayout,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from kiosk.config import SELF_SERVICE, Mode
from kiosk.i18n import t
from ui.keep_awake import AwakeState, KeepAwake
from ui.main_window import MIN_HEIGHT, MIN_WIDTH
from ui.widgets import label

if TYPE_CHECKING:
    from ui.main_window import MainWindow

log = logging.getLogger("ui.lockdown")
SMALLEST_SCREEN = QSize(1366, 768)  # the layouts are made for this and larger (docs/OPERATING.md)
NORMAL_SIZE = QSize(1366, 768)  # an ordinary window's size before the window manager maximizes it
# A dialog's cancel, by the name the kiosk's dialogs give it (ui/privacy.py, ui/drafts.py, ui/modes.py …).
CANCEL_BUTTONS = ("cancel", "no", "close_button")
# What would close the window or quit an app on some platform or desktop; none is used by the kiosk.
_LEAVING_KEYS = tuple(
    QKeySequence(text)[0].toCombined()  # type: ignore[index]  # PySide's stubs lack __getitem__
    for text in ("Alt+F4", "Ctrl+Q", "Ctrl+W", "Ctrl+F4", "Ctrl+Shift+Q")
)


def _combined(event: QKeyEvent) -> int:
    return event.keyCombination().toCombined()


class Lockdown(QObject):
    """The window's lockdown (see the module docstring); `locked` follows `mode_of()` at each `apply()`."""

    def __init__(
        self,
        window: MainWindow,
        mode_of: Callable[[], Mode | None],
        *,
        keep_awake: KeepAwake | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self._mode_of = mode_of
        self.keep_awake = keep_awake or KeepAwake()
        self.locked = False
        self.awake = AwakeState((), "not held")
        self._screen: QScreen | None = None
        self._follows_handle = False
        self._said_small: QSize | None = None
        # A row of its own just above the status bar, styled as it is: beside the status it took three
        # lines at 1280×720.
        self.notice_bar = QFrame()
        self.notice_bar.setProperty("role", "status")
        self.notice_bar.setVisible(False)
        row = QHBoxLayout(self.notice_bar)
        row.setContentsMargins(24, 6, 24, 6)
        self.notice: QLabel = label("", wrap=True)
        self.notice.setObjectName("screen-notice")
        row.addWidget(self.notice)
        central = window.status.parentWidget()
        column = central.layout() if central is not None else None
        if isinstance(column, QBoxLayout):
            column.insertWidget(column.indexOf(window.status), self.notice_bar)
        window.installEventFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
            if isinstance(app, QGuiApplication):
                app.primaryScreenChanged.connect(lambda _screen: self.fit())
        self._size = SMALLEST_SCREEN  # the screen's size as last fitted to
        window.display_did_change.connect(lambda *_: self._say_screen(self._size))

    # -- mode -----------------------------------------------------------------------------------
    def show(self) -> None:
        """The window's first show, as the mode wants it."""
        self.apply(first=True)

    def apply(self, *_: object, first: bool = False) -> None:
        """Lock or unlock for the mode now (called again by the session whenever the mode changes)."""
        locked = self._mode_of() == SELF_SERVICE
        if locked == self.locked and not first:
            return
        self.locked = locked
        window = self.window
        frameless = bool(window.windowFlags() & Qt.WindowType.FramelessWindowHint)
        if frameless != locked:  # a shown window is made again by this: only when it changes
            window.setWindowFlag(Qt.WindowType.FramelessWindowHint, locked)
        if locked:
            self.fit()
            window.showFullScreen()
            self.fit()  # a window manager may have moved it while mapping; a bare X server keeps it
            # Just after the first frame: opening a display connection or a bus call need not delay it.
            QTimer.singleShot(0, self, self._hold_awake)
        else:
            self.keep_awake.release()
            self.awake = AwakeState((), "not held")
            window.resize(NORMAL_SIZE)
            self.fit()
            window.showMaximized()
        self._follow(window.screen())
        if not first:  # made again while the app runs: the keyboard comes back without a window manager
            window.activateWindow()
        handle = window.windowHandle()
        if handle is not None and not self._follows_handle:
            self._follows_handle = True
            handle.screenChanged.connect(self._follow)

    def _hold_awake(self) -> None:
        if not self.locked or self.awake.ok:
            return
        self.awake = self.keep_awake.hold()
        if self.awake.ok:
            log.info(t("lockdown.awake", "vi", ways="+".join(self.awake.ways)))
        else:
            log.warning(t("lockdown.not_awake", "vi", reason=self.awake.reason))

    def remove(self) -> None:
        """Stop watching (tests; the app's lockdown lives as long as its window)."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.window.removeEventFilter(self)
        self._follow(None)  # a screen outlives its windows: a removed lockdown no longer follows it
        self.keep_awake.release()
        self.locked = False

    # -- the screen -----------------------------------------------------------------------------
    def _current_screen(self) -> QScreen | None:
        return self.window.screen() or QGuiApplication.primaryScreen()

    def _follow(self, screen: QScreen | None) -> None:
        if screen is self._screen:
            return
        if self._screen is not None:
            self._screen.geometryChanged.disconnect(self._fit_to)
        self._screen = screen
        if screen is not None:
            screen.geometryChanged.connect(self._fit_to)
            self._fit_to(screen.geometry())

    def fit(self) -> None:
        screen = self._current_screen()
        if screen is not None:
            self._fit_to(screen.geometry())

    def _fit_to(self, geometry: QRect) -> None:
        """The window's minimum fits the screen; locked, the window covers the screen exactly."""
        size = self._size = geometry.size()
        smallest = QSize(min(MIN_WIDTH, size.width()), min(MIN_HEIGHT, size.height()))
        if self.window.minimumSize() != smallest:
            self.window.setMinimumSize(smallest)
        if self.locked:
            self.window.setGeometry(geometry)
        self._say_screen(size)

    def _say_screen(self, size: QSize) -> None:
        small = size.width() < SMALLEST_SCREEN.width() or size.height() < SMALLEST_SCREEN.height()
        self.notice_bar.setVisible(small)
        if not small:
            return
        params = {"width": size.width(), "height": size.height()}
        self.notice.setText(t("lockdown.small_screen", self.window.lang, **params))
        self.notice.setAccessibleName(self.notice.text())
        if self._said_small != size:  # once per size, not at every language switch
            self._said_small = size
            log.warning(t("lockdown.small_screen", "vi", **params))

    # -- events ---------------------------------------------------------------------------------
    def may_close(self) -> bool:
        """Locked, only the operator leaves: from the operator page, reached with the PIN."""
        if not self.locked:
            return True
        from ui.modes import OperatorPage

        return isinstance(self.window.stack.currentWidget(), OperatorPage)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.window and kind == QEvent.Type.Close and not self.may_close():
            assert isinstance(event, QCloseEvent)
            event.ignore()  # a close event starts accepted: ignored, the window stays
            log.info("a request to close the self-service window was refused (no operator PIN)")
            return True
        if not self.locked or not isinstance(watched, QWidget):
            return False
        if kind == QEvent.Type.Hide and isinstance(watched, QDialog) and watched.isWindow():
            # With no window manager nobody hands the keyboard back when a dialog closes: the page
            # behind would show no focus, and keys would reach it only while the pointer is over it.
            QTimer.singleShot(0, self, self._take_keyboard_back)
            return False
        if kind == QEvent.Type.ContextMenu:
            event.accept()
            return True
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            assert isinstance(event, QKeyEvent)
            if _combined(event) in _LEAVING_KEYS:
                event.accept()  # accepted as an override: no shortcut fires; the key press is swallowed
                return True
            if event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
                return self._escape(watched, event)
        return False

    def _take_keyboard_back(self) -> None:
        """To the dialog still open (one may have replaced the one that closed), else to the window."""
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
        target = dialogs[-1] if dialogs else self.window
        if target.isVisible():
            target.activateWindow()

    def _escape(self, watched: QWidget, event: QKeyEvent) -> bool:
        from ui.privacy import Dialog

        dialog = watched.window()
        if not isinstance(dialog, QDialog):
            return False  # the main window: Escape has no way out there; popups and fields keep it
        cancel = next(
            (
                found
                for name in CANCEL_BUTTONS
                if isinstance(found := getattr(dialog, name, None), QAbstractButton)
                and found.isVisible()
                and found.isEnabled()
            ),
            None,
        )
        if cancel is None:
            # The kiosk's dialogs without a cancel keep Escape from rejecting them; Qt's own dialogs
            # (files, printing) and the camera and receipt preview have Escape as their Cancel.
            return isinstance(dialog, Dialog)
        if event.type() == QEvent.Type.KeyPress:
            cancel.click()
        event.accept()
        return True


def install_lockdown(window: MainWindow, mode_of: Callable[[], Mode | None]) -> Lockdown:
    """The lockdown of the app's window; call `show()` on it instead of showing the window."""
    return Lockdown(window, mode_of)
