"""A hostile portal (tests/reliability/hostile_portal.py) against the real client, sender and poller.

Every misbehaviour of issue #12 ends in a clear, bounded state: a figure of requests or bytes, the item
still queued under its Idempotency-Key (and sent under that key once the portal behaves), nothing of the
bad answer stored, and no exception out of a sync round. Figures, never timings.
"""

from __future__ import annotations

import json
import logging
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from harness import open_store, queue_dossiers
from hostile_portal import MISSING, HostilePortal, wait_until

from kiosk.store import DossierState, Store
from sync.client import PortalClient
from sync.clock import FakeClock
from sync.contract import MAX_CATALOG_BYTES, MAX_JSON_BYTES
from sync.queue import DrainReport, drain
from sync.retry import RetryPolicy
from sync.send import Outcome
from sync.service import SyncService
from sync.status import StatusPoller

READ_PIECE = 64 * 1024  # httpcore reads at most this much at a time: the overshoot past a cap
CODE = "G22.99-261122-0001"


@pytest.fixture
def portal() -> Iterator[HostilePortal]:
    with HostilePortal() as running:
        yield running


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path)
    yield opened
    opened.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime.now(UTC))


def client_for(portal: HostilePortal, clock: FakeClock, *, deadline: float = 30.0) -> PortalClient:
    return PortalClient(portal.url, "kiosk-demo", "demo-secret", "kiosk-7", clock=clock, deadline=deadline)


def send(store: Store, client: PortalClient, clock: FakeClock) -> DrainReport:
    policy = RetryPolicy(base=1, cap=60, rng=random.Random(0))
    return drain(store, client, owner="test", clock=clock, policy=policy)


def key_of(store: Store, ref: str) -> str:
    (item,) = store.outbox_items(ref)
    return item.idempotency_key


def heal_and_resend(
    portal: HostilePortal, store: Store, client: PortalClient, clock: FakeClock, ref: str
) -> None:
    """The portal behaves again: after the backoff the item goes under the key it always had."""
    key = key_of(store, ref)
    portal.switches = type(portal.switches)()
    clock.advance(hours=1)
    report = send(store, client, clock)
    assert [r.outcome for r in report.results] == [Outcome.SENT]
    assert store.get_dossier(ref).dossier_code == CODE
    assert set(portal.figures.keys) == {key}


def test_a_patch_that_does_not_advance_is_an_error_after_one_retry(
    portal: HostilePortal, store: Store, clock: FakeClock
) -> None:
    (ref,) = queue_dossiers(store, 1)
    portal.switches.stuck_patch = True
    with client_for(portal, clock) as client:
        report = send(store, client, clock)
        assert [(r.outcome, r.code) for r in report.results] == [(Outcome.RETRY_LATER, "upload-no-progress")]
        assert portal.figures.requests["patch"] == 2  # the first answer, then one more try
        assert store.get_dossier(ref).state is DossierState.QUEUED
        heal_and_resend(portal, store, client, clock, ref)


def test_an_endless_body_is_cut_at_the_cap(portal: HostilePortal, store: Store, clock: FakeClock) -> None:
    (ref,) = queue_dossiers(store, 1)
    portal.switches.huge, portal.switches.huge_size = "create_dossier", 64 * 1024 * 1024
    with client_for(portal, clock) as client:
        report = send(store, client, clock)
        assert [(r.outcome, r.code) for r in report.results] == [(Outcome.RETRY_LATER, "portal-protocol")]
        assert client.bytes_received <= MAX_JSON_BYTES + 4 * READ_PIECE  # read: about 1 MiB of 64
        assert store.get_dossier(ref).dossier_code is None
        # The server wrote what the socket buffers took before the kiosk hung up, not the 64 MiB.
        assert wait_until(lambda: portal.figures.requests["create_dossier"] == 1)
        assert portal.figures.sent["create_dossier"] < 32 * 1024 * 1024
        heal_and_resend(portal, store, client, clock, ref)


def test_an_endless_health_answer_is_not_online(portal: HostilePortal, clock: FakeClock) -> None:
    portal.switches.huge = "health"
    with client_for(portal, clock) as client:
        assert client.health() is False
        assert client.bytes_received <= 64 * 1024 + READ_PIECE


def test_an_endless_catalog_is_refused_and_the_current_one_stays(
    portal: HostilePortal, store: Store, clock: FakeClock, tmp_path: Path
) -> None:
    portal.switches.huge, portal.switches.huge_size = "procedures", 64 * 1024 * 1024
    with client_for(portal, clock) as client:
        service = SyncService(
            store, client, owner="test", clock=clock, data_dir=tmp_path, catalog_version=lambda: "2026.11.1"
        )
        summary = service.run_once(force=True)
        assert summary.catalog is not None and summary.catalog.outcome == "rejected"
        assert client.bytes_received <= MAX_CATALOG_BYTES + 4 * READ_PIECE


def test_a_gzip_bomb_stops_at_the_cap(portal: HostilePortal, store: Store, clock: FakeClock) -> None:
    (ref,) = queue_dossiers(store, 1)
    portal.switches.gzip_bomb, portal.switches.huge_size = "create_dossier", 64 * 1024 * 1024
    with client_for(portal, clock) as client:
        report = send(store, client, clock)
        assert [(r.outcome, r.code) for r in report.results] == [(Outcome.RETRY_LATER, "portal-protocol")]
        assert client.bytes_received < MAX_JSON_BYTES  # ~64 KiB of gzip: inflating stopped at the cap
        assert store.get_dossier(ref).dossier_code is None


def test_a_trickled_body_ends_at_the_deadline(portal: HostilePortal, store: Store, clock: FakeClock) -> None:
    (ref,) = queue_dossiers(store, 1)
    portal.switches.trickle = "create_dossier"
    with client_for(portal, clock, deadline=0.5) as client:
        report = send(store, client, clock)
        assert [(r.outcome, r.code) for r in report.results] == [(Outcome.RETRY_LATER, "response-lost")]
        whole = len(json.dumps(portal.dossiers[ref]).encode())
        assert portal.figures.sent["create_dossier"] < whole  # given up before the end of the answer
        # The portal did create it: the next attempt finds it by client_ref, under the same key.
        portal.switches.trickle = None
        clock.advance(hours=1)
        assert [r.outcome for r in send(store, client, clock).results] == [Outcome.SENT]
        assert store.get_dossier(ref).dossier_code == CODE and len(portal.dossiers) == 1
        assert len(set(portal.figures.keys)) == 1


def test_trickled_headers_end_at_the_deadline(portal: HostilePortal, store: Store, clock: FakeClock) -> None:
    queue_dossiers(store, 1)
    portal.switches.trickle, portal.switches.trickle_headers = "token", True
    with client_for(portal, clock, deadline=0.5) as client:
        report = send(store, client, clock)
        assert [(r.outcome, r.code) for r in report.results] == [(Outcome.RETRY_LATER, "response-lost")]
        # Only the socket-level deadline can stop this one: no body byte ever came.
        assert portal.figures.sent["token"] < 100


@pytest.mark.parametrize(
    "code",
    ["x" * 5_000_000, "G" * 65, 12345, MISSING, None, "G22.99/../admin", "G22.99 261122"],
    ids=["5MB", "65-chars", "number", "missing", "null", "slash", "space"],
)
def test_an_invalid_dossier_code_is_never_stored(
    portal: HostilePortal, store: Store, clock: FakeClock, code: object
) -> None:
    (ref,) = queue_dossiers(store, 1)
    portal.switches.fields = {"create_dossier": {"dossier_code": code}}
    with client_for(portal, clock) as client:
        report = send(store, client, clock)
        assert [(r.outcome, r.code) for r in report.results] == [(Outcome.RETRY_LATER, "portal-protocol")]
        assert portal.figures.requests["create_dossier"] == 1
        dossier = store.get_dossier(ref)
        assert dossier.state is DossierState.QUEUED and dossier.dossier_code is None
        SyncService(store, client, owner="test", clock=clock).run_once(force=True)  # no exception
        heal_and_resend(portal, store, client, clock, ref)


def test_a_refused_answer_is_logged_without_its_values(
    portal: HostilePortal, store: Store, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    queue_dossiers(store, 1)
    name = "Nguyễn Thị Hoa 001185012345"
    portal.switches.fields = {"create_dossier": {"dossier_code": name, "payment": {"payee_name": name}}}
    caplog.set_level(logging.DEBUG)
    with client_for(portal, clock) as client:
        send(store, client, clock)
    assert "broke the contract: dossier_code:string_pattern_mismatch" in caplog.text
    assert "payment.bank_bin:missing" in caplog.text
    assert "Nguy" not in caplog.text and "001185012345" not in caplog.text


@pytest.mark.parametrize(
    ("route", "name", "value"),
    [
        ("token", "expires_in", 10**20),
        ("token", "expires_in", 1e20),
        ("token", "access_token", "tok\nX-Injected: 1"),
        ("create_dossier", "status", 10**20),
        ("create_dossier", "fee", {"amount": 1e20, "currency": "VND"}),
        (
            "create_dossier",
            "payment",
            {"payee_name": "x", "bank_bin": "970415", "account": "1", "reference": "é"},
        ),
        ("create_dossier", "tracking_url", "javascript:alert(1)"),
    ],
)
def test_out_of_range_fields_are_a_protocol_problem(
    portal: HostilePortal, store: Store, clock: FakeClock, route: str, name: str, value: object
) -> None:
    (ref,) = queue_dossiers(store, 1)
    portal.switches.fields = {route: {name: value}}
    with client_for(portal, clock) as client:
        report = send(store, client, clock)
        assert [(r.outcome, r.code) for r in report.results] == [(Outcome.RETRY_LATER, "portal-protocol")]
        assert store.get_dossier(ref).dossier_code is None
        heal_and_resend(portal, store, client, clock, ref)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("status", 10**20),
        ("status", "4"),
        ("status", True),
        ("history", [{"status": "x", "at": "2026-11-22T09:00:00+07:00"}]),
        ("history", [{"status": 2, "at": "hôm qua"}]),
        ("history", "not a list"),
        ("supplement_request", {"documents": [{"doc_type": {"a": 1}}]}),
    ],
)
def test_a_bad_status_answer_is_refused_and_the_round_goes_on(
    portal: HostilePortal, store: Store, clock: FakeClock, name: str, value: object
) -> None:
    (ref,) = queue_dossiers(store, 1)
    with client_for(portal, clock) as client:
        send(store, client, clock)
        before = store.get_dossier(ref)
        portal.statuses[CODE] = 4
        portal.switches.fields = {"get_dossier": {name: value}}
        poller = StatusPoller(clock=clock)
        service = SyncService(store, client, owner="test", clock=clock, poller=poller)
        service.run_once(force=True)  # no OverflowError, no TypeError
        assert portal.figures.requests["get_dossier"] == 1
        after = store.get_dossier(ref)
        assert after.summary.portal_status == before.summary.portal_status == 1
        portal.switches.fields = {}
        clock.advance(hours=1)
        service.run_once(force=True)
        assert store.get_dossier(ref).summary.portal_status == 4


def test_a_code_stored_by_an_older_version_does_not_break_sync(
    portal: HostilePortal, store: Store, clock: FakeClock
) -> None:
    first, second = queue_dossiers(store, 2)
    # What an older version stored unchecked, as it left the data dir.
    (item,) = store.outbox_items(first)
    store.complete(item.id, {"dossier_code": "x" * 5_000_000, "status": 1})
    with client_for(portal, clock) as client:
        summary = SyncService(store, client, owner="test", clock=clock).run_once(force=True)
        assert summary.sent == 1 and store.get_dossier(second).dossier_code == CODE
        assert portal.figures.requests["get_dossier"] == 1  # only the good one was asked about


def test_deeply_nested_json_is_no_answer(portal: HostilePortal, store: Store, clock: FakeClock) -> None:
    (ref,) = queue_dossiers(store, 1)
    portal.switches.nested = "health"
    with client_for(portal, clock) as client:
        assert client.health() is False  # no RecursionError
        summary = SyncService(store, client, owner="test", clock=clock).run_once(force=True)
        assert not summary.online and summary.remaining == 1
        portal.switches.nested = "create_dossier"
        report = send(store, client, clock)
        assert [(r.outcome, r.code) for r in report.results] == [(Outcome.RETRY_LATER, "portal-protocol")]
        heal_and_resend(portal, store, client, clock, ref)


def test_a_negative_upload_offset_is_never_sent_back(
    portal: HostilePortal, store: Store, clock: FakeClock
) -> None:
    (ref,) = queue_dossiers(store, 1)
    portal.switches.upload_offset = -5
    with client_for(portal, clock) as client:
        report = send(store, client, clock)
        assert [(r.outcome, r.code) for r in report.results] == [(Outcome.RETRY_LATER, "portal-protocol")]
        assert portal.figures.requests["patch"] == 0
        heal_and_resend(portal, store, client, clock, ref)
        assert all(offset.isdigit() for offset in portal.figures.offsets_received)


def test_a_negative_head_offset_is_never_sent_back(
    portal: HostilePortal, store: Store, clock: FakeClock
) -> None:
    # An attachment of several chunks keeps its upload id, so the next attempt HEADs it first.
    (ref,) = queue_dossiers(store, 1, attachment_size=300_000)
    portal.switches.stuck_patch = True
    with client_for(portal, clock) as client:
        send(store, client, clock)
        portal.switches.stuck_patch, portal.switches.head_offset = False, "-5"
        clock.advance(hours=1)
        report = send(store, client, clock)
        assert [(r.outcome, r.code) for r in report.results] == [(Outcome.RETRY_LATER, "portal-protocol")]
        assert portal.figures.requests["head_upload"] == 1
        assert all(offset.isdigit() for offset in portal.figures.offsets_received)
        heal_and_resend(portal, store, client, clock, ref)


def kiosk_track(portal: HostilePortal, tmp_path: Path, code: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "KIOSK_DATA_DIR": str(tmp_path / "cli-data"),
        "KIOSK_KEY_FILE": str(tmp_path / "cli.key"),
        "KIOSK_PORTAL_URL": portal.url,
        "KIOSK_CLIENT_ID": "kiosk-demo",
        "KIOSK_CLIENT_SECRET": "demo-secret",
    }
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", "track", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [("status", "bốn"), ("history", [{"status": 10**20, "at": "2026-11-22T09:00:00+07:00", "note": None}])],
)
def test_kiosk_track_says_the_answer_was_wrong_without_a_traceback(
    portal: HostilePortal, tmp_path: Path, name: str, value: object
) -> None:
    portal.statuses[CODE] = 4
    portal.switches.fields = {"get_dossier": {name: value}}
    done = kiosk_track(portal, tmp_path, CODE)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert "Cổng dịch vụ công trả lời không đúng quy định" in done.stdout
