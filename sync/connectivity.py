"""Is the portal reachable? A cheap /health probe about every 10 s while offline; change observers (no Qt)."""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sync.clock import Clock

log = logging.getLogger(__name__)
Observer = Callable[[bool], None]


@dataclass
class ProbeCadence:
    """How often an offline terminal asks /health: every `every` seconds, ± `jitter` of it.

    /health is cheap, needs no token and is never held back by the portal's pause (portal-api.md), so an
    offline terminal asks it often enough to send again within seconds of the portal's return (issue #17:
    a backoff that grew to minutes made a volunteer wait 87 s). The jitter keeps a fleet of kiosks that
    lost the network together from asking in the same second. `rng` is injectable for tests.
    """

    every: float = 10.0
    jitter: float = 0.2
    rng: random.Random = field(default_factory=random.Random)

    @property
    def longest(self) -> float:
        return self.every * (1 + self.jitter)

    def next_probe(self, now: datetime) -> datetime:
        spread = self.every * self.jitter
        return now + timedelta(seconds=self.every + self.rng.uniform(-spread, spread))


class Connectivity:
    """Online/offline state of one portal.

    While offline the probe runs at most on the cadence (about every 10 s, jittered), so the terminal
    neither hammers the link nor waits minutes once the portal is back; `check(force=True)` probes now (a
    dossier was just queued, a person pressed "Gửi ngay").
    Observers are called with the new state on every change, from the thread that probed: the UI
    forwards them to its own thread through a queued signal.
    """

    def __init__(
        self, probe: Callable[[], bool], *, clock: Clock, cadence: ProbeCadence | None = None
    ) -> None:
        self._probe = probe
        self._clock = clock
        self.cadence = cadence or ProbeCadence()
        self._lock = threading.Lock()
        self._observers: list[Observer] = []
        self.online: bool | None = None  # None until the first probe
        self.failures = 0
        self.next_probe_at: datetime | None = None

    def subscribe(self, observer: Observer) -> Callable[[], None]:
        """Call `observer(online)` on every change; returns the function that unsubscribes it."""
        with self._lock:
            self._observers.append(observer)

        def unsubscribe() -> None:
            with self._lock:
                if observer in self._observers:
                    self._observers.remove(observer)

        return unsubscribe

    def check(self, *, force: bool = False) -> bool:
        """Probe (unless offline and the backoff says not yet) and return whether the portal is online."""
        now = self._clock()
        with self._lock:
            waiting = not force and self.online is False and self.next_probe_at is not None
            # A probe time further than the cadence allows was set under a clock that has since been put
            # back: probe now rather than wait for the wrong clock.
            if (
                waiting
                and self.next_probe_at is not None
                and now < self.next_probe_at <= now + timedelta(seconds=self.cadence.longest)
            ):
                return False
        self._set(self._probe())
        return bool(self.online)

    def report(self, reachable: bool) -> None:
        """What a real request just showed (a sync run that could not connect counts as a failed probe)."""
        self._set(reachable)

    def _set(self, reachable: bool) -> None:
        now = self._clock()
        with self._lock:
            changed = reachable != self.online
            self.online = reachable
            if reachable:
                self.failures, self.next_probe_at = 0, None
            else:
                self.failures += 1
                self.next_probe_at = self.cadence.next_probe(now)
            observers = list(self._observers) if changed else []
        if changed:
            log.info("portal is %s", "online" if reachable else "offline")
        for observer in observers:
            try:
                observer(reachable)
            except Exception:
                log.exception("a connectivity observer failed")
