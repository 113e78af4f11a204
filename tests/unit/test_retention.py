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
from kiosk.store.models import utc_text
from kiosk.store.retention import PURGED_ACTION, purge_expired

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
        for ref in (self.old, self.recent):
            store.record_status(
                ref,
                10,
                [{"status": 10, "at": now.isoformat(), "note": f"Đã trả kết quả cho {self.full_name[ref]}"}],
                None,
                {"note": f"Giấy khai sinh của {self.full_name[ref]}"},
            )
        store.record_status(self.open_, 4, [], None, None)
        set_final_at(data_dir, self.old, now - timedelta(days=31))
        set_final_at(data_dir, self.recent, now - timedelta(days=29))


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

    result = purge_expired(store, now, days=30)

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

    purge_expired(store, now, days=30)

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
    assert purge_expired(store, now, days=30).purged == [counter.old]
    audit_size = len(store.audit.entries())
    assert purge_expired(store, now, days=30).purged == []
    assert purge_expired(store, now + timedelta(hours=23), days=30).purged == []
    assert len(store.audit.entries()) == audit_size
    # A day later the second closed dossier has been closed 30 days: its turn.
    assert purge_expired(store, now + timedelta(days=1), days=30).purged == [counter.recent]
    assert purge_expired(store, now, days=0).purged == []  # the in-progress one never is
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

    purge_expired(store, now, days=30)

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

    assert purge_expired(store, now, days=30).purged == [counter.old]
    with raw(data_dir) as conn:
        assert conn.execute(
            "SELECT content, state FROM supplement WHERE client_ref = ?", (counter.old,)
        ).fetchone() == (None, "discarded")
    conn.close()
    assert purge_expired(store, now, days=30).purged == []
