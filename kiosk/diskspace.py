"""Disk full as a state: "no space left" from any writer becomes one catalogued error, and a reserve file
keeps room for the writes that must not be lost (a portal's acceptance).

SQLite reports a full disk as SQLITE_FULL, but also, when it cannot grow its shared-memory file on
opening, as an I/O error (SQLITE_IOERR_SHMSIZE and kin): such an I/O error counts as "disk full" only
when the data dir's file system really has (almost) no space left.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kiosk.errors import KioskError

log = logging.getLogger(__name__)

# ENOSPC: no space left; EDQUOT: the account's quota is used up; EFBIG: the file system (FAT) or the
# process's file size limit (RLIMIT_FSIZE) will not take a larger file. To a person all three are
# "the storage is full".
DISK_FULL_ERRNOS = frozenset(
    code for code in (errno.ENOSPC, getattr(errno, "EDQUOT", None), errno.EFBIG) if code is not None
)
SQLITE_IOERR, SQLITE_FULL = 10, 13
# An I/O error of SQLite is "disk full" when less than this is free where the data dir is.
NEARLY_FULL_BYTES = 256 * 1024

RESERVE_NAME = ".space-reserve"
# Kept in the data dir while space allows, given back when the disk fills so that the database can still
# open and record what the portal accepted. More than SQLite needs for that (its shared-memory index is
# 32 KiB, an acceptance a few pages of WAL).
RESERVE_BYTES = 4 * 1024 * 1024
# The reserve is made again only when this much would still be free afterwards: an operator who freed a
# little space gets it for the queue, not for the reserve.
RESERVE_HEADROOM = 64 * 1024 * 1024
# Below this much free space (besides the reserve) sync sends nothing: the answer could not be recorded.
MIN_FREE_TO_SEND = 1024 * 1024


DISK_FULL_EXIT_CODE = 5  # `kiosk …` when the storage is full (4 is the database: kiosk.store.guard)


class DiskFullError(KioskError):
    """The storage is full: nothing new was saved; what was saved before is intact."""

    exit_code = DISK_FULL_EXIT_CODE

    def __init__(self, path: Path | str) -> None:
        super().__init__("store.disk_full", path=str(path))


def free_bytes(path: Path) -> int:
    """Free bytes for this user on the file system holding `path` (or its nearest existing parent)."""
    for candidate in (path, *path.parents):
        try:
            return shutil.disk_usage(candidate).free
        except FileNotFoundError:
            continue
    return shutil.disk_usage(Path.cwd()).free


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    stack: list[BaseException | None] = [exc]
    while stack:
        current = stack.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        stack.extend((getattr(current, "orig", None), current.__cause__, current.__context__))


def is_disk_full(exc: BaseException, directory: Path | None = None) -> bool:
    """True when `exc` (or what caused it) says the storage is full; `directory` is where the data is,
    used to tell SQLite's I/O errors on a full disk from other I/O errors."""
    for cause in _causes(exc):
        if isinstance(cause, DiskFullError):
            return True
        if isinstance(cause, OSError) and cause.errno in DISK_FULL_ERRNOS:
            return True
        code = getattr(cause, "sqlite_errorcode", None)
        if isinstance(code, int):
            if code & 0xFF == SQLITE_FULL:
                return True
            if code & 0xFF == SQLITE_IOERR and directory is not None:
                with contextlib.suppress(OSError):
                    if free_bytes(directory) < NEARLY_FULL_BYTES:
                        return True
    return False


@contextlib.contextmanager
def disk_full_as_error(directory: Path) -> Iterator[None]:
    """Turn "disk full" raised in the block (OSError, SQLite) into DiskFullError; other errors pass."""
    try:
        yield
    except DiskFullError:
        raise
    except Exception as exc:
        if is_disk_full(exc, directory):
            raise DiskFullError(directory) from exc
        raise


@dataclass(frozen=True)
class SpaceLimits:
    """The reserve, the headroom kept free before it is made again, and the least free space to send.

    On a small file system (a USB stick, a test's tmpfs) each is at most a fixed share of its size."""

    reserve: int = RESERVE_BYTES
    headroom: int = RESERVE_HEADROOM
    min_free_to_send: int = MIN_FREE_TO_SEND

    @classmethod
    def for_dir(cls, directory: Path) -> SpaceLimits:
        try:
            total = shutil.disk_usage(directory).total
        except OSError:
            return cls()
        return cls(
            reserve=min(RESERVE_BYTES, total // 16),
            headroom=min(RESERVE_HEADROOM, total // 8),
            min_free_to_send=min(MIN_FREE_TO_SEND, total // 32),
        )


class Reserve:
    """A file of real blocks in the data dir, dropped when the disk fills, made again once space allows."""

    def __init__(self, directory: Path, size: int = RESERVE_BYTES, headroom: int = RESERVE_HEADROOM) -> None:
        self.path = directory / RESERVE_NAME
        self.size, self.headroom = size, headroom

    def present(self) -> bool:
        return self.path.exists()

    def ensure(self) -> bool:
        """Make the reserve if it is missing and enough space stays free after it; True when it exists."""
        if self.path.exists() or self.size <= 0:
            return self.path.exists()
        try:
            if free_bytes(self.path.parent) < self.size + self.headroom:
                return False
            tmp = self.path.with_name(self.path.name + ".new")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                _allocate(fd, self.size)
                os.fsync(fd)
            finally:
                os.close(fd)
            tmp.replace(self.path)
        except OSError as exc:
            with contextlib.suppress(OSError):
                self.path.with_name(self.path.name + ".new").unlink()
            log.warning("the space reserve could not be made: %s", type(exc).__name__)
            return False
        return True

    def release(self) -> bool:
        """Give the reserve's space back (the disk is full); True if there was one."""
        try:
            self.path.unlink()
        except FileNotFoundError:
            return False
        log.warning("the disk is full: the space reserve was released")
        return True


def _allocate(fd: int, size: int) -> None:
    """Real blocks, not a sparse file: a sparse reserve would free nothing when removed."""
    if hasattr(os, "posix_fallocate"):
        try:
            os.posix_fallocate(fd, 0, size)
            return
        except OSError as exc:
            if exc.errno not in (errno.EOPNOTSUPP, errno.EINVAL, getattr(errno, "ENOTSUP", errno.EOPNOTSUPP)):
                raise
    block = b"\0" * (64 * 1024)
    written = 0
    while written < size:
        written += os.write(fd, block[: min(len(block), size - written)])
