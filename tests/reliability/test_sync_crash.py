"""Crash loop: drainers SIGKILLed at random instants mid-send; then 0 lost, 0 duplicated, 0 stuck."""

from __future__ import annotations

from pathlib import Path

import pytest
from crashloop import crash_loop

from sync.sandbox import FaultPolicy, start_in_thread

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
        f"{figures.line()}"
    )
    assert result.kills == 10
    assert result.accepted_before_final > 0  # the killed drainers were really sending
    assert figures.accepted == figures.queued  # every dossier on the portal …
    assert figures.duplicates == 0  # … once
    assert (figures.lost, figures.stuck, figures.live_leases) == (0, 0, 0)
    assert figures.refs_with_several_keys == 0 and figures.keys_with_several_bodies == 0
