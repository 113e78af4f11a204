"""Run by `kiosk doctor` in a child process: can Qt start here, and does the bundled font cover Vietnamese?

A broken Qt platform plugin aborts the whole process, so the check never runs inside the doctor itself.
"""

from __future__ import annotations

import json
import sys

# Letters a Vietnamese screen cannot do without: every vowel with its tone marks, đ, ơ, ư.
VIETNAMESE_SAMPLE = "ĐđƠơƯưĂăÂâÊêÔô àáảãạ ằắẳẵặ ầấẩẫậ ềếểễệ ồốổỗộ ờớởỡợ ừứửữự ỳýỷỹỵ"


def main() -> int:
    from PySide6.QtCore import qVersion
    from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication

    from ui.fonts import load_fonts

    app = QGuiApplication(sys.argv[:1])
    report: dict[str, object] = {"qt": qVersion(), "platform": app.platformName()}
    screen = app.primaryScreen()
    if screen is not None:  # for the lockdown lines (ui/lockdown_check.py): its size, keeping it awake
        report["screen"] = [screen.geometry().width(), screen.geometry().height()]
    from ui.keep_awake import probe

    awake = probe()
    report["awake"] = {"ways": list(awake.ways), "reason": awake.reason}
    try:
        font = QFont(load_fonts())
        metrics = QFontMetrics(font)
        missing = sorted(
            {ch for ch in VIETNAMESE_SAMPLE if not ch.isspace() and not metrics.inFontUcs4(ord(ch))}
        )
        report.update(family=font.family(), missing=missing)
    except Exception as exc:  # the doctor reports any failure rather than crash
        report.update(family="", missing=[], font_error=f"{type(exc).__name__}: {exc}")
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
