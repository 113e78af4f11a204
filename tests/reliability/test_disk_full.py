"""Disk full is a state, not a crash: one Vietnamese message, nothing half-written, acceptances recorded.

Two kinds of "full": a real small file system (tmpfs, where `mount` is allowed: root in CI containers
that permit it), and size limits that work everywhere — the process's file size limit (RLIMIT_FSIZE:
writes past it fail with EFBIG) and SQLite's own page limit (`PRAGMA max_page_count`: SQLITE_FULL).
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import event

from kiosk.crypto import Sealer
from kiosk.diskspace import RESERVE_NAME, DiskFullError
from kiosk.store import Assisted, DossierState, Store
from sync.client import PortalClient, Reply
from sync.clock import FakeClock, system_clock
from sync.queue import drain
from sync.retry import RetryPolicy
from sync.sandbox.server import RunningSandbox, start_in_thread
from sync.send import Outcome
from tests.reliability.harness import KEY, RecordingTransport, open_store, queue_dossiers

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "assets" / "samples" / "import-example.json"
MESSAGE = "Máy hết dung lượng lưu trữ"
EXIT_DISK_FULL = 5


# --- helpers -----------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sandbox() -> Iterator[RunningSandbox]:
    with start_in_thread(host="127.0.0.1") as running:
        yield running


@pytest.fixture
def small_fs(tmp_path: Path) -> Iterator[Path]:
    """A 16 MiB tmpfs; skipped (with the reason) where this process may not mount one."""
    mount = tmp_path / "small-fs"
    mount.mkdir()
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("a tmpfs needs root on Linux; the size-limited variants in this file still run")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16m,mode=0700", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(
            f"mount -t tmpfs is not allowed here ({done.stderr.strip()}); the size-limited variants run"
        )
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(directory: Path) -> Path:
    """Take every free byte of the file system holding `directory` (as another program would)."""
    filler = directory / f"filler-{uuid.uuid4().hex}"
    block = b"\0" * 65536
    with filler.open("wb", buffering=0) as handle:
        for size in (65536, 4096, 512, 1):
            with contextlib.suppress(OSError):
                while True:
                    handle.write(block[:size])
    return filler


def client_for(sandbox: RunningSandbox, transport: httpx.BaseTransport, owner: str = "t") -> PortalClient:
    return PortalClient(
        sandbox.url, "kiosk-demo", "demo-secret", owner, clock=FakeClock(system_clock()), transport=transport
    )


def accepted_on_portal(client: PortalClient, ref: str) -> int:
    reply = client.find_dossier_by_client_ref(ref)
    assert isinstance(reply, Reply)
    return len(reply.json().get("items") or [])


def run_cli(*args: str, env: dict[str, str], limit: int | None = None) -> subprocess.CompletedProcess[str]:
    def limited() -> None:
        import resource

        assert limit is not None
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "ui.cli", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=limited if limit is not None else None,
    )


def cli_env(data_dir: Path, key_file: Path, portal: str = "") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(KIOSK_DATA_DIR=str(data_dir), KIOSK_KEY_FILE=str(key_file), KIOSK_SPEECH_ENGINE="none")
    if portal:
        env.update(KIOSK_PORTAL_URL=portal, KIOSK_CLIENT_ID="kiosk-demo", KIOSK_CLIENT_SECRET="demo-secret")
    return env


class FillAfterAcceptance(httpx.BaseTransport):
    """Real loopback HTTP; right after the portal accepted the first dossier, the disk fills up."""

    def __init__(self, directory: Path) -> None:
        self.inner = RecordingTransport()
        self.directory = directory
        self.filler: Path | None = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        accepted = request.method == "POST" and request.url.path.endswith("/dossiers")
        if accepted and response.status_code == 201 and self.filler is None:
            response.read()
            self.filler = fill(self.directory)
        return response

    def close(self) -> None:
        self.inner.close()


# --- a real small file system ------------------------------------------------------------------------------
def test_an_acceptance_is_recorded_when_the_disk_fills_while_it_is_sent(
    small_fs: Path, sandbox: RunningSandbox
) -> None:
    data_dir = small_fs / "data"
    store = open_store(data_dir)
    refs = queue_dossiers(store, 4, attachment_size=20_000)
    assert (data_dir / RESERVE_NAME).exists()  # made at open: 16 MiB leaves room for it
    transport = FillAfterAcceptance(small_fs)
    client = client_for(sandbox, transport)
    policy = RetryPolicy(base=1, cap=5)

    report = drain(store, client, owner="t", clock=FakeClock(system_clock()), policy=policy)

    assert report.stopped == "disk_full"
    assert [r.client_ref for r in report.results] == refs[:1]
    first = store.get_dossier(refs[0])
    assert first.state is DossierState.SUBMITTED and first.dossier_code  # recorded, not "queued"
    assert [store.get_dossier(r).state for r in refs[1:]] == [DossierState.QUEUED] * 3
    assert not (data_dir / RESERVE_NAME).exists()  # given back to record it

    assert transport.filler is not None
    transport.filler.unlink()  # the operator frees space
    clock = FakeClock(system_clock() + timedelta(hours=1))
    report = drain(store, client, owner="t", clock=clock, policy=policy)
    assert report.stopped == "empty" and store.queued_count() == 0
    assert all(accepted_on_portal(client, ref) == 1 for ref in refs)  # each exactly once
    assert all(len(keys) == 1 for keys in transport.inner.log.keys_per_ref.values())
    client.close()
    store.close()


def test_space_freed_after_a_full_disk_goes_to_the_queue_not_to_the_wal(
    small_fs: Path, sandbox: RunningSandbox
) -> None:
    data_dir = small_fs / "data"
    store = open_store(data_dir)
    refs = queue_dossiers(store, 40, attachment_size=20_000)
    store.close()
    filler = fill(small_fs)
    os.truncate(filler, filler.stat().st_size - 1536 * 1024)  # the operator frees 1.5 MiB
    store = open_store(data_dir)
    client = client_for(sandbox, RecordingTransport())

    report = drain(
        store, client, owner="t", clock=FakeClock(system_clock()), policy=RetryPolicy(base=1, cap=5)
    )

    # Before: the WAL grew to 1.5 MB in this drain and the disk filled again after 27 of 40 were accepted,
    # 26 recorded. Now the WAL is written again from its start after each item while space is tight.
    assert report.stopped == "empty" and report.errors == 0
    assert store.counts_by_state()[DossierState.SUBMITTED] == 40
    assert sum(accepted_on_portal(client, ref) for ref in refs) == 40
    client.close()
    store.close()


def test_the_commands_on_a_full_disk_say_so_exit_5_and_write_nothing_half(
    small_fs: Path, sandbox: RunningSandbox, tmp_path: Path
) -> None:
    data_dir = small_fs / "data"
    env = cli_env(data_dir, tmp_path / "kiosk.key", sandbox.url)
    assert run_cli("import", str(SAMPLE), env=env).returncode == 0
    (data_dir / RESERVE_NAME).unlink()  # a disk that filled before the reserve could be made
    before = sorted(p.name for p in (data_dir / "attachments").iterdir())
    filler = fill(small_fs)

    for args in (("import", str(SAMPLE)), ("status",), ("sync",)):
        done = run_cli(*args, env=env)
        assert done.returncode == EXIT_DISK_FULL, (args, done.stderr)
        assert MESSAGE in done.stderr and "Traceback" not in done.stderr, (args, done.stderr)
    assert sorted(p.name for p in (data_dir / "attachments").iterdir()) == before  # no file half-written

    filler.unlink()
    done = run_cli("sync", env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    status = json.loads(run_cli("status", "--json", env=env).stdout)
    assert status["counts"] == {"draft": 0, "queued": 0, "submitted": 5, "needs_attention": 0}


# --- limits that work everywhere ---------------------------------------------------------------------------
@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_an_import_past_the_file_size_limit_is_disk_full_and_leaves_nothing(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    env = cli_env(data_dir, tmp_path / "kiosk.key")
    assert run_cli("import", str(SAMPLE), env=env).returncode == 0
    before = sorted(p.name for p in (data_dir / "attachments").iterdir())

    # Room for SQLite's 32 KiB shared-memory file, not for the sealed scan of giay-to-cho-o.pdf (45 KB):
    # its write fails with EFBIG after the smaller scans were written.
    done = run_cli("import", str(SAMPLE), env=env, limit=40 * 1024)

    assert done.returncode == EXIT_DISK_FULL, done.stderr
    assert done.stderr.startswith(f"Lỗi: {MESSAGE}") and "Traceback" not in done.stderr
    assert sorted(p.name for p in (data_dir / "attachments").iterdir()) == before  # nothing half-written
    status = json.loads(run_cli("status", "--json", env=env).stdout)
    assert status["counts"]["queued"] == 5  # the failed import queued none of its dossiers


def limit_pages(store: Store, extra: int = 0) -> None:
    """SQLite's own size limit on every connection of `store`, at its current size (+ `extra` pages)."""
    with store._engine.connect() as conn:
        pages = int(conn.exec_driver_sql("PRAGMA page_count").scalar_one()) + extra

    @event.listens_for(store._engine, "connect")
    def _limit(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    store._engine.dispose()  # connections open from now on carry the limit


def test_a_save_past_the_database_limit_is_disk_full_and_keeps_the_last_save(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data", Sealer(KEY))
    ref = store.create_draft("2.000815", "2026.11.1", Assisted("post_office"))
    store.save_answers(ref, {"full_name": "Nguyễn Thị Hoa"}, {"document_name": "Bằng"})
    limit_pages(store)

    with pytest.raises(DiskFullError) as raised:
        store.save_answers(ref, {"full_name": "Nguyễn Thị Hoa"}, {"document_name": "x" * 200_000})
    with pytest.raises(DiskFullError):
        store.create_draft("2.000815", "2026.11.1", Assisted("post_office", "x" * 100_000))

    assert raised.value.message("vi").startswith(MESSAGE)
    assert raised.value.message("en").startswith("This computer has run out of storage space")
    assert store.get_dossier(ref).answers == {"document_name": "Bằng"}  # the last save, whole
    assert [d.client_ref for d in store.list_dossiers()] == [ref]  # no half-made draft
    store.close()


def test_an_acceptance_that_meets_a_full_database_makes_room_and_is_recorded(
    tmp_path: Path, sandbox: RunningSandbox
) -> None:
    store = open_store(tmp_path / "data")
    (ref,) = queue_dossiers(store, 1, attachment_size=2_000)
    made_room: list[bool] = []
    real_complete, real_make_room = store._complete, store.make_room

    def full_once(item_id: str, response: dict[str, Any]) -> None:
        if not made_room:
            raise DiskFullError(store.data_dir)  # the writer met a full disk
        real_complete(item_id, response)

    def make_room() -> None:
        made_room.append(True)
        real_make_room()

    store._complete, store.make_room = full_once, make_room  # type: ignore[method-assign]
    client = client_for(sandbox, RecordingTransport())

    report = drain(store, client, owner="t", clock=FakeClock(system_clock()))

    assert made_room == [True]
    assert store.get_dossier(ref).state is DossierState.SUBMITTED
    assert report.count(Outcome.SENT) == 1
    client.close()
    store.close()


def test_the_log_drops_lines_on_a_full_disk_without_a_traceback(tmp_path: Path) -> None:
    script = (
        "import logging, sys\n"
        "from pathlib import Path\n"
        "from kiosk.logs import configure_logging\n"
        f"configure_logging(Path({str(tmp_path)!r}))\n"
        "log = logging.getLogger('kiosk.test')\n"
        "for i in range(200): log.info('line %d %s', i, 'x' * 200)\n"
        "print('done')\n"
    )

    def limited() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (8 * 1024, 8 * 1024))

    if sys.platform == "win32":
        pytest.skip("RLIMIT_FSIZE is POSIX")
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=limited,
    )
    assert done.returncode == 0 and done.stdout.strip() == "done"
    assert "Traceback" not in done.stderr and "Logging error" not in done.stderr
