"""Background sync and the status bar: offline without a portal, online with the sandbox portal in-thread."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.catalog import Catalog
from kiosk.config import Config
from kiosk.crypto import training_key
from kiosk.store import DossierState, Store
from sync.sandbox.server import RunningSandbox, start_in_thread
from tests.reliability.harness import queue_dossiers
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.services import SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, Services
from ui.sync_runner import SyncRunner

LAST_SYNC = re.compile(r"Đồng bộ lần cuối: \d\d:\d\d \d\d/\d\d/\d{4}$")


@pytest.fixture
def portal() -> Iterator[RunningSandbox]:
    with start_in_thread(host="127.0.0.1") as running:
        yield running


def build(
    qtbot: QtBot, catalog: Catalog, data_dir: Path, portal_url: str = ""
) -> tuple[MainWindow, AppContext]:
    config = Config(
        mode="post_office",
        portal_url=portal_url,
        client_id=SANDBOX_CLIENT_ID if portal_url else "",
        client_secret=SANDBOX_CLIENT_SECRET if portal_url else "",
    )
    services = Services(config=config, data_dir=data_dir, key=training_key(), training=True)
    context = AppContext.create(services)
    window = MainWindow(catalog, context=context)
    qtbot.addWidget(window)
    window.show()
    return window, context


def queue(context: AppContext, count: int = 1) -> list[str]:
    refs: list[str] = context.tasks.run_store(lambda store: queue_dossiers(store, count)).result(timeout=30)
    return refs


def test_without_a_portal_the_status_bar_says_offline_with_the_queue(
    qtbot: QtBot, catalog: Catalog, tmp_path: Path
) -> None:
    window, context = build(qtbot, catalog, tmp_path)
    queue(context, 2)
    runner = SyncRunner(window, context, interval_ms=60_000, nudge_ms=10)
    try:
        runner.start()
        qtbot.waitUntil(lambda: runner.cycles >= 1, timeout=10_000)
        assert window.status_text() == "Ngoại tuyến · Chờ gửi: 2 · Chưa đồng bộ"
    finally:
        runner.stop()
        context.close()
        context.services.close()


def test_status_bar_shows_online_sends_the_queue_and_goes_offline_when_the_portal_stops(
    qtbot: QtBot, catalog: Catalog, tmp_path: Path, portal: RunningSandbox
) -> None:
    window, context = build(qtbot, catalog, tmp_path, portal.url)
    changed: list[str] = []
    context.events.dossier_did_change.connect(changed.append)
    connection: list[object] = []
    context.events.connection_did_change.connect(connection.append)
    runner = SyncRunner(window, context, interval_ms=60_000, nudge_ms=10)
    try:
        assert window.status_text().startswith("Đang kiểm tra kết nối…")
        runner.start()
        qtbot.waitUntil(lambda: runner.cycles >= 1, timeout=20_000)
        text = window.status_text()
        assert text.startswith("Trực tuyến · Chờ gửi: 0 · ") and LAST_SYNC.search(text), text
        assert connection == [True]

        # A dossier is queued (as the journey's "Nộp hồ sơ" does): the runner syncs it soon, not in 30 s.
        (ref,) = queue(context)
        context.events.queue_did_change.emit(1)
        qtbot.waitUntil(lambda: ref in changed, timeout=20_000)
        dossier = context.tasks.run_store(lambda store: store.get_dossier(ref)).result(timeout=10)
        assert dossier.summary.state == DossierState.SUBMITTED and dossier.summary.dossier_code
        assert window.status_text().startswith("Trực tuyến · Chờ gửi: 0")

        # The portal goes away: the next cycle shows offline and what waits.
        portal.stop()
        cycles = runner.cycles
        queue(context)
        context.events.queue_did_change.emit(1)
        qtbot.waitUntil(lambda: runner.cycles > cycles, timeout=20_000)
        text = window.status_text()
        assert text.startswith("Ngoại tuyến · Chờ gửi: 1 · ") and LAST_SYNC.search(text), text
        assert connection == [True, False]
    finally:
        runner.stop()
        context.close()
        context.services.close()


def test_a_page_that_could_not_reach_the_portal_has_the_status_bar_checked_at_once(
    qtbot: QtBot, catalog: Catalog, tmp_path: Path, portal: RunningSandbox
) -> None:
    """Tracking said "Không kết nối được cổng" under a status bar still saying "Trực tuyến"."""
    window, context = build(qtbot, catalog, tmp_path, portal.url)
    runner = SyncRunner(window, context, interval_ms=60_000, nudge_ms=10)
    try:
        runner.start()
        qtbot.waitUntil(lambda: runner.cycles >= 1, timeout=20_000)
        assert window.status_text().startswith("Trực tuyến")
        portal.stop()
        cycles = runner.cycles
        context.events.portal_unreachable.emit()  # as the tracking page does when its fetch fails
        qtbot.waitUntil(lambda: runner.cycles > cycles, timeout=20_000)  # not in the next 60 s
        assert window.status_text().startswith("Ngoại tuyến")
    finally:
        runner.stop()
        context.close()
        context.services.close()


def test_the_sync_engine_uses_its_own_store_connection(
    qtbot: QtBot, catalog: Catalog, tmp_path: Path
) -> None:
    window, context = build(qtbot, catalog, tmp_path)
    runner = SyncRunner(window, context, interval_ms=60_000, nudge_ms=10)
    try:
        runner.start()
        qtbot.waitUntil(lambda: runner.cycles >= 1, timeout=10_000)
        engine_store = runner.engine._store
        ui_store = context.tasks.run_store(lambda store: store).result(timeout=10)
        assert isinstance(engine_store, Store) and engine_store is not ui_store
    finally:
        runner.stop()
        context.close()
        context.services.close()
