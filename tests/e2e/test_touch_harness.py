"""The touch-test harness proves itself: the AT-SPI check finds real problems, a finger taps and scrolls.

Each test runs in a fresh process on its own Xvfb screen and buses (tests/e2e/selfservice_harness.py).
"""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tests.e2e.accessibility import check, read_tree
from tests.e2e.selfservice_harness import Portal
from tests.e2e.touch import Finger, KeyEventGuard, in_view
from ui.widgets import ScrollPage, enable_touch_scrolling
from ui.wrap import WrappingRadio


def show(qtbot: Any, widget: QWidget, width: int, height: int) -> None:
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()  # no window manager hands it the focus (the app asks, too: ui/app.py)
    qtbot.waitUntil(widget.isActiveWindow)


def test_the_accessibility_check_finds_an_unnamed_button_a_small_one_and_a_sideways_scroll(
    real_window: None, qtbot: Any
) -> None:
    window = QWidget()
    window.setWindowTitle("Thử")
    layout = QVBoxLayout(window)
    fine = QPushButton("Tiếp tục")
    fine.setMinimumSize(200, 60)
    unnamed = QPushButton()  # an icon button nobody named: a screen reader says only "button"
    unnamed.setFixedSize(60, 60)
    small = QPushButton("Sửa")
    small.setFixedSize(40, 38)
    area = QScrollArea()
    wide = QLabel("Ông/Bà vui lòng chọn nơi thường trú mới " * 4)  # far wider than the window
    area.setWidget(wide)
    area.setFixedHeight(90)
    for widget in (fine, unnamed, small, area):
        layout.addWidget(widget)
    show(qtbot, window, 420, 360)

    problems = check(read_tree(os.getpid()))
    assert len(problems) == 3, problems
    assert any(p.startswith("no name: push button with no name 60×60 px") and "'Thử'" in p for p in problems)
    assert any(p.startswith("under 44×44 px: push button 'Sửa' 40×38 px") for p in problems)
    assert any(p.startswith("horizontal scroll bar showing:") for p in problems)

    # The same window put right: a name, a target of 44×44, text that wraps in the width it has.
    unnamed.setAccessibleName("Đọc to")
    small.setFixedSize(88, 48)
    wide.setWordWrap(True)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    qtbot.waitUntil(lambda: not area.horizontalScrollBar().isVisible())
    assert check(read_tree(os.getpid())) == []


def test_a_finger_taps_a_button_a_radio_option_a_text_box_and_scrolls_a_page(
    real_window: None, qtbot: Any
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    keys = KeyEventGuard(app)
    page = ScrollPage()
    go = QPushButton("Tiếp tục")
    go.setMinimumHeight(60)
    pressed: list[bool] = []
    go.clicked.connect(lambda: pressed.append(True))
    group = QButtonGroup(page)
    options = [WrappingRadio(text) for text in ("Nam", "Nữ")]  # the journey's own radio option
    field = QLineEdit()
    field.setAccessibleName("Họ và tên")
    for option in options:
        option.setMinimumHeight(48)
        group.addButton(option)
    for widget in (go, *options, field):
        page.body.addWidget(widget)
    bottom = QPushButton("Cuối trang")
    page.body.addSpacing(2000)  # a long page: the last button is far below the screen
    page.body.addWidget(bottom)
    window = QWidget()
    QVBoxLayout(window).addWidget(page)
    show(qtbot, window, 600, 500)
    enable_touch_scrolling(window)  # as the app does after its first frame
    assert page.touch_scrolling
    finger = Finger()

    finger.tap(go)
    qtbot.waitUntil(lambda: pressed == [True])
    finger.tap(options[1])
    assert options[1].isChecked() and not options[0].isChecked()
    finger.tap(field)
    qtbot.waitUntil(field.hasFocus)

    bar = page.verticalScrollBar()
    assert bar.value() == 0
    finger.drag(page.viewport(), -300, at=page.viewport().rect().center())
    assert bar.value() > 150  # the content followed the finger up
    finger.bring_into_view(bottom)
    assert in_view(bottom, bottom.rect().center())
    assert (finger.taps, finger.drags) == (3, finger.drags) and finger.drags >= 2
    assert keys.seen == []

    # The guard does see a key: a test that claims "no key events" can fail.
    QTest.keyClick(field, Qt.Key.Key_A)
    assert {e.kind for e in keys.seen} == {"ShortcutOverride", "KeyPress", "KeyRelease"}, keys.report()
    assert [e.receiver for e in keys.seen if e.kind == "KeyPress"] == ["QLineEdit ''"]
    keys.remove()


def test_the_sandbox_portal_goes_down_and_comes_back_on_the_same_address(tmp_path: Path) -> None:
    portal = Portal(tmp_path)
    try:
        url = portal.url
        assert _health(url) == 200
        portal.down()
        with pytest.raises(urllib.error.URLError):  # refused: what the kiosk meets in an outage
            _health(url)
        portal.up()
        assert portal.url == url and _health(url) == 200
        assert portal.dossiers() == []  # its own records, read from its database
    finally:
        portal.down()


def _health(url: str) -> int:
    with urllib.request.urlopen(f"{url}/api/v1/health", timeout=10) as answer:
        return int(answer.status)
