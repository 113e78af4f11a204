"""Agents at the counter, without Qt: who is signed in, the offline PIN record, and the rules for both.

An agent (post-office staff, community volunteer) signs in against the portal with a password; the
portal's token lives in memory only. At the first online sign-in on a terminal the agent sets a PIN; the
terminal keeps a sealed `AgentRecord` (id, name, office, a salted scrypt hash of the PIN, the time of the
last online sign-in). With it the agent can sign in at an event without network, unlock the screen
after idle, and have their id on every dossier they file. Resetting the PIN needs an online sign-in.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from kiosk.errors import KioskError
from kiosk.session import Attempts, check_new_pin, hash_pin, verify_pin

# An offline sign-in trusts a record only this long after the agent's last online sign-in: an account
# locked at the portal stops working offline within this time.
OFFLINE_VALID = timedelta(days=30)
# Wrong PINs in a row (over restarts) after which the PIN is erased: the next sign-in must be online.
WIPE_AFTER = 10
LOCK_AFTER = timedelta(minutes=5)  # the screen locks after this long without input (configurable)
USERNAME_MAX = 64


@dataclass(frozen=True)
class AgentIdentity:
    """Who the portal says the agent is (`sync.client.Agent` has the same fields)."""

    id: str
    name: str
    office: str


@dataclass(frozen=True)
class DemoAccount:
    """A practice account of the sandbox portal, listed on the sign-in page in training mode only
    (`kiosk demo`); published demo credentials, never a real agent's."""

    username: str
    password: str
    name: str
    office: str
    kind: str  # "post_office" or "community_team"
    locked: bool = False  # signs in to "Tài khoản này đang bị khóa…", to practise that message


@dataclass(frozen=True)
class AgentRecord:
    """What a terminal keeps, sealed, for an agent who signed in online here. Never the password."""

    username: str
    agent_id: str
    name: str
    office: str
    pin_hash: str | None
    last_online_at: datetime
    failures: int = 0

    @property
    def identity(self) -> AgentIdentity:
        return AgentIdentity(self.agent_id, self.name, self.office)

    def to_json(self) -> dict[str, Any]:
        return {
            "username": self.username,
            "agent_id": self.agent_id,
            "name": self.name,
            "office": self.office,
            "pin_hash": self.pin_hash,
            "last_online_at": self.last_online_at.astimezone(UTC).isoformat(),
            "failures": self.failures,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AgentRecord:
        pin = data.get("pin_hash")
        return cls(
            username=str(data["username"]),
            agent_id=str(data["agent_id"]),
            name=str(data.get("name", "")),
            office=str(data.get("office", "")),
            pin_hash=pin if isinstance(pin, str) else None,
            last_online_at=datetime.fromisoformat(str(data["last_online_at"])),
            failures=int(data.get("failures", 0)),
        )


class WrongPin(KioskError):
    """The PIN did not match; `tries_left` before a pause (the UI's `Attempts` decides the pause)."""

    def __init__(self, tries_left: int) -> None:
        super().__init__("agents.pin_wrong", tries=tries_left)
        self.tries_left = tries_left


def normalize_username(text: str) -> str:
    """The user name as the portal knows it: trimmed, lower case; KioskError when empty or too long."""
    name = text.strip().lower()
    if not name:
        raise KioskError("agents.username_required")
    if len(name) > USERNAME_MAX or any(ch.isspace() for ch in name):
        raise KioskError("agents.username_invalid")
    return name


def record_after_online(
    previous: AgentRecord | None, username: str, agent: AgentIdentity, now: datetime
) -> AgentRecord:
    """The record after a successful online sign-in: fresh name/office, failures cleared.

    The PIN is kept when the record belongs to the same agent; another agent behind the same user name
    (an account handed over) starts without one.
    """
    pin = previous.pin_hash if previous is not None and previous.agent_id == agent.id else None
    return AgentRecord(
        username=username,
        agent_id=agent.id,
        name=agent.name,
        office=agent.office,
        pin_hash=pin,
        last_online_at=now,
        failures=0,
    )


def with_new_pin(record: AgentRecord, pin: str, repeat: str) -> AgentRecord:
    """The record with a PIN typed twice (≥ 6 digits); KioskError saying what to fix otherwise."""
    try:
        chosen = check_new_pin(pin, repeat)
    except KioskError as problem:  # the agents' own wording (the session's speaks of the operator)
        key = "agents.pin_too_short" if problem.key == "session.pin.too_short" else "agents.pin_mismatch"
        raise KioskError(key, **problem.params) from None
    return replace(record, pin_hash=hash_pin(chosen), failures=0)


def check_pin(
    record: AgentRecord | None, pin: str, now: datetime, *, unlocking: bool = False
) -> tuple[AgentRecord | None, AgentIdentity | None, KioskError | None]:
    """Check an offline sign-in (or an unlock) against the record.

    Returns (the record to save, or None when nothing changes; the agent when the PIN matched; the
    problem otherwise). Wrong PINs are counted in the record, so restarting the app does not reset them;
    after `WIPE_AFTER` in a row the PIN is erased.
    """
    if record is None:
        return None, None, KioskError("agents.offline_unknown")
    if record.pin_hash is None:
        return None, None, KioskError("agents.pin_not_set")
    if not unlocking and now - record.last_online_at > OFFLINE_VALID:
        return None, None, KioskError("agents.offline_expired", days=OFFLINE_VALID.days)
    if verify_pin(pin, record.pin_hash):
        saved = replace(record, failures=0) if record.failures else None
        return saved, record.identity, None
    failures = record.failures + 1
    if failures >= WIPE_AFTER:
        return replace(record, pin_hash=None, failures=0), None, KioskError("agents.pin_wiped")
    return replace(record, failures=failures), None, WrongPin(WIPE_AFTER - failures)


@dataclass
class AgentSession:
    """The agent signed in now. The token is in memory only (None after an offline sign-in)."""

    agent: AgentIdentity
    username: str
    token: str | None = field(repr=False)
    signed_in_at: datetime
    locked: bool = False

    @property
    def online(self) -> bool:
        return self.token is not None


class AgentDesk:
    """The terminal's agent state: at most one session, locked or not; limited PIN tries per user name."""

    def __init__(self, attempts: int = 3, pause: timedelta = timedelta(seconds=30)) -> None:
        self.session: AgentSession | None = None
        self._allowed, self._pause = attempts, pause
        self._attempts: dict[str, Attempts] = {}

    def attempts(self, username: str) -> Attempts:
        """The tries left for `username` (sign-in offline and unlock share them)."""
        found = self._attempts.get(username)
        if found is None:
            found = self._attempts[username] = Attempts(allowed=self._allowed, pause=self._pause)
        return found

    def sign_in(self, agent: AgentIdentity, username: str, token: str | None, now: datetime) -> AgentSession:
        self.session = AgentSession(agent, username, token, now)
        self.attempts(username).succeeded()
        return self.session

    def lock(self) -> None:
        if self.session is not None:
            self.session.locked = True

    def unlock(self) -> None:
        if self.session is not None:
            self.session.locked = False
            self.attempts(self.session.username).succeeded()

    def sign_out(self) -> None:
        """Forget the agent and the token; the dossiers they queued stay queued for the terminal account."""
        if self.session is not None:
            self.session.token = None
        self.session = None

    @property
    def agent_id(self) -> str | None:
        return self.session.agent.id if self.session is not None else None

    @property
    def locked(self) -> bool:
        return self.session is not None and self.session.locked
