"""Encrypted attachment files on disk: written atomically (temp file, fsync, replace, fsync the directory)."""

from __future__ import annotations

import contextlib
from pathlib import Path

from kiosk.atomic import TMP_SUFFIX, fsync_dir, write_atomic

__all__ = ["TMP_SUFFIX", "fsync_dir", "remove", "sweep_temp", "write_atomic"]


def remove(directory: Path, names: list[str]) -> None:
    for name in names:
        with contextlib.suppress(FileNotFoundError):
            (directory / name).unlink()
    if names:
        fsync_dir(directory)


def sweep_temp(directory: Path) -> None:
    """Remove temp files left by a crash mid-write (they are encrypted, but useless)."""
    for path in directory.glob(f".*{TMP_SUFFIX}"):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
