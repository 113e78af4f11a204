"""The app with a database it cannot use (kiosk.store.guard): the window says what to do, writes nothing."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.catalog import Catalog
from kiosk.config import Config
from kiosk.crypto import training_key
from kiosk.store.guard import MARKER_NAME
from ui.app import start_app
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
