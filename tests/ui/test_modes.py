"""Self-service set-up and the operator's way out: a PIN typed twice, then Ctrl+Alt+Shift+O and the PIN."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.session import Attempts, hash_pin, verify_pin
from kiosk.store import Store
from tests.ui.test_session import Kiosk, make_kiosk, visible_dialog
from ui.modes import PinDialog
from ui.session import PIN_SETTING

__all__ = ["make_kiosk"]  # the fixture, shared with test_session
PIN = "482916"


def test_self_service_asks_the_operator_for_a_pin_twice_and_keeps_only_its_hash(
    make_kiosk: Callable[..., Kiosk], qtbot: QtBot, tmp_path: object
) -> None:
    kiosk = make_kiosk(None)
    window, session = kiosk.window, kiosk.session
    session.mode_page.cards["self_service"].click()
    page = session.pin_page
    assert window.stack.currentWidget() is page
    assert window.focusWidget() is page.first
    qtbot.keyClicks(page.first, "1234")
    qtbot.keyClick(page.first, Qt.Key.Key_Return)
    qtbot.keyClicks(page.second, "1234")
    qtbot.keyClick(page.second, Qt.Key.Key_Return)
    assert page.error.isVisible() and "ít nhất 6 chữ số" in page.error.text()
    page.first.clear()
    qtbot.keyClicks(page.first, PIN)
    qtbot.keyClicks(page.second, "482917")
    page.save.click()
    assert "không giống nhau" in page.error.text()
    assert kiosk.saved_modes == []
    page.first.clear()
    qtbot.keyClicks(page.first, PIN)
    qtbot.keyClicks(page.second, PIN)
    qtbot.keyClick(page.second, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: kiosk.saved_modes == ["self_service"])
    assert window.stack.currentWidget() is window.home
    stored = kiosk.store(lambda store: store.get_setting(PIN_SETTING))
    assert stored is not None and PIN not in stored and verify_pin(PIN, stored)
    assert [b.text() for b in session.buttons()] == ["Người tiếp theo", "Tiếp tục hồ sơ đã lưu"]


def with_pin(store: Store) -> None:
    store.set_setting(PIN_SETTING, hash_pin(PIN))


def press_exit_keys(qtbot: QtBot, kiosk: Kiosk) -> PinDialog:
    modifiers = (
        Qt.KeyboardModifier.ControlModifier
        | Qt.KeyboardModifier.AltModifier
        | Qt.KeyboardModifier.ShiftModifier
    )
    # The offscreen platform does not reactivate after a dialog, and a window an earlier test left open may
    # hold the activation: the window's shortcut works only in the active window, as on a terminal.
    if QApplication.activeWindow() is not kiosk.window:
        kiosk.window.activateWindow()
        qtbot.waitUntil(kiosk.window.isActiveWindow)
    focus = QApplication.focusWidget() or kiosk.window
    qtbot.keyClick(focus, Qt.Key.Key_O, modifiers)
    return visible_dialog(PinDialog, qtbot)  # type: ignore[no-any-return]


def test_the_operator_leaves_self_service_with_the_key_combination_and_the_right_pin(
    make_kiosk: Callable[..., Kiosk], qtbot: QtBot
) -> None:
    kiosk = make_kiosk("self_service", prepare=with_pin)
    window, session = kiosk.window, kiosk.session
    now = [datetime(2026, 1, 1, tzinfo=UTC)]
    session.pin_attempts = Attempts(allowed=3, pause=timedelta(seconds=30), clock=lambda: now[0])
    dialog = press_exit_keys(qtbot, kiosk)
    assert dialog.heading.text() == "Dành cho người vận hành"
    qtbot.keyClicks(dialog.field, "111111")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.message.isVisible)
    assert dialog.message.text() == "Mã PIN không đúng. Còn 2 lần thử."
    assert window.stack.currentWidget() is window.home
    for _ in range(2):
        qtbot.waitUntil(dialog.ok.isEnabled)
        qtbot.keyClicks(dialog.field, "222222")
        dialog.ok.click()
        kiosk.context.tasks.wait_idle()
    qtbot.waitUntil(lambda: "đợi 30 giây" in dialog.message.text())
    assert not dialog.field.isEnabled() and not dialog.ok.isEnabled()
    # Even the right PIN is refused during the pause.
    dialog._submit()
    assert window.stack.currentWidget() is window.home
    dialog.cancel.click()
    now[0] += timedelta(seconds=31)
    dialog = press_exit_keys(qtbot, kiosk)
    assert dialog.field.isEnabled()
    qtbot.keyClicks(dialog.field, PIN)
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is session.operator_page)
    page = session.operator_page
    assert page.current.text() == "Cách dùng hiện tại: Tự phục vụ"
    assert not session.idle.active  # the operator is not timed out of the settings
    page.mode_button.click()
    assert window.stack.currentWidget() is session.mode_page
    session.mode_page.cards["post_office"].click()
    assert kiosk.saved_modes == ["post_office"]
    assert [b.text() for b in session.buttons()] == ["Người tiếp theo", "Hồ sơ đang làm"]


def test_a_citizen_without_the_pin_stays_in_the_citizen_flow(
    make_kiosk: Callable[..., Kiosk], qtbot: QtBot
) -> None:
    kiosk = make_kiosk("self_service", prepare=with_pin)
    dialog = press_exit_keys(qtbot, kiosk)
    dialog.cancel.click()
    assert kiosk.window.stack.currentWidget() is kiosk.window.home
    assert kiosk.session.idle.active
