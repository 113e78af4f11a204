"""A clock 2 years ahead, then put back: no lease, retry time, portal pause or probe time strands anything.

The kiosk's clock is a FakeClock; the portal is the real sandbox over loopback HTTP (its own clock is
right). What was written under the wrong clock (leases, retry times, the portal's Retry-After pause)
must not hold once the clock is right again: leases and retries are bounded by LEASE_FOR and the
backoff cap from now, a pause by sync.pause.MAX_PAUSE.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from harness import RecordingTransport, figures, open_store, queue_dossiers, sandbox_stats

from kiosk.owner import owner_id
from sync.client import NotBefore, PortalClient, Reply
from sync.clock import FakeClock, system_clock
from sync.pause import MAX_PAUSE, StorePause
from sync.queue import LEASE_FOR, drain
from sync.retry import RetryPolicy
from sync.sandbox import FaultPolicy, RunningSandbox, start_in_thread
from sync.sandbox.faults import FaultKind
from sync.service import SyncService

AHEAD = timedelta(days=730)
# Another terminal's sender (another host): its lease is respected until it expires, never judged alive
# or dead by a pid of ours.
OTHER_HOST_OWNER = "ui:4242@another-terminal/0b1c2d3e-0000-4000-8000-000000000000/4026531836/1000"


class CountingTransport(httpx.BaseTransport):
    """Real loopback HTTP; counts the requests that left (other than /health)."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.sent = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if not request.url.path.endswith("/health"):
            self.sent += 1
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[RunningSandbox]:
    with start_in_thread(db_path=tmp_path / "portal.sqlite3", seed=5, backoffice_tick=0) as running:
        yield running


def faults(sandbox: RunningSandbox, rate: float, *kinds: FaultKind, retry_after: int = 1) -> None:
    policy: FaultPolicy = sandbox.sandbox.faults
    policy.rate, policy.retry_after, policy.slow_ms = rate, retry_after, 10
    policy.weights = {kind: (1.0 if kind in kinds else 0.0) for kind in FaultKind}
    policy.reseed(5)


def test_leases_and_retry_times_of_a_clock_ahead_strand_nothing_once_it_is_put_back(
    sandbox: RunningSandbox, data_dir: Path
) -> None:
    store = open_store(data_dir)
    refs = queue_dossiers(store, 12, attachment_size=3_000, seed=3)
    clock = FakeClock(system_clock() + AHEAD)
    transport = RecordingTransport()
    client = PortalClient(sandbox.url, "kiosk-demo", "demo-secret", "clock", clock=clock, transport=transport)
    policy = RetryPolicy(base=5, cap=900, rng=random.Random(1))
    # Two years ahead: another terminal leases the first dossier, and half of our requests fail, so items
    # get retry times (no 429/503 here: pauses have their own test below).
    assert store.lease_next(OTHER_HOST_OWNER, clock(), LEASE_FOR) is not None
    faults(sandbox, 0.5, FaultKind.DROP_BEFORE, FaultKind.DROP_AFTER, FaultKind.ERROR_500)
    drain(store, client, owner=owner_id("test"), clock=clock, policy=policy)
    waiting = store.outbox_items()
    ahead_retries = [i for i in waiting if i.state == "pending" and i.next_attempt_at is not None]
    ahead_leases = [i for i in waiting if i.lease_until is not None and i.lease_until > system_clock()]
    assert ahead_retries and ahead_leases  # what a clock 2 years ahead leaves behind

    clock.set(system_clock())  # the clock is put right
    faults(sandbox, 0.0)
    report = drain(store, client, owner=owner_id("test"), clock=clock, policy=policy)

    result = figures(store, refs, sandbox_stats(sandbox.url), transport.log, clock())
    print(f"sent after the correction={len(report.results)} {result.line()}")
    assert report.stopped == "empty"
    assert (result.accepted, result.duplicates, result.lost, result.stuck, result.live_leases) == (
        12,
        0,
        0,
        0,
        0,
    )
    assert result.refs_with_several_keys == 0 and result.keys_with_several_bodies == 0
    client.close()
    store.close()


def test_a_live_lease_of_another_terminal_is_respected_until_it_expires(data_dir: Path) -> None:
    store = open_store(data_dir)
    queue_dossiers(store, 1, attachment_size=0)
    now = system_clock()
    assert store.lease_next(OTHER_HOST_OWNER, now, LEASE_FOR) is not None
    assert store.lease_next(owner_id("test"), now + LEASE_FOR / 2, LEASE_FOR) is None
    assert store.lease_next(owner_id("test"), now + LEASE_FOR, LEASE_FOR) is not None
    store.close()


def test_a_pause_taken_under_a_clock_ahead_ends_within_the_bound_once_it_is_put_back(
    sandbox: RunningSandbox,
) -> None:
    """The app's long-lived client: before, it was blocked until a restart (2 years)."""
    clock = FakeClock(system_clock() + AHEAD)
    transport = CountingTransport()
    client = PortalClient(sandbox.url, "kiosk-demo", "demo-secret", "app", clock=clock, transport=transport)
    assert isinstance(client.procedures(None), Reply)  # signed in
    faults(sandbox, 1.0, FaultKind.RATE_LIMITED, retry_after=120)
    busy = client.procedures(None)
    assert isinstance(busy, Reply) and busy.status == 429
    assert client.not_before == clock() + timedelta(seconds=120)
    faults(sandbox, 0.0)

    clock.set(system_clock())  # the clock is put right
    held = client.procedures(None)
    assert isinstance(held, NotBefore) and held.when <= clock() + MAX_PAUSE
    clock.advance(MAX_PAUSE.total_seconds())
    sent_before = transport.sent
    answered = client.procedures(None)
    assert isinstance(answered, Reply) and answered.status == 200
    assert transport.sent > sent_before
    client.close()


def test_a_retry_after_is_kept_for_the_next_process_and_bounded(
    sandbox: RunningSandbox, data_dir: Path
) -> None:
    """A `Retry-After: 3600` was forgotten by the next process, which called /auth/token and /procedures."""
    store = open_store(data_dir)
    queue_dossiers(store, 2, attachment_size=0)
    clock = FakeClock(system_clock())
    first = PortalClient(
        sandbox.url, "kiosk-demo", "demo-secret", "cli-1", clock=clock, pause=StorePause(store)
    )
    assert isinstance(first.procedures(None), Reply)  # signed in
    faults(sandbox, 1.0, FaultKind.UNAVAILABLE, retry_after=5 * 3600)
    busy = first.procedures(None)
    assert isinstance(busy, Reply) and busy.status == 503
    assert first.not_before == clock() + MAX_PAUSE  # 5 hours asked, one honoured
    first.close()
    store.close()
    faults(sandbox, 0.0)

    # The next process: its own store connection and client, nothing in memory.
    store = open_store(data_dir)
    transport = CountingTransport()
    second = PortalClient(
        sandbox.url,
        "kiosk-demo",
        "demo-secret",
        "cli-2",
        clock=clock,
        transport=transport,
        pause=StorePause(store),
    )
    clock.advance(60)
    assert isinstance(second.procedures(None), NotBefore)
    report = drain(store, second, owner=owner_id("cli"), clock=clock)
    assert report.stopped == "not_before" and report.not_before == second.not_before
    assert transport.sent == 0  # neither /auth/token nor anything else
    assert all(item.attempts == 0 and item.lease_owner is None for item in store.outbox_items())

    # The same pause under a clock that is then put back 2 years: bounded too, stored so for everyone.
    clock.set(clock() - AHEAD)
    paused = second.not_before
    assert paused is not None and paused <= clock() + MAX_PAUSE
    assert store.portal_pause(clock(), MAX_PAUSE) == paused
    clock.advance(MAX_PAUSE.total_seconds())
    report = drain(store, second, owner=owner_id("cli"), clock=clock)
    assert report.stopped == "empty" and store.queued_count() == 0
    second.close()
    store.close()


def test_the_apps_sync_service_probes_and_polls_again_once_the_clock_is_put_back(
    sandbox: RunningSandbox, data_dir: Path
) -> None:
    """The app keeps one SyncService for its life: probe backoff and status polls were dated by the clock."""
    store = open_store(data_dir)
    queue_dossiers(store, 2, attachment_size=0)
    clock = FakeClock(system_clock() + AHEAD)
    client = PortalClient(
        sandbox.url, "kiosk-demo", "demo-secret", "app", clock=clock, pause=StorePause(store)
    )
    service = SyncService(store, client, owner=owner_id("ui"), clock=clock)
    first = service.run_once()
    assert (first.online, first.sent, first.statuses_polled) == (True, 2, 2)
    faults(sandbox, 1.0, FaultKind.DROP_BEFORE)
    sandbox.sandbox.faults.include_health = True
    assert not service.run_once().online  # offline: the next probe is dated by the clock ahead

    clock.set(system_clock())  # the clock is put right; the portal is back
    faults(sandbox, 0.0)
    again = service.run_once()  # not forced: the app's timer
    assert again.online
    assert again.statuses_polled == 2
    client.close()
    store.close()
