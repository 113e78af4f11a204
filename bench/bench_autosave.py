"""Autosave cost: Store.save_answers (seal + UPDATE + commit) against a raw sqlite3 commit, both WAL + FULL.

Run: .venv/bin/python bench/bench_autosave.py [--saves 500] [--dir DIR]
The data dir must be on the machine's disk (not tmpfs), or fsync costs nothing and the figures lie.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.crypto import Sealer, training_key
from kiosk.store import Assisted, Store

APPLICANT = {
    "full_name": "Nguyễn Thị Hoa",
    "id_number": "001185012345",
    "date_of_birth": "1985-03-14",
    "gender": "female",
    "phone": "0912345678",
    "address": {"province_code": "01", "ward_code": "00004", "street": "Số 12 ngõ Hòa Bình"},
}


def answers(i: int) -> dict[str, object]:
    # About 25 answered questions, the size of a long procedure mid-way.
    return {f"q{k}": f"câu trả lời {k} lần {i}" for k in range(25)}


def filesystem(path: Path) -> str:
    try:
        out = subprocess.run(
            ["findmnt", "-n", "-o", "FSTYPE", "--target", str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p99 * 1000


def bench_store(directory: Path, saves: int) -> list[float]:
    with Store.open(directory, Sealer(training_key())) as store:
        ref = store.create_draft("1.001193", "2026.11.1", Assisted("post_office", "agent-1"))
        for i in range(20):  # warm up: caches, WAL file growth
            store.save_answers(ref, APPLICANT, answers(i))
        samples = []
        for i in range(saves):
            start = time.perf_counter()
            store.save_answers(ref, APPLICANT, answers(i))
            samples.append(time.perf_counter() - start)
    return samples


def bench_raw(directory: Path, saves: int, blob_size: int) -> list[float]:
    conn = sqlite3.connect(directory / "raw.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a BLOB, b BLOB, updated TEXT)")
    conn.execute("INSERT INTO t VALUES (1, NULL, NULL, NULL)")
    half = blob_size // 2
    samples = []
    for i in range(saves + 20):
        a, b = bytes([i % 256]) * half, bytes([(i + 1) % 256]) * half
        start = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute("UPDATE t SET a = ?, b = ?, updated = ? WHERE id = 1", (a, b, str(i)))
        conn.execute("COMMIT")
        if i >= 20:
            samples.append(time.perf_counter() - start)
    conn.close()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--saves", type=int, default=500)
    parser.add_argument("--dir", type=Path, default=Path("/var/tmp"))
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="dvc-bench-", dir=args.dir))
    try:
        fs = filesystem(root)
        if fs == "tmpfs":
            print(f"warning: {root} is on tmpfs; fsync is free there, choose --dir on a disk")
        sealer = Sealer(training_key())
        blob_size = len(sealer.seal_json(APPLICANT, table="d", column="a", row="r")) + len(
            sealer.seal_json(answers(0), table="d", column="b", row="r")
        )
        store_dir, raw_dir = root / "store", root / "raw"
        raw_dir.mkdir()
        # Interleave halves so a noisy neighbour hurts both measurements alike.
        store_samples, raw_samples = [], []
        for _ in range(2):
            store_samples += bench_store(store_dir, args.saves // 2)
            raw_samples += bench_raw(raw_dir, args.saves // 2, blob_size)
            shutil.rmtree(raw_dir)
            raw_dir.mkdir()
        s50, s99 = percentiles(store_samples)
        r50, r99 = percentiles(raw_samples)
        print(f"data dir: {root} ({fs}); {len(store_samples)} saves each; payload ≈ {blob_size} bytes sealed")
        print(f"Store.save_answers  p50 {s50:7.3f} ms   p99 {s99:7.3f} ms")
        print(f"raw sqlite3 commit  p50 {r50:7.3f} ms   p99 {r99:7.3f} ms")
        print(f"ratio               p50 {s50 / r50:7.2f} x   p99 {s99 / r99:7.2f} x   (goal: p99 ≤ 3x)")
        print(json.dumps({"store_p50_ms": s50, "store_p99_ms": s99, "raw_p50_ms": r50, "raw_p99_ms": r99}))
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
