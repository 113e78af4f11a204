"""Failed agent sign-ins counted per account and per client address, over a sliding window."""

from __future__ import annotations

import math
from collections import OrderedDict, deque
from dataclasses import dataclass, field


@dataclass
class SignInThrottle:
    """After `per_account` failures for one username (or `per_address` from one address) within `window`
    seconds, sign-ins for it are refused (429) until the oldest of those failures leaves the window.

    A refused attempt is not checked at all, so guessing stops paying off; a right password resets the
    account's count (not the address's). Memory is bounded: at most `max_keys` keys are tracked.
    """

    per_account: int = 5
    per_address: int = 20
    window: float = 300.0
    max_keys: int = 10_000
    _failures: OrderedDict[str, deque[float]] = field(default_factory=OrderedDict)

    @staticmethod
    def keys(username: str, address: str) -> tuple[str, str]:
        return f"account:{username[:200]}", f"address:{address}"

    def _limit(self, key: str) -> int:
        return self.per_account if key.startswith("account:") else self.per_address

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.get(key)
        if times is None:
            return deque()
        while times and times[0] <= now - self.window:
            times.popleft()
        if not times:
            del self._failures[key]
        return times

    def retry_after(self, keys: tuple[str, ...], now: float) -> int | None:
        """Whole seconds to wait when any key is over its limit, else None."""
        waits = []
        for key in keys:
            times = self._recent(key, now)
            limit = self._limit(key)
            if len(times) >= limit:
                # The attempt is allowed again once all but limit-1 of the counted failures have aged out.
                waits.append(times[len(times) - limit] + self.window - now)
        if not waits:
            return None
        return max(1, math.ceil(max(waits)))

    def failed(self, keys: tuple[str, ...], now: float) -> None:
        for key in keys:
            times = self._recent(key, now)
            times.append(now)
            self._failures[key] = times
            self._failures.move_to_end(key)
            while len(times) > self._limit(key):
                times.popleft()
        while len(self._failures) > self.max_keys:
            self._failures.popitem(last=False)

    def succeeded(self, account_key: str) -> None:
        self._failures.pop(account_key, None)
