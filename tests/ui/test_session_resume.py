"""Self-service "Lưu và tiếp tục sau": a code on screen; reopening needs the code and the CCCD number."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from kiosk.session import parse_resume_code
from tests.ui.test_session import CCCD, NAME, Kiosk, make_kiosk, visible_dialog
from ui.drafts import CccdDialog, CodeDialog, ReopenDialog

__all__ = ["make_kiosk"]
OTHER_CCCD = "001185012346"


def activate(qtbot: QtBot, kiosk: Kiosk) -> None:
    if QApplication.activeWindow() is None:
        kiosk.window.activateWindow()
        qtbot.waitUntil(kiosk.window.isActiveWindow)


def save_for_later(qtbot: QtBot, kiosk: Kiosk, ref: str) -> str:
    kiosk.session.set_draft(ref)
    kiosk.session.bar.save_later.click()
    dialog = visible_dialog(CodeDialog, qtbot)
    code = dialog.code.text()
    assert parse_resume_code(code) == code
    assert dialog.heading.text() == "Đã lưu hồ sơ"
    ended: list[bool] = []
    kiosk.context.events.session_did_end.connect(lambda: ended.append(True))
    dialog.finish.click()
    assert ended == []  # saving clears nothing: the person is back on their page
    kiosk.session.bar.next_person.click()  # saved: leaving asks nothing
    qtbot.waitUntil(lambda: ended == [True])
    return code


def reopen(qtbot: QtBot, kiosk: Kiosk, code: str, number: str) -> ReopenDialog:
    activate(qtbot, kiosk)
    existing = [w for w in QApplication.topLevelWidgets() if isinstance(w, ReopenDialog) and w.isVisible()]
    if existing:
        dialog = existing[0]
    else:
        kiosk.session.bar.reopen.click()
        dialog = visible_dialog(ReopenDialog, qtbot)
    dialog.code.clear()
    dialog.cccd.clear()
    # The digits show while typed (the person checks them), dots once the field is left.
    assert dialog.cccd.echoMode() == QLineEdit.EchoMode.PasswordEchoOnEdit
    qtbot.keyClicks(dialog.code, code.lower().replace("-", ""))
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.cccd, number)
    qtbot.keyClick(dialog.cccd, Qt.Key.Key_Return)
    kiosk.context.tasks.wait_idle()
    return dialog


def test_a_saved_draft_reopens_with_its_code_and_the_citizens_cccd_only(
    make_kiosk: Callable[..., Kiosk], qtbot: QtBot
) -> None:
    kiosk = make_kiosk("self_service")
    session = kiosk.session
    ref = kiosk.draft(kind="self_service", name=NAME, id_number=CCCD)
    code = save_for_later(qtbot, kiosk, ref)
    assert session.current_draft() is None
    assert [b.text() for b in session.buttons()] == ["Người tiếp theo", "Tiếp tục hồ sơ đã lưu"]
    assert ref in kiosk.drafts()  # saved for later: it stays
    resumed: list[str] = []
    session.resume_requested.connect(resumed.append)

    wrong_code = "0000-0000" if code != "0000-0000" else "1111-1111"
    dialog = reopen(qtbot, kiosk, wrong_code, CCCD)
    qtbot.waitUntil(lambda: "Không tìm thấy hồ sơ" in dialog.error.text())
    assert "Còn 4 lần thử" in dialog.error.text()
    dialog = reopen(qtbot, kiosk, code, OTHER_CCCD)
    qtbot.waitUntil(lambda: "Còn 3 lần thử" in dialog.error.text())
    assert resumed == []
    dialog = reopen(qtbot, kiosk, code, CCCD)
    qtbot.waitUntil(lambda: resumed == [ref])
    assert session.current_draft() == ref
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, ReopenDialog) and w.isVisible()]


def test_reopening_stops_after_too_many_wrong_tries(make_kiosk: Callable[..., Kiosk], qtbot: QtBot) -> None:
    kiosk = make_kiosk("self_service")
    ref = kiosk.draft(kind="self_service", id_number=CCCD)
    code = save_for_later(qtbot, kiosk, ref)
    for _ in range(5):
        dialog = reopen(qtbot, kiosk, code, OTHER_CCCD)
        # The store's answer: "Mở hồ sơ" again, or the pause (not just any earlier message still shown).
        qtbot.waitUntil(lambda d=dialog: d.ok.isEnabled() or not d.code.isEnabled())
    assert "Vui lòng đợi 1 phút" in dialog.error.text()
    assert not dialog.ok.isEnabled() and not dialog.code.isEnabled()


def test_a_draft_without_a_cccd_number_yet_asks_for_it_before_giving_a_code(
    make_kiosk: Callable[..., Kiosk], qtbot: QtBot
) -> None:
    kiosk = make_kiosk("self_service")
    ref = kiosk.draft(kind="self_service", name=NAME)
    kiosk.session.set_draft(ref)
    kiosk.session.bar.save_later.click()
    ask = visible_dialog(CccdDialog, qtbot)
    qtbot.keyClicks(ask.field, "12345")
    qtbot.keyClick(ask.field, Qt.Key.Key_Return)
    assert ask.error.isVisible() and ask.error.text()
    ask.field.clear()
    qtbot.keyClicks(ask.field, CCCD)
    qtbot.keyClick(ask.field, Qt.Key.Key_Return)
    code_dialog = visible_dialog(CodeDialog, qtbot)
    code = code_dialog.code.text()
    code_dialog.finish.click()
    assert kiosk.store(lambda store: store.find_saved_draft(code, CCCD)) == ref
