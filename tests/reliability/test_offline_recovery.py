"""Issue #17: the portal comes back and the kiosk notices within seconds, not minutes (simulated time).

The real sandbox portal is stopped and started again on the same port; the kiosk's clock is a FakeClock
moved one simulated second at a time, as a scheduler that asks often would see it: a round costs nothing
while the next /health probe is not due. Nothing sleeps; the figures are simulated seconds.
"""

from __future__ import annotations

import itertools
import random
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest

from kiosk.store import DossierState, Store
from sync.client import PortalClient
from sync.clock import FakeClock
from sync.connectivity import ProbeCadence
from sync.pause import StorePause
from sync.queue import LEASE_FOR
from sync.sandbox.server import RunningSandbox, start_in_thread
from sync.send import local_problem
from sync.service import SyncService, SyncSummary
from tests.reliability.harness import open_store, queue_dossiers
from ui.services import SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET

DOWN_FOR = 600  # ten minutes without network: a backoff had grown to minutes by then
RETURN_BOUND = 15  # issue #17: sending resumes within 15 s of the portal's return


@dataclass(frozen=True)
class Seen:
    at: datetime
    method: str
    path: str
    authorization: str | None


class Recorder(httpx.BaseTransport):
    """Real loopback HTTP, each request noted (simulated time, method, path, Authorization) first."""

    def __init__(self, clock: FakeClock) -> None:
        self.inner = httpx.HTTPTransport()
        self.clock = clock
        self.seen: list[Seen] = []
        self._lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        with self._lock:
            self.seen.append(
                Seen(self.clock(), request.method, request.url.path, request.headers.get("authorization"))
            )
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()

    def health(self) -> list[Seen]:
        return [s for s in self.seen if s.path.endswith("/health")]


@dataclass
class Kiosk:
    store: Store
    service: SyncService
    recorder: Recorder
    clock: FakeClock

    def tick(self) -> SyncSummary:
        """One simulated second, then a round (not forced: the probe runs only when due)."""
        self.clock.advance(1)
        return self.service.run_once()

    def state(self, ref: str) -> DossierState:
        summary = self.store.dossier_summary(ref)
        assert summary is not None
        return summary.state


@pytest.fixture
def portal_db(tmp_path: Path) -> Path:
    return tmp_path / "portal.sqlite3"


@pytest.fixture
def portal(portal_db: Path) -> Iterator[list[RunningSandbox]]:
    running = [start_in_thread(db_path=portal_db)]  # the test starts it again: the last one is stopped
    yield running
    running[-1].stop()


@pytest.fixture
def kiosk(data_dir: Path, portal: list[RunningSandbox]) -> Iterator[Kiosk]:
    clock = FakeClock()
    recorder = Recorder(clock)
    store = open_store(data_dir)
    client = PortalClient(
        portal[0].url,
        SANDBOX_CLIENT_ID,
        SANDBOX_CLIENT_SECRET,
        "kiosk-17",
        clock=clock,
        transport=recorder,
        pause=StorePause(store),
    )
    service = SyncService(store, client, owner="kiosk-17", clock=clock)
    service.connectivity.cadence = ProbeCadence(rng=random.Random(17))
    yield Kiosk(store, service, recorder, clock)
    client.close()
    store.close()


def come_back(portal: list[RunningSandbox], db: Path) -> None:
    """The portal returns on the same address, with its data."""
    port = int(portal[-1].url.rsplit(":", 1)[1])
    portal.append(start_in_thread(port=port, db_path=db))


def go_offline(kiosk: Kiosk, portal: list[RunningSandbox], seconds: int) -> str:
    """The network goes; a dossier is filed (its forced round finds the portal gone); `seconds` pass."""
    portal[-1].stop()
    (ref,) = queue_dossiers(kiosk.store, 1, attachment_size=2_000)
    assert kiosk.service.run_once(force=True).online is False  # "Nộp hồ sơ" kicks a forced round
    for _ in range(seconds):
        assert kiosk.tick().online is False
    return ref


def test_offline_the_kiosk_probes_health_about_every_10_s_without_a_token_and_sends_within_15_s(
    kiosk: Kiosk, portal: list[RunningSandbox], portal_db: Path
) -> None:
    start = kiosk.clock()
    ref = go_offline(kiosk, portal, DOWN_FOR)
    assert kiosk.state(ref) is DossierState.QUEUED

    # While offline: only /health, about every 10 s (jittered), never with a token.
    probes = kiosk.recorder.health()
    assert {s.path for s in kiosk.recorder.seen} == {"/api/v1/health"}
    times = [s.at for s in probes]
    gaps = [(b - a).total_seconds() for a, b in itertools.pairwise(times)]
    assert len(probes) >= DOWN_FOR // 12 and max(gaps) <= 12 and min(gaps) >= 8, gaps
    assert len(set(gaps)) > 1  # jittered: a fleet that lost the network together does not ask in step
    assert all(s.authorization is None for s in probes)

    # The portal returns just after a probe failed (the worst moment): sent within 15 simulated seconds.
    while (kiosk.clock() - probes[-1].at).total_seconds() < 1:
        kiosk.tick()
    back = kiosk.clock()
    come_back(portal, portal_db)
    while kiosk.state(ref) is DossierState.QUEUED and (kiosk.clock() - back).total_seconds() <= 60:
        kiosk.tick()
    waited = (kiosk.clock() - back).total_seconds()
    print(f"offline {(back - start).total_seconds():.0f} s, {len(probes)} probes; sent {waited:.0f} s after")
    assert kiosk.state(ref) is DossierState.SUBMITTED and waited <= RETURN_BOUND, waited
    assert all(s.authorization is None for s in kiosk.recorder.health())
    assert all(s.authorization for s in kiosk.recorder.seen if not s.path.endswith(("/health", "/token")))


def test_an_item_held_back_by_the_network_is_sent_as_soon_as_the_portal_answers_again(
    kiosk: Kiosk, portal: list[RunningSandbox], portal_db: Path
) -> None:
    """A send that could not connect left the item 15 minutes of backoff: that backoff was for the network,
    and the portal's return ends it (items the portal itself answered keep theirs)."""
    ref = go_offline(kiosk, portal, 60)
    now = kiosk.clock()
    item = kiosk.store.lease_next("kiosk-17", now, LEASE_FOR)
    assert item is not None and item.client_ref == ref
    kiosk.store.fail(item.id, retry_at=now + timedelta(minutes=15), problem=local_problem("unreachable"))
    back = kiosk.clock()
    come_back(portal, portal_db)
    while kiosk.state(ref) is DossierState.QUEUED and (kiosk.clock() - back).total_seconds() <= 120:
        kiosk.tick()
    waited = (kiosk.clock() - back).total_seconds()
    assert kiosk.state(ref) is DossierState.SUBMITTED and waited <= RETURN_BOUND, waited


def test_the_portals_pause_still_holds_everything_but_health(
    kiosk: Kiosk, portal: list[RunningSandbox], portal_db: Path
) -> None:
    """The portal returns but asked (Retry-After, kept in the store for every process) for 45 s of quiet:
    /health goes on, nothing else is sent before the pause ends; then the dossier goes at once."""
    ref = go_offline(kiosk, portal, 60)
    back = kiosk.clock()
    until = back + timedelta(seconds=45)
    StorePause(kiosk.store).hold(until, back)
    come_back(portal, portal_db)
    before = len(kiosk.recorder.seen)
    paused_rounds = 0
    while kiosk.state(ref) is DossierState.QUEUED and (kiosk.clock() - back).total_seconds() <= 120:
        summary = kiosk.tick()
        if summary.online and kiosk.clock() < until:  # /health answers again: the pause holds the rest
            assert summary.stopped == "not_before" and summary.not_before == until, summary
            assert kiosk.service.next_round_at(summary, kiosk.clock()) == until  # the app's next round
            paused_rounds += 1
    assert paused_rounds >= 30
    during = [s for s in kiosk.recorder.seen[before:] if s.at < until]
    assert during and {s.path for s in during} == {"/api/v1/health"}
    waited = (kiosk.clock() - until).total_seconds()
    assert kiosk.state(ref) is DossierState.SUBMITTED and 0 <= waited <= 1, waited


def test_the_next_round_comes_at_the_next_probe_while_offline_and_at_the_interval_online(
    kiosk: Kiosk, portal: list[RunningSandbox], portal_db: Path
) -> None:
    assert kiosk.service.next_round_at(kiosk.service.run_once(), kiosk.clock()) is None  # online: as usual
    go_offline(kiosk, portal, 0)
    now = kiosk.clock()
    summary = kiosk.service.run_once()
    nxt = kiosk.service.next_round_at(summary, now)
    assert nxt is not None and 8 <= (nxt - now).total_seconds() <= 12
    assert nxt == kiosk.service.connectivity.next_probe_at
