"""The guided journey driven as a person would: type, press Enter, click, read what the screen says."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QRadioButton, QWidget

from kiosk.config import Config
from kiosk.crypto import training_key
from kiosk.store import DossierState
from ui.context import AppContext
from ui.journey.check_page import CheckPage
from ui.journey.confirmation import ConfirmationPage
from ui.journey.inputs import AddressInput, ChoiceInput, DateInput, ListChoiceInput, TextInput
from ui.journey.question_page import QuestionPage
from ui.main_window import MainWindow
from ui.services import Services

TRICH_LUC = "2.000635"
APPLICANT_STEPS: list[tuple[str, object]] = [
    ("text", "Nguyễn Văn An"),
    ("text", "001090000123"),
    ("date", "05/09/1990"),
    ("choice", "Nam"),
    ("text", "0912345678"),
    ("text", ""),
    ("address", ("ha noi", "hoan kiem", "12 Hàng Bạc")),
]


@pytest.fixture
def context(tmp_path: Path) -> Iterator[AppContext]:
    services = Services(config=Config(mode="post_office"), data_dir=tmp_path / "kiosk", key=training_key())
    ctx = AppContext.create(services)
    yield ctx
    ctx.close()
    services.close()


@pytest.fixture
def journey_window(
    make_window: Callable[..., MainWindow], context: AppContext
) -> Callable[[str], MainWindow]:
    def start(code: str) -> MainWindow:
        window = make_window(context=context)
        window.show_prepare(code)
        assert window.prepare is not None
        qtbot_click(window.prepare.start)
        assert window.journey is not None
        return window

    return start


def type_text(widget: QWidget, text: str) -> None:
    """Type as a keyboard does: ASCII through QTest; Vietnamese letters as key events carrying the text,
    as an input method (Unikey, ibus) delivers them (QTest only maps ASCII to keys)."""
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtTest import QTest

    for ch in text:
        if ch.isascii():
            QTest.keyClicks(widget, ch)
            continue
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def qtbot_click(widget: QWidget, pos: QPoint | None = None) -> None:
    from PySide6.QtTest import QTest

    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos or QPoint())


def page_of(window: MainWindow) -> QWidget:
    assert window.journey is not None
    page = window.journey.current_page()
    assert page is not None
    return page


def heading(window: MainWindow) -> str:
    return page_of(window).findChild(QLabel, "journey-heading").text()  # type: ignore[union-attr]


def progress(window: MainWindow) -> str:
    page = page_of(window)
    assert isinstance(page, QuestionPage)
    return page.progress.text() if page.progress.isVisible() else ""


def settle(qtbot: Any, context: AppContext) -> None:
    """Let queued store work finish and its callbacks reach the UI thread."""
    context.tasks.wait_idle()
    for _ in range(3):
        QApplication.processEvents()
    qtbot.wait(10)


def answer(qtbot: Any, window: MainWindow, how: str, value: object, *, enter: bool = True) -> None:
    """Give one answer the way a person does it; Enter (or the button) continues."""
    page = page_of(window)
    assert isinstance(page, QuestionPage), type(page)
    box = page.input
    if how == "text":
        assert isinstance(box, TextInput)
        box.edit.setFocus()
        box.edit.selectAll()
        qtbot.keyClick(box.edit, Qt.Key.Key_Delete)
        type_text(box.edit, str(value))
        target: QWidget = box.edit
    elif how == "date":
        assert isinstance(box, DateInput)
        box.edit.setFocus()
        box.edit.selectAll()
        qtbot.keyClick(box.edit, Qt.Key.Key_Delete)
        type_text(box.edit, str(value))
        target = box.edit
    elif how == "choice":
        assert isinstance(box, ChoiceInput)
        radio = next(r for _raw, r in box.buttons if r.text() == value)
        click_radio(radio)
        target = radio
    elif how == "list":  # a long list (ethnic groups, nationalities): a few letters typed, then Enter
        assert isinstance(box, ListChoiceInput)
        box.search.setFocus()
        type_text(box.search, str(value))
        target = box.search
    elif how == "default":  # what the page shows already (Việt Nam, 1 copy, the applicant's address)
        target = box.street if isinstance(box, AddressInput) else box.focus_order()[0]
        if value is not None:
            assert box.value() == value, (box.value(), value)
    elif how == "address":
        assert isinstance(box, AddressInput)
        province, ward, street = value  # type: ignore[misc]
        type_text(box.province_search, province)
        type_text(box.ward_search, ward)
        type_text(box.street, street)
        target = box.street
    else:
        raise AssertionError(how)
    if enter:
        qtbot.keyClick(target, Qt.Key.Key_Return)


def click_radio(radio: QRadioButton) -> None:
    # Click on the round indicator, where a person's finger lands on the option.
    qtbot_click(radio, QPoint(radio.height() // 2, radio.height() // 2))
    assert radio.isChecked()


def fill_applicant(qtbot: Any, window: MainWindow) -> None:
    for how, value in APPLICANT_STEPS:
        answer(qtbot, window, how, value)
        page = page_of(window)
        if isinstance(page, QuestionPage):
            assert not page.summary.isVisible(), page.summary.accessibleDescription()


def fill_to_check(qtbot: Any, window: MainWindow) -> CheckPage:
    """The simple procedure (trích lục) answered as a person would, up to "Kiểm tra lại thông tin"."""
    fill_applicant(qtbot, window)
    answer(qtbot, window, "choice", "Khai sinh")
    answer(qtbot, window, "text", "Trần Thị Bình")
    answer(qtbot, window, "date", "01/02/1950")
    answer(qtbot, window, "text", "UBND xã Phú Mỹ")
    answer(qtbot, window, "text", "1950")
    answer(qtbot, window, "text", "2")
    answer(qtbot, window, "choice", "Nhận trực tiếp tại cơ quan giải quyết")
    check = page_of(window)
    assert isinstance(check, CheckPage)
    return check


def test_simple_procedure_from_start_to_confirmation_offline(
    qtbot: Any, journey_window: Callable[[str], MainWindow], context: AppContext
) -> None:
    window = journey_window(TRICH_LUC)
    assert heading(window) == "Họ, chữ đệm và tên của người nộp hồ sơ"
    assert progress(window) == "Bước 1/14"
    fill_applicant(qtbot, window)
    assert heading(window) == "Cần bản sao loại nào?"
    assert progress(window) == "Bước 8/14"
    answer(qtbot, window, "choice", "Khai sinh")
    answer(qtbot, window, "text", "Trần Thị Bình")
    # Date by touch: the three boxes fill the typed field.
    page = page_of(window)
    assert isinstance(page, QuestionPage) and isinstance(page.input, DateInput)
    page.input.day.setCurrentIndex(1)
    page.input.month.setCurrentIndex(2)
    page.input.year.setCurrentIndex(page.input.year.findText("1950"))
    assert page.input.edit.text() == "01/02/1950"
    qtbot_click(page.next_button)
    answer(qtbot, window, "text", "UBND xã Phú Mỹ")
    answer(qtbot, window, "text", "1950")
    answer(qtbot, window, "text", "2")  # the e-mail was asked once, with the applicant's details
    assert heading(window) == "Nhận kết quả bằng cách nào?"
    answer(qtbot, window, "choice", "Nhận trực tiếp tại cơ quan giải quyết")
    check = page_of(window)
    assert isinstance(check, CheckPage)
    assert heading(window) == "Kiểm tra lại thông tin"
    assert check.value_labels["applicant.date_of_birth"].text() == "05/09/1990"
    assert "8.000" in check.fee.text()
    assert check.submit.text() == "Nộp hồ sơ"
    # Submitting without ticking the boxes: the summary says what to do, and nothing is queued.
    qtbot_click(check.submit)
    assert check.summary.isVisible() and check.summary.hasFocus()
    assert "cam đoan" in check.summary.accessibleDescription()
    qtbot_click(check.declaration.text)  # tapping the sentence ticks its box
    qtbot_click(check.consent.box)
    qtbot_click(check.submit)
    assert check.declaration.isChecked() and check.consent.isChecked(), check.summary.accessibleDescription()
    qtbot.waitUntil(lambda: isinstance(page_of(window), ConfirmationPage))
    done = page_of(window)
    assert isinstance(done, ConfirmationPage)
    assert window.journey is not None
    ref = window.journey.client_ref
    dossier = context.tasks.run_store(lambda store: store.get_dossier(ref)).result()
    assert dossier.state is DossierState.QUEUED
    assert done.reference.text() == dossier.local_ref
    assert done.ref_caption.text() == "Mã tạm của hồ sơ"
    assert dossier.applicant["full_name"] == "Nguyễn Văn An"
    assert dossier.answers["copy_count"] == 2 and dossier.answers["record_type"] == "birth"
    assert dossier.assisted.consent_at is not None
    assert dossier.delivery["method"] == "pickup"
    settle(qtbot, context)
    assert context.tasks.run_store(lambda store: store.queued_count()).result() == 1


def test_every_continue_autosaves_the_draft(
    qtbot: Any, journey_window: Callable[[str], MainWindow], context: AppContext
) -> None:
    window = journey_window(TRICH_LUC)
    assert window.journey is not None
    ref = window.journey.client_ref
    answer(qtbot, window, "text", "Nguyễn Văn An")
    answer(qtbot, window, "text", "001090000123")
    settle(qtbot, context)
    dossier = context.tasks.run_store(lambda store: store.get_dossier(ref)).result()
    assert dossier.state is DossierState.DRAFT
    assert dossier.applicant == {"full_name": "Nguyễn Văn An", "id_number": "001090000123"}


def test_validation_error_summary_takes_focus_and_keeps_typing(
    qtbot: Any, journey_window: Callable[[str], MainWindow]
) -> None:
    window = journey_window(TRICH_LUC)
    answer(qtbot, window, "text", "Nguyễn Văn An")
    answer(qtbot, window, "text", "00109000012")  # one digit short
    page = page_of(window)
    assert isinstance(page, QuestionPage) and isinstance(page.input, TextInput)
    assert heading(window).startswith("Số thẻ căn cước")  # still on the same page
    assert page.summary.isVisible() and page.summary.hasFocus()
    assert page.summary.title.text() == "Có lỗi cần sửa"
    assert "12 chữ số" in page.error.text() and page.error.isVisible()
    assert page.input.edit.text() == "00109000012"  # nothing typed is lost
    # Typing on straight away (the summary has the focus) goes into the field, and Backspace too.
    qtbot.keyClicks(page.summary, "9")
    assert page.input.edit.hasFocus() and page.input.edit.text() == "001090000129"
    page.summary.setFocus()
    qtbot.keyClick(page.summary, Qt.Key.Key_Backspace)
    assert page.input.edit.hasFocus() and page.input.edit.text() == "00109000012"
    page.summary.setFocus()
    # The link in the summary puts the cursor back in the field.
    link = page.summary.links[0]
    qtbot_click(link)
    assert page.input.edit.hasFocus()
    qtbot.keyClick(page.input.edit, Qt.Key.Key_End)
    type_text(page.input.edit, "3")
    qtbot.keyClick(page.input.edit, Qt.Key.Key_Return)
    assert heading(window).startswith("Ngày, tháng, năm sinh")


def test_cccd_mismatch_links_to_its_own_field_on_its_own_page(
    qtbot: Any, journey_window: Callable[[str], MainWindow]
) -> None:
    """Issue #17: the mismatch's link jumped to the number's page. A link lands on its own field,
    focused, on the page that shows it; "Quay lại" reaches the number when that is what is wrong."""
    window = journey_window(TRICH_LUC)
    answer(qtbot, window, "text", "Nguyễn Văn An")
    answer(qtbot, window, "text", "001090000123")  # a man born in 1990
    answer(qtbot, window, "date", "05/09/1990")
    answer(qtbot, window, "choice", "Nữ")
    page = page_of(window)
    assert isinstance(page, QuestionPage) and isinstance(page.input, ChoiceInput)
    assert heading(window) == "Giới tính của người nộp hồ sơ"
    assert "giới tính" in page.summary.accessibleDescription().lower()
    assert page.error.isVisible()  # said beside the gender too
    qtbot_click(page.summary.links[0])
    assert page_of(window) is page  # still here, on the gender, the chosen option focused
    assert QApplication.focusWidget() is page.input.buttons[1][1]
    qtbot_click(page.back)  # the number is reached by going back
    qtbot_click(page_of(window).findChild(QWidget, "journey-back"))  # type: ignore[arg-type]
    assert heading(window).startswith("Số thẻ căn cước")
    answer(qtbot, window, "text", "001190000123")  # her number; on through the date of birth, unchanged
    answer(qtbot, window, "date", "05/09/1990")
    again = page_of(window)
    assert again is page and heading(window) == "Giới tính của người nộp hồ sơ"
    assert not page.summary.isVisible() and page.problems() == []  # no stale message from before
    qtbot.keyClick(page.input.buttons[1][1], Qt.Key.Key_Return)  # "Nữ", still chosen, now agrees
    assert heading(window) != "Giới tính của người nộp hồ sơ"


def test_the_date_pages_mismatch_link_lands_on_the_date(
    qtbot: Any, journey_window: Callable[[str], MainWindow]
) -> None:
    window = journey_window(TRICH_LUC)
    answer(qtbot, window, "text", "Nguyễn Văn An")
    answer(qtbot, window, "text", "001090000123")  # a man born in 1990
    answer(qtbot, window, "date", "05/09/1991")
    page = page_of(window)
    assert isinstance(page, QuestionPage) and isinstance(page.input, DateInput)
    link = page.summary.links[0]
    assert link.objectName() == "error-link-applicant.date_of_birth"
    qtbot_click(link)
    assert page_of(window) is page and page.input.edit.hasFocus()
    # From the check page the same problem opens the date page, with the cursor in the date.
    window.journey.journey.goto("check")  # type: ignore[union-attr]
    window.journey.show_current()  # type: ignore[union-attr]
    check = page_of(window)
    assert isinstance(check, CheckPage)
    qtbot_click(check.submit)
    links = {link.objectName(): link for link in check.summary.links}
    mismatch = links["error-link-applicant.date_of_birth"]
    assert "không khớp" in mismatch.text()
    qtbot_click(mismatch)
    assert page_of(window) is page and page.input.edit.hasFocus()


def test_a_date_that_disagrees_with_the_cccd_is_said_and_fixed_on_the_date_page(
    qtbot: Any, journey_window: Callable[[str], MainWindow]
) -> None:
    window = journey_window(TRICH_LUC)
    answer(qtbot, window, "text", "Nguyễn Văn An")
    answer(qtbot, window, "text", "001090000123")  # a man born in 1990
    answer(qtbot, window, "date", "05/09/1991")
    page = page_of(window)
    assert isinstance(page, QuestionPage) and isinstance(page.input, DateInput)
    assert page.input.edit.placeholderText() == "ngày/tháng/năm"  # not the English "dd/mm/yyyy"
    assert page.summary.hasFocus() and page.error.isVisible() and "1990" not in page.error.text()
    assert "không khớp" in page.error.text()  # beside the date too, not only in the summary
    qtbot.keyClick(page.summary, Qt.Key.Key_Backspace)  # straight on: the keys go into the date
    qtbot.keyClicks(page.input.edit, "0")
    assert page.input.edit.text() == "05/09/1990"
    qtbot.keyClick(page.input.edit, Qt.Key.Key_Return)
    assert heading(window) == "Giới tính của người nộp hồ sơ"
    gender = page_of(window)
    assert isinstance(gender, QuestionPage) and isinstance(gender.input, ChoiceInput)
    qtbot.keyClick(gender.input.buttons[0][1], Qt.Key.Key_Return)  # nothing chosen: "Vui lòng chọn…"
    assert gender.summary.hasFocus()
    qtbot.keyClick(gender.summary, Qt.Key.Key_Down)  # into the options, not scrolling the page
    assert QApplication.focusWidget() is gender.input.buttons[0][1]


def test_at_200_percent_the_box_with_the_cursor_is_on_screen(
    qtbot: Any, journey_window: Callable[[str], MainWindow]
) -> None:
    """The address page at 200 %: its province box was below the screen while typing went into it."""
    window = journey_window(TRICH_LUC)
    window.set_text_scale(200)
    for how, value in APPLICANT_STEPS[:-1]:  # up to the address page
        answer(qtbot, window, how, value)
    page = page_of(window)
    assert isinstance(page, QuestionPage) and isinstance(page.input, AddressInput)
    QApplication.processEvents()
    focused = QApplication.focusWidget()
    assert focused is page.input.province_search
    cursor = focused.cursorRect().translated(focused.mapTo(page.viewport(), QPoint(0, 0)))
    assert cursor.top() >= 0 and cursor.bottom() <= page.viewport().height()  # the typing shows
    type_text(focused, "ha noi")
    qtbot.keyClick(focused, Qt.Key.Key_Return)  # the province taken: on to the ward box, kept in view
    ward = QApplication.focusWidget()
    assert ward is page.input.ward_search
    cursor = ward.cursorRect().translated(ward.mapTo(page.viewport(), QPoint(0, 0)))
    assert cursor.top() >= 0 and cursor.bottom() <= page.viewport().height()


def test_typing_on_the_ward_list_searches_it_and_never_takes_a_ward_by_itself(
    qtbot: Any, journey_window: Callable[[str], MainWindow]
) -> None:
    """Enter on an empty ward search goes to the list; typing there searches (it went nowhere, and the
    next Enter took the ward the list had highlighted)."""
    window = journey_window(TRICH_LUC)
    for how, value in APPLICANT_STEPS[:-1]:  # up to the address page
        answer(qtbot, window, how, value)
    page = page_of(window)
    assert isinstance(page, QuestionPage) and isinstance(page.input, AddressInput)
    box = page.input
    type_text(box.province_search, "ha noi")
    qtbot.keyClick(box.province_search, Qt.Key.Key_Return)  # one match: taken, on to the ward
    assert QApplication.focusWidget() is box.ward_search
    qtbot.keyClick(box.ward_search, Qt.Key.Key_Return)  # many wards, none taken: into the list
    assert QApplication.focusWidget() is box.ward_list
    qtbot.keyClicks(box.ward_list, "hoan kiem")
    assert QApplication.focusWidget() is box.ward_search and box.ward_search.text() == "hoan kiem"
    qtbot.keyClick(box.ward_search, Qt.Key.Key_Return)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert box.value()["ward_code"] != "" and box.ward_list.currentItem() is not None
    assert "Hoàn Kiếm" in box.ward_list.currentItem().text()


def test_back_keeps_answers_and_first_back_returns_to_prepare(
    qtbot: Any, journey_window: Callable[[str], MainWindow]
) -> None:
    window = journey_window(TRICH_LUC)
    answer(qtbot, window, "text", "Nguyễn Văn An")
    answer(qtbot, window, "text", "001090000123")
    page = page_of(window)
    assert isinstance(page, QuestionPage)
    qtbot_click(page.back)
    qtbot_click(page_of(window).findChild(QWidget, "journey-back"))  # type: ignore[arg-type]
    first = page_of(window)
    assert isinstance(first, QuestionPage) and isinstance(first.input, TextInput)
    assert first.input.edit.text() == "Nguyễn Văn An"
    assert progress(window) == "Bước 1/14"
    qtbot_click(first.back)
    assert window.stack.currentWidget() is window.prepare


def test_change_from_check_answers_returns_to_check(
    qtbot: Any, journey_window: Callable[[str], MainWindow]
) -> None:
    window = journey_window(TRICH_LUC)
    fill_applicant(qtbot, window)
    for how, value in [
        ("choice", "Kết hôn"),
        ("text", "Trần Thị Bình"),
        ("date", "01/02/1950"),
        ("text", "UBND xã Phú Mỹ"),
        ("text", "1975"),
        ("text", "1"),
        ("choice", "Nhận qua bưu điện tại nhà"),
    ]:
        answer(qtbot, window, how, value)
    # Post: the address page comes filled with where the person lives.
    page = page_of(window)
    assert isinstance(page, QuestionPage) and isinstance(page.input, AddressInput)
    assert page.input.street.text() == "12 Hàng Bạc"
    qtbot.keyClick(page.input.street, Qt.Key.Key_Return)
    check = page_of(window)
    assert isinstance(check, CheckPage)
    qtbot_click(check.change_links["copy_count"])
    assert heading(window) == "Số bản sao cần cấp"
    answer(qtbot, window, "text", "3")
    check = page_of(window)
    assert isinstance(check, CheckPage)
    assert check.value_labels["copy_count"].text() == "3"
    # Back where the person was: that answer's row in view, its "Sửa" focused (not the page's top).
    link = check.change_links["copy_count"]
    assert QApplication.focusWidget() is link
    assert check.verticalScrollBar().value() > 0 and not link.visibleRegion().isEmpty()


def test_enter_through_the_questions_does_not_bounce_off_check_answers(
    qtbot: Any, journey_window: Callable[[str], MainWindow]
) -> None:
    """An agent presses Enter page after page: on "Kiểm tra lại thông tin" the next Enter tries to submit
    (and says the declaration is not ticked) instead of going back to the last question."""
    window = journey_window(TRICH_LUC)
    check = fill_to_check(qtbot, window)
    assert QApplication.focusWidget() is check.heading
    qtbot.keyClick(check.heading, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is next(iter(check.change_links.values()))  # the first "Sửa"
    check.arrive()
    qtbot.keyClick(check.heading, Qt.Key.Key_Return)
    assert page_of(window) is check
    assert QApplication.focusWidget() is check.summary
    assert any("cam đoan" in link.text() for link in check.summary.links)


def test_arrow_keys_choose_an_option_and_an_empty_choice_says_choose(
    qtbot: Any, journey_window: Callable[[str], MainWindow]
) -> None:
    window = journey_window(TRICH_LUC)
    fill_applicant(qtbot, window)
    page = page_of(window)
    assert isinstance(page, QuestionPage) and isinstance(page.input, ChoiceInput)
    radios = [radio for _raw, radio in page.input.buttons]
    assert QApplication.focusWidget() is radios[0] and not any(r.isChecked() for r in radios)
    qtbot.keyClick(radios[0], Qt.Key.Key_Return)  # nothing chosen yet
    assert page_of(window) is page
    assert "Vui lòng chọn một câu trả lời." in page.summary.links[0].text()
    radios[0].setFocus()
    qtbot.keyClick(radios[0], Qt.Key.Key_Down)  # as in a browser: the choice moves with the ring
    assert QApplication.focusWidget() is radios[1]
    assert [r.isChecked() for r in radios] == [False, True] + [False] * (len(radios) - 2)
    qtbot.keyClick(radios[1], Qt.Key.Key_Up)
    assert [r.isChecked() for r in radios] == [True] + [False] * (len(radios) - 1)
    qtbot.keyClick(radios[0], Qt.Key.Key_Return)
    assert page_of(window) is not page  # answered: Enter went on


def test_language_switch_keeps_the_page_and_what_was_typed(
    qtbot: Any, journey_window: Callable[[str], MainWindow]
) -> None:
    window = journey_window(TRICH_LUC)
    answer(qtbot, window, "text", "Nguyễn Văn An")
    page = page_of(window)
    assert isinstance(page, QuestionPage) and isinstance(page.input, TextInput)
    type_text(page.input.edit, "0012")
    qtbot_click(window.lang_button)
    assert heading(window) == "Citizen ID (CCCD) number of the person filing"
    assert progress(window) == "Step 2 of 14"
    assert page.next_button.text() == "Continue"
    assert page.input.edit.text() == "0012"
