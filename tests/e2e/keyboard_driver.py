"""A person at a real keyboard: a private Xvfb screen, xdotool key presses, and the screen read back.

The screen is Xvfb's own framebuffer file (`-fbdir`), read with Pillow: no screenshot tool and no Qt
internals. Waiting is done by watching the screen (or the kiosk's own state), never by long sleeps.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PIL import Image

WIDTH, HEIGHT = 1366, 768
BINARIES = ("Xvfb", "xdotool")
T = TypeVar("T")


def missing_binaries() -> list[str]:
    return [name for name in BINARIES if shutil.which(name) is None]


def wait_for(probe: Callable[[], T | None], timeout: float, what: str, every: float = 0.1) -> T:
    """Poll `probe` until it returns something other than None/False; TimeoutError names `what`."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value is not None and value is not False:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout:.0f} s for {what}")
        time.sleep(every)


class Screen:
    """One Xvfb server on a free display (it picks the number itself with -displayfd)."""

    def __init__(self, width: int = WIDTH, height: int = HEIGHT) -> None:
        self.fbdir = Path(tempfile.mkdtemp(prefix="kiosk-xvfb-"))
        read, write = os.pipe()
        screen = ["-screen", "0", f"{width}x{height}x24", "-fbdir", str(self.fbdir)]
        self.process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-nolisten", "tcp", *screen],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            self.process.kill()
            raise RuntimeError("Xvfb did not start")
        self.display = f":{number}"
        self.env = {**os.environ, "DISPLAY": self.display}

    # -- the keyboard -------------------------------------------------------------------------
    def xdotool(self, *args: str) -> str:
        done = subprocess.run(
            ["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=60, check=False
        )
        return done.stdout

    def key(self, *keys: str) -> None:
        """Press and release each key in turn (xdotool names: Tab, Return, space, Down, shift+Tab)."""
        self.xdotool("key", "--delay", "60", *keys)

    def type(self, text: str) -> None:
        """Type text as a person does, a key at a time (Vietnamese letters included)."""
        self.xdotool("type", "--delay", "30", text)

    def window(self, name: str) -> str | None:
        """The id of a mapped window whose title contains `name`."""
        found = self.xdotool("search", "--onlyvisible", "--name", name).split()
        return found[0] if found else None

    # -- the screen ---------------------------------------------------------------------------
    def image(self) -> Image.Image:
        """What the screen shows now (Xvfb keeps it as an XWD file in fbdir)."""
        data = (self.fbdir / "Xvfb_screen0").read_bytes()
        fields = struct.unpack(">25I", data[:100])
        header, width, height = fields[0], fields[4], fields[5]
        bits, line, colours = fields[11], fields[12], fields[19]
        offset = header + colours * 12
        assert bits == 32, bits
        return Image.frombuffer("RGB", (width, height), data[offset:], "raw", "BGRX", line, 1)

    def shows(self, colour: tuple[int, int, int], at_least: int = 2000) -> bool:
        """True when at least `at_least` pixels have exactly `colour` (e.g. a focused text box's fill)."""
        histogram = self.image().getcolors(maxcolors=1 << 24) or []
        return sum(count for count, rgb in histogram if rgb == colour) >= at_least

    def settle(self, quiet: float = 0.3, timeout: float = 10.0) -> None:
        """Wait until the screen has not changed for `quiet` seconds (a page finished drawing)."""
        last, since = self.image().tobytes(), time.monotonic()
        deadline = since + timeout
        while time.monotonic() < deadline:
            time.sleep(0.05)
            now = self.image().tobytes()
            if now != last:
                last, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return

    def save(self, path: Path) -> None:
        self.image().save(path)

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.fbdir, ignore_errors=True)
