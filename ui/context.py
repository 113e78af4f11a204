"""What screens need from the composition root: services, background tasks and the app-level signals."""

from __future__ import annotations

from dataclasses import dataclass

from ui.events import AppEvents
from ui.services import Services
from ui.tasks import TaskRunner


@dataclass
class AppContext:
    """Built once per app by `ui.app.run_app` (after the QApplication exists) and passed down."""

    services: Services
    tasks: TaskRunner
    events: AppEvents

    @classmethod
    def create(cls, services: Services) -> AppContext:
        # The store opens on the store thread, on first use: never on the UI thread, never before the
        # first frame.
        context = cls(services=services, tasks=TaskRunner(lambda: services.store), events=AppEvents())
        context.tasks.on_disk_full = context.events.storage_did_fill.emit
        return context

    def close(self) -> None:
        self.tasks.shutdown()
