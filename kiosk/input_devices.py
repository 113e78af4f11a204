"""Is a hardware keyboard plugged in? (Linux: /proc/bus/input/devices.) For `onscreen_keyboard = "auto"`.

A keyboard is a device whose handlers include "kbd" and whose key bitmap has letter keys: the power
button, a laptop's "Video Bus" (brightness keys) and a touch screen are not. A barcode scanner in
keyboard mode is one (it types letters). Where nothing can be seen (another system, a container with
no input devices listed, the file unreadable) a keyboard is assumed: the on-screen one then stays out
of the way unless the setting says "on" (self-service terminals always show it).
"""

from __future__ import annotations

import sys
from pathlib import Path

DEVICES = Path("/proc/bus/input/devices")
# Linux input event codes (linux/input-event-codes.h): the three rows of letters.
LETTER_KEYS: tuple[int, ...] = (*range(16, 26), *range(30, 39), *range(44, 51))  # Q..P, A..L, Z..M


def _key_bits(bitmap: str, word_bits: int) -> int:
    """The kernel prints the bitmap as longs, most significant first, leading zeros dropped."""
    value = 0
    for word in bitmap.split():
        value = (value << word_bits) | int(word, 16)
    return value


def keyboards(text: str, *, word_bits: int = 64) -> list[str]:
    """The names of the devices in /proc/bus/input/devices `text` that can type letters."""
    found: list[str] = []
    for block in text.split("\n\n"):
        name, handlers, keys = "", "", ""
        for line in block.splitlines():
            if line.startswith("N: Name="):
                name = line[len("N: Name=") :].strip().strip('"')
            elif line.startswith("H: Handlers="):
                handlers = line[len("H: Handlers=") :]
            elif line.startswith("B: KEY="):
                keys = line[len("B: KEY=") :]
        if "kbd" not in handlers.split() or not keys.strip():
            continue
        bits = _key_bits(keys, word_bits)
        if all(bits >> code & 1 for code in LETTER_KEYS):
            found.append(name)
    return found


def hardware_keyboard_present(path: Path = DEVICES, platform: str = sys.platform) -> bool:
    """True when a keyboard is seen, or when nothing can be seen (see the module's docstring)."""
    if not platform.startswith("linux"):
        return True
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return True
    if not text.strip():
        return True
    word_bits = 64 if sys.maxsize > 2**32 else 32
    return bool(keyboards(text, word_bits=word_bits))
