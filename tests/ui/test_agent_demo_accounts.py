"""Training mode lists the sandbox's practice agent accounts on the sign-in page; never outside it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.catalog import Catalog
from kiosk.config import Config
from kiosk.crypto import training_key
from sync.sandbox.server import RunningSandbox, start_in_thread
from tests.ui.test_agent_steps import LAN, PIN, close, set_pin, signed_in
from tests.ui.test_journey import qtbot_click
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.services import SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, Services


@pytest.fixture(scope="module")
def portal() -> Iterator[RunningSandbox]:
    with start_in_thread(host="127.0.0.1") as running:
        yield running


def build(
    qtbot: Any, catalog: Catalog, data_dir: Path, portal: RunningSandbox, *, training: bool
) -> MainWindow:
    config = Config(
        mode="post_office",
        portal_url=portal.url,
        client_id=SANDBOX_CLIENT_ID,
        client_secret=SANDBOX_CLIENT_SECRET,
    )
    services = Services(
        config=config,
        data_dir=data_dir,
        key=training_key(),
        training=training,
        demo_accounts=portal.demo_accounts(),
    )
    window = MainWindow(catalog, context=AppContext.create(services))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def shown_texts(window: MainWindow) -> str:
    return "\n".join(w.text() for w in window.findChildren(QLabel) if w.isVisible())


def test_training_mode_lists_the_practice_accounts_and_one_press_fills_them_in(
    qtbot: Any, catalog: Catalog, tmp_path: Path, portal: RunningSandbox
) -> None:
    window = build(qtbot, catalog, tmp_path, portal, training=True)
    assert window.context is not None
    try:
        qtbot_click(window.agents.sign_in_button)
        page = window.agents.page
        assert page.demo.isVisible()
        texts = shown_texts(window)
        assert "Tài khoản tập huấn (chỉ có ở chế độ tập huấn)" in texts
        assert "buudien01 · mật khẩu matkhau01 — Nguyễn Thị Lan, Bưu điện Trung tâm Sài Gòn" in texts
        assert "tinhnguyen01 · mật khẩu matkhau01" in texts
        assert "khoa01 · mật khẩu matkhau01" in texts and "tài khoản bị khoá" in texts
        assert "bạn" not in texts.lower()
        first = next(b for b in page.demo_buttons if b.objectName() == "agent-demo-buudien01")
        qtbot_click(first)
        assert page.username.text() == "buudien01" and page.password.text() == "matkhau01"
        assert QApplication.focusWidget() is page.submit
        qtbot_click(page.submit)
        set_pin(qtbot, window, PIN, PIN)
        qtbot.waitUntil(lambda: signed_in(window), timeout=10_000)
        assert window.agents.name_label.text() == f"Cán bộ: {LAN}"
    finally:
        close(window.context)


def test_a_real_terminal_never_lists_practice_accounts(
    qtbot: Any, catalog: Catalog, tmp_path: Path, portal: RunningSandbox
) -> None:
    window = build(qtbot, catalog, tmp_path, portal, training=False)
    assert window.context is not None
    try:
        qtbot_click(window.agents.sign_in_button)
        page = window.agents.page
        assert window.stack.currentWidget() is page
        assert not page.demo.isVisible() and page.demo_buttons == []
        texts = shown_texts(window)
        assert "matkhau01" not in texts and "buudien01" not in texts
    finally:
        close(window.context)
