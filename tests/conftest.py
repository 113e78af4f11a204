"""Shared test set-up: headless Qt, a throwaway data dir and key for every test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# No read-aloud engine process per window: the tests of read-aloud (tests/ui/test_speech.py) name theirs.
os.environ.setdefault("KIOSK_SPEECH_ENGINE", "none")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh kiosk data dir with a key file, as on a headless terminal."""
    directory = tmp_path / "data"
    directory.mkdir()
    monkeypatch.setenv("KIOSK_DATA_DIR", str(directory))
    monkeypatch.setenv("KIOSK_KEY_FILE", str(tmp_path / "kiosk.key"))
    yield directory
