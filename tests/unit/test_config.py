"""The terminal's config file: what is stored, what never is, and that a failed write loses nothing."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.config import CONFIG_FILE, Config, load_config, save_config
from kiosk.errors import KioskError


@pytest.fixture(autouse=True)
def no_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("KIOSK_PORTAL_URL", "KIOSK_CLIENT_ID", "KIOSK_CLIENT_SECRET", "KIOSK_KEY_FILE"):
        monkeypatch.delenv(name, raising=False)


def test_settings_round_trip_and_the_secret_is_never_written(tmp_path: Path) -> None:
    config = Config(
        mode="self_service", lang="en", text_scale=150, high_contrast=True, client_secret="s3cr3t"
    )
    save_config(config, tmp_path)
    assert "s3cr3t" not in (tmp_path / CONFIG_FILE).read_text(encoding="utf-8")
    loaded = load_config(tmp_path)
    assert loaded == replace(config, client_secret="")
    assert loaded.kiosk_id == config.kiosk_id  # the terminal keeps its id


def test_a_write_that_fails_leaves_the_previous_config_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = Config(mode="post_office")
    save_config(first, tmp_path)

    def power_cut(fd: int) -> None:
        raise OSError("disk gone")

    monkeypatch.setattr(os, "fsync", power_cut)
    with pytest.raises(OSError):
        save_config(replace(first, mode="self_service"), tmp_path)
    monkeypatch.undo()
    assert load_config(tmp_path).mode == "post_office"
    assert sorted(p.name for p in tmp_path.iterdir()) == [CONFIG_FILE]  # no temp file left behind


def test_an_unreadable_config_names_its_file(tmp_path: Path) -> None:
    (tmp_path / CONFIG_FILE).write_text("mode = [", encoding="utf-8")
    with pytest.raises(KioskError) as raised:
        load_config(tmp_path)
    assert str(tmp_path / CONFIG_FILE) in raised.value.message("vi")
