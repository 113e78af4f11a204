"""Home search typed on the on-screen keyboard at 200 %: what was found shows above the keys."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from tests.ui.test_keyboard import context, services, tap  # noqa: F401 (fixtures)
from ui.context import AppContext
from ui.keyboard import KeyboardController
from ui.main_window import MainWindow
from ui.widgets import ScrollPage


def wholly_in_view(page: ScrollPage, widget: QWidget) -> bool:
    viewport = page.viewport()
    box = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
    return widget.isVisible() and viewport.rect().contains(box)


def key(controller: KeyboardController, name: str) -> QAbstractButton:
    keys = controller.keys()  # the keyboard's buttons
    found = [k for k in keys if k.accessibleName() == name and k.isVisible()]
    assert len(found) == 1, name
    return found[0]


def test_with_the_keyboard_open_the_first_result_shows_whole_below_the_search_box(
    make_window: Callable[..., MainWindow],
    context: AppContext,  # noqa: F811 (the fixture)
) -> None:
    """Self-service, 200 % text, 1366×768: after "nhap ho khau" on the keys the result lay under them."""
    window = make_window(context=context, text_scale=200, high_contrast=True)
    home = window.home
    assert home is not None
    controller = window.keyboard
    assert isinstance(controller, KeyboardController)
    tap(home.search)
    assert controller.panel is not None and controller.panel.isVisible()
    for letter in "nhap ho khau":
        tap(key(controller, "dấu cách" if letter == " " else f"chữ {letter}"))
    assert home.search.text() == "nhap ho khau"
    assert controller.panel.isVisible()  # still typing: the keys stay
    cards = home.visible_cards()
    assert cards, "nothing found"
    page = home.list_page
    assert wholly_in_view(page, home.search)
    assert wholly_in_view(page, home.results_heading)
    assert wholly_in_view(page, cards[0]), (
        cards[0].mapTo(page.viewport(), QPoint(0, 0)).y(),
        cards[0].height(),
        page.viewport().height(),
        home.search.mapTo(page.viewport(), QPoint(0, 0)).y(),
    )

    # "Ẩn bàn phím": the page has its height back, and the result its details.
    keys = controller.keys()
    hide = next(k for k in keys if k.text() == "Ẩn bàn phím")
    tap(hide)
    assert not controller.panel.isVisible()
    details = [line for line in cards[0].findChildren(QLabel) if line.property("role") == "card-detail"]
    assert details and all(line.isVisible() for line in details)
