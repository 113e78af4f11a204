"""A QR scanner in serial mode (USB CDC or COM port): one payload per line, UTF-8, accents intact."""

from __future__ import annotations

import logging

from PySide6.QtCore import QIODevice, QObject, Signal
from PySide6.QtSerialPort import QSerialPort

log = logging.getLogger("ui.scan_serial")
MAX_LINE_BYTES = 4096  # a CCCD payload is ~150 bytes; anything longer is noise, not a card


class SerialScanner(QObject):
    """Reads lines from `port` (a COM name, /dev/ttyACM0, or any tty path) and emits each as text.

    Scanners end a code with CR, LF or both; empty lines are skipped. Bytes that are not UTF-8 emit
    `text_did_fail` instead of a mangled name reaching a form. Nothing read is ever logged.
    """

    payload_did_arrive = Signal(str)
    text_did_fail = Signal()

    def __init__(self, port: str, *, baud_rate: int = 9600, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.port = QSerialPort(self)
        self.port.setPortName(port)
        self.port.setBaudRate(baud_rate)
        self.port.readyRead.connect(self._read)
        self.port.errorOccurred.connect(self._error)
        self._buffer = bytearray()

    def start(self) -> bool:
        """Open the port for reading; False (and a log line naming the port) when it cannot be opened."""
        if self.port.isOpen():
            return True
        if self.port.open(QIODevice.OpenModeFlag.ReadOnly):
            return True
        log.warning("scanner port %s not opened: %s", self.port.portName(), self.port.error().name)
        return False

    def stop(self) -> None:
        if self.port.isOpen():
            self.port.close()
        self._buffer.clear()

    def _read(self) -> None:
        self._buffer += bytes(self.port.readAll().data())
        while True:
            ends = [i for i in (self._buffer.find(b"\r"), self._buffer.find(b"\n")) if i >= 0]
            if not ends:
                break
            end = min(ends)
            line = bytes(self._buffer[:end])
            del self._buffer[: end + 1]
            self._emit(line)
        if len(self._buffer) > MAX_LINE_BYTES:
            self._buffer.clear()
            self.text_did_fail.emit()

    def _emit(self, line: bytes) -> None:
        if not line.strip():
            return
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            self.text_did_fail.emit()
            return
        self.payload_did_arrive.emit(text.lstrip("\ufeff").strip())

    def _error(self, error: QSerialPort.SerialPortError) -> None:
        if error != QSerialPort.SerialPortError.NoError:
            log.warning("scanner port %s: %s", self.port.portName(), error.name)
