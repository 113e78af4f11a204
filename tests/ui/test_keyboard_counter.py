"""The counter's keyboard path (issue #17 point 9): an agent with keyboard and scanner, few presses a page.

Each test drives the real window with key presses on the focused widget, as the agent does, and counts
what it takes; the self-service terminal keeps its own arrival (the heading, for a citizen reading through).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.config import Config
from kiosk.crypto import training_key
from tests.ui.test_journey import (
    APPLICANT_STEPS,
    TRICH_LUC,
    answer,
    fill_to_check,
    page_of,
    qtbot_click,
    settle,
)
from ui.context import AppContext
from ui.journey.attachment import AttachmentInput
from ui.journey.check_page import CheckPage
from ui.journey.confirmation import ConfirmationPage
from ui.journey.inputs import ChoiceInput, TextInput
from ui.journey.question_page import QuestionPage
from ui.main_window import MainWindow
from ui.services import Services

KHAI_SINH = "1.001193"


def window_in(mode: str, tmp_path: Path, make_window: Callable[..., MainWindow]) -> Iterator[MainWindow]:
    services = Services(config=Config(mode=mode), data_dir=tmp_path / "kiosk", key=training_key())
    context = AppContext.create(services)
    window = make_window(context=context)
    window.show_prepare(TRICH_LUC)
    assert window.prepare is not None
    qtbot_click(window.prepare.start)
    assert window.journey is not None
    yield window
    context.close()
    services.close()


@pytest.fixture
def counter(tmp_path: Path, make_window: Callable[..., MainWindow]) -> Iterator[MainWindow]:
    yield from window_in("post_office", tmp_path, make_window)


@pytest.fixture
def self_service(tmp_path: Path, make_window: Callable[..., MainWindow]) -> Iterator[MainWindow]:
    yield from window_in("self_service", tmp_path, make_window)


def press(qtbot: Any, key: Qt.Key) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, key)


def test_at_a_counter_the_check_page_arrives_on_the_declaration_and_four_presses_submit(
    qtbot: Any, counter: MainWindow
) -> None:
    """Space ticks the declaration, Tab, Space the citizen's consent, Enter submits: 4 presses, where the
    agent went round the header with 11 Shift+Tab before; the boxes and "Nộp hồ sơ" are in view."""
    check = fill_to_check(qtbot, counter)
    assert QApplication.focusWidget() is check.declaration.box
    assert not check.declaration.isChecked() and not check.consent.isChecked()  # never ticked for them
    for widget in (check.declaration.box, check.consent.box, check.submit):
        assert not widget.visibleRegion().isEmpty(), widget.objectName()
    press(qtbot, Qt.Key.Key_Space)
    assert check.declaration.isChecked()
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is check.consent.box
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Return)
    assert counter.journey is not None and counter.journey.context is not None
    settle(qtbot, counter.journey.context)
    qtbot.waitUntil(lambda: isinstance(page_of(counter), ConfirmationPage))


def test_at_a_counter_an_enter_too_many_on_the_last_question_ticks_nothing(
    qtbot: Any, counter: MainWindow
) -> None:
    """The declaration stays a conscious act: Enter on the box submits as anywhere on the page, and with
    nothing ticked that is refused with the problems, never taken as the tick."""
    check = fill_to_check(qtbot, counter)
    assert QApplication.focusWidget() is check.declaration.box
    press(qtbot, Qt.Key.Key_Return)
    assert page_of(counter) is check
    assert not check.declaration.isChecked()
    assert QApplication.focusWidget() is check.summary
    assert any("cam đoan" in link.text() for link in check.summary.links)


def test_at_a_counter_back_on_the_check_page_with_the_boxes_ticked_arrives_on_the_heading(
    qtbot: Any, counter: MainWindow
) -> None:
    """Both boxes ticked already (back from a question): nothing left to tick, the top of the page as
    before, where Enter submits."""
    check = fill_to_check(qtbot, counter)
    press(qtbot, Qt.Key.Key_Space)
    assert QApplication.focusWidget() is check.declaration.box
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Space)
    check.arrive()
    assert QApplication.focusWidget() is check.heading
    assert check.verticalScrollBar().value() == 0


def test_self_service_check_page_still_arrives_on_its_heading_at_the_top(
    qtbot: Any, self_service: MainWindow
) -> None:
    """A citizen alone reads the answers from the top (a screen reader from the heading); no consent box."""
    check = fill_to_check(qtbot, self_service)
    assert isinstance(check, CheckPage)
    assert QApplication.focusWidget() is check.heading
    assert check.verticalScrollBar().value() == 0
    assert check.consent.isHidden() and not check.declaration.isChecked()


def test_a_digit_chooses_the_option_at_that_place_and_enter_continues(
    qtbot: Any, counter: MainWindow
) -> None:
    """ "2" chooses the second option (focus and all), a digit past the last does nothing, the number
    pad's digits count too; Enter then continues: two presses for any option of the list."""
    for how, value in APPLICANT_STEPS[:3]:
        answer(qtbot, counter, how, value)
    page = page_of(counter)
    assert isinstance(page, QuestionPage) and isinstance(page.input, ChoiceInput)
    radios = [radio for _raw, radio in page.input.buttons]
    assert len(radios) >= 2 and QApplication.focusWidget() is radios[0] and page.input.value() == ""
    press(qtbot, Qt.Key.Key_9)
    assert page.input.value() == "" and QApplication.focusWidget() is radios[0]
    press(qtbot, Qt.Key.Key_2)
    assert radios[1].isChecked() and QApplication.focusWidget() is radios[1]
    qtbot.keyClick(radios[1], Qt.Key.Key_1, Qt.KeyboardModifier.KeypadModifier)
    assert radios[0].isChecked() and QApplication.focusWidget() is radios[0]  # "Nam", as on the CCCD
    chosen = page.input.value()
    press(qtbot, Qt.Key.Key_Return)
    assert page_of(counter) is not page
    assert counter.journey is not None and counter.journey.journey.raw(page.page.id) == chosen


def test_ctrl_enter_continues_past_a_document_not_handed_over_in_one_press(
    qtbot: Any, make_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    """The marriage certificate (optional): the page arrives on "Chọn tệp", where Enter and Space open
    the file dialog; Ctrl+Enter goes on without it (it was Tab, Tab, Space), the dialog never opened."""
    services = Services(config=Config(mode="post_office"), data_dir=tmp_path / "kiosk", key=training_key())
    context = AppContext.create(services)
    try:
        window = make_window(context=context)
        opened: list[str] = []
        window.file_chooser = lambda _parent, title, _filter: opened.append(title)  # type: ignore[assignment,return-value]
        window.start_journey(KHAI_SINH)
        journey = window.journey
        assert journey is not None
        journey.journey.goto("marriage_certificate_scan")
        journey.show_current()
        page = page_of(window)
        assert isinstance(page, QuestionPage) and isinstance(page.input, AttachmentInput)
        assert QApplication.focusWidget() is page.input.choose  # one press opens the dialog
        qtbot.keyClick(page.input.choose, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert opened == [] and page_of(window) is not page
    finally:
        context.close()
        services.close()


def test_ctrl_enter_anywhere_on_a_question_continues_and_never_goes_back(
    qtbot: Any, counter: MainWindow
) -> None:
    """On "Quay lại" (where Enter goes back) Ctrl+Enter still means "Tiếp tục"; an answer missing is
    said as by the button, the page kept. The number pad's Enter counts too."""
    page = page_of(counter)
    assert isinstance(page, QuestionPage) and isinstance(page.input, TextInput)
    page.back.setFocus()
    qtbot.keyClick(page.back, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert page_of(counter) is page and page.summary.isVisible()  # the name is required: said, not skipped
    page.input.edit.setText("Nguyễn Văn An")
    page.back.setFocus()
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.KeypadModifier
    qtbot.keyClick(page.back, Qt.Key.Key_Enter, modifiers)
    following = page_of(counter)
    assert isinstance(following, QuestionPage) and following is not page
    assert counter.journey is not None and counter.journey.journey.raw(page.page.id) == "Nguyễn Văn An"
