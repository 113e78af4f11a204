"""Sealing, key sources and key export: tampering is caught, keys are never kept carelessly."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.backends.fail
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.crypto import (
    IntegrityError,
    NoKeySourceError,
    Sealer,
    export_key,
    import_key,
    key_fingerprint,
    load_data_key,
    training_key,
)
from kiosk.errors import KioskError

KEY = bytes(range(32))
WHERE = {"table": "dossier", "column": "applicant", "row": "ref-1"}


@pytest.fixture
def sealer() -> Sealer:
    return Sealer(KEY)


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A working keyring kept in memory, so tests never touch the real OS keyring."""

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
def no_key_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KIOSK_KEY_FILE", raising=False)


@pytest.fixture
def fail_keyring(no_key_file: None) -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring(no_key_file: None) -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_seal_round_trip(data: bytes) -> None:
    sealer = Sealer(KEY)
    sealed = sealer.seal(data, **WHERE)
    assert sealed[:1] == b"\x01"
    assert sealer.open(sealed, **WHERE) == data


def test_sealing_twice_gives_different_ciphertexts(sealer: Sealer) -> None:
    assert sealer.seal(b"same", **WHERE) != sealer.seal(b"same", **WHERE)


def test_seal_json_round_trip_keeps_vietnamese(sealer: Sealer) -> None:
    value = {"full_name": "Nguyễn Thị Hoa", "n": 3, "ok": True}
    sealed = sealer.seal_json(value, **WHERE)
    assert "Nguyễn".encode() not in sealed
    assert sealer.open_json(sealed, **WHERE) == value


@pytest.mark.parametrize("position", [0, 1, 13, -1, -17])
def test_flipped_byte_is_an_integrity_error(sealer: Sealer, position: int) -> None:
    sealed = bytearray(sealer.seal(b"001185012345", **WHERE))
    sealed[position] ^= 0x01
    with pytest.raises(IntegrityError) as caught:
        sealer.open(bytes(sealed), **WHERE)
    assert "kiosk doctor" in caught.value.message("vi")
    assert "001185012345" not in str(caught.value)


@pytest.mark.parametrize(
    "elsewhere",
    [
        {"table": "dossier", "column": "applicant", "row": "ref-2"},
        {"table": "dossier", "column": "answers", "row": "ref-1"},
        {"table": "attachment", "column": "applicant", "row": "ref-1"},
    ],
)
def test_value_moved_to_another_place_does_not_open(sealer: Sealer, elsewhere: dict[str, str]) -> None:
    sealed = sealer.seal(b"secret", **WHERE)
    with pytest.raises(IntegrityError):
        sealer.open(sealed, **elsewhere)


def test_truncated_or_empty_value_is_an_integrity_error(sealer: Sealer) -> None:
    for broken in (b"", b"\x01", sealer.seal(b"x", **WHERE)[:20]):
        with pytest.raises(IntegrityError):
            sealer.open(broken, **WHERE)


def test_another_key_cannot_open(sealer: Sealer) -> None:
    with pytest.raises(IntegrityError):
        Sealer(training_key()).open(sealer.seal(b"x", **WHERE), **WHERE)


def test_attachment_file_is_bound_to_its_id(sealer: Sealer) -> None:
    sealed = sealer.seal_file(b"%PDF scan", attachment_id="a1")
    assert sealer.open_file(sealed, attachment_id="a1") == b"%PDF scan"
    with pytest.raises(IntegrityError):
        sealer.open_file(sealed, attachment_id="a2")
    # The attachment subkey is not the field subkey.
    with pytest.raises(IntegrityError):
        sealer.open(sealed, table="file", column="data", row="a1")


def test_blind_index_is_keyed_and_stable(sealer: Sealer) -> None:
    first = sealer.blind_index("001185012345")
    assert first == Sealer(KEY).blind_index("001185012345")
    assert len(first) == 64 and "001185012345" not in first
    assert first != sealer.blind_index("001185012346")
    assert first != Sealer(training_key()).blind_index("001185012345")


def test_fingerprint_is_short_stable_and_not_the_key() -> None:
    fingerprint = key_fingerprint(KEY)
    assert fingerprint == key_fingerprint(KEY) != key_fingerprint(training_key())
    assert len(fingerprint) == 19 and KEY.hex()[:8].upper() not in fingerprint.replace("-", "")


def test_training_keys_are_fresh() -> None:
    assert training_key() != training_key()
    assert len(training_key()) == 32


# --- key file ------------------------------------------------------------------------------------------


def test_key_file_is_created_private_and_reused(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "kiosk.key"
    key = load_data_key(path, allow_create=True)
    assert len(key) == 32
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text().startswith("#")
    assert load_data_key(path, allow_create=False) == key


def test_key_file_from_environment(data_dir: Path) -> None:
    key = load_data_key(None, allow_create=True)
    assert Path(os.environ["KIOSK_KEY_FILE"]).exists()
    assert load_data_key(None, allow_create=False) == key


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
@pytest.mark.parametrize("mode", [0o640, 0o604, 0o644])
def test_key_file_readable_by_others_is_refused(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "kiosk.key"
    load_data_key(path, allow_create=True)
    path.chmod(mode)
    with pytest.raises(KioskError) as caught:
        load_data_key(path, allow_create=False)
    assert caught.value.key == "key.file_permissions"
    assert "chmod 600" in caught.value.message("vi")


def test_missing_key_file_is_not_created_when_data_exists(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.key"
    with pytest.raises(KioskError) as caught:
        load_data_key(path, allow_create=False)
    assert caught.value.key == "key.file_missing"
    assert not path.exists()


def test_damaged_key_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.key"
    path.write_text("# header\nnot-hex\n")
    path.chmod(0o600)
    with pytest.raises(KioskError) as caught:
        load_data_key(path, allow_create=False)
    assert caught.value.key == "key.file_invalid"


# --- keyring -------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("fail_keyring")
def test_no_keyring_and_no_key_file_refuses_with_the_fix() -> None:
    with pytest.raises(NoKeySourceError) as caught:
        load_data_key(None, allow_create=True)
    for lang in ("vi", "en"):
        assert "KIOSK_KEY_FILE=" in caught.value.message(lang)  # type: ignore[arg-type]


def test_keyring_key_is_created_once(memory_keyring: MemoryKeyring) -> None:
    key = load_data_key(None, allow_create=True)
    assert memory_keyring.values[("dvc-kiosk", "data-key")] == key.hex()
    assert load_data_key(None, allow_create=False) == key


def test_empty_keyring_without_create_is_a_clear_error(memory_keyring: MemoryKeyring) -> None:
    with pytest.raises(KioskError) as caught:
        load_data_key(None, allow_create=False)
    assert caught.value.key == "key.keyring_missing"
    assert not memory_keyring.values


# --- export / import -----------------------------------------------------------------------------------


def test_export_import_round_trip() -> None:
    blob = export_key(KEY, "mật khẩu dài")
    assert KEY.hex().encode() not in blob
    assert b'"kdf": "scrypt"' in blob
    assert import_key(blob, "mật khẩu dài") == KEY


def test_import_with_wrong_passphrase_is_a_clear_error() -> None:
    blob = export_key(KEY, "right")
    with pytest.raises(KioskError) as caught:
        import_key(blob, "wrong")
    assert caught.value.key == "key.wrong_passphrase"


@pytest.mark.parametrize("blob", [b"", b"{}", b"not json", b'{"version": 1, "kdf": "scrypt", "n": 2}'])
def test_import_of_a_damaged_file_is_a_clear_error(blob: bytes) -> None:
    with pytest.raises(KioskError) as caught:
        import_key(blob, "x")
    assert caught.value.key == "key.export_invalid"
