"""`kiosk doctor` on a self-service terminal says how it is locked down: the mode, start at boot, the
screen's size and whether it can be kept awake, on a real X screen (Xvfb) with no desktop."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.keyboard_driver import Screen, missing_binaries

pytestmark = pytest.mark.skipif(
    bool(missing_binaries()), reason=f"needs {', '.join(missing_binaries())} (python3 run.py installs them)"
)


@pytest.fixture
def small_screen() -> Iterator[Screen]:
    screen = Screen(1024, 600)
    yield screen
    screen.close()


@pytest.fixture
def large_screen() -> Iterator[Screen]:
    screen = Screen(1920, 1080)
    yield screen
    screen.close()


def doctor(screen: Screen, tmp_path: Path, *, lang: str = "vi") -> list[str]:
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    (data / "config.toml").write_text('mode = "self_service"\n', encoding="utf-8")
    env = {
        **os.environ,
        "DISPLAY": screen.display,
        "QT_QPA_PLATFORM": "xcb",
        "KIOSK_DATA_DIR": str(data),
        "KIOSK_KEY_FILE": str(tmp_path / "kiosk.key"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),  # where a user unit is enabled
    }
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # a bare X session: nobody on a session bus
    done = subprocess.run(
        [sys.executable, "-m", "ui.cli", "--lang", lang, "doctor"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    return done.stdout.splitlines()


def test_doctor_reports_the_lockdown_of_a_self_service_terminal_on_a_small_screen(
    small_screen: Screen, tmp_path: Path
) -> None:
    lines = doctor(small_screen, tmp_path)
    assert "[ĐẠT] Cách dùng máy: Tự phục vụ" in lines
    assert (
        "[ĐẠT] Tự phục vụ: toàn màn hình, không thoát được bằng Alt+F4/Ctrl+Q/Esc, chỉ thoát bằng mã PIN"
        in lines
    )
    assert "[LỖI] Chưa cài tự khởi động cùng máy và tự mở lại khi lỗi" in lines
    assert "[LỖI] Màn hình 1024×600 nhỏ hơn cỡ tối thiểu 1366×768" in lines
    fix = lines[lines.index("[LỖI] Màn hình 1024×600 nhỏ hơn cỡ tối thiểu 1366×768") + 1]
    assert fix.strip().startswith("Cách sửa: đặt độ phân giải từ 1366×768 trở lên")
    assert "[ĐẠT] Giữ được màn hình luôn sáng (cách: x11)" in lines


def test_doctor_sees_the_enabled_unit_and_a_large_enough_screen(large_screen: Screen, tmp_path: Path) -> None:
    wants = tmp_path / "config" / "systemd" / "user" / "graphical-session.target.wants"
    wants.mkdir(parents=True)
    unit = Path(__file__).resolve().parents[2] / "deploy" / "linux" / "dvc-kiosk.service"
    (wants / "dvc-kiosk.service").symlink_to(unit)  # what `systemctl --user enable` makes
    lines = doctor(large_screen, tmp_path, lang="en")
    assert (
        f"[OK] Starts at boot and restarts after a crash: installed ({wants / 'dvc-kiosk.service'})" in lines
    )
    assert "[OK] Screen 1920×1080" in lines
    assert "[OK] The screen can be kept awake (by: x11)" in lines
