"""Background sync for the window: one engine cycle every ~30 s on the network pool, and the status bar.

While the portal cannot be reached the next cycle comes at the next /health probe (about every 10 s,
sync.connectivity), so sending resumes within seconds of the portal's return; agents and volunteers can
also press "Gửi ngay" (the status bar, the confirmation page) for a round at once, and are told its result.

Threads and SQLite: a cycle spends most of its time waiting on the portal (uploads, retries), so it must
not run on the store worker, where it would hold up every autosave. Instead the engine opens its own
`Store` (its own SQLAlchemy engine and connections) on the network pool and only ever uses it from one
cycle at a time (`SyncEngine._lock`). Two connections to one SQLite file in WAL mode is the case SQLite
is built for (the store already supports several processes): writes take the lock with BEGIN IMMEDIATE
and wait up to the busy timeout, reads never block. The UI's store worker keeps its own connection.
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from kiosk.errors import KioskError
from kiosk.i18n import Lang, t
from kiosk.owner import owner_id
from ui.context import AppContext

if TYPE_CHECKING:
    from kiosk.store import Store
    from sync.client import PortalClient
    from sync.clock import ClockRecorder
    from sync.service import SyncService, SyncSummary
    from ui.main_window import MainWindow
    from ui.services import Services

log = logging.getLogger("ui.sync_runner")
INTERVAL_MS = 30_000
NUDGE_MS = 1_000  # after a change: soon, but a burst of changes makes one cycle
SOONEST_MS = 200  # a cycle asked for "now" (a pause that just ended) still lets the UI breathe
VIETNAM = timezone(timedelta(hours=7), "ICT")
NOTE_MS = 20_000  # how long the status bar says what "Gửi ngay" did
SENDERS = ("post_office", "community_team")  # who gets "Gửi ngay": agents and volunteers, not self-service
Snapshot = dict[str, tuple[str, str | None, int | None, int]]  # state, code, status, items waiting


@dataclass
class CycleResult:
    """What one cycle tells the UI thread."""

    online: bool
    queued: int
    at: datetime
    changed: list[str] = field(default_factory=list)  # dossiers whose state, code or status moved
    summary: SyncSummary | None = None
    next_at: datetime | None = None  # the next cycle, when sooner than the usual interval (offline: ~10 s)
    send_now: bool = False  # the cycle a person asked for with "Gửi ngay"


def send_now_text(summary: SyncSummary | None, lang: Lang) -> str:
    """What "Gửi ngay" did, in a sentence: sent, still waiting and why (offline, the portal's pause)."""
    if summary is None:
        return t("sync.send_now.failed", lang)
    return summary.render(lang)


def send_now_line(summary: SyncSummary | None, lang: Lang) -> str:
    """The same, in one short line for the status bar (a long note there leaves no room at 200 %)."""
    if summary is None:
        return t("sync.send_now.failed", lang)
    if not summary.online:
        return t("sync.send_now.offline", lang)
    if summary.stopped == "auth":
        return t("sync.send_now.auth", lang)
    if summary.stopped == "not_before" and summary.not_before is not None:
        when = summary.not_before.astimezone(VIETNAM).strftime("%H:%M:%S")
        return t("sync.send_now.wait", lang, time=when)
    return t("sync.send_now.sent", lang, sent=summary.sent, queued=summary.remaining)


def _snapshot(store: Store) -> Snapshot:
    """What screens show of each dossier: state, code, status, and how many of its items (a supplement,
    a rating) still wait to be sent, so a delivered supplement reaches the screen that said it waits."""
    waiting = store.pending_by_dossier()
    return {
        d.client_ref: (d.state.value, d.dossier_code, d.portal_status, waiting.get(d.client_ref, 0))
        for d in store.list_dossiers()
    }


class SyncEngine:
    """The sync engine's side of the runner: its own Store and portal client, one cycle at a time.

    Plain object (no Qt); its methods run on the network pool.
    """

    def __init__(self, services: Services, clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.services = services
        self.clock = clock
        self._lock = threading.Lock()
        self._config_problem: str | None = None  # the last incomplete-configuration key logged (once each)
        self._store: Store | None = None
        self._service: SyncService | None = None
        self._health: tuple[PortalClient, ClockRecorder] | None = None  # without an account (_measure_clock)
        self._closed = False

    def _open_store(self) -> Store:
        if self._store is None:
            from kiosk.store import Store

            self._store = Store.open(self.services.data_dir, self.services.sealer, use_reserve=True)
        return self._store

    def _open_service(self, store: Store) -> SyncService | None:
        if self._service is None:
            if not self.services.config.portal_url:
                return None  # no portal configured: the terminal works offline only
            from sync.service import SyncService

            client = self.services.portal_client(store)
            catalog = self.services.__dict__.get("catalog")
            self._service = SyncService(
                store,
                client,
                owner=owner_id("ui"),
                clock=self.clock,
                data_dir=self.services.data_dir,
                catalog_version=(lambda: catalog.version) if catalog is not None else None,
            )
        return self._service

    def _measure_clock(self, store: Store) -> None:
        """No sync (the terminal account is not set up yet): the clock is still measured against the
        portal's /health, which needs only its address, so that retention can trust it (kiosk.store.clock)."""
        if not self.services.config.portal_url:
            return
        if self._health is None:
            try:
                client = self.services.health_client()
            except KioskError:  # the address is refused (http://): said by the portal client's attempt
                return
            from sync.clock import ClockRecorder

            self._health = (client, ClockRecorder(store, self.clock))
        client, recorder = self._health
        recorder.record(client.health_info())

    def cycle(
        self, *, force: bool = False, send_now: bool = False, cancel: Callable[[], bool] = lambda: False
    ) -> CycleResult:
        with self._lock:
            if self._closed:
                raise RuntimeError("the sync engine is closed")
            store = self._open_store()
            now = self.clock()
            try:
                service = self._open_service(store)
            except KioskError as problem:  # the configuration is incomplete: said once, not every round
                if problem.key != self._config_problem:
                    log.warning("no portal client: %s", problem.key)
                    self._config_problem = problem.key
                service = None
            except Exception:
                log.exception("the portal client could not be built")
                service = None
            if service is None:
                self._measure_clock(store)
                return CycleResult(online=False, queued=store.queued_count(), at=now, send_now=send_now)
            before = _snapshot(store)
            summary = service.run_once(now, cancel=cancel, force=force, send_now=send_now)
            after = _snapshot(store)
            changed = [ref for ref, value in after.items() if before.get(ref) != value]
            next_at = service.next_round_at(summary, self.clock())
            return CycleResult(summary.online, summary.remaining, now, changed, summary, next_at, send_now)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._service is not None:
                self._service.client.close()
            if self._health is not None:
                self._health[0].close()
            if self._store is not None:
                self._store.close()


class SyncRunner(QObject):
    """Schedules `SyncEngine.cycle` and shows its results in the window's status bar."""

    def __init__(
        self,
        window: MainWindow,
        context: AppContext,
        engine: SyncEngine | None = None,
        *,
        interval_ms: int = INTERVAL_MS,
        nudge_ms: int = NUDGE_MS,
    ) -> None:
        super().__init__(window)
        self.window, self.context = window, context
        self.engine = engine or SyncEngine(context.services)
        self.interval_ms = interval_ms
        self._timer = QTimer(self)  # re-armed after each cycle: the interval, or sooner (offline, a pause)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.run_now)
        self._nudge = QTimer(self)
        self._nudge.setSingleShot(True)
        self._nudge.setInterval(nudge_ms)
        self._nudge.timeout.connect(self.run_now)
        self._busy = False
        self._again = False
        self._force_next = False
        self._send_now_next = False
        self._sending_now = False  # a "Gửi ngay" cycle is asked for or running
        self._emitting = False
        self._stopped = False
        self.online: bool | None = None
        self.cycles = 0
        self.next_cycle_ms: int | None = None  # what the last cycle armed (offline: the next probe)
        context.events.queue_did_change.connect(self._queue_changed)
        # The status bar must not say "Trực tuyến" under a page that could not reach the portal.
        context.events.portal_unreachable.connect(self._unreachable)
        context.events.storage_did_fill.connect(lambda: window.set_disk_full(True))
        context.events.send_now_requested.connect(self.send_now)  # the confirmation page says the result
        window.send_now_button.clicked.connect(self._bar_pressed)  # the status bar says it, briefly
        self._note_in_bar = False
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_MS)
        self._note_timer.timeout.connect(lambda: window.set_status_note(""))
        self._noted: tuple[SyncSummary | None] | None = None  # what the bar says, to say it again in English
        window.display_did_change.connect(lambda *_: self._redisplay())
        self._queued = 0
        self._show_send_now()

    def start(self) -> None:
        """First cycle at once (it also counts the queue offline); each cycle arms the next one."""
        self.run_now()

    def stop(self) -> None:
        """Stop scheduling; a running cycle is asked to stop; the engine closes after it."""
        self._stopped = True
        self._timer.stop()
        self._nudge.stop()
        with_pool = self.context.tasks
        try:
            with_pool.run_network(self.engine.close)
        except RuntimeError:
            self.engine.close()

    def kick(self, *, force: bool = False) -> None:
        """Run a cycle soon (coalesced): after a dossier was queued, or when the portal came back."""
        self._force_next = self._force_next or force
        if not self._nudge.isActive():
            self._nudge.start()

    def can_send_now(self) -> bool:
        """ "Gửi ngay" is for agents and volunteers, on a terminal with a portal to send to."""
        config = self.context.services.config
        return bool(config.portal_url) and config.mode in SENDERS

    def send_now(self) -> None:
        """A person pressed "Gửi ngay": a round at once (the probe and the waiting items too, whatever the
        cadence and backoff say; the portal's pause is still honoured), its result said afterwards."""
        if self._stopped or not self.can_send_now() or self._sending_now:
            return  # a round asked for is still to come: one press is enough
        self._sending_now = True
        self._send_now_next = True
        self._force_next = True
        self._show_send_now()
        self.context.events.send_now_did_start.emit()
        self._nudge.stop()
        self.run_now()

    def _bar_pressed(self) -> None:
        self._note_in_bar = True
        self.window.set_status_note("")
        self.send_now()

    def _show_send_now(self) -> None:
        self.window.set_send_now(
            self.can_send_now() and (self._queued > 0 or self._sending_now), busy=self._sending_now
        )

    def _queue_changed(self, count: int) -> None:
        if not self._emitting:
            self._queued = count
            self._show_send_now()
            # The status bar counts it at once: a cycle may take a while (a portal that is down answers
            # only after its timeout), and "Hàng đợi: 0" under "đang chờ gửi" misleads.
            self.window.set_queue_count(count)
            self.kick(force=True)  # a person just queued something: try now, whatever the backoff says

    def _unreachable(self) -> None:
        """A screen could not reach the portal: the status bar says offline now; a cycle checks soon."""
        self.window.set_connection(False)
        self.kick(force=True)

    def run_now(self) -> None:
        if self._stopped:
            return
        if self._busy:
            self._again = True
            return
        self._busy = True
        self._timer.stop()
        force, self._force_next = self._force_next, False
        send_now, self._send_now_next = self._send_now_next, False
        cancel = lambda: self._stopped  # noqa: E731 -- read on the worker, set on the UI thread
        self.context.tasks.run_network(
            lambda: self.engine.cycle(force=force, send_now=send_now, cancel=cancel),
            self._done,
            lambda error: self._failed(error, send_now),
        )

    def _arm(self, next_at: datetime | None) -> None:
        """The next cycle: at the usual interval, or at `next_at` when that is sooner (never in a loop)."""
        if self._stopped:
            return
        delay = self.interval_ms
        if next_at is not None:
            wait = (next_at - self.engine.clock()).total_seconds() * 1000
            delay = math.ceil(min(self.interval_ms, max(SOONEST_MS, wait)))  # never a hair before the probe
        self.next_cycle_ms = delay
        self._timer.start(delay)

    def _done(self, result: CycleResult) -> None:
        self._busy = False
        self.cycles += 1
        came_back = result.online and self.online is False
        changed_connection = result.online != self.online
        self.online = result.online
        window, events = self.window, self.context.events
        window.set_connection(result.online)
        window.set_queue_count(result.queued)
        if result.summary is not None:  # a round that reached the store: the disk is full or it is not
            window.set_disk_full(result.summary.stopped == "disk_full")
        self._queued = result.queued
        if result.send_now:
            self._sending_now = False
            self._say_in_bar(result.summary)
        self._show_send_now()
        if result.online:
            window.set_last_sync(result.at)
        self._emitting = True
        try:
            if changed_connection:
                events.connection_did_change.emit(result.online)
            events.queue_did_change.emit(result.queued)
            for ref in result.changed:
                events.dossier_did_change.emit(ref)
            events.sync_did_finish.emit(result.summary)
            if result.send_now:
                events.send_now_did_finish.emit(result.summary)
        finally:
            self._emitting = False
        self._arm(result.next_at)
        if self._again or came_back or self._send_now_next:
            self._again = False
            self.kick()

    def _say_in_bar(self, summary: SyncSummary | None) -> None:
        if self._note_in_bar:
            self._note_in_bar = False
            self._noted = (summary,)
            self.window.set_status_note(send_now_line(summary, self.window.lang))
            self._note_timer.start()

    def _redisplay(self) -> None:
        """The language changed: the button and the note follow."""
        self._show_send_now()
        if self._noted is not None and self.window.status_note.isVisibleTo(self.window):
            self.window.set_status_note(send_now_line(self._noted[0], self.window.lang))

    def _failed(self, error: BaseException, send_now: bool = False) -> None:
        self._busy = False
        if isinstance(error, RuntimeError) and self._stopped:
            return
        log.error("a sync cycle failed: %s", type(error).__name__)
        from kiosk.diskspace import DiskFullError

        # A full disk (the database could not even open) is not "offline": storage_did_fill told the window.
        if not isinstance(error, DiskFullError):
            self.online = False
            self.window.set_connection(False)
        if send_now:
            self._sending_now = False
            self._say_in_bar(None)
            self._show_send_now()
            self.context.events.send_now_did_finish.emit(None)
        self._arm(None)
        if self._again or self._send_now_next:
            self._again = False
            self.kick()
