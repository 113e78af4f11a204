"""The portal's "busy, come back later" (Retry-After) holds for the next process too: real `kiosk` runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx

from kiosk.assets import samples_dir
from sync.sandbox.faults import FaultKind
from sync.sandbox.server import start_in_thread

SAMPLE = samples_dir() / "import-example.json"


def kiosk(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_a_retry_after_is_honoured_by_the_next_kiosk_command(tmp_path: Path) -> None:
    """Before: the next process forgot it and called /auth/token and the API at once."""
    with start_in_thread(db_path=tmp_path / "portal.sqlite3", backoffice_tick=0) as portal:
        env = {
            **os.environ,
            "KIOSK_DATA_DIR": str(tmp_path / "data"),
            "KIOSK_KEY_FILE": str(tmp_path / "kiosk.key"),
            "KIOSK_PORTAL_URL": portal.url,
            "KIOSK_CLIENT_ID": "kiosk-demo",
            "KIOSK_CLIENT_SECRET": "demo-secret",
        }
        assert kiosk("import", str(SAMPLE), env=env).returncode == 0
        faults = portal.sandbox.faults
        faults.weights = {kind: float(kind is FaultKind.UNAVAILABLE) for kind in FaultKind}
        faults.rate, faults.retry_after = 1.0, 3600
        busy = kiosk("sync", env=env)
        assert busy.returncode == 2, busy.stdout + busy.stderr
        answered_busy = faults.counts[FaultKind.UNAVAILABLE.value]
        assert answered_busy >= 1

        # Every API request would be answered 503 and counted: the next processes send none.
        again = kiosk("sync", env=env)
        doctor = kiosk("doctor", env=env)
        assert faults.counts[FaultKind.UNAVAILABLE.value] == answered_busy
        stats = httpx.get(portal.url + "/_sandbox/stats", timeout=30).json()
    assert again.returncode == 2, again.stdout + again.stderr
    assert json.loads(kiosk("status", "--json", env=env).stdout)["counts"]["queued"] == 5
    assert stats["dossiers"] == 0
    assert "đề nghị tạm dừng gửi đến" in doctor.stdout, doctor.stdout
