"""Crash loop: drainer processes SIGKILLed at random instants, then a clean sync; figures for asserts.

The drainers lease as the app does (sync.queue.LEASE_FOR, 15 minutes). The clean sync comes right after
the last kill, with the portal's faults off: one drain must send everything at once, since the leases of
killed senders of this machine are free at once (kiosk.owner). Its clock is only as far ahead as the killed
senders' longest wait (their backoff cap and the portal's Retry-After), far inside their leases.

Used by tests/reliability/test_sync_crash.py (small) and soak.py (full scale).
"""

from __future__ import annotations

import random
import select
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import httpx
from harness import Figures, KeyLog, RecordingTransport, figures, open_store, queue_dossiers, sandbox_stats

from kiosk.owner import owner_id
from sync.client import PortalClient
from sync.clock import FakeClock, system_clock
from sync.pause import StorePause
from sync.queue import drain
from sync.retry import RetryPolicy
from sync.send import Outcome

DRAINER = Path(__file__).resolve().parent / "drainer.py"
# The longest a killed drainer made an item wait: its backoff cap (0.5 s) or the sandbox's Retry-After
# (1 s in these runs); the clean sync's clock is that far ahead of the last kill, and no further.
LONGEST_WAIT = timedelta(seconds=2)


@dataclass
class CrashLoopResult:
    figures: Figures
    kills: int
    natural_exits: int
    patch_bytes: int
    seconds: float
    final_rounds: int
    accepted_before_final: int  # how much the killed drainers got through
    waiting_after_first_sync: int  # items the first clean sync after the last kill left waiting
    sent_by_first_sync: int


def _wait_ready(process: subprocess.Popen[str], timeout: float = 60) -> bool:
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 0.05)
        if ready:
            return process.stdout.readline().strip() == "ready"
        if process.poll() is not None:
            return False
    return False


def crash_loop(
    url: str,
    data_dir: Path,
    work_dir: Path,
    *,
    dossiers: int,
    kills: int,
    seed: int,
    attachment_size: int = 20_000,
    max_delay: float = 0.4,
    top_up: int = 5,
) -> CrashLoopResult:
    """Queue `dossiers`, then start drainers and SIGKILL them `kills` times; finish with a clean drain."""
    started = time.monotonic()
    rng = random.Random(seed)
    keylog = work_dir / "keys.jsonl"
    store = open_store(data_dir)
    refs = queue_dossiers(store, dossiers, attachment_size=attachment_size, seed=seed)
    store.close()
    done_kills = natural = 0
    while done_kills < kills:
        process = subprocess.Popen(
            [sys.executable, str(DRAINER), str(data_dir), url, str(keylog)],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            if not _wait_ready(process):
                raise RuntimeError("the drainer did not start")
            time.sleep(rng.uniform(0.0, max_delay))
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                done_kills += 1
            else:
                natural += 1
                # It emptied the queue before its kill: give the next one work to be killed in.
                store = open_store(data_dir)
                refs += queue_dossiers(
                    store, top_up, attachment_size=attachment_size, seed=rng.randrange(1 << 30)
                )
                store.close()
        finally:
            process.wait()
            if process.stdout is not None:
                process.stdout.close()
    accepted_before = int(sandbox_stats(url)["dossiers"])
    httpx.post(url + "/_sandbox/faults", json={"rate": 0}, timeout=30).raise_for_status()
    store = open_store(data_dir)
    clock = FakeClock(system_clock() + LONGEST_WAIT)
    transport = RecordingTransport()
    client = PortalClient(
        url, "kiosk-demo", "demo-secret", "final", clock=clock, transport=transport, pause=StorePause(store)
    )
    policy = RetryPolicy(base=1, cap=20)
    first = drain(store, client, owner=owner_id("cli"), clock=clock, policy=policy)
    waiting_after_first = store.queued_count()
    rounds = 1
    # Whatever the first sync left (none, unless something is wrong) is drained to count what is lost.
    while store.queued_count() > 0 and rounds < 500:
        clock.advance(30)
        drain(store, client, owner=owner_id("cli"), clock=clock, policy=policy)
        rounds += 1
    client.close()
    keys = KeyLog.read(keylog)
    keys.merge(transport.log)
    result = figures(store, refs, sandbox_stats(url), keys, clock())
    store.close()
    return CrashLoopResult(
        result,
        done_kills,
        natural,
        keys.patch_bytes,
        time.monotonic() - started,
        rounds,
        accepted_before,
        waiting_after_first,
        first.count(Outcome.SENT),
    )
