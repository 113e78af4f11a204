"""`kiosk doctor`'s lockdown lines: the mode, start at boot (systemd unit / Windows task), screen, awake.

Qt-free: the screen's size and whether it can be kept awake come from the doctor's Qt child process
(ui/qtcheck.py), which reports them beside Qt's version.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.config import SELF_SERVICE, Mode, load_config
from kiosk.errors import KioskError
from kiosk.i18n import Lang, t

if TYPE_CHECKING:
    from ui.doctor import Check

UNIT = "dvc-kiosk.service"
TASK = "DVC Kiosk"
SMALLEST = (1366, 768)
NO_SCREEN_PLATFORMS = ("offscreen", "minimal", "vnc")


def _mode() -> Mode | None:
    try:
        return load_config().mode
    except KioskError:
        return None  # the data checks say what is wrong with the configuration


def installed_autostart() -> str | None:
    """Where start at boot is installed (an enabled unit's link, the task's name), or None."""
    if sys.platform == "win32":
        schtasks = shutil.which("schtasks")
        if schtasks is None:
            return None
        done = subprocess.run(  # noqa: S603 -- a fixed command
            [schtasks, "/Query", "/TN", TASK], capture_output=True, text=True, timeout=30, check=False
        )
        return f"Task Scheduler: {TASK}" if done.returncode == 0 else None
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    for folder in (config / "systemd" / "user", Path("/etc/systemd/user")):
        enabled = folder / "graphical-session.target.wants" / UNIT
        if enabled.exists():
            return str(enabled)
    return None


def check_lockdown(lang: Lang) -> list[Check]:
    from ui.doctor import Check

    mode = _mode()
    name = t(f"session.mode.{mode}", lang) if mode else t("lockdown.doctor.mode_unset", lang)
    checks = [Check(True, t("lockdown.doctor.mode", lang, mode=name))]
    where = installed_autostart()
    if mode == SELF_SERVICE:
        checks.append(Check(True, t("lockdown.doctor.locked", lang)))
    if where is not None:
        checks.append(Check(True, t("lockdown.doctor.autostart", lang, where=where)))
    elif mode == SELF_SERVICE:
        platform_hint = "windows" if sys.platform == "win32" else "linux"
        hint = t(f"lockdown.doctor.autostart_hint_{platform_hint}", lang)
        checks.append(Check(False, t("lockdown.doctor.autostart_missing", lang), hint))
    return checks


def screen_checks(lang: Lang, report: dict[str, object]) -> list[Check]:
    """The screen's size and keeping it awake, from ui/qtcheck.py's report."""
    from ui.doctor import Check

    platform = str(report.get("platform", ""))
    screen = report.get("screen")
    checks: list[Check] = []
    if platform in NO_SCREEN_PLATFORMS or not isinstance(screen, list) or len(screen) != 2:
        # No screen to measure or to keep awake (a check run over SSH without DISPLAY, say).
        return [Check(True, t("lockdown.doctor.no_screen", lang, platform=platform))]
    width, height = int(screen[0]), int(screen[1])
    if width < SMALLEST[0] or height < SMALLEST[1]:
        text = t("lockdown.doctor.screen_small", lang, width=width, height=height)
        checks.append(Check(False, text, t("lockdown.doctor.screen_hint", lang)))
    else:
        checks.append(Check(True, t("lockdown.doctor.screen", lang, width=width, height=height)))
    awake = report.get("awake")
    ways = awake.get("ways") if isinstance(awake, dict) else None
    if ways:
        checks.append(Check(True, t("lockdown.doctor.awake", lang, ways="+".join(map(str, ways)))))
    elif _mode() == SELF_SERVICE:  # elsewhere staff are there to wake it
        reason = str(awake.get("reason", "")) if isinstance(awake, dict) else "?"
        text = t("lockdown.doctor.not_awake", lang, reason=reason)
        checks.append(Check(False, text, t("lockdown.doctor.awake_hint", lang)))
    return checks
