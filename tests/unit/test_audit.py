"""The audit log: a hash chain of references that the database refuses to rewrite."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.crypto import Sealer
from kiosk.store import DB_NAME, Assisted, AuditChainError, Store

KEY = bytes(range(32))


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with Store.open(data_dir, Sealer(KEY)) as opened:
        yield opened


def fill(store: Store) -> str:
    ref = store.create_draft("1.001193", "2026.11.1", Assisted("community_team", "vol-3", "UQ-9"))
    store.save_answers(ref, {"full_name": "Phạm Thu Hà", "id_number": "001185012345"}, {})
    store.finalize(ref, "vol-3")
    store.audit.append("vol-3", "receipt.printed", ref, on_behalf_of="UQ-9")
    return ref


def tamper(data_dir: Path, sql: str, *params: object) -> None:
    with sqlite3.connect(data_dir / DB_NAME) as conn:
        conn.execute("DROP TRIGGER audit_no_update")
        conn.execute("DROP TRIGGER audit_no_delete")
        conn.execute(sql, params)


def test_chain_of_references_verifies(store: Store) -> None:
    ref = fill(store)
    entries = store.audit.entries()
    assert [e.action for e in entries] == ["draft.created", "dossier.queued", "receipt.printed"]
    assert [e.seq for e in entries] == [1, 2, 3]
    assert entries[0].prev_hash == "0" * 64 and entries[1].prev_hash == entries[0].hash
    assert all(e.ref == ref for e in entries) and entries[0].on_behalf_of == "UQ-9"
    assert "Phạm" not in repr(entries) and "001185012345" not in repr(entries)
    store.audit.verify()


def test_modified_entry_is_named_by_seq(store: Store, data_dir: Path) -> None:
    fill(store)
    tamper(data_dir, "UPDATE audit SET actor = 'someone-else' WHERE seq = 2")
    with pytest.raises(AuditChainError) as caught:
        store.audit.verify()
    assert caught.value.seq == 2
    assert "2" in caught.value.message("vi") and "kiosk doctor" in caught.value.message("vi")


def test_rehashed_entry_still_breaks_the_next_link(store: Store, data_dir: Path) -> None:
    fill(store)
    from kiosk.store.audit import entry_hash

    first = store.audit.entries()[0]
    forged = entry_hash(
        seq=1,
        at=first.at,
        actor="x",
        on_behalf_of=None,
        action=first.action,
        ref=first.ref,
        prev_hash="0" * 64,
    )
    tamper(data_dir, "UPDATE audit SET actor = 'x', on_behalf_of = NULL, hash = ? WHERE seq = 1", forged)
    with pytest.raises(AuditChainError) as caught:
        store.audit.verify()
    assert caught.value.seq == 2


def test_deleted_entry_is_detected(store: Store, data_dir: Path) -> None:
    fill(store)
    tamper(data_dir, "DELETE FROM audit WHERE seq = 2")
    with pytest.raises(AuditChainError) as caught:
        store.audit.verify()
    assert caught.value.seq == 2


@pytest.mark.parametrize(
    "sql",
    ["UPDATE audit SET actor = 'x' WHERE seq = 1", "DELETE FROM audit WHERE seq = 1", "DELETE FROM audit"],
)
def test_database_refuses_update_and_delete(store: Store, data_dir: Path, sql: str) -> None:
    fill(store)
    with (
        sqlite3.connect(data_dir / DB_NAME) as conn,
        pytest.raises(sqlite3.IntegrityError, match="append-only"),
    ):
        conn.execute(sql)
    store.audit.verify()
    assert len(store.audit.entries()) == 3


def test_chain_continues_across_reopening(data_dir: Path) -> None:
    with Store.open(data_dir, Sealer(KEY)) as first:
        fill(first)
    with Store.open(data_dir, Sealer(KEY)) as second:
        fill(second)
        second.audit.verify()
        assert [e.seq for e in second.audit.entries()] == [1, 2, 3, 4, 5, 6]
