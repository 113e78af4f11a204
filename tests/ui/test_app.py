"""Starting the app: the home screen as the first frame; "Đang tải…" only while a slow catalog loads."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

import sync.catalog_refresh
import ui.app
import ui.cli
from kiosk.catalog import Catalog, CatalogError
from kiosk.config import Config, Mode
from kiosk.crypto import training_key
from kiosk.home_list import CardGroup, CardText, keep_first_screen, read_first_screen
from ui.app import CatalogLoader, run_app
from ui.home import HomePage
from ui.main_window import MainWindow
from ui.services import Services
from ui.session import SessionBar
from ui.widgets import after_first_paint


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
    window.show_loading()
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
    assert seen == ["Ông/Bà cần làm thủ tục gì?"]


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


class FirstFrames(QObject):
    """Notes, for every paint of a kiosk window's screen, which screen it was and what was installed."""

    def __init__(self) -> None:
        super().__init__()
        self.frames: list[tuple[str, bool, bool]] = []  # (screen, features installed, session bar)
        self.on_paint: Callable[[MainWindow], None] | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            window = watched.window()
            if isinstance(window, MainWindow):
                current = window.stack.currentWidget()
                screen = (
                    "home" if current is window.home else "loading" if current is window.loading else "other"
                )
                bar = window.findChild(SessionBar) is not None
                frame = (screen, hasattr(window, "agents"), bar)
                if not self.frames or self.frames[-1] != frame:
                    self.frames.append(frame)
                if self.on_paint is not None:
                    self.on_paint(window)
        return False


@pytest.fixture
def frames(qapp: QApplication) -> Iterator[FirstFrames]:
    watch = FirstFrames()
    qapp.installEventFilter(watch)
    yield watch
    qapp.removeEventFilter(watch)


def test_the_home_screen_is_the_first_frame_and_the_rest_comes_just_after(
    frames: FirstFrames, catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = Services(config=Config(mode="post_office"), data_dir=tmp_path / "kiosk", key=training_key())
    ready: list[MainWindow] = []
    monkeypatch.setattr(ui.app, "CATALOG_WAIT_S", 10.0)  # far longer than this catalog takes

    def loader() -> Catalog:
        time.sleep(0.05)  # a catalog that is not instant: the window must still wait for it
        return catalog

    def on_ready(window: MainWindow) -> None:
        ready.append(window)
        QTimer.singleShot(0, window.close)

    try:
        assert run_app([], catalog_loader=loader, services=services, on_ready=on_ready) == 0
    finally:
        services.close()
    # First frame: the home screen, before agents, tracking, events and the session bar exist.
    assert frames.frames[0] == ("home", False, False)
    assert "loading" not in [screen for screen, _, _ in frames.frames]
    window = ready[0]
    assert window.agents is not None and window.event_mode is not None  # then installed, once
    assert window.findChild(QWidget, "event-page") is None  # the event page waits for "Sự kiện"


def test_a_slow_catalog_shows_loading_first_then_the_home_screen(
    frames: FirstFrames, catalog: Catalog, release: threading.Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ui.app, "CATALOG_WAIT_S", 0.01)

    def slow() -> Catalog:
        release.wait(timeout=10)
        return catalog

    def painted(window: MainWindow) -> None:
        if window.stack.currentWidget() is window.loading:
            release.set()  # the person has seen "Đang tải…": now the catalog may arrive

    frames.on_paint = painted
    headings: list[str] = []

    def on_ready(window: MainWindow) -> None:
        assert window.home is not None
        headings.append(window.home.heading.text())
        QTimer.singleShot(0, window.close)

    assert run_app([], catalog_loader=slow, on_ready=on_ready) == 0
    screens = [screen for screen, _, _ in frames.frames]
    assert screens[0] == "loading"
    assert "home" in screens
    assert headings == ["Ông/Bà cần làm thủ tục gì?"]


def test_a_window_built_without_its_features_installs_them_when_a_filing_starts(
    qtbot: QtBot, catalog: Catalog
) -> None:
    window = MainWindow(catalog, features=False)
    qtbot.addWidget(window)
    assert not hasattr(window, "agents")
    window.start_journey("2.000635")
    assert window.journey is not None
    assert window.agents is not None and window.bundles is not None
    agents = window.agents
    window.install_features()  # a second call changes nothing
    assert window.agents is agents


def test_after_first_paint_runs_once_after_a_paint_or_at_the_latest_without_one(qtbot: QtBot) -> None:
    shown, hidden = QLabel("Ông/Bà cần làm thủ tục gì?"), QLabel("never shown")
    qtbot.addWidget(shown)
    qtbot.addWidget(hidden)
    calls: list[str] = []
    after_first_paint(shown, lambda: calls.append("shown"), at_latest_ms=60_000)
    after_first_paint(hidden, lambda: calls.append("hidden"), at_latest_ms=200)
    shown.show()
    qtbot.waitUntil(lambda: "shown" in calls)
    shown.repaint()  # a second paint calls nothing more
    qtbot.waitUntil(lambda: "hidden" in calls)  # no paint ever: the deadline runs it
    qtbot.wait(50)
    assert sorted(calls) == ["hidden", "shown"]


def card_codes(home: HomePage) -> list[str]:
    return [card.objectName().removeprefix("procedure-") for card in home.visible_cards()]


def first_screen(qtbot: QtBot, catalog: Catalog) -> tuple[MainWindow, HomePage]:
    window = MainWindow(None, features=False)
    qtbot.addWidget(window)
    window.set_catalog(catalog, first_frame=True)
    assert window.home is not None
    return window, window.home


def show_and_settle(qtbot: QtBot, window: MainWindow, home: HomePage) -> None:
    """Show the window and wait until what its first paint queued has run."""
    settled: list[bool] = []
    # Filters see the paint in reverse order of installation, so this one queues its timer before
    # the home's: one more turn of the loop puts `settled` after the home's work.
    after_first_paint(home.heading, lambda: QTimer.singleShot(0, lambda: settled.append(True)))
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: bool(settled))


def test_a_first_screen_home_builds_below_the_fold_just_after_it_paints(
    qtbot: QtBot, catalog: Catalog
) -> None:
    window, home = first_screen(qtbot, catalog)
    first = next(c for c in catalog.categories.values() if catalog.in_category(c.id))
    assert card_codes(home) == [p.code for p in catalog.in_category(first.id)]
    assert home.findChild(QWidget, "bundle-open-lien_thong_khai_sinh") is None
    show_and_settle(qtbot, window, home)
    everything = [p.code for c in catalog.categories.values() for p in catalog.in_category(c.id)]
    assert card_codes(home) == everything
    assert home.findChild(QWidget, "bundle-open-lien_thong_khai_sinh") is not None
    # Tab goes from the search box through every card, in the order shown.
    chain: list[str] = []
    widget = home.search.nextInFocusChain()
    while widget is not home.search and len(chain) < 100:
        if widget.objectName().startswith("procedure-"):
            chain.append(widget.objectName().removeprefix("procedure-"))
        widget = widget.nextInFocusChain()
    assert chain == everything


def test_a_list_rebuilt_before_the_first_paint_is_not_extended_twice(qtbot: QtBot, catalog: Catalog) -> None:
    window, home = first_screen(qtbot, catalog)
    window.set_language("en")  # "English" pressed before the first frame: the whole list, in English
    show_and_settle(qtbot, window, home)
    assert sorted(card_codes(home)) == sorted(catalog.procedures)  # each card once
    assert len(home.findChildren(QWidget, "bundle-open-lien_thong_khai_sinh")) == 1


def test_collection_paused_for_the_start_resumes_even_when_the_window_never_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "config.toml").write_text("mode = [", encoding="utf-8")  # unreadable: no window
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path))
    assert gc.isenabled()
    assert ui.cli.main([]) == 1
    assert "config.toml" in capsys.readouterr().err
    assert gc.isenabled()


def test_after_the_first_frame_the_start_is_frozen_out_of_collection() -> None:
    gc.disable()
    try:
        ui.cli._after_first_frame(None)
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
    finally:
        gc.enable()
        gc.unfreeze()


def test_a_preloaded_catalog_is_loaded_once_on_a_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[str] = []
    real = sync.catalog_refresh.current_catalog

    def load(data_dir: Path) -> Catalog:
        threads.append(threading.current_thread().name)
        return real(data_dir)

    monkeypatch.setattr(sync.catalog_refresh, "current_catalog", load)
    services = Services(config=Config(mode="post_office"), data_dir=tmp_path, key=training_key())
    services.preload_catalog()
    services.preload_catalog()  # a second call starts nothing more
    assert services.catalog is services.catalog
    assert len(threads) == 1 and threads[0].startswith("catalog-preload")


def kept_first_category(catalog: Catalog, data_dir: Path) -> CardGroup:
    """What the start before this one kept (kiosk.home_list)."""
    keep_first_screen(data_dir, catalog)
    kept = read_first_screen(data_dir, "vi")
    assert kept is not None
    return kept


def test_with_a_kept_first_category_the_home_paints_before_the_catalog_loads(
    frames: FirstFrames, catalog: Catalog, tmp_path: Path
) -> None:
    kept = kept_first_category(catalog, tmp_path)
    services = Services(config=Config(mode="post_office"), data_dir=tmp_path, key=training_key())
    at_first_paint: list[tuple[list[str], bool]] = []
    loads: list[int] = []  # frames painted when the catalog began to load

    def loader() -> Catalog:
        loads.append(len(frames.frames))
        return catalog

    def painted(window: MainWindow) -> None:
        if not at_first_paint and window.home is not None:
            bundles = window.home.findChild(QWidget, "bundle-open-lien_thong_khai_sinh") is not None
            at_first_paint.append((card_codes(window.home), bundles))

    frames.on_paint = painted
    ready: list[MainWindow] = []

    def on_ready(window: MainWindow) -> None:
        ready.append(window)
        QTimer.singleShot(0, window.close)

    try:
        assert run_app([], catalog_loader=loader, services=services, on_ready=on_ready, kept_home=kept) == 0
    finally:
        services.close()
    assert frames.frames[0] == ("home", False, False)
    # The first frame: the kept first category, nothing below it yet; the catalog only after it.
    assert at_first_paint == [([card.code for card in kept.cards], False)]
    assert loads and loads[0] >= 1
    window = ready[0]
    assert window.catalog is catalog and window.home is not None
    everything = [p.code for c in catalog.categories.values() for p in catalog.in_category(c.id)]
    assert card_codes(window.home) == everything  # completed in place, each card once
    assert window.home.findChild(QWidget, "bundle-open-lien_thong_khai_sinh") is not None
    assert window.agents is not None  # and the rest of the app as usual


def test_a_kept_category_the_catalog_no_longer_has_is_replaced(qtbot: QtBot, catalog: Catalog) -> None:
    window = MainWindow(None, features=False)
    qtbot.addWidget(window)
    old = CardGroup("Thủ tục cũ", (CardText("9.999999", "Một thủ tục đã bỏ", ("Không còn nữa",)),))
    window.show_kept_home(old)
    assert window.home is not None
    assert card_codes(window.home) == ["9.999999"]
    window.set_catalog(catalog)
    everything = [p.code for c in catalog.categories.values() for p in catalog.in_category(c.id)]
    assert card_codes(window.home) == everything
    texts = [w.text() for w in window.home.findChildren(QLabel) if w.isVisibleTo(window.home)]
    assert "Thủ tục cũ" not in texts and "Một thủ tục đã bỏ" not in texts


def test_what_a_person_does_before_the_catalog_is_in_is_answered_once_it_is(
    qtbot: QtBot, catalog: Catalog, tmp_path: Path
) -> None:
    window = MainWindow(None, features=False)
    qtbot.addWidget(window)
    window.show_kept_home(kept_first_category(catalog, tmp_path))
    home = window.home
    assert home is not None
    window.show()
    qtbot.keyClicks(home.search, "thuong tru")  # typed in the moment before the catalog is in
    assert home.search.text() == "thuong tru"
    window.set_catalog(catalog)
    assert window.home is home  # the same screen: what was typed stays, and is answered
    assert home.visible_cards()[0].title.text() == "Đăng ký thường trú"
    # A card pressed on the kept list opens its "Chuẩn bị" page when the catalog arrives.
    other = MainWindow(None, features=False)
    qtbot.addWidget(other)
    other.show_kept_home(kept_first_category(catalog, tmp_path))
    assert other.home is not None
    first = other.home.visible_cards()[0]
    code = first.objectName().removeprefix("procedure-")
    first.click()
    assert other.stack.currentWidget() is other.home  # nothing to show yet, nothing lost
    other.set_catalog(catalog)
    qtbot.waitUntil(lambda: other.stack.currentWidget() is other.prepare)
    assert other.prepare is not None and other.prepare.procedure is not None
    assert other.prepare.procedure.code == code


@pytest.mark.parametrize("mode", ["post_office", "self_service"])
def test_a_card_pressed_before_the_catalog_is_in_opens_once_the_app_is_ready(
    qapp: QApplication, catalog: Catalog, tmp_path: Path, mode: Mode, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = kept_first_category(catalog, tmp_path)
    services = Services(config=Config(mode=mode), data_dir=tmp_path, key=training_key())
    pressed = threading.Event()
    chosen: list[str] = []
    shown: list[object] = []

    def loader() -> Catalog:
        pressed.wait(timeout=10)  # the catalog arrives only after the card was pressed
        return catalog

    def press_first_card(window: MainWindow) -> None:
        assert window.home is not None
        card = window.home.visible_cards()[0]
        chosen.append(card.objectName().removeprefix("procedure-"))
        card.click()
        pressed.set()

    def on_ready(window: MainWindow) -> None:
        windows.append(window)

        def look() -> None:
            assert window.prepare is not None
            procedure = window.prepare.procedure
            shown.append((window.stack.currentWidget() is window.prepare, procedure and procedure.code))
            # A self-service window is locked (closing needs the operator PIN): end the loop instead.
            QApplication.exit(0)

        QTimer.singleShot(50, look)  # the session has opened its home screen by now

    real_show_kept_home = MainWindow.show_kept_home

    def show_kept_home(window: MainWindow, group: CardGroup) -> None:
        real_show_kept_home(window, group)
        QTimer.singleShot(0, lambda: press_first_card(window))

    monkeypatch.setattr(MainWindow, "show_kept_home", show_kept_home)
    windows: list[MainWindow] = []
    try:
        assert run_app([], catalog_loader=loader, services=services, on_ready=on_ready, kept_home=kept) == 0
    finally:
        for window in windows:  # unlocked by run_app's shutdown: the next test starts with no window of ours
            window.close()
            window.deleteLater()
        QApplication.processEvents()
        services.close()
    assert shown == [(True, chosen[0])]
