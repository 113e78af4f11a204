"""Issue #17: honest offline words and fast recovery, in the real window against the sandbox portal.

The portal is stopped mid-way and started again on the same port with its data. The sync engine's clock
is a FakeClock: the runner's next cycle is read from what it armed, and the timer's firing is played by
calling its slot (`run_now`) after moving the clock, so nothing waits for a real 10 s.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog

from kiosk.catalog import Catalog
from kiosk.events_tally import new_event, save_event
from kiosk.store import DossierState
from sync.clock import FakeClock
from sync.sandbox.server import RunningSandbox, start_in_thread
from tests.reliability.harness import queue_dossiers
from tests.ui.test_agent_steps import (
    build,
    close,
    draw_signature,
    on_store,
    set_pin,
    settle,
    sign_in,
    signed_in,
    start_journey,
    submit,
)
from tests.ui.test_journey import fill_to_check, page_of, qtbot_click
from ui.journey.confirmation import ConfirmationPage
from ui.receipt import ReceiptPreview
from ui.sync_runner import SyncEngine, SyncRunner

OFFLINE_NOTE = "Chưa kết nối được cổng dịch vụ công. 1 hồ sơ đang chờ gửi, máy sẽ tự gửi khi có mạng."


class Portal:
    """The sandbox portal, stopped and started again on one address with its data."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.running: RunningSandbox = start_in_thread(db_path=db)
        self.url = self.running.url
        self.port = int(self.url.rsplit(":", 1)[1])

    def stop(self) -> None:
        self.running.stop()

    def start(self) -> None:
        self.running = start_in_thread(port=self.port, db_path=self.db)


@pytest.fixture
def portal(tmp_path: Path) -> Iterator[Portal]:
    made = Portal(tmp_path / "portal.sqlite3")
    yield made
    made.stop()


def runner_for(window: Any, context: Any, clock: FakeClock) -> SyncRunner:
    engine = SyncEngine(context.services, clock=clock)
    return SyncRunner(window, context, engine, interval_ms=60_000, nudge_ms=10)


def stop(runner: SyncRunner, context: Any) -> None:
    """Stop the runner and let its engine close (its client's sockets) before the pools go."""
    runner.stop()
    context.tasks.wait_idle()
    close(context)


def state_of(context: Any, ref: str) -> DossierState:
    summary = on_store(context, lambda store: store.dossier_summary(ref))
    assert summary is not None
    state: DossierState = summary.state
    return state


def test_offline_the_runner_looks_again_at_the_next_probe_and_sends_within_15_s_of_the_return(
    qtbot: Any, catalog: Catalog, tmp_path: Path, portal: Portal
) -> None:
    window, context = build(qtbot, catalog, tmp_path / "kiosk", portal.url)
    clock = FakeClock(datetime.now(UTC))
    runner = runner_for(window, context, clock)
    try:
        portal.stop()
        (ref,) = on_store(context, lambda store: queue_dossiers(store, 1, attachment_size=2_000))
        runner.start()
        qtbot.waitUntil(lambda: runner.cycles >= 1, timeout=20_000)
        assert window.status_text().startswith("Ngoại tuyến · Chờ gửi: 1 · ")
        # Not at the usual interval (60 s here, 30 s in the app), nor after a backoff of minutes.
        assert runner.next_cycle_ms is not None and 8_000 <= runner.next_cycle_ms <= 12_000
        assert window.send_now_button.isVisible() and window.send_now_button.text() == "Gửi ngay"

        # "Gửi ngay" while the portal is gone: it tries at once and says what happened.
        qtbot_click(window.send_now_button)
        qtbot.waitUntil(window.status_note.isVisible, timeout=20_000)
        assert window.status_note.text() == "Chưa gửi được: chưa kết nối được cổng dịch vụ công."
        window.set_language("en")  # English beside Vietnamese: the note and the button follow
        assert window.status_note.text() == "Not sent: the public-service portal cannot be reached."
        assert window.send_now_button.text() == "Send now"
        window.set_language("vi")
        assert window.send_now_button.isEnabled() and state_of(context, ref) is DossierState.QUEUED

        # The portal returns; the timer fires when the next probe is due: the dossier is sent.
        portal.start()
        back = clock()
        assert runner.next_cycle_ms is not None and runner.next_cycle_ms <= 12_000
        clock.advance(runner.next_cycle_ms / 1000)
        cycles = runner.cycles
        runner.run_now()  # what the timer's timeout calls
        qtbot.waitUntil(lambda: runner.cycles > cycles, timeout=20_000)
        assert state_of(context, ref) is DossierState.SUBMITTED
        assert (clock() - back).total_seconds() <= 15
        assert window.status_text().startswith("Trực tuyến · Chờ gửi: 0 · ")
        assert not window.send_now_button.isVisible()  # nothing waits
        assert runner.next_cycle_ms == 60_000  # online: the usual interval again
    finally:
        stop(runner, context)


def test_a_volunteer_offline_is_told_saved_and_waiting_everywhere_and_sends_with_gui_send_now(
    qtbot: Any, catalog: Catalog, tmp_path: Path, portal: Portal
) -> None:
    window, context = build(qtbot, catalog, tmp_path / "kiosk", portal.url, mode="community_team")
    runner = runner_for(window, context, FakeClock(datetime.now(UTC)))
    try:
        runner.start()
        sign_in(qtbot, window, "tinhnguyen01", "matkhau01")
        set_pin(qtbot, window)
        qtbot.waitUntil(lambda: signed_in(window), timeout=10_000)
        event = new_event("Ngày hội dịch vụ công", "01", "00070", "22/11/2026", datetime.now(UTC))
        on_store(context, lambda store: save_event(store, event))
        link = window.event_mode
        link.load()
        qtbot.waitUntil(lambda: link.current is not None, timeout=10_000)
        portal.stop()  # the network goes mid-way

        start_journey(qtbot, window)
        settle(qtbot, context)
        check = fill_to_check(qtbot, window)
        draw_signature(qtbot, check)
        submit(qtbot, check)
        qtbot.waitUntil(lambda: isinstance(page_of(window), ConfirmationPage), timeout=20_000)
        page = page_of(window)
        assert isinstance(page, ConfirmationPage) and window.journey is not None
        ref = window.journey.client_ref
        qtbot.waitUntil(lambda: window.status_text().startswith("Ngoại tuyến · Chờ gửi: 1"), timeout=20_000)
        settle(qtbot, context)

        # Nothing has reached the portal: no "Đã nhận hồ sơ", no "Đã nộp".
        assert page.heading.text() == "Hồ sơ đã lưu, đang chờ gửi"
        assert page.next_text.text().startswith("Khi hồ sơ đã gửi tới Cổng dịch vụ công,")
        qtbot.waitUntil(lambda: link.strip_label.text().endswith("Chờ gửi 1 · Đã gửi 0"), timeout=10_000)
        assert "Đã bắt đầu 1 hồ sơ · Chờ gửi 1 · Đã gửi 0" in link.strip_label.text()
        receipt = open_receipt(qtbot, window, page)
        assert "Tình trạng: Đã lưu trên máy, chưa gửi — sẽ gửi lên Cổng dịch vụ công khi có mạng" in receipt
        assert page.send_now.isVisible() and page.send_now.text() == "Gửi ngay"

        # "Gửi ngay" offline: the page says what happened.
        qtbot_click(page.send_now)
        qtbot.waitUntil(lambda: page.send_result.text() == OFFLINE_NOTE, timeout=20_000)
        assert page.send_now.isEnabled() and page.heading.text() == "Hồ sơ đã lưu, đang chờ gửi"

        # The network is back: "Gửi ngay" sends it now; every screen says so.
        portal.start()
        qtbot_click(page.send_now)
        qtbot.waitUntil(lambda: state_of(context, ref) is DossierState.SUBMITTED, timeout=20_000)
        qtbot.waitUntil(lambda: page.heading.text() == "Đã nhận hồ sơ", timeout=10_000)
        assert not page.send_now.isVisible() and not page.send_result.isVisible()
        qtbot.waitUntil(lambda: link.strip_label.text().endswith("Chờ gửi 0 · Đã gửi 1"), timeout=10_000)
        assert not window.status_note.isVisible()  # pressed on the page: the page said it
        receipt = open_receipt(qtbot, window, page)
        assert "Tình trạng: Mới đăng ký" in receipt and "chưa gửi" not in receipt
    finally:
        stop(runner, context)


def open_receipt(qtbot: Any, window: Any, page: ConfirmationPage) -> str:
    qtbot_click(page.receipt)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(ReceiptPreview)), timeout=10_000)
    (dialog,) = [d for d in window.findChildren(ReceiptPreview) if d.isVisible()]
    text = dialog.receipt.plain_text()
    dialog.close()
    qtbot.waitUntil(lambda: not any(d.isVisible() for d in window.findChildren(QDialog)), timeout=10_000)
    return text


def test_self_service_has_no_send_now(qtbot: Any, catalog: Catalog, tmp_path: Path, portal: Portal) -> None:
    window, context = build(qtbot, catalog, tmp_path / "kiosk", portal.url, mode="self_service")
    runner = runner_for(window, context, FakeClock(datetime.now(UTC)))
    try:
        portal.stop()
        on_store(context, lambda store: queue_dossiers(store, 1, attachment_size=2_000))
        runner.start()
        qtbot.waitUntil(lambda: runner.cycles >= 1, timeout=20_000)
        assert window.status_text().startswith("Ngoại tuyến · Chờ gửi: 1")
        assert not window.send_now_button.isVisible()
        cycles = runner.cycles
        runner.send_now()  # even asked for, it does nothing on a self-service terminal
        settle(qtbot, context)
        assert runner.cycles == cycles and not window.status_note.isVisible()
    finally:
        stop(runner, context)
