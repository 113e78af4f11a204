"""Wiring of the dashboard into the main window: the header's "Báo cáo" button and the retention timer."""

from __future__ import annotations

import contextlib
import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.config import ASSISTED_MODES
from kiosk.i18n import t
from ui.context import AppContext
from ui.file_dialogs import SaveChooser, choose_save_name
from ui.reports import ReportsPage
from ui.widgets import button

if TYPE_CHECKING:
    from kiosk.store import Store
    from kiosk.store.retention import PurgeResult
    from ui.main_window import MainWindow

log = logging.getLogger("ui.reports")
RETENTION_START_MS = 30_000  # after the first frame and the session's own start-up work
RETENTION_EVERY_MS = 24 * 60 * 60 * 1000
# Refused because the clock could not be checked against the portal yet: sync measures it every round
# while online, so the next try comes well before the next day's.
RETENTION_RETRY_MS = 60 * 60 * 1000


class ReportsLink(QObject):
    """The header's "Báo cáo" button (assisted modes only), the page it opens, and the retention timer."""

    def __init__(self, window: MainWindow, chooser: SaveChooser = choose_save_name) -> None:
        super().__init__(window)
        self.window, self.chooser = window, chooser
        self.page: ReportsPage | None = None
        self.button: QPushButton = button("", "chrome")
        self.button.clicked.connect(self.open)
        window.add_header_button(self.button)
        window.stack.currentChanged.connect(lambda _index: self.update())
        window.display_did_change.connect(lambda *_: self.retranslate())
        self.retention = RetentionSchedule(window.context, self) if window.context is not None else None
        self.retranslate()

    def mode(self) -> str | None:
        context = self.window.context
        return context.services.config.mode if context is not None else None

    def update(self) -> None:
        self.button.setVisible(self.mode() in ASSISTED_MODES)
        if self.page is not None and self.mode() not in ASSISTED_MODES:
            self.page.report = None  # a terminal turned self-service keeps no report on screen

    def open(self) -> None:
        window = self.window
        if self.mode() not in ASSISTED_MODES:
            return
        if self.page is None:
            self.page = ReportsPage(
                window.context,
                window.lang,
                catalog=window.catalog,
                chooser=self._choose,
                high_contrast=window.high_contrast,
                scale=window.scale,
            )
            self.page.back_requested.connect(window.show_home)
            window.stack.addWidget(self.page)
        self.page.catalog = window.catalog
        window.stack.setCurrentWidget(self.page)
        self.page.arrive()

    def _choose(self, parent: QWidget, title: str, suggested: str, name_filter: str) -> str | None:
        return self.chooser(parent, title, suggested, name_filter)  # tests swap `chooser` at any time

    def retranslate(self) -> None:
        window = self.window
        self.button.setText(t("reports.open", window.lang))
        self.button.setAccessibleName(t("reports.open_name", window.lang))
        if self.page is not None:
            self.page.set_style(window.high_contrast, window.scale)
            if self.page.lang != window.lang:
                self.page.retranslate(window.lang)
        self.update()


class RetentionSchedule(QObject):
    """Runs retention on the store worker shortly after start, then every day while the app runs.

    A run the clock cannot vouch for (kiosk/store/retention.py clock_refusal) purges nothing and is tried
    again an hour later; the app never vouches for the clock itself (only `kiosk purge --trust-clock`).
    """

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.timer = QTimer(self)
        self.timer.setInterval(RETENTION_EVERY_MS)
        self.timer.timeout.connect(self.run)
        self.retry = QTimer(self)
        self.retry.setSingleShot(True)
        self.retry.setInterval(RETENTION_RETRY_MS)
        self.retry.timeout.connect(self.run)
        self.refused: str | None = None  # the key of the last refusal, None once a run went through
        QTimer.singleShot(RETENTION_START_MS, self, self._start)

    def _start(self) -> None:
        self.run()
        self.timer.start()

    def run(self) -> None:
        from kiosk.store.retention import RetentionRefused, purge_expired

        days = self.context.services.config.retention_days

        def work(store: Store) -> PurgeResult:
            return purge_expired(store, datetime.now(UTC), days)

        def done(result: PurgeResult) -> None:
            self.refused = None
            for ref in result.purged:
                self.context.events.dossier_did_change.emit(ref)

        def failed(error: BaseException) -> None:
            if isinstance(error, RetentionRefused):
                self.refused = error.key  # logged by retention with its reason
                self.retry.start()
                return
            log.warning("retention run failed: %s", type(error).__name__)

        with contextlib.suppress(RuntimeError):  # the app is shutting down: the next start runs it
            self.context.tasks.run_store(work, done, failed)
