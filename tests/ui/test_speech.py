"""Read aloud ("Đọc to"): what each page reads, the button shown only with a voice of the screen's
language, speech stopped by a page change, and an engine that fails (hidden, said in the log).

The engine runs in a process of its own (ui/speech_worker.py). Which engine each test uses:
- speechd (speech-dispatcher + espeak-ng, installed by run.py): found, Ready, with a Vietnamese voice,
  so the button shows on the question, check and confirmation pages. It is never asked to speak here:
  this machine has no sound card, and speech-dispatcher's output module then hangs, and with it every
  later client (measured; see ui/speech_worker.py).
- Qt's shipped `mock` engine: it has English voices and no Vietnamese one, and it reports each word it
  "reads": so the text handed to an engine is checked in English, and in Vietnamese the button hides.
- unknown engines, a speech-dispatcher that cannot be reached, one that never answers: the bad input.
"""

from __future__ import annotations

import array
import logging
import re
import shutil
import socket
import subprocess
import wave
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTextToSpeech import QTextToSpeech
from PySide6.QtWidgets import QWidget

from tests.ui.test_journey import answer, fill_applicant, fill_to_check, page_of, qtbot_click, settle
from ui import speech, speech_worker
from ui.context import AppContext
from ui.journey.confirmation import ConfirmationPage
from ui.journey.parts import LinkButton
from ui.journey.question_page import QuestionPage
from ui.main_window import MainWindow
from ui.speech import ReadAloud

THUONG_TRU = "1.004222"
TRICH_LUC = "2.000635"
FOR_CHILD = (
    "Ông/Bà đăng ký thường trú cho con của mình (dưới 18 tuổi)? Chọn Không nếu đăng ký cho chính mình. "
    "Các lựa chọn: Có, Không."
)


def speechd_missing() -> str | None:
    if "speechd" not in QTextToSpeech.availableEngines():
        return "Qt's speechd plugin is not loadable (libspeechd2 missing; run.py installs it)"
    if shutil.which("speech-dispatcher") is None:
        return "speech-dispatcher is not installed (run.py installs it)"
    return None


@pytest.fixture
def readers() -> Iterator[Callable[..., ReadAloud]]:
    made: list[ReadAloud] = []

    def make(engine: str | None, **options: Any) -> ReadAloud:
        reader = ReadAloud(engine, **options)
        made.append(reader)
        return reader

    yield make
    for reader in made:
        reader.close()


def open_journey(window: MainWindow, code: str) -> None:
    window.show_prepare(code)
    assert window.prepare is not None
    qtbot_click(window.prepare.start)
    assert window.journey is not None


def to_for_child(qtbot: Any, window: MainWindow) -> QuestionPage:
    """đăng ký thường trú up to its first question of its own (a yes/no with a hint)."""
    open_journey(window, THUONG_TRU)
    fill_applicant(qtbot, window)
    page = page_of(window)
    assert isinstance(page, QuestionPage) and page.page.id == "for_child", page
    return page


def control(window: MainWindow) -> speech.ReadAloudControl:
    found = window.read_aloud
    assert isinstance(found, speech.ReadAloudControl)
    return found


def assert_tab_reaches(control: QWidget, page: QWidget) -> None:
    """Tab lands on it: a Tab stop, and in the page's own order where the page has one."""
    assert control.focusPolicy() & Qt.FocusPolicy.TabFocus
    declared = getattr(page, "focus_order", None)
    assert declared is None or control in declared()


# --- what each page reads -----------------------------------------------------------------------------
def test_a_question_reads_its_heading_hint_and_options_then_its_error(
    qtbot: Any, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    page = to_for_child(qtbot, window)
    assert page.spoken_text("vi") == FOR_CHILD
    qtbot_click(page.next_button)  # no answer chosen
    assert page.summary.isVisible()
    link = page.summary.links[0]
    assert isinstance(link, LinkButton)
    error = link.text()
    assert error and error in page.error.text()
    assert page.spoken_text("vi") == f"Có lỗi cần sửa: {error.rstrip('.')}. {FOR_CHILD}"


def test_check_answers_and_confirmation_read_what_they_show(
    qtbot: Any, make_window: Callable[..., MainWindow], context: AppContext
) -> None:
    window = make_window(context=context)
    open_journey(window, TRICH_LUC)
    check = fill_to_check(qtbot, window)
    said = check.spoken_text("vi")
    assert said.startswith("Kiểm tra lại thông tin.")
    assert "Họ, chữ đệm và tên của người nộp hồ sơ: Nguyễn Văn An." in said
    assert "Cần bản sao loại nào: Khai sinh." in said
    assert check.fee.text() in said
    qtbot_click(check.submit)  # the declaration is not ticked
    with_error = check.spoken_text("vi")
    assert with_error.startswith("Có lỗi cần sửa: ") and with_error.endswith(said)
    qtbot_click(check.declaration.box)
    qtbot_click(check.consent.box)
    qtbot_click(check.submit)
    qtbot.waitUntil(lambda: isinstance(page_of(window), ConfirmationPage), timeout=20_000)
    done = page_of(window)
    assert isinstance(done, ConfirmationPage)
    ref = done.reference.text()
    spelled = ", ".join(" ".join(part) for part in ref.split("-"))  # "7 K Q 2, M 9 X D"
    said = done.spoken_text("vi")
    assert said.startswith(f"{done.heading.text()}. {done.ref_caption.text()}: {spelled}.")
    assert done.next_text.text() in said and done.track.text() in said
    settle(qtbot, context)


# --- the real engine: speech-dispatcher with espeak-ng ----------------------------------------------
def test_with_a_vietnamese_voice_the_button_is_on_every_question_check_and_confirmation(
    qtbot: Any,
    make_window: Callable[..., MainWindow],
    context: AppContext,
    readers: Callable[..., ReadAloud],
) -> None:
    reason = speechd_missing()
    if reason:
        pytest.skip(reason)
    window = make_window(context=context)
    reader = readers("speechd", require_audio=False)  # never made to speak here: see the module's doc
    control(window).use(reader)
    open_journey(window, TRICH_LUC)
    qtbot.waitUntil(lambda: reader.state != "starting", timeout=40_000)
    assert reader.state == "ready", reader.problems
    assert reader.voices["vi"] and "Vietnamese" in reader.voices["vi"]
    first = page_of(window)
    assert isinstance(first, QuestionPage)
    qtbot.waitUntil(first.read_aloud.isVisible)
    assert first.read_aloud.text() == "Đọc to"
    assert first.read_aloud.accessibleName() == "Đọc to nội dung trang này"
    assert first.read_aloud.width() >= 44 and first.read_aloud.height() >= 44
    assert_tab_reaches(first.read_aloud, first)
    check = fill_to_check(qtbot, window)
    assert check.read_aloud.isVisible()
    assert_tab_reaches(check.read_aloud, check)
    qtbot_click(check.declaration.box)
    qtbot_click(check.consent.box)
    qtbot_click(check.submit)
    qtbot.waitUntil(lambda: isinstance(page_of(window), ConfirmationPage), timeout=20_000)
    done = page_of(window)
    assert isinstance(done, ConfirmationPage)
    assert done.read_aloud.isVisible()
    # English on screen: the English voice (espeak-ng has one), never the Vietnamese one.
    window.set_language("en")
    assert done.read_aloud.isVisible() and done.read_aloud.text() == "Read aloud"
    settle(qtbot, context)


def test_without_a_sound_card_the_button_is_hidden_and_the_log_says_why(
    qtbot: Any,
    make_window: Callable[..., MainWindow],
    readers: Callable[..., ReadAloud],
    caplog: pytest.LogCaptureFixture,
) -> None:
    reason = speechd_missing()
    if reason:
        pytest.skip(reason)
    if speech_worker.audio_present():
        pytest.skip("this machine has a sound card")
    window = make_window()
    reader = readers("speechd")
    control(window).use(reader)
    with caplog.at_level(logging.WARNING, logger="ui.speech"):
        page = to_for_child(qtbot, window)
        qtbot.waitUntil(lambda: reader.state != "starting", timeout=40_000)
    assert reader.state == "unavailable"
    assert not page.read_aloud.isVisible()
    assert "Máy không có thiết bị âm thanh" in caplog.text and "aplay -l" in caplog.text


# --- the text handed to an engine, and what stops it (Qt's mock engine) -------------------------------
def test_the_engine_is_handed_the_page_and_a_page_change_stops_it(
    qtbot: Any, make_window: Callable[..., MainWindow], readers: Callable[..., ReadAloud]
) -> None:
    window = make_window()
    reader = readers("mock", require_audio=False, words=True)
    control(window).use(reader)
    page = to_for_child(qtbot, window)
    qtbot.waitUntil(lambda: reader.state != "starting", timeout=40_000)
    # The mock has no Vietnamese voice: in Vietnamese the button stays hidden (no English voice for it).
    assert reader.state == "ready" and reader.voices["vi"] is None
    assert not page.read_aloud.isVisible()
    assert any("không có giọng đọc tiếng Việt" in problem for problem in reader.problems)
    window.set_language("en")
    assert page.read_aloud.isVisible()
    qtbot_click(page.next_button)  # nothing chosen: the error is read with the page
    expected = page.spoken_text("en")
    assert (
        expected.startswith("There is a problem") and "Choose No if you are registering yourself" in expected
    )
    qtbot_click(page.read_aloud)
    assert reader.reading and page.read_aloud.text() == "Stop reading"
    qtbot.waitUntil(lambda: not reader.reading, timeout=30_000)  # read to the end
    assert " ".join(reader.said) == " ".join("".join(c if c.isalnum() else " " for c in expected).split())
    assert page.read_aloud.text() == "Read aloud"
    # Pressing again stops; a page change stops.
    qtbot_click(page.read_aloud)
    assert reader.reading
    qtbot_click(page.read_aloud)
    assert not reader.reading and page.read_aloud.text() == "Read aloud"
    qtbot_click(page.read_aloud)
    assert reader.reading
    qtbot_click(page.next_button)  # "Continue" with nothing chosen: the same page, its problem again
    assert page_of(window) is page and not reader.reading
    qtbot_click(page.read_aloud)
    assert reader.reading
    answer(qtbot, window, "choice", "No")  # on to the next page
    assert page_of(window) is not page
    assert not reader.reading
    said = len(reader.said)
    qtbot.wait(300)  # the mock reads a word each 100 ms: none more once stopped
    assert len(reader.said) == said


def test_the_session_ending_and_leaving_the_journey_stop_the_reading(
    qtbot: Any,
    make_window: Callable[..., MainWindow],
    context: AppContext,
    readers: Callable[..., ReadAloud],
) -> None:
    window = make_window(context=context, lang="en")
    reader = readers("mock", require_audio=False)
    control(window).use(reader)
    open_journey(window, TRICH_LUC)
    qtbot.waitUntil(lambda: reader.state == "ready", timeout=40_000)
    page = page_of(window)
    assert isinstance(page, QuestionPage)
    qtbot_click(page.read_aloud)
    assert reader.reading
    context.events.session_did_end.emit()
    assert not reader.reading
    qtbot_click(page.read_aloud)
    assert reader.reading
    window.show_home()  # another screen of the window (what the privacy timeout does as well)
    assert not reader.reading
    settle(qtbot, context)


# --- an engine that fails: hidden, said in Vietnamese in the log, the terminal goes on ---------------
@pytest.mark.parametrize(
    ("engine", "environment", "said"),
    [
        ("no-such-engine", {}, "Không có bộ đọc “no-such-engine” trong Qt"),
        ("speechd", {"SPEECHD_ADDRESS": "unix_socket:/nonexistent/speechd.sock"}, "không mở được"),
    ],
)
def test_an_engine_that_fails_hides_the_button_and_the_terminal_goes_on(
    qtbot: Any,
    make_window: Callable[..., MainWindow],
    readers: Callable[..., ReadAloud],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    engine: str,
    environment: dict[str, str],
    said: str,
) -> None:
    reason = speechd_missing() if engine == "speechd" else None
    if reason:
        pytest.skip(reason)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    window = make_window()
    reader = readers(engine, require_audio=False)
    control(window).use(reader)
    with caplog.at_level(logging.WARNING, logger="ui.speech"):
        page = to_for_child(qtbot, window)
        qtbot.waitUntil(lambda: reader.state != "starting", timeout=40_000)
    assert reader.state == "unavailable"
    assert said in caplog.text and "nút “Đọc to” được ẩn" in caplog.text
    assert not page.read_aloud.isVisible()
    answer(qtbot, window, "choice", "Không")  # the terminal keeps working
    assert page_of(window) is not page


def test_a_speech_dispatcher_that_never_answers_is_given_up(
    qtbot: Any,
    make_window: Callable[..., MainWindow],
    readers: Callable[..., ReadAloud],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """As speech-dispatcher is after its output module hung: it takes the connection, never answers."""
    reason = speechd_missing()
    if reason:
        pytest.skip(reason)
    path = tmp_path / "speechd.sock"
    stuck = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stuck.bind(str(path))
    stuck.listen(4)
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{path}")
    monkeypatch.setattr(speech, "OPEN_TIMEOUT_MS", 3000)
    window = make_window()
    reader = readers("speechd", require_audio=False)
    control(window).use(reader)
    try:
        with caplog.at_level(logging.WARNING, logger="ui.speech"):
            open_journey(window, THUONG_TRU)
            qtbot.waitUntil(lambda: reader.state != "starting", timeout=20_000)
    finally:
        stuck.close()
    assert reader.state == "unavailable"
    assert "không trả lời sau 3 giây" in caplog.text
    page = page_of(window)
    assert isinstance(page, QuestionPage) and not page.read_aloud.isVisible()


# --- the voice itself: a real question synthesised to a WAV file ----------------------------------------
def test_a_real_question_synthesised_in_vietnamese_is_speech_of_a_plausible_length(
    qtbot: Any, make_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    """espeak-ng is the synthesiser speech-dispatcher uses here (its speechd engine cannot synthesise
    to a buffer: QTextToSpeech.synthesize says "Synthesize not supported")."""
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        pytest.skip("espeak-ng is not installed (run.py installs it)")
    window = make_window()
    text = to_for_child(qtbot, window).spoken_text("vi")
    out = tmp_path / "for_child.wav"
    subprocess.run([espeak, "-v", "vi", "-w", str(out), text], check=True, timeout=60)
    with wave.open(str(out), "rb") as wav:
        assert wav.getsampwidth() == 2 and wav.getnchannels() == 1
        rate, frames = wav.getframerate(), wav.readframes(wav.getnframes())
    samples = array.array("h", frames)
    seconds = len(samples) / rate
    rms = (sum(s * s for s in samples) / len(samples)) ** 0.5
    # Non-silent: speech from espeak-ng sits around -20 dBFS (RMS in the thousands); silence, or a
    # file of zeros, is 0, and -50 dBFS (RMS 104 of 32767) is already inaudible next to a voice.
    assert rms > 104, rms
    # Vietnamese writes one syllable per word: a syllable takes 0.1–1 s (espeak-ng's default rate,
    # 175 words a minute, is about 0.34 s; the pauses at the full stops are in it too).
    # "Ông/Bà" is two; "18" is read "mười tám": about a syllable a digit.
    syllables = len(re.findall(r"[^\W\d_]+", text)) + sum(map(len, re.findall(r"\d+", text)))
    assert syllables == 27
    print(f"{syllables} syllables, {seconds:.2f} s ({seconds / syllables:.2f} s each), RMS {rms:.0f}")
    assert 0.1 * syllables <= seconds <= 1.0 * syllables, (seconds, syllables)


# --- kiosk doctor ---------------------------------------------------------------------------------------
def test_doctor_names_the_voice_or_says_how_to_get_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_SPEECH_ENGINE", "no-such-engine")
    [(ok, text, fix)] = speech_worker.doctor_checks("vi")
    assert not ok and "Không có bộ đọc “no-such-engine”" in text and "KIOSK_SPEECH_ENGINE" in fix
    monkeypatch.setenv("KIOSK_SPEECH_ENGINE", "mock")  # English voices only
    checks = speech_worker.doctor_checks("vi")
    assert checks[0][0] is False and "không có giọng đọc tiếng Việt" in checks[0][1]
    assert "apt-get install speech-dispatcher speech-dispatcher-espeak-ng espeak-ng" in checks[0][2]
    assert checks[1] == (True, "Đọc to: giọng “Bob” (mock).", "")
    reason = speechd_missing()
    if reason:
        pytest.skip(reason)
    monkeypatch.delenv("KIOSK_SPEECH_ENGINE")
    checks = speech_worker.doctor_checks("vi")
    assert checks[0] == (True, "Đọc to: giọng “Vietnamese (Northern)” (speechd).", "")
    no_audio = [fix for _ok, text, fix in checks if "thiết bị âm thanh" in text]
    fix = "cắm loa hoặc tai nghe và kiểm tra máy nhận thiết bị âm thanh (aplay -l)"
    assert no_audio == ([] if speech_worker.audio_present() else [fix])
