"""A choice from a long official list (54 ethnic groups, ~250 nationalities) as a person makes it at a
counter (a few letters typed, Enter) or on touch (a tap on a row), at 100 % and 200 % text."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from tests.ui.test_journey import context, heading, journey_window, page_of, qtbot_click, type_text
from ui.journey.inputs import AddressInput, ChoiceInput, ListChoiceInput, make_input
from ui.journey.question_page import QuestionPage
from ui.main_window import MainWindow

__all__ = ["context", "journey_window"]  # fixtures used here

KHAI_SINH = "1.001193"
THUONG_TRU = "1.004222"
SHOTS = os.environ.get("KIOSK_LIST_SHOTS")  # a folder: save what the pages look like, to look at them


def open_page(window: MainWindow, page_id: str) -> tuple[QuestionPage, ListChoiceInput]:
    assert window.journey is not None
    window.journey.journey.goto(page_id)
    window.journey.show_current()
    QApplication.processEvents()
    page = page_of(window)
    assert isinstance(page, QuestionPage) and isinstance(page.input, ListChoiceInput), type(page)
    return page, page.input


def shot(window: MainWindow, name: str) -> None:
    if SHOTS:
        QApplication.processEvents()
        window.grab().save(str(Path(SHOTS) / f"{name}-{window.scale}.png"))


def test_an_ethnic_group_is_chosen_by_typing_a_few_letters_then_enter(
    qtbot: Any, journey_window: Callable[[str], MainWindow]
) -> None:
    window = journey_window(KHAI_SINH)
    _page, box = open_page(window, "child_ethnicity")
    assert box.list.count() == 54 and box.value() == ""  # never guessed: nothing chosen at first
    assert QApplication.focusWidget() is box.search  # the typing goes straight into the search
    shot(window, "ethnicity-empty")
    type_text(box.search, "muo")
    assert [box.list.item(i).text() for i in range(box.list.count())] == ["Mường"]
    assert box.value() == "06" and box.chosen.text() == "Đã chọn: Mường"  # the only match: chosen
    shot(window, "ethnicity-typed")
    qtbot.keyClick(box.search, Qt.Key.Key_Return)
    assert heading(window) == "Quốc tịch của trẻ"
    assert window.journey is not None and window.journey.journey.value("child_ethnicity") == "06"


def test_several_matches_enter_goes_into_the_list_and_never_guesses(
    qtbot: Any, journey_window: Callable[[str], MainWindow]
) -> None:
    window = journey_window(KHAI_SINH)
    _page, box = open_page(window, "child_ethnicity")
    type_text(box.search, "th")  # Thái, Thổ, Xtiêng, … none is "th"
    assert box.list.count() > 1 and box.value() == ""
    qtbot.keyClick(box.search, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is box.list and heading(window) == "Dân tộc của trẻ"  # still here
    qtbot.keyClick(box.list, Qt.Key.Key_Down)
    assert box.value() == box.list.item(0).data(Qt.ItemDataRole.UserRole)
    type_text(box.list, "o")  # typing on the list searches: "tho"
    assert box.search.text() == "tho" and QApplication.focusWidget() is box.search
    assert box.list.item(0).text() == "Thổ" and box.value() == "24"  # a name typed whole is chosen
    qtbot.keyClick(box.search, Qt.Key.Key_Return)
    assert heading(window) == "Quốc tịch của trẻ"


def test_nationality_shows_viet_nam_and_another_is_two_keys_away(
    qtbot: Any, journey_window: Callable[[str], MainWindow]
) -> None:
    window = journey_window(KHAI_SINH)
    _page, box = open_page(window, "child_nationality")
    assert box.value() == "VN" and box.chosen.text() == "Đã chọn: Việt Nam"
    shot(window, "nationality-default")
    type_text(box.search, "lao")
    assert box.value() == "LA" and box.list.item(0).text() == "Lào"


@pytest.mark.parametrize("scale", [100, 200])
def test_a_tap_on_a_row_chooses_it_and_rows_are_finger_sized(
    qtbot: Any, journey_window: Callable[[str], MainWindow], scale: int
) -> None:
    window = journey_window(KHAI_SINH)
    window.set_text_scale(scale)
    page, box = open_page(window, "mother_ethnicity")
    type_text(box.search, "t")
    QApplication.processEvents()
    shot(window, "mother-ethnicity-t")
    assert box.list.isVisible() and box.list.count() > 5
    row = box.list.visualItemRect(box.list.item(1))
    assert row.height() >= 44  # a finger's width, at every text size
    # The search box and the rows shown are on the screen (the page scrolls them into view).
    for widget in (box.search, box.list):
        top = widget.mapTo(page.viewport(), QPoint(0, 0)).y()
        assert top >= 0 and top + min(widget.height(), 3 * row.height()) <= page.viewport().height()
    qtbot_click(box.list.viewport(), row.center())
    assert box.value() == box.list.item(1).data(Qt.ItemDataRole.UserRole)
    qtbot_click(page.next_button)
    assert heading(window) == "Nơi cư trú của người mẹ"


def test_an_address_shown_filled_is_kept_with_one_enter(
    qtbot: Any, journey_window: Callable[[str], MainWindow]
) -> None:
    """The mother's residence opens with the applicant's address: the cursor is in its street, and one
    Enter keeps it (it took three: province, ward, street)."""
    window = journey_window(KHAI_SINH)
    assert window.journey is not None
    address = {"province_code": "01", "ward_code": "00070", "street": "12 Hàng Bạc"}
    window.journey.journey.answer("applicant.address", address, "vi")
    window.journey.journey.goto("mother_residence")
    window.journey.show_current()
    page = page_of(window)
    assert isinstance(page, QuestionPage) and isinstance(page.input, AddressInput)
    assert QApplication.focusWidget() is page.input.street
    qtbot.keyClick(page.input.street, Qt.Key.Key_Return)
    assert window.journey.journey.value("mother_residence") == address


def test_arrows_in_the_list_then_enter_continue_with_the_row_chosen(
    qtbot: Any, journey_window: Callable[[str], MainWindow]
) -> None:
    window = journey_window(KHAI_SINH)
    _page, box = open_page(window, "child_ethnicity")
    qtbot.keyClick(box.search, Qt.Key.Key_Down)  # into the list, on its first row
    assert QApplication.focusWidget() is box.list and box.value() == "01"
    qtbot.keyClick(box.list, Qt.Key.Key_Down)
    qtbot.keyClick(box.list, Qt.Key.Key_Return)
    assert heading(window) == "Quốc tịch của trẻ"
    assert window.journey is not None and window.journey.journey.value("child_ethnicity") == "02"


def test_the_fee_exemptions_are_options_to_read_not_a_list_to_search(qtbot: Any) -> None:
    """The nine exemptions of cư trú (k17-fees) are read and tapped ("Không thuộc diện miễn" first): a
    search box suits a list whose item the person knows by name, such as the 54 ethnic groups."""
    from kiosk.catalog import bundled_catalog

    question = bundled_catalog().procedure(THUONG_TRU).question("fee_exemption")
    assert len(question.options) == 9
    box = make_input(question, "fee_exemption", "vi")
    qtbot.addWidget(box)
    assert isinstance(box, ChoiceInput)
    assert box.buttons[0][0] == "khong"


# The list is shown as a window of its own: the offscreen platform says it cannot pass size hints on.
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
@pytest.mark.parametrize("scale", [100, 200])
def test_a_long_option_in_a_search_list_wraps_and_never_scrolls_sideways(qtbot: Any, scale: int) -> None:
    """The nine fee exemptions at 200 % once scrolled a search list 527 px sideways
    (tests/ui/test_no_clipping): a row longer than the list is wrapped, whatever list it is in."""
    from dataclasses import replace

    from kiosk.catalog import Option, Text, bundled_catalog
    from ui import theme

    question = bundled_catalog().procedure(THUONG_TRU).question("fee_exemption")
    long = (
        "Người thuộc hộ gia đình có hoàn cảnh khó khăn theo quy định của pháp luật về an sinh xã hội,"
        " cư trú lâu dài"
    )
    options = tuple(Option(id=f"o{i}", label=Text(vi=f"{i}. {long}", en=long)) for i in range(20))
    box = make_input(replace(question, options=options), "fee_exemption", "vi")
    qtbot.addWidget(box)
    assert isinstance(box, ListChoiceInput)
    font = box.font()
    font.setPointSizeF(theme.point_size(scale))
    box.setFont(font)
    box.resize(1200, 600)
    box.show()
    qtbot.waitExposed(box)
    QApplication.processEvents()
    assert box.list.horizontalScrollBar().maximum() == 0
    rect = box.list.visualItemRect(box.list.item(0))
    assert rect.right() <= box.list.viewport().width() and rect.height() > box.list.fontMetrics().height()


def test_the_longest_nationality_wraps_at_200_percent_and_the_list_never_scrolls_sideways(
    qtbot: Any, journey_window: Callable[[str], MainWindow]
) -> None:
    window = journey_window(KHAI_SINH)
    window.set_text_scale(200)
    _page, box = open_page(window, "child_nationality")
    type_text(box.search, "hong kong")  # "Đặc khu Hành chính Hồng Kông, Trung Quốc": the longest name
    QApplication.processEvents()
    assert box.list.count() == 1
    assert box.list.horizontalScrollBar().maximum() == 0  # nothing to scroll to: the row wraps
    rect = box.list.visualItemRect(box.list.item(0))
    assert rect.right() <= box.list.viewport().width()  # the whole name is inside the list's width
