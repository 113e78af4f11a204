"""The status bar follows a queued dossier and an unreachable portal at once, not at the next sync cycle."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.ui.test_journey import TRICH_LUC, fill_to_check, page_of, qtbot_click
from ui.context import AppContext
from ui.journey.confirmation import ConfirmationPage
from ui.main_window import MainWindow
from ui.sync_runner import SyncRunner

HOUR_MS = 3_600_000  # no cycle runs while the test looks: what the status bar shows came at once


@pytest.fixture
def runner_window(make_window: Callable[..., MainWindow], context: AppContext) -> Iterator[MainWindow]:
    window = make_window(context=context)
    runner = SyncRunner(window, context, interval_ms=HOUR_MS, nudge_ms=HOUR_MS)  # scheduled, never due
    window.set_connection(True)  # as the last cycle left it: "Trực tuyến · Chờ gửi: 0"
    window.set_queue_count(0)
    yield window
    runner.stop()


def test_a_submitted_dossier_is_counted_in_the_queue_at_once(qtbot: Any, runner_window: MainWindow) -> None:
    """The resident read "đang chờ gửi" above "Trực tuyến · Chờ gửi: 0" until the next cycle."""
    window = runner_window
    window.show_prepare(TRICH_LUC)
    assert window.prepare is not None
    qtbot_click(window.prepare.start)
    check = fill_to_check(qtbot, window)
    qtbot_click(check.declaration.box)
    qtbot_click(check.consent.box)
    qtbot_click(check.submit)
    qtbot.waitUntil(lambda: isinstance(page_of(window), ConfirmationPage), timeout=10_000)
    assert "Chờ gửi: 1" in window.status_text(), window.status_text()


def test_a_page_that_could_not_reach_the_portal_turns_the_status_bar_offline_at_once(
    runner_window: MainWindow,
) -> None:
    window = runner_window
    assert window.status_text().startswith("Trực tuyến")
    assert window.context is not None
    window.context.events.portal_unreachable.emit()
    assert window.status_text().startswith("Ngoại tuyến"), window.status_text()
