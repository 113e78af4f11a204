"""Issue #17: until the portal has a dossier, the receipt and the event tally say it is saved and waiting."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.catalog import Catalog, bundled_catalog
from kiosk.crypto import Sealer
from kiosk.events_tally import SETTING, load_event, new_event, note_dossier, save_event
from kiosk.i18n import t
from kiosk.receipt import build_receipt
from kiosk.store import Assisted, DossierState, Store
from tests.unit.test_receipt import KHAI_SINH, NOW, accepted, dossier

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


def accept_oldest(store: Store, code: str) -> str:
    """The portal accepts the oldest waiting dossier (as sync.send records it)."""
    item = store.lease_next("t", datetime.now(UTC), timedelta(minutes=1))
    assert item is not None
    store.complete(item.id, {"dossier_code": code, "status": 1})
    return item.client_ref


def send_back_oldest(store: Store) -> str:
    """The portal answers the oldest waiting dossier with validation-failed: it needs a correction."""
    item = store.lease_next("t", datetime.now(UTC), timedelta(minutes=1))
    assert item is not None
    store.fail(item.id, retry_at=None, problem={"type": "x/validation-failed", "status": 422})
    return item.client_ref


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return bundled_catalog()


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with Store.open(data_dir, Sealer(bytes(range(32)))) as opened:
        yield opened


def facts(catalog: Catalog, state: DossierState, code: str | None = None) -> dict[str, str]:
    d = dossier(state=state, code=code, portal=accepted(None) if code else None)
    receipt = build_receipt(d, catalog.procedures[KHAI_SINH], "vi", now=NOW)
    return {line.label: line.value for line in receipt.sections[0].lines}


def test_a_receipt_printed_before_sending_says_it_waits_and_after_sending_says_the_portals_status(
    catalog: Catalog,
) -> None:
    waiting = facts(catalog, DossierState.QUEUED)
    assert waiting["Tình trạng"] == "Đã lưu trên máy, chưa gửi — sẽ gửi lên Cổng dịch vụ công khi có mạng"
    assert facts(catalog, DossierState.NEEDS_ATTENTION)["Tình trạng"].startswith("Chưa gửi — cần sửa")
    assert facts(catalog, DossierState.SUBMITTED, "000.00.01.H26-261120-0007")["Tình trạng"] == "Mới đăng ký"


def test_the_event_tally_counts_waiting_and_sent_apart(store: Store) -> None:
    event = new_event("Ngày hội dịch vụ công", "01", "00004", "20/11/2026", T0)
    save_event(store, event)
    refs = [
        store.create_draft("2.000635", "1", Assisted("community_team", "TN-0001", None, None))
        for _ in range(4)
    ]
    for ref in refs[:3]:
        store.finalize(ref, "TN-0001")

    def note(ref: str) -> None:
        note_dossier(store, ref, store.dossier_summary(ref))

    for ref in refs:
        note(ref)
    tally = load_event(store).tally()  # type: ignore[union-attr]
    assert (tally.started, tally.waiting, tally.sent, tally.attention) == (4, 3, 0, 0)
    assert accept_oldest(store, "G22-1") == refs[0]
    assert send_back_oldest(store) == refs[1]
    note(refs[0])
    note(refs[1])
    tally = load_event(store).tally()  # type: ignore[union-attr]
    assert (tally.started, tally.waiting, tally.sent, tally.attention, tally.submitted) == (4, 1, 1, 1, 3)
    assert (
        t("agents.event.tally", "vi", started=4, waiting=1, sent=1)
        == "Đã bắt đầu 4 hồ sơ · Chờ gửi 1 · Đã gửi 1"
    )


def test_an_event_kept_before_sent_was_counted_is_recounted_from_the_store(store: Store) -> None:
    """An event saved by the old version ("submitted" only) says "Đã gửi" for what the portal has."""
    event = new_event("Ngày hội", "01", "00004", "20/11/2026", T0)
    refs = [
        store.create_draft("2.000635", "1", Assisted("community_team", "TN-0001", None, None))
        for _ in range(2)
    ]
    for ref in refs:
        store.finalize(ref, "TN-0001")
    assert accept_oldest(store, "G22-1") == refs[0]
    old = event.to_json()
    old.update(refs={r: "2.000635" for r in refs}, submitted=sorted(refs))
    del old["sent"], old["attention"]
    store.set_setting(SETTING, json.dumps(old))
    tally = load_event(store).tally()  # type: ignore[union-attr]
    assert (tally.started, tally.waiting, tally.sent) == (2, 1, 1)
    assert json.loads(store.get_setting(SETTING) or "{}")["sent"] == [refs[0]]  # kept so
