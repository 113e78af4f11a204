"""A sender process for crash loops: drains the real store into the portal until nothing is queued.

Run as `python tests/reliability/drainer.py DATA_DIR URL KEYLOG [LEASE_SECONDS]` (no `kiosk` command, no
Qt); it leases as the app does (sync.queue.LEASE_FOR unless told) under an owner id of kiosk.owner. It prints
"ready" once imported and set up, so the parent's kill instants fall inside real work, then "done".
Every dossier POST is appended to KEYLOG (key, client_ref, body digest) before it leaves.
"""

from __future__ import annotations

import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent.parent)]

from harness import RecordingTransport, open_store  # noqa: E402

from kiosk.owner import owner_id  # noqa: E402
from sync.client import PortalClient  # noqa: E402
from sync.clock import system_clock  # noqa: E402
from sync.pause import StorePause  # noqa: E402
from sync.queue import LEASE_FOR, drain  # noqa: E402
from sync.retry import RetryPolicy  # noqa: E402


def main(argv: list[str]) -> int:
    data_dir, url, keylog = Path(argv[0]), argv[1], Path(argv[2])
    lease = timedelta(seconds=float(argv[3])) if len(argv) > 3 else LEASE_FOR
    store = open_store(data_dir)
    transport = RecordingTransport(path=keylog)
    client = PortalClient(
        url,
        "kiosk-demo",
        "demo-secret",
        f"drainer-{os.getpid()}",
        clock=system_clock,
        transport=transport,
        pause=StorePause(store),  # as the app and `kiosk sync`: the portal's pause is kept for the next one
    )
    policy = RetryPolicy(base=0.05, cap=0.5, rng=random.Random(os.getpid()))
    print("ready", flush=True)
    while store.queued_count() > 0:
        report = drain(
            store, client, owner=owner_id("drainer"), clock=system_clock, policy=policy, lease_for=lease
        )
        if report.not_before is not None:
            time.sleep(max((report.not_before - system_clock()).total_seconds(), 0.0))
        elif not report.results:
            time.sleep(0.05)  # what is left is not due yet (backoff)
    print("done", flush=True)
    client.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
