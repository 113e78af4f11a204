"""Self-service privacy timeout: warning with a countdown ≥ 20 s, extend again and again, then clear."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.test_session import CCCD, NAME, TYPED, Kiosk, make_kiosk, visible_dialog
from ui.privacy import IdleWarning, IdleWatch
from ui.session import SessionTimings

__all__ = ["make_kiosk"]
# Milliseconds instead of minutes: 150 ms idle, a 20-"second" countdown of 30 ms ticks.
QUICK = SessionTimings(idle_ms=150, countdown_s=20, tick_ms=30)


def test_a_countdown_shorter_than_20_seconds_is_refused(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    with pytest.raises(ValueError):
        IdleWatch(parent, "vi", countdown_s=19)


def test_idle_warning_counts_down_and_extends_again_and_again(
    make_kiosk: Callable[..., Kiosk], qtbot: QtBot
) -> None:
    kiosk = make_kiosk("self_service", timings=QUICK)
    session = kiosk.session
    ref = kiosk.draft(kind="self_service", name=NAME)
    session.set_draft(ref)
    timeouts: list[bool] = []
    session.idle.did_time_out.connect(lambda: timeouts.append(True))
    for _ in range(3):
        warning = visible_dialog(IdleWarning, qtbot)
        assert warning.heading.text() == "Ông/Bà còn đang dùng máy không?"
        assert warning.countdown.text().startswith("Còn ")
        seconds = int(warning.countdown.text().split()[1])
        assert 0 < seconds <= 20
        assert warning.extend.text() == "Tôi cần thêm thời gian"
        assert warning.focusWidget() is warning.extend  # Enter or Space extends at once
        cover = session.idle.cover  # the citizen's answers are hidden while it counts down
        assert cover is not None and cover.isVisible() and cover.geometry() == kiosk.window.rect()
        shown = kiosk.window.grab().toImage()
        assert shown.pixelColor(shown.width() // 2, shown.height() // 2).name() == "#ffffff"
        seen = {shown.pixelColor(x, y).name() for x in range(0, shown.width(), 40) for y in (60, 400)}
        assert seen == {"#ffffff"}  # header and page alike: one blank surface
        warning.extend.click()
        assert not warning.isVisible()
        assert session.idle.warning is None and session.idle.cover is None
    assert timeouts == []
    assert ref in kiosk.drafts()
    assert session.current_draft() == ref


def test_when_the_countdown_ends_the_screen_is_cleared_and_the_unsaved_draft_discarded(
    make_kiosk: Callable[..., Kiosk], qtbot: QtBot
) -> None:
    kiosk = make_kiosk("self_service", timings=QUICK)
    window, session = kiosk.window, kiosk.session
    assert window.home is not None
    qtbot.keyClicks(window.home.search, TYPED)
    unsaved = kiosk.draft(kind="self_service", name=NAME)
    saved = kiosk.draft(kind="self_service", name=NAME)
    kiosk.store(lambda store: store.save_for_later(saved, "ABCD-EFGH", CCCD))
    session.set_draft(unsaved)
    ended: list[bool] = []
    kiosk.context.events.session_did_end.connect(lambda: ended.append(True))
    visible_dialog(IdleWarning, qtbot)
    qtbot.waitUntil(lambda: ended == [True], timeout=5000)
    assert session.idle.warning is None
    assert window.home.search.text() == ""
    assert window.stack.currentWidget() is window.home
    assert kiosk.drafts() == {saved}  # the unsaved one is gone, the saved one stays
    assert session.current_draft() is None


def test_assisted_terminals_have_no_idle_timeout(make_kiosk: Callable[..., Kiosk], qtbot: QtBot) -> None:
    kiosk = make_kiosk("post_office", timings=QUICK)
    qtbot.wait(400)
    assert not kiosk.session.idle.active
    assert [w for w in QApplication.topLevelWidgets() if isinstance(w, IdleWarning)] == []
