"""Issue #17 in the real window: a mother whose card is scanned files her child's birth and types nothing
the card holds; the father's pages are required once married; a resumed draft chooses no delivery; and a
self-service terminal never says "bạn" on any page of the journey."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget

from kiosk import wording
from kiosk.assets import samples_dir
from kiosk.config import Config
from kiosk.crypto import training_key
from kiosk.journey import APPLICANT, DELIVERY_METHOD
from kiosk.rules.cccd import CccdCard, build_cccd_qr
from tests.ui.test_journey import click_radio, page_of, qtbot_click, settle, type_text
from tests.ui.test_scan_input import Clock, send_keys
from ui.context import AppContext
from ui.journey.attachment import AttachmentInput
from ui.journey.check_page import CheckPage
from ui.journey.inputs import AddressInput, ChoiceInput, DateInput, TextInput
from ui.journey.question_page import QuestionPage
from ui.main_window import MainWindow
from ui.scan_input import ScanController, ScanMessage
from ui.services import Services

KHAI_SINH = "1.001193"
MOTHER = CccdCard(
    id_number="001195000456",
    old_id_number="012345678",
    full_name="Trần Thị Bình",
    date_of_birth=date(1995, 3, 12),
    gender="female",
    address="Tổ 5, Phường Phúc Xá, Quận Ba Đình, Hà Nội",
    issued_on=date(2021, 4, 10),
)
# What the card holds, as the pages show it: none of it may be typed again.
ON_THE_CARD = ("Trần Thị Bình", "12/03/1995", "001195000456", "Tổ 5")
SCAN = samples_dir() / "attachments" / "giay-chung-sinh.jpg"
# What the person gives on each page (the card fills the applicant's name, number, birth date, gender and
# address; the mother's pages are hers).
ANSWERS: dict[str, tuple[str, str]] = {
    APPLICANT + "phone": ("text", "0912345678"),
    APPLICANT + "email": ("text", ""),
    "relationship_to_child": ("choice", "Mẹ"),
    "child_full_name": ("text", "Nguyễn Minh Khang"),
    "child_date_of_birth": ("date", "01/10/2025"),
    "child_gender": ("choice", "Nam"),
    "child_place_of_birth": ("text", "Bệnh viện Phụ sản Hà Nội"),
    "child_ethnicity": ("text", "Kinh"),
    "mother_full_name": ("text", "Trần Thị Bình"),
    "mother_date_of_birth": ("date", "12/03/1995"),
    "mother_id_number": ("text", "001195000456"),
    "parents_married": ("choice", "Có"),
    "father_full_name": ("text", "Nguyễn Văn An"),
    "father_date_of_birth": ("date", "05/09/1990"),
    "father_id_number": ("text", "001090000123"),
    "has_birth_notice": ("choice", "Có"),
    DELIVERY_METHOD: ("choice", "Nhận trực tiếp tại cơ quan giải quyết"),
}


def _context(tmp_path: Path, mode: str) -> Iterator[AppContext]:
    services = Services(config=Config(mode=mode), data_dir=tmp_path / "kiosk", key=training_key())
    ctx = AppContext.create(services)
    yield ctx
    ctx.close()
    services.close()


@pytest.fixture
def context(tmp_path: Path) -> Iterator[AppContext]:
    yield from _context(tmp_path, "post_office")


@pytest.fixture
def scanners() -> Iterator[list[ScanController]]:
    made: list[ScanController] = []
    yield made
    for controller in made:
        controller.remove()  # the QApplication outlives the test: its filter must not


def scanned_mother(
    make_window: Callable[..., MainWindow], context: AppContext, qtbot: Any, scanners: list[ScanController]
) -> MainWindow:
    """The counter's start: the mother's card read by the scanner (keyboard mode) on the home screen,
    then khai sinh."""
    window = make_window(context=context)
    clock = Clock()  # a scanner's pace: a key every 6 ms
    scanners.append(ScanController(window, context, clock=clock, today=lambda: date(2026, 11, 22)))
    send_keys(build_cccd_qr(MOTHER))
    clock.step = 0.2  # from now on a person types
    message = window.findChild(ScanMessage)
    assert message is not None and "Đã đọc thẻ căn cước" in message.text.text()
    qtbot.waitUntil(message.isVisible)
    qtbot_click(message.close_button)
    qtbot.waitUntil(lambda: not any(m.isVisible() for m in window.findChildren(ScanMessage)))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.file_chooser = lambda _parent, _title, _filter: str(SCAN)
    window.show_prepare(KHAI_SINH)
    assert window.prepare is not None
    qtbot_click(window.prepare.start)
    return window


def give(qtbot: Any, page: QuestionPage, how: str, value: str) -> str:
    """Answer one page as a person at the counter does; what was typed (empty when the page already
    showed the answer and Enter was enough)."""
    box = page.input
    typed = ""
    if how in ("text", "date"):
        assert isinstance(box, TextInput | DateInput), type(box)
        if box.edit.text() != value:
            box.edit.setFocus()
            box.edit.selectAll()
            qtbot.keyClick(box.edit, Qt.Key.Key_Delete)
            type_text(box.edit, value)
            typed = value
            # The scanner's filter holds the last digits a moment (they might start a card): a person
            # pauses before Enter, and they land.
            qtbot.waitUntil(lambda: box.edit.text() == value)
        target: QWidget = box.edit
    else:
        assert isinstance(box, ChoiceInput), type(box)
        radio = next(r for _raw, r in box.buttons if r.text() == value)
        if not radio.isChecked():
            click_radio(radio)
        target = radio
    qtbot.keyClick(target, Qt.Key.Key_Return)
    return typed


def walk_to_check(qtbot: Any, window: MainWindow) -> dict[str, str]:
    """Every page up to "Kiểm tra lại thông tin": page id → what was typed there."""
    typed: dict[str, str] = {}
    for _ in range(40):
        page = page_of(window)
        if isinstance(page, CheckPage):
            return typed
        assert isinstance(page, QuestionPage)
        page_id = page.page.id
        if isinstance(page.input, AttachmentInput):
            if page.question.required:
                qtbot_click(page.input.choose)
                qtbot.waitUntil(page.input.preview.isVisible)
            qtbot_click(page.next_button)
        elif isinstance(page.input, AddressInput):
            assert page.input.value() is not None  # the card's address, converted
            qtbot.keyClick(page.input.street, Qt.Key.Key_Return)
        else:
            how, value = ANSWERS[page_id]
            typed[page_id] = give(qtbot, page, how, value)
        assert page_of(window) is not page, (page_id, page.problems())
    raise AssertionError("the journey never reached the check page")


def test_a_mother_whose_card_is_scanned_types_nothing_the_card_holds(
    qtbot: Any,
    make_window: Callable[..., MainWindow],
    context: AppContext,
    scanners: list[ScanController],
) -> None:
    window = scanned_mother(make_window, context, qtbot, scanners)
    typed = walk_to_check(qtbot, window)
    retyped = {page: text for page, text in typed.items() if text in ON_THE_CARD}
    assert retyped == {}, f"typed again although the card holds it: {retyped}"
    check = page_of(window)
    assert isinstance(check, CheckPage)
    for qid, shown in [
        ("mother_full_name", "Trần Thị Bình"),
        ("mother_date_of_birth", "12/03/1995"),
        ("mother_id_number", "001195000456"),
    ]:
        assert check.value_labels[qid].text() == shown
    # The mother's pages were shown on the way, filled and editable, with where it came from.
    assert window.journey is not None
    name = window.journey.pages["mother_full_name"]
    assert name.input.isEnabled() and "người nộp hồ sơ" in name.note.text()
    order = list(typed)
    assert order.index("relationship_to_child") < order.index("child_full_name")  # who files, first


def test_the_fathers_pages_are_required_once_married(
    qtbot: Any,
    make_window: Callable[..., MainWindow],
    context: AppContext,
    scanners: list[ScanController],
) -> None:
    window = scanned_mother(make_window, context, qtbot, scanners)
    for _ in range(30):
        page = page_of(window)
        assert isinstance(page, QuestionPage)
        if page.page.id == "father_full_name":
            break
        if isinstance(page.input, AddressInput):
            qtbot.keyClick(page.input.street, Qt.Key.Key_Return)
            continue
        give(qtbot, page, *ANSWERS[page.page.id])
    heading = page.findChild(QLabel, "journey-heading")
    assert heading is not None and heading.text() == "Họ, chữ đệm và tên người cha"  # no "(không bắt buộc)"
    qtbot.keyClick(page.input.edit, Qt.Key.Key_Return)  # left empty
    assert page_of(window) is page and page.summary.isVisible()


def test_a_resumed_draft_shows_no_delivery_choice_nobody_made(
    qtbot: Any,
    make_window: Callable[..., MainWindow],
    context: AppContext,
    scanners: list[ScanController],
) -> None:
    window = scanned_mother(make_window, context, qtbot, scanners)
    page = page_of(window)
    assert isinstance(page, QuestionPage) and page.page.id == APPLICANT + "phone"
    give(qtbot, page, "text", "0912345678")  # saved as a draft on every Continue
    settle(qtbot, context)
    assert window.journey is not None
    ref = window.journey.client_ref
    dossier = context.tasks.run_store(lambda store: store.get_dossier(ref)).result()
    assert "method" not in dossier.delivery
    window.resume_draft(ref, lambda error: pytest.fail(repr(error)))  # "Tiếp tục" on the saved draft
    qtbot.waitUntil(lambda: window.journey is not None and window.journey.resumed)
    assert window.journey is not None and window.journey.client_ref == ref
    window.journey.journey.goto(DELIVERY_METHOD)
    window.journey.show_current()
    delivery = page_of(window)
    assert isinstance(delivery, QuestionPage) and isinstance(delivery.input, ChoiceInput)
    assert not any(radio.isChecked() for _raw, radio in delivery.input.buttons)


@pytest.mark.parametrize("scale", [100, 200])
def test_self_service_never_says_ban_on_any_page_of_khai_sinh(
    qtbot: Any,
    make_window: Callable[..., MainWindow],
    tmp_path: Path,
    scanners: list[ScanController],
    scale: int,
) -> None:
    for context in _context(tmp_path, "self_service"):
        window = scanned_mother(make_window, context, qtbot, scanners)
        window.set_text_scale(scale)
        assert window.journey is not None
        window.journey.journey.goto(APPLICANT + "full_name")
        window.journey.show_current()
        seen: list[str] = []
        for _ in range(40):
            page = page_of(window)
            shown: list[QLabel | QAbstractButton] = [
                *window.findChildren(QLabel),
                *window.findChildren(QAbstractButton),
            ]
            texts = [w.text() for w in shown if w.isVisible() and w.text()]  # the page, header and footer
            seen += texts
            for text in texts:
                assert wording.YOU not in wording.problems(text), text
            if isinstance(page, CheckPage):
                break
            assert isinstance(page, QuestionPage)
            if page.page.id == APPLICANT + "full_name":
                qtbot.keyClick(page.input.edit, Qt.Key.Key_Return)  # type: ignore[attr-defined]
            elif page.page.id in ANSWERS:
                give(qtbot, page, *ANSWERS[page.page.id])
            elif isinstance(page.input, AddressInput):
                qtbot.keyClick(page.input.street, Qt.Key.Key_Return)
            else:
                if isinstance(page.input, AttachmentInput) and page.question.required:
                    qtbot_click(page.input.choose)
                    qtbot.waitUntil(page.input.preview.isVisible)
                qtbot_click(page.next_button)
            QApplication.processEvents()
        assert "Ông/Bà là gì của trẻ?" in seen and isinstance(page_of(window), CheckPage)
        hints = [edit.placeholderText() for edit in window.findChildren(QLineEdit)]
        assert not [hint for hint in hints if wording.YOU in wording.problems(hint)]
