"""Atomic file writes (temp file, fsync, replace, fsync the directory): a crash leaves old or new, whole.

Kept apart from the store (which imports SQLAlchemy) so that code running before the first frame can use it.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

TMP_SUFFIX = ".tmp"


def write_atomic(directory: Path, name: str, data: bytes) -> None:
    """Write `data` as directory/name so that a crash leaves either no file or the whole file."""
    final = directory / name
    tmp = directory / f".{os.urandom(16).hex()}{TMP_SUFFIX}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(final)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    fsync_dir(directory)


def fsync_dir(directory: Path) -> None:
    """Make a rename or unlink in `directory` durable (a no-op where directories cannot be opened)."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
