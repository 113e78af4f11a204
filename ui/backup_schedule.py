"""Today's automatic backup kept fresh while the app runs (kiosk.store.backup.daily_backup).

Every BACKUP_CHECK_MS the store worker compares the store with today's backup (one query and the backup's
manifest: well under a millisecond) and writes it again only when something changed (≈80 ms for 500
dossiers, off the UI thread). With the store's first open (ui.app.watch_database) and the app's clean
exit (Services.close) it keeps what a lost database costs to at most this period's changes.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from ui.context import AppContext

log = logging.getLogger("ui.backup")
BACKUP_CHECK_MS = 30 * 60 * 1000


class BackupSchedule(QObject):
    """Runs Services.keep_backup_fresh on the store worker every `every_ms` while the app runs."""

    def __init__(self, context: AppContext, parent: QObject | None = None, every_ms: int = BACKUP_CHECK_MS):
        super().__init__(parent)
        self.context = context
        self.timer = QTimer(self)
        self.timer.setInterval(every_ms)
        self.timer.timeout.connect(self.run)
        self.timer.start()

    def run(self) -> None:
        def failed(error: BaseException) -> None:  # keep_backup_fresh logs its own; the store may be gone
            log.warning("backup check failed: %s", type(error).__name__)

        def done(path: Path | None) -> None:
            if path is not None:
                log.info("today's backup refreshed while the app runs")

        with contextlib.suppress(RuntimeError):  # the app is shutting down: its exit refreshes it
            self.context.tasks.run_store(self.context.services.keep_backup_fresh, done, failed)
