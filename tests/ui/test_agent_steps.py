"""Shared steps of the agent tests (no tests here): a window with services, signing in, a filed journey."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.catalog import Catalog
from kiosk.config import Config, Mode
from kiosk.crypto import training_key
from kiosk.store import Store
from tests.ui.test_journey import qtbot_click, type_text
from ui.context import AppContext
from ui.journey.check_page import CheckPage
from ui.main_window import MainWindow
from ui.services import SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, Services

TRICH_LUC = "2.000635"
PIN = "246810"
LAN = "Nguyễn Thị Lan"


def build(
    qtbot: Any,
    catalog: Catalog,
    data_dir: Path,
    portal_url: str = "",
    mode: Mode = "post_office",
    *,
    features: bool = True,
) -> tuple[MainWindow, AppContext]:
    config = Config(
        mode=mode,
        portal_url=portal_url,
        client_id=SANDBOX_CLIENT_ID if portal_url else "",
        client_secret=SANDBOX_CLIENT_SECRET if portal_url else "",
    )
    services = Services(config=config, data_dir=data_dir, key=training_key(), training=True)
    context = AppContext.create(services)
    window = MainWindow(catalog, context=context, features=features)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window, context


def close(context: AppContext) -> None:
    context.close()
    context.services.close()


def on_store(context: AppContext, work: Callable[[Store], Any]) -> Any:
    return context.tasks.run_store(work).result(timeout=30)


def settle(qtbot: Any, context: AppContext) -> None:
    context.tasks.wait_idle()
    for _ in range(3):
        QApplication.processEvents()
    qtbot.wait(10)


def sign_in(qtbot: Any, window: MainWindow, username: str, secret: str, *, offline: bool = False) -> None:
    """Open "Cán bộ đăng nhập" from the header, type the user name and the password (or PIN), Enter."""
    agents = window.agents
    qtbot_click(agents.sign_in_button)
    page = agents.page
    assert window.stack.currentWidget() is page
    if offline != page.offline:
        qtbot_click(page.switch)
    page.username.clear()
    QTest.keyClicks(page.username, username)
    field = page.pin if offline else page.password
    QTest.keyClicks(field, secret)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def set_pin(qtbot: Any, window: MainWindow, first: str = PIN, second: str = PIN) -> None:
    page = window.agents.pin_page
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page, timeout=20_000)
    QTest.keyClicks(page.first, first)
    qtbot.keyClick(page.first, Qt.Key.Key_Return)
    QTest.keyClicks(page.second, second)
    qtbot.keyClick(page.second, Qt.Key.Key_Return)


def signed_in(window: MainWindow) -> bool:
    return window.agents.desk.session is not None


def start_journey(qtbot: Any, window: MainWindow, code: str = TRICH_LUC) -> None:
    window.show_prepare(code)
    assert window.prepare is not None
    qtbot_click(window.prepare.start)
    assert window.journey is not None


def draw_signature(qtbot: Any, check: CheckPage) -> None:
    """A signature drawn with the mouse: press, a zig-zag of moves, release."""
    pad = check.consent_panel.pad
    check.ensureWidgetVisible(pad)
    qtbot.wait(10)
    height = pad.height()
    points = [QPoint(40 + 30 * i, height // 2 + (25 if i % 2 else -25)) for i in range(10)]
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[0])
    for point in points[1:]:
        QTest.mouseMove(pad, point)
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[-1])


def submit(qtbot: Any, check: CheckPage) -> None:
    qtbot_click(check.declaration.box)
    qtbot_click(check.consent.box)
    qtbot_click(check.submit)


__all__ = ["type_text"]
