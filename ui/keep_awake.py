"""Keep the screen awake while a self-service terminal runs, and say which way it managed (or why not).

A citizen walking up to a blank screen thinks the terminal is broken. Three ways, tried in order:
- Windows: SetThreadExecutionState(ES_CONTINUOUS | ES_DISPLAY_REQUIRED | ES_SYSTEM_REQUIRED), held by
  the UI thread until `release()` (or the process ends);
- a session bus with org.freedesktop.ScreenSaver (desktop sessions: GNOME, KDE, Xfce): Inhibit, held by
  the bus connection until UnInhibit (or the process ends);
- X11 (a bare X session has nobody on that bus): the X server's screen saver and DPMS idle timer reset
  every RESET_MS through libX11's XResetScreenSaver — what `xset s reset` does — on a display
  connection of our own. Used beside the bus too: a desktop's inhibit does not always reach the X server.

Only ctypes and QtDBus (imported when asked for): `kiosk doctor` probes without starting Qt.
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
from dataclasses import dataclass

log = logging.getLogger("ui.keep_awake")
RESET_MS = 30_000  # well under the shortest screen-saver timeout anyone sets on a kiosk (60 s)
SERVICE = "org.freedesktop.ScreenSaver"
PATHS = ("/org/freedesktop/ScreenSaver", "/ScreenSaver")  # the second: older KDE and Xfce
ES_CONTINUOUS = 0x80000000
ES_SYSTEM_REQUIRED = 0x00000001
ES_DISPLAY_REQUIRED = 0x00000002


@dataclass(frozen=True)
class AwakeState:
    """What keeps the screen awake now: ways such as ("dbus", "x11"), empty when nothing could."""

    ways: tuple[str, ...]
    reason: str = ""  # why nothing could (English, for the log and doctor): no session bus, no display

    @property
    def ok(self) -> bool:
        return bool(self.ways)


def _libx11() -> ctypes.CDLL | None:
    lib: ctypes.CDLL | None
    try:
        lib = ctypes.CDLL("libX11.so.6")  # its soname for 25 years; find_library runs ldconfig (slow)
    except OSError:
        from ctypes.util import find_library

        name = find_library("X11")
        try:
            lib = ctypes.CDLL(name) if name else None
        except OSError:
            lib = None
    if lib is None:
        return None
    lib.XOpenDisplay.restype = ctypes.c_void_p
    lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    for function in (lib.XResetScreenSaver, lib.XFlush, lib.XCloseDisplay):
        function.argtypes = [ctypes.c_void_p]
    return lib


class X11Reset:
    """A display connection of our own, its screen saver reset on demand (Qt's is not ours to use)."""

    def __init__(self, lib: ctypes.CDLL, display: int) -> None:
        self._lib, self._display = lib, display

    @classmethod
    def open(cls) -> X11Reset | None:
        if not os.environ.get("DISPLAY"):
            return None
        lib = _libx11()
        display = lib.XOpenDisplay(None) if lib is not None else None
        return cls(lib, display) if lib is not None and display else None

    def reset(self) -> None:
        self._lib.XResetScreenSaver(self._display)
        self._lib.XFlush(self._display)

    def close(self) -> None:
        self._lib.XCloseDisplay(self._display)


def _screensaver_bus() -> object | None:
    """The session bus when something on it answers as org.freedesktop.ScreenSaver, else None."""
    try:
        from PySide6.QtDBus import QDBusConnection
    except ImportError:  # a PySide6 built without QtDBus (Windows wheels have it; some distros split it)
        return None
    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        return None
    reply = bus.interface().isServiceRegistered(SERVICE)
    return bus if reply.isValid() and reply.value() else None


def probe() -> AwakeState:
    """Could the screen be kept awake here? Nothing is held (for `kiosk doctor`)."""
    if sys.platform == "win32":
        return AwakeState(("windows",))
    ways = []
    if _screensaver_bus() is not None:
        ways.append("dbus")
    x11 = X11Reset.open()
    if x11 is not None:
        x11.close()
        ways.append("x11")
    if ways:
        return AwakeState(tuple(ways))
    reason = "no org.freedesktop.ScreenSaver on the session bus, and no X display (DISPLAY)"
    return AwakeState((), reason)


class KeepAwake:
    """Holds the screen awake from `hold()` to `release()`; `state` says how. The X11 reset runs on a
    QTimer, so `hold()` is called on the UI thread of a running QApplication."""

    def __init__(self) -> None:
        self.state = AwakeState((), "not held")
        self._cookie: tuple[object, str, int] | None = None  # (bus, path, cookie) of the inhibit
        self._x11: X11Reset | None = None
        self._timer: object | None = None
        self._windows = False

    def hold(self) -> AwakeState:
        if self.state.ok:
            return self.state
        ways: list[str] = []
        if sys.platform == "win32":
            kernel32 = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined,unused-ignore]
            flags = ES_CONTINUOUS | ES_DISPLAY_REQUIRED | ES_SYSTEM_REQUIRED
            if kernel32.SetThreadExecutionState(ctypes.c_uint(flags)):
                self._windows = True
                ways.append("windows")
        else:
            if self._inhibit():
                ways.append("dbus")
            if self._start_x11():
                ways.append("x11")
        self.state = AwakeState(tuple(ways), "" if ways else probe().reason or "refused")
        return self.state

    def _inhibit(self) -> bool:
        bus = _screensaver_bus()
        if bus is None:
            return False
        from PySide6.QtDBus import QDBusInterface

        for path in PATHS:
            interface = QDBusInterface(SERVICE, path, SERVICE, bus)  # type: ignore[arg-type]
            if not interface.isValid():
                continue
            reply = interface.call("Inhibit", "DVC Kiosk", "self-service terminal")
            values = reply.arguments()
            if values and isinstance(values[0], int):
                self._cookie = (interface, path, values[0])
                return True
        log.warning("%s is on the session bus but refused Inhibit", SERVICE)
        return False

    def _start_x11(self) -> bool:
        from PySide6.QtCore import QTimer
        from PySide6.QtGui import QGuiApplication

        if QGuiApplication.platformName() != "xcb":
            return False
        self._x11 = X11Reset.open()
        if self._x11 is None:
            return False
        self._x11.reset()
        timer = QTimer()
        timer.setInterval(RESET_MS)
        timer.timeout.connect(self._x11.reset)
        timer.start()
        self._timer = timer
        return True

    def release(self) -> None:
        if self._windows:
            ctypes.WinDLL("kernel32").SetThreadExecutionState(  # type: ignore[attr-defined,unused-ignore]
                ctypes.c_uint(ES_CONTINUOUS)
            )
            self._windows = False
        if self._cookie is not None:
            interface, _path, cookie = self._cookie
            interface.call("UnInhibit", cookie)  # type: ignore[attr-defined]
            self._cookie = None
        if self._timer is not None:
            self._timer.stop()  # type: ignore[attr-defined]
            self._timer = None
        if self._x11 is not None:
            self._x11.close()
            self._x11 = None
        self.state = AwakeState((), "not held")
