"""The real self-service app on a bare 1920×1080 X server (Xvfb, no window manager): it covers the screen,
Alt+F4 / Ctrl+Q / Escape / Ctrl+W and a window manager's close request leave it open, the operator's PIN
closes it.

xdotool presses the keys; the close request is the WM_DELETE_WINDOW message a window manager sends for
its close button or Alt+F4 (sent here with libX11, there being no window manager). What is checked is what
a person sees (the screen read back) and whether the process still runs.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.keyboard_driver import Screen, missing_binaries, wait_for

PIN = "482916"
FOCUSED_TEXT_BOX = (0xFF, 0xF7, 0xBF)  # ui/theme.py: a focused text box's fill (normal contrast)
FOCUSED_BUTTON = (0xFF, 0xDD, 0x00)  # ui/theme.py: a focused button's fill
ROOT_WINDOW_BLACK = (0, 0, 0)  # Xvfb's bare root window: what shows where no window covers the screen
PREPARE = """
import sys
from kiosk.session import hash_pin
from ui.services import open_services
from ui.session import PIN_SETTING
services = open_services()
services.store.set_setting(PIN_SETTING, hash_pin(sys.argv[1]))
services.close()
"""

pytestmark = pytest.mark.skipif(
    bool(missing_binaries()), reason=f"needs {', '.join(missing_binaries())} (python3 run.py installs them)"
)


class ClientMessage(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("window", ctypes.c_ulong),
        ("message_type", ctypes.c_ulong),
        ("format", ctypes.c_int),
        ("data", ctypes.c_long * 5),
    ]


class XEvent(ctypes.Union):
    _fields_ = [("client", ClientMessage), ("pad", ctypes.c_long * 24)]


def ask_to_close(display: str, window: int) -> None:
    """WM_DELETE_WINDOW, as a window manager sends it for Alt+F4 or its close button (ICCCM 4.2.8.1)."""
    x11 = ctypes.CDLL("libX11.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XInternAtom.restype = ctypes.c_ulong
    x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x11.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.c_void_p]
    x11.XFlush.argtypes = [ctypes.c_void_p]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    connection = x11.XOpenDisplay(display.encode())
    assert connection, f"cannot open {display}"
    event = XEvent()
    event.client.type = 33  # ClientMessage
    event.client.window = window
    event.client.message_type = x11.XInternAtom(connection, b"WM_PROTOCOLS", 0)
    event.client.format = 32
    event.client.data[0] = x11.XInternAtom(connection, b"WM_DELETE_WINDOW", 0)
    event.client.data[1] = 0  # CurrentTime
    assert x11.XSendEvent(connection, window, 0, 0, ctypes.byref(event))
    x11.XFlush(connection)
    x11.XCloseDisplay(connection)


@pytest.fixture
def screen() -> Iterator[Screen]:
    display = Screen(1920, 1080)
    yield display
    display.close()


@pytest.fixture
def app(screen: Screen, tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    data = tmp_path / "data"
    data.mkdir()
    (data / "config.toml").write_text('mode = "self_service"\n', encoding="utf-8")
    env = {
        **os.environ,
        "DISPLAY": screen.display,
        "QT_QPA_PLATFORM": "xcb",
        "KIOSK_DATA_DIR": str(data),
        "KIOSK_KEY_FILE": str(tmp_path / "kiosk.key"),
    }
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    prepared = subprocess.run(
        [sys.executable, "-c", PREPARE, PIN], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert prepared.returncode == 0, prepared.stderr
    process = subprocess.Popen(
        [sys.executable, "-m", "ui.cli"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    yield process
    if process.poll() is None:
        process.kill()
        process.wait()
    if process.stdout is not None:
        process.stdout.close()


def has_keyboard(screen: Screen) -> str:
    """The X window with the keyboard focus."""
    return screen.xdotool("getwindowfocus").strip()


def covered(screen: Screen) -> bool:
    """No bare root window shows anywhere: the corners and the middle of each edge are the app's."""
    image = screen.image()
    width, height = image.size
    points = [(x, y) for x in (0, width // 2, width - 1) for y in (0, height // 2, height - 1)]
    return all(image.getpixel(point) != ROOT_WINDOW_BLACK for point in points)


def test_the_self_service_window_covers_a_bare_screen_and_only_the_operator_pin_closes_it(
    screen: Screen, app: subprocess.Popen[str], tmp_path: Path
) -> None:
    window = wait_for(lambda: screen.window("DVC Kiosk"), 60, "the kiosk window")
    try:
        wait_for(lambda: covered(screen), 60, "the window to cover the whole screen")
        geometry = screen.xdotool("getwindowgeometry", window)
        assert "Position: 0,0" in geometry and "Geometry: 1920x1080" in geometry, geometry
        screen.settle(quiet=0.5)
        for keys in ("alt+F4", "ctrl+q", "Escape", "ctrl+w"):
            screen.key(keys)
        ask_to_close(screen.display, int(window))
        # Still answering: typed letters reach the search box (so every key and the request before
        # them were handled), and it still covers the screen.
        before = screen.image().tobytes()
        screen.type("khai sinh")
        wait_for(lambda: screen.image().tobytes() != before, 30, "the typed text to show")
        assert app.poll() is None, app.stdout.read() if app.stdout else ""
        assert screen.window("DVC Kiosk") == window
        assert covered(screen)
        # The operator: Ctrl+Alt+Shift+O, the PIN, then "Đóng ứng dụng" (the operator page's 4th button).
        screen.key("ctrl+alt+shift+o")
        wait_for(lambda: has_keyboard(screen) != window, 60, "the PIN dialog to take the keyboard")
        wait_for(lambda: screen.shows(FOCUSED_TEXT_BOX), 30, "the PIN box to show its focus")
        screen.type(PIN)
        screen.key("Return")
        # The PIN is checked on the store worker (scrypt, slow on purpose); then the dialog closes, the
        # window takes the keyboard back (no window manager gives it) and the operator page shows with
        # "Đổi cách dùng máy" focused.
        wait_for(lambda: has_keyboard(screen) == window, 60, "the window to have the keyboard again")
        wait_for(lambda: screen.shows(FOCUSED_BUTTON), 60, "the operator page")
        screen.key("Tab", "Tab", "Tab", "Return")
        assert app.wait(timeout=60) == 0
    except BaseException:
        screen.save(tmp_path / "failed.png")
        print("the screen at the failure:", tmp_path / "failed.png")
        raise
