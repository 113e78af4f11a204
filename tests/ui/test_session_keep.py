"""Self-service save and resume, and privacy: the same code every save, nothing cleared by saving, every
dialog closed when the screen is cleared, the text size and contrast back with a reopened draft."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk.journey import PageKind
from tests.ui.test_session import CCCD, NAME, Kiosk, make_kiosk, visible_dialog
from tests.ui.test_session_resume import reopen
from ui.drafts import CodeDialog
from ui.journey.attachment import AttachmentInput
from ui.journey.question_page import QuestionPage
from ui.privacy import IdleWarning
from ui.session import SessionTimings

__all__ = ["make_kiosk"]
THUONG_TRU = "1.004222"  # đăng ký thường trú: name, then the CCCD number, then the date of birth
TAM_TRU = "1.004194"  # đăng ký tạm trú: asks for a scan of the proof of legal residence
TYPED_NAME = "Pham Thi Lan"
# Milliseconds instead of minutes; the idle time, counted from the touch on "Lưu và tiếp tục sau",
# leaves the store ample time to save before the warning.
QUICK = SessionTimings(idle_ms=1500, countdown_s=20, tick_ms=20)
# Qt's own print and file dialogs, shown on the offscreen platform, say it cannot size their window.
OFFSCREEN_SIZING = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def settle(qtbot: QtBot, kiosk: Kiosk) -> None:
    """Store work and the store work its answers start (save → code dialog) done, callbacks run."""
    for _ in range(3):
        kiosk.context.tasks.wait_idle()
        QApplication.processEvents()
        qtbot.wait(5)


def shown_codes(code: str) -> list[QWidget]:
    """Every widget, anywhere in the app, that still holds the code (dialogs deleted are gone)."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    found: list[QWidget] = []
    for widget in QApplication.allWidgets():
        text = widget.text() if isinstance(widget, QLabel | QLineEdit) else ""
        if code in text or code in widget.accessibleName().replace(" ", ""):
            found.append(widget)
    return found


def open_dialogs() -> list[QDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


def save(qtbot: QtBot, kiosk: Kiosk) -> CodeDialog:
    qtbot.mouseClick(kiosk.session.bar.save_later, Qt.MouseButton.LeftButton)  # a touch: input
    settle(qtbot, kiosk)
    dialog: CodeDialog = visible_dialog(CodeDialog, qtbot)
    return dialog


def question(kiosk: Kiosk) -> QuestionPage:
    journey = kiosk.window.journey
    assert journey is not None
    page = journey.current_page()
    assert isinstance(page, QuestionPage)
    return page


def start_thuong_tru(qtbot: QtBot, kiosk: Kiosk) -> None:
    """As a person does: the procedure, "Bắt đầu", the name typed and continued."""
    window = kiosk.window
    window.show_prepare(THUONG_TRU)
    assert window.prepare is not None
    qtbot.mouseClick(window.prepare.start, Qt.MouseButton.LeftButton)
    settle(qtbot, kiosk)
    name = question(kiosk).input.edit  # type: ignore[attr-defined]
    qtbot.keyClicks(name, TYPED_NAME)
    qtbot.keyClick(name, Qt.Key.Key_Return)
    # Typed without marks (QTest types ASCII only): asked how the card writes it, kept as typed.
    qtbot.mouseClick(question(kiosk).keep_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    settle(qtbot, kiosk)


def test_saving_twice_shows_the_same_code_and_the_written_down_one_reopens_the_draft(
    make_kiosk: Callable[..., Kiosk], qtbot: QtBot
) -> None:
    kiosk = make_kiosk("self_service")
    session = kiosk.session
    ref = kiosk.draft(kind="self_service", name=NAME, id_number=CCCD)
    session.set_draft(ref)
    first = save(qtbot, kiosk)
    written_down = first.code.text()
    first.finish.click()
    again = save(qtbot, kiosk)
    assert again.code.text() == written_down
    again.finish.click()
    session.bar.next_person.click()  # saved: it ends without asking
    settle(qtbot, kiosk)
    assert session.current_draft() is None and session.kept is None
    resumed: list[str] = []
    session.resume_requested.connect(resumed.append)
    reopen(qtbot, kiosk, written_down, CCCD)
    qtbot.waitUntil(lambda: resumed == [ref])
    assert session.reopen_attempts.tries_left() == 5  # the first try was the right one
    # Saved again after reopening: still the code on the person's paper.
    session.set_draft(ref)
    assert save(qtbot, kiosk).code.text() == written_down


def test_saving_clears_nothing_the_cccd_typed_and_the_page_stay(
    make_kiosk: Callable[..., Kiosk], qtbot: QtBot
) -> None:
    kiosk = make_kiosk("self_service")
    window = kiosk.window
    start_thuong_tru(qtbot, kiosk)
    page = question(kiosk)
    assert "CCCD" in page.findChild(QLabel, "journey-heading").text()  # type: ignore[union-attr]
    field = page.input.edit  # type: ignore[attr-defined]
    qtbot.keyClicks(field, CCCD)  # typed, "Tiếp tục" not pressed yet
    dialog = save(qtbot, kiosk)  # no second question for the number just typed
    code = dialog.code.text()
    dialog.finish.click()
    settle(qtbot, kiosk)
    assert question(kiosk) is page and field.text() == CCCD  # the same page, the number still there
    assert window.journey is not None
    ref = window.journey.client_ref
    assert window.journey.journey.raw("applicant.full_name") == TYPED_NAME
    kept = kiosk.store(lambda store: store.get_dossier(ref).applicant)
    assert kept == {"full_name": TYPED_NAME, "id_number": CCCD}
    # Leaving and coming back with the code: both answers are there, the next question is asked.
    kiosk.session.bar.next_person.click()
    settle(qtbot, kiosk)
    reopen(qtbot, kiosk, code, CCCD)
    qtbot.waitUntil(lambda: window.journey is not None and window.journey.client_ref == ref)
    settle(qtbot, kiosk)
    heading = question(kiosk).findChild(QLabel, "journey-heading")
    assert heading is not None and "sinh" in heading.text()  # ngày sinh: past name and CCCD
    assert window.journey.journey.raw("applicant.id_number") == CCCD


def test_the_warning_closes_the_code_dialog_and_the_timeout_leaves_the_code_nowhere(
    make_kiosk: Callable[..., Kiosk], qtbot: QtBot
) -> None:
    kiosk = make_kiosk("self_service", timings=QUICK)
    window, session = kiosk.window, kiosk.session
    window.set_text_scale(200)
    ref = kiosk.draft(kind="self_service", name=NAME, id_number=CCCD)
    session.set_draft(ref)
    code = save(qtbot, kiosk).code.text()
    ended: list[bool] = []
    kiosk.context.events.session_did_end.connect(lambda: ended.append(True))
    # The person walks away: the warning comes up, and the code is no longer on screen.
    warning = visible_dialog(IdleWarning, qtbot)
    assert open_dialogs() == [warning]
    assert shown_codes(code) == []
    qtbot.waitUntil(lambda: ended == [True], timeout=5000)
    assert open_dialogs() == []
    assert shown_codes(code) == []
    assert window.stack.currentWidget() is window.home
    assert session.kept is None
    assert ref in kiosk.drafts()  # saved for later: it stays


@OFFSCREEN_SIZING
def test_a_print_dialog_open_on_the_code_closes_when_the_warning_comes(
    make_kiosk: Callable[..., Kiosk], qtbot: QtBot
) -> None:
    kiosk = make_kiosk("self_service", timings=QUICK)
    window, session = kiosk.window, kiosk.session
    session.set_draft(kiosk.draft(kind="self_service", name=NAME, id_number=CCCD))
    dialog = save(qtbot, kiosk)
    code = dialog.code.text()
    ended: list[bool] = []
    kiosk.context.events.session_did_end.connect(lambda: ended.append(True))
    seen: list[str] = []

    def look() -> None:  # runs inside the print dialog's own event loop too
        seen.extend(type(d).__name__ for d in open_dialogs() if type(d).__name__ not in seen)

    watch = QTimer()
    watch.timeout.connect(look)
    watch.start(5)
    dialog.printers = lambda: ["Máy in thử"]  # a computer with a printer: the print dialog opens
    dialog.print_button.click()  # "In phiếu ghi mã": Qt's print dialog, in its own event loop
    qtbot.waitUntil(lambda: ended == [True], timeout=5000)
    watch.stop()
    assert "QPrintDialog" in seen and "IdleWarning" in seen
    assert open_dialogs() == []
    assert not [w for w in QApplication.allWidgets() if isinstance(w, QPrintDialog)]
    assert shown_codes(code) == []
    assert window.stack.currentWidget() is window.home


@OFFSCREEN_SIZING
def test_a_file_dialog_open_on_an_attachment_page_closes_when_the_screen_clears(
    make_kiosk: Callable[..., Kiosk], qtbot: QtBot
) -> None:
    kiosk = make_kiosk("self_service", timings=QUICK)
    window = kiosk.window
    window.show_prepare(TAM_TRU)
    assert window.prepare is not None
    qtbot.mouseClick(window.prepare.start, Qt.MouseButton.LeftButton)
    journey = window.journey
    assert journey is not None
    attachment_page = next(page for page in journey.journey.pages() if page.kind is PageKind.ATTACHMENT)
    journey.journey.goto(attachment_page.id)
    journey.show_current()
    box = question(kiosk).input
    assert isinstance(box, AttachmentInput)
    ended: list[bool] = []
    kiosk.context.events.session_did_end.connect(lambda: ended.append(True))
    seen: list[str] = []
    watch = QTimer()
    watch.timeout.connect(lambda: seen.extend(type(d).__name__ for d in open_dialogs()))
    watch.start(5)
    box.choose.click()  # "Chọn tệp": Qt's file dialog, in its own event loop
    qtbot.waitUntil(lambda: ended == [True], timeout=5000)
    watch.stop()
    assert "QFileDialog" in seen
    assert open_dialogs() == []
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not [w for w in QApplication.allWidgets() if isinstance(w, QFileDialog)]
    assert window.stack.currentWidget() is window.home


def test_a_reopened_draft_brings_back_200_percent_and_high_contrast_and_the_next_person_gets_the_default(
    make_kiosk: Callable[..., Kiosk], qtbot: QtBot
) -> None:
    kiosk = make_kiosk("self_service")
    window, session = kiosk.window, kiosk.session
    defaults = (window.scale, window.high_contrast)
    assert defaults == (100, False)  # the terminal's own (its configuration)
    ref = kiosk.draft(kind="self_service", name=NAME, id_number=CCCD)
    session.set_draft(ref)
    for _ in range(8):  # "A+" until 200 %, then it goes grey
        if window.larger_button.isEnabled():
            qtbot.mouseClick(window.larger_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.contrast_button, Qt.MouseButton.LeftButton)
    assert (window.scale, window.high_contrast) == (200, True)
    dialog = save(qtbot, kiosk)
    code = dialog.code.text()
    dialog.finish.click()
    session.bar.next_person.click()
    settle(qtbot, kiosk)
    assert (window.scale, window.high_contrast) == defaults
    reopen(qtbot, kiosk, code, CCCD)
    qtbot.waitUntil(lambda: window.journey is not None and window.journey.client_ref == ref)
    assert (window.scale, window.high_contrast) == (200, True)
    assert window.contrast_button.isChecked()
    session.bar.next_person.click()
    settle(qtbot, kiosk)
    assert (window.scale, window.high_contrast) == defaults
    assert window.stack.currentWidget() is window.home
