"""Sealing personal data: AES-GCM bound to its place, HKDF subkeys, key sources, key export/import."""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.errors import KioskError

# `cryptography`, `hashlib` and `hmac` are imported where they are used: the kiosk's first frame needs
# the key (read from its file or the keyring), not the cipher (~20 ms to import) nor OpenSSL's hashes
# (~3 ms). New keys come from os.urandom, which is what `secrets.token_bytes` returns.
if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_SIZE = 32
NONCE_SIZE = 12
FORMAT_V1 = b"\x01"
KEYRING_SERVICE = "dvc-kiosk"
KEYRING_USERNAME = "data-key"
KEY_FILE_HEADER = "# dvc-kiosk data key v1 (hex). Keep secret; back it up with `kiosk key export`."
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1


class IntegrityError(KioskError):
    """A sealed value or file failed authentication: changed, damaged, moved, or sealed with another key."""

    def __init__(self, where: str, row: str | None = None) -> None:
        super().__init__("store.integrity", where=where)
        self.where, self.row = where, row  # the row is a reference (a uuid), never personal data


class NoKeySourceError(KioskError):
    """Neither a key file nor a working OS keyring: refuse to run rather than store plaintext."""

    def __init__(self) -> None:
        super().__init__("key.no_source")


def _subkey(key: bytes, purpose: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    hkdf = HKDF(algorithm=hashes.SHA256(), length=KEY_SIZE, salt=None, info=b"dvc-kiosk/" + purpose)
    return hkdf.derive(key)


def _check_key(key: bytes) -> None:
    if len(key) != KEY_SIZE:
        raise ValueError("a data key is 32 bytes")


def _aad(table: str, column: str, row: str) -> bytes:
    # JSON keeps the three parts unambiguous ("a|b","c" never equals "a","b|c").
    return json.dumps(["v1", table, column, row], ensure_ascii=True).encode()


class Sealer:
    """Seals values with AES-GCM; the additional data binds each value to its table, column and row."""

    def __init__(self, key: bytes) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        _check_key(key)
        self._seal = AESGCM(_subkey(key, b"seal"))
        self._attachments = AESGCM(_subkey(key, b"attachment"))
        self._index_key = _subkey(key, b"blind-index")

    def seal(self, plaintext: bytes, *, table: str, column: str, row: str) -> bytes:
        nonce = os.urandom(NONCE_SIZE)
        return FORMAT_V1 + nonce + self._seal.encrypt(nonce, plaintext, _aad(table, column, row))

    def open(self, sealed: bytes, *, table: str, column: str, row: str) -> bytes:
        return _open(self._seal, sealed, _aad(table, column, row), f"{table}.{column}", row)

    def seal_json(self, value: Any, *, table: str, column: str, row: str) -> bytes:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        return self.seal(text.encode(), table=table, column=column, row=row)

    def open_json(self, sealed: bytes, *, table: str, column: str, row: str) -> Any:
        return json.loads(self.open(sealed, table=table, column=column, row=row))

    def seal_file(self, data: bytes, *, attachment_id: str) -> bytes:
        """Encrypt an attachment's bytes with the attachment subkey, bound to the attachment id."""
        nonce = os.urandom(NONCE_SIZE)
        return FORMAT_V1 + nonce + self._attachments.encrypt(nonce, data, _aad("file", "data", attachment_id))

    def open_file(self, sealed: bytes, *, attachment_id: str) -> bytes:
        return _open(
            self._attachments, sealed, _aad("file", "data", attachment_id), "attachment file", attachment_id
        )

    def blind_index(self, value: str) -> str:
        """Keyed HMAC-SHA256 (hex) for equality lookups without storing the value."""
        import hashlib
        import hmac

        return hmac.new(self._index_key, value.encode(), hashlib.sha256).hexdigest()


def _open(aead: AESGCM, sealed: bytes, aad: bytes, where: str, row: str) -> bytes:
    if len(sealed) < 1 + NONCE_SIZE + 16 or sealed[:1] != FORMAT_V1:
        raise IntegrityError(where, row)
    from cryptography.exceptions import InvalidTag

    try:
        return aead.decrypt(sealed[1 : 1 + NONCE_SIZE], sealed[1 + NONCE_SIZE :], aad)
    except InvalidTag:
        raise IntegrityError(where, row) from None


def key_fingerprint(key: bytes) -> str:
    """Short fingerprint for `kiosk doctor`: a hash of a derived value, never of the key itself."""
    import hashlib

    digest = hashlib.sha256(_subkey(key, b"fingerprint")).hexdigest()[:16].upper()
    return "-".join(digest[i : i + 4] for i in range(0, 16, 4))


def training_key() -> bytes:
    """A throwaway key for training mode: nothing sealed with it survives the session."""
    return os.urandom(KEY_SIZE)


# --- key sources -------------------------------------------------------------------------------------------

# Named here, not imported: kiosk.store loads SQLAlchemy, which the first frame does without.
_DB_FILE, _ATTACHMENTS_DIR = "kiosk.db", "attachments"


def sealed_data_in(directory: Path) -> str | None:
    """What in `directory` was sealed with a data key ("kiosk.db, 25 attachment files"), or None when it
    holds none: only then may a new key be made (a new key cannot read what an old one sealed)."""
    found: list[str] = []
    with contextlib.suppress(OSError):
        database = directory / _DB_FILE
        if database.is_file() and database.stat().st_size > 0:
            found.append(_DB_FILE)
    with contextlib.suppress(OSError):
        count = sum(1 for p in (directory / _ATTACHMENTS_DIR).iterdir() if p.suffix == ".bin")
        if count:
            found.append(f"{count} × {_ATTACHMENTS_DIR}/*.bin")
    return ", ".join(found) or None


def load_data_key(key_file: Path | None = None, *, allow_create: bool) -> bytes:
    """The data key: from `key_file` (or $KIOSK_KEY_FILE), else the OS keyring; never a plaintext fallback.

    `allow_create` creates a new key when none exists; pass False when data already exists, because a new
    key cannot read it.
    """
    if key_file is None and os.environ.get("KIOSK_KEY_FILE"):
        key_file = Path(os.environ["KIOSK_KEY_FILE"])
    if key_file is not None:
        return _key_from_file(key_file, allow_create=allow_create)
    return _key_from_keyring(allow_create=allow_create)


def _key_from_file(path: Path, *, allow_create: bool) -> bytes:
    if not path.exists():
        if not allow_create:
            raise KioskError("key.file_missing", path=str(path))
        key = os.urandom(KEY_SIZE)
        write_key_file(path, key)
        return key
    if sys.platform != "win32" and stat.S_IMODE(path.stat().st_mode) & 0o077:
        raise KioskError("key.file_permissions", path=str(path))
    lines = [ln.strip() for ln in path.read_text(encoding="ascii", errors="replace").splitlines()]
    body = [ln for ln in lines if ln and not ln.startswith("#")]
    try:
        key = bytes.fromhex(body[0]) if len(body) == 1 else b""
    except ValueError:
        key = b""
    if len(key) != KEY_SIZE:
        raise KioskError("key.file_invalid", path=str(path))
    return key


def write_key_file(path: Path, key: bytes) -> None:
    """Create `path` (mode 0600, never overwriting) holding `key` as hex under a header line."""
    _check_key(key)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(f"{KEY_FILE_HEADER}\n{key.hex()}\n")
        handle.flush()
        os.fsync(handle.fileno())


def keyring_available() -> bool:
    """True when keyring has a real backend (not the fail/null backend or an empty chainer)."""
    import keyring
    from keyring.backends import fail, null

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring | null.Keyring):
        return False
    return float(getattr(backend, "priority", 0)) > 0


def _key_from_keyring(*, allow_create: bool) -> bytes:
    import keyring
    from keyring.errors import KeyringError

    if not keyring_available():
        raise NoKeySourceError
    try:
        stored = keyring.get_password(KEYRING_SERVICE, KEYRING_USERNAME)
        if stored is None:
            if not allow_create:
                raise KioskError("key.keyring_missing")
            key = os.urandom(KEY_SIZE)
            keyring.set_password(KEYRING_SERVICE, KEYRING_USERNAME, key.hex())
            return key
    except KeyringError:
        raise KioskError("key.keyring_error") from None
    try:
        key = bytes.fromhex(stored)
    except ValueError:
        key = b""
    if len(key) != KEY_SIZE:
        raise KioskError("key.keyring_error")
    return key


def store_key_in_keyring(key: bytes) -> None:
    """Put an imported key into the OS keyring (for `kiosk key import` without a key file)."""
    import keyring
    from keyring.errors import KeyringError

    _check_key(key)
    if not keyring_available():
        raise NoKeySourceError
    try:
        keyring.set_password(KEYRING_SERVICE, KEYRING_USERNAME, key.hex())
    except KeyringError:
        raise KioskError("key.keyring_error") from None


# --- export / import ---------------------------------------------------------------------------------------

_EXPORT_AAD = b"dvc-kiosk key export v1"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _scrypt(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=KEY_SIZE, n=n, r=r, p=p).derive(passphrase.encode())


def export_key(key: bytes, passphrase: str) -> bytes:
    """The key wrapped with a passphrase (scrypt + AES-GCM), as a JSON document to back up."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    _check_key(key)
    salt, nonce = os.urandom(16), os.urandom(NONCE_SIZE)
    wrapping = _scrypt(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    document = {
        "version": 1,
        "kdf": "scrypt",
        "n": SCRYPT_N,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
        "salt": _b64(salt),
        "nonce": _b64(nonce),
        "ciphertext": _b64(AESGCM(wrapping).encrypt(nonce, key, _EXPORT_AAD)),
        "fingerprint": key_fingerprint(key),
    }
    return json.dumps(document, indent=2).encode() + b"\n"


def import_key(blob: bytes, passphrase: str) -> bytes:
    """Unwrap a key made by `export_key`; a wrong passphrase or a damaged file is a clear KioskError."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        doc = json.loads(blob)
        if doc["version"] != 1 or doc["kdf"] != "scrypt":
            raise ValueError("unsupported key export")
        n, r, p = int(doc["n"]), int(doc["r"]), int(doc["p"])
        # Bounds keep a hostile file from asking for gigabytes of scrypt memory.
        if not (2**14 <= n <= 2**20 and 1 <= r <= 16 and 1 <= p <= 4):
            raise ValueError("scrypt parameters out of range")
        salt = base64.b64decode(doc["salt"], validate=True)
        nonce = base64.b64decode(doc["nonce"], validate=True)
        ciphertext = base64.b64decode(doc["ciphertext"], validate=True)
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise KioskError("key.export_invalid") from None
    try:
        key = AESGCM(_scrypt(passphrase, salt, n, r, p)).decrypt(nonce, ciphertext, _EXPORT_AAD)
    except (InvalidTag, ValueError):
        raise KioskError("key.wrong_passphrase") from None
    if len(key) != KEY_SIZE:
        raise KioskError("key.export_invalid")
    return key


def terminal_secret(client_id: str) -> str | None:
    """The terminal account's client secret from the OS keyring, or None when none is stored there.

    `KIOSK_CLIENT_SECRET` (read by kiosk.config) takes precedence; the config file never holds it.
    """
    if not client_id or not keyring_available():
        return None
    import keyring

    secret: str | None = keyring.get_password(KEYRING_SERVICE, f"client-secret:{client_id}")
    return secret


def store_terminal_secret(client_id: str, secret: str) -> None:
    """Keep the terminal account's client secret in the OS keyring."""
    if not keyring_available():
        raise NoKeySourceError()
    import keyring

    keyring.set_password(KEYRING_SERVICE, f"client-secret:{client_id}", secret)
