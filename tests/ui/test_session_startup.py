"""Fast start: the home screen's first frame is painted before the database and HTTP layers are loaded."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import bench_startup  # noqa: E402 -- the benchmark's child process is the real `kiosk` start


@pytest.mark.slow
def test_the_first_home_frame_does_not_wait_for_the_database_or_the_http_client(tmp_path: Path) -> None:
    bench_startup.prepare_data_dir(tmp_path)
    seconds, loaded = bench_startup.run_child("app", tmp_path)
    assert seconds > 0
    assert loaded == {"httpx": False, "sqlalchemy": False}
