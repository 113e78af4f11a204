"""One sync round for the app's worker and `kiosk sync`: probe, drain, poll statuses, refresh the catalog."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from kiosk.i18n import Lang, t
from kiosk.store import DossierState, Store
from sync.catalog_refresh import RefreshResult, refresh_catalog
from sync.client import PortalClient
from sync.clock import Clock, ClockRecorder, system_clock
from sync.connectivity import Connectivity
from sync.queue import drain
from sync.retry import RetryPolicy
from sync.send import VN, Outcome, SendResult
from sync.status import StatusPoller

log = logging.getLogger(__name__)


@dataclass
class SyncSummary:
    """What one round did, in figures a person can read (`render`)."""

    sent: int = 0
    remaining: int = 0  # outbox items still waiting (dossiers, supplements, ratings)
    needs_attention: int = 0  # dossiers a person must change (all of them, not just this round's)
    errors: int = 0  # attempts that failed this round and will be retried
    online: bool = True
    stopped: str = "empty"  # empty | auth | cancelled | max_items | not_before | offline | disk_full
    not_before: datetime | None = None
    statuses_polled: int = 0
    statuses_changed: int = 0
    catalog: RefreshResult | None = None
    damaged: list[str] = field(default_factory=list)  # client_refs stopped this round: damaged sealed data

    def render(self, lang: Lang) -> str:
        if not self.online:
            text = t("sync.summary.offline", lang, queued=self.remaining)
        elif self.stopped == "auth":
            text = t("sync.summary.auth", lang, sent=self.sent, queued=self.remaining)
        elif self.stopped == "disk_full":
            text = t("sync.summary.disk_full", lang, sent=self.sent, queued=self.remaining)
        elif self.stopped == "not_before" and self.not_before is not None:
            when = self.not_before.astimezone(VN).strftime("%H:%M:%S")
            text = t("sync.summary.wait", lang, time=when, sent=self.sent, queued=self.remaining)
        else:
            text = t(
                "sync.summary.done",
                lang,
                sent=self.sent,
                queued=self.remaining,
                attention=self.needs_attention,
                errors=self.errors,
            )
        if self.catalog is not None and self.catalog.outcome == "updated":
            text += "\n" + t("sync.catalog.updated", lang, version=self.catalog.version)
        elif self.catalog is not None and self.catalog.outcome == "rejected":
            text += "\n" + t("sync.catalog.rejected", lang)
        return text


class SyncService:
    """Plain object (no Qt): the UI runs `run_once` on a worker thread; the CLI calls it once."""

    def __init__(
        self,
        store: Store,
        client: PortalClient,
        *,
        owner: str,
        clock: Clock = system_clock,
        data_dir: Path | None = None,
        catalog_version: Callable[[], str | None] | None = None,
        catalog_every: timedelta = timedelta(hours=6),
        poller: StatusPoller | None = None,
        connectivity: Connectivity | None = None,
        policy: RetryPolicy | None = None,
    ) -> None:
        self.store, self.client, self.owner, self.clock = store, client, owner, clock
        self.data_dir = data_dir
        self.catalog_version = catalog_version
        self.catalog_every = catalog_every
        self.poller = poller or StatusPoller(clock=clock)
        self.clock_recorder = ClockRecorder(store, clock)
        self.connectivity = connectivity or Connectivity(self._probe, clock=clock)
        self.policy = policy or RetryPolicy()
        self._catalog_checked: datetime | None = None

    def run_once(
        self,
        now: datetime | None = None,
        *,
        cancel: Callable[[], bool] = lambda: False,
        force: bool = False,
        on_result: Callable[[SendResult], None] | None = None,
        send_now: bool = False,
    ) -> SyncSummary:
        """Probe → drain if online → poll statuses → refresh the catalog when due (`now` decides that).

        `send_now`: a person pressed "Gửi ngay": the probe runs whatever the cadence says, and items that
        wait only because the portal could not be reached are tried now (as when the portal comes back).
        """
        now = now or self.clock()
        summary = SyncSummary()
        was_online = self.connectivity.online
        if not self.connectivity.check(force=force or send_now):
            summary.online, summary.stopped = False, "offline"
            return self._totals(summary)
        if was_online is False or send_now:
            woken = self.store.wake_unreachable(now)
            if woken:
                log.info("the portal answers again: %d item(s) waiting for the network are due now", woken)
        report = drain(
            self.store,
            self.client,
            owner=self.owner,
            clock=self.clock,
            cancel=cancel,
            policy=self.policy,
            on_result=on_result,
        )
        summary.sent = report.count(Outcome.SENT)
        summary.errors = report.count(Outcome.RETRY_LATER) + report.errors
        summary.stopped, summary.not_before = report.stopped, report.not_before
        summary.damaged = [r.client_ref for r in report.results if (r.code or "").startswith("damaged-")]
        if report.results and all(r.code == "unreachable" for r in report.results):
            self.connectivity.report(False)
            summary.online = False  # the probe answered but no send got through: the terminal is offline
        if report.stopped in ("empty", "max_items") and not cancel():
            polled = self.poller.poll(self.store, self.client)
            summary.statuses_polled, summary.statuses_changed = polled.polled, polled.changed
            summary.catalog = self._refresh_catalog(now)
        return self._totals(summary)

    def next_round_at(self, summary: SyncSummary, now: datetime) -> datetime | None:
        """When the next round should run, if sooner than the app's usual interval: while offline at the
        next /health probe (about 10 s: sending resumes within seconds of the portal's return), during
        the portal's pause when it ends; None: at the usual interval."""
        if not summary.online:
            probe = self.connectivity.next_probe_at
            if probe is None or probe <= now:
                return now + timedelta(seconds=self.connectivity.cadence.every)
            return probe
        if summary.stopped == "not_before" and summary.not_before is not None:
            return max(summary.not_before, now)
        return None

    def _probe(self) -> bool:
        """GET /health: is the portal there? Its clock against ours is recorded on the way (retention)."""
        health = self.client.health_info()
        self.clock_recorder.record(health)
        return health is not None

    def _refresh_catalog(self, now: datetime) -> RefreshResult | None:
        if self.data_dir is None or self.catalog_version is None:
            return None
        checked = self._catalog_checked
        # A check "in the future" was made under a clock that has since been put back: check again.
        if checked is not None and timedelta(0) <= now - checked < self.catalog_every:
            return None
        self._catalog_checked = now
        try:
            return refresh_catalog(self.client, self.data_dir, self.catalog_version())
        except Exception:
            log.exception("catalog refresh failed")
            return None

    def _totals(self, summary: SyncSummary) -> SyncSummary:
        summary.remaining = self.store.queued_count()
        summary.needs_attention = self.store.counts_by_state()[DossierState.NEEDS_ATTENTION]
        return summary


def sync_now(
    store: Store,
    client: PortalClient,
    *,
    owner: str = "cli",
    clock: Clock = system_clock,
    data_dir: Path | None = None,
    catalog_version: str | None = None,
    cancel: Callable[[], bool] = lambda: False,
) -> SyncSummary:
    """`kiosk sync`: one forced round (the probe runs whatever the backoff says)."""
    service = SyncService(
        store,
        client,
        owner=owner,
        clock=clock,
        data_dir=data_dir,
        catalog_version=(lambda: catalog_version) if catalog_version is not None else None,
    )
    return service.run_once(cancel=cancel, force=True)
