"""A name or street typed without any Vietnamese mark is asked about on its page, softly: "Giữ nguyên"
goes on, retyping with marks goes on, and what a CCCD card gave is never asked about."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from kiosk.config import Config
from kiosk.crypto import training_key
from kiosk.journey import APPLICANT
from ui.context import AppContext
from ui.journey.inputs import AddressInput, TextInput
from ui.journey.question_page import QuestionPage
from ui.main_window import MainWindow
from ui.scan_input import ScanController
from ui.services import Services

from .test_journey import type_text
from .test_scan_input import CARD, PAYLOAD, Clock, focus, send_keys

TRICH_LUC = "2.000635"
NAME = APPLICANT + "full_name"
QUESTION = "Tên này chưa có dấu. Trên thẻ căn cước viết thế nào?"


def _context(tmp_path: Path, mode: str) -> AppContext:
    services = Services(config=Config(mode=mode), data_dir=tmp_path / mode, key=training_key())
    return AppContext.create(services)


@pytest.fixture
def start(make_window: Callable[..., MainWindow], tmp_path: Path) -> Iterator[Callable[[str], MainWindow]]:
    opened: list[AppContext] = []

    def go(mode: str) -> MainWindow:
        context = _context(tmp_path, mode)
        opened.append(context)
        window = make_window(context=context)
        window.show_prepare(TRICH_LUC)
        assert window.prepare is not None
        window.prepare.start.click()
        assert window.journey is not None
        return window

    yield go
    for context in opened:
        context.close()
        context.services.close()


def page(window: MainWindow) -> QuestionPage:
    assert window.journey is not None
    shown = window.journey.current_page()
    assert isinstance(shown, QuestionPage)
    return shown


def type_name(qtbot: Any, window: MainWindow, text: str) -> QLineEdit:
    box = page(window).input
    assert isinstance(box, TextInput)
    box.edit.setFocus()
    box.edit.selectAll()
    qtbot.keyClick(box.edit, Qt.Key.Key_Delete)
    type_text(box.edit, text)
    qtbot.keyClick(box.edit, Qt.Key.Key_Return)
    return box.edit


def test_a_name_without_marks_is_asked_about_and_kept_as_typed(qtbot: Any, start: Any) -> None:
    window = start("post_office")
    edit = type_name(qtbot, window, "Tran Van Loc")
    shown = page(window)
    assert shown.page.id == NAME  # still on the name page: asked, not refused
    assert shown.marks.isVisible() and shown.marks_question.text() == QUESTION
    assert not shown.summary.isVisible()  # a question, not an error
    assert "Giữ nguyên" in shown.marks_help.text() and "bạn" not in shown.marks_help.text().lower()
    assert shown.keep_button.text() == "Giữ nguyên"
    assert edit.hasFocus()  # the cursor stays in the name, to retype it with marks
    assert shown.keep_button in shown.focus_order()
    qtbot.mouseClick(shown.keep_button, Qt.MouseButton.LeftButton)
    assert page(window).page.id == APPLICANT + "id_number"
    assert window.journey is not None
    assert window.journey.journey.value(NAME) == "Tran Van Loc"
    # Back on the page ("Quay lại"), the name kept is not asked about again.
    window.journey.journey.goto(NAME)
    window.journey.show_current()
    qtbot.keyClick(page(window).input.edit, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert page(window).page.id == APPLICANT + "id_number"


def test_retyping_the_name_with_marks_goes_on(qtbot: Any, start: Any) -> None:
    window = start("post_office")
    type_name(qtbot, window, "Tran Van Loc")
    assert page(window).marks.isVisible()
    type_name(qtbot, window, "Trần Văn Lộc")
    assert page(window).page.id == APPLICANT + "id_number"
    assert window.journey is not None
    assert window.journey.journey.value(NAME) == "Trần Văn Lộc"


def test_continue_again_keeps_it_and_one_word_or_marks_are_never_asked(qtbot: Any, start: Any) -> None:
    window = start("post_office")
    type_name(qtbot, window, "Tran Van Loc")
    assert page(window).marks.isVisible()
    qtbot.keyClick(page(window).input.edit, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert page(window).page.id == APPLICANT + "id_number"  # asked once: never a wall
    for name in ("Lan", "John Smith", "Nguyễn Văn An"):
        window2 = start("post_office")
        type_name(qtbot, window2, name)
        assert page(window2).page.id == APPLICANT + "id_number", name


def test_a_street_without_marks_is_asked_about_politely_at_a_self_service_terminal(
    qtbot: Any, start: Any
) -> None:
    window = start("self_service")
    assert window.journey is not None
    window.journey.journey.goto(APPLICANT + "address")
    window.journey.show_current()
    box = page(window).input
    assert isinstance(box, AddressInput)
    type_text(box.province_search, "ha noi")
    type_text(box.ward_search, "hoan kiem")
    type_text(box.street, "So 10 Tran Hung Dao")
    qtbot.keyClick(box.street, Qt.Key.Key_Return)
    shown = page(window)
    assert shown.page.id == APPLICANT + "address" and shown.marks.isVisible()
    assert shown.marks_question.text().startswith("Địa chỉ này chưa có dấu.")
    help_text = shown.marks_help.text()
    assert help_text.startswith("Vui lòng") and "bạn" not in help_text.lower()
    assert box.street.hasFocus()
    box.street.setText("Số 10 Trần Hưng Đạo")
    qtbot.keyClick(box.street, Qt.Key.Key_Return)
    assert page(window).page.id != APPLICANT + "address"
    assert window.journey.journey.applicant()["address"]["street"] == "Số 10 Trần Hưng Đạo"  # type: ignore[index]


def test_a_name_read_from_a_cccd_card_is_never_asked_about(qtbot: Any, start: Any) -> None:
    """The card is authoritative: a name it gives without marks goes on as it is."""
    window = start("post_office")
    assert window.journey is not None
    controller = ScanController(window, window.context, clock=Clock(), today=lambda: date(2026, 11, 22))
    try:
        focus(page(window).input.edit, qtbot)  # type: ignore[attr-defined]
        send_keys(PAYLOAD.replace(CARD.full_name, "Tran Van Loc"))
        shown = page(window)
        # A card's name without marks stops on its page with the card's own note (the scanner may
        # have lost them: kiosk/cccd_intake.py), not with a second question.
        assert shown.page.id == NAME and shown.input.value() == "Tran Van Loc"
        assert shown.note.isVisible() and not shown.marks.isVisible()
        qtbot.keyClick(shown.input.edit, Qt.Key.Key_Return)  # type: ignore[attr-defined]
        assert not shown.marks.isVisible()
        assert page(window).page.id == APPLICANT + "id_number"
        assert window.journey.journey.value(NAME) == "Tran Van Loc"
    finally:
        controller.remove()
