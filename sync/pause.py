"""The portal's pause (Retry-After on 429/503): kept in the store so every process honours it, and bounded.

When the portal answers 429 or 503 with Retry-After, the client sends nothing but /health until then.
`StorePause` keeps that instant in the store's settings, so the app, a `kiosk sync` run beside it and the
next process after a restart all wait for it; `MemoryPause` keeps it in one client only (tests, tools).

Both are bounded by MAX_PAUSE: a pause is never honoured further than that from now, whatever the header
said and whatever the clock did. A pause taken under a clock that was ahead (say two years) and has since
been put back is shortened to MAX_PAUSE from the moment that is seen, and then runs out as any other.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy.exc import SQLAlchemyError

from kiosk.store import Store

log = logging.getLogger(__name__)

# The longest a terminal waits on the portal's word: past it, one request asks again (a portal that is
# still busy answers 429 with a new Retry-After, and that costs it one request).
MAX_PAUSE = timedelta(hours=1)


class Pause(Protocol):
    def until(self, now: datetime) -> datetime | None:
        """The pause still running at `now` (at most MAX_PAUSE away), or None."""
        ...

    def hold(self, until: datetime, now: datetime) -> datetime:
        """Pause until `until` (at most MAX_PAUSE from now; a running pause that ends later stays)."""
        ...


class MemoryPause:
    """A pause kept by one client, in memory."""

    def __init__(self, longest: timedelta = MAX_PAUSE) -> None:
        self.longest = longest
        self._until: datetime | None = None
        self._lock = threading.Lock()

    def until(self, now: datetime) -> datetime | None:
        with self._lock:
            if self._until is None or self._until <= now:
                return None
            if self._until - now > self.longest:
                self._until = now + self.longest  # taken under a clock that has since gone back
            return self._until

    def hold(self, until: datetime, now: datetime) -> datetime:
        until = min(until, now + self.longest)
        with self._lock:
            current = self._until
            if current is None or until > current or current - now > self.longest:
                self._until = current = until
            return current


class StorePause:
    """A pause kept in the store (kiosk.store.settings), seen by every process of the terminal.

    Also kept in memory: if the database cannot be read or written (logged), this process still waits.
    """

    def __init__(self, store: Store, longest: timedelta = MAX_PAUSE) -> None:
        self.store = store
        self.longest = longest
        self._memory = MemoryPause(longest)

    def until(self, now: datetime) -> datetime | None:
        mine = self._memory.until(now)
        try:
            shared = self.store.portal_pause(now, self.longest)
        except SQLAlchemyError as exc:
            log.warning("the portal's pause could not be read from the database: %s", type(exc).__name__)
            return mine
        if mine is None or (shared is not None and shared > mine):
            return shared
        return mine

    def hold(self, until: datetime, now: datetime) -> datetime:
        held = self._memory.hold(until, now)
        try:
            return self.store.hold_portal(until, now, self.longest)
        except SQLAlchemyError as exc:
            log.warning("the portal's pause could not be kept in the database: %s", type(exc).__name__)
            return held
