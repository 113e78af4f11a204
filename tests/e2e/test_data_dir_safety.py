"""The data dir keeps its secrets: no new key over old data, owner-only modes whatever existed before."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import pytest

from kiosk.assets import samples_dir
from kiosk.crypto import Sealer
from kiosk.errors import KioskError
from kiosk.logs import configure_logging
from kiosk.store import Assisted, Store
from sync.sandbox.server import RunningSandbox, start_in_thread
from ui.services import open_services

SAMPLE = samples_dir() / "import-example.json"
POSIX = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def kiosk(*args: str, env: dict[str, str], umask: int | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
        preexec_fn=(lambda: os.umask(umask)) if umask is not None else None,
    )


@pytest.fixture(scope="module")
def portal() -> Iterator[RunningSandbox]:
    with start_in_thread() as sandbox:
        yield sandbox


@pytest.fixture
def env(tmp_path: Path, portal: RunningSandbox) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")},
        "KIOSK_DATA_DIR": str(tmp_path / "data"),
        "KIOSK_KEY_FILE": str(tmp_path / "kiosk.key"),
        "KIOSK_PORTAL_URL": portal.url,
        "KIOSK_CLIENT_ID": "kiosk-demo",
        "KIOSK_CLIENT_SECRET": "demo-secret",
        "KIOSK_SPEECH_ENGINE": "none",
    }


def snapshot(directory: Path) -> dict[str, tuple[int, str]]:
    """Every file under `directory`: its mode and a hash of its bytes."""
    return {
        str(p.relative_to(directory)): (p.stat().st_mode, hashlib.sha256(p.read_bytes()).hexdigest())
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


# --- point 6: the key -------------------------------------------------------------------------------------
def test_with_data_and_no_key_every_command_refuses_with_the_fix_and_writes_nothing(
    env: dict[str, str], tmp_path: Path
) -> None:
    assert kiosk("import", str(SAMPLE), env=env).returncode == 0
    passphrase = tmp_path / "passphrase.txt"
    passphrase.write_text("một câu mật khẩu dài\n", encoding="utf-8")
    backup = tmp_path / "backup.key"
    assert kiosk("key", "export", str(backup), "--passphrase-file", str(passphrase), env=env).returncode == 0
    key_file = Path(env["KIOSK_KEY_FILE"])
    key_file.unlink()  # lost (a reinstalled terminal, a wrong KIOSK_KEY_FILE)
    data = Path(env["KIOSK_DATA_DIR"])
    before = snapshot(data)

    for args in (("status",), ("import", str(SAMPLE)), ("sync",), ("purge",), ("track", "ABCD-EFGH")):
        done = kiosk(*args, env=env)
        assert done.returncode == 1, (args, done.stdout, done.stderr)
        assert "kiosk key import" in done.stderr and "Traceback" not in done.stderr, (args, done.stderr)
        assert "không tạo khóa mới" in done.stderr, done.stderr
        assert not key_file.exists(), args  # no new key sealing new data beside the old
    assert snapshot(data) == before  # nothing written

    restored = kiosk("key", "import", str(backup), "--passphrase-file", str(passphrase), env=env)
    assert restored.returncode == 0, restored.stderr
    assert kiosk("status", env=env).returncode == 0


def test_a_data_dir_without_data_gets_a_new_key(env: dict[str, str]) -> None:
    done = kiosk("status", env=env)
    assert done.returncode == 0, done.stderr
    assert Path(env["KIOSK_KEY_FILE"]).exists()


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A working OS keyring kept in memory (the real one is never touched)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.values.pop((service, username), None)


@pytest.fixture
def memory_keyring(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[MemoryKeyring]:
    monkeypatch.delenv("KIOSK_KEY_FILE", raising=False)
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_with_data_and_an_empty_keyring_no_key_is_made(memory_keyring: MemoryKeyring, tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Store.open(data, Sealer(bytes(range(32)))) as store:
        store.create_draft("2.000815", "2026.11.1", Assisted("post_office"))

    with pytest.raises(KioskError) as refused:
        open_services()

    assert refused.value.key == "key.missing_with_data_keyring"
    assert "kiosk key import" in refused.value.message("vi") and "Kho khóa" in refused.value.message("vi")
    assert memory_keyring.values == {}  # no new key in the keyring


def test_an_empty_data_dir_gets_its_key_in_the_keyring(memory_keyring: MemoryKeyring) -> None:
    services = open_services()
    services.close()
    assert len(memory_keyring.values) == 1


# --- point 11: owner-only modes ----------------------------------------------------------------------------
def modes(directory: Path) -> dict[str, str]:
    found = {".": oct(stat.S_IMODE(directory.stat().st_mode))}
    for path in sorted(directory.rglob("*")):
        found[str(path.relative_to(directory))] = oct(stat.S_IMODE(path.stat().st_mode))
    return found


@POSIX
def test_a_data_dir_made_before_with_loose_modes_is_made_owner_only(env: dict[str, str]) -> None:
    data = Path(env["KIOSK_DATA_DIR"])
    assert kiosk("import", str(SAMPLE), env=env).returncode == 0
    for path in [data, *data.rglob("*")]:  # as a copy, an older version or a loose umask left it
        path.chmod(0o755 if path.is_dir() else 0o644)

    assert kiosk("status", env=env, umask=0o022).returncode == 0

    found = modes(data)
    assert found.pop(".") == "0o700"
    assert {name: mode for name, mode in found.items() if (data / name).is_dir()} == {
        name: "0o700" for name in found if (data / name).is_dir()
    }
    files = {name: mode for name, mode in found.items() if not (data / name).is_dir()}
    assert "kiosk.db" in files and "kiosk.log" in files and any(n.startswith("attachments/") for n in files)
    assert files == dict.fromkeys(files, "0o600")


@POSIX
def test_files_are_made_owner_only_even_under_umask_0(tmp_path: Path) -> None:
    data = tmp_path / "data"
    old = os.umask(0)
    try:
        configure_logging(data)
        store = Store.open(data, Sealer(bytes(range(32))))
        ref = store.create_draft("2.000815", "2026.11.1", Assisted("post_office"))
        store.add_attachment(ref, "ban_chinh", b"%PDF-1.7 scan", "a.pdf", "application/pdf")
        found = modes(data)  # while the store is open: its WAL and shared-memory files exist
        store.close()
    finally:
        os.umask(old)
    assert found["kiosk.db-wal"] == found["kiosk.db-shm"] == found["kiosk.db"] == "0o600"
    assert found["kiosk.log"] == "0o600" and found["."] == found["attachments"] == "0o700"
    assert {mode for name, mode in found.items() if name.startswith("attachments/")} == {"0o600"}
