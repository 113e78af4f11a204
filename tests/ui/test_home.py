"""The home screen as a person uses it: read the catalog, search, pick a procedure, go back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.catalog import Catalog
from ui.main_window import MainWindow
from ui.widgets import Card

KHAI_SINH, THUONG_TRU = "1.001193", "1.004222"


def visible_texts(window: MainWindow) -> list[str]:
    return [w.text() for w in window.findChildren(QLabel) if w.isVisibleTo(window)]


def card_for(window: MainWindow, code: str) -> Card:
    assert window.home is not None
    return next(c for c in window.home.visible_cards() if c.objectName() == f"procedure-{code}")


def test_home_lists_every_category_and_procedure(window: MainWindow, catalog: Catalog) -> None:
    texts = visible_texts(window)
    assert "Ông/Bà cần làm thủ tục gì?" in texts
    for category in catalog.categories.values():
        if catalog.in_category(category.id):
            assert category.name.vi in texts
    assert window.home is not None
    shown = [card.title.text() for card in window.home.visible_cards()]
    assert sorted(shown) == sorted(p.name.vi for p in catalog.procedures.values())


def test_most_used_procedure_comes_first_in_its_category(window: MainWindow, catalog: Catalog) -> None:
    assert window.home is not None
    shown = [card.objectName().removeprefix("procedure-") for card in window.home.visible_cards()]
    for category in catalog.categories.values():
        in_category = [code for code in shown if catalog.procedure(code).category == category.id]
        popularity = [catalog.procedure(code).popularity for code in in_category]
        assert popularity == sorted(popularity, reverse=True)


def test_bundles_are_grouped_with_their_members(window: MainWindow, catalog: Catalog) -> None:
    texts = visible_texts(window)
    assert "Thủ tục liên thông" in texts
    for bundle in catalog.bundles.values():
        assert bundle.name.vi in texts
        panel = window.findChild(QWidget, f"bundle-{bundle.id}")
        links = [b.text() for b in panel.findChildren(QPushButton)]
        members = [catalog.procedure(code).name.vi for code in bundle.members]
        assert links == [*members, "Làm cả gói liên thông"]  # the last opens the bundle's task list


def test_search_without_diacritics_finds_thuong_tru_first(window: MainWindow, qtbot: QtBot) -> None:
    assert window.home is not None
    qtbot.keyClicks(window.home.search, "dang ky thuong tru")
    cards = window.home.visible_cards()
    assert cards[0].title.text() == "Đăng ký thường trú"
    assert "Hộ tịch" not in visible_texts(window)  # the category listing made way for the results


def test_search_updates_with_every_keystroke(window: MainWindow, qtbot: QtBot) -> None:
    assert window.home is not None
    qtbot.keyClicks(window.home.search, "khai")
    with_khai = {c.title.text() for c in window.home.visible_cards()}
    qtbot.keyClicks(window.home.search, " tu")
    with_khai_tu = {c.title.text() for c in window.home.visible_cards()}
    assert "Đăng ký khai sinh" in with_khai
    assert "Đăng ký khai sinh" not in with_khai_tu
    assert "Đăng ký khai tử" in with_khai_tu


def test_search_with_no_match_says_what_to_do(window: MainWindow, qtbot: QtBot) -> None:
    assert window.home is not None
    qtbot.keyClicks(window.home.search, "xyzzy")
    assert window.home.visible_cards() == []
    assert any(text.startswith("Không tìm thấy thủ tục nào") for text in visible_texts(window))
    window.home.search.clear()
    assert "Hộ tịch" in visible_texts(window)


def test_search_box_has_focus_on_arrival(window: MainWindow) -> None:
    assert window.home is not None
    assert QApplication.focusWidget() is window.home.search


def test_clicking_a_procedure_shows_what_to_prepare(
    window: MainWindow, qtbot: QtBot, catalog: Catalog
) -> None:
    proc = catalog.procedure(THUONG_TRU)
    qtbot.mouseClick(card_for(window, THUONG_TRU), Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.prepare
    texts = visible_texts(window)
    assert proc.name.vi in texts
    for doc in proc.documents:
        assert any(doc.label.vi in text for text in texts), doc.doc_type
    assert any(text.startswith("10.000 đồng") for text in texts)
    assert proc.processing_time.vi in texts


def test_prepare_page_shows_delivery_level_and_who_may_file(window: MainWindow, catalog: Catalog) -> None:
    proc = catalog.procedure(KHAI_SINH)
    window.show_prepare(KHAI_SINH)
    texts = visible_texts(window)
    assert "Nhận qua bưu điện (bưu chính công ích)" in "\n".join(texts)
    assert "Toàn trình — làm hoàn toàn trực tuyến" in texts
    assert proc.who_may_file.vi in texts
    assert any(text.startswith("Miễn phí") for text in texts)


def test_enter_on_a_card_opens_it_and_back_returns_to_the_search(window: MainWindow, qtbot: QtBot) -> None:
    assert window.home is not None and window.prepare is not None
    card = card_for(window, KHAI_SINH)
    card.setFocus()
    qtbot.keyClick(card, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.prepare
    title = window.prepare.title
    assert title is not None and QApplication.focusWidget() is title  # read first, at the top
    assert window.prepare.verticalScrollBar().value() == 0
    qtbot.keyClick(title, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is window.prepare.back
    qtbot.keyClick(window.prepare.back, Qt.Key.Key_Space)
    assert window.stack.currentWidget() is window.home
    assert QApplication.focusWidget() is window.home.search


def test_enter_in_the_search_box_opens_the_best_match_and_down_goes_to_it(
    window: MainWindow, qtbot: QtBot
) -> None:
    """An agent types "khai sinh" and Enter: its "Chuẩn bị"; Down goes to the first result instead."""
    home = window.home
    assert home is not None
    home.search.setFocus()
    qtbot.keyClicks(home.search, "khai sinh")
    first = home.visible_cards()[0]
    qtbot.keyClick(home.search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is first
    home.search.setFocus()
    qtbot.keyClick(home.search, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.prepare
    assert window.prepare is not None and window.prepare.procedure is not None
    assert window.prepare.procedure.code == KHAI_SINH
    window.show_home()
    home.search.clear()
    qtbot.keyClicks(home.search, "xyzzy")  # nothing found: Enter does nothing
    qtbot.keyClick(home.search, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is home


def test_home_opens_at_the_top_with_the_search_box_in_view(window: MainWindow, qtbot: QtBot) -> None:
    """The next person must not find the list scrolled where the last one left it."""
    home = window.home
    assert home is not None
    bar = home.list_page.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert bar.value() > 0
    window.show_prepare(KHAI_SINH)
    window.show_home()
    assert bar.value() == 0 and QApplication.focusWidget() is home.search


def test_enter_pressed_again_on_the_prepare_page_starts_not_goes_back(
    window: MainWindow, qtbot: QtBot
) -> None:
    """An agent presses Enter on the card, then Enter again: the filing starts (Enter continues)."""
    assert window.prepare is not None
    card = card_for(window, KHAI_SINH)
    card.setFocus()
    qtbot.keyClick(card, Qt.Key.Key_Return)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.journey is not None and window.stack.currentWidget() is window.journey
    assert window.journey.procedure.code == KHAI_SINH
    window.show_prepare(KHAI_SINH)  # Tab from the name reaches "Bắt đầu", the next stop
    assert window.prepare.title is not None
    qtbot.keyClick(window.prepare.title, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.prepare.start
