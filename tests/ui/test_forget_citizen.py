"""Must show (issue 6): after "Người tiếp theo" and after sign-out nothing still holds the last citizen.

Every widget of the app (the window, its pages, open or hidden dialogs), every item model, the clipboard,
new files in the temporary directory and every file of the data directory are searched for the citizen's
name, CCCD number and phone number.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from kiosk.agents import AgentIdentity
from kiosk.catalog import Catalog
from kiosk.config import Config, Mode
from kiosk.crypto import training_key
from tests.ui.test_agent_steps import draw_signature, settle, start_journey, submit
from tests.ui.test_journey import fill_to_check, page_of, qtbot_click
from ui.context import AppContext
from ui.journey.confirmation import ConfirmationPage
from ui.main_window import MainWindow
from ui.services import Services
from ui.session import SessionController

NAME, CCCD, PHONE = "Nguyễn Văn An", "001090000123", "0912345678"  # as tests.ui.test_journey types them


def _variants() -> list[str]:
    return [
        NAME,
        NAME.upper(),
        "Nguyen Van An",
        CCCD,
        "001 090 000 123",
        PHONE,
        "0912 345 678",
        "+84912345678",
    ]


def _model_texts(
    model: QAbstractItemModel | None, parent: QModelIndex | None = None, depth: int = 0
) -> Iterator[str]:
    if model is None or depth > 3:
        return
    parent = parent or QModelIndex()
    for row in range(model.rowCount(parent)):
        try:
            columns = model.columnCount(parent)
        except TypeError:  # a list model: one column, and its columnCount is private to Python
            columns = 1
        for column in range(max(columns, 1)):
            index = model.index(row, column, parent)
            for role in (
                Qt.ItemDataRole.DisplayRole,
                Qt.ItemDataRole.ToolTipRole,
                Qt.ItemDataRole.AccessibleTextRole,
            ):
                value = model.data(index, role)
                if value is not None:
                    yield str(value)
            if column == 0 and columns > 1 and model.rowCount(index):
                yield from _model_texts(model, index, depth + 1)


def widget_texts(widget: QWidget) -> Iterator[str]:
    yield widget.accessibleName()
    yield widget.accessibleDescription()
    yield widget.toolTip()
    yield widget.windowTitle()
    if isinstance(widget, QLabel | QLineEdit | QAbstractButton):
        yield widget.text()
    if isinstance(widget, QLineEdit):
        yield widget.placeholderText()
        completer = widget.completer()
        if completer is not None:
            yield from _model_texts(completer.model())
    if isinstance(widget, QTextEdit):
        yield widget.toPlainText()
    if isinstance(widget, QPlainTextEdit):
        yield widget.toPlainText()
    if isinstance(widget, QComboBox):
        yield from (widget.itemText(i) for i in range(widget.count()))
        yield from _model_texts(widget.model())
    if isinstance(widget, QAbstractItemView):
        yield from _model_texts(widget.model())


def flush() -> None:
    """Deleted screens really go (deleteLater), as they do between two people."""
    for _ in range(3):
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()


def files_holding(root: Path) -> list[str]:
    """Files under `root` whose bytes hold the citizen's data in plain text."""
    needles = [v.encode() for v in _variants()] + [NAME.encode("utf-16-le")]
    found = []
    for path in root.rglob("*"):
        try:
            data = path.read_bytes() if path.is_file() else b""
        except OSError:
            continue
        if any(needle in data for needle in needles):
            found.append(str(path))
    return found


def traces(window: MainWindow) -> list[str]:
    """Every place the citizen's data still shows or sits, described for the failure message."""
    found = []
    # The window and everything parented to it: its pages, hidden ones too, and its dialogs. (Not
    # QApplication.allWidgets(): it also wraps widgets other tests left behind, which can crash.)
    for widget in [window, *window.findChildren(QWidget)]:
        for text in widget_texts(widget):
            if text and any(v.casefold() in text.casefold() for v in _variants()):
                found.append(f"{type(widget).__name__}#{widget.objectName()}: {text[:60]!r}")
    clipboard = QGuiApplication.clipboard()
    if clipboard is not None and any(v in clipboard.text() for v in _variants()):
        found.append("clipboard")
    return found


@pytest.fixture
def temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary directory of the test's own (Python's tempfile and Qt's TMPDIR): nothing can hide."""
    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    monkeypatch.setenv("TMPDIR", str(private))
    assert Path(tempfile.gettempdir()) == private
    return private


@pytest.fixture
def kiosk(
    qtbot: Any, catalog: Catalog, tmp_path: Path, temp: Path
) -> Iterator[tuple[MainWindow, AppContext, SessionController]]:
    mode: Mode = "post_office"
    services = Services(
        config=Config(mode=mode), data_dir=tmp_path / "data", key=training_key(), training=True
    )
    context = AppContext.create(services)
    window = MainWindow(catalog, context=context)
    qtbot.addWidget(window)
    session = SessionController(window, context, mode=mode)
    session.start()
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    settle(qtbot, context)
    yield window, context, session
    session.shutdown()
    session.idle.stop()
    context.close()
    services.close()


def test_after_next_person_nothing_holds_the_last_citizen(
    qtbot: Any, kiosk: tuple[MainWindow, AppContext, SessionController], temp: Path
) -> None:
    window, context, session = kiosk
    start_journey(qtbot, window)
    settle(qtbot, context)
    check = fill_to_check(qtbot, window)
    QGuiApplication.clipboard().setText(NAME)  # the agent copied the name to look something up
    assert traces(window), "the test must see the citizen before the session ends"
    qtbot_click(session.bar.next_person)
    settle(qtbot, context)
    flush()
    assert window.journey is None and window.stack.currentWidget() is window.home
    assert traces(window) == []
    assert files_holding(temp) == [] and files_holding(context.services.data_dir) == []
    assert not shiboken6.isValid(check)  # the check page with the answers is gone, not just hidden


def test_after_sign_out_nothing_holds_the_last_citizen(
    qtbot: Any, kiosk: tuple[MainWindow, AppContext, SessionController], temp: Path
) -> None:
    window, context, session = kiosk
    agents = window.agents
    agents.sign_in_call = lambda _u, _p: ("token-1", AgentIdentity("BD-0001", "Nguyễn Thị Lan", "Bưu điện"))
    qtbot_click(agents.sign_in_button)
    agents.page.username.setText("buudien01")
    agents.page.password.setText("matkhau01")
    qtbot_click(agents.page.submit)
    page = agents.pin_page
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page, timeout=10_000)
    page.first.setText("246810")
    page.second.setText("246810")
    qtbot_click(page.save)
    qtbot.waitUntil(lambda: agents.desk.session is not None, timeout=10_000)

    start_journey(qtbot, window)
    settle(qtbot, context)
    check = fill_to_check(qtbot, window)
    draw_signature(qtbot, check)
    submit(qtbot, check)
    qtbot.waitUntil(lambda: isinstance(page_of(window), ConfirmationPage), timeout=20_000)
    QGuiApplication.clipboard().setText(f"{NAME} {CCCD}")
    qtbot_click(session.bar.drafts)  # the list of drafts is open too when the agent leaves
    settle(qtbot, context)
    assert traces(window), "the test must see the citizen before the agent signs out"
    qtbot_click(agents.sign_out_button)
    settle(qtbot, context)
    flush()
    assert agents.desk.session is None and agents.agent_id() is None
    assert window.journey is None and window.stack.currentWidget() is window.home
    assert traces(window) == []
    assert files_holding(temp) == [] and files_holding(context.services.data_dir) == []
