"""Background tasks: store work runs off the UI thread, in order; results come back on the UI thread."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.crypto import Sealer, training_key
from kiosk.store import Assisted, Store
from ui.tasks import TaskRunner


@pytest.fixture
def runner(tmp_path: Path) -> TaskRunner:
    opened: list[str] = []

    def open_store() -> Store:
        opened.append(threading.current_thread().name)
        return Store.open(tmp_path / "data", Sealer(training_key()))

    runner = TaskRunner(open_store)
    runner.opened = opened  # type: ignore[attr-defined]
    yield runner  # type: ignore[misc]
    runner.shutdown()


def test_store_work_runs_in_order_off_the_ui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    ui_thread = threading.current_thread().name
    seen: list[tuple[str, str]] = []
    results: list[str] = []

    def create(store: Store) -> str:
        seen.append(("create", threading.current_thread().name))
        return store.create_draft("1.001193", "2026.11.1", Assisted("post_office"))

    for _ in range(3):
        runner.run_store(create, results.append)
    qtbot.waitUntil(lambda: len(results) == 3, timeout=5000)
    assert len(set(results)) == 3
    assert {thread for _, thread in seen} == {seen[0][1]} and seen[0][1] != ui_thread
    assert runner.opened == [seen[0][1]]  # type: ignore[attr-defined]


def test_callbacks_arrive_on_the_ui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    ui_thread = threading.current_thread()
    where: list[threading.Thread] = []
    runner.run_network(lambda: 42, lambda _value: where.append(threading.current_thread()))
    qtbot.waitUntil(lambda: bool(where), timeout=5000)
    assert where == [ui_thread]


def test_a_failure_reaches_the_error_callback(qtbot: QtBot, runner: TaskRunner) -> None:
    errors: list[BaseException] = []

    def broken(store: Store) -> None:
        store.get_dossier("00000000-0000-0000-0000-000000000000")

    runner.run_store(broken, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert "store.not_found" in repr(errors[0]) or errors[0].args == ("store.not_found",)
