"""The `onscreen_keyboard` setting in config.toml: auto by default, on/off, anything else refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import CONFIG_FILE, load_config
from kiosk.errors import KioskError


def test_the_keyboard_setting_defaults_to_auto_and_reads_on_and_off(tmp_path: Path) -> None:
    assert load_config(tmp_path).onscreen_keyboard == "auto"
    for value in ("on", "off", "auto"):
        (tmp_path / CONFIG_FILE).write_text(f'onscreen_keyboard = "{value}"\n', encoding="utf-8")
        assert load_config(tmp_path).onscreen_keyboard == value


def test_a_wrong_keyboard_setting_is_refused_in_plain_words(tmp_path: Path) -> None:
    (tmp_path / CONFIG_FILE).write_text('onscreen_keyboard = "yes"\n', encoding="utf-8")
    with pytest.raises(KioskError) as raised:
        load_config(tmp_path)
    assert "onscreen_keyboard = 'yes'" in raised.value.message("vi")
    assert "auto, on hoặc off" in raised.value.message("vi")
