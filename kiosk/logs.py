"""The rotating log in the data dir: references and state changes only, never people, tokens or keys."""

from __future__ import annotations

import logging
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


def redact(text: str) -> str:
    """Mask anything in `text` that looks like an ID number, a phone number or a credential."""
    for pattern, replacement in _REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


class _RotatingLog(logging.Handler):
    """The rotating file (1 MiB × 5), made on the first record: `logging.handlers` (with socket and
    pickle behind it, ~3 ms to import) is then not loaded by a start that has nothing to log before its
    first frame. Every record still goes through the standard RotatingFileHandler."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:  # called under the handler's lock
        try:
            if self._file is None:
                import logging.handlers

                self._file = logging.handlers.RotatingFileHandler(
                    self.path, maxBytes=1 << 20, backupCount=5, encoding="utf-8"
                )
                self._file.setFormatter(self.formatter)
            self._file.emit(record)
        except Exception:  # a handler never raises into the code that logged
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


class RedactingFormatter(logging.Formatter):
    """Formats a record, then masks what must never reach the log file."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def configure_logging(directory: Path, *, level: int = logging.INFO, console: bool = False) -> Path:
    """Send the `kiosk`, `sync` and `ui` loggers to a rotating file (1 MiB × 5) in `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / LOG_FILE
    with path.open("a", encoding="utf-8"):
        pass  # a log that cannot be written stops the start here, as the file handler itself would
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
