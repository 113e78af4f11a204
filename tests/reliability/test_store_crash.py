"""Autosave under kill -9: every save the child reported as committed survives, and the DB stays sound."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
KEY = bytes(range(32))
KILLS = 10


def _answers(n: int) -> dict[str, object]:
    return {"n": n, "text": f"câu trả lời số {n} " * 20}


def child(data_dir: Path, client_ref: str) -> None:
    """Autosave forever, printing each counter only after its commit returned."""
    from kiosk.crypto import Sealer
    from kiosk.store import Store

    with Store.open(data_dir, Sealer(KEY)) as store:
        n = int(store.get_dossier(client_ref).answers.get("n", 0))
        while True:
            n += 1
            store.save_answers(
                client_ref, {"full_name": "Nguyễn Thị Hoa", "id_number": "001185012345"}, _answers(n)
            )
            print(n, flush=True)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_autosave_survives_sigkill(data_dir: Path) -> None:
    from kiosk.crypto import Sealer
    from kiosk.store import DB_NAME, Assisted, Store

    with Store.open(data_dir, Sealer(KEY)) as store:
        ref = store.create_draft("1.001193", "2026.11.1", Assisted("self_service"))
    rng = random.Random(20261101)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    last_reported = 0
    for _ in range(KILLS):
        proc = subprocess.Popen(
            [sys.executable, __file__, str(data_dir), ref],
            stdout=subprocess.PIPE,
            text=True,
            cwd=REPO,
            env=env,
        )
        assert proc.stdout is not None
        reported: list[int] = []
        started = threading.Event()

        def read(
            stream: object = proc.stdout, seen: list[int] = reported, ready: threading.Event = started
        ) -> None:
            for line in stream:  # type: ignore[attr-defined]
                if line.endswith("\n"):  # a line cut by the kill was never fully reported
                    seen.append(int(line))
                    ready.set()

        reader = threading.Thread(target=read)
        reader.start()
        assert started.wait(60), "the autosave child never committed"
        time.sleep(rng.uniform(0.01, 0.4))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        reader.join()
        proc.stdout.close()

        if reported:
            last_reported = reported[-1]
        with sqlite3.connect(data_dir / DB_NAME) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        with Store.open(data_dir, Sealer(KEY)) as store:
            answers = store.get_dossier(ref).answers
        n = int(answers["n"])
        # Everything reported is there; at most one commit finished after its line could be printed.
        assert last_reported <= n <= last_reported + 1
        assert answers == _answers(n)
        last_reported = n
    assert last_reported > KILLS


if __name__ == "__main__":
    child(Path(sys.argv[1]), sys.argv[2])
