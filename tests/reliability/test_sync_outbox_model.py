"""Hypothesis stateful model of the outbox against the sandbox over loopback.

Rules: edit (new draft, valid or not), finalise, fix a dossier that needs attention (reopen → new key),
send with a network fault before or after the portal commits, crash-and-restart (in-memory objects
dropped, a sender dies holding a lease, the store reopened, leases expire), and a network replay of an
earlier request. Invariants: no client_ref is ever on the portal twice, every submitted dossier holds
the portal's code for it, no key ever carried two different bodies; at the end, after a clean drain,
every finalised dossier is on the portal exactly once (or waits for a person, never on the portal).
"""

from __future__ import annotations

import random
import shutil
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import ClassVar

import httpx
import pytest
from harness import APPLICANT, PROCEDURE, RecordingTransport, answers, body_digest, open_store
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from kiosk.store import Assisted, DossierState
from sync.client import PortalClient
from sync.clock import FakeClock, system_clock
from sync.queue import drain
from sync.retry import RetryPolicy
from sync.sandbox import RunningSandbox, start_in_thread

pytestmark = pytest.mark.slow


class FaultyTransport(RecordingTransport):
    """Loopback HTTP whose next dossier POST can fail before the portal sees it, or after it commits."""

    def __init__(self) -> None:
        super().__init__()
        self.fault: str | None = None
        self.sent: list[tuple[str, bytes]] = []  # (key, body) of every dossier POST, for replays

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        is_post = request.method == "POST" and request.url.path.endswith("/dossiers")
        if is_post:
            self.sent.append((request.headers["idempotency-key"], request.read()))
        fault, self.fault = (self.fault, None) if is_post else (None, self.fault)
        if fault == "before":
            raise httpx.ConnectError("line down", request=request)
        response = super().handle_request(request)
        if fault == "after":
            response.read()
            response.close()
            raise httpx.ReadError("answer lost", request=request)
        return response


class OutboxModel(RuleBasedStateMachine):
    portal: ClassVar[RunningSandbox]

    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="outbox-model-"))
        self.store = open_store(self.dir)
        self.clock = FakeClock(system_clock())
        self.transport = FaultyTransport()
        self.client = self._client()
        self.rng = random.Random(0)
        self.drafts: set[str] = set()
        self.finalised: set[str] = set()
        # The sandbox is shared by all examples: judge only what this one adds.
        self.duplicates_before = self.portal.sandbox.store.dossier_stats()["duplicate_client_refs"]

    def _client(self) -> PortalClient:
        return PortalClient(
            self.portal.url, "kiosk-demo", "demo-secret", "model", clock=self.clock, transport=self.transport
        )

    def _drain(self, max_items: int | None = None) -> None:
        policy = RetryPolicy(base=1, cap=10, rng=self.rng)
        drain(self.store, self.client, owner="model", clock=self.clock, policy=policy, max_items=max_items)

    def _states(self) -> dict[str, DossierState]:
        return {s.client_ref: s.state for s in self.store.list_dossiers()}

    # --- rules ----------------------------------------------------------------------------------------
    @rule(valid=st.booleans(), with_scan=st.booleans())
    def edit(self, valid: bool, with_scan: bool) -> None:
        ref = self.store.create_draft(
            *PROCEDURE, Assisted("community_team", "TN-0001", None, datetime.now(UTC))
        )
        given = answers(self.rng) | ({} if valid else {"page_count": 0})  # 0 pages: the portal refuses it
        self.store.save_answers(ref, dict(APPLICANT), given, {"method": "pickup", "channel": 2})
        if with_scan:
            self.store.add_attachment(
                ref, "ban_chinh", b"%PDF-1.7\n" + self.rng.randbytes(3000), "a.pdf", "application/pdf"
            )
        self.drafts.add(ref)

    @precondition(lambda self: bool(self.drafts))
    @rule(data=st.data())
    def finalise(self, data: st.DataObject) -> None:
        ref = data.draw(st.sampled_from(sorted(self.drafts)))
        self.store.finalize(ref, "TN-0001")
        self.drafts.discard(ref)
        self.finalised.add(ref)

    @rule(data=st.data())
    def fix(self, data: st.DataObject) -> None:
        waiting = sorted(r for r, s in self._states().items() if s is DossierState.NEEDS_ATTENTION)
        if not waiting:
            return
        ref = data.draw(st.sampled_from(waiting))
        self.store.reopen_for_edit(ref, "TN-0001")
        self.store.save_answers(ref, dict(APPLICANT), answers(self.rng))
        self.drafts.add(ref)

    @rule(fault=st.sampled_from([None, "before", "after"]), max_items=st.integers(1, 4))
    def send(self, fault: str | None, max_items: int) -> None:
        self.transport.fault = fault
        self._drain(max_items)
        self.clock.advance(30)

    @rule()
    def crash_and_restart(self) -> None:
        # A sender dies holding a lease; everything in memory is dropped; the store is opened again.
        self.store.lease_next("dying-sender", self.clock(), timedelta(minutes=15))
        self.client.close()
        self.store.close()
        self.store = open_store(self.dir)
        self.transport = FaultyTransport() if not self.transport.sent else self._carry_over()
        self.clock.advance(minutes=16)  # the dead sender's lease runs out
        self.client = self._client()

    def _carry_over(self) -> FaultyTransport:
        fresh = FaultyTransport()
        fresh.sent, fresh.log = self.transport.sent, self.transport.log
        return fresh

    @precondition(lambda self: bool(self.transport.sent))
    @rule(data=st.data())
    def replay(self, data: st.DataObject) -> None:
        """The network delivers an earlier request again (same key, same body)."""
        key, body = data.draw(st.sampled_from(self.transport.sent))
        token = httpx.post(
            self.portal.api + "/auth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": "kiosk-demo",
                "client_secret": "demo-secret",
            },
        ).json()["access_token"]
        answer = httpx.post(
            self.portal.api + "/dossiers",
            content=body,
            headers={
                "Idempotency-Key": key,
                "Authorization": f"Bearer {token}",
                "Content-Type": "application/json",
            },
        )
        assert answer.status_code != 500

    # --- invariants -----------------------------------------------------------------------------------
    @invariant()
    def never_twice_and_codes_agree(self) -> None:
        portal = self.portal.sandbox.store
        assert portal.dossier_stats()["duplicate_client_refs"] == self.duplicates_before
        for summary in self.store.list_dossiers([DossierState.SUBMITTED]):
            record = portal.dossier_by_client_ref(summary.client_ref)
            assert record is not None and record["code"] == summary.dossier_code

    @invariant()
    def a_key_never_carries_two_bodies(self) -> None:
        assert self.transport.log.keys_with_several_bodies() == []
        by_key: dict[str, set[str]] = {}
        for key, body in self.transport.sent:
            by_key.setdefault(key, set()).add(body_digest(body))
        assert all(len(bodies) == 1 for bodies in by_key.values())

    def teardown(self) -> None:
        try:
            for _ in range(20):
                if self.store.queued_count() == 0:
                    break
                self._drain()
                self.clock.advance(60)
            assert self.store.queued_count() == 0
            states = self._states()
            portal = self.portal.sandbox.store
            for ref in self.finalised:
                on_portal = portal.dossier_by_client_ref(ref)
                if states[ref] is DossierState.SUBMITTED:
                    assert on_portal is not None
                else:  # refused by the portal and waiting for a person (or back in edit)
                    assert states[ref] in (DossierState.NEEDS_ATTENTION, DossierState.DRAFT)
                    assert on_portal is None
            self.never_twice_and_codes_agree()
        finally:
            self.client.close()
            self.store.close()
            shutil.rmtree(self.dir, ignore_errors=True)


def test_outbox_model_exactly_once(tmp_path: Path) -> None:
    with start_in_thread(db_path=tmp_path / "portal.sqlite3", backoffice_tick=0) as portal:
        OutboxModel.portal = portal
        run_state_machine_as_test(
            OutboxModel,
            settings=settings(
                max_examples=30,
                stateful_step_count=15,
                deadline=None,
                suppress_health_check=[HealthCheck.too_slow],
            ),
        )
