"""A finger that drags scrolls the page, even when it lands on a control; a tap or a still hold clicks it.

On the home screen a drag that started on a procedure card opened that procedure (issue #16): Qt turned
the touch into a press on the card as well as scrolling, and the card moved along with the finger, so
the lift landed on it. The same went for an answer's option on a question page.
"""

from __future__ import annotations

from PySide6.QtWidgets import QRadioButton

from tests.e2e.selfservice_harness import SelfServiceKiosk
from tests.e2e.touch import Finger, in_view
from tests.ui.test_journey import answer, fill_applicant
from ui.widgets import Card


def _cards_in_view(kiosk: SelfServiceKiosk) -> list[Card]:
    page = kiosk.window.home.list_page
    return [
        card
        for card in page.content.findChildren(Card)
        if card.isVisible() and in_view(card, card.rect().center())
    ]


def _whole_list(kiosk: SelfServiceKiosk) -> None:
    """Wait for the cards below the fold, which the home page adds after its first frame (the list
    grows under a finger otherwise, and a tap lands on another card than the one aimed at)."""
    bar = kiosk.window.home.list_page.verticalScrollBar()
    kiosk.wait_until(lambda: kiosk.window.home.list_page.touch_scrolling)
    seen: list[int] = []

    def steady() -> bool:
        seen.append(bar.maximum())
        return len(seen) >= 3 and seen[-1] == seen[-3] > 0

    kiosk.qtbot.waitUntil(steady, timeout=10000)


def test_a_drag_started_on_a_card_scrolls_the_home_list_and_opens_nothing(
    self_service: SelfServiceKiosk,
) -> None:
    kiosk = self_service
    window = kiosk.window
    home = window.home
    bar = home.list_page.verticalScrollBar()
    _whole_list(kiosk)
    card = kiosk.named("Đăng ký thường trú", within=home, kind=Card)
    home.list_page.ensureWidgetVisible(card)
    before = bar.value()

    kiosk.finger.drag(card, -250, at=card.rect().center())  # the finger lands on the card's middle
    kiosk.settle(400)  # anything the lift started (a page change) has happened

    assert kiosk.page() is home, "the drag opened the card it started on"
    scrolled = bar.value()
    assert scrolled >= before + 150, (before, scrolled)  # the list followed the finger

    # A drag back down, started on a card, scrolls back and opens nothing either.
    other = max(_cards_in_view(kiosk), key=lambda c: c.visibleRegion().boundingRect().height())
    kiosk.finger.drag(other, 200, at=other.rect().center())
    kiosk.settle(400)
    assert kiosk.page() is home and bar.value() < scrolled

    # A tap on a card still opens it at once.
    card = kiosk.named("Đăng ký thường trú", within=home, kind=Card)
    home.list_page.ensureWidgetVisible(card)  # (repeated flings speed up: no search by dragging here)
    kiosk.finger.tap(card)
    kiosk.wait_until(lambda: window.prepare is not None and kiosk.page() is window.prepare)
    assert kiosk.keys.seen == [], kiosk.keys.report()


def test_a_drag_started_on_an_option_does_not_choose_it_a_tap_and_a_still_hold_do(
    self_service: SelfServiceKiosk,
) -> None:
    kiosk = self_service
    window = kiosk.window
    _whole_list(kiosk)
    card = kiosk.named("Đăng ký thường trú", within=window.home, kind=Card)
    window.home.list_page.ensureWidgetVisible(card)
    kiosk.finger.tap(card)
    kiosk.wait_until(lambda: window.prepare is not None and kiosk.page() is window.prepare)
    kiosk.finger.bring_into_view(window.prepare.start)
    kiosk.finger.tap(window.prepare.start)
    kiosk.wait_until(lambda: window.journey is not None and kiosk.page() is window.journey)
    # The resident's own details and "for a child?" answered as tests/ui do (not what this is about),
    # up to "Người đăng ký là gì của chủ hộ?": six options, a page that scrolls at 200 %.
    fill_applicant(kiosk.qtbot, window)
    answer(kiosk.qtbot, window, "choice", "Không")
    page = window.journey.current_page()
    options = [o for o in page.findChildren(QRadioButton) if o.isVisible()]
    assert len(options) >= 2, options
    first, second = options[0], options[1]
    kiosk.finger.bring_into_view(second)
    bar = page.verticalScrollBar()
    assert bar.maximum() > 0, "the question page does not scroll at 200 %: nothing to drag"
    before = bar.value()

    # Up from the option, far enough to scroll: the page moves, the option stays unchosen.
    kiosk.finger.drag(second, -120, at=second.rect().center())
    kiosk.settle(300)
    assert not second.isChecked() and not first.isChecked(), "the drag chose the option it started on"
    assert bar.value() != before, "the page did not follow the finger"

    kiosk.finger.bring_into_view(first)
    kiosk.finger.tap(first)  # a tap chooses at once
    assert first.isChecked()

    kiosk.finger.bring_into_view(second)
    Finger(hold_ms=900).tap(second)  # a finger resting on it, not moving, longer than any delay
    assert second.isChecked() and not first.isChecked()
