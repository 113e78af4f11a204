"""Crash loop: drainers SIGKILLed at random instants mid-send; the next sync sends everything at once,
0 lost, 0 duplicated, 0 stuck. And `kiosk sync` itself killed mid-drain: the next `kiosk sync` sends all."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from crashloop import crash_loop

from kiosk.assets import samples_dir
from kiosk.store.models import utc_text
from sync.sandbox import FaultPolicy, start_in_thread

SAMPLE = samples_dir() / "import-example.json"

pytestmark = pytest.mark.slow


def test_ten_sigkills_lose_nothing_and_double_nothing(tmp_path: Path) -> None:
    faults = FaultPolicy(rate=0.3, seed=21, retry_after=1, slow_ms=30)
    with start_in_thread(
        db_path=tmp_path / "portal.sqlite3", faults=faults, seed=21, backoffice_tick=0
    ) as portal:
        result = crash_loop(portal.url, tmp_path / "kiosk", tmp_path, dossiers=50, kills=10, seed=21)
    figures = result.figures
    print(
        f"kills={result.kills} natural_exits={result.natural_exits} final_rounds={result.final_rounds} "
        f"accepted_before_final={result.accepted_before_final} "
        f"sent_by_first_sync={result.sent_by_first_sync} "
        f"waiting_after_first_sync={result.waiting_after_first_sync} {figures.line()}"
    )
    assert result.kills == 10
    assert result.accepted_before_final > 0  # the killed drainers were really sending
    # The first sync after the last kill sends everything at once: no lease of a killed sender holds.
    assert result.waiting_after_first_sync == 0 and result.final_rounds == 1
    assert figures.accepted == figures.queued  # every dossier on the portal …
    assert figures.duplicates == 0  # … once
    assert (figures.lost, figures.stuck, figures.live_leases) == (0, 0, 0)
    assert figures.refs_with_several_keys == 0 and figures.keys_with_several_bodies == 0


def kiosk(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def leases(db: Path) -> list[tuple[str, str]]:
    """(owner, until) of the leased outbox items, read as another process would (read-only)."""
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)) as conn:
        rows = conn.execute(
            "SELECT lease_owner, lease_until FROM outbox WHERE lease_owner IS NOT NULL"
        ).fetchall()
    return [(str(owner), str(until)) for owner, until in rows]


def test_the_next_kiosk_sync_after_a_kill_9_sends_everything_at_once(tmp_path: Path) -> None:
    """Before: the killed run's dossier stayed leased for 15 minutes ("0 sent, 1 still waiting")."""
    with start_in_thread(db_path=tmp_path / "portal.sqlite3", latency_ms=150, backoffice_tick=0) as portal:
        env = {
            **os.environ,
            "KIOSK_DATA_DIR": str(tmp_path / "data"),
            "KIOSK_KEY_FILE": str(tmp_path / "kiosk.key"),
            "KIOSK_PORTAL_URL": portal.url,
            "KIOSK_CLIENT_ID": "kiosk-demo",
            "KIOSK_CLIENT_SECRET": "demo-secret",
        }
        assert kiosk("import", str(SAMPLE), env=env).returncode == 0
        db = tmp_path / "data" / "kiosk.db"
        sync = subprocess.Popen([sys.executable, "-m", "ui.cli", "sync"], env=env, stdout=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60  # a guard only: the run leases within a second or two
            while not leases(db) and sync.poll() is None and time.monotonic() < deadline:
                time.sleep(0.02)
            sync.send_signal(signal.SIGKILL)
        finally:
            sync.wait()
        stranded = leases(db)
        assert stranded, "the kill came before or after the run's sending"
        assert all(until > utc_text(datetime.now(UTC)) for _, until in stranded)  # not expired

        portal.sandbox.faults.latency_ms = 0
        done = kiosk("sync", env=env)
        stats = httpx.get(portal.url + "/_sandbox/stats", timeout=30).json()
    assert done.returncode == 0, done.stdout + done.stderr
    document = json.loads(kiosk("status", "--json", env=env).stdout)
    assert document["counts"] == {"draft": 0, "queued": 0, "submitted": 5, "needs_attention": 0}
    assert (stats["dossiers"], stats["duplicate_client_refs"]) == (5, 0)
    assert not leases(db)
