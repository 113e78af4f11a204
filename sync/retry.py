"""When to try again: capped exponential backoff with full jitter, never before the portal's Retry-After."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta


@dataclass
class RetryPolicy:
    """Full jitter (AWS architecture blog): delay ~ U(0, min(cap, base·2^(attempt-1))).

    Full jitter spreads a fleet of kiosks that lost the network at the same moment, so they do not all
    come back to the portal in the same second. `rng` is injectable for reproducible tests.
    """

    base: float = 5.0
    cap: float = 900.0
    rng: random.Random = field(default_factory=random.Random)

    def ceiling(self, attempt: int) -> float:
        """The largest delay (seconds) the `attempt`-th failure may wait; attempts count from 1."""
        exponent = min(max(attempt, 1) - 1, 62)  # 2**62 is far past any cap: no overflow, no float inf
        return float(min(self.cap, self.base * (2**exponent)))

    def delay(self, attempt: int) -> float:
        """A random delay in [0, ceiling(attempt)] seconds."""
        return self.rng.uniform(0.0, self.ceiling(attempt))

    def next_attempt(self, now: datetime, attempt: int, not_before: datetime | None = None) -> datetime:
        """When to try again: the jittered backoff, or the portal's Retry-After if that is later."""
        backoff = now + timedelta(seconds=self.delay(attempt))
        if not_before is not None and not_before > backoff:
            return not_before
        return backoff


def backoff_delay(attempt: int, *, base: float, cap: float, rng: random.Random | None = None) -> float:
    """One full-jitter delay in seconds (functional form of `RetryPolicy.delay`)."""
    return RetryPolicy(base, cap, rng or random.Random()).delay(attempt)  # noqa: S311 - jitter


def combine(now: datetime, delay_seconds: float, retry_after: datetime | None) -> datetime:
    """The later of `now + delay` and the portal's Retry-After instant."""
    candidate = now + timedelta(seconds=delay_seconds)
    return max(candidate, retry_after) if retry_after is not None else candidate
