"""Clocks for the sync engine: the system's UTC clock, a fake one tests move by hand, and the record of
this clock measured against the portal's."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.store.clock import ClockOps
    from sync.client import Health, PortalClient

Clock = Callable[[], datetime]
# A measurement like the last one recorded is written again only this often (the app probes every 30 s).
RECORD_EVERY = timedelta(minutes=5)
SAME_SKEW = timedelta(seconds=5)


def system_clock() -> datetime:
    """Now, timezone-aware, in UTC."""
    return datetime.now(UTC)


class FakeClock:
    """A clock that only moves when told to: no test ever sleeps to see time pass."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 11, 22, 2, 0, tzinfo=UTC)
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self._now

    def advance(self, seconds: float = 0, **delta: float) -> datetime:
        with self._lock:
            self._now += timedelta(seconds=seconds, **delta)
            return self._now

    def set(self, when: datetime) -> None:
        with self._lock:
            self._now = when


class ClockRecorder:
    """Remembers in the store this clock against the portal's, as each /health answer shows it.

    Every process that reaches the portal records what it measured (kiosk/store/clock.py); retention and
    the stamping of final statuses decide from the last measurement, whichever process took it. A
    measurement like the last one written (same skew, within RECORD_EVERY) is not written again.
    """

    def __init__(self, store: ClockOps, clock: Clock) -> None:
        self.store, self.clock = store, clock
        self._last: tuple[datetime, timedelta] | None = None

    def record(self, health: Health | None) -> None:
        if health is None or health.skew_seconds is None:
            return
        now, skew = self.clock(), timedelta(seconds=health.skew_seconds)
        if self._last is not None:
            at, last_skew = self._last
            if timedelta(0) <= now - at < RECORD_EVERY and abs(skew - last_skew) < SAME_SKEW:
                return
        self.store.record_clock_check(health.skew_seconds, now)
        self._last = (now, skew)


def measure_clock(client: PortalClient, store: ClockOps, clock: Clock) -> Health | None:
    """GET /health now and record the skew it shows; None when the portal did not answer."""
    health = client.health_info()
    ClockRecorder(store, clock).record(health)
    return health
