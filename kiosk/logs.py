"""The rotating log in the data dir: references and state changes only, never people, tokens or keys."""

from __future__ import annotations

import io
import logging
import os
import re
from pathlib import Path

LOG_FILE = "kiosk.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"

# Defence in depth: code logs references only, but a slip must not put an ID or phone number on disk.
_REDACTIONS = (
    (re.compile(r"(?<!\d)\d{12}(?!\d)"), "[id]"),  # CCCD / personal ID numbers
    (re.compile(r"(?<![\w.])(?:\+?84|0)(?:[\s.-]?\d){9}(?!\d)"), "[phone]"),
    (re.compile(r"(?i)\b(bearer|token|secret|password|passphrase)([\"'=:\s]+)[^\s\"',}]+"), r"\1\2[hidden]"),
)


# A client_ref (UUID) is a reference, never personal data; its groups of digits can look like a phone
# number ("-0912-3456-78…") or an ID number (a last group of 12 digits), so UUIDs are left whole.
_UUID = re.compile(r"(?i)\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")


def _mask(text: str) -> str:
    for pattern, replacement in _REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


def redact(text: str) -> str:
    """Mask anything in `text` that looks like an ID number, a phone number or a credential."""
    parts, start = [], 0
    for found in _UUID.finditer(text):
        parts += [_mask(text[start : found.start()]), found.group()]
        start = found.end()
    parts.append(_mask(text[start:]))
    return "".join(parts)


class _RotatingLog(logging.Handler):
    """The rotating file (1 MiB × 5), made on the first record: `logging.handlers` (with socket and
    pickle behind it, ~3 ms to import) is then not loaded by a start that has nothing to log before its
    first frame. Every record still goes through the standard RotatingFileHandler."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._file: logging.Handler | None = None
        self.dropped = 0  # records lost to a full disk, said in the log once it takes records again

    def emit(self, record: logging.LogRecord) -> None:  # called under the handler's lock
        try:
            if self._file is None:
                self._file = _private_rotating_file(self.path)
                self._file.setFormatter(self.formatter)
            if self.dropped:
                dropped, self.dropped = self.dropped, 0
                note = logging.makeLogRecord(
                    {
                        "name": "kiosk.logs",
                        "levelno": logging.WARNING,
                        "levelname": "WARNING",
                        "msg": "%d log records were lost: the disk was full",
                        "args": (dropped,),
                    }
                )
                self._file.emit(note)
            self._file.emit(record)
        except Exception as exc:  # a handler never raises into the code that logged
            from kiosk.diskspace import is_disk_full  # only on a failed write: not on the start's path

            if is_disk_full(exc):
                # No traceback on the console for every line: the command or screen says the disk is full.
                self.dropped += 1
                return
            self.handleError(record)

    def setFormatter(self, fmt: logging.Formatter | None) -> None:
        super().setFormatter(fmt)
        if self._file is not None:
            self._file.setFormatter(fmt)

    # flush and close reach the file handler, which holds its own lock; the lock here guards its making.
    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def _private_rotating_file(path: Path) -> logging.Handler:
    """The standard RotatingFileHandler, its files made owner-only (0600) whatever the umask."""
    import logging.handlers

    class PrivateRotatingFile(logging.handlers.RotatingFileHandler):
        def _open(self) -> io.TextIOWrapper:
            fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            stream = open(fd, self.mode, encoding=self.encoding, errors=self.errors)  # noqa: PTH123, SIM115 -- an fd, kept open
            assert isinstance(stream, io.TextIOWrapper)
            return stream

        def handleError(self, record: logging.LogRecord) -> None:
            # Called while the write's failure is being handled: it goes up to _RotatingLog.emit, which
            # decides (the base class would print a traceback on stderr for every line).
            raise  # noqa: PLE0704 -- called inside the handler's `except` (logging.StreamHandler.emit)

    return PrivateRotatingFile(path, maxBytes=1 << 20, backupCount=5, encoding="utf-8")


class RedactingFormatter(logging.Formatter):
    """Formats a record, then masks what must never reach the log file."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def configure_logging(directory: Path, *, level: int = logging.INFO, console: bool = False) -> Path:
    """Send the `kiosk`, `sync` and `ui` loggers to a rotating file (1 MiB × 5) in `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / LOG_FILE
    # A log that cannot be written stops the start here, as the file handler itself would; owner-only.
    os.close(os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600))
    if os.name == "posix" and (path.stat().st_mode & 0o777) != 0o600:
        path.chmod(0o600)
    handler: logging.Handler = _RotatingLog(path)
    handler.setFormatter(RedactingFormatter(_FORMAT))
    handlers = [handler]
    if console:
        stream = logging.StreamHandler()
        stream.setFormatter(RedactingFormatter(_FORMAT))
        handlers.append(stream)
    for name in ("kiosk", "sync", "ui"):
        logger = logging.getLogger(name)
        logger.setLevel(level)
        for old in list(logger.handlers):
            logger.removeHandler(old)
            old.close()
        for new in handlers:
            logger.addHandler(new)
        logger.propagate = False
    return path
