"""Lease owners: who holds a lease, and a lease of a sender of this machine that no longer runs is free."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.crypto import Sealer
from kiosk.owner import UNKNOWN, Owner, boot_id, owner_gone, owner_id, parse_owner
from kiosk.store import Assisted, Store

linux_only = pytest.mark.skipif(boot_id() == UNKNOWN, reason="process liveness is read from Linux's /proc")
T0 = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)
LEASE = timedelta(minutes=15)
# A sender that runs until its standard input is closed.
LIVE_SENDER = (
    "import sys; from kiosk.owner import owner_id; print(owner_id('ui'), flush=True); sys.stdin.read()"
)


def finished_process_owner(role: str = "cli") -> str:
    """The owner id of a real process that has run and exited (as after kill -9, reaped)."""
    done = subprocess.run(
        [sys.executable, "-c", f"from kiosk.owner import owner_id; print(owner_id({role!r}))"],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    return done.stdout.strip()


def with_(owner: str, **changes: object) -> str:
    parsed = parse_owner(owner)
    assert parsed is not None
    fields = {**parsed.__dict__, **changes}
    return Owner(**fields).text()  # type: ignore[arg-type]


def test_owner_id_names_role_pid_host_boot_and_start() -> None:
    parsed = parse_owner(owner_id("cli"))
    assert parsed is not None
    assert (parsed.role, parsed.pid) == ("cli", os.getpid())
    assert parsed.host and parsed.boot and parsed.start
    assert parse_owner("cli:1234") is None  # an older version's owner id: not ours to judge


@linux_only
def test_only_a_sender_of_this_machine_that_certainly_stopped_is_gone() -> None:
    me = owner_id("ui")
    assert not owner_gone(me)
    assert owner_gone(finished_process_owner())
    assert owner_gone(with_(me, start="1"))  # our pid, reused: another process than the sender
    assert owner_gone(with_(me, boot="00000000-0000-4000-8000-000000000000"))  # an earlier boot
    # What cannot be checked is respected until its lease expires.
    assert not owner_gone(with_(finished_process_owner(), host="another-terminal"))
    assert not owner_gone(with_(finished_process_owner(), pidns="1"))  # another container's pids
    assert not owner_gone(with_(finished_process_owner(), boot=UNKNOWN))
    assert not owner_gone("cli:999999")
    assert not owner_gone(None)


def queued_store(tmp_path: Path, count: int = 2) -> Store:
    store = Store.open(tmp_path / "data", Sealer(bytes(32)))
    for _ in range(count):
        ref = store.create_draft("2.000815", "2026.11.1", Assisted("post_office", "BD-1", None, T0))
        store.save_answers(ref, {"full_name": "A"}, {"page_count": 1})
        store.finalize(ref, "BD-1")
    return store


@linux_only
def test_a_lease_of_a_dead_sender_of_this_machine_is_taken_over_at_once(tmp_path: Path) -> None:
    store = queued_store(tmp_path)
    dead = finished_process_owner()
    first = store.lease_next(dead, T0, LEASE)
    assert first is not None
    taken = store.lease_next(owner_id("cli"), T0 + timedelta(seconds=1), LEASE)
    assert taken is not None and taken.id == first.id  # the oldest, not the next one
    assert taken.attempts == 2  # the dead sender's attempt counts: the portal is asked first
    store.close()


@linux_only
def test_a_lease_of_a_live_sender_is_respected(tmp_path: Path) -> None:
    store = queued_store(tmp_path, 1)
    live = subprocess.Popen(
        [
            sys.executable,
            "-c",
            LIVE_SENDER,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert live.stdout is not None
        owner = live.stdout.readline().strip()
        assert store.lease_next(owner, T0, LEASE) is not None
        assert store.lease_next(owner_id("cli"), T0 + timedelta(minutes=1), LEASE) is None
    finally:
        live.communicate()  # closes its input: it exits

    # Once it has exited, its lease is free at once.
    assert store.lease_next(owner_id("cli"), T0 + timedelta(minutes=1), LEASE) is not None
    store.close()


def test_a_lease_beyond_lease_for_from_now_is_free(tmp_path: Path) -> None:
    store = queued_store(tmp_path, 1)
    assert store.lease_next("t", T0 + timedelta(days=730), LEASE) is not None  # under a clock ahead
    assert store.lease_next("u", T0, LEASE) is not None  # the clock put back: not two years
    store.close()


def test_a_retry_time_beyond_the_cap_from_now_is_due(tmp_path: Path) -> None:
    store = queued_store(tmp_path, 1)
    item = store.lease_next("t", T0, LEASE)
    assert item is not None
    store.fail(item.id, retry_at=T0 + timedelta(days=730, seconds=30), problem=None)
    assert store.lease_next("t", T0, LEASE, timedelta(minutes=15)) is not None
    store.close()


def test_a_retry_time_within_the_cap_is_waited_for(tmp_path: Path) -> None:
    store = queued_store(tmp_path, 1)
    item = store.lease_next("t", T0, LEASE)
    assert item is not None
    store.fail(item.id, retry_at=T0 + timedelta(minutes=10), problem=None)
    assert store.lease_next("t", T0, LEASE, timedelta(minutes=15)) is None
    assert store.lease_next("t", T0 + timedelta(minutes=10), LEASE, timedelta(minutes=15)) is not None
    store.close()
