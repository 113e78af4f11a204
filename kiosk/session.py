"""A terminal's sessions without Qt: resume codes, the operator PIN (scrypt) and limited attempts."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from kiosk.errors import KioskError
from kiosk.references import CROCKFORD

Clock = Callable[[], datetime]
PIN_MIN_DIGITS = 6
RESUME_CODE_LENGTH = 8
# scrypt cost: ~50 ms and 16 MiB on a counter PC: slow for a guesser with the database, quick enough
# for an operator typing it once.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1
_SCRYPT_LEN = 32
_CONFUSABLE = str.maketrans({"I": "1", "L": "1", "O": "0"})


def _utc_now() -> datetime:
    return datetime.now(UTC)


# --- resume codes ("Lưu và tiếp tục sau") --------------------------------------------------------------


def new_resume_code() -> str:
    """8 random Crockford base32 characters (40 bits), shown as `XXXX-XXXX`."""
    chars = "".join(secrets.choice(CROCKFORD) for _ in range(RESUME_CODE_LENGTH))
    return f"{chars[:4]}-{chars[4:]}"


def parse_resume_code(text: str) -> str:
    """A code as a person types it (lowercase, spaces, no dash, I/L for 1, O for 0) → `XXXX-XXXX`."""
    compact = "".join(text.split()).replace("-", "").upper().translate(_CONFUSABLE)
    if len(compact) != RESUME_CODE_LENGTH or any(ch not in CROCKFORD for ch in compact):
        raise KioskError("session.resume.bad_code")
    return f"{compact[:4]}-{compact[4:]}"


def resume_token_input(code: str, id_number: str) -> str:
    """What the store's keyed HMAC is taken over: the canonical code and the 12 digits, unambiguous."""
    return f"resume-v1|{parse_resume_code(code)}|{''.join(id_number.split())}"


# --- the operator PIN --------------------------------------------------------------------------------


def check_new_pin(pin: str, repeat: str) -> str:
    """The PIN an operator typed twice, or KioskError saying what to fix."""
    pin = pin.strip()
    if not pin.isascii() or not pin.isdigit() or len(pin) < PIN_MIN_DIGITS:
        raise KioskError("session.pin.too_short", digits=PIN_MIN_DIGITS)
    if pin != repeat.strip():
        raise KioskError("session.pin.mismatch")
    return pin


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    """`scrypt$N$r$p$salt$hash` (hex): a slow salted hash; the PIN itself is never kept."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=_SCRYPT_LEN)
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    """True when `pin` matches `stored` (constant-time comparison); False for a malformed record."""
    try:
        scheme, n, r, p, salt_hex, digest_hex = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = bytes.fromhex(digest_hex)
        actual = hashlib.scrypt(
            pin.strip().encode(),
            salt=bytes.fromhex(salt_hex),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
        )
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)


# --- limited attempts with a back-off ---------------------------------------------------------------


@dataclass
class Attempts:
    """Wrong tries allowed before a pause; each further pause doubles (capped).

    Used for the operator PIN and for reopening a saved dossier: a citizen cannot guess by trying.
    """

    allowed: int = 3
    pause: timedelta = timedelta(seconds=30)
    max_pause: timedelta = timedelta(minutes=15)
    clock: Clock = _utc_now
    failures: int = 0
    locked_until: datetime | None = None
    _lockouts: int = field(default=0, repr=False)

    def wait_left(self) -> timedelta:
        """How long until another try is allowed (zero when one is allowed now)."""
        if self.locked_until is None:
            return timedelta(0)
        left = self.locked_until - self.clock()
        return max(left, timedelta(0))

    def allowed_now(self) -> bool:
        return self.wait_left() == timedelta(0)

    def failed(self) -> None:
        self.failures += 1
        if self.failures >= self.allowed:
            pause = min(self.pause * (2**self._lockouts), self.max_pause)
            self._lockouts += 1
            self.failures = 0
            self.locked_until = self.clock() + pause

    def succeeded(self) -> None:
        self.failures, self._lockouts, self.locked_until = 0, 0, None

    def tries_left(self) -> int:
        return self.allowed - self.failures
