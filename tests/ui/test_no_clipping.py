"""Every screen, at 100 % and 200 % text, normal and high contrast, at 1366×768: nothing cut off, nothing
scrolling sideways, no heading under the header and banner.

`python3 run.py screenshots` renders each screen and checks every visible button, option and text
against the width (and lines) its text needs, and against the edge of a page that does not scroll
sideways; every scrolling part for a horizontal scroll bar or content wider than it; and each page's
heading for being scrolled up out of view (ui/shots.py `problems`); it exits 1 and names the screen.
Run in its own process (it makes its own QApplication). Here with the part of the mode matrix the
suite has time for (ui/mode_shots.py SUBSET: every mode with the banner at 1366×768 and 200 %,
self-service at 100 %); `run.py screenshots` renders all of it (1366×768 and 1920×1080, 100 % and
200 %, both contrasts).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_no_screen_cuts_off_a_control_or_a_line_of_text(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, str(ROOT / "ui" / "screenshots.py"), str(tmp_path), "--modes=subset"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    shots = list(tmp_path.glob("*.png"))
    assert len(shots) >= 200 and any(p.name.endswith("-200-high-contrast.png") for p in shots)
    modes = {p.name.split("-")[1] for p in (tmp_path / "modes").glob("modes-*.png")}
    assert modes == {"self_service", "post_office", "community_team"}
