"""Hardware keyboard detection for `onscreen_keyboard = "auto"`, on samples of /proc/bus/input/devices."""

from __future__ import annotations

from pathlib import Path

from kiosk.input_devices import hardware_keyboard_present, keyboards

LAPTOP_KEYBOARD = """I: Bus=0011 Vendor=0001 Product=0001 Version=ab41
N: Name="AT Translated Set 2 keyboard"
P: Phys=isa0060/serio0/input0
S: Sysfs=/devices/platform/i8042/serio0/input/input3
U: Uniq=
H: Handlers=sysrq kbd event3 leds
B: PROP=0
B: EV=120013
B: KEY=402000000 3803078f800d001 feffffdfffefffff fffffffffffffffe
B: MSC=10
B: LED=7
"""

POWER_BUTTON = """I: Bus=0019 Vendor=0000 Product=0001 Version=0000
N: Name="Power Button"
P: Phys=LNXPWRBN/button/input0
S: Sysfs=/devices/LNXSYSTM:00/LNXPWRBN:00/input/input0
U: Uniq=
H: Handlers=kbd event0
B: PROP=0
B: EV=3
B: KEY=10000000000000 0
"""

VIDEO_BUS = """I: Bus=0019 Vendor=0000 Product=0006 Version=0000
N: Name="Video Bus"
P: Phys=LNXVIDEO/video/input0
S: Sysfs=/devices/LNXSYSTM:00/LNXSYBUS:00/PNP0A08:00/LNXVIDEO:00/input/input4
U: Uniq=
H: Handlers=kbd event4
B: PROP=0
B: EV=3
B: KEY=3e000b00000000 0 0 0
"""

TOUCH_SCREEN = """I: Bus=0003 Vendor=0eef Product=c000 Version=0111
N: Name="eGalax Inc. eGalaxTouch EXC3000-0368-46.00.00"
P: Phys=usb-0000:00:14.0-4/input0
S: Sysfs=/devices/pci0000:00/0000:00:14.0/usb1/1-4/1-4:1.0/0003:0EEF:C000.0001/input/input6
U: Uniq=
H: Handlers=mouse0 event5
B: PROP=2
B: EV=1b
B: KEY=400 0 0 0 0 0
B: ABS=3273800000000003
B: MSC=10
"""


def devices(*blocks: str) -> str:
    return "\n".join(blocks)


def test_a_keyboard_with_letter_keys_is_seen() -> None:
    assert keyboards(devices(POWER_BUTTON, LAPTOP_KEYBOARD)) == ["AT Translated Set 2 keyboard"]


def test_a_touch_terminal_with_power_button_and_video_keys_has_no_keyboard() -> None:
    assert keyboards(devices(POWER_BUTTON, VIDEO_BUS, TOUCH_SCREEN)) == []


def test_the_file_decides_on_linux_and_a_keyboard_is_assumed_where_nothing_can_be_seen(
    tmp_path: Path,
) -> None:
    touch_only = tmp_path / "touch"
    touch_only.write_text(devices(POWER_BUTTON, TOUCH_SCREEN), encoding="utf-8")
    with_keyboard = tmp_path / "keyboard"
    with_keyboard.write_text(devices(TOUCH_SCREEN, LAPTOP_KEYBOARD), encoding="utf-8")
    empty = tmp_path / "empty"
    empty.write_text("", encoding="utf-8")
    assert hardware_keyboard_present(touch_only, "linux") is False
    assert hardware_keyboard_present(with_keyboard, "linux") is True
    assert hardware_keyboard_present(empty, "linux") is True  # a container lists no devices at all
    assert hardware_keyboard_present(tmp_path / "missing", "linux") is True
    assert hardware_keyboard_present(touch_only, "win32") is True  # other systems: assume one
