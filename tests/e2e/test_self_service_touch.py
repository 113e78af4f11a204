"""A resident at the self-service terminal, by touch alone: the real app, a real X window, AT-SPI checks.

The first steps of the headline run of issue #16 (point 8): from the home screen to the first question of
đăng ký thường trú at 200 % text and high contrast, 1366×768, with not one key event.
"""

from __future__ import annotations

from tests.e2e.selfservice_harness import SelfServiceKiosk
from ui.widgets import Card

THUONG_TRU = "1.004222"  # đăng ký thường trú


def test_a_resident_reaches_the_first_question_of_dang_ky_thuong_tru_by_touch_alone(
    self_service: SelfServiceKiosk,
) -> None:
    kiosk = self_service
    window = kiosk.window
    home = window.home
    assert home is not None and kiosk.page() is home
    assert window.scale == 200 and window.high_contrast
    kiosk.shot("home")
    kiosk.check_accessibility("home")

    # The card of đăng ký thường trú, found on the list by scrolling with a finger, then touched.
    card = kiosk.named("Đăng ký thường trú", within=home, kind=Card)
    assert card.objectName() == f"procedure-{THUONG_TRU}"
    kiosk.tap_named("Đăng ký thường trú", within=home, kind=Card)
    prepare = window.prepare
    kiosk.wait_until(lambda: prepare is not None and kiosk.page() is window.prepare)
    kiosk.shot("prepare")
    kiosk.check_accessibility("prepare")

    start = window.prepare.start
    kiosk.finger.bring_into_view(start)
    kiosk.finger.tap(start)
    kiosk.wait_until(lambda: window.journey is not None and kiosk.page() is window.journey)
    question = window.journey.current_page()
    assert question.objectName().startswith("page-"), question
    kiosk.shot("first-question")
    kiosk.check_accessibility("first-question")

    # The portal goes down while the resident answers, and comes back on the same address.
    kiosk.wait_until(lambda: kiosk.online is True, timeout=20)
    kiosk.portal.down()
    kiosk.sync_now()
    kiosk.wait_until(lambda: kiosk.online is False, timeout=20)
    assert not window.status_text().startswith("Trực tuyến"), window.status_text()
    kiosk.portal.up()
    kiosk.sync_now()
    kiosk.wait_until(lambda: kiosk.online is True, timeout=20)
    assert window.status_text().startswith("Trực tuyến"), window.status_text()

    assert kiosk.keys.seen == [], kiosk.keys.report()
    assert (kiosk.finger.taps, kiosk.finger.drags) == (2, kiosk.finger.drags)
