"""Is the portal reachable? A cheap /health probe with backoff while offline, and change observers (no Qt)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from sync.clock import Clock
from sync.retry import RetryPolicy

log = logging.getLogger(__name__)
Observer = Callable[[bool], None]


class Connectivity:
    """Online/offline state of one portal.

    While offline the probe runs at most on the backoff schedule (full jitter, capped), so a terminal
    without network does not hammer the link; `check(force=True)` probes now (a person pressed "Gửi lại").
    Observers are called with the new state on every change, from the thread that probed: the UI
    forwards them to its own thread through a queued signal.
    """

    def __init__(self, probe: Callable[[], bool], *, clock: Clock, policy: RetryPolicy | None = None) -> None:
        self._probe = probe
        self._clock = clock
        self._policy = policy or RetryPolicy(base=5, cap=300)
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
            # A probe time further than the backoff cap away was set under a clock that has since been
            # put back: probe now rather than wait for the wrong clock.
            if (
                waiting
                and self.next_probe_at is not None
                and now < self.next_probe_at <= now + timedelta(seconds=self._policy.cap)
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
                self.next_probe_at = self._policy.next_attempt(now, self.failures)
            observers = list(self._observers) if changed else []
        if changed:
            log.info("portal is %s", "online" if reachable else "offline")
        for observer in observers:
            try:
                observer(reachable)
            except Exception:
                log.exception("a connectivity observer failed")
