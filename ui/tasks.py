"""Background work off the UI thread: one serialised store worker, a small network pool.

Worker functions are plain functions that take data (and the store, for store work) and never touch a
widget; their result or exception comes back to the UI thread through a queued signal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal

from kiosk.diskspace import DiskFullError

if TYPE_CHECKING:  # SQLAlchemy loads on the store thread, never before the first frame
    from kiosk.store import Store

log = logging.getLogger("ui.tasks")
T = TypeVar("T")
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Relay(QObject):
    """Carries a finished task's callback to the UI thread (the signal is queued across threads)."""

    finished = Signal(object, object)  # callback, argument

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._call, Qt.ConnectionType.QueuedConnection)

    @staticmethod
    def _call(callback: Callable[[Any], None], argument: object) -> None:
        callback(argument)


class TaskRunner(QObject):
    """`run_store` work runs one at a time, in order; `run_network` work runs on a pool of two."""

    def __init__(self, open_store: Callable[[], Store], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._open_store = open_store  # called on the store thread: the database opens off the UI thread
        self._store: Store | None = None
        self._store_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store")
        self._net_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="network")
        self._relay = _Relay()
        self._closed = False
        # Also told of every store task's failure, on the UI thread (ui.app.watch_database).
        self.on_store_error: Failed | None = None
        # Called on the UI thread when any task met a full disk (AppEvents.storage_did_fill): the status
        # bar says so even for work whose caller shows nothing on failure.
        self.on_disk_full: Callable[[], None] | None = None

    def run_store(
        self,
        work: Callable[[Store], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Failed | None = None,
    ) -> Future[T]:
        return self._submit(
            self._store_pool, lambda: work(self._store_handle()), on_done, on_error, store=True
        )

    def run_network(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Failed | None = None,
    ) -> Future[T]:
        return self._submit(self._net_pool, work, on_done, on_error)

    def _store_handle(self) -> Store:
        if self._store is None:
            self._store = self._open_store()
        return self._store

    def _submit(
        self,
        pool: ThreadPoolExecutor,
        work: Callable[[], T],
        on_done: Callable[[T], None] | None,
        on_error: Failed | None,
        *,
        store: bool = False,
    ) -> Future[T]:
        def job() -> T:
            try:
                result = work()
            except BaseException as exc:
                watcher = self.on_store_error
                if store and watcher is not None:
                    self._relay.finished.emit(watcher, exc)
                if isinstance(exc, DiskFullError) and self.on_disk_full is not None:
                    self._relay.finished.emit(lambda _exc: self._disk_full(), exc)
                if on_error is None:
                    log.exception("background task failed")
                else:
                    self._relay.finished.emit(on_error, exc)
                raise
            if on_done is not None:
                self._relay.finished.emit(on_done, result)
            return result

        return pool.submit(job)

    def _disk_full(self) -> None:
        if self.on_disk_full is not None:
            self.on_disk_full()

    def wait_idle(self) -> None:
        """Block until the work queued so far has run (tests, and shutdown)."""
        self._store_pool.submit(lambda: None).result()
        self._net_pool.submit(lambda: None).result()

    def shutdown(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._net_pool.shutdown(wait=True, cancel_futures=True)
        self._store_pool.shutdown(wait=True)
