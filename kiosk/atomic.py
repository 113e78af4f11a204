"""Atomic file writes (temp file, fsync, replace, fsync the directory): a crash leaves old or new, whole.

Kept apart from the store (which imports SQLAlchemy) so that code running before the first frame can use it.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
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


@contextlib.contextmanager
def replacing(final: Path) -> Iterator[Path]:
    """A temporary path beside `final` for a writer that needs a path (csv, openpyxl); once the block ends
    the file is flushed to disk, moved onto `final` and the move made durable. A failed write leaves
    `final` as it was and no temporary file; a USB stick pulled after it returns holds the whole file."""
    tmp = final.with_name(f".{final.name}.{os.urandom(8).hex()}{TMP_SUFFIX}")
    try:
        yield tmp
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        tmp.replace(final)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    fsync_dir(final.parent)


def fsync_dir(directory: Path) -> None:
    """Make a rename or unlink in `directory` durable (a no-op where directories cannot be opened).

    Some file systems (FAT on USB sticks among them, depending on the kernel) refuse fsync on a
    directory; there the rename is as durable as that file system makes it, and that is not an error."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP):
            raise
    finally:
        os.close(fd)


def secure_tree(directory: Path) -> None:
    """Owner-only modes under `directory` (0700 folders, 0600 files), whatever made them and whatever the
    umask: data dirs made before a terminal was set up (or copied in) keep nothing readable by others.

    Symbolic links are left alone; a file that vanishes meanwhile is skipped. Only where modes mean
    something (POSIX)."""
    if os.name != "posix":
        return
    _private(directory, 0o700)
    stack = [directory]
    while stack:
        current = stack.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_symlink():
                    continue
                if entry.is_dir():
                    _private(Path(entry.path), 0o700)
                    stack.append(Path(entry.path))
                elif entry.is_file():
                    _private(Path(entry.path), 0o600)
            except OSError:
                continue


def _private(path: Path, mode: int) -> None:
    with contextlib.suppress(FileNotFoundError, PermissionError):
        if (path.stat().st_mode & 0o777) != mode:
            path.chmod(mode)
