"""The one place that knows where the shipped data files (procedures, fonts, icons, samples) live."""

from __future__ import annotations

import os
from pathlib import Path


def assets_dir() -> Path:
    """The assets folder: `KIOSK_ASSETS_DIR` when set, else the one beside the source tree."""
    override = os.environ.get("KIOSK_ASSETS_DIR")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "assets"


def procedures_dir() -> Path:
    return assets_dir() / "procedures"


def fonts_dir() -> Path:
    return assets_dir() / "fonts"


def icons_dir() -> Path:
    return assets_dir() / "icons"


def samples_dir() -> Path:
    return assets_dir() / "samples"


def lists_dir() -> Path:
    """Official lists a question may choose from (kiosk.lists): ethnic groups, nationalities."""
    return assets_dir() / "lists"
