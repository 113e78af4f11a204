"""With the on-screen keyboard open at 200 % text, 1366×768, the question, its box and "Tiếp tục" all show.

Before, the header's two rows, the status bar and the keys left the page about 160 px: the heading had
scrolled away, "Tiếp tục" was cut, and on the address page the first suggestion too (issue #16).
Prints the page's height with the keyboard open (for the report); shots go to $SELF_SERVICE_SHOTS.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QLineEdit, QWidget

from kiosk.i18n import t
from tests.e2e.selfservice_harness import SelfServiceKiosk
from tests.ui.test_journey import answer, fill_applicant
from ui.keyboard.room import REMINDER
from ui.widgets import Card, ScrollPage


def _whole_in(widget: QWidget, page: ScrollPage) -> bool:
    """All of `widget` inside the page's visible viewport (not scrolled away, not under the keys)."""
    viewport = page.viewport()
    box = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
    return widget.isVisible() and viewport.rect().contains(box)


def _on_screen(widget: QWidget) -> bool:
    window = widget.window()
    box = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    return widget.isVisible() and window.rect().contains(box)


def _open_first_question(kiosk: SelfServiceKiosk) -> Any:
    window = kiosk.window
    card = kiosk.named("Đăng ký thường trú", within=window.home, kind=Card)
    window.home.list_page.ensureWidgetVisible(card)
    kiosk.settle(300)  # the cards below the fold are added after the first frame
    window.home.list_page.ensureWidgetVisible(card)
    kiosk.finger.tap(card)
    kiosk.wait_until(lambda: window.prepare is not None and kiosk.page() is window.prepare)
    kiosk.finger.bring_into_view(window.prepare.start)
    kiosk.finger.tap(window.prepare.start)
    kiosk.wait_until(lambda: window.journey is not None and kiosk.page() is window.journey)
    return window.journey.current_page()


def _assert_question_in_sight(
    kiosk: SelfServiceKiosk, page: Any, step: str, *, below: QWidget | None = None
) -> None:
    """The heading (or its reminder over the keys), the box being typed in, and `below` it: "Tiếp tục",
    or on the address page the first place suggested (the page's "Tiếp tục" is far below its lists)."""
    window = kiosk.window
    panel = window.keyboard.panel
    kiosk.wait_until(lambda: panel is not None and panel.isVisible())
    kiosk.settle(200)
    box = next(w for w in page.findChildren(QLineEdit) if w.hasFocus())
    reminder = window.findChild(QWidget, REMINDER)
    heading_shown = _whole_in(page.heading, page)
    reminded = (
        reminder is not None and _on_screen(reminder) and reminder.accessibleName() == page.heading.text()
    )
    figures = (
        f"{step}: scale {window.scale} %, banner {window.banner.isVisible()}: page {page.height()} px "
        f"(viewport {page.viewport().height()}), keyboard {panel.height()} px, "
        f"header {window.header.height()} px, "
        f"heading shown {heading_shown}, reminder {reminded}, box in view {_whole_in(box, page)}, "
        f"Tiếp tục in view {_whole_in(page.next_button, page)}"
        + ("" if below is None else f", first suggestion in view {_whole_in(below, page)}")
    )
    print(figures)
    with (kiosk.shots_dir / "h10-figures.txt").open("a", encoding="utf-8") as out:
        out.write(figures + "\n")
    kiosk.shot(f"h10-{step}-{window.scale}{'-banner' if window.banner.isVisible() else ''}")
    assert heading_shown or reminded, "the question is out of sight while typing"
    assert _whole_in(box, page), "the box being typed in is not wholly in view"
    if below is None:
        assert _whole_in(page.next_button, page), '"Tiếp tục" is not wholly in view'
    else:
        assert _whole_in(below, page), "the first suggestion is not wholly in view"


@pytest.mark.parametrize(
    "kiosk_config", [{"text_scale": 200}, {"text_scale": 100}], indirect=True, ids=["200", "100"]
)
@pytest.mark.parametrize("banner", [False, True], ids=["", "banner"])
def test_with_the_keyboard_open_the_question_its_box_and_continue_show(
    self_service: SelfServiceKiosk, banner: bool
) -> None:
    kiosk = self_service
    window = kiosk.window
    if banner:  # the training banner, as `kiosk demo` shows it
        window.banner.setText(t("ui.training_banner", "vi"))
        window.banner.setVisible(True)
    page = _open_first_question(kiosk)
    _assert_question_in_sight(kiosk, page, "question")

    if banner:
        return
    # The address page: its first suggestion below the box shows too.
    fill_applicant(kiosk.qtbot, window)
    answer(kiosk.qtbot, window, "choice", "Không")
    answer(kiosk.qtbot, window, "choice", "Là chủ hộ")
    page = window.journey.current_page()
    field = page.input.province_search
    if _whole_in(field, page):
        kiosk.finger.tap(field)
    else:
        field.setFocus()
    suggestions = page.input.province_list
    first = suggestions.visualItemRect(suggestions.item(0))
    row = QWidget(suggestions.viewport())  # a stand-in the size of the first suggestion, to measure
    row.setGeometry(first)
    row.show()
    _assert_question_in_sight(kiosk, page, "address", below=row)
