"""`kiosk sync` as a person runs it against a busy or slow portal: what it says, and Ctrl+C.

Real subprocesses, a real data dir, the real sandbox in a thread; the waits here are real but short
(the run is interrupted, or it refuses to wait an hour). The long drains under faults, with an injected
clock, are in tests/reliability/test_cli_sync.py.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import IO

import pytest

from sync.clock import system_clock
from sync.sandbox import FaultPolicy, RunningSandbox, start_in_thread
from sync.sandbox.faults import FaultKind
from sync.send import VN
from tests.e2e.test_cli import SAMPLE, kiosk


def busy(retry_after: int) -> FaultPolicy:
    """Every API request answered 429 with this Retry-After."""
    return FaultPolicy(rate=1.0, seed=1, retry_after=retry_after, weights={FaultKind.RATE_LIMITED: 1.0})


@pytest.fixture
def portal(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RunningSandbox]:
    options: dict[str, object] = request.param
    with start_in_thread(db_path=tmp_path / "portal.sqlite3", backoffice_tick=0, **options) as sandbox:  # type: ignore[arg-type]
        yield sandbox


@pytest.fixture
def env(tmp_path: Path, portal: RunningSandbox) -> dict[str, str]:
    environment = {
        **os.environ,
        "KIOSK_DATA_DIR": str(tmp_path / "data"),
        "KIOSK_KEY_FILE": str(tmp_path / "kiosk.key"),
        "KIOSK_PORTAL_URL": portal.url,
        "KIOSK_CLIENT_ID": "kiosk-demo",
        "KIOSK_CLIENT_SECRET": "demo-secret",
        "PYTHONUNBUFFERED": "1",
    }
    done = kiosk("import", str(SAMPLE), env=environment)
    assert done.returncode == 0, done.stderr
    return environment


def leases(env: dict[str, str]) -> int:
    with sqlite3.connect(Path(env["KIOSK_DATA_DIR"]) / "kiosk.db") as db:
        found = db.execute(
            "SELECT count(*) FROM outbox WHERE lease_owner IS NOT NULL OR lease_until IS NOT NULL"
        )
        return int(found.fetchone()[0])


def queued(env: dict[str, str]) -> int:
    with sqlite3.connect(Path(env["KIOSK_DATA_DIR"]) / "kiosk.db") as db:
        return int(db.execute("SELECT count(*) FROM outbox WHERE state = 'pending'").fetchone()[0])


class Running:
    """`kiosk sync` in a subprocess, its stdout and stderr read line by line on threads."""

    def __init__(self, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "ui.cli", "sync"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.out: queue.Queue[str | None] = queue.Queue()
        self.err: queue.Queue[str | None] = queue.Queue()
        self.seen: dict[str, list[str]] = {"out": [], "err": []}
        for stream, lines in ((self.process.stdout, self.out), (self.process.stderr, self.err)):
            threading.Thread(target=self._read, args=(stream, lines), daemon=True).start()

    def __enter__(self) -> Running:
        return self

    def __exit__(self, *_: object) -> None:
        if self.process.poll() is None:  # a failed test: the run must not outlive it
            self.process.kill()
        self.process.wait(timeout=60)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()

    @staticmethod
    def _read(stream: IO[str] | None, lines: queue.Queue[str | None]) -> None:
        assert stream is not None
        for line in stream:
            lines.put(line.rstrip("\n"))
        lines.put(None)

    def wait_for(self, pattern: str, *, on: str = "out", timeout: float = 60) -> str:
        lines = self.out if on == "out" else self.err
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=0.1)
            except queue.Empty:
                continue
            assert line is not None, f"ended early: {self.seen}"
            self.seen[on].append(line)
            if re.search(pattern, line):
                return line
        raise AssertionError(f"no line matching {pattern!r} in {self.seen}")

    def finish(self) -> tuple[int, str, str]:
        code = self.process.wait(timeout=60)
        texts = []
        for name, lines in (("out", self.out), ("err", self.err)):
            while (line := lines.get(timeout=10)) is not None:
                self.seen[name].append(line)
            texts.append("\n".join(self.seen[name]))
        return code, texts[0], texts[1]


def wait_until(condition: Callable[[], bool], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.05)


@pytest.mark.parametrize("portal", [{"faults": busy(3600)}], indirect=True, ids=["busy-1h"])
def test_a_long_pause_says_when_to_run_sync_again(env: dict[str, str]) -> None:
    done = kiosk("sync", env=env)
    assert done.returncode == 2, done.stdout + done.stderr
    when = (system_clock() + timedelta(hours=1)).astimezone(VN)
    summary = done.stdout.strip().splitlines()[-1]
    match = re.fullmatch(
        r"Đã gửi 0 hồ sơ\. Còn 5 hồ sơ chờ gửi lại lúc (\d\d:\d\d) \(giờ Việt Nam\): cổng dịch vụ công đề"
        r" nghị tạm dừng đến giờ đó\. Vui lòng chạy lại `kiosk sync` sau giờ đó, hoặc để ứng dụng mở để"
        r" máy tự gửi\.",
        summary,
    )
    assert match, summary
    # An hour from now in Vietnam time, rounded up to the minute (a minute more if the clock turned).
    shown = [(when + timedelta(minutes=extra)).strftime("%H:%M") for extra in (0, 1, 2)]
    assert match.group(1) in shown
    assert "tự gửi tiếp" not in done.stdout  # the old promise that nothing keeps after the command ends
    assert queued(env) == 5 and leases(env) == 0


@pytest.mark.parametrize("portal", [{"faults": busy(60)}], indirect=True, ids=["busy-60s"])
def test_ctrl_c_while_waiting_stops_at_once_and_says_so(env: dict[str, str]) -> None:
    with Running(env) as running:
        running.wait_for(r"Cổng dịch vụ công đang bận: chờ đến \d\d:\d\d:\d\d rồi gửi tiếp\.")
        running.process.send_signal(signal.SIGINT)
        code, stdout, _ = running.finish()
    assert code == 130
    assert stdout.splitlines()[-1] == (
        "Đã dừng theo yêu cầu. Đã gửi 0 hồ sơ, còn 5 hồ sơ chờ gửi; không hồ sơ nào bị giữ lại."
        " Vui lòng chạy lại `kiosk sync` để gửi tiếp."
    )
    assert queued(env) == 5 and leases(env) == 0


@pytest.mark.parametrize("portal", [{"latency_ms": 1500}], indirect=True, ids=["slow-portal"])
def test_ctrl_c_while_sending_releases_the_item(env: dict[str, str]) -> None:
    with Running(env) as running:
        running.wait_for(r"^Đang gửi… đã gửi 0, còn 5 chờ gửi")
        wait_until(lambda: leases(env) == 1)  # a dossier is being sent: its request is on the way
        running.process.send_signal(signal.SIGINT)
        code, stdout, errors = running.finish()
    assert code == 130, stdout + errors
    assert "Đang dừng sau yêu cầu đang gửi dở" in errors
    assert "Traceback" not in errors
    assert stdout.splitlines()[-1].startswith("Đã dừng theo yêu cầu. Đã gửi ")
    assert leases(env) == 0


@pytest.mark.parametrize("portal", [{"latency_ms": 3_000}], indirect=True, ids=["stuck-portal"])
def test_a_second_ctrl_c_stops_at_once_and_still_releases_the_item(env: dict[str, str]) -> None:
    with Running(env) as running:
        running.wait_for(r"^Đang gửi… đã gửi 0, còn 5 chờ gửi")
        wait_until(lambda: leases(env) == 1)
        running.process.send_signal(signal.SIGINT)
        running.wait_for("Đang dừng sau yêu cầu đang gửi dở", on="err")  # the first one was taken
        running.process.send_signal(signal.SIGINT)
        code, stdout, errors = running.finish()
    assert code == 130, stdout + errors
    assert "Traceback" not in errors
    assert stdout.splitlines()[-1] == (
        "Đã dừng theo yêu cầu. Đã gửi 0 hồ sơ, còn 5 hồ sơ chờ gửi; không hồ sơ nào bị giữ lại."
        " Vui lòng chạy lại `kiosk sync` để gửi tiếp."
    )
    assert leases(env) == 0 and queued(env) == 5
    log = (Path(env["KIOSK_DATA_DIR"]) / "kiosk.log").read_text(encoding="utf-8")
    assert "kiosk sync interrupted: 1 item(s) given back untried" in log  # cut short, not let finish
