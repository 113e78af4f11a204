"""Agent sign-in against the sandbox portal, the PIN, offline sign-in, the idle lock, and sign-out."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from kiosk.catalog import Catalog
from kiosk.store import DossierState
from sync.sandbox.server import RunningSandbox, start_in_thread
from sync.service import sync_now
from tests.ui.test_agent_steps import (
    LAN,
    PIN,
    build,
    close,
    draw_signature,
    on_store,
    set_pin,
    settle,
    sign_in,
    signed_in,
    start_journey,
    submit,
)
from tests.ui.test_journey import fill_to_check, page_of, qtbot_click
from ui.journey.confirmation import ConfirmationPage


@pytest.fixture
def portal() -> Iterator[RunningSandbox]:
    with start_in_thread(host="127.0.0.1") as running:
        yield running


def header(window: Any) -> str:
    agents = window.agents
    return agents.name_label.text() if agents.name_label.isVisible() else agents.sign_in_button.text()


def test_online_sign_in_sets_a_pin_shows_the_agent_and_signs_out(
    qtbot: Any, catalog: Catalog, tmp_path: Path, portal: RunningSandbox
) -> None:
    window, context = build(qtbot, catalog, tmp_path, portal.url)
    try:
        assert header(window) == "Cán bộ đăng nhập"
        sign_in(qtbot, window, "buudien01", "matkhau01")
        # First online sign-in on this terminal: the PIN, typed twice; too short first.
        set_pin(qtbot, window, "1234", "1234")
        page = window.agents.pin_page
        qtbot.waitUntil(page.problem.isVisible, timeout=10_000)
        assert page.problem.text() == "Mã PIN phải có ít nhất 6 chữ số (chỉ gồm số)."
        assert page.first.text() == "" and page.second.text() == ""
        QTest.keyClicks(page.first, PIN)
        QTest.keyClicks(page.second, PIN)
        qtbot_click(page.save)
        qtbot.waitUntil(lambda: signed_in(window), timeout=10_000)
        assert header(window) == f"Cán bộ: {LAN}"
        assert (
            window.agents.sign_out_button.isVisible() and window.agents.sign_out_button.text() == "Đăng xuất"
        )
        assert window.stack.currentWidget() is window.home
        assert window.agents.desk.session is not None and window.agents.desk.session.online
        # Nothing typed stays in the sign-in page.
        assert window.agents.page.password.text() == "" and window.agents.page.username.text() == ""

        qtbot_click(window.agents.sign_out_button)
        assert not signed_in(window) and window.agents.agent_id() is None
        assert header(window) == "Cán bộ đăng nhập"
        # The next online sign-in goes straight in: the PIN is remembered (sealed) for this agent.
        sign_in(qtbot, window, "buudien01", "matkhau01")
        qtbot.waitUntil(lambda: signed_in(window), timeout=10_000)
        assert window.stack.currentWidget() is window.home
        # Resetting the PIN needs the password (an online sign-in), then the new PIN twice.
        qtbot_click(window.agents.sign_out_button)
        qtbot_click(window.agents.sign_in_button)
        QTest.keyClicks(window.agents.page.username, "buudien01")
        QTest.keyClicks(window.agents.page.password, "matkhau01")
        qtbot_click(window.agents.page.reset_pin)
        set_pin(qtbot, window, "135790", "135790")
        qtbot.waitUntil(lambda: signed_in(window), timeout=10_000)
        now = datetime.now(UTC)
        assert (
            on_store(context, lambda store: store.check_agent_pin("buudien01", "135790", now)).id == "BD-0001"
        )
    finally:
        close(context)


@pytest.mark.parametrize(
    ("username", "password", "said"),
    [
        ("khoa01", "matkhau01", "Tài khoản này đang bị khóa. Hãy liên hệ người quản lý để mở khóa."),
        ("buudien01", "sai-mat-khau", "Tên đăng nhập hoặc mật khẩu không đúng. Hãy nhập lại."),
    ],
)
def test_a_locked_account_or_a_wrong_password_is_told_plainly(
    qtbot: Any,
    catalog: Catalog,
    tmp_path: Path,
    portal: RunningSandbox,
    username: str,
    password: str,
    said: str,
) -> None:
    window, context = build(qtbot, catalog, tmp_path, portal.url)
    try:
        sign_in(qtbot, window, username, password)
        problem = window.agents.page.problem
        qtbot.waitUntil(problem.isVisible, timeout=10_000)
        assert problem.text() == said
        assert not signed_in(window) and window.agents.page.password.text() == ""
    finally:
        close(context)


def test_offline_sign_in_with_the_pin_files_a_dossier_carrying_the_agent_id(
    qtbot: Any, catalog: Catalog, tmp_path: Path, portal: RunningSandbox
) -> None:
    window, context = build(qtbot, catalog, tmp_path, portal.url)
    try:
        sign_in(qtbot, window, "tinhnguyen01", "matkhau01")
        set_pin(qtbot, window)
        qtbot.waitUntil(lambda: signed_in(window), timeout=10_000)
        qtbot_click(window.agents.sign_out_button)
        portal.stop()  # the event has no network

        sign_in(qtbot, window, "tinhnguyen01", "matkhau01")  # online first: the portal is gone
        problem = window.agents.page.problem
        qtbot.waitUntil(problem.isVisible, timeout=20_000)
        assert "Đăng nhập không có mạng" in problem.text()
        sign_in(qtbot, window, "tinhnguyen01", "999999", offline=True)
        qtbot.waitUntil(problem.isVisible, timeout=10_000)
        assert problem.text() == "Mã PIN không đúng. Còn 2 lần thử."
        assert not signed_in(window)
        page = window.agents.page
        QTest.keyClicks(page.pin, PIN)
        qtbot.keyClick(page.pin, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: signed_in(window), timeout=10_000)
        assert header(window) == "Cán bộ: Lê Minh Anh (không có mạng)"

        start_journey(qtbot, window)
        settle(qtbot, context)
        check = fill_to_check(qtbot, window)
        assert check.consent_panel.isVisible()
        # Consent ticked but not signed: the summary says what is missing, nothing is queued.
        submit(qtbot, check)
        assert check.summary.isVisible()
        assert "ký vào ô ký tên" in check.summary.accessibleDescription()
        draw_signature(qtbot, check)
        qtbot_click(check.submit)
        qtbot.waitUntil(lambda: isinstance(page_of(window), ConfirmationPage), timeout=20_000)
        ref = window.journey.client_ref  # type: ignore[union-attr]
        dossier = on_store(context, lambda store: store.get_dossier(ref))
        assert dossier.summary.state is DossierState.QUEUED
        assert dossier.assisted.agent_id == "TN-0001" and dossier.assisted.consent_at is not None
        (signature,) = [a for a in dossier.attachments if a.doc_type == "consent_signature"]
        assert dossier.assisted.authorization_ref == signature.id
        entries = on_store(context, lambda store: store.audit.entries(ref))
        consent = next(e for e in entries if e.action == "consent.recorded")
        assert (consent.actor, consent.on_behalf_of) == ("TN-0001", signature.id)
        assert next(e for e in entries if e.action == "dossier.queued").actor == "TN-0001"
    finally:
        close(context)


def test_the_screen_locks_after_idle_and_opens_with_the_pin(
    qtbot: Any, catalog: Catalog, tmp_path: Path, portal: RunningSandbox
) -> None:
    window, context = build(qtbot, catalog, tmp_path, portal.url)
    try:
        agents = window.agents
        agents.set_lock_timing(timedelta(milliseconds=200), countdown_s=20, tick_ms=5)
        sign_in(qtbot, window, "buudien01", "matkhau01")
        set_pin(qtbot, window)
        qtbot.waitUntil(lambda: signed_in(window), timeout=10_000)
        start_journey(qtbot, window)
        before = page_of(window)
        lock = agents.lock_screen
        qtbot.waitUntil(lock.isVisible, timeout=10_000)
        # The lock covers the whole window, and nothing under it takes a click or a key.
        assert lock.geometry() == window.rect()
        assert not window.centralWidget().isEnabled()
        assert lock.findChild(QLabel, "lock-heading").text() == "Màn hình đã khoá"  # type: ignore[union-attr]
        assert lock.field_label.text() == f"Mã PIN của {LAN}"
        qtbot.waitUntil(lock.field.hasFocus, timeout=5_000)

        QTest.keyClicks(lock.field, "000000")
        qtbot.keyClick(lock.field, Qt.Key.Key_Return)
        qtbot.waitUntil(lock.message.isVisible, timeout=10_000)
        assert lock.message.text() == "Mã PIN không đúng. Còn 2 lần thử."
        assert lock.isVisible()
        QTest.keyClicks(lock.field, PIN)
        qtbot.keyClick(lock.field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not lock.isVisible(), timeout=10_000)
        assert window.centralWidget().isEnabled() and page_of(window) is before
        assert signed_in(window) and agents.idle.active  # and it will lock again after idle
    finally:
        close(context)


def test_dossiers_queued_by_an_agent_are_sent_after_sign_out_with_the_signature(
    qtbot: Any, catalog: Catalog, tmp_path: Path, portal: RunningSandbox
) -> None:
    window, context = build(qtbot, catalog, tmp_path, portal.url)
    try:
        sign_in(qtbot, window, "buudien01", "matkhau01")
        set_pin(qtbot, window)
        qtbot.waitUntil(lambda: signed_in(window), timeout=10_000)
        start_journey(qtbot, window)
        settle(qtbot, context)
        check = fill_to_check(qtbot, window)
        draw_signature(qtbot, check)
        submit(qtbot, check)
        qtbot.waitUntil(lambda: isinstance(page_of(window), ConfirmationPage), timeout=20_000)
        ref = window.journey.client_ref  # type: ignore[union-attr]
        qtbot_click(window.agents.sign_out_button)
        assert not signed_in(window)

        # The next sync runs with the terminal account: nothing waits for the agent.
        with context.services.portal_client() as client:
            summary = on_store(context, lambda store: sync_now(store, client))
        assert summary.sent == 1
        dossier = on_store(context, lambda store: store.get_dossier(ref))
        assert dossier.summary.state is DossierState.SUBMITTED and dossier.summary.dossier_code
        (item,) = on_store(context, lambda store: store.outbox_items(ref))
        body = item.body  # exactly what went to the portal (frozen at the first send)
        assert body["assisted_by"]["agent_id"] == "BD-0001" and body["assisted_by"]["consent_at"]
        (sent,) = [a for a in body["attachments"] if a["doc_type"] == "consent_signature"]
        signature = next(a for a in dossier.attachments if a.doc_type == "consent_signature")
        png = on_store(context, lambda store: store.read_attachment(signature.id))
        upload = portal.sandbox.store.get_upload(sent["upload_id"])  # the portal keeps the verified digest
        assert png.startswith(b"\x89PNG") and upload is not None and upload.complete
        assert upload.sha256 == hashlib.sha256(png).hexdigest() and upload.media_type == "image/png"
        accepted = portal.sandbox.store.dossier_by_client_ref(ref)
        assert accepted is not None and accepted["account"] == "client:kiosk-demo"
    finally:
        close(context)
