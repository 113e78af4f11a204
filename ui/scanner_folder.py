"""The document scanner's output folder: noticed when a scan arrives, its newest file taken once complete.

A network or USB scanner saves each scan as a file in a folder (the terminal's `scanner_folder`). The
folder is watched (QFileSystemWatcher, with a poll for shares where change notices never come) only to
tell the person that a scan arrived; "Từ máy quét" then takes the newest file once its size has stopped
changing, off the UI thread. The scanner's file is never deleted behind the person's back, but it holds
personal data unencrypted, so the attachment page offers to delete it once the sealed copy is kept.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from kiosk.documents import read_document_file
from kiosk.errors import KioskError

# Files a scanner or a copy is still writing, or that the system keeps beside them.
PARTIAL_SUFFIXES = (".tmp", ".part", ".partial", ".crdownload", ".download", ".lock", ".ini", ".db")
STABLE_LOOKS = 3  # the same size this many times in a row...
STABLE_INTERVAL = 0.4  # ...this many seconds apart
MAX_WAIT = 30.0  # a scanner still writing after this long is stuck: say so rather than wait for ever
POLL_MS = 3000


@dataclass(frozen=True)
class Scan:
    """The newest complete scan: where it is (to offer deleting it) and its bytes."""

    path: Path
    data: bytes


def scan_files(folder: Path) -> list[Path]:
    """Regular files in `folder` that may be scans: no hidden, temporary or half-written files."""
    found = []
    for path in folder.iterdir():
        name = path.name.lower()
        if name.startswith((".", "~")) or name.endswith(PARTIAL_SUFFIXES) or name.endswith("~"):
            continue
        try:
            if path.is_file():
                found.append(path)
        except OSError:
            continue
    return found


def _signature(path: Path) -> tuple[float, int] | None:
    try:
        stat = path.stat()
    except OSError:  # removed meanwhile
        return None
    return stat.st_mtime, stat.st_size


def newest_scan(folder: Path) -> Path | None:
    """The most recently written file in the scanner's folder, or None when there is none."""
    dated = [
        (signature[0], path.name, path) for path in scan_files(folder) if (signature := _signature(path))
    ]
    return max(dated)[2] if dated else None


def wait_until_complete(
    path: Path,
    *,
    looks: int = STABLE_LOOKS,
    interval: float = STABLE_INTERVAL,
    max_wait: float = MAX_WAIT,
    sleep: Callable[[float], None] = time.sleep,
) -> bytes:
    """The file's bytes once its size and time have stayed the same `looks` times; a worker, it sleeps.

    KioskError "documents.scanner.busy" when the scanner is still writing after `max_wait` seconds.
    """
    seen: tuple[float, int] | None = None
    same = 0
    for _ in range(max(looks, int(max_wait / max(interval, 0.001)))):
        signature = _signature(path)
        if signature is None:
            raise KioskError("documents.scanner.empty")
        if signature == seen and signature[1] > 0:
            same += 1
        else:
            seen, same = signature, 1
        if same >= looks:
            break
        sleep(interval)
    else:
        raise KioskError("documents.scanner.busy")
    # A regular file only, at most MAX_ATTACHMENT_BYTES, refused from its size before any byte is read.
    data = read_document_file(path)
    if seen is not None and len(data) != seen[1]:  # written to while we read: take it next time
        raise KioskError("documents.scanner.busy")
    return data


def take_newest_scan(
    folder: str, *, interval: float = STABLE_INTERVAL, sleep: Callable[[float], None] = time.sleep
) -> Scan:
    """Worker: the newest complete scan in `folder`; KioskError saying what to do when there is none."""
    directory = Path(folder)
    try:
        newest = newest_scan(directory)
    except OSError:
        raise KioskError("documents.scanner.no_folder") from None
    if newest is None:
        raise KioskError("documents.scanner.empty")
    return Scan(newest, wait_until_complete(newest, interval=interval, sleep=sleep))


def remove_scan(path: Path) -> None:
    """Worker: delete the scanner's plain-text copy once the sealed one is kept (only when asked)."""
    path.unlink(missing_ok=True)


class ScannerFolder(QObject):
    """Tells when a new scan lands in the folder; `take_newest` is what "Từ máy quét" runs on a worker."""

    new_scan = Signal()

    def __init__(self, folder: str, *, poll_ms: int = POLL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.interval = STABLE_INTERVAL  # tests shorten the wait
        self._last = self._newest()  # what is already there is not "new"
        self._watcher = QFileSystemWatcher(self)
        if Path(folder).is_dir():
            self._watcher.addPath(folder)
        self._watcher.directoryChanged.connect(self.check)
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)  # shares and some USB drives send no change notices
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def _newest(self) -> tuple[float, str] | None:
        try:
            newest = newest_scan(Path(self.folder))
        except OSError:
            return None
        signature = _signature(newest) if newest is not None else None
        return (signature[0], newest.name) if newest is not None and signature is not None else None

    def check(self) -> None:
        """A change in the folder: say so when a file newer than any seen before arrived (not a deletion)."""
        if not self._watcher.directories() and Path(self.folder).is_dir():
            self._watcher.addPath(self.folder)  # the scanner's share came back
        newest = self._newest()
        if newest is not None and (self._last is None or newest > self._last):
            self._last = newest
            self.new_scan.emit()

    def take_newest(self) -> Scan:
        """Worker-safe (no Qt): the newest complete scan."""
        return take_newest_scan(self.folder, interval=self.interval)

    def stop(self) -> None:
        self._timer.stop()
        if self._watcher.directories():
            self._watcher.removePaths(self._watcher.directories())
