"""`kiosk sync` drains like the app: one run against the real sandbox with faults sends everything.

The run is the command's own code (ui/sync_run.py run_sync) on a real data dir and the real sandbox;
only time is injected: the sleeper moves a FakeClock that the portal client, the retry times and the
waits all read, so minutes of Retry-After and backoff pass without any real waiting.
"""

from __future__ import annotations

import io
import random
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from harness import queue_dossiers, sandbox_stats

from sync.clock import FakeClock, system_clock
from sync.retry import RetryPolicy
from sync.sandbox import FaultPolicy, RunningSandbox, start_in_thread
from sync.sandbox.faults import FaultKind
from sync.send import VN
from sync.until_sent import LONGEST_WAIT, TOTAL_WAIT, Stop
from ui.services import Services, open_services
from ui.sync_run import EXIT_INTERRUPTED, EXIT_SENT, EXIT_WAITING, run_sync

N = 30


class TtyBuffer(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def faults(request: pytest.FixtureRequest) -> FaultPolicy:
    busy_for: int | None = getattr(request, "param", None)
    if busy_for == 0:  # a quiet portal
        return FaultPolicy(rate=0.0)
    if busy_for is not None:  # every API request answered 429 with this Retry-After (until turned off)
        return FaultPolicy(rate=1.0, seed=1, retry_after=busy_for, weights={FaultKind.RATE_LIMITED: 1.0})
    # 20 % of requests fail, every kind; slow answers are kept short (their effect on ordering matters).
    return FaultPolicy(rate=0.2, seed=5, retry_after=1, slow_ms=30)


@pytest.fixture
def sandbox(tmp_path: Path, faults: FaultPolicy) -> Iterator[RunningSandbox]:
    with start_in_thread(db_path=tmp_path / "portal.sqlite3", faults=faults, backoffice_tick=0) as running:
        yield running


@pytest.fixture
def services(data_dir: Path, sandbox: RunningSandbox, monkeypatch: pytest.MonkeyPatch) -> Iterator[Services]:
    monkeypatch.setenv("KIOSK_PORTAL_URL", sandbox.url)
    monkeypatch.setenv("KIOSK_CLIENT_ID", "kiosk-demo")
    monkeypatch.setenv("KIOSK_CLIENT_SECRET", "demo-secret")
    opened = open_services()
    yield opened
    opened.close()


class Sleeper:
    """Moves the clock instead of sleeping, and keeps what was asked; `then` runs after each wait."""

    def __init__(self, clock: FakeClock, then: object = None) -> None:
        self.clock, self.waits, self.then = clock, list[float](), then

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.clock.advance(seconds)
        if callable(self.then):
            self.then()


def run(services: Services, clock: FakeClock, sleeper: Sleeper, stream: io.StringIO, **kw: object) -> int:
    options: dict[str, Any] = {"policy": RetryPolicy(rng=random.Random(3)), "stream": stream, **kw}
    return run_sync(services, "vi", owner="cli:test", clock=clock, sleep=sleeper, **options)


def leased(services: Services) -> int:
    return sum(1 for item in services.store.outbox_items() if item.lease_owner or item.lease_until)


def test_one_run_sends_everything_through_twenty_percent_faults(
    services: Services, sandbox: RunningSandbox
) -> None:
    refs = queue_dossiers(services.store, N, attachment_size=20_000, seed=2)
    clock = FakeClock(system_clock())
    sleeper = Sleeper(clock)
    out = TtyBuffer()  # every update shows (a plain log only shows waits of 10 s or more)

    code = run(services, clock, sleeper, out)

    shown = [part.strip() for part in out.getvalue().split("\r") if part.strip()]
    stats = sandbox_stats(sandbox.url)
    print(f"waits={len(sleeper.waits)} waited={sum(sleeper.waits):.0f}s faults={stats['faults']}")
    assert sum(stats["faults"].values()) >= N // 2  # the faults really happened
    assert code == EXIT_SENT
    assert services.store.queued_count() == 0 and leased(services) == 0
    assert (stats["dossiers"], stats["duplicate_client_refs"]) == (N, 0)
    assert {s.client_ref for s in services.store.list_dossiers() if s.dossier_code} == set(refs)
    # It waited, within the bounds, and said what for; then the summary tells the whole run.
    assert sleeper.waits and max(sleeper.waits) <= LONGEST_WAIT.total_seconds()
    assert sum(sleeper.waits) <= TOTAL_WAIT.total_seconds()
    assert shown[0] == f"Đang gửi… đã gửi 0, còn {N} chờ gửi, 0 lần gửi lỗi."
    assert f"Đang gửi… đã gửi {N}, còn 0 chờ gửi" in shown[-2]
    waiting = [part for part in shown if re.search(r"[Cc]hờ đến \d\d:\d\d:\d\d", part)]
    assert len(waiting) == len(sleeper.waits)
    assert all(re.match(r"Đã gửi \d+, còn \d+ chờ gửi, \d+ lần gửi lỗi\. ", part) for part in waiting)
    assert any("Cổng dịch vụ công đang bận" in part for part in waiting)
    assert any("để gửi lại hồ sơ vừa gửi lỗi" in part for part in waiting)
    failed = int(re.findall(r"(\d+) lần gửi lỗi", shown[-1])[0])
    assert failed > 0
    summary = f"Đã gửi {N} hồ sơ. Còn 0 đang chờ gửi, 0 cần sửa ({failed} lần gửi lỗi đã được thử lại)."
    assert shown[-1] == summary


def test_a_terminal_sees_one_line_rewritten(services: Services) -> None:
    queue_dossiers(services.store, 5, attachment_size=2_000, seed=4)
    clock = FakeClock(system_clock())
    out = TtyBuffer()

    assert run(services, clock, Sleeper(clock), out) == EXIT_SENT

    progress, _, summary = out.getvalue().rpartition("\r")
    assert summary.startswith("Đã gửi 5 hồ sơ. Còn 0 đang chờ gửi") and summary.count("\n") == 1
    assert "\n" not in progress  # every update rewrote the same line
    assert "Đang gửi… đã gửi 5, còn 0 chờ gửi" in progress


@pytest.mark.parametrize("faults", [30], indirect=True, ids=["busy-30s"])
def test_a_short_pause_is_waited_out_and_shown(services: Services, faults: FaultPolicy) -> None:
    queue_dossiers(services.store, 3, attachment_size=2_000, seed=6)
    clock = FakeClock(system_clock())
    start = clock()

    def portal_recovers() -> None:
        faults.rate = 0

    sleeper = Sleeper(clock, then=portal_recovers)
    out = io.StringIO()

    assert run(services, clock, sleeper, out) == EXIT_SENT

    lines = out.getvalue().splitlines()
    assert sleeper.waits == [30.0]  # the portal's Retry-After, to the second
    until = (start + timedelta(seconds=30)).astimezone(VN).strftime("%H:%M:%S")
    assert lines == [
        "Đang gửi… đã gửi 0, còn 3 chờ gửi, 0 lần gửi lỗi.",
        f"Đã gửi 0, còn 3 chờ gửi, 1 lần gửi lỗi. Cổng dịch vụ công đang bận: chờ đến {until} rồi gửi tiếp.",
        "Đang gửi… đã gửi 1, còn 2 chờ gửi, 1 lần gửi lỗi.",  # 30 s after the last line
        "Đã gửi 3 hồ sơ. Còn 0 đang chờ gửi, 0 cần sửa (1 lần gửi lỗi đã được thử lại).",
    ]


def later(minutes: int) -> str:
    """HH:MM in Vietnam time, `minutes` from now, rounded up to the minute as the summary shows it."""
    when = (system_clock() + timedelta(minutes=minutes)).astimezone(VN)
    return (when.replace(second=0, microsecond=0) + timedelta(minutes=1)).strftime("%H:%M")


@pytest.mark.parametrize("faults", [3600], indirect=True, ids=["busy-1h"])
def test_a_pause_longer_than_the_bound_ends_the_run_and_says_when_to_run_again(services: Services) -> None:
    queue_dossiers(services.store, 3, attachment_size=2_000, seed=7)
    clock = FakeClock(system_clock())
    sleeper = Sleeper(clock)
    out = io.StringIO()

    assert run(services, clock, sleeper, out) == EXIT_WAITING

    assert sleeper.waits == []  # an hour is not waited out
    assert out.getvalue().splitlines()[-1] == (
        f"Đã gửi 0 hồ sơ. Còn 3 hồ sơ chờ gửi lại lúc {later(60)} (giờ Việt Nam): cổng dịch vụ công đề"
        " nghị tạm dừng đến giờ đó. Vui lòng chạy lại `kiosk sync` sau giờ đó, hoặc để ứng dụng mở để"
        " máy tự gửi."
    )
    assert services.store.queued_count() == 3 and leased(services) == 0


@pytest.mark.parametrize("faults", [60], indirect=True, ids=["busy-60s"])
def test_waits_stop_at_the_total_budget(services: Services) -> None:
    queue_dossiers(services.store, 2, attachment_size=2_000, seed=8)
    clock = FakeClock(system_clock())
    sleeper = Sleeper(clock)
    out = io.StringIO()

    assert run(services, clock, sleeper, out) == EXIT_WAITING

    # Each pause waited out (the portal's minute, or the first item's growing backoff past it) until one
    # more would pass the budget.
    assert len(sleeper.waits) > 3 and min(sleeper.waits) >= 60
    assert max(sleeper.waits) <= LONGEST_WAIT.total_seconds()
    assert sum(sleeper.waits) <= TOTAL_WAIT.total_seconds()
    summary = out.getvalue().splitlines()[-1]
    assert summary.startswith("Đã gửi 0 hồ sơ. Còn 2 hồ sơ chờ gửi lại lúc ")
    assert summary.endswith("Vui lòng chạy lại `kiosk sync` sau giờ đó, hoặc để ứng dụng mở để máy tự gửi.")


@pytest.mark.parametrize("faults", [30], indirect=True, ids=["busy-30s"])
def test_a_stop_during_a_wait_ends_the_run_cleanly(services: Services) -> None:
    queue_dossiers(services.store, 2, attachment_size=2_000, seed=9)
    clock = FakeClock(system_clock())
    stop = Stop()
    sleeper = Sleeper(clock, then=stop.set)  # Ctrl+C while waiting
    out = io.StringIO()

    assert run(services, clock, sleeper, out, stop=stop) == EXIT_INTERRUPTED

    assert out.getvalue().splitlines()[-1] == (
        "Đã dừng theo yêu cầu. Đã gửi 0 hồ sơ, còn 2 hồ sơ chờ gửi; không hồ sơ nào bị giữ lại."
        " Vui lòng chạy lại `kiosk sync` để gửi tiếp."
    )
    assert leased(services) == 0


def test_summary_in_english(services: Services) -> None:
    queue_dossiers(services.store, 2, attachment_size=2_000, seed=10)
    clock = FakeClock(system_clock())
    out = io.StringIO()
    code = run_sync(services, "en", owner="cli:test", clock=clock, sleep=Sleeper(clock), stream=out)
    assert code == EXIT_SENT
    assert out.getvalue().splitlines()[-1].startswith("Sent 2 dossier(s). 0 still waiting, 0 need changes (")


@pytest.mark.parametrize("faults", [0], indirect=True, ids=["quiet"])
def test_an_item_another_sender_holds_is_waited_for_then_sent(services: Services) -> None:
    queue_dossiers(services.store, 2, attachment_size=2_000, seed=11)
    clock = FakeClock(system_clock())
    held = services.store.lease_next("app:4242", clock(), timedelta(minutes=2))  # the app is sending it
    assert held is not None
    sleeper = Sleeper(clock)
    out = io.StringIO()

    assert run(services, clock, sleeper, out) == EXIT_SENT

    assert sleeper.waits == [120.0]  # until that sender's lease runs out, then it is taken over
    assert "Một chương trình khác trên máy (ứng dụng hoặc một lệnh kiosk sync khác) đang gửi: chờ đến" in (
        out.getvalue()
    )
    assert out.getvalue().splitlines()[-1].startswith("Đã gửi 2 hồ sơ. Còn 0 đang chờ gửi")


def test_an_unreachable_portal_ends_the_run_at_once_and_says_what_to_do(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    queue_dossiers(services.store, 2, attachment_size=2_000, seed=12)
    services.config = replace(services.config, portal_url="http://127.0.0.1:9")
    clock = FakeClock(system_clock())
    sleeper = Sleeper(clock)
    out = io.StringIO()

    assert run(services, clock, sleeper, out) == EXIT_WAITING

    assert sleeper.waits == []
    assert out.getvalue().splitlines()[-1] == (
        "Chưa kết nối được cổng dịch vụ công. Đã gửi 0 hồ sơ, còn 2 hồ sơ chờ gửi (vẫn lưu an toàn trên máy)."
        " Vui lòng kiểm tra mạng rồi chạy lại `kiosk sync`, hoặc để ứng dụng mở để máy tự gửi khi có mạng."
    )
