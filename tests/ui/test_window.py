"""The window's chrome: language, text size, contrast, keyboard, sizes, names, banner, status bar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.catalog import Catalog
from ui.main_window import MainWindow

KHAI_SINH = "1.001193"


def interactive(window: MainWindow) -> list[QWidget]:
    """Every control a person can see and operate."""
    found: list[QWidget] = []
    for kind in (QAbstractButton, QLineEdit):
        found += [w for w in window.findChildren(kind) if w.isVisibleTo(window)]
    return found


def test_language_switch_translates_the_visible_screen(
    window: MainWindow, qtbot: QtBot, catalog: Catalog
) -> None:
    assert window.home is not None
    qtbot.mouseClick(window.lang_button, Qt.MouseButton.LeftButton)
    assert window.home.heading.text() == "What do you need to do?"
    assert window.lang_button.text() == "Tiếng Việt"
    qtbot.waitUntil(lambda: bool(_h2_texts(window)))
    assert _h2_texts(window)[0] == next(iter(catalog.categories.values())).name.en
    qtbot.mouseClick(window.lang_button, Qt.MouseButton.LeftButton)
    assert window.home.heading.text() == "Ông/Bà cần làm thủ tục gì?"
    assert window.lang_button.text() == "English"


def test_language_switch_translates_cards_and_the_prepare_page(
    window: MainWindow, qtbot: QtBot, catalog: Catalog
) -> None:
    assert window.home is not None and window.prepare is not None
    qtbot.mouseClick(window.lang_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(window.home and window.home.visible_cards()))
    titles = sorted(c.title.text() for c in window.home.visible_cards())
    assert titles == sorted(p.name.en for p in catalog.procedures.values())
    window.show_prepare(KHAI_SINH)
    qtbot.mouseClick(window.lang_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.prepare
    assert window.prepare.back.text() == "‹ Quay lại"
    qtbot.mouseClick(window.lang_button, Qt.MouseButton.LeftButton)
    assert window.prepare.back.text() == "‹ Back"


def _h2_texts(window: MainWindow) -> list[str]:
    return [
        w.text() for w in window.findChildren(QLabel) if w.property("role") == "h2" and w.isVisibleTo(window)
    ]


def test_text_grows_to_200_percent_and_back(window: MainWindow, qtbot: QtBot) -> None:
    assert window.home is not None
    heading, body = window.home.heading, window.home.search_label
    start_heading, start_body = heading.font().pointSizeF(), body.font().pointSizeF()
    assert start_body >= 18
    sizes = [start_body]
    for _ in range(6):  # two taps more than it takes: at 200 % "A+" does nothing
        qtbot.mouseClick(window.larger_button, Qt.MouseButton.LeftButton)
        sizes.append(body.font().pointSizeF())
    assert sorted(set(sizes)) == sizes[:5] and sizes[4:] == [sizes[4]] * 3
    assert window.scale == 200
    assert body.font().pointSizeF() == pytest.approx(2 * start_body)
    # Headings grow too, but less (ui/theme.heading_size): still larger than the doubled body text.
    assert 2 * start_body < heading.font().pointSizeF() < 2 * start_heading
    assert window.scale_label.text() == "Cỡ chữ 200 %"
    for _ in range(6):
        qtbot.mouseClick(window.smaller_button, Qt.MouseButton.LeftButton)
    assert window.scale == 100
    assert body.font().pointSizeF() == pytest.approx(start_body)


def test_the_focus_stays_on_the_text_size_buttons_at_either_end(window: MainWindow, qtbot: QtBot) -> None:
    """Pressing A+ past 200 %: it greys out and keeps the focus, not handing it on to "Tương phản cao"
    (or to A−, where the next press would make the text smaller again)."""
    window.larger_button.setFocus()
    for _ in range(6):
        qtbot.keyClick(window.larger_button, Qt.Key.Key_Space)
    assert window.scale == 200 and QApplication.focusWidget() is window.larger_button
    window.smaller_button.setFocus()
    for _ in range(6):
        qtbot.keyClick(window.smaller_button, Qt.Key.Key_Space)
    assert window.scale == 100 and QApplication.focusWidget() is window.smaller_button
    assert not window.high_contrast


def test_display_changes_are_announced_for_saving(window: MainWindow, qtbot: QtBot) -> None:
    with qtbot.waitSignal(window.display_did_change) as blocker:
        qtbot.mouseClick(window.contrast_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["vi", 100, True]
    assert window.contrast_button.isChecked()
    assert "#000000" in window.styleSheet()


@pytest.mark.parametrize("high_contrast", [False, True])
@pytest.mark.parametrize("page", ["home", "prepare"])
def test_every_control_is_at_least_44_px(
    make_window: Callable[..., MainWindow], high_contrast: bool, page: str
) -> None:
    window = make_window(high_contrast=high_contrast)
    if page == "prepare":
        window.show_prepare(KHAI_SINH)
    controls = interactive(window)
    assert len(controls) >= 5
    small = [
        (w.accessibleName(), w.width(), w.height()) for w in controls if w.width() < 44 or w.height() < 44
    ]
    assert small == []


@pytest.mark.parametrize("page", ["home", "prepare"])
def test_every_control_has_an_accessible_name(window: MainWindow, page: str) -> None:
    if page == "prepare":
        window.show_prepare(KHAI_SINH)
    for lang in ("vi", "en"):
        window.set_language(lang)
        unnamed = [type(w).__name__ for w in interactive(window) if not w.accessibleName().strip()]
        assert unnamed == []


def test_tab_goes_through_search_and_cards_then_the_header(window: MainWindow, qtbot: QtBot) -> None:
    """The page first (the search box, then the cards as listed), then the header, and round again."""
    assert window.home is not None
    cards = window.home.visible_cards()
    back: list[QWidget] = []
    for _ in range(4):  # from the search box back round to the end of the header
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
        back.append(QApplication.focusWidget())  # type: ignore[arg-type]
    # A− greyed at 100 % is still a stop (it does nothing): the count of Tabs never changes with the size.
    assert back == [window.contrast_button, window.larger_button, window.smaller_button, window.lang_button]
    forward: list[QWidget] = []
    for _ in range(7):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        forward.append(QApplication.focusWidget())  # type: ignore[arg-type]
    assert forward == [*back[-2::-1], window.home.search, *cards[:3]]


def test_focus_is_visible(window: MainWindow, qtbot: QtBot) -> None:
    assert window.home is not None
    card = window.home.visible_cards()[0]
    before = card.grab().toImage()
    card.setFocus()
    qtbot.waitUntil(card.hasFocus)
    after = card.grab().toImage()
    assert before != after
    assert card.title.property("focused") is True


def test_training_banner_only_in_training(make_window: Callable[..., MainWindow]) -> None:
    normal = make_window()
    assert not normal.banner.isVisible()
    training = make_window(training=True)
    assert training.banner.isVisible()
    assert training.banner.text().startswith("CHẾ ĐỘ ĐÀO TẠO")


def test_status_bar_shows_connection_queue_and_last_sync(window: MainWindow) -> None:
    assert window.status_text().startswith("Đang kiểm tra kết nối")
    window.set_connection(False)
    window.set_queue_count(3)
    assert window.status_text().startswith("Ngoại tuyến · Chờ gửi: 3")
    window.set_connection(True)
    window.set_last_sync(datetime(2026, 1, 5, 3, 4, tzinfo=UTC))
    assert window.status_text() == "Trực tuyến · Chờ gửi: 3 · Đồng bộ lần cuối: 10:04 05/01/2026"
    window.set_language("en")
    assert window.status_text() == "Online · Waiting to send: 3 · Last synchronised: 10:04 05/01/2026"


def test_window_fits_a_1366_by_768_screen(window: MainWindow) -> None:
    assert window.minimumSizeHint().width() <= 1366
    assert window.minimumSizeHint().height() <= 768
    assert window.minimumWidth() <= 1366 and window.minimumHeight() <= 768


def test_text_size_change_keeps_the_search_and_the_focus(window: MainWindow, qtbot: QtBot) -> None:
    assert window.home is not None
    qtbot.keyClicks(window.home.search, "khai sinh")
    found = window.home.visible_cards()
    window.larger_button.setFocus()
    qtbot.keyClick(window.larger_button, Qt.Key.Key_Space)
    assert window.scale == 125
    assert window.home.search.text() == "khai sinh"
    assert window.home.visible_cards() == found
    assert QApplication.focusWidget() is window.larger_button


def test_a_header_control_shown_later_takes_the_titles_place_when_they_no_longer_fit_beside_it(
    window: MainWindow, qtbot: QtBot
) -> None:
    def one_row() -> bool:
        return window.controls.geometry().height() < 2 * window.lang_button.height()

    assert window.title.isVisible() and one_row()  # title and controls share one row at 1366 px
    wide = QPushButton("Một nút rất dài của phiên làm việc")
    wide.setVisible(False)
    window.add_header_button(wide)  # as the session adds its buttons, hidden until a mode is known
    assert window.title.isVisible()
    wide.setVisible(True)  # no resize follows: the header must notice by itself
    qtbot.waitUntil(lambda: not window.title.isVisible() and one_row())  # the title gives its place
    assert wide.isVisible()
    wide.setVisible(False)
    qtbot.waitUntil(window.title.isVisible)


def test_when_the_header_controls_need_more_than_its_rows_the_first_added_fold_behind_more(
    window: MainWindow, qtbot: QtBot
) -> None:
    added = [QPushButton(text) for text in ("Báo cáo", "Tra cứu hồ sơ", "Hồ sơ đang làm", "Người tiếp theo")]
    for control in added:  # a post office's, each put first
        window.add_header_button(control)
    more = window.header_folding.more
    qtbot.waitUntil(more.isVisible)  # one row at 100 %: the first added ("Báo cáo") folded
    assert not window.title.isVisible() and not added[0].isVisible() and added[-1].isVisible()
    window.set_text_scale(200)
    qtbot.waitUntil(lambda: window.controls.geometry().height() < 3 * window.lang_button.height())
    assert window.windowTitle().startswith("DVC Kiosk") and added[-1].isVisible()
    for control in added:
        control.setVisible(False)
    window.set_text_scale(100)
    qtbot.waitUntil(window.title.isVisible)  # room again: the title comes back, nothing folded
    assert not more.isVisible()
