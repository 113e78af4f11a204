"""Status 5 → supplement → status 4 with the sandbox portal over loopback HTTP, 30 % faults: sent once."""

from __future__ import annotations

import json
import random
import threading
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from harness import body_digest, open_store, queue_dossiers, sandbox_stats

from kiosk.store import OutboxKind, OutboxState, Store
from sync.client import PortalClient, Reply
from sync.clock import FakeClock, system_clock
from sync.sandbox import FaultPolicy, RunningSandbox, start_in_thread
from sync.service import sync_now

pytestmark = pytest.mark.slow


class SupplementLog(httpx.BaseTransport):
    """Real loopback HTTP, noting every supplement POST (key → bodies) before it leaves."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.bodies_per_key: dict[str, set[str]] = defaultdict(set)
        self.notes: list[object] = []
        self._lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.endswith("/supplements"):
            content = request.read()
            with self._lock:
                self.bodies_per_key[request.headers["idempotency-key"]].add(body_digest(content))
                self.notes.append(json.loads(content).get("note"))
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[RunningSandbox]:
    faults = FaultPolicy(rate=0.3, seed=11, retry_after=1, slow_ms=30)
    with start_in_thread(
        db_path=tmp_path / "portal.sqlite3", faults=faults, seed=11, backoffice_tick=0
    ) as running:
        yield running


def sync_until_empty(store: Store, client: PortalClient, clock: FakeClock, rounds: int = 300) -> int:
    for done in range(1, rounds + 1):
        sync_now(store, client, owner="reliability", clock=clock)
        if store.queued_count() == 0:
            return done
        clock.advance(40)  # backoff and Retry-After elapse on the fake clock, without sleeping
    raise AssertionError(f"still {store.queued_count()} queued after {rounds} rounds")


N = 6


def test_supplement_round_trips_with_faults_are_each_delivered_exactly_once(
    sandbox: RunningSandbox, data_dir: Path
) -> None:
    store = open_store(data_dir)
    refs = queue_dossiers(store, N, attachment_size=30_000, seed=5)
    clock = FakeClock(system_clock())
    transport = SupplementLog()
    client = PortalClient(
        sandbox.url, "kiosk-demo", "demo-secret", "rel-sup", clock=clock, transport=transport
    )
    sync_until_empty(store, client, clock)
    codes = {ref: store.get_dossier(ref).dossier_code for ref in refs}
    assert all(codes.values())

    # The back office asks for a clearer copy of each; the kiosk learns it by polling.
    wanted: dict[str, list[str]] = {}
    for ref, code in codes.items():
        asked = httpx.post(f"{sandbox.url}/_sandbox/dossiers/{code}/request-supplement", timeout=30).json()
        assert asked["status"] == 5
        wanted[ref] = [d["doc_type"] for d in asked["supplement_request"]["documents"]]
    for _ in range(50):
        sync_now(store, client, owner="reliability", clock=clock)
        if all(store.get_dossier(ref).summary.portal_status == 5 for ref in refs):
            break
        clock.advance(40)
    assert all(store.get_dossier(ref).supplement_request is not None for ref in refs)

    # The agent adds the requested documents and a note; each goes through the outbox.
    rng = random.Random(9)
    keys = {}
    for ref in refs:
        for doc_type in wanted[ref]:
            scan = b"%PDF-1.7\n" + rng.randbytes(200_000)  # several chunks: uploads resume through faults
            store.add_supplement_attachment(ref, doc_type, scan, "chup-lai.pdf", "application/pdf", "BD-0001")
        store.save_supplement(ref, {}, "Đã chụp lại bản rõ nét.", "BD-0001")
        keys[ref] = store.queue_supplement(ref, "BD-0001").idempotency_key
    rounds = sync_until_empty(store, client, clock)

    sandbox.sandbox.faults.rate = 0
    clock.advance(60)  # past any Retry-After of the last round
    for ref, code in codes.items():
        view = client.get_dossier(str(code))
        assert isinstance(view, Reply) and view.json()["status"] == 4
        assert view.json()["supplement_request"] is None
        assert store.get_dossier(ref).summary.portal_status == 4
        supplements = [i for i in store.outbox_items(ref) if i.kind == OutboxKind.SUPPLEMENT]
        assert [i.state for i in supplements] == [OutboxState.DONE]
    stats = sandbox_stats(sandbox.url)
    posts = len(transport.notes)
    print(f"rounds={rounds} faults={stats['faults']} supplement_posts={posts} counters={stats['counters']}")
    assert sum(stats["faults"].values()) > N  # the faults really happened
    assert posts > N  # some supplements had to be sent again
    assert stats["counters"].get("supplements") == N  # each accepted once, however often it was sent
    assert stats["counters"].get("idempotency_key_reused", 0) == 0
    assert set(transport.bodies_per_key) == set(keys.values())  # one key per supplement, never reused ...
    assert all(len(bodies) == 1 for bodies in transport.bodies_per_key.values())  # ... with another body
    assert set(transport.notes) == {"Đã chụp lại bản rõ nét."}
    client.close()
    store.close()
