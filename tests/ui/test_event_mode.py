"""Volunteer event mode: start an event with its ward, the running tally on screen, "Người tiếp theo"."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.catalog import Catalog
from kiosk.events_tally import SETTING, new_event, save_event
from kiosk.store import Assisted, Store
from tests.ui.test_agent_steps import build, close, on_store, settle
from tests.ui.test_journey import qtbot_click, type_text
from ui.privacy import ConfirmDialog

KHAI_SINH, TRICH_LUC = "1.001193", "2.000635"
NAME = "Nguyễn Thị Bích Ngọc"


def new_draft(context: Any, code: str) -> str:
    def work(store: Store) -> str:
        ref = store.create_draft(code, "1", Assisted("community_team", "TN-0001", None, None))
        store.save_answers(ref, {"full_name": NAME, "id_number": "001185012345"}, {})
        return ref

    ref: str = on_store(context, work)
    context.events.dossier_did_change.emit(ref)
    return ref


def test_a_volunteer_starts_an_event_and_sees_its_tally_grow(
    qtbot: Any, catalog: Catalog, tmp_path: Path
) -> None:
    window, context = build(qtbot, catalog, tmp_path, mode="community_team")
    try:
        link = window.event_mode
        assert link.button.isVisible() and link.button.text() == "Sự kiện"
        assert not window.agents.sign_out_button.isVisible()
        qtbot_click(link.button)
        page = link.page
        assert window.stack.currentWidget() is page and page.heading.text() == "Sự kiện hỗ trợ người dân"
        assert page.name.hasFocus() and page.day.text()  # today, already filled in
        qtbot_click(page.start)
        qtbot.waitUntil(page.problem.isVisible)
        assert page.problem.text() == "Hãy nhập tên sự kiện."
        type_text(page.name, "Ngày hội dịch vụ công")
        qtbot_click(page.start)
        assert page.problem.text() == "Hãy chọn tỉnh/thành phố rồi chọn phường/xã tổ chức sự kiện."
        type_text(page.ward.province_search, "ha noi")
        type_text(page.ward.ward_search, "hoan kiem")
        page.day.clear()
        QTest.keyClicks(page.day, "22/11/2026")
        QTest.keyClick(page.day, Qt.Key.Key_Return)  # Enter in the last field starts it
        qtbot.waitUntil(lambda: page.current is not None, timeout=10_000)
        assert page.heading.text() == "Ngày hội dịch vụ công"
        assert page.where.text() == "Phường Hoàn Kiếm · 22/11/2026"
        assert page.tally.text() == "Đã bắt đầu 0 hồ sơ · Chờ gửi 0 · Đã gửi 0"
        assert link.strip.isVisible()
        assert link.strip_label.text().startswith(
            "Sự kiện: Ngày hội dịch vụ công · Phường Hoàn Kiếm · 22/11/2026"
        )

        refs = [new_draft(context, code) for code in (KHAI_SINH, KHAI_SINH, TRICH_LUC)]
        on_store(context, lambda store: store.finalize(refs[2], "TN-0001"))
        context.events.dossier_did_change.emit(refs[2])
        settle(qtbot, context)
        # Filed with no portal: saved and waiting, not "Đã nộp" (issue #17).
        qtbot.waitUntil(
            lambda: page.tally.text() == "Đã bắt đầu 3 hồ sơ · Chờ gửi 1 · Đã gửi 0", timeout=10_000
        )
        assert link.strip_label.text().endswith("Đã bắt đầu 3 hồ sơ · Chờ gửi 1 · Đã gửi 0")
        texts = [w.text() for w in page.running.findChildren(type(page.tally)) if w.isVisible()]
        assert "Đăng ký khai sinh: 2" in texts, texts

        # Kept as references only: the citizens' names are nowhere in the event's record.
        stored = on_store(context, lambda store: store.get_setting(SETTING))
        assert NAME not in stored and "001185012345" not in stored
        assert set(json.loads(stored)["refs"]) == set(refs)

        # "Người tiếp theo" from the event page: home, the event and its tally stay.
        ended: list[bool] = []
        context.events.session_did_end.connect(lambda: ended.append(True))
        qtbot_click(page.next_person)
        assert ended == [True] and window.stack.currentWidget() is window.home
        assert link.strip.isVisible()

        # Ending the event asks first, saying its figures are kept; then the strip goes and the event is
        # listed with its tally among the ended ones (ending it used to erase its figures).
        qtbot_click(link.button)
        qtbot_click(page.end)
        (confirm,) = [d for d in window.findChildren(ConfirmDialog) if d.isVisible()]
        assert "được giữ lại" in confirm.text.text()
        qtbot_click(confirm.yes)
        qtbot.waitUntil(lambda: link.current is None, timeout=10_000)
        assert not link.strip.isVisible() and page.form.isVisible()
        assert on_store(context, lambda store: store.get_setting(SETTING)) is None
        qtbot.waitUntil(page.ended_heading.isVisible, timeout=10_000)
        lines = [w.text() for w in page.form.findChildren(type(page.tally)) if w.isVisible()]
        ended_line = (
            "Ngày hội dịch vụ công · Phường Hoàn Kiếm · 22/11/2026: Đã bắt đầu 3 hồ sơ · Chờ gửi 1 · Đã gửi 0"
        )
        assert ended_line in lines, lines
    finally:
        close(context)


def test_post_office_terminals_have_no_event_mode(qtbot: Any, catalog: Catalog, tmp_path: Path) -> None:
    window, context = build(qtbot, catalog, tmp_path, mode="post_office")
    try:
        assert not window.event_mode.button.isVisible() and not window.event_mode.strip.isVisible()
        window.event_mode.open()
        assert window.stack.currentWidget() is not window.event_mode.page
    finally:
        close(context)


def test_a_running_event_shows_when_event_mode_is_installed_after_the_first_frame(
    qtbot: Any, catalog: Catalog, tmp_path: Path
) -> None:
    """The app installs event mode just after the home screen has painted; the event must still show."""
    window, context = build(qtbot, catalog, tmp_path, mode="community_team", features=False)
    try:
        event = new_event("Ngày hội dịch vụ công", "01", "00070", "22/11/2026", datetime.now(UTC))
        on_store(context, lambda store: save_event(store, event))
        window.install_features()
        link = window.event_mode
        qtbot.waitUntil(link.strip.isVisible, timeout=10_000)
        assert link.strip_label.text().startswith("Sự kiện: Ngày hội dịch vụ công")
        assert link._page is not None and link.page.current == event  # shown on its page too
    finally:
        close(context)
