"""Retention: personal data goes a set time after a final status; references, statistics, audit stay."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.assets import samples_dir
from kiosk.catalog import Catalog, bundled_catalog
from kiosk.crypto import Sealer
from kiosk.importer import import_file
from kiosk.reports import load_report, local_day
from kiosk.store import DB_NAME, Store
from kiosk.store.clock import ClockCheck
from kiosk.store.models import utc_text
from kiosk.store.retention import (
    PURGED_ACTION,
    PurgeResult,
    RetentionRefused,
    clock_refusal,
    purge_expired,
)

KEY = bytes(range(32))
SAMPLE = samples_dir() / "import-example.json"
SEALED_COLUMNS = ("applicant", "answers", "delivery", "problems", "status_details", "id_blind_index")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return bundled_catalog()


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with Store.open(data_dir, Sealer(KEY)) as opened:
        yield opened


def raw(data_dir: Path) -> sqlite3.Connection:
    return sqlite3.connect(data_dir / DB_NAME)


def set_final_at(data_dir: Path, client_ref: str, when: datetime) -> None:
    with raw(data_dir) as conn:
        conn.execute(
            "UPDATE dossier SET final_status_at = ? WHERE client_ref = ?", (utc_text(when), client_ref)
        )
    conn.close()


def purge_at(store: Store, now: datetime, days: int) -> PurgeResult:
    """A purge at `now` right after sync measured this clock against the portal's and found it right."""
    store.record_clock_check(0.0, now)
    return purge_expired(store, now, days)


class Counter_:
    """Three accepted dossiers of the sample: closed 31 days ago, closed 29 days ago, still in progress."""

    def __init__(self, store: Store, catalog: Catalog, data_dir: Path, now: datetime) -> None:
        report = import_file(SAMPLE, store, catalog, actor="test")
        assert report.ok, report.render("en")
        self.names = {code: proc.name.vi for code, proc in catalog.procedures.items()}
        refs: list[str] = []
        while (item := store.lease_next("test", now, timedelta(minutes=5))) is not None:
            # The frozen body as the sync engine sends it: the citizen's data, sealed in the outbox.
            dossier = store.get_dossier(item.client_ref)
            store.freeze_body(item.id, {"applicant": dossier.applicant, "answers": dossier.answers})
            store.complete(item.id, {"dossier_code": f"H01.99-{len(refs) + 1:04d}", "status": 2})
            refs.append(item.client_ref)
        # Pick dossiers with scans (every sample dossier has one) in a fixed order.
        self.old, self.recent, self.open_, *_ = sorted(refs)
        self.full_name = {ref: store.get_dossier(ref).applicant["full_name"] for ref in refs}
        # Closed by the portal 31 and 29 days ago; its history says when.
        for ref, days in ((self.old, 31), (self.recent, 29)):
            closed = (now - timedelta(days=days)).isoformat()
            store.record_status(
                ref,
                10,
                [{"status": 10, "at": closed, "note": f"Đã trả kết quả cho {self.full_name[ref]}"}],
                None,
                {"note": f"Giấy khai sinh của {self.full_name[ref]}"},
            )
        store.record_status(self.open_, 4, [], None, None)


def sealed_values(data_dir: Path, client_ref: str) -> list[bytes]:
    """Every sealed blob and encrypted file of one dossier, as stored on disk."""
    with raw(data_dir) as conn:
        row = conn.execute(
            "SELECT applicant, answers, delivery, status_details FROM dossier WHERE client_ref = ?",
            (client_ref,),
        ).fetchone()
        attachments = conn.execute(
            "SELECT filename, sha256, file_name FROM attachment WHERE client_ref = ?", (client_ref,)
        ).fetchall()
        bodies = conn.execute(
            "SELECT body FROM outbox WHERE client_ref = ? AND body IS NOT NULL", (client_ref,)
        ).fetchall()
    conn.close()
    values = [bytes(v) for v in row if v is not None]
    values += [bytes(blob) for a in attachments for blob in a[:2]]
    values += [(data_dir / "attachments" / a[2]).read_bytes() for a in attachments]
    values += [bytes(b[0]) for b in bodies]
    return values


def middle(value: bytes) -> bytes:
    """24 bytes from the middle of a sealed value: random-looking, so found only where it was copied."""
    return value[len(value) // 2 : len(value) // 2 + 24]


def disk_bytes(data_dir: Path) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(data_dir.rglob("*")) if path.is_file())


def test_only_dossiers_closed_longer_than_the_period_are_purged(
    store: Store, catalog: Catalog, data_dir: Path
) -> None:
    now = datetime.now(UTC)
    counter = Counter_(store, catalog, data_dir, now)
    with raw(data_dir) as conn:
        old_files = [
            r[0]
            for r in conn.execute("SELECT file_name FROM attachment WHERE client_ref = ?", (counter.old,))
        ]
    conn.close()
    assert old_files and all((data_dir / "attachments" / name).exists() for name in old_files)

    result = purge_at(store, now, days=30)

    assert result.purged == [counter.old]
    assert result.files_removed == len(old_files)
    with raw(data_dir) as conn:
        columns = ", ".join(SEALED_COLUMNS)
        rows = {
            ref: conn.execute(f"SELECT {columns} FROM dossier WHERE client_ref = ?", (ref,)).fetchone()
            for ref in (counter.old, counter.recent, counter.open_)
        }
        old_attachments = conn.execute("SELECT COUNT(*) FROM attachment WHERE client_ref = ?", (counter.old,))
        assert old_attachments.fetchone()[0] == 0
        bodies = conn.execute("SELECT body FROM outbox WHERE client_ref = ?", (counter.old,)).fetchall()
        kept = conn.execute(
            "SELECT procedure_code, state, portal_status, dossier_code, local_ref, assisted_kind,"
            " final_status_at FROM dossier WHERE client_ref = ?",
            (counter.old,),
        ).fetchone()
    conn.close()
    assert rows[counter.old] == (None,) * len(SEALED_COLUMNS)
    assert bodies and all(body == (None,) for body in bodies)
    assert not any((data_dir / "attachments" / name).exists() for name in old_files)
    assert None not in kept and kept[2] == 10  # references, codes, states and dates stay
    # Closed 29 days ago, and never closed: untouched.
    assert rows[counter.recent][0] is not None and rows[counter.open_][0] is not None
    assert store.get_dossier(counter.recent).applicant["full_name"] == counter.full_name[counter.recent]
    assert store.get_dossier(counter.open_).attachments
    # The purged dossier still opens, with nothing personal left in it.
    purged = store.get_dossier(counter.old)
    assert purged.applicant == {} and purged.answers == {} and purged.attachments == []
    assert purged.result is None and purged.history == [] and purged.dossier_code == kept[3]


def test_statistics_and_the_audit_chain_survive_a_purge(
    store: Store, catalog: Catalog, data_dir: Path
) -> None:
    now = datetime.now(UTC)
    counter = Counter_(store, catalog, data_dir, now)
    today = local_day(now)
    before = load_report(store, today - timedelta(days=40), today, counter.names)

    purge_at(store, now, days=30)

    after = load_report(store, today - timedelta(days=40), today, counter.names)
    assert after == before and after.total == 5
    assert after.by_status["portal:10"] == 2
    store.audit.verify()
    entries = [e for e in store.audit.entries(counter.old) if e.action == PURGED_ACTION]
    assert len(entries) == 1 and entries[0].actor == "system:retention"
    audit_text = json.dumps([e.__dict__ for e in store.audit.entries()], ensure_ascii=False)
    assert counter.full_name[counter.old] not in audit_text


def test_purging_again_does_nothing_more(store: Store, catalog: Catalog, data_dir: Path) -> None:
    now = datetime.now(UTC)
    counter = Counter_(store, catalog, data_dir, now)
    assert purge_at(store, now, days=30).purged == [counter.old]
    audit_size = len(store.audit.entries())
    assert purge_at(store, now, days=30).purged == []
    assert purge_at(store, now + timedelta(hours=23), days=30).purged == []
    assert len(store.audit.entries()) == audit_size
    # A day later the second closed dossier has been closed 30 days: its turn.
    assert purge_at(store, now + timedelta(days=1), days=30).purged == [counter.recent]
    assert purge_at(store, now, days=0).purged == []  # the in-progress one never is
    store.audit.verify()


def test_no_byte_of_a_purged_dossier_is_left_in_the_data_dir(
    store: Store, catalog: Catalog, data_dir: Path
) -> None:
    now = datetime.now(UTC)
    counter = Counter_(store, catalog, data_dir, now)
    secrets = [middle(value) for value in sealed_values(data_dir, counter.old)]
    kept = [middle(value) for value in sealed_values(data_dir, counter.recent)]
    assert len(secrets) >= 6
    before = disk_bytes(data_dir)
    assert all(secret in before for secret in secrets)  # the search finds them while they exist

    purge_at(store, now, days=30)

    after = disk_bytes(data_dir)
    assert [secret for secret in secrets if secret in after] == []
    assert all(value in after for value in kept)  # the other dossier's sealed data is still there
    name = counter.full_name[counter.old]
    for form in (name.encode(), name.encode("utf-16-le")):
        assert form not in after


def test_a_negative_period_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="negative"):
        purge_expired(store, datetime.now(UTC), days=-1)


def test_an_abandoned_supplement_draft_is_purged_with_its_dossier(
    store: Store, catalog: Catalog, data_dir: Path
) -> None:
    now = datetime.now(UTC)
    counter = Counter_(store, catalog, data_dir, now)
    # Supplement drafts are for dossiers the portal asked more of; this one was never sent.
    with raw(data_dir) as conn:
        conn.execute("UPDATE dossier SET portal_status = 5 WHERE client_ref = ?", (counter.old,))
    conn.close()
    store.save_supplement(counter.old, {"note_field": "Nguyễn Thị Hoa"}, "Gọi 0912345678", actor="test")
    with raw(data_dir) as conn:
        assert conn.execute(
            "SELECT content IS NOT NULL FROM supplement WHERE client_ref = ?", (counter.old,)
        ).fetchone() == (1,)
    conn.close()

    assert purge_at(store, now, days=30).purged == [counter.old]
    with raw(data_dir) as conn:
        assert conn.execute(
            "SELECT content, state FROM supplement WHERE client_ref = ?", (counter.old,)
        ).fetchone() == (None, "discarded")
    conn.close()
    assert purge_at(store, now, days=30).purged == []


# --- a wrong clock wipes nothing (issue #12) -------------------------------------------------------------

TWO_YEARS = timedelta(days=730)


def holds_data(store: Store, client_ref: str) -> bool:
    return store.get_dossier(client_ref).applicant != {}


def close_now(store: Store, client_ref: str, portal_at: datetime | None, *, now: datetime) -> None:
    """The portal says the dossier was closed at `portal_at` (no time at all when None); the poller's
    clock reads `now`."""
    entry: dict[str, object] = {"status": 10, "note": "Đã trả kết quả"}
    if portal_at is not None:
        entry["at"] = portal_at.isoformat()
    store.record_status(client_ref, 10, [entry], None, None, now=now)


def test_a_clock_two_years_ahead_purges_nothing_even_on_the_operators_word(
    store: Store, catalog: Catalog, data_dir: Path
) -> None:
    now = datetime.now(UTC)
    counter = Counter_(store, catalog, data_dir, now)
    close_now(store, counter.open_, now - timedelta(minutes=5), now=now)  # closed minutes ago
    ahead = now + TWO_YEARS
    store.record_clock_check(TWO_YEARS.total_seconds(), ahead)  # what sync measured under that clock

    for trust_clock in (False, True):
        with pytest.raises(RetentionRefused) as refused:
            purge_expired(store, ahead, 30, trust_clock=trust_clock)
        assert refused.value.key == "retention.refused.clock_ahead"

    assert all(holds_data(store, ref) for ref in (counter.old, counter.recent, counter.open_))
    message = refused.value.message("vi")
    assert message.startswith("Chưa xoá dữ liệu cá nhân nào: đồng hồ máy đang nhanh hơn")
    assert "730 ngày" in message and "120 giây" in message and "NTP" in message
    assert "730 days ahead" in refused.value.message("en")
    # Set right again and measured: the dossier closed long ago goes, the one closed minutes ago stays.
    assert purge_at(store, now, days=30).purged == [counter.old]
    assert holds_data(store, counter.open_)


def test_a_clock_behind_the_portal_is_refused_too(store: Store, catalog: Catalog, data_dir: Path) -> None:
    now = datetime.now(UTC)
    Counter_(store, catalog, data_dir, now)
    store.record_clock_check(-200.0, now)
    with pytest.raises(RetentionRefused) as refused:
        purge_expired(store, now, 30)
    assert refused.value.key == "retention.refused.clock_behind"
    assert "chậm hơn giờ của cổng dịch vụ công 200 giây" in refused.value.message("vi")
    just_over = clock_refusal(ClockCheck(timedelta(seconds=120.4), now), now)
    assert just_over is not None and "nhanh hơn giờ của cổng dịch vụ công 121 giây" in just_over.message("vi")
    store.record_clock_check(-120.0, now)  # within what doctor accepts
    assert len(purge_expired(store, now, 30).purged) == 1


def test_without_a_recent_check_against_the_portal_only_the_operator_can_vouch_for_the_clock(
    store: Store, catalog: Catalog, data_dir: Path
) -> None:
    now = datetime.now(UTC)
    counter = Counter_(store, catalog, data_dir, now)
    cases = {
        "retention.refused.clock_unknown": None,  # never measured: the portal was never reached
        "retention.refused.clock_stale": now - timedelta(hours=2),  # the clock may have moved since
        "retention.refused.clock_moved_back": now + timedelta(days=1),  # it was set back since
    }
    for key, measured_at in cases.items():
        if measured_at is not None:
            store.record_clock_check(0.0, measured_at)
        with pytest.raises(RetentionRefused) as refused:
            purge_expired(store, now, 30)
        assert refused.value.key == key
        assert "kiosk purge --trust-clock" in refused.value.message("vi")
        assert holds_data(store, counter.old)
    stale = clock_refusal(ClockCheck(timedelta(0), datetime(2026, 11, 22, 1, 5, tzinfo=UTC)), now)
    assert stale is not None and "lúc 08:05 22/11/2026, đã quá 1 giờ" in stale.message("vi")

    assert purge_expired(store, now, 30, trust_clock=True).purged == [counter.old]


def test_a_final_status_polled_under_a_clock_two_years_behind_keeps_the_portals_time(
    store: Store, catalog: Catalog, data_dir: Path
) -> None:
    now = datetime.now(UTC)
    counter = Counter_(store, catalog, data_dir, now)
    closed = now - timedelta(minutes=5)
    close_now(store, counter.open_, closed, now=now - TWO_YEARS)  # the poller's clock 2 years behind

    assert store.get_dossier(counter.open_).summary.final_status_at == closed
    # The clock set right: closed minutes ago by the portal's time, so nothing of it goes.
    assert purge_at(store, now, days=30).purged == [counter.old]
    assert holds_data(store, counter.open_)
    assert counter.open_ in purge_at(store, closed + timedelta(days=30), days=30).purged


def test_a_final_time_stamped_by_a_clock_behind_before_is_judged_by_the_portals_history(
    store: Store, catalog: Catalog, data_dir: Path
) -> None:
    now = datetime.now(UTC)
    counter = Counter_(store, catalog, data_dir, now)
    close_now(store, counter.open_, now - timedelta(minutes=5), now=now)
    set_final_at(data_dir, counter.open_, now - TWO_YEARS)  # as a terminal stamped it before this fix

    assert purge_at(store, now, days=30).purged == [counter.old]
    assert holds_data(store, counter.open_)


def test_without_the_portals_time_a_final_status_is_stamped_by_the_measured_skew(
    store: Store, catalog: Catalog, data_dir: Path
) -> None:
    now = datetime.now(UTC)
    counter = Counter_(store, catalog, data_dir, now)
    behind = now - TWO_YEARS
    store.record_clock_check(-TWO_YEARS.total_seconds(), behind)  # sync measured it, 2 years behind
    close_now(store, counter.open_, None, now=behind)

    assert store.get_dossier(counter.open_).summary.final_status_at == now
    assert purge_at(store, now, days=30).purged == [counter.old]
    assert holds_data(store, counter.open_)


def test_a_final_time_in_the_future_is_kept_and_reported(
    store: Store, catalog: Catalog, data_dir: Path
) -> None:
    now = datetime.now(UTC)
    counter = Counter_(store, catalog, data_dir, now)
    close_now(store, counter.open_, None, now=now + TWO_YEARS)  # stamped under a clock 2 years ahead
    # The portal's history of the recent one says it closed 29 days ago, but this terminal's record
    # says 2 years from now: the portal's time decides.
    set_final_at(data_dir, counter.recent, now + TWO_YEARS)

    result = purge_at(store, now, days=30)

    assert result.purged == [counter.old] and result.held == [counter.open_]
    assert holds_data(store, counter.open_)
    assert purge_at(store, now + timedelta(days=1), days=30).purged == [counter.recent]


def test_the_portals_final_time_is_read_with_care() -> None:
    from kiosk.statuses import portal_final_time

    received = {"received_at": "2026-11-22T09:00:00+07:00"}
    closed = [
        {"status": 4, "at": "2026-11-23T08:00:00+07:00"},
        {"status": 10, "at": "2026-11-24T10:00:00+07:00"},
    ]
    assert portal_final_time({"history": closed, "receipt": received}) == datetime(
        2026, 11, 24, 3, tzinfo=UTC
    )
    # The first final status counts; a time before the portal received the dossier is not believed.
    epoch = [
        {"status": 3, "at": "1970-01-01T00:00:00+00:00"},
        {"status": 10, "at": "2026-11-24T10:00:00+07:00"},
    ]
    assert portal_final_time({"history": epoch, "receipt": received}) == datetime(2026, 11, 22, 2, tzinfo=UTC)
    for junk in (
        [{"status": 10, "at": "2026-11-24T10:00:00"}],  # no offset: whose clock?
        [{"status": 10, "at": 1764000000}],
        [{"status": [10], "at": "2026-11-24T10:00:00+07:00"}],
        [{"status": 10, "at": "x" * 10_000}],
        ["10"],
    ):
        assert portal_final_time({"history": junk, "receipt": received}) is None
    assert portal_final_time({"history": "nope"}) is None and portal_final_time({}) is None
