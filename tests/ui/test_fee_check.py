"""The fee as a person meets it (issue #17): chứng thực bản sao, 1 page × 2 copies, typed through the real
window, shows 4.000 đồng on "Kiểm tra lại thông tin"; the sandbox portal answers the same figure and the
VietQR code on the confirmation page asks for it (EMVCo tag 54), as the receipt prints it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.config import Config
from kiosk.crypto import training_key
from kiosk.receipt import build_receipt
from kiosk.store import DossierState, Store
from kiosk.vietqr import parse_vietqr
from sync.client import PortalClient
from sync.clock import system_clock
from sync.sandbox import start_in_thread
from sync.service import sync_now
from tests.ui.test_documents import Files
from tests.ui.test_journey import answer, fill_applicant, page_of, qtbot_click
from tests.unit.test_documents import pdf
from ui.context import AppContext
from ui.journey.attachment import AttachmentInput
from ui.journey.check_page import CheckPage
from ui.journey.confirmation import ConfirmationPage
from ui.journey.question_page import QuestionPage
from ui.main_window import MainWindow
from ui.services import Services

CHUNG_THUC = "2.000815"


@pytest.fixture
def context(tmp_path: Path) -> Iterator[AppContext]:
    services = Services(config=Config(mode="post_office"), data_dir=tmp_path / "kiosk", key=training_key())
    ctx = AppContext.create(services)
    yield ctx
    ctx.close()
    services.close()


def tag_54(payload: str) -> str:
    """The amount field of an EMVCo payload, read by walking its top-level ID/length/value objects."""
    at = 0
    while at < len(payload):
        tag, size = payload[at : at + 2], int(payload[at + 2 : at + 4])
        if tag == "54":
            return payload[at + 4 : at + 4 + size]
        at += 4 + size
    raise AssertionError(f"no tag 54 in {payload}")


def test_one_page_two_copies_costs_four_thousand_everywhere(
    qtbot: Any, make_window: Callable[..., MainWindow], context: AppContext, tmp_path: Path
) -> None:
    files = Files(tmp_path / "usb")
    window = make_window(context=context)
    window.file_chooser = files
    window.start_journey(CHUNG_THUC)
    fill_applicant(qtbot, window)
    answer(qtbot, window, "text", "Bằng tốt nghiệp trung học phổ thông")
    answer(qtbot, window, "text", "Sở Giáo dục và Đào tạo Hà Nội")
    answer(qtbot, window, "text", "1")  # Số trang của bản chính
    answer(qtbot, window, "text", "2")  # Số bản cần chứng thực
    page = page_of(window)
    assert isinstance(page, QuestionPage) and isinstance(page.input, AttachmentInput)
    files.put("ban-chinh.pdf", pdf(1))
    qtbot_click(page.input.choose)
    qtbot.waitUntil(page.input.preview.isVisible)
    qtbot_click(page.next_button)
    check = page_of(window)
    assert isinstance(check, CheckPage)
    assert check.fee.text() == "Lệ phí: 4.000 đồng (2 bản × 2.000 đồng)"
    assert "4.000 đồng" in check.spoken_text("vi")  # "Đọc to" says the same figure

    qtbot_click(check.declaration.text)
    qtbot_click(check.consent.box)
    qtbot_click(check.submit)
    qtbot.waitUntil(lambda: isinstance(page_of(window), ConfirmationPage))
    assert window.journey is not None
    ref = window.journey.client_ref

    with start_in_thread(db_path=tmp_path / "portal.sqlite3", backoffice_tick=0) as portal:
        client = PortalClient(portal.url, "kiosk-demo", "demo-secret", "fee-test", clock=system_clock)

        def send(store: Store) -> int:
            return sync_now(store, client, owner="fee-test").sent

        try:
            assert context.tasks.run_store(send).result() == 1
        finally:
            client.close()
    dossier = context.tasks.run_store(lambda store: store.get_dossier(ref)).result()
    assert dossier.state is DossierState.SUBMITTED
    assert (dossier.receipt or {})["fee"] == {"amount": 4000, "currency": "VND"}

    proc = window.catalog.procedures[CHUNG_THUC]  # type: ignore[union-attr]
    done = ConfirmationPage()
    qtbot.addWidget(done)
    done.resize(1366, 768)
    done.show()
    done.show_dossier(proc, dossier, "vi")
    QApplication.processEvents()
    assert done.payment.isVisible() and done.payment.payload is not None
    assert tag_54(done.payment.payload) == "4000"
    assert parse_vietqr(done.payment.payload).amount_vnd == 4000
    assert done.payment.caption.text() == "Quét để nộp lệ phí 4.000 đồng"
    receipt = build_receipt(dossier, proc, "vi")
    assert "Phí, lệ phí: 4.000 đồng (2 bản × 2.000 đồng)" in receipt.plain_text()
    assert receipt.payment is not None and receipt.payment.vietqr == done.payment.payload
    QTest.qWait(1)
