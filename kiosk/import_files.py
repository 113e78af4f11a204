"""Reading the files `kiosk import` names: confined to one folder, regular files only, bounded in size.

An import file is prepared elsewhere (a spreadsheet export, a colleague's script) and may be run by an
administrator, even as root: a path in it must never reach outside the folder it is read against
(`../x.pdf`, `/etc/shadow`, a symlink out), nor a FIFO (which would block for ever) or a device
(`/dev/zero` never ends). Every check is made on the opened descriptor (`fstat`), so a file swapped
between the look and the open is caught; the size is checked before any byte is read, and the bytes are
read in chunks that stop one byte past the limit, so a file that grows meanwhile is refused too.

Each refusal is a KioskError whose message names the file and says how to fix it.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePath

from kiosk.errors import KioskError

CHUNK = 1 << 20
ATTACHMENT = "import.attachment_not_regular"  # a socket or another kind not named by its own message
MAX_IMPORT_FILE_BYTES = 64 * 1024 * 1024  # the JSON itself: thousands of dossiers, never gigabytes

_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # opening a FIFO for reading returns at once instead of waiting
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)  # Windows: no newline translation
)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
# Walking down from the folder one name at a time, refusing any link, needs openat(); Windows opens
# the resolved path instead (it has neither FIFOs nor device files a path in an import file can name).
_WALK = os.open in os.supports_dir_fd and bool(_NOFOLLOW) and bool(_DIRECTORY)


@dataclass(frozen=True)
class ReadFile:
    """A file read whole: its bytes and their SHA-256 (computed while reading)."""

    data: bytes
    sha256: str


def _not_regular(key: str, shown: str, mode: int) -> KioskError:
    """`key` for the import file; for an attachment, a message that says what the path is instead."""
    if key == ATTACHMENT:
        if stat.S_ISDIR(mode):
            key = "import.attachment_directory"
        elif stat.S_ISFIFO(mode):
            key = "import.attachment_fifo"
        elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
            key = "import.attachment_device"
    return KioskError(key, path=shown)


def megabytes(size: int) -> float | int:
    """`size` in MB for a message: one decimal, none when it is whole (48, 20.5)."""
    value = round(size / (1 << 20), 1)
    return int(value) if value.is_integer() else value


def _too_large(key: str, shown: str, size: int, limit: int) -> KioskError:
    return KioskError(key, path=shown, size_mb=megabytes(size), limit_mb=megabytes(limit))


def read_bounded(fd: int, shown: str, limit: int, too_large: str = "import.attachment_too_large") -> ReadFile:
    """The bytes of the regular file open at `fd`, at most `limit` of them, read in chunks.

    The size comes from `fstat` before reading; a file that grows past `limit` while it is read is
    refused as well (the last read asks for one byte more than the limit allows).
    """
    size = os.fstat(fd).st_size
    if size > limit:
        raise _too_large(too_large, shown, size, limit)
    digest = hashlib.sha256()
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = os.read(fd, min(CHUNK, limit + 1 - total))
        if not chunk:
            break
        total += len(chunk)
        if total > limit:
            raise _too_large(too_large, shown, max(total, size), limit)
        digest.update(chunk)
        chunks.append(chunk)
    return ReadFile(b"".join(chunks), digest.hexdigest())


def _open_checked(opener: str | Path, shown: str, *, dir_fd: int | None = None, not_regular: str) -> int:
    """Open for reading without blocking and without following a link; only a regular file stays open."""
    fd = os.open(opener, _READ_FLAGS | _NOFOLLOW, dir_fd=dir_fd)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise _not_regular(not_regular, shown, mode)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_named_file(path: Path, limit: int, *, not_regular: str, too_large: str) -> ReadFile:
    """A file a person named or picked (a link to one is fine): refused with KioskError `not_regular`
    unless it is a regular file (before it is opened, and again on the opened descriptor), or
    `too_large` (size_mb, limit_mb) past `limit` bytes; read in chunks. OSError from the file system
    is the caller's to say. `kiosk import`'s file, and the app's file picks and scanner folder."""
    shown = str(path)
    mode = path.stat().st_mode  # follows a link: the person chose this file
    if not stat.S_ISREG(mode):
        raise _not_regular(not_regular, shown, mode)
    fd = _open_checked(path.resolve(), shown, not_regular=not_regular)
    try:
        return read_bounded(fd, shown, limit, too_large)
    finally:
        os.close(fd)


def read_import_file(path: Path, limit: int = MAX_IMPORT_FILE_BYTES) -> bytes:
    """The import file itself: a regular file (a link to one is fine), at most `limit` bytes."""
    shown = str(path)
    try:
        return read_named_file(
            path, limit, not_regular="import.file_not_regular", too_large="import.file_too_large"
        ).data
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise KioskError("cli.file_missing", path=shown) from exc
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise KioskError("import.file_unreadable", path=shown, reason=reason) from exc


def attachments_root(folder: Path) -> Path:
    """The folder attachment paths are read against, resolved; KioskError when it is not a folder."""
    try:
        root = folder.resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        raise KioskError("import.attachments_dir_missing", path=str(folder)) from exc
    if not root.is_dir():
        raise KioskError("import.attachments_dir_missing", path=str(folder))
    return root


def resolve_attachment(root: Path, written: str) -> Path:
    """Where `written` (a path from the import file) leads, refused unless it stays inside `root`.

    `root` is already resolved (`attachments_root`). Absolute paths are refused outright; `..` that
    climbs out is refused before the file system is asked; a link (anywhere on the way) leading out
    of `root` is refused once the path is resolved.
    """
    where = str(root)
    pure = PurePath(written)
    if pure.is_absolute() or pure.drive or pure.root:
        raise KioskError("import.attachment_absolute", path=written, root=where)
    if not Path(os.path.normpath(root / pure)).is_relative_to(root):
        raise KioskError("import.attachment_outside", path=written, root=where)
    try:
        resolved = (root / pure).resolve(strict=True)
    except (FileNotFoundError, NotADirectoryError, ValueError) as exc:  # ValueError: a NUL in the path
        raise KioskError("import.attachment_missing", path=written, root=where) from exc
    except (OSError, RuntimeError) as exc:  # a loop of links, or a folder that may not be read
        raise KioskError("import.attachment_unreadable", path=written, reason=type(exc).__name__) from exc
    if not resolved.is_relative_to(root):
        raise KioskError("import.attachment_link_outside", path=written, root=where)
    return resolved


def read_attachment(root: Path, written: str, limit: int) -> tuple[Path, ReadFile]:
    """Where attachment `written` is and its bytes, read inside `root` (see `resolve_attachment`), at
    most `limit` of them.

    On POSIX the file is opened by walking down from `root` one name at a time with O_NOFOLLOW, so a
    link put in place after the path was resolved cannot lead the open outside `root` either.
    """
    resolved = resolve_attachment(root, written)
    try:
        mode = resolved.stat().st_mode  # a device or FIFO is refused before it is even opened
        if not stat.S_ISREG(mode):
            raise _not_regular(ATTACHMENT, written, mode)
        fd = _open_inside(root, resolved, written)
    except KioskError:
        raise
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK, errno.ENOTDIR, errno.ENOENT):  # swapped meanwhile
            raise KioskError("import.attachment_changed", path=written) from exc
        raise KioskError(
            "import.attachment_unreadable", path=written, reason=exc.strerror or type(exc).__name__
        ) from exc
    try:
        return resolved, read_bounded(fd, written, limit)
    finally:
        os.close(fd)


def _open_inside(root: Path, resolved: Path, written: str) -> int:
    if not _WALK:
        return _open_checked(resolved, written, not_regular=ATTACHMENT)
    parts = resolved.relative_to(root).parts
    fd = os.open(root, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
    try:
        for part in parts[:-1]:
            down = os.open(part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=fd)
            os.close(fd)
            fd = down
        return _open_checked(parts[-1], written, dir_fd=fd, not_regular=ATTACHMENT)
    finally:
        os.close(fd)
