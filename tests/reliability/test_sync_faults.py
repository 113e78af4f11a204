"""Exactly once over loopback HTTP: the sandbox fails 30 % of requests; nothing is lost or doubled."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from harness import RecordingTransport, figures, open_store, queue_dossiers, sandbox_stats

from kiosk.store import DossierState
from sync.client import PortalClient, Reply
from sync.clock import FakeClock, system_clock
from sync.queue import drain
from sync.retry import RetryPolicy
from sync.sandbox import FaultPolicy, RunningSandbox, start_in_thread

pytestmark = pytest.mark.slow
N = 50


def fault_policy(rate: float, seed: int) -> FaultPolicy:
    # Slow answers are kept short: the point is their effect on ordering, not the wait.
    return FaultPolicy(rate=rate, seed=seed, retry_after=1, slow_ms=30)


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[RunningSandbox]:
    with start_in_thread(
        db_path=tmp_path / "portal.sqlite3", faults=fault_policy(0.3, 7), seed=7, backoffice_tick=0
    ) as running:
        yield running


def drain_until_empty(store, client, clock: FakeClock, *, rounds: int = 400) -> int:  # type: ignore[no-untyped-def]
    policy = RetryPolicy(base=1, cap=30, rng=random.Random(3))
    for done in range(rounds):
        drain(store, client, owner="reliability", clock=clock, policy=policy)
        if store.queued_count() == 0:
            return done + 1
        clock.advance(40)  # no sleeping: the fake clock lets backoff and Retry-After elapse
    return rounds


def test_thirty_percent_faults_every_dossier_accepted_exactly_once(
    sandbox: RunningSandbox, data_dir: Path
) -> None:
    store = open_store(data_dir)
    refs = queue_dossiers(store, N, attachment_size=30_000, seed=11)
    clock = FakeClock(system_clock())
    transport = RecordingTransport()
    client = PortalClient(sandbox.url, "kiosk-demo", "demo-secret", "rel-1", clock=clock, transport=transport)
    rounds = drain_until_empty(store, client, clock)
    stats = sandbox_stats(sandbox.url)
    result = figures(store, refs, stats, transport.log, clock())
    print(f"rounds={rounds} faults={stats['faults']} {result.line()}")
    assert sum(stats["faults"].values()) > N  # the faults really happened
    assert (result.accepted, result.duplicates, result.lost, result.stuck) == (N, 0, 0, 0)
    assert result.refs_with_several_keys == 0 and result.keys_with_several_bodies == 0
    assert set(transport.log.keys_per_ref) == set(refs)
    # The codes the kiosk holds are the portal's codes for those dossiers.
    sandbox.sandbox.faults.rate = 0
    clock.advance(60)  # past any Retry-After of the last round
    for ref in refs[:10]:
        found = client.find_dossier_by_client_ref(ref)
        assert isinstance(found, Reply)
        assert found.json()["items"][0]["dossier_code"] == store.get_dossier(ref).dossier_code
    assert all(store.get_dossier(ref).state is DossierState.SUBMITTED for ref in refs)
    client.close()
    store.close()


class CuttingTransport(httpx.BaseTransport):
    """Cuts the connection about every `every` bytes of PATCH body: the portal keeps what arrived."""

    def __init__(self, every: int, seed: int) -> None:
        self.inner = httpx.HTTPTransport()
        self.every = every
        self.rng = random.Random(seed)
        self.sent = 0  # bytes the client put into PATCH bodies
        self.delivered = 0
        self.cuts = 0
        self.next_cut = self._gap()

    def close(self) -> None:
        self.inner.close()

    def _gap(self) -> int:
        return int(self.every * self.rng.uniform(0.8, 1.2))

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method != "PATCH":
            return self.inner.handle_request(request)
        body = request.read()
        self.sent += len(body)
        room = self.next_cut - self.delivered
        if len(body) <= room:
            self.delivered += len(body)
            return self.inner.handle_request(request)
        # The first `room` bytes reach the portal, then the line drops: its answer never arrives.
        partial = httpx.Request(
            request.method,
            request.url,
            headers={k: v for k, v in request.headers.items() if k.lower() != "content-length"},
            content=body[:room],
        )
        if room > 0:
            response = self.inner.handle_request(partial)
            response.read()
            response.close()
        self.delivered += room
        self.cuts += 1
        self.next_cut = self.delivered + self._gap()
        raise httpx.RemoteProtocolError("connection cut", request=request)


def test_ten_mib_through_a_cut_every_mib_sends_at_most_twelve_mib(data_dir: Path, tmp_path: Path) -> None:
    size = 10 * 1024 * 1024
    store = open_store(data_dir)
    (ref,) = queue_dossiers(store, 1, attachment_size=size, seed=5)
    cutting = CuttingTransport(every=1024 * 1024, seed=9)
    clock = FakeClock(system_clock())
    with start_in_thread(db_path=tmp_path / "p.sqlite3", backoffice_tick=0) as running:
        client = PortalClient(
            running.url, "kiosk-demo", "demo-secret", "rel-2", clock=clock, transport=cutting
        )
        rounds = drain_until_empty(store, client, clock, rounds=5)
        client.close()
    print(f"cuts={cutting.cuts} patch_bytes={cutting.sent} rounds={rounds}")
    assert store.get_dossier(ref).state is DossierState.SUBMITTED
    assert cutting.cuts >= 8
    assert cutting.sent <= 12 * 1024 * 1024
    store.close()
