"""Supplement drafts and ratings in the store, sent by sync with their answers and note; lookups."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import test_sync_fakeportal as fake
from test_sync_fakeportal import FakePortal, queued_dossier

from kiosk.errors import KioskError
from kiosk.lookup import Reference, find_by_id_number, find_by_reference, read_reference
from kiosk.store import DB_NAME, OutboxKind, OutboxState, Store
from sync.client import PortalClient
from sync.clock import FakeClock
from sync.queue import drain
from sync.retry import RetryPolicy
from sync.send import Outcome

store, client, portal, clock = fake.store, fake.client, fake.portal, fake.clock  # shared fixtures
SCAN = b"%PDF-1.7 " + random.Random(2).randbytes(3000)
NEW_SCAN = b"%PDF-1.7 " + random.Random(3).randbytes(2000)


def run(store: Store, client: PortalClient, clock: FakeClock):  # type: ignore[no-untyped-def]
    return drain(
        store, client, owner="test", clock=clock, policy=RetryPolicy(base=1, cap=60, rng=random.Random(0))
    )


def submitted(store: Store, client: PortalClient, clock: FakeClock) -> str:
    ref = queued_dossier(store, SCAN)
    run(store, client, clock)
    assert store.get_dossier(ref).dossier_code
    return ref


def test_a_supplement_draft_is_sent_once_with_its_files_answers_and_note(
    store: Store, client: PortalClient, portal: FakePortal, clock: FakeClock
) -> None:
    ref = submitted(store, client, clock)
    store.add_supplement_attachment(ref, "ban_chinh", NEW_SCAN, "chup-lai.pdf", "application/pdf", "BD-1")
    store.save_supplement(ref, {"page_count": 3}, "Đã chụp lại bản rõ nét", "BD-1")
    draft = store.supplement_draft(ref)
    assert draft is not None and [a.doc_type for a in draft.attachments] == ["ban_chinh"]
    item = store.queue_supplement(ref, "BD-1")
    assert store.supplement_draft(ref) is None  # it left the draft for the outbox
    assert run(store, client, clock).results[0].outcome is Outcome.SENT
    (sent,) = portal.api("POST", "/supplements")
    body = json.loads(sent.content)
    assert sent.headers["idempotency-key"] == item.idempotency_key
    assert body["answers"] == {"page_count": 3} and body["note"] == "Đã chụp lại bản rõ nét"
    assert [a["doc_type"] for a in body["attachments"]] == ["ban_chinh"]
    assert run(store, client, clock).results == []  # nothing more to send
    assert [i.state for i in store.outbox_items(ref) if i.kind == OutboxKind.SUPPLEMENT] == [OutboxState.DONE]


def test_items_waiting_are_counted_per_dossier(store: Store, client: PortalClient, clock: FakeClock) -> None:
    """What the app's sync compares before and after a round, so a delivered supplement shows as such."""
    ref = submitted(store, client, clock)
    assert store.pending_by_dossier() == {}
    store.add_supplement_attachment(ref, "ban_chinh", NEW_SCAN, "chup-lai.pdf", "application/pdf", "BD-1")
    store.queue_supplement(ref, "BD-1")
    waiting = queued_dossier(store, SCAN)
    assert store.pending_by_dossier() == {ref: 1, waiting: 1}
    run(store, client, clock)
    assert store.pending_by_dossier() == {}


def test_each_supplement_carries_only_its_own_files(
    store: Store, client: PortalClient, portal: FakePortal, clock: FakeClock
) -> None:
    ref = submitted(store, client, clock)
    store.add_supplement_attachment(ref, "ban_chinh", NEW_SCAN, "a.pdf", "application/pdf", "BD-1")
    store.queue_supplement(ref, "BD-1")
    run(store, client, clock)
    second = store.add_supplement_attachment(ref, "giay_khac", SCAN[::-1], "b.pdf", "application/pdf", "BD-1")
    store.queue_supplement(ref, "BD-1")
    run(store, client, clock)
    first_body, second_body = (json.loads(r.content) for r in portal.api("POST", "/supplements"))
    assert [a["doc_type"] for a in first_body["attachments"]] == ["ban_chinh"]
    assert [a["doc_type"] for a in second_body["attachments"]] == ["giay_khac"]
    assert second_body["answers"] == {} and second_body["note"] is None
    assert second.id in {a.id for a in store.get_dossier(ref).attachments}


def test_a_second_supplement_waits_while_one_is_queued_and_an_empty_one_is_refused(
    store: Store, client: PortalClient, clock: FakeClock
) -> None:
    ref = submitted(store, client, clock)
    with pytest.raises(KioskError) as empty:
        store.queue_supplement(ref, "BD-1")
    assert empty.value.key == "tracking.supplement.empty"
    store.save_supplement(ref, {}, "Ghi chú", "BD-1")
    store.queue_supplement(ref, "BD-1")
    with pytest.raises(KioskError) as busy:
        store.save_supplement(ref, {}, "Ghi chú khác", "BD-1")
    assert busy.value.key == "tracking.supplement.already_queued"


def test_discarding_a_draft_removes_its_files(store: Store, client: PortalClient, clock: FakeClock) -> None:
    ref = submitted(store, client, clock)
    info = store.add_supplement_attachment(ref, "ban_chinh", NEW_SCAN, "a.pdf", "application/pdf", "BD-1")
    files_before = set(store.attachments_dir.iterdir())
    store.discard_supplement(ref, "BD-1")
    assert store.supplement_draft(ref) is None
    assert len(set(store.attachments_dir.iterdir())) == len(files_before) - 1
    assert info.id not in {a.id for a in store.get_dossier(ref).attachments}


def test_supplement_answers_and_note_are_sealed_on_disk(
    store: Store, client: PortalClient, clock: FakeClock
) -> None:
    ref = submitted(store, client, clock)
    store.save_supplement(ref, {"document_name": "Bằng Kỹ sư Xây dựng"}, "Nhờ cán bộ xem giúp", "BD-1")
    raw = b"".join(p.read_bytes() for p in store.data_dir.glob(DB_NAME + "*"))
    for secret in ("Bằng Kỹ sư Xây dựng", "Nhờ cán bộ xem giúp"):
        assert secret.encode() not in raw


def test_a_rating_given_offline_waits_for_the_code_and_the_last_tap_wins(
    store: Store, client: PortalClient, portal: FakePortal, clock: FakeClock
) -> None:
    ref = queued_dossier(store, SCAN)
    store.rate(ref, 2, "kiosk")
    store.rate(ref, 5, "kiosk")  # a second tap replaces the unsent one
    assert store.last_rating(ref) == 5
    ratings = [i for i in store.outbox_items(ref) if i.kind == OutboxKind.RATING]
    assert [i.state for i in ratings] == [OutboxState.SUPERSEDED, OutboxState.PENDING]
    portal.on("POST", "/dossiers", lambda _: fake.problem(503, "unavailable"))
    result = run(store, client, clock)
    assert [r.kind for r in result.results] == [OutboxKind.DOSSIER, OutboxKind.RATING]
    assert result.results[1].code == "waiting-for-dossier-code" and portal.api("POST", "/rating") == []
    clock.advance(hours=1)
    run(store, client, clock)
    (sent,) = portal.api("POST", "/rating")
    assert json.loads(sent.content)["score"] == 5
    with pytest.raises(ValueError):
        store.rate(ref, 6, "kiosk")


def test_lookups_by_code_local_reference_qr_and_cccd(
    store: Store, client: PortalClient, clock: FakeClock
) -> None:
    ref = submitted(store, client, clock)
    summary = store.get_dossier(ref).summary
    code = str(summary.dossier_code)
    assert read_reference(f"  DVC:{code} ") == Reference("code", code)
    assert read_reference(summary.local_ref.replace("-", "").lower()).kind == "local"
    assert [s.client_ref for s in find_by_reference(store, read_reference(code.lower()))] == [ref]
    assert [
        s.client_ref for s in find_by_reference(store, read_reference("DVC-LOCAL:" + summary.local_ref))
    ] == [ref]
    url = (store.get_dossier(ref).receipt or {}).get("tracking_url")
    if url:
        assert [s.client_ref for s in find_by_reference(store, read_reference(url))] == [ref]
    id_number = store.get_dossier(ref).applicant["id_number"]
    assert [s.client_ref for s in find_by_id_number(store, " ".join([id_number[:6], id_number[6:]]))] == [ref]
    assert find_by_id_number(store, "079190000001") == []
    with pytest.raises(KioskError):
        find_by_id_number(store, "12345")
    with pytest.raises(KioskError):
        read_reference("   ")


def test_a_store_from_before_supplements_opens_and_migrates(data_dir: Path, store: Store) -> None:
    # The fixture's store migrated a new file; the supplement table is there and empty.
    assert store.supplement_draft("00000000-0000-4000-8000-000000000000") is None
