"""A finger dragged on a touch screen scrolls the page; on the citizen's signature box it draws instead."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtGui import QInputDevice, QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from tests.ui.test_agent_steps import build, close, start_journey
from tests.ui.test_journey import fill_to_check
from ui.main_window import MainWindow
from ui.widgets import ScrollPage

_DEVICE: list[QPointingDevice] = []


def device() -> QPointingDevice:
    if not _DEVICE:  # one per run: Qt keeps registered devices
        _DEVICE.append(QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen))
    return _DEVICE[0]


def drag(widget: QWidget, start: QPoint, end: QPoint, steps: int = 10) -> None:
    QTest.touchEvent(widget, device()).press(0, start, widget).commit()
    for k in range(1, steps + 1):
        point = start + (end - start) * (k / steps)
        QTest.touchEvent(widget, device()).move(0, point, widget).commit()
        QTest.qWait(16)
    QTest.touchEvent(widget, device()).release(0, end, widget).commit()
    QTest.qWait(400)


def test_a_finger_scrolls_the_home_list(make_window: Callable[..., MainWindow], qtbot: Any) -> None:
    window = make_window()
    window.install_features()  # as the app does once the first frame is on screen
    assert window.home is not None
    page = window.home.list_page
    assert isinstance(page, ScrollPage) and page.touch_scrolling
    bar = page.verticalScrollBar()
    assert bar.value() == 0 and bar.maximum() > 0
    viewport = page.viewport()
    drag(viewport, QPoint(600, viewport.height() - 60), QPoint(600, 80))
    qtbot.waitUntil(lambda: bar.value() > 100, timeout=3000)


def test_on_the_signature_box_a_finger_draws_and_the_page_stays(
    qtbot: Any, catalog: Any, tmp_path: Any
) -> None:
    window, context = build(qtbot, catalog, tmp_path)
    try:
        window.agents.agent_id = lambda: "BD-0001"  # type: ignore[method-assign]  # an agent files it
        start_journey(qtbot, window)
        check = fill_to_check(qtbot, window)
        assert check.consent_panel.isVisible() and not check.touch_scrolling
        pad = check.consent_panel.pad
        check.ensureWidgetVisible(pad)
        qtbot.wait(10)
        before = check.verticalScrollBar().value()
        drag(pad, QPoint(30, 20), QPoint(pad.width() - 30, pad.height() - 20))  # a stroke down and across
        assert pad.has_signature() and check.verticalScrollBar().value() == before
    finally:
        close(context)
