"""`kiosk sync` to the end: sync rounds one after another, short pauses waited out in between.

The app's worker syncs every 30 s for as long as it runs, so a portal pause (Retry-After) or an item's
retry time only delays it. A command-line run ends, and nothing sends after it: so it waits here instead,
for the portal's pause and for the items' retry times, each wait at most `WaitLimits.longest` and all
the waits of one run together at most `WaitLimits.total`. What would wait longer is left for the next
run (or the app), and the run says when that is (`RunReport.next_try`).

The clock and the sleeper are injected: tests move a FakeClock instead of sleeping. `Stop` is the run's
Ctrl+C: seen between two requests (the item being sent is released, not left leased) and during a wait.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sync.catalog_refresh import RefreshResult
from sync.send import Outcome, SendResult
from sync.service import SyncService

log = logging.getLogger(__name__)

# One wait: a portal's Retry-After of seconds to minutes, and an item's backoff up to its 7th failure
# (full jitter under 5 s · 2^6 = 320 s) fit; a longer pause is the portal asking for real quiet. Measured:
# 300 dossiers at 20 % faults are all sent in one run, after 3–5 min of waits in all (README).
LONGEST_WAIT = timedelta(minutes=5)
# All waits of one run: a person at the terminal (or a scheduled task) gets an answer within minutes.
TOTAL_WAIT = timedelta(minutes=15)
# Something is due but the round sent nothing (a lease ran out the same instant): look again shortly.
IDLE_WAIT = timedelta(seconds=1)

Sleeper = Callable[[float], None]


@dataclass(frozen=True)
class WaitLimits:
    longest: timedelta = LONGEST_WAIT
    total: timedelta = TOTAL_WAIT


class Stop:
    """The run's stop request (Ctrl+C): a flag the drain checks between requests, and a wait that wakes."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def set(self) -> None:
        self._event.set()

    def __call__(self) -> bool:
        return self._event.is_set()

    def sleep(self, seconds: float) -> None:
        """The real sleeper: wait `seconds`, or less when the stop is set meanwhile."""
        self._event.wait(max(seconds, 0.0))


@dataclass(frozen=True)
class Wait:
    """What the run waits for: until when, and why."""

    # portal-busy (the portal's Retry-After) | retry (an item's retry time) | other-sender (its lease)
    reason: str
    until: datetime


@dataclass
class RunReport:
    """A whole `kiosk sync` run, in figures a person can read (ui/sync_run.py renders it)."""

    sent: int = 0  # items delivered this run (dossiers, supplements, ratings)
    failed: int = 0  # attempts that failed this run (each item is retried, in this run or a later one)
    remaining: int = 0  # items still waiting to be sent
    attention: int = 0  # dossiers a person must change (all of them, not only this run's)
    rounds: int = 0
    waited: float = 0.0  # seconds spent waiting, by the run's clock
    stopped: str = "empty"  # empty | later | offline | auth | cancelled | disk_full
    damaged: list[str] = field(default_factory=list)  # client_refs stopped for damaged sealed data
    next_try: Wait | None = None  # when stopped == "later": the earliest an item may go, and why
    catalog: RefreshResult | None = None
    waiting: Wait | None = None  # set while a wait is under way (for progress)


Progress = Callable[[RunReport], None]


def next_wait(service: SyncService, now: datetime, gate: datetime | None) -> Wait | None:
    """The earliest instant an item may go (None: nothing pending); the portal's pause comes first."""
    earliest: Wait | None = None
    for item in service.store.pending_times():
        when, reason = now, "retry"
        if item.next_attempt_at is not None and item.next_attempt_at > when:
            when = item.next_attempt_at
            reason = "portal-busy" if item.last_error_code == "not-before" else "retry"
        # Between two rounds this run holds no lease: whoever holds one is another sender (the app, a
        # second `kiosk sync`) or a dead one, whose lease runs out at lease_until.
        if item.lease_until is not None and item.lease_until > when:
            when, reason = item.lease_until, "other-sender"
        if earliest is None or when < earliest.until:
            earliest = Wait(reason, when)
    if earliest is not None and gate is not None and gate >= earliest.until:
        return Wait("portal-busy", gate)
    return earliest


def portal_pause(service: SyncService, now: datetime, *candidates: datetime | None) -> datetime | None:
    """The portal's pause still running (the client's Retry-After gate), None when there is none."""
    # The client's gate reads the pause every process keeps in the store (sync.pause.StorePause).
    found = [when for when in (*candidates, service.client.not_before) if when is not None and when > now]
    return max(found) if found else None


def sync_until_sent(
    service: SyncService,
    *,
    sleep: Sleeper,
    stop: Stop,
    limits: WaitLimits | None = None,
    progress: Progress | None = None,
) -> RunReport:
    """Rounds until nothing is queued, or what is queued waits past the limits; offline, a refused account
    or `stop` end the run at once. `progress` sees the report after every item and before every wait."""
    limits = limits or WaitLimits()
    clock = service.clock
    run = RunReport(remaining=service.store.queued_count())

    def show() -> None:
        if progress is not None:
            progress(run)

    results = 0

    def counted(result: SendResult) -> None:
        nonlocal results
        results += 1
        if result.outcome in (Outcome.SENT, Outcome.NEEDS_ATTENTION):
            run.remaining = max(run.remaining - 1, 0)
        if result.outcome is Outcome.SENT:
            run.sent += 1
        elif result.outcome is Outcome.RETRY_LATER:
            run.failed += 1
        show()

    if run.remaining:
        show()
    while True:
        run.rounds += 1
        failed_before, results_before = run.failed, results
        summary = service.run_once(cancel=stop, force=True, on_result=counted)
        # Unexpected errors are not results: the round's own figure counts them too.
        run.failed = max(run.failed, failed_before + summary.errors)
        run.remaining, run.attention = summary.remaining, summary.needs_attention
        run.catalog = summary.catalog or run.catalog
        run.damaged.extend(ref for ref in summary.damaged if ref not in run.damaged)
        if stop() or summary.stopped == "cancelled":
            run.stopped = "cancelled"
            break
        if summary.stopped in ("auth", "offline", "disk_full"):
            run.stopped = summary.stopped
            break
        if run.remaining == 0:
            run.stopped = "empty"
            break
        now = clock()
        wait = next_wait(service, now, portal_pause(service, now, summary.not_before))
        if wait is None:  # sent or taken elsewhere meanwhile: count again
            continue
        delay = (wait.until - now).total_seconds()
        if delay <= 0:
            if results > results_before:
                continue  # the round got somewhere and more is due: go on at once
            delay = IDLE_WAIT.total_seconds()
        if delay > limits.longest.total_seconds() or run.waited + delay > limits.total.total_seconds():
            run.stopped, run.next_try = "later", wait
            break
        run.waiting = wait
        show()
        log.info("kiosk sync waits %.1f s (%s)", delay, wait.reason)
        sleep(delay)
        run.waited += delay  # as planned: a clock set back meanwhile must not extend the budget
        run.waiting = None
        if stop():
            run.stopped = "cancelled"
            break
    run.waiting = None
    return run
