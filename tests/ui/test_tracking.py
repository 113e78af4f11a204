"""Tracking with the sandbox portal: status 5 is shown with the request and the phone; the agent adds the
document, sends the supplement (queued, then synced), and the dossier moves on to "Đang xử lý"."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.assets import samples_dir
from kiosk.store import Store
from sync.sandbox import RunningSandbox, start_in_thread
from sync.service import sync_now
from tests.ui import test_find_dossier as shared
from tests.ui.test_find_dossier import Make, file_dossier
from ui.main_window import MainWindow
from ui.services import SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET
from ui.sync_runner import SyncEngine
from ui.tracking_view import TrackingView

make = shared.make  # the window with its seeded store


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[RunningSandbox]:
    with start_in_thread(db_path=tmp_path / "portal.sqlite3", seed=3, backoffice_tick=0) as running:
        yield running


def shown(view: TrackingView) -> str:
    return "\n".join(w.text() for w in view.findChildren(QLabel) if w.isVisibleTo(view))


def open_view(qtbot: QtBot, window: MainWindow, client_ref: str) -> TrackingView:
    qtbot.mouseClick(window.findChild(QPushButton, "open-tracking"), Qt.MouseButton.LeftButton)
    window.tracking.screens.show_dossier(client_ref)
    view = window.tracking.screens.view
    qtbot.waitUntil(
        lambda: view.freshness in ("updated", "offline") and "Quá trình" in shown(view), timeout=10_000
    )
    return view


def test_status_five_supplement_round_trip_from_the_screen(
    qtbot: QtBot, make: Make, sandbox: RunningSandbox
) -> None:
    window, context, refs = make(
        portal_url=sandbox.url, client_id=SANDBOX_CLIENT_ID, client_secret=SANDBOX_CLIENT_SECRET
    )
    services = context.services

    def deliver(store: Store) -> str:
        ref = file_dossier(store, None)
        with services.portal_client() as client:
            sync_now(store, client, owner="test")
        code = store.get_dossier(ref).dossier_code
        assert code is not None
        return ref

    ref = context.tasks.run_store(deliver).result(timeout=60)
    code = context.tasks.run_store(lambda s: s.get_dossier(ref).dossier_code).result()
    httpx.post(f"{sandbox.url}/_sandbox/dossiers/{code}/request-supplement", timeout=30).raise_for_status()

    view = open_view(qtbot, window, ref)
    assert view.freshness == "updated"
    text = shown(view)
    assert "Trạng thái: Yêu cầu bổ sung giấy tờ" in text
    assert "Bản chụp giấy tờ bị mờ" in text  # the portal's note
    assert "Gọi cho người nộp: 0912345678" in text
    assert "Quá trình xử lý" in text and "Mới đăng ký" in text

    add = view.findChild(QPushButton, "tracking-supplement")
    assert add is not None and add.isVisible()
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    page = window.tracking.screens.supplement
    assert window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: bool(page.boxes), timeout=5000)
    page.chooser = lambda *_args: str(samples_dir() / "attachments" / "ban-chinh.pdf")

    send = page.findChild(QPushButton, "supplement-send")
    qtbot.mouseClick(send, Qt.MouseButton.LeftButton)  # nothing added yet: the page says what is missing
    assert page.errors.isVisible() and "Vui lòng thêm tệp này" in page.errors.text()

    (box,) = page.boxes.values()
    qtbot.mouseClick(box.choose, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.attachment() is not None, timeout=10_000)
    page.note.insertPlainText("Đã chụp lại bản rõ nét")  # as an input method types Vietnamese
    qtbot.mouseClick(send, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is view, timeout=10_000)
    qtbot.waitUntil(lambda: "đang chờ gửi" in shown(view), timeout=10_000)  # goes out with the next sync
    qtbot.waitUntil(lambda: view.freshness == "updated", timeout=10_000)  # its own portal check is done

    # The app's own sync round (ui/sync_runner.py) delivers it and says which dossiers moved; the open
    # page follows by itself, with no "Cập nhật" pressed.
    engine = SyncEngine(services)
    try:
        result = engine.cycle(force=True)
    finally:
        engine.close()
    assert result.queued == 0 and ref in result.changed
    for changed in result.changed:
        context.events.dossier_did_change.emit(changed)
    qtbot.waitUntil(
        lambda: "Quá trình xử lý" in shown(view) and "đang chờ gửi" not in shown(view), timeout=10_000
    )
    view.refresh()  # the portal moves the status on in its own time; asking it shows the new one
    qtbot.waitUntil(lambda: "Trạng thái: Đang xử lý" in shown(view), timeout=10_000)
    stats = httpx.get(f"{sandbox.url}/_sandbox/stats", timeout=30).json()
    assert stats["counters"]["supplements"] == 1

    context.events.session_did_end.emit()  # "Người tiếp theo": the phone number leaves the screen
    assert "0912345678" not in shown(view)
    del refs


def test_offline_the_view_shows_what_the_store_has_and_says_it_may_be_old(qtbot: QtBot, make: Make) -> None:
    window, context, refs = make()
    unreachable: list[bool] = []
    context.events.portal_unreachable.connect(lambda: unreachable.append(True))
    view = open_view(qtbot, window, refs["needs"])
    assert unreachable  # sync is told, so the status bar does not go on saying "Trực tuyến"
    text = shown(view)
    assert view.freshness == "offline" and "có thể chưa mới nhất" in text
    assert "Yêu cầu bổ sung giấy tờ" in text and "Gọi cho người nộp: 0912345678" in text
    assert "Hẹn trả kết quả: 25/11/2026" in text
    # Sync moves the dossier on (so the portal answered it): the page asks the portal again rather
    # than go on saying it cannot be reached.
    asked: list[bool] = []
    view.refresh = lambda: asked.append(True)  # type: ignore[method-assign]
    context.events.dossier_did_change.emit(refs["needs"])
    qtbot.waitUntil(lambda: asked == [True], timeout=5000)


def test_self_service_never_shows_the_phone(qtbot: QtBot, make: Make) -> None:
    window, _context, refs = make(mode="community_team")
    view = open_view(qtbot, window, refs["needs"])
    assert "0912345678" in shown(view)
    services = view.context.services  # type: ignore[union-attr]
    services.config = replace(services.config, mode="self_service")  # the operator changed the mode
    view.open_dossier(refs["needs"])
    qtbot.waitUntil(lambda: view.freshness == "offline" and "Quá trình" in shown(view), timeout=5000)
    assert "0912345678" not in shown(view) and view.info is not None and view.info.phone is None
