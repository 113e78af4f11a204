"""The app keeps today's automatic backup fresh while it runs: the store worker writes it again after a
change (ui.backup_schedule), and the app's exit (Services.close) takes the last changes along."""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.store import Assisted, Store
from kiosk.store.backup import daily_backups
from ui.backup_schedule import BACKUP_CHECK_MS, BackupSchedule
from ui.context import AppContext


def dossiers_in(path: Path) -> int:
    with tarfile.open(path, "r:") as tar:
        handle = tar.extractfile("manifest.json")
        assert handle is not None
        return int(json.loads(handle.read())["dossiers"])


def draft(store: Store) -> str:
    return store.create_draft("1.001193", "2026.11.1", Assisted("post_office"))


def test_the_app_refreshes_todays_backup_after_a_change(qtbot: QtBot, context: AppContext) -> None:
    default = BackupSchedule(context)
    assert default.timer.isActive() and default.timer.interval() == BACKUP_CHECK_MS
    assert 30 * 60_000 <= BACKUP_CHECK_MS <= 60 * 60_000  # at most this period's changes at stake
    default.timer.stop()

    context.tasks.run_store(lambda store: None).result()  # the store's first open: the day's backup
    (today,) = daily_backups(context.services.data_dir)
    assert dossiers_in(today) == 0
    context.tasks.run_store(draft).result()
    schedule = BackupSchedule(context, every_ms=20)  # the period shortened; what it runs is the same
    qtbot.waitUntil(lambda: dossiers_in(today) == 1, timeout=10_000)
    schedule.timer.stop()
    context.tasks.wait_idle()
    assert daily_backups(context.services.data_dir) == [today]
    assert context.tasks.run_store(context.services.keep_backup_fresh).result() is None  # unchanged since

    context.tasks.run_store(draft).result()
    context.close()
    context.services.close()  # the app's clean exit
    assert dossiers_in(today) == 2
