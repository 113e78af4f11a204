"""Connectivity probe, status polling, catalog refresh and the sync round (SyncService / sync_now)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import httpx
import test_sync_fakeportal as fake
from test_sync_fakeportal import FakePortal, problem, queued_dossier

from kiosk.catalog import bundled_catalog
from kiosk.catalog_load import procedure_to_document
from kiosk.store import Store
from sync.catalog_refresh import current_catalog, refresh_catalog, saved_catalog_path
from sync.client import PortalClient
from sync.clock import FakeClock
from sync.connectivity import Connectivity
from sync.queue import drain
from sync.service import SyncService, sync_now
from sync.status import StatusPoller

store, client, portal, clock = fake.store, fake.client, fake.portal, fake.clock  # shared fixtures


def test_offline_probes_back_off_and_observers_hear_each_change(clock: FakeClock) -> None:
    answers = iter([False, False, True])
    probes: list[int] = []

    def probe() -> bool:
        probes.append(1)
        return next(answers)

    link = Connectivity(probe, clock=clock)
    heard: list[bool] = []
    link.subscribe(heard.append)
    assert link.check() is False
    assert link.check() is False and len(probes) == 1  # backing off: no probe yet
    clock.advance(600)
    assert link.check() is False and len(probes) == 2
    assert link.check(force=True) is True and len(probes) == 3
    assert heard == [False, True]


def test_status_polling_is_gentle_and_records_the_history(
    store: Store, client: PortalClient, portal: FakePortal, clock: FakeClock
) -> None:
    refs = [queued_dossier(store) for _ in range(3)]
    drain(store, client, owner="t", clock=clock)
    poller = StatusPoller(clock=clock, every=timedelta(minutes=15), batch=2)
    code = store.get_dossier(refs[0]).dossier_code
    assert code is not None
    portal.status[code] = 4
    first = poller.poll(store, client)
    second = poller.poll(store, client)
    assert (first.polled, second.polled) == (2, 1)
    assert poller.poll(store, client).polled == 0  # every dossier was asked within 15 minutes
    clock.advance(minutes=15)
    assert poller.poll(store, client).polled == 2
    dossier = store.get_dossier(refs[0])
    assert dossier.summary.portal_status == 4 and [h["status"] for h in dossier.history] == [1, 2, 3, 4]
    assert sum(1 for r in portal.api("GET") if "/dossiers/" in r.url.path) == 5


def _portal_catalog(version: str) -> dict[str, object]:
    docs = [procedure_to_document(p) for p in bundled_catalog().procedures.values()]
    return {"catalog_version": version, "procedures": docs}


def _catalog_client(answer: httpx.Response, clock: FakeClock) -> PortalClient:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/auth/token"):
            return httpx.Response(200, json={"access_token": "t", "expires_in": 3600})
        return answer

    return PortalClient("https://p", "k", "s", "kid", clock=clock, transport=httpx.MockTransport(handler))


def test_a_valid_newer_catalog_is_saved_and_used_at_next_start(data_dir: Path, clock: FakeClock) -> None:
    payload = _portal_catalog("2099.1.1")
    result = refresh_catalog(_catalog_client(httpx.Response(200, json=payload), clock), data_dir, "2026.11.1")
    assert (result.outcome, result.version) == ("updated", "2099.1.1")
    assert json.loads(saved_catalog_path(data_dir).read_text())["catalog_version"] == "2099.1.1"
    assert current_catalog(data_dir).version == "2099.1.1"
    unchanged = refresh_catalog(_catalog_client(httpx.Response(304), clock), data_dir, "2099.1.1")
    assert unchanged.outcome == "unchanged"


def test_an_empty_or_invalid_catalog_is_refused_and_the_old_one_kept(
    data_dir: Path, clock: FakeClock
) -> None:
    bundled = bundled_catalog().version
    empty = {"catalog_version": "2099.1.1", "procedures": []}
    broken = _portal_catalog("2099.1.2")
    broken["procedures"][0]["steps"] = "not a list"  # type: ignore[index]
    for payload in (empty, broken):
        client = _catalog_client(httpx.Response(200, json=payload), clock)
        assert refresh_catalog(client, data_dir, bundled).outcome == "rejected"
    assert not saved_catalog_path(data_dir).exists()
    assert current_catalog(data_dir).version == bundled


def test_a_round_sends_polls_and_summarises_in_both_languages(
    store: Store, client: PortalClient, portal: FakePortal, clock: FakeClock
) -> None:
    queued_dossier(store)
    queued_dossier(store)
    portal.on("POST", "/dossiers", lambda _: problem(422, "validation-failed", errors=[]))
    summary = sync_now(store, client, clock=clock)
    assert (summary.sent, summary.remaining, summary.needs_attention, summary.errors) == (1, 0, 1, 0)
    assert summary.statuses_polled == 1
    assert "Đã gửi 1 hồ sơ" in summary.render("vi") and "1 need changes" in summary.render("en")


def test_an_offline_round_sends_nothing_and_says_so(store: Store, clock: FakeClock) -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no route", request=request)

    queued_dossier(store)
    offline = PortalClient("https://p", "k", "s", "kid", clock=clock, transport=httpx.MockTransport(down))
    service = SyncService(store, offline, owner="ui", clock=clock)
    summary = service.run_once()
    assert not summary.online and summary.remaining == 1
    assert "1 hồ sơ đang chờ gửi" in summary.render("vi")


def test_a_round_whose_sends_cannot_connect_says_offline_though_the_probe_answered(
    store: Store, client: PortalClient, portal: FakePortal, clock: FakeClock
) -> None:
    """The status bar kept "Trực tuyến" after a send to a portal that had gone away mid-round."""

    def gone(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    queued_dossier(store)
    portal.on("POST", "/dossiers", gone)
    summary = sync_now(store, client, clock=clock)
    assert summary.sent == 0 and summary.remaining == 1
    assert not summary.online
    assert "1 hồ sơ đang chờ gửi" in summary.render("vi")
