"""A CCCD card scanned in keyboard mode: real key events on any screen, never typed into a field."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from kiosk.config import Config
from kiosk.crypto import training_key
from kiosk.journey import APPLICANT
from kiosk.rules.cccd import CccdCard, build_cccd_qr
from ui.context import AppContext
from ui.events import AppEvents
from ui.journey.question_page import QuestionPage
from ui.main_window import MainWindow
from ui.scan_input import ScanController, ScanMessage
from ui.services import Services

TODAY = date(2026, 11, 22)
TRICH_LUC = "2.000635"
CARD = CccdCard(
    id_number="001090012345",
    old_id_number="012345678",
    full_name="Nguyễn Văn An",
    date_of_birth=date(1990, 5, 17),
    gender="male",
    address="Tổ 5, Phường Phúc Xá, Quận Ba Đình, Hà Nội",
    issued_on=date(2021, 4, 10),
)
PAYLOAD = build_cccd_qr(CARD)
NO_ACCENTS = (
    "001090012345|012345678|Nguyen Van An|17051990|Nam|To 5, Phuong Phuc Xa, Quan Ba Dinh, Ha Noi|10042021"
)


class Clock:
    """The filter's clock: each reading is `step` seconds after the last (a scanner, or a person)."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.step = 0.006

    def __call__(self) -> float:
        self.now += self.step
        return self.now


@dataclass
class Scanning:
    window: MainWindow
    controller: ScanController
    clock: Clock


@pytest.fixture
def context(tmp_path: Path) -> Iterator[AppContext]:
    services = Services(config=Config(mode="post_office"), data_dir=tmp_path / "kiosk", key=training_key())
    ctx = AppContext.create(services)
    yield ctx
    ctx.close()
    services.close()


@pytest.fixture
def scanning(make_window: Callable[..., MainWindow], context: AppContext) -> Iterator[Scanning]:
    window = make_window(context=context)
    clock = Clock()
    controller = ScanController(window, context, clock=clock, today=lambda: TODAY)
    yield Scanning(window, controller, clock)
    controller.remove()  # the QApplication outlives the test: its filter must not


def key_event(kind: QKeyEvent.Type, ch: str) -> QKeyEvent:
    key = ord(ch.upper()) if ch.isascii() and ch.isprintable() else 0
    shift = ch == "|" or ch.isupper()
    modifiers = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    return QKeyEvent(kind, key, modifiers, ch)


def send_keys(text: str, *, enter: bool = True) -> None:
    """Press and release each character through QApplication to the focused widget, then Enter."""
    for ch in text:
        target = QApplication.focusWidget()
        assert target is not None
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            QApplication.sendEvent(target, key_event(kind, ch))
    if enter:
        target = QApplication.focusWidget()
        assert target is not None
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            QApplication.sendEvent(
                target, QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")
            )


def focus(widget: QWidget, qtbot: Any) -> None:
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def start_journey(window: MainWindow) -> None:
    window.show_prepare(TRICH_LUC)
    assert window.prepare is not None
    window.prepare.start.click()
    assert window.journey is not None


def open_page(window: MainWindow, page_id: str) -> None:
    assert window.journey is not None
    window.journey.journey.goto(page_id)
    window.journey.show_current()


def current(window: MainWindow) -> QuestionPage:
    assert window.journey is not None
    widget = window.journey.current_page()
    assert isinstance(widget, QuestionPage)
    return widget


def test_a_burst_on_the_home_screen_leaves_the_search_box_alone_and_fills_the_next_journey(
    scanning: Scanning, qtbot: Any
) -> None:
    window = scanning.window
    assert window.home is not None
    search = window.home.findChild(QLineEdit)
    assert search is not None
    focus(search, qtbot)
    scanning.clock.step = 0.2
    send_keys("khai", enter=False)
    assert search.text() == "khai"
    scanning.clock.step = 0.006  # the scanner
    send_keys(PAYLOAD)
    assert search.text() == "khai"  # not one character of the card reached the focused field
    message = window.findChild(ScanMessage)
    assert message is not None and message.isVisible()
    assert "Đã đọc thẻ căn cước" in message.text.text()
    message.accept()
    start_journey(window)
    shown = current(window)
    assert shown.page.id == APPLICANT + "phone"  # the first thing the card does not say
    assert "Đã điền họ tên, số thẻ căn cước" in shown.note.text()
    assert window.journey is not None
    assert window.journey.journey.applicant() == {
        "full_name": "Nguyễn Văn An",
        "id_number": "001090012345",
        "date_of_birth": "1990-05-17",
        "gender": "male",
        "address": {"province_code": "01", "ward_code": "00097", "street": "Tổ 5"},
    }


def test_a_burst_in_a_journey_fills_the_applicant_pages_marked_and_editable(
    scanning: Scanning, qtbot: Any
) -> None:
    window = scanning.window
    start_journey(window)
    name_page = current(window)
    assert name_page.page.id == APPLICANT + "full_name"
    edit = name_page.findChild(QLineEdit, "input-full_name")
    assert edit is not None
    focus(edit, qtbot)
    send_keys(PAYLOAD)
    assert current(window).page.id == APPLICANT + "phone"
    open_page(window, APPLICANT + "full_name")
    assert edit.text() == "Nguyễn Văn An"  # the card's name, not the card's text typed into the box
    assert "Điền từ thẻ căn cước" in name_page.note.text()
    assert edit.isEnabled() and not edit.isReadOnly()
    open_page(window, APPLICANT + "address")
    address = current(window)
    assert address.input.value() == {"province_code": "01", "ward_code": "00097", "street": "Tổ 5"}
    assert "Phường Phúc Xá, Quận Ba Đình" in address.note.text()  # the card's old address, to compare
    assert "Đã chuyển sang phường/xã mới" in address.note.text()


def test_a_card_scanned_while_the_screen_is_covered_changes_nothing(scanning: Scanning, qtbot: Any) -> None:
    """The agent's lock (or the privacy warning) hides a dossier: a passer-by's card scanned then must
    not become its applicant, nor be kept for the next one."""
    from ui.lock_screen import LockScreen

    window = scanning.window
    start_journey(window)
    name_page = current(window)
    edit = name_page.findChild(QLineEdit, "input-full_name")
    assert edit is not None
    lock = LockScreen(window)
    lock.setGeometry(window.rect())
    lock.show()
    focus(lock, qtbot)
    send_keys(PAYLOAD)
    assert current(window) is name_page and edit.text() == ""
    assert window.journey is not None and window.journey.journey.value(APPLICANT + "id_number") is None
    assert scanning.controller.pending is None
    lock.hide()
    focus(edit, qtbot)
    send_keys(PAYLOAD)  # unlocked: the same card fills the dossier
    assert current(window).page.id == APPLICANT + "phone"


def test_the_scan_dialog_takes_the_scanners_card(scanning: Scanning, qtbot: Any) -> None:
    """ "Quét thẻ căn cước" opens a dialog that asks for the card: a scan then is what it waits for."""
    window = scanning.window
    start_journey(window)
    dialog = scanning.controller.open_dialog(window.journey)
    qtbot.waitUntil(dialog.isVisible)
    assert QApplication.activeModalWidget() is dialog
    focus(dialog, qtbot)
    send_keys(PAYLOAD)
    assert window.journey is not None
    assert window.journey.journey.value(APPLICANT + "id_number") == CARD.id_number


def test_an_uncertain_address_opens_on_its_province_and_asks_for_the_new_ward(
    scanning: Scanning, qtbot: Any
) -> None:
    window = scanning.window
    start_journey(window)
    focus(current(window).findChild(QLineEdit, "input-full_name"), qtbot)  # type: ignore[arg-type]
    old = "59 Nguyễn Sỹ Sách, Phường 15, Quận Tân Bình, Thành phố Hồ Chí Minh"
    send_keys(PAYLOAD.replace(CARD.address, old).replace("001090012345", "079090012345"))
    open_page(window, APPLICANT + "address")
    address = current(window)
    assert address.input.value() == {"province_code": "79", "ward_code": "", "street": "59 Nguyễn Sỹ Sách"}
    note = address.note.text()
    assert old in note
    assert "Vui lòng chọn phường/xã mới" in note
    assert "Phường Tân Bình" in note and "Phường Tân Sơn" in note
    assert window.journey is not None
    assert "address" not in window.journey.journey.applicant()  # not filled until the person chooses


def test_without_accents_the_name_page_asks_to_correct_name_and_address(
    scanning: Scanning, qtbot: Any
) -> None:
    window = scanning.window
    start_journey(window)
    edit = current(window).findChild(QLineEdit, "input-full_name")
    assert edit is not None
    focus(edit, qtbot)
    send_keys(NO_ACCENTS)
    shown = current(window)
    assert shown.page.id == APPLICANT + "full_name"
    assert edit.text() == "Nguyen Van An"
    assert "không đọc được dấu tiếng Việt" in shown.note.text()
    assert shown.note.isVisible()
    # The person corrects the name with accents and goes on.
    edit.setText("Nguyễn Văn An")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert current(window).page.id == APPLICANT + "id_number"
    assert window.journey is not None
    assert window.journey.journey.value(APPLICANT + "full_name") == "Nguyễn Văn An"


@pytest.mark.parametrize(
    "payload",
    [
        PAYLOAD.rsplit("|", 1)[0],  # six fields
        PAYLOAD.replace("001090012345", "001190012345"),  # the number says a woman; the card says Nam
        PAYLOAD.replace("001090012345", "001088012345"),  # the number says born 1988
        PAYLOAD.replace("001090012345", "00109001234"),  # 11 digits
    ],
)
def test_a_bad_payload_says_so_and_changes_nothing(scanning: Scanning, qtbot: Any, payload: str) -> None:
    window = scanning.window
    start_journey(window)
    edit = current(window).findChild(QLineEdit, "input-full_name")
    assert edit is not None
    focus(edit, qtbot)
    scanning.clock.step = 0.2
    send_keys("Trần Thị Bình", enter=False)
    scanning.clock.step = 0.006
    send_keys(payload)
    assert window.journey is not None
    assert edit.text() == "Trần Thị Bình"
    assert window.journey.journey.applicant() == {}
    assert window.journey.notice.isVisible()
    assert "Không đọc được thẻ căn cước" in window.journey.notice.text()
    assert "Chưa có thông tin nào bị thay đổi" in window.journey.notice.text()


def test_a_bad_card_right_after_a_good_one_keeps_its_message_when_the_first_save_lands(
    scanning: Scanning, context: AppContext, qtbot: Any
) -> None:
    """The good card's autosave finishes in the background after the bad card was refused: the refusal
    must stay on screen (a save may clear only notices that were up before it began)."""
    window = scanning.window
    start_journey(window)
    focus(current(window).findChild(QLineEdit, "input-full_name"), qtbot)  # type: ignore[arg-type]
    with qtbot.waitSignal(context.events.dossier_did_change, timeout=5000):
        send_keys(PAYLOAD)  # filled; its save is now running on the store thread
        send_keys(PAYLOAD.rsplit("|", 1)[0])  # a bad one before that save is back
        assert window.journey is not None
        assert window.journey.notice.isVisible()
    qtbot.wait(50)
    assert window.journey.notice.isVisible()
    assert "Không đọc được thẻ căn cước" in window.journey.notice.text()
    assert window.journey.journey.applicant()["full_name"] == "Nguyễn Văn An"


def test_a_person_typing_slowly_gets_every_character_in_order(scanning: Scanning, qtbot: Any) -> None:
    window = scanning.window
    start_journey(window)
    open_page(window, APPLICANT + "phone")
    edit = current(window).findChild(QLineEdit, "input-phone")
    assert edit is not None
    focus(edit, qtbot)
    scanning.clock.step = 0.15
    send_keys("0912|345 678", enter=False)
    qtbot.waitUntil(lambda: edit.text() == "0912|345 678")  # the last digit comes after the pause
    assert not scanning.controller.keyboard.detector.holding


def test_fast_digits_without_a_separator_are_replayed_unchanged(scanning: Scanning, qtbot: Any) -> None:
    window = scanning.window
    assert window.home is not None
    search = window.home.findChild(QLineEdit)
    assert search is not None
    focus(search, qtbot)
    send_keys("00109001234567890123456789012345678901234567890")
    assert search.text() == "00109001234567890123456789012345678901234567890"


def test_next_person_forgets_a_card_kept_for_the_next_journey(scanning: Scanning, qtbot: Any) -> None:
    window = scanning.window
    assert window.home is not None and window.context is not None
    focus(window.home.findChild(QLineEdit), qtbot)  # type: ignore[arg-type]
    send_keys(PAYLOAD)
    assert scanning.controller.pending is not None
    events: AppEvents = window.context.events
    events.session_did_end.emit()
    assert scanning.controller.pending is None
    start_journey(window)
    assert window.journey is not None
    assert window.journey.journey.applicant() == {}
    assert current(window).page.id == APPLICANT + "full_name"


def test_fast_digits_then_a_click_on_continue_keep_every_digit(scanning: Scanning, qtbot: Any) -> None:
    window = scanning.window
    start_journey(window)
    open_page(window, APPLICANT + "phone")
    phone = current(window)
    edit = phone.findChild(QLineEdit, "input-phone")
    assert edit is not None
    focus(edit, qtbot)
    send_keys("0912345678", enter=False)  # a fast hand: every key inside the burst window
    assert scanning.controller.keyboard.detector.holding
    qtbot.mouseClick(phone.next_button, Qt.MouseButton.LeftButton)  # at once, before any timer
    assert edit.text() == "0912345678"
    assert window.journey is not None
    assert window.journey.journey.value(APPLICANT + "phone") == "0912345678"
    assert current(window).page.id != APPLICANT + "phone"
