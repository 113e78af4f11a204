"""Starting the app: the first frame says "Đang tải…" while the catalog loads off the UI thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.catalog import Catalog, CatalogError
from ui.app import CatalogLoader, run_app
from ui.main_window import MainWindow


@pytest.fixture
def release() -> Iterator[threading.Event]:
    event = threading.Event()
    yield event
    event.set()  # never leave a worker blocked if the test failed early


def test_window_shows_loading_and_stays_responsive_while_the_catalog_loads(
    qtbot: QtBot, catalog: Catalog, release: threading.Event
) -> None:
    window = MainWindow(None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.stack.currentWidget() is window.loading
    assert window.loading_label.text() == "Đang tải…"

    def slow_load() -> Catalog:
        release.wait(timeout=10)
        return catalog

    loader = CatalogLoader(slow_load, window)
    loader.catalog_did_load.connect(window.set_catalog)
    loader.start()
    # The loader is blocked on its thread; the window still answers a person.
    window.set_language("en")
    assert window.loading_label.text() == "Loading…"
    assert window.home is None
    release.set()
    qtbot.waitUntil(lambda: window.home is not None)
    assert window.stack.currentWidget() is window.home
    assert window.home is not None and window.home.heading.text() == "What do you need to do?"
    loader.wait()


def test_run_app_shows_home_then_exits_with_the_loop_code(qapp: QApplication, catalog: Catalog) -> None:
    seen: list[str] = []

    def ready(window: MainWindow) -> None:
        assert window.home is not None
        seen.append(window.home.heading.text())
        QTimer.singleShot(0, window.close)

    code = run_app([], catalog_loader=lambda: catalog, training=True, on_ready=ready)
    assert code == 0
    assert seen == ["Bạn cần làm thủ tục gì?"]


def test_a_catalog_that_fails_to_load_is_explained_on_screen(qapp: QApplication) -> None:
    shown: list[str] = []

    def broken() -> Catalog:
        raise CatalogError(["procedures/x.yaml:3: missing required key 'name'"])

    def ready(window: MainWindow) -> None:
        shown.append(window.error_title.text())
        shown.append(window.error_text.text())
        QTimer.singleShot(0, window.close)

    assert run_app([], catalog_loader=broken, on_ready=ready) == 0
    assert shown[0] == "Chưa mở được danh mục thủ tục"
    assert shown[1].startswith("Danh mục thủ tục có 1 lỗi")
