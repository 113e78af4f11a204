"""Every screen, at 100 % and 200 % text, normal and high contrast, at 1366×768: nothing cut off.

`python3 run.py screenshots` renders each screen and checks every visible button, option and one-line
text against the width its text needs, and against the edge of a page that does not scroll sideways
(ui/shots.py `clipped`); it exits 1 and names what is cut off. Run in its own process (it makes its
own QApplication).
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
        [sys.executable, str(ROOT / "ui" / "screenshots.py"), str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    shots = list(tmp_path.glob("*.png"))
    assert len(shots) >= 200 and any(p.name.endswith("-200-high-contrast.png") for p in shots)
