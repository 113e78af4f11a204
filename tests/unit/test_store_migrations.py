"""Schema migrations: a database written by schema v1 (or v5) opens upgraded, with its data intact."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import SQLModel

from kiosk.crypto import Sealer
from kiosk.errors import KioskError
from kiosk.session import new_resume_code, resume_token_input
from kiosk.store import DB_NAME, SCHEMA_VERSION, Assisted, Display, DossierState, Store
from kiosk.store.models import AttachmentRow, DossierRow, OutboxRow, StatusHistoryRow
from kiosk.store.schema import MIGRATIONS, V1_STATEMENTS, make_engine

KEY = bytes(range(32))
REF = "3f2b6c1e-8a41-4f0e-9a57-0c1d2e3f4a5b"
DONE_REF = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"


def build_v1(data_dir: Path) -> None:
    """A data dir as the first release left it: v1 tables, one draft and one finished dossier."""
    sealer = Sealer(KEY)
    conn = sqlite3.connect(data_dir / DB_NAME)
    for statement in V1_STATEMENTS:
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    for ref, state, code in ((REF, "draft", None), (DONE_REF, "submitted", "H01-0001")):
        conn.execute(
            "INSERT INTO dossier (client_ref, procedure_code, procedure_version, state, dossier_code,"
            " local_ref, assisted_kind, created_at, updated_at, applicant, answers)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                ref,
                "1.001193",
                "2025.1",
                state,
                code,
                "ABCD-EFGH",
                "post_office",
                "2026-01-02T03:04:05.000000Z",
                "2026-01-02T03:04:05.000000Z",
                sealer.seal_json({"full_name": "Lê Văn Nam"}, table="dossier", column="applicant", row=ref),
                sealer.seal_json({"q": "đúng"}, table="dossier", column="answers", row=ref),
            ),
        )
    conn.executemany(
        "INSERT INTO status_history (client_ref, status, recorded_at) VALUES (?, ?, ?)",
        [
            (DONE_REF, 2, "2026-01-03T00:00:00.000000Z"),
            (DONE_REF, 10, "2026-01-09T10:00:00.000000Z"),
            (REF, 4, "2026-01-03T00:00:00.000000Z"),
        ],
    )
    conn.commit()
    conn.close()


def columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


def test_v1_database_is_upgraded_with_data_intact(data_dir: Path) -> None:
    build_v1(data_dir)
    with Store.open(data_dir, Sealer(KEY)) as store:
        draft = store.get_dossier(REF)
        assert draft.applicant == {"full_name": "Lê Văn Nam"} and draft.answers == {"q": "đúng"}
        assert draft.state == DossierState.DRAFT and draft.summary.final_status_at is None
        done = store.get_dossier(DONE_REF)
        # v2 backfills when retention starts: the first final status in the history.
        assert done.summary.final_status_at == datetime(2026, 1, 9, 10, 0, tzinfo=UTC)
        store.save_answers(REF, {"full_name": "Lê Văn Nam"}, {"q": "sai"})
        assert store.get_dossier(REF).answers == {"q": "sai"}
    with sqlite3.connect(data_dir / DB_NAME) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 6
        assert "final_status_at" in columns(conn, "dossier")
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_upgraded_and_fresh_schemas_match_the_models(tmp_path: Path) -> None:
    old, fresh = tmp_path / "old", tmp_path / "fresh"
    old.mkdir()
    build_v1(old)
    for directory in (old, fresh):
        Store.open(directory, Sealer(KEY)).close()
    with sqlite3.connect(old / DB_NAME) as a, sqlite3.connect(fresh / DB_NAME) as b:
        for model in (DossierRow, AttachmentRow, OutboxRow, StatusHistoryRow):
            table = SQLModel.metadata.tables[model.__tablename__]  # type: ignore[index]
            expected = {column.name for column in table.columns}
            assert columns(a, table.name) == expected == columns(b, table.name), table.name
        index_sql = "SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL"
        assert set(a.execute(index_sql).fetchall()) == set(b.execute(index_sql).fetchall())


def test_opening_twice_does_not_migrate_twice(data_dir: Path) -> None:
    Store.open(data_dir, Sealer(KEY)).close()
    with Store.open(data_dir, Sealer(KEY)) as store:
        assert store.list_dossiers() == []


def test_a_database_from_a_newer_version_is_refused(data_dir: Path) -> None:
    Store.open(data_dir, Sealer(KEY)).close()
    with sqlite3.connect(data_dir / DB_NAME) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(KioskError) as caught:
        Store.open(data_dir, Sealer(KEY))
    assert caught.value.key == "store.newer_schema"


def test_pragmas_are_durable(data_dir: Path) -> None:
    with Store.open(data_dir, Sealer(KEY)) as store, store._engine.connect() as conn:
        pragma = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar_one()
            for name in ("journal_mode", "synchronous", "foreign_keys", "temp_store")
        }
    assert pragma == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "temp_store": 2}


def test_a_v5_database_with_saved_drafts_upgrades_in_place_and_its_codes_still_open_them(
    data_dir: Path,
) -> None:
    """v6 adds the display kept with a saved draft: the codes citizens wrote down before keep working."""
    engine = make_engine(data_dir / DB_NAME)  # the database exactly as the release before v6 made it
    for version, step in enumerate(MIGRATIONS[:5], start=1):
        with engine.begin() as conn:
            step(conn)
            conn.exec_driver_sql(f"PRAGMA user_version = {version}")
    engine.dispose()
    with sqlite3.connect(data_dir / DB_NAME) as conn:
        assert "text_scale" not in columns(conn, "resume_code")
    code, number = new_resume_code(), "001203004567"
    sealer = Sealer(KEY)
    # The rows as v5's code wrote them (today's Store would migrate the file first).
    with sqlite3.connect(data_dir / DB_NAME) as conn:
        conn.execute(
            "INSERT INTO dossier (client_ref, procedure_code, procedure_version, state, local_ref,"
            " assisted_kind, created_at, updated_at, applicant) VALUES (?,?,?,?,?,?,?,?,?)",
            (
                REF,
                "1.001193",
                "1",
                "draft",
                "ABCD-EFGH",
                "self_service",
                "2026-01-02T03:04:05.000000Z",
                "2026-01-02T03:04:05.000000Z",
                sealer.seal_json({"id_number": number}, table="dossier", column="applicant", row=REF),
            ),
        )
        token = sealer.blind_index(resume_token_input(code, number))
        conn.execute(
            "INSERT INTO resume_code (token, client_ref, created_at) VALUES (?, ?, ?)",
            (token, REF, "2026-01-02T03:04:05.000000Z"),
        )
    with Store.open(data_dir, sealer) as store:
        assert store.find_saved_draft(code, number) == REF
        assert store.get_dossier(REF).applicant == {"id_number": number}
        assert store.saved_display(REF) is None  # saved before v6: the terminal's own display
        store.save_for_later(REF, code, number, display=Display(200, True))
        assert store.saved_display(REF) == Display(200, True)
        assert store.find_saved_draft(code, number) == REF
        other = store.create_draft("1.001193", "1", Assisted("self_service", None, None, None))
        assert other != REF
    with sqlite3.connect(data_dir / DB_NAME) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 6
        assert {"text_scale", "high_contrast"} <= columns(conn, "resume_code")
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
