"""Retention against the real sandbox portal, under a terminal clock 2 years ahead, then set right.

The sync round measures this clock against the portal's at every /health probe and records it in the
store; retention decides from that measurement, whichever process took it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.assets import samples_dir
from kiosk.catalog import bundled_catalog
from kiosk.crypto import Sealer
from kiosk.importer import import_file
from kiosk.statuses import FINAL_STATUSES
from kiosk.store import Store
from kiosk.store.retention import RetentionRefused, purge_expired
from sync.client import PortalClient
from sync.clock import FakeClock
from sync.sandbox.server import RunningSandbox, start_in_thread
from sync.service import sync_now

KEY = bytes(range(32))
TWO_YEARS = timedelta(days=730)
PORTAL_START = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)


@pytest.fixture
def portal() -> Iterator[RunningSandbox]:
    # The portal's own clock, moved only by `advance`; every dossier goes straight to a result.
    with start_in_thread(
        clock=FakeClock(PORTAL_START), reject_rate=0.0, supplement_rate=0.0, backoffice_tick=0
    ) as sandbox:
        yield sandbox


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with Store.open(data_dir, Sealer(KEY)) as opened:
        yield opened


def sync_round(store: Store, portal: RunningSandbox, clock: FakeClock) -> None:
    client = PortalClient(portal.api, "kiosk-demo", "demo-secret", "kiosk-test", clock=clock)
    try:
        summary = sync_now(store, client, owner="test", clock=clock)
    finally:
        client.close()
    assert summary.online and summary.remaining == 0, summary


def holding_data(store: Store) -> list[str]:
    return [s.client_ref for s in store.list_dossiers() if store.get_dossier(s.client_ref).applicant]


def test_a_clock_two_years_ahead_wipes_nothing_and_once_set_right_retention_runs_as_before(
    store: Store, portal: RunningSandbox
) -> None:
    report = import_file(samples_dir() / "import-example.json", store, bundled_catalog(), actor="test")
    assert report.ok
    clock = FakeClock(PORTAL_START + TWO_YEARS)  # this terminal's clock, 2 years ahead of the portal's
    sync_round(store, portal, clock)
    portal.advance(3600)  # the office works through every dossier within the hour
    clock.advance(3600)
    sync_round(store, portal, clock)
    dossiers = store.list_dossiers()
    assert len(dossiers) == 5 and all(s.portal_status in FINAL_STATUSES for s in dossiers)
    # Stamped with the portal's time for each closing (within the hour it worked), not this clock's.
    assert all(
        s.final_status_at is not None and PORTAL_START < s.final_status_at < PORTAL_START + timedelta(hours=1)
        for s in dossiers
    )
    check = store.last_clock_check()
    assert check is not None and abs(check.skew - TWO_YEARS) < timedelta(seconds=5)

    with pytest.raises(RetentionRefused) as refused:
        purge_expired(store, clock(), 30)  # `kiosk purge` under that clock
    assert refused.value.key == "retention.refused.clock_ahead"
    assert len(holding_data(store)) == 5

    clock.set(portal.sandbox.now())  # the clock set right; the next round measures it again
    sync_round(store, portal, clock)
    assert purge_expired(store, clock(), 30).purged == []  # closed an hour ago
    assert len(holding_data(store)) == 5

    portal.advance(31 * 86400)  # a month on, by both clocks
    clock.set(portal.sandbox.now())
    sync_round(store, portal, clock)
    assert len(purge_expired(store, clock(), 30).purged) == 5
    assert holding_data(store) == []


def test_a_measurement_like_the_last_is_written_only_every_few_minutes(store: Store) -> None:
    from sync.client import Health
    from sync.clock import ClockRecorder

    clock = FakeClock(PORTAL_START)
    recorder = ClockRecorder(store, clock)
    recorder.record(Health(skew_seconds=0.4))
    first = store.last_clock_check()
    assert first is not None and first.measured_at == PORTAL_START
    clock.advance(30)
    recorder.record(Health(skew_seconds=0.6))  # the app's next round: nothing new to say
    recorder.record(None)  # the portal did not answer: the last measurement stays
    recorder.record(Health(skew_seconds=None))  # it answered without its time
    assert store.last_clock_check() == first
    clock.advance(30)
    recorder.record(Health(skew_seconds=3600.0))  # the clock jumped: written at once
    jumped = store.last_clock_check()
    assert jumped is not None and jumped.skew == timedelta(hours=1) and jumped.measured_at == clock()
    clock.advance(300)
    recorder.record(Health(skew_seconds=3600.0))
    later = store.last_clock_check()
    assert later is not None and later.measured_at == clock()  # kept fresh while the app runs
