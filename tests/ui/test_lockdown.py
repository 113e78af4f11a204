"""A self-service terminal is locked down: it covers the screen, only the operator PIN leaves, no context
menus.

Post-office and volunteer windows stay ordinary windows (maximized, closable, context menus in fields).
The offscreen platform's screen is smaller than 1366×768, so the small-screen message is real here too.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QCloseEvent, QContextMenuEvent, QScreen
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.catalog import Catalog
from kiosk.config import Config, Mode
from kiosk.crypto import training_key
from tests.ui.test_modes import PIN, press_exit_keys, with_pin
from tests.ui.test_session import Kiosk, make_kiosk, visible_dialog
from ui.app import RunningApp, start_app
from ui.drafts import CodeDialog
from ui.keep_awake import AwakeState
from ui.lockdown import Lockdown
from ui.modes import PinDialog
from ui.privacy import IdleWarning
from ui.services import Services

__all__ = ["make_kiosk"]  # the fixture, shared with test_session


class HeldAwake:
    """Stands in for ui.keep_awake.KeepAwake: the test process has no screen saver to hold off."""

    def __init__(self) -> None:
        self.held = 0

    def hold(self) -> AwakeState:
        self.held += 1
        return AwakeState(("test",))

    def release(self) -> None:
        self.held = 0


class Spy(QObject):
    """Sees the events of one kind that reach a widget (after the app's filters), and stops them there."""

    def __init__(self, kind: QEvent.Type) -> None:
        super().__init__()
        self.kind, self.seen = kind, 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == self.kind:
            self.seen += 1
            return True  # a QLineEdit's own menu would open modally and block the test
        return False


def menu_event(reason: QContextMenuEvent.Reason) -> QContextMenuEvent:
    """A right click (Mouse) or the Menu key (Keyboard); a long press on a touch screen gives the first."""
    return QContextMenuEvent(reason, QPoint(5, 5), QPoint(5, 5))


@pytest.fixture
def start(qtbot: QtBot, catalog: Catalog, tmp_path: Path) -> Iterator[Callable[[Mode], RunningApp]]:
    """The app as `kiosk` starts it (ui.app.start_app), in a mode; its loop is the test's."""
    started: list[tuple[RunningApp, Services]] = []

    def make(mode: Mode) -> RunningApp:
        services = Services(config=Config(mode=mode), data_dir=tmp_path / mode, key=training_key())
        running = start_app([], catalog_loader=lambda: catalog, services=services)
        started.append((running, services))
        qtbot.waitExposed(running.window)
        qtbot.waitUntil(lambda: running.parts.session is not None)
        return running

    yield make
    for running, services in started:
        running.shutdown()  # the lockdown goes first: the window may close
        running.window.close()
        running.window.deleteLater()
        services.close()


def lock(kiosk: Kiosk, qtlog: Any) -> Lockdown:
    """The lockdown the app installs, on a test kiosk (ui/app.py does this in start_app, before the
    window first shows)."""
    lockdown = Lockdown(kiosk.window, lambda: kiosk.context.services.config.mode, keep_awake=HeldAwake())  # type: ignore[arg-type]
    kiosk.session.mode_did_change.connect(lockdown.apply)
    with qtlog.disabled():  # see resized()
        lockdown.show()
    return lockdown


def resized(screen: QScreen, geometry: QRect, qtlog: Any) -> None:
    """The signal Qt sends when a display's mode changes (xrandr, a monitor swapped), with the new
    geometry: the offscreen platform cannot resize its screen. Nor does it take size hints: the window's
    minimum size, changed once it is shown, gets "This plugin does not support propagateSizeHints()"
    from it (xcb and Windows take them), so Qt's messages are not captured meanwhile."""
    with qtlog.disabled():
        screen.geometryChanged.emit(geometry)


@pytest.fixture
def locked(make_kiosk: Callable[..., Kiosk], qtbot: QtBot, qtlog: Any) -> Iterator[tuple[Kiosk, Lockdown]]:
    kiosk = make_kiosk("self_service", prepare=with_pin)
    # The app locks the window before it first shows; this one was shown by make_kiosk, and the offscreen
    # platform never activates a window made again (frameless) while shown: taken down first.
    kiosk.window.hide()
    kiosk.window.destroy()
    lockdown = lock(kiosk, qtlog)
    qtbot.waitExposed(kiosk.window)
    kiosk.window.activateWindow()  # as the app does once it is up (ui/app.py): no window manager does
    qtbot.waitUntil(kiosk.window.isActiveWindow)
    yield kiosk, lockdown
    lockdown.remove()


def test_a_self_service_start_covers_the_whole_screen_without_a_title_bar(
    start: Callable[[Mode], RunningApp], qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, "ui.lockdown")
    running = start("self_service")
    window = running.window
    screen = window.screen().geometry()
    qtbot.waitUntil(lambda: window.geometry() == screen)
    assert window.isFullScreen()
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    # This screen is smaller than 1366×768: the operator reads why some pages scroll, in Vietnamese,
    # on screen and in the log, and the window still fits it (its minimum size gave way).
    size = f"{screen.width()}×{screen.height()}"
    assert running.parts.lockdown is not None
    notice = running.parts.lockdown.notice
    assert notice.isVisible()
    assert notice.text().startswith(f"Màn hình {size} nhỏ hơn 1366×768: một số trang phải cuộn.")
    assert any(f"Màn hình {size} nhỏ hơn" in record.getMessage() for record in caplog.records)
    assert window.minimumWidth() <= screen.width() and window.minimumHeight() <= screen.height()
    assert window.home is not None and window.stack.currentWidget() is window.home
    qtbot.keyClicks(window.home.search, "khai sinh")  # and the terminal keeps working at that size
    assert window.home.search.text() == "khai sinh"


def test_a_post_office_window_stays_an_ordinary_window_that_closes(
    start: Callable[[Mode], RunningApp], qtbot: QtBot
) -> None:
    running = start("post_office")
    window = running.window
    assert window.isMaximized() and not window.isFullScreen()
    assert not window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.home is not None
    spy = Spy(QEvent.Type.ContextMenu)
    window.home.search.installEventFilter(spy)
    QApplication.sendEvent(window.home.search, menu_event(QContextMenuEvent.Reason.Mouse))
    assert spy.seen == 1  # "Copy"/"Paste" stay for the agent
    assert window.close()
    assert not window.isVisible()


def test_alt_f4_ctrl_q_escape_and_close_requests_leave_the_self_service_window_open(
    locked: tuple[Kiosk, Lockdown], qtbot: QtBot
) -> None:
    kiosk, _ = locked
    window = kiosk.window
    assert window.home is not None
    window.home.search.setFocus()
    for key, modifiers in (
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    ):
        qtbot.keyClick(QApplication.focusWidget() or window, key, modifiers)
        assert window.isVisible() and window.isFullScreen()
    # What a window manager (its close button, Alt+F4) or Windows sends, and an app-wide quit.
    request = QCloseEvent()
    QApplication.sendEvent(window, request)
    assert not request.isAccepted()
    assert not window.close()
    QApplication.closeAllWindows()
    assert window.isVisible()
    assert window.geometry() == window.screen().geometry()


def test_no_context_menu_opens_anywhere_in_self_service(locked: tuple[Kiosk, Lockdown], qtbot: QtBot) -> None:
    kiosk, _ = locked
    assert kiosk.window.home is not None
    targets: list[QWidget] = [kiosk.window.home.search, kiosk.window, kiosk.window.lang_button]
    for target in targets:
        spy = Spy(QEvent.Type.ContextMenu)
        target.installEventFilter(spy)
        for reason in (QContextMenuEvent.Reason.Mouse, QContextMenuEvent.Reason.Keyboard):
            QApplication.sendEvent(target, menu_event(reason))
        target.removeEventFilter(spy)
        assert spy.seen == 0, target


def test_the_operator_pin_still_leaves_and_closes_the_app(
    locked: tuple[Kiosk, Lockdown], qtbot: QtBot
) -> None:
    kiosk, _ = locked
    window, session = kiosk.window, kiosk.session
    dialog = press_exit_keys(qtbot, kiosk)
    qtbot.keyClicks(dialog.field, PIN)
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is session.operator_page)
    session.operator_page.quit_button.click()  # "Đóng ứng dụng"
    assert not window.isVisible()


def test_leaving_self_service_for_post_office_gives_back_an_ordinary_window(
    locked: tuple[Kiosk, Lockdown], qtbot: QtBot
) -> None:
    kiosk, lockdown = locked
    window, session = kiosk.window, kiosk.session
    assert lockdown.keep_awake.held == 1  # type: ignore[attr-defined]
    dialog = press_exit_keys(qtbot, kiosk)
    qtbot.keyClicks(dialog.field, PIN)
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is session.operator_page)
    session.operator_page.mode_button.click()
    session.mode_page.cards["post_office"].click()
    qtbot.waitUntil(window.isVisible)
    assert not window.isFullScreen()
    assert not window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert lockdown.keep_awake.held == 0  # type: ignore[attr-defined]
    assert window.close()


def test_escape_cancels_a_dialog_only_where_that_is_its_cancel(
    locked: tuple[Kiosk, Lockdown], qtbot: QtBot
) -> None:
    kiosk, _ = locked
    window, session = kiosk.window, kiosk.session
    # The PIN dialog: Escape is "Huỷ", and the citizen stays in the citizen's flow.
    dialog = press_exit_keys(qtbot, kiosk)
    qtbot.keyClick(dialog.field, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.stack.currentWidget() is window.home and window.isVisible()
    # The resume code: only "Xong" ends the session; Escape does nothing.
    code = CodeDialog(window, "vi", "7KQ2-M9XD")
    code.open()
    qtbot.waitExposed(code)
    qtbot.keyClick(QApplication.focusWidget() or code, Qt.Key.Key_Escape)
    assert code.isVisible()
    code.accept()
    # The idle warning: rejected by Escape it would hide while the countdown goes on clearing the screen.
    session.idle._warn()
    warning = visible_dialog(IdleWarning, qtbot)
    qtbot.keyClick(QApplication.focusWidget() or warning, Qt.Key.Key_Escape)
    assert warning.isVisible()
    warning.extend.click()
    assert session.idle.warning is None
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, PinDialog) and w.isVisible()]


def test_the_window_follows_the_screen_when_its_size_changes(
    locked: tuple[Kiosk, Lockdown], qtbot: QtBot, caplog: pytest.LogCaptureFixture, qtlog: Any
) -> None:
    kiosk, lockdown = locked
    window, screen = kiosk.window, kiosk.window.screen()
    caplog.set_level(logging.WARNING, "ui.lockdown")
    resized(screen, QRect(0, 0, 1920, 1080), qtlog)
    assert window.geometry() == QRect(0, 0, 1920, 1080)
    assert not lockdown.notice.isVisible()
    resized(screen, QRect(0, 0, 1024, 600), qtlog)
    assert window.geometry() == QRect(0, 0, 1024, 600)
    assert lockdown.notice.isVisible() and "1024×600" in lockdown.notice.text()
    assert [r.getMessage() for r in caplog.records if "1024×600" in r.getMessage()] == [
        "Màn hình 1024×600 nhỏ hơn 1366×768: một số trang phải cuộn. "
        "Người vận hành: vui lòng đặt độ phân giải lớn hơn."
    ]
    window.set_language("en")
    assert lockdown.notice.text().startswith("The screen, 1024×600, is smaller than 1366×768")
    resized(screen, screen.geometry(), qtlog)
    assert window.geometry() == screen.geometry()
