"""Read aloud ("Đọc to"): one reader for the window, the button pages carry, and what stops a reading.

A page that can be read carries a `ReadAloudButton` (`read_aloud`) and says what to read with
`spoken_text(lang)`, built from the strings it shows. `ReadAloud` owns the engine: Qt's QTextToSpeech
run by `ui.speech_worker` in a process of its own (why: see there), started the first time a screen
other than home is shown. The button shows only while a voice of the screen's language exists (never
Vietnamese read by an English voice) and the computer has a sound card; otherwise the log says why, in
Vietnamese, and `kiosk doctor` says how to install one. Pressing the button again stops the reading;
so does a page change, a journey's page change, and the end of a session.

KIOSK_SPEECH_ENGINE names Qt's engine ("speechd", "winrt", "sapi", "mock"…); "none" turns read-aloud off.
"""

from __future__ import annotations

import json
import logging
import os
import platform
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QProcess, Qt, QTimer, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.i18n import Lang, t
from ui.speech_worker import default_engines

if TYPE_CHECKING:
    from ui.main_window import MainWindow

log = logging.getLogger("ui.speech")
ENGINE_ENV = "KIOSK_SPEECH_ENGINE"
OPEN_TIMEOUT_MS = 30_000  # speechd takes 2–5 s on a busy terminal; a stuck daemon never answers


def engine_setting() -> str | None:
    """The engine named by KIOSK_SPEECH_ENGINE ("" when unset: the platform's own; None: off)."""
    name = os.environ.get(ENGINE_ENV, "").strip()
    return None if name.lower() == "none" else name


def install_hint(problem: str) -> str:
    """How to make the button appear, for `kiosk doctor` and the log."""
    if problem == "no_audio":
        return t("speech.install_audio", "vi")
    if problem in ("timeout", "stopped"):
        return t("speech.install_restart", "vi")
    if problem == "no_engine" and engine_setting():
        return t("speech.fix_engine_name", "vi")
    return t("speech.install_windows" if platform.system() == "Windows" else "speech.install_linux", "vi")


def worker_command(engine: str, *extra: str) -> list[str]:
    args = [sys.executable, "-m", "ui.speech_worker", *extra]
    return [*args, "--engine", engine] if engine else args


def sentences(parts: Iterable[str]) -> str:
    """Parts read one after the other, each ending as a sentence (the voice pauses between them)."""
    said = []
    for part in parts:
        words = " ".join(part.split())
        if words:
            said.append(words if words[-1] in ".?!:…" else words + ".")
    return " ".join(said)


class ReadAloudButton(QPushButton):
    """ "Đọc to" / "Dừng đọc": hidden until the reader can read this page's language aloud."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # As ui.widgets.button makes them: the stylesheet's secondary button (≥ 44 px), Tab, Enter.
        self.setProperty("role", "secondary")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoDefault(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setObjectName("read-aloud")
        self.setVisible(False)
        self.reading = False
        self.show_state("vi", reading=False)

    def show_state(self, lang: Lang, *, reading: bool) -> None:
        self.reading = reading
        key = "speech.stop" if reading else "speech.read"
        self.setText(t(key, lang))
        self.setAccessibleName(t(f"{key}_name", lang))


class ReadAloud(QObject):
    """The window's one reader: starts the engine process, reads a page, stops, and says why not."""

    availability_did_change = Signal()
    reading_did_change = Signal(bool)

    def __init__(
        self,
        engine: str | None = "",
        *,
        require_audio: bool = True,
        words: bool = False,
        parent: QObject | None = None,
    ) -> None:
        """`engine`: Qt's engine name ("" the platform's own, None off); `require_audio`: hide the
        button where no sound card is seen (a test of the voice itself may set it False); `words`:
        keep each word the engine says it reads (`said`, for tests: Qt's mock engine reports them)."""
        super().__init__(parent)
        self.engine = engine
        self.require_audio = require_audio
        self.words = words
        self.said: list[str] = []
        self.state = "off" if engine is None else "idle"  # idle → starting → ready | unavailable
        self.engine_name = engine or ""
        self.voices: dict[str, str | None] = {}
        self.audio = False
        self.problems: list[str] = []  # why the button is hidden (Vietnamese), for tests and the log
        self.reading = False
        self._id = 0
        self._process: QProcess | None = None
        self._buffer = b""
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(self._timed_out)
        if engine is None:
            self._unavailable(t("speech.off", "vi"))

    # -- the engine process ---------------------------------------------------------------------
    def start(self) -> None:
        """Open the engine (once, in the background): the button appears when it is ready."""
        if self.state != "idle":
            return
        self.state = "starting"
        process = QProcess(self)
        command = worker_command(self.engine or "", *(["--words"] if self.words else []))
        process.setProgram(command[0])
        process.setArguments(command[1:])
        process.readyReadStandardOutput.connect(self._read)
        process.readyReadStandardError.connect(process.readAllStandardError)  # read, so it never piles up
        process.finished.connect(self._finished)
        process.errorOccurred.connect(self._process_error)
        _hide_console_window(process)
        self._process = process
        self._deadline.start(OPEN_TIMEOUT_MS)
        process.start()

    def close(self) -> None:
        """End the engine process (the window closes, the app quits)."""
        self.stop()
        process, self._process = self._process, None
        self._deadline.stop()
        if process is None:
            return
        process.finished.disconnect(self._finished)
        process.errorOccurred.disconnect(self._process_error)
        if process.state() != QProcess.ProcessState.NotRunning:
            process.closeWriteChannel()  # the worker ends at the end of its input
            if not process.waitForFinished(1500):
                process.kill()  # stuck in the engine: this process is ours to end
                process.waitForFinished(1500)
        if self.state in ("starting", "ready"):
            self.state = "closed"
            self.availability_did_change.emit()

    def _send(self, message: dict[str, object]) -> None:
        if self._process is not None and self._process.state() == QProcess.ProcessState.Running:
            self._process.write((json.dumps(message, ensure_ascii=False) + "\n").encode("utf-8"))

    def _read(self) -> None:
        if self._process is None:
            return
        self._buffer += bytes(self._process.readAllStandardOutput().data())
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if isinstance(event, dict):
                self._event(event)

    def _event(self, event: dict[str, object]) -> None:
        kind = event.get("event")
        if kind == "ready" and self.state == "starting":
            self._deadline.stop()
            self.engine_name = str(event.get("engine", ""))
            voices = event.get("voices")
            named = voices.items() if isinstance(voices, dict) else ()
            self.voices = {str(lang): (str(voice) if voice else None) for lang, voice in named}
            self.audio = bool(event.get("audio"))
            self.state = "ready"
            if self.require_audio and not self.audio:
                self._unavailable(t("speech.no_audio", "vi"), "no_audio")
                self._end_process(hung=False)
                return
            for lang in ("vi", "en"):
                voice = self.voices.get(lang)
                if voice:
                    log.info("%s", t("speech.ready", "vi", voice=voice, engine=self.engine_name))
                else:
                    language = t(f"speech.language.{lang}", "vi")
                    problem = t("speech.no_voice", "vi", engine=self.engine_name, language=language)
                    self.problems.append(problem)
                    log.warning("%s %s.", problem, install_hint("no_voice"))
            self.availability_did_change.emit()
        elif kind == "failed":
            problem = str(event.get("problem"))
            key = "speech.no_engine" if problem == "no_engine" else "speech.engine_failed"
            detail = {name: str(event.get(name, "")) for name in ("engine", "available", "detail")}
            self._unavailable(t(key, "vi", **detail), problem)
        elif kind == "word":
            self.said.append(str(event.get("word", "")))
        elif kind in ("done", "error") and event.get("id") == self._id and self.reading:
            self._set_reading(False)

    def _finished(self, code: int, _status: object = None) -> None:
        if self.state in ("starting", "ready"):
            self._unavailable(t("speech.stopped", "vi", code=code), "stopped")
        self._process = None

    def _process_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and self.state == "starting":
            self._unavailable(t("speech.stopped", "vi", code=error.name), "stopped")
            self._process = None

    def _timed_out(self) -> None:
        if self.state != "starting":
            return
        seconds = OPEN_TIMEOUT_MS // 1000
        self._unavailable(
            t("speech.timeout", "vi", engine=self.engine or default_engines()[0], seconds=seconds), "timeout"
        )
        self._end_process(hung=True)

    def _end_process(self, *, hung: bool) -> None:
        """A worker that answered ends at the end of its input, closing speech-dispatcher's connection
        as a client should (one killed mid-connection has left the daemon's module crashed); a hung
        one, ours, is killed."""
        process, self._process = self._process, None
        if process is None:
            return
        process.finished.disconnect(self._finished)
        process.errorOccurred.disconnect(self._process_error)
        if hung:
            process.kill()
            process.waitForFinished(1500)
        else:
            process.closeWriteChannel()
            if not process.waitForFinished(3000):
                process.kill()
                process.waitForFinished(1500)

    def _unavailable(self, problem: str, kind: str = "off") -> None:
        self._deadline.stop()
        self.state = "unavailable"
        self.problems.append(problem)
        if kind == "off":
            log.info("%s", problem)
        else:
            log.warning("%s Cách sửa: %s.", problem, install_hint(kind))
        self._set_reading(False)
        self.availability_did_change.emit()

    # -- reading ----------------------------------------------------------------------------------
    def available(self, lang: Lang) -> bool:
        return self.state == "ready" and bool(self.voices.get(lang)) and self._process is not None

    def read(self, text: str, lang: Lang) -> bool:
        """Read `text` with the voice of `lang` (only that language's); False when there is none."""
        if not self.available(lang) or not text.strip():
            return False
        self._id += 1
        self.said = []
        self._send({"cmd": "say", "id": self._id, "lang": lang, "text": text})
        self._set_reading(True)
        return True

    def stop(self) -> None:
        if self.reading:
            self._send({"cmd": "stop"})
            self._set_reading(False)

    def _set_reading(self, reading: bool) -> None:
        if reading != self.reading:
            self.reading = reading
            self.reading_did_change.emit(reading)


def _hide_console_window(process: QProcess) -> None:
    """Windows: the worker runs without a console window flashing up over the kiosk."""
    modifier = getattr(process, "setCreateProcessArgumentsModifier", None)
    if platform.system() != "Windows" or modifier is None:
        return
    create_no_window = 0x08000000

    def add_flag(arguments: object) -> None:
        arguments.flags |= create_no_window  # type: ignore[attr-defined]

    modifier(add_flag)


class ReadAloudControl(QObject):
    """Wires the reader to the window: which page's button shows, what it reads, what stops it."""

    def __init__(self, window: MainWindow, reader: ReadAloud) -> None:
        super().__init__(window)
        self.window = window
        self.reader = reader
        self.page: QWidget | None = None  # the page being read
        self._bound: set[int] = set()
        window.stack.currentChanged.connect(self._screen_changed)
        window.journey_did_open.connect(self._journey_opened)
        window.display_did_change.connect(lambda *_args: self._language_changed())
        if window.context is not None:
            window.context.events.session_did_end.connect(self.stop)
        reader.availability_did_change.connect(self.refresh)
        reader.reading_did_change.connect(lambda _reading: self.refresh())
        window.installEventFilter(self)
        window.destroyed.connect(reader.close)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._quit)  # the worker ends with the app

    def use(self, reader: ReadAloud) -> None:
        """Read with `reader` from now on (tests, or a terminal whose engine was changed)."""
        self.reader.close()
        self.reader = reader
        reader.availability_did_change.connect(self.refresh)
        reader.reading_did_change.connect(lambda _reading: self.refresh())
        self.window.destroyed.connect(reader.close)
        if self.window.stack.currentWidget() is not self.window.home:
            reader.start()
        self.refresh()

    def current(self) -> QWidget | None:
        """The page on screen that can be read: a journey's page, or any screen with a button."""
        screen = self.window.stack.currentWidget()
        journey = self.window.journey
        page = journey.current_page() if journey is not None and screen is journey else screen
        readable = page is not None and isinstance(getattr(page, "read_aloud", None), ReadAloudButton)
        return page if readable else None

    def _screen_changed(self, _index: int = 0) -> None:
        self.stop()
        if self.window.stack.currentWidget() is not self.window.home:
            self.reader.start()  # the person is going to file: the engine is ready by the first question
        self.refresh()

    def _journey_opened(self, journey: QObject) -> None:
        stack = getattr(journey, "stack", None)
        if stack is not None and id(stack) not in self._bound:
            self._bound.add(id(stack))
            stack.currentChanged.connect(lambda _index: self.stop())  # stop() refreshes the button
        self._screen_changed()

    def _language_changed(self) -> None:
        self.stop()
        self.refresh()

    def refresh(self) -> None:
        """The button on the page shown: visible while its language can be read, saying what it does."""
        page = self.current()
        if page is None:
            return
        control: ReadAloudButton = page.read_aloud  # type: ignore[attr-defined]
        if id(control) not in self._bound:
            self._bound.add(id(control))
            control.clicked.connect(lambda _checked=False, p=page: self.toggle(p))
            # "Tiếp tục" / "Nộp hồ sơ" pressed while it reads: what it was reading is out of date
            # (another page comes, or the problems with this one: "Đọc to" then reads them).
            for name in ("continue_requested", "submit_requested"):
                pressed = getattr(page, name, None)
                if pressed is not None:
                    pressed.connect(self.stop)
        lang = self.window.lang
        control.show_state(lang, reading=self.reader.reading and self.page is page)
        control.setVisible(self.reader.available(lang))

    def toggle(self, page: QWidget) -> None:
        if self.reader.reading:
            self.stop()
            return
        spoken: Callable[[Lang], str] | None = getattr(page, "spoken_text", None)
        if spoken is not None and self.reader.read(spoken(self.window.lang), self.window.lang):
            self.page = page
        self.refresh()

    def stop(self) -> None:
        self.reader.stop()
        self.page = None
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            QTimer.singleShot(0, self._closed)
        return super().eventFilter(watched, event)

    def _quit(self) -> None:
        self.reader.close()

    def _closed(self) -> None:
        if not self.window.isVisible():  # the close was not refused (a locked-down terminal refuses it)
            self.reader.close()


def install_read_aloud(window: MainWindow, reader: ReadAloud | None = None) -> ReadAloudControl:
    """The window's read-aloud, with the engine KIOSK_SPEECH_ENGINE names (tests pass their own)."""
    return ReadAloudControl(window, reader or ReadAloud(engine_setting(), parent=window))
