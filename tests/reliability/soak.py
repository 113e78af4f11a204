"""Full-scale soak (`python3 run.py soak`): 500 dossiers through 30 % faults, then 100 SIGKILLs; figures.

The kill -9 rounds end with one sync right after the last kill (faults off): it must send everything at
once and leave nothing waiting, since the leases of killed senders of this machine are free at once.

Options: --dossiers N --kills K --faults RATE --seed S --attachment BYTES. The test suite runs the same
code small (50 dossiers, 10 kills); this script prints the figures and exits 1 when any is wrong.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent.parent)]

from crashloop import crash_loop  # noqa: E402
from harness import Figures, RecordingTransport, figures, open_store, queue_dossiers, sandbox_stats  # noqa: E402

from sync.client import PortalClient  # noqa: E402
from sync.clock import FakeClock, system_clock  # noqa: E402
from sync.queue import drain  # noqa: E402
from sync.retry import RetryPolicy  # noqa: E402
from sync.sandbox import FaultPolicy, start_in_thread  # noqa: E402


def fault_soak(
    work: Path, dossiers: int, rate: float, seed: int, attachment: int
) -> tuple[Figures, int, float]:
    started = time.monotonic()
    faults = FaultPolicy(rate=rate, seed=seed, retry_after=1, slow_ms=30)
    with start_in_thread(
        db_path=work / "portal-faults.sqlite3", faults=faults, seed=seed, backoffice_tick=0
    ) as sb:
        store = open_store(work / "kiosk-faults")
        refs = queue_dossiers(store, dossiers, attachment_size=attachment, seed=seed)
        clock = FakeClock(system_clock())
        transport = RecordingTransport()
        client = PortalClient(sb.url, "kiosk-demo", "demo-secret", "soak", clock=clock, transport=transport)
        policy = RetryPolicy(base=1, cap=30, rng=random.Random(seed))
        for _ in range(2000):
            drain(store, client, owner="soak", clock=clock, policy=policy)
            if store.queued_count() == 0:
                break
            clock.advance(40)
        result = figures(store, refs, sandbox_stats(sb.url), transport.log, clock())
        client.close()
        store.close()
    return result, transport.log.patch_bytes, time.monotonic() - started


def ok(f: Figures) -> bool:
    return (
        f.accepted == f.queued
        and f.duplicates == f.lost == f.stuck == f.live_leases == 0
        and f.refs_with_several_keys == f.keys_with_several_bodies == 0
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dossiers", type=int, default=500)
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--faults", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--attachment", type=int, default=20_000, help="bytes of each dossier's PDF")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="dvc-soak-") as temp:
        work = Path(temp)
        result, patch_bytes, seconds = fault_soak(
            work, args.dossiers, args.faults, args.seed, args.attachment
        )
        print(
            f"fault soak ({args.faults:.0%} faults): {result.line()} patch_bytes={patch_bytes} "
            f"duration_s={seconds:.1f}"
        )
        faults = FaultPolicy(rate=args.faults, seed=args.seed, retry_after=1, slow_ms=30)
        with start_in_thread(db_path=work / "portal-crash.sqlite3", faults=faults, backoffice_tick=0) as sb:
            crash = crash_loop(
                sb.url,
                work / "kiosk-crash",
                work,
                dossiers=args.dossiers,
                kills=args.kills,
                seed=args.seed,
                attachment_size=args.attachment,
            )
        print(
            f"crash loop ({crash.kills} SIGKILLs, {crash.natural_exits} natural exits, "
            f"{crash.accepted_before_final} accepted before the last kill; the first sync after it sent "
            f"{crash.sent_by_first_sync} and left {crash.waiting_after_first_sync} waiting): "
            f"{crash.figures.line()} patch_bytes={crash.patch_bytes} duration_s={crash.seconds:.1f}"
        )
    resumed = crash.waiting_after_first_sync == 0 and crash.final_rounds == 1
    good = ok(result) and ok(crash.figures) and crash.kills == args.kills and resumed
    print("soak: OK" if good else "soak: FAILED")
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
