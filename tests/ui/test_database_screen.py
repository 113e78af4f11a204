"""The app with a database it cannot use (kiosk.store.guard): the window says what to do, writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from kiosk.catalog import Catalog
from kiosk.config import SELF_SERVICE, Config
from kiosk.crypto import training_key
from kiosk.errors import KioskError
from kiosk.store.guard import MARKER_NAME
from ui.app import Paused, start_app
from ui.services import Services


def test_a_missing_database_of_a_used_terminal_covers_the_window_with_what_to_do(
    qtbot: QtBot, catalog: Catalog, tmp_path: Path
) -> None:
    data = tmp_path / "kiosk"
    data.mkdir()
    (data / MARKER_NAME).write_text('{"audit_seq": 25}', encoding="utf-8")  # it kept dossiers before
    services = Services(config=Config(mode="post_office"), data_dir=data, key=training_key())
    running = start_app([], catalog_loader=lambda: catalog, services=services)
    window = running.window
    try:
        qtbot.waitUntil(
            lambda: window.error_page is not None and window.stack.currentWidget() is window.error_page,
            timeout=10_000,
        )
        assert window.error_title.text() == "Ki-ốt tạm ngừng: cơ sở dữ liệu cần được kiểm tra"
        assert "kiosk restore" in window.error_text.text()
        assert not (data / "kiosk.db").exists()  # nothing re-created
    finally:
        window.close()
        running.shutdown()
        services.close()


@pytest.mark.parametrize("scale", [100, 200])
def test_a_self_service_kiosk_without_its_data_key_is_paused_politely_with_the_fix_for_staff(
    qtbot: QtBot, scale: int
) -> None:
    problem = KioskError("key.missing_with_data", where="/var/lib/kiosk/kiosk.key", data="kiosk.db")
    paused = Paused(problem, "key.app_title", SELF_SERVICE)
    running = start_app([], catalog_loader=no_catalog, text_scale=scale, paused=paused)
    window = running.window
    try:
        assert window.error_page is not None and window.stack.currentWidget() is window.error_page
        assert window.error_title.text() == "Ki-ốt tạm ngừng: thiếu khóa dữ liệu"
        assert window.error_notice.isVisible()  # residents: paused, staff can help
        assert window.error_notice.text().startswith(
            "Xin lỗi, ki-ốt đang tạm ngừng phục vụ. Vui lòng liên hệ"
        )
        assert "bạn" not in window.error_notice.text().lower()
        assert window.error_staff.text() == "Dành cho nhân viên kỹ thuật:"
        assert "kiosk key import" in window.error_text.text()  # the operator's fix
        assert not window.error_page.findChildren(QAbstractButton)  # nothing a resident could act on
        scroll = window.error_page.horizontalScrollBar()
        assert scroll.maximum() == 0  # the text wraps at 200 % too
        assert not window.status.isVisible()  # no queue or connection to report while paused
        assert running.parts.lockdown is not None and not running.parts.lockdown.may_close()
    finally:
        running.shutdown()  # the lockdown first: a self-service window refuses to close
        window.close()


def test_an_assisted_kiosk_paused_for_its_key_shows_no_residents_line(qtbot: QtBot) -> None:
    problem = KioskError("key.missing_with_data_keyring", data="kiosk.db")
    running = start_app([], catalog_loader=no_catalog, paused=Paused(problem, "key.app_title", "post_office"))
    window = running.window
    try:
        assert window.error_page is not None and window.stack.currentWidget() is window.error_page
        assert not window.error_notice.isVisible() and not window.error_staff.isVisible()
        assert "kiosk key import" in window.error_text.text()
        assert running.parts.lockdown is not None and running.parts.lockdown.may_close()  # staff close it
    finally:
        window.close()
        running.shutdown()


def no_catalog() -> Catalog:
    raise AssertionError("a paused kiosk loads no catalog")
