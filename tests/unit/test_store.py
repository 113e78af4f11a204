"""The encrypted store: round trips, tamper detection, no plaintext on disk, outbox leases and keys."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.crypto import IntegrityError, Sealer
from kiosk.errors import KioskError
from kiosk.store import DB_NAME, Assisted, DossierState, OutboxKind, OutboxState, Store
from kiosk.store.schema import BUSY_TIMEOUT_MS, make_engine

KEY = bytes(range(32))
APPLICANT = {
    "full_name": "Nguyễn Thị Hoa",
    "id_number": "001185012345",
    "date_of_birth": "1985-03-14",
    "gender": "female",
    "phone": "0912345678",
    "address": {"province_code": "01", "ward_code": "00004", "street": "Số 12 ngõ Hòa Bình"},
}
ANSWERS = {"ten_con": "Trần Minh Khôi", "ngay_sinh_con": "2026-10-01", "co_ket_hon": True}
MARKER = b"MARKER-SCAN-7f3a9c"
T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
POST_OFFICE = Assisted("post_office", "agent-7", "UQ-2026-001", T0)


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with Store.open(data_dir, Sealer(KEY)) as opened:
        yield opened


def new_draft(store: Store) -> str:
    ref = store.create_draft("1.001193", "2026.11.1", POST_OFFICE)
    store.save_answers(ref, APPLICANT, ANSWERS)
    return ref


def raw(data_dir: Path) -> sqlite3.Connection:
    return sqlite3.connect(data_dir / DB_NAME)


def queued(store: Store, n: int = 1) -> list[str]:
    refs = []
    for _ in range(n):
        ref = new_draft(store)
        store.finalize(ref, "agent-7")
        refs.append(ref)
    return refs


# --- drafts ------------------------------------------------------------------------------------------


def test_draft_round_trip(store: Store) -> None:
    ref = new_draft(store)
    dossier = store.get_dossier(ref)
    assert dossier.applicant == APPLICANT
    assert dossier.answers == ANSWERS
    assert dossier.state == DossierState.DRAFT
    assert dossier.assisted == POST_OFFICE
    assert len(dossier.local_ref) == 9 and dossier.local_ref[4] == "-"


def test_autosave_keeps_the_last_answers(store: Store) -> None:
    ref = new_draft(store)
    store.save_answers(ref, APPLICANT, {**ANSWERS, "co_ket_hon": False})
    assert store.get_dossier(ref).answers["co_ket_hon"] is False


def test_store_survives_reopening_with_the_same_key(data_dir: Path) -> None:
    with Store.open(data_dir, Sealer(KEY)) as first:
        ref = new_draft(first)
    with Store.open(data_dir, Sealer(KEY)) as second:
        assert second.get_dossier(ref).applicant["full_name"] == "Nguyễn Thị Hoa"


def test_another_key_cannot_read_the_store(data_dir: Path) -> None:
    with Store.open(data_dir, Sealer(KEY)) as first:
        ref = new_draft(first)
    with Store.open(data_dir, Sealer(bytes(32))) as other, pytest.raises(IntegrityError):
        other.get_dossier(ref)


def test_a_queued_dossier_cannot_be_autosaved(store: Store) -> None:
    (ref,) = queued(store)
    with pytest.raises(KioskError) as caught:
        store.save_answers(ref, APPLICANT, {})
    assert caught.value.key == "store.wrong_state"
    assert store.get_dossier(ref).answers == ANSWERS


def test_list_and_counts_show_no_personal_data(store: Store) -> None:
    new_draft(store)
    queued(store)
    summaries = store.list_dossiers()
    assert len(summaries) == 2
    assert "Hoa" not in repr(summaries) and "001185012345" not in repr(summaries)
    assert [s.state for s in store.list_dossiers([DossierState.QUEUED])] == [DossierState.QUEUED]
    assert store.counts_by_state() == {
        DossierState.DRAFT: 1,
        DossierState.QUEUED: 1,
        DossierState.SUBMITTED: 0,
        DossierState.NEEDS_ATTENTION: 0,
    }


def test_find_by_id_number_uses_the_blind_index(store: Store, data_dir: Path) -> None:
    ref = new_draft(store)
    new_draft_other = store.create_draft("1.001193", "2026.11.1", POST_OFFICE)
    store.save_answers(new_draft_other, {**APPLICANT, "id_number": "079090000001"}, {})
    assert [s.client_ref for s in store.find_by_id_number("0011 8501 2345")] == [ref]
    with raw(data_dir) as conn:
        stored = conn.execute("SELECT id_blind_index FROM dossier WHERE client_ref = ?", (ref,)).fetchone()[0]
    assert stored == store.blind_index("001185012345") and "001185012345" not in stored


def test_delete_draft_removes_data_and_files(store: Store, data_dir: Path) -> None:
    ref = new_draft(store)
    store.add_attachment(ref, "giay_chung_sinh", MARKER, "scan.pdf", "application/pdf")
    assert list((data_dir / "attachments").iterdir())
    store.delete_draft(ref)
    assert not list((data_dir / "attachments").iterdir())
    with pytest.raises(KioskError):
        store.get_dossier(ref)
    store.audit.verify()


# --- tampering ---------------------------------------------------------------------------------------


def test_flipped_byte_in_a_sealed_column_is_an_integrity_error(store: Store, data_dir: Path) -> None:
    ref = new_draft(store)
    with raw(data_dir) as conn:
        (blob,) = conn.execute("SELECT applicant FROM dossier WHERE client_ref = ?", (ref,)).fetchone()
        broken = bytearray(blob)
        broken[len(broken) // 2] ^= 0x40
        conn.execute("UPDATE dossier SET applicant = ? WHERE client_ref = ?", (bytes(broken), ref))
    with pytest.raises(IntegrityError) as caught:
        store.get_dossier(ref)
    assert "kiosk doctor" in caught.value.message("vi")


def test_sealed_value_moved_to_another_row_is_an_integrity_error(store: Store, data_dir: Path) -> None:
    victim, other = new_draft(store), store.create_draft("1.001193", "2026.11.1", POST_OFFICE)
    with raw(data_dir) as conn:
        conn.execute(
            "UPDATE dossier SET answers = (SELECT answers FROM dossier WHERE client_ref = ?)"
            " WHERE client_ref = ?",
            (victim, other),
        )
    with pytest.raises(IntegrityError):
        store.get_dossier(other)


def test_sealed_value_moved_to_another_column_is_an_integrity_error(store: Store, data_dir: Path) -> None:
    ref = new_draft(store)
    with raw(data_dir) as conn:
        conn.execute("UPDATE dossier SET answers = applicant WHERE client_ref = ?", (ref,))
    with pytest.raises(IntegrityError):
        store.get_dossier(ref)


def test_attachment_round_trip_and_flipped_byte(store: Store, data_dir: Path) -> None:
    ref = new_draft(store)
    info = store.add_attachment(ref, "giay_chung_sinh", b"%PDF " + MARKER, "scan.pdf", "application/pdf")
    assert store.read_attachment(info.id) == b"%PDF " + MARKER
    assert store.get_dossier(ref).attachments == [info]
    (path,) = (data_dir / "attachments").iterdir()
    assert path.suffix == ".bin" and info.id not in path.name
    data = bytearray(path.read_bytes())
    data[-5] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(IntegrityError):
        store.read_attachment(info.id)


def test_swapped_attachment_files_are_an_integrity_error(store: Store, data_dir: Path) -> None:
    ref = new_draft(store)
    first = store.add_attachment(ref, "a", b"first", "a.pdf", "application/pdf")
    store.add_attachment(ref, "b", b"second", "b.pdf", "application/pdf")
    with raw(data_dir) as conn:
        names = dict(conn.execute("SELECT id, file_name FROM attachment").fetchall())
    other = next(name for key, name in names.items() if key != first.id)
    (data_dir / "attachments" / names[first.id]).write_bytes((data_dir / "attachments" / other).read_bytes())
    with pytest.raises(IntegrityError):
        store.read_attachment(first.id)


# --- nothing personal on disk ------------------------------------------------------------------------


def _needles() -> list[bytes]:
    texts = [
        APPLICANT["full_name"],
        "001185012345",
        "0912345678",
        "Trần Minh Khôi",
        "ngo Hoa Binh",
        "giay-khai-sinh-hoa.pdf",
    ]
    needles = [MARKER]
    for text in texts:
        assert isinstance(text, str)
        plain = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
        for form in (text, unicodedata.normalize("NFD", text), plain.replace("đ", "d").replace("Đ", "D")):
            needles += [form.encode(), form.lower().encode()]
    return needles


def test_no_personal_data_in_any_file_of_the_data_dir(store: Store, data_dir: Path) -> None:
    ref = new_draft(store)
    store.add_attachment(
        ref, "giay_chung_sinh", b"%PDF-1.7 " + MARKER * 50, "giay-khai-sinh-hoa.pdf", "application/pdf"
    )
    store.save_answers(ref, APPLICANT, {**ANSWERS, "ghi_chu": "Nguyễn Thị Hoa, 0912345678"})

    def scan() -> list[str]:
        found = []
        for path in data_dir.rglob("*"):
            if path.is_file():
                content = path.read_bytes()
                found += [f"{path.name}: {needle!r}" for needle in _needles() if needle in content]
        return found

    names = {p.name for p in data_dir.rglob("*")}
    assert {DB_NAME, f"{DB_NAME}-wal"} <= names  # the WAL is searched while it holds the fresh pages
    assert scan() == []
    store.finalize(ref, "agent-7")
    store.close()
    assert scan() == []


# --- finalize, outbox --------------------------------------------------------------------------------


def test_finalize_queues_with_an_outbox_item_and_audit(store: Store) -> None:
    ref = new_draft(store)
    item = store.finalize(ref, "agent-7")
    assert store.get_dossier(ref).state == DossierState.QUEUED
    assert (item.kind, item.state, item.client_ref, item.body) == (
        OutboxKind.DOSSIER,
        OutboxState.PENDING,
        ref,
        None,
    )
    assert store.queued_count() == 1
    assert [e.action for e in store.audit.entries(ref)] == ["draft.created", "dossier.queued"]


def test_finalize_is_all_or_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    ref = new_draft(store)
    entries = len(store.audit.entries())

    def broken_append(*_args: object, **_kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("kiosk.store.store.append_entry", broken_append)
    with pytest.raises(OSError, match="disk full"):
        store.finalize(ref, "agent-7")
    assert store.get_dossier(ref).state == DossierState.DRAFT
    assert store.outbox_items() == [] and store.queued_count() == 0
    assert len(store.audit.entries()) == entries


def test_lease_takes_oldest_due_first(store: Store) -> None:
    first, second = queued(store, 2)
    item = store.lease_next("w1", T0, timedelta(minutes=5))
    assert item is not None and item.client_ref == first and item.attempts == 1
    store.fail(item.id, retry_at=T0 + timedelta(minutes=10), problem={"type": "x/unavailable", "status": 503})
    nxt = store.lease_next("w1", T0, timedelta(minutes=5))
    assert nxt is not None and nxt.client_ref == second
    assert store.lease_next("w1", T0, timedelta(minutes=5)) is None
    later = store.lease_next("w1", T0 + timedelta(minutes=11), timedelta(minutes=5))
    assert later is not None and later.client_ref == first and later.last_error_code == "unavailable"


def test_an_expired_lease_is_free_again(store: Store) -> None:
    queued(store)
    crashed = store.lease_next("crashed-sender", T0, timedelta(minutes=1))
    assert crashed is not None
    assert store.lease_next("other", T0 + timedelta(seconds=30), timedelta(minutes=1)) is None
    again = store.lease_next("other", T0 + timedelta(minutes=2), timedelta(minutes=1))
    assert again is not None and again.id == crashed.id and again.lease_owner == "other"


def test_release_frees_the_item_without_counting_an_attempt(store: Store) -> None:
    queued(store)
    item = store.lease_next("w1", T0, timedelta(minutes=5))
    assert item is not None
    store.release(item.id)
    again = store.lease_next("w2", T0, timedelta(minutes=5))
    assert again is not None and again.id == item.id and again.attempts == 1


def test_two_processes_never_lease_the_same_item(data_dir: Path) -> None:
    with Store.open(data_dir, Sealer(KEY)) as setup:
        queued(setup, 12)
    stores = [Store.open(data_dir, Sealer(KEY)) for _ in range(3)]
    taken: list[str] = []
    lock = threading.Lock()

    def worker(store: Store, name: str) -> None:
        while (item := store.lease_next(name, T0, timedelta(minutes=5))) is not None:
            with lock:
                taken.append(item.id)

    threads = [threading.Thread(target=worker, args=(s, f"w{i}")) for i, s in enumerate(stores)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for s in stores:
        s.close()
    assert len(taken) == 12 and len(set(taken)) == 12


def test_freeze_body_is_idempotent(store: Store) -> None:
    queued(store)
    item = store.lease_next("w1", T0, timedelta(minutes=5))
    assert item is not None
    body = {"client_ref": item.client_ref, "applicant": APPLICANT}
    assert store.freeze_body(item.id, body) == body
    assert store.freeze_body(item.id, {**body, "answers": {"changed": 1}}) == body
    assert store.outbox_items()[0].body == body


def test_complete_marks_submitted_and_keeps_the_receipt(store: Store) -> None:
    (ref,) = queued(store)
    item = store.lease_next("w1", T0, timedelta(minutes=5))
    assert item is not None
    response = {"dossier_code": "000.00.01.H01-261101-0001", "status": 1, "tracking_url": None}
    store.complete(item.id, response)
    dossier = store.get_dossier(ref)
    assert (dossier.state, dossier.dossier_code, dossier.summary.portal_status) == (
        DossierState.SUBMITTED,
        "000.00.01.H01-261101-0001",
        1,
    )
    assert dossier.receipt == response and dossier.summary.submitted_at is not None
    assert store.queued_count() == 0
    store.record_status(ref, 10, [{"status": 10, "at": "2026-11-05", "note": "Đã trả"}], None, {"note": "x"})
    dossier = store.get_dossier(ref)
    assert dossier.summary.portal_status == 10 and dossier.summary.final_status_at is not None
    assert dossier.history[0]["note"] == "Đã trả" and dossier.result == {"note": "x"}
    store.audit.verify()


def test_complete_that_cannot_be_recorded_changes_nothing(store: Store, data_dir: Path) -> None:
    (ref,) = queued(store)
    item = store.lease_next("w1", T0, timedelta(minutes=5))
    assert item is not None
    store.freeze_body(item.id, {"v": 1})
    with pytest.raises(KeyError):
        store.complete(item.id, {"status": 1})  # no dossier_code: nothing of the completion may stay
    (kept,) = store.outbox_items(ref)
    assert (kept.state, kept.lease_owner, kept.body) == (OutboxState.PENDING, "w1", {"v": 1})
    dossier = store.get_dossier(ref)
    assert (dossier.state, dossier.dossier_code, dossier.receipt) == (DossierState.QUEUED, None, None)
    assert [e.action for e in store.audit.entries(ref)][-1] == "dossier.queued"
    with raw(data_dir) as conn:
        assert conn.execute("SELECT COUNT(*) FROM status_history").fetchone() == (0,)
    with pytest.raises(KioskError) as caught:
        store.complete("no-such-item", {"dossier_code": "H01-1", "status": 1})
    assert caught.value.key == "store.outbox_not_found"


def test_complete_names_the_sender_and_records_a_final_status_once(store: Store, data_dir: Path) -> None:
    (ref,) = queued(store)
    item = store.lease_next("sender-3", T0, timedelta(minutes=5))
    assert item is not None
    store.complete(item.id, {"dossier_code": "H01-9", "status": 3})  # refused at once: a final status
    (done,) = store.outbox_items(ref)
    assert (done.state, done.lease_owner, done.lease_until) == (OutboxState.DONE, None, None)
    first = store.get_dossier(ref).summary
    assert first.portal_status == 3 and first.final_status_at is not None and first.submitted_at is not None
    last = store.audit.entries(ref)[-1]
    assert (last.actor, last.action) == ("sender-3", "dossier.submitted")
    rating = store.enqueue(ref, OutboxKind.RATING, "kiosk", {"score": 1})
    leased = store.lease_next("sender-4", T0, timedelta(minutes=5))
    assert leased is not None and leased.id == rating.id
    store.complete(leased.id, {})
    again = store.get_dossier(ref).summary
    assert (again.final_status_at, again.submitted_at) == (first.final_status_at, first.submitted_at)
    assert store.get_dossier(ref).receipt == {"dossier_code": "H01-9", "status": 3}
    with raw(data_dir) as conn:
        assert conn.execute("SELECT status FROM status_history WHERE client_ref = ?", (ref,)).fetchall() == [
            (3,)
        ]
    store.audit.verify()


def test_rejected_dossier_needs_attention_and_reopen_gives_a_new_key(store: Store) -> None:
    (ref,) = queued(store)
    first = store.lease_next("w1", T0, timedelta(minutes=5))
    assert first is not None
    store.freeze_body(first.id, {"v": 1})
    problem = {"type": "https://portal/problems/validation-failed", "status": 422, "errors": [{"field": "x"}]}
    store.fail(first.id, retry_at=None, problem=problem)
    dossier = store.get_dossier(ref)
    assert dossier.state == DossierState.NEEDS_ATTENTION and dossier.problem == problem
    assert store.lease_next("w1", T0 + timedelta(hours=1), timedelta(minutes=5)) is None

    store.reopen_for_edit(ref, "agent-7")
    assert store.get_dossier(ref).state == DossierState.DRAFT
    store.save_answers(ref, APPLICANT, {**ANSWERS, "fixed": True})
    second = store.finalize(ref, "agent-7")
    assert second.idempotency_key != first.idempotency_key and second.body is None
    states = {i.id: i.state for i in store.outbox_items(ref)}
    assert states == {first.id: OutboxState.SUPERSEDED, second.id: OutboxState.PENDING}
    leased = store.lease_next("w1", T0 + timedelta(hours=1), timedelta(minutes=5))
    assert leased is not None and leased.id == second.id
    assert store.freeze_body(leased.id, {"v": 2}) == {"v": 2}


def test_only_a_dossier_needing_attention_can_be_reopened(store: Store) -> None:
    (ref,) = queued(store)
    with pytest.raises(KioskError) as caught:
        store.reopen_for_edit(ref, "agent-7")
    assert caught.value.key == "store.wrong_state"


def test_rating_is_queued_with_its_own_key_after_submission(store: Store) -> None:
    (ref,) = queued(store)
    with pytest.raises(KioskError):
        store.enqueue(ref, OutboxKind.RATING, "kiosk", {"score": 5})
    item = store.lease_next("w1", T0, timedelta(minutes=5))
    assert item is not None
    store.complete(item.id, {"dossier_code": "H01-1", "status": 1})
    rating = store.enqueue(ref, OutboxKind.RATING, "kiosk", {"score": 5, "comment": "Tốt"})
    assert rating.body == {"score": 5, "comment": "Tốt"} and rating.idempotency_key != item.idempotency_key
    assert store.queued_count() == 1


def test_a_migrated_draft_records_the_procedure_version_it_now_follows(tmp_path: Path) -> None:
    from kiosk.crypto import training_key

    with Store.open(tmp_path / "data", Sealer(training_key())) as store:
        ref = store.create_draft("1.001193", "2025.01.1", Assisted("post_office"))
        store.save_answers(ref, {"full_name": "A"}, {"x": 1})
        assert store.get_dossier(ref).summary.procedure_version == "2025.01.1"
        store.save_answers(ref, {"full_name": "A"}, {"y": 1}, procedure_version="2026.11.1")
        dossier = store.get_dossier(ref)
        assert dossier.summary.procedure_version == "2026.11.1"
        assert dossier.answers == {"y": 1}


def _open_together(data_dir: Path, together: threading.Barrier, errors: list[BaseException]) -> None:
    together.wait()
    try:
        Store.open(data_dir, Sealer(KEY)).close()
    except Exception as exc:  # reported by the test, with the attempt
        errors.append(exc)


def test_a_new_store_opened_by_two_threads_at_once_opens_for_both(tmp_path: Path) -> None:
    # A terminal's first start: the store worker and the sync engine open the new database together,
    # and the switch to WAL found it locked ("database is locked") about one time in ten.
    for attempt in range(50):
        data_dir = tmp_path / f"terminal-{attempt}"
        errors: list[BaseException] = []
        together = threading.Barrier(2)
        threads = [
            threading.Thread(target=_open_together, args=(data_dir, together, errors)) for _ in range(2)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == [], f"attempt {attempt}: {errors!r}"
        assert raw(data_dir).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_database_that_cannot_use_wal_opens_at_once_and_says_so(caplog: pytest.LogCaptureFixture) -> None:
    # A file system without shared memory keeps SQLite's rollback journal (an in-memory database here):
    # the store still opens, at once, and the log says which journal it runs with.
    engine = make_engine(Path(":memory:"))
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="kiosk.store.schema"), engine.connect() as connection:
        mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
    engine.dispose()
    assert mode == "memory"
    assert time.monotonic() - started < BUSY_TIMEOUT_MS / 1000 / 2
    assert "stays in memory journal mode" in caplog.text
