"""Agents without Qt: the offline PIN record, wrong PINs and their erasure, filing on behalf, event tally."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from kiosk.agents import (
    OFFLINE_VALID,
    WIPE_AFTER,
    AgentDesk,
    AgentIdentity,
    WrongPin,
    normalize_username,
    record_after_online,
    with_new_pin,
)
from kiosk.crypto import Sealer
from kiosk.errors import KioskError
from kiosk.events_tally import (
    ENDED_KEPT,
    current_event,
    ended_events,
    finish_event,
    new_event,
    note_dossier,
    save_event,
)
from kiosk.store import DB_NAME, Assisted, DossierState, Store

KEY = bytes(range(32))
T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
LAN = AgentIdentity("BD-0001", "Nguyễn Thị Lan", "Bưu điện Trung tâm Sài Gòn")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path, Sealer(KEY)) as opened:
        yield opened


def signed_up(store: Store, pin: str = "246810", at: datetime = T0) -> None:
    record = record_after_online(store.agent_record("buudien01"), "buudien01", LAN, at)
    store.save_agent_record(with_new_pin(record, pin, pin))


def test_user_names_are_trimmed_and_lower_case_and_never_empty() -> None:
    assert normalize_username("  BuuDien01 ") == "buudien01"
    with pytest.raises(KioskError) as empty:
        normalize_username("   ")
    assert empty.value.key == "agents.username_required"
    with pytest.raises(KioskError):
        normalize_username("buu dien")


def test_a_pin_needs_six_digits_typed_twice() -> None:
    record = record_after_online(None, "buudien01", LAN, T0)
    assert record.pin_hash is None
    for first, second, key in (
        ("12345", "12345", "agents.pin_too_short"),
        ("123456", "123457", "agents.pin_mismatch"),
    ):
        with pytest.raises(KioskError) as problem:
            with_new_pin(record, first, second)
        assert problem.value.key == key
    assert with_new_pin(record, "123456", "123456").pin_hash is not None


def test_the_record_is_sealed_and_holds_no_pin_and_no_name_in_plain_text(
    store: Store, tmp_path: Path
) -> None:
    signed_up(store, "97531135")
    raw = (tmp_path / DB_NAME).read_bytes() + b"".join(p.read_bytes() for p in tmp_path.glob(DB_NAME + "-*"))
    assert b"97531135" not in raw
    assert "Nguyễn Thị Lan".encode() not in raw and b"BD-0001" not in raw
    assert store.agent_usernames() == ["buudien01"]


def test_offline_sign_in_with_the_pin_gives_the_agent(store: Store) -> None:
    signed_up(store)
    assert store.check_agent_pin("buudien01", "246810", T0 + timedelta(days=3)) == LAN


def test_wrong_pins_count_down_and_after_ten_the_pin_is_erased(store: Store) -> None:
    signed_up(store)
    for n in range(1, WIPE_AFTER):
        with pytest.raises(WrongPin) as wrong:
            store.check_agent_pin("buudien01", "000000", T0)
        assert wrong.value.tries_left == WIPE_AFTER - n
    with pytest.raises(KioskError) as wiped:
        store.check_agent_pin("buudien01", "000000", T0)
    assert wiped.value.key == "agents.pin_wiped"
    # Even the right PIN does not work now: only an online sign-in sets a new one.
    with pytest.raises(KioskError) as unset:
        store.check_agent_pin("buudien01", "246810", T0)
    assert unset.value.key == "agents.pin_not_set"


def test_a_right_pin_clears_the_count_of_wrong_ones(store: Store) -> None:
    signed_up(store)
    for _ in range(WIPE_AFTER - 1):
        with pytest.raises(WrongPin):
            store.check_agent_pin("buudien01", "000000", T0)
    store.check_agent_pin("buudien01", "246810", T0)
    with pytest.raises(WrongPin) as wrong:
        store.check_agent_pin("buudien01", "000000", T0)
    assert wrong.value.tries_left == WIPE_AFTER - 1


def test_offline_sign_in_needs_a_recent_online_one_but_unlocking_does_not(store: Store) -> None:
    signed_up(store)
    late = T0 + OFFLINE_VALID + timedelta(minutes=1)
    with pytest.raises(KioskError) as expired:
        store.check_agent_pin("buudien01", "246810", late)
    assert expired.value.key == "agents.offline_expired"
    assert store.check_agent_pin("buudien01", "246810", late, unlocking=True) == LAN


def test_unknown_agents_must_sign_in_online_first(store: Store) -> None:
    with pytest.raises(KioskError) as unknown:
        store.check_agent_pin("tinhnguyen01", "246810", T0)
    assert unknown.value.key == "agents.offline_unknown"


def test_an_online_sign_in_keeps_the_pin_of_the_same_agent_only(store: Store) -> None:
    signed_up(store)
    again = record_after_online(store.agent_record("buudien01"), "buudien01", LAN, T0 + timedelta(days=1))
    assert again.pin_hash == store.agent_record("buudien01").pin_hash  # type: ignore[union-attr]
    other = AgentIdentity("BD-0777", "Người khác", "Bưu điện khác")
    assert record_after_online(store.agent_record("buudien01"), "buudien01", other, T0).pin_hash is None


def test_signing_out_forgets_the_token_and_the_agent() -> None:
    desk = AgentDesk()
    session = desk.sign_in(LAN, "buudien01", "secret-token", T0)
    assert desk.agent_id == "BD-0001" and session.online
    desk.lock()
    assert desk.locked
    desk.sign_out()
    assert desk.session is None and desk.agent_id is None and session.token is None and not desk.locked


def test_filing_on_behalf_records_consent_agent_and_authorization_in_the_audit(store: Store) -> None:
    ref = store.create_draft("1.001193", "2026.11.1", Assisted("post_office", None, None, None))
    store.file_on_behalf(ref, at=T0, agent_id="BD-0001", authorization_ref="att-1", actor="BD-0001")
    dossier = store.get_dossier(ref)
    assert dossier.assisted == Assisted("post_office", "BD-0001", "att-1", T0)
    entry = store.audit.entries(ref)[-1]
    assert (entry.actor, entry.action, entry.on_behalf_of) == ("BD-0001", "consent.recorded", "att-1")
    store.audit.verify()
    store.finalize(ref, "BD-0001")
    with pytest.raises(KioskError):
        store.file_on_behalf(ref, at=T0, agent_id="BD-0001", authorization_ref=None, actor="BD-0001")


def test_a_draft_finished_with_nobody_signed_in_is_not_filed_under_its_first_agent(store: Store) -> None:
    """Agent BD-0001 starts a draft; the app restarts; with no agent signed in it is finished at the
    counter: the dossier must not carry BD-0001 (who neither filed it nor saw the citizen's signature)."""
    ref = store.create_draft("1.001193", "2026.11.1", Assisted("post_office", "BD-0001", None, None))
    store.file_on_behalf(ref, at=T0, agent_id=None, authorization_ref=None, actor="kiosk:post_office")
    assert store.get_dossier(ref).assisted == Assisted("post_office", None, None, T0)
    other = store.create_draft("1.001193", "2026.11.1", Assisted("post_office", "BD-0001", None, None))
    store.file_on_behalf(other, at=T0, agent_id="BD-0002", authorization_ref="att-2", actor="BD-0002")
    assert store.get_dossier(other).assisted == Assisted("post_office", "BD-0002", "att-2", T0)


def test_the_event_tally_counts_references_only(store: Store, tmp_path: Path) -> None:
    with pytest.raises(KioskError) as no_ward:
        new_event("Ngày hội", "79", "", "22/11/2026", T0)
    assert no_ward.value.key == "agents.event.ward_required"
    with pytest.raises(KioskError) as later:
        new_event("Ngày hội", "79", "26734", "20/11/2027", T0)  # a slip of the year
    assert later.value.key == "rules.date.future"
    event = new_event("  Ngày hội   dịch vụ công ", "79", "26734", "20/11/2026", T0 - timedelta(seconds=1))
    assert event.name == "Ngày hội dịch vụ công"
    save_event(store, event)
    before = SimpleNamespace(
        client_ref="old",
        procedure_code="1.001193",
        created_at=T0 - timedelta(days=1),
        state=DossierState.DRAFT,
    )
    assert note_dossier(store, "old", before) == event  # started before the event: not counted
    refs = []
    for code in ("1.001193", "1.001193", "1.004222"):
        ref = store.create_draft(code, "1", Assisted("community_team", "TN-0001", None, None))
        refs.append(ref)
        note_dossier(store, ref, next(s for s in store.list_dossiers() if s.client_ref == ref))
    store.finalize(refs[0], "TN-0001")
    note_dossier(store, refs[0], next(s for s in store.list_dossiers() if s.client_ref == refs[0]))
    tally = current_event(store).tally()  # type: ignore[union-attr]
    assert (tally.started, tally.submitted) == (3, 1)
    assert tally.by_procedure == {"1.001193": 2, "1.004222": 1}
    # A draft deleted before it was submitted no longer counts as started; a submitted one stays.
    note_dossier(store, refs[2], None)
    note_dossier(store, refs[0], None)
    tally = current_event(store).tally()  # type: ignore[union-attr]
    assert (tally.started, tally.submitted) == (2, 1) and tally.by_procedure == {"1.001193": 2}
    save_event(store, None)
    assert current_event(store) is None


def test_an_ended_event_keeps_its_tally_newest_first(store: Store) -> None:
    assert finish_event(store) is None and ended_events(store) == []
    for n in range(ENDED_KEPT + 2):
        event = new_event(f"Ngày hội {n}", "01", "00004", "20/11/2026", T0)
        save_event(store, replace(event, refs={f"ref-{n}": "1.001193"}, submitted=frozenset({f"ref-{n}"})))
        assert finish_event(store) is not None and current_event(store) is None
    ended = ended_events(store)
    assert len(ended) == ENDED_KEPT and ended[0].name == f"Ngày hội {ENDED_KEPT + 1}"
    assert ended[0].tally().started == 1 and ended[0].tally().submitted == 1
