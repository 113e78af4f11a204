"""While the keyboard is open the header keeps to one row and the status bar steps aside; both come back."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from tests.ui.test_keyboard import Open, context, keyboard, open_page, services  # noqa: F401 (fixtures)
from ui.keyboard.room import REMINDER


def test_the_keyboard_takes_the_header_to_one_row_and_the_status_bar_aside_until_it_goes(
    open_page: Open,  # noqa: F811
) -> None:
    window = open_page(text_scale=200, high_contrast=True)
    window.header_folding.fit()
    panel = keyboard(window)
    field = window.findChild(QLineEdit, "input-full_name")
    assert field is not None and field.hasFocus() and panel.isVisible()
    QApplication.processEvents()
    assert window.header_folding.one_row and window.header.height() < 100, window.header.height()
    assert not window.status.isVisible()
    reminder = window.findChild(QWidget, REMINDER)
    assert reminder is not None

    window.keyboard.dismiss()  # "Ẩn bàn phím"
    QApplication.processEvents()
    assert not panel.isVisible() and not reminder.isVisible()
    assert window.status.isVisible() and not window.header_folding.one_row
