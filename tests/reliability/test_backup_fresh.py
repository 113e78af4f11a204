"""Today's automatic backup kept fresh, and a restore that says what an older backup lacks (issue #12,
point 3, follow-up): a database lost after an import is restored with the import, not without it."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from kiosk.assets import samples_dir
from kiosk.crypto import Sealer, key_fingerprint, load_data_key
from kiosk.errors import KioskError
from kiosk.store import DB_NAME, Assisted, Store
from kiosk.store.backup import RestoreCheck, backup_to, daily_backup, daily_backups, restore_from
from kiosk.store.guard import DATABASE_EXIT_CODE

REPO = Path(__file__).resolve().parents[2]
SAMPLE = samples_dir() / "import-example.json"
DAY = date(2025, 3, 1)


def kiosk(
    *args: str, env: dict[str, str], stdin: int | None = subprocess.DEVNULL
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
        check=False,
        stdin=stdin,
    )


def manifest(path: Path) -> dict[str, object]:
    with tarfile.open(path, "r:") as tar:
        handle = tar.extractfile("manifest.json")
        assert handle is not None
        document = json.loads(handle.read())
    assert isinstance(document, dict)
    return document


def lose_database(data: Path) -> None:
    (data / DB_NAME).write_bytes(b"")
    for suffix in ("-wal", "-shm"):
        (data / f"{DB_NAME}{suffix}").unlink(missing_ok=True)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir opened once empty (the day's first backup: 0 dossiers), then `kiosk import` of 5."""
    root = tmp_path_factory.mktemp("imported")
    env = {**os.environ, "KIOSK_DATA_DIR": str(root / "data"), "KIOSK_KEY_FILE": str(root / "kiosk.key")}
    first = kiosk("status", env=env)
    assert first.returncode == 0, first.stderr
    (empty,) = daily_backups(root / "data")
    shutil.copy(empty, root / "before-import.tar")
    done = kiosk("import", str(SAMPLE), env=env)
    assert done.returncode == 0, done.stderr
    return root


@pytest.fixture
def terminal(imported: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    shutil.copytree(imported, tmp_path / "t")
    root = tmp_path / "t"
    env = {**os.environ, "KIOSK_DATA_DIR": str(root / "data"), "KIOSK_KEY_FILE": str(root / "kiosk.key")}
    return root / "data", env


# --- the automatic backup kept fresh ----------------------------------------------------------------------


def test_after_an_import_todays_backup_holds_it_and_a_lost_database_comes_back_whole(
    terminal: tuple[Path, dict[str, str]],
) -> None:
    data, env = terminal
    (today,) = daily_backups(data)
    assert manifest(today)["dossiers"] == 5  # refreshed when `kiosk import` closed the store
    before = today.read_bytes()
    assert kiosk("status", env=env).returncode == 0
    assert today.read_bytes() == before  # a command that changed nothing writes no new backup

    lose_database(data)
    assert kiosk("status", env=env).returncode == DATABASE_EXIT_CODE
    done = kiosk("restore", str(today), env=env)
    assert done.returncode == 0, done.stderr
    assert "5 hồ sơ" in done.stdout and "Cảnh báo" not in done.stderr, (done.stdout, done.stderr)
    status = kiosk("status", "--json", env=env)
    assert status.returncode == 0 and '"queued": 5' in status.stdout
    assert not list(data.glob("replaced-*/attachments"))  # every attachment file has its dossier


@pytest.fixture
def store_of(terminal: tuple[Path, dict[str, str]]) -> Iterator[tuple[Store, str]]:
    data, env = terminal
    key = load_data_key(Path(env["KIOSK_KEY_FILE"]), allow_create=False)
    with Store.open(data, Sealer(key)) as store:
        yield store, key_fingerprint(key)


def test_the_days_backup_is_written_again_after_each_change_only(store_of: tuple[Store, str]) -> None:
    store, fingerprint = store_of
    target = daily_backup(store, fingerprint, DAY)
    assert target is not None and manifest(target)["dossiers"] == 5
    assert daily_backup(store, fingerprint, DAY) is None  # nothing changed: no new file
    ref = store.create_draft("1.001193", "2026.11.1", Assisted("post_office"))
    assert daily_backup(store, fingerprint, DAY) == target
    assert manifest(target)["dossiers"] == 6
    store.save_answers(ref, {"full_name": "Trần Văn Bình"}, {"n": 1})  # an autosave: no audit entry
    stamp = manifest(target)["stamp"]
    assert daily_backup(store, fingerprint, DAY) == target and manifest(target)["stamp"] != stamp
    assert daily_backup(store, fingerprint, DAY) is None
    assert len(daily_backups(store.data_dir)) == 2  # the fixture's of today, and DAY's: one file a day


def test_a_newer_backup_of_the_day_is_kept_aside_when_an_older_state_was_restored(
    store_of: tuple[Store, str], tmp_path: Path
) -> None:
    store, fingerprint = store_of
    older = backup_to(store, tmp_path / "older.tar", fingerprint, attachments=False)
    store.create_draft("1.001193", "2026.11.1", Assisted("post_office"))
    newer = daily_backup(store, fingerprint, DAY)
    assert newer is not None and manifest(newer)["dossiers"] == 6
    data, sealer = store.data_dir, store._sealer
    store.close()
    restore_from(older.path, data, sealer, fingerprint, confirm=lambda check: True)
    with Store.open(data, sealer) as restored:
        assert daily_backup(restored, fingerprint, DAY) == newer
    assert manifest(newer)["dossiers"] == 5
    (kept,) = (data / "backups").glob(f"kiosk-{DAY.isoformat()}-kept-*.tar")
    assert manifest(kept)["dossiers"] == 6  # what the restore left out is still there


# --- restore says what an older backup lacks --------------------------------------------------------------


def test_restore_of_an_older_backup_says_what_it_lacks_and_needs_yes(
    terminal: tuple[Path, dict[str, str]],
) -> None:
    data, env = terminal
    older = data.parent / "before-import.tar"
    lose_database(data)
    refused = kiosk("restore", str(older), env=env)  # stdin is no terminal: nobody to answer
    assert refused.returncode == 1
    assert "thiếu 5 thay đổi cuối" in refused.stderr, refused.stderr
    assert "5 tệp đính kèm trong thư mục dữ liệu không thuộc hồ sơ nào" in refused.stderr
    assert "Chưa khôi phục gì" in refused.stderr and "--yes" in refused.stderr
    assert (data / DB_NAME).stat().st_size == 0 and len(list((data / "attachments").glob("*.bin"))) == 5

    done = kiosk("restore", str(older), "--yes", env=env)
    assert done.returncode == 0, done.stderr
    assert "thiếu 5 thay đổi cuối" in done.stderr
    (aside,) = data.glob("replaced-*/attachments")
    assert len(list(aside.glob("*.bin"))) == 5 and not list((data / "attachments").glob("*.bin"))
    kept = f"5 tệp đính kèm không thuộc hồ sơ nào của cơ sở dữ liệu đã khôi phục được giữ lại trong {aside}"
    assert kept in done.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX")
def test_restore_asks_the_person_at_a_terminal(terminal: tuple[Path, dict[str, str]]) -> None:
    import pty

    data, env = terminal
    lose_database(data)
    for answer, code in ((b"\n", 1), ("có\n".encode(), 0)):
        leader, follower = pty.openpty()
        try:
            os.write(leader, answer)
            done = kiosk("restore", str(data.parent / "before-import.tar"), env=env, stdin=follower)
        finally:
            os.close(follower)
            os.close(leader)
        assert done.returncode == code, (answer, done.stdout, done.stderr)
        assert "Vẫn khôi phục bản sao lưu này?" in done.stdout


def test_restore_from_hands_what_is_lacking_to_confirm_before_anything_changes(
    store_of: tuple[Store, str], tmp_path: Path
) -> None:
    store, fingerprint = store_of
    empty = tmp_path / "empty"
    with Store.open(empty, store._sealer) as other:  # another terminal's history, same key
        other.create_draft("1.001193", "2026.11.1", Assisted("post_office"))
        other.create_draft("1.001193", "2026.11.1", Assisted("post_office"))
        foreign = backup_to(other, tmp_path / "foreign.tar", fingerprint, attachments=False)
    data, sealer = store.data_dir, store._sealer
    store.close()
    before = (data / DB_NAME).read_bytes()
    asked: list[RestoreCheck] = []

    def decline(check: RestoreCheck) -> bool:
        asked.append(check)
        return False

    with pytest.raises(KioskError) as raised:
        restore_from(foreign.path, data, sealer, fingerprint, confirm=decline)
    assert raised.value.key == "restore.not_confirmed"
    (check,) = asked
    assert (check.known_seq, check.backup_seq, check.lost, check.orphans) == (5, 2, 3, 5)
    assert (data / DB_NAME).read_bytes() == before and not list(data.glob("replaced-*"))


def test_a_backup_of_an_older_schema_still_restores(store_of: tuple[Store, str], tmp_path: Path) -> None:
    """The change stamp reads only the tables a database has: v4 had no supplement table."""
    store, fingerprint = store_of
    info = backup_to(store, tmp_path / "new.tar", fingerprint, attachments=False)
    work = tmp_path / "work"
    with tarfile.open(info.path, "r:") as tar:
        tar.extractall(work, filter="data")
    conn = sqlite3.connect(work / DB_NAME, isolation_level=None)
    try:
        conn.execute("DROP TABLE supplement")
        conn.execute("PRAGMA user_version = 4")
    finally:
        conn.close()
    old = tmp_path / "old.tar"
    with tarfile.open(old, "w") as tar:
        tar.add(work / "manifest.json", "manifest.json")
        tar.add(work / DB_NAME, DB_NAME)
    target = tmp_path / "elsewhere"
    target.mkdir()
    result = restore_from(old, target, store._sealer, fingerprint)
    assert result.dossiers == 5 and result.orphans == 0
