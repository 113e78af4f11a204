"""Qt test set-up: bundled fonts, a kiosk window at 1366×768, and Qt warnings that fail the test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QtMsgType
from PySide6.QtWidgets import QApplication

from kiosk.catalog import Catalog, bundled_catalog
from kiosk.config import Config
from kiosk.crypto import training_key
from ui import theme
from ui.context import AppContext
from ui.fonts import use_bundled_font
from ui.main_window import MainWindow
from ui.services import Services

# Qt messages that are not about the kiosk and cannot be avoided in a headless run; keep it empty
# unless a message is truly outside our control, and say why next to it.
ALLOWED_QT_MESSAGES: tuple[str, ...] = ()


@pytest.fixture(autouse=True)
def qt_warnings_fail(qtlog: object) -> Iterator[None]:
    """A Qt warning or critical message during a test fails it: they hide real layout/style bugs."""
    yield
    bad = [
        record.message
        for record in qtlog.records  # type: ignore[attr-defined]
        if record.type in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
        and not any(allowed in record.message for allowed in ALLOWED_QT_MESSAGES)
        # A test's own `qt_log_ignore` mark, with its reason beside it (Qt's print and file dialogs,
        # shown offscreen, warn that the platform cannot size a window: never under X11 or Windows).
        and not record.ignored
    ]
    if bad:
        pytest.fail("Qt warnings:\n" + "\n".join(bad))


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return bundled_catalog()


@pytest.fixture(autouse=True)
def fonts(qapp: QApplication) -> None:
    use_bundled_font(qapp, theme.point_size(100))


@pytest.fixture
def make_window(qtbot: object, catalog: Catalog) -> Callable[..., MainWindow]:
    """Build, show and focus a window as the app does (1366×768); closed by qtbot afterwards."""

    def make(**settings: object) -> MainWindow:
        window = MainWindow(catalog, **settings)  # type: ignore[arg-type]
        qtbot.addWidget(window)  # type: ignore[attr-defined]
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)  # type: ignore[attr-defined]
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)  # type: ignore[attr-defined]
        if window.home is not None and window.stack.currentWidget() is window.home:
            window.home.arrive()
        return window

    return make


@pytest.fixture
def window(make_window: Callable[..., MainWindow]) -> MainWindow:
    return make_window()


@pytest.fixture
def context(tmp_path: Path) -> Iterator[AppContext]:
    """A self-service terminal's store worker, network pool and app signals (a module may override it)."""
    services = Services(config=Config(mode="self_service"), data_dir=tmp_path / "kiosk", key=training_key())
    ctx = AppContext.create(services)
    yield ctx
    ctx.close()
    services.close()
