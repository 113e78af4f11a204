"""Retry timing: capped exponential backoff with full jitter, never earlier than Retry-After."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from sync.retry import RetryPolicy, backoff_delay, combine

NOW = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)


def test_ceiling_doubles_then_stays_at_the_cap() -> None:
    policy = RetryPolicy(base=5, cap=900)
    assert [policy.ceiling(n) for n in (1, 2, 3, 4)] == [5, 10, 20, 40]
    assert policy.ceiling(9) == 900 and policy.ceiling(10_000) == 900


@settings(max_examples=100, deadline=None)
@given(attempt=st.integers(1, 200), seed=st.integers(0, 2**32))
def test_delay_is_within_zero_and_the_ceiling(attempt: int, seed: int) -> None:
    policy = RetryPolicy(base=2, cap=300, rng=random.Random(seed))
    assert 0 <= policy.delay(attempt) <= policy.ceiling(attempt)


def test_full_jitter_spreads_a_fleet_over_the_whole_window() -> None:
    rng = random.Random(7)
    delays = [backoff_delay(6, base=5, cap=900, rng=rng) for _ in range(500)]
    assert min(delays) < 16 and max(delays) > 144  # not bunched at the ceiling (160 s) nor at zero


def test_retry_after_wins_when_it_is_later() -> None:
    policy = RetryPolicy(base=1, cap=10, rng=random.Random(1))
    later = NOW + timedelta(seconds=120)
    assert policy.next_attempt(NOW, 3, later) == later
    assert NOW <= policy.next_attempt(NOW, 3, NOW - timedelta(seconds=5)) <= NOW + timedelta(seconds=4)
    assert combine(NOW, 30, NOW + timedelta(seconds=10)) == NOW + timedelta(seconds=30)
    assert combine(NOW, 30, None) == NOW + timedelta(seconds=30)
