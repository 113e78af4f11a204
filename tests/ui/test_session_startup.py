"""Fast start: the home screen's first frame is painted before the database and HTTP layers are loaded,
and, from the second start on, before the catalog is (its first category kept by the start before)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kiosk.home_list import first_screen_path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import bench_startup  # noqa: E402 -- the benchmark's child process is the real `kiosk` start


@pytest.mark.slow
def test_the_first_home_frame_does_not_wait_for_the_database_the_http_client_or_the_catalog(
    tmp_path: Path,
) -> None:
    bench_startup.prepare_data_dir(tmp_path)
    assert not first_screen_path(tmp_path).exists()
    seconds, loaded, complete = bench_startup.run_child("app", tmp_path)  # a terminal's first start
    assert 0 < seconds <= complete
    assert loaded == {"httpx": False, "sqlalchemy": False, "kiosk.catalog": True}
    assert first_screen_path(tmp_path).is_file()  # kept for the next start
    seconds, loaded, complete = bench_startup.run_child("app", tmp_path)
    assert 0 < seconds < complete  # the kept home first, completed once the catalog is in
    assert loaded == {"httpx": False, "sqlalchemy": False, "kiosk.catalog": False}
