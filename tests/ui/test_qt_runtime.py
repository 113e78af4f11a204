"""The Qt binding itself: a kiosk runs for days, so a per-call leak is a crash waiting to happen."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_void_qt_calls_do_not_drain_references_to_none() -> None:
    # PySide6 6.12.0 on Python 3.11 dropped one reference to None per void call (setText, fill, …) and
    # aborted with "none_dealloc" after a few thousand calls. Run it in a child: the failure is an abort.
    script = textwrap.dedent(
        """
        import sys
        from PySide6.QtWidgets import QApplication, QLabel
        app = QApplication([])
        label = QLabel()
        before = sys.getrefcount(None)
        for _ in range(20000):
            label.setText("Nguyễn Văn A")
            label.setVisible(False)
        print(sys.getrefcount(None) - before)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert abs(int(done.stdout.strip())) < 100
