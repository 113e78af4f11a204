"""The database guarded (issue #12, point 3): a lost, emptied or damaged kiosk.db is refused with what to
do (exit 4, no traceback), never re-created; backups with SQLite's backup API, and their restore."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from kiosk.assets import samples_dir
from kiosk.crypto import Sealer, key_fingerprint, load_data_key
from kiosk.errors import KioskError
from kiosk.store import DB_NAME, Assisted, Store
from kiosk.store.backup import backup_to, daily_backup, daily_backups, in_use, restore_from
from kiosk.store.guard import (
    DATABASE_EXIT_CODE,
    MARKER_NAME,
    DatabaseBehind,
    DatabaseDamaged,
    DatabaseMissing,
)

REPO = Path(__file__).resolve().parents[2]
SAMPLE = samples_dir() / "import-example.json"
PAGE = 4096


def kiosk(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def used_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir as `kiosk import` leaves it: 5 queued dossiers, 5 sealed attachments, marker, backup."""
    root = tmp_path_factory.mktemp("used")
    env = {**os.environ, "KIOSK_DATA_DIR": str(root / "data"), "KIOSK_KEY_FILE": str(root / "kiosk.key")}
    done = kiosk("import", str(SAMPLE), env=env)
    assert done.returncode == 0, done.stderr
    return root


@pytest.fixture
def terminal(used_dir: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A copy of the used data dir and its key, and the environment that points `kiosk` at it."""
    shutil.copytree(used_dir, tmp_path / "t")
    root = tmp_path / "t"
    env = {
        **os.environ,
        "KIOSK_DATA_DIR": str(root / "data"),
        "KIOSK_KEY_FILE": str(root / "kiosk.key"),
        "KIOSK_PORTAL_URL": "http://127.0.0.1:9",  # sync meets the database before the portal
        "KIOSK_CLIENT_ID": "kiosk-demo",
        "KIOSK_CLIENT_SECRET": "demo-secret",
    }
    return root / "data", env


def _truncate(db: Path) -> None:
    with db.open("r+b") as handle:
        handle.truncate(5000)


def _zero(db: Path) -> None:
    with db.open("r+b") as handle:
        handle.seek(3 * PAGE)
        handle.write(bytes(PAGE))


def _random_page(db: Path) -> None:
    pages = db.stat().st_size // PAGE
    rng = random.Random(12)
    with db.open("r+b") as handle:
        handle.seek(rng.randrange(1, pages) * PAGE)
        handle.write(rng.randbytes(PAGE))


def _header(db: Path) -> None:
    with db.open("r+b") as handle:
        handle.write(b"x" * 100)


@pytest.mark.parametrize("damage", [_truncate, _zero, _random_page, _header], ids=lambda f: f.__name__[1:])
def test_a_damaged_database_ends_every_command_in_a_message_and_exit_4(
    terminal: tuple[Path, dict[str, str]], damage: object
) -> None:
    data, env = terminal
    db = data / DB_NAME
    damage(db)  # type: ignore[operator]
    before = db.read_bytes()
    commands = [["status", "--json"]]
    if damage is _random_page:  # every command that opens the store, once
        commands += [["status"], ["import", str(SAMPLE)], ["sync"], ["backup", str(db) + ".tar"]]
    for args in commands:
        done = kiosk("--lang", "en", *args, env=env)
        assert done.returncode == DATABASE_EXIT_CODE, (args, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr, done.stderr
        assert "is damaged" in done.stderr and "kiosk restore" in done.stderr, done.stderr
    assert db.read_bytes() == before  # nothing re-created, nothing written


def test_doctor_says_a_damaged_database_and_what_to_do_without_a_traceback(
    terminal: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.doctor import check_data

    data, env = terminal
    _random_page(data / DB_NAME)
    for name in ("KIOSK_DATA_DIR", "KIOSK_KEY_FILE"):
        monkeypatch.setenv(name, env[name])
    checks = check_data("vi")
    failed = [check for check in checks if not check.ok]
    assert len(failed) == 1, checks
    assert "bị hỏng" in failed[0].text and "kiosk restore" in failed[0].text


def test_an_empty_database_where_dossiers_were_kept_is_refused_not_re_created(
    terminal: tuple[Path, dict[str, str]],
) -> None:
    data, env = terminal
    (data / DB_NAME).write_bytes(b"")
    for args in (["status"], ["import", str(SAMPLE)]):
        done = kiosk(*args, env=env)
        assert done.returncode == DATABASE_EXIT_CODE, done.stderr
        assert "Máy không tạo cơ sở dữ liệu trống mới" in done.stderr and "kiosk restore" in done.stderr
        assert "Traceback" not in done.stderr
    assert (data / DB_NAME).stat().st_size == 0


def test_a_missing_database_is_refused_on_attachment_files_alone(
    terminal: tuple[Path, dict[str, str]],
) -> None:
    """A data dir from before the marker existed (an upgraded terminal): its sealed files are the evidence."""
    data, env = terminal
    (data / DB_NAME).unlink()
    (data / MARKER_NAME).unlink()
    shutil.rmtree(data / "backups")
    done = kiosk("--lang", "en", "status", env=env)
    assert done.returncode == DATABASE_EXIT_CODE, done.stderr
    assert "(attachments/*.bin)" in done.stderr
    assert not (data / DB_NAME).exists()


def test_a_first_start_still_creates_the_database(tmp_path: Path) -> None:
    with Store.open(tmp_path / "fresh", Sealer(bytes(32))) as store:
        assert store.counts_by_state()
    assert (tmp_path / "fresh" / MARKER_NAME).exists()


def _writer(data: Path, key_file: Path) -> None:
    """Child: queue 3 dossiers, each in its own commits, then die by SIGKILL (no checkpoint on close)."""
    with Store.open(data, Sealer(load_data_key(key_file, allow_create=False))) as store:
        for _ in range(3):
            ref = store.create_draft("1.001193", "2026.11.1", Assisted("post_office"))
            store.save_answers(ref, {"full_name": "Nguyễn Thị Hoa"}, {"n": 1})
            store.finalize(ref, actor="test")
        print("committed", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_the_wal_removed_after_a_writer_crash_is_seen_and_said(terminal: tuple[Path, dict[str, str]]) -> None:
    data, env = terminal
    proc = subprocess.run(
        [sys.executable, __file__, str(data), env["KIOSK_KEY_FILE"]],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**env, "PYTHONPATH": str(REPO)},
        timeout=120,
        check=False,
    )
    assert proc.returncode == -signal.SIGKILL and "committed" in proc.stdout, proc.stderr
    wal = data / f"{DB_NAME}-wal"
    assert wal.stat().st_size > 0  # the three finalised dossiers live in the WAL only
    wal.unlink()
    (data / f"{DB_NAME}-shm").unlink()

    done = kiosk("--lang", "en", "status", env=env)
    assert done.returncode == DATABASE_EXIT_CODE, done.stderr
    assert "lacks its last 6 changes" in done.stderr and "kiosk.db-wal" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr

    accepted = kiosk("restore", "--accept-current", env=env)
    assert accepted.returncode == 0, accepted.stderr
    assert kiosk("status", env=env).returncode == 0


def test_another_database_put_in_place_is_refused(
    terminal: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    data, _env = terminal
    other = tmp_path / "other"
    with Store.open(other, Sealer(bytes(32))) as store:
        for _ in range(6):
            store.create_draft("1.001193", "2026.11.1", Assisted("post_office"))
    shutil.copy(other / DB_NAME, data / DB_NAME)
    with pytest.raises(DatabaseBehind) as raised:
        Store.open(data, Sealer(bytes(32))).close()
    assert raised.value.key == "database.different"


# --- backup and restore -----------------------------------------------------------------------------------


@pytest.fixture
def store_of(terminal: tuple[Path, dict[str, str]]) -> Iterator[tuple[Store, Sealer, str]]:
    data, env = terminal
    key = load_data_key(Path(env["KIOSK_KEY_FILE"]), allow_create=False)
    sealer = Sealer(key)
    with Store.open(data, sealer) as store:
        yield store, sealer, key_fingerprint(key)


def test_backup_while_another_connection_writes_then_restore_elsewhere(
    store_of: tuple[Store, Sealer, str], tmp_path: Path
) -> None:
    store, sealer, fingerprint = store_of
    stop = threading.Event()
    written: list[str] = []

    def write() -> None:
        with Store.open(store.data_dir, sealer) as other:  # its own connections, as another process has
            while not stop.is_set():
                ref = other.create_draft("1.001193", "2026.11.1", Assisted("post_office"))
                other.save_answers(ref, {"full_name": "Trần Văn Bình"}, {"n": len(written)})
                written.append(ref)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        while len(written) < 5:
            pass
        infos = [backup_to(store, tmp_path / f"b{i}.tar", fingerprint) for i in range(3)]
    finally:
        stop.set()
        writer.join()
    assert all(info.attachments == 5 and info.attachments_missing == 0 for info in infos)

    # Restored into a fresh data dir with the same key: the same dossiers, attachments readable, chain whole.
    target = tmp_path / "restored"
    target.mkdir()
    result = restore_from(infos[-1].path, target, sealer, fingerprint)
    assert result.missing_files == 0 and result.attachments == 5 and result.kept is None
    with Store.open(target, sealer) as restored:
        restored.audit.verify()
        assert len(restored.audit.entries()) == infos[-1].audit_seq
        assert len(restored.list_dossiers()) == infos[-1].dossiers >= 10
        for summary in restored.list_dossiers():
            for attachment in restored.get_dossier(summary.client_ref).attachments:
                assert restored.read_attachment(attachment.id)


def test_restore_refuses_another_key_and_an_open_store(
    store_of: tuple[Store, Sealer, str], tmp_path: Path
) -> None:
    store, sealer, fingerprint = store_of
    info = backup_to(store, tmp_path / "b.tar", fingerprint, attachments=False)
    other = bytes(range(32))
    with pytest.raises(KioskError) as raised:
        restore_from(info.path, tmp_path, Sealer(other), key_fingerprint(other))
    assert raised.value.key == "restore.other_key"

    assert in_use(store.data_dir / DB_NAME)
    before = (store.data_dir / DB_NAME).read_bytes()
    with pytest.raises(KioskError) as raised:
        restore_from(info.path, store.data_dir, sealer, fingerprint)
    assert raised.value.key == "restore.in_use"
    store.close()
    assert not in_use(store.data_dir / DB_NAME)
    assert (store.data_dir / DB_NAME).read_bytes() == before


def test_restore_through_the_cli_replaces_a_damaged_database_and_keeps_it_aside(
    terminal: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    data, env = terminal
    backup = tmp_path / "manual.tar"
    done = kiosk("backup", str(backup), env=env)
    assert done.returncode == 0 and "5 hồ sơ, 5 tệp đính kèm" in done.stdout, done.stderr
    nowhere = kiosk("backup", str(tmp_path / "no-such-folder" / "b.tar"), env=env)
    assert nowhere.returncode == 1 and "Không ghi được bản sao lưu" in nowhere.stderr, nowhere.stderr
    _zero(data / DB_NAME)
    assert kiosk("status", env=env).returncode == DATABASE_EXIT_CODE
    done = kiosk("restore", str(backup), env=env)
    assert done.returncode == 0, done.stderr
    assert "Đã khôi phục" in done.stdout
    assert list(data.glob("replaced-*/kiosk.db"))  # the damaged file kept, not deleted
    status = kiosk("status", "--json", env=env)
    assert status.returncode == 0 and '"queued": 5' in status.stdout


def test_daily_backups_one_a_day_the_last_seven_kept(store_of: tuple[Store, Sealer, str]) -> None:
    store, _sealer, fingerprint = store_of
    shutil.rmtree(store.data_dir / "backups")  # the one the fixture's `kiosk import` took today
    start = date(2025, 1, 1)
    for day in range(10):
        assert daily_backup(store, fingerprint, start + timedelta(days=day)) is not None
        assert daily_backup(store, fingerprint, start + timedelta(days=day)) is None  # once a day
    names = [path.name for path in daily_backups(store.data_dir)]
    assert names == [f"kiosk-{(start + timedelta(days=d)).isoformat()}.tar" for d in range(3, 10)]


def test_no_daily_backup_that_would_eat_the_last_free_space(store_of: tuple[Store, Sealer, str]) -> None:
    store, _sealer, fingerprint = store_of
    assert daily_backup(store, fingerprint, date(2025, 1, 1), min_free=1 << 60) is None
    assert not (store.data_dir / "backups" / "kiosk-2025-01-01.tar").exists()


def test_doctor_reports_quick_check_backups_and_free_disk(
    terminal: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.doctor
    from ui.doctor import check_data

    _data, env = terminal
    for name in ("KIOSK_DATA_DIR", "KIOSK_KEY_FILE"):
        monkeypatch.setenv(name, env[name])
    texts = [check.text for check in check_data("en") if check.ok]
    assert any("quick_check" in text for text in texts), texts
    assert any(text.startswith("Newest automatic backup: kiosk-") for text in texts), texts
    assert any("MB free (warning below 500 MB)" in text for text in texts), texts

    monkeypatch.setattr(ui.doctor, "LOW_DISK_MB", 1 << 40)  # more than any disk has
    low = [check for check in check_data("en") if not check.ok]
    assert len(low) == 1 and "MB free (below" in low[0].text and "kiosk purge" in low[0].hint


def test_store_errors_name_the_problem(tmp_path: Path) -> None:
    data = tmp_path / "d"
    with Store.open(data, Sealer(bytes(32))) as store:
        store.create_draft("1.001193", "2026.11.1", Assisted("post_office"))
    (data / DB_NAME).unlink()
    with pytest.raises(DatabaseMissing):
        Store.open(data, Sealer(bytes(32)))
    (data / DB_NAME).write_bytes(b"not a database at all" * 300)
    with pytest.raises(DatabaseDamaged):
        Store.open(data, Sealer(bytes(32)))


if __name__ == "__main__":  # the writer child of the WAL test
    _writer(Path(sys.argv[1]), Path(sys.argv[2]))


def test_damage_met_after_the_store_opened_is_said_with_exit_4(
    terminal: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """SQLITE_CORRUPT raised mid-command (a page that went bad after the start's quick_check) reaches
    `kiosk`'s main as a raw sqlite3 error: it is said like the others, no traceback."""
    import sqlite3

    import ui.cli

    data, env = terminal
    monkeypatch.setenv("KIOSK_DATA_DIR", env["KIOSK_DATA_DIR"])
    _random_page(data / DB_NAME)

    def status(args: object, lang: object) -> int:
        with sqlite3.connect(data / DB_NAME) as conn:  # a real read of every table of the damaged file
            tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            for table in tables:
                conn.execute(f"SELECT * FROM {table}").fetchall()  # names from the file itself
        return 0

    monkeypatch.setitem(ui.cli.HANDLERS, "status", status)
    assert ui.cli.main(["--lang", "en", "status"]) == DATABASE_EXIT_CODE
    err = capsys.readouterr().err
    assert "is damaged" in err and "kiosk restore" in err
