"""The read-aloud engine in a process of its own: QTextToSpeech, spoken to in JSON lines on stdin/stdout.

Why not in the app: on Linux, QTextToSpeech("speechd") takes 2–4 s to construct (it lists every voice
of every speech-dispatcher module, ~1.2 s of CPU), holding Python's lock all the while, and it never
returns when speech-dispatcher is stuck (its output module hangs after speaking with no sound device;
every later client then waits forever). Here a hang or a crash costs this process, not the terminal:
the app (ui/speech.py) gives up after a deadline and kills it, and on Unix an alarm ends it anyway.

    python -m ui.speech_worker [--engine NAME] [--probe] [--words]

Out: {"event": "ready", "engine", "voices": {"vi": name|null, "en": …}, "audio": bool} or
{"event": "failed", "problem": "no_engine"|"engine_failed", …}; then {"event": "speaking"|"done"|
"error", "id"} per reading (and {"event": "word", "word"} with --words). In: {"cmd": "say", "id",
"lang", "text"}, {"cmd": "stop"}; end of input ends the process. Nothing read is ever written to a log.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.i18n import Lang

OPEN_DEADLINE_S = 40  # the app gives up sooner (speech.OPEN_TIMEOUT_MS); this ends an orphan


def default_engines() -> list[str]:
    """Qt's engines to try, in order. Windows' Vietnamese voice ("An", Settings → Speech) is a OneCore
    voice that only the winrt engine sees; SAPI 5 sees the older desktop voices."""
    system = platform.system()
    if system == "Windows":
        return ["winrt", "sapi"]
    if system == "Darwin":
        return ["darwin"]
    return ["speechd"]


def audio_present() -> bool:
    """A sound card the voice can be heard through. Linux: ALSA's list of cards (speech-dispatcher
    plays through PulseAudio/PipeWire or ALSA, all on such a card); elsewhere assumed."""
    if platform.system() != "Linux":
        return True
    try:
        cards = Path("/proc/asound/cards").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return re.search(r"^\s*\d+\s+\[", cards, re.MULTILINE) is not None


def probe(engine: str | None, timeout: float = 45.0) -> dict[str, Any]:
    """What this process reports when started with --probe (`kiosk doctor`), or why it reported nothing:
    {"event": "timeout"} (a stuck speech-dispatcher), {"event": "stopped", "code"}."""
    import subprocess

    command = [sys.executable, "-m", "ui.speech_worker", "--probe"]
    if engine:
        command += ["--engine", engine]
    try:
        done = subprocess.run(  # noqa: S603 -- this module, with this Python
            command, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return {"event": "timeout", "seconds": int(timeout)}
    for line in reversed(done.stdout.splitlines()):
        try:
            report = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(report, dict):
            return report
    return {"event": "stopped", "code": done.returncode}


def doctor_checks(lang: Lang) -> list[tuple[bool, str, str]]:
    """`kiosk doctor`'s read-aloud lines: (ok, what, how to fix), in `lang`."""
    from kiosk.i18n import t

    setting = os.environ.get("KIOSK_SPEECH_ENGINE", "").strip()
    if setting.lower() == "none":
        return [(True, t("speech.off", lang), "")]
    install = t("speech.install_windows" if platform.system() == "Windows" else "speech.install_linux", lang)
    report = probe(setting or None)
    kind = report.get("event")
    engine = str(report.get("engine") or setting or default_engines()[0])
    if kind == "timeout":
        text = t("speech.timeout", lang, engine=engine, seconds=report.get("seconds", 0))
        return [(False, text, t("speech.install_restart", lang))]
    if kind == "stopped":
        return [(False, t("speech.stopped", lang, code=report.get("code")), install)]
    if kind == "failed":
        missing = report.get("problem") == "no_engine"
        key = "speech.no_engine" if missing else "speech.engine_failed"
        text = t(
            key, lang, engine=engine, available=report.get("available", ""), detail=report.get("detail", "")
        )
        return [(False, text, t("speech.fix_engine_name", lang) if missing and setting else install)]
    voices = report.get("voices") or {}
    checks: list[tuple[bool, str, str]] = []
    for wanted in ("vi", "en"):
        voice = voices.get(wanted)
        if voice:
            checks.append((True, t("speech.ready", lang, voice=voice, engine=engine), ""))
        else:
            language = t(f"speech.language.{wanted}", lang)
            checks.append((False, t("speech.no_voice", lang, engine=engine, language=language), install))
    if not report.get("audio"):
        checks.append((False, t("speech.no_audio", lang), t("speech.install_audio", lang)))
    return checks


def emit(**event: Any) -> None:
    sys.stdout.write(json.dumps(event, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.speech_worker")
    parser.add_argument("--engine", default="")
    parser.add_argument("--probe", action="store_true", help="say what is there, then exit")
    parser.add_argument("--words", action="store_true", help="report each word the engine reads")
    args = parser.parse_args(argv)
    if hasattr(signal, "alarm"):
        signal.alarm(OPEN_DEADLINE_S)  # a constructor that never returns: the default action ends us

    from PySide6.QtCore import QCoreApplication, QLocale, QLoggingCategory, QObject, Qt, Signal
    from PySide6.QtTextToSpeech import QTextToSpeech, QVoice

    # speechd's plugin prints a debug line for each event it hears.
    QLoggingCategory.setFilterRules("*.debug=false")
    app = QCoreApplication(sys.argv[:1])
    wanted = [args.engine] if args.engine else default_engines()
    available = QTextToSpeech.availableEngines()
    engine = next((name for name in wanted if name in available), None)
    if engine is None:
        emit(event="failed", problem="no_engine", engine=wanted[0], available=", ".join(available) or "-")
        return 2
    tts = QTextToSpeech(engine)
    if tts.state() == QTextToSpeech.State.Error:
        detail = tts.errorString() or str(tts.errorReason())
        emit(event="failed", problem="engine_failed", engine=engine, detail=detail)
        return 3
    languages = {"vi": QLocale.Language.Vietnamese, "en": QLocale.Language.English}
    voices: dict[str, QVoice] = {}
    preferred = {"vi": ["vi_VN"], "en": ["en_GB", "en_US"]}  # then any other place's
    for lang, language in languages.items():
        first = preferred[lang]
        places = [locale for locale in tts.availableLocales() if locale.language() == language]
        places.sort(key=lambda place: first.index(place.name()) if place.name() in first else len(first))
        for locale in places:
            tts.setLocale(locale)
            if tts.locale().language() != language:
                continue
            # Only a voice of the language itself: never Vietnamese read by an English voice.
            own = [voice for voice in tts.availableVoices() if voice.locale().language() == language]
            if own:
                # espeak-ng lists each voice with variants ("Vietnamese (Northern)+Adam"): the plain one.
                plain = [voice for voice in own if "+" not in voice.name()]
                voices[lang] = (plain or own)[0]
                break
    if hasattr(signal, "alarm"):
        signal.alarm(0)
    emit(
        event="ready",
        engine=engine,
        voices={lang: (voices[lang].name() if lang in voices else None) for lang in languages},
        locales={lang: voices[lang].locale().name() for lang in voices},
        audio=audio_present(),
    )
    if args.probe:
        return 0

    current = {"id": 0, "started": False}

    def state_changed(state: QTextToSpeech.State) -> None:
        if state == QTextToSpeech.State.Speaking and not current["started"]:
            current["started"] = True
            emit(event="speaking", id=current["id"])
        elif state == QTextToSpeech.State.Ready and current["started"]:
            current["started"] = False  # the end of this reading (a stale cancel comes before its start)
            emit(event="done", id=current["id"])
        elif state == QTextToSpeech.State.Error:
            current["started"] = False
            emit(event="error", id=current["id"], detail=tts.errorString())

    tts.stateChanged.connect(state_changed)
    if args.words:
        tts.sayingWord.connect(lambda word, *_rest: emit(event="word", word=word))

    def command(line: str) -> None:
        try:
            message = json.loads(line)
        except json.JSONDecodeError:
            return
        if message.get("cmd") == "stop":
            tts.stop()
        elif message.get("cmd") == "say":
            voice = voices.get(str(message.get("lang")))
            current["id"], current["started"] = int(message.get("id", 0)), False
            if voice is None:
                emit(event="error", id=current["id"], detail="no voice")
                return
            tts.stop()
            tts.setVoice(voice)
            tts.say(str(message.get("text", "")))

    class Input(QObject):
        line = Signal(str)

    def take(line: str) -> None:
        if line:
            command(line)
        else:
            app.quit()

    lines = Input()
    lines.line.connect(take, Qt.ConnectionType.QueuedConnection)  # read on a thread, spoken on this one

    def read() -> None:
        for raw in sys.stdin:
            if raw.strip():
                lines.line.emit(raw)
        lines.line.emit("")  # the app closed the pipe, or died

    threading.Thread(target=read, name="speech-input", daemon=True).start()
    app.exec()
    tts.stop()
    import shiboken6

    shiboken6.delete(tts)  # before the application object, which Python might otherwise free first
    return 0


if __name__ == "__main__":
    sys.exit(main())
