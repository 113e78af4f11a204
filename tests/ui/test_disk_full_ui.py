"""The app on a full disk: a save that cannot be written says so on the page, never a traceback."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import Config
from kiosk.crypto import training_key
from kiosk.diskspace import DiskFullError
from kiosk.store import Store
from tests.ui.test_journey import TRICH_LUC, answer, qtbot_click, settle
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.services import Services
from ui.sync_runner import SyncRunner


@pytest.fixture
def context(tmp_path: Path) -> Iterator[AppContext]:
    services = Services(config=Config(mode="post_office"), data_dir=tmp_path / "kiosk", key=training_key())
    ctx = AppContext.create(services)
    yield ctx
    ctx.close()
    services.close()


def fill_the_disk(store: Store) -> None:
    """The store's writes meet a full disk from now on (what the engine's hook raises: DiskFullError)."""

    def full(*_args: Any, **_kwargs: Any) -> None:
        raise DiskFullError(store.data_dir)

    store.save_answers = full  # type: ignore[method-assign]


def test_an_autosave_on_a_full_disk_shows_what_to_do(
    qtbot: Any, make_window: Callable[..., MainWindow], context: AppContext
) -> None:
    window = make_window(context=context)
    window.show_prepare(TRICH_LUC)
    assert window.prepare is not None
    qtbot_click(window.prepare.start)
    journey = window.journey
    assert journey is not None
    answer(qtbot, window, "text", "Nguyễn Văn An")
    settle(qtbot, context)
    assert not journey.notice.isVisible()
    context.tasks.run_store(fill_the_disk).result()

    answer(qtbot, window, "text", "001090000123")
    settle(qtbot, context)

    assert journey.notice.isVisible()
    assert journey.notice.text().startswith("Máy hết dung lượng lưu trữ")
    assert "kỹ thuật viên" in journey.notice.text()


def test_the_status_bar_says_the_storage_is_full(make_window: Callable[..., MainWindow]) -> None:
    window = make_window()
    window.set_disk_full(True)
    assert window.status_text().startswith("Máy hết dung lượng lưu trữ")
    window.set_disk_full(False)
    assert "dung lượng" not in window.status_text()


def test_any_store_work_meeting_a_full_disk_shows_in_the_status_bar(
    qtbot: Any, make_window: Callable[..., MainWindow], context: AppContext
) -> None:
    window = make_window(context=context)
    SyncRunner(window, context)  # not started: the status bar's sync side only listens here

    def work(store: Store) -> None:  # work whose caller shows nothing when it fails
        raise DiskFullError(store.data_dir)

    context.tasks.run_store(work)

    qtbot.waitUntil(lambda: window.status_text().startswith("Máy hết dung lượng lưu trữ"), timeout=5000)
