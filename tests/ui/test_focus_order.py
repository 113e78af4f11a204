"""Focus order follows the screen (WCAG 2.4.3): Tab, Shift+Tab and Enter on a real question page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.i18n import t
from tests.ui.test_session import Kiosk, make_kiosk
from ui.journey.question_page import QuestionPage

__all__ = ["make_kiosk"]
TRICH_LUC = "2.000635"


def open_question(kiosk: Kiosk) -> QuestionPage:
    window = kiosk.window
    window.show_prepare(TRICH_LUC)
    assert window.prepare is not None
    window.prepare.start.click()
    kiosk.context.tasks.wait_idle()
    QApplication.processEvents()
    assert window.journey is not None
    page = window.journey.current_page()
    assert isinstance(page, QuestionPage)
    return page


def walk(qtbot: QtBot, count: int, back: bool = False) -> list[str]:
    modifier = Qt.KeyboardModifier.ShiftModifier if back else Qt.KeyboardModifier.NoModifier
    names: list[str] = []
    for _ in range(count):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, modifier)
        focused = QApplication.focusWidget()
        assert focused is not None
        names.append(focused.accessibleName())
    return names


def expected(page: QuestionPage, header: list[str]) -> list[str]:
    lead = [w.accessibleName() for w in page.focus_order()[: page.focus_order().index(page.heading)]]
    answer = [w.accessibleName() for w in page.other_ways + page.input.focus_order()]
    return [
        *lead,
        page.heading.accessibleName(),
        *answer,
        t("journey.continue_name", "vi"),
        t("journey.back_name", "vi"),
        *header,
    ]


@pytest.mark.parametrize("mode", ["self_service", "post_office"])
def test_tab_goes_question_answer_continue_back_session_header_and_shift_tab_reverses(
    make_kiosk: Callable[..., Kiosk], qtbot: QtBot, mode: str
) -> None:
    kiosk = make_kiosk(mode)
    page = open_question(kiosk)
    session = [b.accessibleName() for b in kiosk.session.buttons()]
    assert session[0] == t("session.next_person_name", "vi")
    shown = [w.accessibleName() for w in kiosk.window.focus_order() if w not in page.focus_order()]
    chrome = [
        t(f"ui.{k}_name", "vi") for k in ("lang_switch", "text_smaller", "text_larger", "high_contrast")
    ]
    assert shown[: len(session)] == session  # the session's buttons first, then the header's
    assert [name for name in shown if name in chrome] == chrome
    names = expected(page, shown)  # the header's controls as laid out on screen
    page.heading.setFocus()
    start = names.index(page.heading.accessibleName())
    order = names[start:] + names[:start]
    forward = walk(qtbot, len(order))
    assert forward == order[1:] + order[:1]  # round to the heading again
    assert walk(qtbot, len(order), back=True) == list(reversed(order))
    # The same after another language and back, a larger text and high contrast.
    kiosk.window.set_language("en")
    kiosk.window.set_language("vi")
    kiosk.window.set_text_scale(200)
    kiosk.window.set_high_contrast(True)
    page.heading.setFocus()
    # At 200 % the header may fold some buttons behind one (another part's layout): what is shown counts.
    after = walk(qtbot, len(kiosk.window.focus_order()))
    back_at = order.index(t("journey.back_name", "vi"))
    assert after[:back_at] == order[1 : back_at + 1]
    assert after[-1] == order[0]  # round to the heading again


def test_the_error_summary_comes_first_and_enter_on_it_or_the_heading_does_not_continue(
    make_kiosk: Callable[..., Kiosk], qtbot: QtBot
) -> None:
    kiosk = make_kiosk("self_service")
    page = open_question(kiosk)
    qtbot.keyClick(page.input.focus_order()[0], Qt.Key.Key_Return)  # empty: the summary takes focus
    assert QApplication.focusWidget() is page.summary
    names = walk(qtbot, 3)
    assert names[0] == page.summary.links[0].accessibleName()
    assert names[1] == page.heading.accessibleName()
    page.input.set_value("Nguyễn Văn An")
    for widget in (page.summary, page.heading):
        widget.setFocus()
        qtbot.keyClick(widget, Qt.Key.Key_Return)
        assert kiosk.window.journey is not None and kiosk.window.journey.current_page() is page
    kiosk.window.contrast_button.setFocus()
    qtbot.keyClick(kiosk.window.contrast_button, Qt.Key.Key_Return)  # acts on itself only
    assert kiosk.window.high_contrast and kiosk.window.journey.current_page() is page


def test_enter_held_on_a_size_button_past_its_limit_never_undoes_the_size(
    make_kiosk: Callable[..., Kiosk], qtbot: QtBot
) -> None:
    kiosk = make_kiosk("self_service")
    open_question(kiosk)
    window = kiosk.window
    window.larger_button.setFocus()
    for _ in range(8):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.scale == 200 and QApplication.focusWidget() is window.larger_button
    assert window.larger_button.accessibleDescription() == "Chữ đã lớn nhất (200 %)"
    window.smaller_button.setFocus()
    for _ in range(8):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.scale == 100 and QApplication.focusWidget() is window.smaller_button
    assert window.smaller_button.accessibleDescription() == "Chữ đã nhỏ nhất (100 %)"
    assert window.larger_button.accessibleDescription() == ""
